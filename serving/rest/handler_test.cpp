#include "serving/rest/handler.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "serving/rest/json_writer.h"
#include "tests/support/shared.h"

namespace tfsk::serving::rest {
namespace {

constexpr int kFloat = 1, kString = 7, kHalf = 19;

// y = 0.5 * x + 2 for every float input; examples -> scores/outputs [n, 1] of 3.0, 3.5, ...
class FakeServable : public Servable {
 public:
  explicit FakeServable(std::int64_t version) : version_(version) {
    const TensorSpec x{"x:0", kFloat, {-1, 1}, false};
    const TensorSpec y{"y:0", kFloat, {-1, 1}, false};
    const TensorSpec ex{"tf_example:0", kString, {}, true};
    sigs_["serving_default"] = {{{"x", x}}, {{"y", y}}, "tensorflow/serving/predict"};
    sigs_["two"] = {{{"a", x}, {"b", x}}, {{"y", y}, {"z", y}}, "tensorflow/serving/predict"};
    sigs_["half"] = {{{"h", TensorSpec{"h:0", kHalf, {-1}, false}}}, {{"y", y}}, ""};
    sigs_["no_inputs"] = {{}, {{"y", y}}, "tensorflow/serving/predict"};
    sigs_["classify_x_to_y"] = {{{"inputs", ex}}, {{"scores", y}}, "tensorflow/serving/classify"};
    sigs_["regress_x_to_y"] = {{{"inputs", ex}}, {{"outputs", y}}, "tensorflow/serving/regress"};
    sigs_["bad_regress"] = {{{"inputs", ex}}, {{"y", y}}, "tensorflow/serving/regress"};
    sigs_["fails"] = {{{"x", x}}, {{"y", y}}, "tensorflow/serving/predict"};
    sigs_["nomethod"] = {{{"x", x}}, {{"y", y}}, ""};
  }
  std::int64_t version() const override { return version_; }
  const std::map<std::string, SignatureInfo>& signatures() const override { return sigs_; }
  StatusOr<std::map<std::string, Tensor>> Run(const std::string& key,
                                              std::map<std::string, Tensor> inputs,
                                              Deadline deadline) override {
    last_deadline = deadline;
    last_key = key;
    last_inputs = inputs;
    if (key == "fails") return Status(Code::kDeadlineExceeded, "Deadline Exceeded");
    std::map<std::string, Tensor> out;
    if (key == "classify_x_to_y" || key == "regress_x_to_y") {
      const std::int64_t n = inputs.at("inputs").num_elements();
      std::vector<float> v;
      for (std::int64_t i = 0; i < n; ++i) v.push_back(3.0f + 0.5f * static_cast<float>(i));
      out.emplace(key == "classify_x_to_y" ? "scores" : "outputs",
                  Tensor::FromVector(v, {n, 1}).value());
      return out;
    }
    for (const auto& [alias, t] : inputs) {
      Tensor y = t.Clone();
      for (float& f : y.flat<float>()) f = 0.5f * f + 2.0f;
      out.emplace(key == "two" ? (alias == "a" ? "y" : "z") : "y", y);
    }
    return out;
  }

  std::string last_key;
  std::map<std::string, Tensor> last_inputs;
  Deadline last_deadline;

 private:
  std::int64_t version_;
  std::map<std::string, SignatureInfo> sigs_;
};

class FakeRegistry : public ServableRegistry {
 public:
  StatusOr<std::shared_ptr<Servable>> Find(const ServableRequest& r) override {
    if (r.label) {
      if (*r.label == "early") return Unavailable(LabelsNotInitMessage(*r.label));
      auto it = labels.find(r.name + "/" + *r.label);
      if (it == labels.end()) return InvalidArgument(UnrecognizedLabelMessage(*r.label));
      return Find(ServableRequest{r.name, it->second, std::nullopt});
    }
    auto m = models.find(r.name);
    if (m == models.end() || m->second.empty()) return NotFound(ServableNotFoundMessage(r));
    if (!r.version) return std::shared_ptr<Servable>(m->second.rbegin()->second);
    auto v = m->second.find(*r.version);
    if (v == m->second.end()) return NotFound(ServableNotFoundMessage(r));
    return std::shared_ptr<Servable>(v->second);
  }
  std::vector<VersionStatus> ListVersions(const std::string& name) override {
    std::vector<VersionStatus> out;
    if (name != "default") return out;
    out.push_back({122, ServableState::kEnd, Status(Code::kUnknown, "load failed")});
    out.push_back({124, ServableState::kAvailable, OkStatus()});
    out.push_back({123, ServableState::kAvailable, OkStatus()});
    return out;
  }

