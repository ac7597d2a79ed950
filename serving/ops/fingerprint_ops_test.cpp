// Fingerprint: TensorFlow's golden values (uint8 rows, string rows of several strings and of
// one), numeric rows equal to the same bytes as strings, empty input and the error texts.

#include <doctest/doctest.h>

#include <cstring>
#include <numeric>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

std::string Bytes(const Tensor& t) {
  auto v = t.flat<std::uint8_t>();
  return std::string(v.begin(), v.end());
}

std::string Iota(std::size_t n, int first) {
  std::string s(n, '\0');
  std::iota(s.begin(), s.end(), static_cast<char>(first));
  return s;
}

}  // namespace

TEST_SUITE("fingerprint ops") {
  TEST_CASE("Fingerprint of numeric rows: TensorFlow's golden value") {
    OpRunner r;
    // fingerprint_op_test.cc GoldenValue: uint8 [1,3,4,5,6,7] holding 47, 48, ...
    Tensor data(DataType::kUint8, {1, 3, 4, 5, 6, 7});
    auto d = data.flat<std::uint8_t>();
    std::iota(d.begin(), d.end(), static_cast<std::uint8_t>(47));
    Tensor out = r.One("Fingerprint", {data, S({"farmhash64"}, {})});
    CHECK(out.shape() == Shape{1, 8});
    CHECK(Bytes(out) == std::string("\x2d\x90\xdf\x03\x79\x36\x3c\x43", 8));
  }

  TEST_CASE("Fingerprint of string rows: TensorFlow's golden values") {
    OpRunner r;
    std::vector<std::string> s = {Iota(10, 0), Iota(7, 7), "", Iota(19, 41)};
    Tensor grouped = r.One("Fingerprint", {S(s, {1, 2, 2}), S({"farmhash64"}, {})});
    CHECK(grouped.shape() == Shape{1, 8});
    CHECK(Bytes(grouped) == std::string("\x92\x43\x28\x52\xa3\x7c\x48\x18", 8));
    Tensor single = r.One("Fingerprint", {S(s, {4}), S({"farmhash64"}, {})});
    CHECK(single.shape() == Shape{4, 8});
    CHECK(Bytes(single) == std::string("\xea\xff\xd6\xb2\xb2\x4d\x70\x9b"
                                       "\x6e\x9d\xed\x21\xc6\x4a\x61\x52"
                                       "\x4f\x40\x90\x2f\x3b\x6a\xe1\x9a"
                                       "\x0d\x9b\x7f\x63\x23\x14\x1c\xb8",
                                       32));
  }

  TEST_CASE("Fingerprint of a float row equals that of a string holding its bytes") {
    OpRunner r;
    Tensor floats = F({1.5f, -2.f, 3.25f, 0.f, 7.f, 8.f}, {2, 3});
    std::vector<std::string> rows;
    for (int i = 0; i < 2; ++i) {
      rows.emplace_back(reinterpret_cast<const char*>(floats.flat<float>().data() + 3 * i),
                        3 * sizeof(float));
    }
    Tensor a = r.One("Fingerprint", {floats, S({"farmhash64"}, {})});
    Tensor b = r.One("Fingerprint", {S(rows, {2}), S({"farmhash64"}, {})});
    CHECK(Bytes(a) == Bytes(b));
    CHECK(Bytes(a).substr(0, 8) != Bytes(a).substr(8, 8));
  }

  TEST_CASE("Fingerprint of no rows, and errors") {
    OpRunner r;
    Tensor empty = r.One("Fingerprint", {Tensor(DataType::kUint8, {0}), S({"farmhash64"}, {})});
    CHECK(empty.shape() == Shape{0, 8});
    CHECK(r.Error("Fingerprint", {S({"a"}, {1}), S({"md5"}, {})}) ==
          "Unsupported fingerprint method: md5");
    CHECK(r.Error("Fingerprint", {S({"a"}, {1}), S({"farmhash64"}, {1})}) ==
          "`method` should be a scalar string: [1]");
    CHECK(r.Error("Fingerprint", {S({"a"}, {}), S({"farmhash64"}, {})}) ==
          "`data` should have at least one dimension: []");
    CHECK(r.Error("Fingerprint", {Tensor(DataType::kResource, {1}), S({"farmhash64"}, {})}) ==
          "Data type not supported: resource");
  }
}

}  // namespace tfsk::serving
