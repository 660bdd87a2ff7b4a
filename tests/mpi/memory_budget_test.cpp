// The memory bound per rank (mpi/memory_budget.hpp) and the table estimates
// it relies on (h5/table_memory.hpp), at 1, 2 and 3 ranks.
#include "adlake/mpi/memory_budget.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;

TEST_CASE("check_memory: every rank throws the same error when one rank is over the limit") {
  Comm comm = Comm::world();
  CHECK_NOTHROW(check_memory(comm, 1000, 1000, "test: step"));
  CHECK_NOTHROW(check_memory(comm, 0, 1ULL << 60, "test: step"));  // 0: no limit
  const int heavy = comm.size() - 1;
  std::string message;
  try {
    check_memory(comm, 1000, comm.rank() == heavy ? 5000 : 10, "test: loading x", "detail");
  } catch (const CollectiveError& e) {
    message = e.what();
  }
  CHECK(message.find("test: loading x: rank " + std::to_string(heavy)) != std::string::npos);
  CHECK(message.find("4.9 KiB (detail)") != std::string::npos);
  CHECK(message.find("1000 B per rank") != std::string::npos);
  CHECK(message.find("run on more ranks") != std::string::npos);
  CHECK(allreduce_max<int>(comm, message.empty() ? 1 : 0) == 0);  // on every rank
}

TEST_CASE("check_memory: what one rank holds whatever the ranks is not advised more ranks") {
  Comm comm = Comm::world();
  std::string message;
  try {
    check_memory(comm, 1000, comm.rank() == 0 ? 5000 : 0, "test: page", "all on rank 0",
                 MemoryRemedy::kOneRank);
  } catch (const CollectiveError& e) {
    message = e.what();
  }
  CHECK(message.find("test: page: rank 0") != std::string::npos);
  CHECK(message.find("(--max-memory-per-rank): more ranks do not make it smaller") !=
        std::string::npos);
  CHECK(message.find("run on more ranks") == std::string::npos);
}

TEST_CASE("default memory per rank: the same positive bound on every rank") {
  Comm comm = Comm::world();
  const std::uint64_t bound = default_memory_per_rank(comm);
  CHECK(bound > 0);
  CHECK(allreduce_max<std::uint64_t>(comm, bound) == allreduce_min<std::uint64_t>(comm, bound));
}

TEST_CASE("table estimates: held bytes, the write buffer at the longest value, the read") {
  Comm comm = Comm::world();
  Table t;
  auto& id = t.add("id", std::vector<std::int64_t>{});
  auto& name = t.add("name", StringColumn{});
  const std::size_t rows = static_cast<std::size_t>(comm.rank()) + 2;
  for (std::size_t i = 0; i < rows; ++i) {
    id.push_back(static_cast<std::int64_t>(i));
    name.push_back(std::string(static_cast<std::size_t>(comm.rank()) + 1, 'a'));
  }
  CHECK(h5::table_memory_bytes(t) ==
        rows * 8 + rows * (comm.rank() + 1) + (rows + 1) * sizeof(std::size_t));
  // Every rank's strings are packed at the longest of all: comm.size() bytes.
  CHECK(h5::write_buffer_bytes(t, comm) == rows * static_cast<std::uint64_t>(comm.size()));
  // In the file: all ranks' rows (2 + 3 + ...), ids at 8 bytes, names at the widest.
  const std::uint64_t all_rows = static_cast<std::uint64_t>(comm.size() * (comm.size() + 3) / 2);
  const auto stored = h5::table_file_size(t, comm);
  CHECK(stored.bytes == all_rows * (8 + static_cast<std::uint64_t>(comm.size())));
  CHECK(stored.widest_string == static_cast<std::uint64_t>(comm.size()));
  CHECK(h5::free_disk_bytes(fs::temp_directory_path().string()) > 0);

  const std::string dir = shared_temp_dir(comm, "memory");
  {
    h5::LayerFile layer(dir, "m.h5", comm);
    h5::write_table(layer.file(), "/t", t, {}, comm);
    layer.publish();
  }
  if (comm.is_root()) {
    h5::File file = h5::File::open_read(dir + "/m.h5");
    const std::uint64_t width = static_cast<std::uint64_t>(comm.size());
    // 10 rows: ids 8 bytes, names reserved at the width plus an offset, plus
    // the read buffer of the string column.
    CHECK(h5::read_memory_bytes(file, "/t", 10) == 10 * 8 + 10 * (width + 8) + 10 * width);
    CHECK(h5::read_memory_bytes(file, "/t", 10, {"id"}) == 80);
  }
  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}

TEST_CASE("publishing a layer removes the temporaries that killed jobs left") {
  Comm comm = Comm::world();
  const std::string dir = shared_temp_dir(comm, "stale");
  if (comm.is_root()) {
    for (const char* name : {".x.h5.tmp-1", ".x.h5.tmp-99999", ".y.h5.tmp-5", "x.h5.tmp-7"}) {
      std::ofstream(fs::path(dir) / name) << "left by a killed job";
    }
  }
  comm.barrier();  // the stale files exist before any rank publishes
  {
    h5::LayerFile layer(dir, "x.h5", comm);
    h5::write_table(layer.file(), "/a", Table{}, {}, comm);
    layer.publish();
  }
  comm.barrier();
  if (comm.is_root()) {
    CHECK(fs::exists(fs::path(dir) / "x.h5"));
    CHECK_FALSE(fs::exists(fs::path(dir) / ".x.h5.tmp-1"));
    CHECK_FALSE(fs::exists(fs::path(dir) / ".x.h5.tmp-99999"));
    CHECK(fs::exists(fs::path(dir) / ".y.h5.tmp-5"));  // another layer's: not ours to judge
    CHECK(fs::exists(fs::path(dir) / "x.h5.tmp-7"));   // not a temporary name
    fs::remove_all(dir);
  }
}
