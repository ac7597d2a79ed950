#pragma once
// Where the tfsk-serving binary is: installed next to tfsk, in the build tree (build/<x>/cli/tfsk
// and build/<x>/serving/tfsk-serving), or on PATH.

#include <filesystem>
#include <string>

#include "lib/base/status.h"

namespace tfsk::local {

/// Candidates in order: <dir of self_exe>/<name>, <dir of self_exe>/../serving/<name>, then
/// every PATH entry. `self_exe` defaults to /proc/self/exe. `name` is "tfsk-serving", or
/// "tfsk-serving-static" for the container image. NotFound lists what was tried.
StatusOr<std::filesystem::path> FindServingBinary(std::filesystem::path self_exe = {},
                                                  const std::string& path_env = "<from env>",
                                                  const std::string& name = "tfsk-serving");

/// The static server the container image packs: `override` when given (--serving-binary), else
/// FindServingBinary's search for "tfsk-serving-static".
StatusOr<std::filesystem::path> StaticServingBinary(const std::filesystem::path& override = {});

}  // namespace tfsk::local
