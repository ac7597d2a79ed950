#include "serving/savedmodel/demo_models.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "serving/savedmodel/bundle_reader.h"
#include "serving/savedmodel/bundle_writer.h"
#include "serving/savedmodel/saved_model_reader.h"
#include "tests/support/shared.h"

namespace tfsk::serving::savedmodel {

TEST_SUITE("savedmodel") {
  TEST_CASE("written half_plus_two parses with our protos and has the fixture's layout") {
    tfsk::testing::TempDir dir;
    const auto version = dir.path() / "1";
    REQUIRE(WriteSavedModel(version, HalfPlusTwo()).ok());
    auto info = ReadSavedModel(version);
    REQUIRE_MESSAGE(info.ok(), info.status().message());
    CHECK(info->schema_version == 1);
    CHECK(info->tags == std::set<std::string>{"serve"});
    REQUIRE(info->restore.has_value());
    CHECK(info->restore->restore_op_name == "save/restore_all");
    CHECK(info->restore->filename_tensor_name == "save/Const:0");
    CHECK(info->init_op_name == "group_deps");
    for (const char* key : {"serving_default", "classify_x_to_y", "regress_x_to_y",
                            "regress_x_to_y2", "regress_x2_to_y3"}) {
      CHECK(info->signatures.count(key) == 1);
    }
    const auto& predict = info->signatures.at("serving_default");
    CHECK(predict.method_name() == "tensorflow/serving/predict");
    CHECK(predict.inputs().at("x").name() == "x:0");
    CHECK(predict.outputs().at("y").name() == "y:0");
    CHECK(info->signatures.at("classify_x_to_y").inputs().at("inputs").dtype() ==
          tensorflow::DT_STRING);

    // Binary parse with the generated classes, independent of the reader.
    std::ifstream in(version / "saved_model.pb", std::ios::binary);
    tensorflow::SavedModel sm;
    REQUIRE(sm.ParseFromIstream(&in));
    CHECK(sm.meta_graphs(0).graph_def().node_size() > 40);
  }

  TEST_CASE("the variables bundle verifies (CRCs) and holds a=0.5 b=2 c=3") {
    tfsk::testing::TempDir dir;
    REQUIRE(WriteSavedModel(dir.path() / "1", HalfPlusTwo()).ok());
    auto reader = BundleReader::Open((dir.path() / "1" / "variables" / "variables").string());
    REQUIRE_MESSAGE(reader.ok(), reader.status().message());
    CHECK(reader->ListKeys() == std::vector<std::string>{"a", "a2", "b", "c", "c2"});
    CHECK(reader->header().num_shards() == 1);
    for (const auto& [key, want] : std::vector<std::pair<std::string, float>>{
             {"a", 0.5F}, {"a2", 0.5F}, {"b", 2.0F}, {"c", 3.0F}, {"c2", 3.0F}}) {
      auto t = reader->Lookup(key);  // verifies the entry's CRC32C
      REQUIRE_MESSAGE(t.ok(), t.status().message());
      CHECK(t->flat<float>()[0] == want);
    }
  }

  TEST_CASE("a corrupted data byte fails the CRC check") {
    tfsk::testing::TempDir dir;
    const std::string prefix = (dir.path() / "v").string();
    REQUIRE(WriteTensorBundle(prefix, {{"w", tensorflow::DT_FLOAT, {2}, FloatBytes({1.0F, 2.0F})}})
                .ok());
    const auto data = BundleDataFilename(prefix, 0, 1);
    {
      std::fstream f(data, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(1);
      f.put('\x7f');
    }
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    CHECK(reader->Lookup("w").status().code() == Code::kDataLoss);
  }

  TEST_CASE("many tensors span several table blocks and still read back") {
    tfsk::testing::TempDir dir;
    const std::string prefix = (dir.path() / "v").string();
    std::vector<BundleTensor> tensors;
    for (int i = 0; i < 400; ++i) {
      tensors.push_back({"layer_" + std::to_string(1000 + i) + "/kernel",
                         tensorflow::DT_FLOAT,
                         {1},
                         FloatBytes({static_cast<float>(i)})});
    }
    REQUIRE(WriteTensorBundle(prefix, tensors).ok());
    auto reader = BundleReader::Open(prefix);
    REQUIRE_MESSAGE(reader.ok(), reader.status().message());
    CHECK(reader->ListKeys().size() == 400);
    CHECK(reader->Lookup("layer_1399/kernel")->flat<float>()[0] == 399.0F);
  }

  TEST_CASE("bad bundle input is InvalidArgument") {
    tfsk::testing::TempDir dir;
    const std::string prefix = (dir.path() / "v").string();
    CHECK(
        WriteTensorBundle(prefix, {{"w", tensorflow::DT_FLOAT, {3}, FloatBytes({1.0F})}}).code() ==
        Code::kInvalidArgument);
    CHECK(WriteTensorBundle(prefix, {{"w", tensorflow::DT_FLOAT, {}, FloatBytes({1.0F})},
                                     {"w", tensorflow::DT_FLOAT, {}, FloatBytes({1.0F})}})
              .code() == Code::kInvalidArgument);
  }

  TEST_CASE("mlp weights are seeded: same seed, same bytes, different seed, different bytes") {
    MlpOptions o;
    o.inputs = 4;
    o.hidden = {3};
    o.classes = 2;
    const auto a = Mlp(o);
    const auto b = Mlp(o);
    o.seed = 7;
    const auto c = Mlp(o);
    REQUIRE(a.variables.size() == 4);
    CHECK(a.variables[0].bytes == b.variables[0].bytes);
    CHECK(a.variables[0].bytes != c.variables[0].bytes);
    CHECK(a.proto.meta_graphs(0)
              .signature_def()
              .at("serving_default")
              .outputs()
              .count("probabilities") == 1);
  }

  TEST_CASE("WriteSavedModel does not overwrite, DemoModel knows both names") {
    tfsk::testing::TempDir dir;
    REQUIRE(WriteSavedModel(dir.path() / "1", HalfPlusTwo()).ok());
    CHECK(WriteSavedModel(dir.path() / "1", HalfPlusTwo()).code() == Code::kAlreadyExists);
    CHECK(DemoModel("mlp").ok());
    CHECK(DemoModel("resnet").status().code() == Code::kInvalidArgument);
  }
}

}  // namespace tfsk::serving::savedmodel
