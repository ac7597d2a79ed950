#include "lib/local/local_logs.h"

#include <deque>
#include <fstream>
#include <string>
#include <thread>

#include "lib/state/local_state.h"

namespace tfsk::local {
namespace fs = std::filesystem;

namespace {

// Prints the last `tail` complete lines of `in` (all when tail < 0) and returns the offset
// just after the last complete line, where following resumes (a half-written last line is
// printed once the server finishes it).
std::streamoff PrintTail(std::ifstream& in, int tail, std::ostream& out) {
  std::deque<std::string> last;
  std::streamoff end = 0;
  for (std::string line; std::getline(in, line);) {
    if (in.eof()) break;  // no newline yet: not a complete line
    end = in.tellg();
    last.push_back(std::move(line));
    if (tail >= 0 && static_cast<int>(last.size()) > tail) last.pop_front();
  }
  for (const auto& l : last) out << l << "\n";
  out.flush();
  return end;
}

}  // namespace

Status PrintLog(const fs::path& log, const LogsOptions& options, std::ostream& out) {
  std::ifstream in(log, std::ios::binary);
  if (!in) {
    return NotFound(
        "log file " + log.string() +
        " does not exist; the server writes it when `tfsk up --target local` starts it");
  }
  std::streamoff pos = PrintTail(in, options.tail, out);
  if (!options.follow) return OkStatus();
  std::string partial;
  while (!options.stop()) {
    std::error_code ec;
    const auto size = static_cast<std::streamoff>(fs::file_size(log, ec));
    if (!ec && size < pos) pos = 0;  // truncated or replaced by a new server: start over
    if (!ec && size > pos) {
      std::ifstream again(log, std::ios::binary);
      again.seekg(pos);
      for (std::string line; std::getline(again, line);) {
        if (again.eof()) break;
        pos = again.tellg();
        out << line << "\n";
      }
      out.flush();
    }
    std::this_thread::sleep_for(options.poll);
  }
  return OkStatus();
}

Status PrintProjectLog(const fs::path& project, const LogsOptions& options, std::ostream& out) {
  TFSK_ASSIGN_OR_RETURN(std::optional<state::LocalState> s, state::LoadLocalState(project));
  if (!s) {
    return FailedPrecondition("nothing runs locally in " + fs::absolute(project).string() +
                              " (no .tfsk/local.json); start it with: tfsk up --target local");
  }
  return PrintLog(s->log_path, options, out);
}

}  // namespace tfsk::local
