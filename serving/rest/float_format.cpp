#include "serving/rest/float_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace tfsk::serving::rest {
namespace {

// "%g" text of ±0.d1d2...dn × 10^(exponent+1), i.e. `exponent` is the decimal exponent of the
// first digit and the n ≤ 6 digits have no trailing zero: scientific ("d[.ddd]e±XX", at least
// two exponent digits) when exponent < -4 or >= 6, else fixed without trailing zeros.
char* WritePercentG(char* out, bool negative, const char* digits, int n, int exponent) {
  if (negative) *out++ = '-';
  if (exponent < -4 || exponent >= 6) {
    *out++ = digits[0];
    if (n > 1) {
      *out++ = '.';
      out = std::copy(digits + 1, digits + n, out);
    }
    *out++ = 'e';
    *out++ = exponent < 0 ? '-' : '+';
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) *out++ = '0';
    return std::to_chars(out, out + 4, magnitude).ptr;
  }
  if (exponent < 0) {
    *out++ = '0';
    *out++ = '.';
    out = std::fill_n(out, -exponent - 1, '0');
    return std::copy(digits, digits + n, out);
  }
  for (int k = 0; k <= exponent; ++k) *out++ = k < n ? digits[k] : '0';
  if (n > exponent + 1) {
    *out++ = '.';
    out = std::copy(digits + exponent + 1, digits + n, out);
  }
  return out;
}

// "%g" (six significant digits) from the shortest round-trip digits, or nullptr when those are
// more than six. Why this is exact: the shortest digits S of a float or double lie within half
// a unit in the last place of the value (under 6e-8 relative for float), far inside half a unit
// of the sixth significant digit (at least 5e-7 relative), so rounding the value to six digits
// gives S again, padded with zeros that %g strips. More than six shortest digits means "%g" does
// not round-trip, and the caller prints max_digits10 digits instead. Subnormals have too few
// bits for the argument (the smallest float's shortest form is "1e-45", its %g "1.4013e-45"),
// so they take the slow path too.
template <typename T>
char* ShortestAsPercentG(char* out, T value) {
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
  return WritePercentG(out, negative, digits, n, exponent);
}

// The common case of answers (2.5, 3.0, 0.25, 1e+06): a float that is exactly a decimal of at
// most six significant digits. Then "%g" prints exactly that decimal and it round-trips, so no
// digit generation is needed. |value| * 10^k is computed exactly in double for k <= 9 (24
// significand bits times 5^k < 2^21 fit in 53), so "it is an integer" is an exact test; the
// smallest such k leaves no trailing zero except for integers, whose zeros move into the
// exponent. nullptr when the value is not such a decimal.
char* ExactShortDecimalAsPercentG(char* out, float value) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  const double magnitude = std::fabs(static_cast<double>(value));
  if (magnitude == 0 || magnitude >= 1e15) return nullptr;
  for (int k = 0; k < 10; ++k) {
    const double scaled = magnitude * kPow10[k];
    if (scaled >= 1e15) return nullptr;
    auto significand = static_cast<std::uint64_t>(scaled);  // exact below 1e15 < 2^53
    if (static_cast<double>(significand) != scaled) continue;
    int exponent = -k;  // value = significand * 10^exponent
    while (significand % 10 == 0) {
      significand /= 10;
      ++exponent;
    }
    if (significand >= 1000000) return nullptr;
    char digits[8];
    const int n = static_cast<int>(std::to_chars(digits, digits + 8, significand).ptr - digits);
    return WritePercentG(out, std::signbit(value), digits, n, exponent + n - 1);
  }
  return nullptr;
}

template <typename T>
char* Format(char* buf, T value) {
  if (std::isnan(value)) return std::copy_n("NaN", 3, buf);
  if (std::isinf(value)) {
    return std::signbit(value) ? std::copy_n("-Infinity", 9, buf) : std::copy_n("Infinity", 8, buf);
  }
  // absl::StrCat(float|double) is "%g" with six significant digits; when those do not round-trip
  // the value is printed with max_digits10.
  char* end = nullptr;
  if constexpr (std::is_same_v<T, float>) end = ExactShortDecimalAsPercentG(buf, value);
  if (end == nullptr) end = ShortestAsPercentG(buf, value);
  if (end == nullptr) {
    // to_chars with a precision is printf's "%.*g"; from_chars rounds like strtof/strtod.
    const double wide = static_cast<double>(value);
    char* const last = buf + kFloatTextCapacity;
    end = std::to_chars(buf, last, wide, std::chars_format::general, 6).ptr;
    T back{};
    std::from_chars(buf, end, back);
    if (back != value) {
      end = std::to_chars(buf, last, wide, std::chars_format::general,
                          std::numeric_limits<T>::max_digits10)
                .ptr;
    }
  }
  if (std::none_of(buf, end, [](char c) { return c == '.' || c == 'e'; })) {
    end = std::copy_n(".0", 2, end);
  }
  return end;
}

}  // namespace

char* FormatFloatTo(char* buf, float value) { return Format(buf, value); }
char* FormatDoubleTo(char* buf, double value) { return Format(buf, value); }

std::string FormatFloat(float value) {
  char buf[kFloatTextCapacity];
  return std::string(buf, FormatFloatTo(buf, value));
}

std::string FormatDouble(double value) {
  char buf[kFloatTextCapacity];
  return std::string(buf, FormatDoubleTo(buf, value));
}

}  // namespace tfsk::serving::rest
