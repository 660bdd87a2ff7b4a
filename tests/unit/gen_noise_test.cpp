// Every kind of noise CONTRACT 1 and 2 name occurs in the default output,
// found by reading the CSV files as the contract describes them, not by
// asking the generator what it did.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "adlake/gen/vocab.hpp"
#include "gen_contract_reference.hpp"
#include "gen_default_data.hpp"

namespace {

using gen_ref::CsvFile;
using gen_ref::lower;
using gen_ref::trim;

class Scan {
 public:
  void see(const std::string& tag) { ++seen_[tag]; }
  bool has(const std::string& tag) const { return seen_.count(tag) > 0; }

  // File quirks, quoting and malformed lines of one file; calls row(fields,
  // line) for every well-formed data line.
  template <class F>
  void file(const CsvFile& f, size_t contract_columns, const std::vector<std::string>& names,
            F row) {
    if (f.bom) see("bom");
    if (f.crlf) see("crlf");
    if (!f.final_newline) see("no_final_newline");
    if (f.column.size() > contract_columns) see("extra_column");
    for (size_t i = 0; i < f.raw_header.size(); ++i) {
      if (f.raw_header[i] != lower(trim(f.raw_header[i]))) see("odd_header");
      if (i < names.size() && lower(trim(f.raw_header[i])) != names[i]) see("reordered_columns");
    }
    std::unordered_set<std::string> lines;
    for (const std::string& line : f.lines) {
      if (gen_ref::is_blank(line)) {
        see("blank_line");
        continue;
      }
      if (!lines.insert(line).second) see("duplicate_line");
      const auto s = gen_ref::split_line(line, f.column.size());
      if (!s.reason.empty()) {
        see(s.reason);
        continue;
      }
      quoting(line, s.fields);
      row(s.fields, line);
    }
  }

  std::vector<std::string> missing(const std::vector<std::string>& expected) const {
    std::vector<std::string> out;
    for (const auto& tag : expected)
      if (!has(tag)) out.push_back(tag);
    return out;
  }

 private:
  void quoting(const std::string& line, const std::vector<std::string>& fields) {
    for (const std::string& v : fields) {
      if (v != trim(v)) see("padded_field");
      if (v.find(',') != std::string::npos) see("quoted_comma");
      if (v.find('"') != std::string::npos) see("quote_in_value");
    }
    if (line.find("\"\"") != std::string::npos) see("doubled_quote");
    // "ab"c: text right after a closing quote.
    for (size_t i = 1; i + 1 < line.size(); ++i)
      if (line[i] == '"' && line[i + 1] != ',' && line[i + 1] != '"' && line[i - 1] != ',' &&
          line[i - 1] != '"' && line[i + 1] != ' ' && line[i + 1] != '\t')
        see("text_after_quote");
  }

