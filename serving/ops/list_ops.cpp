// The TensorList* kernels (TensorFlow's list_kernels): lists of tensors as DT_VARIANT values,
// what tf.TensorArray and the Keras RNN layers' exported loops are made of. Messages follow
// TensorFlow's.

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/rows.h"
#include "serving/ops/tensor_list.h"

namespace tfsk::serving::ops {
namespace {

/// The fully defined shape of elements read from `list`, or TensorFlow's `message` + shape.
StatusOr<Shape> DefinedShape(const AttrShape& shape, const std::string& message,
                             const std::string& suffix = "") {
  if (!shape.fully_defined()) {
    return InvalidArgument(message + PartialShapeString(shape) + suffix);
  }
  return shape.dims;
}

/// The opening every op on a list of a declared dtype shares: `n` inputs, the element_dtype
/// attr, input 0 a list of that dtype.
struct TypedList {
  DataType dtype;
  const TensorList* list;
};
StatusOr<TypedList> TypedListInput(const OpContext& ctx, int n) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, n));
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("element_dtype"));
  TFSK_ASSIGN_OR_RETURN(const TensorList* list, InputList(ctx, 0));
  TFSK_RETURN_IF_ERROR(CheckElementDtype(dtype, *list));
  return TypedList{dtype, list};
}

StatusOr<Tensor> Stack(const TensorList& list, const std::vector<std::int64_t>& indices,
                       const Shape& element_shape) {
  return StackRows(list.element_dtype, list.tensors, indices, element_shape);
}

