#include "lib/image/elf_check.h"

#include <elf.h>
#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <vector>

namespace tfsk::image {
namespace {

std::string MachineName(unsigned machine) {
  switch (machine) {
    case EM_X86_64:
      return "amd64";
    case EM_AARCH64:
      return "arm64";
    default:
      return fmt::format("elf-{}", machine);
  }
}

}  // namespace

StatusOr<ElfInfo> ReadElfInfo(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("cannot open {}", path.string()));
  Elf64_Ehdr eh{};
  in.read(reinterpret_cast<char*>(&eh), sizeof(eh));
  const auto not_elf = [&](const char* why) {
    return InvalidArgument(
        fmt::format("{} is not a program this image can run: {}", path.string(), why));
  };
  if (!in || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) return not_elf("no ELF header");
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB) {
    return not_elf("not a 64-bit little-endian ELF file");
  }
  if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) return not_elf("not an executable");
  if (eh.e_phentsize != sizeof(Elf64_Phdr)) return not_elf("unexpected program header size");
  ElfInfo info;
  info.machine = MachineName(eh.e_machine);
  std::vector<Elf64_Phdr> ph(eh.e_phnum);
  in.seekg(static_cast<std::streamoff>(eh.e_phoff));
  in.read(reinterpret_cast<char*>(ph.data()),
          static_cast<std::streamsize>(ph.size() * sizeof(Elf64_Phdr)));
  if (!in) return not_elf("truncated program headers");
  for (const auto& p : ph) {
    if (p.p_type != PT_INTERP) continue;
    std::string interp(p.p_filesz, '\0');
    in.seekg(static_cast<std::streamoff>(p.p_offset));
    in.read(interp.data(), static_cast<std::streamsize>(interp.size()));
    if (!in) return not_elf("truncated PT_INTERP");
    while (!interp.empty() && interp.back() == '\0') interp.pop_back();
    info.interpreter = interp;
  }
  return info;
}

Status CheckStaticExecutable(const std::filesystem::path& path) {
  TFSK_ASSIGN_OR_RETURN(ElfInfo info, ReadElfInfo(path));
  if (info.interpreter.empty()) return OkStatus();
  return FailedPrecondition(fmt::format(
      "{} is dynamically linked (it asks for the loader {}), but the image holds no shared "
      "libraries; use the static build: cmake --build <build dir> --target tfsk-serving-static",
      path.string(), info.interpreter));
}

}  // namespace tfsk::image
