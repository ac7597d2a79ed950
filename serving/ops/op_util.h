#pragma once
// Helpers shared by the kernel families: dtype dispatch, argument checks and Eigen views.

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>

#include "lib/base/status.h"
#include "serving/ops/kernel.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

/// Calls `f.template operator()<T>()` with T the C++ type of `dtype` for the real numeric types
/// (float, double, int32, int64, uint8, int8, int16); InvalidArgument for anything else.
template <typename F>
Status DispatchNumeric(DataType dtype, const std::string& op, F&& f) {
  switch (dtype) {
    case DataType::kFloat: return f.template operator()<float>();
    case DataType::kDouble: return f.template operator()<double>();
    case DataType::kInt32: return f.template operator()<std::int32_t>();
    case DataType::kInt64: return f.template operator()<std::int64_t>();
    case DataType::kUint8: return f.template operator()<std::uint8_t>();
    case DataType::kInt8: return f.template operator()<std::int8_t>();
    case DataType::kInt16: return f.template operator()<std::int16_t>();
    default: break;
  }
  return Unimplemented("No kernel for op " + op + " with dtype " + DataTypeName(dtype));
}

/// DispatchNumeric plus bool.
template <typename F>
Status DispatchNumericOrBool(DataType dtype, const std::string& op, F&& f) {
  if (dtype == DataType::kBool) return f.template operator()<bool>();
  return DispatchNumeric(dtype, op, std::forward<F>(f));
}

/// Float and double only (transcendental math, nn ops).
template <typename F>
Status DispatchFloat(DataType dtype, const std::string& op, F&& f) {
  if (dtype == DataType::kFloat) return f.template operator()<float>();
  if (dtype == DataType::kDouble) return f.template operator()<double>();
  return Unimplemented("No kernel for op " + op + " with dtype " + DataTypeName(dtype));
}

/// Any dtype with a C++ element type, strings included.
template <typename F>
Status DispatchAll(DataType dtype, const std::string& op, F&& f) {
  if (dtype == DataType::kString || dtype == DataType::kResource) {
    return f.template operator()<std::string>();
  }
  return DispatchNumericOrBool(dtype, op, std::forward<F>(f));
}

/// InvalidArgument unless the node got exactly `n` inputs.
Status CheckNumInputs(const OpContext& ctx, int n);

/// A 1-D column view of a tensor's elements, for Eigen expressions.
template <typename T>
Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> ArrayOf(const Tensor& t) {
  auto f = t.flat<T>();
  return {f.data(), static_cast<Eigen::Index>(f.size())};
}
template <typename T>
Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>> MutableArrayOf(Tensor& t) {
  auto f = t.flat<T>();
  return {f.data(), static_cast<Eigen::Index>(f.size())};
}

/// Reads an int32 or int64 tensor as int64 values.
StatusOr<std::vector<std::int64_t>> IndexValues(const Tensor& t, const std::string& what);

/// Normalises `axis` in [-rank, rank) to [0, rank).
StatusOr<int> NormalizeAxis(std::int64_t axis, int rank, const std::string& what);

/// Element strides of a row-major tensor of `shape` (the last dim has stride 1).
std::vector<std::int64_t> RowMajorStrides(const Shape& shape);

/// Steps a row-major multi-index over `dims` to the next element (the last dim fastest); after
/// the last element it wraps to all zeros.
void AdvanceIndex(std::vector<std::int64_t>& idx, const Shape& dims);

/// "[1,2,3]" of a vector of int64.
std::string JoinInts(std::span<const std::int64_t> v);

/// A float as TensorFlow's error texts print it (StrCat: "%.6g", or "%.9g" when that does not
/// read back exactly: "0.5", "-6", "0.100000001"). Defined in tensor_summary.cpp beside
/// DoubleText, which shares its shortest-%g routine.
std::string FloatText(float v);

}  // namespace tfsk::serving::ops
