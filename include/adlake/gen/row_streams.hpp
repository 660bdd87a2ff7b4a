#pragma once
// The two random streams of one dimension row (user, app, campaign) and its
// noise decisions. Whoever needs the row (a request block looking up a user,
// the profile part writer) replays the same draws in the same order.
#include <cstdint>

#include "adlake/gen/noise_picker.hpp"
#include "adlake/gen/params.hpp"
#include "adlake/gen/rng.hpp"

namespace adlake::gen {

struct RowStreams {
  Rng data;
  Rng noise;
  NoisePicker picker;

  RowStreams(const GenParams& p, Stream data_kind, Stream noise_kind, uint64_t index)
      : data(p.seed, data_kind, index),
        noise(p.seed, noise_kind, index),
        picker(noise, p.noise,
               coverage_index(p.noise, index / p.block_size, index % p.block_size)) {}
  RowStreams(const RowStreams&) = delete;  // the picker refers to `noise`
  RowStreams& operator=(const RowStreams&) = delete;
};

}  // namespace adlake::gen
