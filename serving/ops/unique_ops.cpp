// Unique, UniqueV2, UniqueWithCounts(V2): the distinct values of a vector — or, with an axis
// (the V2 ops), the distinct slices along that axis — in order of first appearance; for every
// input element (slice) the index of its value in that list (out_idx int32 or int64); and the
// WithCounts ops also how often each value occurs.

#include <functional>
#include <unordered_map>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// The input seen as [outer, keys, inner]: key k is the slice x[outer, k, inner].
struct Slices {
  std::int64_t outer = 1, keys = 0, inner = 1;
  int axis = 0;
};

/// TensorFlow's checks of x and of the V2 ops' `axis`, a vector of zero elements (no axis: x must
/// be a vector) or one.
StatusOr<Slices> ReadSlices(const OpContext& ctx) {
  const bool has_axis = ctx.node.op == "UniqueV2" || ctx.node.op == "UniqueWithCountsV2";
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, has_axis ? 2 : 1));
  const Tensor& x = ctx.input(0);
  Slices s;
  s.keys = x.num_elements();
  const Tensor* axis = has_axis ? &ctx.input(1) : nullptr;
  if (axis != nullptr && axis->rank() != 1) return InvalidArgument("axis expects a 1D vector.");
  if (axis != nullptr && axis->num_elements() > 1)
    return InvalidArgument("axis does not support input tensors larger than 1 elements");
  if (axis == nullptr || axis->num_elements() == 0) {
    if (x.rank() != 1) return InvalidArgument("unique expects a 1D vector.");
    return s;
  }
  if (axis->dtype() != DataType::kInt32 && axis->dtype() != DataType::kInt64) {
    return InvalidArgument("axis tensor should be int32 or int64, but got " +
                           DataTypeName(axis->dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(auto a, IndexValues(*axis, "axis"));
  const std::int64_t ax = a[0] < 0 ? a[0] + x.rank() : a[0];
  if (ax < 0 || ax >= x.rank())
    return InvalidArgument("axis has to be between [0, " + std::to_string(x.rank()) + ")");
  s.axis = static_cast<int>(ax);
  for (int d = 0; d < s.axis; ++d) s.outer *= x.dim(d);
  s.keys = x.dim(s.axis);
  for (int d = s.axis + 1; d < x.rank(); ++d) s.inner *= x.dim(d);
  return s;
}

/// Writes int64 `v` into element i of an int32 or int64 tensor.
void SetIndex(Tensor& t, std::size_t i, std::int64_t v) {
  if (t.dtype() == DataType::kInt64) {
    t.flat<std::int64_t>()[i] = v;
  } else {
    t.flat<std::int32_t>()[i] = static_cast<std::int32_t>(v);
  }
}

Status Unique(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(Slices s, ReadSlices(ctx));
  const Tensor& x = ctx.input(0);
  auto out_idx = ctx.node.GetType("out_idx");
  const DataType itype = out_idx.ok() ? *out_idx : DataType::kInt32;
  if (itype != DataType::kInt32 && itype != DataType::kInt64) {
    return InvalidArgument(ctx.node.op + " out_idx must be int32 or int64, got " +
                           DataTypeName(itype));
  }
  const bool counts = ctx.node.op.starts_with("UniqueWithCounts");
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    auto src = x.flat<T>();
    const auto at = [&](std::int64_t o, std::int64_t k, std::int64_t i) -> const T& {
      return src[static_cast<std::size_t>((o * s.keys + k) * s.inner + i)];
    };
    // Keys are slice numbers, hashed and compared by their contents.
    const auto hash = [&](std::int64_t k) {
      std::size_t h = 0;
      for (std::int64_t o = 0; o < s.outer; ++o) {
        for (std::int64_t i = 0; i < s.inner; ++i) {
          h = h * 1000003u ^ std::hash<T>{}(at(o, k, i));
        }
      }
      return h;
    };
    const auto equal = [&](std::int64_t a, std::int64_t b) {
      for (std::int64_t o = 0; o < s.outer; ++o) {
        for (std::int64_t i = 0; i < s.inner; ++i) {
          if (!(at(o, a, i) == at(o, b, i))) return false;
        }
      }
      return true;
    };
    std::unordered_map<std::int64_t, std::int64_t, decltype(hash), decltype(equal)> first(
        static_cast<std::size_t>(s.keys), hash, equal);
    std::vector<std::int64_t> firsts;  // slice number of each distinct value, in order
    std::vector<std::int64_t> count;
    Tensor idx(itype, {s.keys});
    for (std::int64_t k = 0; k < s.keys; ++k) {
      auto [it, fresh] = first.emplace(k, static_cast<std::int64_t>(firsts.size()));
      if (fresh) {
        firsts.push_back(k);
        count.push_back(0);
      }
      ++count[static_cast<std::size_t>(it->second)];
      SetIndex(idx, static_cast<std::size_t>(k), it->second);
    }
    Shape shape = x.shape();
    shape[static_cast<std::size_t>(s.axis)] = static_cast<std::int64_t>(firsts.size());
    Tensor y(x.dtype(), shape);
    auto dst = y.flat<T>();
    const auto unique = static_cast<std::int64_t>(firsts.size());
    for (std::int64_t o = 0; o < s.outer; ++o) {
      for (std::int64_t u = 0; u < unique; ++u) {
        for (std::int64_t i = 0; i < s.inner; ++i) {
          dst[static_cast<std::size_t>((o * unique + u) * s.inner + i)] =
              at(o, firsts[static_cast<std::size_t>(u)], i);
        }
      }
    }
    ctx.outputs.push_back(std::move(y));
    ctx.outputs.push_back(std::move(idx));
    if (counts) {
      Tensor c(itype, {unique});
      for (std::size_t u = 0; u < count.size(); ++u) SetIndex(c, u, count[u]);
      ctx.outputs.push_back(std::move(c));
    }
    return OkStatus();
  });
}

}  // namespace

void RegisterUniqueOps(KernelRegistry& r) {
  for (const char* op : {"Unique", "UniqueV2", "UniqueWithCounts", "UniqueWithCountsV2"}) {
    r.Register({op, &Unique, {}});
  }
}

}  // namespace tfsk::serving::ops
