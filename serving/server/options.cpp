#include "serving/server/options.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "lib/base/version.h"

namespace tfsk::serving {

std::optional<std::string> RealEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

ParsedFlags ParseServerFlags(const std::vector<std::string>& args, const EnvLookup& env) {
  ServerOptions o;
  CLI::App app{
      "tfsk-serving: a TensorFlow Serving compatible REST model server for SavedModels, "
      "without TensorFlow",
      "tfsk-serving"};
  app.set_version_flag("--version", std::string("tfsk-serving ") + kVersion);
  // A flag given twice keeps its last value, as tensorflow_model_server does: the image's
  // entrypoint sets --port/--rest_api_port and a Deployment's args may override them.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--model_name", o.model_name, "Name of the model (without a config file)")
      ->capture_default_str();
  app.add_option("--model_base_path", o.model_base_path,
                 "Folder holding numbered version folders of the model");
  app.add_option("--port", o.port, "gRPC port (accepted for compatibility; 0 disables)")
      ->capture_default_str();
  app.add_option("--rest_api_port", o.rest_api_port, "HTTP/REST port")->capture_default_str();
  app.add_option("--rest_api_num_threads", o.rest_api_num_threads,
                 "HTTP worker threads (0: one per core)")
      ->capture_default_str();
  app.add_option("--rest_api_timeout_in_ms", o.rest_api_timeout_in_ms,
                 "Deadline of each model run of a REST request, in milliseconds (past it: 504)")
      ->capture_default_str();
  app.add_option("--rest_api_enable_cors_support", o.rest_api_enable_cors_support,
                 "Add CORS headers to REST answers")
      ->capture_default_str();
  app.add_option("--model_config_file", o.model_config_file,
                 "Text-format ModelServerConfig listing several models");
  app.add_option("--model_config_file_poll_wait_seconds", o.model_config_file_poll_wait_seconds,
                 "Re-read the config file this often (0: read once)")
      ->capture_default_str();
  app.add_option("--file_system_poll_wait_seconds", o.file_system_poll_wait_seconds,
                 "Poll model folders for new versions this often (<= 0: no polling thread)")
      ->capture_default_str();
  app.add_option("--monitoring_config_file", o.monitoring_config_file,
                 "MonitoringConfig enabling /monitoring/prometheus/metrics");
  app.add_option("--allow_version_labels_for_unavailable_models",
                 o.allow_version_labels_for_unavailable_models,
                 "Allow labels to point at versions not loaded yet")
      ->capture_default_str();
  app.add_option("--saved_model_tags", o.saved_model_tags, "Meta graph tag set to load")
      ->capture_default_str();
  app.add_option("--enable_signature_method_name_check", o.enable_signature_method_name_check,
                 "Check method_name of classify/regress signatures")
      ->capture_default_str();

  std::vector<std::string> rev(args.rbegin(), args.rend());
  try {
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, err;
    int code = app.exit(e, out, err);
    ParsedFlags r;
    r.exit_code = code == 0 ? 0 : 2;
    r.output = out.str() + err.str();
    return r;
  }

  if (o.model_base_path.empty() && o.model_config_file.empty()) {
    auto name = env("MODEL_NAME");
    auto base = env("MODEL_BASE_PATH");
    if (base && !base->empty()) {
      o.model_name = name && !name->empty() ? *name : "model";
      o.model_base_path = *base + "/" + o.model_name;
    }
  }
  ParsedFlags r;
  r.options = o;
  return r;
}

Status ValidateServerOptions(const ServerOptions& o) {
  if (o.model_base_path.empty() && o.model_config_file.empty()) {
    return InvalidArgument(
        "no model given: pass --model_base_path=DIR (a folder of numbered versions) or "
        "--model_config_file=FILE, or set MODEL_BASE_PATH (and MODEL_NAME)");
  }
  auto bad_port = [](int p) { return p < 0 || p > 65535; };
  if (bad_port(o.rest_api_port)) {
    return InvalidArgument(
        fmt::format("--rest_api_port={} is not a port (0-65535)", o.rest_api_port));
  }
  if (bad_port(o.port)) {
    return InvalidArgument(fmt::format("--port={} is not a port (0-65535)", o.port));
  }
  if (o.rest_api_port != 0 && o.rest_api_port == o.port) {
    return InvalidArgument(
        fmt::format("--rest_api_port and --port are both {}; give them different values", o.port));
  }
  if (o.rest_api_num_threads < 0) {
    return InvalidArgument("--rest_api_num_threads must be >= 0");
  }
  if (o.rest_api_timeout_in_ms <= 0) {
    return InvalidArgument("--rest_api_timeout_in_ms must be > 0");
  }
  return OkStatus();
}

}  // namespace tfsk::serving
