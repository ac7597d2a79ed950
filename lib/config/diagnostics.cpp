#include "lib/config/diagnostics.h"

namespace tfsk::config {

std::string Issue::ToString() const {
  std::string out;
  if (!origin.empty()) out += origin + ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  if (!path.empty()) out += path + ": ";
  out += message;
  return out;
}

void Diagnostics::Error(std::string path, std::string message, std::string origin) {
  issues_.push_back(
      {Issue::Severity::kError, std::move(path), std::move(message), std::move(origin)});
}

void Diagnostics::Warning(std::string path, std::string message, std::string origin) {
  issues_.push_back(
      {Issue::Severity::kWarning, std::move(path), std::move(message), std::move(origin)});
}

void Diagnostics::Append(const Diagnostics& other) {
  issues_.insert(issues_.end(), other.issues_.begin(), other.issues_.end());
}

bool Diagnostics::HasErrors() const {
  for (const auto& i : issues_) {
    if (i.severity == Issue::Severity::kError) return true;
  }
  return false;
}

std::vector<Issue> Diagnostics::Errors() const {
  std::vector<Issue> out;
  for (const auto& i : issues_) {
    if (i.severity == Issue::Severity::kError) out.push_back(i);
  }
  return out;
}

std::vector<Issue> Diagnostics::Warnings() const {
  std::vector<Issue> out;
  for (const auto& i : issues_) {
    if (i.severity == Issue::Severity::kWarning) out.push_back(i);
  }
  return out;
}

Status Diagnostics::ToStatus() const {
  if (!HasErrors()) return OkStatus();
  std::string msg;
  for (const auto& i : Errors()) {
    if (!msg.empty()) msg += "\n";
    msg += i.ToString();
  }
  return InvalidArgument(std::move(msg));
}

}  // namespace tfsk::config
