// The two ops between a string and a padded id matrix in a Keras TextVectorization export:
// StringSplitV2 (tf.strings.split: Python's str.split per element, as a sparse result) and
// RaggedTensorToTensor (RaggedTensor.to_tensor: one ragged dimension padded or cut to a dense
// matrix). Semantics and messages follow TensorFlow's string_split_op.cc and
// ragged_tensor_to_tensor_op.cc for a single ragged dimension.

#include <algorithm>
#include <string_view>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/rows.h"

namespace tfsk::serving::ops {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/// str.split(None, maxsplit) as TensorFlow runs it: runs of whitespace separate and leading
/// whitespace is dropped; after maxsplit pieces the rest (trailing whitespace kept, possibly
/// empty) is the last piece; maxsplit 0 keeps the element whole.
void SplitWhitespace(std::string_view s, std::int64_t maxsplit,
                     std::vector<std::string_view>& out) {
  if (maxsplit == 0) {
    out.push_back(s);
    return;
  }
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < s.size() && IsSpace(s[i])) ++i;
  };
  skip_space();
  std::int64_t splits = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
    skip_space();
    if (maxsplit > 0 && ++splits == maxsplit) {
      out.push_back(s.substr(i));
      return;
    }
  }
}

/// Python's str.split(sep, maxsplit): every occurrence separates, empty pieces kept ("" → [""]).
void SplitOn(std::string_view s, std::string_view sep, std::int64_t maxsplit,
             std::vector<std::string_view>& out) {
  std::size_t start = 0;
  std::int64_t splits = 0;
  while (maxsplit < 0 || splits < maxsplit) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) break;
    out.push_back(s.substr(start, at - start));
    start = at + sep.size();
    ++splits;
  }
  out.push_back(s.substr(start));
}

Status StringSplitV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& input = ctx.input(0);
  const Tensor& sep = ctx.input(1);
  if (input.dtype() != DataType::kString || input.rank() != 1) {
    return InvalidArgument("input must be a vector, got shape: " + ShapeString(input.shape()));
  }
  if (sep.dtype() != DataType::kString || sep.rank() != 0) {
    return InvalidArgument("sep must be a scalar, got shape: " + ShapeString(sep.shape()));
  }
  const std::int64_t maxsplit = ctx.node.IntOr("maxsplit", -1);
  const std::string& separator = sep.flat<std::string>()[0];
  std::vector<std::string_view> pieces;
  std::vector<std::int64_t> rows;
  std::int64_t widest = 0;
  auto in = input.flat<std::string>();
  for (std::size_t r = 0; r < in.size(); ++r) {
    const std::size_t before = pieces.size();
    if (separator.empty()) {
      SplitWhitespace(in[r], maxsplit, pieces);
    } else {
      SplitOn(in[r], separator, maxsplit, pieces);
    }
    widest = std::max<std::int64_t>(widest, static_cast<std::int64_t>(pieces.size() - before));
    rows.resize(pieces.size(), static_cast<std::int64_t>(r));
  }
  const auto n = static_cast<std::int64_t>(pieces.size());
  Tensor indices(DataType::kInt64, {n, 2});
  Tensor values(DataType::kString, {n});
  auto idx = indices.flat<std::int64_t>();
  auto val = values.flat<std::string>();
  for (std::int64_t k = 0, col = 0; k < n; ++k) {
    const auto i = static_cast<std::size_t>(k);
    col = (k > 0 && rows[i] == rows[i - 1]) ? col + 1 : 0;
    idx[2 * i] = rows[i];
    idx[2 * i + 1] = col;
    val[i] = std::string(pieces[i]);
  }
  ctx.outputs.push_back(std::move(indices));
  ctx.outputs.push_back(std::move(values));
  ctx.outputs.push_back(
      Tensor::FromVector<std::int64_t>({static_cast<std::int64_t>(in.size()), widest}, {2})
          .value());
  return OkStatus();
}

/// Row r of a one-ragged-dimension tensor is values[begin[r], end[r]).
struct RowRanges {
  std::vector<std::int64_t> begin, end;
};

StatusOr<RowRanges> FromRowSplits(const Tensor& t, std::int64_t nvals) {
  TFSK_ASSIGN_OR_RETURN(auto splits, IndexValues(t, "row_splits"));
  if (splits.empty() || splits.front() != 0 || splits.back() != nvals) {
    return InvalidArgument(
        "Invalid row_splits: the first must be 0 and the last the number of "
        "values (" +
        std::to_string(nvals) + ")");
  }
  RowRanges r;
  for (std::size_t i = 0; i + 1 < splits.size(); ++i) {
    if (splits[i + 1] < splits[i]) return InvalidArgument("row_splits must be sorted");
    r.begin.push_back(splits[i]);
    r.end.push_back(splits[i + 1]);
  }
  return r;
}

