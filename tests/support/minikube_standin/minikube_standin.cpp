// A `minikube` stand-in for tests: prints what minikube v1.37 prints through pipes (the low-fi
// "* " / "! " / "X " prefixes; see ../../testdata/cluster/README.md and k8s-tools.md §1), keeps
// per-profile state in files, and fails on request. Built as `minikube` in
// <build>/standins/bin so a test can put that folder first on PATH.
//
// Commands: version, status, start, stop, delete, ip, addons list|enable, profile list -o json,
// service NAME --url,
// dashboard --url (blocks until SIGINT), ssh -- ls GUEST_PATH (lists the mounted host folder),
// image load FILE (checks the archive holds a docker manifest.json; adds its RepoTags to the
// profile's images and appends the file to images.log in the state folder),
// image ls --format short (those images as the runtime spells them, beside Kubernetes' own).
//
// Environment:
//   MINIKUBE_STANDIN_STATE   folder for state (<profile>.state) and calls.log (default /tmp/...)
//   MINIKUBE_STANDIN_FAIL    "cmd:code[,cmd:code]" e.g. "start:81", "service:115", "start:29",
//                            "image:80" (image load), "image-ls:80"
//   MINIKUBE_STANDIN_RUNTIME docker (default) or cri-o: how `image ls` spells a short name
//                            (docker.io/library/NAME:TAG or localhost/NAME:TAG)
//   MINIKUBE_STANDIN_TUNNEL  a GOOS (darwin, windows, linux): `service --url` behaves like the
//                            docker driver there: URL, warning, block until SIGINT, exit 0
//   MINIKUBE_STANDIN_SERVICES  comma list of services that exist (default: any)
//   MINIKUBE_STANDIN_IP / _NODEPORT / _TUNNEL_PORT   the addresses printed
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/minikube_standin/standin_support.h"

namespace {

using namespace standin;

int Status(const Cli& cli, const std::optional<State>& s) {
  if (!s || RequestedFailure("status") == 85) return ProfileNotFound(cli);
  bool up = s->at("host") == "Running";
  std::string h = up ? "Running" : "Stopped";
  std::string kc = up ? "Configured" : "Stopped";
  if (cli.Flag("output") == "json") {
    std::cout << R"({"Name":")" << cli.profile << R"(","Host":")" << h << R"(","Kubelet":")" << h
              << R"(","APIServer":")" << h << R"(","Kubeconfig":")" << kc << R"(","Worker":false})";
  } else {
    std::cout << cli.profile << "\ntype: Control Plane\nhost: " << h << "\nkubelet: " << h
              << "\napiserver: " << h << "\nkubeconfig: " << kc << "\n\n";
  }
  return up ? 0 : 7;
}

int Start(const Cli& cli, std::optional<State> s) {
  const std::string driver = cli.Flag("driver", s ? s->at("driver") : "docker");
  const std::string mount = cli.Flag("mount-string", s ? s->at("mount") : "");
  switch (RequestedFailure("start")) {
    case 0:
      break;
    case 81:
      return Exit(81, "GUEST_MOUNT_CONFLICT: Sorry, " + driver +
                          " does not allow mounts to be changed after container creation "
                          "(previous mount: '', new mount: '" +
                          mount + ")'");
    case 80:
      return Exit(
          80, "GUEST_START: failed to start node: creating host: create: creating: exit status 1");
    case 29:
      return Exit(
          29,
          "RSRC_INSUFFICIENT_CORES: Requested cpu count 1 is less than the minimum allowed of 2");
    case 23:
      return Exit(23,
                  "RSRC_INSUFFICIENT_REQ_MEMORY: Requested memory allocation 1024MiB is less than "
                  "the usable minimum of 1800MB");
    case 55:
      return Exit(55,
                  "DRV_NOT_DETECTED: No possible driver was detected. Try specifying --driver, or "
                  "see https://minikube.sigs.k8s.io/docs/start/");
    default:
      return Exit(RequestedFailure("start"), "GUEST_START: requested failure");
  }
  Step(0, "Initial Minikube Setup", "[" + cli.profile + "] minikube " + kVersion + " on Debian 12");
  if (s) {
    // KIC drivers bind the mount at container creation (k8s-tools.md §1.2).
    if ((driver == "docker" || driver == "podman") && s->at("mount") != mount) {
      return Exit(81, "GUEST_MOUNT_CONFLICT: Sorry, " + driver +
                          " does not allow mounts to be changed after container creation "
                          "(previous mount: '" +
                          s->at("mount") + "', new mount: '" + mount + ")'");
    }
    Step(1, "Selecting Driver", "Using the " + driver + " driver based on existing profile");
  } else {
    Step(1, "Selecting Driver", "Using the " + driver + " driver based on user configuration");
    s = State{{"driver", driver},
              {"mount", mount},
              {"addons", "default-storageclass,storage-provisioner"}};
  }
  (*s)["host"] = "Running";
  const std::string p = cli.profile;
  Step(3, "Starting Node",
       "Starting \"" + p + "\" primary control-plane node in \"" + p + "\" cluster");
  Step(8, "Creating Container",
       "Creating " + driver + " container (CPUs=" + cli.Flag("cpus", "2") +
           ", Memory=" + cli.Flag("memory", "4096mb") + ") ...");
  Step(13, "Preparing Kubernetes", "Preparing Kubernetes v1.34.0 on Docker 28.4.0 ...");
  Step(17, "Verifying Kubernetes", "Verifying Kubernetes components...");
  Step(18, "Enabling Addons", "Enabled addons: storage-provisioner, default-storageclass");
  Step(19, "Done",
       "Done! kubectl is now configured to use \"" + p +
           "\" cluster and \"default\" namespace by default");
  Save(cli.profile, *s);
  return 0;
}

