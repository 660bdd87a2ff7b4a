#pragma once
// Fact rows for the gold tests, as text, and the silver /fact_ad_funnel table
// they make (CONTRACT 2.4 layout, every column). The rows cover what the
// aggregates must get right: requests without impression, the UNK state, a
// state seen only without impressions, hours that never occur, a campaign
// type that is never clicked (cvr divisor 0), advertisers whose byte order
// differs from a case-insensitive order, and advertisers with campaigns of
// several types. The fact holds no advertiser (CONTRACT 2.4): gold joins
// /campaigns (campaigns_table) on campaign_id; FactRow keeps it for the reference.
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "adlake/clean/enums.hpp"
#include "adlake/core/table.hpp"

namespace adlake::gold::testing {

struct FactRow {
  std::string id_md5;
  int64_t ts = 0;
  std::string user_id, app_id, device_type, os, ip_prefix;
  int16_t age = -1;
  std::string age_bucket, gender, user_state, interest, genre;
  double app_rating = 0.0;
  uint8_t has_impression = 0;
  int64_t imp_ts = -1;
  std::string campaign_id;
  int8_t slot = -1;
  int64_t win_price_micros = 0;
  std::string campaign_type = "none", category = "none", advertiser;
  int64_t bid_micros = 0;
  uint8_t is_click = 0;
  int64_t click_ts = -1;
  int32_t n_clicks_raw = 0;
  uint8_t is_install = 0;
  int64_t revenue_micros = 0;
};

// splitmix64: the same rows on every rank and every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <class T>
  const T& pick(const std::vector<T>& values) {
    return values[below(values.size())];
  }

 private:
  uint64_t state_;
};

struct Campaign {
  std::string id, advertiser, type, category;
  int64_t bid_micros;
};

