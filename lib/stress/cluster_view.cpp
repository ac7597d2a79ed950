#include "lib/stress/cluster_view.h"

#include <fmt/format.h>

#include "lib/cluster/kubectl.h"

namespace tfsk::stress {
namespace {

std::string Opt(const std::optional<int>& v, const char* suffix = "") {
  return v ? fmt::format("{}{}", *v, suffix) : std::string("?");
}

}  // namespace

std::string FormatCluster(const ClusterSample& s) {
  std::string out = fmt::format("replicas {}", Opt(s.current_replicas));
  if (s.desired_replicas && s.desired_replicas != s.current_replicas) {
    out += fmt::format("->{}", *s.desired_replicas);
  }
  out += fmt::format("  cpu {}/{}", Opt(s.cpu_current, "%"), Opt(s.cpu_target, "%"));
  out += fmt::format("  pods {}/{} ready", Opt(s.pods_ready), Opt(s.pods_total));
  return out;
}

KubectlClusterView::KubectlClusterView(cluster::Kubectl& kubectl, std::string hpa,
                                       std::string selector)
    : kubectl_(kubectl), hpa_(std::move(hpa)), selector_(std::move(selector)) {}

StatusOr<ClusterSample> KubectlClusterView::Sample() {
  ClusterSample s;
  auto hpa = kubectl_.GetHpa(hpa_);
  if (!hpa.ok()) return hpa.status();
  s.current_replicas = hpa->current_replicas;
  s.desired_replicas = hpa->desired_replicas;
  s.cpu_current = hpa->cpu_current_percent;
  s.cpu_target = hpa->cpu_target_percent;
  if (!hpa->cpu_current_percent && hpa->ScalingInactive()) s.note = hpa->ScalingActiveMessage();
  if (!selector_.empty()) {
    auto pods = kubectl_.GetPods(selector_);
    if (pods.ok()) {
      int ready = 0;
      for (const auto& p : *pods) ready += p.ready ? 1 : 0;
      s.pods_ready = ready;
      s.pods_total = static_cast<int>(pods->size());
    } else {
      s.note = pods.status().message();
    }
  }
  return s;
}

ClusterPoller::ClusterPoller(ClusterView& view, std::chrono::milliseconds interval)
    : view_(view), interval_(interval) {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      PollNow();
      lock.lock();
      cv_.wait_for(lock, interval_, [this] { return stop_; });
    }
  });
}

ClusterPoller::~ClusterPoller() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::optional<ClusterSample> ClusterPoller::Latest() const {
  std::lock_guard<std::mutex> lock(mu_);
  return latest_;
}

void ClusterPoller::PollNow() {
  auto s = view_.Sample();
  std::lock_guard<std::mutex> lock(mu_);
  if (s.ok()) {
    latest_ = *s;
  } else {
    ClusterSample keep = latest_.value_or(ClusterSample{});
    keep.note = s.status().message();
    latest_ = keep;
  }
}

}  // namespace tfsk::stress
