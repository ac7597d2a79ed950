#include "lib/image/layer.h"

#include <doctest/doctest.h>

#include <fstream>
#include <map>

#include "lib/image/gzip.h"
#include "lib/image/sha256.h"
#include "lib/image/tar_reader_test_util.h"
#include "tests/support/shared.h"

namespace tfsk::image {
namespace {

using testing::ReadTar;

using testing::Slurp;

}  // namespace

TEST_SUITE("Layer") {
  TEST_CASE("entries are sorted, parents added, every field pinned") {
    tfsk::testing::TempDir tmp;
    TarEntry dir;
    dir.type = TarEntry::Type::kDirectory;
    dir.path = "home/nonroot";
    dir.mode = 0700;
    dir.uid = dir.gid = 65532;
    auto layer =
        WriteLayer({FileEntry("usr/bin/tool", "#!", 0755), dir, FileEntry("etc/passwd", "x\n")},
                   1700000000, tmp.path() / "l.tar.gz");
    REQUIRE(layer.ok());
    const std::string gz = Slurp(layer->blob.path);
    auto entries = ReadTar(gz);
    std::vector<std::string> paths;
    for (const auto& e : entries) paths.push_back(e.path);
    CHECK(paths == std::vector<std::string>{"etc/", "etc/passwd", "home/", "home/nonroot/", "usr/",
                                            "usr/bin/", "usr/bin/tool"});
    for (const auto& e : entries) {
      CHECK(e.mtime == 1700000000);
      CHECK_FALSE(e.has_atime);
      CHECK(e.uname.empty());
    }
    CHECK(entries[0].mode == 0755);  // an added parent
    CHECK(entries[3].mode == 0700);
    CHECK(entries[3].uid == 65532);
    CHECK(entries[6].mode == 0755);
    CHECK(entries[6].content == "#!");
    // The descriptor names the compressed bytes, the diff ID the tar inside.
    CHECK(layer->blob.descriptor.digest == DigestOf(Sha256Hex(gz)));
    CHECK(layer->blob.descriptor.size == static_cast<std::int64_t>(gz.size()));
    CHECK(layer->blob.descriptor.media_type == std::string(kLayerMediaType));
    auto tar = Gunzip(gz);
    REQUIRE(tar.ok());
    CHECK(layer->diff_id == DigestOf(Sha256Hex(*tar)));
    CHECK(layer->uncompressed_size == static_cast<std::int64_t>(tar->size()));
  }

  TEST_CASE("the same files in another order give the same digest, another mtime does not") {
    tfsk::testing::TempDir tmp;
    auto a = WriteLayer({FileEntry("a/1", "one"), FileEntry("b", "two")}, 0, tmp.path() / "a");
    auto b = WriteLayer({FileEntry("b", "two"), FileEntry("a/1", "one")}, 0, tmp.path() / "b");
    auto c = WriteLayer({FileEntry("b", "two"), FileEntry("a/1", "one")}, 1, tmp.path() / "c");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(a->blob.descriptor.digest == b->blob.descriptor.digest);
    CHECK(a->diff_id == b->diff_id);
    CHECK(a->diff_id != c->diff_id);
  }

  TEST_CASE("bad paths are refused") {
    for (const char* p : {"/etc/passwd", "a/../b", "a//b", "./a", "a/", ""}) {
      CAPTURE(p);
      CHECK(CanonicalEntries({FileEntry(p, "x")}).status().code() == Code::kInvalidArgument);
    }
    CHECK(CanonicalEntries({FileEntry("a", "1"), FileEntry("a", "2")})
              .status()
              .message()
              .find("listed twice") != std::string::npos);
  }

  TEST_CASE("a folder tree: files keep their bytes, modes are normalised, links are followed") {
    tfsk::testing::TempDir tmp;
    namespace fs = std::filesystem;
    fs::create_directories(tmp.path() / "m/1/variables");
    std::ofstream(tmp.path() / "m/1/saved_model.pb") << "pb";
    std::ofstream(tmp.path() / "m/1/variables/variables.index") << "idx";
    std::ofstream(tmp.path() / "m/run.sh") << "echo";
    fs::permissions(tmp.path() / "m/run.sh", fs::perms::owner_all);
    fs::create_symlink(tmp.path() / "m/1/saved_model.pb", tmp.path() / "m/link.pb");
    auto entries = TreeEntries(tmp.path() / "m", "models/x");
    REQUIRE(entries.ok());
    auto layer = WriteLayer(*entries, 0, tmp.path() / "l");
    REQUIRE(layer.ok());
    auto read = ReadTar(Slurp(layer->blob.path));
    std::map<std::string, testing::ReadEntry> by_path;
    for (const auto& e : read) by_path[e.path] = e;
    CHECK(by_path.count("models/"));
    CHECK(by_path.count("models/x/1/variables/"));
    CHECK(by_path["models/x/1/saved_model.pb"].content == "pb");
    CHECK(by_path["models/x/1/saved_model.pb"].mode == 0644);
    CHECK(by_path["models/x/run.sh"].mode == 0755);
    CHECK(by_path["models/x/link.pb"].type == AE_IFREG);
    CHECK(by_path["models/x/link.pb"].content == "pb");

    fs::create_symlink(tmp.path() / "nowhere", tmp.path() / "m/dangling");
    CHECK(TreeEntries(tmp.path() / "m", "models/x").status().code() == Code::kInvalidArgument);
    CHECK(TreeEntries(tmp.path() / "absent", "models/x").status().code() == Code::kNotFound);
  }

  TEST_CASE("a source file that vanished is an error naming it") {
    tfsk::testing::TempDir tmp;
    TarEntry e;
    e.path = "x";
    e.source = tmp.path() / "gone";
    auto layer = WriteLayer({e}, 0, tmp.path() / "l");
    CHECK(layer.status().code() == Code::kNotFound);
    CHECK(layer.status().message().find("gone") != std::string::npos);
  }
}

}  // namespace tfsk::image
