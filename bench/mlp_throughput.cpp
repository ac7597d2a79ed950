#include "bench/mlp_throughput.h"

#include <fmt/format.h>

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>

#include "bench/references.h"
#include "bench/timing.h"
#include "serving/loader/saved_model_servable.h"
#include "serving/savedmodel/demo_models.h"

namespace tfsk::bench {
namespace {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Layer {
  std::int64_t in = 0;
  std::int64_t out = 0;
};

/// The dense layers' [in, out] shapes, from the kernels Mlp() stores (dense_<i>/kernel).
std::vector<Layer> LayerShapes(const serving::savedmodel::SavedModelToWrite& model) {
  std::vector<Layer> layers;
  for (int i = 0;; ++i) {
    const std::string key = "dense_" + std::to_string(i) + "/kernel";
    const auto it = std::find_if(model.variables.begin(), model.variables.end(),
                                 [&](const auto& v) { return v.key == key; });
    if (it == model.variables.end() || it->shape.size() != 2) break;
    layers.push_back({it->shape[0], it->shape[1]});
  }
  return layers;
}

/// Calls per measurement: `iterations` at batch 1, scaled down with the batch (a call's cost grows
/// roughly linearly with it), but never fewer than 10 timed blocks of 16 for the median.
int CallsFor(int iterations, int batch) { return std::max(160, iterations * 8 / (batch + 7)); }

double Gflops(double flops, double ns) { return ns > 0 ? flops / ns : 0.0; }

}  // namespace

int RunMlpThroughput(const std::filesystem::path& scratch, const MlpThroughputOptions& options) {
  const auto model = serving::savedmodel::Mlp();
  const std::vector<Layer> layers = LayerShapes(model);
  const auto chain = MlpReference(model);
  if (layers.empty() || !chain) {
    fmt::print("mlp throughput: the demo mlp has no dense_<i>/kernel variables\n");
    return 1;
  }
  const std::filesystem::path dir = scratch / "mlp_throughput" / "1";
  if (Status st = serving::savedmodel::WriteSavedModel(dir, model); !st.ok()) {
    fmt::print("mlp throughput: writing the demo mlp: {}\n", st.ToString());
    return 1;
  }
  auto loaded = serving::loader::SavedModelServable::Load(dir, 1);
  if (!loaded.ok()) {
    fmt::print("mlp throughput: loading the demo mlp: {}\n", loaded.status().ToString());
    return 1;
  }
  const auto& servable = *loaded;

  // The dominant GEMM: the layer with the most multiply-adds (784 x 128 for the default mlp).
  const Layer big = *std::max_element(layers.begin(), layers.end(),
                                      [](Layer a, Layer b) { return a.in * a.out < b.in * b.out; });
  std::string shape = std::to_string(layers.front().in);
  for (const Layer& l : layers) shape += "-" + std::to_string(l.out);
  fmt::print(
      "mlp {} (demo): executor throughput next to Eigen, single thread, same build flags\n"
      "  FLOPs per call = sum over dense layers of 2*batch*in*out; GFLOP/s = FLOPs / time\n"
      "  {:>5}  {:>22}  {:>22}  {:>7}  {:>30}  {:>7}\n",
      shape, "batch", "executor (signature)", "Eigen chain", "ratio",
      fmt::format("Eigen GEMM bx{}x{}", big.in, big.out), "ratio");
  for (int batch : options.batches) {
    double flops = 0;
    for (const Layer& l : layers) flops += 2.0 * batch * static_cast<double>(l.in * l.out);
    const int calls = CallsFor(options.iterations, batch);

    serving::Tensor x(serving::DataType::kFloat, {batch, layers.front().in});
    for (float& v : x.flat<float>()) v = 0.5F;  // the chain's input too
    const std::map<std::string, serving::Tensor> inputs{{"x", x}};
    RowMajor a = RowMajor::Constant(batch, big.in, 0.5F);
    RowMajor b = RowMajor::Constant(big.in, big.out, 0.25F);
    RowMajor c(batch, big.out);
    bool failed = false;
    volatile float sink = 0;
    const auto [exec_ns, chain_ns, gemm_ns] = InterleavedPerCallNs<3>(
        calls, {[&] {
                  // As the server calls it: a fresh input map and a run deadline per request.
                  auto out = servable->Run("serving_default", inputs,
                                           Clock::now() + std::chrono::seconds(30));
                  failed |= !out.ok();
                },
                [&] { sink = sink + (*chain)(batch); },
                [&] {
                  c.noalias() = a * b;
                  sink = sink + c(0, 0);
                }});
    if (failed) {
      fmt::print("  {:>5}  the executor run failed\n", batch);
      return 1;
    }
    const double gemm_flops = 2.0 * batch * static_cast<double>(big.in * big.out);

    const double exec_rate = Gflops(flops, exec_ns);
    const double gemm_rate = Gflops(gemm_flops, gemm_ns);
    fmt::print(
        "  {:>5}  {:9.2f} us {:6.2f} GF/s  {:9.2f} us {:6.2f} GF/s  {:6.2f}x  {:15.2f} us {:6.2f} "
        "GF/s  {:6.2f}x\n",
        batch, exec_ns / 1e3, exec_rate, chain_ns / 1e3, Gflops(flops, chain_ns),
        chain_ns / exec_ns, gemm_ns / 1e3, gemm_rate, gemm_rate > 0 ? exec_rate / gemm_rate : 0.0);
  }
  fmt::print(
      "  ratio = executor throughput / Eigen's (1.00x = as fast as hand-written Eigen; target "
      ">= 0.8x at batch 256, printed, never asserted)\n");
  return 0;
}

}  // namespace tfsk::bench
