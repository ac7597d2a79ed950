#include "lib/http/model_endpoint.h"

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "lib/http/url.h"

namespace tfsk::http {

namespace {

// A cluster target's .tfsk/state.json (lib/lifecycle/deploy_state.h) records the model URL as
// "http://IP:PORT/v1/models/NAME" when it is reachable without a tunnel.
StatusOr<ModelEndpoint> FromDeployState(const std::filesystem::path& project) {
  const std::filesystem::path state = project / ".tfsk" / "state.json";
  std::ifstream f(state, std::ios::binary);
  if (!f) {
    return FailedPrecondition(
        "no endpoint to send to: pass --url http://HOST:PORT, or start the model with "
        "`tfsk up` (see `tfsk status`)");
  }
  std::ostringstream os;
  os << f.rdbuf();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(os.str(), ec);
  const boost::json::object* obj = (!ec && v.is_object()) ? &v.as_object() : nullptr;
  const boost::json::value* url = obj ? obj->if_contains("url") : nullptr;
  if (url == nullptr || !url->is_string()) {
    return DataLoss(state.string() + ": not a tfsk state file (no \"url\"); run `tfsk up` again");
  }
  const std::string text(url->as_string());
  if (text.empty()) {
    return FailedPrecondition(
        "the deployment in " + state.string() +
        " is reached through a tunnel: run `tfsk url` in another terminal and pass its address "
        "with --url");
  }
  TFSK_ASSIGN_OR_RETURN(Url parsed, ParseUrl(text));
  ModelEndpoint ep;
  ep.base_url = parsed.Origin();
  ep.source = state.string();
  const std::string marker = "/v1/models/";
  if (auto at = parsed.target.find(marker); at != std::string::npos) {
    ep.model_name = parsed.target.substr(at + marker.size());
  }
  return ep;
}

}  // namespace

// Reads .tfsk/local.json directly (port, model_name) rather than through lib/state so that this
// leaf library has no dependency on the lifecycle rooms; the format is lib/state/local_state.h's.
StatusOr<ModelEndpoint> ResolveModelEndpoint(const std::string& url_flag,
                                             const std::filesystem::path& project) {
  ModelEndpoint ep;
  if (!url_flag.empty()) {
    TFSK_ASSIGN_OR_RETURN(Url url, ParseUrl(url_flag));
    ep.source = "--url";
    ep.full_url = url.target.find("/v1/models/") != std::string::npos;
    ep.base_url = ep.full_url ? url.ToString() : url.Origin();
    return ep;
  }
  const std::filesystem::path state = project / ".tfsk" / "local.json";
  std::ifstream f(state, std::ios::binary);
  if (!f) return FromDeployState(project);
  std::ostringstream os;
  os << f.rdbuf();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(os.str(), ec);
  const boost::json::object* obj = (!ec && v.is_object()) ? &v.as_object() : nullptr;
  const boost::json::value* port = obj ? obj->if_contains("port") : nullptr;
  if (port == nullptr || !port->is_int64() || port->as_int64() <= 0 || port->as_int64() > 65535) {
    return DataLoss(state.string() + ": not a local target state file (no valid \"port\"); run "
                    "`tfsk up` again or pass --url");
  }
  ep.base_url = "http://127.0.0.1:" + std::to_string(port->as_int64());
  ep.source = state.string();
  if (const boost::json::value* m = obj->if_contains("model_name"); m && m->is_string()) {
    ep.model_name = std::string(m->as_string());
  }
  return ep;
}

}  // namespace tfsk::http
