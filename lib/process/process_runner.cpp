#include "lib/process/process_runner.h"

#include <unistd.h>

#include <filesystem>
#include <vector>

namespace tfsk {
namespace {

bool IsExecutableFile(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

bool NeedsQuoting(std::string_view word) {
  if (word.empty()) return true;
  for (char c : word) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-_./:=,@%+").find(c) != std::string_view::npos;
    if (!plain) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> FindProgram(std::string_view program, std::string_view path_env) {
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string_view::npos) {
    if (IsExecutableFile(std::filesystem::path(program))) return std::string(program);
    return std::nullopt;
  }
  std::size_t start = 0;
  while (start <= path_env.size()) {
    std::size_t end = path_env.find(':', start);
    if (end == std::string_view::npos) end = path_env.size();
    std::string_view dir = path_env.substr(start, end - start);
    // An empty PATH entry means the current directory (POSIX).
    std::filesystem::path candidate =
        std::filesystem::path(dir.empty() ? "." : std::string(dir)) / std::string(program);
    if (IsExecutableFile(candidate)) return candidate.string();
    start = end + 1;
  }
  return std::nullopt;
}

std::string FormatArgv(const Argv& argv) {
  std::string line;
  for (const auto& word : argv) {
    if (!line.empty()) line += ' ';
    if (!NeedsQuoting(word)) {
      line += word;
      continue;
    }
    line += '\'';
    for (char c : word) {
      if (c == '\'') {
        line += "'\\''";
      } else {
        line += c;
      }
    }
    line += '\'';
  }
  return line;
}

std::string TailLines(std::string_view text, std::size_t max_lines, std::string_view indent) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) lines.push_back(line);
    start = end + 1;
  }
  std::size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
  std::string out;
  for (std::size_t i = first; i < lines.size(); ++i) {
    out += indent;
    out += lines[i];
    out += '\n';
  }
  return out;
}

}  // namespace tfsk
