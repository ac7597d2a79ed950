#pragma once
// Pushing an image archive to a registry with skopeo (daemonless: no Docker engine involved),
// through the ProcessRunner seam. The one entry point the image builder's output plugs into:
// given an archive and where it goes, PushArchive returns the reference pinned by digest that
// the Deployment then names. skopeo's failures (auth, unknown host or refused connection, TLS)
// come back through the error catalogue (lib/cluster/reasons.h) with the command that fixes them.

#include <chrono>
#include <filesystem>
#include <string>

#include "lib/base/status.h"
#include "lib/process/process_runner.h"

namespace tfsk::registry {

/// The repository name tfsk pushes its server image under, inside the registry's path.
inline constexpr const char* kImageName = "tfsk-serving";

struct PushRequest {
  std::filesystem::path
      archive;           ///< a docker-archive tar (what `skopeo copy docker-archive:` reads)
  std::string registry;  ///< HOST[:PORT][/PATH]
  std::string name = kImageName;
  std::string tag;        ///< a tag for people; the rendered reference is pinned by digest
  bool insecure = false;  ///< no TLS verification (also implied by a loopback registry)
  /// Where skopeo writes the pushed manifest's digest (--digestfile); replaced, then removed.
  /// "" = ask the registry afterwards with `skopeo inspect`.
  std::filesystem::path digest_file;
  std::string program = "skopeo";
  std::chrono::seconds timeout{900};  ///< a large image over a slow uplink
  RunOptions base;                    ///< env/cwd for skopeo (REGISTRY_AUTH_FILE, ...)
};

struct PushedImage {
  std::string tagged;  ///< REGISTRY/NAME:TAG
  std::string digest;  ///< sha256:...
  std::string pinned;  ///< REGISTRY/NAME@sha256:...
};

/// Copies the archive to REGISTRY/NAME:TAG and returns the pinned reference. Errors: NotFound
/// when the archive does not exist (before skopeo runs) or skopeo is not installed (with the
/// install hint); the catalogue's reason for a failed copy (SKOPEO_AUTH, SKOPEO_UNREACHABLE,
/// SKOPEO_TLS, ...); DataLoss when skopeo succeeded but no digest can be read.
StatusOr<PushedImage> PushArchive(ProcessRunner& runner, const PushRequest& request);

}  // namespace tfsk::registry
