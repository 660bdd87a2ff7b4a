#include "adlake/forest/tree.hpp"

namespace adlake::forest {

int32_t Tree::add_node() {
  feature.push_back(-1);
  threshold.push_back(0);
  category_set.push_back(-1);
  left.push_back(-1);
  right.push_back(-1);
  n_neg.push_back(0);
  n_pos.push_back(0);
  score.push_back(0);
  pctr.push_back(0);
  gain.push_back(0);
  return static_cast<int32_t>(feature.size() - 1);
}

}  // namespace adlake::forest
