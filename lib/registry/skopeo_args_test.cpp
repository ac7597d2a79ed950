#include "lib/registry/skopeo_args.h"

#include <doctest/doctest.h>

namespace tfsk::registry {

TEST_SUITE("SkopeoArgs") {
  TEST_CASE("copy: TLS verified, digest file, docker-archive to docker transport") {
    CHECK(SkopeoCopy("out/img.tar", "registry.example.com/team/tfsk-serving:v1", true,
                     ".tfsk/push.digest") ==
          Argv{"skopeo", "copy", "--digestfile", ".tfsk/push.digest", "docker-archive:out/img.tar",
               "docker://registry.example.com/team/tfsk-serving:v1"});
  }

  TEST_CASE("copy to an insecure registry without a digest file") {
    CHECK(SkopeoCopy("img.tar", "localhost:5001/tfsk-serving:m", false, "") ==
          Argv{"skopeo", "copy", "--dest-tls-verify=false", "docker-archive:img.tar",
               "docker://localhost:5001/tfsk-serving:m"});
  }

  TEST_CASE("inspect asks only for the digest") {
    CHECK(SkopeoInspectDigest("r.example/x:1", true) ==
          Argv{"skopeo", "inspect", "--format", "{{.Digest}}", "docker://r.example/x:1"});
    CHECK(SkopeoInspectDigest("r.example/x:1", false, "/opt/skopeo") ==
          Argv{"/opt/skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
               "docker://r.example/x:1"});
  }
}

}  // namespace tfsk::registry
