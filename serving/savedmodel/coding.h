#pragma once
// Bounds-checked decoding of the integer encodings used by LevelDB tables and TensorBundles.
// Every function consumes from the front of a string_view and fails (returns false) instead of
// reading past its end.

#include <cstdint>
#include <string>
#include <string_view>

namespace tfsk::serving::savedmodel {

/// Little-endian fixed-width integers from the first 4/8 bytes of `p` (caller checks length).
std::uint32_t DecodeFixed32(const char* p);
std::uint64_t DecodeFixed64(const char* p);

/// Consumes a little-endian uint32 from `in`. False when fewer than 4 bytes remain.
bool GetFixed32(std::string_view* in, std::uint32_t* value);

/// Consumes a varint (at most 5 bytes, value < 2^32) from `in`. False when truncated, too long,
/// or out of range; `in` is then unspecified.
bool GetVarint32(std::string_view* in, std::uint32_t* value);

/// Consumes a varint (at most 10 bytes, value < 2^64) from `in`. False when truncated or too long.
bool GetVarint64(std::string_view* in, std::uint64_t* value);

/// Appends encodings (used by tests and writers of test data).
void PutFixed32(std::string* out, std::uint32_t value);
void PutFixed64(std::string* out, std::uint64_t value);
void PutVarint64(std::string* out, std::uint64_t value);

}  // namespace tfsk::serving::savedmodel
