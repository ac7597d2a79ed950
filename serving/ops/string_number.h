#pragma once
// Text -> number with TensorFlow's rules (strings::safe_strto32/64, safe_strtof/d), shared by
// StringToNumber and the text-file table initializer so both accept exactly the same spellings.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tfsk::serving::ops {

/// Optional ASCII whitespace, an optional sign, decimal digits, optional whitespace; nullopt
/// when anything else is present or the value overflows.
std::optional<std::int32_t> ParseInt32(std::string_view s);
std::optional<std::int64_t> ParseInt64(std::string_view s);

/// Leading/trailing whitespace allowed; a decimal or exponent number, a hex integer ("0x1f"),
/// or "inf"/"nan" in any case, each optionally signed. Out of range gives ±inf or ±0 (as the
/// double-conversion library TensorFlow uses does); nullopt for anything else.
std::optional<float> ParseFloat(std::string_view s);
std::optional<double> ParseDouble(std::string_view s);

/// `s` without leading and trailing ASCII whitespace (" \t\n\v\f\r").
std::string_view StripAsciiWhitespace(std::string_view s);

}  // namespace tfsk::serving::ops
