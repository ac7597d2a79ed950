#include "serving/ops/rows.h"

#include <algorithm>
#include <cstring>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

bool HoldsStrings(DataType t) { return t == DataType::kString || t == DataType::kResource; }

}  // namespace

Status CheckRowCopyable(DataType t, const std::string& op) {
  if (DataTypeSize(t) > 0 || HoldsStrings(t)) return OkStatus();
  return Unimplemented(op + " of " + DataTypeName(t) + " elements is not supported");
}

void CopyElements(const Tensor& src, std::int64_t from, Tensor& dst, std::int64_t to,
                  std::int64_t count) {
  if (count == 0) return;
  if (HoldsStrings(src.dtype())) {
    auto s = src.flat<std::string>().subspan(static_cast<std::size_t>(from),
                                             static_cast<std::size_t>(count));
    std::copy(s.begin(), s.end(), dst.flat<std::string>().begin() + to);
    return;
  }
  const std::size_t size = DataTypeSize(src.dtype());
  std::memcpy(dst.mutable_bytes().data() + static_cast<std::size_t>(to) * size,
              src.bytes().data() + static_cast<std::size_t>(from) * size,
              static_cast<std::size_t>(count) * size);
}

Tensor RowOf(const Tensor& t, std::int64_t row) {
  Tensor out(t.dtype(), Shape(t.shape().begin() + 1, t.shape().end()));
  CopyElements(t, row * out.num_elements(), out, 0, out.num_elements());
  return out;
}

StatusOr<Tensor> StackRows(DataType dtype, std::span<const Tensor> elements,
                           const std::vector<std::int64_t>& indices, const Shape& element_shape) {
  Shape out_shape{static_cast<std::int64_t>(indices.size())};
  out_shape.insert(out_shape.end(), element_shape.begin(), element_shape.end());
  Tensor out(dtype, out_shape);
  const std::int64_t row_size = NumElements(element_shape);
  for (std::size_t r = 0; r < indices.size(); ++r) {
    const Tensor& t = elements[static_cast<std::size_t>(indices[r])];
    if (!t.valid()) continue;  // zeros, as allocated
    if (t.shape() != element_shape) {
      return InvalidArgument("Tried to stack an element of shape " + ShapeString(t.shape()) +
                             " with elements of shape " + ShapeString(element_shape));
    }
    CopyElements(t, 0, out, static_cast<std::int64_t>(r) * row_size, row_size);
  }
  return out;
}

StatusOr<std::int64_t> ScalarIndex(const Tensor& t, const std::string& what) {
  if (t.rank() != 0) {
    return InvalidArgument(what + " must be a scalar, but got shape " + ShapeString(t.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto v, IndexValues(t, what));
  return v[0];
}

}  // namespace tfsk::serving::ops
