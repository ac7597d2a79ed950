#pragma once
// The bytes of the load's one request and what counts as a good answer. The request is
// serialized once per run and written raw by every connection. No Asio here.

#include <string>

#include "lib/stress/load.h"

namespace tfsk::stress {

/// "METHOD target HTTP/1.1" with Host and User-Agent: tfsk-stress; with a body (or any POST)
/// also Content-Type: application/json and Content-Length; then the body.
std::string RequestWire(const LoadOptions& options);

/// Whether a 2xx answer's body counts as ok: JSON equal to `expect` when it is set, otherwise
/// a body that starts (after whitespace) like a JSON object or array.
bool AnswerValid(const std::string& body, const std::string& expect);

}  // namespace tfsk::stress
