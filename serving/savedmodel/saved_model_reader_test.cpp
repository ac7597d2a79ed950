#include "serving/savedmodel/saved_model_reader.h"

#include <doctest/doctest.h>
#include <google/protobuf/text_format.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "serving/proto/tensor_bundle.pb.h"
#include "serving/savedmodel/test_writers.h"
#include "tests/support/shared.h"

namespace tfsk::serving::savedmodel {
namespace {

namespace fs = std::filesystem;

bool Contains(const Status& s, const std::string& text) {
  return s.message().find(text) != std::string::npos;
}

std::vector<std::string> SignatureKeys(const SavedModelInfo& info) {
  std::vector<std::string> keys;
  for (const auto& [key, sig] : info.signatures) keys.push_back(key);
  return keys;
}

SavedModelInfo ReadFixture(const std::string& model) {
  auto info = ReadSavedModel(testing::RequireShared(model));
  REQUIRE_MESSAGE(info.ok(), info.status().ToString());
  return std::move(info).value();
}

// A writable copy of a fixture's saved_model.pb (and nothing else) in `dir`.
void CopySavedModelPb(const std::string& model, const fs::path& dir) {
  fs::copy_file(testing::RequireShared(model) / "saved_model.pb", dir / "saved_model.pb");
}

tensorflow::SavedModel ParseFixture(const std::string& model) {
  auto proto = ReadSavedModelProto(testing::RequireShared(model));
  REQUIRE_MESSAGE(proto.ok(), proto.status().ToString());
  return std::move(proto).value();
}

void WriteProto(const tensorflow::SavedModel& model, const fs::path& dir) {
  testwriters::WriteFile(dir / "saved_model.pb", model.SerializeAsString());
}

}  // namespace

TEST_SUITE("ReadSavedModel on the fixtures") {
  TEST_CASE("TF 1.14 half_plus_two_cpu: signatures, restore, main op and asset") {
    const auto dir = testing::RequireShared("models/saved_model_half_plus_two_cpu/00000123");
    const SavedModelInfo info = ReadFixture("models/saved_model_half_plus_two_cpu/00000123");
    CHECK(info.export_dir.is_absolute());
    CHECK(info.model_file.filename() == "saved_model.pb");
    CHECK(info.schema_version == 1);
    CHECK(info.tags == std::set<std::string>{"serve"});
    CHECK(SignatureKeys(info) == std::vector<std::string>{"classify_x_to_y", "regress_x2_to_y3",
                                                          "regress_x_to_y", "regress_x_to_y2",
                                                          "serving_default"});
    const auto& predict = info.signatures.at("serving_default");
    CHECK(predict.method_name() == "tensorflow/serving/predict");
    const auto& x = predict.inputs().at("x");
    CHECK(x.name() == "x:0");
    CHECK(x.dtype() == tensorflow::DT_FLOAT);
    REQUIRE(x.tensor_shape().dim_size() == 2);
    CHECK(x.tensor_shape().dim(0).size() == -1);
    CHECK(x.tensor_shape().dim(1).size() == 1);
    CHECK(predict.outputs().at("y").name() == "y:0");
    const auto& classify = info.signatures.at("classify_x_to_y");
    CHECK(classify.method_name() == "tensorflow/serving/classify");
    CHECK(classify.inputs().at("inputs").dtype() == tensorflow::DT_STRING);
    CHECK(classify.inputs().at("inputs").tensor_shape().unknown_rank());

    CHECK(info.meta_graph.graph_def().node_size() == 74);
    CHECK(info.meta_graph.graph_def().versions().producer() == 149);

    const std::string prefix = (info.export_dir / "variables" / "variables").string();
    REQUIRE(info.variables_prefix.has_value());
    CHECK(*info.variables_prefix == prefix);
    REQUIRE(info.restore.has_value());
    CHECK(info.restore->restore_op_name == "save/restore_all");
    CHECK(info.restore->filename_tensor_name == "save/Const:0");
    CHECK(info.restore->checkpoint_prefix == prefix);

    CHECK(info.init_op_name == "group_deps");
    CHECK(info.init_op_source == InitOpSource::kMainOpCollection);
    REQUIRE(info.asset_feeds.size() == 1);
    CHECK(info.asset_feeds[0].tensor_name == "Const:0");
    CHECK(info.asset_feeds[0].filename == "foo.txt");
    CHECK(info.asset_feeds[0].path == info.export_dir / "assets" / "foo.txt");
    CHECK(fs::exists(info.asset_feeds[0].path));
  }

  TEST_CASE("2_versions: six signatures and the legacy_init_op, in both versions") {
    for (const char* version : {"00000123", "00000124"}) {
      CAPTURE(version);
      const SavedModelInfo info =
          ReadFixture(std::string("models/saved_model_half_plus_two_2_versions/") + version);
      CHECK(SignatureKeys(info) == std::vector<std::string>{"classify_x2_to_y3", "classify_x_to_y",
                                                            "regress_x2_to_y3", "regress_x_to_y",
                                                            "regress_x_to_y2", "serving_default"});
      CHECK(info.init_op_name == "group_deps");
      CHECK(info.init_op_source == InitOpSource::kLegacyInitOpCollection);
      REQUIRE(info.asset_feeds.size() == 1);
      CHECK(info.asset_feeds[0].tensor_name == "Const:0");
      REQUIRE(info.restore.has_value());
      CHECK(info.restore->restore_op_name == "save/restore_all");
    }
  }

  TEST_CASE("half_plus_three: a signature keyed by a method name, rank-0 shapes") {
    const SavedModelInfo info = ReadFixture("models/saved_model_half_plus_three/00000123");
    CHECK(SignatureKeys(info) ==
          std::vector<std::string>{"serving_default", "tensorflow/serving/regress"});
    const auto& regress = info.signatures.at("tensorflow/serving/regress");
    CHECK(regress.inputs().at("inputs").name() == "tf_example:0");
    CHECK(regress.outputs().at("outputs").name() == "Identity:0");
    const auto& x = info.signatures.at("serving_default").inputs().at("x");
    CHECK_FALSE(x.tensor_shape().unknown_rank());
    CHECK(x.tensor_shape().dim_size() == 0);
    CHECK(info.init_op_source == InitOpSource::kLegacyInitOpCollection);
  }

  TEST_CASE("counter: reference-typed outputs, no init op, no assets") {
    const SavedModelInfo info = ReadFixture("models/saved_model_counter/00000123");
    CHECK(SignatureKeys(info) == std::vector<std::string>{"get_counter", "incr_counter",
                                                          "incr_counter_by", "reset_counter"});
    const auto& get = info.signatures.at("get_counter");
    CHECK(get.inputs().empty());
    CHECK(get.outputs().at("output").name() == "counter:0");
    CHECK(get.outputs().at("output").dtype() == tensorflow::DT_FLOAT_REF);
    CHECK(info.signatures.at("incr_counter_by").inputs().at("delta").name() == "delta:0");
    CHECK(info.init_op_name.empty());
    CHECK(info.init_op_source == InitOpSource::kNone);
    CHECK(info.asset_feeds.empty());
    REQUIRE(info.restore.has_value());
    CHECK(info.restore->restore_op_name == "save/restore_all");
  }

  TEST_CASE("TF2 export: init-op signature, function library, asset_file_def, defaults") {
    const SavedModelInfo info = ReadFixture("models/saved_model_half_plus_two_tf2_cpu/00000123");
    CHECK(SignatureKeys(info) == std::vector<std::string>{"__saved_model_init_op",
                                                          "classify_x2_to_y3", "classify_x_to_y",
                                                          "regress_x2_to_y3", "regress_x_to_y",
                                                          "regress_x_to_y2", "serving_default"});
    const auto& predict = info.signatures.at("serving_default");
    CHECK(predict.method_name() == "tensorflow/serving/predict");
    CHECK(predict.inputs().at("x").name() == "serving_default_x:0");
    CHECK(predict.outputs().at("y").name() == "StatefulPartitionedCall_5:0");
    REQUIRE(predict.defaults().contains("x"));
    CHECK(predict.defaults().at("x").dtype() == tensorflow::DT_FLOAT);

    CHECK(info.init_op_name == "NoOp");
    CHECK(info.init_op_source == InitOpSource::kSignature);
    REQUIRE(info.restore.has_value());
    CHECK(info.restore->restore_op_name == "StatefulPartitionedCall_7");
    CHECK(info.restore->filename_tensor_name == "saver_filename:0");
    REQUIRE(info.asset_feeds.size() == 1);
    CHECK(info.asset_feeds[0].tensor_name == "asset_path_initializer:0");
    CHECK(info.asset_feeds[0].path == info.export_dir / "assets" / "foo.txt");

    const auto& meta = info.meta_graph;
    CHECK(meta.graph_def().node_size() == 29);
    CHECK(meta.graph_def().library().function_size() == 14);
    CHECK(meta.meta_info_def().stripped_default_attrs());
    CHECK(meta.meta_info_def().stripped_op_list().op_size() > 10);
    CHECK(meta.meta_info_def().tensorflow_version() == "2.14.0");
  }
}

TEST_SUITE("ReadSavedModel errors and variants") {
  TEST_CASE("a missing directory is NotFound") {
    testing::TempDir dir;
    auto info = ReadSavedModel(dir.path() / "nope");
    CHECK(info.status().code() == Code::kNotFound);
    CHECK(Contains(info.status(), "does not exist"));
  }

  TEST_CASE("a file instead of a directory is FailedPrecondition") {
    testing::TempDir dir;
    testwriters::WriteFile(dir.path() / "file", "x");
    CHECK(ReadSavedModel(dir.path() / "file").status().code() == Code::kFailedPrecondition);
  }

  TEST_CASE("a directory without saved_model.pb is NotFound naming the files looked for") {
    testing::TempDir dir;
    auto info = ReadSavedModel(dir.path());
    CHECK(info.status().code() == Code::kNotFound);
    CHECK(Contains(info.status(), "no saved_model.pb or saved_model.pbtxt"));
  }

  TEST_CASE("a truncated saved_model.pb is DataLoss") {
    testing::TempDir dir;
    CopySavedModelPb("models/saved_model_half_plus_two_cpu/00000123", dir.path());
    const std::string pb = testwriters::ReadFile(dir.path() / "saved_model.pb");
    testwriters::WriteFile(dir.path() / "saved_model.pb", pb.substr(0, pb.size() / 2));
    auto info = ReadSavedModel(dir.path());
    CHECK(info.status().code() == Code::kDataLoss);
    CHECK(Contains(info.status(), "saved_model.pb: cannot parse"));
  }

  TEST_CASE("wrong tags list the tag sets available") {
    const auto dir = testing::RequireShared("models/saved_model_half_plus_two_cpu/00000123");
    auto info = ReadSavedModel(dir, {"train"});
    CHECK(info.status().code() == Code::kNotFound);
    CHECK(Contains(info.status(), "no meta graph with tags {train} in "));
    CHECK(Contains(info.status(), "saved_model.pb; available: {serve}"));
    auto two = ReadSavedModel(dir, {"serve", "gpu"});
    CHECK(Contains(two.status(), "tags {gpu, serve}"));
  }

  TEST_CASE("picks the meta graph whose tag set matches exactly") {
    testing::TempDir dir;
    tensorflow::SavedModel model = ParseFixture("models/saved_model_counter/00000123");
    tensorflow::MetaGraphDef gpu = model.meta_graphs(0);
    gpu.mutable_meta_info_def()->add_tags("gpu");
    gpu.mutable_signature_def()->clear();
    *model.add_meta_graphs() = gpu;
    WriteProto(model, dir.path());
    auto serve = ReadSavedModel(dir.path());
    REQUIRE(serve.ok());
    CHECK(serve->signatures.size() == 4);
    auto serve_gpu = ReadSavedModel(dir.path(), {"gpu", "serve"});
    REQUIRE(serve_gpu.ok());
    CHECK(serve_gpu->signatures.empty());
    CHECK(
        Contains(ReadSavedModel(dir.path(), {"gpu"}).status(), "available: {serve}, {gpu, serve}"));
  }

  TEST_CASE("reads saved_model.pbtxt when there is no saved_model.pb") {
    testing::TempDir dir;
    const tensorflow::SavedModel model =
        ParseFixture("models/saved_model_half_plus_two_cpu/00000123");
    std::string text;
    REQUIRE(google::protobuf::TextFormat::PrintToString(model, &text));
    testwriters::WriteFile(dir.path() / "saved_model.pbtxt", text);
    auto info = ReadSavedModel(dir.path());
    REQUIRE_MESSAGE(info.ok(), info.status().ToString());
    CHECK(info->model_file.filename() == "saved_model.pbtxt");
    CHECK(info->signatures.size() == 5);
    CHECK(info->init_op_name == "group_deps");
    // No variables/ directory here: nothing to restore.
    CHECK_FALSE(info->variables_prefix.has_value());
    CHECK_FALSE(info->restore.has_value());
  }

  TEST_CASE("a malformed saved_model.pbtxt reports line and column") {
    testing::TempDir dir;
    testwriters::WriteFile(dir.path() / "saved_model.pbtxt",
                           "saved_model_schema_version: 1\nmeta_graphs { bogus: 3 }\n");
    auto info = ReadSavedModel(dir.path());
    CHECK(info.status().code() == Code::kDataLoss);
    CHECK(Contains(info.status(), "line 2"));
    CHECK(Contains(info.status(), "bogus"));
  }

  TEST_CASE("a relative export dir with a trailing slash yields clean absolute paths") {
    testing::TempDir dir;
    CopySavedModelPb("models/saved_model_half_plus_two_cpu/00000123", dir.path());
    fs::create_directory(dir.path() / "variables");
    testwriters::WriteFile(dir.path() / "variables" / "variables.index", "");
    const fs::path old_cwd = fs::current_path();
    fs::current_path(dir.path().parent_path());
    auto info = ReadSavedModel(dir.path().filename().string() + "/");
    fs::current_path(old_cwd);
    REQUIRE_MESSAGE(info.ok(), info.status().ToString());
    CHECK(info->export_dir == fs::weakly_canonical(dir.path()));
    CHECK(info->asset_feeds.at(0).path == fs::weakly_canonical(dir.path()) / "assets" / "foo.txt");
    REQUIRE(info->restore.has_value());
    CHECK(info->restore->checkpoint_prefix ==
          (fs::weakly_canonical(dir.path()) / "variables" / "variables").string());
  }

  TEST_CASE("an init-op collection must name exactly one node") {
    testing::TempDir dir;
    tensorflow::SavedModel model = ParseFixture("models/saved_model_half_plus_two_cpu/00000123");
    auto& collections = *model.mutable_meta_graphs(0)->mutable_collection_def();
    collections["saved_model_main_op"].mutable_node_list()->add_value("another_op");
    WriteProto(model, dir.path());
    auto info = ReadSavedModel(dir.path());
    CHECK(info.status().code() == Code::kFailedPrecondition);
    CHECK(Contains(info.status(), "exactly one init op"));
  }

  TEST_CASE("the init-op signature must have its output") {
    testing::TempDir dir;
    tensorflow::SavedModel model =
        ParseFixture("models/saved_model_half_plus_two_tf2_cpu/00000123");
    (*model.mutable_meta_graphs(0)->mutable_signature_def())["__saved_model_init_op"]
        .mutable_outputs()
        ->clear();
    WriteProto(model, dir.path());
    CHECK(ReadSavedModel(dir.path()).status().code() == Code::kFailedPrecondition);
  }

  TEST_CASE("asset collections must hold AssetFileDefs") {
    testing::TempDir dir;
    tensorflow::SavedModel model = ParseFixture("models/saved_model_half_plus_two_cpu/00000123");
    auto& assets = (*model.mutable_meta_graphs(0)->mutable_collection_def())["saved_model_assets"];
    tensorflow::BundleHeaderProto not_an_asset;
    assets.mutable_any_list()->add_value()->PackFrom(not_an_asset);
    WriteProto(model, dir.path());
    auto info = ReadSavedModel(dir.path());
    CHECK(info.status().code() == Code::kInvalidArgument);
    CHECK(Contains(info.status(), "tensorflow.BundleHeaderProto"));
  }

  TEST_CASE("an asset's type is the part of its Any type URL after the last slash") {
    testing::TempDir dir;
    tensorflow::SavedModel model = ParseFixture("models/saved_model_half_plus_two_cpu/00000123");
    auto& assets = (*model.mutable_meta_graphs(0)->mutable_collection_def())["saved_model_assets"];
    REQUIRE(assets.any_list().value_size() == 1);
    auto* any = assets.mutable_any_list()->mutable_value(0);
    SUBCASE("any host prefix") {
      any->set_type_url("example.com/types/tensorflow.AssetFileDef");
      WriteProto(model, dir.path());
      auto read = ReadSavedModel(dir.path());
      REQUIRE_MESSAGE(read.ok(), read.status().ToString());
      REQUIRE(read->asset_feeds.size() == 1);
      CHECK(read->asset_feeds[0].filename == "foo.txt");
    }
    SUBCASE("a longer name that ends the same way") {
      any->set_type_url("type.googleapis.com/my.tensorflow.AssetFileDef");
      WriteProto(model, dir.path());
      auto read = ReadSavedModel(dir.path());
      CHECK(read.status().code() == Code::kInvalidArgument);
      CHECK(Contains(read.status(), "my.tensorflow.AssetFileDef"));
    }
  }

  TEST_CASE("formats tag sets sorted") {
    CHECK(TagSetString({}) == "{}");
    CHECK(TagSetString({"serve", "gpu", "tpu"}) == "{gpu, serve, tpu}");
  }
}

}  // namespace tfsk::serving::savedmodel
