#include "adlake/gen/file_style.hpp"

#include <algorithm>
#include <numeric>

namespace adlake::gen {

FileStyle file_style(const GenParams& params, Entity entity, uint64_t part) {
  FileStyle s;
  s.columns = static_cast<int>(entity_columns(entity).size());
  std::iota(s.order.begin(), s.order.begin() + s.columns, 0);
  if (params.noise <= 0.0) return s;

  const auto e = static_cast<uint64_t>(entity);
  Rng rng(params.seed, Stream::FileStyle, e << 40 | part);
  const double q = std::min(0.5, 10.0 * params.noise);
  bool quirk[6];
  for (bool& b : quirk) b = rng.chance(q);
  if (part == 0) quirk[e] = true;

  s.bom = quirk[0];
  s.crlf = quirk[1];
  s.final_newline = !quirk[2];
  if (quirk[3]) {
    for (int i = s.columns - 1; i > 0; --i)
      std::swap(s.order[i], s.order[rng.below(static_cast<uint64_t>(i) + 1)]);
    if (std::is_sorted(s.order.begin(), s.order.begin() + s.columns))
      std::rotate(s.order.begin(), s.order.begin() + 1, s.order.begin() + s.columns);
  }
  if (quirk[4])
    s.extra_position = static_cast<int>(rng.below(static_cast<uint64_t>(s.columns) + 1));
  s.odd_header = quirk[5];
  return s;
}

}  // namespace adlake::gen
