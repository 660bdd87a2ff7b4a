#pragma once
// Silver's input: each bronze entity's even share per rank, validated with the
// value rules (CONTRACT 2.3 step 1). Rows keep their input position (`seq`,
// the bronze row index), checked to follow input order (file name, then line),
// so dedup ties and the rejects tables can use it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/csv/schema.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/silver/sourced.hpp"

namespace adlake::silver {

// Each entity's name and value columns (csv/schema.hpp), and its validator,
// which takes the bronze values in column order.
template <class Clean>
struct Entity;

template <class Clean, class Bronze, std::size_t kIndex, const auto& kColumns,
          std::optional<clean::RejectReason> (*kClean)(const Bronze&, Clean&)>
struct EntityOf {
  static constexpr std::string_view name = csv::kEntities[kIndex].name;
  static constexpr const auto& columns = kColumns;
  static std::optional<clean::RejectReason> clean(
      const std::array<std::string_view, columns.size()>& v, Clean& out) {
    static_assert(sizeof(Bronze) == sizeof(v), "one bronze value per column");
    return kClean(std::apply([](auto... value) { return Bronze{value...}; }, v), out);
  }
};

// clang-format off
template <> struct Entity<clean::CleanRequest> : EntityOf<clean::CleanRequest,
    clean::BronzeRequest, 0, csv::kRequestNames, clean::clean_request> {};
template <> struct Entity<clean::CleanImpression> : EntityOf<clean::CleanImpression,
    clean::BronzeImpression, 1, csv::kImpressionNames, clean::clean_impression> {};
template <> struct Entity<clean::CleanClick> : EntityOf<clean::CleanClick,
    clean::BronzeClick, 2, csv::kClickNames, clean::clean_click> {};
template <> struct Entity<clean::CleanUser> : EntityOf<clean::CleanUser,
    clean::BronzeUser, 3, csv::kUserNames, clean::clean_user> {};
template <> struct Entity<clean::CleanCampaign> : EntityOf<clean::CleanCampaign,
    clean::BronzeCampaign, 4, csv::kCampaignNames, clean::clean_campaign> {};
template <> struct Entity<clean::CleanApp> : EntityOf<clean::CleanApp,
    clean::BronzeApp, 5, csv::kAppNames, clean::clean_app> {};
// clang-format on

// For each index of bronze's /_files, its position in byte-wise path order:
// "file name order" (CONTRACT 2.5) whatever order bronze numbered the files.
// Collective on a parallel file (every rank reads the few rows).
std::vector<std::int64_t> read_file_order(const h5::File& bronze);

// One entity's share of bronze on this rank: rank r reads the contiguous rows
// [first_seq, first_seq + count) (h5::even_share), in chunks.
template <class Clean>
struct EntityShare {
  std::int64_t first_seq = 0;   // bronze row index of this rank's first row
  std::int64_t count = 0;       // bronze rows this rank read
  std::int64_t total_rows = 0;  // rows of the bronze table (all ranks)
  // Valid rows: those this rank read (read_entity), or, after
  // stream_to_id_owners, those whose id_md5 this rank owns.
  std::vector<Sourced<Clean>> valid;
  // Rejects of the rows this rank read: value rejects in input order; the
  // referential ones are appended later (silver/rejects.hpp).
  std::vector<Rejected> rejects;
  Table reject_rows;  // the rejects table, when built while reading
  std::int64_t rows() const { return count; }
};

// What a read does with the value rejects' bronze rows.
enum class RejectRows : std::uint8_t {
  kBuild,  // build the rejects table chunk by chunk (no later rejects)
  kLater,  // keep only (seq, reason): referential rejects come later, and
           // the table is built by reading the rejected rows again
};

// Collective: reads this rank's share of /<entity> in chunks of `chunk_rows`
// (SilverOptions::chunk_rows: bounds the bronze rows and read buffers held),
// checks that bronze rows follow input order (a CollectiveError on every rank
// otherwise), and validates. The bronze rows are dropped chunk by chunk.
template <class Clean>
EntityShare<Clean> read_entity(const h5::File& bronze, const Comm& comm,
                               const std::vector<std::int64_t>& file_order, RejectRows mode,
                               std::int64_t chunk_rows);

// Collective: as read_entity, but each chunk's valid rows go at once to the
// rank owning their id_md5 (id_owner), so a rank never holds the rows it
// read and the rows it owns at the same time; `valid` ends as the owned rows
// (in no particular order).
template <class Clean>
EntityShare<Clean> stream_to_id_owners(const h5::File& bronze, const Comm& comm,
                                       const std::vector<std::int64_t>& file_order, RejectRows mode,
                                       std::int64_t chunk_rows);

}  // namespace adlake::silver
