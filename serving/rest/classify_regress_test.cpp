#include "serving/rest/classify_regress.h"

#include <doctest/doctest.h>

namespace tfsk::serving::rest {
namespace {

constexpr int kFloat = 1, kString = 7;

SignatureInfo Sig(std::map<std::string, TensorSpec> in, std::map<std::string, TensorSpec> out) {
  return SignatureInfo{std::move(in), std::move(out), "tensorflow/serving/classify"};
}

TEST_CASE("Classify signature checks") {
  const TensorSpec s{"tf_example:0", kString, {}, true};
  const TensorSpec f{"y:0", kFloat, {-1, 1}, false};
  CHECK(ValidateClassifySignature(Sig({{"inputs", s}}, {{"scores", f}})).ok());
  CHECK(ValidateClassifySignature(Sig({{"inputs", s}}, {{"classes", f}, {"scores", f}})).ok());
  CHECK(ValidateClassifySignature(Sig({}, {{"scores", f}})).message() == "Expected one input Tensor.");
  CHECK(ValidateClassifySignature(Sig({{"inputs", s}}, {})).message() ==
        "Expected one or two output Tensors, found 0");
  const Status no_inputs = ValidateClassifySignature(Sig({{"x", s}}, {{"scores", f}}));
  CHECK(no_inputs.code() == Code::kFailedPrecondition);
  CHECK(no_inputs.message().starts_with("No classification inputs found in SignatureDef: inputs {\n  key: \"x\"\n"));
  CHECK(ValidateClassifySignature(Sig({{"inputs", s}}, {{"y", f}}))
            .message()
            .starts_with("Expected classification signature outputs to contain at least one of "
                         "\"classes\" or \"scores\". Signature was: "));
}

TEST_CASE("Regress signature checks") {
  const TensorSpec s{"tf_example:0", kString, {}, true};
  const TensorSpec f{"y:0", kFloat, {-1, 1}, false};
  CHECK(ValidateRegressSignature(Sig({{"inputs", s}}, {{"outputs", f}})).ok());
  CHECK(ValidateRegressSignature(Sig({{"inputs", s}, {"b", s}}, {{"outputs", f}})).message() ==
        "Expected one input Tensor.");
  CHECK(ValidateRegressSignature(Sig({{"inputs", s}}, {{"outputs", f}, {"o", f}})).message() ==
        "Expected one output Tensor.");
  CHECK(ValidateRegressSignature(Sig({{"x", s}}, {{"outputs", f}})).message().starts_with(
      "No regression inputs found in SignatureDef: "));
  CHECK(ValidateRegressSignature(Sig({{"inputs", s}}, {{"y", f}})).message().starts_with(
      "No regression outputs found in SignatureDef: "));
}

TEST_CASE("SignatureDebugString is protobuf text format") {
  const SignatureInfo sig{{{"inputs", TensorSpec{"tf_example:0", kString, {}, true}}},
                          {{"outputs", TensorSpec{"y:0", kFloat, {-1, 1}, false}}},
                          "tensorflow/serving/regress"};
  CHECK(SignatureDebugString(sig) ==
        "inputs {\n  key: \"inputs\"\n  value {\n    name: \"tf_example:0\"\n    dtype: DT_STRING\n"
        "    tensor_shape {\n      unknown_rank: true\n    }\n  }\n}\n"
        "outputs {\n  key: \"outputs\"\n  value {\n    name: \"y:0\"\n    dtype: DT_FLOAT\n"
        "    tensor_shape {\n      dim {\n        size: -1\n      }\n      dim {\n        size: 1\n"
        "      }\n    }\n  }\n}\nmethod_name: \"tensorflow/serving/regress\"\n");
}

Tensor F(std::vector<float> v, Shape s) { return Tensor::FromVector(v, std::move(s)).value(); }

TEST_CASE("Classify results: layout and defaults") {
  CHECK(MakeClassifyResponse({{"scores", F({3.0f, 3.5f}, {2, 1})}}, 2).value() ==
        "{\n    \"results\": [[[\"\", 3.0]], [[\"\", 3.5]]\n    ]\n}");
  const Tensor classes = Tensor::FromVector<std::string>({"a", "b"}, {1, 2}).value();
  CHECK(MakeClassifyResponse({{"classes", classes}}, 1).value() ==
        "{\n    \"results\": [[[\"a\", 0.0], [\"b\", 0.0]]\n    ]\n}");
  CHECK(MakeClassifyResponse({{"classes", classes}, {"scores", F({0.25f, 0.75f}, {1, 2})}}, 1)
            .value() == "{\n    \"results\": [[[\"a\", 0.25], [\"b\", 0.75]]\n    ]\n}");
}

TEST_CASE("Classify output validation") {
  const Tensor classes = Tensor::FromVector<std::string>({"a", "b"}, {1, 2}).value();
  CHECK(MakeClassifyResponse({{"scores", F({1}, {1})}}, 1).status().message() ==
        "Expected Tensor shape: [batch_size num_classes] but got [1]");
  // The rank is checked before the dtype.
  CHECK(MakeClassifyResponse({{"scores", Tensor::Scalar(1.0)}}, 1).status().message() ==
        "Expected Tensor shape: [batch_size num_classes] but got []");
  CHECK(MakeClassifyResponse({{"scores", F({1, 2}, {2, 1})}}, 1).status().message() ==
        "Expected scores output batch size of 1. Got: 2");
  CHECK(MakeClassifyResponse({{"scores", Tensor::FromVector<double>({1.0}, {1, 1}).value()}}, 1).status().message() ==
        "Expected scores Tensor of DT_FLOAT. Got: DT_DOUBLE");
  CHECK(MakeClassifyResponse({{"classes", F({1, 2}, {1, 2})}}, 1).status().message() ==
        "Expected classes Tensor of DT_STRING. Got: DT_FLOAT");
  CHECK(MakeClassifyResponse({{"classes", classes}}, 3).status().message() ==
        "Expected classes output batch size of 3. Got: 1");
  CHECK(MakeClassifyResponse({{"classes", classes}, {"scores", F({1}, {1, 1})}}, 1).status().message() ==
        "Tensors class and score should match in dim_size(1). Got 2 vs. 1");
}

TEST_CASE("Regress results and validation") {
  CHECK(MakeRegressResponse({{"outputs", F({3.0f, 3.5f}, {2, 1})}}, 2).value() ==
        "{\n    \"results\": [3.0, 3.5]\n}");
  CHECK(MakeRegressResponse({{"outputs", F({2.5f}, {1})}}, 1).value() ==
        "{\n    \"results\": [2.5]\n}");
  CHECK(MakeRegressResponse({{"outputs", F({1, 2}, {1, 2})}}, 1).status().message() ==
        "Expected output Tensor shape to be either [batch_size] or [batch_size, 1] but got [1,2]");
  CHECK(MakeRegressResponse({{"outputs", F({1, 2}, {2})}}, 3).status().message() ==
        "Input batch size did not match output batch size: 3 vs. 2");
  const Tensor d = Tensor::FromVector<double>({1.0}, {1}).value();
  CHECK(MakeRegressResponse({{"outputs", d}}, 1).status().message() ==
        "Expected output Tensor of DT_FLOAT.  Got: DT_DOUBLE");
}

}  // namespace
}  // namespace tfsk::serving::rest
