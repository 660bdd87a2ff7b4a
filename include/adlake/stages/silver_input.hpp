#pragma once
// Silver's input: each bronze entity's even share per rank, validated with the
// value rules (CONTRACT 2.3 step 1). Rows keep their input position (`seq`,
// the bronze row index), checked to follow input order (file name, then line),
// so dedup ties and the rejects tables can use it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/h5/column.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/ops/sourced.hpp"

namespace adlake::silver {

// Value columns of each entity as in CONTRACT 1, and its validator.
template <class Clean>
struct Entity;

template <>
struct Entity<clean::CleanRequest> {
  static constexpr std::string_view name = "requests";
  static constexpr std::array<std::string_view, 7> columns{"id_md5",      "ts", "user_id", "app_id",
                                                           "device_type", "os", "ip"};
  static std::optional<clean::RejectReason> clean(const std::array<std::string_view, 7>& v,
                                                  clean::CleanRequest& out) {
    return clean::clean_request({v[0], v[1], v[2], v[3], v[4], v[5], v[6]}, out);
  }
};
template <>
struct Entity<clean::CleanImpression> {
  static constexpr std::string_view name = "impressions";
  static constexpr std::array<std::string_view, 5> columns{"id_md5", "ts", "campaign_id", "slot",
                                                           "win_price"};
  static std::optional<clean::RejectReason> clean(const std::array<std::string_view, 5>& v,
                                                  clean::CleanImpression& out) {
    return clean::clean_impression({v[0], v[1], v[2], v[3], v[4]}, out);
  }
};
template <>
struct Entity<clean::CleanClick> {
  static constexpr std::string_view name = "clicks";
  static constexpr std::array<std::string_view, 3> columns{"id_md5", "ts", "is_install"};
  static std::optional<clean::RejectReason> clean(const std::array<std::string_view, 3>& v,
                                                  clean::CleanClick& out) {
    return clean::clean_click({v[0], v[1], v[2]}, out);
  }
};
template <>
struct Entity<clean::CleanUser> {
  static constexpr std::string_view name = "user_profiles";
  static constexpr std::array<std::string_view, 6> columns{"user_id", "age",      "gender",
                                                           "state",   "interest", "updated_at"};
  static std::optional<clean::RejectReason> clean(const std::array<std::string_view, 6>& v,
                                                  clean::CleanUser& out) {
    return clean::clean_user({v[0], v[1], v[2], v[3], v[4], v[5]}, out);
  }
};
template <>
struct Entity<clean::CleanCampaign> {
  static constexpr std::string_view name = "campaigns";
  static constexpr std::array<std::string_view, 5> columns{"campaign_id", "advertiser",
                                                           "campaign_type", "category", "bid"};
  static std::optional<clean::RejectReason> clean(const std::array<std::string_view, 5>& v,
                                                  clean::CleanCampaign& out) {
    return clean::clean_campaign({v[0], v[1], v[2], v[3], v[4]}, out);
  }
};
template <>
struct Entity<clean::CleanApp> {
  static constexpr std::string_view name = "app_metadata";
  static constexpr std::array<std::string_view, 4> columns{"app_id", "app_name", "genre", "rating"};
  static std::optional<clean::RejectReason> clean(const std::array<std::string_view, 4>& v,
                                                  clean::CleanApp& out) {
    return clean::clean_app({v[0], v[1], v[2], v[3]}, out);
  }
};

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
  std::vector<ops::Sourced<Clean>> valid;
  // Rejects of the rows this rank read: value rejects in input order; the
  // referential ones are appended later (silver_rejects.hpp).
  std::vector<ops::Rejected> rejects;
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
// rank owning their id_md5 (ops::id_owner), so a rank never holds the rows it
// read and the rows it owns at the same time; `valid` ends as the owned rows
// (in no particular order).
template <class Clean>
EntityShare<Clean> stream_to_id_owners(const h5::File& bronze, const Comm& comm,
                                       const std::vector<std::int64_t>& file_order, RejectRows mode,
                                       std::int64_t chunk_rows);

}  // namespace adlake::silver
