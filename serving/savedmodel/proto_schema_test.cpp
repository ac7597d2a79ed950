// Checks that serving/proto/*.proto model every field the fixtures use: a field missing from our
// schema would survive parsing only as an unknown field and be invisible to the server.

#include <doctest/doctest.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>

#include <string>
#include <vector>

#include "serving/proto/saved_model.pb.h"
#include "serving/proto/tensor_bundle.pb.h"
#include "serving/savedmodel/saved_model_reader.h"
#include "tests/support/shared.h"

namespace tfsk::serving::savedmodel {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Paths ("meta_graphs.graph_def.node.attr...") of messages holding unknown fields, except
// MetaGraphDef.object_graph_def (field 7), which serving does not need and we do not model.
void CollectUnknown(const Message& message, const std::string& path,
                    std::vector<std::string>* out) {
  const auto* reflection = message.GetReflection();
  const auto& unknown = reflection->GetUnknownFields(message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const bool object_graph = message.GetDescriptor()->full_name() == "tensorflow.MetaGraphDef" &&
                              unknown.field(i).number() == 7;
    if (!object_graph) {
      out->push_back(path + " #" + std::to_string(unknown.field(i).number()));
    }
  }
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string child = path.empty() ? field->name() : path + "." + field->name();
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        CollectUnknown(reflection->GetRepeatedMessage(message, field, i), child, out);
      }
    } else {
      CollectUnknown(reflection->GetMessage(message, field), child, out);
    }
  }
}

}  // namespace

TEST_SUITE("proto schema") {
  TEST_CASE("every fixture parses without unknown fields outside object_graph_def") {
    for (const char* model :
         {"models/saved_model_half_plus_two_cpu/00000123",
          "models/saved_model_half_plus_two_2_versions/00000123",
          "models/saved_model_half_plus_three/00000123", "models/saved_model_counter/00000123",
          "models/saved_model_half_plus_two_tf2_cpu/00000123"}) {
      CAPTURE(model);
      auto proto = ReadSavedModelProto(testing::RequireShared(model));
      REQUIRE_MESSAGE(proto.ok(), proto.status().ToString());
      std::vector<std::string> unknown;
      CollectUnknown(*proto, "", &unknown);
      CHECK_MESSAGE(unknown.empty(), (unknown.empty() ? std::string() : unknown.front()));
    }
  }

  TEST_CASE("enum values and names match TensorFlow's") {
    CHECK(tensorflow::DT_FLOAT_REF == 101);
    CHECK(tensorflow::DT_UINT64 == 23);
    CHECK(tensorflow::DataType_Name(tensorflow::DT_STRING) == "DT_STRING");
    CHECK(tensorflow::SaverDef::V2 == 2);
    CHECK(tensorflow::BundleHeaderProto::BIG == 1);
  }
}

}  // namespace tfsk::serving::savedmodel
