#include "tests/support/fake_process_runner.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/support/standins.h"

namespace tfsk::testing {
namespace {

// A child replaying canned lines; "blocking" ones run until stopped, like a tunnel.
class FakeChild : public ChildProcess {
 public:
  FakeChild(Argv argv, const std::string& out, std::string err, int exit_code, bool blocks,
            std::shared_ptr<FakeChildState> state)
      : argv_(std::move(argv)), err_(std::move(err)), exit_code_(exit_code), blocks_(blocks),
        state_(std::move(state)) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) lines_.push_back(line);
  }
  ~FakeChild() override { Stop(std::chrono::milliseconds(0)); }

  StatusOr<std::string> ReadLine(std::chrono::milliseconds) override {
    if (!lines_.empty()) {
      std::string line = lines_.front();
      lines_.pop_front();
      return line;
    }
    if (blocks_ && !stopped_) return DeadlineExceeded("fake child has no more lines yet");
    return OutOfRange("fake child closed its stdout");
  }
  std::string StderrText() override { return err_; }
  bool Running() override { return blocks_ && !stopped_; }
  StatusOr<int> Wait(std::chrono::milliseconds) override {
    if (Running()) return DeadlineExceeded("fake child still running");
    return exit_code_;
  }
  int Stop(std::chrono::milliseconds) override {
    if (Running()) {
      stopped_ = true;
      state_->stopped = true;
      ++state_->stop_count;
    }
    return exit_code_;
  }
  const Argv& argv() const override { return argv_; }

 private:
  Argv argv_;
  std::deque<std::string> lines_;
  std::string err_;
  int exit_code_;
  bool blocks_;
  bool stopped_ = false;
  std::shared_ptr<FakeChildState> state_;
};

}  // namespace

std::string ReadTestData(const std::string& relative) {
  auto path = TestSourceDir() / "tests" / "testdata" / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    FAIL("cannot read test data " << path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Expectation& FakeProcessRunner::Expect(Argv argv) {
  std::lock_guard<std::mutex> lock(mu_);
  script_.push_back(std::make_unique<Expectation>(std::move(argv)));
  return *script_.back();
}

void FakeProcessRunner::MarkMissing(const std::string& program) {
  std::lock_guard<std::mutex> lock(mu_);
  missing_.insert(program);
}

std::string FakeProcessRunner::Registered() const {
  if (script_.empty()) return "(nothing left)";
  std::string out;
  for (const auto& e : script_) {
    out += "\n  `" + FormatArgv(e->argv_) + "`" + (e->start_ ? " (Start)" : "");
  }
  return out;
}

StatusOr<Expectation> FakeProcessRunner::Next(const Argv& argv, bool is_start,
                                              std::string_view stdin_text,
                                              const RunOptions& options) {
  std::lock_guard<std::mutex> lock(mu_);
  calls_.push_back(Call{argv, std::string(stdin_text), options});
  if (!argv.empty() && missing_.count(argv[0]) != 0) {
    return NotFound(argv[0] + ": command not found on PATH");
  }
  std::string got = "`" + FormatArgv(argv) + "`" + (is_start ? " (Start)" : "");
  if (script_.empty()) {
    std::string msg = "unexpected call " + got + "; registered: (nothing left)";
    FAIL_CHECK(msg);
    return Internal(msg);
  }
  const Expectation& want = *script_.front();
  if (want.argv_ != argv || want.start_ != is_start) {
    std::string msg = "expected `" + FormatArgv(want.argv_) + "`" +
                      (want.start_ ? " (Start)" : "") + ", got " + got +
                      "; registered:" + Registered();
    FAIL_CHECK(msg);
    return Internal(msg);
  }
  if (want.stdin_ && *want.stdin_ != stdin_text) {
    std::string msg = "stdin of " + got + " differs:\n--- expected\n" + *want.stdin_ +
                      "\n--- got\n" + std::string(stdin_text);
    FAIL_CHECK(msg);
  }
  consumed_.push_back(std::move(script_.front()));
  script_.pop_front();
  return *consumed_.back();
}

StatusOr<ProcessResult> FakeProcessRunner::Run(const Argv& argv, std::string_view stdin_text,
                                               const RunOptions& options) {
  TFSK_ASSIGN_OR_RETURN(Expectation e, Next(argv, false, stdin_text, options));
  if (e.error_) return *e.error_;
  return ProcessResult{e.exit_code_, e.out_, e.err_};
}

StatusOr<std::unique_ptr<ChildProcess>> FakeProcessRunner::Start(const Argv& argv,
                                                                 const RunOptions& options) {
  TFSK_ASSIGN_OR_RETURN(Expectation e, Next(argv, true, {}, options));
  if (e.error_) return *e.error_;
  auto state = std::make_shared<FakeChildState>();
  {
    std::lock_guard<std::mutex> lock(mu_);
    children_.push_back(state);
  }
  return std::unique_ptr<ChildProcess>(
      std::make_unique<FakeChild>(argv, e.out_, e.err_, e.exit_code_, e.blocks_, state));
}

std::optional<std::string> FakeProcessRunner::Which(std::string_view program) {
  std::lock_guard<std::mutex> lock(mu_);
  if (missing_.count(std::string(program)) != 0) return std::nullopt;
  return "/usr/bin/" + std::string(program);
}

void FakeProcessRunner::VerifyAllConsumed() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!script_.empty()) {
    FAIL_CHECK("expected calls that never came:" << Registered());
  }
}

std::vector<FakeProcessRunner::Call> FakeProcessRunner::calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

std::vector<std::shared_ptr<FakeChildState>> FakeProcessRunner::children() const {
  std::lock_guard<std::mutex> lock(mu_);
  return children_;
}

}  // namespace tfsk::testing
