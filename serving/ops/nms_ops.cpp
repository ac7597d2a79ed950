// NonMaxSuppressionV2/V3/V4/V5: greedy selection of boxes by descending score (ties: lower
// index first), dropping any whose IoU with an already selected box exceeds iou_threshold;
// V5 with soft_nms_sigma > 0 decays scores by exp(-iou^2 / (2 sigma)) instead (Soft-NMS),
// re-queueing a decayed box while its score stays above score_threshold.

#include <cmath>
#include <limits>
#include <queue>

#include "serving/ops/nms_util.h"

namespace tfsk::serving::ops {
namespace {

/// IoU of boxes i and j of an [N, 4] array.
float Iou(const float* b, std::int64_t i, std::int64_t j) { return BoxIou(b + i * 4, b + j * 4); }

struct Selection {
  std::vector<std::int32_t> indices;
  std::vector<float> scores;
};

Selection Select(const float* boxes, const float* scores, std::int64_t n, std::int64_t max_out,
                 float iou_threshold, float score_threshold, float sigma) {
  struct Candidate {
    std::int64_t index;
    float score;
    std::size_t checked;  // selected boxes already compared against (each suppresses once)
  };
  const auto lower = [](const Candidate& a, const Candidate& b) {
    return a.score < b.score || (a.score == b.score && a.index > b.index);
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(lower)> queue(lower);
  for (std::int64_t i = 0; i < n; ++i) {
    if (scores[i] > score_threshold) queue.push({i, scores[i], 0});
  }
  const bool soft = sigma > 0;
  const float scale = soft ? -0.5f / sigma : 0.0f;
  Selection out;
  while (static_cast<std::int64_t>(out.indices.size()) < max_out && !queue.empty()) {
    Candidate c = queue.top();
    queue.pop();
    const float original = c.score;
    bool suppressed = false;
    // Newest selections first: overlapping boxes tend to have close scores.
    for (std::size_t j = out.indices.size(); j-- > c.checked;) {
      const float iou = Iou(boxes, c.index, out.indices[j]);
      if (!soft && iou > iou_threshold) {
        suppressed = true;
        break;
      }
      c.score *= std::exp(scale * iou * iou);
      if (c.score <= score_threshold) break;
    }
    c.checked = out.indices.size();
    if (suppressed) continue;
    if (c.score == original) {
      out.indices.push_back(static_cast<std::int32_t>(c.index));
      out.scores.push_back(c.score);
    } else if (c.score > score_threshold) {
      queue.push(c);
    }
  }
  return out;
}

/// Inputs boxes, scores, max_output_size, iou_threshold[, score_threshold[, soft_nms_sigma]].
Status Nms(OpContext& ctx, int version) {
  const int want = version == 2 ? 4 : (version == 5 ? 6 : 5);
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, want));
  const Tensor& boxes = ctx.input(0);
  const Tensor& scores = ctx.input(1);
  if (boxes.rank() != 2) return InvalidArgument("boxes must be 2-D" + ShapeString(boxes.shape()));
  if (boxes.dim(1) != 4) return InvalidArgument("boxes must have 4 columns");
  if (scores.rank() != 1 || scores.dim(0) != boxes.dim(0)) {
    return InvalidArgument("scores has incompatible shape " + ShapeString(scores.shape()) +
                           " for boxes " + ShapeString(boxes.shape()));
  }
  if (boxes.dtype() != DataType::kFloat || scores.dtype() != DataType::kFloat) {
    return Unimplemented(ctx.node.op + " supports float boxes and scores, got " +
                         DataTypeName(boxes.dtype()) + " and " + DataTypeName(scores.dtype()));
  }
  const Tensor& max_t = ctx.input(2);
  if (max_t.rank() != 0) {
    return InvalidArgument("max_output_size must be 0-D, got shape " + ShapeString(max_t.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto max_v, IndexValues(max_t, "max_output_size"));
  if (max_v[0] < 0) return InvalidArgument("max_output_size must be non-negative");
  TFSK_ASSIGN_OR_RETURN(float iou, ScalarFloat(ctx.input(3), "iou_threshold"));
  if (iou < 0 || iou > 1) return InvalidArgument("iou_threshold must be in [0, 1]");
  float score_threshold = std::numeric_limits<float>::lowest();
  if (version >= 3) {
    TFSK_ASSIGN_OR_RETURN(score_threshold, ScalarFloat(ctx.input(4), "score_threshold"));
  }
  float sigma = 0;
  if (version == 5) {
    TFSK_ASSIGN_OR_RETURN(sigma, ScalarFloat(ctx.input(5), "soft_nms_sigma"));
    if (sigma < 0) return InvalidArgument("soft_nms_sigma must be non-negative");
  }
  Selection sel = Select(boxes.flat<float>().data(), scores.flat<float>().data(), boxes.dim(0),
                         max_v[0], iou, score_threshold, sigma);
  const auto valid = static_cast<std::int32_t>(sel.indices.size());
  if (version >= 4 && ctx.node.BoolOr("pad_to_max_output_size", false)) {
    sel.indices.resize(static_cast<std::size_t>(max_v[0]), 0);
    sel.scores.resize(static_cast<std::size_t>(max_v[0]), 0.0f);
  }
  const Shape shape{static_cast<std::int64_t>(sel.indices.size())};
  TFSK_ASSIGN_OR_RETURN(Tensor indices, Tensor::FromVector<std::int32_t>(sel.indices, shape));
  ctx.outputs.push_back(std::move(indices));
  if (version == 5) {
    TFSK_ASSIGN_OR_RETURN(Tensor selected_scores, Tensor::FromVector<float>(sel.scores, shape));
    ctx.outputs.push_back(std::move(selected_scores));
  }
  if (version >= 4) ctx.outputs.push_back(Tensor::Scalar<std::int32_t>(valid));
  return OkStatus();
}

Status NmsV2(OpContext& ctx) { return Nms(ctx, 2); }
Status NmsV3(OpContext& ctx) { return Nms(ctx, 3); }
Status NmsV4(OpContext& ctx) { return Nms(ctx, 4); }
Status NmsV5(OpContext& ctx) { return Nms(ctx, 5); }

}  // namespace

void RegisterNmsOps(KernelRegistry& r) {
  r.Register({"NonMaxSuppressionV2", &NmsV2, {}});
  r.Register({"NonMaxSuppressionV3", &NmsV3, {}});
  r.Register({"NonMaxSuppressionV4", &NmsV4, {}});
  r.Register({"NonMaxSuppressionV5", &NmsV5, {}});
}

}  // namespace tfsk::serving::ops
