#include "adlake/silver/dedup.hpp"

#include <algorithm>
#include <numeric>

#include "adlake/silver/id_key.hpp"

namespace adlake::silver {

std::weak_ordering request_order(const clean::CleanRequest& a, const clean::CleanRequest& b) {
  if (auto c = a.ts <=> b.ts; c != 0) return c;
  if (auto c = a.user_id <=> b.user_id; c != 0) return c;
  if (auto c = a.app_id <=> b.app_id; c != 0) return c;
  if (auto c = a.device_type <=> b.device_type; c != 0) return c;
  if (auto c = a.os <=> b.os; c != 0) return c;
  return a.ip_prefix <=> b.ip_prefix;
}

std::weak_ordering impression_order(const clean::CleanImpression& a,
                                    const clean::CleanImpression& b) {
  if (auto c = a.ts <=> b.ts; c != 0) return c;
  if (auto c = a.campaign_id <=> b.campaign_id; c != 0) return c;
  if (auto c = a.slot <=> b.slot; c != 0) return c;
  return a.win_price_micros <=> b.win_price_micros;
}

std::weak_ordering user_order(const clean::CleanUser& a, const clean::CleanUser& b) {
  if (auto c = b.updated_at <=> a.updated_at; c != 0) return c;  // the latest profile first
  if (auto c = a.age <=> b.age; c != 0) return c;
  if (auto c = a.gender <=> b.gender; c != 0) return c;
  if (auto c = a.state <=> b.state; c != 0) return c;
  return a.interest <=> b.interest;
}

std::weak_ordering campaign_order(const clean::CleanCampaign& a, const clean::CleanCampaign& b) {
  if (auto c = a.advertiser <=> b.advertiser; c != 0) return c;
  if (auto c = a.campaign_type <=> b.campaign_type; c != 0) return c;
  if (auto c = a.category <=> b.category; c != 0) return c;
  return a.bid_micros <=> b.bid_micros;
}

std::weak_ordering app_order(const clean::CleanApp& a, const clean::CleanApp& b) {
  if (auto c = a.app_name <=> b.app_name; c != 0) return c;
  if (auto c = a.genre <=> b.genre; c != 0) return c;
  return std::weak_order(a.rating, b.rating);  // never NaN (clean::rating)
}

namespace {

// The row kept for each key: the first of each run of equal keys in `order`.
template <class Row, class SameKey>
Dedup first_per_key(std::span<const Sourced<Row>> rows, std::vector<std::uint32_t> order,
                    SameKey same_key) {
  Dedup out;
  out.kept.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || !same_key(rows[order[i - 1]].row, rows[order[i]].row)) {
      out.kept.push_back(order[i]);
    }
  }
  out.duplicates = static_cast<std::int64_t>(order.size() - out.kept.size());
  return out;
}

// Requests and impressions: millions of ~180-byte rows, so the sort moves
// 32-byte keys (id, ts, index) and looks at the rows only to break ties.
template <class Row, class Order>
std::vector<std::uint32_t> sort_by_id(std::span<const Sourced<Row>> rows, Order order) {
  std::vector<IdTsKey> keys(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    keys[i] = IdTsKey::of(rows[i].row.id_md5, rows[i].row.ts, static_cast<std::uint32_t>(i));
  }
  std::sort(keys.begin(), keys.end(), [&](const IdTsKey& a, const IdTsKey& b) {
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    if (a.ts != b.ts) return a.ts < b.ts;
    const auto& ra = rows[a.index];
    const auto& rb = rows[b.index];
    if (const auto c = order(ra.row, rb.row); c != 0) return c < 0;
    return ra.seq < rb.seq;
  });
  std::vector<std::uint32_t> out(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) out[i] = keys[i].index;
  return out;
}

template <class Row, class KeyOf, class Order>
std::vector<std::uint32_t> sort_by_key(std::span<const Sourced<Row>> rows, KeyOf key_of,
                                       Order order) {
  std::vector<std::uint32_t> out(rows.size());
  std::iota(out.begin(), out.end(), 0u);
  std::sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto& ra = rows[a];
    const auto& rb = rows[b];
    if (const auto c = key_of(ra.row) <=> key_of(rb.row); c != 0) return c < 0;
    if (const auto c = order(ra.row, rb.row); c != 0) return c < 0;
    return ra.seq < rb.seq;
  });
  return out;
}

template <class Row, class KeyOf, class Order>
Dedup dedup_by_key(std::span<const Sourced<Row>> rows, KeyOf key_of, Order order) {
  return first_per_key(rows, sort_by_key(rows, key_of, order),
                       [&](const Row& a, const Row& b) { return key_of(a) == key_of(b); });
}

bool same_id(const auto& a, const auto& b) {
  return a.id_md5 == b.id_md5;
}

}  // namespace

Dedup dedup_requests(std::span<const RequestRow> rows) {
  return first_per_key(rows, sort_by_id(rows, request_order),
                       [](auto& a, auto& b) { return same_id(a, b); });
}

Dedup dedup_impressions(std::span<const ImpressionRow> rows) {
  return first_per_key(rows, sort_by_id(rows, impression_order),
                       [](auto& a, auto& b) { return same_id(a, b); });
}

Dedup dedup_users(std::span<const UserRow> rows) {
  return dedup_by_key(
      rows, [](const clean::CleanUser& r) -> auto& { return r.user_id; }, user_order);
}

Dedup dedup_campaigns(std::span<const CampaignRow> rows) {
  return dedup_by_key(
      rows, [](const clean::CleanCampaign& r) -> auto& { return r.campaign_id; }, campaign_order);
}

Dedup dedup_apps(std::span<const AppRow> rows) {
  return dedup_by_key(
      rows, [](const clean::CleanApp& r) -> auto& { return r.app_id; }, app_order);
}

std::vector<std::uint32_t> order_by_id_ts(std::span<const ClickRow> rows) {
  return sort_by_id(rows, [](const clean::CleanClick&, const clean::CleanClick&) {
    return std::weak_ordering::equivalent;
  });
}

}  // namespace adlake::silver
