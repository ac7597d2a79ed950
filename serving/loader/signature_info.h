#pragma once
// SignatureDef (protobuf) -> what the REST layer needs, and -> the JSON fragment TF Serving
// prints in model metadata.

#include <string>

#include "serving/proto/meta_graph.pb.h"
#include "serving/rest/servable.h"

namespace tfsk::serving::loader {

/// The dense TensorInfo entries of a SignatureDef, alias-keyed. Sparse/composite encodings
/// keep an empty tensor_name (REST cannot feed them).
rest::SignatureInfo ToSignatureInfo(const tensorflow::SignatureDef& def);

/// The SignatureDef as protobuf's JSON printer writes it for TF Serving's metadata answer
/// (original field names, default-valued fields printed, int64 as strings, enums by name).
/// INTERNAL if the printer fails.
StatusOr<std::string> SignatureDefJson(const tensorflow::SignatureDef& def);

}  // namespace tfsk::serving::loader
