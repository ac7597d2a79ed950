// tfsk-serving end to end against every shared model: status, metadata, predict (row and
// columnar, every predict-able signature), classify, regress and the counter's state. Each case
// starts the real binary on an ephemeral port (tests/support/serving_process.h).

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "tests/e2e/serving_e2e.h"

namespace tfsk::testing {
namespace {

namespace json = boost::json;

const char* const kAvailable123 =
    "{\n \"model_version_status\": [\n  {\n   \"version\": \"123\",\n   \"state\": \"AVAILABLE\",\n"
    "   \"status\": {\n    \"error_code\": \"OK\",\n    \"error_message\": \"\"\n   }\n  }\n "
    "]\n}\n";

// serialized tf.Example {x: [1.0]} and {x: [2.0]}, base64 (for tf_example inputs via :predict).
const char* const kExampleX1 = "Cg8KDQoBeBIIEgYKBAAAgD8=";
const char* const kExampleX2 = "Cg8KDQoBeBIIEgYKBAAAAEA=";

std::string PredictRows(const std::string& sig, const std::string& instances) {
  return "{\"signature_name\": \"" + sig + "\", \"instances\": " + instances + "}";
}
std::string PredictColumns(const std::string& sig, const std::string& inputs) {
  return "{\"signature_name\": \"" + sig + "\", \"inputs\": " + inputs + "}";
}

// Reads the expected metadata answer and sets the served name and version, which the fixture
// files hold for the model TF Serving was run with.
json::value ExpectedMetadata(const std::string& file, const std::string& name,
                             const std::string& version) {
  std::ifstream in(RequireShared("models/" + file));
  std::stringstream ss;
  ss << in.rdbuf();
  json::value v = json::parse(ss.str());
  v.at("model_spec").as_object()["name"] = name;
  v.at("model_spec").as_object()["version"] = version;
  return v;
}

void CheckMetadata(ServingProcess& s, const std::string& model, const std::string& file,
                   const std::string& version) {
  auto r = s.Get("/v1/models/" + model + "/metadata");
  REQUIRE(r.status == 200);
  CHECK(r.headers["content-type"] == "application/json");
  json::value actual = json::parse(r.body);
  CHECK(actual == ExpectedMetadata(file, model, version));
  // Versioned form answers the same.
  auto v = s.Get("/v1/models/" + model + "/versions/" + version + "/metadata");
  REQUIRE(v.status == 200);
  CHECK(json::parse(v.body) == actual);
}

// The half_plus_two family's float signatures (x → 0.5x+2, x2 → 0.5x+3), rows and columns.
void CheckHalfPlusTwoFloatSignatures(ServingProcess& s, const std::string& m, bool tf1) {
  const std::string url = "/v1/models/" + m + ":predict";
  if (tf1) {
    // [-1,1] inputs.
    auto r = s.Post(url, "{\"instances\": [[1.0], [2.0]]}");
    CHECK(r.status == 200);
    CHECK(r.body == "{\n    \"predictions\": [[2.5], [3.0]\n    ]\n}");
    r = s.Post(url, "{\"inputs\": {\"x\": [[1.0], [2.0]]}}");
    CHECK(r.status == 200);
    CHECK(json::parse(r.body) == json::parse("{\"outputs\": [[2.5], [3.0]]}"));
    for (const char* sig : {"regress_x2_to_y3"}) {
      r = s.Post(url, PredictRows(sig, "[[1.0], [2.0]]"));
      CHECK(r.body == "{\n    \"predictions\": [[3.5], [4.0]\n    ]\n}");
      r = s.Post(url, PredictColumns(sig, "[[1.0], [2.0]]"));
      CHECK(json::parse(r.body) == json::parse("{\"outputs\": [[3.5], [4.0]]}"));
    }
  } else {
    // TF2: shape [1] inputs.
    for (const char* sig : {"regress_x2_to_y3", "classify_x2_to_y3"}) {
      auto r = s.Post(url, PredictRows(sig, "[1.0]"));
      CHECK(r.body == "{\n    \"predictions\": [3.5\n    ]\n}");
      r = s.Post(url, PredictColumns(sig, "[1.0]"));
      CHECK(json::parse(r.body) == json::parse("{\"outputs\": [3.5]}"));
    }
  }
  // tf.Example-input signatures through :predict with serialized examples.
  const std::string b64 =
      std::string("[{\"b64\": \"") + kExampleX1 + "\"}, {\"b64\": \"" + kExampleX2 + "\"}]";
  struct Sig {
    const char* name;
    const char* rows;
  };
  for (Sig sig : {Sig{"regress_x_to_y", "[[2.5], [3.0]]"}, Sig{"classify_x_to_y", "[[2.5], [3.0]]"},
                  Sig{"regress_x_to_y2", "[[3.5], [4.0]]"}}) {
    CAPTURE(sig.name);
    auto r = s.Post(url, PredictRows(sig.name, b64));
    CHECK(r.status == 200);
    CHECK(json::parse(r.body) == json::parse(std::string("{\"predictions\": ") + sig.rows + "}"));
    r = s.Post(url, PredictColumns(sig.name, b64));
    CHECK(r.status == 200);
    CHECK(json::parse(r.body) == json::parse(std::string("{\"outputs\": ") + sig.rows + "}"));
  }
}

void CheckClassifyRegress(ServingProcess& s, const std::string& m) {
  const std::string base = "/v1/models/" + m;
  auto r = s.Post(base + ":classify",
                  "{\"signature_name\": \"classify_x_to_y\", \"examples\": [{\"x\": 1.0}, "
                  "{\"x\": 2.0}]}");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"results\": [[[\"\", 2.5]], [[\"\", 3.0]]\n    ]\n}");
  r = s.Post(
      base + ":regress",
      "{\"signature_name\": \"regress_x_to_y\", \"examples\": [{\"x\": 1.0}, {\"x\": 2.0}]}");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"results\": [2.5, 3.0]\n}");
  r = s.Post(
      base + ":regress",
      "{\"signature_name\": \"regress_x_to_y2\", \"examples\": [{\"x\": 1.0}, {\"x\": 2.0}]}");
  CHECK(r.body == "{\n    \"results\": [3.5, 4.0]\n}");
  // context merges into every example.
  r = s.Post(base + ":regress",
             "{\"signature_name\": \"regress_x_to_y\", \"context\": {\"x\": 1.0}, "
             "\"examples\": [{}, {\"x\": 5.0}]}");
  CHECK(r.body == "{\n    \"results\": [2.5, 4.5]\n}");
  // An integer literal is an int64 feature: TF's parser rejects it for a float feature.
  r = s.Post(base + ":regress",
             "{\"signature_name\": \"regress_x_to_y\", \"examples\": [{\"x\": 2}]}");
  CHECK(r.status == 400);
  CHECK(r.body.find("Data types don't match") != std::string::npos);
  // The default signature is a predict signature: classify's structural check refuses it.
  r = s.Post(base + ":classify", "{\"examples\": [{\"x\": 1.0}]}");
  CHECK(r.status == 400);
  CHECK(r.body.find("No classification inputs found in SignatureDef") != std::string::npos);
}

