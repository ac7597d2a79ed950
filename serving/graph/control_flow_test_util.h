#pragma once
// Test helpers around savedmodel::ControlFlowModel (a While summing 1..n, a StatelessIf picking
// Relu or Neg): its graph compiled by the executor, without writing it to disk.

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>

#include "serving/graph/executor.h"
#include "serving/savedmodel/control_flow_model.h"

namespace tfsk::serving::testing {

inline std::unique_ptr<Executor> ControlFlowExecutor() {
  const auto model = savedmodel::ControlFlowModel();
  const auto& mg = model.proto.meta_graphs(0);
  auto exec = Executor::Create(mg.graph_def(), mg.meta_info_def().stripped_op_list());
  REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
  return std::move(*exec);
}

/// The model's serving_default: 1 + 2 + … + n (REQUIREs success).
inline std::int64_t SumTo(const Executor& exec, std::int64_t n, const RunOptions& options = {}) {
  auto out = exec.Run({{"n", Tensor::Scalar<std::int64_t>(n)}}, {"sum"}, {}, options);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return (*out)[0].flat<std::int64_t>()[0];
}

}  // namespace tfsk::serving::testing
