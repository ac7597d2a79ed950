#pragma once
// Kubernetes resource quantities ("5m", "0.5", "32M", "64Mi", "1e3"), parsed by the grammar in
// the Quantity schema of the Kubernetes API (apimachinery pkg/api/resource).

#include <optional>
#include <string_view>

namespace tfsk::config {

/// The value in base units (cores for cpu, bytes for memory), or nullopt when `text` is not a
/// quantity: <sign>?<digits>[.<digits>] followed by one of "" m k M G T P E, Ki Mi Gi Ti Pi Ei,
/// or e<int> / E<int>. Spaces, units such as "MB" and empty strings are rejected.
std::optional<long double> ParseQuantity(std::string_view text);

}  // namespace tfsk::config
