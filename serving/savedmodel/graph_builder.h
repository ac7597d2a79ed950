#pragma once
// Building TF1-style GraphDefs in code: nodes with fully spelled-out attrs (no reliance on OpDef
// defaults), reference variables (VariableV2 + Assign + Identity, as tf.compat.v1 writes them)
// and the saver subgraph TensorFlow's Saver adds (save/Const, save/RestoreV2, save/restore_all).
// Used by the demo-model writer (demo_models.h); everything here is plain protobuf assembly.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "serving/proto/graph.pb.h"
#include "serving/proto/meta_graph.pb.h"
#include "serving/proto/tensor.pb.h"

namespace tfsk::serving::savedmodel {

/// `dims` as a shape (-1 = unknown dimension).
tensorflow::TensorShapeProto ShapeOf(const std::vector<std::int64_t>& dims);
/// A DT_FLOAT tensor; `values` may hold fewer elements than the shape (TensorFlow repeats the
/// last one, so one value fills a whole tensor).
tensorflow::TensorProto FloatTensor(const std::vector<std::int64_t>& dims,
                                    const std::vector<float>& values);
tensorflow::TensorProto StringTensor(const std::vector<std::int64_t>& dims,
                                     const std::vector<std::string>& values);
tensorflow::TensorProto Int32Tensor(const std::vector<std::int64_t>& dims,
                                    const std::vector<std::int32_t>& values);
/// A TensorInfo naming `tensor` ("x:0") with dtype and shape (empty dims = unknown rank).
tensorflow::TensorInfo TensorInfoOf(const std::string& tensor, tensorflow::DataType dtype,
                                    const std::vector<std::int64_t>& dims,
                                    bool unknown_rank = false);

/// One alias of a signature's inputs or outputs and the tensor it names.
using SignatureEntry = std::pair<std::string, tensorflow::TensorInfo>;

/// A SignatureDef with method_name "tensorflow/serving/<method>" (predict, classify, regress).
tensorflow::SignatureDef SignatureOf(const std::string& method,
                                     const std::vector<SignatureEntry>& inputs,
                                     const std::vector<SignatureEntry>& outputs);

/// Appends nodes to one GraphDef. Node names must be unique; the builder does not check.
class GraphBuilder {
 public:
  explicit GraphBuilder(tensorflow::GraphDef* graph) : graph_(graph) {}

  /// A node `name` running `op` on `inputs` ("n", "n:1", "^n" for control).
  tensorflow::NodeDef* Add(const std::string& name, const std::string& op,
                           const std::vector<std::string>& inputs = {});
  tensorflow::NodeDef* Const(const std::string& name, const tensorflow::TensorProto& value);
  tensorflow::NodeDef* Placeholder(const std::string& name, tensorflow::DataType dtype,
                                   const std::vector<std::int64_t>& dims,
                                   bool unknown_rank = false);
  /// Identity/Mul/Add/... with attr T.
  tensorflow::NodeDef* Unary(const std::string& name, const std::string& op,
                             const std::string& input,
                             tensorflow::DataType t = tensorflow::DT_FLOAT);
  tensorflow::NodeDef* Binary(const std::string& name, const std::string& op, const std::string& a,
                              const std::string& b, tensorflow::DataType t = tensorflow::DT_FLOAT);

  /// `name` (VariableV2), `name/initial_value`, `name/Assign`, `name/read`; returns "name/read".
  /// Remembers the variable for AddSaver.
  std::string Variable(const std::string& name, const std::vector<std::int64_t>& dims,
                       const tensorflow::TensorProto& initial_value);

  /// The Saver subgraph over every Variable() so far, in name order: `save/Const` (the checkpoint
  /// prefix, a PlaceholderWithDefault the loader feeds), `save/SaveV2` + `save/Identity`, and
  /// `save/RestoreV2` + one `save/Assign_<i>` per variable under the NoOp `save/restore_all`.
  /// Returns the matching SaverDef.
  tensorflow::SaverDef AddSaver();

 private:
  struct Var {
    std::string name;
    std::vector<std::int64_t> dims;
  };
  tensorflow::GraphDef* graph_;
  std::vector<Var> variables_;
};

}  // namespace tfsk::serving::savedmodel
