#include "serving/rest/route.h"

#include <optional>

namespace tfsk::serving::rest {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive literal at `pos`; advances on success.
bool Literal(std::string_view s, std::size_t& pos, std::string_view lit) {
  if (s.size() - pos < lit.size()) return false;
  for (std::size_t i = 0; i < lit.size(); ++i) {
    if (Lower(s[pos + i]) != lit[i]) return false;
  }
  pos += lit.size();
  return true;
}

// [^/:]+ (greedy). Only the longest run can lead to a match in these patterns, because every
// continuation starts with '/' or ':' or is the end of the path.
std::optional<std::string_view> Segment(std::string_view s, std::size_t& pos) {
  std::size_t end = pos;
  while (end < s.size() && s[end] != '/' && s[end] != ':') ++end;
  if (end == pos) return std::nullopt;
  const std::string_view out = s.substr(pos, end - pos);
  pos = end;
  return out;
}

// \d+ (greedy; likewise only the longest run can match).
std::optional<std::string_view> Digits(std::string_view s, std::size_t& pos) {
  std::size_t end = pos;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  if (end == pos) return std::nullopt;
  const std::string_view out = s.substr(pos, end - pos);
  pos = end;
  return out;
}

// (?:/versions/(\d+)|/labels/([^/:]+))? in preference order: version, label, absent.
// `choice` selects the alternative; returns false when that alternative does not match.
bool VersionOrLabel(std::string_view s, std::size_t& pos, int choice, Route& r) {
  std::size_t p = pos;
  if (choice == 0) {
    if (!Literal(s, p, "/versions/")) return false;
    auto d = Digits(s, p);
    if (!d) return false;
    r.version = *d;
  } else if (choice == 1) {
    if (!Literal(s, p, "/labels/")) return false;
    auto l = Segment(s, p);
    if (!l) return false;
    r.label = *l;
  }
  pos = p;
  return true;
}

bool MatchInference(std::string_view path, Route& r, std::string_view& action) {
  std::size_t pos = 0;
  if (!Literal(path, pos, "/v1/models/")) return false;
  auto name = Segment(path, pos);
  if (!name) return false;
  for (int choice = 0; choice < 3; ++choice) {
    Route candidate;
    candidate.model_name = *name;
    std::size_t p = pos;
    if (!VersionOrLabel(path, p, choice, candidate)) continue;
    if (p >= path.size() || path[p] != ':') continue;
    ++p;
    const std::string_view rest = path.substr(p);
    for (std::string_view word : {"classify", "regress", "predict"}) {
      std::size_t q = p;
      if (rest.size() == word.size() && Literal(path, q, word)) {
        r = candidate;
        action = rest;
        return true;
      }
    }
  }
  return false;
}

bool MatchStatus(std::string_view path, Route& r, std::string_view& subresource) {
  std::size_t start = 0;
  if (!Literal(path, start, "/v1/models")) return false;
  for (int with_name = 1; with_name >= 0; --with_name) {
    Route candidate;
    std::size_t pos = start;
    if (with_name) {
      if (pos >= path.size() || path[pos] != '/') continue;
      ++pos;
      auto name = Segment(path, pos);
      if (!name) continue;
      candidate.model_name = *name;
    }
    for (int choice = 0; choice < 3; ++choice) {
      Route c2 = candidate;
      std::size_t p = pos;
      if (!VersionOrLabel(path, p, choice, c2)) continue;
      for (int with_meta = 1; with_meta >= 0; --with_meta) {
        std::size_t q = p;
        std::string_view sub;
        if (with_meta) {
          if (!Literal(path, q, "/metadata")) continue;
          sub = path.substr(q - 8, 8);
        }
        if (q != path.size()) continue;
        r = c2;
        subresource = sub;
        return true;
      }
    }
  }
  return false;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Route MatchRoute(std::string_view method, std::string_view path) {
  Route r;
  if (method == "POST") {
    std::string_view action;
    if (MatchInference(path, r, action)) {
      if (action == "classify") {
        r.kind = Route::Kind::kClassify;
      } else if (action == "regress") {
        r.kind = Route::Kind::kRegress;
      } else if (action == "predict") {
        r.kind = Route::Kind::kPredict;
      }
      if (r.kind != Route::Kind::kMalformed) return r;
    }
  } else if (method == "GET") {
    std::string_view sub;
    if (MatchStatus(path, r, sub)) {
      r.kind = sub == "metadata" ? Route::Kind::kMetadata : Route::Kind::kStatus;
      return r;
    }
  }
  return Route{};
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace tfsk::serving::rest
