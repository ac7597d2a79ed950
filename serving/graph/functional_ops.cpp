#include "serving/graph/functional_ops.h"

#include <string>
#include <unordered_map>

namespace tfsk::serving {

const FunctionalOp* FindFunctionalOp(std::string_view op) {
  static const auto* table = [] {
    const FunctionalOp call{NodeKind::kCall, {"f"}, {}};
    const FunctionalOp branch{NodeKind::kIf, {"then_branch", "else_branch"}, {}};
    const FunctionalOp loop{NodeKind::kWhile, {"cond", "body"}, {}};
    const FunctionalOp cases{NodeKind::kCase, {}, "branches"};
    // Stateless* differ only in promising no side effects; with no graph rewriting here they
    // run exactly like their stateful twins. BatchFunction (in-graph batching) calls `f` on
    // in_tensors followed by captured_tensors, which are its inputs in that order; merging
    // concurrent requests into one batch changes throughput, not answers, so each request's
    // call runs f on its own inputs.
    return new std::unordered_map<std::string_view, FunctionalOp>{
        {"StatefulPartitionedCall", call},
        {"PartitionedCall", call},
        {"If", branch},
        {"StatelessIf", branch},
        {"While", loop},
        {"StatelessWhile", loop},
        {"Case", cases},
        {"StatelessCase", cases},
        {"BatchFunction", call},
    };
  }();
  auto it = table->find(op);
  return it == table->end() ? nullptr : &it->second;
}

StatusOr<bool> PredicateValue(const Tensor& t) {
  if (t.rank() != 0) return t.num_elements() > 0;
  switch (t.dtype()) {
    case DataType::kBool:
      return t.flat<bool>()[0];
    case DataType::kFloat:
      return t.flat<float>()[0] != 0;
    case DataType::kDouble:
      return t.flat<double>()[0] != 0;
    case DataType::kInt32:
      return t.flat<std::int32_t>()[0] != 0;
    case DataType::kInt64:
      return t.flat<std::int64_t>()[0] != 0;
    case DataType::kInt16:
      return t.flat<std::int16_t>()[0] != 0;
    case DataType::kInt8:
      return t.flat<std::int8_t>()[0] != 0;
    case DataType::kUint8:
      return t.flat<std::uint8_t>()[0] != 0;
    case DataType::kString:
      return !t.flat<std::string>()[0].empty();
    default:
      break;
  }
  return InvalidArgument(DataTypeName(t.dtype()) + " cannot be converted to a boolean");
}

StatusOr<int> CaseBranch(const Tensor& branch_index, int num_branches) {
  if (branch_index.rank() != 0) return InvalidArgument("branch_index must be scalar");
  if (branch_index.dtype() != DataType::kInt32) {
    return InvalidArgument("branch_index must be int32, got " + DataTypeName(branch_index.dtype()));
  }
  const std::int32_t b = branch_index.flat<std::int32_t>()[0];
  return b < 0 || b >= num_branches ? num_branches - 1 : static_cast<int>(b);
}

}  // namespace tfsk::serving
