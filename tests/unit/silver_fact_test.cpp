// CONTRACT 2.4: the fact row of each kept request, defaults without
// impression / click / profile / app, and revenue_micros by campaign type.
#include <doctest/doctest.h>

#include "adlake/silver/dedup.hpp"
#include "adlake/silver/fact.hpp"
#include "silver_rows.hpp"

using namespace ops_test;
using adlake::clean::CampaignType;

TEST_CASE("revenue_micros") {
  CHECK(silver::revenue_micros(CampaignType::kCpc, 2'000'000, true, false) == 2'000'000);
  CHECK(silver::revenue_micros(CampaignType::kCpc, 2'000'000, false, false) == 0);
  CHECK(silver::revenue_micros(CampaignType::kCpi, 2'000'000, true, false) == 0);
  CHECK(silver::revenue_micros(CampaignType::kCpi, 2'000'000, true, true) == 2'000'000);
  // CPM: per impression, integer division, click or not
  CHECK(silver::revenue_micros(CampaignType::kCpm, 2'500'999, false, false) == 2'500);
  CHECK(silver::revenue_micros(CampaignType::kCpm, 999, true, true) == 0);
  CHECK(silver::revenue_micros(CampaignType::kNone, 2'000'000, true, true) == 0);
}

TEST_CASE("build_fact: one row per kept request with its funnel and dimensions") {
  const std::vector<silver::RequestRow> requests{
      request(1, id(1), "1700000000", "u1", "a1", "mobile", "android", "10.0.0.7"),
      request(2, id(2), "1700000001", "", "", "tv", "", "bad"),
      request(3, id(3), "1700000002"),
      request(4, id(4), "1700000003"),
      request(5, id(5), "1700000004"),
  };
  const std::vector<silver::ImpressionRow> impressions{
      impression(10, id(1), "1700000100", "cpc", "3", "0.25"),
      impression(11, id(2), "1700000100", "cpm", "x", "1"),
      impression(12, id(4), "1700000100", "cpi", "0", "1"),
      impression(13, id(5), "1700000100", "cpi", "0", "1"),
  };
  const auto cpc = campaign(20, "cpc", "Acme", "CPC", "travel", "2");
  const auto cpm = campaign(21, "cpm", "", "CPM", "bogus", "2.5");
  const auto cpi = campaign(22, "cpi", "Zed", "CPI", "gaming", "3");
  silver::KeptImpressions kept;
  kept.index = {0, 1, 2, 3};
  kept.campaign = {&cpc.row, &cpm.row, &cpi.row, &cpi.row};
  const std::vector<silver::ClickGroup> clicks{
      {impressions[0].row.id_md5, 1700000200, 2, 0},
      {impressions[2].row.id_md5, 1700000300, 1, 1},
      {impressions[3].row.id_md5, 1700000300, 1, 0},
  };
  const auto u1 = user(30, "u1", "1700000000", "17", "woman", "new  york", "sports");
  const auto a1 = app(40, "a1", "App One", "food", "4.5");
  const std::vector<std::uint32_t> kept_requests{0, 1, 2, 3, 4};
  const std::vector<const adlake::clean::CleanUser*> users{&u1.row, nullptr, nullptr, nullptr,
                                                           nullptr};
  const std::vector<const adlake::clean::CleanApp*> apps{&a1.row, nullptr, nullptr, nullptr,
                                                         nullptr};
  const adlake::Table fact =
      silver::build_fact({requests, kept_requests, users, apps, impressions, &kept, clicks});

  REQUIRE(fact.rows() == 5);
  std::vector<std::string> names;
  for (const auto& c : fact.columns) names.push_back(c.name);
  CHECK(names ==
        std::vector<std::string>{"id_md5",       "ts",         "user_id",          "app_id",
                                 "device_type",  "os",         "ip_prefix",        "age",
                                 "age_bucket",   "gender",     "user_state",       "interest",
                                 "genre",        "app_rating", "has_impression",   "imp_ts",
                                 "campaign_id",  "slot",       "win_price_micros", "campaign_type",
                                 "category",     "bid_micros", "is_click",         "click_ts",
                                 "n_clicks_raw", "is_install", "revenue_micros"});
  CHECK(fact.strings("id_md5").at(0) == id(1));
  CHECK(fact.values<std::int64_t>("ts")[1] == 1700000001);
  CHECK(fact.strings("user_id").at(1) == "unknown");
  CHECK(fact.enums("device_type").label(0) == "phone");
  CHECK(fact.enums("device_type").label(1) == "ctv");
  CHECK(fact.enums("os").label(1) == "unknown");
  CHECK(fact.strings("ip_prefix").at(0) == "10.0.0.0/24");
  CHECK(fact.strings("ip_prefix").at(1) == "unknown");
  // the profile of u1, and the defaults without one
  CHECK(fact.values<std::int16_t>("age") == std::vector<std::int16_t>{17, -1, -1, -1, -1});
  CHECK(fact.enums("age_bucket").label(0) == "13-17");
  CHECK(fact.enums("age_bucket").label(1) == "unknown");
  CHECK(fact.enums("gender").label(0) == "F");
  CHECK(fact.enums("gender").label(1) == "U");
  CHECK(fact.enums("user_state").label(0) == "NY");
  CHECK(fact.enums("user_state").label(1) == "UNK");
  CHECK(fact.enums("interest").label(0) == "sports");
  CHECK(fact.enums("interest").label(1) == "unknown");
  CHECK(fact.enums("genre").label(0) == "food");
  CHECK(fact.enums("genre").label(1) == "unknown");
  CHECK(fact.values<double>("app_rating") == std::vector<double>{4.5, 0, 0, 0, 0});
  // the funnel
  CHECK(fact.values<std::uint8_t>("has_impression") == std::vector<std::uint8_t>{1, 1, 0, 1, 1});
  CHECK(fact.values<std::int64_t>("imp_ts") ==
        std::vector<std::int64_t>{1700000100, 1700000100, -1, 1700000100, 1700000100});
  CHECK(fact.strings("campaign_id").at(0) == "cpc");
  CHECK(fact.strings("campaign_id").at(2).empty());
  CHECK(fact.values<std::int8_t>("slot") == std::vector<std::int8_t>{3, -1, -1, 0, 0});
  CHECK(fact.values<std::int64_t>("win_price_micros") ==
        std::vector<std::int64_t>{250000, 1000000, 0, 1000000, 1000000});
  CHECK(fact.enums("campaign_type").label(0) == "CPC");
  CHECK(fact.enums("campaign_type").label(1) == "CPM");
  CHECK(fact.enums("campaign_type").label(2) == "none");
  CHECK(fact.enums("category").label(0) == "travel");
  CHECK(fact.enums("category").label(1) == "unknown");
  CHECK(fact.enums("category").label(2) == "none");
  // The advertiser is the campaign's, in /campaigns: never copied into the fact.
  CHECK_FALSE(fact.has("advertiser"));
  CHECK(fact.values<std::int64_t>("bid_micros") ==
        std::vector<std::int64_t>{2000000, 2500000, 0, 3000000, 3000000});
  CHECK(fact.values<std::uint8_t>("is_click") == std::vector<std::uint8_t>{1, 0, 0, 1, 1});
  CHECK(fact.values<std::int64_t>("click_ts") ==
        std::vector<std::int64_t>{1700000200, -1, -1, 1700000300, 1700000300});
  CHECK(fact.values<std::int32_t>("n_clicks_raw") == std::vector<std::int32_t>{2, 0, 0, 1, 1});
  CHECK(fact.values<std::uint8_t>("is_install") == std::vector<std::uint8_t>{0, 0, 0, 1, 0});
  CHECK(fact.values<std::int64_t>("revenue_micros") ==
        std::vector<std::int64_t>{2000000, 2500, 0, 3000000, 0});
  // units on time and money columns
  CHECK(!fact.column("ts").units.empty());
  CHECK(!fact.column("revenue_micros").units.empty());
  CHECK(fact.column("age").units.empty());
}

TEST_CASE("build_fact: no rows, and the dimension enum types leave `none` out") {
  const adlake::Table fact = silver::build_fact({});
  CHECK(fact.rows() == 0);
  CHECK(fact.columns.size() == 27);  // CONTRACT 2.4 (v2)
  const auto& interest = fact.enums("interest").labels;
  CHECK(interest[static_cast<std::size_t>(adlake::clean::Category::kNone)].empty());
  CHECK(interest[static_cast<std::size_t>(adlake::clean::Category::kNews)] == "news");
  CHECK(fact.enums("category").labels[static_cast<std::size_t>(adlake::clean::Category::kNone)] ==
        "none");
}
