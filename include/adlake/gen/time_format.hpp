#pragma once
// Timestamps as the raw logs write them: every valid form of CONTRACT 2.1
// (both ISO separators, fractions, Z, +/- offsets, epoch seconds and millis)
// and a catalogue of invalid ones.
#include <cstdint>
#include <string>

#include "adlake/gen/rng.hpp"

namespace adlake::gen {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

struct CivilTime {
  int64_t year;
  unsigned month, day, hour, minute, second;
};
CivilTime civil_from_epoch(int64_t seconds);

// Valid forms; each denotes the same instant once cleaned (fractions dropped,
// offsets applied, millis floored).
enum class TsForm : uint8_t {
  Space,           // 2024-03-04 12:34:56
  IsoT,            // 2024-03-04T12:34:56
  IsoZ,            // 2024-03-04T12:34:56Z
  SpaceFraction,   // 2024-03-04 12:34:56.123
  IsoFractionZ,    // 2024-03-04T12:34:56.123456Z
  PlusOffset,      // 2024-03-04T14:34:56+02:00 (local time, offset up to +23:59)
  MinusOffset,     // 2024-03-04 07:34:56-05:00
  FractionOffset,  // 2024-03-04T12:04:56.5+ -HH:MM
  EpochSeconds,    // 1709555696
  EpochMillis,     // 1709555696123
  kCount
};

// Appends instant `t` (epoch seconds) in form `form`; `rng` picks fraction
// digits, offsets and the millisecond part.
void append_timestamp(std::string& out, int64_t t, TsForm form, Rng& rng);

// Forms that the contract rejects (invalid_timestamp).
enum class BadTs : uint8_t {
  Empty,
  Garbage,       // "not a date"
  Feb30,         // 2024-02-30 ...
  Feb29NonLeap,  // 2023-02-29 ...
  Month13,
  Hour24,
  Minute60,
  Second60,
  LowercaseT,      // 2024-03-04t12:00:00
  LowercaseZ,      // ...12:00:00z
  OffsetTooLarge,  // +24:00
  OffsetNoColon,   // +0200
  NoSeconds,       // 2024-03-04T12:00
  Slashes,         // 2024/03/04 12:00:00
  DayFirst,        // 04-03-2024 12:00:00
  Epoch12Digits,
  Epoch14Digits,
  EpochFraction,    // 1709555696.5
  Before2000,       // 1999-12-31 23:59:59
  From2100,         // 2100-01-01 00:00:00
  EpochBefore2000,  // 946684799
  kCount
};

void append_invalid_timestamp(std::string& out, int64_t t, BadTs kind);

}  // namespace adlake::gen
