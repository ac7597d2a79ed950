#pragma once
// tensorflow_model_server's command line, as tfsk-serving accepts it: the same flag names,
// defaults and the tensorflow/serving image's MODEL_NAME / MODEL_BASE_PATH environment contract.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::serving {

/// Everything the server needs from its command line. Field names follow the flags.
struct ServerOptions {
  std::string model_name = "default";
  std::string model_base_path;
  std::int32_t port = 8500;           ///< gRPC: accepted for compatibility, not served
  std::int32_t rest_api_port = 8501;  ///< tensorflow/serving's image uses 8501
  std::int32_t rest_api_num_threads = 0;      ///< 0: one per core
  std::int64_t rest_api_timeout_in_ms = 30000;
  bool rest_api_enable_cors_support = false;
  std::string model_config_file;
  std::int32_t model_config_file_poll_wait_seconds = 0;
  std::int32_t file_system_poll_wait_seconds = 1;
  std::string monitoring_config_file;
  bool allow_version_labels_for_unavailable_models = false;
  std::string saved_model_tags = "serve";
  bool enable_signature_method_name_check = false;
};

/// Reads an environment variable; injected so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

/// The process environment.
std::optional<std::string> RealEnv(const std::string& name);

/// The result of parsing argv: options to run with, or text to print and an exit code
/// (for --help, --version and usage errors).
struct ParsedFlags {
  std::optional<ServerOptions> options;
  int exit_code = 0;
  std::string output;  ///< what to print (help text or an error)
};

/// Parses tensorflow_model_server-style flags (`--flag=value` or `--flag value`).
/// Without --model_base_path and --model_config_file, MODEL_NAME and MODEL_BASE_PATH from `env`
/// select `${MODEL_BASE_PATH}/${MODEL_NAME}` as the tensorflow/serving image does.
ParsedFlags ParseServerFlags(const std::vector<std::string>& args, const EnvLookup& env);

/// Checks the combination of options: a model source is given, ports are valid and distinct.
Status ValidateServerOptions(const ServerOptions& options);

}  // namespace tfsk::serving
