// `tfsk image build`: the tfsk-serving container image as an archive file, without a Docker
// daemon (lib/image), or with Docker from serving/Dockerfile (--docker).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "cli/app.h"
#include "cli/context.h"
#include "lib/base/version.h"
#include "lib/image/docker_build.h"
#include "lib/image/reference.h"
#include "lib/image/serving_image.h"
#include "lib/image/source_date.h"
#include "lib/local/serving_binary.h"

namespace tfsk::cli {
namespace {

struct ImageBuildOptions {
  std::string model;
  std::string name = image::kDefaultModelName;
  std::string tag;
  std::string output;
  bool docker = false;
  std::string serving_binary;
  std::string context = ".";
};

std::string Megabytes(std::int64_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

// Bad input (model folder, names, tags, SOURCE_DATE_EPOCH) is the user's to fix: exit 3, like
// an invalid tfsk.yaml; anything else that stopped the build is exit 1.
int Fail(const Status& s, Context& ctx) {
  ctx.err << "tfsk image build: " << s.message() << "\n";
  return s.code() == Code::kInvalidArgument ? kExitConfig : kExitFailure;
}

int RunDocker(const ImageBuildOptions& o, Context& ctx) {
  if (!o.model.empty()) {
    ctx.err << "tfsk image build: --docker builds the runtime image only (the Dockerfile has no "
               "model); leave out --docker to put --model in the image, or mount the model at "
               "/models/NAME\n";
    return kExitUsage;
  }
  auto reference = image::ResolveReference(o.tag, kVersion);
  if (!reference.ok()) return Fail(reference.status(), ctx);
  auto runner = MakeRealProcessRunner();
  Status s = image::DockerBuild(*runner, {o.context, *reference, o.output});
  if (!s.ok()) return Fail(s, ctx);
  ctx.out << fmt::format("built {} with docker\nwrote {}\n", *reference, o.output);
  return kExitOk;
}

int RunImageBuild(const ImageBuildOptions& o, Context& ctx) {
  if (o.docker) return RunDocker(o, ctx);
  const char* sde = std::getenv("SOURCE_DATE_EPOCH");
  auto epoch = image::SourceDateEpoch(sde ? std::optional<std::string>(sde) : std::nullopt);
  if (!epoch.ok()) return Fail(epoch.status(), ctx);
  image::ServingImageOptions b;
  auto binary = local::StaticServingBinary(o.serving_binary);
  if (!binary.ok()) return Fail(binary.status(), ctx);
  b.serving_binary = *binary;
  b.model_dir = o.model;
  b.model_name = o.name;
  b.reference = o.tag;
  b.output = o.output;
  b.mtime = *epoch;
  auto built = image::BuildServingImage(b);
  if (!built.ok()) return Fail(built.status(), ctx);
  ctx.out << fmt::format(
      "built {}\n"
      "digest {}\n"
      "layers {} ({} uncompressed, {} compressed)\n"
      "wrote {} ({})\n"
      "load it with: minikube image load {}  |  docker load -i {}  |  skopeo copy "
      "docker-archive:{} docker://REGISTRY/{}\n",
      built->reference, built->manifest_digest, built->layers, Megabytes(built->uncompressed_size),
      Megabytes(built->compressed_size), o.output, Megabytes(built->archive_size), o.output,
      o.output, o.output, built->reference);
  return kExitOk;
}

}  // namespace

void SetupImage(CLI::App& parent, Context& ctx) {
  CLI::App* image =
      parent.add_subcommand("image", "Build the tfsk-serving container image (no Docker needed)");
  image->require_subcommand(1);
  auto o = std::make_shared<ImageBuildOptions>();
  CLI::App* build = image->add_subcommand(
      "build", "Write tfsk-serving (and optionally a model) as an image archive file");
  build->add_option("--model", o->model,
                    "SavedModel folder (numbered versions inside) to put at /models/NAME");
  build->add_option("--name", o->name, "Model name: the folder under /models and MODEL_NAME")
      ->capture_default_str();
  build->add_option("--tag", o->tag,
                    "Image tag (v1) or name:tag; default tfsk-serving:sha256-<12 hex of the "
                    "manifest digest>");
  build->add_option("-o,--output", o->output, "Archive file to write (.tar)")->required();
  build->add_flag("--docker", o->docker,
                  "Build with Docker from serving/Dockerfile instead (needs a Docker daemon)");
  build->add_option("--serving-binary", o->serving_binary,
                    "A static tfsk-serving to package (default: tfsk-serving-static beside tfsk "
                    "or in the build tree)");
  build->add_option("--context", o->context, "Source tree for --docker")->capture_default_str();
  build->footer(
      "Example: tfsk image build --model models/half_plus_two --name half_plus_two -o hpt.tar\n"
      "The same inputs give the same digest (set SOURCE_DATE_EPOCH to stamp a date).");
  build->callback([o, &ctx] { ctx.exit_code = RunImageBuild(*o, ctx); });
}

}  // namespace tfsk::cli
