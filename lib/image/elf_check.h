#pragma once
// Is a program self-contained? The image holds tfsk-serving and nothing else (no dynamic loader,
// no shared libraries), so the binary must be statically linked: an ELF executable without a
// PT_INTERP program header (the request for a dynamic loader).

#include <filesystem>
#include <string>

#include "lib/base/status.h"

namespace tfsk::image {

/// What an ELF file needs to run.
struct ElfInfo {
  std::string machine;      ///< image architecture spelling: "amd64", "arm64", or "elf-<n>"
  std::string interpreter;  ///< PT_INTERP contents ("" for a static executable)
};

/// Reads the ELF header and program headers of `path` (64-bit little-endian only).
/// Errors: NotFound when the file cannot be opened, InvalidArgument when it is not a 64-bit
/// little-endian ELF executable.
StatusOr<ElfInfo> ReadElfInfo(const std::filesystem::path& path);

/// OK when `path` is a static ELF executable; FailedPrecondition naming the loader it asks for
/// otherwise, with the command that builds the static server.
Status CheckStaticExecutable(const std::filesystem::path& path);

}  // namespace tfsk::image
