#include "serving/rest/json_dom.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "serving/rest/json_cursor.h"
#include "serving/rest/json_number.h"


namespace tfsk::serving::rest {
namespace {

constexpr int kMaxDepth = 1000;

// A recursive-descent reader that mirrors rapidjson's GenericReader (kParseNanAndInfFlag):
// same acceptance, same error kinds, same error offsets.
// The DOM is built in place in `storage` (containers are created inside their parent with
// emplace_*, so nothing is moved between memory resources).
class Reader : private JsonCursor {
 public:
  Reader(std::string_view text, boost::json::storage_ptr storage)
      : JsonCursor(text), storage_(std::move(storage)) {}

  // On failure returns false with error_/error_offset_ set.
  bool ParseDocument(boost::json::value& out) {
    SkipWhitespace();
    if (Peek() == '\0') return Fail("The document is empty.", pos_);
    return ParseValue(out, 0);
  }

  /// Offset of the first non-whitespace byte after the parsed value.
  std::size_t EndAfterWhitespace() {
    SkipWhitespace();
    return pos_;
  }

  const char* error() const { return error_; }
  std::size_t error_offset() const { return error_offset_; }

 private:
  bool Fail(const char* message, std::size_t offset) {
    error_ = message;
    error_offset_ = offset;
    return false;
  }

  bool ParseValue(boost::json::value& out, int depth) {
    switch (Peek()) {
      case 'n': return ParseLiteral("null", out);
      case 't': return ParseLiteral("true", out);
      case 'f': return ParseLiteral("false", out);
      case '"':
        return ParseString(out.emplace_string());
      case '{': return ParseObject(out, depth + 1);
      case '[': return ParseArray(out, depth + 1);
      default: return ParseNumber(out);
    }
  }

  bool ParseLiteral(std::string_view word, boost::json::value& out) {
    Take();
    for (std::size_t i = 1; i < word.size(); ++i) {
      if (!Consume(word[i])) return Fail("Invalid value.", pos_);
    }
    if (word == "null") {
      out = nullptr;
    } else {
      out = (word == "true");
    }
    return true;
  }

  bool ParseHex(unsigned& code, std::size_t escape_offset) {
    code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = Peek();
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code += static_cast<unsigned>(c - '0');
      } else if (c >= 'A' && c <= 'F') {
        code += static_cast<unsigned>(c - 'A' + 10);
      } else if (c >= 'a' && c <= 'f') {
        code += static_cast<unsigned>(c - 'a' + 10);
      } else {
        return Fail("Incorrect hex digit after \\u escape in string.", escape_offset);
      }
      Take();
    }
    return true;
  }

