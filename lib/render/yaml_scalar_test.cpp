#include "lib/render/yaml_scalar.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

namespace tfsk::render {

TEST_SUITE("YamlScalar") {
  TEST_CASE("safe strings stay plain") {
    CHECK(YamlScalar("tf-serving") == "tf-serving");
    CHECK(YamlScalar("5m") == "5m");
    CHECK(YamlScalar("32M") == "32M");
    CHECK(YamlScalar("tensorflow/serving") == "tensorflow/serving");
    CHECK(YamlScalar("/var/tmp/saved_model_half_plus_two_cpu") ==
          "/var/tmp/saved_model_half_plus_two_cpu");
  }

  TEST_CASE("strings YAML would read as something else are quoted") {
    CHECK(YamlScalar("0.5") == "\"0.5\"");
    CHECK(YamlScalar("8501") == "\"8501\"");
    CHECK(YamlScalar("1e3") == "\"1e3\"");
    CHECK(YamlScalar("0x1F") == "\"0x1F\"");
    CHECK(YamlScalar("yes") == "\"yes\"");
    CHECK(YamlScalar("Off") == "\"Off\"");
    CHECK(YamlScalar("null") == "\"null\"");
    CHECK(YamlScalar("") == "\"\"");
    CHECK(YamlScalar(".inf") == "\".inf\"");
  }

  TEST_CASE("special characters are escaped and read back unchanged") {
    for (const char* s :
         {"a: b", "#x", "say \"hi\"", "back\\slash", "line\nbreak", "-dash", "tab\there", "[x]",
          "{y}", "*ref", "&anchor", "!tag", "%p", "@a", "`b", "x, y", "é ü", "bell\x07"}) {
      YAML::Node n = YAML::Load("k: " + YamlScalar(s));
      CHECK_MESSAGE(n["k"].as<std::string>() == s, s);
    }
  }
}

}  // namespace tfsk::render
