#pragma once
// The request options `tfsk predict` and `tfsk stress` share (--instances, --inputs, --data,
// --signature, --model, --version, --label, --api, --url) and turning them into a URL + body.

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "lib/base/status.h"
#include "lib/cluster/minikube.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/process/process_runner.h"

namespace tfsk::cli {

struct RequestArgs {
  std::string instances, inputs, data, signature;
  std::string model;  ///< "" = the local target's model, else half_plus_two (the lab's)
  std::optional<long long> version;
  std::string label;
  std::string api = "predict";
  std::string url;
};

/// Adds the shared flags to `cmd`.
void AddRequestArgs(CLI::App* cmd, RequestArgs& args);

struct PreparedRequest {
  std::string url;  ///< full URL, e.g. http://127.0.0.1:8501/v1/models/half_plus_two:predict
  std::string body;
  std::string source;  ///< where the endpoint came from: "--url" or a state file's path
  /// Set when the endpoint is what `tfsk up` deployed to a cluster (.tfsk/state.json).
  std::optional<lifecycle::DeployState> deployment;
  std::shared_ptr<ProcessRunner> runner;
  /// A minikube tunnel opened for this command (the URL works while it is held); declared after
  /// the runner so that it closes first.
  std::shared_ptr<cluster::ServiceTunnel> tunnel;
};

/// Resolves the endpoint (lifecycle::ReachModelEndpoint from the current folder: --url, the local
/// target, the cluster deployment — opening a minikube tunnel held by the result when the
/// deployment needs one) and builds the body. InvalidArgument/Unimplemented for bad flags (exit 2),
/// FailedPrecondition/DataLoss when there is no endpoint (exit 1).
StatusOr<PreparedRequest> PrepareRequest(const RequestArgs& args);

/// Exit code for a PrepareRequest error.
int PrepareErrorExit(const Status& s);

}  // namespace tfsk::cli
