#include "serving/ops/tensor_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <vector>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// printf "%.*g" with `short_digits`, or `long_digits` when the short text does not read back
/// as the same value (TensorFlow's FloatToBuffer / DoubleToBuffer).
template <typename T>
std::string ShortestG(T v, int short_digits, int long_digits) {
  if (std::isnan(v)) return std::signbit(v) ? "-nan" : "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", short_digits, static_cast<double>(v));
  T back;
  if constexpr (std::is_same_v<T, float>) {
    back = std::strtof(buf, nullptr);
  } else {
    back = std::strtod(buf, nullptr);
  }
  if (back != v) std::snprintf(buf, sizeof buf, "%.*g", long_digits, static_cast<double>(v));
  return buf;
}

template <typename T>
std::string ElementText(const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return "\"" + Utf8SafeCEscape(v) + "\"";
  } else if constexpr (std::is_same_v<T, float>) {
    return FloatText(v);
  } else if constexpr (std::is_same_v<T, double>) {
    return DoubleText(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return v ? "1" : "0";
  } else if constexpr (std::is_signed_v<T>) {
    return std::to_string(static_cast<std::int64_t>(v));
  } else {
    return std::to_string(static_cast<std::uint64_t>(v));
  }
}

/// Separator between two entries of dimension `dim`: a space in the last dimension, otherwise
/// one newline per inner dimension and an indent of dim + 1 spaces.
void Spacing(int dim, int rank, std::string& out) {
  if (dim == rank - 1) {
    out += ' ';
    return;
  }
  out.append(static_cast<std::size_t>(rank - dim - 1), '\n');
  out.append(static_cast<std::size_t>(dim + 1), ' ');
}

template <typename T>
class Summarizer {
 public:
  Summarizer(std::span<const T> data, const Shape& shape, std::int64_t ends)
      : data_(data), shape_(shape), rank_(static_cast<int>(shape.size())), ends_(ends) {}

  void Dim(int dim, std::int64_t offset, std::string& out) const {
    if (dim == rank_) {
      out += ElementText(data_[static_cast<std::size_t>(offset)]);
      return;
    }
    out += '[';
    const std::int64_t count = shape_[static_cast<std::size_t>(dim)];
    std::int64_t stride = 1;
    for (int d = dim + 1; d < rank_; ++d) stride *= shape_[static_cast<std::size_t>(d)];
    for (std::int64_t i = 0; i < std::min(ends_, count); ++i) {
      if (i > 0) Spacing(dim, rank_, out);
      Dim(dim + 1, offset + stride * i, out);
    }
    if (count > 2 * ends_) {
      Spacing(dim, rank_, out);
      out += "...";
    }
    for (std::int64_t i = std::max(ends_, count - ends_); i < count; ++i) {
      Spacing(dim, rank_, out);
      Dim(dim + 1, offset + stride * i, out);
    }
    out += ']';
  }

 private:
  std::span<const T> data_;
  const Shape& shape_;
  int rank_;
  std::int64_t ends_;
};

template <typename T>
std::string Summarize(const Tensor& t, std::int64_t limit) {
  const auto data = t.flat<T>();
  std::string out;
  if (t.rank() == 0) {
    if (limit > 0) out = ElementText(data[0]);
    if (t.num_elements() > limit) out += "...";
    return out;
  }
  Summarizer<T>(data, t.shape(), limit).Dim(0, 0, out);
  return out;
}

/// Dtypes without a numeric text: "<value>" for variants, "?" otherwise, as TensorFlow.
std::string SummarizeOther(const Tensor& t, std::int64_t limit, std::int64_t summarize) {
  std::string out = t.rank() > 0 ? "[" : "";
  for (std::int64_t i = 0; i < limit; ++i) {
    if (i > 0) out += ' ';
    if (t.dtype() == DataType::kVariant) {
      const Variant& v = t.flat<Variant>()[static_cast<std::size_t>(i)];
      out += "<" + (v ? v.get()->DebugString() : std::string()) + ">";
    } else if (t.dtype() == DataType::kResource) {
      out += "<" + t.flat<std::string>()[static_cast<std::size_t>(i)] + ">";
    } else {
      out += '?';
    }
  }
  if (summarize < t.num_elements()) out += "...";
  if (t.rank() > 0) out += ']';
  return out;
}

}  // namespace

std::string FloatText(float v) {
  return ShortestG(v, std::numeric_limits<float>::digits10,
                   std::numeric_limits<float>::max_digits10);
}

std::string DoubleText(double v) {
  return ShortestG(v, std::numeric_limits<double>::digits10,
                   std::numeric_limits<double>::max_digits10);
}

std::string Utf8SafeCEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (u < 0x80 && (u < 0x20 || u == 0x7F)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string SummarizeTensor(const Tensor& t, std::int64_t summarize) {
  const std::int64_t n = t.num_elements();
  const std::int64_t limit = summarize < 0 ? n : std::min(summarize, n);
  switch (t.dtype()) {
    case DataType::kFloat:
      return Summarize<float>(t, limit);
    case DataType::kDouble:
      return Summarize<double>(t, limit);
    case DataType::kInt32:
      return Summarize<std::int32_t>(t, limit);
    case DataType::kInt64:
      return Summarize<std::int64_t>(t, limit);
    case DataType::kInt16:
      return Summarize<std::int16_t>(t, limit);
    case DataType::kInt8:
      return Summarize<std::int8_t>(t, limit);
    case DataType::kUint8:
      return Summarize<std::uint8_t>(t, limit);
    case DataType::kUint16:
      return Summarize<std::uint16_t>(t, limit);
    case DataType::kUint32:
      return Summarize<std::uint32_t>(t, limit);
    case DataType::kUint64:
      return Summarize<std::uint64_t>(t, limit);
    case DataType::kBool:
      return Summarize<bool>(t, limit);
    case DataType::kString:
      return Summarize<std::string>(t, limit);
    default:
      return SummarizeOther(t, limit, summarize < 0 ? n : summarize);
  }
}

}  // namespace tfsk::serving::ops
