// The regex ops with RE2, as TensorFlow does. RegexReplace (pattern and rewrite as inputs) and
// StaticRegexReplace (as attrs): RE2::GlobalReplace when replace_global (the default), else
// RE2::Replace of the first match; "\1".."\9" in the rewrite name groups, "\0" the whole match. A
// rewrite that names a missing group leaves the element unchanged, as RE2 does. RegexFullMatch
// (pattern as input) and StaticRegexFullMatch (as attr): RE2::FullMatch of every element, a bool
// tensor.

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// Compiled patterns by source text. TensorFlow compiles StaticRegexReplace's pattern once per
/// kernel; kernels here are plain functions, so the compiled RE2 (thread-safe for matching) is
/// cached process-wide instead. Bounded: RegexReplace patterns arrive as tensors.
class PatternCache {
 public:
  StatusOr<std::shared_ptr<const RE2>> Get(const std::string& pattern) {
    {
      std::lock_guard lock(mu_);
      auto it = cache_.find(pattern);
      if (it != cache_.end()) return it->second;
    }
    RE2::Options options;
    options.set_log_errors(false);  // errors are returned to the caller instead
    auto re = std::make_shared<const RE2>(pattern, options);
    if (!re->ok()) {
      return InvalidArgument("Invalid pattern: " + pattern + ", error: " + re->error());
    }
    std::lock_guard lock(mu_);
    if (cache_.size() >= kMaxPatterns) cache_.clear();
    cache_.emplace(pattern, re);
    return std::shared_ptr<const RE2>(std::move(re));
  }

 private:
  static constexpr std::size_t kMaxPatterns = 256;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const RE2>> cache_;
};

PatternCache& Patterns() {
  static PatternCache* cache = new PatternCache();
  return *cache;
}

Status ReplaceAll(OpContext& ctx, const RE2& re, const std::string& rewrite) {
  if (ctx.input(0).dtype() != DataType::kString) {
    return InvalidArgument(ctx.node.op + " expects a string input, got " +
                           DataTypeName(ctx.input(0).dtype()));
  }
  const bool global = ctx.node.BoolOr("replace_global", true);
  Tensor* reuse = ctx.ReusableInput(0, DataType::kString);
  Tensor out = reuse != nullptr ? std::move(*reuse) : ctx.input(0).Clone();
  for (std::string& s : out.flat<std::string>()) {
    if (global) {
      RE2::GlobalReplace(&s, re, rewrite);
    } else {
      RE2::Replace(&s, re, rewrite);
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

/// Input i as a scalar string, or TensorFlow's "<What> must be scalar" error.
StatusOr<std::string> ScalarString(const OpContext& ctx, int i, const char* what) {
  const Tensor& t = ctx.input(i);
  if (t.rank() != 0) {
    return InvalidArgument(std::string(what) + " must be scalar, but received " +
                           ShapeString(t.shape()));
  }
  if (t.dtype() != DataType::kString) {
    return InvalidArgument(std::string(what) + " must be a string, got " + DataTypeName(t.dtype()));
  }
  return t.flat<std::string>()[0];
}

Status RegexReplace(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_ASSIGN_OR_RETURN(std::string pattern, ScalarString(ctx, 1, "Pattern"));
  TFSK_ASSIGN_OR_RETURN(auto re, Patterns().Get(pattern));
  TFSK_ASSIGN_OR_RETURN(std::string rewrite, ScalarString(ctx, 2, "Rewrite"));
  return ReplaceAll(ctx, *re, rewrite);
}

Status StaticRegexReplace(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(std::string pattern, ctx.node.GetString("pattern"));
  TFSK_ASSIGN_OR_RETURN(std::string rewrite, ctx.node.GetString("rewrite"));
  TFSK_ASSIGN_OR_RETURN(auto re, Patterns().Get(pattern));
  return ReplaceAll(ctx, *re, rewrite);
}

/// output[i] = the whole of input[i] matches `re` (bool, the input's shape).
Status FullMatchAll(OpContext& ctx, const RE2& re) {
  const Tensor& input = ctx.input(0);
  if (input.dtype() != DataType::kString) {
    return InvalidArgument(ctx.node.op + " expects a string input, got " +
                           DataTypeName(input.dtype()));
  }
  Tensor out(DataType::kBool, input.shape());
  auto in = input.flat<std::string>();
  auto o = out.flat<bool>();
  for (std::size_t i = 0; i < in.size(); ++i) o[i] = RE2::FullMatch(in[i], re);
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status RegexFullMatch(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(std::string pattern, ScalarString(ctx, 1, "Pattern"));
  TFSK_ASSIGN_OR_RETURN(auto re, Patterns().Get(pattern));
  return FullMatchAll(ctx, *re);
}

Status StaticRegexFullMatch(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(std::string pattern, ctx.node.GetString("pattern"));
  TFSK_ASSIGN_OR_RETURN(auto re, Patterns().Get(pattern));
  return FullMatchAll(ctx, *re);
}

}  // namespace

void RegisterRegexOps(KernelRegistry& r) {
  r.Register({"RegexReplace", &RegexReplace, {}});
  r.Register({"StaticRegexReplace", &StaticRegexReplace, {"pattern", "rewrite"}});
  r.Register({"RegexFullMatch", &RegexFullMatch, {}});
  r.Register({"StaticRegexFullMatch", &StaticRegexFullMatch, {"pattern"}});
}

}  // namespace tfsk::serving::ops
