// Round trip of the parallel table writer and reader at the ctest world sizes
// (1, 2, 3 ranks), with uneven slices and a rank that has no rows.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;

namespace {

// The whole sample table: row i's values depend only on i.
Table sample_rows(int64_t begin, int64_t count) {
  Table t;
  auto& id = t.add("id", std::vector<int64_t>{}, "row number");
  auto& small = t.add("small", std::vector<int8_t>{});
  auto& flag = t.add("flag", std::vector<uint8_t>{});
  auto& ratio = t.add("ratio", std::vector<double>{});
  auto& name = t.add("name", StringColumn{});
  auto& kind = t.add("kind", EnumColumn{{"alpha", "beta", "gamma"}, {}});
  auto& mid = t.add("mid", std::vector<int32_t>{});
  auto& tiny = t.add("tiny", std::vector<int16_t>{});
  for (int64_t i = begin; i < begin + count; ++i) {
    id.push_back(i * 1000003);
    small.push_back(static_cast<int8_t>(i % 100 - 50));
    flag.push_back(static_cast<uint8_t>(i % 2));
    ratio.push_back(static_cast<double>(i) / 7.0);
    name.push_back(i % 5 == 0 ? std::string()
                              : "name-" + std::string(static_cast<size_t>(i % 13), 'x'));
    kind.codes.push_back(static_cast<uint8_t>(i % 3));
    mid.push_back(static_cast<int32_t>(-i));
    tiny.push_back(static_cast<int16_t>(i % 300));
  }
  return t;
}

// Uneven slices: the last rank gets no rows when there are several ranks.
std::pair<int64_t, int64_t> uneven_slice(int64_t total, int rank, int size) {
  if (size == 1) return {0, total};
  const int writers = size - 1;
  if (rank == size - 1) return {total, 0};
  return h5::even_share(total, rank, writers);
}

}  // namespace

TEST_CASE("table write and read round trip with a rank without rows") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "table");
  const int64_t total = 1001;
  const auto [begin, count] = uneven_slice(total, comm.rank(), comm.size());
  {
    h5::LayerFile layer(dir, "t.h5", comm);
    h5::TableMeta meta;
    meta.stage = "test";
    meta.sources = {"nowhere"};
    meta.stats = {{"rows_out", total}};
    h5::write_table(layer.file(), "/sample", sample_rows(begin, count), meta, comm);
    h5::write_table(layer.file(), "/_rejects/empty", sample_rows(0, 0), meta, comm);
    layer.publish();
  }
  CHECK(fs::exists(dir + "/t.h5"));

  h5::File file = h5::File::open_parallel(dir + "/t.h5", comm);
  CHECK(h5::table_rows(file, "/sample") == total);
  CHECK(h5::table_rows(file, "/_rejects/empty") == 0);
  CHECK(h5::table_exists(file, "/sample"));
  CHECK_FALSE(h5::table_exists(file, "/nothing/here"));
  CHECK(h5::list_tables(file) == std::vector<std::string>{"/_rejects/empty", "/sample"});
  CHECK(h5::table_columns(file, "/sample") ==
        std::vector<std::string>{"id", "small", "flag", "ratio", "name", "kind", "mid", "tiny"});
  const auto meta = h5::read_table_meta(file, "/sample");
  CHECK(meta.stage == "test");
  CHECK(meta.stats["rows_out"] == total);

  // Each rank reads its even share: the union is the whole table.
  Table share = h5::read_table_share(file, "/sample", comm);
  const auto [sb, sc] = h5::even_share(total, comm.rank(), comm.size());
  CHECK(share == sample_rows(sb, sc));
  CHECK(share.column("id").units == "row number");
  // An arbitrary range, read by all ranks at once.
  Table tail = h5::read_table(file, "/sample", 990, 11, {"name", "kind"});
  CHECK(tail.strings("name").at(9) == "name-" + std::string(999 % 13, 'x'));
  CHECK(tail.strings("name").at(10).empty());
  CHECK(tail.enums("kind").codes.at(10) == 1000 % 3);
  Table empty = h5::read_table(file, "/_rejects/empty", 0, 0);
  CHECK(empty.rows() == 0);
  CHECK(empty.enums("kind").labels == std::vector<std::string>{"alpha", "beta", "gamma"});
  file.close();
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}

