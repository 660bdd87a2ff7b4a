#pragma once
// An independent reading of CONTRACT 1 and 2 for the generator's tests: a
// line splitter and the value rules, written from the contract's text only,
// so the tests check the generator's output against the contract rather than
// against the generator's own idea of it.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace gen_ref {

inline bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (int k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<size_t>(n) + 1;
  }
  return true;
}

struct Split {
  std::vector<std::string> fields;
  std::string reason;  // empty, or the bronze reject reason
};

// One physical line without its LF or CRLF (CONTRACT 2.2 and 2.5).
inline Split split_line(std::string_view line, size_t expected_fields) {
  Split out;
  if (!valid_utf8(line)) {
    out.reason = "invalid_encoding";
    return out;
  }
  size_t i = 0;
  bool too_long = false;
  while (true) {
    std::string value;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            value.push_back('"');
            i += 2;
          } else {
            ++i;
            closed = true;
            break;
          }
        } else {
          value.push_back(line[i++]);
        }
      }
      if (!closed) {
        out.reason = "unterminated_quote";
        return out;
      }
    }
    while (i < line.size() && line[i] != ',') value.push_back(line[i++]);
    if (value.size() > 4096) too_long = true;
    out.fields.push_back(std::move(value));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  if (expected_fields != 0 && out.fields.size() != expected_fields)
    out.reason = "field_count";
  else if (too_long)
    out.reason = "field_too_long";
  return out;
}

inline bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

inline std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return std::string(s.substr(a, b - a));
}

inline std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

inline std::string upper(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return r;
}

inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

inline int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline std::optional<int64_t> parse_ts(std::string_view raw) {
  const std::string s = trim(raw);
  constexpr int64_t kLow = 946684800, kHigh = 4102444800;  // 2000-01-01, 2100-01-01
  auto in_range = [&](int64_t t) -> std::optional<int64_t> {
    if (t < kLow || t >= kHigh) return std::nullopt;
    return t;
  };
  if (all_digits(s)) {
    if (s.size() <= 11) return in_range(std::stoll(s));
    if (s.size() == 13) return in_range(std::stoll(s) / 1000);
    return std::nullopt;
  }
  auto num = [&](size_t at, size_t n) -> std::optional<int64_t> {
    if (at + n > s.size() || !all_digits(std::string_view(s).substr(at, n))) return std::nullopt;
    return std::stoll(s.substr(at, n));
  };
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':')
    return std::nullopt;
  auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2),
       se = num(17, 2);
  if (!y || !mo || !d || !h || !mi || !se) return std::nullopt;
  if (*mo < 1 || *mo > 12 || *h > 23 || *mi > 59 || *se > 59 || *d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  if (*d > kDays[*mo - 1] + (*mo == 2 && leap ? 1 : 0)) return std::nullopt;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return std::nullopt;
  }
  int64_t offset = 0;
  if (i < s.size() && s[i] == 'Z') {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    if (i + 6 != s.size() || s[i + 3] != ':') return std::nullopt;
    auto oh = num(i + 1, 2), om = num(i + 4, 2);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    offset = (*oh * 60 + *om) * 60 * (s[i] == '-' ? -1 : 1);
    i += 6;
  }
  if (i != s.size()) return std::nullopt;
  const int64_t local = days_from_civil(*y, *mo, *d) * 86400 + *h * 3600 + *mi * 60 + *se;
  return in_range(local - offset);
}

inline std::string clean_device(std::string_view raw) {
  const std::string v = lower(trim(raw));
  if (v == "phone" || v == "mobile" || v == "smartphone") return "phone";
  if (v == "tablet") return "tablet";
  if (v == "desktop" || v == "pc" || v == "computer") return "desktop";
  if (v == "ctv" || v == "tv" || v == "smart_tv" || v == "connected_tv") return "ctv";
  return "unknown";
}

inline std::string clean_os(std::string_view raw) {
  const std::string v = lower(trim(raw));
  if (v.empty()) return "unknown";
  if (v == "android" || v == "ios" || v == "windows" || v == "macos" || v == "linux") return v;
  if (v == "iphone os") return "ios";
  if (v == "mac" || v == "osx" || v == "mac os x") return "macos";
  if (v == "win" || v == "win10" || v == "windows 10") return "windows";
  return "other";
}

inline std::string clean_gender(std::string_view raw) {
  const std::string v = lower(trim(raw));
  if (v == "m" || v == "male" || v == "man") return "M";
  if (v == "f" || v == "female" || v == "woman") return "F";
  return "U";
}

