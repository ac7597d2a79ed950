#include "lib/image/source_date.h"

#include <fmt/format.h>

#include <ctime>

namespace tfsk::image {

StatusOr<std::int64_t> SourceDateEpoch(const std::optional<std::string>& value) {
  if (!value || value->empty()) return std::int64_t{0};
  std::int64_t seconds = 0;
  for (char c : *value) {
    // 11 digits already reach the year 5138; more would overflow the tar header's field.
    if (c < '0' || c > '9' || seconds > 9'999'999'999) {
      return InvalidArgument(fmt::format(
          "SOURCE_DATE_EPOCH='{}' is not a number of seconds since 1970 (e.g. $(git log -1 "
          "--format=%ct)); unset it to stamp 1970-01-01",
          *value));
    }
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

std::string Rfc3339(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace tfsk::image
