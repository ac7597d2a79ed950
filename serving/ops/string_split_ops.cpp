// StringSplit (the v1 op behind tf.compat.v1.string_split): splits each element of a string
// vector and returns a SparseTensor (indices [n, 2], values [n], dense shape [batch, longest]).
// As in TensorFlow every byte of `delimiter` is a split point (a one-byte delimiter is the
// common case), an empty delimiter splits into single bytes, `skip_empty` (default true) drops
// empty tokens, and an empty element yields no tokens at all. StringSplitV2 (Python's
// str.split) is in ragged_ops.cpp.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

void SplitInto(std::string_view s, std::string_view delimiter, bool skip_empty,
               std::vector<std::string_view>& tokens) {
  if (s.empty()) return;
  if (delimiter.empty()) {
    for (std::size_t i = 0; i < s.size(); ++i) tokens.push_back(s.substr(i, 1));
    return;
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || delimiter.find(s[i]) != std::string_view::npos) {
      if (!skip_empty || i > start) tokens.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
}

Status StringSplit(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& input = ctx.input(0);
  const Tensor& delimiter = ctx.input(1);
  if (input.dtype() != DataType::kString || delimiter.dtype() != DataType::kString) {
    return InvalidArgument("StringSplit expects string input and delimiter, got " +
                           DataTypeName(input.dtype()) + " and " + DataTypeName(delimiter.dtype()));
  }
  if (input.rank() != 1) {
    return InvalidArgument("input must be a vector, got shape: " + ShapeString(input.shape()));
  }
  if (delimiter.rank() != 0) {
    return InvalidArgument("delimiter must be a scalar, got shape: " +
                           ShapeString(delimiter.shape()));
  }
  const bool skip_empty = ctx.node.BoolOr("skip_empty", true);
  const std::string& delim = delimiter.flat<std::string>()[0];
  auto in = input.flat<std::string>();

  std::vector<std::string_view> tokens;
  std::vector<std::size_t> counts(in.size());
  std::int64_t longest = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::size_t before = tokens.size();
    SplitInto(in[i], delim, skip_empty, tokens);
    counts[i] = tokens.size() - before;
    longest = std::max(longest, static_cast<std::int64_t>(counts[i]));
  }

  const auto n = static_cast<std::int64_t>(tokens.size());
  Tensor indices(DataType::kInt64, {n, 2});
  Tensor values(DataType::kString, {n});
  Tensor shape(DataType::kInt64, {2});
  auto idx = indices.flat<std::int64_t>();
  auto val = values.flat<std::string>();
  std::size_t k = 0;
  for (std::size_t row = 0; row < counts.size(); ++row) {
    for (std::size_t col = 0; col < counts[row]; ++col, ++k) {
      idx[2 * k] = static_cast<std::int64_t>(row);
      idx[2 * k + 1] = static_cast<std::int64_t>(col);
      val[k] = std::string(tokens[k]);
    }
  }
  shape.flat<std::int64_t>()[0] = static_cast<std::int64_t>(in.size());
  shape.flat<std::int64_t>()[1] = longest;
  ctx.outputs.push_back(std::move(indices));
  ctx.outputs.push_back(std::move(values));
  ctx.outputs.push_back(std::move(shape));
  return OkStatus();
}

}  // namespace

void RegisterStringSplitOps(KernelRegistry& r) { r.Register({"StringSplit", &StringSplit, {}}); }

}  // namespace tfsk::serving::ops
