// Image kernels: PNG round trips bit for bit (8 and 16 bits, 1–4 channels, TensorFlow's channel
// conversions), JPEG round trips within the codec's loss, decoding options (gray, ratio, crop,
// accurate DCT), dtype scales, format sniffing, and TensorFlow's errors.

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

/// A smooth uint8 image [h, w, c] (smooth so JPEG keeps it close; no wrap below 48 x 64).
Tensor Gradient(std::int64_t h, std::int64_t w, std::int64_t c) {
  Tensor t(DataType::kUint8, {h, w, c});
  auto px = t.flat<std::uint8_t>();
  for (std::int64_t y = 0; y < h; ++y) {
    for (std::int64_t x = 0; x < w; ++x) {
      for (std::int64_t k = 0; k < c; ++k) {
        px[static_cast<std::size_t>((y * w + x) * c + k)] =
            static_cast<std::uint8_t>((40 * k + 2 * x + y) % 256);
      }
    }
  }
  return t;
}

Tensor Bytes(const std::string& s) { return Tensor::Scalar<std::string>(s); }

std::string Encode(OpRunner& r, const std::string& op, const Tensor& image, AttrMap attrs = {}) {
  Tensor out = r.One(op, {image}, std::move(attrs));
  REQUIRE(out.dtype() == DataType::kString);
  return out.flat<std::string>()[0];
}

int MaxDiff(const Tensor& a, const Tensor& b) {
  REQUIRE(a.shape() == b.shape());
  int worst = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(a.num_elements()); ++i) {
    worst =
        std::max(worst, std::abs(int(a.flat<std::uint8_t>()[i]) - int(b.flat<std::uint8_t>()[i])));
  }
  return worst;
}

AttrMap Channels(int c) { return Attrs({{"channels", AttrValue::Int(c)}}); }

}  // namespace

