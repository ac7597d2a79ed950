#include "serving/savedmodel/file_io.h"

#include <doctest/doctest.h>

#include <string>

#include "serving/savedmodel/test_writers.h"
#include "tests/support/shared.h"

namespace tfsk::serving::savedmodel {

TEST_SUITE("file_io") {
  TEST_CASE("reads whole files and ranges") {
    testing::TempDir dir;
    testwriters::WriteFile(dir.path() / "f", "0123456789");
    auto whole = ReadFileToString(dir.path() / "f");
    REQUIRE(whole.ok());
    CHECK(*whole == "0123456789");
    auto file = RandomAccessFile::Open(dir.path() / "f");
    REQUIRE(file.ok());
    CHECK(file->size() == 10);
    CHECK(*file->Read(3, 4) == "3456");
    CHECK(*file->Read(10, 0) == "");
    char buf[2];
    REQUIRE(file->ReadInto(8, buf).ok());
    CHECK(std::string(buf, 2) == "89");
  }

  TEST_CASE("ranges outside the file are OutOfRange and allocate nothing") {
    testing::TempDir dir;
    testwriters::WriteFile(dir.path() / "f", "0123456789");
    auto file = RandomAccessFile::Open(dir.path() / "f");
    REQUIRE(file.ok());
    CHECK(file->Read(8, 3).status().code() == Code::kOutOfRange);
    CHECK(file->Read(11, 0).status().code() == Code::kOutOfRange);
    auto huge = file->Read(1, ~std::uint64_t{0});
    CHECK(huge.status().code() == Code::kOutOfRange);
    CHECK(huge.status().message().find("lies outside the file (10 bytes)") != std::string::npos);
  }

  TEST_CASE("missing files are NotFound and directories FailedPrecondition, naming the path") {
    testing::TempDir dir;
    auto missing = ReadFileToString(dir.path() / "absent");
    CHECK(missing.status().code() == Code::kNotFound);
    CHECK(missing.status().message().find("absent") != std::string::npos);
    CHECK(ReadFileToString(dir.path()).status().code() == Code::kFailedPrecondition);
  }
}

}  // namespace tfsk::serving::savedmodel
