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
  auto layers = std::make_shared<std::vector<Layer>>();
  for (int i = 0;; ++i) {
    const std::string scope = "dense_" + std::to_string(i);
    auto k = FromBundle(model, scope + "/kernel");
    auto b = FromBundle(model, scope + "/bias");
    if (!k || !b) break;
    layers->push_back(
        {std::move(*k), RowVector(Eigen::Map<const RowVector>(b->data(), b->size()))});
  }
  if (layers->empty()) return std::nullopt;
  return Reference([layers](int batch) {
    Matrix h = Matrix::Constant(batch, layers->front().kernel.rows(), 0.5F);
    for (std::size_t i = 0; i < layers->size(); ++i) {
      const Layer& l = (*layers)[i];
      Matrix z = h * l.kernel;
      z.rowwise() += l.bias;
      if (i + 1 < layers->size()) {
        h = z.cwiseMax(0.0F);
      } else {  // softmax per row
        z.colwise() -= z.rowwise().maxCoeff();
        z = z.array().exp().matrix();
        z.array().colwise() /= z.rowwise().sum().array();
        h = std::move(z);
      }
    }
    return h.sum();
  });
}

}  // namespace tfsk::bench
