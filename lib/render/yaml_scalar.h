#pragma once
// Writing strings into YAML safely: every string a template inserts goes through YamlScalar, so
// a value such as "yes", "0.5", "a: b" or "#x" stays the same string when read back.

#include <string>
#include <string_view>

namespace tfsk::render {

/// `value` as a YAML flow scalar that reads back as exactly this string under YAML 1.1 and 1.2:
/// plain when it is made of [A-Za-z0-9_./-], starts with a letter, digit, '/' or '_', and does not
/// look like a number, boolean or null; otherwise double-quoted with `\"`, `\\` and control
/// characters escaped (UTF-8 passes through).
std::string YamlScalar(std::string_view value);

}  // namespace tfsk::render
