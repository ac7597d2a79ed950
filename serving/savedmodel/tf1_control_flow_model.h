#pragma once
// A small TF1-style SavedModel whose signatures run TF1 dataflow control flow (Switch/Merge,
// Enter/Exit/NextIteration/LoopCond), built in code like the demo models, the way a
// tf.compat.v1 Keras export and tf.while_loop lay them out. It exercises the executor's
// deadness-aware run end to end (loader, restore, REST, `tfsk model inspect`).
//
// Signatures (one variable, dense/kernel = 3, restored from the checkpoint):
//  * serving_default: x (DT_FLOAT [-1]) → y = dropout(x) * dense/kernel, where dropout is a
//    tf.cond on keras_learning_phase (a PlaceholderWithDefault, false): inference passes x
//    through, training scales it by 1/keep_prob = 2 (a deterministic stand-in for the mask).
//  * training: the same with keras_learning_phase (DT_BOOL scalar) as an input.
//  * sum: n (DT_INT32 scalar) → total = 1 + 2 + … + n, a TF1 while loop over (i, acc) with n
//    as a loop invariant (Enter is_constant).

#include "serving/savedmodel/demo_models.h"

namespace tfsk::serving::savedmodel {

/// The model above, ready for WriteSavedModel.
SavedModelToWrite Tf1ControlFlowModel();

}  // namespace tfsk::serving::savedmodel
