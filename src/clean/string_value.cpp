#include "adlake/clean/string_value.hpp"

namespace adlake::clean {

std::optional<std::string_view> request_id(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.empty()) return kUnknownText;
  if (s.size() > kMaxIdBytes) return std::nullopt;
  return s;
}

std::optional<std::string_view> key(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.empty() || s.size() > kMaxIdBytes) return std::nullopt;
  return s;
}

std::string_view name(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.empty()) return kUnknownText;
  if (s.size() <= kMaxNameBytes) return s;
  // s[cut] is the first byte left out; if it continues a character (10xxxxxx),
  // that character started inside the kept part and goes too.
  std::size_t cut = kMaxNameBytes;
  const auto continuation = [&](std::size_t i) {
    return (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  };
  for (int backed = 0; backed < 3 && cut > 0 && continuation(cut); ++backed) --cut;
  return s.substr(0, cut);
}

}  // namespace adlake::clean
