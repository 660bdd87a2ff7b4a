// CONTRACT 2.1 `ip` -> `ip_prefix` and 2.5 "IPv4 parts".
#include <doctest/doctest.h>

#include "adlake/clean/ip.hpp"

using adlake::clean::ip_prefix;

TEST_CASE("ip_prefix: dotted IPv4 to a.b.c.0/24") {
  CHECK(ip_prefix("192.168.1.42").view() == "192.168.1.0/24");
  CHECK(ip_prefix("0.0.0.0").view() == "0.0.0.0/24");
  CHECK(ip_prefix("255.255.255.255").view() == "255.255.255.0/24");
  CHECK(ip_prefix("10.0.0.1").view() == "10.0.0.0/24");
  CHECK(ip_prefix(" \t8.8.4.4\t ").view() == "8.8.4.0/24");
}

TEST_CASE("ip_prefix: leading zeros are allowed and dropped") {
  CHECK(ip_prefix("010.001.000.099").view() == "10.1.0.0/24");
  CHECK(ip_prefix("000.000.000.000").view() == "0.0.0.0/24");
  CHECK(ip_prefix("01.02.03.04").view() == "1.2.3.0/24");
}

TEST_CASE("ip_prefix: anything else is unknown") {
  for (const char* bad :
       {"256.1.1.1", "1.256.1.1", "1.1.256.1",  "1.1.1.256",  "999.1.1.1",   "1.2.3",
        "1.2.3.4.5", "1.2.3.",    ".1.2.3",     "1..2.3",     "1.2.3.4.",    "+1.2.3.4",
        "1.2.3.-4",  "1.2.+3.4",  "0001.2.3.4", "1.2.3.0004", "1.2.3.4/24",  "1.2.3.4:80",
        "1 .2.3.4",  "1.2.3.4 5", "a.b.c.d",    "::1",        "2001:db8::1", "1,2,3,4",
        "",          "   ",       "unknown",    "1.2.3.4\r"}) {
    CAPTURE(bad);
    CHECK(ip_prefix(bad).view() == "unknown");
  }
}

TEST_CASE("ip_prefix: the last part never leaks") {
  const auto prefix = ip_prefix("203.0.113.77");
  CHECK(prefix.view().find("77") == std::string_view::npos);
}
