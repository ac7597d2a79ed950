#include "serving/graph/loop_frames.h"

#include <unordered_map>

#include "serving/graph/dataflow_ops.h"

namespace tfsk::serving {
namespace {

class Layouter {
 public:
  Layouter(const Body& body, const std::function<bool(const Edge&)>& is_fed)
      : body_(body), is_fed_(is_fed) {
    out_.frames.push_back(FrameInfo{});
    out_.frame_of.assign(body.nodes.size(), -1);
    members_.emplace_back();
    children_.emplace_back();
  }

  StatusOr<FrameLayout> Run(std::span<const int> order) {
    for (int id : order) TFSK_RETURN_IF_ERROR(Assign(id));
    for (int id : order) TFSK_RETURN_IF_ERROR(CheckBackEdges(id));
    if (out_.frames.size() == 1) {
      // No loop: the dependency order is the run order.
      for (int id : order) out_.items.push_back(LayoutItem{id});
      return std::move(out_);
    }
    state_.assign(body_.nodes.size() + out_.frames.size(), kUnseen);
    TFSK_RETURN_IF_ERROR(Emit(0));
    return std::move(out_);
  }

 private:
  enum : char { kUnseen, kActive, kDone };

  const CompiledNode& Node(int id) const { return body_.nodes[static_cast<std::size_t>(id)]; }
  int FrameOf(int id) const { return out_.frame_of[static_cast<std::size_t>(id)]; }
  const FrameInfo& Frame(int f) const { return out_.frames[static_cast<std::size_t>(f)]; }
  int Units() const { return static_cast<int>(body_.nodes.size()); }  // frames come after

  /// The frame `id`'s output is in: an Exit's is its frame's parent.
  int OutFrame(int id) const {
    return Node(id).kind == NodeKind::kExit ? Frame(FrameOf(id)).parent : FrameOf(id);
  }

  /// Calls fn(src) for each producer `n` depends on within an iteration: data inputs that are
  /// not fed, and control inputs; with `back_edges`, only the NextIteration ones instead.
  template <typename Fn>
  Status ForEachSource(const CompiledNode& n, bool back_edges, Fn&& fn) const {
    auto one = [&](int src) -> Status {
      if (src < 0) return OkStatus();
      if ((Node(src).kind == NodeKind::kNextIteration) != back_edges) return OkStatus();
      return fn(src);
    };
    for (const Edge& e : n.inputs) {
      if (e.node >= 0 && !is_fed_(e)) TFSK_RETURN_IF_ERROR(one(e.node));
    }
    for (int c : n.controls) TFSK_RETURN_IF_ERROR(one(c));
    return OkStatus();
  }

  Status DifferentFrames(const CompiledNode& n, int a, int fa, int b, int fb) const {
    // TensorFlow's wording (executor's control-flow analysis).
    return InvalidArgument("The node '" + n.info.name +
                           "' has inputs from different frames. The input '" + Node(a).info.name +
                           "' is in frame '" + Frame(fa).name + "'. The input '" +
                           Node(b).info.name + "' is in frame '" + Frame(fb).name + "'.");
  }

  /// Gives node `id` its frame; its inputs (back edges aside) already have theirs.
  Status Assign(int id) {
    const CompiledNode& n = Node(id);
    int in = -1;
    int first = -1;
    TFSK_RETURN_IF_ERROR(ForEachSource(n, false, [&](int src) -> Status {
      const int f = OutFrame(src);
      if (in < 0) {
        in = f;
        first = src;
      } else if (f != in) {
        return DifferentFrames(n, first, in, src, f);
      }
      return OkStatus();
    }));
    if (in < 0) in = 0;  // no inputs: a root node (a loop's constants hang on a control edge)
    int frame = in;
    if (n.kind == NodeKind::kEnter) {
      TFSK_ASSIGN_OR_RETURN(EnterAttrs attrs, ReadEnterAttrs(n.info));
      auto [it, created] = by_name_.emplace(attrs.frame_name, static_cast<int>(out_.frames.size()));
      if (created) {
        out_.frames.push_back(FrameInfo{attrs.frame_name, in});
        members_.emplace_back();
        children_.emplace_back();
        children_[static_cast<std::size_t>(in)].push_back(it->second);
      } else if (Frame(it->second).parent != in) {
        return InvalidArgument("While loop frame '" + attrs.frame_name +
                               "' is entered from two frames: '" +
                               Frame(Frame(it->second).parent).name + "' and '" + Frame(in).name +
                               "' (node '" + n.info.name + "')");
      }
      frame = it->second;
    } else if (n.kind == NodeKind::kExit && in == 0) {
      return InvalidArgument("Exit node '" + n.info.name +
                             "' is not inside a while loop frame (no Enter leads to it)");
    }
    out_.frame_of[static_cast<std::size_t>(id)] = frame;
    members_[static_cast<std::size_t>(frame)].push_back(id);
    return OkStatus();
  }

