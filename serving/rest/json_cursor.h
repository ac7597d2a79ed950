#pragma once
// A read position in JSON text with rapidjson's notion of whitespace: the one cursor the DOM
// reader, the number reader and the common-body fast path all step through text with.

#include <cstddef>
#include <string_view>

namespace tfsk::serving::rest {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text, std::size_t pos = 0) : text_(text), pos_(pos) {}

  std::size_t pos() const { return pos_; }

 protected:
  /// The byte at the position, or '\0' at the end.
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  /// Steps over one byte (nothing at the end).
  void Take() {
    if (pos_ < text_.size()) ++pos_;
  }
  /// Steps over `c` if it is next.
  bool Consume(char c) {
    if (Peek() == c && c != '\0') {
      ++pos_;
      return true;
    }
    return false;
  }
  /// Steps over JSON whitespace: space, tab, CR, LF.
  void SkipWhitespace() {
    for (char c = Peek(); c == ' ' || c == '\n' || c == '\r' || c == '\t'; c = Peek()) Take();
  }

  std::string_view text_;
  std::size_t pos_;
};

}  // namespace tfsk::serving::rest
