// PrintV2 (tf.print inside a model) and Timestamp. PrintV2 writes its scalar string input
// followed by `end` (default "\n") to the print sink (print_sink.h: the server's stderr);
// `output_stream` must be one of TensorFlow's streams. "file://<path>" streams are refused:
// a served model must not write files on the server. Timestamp is the wall-clock time in
// seconds (double, microsecond resolution), as TensorFlow's.

#include <array>
#include <chrono>
#include <string>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/print_sink.h"

namespace tfsk::serving::ops {
namespace {

constexpr std::array<const char*, 5> kStreams = {"stdout", "stderr", "log(info)", "log(warning)",
                                                 "log(error)"};

Status CheckStream(const std::string& stream) {
  if (stream.starts_with("file://")) {
    return Unimplemented("PrintV2 with output_stream " + stream +
                         ": tfsk-serving does not let a model write files; export the model "
                         "with tf.print(..., output_stream=sys.stderr) instead");
  }
  for (const char* s : kStreams) {
    if (stream == s) return OkStatus();
  }
  std::string msg = "Unknown output stream: " + stream + ", Valid streams are:";
  for (const char* s : kStreams) msg += std::string(" ") + s;
  return InvalidArgument(msg);
}

Status PrintV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_RETURN_IF_ERROR(CheckStream(ctx.node.StringOr("output_stream", "stderr")));
  const Tensor& input = ctx.input(0);
  if (input.rank() != 0) {
    return InvalidArgument("Input is expected to be scalar, but got " + ShapeString(input.shape()));
  }
  if (input.dtype() != DataType::kString) {
    return InvalidArgument("PrintV2 expects a string input, got " + DataTypeName(input.dtype()));
  }
  WritePrinted(input.flat<std::string>()[0] + ctx.node.StringOr("end", "\n"));
  return OkStatus();
}

Status Timestamp(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 0));
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  ctx.outputs.push_back(Tensor::Scalar<double>(static_cast<double>(micros) / 1e6));
  return OkStatus();
}

}  // namespace

void RegisterLoggingOps(KernelRegistry& r) {
  r.Register({"PrintV2", &PrintV2, {}});
  r.Register({"Timestamp", &Timestamp, {}});
}

}  // namespace tfsk::serving::ops
