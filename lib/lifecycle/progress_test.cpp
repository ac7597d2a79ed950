// Step lines, verbosity levels, and the terminal spinner that a line replaces.
#include "lib/lifecycle/progress.h"

#include <doctest/doctest.h>

#include <sstream>
#include <thread>

namespace tfsk::lifecycle {
namespace {

// The spinner thread writes to the stream; the test reads it only after StopSpinner() joined it.
TEST_SUITE("Progress") {
  TEST_CASE("levels: quiet keeps notes, verbose adds details, each line has the elapsed time") {
    double t = 100.0;
    std::ostringstream normal, quiet, verbose;
    Progress n(normal, Verbosity::kNormal, [&] { return t; });
    Progress q(quiet, Verbosity::kQuiet, [&] { return t; });
    Progress v(verbose, Verbosity::kVerbose, [&] { return t; });
    t = 112.34;
    for (Progress* p : {&n, &q, &v}) {
      p->Step("apply: created 4");
      p->Detail("run: kubectl apply -f -");
      p->Note("why: ImagePullBackOff");
    }
    CHECK(normal.str() == "[ 12.3s] apply: created 4\n[ 12.3s] why: ImagePullBackOff\n");
    CHECK(quiet.str() == "[ 12.3s] why: ImagePullBackOff\n");
    CHECK(verbose.str() ==
          "[ 12.3s] apply: created 4\n[ 12.3s] run: kubectl apply -f -\n"
          "[ 12.3s] why: ImagePullBackOff\n");
    CHECK(n.Elapsed() == doctest::Approx(12.34));
  }

  TEST_CASE("the spinner draws on one line, and the next step line replaces it") {
    std::ostringstream out;
    Progress p(out, Verbosity::kNormal);
    p.Step("rollout: waiting");
    p.StartSpinner(std::chrono::milliseconds(1));
    // Wait for a few frames (no timing assertion: just until some have been drawn).
    for (int i = 0; i < 2000; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      p.Detail("");  // takes the lock: a fence between the spinner and this read
      if (i > 20) break;
    }
    p.Step("rollout: ready");
    p.StopSpinner();
    const std::string text = out.str();
    INFO(text);
    CHECK(text.rfind("[  0.0s] rollout: waiting\n", 0) == 0);
    CHECK(text.find("\r| 0s\x1b[K") != std::string::npos);
    // The step line starts at the beginning of a cleared line, then the spinner comes back.
    CHECK(text.find("\r\x1b[K[  0.0s] rollout: ready\n") != std::string::npos);
    // Stopped: whatever frame followed the last line is cleared again.
    const std::string tail = text.substr(text.rfind('\n') + 1);
    CHECK((tail.empty() || tail.substr(tail.size() - 4) == "\r\x1b[K"));
  }

  TEST_CASE("quiet has no spinner") {
    std::ostringstream out;
    Progress p(out, Verbosity::kQuiet);
    p.StartSpinner(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    p.StopSpinner();
    CHECK(out.str().empty());
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
