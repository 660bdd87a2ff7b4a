// h5::TableWriter (a table written a slice of rows at a time, silver's fact
// table) at 1, 2 and 3 ranks: the same datasets and attributes as write_table
// of the whole table, with uneven slices, a rank without rows and ranks that
// write different numbers of slices; and with compact string widths
// (bronze), the same column and overflow as write_table's.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "adlake/h5/dataset_io.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/string_width.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;

namespace {

// Rows [begin, begin + count) of a sample table: row i's values depend only on i.
Table sample_rows(std::int64_t begin, std::int64_t count) {
  Table t;
  auto& id = t.add("id", std::vector<std::int64_t>{}, "row number");
  auto& name = t.add("name", StringColumn{});
  auto& empty = t.add("empty", StringColumn{});
  auto& kind = t.add("kind", EnumColumn{{"alpha", "", "gamma"}, {}});
  auto& ratio = t.add("ratio", std::vector<double>{});
  auto& note = t.add("note", StringColumn{});  // short, but every 17th is long
  for (std::int64_t i = begin; i < begin + count; ++i) {
    id.push_back(i * 7);
    name.push_back(std::string(static_cast<std::size_t>(i % 11), 'a' + static_cast<char>(i % 26)));
    empty.push_back("");
    kind.codes.push_back(i % 2 == 0 ? 0 : 2);
    ratio.push_back(static_cast<double>(i) / 3.0);
    note.push_back(i % 17 == 0 ? std::string(static_cast<std::size_t>(40 + i % 7), 'n') : "x");
  }
  return t;
}

}  // namespace

TEST_CASE("TableWriter: slices give the same table as write_table") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "writer");
  const std::int64_t total = 101;
  // The last rank has no rows when there are several; rank r writes slices of r + 2 rows.
  const int writers = comm.size() == 1 ? 1 : comm.size() - 1;
  const bool writes = comm.rank() < writers;
  const auto [begin, count] = writes ? h5::even_share(total, comm.rank(), writers)
                                     : std::pair<std::int64_t, std::int64_t>{total, 0};
  const std::int64_t slice = comm.rank() + 2;
  h5::TableMeta meta;
  meta.stage = "test";
  meta.sources = {"nowhere"};
  meta.created_at = "2026-01-01T00:00:00Z";
  {
    h5::LayerFile layer(dir, "t.h5", comm);
    h5::write_table(layer.file(), "/whole", sample_rows(begin, count), meta, comm);
    {  // the writers own open datasets: closed before the file is published
      const Table schema = sample_rows(0, 0);
      std::vector<std::size_t> widths(schema.columns.size(), 0);
      widths[1] = 10;  // the longest name: i % 11 == 10
      widths[5] = 46;  // the longest note: i = 34
      h5::TableWriter writer(layer.file(), "/sliced", schema, widths, count, comm);
      const std::int64_t rounds = allreduce_max(comm, (count + slice - 1) / slice);
      for (std::int64_t r = 0; r < rounds; ++r) {
        const std::int64_t from = std::min(count, r * slice);
        writer.write(sample_rows(begin + from, std::min(slice, count - from)));
      }
      writer.finish(meta);
      // A table without rows.
      h5::TableWriter none(layer.file(), "/none", schema, widths, 0, comm);
      none.write(schema);
      none.finish(meta);
    }
    layer.publish();
  }
  h5::File file = h5::File::open_parallel(dir + "/t.h5", comm);
  const Table whole = h5::read_table(file, "/whole", 0, total);
  const Table sliced = h5::read_table(file, "/sliced", 0, total);
  CHECK(sliced == whole);
  CHECK(sliced.rows() == static_cast<std::size_t>(total));
  CHECK(h5::table_rows(file, "/none") == 0);
  CHECK(h5::table_columns(file, "/sliced") == h5::table_columns(file, "/whole"));
  const auto a = h5::read_table_meta(file, "/whole");
  const auto b = h5::read_table_meta(file, "/sliced");
  CHECK(a.stage == b.stage);
  CHECK(a.sources == b.sources);
  CHECK(a.created_at == b.created_at);
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}

namespace {

// Every element of the 1-D int64 or uint8 dataset `path`, as int64 or bytes.
std::vector<std::int64_t> all_int64s(const h5::File& file, const std::string& path) {
  h5::Handle dataset(H5Dopen2(file.id(), path.c_str(), H5P_DEFAULT), "open " + path);
  h5::Handle space(H5Dget_space(dataset.id()), "space of " + path);
  return h5::read_int64s(file, dataset.id(), 0, H5Sget_simple_extent_npoints(space.id()), path);
}
std::vector<char> all_bytes(const h5::File& file, const std::string& path) {
  h5::Handle dataset(H5Dopen2(file.id(), path.c_str(), H5P_DEFAULT), "open " + path);
  h5::Handle space(H5Dget_space(dataset.id()), "space of " + path);
  return h5::read_bytes(file, dataset.id(), 0, H5Sget_simple_extent_npoints(space.id()), path);
}

}  // namespace

TEST_CASE("TableWriter with compact widths: the column and overflow of write_table") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "writer-compact");
  const std::int64_t total = 101;
  const auto [begin, count] = h5::even_share(total, comm.rank(), comm.size());
  const Table mine = sample_rows(begin, count);
  h5::TableMeta meta;
  meta.stage = "test";
  meta.created_at = "2026-01-01T00:00:00Z";
  std::vector<std::size_t> widths(mine.columns.size(), 0);
  std::vector<h5::LongValueCounts> longer(mine.columns.size());
  for (const std::size_t j : {std::size_t{1}, std::size_t{2}, std::size_t{5}}) {
    const StringColumn& values = std::get<StringColumn>(mine.columns[j].data);
    widths[j] = h5::compact_width(values, comm).width;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values.at(i).size() <= widths[j]) continue;
      ++longer[j].values;
      longer[j].bytes += static_cast<std::int64_t>(values.at(i).size());
    }
  }
  CHECK(widths[5] == 1);  // "x", the long notes in the overflow
  {
    h5::LayerFile layer(dir, "c.h5", comm);
    h5::write_table(layer.file(), "/whole", mine, meta, comm, h5::StringWidths::compact);
    {
      h5::TableWriter writer(layer.file(), "/sliced", sample_rows(0, 0), widths, count, comm,
                             h5::StringWidths::compact, longer);
      const std::int64_t slice = comm.rank() + 3;
      const std::int64_t rounds = allreduce_max(comm, (count + slice - 1) / slice);
      for (std::int64_t r = 0; r < rounds; ++r) {
        const std::int64_t from = std::min(count, r * slice);
        writer.write(sample_rows(begin + from, std::min(slice, count - from)));
      }
      writer.finish(meta);
    }
    layer.publish();
  }
  h5::File file = h5::File::open_parallel(dir + "/c.h5", comm);
  CHECK(h5::read_table(file, "/sliced", 0, total) == h5::read_table(file, "/whole", 0, total));
  for (const char* part : {"row", "offset"}) {
    CHECK(all_int64s(file, std::string("/sliced/_long/note/") + part) ==
          all_int64s(file, std::string("/whole/_long/note/") + part));
  }
  CHECK(all_bytes(file, "/sliced/_long/note/bytes") == all_bytes(file, "/whole/_long/note/bytes"));
  CHECK(all_int64s(file, "/whole/_long/note/row").size() == 6);  // rows 0, 17, ..., 85
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}