TEST_CASE("a string column written in several slabs, ranks taking part in different rounds") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "slabs");
  // One value just over a quarter of a slab makes the column that wide: 3 rows
  // per slab, and rank r's 2r + 4 rows take 2, 2, 3 rounds.
  const size_t width = h5::kStringSlabBytes / 4 + 1;
  REQUIRE(h5::slab_rows(width) == 3);
  const auto value = [&](int64_t i) {
    return i == 5 ? std::string(width, 'L') : "v" + std::to_string(i);
  };
  int64_t begin = 0;
  for (int r = 0; r < comm.rank(); ++r) begin += 2 * r + 4;
  const int64_t count = 2 * comm.rank() + 4;
  {
    Table t;
    auto& v = t.add("v", StringColumn{});
    auto& id = t.add("id", std::vector<int64_t>{});
    for (int64_t i = begin; i < begin + count; ++i) {
      v.push_back(value(i));
      id.push_back(i);
    }
    h5::LayerFile layer(dir, "s.h5", comm);
    h5::write_table(layer.file(), "/wide", t, {}, comm);
    layer.publish();
  }
  h5::File file = h5::File::open_parallel(dir + "/s.h5", comm);
  const int64_t total = h5::table_rows(file, "/wide");
  CHECK(total == comm.size() * (comm.size() + 3));
  // Rank 0 checks every row; the others take part in the collective reads.
  for (int64_t first = 0; first < total; first += 4) {
    const int64_t n = comm.is_root() ? std::min<int64_t>(4, total - first) : 0;
    Table got = h5::read_table(file, "/wide", first, n);
    for (int64_t i = 0; i < n; ++i) {
      CHECK(got.strings("v").at(static_cast<size_t>(i)) == value(first + i));
      CHECK(got.values<int64_t>("id").at(static_cast<size_t>(i)) == first + i);
    }
  }
  file.close();
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}

TEST_CASE("an unpublished layer leaves no file and keeps the old one") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "layer");
  {
    h5::LayerFile layer(dir, "x.h5", comm);
    h5::write_table(layer.file(), "/a", sample_rows(0, comm.rank() == 0 ? 5 : 0), {}, comm);
    layer.publish();
  }
  try {
    h5::LayerFile layer(dir, "x.h5", comm);
    h5::write_table(layer.file(), "/b", sample_rows(0, 3), {}, comm);
    collective_try(comm, [&] {
      if (comm.rank() == comm.size() - 1) throw DataError("simulated failure");
    });
  } catch (const CollectiveError&) {
  }
  comm.barrier();
  int entries = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 1);  // only x.h5, no temporary file
  {
    h5::File file = h5::File::open_read(dir + "/x.h5");
    CHECK(h5::table_exists(file, "/a"));
    CHECK_FALSE(h5::table_exists(file, "/b"));
    CHECK(h5::table_rows(file, "/a") == 5);
  }
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}

TEST_CASE("write the sample file for the h5py check" *
          doctest::skip(std::getenv("ADLAKE_SAMPLE_OUT") == nullptr)) {
  Comm comm = Comm::world();
  const std::string out = std::getenv("ADLAKE_SAMPLE_OUT");
  const auto [begin, count] = uneven_slice(1001, comm.rank(), comm.size());
  h5::LayerFile layer(fs::path(out).parent_path().string(), fs::path(out).filename().string(),
                      comm);
  h5::TableMeta meta;
  meta.stage = "test";
  h5::write_table(layer.file(), "/sample", sample_rows(begin, count), meta, comm);
  layer.publish();
}
