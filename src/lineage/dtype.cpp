#include "adlake/lineage/dtype.hpp"

#include <spdlog/fmt/fmt.h>

namespace adlake::lineage {

std::string describe_type(hid_t type) {
  const size_t size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return fmt::format("{}int{}", H5Tget_sign(type) == H5T_SGN_NONE ? "u" : "", size * 8);
    case H5T_FLOAT:
      return fmt::format("float{}", size * 8);
    case H5T_STRING:
      return H5Tis_variable_str(type) > 0 ? std::string("str") : fmt::format("S{}", size);
    case H5T_ENUM: {
      std::string out = "enum{";
      const int members = H5Tget_nmembers(type);
      for (int m = 0; m < members; ++m) {
        char* name = H5Tget_member_name(type, static_cast<unsigned>(m));
        if (m) out += ',';
        out += name ? name : "?";
        H5free_memory(name);
      }
      return out + "}";
    }
    default:
      return fmt::format("other({} bytes)", size);
  }
}

}  // namespace adlake::lineage
