#pragma once
// One loaded SavedModel version, ready to serve: the SavedModel read from disk, an executor with
// its variables restored and its init op run, and every signature prepared for the hot path.
// It is both what the version manager holds (core::Servable) and what the REST handler runs
// (rest::Servable).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "serving/core/servable.h"
#include "serving/graph/executor.h"
#include "serving/rest/servable.h"
#include "serving/savedmodel/saved_model_reader.h"

namespace tfsk::serving::loader {

struct LoadOptions {
  /// The meta graph to serve (--saved_model_tags).
  std::set<std::string> tags = {"serve"};
};

/// How long each load step took, for startup logs and `tfsk model inspect --timing`.
struct LoadTimings {
  std::chrono::microseconds read{0};     ///< parsing saved_model.pb
  std::chrono::microseconds compile{0};  ///< building the executor, checking op support
  std::chrono::microseconds restore{0};  ///< reading variables and running the restore op
  std::chrono::microseconds init{0};     ///< running the init op
  std::chrono::microseconds prepare{0};  ///< preparing every signature
  std::chrono::microseconds total() const { return read + compile + restore + init + prepare; }
};

/// Thread-safety: after Load() returns, every method may be called from many threads; Run() of
/// stateful signatures (variables) is serialized per variable by the executor.
class SavedModelServable : public core::Servable, public rest::Servable {
 public:
  /// Reads `export_dir` (a version folder holding saved_model.pb), checks that every op the
  /// restore op, the init op and the signatures can reach has a kernel, restores the variables
  /// and runs the init op. Errors name the folder and the failing step; a model with
  /// unsupported ops fails with UNIMPLEMENTED naming every unsupported op type.
  static StatusOr<std::shared_ptr<SavedModelServable>> Load(const std::filesystem::path& export_dir,
                                                            std::int64_t version,
                                                            const LoadOptions& options = {});

  std::int64_t version() const override { return version_; }
  const std::map<std::string, rest::SignatureInfo>& signatures() const override {
    return signatures_;
  }
  StatusOr<std::map<std::string, Tensor>> Run(const std::string& signature_key,
                                              std::map<std::string, Tensor> inputs,
                                              rest::Deadline deadline) override;
  std::vector<std::pair<std::string, std::string>> SignatureDefJson() const override;

  const savedmodel::SavedModelInfo& info() const { return info_; }
  const LoadTimings& timings() const { return timings_; }
  const Executor& executor() const { return *executor_; }

 private:
  struct PreparedSignature {
    std::vector<std::string> input_aliases;   ///< order of the prepared run's feeds
    std::vector<std::string> output_aliases;  ///< order of its fetches
    std::shared_ptr<const PreparedRun> run;   ///< null when preparing failed
    Status error;                             ///< why preparing failed (reported on Run)
  };

  SavedModelServable() = default;
  Status CheckSupportedOps() const;
  Status RestoreAndInit();
  void PrepareSignatures();

  std::int64_t version_ = 0;
  savedmodel::SavedModelInfo info_;
  std::unique_ptr<Executor> executor_;
  std::map<std::string, rest::SignatureInfo> signatures_;
  std::map<std::string, PreparedSignature> prepared_;
  LoadTimings timings_;
};

}  // namespace tfsk::serving::loader
