#pragma once
// Shared helpers of the tfsk-serving end-to-end cases (tests/e2e/serving_*_test.cpp).

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/support/serving_process.h"
#include "tests/support/shared.h"

namespace tfsk::testing {

/// The fixture folder of one shared model (skips or fails per RequireShared when missing).
inline std::filesystem::path SharedModel(const std::string& folder) {
  return RequireShared("models/" + folder);
}

/// Starts tfsk-serving with `args` plus an ephemeral REST port and no gRPC port, and REQUIREs that
/// it serves. The fixture folder name is the served model name, as in the *_metadata.json files.
inline std::unique_ptr<ServingProcess> StartServing(std::vector<std::string> args,
                                                    std::map<std::string, std::string> env = {}) {
  args.push_back("--rest_api_port=0");
  args.push_back("--port=0");
  auto p = std::make_unique<ServingProcess>(std::move(args), std::move(env));
  REQUIRE(p->WaitUntilServing());
  return p;
}

/// One model from the shared fixtures, served under its folder name.
inline std::unique_ptr<ServingProcess> StartModel(const std::string& folder,
                                                  std::vector<std::string> extra = {}) {
  auto path = SharedModel(folder);
  extra.push_back("--model_name=" + folder);
  extra.push_back("--model_base_path=" + path.string());
  return StartServing(std::move(extra));
}

/// Stops the server gracefully and checks it exited 0 (printing its log otherwise).
inline void StopCleanly(ServingProcess& p) {
  int code = p.Stop();
  if (code != 0) MESSAGE("tfsk-serving log:\n" << p.Log());
  CHECK(code == 0);
}

}  // namespace tfsk::testing
