// tfsk-serving end to end: --model_config_file with two models and labels, and version folders
// added, removed and corrupted under a polled base path while a client keeps sending requests.

#include <boost/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/e2e/serving_e2e.h"

namespace tfsk::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

const std::string kPredict = "{\"instances\": [1.0, 2.0, 5.0]}";
const std::string kTwoAnswer = "{\n    \"predictions\": [2.5, 3.0, 4.5\n    ]\n}";

// version → (state, error_code, error_message) from the status API.
struct VersionState {
  std::string state, code, message;
};
std::map<std::string, VersionState> Status(ServingProcess& s, const std::string& model) {
  std::map<std::string, VersionState> out;
  auto r = s.Get("/v1/models/" + model);
  if (r.status != 200) return out;
  const json::value doc = json::parse(r.body);  // must outlive the loop over its array
  for (const auto& v : doc.at("model_version_status").as_array()) {
    out[json::value_to<std::string>(v.at("version"))] = {
        json::value_to<std::string>(v.at("state")),
        json::value_to<std::string>(v.at("status").at("error_code")),
        json::value_to<std::string>(v.at("status").at("error_message"))};
  }
  return out;
}

// The version the metadata API resolves for a request without a version.
std::string MetadataVersion(ServingProcess& s, const std::string& model) {
  auto r = s.Get("/v1/models/" + model + "/metadata");
  if (r.status != 200) return "HTTP " + std::to_string(r.status) + " " + r.body;
  return json::value_to<std::string>(json::parse(r.body).at("model_spec").at("version"));
}

// Polls the status until `pred` holds; false after `timeout`.
template <typename Pred>
bool WaitForStatus(ServingProcess& s, const std::string& model, Pred pred,
                   std::chrono::milliseconds timeout = 15s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred(Status(s, model))) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

// Copies a fixture version in under a temporary name and renames it into place, so the poller
// never sees a half-copied folder.
void AddVersion(const fs::path& fixture_version, const fs::path& base, const std::string& number) {
  fs::copy(fixture_version, base / (".tmp" + number), fs::copy_options::recursive);
  fs::rename(base / (".tmp" + number), base / number);
}

TEST_CASE("model config file: two models, all-versions policy, labels") {
  auto two = SharedModel("saved_model_half_plus_two_2_versions");
  auto three = SharedModel("saved_model_half_plus_three");
  TempDir dir;
  const auto config = dir.path() / "models.config";
  std::ofstream(config) << "model_config_list {\n"
                           "  config {\n    name: \"two\"\n    base_path: \""
                        << two.string()
                        << "\"\n    model_platform: \"tensorflow\"\n"
                           "    model_version_policy { all {} }\n"
                           "    version_labels { key: \"stable\" value: 123 }\n"
                           "    version_labels { key: \"canary\" value: 124 }\n  }\n"
                           "  config {\n    name: \"three\"\n    base_path: \""
                        << three.string() << "\"\n    model_platform: \"tensorflow\"\n  }\n}\n";
  auto s = StartServing({"--model_config_file=" + config.string(),
                         "--allow_version_labels_for_unavailable_models=true"});
  auto st = Status(*s, "two");
  CHECK(st["123"].state == "AVAILABLE");
  CHECK(st["124"].state == "AVAILABLE");
  auto r = s->Post("/v1/models/two/labels/stable:predict", kPredict);
  CHECK(r.body == kTwoAnswer);
  r = s->Get("/v1/models/two/labels/canary/metadata");
  CHECK(json::parse(r.body).at("model_spec").at("version").as_string() == "124");
  r = s->Get("/v1/models/two/labels/stable/metadata");
  CHECK(json::parse(r.body).at("model_spec").at("version").as_string() == "123");
  r = s->Get("/v1/models/two/versions/123/metadata");
  CHECK(json::parse(r.body).at("model_spec").at("name").as_string() == "two");
  r = s->Post("/v1/models/two/labels/nope:predict", kPredict);
  CHECK(r.status == 400);
  CHECK(r.body.find("Unrecognized servable version label: nope") != std::string::npos);
  r = s->Post("/v1/models/three:predict", kPredict);
  CHECK(r.body == "{\n    \"predictions\": [3.5, 4.0, 5.5\n    ]\n}");
  // Labels belong to their model.
  r = s->Post("/v1/models/three/labels/stable:predict", kPredict);
  CHECK(r.status == 400);
  StopCleanly(*s);
}

std::string ConfigEntry(const std::string& name, const fs::path& base,
                        const std::string& extra = "") {
  return "  config {\n    name: \"" + name + "\"\n    base_path: \"" + base.string() +
         "\"\n    model_platform: \"tensorflow\"\n" + extra + "  }\n";
}

