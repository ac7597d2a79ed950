// AsString's printf formats and attr checks, against the texts TensorFlow's kernel produces.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

AttrMap Fmt(std::int64_t precision, bool scientific, bool shortest, std::int64_t width,
            const std::string& fill) {
  return Attrs({{"precision", AttrValue::Int(precision)},
                {"scientific", AttrValue::Bool(scientific)},
                {"shortest", AttrValue::Bool(shortest)},
                {"width", AttrValue::Int(width)},
                {"fill", AttrValue::Str(fill)}});
}

std::vector<std::string> AsStr(OpRunner& r, Tensor in, AttrMap attrs = {}) {
  return Values<std::string>(r.One("AsString", {std::move(in)}, std::move(attrs)));
}

}  // namespace

TEST_SUITE("as_string ops") {
  TEST_CASE("integers, bools and strings") {
    OpRunner r;
    CHECK(AsStr(r, I32({-42, 0, 42}, {3})) == std::vector<std::string>{"-42", "0", "42"});
    CHECK(AsStr(r, I64({-9223372036854775807LL, 7}, {2})) ==
          std::vector<std::string>{"-9223372036854775807", "7"});
    CHECK(AsStr(r, I64({-42, 0, 42}, {3}), Fmt(-1, false, false, 4, " ")) ==
          std::vector<std::string>{" -42", "   0", "  42"});
    CHECK(AsStr(r, I64({-42, 0, 42}, {3}), Fmt(-1, false, false, 4, "-")) ==
          std::vector<std::string>{"-42 ", "0   ", "42  "});
    CHECK(AsStr(r, I32({-42, 7}, {2}), Fmt(-1, false, false, 5, "0")) ==
          std::vector<std::string>{"-0042", "00007"});
    CHECK(AsStr(r, I32({5}, {1}), Fmt(-1, false, false, -1, "+")) ==
          std::vector<std::string>{"+5"});
    CHECK(AsStr(r, B({true, false}, {2}), Fmt(-1, false, false, 8, " ")) ==
          std::vector<std::string>{"true", "false"});
    CHECK(AsStr(r, S({"ab"}, {1})) == std::vector<std::string>{"ab"});
    CHECK(AsStr(r, S({"ab"}, {1}), Fmt(-1, false, false, 4, "")) ==
          std::vector<std::string>{"  ab"});
    Tensor u8(DataType::kUint8, {1});
    u8.flat<std::uint8_t>()[0] = 200;
    CHECK(AsStr(r, u8) == std::vector<std::string>{"200"});
  }

  TEST_CASE("floats: fixed, precision, scientific, shortest") {
    OpRunner r;
    Tensor x = F({3.14159f, -0.5f, 100.0f}, {3});
    CHECK(AsStr(r, x) == std::vector<std::string>{"3.141590", "-0.500000", "100.000000"});
    CHECK(AsStr(r, x, Fmt(2, false, false, -1, "")) ==
          std::vector<std::string>{"3.14", "-0.50", "100.00"});
    CHECK(AsStr(r, x, Fmt(-1, true, false, -1, "")) ==
          std::vector<std::string>{"3.141590e+00", "-5.000000e-01", "1.000000e+02"});
    CHECK(AsStr(r, x, Fmt(-1, false, true, -1, "")) ==
          std::vector<std::string>{"3.14159", "-0.5", "100"});
    CHECK(AsStr(r, x, Fmt(1, false, false, 8, "0")) ==
          std::vector<std::string>{"000003.1", "-00000.5", "000100.0"});
    Tensor d(DataType::kDouble, {1});
    d.flat<double>()[0] = 0.1;
    CHECK(AsStr(r, d, Fmt(17, false, true, -1, "")) ==
          std::vector<std::string>{"0.10000000000000001"});
  }

  TEST_CASE("TensorFlow's attr errors") {
    OpRunner r;
    CHECK(r.Error("AsString", {I32({1}, {1})}, Fmt(2, false, false, -1, "")) ==
          "precision not supported for datatype int32");
    CHECK(r.Error("AsString", {I64({1}, {1})}, Fmt(-1, true, false, -1, "")) ==
          "scientific and shortest format not supported for datatype int64");
    CHECK(r.Error("AsString", {F({1}, {1})}, Fmt(-1, true, true, -1, "")) ==
          "Cannot select both scientific and shortest notation");
    CHECK(r.Error("AsString", {F({1}, {1})}, Fmt(-1, false, false, 3, "ab")) ==
          "Fill string must be one or fewer characters");
    CHECK(r.Error("AsString", {I32({1}, {1})}, Fmt(-1, false, false, 3, "s")) ==
          "Fill argument not supported: \"s\"");
  }
}

}  // namespace tfsk::serving
