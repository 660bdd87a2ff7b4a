#pragma once
// Assembly of /fact_ad_funnel (CONTRACT 2.4) on one rank's id range: one row
// per kept request, ascending by id_md5, with its kept impression and
// campaign, its click group, and its user profile and app.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/silver/funnel.hpp"

namespace adlake::silver {

struct FactSources {
  std::span<const RequestRow> requests;
  std::span<const std::uint32_t> kept_requests;    // ascending by id
  std::span<const clean::CleanUser* const> users;  // per kept request; null: no profile
  std::span<const clean::CleanApp* const> apps;    // per kept request; null: no app
  std::span<const ImpressionRow> impressions;
  const KeptImpressions* kept_impressions = nullptr;  // ascending by id, ids among the requests'
  std::span<const ClickGroup> clicks;                 // ascending by id, ids among the impressions'
};

// CPC: bid if clicked; CPI: bid if installed; CPM: bid / 1000 (integer
// division) per impression; without impression 0.
std::int64_t revenue_micros(clean::CampaignType type, std::int64_t bid_micros, bool is_click,
                            bool is_install);

// The fact rows a slice at a time: a rank's whole fact table is as large as
// its kept requests, so silver assembles and writes it in slices.
class FactBuilder {
 public:
  explicit FactBuilder(const FactSources& in);
  // The next (up to) `max_rows` rows, columns as build_fact's. Throws Error,
  // once every row is built, if an impression or click group had no kept
  // request (the referential checks guarantee they have).
  Table next(std::size_t max_rows);
  std::size_t remaining() const { return in_.kept_requests.size() - k_; }

 private:
  FactSources in_;
  std::size_t k_ = 0;  // next kept request
  std::size_t m_ = 0;  // next kept impression
  std::size_t c_ = 0;  // next click group
};

// The fact table's columns in CONTRACT 2.4's order, with their enum types and
// units. Throws Error if an impression or click has no kept request / impression
// (the referential checks guarantee they do).
Table build_fact(const FactSources& in);

// The longest value of each string column of the fact built from `in`, in
// empty_fact()'s column order (0 for the other columns): the widths of the
// datasets, known before any slice is built.
std::vector<std::size_t> fact_string_widths(const FactSources& in);

// The columns of an empty fact table (a rank with no rows writes these).
Table empty_fact();

}  // namespace adlake::silver
