// The generator's truth against the pipeline: at 1, 2 and 3 ranks, generate
// a small noisy RAW, run bronze, silver and gold on it, and check that gold
// holds exactly the generated impressions and that the click model evaluated
// on gold's features gives the truth's p_click_features. This is what makes
// p_click_features "E[p_click | the gold features]" (CONTRACT 1): the model
// sees the values cleaning gives, not the ones the generator meant.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "adlake/gen/click_model.hpp"
#include "adlake/gen/vocab.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/model/truth.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/stages/bronze.hpp"
#include "adlake/stages/generate.hpp"
#include "adlake/stages/gold.hpp"
#include "adlake/stages/silver.hpp"
#include "shared_temp_dir.hpp"

using namespace adlake;
namespace fs = std::filesystem;

namespace {

template <class Names>
int code_of(const Names& names, std::string_view label) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == label) return static_cast<int>(i);
  return gen::kUnknown;
}

int state_of(std::string_view code) {
  for (int i = 0; i < gen::kStateCount; ++i)
    if (gen::kStates[i].code == code) return i;
  return gen::kUnknown;
}

}  // namespace

TEST_CASE("gold's features give the truth's p_click_features, at any number of ranks") {
  Comm comm = Comm::world();
  Context ctx{comm, 1, {}};
  const std::string dir = shared_temp_dir(comm, "gen-truth");

  GenerateOptions gen_options;
  gen_options.out = dir + "/raw";
  gen_options.requests = 12000;
  gen_options.block_size = 2500;
  gen_options.seed = 9;
  run_generate(ctx, gen_options);
  run_bronze(ctx, BronzeOptions{.input = dir + "/raw", .lake = dir + "/lake"});
  SilverOptions silver;
  silver.lake = dir + "/lake";
  run_silver(ctx, silver);
  run_gold(ctx, GoldOptions{dir + "/lake"});

  const h5::File gold = h5::File::open_parallel(dir + "/lake/gold.h5", comm);
  const Table f = h5::read_table_share(gold, "/features", comm);
  const StringColumn& ids = f.strings("id_md5");
  std::vector<std::string> wanted;
  for (size_t i = 0; i < ids.size(); ++i) wanted.emplace_back(ids[i]);
  const model::TruthProbabilities truth = model::read_truth(dir + "/raw/_truth/click_prob", wanted);

  const gen::ClickModel model;
  int64_t mismatches = 0;
  double worst = 0.0;
  for (size_t i = 0; i < f.rows(); ++i) {
    gen::ClickFeatures x;
    x.hour = f.values<uint8_t>("hour_of_day")[i];
    x.day_of_week = f.values<uint8_t>("day_of_week")[i];
    x.age = f.values<int16_t>("age")[i];
    const std::string_view gender = f.enums("gender").label(i);
    x.gender = gender == "M" ? gen::kMale : gender == "F" ? gen::kFemale : gen::kUnknown;
    x.state = state_of(f.enums("user_state").label(i));
    x.interest = code_of(gen::kCategories, f.enums("interest").label(i));
    x.device = code_of(gen::kDevices, f.enums("device_type").label(i));
    const std::string_view os = f.enums("os").label(i);
    x.os = os == "other" ? gen::kOther : code_of(gen::kOses, os);
    x.genre = code_of(gen::kCategories, f.enums("genre").label(i));
    x.app_rating = f.values<double>("app_rating")[i];
    x.campaign_type = code_of(gen::kCampaignTypes, f.enums("campaign_type").label(i));
    x.category = code_of(gen::kCategories, f.enums("category").label(i));
    x.slot = f.values<int8_t>("slot")[i];
    x.bid_micros = f.values<int64_t>("bid_micros")[i];
    const double expected = truth.p_click_features[i];
    const double got = model.p_click_features(model.logit(x));
    const double diff = std::isnan(expected) ? 1.0 : std::fabs(got - expected);
    worst = std::max(worst, diff);
    // The truth has 8 decimals.
    if (diff > 5.1e-9) ++mismatches;
  }
  const int64_t rows = allreduce_sum(comm, static_cast<int64_t>(f.rows()));
  const int64_t found = allreduce_sum(comm, truth.found);
  mismatches = allreduce_sum(comm, mismatches);
  worst = allreduce_max(comm, worst);
  INFO("gold rows " << rows << ", with truth " << found << ", worst difference " << worst);
  CHECK(rows > 8000);
  CHECK(found == rows);
  CHECK(mismatches == 0);

  comm.barrier();
  if (comm.is_root()) fs::remove_all(dir);
}
