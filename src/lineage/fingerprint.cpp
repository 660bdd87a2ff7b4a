#include "adlake/lineage/fingerprint.hpp"

#include <spdlog/fmt/fmt.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>

#include "adlake/core/atomic_file.hpp"
#include "adlake/core/error.hpp"
#include "adlake/csv/input_files.hpp"
#include "adlake/csv/schema.hpp"
#include "adlake/h5/attributes.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::lineage {
namespace fs = std::filesystem;

namespace {

constexpr const char* kHashAttribute = "fingerprint";
constexpr const char* kRecipeAttribute = "fingerprint_recipe";

// FNV-1a, 64 bits: the fingerprint detects change, it is no security
// boundary, and the recipe it hashes is stored next to it.
std::string fnv1a_hex(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

// [bytes, modification time in ns]: what tells a rewritten file from the old one.
nlohmann::json file_identity(const fs::path& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw IoError("cannot stat " + path.string());
  const std::int64_t mtime_ns =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return nlohmann::json::array({static_cast<std::int64_t>(st.st_size), mtime_ns});
}

nlohmann::json raw_identity(const std::string& raw_dir) {
  nlohmann::json raw = nlohmann::json::object();
  for (const auto& entity : csv::bronze_entities()) {
    for (const auto& file : csv::list_entity_files(raw_dir, std::string(entity.name))) {
      raw[file.path] = file_identity(fs::path(raw_dir) / file.path);
    }
  }
  return raw;
}

// Every regular file under `path` (or `path` itself), keyed by its name
// relative to the parent of `path`; null when `path` does not exist, so that
// its later appearance makes the layer stale.
void add_files(const fs::path& path, nlohmann::json& out) {
  const std::string base = path.filename().string();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    out[base] = nullptr;
    return;
  }
  if (!fs::is_directory(path, ec)) {
    out[base] = file_identity(path);
    return;
  }
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = (fs::path(base) / fs::relative(entry.path(), path)).generic_string();
    out[rel] = file_identity(entry.path());
  }
}

// An upstream layer's fingerprint, or its size and time when it has none
// (made by an older adlake or by hand).
nlohmann::json layer_identity(const std::string& layer_path) {
  if (!fs::exists(layer_path)) {
    throw DataError("input layer " + layer_path + " does not exist: run the stage that makes it");
  }
  if (auto fp = read_fingerprint(layer_path)) return fp->hash;
  return file_identity(layer_path);
}

nlohmann::json recipe_params(const nlohmann::json& params) {
  nlohmann::json out = params.is_object() ? params : nlohmann::json::object();
  for (const char* where : {"input", "lake", "out"}) out.erase(where);
  return out;
}

