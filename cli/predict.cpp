// `tfsk predict`: one request to the model, the answer printed as JSON or a compact table.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "cli/request_args.h"
#include "lib/http/client.h"
#include "lib/http/predict_request.h"

namespace tfsk::cli {
namespace {

struct PredictOptions {
  RequestArgs req;
  std::string output = "json";
  double timeout_s = 30;
};

int RunPredict(const PredictOptions& o, Context& ctx) {
  auto prepared = PrepareRequest(o.req);
  if (!prepared.ok()) {
    ctx.err << "tfsk predict: " << prepared.status().message() << "\n";
    return PrepareErrorExit(prepared.status());
  }
  http::RequestOptions ro;
  ro.timeout = std::chrono::milliseconds(static_cast<long long>(o.timeout_s * 1000));
  auto res = http::Request("POST", prepared->url, prepared->body, {}, ro);
  if (!res.ok()) {
    ctx.err << "tfsk predict: " << res.status().message() << "\n"
            << "  (is the server running? check 'tfsk status', or pass --url)\n";
    return kExitFailure;
  }
  if (res->status < 200 || res->status >= 300) {
    auto message = http::ErrorMessage(res->body);
    ctx.err << fmt::format("tfsk predict: {} answered HTTP {}: {}\n", prepared->url, res->status,
                           message ? *message : res->body);
    return kExitFailure;
  }
  if (o.output == "table") {
    ctx.out << http::FormatTable(res->body);
  } else {
    ctx.out << res->body;
    if (res->body.empty() || res->body.back() != '\n') ctx.out << "\n";
  }
  return kExitOk;
}

}  // namespace

void SetupPredict(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<PredictOptions>();
  CLI::App* cmd =
      parent.add_subcommand("predict", "Send a prediction request to the deployed model");
  cmd->footer(
      "Examples:\n  tfsk predict --instances 1.0,2.0,5.0\n"
      "  tfsk predict --url http://127.0.0.1:8501 --model half_plus_two -o table\n"
      "  tfsk predict --data @request.json --api regress");
  AddRequestArgs(cmd, o->req);
  cmd->add_option("-o,--output", o->output, "json or table")
      ->check(CLI::IsMember({"json", "table"}))
      ->capture_default_str();
  cmd->add_option("--timeout", o->timeout_s, "Seconds to wait for the answer")
      ->capture_default_str();
  cmd->callback([o, &ctx] { ctx.exit_code = RunPredict(*o, ctx); });
}

}  // namespace tfsk::cli
