#pragma once
// PNG decoding (and EncodePng's encoding) the way TensorFlow's DecodePng does it, on Debian's
// libpng: the same transformations (alpha added, stripped or taken from tRNS; palettes expanded;
// gray ↔ RGB with BT.601 weights; 16 bits stripped to 8, or 8 bits widened to 16 by ×257), so the
// pixels match. The only file that includes png.h.

#include <string>
#include <string_view>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

/// True when `data` starts with the PNG signature.
bool LooksLikePng(std::string_view data);

/// The image as [height, width, channels] of uint8 (`bits` 8) or uint16 (`bits` 16);
/// `channels` 0 keeps the file's. InvalidArgument with TensorFlow's "Invalid PNG. Failed to
/// initialize decoder." or "Invalid PNG data, size N" when it cannot be decoded.
StatusOr<Tensor> DecodePngImage(std::string_view data, int channels, int bits);

/// A uint8 or uint16 image [height, width, 1–4] as PNG bytes; `compression` -1 is zlib's
/// default, else 0–9 (EncodePng).
StatusOr<std::string> EncodePngImage(const Tensor& image, int compression);

}  // namespace tfsk::serving::ops
