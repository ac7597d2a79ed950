// CombinedNonMaxSuppression (tf.image.combined_non_max_suppression, exported by EfficientDet and
// the TF Object Detection API): per image and class, greedy NMS over the boxes whose score for
// that class exceeds score_threshold (at most max_output_size_per_class each); then the
// selections of all classes are ranked by score and the best max_total_size kept, boxes clipped
// to [0, 1] unless clip_boxes is false, the rest padded with zeros.
//
// Ties: TensorFlow's priority queue and sort leave the order of equal scores unspecified; here a
// lower box index, then a lower class, comes first (deterministic, and what its CPU kernel
// gives in practice for small inputs).

#include <algorithm>

#include "serving/ops/nms_util.h"

namespace tfsk::serving::ops {
namespace {

struct Detection {
  float score = 0;
  std::int64_t cls = 0;
  const float* box = nullptr;
};

struct CombinedArgs {
  std::int64_t batch = 0, boxes = 0, q = 0, classes = 0;
  std::int64_t per_class = 0, total = 0;
  float iou = 0, score = 0;
};

StatusOr<std::int64_t> ScalarInt32(const Tensor& t, const char* what) {
  if (t.rank() != 0)
    return InvalidArgument(std::string(what) + " must be 0-D, got shape " + ShapeString(t.shape()));
  if (t.dtype() != DataType::kInt32)
    return InvalidArgument(std::string(what) + " must be int32, got " + DataTypeName(t.dtype()));
  return t.flat<std::int32_t>()[0];
}

/// TensorFlow's checks, with its texts (ranks first: it reads the dims before checking them).
StatusOr<CombinedArgs> ReadCombinedArgs(const OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 6));
  const Tensor& boxes = ctx.input(0);
  const Tensor& scores = ctx.input(1);
  if (boxes.rank() != 4) return InvalidArgument("boxes must be 4-D" + ShapeString(boxes.shape()));
  if (scores.rank() != 3)
    return InvalidArgument("scores must be 3-D" + ShapeString(scores.shape()));
  if (boxes.dim(0) != scores.dim(0))
    return InvalidArgument("boxes and scores must have same batch size");
  if (boxes.dtype() != DataType::kFloat || scores.dtype() != DataType::kFloat) {
    return InvalidArgument("CombinedNonMaxSuppression takes float boxes and scores, got " +
                           DataTypeName(boxes.dtype()) + " and " + DataTypeName(scores.dtype()));
  }
  CombinedArgs a;
  TFSK_ASSIGN_OR_RETURN(a.per_class, ScalarInt32(ctx.input(2), "max_size_per_class"));
  if (a.per_class <= 0) return InvalidArgument("max_size_per_class must be positive");
  TFSK_ASSIGN_OR_RETURN(a.total, ScalarInt32(ctx.input(3), "max_total_size"));
  if (a.total <= 0) return InvalidArgument("max_total_size must be > 0");
  TFSK_ASSIGN_OR_RETURN(a.iou, ScalarFloat(ctx.input(4), "iou_threshold"));
  TFSK_ASSIGN_OR_RETURN(a.score, ScalarFloat(ctx.input(5), "score_threshold"));
  if (!(a.iou >= 0 && a.iou <= 1)) return InvalidArgument("iou_threshold must be in [0, 1]");
  a.batch = boxes.dim(0);
  a.boxes = boxes.dim(1);
  a.q = boxes.dim(2);
  a.classes = scores.dim(2);
  if (a.q != 1 && a.q != a.classes)
    return InvalidArgument("third dimension of boxes must be either 1 or num classes");
  if (boxes.dim(3) != 4) return InvalidArgument("boxes must have 4 columns");
  if (scores.dim(1) != a.boxes) return InvalidArgument("scores has incompatible shape");
  return a;
}

/// Greedy NMS of one class of one image: appends the kept detections, best first.
void SelectClass(const CombinedArgs& a, const float* boxes, const float* scores, std::int64_t cls,
                 std::vector<Detection>& out) {
  std::vector<Detection> candidates;
  const std::int64_t box_class = a.q > 1 ? cls : 0;
  for (std::int64_t i = 0; i < a.boxes; ++i) {
    const float s = scores[i * a.classes + cls];
    if (s > a.score) candidates.push_back({s, cls, boxes + (i * a.q + box_class) * 4});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Detection& x, const Detection& y) { return x.score > y.score; });
  const std::size_t first = out.size();
  const auto limit = static_cast<std::size_t>(std::min(a.per_class, a.boxes));
  for (const Detection& c : candidates) {
    if (out.size() - first >= limit) break;
    // Newest selections first: overlapping boxes tend to have close scores.
    bool keep = true;
    for (std::size_t j = out.size(); j-- > first;) {
      if (BoxIou(c.box, out[j].box) > a.iou) {
        keep = false;
        break;
      }
    }
    if (keep) out.push_back(c);
  }
}

Status CombinedNms(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(CombinedArgs a, ReadCombinedArgs(ctx));
  const bool pad_per_class = ctx.node.BoolOr("pad_per_class", false);
  const bool clip = ctx.node.BoolOr("clip_boxes", true);
  // pad_per_class shrinks the padded size to what the classes could fill at most.
  const std::int64_t width = pad_per_class ? std::min(a.total, a.per_class * a.classes) : a.total;
  Tensor out_boxes(DataType::kFloat, {a.batch, width, 4});
  Tensor out_scores(DataType::kFloat, {a.batch, width});
  Tensor out_classes(DataType::kFloat, {a.batch, width});
  Tensor valid(DataType::kInt32, {a.batch});
  float* ob = out_boxes.flat<float>().data();
  float* os = out_scores.flat<float>().data();
  float* oc = out_classes.flat<float>().data();
  std::fill(ob, ob + out_boxes.num_elements(), 0.0f);
  std::fill(os, os + out_scores.num_elements(), 0.0f);
  std::fill(oc, oc + out_classes.num_elements(), 0.0f);
  const float* boxes = ctx.input(0).flat<float>().data();
  const float* scores = ctx.input(1).flat<float>().data();
  std::vector<Detection> kept;
  for (std::int64_t b = 0; b < a.batch; ++b) {
    kept.clear();
    for (std::int64_t cls = 0; cls < a.classes; ++cls) {
      SelectClass(a, boxes + b * a.boxes * a.q * 4, scores + b * a.boxes * a.classes, cls, kept);
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Detection& x, const Detection& y) { return x.score > y.score; });
    const std::int64_t n = std::min<std::int64_t>(static_cast<std::int64_t>(kept.size()), width);
    for (std::int64_t i = 0; i < n; ++i) {
      const Detection& d = kept[static_cast<std::size_t>(i)];
      const std::int64_t at = b * width + i;
      for (int k = 0; k < 4; ++k)
        ob[at * 4 + k] = clip ? std::clamp(d.box[k], 0.0f, 1.0f) : d.box[k];
      os[at] = d.score;
      oc[at] = static_cast<float>(d.cls);
    }
    valid.flat<std::int32_t>()[static_cast<std::size_t>(b)] = static_cast<std::int32_t>(n);
  }
  ctx.outputs.push_back(std::move(out_boxes));
  ctx.outputs.push_back(std::move(out_scores));
  ctx.outputs.push_back(std::move(out_classes));
  ctx.outputs.push_back(std::move(valid));
  return OkStatus();
}

}  // namespace

void RegisterCombinedNmsOps(KernelRegistry& r) {
  r.Register({"CombinedNonMaxSuppression", &CombinedNms, {}});
}

}  // namespace tfsk::serving::ops
