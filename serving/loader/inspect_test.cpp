// `tfsk model inspect` of every shared fixture against what TensorFlow wrote, as recorded in the
// shared tfserving-rest.md, section "SavedModel contents of the fixtures" (per-fixture tables,
// op-type lists, restore/init ops, checkpoint keys). The expected values below were transcribed
// from that document, one table per fixture; the report is checked through its JSON form, the one
// scripts consume.

#include "serving/loader/inspect.h"

#include <doctest/doctest.h>
#include <boost/json.hpp>

#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/shared.h"

namespace tfsk::serving::loader {
namespace {

namespace json = boost::json;
using testing::RequireShared;
using Names = std::vector<std::string>;

// One row of a signature table: alias → tensor, dtype, shape in the doc's notation ("?" = unknown
// rank, "[]" = scalar, "[-1,1]").
struct TensorFact {
  std::string alias, tensor, dtype, shape;
};

struct SignatureFact {
  std::string key, method;
  std::vector<TensorFact> inputs, outputs;
  /// SignatureDef.defaults (tensor left empty: a default is a value); nullopt = not checked.
  std::optional<std::vector<TensorFact>> defaults = std::vector<TensorFact>{};
};

struct VariableFact {
  std::string name, dtype, shape;
};

struct FixtureFacts {
  std::string dir;  ///< relative to the shared models folder
  std::vector<SignatureFact> signatures;
  Names graph_ops;    ///< "op types in graph_def"
  Names library_ops;  ///< "op types inside the function library" (TF2 only)
  Names minimum_ops;  ///< "minimum op set to load and serve"
  std::string restore_op, init_op;
  std::vector<VariableFact> variables;  ///< every checkpoint key
};

// --- The doc's tables -------------------------------------------------------------------------

const char* const kClassify = "tensorflow/serving/classify";
const char* const kRegress = "tensorflow/serving/regress";
const char* const kPredict = "tensorflow/serving/predict";

// The TF1 half_plus_two signatures shared by _cpu and _2_versions.
std::vector<SignatureFact> Tf1HalfPlusTwoSignatures() {
  return {
      {"classify_x_to_y",
       kClassify,
       {{"inputs", "tf_example:0", "DT_STRING", "?"}},
       {{"scores", "y:0", "DT_FLOAT", "[-1,1]"}}},
      {"regress_x2_to_y3",
       kRegress,
       {{"inputs", "x2:0", "DT_FLOAT", "[-1,1]"}},
       {{"outputs", "y3:0", "DT_FLOAT", "[-1,1]"}}},
      {"regress_x_to_y",
       kRegress,
       {{"inputs", "tf_example:0", "DT_STRING", "?"}},
       {{"outputs", "y:0", "DT_FLOAT", "[-1,1]"}}},
      {"regress_x_to_y2",
       kRegress,
       {{"inputs", "tf_example:0", "DT_STRING", "?"}},
       {{"outputs", "y2:0", "DT_FLOAT", "[-1,1]"}}},
      {"serving_default",
       kPredict,
       {{"x", "x:0", "DT_FLOAT", "[-1,1]"}},
       {{"y", "y:0", "DT_FLOAT", "[-1,1]"}}},
  };
}

const Names kTf1MinimumOps = {"Add",  "Assign",       "Const",   "Identity",  "Mul",
                              "NoOp", "ParseExample", "Reshape", "RestoreV2", "VariableV2"};

FixtureFacts HalfPlusTwoCpu() {
  FixtureFacts f;
  f.dir = "saved_model_half_plus_two_cpu/00000123";
  f.signatures = Tf1HalfPlusTwoSignatures();
  f.graph_ops = {"Add",
                 "Assign",
                 "Const",
                 "Identity",
                 "MergeV2Checkpoints",
                 "Mul",
                 "NoOp",
                 "Pack",
                 "ParseExample",
                 "Placeholder",
                 "PlaceholderWithDefault",
                 "Reshape",
                 "RestoreV2",
                 "SaveV2",
                 "ShardedFilename",
                 "StringJoin",
                 "VariableV2"};
  f.minimum_ops = kTf1MinimumOps;
  f.restore_op = "save/restore_all";
  f.init_op = "group_deps";
  // "has variables a2/c2 for the x2 path"; restored values are scalars.
  f.variables = {{"a", "DT_FLOAT", "[]"},
                 {"a2", "DT_FLOAT", "[]"},
                 {"b", "DT_FLOAT", "[]"},
                 {"c", "DT_FLOAT", "[]"},
                 {"c2", "DT_FLOAT", "[]"}};
  return f;
}

FixtureFacts HalfPlusTwo2Versions(const std::string& version) {
  FixtureFacts f;
  f.dir = "saved_model_half_plus_two_2_versions/" + version;
  f.signatures = Tf1HalfPlusTwoSignatures();
  f.signatures.insert(f.signatures.begin(), {"classify_x2_to_y3",
                                             kClassify,
                                             {{"inputs", "x2:0", "DT_FLOAT", "[-1,1]"}},
                                             {{"scores", "y3:0", "DT_FLOAT", "[-1,1]"}}});
  f.graph_ops = {"Add",       "Assign",    "Const",  "Identity",        "MergeV2Checkpoints",
                 "Mul",       "NoOp",      "Pack",   "ParseExample",    "Placeholder",
                 "Reshape",   "RestoreV2", "SaveV2", "ShardedFilename", "StringJoin",
                 "VariableV2"};
  f.minimum_ops = kTf1MinimumOps;
  f.restore_op = "save/restore_all";
  f.init_op = "group_deps";  // from the legacy_init_op collection
  // `y3 = a*x2 + c`: no a2/c2 in this export.
  f.variables = {{"a", "DT_FLOAT", "[]"}, {"b", "DT_FLOAT", "[]"}, {"c", "DT_FLOAT", "[]"}};
  return f;
}

FixtureFacts HalfPlusThree() {
  FixtureFacts f;
  f.dir = "saved_model_half_plus_three/00000123";
  f.signatures = {
      {"serving_default",
       kPredict,
       {{"x", "x:0", "DT_FLOAT", "[]"}},
       {{"y", "y:0", "DT_FLOAT", "[]"}}},
      // The key is literally the method name, and the input is declared float although
      // tf_example is a string placeholder.
      {kRegress,
       kRegress,
       {{"inputs", "tf_example:0", "DT_FLOAT", "[]"}},
       {{"outputs", "Identity:0", "DT_FLOAT", "[]"}}},
  };
  f.graph_ops = {"Add",
                 "Assign",
                 "Const",
                 "Identity",
                 "MergeV2Checkpoints",
                 "Mul",
                 "NoOp",
                 "Pack",
                 "ParseExample",
                 "Placeholder",
                 "RestoreV2",
                 "SaveV2",
                 "ShardedFilename",
                 "StringJoin",
                 "VariableV2"};
  f.minimum_ops = {"Add",  "Assign",       "Const",     "Identity",  "Mul",
                   "NoOp", "ParseExample", "RestoreV2", "VariableV2"};
  f.restore_op = "save/restore_all";
  f.init_op = "group_deps";
  // The common TF1 graph's a, b, c (here b = 3); y2 = a*x + c is in the graph, only not exported.
  f.variables = {{"a", "DT_FLOAT", "[]"}, {"b", "DT_FLOAT", "[]"}, {"c", "DT_FLOAT", "[]"}};
  return f;
}

FixtureFacts Counter() {
  FixtureFacts f;
  f.dir = "saved_model_counter/00000123";
  f.signatures = {
      {"get_counter", kPredict, {}, {{"output", "counter:0", "DT_FLOAT_REF", "[]"}}},
      {"incr_counter",
       kPredict,
       {},
       {{"output", "incr_counter_op/AssignAdd:0", "DT_FLOAT_REF", "[]"}}},
      {"incr_counter_by",
       kPredict,
       {{"delta", "delta:0", "DT_FLOAT", "?"}},
       {{"output", "incr_counter_by_op/AssignAdd:0", "DT_FLOAT_REF", "[]"}}},
      {"reset_counter",
       kPredict,
       {},
       {{"output", "reset_counter_op/Assign:0", "DT_FLOAT_REF", "[]"}}},
  };
  f.graph_ops = {
      "Assign",    "AssignAdd",   "Const",     "Identity", "MergeV2Checkpoints", "NoOp",
      "Pack",      "Placeholder", "RestoreV2", "SaveV2",   "ShardedFilename",    "StringJoin",
      "VariableV2"};
  f.minimum_ops = {"Assign", "AssignAdd", "Const", "NoOp", "RestoreV2", "VariableV2"};
  f.restore_op = "save/restore_all";
  f.init_op = "";  // "no init op"
  // The one variable; AssignAdd with a scalar delta means it is a scalar.
  f.variables = {{"counter", "DT_FLOAT", "[]"}};
  return f;
}

FixtureFacts HalfPlusTwoTf2() {
  FixtureFacts f;
  f.dir = "saved_model_half_plus_two_tf2_cpu/00000123";
  f.signatures = {
      {"__saved_model_init_op", "", {}, {{"__saved_model_init_op", "NoOp", "DT_INVALID", "?"}}},
      {"classify_x2_to_y3",
       kPredict,
       {{"inputs", "classify_x2_to_y3_inputs:0", "DT_FLOAT", "[1]"}},
       {{"scores", "StatefulPartitionedCall:0", "DT_FLOAT", "[1]"}}},
      {"classify_x_to_y",
       kPredict,
       {{"inputs", "classify_x_to_y_inputs:0", "DT_STRING", "[-1]"}},
       {{"scores", "StatefulPartitionedCall_1:0", "DT_FLOAT", "[-1,1]"}}},
      {"regress_x2_to_y3",
       kPredict,
       {{"inputs", "regress_x2_to_y3_inputs:0", "DT_FLOAT", "[1]"}},
       {{"outputs", "StatefulPartitionedCall_2:0", "DT_FLOAT", "[1]"}}},
      {"regress_x_to_y",
       kPredict,
       {{"inputs", "regress_x_to_y_inputs:0", "DT_STRING", "[-1]"}},
       {{"outputs", "StatefulPartitionedCall_3:0", "DT_FLOAT", "[-1,1]"}}},
      {"regress_x_to_y2",
       kPredict,
       {{"inputs", "regress_x_to_y2_inputs:0", "DT_STRING", "[-1]"}},
       {{"outputs", "StatefulPartitionedCall_4:0", "DT_FLOAT", "[-1,1]"}}},
      // "serving_default has a defaults entry": x, the Const [0.0] under its
      // PlaceholderWithDefault.
      {"serving_default",
       kPredict,
       {{"x", "serving_default_x:0", "DT_FLOAT", "[1]"}},
       {{"y", "StatefulPartitionedCall_5:0", "DT_FLOAT", "[1]"}},
       std::vector<TensorFact>{{"x", "", "DT_FLOAT", "[1]"}}},
  };
  f.graph_ops = {"AssignVariableOp",
                 "Const",
                 "NoOp",
                 "Placeholder",
                 "PlaceholderWithDefault",
                 "ReadVariableOp",
                 "StatefulPartitionedCall",
                 "VarHandleOp",
                 "VarIsInitializedOp"};
  f.library_ops = {"AddV2",
                   "AssignVariableOp",
                   "Const",
                   "DisableCopyOnRead",
                   "Identity",
                   "MergeV2Checkpoints",
                   "Mul",
                   "NoOp",
                   "Pack",
                   "ParseExampleV2",
                   "ReadVariableOp",
                   "Reshape",
                   "RestoreV2",
                   "SaveV2",
                   "Select",
                   "ShardedFilename",
                   "StatefulPartitionedCall",
                   "StaticRegexFullMatch",
                   "StringJoin"};
  f.minimum_ops = {"AddV2",
                   "AssignVariableOp",
                   "Const",
                   "Identity",
                   "Mul",
                   "NoOp",
                   "ParseExampleV2",
                   "ReadVariableOp",
                   "Reshape",
                   "RestoreV2",
                   "StatefulPartitionedCall",
                   "VarHandleOp"};
  f.restore_op = "StatefulPartitionedCall_7";
  f.init_op = "NoOp";  // the __saved_model_init_op signature's output
  // Object-path checkpoint keys plus the serialized TrackableObjectGraph (a scalar string).
  f.variables = {{"_CHECKPOINTABLE_OBJECT_GRAPH", "DT_STRING", "[]"},
                 {"a/.ATTRIBUTES/VARIABLE_VALUE", "DT_FLOAT", "[]"},
                 {"b/.ATTRIBUTES/VARIABLE_VALUE", "DT_FLOAT", "[]"},
                 {"c/.ATTRIBUTES/VARIABLE_VALUE", "DT_FLOAT", "[]"}};
  return f;
}

// --- Checking a report against a table ---------------------------------------------------------

// The inspect JSON of the fixture, parsed.
json::object InspectJson(const std::string& rel) {
  auto dir = RequireShared("models/" + rel);
  auto report = InspectSavedModel(dir);
  REQUIRE_MESSAGE(report.ok(), report.status().ToString());
  json::value v = json::parse(InspectReportJson(*report));
  REQUIRE(v.is_object());
  return v.as_object();
}

// A JSON shape (null = unknown rank, else an array of dims) in the doc's notation.
std::string DocShape(const json::value& shape) {
  if (shape.is_null()) return "?";
  std::string s = "[";
  for (const auto& d : shape.as_array()) {
    if (s.size() > 1) s += ",";
    s += std::to_string(d.to_number<std::int64_t>());
  }
  return s + "]";
}

std::set<std::string> StringSet(const json::value& array) {
  std::set<std::string> out;
  for (const auto& v : array.as_array()) out.insert(std::string(v.as_string()));
  return out;
}

// A sorted set as one string, so a failed comparison prints both sides.
std::string Joined(const std::set<std::string>& s) {
  std::string out;
  for (const auto& e : s) out += (out.empty() ? "" : ", ") + e;
  return out;
}

template <typename Map>
std::set<std::string> Keys(const Map& m) {
  std::set<std::string> out;
  for (const auto& [k, v] : m) out.insert(std::string(k));
  return out;
}

// `with_names`: false for defaults, which are values and name no tensor.
void CheckTensors(const std::vector<TensorFact>& expected, const json::object& actual,
                  bool with_names = true) {
  std::set<std::string> aliases;
  for (const auto& t : expected) aliases.insert(t.alias);
  CHECK(Joined(Keys(actual)) == Joined(aliases));
  for (const auto& t : expected) {
    CAPTURE(t.alias);
    auto it = actual.find(t.alias);
    if (it == actual.end()) continue;
    const auto& a = it->value().as_object();
    if (with_names) CHECK(a.at("name").as_string() == t.tensor);
    CHECK(a.at("dtype").as_string() == t.dtype);
    CHECK(DocShape(a.at("shape")) == t.shape);
  }
}

void CheckSignatures(const FixtureFacts& f, const json::object& report) {
  const auto& sigs = report.at("signatures").as_object();
  std::set<std::string> keys;
  for (const auto& s : f.signatures) keys.insert(s.key);
  CHECK(Joined(Keys(sigs)) == Joined(keys));
  for (const auto& s : f.signatures) {
    CAPTURE(s.key);
    auto it = sigs.find(s.key);
    if (it == sigs.end()) continue;
    const auto& sig = it->value().as_object();
    CHECK(sig.at("method_name").as_string() == s.method);
    CheckTensors(s.inputs, sig.at("inputs").as_object());
    CheckTensors(s.outputs, sig.at("outputs").as_object());
    if (s.defaults) CheckTensors(*s.defaults, sig.at("defaults").as_object(), false);
  }
}

void CheckOps(const FixtureFacts& f, const json::object& report) {
  // Inspect lists the op types of the graph and of every library function together.
  std::set<std::string> expected(f.graph_ops.begin(), f.graph_ops.end());
  expected.insert(f.library_ops.begin(), f.library_ops.end());
  auto ops = StringSet(report.at("op_types"));
  CHECK(Joined(ops) == Joined(expected));
  for (const auto& op : f.minimum_ops) {
    CAPTURE(op);
    CHECK(ops.count(op) == 1);
  }
  // Every op needed to load and serve has a kernel, so nothing is reported unsupported.
  CHECK(report.at("unsupported_ops").as_array().empty());
}

void CheckVariables(const FixtureFacts& f, const json::object& report) {
  std::map<std::string, const json::object*> actual;
  for (const auto& v : report.at("variables").as_array()) {
    actual[std::string(v.at("name").as_string())] = &v.as_object();
  }
  std::set<std::string> names;
  for (const auto& v : f.variables) names.insert(v.name);
  CHECK(Joined(Keys(actual)) == Joined(names));
  for (const auto& v : f.variables) {
    CAPTURE(v.name);
    auto it = actual.find(v.name);
    REQUIRE(it != actual.end());
    CHECK(it->second->at("dtype").as_string() == v.dtype);
    CHECK(DocShape(it->second->at("shape")) == v.shape);
  }
}

void CheckFixture(const FixtureFacts& f) {
  CAPTURE(f.dir);
  auto report = InspectJson(f.dir);
  CHECK(Joined(StringSet(report.at("tags"))) == "serve");
  CheckSignatures(f, report);
  CheckOps(f, report);
  CheckVariables(f, report);
  CHECK(report.at("restore_op").as_string() == f.restore_op);
  CHECK(report.at("init_op").as_string() == f.init_op);
}

// The signature part of a `*_metadata.json` answer TF Serving gave for a fixture, as tables.
std::vector<SignatureFact> MetadataSignatures(const std::string& file) {
  std::ifstream in(RequireShared("models/" + file));
  std::stringstream ss;
  ss << in.rdbuf();
  json::value v = json::parse(ss.str());
  std::vector<SignatureFact> out;
  auto tensors = [](const json::object& m) {
    std::vector<TensorFact> t;
    for (const auto& [alias, info] : m) {
      const auto& shape = info.at("tensor_shape");
      json::value dims = nullptr;
      if (!shape.at("unknown_rank").as_bool()) {
        json::array a;
        for (const auto& d : shape.at("dim").as_array()) {
          a.push_back(std::stoll(std::string(d.at("size").as_string())));
        }
        dims = a;
      }
      t.push_back({std::string(alias), std::string(info.at("name").as_string()),
                   std::string(info.at("dtype").as_string()), DocShape(dims)});
    }
    return t;
  };
  for (const auto& [key, sig] :
       v.at("metadata").at("signature_def").at("signature_def").as_object()) {
    // The TF2 answer was recorded from an export without defaults (see serving_models_test),
    // so defaults are held to the fixture doc above, not to these files.
    out.push_back({std::string(key), std::string(sig.at("method_name").as_string()),
                   tensors(sig.at("inputs").as_object()), tensors(sig.at("outputs").as_object()),
                   std::nullopt});
  }
  return out;
}

}  // namespace

TEST_SUITE("model inspect vs. the fixture documentation") {
  TEST_CASE("inspect of saved_model_half_plus_two_cpu matches the fixture doc") {
    CheckFixture(HalfPlusTwoCpu());
  }

  TEST_CASE(
      "inspect of saved_model_half_plus_two_2_versions, both versions matches the fixture doc") {
    CheckFixture(HalfPlusTwo2Versions("00000123"));
    CheckFixture(HalfPlusTwo2Versions("00000124"));
  }

  TEST_CASE("inspect of saved_model_half_plus_three matches the fixture doc") {
    CheckFixture(HalfPlusThree());
  }

  TEST_CASE("inspect of saved_model_counter matches the fixture doc") { CheckFixture(Counter()); }

  TEST_CASE("inspect of saved_model_half_plus_two_tf2_cpu matches the fixture doc") {
    CheckFixture(HalfPlusTwoTf2());
  }

  // The REST metadata answers are checked end to end through the server (which prints the
  // protobuf SignatureDefs); inspect reads the same SignatureDefs through its own path, so its
  // signatures are held to the recorded answers here.
  TEST_CASE("inspect's signatures match TF Serving's recorded metadata answers") {
    struct Pair {
      const char* metadata;
      const char* dir;
    };
    for (Pair p :
         {Pair{"half_plus_two_model_metadata.json", "saved_model_half_plus_two_cpu/00000123"},
          Pair{"saved_model_half_plus_two_2_versions_metadata.json",
               "saved_model_half_plus_two_2_versions/00000124"},
          Pair{"saved_model_half_plus_two_tf2_2_versions_metadata.json",
               "saved_model_half_plus_two_tf2_cpu/00000123"}}) {
      CAPTURE(p.metadata);
      FixtureFacts f;
      f.dir = p.dir;
      f.signatures = MetadataSignatures(p.metadata);
      REQUIRE(!f.signatures.empty());
      CheckSignatures(f, InspectJson(f.dir));
    }
  }
}

}  // namespace tfsk::serving::loader
