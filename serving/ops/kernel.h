#pragma once
// The kernel interface and the registry of kernels by op type name.
//
// A kernel is a plain function `Status(OpContext&)`: it reads ctx.inputs and ctx.node's attrs and
// appends its outputs to ctx.outputs. Kernels are stateless; model state (variables) is reached
// through ctx.variables. Ops that run library functions (StatefulPartitionedCall/PartitionedCall,
// If/StatelessIf, While/StatelessWhile) are not kernels: the executor runs them
// (serving/graph/functional_ops.h).

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lib/base/status.h"
#include "serving/ops/node.h"
#include "serving/ops/variable_store.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// Reads one tensor of a checkpoint: (prefix, tensor name) -> value. RestoreV2 calls it; the
/// loader wires it to the TensorBundle reader, keeping serving/ops free of file formats.
using CheckpointReader =
    std::function<StatusOr<Tensor>(const std::string& prefix, const std::string& tensor_name)>;

/// Everything a kernel sees for one execution of one node.
struct OpContext {
  const NodeInfo& node;
  std::span<const Tensor> inputs;
  /// For inputs produced by a TF1 reference variable (VariableV2): that variable's store key,
  /// "" otherwise. Assign/AssignAdd/AssignSub update the variable named here.
  std::span<const std::string> input_refs;
  VariableStore& variables;
  /// May be empty (RestoreV2 then fails with FailedPrecondition).
  const CheckpointReader& checkpoint;
  std::vector<Tensor> outputs;
  /// The same tensors as `inputs` when the caller hands its copies over (the executor does:
  /// they are discarded after the node runs); empty otherwise. See ForwardInput.
  std::span<Tensor> owned_inputs = {};
  /// For a variable-creating node whose entry the caller resolved in advance; else nullptr.
  Variable* variable = nullptr;

  int num_inputs() const { return static_cast<int>(inputs.size()); }
  const Tensor& input(int i) const { return inputs[static_cast<std::size_t>(i)]; }
  /// Input i as a value for an output (Identity and friends): moved when the caller handed its
  /// inputs over, copied otherwise, so forwarding costs no shape copy. input(i) must not be
  /// read afterwards.
  Tensor ForwardInput(int i) {
    const auto k = static_cast<std::size_t>(i);
    return owned_inputs.empty() ? inputs[k] : std::move(owned_inputs[k]);
  }
  /// Input i as the tensor an elementwise kernel may write an output of `dtype` and of input i's
  /// shape into, or nullptr: only when the caller handed its inputs over and no other tensor
  /// shares input i's buffer (TensorFlow's forward_input_or_allocate_output). The kernel writes
  /// its result in place — input(i) is the same tensor, so each element must be read before it
  /// is written, as coefficient-wise expressions do — and then moves it to `outputs`.
  Tensor* ReusableInput(int i, DataType dtype) {
    if (owned_inputs.empty()) return nullptr;
    Tensor& t = owned_inputs[static_cast<std::size_t>(i)];
    return t.dtype() == dtype && t.buffer_is_unique() ? &t : nullptr;
  }
  const std::string& input_ref(int i) const { return input_refs[static_cast<std::size_t>(i)]; }
};

using KernelFn = Status (*)(OpContext& ctx);

/// A registered kernel.
struct KernelDef {
  std::string op;
  KernelFn fn = nullptr;
  /// Attrs the kernel reads unconditionally; the graph layer checks them at load time (after
  /// filling OpDef defaults) so a malformed node fails the load, not the first request.
  std::vector<std::string> required_attrs;
  /// Index of an input that is a reference to a variable and may be uninitialized (Assign's
  /// `ref`); -1 when none. Other inputs must hold a value.
  int ref_input = -1;
};

/// Op type name -> kernel.
class KernelRegistry {
 public:
  void Register(KernelDef def);
  /// The kernel for `op`, or nullptr.
  const KernelDef* Find(std::string_view op) const;
  /// Sorted op names.
  std::vector<std::string> OpNames() const;

 private:
  std::unordered_map<std::string, KernelDef> kernels_;
};

/// The registry with every kernel of serving/ops (built once, thread-safe).
const KernelRegistry& Kernels();

// Per-family registration, called by Kernels(). Kept explicit (no static initialisers) because
// the kernels live in a static library whose unreferenced objects the linker would drop.
namespace ops {
void RegisterArrayOps(KernelRegistry& r);
void RegisterShapeOps(KernelRegistry& r);
void RegisterSliceOps(KernelRegistry& r);
void RegisterMathOps(KernelRegistry& r);
void RegisterCompareOps(KernelRegistry& r);
void RegisterMatMulOps(KernelRegistry& r);
void RegisterNnOps(KernelRegistry& r);
void RegisterConvOps(KernelRegistry& r);
void RegisterReductionOps(KernelRegistry& r);
void RegisterRandomOps(KernelRegistry& r);
void RegisterStateOps(KernelRegistry& r);
void RegisterIoOps(KernelRegistry& r);
void RegisterParseExampleOps(KernelRegistry& r);
void RegisterGatherOps(KernelRegistry& r);
}  // namespace ops

}  // namespace tfsk::serving