  /// A NextIteration feeds the next iteration of its own frame only.
  Status CheckBackEdges(int id) const {
    const CompiledNode& n = Node(id);
    return ForEachSource(n, true, [&](int src) -> Status {
      if (OutFrame(src) != FrameOf(id)) {
        return DifferentFrames(n, src, OutFrame(src), id, FrameOf(id));
      }
      return OkStatus();
    });
  }

  /// The unit of frame `f` holding node `src`: the node itself, or the child frame of `f` it is
  /// nested in; -1 when it is outside `f`.
  int UnitIn(int f, int src) const {
    int x = FrameOf(src);
    if (x == f) return src;
    while (x > 0) {
      if (Frame(x).parent == f) return Units() + x;
      x = Frame(x).parent;
    }
    return -1;
  }

  /// The units of frame `f` that unit `u` (a node of f, or a child frame) waits for. An Enter
  /// waits for nothing inside its frame: its inputs are the frame's own (the frame unit's).
  Status Deps(int f, int u, std::vector<int>& deps) const {
    auto add = [&](int src) -> Status {
      const int d = UnitIn(f, src);
      if (d == u) {
        if (u < Units()) return InvalidArgument("Node '" + Node(u).info.name + "' feeds itself");
        return InvalidArgument("While loop frame '" + Frame(u - Units()).name +
                               "' feeds its own Enter (through node '" + Node(src).info.name +
                               "')");
      }
      if (d >= 0) deps.push_back(d);
      return OkStatus();
    };
    if (u < Units()) {
      if (Node(u).kind == NodeKind::kEnter) return OkStatus();
      return ForEachSource(Node(u), false, add);
    }
    for (int member : members_[static_cast<std::size_t>(u - Units())]) {
      if (Node(member).kind == NodeKind::kEnter) {
        TFSK_RETURN_IF_ERROR(ForEachSource(Node(member), false, add));
      }
    }
    return OkStatus();
  }

  Status Finish(int u) {
    if (u < Units()) {
      out_.items.push_back(LayoutItem{u});
      return OkStatus();
    }
    const int child = u - Units();
    out_.items.push_back(LayoutItem{-1, NodeKind::kFrameBegin, child});
    TFSK_RETURN_IF_ERROR(Emit(child));
    out_.items.push_back(LayoutItem{-1, NodeKind::kFrameEnd, child});
    return OkStatus();
  }

  /// Appends frame `f`'s units in dependency order (iterative DFS: long chains of nodes).
  Status Emit(int f) {
    struct Visit {
      int unit;
      std::vector<int> deps;
      std::size_t next = 0;
    };
    std::vector<Visit> stack;
    auto push = [&](int u) -> Status {
      char& s = state_[static_cast<std::size_t>(u)];
      if (s == kDone) return OkStatus();
      if (s == kActive) {
        return InvalidArgument(u < Units() ? "Graph contains a cycle through node '" +
                                                 Node(u).info.name + "'"
                                           : "Graph contains a cycle through while loop frame '" +
                                                 Frame(u - Units()).name + "'");
      }
      s = kActive;
      Visit v{u, {}};
      TFSK_RETURN_IF_ERROR(Deps(f, u, v.deps));
      stack.push_back(std::move(v));
      return OkStatus();
    };
    auto drain = [&]() -> Status {
      while (!stack.empty()) {
        Visit& top = stack.back();
        if (top.next == top.deps.size()) {
          const int u = top.unit;
          stack.pop_back();
          state_[static_cast<std::size_t>(u)] = kDone;
          TFSK_RETURN_IF_ERROR(Finish(u));
          continue;
        }
        const int d = top.deps[top.next++];
        TFSK_RETURN_IF_ERROR(push(d));
      }
      return OkStatus();
    };
    for (int id : members_[static_cast<std::size_t>(f)]) {
      TFSK_RETURN_IF_ERROR(push(id));
      TFSK_RETURN_IF_ERROR(drain());
    }
    for (int child : children_[static_cast<std::size_t>(f)]) {
      TFSK_RETURN_IF_ERROR(push(Units() + child));
      TFSK_RETURN_IF_ERROR(drain());
    }
    return OkStatus();
  }

  const Body& body_;
  const std::function<bool(const Edge&)>& is_fed_;
  FrameLayout out_;
  std::unordered_map<std::string, int> by_name_;
  std::vector<std::vector<int>> members_;   // per frame: its nodes, in dependency order
  std::vector<std::vector<int>> children_;  // per frame: the frames it encloses
  std::vector<char> state_;                 // per unit: nodes, then frames
};

}  // namespace

StatusOr<FrameLayout> LayOutFrames(const Body& body, std::span<const int> order,
                                   const std::function<bool(const Edge&)>& is_fed) {
  return Layouter(body, is_fed).Run(order);
}

}  // namespace tfsk::serving
