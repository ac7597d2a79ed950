#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
// TensorFlow's three-cluster case: boxes 0-2 overlap around x = 0, 3-4 around x = 10, 5 alone.
const std::vector<float> kClusters{0, 0,  1, 1,  0, 0.1f,  1, 1.1f,  0, -0.1f, 1, 0.9f,
                                   0, 10, 1, 11, 0, 10.1f, 1, 11.1f, 0, 100,   1, 101};
const std::vector<float> kScores{0.9f, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f};

struct Result {
  std::vector<float> boxes, scores, classes;
  std::vector<std::int32_t> valid;
  Shape boxes_shape;
};

Result Run(OpRunner& r, Tensor boxes, Tensor scores, std::int32_t per_class, std::int32_t total,
           float iou, float score_threshold, bool pad_per_class, bool clip) {
  auto out = r.Run("CombinedNonMaxSuppression",
                   {std::move(boxes), std::move(scores), I32({per_class}, {}), I32({total}, {}),
                    F({iou}, {}), F({score_threshold}, {})},
                   Attrs({{"pad_per_class", AttrValue::Bool(pad_per_class)},
                          {"clip_boxes", AttrValue::Bool(clip)}}));
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  REQUIRE(out->size() == 4);
  CHECK((*out)[1].shape() == (*out)[2].shape());
  return {Values<float>((*out)[0]), Values<float>((*out)[1]), Values<float>((*out)[2]),
          Values<std::int32_t>((*out)[3]), (*out)[0].shape()};
}
}  // namespace

TEST_SUITE("combined nms") {
  TEST_CASE("CombinedNonMaxSuppression: one class picks the best box of each cluster") {
    OpRunner r;
    Result got =
        Run(r, F(kClusters, {1, 6, 1, 4}), F(kScores, {1, 6, 1}), 3, 3, 0.5f, 0.0f, false, false);
    CHECK(got.boxes_shape == Shape{1, 3, 4});
    CHECK(got.boxes == std::vector<float>{0, 10, 1, 11, 0, 0, 1, 1, 0, 100, 1, 101});
    CHECK(got.scores == std::vector<float>{0.95f, 0.9f, 0.3f});
    CHECK(got.classes == std::vector<float>{0, 0, 0});
    CHECK(got.valid == std::vector<std::int32_t>{3});
    // clip_boxes (the default) clamps the coordinates to [0, 1].
    Result clipped =
        Run(r, F(kClusters, {1, 6, 1, 4}), F(kScores, {1, 6, 1}), 3, 3, 0.5f, 0.0f, false, true);
    CHECK(clipped.boxes == std::vector<float>{0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1});
  }

  TEST_CASE("score threshold, zero padding to max_total_size, a batch of two") {
    OpRunner r;
    std::vector<float> boxes = kClusters;
    boxes.insert(boxes.end(), kClusters.begin(), kClusters.end());
    std::vector<float> scores = kScores;
    for (float s : kScores) scores.push_back(s / 2);  // image 1: 0.45 .375 .3 .475 .25 .15
    Result got =
        Run(r, F(boxes, {2, 6, 1, 4}), F(scores, {2, 6, 1}), 3, 4, 0.5f, 0.4f, false, false);
    CHECK(got.boxes_shape == Shape{2, 4, 4});
    CHECK(got.valid == std::vector<std::int32_t>{2, 2});
    CHECK(got.scores == std::vector<float>{0.95f, 0.9f, 0, 0, 0.475f, 0.45f, 0, 0});
    CHECK(std::vector<float>(got.boxes.begin() + 16, got.boxes.end()) ==
          std::vector<float>{0, 10, 1, 11, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  }

  TEST_CASE("several classes: per-class NMS with per-class boxes, then top-k across classes") {
    OpRunner r;
    // Three boxes, two classes, q = 2. Class 0 uses boxes that all overlap, class 1 disjoint
    // ones, so class 0 keeps one and class 1 all three.
    const std::vector<float> boxes{
        0, 0, 1, 1, 0, 0, 1, 1,  // box 0: class 0, class 1
        0, 0, 1, 1, 0, 2, 1, 3,  // box 1
        0, 0, 1, 1, 0, 4, 1, 5,  // box 2
    };
    const std::vector<float> scores{0.5f, 0.8f, 0.9f, 0.3f, 0.7f, 0.6f};
    Result got =
        Run(r, F(boxes, {1, 3, 2, 4}), F(scores, {1, 3, 2}), 3, 3, 0.5f, 0.0f, false, false);
    // Class 0 keeps box 1 (0.9); class 1 keeps 0.8, 0.6, 0.3. The top three overall:
    CHECK(got.scores == std::vector<float>{0.9f, 0.8f, 0.6f});
    CHECK(got.classes == std::vector<float>{0, 1, 1});
    CHECK(got.boxes == std::vector<float>{0, 0, 1, 1, 0, 0, 1, 1, 0, 4, 1, 5});
    CHECK(got.valid == std::vector<std::int32_t>{3});
    // max_size_per_class 1 keeps the best of each class only.
    Result one =
        Run(r, F(boxes, {1, 3, 2, 4}), F(scores, {1, 3, 2}), 1, 5, 0.5f, 0.0f, false, false);
    CHECK(one.scores == std::vector<float>{0.9f, 0.8f, 0, 0, 0});
    CHECK(one.valid == std::vector<std::int32_t>{2});
    // pad_per_class pads only to what the classes can fill: min(5, 1 * 2) = 2.
    Result padded =
        Run(r, F(boxes, {1, 3, 2, 4}), F(scores, {1, 3, 2}), 1, 5, 0.5f, 0.0f, true, false);
    CHECK(padded.boxes_shape == Shape{1, 2, 4});
    CHECK(padded.scores == std::vector<float>{0.9f, 0.8f});
  }

  TEST_CASE("CombinedNonMaxSuppression errors, with TensorFlow's texts") {
    OpRunner r;
    const auto error = [&](Tensor boxes, Tensor scores, std::int32_t per_class, float iou) {
      return r.Error("CombinedNonMaxSuppression",
                     {std::move(boxes), std::move(scores), I32({per_class}, {}), I32({3}, {}),
                      F({iou}, {}), F({0}, {})});
    };
    CHECK(error(F(kClusters, {6, 4}), F(kScores, {1, 6, 1}), 3, 0.5f) == "boxes must be 4-D[6,4]");
    CHECK(error(F(kClusters, {1, 6, 1, 4}), F(kScores, {1, 6, 1}), 0, 0.5f) ==
          "max_size_per_class must be positive");
    CHECK(error(F(kClusters, {1, 6, 1, 4}), F(kScores, {1, 6, 1}), 3, 1.5f) ==
          "iou_threshold must be in [0, 1]");
    CHECK(error(F(kClusters, {1, 3, 2, 4}), F(kScores, {1, 2, 3}), 3, 0.5f) ==
          "third dimension of boxes must be either 1 or num classes");
    CHECK(error(F(kClusters, {1, 6, 1, 4}), F(kScores, {1, 3, 2}), 3, 0.5f) ==
          "scores has incompatible shape");
    CHECK(error(F(kClusters, {1, 6, 1, 4}), F(kScores, {2, 3, 1}), 3, 0.5f) ==
          "boxes and scores must have same batch size");
  }
}

}  // namespace tfsk::serving
