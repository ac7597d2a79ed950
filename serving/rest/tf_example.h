#pragma once
// :classify / :regress request bodies -> serialized tf.Example protos (util/json_tensor.cc
// FillClassifyRegressRequestFromJson + the ExampleListWithContext merge the servers do).
//
// The protobuf wire format is written by hand (example_wire.h), so this layer does not depend
// on generated protobuf code.

#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::serving::rest {

struct ExamplesInput {
  std::string signature_name;  ///< as sent; "" when absent
  /// One serialized tf.Example per JSON example. With "context", each is
  /// serialized(context) + serialized(example): protobuf concatenation merges, so for a feature
  /// key present in both, the example's value wins when parsed.
  std::vector<std::string> serialized_examples;
};

/// Parses a :classify/:regress body {"signature_name"?, "context"?, "examples": [...]}.
/// Order of checks: JSON syntax, object, "signature_name" string, "context", "examples"
/// (present, array, non-empty), each example. Feature values: a fraction/exponent number,
/// NaN, Infinity -> float_list; an integer literal or true/false -> int64_list; a string or
/// {"b64": ...} -> bytes_list; a list of these of one kind; [] gives a feature without kind.
/// All errors INVALID_ARGUMENT with TF Serving's texts.
StatusOr<ExamplesInput> ParseExamplesRequest(std::string_view body);

}  // namespace tfsk::serving::rest
