#pragma once
// The six raw input entities and their columns (CONTRACT 1), in the
// contract's order, which is also the order of bronze.h5's tables: the one
// place that names them. The csv reader checks headers against it, bronze
// stores these columns, silver reads them back by these names (silver/input.hpp)
// and the generator writes them (gen/entities.hpp). Each column carries the
// value rule it follows (CONTRACT 2.1) and, for an enumerated value, the
// members silver writes for it.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "adlake/clean/enums.hpp"

namespace adlake::csv {

// Which rule of CONTRACT 2.1 a raw value follows.
enum class ValueKind : std::uint8_t {
  kIdMd5,      // 32 lowercase hex digits
  kTimestamp,  // -> int64 seconds since the epoch, UTC
  kId,         // an identifier, at most 64 bytes (a dimension's key, or a reference to one)
  kEnum,       // one of `members`
  kDecimal,    // a decimal number (money: -> int64 micros; rating: -> float64)
  kInteger,    // an integer (age, slot)
  kFlag,       // a yes/no value (-> uint8 0/1)
  kIp,         // dotted IPv4 (-> ip_prefix)
  kText,       // free text, at most 128 bytes
};

// "id_md5", "timestamp", ...: the kind's name in a schema a user reads.
std::string_view label(ValueKind kind);

struct ColumnSchema {
  std::string_view name;
  ValueKind kind;
  std::span<const std::string_view> members = {};  // a kEnum's members (CONTRACT 2.1, 5)
};

namespace detail {
template <clean::LabelledEnum E>
inline constexpr std::span<const std::string_view> members_of = clean::EnumTraits<E>::labels;

template <std::size_t N>
constexpr std::array<std::string_view, N> names_of(const std::array<ColumnSchema, N>& columns) {
  std::array<std::string_view, N> names{};
  for (std::size_t i = 0; i < N; ++i) names[i] = columns[i].name;
  return names;
}
}  // namespace detail

inline constexpr std::array<ColumnSchema, 7> kRequestColumns{{
    {"id_md5", ValueKind::kIdMd5},
    {"ts", ValueKind::kTimestamp},
    {"user_id", ValueKind::kId},
    {"app_id", ValueKind::kId},
    {"device_type", ValueKind::kEnum, detail::members_of<clean::DeviceType>},
    {"os", ValueKind::kEnum, detail::members_of<clean::Os>},
    {"ip", ValueKind::kIp},
}};
inline constexpr std::array<ColumnSchema, 5> kImpressionColumns{{
    {"id_md5", ValueKind::kIdMd5},
    {"ts", ValueKind::kTimestamp},
    {"campaign_id", ValueKind::kId},
    {"slot", ValueKind::kInteger},
    {"win_price", ValueKind::kDecimal},
}};
inline constexpr std::array<ColumnSchema, 3> kClickColumns{{
    {"id_md5", ValueKind::kIdMd5},
    {"ts", ValueKind::kTimestamp},
    {"is_install", ValueKind::kFlag},
}};
inline constexpr std::array<ColumnSchema, 6> kUserColumns{{
    {"user_id", ValueKind::kId},
    {"age", ValueKind::kInteger},
    {"gender", ValueKind::kEnum, detail::members_of<clean::Gender>},
    {"state", ValueKind::kEnum, detail::members_of<clean::State>},
    {"interest", ValueKind::kEnum, detail::members_of<clean::Category>},
    {"updated_at", ValueKind::kTimestamp},
}};
inline constexpr std::array<ColumnSchema, 5> kCampaignColumns{{
    {"campaign_id", ValueKind::kId},
    {"advertiser", ValueKind::kText},
    {"campaign_type", ValueKind::kEnum, detail::members_of<clean::CampaignType>},
    {"category", ValueKind::kEnum, detail::members_of<clean::Category>},
    {"bid", ValueKind::kDecimal},
}};
inline constexpr std::array<ColumnSchema, 4> kAppColumns{{
    {"app_id", ValueKind::kId},
    {"app_name", ValueKind::kText},
    {"genre", ValueKind::kEnum, detail::members_of<clean::Category>},
    {"rating", ValueKind::kDecimal},
}};

// The column names alone, in contract order (a constant size, for readers
// that hold one value per column).
inline constexpr auto kRequestNames = detail::names_of(kRequestColumns);
inline constexpr auto kImpressionNames = detail::names_of(kImpressionColumns);
inline constexpr auto kClickNames = detail::names_of(kClickColumns);
inline constexpr auto kUserNames = detail::names_of(kUserColumns);
inline constexpr auto kCampaignNames = detail::names_of(kCampaignColumns);
inline constexpr auto kAppNames = detail::names_of(kAppColumns);

struct EntitySchema {
  std::string_view name;                      // RAW/<name>/, bronze.h5:/<name>
  std::span<const std::string_view> columns;  // the column names, in contract order
  std::span<const ColumnSchema> fields;       // the same columns with their value rules
};

inline constexpr std::array<EntitySchema, 6> kEntities{{
    {"requests", kRequestNames, kRequestColumns},
    {"impressions", kImpressionNames, kImpressionColumns},
    {"clicks", kClickNames, kClickColumns},
    {"user_profiles", kUserNames, kUserColumns},
    {"campaigns", kCampaignNames, kCampaignColumns},
    {"app_metadata", kAppNames, kAppColumns},
}};

std::span<const EntitySchema> bronze_entities();

// The entity called `name`; throws UsageError if there is none.
const EntitySchema& bronze_entity(std::string_view name);

}  // namespace adlake::csv
