// libFuzzer target for the REST layer: arbitrary (method, path, body) through the pure handler
// against an in-memory model with inputs of every JSON-convertible dtype, plus the JSON reader,
// the predict converters (the common-body fast path checked against the DOM path) and the
// tf.Example encoder directly. Build: -DTFSK_FUZZ=ON with clang.
//
// Input layout: byte 0 selects method and route, byte 1 the signature, the rest is the body
// (for the path-only route, the rest is split at the first '\n' into path and body).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "serving/rest/handler.h"
#include "serving/rest/json_dom.h"
#include "serving/rest/json_tensor.h"
#include "serving/rest/tf_example.h"

namespace {

using namespace tfsk;
using namespace tfsk::serving;
using namespace tfsk::serving::rest;

class EchoServable : public Servable {
 public:
  EchoServable() {
    int i = 0;
    for (int dt : {1, 2, 3, 4, 5, 6, 7, 9, 10, 19, 22, 23, 101}) {
      const std::string alias = "in" + std::to_string(i++);
      TensorSpec spec{alias + ":0", dt, {-1}, false};
      sigs_["sig_" + alias] = {{{alias, spec}}, {{"out_bytes", spec}}, "tensorflow/serving/predict"};
      sigs_["all"].inputs[alias] = spec;
    }
    sigs_["all"].outputs["out"] = TensorSpec{"o:0", 1, {-1}, false};
    const TensorSpec ex{"tf_example:0", 7, {}, true};
    sigs_["serving_default"] = {{{"inputs", ex}}, {{"scores", ex}}, "tensorflow/serving/classify"};
    sigs_["regress"] = {{{"inputs", ex}}, {{"outputs", ex}}, "tensorflow/serving/regress"};
  }
  std::int64_t version() const override { return 1; }
  const std::map<std::string, SignatureInfo>& signatures() const override { return sigs_; }
  StatusOr<std::map<std::string, Tensor>> Run(const std::string& key,
                                              std::map<std::string, Tensor> inputs,
                                              Deadline) override {
    if (key == "serving_default" || key == "regress") {
      const std::int64_t n = inputs.at("inputs").num_elements();
      Tensor t(DataType::kFloat, {n, 1});
      std::map<std::string, Tensor> out;
      out.emplace(key == "regress" ? "outputs" : "scores", t);
      return out;
    }
    std::map<std::string, Tensor> out;
    for (auto& [alias, t] : inputs) out.emplace(alias, t);  // echo every input back
    return out;
  }

 private:
  std::map<std::string, SignatureInfo> sigs_;
};

class OneModelRegistry : public ServableRegistry {
 public:
  StatusOr<std::shared_ptr<Servable>> Find(const ServableRequest& r) override {
    if (r.name != "m") return NotFound(ServableNotFoundMessage(r));
    if (r.label) return InvalidArgument(UnrecognizedLabelMessage(*r.label));
    if (r.version && *r.version != 1) return NotFound(ServableNotFoundMessage(r));
    return servable_;
  }
  std::vector<VersionStatus> ListVersions(const std::string& name) override {
    if (name != "m") return {};
    return {{1, ServableState::kAvailable, OkStatus()}};
  }

 private:
  std::shared_ptr<Servable> servable_ = std::make_shared<EchoServable>();
};

// The direct ParsePredictRequest calls' signatures: one input "a" of each dtype; the last adds
// a second float input "b".
const std::array<SignatureInputs, 14> kPredictInputs = [] {
  const int dtypes[] = {1, 2, 3, 4, 5, 6, 7, 9, 10, 19, 22, 23, 101, 7};
  std::array<SignatureInputs, 14> all;
  for (std::size_t k = 0; k < all.size(); ++k) all[k]["a"].dtype = dtypes[k];
  all[13]["b"].dtype = 1;
  return all;
}();

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  static OneModelRegistry registry;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const unsigned selector = static_cast<unsigned char>(input[0]);
  const unsigned sig = static_cast<unsigned char>(input[1]) % 14;
  std::string_view body = input.substr(2);

  (void)ParseJson(body);
  (void)ParseExamplesRequest(body);
  const SignatureInputs* inputs = &kPredictInputs[sig];
  const SignatureInputsLookup lookup =
      [inputs](const std::string&) -> StatusOr<const SignatureInputs*> { return inputs; };
  const auto parsed = ParsePredictRequest(body, lookup);
  if (parsed.ok()) {
    // The direct writer for dense float answers must match the general one byte for byte.
    const auto answer = MakePredictResponse(parsed->inputs, parsed->format);
    const auto reference = MakePredictResponseGeneral(parsed->inputs, parsed->format);
    if (answer.ok() != reference.ok() || (answer.ok() && *answer != *reference)) __builtin_trap();
  }
  // The common-body fast path must be invisible: same request or same error as the DOM path.
  const auto general = ParsePredictRequestGeneral(body, lookup);
  if (parsed.ok() != general.ok()) __builtin_trap();
  if (!parsed.ok() && parsed.status() != general.status()) __builtin_trap();
  if (parsed.ok()) {
    if (parsed->signature_name != general->signature_name) __builtin_trap();
    if (parsed->inputs.size() != general->inputs.size()) __builtin_trap();
    for (auto a = parsed->inputs.begin(), b = general->inputs.begin(); a != parsed->inputs.end();
         ++a, ++b) {
      if (a->first != b->first || a->second.dtype() != b->second.dtype() ||
          a->second.shape() != b->second.shape()) {
        __builtin_trap();
      }
      const auto x = a->second.bytes();
      const auto y = b->second.bytes();
      if (x.size() != y.size() || !std::equal(x.begin(), x.end(), y.begin())) __builtin_trap();
    }
  }

  std::string path;
  switch (selector % 6) {
    case 0: path = "/v1/models/m:predict"; break;
    case 1: path = "/v1/models/m/versions/1:classify"; break;
    case 2: path = "/v1/models/m:regress"; break;
    case 3: path = "/v1/models/m/metadata"; break;
    case 4: path = "/v1/models/m"; break;
    default: {
      const auto nl = body.find('\n');
      path = std::string(body.substr(0, nl));
      body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    }
  }
  const char* method = (selector / 6) % 2 ? "GET" : "POST";
  std::string with_signature;
  if (selector % 6 == 0 && body.size() > 1 && body[0] == '{') {
    // Route most predict bodies to a typed signature.
    with_signature = "{\"signature_name\": \"" +
                     std::string(sig == 13 ? "all" : "sig_in" + std::to_string(sig)) + "\", " +
                     std::string(body.substr(1));
    body = with_signature;
  }
  const HttpResponse r = HandleRestRequest(method, path, body, registry);
  if (r.status < 200 || r.status > 599) __builtin_trap();
  return 0;
}