bool AddonOn(const State& s, const std::string& name) {
  return ("," + s.at("addons") + ",").find("," + name + ",") != std::string::npos;
}

int Addons(const Cli& cli, std::optional<State> s) {
  const std::string sub = cli.words.size() > 1 ? cli.words[1] : "";
  if (sub == "list") {
    // Go's json.Marshal of map[string]map[string]interface{}: sorted keys, no newline.
    std::cout << '{';
    for (std::size_t i = 0; i < kAddons.size(); ++i) {
      if (i) std::cout << ',';
      std::cout << '"' << kAddons[i] << "\":";
      if (!s) {
        std::cout << "{}";
      } else {
        std::cout << R"({"Profile":")" << cli.profile << R"(","Status":")"
                  << (AddonOn(*s, kAddons[i]) ? "enabled" : "disabled") << "\"}";
      }
    }
    std::cout << '}';
    return 0;
  }
  if (!s) return ProfileNotFound(cli);
  if (s->at("host") != "Running") return NotRunning(cli, *s);
  const std::string name = cli.words.size() > 2 ? cli.words[2] : "";
  if (sub == "enable") {
    if (!AddonOn(*s, name)) (*s)["addons"] += "," + name;
    Save(cli.profile, *s);
    std::cout
        << "* " << name
        << " is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\n"
        << "You can view the list of minikube maintainers at: "
           "https://github.com/kubernetes/minikube/blob/master/OWNERS\n"
        << "  - Using image registry.k8s.io/metrics-server/metrics-server:v0.8.0\n"
        << "* The '" << name << "' addon is enabled\n";
    return 0;
  }
  return Exit(14, "MK_USAGE: usage: minikube addons SUBCOMMAND");
}

// Blocks SIGINT before anything is printed, so a Ctrl-C that arrives right after the URL is
// held for WaitForSigint() instead of killing the stand-in halfway through its output.
// SIGTERM stays default: it kills, as with minikube.
void HoldSigint() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigprocmask(SIG_BLOCK, &set, nullptr);
}

int WaitForSigint() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  return 0;
}

int Service(const Cli& cli, const std::optional<State>& s) {
  HoldSigint();
  if (!s) return ProfileNotFound(cli);
  if (s->at("host") != "Running") return NotRunning(cli, *s);
  const std::string name = cli.words.size() > 1 ? cli.words[1] : "";
  const std::string ns = cli.Flag("namespace", "default");
  const std::string known = Env("MINIKUBE_STANDIN_SERVICES");
  if (!known.empty() && ("," + known + ",").find("," + name + ",") == std::string::npos) {
    return Exit(
        115, "SVC_NOT_FOUND: Service '" + name + "' was not found in '" + ns + "' namespace.",
        "You may select another namespace by using 'minikube service " + name +
            " -n <namespace>'. Or list out all the services using 'minikube service list'\n");
  }
  if (RequestedFailure("service") == 115) {
    return Exit(115, "SVC_UNREACHABLE: service not available: no running pod for service " + name +
                         " found");
  }
  const std::string goos = Env("MINIKUBE_STANDIN_TUNNEL");
  if (goos.empty()) {
    std::cout << "http://" << Env("MINIKUBE_STANDIN_IP", "192.168.49.2") << ':'
              << Env("MINIKUBE_STANDIN_NODEPORT", "30001") << '\n';
    return 0;
  }
  std::cout << "http://127.0.0.1:" << Env("MINIKUBE_STANDIN_TUNNEL_PORT", "57123") << '\n'
            << std::flush;
  std::cerr << "! Because you are using a Docker driver on " << goos
            << ", the terminal needs to be open to run it.\n"
            << std::flush;
  return WaitForSigint();
}

