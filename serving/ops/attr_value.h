#pragma once
// Node attributes as the kernels see them: a protobuf-free mirror of TensorFlow's AttrValue, so
// kernels (serving/ops) need only the Tensor type and the graph layer converts protos once at
// load time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// A possibly partially known shape (TensorShapeProto): -1 marks an unknown dimension.
struct AttrShape {
  bool unknown_rank = false;
  Shape dims;
  /// True when the rank and every dimension are known.
  bool fully_defined() const;
  friend bool operator==(const AttrShape&, const AttrShape&) = default;
};

struct AttrValue;

/// An ordered attribute table (name -> value), kept sorted by name for binary search.
class AttrMap {
 public:
  /// Inserts or replaces `name`.
  void Set(std::string name, AttrValue value);
  /// The value of `name`, or nullptr.
  const AttrValue* Find(std::string_view name) const;
  std::size_t size() const;
  const std::vector<std::pair<std::string, AttrValue>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, AttrValue>> entries_;
};

/// NameAttrList: a function name plus the attrs it is instantiated with (attr `f` of calls).
struct FuncAttr {
  std::string name;
  std::shared_ptr<const AttrMap> attrs;  // never null once converted
};

/// An empty `list {}`: TensorFlow cannot tell which element type an empty list has, so every
/// list getter accepts it.
struct EmptyList {
  friend bool operator==(const EmptyList&, const EmptyList&) = default;
};

/// One attribute value. `placeholder` is set for function-body attrs written as "$name".
struct AttrValue {
  using Value =
      std::variant<std::monostate, std::string, std::int64_t, float, bool, DataType, AttrShape,
                   Tensor, FuncAttr, EmptyList, std::vector<std::string>, std::vector<std::int64_t>,
                   std::vector<float>, std::vector<bool>, std::vector<DataType>,
                   std::vector<AttrShape>, std::vector<Tensor>, std::vector<FuncAttr>>;
  Value value;
  std::string placeholder;

  AttrValue() = default;
  // Explicit factories: a bare variant assignment would turn a string literal into a bool.
  static AttrValue Str(std::string v) { return Make(std::move(v)); }
  static AttrValue Int(std::int64_t v) { return Make(v); }
  static AttrValue Float(float v) { return Make(v); }
  static AttrValue Bool(bool v) { return Make(v); }
  static AttrValue Type(DataType v) { return Make(v); }
  static AttrValue ShapeOf(Shape dims) { return Make(AttrShape{false, std::move(dims)}); }
  static AttrValue Of(Tensor v) { return Make(std::move(v)); }
  static AttrValue Func(std::string name, AttrMap attrs = {});
  /// A list(func) (Case's `branches`) of functions instantiated without attrs.
  static AttrValue Funcs(std::vector<std::string> names);
  static AttrValue Ints(std::vector<std::int64_t> v) { return Make(std::move(v)); }
  static AttrValue Types(std::vector<DataType> v) { return Make(std::move(v)); }
  static AttrValue Strs(std::vector<std::string> v) { return Make(std::move(v)); }
  static AttrValue Shapes(std::vector<AttrShape> v) { return Make(std::move(v)); }
  static AttrValue Floats(std::vector<float> v) { return Make(std::move(v)); }

  /// Number of elements when this is a list (0 for EmptyList), -1 otherwise.
  std::int64_t list_size() const;

 private:
  template <typename T>
  static AttrValue Make(T v) {
    AttrValue a;
    a.value.emplace<T>(std::move(v));
    return a;
  }
};

// Defined once AttrValue is complete: clang instantiates the vector's members here, and an
// incomplete element type there is an error (GCC happened to accept it in the class body).
inline std::size_t AttrMap::size() const { return entries_.size(); }

}  // namespace tfsk::serving