  std::map<std::string, std::map<std::int64_t, std::shared_ptr<FakeServable>>> models;
  std::map<std::string, std::int64_t> labels;
};

struct Fixture {
  Fixture() {
    registry.models["default"][123] = v123;
    registry.models["default"][124] = v124;
    registry.models["a/b"][1] = std::make_shared<FakeServable>(1);
    registry.labels["default/stable"] = 123;
  }
  HttpResponse Do(std::string_view method, std::string_view path, std::string_view body = "") {
    return HandleRestRequest(method, path, body, registry);
  }
  std::shared_ptr<FakeServable> v123 = std::make_shared<FakeServable>(123);
  std::shared_ptr<FakeServable> v124 = std::make_shared<FakeServable>(124);
  FakeRegistry registry;
};

TEST_CASE("Handler: successful predict in both formats and every URL form") {
  Fixture f;
  auto r = f.Do("POST", "/v1/models/default:predict", R"({"instances": [1.0, 2.0, 3.0]})");
  CHECK(r.status == 200);
  CHECK(r.content_type == "application/json");
  CHECK(r.body == "{\n    \"predictions\": [2.5, 3.0, 3.5\n    ]\n}");
  CHECK(f.v124->last_key == "serving_default");

  r = f.Do("POST", "/v1/models/default/versions/00000123:predict", R"({"inputs": [[1.0], [2.0]]})");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"outputs\": [\n        [\n            2.5\n        ],\n        [\n"
                  "            3.0\n        ]\n    ]\n}");
  CHECK(f.v123->last_key == "serving_default");

  f.v123->last_key.clear();
  r = f.Do("POST", "/v1/models/def%61ult/labels/stable:predict", R"({"instances": [[1.0]]})");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"predictions\": [[2.5]\n    ]\n}");
  CHECK(f.v123->last_key == "serving_default");

  r = f.Do("POST", "/V1/MODELS/default:predict", R"({"signature_name": "two", "instances": [{"a": 1.0, "b": 2.0}]})");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"predictions\": [\n        {\n            \"y\": 2.5,\n"
                  "            \"z\": 3.0\n        }\n    ]\n}");

  r = f.Do("POST", "/v1/models/a%2Fb:predict", R"({"inputs": 1.0})");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"outputs\": 2.5\n}");
}

TEST_CASE("Handler: classify and regress") {
  Fixture f;
  auto r = f.Do("POST", "/v1/models/default:classify",
                R"({"signature_name": "classify_x_to_y", "examples": [{"x": 2.0}, {"x": 3.0}]})");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"results\": [[[\"\", 3.0]], [[\"\", 3.5]]\n    ]\n}");
  const Tensor& in = f.v124->last_inputs.at("inputs");
  CHECK(in.dtype() == DataType::kString);
  CHECK(in.shape() == Shape{2});
  CHECK(in.flat<std::string>()[0] == std::string("\x0a\x0f\x0a\x0d\x0a\x01x\x12\x08\x12\x06\x0a\x04\x00\x00\x00\x40", 17));

  r = f.Do("POST", "/v1/models/default/versions/123:regress",
           R"({"signature_name": "regress_x_to_y", "examples": [{"x": 2.0}, {"x": 3.0}]})");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"results\": [3.0, 3.5]\n}");
}

