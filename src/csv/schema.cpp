#include "adlake/csv/schema.hpp"

#include <string>

#include "adlake/core/error.hpp"

namespace adlake::csv {

std::string_view label(ValueKind kind) {
  switch (kind) {
    case ValueKind::kIdMd5:
      return "id_md5";
    case ValueKind::kTimestamp:
      return "timestamp";
    case ValueKind::kId:
      return "id";
    case ValueKind::kEnum:
      return "enum";
    case ValueKind::kDecimal:
      return "decimal";
    case ValueKind::kInteger:
      return "integer";
    case ValueKind::kFlag:
      return "flag";
    case ValueKind::kIp:
      return "ipv4";
    case ValueKind::kText:
      return "text";
  }
  return "?";
}

std::span<const EntitySchema> bronze_entities() {
  return kEntities;
}

const EntitySchema& bronze_entity(std::string_view name) {
  for (const auto& entity : kEntities) {
    if (entity.name == name) return entity;
  }
  throw UsageError("unknown entity '" + std::string(name) + "'");
}

}  // namespace adlake::csv
