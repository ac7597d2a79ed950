// StringNGrams: the n-grams of each row of a ragged string tensor (flat `data` plus row
// `data_splits`), what tf.strings.ngrams and Keras TextVectorization(ngrams=N) export. For each
// row and each width in `ngram_widths` (in order), the row is padded with `pad_width` copies of
// `left_pad` / `right_pad` (-1: width - 1; never more than width - 1) and every window of that
// width is joined with `separator`. `preserve_short_sequences` turns a non-empty row too short
// for any n-gram into one n-gram of the whole (padded) row. Output: the n-grams and their row
// splits (same dtype as data_splits, int32 or int64), as TensorFlow's CPU kernel.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

struct NGramOptions {
  std::string separator;
  std::string left_pad;
  std::string right_pad;
  std::vector<std::int64_t> widths;
  std::int64_t pad_width = -1;
  bool preserve_short = false;

  std::int64_t PadFor(std::int64_t width) const {
    return std::min(pad_width < 0 ? width - 1 : pad_width, width - 1);
  }

  StatusOr<std::int64_t> CountFor(std::int64_t length, std::int64_t width) const {
    const std::int64_t pad = PadFor(width);
    if (pad > std::numeric_limits<std::int32_t>::max() / 2 - length) {
      return InvalidArgument("Pad width could lead to integer overflow, got pad_width = " +
                             std::to_string(pad));
    }
    return std::max<std::int64_t>(0, length + 2 * pad - width + 1);
  }

  /// Appends `count` n-grams of `width` over row[0..length) to `out`.
  void Append(const std::string* row, std::int64_t count, std::int64_t width,
              std::vector<std::string>& out) const {
    const std::int64_t pad = PadFor(width);
    for (std::int64_t n = 0; n < count; ++n) {
      const std::int64_t left = std::max<std::int64_t>(0, pad - n);
      const std::int64_t right = std::max<std::int64_t>(0, pad - (count - 1 - n));
      const std::int64_t tokens = width - left - right;
      const std::int64_t first = left > 0 ? 0 : n - pad;
      std::string gram;
      bool need_separator = false;
      auto add = [&](const std::string& piece) {
        if (need_separator) gram += separator;
        gram += piece;
        need_separator = true;
      };
      for (std::int64_t i = 0; i < left; ++i) add(left_pad);
      for (std::int64_t i = 0; i < tokens; ++i) add(row[first + i]);
      for (std::int64_t i = 0; i < right; ++i) add(right_pad);
      out.push_back(std::move(gram));
    }
  }
};

StatusOr<NGramOptions> ReadOptions(const NodeInfo& node) {
  NGramOptions o;
  TFSK_ASSIGN_OR_RETURN(o.separator, node.GetString("separator"));
  TFSK_ASSIGN_OR_RETURN(o.left_pad, node.GetString("left_pad"));
  TFSK_ASSIGN_OR_RETURN(o.right_pad, node.GetString("right_pad"));
  TFSK_ASSIGN_OR_RETURN(o.widths, node.GetIntList("ngram_widths"));
  TFSK_ASSIGN_OR_RETURN(o.pad_width, node.GetInt("pad_width"));
  TFSK_ASSIGN_OR_RETURN(o.preserve_short, node.GetBool("preserve_short_sequences"));
  for (std::int64_t w : o.widths) {
    if (w <= 0) return InvalidArgument("ngram_widths must contain positive values");
  }
  return o;
}

Status CheckRank1(const Tensor& t) {
  if (t.rank() != 1) {
    return InvalidArgument("Shape must be rank 1 but is rank " + std::to_string(t.rank()));
  }
  return OkStatus();
}

template <typename S>
Status NGrams(OpContext& ctx, const NGramOptions& opt) {
  const Tensor& data_t = ctx.input(0);
  const auto data = data_t.flat<std::string>();
  const auto splits = ctx.input(1).flat<S>();
  const auto data_size = static_cast<std::int64_t>(data.size());
  if (!splits.empty()) {
    if (splits[0] != 0) {
      return InvalidArgument("First split value must be 0, got " + std::to_string(splits[0]));
    }
    for (std::size_t i = 1; i < splits.size(); ++i) {
      if (splits[i] < splits[i - 1] || splits[i] > data_size) {
        return InvalidArgument("Invalid split value " + std::to_string(splits[i]) +
                               ", must be in [" + std::to_string(splits[i - 1]) + ", " +
                               std::to_string(data_size) + "]");
      }
    }
    if (splits.back() != data_size) {
      return InvalidArgument("Last split value must be data size. Expected " +
                             std::to_string(data_size) + ", got " + std::to_string(splits.back()));
    }
  }
  Tensor out_splits(ctx.input(1).dtype(), ctx.input(1).shape());  // zeros
  if (data.empty() || splits.empty()) {
    ctx.outputs.push_back(Tensor(DataType::kString, data_t.shape()));
    ctx.outputs.push_back(std::move(out_splits));
    return OkStatus();
  }

  std::vector<std::string> grams;
  auto os = out_splits.flat<S>();
  for (std::size_t row = 0; row + 1 < splits.size(); ++row) {
    const std::int64_t length = splits[row + 1] - splits[row];
    const std::string* tokens = data.data() + splits[row];
    const std::size_t before = grams.size();
    for (std::int64_t width : opt.widths) {
      TFSK_ASSIGN_OR_RETURN(std::int64_t count, opt.CountFor(length, width));
      opt.Append(tokens, count, width, grams);
    }
    if (opt.preserve_short && grams.size() == before && length > 0) {
      // No width fit: the whole row, padded by pad_width, becomes one n-gram. With
      // pad_width -1 the padding depends on a width that does not exist here.
      if (opt.pad_width < 0) {
        return InvalidArgument(
            "Pad width should be >= 0 when preserve_short_sequences is True and ngram_widths "
            "are not provided, got " +
            std::to_string(opt.pad_width));
      }
      opt.Append(tokens, 1, length + 2 * opt.pad_width, grams);
    }
    os[row + 1] = static_cast<S>(grams.size());
  }
  TFSK_ASSIGN_OR_RETURN(Tensor out,
                        Tensor::FromVector(grams, {static_cast<std::int64_t>(grams.size())}));
  ctx.outputs.push_back(std::move(out));
  ctx.outputs.push_back(std::move(out_splits));
  return OkStatus();
}

Status StringNGrams(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(NGramOptions opt, ReadOptions(ctx.node));
  if (ctx.input(0).dtype() != DataType::kString) {
    return InvalidArgument("StringNGrams expects string data, got " +
                           DataTypeName(ctx.input(0).dtype()));
  }
  TFSK_RETURN_IF_ERROR(CheckRank1(ctx.input(0)));
  TFSK_RETURN_IF_ERROR(CheckRank1(ctx.input(1)));
  switch (ctx.input(1).dtype()) {
    case DataType::kInt32:
      return NGrams<std::int32_t>(ctx, opt);
    case DataType::kInt64:
      return NGrams<std::int64_t>(ctx, opt);
    default:
      return InvalidArgument("StringNGrams expects int32 or int64 data_splits, got " +
                             DataTypeName(ctx.input(1).dtype()));
  }
}

}  // namespace

void RegisterStringNGramsOps(KernelRegistry& r) {
  r.Register({"StringNGrams",
              &StringNGrams,
              {"separator", "ngram_widths", "left_pad", "right_pad", "pad_width",
               "preserve_short_sequences"}});
}

}  // namespace tfsk::serving::ops
