#include "lib/image/reference.h"

#include <fmt/format.h>

#include <regex>

namespace tfsk::image {
namespace {

// Docker's distribution/reference grammar, reduced to what a name and a tag may hold.
const std::regex& RepositoryPattern() {
  static const std::regex re(
      R"(^((([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(:[0-9]+)?)/)?[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$)");
  return re;
}

const std::regex& TagPattern() {
  static const std::regex re(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$)");
  return re;
}

struct Split {
  std::string repository;
  std::string tag;
};

// "host:5000/a/b:t" -> {"host:5000/a/b", "t"}; a ':' before the last '/' belongs to the host.
Split SplitReference(const std::string& ref) {
  const std::size_t slash = ref.rfind('/');
  const std::size_t colon = ref.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) {
    return {ref, ""};
  }
  return {ref.substr(0, colon), ref.substr(colon + 1)};
}

Status CheckParts(const std::string& requested, const Split& s) {
  const bool has_separator = requested.find_first_of("/:") != std::string::npos;
  if ((has_separator && s.repository.empty()) || requested.back() == ':') {
    return InvalidArgument(fmt::format(
        "image reference '{}' is incomplete: give a tag (v1), a name (tfsk-serving) or both "
        "(tfsk-serving:v1)",
        requested));
  }
  if (!s.repository.empty() && !std::regex_match(s.repository, RepositoryPattern())) {
    return InvalidArgument(fmt::format(
        "image name '{}' is not a valid repository: use lower-case letters, digits and '.', '_', "
        "'-' (e.g. tfsk-serving or registry.example.com/team/tfsk-serving)",
        s.repository));
  }
  if (!s.tag.empty() && !std::regex_match(s.tag, TagPattern())) {
    return InvalidArgument(fmt::format(
        "image tag '{}' (from '{}') is not valid: up to 128 letters, digits, '_', '.' and '-', "
        "not starting with '.' or '-'",
        s.tag, requested));
  }
  return OkStatus();
}

// A bare word with no '/', ':' or '.' could be either; tfsk reads it as a tag of tfsk-serving,
// which is what `--tag v1` means to most people.
Split Interpret(const std::string& requested) {
  if (requested.find_first_of("/:") == std::string::npos) return {"", requested};
  return SplitReference(requested);
}

}  // namespace

std::string ContentTag(const std::string& manifest_digest) {
  const std::size_t colon = manifest_digest.find(':');
  const std::string algo = manifest_digest.substr(0, colon);
  return algo + "-" + manifest_digest.substr(colon + 1, 12);
}

Status CheckReference(const std::string& requested) {
  if (requested.empty()) return OkStatus();
  return CheckParts(requested, Interpret(requested));
}

StatusOr<std::string> ResolveReference(const std::string& requested,
                                       const std::string& default_tag) {
  Split s = Interpret(requested);
  TFSK_RETURN_IF_ERROR(CheckParts(requested, s));
  if (s.repository.empty()) s.repository = kServingRepository;
  if (s.tag.empty()) s.tag = default_tag;
  return s.repository + ":" + s.tag;
}

std::string TagOf(const std::string& reference) { return SplitReference(reference).tag; }

std::string FullyQualified(const std::string& reference) {
  const std::size_t slash = reference.find('/');
  if (slash != std::string::npos) {
    const std::string first = reference.substr(0, slash);
    // Docker's rule: the first component is a registry host when it has a '.' or a ':' or is
    // "localhost".
    if (first.find_first_of(".:") != std::string::npos || first == "localhost") return reference;
    return "docker.io/" + reference;
  }
  return "docker.io/library/" + reference;
}

}  // namespace tfsk::image
