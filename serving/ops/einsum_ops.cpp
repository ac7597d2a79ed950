// Einsum with one or two operands: explicit ("ab,bc->ac") and implicit ("ab,bc") output,
// ellipsis ("...b,bc->...c", size-1 ellipsis dims broadcast), sums over labels the output
// drops. Two operands run as a batched GEMM: each side is permuted to [batch, free,
// contracted] and the product permuted into the output's label order. Repeated labels
// within one operand (diagonals) are Unimplemented.

#include <Eigen/Core>
#include <algorithm>
#include <cctype>
#include <map>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

using Labels = std::string;  // one char per dim; ellipsis dims get chars below ' '

struct Equation {
  std::vector<Labels> inputs;
  Labels output;
};

Status BadEquation(const std::string& eq, const std::string& why) {
  return InvalidArgument("Einsum equation '" + eq + "' " + why);
}

/// Parses `eq` for operands of the given ranks, expanding "..." to per-dim labels aligned on
/// the right (dim i from the end of every ellipsis shares one label).
StatusOr<Equation> Parse(const std::string& raw, const std::vector<int>& ranks) {
  std::string eq;
  for (char ch : raw) {
    if (ch != ' ') eq += ch;
  }
  const auto arrow = eq.find("->");
  const std::string lhs = eq.substr(0, arrow);
  std::vector<std::string> terms;
  for (std::size_t start = 0;;) {
    const auto comma = lhs.find(',', start);
    terms.push_back(
        lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (terms.size() != ranks.size()) {
    return BadEquation(eq, "names " + std::to_string(terms.size()) + " operands but Einsum got " +
                               std::to_string(ranks.size()));
  }
  if (terms.size() > 2) return Unimplemented("Einsum with more than two operands: '" + eq + "'");
  int ellipsis_rank = 0;
  Equation out;
  const auto expand = [&](const std::string& term, int rank, bool is_output) -> StatusOr<Labels> {
    Labels labels;
    const auto dots = term.find("...");
    std::string plain = term;
    if (dots != std::string::npos) plain.erase(dots, 3);
    for (char ch : plain) {
      if (!std::isalpha(static_cast<unsigned char>(ch)))
        return BadEquation(eq, "has an invalid label '" + std::string(1, ch) + "'");
    }
    int n = 0;
    if (dots != std::string::npos) {
      n = is_output ? ellipsis_rank : rank - static_cast<int>(plain.size());
      if (n < 0) return BadEquation(eq, "has more labels than dims in '" + term + "'");
      ellipsis_rank = std::max(ellipsis_rank, n);
    } else if (!is_output && static_cast<int>(plain.size()) != rank) {
      return BadEquation(eq, "term '" + term + "' has " + std::to_string(plain.size()) +
                                 " labels for an operand of rank " + std::to_string(rank));
    }
    labels = plain.substr(0, dots == std::string::npos ? plain.size() : dots);
    for (int i = n; i > 0; --i) labels += static_cast<char>(i);  // right-aligned ellipsis labels
    if (dots != std::string::npos) labels += plain.substr(dots);
    return labels;
  };
  for (std::size_t i = 0; i < terms.size(); ++i) {
    TFSK_ASSIGN_OR_RETURN(Labels l, expand(terms[i], ranks[i], false));
    out.inputs.push_back(l);
  }
  if (arrow != std::string::npos) {
    TFSK_ASSIGN_OR_RETURN(out.output, expand(eq.substr(arrow + 2), 0, true));
  } else {
    // Implicit output: ellipsis dims first, then labels used once, alphabetically.
    for (int i = ellipsis_rank; i > 0; --i) out.output += static_cast<char>(i);
    std::map<char, int> count;
    for (const auto& l : out.inputs) {
      for (char ch : l) {
        if (ch >= ' ') ++count[ch];
      }
    }
    for (auto [ch, c] : count) {
      if (c == 1) out.output += ch;
    }
  }
  for (const auto& l : out.inputs) {
    for (std::size_t i = 0; i < l.size(); ++i) {
      if (l.find(l[i], i + 1) != std::string::npos) {
        return Unimplemented("Einsum with a repeated label within one operand (a diagonal): '" +
                             eq + "'");
      }
    }
  }
  for (char ch : out.output) {
    if (std::none_of(out.inputs.begin(), out.inputs.end(),
                     [ch](const Labels& l) { return l.find(ch) != std::string::npos; })) {
      return BadEquation(eq, "has an output label that no operand has");
    }
  }
  return out;
}

/// x (dims labelled `in`) permuted to the order of `out` (a subset of `in`), summing over
/// the labels `out` drops: one pass over x with a stride of 0 for summed dims.
template <typename T>
Tensor Rearrange(const Tensor& x, const Labels& in, const Labels& out) {
  Shape shape;
  for (char ch : out) shape.push_back(x.dim(static_cast<int>(in.find(ch))));
  Tensor result(x.dtype(), shape);
  auto dst = result.flat<T>();
  std::fill(dst.begin(), dst.end(), T(0));
  const auto out_strides = RowMajorStrides(shape);
  std::vector<std::int64_t> stride(in.size(), 0);
  for (std::size_t d = 0; d < in.size(); ++d) {
    const auto pos = out.find(in[d]);
    if (pos != std::string::npos) stride[d] = out_strides[pos];
  }
  auto src = x.flat<T>();
  const int rank = x.rank();
  std::vector<std::int64_t> idx(in.size(), 0);
  std::int64_t off = 0;
  for (std::size_t i = 0; i < src.size(); ++i) {
    dst[static_cast<std::size_t>(off)] += src[i];
    for (int d = rank - 1; d >= 0; --d) {
      const auto ud = static_cast<std::size_t>(d);
      off += stride[ud];
      if (++idx[ud] < x.dim(d)) break;
      off -= stride[ud] * x.dim(d);
      idx[ud] = 0;
    }
  }
  return result;
}

/// Labels of `l` that satisfy `keep`, in order.
template <typename F>
Labels Filter(const Labels& l, F keep) {
  Labels out;
  for (char ch : l) {
    if (keep(ch)) out += ch;
  }
  return out;
}

template <typename T>
Status RunBinary(OpContext& ctx, Equation eq) {
  Tensor a = ctx.input(0);
  Tensor b = ctx.input(1);
  Labels& la = eq.inputs[0];
  Labels& lb = eq.inputs[1];
  const auto has = [](const Labels& l, char ch) { return l.find(ch) != std::string::npos; };
  // Sizes must agree; a size-1 ellipsis dim broadcasts: relabel it so it is summed away alone.
  char fresh = 'z' + 1;
  for (std::size_t i = 0; i < la.size(); ++i) {
    const auto j = lb.find(la[i]);
    if (j == std::string::npos) continue;
    const std::int64_t da = a.dim(static_cast<int>(i)), db = b.dim(static_cast<int>(j));
    if (da == db) continue;
    if (la[i] < ' ' && (da == 1 || db == 1)) {
      (da == 1 ? la[i] : lb[j]) = fresh++;
      continue;
    }
    return InvalidArgument("Einsum: label '" + std::string(1, la[i] < ' ' ? '.' : la[i]) +
                           "' has size " + std::to_string(da) + " in the first operand and " +
                           std::to_string(db) + " in the second");
  }
  // Sum away labels only one operand has and the output drops.
  const Labels ka = Filter(la, [&](char ch) { return has(lb, ch) || has(eq.output, ch); });
  const Labels kb = Filter(lb, [&](char ch) { return has(la, ch) || has(eq.output, ch); });
  const Labels batch = Filter(ka, [&](char ch) { return has(kb, ch) && has(eq.output, ch); });
  const Labels contract = Filter(ka, [&](char ch) { return has(kb, ch) && !has(eq.output, ch); });
  const Labels free_a = Filter(ka, [&](char ch) { return !has(kb, ch); });
  const Labels free_b = Filter(kb, [&](char ch) { return !has(ka, ch); });
  Tensor pa = Rearrange<T>(a, la, batch + free_a + contract);
  Tensor pb = Rearrange<T>(b, lb, batch + free_b + contract);
  const auto size = [](const Tensor& t, std::size_t from, std::size_t n) {
    std::int64_t p = 1;
    for (std::size_t d = from; d < from + n; ++d) p *= t.dim(static_cast<int>(d));
    return p;
  };
  const std::int64_t nb = size(pa, 0, batch.size());
  const std::int64_t m = size(pa, batch.size(), free_a.size());
  const std::int64_t k = size(pa, batch.size() + free_a.size(), contract.size());
  const std::int64_t n = size(pb, batch.size(), free_b.size());
  Shape prod_shape(pa.shape().begin(),
                   pa.shape().begin() + static_cast<std::ptrdiff_t>(batch.size() + free_a.size()));
  prod_shape.insert(prod_shape.end(),
                    pb.shape().begin() + static_cast<std::ptrdiff_t>(batch.size()),
                    pb.shape().begin() + static_cast<std::ptrdiff_t>(batch.size() + free_b.size()));
  Tensor prod(a.dtype(), prod_shape);
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  for (std::int64_t i = 0; i < nb && m * n > 0; ++i) {
    Eigen::Map<const Mat> ma(pa.flat<T>().data() + i * m * k, m, k);
    Eigen::Map<const Mat> mb(pb.flat<T>().data() + i * n * k, n, k);
    Eigen::Map<Mat> mc(prod.flat<T>().data() + i * m * n, m, n);
    if (k == 0)
      mc.setZero();
    else
      mc.noalias() = ma * mb.transpose();
  }
  ctx.outputs.push_back(Rearrange<T>(prod, batch + free_a + free_b, eq.output));
  return OkStatus();
}

Status Einsum(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(std::string equation, ctx.node.GetString("equation"));
  if (ctx.num_inputs() < 1) return InvalidArgument("Einsum expects at least one input");
  std::vector<int> ranks;
  for (int i = 0; i < ctx.num_inputs(); ++i) ranks.push_back(ctx.input(i).rank());
  TFSK_ASSIGN_OR_RETURN(Equation eq, Parse(equation, ranks));
  if (ctx.num_inputs() == 2 && ctx.input(0).dtype() != ctx.input(1).dtype()) {
    return InvalidArgument("Einsum operands must have the same type");
  }
  return DispatchFloat(ctx.input(0).dtype(), ctx.node.op, [&]<typename T>() -> Status {
    if (ctx.num_inputs() == 1) {
      ctx.outputs.push_back(Rearrange<T>(ctx.input(0), eq.inputs[0], eq.output));
      return OkStatus();
    }
    return RunBinary<T>(ctx, eq);
  });
}

}  // namespace

void RegisterEinsumOps(KernelRegistry& r) { r.Register({"Einsum", &Einsum, {"equation"}}); }

}  // namespace tfsk::serving::ops