int Dashboard(const Cli& cli, const std::optional<State>& s) {
  HoldSigint();
  if (!s) return ProfileNotFound(cli);
  if (s->at("host") != "Running") return NotRunning(cli, *s);
  // k8s-tools.md §1.8: progress on stderr, the URL on stdout, then the proxy keeps running.
  std::cerr << "* Enabling dashboard ...\n* Verifying dashboard health ...\n"
            << "* Launching proxy ...\n* Verifying proxy health ...\n"
            << std::flush;
  std::cout
      << "http://127.0.0.1:" << Env("MINIKUBE_STANDIN_TUNNEL_PORT", "43117")
      << "/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/\n"
      << std::flush;
  return WaitForSigint();
}

// `ssh -- ls GUEST_PATH`: lists the host side of the mount when GUEST_PATH is under its guest
// side, so a test can check what the pod would see. Anything else is not simulated.
int Ssh(const Cli& cli, const std::optional<State>& s, const std::vector<std::string>& command) {
  if (!s) return ProfileNotFound(cli);
  if (s->at("host") != "Running") return NotRunning(cli, *s);
  if (command.size() != 2 || command[0] != "ls") {
    std::cerr << "minikube stand-in: only `ssh -- ls PATH` is simulated\n";
    return 1;
  }
  const std::string mount = s->at("mount");
  const auto colon = mount.rfind(':');
  const std::string host = colon == std::string::npos ? "" : mount.substr(0, colon);
  const std::string guest = colon == std::string::npos ? "" : mount.substr(colon + 1);
  const std::string& path = command[1];
  fs::path local;
  if (!guest.empty() && path.rfind(guest, 0) == 0) {
    std::string rest = path.substr(guest.size());
    while (!rest.empty() && rest.front() == '/') rest.erase(0, 1);
    local = rest.empty() ? fs::path(host) : fs::path(host) / rest;
  }
  std::error_code ec;
  if (local.empty() || !fs::exists(local, ec)) {
    std::cerr << "ls: cannot access '" << path << "': No such file or directory\n";
    return 1;  // approximation: the remote status is not passed through verbatim
  }
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(local, ec))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const auto& n : names) std::cout << n << '\n';
  return 0;
}

// The entries of a tar archive (ustar headers: name at 0, octal size at 124, 512-byte blocks),
// with the contents of the one called `want` (empty name: none) in `*content`.
std::vector<std::string> TarNames(const fs::path& file, const std::string& want = "",
                                  std::string* content = nullptr) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> names;
  char block[512];
  while (in.read(block, sizeof block)) {
    if (block[0] == '\0') break;  // end of archive
    names.emplace_back(block, strnlen(block, 100));
    const unsigned long size = std::strtoul(std::string(block + 124, 12).c_str(), nullptr, 8);
    const auto padded = static_cast<std::streamoff>((size + 511) / 512 * 512);
    if (content != nullptr && !want.empty() && names.back() == want) {
      content->resize(size);
      in.read(content->data(), static_cast<std::streamsize>(size));
      in.seekg(padded - static_cast<std::streamoff>(size), std::ios::cur);
    } else {
      in.seekg(padded, std::ios::cur);
    }
  }
  return names;
}

