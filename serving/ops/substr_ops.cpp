// Substr with TensorFlow's CPU semantics: pos/len (int32 or int64, same shape) are scalars, of
// the input's shape, or broadcast against it; unit BYTE (a negative pos counts from the end, a
// len past the end stops there) or UTF8_CHAR (positions and lengths in characters).

#include <string>

#include "serving/ops/broadcast.h"
#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/utf8.h"

namespace tfsk::serving::ops {
namespace {

/// Byte offset and byte length of the characters [pos, pos+len) of `in` (pos < 0 counts from
/// the end); false when pos is out of range (TensorFlow's UpdatePosAndLenForUtf8).
bool Utf8Range(std::string_view in, std::int64_t pos, std::int64_t len, std::int64_t& byte_pos,
               std::int64_t& byte_len) {
  if (pos >= 0) {
    byte_pos = 0;
    if (!Utf8Forward(in, pos, byte_pos)) return false;
    std::int64_t end = byte_pos;
    Utf8Forward(in, len, end);  // capped at the end of the string
    byte_len = end - byte_pos;
    return true;
  }
  std::int64_t end = static_cast<std::int64_t>(in.size());
  const std::int64_t skip = std::max<std::int64_t>(-pos - len, 0);
  if (!Utf8Back(in, skip, end)) return false;
  byte_pos = end;
  if (!Utf8Back(in, -pos - skip, byte_pos)) return false;
  byte_len = end - byte_pos;
  return true;
}

/// in[pos:pos+len] of one element, or TensorFlow's out-of-range error.
StatusOr<std::string> SubstrOne(std::string_view in, std::int64_t pos, std::int64_t len, bool utf8,
                                std::int64_t index) {
  std::int64_t byte_pos = pos;
  std::int64_t byte_len = len;
  if (utf8) {
    if (!Utf8Range(in, pos, len, byte_pos, byte_len)) {
      return InvalidArgument("pos " + std::to_string(pos) + " out of range for string at index " +
                             std::to_string(index));
    }
  } else {
    if (byte_pos < 0) byte_pos += static_cast<std::int64_t>(in.size());
    if (byte_pos < 0 || byte_pos > static_cast<std::int64_t>(in.size())) {
      return InvalidArgument("pos " + std::to_string(pos) + " out of range for string b'" +
                             std::string(in) + "' at index " + std::to_string(index));
    }
  }
  // A negative byte length reads to the end, like StringPiece::substr with a huge count.
  const auto count = byte_len < 0 ? std::string_view::npos : static_cast<std::size_t>(byte_len);
  return std::string(in.substr(static_cast<std::size_t>(byte_pos), count));
}

Status Substr(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& input = ctx.input(0);
  const Tensor& pos_t = ctx.input(1);
  const Tensor& len_t = ctx.input(2);
  if (input.dtype() != DataType::kString) {
    return InvalidArgument("Substr expects a string input, got " + DataTypeName(input.dtype()));
  }
  const std::string unit = ctx.node.StringOr("unit", "BYTE");
  if (unit != "BYTE" && unit != "UTF8_CHAR") {
    return InvalidArgument("unit must be one of BYTE, UTF8_CHAR, got " + unit);
  }
  const bool utf8 = unit == "UTF8_CHAR";
  if (pos_t.shape() != len_t.shape()) {
    return InvalidArgument("pos and len should have the same shape, got: " +
                           ShapeString(pos_t.shape()) + " vs. " + ShapeString(len_t.shape()));
  }
  if (pos_t.num_elements() == 0) {
    return InvalidArgument("received empty tensor pos_tensor: " + pos_t.DebugString());
  }
  if (len_t.num_elements() == 0) {
    return InvalidArgument("received empty tensor len_tensor: " + len_t.DebugString());
  }
  TFSK_ASSIGN_OR_RETURN(auto pos, IndexValues(pos_t, "pos"));
  TFSK_ASSIGN_OR_RETURN(auto len, IndexValues(len_t, "len"));
  const auto in = input.flat<std::string>();
  if (pos_t.rank() == 0 || pos_t.shape() == input.shape()) {
    const bool scalar = pos_t.rank() == 0;
    Tensor out(DataType::kString, input.shape());
    auto o = out.flat<std::string>();
    for (std::size_t i = 0; i < in.size(); ++i) {
      const std::size_t k = scalar ? 0 : i;
      TFSK_ASSIGN_OR_RETURN(o[i],
                            SubstrOne(in[i], pos[k], len[k], utf8, static_cast<std::int64_t>(i)));
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  }
  TFSK_ASSIGN_OR_RETURN(auto b, MakeBroadcast<2>({&input.shape(), &pos_t.shape()}));
  Tensor out(DataType::kString, b.out);
  auto o = out.flat<std::string>();
  Status st;
  b.ForEach([&](std::int64_t i, const std::array<std::int64_t, 2>& off) {
    if (!st.ok()) return;
    const auto p = static_cast<std::size_t>(off[1]);
    auto r = SubstrOne(in[static_cast<std::size_t>(off[0])], pos[p], len[p], utf8, i);
    if (!r.ok()) {
      st = r.status();
      return;
    }
    o[static_cast<std::size_t>(i)] = std::move(*r);
  });
  TFSK_RETURN_IF_ERROR(st);
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterSubstrOps(KernelRegistry& r) { r.Register({"Substr", &Substr, {}}); }

}  // namespace tfsk::serving::ops
