#pragma once
// TF1's dataflow control flow: the ops `tf.cond` (Switch/Merge) and `tf.while_loop` /
// `dynamic_rnn` (Enter/Exit/NextIteration/LoopCond/Merge) leave in a TF1 graph, plus
// ControlTrigger. They are not kernels: what they do is decide which tensors are *dead* (carry
// no value), and the executor's deadness-aware loop (executor_dataflow.cpp) runs them. This file
// knows which op types they are and reads the attrs of Enter.

#include <string>
#include <string_view>

#include "lib/base/status.h"
#include "serving/graph/body.h"

namespace tfsk::serving {

/// The kind of a dataflow control-flow op type (kSwitch for "Switch" and "RefSwitch", kMerge
/// for "Merge"/"RefMerge", … kControlTrigger), or kMissing for any other op type. The Ref*
/// variants pass TF1 reference tensors; values here are plain tensors, so they run alike.
NodeKind DataflowKind(std::string_view op);

/// True for the kinds DataflowKind returns (not kMissing), false for every other kind.
bool IsDataflowKind(NodeKind kind);

/// True for the Ref* variants, which forward a TF1 reference variable (an Assign reached through
/// a RefSwitch still updates that variable).
bool IsRefForwarding(std::string_view op);

/// The attrs of an Enter node that the executor uses.
struct EnterAttrs {
  std::string frame_name;    // names the while-loop frame (one per loop, unique in the graph)
  bool is_constant = false;  // a loop invariant: the value is seen by every iteration
};

/// Reads an Enter/RefEnter node's attrs. `frame_name` is required (InvalidArgument naming the
/// node when absent); `is_constant` defaults to false as in its OpDef. `parallel_iterations`
/// is not read: iterations run one after another.
StatusOr<EnterAttrs> ReadEnterAttrs(const NodeInfo& info);

}  // namespace tfsk::serving
