#include "serving/rest/float_format.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

namespace tfsk::serving::rest {
namespace {

TEST_CASE("FormatFloat reproduces every example of the spec table") {
  struct Case {
    float value;
    const char* text;
  };
  const Case cases[] = {
      {2.5f, "2.5"},
      {3.0f, "3.0"},
      {42.0f, "42.0"},
      {0.1f, "0.1"},
      {1.0f / 3.0f, "0.333333343"},
      {999999.0f, "999999.0"},
      {1000000.0f, "1e+06"},
      {1000002.0f, "1000002.0"},
      {9000000.0f, "9e+06"},
      {8388610.0f, "8.38861e+06"},
      {0.00003f, "3e-05"},
      {1.7e38f, "1.7e+38"},
      {0.0003f, "0.0003"},
      {555558.0f, "555558.0"},
      {555557.5f, "555557.5"},
      {13.0f / 6.0f, "2.16666675"},
      {0.0f, "0.0"},
      {-0.0f, "-0.0"},
      {-3.5f, "-3.5"},
      {1435774380.0f, "1.43577434e+09"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(FormatFloat(c.value) == c.text);
  }
}

TEST_CASE("FormatFloat and FormatDouble print non-finite values as bare tokens") {
  CHECK(FormatFloat(std::numeric_limits<float>::quiet_NaN()) == "NaN");
  CHECK(FormatFloat(std::numeric_limits<float>::infinity()) == "Infinity");
  CHECK(FormatFloat(-std::numeric_limits<float>::infinity()) == "-Infinity");
  CHECK(FormatDouble(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(FormatDouble(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("FormatDouble uses 17 digits when 6 do not round-trip") {
  CHECK(FormatDouble(0.1) == "0.1");
  CHECK(FormatDouble(1.0 / 3.0) == "0.33333333333333331");
  CHECK(FormatDouble(3.0) == "3.0");
  CHECK(FormatDouble(1e6) == "1e+06");
  CHECK(FormatDouble(-0.0) == "-0.0");
}

// The definition FormatFloat/FormatDouble implemented before the shortest-digits fast path,
// with printf itself: "%g", then max_digits10 digits when that does not round-trip.
template <typename T>
std::string PrintfReference(T value) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%g", static_cast<double>(value));
  const T back = sizeof(T) == sizeof(float) ? static_cast<T>(std::strtof(buf, nullptr))
                                            : static_cast<T>(std::strtod(buf, nullptr));
  if (back != value) {
    std::snprintf(buf, sizeof(buf), "%.*g", std::numeric_limits<T>::max_digits10,
                  static_cast<double>(value));
  }
  std::string text(buf);
  if (text.find('.') == std::string::npos && text.find('e') == std::string::npos) text += ".0";
  return text;
}

TEST_CASE("FormatFloat and FormatDouble match printf's %g on random bit patterns and edges") {
  std::mt19937_64 rng(20261128);
  int checked = 0;
  auto check_float = [&](float f) {
    if (std::isnan(f) || std::isinf(f)) return;
    CAPTURE(f);
    REQUIRE(FormatFloat(f) == PrintfReference(f));
    ++checked;
  };
  auto check_double = [&](double d) {
    if (std::isnan(d) || std::isinf(d)) return;
    CAPTURE(d);
    REQUIRE(FormatDouble(d) == PrintfReference(d));
    ++checked;
  };
  for (int k = 0; k < 200000; ++k) {
    const std::uint64_t bits = rng();
    float f;
    const auto low = static_cast<std::uint32_t>(bits);
    std::memcpy(&f, &low, sizeof(f));
    check_float(f);
    double d;
    std::memcpy(&d, &bits, sizeof(d));
    check_double(d);
    // Short decimals (k/100 and k/8 scaled) are what answers usually hold.
    check_float(static_cast<float>(k % 20000) / 100.0f * (k % 2 ? 1.0f : -1.0f));
    check_float(std::ldexp(static_cast<float>(k % 4096), k % 60 - 30));
    check_double(static_cast<double>(k) / 1000.0);
    // Exact decimals (integers times powers of two or of ten): FormatFloat's fast path.
    check_float(static_cast<float>(k % 1000000) * std::ldexp(1.0f, k % 20 - 10));
    check_float(static_cast<float>(k % 1000) * std::pow(10.0f, static_cast<float>(k % 12)));
  }
  for (float f : {0.0f,
                  -0.0f,
                  std::numeric_limits<float>::min(),
                  std::numeric_limits<float>::denorm_min(),
                  std::numeric_limits<float>::max(),
                  -std::numeric_limits<float>::max(),
                  1e-5f,
                  1e-4f,
                  9.99999e-5f,
                  999999.5f,
                  999999.4f,
                  1e6f,
                  123456.0f,
                  1234567.0f,
                  0.000123456f,
                  1234565.0f,
                  1e15f,
                  999999e9f,
                  0.001953125f,
                  0.00390625f,
                  100000.5f}) {
    check_float(f);
  }
  for (double d : {std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
                   std::numeric_limits<double>::max(), 5e-324, 1e-5, 9.999995e-5, 999999.5}) {
    check_double(d);
  }
  CHECK(checked > 1300000);
}

}  // namespace
}  // namespace tfsk::serving::rest
