#include "adlake/gen/params.hpp"

#include <algorithm>
#include <numeric>

#include "adlake/core/error.hpp"

namespace adlake::gen {
namespace {

uint64_t coprime_stride(uint64_t n) {
  // About 0.618 n (golden ratio), nudged until coprime with n.
  uint64_t s = std::max<uint64_t>(1, n * 618 / 1000) | 1;
  while (std::gcd(s, n) != 1) s += 2;
  return s;
}

}  // namespace

GenParams make_gen_params(uint64_t requests, uint64_t seed, double noise, uint64_t block_size) {
  if (requests == 0) throw UsageError("--requests must be at least 1");
  if (!(noise >= 0.0 && noise <= 0.2))
    throw UsageError("--noise must be between 0 and 0.2 (a fraction of rows)");
  if (block_size < 100 || block_size > 10'000'000)
    throw UsageError("--block-size must be between 100 and 10000000");
  GenParams p;
  p.requests = requests;
  p.seed = seed;
  p.noise = noise;
  p.block_size = block_size;
  // About ten requests per user over the week; apps and campaigns grow more
  // slowly and are capped, as in a real exchange: traffic grows by users.
  p.users = std::max<uint64_t>(100, requests / 10);
  p.apps = std::clamp<uint64_t>(requests / 200, 50, 200'000);
  p.campaigns = std::clamp<uint64_t>(requests / 500, 50, 50'000);
  p.advertisers = std::max<uint64_t>(10, p.campaigns / 5);
  p.user_stride = coprime_stride(p.users);
  p.app_stride = coprime_stride(p.apps);
  p.oracle_every = std::max<uint64_t>(1, (requests + 49'999'999) / 50'000'000);
  return p;
}

}  // namespace adlake::gen
