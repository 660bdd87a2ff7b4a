#pragma once
// Money as the raw logs spell it, valid and invalid (CONTRACT 2.1's money
// rules); `v` picks the spelling.
#include <cstdint>
#include <string>
#include <string_view>

namespace adlake::gen {

// Money as the logs write it (USD); every valid form rounds back to `micros`.
constexpr int kMoneyVariants = 5;
void append_money(std::string& out, int64_t micros, int v);
// Money that the contract rejects (invalid_number).
constexpr int kBadMoneyVariants = 11;
void append_bad_money(std::string& out, int64_t micros, int v);

}  // namespace adlake::gen
