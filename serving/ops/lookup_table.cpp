#include "serving/ops/lookup_table.h"

#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <type_traits>
#include <unordered_map>

namespace tfsk::serving {
namespace {

/// A value as TensorFlow's StrCat renders it in messages: integers in decimal, bools as 1/0,
/// floats in the shortest %g form that reads back exactly.
template <typename T>
std::string Render(const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return v;
  } else if constexpr (std::is_floating_point_v<T>) {
    constexpr int kDigits = std::is_same_v<T, float> ? FLT_DIG : DBL_DIG;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", kDigits, static_cast<double>(v));
    if (static_cast<T>(std::strtod(buf, nullptr)) != v) {
      std::snprintf(buf, sizeof buf, "%.*g", kDigits + (std::is_same_v<T, float> ? 3 : 2),
                    static_cast<double>(v));
    }
    return buf;
  } else {
    return std::to_string(static_cast<std::int64_t>(v));
  }
}

template <typename K, typename V>
class HashTableOf final : public LookupTable {
 public:
  explicit HashTableOf(TableKind kind)
      : LookupTable(kind, DataTypeOf<K>::value, DataTypeOf<V>::value) {}

  std::int64_t Size() const override {
    std::shared_lock lock(mu_);
    return static_cast<std::int64_t>(map_.size());
  }

  bool initialized() const override {
    std::shared_lock lock(mu_);
    return initialized_;
  }

  StatusOr<Tensor> Find(const Tensor& keys, const Tensor& default_value) const override {
    TFSK_RETURN_IF_ERROR(CheckFindArguments(keys, default_value));
    Tensor out(value_dtype(), keys.shape());
    const auto k = keys.flat<K>();
    const auto d = default_value.flat<V>();
    auto o = out.flat<V>();
    // A HashTable always uses the first default (TensorFlow's HashTable::DoFind); a
    // MutableHashTable gives each key its own when the default has the keys' shape.
    const bool per_key = kind() == TableKind::kMutableHashTable && d.size() == k.size() &&
                         default_value.shape() == keys.shape() && default_value.rank() > 0;
    std::shared_lock lock(mu_);
    if (!initialized_) return FailedPrecondition("Table not initialized.");
    for (std::size_t i = 0; i < k.size(); ++i) {
      auto it = map_.find(k[i]);
      o[i] = it != map_.end() ? it->second : d[per_key ? i : 0];
    }
    return out;
  }

  Status Insert(const Tensor& keys, const Tensor& values) override {
    if (kind() == TableKind::kHashTable) {
      return Unimplemented("Insert not supported by InitializableLookupTable implementations");
    }
    TFSK_RETURN_IF_ERROR(CheckKeysAndValues(keys, values));
    const auto k = keys.flat<K>();
    const auto v = values.flat<V>();
    std::unique_lock lock(mu_);
    for (std::size_t i = 0; i < k.size(); ++i) map_.insert_or_assign(k[i], v[i]);
    return OkStatus();
  }

  Status Import(const Tensor& keys, const Tensor& values) override {
    if (kind() == TableKind::kHashTable) return Initialize(keys, values);
    TFSK_RETURN_IF_ERROR(CheckKeysAndValues(keys, values));
    std::unordered_map<K, V> next;
    const auto k = keys.flat<K>();
    const auto v = values.flat<V>();
    for (std::size_t i = 0; i < k.size(); ++i) next.insert_or_assign(k[i], v[i]);
    std::unique_lock lock(mu_);
    map_ = std::move(next);
    return OkStatus();
  }

  Status Initialize(const Tensor& keys, const Tensor& values) override {
    if (kind() != TableKind::kHashTable) {
      return FailedPrecondition("MutableHashTable is not initializable");
    }
    TFSK_RETURN_IF_ERROR(CheckKeysAndValues(keys, values));
    const auto k = keys.flat<K>();
    const auto v = values.flat<V>();
    std::unique_lock lock(mu_);
    if (initialized_) {
      // TensorFlow compares only the entry counts (InitializableLookupTable::AreEntriesSame).
      if (map_.size() == k.size()) return OkStatus();
      return FailedPrecondition("Table was already initialized with different data.");
    }
    std::unordered_map<K, V> next;
    next.reserve(k.size());
    for (std::size_t i = 0; i < k.size(); ++i) {
      auto [it, inserted] = next.try_emplace(k[i], v[i]);
      if (!inserted && it->second != v[i]) {
        return FailedPrecondition("HashTable has different value for same key. Key " +
                                  Render(k[i]) + " has " + Render(it->second) +
                                  " and trying to add value " + Render(v[i]));
      }
    }
    map_ = std::move(next);
    initialized_ = true;
    return OkStatus();
  }

