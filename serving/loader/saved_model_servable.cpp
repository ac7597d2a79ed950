#include "serving/loader/saved_model_servable.h"

#include <fmt/format.h>

#include <mutex>

#include "serving/loader/run_roots.h"
#include "serving/loader/signature_info.h"
#include "serving/savedmodel/bundle_reader.h"

namespace tfsk::serving::loader {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::microseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

// RestoreV2 asks for (prefix, tensor) pairs; the prefix is the one the loader fed, so one open
// bundle per prefix is enough. Shared by the executor's threads.
class BundleCache {
 public:
  StatusOr<Tensor> Read(const std::string& prefix, const std::string& name) {
    std::shared_ptr<savedmodel::BundleReader> reader;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = readers_.find(prefix);
      if (it == readers_.end()) {
        TFSK_ASSIGN_OR_RETURN(auto opened, savedmodel::BundleReader::Open(prefix));
        it = readers_.emplace(prefix, std::make_shared<savedmodel::BundleReader>(std::move(opened)))
                 .first;
      }
      reader = it->second;
    }
    return reader->Lookup(name);
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<savedmodel::BundleReader>> readers_;
};

bool IsInitSignature(const std::string& key) {
  return key == savedmodel::kInitOpSignatureKey;
}

}  // namespace

StatusOr<std::shared_ptr<SavedModelServable>> SavedModelServable::Load(
    const std::filesystem::path& export_dir, std::int64_t version, const LoadOptions& options) {
  std::shared_ptr<SavedModelServable> s(new SavedModelServable());
  s->version_ = version;

  auto t = Clock::now();
  TFSK_ASSIGN_OR_RETURN(s->info_, savedmodel::ReadSavedModel(export_dir, options.tags));
  s->timings_.read = Since(t);

  t = Clock::now();
  auto bundles = std::make_shared<BundleCache>();
  ExecutorOptions exec_options;
  exec_options.checkpoint_reader = [bundles](const std::string& prefix, const std::string& name) {
    return bundles->Read(prefix, name);
  };
  const auto& mg = s->info_.meta_graph;
  auto exec = Executor::Create(mg.graph_def(), mg.meta_info_def().stripped_op_list(),
                               std::move(exec_options));
  if (!exec.ok()) return exec.status().WithPrefix("compiling the graph of " + export_dir.string());
  s->executor_ = std::move(exec).value();
  TFSK_RETURN_IF_ERROR(s->CheckSupportedOps());
  s->timings_.compile = Since(t);

  TFSK_RETURN_IF_ERROR(s->RestoreAndInit());

  t = Clock::now();
  for (const auto& [key, def] : s->info_.signatures) {
    s->signatures_.emplace(key, ToSignatureInfo(def));
  }
  s->PrepareSignatures();
  s->timings_.prepare = Since(t);
  return s;
}

Status SavedModelServable::CheckSupportedOps() const {
  TFSK_ASSIGN_OR_RETURN(auto unsupported, UnsupportedServingOps(info_, *executor_));
  if (!unsupported.empty()) {
    return Unimplemented(fmt::format(
        "{} uses {} op type(s) tfsk-serving does not implement: {}", info_.model_file.string(),
        unsupported.size(), fmt::join(unsupported, ", ")));
  }
  return OkStatus();
}

Status SavedModelServable::RestoreAndInit() {
  auto t = Clock::now();
  if (info_.restore) {
    std::map<std::string, Tensor> feeds{
        {info_.restore->filename_tensor_name,
         Tensor::Scalar<std::string>(info_.restore->checkpoint_prefix)}};
    auto r = executor_->Run(feeds, {}, {info_.restore->restore_op_name});
    if (!r.ok()) {
      return r.status().WithPrefix("restoring variables from " + info_.restore->checkpoint_prefix);
    }
  }
  timings_.restore = Since(t);

  t = Clock::now();
  if (!info_.init_op_name.empty()) {
    std::map<std::string, Tensor> feeds;
    for (const auto& a : info_.asset_feeds) {
      feeds.emplace(a.tensor_name, Tensor::Scalar<std::string>(a.path.string()));
    }
    auto r = executor_->Run(feeds, {}, {info_.init_op_name});
    if (!r.ok()) {
      return r.status().WithPrefix("running the init op '" + info_.init_op_name + "' of " +
                                   info_.export_dir.string());
    }
  }
  timings_.init = Since(t);
  return OkStatus();
}

void SavedModelServable::PrepareSignatures() {
  for (const auto& [key, sig] : signatures_) {
    if (IsInitSignature(key)) continue;
    PreparedSignature p;
    std::vector<std::string> feeds, fetches;
    for (const auto& [alias, spec] : sig.inputs) {
      p.input_aliases.push_back(alias);
      feeds.push_back(spec.tensor_name);
    }
    for (const auto& [alias, spec] : sig.outputs) {
      p.output_aliases.push_back(alias);
      fetches.push_back(spec.tensor_name);
    }
    auto run = executor_->Prepare(feeds, fetches, {});
    if (run.ok()) {
      p.run = std::move(run).value();
    } else {
      p.error = run.status().WithPrefix("signature '" + key + "'");
    }
    prepared_.emplace(key, std::move(p));
  }
}

StatusOr<std::map<std::string, Tensor>> SavedModelServable::Run(
    const std::string& signature_key, std::map<std::string, Tensor> inputs,
    rest::Deadline deadline) {
  auto it = prepared_.find(signature_key);
  if (it == prepared_.end()) {
    return NotFound("no signature '" + signature_key + "' in " + info_.model_file.string());
  }
  const PreparedSignature& p = it->second;
  if (!p.run) return p.error;

  std::vector<Tensor> feeds;
  feeds.reserve(p.input_aliases.size());
  for (const auto& alias : p.input_aliases) {
    auto in = inputs.find(alias);
    if (in == inputs.end()) {
      return InvalidArgument("Missing named input: " + alias + " of signature " + signature_key);
    }
    feeds.push_back(std::move(in->second));
  }
  TFSK_ASSIGN_OR_RETURN(auto outputs, executor_->RunPrepared(*p.run, std::move(feeds), RunOptions{deadline}));
  std::map<std::string, Tensor> result;
  for (std::size_t i = 0; i < p.output_aliases.size() && i < outputs.size(); ++i) {
    result.emplace(p.output_aliases[i], std::move(outputs[i]));
  }
  return result;
}

std::vector<std::pair<std::string, std::string>> SavedModelServable::SignatureDefJson() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, def] : info_.signatures) {
    auto json = loader::SignatureDefJson(def);
    // The printer only fails on malformed messages, which parsing already rejected; fall back
    // to the REST layer's own rendering of this signature if it ever does.
    if (json.ok()) out.emplace_back(key, std::move(json).value());
  }
  return out;
}

}  // namespace tfsk::serving::loader
