// A Keras-SimpleRNN-shaped SavedModel (serving/savedmodel/rnn_model.h: a While over TensorLists
// inside a library function) loaded from disk and asked through the pure REST handler; the
// answers are checked against the recurrence computed here directly.

#include <boost/json.hpp>
#include <cmath>

#include "serving/loader/served_model_test_util.h"
#include "serving/savedmodel/rnn_model.h"

namespace tfsk::serving::loader {
using namespace testing;

namespace {

using Sequence = std::vector<std::vector<float>>;  // [time][features]

/// h_t = tanh(x_t·kernel + h_{t-1}·recurrent + bias) from h_0 = 0; every h_t, [time][units].
Sequence Reference(const Sequence& x, const savedmodel::RnnOptions& o) {
  const auto w = savedmodel::RnnModelWeights(o);
  const auto units = static_cast<std::size_t>(o.units);
  const auto features = static_cast<std::size_t>(o.features);
  std::vector<float> h(units, 0.0F);
  Sequence out;
  for (const auto& xt : x) {
    std::vector<float> next(units);
    for (std::size_t j = 0; j < units; ++j) {
      double s = w.bias[j];
      for (std::size_t i = 0; i < features; ++i) s += xt[i] * w.kernel[i * units + j];
      for (std::size_t i = 0; i < units; ++i) s += h[i] * w.recurrent[i * units + j];
      next[j] = static_cast<float>(std::tanh(s));
    }
    h = next;
    out.push_back(h);
  }
  return out;
}

std::string InstancesJson(const std::vector<Sequence>& batch) {
  return boost::json::serialize(boost::json::value_from(batch));
}

void CheckClose(const boost::json::value& got, const std::vector<float>& want) {
  const auto& arr = got.as_array();
  REQUIRE(arr.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CHECK(arr[i].to_number<double>() == doctest::Approx(want[i]).epsilon(1e-5));
  }
}

}  // namespace

TEST_SUITE("a recurrent model through the REST handler") {
  TEST_CASE("the last state and every step match the recurrence, for any sequence length") {
    const savedmodel::RnnOptions o;
    ServedModel m(savedmodel::RnnModel(o));
    for (int steps : {1, 3, 7}) {
      CAPTURE(steps);
      std::vector<Sequence> batch(2);
      for (int b = 0; b < 2; ++b) {
        for (int t = 0; t < steps; ++t) {
          batch[static_cast<std::size_t>(b)].push_back(
              {0.5F * static_cast<float>(t) - static_cast<float>(b),
               0.25F * static_cast<float>(b + t)});
        }
      }
      auto r = m.Post("predict", R"({"instances": )" + InstancesJson(batch) + "}");
      REQUIRE_MESSAGE(r.status == 200, r.body);
      const auto answer = boost::json::parse(r.body);
      const auto& predictions = answer.at("predictions").as_array();
      REQUIRE(predictions.size() == 2);
      for (std::size_t b = 0; b < 2; ++b) {
        const Sequence want = Reference(batch[b], o);
        CheckClose(predictions[b].at("last"), want.back());
        const auto& seq = predictions[b].at("sequence").as_array();
        REQUIRE(seq.size() == want.size());
        for (std::size_t t = 0; t < want.size(); ++t) CheckClose(seq[t], want[t]);
      }
    }
  }

  TEST_CASE(
      "a wrongly shaped step fails with the list's shape check, and the model keeps serving") {
    ServedModel m(savedmodel::RnnModel());
    // Three features where the model has two: the input list refuses the rows.
    auto r = m.Post("predict", R"({"instances": [[[1.0, 2.0, 3.0]]]})");
    CHECK(r.status == 400);
    CHECK(r.body.find("Specified a list with shape [?,2] from a tensor with shape [1,3]") !=
          std::string::npos);
    r = m.Post("predict", R"({"instances": [[[1.0, 2.0]]]})");
    CHECK(r.status == 200);
  }
}

}  // namespace tfsk::serving::loader
