#include "adlake/h5/fixed_strings.hpp"

#include <algorithm>
#include <cstring>

namespace adlake::h5 {

std::size_t slab_rows(std::size_t width) {
  return std::max<std::size_t>(1, kStringSlabBytes / std::max<std::size_t>(width, 1));
}

void pack_fixed_strings(const StringColumn& values, std::size_t begin, std::size_t count,
                        std::size_t width, char* out) {
  // Only the padding is cleared, not the whole buffer first: the slab is
  // written once per byte.
  for (std::size_t i = begin; i < begin + count; ++i, out += width) {
    const std::string_view v = values.at(i).substr(0, width);
    // An empty value may have a null data(): memcpy must not see it (UB).
    if (!v.empty()) std::memcpy(out, v.data(), v.size());
    std::memset(out + v.size(), 0, width - v.size());
  }
}

char* SlabBuffer::get(std::size_t bytes) {
  if (bytes > size_) {
    data_.reset();  // the old one first: never both at once
    data_.reset(new char[bytes]);
    size_ = bytes;
  }
  return data_.get();
}

}  // namespace adlake::h5
