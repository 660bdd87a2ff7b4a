#pragma once

namespace adlake {

// Restarts this process once, before MPI starts, with glibc's malloc asked to
// back its heap and its large blocks with transparent huge pages
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1). The stages allocate and fill
// hundreds of MB of fresh buffers; with 4 KiB pages a quarter of the job's CPU
// went to page faults and their zeroing (docs/decisions.md, "Huge pages for
// malloc"). Tunables are read only when a program starts, hence the restart.
// Does nothing when the user's GLIBC_TUNABLES already says what hugetlb
// should be, when the kernel has huge pages off, or when the restart fails
// (the job then runs as before).
void restart_with_huge_page_malloc(char** argv) noexcept;

}  // namespace adlake
