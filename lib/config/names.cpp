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

namespace {

// One DNS label of a registry host: letters (either case), digits and inner '-'.
bool IsHostLabel(std::string_view v) {
  if (v.empty() || v.size() > 63) return false;
  if (!AnyAlnum(v.front()) || !AnyAlnum(v.back())) return false;
  for (char c : v) {
    if (!AnyAlnum(c) && c != '-') return false;
  }
  return true;
}

// One path component: lowercase alphanumerics, separated by one '.', one or two '_', or '-'s.
bool IsPathComponent(std::string_view v) {
  if (v.empty() || !Alnum(v.front()) || !Alnum(v.back())) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (Alnum(v[i])) continue;
    std::size_t j = i;
    while (j < v.size() && !Alnum(v[j])) ++j;
    std::string_view sep = v.substr(i, j - i);
    bool dashes = sep.find_first_not_of('-') == std::string_view::npos;
    if (sep != "." && sep != "_" && sep != "__" && !dashes) return false;
    i = j - 1;
  }
  return true;
}

}  // namespace

std::string CheckRegistry(std::string_view v) {
  const char* example = " (e.g. 'registry.example.com/team' or 'localhost:5001')";
  if (v.empty()) return std::string("must not be empty") + example;
  if (v.find("://") != std::string_view::npos) {
    return std::string(
               "must not have a scheme; write the host only, and pass "
               "--insecure-registry for a plain-HTTP registry") +
           example;
  }
  std::string_view host_port = v.substr(0, v.find('/'));
  std::string_view path = host_port.size() < v.size() ? v.substr(host_port.size() + 1) : "";
  std::string_view host = host_port.substr(0, host_port.find(':'));
  bool host_ok = !host.empty();
  for (std::size_t start = 0; host_ok;) {
    std::size_t dot = host.find('.', start);
    host_ok = IsHostLabel(host.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (!host_ok) return fmt::format("'{}' is not a host name or IPv4 address{}", host, example);
  if (host.size() < host_port.size()) {
    std::string_view port = host_port.substr(host.size() + 1);
    bool digits = !port.empty() && port.size() <= 5 &&
                  port.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
      return fmt::format("port '{}' is not a number in 1..65535{}", port, example);
    }
  }
  if (host_port.size() < v.size()) {
    for (std::size_t start = 0;;) {
      std::size_t slash = path.find('/', start);
      std::string_view part = path.substr(start, slash - start);
      if (!IsPathComponent(part)) {
        return fmt::format(
            "path component '{}' must be lowercase letters and digits, "
            "separated by '.', '_' or '-'{}",
            part, example);
      }
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  return "";
}

}  // namespace tfsk::config
