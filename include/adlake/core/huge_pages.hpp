#pragma once
// Asks the kernel to back a large buffer with transparent huge pages (Linux
// THP in `madvise` mode, Debian's default): filling fresh memory 4 KiB at a
// time costs a page fault per page, and on a virtual machine those faults
// were the largest part of bronze's CPU time (docs/decisions.md).
#include <cstddef>

namespace adlake {

// For the 2 MiB-aligned part of [data, data + bytes); nothing below 4 MiB or
// where the advice is not supported. A hint: never fails.
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

}  // namespace adlake
