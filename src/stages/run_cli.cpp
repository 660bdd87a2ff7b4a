#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>

#include "adlake/stages/run.hpp"

namespace adlake {

namespace {

// One stage's option setup (add_<stage>_options), as `adlake <stage>` has it.
struct StageOptionSetup {
  std::string stage;
  std::function<void(CLI::App&)> add;
};

struct Target {
  std::string stage;
  CLI::Option* option;
};

// Each stage adds its options to a private CLI::App; run shows one option per
// name that passes what it parses on to every stage that has the name (so
// `--progress-seconds` sets it for all of them). The stage's own validators
// and conversions run as in `adlake <stage>`. CLI11 would silently give a
// name defined in two option groups to the first one only.
void add_stage_options(CLI::App& command, const std::vector<StageOptionSetup>& setups) {
  auto scratch = std::make_shared<std::vector<std::unique_ptr<CLI::App>>>();
  std::vector<std::string> names;  // first appearance order
  std::map<std::string, std::vector<Target>> targets;
  for (const auto& setup : setups) {
    scratch->push_back(std::make_unique<CLI::App>());
    setup.add(*scratch->back());
    for (CLI::Option* option : scratch->back()->get_options()) {
      if (option->get_lnames().empty() || option->get_lnames()[0] == "help") continue;
      const std::string name = option->get_lnames()[0];
      if (!targets.count(name)) names.push_back(name);
      targets[name].push_back({setup.stage, option});
    }
  }
  std::map<std::string, CLI::Option_group*> groups;
  const auto group_of = [&](const std::vector<Target>& ts) {
    std::string key;
    for (const auto& t : ts) key += (key.empty() ? "" : ", ") + t.stage;
    auto& group = groups[key];
    if (!group) {
      group = command.add_option_group(
          ts.size() == 1 ? key : "shared",
          ts.size() == 1 ? key + " options" : "options of " + key + " (one value for all)");
    }
    return group;
  };
  for (const auto& name : names) {
    const std::vector<Target> ts = targets[name];
    const CLI::Option* first = ts.front().option;
    CLI::Option_group* group = group_of(ts);
    if (first->get_expected_max() == 0) {  // a flag
      group->add_flag_function(
          "--" + name,
          [ts, scratch](std::int64_t count) {
            for (const auto& t : ts) {
              t.option->clear();
              t.option->add_result(std::to_string(count));
              t.option->run_callback();
            }
          },
          first->get_description());
      continue;
    }
    CLI::Option* forward = group->add_option(
        "--" + name,
        [ts, scratch](const CLI::results_t& results) {
          for (const auto& t : ts) {
            t.option->clear();
            t.option->add_result(results);
            t.option->run_callback();
          }
          return true;
        },
        first->get_description());
    forward->type_name(first->get_type_name());
    forward->type_size(first->get_type_size_min(), first->get_type_size_max());
    forward->expected(first->get_expected_min(), first->get_expected_max());
    forward->allow_extra_args(first->get_allow_extra_args());  // vectors: --opt a b c
    forward->default_str(first->get_default_str());
  }
}

}  // namespace

void add_run_options(CLI::App& command, RunOptions& options) {
  std::string stages;
  for (const auto& name : pipeline_stages()) stages += (stages.empty() ? "" : ", ") + name;
  command.add_option("--input", options.input, "raw CSV folder: <entity>/*.csv or <entity>.csv")
      ->required();
  command.add_option("--lake", options.lake, "lake folder: every layer is written there")
      ->required();
  command.add_option("--from", options.from, "first stage to run (" + stages + ")");
  command.add_option("--to", options.to, "last stage to run");
  command.add_flag("--force", options.force,
                   "rebuild the chosen stages even when their layers are up to date");
  add_stage_options(command,
                    {{"bronze", [&](CLI::App& app) { add_bronze_options(app, options.bronze); }},
                     {"silver", [&](CLI::App& app) { add_silver_options(app, options.silver); }},
                     {"train", [&](CLI::App& app) { add_train_options(app, options.train); }}});
}

}  // namespace adlake