TEST_CASE("Handler: every documented error with its message and HTTP status") {
  Fixture f;
  struct Case {
    const char* method;
    const char* path;
    std::string_view body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      // routing
      {"PUT", "/v1/models/default", "", 400, "Malformed request: PUT /v1/models/default"},
      {"DELETE", "/v1/models/default:predict", "", 400, "Malformed request: DELETE /v1/models/default:predict"},
      {"GET", "/v1/models/default:predict", "", 400, "Malformed request: GET /v1/models/default:predict"},
      {"POST", "/v1/models/default:PREDICT", "{}", 400, "Malformed request: POST /v1/models/default:PREDICT"},
      {"POST", "/v1/models/default/metadata", "{}", 400, "Malformed request: POST /v1/models/default/metadata"},
      {"GET", "/v1/models/default/", "", 400, "Malformed request: GET /v1/models/default/"},
      {"GET", "/v1/models/default/versions/-1", "", 400, "Malformed request: GET /v1/models/default/versions/-1"},
      {"GET", "/v1/models", "", 400, "Missing model name in request."},
      {"GET", "/v1/models/metadata", "", 404, "Could not find any versions of model metadata"},
      {"GET", "/v1/models/default/versions/99999999999999999999", "", 400,
       "Failed to convert version: 99999999999999999999 to numeric."},
      {"POST", "/v1/models/default/versions/99999999999999999999:predict", "", 400,
       "Failed to convert version: 99999999999999999999 to numeric."},
      // resolution
      {"POST", "/v1/models/nope:predict", R"({"instances": [1.0]})", 404,
       "Servable not found for request: Latest(nope)"},
      {"POST", "/v1/models/default/versions/7:predict", R"({"instances": [1.0]})", 404,
       "Servable not found for request: Specific(default, 7)"},
      {"POST", "/v1/models/default/labels/canary:predict", R"({"instances": [1.0]})", 400,
       "Unrecognized servable version label: canary"},
      {"GET", "/v1/models/nope/metadata", "", 404, "Servable not found for request: Latest(nope)"},
      {"GET", "/v1/models/default/versions/7/metadata", "", 404,
       "Servable not found for request: Specific(default, 7)"},
      {"GET", "/v1/models/default/labels/x/metadata", "", 400, "Unrecognized servable version label: x"},
      {"POST", "/v1/models/default/labels/early:predict", R"({"instances": [1.0]})", 503,
       "Model labels does not init yet.early"},
      {"POST", "/v1/models/default/labels/%73table:predict", R"({"instances": ["x"]})", 400,
       "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
       "\"x\" Type: String is not of expected type: float"},
      {"GET", "/v1/models/nope", "", 404, "Could not find any versions of model nope"},
      {"GET", "/v1/models/nope/versions/1", "", 404, "Could not find any versions of model nope"},
      {"GET", "/v1/models/default/versions/7", "", 404, "Could not find version 7 of model default"},
      {"GET", "/v1/models/default?x=1", "", 404, "Could not find any versions of model default?x=1"},
      // body
      {"POST", "/v1/models/default:predict", "", 400, "JSON Parse error: The document is empty"},
      {"POST", "/v1/models/nope:predict", "", 400, "JSON Parse error: The document is empty"},
      {"POST", "/v1/models/default:predict", "  ", 400, "JSON Parse error: The document is empty. at offset: 2"},
      {"POST", "/v1/models/default:predict", "x", 400, "JSON Parse error: Invalid value. at offset: 0"},
      {"POST", "/v1/models/default:predict", "[]", 400, "JSON Value: [] Is not object"},
      {"POST", "/v1/models/default:predict", R"({"signature_name": "zz", "instances": [1.0]})", 400,
       "Serving signature name: \"zz\" not found in signature def"},
      {"POST", "/v1/models/default:predict", R"({"signature_name": "no_inputs", "instances": [1.0]})", 400,
       "Failed to get input map for signature: no_inputs"},
      {"POST", "/v1/models/nope:predict", R"({"instances": ["x"]})", 404,
       "Servable not found for request: Latest(nope)"},
      {"POST", "/v1/models/default:predict", R"({"instances": ["x"]})", 400,
       "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
       "\"x\" Type: String is not of expected type: float"},
      {"POST", "/v1/models/default:predict", R"({"signature_name": "half", "inputs": [1]})", 501,
       "Conversion of JSON Value: 1 to type: half"},
      {"POST", "/v1/models/default:predict", R"({"signature_name": "fails", "inputs": [1.0]})", 504,
       "Deadline Exceeded"},
      {"POST", "/v1/models/default:predict", R"({"inputs": {"y": 1}})", 400,
       "Missing named input: x in 'inputs' object."},
      // classify / regress
      {"POST", "/v1/models/nope:classify", R"({"examples": [1]})", 400,
       "Example must be JSON object but got JSON Number"},
      {"POST", "/v1/models/nope:classify", R"({"examples": [{}]})", 404,
       "Servable not found for request: Latest(nope)"},
      {"POST", "/v1/models/default:classify", R"({"signature_name": "zz", "examples": [{}]})", 400,
       "No signature was found with the name: zz"},
      {"POST", "/v1/models/default:regress", R"({"signature_name": "two", "examples": [{}]})", 400,
       "Expected one input Tensor."},
      {"POST", "/v1/models/default:regress", R"({"x": 1})", 400,
       "JSON Value: {\n    \"x\": 1\n} When method is classify, key 'examples' is expected and was not found"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.method);
    CAPTURE(c.path);
    CAPTURE(c.body);
    const HttpResponse r = f.Do(c.method, c.path, c.body);
    CHECK(r.status == c.status);
    CHECK(r.body == ErrorJson(c.message));
    CHECK(r.content_type == "application/json");
  }
  const HttpResponse bad = f.Do("POST", "/v1/models/default:regress",
                                R"({"signature_name": "bad_regress", "examples": [{}]})");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("No regression outputs found in SignatureDef: ") != std::string::npos);
  const HttpResponse no_inputs = f.Do("POST", "/v1/models/default:regress", R"({"examples": [{}]})");
  CHECK(no_inputs.status == 400);
  CHECK(no_inputs.body.starts_with(
      "{\n    \"error\": \"No regression inputs found in SignatureDef: inputs {\\n  key: \\\"x\\\"\\n"));
}

