#include <CLI/CLI.hpp>

#include <map>

#include "adlake/stages/run.hpp"

namespace adlake {

namespace {

// CLI11 does not see the same option name in two groups (the first wins
// silently), so two stages must not share a name; this fails at start-up
// (and in every test that starts adlake) when they do.
void check_unique_names(const CLI::App& command) {
  std::map<std::string, std::string> owner;
  const auto claim = [&](const CLI::App& group, const std::string& who) {
    for (const CLI::Option* option : group.get_options()) {
      for (const auto& name : option->get_lnames()) {
        if (name == "help") continue;  // CLI11 lists the parent's help in every group
        auto [it, fresh] = owner.emplace(name, who);
        if (!fresh && it->second != who) {
          throw std::logic_error("run: option --" + name + " of " + who +
                                 " is also an option of " + it->second);
        }
      }
    }
  };
  claim(command, "run");
  for (const CLI::App* group : command.get_subcommands([](const CLI::App*) { return true; })) {
    claim(*group, group->get_group());
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
  add_bronze_options(*command.add_option_group("bronze", "bronze options"), options.bronze);
  check_unique_names(command);
}

}  // namespace adlake
