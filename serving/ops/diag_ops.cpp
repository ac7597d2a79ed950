// Diagonals: Diag / DiagPart (a tensor's full diagonal) and the batched matrix family
// MatrixDiag / MatrixDiagPart / MatrixSetDiag in their V1 (main diagonal), V2 (a band k of
// diagonals, LEFT_LEFT packing) and V3 (band plus the `align` attr) forms. tf.linalg.diag,
// diag_part and set_diag export the V3 ops; TF1 graphs carry V1.
//
// A band of diagonals d in [lower, upper] is packed as rows upper, upper-1, ..., lower of a
// [num_diags, max_diag_len] block; a diagonal shorter than max_diag_len sits at the left or at
// the right of its row depending on `align` (first word: superdiagonals d > 0, second:
// subdiagonals d < 0; the main diagonal follows either, as it is always full length).

#include <algorithm>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// Which diagonals an op reads or writes and how shorter ones are packed.
struct Band {
  std::int64_t lower = 0, upper = 0;
  bool left_super = true, left_sub = true;

  std::int64_t num_diags() const { return upper - lower + 1; }

  /// Length of diagonal d of a rows x cols matrix and where its elements start in its row.
  std::pair<std::int64_t, std::int64_t> LenAndOffset(std::int64_t d, std::int64_t max_len,
                                                     std::int64_t rows, std::int64_t cols) const {
    const bool left = (d >= 0 && left_super) || (d <= 0 && left_sub);
    const std::int64_t len =
        std::min(rows + std::min<std::int64_t>(0, d), cols - std::max<std::int64_t>(0, d));
    return {len, left ? 0 : max_len - len};
  }
};

/// The k input (scalar, or a vector of one or two elements) and the V3 `align` attr. V1 ops
/// have no k (main diagonal); V2 packs LEFT_LEFT; V3 defaults to RIGHT_LEFT like its OpDef.
StatusOr<Band> ReadBand(const OpContext& ctx, int k_input) {
  Band band;
  if (ctx.node.op.ends_with("V3")) {
    const std::string align = ctx.node.StringOr("align", "RIGHT_LEFT");
    if (align != "LEFT_LEFT" && align != "LEFT_RIGHT" && align != "RIGHT_LEFT" &&
        align != "RIGHT_RIGHT") {
      return InvalidArgument(
          "align must be one of LEFT_RIGHT, RIGHT_LEFT, LEFT_LEFT, "
          "RIGHT_RIGHT, got " +
          align);
    }
    band.left_super = align.starts_with("LEFT");
    band.left_sub = align.ends_with("LEFT");
  }
  if (k_input < 0) return band;
  const Tensor& k = ctx.input(k_input);
  if (k.rank() > 1)
    return InvalidArgument("diag_index must be a scalar or vector, received shape: " +
                           ShapeString(k.shape()));
  if (k.num_elements() == 0) return InvalidArgument("diag_index must have at least one element");
  if (k.num_elements() > 2) {
    return InvalidArgument("diag_index must have only one or two elements, received " +
                           std::to_string(k.num_elements()) + " elements.");
  }
  TFSK_ASSIGN_OR_RETURN(auto ks, IndexValues(k, "diag_index"));
  band.lower = ks[0];
  band.upper = ks.back();
  return band;
}

Status CheckBandOrder(const Band& b) {
  if (b.lower > b.upper) {
    return InvalidArgument("lower_diag_index must not be larger than upper_diag_index: " +
                           std::to_string(b.lower) + " > " + std::to_string(b.upper));
  }
  return OkStatus();
}

