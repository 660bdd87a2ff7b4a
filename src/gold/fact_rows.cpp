#include "adlake/gold/fact_rows.hpp"

#include <array>
#include <cstring>
#include <utility>

#include "adlake/clean/enums.hpp"
#include "adlake/clean/number.hpp"
#include "adlake/clean/timestamp.hpp"
#include "adlake/core/error.hpp"

namespace adlake::gold {
namespace {

// Moves a column out of the table; Table::get names the table, the column and
// both types when it holds another.
template <class T>
T take(Table& table, const char* name) {
  return std::move(table.get<T>(name));
}

// The codes of an enum column in the contract's enum E: a file may number its
// members differently (or leave codes out: empty labels), but every member
// must be one of E's labels and every stored code a member.
template <class E>
std::vector<uint8_t> take_codes(Table& table, const char* name, const std::string& where) {
  EnumColumn column = take<EnumColumn>(table, name);
  std::array<uint8_t, 256> to_contract{};
  std::array<bool, 256> member{};
  bool identity = true;
  for (size_t i = 0; i < column.labels.size(); ++i) {
    if (column.labels[i].empty()) continue;
    const auto value = clean::from_label<E>(column.labels[i]);
    if (!value) {
      throw DataError(where + ": column " + name + " has the enum member '" + column.labels[i] +
                      "', which CONTRACT 2.1 does not define");
    }
    to_contract[i] = clean::code(*value);
    member[i] = true;
    identity = identity && to_contract[i] == i;
  }
  // HDF5 stores whatever byte was written; a code that is not a member would
  // index past the aggregation arrays.
  for (auto& c : column.codes) {
    if (!member[c]) {
      throw DataError(where + ": column " + name + " holds " + std::to_string(c) +
                      ", which is not a member of its enum type");
    }
    if (!identity) c = to_contract[c];
  }
  return std::move(column.codes);
}

// A table and no early exit: random hex digits make a per-character branch
// mispredict, and this runs on every fact row.
constexpr std::array<uint8_t, 256> kLowerHex = [] {
  std::array<uint8_t, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] = 1;
  for (int c = 'a'; c <= 'f'; ++c) table[static_cast<size_t>(c)] = 1;
  return table;
}();

bool is_lower_hex(std::string_view id) {
  if (id.size() != 32) return false;
  uint8_t all = 1;
  for (unsigned char c : id) all &= kLowerHex[c];
  return all == 1;
}

[[noreturn]] void bad_row(const std::string& where, int64_t row, const FactRows& f, size_t i,
                          const std::string& reason) {
  throw DataError(where + " row " + std::to_string(row) + " (id_md5 '" +
                  std::string(f.id_md5.at(i)) + "'): " + reason);
}

void check_rows(const FactRows& f, const std::string& where, int64_t first_row) {
  const auto none_type = clean::code(clean::CampaignType::kNone);
  for (size_t i = 0; i < f.size(); ++i) {
    const int64_t row = first_row + static_cast<int64_t>(i);
    const std::string_view id = f.id_md5.at(i);
    if (!is_lower_hex(id)) bad_row(where, row, f, i, "id_md5 is not 32 lower-case hex digits");
    if (i > 0 && !(f.id_md5.at(i - 1) < id)) {
      bad_row(where, row, f, i, "id_md5 is not strictly ascending (CONTRACT 2.4)");
    }
    if (f.has_impression[i] > 1 || f.is_click[i] > 1 || f.is_install[i] > 1) {
      bad_row(where, row, f, i, "has_impression, is_click and is_install must be 0 or 1");
    }
    // Money within CONTRACT 2.1's bounds: the aggregates sum it in int64.
    const auto money_ok = [](int64_t v) { return v >= 0 && v <= clean::kMaxMicros; };
    if (!money_ok(f.win_price_micros[i]) || !money_ok(f.bid_micros[i]) ||
        !money_ok(f.revenue_micros[i])) {
      bad_row(where, row, f, i,
              "win_price_micros, bid_micros and revenue_micros must be in [0, " +
                  std::to_string(clean::kMaxMicros) + "] (CONTRACT 2.1: below 1000 USD)");
    }
    if (f.has_impression[i] == 1) {
      if (f.imp_ts[i] < clean::kMinTimestamp || f.imp_ts[i] >= clean::kEndTimestamp) {
        bad_row(where, row, f, i, "imp_ts of an impression is outside [2000, 2100)");
      }
      if (f.campaign_type[i] == none_type) {
        bad_row(where, row, f, i, "an impression with campaign_type none");
      }
    }
  }
}

}  // namespace

const std::vector<std::string>& fact_columns() {
  static const std::vector<std::string> columns{
      "id_md5",   "user_id",          "app_id",         "age",         "age_bucket",
      "gender",   "user_state",       "interest",       "device_type", "os",
      "genre",    "app_rating",       "has_impression", "imp_ts",      "campaign_id",
      "slot",     "win_price_micros", "campaign_type",  "category",    "bid_micros",
      "is_click", "is_install",       "revenue_micros"};
  return columns;
}

FactRows fact_rows_from(Table table, const std::string& where, int64_t first_row) {
  using namespace clean;
  FactRows f;
  f.id_md5 = take<StringColumn>(table, "id_md5");
  f.user_id = take<StringColumn>(table, "user_id");
  f.app_id = take<StringColumn>(table, "app_id");
  f.age = take<std::vector<int16_t>>(table, "age");
  f.age_bucket = take_codes<AgeBucket>(table, "age_bucket", where);
  f.gender = take_codes<Gender>(table, "gender", where);
  f.user_state = take_codes<State>(table, "user_state", where);
  f.interest = take_codes<Category>(table, "interest", where);
  f.device_type = take_codes<DeviceType>(table, "device_type", where);
  f.os = take_codes<Os>(table, "os", where);
  f.genre = take_codes<Category>(table, "genre", where);
  f.app_rating = take<std::vector<double>>(table, "app_rating");
  f.has_impression = take<std::vector<uint8_t>>(table, "has_impression");
  f.imp_ts = take<std::vector<int64_t>>(table, "imp_ts");
  f.campaign_id = take<StringColumn>(table, "campaign_id");
  f.slot = take<std::vector<int8_t>>(table, "slot");
  f.win_price_micros = take<std::vector<int64_t>>(table, "win_price_micros");
  f.campaign_type = take_codes<CampaignType>(table, "campaign_type", where);
  f.category = take_codes<Category>(table, "category", where);
  f.bid_micros = take<std::vector<int64_t>>(table, "bid_micros");
  f.is_click = take<std::vector<uint8_t>>(table, "is_click");
  f.is_install = take<std::vector<uint8_t>>(table, "is_install");
  f.revenue_micros = take<std::vector<int64_t>>(table, "revenue_micros");
  check_rows(f, where, first_row);
  return f;
}

}  // namespace adlake::gold
