#include "serving/ops/broadcast.h"

#include <algorithm>

namespace tfsk::serving::ops {

StatusOr<Shape> BroadcastShape(const Shape& a, const Shape& b) {
  const std::size_t rank = std::max(a.size(), b.size());
  Shape out(rank, 1);
  for (std::size_t i = 0; i < rank; ++i) {
    const std::int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const std::int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    std::int64_t d;
    if (da == db || db == 1) {
      d = da;
    } else if (da == 1) {
      d = db;
    } else {
      return InvalidArgument("Incompatible shapes: " + ShapeString(a) + " vs. " + ShapeString(b));
    }
    out[rank - 1 - i] = d;
  }
  return out;
}

}  // namespace tfsk::serving::ops
