#pragma once
// The stand-in's object store: every object of every served kind, a cluster-wide
// resourceVersion counter and the history of changes that watches replay. All methods lock one
// mutex, so the HTTP threads and the simulation ticker may call them concurrently; Modify() runs
// its callback under that lock, which makes read-modify-write (PATCH, status updates) atomic.

#include <boost/json.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "tests/support/apiserver_standin/resources.h"

namespace apiserver {

namespace json = boost::json;

/// One change, as a watch reports it.
struct Change {
  long long rv = 0;
  std::string type;  ///< ADDED, MODIFIED, DELETED
  const ResourceType* resource = nullptr;
  json::object object;  ///< the object after the change (before it, for DELETED)
};

/// Result of Modify's callback.
enum class Edit { kUnchanged, kChanged, kDelete };

class Store {
 public:
  /// The object, or nullopt.
  std::optional<json::object> Get(const ResourceType& type, const std::string& ns,
                                  const std::string& name) const;
  /// Objects of one kind in `ns` (every namespace when empty) for which `keep` is true, by name.
  std::vector<json::object> List(const ResourceType& type, const std::string& ns,
                                 const std::function<bool(const json::object&)>& keep = {}) const;
  /// Stores a new object: fills uid, resourceVersion, creationTimestamp, generation (kinds with
  /// status). Returns the stored object, or nullopt when the name is taken. With `dry_run`
  /// nothing is stored but the returned object looks as if it had been.
  std::optional<json::object> Create(const ResourceType& type, json::object object,
                                     bool dry_run = false);
  /// Runs `edit` on the object under the lock. kChanged stores it with a new resourceVersion
  /// (and generation+1 when anything outside metadata/status changed); kDelete removes it.
  /// Returns the object as stored afterwards (as it was, for kDelete), or nullopt when missing.
  /// `dry_run`: the same answer, nothing stored.
  std::optional<json::object> Modify(const ResourceType& type, const std::string& ns,
                                     const std::string& name,
                                     const std::function<Edit(json::object&)>& edit,
                                     bool dry_run = false);
  /// Removes the object; returns it, or nullopt when missing.
  std::optional<json::object> Delete(const ResourceType& type, const std::string& ns,
                                     const std::string& name, bool dry_run = false);

  /// The latest resourceVersion handed out.
  long long ResourceVersion() const;
  /// Changes after `rv`, oldest first.
  std::vector<Change> ChangesSince(long long rv) const;
  /// Blocks until a change after `rv` exists or `timeout` passes; true when one exists.
  bool WaitForChange(long long rv, std::chrono::milliseconds timeout) const;

 private:
  using Key = std::tuple<const ResourceType*, std::string, std::string>;
  long long Record(const std::string& type, const ResourceType& resource, json::object object);

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::map<Key, json::object> objects_;
  std::vector<Change> history_;
  long long rv_ = 1000;
  long long uid_ = 0;
};

/// The current time as Kubernetes writes it: RFC 3339 UTC, seconds ("2025-01-10T10:00:00Z").
std::string Now();

/// A string member of a nested object, or "" (metadata.name etc.).
std::string Str(const json::object& o, std::initializer_list<std::string_view> path);

}  // namespace apiserver
