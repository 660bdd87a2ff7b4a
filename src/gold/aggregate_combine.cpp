#include "adlake/gold/aggregate_combine.hpp"

#include <cstring>
#include <string_view>
#include <type_traits>

#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/exchange.hpp"

namespace adlake::gold {
namespace {

constexpr size_t kCountFields = sizeof(Counts) / sizeof(int64_t);
static_assert(sizeof(Counts) == kCountFields * sizeof(int64_t));

// FNV-1a: the same owner for a campaign on every rank and every run.
uint64_t fnv1a(std::string_view text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

void put_string(std::vector<char>& out, std::string_view s) {
  const auto n = static_cast<uint32_t>(s.size());
  const char* p = reinterpret_cast<const char*>(&n);
  out.insert(out.end(), p, p + sizeof n);
  out.insert(out.end(), s.begin(), s.end());
}

class Reader {
 public:
  explicit Reader(const std::vector<char>& bytes) : bytes_(bytes) {}
  bool done() const { return pos_ == bytes_.size(); }
  void read(void* out, size_t n) {
    if (bytes_.size() - pos_ < n) throw Error("gold: truncated campaign partials");
    std::memcpy(out, bytes_.data() + pos_, n);
    pos_ += n;
  }
  std::string string() {
    uint32_t n = 0;
    read(&n, sizeof n);
    std::string s(n, '\0');
    read(s.data(), n);
    return s;
  }

 private:
  const std::vector<char>& bytes_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<char> encode_campaigns(const std::vector<const CampaignTotal*>& campaigns) {
  std::vector<char> out;
  for (const CampaignTotal* c : campaigns) {
    put_string(out, c->campaign_id);
    out.push_back(static_cast<char>(c->campaign_type));
    const char* p = reinterpret_cast<const char*>(&c->counts);
    out.insert(out.end(), p, p + sizeof(Counts));
  }
  return out;
}

std::vector<CampaignTotal> decode_campaigns(const std::vector<char>& bytes) {
  std::vector<CampaignTotal> out;
  Reader in(bytes);
  while (!in.done()) {
    CampaignTotal c;
    c.campaign_id = in.string();
    in.read(&c.campaign_type, 1);
    in.read(&c.counts, sizeof(Counts));
    out.push_back(std::move(c));
  }
  return out;
}

AggregateTotals combine_aggregates(const Comm& comm, LocalAggregates local) {
  AggregateTotals totals;
  totals.dense = local.dense;
  std::vector<int64_t> flat(sizeof(DenseTotals) / sizeof(int64_t));
  std::memcpy(flat.data(), &local.dense, sizeof(DenseTotals));
  allreduce_sum_inplace(comm, flat);
  static_assert(std::is_trivially_copyable_v<DenseTotals>);
  std::memcpy(static_cast<void*>(&totals.dense), flat.data(), sizeof(DenseTotals));

  const auto ranks = static_cast<size_t>(comm.size());
  std::vector<std::vector<const CampaignTotal*>> by_owner(ranks);
  for (const auto& c : local.campaigns) by_owner[fnv1a(c.campaign_id) % ranks].push_back(&c);
  std::vector<std::vector<char>> send(ranks);
  for (size_t r = 0; r < ranks; ++r) send[r] = encode_campaigns(by_owner[r]);
  std::vector<CampaignTotal> owned;
  for (const auto& bytes : exchange_by_source(comm, send)) {
    auto part = decode_campaigns(bytes);
    owned.insert(owned.end(), std::make_move_iterator(part.begin()),
                 std::make_move_iterator(part.end()));
  }
  merge_campaigns(owned);

  std::vector<const CampaignTotal*> mine;
  for (const auto& c : owned) mine.push_back(&c);
  const auto gathered = gatherv(comm, encode_campaigns(mine), 0);
  if (comm.is_root()) {
    totals.campaigns = decode_campaigns(gathered);
    merge_campaigns(totals.campaigns);  // keys are already unique: this sorts
  }
  return totals;
}

}  // namespace adlake::gold
