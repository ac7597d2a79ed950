#pragma once
// `tfsk image build --docker`: the same image built by Docker from serving/Dockerfile, for
// machines with a Docker daemon. Every docker call goes through the ProcessRunner seam.

#include <filesystem>
#include <string>

#include "lib/base/status.h"
#include "lib/process/process_runner.h"

namespace tfsk::image {

/// What `docker build` gets.
struct DockerBuildOptions {
  std::filesystem::path context;  ///< the source tree (holds serving/Dockerfile)
  std::string reference;          ///< -t
  std::filesystem::path output;   ///< `docker save` target; "" keeps the image in Docker only
};

/// `docker build -f <context>/serving/Dockerfile -t REF <context>`.
Argv DockerBuildArgv(const DockerBuildOptions& options);

/// Asks the daemon for its version first (`docker version`), so "no daemon" is said before a
/// long build; then builds, then `docker save -o <output>.tmp.<pid> REF` and renames it over
/// `output`. Errors: NotFound without the docker CLI; Unavailable when the CLI is there but no
/// daemon answers (its message quoted, and the daemonless alternative named); Internal naming
/// the failed docker command and its stderr tail otherwise.
Status DockerBuild(ProcessRunner& runner, const DockerBuildOptions& options);

}  // namespace tfsk::image
