// Elementwise string ops with TensorFlow's CPU semantics: StringLower/StringUpper (ASCII, the
// default encoding ""), StringJoin, StringLength (BYTE or UTF8_CHAR), StringStrip and
// StringToNumber. Substr is in substr_ops.cpp, AsString in as_string_ops.cpp, the regex ops in
// regex_ops.cpp.

#include <algorithm>
#include <string>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/string_number.h"
#include "serving/ops/utf8.h"

namespace tfsk::serving::ops {
namespace {

Status CheckStringInput(const OpContext& ctx, int i) {
  if (ctx.input(i).dtype() != DataType::kString) {
    return InvalidArgument(ctx.node.op + " expects a string tensor as input " + std::to_string(i) +
                           ", got " + DataTypeName(ctx.input(i).dtype()));
  }
  return OkStatus();
}

/// Output = f(input element) for every element of string input 0, written in place when the
/// executor handed the input over and nothing else shares it.
template <typename F>
Status MapStrings(OpContext& ctx, F&& f) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_RETURN_IF_ERROR(CheckStringInput(ctx, 0));
  Tensor* reuse = ctx.ReusableInput(0, DataType::kString);
  Tensor out = reuse != nullptr ? std::move(*reuse) : ctx.input(0).Clone();
  for (std::string& s : out.flat<std::string>()) f(s);
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

template <bool kUpper>
Status ChangeCase(OpContext& ctx) {
  const std::string encoding = ctx.node.StringOr("encoding", "");
  if (!encoding.empty() && encoding != "utf-8") {
    return InvalidArgument("only utf-8 or '' (no encoding) is supported, received " + encoding);
  }
  if (!encoding.empty()) {
    return Unimplemented(ctx.node.op +
                         " with encoding utf-8 needs Unicode case mapping (ICU), which "
                         "tfsk-serving does not include; only encoding '' (ASCII) is supported");
  }
  return MapStrings(ctx, [](std::string& s) {
    for (char& c : s) {
      if constexpr (kUpper) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      } else {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    }
  });
}

Status StringStrip(OpContext& ctx) {
  return MapStrings(ctx, [](std::string& s) {
    const std::string_view kept = StripAsciiWhitespace(s);
    s = std::string(kept);
  });
}

Status StringJoin(OpContext& ctx) {
  const std::string separator = ctx.node.StringOr("separator", "");
  Shape shape;
  bool any_tensor = false;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    TFSK_RETURN_IF_ERROR(CheckStringInput(ctx, i));
    const Tensor& t = ctx.input(i);
    if (t.rank() == 0) continue;
    if (!any_tensor) {
      shape = t.shape();
      any_tensor = true;
    } else if (t.shape() != shape) {
      return InvalidArgument("Input shapes do not match: " + ShapeString(shape) + " vs. " +
                             ShapeString(t.shape()));
    }
  }
  Tensor out(DataType::kString, shape);
  auto o = out.flat<std::string>();
  for (std::size_t e = 0; e < o.size(); ++e) {
    std::string joined;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const Tensor& t = ctx.input(i);
      if (i > 0) joined += separator;
      joined += t.flat<std::string>()[t.rank() == 0 ? 0 : e];
    }
    o[e] = std::move(joined);
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

StatusOr<bool> Utf8Unit(const OpContext& ctx) {
  const std::string unit = ctx.node.StringOr("unit", "BYTE");
  if (unit == "BYTE") return false;
  if (unit == "UTF8_CHAR") return true;
  return InvalidArgument("unit must be one of BYTE, UTF8_CHAR, got " + unit);
}

Status StringLength(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_RETURN_IF_ERROR(CheckStringInput(ctx, 0));
  TFSK_ASSIGN_OR_RETURN(bool utf8, Utf8Unit(ctx));
  const Tensor& in = ctx.input(0);
  Tensor out(DataType::kInt32, in.shape());
  auto o = out.flat<std::int32_t>();
  const auto s = in.flat<std::string>();
  for (std::size_t i = 0; i < s.size(); ++i) {
    o[i] = static_cast<std::int32_t>(utf8 ? Utf8Length(s[i]) : s[i].size());
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

template <typename T>
Status ConvertAll(const Tensor& in, Tensor& out) {
  const auto s = in.flat<std::string>();
  auto o = out.flat<T>();
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::optional<T> v;
    if constexpr (std::is_same_v<T, float>) v = ParseFloat(s[i]);
    if constexpr (std::is_same_v<T, double>) v = ParseDouble(s[i]);
    if constexpr (std::is_same_v<T, std::int32_t>) v = ParseInt32(s[i]);
    if constexpr (std::is_same_v<T, std::int64_t>) v = ParseInt64(s[i]);
    if (!v) return InvalidArgument("StringToNumberOp could not correctly convert string: " + s[i]);
    o[i] = *v;
  }
  return OkStatus();
}

Status StringToNumber(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_RETURN_IF_ERROR(CheckStringInput(ctx, 0));
  const auto type = ctx.node.GetType("out_type");
  const DataType out_type = type.ok() ? *type : DataType::kFloat;
  Tensor out(out_type, ctx.input(0).shape());
  switch (out_type) {
    case DataType::kFloat:
      TFSK_RETURN_IF_ERROR(ConvertAll<float>(ctx.input(0), out));
      break;
    case DataType::kDouble:
      TFSK_RETURN_IF_ERROR(ConvertAll<double>(ctx.input(0), out));
      break;
    case DataType::kInt32:
      TFSK_RETURN_IF_ERROR(ConvertAll<std::int32_t>(ctx.input(0), out));
      break;
    case DataType::kInt64:
      TFSK_RETURN_IF_ERROR(ConvertAll<std::int64_t>(ctx.input(0), out));
      break;
    default:
      return Unimplemented("No kernel for op StringToNumber with out_type " +
                           DataTypeName(out_type));
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterStringOps(KernelRegistry& r) {
  r.Register({"StringLower", &ChangeCase<false>, {}});
  r.Register({"StringUpper", &ChangeCase<true>, {}});
  r.Register({"StringStrip", &StringStrip, {}});
  r.Register({"StringJoin", &StringJoin, {}});
  r.Register({"StringLength", &StringLength, {}});
  r.Register({"StringToNumber", &StringToNumber, {}});
}

}  // namespace tfsk::serving::ops
