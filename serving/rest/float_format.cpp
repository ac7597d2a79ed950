#include "serving/rest/float_format.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace tfsk::serving::rest {
namespace {

// std::to_chars with a precision is specified as printf's "%.*g" in the C locale, and
// std::from_chars rounds like strtof/strtod; both skip printf's locale and stdio machinery, which
// was most of the cost of a predict answer's numbers.
template <typename T>
T ParseBack(const char* first, const char* last) {
  T back{};
  std::from_chars(first, last, back);
  return back;
}

template <typename T>
std::string Format(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return std::signbit(value) ? "-Infinity" : "Infinity";
  char buf[64];
  // absl::StrCat(float|double) is "%g" with six significant digits.
  const double wide = static_cast<double>(value);
  char* end = std::to_chars(buf, buf + sizeof(buf), wide, std::chars_format::general, 6).ptr;
  if (ParseBack<T>(buf, end) != value) {
    end = std::to_chars(buf, buf + sizeof(buf), wide, std::chars_format::general,
                        std::numeric_limits<T>::max_digits10)
              .ptr;
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
