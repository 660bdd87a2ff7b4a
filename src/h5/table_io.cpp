#include "adlake/h5/table_io.hpp"

#include <H5FDmpio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "adlake/core/error.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/dataset_io.hpp"
#include "adlake/h5/dataset_check.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/h5/io_diagnostics.hpp"
#include "adlake/h5/string_overflow.hpp"
#include "adlake/h5/string_width.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::h5 {
namespace {

template <class T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, int8_t>)
    return H5T_NATIVE_INT8;
  else if constexpr (std::is_same_v<T, uint8_t>)
    return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, int16_t>)
    return H5T_NATIVE_INT16;
  else if constexpr (std::is_same_v<T, int32_t>)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, double>)
    return H5T_NATIVE_DOUBLE;
  else
    static_assert(sizeof(T) == 0, "unsupported column type");
}

Handle string_type(size_t width) {
  Handle type(H5Tcopy(H5T_C_S1), "copy string type");
  check_status(H5Tset_size(type.id(), std::max<size_t>(width, 1)), "set string size");
  check_status(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), "set string padding");
  return type;
}

Handle enum_type(const std::vector<std::string>& labels) {
  if (labels.size() > 256 ||
      std::all_of(labels.begin(), labels.end(), [](auto& l) { return l.empty(); }))
    throw Error("an enum column needs 1 to 256 labels");
  Handle type(H5Tenum_create(H5T_NATIVE_UINT8), "create enum type");
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].empty()) continue;  // a code that is not a member (column.hpp)
    const uint8_t value = static_cast<uint8_t>(i);
    check_status(H5Tenum_insert(type.id(), labels[i].c_str(), &value),
                 "insert enum member " + labels[i]);
  }
  return type;
}

void write_column(File& file, hid_t group, const Column& column, int64_t offset, int64_t total,
                  const Comm& comm, const std::string& where, SlabBuffer& slab,
                  StringWidths widths) {
  const int64_t count = static_cast<int64_t>(column.size());
  Handle type;
  hid_t type_id = -1;
  const void* data = nullptr;  // the column as stored (not for strings: they are packed)
  const StringColumn* strings = nullptr;
  size_t width = 0;
  std::visit(
      [&](const auto& values) {
        using V = std::decay_t<decltype(values)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          width = widths == StringWidths::compact
                      ? compact_width(values, comm).width
                      : std::max<size_t>(
                            1, allreduce_max<unsigned long long>(comm, values.max_length()));
          type = string_type(width);
          type_id = type.id();
          strings = &values;
        } else if constexpr (std::is_same_v<V, EnumColumn>) {
          type = enum_type(values.labels);
          type_id = type.id();
          data = values.codes.data();
        } else {
          type_id = native_type<typename V::value_type>();
          data = values.data();
        }
      },
      column.data);

  Handle dataset = create_dataset_1d(file, group, column.name, type_id, total, where);
  const std::string what = "dataset " + where + "/" + column.name;
  if (total > 0 && strings != nullptr) {
    // Packed and written a slab at a time (h5/fixed_strings.hpp).
    char* const buffer =
        slab.get(static_cast<size_t>(std::min<int64_t>(count, slab_rows(width))) * width);
    write_in_rounds(
        file, dataset.id(), type_id, offset, count, static_cast<int64_t>(slab_rows(width)),
        [&](int64_t first, int64_t n) {
          pack_fixed_strings(*strings, static_cast<size_t>(first), static_cast<size_t>(n), width,
                             buffer);
          return buffer;
        },
        comm, what);
  } else if (total > 0) {
    write_in_rounds(
        file, dataset.id(), type_id, offset, count, count, [&](int64_t, int64_t) { return data; },
        comm, what);
  }
  if (strings != nullptr && widths == StringWidths::compact) {
    write_long_values(file, dataset.id(), where, column.name, *strings, width, offset, comm);
  }
  if (!column.units.empty()) write_attribute(dataset.id(), "units", column.units);
}

