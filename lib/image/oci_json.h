#pragma once
// The JSON documents of an image archive, written with a fixed key order so the same image gives
// the same bytes (and digests):
//   blobs/sha256/<config>    the image config (OCI image config = Docker image JSON)
//   blobs/sha256/<manifest>  the OCI image manifest (config + layer descriptors)
//   index.json, oci-layout   the OCI image layout: what `skopeo copy oci-archive:` and
//                            containerd's importer read
//   manifest.json            the `docker save` list: what `docker load` and
//                            `skopeo copy docker-archive:` read
// Both views point at the same blobs, as `docker save` itself does since Docker 25.

#include <string>
#include <utility>
#include <vector>

#include "lib/image/blob.h"
#include "lib/image/reference.h"

namespace tfsk::image {

inline constexpr const char* kConfigMediaType = "application/vnd.oci.image.config.v1+json";
inline constexpr const char* kManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
inline constexpr const char* kIndexMediaType = "application/vnd.oci.image.index.v1+json";

/// What the container runtime does with the image (the config's "config" object) and how it
/// was made.
struct ImageConfig {
  std::string architecture = "amd64";  ///< GOARCH spelling: amd64, arm64
  std::string os = "linux";
  std::string created;  ///< RFC 3339, e.g. "1970-01-01T00:00:00Z"
  std::string user;     ///< "65532:65532"
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::vector<std::string> env;            ///< "NAME=value"
  std::vector<std::string> exposed_ports;  ///< "8501/tcp"
  std::string working_dir;
  std::vector<std::pair<std::string, std::string>> labels;
  /// One "created_by" line per layer, in layer order (`docker history` shows them).
  std::vector<std::string> history;
};

/// The image config JSON, with rootfs.diff_ids = `diff_ids` (one per layer, in order).
std::string ConfigJson(const ImageConfig& config, const std::vector<std::string>& diff_ids);

/// The OCI image manifest JSON for a config blob and layer blobs.
std::string ManifestJson(const Descriptor& config, const std::vector<Descriptor>& layers);

/// index.json naming the manifest `reference` (e.g. "tfsk-serving:sha256-0123456789ab"):
/// containerd's io.containerd.image.name gets the fully qualified form, OCI's
/// org.opencontainers.image.ref.name the tag alone (as `docker save` writes them).
std::string IndexJson(const Descriptor& manifest, const std::string& reference);

/// manifest.json for `docker load`: one image, its config and layer paths inside the archive.
std::string DockerManifestJson(const std::string& config_path, const std::string& reference,
                               const std::vector<std::string>& layer_paths);

/// The oci-layout marker file.
std::string OciLayoutJson();

/// Path of a blob inside the archive: "blobs/sha256/<hex>".
std::string BlobPath(const std::string& digest);

}  // namespace tfsk::image
