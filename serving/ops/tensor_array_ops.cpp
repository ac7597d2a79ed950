// TF1's TensorArray*V3 kernels (tf.TensorArray in graph mode; what tf.nn.dynamic_rnn and
// tf.map_fn export). A TensorArray is mutable state of one run: TensorArrayV3 makes one and
// returns a handle to it; writes change it in place and hand on a dummy "flow" scalar that
// orders them before later reads. TensorFlow keeps arrays in a per-step resource container; here
// the handle is a scalar DT_VARIANT holding the array itself, so the array lives exactly as long
// as the run's tensors that refer to it. Messages follow TensorFlow's.

#include <numeric>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/rows.h"
#include "serving/ops/tensor_list.h"

namespace tfsk::serving::ops {
namespace {

class TensorArray final : public VariantValue {
 public:
  struct Element {
    Tensor value;  // invalid until written
    bool written = false;
    bool read = false;
    bool cleared = false;
  };

  std::string name;
  DataType dtype = DataType::kInvalid;
  AttrShape element_shape{true, {}};
  bool dynamic_size = false;
  bool clear_after_read = true;
  bool identical_element_shapes = false;
  std::vector<Element> elements;

  std::string TypeName() const override { return "tensorflow::TensorArray"; }
  std::string DebugString() const override {
    return "TensorArray(" + name + ", " + DataTypeName(dtype) + ", " +
           std::to_string(elements.size()) + " elements)";
  }

  std::string Prefix() const { return "TensorArray " + name + ": "; }

  Status Write(std::int64_t index, Tensor value) {
    if (index < 0) {
      return InvalidArgument(Prefix() + "Tried to write to index " + std::to_string(index) +
                             " but array size is: " + std::to_string(elements.size()));
    }
    if (index >= static_cast<std::int64_t>(elements.size())) {
      if (!dynamic_size) {
        return InvalidArgument(
            Prefix() + "Tried to write to index " + std::to_string(index) +
            " but array is not resizeable and size is: " + std::to_string(elements.size()));
      }
      elements.resize(static_cast<std::size_t>(index) + 1);
    }
    if (!IsCompatible(element_shape, value.shape())) {
      return InvalidArgument(
          Prefix() + "Could not write to TensorArray index " + std::to_string(index) +
          " because the value shape is " + ShapeString(value.shape()) +
          " which is incompatible with the TensorArray's inferred element "
          "shape: " +
          PartialShapeString(element_shape) + " (consider setting infer_shape=False).");
    }
    if (identical_element_shapes && !element_shape.fully_defined()) {
      element_shape = KnownShape(value.shape());
    }
    Element& e = elements[static_cast<std::size_t>(index)];
    if (e.read) {
      return InvalidArgument(Prefix() + "Could not write to TensorArray index " +
                             std::to_string(index) + " because it has already been read.");
    }
    if (e.written) {
      return InvalidArgument(Prefix() + "Could not write to TensorArray index " +
                             std::to_string(index) + " because it has already been written to.");
    }
    e.value = std::move(value);
    e.written = true;
    return OkStatus();
  }

