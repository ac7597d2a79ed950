// Image kernels: DecodeJpeg, DecodeAndCropJpeg, DecodePng, DecodeImage and ExtractJpegShape,
// as TensorFlow's DecodeImageV2 kernel runs them — every decode op sniffs the
// format from the magic bytes (so DecodeJpeg also reads a PNG), then converts to the requested
// dtype. What a serving signature taking `{"b64": …}` image bytes runs first. The codecs live
// in jpeg_codec.cpp and png_codec.cpp; GIF and BMP are not decoded (Unimplemented, named).
// EncodeJpeg and EncodePng turn a uint8 (PNG: or uint16) image back into file bytes, for signatures
// that answer with an image.

#include <limits>

#include "serving/ops/jpeg_codec.h"
#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/png_codec.h"

namespace tfsk::serving::ops {
namespace {

/// The attrs of one decode op, checked as TensorFlow's kernel constructor does.
struct DecodeAttrs {
  std::string op;
  int channels = 0;
  DataType dtype = DataType::kUint8;
  JpegDecodeOptions jpeg;
};

StatusOr<DecodeAttrs> ReadAttrs(const NodeInfo& node) {
  DecodeAttrs a;
  a.op = node.op;
  if (a.op == "DecodeJpeg" || a.op == "DecodeAndCropJpeg") {
    a.jpeg.ratio = static_cast<int>(node.IntOr("ratio", 1));
    if (a.jpeg.ratio != 1 && a.jpeg.ratio != 2 && a.jpeg.ratio != 4 && a.jpeg.ratio != 8) {
      return InvalidArgument("ratio must be 1, 2, 4, or 8, got " + std::to_string(a.jpeg.ratio));
    }
    a.jpeg.fancy_upscaling = node.BoolOr("fancy_upscaling", true);
    a.jpeg.try_recover_truncated = node.BoolOr("try_recover_truncated", false);
    auto fraction = node.GetFloat("acceptable_fraction");
    a.jpeg.acceptable_fraction = fraction.ok() ? *fraction : 1.0F;
    const std::string dct = node.StringOr("dct_method", "");
    if (!dct.empty() && dct != "INTEGER_FAST" && dct != "INTEGER_ACCURATE") {
      return InvalidArgument("dct_method must be one of {'', 'INTEGER_FAST', 'INTEGER_ACCURATE'}");
    }
    a.jpeg.accurate_dct = dct == "INTEGER_ACCURATE";
  }
  if (a.op == "DecodePng" || a.op == "DecodeImage") {
    if (node.HasAttr("dtype")) {
      TFSK_ASSIGN_OR_RETURN(a.dtype, node.GetType("dtype"));
    }
    const bool ok = a.dtype == DataType::kUint8 || a.dtype == DataType::kUint16 ||
                    (a.op == "DecodeImage" && a.dtype == DataType::kFloat);
    if (!ok) {
      return InvalidArgument("`dtype` for `" + a.op + "` must be unit8, unit16" +
                             (a.op == "DecodeImage" ? ", float" : "") +
                             " but got: " + std::to_string(static_cast<int>(a.dtype)));
    }
  }
  a.channels = static_cast<int>(node.IntOr("channels", 0));
  if (a.channels != 0 && a.channels != 1 && a.channels != 3 && a.channels != 4) {
    return InvalidArgument("`channels` must be 0, 1, 3 or 4 but got " + std::to_string(a.channels));
  }
  return a;
}

/// uint8 pixels as the requested dtype: uint16 ×256, float ÷255 (TensorFlow's scales).
Tensor ConvertFrom8(const Tensor& px, DataType dtype) {
  if (dtype == DataType::kUint8) return px;
  Tensor out(dtype, px.shape());
  auto in = px.flat<std::uint8_t>();
  if (dtype == DataType::kUint16) {
    auto o = out.flat<std::uint16_t>();
    for (std::size_t i = 0; i < in.size(); ++i) o[i] = static_cast<std::uint16_t>(in[i] * 256);
  } else {
    const float scale = 1.0F / std::numeric_limits<std::uint8_t>::max();
    auto o = out.flat<float>();
    for (std::size_t i = 0; i < in.size(); ++i) o[i] = static_cast<float>(in[i]) * scale;
  }
  return out;
}

StatusOr<Tensor> DecodeJpegInput(const OpContext& ctx, const DecodeAttrs& a,
                                 std::string_view data) {
  if (a.channels == 4) return InvalidArgument("JPEG does not support 4 channels");
  JpegDecodeOptions o = a.jpeg;
  o.channels = a.channels;
  if (a.op == "DecodeAndCropJpeg") {
    const Tensor& window = ctx.input(1);
    if (window.rank() != 1) {
      return InvalidArgument("crop_window must be 1-D, got shape " + ShapeString(window.shape()));
    }
    if (window.dim(0) != 4) {
      return InvalidArgument("crop_size must have four elements " + ShapeString(window.shape()));
    }
    TFSK_ASSIGN_OR_RETURN(auto w, IndexValues(window, "crop_window"));
    o.crop = true;
    o.crop_y = static_cast<int>(w[0]);
    o.crop_x = static_cast<int>(w[1]);
    o.crop_height = static_cast<int>(w[2]);
    o.crop_width = static_cast<int>(w[3]);
  }
  TFSK_ASSIGN_OR_RETURN(Tensor px, DecodeJpegImage(data, o));
  return ConvertFrom8(px, a.dtype);
}

StatusOr<Tensor> DecodePngInput(const DecodeAttrs& a, std::string_view data) {
  if (a.op == "DecodeAndCropJpeg") {
    return InvalidArgument("DecodeAndCropJpeg operation can run on JPEG only, but detected PNG.");
  }
  const int bits = a.dtype == DataType::kUint8 ? 8 : 16;
  TFSK_ASSIGN_OR_RETURN(Tensor px, DecodePngImage(data, a.channels, bits));
  if (a.dtype != DataType::kFloat) return px;
  // Float from the lossless 16-bit decode, ÷65535.
  Tensor out(DataType::kFloat, px.shape());
  auto in = px.flat<std::uint16_t>();
  auto o = out.flat<float>();
  const float scale = 1.0F / std::numeric_limits<std::uint16_t>::max();
  for (std::size_t i = 0; i < in.size(); ++i) o[i] = static_cast<float>(in[i]) * scale;
  return out;
}

Status DecodeImage(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, ctx.node.op == "DecodeAndCropJpeg" ? 2 : 1));
  TFSK_ASSIGN_OR_RETURN(DecodeAttrs a, ReadAttrs(ctx.node));
  const Tensor& contents = ctx.input(0);
  if (contents.rank() != 0 || contents.dtype() != DataType::kString) {
    return InvalidArgument("`contents` must be scalar but got shape" +
                           ShapeString(contents.shape()));
  }
  const std::string& data = contents.flat<std::string>()[0];
  if (data.empty()) return InvalidArgument("Input is empty.");
  if (data.starts_with("GIF8") || data.starts_with("BM")) {
    return Unimplemented(std::string(data.starts_with("GIF8") ? "GIF" : "BMP") +
                         " images are not decoded by tfsk-serving (JPEG and PNG are)");
  }
  if (!LooksLikeJpeg(data) && !LooksLikePng(data)) {
    return InvalidArgument("Unknown image file format. One of JPEG, PNG, GIF, BMP required.");
  }
  TFSK_ASSIGN_OR_RETURN(
      Tensor image, LooksLikeJpeg(data) ? DecodeJpegInput(ctx, a, data) : DecodePngInput(a, data));
  ctx.outputs.push_back(std::move(image));
  return OkStatus();
}

