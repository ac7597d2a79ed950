#pragma once
// TensorFlow's text for tensor values in tf.print and tf.strings.format (Tensor::SummarizeValue
// with print_v2): nested brackets per dimension, at most `summarize` leading and trailing
// entries per dimension with "..." between, strings quoted and C-escaped (bytes >= 0x80 kept,
// so UTF-8 stays readable), floats in the shortest %g form that reads back exactly, bools as
// 1/0. StringFormat and PrintV2 build on it.

#include <cstdint>
#include <string>
#include <string_view>

#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

/// The summary of `t`: `summarize` entries at each end of every dimension (a negative value
/// prints everything). E.g. float [2,3] -> "[[1 2 3]\n [4 5 6]]"; int32 [10] with 3 ->
/// "[0 1 2 ... 7 8 9]"; a string scalar -> "\"hi\"".
std::string SummarizeTensor(const Tensor& t, std::int64_t summarize);

/// absl::Utf8SafeCEscape: \n \r \t \" \' \\ as escapes, other bytes below 0x20 or 0x7F as
/// three-digit octal, everything else (including bytes >= 0x80) as is.
std::string Utf8SafeCEscape(std::string_view s);

/// TensorFlow's StrCat text of a double: "%.15g", or "%.17g" when that does not read back
/// exactly; NaN is "nan" or "-nan". FloatText (op_util.h) is the float twin.
std::string DoubleText(double v);

}  // namespace tfsk::serving::ops
