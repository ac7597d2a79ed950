// The built `tfsk` on the minikube target with the REAL kubectl, against the API-server
// stand-in (tests/support/apiserver_standin, on 127.0.0.1) and the minikube stand-in first on
// PATH. KUBECONFIG, KUBECACHEDIR and HOME point into a temporary folder, so neither the user's
// kubeconfig nor their discovery cache is read or written. Skipped when kubectl is not installed
// (failed under CI=true, where it must be).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "lib/process/process_runner.h"
#include "tests/support/shared.h"
#include "tests/support/standins.h"

namespace tfsk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// kubectl on PATH, or the test ends: skipped (exit 77) with the reason, failed under CI=true.
std::string RequireKubectl(ProcessRunner& runner) {
  if (auto path = runner.Which("kubectl")) return *path;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true") {
    FAIL(
        "kubectl is not on PATH; CI machines provide it (Debian has no package: see "
        "docs/dependencies.md)");
  }
  std::cout << "SKIP: kubectl is not on PATH; the kubectl integration tests need it\n";
  std::exit(77);
}

// One isolated world: an API-server stand-in, a kubeconfig whose context `minikube` points at
// it, a minikube stand-in, and a project folder holding the lab example.
struct KubeLab {
  testing::TempDir dir;
  fs::path project = dir.path() / "project";
  fs::path home = dir.path() / "home";
  fs::path bin = dir.path() / "bin";
  fs::path log = dir.path() / "apiserver.log";
  std::unique_ptr<ProcessRunner> runner = MakeRealProcessRunner();
  std::unique_ptr<ChildProcess> apiserver;
  RunOptions options;
  int port = 0;

  explicit KubeLab(std::vector<std::string> standin_flags = {}) {
    const fs::path kubectl = RequireKubectl(*runner);
    const fs::path openapi = testing::RequireShared("k8s-openapi/v1.32");
    const fs::path model = testing::RequireShared("models/saved_model_half_plus_two_cpu");
    for (const auto& d : {project, home, bin}) fs::create_directories(d);
    fs::create_symlink(testing::StandinBinDir() / "minikube", bin / "minikube");
    // The lab example as it is, with its model folder beside it (model.path is relative).
    fs::copy_file(testing::TestSourceDir() / "examples" / "lab" / "tfsk.yaml",
                  project / "tfsk.yaml");
    fs::create_directory_symlink(model, project / "saved_model_half_plus_two_cpu");

    Argv argv = {(testing::StandinBinDir() / "kube-apiserver-standin").string(), "--openapi",
                 openapi.string(), "--log", log.string()};
    argv.insert(argv.end(), standin_flags.begin(), standin_flags.end());
    auto child = runner->Start(argv);
    REQUIRE_MESSAGE(child.ok(), child.status().message());
    apiserver = std::move(*child);
    auto line = apiserver->ReadLine(20s);
    REQUIRE_MESSAGE(line.ok(), apiserver->StderrText());
    REQUIRE(line->rfind("listening on http://127.0.0.1:", 0) == 0);
    port = std::stoi(line->substr(line->rfind(':') + 1));

    std::ofstream(home / "kubeconfig")
        << "apiVersion: v1\nkind: Config\nclusters:\n- name: minikube\n  cluster:\n"
        << "    server: http://127.0.0.1:" << port << "\ncontexts:\n- name: minikube\n  context:\n"
        << "    cluster: minikube\n    namespace: default\n    user: minikube\n"
        // Target kube: any context; `prod` is not the current one, so tfsk must pass it.
        << "- name: prod\n  context:\n    cluster: minikube\n    namespace: default\n"
        << "    user: minikube\n"
        << "users:\n- name: minikube\n  user: {}\ncurrent-context: minikube\n";
    options.cwd = project.string();
    options.env["PATH"] = bin.string() + ":" + kubectl.parent_path().string() + ":/usr/bin:/bin";
    options.env["HOME"] = home.string();
    options.env["KUBECONFIG"] = (home / "kubeconfig").string();
    options.env["KUBECACHEDIR"] = (home / "kube-cache").string();
    options.env["MINIKUBE_STANDIN_STATE"] = (dir.path() / "minikube").string();
    // `minikube ip` answers loopback: nothing in these tests leaves the machine.
    options.env["MINIKUBE_STANDIN_IP"] = "127.0.0.1";
    options.env_remove = {"TFSK_TARGET", "TFSK_PROFILE", "KUBE_EDITOR"};
    options.timeout = 120s;
  }

