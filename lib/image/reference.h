#pragma once
// Image references ("tfsk-serving:sha256-0123456789ab", "ghcr.io/me/tfsk-serving:v1"): the
// name a runtime files an image under after `docker load` / `ctr images import`, and the name a
// Deployment's `image:` must use to find it.

#include <string>

#include "lib/base/status.h"

namespace tfsk::image {

/// The repository tfsk's own image goes by unless told otherwise.
inline constexpr const char* kServingRepository = "tfsk-serving";

/// The content tag of a manifest digest: "sha256:0123456789abcdef…" -> "sha256-0123456789ab".
/// Equal content, equal tag; a `tfsk up` after a change renders a new tag, so Kubernetes rolls.
std::string ContentTag(const std::string& manifest_digest);

/// The reference an image is written under: "" -> "tfsk-serving:<default_tag>"; a bare tag
/// ("v1") -> "tfsk-serving:v1"; a "repository:tag" as given; a repository without a tag gets
/// `default_tag` (the content tag for `tfsk image build`). InvalidArgument when the repository or
/// tag breaks Docker's grammar (lower-case path components of [a-z0-9] joined by '.', '_', '__' or
/// '-'; a tag of up to 128 [A-Za-z0-9_.-] not starting with '.' or '-').
StatusOr<std::string> ResolveReference(const std::string& requested,
                                       const std::string& default_tag);

/// Checks `requested` the way ResolveReference would, before any work is done.
Status CheckReference(const std::string& requested);

/// "name:tag" -> "docker.io/library/name:tag" as Docker normalises short names; names that
/// already start with a registry host ("ghcr.io/x/y:t", "localhost:5000/y:t") stay as they are.
std::string FullyQualified(const std::string& reference);

/// The tag part of "name:tag" ("" when there is none).
std::string TagOf(const std::string& reference);

}  // namespace tfsk::image