  // Str is std::string (keys) or boost::json::string (values).
  template <class Str>
  static void AppendUtf8(Str& s, unsigned cp) {
    if (cp <= 0x7F) {
      s.push_back(static_cast<char>(cp));
    } else if (cp <= 0x7FF) {
      s.push_back(static_cast<char>(0xC0 | ((cp >> 6) & 0xFF)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp <= 0xFFFF) {
      s.push_back(static_cast<char>(0xE0 | ((cp >> 12) & 0xFF)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xF0 | ((cp >> 18) & 0xFF)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  template <class Str>
  bool ParseString(Str& s) {
    Take();  // opening quote
    for (;;) {
      const char c = Peek();
      if (c == '\\') {
        const std::size_t escape_offset = pos_;
        Take();
        const char e = Peek();
        char unescaped = 0;
        switch (e) {
          case '"': unescaped = '"'; break;
          case '\\': unescaped = '\\'; break;
          case '/': unescaped = '/'; break;
          case 'b': unescaped = '\b'; break;
          case 'f': unescaped = '\f'; break;
          case 'n': unescaped = '\n'; break;
          case 'r': unescaped = '\r'; break;
          case 't': unescaped = '\t'; break;
          default: break;
        }
        if (unescaped != 0) {
          Take();
          s.push_back(unescaped);
        } else if (e == 'u') {
          Take();
          unsigned cp = 0;
          if (!ParseHex(cp, escape_offset)) return false;
          if (cp >= 0xD800 && cp <= 0xDFFF) {
            if (cp > 0xDBFF || !Consume('\\') || !Consume('u')) {
              return Fail("The surrogate pair in string is invalid.", escape_offset);
            }
            unsigned cp2 = 0;
            if (!ParseHex(cp2, escape_offset)) return false;
            if (cp2 < 0xDC00 || cp2 > 0xDFFF) {
              return Fail("The surrogate pair in string is invalid.", escape_offset);
            }
            cp = (((cp - 0xD800) << 10) | (cp2 - 0xDC00)) + 0x10000;
          }
          AppendUtf8(s, cp);
        } else {
          return Fail("Invalid escape character in string.", escape_offset);
        }
      } else if (c == '"') {
        Take();
        return true;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        if (c == '\0') return Fail("Missing a closing quotation mark in string.", pos_);
        return Fail("Invalid encoding in string.", pos_);
      } else {
        AppendPlainRun(s);
      }
    }
  }

  // Appends the bytes up to the next quote, backslash or control byte in one go.
  template <class Str>
  void AppendPlainRun(Str& s) {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) break;
      ++pos_;
    }
    s.append(text_.substr(start, pos_ - start));
  }

  // rapidjson's number reading lives in json_number.cpp (shared with the fast path).
  bool ParseNumber(boost::json::value& out) {
    JsonNumber n;
    JsonNumberError e;
    if (!ReadJsonNumber(text_, pos_, n, e)) return Fail(e.message, e.offset);
    switch (n.kind) {
      case JsonNumber::Kind::kInt64:
        out = n.i;
        break;
      case JsonNumber::Kind::kUint64:
        out = n.u;
        break;
      case JsonNumber::Kind::kDouble:
        out = n.d;
        break;
    }
    return true;
  }

  bool ParseObject(boost::json::value& out, int depth) {
    if (depth > kMaxDepth) return Fail("Terminate parsing due to Handler error.", pos_);
    Take();
    boost::json::object& obj = out.emplace_object();
    SkipWhitespace();
    if (Consume('}')) return true;
    std::string key;
    for (;;) {
      if (Peek() != '"') return Fail("Missing a name for object member.", pos_);
      key.clear();
      if (!ParseString(key)) return false;
      SkipWhitespace();
      if (!Consume(':')) return Fail("Missing a colon after a name of object member.", pos_);
      SkipWhitespace();
      // The first of duplicate keys wins (rapidjson's FindMember); a later one is parsed and
      // dropped.
      const auto [member, inserted] = obj.emplace(key, nullptr);
      if (inserted) {
        if (!ParseValue(member->value(), depth)) return false;
      } else {
        boost::json::value dropped(storage_);
        if (!ParseValue(dropped, depth)) return false;
      }
      SkipWhitespace();
      if (Consume(',')) {
        SkipWhitespace();
      } else if (Consume('}')) {
        return true;
      } else {
        return Fail("Missing a comma or '}' after an object member.", pos_);
      }
    }
  }

  bool ParseArray(boost::json::value& out, int depth) {
    if (depth > kMaxDepth) return Fail("Terminate parsing due to Handler error.", pos_);
    Take();
    boost::json::array& arr = out.emplace_array();
    SkipWhitespace();
    if (Consume(']')) return true;
    for (;;) {
      if (!ParseValue(arr.emplace_back(nullptr), depth)) return false;
      SkipWhitespace();
      if (Consume(',')) {
        SkipWhitespace();
      } else if (Consume(']')) {
        return true;
      } else {
        return Fail("Missing a comma or ']' after an array element.", pos_);
      }
    }
  }

  boost::json::storage_ptr storage_;
  const char* error_ = "";
  std::size_t error_offset_ = 0;
};

}  // namespace

StatusOr<boost::json::value> ParseJson(std::string_view text, boost::json::storage_ptr storage) {
  if (text.empty()) return InvalidArgument("JSON Parse error: The document is empty");
  boost::json::value value(storage);
  Reader reader(text, std::move(storage));
  if (!reader.ParseDocument(value)) {
    return InvalidArgument(std::string("JSON Parse error: ") + reader.error() +
                           " at offset: " + std::to_string(reader.error_offset()));
  }
  return value;
}

}  // namespace tfsk::serving::rest

namespace tfsk::serving::rest {

/// Used by model_info_json.cpp (kept out of json_dom.h's public surface): OK when `text` is one
/// complete JSON value with nothing but whitespace after it.
Status ValidateJsonText(std::string_view text) {
  if (text.empty()) return InvalidArgument("empty JSON text");
  Reader reader(text, {});
  boost::json::value value;
  if (!reader.ParseDocument(value)) {
    return InvalidArgument(std::string(reader.error()) + " at offset: " +
                           std::to_string(reader.error_offset()));
  }
  if (reader.EndAfterWhitespace() != text.size()) {
    return InvalidArgument("trailing bytes after the JSON value");
  }
  return OkStatus();
}

StatusOr<std::string> SignatureNameOf(const boost::json::value& doc) {
  const auto* it = doc.is_object() ? doc.get_object().if_contains("signature_name") : nullptr;
  if (it == nullptr) return std::string();
  if (!it->is_string()) {
    return InvalidArgument("JSON Value: " + DumpJson(doc) +
                           " not formatted correctly. 'signature_name' key must be a string "
                           "value.");
  }
  return std::string(it->get_string());
}

}  // namespace tfsk::serving::rest
