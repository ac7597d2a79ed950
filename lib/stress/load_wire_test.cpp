// The request bytes and the answer check, without a network.
#include "lib/stress/load_wire.h"

#include <doctest/doctest.h>

namespace tfsk::stress {
namespace {

TEST_SUITE("stress::LoadWire") {
  TEST_CASE("a POST carries its JSON body with its length, a GET without a body carries none") {
    LoadOptions o;
    o.url = *http::ParseUrl("http://127.0.0.1:8501/v1/models/m:predict");
    o.body = R"({"instances": [1.0]})";
    CHECK(RequestWire(o) ==
          "POST /v1/models/m:predict HTTP/1.1\r\nHost: 127.0.0.1:8501\r\n"
          "User-Agent: tfsk-stress\r\nContent-Type: application/json\r\nContent-Length: 20\r\n"
          "\r\n{\"instances\": [1.0]}");
    o.method = "GET";
    o.body.clear();
    o.url = *http::ParseUrl("http://localhost:8501/v1/models/m");
    CHECK(RequestWire(o) ==
          "GET /v1/models/m HTTP/1.1\r\nHost: localhost:8501\r\nUser-Agent: tfsk-stress\r\n\r\n");
  }

  TEST_CASE("answers: JSON-looking without --expect, equal JSON with it") {
    CHECK(AnswerValid(" \n{\"predictions\": [2.5]}", ""));
    CHECK(AnswerValid("[1]", ""));
    CHECK_FALSE(AnswerValid("<html>busy</html>", ""));
    CHECK_FALSE(AnswerValid("", ""));
    CHECK(AnswerValid(R"({"predictions":[2.5]})", R"({"predictions": [2.5]})"));
    CHECK_FALSE(AnswerValid(R"({"predictions":[3.0]})", R"({"predictions": [2.5]})"));
  }
}

}  // namespace
}  // namespace tfsk::stress
