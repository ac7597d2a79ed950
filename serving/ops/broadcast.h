#pragma once
// numpy-style broadcasting of N operand shapes, shared by elementwise binary ops, comparisons
// and SelectV2.

#include <array>
#include <cstdint>
#include <vector>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

/// How N operands map onto the broadcast output: per output dim, each operand's element stride
/// (0 where that operand is broadcast along the dim).
template <int N>
struct Broadcast {
  Shape out;
  std::array<std::vector<std::int64_t>, N> strides;

  /// Calls f(out_index, offsets) for every output element in row-major order, where offsets[k]
  /// is the element of operand k that lands there.
  template <typename F>
  void ForEach(F&& f) const {
    const std::int64_t total = NumElements(out);
    if (total == 0) return;
    const int rank = static_cast<int>(out.size());
    std::vector<std::int64_t> idx(static_cast<std::size_t>(rank), 0);
    std::array<std::int64_t, N> off{};
    for (std::int64_t i = 0; i < total; ++i) {
      f(i, off);
      // Odometer increment: bump the innermost dim, carry outward.
      for (int d = rank - 1; d >= 0; --d) {
        const auto ud = static_cast<std::size_t>(d);
        ++idx[ud];
        for (int k = 0; k < N; ++k) off[static_cast<std::size_t>(k)] += strides[static_cast<std::size_t>(k)][ud];
        if (idx[ud] < out[ud]) break;
        for (int k = 0; k < N; ++k) {
          off[static_cast<std::size_t>(k)] -= strides[static_cast<std::size_t>(k)][ud] * out[ud];
        }
        idx[ud] = 0;
      }
    }
  }
};

/// The broadcast output shape of two shapes, or InvalidArgument
/// "Incompatible shapes: [2] vs. [3]" (TensorFlow's message).
StatusOr<Shape> BroadcastShape(const Shape& a, const Shape& b);

/// Builds the stride table for broadcasting `shapes` together.
template <int N>
StatusOr<Broadcast<N>> MakeBroadcast(const std::array<const Shape*, N>& shapes) {
  Shape out = *shapes[0];
  for (int k = 1; k < N; ++k) {
    TFSK_ASSIGN_OR_RETURN(out, BroadcastShape(out, *shapes[static_cast<std::size_t>(k)]));
  }
  Broadcast<N> b;
  const std::size_t rank = out.size();
  for (int k = 0; k < N; ++k) {
    const Shape& s = *shapes[static_cast<std::size_t>(k)];
    auto& st = b.strides[static_cast<std::size_t>(k)];
    st.assign(rank, 0);
    std::int64_t stride = 1;
    // Align trailing dims; dims of size 1 (or missing) keep stride 0.
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::size_t sd = s.size() - 1 - i;
      const std::size_t od = rank - 1 - i;
      if (s[sd] != 1) st[od] = stride;
      stride *= s[sd];
    }
  }
  b.out = std::move(out);
  return b;
}

}  // namespace tfsk::serving::ops
