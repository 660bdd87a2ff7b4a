#include <doctest/doctest.h>

#include <string>

#include "adlake/gen/md5.hpp"

namespace {
std::string hex(std::string_view s) {
  char out[32];
  adlake::gen::to_hex(adlake::gen::md5(s), out);
  return std::string(out, 32);
}
}  // namespace

TEST_CASE("md5 matches the RFC 1321 test suite") {
  CHECK(hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(hex("a") == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(hex("abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
        "d174ab98d277d9f5a5611c2c9f419d9f");
  CHECK(hex("1234567890123456789012345678901234567890123456789012345678901234567890123456789"
            "0") == "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("md5 pads correctly around the 56 and 64 byte boundaries") {
  // Known digests of 55, 56 and 64 repetitions of 'a' (python hashlib).
  CHECK(hex(std::string(55, 'a')) == "ef1772b6dff9a122358552954ad0df65");
  CHECK(hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
  CHECK(hex(std::string(64, 'a')) == "014842d480b571495a4a0363793f7367");
}
