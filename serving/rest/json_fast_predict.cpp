#include "serving/rest/json_fast_predict.h"

#include <array>
#include <string>
#include <utility>

#include <boost/container/small_vector.hpp>

#include "serving/rest/json_cursor.h"
#include "serving/rest/json_number.h"

namespace tfsk::serving::rest {
namespace {

// Deeper nesting is left to the general reader (its own limit is 1000 levels).
constexpr int kMaxInstanceRank = 16;

// Reads a whole common body or declines (returns false) at the first thing it does not cover.
// Declining is never an error: the general reader then reads the body from the start.
class CommonBodyReader : private JsonCursor {
 public:
  explicit CommonBodyReader(std::string_view text) : JsonCursor(text) { dims_.fill(-1); }

  bool Read() {
    SkipWhitespace();
    if (!Consume('{')) return false;
    bool seen_instances = false;
    bool seen_name = false;
    for (;;) {
      SkipWhitespace();
      std::string_view key;
      if (!ReadPlainString(key)) return false;
      SkipWhitespace();
      if (!Consume(':')) return false;
      SkipWhitespace();
      if (key == "instances" && !seen_instances) {
        seen_instances = true;
        if (!ReadInstances()) return false;
      } else if (key == "signature_name" && !seen_name) {
        seen_name = true;
        if (!ReadPlainString(signature_name_)) return false;
      } else {
        return false;  // other keys and duplicates: the general reader's rules apply
      }
      SkipWhitespace();
      if (Consume(',')) continue;
      if (Consume('}')) break;
      return false;
    }
    SkipWhitespace();
    return seen_instances && pos_ == text_.size();
  }

  std::string_view signature_name() const { return signature_name_; }
  const boost::container::small_vector<double, 64>& values() const { return values_; }

  /// [instances, dims of one instance...].
  Shape BatchShape() const {
    Shape shape;
    shape.reserve(static_cast<std::size_t>(leaf_level_) + 1);
    shape.push_back(instances_);
    for (int level = 0; level < leaf_level_; ++level) {
      shape.push_back(dims_[static_cast<std::size_t>(level)]);
    }
    return shape;
  }

 private:
  // A string of printable ASCII without escapes; anything else is declined.
  bool ReadPlainString(std::string_view& out) {
    if (!Consume('"')) return false;
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        out = text_.substr(start, pos_ - start);
        ++pos_;
        return true;
      }
      if (c < 0x20 || c >= 0x7f || c == '\\') return false;
      ++pos_;
    }
    return false;
  }

  bool ReadInstances() {
    if (!Consume('[')) return false;
    for (;;) {
      SkipWhitespace();
      if (!ReadValue(0)) return false;
      ++instances_;
      SkipWhitespace();
      if (Consume(',')) continue;
      return Consume(']');
    }
  }

  // A number or a non-empty list at `level` of one instance (0 = the instance itself). Every
  // list at a level must have the first one's length, and numbers must all sit at one level:
  // then the batch is dense, as the general reader requires (it reports the other cases).
  bool ReadValue(int level) {
    if (Peek() == '[') {
      if (level >= kMaxInstanceRank || (leaf_level_ >= 0 && level >= leaf_level_)) return false;
      ++pos_;
      std::int64_t length = 0;
      for (;;) {
        SkipWhitespace();
        if (!ReadValue(level + 1)) return false;
        ++length;
        SkipWhitespace();
        if (Consume(',')) continue;
        if (Consume(']')) break;
        return false;
      }
      std::int64_t& dim = dims_[static_cast<std::size_t>(level)];
      if (dim < 0) dim = length;
      return dim == length;
    }
    const char c = Peek();
    if (c != '-' && (c < '0' || c > '9') && c != 'N' && c != 'I') return false;
    if (leaf_level_ < 0) leaf_level_ = level;
    if (level != leaf_level_) return false;
    JsonNumber number;
    JsonNumberError error;
    if (!ReadJsonNumber(text_, pos_, number, error)) return false;
    values_.push_back(number.AsDouble());
    return true;
  }

  std::string_view signature_name_;
  std::int64_t instances_ = 0;
  int leaf_level_ = -1;  // the nesting level of the numbers; -1 until the first
  std::array<std::int64_t, kMaxInstanceRank> dims_;
  boost::container::small_vector<double, 64> values_;
};

template <typename T>
void FillFrom(const boost::container::small_vector<double, 64>& values, Tensor& t) {
  auto out = t.flat<T>();
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<T>(values[k]);
}

}  // namespace

std::optional<StatusOr<PredictInput>> TryParseCommonPredict(std::string_view body,
                                                            const SignatureInputsLookup& lookup) {
  CommonBodyReader reader(body);
  if (!reader.Read()) return std::nullopt;
  Shape shape = reader.BatchShape();
  // Dense by construction; checked anyway, as the fill below relies on it.
  if (NumElements(shape) != static_cast<std::int64_t>(reader.values().size())) return std::nullopt;
  PredictInput result;
  result.signature_name = std::string(reader.signature_name());
  StatusOr<const SignatureInputs*> specs = lookup(result.signature_name);
  if (!specs.ok()) return StatusOr<PredictInput>(specs.status());
  if ((*specs)->size() != 1) return std::nullopt;
  const auto& [alias, spec] = *(*specs)->begin();
  const auto dtype = static_cast<DataType>(spec.dtype);
  if (dtype != DataType::kFloat && dtype != DataType::kDouble) return std::nullopt;
  result.format = RequestFormat::kRow;
  Tensor t(dtype, std::move(shape));
  if (dtype == DataType::kFloat) {
    FillFrom<float>(reader.values(), t);
  } else {
    FillFrom<double>(reader.values(), t);
  }
  result.inputs.emplace(alias, std::move(t));
  return StatusOr<PredictInput>(std::move(result));
}

}  // namespace tfsk::serving::rest
