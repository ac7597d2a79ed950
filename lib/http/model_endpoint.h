#pragma once
// Where predict/stress/status send requests: one rule, shared. `--url` wins; else the local
// target's `.tfsk/local.json` (written by `tfsk up --target local`); else a cluster target's
// `.tfsk/state.json` (its NodePort URL); else a clear error.

#include <filesystem>
#include <string>

#include "lib/base/status.h"

namespace tfsk::http {

struct ModelEndpoint {
  std::string base_url;    ///< "http://127.0.0.1:8501" (no path), or a full URL from --url
  bool full_url = false;   ///< --url already names the method ("/v1/models/x:predict")
  std::string model_name;  ///< from the state file; "" when unknown
  std::string source;      ///< "--url" or the state file's path, for messages
};

/// `url_flag` when not empty (a full ".../v1/models/NAME:predict" URL is used as given, else it
/// is the server's origin); else `<project>/.tfsk/local.json` (port and model name); else
/// `<project>/.tfsk/state.json` (URL and model name; a tunnel-only deployment says to use
/// `tfsk url`); else
/// FailedPrecondition saying to pass --url or run `tfsk up` (and `tfsk status`). A corrupt
/// state file is DataLoss naming it.
StatusOr<ModelEndpoint> ResolveModelEndpoint(const std::string& url_flag,
                                             const std::filesystem::path& project);

}  // namespace tfsk::http
