#pragma once
// gzip for request bodies (Content-Encoding: gzip), on zlib.

#include <cstddef>
#include <string>
#include <string_view>

#include "lib/base/status.h"

namespace tfsk::serving::net {

/// Decompresses gzip data (concatenated members allowed). Errors: INVALID_ARGUMENT for data that
/// is not valid gzip or is truncated; RESOURCE_EXHAUSTED when the output would exceed `max_size`
/// (guards against "zip bombs").
StatusOr<std::string> Gunzip(std::string_view data, std::size_t max_size);

/// Compresses `data` as one gzip member (used by tests and clients).
std::string Gzip(std::string_view data);

}  // namespace tfsk::serving::net
