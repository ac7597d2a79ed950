#pragma once
// Protobuf -> serving types, done once when a graph is loaded so kernels never touch protobuf.

#include "lib/base/status.h"
#include "serving/ops/attr_value.h"
#include "serving/proto/attr_value.pb.h"
#include "serving/proto/tensor.pb.h"
#include "serving/proto/tensor_shape.pb.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// A TensorProto as a Tensor: tensor_content (raw little-endian bytes) or the typed *_val
/// fields, where fewer values than elements repeat the last one (TensorFlow's convention for
/// splat constants). Supports float, double, int8/16/32/64, uint8/16/32/64, bool, string.
StatusOr<Tensor> TensorFromProto(const tensorflow::TensorProto& proto);

/// The inverse for the supported dtypes, using the typed *_val fields for strings and
/// tensor_content for numbers (what the REST/gRPC layers and tests need).
StatusOr<tensorflow::TensorProto> TensorToProto(const Tensor& tensor);

/// A TensorShapeProto as an AttrShape (-1 for unknown dims).
AttrShape ShapeFromProto(const tensorflow::TensorShapeProto& proto);

/// An AttrValue proto as an AttrValue (VALUE_NOT_SET becomes monostate; `list {}` with no
/// elements becomes EmptyList).
StatusOr<AttrValue> AttrFromProto(const tensorflow::AttrValue& proto);

}  // namespace tfsk::serving
