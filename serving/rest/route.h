#pragma once
// TF Serving's REST URL grammar (model_servers/http_rest_api_handler.cc), matched without a
// regex engine but with the same results as its RE2 patterns (case-insensitive, full match,
// leftmost-first preference for optional groups):
//   POST  (?i)/v1/models/([^/:]+)(?:/versions/(\d+)|/labels/([^/:]+))?:(classify|regress|predict)
//   GET   (?i)/v1/models(?:/([^/:]+))?(?:/versions/(\d+)|/labels/([^/:]+))?(?:/(metadata))?

#include <string>
#include <string_view>

namespace tfsk::serving::rest {

/// The parts are views into the matched path (no copies per request): valid while it is.
struct Route {
  enum class Kind { kMalformed, kPredict, kClassify, kRegress, kStatus, kMetadata };
  Kind kind = Kind::kMalformed;
  std::string_view model_name;  ///< as in the path (not yet percent-decoded); may be empty for GET
  std::string_view version;     ///< the digits as written, "" when absent
  std::string_view label;       ///< as in the path (not yet percent-decoded), "" when absent
};

/// Dispatches exactly like TF Serving: POST + inference pattern + action spelled exactly
/// "classify"/"regress"/"predict" (the pattern matches any case, the comparison does not);
/// GET + status pattern -> kMetadata when the sub-resource is exactly "metadata", otherwise
/// kStatus (so ".../METADATA" is a status request). Everything else is kMalformed. The method
/// is compared case-sensitively. Query strings are part of the path.
Route MatchRoute(std::string_view method, std::string_view path);

/// curl_easy_unescape: every "%XX" with two hex digits becomes that byte; anything else
/// (including a lone or malformed '%', and '+') is kept as is. Like curl this never fails, so
/// TF Serving's "Failed to decode model name:<name>" (only reachable when curl runs out of
/// memory) is never produced.
std::string PercentDecode(std::string_view text);

}  // namespace tfsk::serving::rest
