#include "lib/config/quantity.h"

#include <cctype>
#include <cmath>
#include <string>

namespace tfsk::config {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::optional<long double> Multiplier(std::string_view suffix) {
  struct Unit {
    std::string_view name;
    long double factor;
  };
  static constexpr Unit kUnits[] = {
      {"", 1.0L},
      {"m", 1e-3L},
      {"k", 1e3L},
      {"M", 1e6L},
      {"G", 1e9L},
      {"T", 1e12L},
      {"P", 1e15L},
      {"E", 1e18L},
      {"Ki", 1024.0L},
      {"Mi", 1048576.0L},
      {"Gi", 1073741824.0L},
      {"Ti", 1099511627776.0L},
      {"Pi", 1125899906842624.0L},
      {"Ei", 1152921504606846976.0L},
  };
  for (const Unit& u : kUnits) {
    if (u.name == suffix) return u.factor;
  }
  if (suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    std::string_view exp = suffix.substr(1);
    bool negative = false;
    if (exp[0] == '+' || exp[0] == '-') {
      negative = exp[0] == '-';
      exp.remove_prefix(1);
    }
    if (exp.empty() || exp.size() > 3) return std::nullopt;
    int e = 0;
    for (char c : exp) {
      if (!IsDigit(c)) return std::nullopt;
      e = e * 10 + (c - '0');
    }
    return std::pow(10.0L, negative ? -e : e);
  }
  return std::nullopt;
}

}  // namespace

std::optional<long double> ParseQuantity(std::string_view text) {
  std::size_t i = 0;
  long double sign = 1.0L;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    sign = text[i] == '-' ? -1.0L : 1.0L;
    ++i;
  }
  long double value = 0.0L;
  std::size_t int_digits = 0;
  while (i < text.size() && IsDigit(text[i])) {
    value = value * 10.0L + (text[i] - '0');
    ++i;
    ++int_digits;
  }
  std::size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    long double scale = 0.1L;
    while (i < text.size() && IsDigit(text[i])) {
      value += (text[i] - '0') * scale;
      scale /= 10.0L;
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  auto mult = Multiplier(text.substr(i));
  if (!mult) return std::nullopt;
  return sign * value * *mult;
}

}  // namespace tfsk::config
