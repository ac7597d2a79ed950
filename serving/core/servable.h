#pragma once
// What a model version is to the manager: a Loader that produces a Servable, and the handle a
// request holds while it uses one. Mirrors TF Serving's core/loader.h and core/servable_handle.h.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "lib/base/status.h"

namespace tfsk::serving::core {

/// Anything a Loader produces (the real one wraps a loaded SavedModel: derive from Servable).
/// Shared between the manager and the requests using it, so it must be safe to use from many
/// threads at once once loaded; the manager never mutates it.
class Servable {
 public:
  virtual ~Servable() = default;
};

/// Loads and unloads one version of one model. The constructor must be cheap (no I/O): the
/// manager may create loaders for versions it never loads. Load() and Unload() are called by the
/// manager's one loading thread, never concurrently for one loader:
///   Load() at most once per attempt (again only after a failed attempt, for retries),
///   servable() only after Load() returned OK, Unload() once after a successful Load().
class Loader {
 public:
  virtual ~Loader() = default;
  /// The expensive part: read files, restore variables, warm up. Errors are reported as the
  /// version's health in the status API.
  virtual Status Load() = 0;
  /// Releases the loader's reference to the servable. Requests still holding a ServableHandle
  /// keep the servable alive until they finish, so this must not invalidate it.
  virtual void Unload() = 0;
  /// The loaded servable; non-null after a successful Load() and until Unload().
  virtual std::shared_ptr<const Servable> servable() const = 0;
};

/// Creates the (unloaded) loader for `version` of `model`, whose files are in `version_path`.
/// Called on the manager's loading thread.
using LoaderFactory = std::function<std::unique_ptr<Loader>(
    const std::string& model, std::int64_t version, const std::filesystem::path& version_path)>;

/// A Loader built from one function: convenient for adapters and tests.
/// `load` runs in Load(); its result is kept until Unload().
class FunctionLoader : public Loader {
 public:
  using LoadFn = std::function<StatusOr<std::shared_ptr<const Servable>>()>;
  explicit FunctionLoader(LoadFn load) : load_(std::move(load)) {}
  Status Load() override;
  void Unload() override { servable_.reset(); }
  std::shared_ptr<const Servable> servable() const override { return servable_; }

 private:
  LoadFn load_;
  std::shared_ptr<const Servable> servable_;
};

/// What a request holds while it uses a version: keeps the servable alive even if the manager
/// unloads that version meanwhile. Cheap to copy; immutable.
struct ServableHandle {
  std::string model;
  std::int64_t version = 0;
  std::shared_ptr<const Servable> servable;

  /// The servable as its concrete type, or null when it is something else.
  template <typename T>
  const T* As() const {
    return dynamic_cast<const T*>(servable.get());
  }
};

}  // namespace tfsk::serving::core
