#include "adlake/csv/input_files.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "adlake/core/error.hpp"

namespace adlake::csv {

namespace fs = std::filesystem;

namespace {

bool is_csv_name(const std::string& name) {
  constexpr std::string_view kSuffix = ".csv";
  return name.size() > kSuffix.size() && name.front() != '.' &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

std::uint64_t size_of(const fs::path& path) {
  std::error_code error;
  const auto bytes = fs::file_size(path, error);
  if (error) throw DataError("cannot read " + path.string() + ": " + error.message());
  return bytes;
}

}  // namespace

std::vector<InputFile> list_entity_files(const std::string& raw_dir, const std::string& entity) {
  const fs::path raw(raw_dir);
  std::error_code error;
  if (!fs::is_directory(raw, error)) {
    throw DataError("input folder " + raw_dir + " does not exist or is not a folder");
  }
  const fs::path folder = raw / entity;
  const fs::path single = raw / (entity + ".csv");
  const bool has_folder = fs::is_directory(folder, error);
  const bool has_single = fs::is_regular_file(single, error);
  if (!has_single && fs::symlink_status(single, error).type() != fs::file_type::not_found) {
    throw DataError("cannot read " + single.string() + ": not a regular file");
  }
  if (has_folder && has_single) {
    throw DataError("entity " + entity + " is ambiguous: both " + folder.string() + "/ and " +
                    single.string() + " exist");
  }
  std::vector<InputFile> files;
  if (has_single) {
    files.push_back({entity + ".csv", size_of(single)});
  } else if (has_folder) {
    fs::directory_iterator it(folder, error);
    if (error) throw DataError("cannot list " + folder.string() + ": " + error.message());
    for (const auto& item : it) {
      const std::string name = item.path().filename().string();
      if (!is_csv_name(name)) continue;
      // A *.csv that is a folder or a dangling link is input we cannot read.
      if (!fs::is_regular_file(item.path(), error)) {
        throw DataError("cannot read " + item.path().string() + ": not a regular file");
      }
      files.push_back({entity + "/" + name, size_of(item.path())});
    }
    std::sort(files.begin(), files.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  }
  if (files.empty()) {
    throw DataError("entity " + entity + " has no input file: expected " + folder.string() +
                    "/*.csv or " + single.string());
  }
  return files;
}

}  // namespace adlake::csv
