#include "serving/ops/string_number.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace tfsk::serving::ops {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

template <typename Int>
std::optional<Int> ParseInt(std::string_view s) {
  s = StripAsciiWhitespace(s);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
  // Parse the magnitude unsigned so the most negative value fits.
  std::uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  const auto max = static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
  if (negative) {
    if (magnitude > max + 1) return std::nullopt;
    return static_cast<Int>(-static_cast<std::int64_t>(magnitude - 1) - 1);
  }
  if (magnitude > max) return std::nullopt;
  return static_cast<Int>(magnitude);
}

/// safe_strtof/safe_strtod reject text of this many bytes or more (their buffer size).
constexpr std::size_t kMaxFloatText = 32;

template <typename Float>
std::optional<Float> ParseFloating(std::string_view s) {
  if (s.size() >= kMaxFloatText) return std::nullopt;
  s = StripAsciiWhitespace(s);
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body.empty()) return std::nullopt;
  const Float sign = negative ? Float(-1) : Float(1);
  if (EqualsNoCase(body, "inf")) return sign * std::numeric_limits<Float>::infinity();
  if (EqualsNoCase(body, "nan")) return std::numeric_limits<Float>::quiet_NaN();
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    std::uint64_t v = 0;
    const char* first = body.data() + 2;
    auto [end, ec] = std::from_chars(first, body.data() + body.size(), v, 16);
    if (end != body.data() + body.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range) return sign * std::numeric_limits<Float>::infinity();
    if (ec != std::errc()) return std::nullopt;
    return sign * static_cast<Float>(v);
  }
  // Only digits or a point may start the number: from_chars would also take a second sign's
  // absence for granted and read "infinity" and "nan(...)", which TensorFlow rejects.
  if (!(body[0] >= '0' && body[0] <= '9') && body[0] != '.') return std::nullopt;
  Float v = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (end != body.data() + body.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // Overflow or underflow: tell them apart by the decimal exponent's sign.
    const auto e = body.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && e + 1 < body.size() && body[e + 1] == '-';
    return sign * (tiny ? Float(0) : std::numeric_limits<Float>::infinity());
  }
  if (ec != std::errc()) return std::nullopt;
  return sign * v;
}

}  // namespace

std::string_view StripAsciiWhitespace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<std::int32_t> ParseInt32(std::string_view s) { return ParseInt<std::int32_t>(s); }
std::optional<std::int64_t> ParseInt64(std::string_view s) { return ParseInt<std::int64_t>(s); }
std::optional<float> ParseFloat(std::string_view s) { return ParseFloating<float>(s); }
std::optional<double> ParseDouble(std::string_view s) { return ParseFloating<double>(s); }

}  // namespace tfsk::serving::ops
