#include "lib/render/yaml_json.h"

#include <doctest/doctest.h>
#include <boost/json.hpp>

namespace tfsk::render {

TEST_SUITE("YamlToJson") {
  TEST_CASE("plain scalars resolve like Kubernetes' YAML reader") {
    auto v = YamlToJson(YAML::Load(
        "a: 8501\nb: '8501'\nc: yes\nd: ~\ne: 0.5\nf: 5m\ng: -3\nh: 0x10\ni: 1e3\nj: \"true\"\n"
        "k: [1, x]\n"));
    CHECK(boost::json::serialize(v) ==
          R"({"a":8501,"b":"8501","c":true,"d":null,"e":5E-1,"f":"5m","g":-3,"h":16,)"
          R"("i":1E3,"j":"true","k":[1,"x"]})");
  }
}

}  // namespace tfsk::render
