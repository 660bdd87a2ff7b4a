#pragma once
// The six bronze input entities and their columns (CONTRACT 1), in the
// contract's order, which is also the order of bronze.h5's tables.
#include <span>
#include <string_view>

namespace adlake::csv {

struct EntitySchema {
  std::string_view name;
  std::span<const std::string_view> columns;
};

std::span<const EntitySchema> bronze_entities();

// The entity called `name`; throws UsageError if there is none.
const EntitySchema& bronze_entity(std::string_view name);

}  // namespace adlake::csv
