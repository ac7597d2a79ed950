// libFuzzer target for reading a SavedModel and compiling its graph: arbitrary bytes as
// saved_model.pb → ReadSavedModel (meta graph choice, signatures, init/restore/asset specs) →
// Executor::Create (graph + function library: node attrs, OpDef defaults, function references,
// If/While/call linking) → the op-support walk the loader does. Nothing is run (a fuzzed While
// could legitimately loop forever). Malformed input must only ever produce a Status; a crash,
// sanitizer report or runaway allocation is a bug.
//
// Build and run: scripts/fuzz (clang, -DTFSK_FUZZ=ON, build/fuzz). Seeds: the fixtures'
// saved_model.pb files and the demo models.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "serving/graph/executor.h"
#include "serving/loader/run_roots.h"
#include "serving/savedmodel/saved_model_reader.h"

namespace {

namespace fs = std::filesystem;

const fs::path& ExportDir() {
  static const fs::path dir = [] {
    fs::path d =
        fs::temp_directory_path() / ("tfsk_saved_model_fuzz_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tfsk::serving;
  {
    std::ofstream out(ExportDir() / "saved_model.pb", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto info = savedmodel::ReadSavedModel(ExportDir());
  if (!info.ok()) return 0;
  const auto& mg = info->meta_graph;
  (void)AllUnsupportedOps(mg.graph_def());
  auto exec = Executor::Create(mg.graph_def(), mg.meta_info_def().stripped_op_list());
  if (!exec.ok()) return 0;
  (void)loader::UnsupportedServingOps(*info, **exec);
  for (const auto& roots : loader::ServingRuns(*info, **exec)) {
    (void)(*exec)->Prepare(roots.feeds, roots.fetches, roots.targets);
  }
  return 0;
}
