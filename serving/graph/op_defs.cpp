#include "serving/graph/op_defs.h"

#include "serving/graph/proto_convert.h"

namespace tfsk::serving {

OpDefIndex::OpDefIndex(const tensorflow::OpList& ops, const tensorflow::FunctionDefLibrary& library) {
  for (const auto& op : ops.op()) defs_[op.name()] = op;
  for (const auto& f : library.function()) defs_.try_emplace(f.signature().name(), f.signature());
}

const tensorflow::OpDef* OpDefIndex::Find(std::string_view op) const {
  auto it = defs_.find(std::string(op));
  return it == defs_.end() ? nullptr : &it->second;
}

Status OpDefIndex::FillDefaults(std::string_view op, AttrMap& attrs) const {
  const tensorflow::OpDef* def = Find(op);
  if (def == nullptr) return OkStatus();
  for (const auto& attr : def->attr()) {
    if (!attr.has_default_value() || attrs.Find(attr.name()) != nullptr) continue;
    TFSK_ASSIGN_OR_RETURN(AttrValue v, AttrFromProto(attr.default_value()));
    if (std::holds_alternative<std::monostate>(v.value) && v.placeholder.empty()) continue;
    attrs.Set(attr.name(), std::move(v));
  }
  return OkStatus();
}

StatusOr<int> OpDefIndex::FlatOutputIndex(std::string_view op, const AttrMap& attrs,
                                          std::string_view arg_name, int index) const {
  const tensorflow::OpDef* def = Find(op);
  if (def == nullptr) {
    return NotFound("No OpDef for op '" + std::string(op) + "' to resolve output '" +
                    std::string(arg_name) + "'");
  }
  int base = 0;
  for (const auto& arg : def->output_arg()) {
    int len = 1;
    if (!arg.number_attr().empty()) {
      const AttrValue* n = attrs.Find(arg.number_attr());
      const auto* v = n ? std::get_if<std::int64_t>(&n->value) : nullptr;
      if (v == nullptr) {
        return InvalidArgument("Op '" + std::string(op) + "' output '" + arg.name() +
                               "' needs int attr '" + arg.number_attr() + "'");
      }
      len = static_cast<int>(*v);
    } else if (!arg.type_list_attr().empty()) {
      const AttrValue* n = attrs.Find(arg.type_list_attr());
      if (n == nullptr || n->list_size() < 0) {
        return InvalidArgument("Op '" + std::string(op) + "' output '" + arg.name() +
                               "' needs list attr '" + arg.type_list_attr() + "'");
      }
      len = static_cast<int>(n->list_size());
    }
    if (arg.name() == arg_name) {
      if (index < 0 || index >= len) {
        return InvalidArgument("Output '" + std::string(arg_name) + "' of op '" + std::string(op) +
                               "' has " + std::to_string(len) + " tensors; index " +
                               std::to_string(index) + " is out of range");
      }
      return base + index;
    }
    base += len;
  }
  return NotFound("Op '" + std::string(op) + "' has no output named '" + std::string(arg_name) + "'");
}

}  // namespace tfsk::serving
