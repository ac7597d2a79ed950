#include "lib/registry/skopeo_args.h"

namespace tfsk::registry {

Argv SkopeoCopy(const std::filesystem::path& archive, const std::string& dest, bool tls_verify,
                const std::filesystem::path& digest_file, const std::string& program) {
  Argv argv = {program, "copy"};
  if (!tls_verify) argv.push_back("--dest-tls-verify=false");
  if (!digest_file.empty()) {
    argv.push_back("--digestfile");
    argv.push_back(digest_file.string());
  }
  argv.push_back("docker-archive:" + archive.string());
  argv.push_back("docker://" + dest);
  return argv;
}

Argv SkopeoInspectDigest(const std::string& ref, bool tls_verify, const std::string& program) {
  Argv argv = {program, "inspect"};
  if (!tls_verify) argv.push_back("--tls-verify=false");
  argv.insert(argv.end(), {"--format", "{{.Digest}}", "docker://" + ref});
  return argv;
}

}  // namespace tfsk::registry
