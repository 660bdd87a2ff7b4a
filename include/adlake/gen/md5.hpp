#pragma once
// MD5 (RFC 1321) for the requests' id_md5. Written here because no library in
// the build offers it and the generator needs one digest per request; it is
// not used for anything security-related.
#include <array>
#include <cstdint>
#include <string_view>

namespace adlake::gen {

using Md5Digest = std::array<uint8_t, 16>;

Md5Digest md5(std::string_view data);

// Writes the 32 lowercase hex digits of `digest` to out[0..31].
void to_hex(const Md5Digest& digest, char* out);

}  // namespace adlake::gen
