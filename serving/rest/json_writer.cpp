#include "serving/rest/json_writer.h"

namespace tfsk::serving::rest {

void AppendJsonString(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('"');
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

void PrettyJsonWriter::Indent() { out_.append(stack_.size() * 4, ' '); }

// rapidjson PrettyWriter::PrettyPrefix.
void PrettyJsonWriter::Prefix() {
  if (stack_.empty()) return;
  Level& level = stack_.back();
  if (level.in_array) {
    if (level.value_count > 0) {
      out_.push_back(',');
      if (single_line_arrays_) out_.push_back(' ');
    }
    if (!single_line_arrays_) {
      out_.push_back('\n');
      Indent();
    }
  } else {
    if (level.value_count > 0) {
      if (level.value_count % 2 == 0) {
        out_ += ",\n";
      } else {
        out_ += ": ";
      }
    } else {
      out_.push_back('\n');
    }
    if (level.value_count % 2 == 0) Indent();
  }
  ++level.value_count;
}

void PrettyJsonWriter::StartObject() {
  Prefix();
  stack_.push_back({false, 0});
  out_.push_back('{');
}

void PrettyJsonWriter::EndObject() {
  const bool empty = stack_.back().value_count == 0;
  stack_.pop_back();
  if (!empty) {
    out_.push_back('\n');
    Indent();
  }
  out_.push_back('}');
}

void PrettyJsonWriter::StartArray() {
  Prefix();
  stack_.push_back({true, 0});
  out_.push_back('[');
}

void PrettyJsonWriter::EndArray() {
  const bool empty = stack_.back().value_count == 0;
  stack_.pop_back();
  if (!empty && !single_line_arrays_) {
    out_.push_back('\n');
    Indent();
  }
  out_.push_back(']');
}

void PrettyJsonWriter::Key(std::string_view name) { String(name); }

void PrettyJsonWriter::String(std::string_view value) {
  Prefix();
  AppendJsonString(out_, value);
}

void PrettyJsonWriter::RawNumber(std::string_view text) {
  Prefix();
  out_.append(text);
}

void PrettyJsonWriter::Int64(std::int64_t value) { RawNumber(std::to_string(value)); }
void PrettyJsonWriter::Uint64(std::uint64_t value) { RawNumber(std::to_string(value)); }
void PrettyJsonWriter::Bool(bool value) { RawNumber(value ? "true" : "false"); }
void PrettyJsonWriter::Null() { RawNumber("null"); }

std::string ErrorJson(std::string_view message) {
  PrettyJsonWriter w;
  w.StartObject();
  w.Key("error");
  w.String(message);
  w.EndObject();
  return w.Take();
}

}  // namespace tfsk::serving::rest