TEST_CASE("Handler: --enable_signature_method_name_check") {
  Fixture f;
  const RestOptions check{true};
  auto r = HandleRestRequest("POST", "/v1/models/default:classify",
                             R"({"signature_name": "regress_x_to_y", "examples": [{}]})", f.registry, check);
  CHECK(r.status == 400);
  CHECK(r.body == ErrorJson("Expected classification signature method_name to be "
                            "tensorflow/serving/classify. Was: tensorflow/serving/regress"));
  r = HandleRestRequest("POST", "/v1/models/default:regress",
                        R"({"signature_name": "classify_x_to_y", "examples": [{}]})", f.registry, check);
  CHECK(r.body == ErrorJson("Expected regression signature method_name to be "
                            "tensorflow/serving/regress. Was: tensorflow/serving/classify"));
  r = HandleRestRequest("POST", "/v1/models/default:predict",
                        R"({"signature_name": "half", "inputs": [[1]]})", f.registry, check);
  CHECK(r.status == 501);  // conversion fails before the method check
  r = HandleRestRequest("POST", "/v1/models/default:predict",
                        R"({"signature_name": "nomethod", "inputs": [[1.0]]})", f.registry, check);
  CHECK(r.status == 500);
  CHECK(r.body == ErrorJson("Expected prediction signature method_name to be one of "
                            "{tensorflow/serving/predict, tensorflow/serving/classify, "
                            "tensorflow/serving/regress}. Was: "));
  CHECK(f.Do("POST", "/v1/models/default:predict",
             R"({"signature_name": "nomethod", "inputs": [[1.0]]})").status == 200);
  r = HandleRestRequest("POST", "/v1/models/default:regress",
                        R"({"signature_name": "regress_x_to_y", "examples": [{}]})", f.registry, check);
  CHECK(r.status == 200);
  // Without the flag the method name is not looked at.
  r = f.Do("POST", "/v1/models/default:regress", R"({"signature_name": "classify_x_to_y", "examples": [{}]})");
  CHECK(r.status == 400);
  CHECK(r.body.find("No regression outputs found") != std::string::npos);
}

