#include "adlake/h5/table_read.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "adlake/core/error.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/dataset_check.hpp"
#include "adlake/h5/dataset_io.hpp"
#include "adlake/h5/string_overflow.hpp"
#include "adlake/h5/table_types.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::h5 {

std::pair<int64_t, int64_t> even_share(int64_t total, int rank, int size) {
  const int64_t begin = total * rank / size;
  const int64_t end = total * (rank + 1) / size;
  return {begin, end - begin};
}

bool table_exists(const File& file, const std::string& path) {
  if (path.empty() || path == "/") return false;
  if (!object_in_file_exists(file.id(), path, file.path() + ": table " + path)) return false;
  Handle group(H5Oopen(file.id(), path.c_str(), H5P_DEFAULT));
  return group.valid() && has_attribute(group.id(), "rows");
}

namespace {

std::string table_where(const File& file, const std::string& path) {
  return file.path() + ": table " + path;
}

// A table's group, reached through hard links only (h5/dataset_check.hpp).
Handle open_table(const File& file, const std::string& path) {
  Handle group = open_object_in_file(file.id(), path, table_where(file, path));
  if (H5Iget_type(group.id()) != H5I_GROUP) {
    throw DataError(table_where(file, path) + ": expected a group, found another object");
  }
  return group;
}

int64_t rows_of(hid_t group, const std::string& where) {
  const int64_t rows = read_int_attribute(group, "rows");
  if (rows < 0) {
    throw DataError(where + ": attribute rows: expected a count, found " + std::to_string(rows));
  }
  return rows;
}

// A JSON attribute, with an error that names where it was read.
nlohmann::json json_attribute(hid_t group, const std::string& name, const std::string& where) {
  const std::string text = read_string_attribute(group, name);
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    throw DataError(where + ": attribute " + name + ": expected JSON, found text that is not");
  }
  return parsed;
}

std::vector<std::string> string_list(const nlohmann::json& value, const std::string& what) {
  if (!value.is_array() ||
      !std::all_of(value.begin(), value.end(), [](auto& v) { return v.is_string(); })) {
    throw DataError(what + ": expected a JSON list of strings, found " +
                    std::string(value.type_name()));
  }
  return value.get<std::vector<std::string>>();
}

std::vector<std::string> columns_of(hid_t group, const std::string& where) {
  return string_list(json_attribute(group, "columns", where), where + ": attribute columns");
}

// Runs `check` so that a failure on one rank of a parallel file is an error
// on every rank (before any collective call could wait for the failed one).
template <class F>
void agreed(const File& file, F&& check) {
  if (file.parallel()) {
    collective_try(*file.comm(), std::forward<F>(check));
  } else {
    check();
  }
}

}  // namespace

int64_t table_rows(const File& file, const std::string& path) {
  return rows_of(open_table(file, path).id(), table_where(file, path));
}

std::vector<std::string> table_columns(const File& file, const std::string& path) {
  return columns_of(open_table(file, path).id(), table_where(file, path));
}

TableMeta read_table_meta(const File& file, const std::string& path) {
  Handle group = open_table(file, path);
  const std::string where = table_where(file, path);
  TableMeta meta;
  meta.stage = read_string_attribute(group.id(), "stage");
  meta.sources = string_list(json_attribute(group.id(), "sources", where), where + ": sources");
  meta.params = json_attribute(group.id(), "params", where);
  meta.stats = json_attribute(group.id(), "stats", where);
  meta.created_at = read_string_attribute(group.id(), "created_at");
  meta.description = read_string_attribute_if(group.id(), "description").value_or("");
  return meta;
}

namespace {
herr_t collect_tables(hid_t object, const char* name, const H5O_info_t* info, void* out) {
  if (info->type != H5O_TYPE_GROUP || std::strcmp(name, ".") == 0) return 0;
  Handle group(H5Gopen2(object, name, H5P_DEFAULT));
  if (group.valid() && has_attribute(group.id(), "rows")) {
    static_cast<std::vector<std::string>*>(out)->push_back("/" + std::string(name));
  }
  return 0;
}
}  // namespace

