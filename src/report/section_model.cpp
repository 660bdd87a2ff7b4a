// The model (CONTRACT 4) from LAKE/metrics.json: its AUC beside the oracles',
// the curves, the calibration, the operating points, importances, parameters.
#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "adlake/report/html.hpp"
#include "adlake/report/metrics_json.hpp"
#include "adlake/report/sections.hpp"
#include "adlake/report/svg.hpp"

namespace adlake::report {

namespace {

using nlohmann::json;

// The value at the first of `paths` ("curves.roc" walks into objects).
const json* find_path(const json& root, std::initializer_list<const char*> paths) {
  for (const char* path : paths) {
    const json* node = &root;
    std::string_view rest = path;
    while (node != nullptr && !rest.empty()) {
      const size_t dot = rest.find('.');
      const std::string key(rest.substr(0, dot));
      const auto found = node->is_object() ? node->find(key) : node->end();
      node = node->is_object() && found != node->end() && !found->is_null() ? &*found : nullptr;
      rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    }
    if (node != nullptr) return node;
  }
  return nullptr;
}

double number(const json& m, std::initializer_list<const char*> paths) {
  const json* v = find_path(m, paths);
  return v != nullptr && v->is_number() ? v->get<double>() : NAN;
}

const std::set<std::string>& shown_keys() {
  // Shown in the table by name, or the same as one that is (rows = n_test).
  static const std::set<std::string> keys = {"roc_auc",
                                             "pr_auc",
                                             "log_loss",
                                             "brier",
                                             "oracle_auc",
                                             "feature_oracle_auc",
                                             "gap_to_feature_oracle",
                                             "n_train",
                                             "n_test",
                                             "train_positive_rate",
                                             "test_positive_rate",
                                             "training_seconds",
                                             "train_seconds",
                                             "rows",
                                             "positive_rate"};
  return keys;
}

std::string metrics_figure(const json& m) {
  const double auc = number(m, {"roc_auc", "auc"});
  if (!std::isfinite(auc)) throw Unavailable("metrics.json has no roc_auc");
  const double feature_oracle = number(m, {"feature_oracle_auc"});
  const double oracle = number(m, {"oracle_auc"});
  std::vector<svg::Bar> bars = {{"model", auc, format_fixed(auc, 4)}};
  if (std::isfinite(feature_oracle)) {
    bars.push_back({"feature oracle", feature_oracle, format_fixed(feature_oracle, 4)});
  }
  if (std::isfinite(oracle)) bars.push_back({"oracle", oracle, format_fixed(oracle, 4)});

  HtmlTable t({"metric", "value"}, {1});
  const auto row = [&](const char* name, const std::string& value) {
    t.rows.push_back({name, value});
  };
  row("ROC AUC (test split)", format_fixed(auc, 4));
  row("feature-oracle AUC (p_click_features)", std::isfinite(feature_oracle)
                                                   ? format_fixed(feature_oracle, 4)
                                                   : "not recorded (no truth files)");
  row("oracle AUC (p_click, hidden factors)",
      std::isfinite(oracle) ? format_fixed(oracle, 4) : "not recorded (no truth files)");
  if (std::isfinite(feature_oracle))
    row("model - feature oracle", fmt::format("{:+.4f}", auc - feature_oracle));
  row("PR AUC (average precision)", format_fixed(number(m, {"pr_auc", "average_precision"}), 4));
  row("log loss", format_fixed(number(m, {"log_loss"}), 4));
  row("Brier score", format_fixed(number(m, {"brier", "brier_score"}), 4));
  row("training rows", format_number(number(m, {"n_train"})));
  row("test rows", format_number(number(m, {"n_test"})));
  row("positive rate, train",
      format_percent(
          number(m, {"train_positive_rate", "positive_rate_train", "positive_rate.train"})));
  row("positive rate, test", format_percent(number(m, {"test_positive_rate", "positive_rate_test",
                                                       "positive_rate.test"})));
  row("training time",
      format_fixed(number(m, {"train_seconds", "training_seconds", "seconds"}), 2) + " s");
  if (const json* steps = find_path(m, {"run.seconds"}); steps != nullptr && steps->is_object()) {
    std::string text;
    for (const auto& [step, seconds] : steps->items()) {
      if (!seconds.is_number()) continue;
      text += fmt::format("{}{} {:.2f} s", text.empty() ? "" : ", ", step, seconds.get<double>());
    }
    row("train job, by step", text);
  }
  // Any other top-level number, so that nothing the trainer records is hidden.
  for (const auto& [key, v] : m.items()) {
    if (v.is_number() && !shown_keys().count(key))
      t.rows.push_back({key, format_number(v.get<double>())});
  }
  return figure(
      "The model's ROC AUC beside the oracles' (LAKE/metrics.json)",
      svg::bar_chart(bars, {"ROC AUC of the model and the oracles", 460, 22, svg::palette(0)}),
      render_table(t),
      "The oracle knows the hidden factors (the user's own propensity, the creative's "
      "quality) and is the ceiling; the feature oracle is the best knowable from the "
      "profile and context columns alone. The history features (CONTRACT 3.1) reveal part "
      "of each user's propensity, so a model can pass the feature oracle.");
}

svg::Series diagonal(const char* name) {
  return {name, {0, 1}, {0, 1}, "#999999", false, true};
}

std::string curves_figure(const json& m) {
  const json* roc = find_path(m, {"roc_curve", "curves.roc", "roc"});
  const json* pr = find_path(m, {"pr_curve", "precision_recall_curve", "curves.pr", "pr"});
  if (roc == nullptr && pr == nullptr) throw Unavailable("metrics.json has no ROC or PR curve");
  std::string charts;
  HtmlTable t({"curve", "points", "area"}, {1, 2});
  if (roc != nullptr) {
    const Points p =
        curve_points(*roc, {"fpr", "x", "false_positive_rate"}, {"tpr", "y", "true_positive_rate"});
    svg::LineChartOptions o{
        "ROC curve", {"false positive rate", 0, 1}, {"true positive rate", 0, 1}, 380, 340};
    charts += svg::line_chart({{"model", p.x, p.y, svg::palette(0)}, diagonal("chance")}, o);
    t.rows.push_back({"ROC", format_count(static_cast<int64_t>(p.x.size())),
                      "AUC " + format_fixed(number(m, {"roc_auc", "auc"}), 4)});
  }
  if (pr != nullptr) {
    const Points p = curve_points(*pr, {"recall", "x"}, {"precision", "y"});
    const double base =
        number(m, {"test_positive_rate", "positive_rate_test", "positive_rate.test"});
    std::vector<svg::Series> series = {{"model", p.x, p.y, svg::palette(1)}};
    if (std::isfinite(base))
      series.push_back({"positive rate", {0, 1}, {base, base}, "#999999", false, true});
    svg::LineChartOptions o{
        "Precision-recall curve", {"recall", 0, 1}, {"precision", 0, 1}, 380, 340};
    charts += svg::line_chart(series, o);
    t.rows.push_back({"precision-recall", format_count(static_cast<int64_t>(p.x.size())),
                      "AP " + format_fixed(number(m, {"pr_auc", "average_precision"}), 4)});
  }
  return figure("ROC and precision-recall curves on the test split",
                "<div class=\"small-multiples\">" + charts + "</div>", render_table(t));
}

std::string calibration_figure(const json& m) {
  const json* cal = find_path(m, {"calibration_deciles", "calibration", "calibration_table"});
  if (cal == nullptr) throw Unavailable("metrics.json has no calibration table");
  const Points p =
      curve_points(*cal, {"mean_pctr", "mean_prob", "mean_predicted", "predicted"},
                   {"observed_rate", "observed", "fraction_positive", "positive_rate"});
  if (p.x.empty()) throw Unavailable("metrics.json's calibration table has no bins");
  HtmlTable t({"bin", "rows", "mean predicted", "observed click rate"}, {0, 1, 2, 3});
  for (size_t i = 0; i < p.x.size(); ++i) {
    const double rows =
        cal->is_array() && i < cal->size() ? number_at((*cal)[i], {"rows", "count", "n"}) : NAN;
    t.rows.push_back({std::to_string(i + 1), format_number(rows), format_percent(p.x[i]),
                      format_percent(p.y[i])});
  }
  const double top = std::max(*std::max_element(p.x.begin(), p.x.end()),
                              *std::max_element(p.y.begin(), p.y.end()));
  const double lim = std::min(1.0, std::max(0.05, top * 1.1));
  svg::LineChartOptions o{"Calibration: predicted vs observed click rate",
                          {"mean predicted probability", 0, lim, true},
                          {"observed click rate", 0, lim, true},
                          380,
                          340};
  svg::Series ideal = diagonal("perfect calibration");
  const json* scores = find_path(m, {"scores"});
  return figure("Calibration by decile of the predicted probability",
                svg::line_chart({{"model", p.x, p.y, svg::palette(2), true}, ideal}, o),
                render_table(t),
                scores != nullptr && scores->is_string() ? "Scores: " + scores->get<std::string>()
                                                         : std::string());
}

std::string operating_points_table(const json& m) {
  const auto points = operating_points(m);
  if (points.empty()) throw Unavailable("metrics.json has no precision/recall operating point");
  HtmlTable t({"operating point", "threshold", "precision", "recall", "F1", "TN", "FP", "FN", "TP"},
              {1, 2, 3, 4, 5, 6, 7, 8});
  for (const auto& p : points) {
    const auto c = [&](double Confusion::*field) {
      return p.confusion ? format_number((*p.confusion).*field) : std::string("-");
    };
    t.rows.push_back({p.name, format_fixed(p.threshold, 4), format_fixed(p.precision, 4),
                      format_fixed(p.recall, 4), format_fixed(p.f1, 4), c(&Confusion::tn),
                      c(&Confusion::fp), c(&Confusion::fn), c(&Confusion::tp)});
  }
  return "<figure><figcaption>Precision, recall and F1 of the click class, with the confusion "
         "matrices (test split)</figcaption>" +
         render_table(t) + "</figure>\n";
}

std::string importance_chart(const std::vector<std::pair<std::string, double>>& values,
                             const std::string& title, size_t colour) {
  auto sorted = values;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](auto& a, auto& b) { return a.second > b.second; });
  std::vector<svg::Bar> bars;
  for (const auto& [name, v] : sorted) bars.push_back({name, v, format_fixed(v, 4)});
  if (bars.empty()) throw Unavailable("no feature importances");
  return "<div class=\"multiple\"><div class=\"multiple-title\">" + escape(title) + "</div>" +
         svg::bar_chart(bars, {title, 440, 14, svg::palette(colour)}) + "</div>";
}

