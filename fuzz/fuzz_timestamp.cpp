// Fuzzes the timestamp rule (clean/timestamp.hpp, CONTRACT 2.1/2.5).
// Odd first byte: the input is a raw value; accepted values lie in
// [2000-01-01, 2100-01-01), survive trimming, and re-parse to themselves once
// written back as ISO text, epoch seconds and epoch milliseconds.
// Even first byte: the fuzzer's bytes pick the fields of an ISO timestamp,
// and the result is compared with std::chrono's calendar.
#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "adlake/clean/timestamp.hpp"
#include "fuzz_check.hpp"

namespace {

using adlake::clean::kEndTimestamp;
using adlake::clean::kMinTimestamp;
using adlake::clean::timestamp;

std::string iso_z(std::int64_t seconds) {
  using namespace std::chrono;
  const auto days_since = static_cast<int>(seconds / 86400);
  const std::int64_t rest = seconds % 86400;
  const year_month_day ymd{sys_days{days{days_since}}};
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(rest / 3600), int(rest / 60 % 60),
                int(rest % 60));
  return text;
}

void check_raw(std::string_view value) {
  const auto ts = timestamp(value);
  FUZZ_CHECK(timestamp(" \t" + std::string(value) + "\t ") == ts);
  if (!ts) return;
  FUZZ_CHECK(*ts >= kMinTimestamp && *ts < kEndTimestamp);
  FUZZ_CHECK(timestamp(iso_z(*ts)) == ts);
  FUZZ_CHECK(timestamp(std::to_string(*ts)) == ts);
  // Milliseconds have exactly 13 digits (from 2001-09-09); 12 are invalid.
  const std::string millis = std::to_string(*ts * 1000 + 999);
  FUZZ_CHECK(timestamp(millis) == (millis.size() == 13 ? ts : std::nullopt));
}

void check_fields(FuzzedDataProvider& in) {
  const int year = in.ConsumeIntegralInRange(0, 9999);
  const int month = in.ConsumeIntegralInRange(0, 13);
  const int day = in.ConsumeIntegralInRange(0, 32);
  const int hour = in.ConsumeIntegralInRange(0, 25);
  const int minute = in.ConsumeIntegralInRange(0, 61);
  const int second = in.ConsumeIntegralInRange(0, 61);
  const bool space = in.ConsumeBool();
  const int fraction_digits = in.ConsumeIntegralInRange(0, 4);
  const int zone = in.ConsumeIntegralInRange(0, 3);  // none, Z, +, -
  const int off_hours = in.ConsumeIntegralInRange(0, 25);
  const int off_minutes = in.ConsumeIntegralInRange(0, 61);

  char text[64];
  int n = std::snprintf(text, sizeof text, "%04d-%02d-%02d%c%02d:%02d:%02d", year, month, day,
                        space ? ' ' : 'T', hour, minute, second);
  if (fraction_digits > 0) {
    n += std::snprintf(text + n, sizeof text - n, ".%0*d", fraction_digits, 7 % 10);
  }
  if (zone == 1) n += std::snprintf(text + n, sizeof text - n, "Z");
  if (zone >= 2) {
    n += std::snprintf(text + n, sizeof text - n, "%c%02d:%02d", zone == 2 ? '+' : '-', off_hours,
                       off_minutes);
  }

  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                           std::chrono::day{unsigned(day)}};
  bool valid = ymd.ok() && hour <= 23 && minute <= 59 && second <= 59;
  std::int64_t offset = 0;
  if (zone >= 2) {
    valid = valid && off_hours <= 23 && off_minutes <= 59;
    offset = (zone == 2 ? 1 : -1) * (off_hours * 3600 + off_minutes * 60);
  }
  std::int64_t expected = 0;
  if (valid) {
    expected = std::int64_t{sys_days{ymd}.time_since_epoch().count()} * 86400 + hour * 3600 +
               minute * 60 + second - offset;
    valid = expected >= kMinTimestamp && expected < kEndTimestamp;
  }
  const auto ts = timestamp(std::string_view(text, static_cast<std::size_t>(n)));
  FUZZ_CHECK(ts.has_value() == valid);
  if (valid) FUZZ_CHECK(*ts == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] % 2 == 1) {
    check_raw(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  } else {
    FuzzedDataProvider in(data + 1, size - 1);
    check_fields(in);
  }
  return 0;
}
