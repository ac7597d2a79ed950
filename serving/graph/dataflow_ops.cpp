#include "serving/graph/dataflow_ops.h"

#include <unordered_map>

namespace tfsk::serving {

NodeKind DataflowKind(std::string_view op) {
  static const auto* table = new std::unordered_map<std::string_view, NodeKind>{
      {"Switch", NodeKind::kSwitch},
      {"RefSwitch", NodeKind::kSwitch},
      {"Merge", NodeKind::kMerge},
      {"RefMerge", NodeKind::kMerge},
      {"Enter", NodeKind::kEnter},
      {"RefEnter", NodeKind::kEnter},
      {"Exit", NodeKind::kExit},
      {"RefExit", NodeKind::kExit},
      {"NextIteration", NodeKind::kNextIteration},
      {"RefNextIteration", NodeKind::kNextIteration},
      {"LoopCond", NodeKind::kLoopCond},
      {"ControlTrigger", NodeKind::kControlTrigger},
  };
  auto it = table->find(op);
  return it == table->end() ? NodeKind::kMissing : it->second;
}

bool IsDataflowKind(NodeKind kind) {
  switch (kind) {
    case NodeKind::kSwitch:
    case NodeKind::kMerge:
    case NodeKind::kEnter:
    case NodeKind::kExit:
    case NodeKind::kNextIteration:
    case NodeKind::kLoopCond:
    case NodeKind::kControlTrigger:
      return true;
    default:
      return false;
  }
}

bool IsRefForwarding(std::string_view op) {
  return op == "RefSwitch" || op == "RefMerge" || op == "RefEnter" || op == "RefExit" ||
         op == "RefNextIteration";
}

StatusOr<EnterAttrs> ReadEnterAttrs(const NodeInfo& info) {
  EnterAttrs a;
  auto name = info.GetString("frame_name");
  if (!name.ok()) {
    return InvalidArgument("NodeDef '" + info.name + "' (op " + info.op +
                           ") is missing attr 'frame_name'");
  }
  a.frame_name = std::move(*name);
  a.is_constant = info.BoolOr("is_constant", false);
  return a;
}

}  // namespace tfsk::serving
