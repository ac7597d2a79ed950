#pragma once
// A graph node as a kernel sees it: name, op type and attributes (defaults already filled in
// from the OpDef by the graph layer), with typed getters that fail like TensorFlow does.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "serving/ops/attr_value.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// The static description of one node: what a kernel may read besides its inputs.
struct NodeInfo {
  std::string name;
  std::string op;
  AttrMap attrs;

  bool HasAttr(std::string_view attr) const { return attrs.Find(attr) != nullptr; }

  /// Typed getters: NotFound when missing, InvalidArgument when of another type.
  StatusOr<std::int64_t> GetInt(std::string_view attr) const;
  StatusOr<float> GetFloat(std::string_view attr) const;
  StatusOr<bool> GetBool(std::string_view attr) const;
  StatusOr<DataType> GetType(std::string_view attr) const;
  StatusOr<std::string> GetString(std::string_view attr) const;
  StatusOr<AttrShape> GetShape(std::string_view attr) const;
  StatusOr<Tensor> GetTensor(std::string_view attr) const;
  StatusOr<FuncAttr> GetFunc(std::string_view attr) const;
  StatusOr<std::vector<std::int64_t>> GetIntList(std::string_view attr) const;
  StatusOr<std::vector<float>> GetFloatList(std::string_view attr) const;
  StatusOr<std::vector<DataType>> GetTypeList(std::string_view attr) const;
  StatusOr<std::vector<std::string>> GetStringList(std::string_view attr) const;
  StatusOr<std::vector<AttrShape>> GetShapeList(std::string_view attr) const;
  StatusOr<std::vector<FuncAttr>> GetFuncList(std::string_view attr) const;

  /// Convenience for optional attrs: the value, or `fallback` when absent or mistyped.
  std::int64_t IntOr(std::string_view attr, std::int64_t fallback) const;
  bool BoolOr(std::string_view attr, bool fallback) const;
  std::string StringOr(std::string_view attr, std::string fallback) const;
};

}  // namespace tfsk::serving
