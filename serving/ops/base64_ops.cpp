// EncodeBase64 / DecodeBase64 with TensorFlow's rules: the web-safe alphabet ("-" and "_" for
// 62 and 63; "+" and "/" are invalid), padding with "=" only when EncodeBase64's `pad` is set,
// and a decoder that accepts input with or without padding. As in TensorFlow, the decoder does
// not check that the unused low bits of the last character are zero.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kPad = '=';

/// Byte -> 6-bit value, or -1 for a byte outside the web-safe alphabet.
constexpr std::array<std::int8_t, 256> DecodeTable() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return t;
}
constexpr std::array<std::int8_t, 256> kDecode = DecodeTable();

std::string Encode(std::string_view in, bool pad) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t n = in.size();
  for (; n >= 3; n -= 3, p += 3) {
    const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(v >> shift) & 0x3F]);
  }
  if (n == 0) return out;
  // 1 or 2 trailing bytes make 2 or 3 characters, then the padding that completes 4.
  const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (n == 2 ? std::uint32_t{p[1]} << 8 : 0);
  out.push_back(kAlphabet[(v >> 18) & 0x3F]);
  out.push_back(kAlphabet[(v >> 12) & 0x3F]);
  if (n == 2) out.push_back(kAlphabet[(v >> 6) & 0x3F]);
  if (pad) out.append(3 - n, kPad);
  return out;
}

/// Decodes one group of 2..4 characters into 1..3 bytes appended to `out`.
Status DecodeGroup(std::string_view group, std::string& out) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    std::int8_t d = 0;  // missing characters count as 'A' (zero bits)
    if (i < group.size()) {
      d = kDecode[static_cast<unsigned char>(group[i])];
      if (d < 0) return InvalidArgument("Invalid character found in base64.");
    }
    v = (v << 6) | static_cast<std::uint32_t>(d);
  }
  for (std::size_t i = 0; i + 1 < group.size(); ++i) {
    out.push_back(static_cast<char>((v >> (16 - 8 * i)) & 0xFF));
  }
  return OkStatus();
}

StatusOr<std::string> Decode(std::string_view in) {
  std::string out;
  if (in.empty()) return out;
  out.reserve(in.size() / 4 * 3 + 3);
  // Full groups first; the last 1..4 characters may carry padding.
  while (in.size() > 4) {
    TFSK_RETURN_IF_ERROR(DecodeGroup(in.substr(0, 4), out));
    in.remove_prefix(4);
  }
  if (in.size() == 4 && in[3] == kPad) {
    // "xx==" or "xxx=": strip the padding; "x=y=" style stays and fails as a bad character.
    in.remove_suffix(in[2] == kPad ? 2 : 1);
  }
  if (in.size() == 1) return InvalidArgument("Base64 string length cannot be 1 modulo 4.");
  TFSK_RETURN_IF_ERROR(DecodeGroup(in, out));
  return out;
}

Status CheckStringInput(const OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  if (ctx.input(0).dtype() != DataType::kString) {
    return InvalidArgument(ctx.node.op + " expects a string tensor, got " +
                           DataTypeName(ctx.input(0).dtype()));
  }
  return OkStatus();
}

Status EncodeBase64(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckStringInput(ctx));
  const bool pad = ctx.node.BoolOr("pad", false);
  const Tensor& input = ctx.input(0);
  Tensor out(DataType::kString, input.shape());
  auto in = input.flat<std::string>();
  auto o = out.flat<std::string>();
  for (std::size_t i = 0; i < in.size(); ++i) o[i] = Encode(in[i], pad);
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status DecodeBase64(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckStringInput(ctx));
  const Tensor& input = ctx.input(0);
  Tensor out(DataType::kString, input.shape());
  auto in = input.flat<std::string>();
  auto o = out.flat<std::string>();
  for (std::size_t i = 0; i < in.size(); ++i) {
    TFSK_ASSIGN_OR_RETURN(o[i], Decode(in[i]));
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterBase64Ops(KernelRegistry& r) {
  r.Register({"EncodeBase64", &EncodeBase64, {}});
  r.Register({"DecodeBase64", &DecodeBase64, {}});
}

}  // namespace tfsk::serving::ops
