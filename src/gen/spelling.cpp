#include "adlake/gen/spelling.hpp"

#include <charconv>

namespace adlake::gen {

char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

void append_title(std::string& out, std::string_view s) {
  bool start = true;
  for (char c : s) {
    out.push_back(start ? upper(c) : lower(c));
    start = c == '_' || c == ' ';
  }
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// "i.ffffff" with exactly six fraction digits.
void append_micros6(std::string& out, int64_t micros) {
  append_int(out, micros / 1000000);
  out.push_back('.');
  append_padded(out, static_cast<uint64_t>(micros % 1000000), 6);
}

// The canonical form: at least two fraction digits, trailing zeros trimmed.
void append_micros_short(std::string& out, int64_t micros) {
  const size_t at = out.size();
  append_micros6(out, micros);
  const size_t dot = out.find('.', at);
  while (out.size() > dot + 3 && out.back() == '0') out.pop_back();
}

void append_tenths(std::string& out, int tenths, char point) {
  append_int(out, tenths / 10);
  out.push_back(point);
  out.push_back(static_cast<char>('0' + tenths % 10));
}

void append_octet(std::string& out, uint32_t ip, int which) {
  append_uint(out, (ip >> (24 - 8 * which)) & 255);
}

// The first `parts` octets of ip, dotted.
void append_dotted(std::string& out, uint32_t ip, int parts) {
  for (int i = 0; i < parts; ++i) {
    if (i > 0) out.push_back('.');
    append_octet(out, ip, i % 4);
  }
}

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_padded(std::string& out, uint64_t v, int width) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  for (int n = static_cast<int>(r.ptr - buf); n < width; ++n) out.push_back('0');
  out.append(buf, r.ptr);
}

}  // namespace adlake::gen
