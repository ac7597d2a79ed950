// Segment reductions: UnsortedSegmentSum/Max/Min/Prod (ids in any order, negative ids
// dropped, num_segments given) and SegmentSum/Mean/Max/Min/Prod (sorted 1-D ids, one output
// row per id up to the largest). Empty segments hold the reduction's identity (lowest for
// UnsortedSegmentMax, ...), except that the sorted Mean/Max/Min give 0, as TensorFlow documents.

#include <limits>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

enum class Reduce { kSum, kMean, kMax, kMin, kProd };

template <typename T>
T Identity(Reduce r) {
  switch (r) {
    case Reduce::kMax:
      return std::numeric_limits<T>::lowest();
    case Reduce::kMin:
      return std::numeric_limits<T>::max();
    case Reduce::kProd:
      return T(1);
    default:
      return T(0);
  }
}

/// Reduces rows of data (data.shape[ids.rank:] each) into `segments` output rows by `ids`.
Status Run(OpContext& ctx, const std::vector<std::int64_t>& ids, std::int64_t id_rank,
           std::int64_t segments, Reduce how, bool empty_is_zero) {
  const Tensor& data = ctx.input(0);
  Shape shape{segments};
  shape.insert(shape.end(), data.shape().begin() + id_rank, data.shape().end());
  const std::int64_t row = NumElements(Shape(data.shape().begin() + id_rank, data.shape().end()));
  return DispatchNumeric(data.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(data.dtype(), shape);
    auto o = out.flat<T>();
    std::fill(o.begin(), o.end(), Identity<T>(how));
    std::vector<std::int64_t> count(static_cast<std::size_t>(segments), 0);
    auto src = data.flat<T>();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] < 0) continue;
      ++count[static_cast<std::size_t>(ids[i])];
      T* dst = o.data() + ids[i] * row;
      const T* in = src.data() + static_cast<std::int64_t>(i) * row;
      for (std::int64_t e = 0; e < row; ++e) {
        switch (how) {
          case Reduce::kSum:
          case Reduce::kMean:
            dst[e] = static_cast<T>(dst[e] + in[e]);
            break;
          case Reduce::kProd:
            dst[e] = static_cast<T>(dst[e] * in[e]);
            break;
          case Reduce::kMax:
            dst[e] = dst[e] < in[e] ? in[e] : dst[e];
            break;
          case Reduce::kMin:
            dst[e] = in[e] < dst[e] ? in[e] : dst[e];
            break;
        }
      }
    }
    for (std::int64_t s = 0; s < segments; ++s) {
      const auto c = count[static_cast<std::size_t>(s)];
      T* seg = o.data() + s * row;
      if (c == 0 && empty_is_zero) std::fill(seg, seg + row, T(0));
      if (how == Reduce::kMean && c > 1) {
        for (std::int64_t e = 0; e < row; ++e) seg[e] = static_cast<T>(seg[e] / static_cast<T>(c));
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// segment_ids must be a prefix of data's shape.
Status CheckIdsShape(const Tensor& data, const Tensor& ids) {
  const bool prefix = ids.rank() <= data.rank() &&
                      std::equal(ids.shape().begin(), ids.shape().end(), data.shape().begin());
  if (!prefix) {
    return InvalidArgument("data.shape = " + ShapeString(data.shape()) +
                           " does not start with segment_ids.shape = " + ShapeString(ids.shape()));
  }
  return OkStatus();
}

template <Reduce kHow>
Status UnsortedSegment(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_RETURN_IF_ERROR(CheckIdsShape(ctx.input(0), ctx.input(1)));
  if (ctx.input(2).rank() != 0) {
    return InvalidArgument("num_segments should be a scalar, not shape " +
                           ShapeString(ctx.input(2).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto ids, IndexValues(ctx.input(1), "segment_ids"));
  TFSK_ASSIGN_OR_RETURN(auto num, IndexValues(ctx.input(2), "num_segments"));
  if (num[0] < 0)
    return InvalidArgument("num_segments must be >= 0, got " + std::to_string(num[0]));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] >= num[0]) {
      return InvalidArgument("segment_ids[" + std::to_string(i) + "] = " + std::to_string(ids[i]) +
                             " is out of range [0, " + std::to_string(num[0]) + ")");
    }
  }
  return Run(ctx, ids, ctx.input(1).rank(), num[0], kHow, false);
}

template <Reduce kHow>
Status SortedSegment(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& data = ctx.input(0);
  const Tensor& ids_t = ctx.input(1);
  if (ids_t.rank() != 1)
    return InvalidArgument("segment_ids should be a vector, got shape " +
                           ShapeString(ids_t.shape()));
  if (data.rank() < 1 || data.dim(0) != ids_t.dim(0)) {
    return InvalidArgument("segment_ids should be the same size as dimension 0 of input, got " +
                           ShapeString(ids_t.shape()) + " and " + ShapeString(data.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto ids, IndexValues(ids_t, "segment_ids"));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] < 0)
      return InvalidArgument("segment ids must be >= 0, got " + std::to_string(ids[i]));
    if (i > 0 && ids[i] < ids[i - 1]) return InvalidArgument("segment ids are not increasing");
  }
  return Run(ctx, ids, 1, ids.empty() ? 0 : ids.back() + 1, kHow, kHow != Reduce::kProd);
}

}  // namespace

void RegisterSegmentOps(KernelRegistry& r) {
  r.Register({"UnsortedSegmentSum", &UnsortedSegment<Reduce::kSum>, {}});
  r.Register({"UnsortedSegmentMax", &UnsortedSegment<Reduce::kMax>, {}});
  r.Register({"UnsortedSegmentMin", &UnsortedSegment<Reduce::kMin>, {}});
  r.Register({"UnsortedSegmentProd", &UnsortedSegment<Reduce::kProd>, {}});
  r.Register({"SegmentSum", &SortedSegment<Reduce::kSum>, {}});
  r.Register({"SegmentMean", &SortedSegment<Reduce::kMean>, {}});
  r.Register({"SegmentMax", &SortedSegment<Reduce::kMax>, {}});
  r.Register({"SegmentMin", &SortedSegment<Reduce::kMin>, {}});
  r.Register({"SegmentProd", &SortedSegment<Reduce::kProd>, {}});
}

}  // namespace tfsk::serving::ops
