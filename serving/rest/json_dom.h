#pragma once
// The request JSON as a Boost.JSON DOM, parsed with rapidjson's grammar and error reporting
// (TF Serving parses with rapidjson, kParseNanAndInfFlag) and rendered back for error messages
// the way TF Serving's JsonValueToString does.
//
// Why a hand-written reader producing boost::json::value instead of boost::json::parse:
// clients see rapidjson's error texts *and byte offsets* ("JSON Parse error: Missing a comma or
// ']' after an array element. at offset: 7"), and rapidjson accepts the non-standard tokens NaN,
// Inf, Infinity, -Infinity (also "-NaN"). Boost.JSON rejects those tokens and reports different
// errors at different positions, so any substitution pre-pass would itself need a complete JSON
// scanner that tracks strings, nesting and offsets — i.e. this reader. The DOM type (ordered
// objects, int64/uint64/double number kinds that match rapidjson's Int64/Uint64/Double) is
// Boost.JSON's, and everything downstream works on it. Only this header exposes Boost.JSON
// (<boost/json/value.hpp> and the monotonic resource); only json_dom.cpp, json_dump.cpp,
// json_tensor.cpp and tf_example.cpp include it, and the public headers of the layer
// (json_tensor.h, tf_example.h, handler.h) do not.
//
// Numbers are converted with rapidjson's own default ("normal precision") algorithm, not strtod:
// it is not always correctly rounded (13.387664401253275 -> 13.387664401253277), and TF Serving
// feeds exactly those doubles to DT_DOUBLE inputs.

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "lib/base/status.h"

namespace tfsk::serving::rest {

/// Parses the first complete JSON value of `text` (trailing bytes are ignored, like TF Serving).
/// Number kinds follow rapidjson: integer literals are int64 (or uint64 when only that fits,
/// double when neither fits); literals with a fraction or exponent, NaN, Inf/Infinity, -Infinity
/// are doubles. A NUL byte ends the input (rapidjson's MemoryStream). Duplicate keys: the first
/// wins. Nesting deeper than 1000 levels is refused (rapidjson has no limit; ours protects the
/// stack). The DOM's memory comes from `storage` (default: the global heap); a caller whose DOM
/// dies with its scope can pass a non-owning monotonic_resource, which must outlive the value.
///
/// Errors (INVALID_ARGUMENT), exactly as TF Serving words them:
///   empty text -> "JSON Parse error: The document is empty"
///   otherwise  -> "JSON Parse error: <rapidjson message> at offset: <byte offset>",
/// e.g. "Invalid value.", "The document is empty." (whitespace only),
/// "Missing a comma or '}' after an object member.", "Missing a name for object member.".
StatusOr<boost::json::value> ParseJson(std::string_view text,
                                       boost::json::storage_ptr storage = {});

/// Memory for a request DOM that dies with the caller's scope: a bump allocator over a buffer
/// inside this object, spilling into heap blocks for big bodies. Allocating is nearly free and
/// destroying the DOM does not walk it (monotonic_resource is deallocate-trivial, and storage()
/// tells Boost.JSON so). Must outlive every value built in it.
class ScopedJsonMemory {
 public:
  ScopedJsonMemory() = default;
  ScopedJsonMemory(const ScopedJsonMemory&) = delete;
  ScopedJsonMemory& operator=(const ScopedJsonMemory&) = delete;

  boost::json::storage_ptr storage() { return &resource_; }

 private:
  alignas(std::max_align_t) unsigned char buffer_[2048];
  boost::json::monotonic_resource resource_{buffer_, sizeof buffer_};
};

/// TF Serving's JsonValueToString for error messages: rapidjson PrettyWriter layout with
/// single-line arrays; a top-level double is printed with the float/double text of
/// float_format.h, nested doubles in rapidjson's shortest form ("0.1", "1e39", "3.0"); a nested
/// NaN/Infinity stops the rendering there (rapidjson's writer refuses it). Output longer than
/// 256 bytes is cut to 256 bytes followed by "...".
std::string DumpJson(const boost::json::value& value);

/// rapidjson's type names: Null, False, True, Object, Array, String, Number.
std::string_view JsonTypeName(const boost::json::value& value);

/// True for {"b64": "<string>"} — an object with exactly one member "b64" holding a string.
bool IsBase64Object(const boost::json::value& value);

/// The request object's optional "signature_name" ("" when absent), shared by :predict,
/// :classify and :regress. INVALID_ARGUMENT with TF Serving's text when it is not a string.
StatusOr<std::string> SignatureNameOf(const boost::json::value& doc);

}  // namespace tfsk::serving::rest
