#include "bench/references.h"

#include <Eigen/Dense>

#include <cstring>
#include <memory>
#include <vector>

namespace tfsk::bench {
namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

std::optional<Matrix> FromBundle(const serving::savedmodel::SavedModelToWrite& model,
                                 const std::string& key) {
  for (const auto& v : model.variables) {
    if (v.key != key) continue;
    const Eigen::Index rows = v.shape.size() == 2 ? v.shape[0] : 1;
    const Eigen::Index cols = v.shape.empty() ? 1 : v.shape.back();
    Matrix m(rows, cols);
    if (v.bytes.size() != static_cast<std::size_t>(rows * cols) * sizeof(float))
      return std::nullopt;
    std::memcpy(m.data(), v.bytes.data(), v.bytes.size());
    return m;
  }
  return std::nullopt;
}

}  // namespace

Reference AffineReference(float a, float b) {
  return [a, b](int batch) {
    const Eigen::ArrayXf x = Eigen::ArrayXf::LinSpaced(batch, 1.0F, static_cast<float>(batch));
    const Eigen::ArrayXf y = a * x + b;
    return y.sum();
  };
}

std::optional<Reference> MlpReference(const serving::savedmodel::SavedModelToWrite& model) {
  struct Layer {
    Matrix kernel;
    RowVector bias;
  };
  // The weights plus per-batch workspaces: the input and each layer's activations are allocated
  // when the batch size changes, not per call, as a hand-tuned Eigen program would (per-call
  // allocations of ~1 MB go back to the kernel on free and fault in again on the next call).
  struct State {
    std::vector<Layer> layers;
    Matrix x;
    std::vector<Matrix> activations;
    Eigen::VectorXf row_max;
  };
  auto state = std::make_shared<State>();
  for (int i = 0;; ++i) {
    const std::string scope = "dense_" + std::to_string(i);
    auto k = FromBundle(model, scope + "/kernel");
    auto b = FromBundle(model, scope + "/bias");
    if (!k || !b) break;
    state->layers.push_back(
        {std::move(*k), RowVector(Eigen::Map<const RowVector>(b->data(), b->size()))});
  }
  if (state->layers.empty()) return std::nullopt;
  state->activations.resize(state->layers.size());
  return Reference([state](int batch) {
    State& s = *state;
    if (s.x.rows() != batch) {
      s.x = Matrix::Constant(batch, s.layers.front().kernel.rows(), 0.5F);
      for (std::size_t i = 0; i < s.layers.size(); ++i) {
        s.activations[i].resize(batch, s.layers[i].kernel.cols());
      }
    }
    const Matrix* h = &s.x;
    for (std::size_t i = 0; i < s.layers.size(); ++i) {
      const Layer& l = s.layers[i];
      Matrix& z = s.activations[i];
      z.noalias() = *h * l.kernel;
      z.rowwise() += l.bias;
      if (i + 1 < s.layers.size()) {
        z = z.cwiseMax(0.0F);
      } else {  // softmax per row
        s.row_max = z.rowwise().maxCoeff();
        z.colwise() -= s.row_max;
        z = z.array().exp().matrix();
        s.row_max = z.rowwise().sum();
        z.array().colwise() /= s.row_max.array();
      }
      h = &z;
    }
    return h->sum();
  });
}

}  // namespace tfsk::bench