std::string short_value(const nlohmann::json& value) {
  if (value.is_null()) return "(none)";
  std::string text = value.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

// "a 1 -> 2, b (none) -> 3" over the keys of two objects.
std::vector<std::string> changed_keys(const nlohmann::json& old_obj,
                                      const nlohmann::json& new_obj) {
  std::set<std::string> keys;
  for (const auto& [k, v] : old_obj.items()) keys.insert(k);
  for (const auto& [k, v] : new_obj.items()) keys.insert(k);
  std::vector<std::string> out;
  for (const auto& k : keys) {
    const auto a = old_obj.contains(k) ? old_obj[k] : nlohmann::json();
    const auto b = new_obj.contains(k) ? new_obj[k] : nlohmann::json();
    if (a != b) out.push_back(k);
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

}  // namespace

Fingerprint compute_fingerprint(const FingerprintSpec& spec) {
  nlohmann::json recipe = {{"stage", spec.stage},
                           {"adlake_version", ADLAKE_VERSION},
                           {"params", recipe_params(spec.params)}};
  if (!spec.layers.empty()) {
    nlohmann::json layers = nlohmann::json::object();
    for (const auto& layer : spec.layers) {
      layers[fs::path(layer).filename().string()] = layer_identity(layer);
    }
    recipe["layers"] = std::move(layers);
  }
  if (!spec.raw_dir.empty()) recipe["raw"] = raw_identity(spec.raw_dir);
  if (!spec.files.empty()) {
    nlohmann::json files = nlohmann::json::object();
    for (const auto& f : spec.files) add_files(f, files);
    recipe["files"] = std::move(files);
  }
  return {fnv1a_hex(recipe.dump()), std::move(recipe)};
}

Fingerprint agree_fingerprint(const FingerprintSpec& spec, const Comm& comm) {
  return agree_fingerprint([&] { return spec; }, comm);
}

Fingerprint agree_fingerprint(const std::function<FingerprintSpec()>& make_spec, const Comm& comm) {
  std::string text;
  collective_try(comm, [&] {
    if (comm.is_root()) text = compute_fingerprint(make_spec()).recipe.dump();
  });
  broadcast(comm, text);
  auto recipe = nlohmann::json::parse(text);
  return {fnv1a_hex(text), std::move(recipe)};
}

void write_fingerprint(h5::File& file, const Comm& comm, const Fingerprint& fingerprint) {
  collective_try(comm, [&] {
    h5::write_attribute(file.id(), kHashAttribute, fingerprint.hash);
    h5::write_attribute(file.id(), kRecipeAttribute, fingerprint.recipe.dump());
  });
}

std::string sidecar_path(const std::string& output_path) {
  const fs::path path(output_path);
  return (path.parent_path() / ("." + path.filename().string() + ".fingerprint")).string();
}

void write_fingerprint_file(const std::string& output_path, const Fingerprint& fingerprint) {
  write_file_atomically(
      sidecar_path(output_path),
      nlohmann::json{{"fingerprint", fingerprint.hash}, {"recipe", fingerprint.recipe}}.dump() +
          "\n");
}

// Like every read of a lake's file, never through a symbolic link: a link in
// place of the layer or of its sidecar is an error naming it (the .h5 layers:
// h5::File::open_read).
std::optional<Fingerprint> read_fingerprint(const std::string& layer_path) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(layer_path, ec))) return std::nullopt;
  if (fs::path(layer_path).extension() != ".h5") {
    refuse_symlink(layer_path);
    const std::string sidecar = sidecar_path(layer_path);
    if (!fs::exists(fs::symlink_status(sidecar, ec))) return std::nullopt;
    const auto doc = nlohmann::json::parse(read_lake_file(sidecar), nullptr, false);
    if (!doc.is_object() || !doc.contains("fingerprint")) return std::nullopt;
    return Fingerprint{doc["fingerprint"].get<std::string>(),
                       doc.value("recipe", nlohmann::json::object())};
  }
  const h5::File file = h5::File::open_read(layer_path);
  const auto hash = h5::read_string_attribute_if(file.id(), kHashAttribute);
  if (!hash) return std::nullopt;
  const auto recipe = h5::read_string_attribute_if(file.id(), kRecipeAttribute);
  return Fingerprint{*hash, recipe ? nlohmann::json::parse(*recipe) : nlohmann::json::object()};
}

std::string explain_change(const Fingerprint& old_fp, const Fingerprint& new_fp) {
  const auto& a = old_fp.recipe;
  const auto& b = new_fp.recipe;
  std::vector<std::string> reasons;
  if (a.value("adlake_version", "") != b.value("adlake_version", "")) {
    reasons.push_back(fmt::format("adlake version {} -> {}", a.value("adlake_version", "?"),
                                  b.value("adlake_version", "?")));
  }
  const auto section = [](const nlohmann::json& r, const char* key) {
    return r.contains(key) ? r[key] : nlohmann::json::object();
  };
  // Nested options (train's "forest") are compared leaf by leaf: "forest.n_estimators 10 -> 12".
  const nlohmann::json old_params = section(a, "params").flatten();
  const nlohmann::json new_params = section(b, "params").flatten();
  std::vector<std::string> options;
  for (const auto& k : changed_keys(old_params, new_params)) {
    if (k.empty()) continue;  // an empty object flattens to {"": null}
    std::string name = k.substr(1);
    std::replace(name.begin(), name.end(), '/', '.');
    options.push_back(fmt::format("{} {} -> {}", name,
                                  short_value(old_params.value(k, nlohmann::json())),
                                  short_value(new_params.value(k, nlohmann::json()))));
  }
  if (!options.empty()) reasons.push_back("options changed: " + join(options, ", "));
  const auto layers = changed_keys(section(a, "layers"), section(b, "layers"));
  if (!layers.empty()) reasons.push_back("input changed: " + join(layers, ", "));
  for (const auto& [kind, label] : {std::pair{"raw", "raw"}, std::pair{"files", "input"}}) {
    const auto files = changed_keys(section(a, kind), section(b, kind));
    if (files.empty()) continue;
    std::vector<std::string> shown(files.begin(),
                                   files.begin() + std::min<size_t>(files.size(), 3));
    reasons.push_back(fmt::format("{} {} file(s) changed, added or removed: {}{}", files.size(),
                                  label, join(shown, ", "), files.size() > 3 ? ", ..." : ""));
  }
  if (reasons.empty()) {
    return old_fp.hash == new_fp.hash ? "nothing changed" : "fingerprint recipe changed";
  }
  return join(reasons, "; ");
}

}  // namespace adlake::lineage
