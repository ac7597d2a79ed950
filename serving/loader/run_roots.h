#pragma once
// Which parts of a SavedModel's graph can ever run when it is served: the restore op, the init
// op and every signature. Op support is judged on these alone, so save-only ops (SaveV2,
// MergeV2Checkpoints, ...) never make a model unloadable.

#include <vector>

#include "serving/graph/executor.h"
#include "serving/savedmodel/saved_model_reader.h"

namespace tfsk::serving::loader {

/// The runs of `info` that serving performs, as executor roots. Signatures whose tensors do not
/// exist in the graph are left out (they fail only when called, as in TensorFlow).
std::vector<RunRoots> ServingRuns(const savedmodel::SavedModelInfo& info, const Executor& executor);

/// Sorted op types without a kernel among ServingRuns(info).
StatusOr<std::vector<std::string>> UnsupportedServingOps(const savedmodel::SavedModelInfo& info,
                                                         const Executor& executor);

}  // namespace tfsk::serving::loader
