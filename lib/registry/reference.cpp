#include "lib/registry/reference.h"

#include <fmt/format.h>

#include <algorithm>

namespace tfsk::registry {
namespace {

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

}  // namespace

std::string TaggedReference(std::string_view registry, std::string_view name,
                            std::string_view tag) {
  return fmt::format("{}/{}:{}", registry, name, tag);
}

StatusOr<std::string> ParseDigest(std::string_view text) {
  std::string_view d = Trim(text);
  constexpr std::string_view kPrefix = "sha256:";
  const bool ok = d.size() == kPrefix.size() + 64 && d.substr(0, kPrefix.size()) == kPrefix &&
                  std::all_of(d.begin() + kPrefix.size(), d.end(), [](char c) {
                    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                  });
  if (!ok) {
    return InvalidArgument(
        fmt::format("'{}' is not an image digest (sha256: and 64 hex digits)", d.substr(0, 100)));
  }
  return std::string(d);
}

StatusOr<std::string> PinnedReference(std::string_view registry, std::string_view name,
                                      std::string_view digest) {
  TFSK_ASSIGN_OR_RETURN(std::string d, ParseDigest(digest));
  return fmt::format("{}/{}@{}", registry, name, d);
}

bool IsLoopbackRegistry(std::string_view registry) {
  std::string_view host = registry.substr(0, registry.find('/'));
  if (host.rfind("[::1]", 0) == 0) return true;
  host = host.substr(0, host.find(':'));
  return host == "localhost" || host.rfind("127.", 0) == 0;
}

}  // namespace tfsk::registry
