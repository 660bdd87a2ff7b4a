#pragma once
// In-memory columnar tables: what a rank holds of a table, what every layer's
// kernels work on, and what the HDF5 table reader and writer (h5/table_io.hpp)
// take and give (CONTRACT section 5).
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace adlake {

// Variable-length strings packed in one buffer (no allocation per value).
class StringColumn {
 public:
  StringColumn() : offsets_{0} {}
  void push_back(std::string_view value) {
    bytes_.insert(bytes_.end(), value.begin(), value.end());
    offsets_.push_back(bytes_.size());
    longest_ = value.size() > longest_ ? value.size() : longest_;
  }
  std::string_view at(size_t i) const {
    return {bytes_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
  }
  std::string_view operator[](size_t i) const { return at(i); }
  size_t size() const { return offsets_.size() - 1; }
  bool empty() const { return size() == 0; }
  // Large reservations get transparent huge pages from malloc itself
  // (core/malloc_tunables.hpp).
  void reserve(size_t rows, size_t bytes);
  // Kept up to date by push_back: writers ask for it once per column.
  size_t max_length() const { return longest_; }
  size_t byte_size() const { return bytes_.size(); }
  void clear() {
    bytes_.clear();
    offsets_.assign(1, 0);
    longest_ = 0;
  }
  // Rows in `order` (indices into this column).
  StringColumn gather(const std::vector<uint32_t>& order) const;
  bool operator==(const StringColumn& other) const;

 private:
  std::vector<char> bytes_;
  std::vector<uint64_t> offsets_;
  size_t longest_ = 0;
};

// Codes into a fixed list of labels (an HDF5 enum; member value = index). An
// empty label is a code that is not a member: a column may leave a member out
// (silver's dimension tables drop `none`) and still keep every other code.
struct EnumColumn {
  std::vector<std::string> labels;
  std::vector<uint8_t> codes;
  size_t size() const { return codes.size(); }
  std::string_view label(size_t i) const { return labels[codes[i]]; }
  bool operator==(const EnumColumn&) const = default;
};

using ColumnData = std::variant<std::vector<int8_t>, std::vector<int16_t>, std::vector<int32_t>,
                                std::vector<int64_t>, std::vector<uint8_t>, std::vector<double>,
                                StringColumn, EnumColumn>;

struct Column {
  std::string name;
  ColumnData data;
  std::string units;  // HDF5 attribute `units` when not empty (e.g. "seconds since 1970-01-01 UTC")
  size_t size() const;
  bool operator==(const Column&) const = default;
};

struct Table {
  // A deque, so references returned by add() stay valid as columns are added.
  std::deque<Column> columns;
  // "<file>: table <path>" for a table read from a layer (h5/table_io.hpp),
  // so that a column missing or of another type names where it was read.
  std::string origin;

  size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
  bool has(std::string_view name) const;
  Column& column(std::string_view name);
  const Column& column(std::string_view name) const;

  // The column's data as `Data` (one of ColumnData's types); throws a
  // DataError naming the table, the column, the type expected and the one
  // found when it holds another.
  template <class Data>
  Data& get(std::string_view name) {
    Column& c = column(name);
    if (auto* data = std::get_if<Data>(&c.data)) return *data;
    throw_wrong_type(c, ColumnData(Data{}).index());
  }
  template <class Data>
  const Data& get(std::string_view name) const {
    return const_cast<Table*>(this)->get<Data>(name);
  }

  template <class T>
  std::vector<T>& values(std::string_view name) {
    return get<std::vector<T>>(name);
  }
  template <class T>
  const std::vector<T>& values(std::string_view name) const {
    return get<std::vector<T>>(name);
  }
  StringColumn& strings(std::string_view name) { return get<StringColumn>(name); }
  const StringColumn& strings(std::string_view name) const { return get<StringColumn>(name); }
  EnumColumn& enums(std::string_view name) { return get<EnumColumn>(name); }
  const EnumColumn& enums(std::string_view name) const { return get<EnumColumn>(name); }

  // Appends a column and returns a reference to its storage.
  template <class T>
  T& add(std::string name, T data, std::string units = {}) {
    columns.push_back(Column{std::move(name), ColumnData(std::move(data)), std::move(units)});
    return std::get<T>(columns.back().data);
  }
  // Throws if the columns differ in length.
  void check_lengths(std::string_view table_name) const;
  // The same columns and values, wherever each table was read from.
  bool operator==(const Table& other) const { return columns == other.columns; }

 private:
  [[noreturn]] void throw_wrong_type(const Column& column, size_t expected_index) const;
};

// "int64", "a fixed-length string", ...: ColumnData's alternative `index`.
const char* column_type_name(size_t index);

}  // namespace adlake
