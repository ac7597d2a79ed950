#include "lib/registry/push.h"

#include <doctest/doctest.h>

#include <fstream>

#include "lib/cluster/reasons.h"
#include "tests/support/fake_process_runner.h"
#include "tests/support/shared.h"

namespace tfsk::registry {
namespace {

using testing::ReadTestData;

const std::string kDigest =
    "sha256:2a92fdabdec6575016448029d3e027aebd9dbf5464e512c27522a47db4d95beb";
const std::string kRegistry = "registry.example.com:5000/team";
const std::string kDest = "docker://registry.example.com:5000/team/tfsk-serving:half_plus_two";

struct PushRig {
  testing::TempDir dir;
  testing::FakeProcessRunner fake;
  PushRequest request;

  PushRig() {
    request.archive = dir.path() / "image.tar";
    std::ofstream(request.archive) << "not read by the fake";
    request.registry = kRegistry;
    request.tag = "half_plus_two";
    request.digest_file = dir.path() / "push.digest";
  }
  Argv Copy() const {
    return {"skopeo",
            "copy",
            "--digestfile",
            request.digest_file.string(),
            "docker-archive:" + request.archive.string(),
            kDest};
  }
  // Copies once with `stderr_file`'s text and exit 1; returns the error.
  Status FailWith(const std::string& stderr_file) {
    fake.Expect(Copy()).ExitCode(1).Stderr(ReadTestData("cluster/skopeo/" + stderr_file));
    auto pushed = PushArchive(fake, request);
    fake.VerifyAllConsumed();
    REQUIRE_FALSE(pushed.ok());
    return pushed.status();
  }
};

bool Has(const Status& s, const std::string& part) {
  return s.message().find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("PushArchive") {
  TEST_CASE("copies the archive, then pins the reference by the registry's digest") {
    PushRig rig;
    rig.fake.Expect(rig.Copy()).Stdout(ReadTestData("cluster/skopeo/copy.stdout"));
    // The fake writes no --digestfile, so the registry is asked.
    rig.fake
        .Expect({"skopeo", "inspect", "--format", "{{.Digest}}",
                 "docker://registry.example.com:5000/team/tfsk-serving:half_plus_two"})
        .Stdout(ReadTestData("cluster/skopeo/inspect_digest.stdout"));
    auto pushed = PushArchive(rig.fake, rig.request);
    rig.fake.VerifyAllConsumed();
    REQUIRE_MESSAGE(pushed.ok(), pushed.status().message());
    CHECK(pushed->tagged == "registry.example.com:5000/team/tfsk-serving:half_plus_two");
    CHECK(pushed->digest == kDigest);
    CHECK(pushed->pinned == "registry.example.com:5000/team/tfsk-serving@" + kDigest);
  }

  TEST_CASE("a stale digest file from an earlier push is not taken for this one") {
    PushRig rig;
    std::ofstream(rig.request.digest_file) << "sha256:" << std::string(64, '0') << "\n";
    rig.fake.Expect(rig.Copy()).Stdout(ReadTestData("cluster/skopeo/copy.stdout"));
    rig.fake
        .Expect({"skopeo", "inspect", "--format", "{{.Digest}}",
                 "docker://registry.example.com:5000/team/tfsk-serving:half_plus_two"})
        .Stdout(ReadTestData("cluster/skopeo/inspect_digest.stdout"));
    auto pushed = PushArchive(rig.fake, rig.request);
    REQUIRE(pushed.ok());
    CHECK(pushed->digest == kDigest);
  }

  TEST_CASE("a loopback or insecure registry is pushed to without TLS verification") {
    PushRig rig;
    rig.request.registry = "localhost:5001";
    rig.request.digest_file.clear();
    rig.fake
        .Expect({"skopeo", "copy", "--dest-tls-verify=false",
                 "docker-archive:" + rig.request.archive.string(),
                 "docker://localhost:5001/tfsk-serving:half_plus_two"})
        .Stdout(ReadTestData("cluster/skopeo/copy.stdout"));
    rig.fake
        .Expect({"skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                 "docker://localhost:5001/tfsk-serving:half_plus_two"})
        .Stdout(ReadTestData("cluster/skopeo/inspect_digest.stdout"));
    auto pushed = PushArchive(rig.fake, rig.request);
    rig.fake.VerifyAllConsumed();
    REQUIRE(pushed.ok());
    CHECK(pushed->pinned == "localhost:5001/tfsk-serving@" + kDigest);
  }

  TEST_CASE("credentials missing: skopeo login for that registry") {
    PushRig rig;
    Status s = rig.FailWith("copy_unauthorized.stderr");
    CHECK(s.code() == Code::kUnauthenticated);
    CHECK(Has(s, "[SKOPEO_AUTH]"));
    CHECK(Has(s, "unauthorized: authentication required"));
    CHECK(Has(s, "fix: `skopeo login registry.example.com:5000`"));
    CHECK(cluster::ExitGroupOf(s) == cluster::ExitGroup::kCluster);
  }

  TEST_CASE("unknown host and refused connection: check cluster.registry") {
    for (const char* file : {"copy_unknown_host.stderr", "copy_refused.stderr"}) {
      CAPTURE(file);
      PushRig rig;
      Status s = rig.FailWith(file);
      CHECK(s.code() == Code::kUnavailable);
      CHECK(Has(s, "[SKOPEO_UNREACHABLE]"));
      CHECK(Has(s, "check cluster.registry (registry.example.com:5000)"));
    }
  }

  TEST_CASE("TLS failures (plain HTTP, self-signed) point at --insecure-registry") {
    for (const char* file : {"copy_http_registry.stderr", "copy_x509.stderr"}) {
      CAPTURE(file);
      PushRig rig;
      Status s = rig.FailWith(file);
      CHECK(s.code() == Code::kFailedPrecondition);
      CHECK(Has(s, "[SKOPEO_TLS]"));
      CHECK(Has(s, "`tfsk up --insecure-registry`"));
    }
  }

  TEST_CASE("an archive skopeo cannot read is a config error") {
    PushRig rig;
    Status s = rig.FailWith("copy_missing_archive.stderr");
    CHECK(Has(s, "[SKOPEO_ARCHIVE]"));
    CHECK(cluster::ExitGroupOf(s) == cluster::ExitGroup::kConfig);
  }

  TEST_CASE("a missing archive is reported before skopeo runs") {
    PushRig rig;
    rig.request.archive = rig.dir.path() / "nope.tar";
    auto pushed = PushArchive(rig.fake, rig.request);  // no call expected
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.status().code() == Code::kNotFound);
    CHECK(Has(pushed.status(), "tfsk image build --output"));
    CHECK(rig.fake.calls().empty());
  }

  TEST_CASE("skopeo not installed: the install hint") {
    PushRig rig;
    rig.fake.MarkMissing("skopeo");
    auto pushed = PushArchive(rig.fake, rig.request);
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.status().code() == Code::kNotFound);
    CHECK(Has(pushed.status(), "apt-get install skopeo"));
  }

  TEST_CASE("a registry that answers no digest is DataLoss, not a pinned reference") {
    PushRig rig;
    rig.fake.Expect(rig.Copy()).Stdout(ReadTestData("cluster/skopeo/copy.stdout"));
    rig.fake
        .Expect({"skopeo", "inspect", "--format", "{{.Digest}}",
                 "docker://registry.example.com:5000/team/tfsk-serving:half_plus_two"})
        .Stdout("\n");
    auto pushed = PushArchive(rig.fake, rig.request);
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.status().code() == Code::kDataLoss);
  }
}

}  // namespace tfsk::registry
