#pragma once
// The columns of silver's /fact_ad_funnel (CONTRACT 2.4) that gold reads, as
// typed vectors. Enumerated columns hold the codes of include/adlake/clean/
// enums.hpp whatever member values the file used, so code order is text order.
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/core/table.hpp"

namespace adlake::gold {

struct FactRows {
  StringColumn id_md5;
  StringColumn user_id;  // user_id and app_id: keys of the history features
  StringColumn app_id;
  std::vector<int16_t> age;
  std::vector<uint8_t> age_bucket;   // clean::AgeBucket
  std::vector<uint8_t> gender;       // clean::Gender
  std::vector<uint8_t> user_state;   // clean::State
  std::vector<uint8_t> interest;     // clean::Category
  std::vector<uint8_t> device_type;  // clean::DeviceType
  std::vector<uint8_t> os;           // clean::Os
  std::vector<uint8_t> genre;        // clean::Category
  std::vector<double> app_rating;
  std::vector<uint8_t> has_impression;
  std::vector<int64_t> imp_ts;
  StringColumn campaign_id;
  std::vector<int8_t> slot;
  std::vector<int64_t> win_price_micros;
  std::vector<uint8_t> campaign_type;  // clean::CampaignType
  std::vector<uint8_t> category;       // clean::Category
  std::vector<int64_t> bid_micros;
  std::vector<uint8_t> is_click;
  std::vector<uint8_t> is_install;
  std::vector<int64_t> revenue_micros;

  size_t size() const { return id_md5.size(); }
};

// The fact columns gold reads (the others are never loaded).
const std::vector<std::string>& fact_columns();

// Takes the columns of `table` (read with fact_columns()) and checks what gold
// relies on: the column types of CONTRACT 2.4, enum labels that are values of
// the contract, ids of 32 lower-case hex digits in strictly ascending order,
// 0/1 flags, and an impression's time in [2000, 2100) and campaign type. A
// violation is a DataError naming `where` and the row (first_row + index).
FactRows fact_rows_from(Table table, const std::string& where, int64_t first_row);

}  // namespace adlake::gold
