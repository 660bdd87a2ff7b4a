#include "adlake/gen/request_block.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "adlake/gen/apps.hpp"
#include "adlake/gen/distributions.hpp"
#include "adlake/gen/file_style.hpp"
#include "adlake/gen/id_variants.hpp"
#include "adlake/gen/md5.hpp"
#include "adlake/gen/money_variants.hpp"
#include "adlake/gen/noise_picker.hpp"
#include "adlake/gen/request_event.hpp"
#include "adlake/gen/row_noise.hpp"
#include "adlake/gen/spelling.hpp"
#include "adlake/gen/time_format.hpp"
#include "adlake/gen/users.hpp"
#include "adlake/gen/variants.hpp"

namespace adlake::gen {
namespace {

using namespace col;

constexpr int kBadTsForms = static_cast<int>(BadTs::kCount);
constexpr int kTsForms = static_cast<int>(TsForm::kCount);
// Probability with 8 decimals; returns the value as written, so that the
// oracle AUCs logged here equal those computed from the truth files.
double append_probability(std::string& out, double p) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, p, std::chars_format::fixed, 8);
  out.append(buf, r.ptr);
  double written = 0.0;
  std::from_chars(buf, r.ptr, written);
  return written;
}

class BlockWriter {
 public:
  BlockWriter(const GenParams& params, const CampaignTable& campaigns, const ClickModel& model,
              uint64_t block, RequestBlock& out)
      : params_(params),
        campaigns_(campaigns),
        model_(model),
        block_(block),
        out_(out),
        data_(params.seed, Stream::RequestData, block),
        noise_(params.seed, Stream::RequestNoise, block),
        req_style_(file_style(params, Entity::Requests, block)),
        imp_style_(file_style(params, Entity::Impressions, block)),
        click_style_(file_style(params, Entity::Clicks, block)),
        requests_(out.requests, req_style_, entity_columns(Entity::Requests)),
        impressions_(out.impressions, imp_style_, entity_columns(Entity::Impressions)),
        clicks_(out.clicks, click_style_, entity_columns(Entity::Clicks)) {
    out_.truth.append("id_md5,p_click,p_click_features\n");
  }

  void run() {
    const uint64_t begin = block_ * params_.block_size;
    const uint64_t end = std::min(params_.requests, begin + params_.block_size);
    for (uint64_t g = begin; g < end; ++g) one_request(g, g - begin);
    requests_.finish();
    impressions_.finish();
    clicks_.finish();
    out_.lines = requests_.data_lines() + impressions_.data_lines() + clicks_.data_lines() +
                 out_.counts.impressions;
  }

 private:
  void put_id(std::string& out, const char* id, NoisePicker& picker) {
    const int v = picker.pick(kIdCaseVariants);
    if (v < 0)
      out.append(id, 32);
    else
      append_id_recased(out, std::string_view(id, 32), v);
  }

  void put_ts(std::string& out, int64_t t, NoisePicker& picker, TsForm usual) {
    const int v = picker.pick(kTsForms, 3.0);
    append_timestamp(out, t, v < 0 ? usual : static_cast<TsForm>(v), noise_);
  }

  // Copies of `row` with one bad value (the contract rejects them).
  void write_bad_copies(CsvWriter& w, const Row& row, NoisePicker& picker, int ts_column,
                        int64_t ts) {
    if (const int v = picker.pick(kBadIdVariants, 0.5); v >= 0) {
      Row bad = row;
      bad.field[0].clear();
      append_bad_id(bad.field[0], row.field[0], v);
      w.write(bad);
    }
    if (const int v = picker.pick(kBadTsForms, 0.5); v >= 0) {
      Row bad = row;
      bad.field[ts_column].clear();
      append_invalid_timestamp(bad.field[ts_column], ts, static_cast<BadTs>(v));
      w.write(bad);
    }
  }

