#include "serving/rest/route.h"

#include <doctest/doctest.h>

namespace tfsk::serving::rest {
namespace {

using K = Route::Kind;

TEST_CASE("MatchRoute follows TF Serving's patterns and dispatch rule") {
  struct Case {
    const char* method;
    const char* path;
    K kind;
    const char* name;
    const char* version;
    const char* label;
  };
  const Case cases[] = {
      {"POST", "/v1/models/m:predict", K::kPredict, "m", "", ""},
      {"POST", "/v1/models/m:classify", K::kClassify, "m", "", ""},
      {"POST", "/v1/models/m:regress", K::kRegress, "m", "", ""},
      {"POST", "/v1/models/m/versions/00000123:predict", K::kPredict, "m", "00000123", ""},
      {"POST", "/v1/models/m/labels/stable:predict", K::kPredict, "m", "", "stable"},
      {"POST", "/V1/MODELS/m/VERSIONS/1:predict", K::kPredict, "m", "1", ""},
      {"POST", "/v1/models/def%61ult:predict", K::kPredict, "def%61ult", "", ""},
      {"POST", "/v1/models/m:PREDICT", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m:Predict", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m:explain", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m/versions/HELLO:predict", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m/versions/-1:predict", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m/versions/1/labels/a:predict", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m/version/1:predict", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m/metadata", K::kMalformed, "", "", ""},
      {"POST", "/v1/models/m", K::kMalformed, "", "", ""},
      {"GET", "/v1/models/m:predict", K::kMalformed, "", "", ""},
      {"PUT", "/v1/models/m", K::kMalformed, "", "", ""},
      {"post", "/v1/models/m:predict", K::kMalformed, "", "", ""},
      {"GET", "/v1/models/m", K::kStatus, "m", "", ""},
      {"GET", "/v1/models", K::kStatus, "", "", ""},
      {"GET", "/v1/models/m/versions/7", K::kStatus, "m", "7", ""},
      {"GET", "/v1/models/m/labels/canary", K::kStatus, "m", "", "canary"},
      {"GET", "/v1/models/m/metadata", K::kMetadata, "m", "", ""},
      {"GET", "/v1/models/m/versions/7/metadata", K::kMetadata, "m", "7", ""},
      {"GET", "/v1/models/m/labels/l/metadata", K::kMetadata, "m", "", "l"},
      {"GET", "/v1/models/m/METADATA", K::kStatus, "m", "", ""},
      {"GET", "/v1/models/versions/3", K::kStatus, "", "3", ""},
      {"GET", "/v1/models/metadata", K::kStatus, "metadata", "", ""},
      {"GET", "/v1/models/m?x=1", K::kStatus, "m?x=1", "", ""},
      {"GET", "/v1/models/m/", K::kMalformed, "", "", ""},
      {"GET", "/v1/models/", K::kMalformed, "", "", ""},
      {"GET", "/v1/models/m/label/x", K::kMalformed, "", "", ""},
      {"GET", "/v1/models/m/versions/1/labels/x", K::kMalformed, "", "", ""},
      {"GET", "/v1/modelsx", K::kMalformed, "", "", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.method);
    CAPTURE(c.path);
    const Route r = MatchRoute(c.method, c.path);
    CHECK(r.kind == c.kind);
    if (c.kind != K::kMalformed) {
      CHECK(r.model_name == c.name);
      CHECK(r.version == c.version);
      CHECK(r.label == c.label);
    }
  }
}

TEST_CASE("PercentDecode is curl's lenient unescape") {
  CHECK(PercentDecode("def%61ult") == "default");
  CHECK(PercentDecode("a%2Fb%3ac") == "a/b:c");
  CHECK(PercentDecode("100%") == "100%");
  CHECK(PercentDecode("%zz%4") == "%zz%4");
  CHECK(PercentDecode("a+b") == "a+b");
}

}  // namespace
}  // namespace tfsk::serving::rest
