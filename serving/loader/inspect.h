#pragma once
// `tfsk model inspect`: what TensorFlow's `saved_model_cli show --all` prints, without TensorFlow,
// plus what tfsk-serving needs to know — variables, op types, and which ops it cannot run.

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/rest/servable.h"

namespace tfsk::serving::loader {

struct InspectedVariable {
  std::string name;
  std::string dtype;  ///< "DT_FLOAT"
  Shape shape;
};

struct InspectedSignature {
  std::string key;
  rest::SignatureInfo info;
  /// SignatureDef.defaults: inputs that may be left out, with the dtype and shape of the value
  /// used instead (TF2 exports write them for arguments with Python defaults).
  std::map<std::string, rest::TensorSpec> defaults;
};

struct InspectReport {
  std::filesystem::path export_dir;
  std::set<std::string> tags;
  std::vector<InspectedSignature> signatures;
  std::vector<InspectedVariable> variables;  ///< from the TensorBundle, sorted by name
  std::vector<std::string> op_types;         ///< every op type in the graph and its functions
  std::vector<std::string> unsupported_ops;  ///< of those, the ones without a kernel
  std::string init_op;                       ///< "" when none
  std::string restore_op;                    ///< "" when none
  std::chrono::microseconds read_time{0};    ///< reading and compiling, for --timing
};

/// Reads the SavedModel in `export_dir` (a version folder) without running anything.
StatusOr<InspectReport> InspectSavedModel(const std::filesystem::path& export_dir,
                                          const std::set<std::string>& tags = {"serve"});

/// Human-readable rendering in the spirit of `saved_model_cli show --all`.
std::string InspectReportText(const InspectReport& report);

/// The same as a JSON document (stable keys, for scripts).
std::string InspectReportJson(const InspectReport& report);

}  // namespace tfsk::serving::loader
