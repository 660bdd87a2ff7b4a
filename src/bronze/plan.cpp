#include "adlake/bronze/plan.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <numeric>

#include "adlake/csv/header.hpp"
#include "adlake/csv/input_files.hpp"
#include "adlake/csv/line_reader.hpp"
#include "adlake/csv/schema.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::bronze {

namespace {

void add_file(EntityInput& input, const std::string& raw_dir, const std::string& label,
              std::uint64_t bytes) {
  input.paths.push_back((std::filesystem::path(raw_dir) / label).string());
  input.labels.push_back(label);
  input.sizes.push_back(bytes);
}

EntityInput empty_input(std::string_view name, std::int32_t first_file_index) {
  const auto& schema = csv::bronze_entity(name);
  return {std::string(schema.name), schema.columns, {}, {}, {}, first_file_index};
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "'" : ", '") + name + "'";
  return out;
}

}  // namespace

std::size_t BronzePlan::file_count() const {
  std::size_t n = 0;
  for (const auto& entity : entities) n += entity.paths.size();
  return n;
}

std::uint64_t BronzePlan::bytes() const {
  std::uint64_t n = 0;
  for (const auto& entity : entities)
    n = std::accumulate(entity.sizes.begin(), entity.sizes.end(), n);
  return n;
}

BronzePlan plan_input(const std::string& raw_dir, std::vector<std::string>& warnings) {
  BronzePlan plan;
  std::int32_t next_index = 0;
  for (const auto& schema : csv::bronze_entities()) {
    EntityInput input = empty_input(schema.name, next_index);
    for (const auto& file : csv::list_entity_files(raw_dir, std::string(schema.name))) {
      add_file(input, raw_dir, file.path, file.bytes);
      const auto header =
          csv::map_header(csv::read_first_line(input.paths.back()), schema.columns, file.path);
      if (!header.extra_columns.empty()) {
        warnings.push_back(file.path + ": ignoring extra column(s) " +
                           joined(header.extra_columns));
      }
    }
    next_index += static_cast<std::int32_t>(input.paths.size());
    plan.entities.push_back(std::move(input));
  }
  return plan;
}

std::string plan_to_json(const BronzePlan& plan) {
  nlohmann::json entities = nlohmann::json::array();
  for (const auto& input : plan.entities) {
    nlohmann::json files = nlohmann::json::array();
    for (std::size_t f = 0; f < input.paths.size(); ++f) {
      files.push_back({{"path", input.labels[f]}, {"bytes", input.sizes[f]}});
    }
    entities.push_back({{"name", input.name}, {"files", files}});
  }
  return entities.dump();
}

BronzePlan plan_from_json(const std::string& text, const std::string& raw_dir) {
  BronzePlan plan;
  std::int32_t next_index = 0;
  for (const auto& entity : nlohmann::json::parse(text)) {
    EntityInput input = empty_input(entity.at("name").get<std::string>(), next_index);
    for (const auto& file : entity.at("files")) {
      add_file(input, raw_dir, file.at("path").get<std::string>(),
               file.at("bytes").get<std::uint64_t>());
    }
    next_index += static_cast<std::int32_t>(input.paths.size());
    plan.entities.push_back(std::move(input));
  }
  return plan;
}

BronzePlan agree_plan(const Comm& comm, const std::string& raw_dir) {
  std::string text = collective_try(comm, [&] {
    if (!comm.is_root()) return std::string();
    std::vector<std::string> warnings;
    const auto plan = plan_input(raw_dir, warnings);
    for (const auto& warning : warnings) spdlog::warn("bronze: {}", warning);
    return plan_to_json(plan);
  });
  broadcast(comm, text);
  return plan_from_json(text, raw_dir);
}

}  // namespace adlake::bronze
