#pragma once
// TensorFlow's TensorList: the DT_VARIANT value behind tf.TensorArray inside tf.function and
// the loops Keras RNN layers (LSTM, GRU, SimpleRNN) export. A list is a scalar DT_VARIANT tensor
// holding a TensorList; the TensorList* kernels (list_ops.cpp) read it and make new lists.
//
// Lists are values: a kernel never changes a list another tensor can reach. It changes one in
// place only when the list's tensor and the list itself have no other owner (the common case
// inside a While body, where each iteration hands its loop variables on), and copies the list
// (the element tensors share their buffers) otherwise — TensorFlow's forward-or-copy.

#include <cstdint>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/ops/attr_value.h"
#include "serving/ops/kernel.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// A list of tensors of one dtype. Elements not set yet are invalid tensors (DT_INVALID);
/// readers see them as zeros of the element shape once that shape is known.
class TensorList final : public VariantValue {
 public:
  DataType element_dtype = DataType::kInvalid;
  /// The shape every element must be compatible with; partly or wholly unknown.
  AttrShape element_shape{true, {}};
  /// -1 for no limit (EmptyTensorList's max_num_elements).
  std::int64_t max_num_elements = -1;
  std::vector<Tensor> tensors;

  std::string TypeName() const override { return "tensorflow::TensorList"; }
  std::string DebugString() const override;
};

namespace ops {

/// "<unknown>", "[?,3]", "[2,3]": TensorFlow's PartialTensorShape::DebugString.
std::string PartialShapeString(const AttrShape& shape);
/// A known shape as an AttrShape.
AttrShape KnownShape(const Shape& shape);
/// True when `shape` could be an instance of `partial` (same rank, equal known dims).
bool IsCompatible(const AttrShape& partial, const Shape& shape);
/// The most specific shape both describe; InvalidArgument ("Incompatible shapes during merge")
/// when they conflict.
StatusOr<AttrShape> MergeShapes(const AttrShape& a, const AttrShape& b);

/// An element_shape input: a scalar -1 (unknown rank) or an int32/int64 vector with -1 for
/// unknown dimensions; TensorFlow's errors otherwise.
StatusOr<AttrShape> PartialShapeFromTensor(const Tensor& t);

/// The list held by input `i` (a scalar variant); InvalidArgument naming what was seen otherwise.
StatusOr<const TensorList*> InputList(const OpContext& ctx, int i);

/// A list the kernel may change and the tensor that will carry it to outputs[0]: input `i`'s
/// own list when nothing else shares it, else a copy of it.
struct WritableList {
  Tensor handle;
  TensorList* list = nullptr;
};
StatusOr<WritableList> MakeWritable(OpContext& ctx, int i);

/// A new scalar variant tensor holding an empty list.
WritableList NewList(DataType element_dtype, AttrShape element_shape);

/// InvalidArgument unless the op's element_dtype attr names the list's dtype.
Status CheckElementDtype(DataType op_dtype, const TensorList& list);

/// The element shape for reading list elements that were never set: the merge of the
/// `element_shape` input (`shape_input`), the list's own shape and the shapes of the elements
/// that are set. Not necessarily fully defined.
StatusOr<AttrShape> ReadShape(const Tensor& shape_input, const TensorList& list);

}  // namespace ops
}  // namespace tfsk::serving
