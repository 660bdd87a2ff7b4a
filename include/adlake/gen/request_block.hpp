#pragma once
// One block of requests: the funnel (request -> impression -> click ->
// install) of `block_size` consecutive requests, drawn from the block's own
// streams, rendered as four part files (requests, impressions, clicks, truth).
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/gen/campaigns.hpp"
#include "adlake/gen/click_model.hpp"
#include "adlake/gen/params.hpp"

namespace adlake::gen {

// A test-split impression (one of the oracle sample): its two oracle probabilities (as written in
// the truth file) and whether it was clicked.
struct OracleSample {
  double p_click;
  double p_click_features;
  uint8_t clicked;
};

// The events themselves, without noise rows.
struct FunnelCounts {
  uint64_t requests = 0;
  uint64_t impressions = 0;
  uint64_t clicks = 0;
  uint64_t installs = 0;

  FunnelCounts& operator+=(const FunnelCounts& o) {
    requests += o.requests;
    impressions += o.impressions;
    clicks += o.clicks;
    installs += o.installs;
    return *this;
  }
};

struct RequestBlock {
  std::string requests, impressions, clicks, truth;
  std::vector<OracleSample> test_samples;
  FunnelCounts counts;
  uint64_t lines = 0;  // data lines over the three log files and the truth file
};

// CONTRACT 3.1: the test split holds ids whose last eight hex digits, as an
// integer, are 0 or 1 modulo 10.
bool is_test_id(const char* id_md5);

// Whether a test impression is among those the logged oracle AUCs use: all of
// them up to 50M requests, then a sample chosen by other digits of the id.
bool in_oracle_sample(const char* id_md5, uint64_t every);

void generate_request_block(const GenParams& params, const CampaignTable& campaigns,
                            const ClickModel& model, uint64_t block, RequestBlock& out);

}  // namespace adlake::gen
