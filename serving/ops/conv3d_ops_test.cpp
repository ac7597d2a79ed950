#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Attrs3(const std::string& padding, std::int64_t stride = 1) {
  return Attrs({{"strides", AttrValue::Ints({1, stride, stride, stride, 1})},
                {"padding", AttrValue::Str(padding)}});
}
// A 2x2x2 volume holding 1..8, one channel.
Tensor Cube() { return F({1, 2, 3, 4, 5, 6, 7, 8}, {1, 2, 2, 2, 1}); }
}  // namespace

TEST_SUITE("conv3d ops") {
  TEST_CASE("Conv3D: a 2x2x2 filter of ones sums the cube, SAME pads after, channels mix") {
    OpRunner r;
    Tensor ones = F(std::vector<float>(8, 1), {2, 2, 2, 1, 1});
    Tensor valid = r.One("Conv3D", {Cube(), ones}, Attrs3("VALID"));
    CHECK(valid.shape() == Shape{1, 1, 1, 1, 1});
    CHECK(valid.flat<float>()[0] == 36);
    Tensor same = r.One("Conv3D", {Cube(), ones}, Attrs3("SAME"));
    CHECK(same.shape() == Shape{1, 2, 2, 2, 1});
    CHECK(Values<float>(same) == std::vector<float>{36, 20, 22, 12, 26, 14, 15, 8});
    Tensor mix =
        r.One("Conv3D", {F({1, 2}, {1, 1, 1, 1, 2}), F({1, 10, 100, 1000}, {1, 1, 1, 2, 2})},
              Attrs3("VALID"));
    CHECK(Values<float>(mix) == std::vector<float>{201, 2010});
    CHECK(r.Error("Conv3D", {Cube(), F({1, 1}, {1, 1, 1, 2, 1})}, Attrs3("VALID")) ==
          "Input depth must be equal to filter depth: 1 vs 2");
  }

  TEST_CASE("MaxPool3D and AvgPool3D") {
    OpRunner r;
    AttrMap a = Attrs3("VALID", 2);
    a.Set("ksize", AttrValue::Ints({1, 2, 2, 2, 1}));
    CHECK(Values<float>(r.One("MaxPool3D", {Cube()}, a)) == std::vector<float>{8});
    CHECK(Values<float>(r.One("AvgPool3D", {Cube()}, a)) == std::vector<float>{4.5f});
    AttrMap same = Attrs3("SAME", 1);
    same.Set("ksize", AttrValue::Ints({1, 2, 2, 2, 1}));
    Tensor avg = r.One("AvgPool3D", {Cube()}, same);
    CHECK(avg.flat<float>()[7] == 8);  // the last window holds only the last element
    CHECK(avg.flat<float>()[6] == 7.5f);
  }
}

}  // namespace tfsk::serving