inline std::vector<Campaign> fixture_campaigns() {
  return {
      {"c01", "Acme", "CPC", "gaming", 1'500'000},
      {"c02", "Acme", "CPM", "gaming", 2'000'000},
      {"c03", "acme", "CPC", "finance", 700'000},
      {"c04", "Zed & Co", "CPI", "travel", 3'250'000},
      {"c05", "Zed & Co", "CPI", "sports", 999'999},
      {"c06",
       "\xc3\x9cnic\xc3\xb6"
       "de Ads",
       "CPC", "news", 1'000'001},
      {"c07", " spaced", "CPM", "unknown", 4'000'000},
      {"c08", "unknown", "CPC", "food", 123'456},
      {"c09", "Beta", "CPM", "health", 2'500'000},
      {"c10", "Beta", "CPC", "education", 800'000},
      {"c-shared", "Beta", "CPC", "social", 600'000},
      {"c11", "Acme", "CPC", "social", 600'000},
  };
}

inline std::string age_bucket_of(int16_t age) {
  if (age < 0) return "unknown";
  if (age < 18) return "13-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  return "65+";
}

// `n` rows, ascending by id_md5, from `seed`.
inline std::vector<FactRow> make_fact_rows(size_t n, uint64_t seed) {
  Random rng(seed);
  const std::vector<std::string> topics{"gaming", "finance",   "shopping", "travel",
                                        "sports", "news",      "social",   "health",
                                        "food",   "education", "unknown"};
  const std::vector<std::string> states{"CA", "NY", "TX", "UNK", "WY", "AK", "DC", "UT"};
  const std::vector<std::string> devices{"phone", "tablet", "desktop", "ctv", "unknown"};
  const std::vector<std::string> oses{"android", "ios",   "windows", "macos",
                                      "linux",   "other", "unknown"};
  const std::vector<std::string> genders{"F", "M", "U"};
  const std::vector<int> hours{0, 1, 2, 5, 8, 9, 12, 13, 18, 21, 22, 23};  // 3, 17, ... never
  const auto campaigns = fixture_campaigns();
  const int64_t monday = 1709510400;  // 2024-03-04T00:00:00Z

  std::vector<std::string> ids;
  const char* hex = "0123456789abcdef";
  while (ids.size() < n) {
    for (size_t k = ids.size(); k < n; ++k) {
      std::string id(32, '0');
      for (auto& c : id) c = hex[rng.below(16)];
      ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }

  std::vector<FactRow> rows(n);
  for (size_t i = 0; i < n; ++i) {
    FactRow& r = rows[i];
    r.id_md5 = ids[i];
    r.ts = monday + static_cast<int64_t>(rng.below(14)) * 86400 + rng.pick(hours) * 3600 +
           static_cast<int64_t>(rng.below(3000));
    r.user_id = "u" + std::to_string(rng.below(50));
    r.app_id = "a" + std::to_string(rng.below(20));
    r.device_type = rng.pick(devices);
    r.os = rng.pick(oses);
    r.ip_prefix = "10." + std::to_string(rng.below(256)) + ".0.0/24";
    r.age = rng.chance(0.2) ? int16_t{-1} : static_cast<int16_t>(13 + rng.below(88));
    r.age_bucket = age_bucket_of(r.age);
    r.gender = rng.pick(genders);
    r.user_state = rng.pick(states);
    r.interest = rng.pick(topics);
    r.genre = rng.pick(topics);
    r.app_rating = static_cast<double>(rng.below(51)) / 10.0;
    // VT: requests that never got an impression (ctr and ecpm divide by 0).
    if (rng.chance(0.05)) r.user_state = "VT";
    if (r.user_state == "VT" || rng.chance(0.35)) continue;

    const Campaign& c = rng.pick(campaigns);
    r.has_impression = 1;
    r.imp_ts = r.ts + static_cast<int64_t>(rng.below(500));
    r.campaign_id = c.id;
    r.slot = static_cast<int8_t>(rng.below(11)) - 1;
    r.win_price_micros = static_cast<int64_t>(rng.below(static_cast<uint64_t>(c.bid_micros)));
    r.campaign_type = c.type;
    r.category = c.category;
    r.advertiser = c.advertiser;
    r.bid_micros = c.bid_micros;
    // Affinity raises the click rate, so the lift is visible; CPM is never clicked.
    const double p = r.interest == r.category ? 0.3 : 0.1;
    if (c.type != "CPM" && rng.chance(p)) {
      r.is_click = 1;
      r.click_ts = r.imp_ts + static_cast<int64_t>(rng.below(3600));
      r.n_clicks_raw = static_cast<int32_t>(1 + rng.below(3));
      r.is_install = rng.chance(0.4) ? 1 : 0;
    }
    if (c.type == "CPC" && r.is_click) r.revenue_micros = c.bid_micros;
    if (c.type == "CPI" && r.is_install) r.revenue_micros = c.bid_micros;
    if (c.type == "CPM") r.revenue_micros = c.bid_micros / 1000;
  }
  return rows;
}

template <clean::LabelledEnum E>
EnumColumn enum_of(const std::vector<FactRow>& rows, size_t begin, size_t end,
                   std::string FactRow::*field) {
  EnumColumn column;
  for (auto l : clean::EnumTraits<E>::labels) column.labels.emplace_back(l);
  for (size_t i = begin; i < end; ++i) {
    const auto code = clean::from_label<E>(rows[i].*field);
    if (!code) throw std::runtime_error("fixture: bad label " + rows[i].*field);
    column.codes.push_back(clean::code(*code));
  }
  return column;
}

template <class T, class M>
std::vector<T> values_of(const std::vector<FactRow>& rows, size_t begin, size_t end, M field) {
  std::vector<T> out;
  for (size_t i = begin; i < end; ++i) out.push_back(static_cast<T>(rows[i].*field));
  return out;
}

inline StringColumn strings_of(const std::vector<FactRow>& rows, size_t begin, size_t end,
                               std::string FactRow::*field) {
  StringColumn out;
  for (size_t i = begin; i < end; ++i) out.push_back(rows[i].*field);
  return out;
}

// Rows [begin, end) as silver's /fact_ad_funnel, every column of CONTRACT 2.4.
inline Table fact_table(const std::vector<FactRow>& rows, size_t begin, size_t end) {
  using namespace clean;
  const std::string seconds = "seconds since 1970-01-01 UTC", money = "micros of USD";
  Table t;
  t.add("id_md5", strings_of(rows, begin, end, &FactRow::id_md5));
  t.add("ts", values_of<int64_t>(rows, begin, end, &FactRow::ts), seconds);
  t.add("user_id", strings_of(rows, begin, end, &FactRow::user_id));
  t.add("app_id", strings_of(rows, begin, end, &FactRow::app_id));
  t.add("device_type", enum_of<DeviceType>(rows, begin, end, &FactRow::device_type));
  t.add("os", enum_of<Os>(rows, begin, end, &FactRow::os));
  t.add("ip_prefix", strings_of(rows, begin, end, &FactRow::ip_prefix));
  t.add("age", values_of<int16_t>(rows, begin, end, &FactRow::age));
  t.add("age_bucket", enum_of<AgeBucket>(rows, begin, end, &FactRow::age_bucket));
  t.add("gender", enum_of<Gender>(rows, begin, end, &FactRow::gender));
  t.add("user_state", enum_of<State>(rows, begin, end, &FactRow::user_state));
  t.add("interest", enum_of<Category>(rows, begin, end, &FactRow::interest));
  t.add("genre", enum_of<Category>(rows, begin, end, &FactRow::genre));
  t.add("app_rating", values_of<double>(rows, begin, end, &FactRow::app_rating));
  t.add("has_impression", values_of<uint8_t>(rows, begin, end, &FactRow::has_impression));
  t.add("imp_ts", values_of<int64_t>(rows, begin, end, &FactRow::imp_ts), seconds);
  t.add("campaign_id", strings_of(rows, begin, end, &FactRow::campaign_id));
  t.add("slot", values_of<int8_t>(rows, begin, end, &FactRow::slot));
  t.add("win_price_micros", values_of<int64_t>(rows, begin, end, &FactRow::win_price_micros),
        money);
  t.add("campaign_type", enum_of<CampaignType>(rows, begin, end, &FactRow::campaign_type));
  t.add("category", enum_of<Category>(rows, begin, end, &FactRow::category));
  t.add("bid_micros", values_of<int64_t>(rows, begin, end, &FactRow::bid_micros), money);
  t.add("is_click", values_of<uint8_t>(rows, begin, end, &FactRow::is_click));
  t.add("click_ts", values_of<int64_t>(rows, begin, end, &FactRow::click_ts), seconds);
  t.add("n_clicks_raw", values_of<int32_t>(rows, begin, end, &FactRow::n_clicks_raw));
  t.add("is_install", values_of<uint8_t>(rows, begin, end, &FactRow::is_install));
  t.add("revenue_micros", values_of<int64_t>(rows, begin, end, &FactRow::revenue_micros), money);
  return t;
}

// Silver's /campaigns for the fixture's campaigns: every column, ascending by id.
inline Table campaigns_table() {
  auto campaigns = fixture_campaigns();
  std::sort(campaigns.begin(), campaigns.end(),
            [](const Campaign& a, const Campaign& b) { return a.id < b.id; });
  Table t;
  auto& id = t.add("campaign_id", StringColumn{});
  auto& advertiser = t.add("advertiser", StringColumn{});
  EnumColumn type, category;
  for (auto l : clean::EnumTraits<clean::CampaignType>::labels) type.labels.emplace_back(l);
  for (auto l : clean::EnumTraits<clean::Category>::labels) category.labels.emplace_back(l);
  std::vector<int64_t> bid;
  for (const auto& c : campaigns) {
    id.push_back(c.id);
    advertiser.push_back(c.advertiser);
    type.codes.push_back(clean::code(*clean::from_label<clean::CampaignType>(c.type)));
    category.codes.push_back(clean::code(*clean::from_label<clean::Category>(c.category)));
    bid.push_back(c.bid_micros);
  }
  t.add("campaign_type", std::move(type));
  t.add("category", std::move(category));
  t.add("bid_micros", std::move(bid), "micros of USD");
  return t;
}

}  // namespace adlake::gold::testing
