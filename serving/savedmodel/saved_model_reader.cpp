#include "serving/savedmodel/saved_model_reader.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <climits>
#include <string_view>
#include <system_error>

#include "serving/savedmodel/file_io.h"

namespace tfsk::serving::savedmodel {
namespace {

namespace fs = std::filesystem;

// Collects text-format parse errors into one message.
class TextErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (!errors_.empty()) errors_ += "; ";
    errors_ += "line " + std::to_string(line + 1) + " column " + std::to_string(column + 1) + ": " +
               message;
  }
  const std::string& errors() const { return errors_; }

 private:
  std::string errors_;
};

StatusOr<tensorflow::SavedModel> ParseBinary(const fs::path& file) {
  TFSK_ASSIGN_OR_RETURN(const std::string bytes, ReadFileToString(file));
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return ResourceExhausted(file.string() + ": larger than the 2 GiB protobuf limit");
  }
  google::protobuf::io::ArrayInputStream array(bytes.data(), static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream coded(&array);
  coded.SetTotalBytesLimit(INT_MAX);
  tensorflow::SavedModel model;
  if (!model.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage()) {
    return DataLoss(file.string() +
                    ": cannot parse as a SavedModel protobuf (truncated or corrupt)");
  }
  return model;
}

StatusOr<tensorflow::SavedModel> ParseText(const fs::path& file) {
  TFSK_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(file));
  google::protobuf::TextFormat::Parser parser;
  TextErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  tensorflow::SavedModel model;
  if (!parser.ParseFromString(text, &model)) {
    return DataLoss(file.string() +
                    ": cannot parse as a text-format SavedModel: " + errors.errors());
  }
  return model;
}

std::set<std::string> TagsOf(const tensorflow::MetaGraphDef& meta_graph) {
  const auto& tags = meta_graph.meta_info_def().tags();
  return {tags.begin(), tags.end()};
}

Status ExtractInitOp(const tensorflow::MetaGraphDef& meta_graph, const fs::path& file,
                     SavedModelInfo* info) {
  const auto& signatures = meta_graph.signature_def();
  if (const auto sig = signatures.find(std::string(kInitOpSignatureKey)); sig != signatures.end()) {
    const auto& outputs = sig->second.outputs();
    const auto out = outputs.find(std::string(kInitOpSignatureKey));
    if (out == outputs.end()) {
      return FailedPrecondition(file.string() + ": signature " + std::string(kInitOpSignatureKey) +
                                " has no output named " + std::string(kInitOpSignatureKey));
    }
    info->init_op_name = out->second.name();
    info->init_op_source = InitOpSource::kSignature;
    return OkStatus();
  }
  const auto& collections = meta_graph.collection_def();
  std::string key(kMainOpCollectionKey);
  InitOpSource source = InitOpSource::kMainOpCollection;
  if (!collections.contains(key)) {
    key = kLegacyInitOpCollectionKey;
    source = InitOpSource::kLegacyInitOpCollection;
  }
  const auto it = collections.find(key);
  if (it == collections.end()) return OkStatus();
  if (it->second.node_list().value_size() != 1) {
    return FailedPrecondition(file.string() + ": collection " + key +
                              " must name exactly one init op, it has " +
                              std::to_string(it->second.node_list().value_size()));
  }
  info->init_op_name = it->second.node_list().value(0);
  info->init_op_source = source;
  return OkStatus();
}

Status AddAssetFeed(const tensorflow::AssetFileDef& asset, const fs::path& file,
                    SavedModelInfo* info) {
  if (asset.tensor_info().name().empty() || asset.filename().empty()) {
    return InvalidArgument(file.string() + ": asset entry without a tensor name or filename");
  }
  info->asset_feeds.push_back(AssetFeed{asset.tensor_info().name(), asset.filename(),
                                        info->export_dir / "assets" / asset.filename()});
  return OkStatus();
}

// What Any::Is + Any::UnpackTo check, without them: they compare the type URL with the name
// from the message's descriptor, and the first descriptor lookup builds the descriptors of every
// linked .proto (~0.65 M instructions and a dozen page faults on the way to AVAILABLE).
bool UnpackAssetFileDef(const google::protobuf::Any& any, tensorflow::AssetFileDef* asset) {
  constexpr std::string_view kTypeName = "tensorflow.AssetFileDef";
  const std::string& url = any.type_url();
  const auto slash = url.rfind('/');
  if (slash == std::string::npos || std::string_view(url).substr(slash + 1) != kTypeName) {
    return false;
  }
  return asset->ParseFromString(any.value());
}

