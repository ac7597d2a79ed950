#pragma once
// :classify / :regress on top of a SignatureDef: structural checks of the signature
// (servables/tensorflow/classifier.cc, regressor.cc), output validation and the "results" JSON.

#include <cstdint>
#include <map>
#include <string>

#include "lib/base/status.h"
#include "serving/rest/servable.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::rest {

/// Checks a signature for :classify (method_name is not checked, like TF Serving's default):
/// exactly one input ("Expected one input Tensor."), one or two outputs ("Expected one or two
/// output Tensors, found <n>"), the input alias is "inputs" (FAILED_PRECONDITION "No
/// classification inputs found in SignatureDef: <proto text>"), and outputs contain "classes"
/// and/or "scores" (FAILED_PRECONDITION). All of these are HTTP 400.
Status ValidateClassifySignature(const SignatureInfo& signature);

/// Checks a signature for :regress: one input, one output, aliases "inputs" and "outputs".
Status ValidateRegressSignature(const SignatureInfo& signature);

/// Validates the classify outputs (for "classes" then "scores": rank 2, then dtype DT_STRING /
/// DT_FLOAT, then batch == num_examples; then equal class counts) and renders
/// {"results": [[[label, score], ...], ...]} with TF Serving's layout (label "" without a
/// classes output, score 0.0 without a scores output).
StatusOr<std::string> MakeClassifyResponse(const std::map<std::string, Tensor>& outputs,
                                           std::int64_t num_examples);

/// Validates the regress output "outputs" (DT_FLOAT, [batch] or [batch, 1], batch ==
/// num_examples) and renders {"results": [v0, v1, ...]}.
StatusOr<std::string> MakeRegressResponse(const std::map<std::string, Tensor>& outputs,
                                          std::int64_t num_examples);

/// The SignatureDef in protobuf text format (SignatureDef::DebugString), for messages.
std::string SignatureDebugString(const SignatureInfo& signature);

}  // namespace tfsk::serving::rest
