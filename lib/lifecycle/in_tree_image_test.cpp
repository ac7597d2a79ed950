// `server.image: tfsk-serving` on minikube: the image is built from the real static server,
// loaded with `minikube image load` unless `minikube image ls` already lists its tag (scripted
// runner), and rendered by its content tag with the restricted securityContext.
#include "lib/lifecycle/in_tree_image.h"

#include <doctest/doctest.h>

#include "lib/lifecycle/minikube_up.h"
#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

std::filesystem::path StaticServer() {
  auto p = testing::BuildDir() / "serving" / "tfsk-serving-static";
  REQUIRE_MESSAGE(std::filesystem::exists(p), "build the tfsk-serving-static target first");
  return p;
}

config::Config InTreeConfig() {
  config::Config c = LabConfig();
  c.server.image = "tfsk-serving";
  return c;
}

void ExpectRunningCluster(Rig& r) {
  r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
  r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
  r.fake.Expect(kAddons).Stdout(Data("cluster/minikube/addons_list_metrics_enabled.json"));
  r.fake.Expect(kTop).Stdout(Data("cluster/kubectl/top_pods.stdout"));
}

Argv ImageLoad(const std::filesystem::path& archive) {
  return {"minikube", "-p", "tfsk", "image", "load", archive.string()};
}

const Argv kImageLs = {"minikube", "-p", "tfsk", "image", "ls", "--format", "short"};

// A canned `image ls --format short` (tests/testdata/cluster/minikube/) with its tfsk-serving
// tag replaced by `reference`'s, as the runtime would list this build's image.
std::string ListingWith(const std::string& file, const std::string& reference) {
  std::string text = Data("cluster/minikube/" + file);
  const std::string canned = "tfsk-serving:sha256-0123456789ab";
  const auto at = text.find(canned);
  REQUIRE_MESSAGE(at != std::string::npos, file << " lists no tfsk-serving image");
  return text.replace(at, canned.size(), reference);
}

}  // namespace

