#pragma once
// `tfsk model run`: call one signature of a loaded model with JSON inputs, the way
// `saved_model_cli run` does, reusing the REST layer's JSON <-> tensor conversion so the answer
// is exactly what tfsk-serving would send for a columnar :predict.

#include <string>
#include <utility>
#include <vector>

#include "serving/rest/servable.h"

namespace tfsk::serving::loader {

/// One `--input alias=JSON` argument, split. INVALID_ARGUMENT when there is no '=' or no alias.
StatusOr<std::pair<std::string, std::string>> ParseInputArg(const std::string& arg);

/// Runs `signature` ("" = serving_default) of `servable` with alias -> JSON value inputs and
/// returns the columnar predict answer ({"outputs": ...}). Errors are TF Serving's messages.
StatusOr<std::string> RunSignatureJson(rest::Servable& servable, const std::string& signature,
                                       const std::vector<std::pair<std::string, std::string>>& inputs);

}  // namespace tfsk::serving::loader
