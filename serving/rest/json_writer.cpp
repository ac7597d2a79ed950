#include "serving/rest/json_writer.h"

#include <charconv>

#include "serving/rest/float_format.h"

namespace tfsk::serving::rest {

namespace {

bool NeedsEscape(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return c < 0x20 || c == '"' || c == '\\';
}

// rapidjson's escape of one byte for which NeedsEscape holds.
void AppendEscape(std::string& out, char ch) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  switch (ch) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default: {
      const auto c = static_cast<unsigned char>(ch);
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
}

template <typename Int>
void AppendInteger(std::string& out, Int value) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof(buf), value).ptr);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view value) {
  out.push_back('"');
  // Runs of bytes that need no escaping (usually the whole string) are appended in one go.
  auto run = value.begin();
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!NeedsEscape(*it)) continue;
    out.append(run, it);
    AppendEscape(out, *it);
    run = it + 1;
  }
  out.append(run, value.end());
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

void PrettyJsonWriter::Float(float value) {
  char buf[kFloatTextCapacity];
  RawNumber(std::string_view(buf, FormatFloatTo(buf, value)));
}

void PrettyJsonWriter::Double(double value) {
  char buf[kFloatTextCapacity];
  RawNumber(std::string_view(buf, FormatDoubleTo(buf, value)));
}

void PrettyJsonWriter::Int64(std::int64_t value) {
  Prefix();
  AppendInteger(out_, value);
}

void PrettyJsonWriter::Uint64(std::uint64_t value) {
  Prefix();
  AppendInteger(out_, value);
}
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
