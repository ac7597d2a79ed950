// The plain parts of load.h (names and sums), kept out of the Beast translation unit.
#include "lib/stress/load.h"

namespace tfsk::stress {

const char* ErrorKindName(ErrorKind k) {
  switch (k) {
    case ErrorKind::kConnect: return "connect";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kReset: return "reset";
    case ErrorKind::kInvalid: return "invalid_answer";
  }
  return "?";
}

std::uint64_t Counts::errors() const {
  std::uint64_t n = 0;
  for (auto e : errors_by_kind) n += e;
  for (const auto& [code, count] : by_status) {
    if (code < 200 || code >= 300) n += count;
  }
  return n;
}

}  // namespace tfsk::stress
