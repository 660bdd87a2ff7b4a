#pragma once
// The train stage (CONTRACT 4): LAKE/gold.h5 -> LAKE/model.h5 and
// LAKE/metrics.json, the model trained and evaluated by model/train.hpp.
#include "adlake/model/train.hpp"
#include "adlake/mpi/context.hpp"

namespace CLI {
class App;
}

namespace adlake {

using model::train_fingerprint_spec;
using model::TrainOptions;

// Collective. Trains and evaluates (model::train_and_evaluate), writes
// model.h5 collectively and publishes it atomically, then metrics.json
// (rank 0, with the run's times, MPI bytes and peak memory per rank).
void run_train(Context& ctx, const TrainOptions& options);

// The options that tune train (not --lake), for `adlake train` and `adlake run`.
void add_train_options(CLI::App& command, TrainOptions& options);

}  // namespace adlake
