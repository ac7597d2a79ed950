// DecodeCSV (tf.io.decode_csv): the CSV serving input of estimator exports. Each record (a string
// element) is split into fields with TensorFlow's rules — `field_delim`, RFC-4180 quoting when
// `use_quote_delim`, CR/LF skipped between fields, `select_cols` — and field f becomes element i
// of output f, typed like record_defaults[f]. An empty field, or one equal to `na_value`, takes
// the default; a field whose default is empty is required. Error texts are TensorFlow's.

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/string_number.h"

namespace tfsk::serving::ops {
namespace {

struct CsvOptions {
  char delim = ',';
  bool use_quote_delim = true;
  std::vector<std::int64_t> select_cols;  // empty: every column
};

/// Splits one record into its (selected) fields.
StatusOr<std::vector<std::string>> ExtractFields(std::string_view in, const CsvOptions& o) {
  std::vector<std::string> fields;
  if (in.empty()) return fields;
  const bool all = o.select_cols.empty();
  std::size_t pos = 0, selected = 0;
  std::int64_t parsed = 0;
  const auto included = [&] {
    return all || (selected < o.select_cols.size() && o.select_cols[selected] == parsed);
  };
  while (pos < in.size()) {
    if (in[pos] == '\n' || in[pos] == '\r') {
      ++pos;
      continue;
    }
    const bool include = included();
    std::string field;
    if (o.use_quote_delim && in[pos] == '"') {
      ++pos;
      // A quoted field ends at a quote followed by the delimiter or by the end; "" is a quote.
      while (pos + 1 < in.size() && (in[pos] != '"' || in[pos + 1] != o.delim)) {
        if (in[pos] != '"') {
          if (include) field += in[pos];
          ++pos;
          continue;
        }
        if (in[pos + 1] != '"') {
          return InvalidArgument("Quote inside a string has to be escaped by another quote");
        }
        if (include) field += '"';
        pos += 2;
      }
      if (pos >= in.size() || in[pos] != '"' || (pos + 1 != in.size() && in[pos + 1] != o.delim)) {
        return InvalidArgument("Quoted field has to end with quote followed by delim or end");
      }
      pos += 2;
    } else {
      for (; pos < in.size() && in[pos] != o.delim; ++pos) {
        if ((o.use_quote_delim && in[pos] == '"') || in[pos] == '\n' || in[pos] == '\r') {
          return InvalidArgument("Unquoted fields cannot have quotes/CRLFs inside");
        }
        if (include) field += in[pos];
      }
      ++pos;
    }
    ++parsed;
    if (include) {
      fields.push_back(std::move(field));
      if (!all && ++selected == o.select_cols.size()) return fields;
    }
  }
  // A trailing delimiter ends with one more, empty, field.
  if (included() && in.back() == o.delim) fields.emplace_back();
  return fields;
}

/// Writes field `text` of record `i` (column `f`) into out[i], or the default when it is missing.
Status ConvertField(const std::string& text, const std::string& na_value, const Tensor& fallback,
                    int f, std::int64_t i, Tensor& out) {
  const auto at = static_cast<std::size_t>(i);
  if (text.empty() || text == na_value) {
    if (fallback.num_elements() != 1) {
      return InvalidArgument("Field " + std::to_string(f) + " is required but missing in record " +
                             std::to_string(i) + "!");
    }
    return DispatchAll(out.dtype(), "DecodeCSV", [&]<typename T>() -> Status {
      out.flat<T>()[at] = fallback.flat<T>()[0];
      return OkStatus();
    });
  }
  const auto invalid = [&](const char* type) {
    return InvalidArgument("Field " + std::to_string(f) + " in record " + std::to_string(i) +
                           " is not a valid " + type + ": " + text);
  };
  switch (out.dtype()) {
    case DataType::kInt32: {
      auto v = ParseInt32(text);
      if (!v) return invalid("int32");
      out.flat<std::int32_t>()[at] = *v;
      return OkStatus();
    }
    case DataType::kInt64: {
      auto v = ParseInt64(text);
      if (!v) return invalid("int64");
      out.flat<std::int64_t>()[at] = *v;
      return OkStatus();
    }
    case DataType::kFloat: {
      auto v = ParseFloat(text);
      if (!v) return invalid("float");
      out.flat<float>()[at] = *v;
      return OkStatus();
    }
    case DataType::kDouble: {
      auto v = ParseDouble(text);
      if (!v) return invalid("double");
      out.flat<double>()[at] = *v;
      return OkStatus();
    }
    case DataType::kString:
      out.flat<std::string>()[at] = text;
      return OkStatus();
    default:
      break;
  }
  return Internal("DecodeCSV column " + std::to_string(f) + " has an unchecked dtype");
}

/// Inputs: records (string, any shape), then one record default per output column.
Status DecodeCsv(OpContext& ctx) {
  if (ctx.num_inputs() < 2) {
    return InvalidArgument("DecodeCSV expects records and at least one record default");
  }
  CsvOptions o;
  const std::string delim = ctx.node.StringOr("field_delim", ",");
  if (delim.size() != 1) return InvalidArgument("field_delim should be only 1 char");
  o.delim = delim[0];
  o.use_quote_delim = ctx.node.BoolOr("use_quote_delim", true);
  const std::string na_value = ctx.node.StringOr("na_value", "");
  if (ctx.node.HasAttr("select_cols")) {
    TFSK_ASSIGN_OR_RETURN(o.select_cols, ctx.node.GetIntList("select_cols"));
  }
  const int columns = ctx.num_inputs() - 1;
  for (std::size_t k = 1; k < o.select_cols.size(); ++k) {
    if (o.select_cols[k - 1] >= o.select_cols[k]) {
      return InvalidArgument("select_cols is not strictly increasing.");
    }
  }
  if (!o.select_cols.empty() && o.select_cols.front() < 0) {
    return InvalidArgument("select_cols contains negative values.");
  }
  if (!o.select_cols.empty() && static_cast<int>(o.select_cols.size()) != columns) {
    return InvalidArgument("select_cols should match output size");
  }
  const Tensor& records = ctx.input(0);
  if (records.dtype() != DataType::kString) {
    return InvalidArgument("DecodeCSV records must be strings, got " +
                           DataTypeName(records.dtype()));
  }
  std::vector<Tensor> outputs;
  for (int f = 0; f < columns; ++f) {
    const Tensor& d = ctx.input(f + 1);
    if (d.rank() > 1) return InvalidArgument("Each record default should be at most rank 1");
    if (d.num_elements() >= 2) {
      return InvalidArgument("There should only be 1 default per field but field " +
                             std::to_string(f) + " has " + std::to_string(d.num_elements()));
    }
    const DataType t = d.dtype();
    if (t != DataType::kInt32 && t != DataType::kInt64 && t != DataType::kFloat &&
        t != DataType::kDouble && t != DataType::kString) {
      return InvalidArgument("csv: data type " + DataTypeName(t) + " not supported in field " +
                             std::to_string(f));
    }
    outputs.emplace_back(t, records.shape());
  }
  const auto texts = records.flat<std::string>();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    TFSK_ASSIGN_OR_RETURN(auto fields, ExtractFields(texts[i], o));
    if (static_cast<int>(fields.size()) != columns) {
      return InvalidArgument("Expect " + std::to_string(columns) + " fields but have " +
                             std::to_string(fields.size()) + " in record " + std::to_string(i));
    }
    for (int f = 0; f < columns; ++f) {
      TFSK_RETURN_IF_ERROR(ConvertField(fields[static_cast<std::size_t>(f)], na_value,
                                        ctx.input(f + 1), f, static_cast<std::int64_t>(i),
                                        outputs[static_cast<std::size_t>(f)]));
    }
  }
  for (auto& t : outputs) ctx.outputs.push_back(std::move(t));
  return OkStatus();
}

}  // namespace

void RegisterDecodeCsvOps(KernelRegistry& r) { r.Register({"DecodeCSV", &DecodeCsv, {}}); }

}  // namespace tfsk::serving::ops
