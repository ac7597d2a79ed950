#include "serving/loader/saved_model_servable.h"

#include <doctest/doctest.h>

#include <thread>

#include "tests/support/shared.h"

namespace tfsk::serving::loader {
namespace {

using testing::RequireShared;

std::shared_ptr<SavedModelServable> LoadFixture(const std::string& rel) {
  auto dir = RequireShared("models/" + rel);
  auto s = SavedModelServable::Load(dir, 123);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  return std::move(s).value();
}

std::vector<float> RunFloat(SavedModelServable& s, const std::string& sig, const std::string& in,
                            const std::string& out, std::vector<float> x, Shape shape) {
  std::map<std::string, Tensor> inputs;
  inputs.emplace(in, Tensor::FromVector<float>(x, shape).value());
  auto r = s.Run(sig, std::move(inputs), rest::kNoDeadline);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  auto t = r->at(out);
  REQUIRE(t.dtype() == DataType::kFloat);
  auto f = t.flat<float>();
  return {f.begin(), f.end()};
}

}  // namespace

TEST_SUITE("SavedModelServable") {
  TEST_CASE("half_plus_two (TF1) predicts y = 0.5x + 2 after restoring its variables") {
    auto s = LoadFixture("saved_model_half_plus_two_cpu/00000123");
    CHECK(RunFloat(*s, "serving_default", "x", "y", {1, 2, 5}, {3, 1}) ==
          std::vector<float>{2.5f, 3.0f, 4.5f});
    CHECK(RunFloat(*s, "regress_x2_to_y3", "inputs", "outputs", {1}, {1, 1}) ==
          std::vector<float>{3.5f});
  }

  TEST_CASE("half_plus_three predicts y = 0.5x + 3") {
    auto s = LoadFixture("saved_model_half_plus_three/00000123");
    CHECK(RunFloat(*s, "serving_default", "x", "y", {1, 2}, {2}) ==
          std::vector<float>{3.5f, 4.0f});
  }

  TEST_CASE("the TF2 export runs through its function library") {
    auto s = LoadFixture("saved_model_half_plus_two_tf2_cpu/00000123");
    CHECK(RunFloat(*s, "serving_default", "x", "y", {1}, {1}) == std::vector<float>{2.5f});
    CHECK(RunFloat(*s, "regress_x2_to_y3", "inputs", "outputs", {2}, {1}) ==
          std::vector<float>{4.0f});
  }

  TEST_CASE("the counter keeps its state across calls and threads") {
    auto s = LoadFixture("saved_model_counter/00000123");
    auto get = [&] {
      auto r = s->Run("get_counter", {}, rest::kNoDeadline);
      REQUIRE_MESSAGE(r.ok(), r.status().ToString());
      return r->at("output").flat<float>()[0];
    };
    CHECK(get() == 0.0f);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&] {
        for (int k = 0; k < 25; ++k) CHECK(s->Run("incr_counter", {}, rest::kNoDeadline).ok());
      });
    }
    for (auto& t : threads) t.join();
    CHECK(get() == 100.0f);
    std::map<std::string, Tensor> by;
    by.emplace("delta", Tensor::Scalar<float>(2.5f));
    CHECK(s->Run("incr_counter_by", std::move(by), rest::kNoDeadline).ok());
    CHECK(get() == 102.5f);
    CHECK(s->Run("reset_counter", {}, rest::kNoDeadline).ok());
    CHECK(get() == 0.0f);
  }

  TEST_CASE("metadata fragments come from the protobuf SignatureDefs") {
    auto s = LoadFixture("saved_model_half_plus_two_cpu/00000123");
    auto frags = s->SignatureDefJson();
    REQUIRE(frags.size() == 5);
    CHECK(frags[0].first == "classify_x_to_y");
    CHECK(frags[0].second.find("\"method_name\":\"tensorflow/serving/classify\"") !=
          std::string::npos);
  }

  TEST_CASE("a missing folder fails with the path in the message") {
    testing::TempDir tmp;
    auto s = SavedModelServable::Load(tmp.path() / "nope", 1);
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().code() == Code::kNotFound);
    CHECK(s.status().message().find("nope") != std::string::npos);
  }

  TEST_CASE("an unknown signature is NOT_FOUND") {
    auto s = LoadFixture("saved_model_half_plus_two_cpu/00000123");
    CHECK(s->Run("nope", {}, rest::kNoDeadline).status().code() == Code::kNotFound);
  }
}

}  // namespace tfsk::serving::loader
