#include "adlake/gen/campaigns.hpp"

#include <algorithm>
#include <cmath>

#include "adlake/gen/apps.hpp"
#include "adlake/gen/distributions.hpp"
#include "adlake/gen/file_style.hpp"
#include "adlake/gen/id_variants.hpp"
#include "adlake/gen/money_variants.hpp"
#include "adlake/gen/noise_picker.hpp"
#include "adlake/gen/row_noise.hpp"
#include "adlake/gen/row_streams.hpp"
#include "adlake/gen/spelling.hpp"
#include "adlake/gen/variants.hpp"

namespace adlake::gen {
namespace {

using namespace col;

constexpr std::string_view kBrands[] = {"Acme",      "Globex",   "Initech",   "Umbrella", "Stark",
                                        "Wayne",     "Wonka",    "Hooli",     "Soylent",  "Tyrell",
                                        "Cyberdyne", "Vandelay", "Gringotts", "Oscorp",   "Duff"};
constexpr std::string_view kKinds[] = {" Media", " Games",   " Labs",
                                       " Group", " Digital", " Mobile"};

std::string advertiser_name(uint64_t index) {
  std::string s(kBrands[index % std::size(kBrands)]);
  s.append(kKinds[index / std::size(kBrands) % std::size(kKinds)]);
  const uint64_t round = index / (std::size(kBrands) * std::size(kKinds));
  if (round > 0) {
    s.push_back(' ');
    append_uint(s, round + 1);
  }
  return s;
}

constexpr std::string_view kBadTypes[] = {"CPA", "CPV", "", "oCPM", "C P C", "cpc2", "CP"};

// Bids in USD: CPC per click, CPI per install, CPM per thousand impressions.
int64_t draw_bid(Rng& rng, int type) {
  static constexpr double kMedian[kCampaignTypeCount] = {0.8, 3.5, 5.0};
  static constexpr double kMax[kCampaignTypeCount] = {10.0, 30.0, 50.0};
  const double usd = std::clamp(kMedian[type] * std::exp(0.5 * rng.normal()), 0.05, kMax[type]);
  // Most bids are whole cents; some are set by an optimiser to the micro.
  const int64_t step = rng.chance(0.7) ? 10000 : 1;
  return std::max<int64_t>(step, std::llround(usd * 1e6 / static_cast<double>(step)) * step);
}

struct CampaignState : RowStreams {
  CampaignInfo info;

  CampaignState(const GenParams& p, uint64_t index)
      : RowStreams(p, Stream::Campaign, Stream::CampaignNoise, index) {}
};

void draw(const GenParams& params, uint64_t index, Row& row, CampaignState& s) {
  NoisePicker& picker = s.picker;
  const int type = draw_weighted(s.data, campaign_type_weights());
  const int category = draw_weighted(s.data, category_weights());
  const uint64_t advertiser = s.data.below(params.advertisers);
  const int64_t bid = draw_bid(s.data, type);

  row.reset(5);
  append_campaign_id(row.field[kCampId], index);
  render_name(row, kCampAdvertiser, advertiser_name(advertiser), picker.pick(kNameVariants, 0.5));
  s.info.type = append_enum(row.field[kCampType], campaign_type_variants(),
                            picker.pick(static_cast<int>(campaign_type_variants().size())),
                            kCampaignTypes[type], type);
  s.info.category = append_enum(row.field[kCampCategory], category_variants(),
                                picker.pick(static_cast<int>(category_variants().size())),
                                kCategories[category], category);
  append_money(row.field[kCampBid], bid, picker.pick(kMoneyVariants));
  apply_cosmetic(row, picker, 2.0);
  s.info.bid_micros = bid;
  s.info.true_category = category;
}

}  // namespace

CampaignTable::CampaignTable(const GenParams& params) {
  campaigns_.reserve(params.campaigns);
  Row row;
  for (uint64_t i = 0; i < params.campaigns; ++i) {
    CampaignState s(params, i);
    draw(params, i, row, s);
    campaigns_.push_back(s.info);
    by_category_[s.info.true_category].push_back(static_cast<uint32_t>(i));
  }
}

uint64_t CampaignTable::choose(Rng& rng, int interest, int genre) const {
  const double u = rng.uniform();
  const std::vector<uint32_t>* pool = nullptr;
  if (u < 0.30)
    pool = &by_category_[interest];
  else if (u < 0.40)
    pool = &by_category_[genre];
  if (pool != nullptr && !pool->empty()) return (*pool)[rng.below(pool->size())];
  return rng.below(campaigns_.size());
}

void append_campaign_id(std::string& out, uint64_t index) {
  out.append("cmp_");
  append_padded(out, index, 5);
}

uint64_t write_campaign_part(const GenParams& params, uint64_t part, std::string& out) {
  const FileStyle style = file_style(params, Entity::Campaigns, part);
  CsvWriter writer(out, style, entity_columns(Entity::Campaigns));
  Row row;
  const uint64_t begin = part * params.block_size;
  const uint64_t end = std::min(params.campaigns, begin + params.block_size);
  Relog relog;
  relog.recase_columns = 1u << kCampType | 1u << kCampCategory;
  for (uint64_t index = begin; index < end; ++index) {
    CampaignState s(params, index);
    draw(params, index, row, s);
    NoisePicker& picker = s.picker;
    writer.write(row);
    write_row_noise(writer, row, picker, relog);
    if (const int v = picker.pick(static_cast<int>(std::size(kBadTypes)), 0.5); v >= 0) {
      Row bad = row;
      bad.field[kCampType] = kBadTypes[v];
      writer.write(bad);
    }
    if (const int v = picker.pick(kBadMoneyVariants, 0.5); v >= 0) {
      Row bad = row;
      bad.field[kCampBid].clear();
      append_bad_money(bad.field[kCampBid], s.info.bid_micros, v);
      writer.write(bad);
    }
    if (const int v = picker.pick(2, 0.3); v >= 0) {
      Row bad = row;
      bad.field[kCampId].clear();
      if (v == 1) append_overlong_key(bad.field[kCampId], row.field[kCampId]);
      writer.write(bad);
    }
  }
  writer.finish();
  return writer.data_lines();
}

}  // namespace adlake::gen
