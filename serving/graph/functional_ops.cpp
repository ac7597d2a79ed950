#include "serving/graph/functional_ops.h"

#include <string>
#include <unordered_map>

namespace tfsk::serving {

const FunctionalOp* FindFunctionalOp(std::string_view op) {
  static const auto* table = [] {
    const FunctionalOp call{NodeKind::kCall, {"f"}};
    const FunctionalOp branch{NodeKind::kIf, {"then_branch", "else_branch"}};
    const FunctionalOp loop{NodeKind::kWhile, {"cond", "body"}};
    // Stateless* differ only in promising no side effects; with no graph rewriting here they
    // run exactly like their stateful twins. BatchFunction (in-graph batching) calls `f` on
    // in_tensors followed by captured_tensors, which are its inputs in that order; merging
    // concurrent requests into one batch changes throughput, not answers, so each request's
    // call runs f on its own inputs.
    return new std::unordered_map<std::string_view, FunctionalOp>{
        {"StatefulPartitionedCall", call}, {"PartitionedCall", call}, {"If", branch},
        {"StatelessIf", branch},           {"While", loop},           {"StatelessWhile", loop},
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

}  // namespace tfsk::serving
