#pragma once
// Campaigns: drawn from (seed, campaign index). Every rank keeps the whole
// (small, capped) campaign table to choose the campaign of each impression.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/gen/params.hpp"
#include "adlake/gen/rng.hpp"
#include "adlake/gen/vocab.hpp"

namespace adlake::gen {

struct CampaignInfo {
  // The kept campaigns row, cleaned: what gold sees.
  int type = 0;
  int category = -1;
  int64_t bid_micros = 0;
  int true_category = 0;
};

class CampaignTable {
 public:
  explicit CampaignTable(const GenParams& params);

  const CampaignInfo& operator[](uint64_t index) const { return campaigns_[index]; }
  uint64_t size() const { return campaigns_.size(); }

  // The campaign an impression shows: targeted at the user's interest, at the
  // app's genre, or run-of-network.
  uint64_t choose(Rng& rng, int interest, int genre) const;

 private:
  std::vector<CampaignInfo> campaigns_;
  std::array<std::vector<uint32_t>, kCategoryCount> by_category_;
};

void append_campaign_id(std::string& out, uint64_t index);
// Returns the number of data lines written.
uint64_t write_campaign_part(const GenParams& params, uint64_t part, std::string& out);

}  // namespace adlake::gen