  std::map<std::string, int> seen_;
};

std::string ts_form(const std::string& raw) {
  const std::string s = trim(raw);
  if (gen_ref::all_digits(s)) return s.size() == 13 ? "ts_epoch_millis" : "ts_epoch_seconds";
  if (s.size() < 19) return "ts_other";
  std::string form = s[10] == 'T' ? "ts_iso_t" : "ts_iso_space";
  if (s.size() > 19 && s[19] == '.') form += "_fraction";
  if (s.back() == 'Z') form += "_z";
  if (s.size() >= 6 && s[s.size() - 3] == ':' && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-'))
    form += s[s.size() - 6] == '+' ? "_plus" : "_minus";
  return form;
}

void timestamp(Scan& scan, const std::string& raw) {
  if (!gen_ref::parse_ts(raw)) {
    scan.see("invalid_timestamp");
    return;
  }
  const std::string form = ts_form(raw);
  for (const char* tag : {"ts_iso_t", "ts_iso_space", "ts_epoch_seconds", "ts_epoch_millis"})
    if (form.rfind(tag, 0) == 0) scan.see(tag);
  for (const char* part : {"fraction", "z", "plus", "minus"})
    if (form.find(std::string("_") + part) != std::string::npos)
      scan.see(std::string("ts_") + part);
  if (raw.find("+23:59") != std::string::npos) scan.see("ts_offset_23_59");
}

}  // namespace

TEST_CASE("every noise kind of CONTRACT 1 and 2 occurs in the default output") {
  const auto& data = gen_ref::default_data();
  Scan scan;
  auto names = [](std::initializer_list<const char*> l) {
    return std::vector<std::string>(l.begin(), l.end());
  };

  // Dimensions first: keys for the referential checks.
  std::set<std::string> campaign_keys;
  for (const auto& f : gen_ref::read_entity(data.raw, "campaigns")) {
    scan.file(f, 5, names({"campaign_id", "advertiser", "campaign_type", "category", "bid"}),
              [&](const std::vector<std::string>& v, const std::string&) {
                const std::string key = trim(v[f.field("campaign_id")]);
                if (key.empty() || key.size() > 64) scan.see("campaign_missing_key");
                const std::string type = trim(v[f.field("campaign_type")]);
                const std::string up = gen_ref::upper(type);
                if (up == "CPC" || up == "CPI" || up == "CPM") {
                  if (type != up) scan.see("campaign_type_case");
                } else {
                  scan.see("campaign_type_invalid");
                }
                const std::string bid = trim(v[f.field("bid")]);
                const auto micros = gen_ref::parse_micros(bid);
                if (!micros) scan.see("bid_invalid");
                if (micros && bid.find('.') != std::string::npos && bid.size() - bid.find('.') > 7)
                  scan.see("bid_seventh_digit");
                const std::string adv = trim(v[f.field("advertiser")]);
                if (adv.empty()) scan.see("advertiser_empty");
                if (adv.size() > 128) scan.see("advertiser_over_128");
                if (gen_ref::clean_category(v[f.field("category")]) == "unknown")
                  scan.see("category_unknown");
                if (micros && !key.empty() && key.size() <= 64) campaign_keys.insert(key);
              });
  }
  std::map<std::string, std::set<std::string>> versions;
  for (const auto& f : gen_ref::read_entity(data.raw, "user_profiles")) {
    scan.file(
        f, 6, names({"user_id", "age", "gender", "state", "interest", "updated_at"}),
        [&](const std::vector<std::string>& v, const std::string&) {
          const std::string key = trim(v[f.field("user_id")]);
          if (key.empty() || key.size() > 64) scan.see("user_missing_key");
          const std::string age = trim(v[f.field("age")]);
          if (gen_ref::clean_age(age) < 0) {
            const auto num = gen_ref::parse_decimal(age, true);
            scan.see(!num ? "age_not_a_number"
                     : *num != static_cast<double>(static_cast<int64_t>(*num))
                         ? "age_not_integral"
                         : "age_out_of_range");
          } else if (age[0] == '+' || age.find('.') != std::string::npos || age[0] == '0') {
            scan.see("age_other_spelling");
          }
          const std::string g = lower(trim(v[f.field("gender")]));
          scan.see("gender_" + (gen_ref::clean_gender(g) == "U" ? std::string("unknown") : g));
          const std::string st = trim(v[f.field("state")]);
          bool code = false;
          for (const auto& info : adlake::gen::kStates)
            if (gen_ref::upper(st) == info.code) code = true;
          if (code && st != gen_ref::upper(st)) scan.see("state_lower_code");
          if (!code && st.size() > 2) {
            std::string folded;
            for (char ch : gen_ref::upper(st))
              if (ch != ' ' || folded.empty() || folded.back() != ' ') folded.push_back(ch);
            bool name = false;
            for (const auto& info : adlake::gen::kStates)
              if (folded == gen_ref::upper(info.name)) name = true;
            if (name) scan.see("state_full_name");
            if (name && folded != gen_ref::upper(st)) scan.see("state_name_inner_spaces");
            if (name && folded == "DISTRICT OF COLUMBIA") scan.see("state_dc_full_name");
            if (!name) scan.see("state_unknown");
          } else if (!code) {
            scan.see("state_unknown");
          }
          if (gen_ref::clean_category(v[f.field("interest")]) == "unknown")
            scan.see("interest_unknown");
          const auto ts = gen_ref::parse_ts(v[f.field("updated_at")]);
          timestamp(scan, v[f.field("updated_at")]);
          if (ts && !key.empty()) versions[key].insert(std::to_string(*ts));
        });
  }
  for (const auto& [user, times] : versions)
    if (times.size() > 1) scan.see("profile_versions");
  for (const auto& f : gen_ref::read_entity(data.raw, "app_metadata")) {
    scan.file(f, 4, names({"app_id", "app_name", "genre", "rating"}),
              [&](const std::vector<std::string>& v, const std::string&) {
                const std::string key = trim(v[f.field("app_id")]);
                if (key.empty() || key.size() > 64) scan.see("app_missing_key");
                const std::string rating = trim(v[f.field("rating")]);
                const auto num = gen_ref::parse_decimal(rating, true);
                if (!num) scan.see("rating_not_a_number");
                if (num && (*num < 0 || *num > 5)) scan.see("rating_out_of_range");
                if (num && (rating[0] == '+' || rating[0] == '-')) scan.see("rating_signed");
                const std::string genre = trim(v[f.field("genre")]);
                if (gen_ref::clean_category(genre) == "unknown")
                  scan.see("genre_unknown");
                else if (genre != lower(genre))
                  scan.see("genre_case");
                const std::string name = trim(v[f.field("app_name")]);
                if (name.empty()) scan.see("app_name_empty");
                if (name.size() > 128) scan.see("app_name_over_128");
              });
  }

  // Requests.
  std::unordered_set<std::string> request_ids;
  for (const auto& f : gen_ref::read_entity(data.raw, "requests")) {
    scan.file(f, 7, names({"id_md5", "ts", "user_id", "app_id", "device_type", "os", "ip"}),
              [&](const std::vector<std::string>& v, const std::string&) {
                const std::string id = trim(v[f.field("id_md5")]);
                if (!gen_ref::valid_id(id)) {
                  scan.see("invalid_id");
                  if (!gen_ref::parse_ts(v[f.field("ts")])) scan.see("two_bad_values");
                  return;
                }
                if (id != lower(id)) scan.see("id_upper_case");
                if (!request_ids.insert(lower(id)).second) scan.see("request_logged_twice");
                timestamp(scan, v[f.field("ts")]);
                const std::string user = trim(v[f.field("user_id")]);
                if (user.empty()) scan.see("user_id_empty");
                if (user.size() > 64) scan.see("user_id_over_64");
                if (trim(v[f.field("app_id")]).empty()) scan.see("app_id_empty");
                const std::string dev = trim(v[f.field("device_type")]);
                const std::string dev_clean = gen_ref::clean_device(dev);
                if (dev_clean == "unknown")
                  scan.see("device_unknown");
                else if (lower(dev) != dev_clean)
                  scan.see("device_alias_" + lower(dev));
                else if (dev != dev_clean)
                  scan.see("device_case");
                const std::string os = trim(v[f.field("os")]);
                const std::string os_clean = gen_ref::clean_os(os);
                if (os_clean == "other" || os_clean == "unknown")
                  scan.see("os_" + os_clean);
                else if (lower(os) != os_clean)
                  scan.see("os_alias_" + lower(os));
                else if (os != os_clean)
                  scan.see("os_case");
                const std::string ip = trim(v[f.field("ip")]);
                if (gen_ref::clean_ip(ip) == "unknown")
                  scan.see("ip_invalid");
                else if (ip.find(".0") != std::string::npos || ip[0] == '0')
                  scan.see("ip_leading_zero");
              });
  }

  // Impressions.
  std::unordered_map<std::string, int64_t> imp_ts;
  for (const auto& f : gen_ref::read_entity(data.raw, "impressions")) {
    scan.file(
        f, 5, names({"id_md5", "ts", "campaign_id", "slot", "win_price"}),
        [&](const std::vector<std::string>& v, const std::string&) {
          const std::string id = lower(trim(v[f.field("id_md5")]));
          if (!gen_ref::valid_id(id)) return;
          timestamp(scan, v[f.field("ts")]);
          if (!request_ids.count(id)) scan.see("orphan_impression");
          const std::string campaign = trim(v[f.field("campaign_id")]);
          if (campaign.empty() || campaign.size() > 64)
            scan.see("impression_missing_campaign");
          else if (!campaign_keys.count(campaign))
            scan.see("unknown_campaign");
          const std::string slot = trim(v[f.field("slot")]);
          if (gen_ref::clean_slot(slot) < 0) scan.see("slot_invalid");
          const std::string price = trim(v[f.field("win_price")]);
          const auto micros = gen_ref::parse_micros(price);
          if (!micros) scan.see("win_price_invalid");
          if (micros && price[0] == '0' && price.size() > 1 && price[1] == '0')
            scan.see("win_price_leading_zeros");
          if (micros && price.find('.') != std::string::npos && price.size() - price.find('.') > 7)
            scan.see("win_price_seventh_digit");
          const auto ts = gen_ref::parse_ts(v[f.field("ts")]);
          if (ts && micros && campaign_keys.count(campaign)) imp_ts.emplace(id, *ts);
        });
  }

  // Clicks.
  std::unordered_map<std::string, int> clicks_per_id;
  for (const auto& f : gen_ref::read_entity(data.raw, "clicks")) {
    scan.file(
        f, 3, names({"id_md5", "ts", "is_install"}),
        [&](const std::vector<std::string>& v, const std::string&) {
          const std::string id = lower(trim(v[f.field("id_md5")]));
          if (!gen_ref::valid_id(id)) return;
          timestamp(scan, v[f.field("ts")]);
          const auto ts = gen_ref::parse_ts(v[f.field("ts")]);
          if (!ts) return;
          const auto imp = imp_ts.find(id);
          if (imp == imp_ts.end()) {
            scan.see("orphan_click");
            return;
          }
          if (*ts < imp->second || *ts > imp->second + 86400) {
            scan.see("click_out_of_window");
            return;
          }
          ++clicks_per_id[id];
          const std::string inst = lower(trim(v[f.field("is_install")]));
          scan.see(std::string(gen_ref::clean_install(inst) ? "install_" : "no_install_") + inst);
        });
  }
  for (const auto& [id, n] : clicks_per_id)
    if (n >= 5) scan.see("click_fraud_burst");

  std::vector<std::string> expected = {
      // files and lines (CONTRACT 1, 2.2)
      "bom", "crlf", "no_final_newline", "extra_column", "odd_header", "reordered_columns",
      "blank_line", "duplicate_line", "field_count", "unterminated_quote", "field_too_long",
      "invalid_encoding", "padded_field", "quoted_comma", "quote_in_value", "doubled_quote",
      "text_after_quote",
      // ids and timestamps
      "invalid_id", "two_bad_values", "id_upper_case", "request_logged_twice", "invalid_timestamp",
      "ts_iso_t", "ts_iso_space", "ts_fraction", "ts_z", "ts_plus", "ts_minus", "ts_offset_23_59",
      "ts_epoch_seconds", "ts_epoch_millis",
      // requests
      "user_id_empty", "user_id_over_64", "app_id_empty", "device_unknown", "device_case",
      "device_alias_mobile", "device_alias_smartphone", "device_alias_pc", "device_alias_computer",
      "device_alias_tv", "device_alias_smart_tv", "device_alias_connected_tv", "os_other",
      "os_unknown", "os_case", "os_alias_iphone os", "os_alias_mac", "os_alias_osx",
      "os_alias_mac os x", "os_alias_win", "os_alias_win10", "os_alias_windows 10", "ip_invalid",
      "ip_leading_zero",
      // impressions and clicks
      "orphan_impression", "unknown_campaign", "impression_missing_campaign", "slot_invalid",
      "win_price_invalid", "win_price_leading_zeros", "win_price_seventh_digit", "orphan_click",
      "click_out_of_window", "click_fraud_burst", "install_1", "install_true", "install_yes",
      "install_y", "install_t", "no_install_0", "no_install_false", "no_install_no", "no_install_",
      // user profiles
      "user_missing_key", "profile_versions", "age_not_a_number", "age_not_integral",
      "age_out_of_range", "age_other_spelling", "gender_m", "gender_male", "gender_man", "gender_f",
      "gender_female", "gender_woman", "gender_unknown", "state_lower_code", "state_full_name",
      "state_name_inner_spaces", "state_dc_full_name", "state_unknown", "interest_unknown",
      // campaigns and apps
      "campaign_missing_key", "campaign_type_case", "campaign_type_invalid", "bid_invalid",
      "bid_seventh_digit", "advertiser_empty", "advertiser_over_128", "category_unknown",
      "app_missing_key", "rating_not_a_number", "rating_out_of_range", "rating_signed",
      "genre_unknown", "genre_case", "app_name_empty", "app_name_over_128"};
  const auto missing = scan.missing(expected);
  std::string list;
  for (const auto& m : missing) list += m + " ";
  INFO("missing: " << list);
  CHECK(missing.empty());
}
