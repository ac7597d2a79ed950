// StringFormat (tf.strings.format, and what tf.print builds its text with): `template` with
// each `placeholder` replaced by the summary of the next input (tensor_summary.h, `summarize`
// entries at each end of every dimension). Placeholders are found left to right without
// overlap, as absl::StrSplit does; their number must equal the number of inputs.

#include <string>
#include <string_view>
#include <vector>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/tensor_summary.h"

namespace tfsk::serving::ops {
namespace {

/// `text` cut at every `sep` (an empty `sep` cuts between all characters, as absl does).
std::vector<std::string_view> SplitOn(std::string_view text, std::string_view sep) {
  std::vector<std::string_view> pieces;
  if (sep.empty()) {
    if (text.empty()) return {text};
    for (std::size_t i = 0; i < text.size(); ++i) pieces.push_back(text.substr(i, 1));
    return pieces;
  }
  std::size_t start = 0;
  for (std::size_t at = text.find(sep); at != std::string_view::npos; at = text.find(sep, start)) {
    pieces.push_back(text.substr(start, at - start));
    start = at + sep.size();
  }
  pieces.push_back(text.substr(start));
  return pieces;
}

Status StringFormat(OpContext& ctx) {
  const std::string tmpl = ctx.node.StringOr("template", "%s");
  const std::string placeholder = ctx.node.StringOr("placeholder", "%s");
  const std::int64_t summarize = ctx.node.IntOr("summarize", 3);
  const std::vector<std::string_view> pieces = SplitOn(tmpl, placeholder);
  const auto placeholders = static_cast<int>(pieces.size()) - 1;
  if (placeholders != ctx.num_inputs()) {
    return InvalidArgument(
        "num placeholders in template and num inputs must match: " + std::to_string(placeholders) +
        " vs. " + std::to_string(ctx.num_inputs()));
  }
  std::string text(pieces[0]);
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    text += SummarizeTensor(ctx.input(i), summarize);
    text += pieces[static_cast<std::size_t>(i) + 1];
  }
  ctx.outputs.push_back(Tensor::Scalar<std::string>(std::move(text)));
  return OkStatus();
}

}  // namespace

void RegisterStringFormatOps(KernelRegistry& r) { r.Register({"StringFormat", &StringFormat, {}}); }

}  // namespace tfsk::serving::ops
