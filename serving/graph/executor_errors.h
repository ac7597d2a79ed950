#pragma once
// Errors the executor's run loops (executor.cpp, executor_dataflow.cpp) report about a node.

#include <cstddef>

#include "lib/base/status.h"
#include "serving/graph/body.h"

namespace tfsk::serving {

/// `st` with TensorFlow's "\n\t [[{{node NAME}}]]" suffix naming `n`, unless it already names a
/// node (the innermost one is kept) or is the run's DEADLINE_EXCEEDED (TensorFlow's exact text).
Status Annotate(const Status& st, const CompiledNode& n);

/// FAILED_PRECONDITION "Attempting to use uninitialized value V" for input k of `n`, raised by
/// the first reader: an Identity without a step (see BuildPlan) before `n`, as TensorFlow does.
Status UninitializedInput(const Body& body, const CompiledNode& n, std::size_t k);

}  // namespace tfsk::serving