  ~KubeLab() {
    if (apiserver) apiserver->Stop(1s);
  }

  ProcessResult Run(Argv argv) {
    auto r = runner->Run(argv, {}, options);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return *r;
  }
  /// Replaces the project's tfsk.yaml (target kube cases).
  void Project(const std::string& yaml) { std::ofstream(project / "tfsk.yaml") << yaml; }
  ProcessResult Tfsk(std::vector<std::string> args) {
    Argv argv = {(testing::BuildDir() / "cli" / "tfsk").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return Run(argv);
  }
  /// kubectl itself, to look at the cluster the way a user would.
  ProcessResult Kubectl(std::vector<std::string> args) {
    Argv argv = {"kubectl", "--context", "minikube", "--namespace", "default"};
    argv.insert(argv.end(), args.begin(), args.end());
    return Run(argv);
  }
  std::string Requests() { return Read(log); }
};

#define SHOW(r) \
  INFO("exit " << (r).exit_code << "\nstdout:\n" << (r).out << "\nstderr:\n" << (r).err)

TEST_SUITE("tfsk with the real kubectl (API-server stand-in)") {
  TEST_CASE("the lab example: up, up again, status, down, down again") {
    KubeLab lab({"--ready-after", "1"});
    auto up = lab.Tfsk({"up"});
    SHOW(up);
    INFO("api requests:\n" << lab.Requests());
    REQUIRE(up.exit_code == 0);
    CHECK(Contains(up.err, "apply: created 4"));
    CHECK(Contains(up.err, "rollout: deployment/tf-serving-deployment ready"));
    CHECK(Contains(up.out, "http://127.0.0.1:30001/v1/models/half_plus_two"));
    // The real kubectl went through discovery, OpenAPI, create and the rollout watch.
    const std::string requests = lab.Requests();
    CHECK(Contains(requests, "GET /openapi/v3?timeout=32s -> 200"));
    CHECK(Contains(
        requests,
        "POST "
        "/apis/apps/v1/namespaces/default/"
        "deployments?fieldManager=kubectl-client-side-apply&fieldValidation=Strict -> 201"));
    CHECK(Contains(requests, "watch=true"));

    auto again = lab.Tfsk({"up"});
    SHOW(again);
    REQUIRE(again.exit_code == 0);
    CHECK(Contains(again.err, "apply: unchanged 4"));
    CHECK(Contains(again.err, "up: already up to date (unchanged)"));

    auto status = lab.Tfsk({"status"});
    SHOW(status);
    CHECK(status.exit_code == 0);
    CHECK(Contains(status.out, "deployment  tf-serving-deployment: 1/1 ready"));
    CHECK(Contains(status.out, "hpa         tf-serving-hpa: replicas 1/1 (max 3), cpu 10%/20%"));

    auto json = lab.Tfsk({"status", "-o", "json"});
    SHOW(json);
    CHECK(json.exit_code == 0);
    CHECK(Contains(
        json.out,
        R"("deployment":{"name":"tf-serving-deployment","ready":1,"desired":1,"available":1})"));
    CHECK(Contains(json.out, R"("cpu_current_percent":10,"cpu_target_percent":20)"));
    CHECK(Contains(
        json.out,
        R"j("scaling_active_message":"the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)")j"));

    auto down = lab.Tfsk({"down"});
    SHOW(down);
    CHECK(down.exit_code == 0);
    CHECK(Contains(down.err, "delete: all pods gone"));
    auto left = lab.Kubectl({"get", "deployment,service,configmap,hpa,pods", "-o", "name"});
    SHOW(left);
    CHECK(left.exit_code == 0);
    CHECK(left.out.empty());

    auto down_again = lab.Tfsk({"down"});
    SHOW(down_again);
    CHECK(down_again.exit_code == 0);
    CHECK(Contains(down_again.err, "down: done"));
  }

  TEST_CASE("after the HPA scaled out, tfsk up again leaves the replica count to it") {
    KubeLab lab({"--ready-after", "1", "--cpu-utilization", "45"});  // 45 % of a 20 % target: 3
    auto up = lab.Tfsk({"up"});
    SHOW(up);
    REQUIRE(up.exit_code == 0);
    auto replicas = [&] {
      return lab
          .Kubectl(
              {"get", "deployment", "tf-serving-deployment", "-o", "jsonpath={.spec.replicas}"})
          .out;
    };
    std::string seen;
    for (int i = 0; i < 100 && (seen = replicas()) != "3"; ++i) std::this_thread::sleep_for(200ms);
    REQUIRE_MESSAGE(seen == "3", "the HPA of the stand-in did not scale out: " << seen);

    auto again = lab.Tfsk({"up"});
    SHOW(again);
    REQUIRE(again.exit_code == 0);
    CHECK(Contains(again.err, "apply: unchanged 4"));
    CHECK(replicas() == "3");
    CHECK(lab.Tfsk({"down"}).exit_code == 0);
  }

