#include "serving/core/text_format.h"

#include <cctype>

namespace tfsk::serving::core {

std::string TextField::Where() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

namespace {

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  StatusOr<std::vector<TextField>> Document() {
    std::vector<TextField> fields;
    TFSK_RETURN_IF_ERROR(Fields(fields, '\0'));
    return fields;
  }

 private:
  // Parses fields until `close` ('}' / '>') or, for close == '\0', the end of the text.
  Status Fields(std::vector<TextField>& out, char close) {
    while (true) {
      SkipSpace();
      if (AtEnd()) {
        if (close == '\0') return OkStatus();
        return Error(std::string("expected '") + close + "' to close the message");
      }
      if (close != '\0' && Peek() == close) {
        ++pos_;
        return OkStatus();
      }
      TFSK_RETURN_IF_ERROR(Field(out));
      SkipSpace();
      if (!AtEnd() && (Peek() == ',' || Peek() == ';')) ++pos_;
    }
  }

  Status Field(std::vector<TextField>& out) {
    TextField field;
    field.line = line_;
    field.column = Column();
    if (!IsIdentStart(Peek())) return Error("expected a field name");
    field.name = Identifier();
    SkipSpace();
    bool colon = false;
    if (!AtEnd() && Peek() == ':') {
      colon = true;
      ++pos_;
      SkipSpace();
    }
    if (AtEnd()) return Error("expected a value for field '" + field.name + "'");
    if (Peek() == '[') {
      if (!colon) return Error("expected ':' before '[' for field '" + field.name + "'");
      ++pos_;
      SkipSpace();
      if (!AtEnd() && Peek() == ']') {
        ++pos_;
        return OkStatus();
      }
      while (true) {
        TextField item = field;
        TFSK_RETURN_IF_ERROR(Value(item, /*colon=*/true));
        out.push_back(std::move(item));
        SkipSpace();
        if (AtEnd()) return Error("expected ',' or ']' in the list of '" + field.name + "'");
        if (Peek() == ']') {
          ++pos_;
          return OkStatus();
        }
        if (Peek() != ',') return Error("expected ',' or ']' in the list of '" + field.name + "'");
        ++pos_;
        SkipSpace();
      }
    }
    TFSK_RETURN_IF_ERROR(Value(field, colon));
    out.push_back(std::move(field));
    return OkStatus();
  }

  // A message body or (after a colon) a scalar.
  Status Value(TextField& field, bool colon) {
    if (AtEnd()) return Error("expected a value for field '" + field.name + "'");
    const char c = Peek();
    if (c == '{' || c == '<') {
      ++pos_;
      field.kind = TextField::Kind::kMessage;
      return Fields(field.children, c == '{' ? '}' : '>');
    }
    if (!colon) return Error("expected ':' or '{' after field name '" + field.name + "'");
    if (c == '"' || c == '\'') {
      field.kind = TextField::Kind::kString;
      // Adjacent string literals concatenate, as in C and protobuf.
      while (!AtEnd() && (Peek() == '"' || Peek() == '\'')) {
        TFSK_RETURN_IF_ERROR(String(field.text));
        SkipSpace();
      }
      return OkStatus();
    }
    if (c == '-' || c == '+' || c == '.' || std::isdigit(static_cast<unsigned char>(c))) {
      field.kind = TextField::Kind::kNumber;
      const std::size_t start = pos_++;
      while (!AtEnd() && (IsIdentChar(Peek()) || Peek() == '.' ||
                          ((Peek() == '-' || Peek() == '+') &&
                           (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')))) {
        ++pos_;
      }
      field.text = std::string(text_.substr(start, pos_ - start));
      return OkStatus();
    }
    if (IsIdentStart(c)) {
      field.kind = TextField::Kind::kIdentifier;
      field.text = Identifier();
      return OkStatus();
    }
    return Error("expected a value for field '" + field.name + "'");
  }

  Status String(std::string& out) {
    const char quote = text_[pos_++];
    while (true) {
      if (AtEnd() || Peek() == '\n') return Error("unterminated string");
      char c = text_[pos_++];
      if (c == quote) return OkStatus();
      if (c != '\\') {
        out += c;
        continue;
      }
      if (AtEnd()) return Error("unterminated string");
      c = text_[pos_++];
      switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '\\': case '\'': case '"': case '?': out += c; break;
        case 'x': {
          int value = 0, digits = 0;
          while (digits < 2 && !AtEnd() && std::isxdigit(static_cast<unsigned char>(Peek()))) {
            const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(text_[pos_++])));
            value = value * 16 + (h <= '9' ? h - '0' : h - 'a' + 10);
            ++digits;
          }
          if (digits == 0) return Error("expected hex digits after \\x");
          out += static_cast<char>(value);
          break;
        }
        default:
          if (c >= '0' && c <= '7') {
            int value = c - '0';
            for (int i = 0; i < 2 && !AtEnd() && Peek() >= '0' && Peek() <= '7'; ++i) {
              value = value * 8 + (text_[pos_++] - '0');
            }
            out += static_cast<char>(value);
            break;
          }
          return Error(std::string("unknown escape '\\") + c + "' in string");
      }
    }
  }

  std::string Identifier() {
    const std::size_t start = pos_;
    while (!AtEnd() && IsIdentChar(Peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  void SkipSpace() {
    while (!AtEnd()) {
      const char c = Peek();
      if (c == '#') {
        while (!AtEnd() && Peek() != '\n') ++pos_;
      } else if (c == '\n') {
        ++pos_;
        ++line_;
        line_start_ = pos_;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else {
        return;
      }
    }
  }

  Status Error(const std::string& what) const {
    std::string found = "end of input";
    if (!AtEnd()) {
      const char c = Peek();
      found = std::isprint(static_cast<unsigned char>(c)) ? std::string("'") + c + "'"
                                                          : "byte " + std::to_string(int(c));
    }
    return InvalidArgument("line " + std::to_string(line_) + ", column " +
                           std::to_string(Column()) + ": " + what + ", found " + found);
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  int Column() const { return static_cast<int>(pos_ - line_start_) + 1; }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
};

}  // namespace

StatusOr<std::vector<TextField>> ParseTextFormat(std::string_view text) {
  return Parser(text).Document();
}

}  // namespace tfsk::serving::core
