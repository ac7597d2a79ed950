#include "lib/cluster/held_url.h"

#include "lib/cluster/reasons.h"

namespace tfsk::cluster {

StatusOr<ServiceTunnel> HoldUntilUrl(ProcessRunner& runner, const Argv& argv,
                                     const RunOptions& options, std::chrono::seconds timeout,
                                     const UrlInLine& url_in_line) {
  using Clock = std::chrono::steady_clock;
  auto started = runner.Start(argv, options);
  if (!started.ok()) return WithInstallHint(started.status(), argv.empty() ? "" : argv[0]);
  std::unique_ptr<ChildProcess> child = std::move(started).value();

  const auto deadline = Clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() < 0) left = std::chrono::milliseconds(0);
    auto line = child->ReadLine(left);
    if (line.ok()) {
      if (auto url = url_in_line(*line)) return ServiceTunnel(*url, std::move(child));
      continue;  // not a URL (a table row, a note): keep reading
    }
    if (line.status().code() == Code::kDeadlineExceeded) {
      std::string err = child->StderrText();
      child->Stop();
      return DeadlineExceeded("`" + FormatArgv(argv) + "` printed no URL within " +
                              std::to_string(timeout.count()) + " s" +
                              (err.empty() ? "" : "; stderr:\n" + TailLines(err, 8, "    ")));
    }
    // stdout closed without a URL: the command failed (or printed nothing useful).
    auto code = child->Wait(std::chrono::seconds(10));
    int exit_code = code.ok() ? *code : child->Stop();
    ProcessResult result{exit_code, "", child->StderrText()};
    if (exit_code != 0) return CommandFailure(argv, result);
    return Internal("`" + FormatArgv(argv) + "` exited without printing a URL");
  }
}

}  // namespace tfsk::cluster
