#include "serving/loader/run_roots.h"

namespace tfsk::serving::loader {

std::vector<RunRoots> ServingRuns(const savedmodel::SavedModelInfo& info, const Executor& executor) {
  std::vector<RunRoots> runs;
  if (info.restore) {
    runs.push_back({{info.restore->filename_tensor_name}, {}, {info.restore->restore_op_name}});
  }
  if (!info.init_op_name.empty()) {
    RunRoots init;
    for (const auto& a : info.asset_feeds) init.feeds.push_back(a.tensor_name);
    init.targets.push_back(info.init_op_name);
    runs.push_back(std::move(init));
  }
  for (const auto& [key, def] : info.signatures) {
    if (key == savedmodel::kInitOpSignatureKey) continue;
    RunRoots r;
    for (const auto& [alias, ti] : def.inputs()) r.feeds.push_back(ti.name());
    for (const auto& [alias, ti] : def.outputs()) r.fetches.push_back(ti.name());
    if (!executor.UnsupportedOps({r}).ok()) continue;
    runs.push_back(std::move(r));
  }
  return runs;
}

StatusOr<std::vector<std::string>> UnsupportedServingOps(const savedmodel::SavedModelInfo& info,
                                                         const Executor& executor) {
  return executor.UnsupportedOps(ServingRuns(info, executor));
}

}  // namespace tfsk::serving::loader
