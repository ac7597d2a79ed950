#include "lib/stress/load_wire.h"

#include "lib/http/predict_request.h"

namespace tfsk::stress {
namespace {

// A cheap check instead of parsing every answer: the server's error pages are not JSON.
bool LooksLikeJson(const std::string& body) {
  for (char c : body) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

}  // namespace

std::string RequestWire(const LoadOptions& o) {
  std::string w = o.method + " " + o.url.target + " HTTP/1.1\r\nHost: " + o.url.HostHeader() +
                  "\r\nUser-Agent: tfsk-stress\r\n";
  if (!o.body.empty() || o.method == "POST") {
    w += "Content-Type: application/json\r\nContent-Length: " + std::to_string(o.body.size()) +
         "\r\n";
  }
  return w + "\r\n" + o.body;
}

bool AnswerValid(const std::string& body, const std::string& expect) {
  return expect.empty() ? LooksLikeJson(body) : http::JsonEqual(body, expect);
}

}  // namespace tfsk::stress
