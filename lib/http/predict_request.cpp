#include "lib/http/predict_request.h"

#include <boost/json.hpp>

#include <fstream>
#include <sstream>
#include <vector>

namespace tfsk::http {
namespace {

namespace json = boost::json;

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

StatusOr<json::value> ParseJson(const std::string& flag, const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return InvalidArgument(flag + ": not valid JSON (" + ec.message() + "): " + text);
  return v;
}

// "1.0,2.0,5.0" -> "[1.0,2.0,5.0]", each item checked to be a JSON number.
StatusOr<std::string> CommaList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) items.push_back(Trim(item));
  if (!text.empty() && text.back() == ',') items.emplace_back();
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    boost::system::error_code ec;
    json::value v = json::parse(items[i], ec);
    if (ec || !v.is_number()) {
      return InvalidArgument("--instances: '" + text + "': item " + std::to_string(i + 1) +
                             (items[i].empty() ? " is empty" : " ('" + items[i] + "') is not a number") +
                             "; pass numbers separated by commas or a JSON array");
    }
    if (i > 0) out += ", ";
    out += items[i];
  }
  return out + "]";
}

std::string SignaturePrefix(const std::string& signature) {
  if (signature.empty()) return "{";
  return "{\"signature_name\": " + json::serialize(json::value(signature)) + ", ";
}

std::string Cell(const json::value& v) {
  if (v.is_double()) {
    std::ostringstream os;
    os << v.as_double();
    return os.str();
  }
  return json::serialize(v);
}

}  // namespace

StatusOr<std::string> BuildPredictBody(const PredictInput& in) {
  const int given = !in.instances.empty() + !in.inputs.empty() + !in.data.empty();
  if (given > 1) return InvalidArgument("pass only one of --instances, --inputs and --data");
  if (!in.data.empty()) {
    if (!in.signature.empty()) {
      return InvalidArgument("--signature cannot be combined with --data (put it in the body)");
    }
    if (in.data.front() != '@') return in.data;
    const std::string path = in.data.substr(1);
    std::ifstream f(path, std::ios::binary);
    if (!f) return InvalidArgument("--data: cannot read '" + path + "'");
    std::ostringstream os;
    os << f.rdbuf();
    return os.str();
  }
  if (!in.inputs.empty()) {
    TFSK_ASSIGN_OR_RETURN(json::value v, ParseJson("--inputs", in.inputs));
    (void)v;
    return SignaturePrefix(in.signature) + "\"inputs\": " + Trim(in.inputs) + "}";
  }
  if (in.instances.empty()) {
    if (in.signature.empty()) return std::string(kDefaultBody);
    return SignaturePrefix(in.signature) + "\"instances\": [1.0, 2.0, 5.0]}";
  }
  const std::string text = Trim(in.instances);
  std::string list;
  if (!text.empty() && (text.front() == '[' || text.front() == '{')) {
    TFSK_ASSIGN_OR_RETURN(json::value v, ParseJson("--instances", text));
    if (!v.is_array()) return InvalidArgument("--instances: expected a JSON array, got " + text);
    list = text;
  } else {
    TFSK_ASSIGN_OR_RETURN(list, CommaList(text));
  }
  return SignaturePrefix(in.signature) + "\"instances\": " + list + "}";
}

StatusOr<std::string> ModelPath(const std::string& model, std::optional<long long> version,
                                const std::string& label, const std::string& api) {
  if (api != "predict" && api != "classify" && api != "regress") {
    return InvalidArgument("--api: '" + api + "' is not one of predict, classify, regress");
  }
  if (version && !label.empty()) return InvalidArgument("pass --version or --label, not both");
  if (model.empty()) return InvalidArgument("--model: empty model name");
  std::string path = "/v1/models/" + model;
  if (version) path += "/versions/" + std::to_string(*version);
  if (!label.empty()) path += "/labels/" + label;
  return path + ":" + api;
}

std::optional<std::string> ErrorMessage(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::value* e = v.as_object().if_contains("error");
  if (e == nullptr) return std::nullopt;
  if (e->is_string()) return std::string(e->as_string());
  return json::serialize(*e);
}

std::string FormatTable(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return body + "\n";
  std::ostringstream os;
  for (const char* key : {"predictions", "results"}) {
    const json::value* rows = v.as_object().if_contains(key);
    if (rows == nullptr || !rows->is_array()) continue;
    os << "#  " << key << "\n";
    size_t i = 0;
    for (const json::value& row : rows->as_array()) {
      os << i++ << "  ";
      if (row.is_array()) {
        const char* sep = "";
        for (const json::value& c : row.as_array()) {
          os << sep << Cell(c);
          sep = "  ";
        }
      } else {
        os << Cell(row);
      }
      os << "\n";
    }
    return os.str();
  }
  const json::value* outputs = v.as_object().if_contains("outputs");
  if (outputs != nullptr) {
    if (outputs->is_object()) {
      for (const auto& kv : outputs->as_object()) {
        os << kv.key() << "  " << json::serialize(kv.value()) << "\n";
      }
    } else {
      os << "outputs  " << json::serialize(*outputs) << "\n";
    }
    return os.str();
  }
  return body + "\n";
}

bool JsonEqual(const std::string& a, const std::string& b) {
  boost::system::error_code ea, eb;
  json::value va = json::parse(a, ea);
  json::value vb = json::parse(b, eb);
  if (ea || eb) return false;
  // Compare numbers by value: 2 (int64) and 2.0 (double) are the same answer.
  struct Eq {
    static bool Run(const json::value& x, const json::value& y) {
      if (x.is_number() && y.is_number()) return x.to_number<double>() == y.to_number<double>();
      if (x.kind() != y.kind()) return false;
      if (x.is_array()) {
        const auto& ax = x.as_array();
        const auto& ay = y.as_array();
        if (ax.size() != ay.size()) return false;
        for (size_t i = 0; i < ax.size(); ++i) {
          if (!Run(ax[i], ay[i])) return false;
        }
        return true;
      }
      if (x.is_object()) {
        const auto& ox = x.as_object();
        const auto& oy = y.as_object();
        if (ox.size() != oy.size()) return false;
        for (const auto& kv : ox) {
          const json::value* other = oy.if_contains(kv.key());
          if (other == nullptr || !Run(kv.value(), *other)) return false;
        }
        return true;
      }
      return x == y;
    }
  };
  return Eq::Run(va, vb);
}

}  // namespace tfsk::http