/// The bounds TensorFlow puts on a band read from or written to a rows x cols matrix.
Status CheckBandFits(const Band& b, std::int64_t rows, std::int64_t cols) {
  const auto fits = [&](std::int64_t d) { return (-rows < d && d < cols) || d == 0; };
  const std::string range =
      " It must be between " + std::to_string(-rows) + " and " + std::to_string(cols);
  if (!fits(b.lower))
    return InvalidArgument("lower_diag_index is out of bound: " + std::to_string(b.lower) + "." +
                           range);
  if (!fits(b.upper))
    return InvalidArgument("upper_diag_index is out of bound: " + std::to_string(b.upper) + range);
  TFSK_RETURN_IF_ERROR(CheckBandOrder(b));
  return OkStatus();
}

/// Longest diagonal of the band in a rows x cols matrix.
std::int64_t MaxDiagLen(const Band& b, std::int64_t rows, std::int64_t cols) {
  return std::min(rows + std::min<std::int64_t>(b.upper, 0),
                  cols - std::max<std::int64_t>(b.lower, 0));
}

/// Reads a scalar input of type T (padding_value).
template <typename T>
StatusOr<T> ScalarInput(const Tensor& t, const char* what) {
  if (t.num_elements() < 1) return InvalidArgument(std::string(what) + " must be a scalar");
  if (t.dtype() != DataTypeOf<T>::value) {
    return InvalidArgument(std::string(what) + " must have the input's dtype, got " +
                           DataTypeName(t.dtype()));
  }
  return t.flat<T>()[0];
}

StatusOr<std::int64_t> SizeInput(const Tensor& t, const char* what) {
  TFSK_ASSIGN_OR_RETURN(auto v, IndexValues(t, what));
  if (v.empty()) return InvalidArgument(std::string(what) + " must be a scalar");
  return v[0];
}

/// Visits every packed element of the band of each batch matrix: f(batch, packed index,
/// row, col) with packed index counted within the batch's [num_diags, max_len] block.
template <typename F>
void ForEachBandElement(const Band& b, std::int64_t batches, std::int64_t rows, std::int64_t cols,
                        std::int64_t max_len, F&& f) {
  for (std::int64_t batch = 0; batch < batches; ++batch) {
    for (std::int64_t m = 0; m < b.num_diags(); ++m) {
      const std::int64_t d = b.upper - m;
      const auto [len, offset] = b.LenAndOffset(d, max_len, rows, cols);
      const std::int64_t r0 = std::max<std::int64_t>(0, -d), c0 = std::max<std::int64_t>(0, d);
      for (std::int64_t n = 0; n < len; ++n) f(batch, m * max_len + offset + n, r0 + n, c0 + n);
    }
  }
}