StatusOr<RowRanges> FromValueRowIds(const Tensor& first_dim, const Tensor& ids_t,
                                    std::int64_t nvals) {
  TFSK_ASSIGN_OR_RETURN(auto nrows_v, IndexValues(first_dim, "first_dim_size"));
  TFSK_ASSIGN_OR_RETURN(auto ids, IndexValues(ids_t, "value_rowids"));
  if (nrows_v.size() != 1) return InvalidArgument("first_dim_size must be a scalar");
  const std::int64_t nrows = nrows_v[0];
  if (static_cast<std::int64_t>(ids.size()) != nvals) {
    return InvalidArgument("value_rowids has " + std::to_string(ids.size()) +
                           " entries, but there are " + std::to_string(nvals) + " values");
  }
  RowRanges r;
  r.begin.assign(static_cast<std::size_t>(std::max<std::int64_t>(nrows, 0)), 0);
  r.end.assign(r.begin.size(), 0);
  for (std::int64_t v = 0; v < nvals; ++v) {
    const std::int64_t row = ids[static_cast<std::size_t>(v)];
    if (row < 0 || row >= nrows || (v > 0 && row < ids[static_cast<std::size_t>(v - 1)])) {
      return InvalidArgument("value_rowids must be sorted and in [0, first_dim_size)");
    }
    auto& b = r.begin[static_cast<std::size_t>(row)];
    auto& e = r.end[static_cast<std::size_t>(row)];
    if (e == b) b = v;  // the row's first value (rows before stay empty)
    e = v + 1;
  }
  return r;
}

Status RaggedTensorToTensor(OpContext& ctx) {
  auto types = ctx.node.GetStringList("row_partition_types");
  if (!types.ok()) return types.status();
  const int partitions = ctx.num_inputs() - 3;
  if (partitions < 1 || partitions != static_cast<int>(types->size())) {
    return InvalidArgument(
        "RaggedTensorToTensor expects one row partition tensor per "
        "row_partition_types entry");
  }
  const bool splits = (*types)[0] == "ROW_SPLITS";
  const bool rowids =
      types->size() == 2 && (*types)[0] == "FIRST_DIM_SIZE" && (*types)[1] == "VALUE_ROWIDS";
  if (!(splits && types->size() == 1) && !rowids) {
    return Unimplemented(
        "RaggedTensorToTensor with more than one ragged dimension "
        "(row_partition_types beyond ROW_SPLITS, or FIRST_DIM_SIZE + "
        "VALUE_ROWIDS) is not supported");
  }
  const Tensor& values = ctx.input(1);
  const Tensor& default_value = ctx.input(2);
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(values.dtype(), ctx.node.op));
  if (values.rank() < 1) return InvalidArgument("values must be at least a vector");
  const std::int64_t nvals = values.dim(0);
  StatusOr<RowRanges> ranges = splits ? FromRowSplits(ctx.input(3), nvals)
                                      : FromValueRowIds(ctx.input(3), ctx.input(4), nvals);
  if (!ranges.ok()) return ranges.status();
  const auto nrows = static_cast<std::int64_t>(ranges->begin.size());
  std::int64_t widest = 0;
  for (std::size_t r = 0; r < ranges->begin.size(); ++r) {
    widest = std::max(widest, ranges->end[r] - ranges->begin[r]);
  }
  // The requested shape: a scalar -1 (unknown) or [rows, cols, inner...] with -1 = as ragged.
  Shape out_shape{nrows, widest};
  const Shape inner(values.shape().begin() + 1, values.shape().end());
  out_shape.insert(out_shape.end(), inner.begin(), inner.end());
  const Tensor& shape_t = ctx.input(0);
  if (shape_t.rank() == 1) {
    TFSK_ASSIGN_OR_RETURN(auto want, IndexValues(shape_t, "shape"));
    if (want.size() != out_shape.size()) {
      return InvalidArgument("shape has " + std::to_string(want.size()) +
                             " dimensions, the ragged tensor " + std::to_string(out_shape.size()));
    }
    for (std::size_t d = 0; d < want.size(); ++d) {
      if (want[d] >= 0) {
        if (d >= 2 && want[d] != out_shape[d]) {
          return InvalidArgument("shape " + JoinInts(want) +
                                 " does not fit the values' inner "
                                 "dimensions " +
                                 ShapeString(inner));
        }
        out_shape[d] = want[d];
      }
    }
  }
  const std::int64_t row_size = NumElements(inner);
  if (default_value.num_elements() != 1 && default_value.num_elements() != row_size) {
    return InvalidArgument("default_value must be a scalar or have the shape of one value " +
                           ShapeString(inner) + ", got " + ShapeString(default_value.shape()));
  }
  Tensor out(values.dtype(), out_shape);
  const std::int64_t cells = out_shape[0] * out_shape[1];
  for (std::int64_t c = 0; c < cells; ++c) {  // every cell starts as the default
    for (std::int64_t k = 0; k < row_size; ++k) {
      CopyElements(default_value, default_value.num_elements() == 1 ? 0 : k, out, c * row_size + k,
                   1);
    }
  }
  for (std::int64_t r = 0; r < std::min(nrows, out_shape[0]); ++r) {
    const std::int64_t b = ranges->begin[static_cast<std::size_t>(r)];
    const std::int64_t len = std::min(ranges->end[static_cast<std::size_t>(r)] - b, out_shape[1]);
    CopyElements(values, b * row_size, out, r * out_shape[1] * row_size, len * row_size);
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterRaggedOps(KernelRegistry& r) {
  r.Register({"StringSplitV2", &StringSplitV2, {}});
  r.Register({"RaggedTensorToTensor", &RaggedTensorToTensor, {"row_partition_types"}});
}

}  // namespace tfsk::serving::ops
