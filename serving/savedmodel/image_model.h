#pragma once
// A model whose signatures take and give image file bytes, built in code like the demo models:
// what TF Serving's image examples do with `{"b64": …}` (serving/ops/image_codec_ops.cpp end to
// end: REST base64 → string tensor → decode → tensors, and back to bytes → base64).
//
// Signatures (no variables):
//  * serving_default: image_bytes (DT_STRING [-1], one image per instance) → pixels
//    (DT_FLOAT [-1, h, w, 3]) = DecodeImage(channels 3) of the instance, as float 0–255.
//  * to_png: image_bytes → png_bytes (DT_STRING [-1]) = EncodePng(DecodeJpeg(channels 1)):
//    the image as a grayscale PNG, which REST answers base64-encoded (the alias ends in _bytes).
// Each signature takes a batch of exactly one image (as models decoding a scalar do).

#include "serving/savedmodel/demo_models.h"

namespace tfsk::serving::savedmodel {

/// The model above, ready for WriteSavedModel.
SavedModelToWrite ImageModel();

}  // namespace tfsk::serving::savedmodel
