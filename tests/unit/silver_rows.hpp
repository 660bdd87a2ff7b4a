#pragma once
// Cleaned rows for the ops tests, written as bronze text and put through the
// value rules (so a test reads like the CSV it stands for).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "adlake/silver/sourced.hpp"

namespace ops_test {

using namespace adlake;

// A 32-hex id whose leading digits spell n: ids ascend with n.
inline std::string id(int n) {
  char text[40];
  std::snprintf(text, sizeof text, "%08x000000000000000000000000", n);
  return text;
}

inline silver::RequestRow request(std::int64_t seq, const std::string& id_md5,
                                  const std::string& ts, const std::string& user_id = "u1",
                                  const std::string& app_id = "a1",
                                  const std::string& device = "phone",
                                  const std::string& os = "ios",
                                  const std::string& ip = "1.2.3.4") {
  silver::RequestRow r{{}, seq};
  REQUIRE(!clean::clean_request({id_md5, ts, user_id, app_id, device, os, ip}, r.row));
  return r;
}

inline silver::ImpressionRow impression(std::int64_t seq, const std::string& id_md5,
                                        const std::string& ts,
                                        const std::string& campaign_id = "c1",
                                        const std::string& slot = "1",
                                        const std::string& win_price = "0.5") {
  silver::ImpressionRow r{{}, seq};
  REQUIRE(!clean::clean_impression({id_md5, ts, campaign_id, slot, win_price}, r.row));
  return r;
}

inline silver::ClickRow click(std::int64_t seq, const std::string& id_md5, const std::string& ts,
                              const std::string& is_install = "0") {
  silver::ClickRow r{{}, seq};
  REQUIRE(!clean::clean_click({id_md5, ts, is_install}, r.row));
  return r;
}

inline silver::UserRow user(std::int64_t seq, const std::string& user_id,
                            const std::string& updated_at, const std::string& age = "30",
                            const std::string& gender = "f", const std::string& state = "CA",
                            const std::string& interest = "news") {
  silver::UserRow r{{}, seq};
  REQUIRE(!clean::clean_user({user_id, age, gender, state, interest, updated_at}, r.row));
  return r;
}

inline silver::CampaignRow campaign(std::int64_t seq, const std::string& campaign_id,
                                    const std::string& advertiser = "acme",
                                    const std::string& type = "CPC",
                                    const std::string& category = "news",
                                    const std::string& bid = "2") {
  silver::CampaignRow r{{}, seq};
  REQUIRE(!clean::clean_campaign({campaign_id, advertiser, type, category, bid}, r.row));
  return r;
}

inline silver::AppRow app(std::int64_t seq, const std::string& app_id,
                          const std::string& name = "app", const std::string& genre = "news",
                          const std::string& rating = "4") {
  silver::AppRow r{{}, seq};
  REQUIRE(!clean::clean_app({app_id, name, genre, rating}, r.row));
  return r;
}

// The input positions (seq) of rows[kept[i]].
template <class Row>
std::vector<std::int64_t> seqs(const std::vector<Row>& rows,
                               const std::vector<std::uint32_t>& kept) {
  std::vector<std::int64_t> out;
  for (auto i : kept) out.push_back(rows[i].seq);
  return out;
}

}  // namespace ops_test
