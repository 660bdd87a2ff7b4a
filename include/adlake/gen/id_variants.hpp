#pragma once
// IPv4 addresses and ids as the raw logs spell them, valid and invalid
// (CONTRACT 2.1's id and IP rules); `v` picks the spelling.
#include <cstdint>
#include <string>
#include <string_view>

namespace adlake::gen {

// IPv4: valid forms (v < kIpValidVariants) keep the /24, the rest clean to `unknown`.
constexpr int kIpValidVariants = 2;
constexpr int kIpVariants = 13;
void append_ip(std::string& out, uint32_t ip, int v);

// id_md5 spellings: 0 upper case, 1 mixed case (both valid after lowercasing).
constexpr int kIdCaseVariants = 2;
void append_id_recased(std::string& out, std::string_view id, int v);
// Ids the contract rejects (invalid_id).
constexpr int kBadIdVariants = 8;
void append_bad_id(std::string& out, std::string_view id, int v);

// A key longer than the contract's 64 bytes.
void append_overlong_key(std::string& out, std::string_view key);

}  // namespace adlake::gen
