#include "lib/registry/push.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "lib/cluster/command.h"
#include "lib/registry/reference.h"
#include "lib/registry/skopeo_args.h"

namespace tfsk::registry {
namespace {

// The digest skopeo wrote, or "" when the file is missing or empty (then the registry is asked).
std::string ReadDigestFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

StatusOr<PushedImage> PushArchive(ProcessRunner& runner, const PushRequest& request) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(request.archive, ec)) {
    return NotFound(fmt::format(
        "image archive '{}' does not exist; build it with `tfsk image build --output {}`",
        request.archive.string(), request.archive.string()));
  }
  PushedImage out;
  out.tagged = TaggedReference(request.registry, request.name, request.tag);
  const bool tls_verify = !request.insecure && !IsLoopbackRegistry(request.registry);
  if (!request.digest_file.empty()) std::filesystem::remove(request.digest_file, ec);
  const RunOptions options = cluster::WithTimeout(request.base, request.timeout);
  TFSK_ASSIGN_OR_RETURN(ProcessResult copied,
                        cluster::RunChecked(runner,
                                            SkopeoCopy(request.archive, out.tagged, tls_verify,
                                                       request.digest_file, request.program),
                                            {}, options));
  (void)copied;
  std::string digest_text;
  if (!request.digest_file.empty()) {
    digest_text = ReadDigestFile(request.digest_file);
    std::filesystem::remove(request.digest_file, ec);
  }
  std::string source = "--digestfile";
  if (digest_text.find_first_not_of(" \t\r\n") == std::string::npos) {
    source = "skopeo inspect";
    TFSK_ASSIGN_OR_RETURN(
        ProcessResult inspected,
        cluster::RunChecked(runner, SkopeoInspectDigest(out.tagged, tls_verify, request.program),
                            {}, cluster::WithTimeout(request.base, std::chrono::seconds(120))));
    digest_text = inspected.out;
  }
  auto digest = ParseDigest(digest_text);
  if (!digest.ok()) {
    return DataLoss(fmt::format("pushed {}, but {} gave no digest: {}", out.tagged, source,
                                digest.status().message()));
  }
  out.digest = *digest;
  TFSK_ASSIGN_OR_RETURN(out.pinned, PinnedReference(request.registry, request.name, out.digest));
  return out;
}

}  // namespace tfsk::registry
