// Command-line parsing, per-profile state and minikube's output conventions for the stand-in.
#include "tests/support/minikube_standin/standin_support.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace standin {

std::string Env(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

namespace {

// Flags that take a value when written as "--flag value".
bool TakesValue(const std::string& f) {
  for (const char* v : {"p", "profile", "driver", "d", "cpus", "memory", "m", "mount-string",
                        "output", "o", "namespace", "n", "kubernetes-version", "addons", "format"}) {
    if (f == v) return true;
  }
  return false;
}

}  // namespace

Cli Parse(int argc, char** argv) {
  Cli cli;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-') {
      cli.words.push_back(a);
      continue;
    }
    std::string name = a.substr(a[1] == '-' ? 2 : 1), value = "true";
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (TakesValue(name) && i + 1 < argc) {
      value = argv[++i];
    }
    if (name == "d") name = "driver";
    if (name == "m") name = "memory";
    if (name == "o") name = "output";
    if (name == "n") name = "namespace";
    if (name == "p" || name == "profile") {
      cli.profile = value;
    } else {
      cli.flags[name] = value;
    }
  }
  return cli;
}

fs::path StateDir() {
  fs::path dir = Env("MINIKUBE_STANDIN_STATE", (fs::temp_directory_path() / "minikube-standin").string());
  fs::create_directories(dir);
  return dir;
}

std::optional<State> Load(const std::string& profile) {
  std::ifstream in(StateDir() / (profile + ".state"));
  if (!in) return std::nullopt;
  State s;
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos) s[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return s;
}

void Save(const std::string& profile, const State& s) {
  fs::path tmp = StateDir() / (profile + ".state.tmp");
  {
    std::ofstream out(tmp);
    for (const auto& [k, v] : s) out << k << '=' << v << '\n';
  }
  fs::rename(tmp, StateDir() / (profile + ".state"));
}

// The exit code MINIKUBE_STANDIN_FAIL asks for `cmd`, or 0.
int RequestedFailure(const std::string& cmd) {
  std::stringstream list(Env("MINIKUBE_STANDIN_FAIL"));
  std::string item;
  while (std::getline(list, item, ',')) {
    auto colon = item.find(':');
    if (colon != std::string::npos && item.substr(0, colon) == cmd) {
      return std::atoi(item.substr(colon + 1).c_str());
    }
  }
  return 0;
}

namespace {
bool g_json = false;  // `--output=json`: CloudEvents lines instead of text (k8s-tools.md §1.9)
}  // namespace

namespace {

std::string JsonEscape(const std::string& in) {
  std::string out;
  for (char c : in) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out;
}

}  // namespace

void SetJsonOutput(bool on) { g_json = on; }

void Event(const std::string& type, const std::vector<std::pair<std::string, std::string>>& data) {
  static int id = 0;
  std::cout << R"({"specversion":"1.0","id":"standin-)" << ++id
            << R"(","source":"https://minikube.sigs.k8s.io/","type":"io.k8s.sigs.minikube.)" << type
            << R"(","datacontenttype":"application/json","data":{)";
  for (std::size_t i = 0; i < data.size(); ++i) {
    std::cout << (i ? "," : "") << '"' << data[i].first << "\":\"" << JsonEscape(data[i].second) << '"';
  }
  std::cout << "}}\n" << std::flush;
}

// minikube's exit path: an empty line on stdout, the reason on stderr (or an error event).
int Exit(int code, const std::string& reason_line, const std::string& extra) {
  if (g_json) {
    const auto colon = reason_line.find(':');
    Event("error", {{"advice", extra}, {"exitcode", std::to_string(code)}, {"issues", ""},
                    {"message", colon == std::string::npos ? reason_line : reason_line.substr(colon + 2)},
                    {"name", reason_line.substr(0, colon)}, {"url", ""}});
    return code;
  }
  std::cout << '\n' << std::flush;
  std::cerr << "X Exiting due to " << reason_line << '\n' << extra;
  return code;
}

// A progress step: "* message" in text mode, a step event in JSON mode.
void Step(int n, const std::string& name, const std::string& message) {
  if (g_json) {
    Event("step", {{"currentstep", std::to_string(n)}, {"message", message + "\n"}, {"name", name},
                   {"totalsteps", "19"}});
  } else {
    std::cout << "* " << message << '\n';
  }
}

int ProfileNotFound(const Cli& cli) {
  std::string hint = cli.profile == "minikube" ? "minikube start" : "minikube start -p " + cli.profile;
  if (cli.Flag("output") == "json") {
    for (std::string msg : {"Profile \\\"" + cli.profile +
                                "\\\" not found. Run \\\"minikube profile list\\\" to view all profiles.",
                            "To start a cluster, run: \\\"" + hint + "\\\""}) {
      std::cout << R"({"specversion":"1.0","id":"0b3c6f0e-standin","source":"https://minikube.sigs.k8s.io/","type":"io.k8s.sigs.minikube.info","datacontenttype":"application/json","data":{"message":")"
                << msg << "\"}}\n";
    }
  } else {
    std::cout << "* Profile \"" << cli.profile
              << "\" not found. Run \"minikube profile list\" to view all profiles.\n"
              << "  To start a cluster, run: \"" << hint << "\"\n";
  }
  return 85;
}

int NotRunning(const Cli& cli, const State& s) {
  std::cerr << "X The control-plane node " << cli.profile
            << " host is not running: state=" << s.at("host") << '\n'
            << "* To start a cluster, run: \"minikube start -p " << cli.profile << "\"\n";
  return 83;
}

}  // namespace standin
