// The fast path must be invisible: wherever it answers, the general reader gives the same
// request (bit for bit) or the same error; everything else it must decline.

#include "serving/rest/json_fast_predict.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace tfsk::serving::rest {
namespace {

struct Signatures {
  SignatureInputs one_float{{"x", TensorSpec{"x:0", static_cast<int>(DataType::kFloat), {}, true}}};
  SignatureInputs one_double{
      {"x", TensorSpec{"x:0", static_cast<int>(DataType::kDouble), {}, true}}};
  SignatureInputs one_int{{"x", TensorSpec{"x:0", static_cast<int>(DataType::kInt32), {}, true}}};
  SignatureInputs two{{"a", TensorSpec{"a:0", static_cast<int>(DataType::kFloat), {}, true}},
                      {"b", TensorSpec{"b:0", static_cast<int>(DataType::kFloat), {}, true}}};
  int calls = 0;

  SignatureInputsLookup Lookup() {
    return [this](const std::string& name) -> StatusOr<const SignatureInputs*> {
      ++calls;
      if (name.empty() || name == "serving_default") return &one_float;
      if (name == "d") return &one_double;
      if (name == "i") return &one_int;
      if (name == "two") return &two;
      return InvalidArgument("Serving signature name: \"" + name + "\" not found in signature def");
    };
  }
};

// Same signature name, format, aliases, dtypes, shapes and element bytes (NaN payloads too).
bool SameRequest(const PredictInput& a, const PredictInput& b) {
  if (a.signature_name != b.signature_name || a.format != b.format ||
      a.inputs.size() != b.inputs.size()) {
    return false;
  }
  for (auto ia = a.inputs.begin(), ib = b.inputs.begin(); ia != a.inputs.end(); ++ia, ++ib) {
    const Tensor& x = ia->second;
    const Tensor& y = ib->second;
    if (ia->first != ib->first || x.dtype() != y.dtype() || x.shape() != y.shape()) return false;
    const auto bx = x.bytes();
    const auto by = y.bytes();
    if (bx.size() != by.size() || std::memcmp(bx.data(), by.data(), bx.size()) != 0) return false;
  }
  return true;
}

// ParsePredictRequest (fast path first) and the general reader agree on `body`.
void CheckAgrees(const std::string& body) {
  Signatures sigs;
  CAPTURE(body);
  const auto lookup = sigs.Lookup();
  const auto both = ParsePredictRequest(body, lookup);
  const auto general = ParsePredictRequestGeneral(body, lookup);
  REQUIRE(both.ok() == general.ok());
  if (both.ok()) {
    CHECK(SameRequest(*both, *general));
  } else {
    CHECK(both.status() == general.status());
  }
}

// The fast path takes `body` and its answer matches the general reader's.
PredictInput Taken(const std::string& body) {
  Signatures sigs;
  CAPTURE(body);
  const auto fast = TryParseCommonPredict(body, sigs.Lookup());
  REQUIRE(fast.has_value());
  REQUIRE_MESSAGE(fast->ok(), fast->status().ToString());
  CHECK(sigs.calls == 1);
  const auto general = ParsePredictRequestGeneral(body, sigs.Lookup());
  REQUIRE_MESSAGE(general.ok(), general.status().ToString());
  CHECK(SameRequest(**fast, *general));
  return **fast;
}

void CheckDeclined(const std::string& body) {
  Signatures sigs;
  CAPTURE(body);
  CHECK_FALSE(TryParseCommonPredict(body, sigs.Lookup()).has_value());
  CheckAgrees(body);
}

}  // namespace

TEST_CASE("fast predict: common bodies give the general reader's tensors") {
  PredictInput in = Taken(R"({"instances": [1.0, 2.0, 5.0]})");
  CHECK(in.format == RequestFormat::kRow);
  CHECK(in.signature_name.empty());
  const Tensor& x = in.inputs.at("x");
  CHECK(x.dtype() == DataType::kFloat);
  CHECK(x.shape() == Shape{3});
  CHECK(x.flat<float>()[2] == 5.0f);

  in = Taken(" {\n\t\"signature_name\" : \"d\" ,\r\n \"instances\":[[1,2],[3,4],[5,6]] } ");
  CHECK(in.signature_name == "d");
  CHECK(in.inputs.at("x").dtype() == DataType::kDouble);
  CHECK(in.inputs.at("x").shape() == Shape{3, 2});

  CHECK(Taken(R"({"instances": [[[1], [2]], [[3], [4]]], "signature_name": "serving_default"})")
            .inputs.at("x")
            .shape() == Shape{2, 2, 1});
  // Number forms: rapidjson's conversion (not always correctly rounded) on both paths.
  Taken(R"({"instances": [0, -0, -0.0, 1e3, 1E-3, 2.5e+2, 123456789012, -9223372036854775808]})");
  Taken(R"({"instances": [18446744073709551615, 18446744073709551616, 1e308, 4.9e-324]})");
  Taken(R"({"instances": [0.1, 0.30000000000000004, 3.141592653589793238462643383279]})");
  Taken(R"({"instances": [NaN, Infinity, -Infinity, 1.7976931348623157e308]})");
  Taken(R"({"signature_name": "d", "instances": [0.1, 1e-310, 123.456e-7]})");
}