std::vector<std::string> list_tables(const File& file) {
  std::vector<std::string> out;
  check_status(H5Ovisit(file.id(), H5_INDEX_NAME, H5_ITER_INC, collect_tables, &out),
               "list tables of " + file.path());
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

// A column's dataset, checked (h5/dataset_check.hpp) and open for reading.
struct CheckedColumn {
  std::string table;  // its path in the file
  std::string name;
  std::string where;
  Handle dataset;
  Handle type;
  DatasetShape shape;
};

CheckedColumn check_column(const File& file, const std::string& table, const std::string& name,
                           int64_t rows) {
  const std::string where = table_where(file, table) + ", column " + name;
  if (name.empty() || name.find('/') != std::string::npos) {
    throw DataError(where + ": expected a column name, found a path");
  }
  CheckedColumn c{table, name, where, open_object_in_file(file.id(), table + "/" + name, where),
                  {},    {}};
  c.type = Handle(H5Dget_type(c.dataset.id()), "get type of " + where);
  c.shape = check_column_dataset(c.dataset.id(), c.type.id(), rows, where);
  return c;
}

}  // namespace

Handle open_table_group(const File& file, const std::string& table) {
  return open_table(file, table);
}

Handle open_column(const File& file, const std::string& table, const std::string& column) {
  const int64_t rows = rows_of(open_table(file, table).id(), table_where(file, table));
  return std::move(check_column(file, table, column, rows).dataset);
}

namespace {

// The labels of an enum type, indexed by member value. Values need not be
// 0..n-1: a missing code stays an empty label.
std::vector<std::string> enum_labels(hid_t type) {
  std::vector<std::string> labels;
  const int members = H5Tget_nmembers(type);
  for (int m = 0; m < members; ++m) {
    char* label = H5Tget_member_name(type, static_cast<unsigned>(m));
    uint8_t value = 0;
    H5Tget_member_value(type, static_cast<unsigned>(m), &value);
    if (value >= labels.size()) labels.resize(size_t{value} + 1);
    labels[value] = label != nullptr ? label : "";
    H5free_memory(label);
  }
  return labels;
}

// A fixed-width string column's rows, padding removed and long values
// (kept whole in the table's `_long` group) put back.
template <class ReadInto>
StringColumn read_strings(const File& file, const CheckedColumn& c, int64_t begin, size_t n,
                          const ReadInto& read_into) {
  const size_t size = c.shape.type_size;
  std::vector<char> buffer(std::max<size_t>(n * size, 1));
  Handle mtype = string_type(size);
  read_into(mtype.id(), buffer.data());
  StringColumn strings;
  strings.reserve(n, n * size);
  for (size_t i = 0; i < n; ++i) {
    const char* v = buffer.data() + i * size;
    strings.push_back(std::string_view(v, strnlen(v, size)));
  }
  merge_long_values(file, c.dataset.id(), c.table, c.name, begin, strings);
  return strings;
}

// Rows [begin, begin + count) of a checked column.
Column read_column(const File& file, const CheckedColumn& c, int64_t begin, int64_t count) {
  Handle space(H5Dget_space(c.dataset.id()), "get space of " + c.where);
  Selection sel = select_rows(space.id(), begin, count);
  // Independent reads: a rank reads its own rows; a collective read made the
  // rank done first wait, yielding, in ROMIO for the other (silver: ~0.2M
  // sched_yield calls at 1M requests).
  Handle dxpl = transfer_plist(false);
  const std::string what = "read " + c.where;
  Column column{c.name, {}, read_string_attribute_if(c.dataset.id(), "units").value_or("")};
  auto read_into = [&](hid_t mem_type, void* buffer) {
    if (c.shape.rows == 0) return;  // nothing stored, and HDF5 refuses a transfer
    // A failed read on one rank is an error on all: the next column's
    // collective read would wait for it.
    agreed(file, [&] {
      check_status(H5Dread(c.dataset.id(), mem_type, sel.mem_space.id(), sel.file_space.id(),
                           dxpl.id(), buffer),
                   what);
    });
  };
  const size_t n = static_cast<size_t>(count);
  const size_t size = c.shape.type_size;
  const hid_t ftype = c.type.id();
  if (c.shape.type_class == H5T_STRING) {
    column.data = read_strings(file, c, begin, n, read_into);
  } else if (c.shape.type_class == H5T_ENUM) {
    EnumColumn e;
    e.labels = enum_labels(ftype);
    e.codes.resize(std::max<size_t>(n, 1));
    read_into(ftype, e.codes.data());
    e.codes.resize(n);
    column.data = std::move(e);
  } else {
    auto read_numbers = [&](auto tag) {
      using T = decltype(tag);
      std::vector<T> values(std::max<size_t>(n, 1));
      read_into(native_type<T>(), values.data());
      values.resize(n);
      column.data = std::move(values);
    };
    const bool is_signed = H5Tget_sign(ftype) == H5T_SGN_2;
    if (c.shape.type_class == H5T_FLOAT)
      read_numbers(double{});
    else if (size == 1)
      is_signed ? read_numbers(int8_t{}) : read_numbers(uint8_t{});
    else if (size == 2)
      read_numbers(int16_t{});
    else if (size == 4)
      read_numbers(int32_t{});
    else
      read_numbers(int64_t{});
  }
  return column;
}

// After the read: every stored enum code is a member of its type (a code that
// is not would index past the labels).
void check_codes(const Column& column, const std::string& where) {
  const auto* e = std::get_if<EnumColumn>(&column.data);
  if (e == nullptr) return;
  std::array<bool, 256> member{};
  for (size_t i = 0; i < e->labels.size(); ++i) member[i] = !e->labels[i].empty();
  for (size_t i = 0; i < e->codes.size(); ++i) {
    if (!member[e->codes[i]]) {
      throw DataError(where + ": expected a member of its enum type, found the code " +
                      std::to_string(e->codes[i]) + " (a row of this rank's share, offset " +
                      std::to_string(i) + ")");
    }
  }
}

}  // namespace

