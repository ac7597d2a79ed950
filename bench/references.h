#pragma once
// What a model's serving signature computes, written directly in C++/Eigen: the reference each
// predict measurement of bench_savedmodel is compared with (no graph, no executor, no tensor
// maps — only the arithmetic and the output allocation).

#include <functional>
#include <optional>
#include <string>

#include "serving/savedmodel/demo_models.h"

namespace tfsk::bench {

/// Computes one call's outputs for a batch (the batch is the argument); returns a checksum so
/// the compiler cannot drop the work.
using Reference = std::function<float(int batch)>;

/// y = a·x + b over a [batch, 1] input (the half_plus_two family).
Reference AffineReference(float a, float b);

/// The demo mlp's layers (MatMul + bias + Relu …, Softmax) with the weights `model` stores,
/// on an input of 0.5s. Keeps its workspaces between calls: not for concurrent use.
/// nullopt when `model` does not hold the dense_<i>/kernel|bias variables Mlp() writes.
std::optional<Reference> MlpReference(const serving::savedmodel::SavedModelToWrite& model);

}  // namespace tfsk::bench
