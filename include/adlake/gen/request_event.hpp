#pragma once
// What one request of a block draws from the block's data stream, and its id.
// Drawn whatever the noise, so that --noise changes the logs, not the events.
#include <cstdint>
#include <string_view>

#include "adlake/gen/apps.hpp"
#include "adlake/gen/campaigns.hpp"
#include "adlake/gen/rng.hpp"
#include "adlake/gen/users.hpp"

namespace adlake::gen {

// Everything one request draws from the block's data stream.
struct Event {
  int64_t ts;
  int device, os;
  uint32_t ip;
  bool filled;
  uint64_t campaign;
  int slot;
  int64_t imp_ts, price_micros;
  double creative, click_draw, install_draw;
  int64_t click_delay;
};

// The request at `ts` of `user` on `app`: device, IP, whether it is filled
// and, if so, the impression's campaign, slot, time and price and the draws
// that decide the click and the install.
Event draw_event(Rng& d, const CampaignTable& campaigns, const UserDraw& user, const AppDraw& app,
                 int64_t ts);

// A request's id: the MD5 of what makes it unique, as 32 lowercase hex digits.
void make_id(char* id, std::string_view kind, uint64_t seed, uint64_t n, uint64_t k);

}  // namespace adlake::gen