Status ExtractAssets(const tensorflow::MetaGraphDef& meta_graph, const fs::path& file,
                     SavedModelInfo* info) {
  if (meta_graph.asset_file_def_size() > 0) {
    for (const auto& asset : meta_graph.asset_file_def()) {
      TFSK_RETURN_IF_ERROR(AddAssetFeed(asset, file, info));
    }
    return OkStatus();
  }
  const auto& collections = meta_graph.collection_def();
  const auto it = collections.find(std::string(kAssetsCollectionKey));
  if (it == collections.end()) return OkStatus();
  for (const auto& any : it->second.any_list().value()) {
    tensorflow::AssetFileDef asset;
    if (!UnpackAssetFileDef(any, &asset)) {
      return InvalidArgument(file.string() + ": collection " + std::string(kAssetsCollectionKey) +
                             " holds a " + any.type_url() + ", expected tensorflow.AssetFileDef");
    }
    TFSK_RETURN_IF_ERROR(AddAssetFeed(asset, file, info));
  }
  return OkStatus();
}

}  // namespace

std::string TagSetString(const std::set<std::string>& tags) {
  std::string out = "{";
  for (const auto& tag : tags) {
    if (out.size() > 1) out += ", ";
    out += tag;
  }
  return out + "}";
}

StatusOr<tensorflow::SavedModel> ReadSavedModelProto(const fs::path& export_dir,
                                                     fs::path* file_read) {
  std::error_code ec;
  const auto dir_status = fs::status(export_dir, ec);
  if (!fs::exists(dir_status)) {
    return NotFound("SavedModel directory " + export_dir.string() + " does not exist");
  }
  if (!fs::is_directory(dir_status)) {
    return FailedPrecondition("SavedModel path " + export_dir.string() + " is not a directory");
  }
  const fs::path pb = export_dir / kSavedModelFilenamePb;
  const fs::path pbtxt = export_dir / kSavedModelFilenamePbTxt;
  if (fs::exists(pb, ec)) {
    if (file_read != nullptr) *file_read = pb;
    return ParseBinary(pb);
  }
  if (fs::exists(pbtxt, ec)) {
    if (file_read != nullptr) *file_read = pbtxt;
    return ParseText(pbtxt);
  }
  return NotFound("no " + std::string(kSavedModelFilenamePb) + " or " +
                  std::string(kSavedModelFilenamePbTxt) + " in SavedModel directory " +
                  export_dir.string());
}

StatusOr<SavedModelInfo> ReadSavedModel(const fs::path& export_dir,
                                        const std::set<std::string>& tags) {
  SavedModelInfo info;
  TFSK_ASSIGN_OR_RETURN(tensorflow::SavedModel model,
                        ReadSavedModelProto(export_dir, &info.model_file));
  std::error_code ec;
  info.export_dir = fs::absolute(export_dir, ec).lexically_normal();
  if (ec) info.export_dir = export_dir;
  // Drop a trailing separator so joined paths stay clean ("dir/" -> "dir").
  if (!info.export_dir.has_filename() && info.export_dir.has_parent_path()) {
    info.export_dir = info.export_dir.parent_path();
  }
  info.schema_version = model.saved_model_schema_version();

  tensorflow::MetaGraphDef* chosen = nullptr;
  for (auto& meta_graph : *model.mutable_meta_graphs()) {
    if (TagsOf(meta_graph) == tags) {
      chosen = &meta_graph;
      break;
    }
  }
  if (chosen == nullptr) {
    std::string available;
    for (const auto& meta_graph : model.meta_graphs()) {
      if (!available.empty()) available += ", ";
      available += TagSetString(TagsOf(meta_graph));
    }
    return NotFound("no meta graph with tags " + TagSetString(tags) + " in " +
                    info.model_file.string() +
                    "; available: " + (available.empty() ? "none" : available));
  }
  info.tags = tags;
  info.meta_graph = std::move(*chosen);
  const tensorflow::MetaGraphDef& meta_graph = info.meta_graph;
  for (const auto& [key, signature] : meta_graph.signature_def()) {
    info.signatures.emplace(key, signature);
  }

  const fs::path prefix = info.export_dir / "variables" / "variables";
  if (fs::exists(fs::path(prefix.string() + ".index"), ec)) {
    info.variables_prefix = prefix.string();
    if (!meta_graph.saver_def().restore_op_name().empty()) {
      info.restore = RestoreSpec{meta_graph.saver_def().restore_op_name(),
                                 meta_graph.saver_def().filename_tensor_name(), prefix.string()};
    }
  }
  TFSK_RETURN_IF_ERROR(ExtractAssets(meta_graph, info.model_file, &info));
  TFSK_RETURN_IF_ERROR(ExtractInitOp(meta_graph, info.model_file, &info));
  return info;
}

}  // namespace tfsk::serving::savedmodel
