#include "lib/base/suggest.h"

#include <doctest/doctest.h>

namespace tfsk {

TEST_SUITE("Suggest") {
  TEST_CASE("edit distance counts single-character edits") {
    CHECK(EditDistance("", "") == 0);
    CHECK(EditDistance("abc", "abc") == 0);
    CHECK(EditDistance("kitten", "sitting") == 3);
    CHECK(EditDistance("", "abc") == 3);
  }

  TEST_CASE("a close typo is suggested, a far word is not") {
    std::vector<std::string> cmds{"up", "down", "status", "predict", "stress"};
    CHECK(ClosestMatch("stauts", cmds) == std::optional<std::string>("status"));
    CHECK(ClosestMatch("predcit", cmds) == std::optional<std::string>("predict"));
    CHECK_FALSE(ClosestMatch("kubernetes", cmds).has_value());
    CHECK(DidYouMean("dwn", cmds) == " (did you mean 'down'?)");
    CHECK(DidYouMean("zzzzzz", cmds).empty());
  }
}

}  // namespace tfsk
