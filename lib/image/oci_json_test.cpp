#include "lib/image/oci_json.h"

#include <doctest/doctest.h>
#include <boost/json.hpp>

namespace tfsk::image {
namespace json = boost::json;

TEST_SUITE("OciJson") {
  TEST_CASE("config: the runtime fields and the layers' diff IDs") {
    ImageConfig c;
    c.created = "1970-01-01T00:00:00Z";
    c.user = "65532:65532";
    c.entrypoint = {"/usr/bin/tfsk-serving", "--port=8500"};
    c.env = {"MODEL_NAME=model"};
    c.exposed_ports = {"8500/tcp", "8501/tcp"};
    c.labels = {{"org.opencontainers.image.version", "0.1.0"}};
    c.history = {"runtime", "model"};
    const std::string text = ConfigJson(c, {"sha256:aa", "sha256:bb"});
    CHECK(text == ConfigJson(c, {"sha256:aa", "sha256:bb"}));  // no hidden state
    json::object o = json::parse(text).as_object();
    CHECK(o.at("architecture") == "amd64");
    CHECK(o.at("os") == "linux");
    const json::object& run = o.at("config").as_object();
    CHECK(run.at("User") == "65532:65532");
    CHECK(run.at("Entrypoint").as_array().size() == 2);
    CHECK(run.at("Env").as_array()[0] == "MODEL_NAME=model");
    CHECK(run.at("ExposedPorts").as_object().contains("8501/tcp"));
    CHECK(run.at("Labels").as_object().at("org.opencontainers.image.version") == "0.1.0");
    CHECK_FALSE(run.contains("Cmd"));
    CHECK(o.at("rootfs").as_object().at("type") == "layers");
    CHECK(o.at("rootfs").as_object().at("diff_ids").as_array()[1] == "sha256:bb");
    CHECK(o.at("history").as_array().size() == 2);
  }

  TEST_CASE("manifest, index, docker manifest.json and oci-layout") {
    Descriptor config{kConfigMediaType, "sha256:c0", 10};
    Descriptor layer{"application/vnd.oci.image.layer.v1.tar+gzip", "sha256:11", 20};
    json::object m = json::parse(ManifestJson(config, {layer})).as_object();
    CHECK(m.at("schemaVersion") == 2);
    CHECK(m.at("mediaType") == kManifestMediaType);
    CHECK(m.at("config").as_object().at("digest") == "sha256:c0");
    CHECK(m.at("layers").as_array()[0].as_object().at("size") == 20);

    Descriptor manifest{kManifestMediaType, "sha256:ee", 30};
    json::object idx = json::parse(IndexJson(manifest, "tfsk-serving:sha256-0123")).as_object();
    const json::object& entry = idx.at("manifests").as_array()[0].as_object();
    CHECK(entry.at("digest") == "sha256:ee");
    const json::object& ann = entry.at("annotations").as_object();
    CHECK(ann.at("io.containerd.image.name") == "docker.io/library/tfsk-serving:sha256-0123");
    CHECK(ann.at("org.opencontainers.image.ref.name") == "sha256-0123");

    json::array dm =
        json::parse(DockerManifestJson("blobs/sha256/c0", "tfsk-serving:t", {"blobs/sha256/11"}))
            .as_array();
    CHECK(dm.size() == 1);
    CHECK(dm[0].as_object().at("Config") == "blobs/sha256/c0");
    CHECK(dm[0].as_object().at("RepoTags").as_array()[0] == "tfsk-serving:t");
    CHECK(dm[0].as_object().at("Layers").as_array()[0] == "blobs/sha256/11");

    CHECK(json::parse(OciLayoutJson()).as_object().at("imageLayoutVersion") == "1.0.0");
    CHECK(BlobPath("sha256:abc") == "blobs/sha256/abc");
  }
}

}  // namespace tfsk::image