  // Copies of the request row `r` that the contract rejects.
  void write_bad_requests(const Row& r, const char* id, int64_t ts, NoisePicker& picker) {
    write_bad_copies(requests_, r, picker, kReqTs, ts);
    if (picker.decide(0.3)) {  // a user id over 64 bytes: invalid_id
      Row bad = r;
      bad.field[kReqUser].clear();
      append_overlong_key(bad.field[kReqUser], r.field[kReqUser]);
      requests_.write(bad);
    }
    if (picker.decide(0.2)) {  // two bad values: the first column's reason wins
      Row bad = r;
      bad.field[kReqId].clear();
      bad.field[kReqTs].clear();
      append_bad_id(bad.field[kReqId], std::string_view(id, 32),
                    static_cast<int>(noise_.below(kBadIdVariants)));
      append_invalid_timestamp(bad.field[kReqTs], ts, BadTs::Garbage);
      requests_.write(bad);
    }
  }

  void one_request(uint64_t g, uint64_t i) {
    char id[32];
    make_id(id, "adlake-request", params_.seed, g, 0);
    const int64_t ts = draw_request_time(data_, params_.week_start);
    const uint64_t user_index = draw_user_index(params_, data_);
    const uint64_t app_index = draw_app_index(params_, data_);
    const UserDraw user = lookup_user(params_, user_index, scratch_);
    const AppDraw app = lookup_app(params_, app_index, scratch_);
    const Event e = draw_event(data_, campaigns_, user, app, ts);

    NoisePicker picker(noise_, params_.noise, coverage_index(params_.noise, block_, i));
    Row& r = req_row_;
    r.reset(7);
    put_id(r.field[kReqId], id, picker);
    put_ts(r.field[kReqTs], ts, picker, TsForm::Space);
    const bool anonymous = picker.decide(0.5);  // empty user_id: `unknown`, no profile
    if (!anonymous) append_user_id(r.field[kReqUser], user_index);
    const bool no_app = picker.decide(0.5);
    if (!no_app) append_app_id(r.field[kReqApp], app_index);
    const int device = append_enum(r.field[kReqDevice], device_variants(),
                                   picker.pick(static_cast<int>(device_variants().size())),
                                   kDevices[e.device], e.device);
    const int os =
        append_enum(r.field[kReqOs], os_variants(),
                    picker.pick(static_cast<int>(os_variants().size())), kOses[e.os], e.os);
    append_ip(r.field[kReqIp], e.ip, picker.pick(kIpVariants));
    apply_cosmetic(r, picker, 2.0);

    requests_.write(r);
    Relog relog;
    relog.recase_columns = 1u << kReqId | 1u << kReqDevice | 1u << kReqOs;
    relog.ts_column = kReqTs;
    relog.ts = ts;
    write_row_noise(requests_, r, picker, relog);
    write_bad_requests(r, id, ts, picker);
    ++out_.counts.requests;

    if (e.filled) {
      ClickFeatures f;
      const bool profile = !anonymous && user.has_profile;
      f.age = profile ? user.age : -1;
      f.gender = profile ? user.gender : kUnknown;
      f.state = profile ? user.state : kUnknown;
      f.interest = profile ? user.interest : kUnknown;
      f.device = device;
      f.os = os;
      const bool metadata = !no_app && app.has_metadata;
      f.genre = metadata ? app.genre : kUnknown;
      f.app_rating = metadata ? app.rating : 0.0;
      impression(id, e, user, f);
    } else {
      unfilled(id, g, e);
    }
  }

