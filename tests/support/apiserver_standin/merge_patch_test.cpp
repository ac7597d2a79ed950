// The stand-in's patches, with the merge keys read from the real v1.32 OpenAPI documents: what
// kubectl's client-side apply sends must land as kube-apiserver would store it.
#include "tests/support/apiserver_standin/merge_patch.h"

#include <doctest/doctest.h>

#include "tests/support/shared.h"

namespace apiserver {
namespace {

namespace json = boost::json;

json::object Obj(const char* text) { return json::parse(text).as_object(); }

const OpenApi& Api() {
  static const OpenApi api = [] {
    std::string error;
    auto loaded = OpenApi::Load(tfsk::testing::RequireShared("k8s-openapi/v1.32"), &error);
    REQUIRE_MESSAGE(loaded.has_value(), error);
    return *loaded;
  }();
  return api;
}

json::object Patched(const char* original, const char* patch) {
  json::object o = Obj(original);
  std::string error;
  REQUIRE_MESSAGE(StrategicMergePatch(o, Obj(patch), Api().Root("apps/v1", "Deployment"), &error),
                  error);
  return o;
}

const char* kDeployment = R"({"spec":{"replicas":1,"template":{"spec":{"containers":[
  {"name":"a","image":"x:1","args":["--p=1"],"ports":[{"containerPort":8500},{"containerPort":8501}],
   "env":[{"name":"A","value":"1"}]},
  {"name":"b","image":"y:1"}]}}}})";

json::value Container(const json::object& d, std::size_t i) {
  return d.at("spec").at("template").at("spec").at("containers").at(i);
}

TEST_SUITE("StrategicMergePatch") {
  TEST_CASE("containers merge by name, env by name, ports by containerPort") {
    auto d = Patched(kDeployment, R"({"spec":{"template":{"spec":{"containers":[
      {"name":"a","image":"x:2","env":[{"name":"B","value":"2"}],"ports":[{"containerPort":9000}]}]}}}})");
    const json::value a = Container(d, 0);
    CHECK(a.at("image") == "x:2");
    CHECK(a.at("env").as_array().size() == 2);
    CHECK(a.at("ports").as_array().size() == 3);
    CHECK(Container(d, 1).at("image") == "y:1");  // untouched sibling kept
  }

  TEST_CASE("lists without a merge strategy are replaced, null deletes a key") {
    auto d = Patched(kDeployment, R"({"spec":{"replicas":null,"template":{"spec":{"containers":[
      {"name":"a","args":["--q=2"]}]}}}})");
    CHECK(Container(d, 0).at("args") == json::array{"--q=2"});
    CHECK_FALSE(d.at("spec").as_object().contains("replicas"));
  }

  TEST_CASE("$patch: delete removes a list item, $setElementOrder orders the list") {
    auto d = Patched(kDeployment, R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
      "containers":[{"name":"a","ports":[{"containerPort":8500,"$patch":"delete"}]}]}}}})");
    CHECK(Container(d, 0).at("name") == "b");
    CHECK(Container(d, 1).at("ports").as_array().size() == 1);
  }

  TEST_CASE("a list item without its merge key is an error") {
    json::object o = Obj(kDeployment);
    std::string error;
    CHECK_FALSE(StrategicMergePatch(
        o, Obj(R"({"spec":{"template":{"spec":{"containers":[{"image":"z"}]}}}})"),
        Api().Root("apps/v1", "Deployment"), &error));
    CHECK(error.find("does not contain declared merge key: name") != std::string::npos);
  }

  TEST_CASE("JSON merge patch (RFC 7386) replaces lists and deletes with null") {
    json::value out =
        JsonMergePatch(Obj(R"({"a":{"b":1,"c":[1,2]},"d":1})"), Obj(R"({"a":{"c":[3]},"d":null})"));
    CHECK(out == Obj(R"({"a":{"b":1,"c":[3]}})"));
  }
}

}  // namespace
}  // namespace apiserver
