#pragma once
// A small TF2-style SavedModel whose signatures run functional control flow, built in code like
// the demo models: it exercises If/While with function-library bodies end to end (executor,
// loader, REST, the server) and gives the deadline a loop that runs as long as a client asks.
//
// Signatures (no variables):
//  * serving_default: n (DT_INT64 scalar) → sum (DT_INT64 scalar) = 1 + 2 + … + n, computed by
//    a While over (i, acc, n) whose cond is `i <= n` and whose body is `acc += i; i += 1`.
//    n ≤ 0 gives 0; a large n loops n times (about a microsecond per iteration).
//  * relu_or_negate: x (DT_FLOAT [-1]), use_relu (DT_BOOL scalar) → y (DT_FLOAT [-1]) =
//    StatelessIf(use_relu, then: Relu(x), else: Neg(x)).

#include "serving/savedmodel/demo_models.h"

namespace tfsk::serving::savedmodel {

/// The model above, ready for WriteSavedModel.
SavedModelToWrite ControlFlowModel();

}  // namespace tfsk::serving::savedmodel