std::string importances_figure(const json& m) {
  const json* impurity = find_path(m, {"feature_importances.impurity", "importances.impurity",
                                       "impurity_importances", "feature_importance_impurity"});
  const json* permutation =
      find_path(m, {"feature_importances.permutation", "importances.permutation",
                    "permutation_importances", "feature_importance_permutation"});
  if (impurity == nullptr && permutation == nullptr) {
    impurity = find_path(m, {"feature_importances", "importances"});
  }
  std::string charts = "<div class=\"small-multiples\">";
  bool any = false;
  if (impurity != nullptr && !named_values(*impurity).empty()) {
    charts += importance_chart(named_values(*impurity), "impurity (mean decrease in Gini)", 0);
    any = true;
  }
  if (permutation != nullptr && !named_values(*permutation).empty()) {
    charts += importance_chart(named_values(*permutation), "permutation (drop of test ROC AUC)", 5);
    any = true;
  }
  if (!any) throw Unavailable("metrics.json has no feature importances");
  return figure("Feature importances", charts + "</div>", "");
}

std::string params_table(const json& m) {
  const json* params = find_path(m, {"params", "parameters", "forest_params"});
  if (params == nullptr || !params->is_object())
    throw Unavailable("metrics.json has no parameters");
  HtmlTable t({"parameter", "value"});
  for (const auto& [key, v] : params->items()) {
    t.rows.push_back({key, v.is_string() ? v.get<std::string>() : v.dump()});
  }
  return "<figure><figcaption>Parameters of the forest</figcaption>" + render_table(t) +
         "</figure>\n";
}

}  // namespace

Section model_section(Lake& lake) {
  std::string html = guarded([&] {
    const json& m = lake.metrics();
    std::string out = guarded([&] { return metrics_figure(m); });
    out += guarded([&] { return curves_figure(m); });
    out += guarded([&] { return calibration_figure(m); });
    out += guarded([&] { return operating_points_table(m); });
    out += guarded([&] { return importances_figure(m); });
    out += guarded([&] { return params_table(m); });
    return out;
  });
  return {"model", "The model", html};
}

}  // namespace adlake::report
