#include "serving/rest/classify_regress.h"

#include <tuple>

#include "serving/rest/json_writer.h"

namespace tfsk::serving::rest {
namespace {

void AppendTensorInfoText(std::string& out, const char* field,
                          const std::map<std::string, TensorSpec>& map) {
  for (const auto& [alias, spec] : map) {
    out += std::string(field) + " {\n  key: ";
    AppendJsonString(out, alias);
    out += "\n  value {\n    name: ";
    AppendJsonString(out, spec.tensor_name);
    out += "\n    dtype: " + DataTypeProtoName(spec.dtype) + "\n    tensor_shape {\n";
    if (spec.unknown_rank) {
      out += "      unknown_rank: true\n";
    } else {
      for (auto d : spec.shape) out += "      dim {\n        size: " + std::to_string(d) + "\n      }\n";
    }
    out += "    }\n  }\n}\n";
  }
}

const Tensor* FindOutput(const std::map<std::string, Tensor>& outputs, const char* alias) {
  const auto it = outputs.find(alias);
  return it == outputs.end() ? nullptr : &it->second;
}

}  // namespace

std::string SignatureDebugString(const SignatureInfo& signature) {
  std::string out;
  AppendTensorInfoText(out, "inputs", signature.inputs);
  AppendTensorInfoText(out, "outputs", signature.outputs);
  out += "method_name: ";
  AppendJsonString(out, signature.method_name);
  out += "\n";
  return out;
}

Status ValidateClassifySignature(const SignatureInfo& signature) {
  if (signature.inputs.size() != 1) return InvalidArgument("Expected one input Tensor.");
  if (signature.outputs.size() != 1 && signature.outputs.size() != 2) {
    return InvalidArgument("Expected one or two output Tensors, found " +
                           std::to_string(signature.outputs.size()));
  }
  if (!signature.inputs.contains("inputs")) {
    return FailedPrecondition("No classification inputs found in SignatureDef: " +
                              SignatureDebugString(signature));
  }
  if (!signature.outputs.contains("classes") && !signature.outputs.contains("scores")) {
    return InvalidArgument(
        "Expected classification signature outputs to contain at least one of \"classes\" or "
        "\"scores\". Signature was: " +
        SignatureDebugString(signature));
  }
  return OkStatus();
}

Status ValidateRegressSignature(const SignatureInfo& signature) {
  if (signature.inputs.size() != 1) return InvalidArgument("Expected one input Tensor.");
  if (signature.outputs.size() != 1) return InvalidArgument("Expected one output Tensor.");
  if (!signature.inputs.contains("inputs")) {
    return InvalidArgument("No regression inputs found in SignatureDef: " +
                              SignatureDebugString(signature));
  }
  if (!signature.outputs.contains("outputs")) {
    return InvalidArgument("No regression outputs found in SignatureDef: " +
                              SignatureDebugString(signature));
  }
  return OkStatus();
}

StatusOr<std::string> MakeClassifyResponse(const std::map<std::string, Tensor>& outputs,
                                           std::int64_t num_examples) {
  const Tensor* classes = FindOutput(outputs, "classes");
  const Tensor* scores = FindOutput(outputs, "scores");
  // Order and texts of classifier.cc PostProcessClassificationResult.
  for (const auto& [t, what, dtype] :
       {std::tuple{classes, "classes", DataType::kString}, std::tuple{scores, "scores", DataType::kFloat}}) {
    if (t == nullptr) continue;
    if (t->rank() != 2) {
      return InvalidArgument("Expected Tensor shape: [batch_size num_classes] but got " +
                             ShapeString(t->shape()));
    }
    if (t->dtype() != dtype) {
      return InvalidArgument(std::string("Expected ") + what + " Tensor of " +
                             DataTypeProtoName(static_cast<int>(dtype)) +
                             ". Got: " + DataTypeProtoName(static_cast<int>(t->dtype())));
    }
    if (t->dim(0) != num_examples) {
      return InvalidArgument(std::string("Expected ") + what + " output batch size of " +
                             std::to_string(num_examples) + ". Got: " + std::to_string(t->dim(0)));
    }
  }
  std::int64_t num_classes = 0;
  if (classes && scores) {
    if (classes->dim(1) != scores->dim(1)) {
      return InvalidArgument("Tensors class and score should match in dim_size(1). Got " +
                             std::to_string(classes->dim(1)) + " vs. " +
                             std::to_string(scores->dim(1)));
    }
    num_classes = classes->dim(1);
  } else if (classes) {
    num_classes = classes->dim(1);
  } else if (scores) {
    num_classes = scores->dim(1);
  } else {
    return InvalidArgument("Cannot convert empty ClassificationResults to JSON");
  }
  PrettyJsonWriter w;
  w.StartObject();
  w.Key("results");
  w.StartArray();
  for (std::int64_t i = 0; i < num_examples; ++i) {
    w.SetSingleLineArrays(true);
    w.StartArray();
    for (std::int64_t c = 0; c < num_classes; ++c) {
      const auto k = static_cast<std::size_t>(i * num_classes + c);
      w.StartArray();
      w.String(classes ? std::string_view(classes->flat<std::string>()[k]) : std::string_view());
      w.Float(scores ? scores->flat<float>()[k] : 0.0f);
      w.EndArray();
    }
    w.EndArray();
    w.SetSingleLineArrays(false);
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

StatusOr<std::string> MakeRegressResponse(const std::map<std::string, Tensor>& outputs,
                                          std::int64_t num_examples) {
  const Tensor* out = FindOutput(outputs, "outputs");
  if (out == nullptr) {
    return InvalidArgument("Could not find output tensor 'outputs'");
  }
  if (!(out->rank() == 1 || (out->rank() == 2 && out->dim(1) == 1))) {
    return InvalidArgument(
        "Expected output Tensor shape to be either [batch_size] or [batch_size, 1] but got " +
        ShapeString(out->shape()));
  }
  if (num_examples != out->dim(0)) {
    return InvalidArgument("Input batch size did not match output batch size: " +
                           std::to_string(num_examples) + " vs. " + std::to_string(out->dim(0)));
  }
  if (out->dtype() != DataType::kFloat) {
    return InvalidArgument("Expected output Tensor of DT_FLOAT.  Got: " +
                           DataTypeProtoName(static_cast<int>(out->dtype())));
  }
  PrettyJsonWriter w;
  w.StartObject();
  w.Key("results");
  w.SetSingleLineArrays(true);
  w.StartArray();
  for (float v : out->flat<float>()) w.Float(v);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace tfsk::serving::rest
