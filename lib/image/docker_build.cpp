#include "lib/image/docker_build.h"

#include <fmt/format.h>
#include <unistd.h>

#include <system_error>

namespace tfsk::image {
namespace {

std::string Tail(const std::string& text, std::size_t max = 800) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t.size() <= max ? t : "…" + t.substr(t.size() - max);
}

std::string Joined(const Argv& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

Status RunDocker(ProcessRunner& runner, const Argv& argv) {
  auto r = runner.Run(argv);
  if (!r.ok()) return r.status();
  if (r->exit_code != 0) {
    return Internal(fmt::format("`{}` failed (exit {}):\n{}", Joined(argv), r->exit_code,
                                Tail(r->err.empty() ? r->out : r->err)));
  }
  return OkStatus();
}

}  // namespace

Argv DockerBuildArgv(const DockerBuildOptions& o) {
  return {
      "docker",    "build",           "-f", (o.context / "serving" / "Dockerfile").string(), "-t",
      o.reference, o.context.string()};
}

Status DockerBuild(ProcessRunner& runner, const DockerBuildOptions& o) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(o.context / "serving" / "Dockerfile", ec)) {
    return InvalidArgument(fmt::format(
        "{} holds no serving/Dockerfile; run from the tfsk source tree or pass --context DIR",
        o.context.string()));
  }
  auto version = runner.Run({"docker", "version", "--format", "{{.Server.Version}}"});
  if (!version.ok()) {
    return version.status().WithPrefix(
        "--docker needs the docker CLI; without it, leave out --docker (tfsk writes the image "
        "itself)");
  }
  if (version->exit_code != 0) {
    return Unavailable(fmt::format(
        "the docker CLI is installed but no Docker daemon answers:\n  {}\nstart Docker (e.g. "
        "`sudo systemctl start docker`), or leave out --docker: tfsk writes the same image "
        "without a daemon",
        Tail(version->err)));
  }
  TFSK_RETURN_IF_ERROR(RunDocker(runner, DockerBuildArgv(o)));
  if (o.output.empty()) return OkStatus();
  const std::string tmp = o.output.string() + ".tmp." + std::to_string(::getpid());
  Status saved = RunDocker(runner, {"docker", "save", "-o", tmp, o.reference});
  if (saved.ok()) {
    std::filesystem::rename(tmp, o.output, ec);
    if (ec) {
      saved =
          Internal(fmt::format("cannot rename {} to {}: {}", tmp, o.output.string(), ec.message()));
    }
  }
  if (!saved.ok()) std::filesystem::remove(tmp, ec);
  return saved;
}

}  // namespace tfsk::image
