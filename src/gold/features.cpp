#include "adlake/gold/features.hpp"

#include <charconv>

#include "adlake/gold/enum_column.hpp"
#include "adlake/gold/history_features.hpp"

namespace adlake::gold {

const std::vector<std::string>& feature_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c{"hour_of_day",
                               "day_of_week",
                               "is_affinity_match",
                               "is_contextual_match",
                               "age",
                               "age_bucket",
                               "gender",
                               "user_state",
                               "interest",
                               "device_type",
                               "os",
                               "genre",
                               "app_rating",
                               "campaign_type",
                               "category",
                               "slot",
                               "bid_micros"};
    c.insert(c.end(), history_columns().begin(), history_columns().end());
    return c;
  }();
  return columns;
}

Split split_of(std::string_view id) {
  uint32_t tail = 0;
  std::from_chars(id.data() + 24, id.data() + 32, tail, 16);
  return tail % 10 <= 1 ? Split::kTest : Split::kTrain;
}

Table build_features(const FactRows& rows) {
  using namespace clean;
  std::vector<uint32_t> order;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows.has_impression[i]) order.push_back(static_cast<uint32_t>(i));
  }
  const size_t n = order.size();
  Table t;
  t.add("id_md5", rows.id_md5.gather(order));
  auto& split = t.add("split", enum_column<Split>(n)).codes;
  auto& is_click = t.add("is_click", std::vector<uint8_t>(n));
  auto& hour = t.add("hour_of_day", std::vector<uint8_t>(n), "hour of imp_ts, UTC");
  auto& weekday = t.add("day_of_week", std::vector<uint8_t>(n), "day of imp_ts, UTC, 0 = Monday");
  auto& affinity = t.add("is_affinity_match", std::vector<uint8_t>(n));
  auto& contextual = t.add("is_contextual_match", std::vector<uint8_t>(n));
  auto& age = t.add("age", std::vector<int16_t>(n), "years, -1 = missing");
  auto& age_bucket = t.add("age_bucket", enum_column<AgeBucket>(n)).codes;
  auto& gender = t.add("gender", enum_column<Gender>(n)).codes;
  auto& state = t.add("user_state", enum_column<State>(n)).codes;
  auto& interest = t.add("interest", enum_column<Category>(n)).codes;
  auto& device = t.add("device_type", enum_column<DeviceType>(n)).codes;
  auto& os = t.add("os", enum_column<Os>(n)).codes;
  auto& genre = t.add("genre", enum_column<Category>(n)).codes;
  auto& rating = t.add("app_rating", std::vector<double>(n));
  auto& type = t.add("campaign_type", enum_column<CampaignType>(n)).codes;
  auto& category = t.add("category", enum_column<Category>(n)).codes;
  auto& slot = t.add("slot", std::vector<int8_t>(n));
  auto& bid = t.add("bid_micros", std::vector<int64_t>(n), "micros of USD");

  const auto count = static_cast<int64_t>(n);
#pragma omp parallel for schedule(static)
  for (int64_t k = 0; k < count; ++k) {
    const size_t i = order[static_cast<size_t>(k)];
    split[k] = code(split_of(rows.id_md5.at(i)));
    is_click[k] = rows.is_click[i];
    hour[k] = hour_of_day(rows.imp_ts[i]);
    weekday[k] = day_of_week(rows.imp_ts[i]);
    affinity[k] = is_match(rows.interest[i], rows.category[i]);
    contextual[k] = is_match(rows.genre[i], rows.category[i]);
    age[k] = rows.age[i];
    age_bucket[k] = rows.age_bucket[i];
    gender[k] = rows.gender[i];
    state[k] = rows.user_state[i];
    interest[k] = rows.interest[i];
    device[k] = rows.device_type[i];
    os[k] = rows.os[i];
    genre[k] = rows.genre[i];
    rating[k] = rows.app_rating[i];
    type[k] = rows.campaign_type[i];
    category[k] = rows.category[i];
    slot[k] = rows.slot[i];
    bid[k] = rows.bid_micros[i];
  }
  return t;
}

FeatureCounts count_features(const Table& features) {
  const auto& split = features.enums(kSplitColumn).codes;
  const auto& clicks = features.values<uint8_t>(kLabelColumn);
  FeatureCounts c;
  c.rows = static_cast<int64_t>(split.size());
  for (size_t i = 0; i < split.size(); ++i) {
    if (split[i] == clean::code(Split::kTest)) {
      ++c.test;
      c.test_clicks += clicks[i];
    } else {
      ++c.train;
      c.train_clicks += clicks[i];
    }
  }
  return c;
}

}  // namespace adlake::gold
