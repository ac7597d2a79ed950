#include "lib/base/status.h"

#include <doctest/doctest.h>

namespace tfsk {
namespace {

StatusOr<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

StatusOr<int> Quarter(int x) {
  TFSK_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Status CheckPositive(int x) {
  if (x <= 0) return OutOfRange("not positive");
  return OkStatus();
}

Status CheckBoth(int a, int b) {
  TFSK_RETURN_IF_ERROR(CheckPositive(a));
  TFSK_RETURN_IF_ERROR(CheckPositive(b));
  return OkStatus();
}

}  // namespace

TEST_SUITE("Status") {
  TEST_CASE("prints the canonical code name before the message") {
    CHECK(Status().ToString() == "OK");
    CHECK(InvalidArgument("bad").ToString() == "INVALID_ARGUMENT: bad");
    CHECK(CodeName(Code::kDeadlineExceeded) == "DEADLINE_EXCEEDED");
  }

  TEST_CASE("WithPrefix adds context to errors and leaves OK alone") {
    CHECK(NotFound("no file").WithPrefix("loading model").message() == "loading model: no file");
    CHECK(NotFound("x").WithPrefix("p").code() == Code::kNotFound);
    CHECK(OkStatus().WithPrefix("p").ok());
  }

  TEST_CASE("ASSIGN_OR_RETURN propagates the first error") {
    CHECK(Quarter(8).value() == 2);
    auto r = Quarter(6);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "odd: 3");
  }

  TEST_CASE("RETURN_IF_ERROR stops at the first failing call") {
    CHECK(CheckBoth(1, 2).ok());
    CHECK(CheckBoth(1, -2).code() == Code::kOutOfRange);
  }
}

}  // namespace tfsk
