#include "serving/loader/model_run.h"

#include "serving/rest/json_tensor.h"
#include "serving/rest/json_writer.h"

namespace tfsk::serving::loader {

StatusOr<std::pair<std::string, std::string>> ParseInputArg(const std::string& arg) {
  auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) {
    return InvalidArgument("--input '" + arg +
                           "' must be ALIAS=JSON, e.g. --input x=[1.0,2.0,5.0]");
  }
  return std::make_pair(arg.substr(0, eq), arg.substr(eq + 1));
}

StatusOr<std::string> RunSignatureJson(
    rest::Servable& servable, const std::string& signature,
    const std::vector<std::pair<std::string, std::string>>& inputs) {
  const std::string key = signature.empty() ? "serving_default" : signature;
  auto sig = servable.signatures().find(key);
  if (sig == servable.signatures().end()) {
    std::string known;
    for (const auto& [k, v] : servable.signatures()) known += (known.empty() ? "" : ", ") + k;
    return NotFound("no signature '" + key + "'; the model has: " + known);
  }
  // A columnar request body, so parsing and rejections are the REST API's own.
  std::string body = "{\"inputs\": {";
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (i) body += ", ";
    rest::AppendJsonString(body, inputs[i].first);
    body += ": " + inputs[i].second;
  }
  body += "}}";
  auto lookup = [&sig](const std::string&) -> StatusOr<const rest::SignatureInputs*> {
    return &sig->second.inputs;
  };
  TFSK_ASSIGN_OR_RETURN(auto parsed, rest::ParsePredictRequest(body, lookup));
  TFSK_ASSIGN_OR_RETURN(auto outputs, servable.Run(key, std::move(parsed.inputs), rest::kNoDeadline));
  return rest::MakePredictResponse(outputs, rest::RequestFormat::kColumnar);
}

}  // namespace tfsk::serving::loader