  TEST_CASE("server.image tfsk-serving: built, loaded into minikube, deployed by its tag") {
    KubeLab lab({"--ready-after", "1"});
    auto up = lab.Tfsk({"up", "--set", "server.image=tfsk-serving"});
    SHOW(up);
    REQUIRE(up.exit_code == 0);
    CHECK(Contains(up.err, "loaded into minikube"));
    // The archive minikube was handed is the one the Deployment names.
    const fs::path loads = lab.dir.path() / "minikube" / "images.log";
    const std::string loaded = Read(loads);
    REQUIRE_MESSAGE(!loaded.empty(), "minikube image load was not called");
    CHECK(std::count(loaded.begin(), loaded.end(), '\n') == 1);
    auto pod_spec = [&](const std::string& path) {
      return lab
          .Kubectl({"get", "deployment", "tf-serving-deployment", "-o",
                    "jsonpath={.spec.template.spec." + path + "}"})
          .out;
    };
    const std::string image = pod_spec("containers[0].image");
    CHECK(image.rfind("tfsk-serving:sha256-", 0) == 0);
    CHECK(pod_spec("containers[0].imagePullPolicy") == "IfNotPresent");
    CHECK(pod_spec("containers[0].securityContext.runAsUser") == "65532");
    CHECK(pod_spec("containers[0].securityContext.readOnlyRootFilesystem") == "true");

    // Again: the image comes from the cache and nothing on the cluster changes.
    auto again = lab.Tfsk({"up", "--set", "server.image=tfsk-serving"});
    SHOW(again);
    REQUIRE(again.exit_code == 0);
    CHECK(Contains(again.err, "apply: unchanged 4"));
    CHECK(pod_spec("containers[0].image") == image);
    // `minikube image ls` lists the tag, so the archive is not loaded a second time.
    CHECK(Contains(again.err, "image: " + image + " already in minikube"));
    CHECK_FALSE(Contains(again.err, "loaded into minikube"));
    CHECK(Read(loads) == loaded);
    CHECK(lab.Tfsk({"down"}).exit_code == 0);
  }

  TEST_CASE("minikube image load fails: nothing is applied") {
    KubeLab lab;
    lab.options.env["MINIKUBE_STANDIN_FAIL"] = "image:80";
    auto up = lab.Tfsk({"up", "--set", "server.image=tfsk-serving"});
    SHOW(up);
    CHECK(up.exit_code != 0);
    CHECK(Contains(up.err, "GUEST_IMAGE_LOAD"));
    auto left = lab.Kubectl({"get", "deployment,service,configmap,hpa", "-o", "name"});
    SHOW(left);
    CHECK(left.out.empty());
  }

  TEST_CASE("pods that never become ready: up fails and says ImagePullBackOff") {
    KubeLab lab({"--never-ready"});
    auto up = lab.Tfsk({"up", "--set", "rollout.timeoutSeconds=3"});
    SHOW(up);
    CHECK(up.exit_code != 0);
    CHECK(Contains(up.err, "ImagePullBackOff"));
    CHECK(Contains(up.err, "Back-off pulling image"));

    auto status = lab.Tfsk({"status", "-o", "json"});
    SHOW(status);
    CHECK(Contains(status.out, R"("blocker":"ImagePullBackOff")"));
    CHECK(Contains(status.out, R"("healthy":false)"));

    auto down = lab.Tfsk({"down"});
    SHOW(down);
    CHECK(down.exit_code == 0);
  }

