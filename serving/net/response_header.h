#pragma once
// The bytes of an HTTP response header, built straight into a reused string. Internal to
// serving/net (the connection writes these bytes and the body with one gathered write).

#include <cstddef>
#include <string>

#include "serving/net/http_types.h"

namespace tfsk::serving::net::internal {

/// Replaces `out` with the header Beast's serializer sends for `response` after
/// `keep_alive(keep_alive)` and `prepare_payload()` with a body of `body_size` bytes: the status
/// line with Beast's reason phrase, Content-Type (when set), the extra headers in order,
/// Connection ("close" for a closing HTTP/1.1 answer, "keep-alive" for a keep-alive HTTP/1.0
/// one), Content-Length: `body_size`, then the blank line. `version` is 10 or 11. Per answer it
/// costs a few appends instead of Beast's field list and buffer sequences.
void BuildResponseHeader(std::string& out, const Response& response, unsigned version,
                         bool keep_alive, std::size_t body_size);

/// True when a response with this status must not carry a body (1xx, 204, 304): the connection
/// sends none and a Content-Length of 0 (Beast threw on such an answer with a body).
bool StatusHasNoBody(int status);

}  // namespace tfsk::serving::net::internal
