#include "lib/config/names.h"

#include "lib/config/config.h"

#include <doctest/doctest.h>

#include <string>

namespace tfsk::config {

TEST_SUITE("Names") {
  TEST_CASE("server.image: which values mean tfsk's own image") {
    CHECK(IsInTreeImage("tfsk-serving"));
    CHECK(IsInTreeImage("tfsk-serving:sha256-0123456789ab"));
    CHECK(IsInTreeImage("tfsk-serving@sha256:0123"));
    CHECK_FALSE(IsInTreeImage("tensorflow/serving"));
    CHECK_FALSE(IsInTreeImage("tfsk-serving-fork:1"));
    CHECK_FALSE(IsInTreeImage("ghcr.io/me/tfsk-serving:1"));
  }

  TEST_CASE("RFC 1123 labels") {
    CHECK(CheckDns1123Label("tf-serving").empty());
    CHECK(CheckDns1123Label("1abc").empty());
    CHECK_FALSE(CheckDns1123Label("TF").empty());
    CHECK_FALSE(CheckDns1123Label("-a").empty());
    CHECK_FALSE(CheckDns1123Label("a.b").empty());
    CHECK_FALSE(CheckDns1123Label(std::string(64, 'a')).empty());
  }

  TEST_CASE("RFC 1123 subdomains allow dots") {
    CHECK(CheckDns1123Subdomain("tf-serving.v1").empty());
    CHECK_FALSE(CheckDns1123Subdomain("a..b").empty());
    CHECK_FALSE(CheckDns1123Subdomain("").empty());
  }

  TEST_CASE("RFC 1035 labels start with a letter") {
    CHECK(CheckDns1035Label("tf-serving-service").empty());
    CHECK_FALSE(CheckDns1035Label("1svc").empty());
  }

  TEST_CASE("label values and port names") {
    CHECK(CheckLabelValue("My_value.1").empty());
    CHECK(CheckLabelValue("").empty());
    CHECK_FALSE(CheckLabelValue("a b").empty());
    CHECK(CheckPortName("tf-serving-http").empty());
    CHECK_FALSE(CheckPortName("tf-serving-https").empty());  // 16 characters
    CHECK_FALSE(CheckPortName("8080").empty());
    CHECK_FALSE(CheckPortName("a--b").empty());
  }

  TEST_CASE("registries: host[:port][/path] as image references spell them") {
    for (const char* ok : {"registry.example.com", "localhost:5001", "ghcr.io/me",
                           "registry.example.com:5000/team/ml", "10.0.0.7:5000", "Reg.Example.COM",
                           "r.example/a__b/c-d.e"}) {
      CAPTURE(ok);
      CHECK(CheckRegistry(ok).empty());
    }
    CHECK(CheckRegistry("").find("must not be empty") != std::string::npos);
    CHECK(CheckRegistry("https://r.example").find("must not have a scheme") != std::string::npos);
    CHECK(CheckRegistry("r.example:99999").find("port '99999'") != std::string::npos);
    CHECK(CheckRegistry("r.example:").find("port ''") != std::string::npos);
    CHECK(CheckRegistry("r_x.example").find("'r_x.example' is not a host") != std::string::npos);
    CHECK(CheckRegistry("r.example/Team").find("path component 'Team'") != std::string::npos);
    CHECK(CheckRegistry("r.example/team/").find("path component ''") != std::string::npos);
    CHECK(CheckRegistry("r.example/a...b").find("path component") != std::string::npos);
  }
}

}  // namespace tfsk::config
