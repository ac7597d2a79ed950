#pragma once
// A JSON writer that reproduces rapidjson::PrettyWriter's byte layout, which is what clients of
// TF Serving see: 4-space indent, "key": value, objects always expanded, arrays expanded unless
// the "single line arrays" option is on *at the moment* each array element or end is written.
// TF Serving toggles that option in the middle of documents (row format, classify results), so
// the option is state of the writer, exactly as in rapidjson.

#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace tfsk::serving::rest {

class PrettyJsonWriter {
 public:
  PrettyJsonWriter() = default;

  /// Room for `bytes` of output, so a document of about that size is built in one allocation.
  void Reserve(std::size_t bytes) { out_.reserve(bytes); }

  /// rapidjson::kFormatSingleLineArray on/off; affects later array elements and ends.
  void SetSingleLineArrays(bool on) { single_line_arrays_ = on; }

  void StartObject();
  void EndObject();
  void StartArray();
  void EndArray();
  /// An object member name (JSON-escaped like rapidjson).
  void Key(std::string_view name);
  void String(std::string_view value);
  /// A pre-formatted number token written verbatim (TF Serving's RawValue for floats).
  void RawNumber(std::string_view text);
  /// TF Serving's text for a float / double value (float_format.h), as a raw number.
  void Float(float value);
  void Double(double value);
  void Int64(std::int64_t value);
  void Uint64(std::uint64_t value);
  void Bool(bool value);
  void Null();

  /// The bytes written so far (no trailing newline, like rapidjson).
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  struct Level {
    bool in_array;
    int value_count;
  };
  void Prefix();
  void Indent();

  std::string out_;
  // Answers nest a few levels (rank + 2); those live inside the writer, not on the heap.
  boost::container::small_vector<Level, 8> stack_;
  bool single_line_arrays_ = false;
};

/// rapidjson's string escaping: \" \\ \b \f \n \r \t, other bytes < 0x20 as \u00XX (upper-case
/// hex); everything else (including '/', DEL and non-ASCII bytes) verbatim. Appends the quoted
/// string to `out`.
void AppendJsonString(std::string& out, std::string_view value);

/// `{\n    "error": "<message>"\n}` — TF Serving's error body.
std::string ErrorJson(std::string_view message);

}  // namespace tfsk::serving::rest
