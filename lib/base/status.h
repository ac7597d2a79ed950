#pragma once
// Errors as values: every fallible function in lib/ and serving/ returns a Status or a
// StatusOr<T>. Only the mains turn them into exit codes or HTTP answers.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tfsk {

/// The canonical error space (the same codes TensorFlow and TF Serving use), so the server can
/// map a failure to TF Serving's HTTP status and the CLI can group exit codes by cause.
enum class Code {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

/// "INVALID_ARGUMENT", "NOT_FOUND", ...: the upper-case names TensorFlow prints.
std::string_view CodeName(Code code);

/// A code plus a human message. Cheap to copy when OK (empty message).
class [[nodiscard]] Status {
 public:
  /// An OK status.
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  /// "INVALID_ARGUMENT: message" (or "OK"), the form TensorFlow's Status::ToString prints.
  std::string ToString() const;

  /// Returns a copy whose message is "prefix: message" — used to add context on the way up
  /// ("reading variables.index: bad magic"). OK stays OK.
  Status WithPrefix(std::string_view prefix) const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status FailedPrecondition(std::string message);
Status Internal(std::string message);
Status Unimplemented(std::string message);
Status Unavailable(std::string message);
Status DataLoss(std::string message);
Status OutOfRange(std::string message);
Status DeadlineExceeded(std::string message);
Status AlreadyExists(std::string message);
Status ResourceExhausted(std::string message);
Status Unknown(std::string message);

/// Either a value or a non-OK Status. Accessing value() of an error is a programming error.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(const T& value) : v_(value) {}  // NOLINT(google-explicit-constructor)
  StatusOr(T&& value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  StatusOr(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "StatusOr built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  /// OK when a value is held, the error otherwise.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tfsk

#define TFSK_CONCAT_INNER_(a, b) a##b
#define TFSK_CONCAT_(a, b) TFSK_CONCAT_INNER_(a, b)

/// Returns the status from the enclosing function when `expr` is not OK.
#define TFSK_RETURN_IF_ERROR(expr)                  \
  do {                                              \
    ::tfsk::Status tfsk_status_ = (expr);           \
    if (!tfsk_status_.ok()) return tfsk_status_;    \
  } while (0)

/// `TFSK_ASSIGN_OR_RETURN(auto x, Compute());` declares x from a StatusOr, or returns its error.
#define TFSK_ASSIGN_OR_RETURN(lhs, expr) \
  TFSK_ASSIGN_OR_RETURN_IMPL_(TFSK_CONCAT_(tfsk_statusor_, __LINE__), lhs, expr)
#define TFSK_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