  StatusOr<std::pair<Tensor, Tensor>> Export() const override {
    std::shared_lock lock(mu_);
    if (!initialized_) return Status(Code::kAborted, "HashTable is not initialized.");
    const auto n = static_cast<std::int64_t>(map_.size());
    Tensor keys(key_dtype(), {n});
    Tensor values(value_dtype(), {n});
    auto k = keys.flat<K>();
    auto v = values.flat<V>();
    std::size_t i = 0;
    for (const auto& [key, value] : map_) {
      k[i] = key;
      v[i] = value;
      ++i;
    }
    return std::make_pair(std::move(keys), std::move(values));
  }

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<K, V> map_;
  // A MutableHashTable is usable from the start.
  bool initialized_ = kind() == TableKind::kMutableHashTable;
};

template <typename K>
StatusOr<std::shared_ptr<LookupTable>> MakeWithKey(TableKind kind, DataType value_dtype) {
  switch (value_dtype) {
    case DataType::kBool:
      if constexpr (std::is_same_v<K, std::string>) {
        return std::shared_ptr<LookupTable>(std::make_shared<HashTableOf<K, bool>>(kind));
      }
      break;
    case DataType::kDouble:
      return std::shared_ptr<LookupTable>(std::make_shared<HashTableOf<K, double>>(kind));
    case DataType::kFloat:
      return std::shared_ptr<LookupTable>(std::make_shared<HashTableOf<K, float>>(kind));
    case DataType::kInt32:
      return std::shared_ptr<LookupTable>(std::make_shared<HashTableOf<K, std::int32_t>>(kind));
    case DataType::kInt64:
      // TensorFlow registers no int32 -> int64 table.
      if constexpr (!std::is_same_v<K, std::int32_t>) {
        return std::shared_ptr<LookupTable>(std::make_shared<HashTableOf<K, std::int64_t>>(kind));
      }
      break;
    case DataType::kString:
      // MutableHashTable has no string -> string and no int32 -> string kernel.
      if (kind == TableKind::kHashTable || std::is_same_v<K, std::int64_t>) {
        return std::shared_ptr<LookupTable>(std::make_shared<HashTableOf<K, std::string>>(kind));
      }
      break;
    default:
      break;
  }
  return NotFound(std::string("No registered '") + TableKindName(kind) +
                  "V2' OpKernel for 'CPU' devices compatible with key_dtype=" +
                  DataTypeName(DataTypeOf<K>::value) +
                  ", value_dtype=" + DataTypeName(value_dtype));
}

}  // namespace

const char* TableKindName(TableKind kind) {
  return kind == TableKind::kHashTable ? "HashTable" : "MutableHashTable";
}

Status LookupTable::CheckTypes(const Tensor& keys, const Tensor& values) const {
  if (keys.dtype() != key_dtype_) {
    return InvalidArgument("Key must be type " + DataTypeName(key_dtype_) + " but got " +
                           DataTypeName(keys.dtype()));
  }
  if (values.dtype() != value_dtype_) {
    return InvalidArgument("Value must be type " + DataTypeName(value_dtype_) + " but got " +
                           DataTypeName(values.dtype()));
  }
  return OkStatus();
}

Status LookupTable::CheckKeysAndValues(const Tensor& keys, const Tensor& values) const {
  TFSK_RETURN_IF_ERROR(CheckTypes(keys, values));
  if (values.shape() != keys.shape()) {
    return InvalidArgument("Expected shape " + ShapeString(keys.shape()) + " for value, got " +
                           ShapeString(values.shape()));
  }
  return OkStatus();
}

Status LookupTable::CheckFindArguments(const Tensor& keys, const Tensor& default_value) const {
  TFSK_RETURN_IF_ERROR(CheckTypes(keys, default_value));
  if (default_value.rank() != 0 && default_value.shape() != keys.shape()) {
    return InvalidArgument("Expected shape [] or " + ShapeString(keys.shape()) +
                           " for default value, got " + ShapeString(default_value.shape()));
  }
  return OkStatus();
}

StatusOr<std::shared_ptr<LookupTable>> MakeLookupTable(TableKind kind, DataType key_dtype,
                                                       DataType value_dtype) {
  switch (key_dtype) {
    case DataType::kString:
      return MakeWithKey<std::string>(kind, value_dtype);
    case DataType::kInt64:
      return MakeWithKey<std::int64_t>(kind, value_dtype);
    case DataType::kInt32:
      return MakeWithKey<std::int32_t>(kind, value_dtype);
    default:
      break;
  }
  return NotFound(std::string("No registered '") + TableKindName(kind) +
                  "V2' OpKernel for 'CPU' devices compatible with key_dtype=" +
                  DataTypeName(key_dtype) + ", value_dtype=" + DataTypeName(value_dtype));
}

}  // namespace tfsk::serving
