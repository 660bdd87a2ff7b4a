// Linked into every executable of the sanitizer build only (ADLAKE_SANITIZE). Open MPI loads its
// components (mca_*.so) with dlopen and unloads them with dlclose in MPI_Finalize; LeakSanitizer
// then reports their process-lifetime allocations with "<unknown module>" frames that no
// suppression in lsan.supp can match. Making dlclose a no-op keeps every
// module mapped until exit, so those leaks are attributed to their library and
// suppressed, while a leak in adlake's own code still fails the test. The
// executable's definition takes precedence over libc's for every library
// (exported with --export-dynamic-symbol, see CMakeLists.txt).
extern "C" int dlclose(void* /*handle*/) {
  return 0;
}
