#include "serving/rest/handler.h"

#include <algorithm>
#include <charconv>
#include <memory>

#include "serving/rest/classify_regress.h"
#include "serving/rest/json_tensor.h"
#include "serving/rest/json_writer.h"
#include "serving/rest/model_info_json.h"
#include "serving/rest/route.h"
#include "serving/rest/tf_example.h"

namespace tfsk::serving::rest {
namespace {

constexpr char kDefaultSignature[] = "serving_default";
constexpr char kPredictMethod[] = "tensorflow/serving/predict";
constexpr char kClassifyMethod[] = "tensorflow/serving/classify";
constexpr char kRegressMethod[] = "tensorflow/serving/regress";

// The model spec of a request: name plus the version (converted like absl::SimpleAtoi) or label.
StatusOr<ServableRequest> MakeServableRequest(const Route& route) {
  ServableRequest request;
  request.name = PercentDecode(route.model_name);
  if (!route.version.empty()) {
    std::int64_t v = 0;
    const char* end = route.version.data() + route.version.size();
    auto [p, ec] = std::from_chars(route.version.data(), end, v);
    if (ec != std::errc() || p != end) {
      return InvalidArgument("Failed to convert version: " + std::string(route.version) +
                             " to numeric.");
    }
    request.version = v;
  }
  if (!route.label.empty()) request.label = PercentDecode(route.label);
  return request;
}

// When a run starting now must end (TF Serving times the Session::Run, not the JSON work).
Deadline RunDeadline(const RestOptions& options) {
  if (options.run_timeout <= std::chrono::milliseconds::zero()) return kNoDeadline;
  return std::chrono::steady_clock::now() + options.run_timeout;
}

// registry.Find, guarding against an implementation that returns OK with no servable.
StatusOr<std::shared_ptr<Servable>> FindServable(ServableRegistry& registry,
                                                 const ServableRequest& spec) {
  TFSK_ASSIGN_OR_RETURN(std::shared_ptr<Servable> servable, registry.Find(spec));
  if (!servable) return Internal("ServableRegistry::Find returned no servable for " + spec.name);
  return servable;
}

// What a :predict resolves once its body has parsed. The lookup lambda captures only a reference
// to this, so std::function keeps it inline instead of allocating per request.
struct PredictTarget {
  ServableRegistry& registry;
  const ServableRequest& request;
  std::shared_ptr<Servable> servable;  // holds `signature` alive
  std::string key;                     // signature key, "serving_default" when not named
  const SignatureInfo* signature = nullptr;
};

StatusOr<std::string> Predict(const Route& route, std::string_view body, ServableRegistry& registry,
                              const RestOptions& options) {
  TFSK_ASSIGN_OR_RETURN(ServableRequest spec, MakeServableRequest(route));
  PredictTarget target{registry, spec, nullptr, std::string(), nullptr};
  auto lookup = [&target](const std::string& signature_name) -> StatusOr<const SignatureInputs*> {
    TFSK_ASSIGN_OR_RETURN(target.servable, FindServable(target.registry, target.request));
    target.key = signature_name.empty() ? kDefaultSignature : signature_name;
    const auto& sigs = target.servable->signatures();
    const auto it = sigs.find(target.key);
    if (it == sigs.end()) {
      return InvalidArgument("Serving signature name: \"" + target.key +
                             "\" not found in signature def");
    }
    target.signature = &it->second;
    return &it->second.inputs;
  };
  TFSK_ASSIGN_OR_RETURN(PredictInput input, ParsePredictRequest(body, lookup));
  if (options.enable_signature_method_name_check) {
    const std::string& m = target.signature->method_name;
    if (m != kPredictMethod && m != kClassifyMethod && m != kRegressMethod) {
      return Internal(std::string("Expected prediction signature method_name to be one of {") +
                      kPredictMethod + ", " + kClassifyMethod + ", " + kRegressMethod +
                      "}. Was: " + m);
    }
  }
  TFSK_ASSIGN_OR_RETURN(auto outputs, target.servable->Run(target.key, std::move(input.inputs),
                                                           RunDeadline(options)));
  return MakePredictResponse(outputs, input.format);
}

StatusOr<std::string> ClassifyOrRegress(const Route& route, std::string_view body,
                                        ServableRegistry& registry, bool classify,
                                        const RestOptions& options) {
  TFSK_ASSIGN_OR_RETURN(ServableRequest spec, MakeServableRequest(route));
  TFSK_ASSIGN_OR_RETURN(ExamplesInput input, ParseExamplesRequest(body));
  TFSK_ASSIGN_OR_RETURN(std::shared_ptr<Servable> servable, FindServable(registry, spec));
  const std::string key = input.signature_name.empty() ? kDefaultSignature : input.signature_name;
  const auto& sigs = servable->signatures();
  const auto it = sigs.find(key);
  if (it == sigs.end()) return InvalidArgument("No signature was found with the name: " + key);
  if (options.enable_signature_method_name_check &&
      it->second.method_name != (classify ? kClassifyMethod : kRegressMethod)) {
    return InvalidArgument(std::string("Expected ") + (classify ? "classification" : "regression") +
                           " signature method_name to be " +
                           (classify ? kClassifyMethod : kRegressMethod) +
                           ". Was: " + it->second.method_name);
  }
  TFSK_RETURN_IF_ERROR(classify ? ValidateClassifySignature(it->second)
                                : ValidateRegressSignature(it->second));
  const auto n = static_cast<std::int64_t>(input.serialized_examples.size());
  Tensor examples(DataType::kString, {n});
  std::move(input.serialized_examples.begin(), input.serialized_examples.end(),
            examples.flat<std::string>().begin());
  std::map<std::string, Tensor> inputs;
  inputs.emplace("inputs", std::move(examples));
  TFSK_ASSIGN_OR_RETURN(auto outputs, servable->Run(key, std::move(inputs), RunDeadline(options)));
  return classify ? MakeClassifyResponse(outputs, n) : MakeRegressResponse(outputs, n);
}

StatusOr<std::string> ModelStatus(const Route& route, ServableRegistry& registry) {
  if (route.model_name.empty()) return InvalidArgument("Missing model name in request.");
  TFSK_ASSIGN_OR_RETURN(ServableRequest spec, MakeServableRequest(route));
  // The label is ignored by TF Serving's status API (all versions are reported).
  std::vector<VersionStatus> versions = registry.ListVersions(spec.name);
  if (versions.empty()) {
    return NotFound("Could not find any versions of model " + spec.name);
  }
  if (spec.version) {
    const auto it = std::find_if(versions.begin(), versions.end(), [&](const VersionStatus& v) {
      return v.version == *spec.version;
    });
    if (it == versions.end()) {
      return NotFound("Could not find version " + std::to_string(*spec.version) + " of model " +
                      spec.name);
    }
    return ModelStatusJson({*it});
  }
  std::stable_sort(
      versions.begin(), versions.end(),
      [](const VersionStatus& a, const VersionStatus& b) { return a.version > b.version; });
  return ModelStatusJson(versions);
}

StatusOr<std::string> ModelMetadata(const Route& route, ServableRegistry& registry) {
  if (route.model_name.empty()) return InvalidArgument("Missing model name in request.");
  TFSK_ASSIGN_OR_RETURN(ServableRequest spec, MakeServableRequest(route));
  TFSK_ASSIGN_OR_RETURN(std::shared_ptr<Servable> servable, FindServable(registry, spec));
  return ModelMetadataJson(spec.name, servable->version(), servable->SignatureDefJson());
}

StatusOr<std::string> Dispatch(const Route& route, std::string_view body,
                               ServableRegistry& registry, const RestOptions& options) {
  switch (route.kind) {
    case Route::Kind::kPredict:
      return Predict(route, body, registry, options);
    case Route::Kind::kClassify:
      return ClassifyOrRegress(route, body, registry, true, options);
    case Route::Kind::kRegress:
      return ClassifyOrRegress(route, body, registry, false, options);
    case Route::Kind::kStatus:
      return ModelStatus(route, registry);
    case Route::Kind::kMetadata:
      return ModelMetadata(route, registry);
    case Route::Kind::kMalformed:
      break;
  }
  return Internal("unreachable");
}

}  // namespace

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kCancelled:
      return 499;
    case Code::kUnknown:
      return 500;
    case Code::kInvalidArgument:
      return 400;
    case Code::kDeadlineExceeded:
      return 504;
    case Code::kNotFound:
      return 404;
    case Code::kAlreadyExists:
      return 409;
    case Code::kPermissionDenied:
      return 403;
    case Code::kResourceExhausted:
      return 429;
    case Code::kFailedPrecondition:
      return 400;
    case Code::kAborted:
      return 409;
    case Code::kOutOfRange:
      return 400;
    case Code::kUnimplemented:
      return 501;
    case Code::kInternal:
      return 500;
    case Code::kUnavailable:
      return 503;
    case Code::kDataLoss:
      return 500;
    case Code::kUnauthenticated:
      return 401;
  }
  return 500;
}

bool IsRestApiPath(std::string_view path) {
  if (path.size() < 4) return false;
  return path[0] == '/' && (path[1] == 'v' || path[1] == 'V') && path[2] == '1' && path[3] == '/';
}

HttpResponse HandleRestRequest(std::string_view method, std::string_view path,
                               std::string_view body, ServableRegistry& registry,
                               const RestOptions& options) {
  const Route route = MatchRoute(method, path);
  StatusOr<std::string> result =
      route.kind == Route::Kind::kMalformed
          ? StatusOr<std::string>(InvalidArgument("Malformed request: " + std::string(method) +
                                                  " " + std::string(path)))
          : Dispatch(route, body, registry, options);
  HttpResponse response;
  if (result.ok()) {
    response.body = std::move(result).value();
    return response;
  }
  response.status = HttpStatusFor(result.status().code());
  response.body = ErrorJson(result.status().message());
  return response;
}

}  // namespace tfsk::serving::rest
