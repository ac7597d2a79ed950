#pragma once
// Config problems are collected, not thrown: one run reports every bad value at once, each with
// the field path, where it came from (file line:column, TFSK_* variable or flag) and the fix.

#include <string>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::config {

/// One problem with the configuration.
struct Issue {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string path;     ///< field path, "server.replicas"; "" for the document itself
  std::string message;  ///< what is wrong and how to fix it
  std::string origin;   ///< "tfsk.yaml:12:5", "TFSK_IMAGE", "--set"; "" when unknown

  /// "tfsk.yaml:12:5: server.replicas: expected an integer, got 'three'" (warnings get
  /// "warning: " after the origin).
  std::string ToString() const;
};

/// An ordered list of issues.
class Diagnostics {
 public:
  void Error(std::string path, std::string message, std::string origin = "");
  void Warning(std::string path, std::string message, std::string origin = "");
  void Add(Issue issue) { issues_.push_back(std::move(issue)); }
  void Append(const Diagnostics& other);

  bool HasErrors() const;
  const std::vector<Issue>& issues() const { return issues_; }
  std::vector<Issue> Errors() const;
  std::vector<Issue> Warnings() const;

  /// OK without errors; otherwise InvalidArgument whose message lists every error, one per line.
  Status ToStatus() const;

 private:
  std::vector<Issue> issues_;
};

}  // namespace tfsk::config
