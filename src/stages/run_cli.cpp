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

using Scratch = std::shared_ptr<std::vector<std::unique_ptr<CLI::App>>>;

// Every stage's options by name, in the order of first appearance.
struct StageOptions {
  std::vector<std::string> names;
  std::map<std::string, std::vector<Target>> targets;
};

StageOptions collect_options(const std::vector<StageOptionSetup>& setups, const Scratch& scratch) {
  StageOptions out;
  for (const auto& setup : setups) {
    scratch->push_back(std::make_unique<CLI::App>());
    setup.add(*scratch->back());
    for (CLI::Option* option : scratch->back()->get_options()) {
      if (option->get_lnames().empty() || option->get_lnames()[0] == "help") continue;
      const std::string name = option->get_lnames()[0];
      if (!out.targets.count(name)) out.names.push_back(name);
      out.targets[name].push_back({setup.stage, option});
    }
  }
  return out;
}

// One option of `run` that hands what it parses to each target (a stage's
// own option, in `scratch`), as if given to `adlake <stage>`.
void add_forward(CLI::Option_group& group, const std::string& name, const std::vector<Target>& ts,
                 const Scratch& scratch) {
  const CLI::Option* first = ts.front().option;
  if (first->get_expected_max() == 0) {  // a flag
    group.add_flag_function(
        "--" + name,
        [ts, scratch](std::int64_t count) {
          for (const auto& t : ts) {
            t.option->clear();
            t.option->add_result(std::to_string(count));
            t.option->run_callback();
          }
        },
        first->get_description());
    return;
  }
  CLI::Option* forward = group.add_option(
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

// Each stage adds its options to a private CLI::App; run shows one option per
// name that passes what it parses on to every stage that has the name (so
// `--progress-seconds` sets it for all of them). The stage's own validators
// and conversions run as in `adlake <stage>`. CLI11 would silently give a
// name defined in two option groups to the first one only.
void add_stage_options(CLI::App& command, const std::vector<StageOptionSetup>& setups) {
  const auto scratch = std::make_shared<std::vector<std::unique_ptr<CLI::App>>>();
  const StageOptions options = collect_options(setups, scratch);
  // One group per set of stages that share an option: "bronze", "shared", ...
  std::map<std::string, CLI::Option_group*> groups;
  for (const auto& name : options.names) {
    const std::vector<Target>& ts = options.targets.at(name);
    std::string key;
    for (const auto& t : ts) key += (key.empty() ? "" : ", ") + t.stage;
    auto& group = groups[key];
    if (!group) {
      group = command.add_option_group(
          ts.size() == 1 ? key : "shared",
          ts.size() == 1 ? key + " options" : "options of " + key + " (one value for all)");
    }
    add_forward(*group, name, ts, scratch);
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
