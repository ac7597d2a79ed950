#pragma once
// Reading a table initializer's text file (InitializeTableFromTextFileV2) with TensorFlow's
// TextFileLineIterator rules: one entry per line; a key or value is a column split on
// `delimiter` (index >= 0), the whole line (-2) or the line number plus `offset` (-1); an empty
// line is an error; `vocab_size` (-1 = all lines) truncates a longer file and rejects a
// shorter one.

#include <cstdint>
#include <string>
#include <utility>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// TensorFlow's special column indices (lookup_ops.TextFileIndex).
inline constexpr std::int64_t kTextFileLineNumber = -1;
inline constexpr std::int64_t kTextFileWholeLine = -2;

struct TextFileTableSpec {
  std::string filename;
  std::int64_t vocab_size = -1;
  char delimiter = '\t';
  std::int64_t key_index = kTextFileWholeLine;
  std::int64_t value_index = kTextFileLineNumber;
  std::int64_t offset = 0;
};

/// The file's entries as two vectors of `key_dtype` and `value_dtype`, or TensorFlow's error:
/// InvalidArgument for index/dtype combinations it rejects, unparsable fields, empty lines,
/// short lines and a wrong vocab_size; NotFound when the file cannot be opened.
StatusOr<std::pair<Tensor, Tensor>> ReadTextFileTable(const TextFileTableSpec& spec,
                                                      DataType key_dtype, DataType value_dtype);

}  // namespace tfsk::serving
