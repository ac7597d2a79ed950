#include "tests/support/apiserver_standin/merge_patch.h"

#include <algorithm>

namespace apiserver {
namespace json = boost::json;
namespace {

constexpr std::string_view kOrder = "$setElementOrder/";
constexpr std::string_view kDeleteFrom = "$deleteFromPrimitiveList/";

std::string PatchDirective(const json::object& o) {
  const json::value* p = o.if_contains("$patch");
  return p != nullptr && p->is_string() ? std::string(p->as_string()) : "";
}

// A patch value stored where nothing was there to merge with: directives and nulls (deletions
// of nothing) dropped, list items marked for deletion left out.
json::value Clean(const json::value& v) {
  if (v.is_object()) {
    json::object out;
    for (const auto& [k, x] : v.as_object()) {
      if (!k.starts_with("$") && !x.is_null()) out[k] = Clean(x);
    }
    return out;
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& x : v.as_array()) {
      if (x.is_object() && PatchDirective(x.as_object()) == "delete") continue;
      if (x.is_object() && PatchDirective(x.as_object()) == "replace" &&
          x.as_object().size() == 1) {
        continue;
      }
      out.push_back(Clean(x));
    }
    return out;
  }
  return v;
}

// `$setElementOrder/<field>`: the patch's order first, items it does not name after them.
void Reorder(json::array& list, const json::array& order, const std::string& key) {
  auto rank = [&](const json::value& item) -> std::size_t {
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (key.empty() ? order[i] == item
                      : item.is_object() && order[i].is_object() &&
                            item.as_object().if_contains(key) != nullptr &&
                            order[i].as_object().if_contains(key) != nullptr &&
                            item.as_object().at(key) == order[i].as_object().at(key)) {
        return i;
      }
    }
    return order.size();
  };
  std::stable_sort(list.begin(), list.end(),
                   [&](const json::value& a, const json::value& b) { return rank(a) < rank(b); });
}

bool MergeObject(json::object& orig, const json::object& patch, const SchemaCursor& sc,
                 std::string* error);

bool MergeList(json::array& orig, const json::array& patch, const std::string& key,
               const SchemaCursor& items, std::string* error) {
  for (const auto& item : patch) {
    if (item.is_object() && PatchDirective(item.as_object()) == "replace") {
      orig = Clean(patch).as_array();
      return true;
    }
  }
  for (const auto& item : patch) {
    if (key.empty()) {  // a merged list of scalars: union
      if (std::find(orig.begin(), orig.end(), item) == orig.end()) orig.push_back(item);
      continue;
    }
    if (!item.is_object() || item.as_object().if_contains(key) == nullptr) {
      *error = "map: " + json::serialize(item) + " does not contain declared merge key: " + key;
      return false;
    }
    const json::object& p = item.as_object();
    auto found = std::find_if(orig.begin(), orig.end(), [&](const json::value& o) {
      return o.is_object() && o.as_object().if_contains(key) != nullptr &&
             o.as_object().at(key) == p.at(key);
    });
    if (PatchDirective(p) == "delete") {
      if (found != orig.end()) orig.erase(found);
    } else if (found != orig.end()) {
      if (!MergeObject(found->as_object(), p, items, error)) return false;
    } else {
      orig.push_back(Clean(item));
    }
  }
  return true;
}

bool MergeObject(json::object& orig, const json::object& patch, const SchemaCursor& sc,
                 std::string* error) {
  const std::string directive = PatchDirective(patch);
  if (directive == "replace") {
    orig = Clean(patch).as_object();
    return true;
  }
  if (!directive.empty() && directive != "merge" && directive != "delete") {
    *error = "unknown patch type: " + directive + " in map: " + json::serialize(patch);
    return false;
  }
  for (const auto& [k, v] : patch) {
    if (k.starts_with(kDeleteFrom)) {
      json::value* list = orig.if_contains(k.substr(kDeleteFrom.size()));
      if (list != nullptr && list->is_array() && v.is_array()) {
        auto& a = list->as_array();
        for (const auto& gone : v.as_array()) {
          a.erase(std::remove(a.begin(), a.end(), gone), a.end());
        }
      }
      continue;
    }
    if (k.starts_with("$")) continue;
    if (v.is_null()) {
      orig.erase(k);
      continue;
    }
    const SchemaCursor child = sc.Member(k);
    json::value* cur = orig.if_contains(k);
    if (v.is_object()) {
      if (PatchDirective(v.as_object()) == "delete") {
        orig.erase(k);
      } else if (cur != nullptr && cur->is_object()) {
        if (!MergeObject(cur->as_object(), v.as_object(), child, error)) return false;
      } else {
        orig[k] = Clean(v);
      }
    } else if (v.is_array()) {
      std::optional<std::string> key = child.MergeKey();
      if (key && cur != nullptr && cur->is_array()) {
        if (!MergeList(cur->as_array(), v.as_array(), *key, child.Items(), error)) return false;
      } else {
        orig[k] = Clean(v);
      }
    } else {
      orig[k] = v;
    }
  }
  if (const json::value* retain = patch.if_contains("$retainKeys"); retain && retain->is_array()) {
    const json::array& keep = retain->as_array();
    std::vector<std::string> drop;
    for (const auto& [k, v] : orig) {
      if (std::find(keep.begin(), keep.end(), json::value(k)) == keep.end()) drop.emplace_back(k);
    }
    for (const auto& k : drop) orig.erase(k);
  }
  for (const auto& [k, v] : patch) {
    if (!k.starts_with(kOrder) || !v.is_array()) continue;
    const std::string field(k.substr(kOrder.size()));
    json::value* list = orig.if_contains(field);
    if (list == nullptr || !list->is_array()) continue;
    Reorder(list->as_array(), v.as_array(), sc.Member(field).MergeKey().value_or(""));
  }
  return true;
}

}  // namespace

json::value JsonMergePatch(const json::value& target, const json::value& patch) {
  if (!patch.is_object()) return patch;
  json::object out = target.is_object() ? target.as_object() : json::object();
  for (const auto& [k, v] : patch.as_object()) {
    if (v.is_null()) {
      out.erase(k);
    } else {
      const json::value* cur = out.if_contains(k);
      out[k] = JsonMergePatch(cur != nullptr ? *cur : json::value(), v);
    }
  }
  return out;
}

bool StrategicMergePatch(json::object& original, const json::object& patch,
                         const SchemaCursor& schema, std::string* error) {
  return MergeObject(original, patch, schema, error);
}

}  // namespace apiserver
