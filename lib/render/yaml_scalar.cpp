#include "lib/render/yaml_scalar.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace tfsk::render {
namespace {

bool Alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool Digit(char c) { return c >= '0' && c <= '9'; }

// Words YAML 1.1 resolves to booleans or null (yaml-cpp's as<bool> accepts them too).
bool IsSpecialWord(std::string_view v) {
  static constexpr std::array<std::string_view, 11> kWords = {
      "y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf"};
  std::string lower(v);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.size() > 1 && lower[0] == '.') lower.erase(0, 1);  // .inf, .nan
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Integers (decimal, 0x, 0o, 0b, with YAML 1.1 '_' separators) and floats with an exponent.
bool LooksNumeric(std::string_view v) {
  std::size_t i = 0;
  if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
  if (v.size() > i + 1 && v[i] == '0' && (v[i + 1] == 'x' || v[i + 1] == 'o' || v[i + 1] == 'b')) {
    return true;
  }
  bool digit = false;
  while (i < v.size() && (Digit(v[i]) || v[i] == '_' || v[i] == '.')) {
    digit = digit || Digit(v[i]);
    ++i;
  }
  if (!digit) return false;
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    std::size_t start = i;
    while (i < v.size() && Digit(v[i])) ++i;
    if (i == start) return false;
  }
  return i == v.size();
}

bool IsPlainSafe(std::string_view v) {
  if (v.empty()) return false;
  if (!Alnum(v[0]) && v[0] != '/' && v[0] != '_') return false;
  for (char c : v) {
    if (!Alnum(c) && c != '_' && c != '.' && c != '/' && c != '-') return false;
  }
  return !IsSpecialWord(v) && !LooksNumeric(v);
}

}  // namespace

std::string YamlScalar(std::string_view v) {
  if (IsPlainSafe(v)) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += fmt::format("\\x{:02x}", u);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace tfsk::render
