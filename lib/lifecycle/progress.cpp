#include "lib/lifecycle/progress.h"

#include <fmt/format.h>

namespace tfsk::lifecycle {

Progress::Progress(std::ostream& out, Verbosity verbosity, std::function<double()> now)
    : out_(out), verbosity_(verbosity), now_(std::move(now)) {
  if (!now_) {
    now_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
  start_ = now_();
}

void Progress::Write(std::string_view line) {
  out_ << fmt::format("[{:5.1f}s] {}\n", now_() - start_, line);
  out_.flush();
}

void Progress::Step(std::string_view line) {
  if (verbosity_ != Verbosity::kQuiet) Write(line);
}

void Progress::Detail(std::string_view line) {
  if (verbosity_ == Verbosity::kVerbose) Write(line);
}

void Progress::Note(std::string_view line) { Write(line); }

}  // namespace tfsk::lifecycle