  /// Element `index`; zeros of `fallback_shape` (merged with the array's) when never written.
  StatusOr<Tensor> Read(std::int64_t index, const AttrShape& fallback_shape) {
    if (index < 0 || index >= static_cast<std::int64_t>(elements.size())) {
      return InvalidArgument("Tried to read from index " + std::to_string(index) +
                             " but array size is: " + std::to_string(elements.size()));
    }
    Element& e = elements[static_cast<std::size_t>(index)];
    if (e.cleared) {
      return InvalidArgument(Prefix() + "Could not read index " + std::to_string(index) +
                             " twice because it was cleared after a previous read (perhaps try "
                             "setting clear_after_read = false?)");
    }
    Tensor out;
    if (e.written) {
      out = e.value;
    } else {
      auto shape = MergeShapes(element_shape, fallback_shape);
      if (!shape.ok() || !shape->fully_defined()) {
        return InvalidArgument(
            Prefix() + "Could not read from TensorArray index " + std::to_string(index) +
            ".  Furthermore, the element shape is not fully defined: " +
            PartialShapeString(element_shape) +
            ".  It is possible you are working with a resizeable TensorArray and stop_gradients "
            "is not allowing the gradients to be written.  If you set the full element_shape "
            "property on the forward TensorArray, the proper all-zeros tensor will be returned "
            "instead of incurring this error.");
      }
      out = Tensor(dtype, shape->dims);
    }
    e.read = true;
    if (clear_after_read) {
      e.value = Tensor();
      e.cleared = true;
    }
    return out;
  }
};

StatusOr<TensorArray*> InputArray(OpContext& ctx, int i) {
  const Tensor& t = ctx.input(i);
  TensorArray* array = nullptr;
  if (t.dtype() == DataType::kVariant && t.rank() == 0) {
    array = dynamic_cast<TensorArray*>(t.flat<Variant>()[0].get());
  }
  if (array == nullptr) {
    return InvalidArgument("Input " + std::to_string(i) + " of " + ctx.node.op +
                           " is not a TensorArray handle (got a " + DataTypeName(t.dtype()) +
                           " tensor of shape " + ShapeString(t.shape()) + ")");
  }
  return array;
}

Status CheckDtype(const TensorArray& a, DataType requested, bool write) {
  if (a.dtype == requested) return OkStatus();
  return InvalidArgument("TensorArray dtype is " + DataTypeName(a.dtype) + " but Op " +
                         (write ? "is trying to write dtype " : "requested dtype ") +
                         DataTypeName(requested) + ".");
}

Tensor Flow() { return Tensor::Scalar<float>(0.0F); }

Status TensorArrayV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(std::int64_t size, ScalarIndex(ctx.input(0), "size"));
  if (size < 0) {
    return InvalidArgument("Size should be >= 0.");
  }
  auto array = std::make_shared<TensorArray>();
  TFSK_ASSIGN_OR_RETURN(array->dtype, ctx.node.GetType("dtype"));
  array->name = ctx.node.StringOr("tensor_array_name", "");
  if (array->name.empty()) array->name = ctx.node.name;
  if (ctx.node.HasAttr("element_shape")) {
    TFSK_ASSIGN_OR_RETURN(array->element_shape, ctx.node.GetShape("element_shape"));
  }
  array->dynamic_size = ctx.node.BoolOr("dynamic_size", false);
  array->clear_after_read = ctx.node.BoolOr("clear_after_read", true);
  array->identical_element_shapes = ctx.node.BoolOr("identical_element_shapes", false);
  array->elements.resize(static_cast<std::size_t>(size));
  Tensor handle(DataType::kVariant, {});
  handle.flat<Variant>()[0] = std::move(array);
  ctx.outputs.push_back(std::move(handle));
  ctx.outputs.push_back(Flow());
  return OkStatus();
}

Status TensorArrayWriteV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  TFSK_ASSIGN_OR_RETURN(std::int64_t index, ScalarIndex(ctx.input(1), "index"));
  TFSK_RETURN_IF_ERROR(CheckDtype(*array, ctx.input(2).dtype(), true));
  TFSK_RETURN_IF_ERROR(array->Write(index, ctx.ForwardInput(2)));
  ctx.outputs.push_back(Flow());
  return OkStatus();
}

Status TensorArrayReadV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  TFSK_ASSIGN_OR_RETURN(std::int64_t index, ScalarIndex(ctx.input(1), "index"));
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("dtype"));
  TFSK_RETURN_IF_ERROR(CheckDtype(*array, dtype, false));
  TFSK_ASSIGN_OR_RETURN(Tensor value, array->Read(index, AttrShape{true, {}}));
  ctx.outputs.push_back(std::move(value));
  return OkStatus();
}

Status TensorArraySizeV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  ctx.outputs.push_back(
      Tensor::Scalar<std::int32_t>(static_cast<std::int32_t>(array->elements.size())));
  return OkStatus();
}

