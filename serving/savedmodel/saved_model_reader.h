#pragma once
// Reading a SavedModel export directory into plain data: which MetaGraphDef to serve, its
// signatures, and what a loader must run (restore, init) and feed (checkpoint prefix, asset
// paths) — a pure function of the files. Nothing here runs a graph; the executor does that.
//
// Directory layout read: <dir>/saved_model.pb (or saved_model.pbtxt),
// <dir>/variables/variables.index (optional), <dir>/assets/ (paths only, never opened).

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "serving/proto/meta_graph.pb.h"
#include "serving/proto/saved_model.pb.h"

namespace tfsk::serving::savedmodel {

inline constexpr std::string_view kSavedModelFilenamePb = "saved_model.pb";
inline constexpr std::string_view kSavedModelFilenamePbTxt = "saved_model.pbtxt";
inline constexpr std::string_view kServeTag = "serve";
/// TF2: the signature whose single output (same key) names the init op.
inline constexpr std::string_view kInitOpSignatureKey = "__saved_model_init_op";
/// TF1 collections naming the init op (NodeList with exactly one node), in order of preference.
inline constexpr std::string_view kMainOpCollectionKey = "saved_model_main_op";
inline constexpr std::string_view kLegacyInitOpCollectionKey = "legacy_init_op";
/// TF1 collection of asset files (AnyList of AssetFileDef), used when asset_file_def is empty.
inline constexpr std::string_view kAssetsCollectionKey = "saved_model_assets";

/// A string tensor the loader must feed with an asset's absolute path when running the init op.
struct AssetFeed {
  std::string tensor_name;     ///< e.g. "Const:0" (TF1) or "asset_path_initializer:0" (TF2)
  std::string filename;        ///< as stored, relative to assets/ (e.g. "foo.txt")
  std::filesystem::path path;  ///< absolute: <export dir>/assets/<filename>
  friend bool operator==(const AssetFeed&, const AssetFeed&) = default;
};

/// How to restore the variables: feed `filename_tensor_name` with `checkpoint_prefix` (a scalar
/// string) and run the node `restore_op_name` as a target.
struct RestoreSpec {
  std::string restore_op_name;  ///< "save/restore_all" (TF1), "StatefulPartitionedCall_7" (TF2)
  std::string filename_tensor_name;  ///< "save/Const:0" (TF1), "saver_filename:0" (TF2)
  std::string checkpoint_prefix;     ///< <export dir>/variables/variables
};

/// Where the init op name came from.
enum class InitOpSource { kNone, kSignature, kMainOpCollection, kLegacyInitOpCollection };

/// Everything the loader needs from one SavedModel directory for one tag set.
struct SavedModelInfo {
  std::filesystem::path export_dir;  ///< absolute, normalised
  std::filesystem::path model_file;  ///< the saved_model.pb / .pbtxt that was parsed
  std::int64_t schema_version = 0;   ///< SavedModel.saved_model_schema_version
  std::set<std::string> tags;        ///< the tag set of the chosen meta graph
  /// The chosen meta graph (graph_def with its function library, stripped_op_list, saver_def,
  /// collections, signatures, asset_file_def).
  tensorflow::MetaGraphDef meta_graph;
  /// All signatures by key, including "__saved_model_init_op" when present (TF Serving lists
  /// it in model metadata too).
  std::map<std::string, tensorflow::SignatureDef> signatures;
  /// "<export dir>/variables/variables" when variables/variables.index exists.
  std::optional<std::string> variables_prefix;
  /// Present when there are variables and saver_def names a restore op.
  std::optional<RestoreSpec> restore;
  /// Tensors to feed with asset paths when running the init op (may be empty).
  std::vector<AssetFeed> asset_feeds;
  /// Node to run as a target after restoring; empty when the model has none.
  std::string init_op_name;
  InitOpSource init_op_source = InitOpSource::kNone;
};

/// "{serve}", "{gpu, serve}": a tag set as printed in messages (sorted, comma-separated).
std::string TagSetString(const std::set<std::string>& tags);

/// Parses <dir>/saved_model.pb (binary, up to 2 GiB) or, when absent, <dir>/saved_model.pbtxt
/// (text format). `file_read`, when given, receives the path parsed. Errors: NotFound (no such
/// directory, or neither file present), FailedPrecondition (not a directory), DataLoss (the file
/// does not parse; the text-format error includes line and column).
StatusOr<tensorflow::SavedModel> ReadSavedModelProto(const std::filesystem::path& export_dir,
                                                     std::filesystem::path* file_read = nullptr);

/// Reads `export_dir` and extracts the meta graph whose tag set equals `tags`.
/// Besides ReadSavedModelProto's errors: NotFound "no meta graph with tags {serve} in <file>;
/// available: {train}, {gpu, serve}"; FailedPrecondition for an init-op signature without its
/// output or an init-op collection not holding exactly one node; InvalidArgument for a malformed
/// asset entry (wrong Any type, empty tensor name or filename).
StatusOr<SavedModelInfo> ReadSavedModel(const std::filesystem::path& export_dir,
                                        const std::set<std::string>& tags = {
                                            std::string(kServeTag)});

}  // namespace tfsk::serving::savedmodel
