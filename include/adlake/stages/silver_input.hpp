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

// One entity's share of bronze on this rank, validated.
template <class Clean>
struct EntityShare {
  Table bronze;                 // the bronze rows (values, _file, _line), until rejects are written
  std::int64_t first_seq = 0;   // bronze row index of bronze row 0 of this share
  std::int64_t total_rows = 0;  // rows of the bronze table (all ranks)
  std::vector<ops::Sourced<Clean>> valid;
  std::vector<ops::Rejected> rejects;  // value rejects; referential ones are added later
  std::int64_t rows() const { return static_cast<std::int64_t>(bronze.rows()); }
};

// Collective: reads this rank's share of /<entity>, checks that bronze rows
// follow input order (a CollectiveError on every rank otherwise), and validates.
template <class Clean>
EntityShare<Clean> read_entity(const h5::File& bronze, const Comm& comm,
                               const std::vector<std::int64_t>& file_order);

// Drops the bronze rows of a share (after its rejects table is built).
template <class Clean>
void release_bronze(EntityShare<Clean>& share) {
  share.bronze = Table();
}

}  // namespace adlake::silver
