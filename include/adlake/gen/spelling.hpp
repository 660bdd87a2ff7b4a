#pragma once
// How the generator spells numbers and letters in the raw logs: the pieces
// every field's variants (gen/variants.hpp, gen/money_variants.hpp,
// gen/id_variants.hpp) are written with. Each appends to `out`.
#include <cstdint>
#include <string>
#include <string_view>

namespace adlake::gen {

// ASCII case changes; other bytes unchanged.
char upper(char c);
char lower(char c);
// "Title_Case": upper case after the start, '_' and ' '.
void append_title(std::string& out, std::string_view s);
// Signed decimal.
void append_int(std::string& out, int64_t v);
// Unsigned decimal.
void append_uint(std::string& out, uint64_t v);
// Zero-padded to `width` digits.
void append_padded(std::string& out, uint64_t v, int width);
// "i.ffffff" with exactly six fraction digits.
void append_micros6(std::string& out, int64_t micros);
// The canonical form: at least two fraction digits, trailing zeros trimmed.
void append_micros_short(std::string& out, int64_t micros);
// "i.t" from tenths.
void append_tenths(std::string& out, int tenths, char point = '.');
// Octet `which` (0 = most significant) of an IPv4 address.
void append_octet(std::string& out, uint32_t ip, int which);
// The first `parts` octets of ip, dotted (octets wrap after the fourth).
void append_dotted(std::string& out, uint32_t ip, int parts);

}  // namespace adlake::gen
