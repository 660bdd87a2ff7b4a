#include "adlake/silver/sourced.hpp"

namespace adlake::silver {

RejectCause reject_cause(clean::RejectReason reason) {
  // By label, so the two enums can never drift apart silently.
  const auto cause = clean::from_label<RejectCause>(clean::label(reason));
  return *cause;  // every value reason is a RejectCause label (ops_sourced_test)
}

}  // namespace adlake::silver
