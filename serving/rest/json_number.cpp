// rapidjson's number reading, step for step (see json_number.h).

#include "serving/rest/json_number.h"

#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "serving/rest/json_cursor.h"

namespace tfsk::serving::rest {
namespace {

class NumberScanner : public JsonCursor {
 public:
  using JsonCursor::JsonCursor;
  const JsonNumberError& error() const { return error_; }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  // rapidjson's ParseNumber without kParseFullPrecisionFlag, step for step, so that doubles
  // come out bit-identical to TF Serving's (its decimal conversion is not always correctly
  // rounded) and the same literals are integers, too big, or malformed.
  bool ParseNumber(JsonNumber& out) {
    const std::size_t start = pos_;
    const bool minus = Consume('-');
    std::uint32_t i = 0;
    std::uint64_t i64 = 0;
    bool use64bit = false;
    int significand_digits = 0;
    if (Peek() == '0') {
      Take();
    } else if (Peek() >= '1' && Peek() <= '9') {
      i = static_cast<std::uint32_t>(Peek() - '0');
      Take();
      const std::uint32_t limit = minus ? 214748364u : 429496729u;
      const char last = minus ? '8' : '5';
      while (IsDigit(Peek())) {
        if (i >= limit && (i != limit || Peek() > last)) {
          i64 = i;
          use64bit = true;
          break;
        }
        i = i * 10 + static_cast<std::uint32_t>(Peek() - '0');
        Take();
        ++significand_digits;
      }
    } else if (Peek() == 'N' || Peek() == 'I') {
      bool ok = false;
      double d = 0;
      if (Consume('N')) {
        if (Consume('a') && Consume('N')) {
          d = std::numeric_limits<double>::quiet_NaN();
          ok = true;
        }
      } else if (Consume('I')) {
        if (Consume('n') && Consume('f')) {
          d = minus ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
          ok = true;
          if (Peek() == 'i' &&
              !(Consume('i') && Consume('n') && Consume('i') && Consume('t') && Consume('y'))) {
            return Fail("Invalid value.", pos_);
          }
        }
      }
      if (!ok) return Fail("Invalid value.", pos_);
      out.SetDouble(d);
      return true;
    } else {
      return Fail("Invalid value.", pos_);
    }

    bool use_double = false;
    double d = 0.0;
    if (use64bit) {
      const std::uint64_t limit = minus ? 0x0CCCCCCCCCCCCCCCull : 0x1999999999999999ull;
      const char last = minus ? '8' : '5';
      while (IsDigit(Peek())) {
        if (i64 >= limit && (i64 != limit || Peek() > last)) {
          d = static_cast<double>(i64);
          use_double = true;
          break;
        }
        i64 = i64 * 10 + static_cast<std::uint64_t>(Peek() - '0');
        Take();
        ++significand_digits;
      }
    }
    if (use_double) {  // an integer beyond 64 bits
      while (IsDigit(Peek())) {
        if (d >= 1.7976931348623157e307)
          return Fail("Number too big to be stored in double.", start);
        d = d * 10 + (Peek() - '0');
        Take();
      }
    }

    int exp_frac = 0;
    if (Consume('.')) {
      if (!IsDigit(Peek())) return Fail("Miss fraction part in number.", pos_);
      if (!use_double) {
        if (!use64bit) i64 = i;
        while (IsDigit(Peek())) {
          if (i64 > 0x1FFFFFFFFFFFFFull) break;  // 2^53 - 1: the fast path's limit
          i64 = i64 * 10 + static_cast<std::uint64_t>(Peek() - '0');
          Take();
          --exp_frac;
          if (i64 != 0) ++significand_digits;
        }
        d = static_cast<double>(i64);
        use_double = true;
      }
      while (IsDigit(Peek())) {
        if (significand_digits < 17) {
          d = d * 10.0 + (Peek() - '0');
          --exp_frac;
          if (d > 0.0) ++significand_digits;
        }
        Take();
      }
    }

    int exp = 0;
    if (Consume('e') || Consume('E')) {
      if (!use_double) {
        d = static_cast<double>(use64bit ? i64 : i);
        use_double = true;
      }
      bool exp_minus = false;
      if (Consume('+')) {
      } else if (Consume('-')) {
        exp_minus = true;
      }
      if (!IsDigit(Peek())) return Fail("Miss exponent in number.", pos_);
      exp = Peek() - '0';
      Take();
      if (exp_minus) {
        const int max_exp = (exp_frac + 2147483639) / 10;
        while (IsDigit(Peek())) {
          exp = exp * 10 + (Peek() - '0');
          Take();
          if (exp > max_exp) {
            while (IsDigit(Peek())) Take();
          }
        }
        exp = -exp;
      } else {
        const int max_exp = 308 - exp_frac;
        while (IsDigit(Peek())) {
          exp = exp * 10 + (Peek() - '0');
          Take();
          if (exp > max_exp) return Fail("Number too big to be stored in double.", start);
        }
      }
    }

    if (use_double) {
      const int p = exp + exp_frac;
      if (p < -308) {
        d = FastPath(d, -308);
        d = FastPath(d, p + 308);
      } else {
        d = FastPath(d, p);
      }
      if (d > std::numeric_limits<double>::max()) {
        return Fail("Number too big to be stored in double.", start);
      }
      out.SetDouble(minus ? -d : d);
    } else if (use64bit) {
      if (minus) {
        out.SetInt(static_cast<std::int64_t>(~i64 + 1));
      } else if (i64 <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        out.SetInt(static_cast<std::int64_t>(i64));
      } else {
        out.SetUint(i64);
      }
    } else {
      out.SetInt(minus ? -static_cast<std::int64_t>(i) : static_cast<std::int64_t>(i));
    }
    return true;
  }

  // rapidjson internal::Pow10: the correctly rounded doubles 1e0 ... 1e308.
  static double Pow10(int n) {
    static const std::vector<double> table = [] {
      std::vector<double> t;
      for (int k = 0; k <= 308; ++k)
        t.push_back(std::strtod(("1e" + std::to_string(k)).c_str(), nullptr));
      return t;
    }();
    return table[static_cast<std::size_t>(n)];
  }

  static double FastPath(double significand, int exp) {
    if (exp < -308) return 0.0;
    if (exp >= 0) return significand * Pow10(exp);
    return significand / Pow10(-exp);
  }

 private:
  bool Fail(const char* message, std::size_t offset) {
    error_ = JsonNumberError{message, offset};
    return false;
  }

  JsonNumberError error_;
};

}  // namespace

bool ReadJsonNumber(std::string_view text, std::size_t& pos, JsonNumber& out,
                    JsonNumberError& error) {
  NumberScanner scanner(text, pos);
  if (!scanner.ParseNumber(out)) {
    error = scanner.error();
    return false;
  }
  pos = scanner.pos();
  return true;
}

}  // namespace tfsk::serving::rest
