// CONTRACT 2.3 step 2: the dedup order of each entity, and the input-order
// tie-break (2.5), on hand-written rows with the kept rows written out.
#include <doctest/doctest.h>

#include "adlake/silver/dedup.hpp"
#include "silver_rows.hpp"

using namespace ops_test;
using adlake::silver::dedup_apps;
using adlake::silver::dedup_campaigns;
using adlake::silver::dedup_impressions;
using adlake::silver::dedup_requests;
using adlake::silver::dedup_users;
using V = std::vector<std::int64_t>;

TEST_CASE("requests: one per id_md5, ascending by id, in the contract's order") {
  const std::string a = id(1), b = id(2), c = id(3), d = id(4), e = id(5), f = id(6), g = id(7);
  const std::vector<silver::RequestRow> rows{
      // b: the earlier ts wins, whatever the input order
      request(10, b, "2024-01-01T00:00:05"),
      request(11, b, "2024-01-01T00:00:04"),
      // a: same ts; user_id byte-wise: "U9" < "u1" (upper case first)
      request(20, a, "1700000000", "u1"),
      request(21, a, "1700000000", "U9"),
      // c: same ts and user; app_id "a10" < "a9" byte-wise
      request(30, c, "1700000000", "u", "a9"),
      request(31, c, "1700000000", "u", "a10"),
      // d: device_type as text: "pc" -> desktop < "mobile" -> phone
      request(40, d, "1700000000", "u", "a", "mobile"),
      request(41, d, "1700000000", "u", "a", "pc"),
      // e: os as text: "beos" -> other < "win" -> windows
      request(50, e, "1700000000", "u", "a", "pc", "win"),
      request(51, e, "1700000000", "u", "a", "pc", "beos"),
      // f: ip_prefix byte-wise: "10.0.0.0/24" < "9.0.0.0/24" < "unknown"
      request(60, f, "1700000000", "u", "a", "pc", "ios", "garbage"),
      request(61, f, "1700000000", "u", "a", "pc", "ios", "9.1.1.1"),
      request(62, f, "1700000000", "u", "a", "pc", "ios", "10.1.1.1"),
      // g: equal in every value (the ip differs, its prefix does not): the
      // earlier input row wins although it comes later in the vector
      request(71, g, "1700000000", "u", "a", "pc", "ios", "1.1.1.2"),
      request(70, g, "1700000000", "u", "a", "pc", "ios", "1.1.1.1"),
  };
  const auto out = dedup_requests(rows);
  CHECK(seqs(rows, out.kept) == V{21, 11, 31, 41, 51, 62, 70});
  CHECK(out.duplicates == 8);
}

TEST_CASE("requests: no rows, and a key with one row") {
  const std::vector<silver::RequestRow> none;
  CHECK(dedup_requests(none).kept.empty());
  const std::vector<silver::RequestRow> one{request(5, id(9), "1700000000")};
  const auto out = dedup_requests(one);
  CHECK(seqs(one, out.kept) == V{5});
  CHECK(out.duplicates == 0);
}

TEST_CASE("impressions: ts, campaign_id, slot, win_price_micros, then input order") {
  const std::string a = id(1), b = id(2), c = id(3), d = id(4), e = id(5);
  const std::vector<silver::ImpressionRow> rows{
      impression(1, a, "1700000001", "c1"),
      impression(2, a, "1700000000", "c9"),
      impression(3, b, "1700000000", "c2"),
      impression(4, b, "1700000000", "C9"),
      // slot: a missing slot (-1) comes before 0
      impression(5, c, "1700000000", "c", "0"),
      impression(6, c, "1700000000", "c", "x"),
      // win price in micros, numerically: 10 < 9.5 is false
      impression(7, d, "1700000000", "c", "1", "10"),
      impression(8, d, "1700000000", "c", "1", "9.5"),
      impression(10, e, "1700000000", "c", "1", "1.0"),
      impression(9, e, "1700000000", "c", "1", "1"),
  };
  const auto out = dedup_impressions(rows);
  CHECK(seqs(rows, out.kept) == V{2, 4, 6, 8, 9});
  CHECK(out.duplicates == 5);
}

TEST_CASE("user_profiles: updated_at descending, then age, gender, state, interest ascending") {
  const std::vector<silver::UserRow> rows{
      // u1: the latest profile wins even with a larger age
      user(1, "u1", "2024-01-01 00:00:00", "20"),
      user(2, "u1", "2024-01-02 00:00:00", "90"),
      // u2: same time: a missing age (-1) before 13
      user(3, "u2", "1700000000", "13"),
      user(4, "u2", "1700000000", "12"),
      // u3: gender as text F < M < U
      user(5, "u3", "1700000000", "30", "x"),
      user(6, "u3", "1700000000", "30", "man"),
      // u4: state as text: "TX" < "UNK" < "UT"
      user(7, "u4", "1700000000", "30", "f", "Utah"),
      user(8, "u4", "1700000000", "30", "f", "Narnia"),
      user(9, "u4", "1700000000", "30", "f", "texas"),
      // u5: interest as text: "gaming" < "unknown"
      user(10, "u5", "1700000000", "30", "f", "CA", "knitting"),
      user(11, "u5", "1700000000", "30", "f", "CA", "Gaming"),
      // U5 is another key (case-sensitive), and comes first
      user(12, "U5", "1700000000"),
      // u6: full tie: input order
      user(14, "u6", "1700000000"),
      user(13, "u6", "1700000000"),
  };
  const auto out = dedup_users(rows);
  CHECK(seqs(rows, out.kept) == V{12, 2, 4, 6, 9, 11, 13});
  CHECK(out.duplicates == 7);
}

TEST_CASE("campaigns: advertiser, campaign_type, category, bid_micros ascending") {
  const std::vector<silver::CampaignRow> rows{
      campaign(1, "c1", "beta"),
      campaign(2, "c1", "Zeta"),  // "Zeta" < "beta" byte-wise
      campaign(3, "c2", "a", "cpm"),
      campaign(4, "c2", "a", "Cpi"),
      campaign(5, "c3", "a", "CPC", "travel"),
      campaign(6, "c3", "a", "CPC", "finance"),
      campaign(7, "c4", "a", "CPC", "news", "10"),
      campaign(8, "c4", "a", "CPC", "news", "2.5"),
      campaign(10, "c5", "a"),
      campaign(9, "c5", "a"),
      // an empty advertiser is "unknown": after "acme"
      campaign(11, "c6", ""),
      campaign(12, "c6", "acme"),
  };
  const auto out = dedup_campaigns(rows);
  CHECK(seqs(rows, out.kept) == V{2, 4, 6, 8, 9, 12});
  CHECK(out.duplicates == 6);
}

TEST_CASE("app_metadata: app_name, genre, rating ascending") {
  const std::vector<silver::AppRow> rows{
      app(1, "a1", "b"),
      app(2, "a1", "B"),
      app(3, "a2", "n", "travel"),
      app(4, "a2", "n", "food"),
      // rating numerically; an invalid rating is 0.0
      app(5, "a3", "n", "news", "4.5"),
      app(6, "a3", "n", "news", "10"),
      app(8, "a4", "n", "news", "1"),
      app(7, "a4", "n", "news", "1.0"),
  };
  const auto out = dedup_apps(rows);
  CHECK(seqs(rows, out.kept) == V{2, 4, 6, 7});
  CHECK(out.duplicates == 4);
}
