#include "serving/rest/model_info_json.h"

#include "serving/rest/json_writer.h"

namespace tfsk::serving::rest {

// Declared in json_dom.h, which drags Boost.JSON in; this file only needs validation.
Status ValidateJsonText(std::string_view text);

namespace {

std::string Indent(int depth) { return std::string(static_cast<std::size_t>(depth), ' '); }

// Length of the token starting at `pos` (a string literal, or a run of scalar characters).
std::size_t TokenEnd(std::string_view s, std::size_t pos) {
  if (s[pos] == '"') {
    std::size_t i = pos + 1;
    while (i < s.size() && s[i] != '"') i += (s[i] == '\\') ? 2 : 1;
    return i + 1;
  }
  std::size_t i = pos;
  while (i < s.size() && std::string_view(" \t\r\n{}[]:,\"").find(s[i]) == std::string_view::npos) ++i;
  return i;
}

std::size_t SkipWs(std::string_view s, std::size_t pos) {
  while (pos < s.size() && std::string_view(" \t\r\n").find(s[pos]) != std::string_view::npos) ++pos;
  return pos;
}

}  // namespace

std::string ProtoJsonString(std::string_view value) {
  std::string plain;
  AppendJsonString(plain, value);
  std::string out;
  for (char c : plain) {
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string ReindentJson(std::string_view s, int depth) {
  std::string out;
  std::size_t pos = SkipWs(s, 0);
  while (pos < s.size()) {
    const char c = s[pos];
    if (c == '{' || c == '[') {
      const std::size_t next = SkipWs(s, pos + 1);
      if (next < s.size() && s[next] == (c == '{' ? '}' : ']')) {
        out += c == '{' ? "{}" : "[]";
        pos = next + 1;
      } else {
        ++depth;
        out.push_back(c);
        out += "\n" + Indent(depth);
        pos = next;
      }
    } else if (c == '}' || c == ']') {
      --depth;
      out += "\n" + Indent(depth);
      out.push_back(c);
      ++pos;
    } else if (c == ',') {
      out += ",\n" + Indent(depth);
      pos = SkipWs(s, pos + 1);
    } else if (c == ':') {
      out += ": ";
      pos = SkipWs(s, pos + 1);
    } else {
      const std::size_t end = TokenEnd(s, pos);
      out.append(s.substr(pos, end - pos));
      pos = end;
    }
    pos = SkipWs(s, pos);
  }
  return out;
}

std::string ModelStatusJson(const std::vector<VersionStatus>& versions) {
  std::string out = "{\n \"model_version_status\": [";
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const VersionStatus& v = versions[i];
    out += i == 0 ? "\n" : ",\n";
    out += "  {\n   \"version\": \"" + std::to_string(v.version) + "\",\n";
    out += "   \"state\": \"" + std::string(ServableStateName(v.state)) + "\",\n";
    out += "   \"status\": {\n    \"error_code\": \"" + std::string(CodeName(v.status.code())) +
           "\",\n";
    out += "    \"error_message\": " + ProtoJsonString(v.status.message()) + "\n   }\n  }";
  }
  out += versions.empty() ? "]\n}\n" : "\n ]\n}\n";
  return out;
}

StatusOr<std::string> ModelMetadataJson(
    std::string_view model_name, std::int64_t version,
    const std::vector<std::pair<std::string, std::string>>& signature_defs) {
  std::string out = "{\n \"model_spec\": {\n  \"name\": " + ProtoJsonString(model_name) +
                    ",\n  \"signature_name\": \"\",\n  \"version\": \"" +
                    std::to_string(version) + "\"\n },\n";
  out += " \"metadata\": {\n  \"signature_def\": {\n   \"signature_def\": ";
  if (signature_defs.empty()) {
    out += "{}";
  } else {
    out += "{";
    for (std::size_t i = 0; i < signature_defs.size(); ++i) {
      const auto& [key, fragment] = signature_defs[i];
      const Status valid = ValidateJsonText(fragment);
      if (!valid.ok()) {
        return Internal("SignatureDef JSON of \"" + key + "\" is not valid: " + valid.message());
      }
      out += i == 0 ? "\n" : ",\n";
      out += Indent(4) + ProtoJsonString(key) + ": " + ReindentJson(fragment, 4);
    }
    out += "\n   }";
  }
  out += "\n  }\n }\n}\n";
  return out;
}

}  // namespace tfsk::serving::rest
