#pragma once
// Predict over REST: request JSON -> alias-keyed input tensors (TF Serving's row "instances" and
// columnar "inputs" formats), and output tensors -> "predictions"/"outputs" JSON
// (util/json_tensor.cc). Every rejection carries TF Serving's exact message.

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "lib/base/status.h"
#include "serving/rest/servable.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::rest {

/// Row ("instances" -> "predictions") or columnar ("inputs" -> "outputs").
enum class RequestFormat { kRow, kColumnar };

/// A signature's inputs as the converter reads them: alias -> TensorSpec, of which only the
/// dtype (TF DataType value, _REF included) is used. It is SignatureInfo::inputs itself, built
/// once when the servable loads, so a request copies nothing to learn its input dtypes.
using SignatureInputs = std::map<std::string, TensorSpec>;

/// Called once the body has parsed, with the request's "signature_name" ("" when absent), to
/// resolve the model and signature (TF Serving looks the servable up at exactly this point, so
/// its errors beat tensor-conversion errors but lose to JSON errors). The returned map must
/// outlive the ParsePredictRequest call (the caller holds the servable).
using SignatureInputsLookup =
    std::function<StatusOr<const SignatureInputs*>(const std::string& signature_name)>;

struct PredictInput {
  std::string signature_name;  ///< as sent; "" when absent
  RequestFormat format = RequestFormat::kRow;
  std::map<std::string, Tensor> inputs;  ///< alias -> tensor, every signature input present
};

/// Parses a :predict body. Order of checks (and so which error wins): JSON syntax, top level is
/// an object, "signature_name" is a string, lookup(), the signature has inputs, exactly one of
/// "instances"/"inputs", then conversion. Row format batches the instances ([n] + instance
/// shape); columnar gives each value its own shape (a bare scalar is rank 0). Errors are
/// INVALID_ARGUMENT except UNIMPLEMENTED for dtypes JSON cannot express (half, complex, _REF...).
/// Common bodies (json_fast_predict.h) are read without a DOM; the rest by
/// ParsePredictRequestGeneral, with the same results.
StatusOr<PredictInput> ParsePredictRequest(std::string_view body,
                                           const SignatureInputsLookup& lookup);

/// ParsePredictRequest through the general reader only (a DOM for every body): the reference
/// the fast path is tested against.
StatusOr<PredictInput> ParsePredictRequestGeneral(std::string_view body,
                                                  const SignatureInputsLookup& lookup);

/// Renders a :predict response. Row: {"predictions": [...]} with one entry per batch index
/// (objects alias -> value when there are several outputs; every output needs rank >= 1 and the
/// same first dimension). Columnar: {"outputs": ...} (an object when several outputs). Values:
/// floats per float_format.h, integers, bools, strings; string outputs whose alias ends with
/// "_bytes" as {"b64": "..."}. Layout is rapidjson's PrettyWriter as TF Serving drives it.
StatusOr<std::string> MakePredictResponse(const std::map<std::string, Tensor>& outputs,
                                          RequestFormat format);

/// MakePredictResponse without its direct writer for one float/double output of rank 1 or 2 in
/// row format (every answer through PrettyJsonWriter): the reference that writer is tested
/// against.
StatusOr<std::string> MakePredictResponseGeneral(const std::map<std::string, Tensor>& outputs,
                                                 RequestFormat format);

/// TensorFlow's DataTypeString for a proto enum value: "float", "int64", "float_ref", ...
std::string TfDataTypeString(int dtype);

}  // namespace tfsk::serving::rest