TEST_CASE("Handler: --rest_api_timeout_in_ms becomes each run's deadline, counted from the run") {
  Fixture f;
  RestOptions timed;
  timed.run_timeout = std::chrono::milliseconds(5000);
  const auto before = std::chrono::steady_clock::now();
  auto r = HandleRestRequest("POST", "/v1/models/default:predict", R"({"instances": [1.0]})",
                             f.registry, timed);
  const auto after = std::chrono::steady_clock::now();
  CHECK(r.status == 200);
  CHECK(f.v124->last_deadline >= before + timed.run_timeout);
  CHECK(f.v124->last_deadline <= after + timed.run_timeout);
  r = HandleRestRequest("POST", "/v1/models/default:regress",
                        R"({"signature_name": "regress_x_to_y", "examples": [{"x": 1.0}]})",
                        f.registry, timed);
  CHECK(r.status == 200);
  CHECK(f.v124->last_deadline <= std::chrono::steady_clock::now() + timed.run_timeout);
  // Without a timeout the servable is told there is no deadline.
  r = f.Do("POST", "/v1/models/default:predict", R"({"instances": [1.0]})");
  CHECK(r.status == 200);
  CHECK(f.v124->last_deadline == kNoDeadline);
}

TEST_CASE("Handler: status API sorts versions, filters one, ignores labels") {
  Fixture f;
  const std::string all =
      "{\n \"model_version_status\": [\n"
      "  {\n   \"version\": \"124\",\n   \"state\": \"AVAILABLE\",\n   \"status\": {\n"
      "    \"error_code\": \"OK\",\n    \"error_message\": \"\"\n   }\n  },\n"
      "  {\n   \"version\": \"123\",\n   \"state\": \"AVAILABLE\",\n   \"status\": {\n"
      "    \"error_code\": \"OK\",\n    \"error_message\": \"\"\n   }\n  },\n"
      "  {\n   \"version\": \"122\",\n   \"state\": \"END\",\n   \"status\": {\n"
      "    \"error_code\": \"UNKNOWN\",\n    \"error_message\": \"load failed\"\n   }\n  }\n ]\n}\n";
  auto r = f.Do("GET", "/v1/models/default");
  CHECK(r.status == 200);
  CHECK(r.body == all);
  CHECK(f.Do("GET", "/v1/models/default/labels/whatever").body == all);
  CHECK(f.Do("GET", "/v1/models/default/METADATA").body == all);
  r = f.Do("GET", "/v1/models/default/versions/0123");
  CHECK(r.status == 200);
  CHECK(r.body ==
        "{\n \"model_version_status\": [\n  {\n   \"version\": \"123\",\n   \"state\": \"AVAILABLE\",\n"
        "   \"status\": {\n    \"error_code\": \"OK\",\n    \"error_message\": \"\"\n   }\n  }\n ]\n}\n");
}

TEST_CASE("Handler: metadata assembles model_spec and the servable's SignatureDefs") {
  Fixture f;
  auto r = f.Do("GET", "/v1/models/default/labels/stable/metadata");
  CHECK(r.status == 200);
  CHECK(r.body.starts_with("{\n \"model_spec\": {\n  \"name\": \"default\",\n  \"signature_name\": \"\",\n"
                           "  \"version\": \"123\"\n },\n \"metadata\": {\n  \"signature_def\": {\n"
                           "   \"signature_def\": {\n    \"bad_regress\": {\n     \"inputs\": {\n"
                           "      \"inputs\": {\n       \"dtype\": \"DT_STRING\",\n"
                           "       \"tensor_shape\": {\n        \"dim\": [],\n"
                           "        \"unknown_rank\": true\n       },\n"
                           "       \"name\": \"tf_example:0\"\n      }\n     },\n"));
  CHECK(r.body.ends_with("     \"method_name\": \"tensorflow/serving/predict\",\n     \"defaults\": {}\n"
                         "    }\n   }\n  }\n }\n}\n"));
}

