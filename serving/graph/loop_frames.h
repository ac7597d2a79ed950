#pragma once
// The while-loop frames of a plan with TF1 dataflow control flow, and the order its steps run
// in. TensorFlow gives every node a frame: the graph outside loops is the root frame, an Enter
// opens the frame its frame_name names (a child of its input's frame), an Exit's output is back
// in the parent frame, and every other node is in the frame of its inputs. A frame's nodes run
// once per iteration, so the layout puts each frame's nodes together, between begin and end
// markers, with its nested frames laid out the same way inside it.

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/body.h"

namespace tfsk::serving {

/// One frame: the root (index 0, name "") or a while loop's.
struct FrameInfo {
  std::string name;
  int parent = -1;  // -1 for the root
};

/// One entry of the layout: a node, or the begin/end marker of a loop frame.
struct LayoutItem {
  int node = -1;                         // >= 0: this node
  NodeKind marker = NodeKind::kMissing;  // kFrameBegin / kFrameEnd when node < 0
  int frame = -1;                        // the marker's frame
};

struct FrameLayout {
  std::vector<FrameInfo> frames;  // [0] is the root
  std::vector<int> frame_of;      // per body node: its frame, -1 when not needed
  /// Every needed node once, each after its inputs (NextIteration back edges aside); a loop
  /// frame's nodes and nested frames sit between its markers, which follow the frame's inputs
  /// and precede the readers of its Exits.
  std::vector<LayoutItem> items;
};

/// Lays out `order` (NeededNodes' result; a fed input edge, which `is_fed` recognises, counts as
/// coming from the root frame). Fails with InvalidArgument, naming the nodes, when a node has
/// inputs from different frames, an Exit is outside any loop, one frame_name is entered from two
/// frames, a NextIteration feeds another frame, or the frames depend on each other in a cycle.
StatusOr<FrameLayout> LayOutFrames(const Body& body, std::span<const int> order,
                                   const std::function<bool(const Edge&)>& is_fed);

}  // namespace tfsk::serving
