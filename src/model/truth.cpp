#include "adlake/model/truth.hpp"

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

namespace adlake::model {

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
// hundreds of thousands of lines searches a compact array (a hash map of
// strings spent most of its time on cache misses). The prefixes of MD5s are
// evenly spread, so a table of where each value of the top bits starts
// leaves about one entry to look at (a binary search took 17 steps, most of
// them cache misses, at 150k ids).
class IdIndex {
 public:
  explicit IdIndex(const std::vector<std::string>& ids) : ids_(ids) {
    for (size_t i = 0; i < ids.size(); ++i) {
      uint64_t key = 0;
      if (id_prefix(ids[i], key)) entries_.push_back({key, i});
    }
    std::sort(entries_.begin(), entries_.end());
    while (bits_ < 24 && (size_t{1} << bits_) < entries_.size()) ++bits_;
    first_.assign((size_t{1} << bits_) + 1, 0);
    size_t e = 0;
    for (size_t top = 0; top < first_.size(); ++top) {
      while (e < entries_.size() && (entries_[e].first >> (64 - bits_)) < top) ++e;
      first_[top] = e;
    }
  }

  // Index of `id` among the asked ids, or -1.
  int64_t find(std::string_view id) const {
    uint64_t key = 0;
    if (!id_prefix(id, key)) return -1;
    const uint64_t top = key >> (64 - bits_);
    const auto end = entries_.begin() + first_[top + 1];
    auto it = entries_.begin() + first_[top];
    while (it != end && it->first < key) ++it;
    for (; it != end && it->first == key; ++it) {
      if (ids_[it->second] == id) return static_cast<int64_t>(it->second);
    }
    return -1;
  }

 private:
  const std::vector<std::string>& ids_;
  std::vector<std::pair<uint64_t, size_t>> entries_;
  int bits_ = 1;               // top bits of a prefix that index first_
  std::vector<size_t> first_;  // first entry whose top bits are >= the index
};

// Number parsing only: the line's position is formatted when a line is bad
// (a string built for each of a million lines cost more than the parsing).
bool parse_probability(std::string_view text, double& v) {
  const auto r = fast_float::from_chars(text.data(), text.data() + text.size(), v);
  return r.ec == std::errc() && r.ptr == text.data() + text.size();
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
      ++line_no;
      const auto where = [&] { return path + " line " + std::to_string(line_no); };
      if (line_no == 1) {
        if (line.rfind("id_md5,p_click,p_click_features", 0) != 0) {
          throw DataError(where() + ": the header is not id_md5,p_click,p_click_features");
        }
        continue;
      }
      if (line.empty()) continue;
      const size_t a = line.find(','), b = line.find(',', a + 1);
      if (a == std::string_view::npos || b == std::string_view::npos) {
        throw DataError(where() + ": expected id_md5,p_click,p_click_features");
      }
      const int64_t i = index.find(line.substr(0, a));
      if (i < 0) continue;
      const auto parse = [&](std::string_view text, double& out) {
        if (!parse_probability(text, out)) {
          throw DataError(where() + ": '" + std::string(text) + "' is not a probability");
        }
      };
      parse(line.substr(a + 1, b - a - 1), t.p_click[i]);
      parse(line.substr(b + 1), t.p_click_features[i]);
      ++t.found;
    }
  }
  return t;
}

}  // namespace adlake::model