  TEST_CASE(
      "a template with an unknown field: the server's strict decoding error, nothing applied") {
    KubeLab lab;
    fs::create_directories(lab.project / "templates");
    for (const auto& e : fs::directory_iterator(testing::TestSourceDir() / "templates")) {
      if (e.path().extension() == ".mustache")
        fs::copy_file(e.path(), lab.project / "templates" / e.path().filename());
    }
    {
      const fs::path deployment = lab.project / "templates" / "deployment.yaml.mustache";
      std::string text = Read(deployment);
      const std::string anchor = "          image: {{image}}\n";
      REQUIRE(Contains(text, anchor));
      text.replace(text.find(anchor), anchor.size(), anchor + "          imagePolicy: Always\n");
      std::ofstream(deployment) << text;
    }
    auto up = lab.Tfsk({"up", "--set", "render.templates=templates"});
    SHOW(up);
    CHECK(up.exit_code != 0);
    CHECK(Contains(
        up.err,
        R"(strict decoding error: unknown field "spec.template.spec.containers[0].imagePolicy")"));
    auto left = lab.Kubectl({"get", "deployment,service,configmap,hpa", "-o", "name"});
    SHOW(left);
    CHECK(left.out.empty());
  }

  TEST_CASE("target kube on context prod, image holding the model: up, status, down") {
    KubeLab lab({"--ready-after", "1"});
    lab.Project(
        "apiVersion: tfsk/v1\nmodel:\n  name: half_plus_two\nserver:\n"
        "  image: registry.example.com/team/hpt-serving:1\n  modelInImage: true\n"
        "cluster:\n  target: kube\n  context: prod\n");
    auto up = lab.Tfsk({"up"});
    SHOW(up);
    INFO("api requests:\n" << lab.Requests());
    REQUIRE(up.exit_code == 0);
    CHECK(Contains(up.out, "Target: kube"));
    CHECK(Contains(up.err, "context prod: cluster.context"));
    CHECK(Contains(up.err, "metrics: the Metrics API answers"));
    CHECK(Contains(up.err, "apply: created 4"));
    CHECK(Contains(up.err, "rollout: deployment/tf-serving-deployment ready"));
    // No minikube step ran (the stand-in would have recorded a profile).
    CHECK_FALSE(fs::exists(lab.dir.path() / "minikube"));
    // Nothing answers on the NodePort here: no URL, the port-forward is the way in.
    CHECK(Contains(up.err, "kubectl port-forward"));
    const std::string state = Read(lab.project / ".tfsk" / "state.json");
    CHECK(Contains(state, R"("target":"kube")"));
    CHECK(Contains(state, R"("context":"prod")"));
    auto pod = lab.Kubectl({"get", "deployment", "tf-serving-deployment", "-o",
                            "jsonpath={.spec.template.spec.containers[0].image} "
                            "{.spec.template.spec.volumes}"});
    SHOW(pod);
    CHECK(pod.out == "registry.example.com/team/hpt-serving:1 ");

    auto again = lab.Tfsk({"up"});
    SHOW(again);
    CHECK(again.exit_code == 0);
    CHECK(Contains(again.err, "up: already up to date (unchanged)"));

    auto status = lab.Tfsk({"status"});
    SHOW(status);
    CHECK(status.exit_code == 0);
    CHECK(Contains(status.out, "cluster     context prod: reachable"));
    CHECK(Contains(status.out, "deployment  tf-serving-deployment: 1/1 ready"));

    auto down = lab.Tfsk({"down"});
    SHOW(down);
    CHECK(down.exit_code == 0);
    CHECK(Contains(down.err, "delete: all pods gone"));
    CHECK(Contains(down.err, "the cluster itself is left as it is"));
    auto left = lab.Kubectl({"get", "deployment,service,configmap,hpa,pods", "-o", "name"});
    CHECK(left.out.empty());
    CHECK_FALSE(fs::exists(lab.project / ".tfsk" / "state.json"));
  }

  TEST_CASE("target kube with a context the kubeconfig lacks: the contexts it has") {
    KubeLab lab;
    lab.Project(
        "apiVersion: tfsk/v1\nserver:\n  image: r.example/hpt:1\n  modelInImage: true\n"
        "cluster:\n  target: kube\n  context: staging\n");
    auto up = lab.Tfsk({"up"});
    SHOW(up);
    CHECK(up.exit_code == 4);
    CHECK(Contains(up.err,
                   "context 'staging' (cluster.context) is not in the kubeconfig; its "
                   "contexts: minikube, prod"));
    CHECK_FALSE(Contains(lab.Requests(), "POST"));
  }

