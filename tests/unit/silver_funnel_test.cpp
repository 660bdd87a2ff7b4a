// CONTRACT 2.3 steps 3 and 4: the referential checks in their order and the
// grouping of clicks, on hand-written rows with the expected output by hand.
#include <doctest/doctest.h>

#include <algorithm>

#include "adlake/silver/dedup.hpp"
#include "adlake/silver/funnel.hpp"
#include "silver_rows.hpp"

using namespace ops_test;
using adlake::silver::RejectCause;
using adlake::silver::Rejected;

namespace {

std::vector<std::pair<std::int64_t, RejectCause>> sorted(const std::vector<Rejected>& rejects) {
  std::vector<std::pair<std::int64_t, RejectCause>> out;
  for (const auto& r : rejects) out.emplace_back(r.seq, r.reason);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("orphan_impression: no kept request of its id; checked after dedup") {
  const std::vector<silver::RequestRow> requests{request(1, id(1), "1700000000"),
                                                 request(2, id(3), "1700000000"),
                                                 request(3, id(3), "1700000001")};
  const std::vector<silver::ImpressionRow> impressions{
      impression(10, id(1), "1700000000"), impression(11, id(2), "1700000000"),
      impression(12, id(2), "1700000005"),  // a duplicate of an orphan: counted as duplicate
      impression(13, id(3), "1700000000"), impression(14, id(4), "1700000000")};
  const auto kept_requests = silver::dedup_requests(requests).kept;
  const auto dedup = silver::dedup_impressions(impressions);
  CHECK(dedup.duplicates == 1);
  std::vector<Rejected> rejects;
  const auto kept =
      silver::drop_orphan_impressions(requests, kept_requests, impressions, dedup.kept, rejects);
  CHECK(seqs(impressions, kept) == std::vector<std::int64_t>{10, 13});
  CHECK(sorted(rejects) ==
        std::vector<std::pair<std::int64_t, RejectCause>>{{11, RejectCause::kOrphanImpression},
                                                          {14, RejectCause::kOrphanImpression}});
}

TEST_CASE("unknown_campaign: the impressions whose campaign is not kept") {
  const std::vector<silver::ImpressionRow> impressions{impression(1, id(1), "1700000000", "c1"),
                                                       impression(2, id(2), "1700000000", "c2")};
  const auto c1 = campaign(5, "c1");
  const std::vector<const adlake::clean::CleanCampaign*> found{&c1.row, nullptr};
  std::vector<Rejected> rejects;
  const std::vector<std::uint32_t> kept_in{0, 1};
  const auto kept = silver::drop_unknown_campaigns(impressions, kept_in, found, rejects);
  CHECK(kept.index == std::vector<std::uint32_t>{0});
  CHECK(kept.campaign == std::vector<const adlake::clean::CleanCampaign*>{&c1.row});
  CHECK(sorted(rejects) ==
        std::vector<std::pair<std::int64_t, RejectCause>>{{2, RejectCause::kUnknownCampaign}});
}

TEST_CASE("clicks: orphan_click, then the window [imp ts, imp ts + 86400], then groups") {
  const std::int64_t t = 1700000000;
  auto at = [&](std::int64_t s) { return std::to_string(t + s); };
  const std::vector<silver::ImpressionRow> impressions{
      impression(1, id(1), at(0)), impression(2, id(2), at(0)), impression(3, id(3), at(100))};
  // id(2)'s impression is not kept (say, unknown_campaign): its clicks are orphans.
  const std::vector<std::uint32_t> kept{0, 2};
  const std::vector<silver::ClickRow> clicks{
      click(20, id(1), at(86400)),     // last second of the window: kept
      click(21, id(1), at(86401)),     // out of window
      click(22, id(1), at(0), "yes"),  // the impression's own second: kept, an install
      click(23, id(1), at(-1)),        // before the impression: out of window
      click(24, id(2), at(5)),         // impression not kept: orphan
      click(25, id(9), at(5)),         // no impression at all: orphan
      click(26, id(3), at(50)),        // before id(3)'s impression at +100
      click(27, id(3), at(200)),       // kept
      click(28, id(1), at(10), "0"),   // kept
  };
  std::vector<Rejected> rejects;
  const auto out = silver::group_clicks(impressions, kept, clicks, rejects);
  REQUIRE(out.groups.size() == 2);
  CHECK(out.groups[0].id_md5 == impressions[0].row.id_md5);
  CHECK(out.groups[0].click_ts == t);  // the earliest kept click
  CHECK(out.groups[0].n_clicks_raw == 3);
  CHECK(out.groups[0].is_install == 1);
  CHECK(out.groups[1].id_md5 == impressions[2].row.id_md5);
  CHECK(out.groups[1].click_ts == t + 200);
  CHECK(out.groups[1].n_clicks_raw == 1);
  CHECK(out.groups[1].is_install == 0);
  CHECK(out.duplicates == 2);  // 4 kept click rows, 2 groups
  CHECK(sorted(rejects) ==
        std::vector<std::pair<std::int64_t, RejectCause>>{{21, RejectCause::kClickOutOfWindow},
                                                          {23, RejectCause::kClickOutOfWindow},
                                                          {24, RejectCause::kOrphanClick},
                                                          {25, RejectCause::kOrphanClick},
                                                          {26, RejectCause::kClickOutOfWindow}});
  // Conservation for clicks: rows = rejects + duplicates + kept groups.
  CHECK(static_cast<std::int64_t>(clicks.size()) ==
        static_cast<std::int64_t>(rejects.size()) + out.duplicates +
            static_cast<std::int64_t>(out.groups.size()));
}

TEST_CASE("clicks: none, or no impressions at all") {
  std::vector<Rejected> rejects;
  const std::vector<silver::ImpressionRow> no_impressions;
  const std::vector<std::uint32_t> none;
  const std::vector<silver::ClickRow> clicks{click(1, id(1), "1700000000")};
  const auto out = silver::group_clicks(no_impressions, none, clicks, rejects);
  CHECK(out.groups.empty());
  CHECK(out.duplicates == 0);
  CHECK(sorted(rejects) ==
        std::vector<std::pair<std::int64_t, RejectCause>>{{1, RejectCause::kOrphanClick}});
  rejects.clear();
  CHECK(silver::group_clicks(no_impressions, none, {}, rejects).groups.empty());
  CHECK(rejects.empty());
}

TEST_CASE("every value reject reason is a silver reject cause") {
  using adlake::clean::RejectReason;
  CHECK(silver::reject_cause(RejectReason::kInvalidId) == RejectCause::kInvalidId);
  CHECK(silver::reject_cause(RejectReason::kInvalidTimestamp) == RejectCause::kInvalidTimestamp);
  CHECK(silver::reject_cause(RejectReason::kMissingKey) == RejectCause::kMissingKey);
  CHECK(silver::reject_cause(RejectReason::kInvalidNumber) == RejectCause::kInvalidNumber);
  CHECK(silver::reject_cause(RejectReason::kInvalidCampaignType) ==
        RejectCause::kInvalidCampaignType);
}
