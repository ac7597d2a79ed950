// The demo half_plus_two our writer produces answers every REST request exactly like the
// TensorFlow-written fixture (saved_model_half_plus_two_cpu), through the same loader and handler
// tfsk-serving uses.
#include <doctest/doctest.h>

#include "serving/loader/saved_model_servable.h"
#include "serving/rest/handler.h"
#include "serving/savedmodel/demo_models.h"
#include "tests/support/shared.h"

namespace tfsk::local {
namespace {

using namespace tfsk::serving;  // NOLINT(google-build-using-namespace): test brevity

class OneServable : public rest::ServableRegistry {
 public:
  explicit OneServable(std::shared_ptr<rest::Servable> s) : s_(std::move(s)) {}
  StatusOr<std::shared_ptr<rest::Servable>> Find(const rest::ServableRequest&) override { return s_; }
  std::vector<rest::VersionStatus> ListVersions(const std::string&) override {
    return {rest::VersionStatus{s_->version(), rest::ServableState::kAvailable, OkStatus()}};
  }

 private:
  std::shared_ptr<rest::Servable> s_;
};

std::shared_ptr<rest::Servable> LoadOrFail(const std::filesystem::path& dir, std::int64_t version) {
  auto loaded = loader::SavedModelServable::Load(dir, version);
  if (!loaded.ok()) FAIL(loaded.status().message());
  return *loaded;
}

}  // namespace

TEST_SUITE("local") {
  TEST_CASE("written half_plus_two answers like TensorFlow's fixture") {
    const auto fixture = tfsk::testing::RequireShared("models/saved_model_half_plus_two_cpu/00000123");
    tfsk::testing::TempDir dir;
    REQUIRE(savedmodel::WriteSavedModel(dir.path() / "123", savedmodel::HalfPlusTwo()).ok());
    OneServable ours(LoadOrFail(dir.path() / "123", 123));
    OneServable theirs(LoadOrFail(fixture, 123));

    struct Request {
      std::string path;
      std::string body;
    };
    std::vector<Request> requests = {
        {"/v1/models/m:predict", R"({"instances": [1.0, 2.0, 5.0]})"},
        {"/v1/models/m:predict", R"({"inputs": {"x": [[1.0], [2.0], [-3.25]]}})"},
        {"/v1/models/m:predict", R"({"instances": [1.0], "signature_name": "regress_x2_to_y3"})"},
        {"/v1/models/m:predict", R"({"instances": ["a"]})"},
        {"/v1/models/m:predict", R"({"instances": [1.0], "signature_name": "nope"})"},
        {"/v1/models/m:regress", R"({"examples": [{"x": 1.0}, {"x": 2.0, "x2": 7.0}]})"},
        {"/v1/models/m:classify", R"({"examples": [{"x": 3.0}], "signature_name": "classify_x_to_y"})"},
        {"/v1/models/m:regress", R"({"examples": [{"x": 3.0}], "signature_name": "regress_x_to_y2"})"},
        {"/v1/models/m:regress", R"({"examples": [{"x2": 3.0}], "signature_name": "regress_x2_to_y3"})"},
        {"/v1/models/m:regress", R"({"examples": [{"x2": 3.0}], "signature_name": "regress_x_to_y"})"},
    };
    for (const auto& r : requests) {
      CAPTURE(r.path);
      CAPTURE(r.body);
      const auto a = rest::HandleRestRequest("POST", r.path, r.body, ours);
      const auto b = rest::HandleRestRequest("POST", r.path, r.body, theirs);
      CHECK(a.status == b.status);
      CHECK(a.body == b.body);
    }
    const auto ok = rest::HandleRestRequest("POST", "/v1/models/m:predict",
                                            R"({"instances": [1.0, 2.0, 5.0]})", ours);
    CHECK(ok.body.find("2.5") != std::string::npos);
    CHECK(ok.body.find("4.5") != std::string::npos);
    // Same signatures (metadata lists signature_def; ours has no asset, so compare keys only).
    const auto meta = rest::HandleRestRequest("GET", "/v1/models/m/metadata", "", ours);
    for (const char* key : {"serving_default", "classify_x_to_y", "regress_x_to_y",
                            "regress_x_to_y2", "regress_x2_to_y3"}) {
      CHECK(meta.body.find(key) != std::string::npos);
    }
  }

  TEST_CASE("the mlp demo model loads and its softmax rows sum to 1") {
    tfsk::testing::TempDir dir;
    savedmodel::MlpOptions o;
    o.inputs = 8;
    o.hidden = {16, 4};
    o.classes = 3;
    REQUIRE(savedmodel::WriteSavedModel(dir.path() / "1", savedmodel::Mlp(o)).ok());
    OneServable mlp(LoadOrFail(dir.path() / "1", 1));
    const auto r = rest::HandleRestRequest(
        "POST", "/v1/models/m:predict",
        R"({"instances": [[1,2,3,4,5,6,7,8], [0,0,0,0,0,0,0,0], [-1,0.5,2,-3,0,1,1,1]]})", mlp);
    REQUIRE(r.status == 200);
    // {"predictions": [[p, p, p], ...]}: sum each row.
    std::vector<double> sums;
    const std::string& body = r.body;
    std::size_t pos = body.find('[', body.find('[') + 1);
    while (pos != std::string::npos) {
      const std::size_t end = body.find(']', pos);
      double sum = 0;
      std::string row = body.substr(pos + 1, end - pos - 1);
      std::size_t start = 0;
      while (start < row.size()) {
        std::size_t comma = row.find(',', start);
        if (comma == std::string::npos) comma = row.size();
        sum += std::stod(row.substr(start, comma - start));
        start = comma + 1;
      }
      sums.push_back(sum);
      pos = body.find('[', end);
    }
    REQUIRE(sums.size() == 3);
    for (double s : sums) CHECK(s == doctest::Approx(1.0).epsilon(1e-5));
  }
}

}  // namespace tfsk::local
