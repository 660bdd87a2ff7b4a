#pragma once
// What the report reads from a lake, one process, serial HDF5.
// Every layer is optional: a figure whose input is missing says what to run
// instead of failing the report (Unavailable), while a layer that exists but
// cannot be read is an error (IoError, DataError).
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/table_io.hpp"

namespace adlake::report {

// A figure cannot be drawn from this lake; the message says why, for a person.
class Unavailable : public Error {
 public:
  using Error::Error;
};

class Lake {
 public:
  explicit Lake(std::string dir);
  Lake(const Lake&) = delete;
  Lake& operator=(const Lake&) = delete;
  ~Lake();

  const std::string& dir() const { return dir_; }
  // LAKE/<name>, opened once; nullptr when the file does not exist.
  const h5::File* layer(const std::string& name);
  // As layer(), but throws Unavailable ("gold.h5 is missing: run adlake gold").
  const h5::File& require(const std::string& name);
  // The whole table, or the named columns; Unavailable when the layer, the
  // table or a column is missing.
  Table table(const std::string& layer_name, const std::string& path,
              const std::vector<std::string>& columns = {});
  h5::TableMeta meta(const std::string& layer_name, const std::string& path);
  // LAKE/metrics.json; Unavailable when missing, DataError when it is not JSON.
  const nlohmann::json& metrics();

 private:
  std::string dir_;
  std::map<std::string, std::unique_ptr<h5::File>> files_;  // null: absent
  std::optional<nlohmann::json> metrics_;
};

// The job that writes a layer file ("gold.h5" -> "gold", "model.h5" -> "train").
std::string stage_of_layer(const std::string& layer_name);

// A column's values whatever its stored type: numbers as double (enum codes,
// strings parsed when they are numbers, else NaN), and as text (enum labels,
// strings, integers without a fraction).
std::vector<double> as_numbers(const Column& column);
std::vector<std::string> as_texts(const Column& column);

// The value at `key` in a JSON object, trying each name in turn; nullptr when none.
const nlohmann::json* find_key(const nlohmann::json& object,
                               std::initializer_list<const char*> names);
// A number at one of `names`, NaN when absent or not a number.
double number_at(const nlohmann::json& object, std::initializer_list<const char*> names);

}  // namespace adlake::report
