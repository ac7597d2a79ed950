#pragma once
// The :predict body almost every client sends, read without building a DOM:
//
//   {"instances": NUMBERS}  or  {"signature_name": "NAME", "instances": NUMBERS}  (either order)
//
// where NUMBERS is a non-empty list of numbers, or of equally shaped non-empty nested lists of
// numbers, for a signature with a single float or double input. On such a body the general
// reader (ParsePredictRequestGeneral) would build a Boost.JSON DOM and walk it; this reads the
// numbers straight into the batch, with the same number reader (json_number.h), so the tensor
// is bit-identical. Anything else — other keys, strings, objects, empty or ragged lists, other
// dtypes, and every malformed body — is declined, and the general reader, which owns every
// error message, takes it. json_fast_predict_test.cpp checks the two agree.

#include <optional>
#include <string_view>

#include "serving/rest/json_tensor.h"

namespace tfsk::serving::rest {

/// nullopt: not a common body (call the general reader). Otherwise the parsed request, or the
/// error `lookup` returned (the general reader would return the same one: the body is valid
/// JSON and its "signature_name" a string). `lookup` is only called on a common body; when the
/// signature then is not one float/double input the answer is nullopt, and the general reader
/// calls it again.
std::optional<StatusOr<PredictInput>> TryParseCommonPredict(std::string_view body,
                                                            const SignatureInputsLookup& lookup);

}  // namespace tfsk::serving::rest