Status EmptyTensorList(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("element_dtype"));
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, PartialShapeFromTensor(ctx.input(0)));
  if (ctx.input(1).rank() != 0) {
    return InvalidArgument("max_num_elements expected to be a scalar but got shape: " +
                           ShapeString(ctx.input(1).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(std::int64_t max, ScalarIndex(ctx.input(1), "max_num_elements"));
  WritableList out = NewList(dtype, std::move(shape));
  out.list->max_num_elements = max;
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

Status TensorListReserve(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("element_dtype"));
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, PartialShapeFromTensor(ctx.input(0)));
  if (ctx.input(1).rank() != 0) {
    return InvalidArgument("The num_elements to reserve must be a tensor size 1, but got " +
                           ShapeString(ctx.input(1).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(std::int64_t n, ScalarIndex(ctx.input(1), "num_elements"));
  if (n < 0) {
    return InvalidArgument("The num_elements to reserve must be a non negative number, but got " +
                           std::to_string(n));
  }
  WritableList out = NewList(dtype, std::move(shape));
  out.list->tensors.resize(static_cast<std::size_t>(n));
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

Status TensorListFromTensor(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& t = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(t.dtype(), ctx.node.op));
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, PartialShapeFromTensor(ctx.input(1)));
  if (t.rank() < 1) {
    return InvalidArgument("Tensor must be at least a vector, but saw shape: " +
                           ShapeString(t.shape()));
  }
  const Shape row_shape(t.shape().begin() + 1, t.shape().end());
  if (!IsCompatible(shape, row_shape)) {
    return InvalidArgument("Specified a list with shape " + PartialShapeString(shape) +
                           " from a tensor with shape " + ShapeString(row_shape));
  }
  WritableList out = NewList(t.dtype(), std::move(shape));
  out.list->tensors.reserve(static_cast<std::size_t>(t.dim(0)));
  for (std::int64_t r = 0; r < t.dim(0); ++r) out.list->tensors.push_back(RowOf(t, r));
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

Status TensorListLength(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(const TensorList* list, InputList(ctx, 0));
  ctx.outputs.push_back(
      Tensor::Scalar<std::int32_t>(static_cast<std::int32_t>(list->tensors.size())));
  return OkStatus();
}

Status TensorListElementShape(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(const TensorList* list, InputList(ctx, 0));
  const DataType type =
      ctx.node.HasAttr("shape_type") ? ctx.node.GetType("shape_type").value() : DataType::kInt32;
  const AttrShape& s = list->element_shape;
  Tensor out(type, s.unknown_rank ? Shape{} : Shape{static_cast<std::int64_t>(s.dims.size())});
  for (std::int64_t i = 0; i < out.num_elements(); ++i) {
    const std::int64_t d = s.unknown_rank ? -1 : s.dims[static_cast<std::size_t>(i)];
    if (type == DataType::kInt64) {
      out.flat<std::int64_t>()[static_cast<std::size_t>(i)] = d;
    } else {
      out.flat<std::int32_t>()[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(d);
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status TensorListGetItem(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(const TypedList in, TypedListInput(ctx, 3));
  const auto [dtype, list] = in;
  TFSK_ASSIGN_OR_RETURN(std::int64_t index, ScalarIndex(ctx.input(1), "index"));
  const auto size = static_cast<std::int64_t>(list->tensors.size());
  if (index < 0 || index >= size) {
    return InvalidArgument("Trying to access element " + std::to_string(index) +
                           " in a list with " + std::to_string(size) + " elements.");
  }
  const Tensor& item = list->tensors[static_cast<std::size_t>(index)];
  if (item.valid()) {
    ctx.outputs.push_back(item);
    return OkStatus();
  }
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, ReadShape(ctx.input(2), *list));
  TFSK_ASSIGN_OR_RETURN(Shape defined, DefinedShape(shape,
                                                    "Trying to read an uninitialized tensor but "
                                                    "element_shape is not fully defined: ",
                                                    " and no list element is set."));
  ctx.outputs.emplace_back(dtype, std::move(defined));
  return OkStatus();
}

Status TensorListSetItem(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(const TypedList in, TypedListInput(ctx, 3));
  const auto [dtype, list] = in;
  TFSK_ASSIGN_OR_RETURN(std::int64_t index, ScalarIndex(ctx.input(1), "index"));
  const auto size = static_cast<std::int64_t>(list->tensors.size());
  const bool grow = ctx.node.BoolOr("resize_if_index_out_of_bounds", false);
  if (index < 0 || (index >= size && !grow)) {
    return InvalidArgument("Trying to modify element " + std::to_string(index) +
                           " in a list with " + std::to_string(size) + " elements.");
  }
  const Tensor& item = ctx.input(2);
  if (item.dtype() != list->element_dtype) {
    return InvalidArgument("Invalid data types; list elements " +
                           DataTypeName(list->element_dtype) + " but tried to set " +
                           DataTypeName(item.dtype()));
  }
  if (!IsCompatible(list->element_shape, item.shape())) {
    return InvalidArgument(
        "Tried to set a tensor with incompatible shape at a list index. Item element shape: " +
        ShapeString(item.shape()) + " list shape: " + PartialShapeString(list->element_shape));
  }
  Tensor value = ctx.ForwardInput(2);
  TFSK_ASSIGN_OR_RETURN(WritableList out, MakeWritable(ctx, 0));
  if (index >= size) out.list->tensors.resize(static_cast<std::size_t>(index) + 1);
  out.list->tensors[static_cast<std::size_t>(index)] = std::move(value);
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

Status TensorListPushBack(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("element_dtype"));
  const Tensor& item = ctx.input(1);
  if (item.dtype() != dtype) {
    return InvalidArgument("Invalid data types; list elements " + DataTypeName(dtype) +
                           " but tried to append " + DataTypeName(item.dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(const TensorList* list, InputList(ctx, 0));
  if (!IsCompatible(list->element_shape, item.shape())) {
    return InvalidArgument(
        "Tried to append a tensor with incompatible shape to a list. Op element shape: " +
        ShapeString(item.shape()) + " list shape: " + PartialShapeString(list->element_shape));
  }
  TFSK_RETURN_IF_ERROR(CheckElementDtype(dtype, *list));
  if (list->max_num_elements != -1 &&
      static_cast<std::int64_t>(list->tensors.size()) >= list->max_num_elements) {
    return InvalidArgument(
        "Tried to push item into a full list list size: " + std::to_string(list->tensors.size()) +
        " max_num_elements: " + std::to_string(list->max_num_elements));
  }
  Tensor value = ctx.ForwardInput(1);
  TFSK_ASSIGN_OR_RETURN(WritableList out, MakeWritable(ctx, 0));
  out.list->tensors.push_back(std::move(value));
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

Status TensorListPopBack(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(const TypedList in, TypedListInput(ctx, 2));
  const auto [dtype, list] = in;
  if (list->tensors.empty()) return InvalidArgument("Trying to pop from an empty list.");
  Tensor item = list->tensors.back();
  if (!item.valid()) {
    TFSK_ASSIGN_OR_RETURN(AttrShape shape, ReadShape(ctx.input(1), *list));
    TFSK_ASSIGN_OR_RETURN(Shape defined, DefinedShape(shape,
                                                      "Trying to read an uninitialized tensor but "
                                                      "element_shape is not fully defined."));
    item = Tensor(dtype, std::move(defined));
  }
  TFSK_ASSIGN_OR_RETURN(WritableList out, MakeWritable(ctx, 0));
  out.list->tensors.pop_back();
  ctx.outputs.push_back(std::move(out.handle));
  ctx.outputs.push_back(std::move(item));
  return OkStatus();
}

/// The shape stacked elements take: ReadShape's, which must then be fully defined.
StatusOr<Shape> StackShape(const Tensor& shape_input, const TensorList& list) {
  // For an empty list ReadShape is just the input merged with the list's own shape.
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, ReadShape(shape_input, list));
  if (!shape.fully_defined() && list.tensors.empty()) {
    return InvalidArgument(
        "Tried to stack elements of an empty list with non-fully-defined element_shape: " +
        PartialShapeString(shape));
  }
  return DefinedShape(shape,
                      "Tried to stack list which only contains uninitialized tensors and has a "
                      "non-fully-defined element_shape: ");
}

Status TensorListStack(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(const TypedList in, TypedListInput(ctx, 2));
  const auto [dtype, list] = in;
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(dtype, ctx.node.op));
  const std::int64_t expected = ctx.node.IntOr("num_elements", -1);
  const auto size = static_cast<std::int64_t>(list->tensors.size());
  if (expected != -1 && expected != size) {
    return InvalidArgument("Operation expected a list with " + std::to_string(expected) +
                           " elements but got a list with " + std::to_string(size) + " elements.");
  }
  TFSK_ASSIGN_OR_RETURN(Shape element_shape, StackShape(ctx.input(1), *list));
  std::vector<std::int64_t> all(static_cast<std::size_t>(size));
  for (std::int64_t i = 0; i < size; ++i) all[static_cast<std::size_t>(i)] = i;
  TFSK_ASSIGN_OR_RETURN(Tensor out, Stack(*list, all, element_shape));
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status TensorListGather(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(const TypedList in, TypedListInput(ctx, 3));
  const auto [dtype, list] = in;
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(dtype, ctx.node.op));
  if (ctx.input(1).rank() != 1) {
    return InvalidArgument("indices must be a vector, but got shape " +
                           ShapeString(ctx.input(1).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(ctx.input(1), "indices"));
  for (std::int64_t i : indices) {
    if (i < 0 || i >= static_cast<std::int64_t>(list->tensors.size())) {
      return InvalidArgument("Index " + std::to_string(i) + " out of range; list only has " +
                             std::to_string(list->tensors.size()) + " elements.");
    }
  }
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, ReadShape(ctx.input(2), *list));
  TFSK_ASSIGN_OR_RETURN(Shape element_shape,
                        DefinedShape(shape,
                                     "Trying to read an uninitialized tensor but "
                                     "element_shape is not fully defined: "));
  TFSK_ASSIGN_OR_RETURN(Tensor out, Stack(*list, indices, element_shape));
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

/// Writes the rows of `t` into `list` at `indices` (growing it as needed); shared by the scatters.
Status ScatterRows(const Tensor& t, const std::vector<std::int64_t>& indices, TensorList& list) {
  if (t.rank() < 1) {
    return InvalidArgument("Tensor must be at least a vector, but saw shape: " +
                           ShapeString(t.shape()));
  }
  if (static_cast<std::int64_t>(indices.size()) != t.dim(0)) {
    return InvalidArgument("Expected len(indices) == tensor.shape[0], but saw: " +
                           std::to_string(indices.size()) + " vs. " + std::to_string(t.dim(0)));
  }
  const Shape row_shape(t.shape().begin() + 1, t.shape().end());
  if (!IsCompatible(list.element_shape, row_shape)) {
    return InvalidArgument("Specified a list with shape " + PartialShapeString(list.element_shape) +
                           " from a tensor with shape " + ShapeString(row_shape));
  }
  for (std::size_t r = 0; r < indices.size(); ++r) {
    const std::int64_t i = indices[r];
    if (i < 0) {
      return InvalidArgument("Indices for TensorListScatter must be positive, got " +
                             std::to_string(i));
    }
    if (i >= static_cast<std::int64_t>(list.tensors.size())) {
      list.tensors.resize(static_cast<std::size_t>(i) + 1);
    }
    list.tensors[static_cast<std::size_t>(i)] = RowOf(t, static_cast<std::int64_t>(r));
  }
  return OkStatus();
}

/// TensorListScatter (3 inputs) and TensorListScatterV2 (a 4th: the list's minimum length).
Status TensorListScatter(OpContext& ctx) {
  const bool v2 = ctx.node.op == "TensorListScatterV2";
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, v2 ? 4 : 3));
  const Tensor& t = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(t.dtype(), ctx.node.op));
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, PartialShapeFromTensor(ctx.input(2)));
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(ctx.input(1), "indices"));
  WritableList out = NewList(t.dtype(), std::move(shape));
  if (v2) {
    TFSK_ASSIGN_OR_RETURN(std::int64_t n, ScalarIndex(ctx.input(3), "num_elements"));
    if (n < -1) {
      return InvalidArgument("TensorListScatter expects num_elements >= -1, found: " +
                             std::to_string(n));
    }
    if (n > 0) out.list->tensors.resize(static_cast<std::size_t>(n));
  }
  TFSK_RETURN_IF_ERROR(ScatterRows(t, indices, *out.list));
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

Status TensorListScatterIntoExistingList(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(const TensorList* list, InputList(ctx, 0));
  const Tensor& t = ctx.input(1);
  if (t.dtype() != list->element_dtype) {
    return InvalidArgument("Invalid data types; list elements " +
                           DataTypeName(list->element_dtype) + " but tried to scatter " +
                           DataTypeName(t.dtype()));
  }
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(t.dtype(), ctx.node.op));
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(ctx.input(2), "indices"));
  TFSK_ASSIGN_OR_RETURN(WritableList out, MakeWritable(ctx, 0));  // moves input 0 only
  TFSK_RETURN_IF_ERROR(ScatterRows(t, indices, *out.list));
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

Status TensorListResize(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_RETURN_IF_ERROR(InputList(ctx, 0).status());
  TFSK_ASSIGN_OR_RETURN(std::int64_t size, ScalarIndex(ctx.input(1), "size"));
  if (size < 0) {
    return InvalidArgument("TensorListSlice expects size to be non-negative. Got: " +
                           std::to_string(size));
  }
  TFSK_ASSIGN_OR_RETURN(WritableList out, MakeWritable(ctx, 0));
  out.list->tensors.resize(static_cast<std::size_t>(size));
  ctx.outputs.push_back(std::move(out.handle));
  return OkStatus();
}

}  // namespace

void RegisterListOps(KernelRegistry& r) {
  r.Register({"EmptyTensorList", &EmptyTensorList, {"element_dtype"}});
  r.Register({"TensorListReserve", &TensorListReserve, {"element_dtype"}});
  r.Register({"TensorListFromTensor", &TensorListFromTensor, {}});
  r.Register({"TensorListLength", &TensorListLength, {}});
  r.Register({"TensorListElementShape", &TensorListElementShape, {}});
  r.Register({"TensorListGetItem", &TensorListGetItem, {"element_dtype"}});
  r.Register({"TensorListSetItem", &TensorListSetItem, {"element_dtype"}});
  r.Register({"TensorListPushBack", &TensorListPushBack, {"element_dtype"}});
  r.Register({"TensorListPopBack", &TensorListPopBack, {"element_dtype"}});
  r.Register({"TensorListStack", &TensorListStack, {"element_dtype"}});
  r.Register({"TensorListGather", &TensorListGather, {"element_dtype"}});
  r.Register({"TensorListScatter", &TensorListScatter, {}});
  r.Register({"TensorListScatterV2", &TensorListScatter, {}});
  r.Register({"TensorListScatterIntoExistingList", &TensorListScatterIntoExistingList, {}});
  r.Register({"TensorListResize", &TensorListResize, {}});
}

}  // namespace tfsk::serving::ops
