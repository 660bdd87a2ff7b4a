#include "adlake/forest/model_io.hpp"

#include <bit>
#include <limits>
#include <span>
#include <string>
#include <type_traits>

#include "adlake/core/error.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"

namespace adlake::forest {

namespace {

const std::vector<std::string> kKindLabels{"numeric", "categorical"};

// The tables of a forest. Every rank writes the trees, nodes and category
// sets of its block of trees, so no rank holds the whole forest twice (as
// trees and as tables); the small feature tables come from rank 0. Every rank
// has every column, rows or not (a collective write needs them).
struct ModelTables {
  Table trees, nodes, sets, features, edges, categories;
};

// Where a block of trees sits in the whole forest.
struct BlockPlace {
  size_t first_tree = 0;
  int64_t nodes_before = 0, sets_before = 0;  // of the trees before it
};

// The /trees, /nodes and /category_sets rows of a block of trees.
void add_tree_rows(std::span<const Tree> block, const BlockPlace& place, ModelTables& t) {
  auto& tree_id = t.trees.add("tree", std::vector<int32_t>{});
  auto& first_node = t.trees.add("first_node", std::vector<int64_t>{});
  auto& n_nodes = t.trees.add("nodes", std::vector<int32_t>{});
  auto& first_set = t.trees.add("first_set", std::vector<int64_t>{});
  auto& n_sets = t.trees.add("sets", std::vector<int32_t>{});
  std::vector<int64_t>* words[4];
  for (int w = 0; w < 4; ++w) {
    words[w] = &t.sets.add("word" + std::to_string(w), std::vector<int64_t>{});
  }
  int64_t nodes_so_far = place.nodes_before, sets_so_far = place.sets_before;
  for (size_t i = 0; i < block.size(); ++i) {
    const Tree& tree = block[i];
    tree_id.push_back(static_cast<int32_t>(place.first_tree + i));
    first_node.push_back(nodes_so_far);
    n_nodes.push_back(static_cast<int32_t>(tree.size()));
    first_set.push_back(sets_so_far);
    n_sets.push_back(static_cast<int32_t>(tree.sets.size()));
    nodes_so_far += static_cast<int64_t>(tree.size());
    sets_so_far += static_cast<int64_t>(tree.sets.size());
    for (const CategorySet& s : tree.sets) {
      for (int w = 0; w < 4; ++w) words[w]->push_back(std::bit_cast<int64_t>(s[w]));
    }
  }
}

// A node column of type Out (the file's) from each tree's member. A block of
// trees that is not const is consumed: each member goes as soon as its
// column holds it, so the nodes are held about once, not as trees and
// tables at once.
template <class Out, class T, class TreeT>
void add_node_column(Table& nodes, const char* name, std::span<TreeT> block, size_t n_nodes,
                     std::vector<T> Tree::*member) {
  std::vector<Out> values;
  values.reserve(n_nodes);
  for (TreeT& tree : block) {
    auto& v = tree.*member;
    values.insert(values.end(), v.begin(), v.end());
    if constexpr (!std::is_const_v<TreeT>) std::vector<T>().swap(v);
  }
  nodes.add(name, std::move(values));
}

template <class TreeT>
void add_node_rows(std::span<TreeT> block, Table& nodes) {
  size_t n = 0;
  for (const Tree& tree : block) n += tree.size();
  add_node_column<int32_t>(nodes, "feature", block, n, &Tree::feature);
  add_node_column<uint8_t>(nodes, "threshold", block, n, &Tree::threshold);
  add_node_column<int32_t>(nodes, "category_set", block, n, &Tree::category_set);
  add_node_column<int32_t>(nodes, "left", block, n, &Tree::left);
  add_node_column<int32_t>(nodes, "right", block, n, &Tree::right);
  add_node_column<int64_t>(nodes, "n_neg", block, n, &Tree::n_neg);
  add_node_column<int64_t>(nodes, "n_pos", block, n, &Tree::n_pos);
  add_node_column<double>(nodes, "score", block, n, &Tree::score);
  add_node_column<double>(nodes, "pctr", block, n, &Tree::pctr);
  add_node_column<double>(nodes, "gain", block, n, &Tree::gain);
}

// /features, /bin_edges and /categories (rows only when with_rows).
void add_feature_rows(const Forest& forest, const ModelExtras& extras, bool with_rows,
                      ModelTables& t) {
  auto& name = t.features.add("name", StringColumn{});
  auto& kind = t.features.add("kind", EnumColumn{kKindLabels, {}});
  auto& n_bins = t.features.add("n_bins", std::vector<int32_t>{});
  auto& imp = t.features.add("impurity_importance", std::vector<double>{});
  auto& perm = t.features.add("permutation_importance", std::vector<double>{});
  auto& perm_std = t.features.add("permutation_importance_std", std::vector<double>{});
  auto& edge_feature = t.edges.add("feature", std::vector<int32_t>{});
  auto& edge_bin = t.edges.add("bin", std::vector<int32_t>{});
  auto& edge = t.edges.add("edge", std::vector<double>{});
  auto& cat_feature = t.categories.add("feature", std::vector<int32_t>{});
  auto& cat_code = t.categories.add("code", std::vector<int32_t>{});
  auto& cat_label = t.categories.add("label", StringColumn{});
  if (!with_rows) return;
  const auto value_or_nan = [](const std::vector<double>& v, size_t i) {
    return i < v.size() ? v[i] : std::numeric_limits<double>::quiet_NaN();
  };
  for (size_t f = 0; f < forest.binnings.size(); ++f) {
    const FeatureBinning& b = forest.binnings[f];
    name.push_back(b.name);
    kind.codes.push_back(b.kind == FeatureKind::Numeric ? 0 : 1);
    n_bins.push_back(b.n_bins());
    imp.push_back(value_or_nan(extras.impurity_importance, f));
    perm.push_back(value_or_nan(extras.permutation_importance, f));
    perm_std.push_back(value_or_nan(extras.permutation_importance_std, f));
    for (size_t k = 0; k < b.edges.size(); ++k) {
      edge_feature.push_back(static_cast<int32_t>(f));
      edge_bin.push_back(static_cast<int32_t>(k));
      edge.push_back(b.edges[k]);
    }
    for (size_t k = 0; k < b.categories.size(); ++k) {
      cat_feature.push_back(static_cast<int32_t>(f));
      cat_code.push_back(static_cast<int32_t>(k));
      cat_label.push_back(b.categories[k]);
    }
  }
}

// The tables of a block of trees (consumed unless const) at `place`; the
// feature tables from rank 0.
template <class TreeT>
ModelTables make_tables(const Forest& forest, std::span<TreeT> block, const BlockPlace& place,
                        const ModelExtras& extras, const Comm& comm) {
  ModelTables t;
  add_tree_rows(block, place, t);
  add_node_rows(block, t.nodes);
  add_feature_rows(forest, extras, comm.is_root(), t);
  return t;
}

[[noreturn]] void bad_model(const h5::File& file, const std::string& why) {
  throw DataError(file.path() + " is not a valid adlake model: " + why);
}

Table read_whole(const h5::File& file, const std::string& path) {
  if (!h5::table_exists(file, path)) bad_model(file, "no table " + path);
  return h5::read_table(file, path, 0, h5::table_rows(file, path));
}

void read_binnings(const h5::File& file, Forest& forest) {
  const Table features = read_whole(file, "/features");
  const Table edges = read_whole(file, "/bin_edges");
  const Table categories = read_whole(file, "/categories");
  if (features.rows() == 0) bad_model(file, "/features has no rows: a model needs a feature");
  const auto& names = features.strings("name");
  const auto& kinds = features.enums("kind");
  for (size_t f = 0; f < features.rows(); ++f) {
    FeatureBinning b;
    b.name = std::string(names.at(f));
    b.kind = kinds.label(f) == "categorical" ? FeatureKind::Categorical : FeatureKind::Numeric;
    forest.binnings.push_back(std::move(b));
  }
  const auto& ef = edges.values<int32_t>("feature");
  const auto& ev = edges.values<double>("edge");
  for (size_t i = 0; i < edges.rows(); ++i) {
    if (ef[i] < 0 || static_cast<size_t>(ef[i]) >= forest.binnings.size()) {
      bad_model(file, "bin edge of unknown feature");
    }
    forest.binnings[ef[i]].edges.push_back(ev[i]);
  }
  const auto& cf = categories.values<int32_t>("feature");
  const auto& cl = categories.strings("label");
  for (size_t i = 0; i < categories.rows(); ++i) {
    if (cf[i] < 0 || static_cast<size_t>(cf[i]) >= forest.binnings.size()) {
      bad_model(file, "category of unknown feature");
    }
    forest.binnings[cf[i]].categories.emplace_back(cl.at(i));
  }
  const auto& n_bins = features.values<int32_t>("n_bins");
  for (size_t f = 0; f < forest.binnings.size(); ++f) {
    if (forest.binnings[f].n_bins() != n_bins[f] || n_bins[f] < 1 || n_bins[f] > 256) {
      bad_model(file, "feature " + forest.binnings[f].name + " has inconsistent bins");
    }
  }
}

// Checks what traversal relies on: children inside the tree and after their
// parent (so every path ends), split features and category sets that exist.
void check_tree(const h5::File& file, const Tree& t, size_t n_features, size_t index) {
  const auto n = static_cast<int32_t>(t.size());
  const auto n_sets = static_cast<int32_t>(t.sets.size());
  if (n == 0) bad_model(file, "tree " + std::to_string(index) + " has no nodes");
  for (int32_t i = 0; i < n; ++i) {
    if (t.feature[i] < 0) continue;
    const bool ok = t.feature[i] < static_cast<int32_t>(n_features) && t.left[i] > i &&
                    t.left[i] < n && t.right[i] > i && t.right[i] < n && t.category_set[i] < n_sets;
    if (!ok) bad_model(file, "tree " + std::to_string(index) + " node " + std::to_string(i));
  }
}

void read_trees(const h5::File& file, Forest& forest) {
  const Table trees = read_whole(file, "/trees");
  const Table nodes = read_whole(file, "/nodes");
  const Table sets = read_whole(file, "/category_sets");
  const auto& first_node = trees.values<int64_t>("first_node");
  const auto& n_nodes = trees.values<int32_t>("nodes");
  const auto& first_set = trees.values<int64_t>("first_set");
  const auto& n_sets = trees.values<int32_t>("sets");
  // A forest of no trees would score every row 0 without a word.
  if (trees.rows() == 0) bad_model(file, "/trees has no rows: a forest needs a tree");
  const std::vector<int64_t>* words[4];
  for (int w = 0; w < 4; ++w) words[w] = &sets.values<int64_t>("word" + std::to_string(w));
  for (size_t i = 0; i < trees.rows(); ++i) {
    const auto begin = static_cast<size_t>(first_node[i]), end = begin + n_nodes[i];
    const auto set_begin = static_cast<size_t>(first_set[i]), set_end = set_begin + n_sets[i];
    if (first_node[i] < 0 || n_nodes[i] < 0 || end > nodes.rows() || first_set[i] < 0 ||
        n_sets[i] < 0 || set_end > sets.rows()) {
      bad_model(file, "tree " + std::to_string(i) + " points outside the node tables");
    }
    Tree t;
    const auto slice = [&](const char* column, auto& out) {
      using V = typename std::decay_t<decltype(out)>::value_type;
      if constexpr (std::is_same_v<V, uint32_t>) {
        const auto& v = nodes.values<int64_t>(column);
        out.assign(v.begin() + begin, v.begin() + end);
      } else {
        const auto& v = nodes.values<V>(column);
        out.assign(v.begin() + begin, v.begin() + end);
      }
    };
    slice("feature", t.feature);
    slice("threshold", t.threshold);
    slice("category_set", t.category_set);
    slice("left", t.left);
    slice("right", t.right);
    slice("n_neg", t.n_neg);
    slice("n_pos", t.n_pos);
    slice("score", t.score);
    slice("pctr", t.pctr);
    slice("gain", t.gain);
    for (size_t s = set_begin; s < set_end; ++s) {
      CategorySet cs;
      for (int w = 0; w < 4; ++w) cs[w] = std::bit_cast<uint64_t>((*words[w])[s]);
      t.sets.push_back(cs);
    }
    check_tree(file, t, forest.binnings.size(), i);
    forest.trees.push_back(std::move(t));
  }
}

// Writes model.h5's tables t and attributes: `forest` for everything but
// the trees.
void write_tables(h5::File& file, const Forest& forest, const ModelTables& t,
                  const ModelExtras& extras, const Comm& comm) {
  std::string params = to_json(forest.params).dump(), metrics = extras.metrics.dump();
  broadcast(comm, params);
  broadcast(comm, metrics);
  h5::TableMeta meta;
  meta.stage = "train";
  meta.sources = extras.sources;
  meta.params = nlohmann::json::parse(params);
  const auto write = [&](const char* path, const Table& table, const char* description) {
    meta.description = description;
    h5::write_table(file, path, table, meta, comm);
  };
  write("/trees", t.trees, "one row per tree: where its nodes and category sets start");
  write("/nodes", t.nodes,
        "the nodes of every tree; a leaf has feature -1; a numeric split sends bin <= threshold "
        "left, a categorical one (category_set >= 0) the categories in its set");
  write("/category_sets", t.sets, "256-bit sets of category codes, bit c of word c/64");
  write("/features", t.features, "the model's features, in the order of the nodes' feature index");
  write("/bin_edges", t.edges, "numeric features: bin b holds the values in (edge[b-1], edge[b]]");
  write("/categories", t.categories, "categorical features: the label of each category code");
  h5::write_attribute(file.id(), "model", std::string("adlake random forest"));
  h5::write_attribute(file.id(), "params", params);
  h5::write_attribute(file.id(), "metrics", metrics);
  // JSON numbers round-trip doubles exactly (nlohmann writes the shortest exact form).
  std::string weights =
      nlohmann::json{{"neg", forest.weights.neg}, {"pos", forest.weights.pos}}.dump();
  broadcast(comm, weights);
  h5::write_attribute(file.id(), "class_weights", weights);
  std::string calibration = nlohmann::json{
      {"method", "platt on out-of-bag pctr"},
      {"a", forest.calibration.a},
      {"b", forest.calibration.b},
      {"rows",
       forest.calibration.rows}}.dump();
  broadcast(comm, calibration);
  h5::write_attribute(file.id(), "calibration", calibration);
}

}  // namespace

void write_model(h5::File& file, const Forest& forest, const ModelExtras& extras,
                 const Comm& comm) {
  // Rank r of p writes trees [r n / p, (r + 1) n / p).
  const size_t n = forest.trees.size();
  const auto p = static_cast<size_t>(comm.size()), r = static_cast<size_t>(comm.rank());
  const size_t begin = r * n / p, end = (r + 1) * n / p;
  BlockPlace place{begin, 0, 0};
  for (size_t i = 0; i < begin; ++i) {
    place.nodes_before += static_cast<int64_t>(forest.trees[i].size());
    place.sets_before += static_cast<int64_t>(forest.trees[i].sets.size());
  }
  const std::span<const Tree> block = std::span(forest.trees).subspan(begin, end - begin);
  write_tables(file, forest, make_tables(forest, block, place, extras, comm), extras, comm);
}

void write_model_block(h5::File& file, Forest&& block, const ModelExtras& extras,
                       const Comm& comm) {
  int64_t nodes = 0, sets = 0;
  for (const Tree& tree : block.trees) {
    nodes += static_cast<int64_t>(tree.size());
    sets += static_cast<int64_t>(tree.sets.size());
  }
  const BlockPlace place{exclusive_scan_sum(comm, static_cast<uint64_t>(block.trees.size())),
                         exclusive_scan_sum(comm, nodes), exclusive_scan_sum(comm, sets)};
  const ModelTables t = make_tables(block, std::span<Tree>(block.trees), place, extras, comm);
  block.trees.clear();
  write_tables(file, block, t, extras, comm);
}

Forest read_model(const h5::File& file) {
  if (!h5::has_attribute(file.id(), "params")) bad_model(file, "no params attribute");
  Forest forest;
  try {
    forest.params =
        params_from_json(nlohmann::json::parse(h5::read_string_attribute(file.id(), "params")));
  } catch (const std::exception& e) {
    bad_model(file, e.what());
  }
  try {
    const auto w = nlohmann::json::parse(h5::read_string_attribute(file.id(), "class_weights"));
    forest.weights = {w.at("neg").get<double>(), w.at("pos").get<double>()};
  } catch (const std::exception& e) {
    bad_model(file, std::string("class weights: ") + e.what());
  }
  try {
    const auto c = nlohmann::json::parse(h5::read_string_attribute(file.id(), "calibration"));
    forest.calibration = {c.at("a").get<double>(), c.at("b").get<double>(),
                          c.at("rows").get<int64_t>()};
  } catch (const std::exception& e) {
    bad_model(file, std::string("calibration: ") + e.what());
  }
  read_binnings(file, forest);
  read_trees(file, forest);
  return forest;
}

}  // namespace adlake::forest