  void impression(const char* id, const Event& e, const UserDraw& user, ClickFeatures& f) {
    NoisePicker picker(noise_, params_.noise,
                       coverage_index(params_.noise, block_, impressions_seen_++));
    Row& r = imp_row_;
    r.reset(5);
    put_id(r.field[kImpId], id, picker);
    put_ts(r.field[kImpTs], e.imp_ts, picker, TsForm::IsoZ);
    append_campaign_id(r.field[kImpCampaign], e.campaign);
    f.slot = append_slot(r.field[kImpSlot], e.slot, picker.pick(kSlotVariants));
    append_money(r.field[kImpPrice], e.price_micros, picker.pick(kMoneyVariants));
    apply_cosmetic(r, picker, 2.0);
    impressions_.write(r);
    Relog relog;
    relog.recase_columns = 1u << kImpId;
    relog.ts_column = kImpTs;
    relog.ts = e.imp_ts;
    write_row_noise(impressions_, r, picker, relog);
    write_bad_copies(impressions_, r, picker, kImpTs, e.imp_ts);
    if (const int v = picker.pick(kBadMoneyVariants, 0.5); v >= 0) {
      Row bad = r;
      bad.field[kImpPrice].clear();
      append_bad_money(bad.field[kImpPrice], e.price_micros, v);
      impressions_.write(bad);
    }
    if (const int v = picker.pick(2, 0.3); v >= 0) {  // campaign_id empty or over 64 bytes
      Row bad = r;
      bad.field[kImpCampaign].clear();
      if (v == 1) append_overlong_key(bad.field[kImpCampaign], r.field[kImpCampaign]);
      impressions_.write(bad);
    }

    const CampaignInfo& c = campaigns_[e.campaign];
    f.hour = static_cast<int>(e.imp_ts % 86400 / 3600);
    f.day_of_week = static_cast<int>((e.imp_ts / 86400 + 3) % 7);  // 1970-01-01 was a Thursday
    f.campaign_type = c.type;
    f.category = c.category;
    f.bid_micros = c.bid_micros;
    const double logit = model_.logit(f);
    const double p = ClickModel::p_click(logit, user.latent, e.creative);
    const bool clicked = e.click_draw < p;

    out_.truth.append(id, 32);
    out_.truth.push_back(',');
    const double p_written = append_probability(out_.truth, p);
    out_.truth.push_back(',');
    const double pf_written = append_probability(out_.truth, model_.p_click_features(logit));
    out_.truth.push_back('\n');
    if (is_test_id(id) && in_oracle_sample(id, params_.oracle_every))
      out_.test_samples.push_back({p_written, pf_written, clicked});
    ++out_.counts.impressions;

    if (clicked) click(id, e, c);
  }

  void click(const char* id, const Event& e, const CampaignInfo& c) {
    static constexpr double kInstallRate[kCampaignTypeCount] = {0.17, 0.33, 0.10};
    const bool install = e.install_draw < kInstallRate[c.type];
    const int64_t ts = e.imp_ts + e.click_delay;
    NoisePicker picker(noise_, params_.noise,
                       coverage_index(params_.noise, block_, clicks_seen_++));
    Row& r = click_row_;
    r.reset(3);
    put_id(r.field[kClickId], id, picker);
    put_ts(r.field[kClickTs], ts, picker, TsForm::EpochMillis);
    append_install(r.field[kClickInstall], install, picker.pick(kFalsyVariants));
    apply_cosmetic(r, picker, 2.0);
    clicks_.write(r);
    Relog relog;
    relog.recase_columns = 1u << kClickId | 1u << kClickInstall;
    relog.ts_column = kClickTs;
    relog.ts = ts;
    write_row_noise(clicks_, r, picker, relog);
    write_bad_copies(clicks_, r, picker, kClickTs, ts);
    if (picker.decide()) {  // click fraud: a burst of clicks within minutes
      const int n = static_cast<int>(noise_.between(5, 40));
      Row fraud = r;
      for (int k = 0; k < n; ++k) {
        fraud.field[kClickTs].clear();
        const int64_t t = std::min(ts + noise_.between(1, 600), e.imp_ts + 86400);
        append_timestamp(fraud.field[kClickTs], t, TsForm::EpochMillis, noise_);
        fraud.field[kClickInstall].clear();
        append_install(fraud.field[kClickInstall], false,
                       static_cast<int>(noise_.below(kFalsyVariants)));
        clicks_.write(fraud);
      }
    }
    if (const int v = picker.pick(2); v >= 0) {  // outside [imp ts, imp ts + 1 day]
      Row late = r;
      late.field[kClickTs].clear();
      const int64_t t = v == 0 ? e.imp_ts - noise_.between(60, 7200)
                               : e.imp_ts + 86400 + noise_.between(1, 3 * 86400);
      append_timestamp(late.field[kClickTs], t, TsForm::IsoZ, noise_);
      clicks_.write(late);
    }
    ++out_.counts.clicks;
    if (install) ++out_.counts.installs;
  }

