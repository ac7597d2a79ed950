#include "cli/request_args.h"

#include <filesystem>

#include "cli/app.h"
#include "lib/http/model_endpoint.h"
#include "lib/http/predict_request.h"
#include "lib/lifecycle/reach.h"

namespace tfsk::cli {

void AddRequestArgs(CLI::App* cmd, RequestArgs& a) {
  cmd->add_option("--instances", a.instances,
                  "Row-format input: a comma list (1.0,2.0,5.0 = a 1-D batch) or JSON");
  cmd->add_option("--inputs", a.inputs, "Columnar-format input (JSON)");
  cmd->add_option("--data", a.data, "Raw request body, or @file.json");
  cmd->add_option("--signature", a.signature, "signature_name (default: the server's)");
  cmd->add_option("--model", a.model,
                  "Model name (default: the local target's model, else half_plus_two)");
  cmd->add_option("--version", a.version, "Model version N");
  cmd->add_option("--label", a.label, "Version label L");
  cmd->add_option("--api", a.api, "predict, classify or regress")
      ->check(CLI::IsMember({"predict", "classify", "regress"}))
      ->capture_default_str();
  cmd->add_option("--url", a.url,
                  "Server origin (http://HOST:PORT) or full method URL; default: the local "
                  "target started by 'tfsk up'");
}

StatusOr<PreparedRequest> PrepareRequest(const RequestArgs& a) {
  http::PredictInput in{a.instances, a.inputs, a.data, a.signature};
  PreparedRequest out;
  TFSK_ASSIGN_OR_RETURN(out.body, http::BuildPredictBody(in));
  std::error_code ec;
  const auto cwd = std::filesystem::current_path(ec);
  out.runner = MakeRealProcessRunner();
  TFSK_ASSIGN_OR_RETURN(lifecycle::ReachableEndpoint reach,
                        lifecycle::ReachModelEndpoint(a.url, cwd, *out.runner));
  const http::ModelEndpoint ep = reach.endpoint;
  out.source = ep.source;
  out.deployment = std::move(reach.deployment);
  if (reach.tunnel) out.tunnel = std::make_shared<cluster::ServiceTunnel>(std::move(*reach.tunnel));
  if (ep.full_url) {
    out.url = ep.base_url;
    return out;
  }
  std::string model = a.model;
  if (model.empty()) model = ep.model_name.empty() ? "half_plus_two" : ep.model_name;
  TFSK_ASSIGN_OR_RETURN(std::string path, http::ModelPath(model, a.version, a.label, a.api));
  out.url = ep.base_url + path;
  return out;
}

int PrepareErrorExit(const Status& s) {
  return (s.code() == Code::kInvalidArgument || s.code() == Code::kUnimplemented) ? kExitUsage
                                                                                  : kExitFailure;
}

}  // namespace tfsk::cli
