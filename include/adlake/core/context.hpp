#pragma once
// Forwarding header: context.hpp moved to mpi/ (it works over a communicator, and
// core/ must not include mpi/). Kept only until every branch includes the new
// path.
#include "adlake/mpi/context.hpp"
