// Fuzzes the value rules and row validators of CONTRACT 2.1 (clean/*.hpp).
// Input: a first byte choosing the entity, then the row's bronze values
// separated by LF (a bronze value never holds an LF). Checked:
// - each value rule alone: id_md5 is 32 hex digits folded to lower case;
//   ip_prefix is `unknown` or `a.b.c.0/24` and never contains the full
//   address; enums re-read their own labels; names are cut at a UTF-8
//   boundary to at most 128 bytes; ids and keys respect 64 bytes;
// - each validator: the reason is that of the first failing column in the
//   entity's column order (2.5), and a kept row holds exactly the values the
//   rules give one by one.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/clean/categorical.hpp"
#include "adlake/clean/id_md5.hpp"
#include "adlake/clean/ip.hpp"
#include "adlake/clean/number.hpp"
#include "adlake/clean/rows.hpp"
#include "adlake/clean/state.hpp"
#include "adlake/clean/string_value.hpp"
#include "adlake/clean/timestamp.hpp"
#include "adlake/csv/utf8.hpp"
#include "fuzz_check.hpp"

namespace {

namespace clean = adlake::clean;
using clean::RejectReason;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The expected prefix of a valid address, or nullopt; `last` gets its 4th part.
std::optional<std::string> reference_prefix(std::string_view s, int& last) {
  std::array<int, 4> parts{};
  std::size_t part = 0;
  std::size_t digits = 0;
  int value = 0;
  for (const char c : s) {
    if (c == '.') {
      if (digits == 0 || part == 3) return std::nullopt;
      parts[part++] = value;
      digits = 0;
      value = 0;
    } else if (c >= '0' && c <= '9' && digits < 3) {
      value = value * 10 + (c - '0');
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || part != 3) return std::nullopt;
  parts[3] = value;
  for (const int p : parts) {
    if (p > 255) return std::nullopt;
  }
  last = parts[3];
  return std::to_string(parts[0]) + "." + std::to_string(parts[1]) + "." +
         std::to_string(parts[2]) + ".0/24";
}

void check_values(std::string_view v) {
  const std::string_view t = trimmed(v);

  const auto id = clean::id_md5(v);
  bool hex32 = t.size() == 32;
  for (const char c : lowered(t))
    hex32 = hex32 && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  FUZZ_CHECK(id.has_value() == hex32);
  if (id) {
    const auto hex = id->hex();
    FUZZ_CHECK(std::string_view(hex.data(), hex.size()) == lowered(t));
  }

  const auto prefix = clean::ip_prefix(v);
  int last = -1;
  const auto expected_prefix = reference_prefix(t, last);
  FUZZ_CHECK(prefix.view() == (expected_prefix ? *expected_prefix : "unknown"));
  // Privacy (CONTRACT 2.1): the full address never reaches the output.
  if (expected_prefix && last != 0) FUZZ_CHECK(prefix.view().find(t) == std::string_view::npos);

  const auto dev = clean::device_type(v);
  FUZZ_CHECK(clean::device_type(clean::label(dev)) == dev);
  const auto os = clean::os(v);
  if (os != clean::Os::kUnknown) FUZZ_CHECK(clean::os(clean::label(os)) == os);
  FUZZ_CHECK((os == clean::Os::kUnknown) == t.empty());
  const auto gender = clean::gender(v);
  FUZZ_CHECK(clean::gender(clean::label(gender)) == gender);
  const auto state = clean::state(v);
  FUZZ_CHECK(clean::state(clean::label(state)) == state);
  if (state != clean::State::kUNK) FUZZ_CHECK(clean::state(clean::state_name(state)) == state);
  const auto category = clean::category(v);
  FUZZ_CHECK(category != clean::Category::kNone);
  FUZZ_CHECK(clean::category(clean::label(category)) == category);
  const auto type = clean::campaign_type(v);
  if (type)
    FUZZ_CHECK(*type != clean::CampaignType::kNone &&
               clean::campaign_type(clean::label(*type)) == type);
  FUZZ_CHECK(clean::is_install(v) <= 1);

  const auto rid = clean::request_id(v);
  FUZZ_CHECK(rid.has_value() == (t.size() <= 64));
  if (rid) FUZZ_CHECK(*rid == (t.empty() ? "unknown" : t));
  const auto key = clean::key(v);
  FUZZ_CHECK(key.has_value() == (!t.empty() && t.size() <= 64));
  if (key) FUZZ_CHECK(*key == t);

  const std::string_view name = clean::name(v);
  FUZZ_CHECK(name.size() <= clean::kMaxNameBytes);
  if (t.empty()) {
    FUZZ_CHECK(name == "unknown");
  } else {
    FUZZ_CHECK(t.substr(0, name.size()) == name);
    FUZZ_CHECK(t.size() <= 128 ? name == t : name.size() >= 125);
    if (adlake::csv::is_valid_utf8(t)) FUZZ_CHECK(adlake::csv::is_valid_utf8(name));
  }
}

// The first failing check, in column order: nullopt when none fails.
std::optional<RejectReason> first_failure(
    std::initializer_list<std::pair<bool, RejectReason>> checks) {
  for (const auto& [ok, reason] : checks) {
    if (!ok) return reason;
  }
  return std::nullopt;
}

void check_row(std::uint8_t entity, const std::vector<std::string_view>& f) {
  using R = RejectReason;
  const auto ok_id = [](std::string_view v) { return clean::id_md5(v).has_value(); };
  const auto ok_ts = [](std::string_view v) { return clean::timestamp(v).has_value(); };
  const auto ok_key = [](std::string_view v) { return clean::key(v).has_value(); };
  const auto ok_rid = [](std::string_view v) { return clean::request_id(v).has_value(); };
  const auto ok_money = [](std::string_view v) { return clean::micros(v).has_value(); };
  switch (entity % 6) {
    case 0: {
      const clean::BronzeRequest in{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
      clean::CleanRequest out;
      const auto reason = clean::clean_request(in, out);
      FUZZ_CHECK(reason == first_failure({{ok_id(f[0]), R::kInvalidId},
                                          {ok_ts(f[1]), R::kInvalidTimestamp},
                                          {ok_rid(f[2]), R::kInvalidId},
                                          {ok_rid(f[3]), R::kInvalidId}}));
      if (reason) return;
      FUZZ_CHECK(out.id_md5 == *clean::id_md5(f[0]) && out.ts == *clean::timestamp(f[1]));
      FUZZ_CHECK(out.user_id.view() == *clean::request_id(f[2]));
      FUZZ_CHECK(out.app_id.view() == *clean::request_id(f[3]));
      FUZZ_CHECK(out.device_type == clean::device_type(f[4]) && out.os == clean::os(f[5]));
      FUZZ_CHECK(out.ip_prefix.view() == clean::ip_prefix(f[6]).view());
      return;
    }
    case 1: {
      const clean::BronzeImpression in{f[0], f[1], f[2], f[3], f[4]};
      clean::CleanImpression out;
      const auto reason = clean::clean_impression(in, out);
      FUZZ_CHECK(reason == first_failure({{ok_id(f[0]), R::kInvalidId},
                                          {ok_ts(f[1]), R::kInvalidTimestamp},
                                          {ok_key(f[2]), R::kMissingKey},
                                          {ok_money(f[4]), R::kInvalidNumber}}));
      if (reason) return;
      FUZZ_CHECK(out.campaign_id.view() == *clean::key(f[2]) && out.slot == clean::slot(f[3]));
      FUZZ_CHECK(out.win_price_micros == *clean::micros(f[4]) && out.win_price_micros >= 0);
      return;
    }
    case 2: {
      const clean::BronzeClick in{f[0], f[1], f[2]};
      clean::CleanClick out;
      const auto reason = clean::clean_click(in, out);
      FUZZ_CHECK(reason == first_failure({{ok_id(f[0]), R::kInvalidId},
                                          {ok_ts(f[1]), R::kInvalidTimestamp}}));
      if (!reason) FUZZ_CHECK(out.is_install == clean::is_install(f[2]));
      return;
    }
    case 3: {
      const clean::BronzeUser in{f[0], f[1], f[2], f[3], f[4], f[5]};
      clean::CleanUser out;
      const auto reason = clean::clean_user(in, out);
      FUZZ_CHECK(reason == first_failure({{ok_key(f[0]), R::kMissingKey},
                                          {ok_ts(f[5]), R::kInvalidTimestamp}}));
      if (reason) return;
      FUZZ_CHECK(out.age == clean::age(f[1]) && out.age_bucket == clean::age_bucket(out.age));
      FUZZ_CHECK(out.gender == clean::gender(f[2]) && out.state == clean::state(f[3]));
      FUZZ_CHECK(out.interest == clean::category(f[4]));
      FUZZ_CHECK(out.updated_at == *clean::timestamp(f[5]));
      return;
    }
    case 4: {
      const clean::BronzeCampaign in{f[0], f[1], f[2], f[3], f[4]};
      clean::CleanCampaign out;
      const auto reason = clean::clean_campaign(in, out);
      FUZZ_CHECK(reason ==
                 first_failure({{ok_key(f[0]), R::kMissingKey},
                                {clean::campaign_type(f[2]).has_value(), R::kInvalidCampaignType},
                                {ok_money(f[4]), R::kInvalidNumber}}));
      if (reason) return;
      FUZZ_CHECK(out.advertiser.view() == clean::name(f[1]));
      FUZZ_CHECK(out.campaign_type == *clean::campaign_type(f[2]));
      FUZZ_CHECK(out.category == clean::category(f[3]) && out.bid_micros == *clean::micros(f[4]));
      return;
    }
    default: {
      const clean::BronzeApp in{f[0], f[1], f[2], f[3]};
      clean::CleanApp out;
      const auto reason = clean::clean_app(in, out);
      FUZZ_CHECK(reason == first_failure({{ok_key(f[0]), R::kMissingKey}}));
      if (reason) return;
      FUZZ_CHECK(out.app_name.view() == clean::name(f[1]) && out.genre == clean::category(f[2]));
      FUZZ_CHECK(out.rating == clean::rating(f[3]));
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::string_view> fields;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t lf = rest.find('\n', begin);
    fields.push_back(rest.substr(begin, lf == std::string_view::npos ? lf : lf - begin));
    if (lf == std::string_view::npos) break;
    begin = lf + 1;
  }
  for (const auto v : fields) check_values(v);
  fields.resize(7);  // missing values are empty
  check_row(data[0], fields);
  return 0;
}
