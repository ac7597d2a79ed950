// The rendering half of json_dom.h: TF Serving's JsonValueToString and rapidjson's type names.

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "serving/rest/float_format.h"
#include "serving/rest/json_dom.h"
#include "serving/rest/json_writer.h"

namespace tfsk::serving::rest {
namespace {

// rapidjson's Writer::Double: Grisu shortest digits, laid out by internal::Prettify.
std::string RapidjsonDouble(double d) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  std::string out;
  if (!sci.empty() && sci[0] == '-') {
    out.push_back('-');
    sci.erase(0, 1);
  }
  const auto e_pos = sci.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e_pos; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  const int exponent = std::atoi(sci.c_str() + e_pos + 1);
  if (digits == "0") return out + "0.0";
  const int length = static_cast<int>(digits.size());
  const int kk = exponent + 1;  // 10^(kk-1) <= v < 10^kk
  const int k = kk - length;
  if (k >= 0 && kk <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(k), '0');
    out += ".0";
  } else if (kk > 0 && kk <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(kk));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(kk));
  } else if (kk > -6 && kk <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-kk), '0');
    out += digits;
  } else {
    out += digits.substr(0, 1);
    if (length > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += std::to_string(kk - 1);
  }
  return out;
}

constexpr std::size_t kMaxDump = 256;

// Value::Accept into a PrettyWriter; false when the writer refuses a value (NaN/Infinity) or
// once the output is longer than the dump limit (the rest would be cut anyway).
bool Accept(const boost::json::value& v, PrettyJsonWriter& w) {
  if (w.str().size() > kMaxDump) return false;
  switch (v.kind()) {
    case boost::json::kind::null: w.Null(); return true;
    case boost::json::kind::bool_: w.Bool(v.get_bool()); return true;
    case boost::json::kind::int64: w.Int64(v.get_int64()); return true;
    case boost::json::kind::uint64: w.Uint64(v.get_uint64()); return true;
    case boost::json::kind::double_:
      if (!std::isfinite(v.get_double())) {
        w.RawNumber("");  // rapidjson writes the separator, then refuses the value
        return false;
      }
      w.RawNumber(RapidjsonDouble(v.get_double()));
      return true;
    case boost::json::kind::string: w.String(v.get_string()); return true;
    case boost::json::kind::array:
      w.StartArray();
      for (const auto& e : v.get_array()) {
        if (!Accept(e, w)) return false;
      }
      w.EndArray();
      return true;
    case boost::json::kind::object:
      w.StartObject();
      for (const auto& kv : v.get_object()) {
        w.Key(kv.key());
        if (!Accept(kv.value(), w)) return false;
      }
      w.EndObject();
      return true;
  }
  return false;
}

}  // namespace

std::string DumpJson(const boost::json::value& value) {
  std::string out;
  if (value.is_double()) {
    const double d = value.get_double();
    // rapidjson's IsFloat() is a range check only.
    if (d >= -3.4028234e38 && d <= 3.4028234e38) {
      out = FormatFloat(static_cast<float>(d));
    } else {
      out = FormatDouble(d);
    }
  } else {
    PrettyJsonWriter w;
    w.SetSingleLineArrays(true);
    (void)Accept(value, w);
    out = w.Take();
  }
  if (out.size() > kMaxDump) {
    out.resize(kMaxDump);
    out += "...";
  }
  return out;
}

std::string_view JsonTypeName(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "Null";
    case boost::json::kind::bool_: return value.get_bool() ? "True" : "False";
    case boost::json::kind::object: return "Object";
    case boost::json::kind::array: return "Array";
    case boost::json::kind::string: return "String";
    default: return "Number";
  }
}

bool IsBase64Object(const boost::json::value& value) {
  if (!value.is_object()) return false;
  const auto& obj = value.get_object();
  if (obj.size() != 1) return false;
  const auto it = obj.find("b64");
  return it != obj.end() && it->value().is_string();
}

}  // namespace tfsk::serving::rest
