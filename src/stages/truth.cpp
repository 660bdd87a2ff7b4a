#include "adlake/stages/truth.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>

#include "adlake/core/error.hpp"
#include "adlake/csv/input_files.hpp"
#include "adlake/csv/line_reader.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/table_io.hpp"

namespace adlake {

namespace fs = std::filesystem;

namespace {

constexpr const char* kTruthSub = "_truth/click_prob";

std::string truth_under(const fs::path& dir) {
  for (const fs::path& candidate : {dir / kTruthSub, dir / "click_prob", dir}) {
    if (fs::is_directory(candidate) && candidate.filename() == "click_prob") return candidate;
  }
  return {};
}

// RAW as bronze recorded it, when bronze.h5 is there and says.
std::string raw_of_lake(const std::string& lake) {
  const fs::path bronze = fs::path(lake) / "bronze.h5";
  if (!fs::exists(bronze)) return {};
  try {
    const h5::File file = h5::File::open_read(bronze.string());
    for (const std::string& table : h5::list_tables(file)) {
      const auto params = h5::read_table_meta(file, table).params;
      if (params.contains("input") && params["input"].is_string()) return params["input"];
    }
  } catch (const Error&) {
    // An unreadable bronze.h5 only means no truth is found this way.
  }
  return {};
}

// The first 16 hex digits of an id as a number (ids are MD5s in hex, so
// these are evenly spread); false when they are not hex.
bool id_prefix(std::string_view id, uint64_t& key) {
  if (id.size() < 16) return false;
  key = 0;
  for (size_t i = 0; i < 16; ++i) {
    const char c = id[i];
    const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return false;
    key = key << 4 | static_cast<uint64_t>(v);
  }
  return true;
}

// The asked ids sorted by their 16-digit prefix: looking up the truth's
// hundreds of thousands of lines is a binary search in a compact array
// (a hash map of strings spent most of its time on cache misses).
class IdIndex {
 public:
  explicit IdIndex(const std::vector<std::string>& ids) : ids_(ids) {
    for (size_t i = 0; i < ids.size(); ++i) {
      uint64_t key = 0;
      if (id_prefix(ids[i], key)) entries_.push_back({key, i});
    }
    std::sort(entries_.begin(), entries_.end());
  }

  // Index of `id` among the asked ids, or -1.
  int64_t find(std::string_view id) const {
    uint64_t key = 0;
    if (!id_prefix(id, key)) return -1;
    auto it = std::lower_bound(entries_.begin(), entries_.end(), std::pair<uint64_t, size_t>{key, 0});
    for (; it != entries_.end() && it->first == key; ++it) {
      if (ids_[it->second] == id) return static_cast<int64_t>(it->second);
    }
    return -1;
  }

 private:
  const std::vector<std::string>& ids_;
  std::vector<std::pair<uint64_t, size_t>> entries_;
};

double parse_probability(std::string_view text, const std::string& where) {
  double v = 0;
  const auto r = fast_float::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) {
    throw DataError(where + ": '" + std::string(text) + "' is not a probability");
  }
  return v;
}

}  // namespace

std::string find_truth_dir(const std::string& lake, const std::string& explicit_dir) {
  if (!explicit_dir.empty()) {
    const std::string dir = truth_under(explicit_dir);
    if (dir.empty()) {
      throw UsageError("--truth " + explicit_dir + ": no " + kTruthSub + " folder there");
    }
    return dir;
  }
  const std::string raw = raw_of_lake(lake);
  return raw.empty() ? std::string() : truth_under(raw);
}

TruthProbabilities read_truth(const std::string& truth_dir, const std::vector<std::string>& ids) {
  const IdIndex index(ids);
  TruthProbabilities t;
  t.p_click.assign(ids.size(), std::numeric_limits<double>::quiet_NaN());
  t.p_click_features = t.p_click;
  const fs::path dir(truth_dir);
  for (const csv::InputFile& f : csv::list_entity_files(dir.parent_path().string(), "click_prob")) {
    const std::string path = (dir.parent_path() / f.path).string();
    csv::RangeLineReader reader(path, f.bytes, 0, f.bytes);
    std::string_view line;
    int64_t line_no = 0;
    while (reader.next(line)) {
      const std::string where = path + " line " + std::to_string(++line_no);
      if (line_no == 1) {
        if (line.rfind("id_md5,p_click,p_click_features", 0) != 0) {
          throw DataError(where + ": the header is not id_md5,p_click,p_click_features");
        }
        continue;
      }
      if (line.empty()) continue;
      const size_t a = line.find(','), b = line.find(',', a + 1);
      if (a == std::string_view::npos || b == std::string_view::npos) {
        throw DataError(where + ": expected id_md5,p_click,p_click_features");
      }
      const int64_t i = index.find(line.substr(0, a));
      if (i < 0) continue;
      t.p_click[i] = parse_probability(line.substr(a + 1, b - a - 1), where);
      t.p_click_features[i] = parse_probability(line.substr(b + 1), where);
      ++t.found;
    }
  }
  return t;
}

}  // namespace adlake
