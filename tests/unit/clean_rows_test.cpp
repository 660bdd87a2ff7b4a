// Row validators (CONTRACT 2.3 step 1): cleaned values, reject reasons, and
// the first failing column deciding the reason (2.5).
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "adlake/clean/rows.hpp"

using namespace adlake::clean;

namespace {
constexpr std::string_view kId = "D41D8CD98F00B204E9800998ECF8427E";
constexpr std::string_view kBadId = "d41d8cd98f00b204e9800998ecf8427";  // 31
constexpr std::optional<RejectReason> kKept = std::nullopt;
}  // namespace

TEST_CASE("clean_request: a noisy valid row") {
  const std::string padded_id = " " + std::string(kId) + "\t";
  const BronzeRequest in{
      padded_id, "2024-01-01T00:30:00+01:00", "", " app-7 ", "Mobile", "Mac OS X", "010.1.2.3"};
  CleanRequest out;
  REQUIRE(clean_request(in, out) == kKept);
  const auto hex = out.id_md5.hex();
  CHECK(std::string_view(hex.data(), 32) == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(out.ts == 1704065400);
  CHECK(out.user_id.view() == "unknown");
  CHECK(out.app_id.view() == "app-7");
  CHECK(out.device_type == DeviceType::kPhone);
  CHECK(out.os == Os::kMacos);
  CHECK(out.ip_prefix.view() == "10.1.2.0/24");
}

TEST_CASE("clean_request: reasons in column order") {
  const std::string long_id(65, 'u');
  CleanRequest out;
  CHECK(clean_request({kBadId, "garbage", long_id, long_id, "", "", ""}, out) ==
        RejectReason::kInvalidId);
  CHECK(clean_request({kId, "garbage", long_id, "a", "", "", ""}, out) ==
        RejectReason::kInvalidTimestamp);
  CHECK(clean_request({kId, "1700000000", long_id, "a", "", "", ""}, out) ==
        RejectReason::kInvalidId);
  CHECK(clean_request({kId, "1700000000", "u", long_id, "", "", ""}, out) ==
        RejectReason::kInvalidId);
  // device_type, os and ip never reject.
  CHECK(clean_request({kId, "1700000000", "u", "a", "fridge", "beos", "1.2.3"}, out) == kKept);
  CHECK(out.device_type == DeviceType::kUnknown);
  CHECK(out.os == Os::kOther);
  CHECK(out.ip_prefix.view() == "unknown");
}

TEST_CASE("clean_impression") {
  CleanImpression out;
  REQUIRE(clean_impression({kId, "1700000000123", " c-1 ", "05", "0.0000005"}, out) == kKept);
  CHECK(out.ts == 1700000000);
  CHECK(out.campaign_id.view() == "c-1");
  CHECK(out.slot == 5);
  CHECK(out.win_price_micros == 1);
  REQUIRE(clean_impression({kId, "1700000000", "c", "12", "1.5"}, out) == kKept);
  CHECK(out.slot == -1);  // slot never rejects
  CHECK(clean_impression({"x", "x", "", "x", "x"}, out) == RejectReason::kInvalidId);
  CHECK(clean_impression({kId, "170000000012", "", "x", "x"}, out) ==
        RejectReason::kInvalidTimestamp);
  CHECK(clean_impression({kId, "1700000000", " ", "x", "-1"}, out) == RejectReason::kMissingKey);
  CHECK(clean_impression({kId, "1700000000", std::string(65, 'c'), "1", "1"}, out) ==
        RejectReason::kMissingKey);
  CHECK(clean_impression({kId, "1700000000", "c", "x", "1000"}, out) ==
        RejectReason::kInvalidNumber);
  CHECK(clean_impression({kId, "1700000000", "c", "1", ".5"}, out) == RejectReason::kInvalidNumber);
}

TEST_CASE("clean_click") {
  CleanClick out;
  REQUIRE(clean_click({kId, "2023-06-15 10:20:30", "Yes"}, out) == kKept);
  CHECK(out.ts == 1686824430);
  CHECK(out.is_install == 1);
  REQUIRE(clean_click({kId, "2023-06-15 10:20:30", "nope"}, out) == kKept);
  CHECK(out.is_install == 0);
  CHECK(clean_click({kBadId, "x", "1"}, out) == RejectReason::kInvalidId);
  CHECK(clean_click({kId, "2023-06-15T10:20:30z", "1"}, out) == RejectReason::kInvalidTimestamp);
}

TEST_CASE("clean_user") {
  CleanUser out;
  REQUIRE(clean_user({" U1 ", "+34.0", "Woman", "new  york", "FOOD", "946684800"}, out) == kKept);
  CHECK(out.user_id.view() == "U1");
  CHECK(out.age == 34);
  CHECK(out.age_bucket == AgeBucket::k25To34);
  CHECK(out.gender == Gender::kF);
  CHECK(out.state == State::kNY);
  CHECK(out.interest == Category::kFood);
  CHECK(out.updated_at == 946684800);
  REQUIRE(clean_user({"u2", "abc", "", "", "", "2099-12-31T23:59:59Z"}, out) == kKept);
  CHECK(out.age == -1);
  CHECK(out.age_bucket == AgeBucket::kUnknown);
  CHECK(out.gender == Gender::kU);
  CHECK(out.state == State::kUNK);
  CHECK(out.interest == Category::kUnknown);
  CHECK(clean_user({"", "30", "m", "CA", "food", "bad"}, out) == RejectReason::kMissingKey);
  CHECK(clean_user({"u", "30", "m", "CA", "food", "1999-12-31T23:59:59Z"}, out) ==
        RejectReason::kInvalidTimestamp);
}

TEST_CASE("clean_campaign") {
  CleanCampaign out;
  REQUIRE(clean_campaign({"c1", "  Acme ", "cpi", "Travel", "2.50"}, out) == kKept);
  CHECK(out.campaign_id.view() == "c1");
  CHECK(out.advertiser.view() == "Acme");
  CHECK(out.campaign_type == CampaignType::kCpi);
  CHECK(out.category == Category::kTravel);
  CHECK(out.bid_micros == 2'500'000);
  REQUIRE(clean_campaign({"c2", "", "CPM", "", "0"}, out) == kKept);
  CHECK(out.advertiser.view() == "unknown");
  CHECK(out.category == Category::kUnknown);
  CHECK(clean_campaign({"", "a", "x", "c", "x"}, out) == RejectReason::kMissingKey);
  CHECK(clean_campaign({"c", "a", "CPA", "c", "x"}, out) == RejectReason::kInvalidCampaignType);
  CHECK(clean_campaign({"c", "a", "CPC", "c", "1e3"}, out) == RejectReason::kInvalidNumber);
  const std::string long_name = std::string(127, 'a') + "\xC3\xA9";
  REQUIRE(clean_campaign({"c", long_name, "CPC", "c", "1"}, out) == kKept);
  CHECK(out.advertiser.view() == std::string(127, 'a'));
}

TEST_CASE("clean_app") {
  CleanApp out;
  REQUIRE(clean_app({"app-1", "Best App", "GAMING", "4.5"}, out) == kKept);
  CHECK(out.app_id.view() == "app-1");
  CHECK(out.app_name.view() == "Best App");
  CHECK(out.genre == Category::kGaming);
  CHECK(out.rating == 4.5);
  REQUIRE(clean_app({"app-2", " ", "games", "5.5"}, out) == kKept);
  CHECK(out.app_name.view() == "unknown");
  CHECK(out.genre == Category::kUnknown);
  CHECK(out.rating == 0.0);
  CHECK(clean_app({"", "n", "g", "1"}, out) == RejectReason::kMissingKey);
  CHECK(clean_app({std::string(65, 'a'), "n", "g", "1"}, out) == RejectReason::kMissingKey);
}