void write_table_attributes(hid_t group, int64_t total, const nlohmann::json& names,
                            const TableMeta& meta, const Comm& comm) {
  std::string created_at = meta.created_at.empty() ? utc_now_iso() : meta.created_at;
  broadcast(comm, created_at);  // every rank must write the same attribute value
  write_attribute(group, "rows", total);
  write_attribute(group, "columns", names.dump());
  write_attribute(group, "stage", meta.stage);
  write_attribute(group, "sources", nlohmann::json(meta.sources).dump());
  write_attribute(group, "created_at", created_at);
  write_attribute(group, "adlake_version", std::string(ADLAKE_VERSION));
  write_attribute(group, "params", meta.params.dump());
  write_attribute(group, "stats", meta.stats.dump());
  if (!meta.description.empty()) write_attribute(group, "description", meta.description);
}

Handle create_table_group(File& file, const std::string& path) {
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), "create link properties");
  H5Pset_create_intermediate_group(lcpl.id(), 1);
  return Handle(H5Gcreate2(file.id(), path.c_str(), lcpl.id(), H5P_DEFAULT, H5P_DEFAULT),
                "create table " + path + " in " + file.path());
}

}  // namespace

std::pair<int64_t, int64_t> even_share(int64_t total, int rank, int size) {
  const int64_t begin = total * rank / size;
  const int64_t end = total * (rank + 1) / size;
  return {begin, end - begin};
}

void write_table(File& file, const std::string& path, const Table& local_rows,
                 const TableMeta& meta, const Comm& comm, StringWidths widths) {
  local_rows.check_lengths(path);
  const int64_t count = static_cast<int64_t>(local_rows.rows());
  const int64_t offset = exclusive_scan_sum<int64_t>(comm, count);
  const int64_t total = allreduce_sum<int64_t>(comm, count);

  Handle group = create_table_group(file, path);
  nlohmann::json names = nlohmann::json::array();
  SlabBuffer slab;
  for (const auto& column : local_rows.columns) {
    write_column(file, group.id(), column, offset, total, comm, path, slab, widths);
    names.push_back(column.name);
  }
  write_table_attributes(group.id(), total, names, meta, comm);
}

struct TableWriter::State {
  State(File& f, std::string p, const Comm& c, Handle g)
      : file(f), path(std::move(p)), comm(c), group(std::move(g)) {}
  File& file;
  std::string path;
  const Comm& comm;
  Handle group;
  std::vector<Handle> types;     // per column: its file (= memory) type
  std::vector<Handle> datasets;  // per column
  std::vector<size_t> widths;    // per column: string width, 0 for other types
  nlohmann::json names = nlohmann::json::array();
  int64_t offset = 0;  // this rank's first row
  int64_t local = 0;   // rows this rank announced
  int64_t total = 0;
  int64_t written = 0;  // rows this rank wrote so far
  SlabBuffer slab;      // packed strings of a slice, reused
};

TableWriter::TableWriter(File& file, const std::string& path, const Table& schema,
                         const std::vector<size_t>& string_widths, int64_t local_rows,
                         const Comm& comm)
    : state_(std::make_unique<State>(file, path, comm, create_table_group(file, path))) {
  State& s = *state_;
  if (string_widths.size() != schema.columns.size()) {
    throw Error("TableWriter: one string width per column of " + path);
  }
  s.local = local_rows;
  s.offset = exclusive_scan_sum<int64_t>(comm, local_rows);
  s.total = allreduce_sum<int64_t>(comm, local_rows);
  for (size_t j = 0; j < schema.columns.size(); ++j) {
    const Column& column = schema.columns[j];
    size_t width = 0;
    Handle type;
    std::visit(
        [&](const auto& values) {
          using V = std::decay_t<decltype(values)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            width = std::max<size_t>(string_widths[j], 1);
            type = string_type(width);
          } else if constexpr (std::is_same_v<V, EnumColumn>) {
            type = enum_type(values.labels);
          } else {
            type = Handle(H5Tcopy(native_type<typename V::value_type>()), "copy type");
          }
        },
        column.data);
    Handle dataset = create_dataset_1d(file, s.group.id(), column.name, type.id(), s.total, path);
    if (!column.units.empty()) write_attribute(dataset.id(), "units", column.units);
    s.names.push_back(column.name);
    s.widths.push_back(width);
    s.types.push_back(std::move(type));
    s.datasets.push_back(std::move(dataset));
  }
}

TableWriter::~TableWriter() = default;

