#include "serving/server/http_glue.h"

#include "serving/rest/handler.h"

namespace tfsk::serving {
namespace {

// libevent's stock error pages, which TF Serving sends for anything outside its handlers.
net::Response LibeventPage(int status, const std::string& reason) {
  net::Response r;
  r.status = status;
  r.content_type = "text/html";
  r.body = "<HTML><HEAD>\n<TITLE>" + std::to_string(status) + " " + reason +
           "</TITLE>\n</HEAD><BODY>\n<H1>" + reason + "</H1>\n</BODY></HTML>\n";
  r.close = true;
  return r;
}

bool IsKnownVerb(const std::string& m) {
  return m == "GET" || m == "POST" || m == "HEAD" || m == "PUT" || m == "DELETE" ||
         m == "OPTIONS" || m == "PATCH";
}

void AddCors(net::Response& r) {
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.headers.emplace_back("Access-Control-Allow-Methods", "POST, GET");
  r.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type");
}

}  // namespace

net::Response HandleHttp(const net::Request& request, rest::ServableRegistry& registry,
                         const HttpGlueOptions& options) {
  if (!IsKnownVerb(request.method)) return LibeventPage(501, "Not Implemented");

  if (!options.metrics_path.empty() && request.target == options.metrics_path &&
      options.render_metrics) {
    net::Response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = request.method == "GET" ? options.render_metrics() : "";
    return r;
  }

  if (!rest::IsRestApiPath(request.target)) return LibeventPage(404, "Not Found");

  net::Response r;
  if (request.method == "OPTIONS") {
    // CORS pre-flight: answered here, never by the API handler, and without a JSON body.
    const bool has_origin = request.origin.find("http://") != std::string::npos ||
                            request.origin.find("https://") != std::string::npos;
    r.status = has_origin ? 200 : 400;
  } else {
    const auto start = options.observe_api ? std::chrono::steady_clock::now()
                                           : std::chrono::steady_clock::time_point();
    rest::HttpResponse api = rest::HandleRestRequest(request.method, request.target, request.body,
                                                     registry, options.rest);
    if (options.observe_api) {
      options.observe_api(request, api.status, std::chrono::steady_clock::now() - start);
    }
    r.status = api.status;
    r.content_type = api.content_type;
    r.body = std::move(api.body);
  }
  if (options.enable_cors) AddCors(r);
  return r;
}

}  // namespace tfsk::serving
