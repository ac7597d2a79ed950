#pragma once
// Pure builders of skopeo command lines for pushing an image archive to a registry. Table-tested
// in skopeo_args_test.cpp.

#include <filesystem>
#include <string>

#include "lib/process/process_runner.h"

namespace tfsk::registry {

/// skopeo copy [--dest-tls-verify=false] [--digestfile FILE] docker-archive:ARCHIVE docker://DEST
/// `dest` is a reference without transport ("registry.example.com/team/tfsk-serving:v1").
Argv SkopeoCopy(const std::filesystem::path& archive, const std::string& dest, bool tls_verify,
                const std::filesystem::path& digest_file, const std::string& program = "skopeo");

/// skopeo inspect [--tls-verify=false] --format {{.Digest}} docker://REF  (the manifest digest
/// the registry serves for REF)
Argv SkopeoInspectDigest(const std::string& ref, bool tls_verify,
                         const std::string& program = "skopeo");

}  // namespace tfsk::registry