TEST_SUITE("InTreeImage") {
  TEST_CASE("built once per server binary, then reused, the reference is the content tag") {
    testing::TempDir project;
    auto first = BuildInTreeImage(InTreeConfig(), StaticServer(), project.path());
    REQUIRE_MESSAGE(first.ok(), first.status().ToString());
    CHECK_FALSE(first->cached);
    CHECK(first->reference.rfind("tfsk-serving:sha256-", 0) == 0);
    CHECK(first->reference.size() == std::string("tfsk-serving:sha256-").size() + 12);
    CHECK(std::filesystem::file_size(first->archive) > 1000000);
    CHECK(*InTreeArchivePath(InTreeConfig(), StaticServer(), project.path()) == first->archive);
    auto second = BuildInTreeImage(InTreeConfig(), StaticServer(), project.path());
    REQUIRE(second.ok());
    CHECK(second->cached);
    CHECK(second->reference == first->reference);
    // Another model name is another image (MODEL_NAME differs): a new archive, the old one goes.
    config::Config other = InTreeConfig();
    other.model.name = "other";
    auto third = BuildInTreeImage(other, StaticServer(), project.path());
    REQUIRE(third.ok());
    CHECK(third->reference != first->reference);
    CHECK_FALSE(std::filesystem::exists(first->archive));
  }

  TEST_CASE("tfsk up: load the image, render its tag, IfNotPresent, restricted securityContext") {
    Rig r;
    r.options.serving_binary = StaticServer();
    auto archive = InTreeArchivePath(InTreeConfig(), StaticServer(), r.project.path());
    REQUIRE(archive.ok());
    ExpectRunningCluster(r);
    r.fake.Expect(kImageLs).Stdout(Data("cluster/minikube/image_ls_short_empty.stdout"));
    r.fake.Expect(ImageLoad(*archive));
    r.fake.Expect(kApplyCheck).Stdout(Data("cluster/kubectl/apply_dry_run_server.stdout"));
    r.fake.Expect(kApply).Stdout(Data("cluster/kubectl/apply_created.stdout"));
    r.fake.Expect(kRollout).Stdout(Data("cluster/kubectl/rollout_ok.stdout"));
    r.fake.Expect(kIp).Stdout(Data("cluster/minikube/ip.stdout"));
    auto up = UpMinikube(InTreeConfig(), r.drivers, r.progress, r.options);
    REQUIRE_MESSAGE(up.ok(), up.status().message());
    r.fake.VerifyAllConsumed();
    const std::string manifests = r.fake.calls()[6].stdin_text;
    // Rendering quotes the value (a colon inside a YAML scalar).
    CHECK(manifests.find("image: \"tfsk-serving:sha256-") != std::string::npos);
    CHECK(manifests.find("imagePullPolicy: IfNotPresent") != std::string::npos);
    for (const char* field :
         {"runAsNonRoot: true", "runAsUser: 65532", "readOnlyRootFilesystem: true",
          "allowPrivilegeEscalation: false", "- ALL", "type: RuntimeDefault"}) {
      CAPTURE(field);
      CHECK(manifests.find(field) != std::string::npos);
    }
    CHECK(r.out.str().find("loaded into minikube") != std::string::npos);
    CHECK(std::filesystem::exists(*archive));
  }

  TEST_CASE("the profile already lists this build's tag: no load, under each runtime's spelling") {
    for (const char* listing : {"image_ls_short_docker.stdout", "image_ls_short_crio.stdout"}) {
      CAPTURE(listing);
      Rig r;
      r.options.serving_binary = StaticServer();
      auto built = BuildInTreeImage(InTreeConfig(), StaticServer(), r.project.path());
      REQUIRE(built.ok());
      r.fake.Expect(kImageLs).Stdout(ListingWith(listing, built->reference));
      auto ref = EnsureInTreeImage(InTreeConfig(), r.drivers, r.progress, r.options);
      REQUIRE_MESSAGE(ref.ok(), ref.status().message());
      CHECK(*ref == built->reference);
      r.fake.VerifyAllConsumed();  // and nothing else: no `image load`
      CHECK(r.out.str().find("image: " + built->reference + " already in minikube") !=
            std::string::npos);
      CHECK(r.out.str().find("loaded into minikube") == std::string::npos);
    }
  }

  TEST_CASE("the profile lists another build (or a recreated cluster lists none): load") {
    for (const std::string& listing :
         {ListingWith("image_ls_short_docker.stdout", "tfsk-serving:sha256-fedcba987654"),
          Data("cluster/minikube/image_ls_short_empty.stdout")}) {
      CAPTURE(listing);
      Rig r;
      r.options.serving_binary = StaticServer();
      auto archive = InTreeArchivePath(InTreeConfig(), StaticServer(), r.project.path());
      REQUIRE(archive.ok());
      r.fake.Expect(kImageLs).Stdout(listing);
      r.fake.Expect(ImageLoad(*archive));
      auto ref = EnsureInTreeImage(InTreeConfig(), r.drivers, r.progress, r.options);
      REQUIRE_MESSAGE(ref.ok(), ref.status().message());
      r.fake.VerifyAllConsumed();
      CHECK(r.out.str().find("image: " + *ref + " loaded into minikube") != std::string::npos);
    }
  }

  TEST_CASE("`image ls` fails: one warning line at every verbosity, then the image is loaded") {
    const std::string warning =
        "image: warning: `minikube -p tfsk image ls --format short` failed (exit 80): minikube "
        "could not list the images in the cluster's container runtime [GUEST_IMAGE_LIST]; not "
        "fatal, the image is loaded instead; to inspect: `minikube -p tfsk image ls` shows "
        "minikube's error; `minikube -p tfsk status` shows whether the node runs\n";
    // minikube's own words (tests/testdata/cluster/minikube/image_ls_failed.stderr).
    const std::string minikube_says = "error creating api client";
    for (Verbosity v : {Verbosity::kQuiet, Verbosity::kNormal, Verbosity::kVerbose}) {
      CAPTURE(static_cast<int>(v));
      Rig r;
      r.options.serving_binary = StaticServer();
      std::ostringstream out;
      Progress progress(out, v, [] { return 0.0; });
      auto archive = InTreeArchivePath(InTreeConfig(), StaticServer(), r.project.path());
      REQUIRE(archive.ok());
      r.fake.Expect(kImageLs).ExitCode(80).Stderr(Data("cluster/minikube/image_ls_failed.stderr"));
      r.fake.Expect(ImageLoad(*archive));
      auto ref = EnsureInTreeImage(InTreeConfig(), r.drivers, progress, r.options);
      REQUIRE_MESSAGE(ref.ok(), ref.status().message());
      r.fake.VerifyAllConsumed();
      const std::string text = out.str();
      const auto at = text.find(warning);
      CHECK(at != std::string::npos);
      CHECK(text.find(warning, at + 1) == std::string::npos);
      CHECK(text.find("image: warning:") == at);  // the only warning
      CHECK((text.find(minikube_says) != std::string::npos) == (v == Verbosity::kVerbose));
      CHECK((text.find("loaded into minikube") != std::string::npos) == (v != Verbosity::kQuiet));
    }
  }

  TEST_CASE("`image ls` fails without a catalogue reason: the warning names the listing itself") {
    Rig r;
    r.options.serving_binary = StaticServer();
    auto archive = InTreeArchivePath(InTreeConfig(), StaticServer(), r.project.path());
    REQUIRE(archive.ok());
    r.fake.Expect(kImageLs).ExitCode(1).Stderr("E0101 something minikube never said before\n");
    r.fake.Expect(ImageLoad(*archive));
    auto ref = EnsureInTreeImage(InTreeConfig(), r.drivers, r.progress, r.options);
    REQUIRE_MESSAGE(ref.ok(), ref.status().message());
    r.fake.VerifyAllConsumed();
    CHECK(r.out.str().find("image: warning: `minikube -p tfsk image ls --format short` failed "
                           "(exit 1); not fatal, the image is loaded instead; to inspect: "
                           "`minikube -p tfsk image ls --format short`\n") != std::string::npos);
  }

  TEST_CASE("Ctrl-C during `image ls` stops the step: no warning, no load") {
    Rig r;
    r.options.serving_binary = StaticServer();
    r.fake.Expect(kImageLs).ExitCode(130);
    auto ref = EnsureInTreeImage(InTreeConfig(), r.drivers, r.progress, r.options);
    CHECK(ref.status().code() == Code::kCancelled);
    CHECK(ref.status().message().find("listing minikube's images") == 0);
    r.fake.VerifyAllConsumed();  // no `image load` came after it
    CHECK(r.out.str().find("warning") == std::string::npos);
  }

  TEST_CASE("a dry run neither lists, builds nor loads") {
    Rig r;
    r.options.serving_binary = StaticServer();
    r.options.dry_run = true;
    auto ref = EnsureInTreeImage(InTreeConfig(), r.drivers, r.progress, r.options);
    REQUIRE(ref.ok());
    CHECK(*ref == "tfsk-serving");
    r.fake.VerifyAllConsumed();
    CHECK(r.fake.calls().empty());
  }

  TEST_CASE("a failed image load stops tfsk up before anything is applied") {
    Rig r;
    r.options.serving_binary = StaticServer();
    auto archive = InTreeArchivePath(InTreeConfig(), StaticServer(), r.project.path());
    REQUIRE(archive.ok());
    ExpectRunningCluster(r);
    r.fake.Expect(kImageLs).Stdout(Data("cluster/minikube/image_ls_short_empty.stdout"));
    r.fake.Expect(ImageLoad(*archive))
        .ExitCode(80)
        .Stderr(Data("cluster/minikube/image_load_failed.stderr"));
    auto up = UpMinikube(InTreeConfig(), r.drivers, r.progress, r.options);
    CHECK_FALSE(up.ok());
    CHECK(up.status().message().find("loading the tfsk-serving image into minikube") !=
          std::string::npos);
    CHECK(up.status().message().find("GUEST_IMAGE_LOAD") != std::string::npos);
    r.fake.VerifyAllConsumed();  // no apply came after the failure
  }

  TEST_CASE("a dynamic server binary is refused with the static target's name") {
    Rig r;
    r.options.serving_binary = "/proc/self/exe";
    ExpectRunningCluster(r);
    auto up = UpMinikube(InTreeConfig(), r.drivers, r.progress, r.options);
    CHECK(up.status().code() == Code::kFailedPrecondition);
    CHECK(up.status().message().find("tfsk-serving-static") != std::string::npos);
    r.fake.VerifyAllConsumed();
  }
}

}  // namespace tfsk::lifecycle
