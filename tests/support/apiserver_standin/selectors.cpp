#include "tests/support/apiserver_standin/selectors.h"

#include <algorithm>

namespace apiserver {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// Splits on commas outside parentheses ("a in (x,y),b=c" -> two terms).
std::vector<std::string> SplitTerms(std::string_view text) {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(Trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!Trim(cur).empty() || !out.empty()) out.push_back(Trim(cur));
  return out;
}

std::vector<std::string> SetValues(std::string_view inner) {
  std::vector<std::string> values;
  std::string cur;
  for (char c : inner) {
    if (c == ',') {
      values.push_back(Trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  values.push_back(Trim(cur));
  return values;
}

// The value at a dotted field path, as a selector compares it (strings; other scalars printed).
std::optional<std::string> FieldValue(const boost::json::object& o, const std::string& path) {
  const boost::json::value* v = nullptr;
  const boost::json::object* cur = &o;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (cur == nullptr) return std::nullopt;
    v = cur->if_contains(key);
    if (v == nullptr) return std::nullopt;
    cur = v->if_object();
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) return std::string(v->as_string());
  return boost::json::serialize(*v);
}

}  // namespace

std::optional<Selector> Selector::Labels(std::string_view text, std::string* error) {
  Selector s;
  for (const std::string& term : SplitTerms(text)) {
    Term t;
    if (term.empty()) {
      *error = "found ',', expected: identifier";
      return std::nullopt;
    }
    std::size_t sp = term.find(' ');
    if (auto ne = term.find("!="); ne != std::string::npos) {
      t = {Trim(term.substr(0, ne)), Op::kNe, {Trim(term.substr(ne + 2))}};
    } else if (auto eq = term.find('='); eq != std::string::npos) {
      std::size_t after = term.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
      t = {Trim(term.substr(0, eq)), Op::kEq, {Trim(term.substr(after))}};
    } else if (sp != std::string::npos) {
      std::string key = term.substr(0, sp);
      std::string rest = Trim(term.substr(sp));
      Op op = rest.rfind("notin", 0) == 0 ? Op::kNotIn : Op::kIn;
      auto open = rest.find('('), close = rest.rfind(')');
      if ((op == Op::kIn && rest.rfind("in", 0) != 0) || open == std::string::npos ||
          close == std::string::npos || close < open) {
        *error = "unable to parse requirement: " + term;
        return std::nullopt;
      }
      t = {key, op, SetValues(rest.substr(open + 1, close - open - 1))};
    } else if (term[0] == '!') {
      t = {Trim(term.substr(1)), Op::kNotExists, {}};
    } else {
      t = {term, Op::kExists, {}};
    }
    if (t.key.empty()) {
      *error = "unable to parse requirement: " + term;
      return std::nullopt;
    }
    s.terms_.push_back(std::move(t));
  }
  return s;
}

std::optional<Selector> Selector::Fields(std::string_view text, std::string* error) {
  Selector s;
  s.fields_ = true;
  for (const std::string& term : SplitTerms(text)) {
    if (auto ne = term.find("!="); ne != std::string::npos) {
      s.terms_.push_back({term.substr(0, ne), Op::kNe, {term.substr(ne + 2)}});
    } else if (auto eq = term.find('='); eq != std::string::npos) {
      std::size_t after = term.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
      s.terms_.push_back({term.substr(0, eq), Op::kEq, {term.substr(after)}});
    } else {
      *error = "invalid selector: '" + std::string(text) + "'; can't understand '" + term + "'";
      return std::nullopt;
    }
  }
  return s;
}

bool Selector::Matches(const boost::json::object& object) const {
  for (const Term& t : terms_) {
    std::optional<std::string> have;
    if (fields_) {
      have = FieldValue(object, t.key);
      // A field the object does not have compares as the empty string, as the server does.
      if (!have) have = "";
    } else if (const auto* labels = object.if_contains("metadata")) {
      const auto* l = labels->as_object().if_contains("labels");
      if (l != nullptr && l->is_object()) {
        if (const auto* v = l->as_object().if_contains(t.key); v && v->is_string()) {
          have = std::string(v->as_string());
        }
      }
    }
    const bool in = have && std::find(t.values.begin(), t.values.end(), *have) != t.values.end();
    switch (t.op) {
      case Op::kEq:
      case Op::kIn:
        if (!in) return false;
        break;
      case Op::kNe:
      case Op::kNotIn:
        if (in) return false;
        break;
      case Op::kExists:
        if (!have) return false;
        break;
      case Op::kNotExists:
        if (have) return false;
        break;
    }
  }
  return true;
}

}  // namespace apiserver