  // Rows the logs hold for a request that got no impression: an impression of
  // a campaign that does not exist, clicks without impression, and rows with
  // ids no request has.
  void unfilled(const char* id, uint64_t g, const Event& e) {
    NoisePicker picker(noise_, params_.noise,
                       coverage_index(params_.noise, block_, unfilled_seen_++));
    const int64_t imp_ts = e.ts + 1;
    const bool unknown_campaign = picker.decide();
    const bool click_on_it = picker.decide(0.3);
    const bool orphan_click = picker.decide();
    const bool orphan_impression = picker.decide();
    const bool orphan_click_fresh = picker.decide();
    if (unknown_campaign || click_on_it) {
      Row& r = imp_row_;
      r.reset(5);
      r.field[kImpId].assign(id, 32);
      append_timestamp(r.field[kImpTs], imp_ts, TsForm::IsoZ, noise_);
      append_campaign_id(r.field[kImpCampaign], params_.campaigns + noise_.below(1000));
      append_uint(r.field[kImpSlot], noise_.below(10));
      append_money(r.field[kImpPrice], 1000 + static_cast<int64_t>(noise_.below(4000)), -1);
      impressions_.write(r);
    }
    if (click_on_it || orphan_click) write_orphan_click(id, imp_ts + 30);
    char fresh[32];
    if (orphan_impression) {
      make_id(fresh, "adlake-orphan-impression", params_.seed, g, 0);
      Row& r = imp_row_;
      r.reset(5);
      r.field[kImpId].assign(fresh, 32);
      append_timestamp(r.field[kImpTs], imp_ts, TsForm::IsoZ, noise_);
      append_campaign_id(r.field[kImpCampaign], noise_.below(params_.campaigns));
      append_uint(r.field[kImpSlot], noise_.below(10));
      append_money(r.field[kImpPrice], 1000 + static_cast<int64_t>(noise_.below(4000)), -1);
      impressions_.write(r);
    }
    if (orphan_click_fresh) {
      make_id(fresh, "adlake-orphan-click", params_.seed, g, 0);
      write_orphan_click(fresh, imp_ts + 60);
    }
  }

  void write_orphan_click(const char* id, int64_t ts) {
    Row& r = click_row_;
    r.reset(3);
    r.field[kClickId].assign(id, 32);
    append_timestamp(r.field[kClickTs], ts, TsForm::EpochMillis, noise_);
    append_install(r.field[kClickInstall], false, 0);
    clicks_.write(r);
  }

  const GenParams& params_;
  const CampaignTable& campaigns_;
  const ClickModel& model_;
  uint64_t block_;
  RequestBlock& out_;
  Rng data_, noise_;
  FileStyle req_style_, imp_style_, click_style_;
  CsvWriter requests_, impressions_, clicks_;
  Row req_row_, imp_row_, click_row_, scratch_;
  uint64_t impressions_seen_ = 0, clicks_seen_ = 0, unfilled_seen_ = 0;
};

}  // namespace

bool is_test_id(const char* id_md5) {
  uint32_t v = 0;
  std::from_chars(id_md5 + 24, id_md5 + 32, v, 16);
  return v % 10 < 2;
}

bool in_oracle_sample(const char* id_md5, uint64_t every) {
  if (every <= 1) return true;
  uint32_t v = 0;
  std::from_chars(id_md5 + 16, id_md5 + 24, v, 16);
  return v % every == 0;
}

void generate_request_block(const GenParams& params, const CampaignTable& campaigns,
                            const ClickModel& model, uint64_t block, RequestBlock& out) {
  out.requests.clear();
  out.impressions.clear();
  out.clicks.clear();
  out.truth.clear();
  out.test_samples.clear();
  out.counts = {};
  BlockWriter(params, campaigns, model, block, out).run();
}

}  // namespace adlake::gen
