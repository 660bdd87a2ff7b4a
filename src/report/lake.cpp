#include "adlake/report/lake.hpp"

#include <spdlog/fmt/fmt.h>
#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <filesystem>

#include "adlake/core/atomic_file.hpp"

namespace adlake::report {
namespace fs = std::filesystem;

Lake::Lake(std::string dir) : dir_(std::move(dir)) {}
Lake::~Lake() = default;

std::string stage_of_layer(const std::string& layer_name) {
  if (layer_name == "model.h5" || layer_name == "metrics.json") return "train";
  return fs::path(layer_name).stem().string();
}

const h5::File* Lake::layer(const std::string& name) {
  auto found = files_.find(name);
  if (found == files_.end()) {
    const fs::path path = fs::path(dir_) / name;
    std::unique_ptr<h5::File> file;
    if (fs::exists(path)) file = std::make_unique<h5::File>(h5::File::open_read(path.string()));
    found = files_.emplace(name, std::move(file)).first;
  }
  return found->second.get();
}

const h5::File& Lake::require(const std::string& name) {
  const h5::File* file = layer(name);
  if (file == nullptr) {
    throw Unavailable(fmt::format("{} is missing: run adlake {}", name, stage_of_layer(name)));
  }
  return *file;
}

Table Lake::table(const std::string& layer_name, const std::string& path,
                  const std::vector<std::string>& columns) {
  const h5::File& file = require(layer_name);
  if (!h5::table_exists(file, path)) {
    throw Unavailable(fmt::format("{} has no table {}", layer_name, path));
  }
  const auto present = h5::table_columns(file, path);
  for (const auto& c : columns) {
    if (std::find(present.begin(), present.end(), c) == present.end()) {
      throw Unavailable(fmt::format("{}:{} has no column {}", layer_name, path, c));
    }
  }
  return h5::read_table(file, path, 0, h5::table_rows(file, path), columns);
}

h5::TableMeta Lake::meta(const std::string& layer_name, const std::string& path) {
  const h5::File& file = require(layer_name);
  if (!h5::table_exists(file, path)) {
    throw Unavailable(fmt::format("{} has no table {}", layer_name, path));
  }
  return h5::read_table_meta(file, path);
}

const nlohmann::json& Lake::metrics() {
  if (!metrics_) {
    const fs::path path = fs::path(dir_) / "metrics.json";
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) {
      throw Unavailable("metrics.json is missing: run adlake train");
    }
    const std::string text = read_lake_file(path.string());
    try {
      metrics_ = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      throw DataError(path.string() + " is not JSON: " + e.what());
    }
  }
  return *metrics_;
}

std::uint64_t Lake::metrics_bytes() const {
  struct stat st {};
  const fs::path path = fs::path(dir_) / "metrics.json";
  return lstat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

std::vector<double> as_numbers(const Column& column) {
  return std::visit(
      [](const auto& data) {
        using T = std::decay_t<decltype(data)>;
        std::vector<double> out;
        out.reserve(data.size());
        if constexpr (std::is_same_v<T, EnumColumn>) {
          for (const auto code : data.codes) out.push_back(code);
        } else if constexpr (std::is_same_v<T, StringColumn>) {
          for (size_t i = 0; i < data.size(); ++i) {
            const auto s = data.at(i);
            double v = NAN;
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            out.push_back(ec == std::errc() && end == s.data() + s.size() ? v : NAN);
          }
        } else {
          for (const auto v : data) out.push_back(static_cast<double>(v));
        }
        return out;
      },
      column.data);
}

std::vector<std::string> as_texts(const Column& column) {
  return std::visit(
      [](const auto& data) {
        using T = std::decay_t<decltype(data)>;
        std::vector<std::string> out;
        out.reserve(data.size());
        if constexpr (std::is_same_v<T, EnumColumn>) {
          for (size_t i = 0; i < data.size(); ++i) out.emplace_back(data.label(i));
        } else if constexpr (std::is_same_v<T, StringColumn>) {
          for (size_t i = 0; i < data.size(); ++i) out.emplace_back(data.at(i));
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          for (const auto v : data) out.push_back(fmt::format("{}", v));
        } else {
          for (const auto v : data) out.push_back(std::to_string(static_cast<int64_t>(v)));
        }
        return out;
      },
      column.data);
}

const nlohmann::json* find_key(const nlohmann::json& object,
                               std::initializer_list<const char*> names) {
  if (!object.is_object()) return nullptr;
  for (const char* name : names) {
    const auto found = object.find(name);
    if (found != object.end() && !found->is_null()) return &*found;
  }
  return nullptr;
}

double number_at(const nlohmann::json& object, std::initializer_list<const char*> names) {
  const nlohmann::json* v = find_key(object, names);
  return v != nullptr && v->is_number() ? v->get<double>() : NAN;
}

}  // namespace adlake::report