// The "RepoTags" strings of a docker-archive manifest.json ([{"Config":…,"RepoTags":["a:1"],…}]).
// Enough JSON for the archives tfsk and `docker save` write: no escapes inside tags.
std::vector<std::string> RepoTags(const std::string& manifest) {
  std::vector<std::string> tags;
  for (std::size_t at = manifest.find("\"RepoTags\""); at != std::string::npos;
       at = manifest.find("\"RepoTags\"", at + 1)) {
    const std::size_t open = manifest.find('[', at), close = manifest.find(']', at);
    if (open == std::string::npos || close == std::string::npos) break;
    for (std::size_t q = manifest.find('"', open); q != std::string::npos && q < close;) {
      const std::size_t end = manifest.find('"', q + 1);
      if (end == std::string::npos) break;
      tags.push_back(manifest.substr(q + 1, end - q - 1));
      q = manifest.find('"', end + 1);
    }
  }
  return tags;
}

// How the node's runtime lists an image loaded as `tag` (minikube's cruntime): docker and
// containerd put a short name under docker.io (library/ for a single word), cri-o under
// localhost/. A name whose first part is a registry (has '.' or ':', or is localhost) stays.
std::string AsListed(const std::string& tag) {
  const auto slash = tag.find('/');
  const std::string first = slash == std::string::npos ? "" : tag.substr(0, slash);
  if (first.find_first_of(".:") != std::string::npos || first == "localhost") return tag;
  if (Env("MINIKUBE_STANDIN_RUNTIME", "docker") == "cri-o") return "localhost/" + tag;
  return slash == std::string::npos ? "docker.io/library/" + tag : "docker.io/" + tag;
}

// `image load FILE`: silent on success, as minikube is through a pipe; GUEST_IMAGE_LOAD (exit 80)
// for a file that is missing or is not an image archive (no manifest.json), or on request. The
// archive's tags join the profile's image list (gone with `delete`), and the file is appended to
// images.log in the state folder, so a test can count the loads.
int ImageLoad(const Cli& cli, std::optional<State> s) {
  if (!s) return ProfileNotFound(cli);
  if (s->at("host") != "Running") return NotRunning(cli, *s);
  const std::string file = cli.words.size() > 2 ? cli.words[2] : "";
  std::error_code ec;
  const std::string cache = "caching image \"" + file + "\": ";
  if (RequestedFailure("image") == 80 || !fs::is_regular_file(file, ec)) {
    return Exit(80, "GUEST_IMAGE_LOAD: Failed to load image: save to dir: caching images: " +
                        cache + "open " + file + ": no such file or directory");
  }
  std::string manifest;
  const auto names = TarNames(file, "manifest.json", &manifest);
  if (std::find(names.begin(), names.end(), "manifest.json") == names.end()) {
    return Exit(80, "GUEST_IMAGE_LOAD: Failed to load image: save to dir: caching images: " +
                        cache + "file does not contain manifest.json");
  }
  std::string& images = (*s)["images"];
  for (const auto& tag : RepoTags(manifest)) {
    if ((" " + images + " ").find(" " + AsListed(tag) + " ") == std::string::npos) {
      images += (images.empty() ? "" : " ") + AsListed(tag);
    }
  }
  Save(cli.profile, *s);
  std::ofstream(StateDir() / "images.log", std::ios::app) << file << "\n";
  return 0;
}

// `image ls [--format short]`: the runtime's references, as minikube prints the short format:
// every tag, reverse-sorted, one per line, with one trailing newline (just "\n" when there is
// none, e.g. a stopped node, where minikube only logs a warning). Kubernetes' own images are
// listed too, so a caller has to pick its image out. GUEST_IMAGE_LIST (80) on request.
int ImageList(const Cli& cli, const std::optional<State>& s) {
  if (!s) return ProfileNotFound(cli);
  if (RequestedFailure("image-ls") == 80) {
    return Exit(80, "GUEST_IMAGE_LIST: Failed to list images: error creating api client");
  }
  const std::string format = cli.Flag("format", "short");
  if (format != "short") {
    std::cerr << "minikube stand-in: only `image ls --format short` is simulated\n";
    return 1;
  }
  std::vector<std::string> refs;
  if (s->at("host") == "Running") {
    refs = {"registry.k8s.io/pause:3.10.1", "registry.k8s.io/kube-apiserver:v1.34.0",
            "registry.k8s.io/etcd:3.6.4-0", "gcr.io/k8s-minikube/storage-provisioner:v5"};
    std::istringstream loaded(s->count("images") ? s->at("images") : "");
    for (std::string ref; loaded >> ref;) refs.push_back(ref);
  }
  std::sort(refs.rbegin(), refs.rend());
  std::string out;
  for (const auto& r : refs) out += (out.empty() ? "" : "\n") + r;
  std::cout << out << '\n';
  return 0;
}

