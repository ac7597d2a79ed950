#pragma once
// The one timestamp an image carries. Reproducible builds fix it with SOURCE_DATE_EPOCH
// (reproducible-builds.org); without it tfsk uses 0 (1970-01-01), never the clock.

#include <cstdint>
#include <optional>
#include <string>

#include "lib/base/status.h"

namespace tfsk::image {

/// The build's timestamp: SOURCE_DATE_EPOCH when `value` holds one (decimal seconds), else 0.
/// InvalidArgument for anything but a non-negative decimal integer.
StatusOr<std::int64_t> SourceDateEpoch(const std::optional<std::string>& value);

/// `seconds` since the epoch as RFC 3339 UTC: "1970-01-01T00:00:00Z".
std::string Rfc3339(std::int64_t seconds);

}  // namespace tfsk::image
