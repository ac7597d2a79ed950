#include "serving/rest/float_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace tfsk::serving::rest {
namespace {

// "%g" (six significant digits) from the shortest round-trip digits, or nullptr when those are
// more than six. Why this is exact: the shortest digits S of a float or double lie within half
// a unit in the last place of the value (under 6e-8 relative for float), far inside half a unit
// of the sixth significant digit (at least 5e-7 relative), so rounding the value to six digits
// gives S again, padded with zeros that %g strips. More than six shortest digits means "%g" does
// not round-trip, and the caller prints max_digits10 digits instead. Subnormals have too few
// bits for the argument (the smallest float's shortest form is "1e-45", its %g "1.4013e-45"),
// so they take the slow path too.
template <typename T>
char* ShortestAsPercentG(char* first, char* last, T value) {
  if (value != 0 && std::fabs(value) < std::numeric_limits<T>::min()) return nullptr;
  char sci[64];
  const char* sci_end =
      std::to_chars(sci, sci + sizeof(sci), value, std::chars_format::scientific).ptr;
  // sci is "[-]d[.ddd]e(+|-)XX".
  const char* p = sci;
  const bool negative = *p == '-';
  if (negative) ++p;
  char digits[24];
  int n = 0;
  for (; p != sci_end && *p != 'e'; ++p) {
    if (*p != '.') digits[n++] = *p;
  }
  if (n > 6) return nullptr;
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), sci_end, exponent);
  if (exponent < -4 || exponent >= 6) {
    // %g's scientific form is %e's with trailing zeros removed: what to_chars already wrote.
    const auto size = static_cast<std::size_t>(sci_end - sci);
    if (size > static_cast<std::size_t>(last - first)) return nullptr;
    return std::copy(static_cast<const char*>(sci), sci_end, first);
  }
  char* out = first;
  if (negative) *out++ = '-';
  if (exponent < 0) {
    *out++ = '0';
    *out++ = '.';
    for (int z = 0; z < -exponent - 1; ++z) *out++ = '0';
    return std::copy(digits, digits + n, out);
  }
  for (int k = 0; k <= exponent; ++k) *out++ = k < n ? digits[k] : '0';
  if (n > exponent + 1) {
    *out++ = '.';
    out = std::copy(digits + exponent + 1, digits + n, out);
  }
  return out;
}

template <typename T>
std::string Format(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return std::signbit(value) ? "-Infinity" : "Infinity";
  char buf[64];
  // absl::StrCat(float|double) is "%g" with six significant digits; when those do not round-trip
  // the value is printed with max_digits10.
  char* end = ShortestAsPercentG(buf, buf + sizeof(buf), value);
  if (end == nullptr) {
    // to_chars with a precision is printf's "%.*g"; from_chars rounds like strtof/strtod.
    const double wide = static_cast<double>(value);
    end = std::to_chars(buf, buf + sizeof(buf), wide, std::chars_format::general, 6).ptr;
    T back{};
    std::from_chars(buf, end, back);
    if (back != value) {
      end = std::to_chars(buf, buf + sizeof(buf), wide, std::chars_format::general,
                          std::numeric_limits<T>::max_digits10)
                .ptr;
    }
  }
  std::string text(buf, end);
  if (text.find('.') == std::string::npos && text.find('e') == std::string::npos) {
    text += ".0";
  }
  return text;
}

}  // namespace

std::string FormatFloat(float value) { return Format(value); }
std::string FormatDouble(double value) { return Format(value); }

}  // namespace tfsk::serving::rest