Table read_table(const File& file, const std::string& path, int64_t begin, int64_t count,
                 const std::vector<std::string>& columns) {
  // Before a byte of data: the table and each column, the same on every rank.
  std::vector<CheckedColumn> checked;
  agreed(file, [&] {
    Handle group = open_table(file, path);
    const std::string where = table_where(file, path);
    const int64_t rows = rows_of(group.id(), where);
    // The table's own list, even when the caller names the columns: a table
    // whose attributes are not what adlake writes is not read at all.
    const std::vector<std::string> listed = columns_of(group.id(), where);
    const std::vector<std::string>& names = columns.empty() ? listed : columns;
    for (const auto& name : names) {
      if (std::find(listed.begin(), listed.end(), name) == listed.end()) {
        throw DataError(where + ": expected a column " + name +
                        " in its attribute columns, found none");
      }
      checked.push_back(check_column(file, path, name, rows));
    }
    if (begin < 0 || count < 0 || begin > rows - count) {
      throw IoError("read of rows [" + std::to_string(begin) + ", " +
                    std::to_string(begin + count) + ") is outside " + where + " (" +
                    std::to_string(rows) + " rows)");
    }
  });
  Table table;
  table.origin = table_where(file, path);
  for (const auto& c : checked) table.columns.push_back(read_column(file, c, begin, count));
  agreed(file, [&] {
    for (size_t j = 0; j < checked.size(); ++j) check_codes(table.columns[j], checked[j].where);
  });
  return table;
}

Table read_table_share(const File& file, const std::string& path, const Comm& comm,
                       const std::vector<std::string>& columns) {
  const auto [begin, count] = even_share(table_rows(file, path), comm.rank(), comm.size());
  return read_table(file, path, begin, count, columns);
}

}  // namespace adlake::h5
