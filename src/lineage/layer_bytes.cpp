#include "adlake/lineage/layer_bytes.hpp"

#include <spdlog/fmt/fmt.h>

#include <filesystem>
#include <map>

#include "adlake/lineage/catalog.hpp"
#include "adlake/lineage/fingerprint.hpp"

namespace adlake::lineage {
namespace fs = std::filesystem;

namespace {

// The CSV bytes of bronze's recipe: {"raw": {path: [bytes, mtime_ns]}}.
std::optional<int64_t> raw_csv_bytes(const nlohmann::json& recipe) {
  const auto raw = recipe.find("raw");
  if (raw == recipe.end() || !raw->is_object()) return std::nullopt;
  int64_t sum = 0;
  for (const auto& identity : *raw) {
    if (!identity.is_array() || identity.empty() || !identity[0].is_number_integer()) {
      return std::nullopt;
    }
    sum += identity[0].get<int64_t>();
  }
  return sum;
}

}  // namespace

LakeBytes lake_bytes(const std::string& lake) {
  LakeBytes out;
  std::map<std::string, std::string> hash_of;  // layer -> its fingerprint
  std::map<std::string, size_t> index_of;      // layer -> its entry in out.layers
  bool every_layer_known = true;
  for (const auto& name : pipeline_layers()) {
    const fs::path path = fs::path(lake) / name;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) continue;  // not in the lake (yet)
    LayerBytes layer;
    layer.name = name;
    layer.bytes = static_cast<int64_t>(size);
    if (const auto fp = read_fingerprint(path.string())) {
      hash_of[name] = fp->hash;
      layer.csv_bytes = raw_csv_bytes(fp->recipe);
      const auto layers = fp->recipe.find("layers");
      if (layers != fp->recipe.end() && layers->is_object()) {
        for (const auto& [upstream, identity] : layers->items()) {
          layer.upstream = upstream;
          const auto known = index_of.find(upstream);
          // Only when the upstream file is still the one this layer read.
          if (known == index_of.end() || !identity.is_string() ||
              hash_of[upstream] != identity.get<std::string>()) {
            continue;
          }
          const LayerBytes& from = out.layers[known->second];
          layer.upstream_bytes = from.bytes;
          layer.csv_bytes = from.csv_bytes;
        }
      }
    }
    every_layer_known = every_layer_known && layer.csv_bytes &&
                        (out.layers.empty() || layer.csv_bytes == out.layers.front().csv_bytes);
    out.bytes += layer.bytes;
    index_of[name] = out.layers.size();
    out.layers.push_back(std::move(layer));
  }
  if (every_layer_known && !out.layers.empty()) out.csv_bytes = out.layers.front().csv_bytes;
  return out;
}

std::string format_bytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1e9) return fmt::format("{:.2f} GB", b / 1e9);
  if (b >= 1e6) return fmt::format("{:.1f} MB", b / 1e6);
  if (b >= 1e3) return fmt::format("{:.1f} kB", b / 1e3);
  return fmt::format("{} B", bytes);
}

}  // namespace adlake::lineage
