#include "serving/ops/node.h"

namespace tfsk::serving {
namespace {

template <typename T>
StatusOr<T> Get(const NodeInfo& n, std::string_view attr, const char* type_name) {
  const AttrValue* v = n.attrs.Find(attr);
  if (v == nullptr) {
    return NotFound("No attr named '" + std::string(attr) + "' in NodeDef '" + n.name +
                    "' (op " + n.op + ")");
  }
  if (const T* p = std::get_if<T>(&v->value)) return *p;
  return InvalidArgument("Attr '" + std::string(attr) + "' of node '" + n.name +
                         "' is not of type " + type_name);
}

/// List getters also accept the type-less empty list.
template <typename T>
StatusOr<std::vector<T>> GetList(const NodeInfo& n, std::string_view attr,
                                 const char* type_name) {
  const AttrValue* v = n.attrs.Find(attr);
  if (v != nullptr && std::holds_alternative<EmptyList>(v->value)) return std::vector<T>{};
  return Get<std::vector<T>>(n, attr, type_name);
}

}  // namespace

StatusOr<std::int64_t> NodeInfo::GetInt(std::string_view a) const {
  return Get<std::int64_t>(*this, a, "int");
}
StatusOr<float> NodeInfo::GetFloat(std::string_view a) const { return Get<float>(*this, a, "float"); }
StatusOr<bool> NodeInfo::GetBool(std::string_view a) const { return Get<bool>(*this, a, "bool"); }
StatusOr<DataType> NodeInfo::GetType(std::string_view a) const {
  return Get<DataType>(*this, a, "type");
}
StatusOr<std::string> NodeInfo::GetString(std::string_view a) const {
  return Get<std::string>(*this, a, "string");
}
StatusOr<AttrShape> NodeInfo::GetShape(std::string_view a) const {
  return Get<AttrShape>(*this, a, "shape");
}
StatusOr<Tensor> NodeInfo::GetTensor(std::string_view a) const {
  return Get<Tensor>(*this, a, "tensor");
}
StatusOr<FuncAttr> NodeInfo::GetFunc(std::string_view a) const {
  return Get<FuncAttr>(*this, a, "func");
}
StatusOr<std::vector<std::int64_t>> NodeInfo::GetIntList(std::string_view a) const {
  return GetList<std::int64_t>(*this, a, "list(int)");
}
StatusOr<std::vector<float>> NodeInfo::GetFloatList(std::string_view a) const {
  return GetList<float>(*this, a, "list(float)");
}
StatusOr<std::vector<DataType>> NodeInfo::GetTypeList(std::string_view a) const {
  return GetList<DataType>(*this, a, "list(type)");
}
StatusOr<std::vector<std::string>> NodeInfo::GetStringList(std::string_view a) const {
  return GetList<std::string>(*this, a, "list(string)");
}
StatusOr<std::vector<AttrShape>> NodeInfo::GetShapeList(std::string_view a) const {
  return GetList<AttrShape>(*this, a, "list(shape)");
}
StatusOr<std::vector<FuncAttr>> NodeInfo::GetFuncList(std::string_view a) const {
  return GetList<FuncAttr>(*this, a, "list(func)");
}

std::int64_t NodeInfo::IntOr(std::string_view a, std::int64_t fallback) const {
  auto v = GetInt(a);
  return v.ok() ? *v : fallback;
}
bool NodeInfo::BoolOr(std::string_view a, bool fallback) const {
  auto v = GetBool(a);
  return v.ok() ? *v : fallback;
}
std::string NodeInfo::StringOr(std::string_view a, std::string fallback) const {
  auto v = GetString(a);
  return v.ok() ? *v : fallback;
}

}  // namespace tfsk::serving
