#pragma once
// A scripted ProcessRunner for unit tests: the test lists the commands it expects, in order,
// with exact argv and canned output (captured formats under tests/testdata/cluster/). Any other
// call fails the current doctest case with "expected `…`, got `…`; registered: …".
//
//   FakeProcessRunner fake;
//   fake.Expect({"minikube", "-p", "tfsk", "status", "-o", "json"})
//       .Stdout(ReadTestData("cluster/minikube/status_running.json"));
//   Minikube mk(fake, "tfsk");
//   ... mk.Status() ...
//   fake.VerifyAllConsumed();

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lib/process/process_runner.h"

namespace tfsk::testing {

/// tests/testdata/<relative> as a string (fails the test if it cannot be read). The files keep
/// the tools' exact bytes, trailing newline or not.
std::string ReadTestData(const std::string& relative);

/// What a Start()ed fake child did, shared between the fake and the test.
struct FakeChildState {
  bool stopped = false;    ///< Stop() was called (or the handle destroyed while running)
  int stop_count = 0;
};

/// One expected call and its canned answer. Setters return *this for chaining.
class Expectation {
 public:
  explicit Expectation(Argv argv) : argv_(std::move(argv)) {}

  Expectation& Stdout(std::string text) { out_ = std::move(text); return *this; }
  Expectation& Stderr(std::string text) { err_ = std::move(text); return *this; }
  Expectation& ExitCode(int code) { exit_code_ = code; return *this; }
  /// The call must pass exactly this stdin (Run only).
  Expectation& WithStdin(std::string text) { stdin_ = std::move(text); return *this; }
  /// The runner itself fails (e.g. NotFound, DeadlineExceeded) instead of returning a result.
  Expectation& Fails(Status status) { error_ = std::move(status); return *this; }
  /// Marks the expectation as a Start() call: the child emits Stdout() line by line and, if
  /// `blocks`, keeps running until stopped (ReadLine then reports DeadlineExceeded at once);
  /// otherwise it ends with ExitCode() after the last line.
  Expectation& Started(bool blocks = true) { start_ = true; blocks_ = blocks; return *this; }

 private:
  friend class FakeProcessRunner;
  Argv argv_;
  std::string out_;
  std::string err_;
  int exit_code_ = 0;
  std::optional<std::string> stdin_;
  std::optional<Status> error_;
  bool start_ = false;
  bool blocks_ = false;
};

/// The scripted runner. Thread-safe (a mutex guards the script), though tests rarely need it.
class FakeProcessRunner : public ProcessRunner {
 public:
  FakeProcessRunner() = default;

  /// Appends an expected Run() (or, with .Started(), Start()) call. The reference stays valid
  /// for the runner's life.
  Expectation& Expect(Argv argv);

  /// Which() answers nullopt for `program`, and Run/Start of it fail with NotFound as the real
  /// runner does. Every other program "exists" at /usr/bin/<name>.
  void MarkMissing(const std::string& program);

  /// Fails the current test unless every expectation was used.
  void VerifyAllConsumed() const;

  /// Every call made so far (argv and stdin), in order, including unexpected ones.
  struct Call {
    Argv argv;
    std::string stdin_text;
    RunOptions options;
  };
  std::vector<Call> calls() const;

  /// The states of the children Start() handed out, in order.
  std::vector<std::shared_ptr<FakeChildState>> children() const;

  StatusOr<ProcessResult> Run(const Argv& argv, std::string_view stdin_text,
                              const RunOptions& options) override;
  StatusOr<std::unique_ptr<ChildProcess>> Start(const Argv& argv,
                                                const RunOptions& options) override;
  std::optional<std::string> Which(std::string_view program) override;

 private:
  // Pops the next expectation if it matches; otherwise fails the test and returns an error.
  StatusOr<Expectation> Next(const Argv& argv, bool is_start, std::string_view stdin_text,
                             const RunOptions& options);
  std::string Registered() const;

  mutable std::mutex mu_;
  std::deque<std::unique_ptr<Expectation>> script_;
  std::vector<std::unique_ptr<Expectation>> consumed_;
  std::vector<Call> calls_;
  std::set<std::string> missing_;
  std::vector<std::shared_ptr<FakeChildState>> children_;
};

}  // namespace tfsk::testing
