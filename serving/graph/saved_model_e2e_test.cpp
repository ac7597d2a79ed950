// End-to-end: the real fixtures, loaded with the SavedModel/bundle readers, restored, initialised
// and run through the executor.

#include <doctest/doctest.h>

#include "serving/graph/executor.h"
#include "serving/proto/example.pb.h"
#include "serving/savedmodel/bundle_reader.h"
#include "serving/savedmodel/saved_model_reader.h"
#include "tests/support/shared.h"

namespace tfsk::serving {
namespace {

struct Loaded {
  savedmodel::SavedModelInfo info;
  std::unique_ptr<Executor> exec;
};

/// Loads like the server: executor over the meta graph, restore op with the variables prefix
/// fed, then the init op with asset paths fed.
Loaded Load(const std::string& relative) {
  auto dir = tfsk::testing::RequireShared(relative);
  auto info = savedmodel::ReadSavedModel(dir);
  REQUIRE_MESSAGE(info.ok(), info.status().ToString());
  ExecutorOptions opts;
  opts.checkpoint_reader = [](const std::string& prefix, const std::string& name) -> StatusOr<Tensor> {
    TFSK_ASSIGN_OR_RETURN(auto reader, savedmodel::BundleReader::Open(prefix));
    return reader.Lookup(name);
  };
  auto exec = Executor::Create(info->meta_graph.graph_def(),
                               info->meta_graph.meta_info_def().stripped_op_list(), std::move(opts));
  REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
  Loaded m{std::move(*info), std::move(*exec)};
  // Every op needed to restore, initialise and serve has a kernel.
  std::vector<RunRoots> roots;
  if (m.info.restore) {
    roots.push_back({{m.info.restore->filename_tensor_name}, {}, {m.info.restore->restore_op_name}});
  }
  RunRoots init;
  for (const auto& a : m.info.asset_feeds) init.feeds.push_back(a.tensor_name);
  if (!m.info.init_op_name.empty()) init.targets.push_back(m.info.init_op_name);
  roots.push_back(init);
  for (const auto& [key, sig] : m.info.signatures) {
    if (key == "__saved_model_init_op") continue;
    RunRoots r;
    for (const auto& [alias, in] : sig.inputs()) r.feeds.push_back(in.name());
    for (const auto& [alias, out] : sig.outputs()) r.fetches.push_back(out.name());
    roots.push_back(r);
  }
  auto missing = m.exec->UnsupportedOps(roots);
  REQUIRE_MESSAGE(missing.ok(), missing.status().ToString());
  CHECK(missing->empty());

  if (m.info.restore) {
    auto restored = m.exec->Run({{m.info.restore->filename_tensor_name,
                                  Tensor::Scalar<std::string>(m.info.restore->checkpoint_prefix)}},
                                {}, {m.info.restore->restore_op_name});
    REQUIRE_MESSAGE(restored.ok(), restored.status().ToString());
  }
  if (!m.info.init_op_name.empty()) {
    std::map<std::string, Tensor> feeds;
    for (const auto& a : m.info.asset_feeds) feeds[a.tensor_name] = Tensor::Scalar<std::string>(a.path.string());
    auto inited = m.exec->Run(feeds, {}, {m.info.init_op_name});
    REQUIRE_MESSAGE(inited.ok(), inited.status().ToString());
  }
  return m;
}

/// Runs signature `key` with one input tensor (its only input) and returns its only output.
Tensor RunSignature(const Loaded& m, const std::string& key, std::map<std::string, Tensor> by_alias) {
  REQUIRE(m.info.signatures.count(key));
  const auto& sig = m.info.signatures.at(key);
  std::map<std::string, Tensor> feeds;
  for (auto& [alias, t] : by_alias) feeds[sig.inputs().at(alias).name()] = t;
  REQUIRE(sig.outputs().size() == 1);
  auto out = m.exec->Run(feeds, {sig.outputs().begin()->second.name()});
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return (*out)[0];
}

Tensor Column(std::vector<float> v) {
  const auto n = static_cast<std::int64_t>(v.size());
  return *Tensor::FromVector<float>(v, {n, 1});
}

Tensor Examples(const std::string& key, std::vector<float> xs) {
  Tensor t(DataType::kString, {static_cast<std::int64_t>(xs.size())});
  for (std::size_t i = 0; i < xs.size(); ++i) {
    tensorflow::Example ex;
    (*ex.mutable_features()->mutable_feature())[key].mutable_float_list()->add_value(xs[i]);
    t.flat<std::string>()[i] = ex.SerializeAsString();
  }
  return t;
}

std::vector<float> Values(const Tensor& t) {
  auto f = t.flat<float>();
  return {f.begin(), f.end()};
}

}  // namespace

TEST_SUITE("saved model end to end") {
  TEST_CASE("half_plus_two TF1: restore, predict y = 0.5x + 2, regress through tf.Example") {
    Loaded m = Load("models/saved_model_half_plus_two_cpu/00000123");
    Tensor y = RunSignature(m, "serving_default", {{"x", Column({1, 2, 5})}});
    CHECK(y.shape() == Shape{3, 1});
    CHECK(Values(y) == std::vector<float>{2.5f, 3, 4.5f});
    CHECK(Values(RunSignature(m, "regress_x_to_y", {{"inputs", Examples("x", {1, 2})}})) ==
          std::vector<float>{2.5f, 3});
    CHECK(Values(RunSignature(m, "regress_x_to_y2", {{"inputs", Examples("x", {1})}})) ==
          std::vector<float>{3.5f});
    CHECK(Values(RunSignature(m, "regress_x2_to_y3", {{"inputs", Column({2})}})) == std::vector<float>{4});
  }

  TEST_CASE("half_plus_two TF1 (2_versions, TF 1.1 export) and half_plus_three") {
    Loaded two = Load("models/saved_model_half_plus_two_2_versions/00000124");
    CHECK(Values(RunSignature(two, "serving_default", {{"x", Column({3})}})) == std::vector<float>{3.5f});
    Loaded three = Load("models/saved_model_half_plus_three/00000123");
    Tensor scalar_in = Tensor::Scalar<float>(1);
    Tensor y = RunSignature(three, "serving_default", {{"x", scalar_in}});
    CHECK(y.flat<float>()[0] == 3.5f);
  }

  TEST_CASE("half_plus_two TF2: functions, resource variables, ParseExampleV2") {
    Loaded m = Load("models/saved_model_half_plus_two_tf2_cpu/00000123");
    Tensor x = *Tensor::FromVector<float>({1}, {1});
    CHECK(Values(RunSignature(m, "serving_default", {{"x", x}})) == std::vector<float>{2.5f});
    Tensor x2 = *Tensor::FromVector<float>({2}, {1});
    CHECK(Values(RunSignature(m, "regress_x2_to_y3", {{"inputs", x2}})) == std::vector<float>{4});
    CHECK(Values(RunSignature(m, "regress_x_to_y", {{"inputs", Examples("x", {1, 3})}})) ==
          std::vector<float>{2.5f, 3.5f});
    // serving_default's input is a PlaceholderWithDefault: omitting it uses the default [0.0].
    const auto& sig = m.info.signatures.at("serving_default");
    auto dflt = m.exec->Run({}, {sig.outputs().begin()->second.name()});
    REQUIRE_MESSAGE(dflt.ok(), dflt.status().ToString());
    CHECK(Values((*dflt)[0]) == std::vector<float>{2});
  }

  TEST_CASE("counter: stateful signatures update one variable") {
    Loaded m = Load("models/saved_model_counter/00000123");
    CHECK(RunSignature(m, "get_counter", {}).flat<float>()[0] == 0);
    CHECK(RunSignature(m, "incr_counter", {}).flat<float>()[0] == 1);
    CHECK(RunSignature(m, "incr_counter", {}).flat<float>()[0] == 2);
    CHECK(RunSignature(m, "incr_counter_by", {{"delta", Tensor::Scalar<float>(3)}}).flat<float>()[0] == 5);
    CHECK(RunSignature(m, "get_counter", {}).flat<float>()[0] == 5);
    CHECK(RunSignature(m, "reset_counter", {}).flat<float>()[0] == 0);
  }
}

}  // namespace tfsk::serving
