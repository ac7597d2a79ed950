#pragma once
// The narrow interfaces the REST handler needs from the rest of tfsk-serving. The version
// manager (serving/core) implements ServableRegistry; the SavedModel loader implements Servable.
// Nothing here depends on protobuf or on the executor.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::rest {

/// When a run must be over (steady clock). kNoDeadline: never.
using Deadline = std::chrono::steady_clock::time_point;
inline constexpr Deadline kNoDeadline = Deadline::max();

/// One entry of a SignatureDef's inputs/outputs (TensorInfo, dense encoding).
struct TensorSpec {
  std::string tensor_name;  ///< "node:index", e.g. "x:0"
  int dtype = 0;            ///< TF DataType enum value, _REF types included (DT_FLOAT_REF = 101)
  Shape shape;              ///< -1 for unknown dims; ignored when unknown_rank
  bool unknown_rank = false;
};

/// What the REST layer needs of one SignatureDef. Maps are keyed by alias.
struct SignatureInfo {
  std::map<std::string, TensorSpec> inputs;
  std::map<std::string, TensorSpec> outputs;
  std::string method_name;  ///< "tensorflow/serving/predict", ... (may be empty)
};

/// One loaded, servable model version. Implementations must be thread-safe: Run() is called
/// concurrently from REST worker threads; the handler keeps the shared_ptr for the duration of
/// one request (so a version being unloaded stays alive until its requests finish).
class Servable {
 public:
  virtual ~Servable() = default;

  virtual std::int64_t version() const = 0;

  /// Every SignatureDef of the MetaGraph, keyed by signature key ("serving_default", ...).
  virtual const std::map<std::string, SignatureInfo>& signatures() const = 0;

  /// Runs signature `signature_key` with alias-keyed inputs (exactly the signature's input
  /// aliases, dtypes converted from JSON per the signature) and returns every output of the
  /// signature, alias-keyed. Errors keep TensorFlow's codes (INVALID_ARGUMENT for bad
  /// shapes/dtypes or tf.Example parsing failures, ...). A run still going at `deadline` must
  /// stop with DEADLINE_EXCEEDED "Timed out waiting for notification" (TensorFlow's text).
  virtual StatusOr<std::map<std::string, Tensor>> Run(const std::string& signature_key,
                                                      std::map<std::string, Tensor> inputs,
                                                      Deadline deadline) = 0;

  /// For the metadata API: (signature key, SignatureDef as protobuf JSON) pairs in the order
  /// they should be listed. Each fragment is what protobuf's JSON printer produces for a
  /// SignatureDef with preserve_proto_field_names and always_print_primitive_fields (any
  /// whitespace; the handler re-indents it), e.g.
  ///   {"inputs": {"x": {"dtype": "DT_FLOAT", "tensor_shape": {...}, "name": "x:0"}},
  ///    "outputs": {...}, "method_name": "tensorflow/serving/predict", "defaults": {}}
  /// The default implementation renders the fragments from signatures() (TensorInfo member
  /// order dtype, tensor_shape, name; "defaults": {}) — enough for SignatureDefs without
  /// defaults or sparse/composite encodings; loaders with the protobuf at hand may override.
  virtual std::vector<std::pair<std::string, std::string>> SignatureDefJson() const;
};

/// Which servable a request addresses: a name plus at most one of version / label.
struct ServableRequest {
  std::string name;
  std::optional<std::int64_t> version;
  std::optional<std::string> label;
};

/// ServableState as TF Serving reports it in the status API.
enum class ServableState { kUnknown, kStart, kLoading, kAvailable, kUnloading, kEnd };

/// "UNKNOWN", "START", "LOADING", "AVAILABLE", "UNLOADING", "END".
std::string_view ServableStateName(ServableState state);

/// One version the manager tracks (or has tracked) for a model.
struct VersionStatus {
  std::int64_t version = 0;
  ServableState state = ServableState::kUnknown;
  Status status;  ///< OK, or the load failure (its code and message are reported)
};

/// The model manager as seen by the REST layer. Thread-safe.
class ServableRegistry {
 public:
  virtual ~ServableRegistry() = default;

  /// Resolves a request to a loaded servable:
  ///  - no version/label: the highest AVAILABLE version;
  ///  - version: exactly that version if AVAILABLE;
  ///  - label: the version the label maps to.
  /// Errors must use TF Serving's texts; build them with the helpers below:
  ///   NotFound(ServableNotFoundMessage(request))          unknown model / version not loaded
  ///   InvalidArgument(UnrecognizedLabelMessage(label))     label not configured / model unknown
  ///   Unavailable(LabelsNotInitMessage(label))             before the first config is applied
  virtual StatusOr<std::shared_ptr<Servable>> Find(const ServableRequest& request) = 0;

  /// Every version ever tracked for model `name` (any order; the handler sorts and filters),
  /// including unloaded/failed ones (state END). Empty when the model is unknown.
  virtual std::vector<VersionStatus> ListVersions(const std::string& name) = 0;
};

/// "Servable not found for request: Latest(<name>)" or "...: Specific(<name>, <version>)".
std::string ServableNotFoundMessage(const ServableRequest& request);
/// "Unrecognized servable version label: <label>".
std::string UnrecognizedLabelMessage(const std::string& label);
/// "Model labels does not init yet.<label>".
std::string LabelsNotInitMessage(const std::string& label);

}  // namespace tfsk::serving::rest
