#include "tests/support/apiserver_standin/store.h"

#include <cstdio>
#include <ctime>

namespace apiserver {
namespace {

json::object& Metadata(json::object& o) {
  json::value& m = o["metadata"];
  if (!m.is_object()) m = json::object();
  return m.as_object();
}

// Everything a client may change that is neither metadata nor status ("spec", "data", ...).
json::object Content(const json::object& o) {
  json::object out = o;
  out.erase("metadata");
  out.erase("status");
  return out;
}

std::string Uid(long long n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "5a1d0000-0000-4000-8000-%012llx", n);
  return buf;
}

}  // namespace

std::string Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Str(const json::object& o, std::initializer_list<std::string_view> path) {
  const json::object* cur = &o;
  const json::value* v = nullptr;
  for (std::string_view key : path) {
    if (cur == nullptr) return "";
    v = cur->if_contains(key);
    if (v == nullptr) return "";
    cur = v->if_object();
  }
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

std::optional<json::object> Store::Get(const ResourceType& type, const std::string& ns,
                                       const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = objects_.find({&type, ns, name});
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

std::vector<json::object> Store::List(const ResourceType& type, const std::string& ns,
                                      const std::function<bool(const json::object&)>& keep) const {
  std::lock_guard lock(mu_);
  std::vector<json::object> out;
  for (const auto& [key, object] : objects_) {
    if (std::get<0>(key) != &type) continue;
    if (!ns.empty() && std::get<1>(key) != ns) continue;
    if (keep && !keep(object)) continue;
    out.push_back(object);
  }
  return out;
}

long long Store::Record(const std::string& type, const ResourceType& resource,
                        json::object object) {
  ++rv_;
  if (type != "DELETED") Metadata(object)["resourceVersion"] = std::to_string(rv_);
  history_.push_back({rv_, type, &resource, std::move(object)});
  changed_.notify_all();
  return rv_;
}

std::optional<json::object> Store::Create(const ResourceType& type, json::object object,
                                          bool dry_run) {
  std::lock_guard lock(mu_);
  json::object& meta = Metadata(object);
  const std::string ns = type.namespaced ? Str(object, {"metadata", "namespace"}) : "";
  const std::string name = Str(object, {"metadata", "name"});
  Key key{&type, ns, name};
  if (objects_.count(key) > 0) return std::nullopt;
  meta["uid"] = Uid(dry_run ? 0 : ++uid_);
  meta["creationTimestamp"] = Now();
  if (type.has_status) meta["generation"] = 1;
  meta.erase("managedFields");
  if (dry_run) {
    meta["resourceVersion"] = std::to_string(rv_);
    return object;
  }
  Record("ADDED", type, object);
  meta["resourceVersion"] = std::to_string(rv_);
  objects_[key] = object;
  return object;
}

std::optional<json::object> Store::Modify(const ResourceType& type, const std::string& ns,
                                          const std::string& name,
                                          const std::function<Edit(json::object&)>& edit,
                                          bool dry_run) {
  std::lock_guard lock(mu_);
  auto it = objects_.find({&type, ns, name});
  if (it == objects_.end()) return std::nullopt;
  json::object copy = it->second;
  const Edit e = edit(copy);
  if (e == Edit::kUnchanged) return it->second;
  if (e == Edit::kDelete) {
    json::object gone = it->second;
    if (!dry_run) {
      Record("DELETED", type, gone);
      objects_.erase(it);
    }
    return gone;
  }
  // The server owns these; a patch cannot move them.
  json::object& meta = Metadata(copy);
  const json::object& before = it->second.at("metadata").as_object();
  for (const char* owned :
       {"uid", "creationTimestamp", "generation", "name", "namespace", "resourceVersion"}) {
    if (const json::value* v = before.if_contains(owned)) {
      meta[owned] = *v;
    } else {
      meta.erase(owned);
    }
  }
  if (type.has_status && Content(copy) != Content(it->second)) {
    meta["generation"] = meta["generation"].to_number<long long>() + 1;
  }
  if (copy == it->second) return it->second;
  if (dry_run) return copy;
  Record("MODIFIED", type, copy);
  meta["resourceVersion"] = std::to_string(rv_);
  it->second = copy;
  return copy;
}

std::optional<json::object> Store::Delete(const ResourceType& type, const std::string& ns,
                                          const std::string& name, bool dry_run) {
  return Modify(
      type, ns, name, [](json::object&) { return Edit::kDelete; }, dry_run);
}

long long Store::ResourceVersion() const {
  std::lock_guard lock(mu_);
  return rv_;
}

std::vector<Change> Store::ChangesSince(long long rv) const {
  std::lock_guard lock(mu_);
  std::vector<Change> out;
  for (const auto& c : history_) {
    if (c.rv > rv) out.push_back(c);
  }
  return out;
}

bool Store::WaitForChange(long long rv, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, timeout, [&] { return rv_ > rv; });
}

}  // namespace apiserver
