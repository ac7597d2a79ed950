// RegexReplace and StaticRegexReplace with RE2: global and first-match replacement, groups,
// and TensorFlow's error texts.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

AttrMap Static(const std::string& pattern, const std::string& rewrite, bool global = true) {
  return Attrs({{"pattern", AttrValue::Str(pattern)},
                {"rewrite", AttrValue::Str(rewrite)},
                {"replace_global", AttrValue::Bool(global)}});
}

}  // namespace

TEST_SUITE("regex ops") {
  TEST_CASE("StaticRegexReplace: every match, or only the first") {
    OpRunner r;
    Tensor in = S({"a1b22c333", "none", ""}, {3});
    CHECK(Values<std::string>(r.One("StaticRegexReplace", {in}, Static("[0-9]+", "#"))) ==
          std::vector<std::string>{"a#b#c#", "none", ""});
    CHECK(Values<std::string>(r.One("StaticRegexReplace", {in}, Static("[0-9]+", "#", false))) ==
          std::vector<std::string>{"a#b22c333", "none", ""});
    // Groups: \1 and the whole match \0.
    CHECK(Values<std::string>(r.One("StaticRegexReplace", {S({"john smith"}, {1})},
                                    Static("(\\w+) (\\w+)", "\\2, \\1 (\\0)"))) ==
          std::vector<std::string>{"smith, john (john smith)"});
    // The usual text clean-up of a Keras TextVectorization layer.
    CHECK(Values<std::string>(r.One("StaticRegexReplace", {S({"Hello, world!"}, {1})},
                                    Static("[!\"#$%&()\\*\\+,-\\./:;<=>?@\\[\\\\\\]^_`{|}~']",
                                           ""))) == std::vector<std::string>{"Hello world"});
    CHECK(r.Error("StaticRegexReplace", {in}, Static("(", "")) ==
          "Invalid pattern: (, error: missing ): (");
  }

  TEST_CASE("RegexReplace takes pattern and rewrite as scalar tensors") {
    OpRunner r;
    CHECK(Values<std::string>(
              r.One("RegexReplace", {S({"aaa", "bab"}, {2}), S({"a"}, {}), S({"x"}, {})})) ==
          std::vector<std::string>{"xxx", "bxb"});
    CHECK(r.Error("RegexReplace", {S({"a"}, {1}), S({"a", "b"}, {2}), S({"x"}, {})}) ==
          "Pattern must be scalar, but received [2]");
    CHECK(r.Error("RegexReplace", {S({"a"}, {1}), S({"a"}, {}), S({"x"}, {1})}) ==
          "Rewrite must be scalar, but received [1]");
    CHECK(r.Error("RegexReplace", {S({"a"}, {1}), S({"[a"}, {}), S({"x"}, {})}) ==
          "Invalid pattern: [a, error: missing ]: [a");
  }

  TEST_CASE("RegexFullMatch and StaticRegexFullMatch match whole elements only") {
    OpRunner r;
    Tensor in = S({"abc123", "abc", "123abc", ""}, {2, 2});
    Tensor m =
        r.One("StaticRegexFullMatch", {in}, Attrs({{"pattern", AttrValue::Str("[a-z]+[0-9]*")}}));
    CHECK(m.dtype() == DataType::kBool);
    CHECK(m.shape() == Shape{2, 2});
    // "123abc" contains a match but is not one; "" is not matched by "+".
    CHECK(Values<bool>(m) == std::vector<bool>{true, true, false, false});
    CHECK(Values<bool>(r.One("RegexFullMatch", {in, S({".*"}, {})})) ==
          std::vector<bool>{true, true, true, true});
    // A prefix or inner match is not enough (FullMatch anchors both ends).
    CHECK(Values<bool>(
              r.One("RegexFullMatch", {S({"TensorFlow", "Tensor"}, {2}), S({"Tensor"}, {})})) ==
          std::vector<bool>{false, true});
    CHECK(r.Error("RegexFullMatch", {in, S({"a", "b"}, {2})}) ==
          "Pattern must be scalar, but received [2]");
    CHECK(r.Error("StaticRegexFullMatch", {in}, Attrs({{"pattern", AttrValue::Str("a(")}})) ==
          "Invalid pattern: a(, error: missing ): a(");
    CHECK(r.Error("RegexFullMatch", {in, S({"*"}, {})}) ==
          "Invalid pattern: *, error: no argument for repetition operator: *");
  }
}

}  // namespace tfsk::serving
