#pragma once
// A straightforward serial computation of gold's tables over the fixture's
// text rows (CONTRACT 3), written apart from the implementation: std::map over
// label text for the order, std::set for distinct campaigns, gmtime for hours
// and weekdays. check_* compare an actual table with it, decoding enum codes
// through the table's own labels.
#include <doctest/doctest.h>
#include <time.h>

#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "adlake/core/table.hpp"
#include "gold_fixture.hpp"

namespace adlake::gold::testing {

struct Sums {
  int64_t requests = 0, impressions = 0, clicks = 0, installs = 0, revenue = 0, spend = 0;
  std::set<std::string> campaigns;
  void add(const FactRow& r) {
    requests += 1;
    impressions += r.has_impression;
    clicks += r.is_click;
    installs += r.is_install;
    revenue += r.revenue_micros;
    if (r.has_impression) {
      spend += r.win_price_micros;
      campaigns.insert(r.campaign_id);
    }
  }
};

inline double divide(int64_t a, int64_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

struct ExpectedTable {
  std::string key_name;  // empty for /funnel_summary
  std::vector<std::string> keys;
  std::vector<std::string> columns;  // after the key, in the contract's order
  std::map<std::string, std::vector<int64_t>> counts;
  std::map<std::string, std::vector<double>> ratios;
};

inline ExpectedTable expected(const std::string& key_name,
                              const std::vector<std::pair<std::string, Sums>>& groups,
                              const std::vector<std::string>& columns) {
  ExpectedTable e{key_name, {}, columns, {}, {}};
  for (const auto& [key, s] : groups) {
    e.keys.push_back(key);
    for (const auto& c : columns) {
      if (c == "requests")
        e.counts[c].push_back(s.requests);
      else if (c == "campaigns")
        e.counts[c].push_back(static_cast<int64_t>(s.campaigns.size()));
      else if (c == "impressions")
        e.counts[c].push_back(s.impressions);
      else if (c == "clicks")
        e.counts[c].push_back(s.clicks);
      else if (c == "installs")
        e.counts[c].push_back(s.installs);
      else if (c == "revenue_micros")
        e.counts[c].push_back(s.revenue);
      else if (c == "spend_micros")
        e.counts[c].push_back(s.spend);
      else if (c == "ctr")
        e.ratios[c].push_back(divide(s.clicks, s.impressions));
      else if (c == "cvr")
        e.ratios[c].push_back(divide(s.installs, s.clicks));
      else if (c == "fill_rate")
        e.ratios[c].push_back(divide(s.impressions, s.requests));
      else if (c == "ecpm_micros")
        e.ratios[c].push_back(divide(s.revenue * 1000, s.impressions));
      else
        FAIL("unknown column " << c);
    }
  }
  return e;
}

template <class K>
std::vector<std::pair<std::string, Sums>> as_text(const std::map<K, Sums>& groups) {
  std::vector<std::pair<std::string, Sums>> out;
  for (const auto& [k, s] : groups) {
    if constexpr (std::is_same_v<K, std::string>)
      out.emplace_back(k, s);
    else
      out.emplace_back(std::to_string(k), s);
  }
  return out;
}

inline struct tm utc(int64_t ts) {
  const time_t t = static_cast<time_t>(ts);
  struct tm out {};
  gmtime_r(&t, &out);
  return out;
}

inline bool known_match(const std::string& a, const std::string& b) {
  return a == b && a != "unknown" && a != "none";
}

// The six aggregates of CONTRACT 3.2, by table path.
inline std::map<std::string, ExpectedTable> reference_aggregates(const std::vector<FactRow>& rows) {
  std::map<std::string, Sums> by_state, by_type, by_advertiser;
  std::map<int, Sums> by_affinity, by_hour;
  Sums funnel;
  for (const auto& r : rows) {
    funnel.add(r);
    by_state[r.user_state].add(r);
    if (!r.has_impression) continue;
    by_type[r.campaign_type].add(r);
    by_advertiser[r.advertiser].add(r);
    by_affinity[known_match(r.interest, r.category) ? 1 : 0].add(r);
    by_hour[utc(r.imp_ts).tm_hour].add(r);
  }
  std::map<std::string, ExpectedTable> out;
  out["/revenue_by_state"] = expected(
      "user_state", as_text(by_state),
      {"requests", "impressions", "clicks", "installs", "revenue_micros", "ctr", "ecpm_micros"});
  out["/campaign_type_performance"] =
      expected("campaign_type", as_text(by_type),
               {"campaigns", "impressions", "clicks", "installs", "revenue_micros", "spend_micros",
                "ctr", "cvr", "ecpm_micros"});
  out["/affinity_performance"] =
      expected("is_affinity_match", as_text(by_affinity), {"impressions", "clicks", "ctr"});
  out["/advertiser_performance"] = expected(
      "advertiser", as_text(by_advertiser),
      {"campaigns", "impressions", "clicks", "installs", "revenue_micros", "spend_micros", "ctr"});
  out["/hourly_performance"] =
      expected("hour_of_day", as_text(by_hour), {"impressions", "clicks", "ctr", "revenue_micros"});
  out["/funnel_summary"] = expected("", {{"", funnel}},
                                    {"requests", "impressions", "clicks", "installs",
                                     "revenue_micros", "fill_rate", "ctr", "cvr"});
  return out;
}

inline std::string cell_text(const Column& column, size_t i) {
  return std::visit(
      [&](const auto& data) -> std::string {
        using V = std::decay_t<decltype(data)>;
        if constexpr (std::is_same_v<V, EnumColumn>)
          return std::string(data.label(i));
        else if constexpr (std::is_same_v<V, StringColumn>)
          return std::string(data.at(i));
        else if constexpr (std::is_same_v<V, std::vector<double>>)
          return std::to_string(data[i]);
        else
          return std::to_string(static_cast<int64_t>(data[i]));
      },
      column.data);
}

inline void check_aggregate(const std::string& path, const Table& actual, const ExpectedTable& e) {
  INFO("table " << path);
  std::vector<std::string> names;
  for (const auto& c : actual.columns) names.push_back(c.name);
  std::vector<std::string> want = e.columns;
  if (!e.key_name.empty()) want.insert(want.begin(), e.key_name);
  REQUIRE(names == want);
  REQUIRE(actual.rows() == e.keys.size());
  if (!e.key_name.empty()) {
    for (size_t i = 0; i < e.keys.size(); ++i) CHECK(cell_text(actual.columns[0], i) == e.keys[i]);
  }
  for (const auto& [name, values] : e.counts) {
    INFO("column " << name);
    CHECK(actual.values<int64_t>(name) == values);
  }
  for (const auto& [name, values] : e.ratios) {
    INFO("column " << name);
    CHECK(actual.values<double>(name) == values);  // the same exact division of the same totals
  }
}

// Key columns keep their type (CONTRACT 5): enum, string or integer.
inline void check_key_types(const std::map<std::string, Table>& tables) {
  CHECK(
      std::holds_alternative<EnumColumn>(tables.at("/revenue_by_state").column("user_state").data));
  CHECK(std::holds_alternative<EnumColumn>(
      tables.at("/campaign_type_performance").column("campaign_type").data));
  CHECK(std::holds_alternative<std::vector<uint8_t>>(
      tables.at("/affinity_performance").column("is_affinity_match").data));
  CHECK(std::holds_alternative<StringColumn>(
      tables.at("/advertiser_performance").column("advertiser").data));
  CHECK(std::holds_alternative<std::vector<uint8_t>>(
      tables.at("/hourly_performance").column("hour_of_day").data));
}

// /features against the rows, value by value, through the table's own labels.
// CONTRACT 3.1's history columns, by its words and nothing cleverer: for each
// impression, a scan of every train row of the other folds (all train rows,
// for a test row). Per key (user, campaign, app), in the impressions' order.
struct ReferenceHistory {
  std::vector<std::vector<int64_t>> impressions{3};
  std::vector<std::vector<double>> ctr{3};
};

inline int reference_fold(const std::string& id) {
  return static_cast<int>(std::strtoul(id.substr(16, 8).c_str(), nullptr, 16) % 5);
}

inline bool reference_is_test(const std::string& id) {
  return std::strtoul(id.substr(24).c_str(), nullptr, 16) % 10 <= 1;
}

inline ReferenceHistory reference_history(const std::vector<FactRow>& rows) {
  std::vector<const FactRow*> kept;
  for (const auto& r : rows) {
    if (r.has_impression) kept.push_back(&r);
  }
  const std::vector<std::string FactRow::*> keys{&FactRow::user_id, &FactRow::campaign_id,
                                                 &FactRow::app_id};
  ReferenceHistory out;
  for (const FactRow* row : kept) {
    const bool test = reference_is_test(row->id_md5);
    const int fold = reference_fold(row->id_md5);
    for (size_t k = 0; k < keys.size(); ++k) {
      int64_t n = 0, c = 0, set_rows = 0, set_clicks = 0;
      for (const FactRow* other : kept) {
        if (reference_is_test(other->id_md5)) continue;
        if (!test && reference_fold(other->id_md5) == fold) continue;
        set_rows += 1;
        set_clicks += other->is_click;
        if (other->*keys[k] == row->*keys[k]) {
          n += 1;
          c += other->is_click;
        }
      }
      const double m =
          set_rows == 0 ? 0.0 : static_cast<double>(set_clicks) / static_cast<double>(set_rows);
      out.impressions[k].push_back(n);
      out.ctr[k].push_back((static_cast<double>(c) + 20 * m) / (static_cast<double>(n) + 20));
    }
  }
  return out;
}

// `with_history`: the table holds the six history columns (gold's /features),
// not only build_features' row-wise ones.
inline void check_features(const Table& actual, const std::vector<FactRow>& rows,
                           bool with_history = true) {
  std::vector<const FactRow*> kept;
  for (const auto& r : rows) {
    if (r.has_impression) kept.push_back(&r);
  }
  REQUIRE(actual.rows() == kept.size());
  for (size_t k = 0; k < kept.size(); ++k) {
    const FactRow& r = *kept[k];
    INFO("feature row " << k << " id " << r.id_md5);
    const struct tm t = utc(r.imp_ts);
    const unsigned long tail = std::strtoul(r.id_md5.substr(24).c_str(), nullptr, 16);
    const std::map<std::string, std::string> want{
        {"id_md5", r.id_md5},
        {"split", tail % 10 == 0 || tail % 10 == 1 ? "test" : "train"},
        {"is_click", std::to_string(r.is_click)},
        {"hour_of_day", std::to_string(t.tm_hour)},
        {"day_of_week", std::to_string((t.tm_wday + 6) % 7)},
        {"is_affinity_match", known_match(r.interest, r.category) ? "1" : "0"},
        {"is_contextual_match", known_match(r.genre, r.category) ? "1" : "0"},
        {"age", std::to_string(r.age)},
        {"age_bucket", r.age_bucket},
        {"gender", r.gender},
        {"user_state", r.user_state},
        {"interest", r.interest},
        {"device_type", r.device_type},
        {"os", r.os},
        {"genre", r.genre},
        {"app_rating", std::to_string(r.app_rating)},
        {"campaign_type", r.campaign_type},
        {"category", r.category},
        {"slot", std::to_string(r.slot)},
        {"bid_micros", std::to_string(r.bid_micros)},
    };
    REQUIRE(actual.columns.size() == want.size() + (with_history ? 6 : 0));
    for (const auto& column : actual.columns) {
      if (want.count(column.name) == 0) continue;  // the history, below
      INFO("column " << column.name);
      CHECK(cell_text(column, k) == want.at(column.name));
    }
  }
  if (!with_history) return;
  const ReferenceHistory history = reference_history(rows);
  const std::vector<std::string> names{"user_hist_impressions",     "user_hist_ctr",
                                       "campaign_hist_impressions", "campaign_hist_ctr",
                                       "app_hist_impressions",      "app_hist_ctr"};
  for (size_t c = 0; c < names.size(); ++c) {
    INFO("column " << names[c]);
    REQUIRE(actual.columns[20 + c].name == names[c]);  // right after bid_micros
    if (c % 2 == 0)
      CHECK(actual.values<int64_t>(names[c]) == history.impressions[c / 2]);
    else
      CHECK(actual.values<double>(names[c]) == history.ctr[c / 2]);  // bit for bit
  }
}

}  // namespace adlake::gold::testing