TEST_CASE("half_plus_two_cpu: status, metadata, the lab's exact predict bytes, every signature") {
  const std::string m = "saved_model_half_plus_two_cpu";
  auto s = StartModel(m);
  auto st = s->Get("/v1/models/" + m);
  CHECK(st.status == 200);
  CHECK(st.body == kAvailable123);
  CHECK(s->Get("/v1/models/" + m + "/versions/123").body == kAvailable123);
  CheckMetadata(*s, m, "half_plus_two_model_metadata.json", "123");

  auto r = s->Post("/v1/models/" + m + ":predict", "{\"instances\": [1.0, 2.0, 5.0]}");
  CHECK(r.status == 200);
  CHECK(r.headers["content-type"] == "application/json");
  CHECK(r.body == "{\n    \"predictions\": [2.5, 3.0, 4.5\n    ]\n}");
  r = s->Post("/v1/models/" + m + "/versions/123:predict", "{\"inputs\": [1.0, 2.0, 5.0]}");
  CHECK(r.status == 200);
  CHECK(json::parse(r.body) == json::parse("{\"outputs\": [2.5, 3.0, 4.5]}"));
  CheckHalfPlusTwoFloatSignatures(*s, m, true);
  CheckClassifyRegress(*s, m);
  StopCleanly(*s);
}

TEST_CASE("half_plus_two_2_versions: latest serves 124, metadata, classify_x2_to_y3") {
  const std::string m = "saved_model_half_plus_two_2_versions";
  auto s = StartModel(m);
  auto st = s->Get("/v1/models/" + m);
  CHECK(st.status == 200);
  CHECK(json::parse(st.body).at("model_version_status").as_array().size() == 1);
  CHECK(st.body.find("\"version\": \"124\"") != std::string::npos);
  // 123 was never aspired under the latest policy.
  auto v123 = s->Get("/v1/models/" + m + "/versions/123");
  CHECK(v123.status == 404);
  CHECK(v123.body.find("Could not find version 123 of model " + m) != std::string::npos);
  CheckMetadata(*s, m, "saved_model_half_plus_two_2_versions_metadata.json", "124");
  CheckHalfPlusTwoFloatSignatures(*s, m, true);
  auto r =
      s->Post("/v1/models/" + m + ":predict", PredictRows("classify_x2_to_y3", "[[1.0], [2.0]]"));
  CHECK(r.body == "{\n    \"predictions\": [[3.5], [4.0]\n    ]\n}");
  CheckClassifyRegress(*s, m);
  StopCleanly(*s);
}