void TableWriter::write(const Table& rows) {
  State& s = *state_;
  rows.check_lengths(s.path);
  if (rows.columns.size() != s.datasets.size()) {
    throw Error("TableWriter: a slice of " + s.path + " has the wrong columns");
  }
  const int64_t count = static_cast<int64_t>(rows.rows());
  if (s.written + count > s.local)
    throw Error("TableWriter: more rows than announced in " + s.path);
  for (size_t j = 0; j < s.datasets.size(); ++j) {
    const Column& column = rows.columns[j];
    const void* data = nullptr;
    std::visit(
        [&](const auto& values) {
          using V = std::decay_t<decltype(values)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            const size_t width = s.widths[j];
            if (values.max_length() > width) {
              throw Error("TableWriter: a value of " + s.path + "/" + column.name +
                          " is longer than announced");
            }
            char* const packed = s.slab.get(std::max<size_t>(values.size() * width, 1));
            pack_fixed_strings(values, 0, values.size(), width, packed);
            data = packed;
          } else if constexpr (std::is_same_v<V, EnumColumn>) {
            data = values.codes.data();
          } else {
            data = values.data();
          }
        },
        column.data);
    if (s.total == 0) continue;
    Handle space(H5Dget_space(s.datasets[j].id()), "get space of " + s.path + "/" + column.name);
    Selection sel = select_rows(space.id(), s.offset + s.written, count);
    // Independent transfers: each rank writes its own contiguous rows. A
    // collective write of every slice funnels all ranks' rows through ROMIO's
    // one aggregator per node (measured: the fact write took twice the CPU
    // per rank at 2 ranks as at 1).
    Handle dxpl = transfer_plist(false);
    reserve_for(s.file, s.datasets[j].id());
    collective_try(s.comm, [&] {
      const herr_t status = H5Dwrite(s.datasets[j].id(), s.types[j].id(), sel.mem_space.id(),
                                     sel.file_space.id(), dxpl.id(),
                                     count > 0 ? data : &s.total);  // a pointer even for no rows
      try {
        check_status(status,
                     "write dataset " + s.path + "/" + column.name + " in " + s.file.path());
      } catch (const IoError& e) {
        throw IoError(e.what() + disk_full_hint(s.file.path()));
      }
    });
  }
  s.written += count;
}

void TableWriter::finish(const TableMeta& meta) {
  State& s = *state_;
  if (s.written != s.local) throw Error("TableWriter: fewer rows than announced in " + s.path);
  write_table_attributes(s.group.id(), s.total, s.names, meta, s.comm);
}

void write_run_attributes(File& file, const Comm& comm, const nlohmann::json& extra) {
  nlohmann::json run = extra.is_object() ? extra : nlohmann::json::object();
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  std::string text;
  if (comm.is_root()) {
    run["ranks"] = comm.size();
    run["host"] = host;
    if (const char* job = std::getenv("SLURM_JOB_ID")) run["slurm_job_id"] = job;
    run["created_at"] = utc_now_iso();
    text = run.dump();
  }
  broadcast(comm, text);
  const auto parsed = nlohmann::json::parse(text);
  write_attribute(file.id(), "adlake_version", std::string(ADLAKE_VERSION));
  write_attribute(file.id(), "created_at", parsed["created_at"].get<std::string>());
  write_attribute(file.id(), "run", text);
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
  CheckedColumn c{table, name, where, open_object_in_file(file.id(), table + "/" + name, where), {}, {}};
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

// Rows [begin, begin + count) of a checked column.
Column read_column(const File& file, const CheckedColumn& c, int64_t begin, int64_t count) {
  Handle space(H5Dget_space(c.dataset.id()), "get space of " + c.where);
  Selection sel = select_rows(space.id(), begin, count);
  Handle dxpl = transfer_plist(file.parallel());
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
    column.data = std::move(strings);
  } else if (c.shape.type_class == H5T_ENUM) {
    EnumColumn e;
    const int members = H5Tget_nmembers(ftype);
    for (int m = 0; m < members; ++m) {
      char* label = H5Tget_member_name(ftype, static_cast<unsigned>(m));
      uint8_t value = 0;
      H5Tget_member_value(ftype, static_cast<unsigned>(m), &value);
      // Values need not be 0..n-1: a missing code stays an empty label.
      if (value >= e.labels.size()) e.labels.resize(size_t{value} + 1);
      e.labels[value] = label != nullptr ? label : "";
      H5free_memory(label);
    }
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
