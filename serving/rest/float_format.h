#pragma once
// TF Serving's text for float and double tensor values (json_tensor.cc WriteDecimal).

#include <cstddef>
#include <string>

namespace tfsk::serving::rest {

/// TF Serving's text for a DT_FLOAT value: "%g" (6 significant digits); if that text does not
/// parse back (as float) to the same value, "%.9g"; then ".0" is appended when the text has
/// neither '.' nor 'e'. Non-finite values are the bare tokens NaN, Infinity, -Infinity;
/// negative zero is "-0.0". Examples: 3 -> "3.0", 1/3 -> "0.333333343", 1e6 -> "1e+06".
std::string FormatFloat(float value);

/// The same for DT_DOUBLE, re-printing with "%.17g" when 6 digits do not round-trip.
std::string FormatDouble(double value);

/// Bytes a FormatFloatTo/FormatDoubleTo buffer needs (the longest text is 26).
inline constexpr std::size_t kFloatTextCapacity = 64;

/// FormatFloat / FormatDouble into `buf` (kFloatTextCapacity bytes) without allocating; returns
/// the end of the text.
char* FormatFloatTo(char* buf, float value);
char* FormatDoubleTo(char* buf, double value);

}  // namespace tfsk::serving::rest
