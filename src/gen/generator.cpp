#include "adlake/gen/generator.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/gen/apps.hpp"
#include "adlake/gen/campaigns.hpp"
#include "adlake/gen/click_model.hpp"
#include "adlake/gen/users.hpp"

namespace adlake::gen {
namespace {

constexpr const char* kTruthDir = "_truth/click_prob";

uint64_t rows_of(const GenParams& p, Entity e) {
  switch (e) {
    case Entity::UserProfiles:
      return p.users;
    case Entity::Campaigns:
      return p.campaigns;
    case Entity::AppMetadata:
      return p.apps;
    default:
      return p.requests;
  }
}

// One write(2) per file: the buffers are built whole in memory.
void write_file(const std::filesystem::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError("cannot create " + path.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw IoError("cannot write " + path.string() + ": " + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0)
    throw IoError("cannot close " + path.string() + ": " + std::strerror(errno));
}

void add_file(GenTotals& t, const std::filesystem::path& path, const std::string& bytes) {
  write_file(path, bytes);
  ++t.files;
  t.bytes += bytes.size();
}

}  // namespace

std::vector<Task> all_tasks(const GenParams& params) {
  std::vector<Task> tasks;
  for (Entity e :
       {Entity::Requests, Entity::UserProfiles, Entity::Campaigns, Entity::AppMetadata}) {
    const uint64_t parts = part_count(rows_of(params, e), params.block_size);
    for (uint64_t p = 0; p < parts; ++p) tasks.push_back({e, p});
  }
  return tasks;
}

std::filesystem::path part_path(const std::filesystem::path& raw, const GenParams& params,
                                Entity entity, uint64_t part, bool truth) {
  const uint64_t parts = part_count(rows_of(params, entity), params.block_size);
  int digits = 1;
  for (uint64_t v = parts > 0 ? parts - 1 : 0; v >= 10; v /= 10) ++digits;
  const std::string number = std::to_string(part);
  const size_t width = static_cast<size_t>(std::max(5, digits));
  std::string name = "part-";
  if (number.size() < width) name.append(width - number.size(), '0');
  name += number;
  name += ".csv";
  return raw / (truth ? std::string(kTruthDir) : std::string(entity_name(entity))) / name;
}

void prepare_output(const std::filesystem::path& raw) {
  namespace fs = std::filesystem;
  std::vector<fs::path> dirs;
  for (int e = 0; e < kEntityCount; ++e) dirs.push_back(raw / entity_name(static_cast<Entity>(e)));
  dirs.push_back(raw / kTruthDir);
  try {
    for (const fs::path& dir : dirs) {
      fs::create_directories(dir);
      for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.starts_with("part-") && name.ends_with(".csv"))
          fs::remove(entry.path());
      }
    }
  } catch (const fs::filesystem_error& e) {
    throw IoError(std::string("cannot prepare output folder: ") + e.what());
  }
}

GenTotals run_tasks(const GenParams& params, const std::filesystem::path& raw,
                    std::span<const Task> tasks, int threads) {
  const CampaignTable campaigns(params);
  const ClickModel model;
  std::vector<GenTotals> results(tasks.size());
  std::exception_ptr failure;

#pragma omp parallel num_threads(threads > 0 ? threads : 1)
  {
    RequestBlock block;
    std::string buffer;
#pragma omp for schedule(dynamic, 1)
    for (size_t t = 0; t < tasks.size(); ++t) {
      try {
        const Task task = tasks[t];
        GenTotals& r = results[t];
        if (task.entity == Entity::Requests) {
          generate_request_block(params, campaigns, model, task.part, block);
          add_file(r, part_path(raw, params, Entity::Requests, task.part), block.requests);
          add_file(r, part_path(raw, params, Entity::Impressions, task.part), block.impressions);
          add_file(r, part_path(raw, params, Entity::Clicks, task.part), block.clicks);
          add_file(r, part_path(raw, params, Entity::Requests, task.part, true), block.truth);
          r.counts = block.counts;
          r.lines = block.lines;
          r.test_samples = block.test_samples;
        } else {
          buffer.clear();
          if (task.entity == Entity::UserProfiles)
            r.lines = write_user_part(params, task.part, buffer);
          else if (task.entity == Entity::Campaigns)
            r.lines = write_campaign_part(params, task.part, buffer);
          else
            r.lines = write_app_part(params, task.part, buffer);
          add_file(r, part_path(raw, params, task.entity, task.part), buffer);
        }
      } catch (...) {
#pragma omp critical(adlake_gen_failure)
        if (!failure) failure = std::current_exception();
      }
    }
  }
  if (failure) std::rethrow_exception(failure);

  GenTotals total;
  for (GenTotals& r : results) {
    total.counts += r.counts;
    total.files += r.files;
    total.lines += r.lines;
    total.bytes += r.bytes;
    total.test_samples.insert(total.test_samples.end(), r.test_samples.begin(),
                              r.test_samples.end());
  }
  return total;
}

}  // namespace adlake::gen
