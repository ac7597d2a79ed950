#include "lib/process/observed_process_runner.h"

namespace tfsk {

StatusOr<ProcessResult> ObservedProcessRunner::Run(const Argv& argv, std::string_view stdin_text,
                                                   const RunOptions& options) {
  if (observer_.before) observer_.before(argv, false);
  const auto start = std::chrono::steady_clock::now();
  StatusOr<ProcessResult> result = [&]() -> StatusOr<ProcessResult> {
    if (observer_.replace) {
      if (auto canned = observer_.replace(argv)) return *canned;
    }
    return inner_.Run(argv, stdin_text, options);
  }();
  if (observer_.after) {
    observer_.after(argv, result,
                    std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start));
  }
  return result;
}

StatusOr<std::unique_ptr<ChildProcess>> ObservedProcessRunner::Start(const Argv& argv,
                                                                     const RunOptions& options) {
  if (observer_.before) observer_.before(argv, true);
  return inner_.Start(argv, options);
}

}  // namespace tfsk