/// The elements at `indices` read (and cleared, per the array) and stacked; the element shape
/// comes from the values, else from the array and the op's element_shape attr.
StatusOr<Tensor> ReadStacked(OpContext& ctx, TensorArray& array,
                             const std::vector<std::int64_t>& indices) {
  AttrShape attr_shape{true, {}};
  if (ctx.node.HasAttr("element_shape")) {
    TFSK_ASSIGN_OR_RETURN(attr_shape, ctx.node.GetShape("element_shape"));
  }
  std::vector<Tensor> values;
  values.reserve(indices.size());
  for (std::int64_t i : indices) {
    TFSK_ASSIGN_OR_RETURN(Tensor v, array.Read(i, attr_shape));
    if (!values.empty() && v.shape() != values.front().shape()) {
      return InvalidArgument("TensorArray has inconsistent shapes.  Index 0 has shape: " +
                             ShapeString(values.front().shape()) + " but index " +
                             std::to_string(values.size()) +
                             " has shape: " + ShapeString(v.shape()));
    }
    values.push_back(std::move(v));
  }
  Shape element_shape;
  if (!values.empty()) {
    element_shape = values.front().shape();
  } else {
    TFSK_ASSIGN_OR_RETURN(AttrShape merged, MergeShapes(array.element_shape, attr_shape));
    if (!merged.fully_defined()) {
      return Unimplemented("TensorArray has size zero, but element shape " +
                           PartialShapeString(merged) +
                           " is not fully defined. Currently only static shapes are supported "
                           "when packing zero-size TensorArrays.");
    }
    element_shape = merged.dims;
  }
  std::vector<std::int64_t> all(values.size());
  std::iota(all.begin(), all.end(), 0);
  return StackRows(array.dtype, values, all, element_shape);
}

Status TensorArrayGatherV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("dtype"));
  TFSK_RETURN_IF_ERROR(CheckDtype(*array, dtype, false));
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(dtype, ctx.node.op));
  if (ctx.input(1).rank() != 1) {
    return InvalidArgument("Expected indices to be a vector, but received shape: " +
                           ShapeString(ctx.input(1).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(ctx.input(1), "indices"));
  TFSK_ASSIGN_OR_RETURN(Tensor value, ReadStacked(ctx, *array, indices));
  ctx.outputs.push_back(std::move(value));
  return OkStatus();
}

Status TensorArrayScatterV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  const Tensor& value = ctx.input(2);
  TFSK_RETURN_IF_ERROR(CheckDtype(*array, value.dtype(), true));
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(value.dtype(), ctx.node.op));
  if (ctx.input(1).rank() != 1) {
    return InvalidArgument("Expected indices to be a vector, but received shape: " +
                           ShapeString(ctx.input(1).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(ctx.input(1), "indices"));
  if (value.rank() < 1) {
    return InvalidArgument("Expected value to be at least a vector, but received shape: " +
                           ShapeString(value.shape()));
  }
  if (static_cast<std::int64_t>(indices.size()) != value.dim(0)) {
    return InvalidArgument("Expected len(indices) == values.shape[0], but saw: " +
                           std::to_string(indices.size()) + " vs. " + std::to_string(value.dim(0)));
  }
  for (std::size_t r = 0; r < indices.size(); ++r) {
    TFSK_RETURN_IF_ERROR(array->Write(indices[r], RowOf(value, static_cast<std::int64_t>(r))));
  }
  ctx.outputs.push_back(Flow());
  return OkStatus();
}

Status TensorArrayConcatV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("dtype"));
  TFSK_RETURN_IF_ERROR(CheckDtype(*array, dtype, false));
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(dtype, ctx.node.op));
  std::vector<Tensor> values;
  Tensor lengths(DataType::kInt64, {static_cast<std::int64_t>(array->elements.size())});
  std::int64_t rows = 0;
  for (std::size_t i = 0; i < array->elements.size(); ++i) {
    TFSK_ASSIGN_OR_RETURN(Tensor v, array->Read(static_cast<std::int64_t>(i), AttrShape{true, {}}));
    if (v.rank() == 0) {
      return InvalidArgument("Concat saw a scalar shape at index " + std::to_string(i) +
                             " but requires at least vectors.  Did you mean to call pack?");
    }
    if (!values.empty() &&
        !std::equal(v.shape().begin() + 1, v.shape().end(), values.front().shape().begin() + 1,
                    values.front().shape().end())) {
      return InvalidArgument(
          "TensorArray has inconsistent shapes.  Index 0 has (excepting dimension 0) shape: " +
          ShapeString(Shape(values.front().shape().begin() + 1, values.front().shape().end())) +
          " but index " + std::to_string(i) + " has (excepting dimension 0) shape: " +
          ShapeString(Shape(v.shape().begin() + 1, v.shape().end())));
    }
    lengths.flat<std::int64_t>()[i] = v.dim(0);
    rows += v.dim(0);
    values.push_back(std::move(v));
  }
  Shape inner;
  if (!values.empty()) {
    inner.assign(values.front().shape().begin() + 1, values.front().shape().end());
  } else {
    TFSK_ASSIGN_OR_RETURN(AttrShape except0, ctx.node.GetShape("element_shape_except0"));
    if (!except0.fully_defined()) {
      return Unimplemented("TensorArray has size zero, but element_shape_except0 " +
                           PartialShapeString(except0) +
                           " is not fully defined. Currently only static shapes are supported "
                           "when concatenating zero-size TensorArrays.");
    }
    inner = except0.dims;
  }
  Shape out_shape{rows};
  out_shape.insert(out_shape.end(), inner.begin(), inner.end());
  Tensor out(dtype, out_shape);
  std::int64_t at = 0;
  for (const Tensor& v : values) {
    CopyElements(v, 0, out, at, v.num_elements());
    at += v.num_elements();
  }
  ctx.outputs.push_back(std::move(out));
  ctx.outputs.push_back(std::move(lengths));
  return OkStatus();
}

