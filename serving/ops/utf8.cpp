#include "serving/ops/utf8.h"

namespace tfsk::serving::ops {

std::int64_t Utf8Length(std::string_view s) {
  std::int64_t n = 0;
  for (char c : s) n += IsUtf8TrailByte(c) ? 0 : 1;
  return n;
}

bool Utf8Forward(std::string_view s, std::int64_t n, std::int64_t& pos) {
  const auto size = static_cast<std::int64_t>(s.size());
  std::int64_t counted = 0;
  while (counted < n && pos < size) {
    do {
      ++pos;
    } while (pos < size && IsUtf8TrailByte(s[static_cast<std::size_t>(pos)]));
    ++counted;
  }
  return counted == n;
}

bool Utf8Back(std::string_view s, std::int64_t n, std::int64_t& pos) {
  std::int64_t counted = 0;
  while (counted < n && pos > 0) {
    do {
      --pos;
    } while (pos > 0 && IsUtf8TrailByte(s[static_cast<std::size_t>(pos)]));
    ++counted;
  }
  return counted == n;
}

}  // namespace tfsk::serving::ops