Status ExtractJpegShape(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& contents = ctx.input(0);
  if (contents.rank() != 0 || contents.dtype() != DataType::kString) {
    return InvalidArgument("contents must be scalar, got shape " + ShapeString(contents.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto dims, JpegImageShape(contents.flat<std::string>()[0]));
  const DataType type =
      ctx.node.HasAttr("output_type") ? ctx.node.GetType("output_type").value() : DataType::kInt32;
  Tensor out(type, {3});
  for (std::size_t i = 0; i < 3; ++i) {
    if (type == DataType::kInt64) {
      out.flat<std::int64_t>()[i] = dims[i];
    } else {
      out.flat<std::int32_t>()[i] = static_cast<std::int32_t>(dims[i]);
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status EncodeJpeg(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& image = ctx.input(0);
  JpegEncodeOptions o;
  const std::string format = ctx.node.StringOr("format", "");
  if (image.rank() == 3 &&
      ((format == "grayscale" && image.dim(2) != 1) || (format == "rgb" && image.dim(2) != 3))) {
    return InvalidArgument("format " + format + " does not fit an image of " +
                           std::to_string(image.dim(2)) + " channels");
  }
  if (!format.empty() && format != "grayscale" && format != "rgb") {
    return InvalidArgument("format must be '', grayscale or rgb, got " + format);
  }
  o.quality = static_cast<int>(ctx.node.IntOr("quality", 95));
  o.progressive = ctx.node.BoolOr("progressive", false);
  o.optimize_size = ctx.node.BoolOr("optimize_size", false);
  o.chroma_downsampling = ctx.node.BoolOr("chroma_downsampling", true);
  const std::string unit = ctx.node.StringOr("density_unit", "in");
  if (unit != "in" && unit != "cm") {
    return InvalidArgument("density_unit must be 'in' or 'cm', got " + unit);
  }
  o.density_unit = unit == "in" ? 1 : 2;
  o.x_density = static_cast<int>(ctx.node.IntOr("x_density", 300));
  o.y_density = static_cast<int>(ctx.node.IntOr("y_density", 300));
  o.xmp_metadata = ctx.node.StringOr("xmp_metadata", "");
  TFSK_ASSIGN_OR_RETURN(std::string bytes, EncodeJpegImage(image, o));
  ctx.outputs.push_back(Tensor::Scalar<std::string>(std::move(bytes)));
  return OkStatus();
}

Status EncodePng(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(
      std::string bytes,
      EncodePngImage(ctx.input(0), static_cast<int>(ctx.node.IntOr("compression", -1))));
  ctx.outputs.push_back(Tensor::Scalar<std::string>(std::move(bytes)));
  return OkStatus();
}

}  // namespace

void RegisterImageCodecOps(KernelRegistry& r) {
  r.Register({"EncodeJpeg", &EncodeJpeg, {}});
  r.Register({"EncodePng", &EncodePng, {}});
  for (const char* op : {"DecodeJpeg", "DecodeAndCropJpeg", "DecodePng", "DecodeImage"}) {
    r.Register({op, &DecodeImage, {}});
  }
  r.Register({"ExtractJpegShape", &ExtractJpegShape, {}});
}

}  // namespace tfsk::serving::ops
