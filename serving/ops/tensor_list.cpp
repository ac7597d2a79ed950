#include "serving/ops/tensor_list.h"

#include <memory>

namespace tfsk::serving {

std::string TensorList::DebugString() const {
  return "TensorList(" + DataTypeName(element_dtype) + ", " +
         ops::PartialShapeString(element_shape) + ", " + std::to_string(tensors.size()) +
         " elements)";
}

namespace ops {

std::string PartialShapeString(const AttrShape& shape) {
  if (shape.unknown_rank) return "<unknown>";
  std::string s = "[";
  for (std::size_t i = 0; i < shape.dims.size(); ++i) {
    if (i) s += ",";
    s += shape.dims[i] < 0 ? "?" : std::to_string(shape.dims[i]);
  }
  return s + "]";
}

AttrShape KnownShape(const Shape& shape) { return AttrShape{false, shape}; }

bool IsCompatible(const AttrShape& partial, const Shape& shape) {
  if (partial.unknown_rank) return true;
  if (partial.dims.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (partial.dims[i] >= 0 && partial.dims[i] != shape[i]) return false;
  }
  return true;
}

StatusOr<AttrShape> MergeShapes(const AttrShape& a, const AttrShape& b) {
  if (a.unknown_rank) return b;
  if (b.unknown_rank) return a;
  auto conflict = [&] {
    return InvalidArgument("Incompatible shapes during merge: " + PartialShapeString(a) + " vs. " +
                           PartialShapeString(b));
  };
  if (a.dims.size() != b.dims.size()) return conflict();
  AttrShape merged{false, a.dims};
  for (std::size_t i = 0; i < a.dims.size(); ++i) {
    if (a.dims[i] < 0) {
      merged.dims[i] = b.dims[i];
    } else if (b.dims[i] >= 0 && b.dims[i] != a.dims[i]) {
      return conflict();
    }
  }
  return merged;
}

StatusOr<AttrShape> PartialShapeFromTensor(const Tensor& t) {
  const bool int_type = t.dtype() == DataType::kInt32 || t.dtype() == DataType::kInt64;
  if (t.rank() == 0) {
    const std::int64_t v = !int_type                       ? 0
                           : t.dtype() == DataType::kInt32 ? t.flat<std::int32_t>()[0]
                                                           : t.flat<std::int64_t>()[0];
    if (int_type && v == -1) return AttrShape{true, {}};
    return InvalidArgument(
        "The only valid scalar shape tensor is the fully unknown shape specified as -1.");
  }
  if (t.rank() != 1) {
    return InvalidArgument("Shape must be at most rank 1 but is rank " + std::to_string(t.rank()));
  }
  if (!int_type) {
    return InvalidArgument("Expected an int32 or int64 shape tensor; found " +
                           DataTypeName(t.dtype()));
  }
  AttrShape s{false, {}};
  for (std::int64_t i = 0; i < t.num_elements(); ++i) {
    const std::int64_t d = t.dtype() == DataType::kInt32
                               ? t.flat<std::int32_t>()[static_cast<std::size_t>(i)]
                               : t.flat<std::int64_t>()[static_cast<std::size_t>(i)];
    if (d < -1) {
      return InvalidArgument("Dimension " + std::to_string(d) +
                             " must be >= -1 (-1 marks an unknown dimension)");
    }
    s.dims.push_back(d);
  }
  return s;
}

namespace {

const TensorList* ListOf(const Tensor& t) {
  if (t.dtype() != DataType::kVariant || t.rank() != 0) return nullptr;
  return dynamic_cast<const TensorList*>(t.flat<Variant>()[0].get());
}

}  // namespace

StatusOr<const TensorList*> InputList(const OpContext& ctx, int i) {
  const Tensor& t = ctx.input(i);
  if (t.rank() != 0) {
    return InvalidArgument("Input list must be a scalar saw: " + ShapeString(t.shape()));
  }
  const TensorList* list = ListOf(t);
  if (list == nullptr) {
    std::string seen = t.dtype() != DataType::kVariant ? DataTypeName(t.dtype()) + " tensor"
                       : t.flat<Variant>()[0]          ? t.flat<Variant>()[0]->TypeName()
                                                       : "empty variant";
    return InvalidArgument("Input handle is not a list. Saw: '" + seen + "'");
  }
  return list;
}

WritableList NewList(DataType element_dtype, AttrShape element_shape) {
  auto list = std::make_shared<TensorList>();
  list->element_dtype = element_dtype;
  list->element_shape = std::move(element_shape);
  WritableList out{Tensor(DataType::kVariant, {}), list.get()};
  out.handle.flat<Variant>()[0] = std::move(list);
  return out;
}

StatusOr<WritableList> MakeWritable(OpContext& ctx, int i) {
  TFSK_ASSIGN_OR_RETURN(const TensorList* list, InputList(ctx, i));
  if (!ctx.owned_inputs.empty()) {
    Tensor& own = ctx.owned_inputs[static_cast<std::size_t>(i)];
    Variant& value = own.flat<Variant>()[0];
    if (own.buffer_is_unique() && value.use_count() == 1) {
      auto* mutable_list = static_cast<TensorList*>(value.get());
      return WritableList{ctx.ForwardInput(i), mutable_list};
    }
  }
  auto copy = std::make_shared<TensorList>(*list);
  WritableList out{Tensor(DataType::kVariant, {}), copy.get()};
  out.handle.flat<Variant>()[0] = std::move(copy);
  return out;
}

Status CheckElementDtype(DataType op_dtype, const TensorList& list) {
  if (op_dtype == list.element_dtype) return OkStatus();
  return InvalidArgument("Invalid data types; op elements " + DataTypeName(op_dtype) +
                         " but list elements " + DataTypeName(list.element_dtype));
}

StatusOr<AttrShape> ReadShape(const Tensor& shape_input, const TensorList& list) {
  TFSK_ASSIGN_OR_RETURN(AttrShape shape, PartialShapeFromTensor(shape_input));
  TFSK_ASSIGN_OR_RETURN(shape, MergeShapes(shape, list.element_shape));
  if (shape.fully_defined()) return shape;
  for (const Tensor& t : list.tensors) {
    if (t.valid()) {
      TFSK_ASSIGN_OR_RETURN(shape, MergeShapes(shape, KnownShape(t.shape())));
    }
  }
  return shape;
}

}  // namespace ops
}  // namespace tfsk::serving
