#pragma once
// A small reader for protobuf text format (the syntax of --model_config_file and
// --monitoring_config_file), producing a generic field tree that model_config.cpp checks against
// the fields we support. Supported syntax:
//   name: "value"   name: 'v'  name: 12  name: -3  name: true  name: ENUM_VALUE
//   name { ... }    name: { ... }   name < ... >   name: [1, 2]   name: [{...}, {...}]
//   "adjacent" "strings" concatenate; C escapes in strings; '#' comments; ',' or ';' after a field.
// Not supported: extensions ([pkg.ext]), Any expansion. Errors name the line and column.

#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::serving::core {

/// One field occurrence. Either a scalar (is_message == false; `text` holds the decoded string,
/// the number or the identifier as written) or a message with `children`.
struct TextField {
  enum class Kind { kString, kNumber, kIdentifier, kMessage };
  std::string name;
  Kind kind = Kind::kMessage;
  std::string text;
  std::vector<TextField> children;
  int line = 0;    ///< 1-based position of the field name
  int column = 0;

  bool is_message() const { return kind == Kind::kMessage; }
  /// "line 3, column 5" for error messages.
  std::string Where() const;
};

/// Parses a whole document into its top-level fields (in order, repeated fields repeated).
/// Errors: INVALID_ARGUMENT "line L, column C: <what was expected>, found <token>".
StatusOr<std::vector<TextField>> ParseTextFormat(std::string_view text);

}  // namespace tfsk::serving::core