TEST_CASE("labels at startup need --allow_version_labels_for_unavailable_models") {
  TempDir dir;
  const auto config = dir.path() / "models.config";
  std::ofstream(config) << "model_config_list {\n"
                        << ConfigEntry("two", SharedModel("saved_model_half_plus_two_2_versions"),
                                       "    model_version_policy { all {} }\n"
                                       "    version_labels { key: \"stable\" value: 123 }\n")
                        << "}\n";
  ServingProcess p({"--model_config_file=" + config.string(), "--rest_api_port=0", "--port=0"});
  auto code = p.WaitForExit(std::chrono::seconds(20));
  REQUIRE(code.has_value());
  CHECK(*code != 0);
  CHECK(p.Log().find("Request to assign label to version 123 of model two, which is not currently "
                     "available for inference") != std::string::npos);
}

TEST_CASE("--model_config_file_poll_wait_seconds: models added to and removed from the file") {
  auto two = SharedModel("saved_model_half_plus_two_cpu");
  auto three = SharedModel("saved_model_half_plus_three");
  TempDir dir;
  const auto config = dir.path() / "models.config";
  auto write = [&](const std::string& entries) {
    // Written beside and renamed, so a poll never reads half a file.
    std::ofstream(dir.path() / "next") << "model_config_list {\n" << entries << "}\n";
    fs::rename(dir.path() / "next", config);
  };
  write(ConfigEntry("two", two));
  auto s = StartServing(
      {"--model_config_file=" + config.string(), "--model_config_file_poll_wait_seconds=1"});
  CHECK(s->Post("/v1/models/three:predict", kPredict).status == 404);
  write(ConfigEntry("two", two) + ConfigEntry("three", three));
  CHECK(WaitForStatus(*s, "three", [](auto st) { return st["123"].state == "AVAILABLE"; }));
  CHECK(s->Post("/v1/models/three:predict", kPredict).body ==
        "{\n    \"predictions\": [3.5, 4.0, 5.5\n    ]\n}");
  write(ConfigEntry("three", three));
  CHECK(WaitForStatus(*s, "two", [](auto st) { return st.empty() || st["123"].state == "END"; }));
  CHECK(s->Post("/v1/models/two:predict", kPredict).status == 404);
  CHECK(s->Post("/v1/models/three:predict", kPredict).status == 200);
  StopCleanly(*s);
}

TEST_CASE("a version added and removed while a client keeps sending requests: zero failures") {
  auto fixture = SharedModel("saved_model_half_plus_two_cpu") / "00000123";
  TempDir base;
  AddVersion(fixture, base.path(), "1");
  auto s = StartServing({"--model_name=hpt", "--model_base_path=" + base.path().string(),
                         "--file_system_poll_wait_seconds=1"});
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::string first_failure;
  std::thread client([&] {
    while (!stop) {
      auto r = s->Post("/v1/models/hpt:predict", kPredict);
      if (r.status == 200 && r.body == kTwoAnswer) {
        ++ok;
      } else if (failed++ == 0) {
        first_failure = std::to_string(r.status) + " " + r.body + r.error;
      }
    }
  });

  AddVersion(fixture, base.path(), "2");
  CHECK(WaitForStatus(*s, "hpt", [](auto st) {
    return st["2"].state == "AVAILABLE" && st["1"].state == "END" && st["1"].code == "OK";
  }));
  CHECK(MetadataVersion(*s, "hpt") == "2");
  fs::remove_all(base.path() / "2");
  CHECK(WaitForStatus(
      *s, "hpt", [](auto st) { return st["1"].state == "AVAILABLE" && st["2"].state == "END"; }));
  std::this_thread::sleep_for(100ms);
  stop = true;
  client.join();
  INFO("first failure: " << first_failure);
  CHECK(failed == 0);
  CHECK(ok > 10);
  StopCleanly(*s);
}

TEST_CASE("a corrupt new version is reported in status while the old one keeps serving") {
  auto fixture = SharedModel("saved_model_half_plus_two_cpu") / "00000123";
  TempDir base;
  AddVersion(fixture, base.path(), "1");
  auto s = StartServing({"--model_name=hpt", "--model_base_path=" + base.path().string(),
                         "--file_system_poll_wait_seconds=1"});
  fs::copy(fixture, base.path() / ".tmp2", fs::copy_options::recursive);
  fs::resize_file(base.path() / ".tmp2" / "saved_model.pb", 64);
  fs::rename(base.path() / ".tmp2", base.path() / "2");
  std::map<std::string, VersionState> seen;
  CHECK(WaitForStatus(*s, "hpt", [&](auto st) {
    seen = st;
    return st.count("2") != 0 && st["2"].code != "OK" && st["2"].state == "END";
  }));
  INFO("version 2: " << seen["2"].state << " " << seen["2"].code << " " << seen["2"].message);
  CHECK(seen["2"].message.find("saved_model.pb") != std::string::npos);
  CHECK(seen["1"].state == "AVAILABLE");
  auto r = s->Post("/v1/models/hpt:predict", kPredict);
  CHECK(r.status == 200);
  CHECK(r.body == kTwoAnswer);
  CHECK(MetadataVersion(*s, "hpt") == "1");
  StopCleanly(*s);
}

}  // namespace
}  // namespace tfsk::testing
