#pragma once
// Test helper: a SavedModel built in code, written to a temp dir, loaded like the server does
// and reachable through the pure REST handler under any model name.

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "serving/loader/saved_model_servable.h"
#include "serving/rest/handler.h"
#include "serving/savedmodel/demo_models.h"
#include "tests/support/shared.h"

namespace tfsk::serving::loader::testing {

/// A registry that answers every request with one servable.
class OneServable : public rest::ServableRegistry {
 public:
  explicit OneServable(std::shared_ptr<rest::Servable> s) : servable_(std::move(s)) {}
  StatusOr<std::shared_ptr<rest::Servable>> Find(const rest::ServableRequest&) override {
    return servable_;
  }
  std::vector<rest::VersionStatus> ListVersions(const std::string&) override { return {}; }

 private:
  std::shared_ptr<rest::Servable> servable_;
};

/// `model` written as version 1 of a temp folder and loaded (REQUIREs success).
class ServedModel {
 public:
  explicit ServedModel(const savedmodel::SavedModelToWrite& model) {
    const auto version = dir_.path() / "1";
    REQUIRE(savedmodel::WriteSavedModel(version, model).ok());
    auto s = SavedModelServable::Load(version, 1);
    REQUIRE_MESSAGE(s.ok(), s.status().ToString());
    registry_ = std::make_unique<OneServable>(std::move(s).value());
  }

  /// POST /v1/models/m:<action> with `body`; `timeout` is --rest_api_timeout_in_ms (0: none).
  rest::HttpResponse Post(const std::string& action, const std::string& body,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(0)) {
    rest::RestOptions options;
    options.run_timeout = timeout;
    return rest::HandleRestRequest("POST", "/v1/models/m:" + action, body, *registry_, options);
  }

 private:
  tfsk::testing::TempDir dir_;
  std::unique_ptr<OneServable> registry_;
};

}  // namespace tfsk::serving::loader::testing
