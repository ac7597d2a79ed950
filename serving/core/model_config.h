#pragma once
// --model_config_file and --monitoring_config_file: the parts of TF Serving's text-format
// ModelServerConfig and MonitoringConfig that tfsk-serving supports, e.g.
//
//   model_config_list {
//     config {
//       name: "half_plus_two"
//       base_path: "/models/half_plus_two"
//       model_platform: "tensorflow"
//       model_version_policy { latest { num_versions: 2 } }   # or all {} / specific { versions: 1 }
//       version_labels { key: "stable" value: 1 }
//     }
//   }
//
//   prometheus_config { enable: true, path: "/monitoring/prometheus/metrics" }
//
// Unknown or unsupported fields are errors (with a "did you mean"), as protobuf's TextFormat
// rejects unknown fields; every error names its line and column.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "serving/core/manager.h"

namespace tfsk::serving::core {

/// The parsed --model_config_file: the models to serve (names unique, base paths non-empty,
/// platform "tensorflow").
struct ModelServerConfig {
  std::vector<ModelSpec> models;
  friend bool operator==(const ModelServerConfig&, const ModelServerConfig&) = default;
};

/// Parses ModelServerConfig text. INVALID_ARGUMENT with "line L, column C: ..." on errors.
StatusOr<ModelServerConfig> ParseModelServerConfig(std::string_view text);

/// Reads and parses a config file; errors are prefixed with the file name.
StatusOr<ModelServerConfig> ReadModelServerConfigFile(const std::filesystem::path& path);

/// The parsed --monitoring_config_file.
struct MonitoringConfig {
  bool prometheus_enable = false;
  std::string prometheus_path = "/monitoring/prometheus/metrics";  ///< empty in the file -> this
  friend bool operator==(const MonitoringConfig&, const MonitoringConfig&) = default;
};

/// Parses MonitoringConfig text (`prometheus_config { enable: true path: "..." }`).
StatusOr<MonitoringConfig> ParseMonitoringConfig(std::string_view text);

/// Reads and parses a monitoring config file; errors are prefixed with the file name.
StatusOr<MonitoringConfig> ReadMonitoringConfigFile(const std::filesystem::path& path);

/// Reads a whole file (NOT_FOUND / INTERNAL with the path on failure).
StatusOr<std::string> ReadFileToString(const std::filesystem::path& path);

}  // namespace tfsk::serving::core
