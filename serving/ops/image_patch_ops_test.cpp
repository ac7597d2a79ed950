#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Patches(std::int64_t k, std::int64_t s, std::int64_t rate, const std::string& padding) {
  return Attrs({{"ksizes", AttrValue::Ints({1, k, k, 1})},
                {"strides", AttrValue::Ints({1, s, s, 1})},
                {"rates", AttrValue::Ints({1, rate, rate, 1})},
                {"padding", AttrValue::Str(padding)}});
}
/// A 1 x 3 x 3 x 1 image 1..9.
Tensor Nine() { return I32({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1}); }
}  // namespace

TEST_SUITE("image patches") {
  TEST_CASE("ExtractImagePatches VALID: 2x2 windows, stride 1, row-major within a patch") {
    OpRunner r;
    Tensor out = r.One("ExtractImagePatches", {Nine()}, Patches(2, 1, 1, "VALID"));
    CHECK(out.shape() == Shape{1, 2, 2, 4});
    CHECK(out.dtype() == DataType::kInt32);
    CHECK(Values<std::int32_t>(out) ==
          std::vector<std::int32_t>{1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9});
  }

  TEST_CASE("ExtractImagePatches SAME pads with zeros, stride 2") {
    OpRunner r;
    // SAME, k 2, stride 2 on 3: out 2, padding needed (2-1)*2+2-3 = 1, all after.
    Tensor out = r.One("ExtractImagePatches", {Nine()}, Patches(2, 2, 1, "SAME"));
    CHECK(out.shape() == Shape{1, 2, 2, 4});
    CHECK(Values<std::int32_t>(out) ==
          std::vector<std::int32_t>{1, 2, 4, 5, 3, 0, 6, 0, 7, 8, 0, 0, 9, 0, 0, 0});
    // SAME, k 3, stride 1: one pixel of padding on every side; the centre patch is the image.
    Tensor same = r.One("ExtractImagePatches", {Nine()}, Patches(3, 1, 1, "SAME"));
    CHECK(same.shape() == Shape{1, 3, 3, 9});
    const auto v = Values<std::int32_t>(same);
    CHECK(std::vector<std::int32_t>(v.begin(), v.begin() + 9) ==
          std::vector<std::int32_t>{0, 0, 0, 0, 1, 2, 0, 4, 5});
    CHECK(std::vector<std::int32_t>(v.begin() + 36, v.begin() + 45) ==
          std::vector<std::int32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  }

  TEST_CASE("ExtractImagePatches rates spread the taps, channels stay innermost") {
    OpRunner r;
    // Rate 2 makes a 2x2 window span 3x3: the four corners.
    Tensor corners = r.One("ExtractImagePatches", {Nine()}, Patches(2, 1, 2, "VALID"));
    CHECK(corners.shape() == Shape{1, 1, 1, 4});
    CHECK(Values<std::int32_t>(corners) == std::vector<std::int32_t>{1, 3, 7, 9});
    Tensor two = F({1, 10, 2, 20, 3, 30, 4, 40}, {1, 2, 2, 2});
    Tensor out = r.One("ExtractImagePatches", {two}, Patches(2, 1, 1, "VALID"));
    CHECK(out.shape() == Shape{1, 1, 1, 8});
    CHECK(Values<float>(out) == std::vector<float>{1, 10, 2, 20, 3, 30, 4, 40});
  }

  TEST_CASE("ExtractImagePatches errors") {
    OpRunner r;
    AttrMap batch = Patches(2, 1, 1, "VALID");
    batch.Set("ksizes", AttrValue::Ints({2, 2, 2, 1}));
    CHECK(r.Error("ExtractImagePatches", {Nine()}, batch) == "Only support ksizes across space.");
    CHECK(r.Error("ExtractImagePatches", {Nine()}, Patches(2, 0, 1, "VALID")) ==
          "strides is out of range.");
    CHECK(r.Error("ExtractImagePatches", {I32({1}, {1})}, Patches(2, 1, 1, "VALID")) ==
          "input must be 4-dimensional[1]");
  }
}

}  // namespace tfsk::serving
