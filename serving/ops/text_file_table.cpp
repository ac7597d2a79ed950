#include "serving/ops/text_file_table.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

#include "serving/ops/string_number.h"

namespace tfsk::serving {
namespace {

bool IsIntegerType(DataType t) {
  switch (t) {
    case DataType::kInt8:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kInt64:
    case DataType::kUint8:
    case DataType::kUint16:
    case DataType::kUint32:
    case DataType::kUint64:
      return true;
    default:
      return false;
  }
}

Status CheckIndices(const TextFileTableSpec& spec, DataType key_dtype, DataType value_dtype) {
  if (spec.key_index == kTextFileLineNumber && key_dtype != DataType::kInt64) {
    return InvalidArgument("Key index for line number requires table key dtype of int64, got " +
                           DataTypeName(key_dtype));
  }
  if (spec.key_index == kTextFileWholeLine && !IsIntegerType(key_dtype) &&
      key_dtype != DataType::kString) {
    return InvalidArgument("Key index for whole line requires string or integer table key, got " +
                           DataTypeName(key_dtype));
  }
  if (spec.value_index == kTextFileLineNumber && value_dtype != DataType::kInt64) {
    return InvalidArgument("Value index for line number requires table value dtype of int64, got " +
                           DataTypeName(value_dtype));
  }
  if (spec.value_index == kTextFileWholeLine && !IsIntegerType(value_dtype) &&
      value_dtype != DataType::kString) {
    return InvalidArgument(
        "Value index for whole line requires table value dtype of integer or string, got " +
        DataTypeName(value_dtype));
  }
  return OkStatus();
}

/// One column of the table being read: parsed values collected per line.
class Column {
 public:
  Column(DataType dtype, std::int64_t index, std::int64_t offset)
      : dtype_(dtype), index_(index), offset_(offset) {}

  /// Appends the value of line `line_no` (its text and split tokens).
  Status Add(std::string_view line, const std::vector<std::string_view>& tokens,
             std::int64_t line_no) {
    if (index_ == kTextFileLineNumber) {
      ints_.push_back(line_no + offset_);
      return OkStatus();
    }
    const std::string_view token =
        index_ == kTextFileWholeLine ? line : tokens[static_cast<std::size_t>(index_)];
    auto invalid = [&](const char* what) {
      return InvalidArgument("Field " + std::string(token) + " in line " + std::to_string(line_no) +
                             " is not a valid " + what + ".");
    };
    switch (dtype_) {
      case DataType::kInt32: {
        auto v = ops::ParseInt32(token);
        if (!v) return invalid("int32");
        // TensorFlow adds the offset to int32 fields (and not to int64 ones).
        ints_.push_back(static_cast<std::int32_t>(*v + offset_));
        return OkStatus();
      }
      case DataType::kInt64: {
        auto v = ops::ParseInt64(token);
        if (!v) return invalid("int64");
        ints_.push_back(*v);
        return OkStatus();
      }
      case DataType::kFloat: {
        auto v = ops::ParseFloat(token);
        if (!v) return invalid("float");
        reals_.push_back(*v);
        return OkStatus();
      }
      case DataType::kDouble: {
        auto v = ops::ParseDouble(token);
        if (!v) return invalid("double");
        reals_.push_back(*v);
        return OkStatus();
      }
      case DataType::kString:
        strings_.emplace_back(token);
        return OkStatus();
      default:
        return InvalidArgument("Data type " + DataTypeName(dtype_) + " not supported.");
    }
  }

  Tensor Take(std::int64_t n) {
    Tensor t(dtype_, {n});
    const auto count = static_cast<std::size_t>(n);
    switch (dtype_) {
      case DataType::kInt32:
        for (std::size_t i = 0; i < count; ++i) {
          t.flat<std::int32_t>()[i] = static_cast<std::int32_t>(ints_[i]);
        }
        break;
      case DataType::kInt64:
        std::copy_n(ints_.begin(), count, t.flat<std::int64_t>().begin());
        break;
      case DataType::kFloat:
        for (std::size_t i = 0; i < count; ++i) {
          t.flat<float>()[i] = static_cast<float>(reals_[i]);
        }
        break;
      case DataType::kDouble:
        std::copy_n(reals_.begin(), count, t.flat<double>().begin());
        break;
      default:
        std::move(strings_.begin(), strings_.begin() + static_cast<std::ptrdiff_t>(count),
                  t.flat<std::string>().begin());
        break;
    }
    return t;
  }

 private:
  DataType dtype_;
  std::int64_t index_;
  std::int64_t offset_;
  std::vector<std::int64_t> ints_;
  std::vector<double> reals_;
  std::vector<std::string> strings_;
};

std::vector<std::string_view> Split(std::string_view line, char delimiter) {
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = line.find(delimiter, start);
    if (at == std::string_view::npos) {
      tokens.push_back(line.substr(start));
      return tokens;
    }
    tokens.push_back(line.substr(start, at - start));
    start = at + 1;
  }
}

}  // namespace

StatusOr<std::pair<Tensor, Tensor>> ReadTextFileTable(const TextFileTableSpec& spec,
                                                      DataType key_dtype, DataType value_dtype) {
  TFSK_RETURN_IF_ERROR(CheckIndices(spec, key_dtype, value_dtype));
  std::ifstream in(spec.filename, std::ios::binary);
  if (!in) return NotFound(spec.filename + "; No such file or directory");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return DataLoss("reading " + spec.filename + " failed");

  Column keys(key_dtype, spec.key_index, spec.offset);
  Column values(value_dtype, spec.value_index, spec.offset);
  const bool split = std::max(spec.key_index, spec.value_index) >= 0;
  const auto want_columns =
      static_cast<std::size_t>(std::max(spec.key_index, spec.value_index) + 1);
  std::int64_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string::npos ? text.size() : nl;
    std::string_view line(text.data() + pos, end - pos);
    // TensorFlow's InputBuffer::ReadLine drops a '\r' before the newline.
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (spec.vocab_size != -1 && line_no >= spec.vocab_size) break;
    if (line.empty()) {
      return InvalidArgument("Invalid content in " + spec.filename +
                             ": empty line found at position " + std::to_string(pos) + ".");
    }
    std::vector<std::string_view> tokens;
    if (split) {
      tokens = Split(line, spec.delimiter);
      if (tokens.size() < want_columns) {
        return InvalidArgument("Invalid number of columns in " + spec.filename + " line " +
                               std::to_string(line_no) + " (" + std::string(line) +
                               ") : expected at least " + std::to_string(want_columns) + " got " +
                               std::to_string(tokens.size()));
      }
    }
    TFSK_RETURN_IF_ERROR(keys.Add(line, tokens, line_no));
    TFSK_RETURN_IF_ERROR(values.Add(line, tokens, line_no));
    ++line_no;
  }
  if (spec.vocab_size != -1 && line_no != spec.vocab_size) {
    return InvalidArgument("Invalid vocab_size in " + spec.filename + ": expected " +
                           std::to_string(spec.vocab_size) + " but got " + std::to_string(line_no));
  }
  return std::make_pair(keys.Take(line_no), values.Take(line_no));
}

}  // namespace tfsk::serving
