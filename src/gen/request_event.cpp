#include "adlake/gen/request_event.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "adlake/gen/click_model.hpp"
#include "adlake/gen/distributions.hpp"
#include "adlake/gen/md5.hpp"

namespace adlake::gen {
namespace {

constexpr double kSlotWeights[10] = {1.0,    0.75,  0.5625, 0.4219, 0.3164,
                                     0.2373, 0.178, 0.1335, 0.1001, 0.0751};

}  // namespace

Event draw_event(Rng& d, const CampaignTable& campaigns, const UserDraw& user, const AppDraw& app,
                 int64_t ts) {
  Event e{};
  e.ts = ts;
  e.device = d.chance(0.85) ? user.device : draw_weighted(d, device_weights());
  e.os = e.device == user.device ? user.os : draw_weighted(d, os_weights(e.device));
  e.ip = d.chance(0.9) ? user.ip24 << 8 | static_cast<uint32_t>(d.between(1, 254))
                       : static_cast<uint32_t>(d.next() >> 32);
  const double hour = static_cast<double>(e.ts % 86400) / 3600.0;
  const double fill =
      0.75 + 0.04 * std::cos(2 * M_PI * (hour - 20) / 24) - (e.device == kCtv ? 0.05 : 0.0);
  e.filled = d.chance(fill);
  if (!e.filled) return e;
  e.campaign = campaigns.choose(d, user.true_interest, app.true_genre);
  e.slot = draw_weighted(d, kSlotWeights);
  e.imp_ts = e.ts + d.between(0, 2);
  const double price = 2500.0 * (1.0 - 0.06 * e.slot) * std::exp(0.4 * d.normal());
  e.price_micros = std::clamp<int64_t>(std::llround(price), 100, 50000);
  e.creative = ClickModel::kCreativeSd * d.normal();
  e.click_draw = d.uniform();
  e.install_draw = d.uniform();
  // Most clicks come within a minute; a long tail up to most of a day.
  e.click_delay =
      std::clamp<int64_t>(std::llround(std::exp(std::log(25.0) + 1.3 * d.normal())), 1, 86000);
  return e;
}

// A request's id: the MD5 of what makes it unique, as 32 lowercase hex digits.
void make_id(char* id, std::string_view kind, uint64_t seed, uint64_t n, uint64_t k) {
  char buf[128];
  const size_t len = std::min<size_t>(kind.size(), 48);
  std::copy_n(kind.data(), len, buf);
  char* p = buf + len;
  char* const end = buf + sizeof buf;
  for (uint64_t v : {seed, n, k}) {
    *p++ = ':';
    p = std::to_chars(p, end, v).ptr;
  }
  to_hex(md5(std::string_view(buf, static_cast<size_t>(p - buf))), id);
}

}  // namespace adlake::gen
