#include "lib/config/names.h"

#include <fmt/format.h>

namespace tfsk::config {
namespace {

bool Lower(char c) { return c >= 'a' && c <= 'z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alnum(char c) { return Lower(c) || Digit(c); }
bool AnyAlnum(char c) { return Alnum(c) || (c >= 'A' && c <= 'Z'); }

bool IsLabel(std::string_view v) {
  if (v.empty() || v.size() > 63) return false;
  if (!Alnum(v.front()) || !Alnum(v.back())) return false;
  for (char c : v) {
    if (!Alnum(c) && c != '-') return false;
  }
  return true;
}

}  // namespace

std::string CheckDns1123Label(std::string_view v) {
  if (v.size() > 63) return fmt::format("must be no more than 63 characters (has {})", v.size());
  if (IsLabel(v)) return "";
  return "must consist of lower case alphanumeric characters or '-', and must start and end "
         "with an alphanumeric character (e.g. 'my-name', or '123-abc')";
}

std::string CheckDns1123Subdomain(std::string_view v) {
  if (v.size() > 253) return fmt::format("must be no more than 253 characters (has {})", v.size());
  bool ok = !v.empty();
  std::size_t start = 0;
  while (ok) {
    std::size_t dot = v.find('.', start);
    ok = IsLabel(v.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (ok) return "";
  return "must consist of lower case alphanumeric characters, '-' or '.', and must start and "
         "end with an alphanumeric character (e.g. 'example.com')";
}

std::string CheckDns1035Label(std::string_view v) {
  if (v.size() > 63) return fmt::format("must be no more than 63 characters (has {})", v.size());
  if (IsLabel(v) && Lower(v.front())) return "";
  return "must consist of lower case alphanumeric characters or '-', start with an alphabetic "
         "character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123')";
}

std::string CheckLabelValue(std::string_view v) {
  if (v.empty()) return "";
  if (v.size() > 63) return fmt::format("must be no more than 63 characters (has {})", v.size());
  bool ok = AnyAlnum(v.front()) && AnyAlnum(v.back());
  for (char c : v) ok = ok && (AnyAlnum(c) || c == '-' || c == '_' || c == '.');
  if (ok) return "";
  return "a label value must consist of alphanumeric characters, '-', '_' or '.', and must "
         "start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value')";
}

std::string CheckPortName(std::string_view v) {
  if (v.empty() || v.size() > 15) {
    return fmt::format("must be 1-15 characters (has {})", v.size());
  }
  bool letter = false;
  for (char c : v) {
    if (!Alnum(c) && c != '-') {
      return "must contain only lower case alphanumeric characters or '-' (e.g. 'http')";
    }
    letter = letter || Lower(c);
  }
  if (!letter) return "must contain at least one letter (e.g. 'http')";
  if (v.front() == '-' || v.back() == '-') return "must not begin or end with '-'";
  if (v.find("--") != std::string_view::npos) return "must not contain consecutive '-'";
  return "";
}

}  // namespace tfsk::config
