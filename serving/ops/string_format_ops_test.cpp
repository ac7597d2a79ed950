// StringFormat and the tensor summary behind it (the examples of tf.strings.format's
// documentation, nesting, strings, floats, bools, scalars, summarize -1), PrintV2 through the
// print sink, and Timestamp.

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "serving/ops/op_test_util.h"
#include "serving/ops/print_sink.h"
#include "serving/ops/tensor_summary.h"

namespace tfsk::serving {
using namespace testing;

namespace {

Tensor Range(std::int32_t n, Shape shape) {
  std::vector<std::int32_t> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), 0);
  return I32(v, std::move(shape));
}

std::string Format(OpRunner& r, const std::string& tmpl, std::vector<Tensor> inputs,
                   std::int64_t summarize = 3) {
  Tensor out = r.One("StringFormat", std::move(inputs),
                     Attrs({{"template", AttrValue::Str(tmpl)},
                            {"placeholder", AttrValue::Str("{}")},
                            {"summarize", AttrValue::Int(summarize)}}));
  REQUIRE(out.rank() == 0);
  return out.flat<std::string>()[0];
}

/// Captures what PrintV2 writes while alive.
struct CapturePrints {
  std::string text;
  ops::PrintSink previous;
  CapturePrints() {
    previous = ops::ReplacePrintSink([this](std::string_view s) { text += s; });
  }
  ~CapturePrints() { ops::ReplacePrintSink(std::move(previous)); }
};

}  // namespace

TEST_SUITE("string format ops") {
  TEST_CASE("StringFormat: the examples of tf.strings.format's documentation") {
    OpRunner r;
    CHECK(Format(r, "tensor: {}, suffix", {Range(10, {10})}) ==
          "tensor: [0 1 2 ... 7 8 9], suffix");
    CHECK(Format(r, "{}", {Range(100, {10, 10})}) ==
          "[[0 1 2 ... 7 8 9]\n"
          " [10 11 12 ... 17 18 19]\n"
          " [20 21 22 ... 27 28 29]\n"
          " ...\n"
          " [70 71 72 ... 77 78 79]\n"
          " [80 81 82 ... 87 88 89]\n"
          " [90 91 92 ... 97 98 99]]");
    CHECK(Format(r, "{}", {Range(100, {10, 10})}, 2) ==
          "[[0 1 ... 8 9]\n [10 11 ... 18 19]\n ...\n [80 81 ... 88 89]\n [90 91 ... 98 99]]");
  }

  TEST_CASE("Summaries: nesting, strings, floats, bools, scalars, everything with -1") {
    using ops::SummarizeTensor;
    CHECK(SummarizeTensor(Range(8, {2, 2, 2}), 3) == "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
    CHECK(SummarizeTensor(Range(10, {10}), -1) == "[0 1 2 3 4 5 6 7 8 9]");
    CHECK(SummarizeTensor(Range(5, {5}), 3) == "[0 1 2 3 4]");
    CHECK(SummarizeTensor(S({"a", "it's \"x\"\n", "caf\xC3\xA9", std::string("\x01", 1)}, {4}),
                          -1) == "[\"a\" \"it\\'s \\\"x\\\"\\n\" \"caf\xC3\xA9\" \"\\001\"]");
    CHECK(SummarizeTensor(S({"hi"}, {}), 3) == "\"hi\"");
    CHECK(SummarizeTensor(F({1.5f, 0.1f, 1.f / 3, 1e20f, -0.f}, {5}), -1) ==
          "[1.5 0.1 0.333333343 1e+20 -0]");
    CHECK(SummarizeTensor(Tensor::Scalar<double>(0.1), 3) == "0.1");
    CHECK(SummarizeTensor(Tensor::Scalar<double>(1.0 / 3), 3) == "0.33333333333333331");
    CHECK(SummarizeTensor(
              F({std::numeric_limits<float>::quiet_NaN(), -std::numeric_limits<float>::infinity()},
                {2}),
              3) == "[nan -inf]");
    CHECK(SummarizeTensor(B({true, false}, {2}), 3) == "[1 0]");
    CHECK(SummarizeTensor(T_<std::int8_t>({-5, 7}, {2}), 3) == "[-5 7]");
    CHECK(SummarizeTensor(Tensor(DataType::kFloat, {0}), 3) == "[]");
    CHECK(SummarizeTensor(Tensor::Scalar<std::int64_t>(42), 3) == "42");
  }

  TEST_CASE("StringFormat with several inputs, no inputs, and a placeholder count mismatch") {
    OpRunner r;
    CHECK(Format(r, "x={} y={}", {Range(2, {2}), S({"b"}, {})}) == "x=[0 1] y=\"b\"");
    CHECK(Format(r, "no placeholders", {}) == "no placeholders");
    // The default placeholder is "%s" and the default template "%s".
    CHECK(r.One("StringFormat", {Range(3, {3})}).flat<std::string>()[0] == "[0 1 2]");
    CHECK(r.Error("StringFormat", {Range(2, {2})},
                  Attrs({{"template", AttrValue::Str("{} and {}")},
                         {"placeholder", AttrValue::Str("{}")}})) ==
          "num placeholders in template and num inputs must match: 2 vs. 1");
  }

  TEST_CASE("PrintV2 writes the message and `end` to the print sink") {
    OpRunner r;
    CapturePrints capture;
    auto out =
        r.Run("PrintV2", {S({"loss: [1 2]"}, {})},
              Attrs({{"output_stream", AttrValue::Str("stderr")}, {"end", AttrValue::Str("\n")}}));
    REQUIRE(out.ok());
    CHECK(out->empty());
    REQUIRE(
        r.Run("PrintV2", {S({"a"}, {})},
              Attrs({{"output_stream", AttrValue::Str("log(info)")}, {"end", AttrValue::Str("|")}}))
            .ok());
    CHECK(capture.text == "loss: [1 2]\na|");
    CHECK(
        r.Error("PrintV2", {S({"a"}, {})}, Attrs({{"output_stream", AttrValue::Str("stdlog")}})) ==
        "Unknown output stream: stdlog, Valid streams are: stdout stderr log(info) "
        "log(warning) log(error)");
    CHECK(r.Error("PrintV2", {S({"a", "b"}, {2})}) ==
          "Input is expected to be scalar, but got [2]");
    auto file = r.Run("PrintV2", {S({"a"}, {})},
                      Attrs({{"output_stream", AttrValue::Str("file:///tmp/x")}}));
    REQUIRE_FALSE(file.ok());
    CHECK(file.status().code() == Code::kUnimplemented);
    CHECK(capture.text == "loss: [1 2]\na|");  // failures print nothing
  }

  TEST_CASE("Timestamp is the wall clock in seconds") {
    OpRunner r;
    const double before =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    Tensor t = r.One("Timestamp", {});
    const double after =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    REQUIRE(t.dtype() == DataType::kDouble);
    CHECK(t.rank() == 0);
    // Microsecond resolution: within the two readings, allowing for the truncation.
    CHECK(t.flat<double>()[0] >= before - 1e-6);
    CHECK(t.flat<double>()[0] <= after + 1e-6);
  }
}

}  // namespace tfsk::serving
