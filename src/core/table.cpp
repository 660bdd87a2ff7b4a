#include "adlake/core/table.hpp"

#include <algorithm>
#include <iterator>

#include "adlake/core/error.hpp"

namespace adlake {

void StringColumn::reserve(size_t rows, size_t bytes) {
  offsets_.reserve(rows + 1);
  bytes_.reserve(bytes);
}

StringColumn StringColumn::gather(const std::vector<uint32_t>& order) const {
  StringColumn out;
  size_t bytes = 0;
  for (uint32_t i : order) bytes += offsets_[i + 1] - offsets_[i];
  out.reserve(order.size(), bytes);
  for (uint32_t i : order) out.push_back(at(i));
  return out;
}

bool StringColumn::operator==(const StringColumn& other) const {
  return bytes_ == other.bytes_ && offsets_ == other.offsets_;
}

size_t Column::size() const {
  return std::visit([](const auto& d) -> size_t { return d.size(); }, data);
}

bool Table::has(std::string_view name) const {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const Column& c) { return c.name == name; });
}

Column& Table::column(std::string_view name) {
  for (auto& c : columns) {
    if (c.name == name) return c;
  }
  throw DataError((origin.empty() ? std::string("table") : origin) + " has no column '" +
                  std::string(name) + "'");
}

const char* column_type_name(size_t index) {
  static constexpr const char* kNames[] = {
      "int8", "int16", "int32", "int64", "uint8", "float64", "a fixed-length string", "an enum"};
  static_assert(std::size(kNames) == std::variant_size_v<ColumnData>);
  return index < std::size(kNames) ? kNames[index] : "an unknown type";
}

void Table::throw_wrong_type(const Column& column, size_t expected_index) const {
  throw DataError((origin.empty() ? std::string("table") : origin) + ", column " + column.name +
                  ": expected " + column_type_name(expected_index) + ", found " +
                  column_type_name(column.data.index()) + " (CONTRACT)");
}

const Column& Table::column(std::string_view name) const {
  return const_cast<Table*>(this)->column(name);
}

void Table::check_lengths(std::string_view table_name) const {
  for (const auto& c : columns) {
    if (c.size() != rows()) {
      throw Error("table " + std::string(table_name) + ": column '" + c.name + "' has " +
                  std::to_string(c.size()) + " rows, expected " + std::to_string(rows()));
    }
  }
}

}  // namespace adlake
