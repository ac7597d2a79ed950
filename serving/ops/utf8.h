#pragma once
// UTF-8 character positions the way TensorFlow's string kernels count them: a character starts
// at every byte that is not a continuation byte (10xxxxxx); the text is not validated.

#include <cstdint>
#include <string_view>

namespace tfsk::serving::ops {

/// True for a UTF-8 continuation byte.
inline bool IsUtf8TrailByte(char c) { return static_cast<signed char>(c) < -0x40; }

/// Number of characters in `s`.
std::int64_t Utf8Length(std::string_view s);

/// Moves byte offset `pos` forward over `n` characters, stopping at the end of `s`; true when
/// all `n` were there (TensorFlow's ForwardNUTF8CharPositions).
bool Utf8Forward(std::string_view s, std::int64_t n, std::int64_t& pos);
/// Moves byte offset `pos` back over `n` characters, stopping at 0; true when all `n` were
/// there (BackNUTF8CharPositions).
bool Utf8Back(std::string_view s, std::int64_t n, std::int64_t& pos);

}  // namespace tfsk::serving::ops
