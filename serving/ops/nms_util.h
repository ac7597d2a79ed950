#pragma once
// What the non-max-suppression kernels share (nms_ops.cpp, combined_nms_ops.cpp): TensorFlow's
// IoU of two boxes and its scalar threshold inputs.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {

/// Intersection over union of two boxes given as (y1, x1, y2, x2) with the corners in either
/// order; 0 when either box has no area (TensorFlow's IOU).
float BoxIou(const float* a, const float* b);

/// A 0-D float (or double) input read as float; `what` names it in TensorFlow's errors
/// ("iou_threshold must be 0-D, got shape [2]").
StatusOr<float> ScalarFloat(const Tensor& t, const char* what);

}  // namespace tfsk::serving::ops
