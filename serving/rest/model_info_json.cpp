#include "serving/rest/model_info_json.h"

#include <cstdint>

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

namespace {

void AppendHex4(std::string& out, std::uint32_t unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(unit >> shift) & 0xF]);
}

// protobuf's JsonEscaping::EscapeCodePoint: appends the escape for `cp`, or returns false when
// the code point is written as is.
bool AppendEscape(std::string& out, std::uint32_t cp) {
  if (cp < 0xa0) {
    switch (cp) {
      case '\b': out += "\\b"; return true;
      case '\t': out += "\\t"; return true;
      case '\n': out += "\\n"; return true;
      case '\f': out += "\\f"; return true;
      case '\r': out += "\\r"; return true;
      case '"': out += "\\\""; return true;
      case '\\': out += "\\\\"; return true;
      default: break;
    }
    if (cp < 0x20 || cp == '<' || cp == '>' || cp >= 0x7f) {
      AppendHex4(out, cp);
      return true;
    }
    return false;
  }
  if (cp == 0xfeff || cp == 0xfff9 || cp == 0xfffa || cp == 0xfffb || cp == 0x00ad ||
      cp == 0x06dd || cp == 0x070f || cp == 0x17b4 || cp == 0x17b5 ||
      (cp >= 0x0600 && cp <= 0x0603) || (cp >= 0x200b && cp <= 0x200f) ||
      (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
      (cp >= 0x206a && cp <= 0x206f)) {
    AppendHex4(out, cp);
    return true;
  }
  if (cp == 0xe0001 || (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0020 && cp <= 0xe007f)) {
    const std::uint32_t v = cp - 0x10000;
    AppendHex4(out, 0xD800 + (v >> 10));
    AppendHex4(out, 0xDC00 + (v & 0x3FF));
    return true;
  }
  return false;
}

}  // namespace

std::string ProtoJsonString(std::string_view value) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t start = i;
    std::uint32_t cp = static_cast<unsigned char>(value[i++]);
    int left = 0;
    bool ok = true;
    if (cp <= 0x7f) {
    } else if (cp <= 0xbf) {
      ok = false;
    } else if (cp <= 0xdf) {
      cp &= 0x1f;
      left = 1;
    } else if (cp <= 0xef) {
      cp &= 0x0f;
      left = 2;
    } else if (cp <= 0xf7) {
      cp &= 0x07;
      left = 3;
    } else {
      ok = false;
    }
    while (ok && left > 0 && i < value.size()) {
      const auto ch = static_cast<unsigned char>(value[i++]);
      --left;
      cp = (cp << 6) | (ch & 0x3f);
      if (ch < 0x80 || ch > 0xbf) ok = false;
    }
    // Invalid or truncated UTF-8 and surrogates/out-of-range code points are dropped.
    if (!ok || left > 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) continue;
    if (!AppendEscape(out, cp)) out.append(value.substr(start, i - start));
  }
  out += "\"";
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
