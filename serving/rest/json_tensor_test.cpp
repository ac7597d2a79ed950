#include "serving/rest/json_tensor.h"

#include <doctest/doctest.h>

#include <cmath>
#include <random>

namespace tfsk::serving::rest {
namespace {

constexpr int kFloat = 1, kDouble = 2, kInt32 = 3, kUint8 = 4, kString = 7, kComplex64 = 8,
              kInt64 = 9, kBool = 10, kHalf = 19, kUint32 = 22, kUint64 = 23, kFloatRef = 101;

// A signature's inputs written as alias -> dtype (the converter reads nothing else).
using InputDtypes = std::map<std::string, int>;

StatusOr<PredictInput> Parse(std::string_view body, const InputDtypes& dtypes) {
  SignatureInputs inputs;
  for (const auto& [alias, dtype] : dtypes) inputs[alias].dtype = dtype;
  return ParsePredictRequest(
      body, [&inputs](const std::string&) -> StatusOr<const SignatureInputs*> { return &inputs; });
}

TEST_CASE("Row format batches instances") {
  auto r = Parse(R"({"instances": [[1, 2], [3, 4.5]]})", {{"x", kFloat}});
  REQUIRE(r.ok());
  CHECK(r->format == RequestFormat::kRow);
  const Tensor& x = r->inputs.at("x");
  CHECK(x.shape() == Shape{2, 2});
  CHECK(x.flat<float>()[3] == 4.5f);

  auto named = Parse(R"({"signature_name": "s", "instances": [{"a": 1, "b": "u"}, {"a": 2, "b": {"b64": "aGk="}}]})",
                     {{"a", kInt64}, {"b", kString}});
  REQUIRE(named.ok());
  CHECK(named->signature_name == "s");
  CHECK(named->inputs.at("a").shape() == Shape{2});
  CHECK(named->inputs.at("a").flat<std::int64_t>()[1] == 2);
  CHECK(named->inputs.at("b").flat<std::string>()[1] == "hi");

  // Keys in any order; of duplicate keys the first wins (rapidjson's FindMember).
  auto reordered = Parse(R"({"instances": [{"a": 1, "b": 2, "a": 9}, {"b": 4, "a": 3}]})",
                         {{"a", kInt64}, {"b", kInt64}});
  REQUIRE(reordered.ok());
  CHECK(reordered->inputs.at("a").flat<std::int64_t>()[0] == 1);
  CHECK(reordered->inputs.at("a").flat<std::int64_t>()[1] == 3);
  CHECK(reordered->inputs.at("b").flat<std::int64_t>()[1] == 4);

  auto b64 = Parse(R"({"instances": [{"b64": "aGk="}]})", {{"s", kString}});
  REQUIRE(b64.ok());
  CHECK(b64->inputs.at("s").shape() == Shape{1});
  CHECK(b64->inputs.at("s").flat<std::string>()[0] == "hi");
}

TEST_CASE("Columnar format keeps each value's own shape") {
  auto r = Parse(R"({"inputs": {"a": 2.5, "b": [[true], [false]], "extra": 1}})",
                 {{"a", kDouble}, {"b", kBool}});
  REQUIRE(r.ok());
  CHECK(r->format == RequestFormat::kColumnar);
  CHECK(r->inputs.at("a").rank() == 0);
  CHECK(r->inputs.at("a").flat<double>()[0] == 2.5);
  CHECK(r->inputs.at("b").shape() == Shape{2, 1});
  CHECK(r->inputs.count("extra") == 0);

  auto plain = Parse(R"({"inputs": [1, 2, 3]})", {{"x", kUint8}});
  REQUIRE(plain.ok());
  CHECK(plain->inputs.at("x").flat<std::uint8_t>()[2] == 3);

  auto scalar_b64 = Parse(R"({"inputs": {"b64": "aGk="}})", {{"x", kString}});
  REQUIRE(scalar_b64.ok());
  CHECK(scalar_b64->inputs.at("x").rank() == 0);
}

TEST_CASE("Value conversion by dtype") {
  auto f = Parse(R"({"inputs": [1e39, 1435774380, NaN, -Infinity]})", {{"x", kFloat}});
  REQUIRE(f.ok());
  auto v = f->inputs.at("x").flat<float>();
  CHECK(std::isinf(v[0]));
  CHECK(v[1] == 1435774336.0f);
  CHECK(std::isnan(v[2]));
  CHECK(v[3] == -INFINITY);
  auto u = Parse(R"({"inputs": [0, 4294967295]})", {{"x", kUint32}});
  REQUIRE(u.ok());
  CHECK(u->inputs.at("x").flat<std::uint32_t>()[1] == 4294967295u);
  auto u64 = Parse(R"({"inputs": [18446744073709551615]})", {{"x", kUint64}});
  REQUIRE(u64.ok());
  CHECK(u64->inputs.at("x").flat<std::uint64_t>()[0] == 18446744073709551615ull);
  auto empty = Parse(R"({"inputs": []})", {{"x", kFloat}});
  REQUIRE(empty.ok());
  CHECK(empty->inputs.at("x").shape() == Shape{0});
}

TEST_CASE("Every predict rejection carries TF Serving's message") {
  struct Case {
    std::string_view body;
    InputDtypes dtypes;
    Code code;
    std::string message;
  };
  const InputDtypes one{{"x", kFloat}};
  const InputDtypes two{{"a", kFloat}, {"b", kFloat}};
  const Case cases[] = {
      {"", one, Code::kInvalidArgument, "JSON Parse error: The document is empty"},
      {"[1]", one, Code::kInvalidArgument, "JSON Value: [1] Is not object"},
      {R"({"signature_name": 1})", one, Code::kInvalidArgument,
       "JSON Value: {\n    \"signature_name\": 1\n} not formatted correctly. 'signature_name' key "
       "must be a string value."},
      {R"({"x": 1})", {}, Code::kInvalidArgument, "Failed to get input map for signature: DEFAULT"},
      {R"({"signature_name": "s"})",
       {},
       Code::kInvalidArgument,
       "Failed to get input map for signature: s"},
      {R"({"instances": [1], "inputs": [1]})", one, Code::kInvalidArgument,
       "JSON Value: {\n    \"instances\": [1],\n    \"inputs\": [1]\n} Not formatted correctly "
       "expecting only one of 'inputs' or 'instances' keys to exist "},
      {R"({"x": 1})", one, Code::kInvalidArgument, "Missing 'inputs' or 'instances' key"},
      {R"({"instances": 1})", one, Code::kInvalidArgument,
       "JSON Value: {\n    \"instances\": 1\n} Expecting 'instances' to be an list/array"},
      {R"({"instances": []})", one, Code::kInvalidArgument,
       "JSON Value: {\n    \"instances\": []\n} No values in 'instances' array"},
      {R"({"instances": [1]})", two, Code::kInvalidArgument,
       "instances is a plain list, but expecting list of objects as multiple input tensors "
       "required as per tensorinfo_map"},
      {R"({"instances": [1, {"x": 1}]})", one, Code::kInvalidArgument,
       "Expecting value/list but got object at item 1 of input list"},
      {R"({"instances": [{"a": 1, "b": 2}, [1]]})", two, Code::kInvalidArgument,
       "Expecting object but got list at item 1 of input list"},
      {R"({"instances": [{"a": 1, "c": 2}]})", two, Code::kInvalidArgument,
       "Failed to process element: 0 key: c of 'instances' list. Error: INVALID_ARGUMENT: JSON "
       "object: does not have named input: c"},
      {R"({"instances": [{"a": 1}]})", two, Code::kInvalidArgument,
       "Failed to process element: 0 of 'instances' list. JSON object: {\n    \"a\": 1\n} keys "
       "must be equal to: a,b"},
      {R"({"instances": [{"a": 1, "b": 2}, {"b": 3}]})", two, Code::kInvalidArgument,
       "Failed to process element: 1 of 'instances' list. JSON object: {\n    \"b\": 3\n} keys "
       "must be equal to: a,b"},
      {R"({"instances": [{"a": 1, "a": 2}]})", two, Code::kInvalidArgument,
       "Failed to process element: 0 of 'instances' list. JSON object: {\n    \"a\": 1\n} keys "
       "must be equal to: a,b"},
      {R"({"instances": [[1, 2, 3, 4], 5, 6, 7, 8]})", one, Code::kInvalidArgument,
       "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: Expecting "
       "tensor size: 4 but got: 1"},
      {R"({"instances": [[1, 2], [3]]})", one, Code::kInvalidArgument,
       "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: Expecting "
       "tensor size: 2 but got: 1"},
      {R"({"instances": [[[1, 2]], [[1], [2]]]})", one, Code::kInvalidArgument,
       "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: Expecting "
       "shape [1,2] but got: [2,1]"},
      {R"({"instances": [[1, [2]]]})", one, Code::kInvalidArgument,
       "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: Encountered "
       "list at unexpected level: 1 expected < 1"},
      {R"({"instances": [[[1], 2]]})", one, Code::kInvalidArgument,
       "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
       "2 found at incorrect level: 2 in the JSON DOM. Expected at level: 2"},
      {R"({"inputs": [[1, 2], [3]]})", one, Code::kInvalidArgument,
       "Encountered list at unexpected size: 1 at level: 1 expected size: 2"},
      {R"({"inputs": ["x"]})", one, Code::kInvalidArgument,
       "JSON Value: \"x\" Type: String is not of expected type: float"},
      {R"({"inputs": [1.0]})",
       {{"x", kInt32}},
       Code::kInvalidArgument,
       "JSON Value: 1.0 Type: Number is not of expected type: int32"},
      {R"({"inputs": [2147483648]})",
       {{"x", kInt32}},
       Code::kInvalidArgument,
       "JSON Value: 2147483648 Type: Number is not of expected type: int32"},
      {R"({"inputs": [9223372036854775808]})",
       {{"x", kInt64}},
       Code::kInvalidArgument,
       "JSON Value: 9223372036854775808 Type: Number is not of expected type: int64"},
      {R"({"inputs": [-1]})",
       {{"x", kUint32}},
       Code::kInvalidArgument,
       "JSON Value: -1 Type: Number is not of expected type: uint32"},
      {R"({"inputs": [1]})",
       {{"x", kBool}},
       Code::kInvalidArgument,
       "JSON Value: 1 Type: Number is not of expected type: bool"},
      {R"({"inputs": [null]})", one, Code::kInvalidArgument,
       "JSON Value: null Type: Null is not of expected type: float"},
      {R"({"inputs": [true]})", one, Code::kInvalidArgument,
       "JSON Value: true Type: True is not of expected type: float"},
      {R"({"inputs": [{"b64": "aGk="}]})", one, Code::kInvalidArgument,
       "JSON Value: {\n    \"b64\": \"aGk=\"\n} Type: Object is not of expected type: float"},
      {R"({"inputs": [{"b64": "!!"}]})",
       {{"x", kString}},
       Code::kInvalidArgument,
       "Unable to base64 decode"},
      {R"({"inputs": [{"b64": 1}]})",
       {{"x", kString}},
       Code::kInvalidArgument,
       "JSON Value: {\n    \"b64\": 1\n} not formatted correctly for base64 data"},
      {R"({"inputs": [1]})",
       {{"x", kHalf}},
       Code::kUnimplemented,
       "Conversion of JSON Value: 1 to type: half"},
      {R"({"inputs": [1]})",
       {{"x", kComplex64}},
       Code::kUnimplemented,
       "Conversion of JSON Value: 1 to type: complex64"},
      {R"({"inputs": [1.5]})",
       {{"x", kFloatRef}},
       Code::kUnimplemented,
       "Conversion of JSON Value: 1.5 to type: float_ref"},
      {R"({"inputs": [1]})", two, Code::kInvalidArgument,
       "inputs is a plain value/list, but expecting an object as multiple input tensors "
       "required as per tensorinfo_map"},
      {R"({"inputs": {"b": 1}})", two, Code::kInvalidArgument,
       "Missing named input: a in 'inputs' object."},
      {R"({"instances": [[1], ["x"]]})", one, Code::kInvalidArgument,
       "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
       "\"x\" Type: String is not of expected type: float"},
      {R"({"instances": [1]})",
       {{"x", kHalf}},
       Code::kInvalidArgument,
       "Failed to process element: 0 of 'instances' list. Error: UNIMPLEMENTED: Conversion of "
       "JSON Value: 1 to type: half"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto r = Parse(c.body, c.dtypes);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == c.code);
    CHECK(r.status().message() == c.message);
  }
}

TEST_CASE("A lopsided first instance does not size the batch's buffers") {
  // The first instance's first elements are each lists of 1000, five levels deep: its apparent
  // shape holds 1e15 values, but the body has a few thousand. The error must come back as
  // usual (reserving for the apparent batch would throw std::bad_alloc instead).
  std::string nested = "1";
  for (int level = 0; level < 5; ++level) {
    std::string list = "[" + nested;
    for (int k = 1; k < 1000; ++k) list += ",1";
    nested = list + "]";
  }
  auto r = Parse(R"({"instances": [)" + nested + "]}", {{"x", kFloat}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
        "1 found at incorrect level: 5 in the JSON DOM. Expected at level: 5");
}

TEST_CASE("Lookup errors win over tensor errors but lose to JSON errors") {
  auto lookup = [](const std::string& sig) -> StatusOr<const SignatureInputs*> {
    return NotFound("no model for " + sig);
  };
  auto r = ParsePredictRequest(R"({"signature_name": "q", "instances": "bad"})", lookup);
  CHECK(r.status().message() == "no model for q");
  auto p = ParsePredictRequest("{", lookup);
  CHECK(p.status().message() ==
        "JSON Parse error: Missing a name for object member. at offset: 1");
}

Tensor F(std::vector<float> v, Shape s) { return Tensor::FromVector(v, std::move(s)).value(); }

TEST_CASE("Predict responses: layouts of row and columnar formats") {
  const Tensor y = F({2.5f, 3.0f, 3.5f}, {3});
  CHECK(MakePredictResponse({{"y", y}}, RequestFormat::kRow).value() ==
        "{\n    \"predictions\": [2.5, 3.0, 3.5\n    ]\n}");
  CHECK(MakePredictResponse({{"y", y}}, RequestFormat::kColumnar).value() ==
        "{\n    \"outputs\": [\n        2.5,\n        3.0,\n        3.5\n    ]\n}");
  const Tensor m = F({2.5f, 3.0f, 3.5f, 4.0f}, {2, 2});
  CHECK(MakePredictResponse({{"y", m}}, RequestFormat::kRow).value() ==
        "{\n    \"predictions\": [[2.5, 3.0], [3.5, 4.0]\n    ]\n}");
  CHECK(MakePredictResponse({{"y", Tensor::Scalar(2.5f)}}, RequestFormat::kColumnar).value() ==
        "{\n    \"outputs\": 2.5\n}");
  CHECK(MakePredictResponse({{"y", F({}, {0})}}, RequestFormat::kRow).value() ==
        "{\n    \"predictions\": []\n}");

  const Tensor ints = Tensor::FromVector<std::int64_t>({1, -2}, {2}).value();
  const Tensor strs = Tensor::FromVector<std::string>({"a", "\x01\x02"}, {2}).value();
  const std::map<std::string, Tensor> several{{"i", ints}, {"s_bytes", strs}};
  CHECK(MakePredictResponse(several, RequestFormat::kRow).value() ==
        "{\n    \"predictions\": [\n        {\n            \"i\": 1,\n            \"s_bytes\": {\n"
        "                \"b64\": \"YQ==\"\n            }\n        },\n        {\n"
        "            \"i\": -2,\n            \"s_bytes\": {\n                \"b64\": \"AQI=\"\n"
        "            }\n        }\n    ]\n}");
  CHECK(MakePredictResponse(several, RequestFormat::kColumnar).value() ==
        "{\n    \"outputs\": {\n        \"i\": [\n            1,\n            -2\n        ],\n"
        "        \"s_bytes\": [\n            {\n                \"b64\": \"YQ==\"\n            },\n"
        "            {\n                \"b64\": \"AQI=\"\n            }\n        ]\n    }\n}");
  const Tensor b = Tensor::FromVector<bool>({true, false}, {2}).value();
  const Tensor u = Tensor::FromVector<std::uint64_t>({18446744073709551615ull, 0}, {2}).value();
  const Tensor s = Tensor::FromVector<std::string>({"q\"", "z"}, {2}).value();
  const Tensor d = Tensor::FromVector<double>({1.0 / 3.0, NAN}, {2}).value();
  CHECK(MakePredictResponse({{"b", b}, {"d", d}, {"s", s}, {"u", u}}, RequestFormat::kRow).value() ==
        "{\n    \"predictions\": [\n        {\n            \"b\": true,\n"
        "            \"d\": 0.33333333333333331,\n            \"s\": \"q\\\"\",\n"
        "            \"u\": 18446744073709551615\n        },\n        {\n            \"b\": false,\n"
        "            \"d\": NaN,\n            \"s\": \"z\",\n            \"u\": 0\n        }\n    ]\n}");
}

TEST_CASE("Predict responses: the direct writer for one dense float output matches the general one") {
  // Random float and double outputs of rank 1 and 2, with the values float_format treats
  // specially mixed in; every answer must equal PrettyJsonWriter's byte for byte.
  std::mt19937 rng(28112026);
  const std::vector<double> special = {0.0, -0.0, 1.0, -2.5, 1e-45, 3.4e38, 1e300, 1e-320,
                                       NAN, INFINITY, -INFINITY, 0.1, 1.0 / 3.0, 123456789.0};
  int direct = 0;
  for (int round = 0; round < 400; ++round) {
    const int rank = std::uniform_int_distribution<int>(1, 2)(rng);
    Shape shape{std::uniform_int_distribution<std::int64_t>(0, 4)(rng)};
    if (rank == 2) shape.push_back(std::uniform_int_distribution<std::int64_t>(0, 3)(rng));
    const auto n = static_cast<std::size_t>(NumElements(shape));
    std::vector<double> values(n);
    for (double& v : values) {
      v = std::uniform_int_distribution<int>(0, 3)(rng) == 0
              ? special[std::uniform_int_distribution<std::size_t>(0, special.size() - 1)(rng)]
              : std::normal_distribution<double>(0, 1000)(rng);
    }
    const bool as_double = round % 2 == 1;
    const Tensor t =
        as_double ? Tensor::FromVector<double>(values, shape).value()
                  : Tensor::FromVector<float>(std::vector<float>(values.begin(), values.end()),
                                              shape)
                        .value();
    const std::map<std::string, Tensor> outputs{{"y", t}};
    CAPTURE(ShapeString(shape));
    CAPTURE(as_double);
    const auto fast = MakePredictResponse(outputs, RequestFormat::kRow);
    const auto general = MakePredictResponseGeneral(outputs, RequestFormat::kRow);
    REQUIRE(fast.ok() == general.ok());
    if (fast.ok()) CHECK(*fast == *general);
    if (n > 0) ++direct;
  }
  CHECK(direct > 200);  // the generator reaches the direct writer (coverage, not speed)
}

TEST_CASE("Predict response rejections") {
  CHECK(MakePredictResponse({}, RequestFormat::kRow).status().message() ==
        "Cannot convert empty tensor map to JSON");
  CHECK(MakePredictResponse({{"y", Tensor::Scalar(1.0f)}}, RequestFormat::kRow).status().message() ==
        "Tensor name: y has no shape information ");
  CHECK(MakePredictResponse({{"a", F({1, 2}, {2})}, {"b", F({1}, {1})}}, RequestFormat::kRow)
            .status()
            .message() == "Tensor name: b has inconsistent batch size: 1 expecting: 2");
  const Tensor u16 = Tensor::FromVector<std::uint16_t>({1}, {1}).value();
  const auto r = MakePredictResponse({{"y", u16}}, RequestFormat::kColumnar);
  CHECK(r.status().code() == Code::kInvalidArgument);
  CHECK(r.status().message() == "Failed to write JSON value for tensor type: uint16");
}

}  // namespace
}  // namespace tfsk::serving::rest
