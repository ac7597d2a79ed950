#pragma once
// The status and metadata answers, laid out exactly like protobuf's JSON printer with
// whitespace (1-space indentation, "key": value, `{}`/`[]` for empty containers, a trailing
// newline) — the layout of TF Serving's answers and of the shared *_metadata.json fixtures.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/base/status.h"
#include "serving/rest/servable.h"

namespace tfsk::serving::rest {

/// GetModelStatusResponse JSON for `versions` (rendered in the given order):
/// {"model_version_status": [{"version": "<v>", "state": "<STATE>", "status":
/// {"error_code": "<CODE>", "error_message": "<msg>"}}, ...]}.
std::string ModelStatusJson(const std::vector<VersionStatus>& versions);

/// The metadata answer: model_spec {name, signature_name "", version} and
/// metadata.signature_def.signature_def {key: fragment, ...} in the given order. Each fragment
/// is any well-formed JSON text (a SignatureDef from protobuf's printer or
/// Servable::SignatureDefJson) and is re-indented token by token — strings and numbers are
/// copied verbatim. INTERNAL when a fragment is not valid JSON.
StatusOr<std::string> ModelMetadataJson(
    std::string_view model_name, std::int64_t version,
    const std::vector<std::pair<std::string, std::string>>& signature_defs);

/// Re-indents one JSON value protobuf-style with nesting starting at `depth` (1 space per
/// level); the first token is not indented. `json` must be valid JSON.
std::string ReindentJson(std::string_view json, int depth);

/// A JSON string literal with protobuf's JSON escaping (util/internal/json_escaping.cc):
/// \" \\ \b \t \n \f \r; other C0/C1 controls, DEL, '<', '>' and a few invisible code points
/// as lower-case \u00xx escapes; invalid UTF-8 bytes are dropped.
std::string ProtoJsonString(std::string_view value);

}  // namespace tfsk::serving::rest