// The default SignatureDef rendering matches TF Serving's fixture for half_plus_two, signature
// by signature.
TEST_CASE("Servable::SignatureDefJson matches the half_plus_two metadata fixture") {
  std::ifstream in(tfsk::testing::RequireShared("models/half_plus_two_model_metadata.json"));
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string expected = ss.str();

  class HalfPlusTwo : public Servable {
   public:
    HalfPlusTwo() {
      const TensorSpec ex{"tf_example:0", kString, {}, true};
      auto f = [](const char* n) { return TensorSpec{n, kFloat, {-1, 1}, false}; };
      sigs_["regress_x2_to_y3"] = {{{"inputs", f("x2:0")}}, {{"outputs", f("y3:0")}}, "tensorflow/serving/regress"};
      sigs_["serving_default"] = {{{"x", f("x:0")}}, {{"y", f("y:0")}}, "tensorflow/serving/predict"};
      sigs_["classify_x_to_y"] = {{{"inputs", ex}}, {{"scores", f("y:0")}}, "tensorflow/serving/classify"};
      sigs_["regress_x_to_y2"] = {{{"inputs", ex}}, {{"outputs", f("y2:0")}}, "tensorflow/serving/regress"};
      sigs_["regress_x_to_y"] = {{{"inputs", ex}}, {{"outputs", f("y:0")}}, "tensorflow/serving/regress"};
    }
    std::int64_t version() const override { return 123; }
    const std::map<std::string, SignatureInfo>& signatures() const override { return sigs_; }
    StatusOr<std::map<std::string, Tensor>> Run(const std::string&, std::map<std::string, Tensor>,
                                                Deadline) override {
      return Unimplemented("no");
    }
    std::map<std::string, SignatureInfo> sigs_;
  };

  class OneModel : public ServableRegistry {
   public:
    StatusOr<std::shared_ptr<Servable>> Find(const ServableRequest&) override {
      return std::shared_ptr<Servable>(std::make_shared<HalfPlusTwoOrdered>());
    }
    std::vector<VersionStatus> ListVersions(const std::string&) override { return {}; }
    // Lists the signatures in the fixture's (hash) order.
    class HalfPlusTwoOrdered : public HalfPlusTwo {
     public:
      std::vector<std::pair<std::string, std::string>> SignatureDefJson() const override {
        auto all = HalfPlusTwo::SignatureDefJson();
        std::vector<std::pair<std::string, std::string>> out;
        for (const char* k : {"regress_x2_to_y3", "serving_default", "classify_x_to_y",
                              "regress_x_to_y2", "regress_x_to_y"}) {
          for (const auto& p : all) {
            if (p.first == k) out.push_back(p);
          }
        }
        return out;
      }
    };
  } registry;
  const HttpResponse r = HandleRestRequest("GET", "/v1/models/default/metadata", "", registry);
  CHECK(r.status == 200);
  CHECK(r.body == expected);
}

TEST_CASE("HttpStatusFor maps every canonical code like TF Serving") {
  const std::pair<Code, int> table[] = {
      {Code::kOk, 200}, {Code::kCancelled, 499}, {Code::kUnknown, 500},
      {Code::kInvalidArgument, 400}, {Code::kDeadlineExceeded, 504}, {Code::kNotFound, 404},
      {Code::kAlreadyExists, 409}, {Code::kPermissionDenied, 403}, {Code::kResourceExhausted, 429},
      {Code::kFailedPrecondition, 400}, {Code::kAborted, 409}, {Code::kOutOfRange, 400},
      {Code::kUnimplemented, 501}, {Code::kInternal, 500}, {Code::kUnavailable, 503},
      {Code::kDataLoss, 500}, {Code::kUnauthenticated, 401}};
  for (const auto& [code, http] : table) CHECK(HttpStatusFor(code) == http);
  CHECK(IsRestApiPath("/v1/models"));
  CHECK(IsRestApiPath("/V1/x"));
  CHECK_FALSE(IsRestApiPath("/v1"));
  CHECK_FALSE(IsRestApiPath("/v2/models"));
}

}  // namespace
}  // namespace tfsk::serving::rest