TEST_SUITE("image codec ops") {
  TEST_CASE("PNG round trips exactly, for 1 to 4 channels and 8 or 16 bits") {
    OpRunner r;
    for (std::int64_t c = 1; c <= 4; ++c) {
      CAPTURE(c);
      Tensor image = Gradient(5, 7, c);
      const std::string png = Encode(r, "EncodePng", image);
      CHECK(png.starts_with("\x89PNG"));
      CHECK(r.One("DecodePng", {Bytes(png)}).Equals(image));
      CHECK(r.One("DecodeImage", {Bytes(png)}).Equals(image));
      CHECK(r.One("DecodeJpeg", {Bytes(png)}).Equals(image));  // the kernels sniff the format
    }
    Tensor wide(DataType::kUint16, {2, 3, 1});
    for (std::size_t i = 0; i < 6; ++i)
      wide.flat<std::uint16_t>()[i] = static_cast<std::uint16_t>(i * 10000 + 7);
    const std::string png16 =
        Encode(r, "EncodePng", wide, Attrs({{"compression", AttrValue::Int(9)}}));
    CHECK(r.One("DecodePng", {Bytes(png16)}, Attrs({{"dtype", AttrValue::Type(DataType::kUint16)}}))
              .Equals(wide));
    // 16 bits read as 8 keep the high byte (png_set_strip_16).
    CHECK(Values<std::uint8_t>(r.One("DecodePng", {Bytes(png16)})) ==
          std::vector<std::uint8_t>{0, 39, 78, 117, 156, 195});
  }

  TEST_CASE("PNG channel conversions follow TensorFlow: alpha added or stripped, gray <-> RGB") {
    OpRunner r;
    Tensor rgb = Gradient(2, 2, 3);
    const std::string png = Encode(r, "EncodePng", rgb);
    Tensor rgba = r.One("DecodePng", {Bytes(png)}, Channels(4));
    CHECK(rgba.shape() == Shape{2, 2, 4});
    CHECK(rgba.flat<std::uint8_t>()[3] == 255);  // opaque alpha added
    CHECK(rgba.flat<std::uint8_t>()[2] == rgb.flat<std::uint8_t>()[2]);
    Tensor gray = r.One("DecodePng", {Bytes(png)}, Channels(1));
    CHECK(gray.shape() == Shape{2, 2, 1});
    Tensor gray_src = Gradient(2, 2, 1);
    Tensor as_rgb = r.One("DecodePng", {Bytes(Encode(r, "EncodePng", gray_src))}, Channels(3));
    CHECK(as_rgb.flat<std::uint8_t>()[0] == gray_src.flat<std::uint8_t>()[0]);
    CHECK(as_rgb.flat<std::uint8_t>()[2] == gray_src.flat<std::uint8_t>()[0]);
    // An 8-bit PNG read as 16 bits is widened by 257; DecodeImage as float divides by 65535.
    Tensor wide =
        r.One("DecodePng", {Bytes(png)}, Attrs({{"dtype", AttrValue::Type(DataType::kUint16)}}));
    CHECK(wide.flat<std::uint16_t>()[1] == rgb.flat<std::uint8_t>()[1] * 257);
    Tensor f =
        r.One("DecodeImage", {Bytes(png)}, Attrs({{"dtype", AttrValue::Type(DataType::kFloat)}}));
    CHECK(f.flat<float>()[1] == doctest::Approx(rgb.flat<std::uint8_t>()[1] / 255.0));
  }

  TEST_CASE("JPEG round trips within the codec's loss, with TensorFlow's decode options") {
    OpRunner r;
    Tensor image = Gradient(32, 48, 3);
    const std::string jpg = Encode(
        r, "EncodeJpeg", image,
        Attrs({{"quality", AttrValue::Int(100)}, {"chroma_downsampling", AttrValue::Bool(false)}}));
    CHECK(jpg.starts_with("\xff\xd8\xff"));
    Tensor fast = r.One("DecodeJpeg", {Bytes(jpg)});
    CHECK(MaxDiff(fast, image) <= 6);
    Tensor accurate = r.One("DecodeJpeg", {Bytes(jpg)},
                            Attrs({{"dct_method", AttrValue::Str("INTEGER_ACCURATE")}}));
    CHECK(MaxDiff(accurate, image) <= 2);
    CHECK(r.One("DecodeImage", {Bytes(jpg)}).Equals(fast));  // DecodeImage uses the default too

    CHECK(r.One("DecodeJpeg", {Bytes(jpg)}, Channels(1)).shape() == Shape{32, 48, 1});
    CHECK(r.One("DecodeJpeg", {Bytes(jpg)}, Attrs({{"ratio", AttrValue::Int(2)}})).shape() ==
          Shape{16, 24, 3});
    Tensor shape = r.One("ExtractJpegShape", {Bytes(jpg)});
    CHECK(Values<std::int32_t>(shape) == std::vector<std::int32_t>{32, 48, 3});

    // The crop window of DecodeAndCropJpeg is the same region of the full decode (no chroma
    // subsampling, so no upsampling context differs at the window's edges).
    Tensor crop = r.One("DecodeAndCropJpeg", {Bytes(jpg), I32({3, 17, 10, 20}, {4})});
    REQUIRE(crop.shape() == Shape{10, 20, 3});
    for (std::int64_t y = 0; y < 10; ++y) {
      for (std::int64_t x = 0; x < 20; ++x) {
        for (std::int64_t k = 0; k < 3; ++k) {
          CHECK(
              crop.flat<std::uint8_t>()[static_cast<std::size_t>((y * 20 + x) * 3 + k)] ==
              fast.flat<std::uint8_t>()[static_cast<std::size_t>(((y + 3) * 48 + x + 17) * 3 + k)]);
        }
      }
    }
    // As uint16 TensorFlow scales JPEG samples by 256, as float by 1/255.
    Tensor wide =
        r.One("DecodeImage", {Bytes(jpg)}, Attrs({{"dtype", AttrValue::Type(DataType::kUint16)}}));
    CHECK(wide.flat<std::uint16_t>()[5] == fast.flat<std::uint8_t>()[5] * 256);
  }

  TEST_CASE("a truncated JPEG fails unless recovery is asked for, then missing lines repeat") {
    OpRunner r;
    Tensor image = Gradient(64, 48, 3);
    const std::string jpg = Encode(r, "EncodeJpeg", image);
    // Cut halfway through the entropy-coded data (after the start-of-scan marker).
    const std::size_t scan = jpg.find("\xff\xda");
    REQUIRE(scan != std::string::npos);
    const std::string cut = jpg.substr(0, scan + (jpg.size() - scan) / 2);
    CHECK(r.Error("DecodeJpeg", {Bytes(cut)}) ==
          "jpeg::Uncompress failed. Invalid JPEG data or crop window.");
    Tensor recovered = r.One("DecodeJpeg", {Bytes(cut)},
                             Attrs({{"try_recover_truncated", AttrValue::Bool(true)},
                                    {"acceptable_fraction", AttrValue::Float(0.1F)}}));
    CHECK(recovered.shape() == Shape{64, 48, 3});
  }

  TEST_CASE("bad input fails with TensorFlow's messages") {
    OpRunner r;
    CHECK(r.Error("DecodeJpeg", {Bytes("")}) == "Input is empty.");
    CHECK(r.Error("DecodeImage", {Bytes("not an image")}) ==
          "Unknown image file format. One of JPEG, PNG, GIF, BMP required.");
    CHECK(r.Error("DecodeJpeg", {S({"a", "b"}, {2})}) ==
          "`contents` must be scalar but got shape[2]");
    CHECK(r.Error("DecodeJpeg", {Bytes("\xff\xd8\xff garbage")}) ==
          "jpeg::Uncompress failed. Invalid JPEG data or crop window.");
    CHECK(r.Error("DecodePng", {Bytes("\x89PNG\r\n\x1a\n garbage")}) ==
          "Invalid PNG. Failed to initialize decoder.");
    CHECK(r.Error("DecodeJpeg", {Bytes("\xff\xd8\xff")}, Attrs({{"ratio", AttrValue::Int(3)}})) ==
          "ratio must be 1, 2, 4, or 8, got 3");
    CHECK(r.Error("DecodeJpeg", {Bytes("\xff\xd8\xff")}, Channels(2)) ==
          "`channels` must be 0, 1, 3 or 4 but got 2");
    OpRunner e;
    const std::string jpg = Encode(e, "EncodeJpeg", Gradient(8, 8, 3));
    CHECK(r.Error("DecodeJpeg", {Bytes(jpg)}, Channels(4)) == "JPEG does not support 4 channels");
    CHECK(r.Error("DecodeAndCropJpeg", {Bytes(jpg), I32({4, 4, 8, 8}, {4})}) ==
          "jpeg::Uncompress failed. Invalid JPEG data or crop window.");
    CHECK(r.Error("DecodeAndCropJpeg",
                  {Bytes(Encode(e, "EncodePng", Gradient(2, 2, 1))), I32({0, 0, 1, 1}, {4})}) ==
          "DecodeAndCropJpeg operation can run on JPEG only, but detected PNG.");
    CHECK(r.Error("ExtractJpegShape", {Bytes("nope")}) == "Invalid JPEG data, size 4");
    CHECK(r.Error("DecodeImage", {Bytes("GIF89a....")}) ==
          "GIF images are not decoded by tfsk-serving (JPEG and PNG are)");
    CHECK(r.Error("EncodeJpeg", {Gradient(2, 2, 2)}) ==
          "image must have 1 or 3 channels, got [2,2,2]");
  }
}

}  // namespace tfsk::serving
