#pragma once
// What the executor's two run loops (executor.cpp, executor_dataflow.cpp) share: the errors they
// report about a node, and handing the fetched values out.

#include <cstddef>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/body.h"
#include "serving/graph/plan.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// `st` with TensorFlow's "\n\t [[{{node NAME}}]]" suffix naming `n`, unless it already names a
/// node (the innermost one is kept) or is the run's DEADLINE_EXCEEDED (TensorFlow's exact text).
Status Annotate(const Status& st, const CompiledNode& n);

/// FAILED_PRECONDITION "Attempting to use uninitialized value V" for input k of `n`, raised by
/// the first reader: an Identity without a step (see BuildPlan) before `n`, as TensorFlow does.
Status UninitializedInput(const Body& body, const CompiledNode& n, std::size_t k);

/// Fills `fetched` from a finished run's `slots` (which die with the run): each value moves out,
/// only a slot fetched again further on is copied.
void TakeFetches(const Plan& plan, std::vector<Tensor>& slots, std::vector<Tensor>& fetched);

}  // namespace tfsk::serving
