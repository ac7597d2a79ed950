#pragma once
// Small, forgiving readers over Boost.JSON values for the parsers in this folder (internal).
// Kubernetes omits zero and empty fields, so a missing member is normal, not an error.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "lib/base/status.h"

namespace tfsk::cluster::json {

/// Parses `text` as one JSON document; InvalidArgument naming `what` and the parser's reason.
StatusOr<boost::json::value> Parse(std::string_view text, std::string_view what);

/// The member at `path` (object keys), or nullptr when any step is missing or not an object.
const boost::json::value* At(const boost::json::value& v, std::initializer_list<std::string_view> path);

/// The string at `path`, or `fallback` when missing or not a string.
std::string Str(const boost::json::value& v, std::initializer_list<std::string_view> path,
                std::string fallback = "");

/// The integer at `path` (an int64, uint64 or integral double), or nullopt.
std::optional<std::int64_t> Int(const boost::json::value& v,
                                std::initializer_list<std::string_view> path);

/// The bool at `path`, or `fallback`.
bool Bool(const boost::json::value& v, std::initializer_list<std::string_view> path,
          bool fallback = false);

}  // namespace tfsk::cluster::json
