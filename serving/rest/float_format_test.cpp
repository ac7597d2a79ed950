#include "serving/rest/float_format.h"

#include <doctest/doctest.h>

#include <limits>

namespace tfsk::serving::rest {
namespace {

TEST_CASE("FormatFloat reproduces every example of the spec table") {
  struct Case {
    float value;
    const char* text;
  };
  const Case cases[] = {
      {2.5f, "2.5"},           {3.0f, "3.0"},          {42.0f, "42.0"},
      {0.1f, "0.1"},           {1.0f / 3.0f, "0.333333343"},
      {999999.0f, "999999.0"}, {1000000.0f, "1e+06"},  {1000002.0f, "1000002.0"},
      {9000000.0f, "9e+06"},   {8388610.0f, "8.38861e+06"},
      {0.00003f, "3e-05"},     {1.7e38f, "1.7e+38"},   {0.0003f, "0.0003"},
      {555558.0f, "555558.0"}, {555557.5f, "555557.5"}, {13.0f / 6.0f, "2.16666675"},
      {0.0f, "0.0"},           {-0.0f, "-0.0"},         {-3.5f, "-3.5"},
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

}  // namespace
}  // namespace tfsk::serving::rest
