#pragma once
// JPEG decoding (and EncodeJpeg's encoding) the way TensorFlow's DecodeJpeg / DecodeAndCropJpeg /
// ExtractJpegShape do it, on Debian's libjpeg-turbo (the library TensorFlow bundles): the same
// colour-space choices, DCT method, upsampling, scaling, crop calls and truncation rules, so the
// pixels match. The only file that includes jpeglib.h.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

struct JpegDecodeOptions {
  int channels = 0;             ///< 0: the image's (CMYK becomes RGB), 1: gray, 3: RGB
  int ratio = 1;                ///< 1, 2, 4 or 8: downscale while decoding
  bool fancy_upscaling = true;  ///< libjpeg's smooth chroma upsampling
  bool try_recover_truncated = false;
  float acceptable_fraction = 1.0F;  ///< of lines that must decode when recovering
  bool accurate_dct = false;         ///< INTEGER_ACCURATE; TensorFlow's default is INTEGER_FAST
  bool crop = false;
  int crop_y = 0, crop_x = 0, crop_height = 0, crop_width = 0;
};

/// True when `data` starts like a JPEG file (FF D8 FF).
bool LooksLikeJpeg(std::string_view data);

/// The image as a uint8 tensor [height, width, channels]; InvalidArgument with TensorFlow's
/// "jpeg::Uncompress failed. Invalid JPEG data or crop window." when it cannot be decoded.
StatusOr<Tensor> DecodeJpegImage(std::string_view data, const JpegDecodeOptions& options);

struct JpegEncodeOptions {
  int quality = 95;  ///< 0–100
  bool progressive = false;
  bool optimize_size = false;
  bool chroma_downsampling = true;  ///< 4:2:0 colour, libjpeg's default
  int density_unit = 1;             ///< JFIF: 1 per inch, 2 per cm
  int x_density = 300, y_density = 300;
  std::string xmp_metadata;  ///< written as an APP1 XMP marker when not empty
};

/// A uint8 image [height, width, 1 or 3] as JPEG bytes, with EncodeJpeg's settings.
StatusOr<std::string> EncodeJpegImage(const Tensor& image, const JpegEncodeOptions& options);

/// {height, width, components} from the header (ExtractJpegShape); InvalidArgument
/// "Invalid JPEG data, size N" otherwise.
StatusOr<std::array<std::int64_t, 3>> JpegImageShape(std::string_view data);

}  // namespace tfsk::serving::ops