Status TensorArraySplitV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  const Tensor& value = ctx.input(1);
  TFSK_RETURN_IF_ERROR(CheckDtype(*array, value.dtype(), true));
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(value.dtype(), ctx.node.op));
  if (ctx.input(2).rank() != 1) {
    return InvalidArgument("Expected lengths to be a vector, received shape: " +
                           ShapeString(ctx.input(2).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto lengths, IndexValues(ctx.input(2), "lengths"));
  if (value.rank() < 1) {
    return InvalidArgument("Expected value to be at least a vector, but received shape: " +
                           ShapeString(value.shape()));
  }
  std::int64_t total = 0;
  for (std::int64_t l : lengths) {
    if (l < 0) return InvalidArgument("Expected non-negative lengths, got " + std::to_string(l));
    total += l;
  }
  if (total != value.dim(0)) {
    return InvalidArgument(
        "Expected sum of lengths to be equal to values.shape[0], but sum of lengths is: " +
        std::to_string(total) + " and value's shape is: " + ShapeString(value.shape()));
  }
  const std::int64_t row_size = value.dim(0) == 0 ? 0 : value.num_elements() / value.dim(0);
  std::int64_t row = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    Shape piece_shape = value.shape();
    piece_shape[0] = lengths[i];
    Tensor piece(value.dtype(), piece_shape);
    CopyElements(value, row * row_size, piece, 0, piece.num_elements());
    row += lengths[i];
    TFSK_RETURN_IF_ERROR(array->Write(static_cast<std::int64_t>(i), std::move(piece)));
  }
  ctx.outputs.push_back(Flow());
  return OkStatus();
}

Status TensorArrayCloseV3(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(TensorArray * array, InputArray(ctx, 0));
  // The values go now; the array itself goes with the last handle.
  array->elements.clear();
  return OkStatus();
}

}  // namespace

void RegisterTensorArrayOps(KernelRegistry& r) {
  r.Register({"TensorArrayV3", &TensorArrayV3, {"dtype"}});
  r.Register({"TensorArrayWriteV3", &TensorArrayWriteV3, {}});
  r.Register({"TensorArrayReadV3", &TensorArrayReadV3, {"dtype"}});
  r.Register({"TensorArraySizeV3", &TensorArraySizeV3, {}});
  r.Register({"TensorArrayGatherV3", &TensorArrayGatherV3, {"dtype"}});
  r.Register({"TensorArrayScatterV3", &TensorArrayScatterV3, {}});
  r.Register({"TensorArrayConcatV3", &TensorArrayConcatV3, {"dtype"}});
  r.Register({"TensorArraySplitV3", &TensorArraySplitV3, {}});
  r.Register({"TensorArrayCloseV3", &TensorArrayCloseV3, {}});
}

}  // namespace tfsk::serving::ops
