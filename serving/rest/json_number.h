#pragma once
// JSON numbers exactly as rapidjson's reader (TF Serving's) turns them into values: shared by the
// DOM reader (json_dom.cpp) and the common-body fast path (json_fast_predict.cpp), so both give
// bit-identical doubles and the same integer/double split.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tfsk::serving::rest {

/// One parsed number: an int64 when it fits, else a uint64, else a double (rapidjson's order).
struct JsonNumber {
  enum class Kind { kInt64, kUint64, kDouble };
  Kind kind = Kind::kInt64;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;

  void SetInt(std::int64_t v) { kind = Kind::kInt64, i = v; }
  void SetUint(std::uint64_t v) { kind = Kind::kUint64, u = v; }
  void SetDouble(double v) { kind = Kind::kDouble, d = v; }
  /// The value as a double (how a float or double tensor receives it).
  double AsDouble() const {
    switch (kind) {
      case Kind::kInt64:
        return static_cast<double>(i);
      case Kind::kUint64:
        return static_cast<double>(u);
      case Kind::kDouble:
        break;
    }
    return d;
  }
};

/// rapidjson's error for a malformed number: its text and the byte offset it reports.
struct JsonNumberError {
  const char* message = "";
  std::size_t offset = 0;
};

/// Reads the number (or NaN / Infinity / -Infinity) starting at text[pos] and moves pos past
/// it. On failure returns false with `error` set; pos is then unspecified.
bool ReadJsonNumber(std::string_view text, std::size_t& pos, JsonNumber& out,
                    JsonNumberError& error);

}  // namespace tfsk::serving::rest
