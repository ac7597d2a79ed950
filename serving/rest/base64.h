#pragma once
// Standard base64 (RFC 4648 alphabet), as TF Serving uses for {"b64": ...} values.

#include <optional>
#include <string>
#include <string_view>

namespace tfsk::serving::rest {

/// Encodes with the standard alphabet and '=' padding.
std::string Base64Encode(std::string_view bytes);

/// Decodes standard base64; padding is optional but, when present, must be correct. Returns
/// nullopt for any other character or an impossible length (like absl::Base64Unescape).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace tfsk::serving::rest
