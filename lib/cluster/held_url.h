#pragma once
// A long-lived child whose URL is only good while it runs: `minikube service --url` (tunnel),
// `minikube dashboard --url` (proxy) and `kubectl port-forward` (a local port). Starts the
// child, reads stdout until a line holds the URL, and hands back a ServiceTunnel owning it.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "lib/base/status.h"
#include "lib/cluster/minikube.h"  // ServiceTunnel
#include "lib/process/process_runner.h"

namespace tfsk::cluster {

/// The URL a line of the child's stdout announces, or nullopt for any other line.
using UrlInLine = std::function<std::optional<std::string>(std::string_view line)>;

/// Starts argv and waits up to `timeout` for a line that `url_in_line` accepts. Errors: NotFound
/// with the install hint; DeadlineExceeded (the child is stopped, its stderr quoted); the
/// catalogue's CommandFailure when the child exits non-zero before printing a URL.
StatusOr<ServiceTunnel> HoldUntilUrl(ProcessRunner& runner, const Argv& argv,
                                     const RunOptions& options, std::chrono::seconds timeout,
                                     const UrlInLine& url_in_line);

}  // namespace tfsk::cluster
