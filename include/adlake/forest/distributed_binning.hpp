#pragma once
// A feature's binning fitted on the whole training set while each rank holds
// only its share of the column: the same edges and categories as
// fit_binning() on the concatenated column, whatever the partition.
#include "adlake/forest/binning.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::forest {

// Collective. Numeric: when the whole column has at most max_bins distinct
// values they are merged from every rank's; else each quantile edge (the
// value at a given rank of the sorted column) is found exactly by bisection
// on the values' bits, each step an all-reduce of how many values every rank
// holds at or below the candidates (64 steps for all edges at once).
// Categorical: the ranks' category lists, when they differ (integer columns
// list the values each rank holds), are merged as integers, ascending.
// Throws DataError (on every rank) on NaN, no values or too many categories.
FeatureBinning fit_binning(const Comm& comm, const RawFeature& local, int max_bins = kMaxBins);

}  // namespace adlake::forest
