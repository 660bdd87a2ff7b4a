// The one schema of the raw entities (csv/schema.hpp) and the readers and
// writers that derive from it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "adlake/csv/schema.hpp"
#include "adlake/gen/entities.hpp"
#include "adlake/silver/input.hpp"

using namespace adlake;

TEST_CASE("schema: each entity's names and fields agree, enums carry their members") {
  REQUIRE(csv::bronze_entities().size() == 6);
  for (const auto& entity : csv::bronze_entities()) {
    CAPTURE(std::string(entity.name));
    REQUIRE(entity.fields.size() == entity.columns.size());
    for (std::size_t i = 0; i < entity.columns.size(); ++i) {
      const csv::ColumnSchema& field = entity.fields[i];
      CHECK(field.name == entity.columns[i]);
      CHECK((field.kind == csv::ValueKind::kEnum) == !field.members.empty());
      CHECK(csv::label(field.kind) != "?");
    }
  }
  const auto& campaigns = csv::bronze_entity("campaigns");
  CHECK(campaigns.fields[2].name == "campaign_type");
  CHECK(std::ranges::equal(campaigns.fields[2].members,
                           clean::EnumTraits<clean::CampaignType>::labels));
  CHECK(csv::bronze_entity("user_profiles").fields[3].members.size() == 52);  // 50 states, DC, UNK
  CHECK(csv::label(csv::bronze_entity("requests").fields[6].kind) == "ipv4");
}

TEST_CASE("schema: the generator and silver's readers use the same columns") {
  for (int e = 0; e < gen::kEntityCount; ++e) {
    const auto entity = static_cast<gen::Entity>(e);
    const auto& schema = csv::bronze_entity(gen::entity_name(entity));
    CHECK(std::ranges::equal(gen::entity_columns(entity), schema.columns));
  }
  CHECK(silver::Entity<clean::CleanRequest>::name == "requests");
  CHECK(std::ranges::equal(silver::Entity<clean::CleanRequest>::columns,
                           csv::bronze_entity("requests").columns));
  CHECK(std::ranges::equal(silver::Entity<clean::CleanApp>::columns,
                           csv::bronze_entity("app_metadata").columns));
  CHECK(silver::Entity<clean::CleanUser>::name == "user_profiles");
}
