#include "adlake/csv/record_parser.hpp"

#include <algorithm>
#include <cstring>

#include "adlake/csv/utf8.hpp"

namespace adlake::csv {

namespace {

const char* find(const char* from, const char* end, char byte) {
  return static_cast<const char*>(std::memchr(from, byte, static_cast<std::size_t>(end - from)));
}

char* append(char* out, const char* from, const char* to) {
  const auto n = static_cast<std::size_t>(to - from);
  std::memcpy(out, from, n);
  return out + n;
}

}  // namespace

bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::string_view strip_bom(std::string_view line) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (line.substr(0, kBom.size()) == kBom) line.remove_prefix(kBom.size());
  return line;
}

std::optional<RejectReason> RecordParser::split(std::string_view line) {
  fields_.clear();
  longest_ = 0;
  if (!is_valid_utf8(line)) return RejectReason::InvalidEncoding;
  // An unquoted value is never longer than the line, so the scratch buffer
  // never reallocates while views into it are alive.
  if (scratch_.size() < line.size()) scratch_.resize(std::max(line.size(), 2 * scratch_.size()));
  char* out = scratch_.data();
  const char* p = line.data();
  const char* const end = p + line.size();
  for (;;) {
    std::string_view value;
    if (p < end && *p == '"') {
      // Quoted (2.5: only when the first byte is a quote).
      const char* from = p + 1;
      const char* quote = find(from, end, '"');
      if (quote == nullptr) return RejectReason::UnterminatedQuote;
      const char* after = quote + 1;
      if (after == end || *after == ',') {
        value = std::string_view(from, static_cast<std::size_t>(quote - from));
        p = after;
      } else {
        // Doubled quotes or bytes after the closing quote: build the value.
        char* const value_begin = out;
        for (;;) {
          if (after < end && *after == '"') {
            out = append(out, from, after);  // keeps one of the two quotes
            from = after + 1;
            quote = find(from, end, '"');
            if (quote == nullptr) return RejectReason::UnterminatedQuote;
            after = quote + 1;
            continue;
          }
          out = append(out, from, quote);
          break;
        }
        // After the closing quote, bytes up to the next comma are kept as they are.
        const char* comma = find(after, end, ',');
        p = comma == nullptr ? end : comma;
        out = append(out, after, p);
        value = std::string_view(value_begin, static_cast<std::size_t>(out - value_begin));
      }
    } else {
      const char* comma = find(p, end, ',');
      const char* stop = comma == nullptr ? end : comma;
      value = std::string_view(p, static_cast<std::size_t>(stop - p));
      p = stop;
    }
    fields_.push_back(value);
    longest_ = std::max(longest_, value.size());
    if (p == end) break;
    ++p;  // the comma; a field follows it even at the end of the line
  }
  return std::nullopt;
}

std::optional<RejectReason> RecordParser::parse(std::string_view line,
                                                std::size_t expected_fields) {
  if (auto reason = split(line)) return reason;
  if (fields_.size() != expected_fields) return RejectReason::FieldCount;
  if (longest_ > kMaxFieldBytes) return RejectReason::FieldTooLong;
  return std::nullopt;
}

}  // namespace adlake::csv
