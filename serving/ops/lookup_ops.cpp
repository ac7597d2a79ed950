// Lookup tables (tf.lookup): the ops that create a table in the model's TableStore and the
// ops that fill, read and export it. V2 ops pass a DT_RESOURCE scalar holding the table's store
// key; the TF1 reference forms (HashTable, LookupTableFind, ...) pass TensorFlow's 2-element
// string handle {container, name}. See lookup_table.h for the table semantics.

#include <string>

#include "serving/ops/op_util.h"
#include "serving/ops/text_file_table.h"

namespace tfsk::serving::ops {
namespace {

/// The container and name parts of a table's store key ("<container>/<name>").
std::pair<std::string, std::string> SplitKey(const std::string& key) {
  const auto slash = key.find('/');
  return {key.substr(0, slash), key.substr(slash + 1)};
}

template <TableKind kKind, bool kRefHandle>
Status CreateTable(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(DataType key_dtype, ctx.node.GetType("key_dtype"));
  TFSK_ASSIGN_OR_RETURN(DataType value_dtype, ctx.node.GetType("value_dtype"));
  std::string key = TableKey(ctx.node);
  TFSK_ASSIGN_OR_RETURN(auto table,
                        ctx.variables.tables().GetOrCreate(key, kKind, key_dtype, value_dtype));
  (void)table;
  if constexpr (kRefHandle) {
    auto [container, name] = SplitKey(key);
    TFSK_ASSIGN_OR_RETURN(Tensor handle, Tensor::FromVector<std::string>({container, name}, {2}));
    ctx.outputs.push_back(std::move(handle));
  } else {
    Tensor handle(DataType::kResource, {});
    handle.flat<std::string>()[0] = std::move(key);
    ctx.outputs.push_back(std::move(handle));
  }
  return OkStatus();
}

/// The store key of the table input 0 names: a resource handle holds it, the reference form
/// holds {container, name}.
StatusOr<std::string> HandleKey(const OpContext& ctx) {
  const Tensor& h = ctx.input(0);
  if (h.dtype() == DataType::kResource && h.num_elements() == 1) return h.flat<std::string>()[0];
  if (h.dtype() == DataType::kString) {
    if (h.num_elements() != 2) {
      return InvalidArgument("Lookup table handle must be scalar, but had shape: " +
                             ShapeString(h.shape()));
    }
    const auto parts = h.flat<std::string>();
    return parts[0] + "/" + parts[1];
  }
  return InvalidArgument(ctx.node.op + " expects a table handle as input 0, got " +
                         DataTypeName(h.dtype()) + " " + ShapeString(h.shape()));
}

StatusOr<std::shared_ptr<LookupTable>> InputTable(const OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(std::string key, HandleKey(ctx));
  return ctx.variables.tables().Find(key);
}

/// "resource" or "string_ref": how TensorFlow names input 0's type in signature messages.
std::string HandleTypeName(const OpContext& ctx) {
  return ctx.input(0).dtype() == DataType::kResource ? "resource" : "string_ref";
}

/// TensorFlow's MatchSignature for ops taking (handle, keys[, values]): the node's declared
/// key/value types (attrs Tin/Tout) must be the table's.
Status MatchTableSignature(const OpContext& ctx, const LookupTable& table, bool with_values,
                           bool outputs_values) {
  auto tin = ctx.node.GetType("Tin");
  auto tout = ctx.node.GetType("Tout");
  const DataType have_k = tin.ok() ? *tin : ctx.input(1).dtype();
  const DataType have_v =
      tout.ok() ? *tout : (with_values ? ctx.input(2).dtype() : table.value_dtype());
  if (have_k == table.key_dtype() && have_v == table.value_dtype()) return OkStatus();
  const std::string h = HandleTypeName(ctx);
  auto render = [&](DataType k, DataType v) {
    std::string s = h + ", " + DataTypeName(k);
    if (with_values) s += ", " + DataTypeName(v);
    s += "->";
    if (outputs_values) s += DataTypeName(v);
    return s;
  };
  return InvalidArgument("Signature mismatch, have: " + render(have_k, have_v) +
                         " expected: " + render(table.key_dtype(), table.value_dtype()));
}

Status Find(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(auto table, InputTable(ctx));
  TFSK_RETURN_IF_ERROR(MatchTableSignature(ctx, *table, true, true));
  TFSK_ASSIGN_OR_RETURN(Tensor out, table->Find(ctx.input(1), ctx.input(2)));
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status Insert(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(auto table, InputTable(ctx));
  TFSK_RETURN_IF_ERROR(MatchTableSignature(ctx, *table, true, false));
  return table->Insert(ctx.input(1), ctx.input(2));
}

Status Import(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(auto table, InputTable(ctx));
  TFSK_RETURN_IF_ERROR(MatchTableSignature(ctx, *table, true, false));
  return table->Import(ctx.input(1), ctx.input(2));
}

Status Size(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(auto table, InputTable(ctx));
  ctx.outputs.push_back(Tensor::Scalar<std::int64_t>(table->Size()));
  return OkStatus();
}

Status Export(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(auto table, InputTable(ctx));
  TFSK_ASSIGN_OR_RETURN(auto kv, table->Export());
  ctx.outputs.push_back(std::move(kv.first));
  ctx.outputs.push_back(std::move(kv.second));
  return OkStatus();
}

/// The table of input 0 when it can be initialized (a HashTable), else TensorFlow's error.
StatusOr<std::shared_ptr<LookupTable>> InitializableTable(const OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(std::string key, HandleKey(ctx));
  TFSK_ASSIGN_OR_RETURN(auto table, ctx.variables.tables().Find(key));
  if (table->kind() != TableKind::kHashTable) {
    auto [container, name] = SplitKey(key);
    return InvalidArgument("Table " + container + " " + name + " is not initializable");
  }
  return table;
}

Status InitializeTable(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(auto table, InitializableTable(ctx));
  TFSK_RETURN_IF_ERROR(MatchTableSignature(ctx, *table, true, false));
  const Tensor& keys = ctx.input(1);
  const Tensor& values = ctx.input(2);
  // TensorFlow's texts, without a space before the shape.
  if (keys.rank() != 1) {
    return InvalidArgument("Keys must be a vector, but received shape" + ShapeString(keys.shape()));
  }
  if (values.rank() != 1) {
    return InvalidArgument("Values must be a vector, but received shape" +
                           ShapeString(values.shape()));
  }
  if (keys.num_elements() != values.num_elements()) {
    return InvalidArgument("Keys and values must have the same size " +
                           std::to_string(keys.num_elements()) + " vs " +
                           std::to_string(values.num_elements()));
  }
  return table->Initialize(keys, values);
}

Status InitializeTableFromTextFile(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TextFileTableSpec spec;
  TFSK_ASSIGN_OR_RETURN(spec.key_index, ctx.node.GetInt("key_index"));
  TFSK_ASSIGN_OR_RETURN(spec.value_index, ctx.node.GetInt("value_index"));
  spec.vocab_size = ctx.node.IntOr("vocab_size", -1);
  spec.offset = ctx.node.IntOr("offset", 0);
  const std::string delimiter = ctx.node.StringOr("delimiter", "\t");
  if (delimiter.size() != 1) return InvalidArgument("delimiter should be only 1 char");
  spec.delimiter = delimiter[0];
  TFSK_ASSIGN_OR_RETURN(auto table, InitializableTable(ctx));
  const Tensor& filename = ctx.input(1);
  if (filename.dtype() != DataType::kString || filename.rank() != 0) {
    return InvalidArgument("filename should be a single string, but got " +
                           ShapeString(filename.shape()));
  }
  spec.filename = filename.flat<std::string>()[0];
  if (spec.filename.empty()) return InvalidArgument("filename cannot be empty.");
  TFSK_ASSIGN_OR_RETURN(auto kv, ReadTextFileTable(spec, table->key_dtype(), table->value_dtype()));
  Status st = table->Initialize(kv.first, kv.second);
  // TensorFlow ignores a second initialization from a file: the table's shared name contains
  // the file name, so it already holds that file.
  if (st.code() == Code::kFailedPrecondition && table->initialized()) return OkStatus();
  return st;
}

}  // namespace

void RegisterLookupOps(KernelRegistry& r) {
  r.Register(
      {"HashTableV2", &CreateTable<TableKind::kHashTable, false>, {"key_dtype", "value_dtype"}});
  r.Register(
      {"HashTable", &CreateTable<TableKind::kHashTable, true>, {"key_dtype", "value_dtype"}});
  r.Register({"MutableHashTableV2",
              &CreateTable<TableKind::kMutableHashTable, false>,
              {"key_dtype", "value_dtype"}});
  r.Register({"MutableHashTable",
              &CreateTable<TableKind::kMutableHashTable, true>,
              {"key_dtype", "value_dtype"}});
  for (const char* suffix : {"", "V2"}) {
    const std::string s = suffix;
    r.Register({"LookupTableFind" + s, &Find, {}});
    r.Register({"LookupTableInsert" + s, &Insert, {}});
    r.Register({"LookupTableImport" + s, &Import, {}});
    r.Register({"LookupTableSize" + s, &Size, {}});
    r.Register({"LookupTableExport" + s, &Export, {}});
    r.Register({"InitializeTable" + s, &InitializeTable, {}});
    r.Register({"InitializeTableFromTextFile" + s,
                &InitializeTableFromTextFile,
                {"key_index", "value_index"}});
  }
}

}  // namespace tfsk::serving::ops
