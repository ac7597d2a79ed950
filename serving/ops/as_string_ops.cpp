// AsString: numbers, bools and strings to text with TensorFlow's printf formats. The format is
// "%" + fill (one of " +-0#") + width + "." + precision + conversion (d/lld/u/llu for integers,
// f, e (scientific) or g (shortest) for floats), built once per run from the node's attrs;
// bools are "true"/"false" whatever the attrs; strings pass through unless a width is given.

#include <cstdio>
#include <string>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

struct AsStringAttrs {
  std::int64_t precision = -1;
  bool scientific = false;
  bool shortest = false;
  std::int64_t width = -1;
  std::string fill;
};

bool IsFloating(DataType t) { return t == DataType::kFloat || t == DataType::kDouble; }

/// The printf conversion for `dtype`, or "" for types formatted without printf (bool).
StatusOr<std::string> Conversion(DataType dtype, const AsStringAttrs& a) {
  switch (dtype) {
    case DataType::kInt8:
    case DataType::kInt16:
    case DataType::kInt32:
      return std::string("d");
    case DataType::kInt64:
      return std::string("lld");
    case DataType::kUint8:
    case DataType::kUint16:
    case DataType::kUint32:
      return std::string("u");
    case DataType::kUint64:
      return std::string("llu");
    case DataType::kFloat:
    case DataType::kDouble:
      return std::string(a.shortest ? "g" : a.scientific ? "e" : "f");
    case DataType::kString:
      return std::string("s");
    case DataType::kBool:
      return std::string();
    default:
      break;
  }
  return InvalidArgument("Type not supported: " + DataTypeName(dtype));
}

/// TensorFlow's attr checks (AsStringOp's constructor), in its order, and the format.
StatusOr<std::string> BuildFormat(DataType dtype, const AsStringAttrs& a) {
  if (!IsFloating(dtype) && dtype != DataType::kString) {
    if (a.scientific || a.shortest) {
      return InvalidArgument("scientific and shortest format not supported for datatype " +
                             DataTypeName(dtype));
    }
    if (a.precision >= 0) {
      return InvalidArgument("precision not supported for datatype " + DataTypeName(dtype));
    }
  }
  if (a.fill.size() > 1) return InvalidArgument("Fill string must be one or fewer characters");
  if (a.scientific && a.shortest) {
    return InvalidArgument("Cannot select both scientific and shortest notation");
  }
  std::string format = "%";
  if (!a.fill.empty()) {
    if (std::string_view(" +-0#").find(a.fill[0]) == std::string_view::npos) {
      return InvalidArgument("Fill argument not supported: \"" + a.fill + "\"");
    }
    format += a.fill;
  }
  if (a.width > -1) format += std::to_string(a.width);
  if (a.precision > -1) format += "." + std::to_string(a.precision);
  TFSK_ASSIGN_OR_RETURN(std::string conversion, Conversion(dtype, a));
  return format + conversion;
}

/// snprintf into a std::string. The format comes from BuildFormat: one conversion, matched
/// to `value`'s type by the caller.
template <typename T>
std::string Printf(const std::string& format, T value) {
  char small[64];
  const int n = std::snprintf(small, sizeof small, format.c_str(), value);
  if (n < 0) return std::string();
  if (static_cast<std::size_t>(n) < sizeof small)
    return std::string(small, static_cast<std::size_t>(n));
  std::string out(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), format.c_str(), value);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

/// The printf argument for an element: the promoted type the conversion expects.
template <typename T>
auto PrintfArg(const T& v) {
  if constexpr (std::is_same_v<T, std::int64_t>) {
    return static_cast<long long>(v);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return static_cast<unsigned long long>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<double>(v);
  } else if constexpr (std::is_unsigned_v<T>) {
    return static_cast<unsigned>(v);
  } else {
    return static_cast<int>(v);
  }
}

Status AsString(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& in = ctx.input(0);
  AsStringAttrs a;
  a.precision = ctx.node.IntOr("precision", -1);
  a.scientific = ctx.node.BoolOr("scientific", false);
  a.shortest = ctx.node.BoolOr("shortest", false);
  a.width = ctx.node.IntOr("width", -1);
  a.fill = ctx.node.StringOr("fill", "");
  TFSK_ASSIGN_OR_RETURN(const std::string format, BuildFormat(in.dtype(), a));
  if (in.dtype() == DataType::kString && a.width <= 0) {
    ctx.outputs.push_back(ctx.ForwardInput(0));
    return OkStatus();
  }
  Tensor out(DataType::kString, in.shape());
  auto o = out.flat<std::string>();
  if (in.dtype() == DataType::kBool) {
    const auto b = in.flat<bool>();
    for (std::size_t i = 0; i < b.size(); ++i) o[i] = b[i] ? "true" : "false";
  } else if (in.dtype() == DataType::kString) {
    const auto s = in.flat<std::string>();
    for (std::size_t i = 0; i < s.size(); ++i) o[i] = Printf(format, s[i].c_str());
  } else {
    auto each = [&]<typename T>() -> Status {
      const auto v = in.flat<T>();
      for (std::size_t i = 0; i < v.size(); ++i) o[i] = Printf(format, PrintfArg(v[i]));
      return OkStatus();
    };
    switch (in.dtype()) {
      case DataType::kUint16:
        TFSK_RETURN_IF_ERROR(each.template operator()<std::uint16_t>());
        break;
      case DataType::kUint32:
        TFSK_RETURN_IF_ERROR(each.template operator()<std::uint32_t>());
        break;
      case DataType::kUint64:
        TFSK_RETURN_IF_ERROR(each.template operator()<std::uint64_t>());
        break;
      default:
        TFSK_RETURN_IF_ERROR(DispatchNumeric(in.dtype(), "AsString", each));
        break;
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterAsStringOps(KernelRegistry& r) { r.Register({"AsString", &AsString, {}}); }

}  // namespace tfsk::serving::ops