  TEST_CASE("target kube pushing tfsk-serving: skopeo copy, the pinned digest rendered") {
    KubeLab lab({"--ready-after", "1"});
    fs::copy_file(testing::TestSourceDir() / "tests" / "e2e" / "fake_skopeo.sh",
                  lab.bin / "skopeo");
    lab.options.env["FAKE_SKOPEO_LOG"] = (lab.dir.path() / "skopeo.argv").string();
    std::ofstream(lab.project / "tfsk-serving.tar") << "an image archive (the fake reads nothing)";
    lab.Project(
        "apiVersion: tfsk/v1\nmodel:\n  path: ./saved_model_half_plus_two_cpu\nserver:\n"
        "  image: tfsk-serving\ncluster:\n  target: kube\n  context: prod\n");
    auto up = lab.Tfsk(
        {"up", "--registry", "registry.example.com/team", "--image-archive", "tfsk-serving.tar"});
    SHOW(up);
    REQUIRE(up.exit_code == 0);
    const std::string digest =
        "sha256:2a92fdabdec6575016448029d3e027aebd9dbf5464e512c27522a47db4d95beb";
    CHECK(Contains(up.err, "image: pushed registry.example.com/team/tfsk-serving@" + digest));
    CHECK(Read(lab.dir.path() / "skopeo.argv") ==
          "copy\n--digestfile\n" + (lab.project / ".tfsk" / "push.digest").string() +
              "\ndocker-archive:" + (lab.project / "tfsk-serving.tar").string() +
              "\ndocker://registry.example.com/team/tfsk-serving:half_plus_two\n");
    auto pod = lab.Kubectl({"get", "deployment", "tf-serving-deployment", "-o",
                            "jsonpath={.spec.template.spec.containers[0].image} "
                            "{.spec.template.spec.containers[0].imagePullPolicy}"});
    SHOW(pod);
    CHECK(pod.out == "registry.example.com/team/tfsk-serving@" + digest + " IfNotPresent");
    CHECK_FALSE(fs::exists(lab.project / ".tfsk" / "push.digest"));
    CHECK(lab.Tfsk({"down"}).exit_code == 0);

    // Without a registry it is a config error naming the flag, before anything runs.
    auto no_registry = lab.Tfsk({"up", "--image-archive", "tfsk-serving.tar"});
    SHOW(no_registry);
    CHECK(no_registry.exit_code == 3);
    CHECK(Contains(no_registry.err, "--registry"));
  }

  TEST_CASE("target kube, tfsk-serving without an archive: tfsk builds it with the model inside") {
    KubeLab lab({"--ready-after", "1"});
    fs::copy_file(testing::TestSourceDir() / "tests" / "e2e" / "fake_skopeo.sh",
                  lab.bin / "skopeo");
    lab.options.env["FAKE_SKOPEO_LOG"] = (lab.dir.path() / "skopeo.argv").string();
    lab.Project(
        "apiVersion: tfsk/v1\nmodel:\n  path: ./saved_model_half_plus_two_cpu\nserver:\n"
        "  image: tfsk-serving\ncluster:\n  target: kube\n  context: prod\n"
        "  registry: localhost:5000\n");
    auto up = lab.Tfsk({"up"});
    SHOW(up);
    REQUIRE(up.exit_code == 0);
    CHECK(Contains(up.err, "with the model inside"));
    // skopeo was handed the archive tfsk wrote, and that archive carries the model's files.
    const std::string argv = Read(lab.dir.path() / "skopeo.argv");
    const auto at = argv.find("docker-archive:");
    REQUIRE(at != std::string::npos);
    const std::string archive =
        (lab.project / argv.substr(at + 15, argv.find('\n', at) - at - 15)).string();
    CHECK(Contains(argv, "--dest-tls-verify=false"));  // a loopback registry
    auto listing = lab.Run({"tar", "-tf", archive});
    CHECK(Contains(listing.out, "manifest.json"));
    auto layers = lab.Run({"sh", "-c",
                           "cd \"$(mktemp -d)\" && tar -xf '" + archive +
                               "' && for l in $(ls blobs/sha256); do tar -tzf "
                               "blobs/sha256/$l 2>/dev/null; done"});
    CHECK(Contains(layers.out, "models/half_plus_two/00000123/saved_model.pb"));
    auto pod =
        lab.Kubectl({"get", "deployment", "tf-serving-deployment", "-o",
                     "jsonpath={.spec.template.spec.containers[0].securityContext.runAsUser} "
                     "{.spec.template.spec.volumes}"});
    SHOW(pod);
    CHECK(pod.out == "65532 ");  // nonroot, and no volume: the model is in the image
    CHECK(lab.Tfsk({"down"}).exit_code == 0);
  }
}

}  // namespace
}  // namespace tfsk
