// Compact string columns (CONTRACT 5: bronze and rejects tables) at the ctest
// world sizes (1, 2, 3 ranks), a rank without rows: the width is the same at
// any number of ranks, long values (one larger than a write slab) are whole
// in `<table>/_long/<column>`, and reading any range gives every value whole.
#include <doctest/doctest.h>

#include <string>

#include "adlake/h5/attributes.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;

namespace {

constexpr int64_t kRows = 3000;
constexpr int64_t kHugeRow = 2000;
const std::size_t kHuge = h5::kStringSlabBytes + 12345;  // written in two rounds

// Row i's value: 10 bytes, except every 37th row (longer, up to 4.9 kB) and one huge one.
std::string value_of(int64_t i) {
  if (i == kHugeRow) return std::string(kHuge, static_cast<char>('a' + i % 26));
  std::string v = "v" + std::to_string(1000000000 + i).substr(1);
  if (i % 37 == 0) v += std::string(static_cast<std::size_t>(10 + (i % 50) * 97), 'L');
  return v;
}

Table rows(int64_t begin, int64_t count) {
  Table t;
  auto& text = t.add("text", StringColumn{});
  auto& same = t.add("same", StringColumn{});
  auto& id = t.add("id", std::vector<int64_t>{});
  for (int64_t i = begin; i < begin + count; ++i) {
    text.push_back(value_of(i));
    same.push_back("abc");
    id.push_back(i);
  }
  return t;
}

std::pair<int64_t, int64_t> uneven_slice(int rank, int size) {
  if (size == 1) return {0, kRows};
  if (rank == size - 1) return {kRows, 0};
  return h5::even_share(kRows, rank, size - 1);
}

int64_t attribute(const h5::File& file, const std::string& dataset, const std::string& name) {
  h5::Handle d(H5Dopen2(file.id(), dataset.c_str(), H5P_DEFAULT), "open " + dataset);
  return h5::read_int_attribute(d.id(), name);
}

}  // namespace

TEST_CASE("compact strings: width, overflow group and whole values at any range") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "overflow");
  const auto [begin, count] = uneven_slice(comm.rank(), comm.size());
  int64_t long_values = 0;
  for (int64_t i = 0; i < kRows; ++i) long_values += value_of(i).size() > 10 ? 1 : 0;
  {
    h5::LayerFile layer(dir, "t.h5", comm);
    h5::TableMeta meta;
    meta.stage = "test";
    const Table mine = rows(begin, count);
    // The estimate equals what the width's definition says the column costs.
    const auto size = h5::table_file_size(mine, comm, h5::StringWidths::compact);
    std::uint64_t long_bytes = 0;
    for (int64_t i = 0; i < kRows; ++i) {
      if (value_of(i).size() > 10) long_bytes += value_of(i).size() + 16;
    }
    CHECK(size.bytes == kRows * 10 + long_bytes + kRows * 3 + kRows * 8);
    CHECK(size.widest_string == 10);
    h5::write_table(layer.file(), "/_rejects/t", mine, meta, comm, h5::StringWidths::compact);
    layer.publish();
  }
  h5::File file = h5::File::open_parallel(dir + "/t.h5", comm);
  // Ten bytes: the typical value; the 81 longer ones (2%) go to the overflow.
  CHECK(attribute(file, "/_rejects/t/text", "width") == 10);
  CHECK(attribute(file, "/_rejects/t/text", "long_values") == long_values);
  CHECK(attribute(file, "/_rejects/t/same", "width") == 3);
  CHECK(attribute(file, "/_rejects/t/same", "long_values") == 0);
  CHECK(!h5::table_exists(file, "/_rejects/t/_long"));  // not a table
  CHECK(h5::list_tables(file) == std::vector<std::string>{"/_rejects/t"});

  // Ranges that start and end on long values, inside and across ranks' slices.
  const int64_t ranges[][2] = {{0, kRows}, {37, 1},       {36, 3},
                               {1999, 2},  {kHugeRow, 1}, {100 + 300 * comm.rank(), 700}};
  for (const auto& range : ranges) {
    const Table got = h5::read_table(file, "/_rejects/t", range[0], range[1], {"text", "id"});
    const StringColumn& text = got.strings("text");
    REQUIRE(text.size() == static_cast<std::size_t>(range[1]));
    int64_t wrong = 0;
    for (int64_t i = 0; i < range[1]; ++i) wrong += text.at(i) != value_of(range[0] + i) ? 1 : 0;
    INFO("rows [" << range[0] << ", " << range[0] + range[1] << ")");
    CHECK(wrong == 0);
  }
  // A read of no rows on every rank.
  const Table none = h5::read_table(file, "/_rejects/t", comm.rank() == 0 ? 0 : 5, 0, {"text"});
  CHECK(none.rows() == 0);
}
