#pragma once
// The demo models `tfsk model init` and `tfsk up` write, built entirely in code:
//  * half_plus_two: TensorFlow Serving's classic test model (y = 0.5x + 2, y2 = 0.5x + 3,
//    y3 = 0.5x2 + 3) with the same signatures as the TensorFlow-written fixture
//    (serving_default, classify_x_to_y, regress_x_to_y, regress_x_to_y2, regress_x2_to_y3),
//    so a server answers both identically;
//  * mlp: a dense network (MatMul/BiasAdd/Relu ... Softmax) with seeded weights, for benchmarks.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/proto/saved_model.pb.h"
#include "serving/savedmodel/bundle_writer.h"

namespace tfsk::serving::savedmodel {

/// A SavedModel in memory: the saved_model.pb message and its variables.
struct SavedModelToWrite {
  tensorflow::SavedModel proto;
  std::vector<BundleTensor> variables;  ///< written to variables/variables.{index,data-*}
};

SavedModelToWrite HalfPlusTwo();

struct MlpOptions {
  std::int64_t inputs = 784;
  std::vector<std::int64_t> hidden = {128};  ///< Relu layers
  std::int64_t classes = 10;                 ///< the Softmax layer
  std::uint32_t seed = 42;                   ///< same seed, same bytes, on every platform
};

/// Signature serving_default: x (DT_FLOAT [-1, inputs]) → probabilities ([-1, classes]).
SavedModelToWrite Mlp(const MlpOptions& options = {});

/// The names `tfsk model init` accepts.
std::vector<std::string> DemoModelNames();

/// HalfPlusTwo() or Mlp() by name; InvalidArgument listing DemoModelNames() otherwise.
StatusOr<SavedModelToWrite> DemoModel(const std::string& name);

/// Writes `model` into `version_dir` (created; must not already hold a saved_model.pb):
/// saved_model.pb and, when there are variables, variables/variables.{index,data-00000-of-00001}.
/// Errors: AlreadyExists, Internal (I/O, naming the file).
Status WriteSavedModel(const std::filesystem::path& version_dir, const SavedModelToWrite& model);

}  // namespace tfsk::serving::savedmodel
