// kube-apiserver-standin: a Kubernetes API server for tests, on 127.0.0.1 only, that the real
// kubectl can talk to (discovery, OpenAPI v3, CRUD, strategic merge patch, watch) with a few
// simulated controllers (simulation.h). Plain HTTP: a kubeconfig with
// `server: http://127.0.0.1:PORT` and no user is enough for kubectl.
//
//   kube-apiserver-standin --openapi DIR [--port N] [--port-file FILE] [--ready-after SECONDS]
//                          [--never-ready] [--cpu-utilization PERCENT] [--log FILE]
//
// Prints "listening on http://127.0.0.1:PORT" on stdout once it accepts connections (and
// writes PORT to --port-file). Runs until killed; SIGTERM/SIGINT end it at once.
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "tests/support/apiserver_standin/api.h"
#include "tests/support/apiserver_standin/simulation.h"

namespace {

struct Flags {
  std::string openapi;
  int port = 0;
  std::string port_file;
  std::string log;
  apiserver::SimulationOptions sim;
};

int Usage(const std::string& why) {
  std::cerr << "kube-apiserver-standin: " << why << "\n"
            << "usage: kube-apiserver-standin --openapi DIR [--port N] [--port-file FILE]\n"
            << "         [--ready-after SECONDS] [--never-ready] [--cpu-utilization PERCENT] "
               "[--log FILE]\n";
  return 2;
}

bool Parse(int argc, char** argv, Flags& f, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value;
    if (auto eq = a.find('='); eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else if (a != "--never-ready" && i + 1 < argc) {
      value = argv[++i];
    }
    try {
      if (a == "--openapi") {
        f.openapi = value;
      } else if (a == "--port") {
        f.port = std::stoi(value);
      } else if (a == "--port-file") {
        f.port_file = value;
      } else if (a == "--log") {
        f.log = value;
      } else if (a == "--ready-after") {
        f.sim.ready_after =
            std::chrono::milliseconds(static_cast<long long>(std::stod(value) * 1000));
      } else if (a == "--never-ready") {
        f.sim.never_ready = true;
      } else if (a == "--cpu-utilization") {
        f.sim.cpu_percent = std::stoi(value);
      } else {
        error = "unknown flag " + a;
        return false;
      }
    } catch (const std::exception&) {
      error = "bad value '" + value + "' for " + a;
      return false;
    }
  }
  if (f.openapi.empty()) {
    error = "--openapi DIR is required (the Kubernetes OpenAPI v3 documents, *_openapi.json)";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  Flags flags;
  std::string error;
  if (!Parse(argc, argv, flags, error)) return Usage(error);
  auto openapi = apiserver::OpenApi::Load(flags.openapi, &error);
  if (!openapi) return Usage(error);
  auto schemas = tfsk::render::SchemaSet::Load(flags.openapi);
  if (!schemas.ok()) return Usage(schemas.status().message());

  apiserver::Store store;
  apiserver::ApiContext ctx{store, *openapi, *schemas};
  ctx.cpu_percent = flags.sim.cpu_percent;
  std::ofstream log;
  if (!flags.log.empty()) log.open(flags.log, std::ios::app);
  std::mutex log_mu;
  auto handler = [&](const apiserver::HttpRequest& req) {
    apiserver::Reply reply = apiserver::Route(ctx, req);
    if (log.is_open()) {
      std::lock_guard lock(log_mu);
      std::string q;
      for (const auto& [k, v] : req.query) q += (q.empty() ? "?" : "&") + k + "=" + v;
      log << req.method << ' ' << req.path << q << " -> " << reply.response.status
          << (reply.stream ? " (stream)" : "") << '\n'
          << std::flush;
    }
    return reply;
  };
  try {
    apiserver::HttpServer server(flags.port, handler);
    ctx.port = server.port();
    std::thread([&] {
      apiserver::Simulation sim(store, flags.sim);
      for (;;) {
        sim.Tick();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }).detach();
    if (!flags.port_file.empty()) {
      const std::string tmp = flags.port_file + ".tmp";
      std::ofstream(tmp) << ctx.port << '\n';
      std::rename(tmp.c_str(), flags.port_file.c_str());
    }
    std::cout << "listening on http://127.0.0.1:" << ctx.port << std::endl;
    server.Serve();
  } catch (const std::exception& e) {
    std::cerr << "kube-apiserver-standin: " << e.what() << '\n';
    return 1;
  }
}
