// Image bytes through the REST handler, as TF Serving's image examples send them: a PNG or JPEG
// as {"b64": …} decoded by the model (serving/savedmodel/image_model.h) into pixels, and an
// image answered as bytes, which REST base64-encodes for an output alias ending in "_bytes".

#include <boost/json.hpp>

#include "serving/loader/served_model_test_util.h"
#include "serving/ops/jpeg_codec.h"
#include "serving/ops/png_codec.h"
#include "serving/rest/base64.h"
#include "serving/savedmodel/image_model.h"

namespace tfsk::serving::loader {
using namespace testing;

namespace {

Tensor SmallImage() {
  Tensor t(DataType::kUint8, {2, 3, 3});
  auto px = t.flat<std::uint8_t>();
  for (std::size_t i = 0; i < px.size(); ++i) px[i] = static_cast<std::uint8_t>(i * 13 + 5);
  return t;
}

std::string B64Instance(const std::string& bytes) {
  return R"({"instances": [{"b64": ")" + rest::Base64Encode(bytes) + R"("}]})";
}

}  // namespace

TEST_SUITE("images through the REST handler") {
  TEST_CASE("a base64 PNG is decoded by the model into exactly its pixels") {
    ServedModel m(savedmodel::ImageModel());
    const Tensor image = SmallImage();
    auto png = ops::EncodePngImage(image, -1);
    REQUIRE(png.ok());
    auto r = m.Post("predict", B64Instance(*png));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    const auto rows = boost::json::parse(r.body).at("predictions").at(0).as_array();
    REQUIRE(rows.size() == 2);
    std::size_t i = 0;
    for (const auto& row : rows) {
      REQUIRE(row.as_array().size() == 3);
      for (const auto& pixel : row.as_array()) {
        for (const auto& channel : pixel.as_array()) {
          CHECK(channel.to_number<double>() == image.flat<std::uint8_t>()[i++]);
        }
      }
    }
  }

  TEST_CASE("an image answered as bytes comes back base64-encoded, and decodes to the pixels") {
    ServedModel m(savedmodel::ImageModel());
    auto jpg = ops::EncodeJpegImage(SmallImage(), {});
    REQUIRE(jpg.ok());
    auto r = m.Post("predict", R"({"signature_name": "to_png", "instances": [{"b64": ")" +
                                   rest::Base64Encode(*jpg) + R"("}]})");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    const auto b64 = boost::json::parse(r.body).at("predictions").at(0).at("b64").as_string();
    const auto png = rest::Base64Decode(std::string(b64));
    REQUIRE(png.has_value());
    auto answered = ops::DecodePngImage(*png, 0, 8);
    REQUIRE(answered.ok());
    ops::JpegDecodeOptions gray;
    gray.channels = 1;
    auto expected = ops::DecodeJpegImage(*jpg, gray);
    REQUIRE(expected.ok());
    CHECK(answered->Equals(*expected));
  }

  TEST_CASE("bytes that are no image fail with TensorFlow's message as a 400") {
    ServedModel m(savedmodel::ImageModel());
    auto r = m.Post("predict", B64Instance("plain text"));
    CHECK(r.status == 400);
    CHECK(r.body.find("Unknown image file format. One of JPEG, PNG, GIF, BMP required.") !=
          std::string::npos);
  }
}

}  // namespace tfsk::serving::loader
