#pragma once
// A recurrent model laid out the way TensorFlow 2 exports a Keras SimpleRNN layer, built in
// code like the demo models: the serving signature calls a library function that makes the
// input time-major, splits it into a TensorList, runs a While whose body reads step t with
// TensorListGetItem, computes h = tanh(x_t·kernel + h·recurrent + bias) and writes it with
// TensorListSetItem, then stacks the outputs (TensorListStack). It exercises DT_VARIANT loop
// variables and the TensorList kernels end to end (executor, loader, REST).
//
// Signature serving_default: x (DT_FLOAT [batch, time, features]) → last (the final state,
// [batch, units]) and sequence (every step's state, [batch, time, units]). The weights are
// variables restored from the checkpoint. time must be at least 1.

#include <cstdint>
#include <vector>

#include "serving/savedmodel/demo_models.h"

namespace tfsk::serving::savedmodel {

struct RnnOptions {
  std::int64_t features = 2;
  std::int64_t units = 3;
};

/// The weights RnnModel stores, row-major: kernel [features, units], recurrent [units, units],
/// bias [units]. Fixed values (a smooth function of the indices), so tests can recompute.
struct RnnWeights {
  std::vector<float> kernel, recurrent, bias;
};
RnnWeights RnnModelWeights(const RnnOptions& options = {});

/// The model above, ready for WriteSavedModel.
SavedModelToWrite RnnModel(const RnnOptions& options = {});

}  // namespace tfsk::serving::savedmodel
