#include <doctest/doctest.h>

#include <numeric>
#include <string>

#include "adlake/core/error.hpp"
#include "adlake/gen/generator.hpp"
#include "adlake/gen/md5.hpp"
#include "adlake/gen/params.hpp"
#include "adlake/gen/request_block.hpp"

using namespace adlake::gen;

TEST_CASE("dimension sizes follow the number of requests, within their bounds") {
  const GenParams small = make_gen_params(1000, 1, 0.02, 10000);
  CHECK(small.users == 100);
  CHECK(small.apps == 50);
  CHECK(small.campaigns == 50);
  const GenParams def = make_gen_params(100000, 42, 0.02, 10000);
  CHECK(def.users == 10000);
  CHECK(def.apps == 500);
  CHECK(def.campaigns == 200);
  CHECK(def.advertisers == 40);
  CHECK(def.oracle_every == 1);
  const GenParams big = make_gen_params(3'000'000'000ULL, 42, 0.02, 1'000'000);
  CHECK(big.users == 300'000'000);
  CHECK(big.apps == 200'000);
  CHECK(big.campaigns == 50'000);
  CHECK(big.oracle_every == 60);
  for (const GenParams& p : {small, def, big}) {
    CHECK(std::gcd(p.user_stride, p.users) == 1);
    CHECK(std::gcd(p.app_stride, p.apps) == 1);
  }
}

TEST_CASE("bad options are usage errors") {
  CHECK_THROWS_AS(make_gen_params(0, 1, 0.02, 10000), adlake::UsageError);
  CHECK_THROWS_AS(make_gen_params(10, 1, -0.1, 10000), adlake::UsageError);
  CHECK_THROWS_AS(make_gen_params(10, 1, 0.5, 10000), adlake::UsageError);
  CHECK_THROWS_AS(make_gen_params(10, 1, 0.02, 10), adlake::UsageError);
}

TEST_CASE("part names sort in order and tasks cover every part") {
  const GenParams p = make_gen_params(25000, 1, 0.02, 1000);
  CHECK(part_path("RAW", p, Entity::Requests, 7).string() == "RAW/requests/part-00007.csv");
  CHECK(part_path("RAW", p, Entity::Requests, 7, true).string() ==
        "RAW/_truth/click_prob/part-00007.csv");
  const auto tasks = all_tasks(p);
  size_t requests = 0, users = 0, campaigns = 0, apps = 0;
  for (const Task& t : tasks) {
    requests += t.entity == Entity::Requests;
    users += t.entity == Entity::UserProfiles;
    campaigns += t.entity == Entity::Campaigns;
    apps += t.entity == Entity::AppMetadata;
  }
  CHECK(requests == 25);
  CHECK(users == 3);  // 2500 users
  CHECK(campaigns == 1);
  CHECK(apps == 1);
  const GenParams many = make_gen_params(20'000'000, 1, 0.02, 100);  // 200000 parts
  CHECK(part_path("RAW", many, Entity::Requests, 42).filename() == "part-000042.csv");
}

TEST_CASE("the test split and the oracle sample are taken from the id's digits") {
  int test = 0, kept = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    char id[32];
    to_hex(md5(std::to_string(i)), id);
    if (!is_test_id(id)) continue;
    ++test;
    CHECK(in_oracle_sample(id, 1));
    kept += in_oracle_sample(id, 4);
  }
  CHECK(test > 0.18 * n);
  CHECK(test < 0.22 * n);
  CHECK(kept > 0.2 * test);
  CHECK(kept < 0.3 * test);
}
