#pragma once
// The minikube stand-in's plumbing: argv parsing, per-profile state files, and minikube's
// output conventions (low-fi "* "/"X " text, or CloudEvents lines with --output=json).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace standin {

namespace fs = std::filesystem;

inline constexpr const char* kVersion = "v1.37.0";
inline const std::vector<std::string> kAddons = {"dashboard", "default-storageclass", "ingress",
                                          "metrics-server", "registry", "storage-provisioner"};

/// $name, or `fallback` when unset or empty.
std::string Env(const char* name, const std::string& fallback = "");

/// minikube's command line: the profile, positional words and --flags (short forms folded).
struct Cli {
  std::string profile = "minikube";
  std::vector<std::string> words;  // positional words (command, subcommand, names)
  std::map<std::string, std::string> flags;
  bool Has(const std::string& f) const { return flags.count(f) != 0; }
  std::string Flag(const std::string& f, const std::string& d = "") const {
    auto it = flags.find(f);
    return it == flags.end() ? d : it->second;
  }
};

Cli Parse(int argc, char** argv);

/// MINIKUBE_STANDIN_STATE (created), where <profile>.state and calls.log live.
fs::path StateDir();

/// A profile's state: host, driver, mount, addons.
using State = std::map<std::string, std::string>;
std::optional<State> Load(const std::string& profile);
void Save(const std::string& profile, const State& s);

/// The exit code MINIKUBE_STANDIN_FAIL ("cmd:code,…") asks `cmd` to fail with, or 0.
int RequestedFailure(const std::string& cmd);

/// Switches Exit/Step to CloudEvents lines (`--output=json`).
void SetJsonOutput(bool on);
/// One CloudEvents line of type io.k8s.sigs.minikube.<type> with string data.
void Event(const std::string& type, const std::vector<std::pair<std::string, std::string>>& data);
/// minikube's exit path: "X Exiting due to REASON: …" on stderr (or an error event); returns code.
int Exit(int code, const std::string& reason_line, const std::string& extra = "");
/// A progress step: "* message", or a step event.
void Step(int n, const std::string& name, const std::string& message);
/// Exit 85 with minikube's "Profile … not found" lines on stdout.
int ProfileNotFound(const Cli& cli);
/// Exit 83: the host is not running.
int NotRunning(const Cli& cli, const State& s);

}  // namespace standin
