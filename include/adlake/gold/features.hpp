#pragma once
// gold.h5 /features (CONTRACT 3.1): one row per fact row with an impression,
// in id_md5 order, holding the label, the train/test split and the features,
// all known at the time of the impression.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/clean/enums.hpp"
#include "adlake/core/table.hpp"
#include "adlake/gold/fact_rows.hpp"

namespace adlake::gold {

// Labels sorted byte-wise like every enum of the project, so test = 0, train = 1.
enum class Split : uint8_t { kTest, kTrain };

// The column names that /features' attributes point the trainer to.
inline constexpr std::string_view kLabelColumn = "is_click";
inline constexpr std::string_view kSplitColumn = "split";
inline constexpr std::string_view kIdColumn = "id_md5";

// The feature columns of CONTRACT 3.1, in the table's order.
const std::vector<std::string>& feature_columns();

// `test` when the last 8 hex digits of id_md5, as an integer, are 0 or 1 mod 10.
// `id` must be 32 lower-case hex digits.
Split split_of(std::string_view id);

// UTC hour (0-23) and weekday (0 = Monday) of epoch seconds.
constexpr uint8_t hour_of_day(int64_t ts) {
  const int64_t in_day = ((ts % 86400) + 86400) % 86400;
  return static_cast<uint8_t>(in_day / 3600);
}
constexpr uint8_t day_of_week(int64_t ts) {
  const int64_t days = ts >= 0 ? ts / 86400 : -((-ts + 86399) / 86400);
  return static_cast<uint8_t>((((days + 3) % 7) + 7) % 7);  // 1970-01-01 was a Thursday
}

// 1 when two clean::Category codes are equal and both are known (neither
// `unknown` nor `none`): is_affinity_match, is_contextual_match.
constexpr uint8_t is_match(uint8_t a, uint8_t b) {
  constexpr auto unknown = clean::code(clean::Category::kUnknown);
  constexpr auto none = clean::code(clean::Category::kNone);
  return a == b && a != unknown && a != none ? 1 : 0;
}

// Counts that go into /features' stats.
struct FeatureCounts {
  int64_t rows = 0;
  int64_t train = 0;
  int64_t test = 0;
  int64_t train_clicks = 0;
  int64_t test_clicks = 0;
};

// This rank's /features rows (OpenMP over rows), in the order of `rows`.
Table build_features(const FactRows& rows);
FeatureCounts count_features(const Table& features);

static_assert(hour_of_day(86399) == 23 && hour_of_day(3600) == 1);
static_assert(day_of_week(0) == 3 && day_of_week(4 * 86400) == 0);  // 1970-01-05: a Monday

}  // namespace adlake::gold

namespace adlake::clean {
template <>
struct EnumTraits<gold::Split> {
  static constexpr std::array<std::string_view, 2> labels{"test", "train"};
};
static_assert(detail::strictly_sorted(EnumTraits<gold::Split>::labels));
}  // namespace adlake::clean
