#pragma once
// Text from a file made safe to log, on its own so that code built without
// the logger (the fuzz targets of src/csv) can use it.
#include <cstddef>
#include <string>
#include <string_view>

namespace adlake {

// `text` for a log line or a message: printable ASCII as is, any other byte
// as \xNN (control bytes from a file must not reach a terminal), at most
// `limit` bytes of it followed by "..." when longer.
std::string log_safe(std::string_view text, std::size_t limit = 200);

}  // namespace adlake
