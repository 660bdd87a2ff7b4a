#pragma once
// Distributions of the generated world: who uses which device, when traffic
// comes, how popular users and apps are.
#include <array>
#include <cstdint>
#include <span>

#include "adlake/gen/rng.hpp"
#include "adlake/gen/vocab.hpp"

namespace adlake::gen {

// Draws index i with probability weights[i] / sum(weights) (linear scan: the
// tables are short).
int draw_weighted(Rng& rng, std::span<const double> weights);

// Population shares of the generated world.
std::span<const double> interest_weights();
std::span<const double> genre_weights();
std::span<const double> category_weights();
std::span<const double> device_weights();
std::span<const double> os_weights(int device);  // over kOses
std::span<const double> age_bucket_weights();
std::span<const double> state_weights();
std::span<const double> campaign_type_weights();

// An age drawn within bucket b (65+ goes up to 90).
int draw_age(Rng& rng, int bucket);

// A timestamp in the week [week_start, week_start + 7 days) following the
// daily and weekly cycles of traffic.
int64_t draw_request_time(Rng& rng, int64_t week_start);

// An index in [0, n) drawn by popularity: a rank from a power law (low ranks
// far more often), mapped to an index by multiplying with `stride` (coprime
// to n) so that popular rows are spread over all part files.
uint64_t draw_popular(Rng& rng, uint64_t n, uint64_t stride, double exponent);

}  // namespace adlake::gen
