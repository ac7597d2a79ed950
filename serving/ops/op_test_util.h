#pragma once
// Test helpers: run one kernel on literal tensors without building a graph.

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "serving/ops/kernel.h"

namespace tfsk::serving::testing {

/// A float/int/... tensor from values and a shape (fails the test on a count mismatch).
template <typename T>
Tensor T_(std::vector<T> values, Shape shape) {
  auto t = Tensor::FromVector<T>(values, std::move(shape));
  REQUIRE(t.ok());
  return *t;
}
inline Tensor F(std::vector<float> v, Shape s) { return T_<float>(std::move(v), std::move(s)); }
inline Tensor I32(std::vector<std::int32_t> v, Shape s) { return T_<std::int32_t>(std::move(v), std::move(s)); }
inline Tensor I64(std::vector<std::int64_t> v, Shape s) { return T_<std::int64_t>(std::move(v), std::move(s)); }
inline Tensor B(std::vector<bool> v, Shape s) {
  Tensor t(DataType::kBool, std::move(s));
  for (std::size_t i = 0; i < v.size(); ++i) t.flat<bool>()[i] = v[i];
  return t;
}
inline Tensor S(std::vector<std::string> v, Shape s) { return T_<std::string>(std::move(v), std::move(s)); }

/// Runs kernel `op` on `inputs` with `attrs` and a private variable store.
struct OpRunner {
  VariableStore variables;
  CheckpointReader checkpoint;

  StatusOr<std::vector<Tensor>> Run(const std::string& op, std::vector<Tensor> inputs,
                                    AttrMap attrs = {}, std::vector<std::string> refs = {},
                                    const std::string& name = "node") {
    const KernelDef* k = Kernels().Find(op);
    if (k == nullptr) return NotFound("no kernel " + op);
    NodeInfo node{name, op, std::move(attrs)};
    refs.resize(inputs.size());
    OpContext ctx{node, inputs, refs, variables, checkpoint, {}};
    TFSK_RETURN_IF_ERROR(k->fn(ctx));
    return std::move(ctx.outputs);
  }

  /// Runs a single-output op and returns that output (fails the test on error).
  Tensor One(const std::string& op, std::vector<Tensor> inputs, AttrMap attrs = {}) {
    auto out = Run(op, std::move(inputs), std::move(attrs));
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    REQUIRE(out->size() == 1);
    return (*out)[0];
  }

  /// The error message of a failing op.
  std::string Error(const std::string& op, std::vector<Tensor> inputs, AttrMap attrs = {}) {
    auto out = Run(op, std::move(inputs), std::move(attrs));
    REQUIRE_FALSE(out.ok());
    return out.status().message();
  }
};

/// attrs from an initializer list of (name, value).
inline AttrMap Attrs(std::vector<std::pair<std::string, AttrValue>> list) {
  AttrMap m;
  for (auto& [k, v] : list) m.Set(k, std::move(v));
  return m;
}

template <typename T>
std::vector<T> Values(const Tensor& t) {
  auto f = t.flat<T>();
  return std::vector<T>(f.begin(), f.end());
}

/// The outputs of a string-splitting op that returns a SparseTensor.
struct SparseStrings {
  std::vector<std::int64_t> indices;  // [n, 2], row-major
  std::vector<std::string> values;
  std::vector<std::int64_t> shape;  // [batch, longest row]
};

/// Runs `op` (StringSplit, StringSplitV2) on a string vector and a scalar separator and reads
/// its three outputs (fails the test on error).
inline SparseStrings RunSparseSplit(OpRunner& r, const std::string& op,
                                    std::vector<std::string> input, const std::string& separator,
                                    AttrMap attrs) {
  const auto n = static_cast<std::int64_t>(input.size());
  auto out = r.Run(op, {S(std::move(input), {n}), S({separator}, {})}, std::move(attrs));
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  REQUIRE(out->size() == 3);
  CHECK((*out)[0].shape() == Shape{(*out)[1].num_elements(), 2});
  return {Values<std::int64_t>((*out)[0]), Values<std::string>((*out)[1]),
          Values<std::int64_t>((*out)[2])};
}

}  // namespace tfsk::serving::testing
