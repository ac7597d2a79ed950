#pragma once
// bench_savedmodel's mlp section (issue 8): the executor's throughput in GFLOP/s on the demo mlp
// next to Eigen's own speed on the same shapes, measured in the same run.

#include <filesystem>
#include <vector>

namespace tfsk::bench {

struct MlpThroughputOptions {
  int iterations = 2000;  ///< calls at batch 1; fewer at larger batches (see .cpp)
  std::vector<int> batches = {1, 32, 256};
};

/// Writes the demo mlp (serving::savedmodel::Mlp()) under `scratch`, loads it as the server
/// does and prints, per batch size: the serving signature through the executor, the same
/// MatMul + bias + Relu ... Softmax chain written directly in Eigen, and one bare Eigen GEMM of
/// the dominant layer shape, each as time per call and GFLOP/s, with the ratios. FLOPs are
/// 2·batch·in·out per dense layer (the GEMMs; bias, Relu and Softmax add < 1 % and are not
/// counted). Returns 0, or 1 after printing why the model could not be written, loaded or run.
int RunMlpThroughput(const std::filesystem::path& scratch, const MlpThroughputOptions& options);

}  // namespace tfsk::bench
