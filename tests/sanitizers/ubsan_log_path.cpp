// Linked into every executable of the sanitizer build only (ADLAKE_SANITIZE). GCC links
// AddressSanitizer and UndefinedBehaviorSanitizer as two runtimes (libasan, libubsan); with both,
// UBSan's reports ignore log_path in UBSAN_OPTIONS and ASAN_OPTIONS and always go to stderr, where
// a script test that sends adlake's output to a file never sees them. When ADLAKE_UBSAN_LOG_PATH is
// set (tests/sanitizers/run_script.sh sets it), this points libubsan's own report path there,
// before main.
#include <dlfcn.h>

#include <cstdlib>

namespace {

struct UbsanLogPath {
  UbsanLogPath() {
    const char* path = std::getenv("ADLAKE_UBSAN_LOG_PATH");
    if (path == nullptr || *path == '\0') return;
    void* ubsan = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD);
    if (ubsan == nullptr) return;
    using SetReportPath = void (*)(const char*);
    if (auto set = reinterpret_cast<SetReportPath>(dlsym(ubsan, "__sanitizer_set_report_path"))) {
      set(path);
    }
  }
};

const UbsanLogPath ubsan_log_path;

}  // namespace
