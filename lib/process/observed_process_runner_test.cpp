// The observing decorator: sees every command, times it, and can stand in for it (dry run).
#include <doctest/doctest.h>

#include "lib/process/observed_process_runner.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk {
namespace {

TEST_SUITE("ObservedProcessRunner") {
  TEST_CASE("before/after see each command and its result") {
    testing::FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "ip"}).Stdout("192.168.49.2\n");
    fake.Expect({"minikube", "-p", "tfsk", "service", "s", "--url"}).Started();
    std::vector<std::string> log;
    ProcessObserver observer;
    observer.before = [&](const Argv& argv, bool is_start) {
      log.push_back(std::string(is_start ? "start " : "run ") + FormatArgv(argv));
    };
    observer.after = [&](const Argv&, const StatusOr<ProcessResult>& r, std::chrono::milliseconds took) {
      log.push_back("exit " + std::to_string(r->exit_code) + (took.count() >= 0 ? "" : "?"));
    };
    ObservedProcessRunner runner(fake, observer);
    CHECK(runner.Run({"minikube", "-p", "tfsk", "ip"}, {}, {})->out == "192.168.49.2\n");
    CHECK(runner.Start({"minikube", "-p", "tfsk", "service", "s", "--url"}, {}).ok());
    CHECK(log == std::vector<std::string>{"run minikube -p tfsk ip", "exit 0",
                                          "start minikube -p tfsk service s --url"});
    CHECK(runner.Which("kubectl").has_value());
    fake.VerifyAllConsumed();
  }

  TEST_CASE("replace answers changing commands without running them (dry run)") {
    testing::FakeProcessRunner fake;  // expects nothing: the start must not reach it
    fake.Expect({"minikube", "-p", "tfsk", "status", "-o", "json"}).ExitCode(85);
    ProcessObserver observer;
    observer.replace = [](const Argv& argv) -> std::optional<ProcessResult> {
      if (argv.size() > 3 && argv[3] == "start") return ProcessResult{0, "", ""};
      return std::nullopt;
    };
    ObservedProcessRunner runner(fake, observer);
    CHECK(runner.Run({"minikube", "-p", "tfsk", "status", "-o", "json"}, {}, {})->exit_code == 85);
    CHECK(runner.Run({"minikube", "-p", "tfsk", "start"}, {}, {})->exit_code == 0);
    CHECK(fake.calls().size() == 1);
    fake.VerifyAllConsumed();
  }
}

}  // namespace
}  // namespace tfsk
