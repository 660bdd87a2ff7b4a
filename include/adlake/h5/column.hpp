#pragma once
// Forwarding header: Table and Column moved to core/table.hpp (the in-memory
// table is not HDF5's). Kept only until every branch includes the new path.
#include "adlake/core/table.hpp"
