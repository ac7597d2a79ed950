#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Kernel(const std::string& type, bool antialias) {
  return Attrs({{"kernel_type", AttrValue::Str(type)}, {"antialias", AttrValue::Bool(antialias)}});
}

/// ScaleAndTranslate of `image` to out_h x out_w with scale out/in per axis (tf.image.resize).
Tensor Resize(OpRunner& r, const Tensor& image, std::int32_t out_h, std::int32_t out_w,
              const std::string& type, bool antialias) {
  const float sy = static_cast<float>(out_h) / static_cast<float>(image.dim(1));
  const float sx = static_cast<float>(out_w) / static_cast<float>(image.dim(2));
  return r.One("ScaleAndTranslate",
               {image, I32({out_h, out_w}, {2}), F({sy, sx}, {2}), F({0, 0}, {2})},
               Kernel(type, antialias));
}

void CheckNear(const std::vector<float>& got, const std::vector<float>& want, double eps) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(want[i]).epsilon(eps));
  }
}
}  // namespace

TEST_SUITE("scale and translate") {
  // Triangle antialias, 4 -> 2: the kernel widens to radius 2; output 0 samples at 1.0 and reads
  // inputs 0..2 at distances 0.5, 0.5, 1.5 -> tent weights 0.75, 0.75, 0.25 -> 3/7, 3/7, 1/7.
  TEST_CASE("triangle with antialias: hand-computed weights when downsampling") {
    OpRunner r;
    Tensor row = F({0, 10, 20, 40}, {1, 1, 4, 1});
    Tensor out = Resize(r, row, 1, 2, "triangle", true);
    CHECK(out.shape() == Shape{1, 1, 2, 1});
    CheckNear(Values<float>(out), {50.0f / 7, 190.0f / 7}, 1e-6);
    // The same along the height axis, and per channel.
    Tensor col = F({0, 1, 10, 2, 20, 3, 40, 4}, {1, 4, 1, 2});
    CheckNear(Values<float>(Resize(r, col, 2, 1, "triangle", true)),
              {50.0f / 7, 12.0f / 7, 190.0f / 7, 23.0f / 7}, 1e-6);
  }

  TEST_CASE("box with antialias averages pairs when halving, without it samples one pixel") {
    OpRunner r;
    Tensor row = F({0, 10, 20, 40}, {1, 1, 4, 1});
    CheckNear(Values<float>(Resize(r, row, 1, 2, "box", true)), {5, 30}, 1e-6);
    // Not widened: output 0 samples at 1.0, where inputs 0 and 1 sit at distance 0.5 (weight
    // 0.5 each); output 1 at 3.0 -> inputs 2 and 3.
    CheckNear(Values<float>(Resize(r, row, 1, 2, "box", false)), {5, 30}, 1e-6);
    // Upsampling 2 -> 4 repeats pixels (nearest).
    CheckNear(Values<float>(Resize(r, F({1, 2}, {1, 1, 2, 1}), 1, 4, "box", true)), {1, 1, 2, 2},
              1e-6);
  }

  TEST_CASE("translation shifts the image, samples outside the input are 0") {
    OpRunner r;
    Tensor row = F({1, 2, 3, 4}, {1, 1, 4, 1});
    Tensor out = r.One("ScaleAndTranslate", {row, I32({1, 4}, {2}), F({1, 1}, {2}), F({0, 1}, {2})},
                       Kernel("box", true));
    CHECK(Values<float>(out) == std::vector<float>{0, 1, 2, 3});
  }

  TEST_CASE("triangle without antialias is ResizeBilinear with half_pixel_centers") {
    OpRunner r;
    std::vector<float> pixels;
    for (int i = 0; i < 5 * 6 * 2; ++i) pixels.push_back(static_cast<float>((i * 37) % 23) - 4.5f);
    Tensor image = F(pixels, {1, 5, 6, 2});
    const AttrMap half = Attrs({{"half_pixel_centers", AttrValue::Bool(true)}});
    for (auto [h, w] : {std::pair{9, 13}, std::pair{3, 4}, std::pair{5, 6}, std::pair{2, 11}}) {
      CAPTURE(h);
      CAPTURE(w);
      Tensor bilinear = r.One("ResizeBilinear", {image, I32({h, w}, {2})}, half);
      CheckNear(Values<float>(Resize(r, image, h, w, "triangle", false)), Values<float>(bilinear),
                1e-5);
    }
  }

  TEST_CASE("keyscubic without antialias is ResizeBicubic with half_pixel_centers") {
    // ResizeBicubic samples Keys' kernel from a 1024-entry table; ScaleAndTranslate evaluates it
    // exactly, so they agree to the table's resolution.
    OpRunner r;
    Tensor image = F({3, 9, 1, 7, 2, 8, 6, 4, 0, 5, 11, 2}, {1, 3, 4, 1});
    const AttrMap half = Attrs({{"half_pixel_centers", AttrValue::Bool(true)}});
    Tensor bicubic = r.One("ResizeBicubic", {image, I32({7, 9}, {2})}, half);
    const auto want = Values<float>(bicubic);
    const auto got = Values<float>(Resize(r, image, 7, 9, "keyscubic", false));
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      CAPTURE(i);
      CHECK(got[i] == doctest::Approx(want[i]).epsilon(2e-3));
    }
  }

  TEST_CASE("every kernel keeps a constant image constant and is the identity at scale 1") {
    OpRunner r;
    Tensor flat = T_<std::uint8_t>(std::vector<std::uint8_t>(4 * 5, 7), {1, 4, 5, 1});
    Tensor ramp = F({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {1, 3, 4, 1});
    for (const char* type : {"lanczos1", "lanczos3", "lanczos5", "gaussian", "box", "triangle",
                             "keyscubic", "mitchellcubic"}) {
      CAPTURE(type);
      Tensor down = Resize(r, flat, 3, 2, type, true);
      CHECK(down.dtype() == DataType::kFloat);
      CheckNear(Values<float>(down), std::vector<float>(6, 7.0f), 1e-5);
      CheckNear(Values<float>(Resize(r, flat, 7, 9, type, true)), std::vector<float>(63, 7.0f),
                1e-5);
      // At scale 1 the taps sit at integer distances: every kernel but Gaussian and Mitchell
      // (which blur) is 1 at 0 and 0 at the other integers.
      if (std::string(type) != "gaussian" && std::string(type) != "mitchellcubic") {
        CheckNear(Values<float>(Resize(r, ramp, 3, 4, type, true)), Values<float>(ramp), 1e-5);
      }
    }
  }

  // Mitchell at integer distances: k(0) = 8/9, k(1) = 1/18, k(2) = 0; normalized over the taps
  // present, an interior pixel is (v[-1] + 16 v[0] + v[1]) / 18 and an edge pixel
  // (16 v[0] + v[1]) / 17.
  TEST_CASE("mitchellcubic at scale 1 blurs with its hand-computed weights") {
    OpRunner r;
    Tensor row = F({0, 18, 0}, {1, 1, 3, 1});
    CheckNear(Values<float>(Resize(r, row, 1, 3, "mitchellcubic", true)),
              {18.0f / 17, 16.0f, 18.0f / 17}, 1e-5);
  }

  TEST_CASE("ScaleAndTranslate errors, with TensorFlow's texts") {
    OpRunner r;
    Tensor image = F({1, 2, 3, 4}, {1, 2, 2, 1});
    const auto run = [&](Tensor size, Tensor scale, AttrMap attrs = Kernel("lanczos3", true)) {
      return r.Error("ScaleAndTranslate",
                     {image, std::move(size), std::move(scale), F({0, 0}, {2})}, std::move(attrs));
    };
    CHECK(run(I32({2, 2}, {2}), F({1, 1}, {2}), Kernel("bilinear", true)) ==
          "Unrecognized kernel type: bilinear");
    CHECK(run(I32({2, 2, 2}, {3}), F({1, 1}, {2})) == "output_shape_t must have two elements[3]");
    CHECK(run(I32({0, 2}, {2}), F({1, 1}, {2})) == "output dimensions must be positive");
    CHECK(run(I32({2, 2}, {2}), F({0, 1}, {2})) == "Scale must be greater than zero.");
    CHECK(run(I32({2, 2}, {2}), F({1, 1, 1}, {3})) == "t must have two elements[3]");
    CHECK(r.Error("ScaleAndTranslate", {F({1}, {1}), I32({2, 2}, {2}), F({1, 1}, {2}),
                                        F({0, 0}, {2})}) == "input must be 4-dimensional[1]");
    CHECK(r.Error("ScaleAndTranslate", {F({}, {1, 0, 2, 1}), I32({2, 2}, {2}), F({1, 1}, {2}),
                                        F({0, 0}, {2})}) == "input image must be of non-zero size");
  }

  TEST_CASE("defaults: lanczos3 with antialias") {
    OpRunner r;
    Tensor row = F({0, 10, 20, 40, 10, 0, 30, 5}, {1, 1, 8, 1});
    Tensor by_default =
        r.One("ScaleAndTranslate", {row, I32({1, 3}, {2}), F({1, 3.0f / 8}, {2}), F({0, 0}, {2})});
    Tensor explicit_attrs = Resize(r, row, 1, 3, "lanczos3", true);
    CHECK(Values<float>(by_default) == Values<float>(explicit_attrs));
    CHECK(Values<float>(by_default) != Values<float>(Resize(r, row, 1, 3, "lanczos3", false)));
  }
}

}  // namespace tfsk::serving
