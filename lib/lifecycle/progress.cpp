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
  last_line_ = start_;
}

Progress::~Progress() { StopSpinner(); }

void Progress::StopSpinner() {
  if (!spinner_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  spinner_.join();
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
  stop_ = false;
}

void Progress::StartSpinner(std::chrono::milliseconds every) {
  if (spinner_.joinable() || verbosity_ == Verbosity::kQuiet) return;
  spinner_ = std::thread([this, every] {
    static constexpr const char* kFrames[] = {"|", "/", "-", "\\"};
    std::unique_lock<std::mutex> lock(mu_);
    for (unsigned frame = 0; !wake_.wait_for(lock, every, [this] { return stop_; }); ++frame) {
      out_ << fmt::format("\r{} {:.0f}s\x1b[K", kFrames[frame % 4], now_() - last_line_)
           << std::flush;
      drawn_ = true;
    }
  });
}

void Progress::Write(std::string_view line) {
  std::lock_guard<std::mutex> lock(mu_);
  const double now = now_();
  if (drawn_) out_ << "\r\x1b[K";  // the spinner's line becomes this one
  drawn_ = false;
  out_ << fmt::format("[{:5.1f}s] {}\n", now - start_, line);
  out_.flush();
  last_line_ = now;
}

void Progress::Step(std::string_view line) {
  if (verbosity_ != Verbosity::kQuiet) Write(line);
}

void Progress::Detail(std::string_view line) {
  if (verbosity_ == Verbosity::kVerbose) Write(line);
}

void Progress::Note(std::string_view line) { Write(line); }

}  // namespace tfsk::lifecycle