TEST_CASE("half_plus_two_tf2_cpu: TF2 export, metadata with defaults, every signature") {
  const std::string m = "saved_model_half_plus_two_tf2_cpu";
  auto s = StartModel(m);
  CHECK(s->Get("/v1/models/" + m).body == kAvailable123);

  auto md = s->Get("/v1/models/" + m + "/metadata");
  REQUIRE(md.status == 200);
  json::value actual = json::parse(md.body);
  // The given file was captured from another TF2 export of the same model whose signatures carry
  // no `defaults`; this fixture's serving_default has defaults.x = float [0.0] of shape [1]
  // (see the spec's fixture notes). Compare everything else exactly.
  auto& sigs = actual.at("metadata").at("signature_def").at("signature_def").as_object();
  const auto& dx = sigs.at("serving_default").at("defaults").at("x");
  CHECK(dx.at("dtype").as_string() == "DT_FLOAT");
  CHECK(dx.at("float_val").as_array().size() == 1);
  CHECK(dx.at("float_val").as_array()[0].to_number<double>() == 0.0);
  CHECK(dx.at("tensor_shape") == json::parse("{\"dim\": [{\"size\": \"1\", \"name\": \"\"}], "
                                             "\"unknown_rank\": false}"));
  json::value expected =
      ExpectedMetadata("saved_model_half_plus_two_tf2_2_versions_metadata.json", m, "123");
  auto& esigs = expected.at("metadata").at("signature_def").at("signature_def").as_object();
  for (auto& [k, v] : sigs) v.as_object().erase("defaults");
  for (auto& [k, v] : esigs) v.as_object().erase("defaults");
  CHECK(actual == expected);

  auto r = s->Post("/v1/models/" + m + ":predict", "{\"instances\": [1.0, 2.0, 5.0]}");
  CHECK(r.body == "{\n    \"predictions\": [2.5, 3.0, 4.5\n    ]\n}");
  r = s->Post("/v1/models/" + m + ":predict", "{\"inputs\": {\"x\": [1.0, 2.0]}}");
  CHECK(json::parse(r.body) == json::parse("{\"outputs\": [2.5, 3.0]}"));
  CheckHalfPlusTwoFloatSignatures(*s, m, false);
  // All TF2 signatures are "predict"; without the method-name check classify/regress still work.
  CheckClassifyRegress(*s, m);
  StopCleanly(*s);
}

TEST_CASE("half_plus_three: scalar signature, regress through the named regress signature") {
  const std::string m = "saved_model_half_plus_three";
  auto s = StartModel(m);
  CHECK(s->Get("/v1/models/" + m).body == kAvailable123);
  auto md = s->Get("/v1/models/" + m + "/metadata");
  CHECK(md.status == 200);
  CHECK(md.body.find("\"tensorflow/serving/regress\"") != std::string::npos);
  auto r = s->Post("/v1/models/" + m + ":predict", "{\"instances\": [1.0, 2.0, 5.0]}");
  CHECK(r.body == "{\n    \"predictions\": [3.5, 4.0, 5.5\n    ]\n}");
  r = s->Post("/v1/models/" + m + ":predict", "{\"inputs\": [1.0, 2.0]}");
  CHECK(json::parse(r.body) == json::parse("{\"outputs\": [3.5, 4.0]}"));
  r = s->Post("/v1/models/" + m + ":regress",
              "{\"signature_name\": \"tensorflow/serving/regress\", \"examples\": [{\"x\": 1.0}, "
              "{\"x\": 2.0}]}");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"results\": [3.5, 4.0]\n}");
  StopCleanly(*s);
}

TEST_CASE("counter: state persists across requests, input-less signatures are refused by REST") {
  const std::string m = "saved_model_counter";
  auto s = StartModel(m);
  CHECK(s->Get("/v1/models/" + m).body == kAvailable123);
  const std::string url = "/v1/models/" + m + ":predict";
  auto by = [&](const std::string& delta) {
    return s->Post(url, PredictColumns("incr_counter_by", "{\"delta\": " + delta + "}"));
  };
  auto r = by("2.0");
  CHECK(r.status == 200);
  CHECK(json::parse(r.body) == json::parse("{\"outputs\": 2.0}"));
  r = by("3.0");
  CHECK(json::parse(r.body) == json::parse("{\"outputs\": 5.0}"));
  r = by("0.5");
  CHECK(json::parse(r.body) == json::parse("{\"outputs\": 5.5}"));
  // TF Serving's REST predict needs an input map: get/incr/reset_counter have no inputs.
  for (const char* sig : {"get_counter", "incr_counter", "reset_counter"}) {
    CAPTURE(sig);
    r = s->Post(url, PredictRows(sig, "[]"));
    CHECK(r.status == 400);
    CHECK(r.body.find(std::string("Failed to get input map for signature: ") + sig) !=
          std::string::npos);
  }
  // A batch of one ([1]) cannot be added to the scalar variable.
  r = s->Post(url, PredictRows("incr_counter_by", "[{\"delta\": 1.0}]"));
  CHECK(r.status == 400);
  CHECK(r.body.find("shapes must be equal") != std::string::npos);
  // The failed requests left the state alone.
  r = by("0.0");
  CHECK(json::parse(r.body) == json::parse("{\"outputs\": 5.5}"));
  StopCleanly(*s);
}

}  // namespace
}  // namespace tfsk::testing
