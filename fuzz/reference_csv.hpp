#pragma once
// Slow, obviously-correct reference implementations of CONTRACT 2.2/2.5 for
// differential fuzzing: written from the contract's text, sharing no code with
// src/csv, so a bug has to be made twice to go unnoticed.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adlake::fuzz {

// Decodes code point by code point; rejects overlong forms, surrogates,
// values above U+10FFFF and truncated sequences.
inline bool reference_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead >> 5) == 0x6) {
      n = 2, cp = lead & 0x1F;
    } else if ((lead >> 4) == 0xE) {
      n = 3, cp = lead & 0x0F;
    } else if ((lead >> 3) == 0x1E) {
      n = 4, cp = lead & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 0x2) return false;
      cp = cp << 6 | (c & 0x3F);
    }
    const std::uint32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

enum class RefReason { kEncoding, kQuote };

// Splits a line into unquoted values: a field is quoted only if its first byte
// is `"`; `""` inside quotes is one quote; after the closing quote, bytes up to
// the next comma are appended as they are.
inline std::optional<RefReason> reference_split(std::string_view line,
                                                std::vector<std::string>& fields) {
  fields.clear();
  if (!reference_utf8(line)) return RefReason::kEncoding;
  std::size_t i = 0;
  for (;;) {
    std::string value;
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        const std::size_t q = line.find('"', i);
        if (q == std::string_view::npos) return RefReason::kQuote;
        value.append(line.substr(i, q - i));
        if (q + 1 < line.size() && line[q + 1] == '"') {
          value.push_back('"');
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    const std::size_t comma = line.find(',', i);
    const std::size_t stop = comma == std::string_view::npos ? line.size() : comma;
    value.append(line.substr(i, stop - i));
    fields.push_back(std::move(value));
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  return std::nullopt;
}

// A CSV line that splits back into `fields`: quoted only where needed (a
// comma inside, or a quote as the first byte), so it exercises both forms.
inline std::string encode_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (f > 0) line.push_back(',');
    const std::string& v = fields[f];
    const bool quote = v.find(',') != std::string::npos || (!v.empty() && v[0] == '"');
    if (!quote) {
      line += v;
      continue;
    }
    line.push_back('"');
    for (const char c : v) {
      if (c == '"') line.push_back('"');
      line.push_back(c);
    }
    line.push_back('"');
  }
  return line;
}

}  // namespace adlake::fuzz
