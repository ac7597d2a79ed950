#pragma once
// Where streamed bytes go: the tar writer feeds the gzip writer feeds a blob file, each stage a
// ByteSink, so a large model folder never has to sit in memory.

#include <functional>
#include <string_view>

#include "lib/base/status.h"

namespace tfsk::image {

/// Consumes the next chunk of a byte stream; a non-OK status stops the producer.
using ByteSink = std::function<Status(std::string_view chunk)>;

}  // namespace tfsk::image
