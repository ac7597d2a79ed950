#include "serving/ops/nms_util.h"

#include <algorithm>

namespace tfsk::serving::ops {

float BoxIou(const float* p, const float* q) {
  const float ymin_i = std::min(p[0], p[2]), xmin_i = std::min(p[1], p[3]);
  const float ymax_i = std::max(p[0], p[2]), xmax_i = std::max(p[1], p[3]);
  const float ymin_j = std::min(q[0], q[2]), xmin_j = std::min(q[1], q[3]);
  const float ymax_j = std::max(q[0], q[2]), xmax_j = std::max(q[1], q[3]);
  const float area_i = (ymax_i - ymin_i) * (xmax_i - xmin_i);
  const float area_j = (ymax_j - ymin_j) * (xmax_j - xmin_j);
  if (area_i <= 0 || area_j <= 0) return 0;
  const float ih = std::max(std::min(ymax_i, ymax_j) - std::max(ymin_i, ymin_j), 0.0f);
  const float iw = std::max(std::min(xmax_i, xmax_j) - std::max(xmin_i, xmin_j), 0.0f);
  const float inter = ih * iw;
  return inter / (area_i + area_j - inter);
}

StatusOr<float> ScalarFloat(const Tensor& t, const char* what) {
  if (t.rank() != 0)
    return InvalidArgument(std::string(what) + " must be 0-D, got shape " + ShapeString(t.shape()));
  if (t.dtype() == DataType::kFloat) return t.flat<float>()[0];
  if (t.dtype() == DataType::kDouble) return static_cast<float>(t.flat<double>()[0]);
  return InvalidArgument(std::string(what) + " must be float, got " + DataTypeName(t.dtype()));
}

}  // namespace tfsk::serving::ops
