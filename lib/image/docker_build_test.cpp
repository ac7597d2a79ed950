#include "lib/image/docker_build.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <fstream>

#include "tests/support/fake_process_runner.h"
#include "tests/support/shared.h"

namespace tfsk::image {

TEST_SUITE("DockerBuild") {
  const Argv kVersion = {"docker", "version", "--format", "{{.Server.Version}}"};

  TEST_CASE("the docker CLI without a daemon: Unavailable quoting docker, naming the way out") {
    tfsk::testing::FakeProcessRunner fake;
    fake.Expect(kVersion).ExitCode(1).Stderr(
        tfsk::testing::ReadTestData("image/docker_version_no_daemon.stderr"));
    DockerBuildOptions o{tfsk::testing::SourceDir(), "tfsk-serving:0.1.0", ""};
    Status s = DockerBuild(fake, o);
    CHECK(s.code() == Code::kUnavailable);
    CHECK(s.message().find("no Docker daemon answers") != std::string::npos);
    CHECK(s.message().find("Cannot connect to the Docker daemon") != std::string::npos);
    CHECK(s.message().find("leave out --docker") != std::string::npos);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("no docker CLI at all") {
    tfsk::testing::FakeProcessRunner fake;
    fake.MarkMissing("docker");
    DockerBuildOptions o{tfsk::testing::SourceDir(), "tfsk-serving:0.1.0", ""};
    Status s = DockerBuild(fake, o);
    CHECK(s.code() == Code::kNotFound);
    CHECK(s.message().find("leave out --docker") != std::string::npos);
  }

  TEST_CASE("with a daemon: build from serving/Dockerfile, then save to the output") {
    tfsk::testing::TempDir tmp;
    tfsk::testing::FakeProcessRunner fake;
    const auto src = tfsk::testing::SourceDir();
    DockerBuildOptions o{src, "tfsk-serving:0.1.0", tmp.path() / "x.tar"};
    fake.Expect(kVersion).Stdout("28.2.2\n");
    fake.Expect({"docker", "build", "-f", (src / "serving" / "Dockerfile").string(), "-t",
                 "tfsk-serving:0.1.0", src.string()});
    const std::string tmp_out =
        (tmp.path() / "x.tar").string() + ".tmp." + std::to_string(::getpid());
    // The fake does not write files: the rename then fails, and the error says so.
    fake.Expect({"docker", "save", "-o", tmp_out, "tfsk-serving:0.1.0"});
    Status s = DockerBuild(fake, o);
    CHECK(s.message().find("cannot rename") != std::string::npos);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("a failed docker build names the command and its stderr") {
    tfsk::testing::FakeProcessRunner fake;
    const auto src = tfsk::testing::SourceDir();
    DockerBuildOptions o{src, "t:1", ""};
    fake.Expect(kVersion).Stdout("28.2.2\n");
    fake.Expect(DockerBuildArgv(o)).ExitCode(1).Stderr("ERROR: failed to solve: apt-get\n");
    Status s = DockerBuild(fake, o);
    CHECK(s.message().find("docker build -f") != std::string::npos);
    CHECK(s.message().find("failed to solve") != std::string::npos);
  }

  TEST_CASE("a context without serving/Dockerfile is refused before docker runs") {
    tfsk::testing::TempDir tmp;
    tfsk::testing::FakeProcessRunner fake;
    CHECK(DockerBuild(fake, {tmp.path(), "t:1", ""}).code() == Code::kInvalidArgument);
  }
}

}  // namespace tfsk::image
