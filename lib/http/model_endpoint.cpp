#include "lib/http/model_endpoint.h"

#include <boost/json.hpp>

#include <fstream>
#include <optional>
#include <sstream>

#include "lib/http/url.h"

namespace tfsk::http {
namespace {

// The state files are read directly rather than through lib/state or lib/lifecycle so that this
// leaf library depends on no lifecycle room; their formats are lib/state/local_state.h's
// (local.json) and lib/lifecycle/deploy_state.h's (state.json).

// nullopt when the file does not exist; the parsed value otherwise (null when it is not JSON).
std::optional<boost::json::value> ReadStateFile(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream os;
  os << f.rdbuf();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(os.str(), ec);
  if (ec) return boost::json::value(nullptr);
  return v;
}

const boost::json::value* Field(const boost::json::value& v, const char* key) {
  return v.is_object() ? v.as_object().if_contains(key) : nullptr;
}

// local.json: {"port": N, "model_name": "..."} of `tfsk up --target local`.
StatusOr<ModelEndpoint> FromLocalState(const boost::json::value& v,
                                       const std::filesystem::path& path) {
  const boost::json::value* port = Field(v, "port");
  if (port == nullptr || !port->is_int64() || port->as_int64() <= 0 || port->as_int64() > 65535) {
    return DataLoss(path.string() + ": not a local target state file (no valid \"port\"); run "
                    "`tfsk up` again or pass --url");
  }
  ModelEndpoint ep;
  ep.base_url = "http://127.0.0.1:" + std::to_string(port->as_int64());
  ep.source = path.string();
  if (const boost::json::value* m = Field(v, "model_name"); m && m->is_string()) {
    ep.model_name = std::string(m->as_string());
  }
  return ep;
}

// state.json of a cluster target: "url" is "http://IP:PORT/v1/models/NAME" when the NodePort is
// reachable, "" when only a tunnel reaches it.
StatusOr<ModelEndpoint> FromDeployState(const boost::json::value& v,
                                        const std::filesystem::path& path) {
  const boost::json::value* url = Field(v, "url");
  if (url == nullptr || !url->is_string()) {
    return DataLoss(path.string() + ": not a tfsk state file (no \"url\"); run `tfsk up` again");
  }
  const std::string text(url->as_string());
  if (text.empty()) {
    return FailedPrecondition(
        "the deployment in " + path.string() +
        " is reached through a tunnel: run `tfsk url` in another terminal and pass its address "
        "with --url");
  }
  TFSK_ASSIGN_OR_RETURN(Url parsed, ParseUrl(text));
  ModelEndpoint ep;
  ep.base_url = parsed.Origin();
  ep.source = path.string();
  const std::string marker = "/v1/models/";
  if (auto at = parsed.target.find(marker); at != std::string::npos) {
    ep.model_name = parsed.target.substr(at + marker.size());
  }
  return ep;
}

}  // namespace

StatusOr<ModelEndpoint> ResolveModelEndpoint(const std::string& url_flag,
                                             const std::filesystem::path& project) {
  if (!url_flag.empty()) {
    TFSK_ASSIGN_OR_RETURN(Url url, ParseUrl(url_flag));
    ModelEndpoint ep;
    ep.source = "--url";
    ep.full_url = url.target.find("/v1/models/") != std::string::npos;
    ep.base_url = ep.full_url ? url.ToString() : url.Origin();
    return ep;
  }
  const std::filesystem::path local = project / ".tfsk" / "local.json";
  if (auto v = ReadStateFile(local)) return FromLocalState(*v, local);
  const std::filesystem::path deployed = project / ".tfsk" / "state.json";
  if (auto v = ReadStateFile(deployed)) return FromDeployState(*v, deployed);
  return FailedPrecondition(
      "no endpoint to send to: pass --url http://HOST:PORT, or start the model with `tfsk up` "
      "(see `tfsk status`)");
}

}  // namespace tfsk::http