Status MatrixDiag(OpContext& ctx) {
  const bool v1 = ctx.node.op == "MatrixDiag";
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, v1 ? 1 : 5));
  TFSK_ASSIGN_OR_RETURN(Band b, ReadBand(ctx, v1 ? -1 : 1));
  const Tensor& diag = ctx.input(0);
  std::int64_t rows = -1, cols = -1;
  if (!v1) {
    TFSK_ASSIGN_OR_RETURN(rows, SizeInput(ctx.input(2), "num_rows"));
    TFSK_ASSIGN_OR_RETURN(cols, SizeInput(ctx.input(3), "num_cols"));
  }
  if (diag.rank() < 1)
    return InvalidArgument("diagonal must be at least 1-dim, received shape: " +
                           ShapeString(diag.shape()));
  TFSK_RETURN_IF_ERROR(CheckBandOrder(b));
  const int rank = diag.rank();
  if (b.num_diags() > 1 && (rank < 2 || diag.dim(rank - 2) != b.num_diags())) {
    return InvalidArgument(
        "The number of diagonals provided in the input does not match the "
        "lower_diag_index and upper_diag_index range.");
  }
  const std::int64_t max_len = diag.dim(rank - 1);
  const std::int64_t min_rows = max_len - std::min<std::int64_t>(b.upper, 0);
  const std::int64_t min_cols = max_len + std::max<std::int64_t>(b.lower, 0);
  if (rows != -1 && rows < min_rows) return InvalidArgument("The number of rows is too small.");
  if (cols != -1 && cols < min_cols) return InvalidArgument("The number of columns is too small.");
  if (rows == -1 && cols == -1) {
    rows = cols = std::max(min_rows, min_cols);  // square unless told otherwise
  } else if (rows == -1) {
    rows = min_rows;
  } else if (cols == -1) {
    cols = min_cols;
  }
  if (rows != min_rows && cols != min_cols) {
    return InvalidArgument(
        "The number of rows or columns is not consistent with the specified "
        "d_lower, d_upper, and diagonal.");
  }
  Shape shape(diag.shape().begin(), diag.shape().end() - (b.num_diags() > 1 ? 2 : 1));
  shape.push_back(rows);
  shape.push_back(cols);
  return DispatchNumericOrBool(diag.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    T pad{};
    if (!v1) {
      TFSK_ASSIGN_OR_RETURN(pad, ScalarInput<T>(ctx.input(4), "padding_value"));
    }
    Tensor out(diag.dtype(), shape);
    auto dst = out.flat<T>();
    std::fill(dst.begin(), dst.end(), pad);
    auto src = diag.flat<T>();
    const std::int64_t block = b.num_diags() * max_len;
    ForEachBandElement(b, out.num_elements() / std::max<std::int64_t>(rows * cols, 1), rows, cols,
                       max_len,
                       [&](std::int64_t batch, std::int64_t p, std::int64_t r, std::int64_t c) {
                         dst[static_cast<std::size_t>((batch * rows + r) * cols + c)] =
                             src[static_cast<std::size_t>(batch * block + p)];
                       });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status MatrixDiagPart(OpContext& ctx) {
  const bool v1 = ctx.node.op == "MatrixDiagPart";
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, v1 ? 1 : 3));
  TFSK_ASSIGN_OR_RETURN(Band b, ReadBand(ctx, v1 ? -1 : 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2)
    return InvalidArgument("input must be at least 2-dim, received shape: " +
                           ShapeString(x.shape()));
  const std::int64_t rows = x.dim(x.rank() - 2), cols = x.dim(x.rank() - 1);
  TFSK_RETURN_IF_ERROR(CheckBandFits(b, rows, cols));
  const std::int64_t max_len = MaxDiagLen(b, rows, cols);
  Shape shape(x.shape().begin(), x.shape().end() - 2);
  if (b.num_diags() > 1) shape.push_back(b.num_diags());
  shape.push_back(max_len);
  return DispatchNumericOrBool(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    T pad{};
    if (!v1) {
      TFSK_ASSIGN_OR_RETURN(pad, ScalarInput<T>(ctx.input(2), "padding_value"));
    }
    Tensor out(x.dtype(), shape);
    auto dst = out.flat<T>();
    std::fill(dst.begin(), dst.end(), pad);
    auto src = x.flat<T>();
    const std::int64_t block = b.num_diags() * max_len;
    ForEachBandElement(b, rows * cols == 0 ? 0 : x.num_elements() / (rows * cols), rows, cols,
                       max_len,
                       [&](std::int64_t batch, std::int64_t p, std::int64_t r, std::int64_t c) {
                         dst[static_cast<std::size_t>(batch * block + p)] =
                             src[static_cast<std::size_t>((batch * rows + r) * cols + c)];
                       });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status MatrixSetDiag(OpContext& ctx) {
  const bool v1 = ctx.node.op == "MatrixSetDiag";
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, v1 ? 2 : 3));
  TFSK_ASSIGN_OR_RETURN(Band b, ReadBand(ctx, v1 ? -1 : 2));
  const Tensor& x = ctx.input(0);
  const Tensor& diag = ctx.input(1);
  if (x.rank() < 2)
    return InvalidArgument("input must be at least 2-dim, received shape: " +
                           ShapeString(x.shape()));
  if (diag.rank() < 1)
    return InvalidArgument("diagonal must be at least 1-dim, received shape: " +
                           ShapeString(diag.shape()));
  const int rank = x.rank();
  const std::int64_t rows = x.dim(rank - 2), cols = x.dim(rank - 1);
  TFSK_RETURN_IF_ERROR(CheckBandFits(b, rows, cols));
  if (b.num_diags() > 1 && (diag.rank() < rank || diag.dim(rank - 2) != b.num_diags())) {
    return InvalidArgument(
        "The number of diagonals provided in `diag` is not consistent with "
        "`lower_diag_index` and `upper_diag_index`");
  }
  const std::int64_t max_len = MaxDiagLen(b, rows, cols);
  Shape expected(x.shape().begin(), x.shape().end() - 2);
  if (b.num_diags() > 1) expected.push_back(b.num_diags());
  expected.push_back(max_len);
  if (expected != diag.shape()) {
    return InvalidArgument(
        "Either first dimensions of diagonal don't match input.shape[:-2], or diagonal.shape[:-1] "
        "is not equal to the longests diagonal in range [lower_diag_index:upper_diag_index].\n"
        "Input shape: " +
        ShapeString(x.shape()) + "\nDiagonal shape: " + ShapeString(diag.shape()) +
        "\nExpected diagonal shape: " + ShapeString(expected));
  }
  if (diag.dtype() != x.dtype()) {
    return InvalidArgument("diagonal must have the input's dtype " + DataTypeName(x.dtype()) +
                           ", got " + DataTypeName(diag.dtype()));
  }
  return DispatchNumericOrBool(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor* reusable = ctx.ReusableInput(0, x.dtype());
    Tensor out = reusable != nullptr ? std::move(*reusable) : x.Clone();
    auto dst = out.flat<T>();
    auto src = diag.flat<T>();
    const std::int64_t block = b.num_diags() * max_len;
    ForEachBandElement(b, rows * cols == 0 ? 0 : out.num_elements() / (rows * cols), rows, cols,
                       max_len,
                       [&](std::int64_t batch, std::int64_t p, std::int64_t r, std::int64_t c) {
                         dst[static_cast<std::size_t>((batch * rows + r) * cols + c)] =
                             src[static_cast<std::size_t>(batch * block + p)];
                       });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status Diag(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() == 0) return InvalidArgument("Input must be at least rank 1, got 0");
  Shape shape = x.shape();
  shape.insert(shape.end(), x.shape().begin(), x.shape().end());
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), shape);  // zero-filled
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    for (std::size_t i = 0; i < src.size(); ++i) dst[i * src.size() + i] = src[i];
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status DiagPart(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() % 2 != 0)
    return InvalidArgument("The rank of the tensor should be even and positive, got shape " +
                           ShapeString(x.shape()));
  const int half = x.rank() / 2;
  for (int i = 0; i < half; ++i) {
    if (x.dim(i) != x.dim(i + half)) {
      return InvalidArgument("Invalid shape " + ShapeString(x.shape()) + ": dimensions " +
                             std::to_string(i) + " and " + std::to_string(i + half) +
                             " do not match.");
    }
  }
  Shape shape(x.shape().begin(), x.shape().begin() + half);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), shape);
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    for (std::size_t i = 0; i < dst.size(); ++i) dst[i] = src[i * dst.size() + i];
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterDiagOps(KernelRegistry& r) {
  for (const char* op : {"MatrixDiag", "MatrixDiagV2", "MatrixDiagV3"}) {
    r.Register({op, &MatrixDiag, {}});
  }
  for (const char* op : {"MatrixDiagPart", "MatrixDiagPartV2", "MatrixDiagPartV3"}) {
    r.Register({op, &MatrixDiagPart, {}});
  }
  for (const char* op : {"MatrixSetDiag", "MatrixSetDiagV2", "MatrixSetDiagV3"}) {
    r.Register({op, &MatrixSetDiag, {}});
  }
  r.Register({"Diag", &Diag, {}});
  r.Register({"DiagPart", &DiagPart, {}});
}

}  // namespace tfsk::serving::ops
