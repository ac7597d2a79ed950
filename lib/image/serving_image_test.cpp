#include "lib/image/serving_image.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>

#include "lib/image/gzip.h"
#include "lib/image/sha256.h"
#include "lib/image/tar_reader_test_util.h"
#include "tests/support/shared.h"

namespace tfsk::image {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::ReadTar;
using testing::Slurp;

fs::path StaticServer() {
  auto p = tfsk::testing::BuildDir() / "serving" / "tfsk-serving-static";
  REQUIRE_MESSAGE(fs::exists(p), "build the tfsk-serving-static target first");
  return p;
}

std::map<std::string, testing::ReadEntry> ByPath(const std::vector<testing::ReadEntry>& v) {
  std::map<std::string, testing::ReadEntry> m;
  for (const auto& e : v) m[e.path] = e;
  return m;
}

// Nothing but `keep` in `dir`: no temporary archive, no staging folder left behind.
std::vector<std::string> Listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_SUITE("ServingImage") {
  TEST_CASE("with a model: two builds give the same bytes, and the archive is both layouts") {
    const fs::path model = tfsk::testing::RequireShared("models/saved_model_half_plus_two_cpu");
    tfsk::testing::TempDir tmp;
    ServingImageOptions o;
    o.serving_binary = StaticServer();
    o.model_dir = model;
    o.model_name = "half_plus_two";
    o.output = tmp.path() / "a.tar";
    auto a = BuildServingImage(o);
    REQUIRE_MESSAGE(a.ok(), a.status().ToString());
    o.output = tmp.path() / "b.tar";
    auto b = BuildServingImage(o);
    REQUIRE(b.ok());
    CHECK(a->manifest_digest == b->manifest_digest);
    const std::string bytes = Slurp(tmp.path() / "a.tar");
    CHECK(bytes == Slurp(tmp.path() / "b.tar"));
    CHECK(a->reference == "tfsk-serving:" + ContentTag(a->manifest_digest));
    CHECK(a->layers == 2);
    CHECK(a->archive_size == static_cast<std::int64_t>(bytes.size()));
    CHECK(a->compressed_size < a->uncompressed_size);

    auto outer = ByPath(ReadTar(bytes));
    REQUIRE(outer.count("oci-layout"));
    REQUIRE(outer.count("index.json"));
    REQUIRE(outer.count("manifest.json"));
    // Every blob is stored under its own digest.
    int blobs = 0;
    for (const auto& [path, e] : outer) {
      if (path.rfind("blobs/sha256/", 0) != 0 || e.type != AE_IFREG) continue;
      ++blobs;
      CHECK(path == "blobs/sha256/" + Sha256Hex(e.content));
    }
    CHECK(blobs == 4);  // config, manifest, two layers

    json::object index = json::parse(outer["index.json"].content).as_object();
    const json::object& m = index.at("manifests").as_array()[0].as_object();
    CHECK(m.at("digest").as_string() == a->manifest_digest);
    json::object manifest =
        json::parse(outer["blobs/sha256/" + a->manifest_digest.substr(7)].content).as_object();
    const std::string config_digest(manifest.at("config").as_object().at("digest").as_string());
    CHECK(config_digest == a->config_digest);
    json::object config =
        json::parse(outer["blobs/sha256/" + config_digest.substr(7)].content).as_object();
    const json::object& run = config.at("config").as_object();
    CHECK(run.at("User") == "65532:65532");
    CHECK(run.at("Entrypoint").as_array()[0] == "/usr/bin/tfsk-serving");
    bool name_env = false;
    for (const auto& v : run.at("Env").as_array()) name_env |= v == "MODEL_NAME=half_plus_two";
    CHECK(name_env);

    json::array docker = json::parse(outer["manifest.json"].content).as_array();
    CHECK(docker[0].as_object().at("Config").as_string() ==
          "blobs/sha256/" + config_digest.substr(7));
    CHECK(docker[0].as_object().at("RepoTags").as_array()[0].as_string() == a->reference);

    // Layer 1: the server, the accounts, no shell; layer 2: the model under /models/NAME.
    const auto& layers = manifest.at("layers").as_array();
    const std::string runtime_digest(layers[0].as_object().at("digest").as_string());
    auto runtime = ByPath(ReadTar(outer["blobs/sha256/" + runtime_digest.substr(7)].content));
    CHECK(runtime["usr/bin/tfsk-serving"].mode == 0755);
    CHECK(runtime["usr/bin/tfsk-serving"].content == Slurp(o.serving_binary));
    CHECK(runtime["etc/passwd"].content.find("nonroot:x:65532:65532") != std::string::npos);
    CHECK(runtime["etc/group"].content.find("nonroot:x:65532:") != std::string::npos);
    CHECK(runtime.count("bin/sh") == 0);
    CHECK(runtime.count("bin/") == 0);
    const std::string model_digest(layers[1].as_object().at("digest").as_string());
    auto model_layer = ByPath(ReadTar(outer["blobs/sha256/" + model_digest.substr(7)].content));
    CHECK(model_layer["models/half_plus_two/00000123/saved_model.pb"].content ==
          Slurp(model / "00000123" / "saved_model.pb"));
    CHECK(model_layer.count("models/half_plus_two/00000123/variables/variables.index"));

    CHECK(Listing(tmp.path()) == std::vector<std::string>{"a.tar", "b.tar"});
  }

  TEST_CASE("the runtime image alone, SOURCE_DATE_EPOCH's time changes the digest") {
    tfsk::testing::TempDir tmp;
    ServingImageOptions o;
    o.serving_binary = StaticServer();
    o.output = tmp.path() / "r.tar";
    o.reference = "v1";
    auto a = BuildServingImage(o);
    REQUIRE(a.ok());
    CHECK(a->layers == 1);
    CHECK(a->reference == "tfsk-serving:v1");
    o.mtime = 1700000000;
    o.output = tmp.path() / "s.tar";
    auto b = BuildServingImage(o);
    REQUIRE(b.ok());
    CHECK(a->manifest_digest != b->manifest_digest);
  }

  TEST_CASE("bad inputs: clear errors and nothing written") {
    tfsk::testing::TempDir tmp;
    ServingImageOptions o;
    o.serving_binary = StaticServer();
    o.output = tmp.path() / "x.tar";

    SUBCASE("a model folder without a numbered version") {
      fs::create_directories(tmp.path() / "empty-model");
      o.model_dir = tmp.path() / "empty-model";
      Status s = BuildServingImage(o).status();
      CHECK(s.code() == Code::kInvalidArgument);
      CHECK(s.message().find("saved_model.pb") != std::string::npos);
    }
    SUBCASE("a missing model folder") {
      o.model_dir = tmp.path() / "absent";
      CHECK(BuildServingImage(o).status().message().find("does not exist") != std::string::npos);
    }
    SUBCASE("a model name that is not one folder") {
      o.model_name = "../etc";
      CHECK(BuildServingImage(o).status().code() == Code::kInvalidArgument);
    }
    SUBCASE("a dynamic server") {
      o.serving_binary = "/proc/self/exe";
      CHECK(BuildServingImage(o).status().code() == Code::kFailedPrecondition);
    }
    SUBCASE("a bad tag") {
      o.reference = "x:-no";
      CHECK(BuildServingImage(o).status().code() == Code::kInvalidArgument);
    }
    SUBCASE("an output folder that does not exist") {
      o.output = tmp.path() / "no" / "such" / "x.tar";
      Status s = BuildServingImage(o).status();
      CHECK(s.code() == Code::kFailedPrecondition);
      CHECK(s.message().find("cannot write the image archive") != std::string::npos);
    }
    SUBCASE("an output that is a folder") {
      fs::create_directories(tmp.path() / "x.tar");
      CHECK(BuildServingImage(o).status().message().find("is a folder") != std::string::npos);
      fs::remove(tmp.path() / "x.tar");
    }
    CHECK(Listing(tmp.path()).size() <= 1);  // at most the empty-model fixture
    CHECK_FALSE(fs::exists(tmp.path() / "x.tar"));
  }

  TEST_CASE("a build that fails half-way leaves the previous archive and no debris") {
    const fs::path model = tfsk::testing::RequireShared("models/saved_model_half_plus_two_cpu");
    tfsk::testing::TempDir tmp;
    tfsk::testing::TempDir src;
    fs::copy(model, src.path() / "m", fs::copy_options::recursive);
    // A fifo passes the model-folder check but cannot go into a layer: the failure comes after
    // the runtime layer has been staged.
    REQUIRE(::mkfifo((src.path() / "m" / "00000123" / "pipe").c_str(), 0644) == 0);
    std::ofstream(tmp.path() / "x.tar") << "old";
    ServingImageOptions o;
    o.serving_binary = StaticServer();
    o.model_dir = src.path() / "m";
    o.output = tmp.path() / "x.tar";
    Status s = BuildServingImage(o).status();
    CHECK(s.code() == Code::kInvalidArgument);
    CHECK(s.message().find("pipe") != std::string::npos);
    CHECK(Slurp(tmp.path() / "x.tar") == "old");
    CHECK(Listing(tmp.path()) == std::vector<std::string>{"x.tar"});
  }
}

}  // namespace tfsk::image
