#pragma once
// The compiled function library (GraphDef.library): one Body + Plan per FunctionDef, linked so
// call nodes point at their callee.

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "serving/graph/body.h"
#include "serving/graph/plan.h"
#include "serving/proto/function.pb.h"

namespace tfsk::serving {

/// One FunctionDef, ready to run: arguments are Body nodes 0..num_args-1 and the plan feeds
/// them in order, fetches the `ret` tensors in signature order and runs the control_ret nodes.
struct FunctionBody {
  std::string name;
  Body body;
  std::vector<Edge> rets;
  std::vector<int> control_rets;
  int num_args = 0;
  Plan plan;
  Status error;  // compile/plan problem, reported when called
};

class FunctionLibrary {
 public:
  /// Compiles every function of `library` and links call nodes (here and in `graph_body`, the
  /// top-level graph) to their callees. Per-function problems are kept in FunctionBody::error.
  static StatusOr<std::unique_ptr<FunctionLibrary>> Build(const tensorflow::FunctionDefLibrary& library,
                                                          const OpDefIndex& op_defs, Body& graph_body);

  /// The function called `name`, or nullptr.
  const FunctionBody* Find(const std::string& name) const;
  bool Contains(std::string_view name) const;

 private:
  std::unordered_map<std::string, std::unique_ptr<FunctionBody>> functions_;
};

}  // namespace tfsk::serving
