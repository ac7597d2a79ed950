#include "serving/monitoring/serving_metrics.h"

#include "serving/rest/route.h"

namespace tfsk::serving::monitoring {
namespace {

// TF Serving's request_latency buckets: Exponential(10, 1.8, 33) microseconds.
std::vector<double> LatencyBounds() { return ExponentialBounds(10, 1.8, 33); }

double Micros(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1000.0; }

}  // namespace

ServingMetrics::ServingMetrics()
    : request_count_(PrometheusName("/tensorflow/serving/request_count"),
                     "The total number of requests.", {"model_name", "status"}),
      request_latency_(
          PrometheusName("/tensorflow/serving/request_latency"),
          "Distribution of wall time (in microseconds) for Tensorflow Serving request.",
          {"model_name", "API", "entrypoint"}, LatencyBounds()),
      load_attempt_count_(PrometheusName("/tensorflow/cc/saved_model/load_attempt_count"),
                          "The number of times a SavedModel was successfully loaded.",
                          {"model_path", "status"}),
      load_latency_(PrometheusName("/tensorflow/cc/saved_model/load_latency"),
                    "Latency in microseconds for SavedModels that were successfully loaded.",
                    {"model_path"}),
      model_load_latency_(PrometheusName("/tensorflow/serving/model_load_latency"),
                          "Distribution of wall time (in microseconds) to load a model version.",
                          {"model_name", "model_version"}, LatencyBounds()) {}

void ServingMetrics::RecordRestRequest(const std::string& method, const std::string& target,
                                       int http_status, std::chrono::nanoseconds latency) {
  rest::Route route = rest::MatchRoute(method, target);
  const char* api = nullptr;
  switch (route.kind) {
    case rest::Route::Kind::kPredict:
      api = "predict";
      break;
    case rest::Route::Kind::kClassify:
      api = "classify";
      break;
    case rest::Route::Kind::kRegress:
      api = "regress";
      break;
    case rest::Route::Kind::kMetadata:
      api = "GetModelMetadata";
      break;
    case rest::Route::Kind::kStatus:
    case rest::Route::Kind::kMalformed:
      return;
  }
  if (route.model_name.empty()) return;
  const std::string model = rest::PercentDecode(route.model_name);
  request_count_.Cell({model, CodeNameForHttpStatus(http_status)}).Increment();
  request_latency_.Cell({model, api, "REST"}).Observe(Micros(latency));
}

void ServingMetrics::RecordLoad(const std::string& model_name, std::int64_t version,
                                const std::string& model_path, bool ok,
                                std::chrono::nanoseconds latency) {
  load_attempt_count_.Cell({model_path, ok ? "success" : "fail"}).Increment();
  if (!ok) return;
  load_latency_.Cell({model_path}).Increment(static_cast<std::int64_t>(Micros(latency)));
  model_load_latency_.Cell({model_name, std::to_string(version)}).Observe(Micros(latency));
}

std::string ServingMetrics::Render() const {
  std::string out;
  load_attempt_count_.Render(out);
  load_latency_.Render(out);
  request_count_.Render(out);
  request_latency_.Render(out);
  model_load_latency_.Render(out);
  return out;
}

std::string CodeNameForHttpStatus(int s) {
  switch (s) {
    case 200:
      return "OK";
    case 499:
      return "CANCELLED";
    case 400:
      return "INVALID_ARGUMENT";
    case 504:
      return "DEADLINE_EXCEEDED";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "ALREADY_EXISTS";
    case 403:
      return "PERMISSION_DENIED";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 501:
      return "UNIMPLEMENTED";
    case 503:
      return "UNAVAILABLE";
    case 401:
      return "UNAUTHENTICATED";
    case 500:
      return "INTERNAL";
    default:
      return "UNKNOWN";
  }
}

}  // namespace tfsk::serving::monitoring
