#pragma once
// The metrics tfsk-serving exports on its Prometheus page, under TF Serving's names
// (/tensorflow/serving/... rendered as :tensorflow:serving:...):
//   :tensorflow:serving:request_count{model_name,status}            counter, REST inference and
//                                                                    metadata requests
//   :tensorflow:serving:request_latency{model_name,API,entrypoint}  histogram, microseconds
//   :tensorflow:cc:saved_model:load_attempt_count{model_path,status} counter ("success"/"fail")
//   :tensorflow:cc:saved_model:load_latency{model_path}              counter, total microseconds
//   :tensorflow:serving:model_load_latency{model_name,model_version} histogram, microseconds
// `status` is the canonical code name derived from the HTTP status (TF Serving records the
// Status itself; the HTTP mapping is not one-to-one — 400 is reported as INVALID_ARGUMENT).
// No warm-up requests are replayed, so model_warmup_latency is never recorded.

#include <chrono>
#include <string>

#include "serving/monitoring/metrics.h"

namespace tfsk::serving::monitoring {

class ServingMetrics {
 public:
  ServingMetrics();

  /// One answered HTTP request. Only /v1/ inference and metadata routes are counted (status
  /// requests are not, as in TF Serving); the model name is percent-decoded from the path.
  void RecordRestRequest(const std::string& method, const std::string& target, int http_status,
                         std::chrono::nanoseconds latency);

  /// One load attempt of a model version.
  void RecordLoad(const std::string& model_name, std::int64_t version,
                  const std::string& model_path, bool ok, std::chrono::nanoseconds latency);

  /// The whole exposition page.
  std::string Render() const;

 private:
  CounterFamily request_count_;
  HistogramFamily request_latency_;
  CounterFamily load_attempt_count_;
  CounterFamily load_latency_;
  HistogramFamily model_load_latency_;
};

/// The canonical code name TF Serving's HTTP mapping (spec section 3.2) sends to `http_status`;
/// ambiguous statuses take the most common code (400 → INVALID_ARGUMENT, 500 → INTERNAL).
std::string CodeNameForHttpStatus(int http_status);

}  // namespace tfsk::serving::monitoring
