#include "serving/server/run.h"

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "serving/core/config_watcher.h"
#include "serving/core/manager.h"
#include "serving/core/model_config.h"
#include "serving/loader/manager_registry.h"
#include "serving/loader/saved_model_servable.h"
#include "serving/monitoring/serving_metrics.h"
#include "serving/net/http_server.h"
#include "serving/net/signals.h"
#include "serving/server/http_glue.h"

namespace tfsk::serving {
namespace {

using namespace std::chrono_literals;

std::set<std::string> SplitTags(const std::string& tags) {
  std::set<std::string> out;
  std::size_t start = 0;
  while (start <= tags.size()) {
    auto comma = tags.find(',', start);
    auto tag = tags.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!tag.empty()) out.insert(tag);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// True when SIGTERM/SIGINT is pending (they are blocked, so it waits to be collected).
bool TerminationPending() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  timespec zero{0, 0};
  return sigtimedwait(&set, nullptr, &zero) > 0;
}

class Logger {
 public:
  explicit Logger(std::ostream& out) : out_(out) {}
  void operator()(const std::string& line) {
    std::lock_guard<std::mutex> lock(mu_);
    out_ << line << std::endl;
  }

 private:
  std::mutex mu_;
  std::ostream& out_;
};

}  // namespace

int RunServer(const ServerOptions& options, std::ostream& log_stream, std::ostream& err) {
  if (Status s = ValidateServerOptions(options); !s.ok()) {
    err << "tfsk-serving: " << s.message() << "\n";
    return 2;
  }
  net::BlockTerminationSignals();
  Logger logger(log_stream);
  auto log = [&logger](const std::string& line) { logger(line); };

  if (options.port != 0) {
    log(fmt::format("gRPC port {} accepted for compatibility; tfsk-serving serves REST only",
                    options.port));
  }

  loader::LoadOptions load_options;
  load_options.tags = SplitTags(options.saved_model_tags);

  // Always recorded (cheap: a few atomics per load); request metrics only when the page is on.
  auto metrics = std::make_shared<monitoring::ServingMetrics>();

  core::ManagerOptions mo;
  mo.log = log;
  mo.allow_version_labels_for_unavailable_models =
      options.allow_version_labels_for_unavailable_models;
  mo.poll_period = std::chrono::seconds(options.file_system_poll_wait_seconds);
  mo.loader_factory = [load_options, log, metrics](const std::string& model, std::int64_t version,
                                                   const std::filesystem::path& path) {
    return std::make_unique<core::FunctionLoader>(
        [=]() -> StatusOr<std::shared_ptr<const core::Servable>> {
          const auto start = std::chrono::steady_clock::now();
          auto s = loader::SavedModelServable::Load(path, version, load_options);
          metrics->RecordLoad(model, version, path.string(), s.ok(),
                              std::chrono::steady_clock::now() - start);
          if (!s.ok()) return s.status();
          const auto& t = (*s)->timings();
          log(fmt::format(
              "Loaded {} version {} from {} in {:.2f} ms (read {:.2f}, restore {:.2f}, "
              "init {:.2f})",
              model, version, path.string(), t.total().count() / 1000.0, t.read.count() / 1000.0,
              t.restore.count() / 1000.0, t.init.count() / 1000.0));
          return std::shared_ptr<const core::Servable>(std::move(s).value());
        });
  };
  core::Manager manager(std::move(mo));

  std::unique_ptr<core::ConfigFileWatcher> watcher;
  if (!options.model_config_file.empty()) {
    watcher = std::make_unique<core::ConfigFileWatcher>(
        options.model_config_file,
        std::chrono::seconds(options.model_config_file_poll_wait_seconds), manager, log);
    if (Status s = watcher->ApplyNow(); !s.ok()) {
      err << "tfsk-serving: " << s.message() << "\n";
      return 1;
    }
  } else {
    core::ModelSpec spec;
    spec.name = options.model_name;
    spec.base_path = options.model_base_path;
    if (Status s = manager.ApplyConfig({spec}); !s.ok()) {
      err << "tfsk-serving: " << s.message() << "\n";
      return 1;
    }
  }
  manager.StartPolling();

  // TF Serving does not listen before every model is available; a missing version keeps it
  // waiting (polling), a failed load ends startup.
  while (true) {
    Status s = manager.WaitUntilAvailable(200ms);
    if (s.ok()) break;
    if (s.code() != Code::kDeadlineExceeded) {
      err << "tfsk-serving: " << s.message() << "\n";
      return 1;
    }
    if (TerminationPending()) {
      log("Terminated while waiting for models to load");
      return 0;
    }
  }

  HttpGlueOptions glue;
  glue.enable_cors = options.rest_api_enable_cors_support;
  glue.rest.enable_signature_method_name_check = options.enable_signature_method_name_check;
  glue.rest.run_timeout = std::chrono::milliseconds(options.rest_api_timeout_in_ms);
  if (!options.monitoring_config_file.empty()) {
    auto mc = core::ReadMonitoringConfigFile(options.monitoring_config_file);
    if (!mc.ok()) {
      err << "tfsk-serving: " << mc.status().message() << "\n";
      return 1;
    }
    if (mc->prometheus_enable) {
      glue.metrics_path = mc->prometheus_path;
      glue.render_metrics = [metrics] { return metrics->Render(); };
      glue.observe_api = [metrics](const net::Request& r, int status,
                                   std::chrono::nanoseconds latency) {
        metrics->RecordRestRequest(r.method, r.target, status, latency);
      };
      log("Exporting Prometheus metrics at " + mc->prometheus_path);
    }
  }

  loader::ManagerRegistry registry(manager);
  net::HttpServerOptions ho;
  ho.port = options.rest_api_port;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  ho.num_threads =
      options.rest_api_num_threads > 0 ? options.rest_api_num_threads : static_cast<int>(cores);
  ho.log = log;
  net::HttpServer server(
      ho, [&registry, &glue](const net::Request& r) { return HandleHttp(r, registry, glue); });
  if (Status s = server.Start(); !s.ok()) {
    err << "tfsk-serving: " << s.message() << "\n";
    return 1;
  }
  log(fmt::format("Exporting HTTP/REST API at:0.0.0.0:{} ...", server.port()));

  if (watcher) watcher->Start();
  int sig = net::WaitForTerminationSignal();
  log(fmt::format("Received signal {}; finishing in-flight requests", sig));
  server.Stop();
  if (watcher) watcher->Stop();
  manager.StopPolling();
  manager.UnloadAll();
  log("Server stopped");
  return 0;
}

}  // namespace tfsk::serving