// `profile list -o json`: {"invalid":[],"valid":[Profile…]} with the ClusterConfig fields tfsk
// reads.
int ProfileList() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(StateDir(), ec)) {
    if (e.path().extension() == ".state") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  std::cout << R"({"invalid":[],"valid":[)";
  for (std::size_t i = 0; i < names.size(); ++i) {
    State s = *Load(names[i]);
    const bool kic = s["driver"] == "docker" || s["driver"] == "podman";
    std::cout << (i ? "," : "") << R"({"Name":")" << names[i] << R"(","Status":")"
              << (s["host"] == "Running" ? "OK" : "Stopped") << R"(","Config":{"Name":")"
              << names[i] << R"(","Memory":4096,"CPUs":2,"Driver":")" << s["driver"]
              << R"(","ContainerVolumeMounts":)"
              << (kic && !s["mount"].empty() ? "[\"" + s["mount"] + "\"]" : std::string("null"))
              << R"(,"KubernetesConfig":{"KubernetesVersion":"v1.34.0"},"MountString":")"
              << s["mount"] << R"("},"Active":false,"ActiveKubeContext":true})";
  }
  std::cout << "]}";
  return 0;
}

int Run(const Cli& cli, const std::vector<std::string>& after_dashdash) {
  const std::string cmd = cli.words.empty() ? "" : cli.words[0];
  auto state = Load(cli.profile);
  if (int code = RequestedFailure(cmd); code == 85) return ProfileNotFound(cli);
  if (cmd == "version") {
    if (cli.Has("short")) {
      std::cout << kVersion << '\n';
    } else {
      std::cout << "minikube version: " << kVersion << "\ncommit: standin\n";
    }
    return 0;
  }
  if (cmd == "status") return Status(cli, state);
  if (cmd == "start") return Start(cli, state);
  if (cmd == "addons") return Addons(cli, state);
  if (cmd == "service") return Service(cli, state);
  if (cmd == "dashboard") return Dashboard(cli, state);
  if (cmd == "image" && cli.words.size() > 1 && cli.words[1] == "load")
    return ImageLoad(cli, state);
  if (cmd == "image" && cli.words.size() > 1 && (cli.words[1] == "ls" || cli.words[1] == "list"))
    return ImageList(cli, state);
  if (cmd == "profile" && cli.words.size() > 1 && cli.words[1] == "list") return ProfileList();
  if (cmd == "ssh") return Ssh(cli, state, after_dashdash);
  if (cmd == "ip") {
    if (!state) return ProfileNotFound(cli);
    if (state->at("host") != "Running") return NotRunning(cli, *state);
    std::cout << Env("MINIKUBE_STANDIN_IP", "192.168.49.2") << '\n';
    return 0;
  }
  if (cmd == "stop") {
    if (!state) return ProfileNotFound(cli);
    (*state)["host"] = "Stopped";
    Save(cli.profile, *state);
    std::cout << "* Stopping node \"" << cli.profile << "\"  ...\n* 1 node stopped.\n";
    return 0;
  }
  if (cmd == "delete") {
    if (!state)
      std::cout << "* \"" << cli.profile << "\" profile does not exist, trying anyways.\n";
    std::error_code ec;
    fs::remove(StateDir() / (cli.profile + ".state"), ec);
    std::cout << "* Removed all traces of the \"" << cli.profile << "\" cluster.\n";
    return 0;
  }
  std::cerr << "Error: unknown command \"" << cmd << "\" for \"minikube\"\n"
            << "Run 'minikube --help' for usage.\n";
  return 14;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Cli cli = Parse(argc, argv);
    SetJsonOutput(cli.Flag("output") == "json" && !cli.words.empty() && cli.words[0] == "start");
    std::ofstream log(StateDir() / "calls.log", std::ios::app);
    for (int i = 0; i < argc; ++i) log << (i ? " " : "") << (i ? argv[i] : "minikube");
    log << '\n';
    log.close();
    std::vector<std::string> after_dashdash;
    for (int i = 1; i < argc; ++i) {
      if (std::string(argv[i]) == "--") {
        after_dashdash.assign(argv + i + 1, argv + argc);
        break;
      }
    }
    int code = Run(cli, after_dashdash);
    std::cout << std::flush;
    return code;
  } catch (const std::exception& e) {
    std::cerr << "minikube stand-in: " << e.what() << '\n';
    return 1;
  }
}
