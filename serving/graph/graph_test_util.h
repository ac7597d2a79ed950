#pragma once
// Test helpers: GraphDefs and OpLists from protobuf text format.

#include <doctest/doctest.h>
#include <google/protobuf/text_format.h>

#include <string>

#include "serving/proto/graph.pb.h"
#include "serving/proto/op_def.pb.h"

namespace tfsk::serving::testing {

template <typename Proto>
Proto ParseText(const std::string& text) {
  Proto p;
  REQUIRE_MESSAGE(google::protobuf::TextFormat::ParseFromString(text, &p), text);
  return p;
}

/// OpDefs for the ops the executor tests use: output arg names (for `node:arg:idx` references)
/// and a few defaults.
inline tensorflow::OpList TestOpList() {
  return ParseText<tensorflow::OpList>(R"pb(
    op { name: "Const" output_arg { name: "output" type_attr: "dtype" } }
    op { name: "Identity" output_arg { name: "output" type_attr: "T" } }
    op { name: "IdentityN" output_arg { name: "output" type_list_attr: "T" } }
    op { name: "Mul" output_arg { name: "z" type_attr: "T" } }
    op { name: "AddV2" output_arg { name: "z" type_attr: "T" } }
    op { name: "Unpack" output_arg { name: "output" type_attr: "T" number_attr: "num" }
         attr { name: "axis" type: "int" default_value { i: 0 } } }
    op { name: "Shape" output_arg { name: "output" type_attr: "out_type" }
         attr { name: "out_type" type: "type" default_value { type: DT_INT64 } } }
    op { name: "ReadVariableOp" output_arg { name: "value" type_attr: "dtype" } }
    op { name: "StatefulPartitionedCall" output_arg { name: "output" type_list_attr: "Tout" } }
    op { name: "PartitionedCall" output_arg { name: "output" type_list_attr: "Tout" } }
  )pb");
}

}  // namespace tfsk::serving::testing
