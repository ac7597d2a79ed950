#pragma once
// What `tfsk predict` and `tfsk stress` send: the request body from --instances / --inputs /
// --data / --signature, the URL path from --model / --version / --label / --api, and the compact
// table view of an answer. Bodies are validated with Boost.JSON but numbers keep the user's text
// ("1.0" stays "1.0"): we splice the validated text instead of re-serializing it.

#include <optional>
#include <string>

#include "lib/base/status.h"

namespace tfsk::http {

struct PredictInput {
  std::string instances;  ///< "1.0,2.0,5.0" (a 1-D batch) or JSON ("[[1,2],[3,4]]")
  std::string inputs;     ///< JSON, columnar format
  std::string data;       ///< the raw body, or "@file.json"
  std::string signature;  ///< signature_name, "" = the server's default
};

/// The lab's request: {"instances": [1.0, 2.0, 5.0]}.
inline constexpr const char* kDefaultBody = R"({"instances": [1.0, 2.0, 5.0]})";

/// The body for `in`; kDefaultBody when nothing is given. InvalidArgument naming the flag and
/// the problem ("--instances: '1,,2': item 2 is not a number"), or when several of
/// --instances/--inputs/--data are given. --data is sent as-is (only read from @file).
StatusOr<std::string> BuildPredictBody(const PredictInput& in);

/// "/v1/models/NAME[/versions/N|/labels/L]:API". InvalidArgument for an unknown api, or both a
/// version and a label.
StatusOr<std::string> ModelPath(const std::string& model, std::optional<long long> version,
                                const std::string& label, const std::string& api);

/// The server's "error" field when `body` is a JSON object holding one, else nullopt.
std::optional<std::string> ErrorMessage(const std::string& body);

/// A compact table of a predict/classify/regress answer: one row per instance ("0  4.5").
/// Falls back to the body itself when it is not one of those shapes.
std::string FormatTable(const std::string& body);

/// True when `a` and `b` parse as JSON and are equal as values (numbers compare as doubles, so
/// 2.5 == 2.50); false when either does not parse.
bool JsonEqual(const std::string& a, const std::string& b);

}  // namespace tfsk::http
