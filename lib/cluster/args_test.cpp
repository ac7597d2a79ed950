// Table tests of the pure argv builders: what tfsk would run, word for word.
#include <doctest/doctest.h>

#include "lib/cluster/kubectl_args.h"
#include "lib/cluster/minikube_args.h"

namespace tfsk::cluster {
namespace {

struct Row {
  const char* what;
  Argv got;
  std::string want;
};

void CheckRows(const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CHECK(FormatArgv(row.got) == row.want);
  }
}

TEST_SUITE("MinikubeArgs") {
  TEST_CASE("every command names the profile") {
    MinikubeArgs mk("tfsk");
    CheckRows({
        {"status", mk.Status(), "minikube -p tfsk status -o json"},
        {"stop", mk.Stop(), "minikube -p tfsk stop"},
        {"delete", mk.Delete(), "minikube -p tfsk delete"},
        {"ip", mk.Ip(), "minikube -p tfsk ip"},
        {"addons list", mk.AddonsList(), "minikube -p tfsk addons list -o json"},
        {"addon enable", mk.AddonEnable("metrics-server"),
         "minikube -p tfsk addons enable metrics-server"},
        {"service", mk.ServiceUrl("tf-serving-service", "default"),
         "minikube -p tfsk service tf-serving-service --url -n default"},
        {"dashboard", mk.DashboardUrl(), "minikube -p tfsk dashboard --url"},
        {"image load", mk.ImageLoad("/p/.tfsk/images/x.tar"),
         "minikube -p tfsk image load /p/.tfsk/images/x.tar"},
        {"image ls", mk.ImageList(), "minikube -p tfsk image ls --format short"},
        {"ssh", mk.Ssh({"ls", "/var/tmp/models"}), "minikube -p tfsk ssh -- ls /var/tmp/models"},
        {"version", mk.Version(), "minikube version --short"},
        {"profiles", mk.ProfileList(), "minikube profile list -o json"},
    });
  }

  TEST_CASE("start passes both --mount and --mount-string (v1.37 changed --mount)") {
    MinikubeArgs mk("tfsk");
    StartSpec full{"docker", "2", "4096mb", "/home/u/models", "/var/tmp/models", "v1.32.0"};
    StartSpec bare;
    StartSpec windows{"hyperv", "", "", "C:/Users/u/models", "/var/tmp/models", ""};
    CheckRows({
        {"full", mk.Start(full),
         "minikube -p tfsk start --driver=docker --cpus=2 --memory=4096mb --mount "
         "--mount-string=/home/u/models:/var/tmp/models --kubernetes-version=v1.32.0"},
        {"defaults", mk.Start(bare), "minikube -p tfsk start"},
        {"json progress", mk.StartWithProgress(bare), "minikube -p tfsk start --output=json"},
        {"windows path", mk.Start(windows),
         "minikube -p tfsk start --driver=hyperv --mount "
         "--mount-string=C:/Users/u/models:/var/tmp/models"},
    });
  }

  TEST_CASE("another program path is used as argv[0]") {
    CHECK(MinikubeArgs("p", "/opt/mk").Status().front() == "/opt/mk");
  }
}

TEST_SUITE("KubectlArgs") {
  TEST_CASE("context and namespace come first on every cluster command") {
    KubectlArgs k({"tfsk", "ml"});
    CheckRows({
        {"apply", k.Apply(), "kubectl --context tfsk --namespace ml apply -f -"},
        {"apply dry-run", k.Apply(true),
         "kubectl --context tfsk --namespace ml apply --dry-run=server -f -"},
        {"get", k.Get("hpa", "tf-serving-hpa"),
         "kubectl --context tfsk --namespace ml get hpa tf-serving-hpa -o json"},
        {"list", k.List("pods", "app=tf-serving"),
         "kubectl --context tfsk --namespace ml get pods -l app=tf-serving -o json"},
        {"events", k.Events(), "kubectl --context tfsk --namespace ml get events -o json"},
        {"events of one object", k.Events("pod-1"),
         "kubectl --context tfsk --namespace ml get events --field-selector "
         "involvedObject.name=pod-1 -o json"},
        {"delete",
         k.DeleteBySelector({"deployment", "service", "hpa", "configmap"},
                            "app.kubernetes.io/managed-by=tfsk", true),
         "kubectl --context tfsk --namespace ml delete deployment,service,hpa,configmap -l "
         "app.kubernetes.io/managed-by=tfsk --ignore-not-found --wait=true"},
        {"rollout", k.RolloutStatus("tf-serving-deployment", std::chrono::seconds(300)),
         "kubectl --context tfsk --namespace ml rollout status deployment/tf-serving-deployment "
         "--timeout=300s"},
        {"top", k.TopPods(), "kubectl --context tfsk --namespace ml top pods"},
        {"top selected", k.TopPods("app=x"),
         "kubectl --context tfsk --namespace ml top pods -l app=x"},
        {"logs", k.Logs("app=x", 50, true),
         "kubectl --context tfsk --namespace ml logs -l app=x --tail=50 --prefix -f "
         "--max-log-requests=100"},
        {"With", k.With({"get", "apiservice", "v1beta1.metrics.k8s.io", "-o", "json"}),
         "kubectl --context tfsk --namespace ml get apiservice v1beta1.metrics.k8s.io -o json"},
    });
  }

  TEST_CASE("client version needs no context") {
    CHECK(FormatArgv(KubectlArgs({"tfsk", "default"}).ClientVersion()) ==
          "kubectl version --client -o json");
  }
}

}  // namespace
}  // namespace tfsk::cluster