TEST_CASE("fast predict: everything else is declined and read by the general reader") {
  CheckDeclined(R"({"inputs": [1.0, 2.0]})");                    // columnar
  CheckDeclined(R"({"instances": [1.0], "extra": 1})");          // other keys
  CheckDeclined(R"({"instances": [1.0], "instances": [2.0]})");  // duplicate key
  CheckDeclined(R"({"instances": [1.0], "inputs": [1.0]})");     // both formats
  CheckDeclined(R"({"instances": []})");                         // empty
  CheckDeclined(R"({"instances": [[]]})");
  CheckDeclined(R"({"instances": [[1, 2], [3]]})");       // ragged
  CheckDeclined(R"({"instances": [[1, [2]], [3, 4]]})");  // mixed depth
  CheckDeclined(R"({"instances": [1, [2]]})");
  CheckDeclined(R"({"instances": [[1], 2]})");
  CheckDeclined(R"({"instances": ["a"]})");  // strings
  CheckDeclined(R"({"instances": [true]})");
  CheckDeclined(R"({"instances": [null]})");
  CheckDeclined(R"({"instances": [{"x": 1}]})");  // named instances
  CheckDeclined(R"({"instances": [{"b64": "AAAA"}]})");
  CheckDeclined(R"({"instances": 1})");
  CheckDeclined(R"({"signature_name": 7, "instances": [1]})");
  CheckDeclined(R"({"signature_name": "a\"b", "instances": [1]})");         // escapes
  CheckDeclined("{\"signature_name\": \"\xc3\xa9\", \"instances\": [1]}");  // non-ASCII
  CheckDeclined(R"({"signature_name": "two", "instances": [1]})");          // two inputs
  CheckDeclined(R"({"signature_name": "i", "instances": [1]})");            // int input
  CheckDeclined(R"({"instances": [1.0]} x)");                               // trailing bytes
  CheckDeclined(R"({"instances": [1.0,]})");
  CheckDeclined(R"({"instances": [01]})");
  CheckDeclined(R"({"instances": [1.]})");
  CheckDeclined(R"({"instances": [1e999]})");
  CheckDeclined(R"({"instances": [-]})");
  CheckDeclined(R"({"instances": [1.0])");
  CheckDeclined(R"([1.0])");
  CheckDeclined("");
  CheckDeclined(std::string(R"({"instances": )") + std::string(18, '[') + "1" +
                std::string(18, ']') + "}");  // instances of rank 17
}

TEST_CASE("fast predict: an unknown signature gets the general reader's error") {
  Signatures sigs;
  const std::string body = R"({"signature_name": "nope", "instances": [1.0]})";
  const auto fast = TryParseCommonPredict(body, sigs.Lookup());
  REQUIRE(fast.has_value());
  REQUIRE_FALSE(fast->ok());
  CHECK(fast->status() == ParsePredictRequestGeneral(body, sigs.Lookup()).status());
  CHECK(fast->status().message() == "Serving signature name: \"nope\" not found in signature def");
}

TEST_CASE("fast predict: random bodies near the common shape agree with the general reader") {
  // Bodies assembled from fragments that are mostly valid, so many reach deep into both
  // readers; a fixed seed keeps failures reproducible.
  std::mt19937 rng(20261128);
  const std::vector<std::string> numbers = {"1",   "-2.5", "0",          "1e2",       "3.25E-1",
                                            "NaN", "-0",   "4294967296", "-Infinity", "0.1"};
  const std::vector<std::string> others = {"7.",   "01", "1e", "\"s\"", "true",
                                           "null", "{}", "[]", "1e400", "-"};
  const std::vector<std::string> spaces = {"", " ", "\n", "\t ", "  \r\n"};
  const auto pick = [&rng](const std::vector<std::string>& v) -> const std::string& {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  const auto chance = [&rng](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
  };
  // A list of `depth` levels whose lengths follow `dims` (sometimes off by one: ragged).
  std::function<std::string(int, const std::vector<int>&)> list =
      [&](int level, const std::vector<int>& dims) -> std::string {
    if (level == static_cast<int>(dims.size())) {
      return chance(97) ? pick(numbers) : chance(50) ? pick(others) : "[1]";
    }
    int n = dims[static_cast<std::size_t>(level)];
    if (chance(5)) n = std::max(0, n - 1);
    std::string s = "[" + pick(spaces);
    for (int k = 0; k < n; ++k) {
      if (k > 0) s += "," + pick(spaces);
      s += list(level + 1, dims);
    }
    return s + pick(spaces) + "]";
  };
  int taken = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<int> dims(std::uniform_int_distribution<std::size_t>(0, 3)(rng));
    for (int& d : dims) d = std::uniform_int_distribution<int>(1, 3)(rng);
    std::vector<int> batch{std::uniform_int_distribution<int>(1, 4)(rng)};
    batch.insert(batch.end(), dims.begin(), dims.end());
    std::string body = "{" + pick(spaces);
    if (chance(30))
      body += "\"signature_name\":" + pick(spaces) + (chance(80) ? "\"d\"" : "\"two\"") + ",";
    body += pick(spaces) + "\"instances\"" + pick(spaces) + ":" + list(0, batch);
    if (chance(5)) body += ", \"extra\": 1";
    body += pick(spaces) + (chance(97) ? "}" : "");
    if (chance(3)) body.resize(body.size() / 2);  // truncated
    Signatures sigs;
    if (TryParseCommonPredict(body, sigs.Lookup()).has_value()) ++taken;
    CheckAgrees(body);
  }
  // The generator must exercise both sides (a coverage check, not a speed one).
  CHECK(taken > 500);
  CHECK(taken < 2900);
}

}  // namespace tfsk::serving::rest
