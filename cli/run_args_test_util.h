#pragma once
// Runs the tfsk command line in-process and captures what it prints (for cli/*_test.cpp).

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace tfsk::cli::testing {

struct Result {
  int code;
  std::string out;
  std::string err;
};

/// `tfsk <args...>` through cli::Run, with stdout and stderr captured.
inline Result RunArgs(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int code = Run(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace tfsk::cli::testing
