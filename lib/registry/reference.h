#pragma once
// Image references on a registry: where tfsk pushes (REGISTRY/NAME:TAG), what it renders
// (REGISTRY/NAME@sha256:..., pinned by digest so every node runs exactly the pushed bytes), and
// which registries are pushed to without TLS verification.

#include <string>
#include <string_view>

#include "lib/base/status.h"

namespace tfsk::registry {

/// "REGISTRY/NAME:TAG". `registry` is HOST[:PORT][/PATH] (config::CheckRegistry).
std::string TaggedReference(std::string_view registry, std::string_view name, std::string_view tag);

/// "REGISTRY/NAME@DIGEST". InvalidArgument unless `digest` is "sha256:" + 64 lowercase hex digits.
StatusOr<std::string> PinnedReference(std::string_view registry, std::string_view name,
                                      std::string_view digest);

/// The digest in a line of text (skopeo's --digestfile or inspect output, surrounding
/// whitespace ignored); InvalidArgument when it is not a sha256 digest.
StatusOr<std::string> ParseDigest(std::string_view text);

/// True when the registry's host is loopback ("localhost", 127.0.0.0/8, "[::1]"): pushed to
/// without TLS verification, as Docker treats such registries (kind's local registry, a
/// port-forwarded in-cluster one).
bool IsLoopbackRegistry(std::string_view registry);

}  // namespace tfsk::registry
