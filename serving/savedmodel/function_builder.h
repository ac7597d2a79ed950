#pragma once
// Building TF2-style function libraries in code: FunctionDefs whose nodes refer to outputs as
// node:output_arg:index, the attrs functional ops carry (type lists, function names), and the
// stripped OpDefs that resolve those references. Used by the models written in code to exercise
// functional control flow (control_flow_model.h, rnn_model.h).

#include <initializer_list>
#include <string>

#include "serving/proto/function.pb.h"
#include "serving/proto/graph.pb.h"
#include "serving/proto/op_def.pb.h"
#include "serving/proto/tensor.pb.h"
#include "serving/savedmodel/node_attrs.h"  // SetTypeList, SetFunc: the attrs functional ops carry

namespace tfsk::serving::savedmodel {

/// Adds an OpDef with just one output arg, as far as resolving `node:output_arg:index` needs:
/// its name, and how a list output is sized (`type_attr` names the type or type-list attr).
void AddOutputOpDef(tensorflow::OpList& ops, const std::string& op, const std::string& output,
                    const std::string& type_attr, bool list = false);

/// A FunctionDef under construction: typed arguments and results, nodes, ret mapping.
class FunctionBuilder {
 public:
  FunctionBuilder(tensorflow::FunctionDef* f, const std::string& name);
  void Arg(const std::string& name, tensorflow::DataType t);
  /// Result `name` of type `t` is `ref` ("node:output_arg:index" or an argument name).
  void Ret(const std::string& name, tensorflow::DataType t, const std::string& ref);
  /// A node with attr T = `t` (omitted when DT_INVALID).
  tensorflow::NodeDef* Node(const std::string& name, const std::string& op,
                            std::initializer_list<std::string> inputs,
                            tensorflow::DataType t = tensorflow::DT_INVALID);
  /// A Const node holding `value` (its output is `name:output:0`).
  tensorflow::NodeDef* Const(const std::string& name, const tensorflow::TensorProto& value);

 private:
  tensorflow::FunctionDef* f_;
};

}  // namespace tfsk::serving::savedmodel
