#pragma once
// A scratch folder for the csv tests, removed with everything in it.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace adlake::test {

class CsvTempDir {
 public:
  CsvTempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "adlake-csv-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  CsvTempDir(const CsvTempDir&) = delete;
  CsvTempDir& operator=(const CsvTempDir&) = delete;
  ~CsvTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` to path()/relative, creating folders; returns the full path.
  std::string write(const std::string& relative, std::string_view bytes) const {
    const auto full = path_ / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return full.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace adlake::test
