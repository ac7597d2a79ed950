// Variables. TF1 reference variables: VariableV2 outputs the variable's current value (invalid
// while uninitialized; the executor lets only a kernel's declared ref input see that), and
// Assign/AssignAdd/AssignSub name their variable through ctx.input_ref(0). TF2 resource
// variables: VarHandleOp outputs a DT_RESOURCE scalar holding the store key.

#include <string>
#include <variant>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status VariableV2(OpContext& ctx) {
  // The executor resolves the variable once per loaded graph; other callers look it up.
  if (ctx.variable != nullptr) {
    ctx.outputs.push_back(ctx.variable->Read());
  } else {
    ctx.outputs.push_back(ctx.variables.GetOrCreate(VariableKey(ctx.node))->Read());
  }
  return OkStatus();
}

Status CheckSameShape(const Tensor& var, const Tensor& value) {
  if (var.shape() != value.shape()) {
    return InvalidArgument("Cannot update variable with shape " + ShapeString(var.shape()) +
                           " using a Tensor with shape " + ShapeString(value.shape()) +
                           ", shapes must be equal.");
  }
  if (var.dtype() != value.dtype()) {
    return InvalidArgument("Cannot update variable of type " + DataTypeName(var.dtype()) +
                           " with a value of type " + DataTypeName(value.dtype()));
  }
  return OkStatus();
}

StatusOr<std::shared_ptr<Variable>> RefVariable(const OpContext& ctx) {
  const std::string& key = ctx.input_ref(0);
  if (key.empty()) {
    return InvalidArgument(ctx.node.op + " '" + ctx.node.name +
                           "' needs a reference variable (VariableV2) as input 0");
  }
  return ctx.variables.GetOrCreate(key);
}

Status Assign(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(auto var, RefVariable(ctx));
  const bool validate = ctx.node.BoolOr("validate_shape", true);
  const Tensor& value = ctx.input(1);
  TFSK_ASSIGN_OR_RETURN(Tensor stored, var->Update([&](const Tensor& old) -> StatusOr<Tensor> {
    if (validate && old.valid() && old.shape() != value.shape()) {
      return InvalidArgument("Assign requires shapes of both tensors to match. lhs shape= " +
                             ShapeString(old.shape()) +
                             " rhs shape= " + ShapeString(value.shape()));
    }
    return value;
  }));
  ctx.outputs.push_back(std::move(stored));
  return OkStatus();
}

/// new = old (+|-) delta, computed into a fresh buffer under the variable's lock.
template <bool kAdd>
StatusOr<Tensor> Accumulate(Variable& var, const Tensor& delta, const std::string& name,
                            const std::string& op) {
  return var.Update([&](const Tensor& old) -> StatusOr<Tensor> {
    if (!old.valid()) {
      return FailedPrecondition("Attempting to use uninitialized value " + name);
    }
    TFSK_RETURN_IF_ERROR(CheckSameShape(old, delta));
    Tensor next(old.dtype(), old.shape());
    TFSK_RETURN_IF_ERROR(DispatchNumeric(old.dtype(), op, [&]<typename T>() -> Status {
      if constexpr (kAdd)
        MutableArrayOf<T>(next) = ArrayOf<T>(old) + ArrayOf<T>(delta);
      else
        MutableArrayOf<T>(next) = ArrayOf<T>(old) - ArrayOf<T>(delta);
      return OkStatus();
    }));
    return next;
  });
}

template <bool kAdd>
Status AssignUpdate(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(auto var, RefVariable(ctx));
  TFSK_ASSIGN_OR_RETURN(Tensor stored,
                        Accumulate<kAdd>(*var, ctx.input(1), ctx.input_ref(0), ctx.node.op));
  ctx.outputs.push_back(std::move(stored));
  return OkStatus();
}

Status IsVariableInitialized(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const std::string& key = ctx.input_ref(0);
  auto var = key.empty() ? nullptr : ctx.variables.Find(key);
  ctx.outputs.push_back(Tensor::Scalar<bool>(var != nullptr && var->Read().valid()));
  return OkStatus();
}

Status VarHandleOp(OpContext& ctx) {
  std::string key = VariableKey(ctx.node);
  ctx.variables.GetOrCreate(key);
  Tensor handle(DataType::kResource, {});
  handle.flat<std::string>()[0] = std::move(key);
  ctx.outputs.push_back(std::move(handle));
  return OkStatus();
}

StatusOr<std::string> HandleName(const OpContext& ctx) {
  const Tensor& h = ctx.input(0);
  if ((h.dtype() != DataType::kResource && h.dtype() != DataType::kString) ||
      h.num_elements() != 1) {
    return InvalidArgument(ctx.node.op + " expects a scalar resource handle as input 0, got " +
                           DataTypeName(h.dtype()) + " " + ShapeString(h.shape()));
  }
  return h.flat<std::string>()[0];
}

Status ReadVariableOp(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(std::string name, HandleName(ctx));
  auto var = ctx.variables.Find(name);
  Tensor value = var ? var->Read() : Tensor();
  if (!value.valid()) {
    return FailedPrecondition("Could not find variable " + name +
                              ". This could mean that the variable has been deleted or was "
                              "uninitialized.");
  }
  if (auto want = ctx.node.GetType("dtype"); want.ok() && *want != value.dtype()) {
    return InvalidArgument("Trying to read variable " + name + " with wrong dtype. Expected " +
                           DataTypeName(*want) + " got " + DataTypeName(value.dtype()));
  }
  ctx.outputs.push_back(std::move(value));
  return OkStatus();
}

Status AssignVariableOp(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(std::string name, HandleName(ctx));
  ctx.variables.GetOrCreate(name)->Write(ctx.input(1));
  return OkStatus();
}

template <bool kAdd>
Status AssignUpdateVariableOp(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(std::string name, HandleName(ctx));
  auto var = ctx.variables.GetOrCreate(name);
  TFSK_ASSIGN_OR_RETURN(Tensor stored, Accumulate<kAdd>(*var, ctx.input(1), name, ctx.node.op));
  (void)stored;
  return OkStatus();
}

Status VarIsInitializedOp(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(std::string name, HandleName(ctx));
  auto var = ctx.variables.Find(name);
  ctx.outputs.push_back(Tensor::Scalar<bool>(var != nullptr && var->Read().valid()));
  return OkStatus();
}

Status NoOutputs(OpContext&) { return OkStatus(); }

}  // namespace

void RegisterStateOps(KernelRegistry& r) {
  r.Register({"VariableV2", &VariableV2, {}});
  r.Register({"Variable", &VariableV2, {}});
  r.Register({"Assign", &Assign, {}, 0});
  r.Register({"AssignAdd", &AssignUpdate<true>, {}, 0});
  r.Register({"AssignSub", &AssignUpdate<false>, {}, 0});
  r.Register({"IsVariableInitialized", &IsVariableInitialized, {}, 0});
  r.Register({"VarHandleOp", &VarHandleOp, {}});
  r.Register({"ReadVariableOp", &ReadVariableOp, {}});
  r.Register({"AssignVariableOp", &AssignVariableOp, {}});
  r.Register({"AssignAddVariableOp", &AssignUpdateVariableOp<true>, {}});
  r.Register({"AssignSubVariableOp", &AssignUpdateVariableOp<false>, {}});
  r.Register({"VarIsInitializedOp", &VarIsInitializedOp, {}});
  r.Register({"DestroyResourceOp", &NoOutputs, {}});
}

}  // namespace tfsk::serving::ops
