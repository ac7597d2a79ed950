#pragma once
// Step lines for the lifecycle commands: one line per step with the time since the command
// started ("[ 12.3s] metrics-server: enabled"), quiet/verbose levels, and warnings that always
// show. On a terminal (and only there: it would garble logs and pipes) a spinner line under the
// last step shows that a long step (a first minikube start, a rollout) is still alive.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

namespace tfsk::lifecycle {

enum class Verbosity { kQuiet, kNormal, kVerbose };

/// Writes progress lines to one stream. One command's thread calls it; the spinner, when on,
/// draws from a thread of its own under the same lock.
class Progress {
 public:
  /// `now` returns seconds since an arbitrary origin; the default is the steady clock. Tests pass
  /// a fixed clock so the lines are stable.
  Progress(std::ostream& out, Verbosity verbosity = Verbosity::kNormal,
           std::function<double()> now = {});
  /// Stops the spinner (clearing its line).
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Shows a spinner with the seconds since the last line, redrawn every `every`, until the
  /// next line replaces it. For terminals only: the caller decides (isatty). Not when quiet.
  void StartSpinner(std::chrono::milliseconds every = std::chrono::milliseconds(120));
  /// Stops and clears the spinner (idempotent): call before writing to the terminal other than
  /// through this object (results, error messages).
  void StopSpinner();

  /// A step's outcome: shown unless quiet.
  void Step(std::string_view line);
  /// A detail (each command, each poll): shown only when verbose.
  void Detail(std::string_view line);
  /// Something the user must read (a diagnosis line, a note): always shown, even when quiet.
  void Note(std::string_view line);

  Verbosity verbosity() const { return verbosity_; }
  /// Seconds since this Progress was made (the command's start).
  double Elapsed() const { return now_() - start_; }

 private:
  void Write(std::string_view line);

  std::ostream& out_;
  Verbosity verbosity_;
  std::function<double()> now_;
  double start_;
  double last_line_ = 0;  ///< when the last line was written (seconds, now_'s clock)

  std::mutex mu_;  ///< guards out_ and the fields below between the caller and the spinner
  std::condition_variable wake_;
  bool stop_ = false;
  bool drawn_ = false;  ///< a spinner frame is on the screen and must be cleared first
  std::thread spinner_;
};

}  // namespace tfsk::lifecycle