inline std::string clean_category(std::string_view raw) {
  static const char* kList[] = {"gaming", "finance", "shopping", "travel", "sports",
                                "news",   "social",  "health",   "food",   "education"};
  const std::string v = lower(trim(raw));
  for (const char* c : kList)
    if (v == c) return v;
  return "unknown";
}

// Plain decimal number, optional sign where allowed.
inline std::optional<double> parse_decimal(std::string_view raw, bool sign_ok) {
  std::string s = trim(raw);
  if (sign_ok && !s.empty() && (s[0] == '+' || s[0] == '-')) s = s.substr(1);
  const size_t dot = s.find('.');
  const std::string a = s.substr(0, dot);
  const std::string b = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (!all_digits(a) || (dot != std::string::npos && !all_digits(b))) return std::nullopt;
  double v = std::stod(trim(raw));
  return v;
}

inline int clean_age(std::string_view raw) {
  auto v = parse_decimal(raw, true);
  if (!v || *v != static_cast<double>(static_cast<int64_t>(*v)) || *v < 13 || *v > 100) return -1;
  return static_cast<int>(*v);
}

inline double clean_rating(std::string_view raw) {
  auto v = parse_decimal(raw, true);
  if (!v || *v < 0 || *v > 5) return 0.0;
  return *v;
}

inline int clean_slot(std::string_view raw) {
  const std::string s = trim(raw);
  if (!all_digits(s)) return -1;
  const int64_t v = std::stoll(s);
  return v <= 9 ? static_cast<int>(v) : -1;
}

// Money to micros, rounding on the decimal digits (CONTRACT 2.5).
inline std::optional<int64_t> parse_micros(std::string_view raw) {
  const std::string s = trim(raw);
  const size_t dot = s.find('.');
  const std::string a = s.substr(0, dot);
  const std::string b = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (!all_digits(a) || (dot != std::string::npos && !all_digits(b))) return std::nullopt;
  int64_t whole = 0;
  for (char c : a) {
    whole = whole * 10 + (c - '0');
    if (whole >= 1000) return std::nullopt;
  }
  int64_t frac = 0;
  for (size_t k = 0; k < 6; ++k) frac = frac * 10 + (k < b.size() ? b[k] - '0' : 0);
  int64_t micros = whole * 1000000 + frac;
  if (b.size() > 6 && b[6] >= '5') ++micros;
  return micros;
}

inline bool clean_install(std::string_view raw) {
  const std::string v = lower(trim(raw));
  return v == "1" || v == "true" || v == "yes" || v == "y" || v == "t";
}

// ip_prefix of CONTRACT 2.1, or "unknown".
inline std::string clean_ip(std::string_view raw) {
  const std::string s = trim(raw);
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts.size() != 4) return "unknown";
  std::string out;
  for (size_t k = 0; k < 4; ++k) {
    if (!all_digits(parts[k]) || parts[k].size() > 3 || std::stoi(parts[k]) > 255) return "unknown";
    if (k < 3) out += std::to_string(std::stoi(parts[k])) + ".";
  }
  return out + "0/24";
}

inline bool valid_id(std::string_view raw) {
  const std::string v = lower(trim(raw));
  return v.size() == 32 && std::all_of(v.begin(), v.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// A raw CSV file as CONTRACT 1 describes it.
struct CsvFile {
  std::string path;
  bool bom = false, crlf = false, final_newline = true;
  std::vector<std::string> raw_header;   // as written
  std::map<std::string, size_t> column;  // trimmed, lowercased name -> position
  std::vector<std::string> lines;        // data lines, without line ends
  size_t field(const std::string& name) const { return column.at(name); }
};

inline CsvFile read_csv(const std::filesystem::path& path) {
  CsvFile f;
  f.path = path.string();
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
    f.bom = true;
    text.erase(0, 3);
  }
  f.final_newline = !text.empty() && text.back() == '\n';
  size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
      if (first) f.crlf = true;
    }
    if (first) {
      f.raw_header = split_line(line, 0).fields;
      for (size_t i = 0; i < f.raw_header.size(); ++i) f.column[lower(trim(f.raw_header[i]))] = i;
      first = false;
    } else {
      f.lines.push_back(std::move(line));
    }
    start = nl + 1;
  }
  return f;
}

// The part files of RAW/<entity>, sorted by name.
inline std::vector<CsvFile> read_entity(const std::filesystem::path& raw,
                                        const std::string& entity) {
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(raw / entity)) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  std::vector<CsvFile> files;
  for (const auto& p : paths) files.push_back(read_csv(p));
  return files;
}

}  // namespace gen_ref
