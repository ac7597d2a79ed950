#pragma once
// Step lines for the lifecycle commands: one line per step with the time since the command
// started ("[ 12.3s] metrics-server: enabled"), quiet/verbose levels, and warnings that always
// show. Plain lines only: a spinner would garble logs and pipes, and step lines already say
// what is going on.

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace tfsk::lifecycle {

enum class Verbosity { kQuiet, kNormal, kVerbose };

/// Writes progress lines to one stream. Not thread-safe (one command at a time).
class Progress {
 public:
  /// `now` returns seconds since an arbitrary origin; the default is the steady clock. Tests pass
  /// a fixed clock so the lines are stable.
  Progress(std::ostream& out, Verbosity verbosity = Verbosity::kNormal,
           std::function<double()> now = {});

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
};

}  // namespace tfsk::lifecycle
