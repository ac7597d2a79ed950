#include "serving/rest/float_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace tfsk::serving::rest {
namespace {

template <typename T>
T ParseBack(const char* text) {
  if constexpr (sizeof(T) == sizeof(float)) {
    return std::strtof(text, nullptr);
  } else {
    return std::strtod(text, nullptr);
  }
}

template <typename T>
std::string Format(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return std::signbit(value) ? "-Infinity" : "Infinity";
  char buf[64];
  // absl::StrCat(float|double) is "%g" with six significant digits.
  std::snprintf(buf, sizeof(buf), "%g", static_cast<double>(value));
  if (ParseBack<T>(buf) != value) {
    std::snprintf(buf, sizeof(buf), "%.*g", std::numeric_limits<T>::max_digits10,
                  static_cast<double>(value));
  }
  std::string text(buf);
  if (text.find('.') == std::string::npos && text.find('e') == std::string::npos) {
    text += ".0";
  }
  return text;
}

}  // namespace

std::string FormatFloat(float value) { return Format(value); }
std::string FormatDouble(double value) { return Format(value); }

}  // namespace tfsk::serving::rest
