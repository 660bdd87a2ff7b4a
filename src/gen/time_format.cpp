#include "adlake/gen/time_format.hpp"

#include <charconv>

namespace adlake::gen {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilTime civil_from_epoch(int64_t seconds) {
  int64_t z = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const auto sod = static_cast<unsigned>(seconds - z * 86400);
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {
      static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d, sod / 3600, sod / 60 % 60, sod % 60};
}

namespace {

void put2(std::string& out, unsigned v) {
  out.push_back(static_cast<char>('0' + v / 10 % 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

void put_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void put_year(std::string& out, int64_t y) {
  put2(out, static_cast<unsigned>(y / 100));
  put2(out, static_cast<unsigned>(y % 100));
}

// "YYYY-MM-DD<sep>HH:MM:SS" of the civil time.
void put_civil(std::string& out, const CivilTime& c, char sep) {
  put_year(out, c.year);
  out.push_back('-');
  put2(out, c.month);
  out.push_back('-');
  put2(out, c.day);
  out.push_back(sep);
  put2(out, c.hour);
  out.push_back(':');
  put2(out, c.minute);
  out.push_back(':');
  put2(out, c.second);
}

void put_fraction(std::string& out, Rng& rng) {
  out.push_back('.');
  const int digits = static_cast<int>(rng.between(1, 9));
  for (int i = 0; i < digits; ++i) out.push_back(static_cast<char>('0' + rng.below(10)));
}

// Local time at `offset_minutes` east of UTC, followed by the offset.
void put_with_offset(std::string& out, int64_t t, int offset_minutes, char sep, bool fraction,
                     Rng& rng) {
  put_civil(out, civil_from_epoch(t + offset_minutes * 60), sep);
  if (fraction) put_fraction(out, rng);
  out.push_back(offset_minutes < 0 ? '-' : '+');
  const unsigned a = static_cast<unsigned>(offset_minutes < 0 ? -offset_minutes : offset_minutes);
  put2(out, a / 60);
  out.push_back(':');
  put2(out, a % 60);
}

// Offsets of real zones, plus the contract's extreme +23:59.
int pick_offset(Rng& rng, bool negative) {
  static constexpr int kEast[] = {60, 120, 180, 330, 345, 480, 540, 570, 600, 765, 840, 1439};
  static constexpr int kWest[] = {-60, -180, -210, -240, -300, -360, -420, -480, -600, -720};
  if (negative) return kWest[rng.below(std::size(kWest))];
  return kEast[rng.below(std::size(kEast))];
}

}  // namespace

void append_timestamp(std::string& out, int64_t t, TsForm form, Rng& rng) {
  switch (form) {
    case TsForm::Space:
      put_civil(out, civil_from_epoch(t), ' ');
      return;
    case TsForm::IsoT:
      put_civil(out, civil_from_epoch(t), 'T');
      return;
    case TsForm::IsoZ:
      put_civil(out, civil_from_epoch(t), 'T');
      out.push_back('Z');
      return;
    case TsForm::SpaceFraction:
      put_civil(out, civil_from_epoch(t), ' ');
      put_fraction(out, rng);
      return;
    case TsForm::IsoFractionZ:
      put_civil(out, civil_from_epoch(t), 'T');
      put_fraction(out, rng);
      out.push_back('Z');
      return;
    case TsForm::PlusOffset:
      put_with_offset(out, t, pick_offset(rng, false), 'T', false, rng);
      return;
    case TsForm::MinusOffset:
      put_with_offset(out, t, pick_offset(rng, true), ' ', false, rng);
      return;
    case TsForm::FractionOffset:
      put_with_offset(out, t, pick_offset(rng, rng.chance(0.5)), 'T', true, rng);
      return;
    case TsForm::EpochSeconds:
      put_int(out, t);
      return;
    case TsForm::EpochMillis:
      put_int(out, t * 1000 + static_cast<int64_t>(rng.below(1000)));
      return;
    case TsForm::kCount:
      break;
  }
  put_civil(out, civil_from_epoch(t), ' ');
}

namespace {

// A civil time with one field out of range; false if `kind` is not one.
bool append_bad_field(std::string& out, const CivilTime& c, BadTs kind) {
  const auto put = [&out](const CivilTime& x, char sep) {
    put_civil(out, x, sep);
    return true;
  };
  switch (kind) {
    case BadTs::Feb30:
      return put({c.year, 2, 30, c.hour, c.minute, c.second}, ' ');
    case BadTs::Feb29NonLeap:
      return put({2023, 2, 29, c.hour, c.minute, c.second}, 'T');
    case BadTs::Month13:
      return put({c.year, 13, c.day, c.hour, c.minute, c.second}, ' ');
    case BadTs::Hour24:
      return put({c.year, c.month, c.day, 24, c.minute, c.second}, 'T');
    case BadTs::Minute60:
      return put({c.year, c.month, c.day, c.hour, 60, c.second}, ' ');
    case BadTs::Second60:
      return put({c.year, c.month, c.day, c.hour, c.minute, 60}, 'T');
    default:
      return false;
  }
}

// A valid time in a shape the contract does not accept; false if `kind` is
// not one.
bool append_bad_shape(std::string& out, const CivilTime& c, BadTs kind) {
  const size_t at = out.size();
  switch (kind) {
    case BadTs::LowercaseT:
      put_civil(out, c, 't');
      return true;
    case BadTs::LowercaseZ:
      put_civil(out, c, 'T');
      out.push_back('z');
      return true;
    case BadTs::OffsetTooLarge:
      put_civil(out, c, 'T');
      out += "+24:00";
      return true;
    case BadTs::OffsetNoColon:
      put_civil(out, c, 'T');
      out += "+0200";
      return true;
    case BadTs::NoSeconds:
      put_civil(out, c, 'T');
      out.resize(out.size() - 3);
      return true;
    case BadTs::Slashes:
      put_civil(out, c, ' ');
      out[at + 4] = '/';
      out[at + 7] = '/';
      return true;
    case BadTs::DayFirst: {  // DD-MM-YYYY hh:mm:ss
      put_civil(out, c, ' ');
      const std::string ymd = out.substr(at, 10);
      out.replace(at, 10, ymd.substr(8, 2) + '-' + ymd.substr(5, 2) + '-' + ymd.substr(0, 4));
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

void append_invalid_timestamp(std::string& out, int64_t t, BadTs kind) {
  const CivilTime c = civil_from_epoch(t);
  if (append_bad_field(out, c, kind) || append_bad_shape(out, c, kind)) return;
  switch (kind) {
    case BadTs::Empty:
      return;
    case BadTs::Garbage:
      out += "not a date";
      return;
    case BadTs::Epoch12Digits:
      put_int(out, t * 100 + 7);
      return;
    case BadTs::Epoch14Digits:
      put_int(out, t * 10000 + 1234);
      return;
    case BadTs::EpochFraction:
      put_int(out, t);
      out += ".5";
      return;
    case BadTs::Before2000:
      out += "1999-12-31 23:59:59";
      return;
    case BadTs::From2100:
      out += "2100-01-01T00:00:00Z";
      return;
    case BadTs::EpochBefore2000:
      out += "946684799";
      return;
    default:
      break;
  }
  out += "?";
}

}  // namespace adlake::gen
