#include "lib/image/oci_json.h"

#include <boost/json.hpp>

namespace tfsk::image {
namespace json = boost::json;
namespace {

json::object DescriptorJson(const Descriptor& d) {
  json::object o;
  o["mediaType"] = d.media_type;
  o["digest"] = d.digest;
  o["size"] = d.size;
  return o;
}

json::array Strings(const std::vector<std::string>& values) {
  json::array a;
  for (const auto& v : values) a.emplace_back(v);
  return a;
}

}  // namespace

std::string ConfigJson(const ImageConfig& c, const std::vector<std::string>& diff_ids) {
  json::object run;
  if (!c.user.empty()) run["User"] = c.user;
  json::object ports;
  for (const auto& p : c.exposed_ports) ports[p] = json::object();
  if (!ports.empty()) run["ExposedPorts"] = ports;
  if (!c.env.empty()) run["Env"] = Strings(c.env);
  if (!c.entrypoint.empty()) run["Entrypoint"] = Strings(c.entrypoint);
  if (!c.cmd.empty()) run["Cmd"] = Strings(c.cmd);
  if (!c.working_dir.empty()) run["WorkingDir"] = c.working_dir;
  json::object labels;
  for (const auto& [k, v] : c.labels) labels[k] = v;
  if (!labels.empty()) run["Labels"] = labels;

  json::array history;
  for (const auto& line : c.history) {
    json::object h;
    h["created"] = c.created;
    h["created_by"] = line;
    history.push_back(h);
  }
  json::object rootfs;
  rootfs["type"] = "layers";
  rootfs["diff_ids"] = Strings(diff_ids);

  json::object o;
  o["architecture"] = c.architecture;
  o["os"] = c.os;
  o["created"] = c.created;
  o["config"] = run;
  o["rootfs"] = rootfs;
  o["history"] = history;
  return json::serialize(o);
}

std::string ManifestJson(const Descriptor& config, const std::vector<Descriptor>& layers) {
  json::object o;
  o["schemaVersion"] = 2;
  o["mediaType"] = kManifestMediaType;
  o["config"] = DescriptorJson(config);
  json::array l;
  for (const auto& d : layers) l.push_back(DescriptorJson(d));
  o["layers"] = l;
  return json::serialize(o);
}

std::string IndexJson(const Descriptor& manifest, const std::string& reference) {
  json::object m = DescriptorJson(manifest);
  json::object annotations;
  annotations["io.containerd.image.name"] = FullyQualified(reference);
  annotations["org.opencontainers.image.ref.name"] = TagOf(reference);
  m["annotations"] = annotations;
  json::object o;
  o["schemaVersion"] = 2;
  o["mediaType"] = kIndexMediaType;
  o["manifests"] = json::array{m};
  return json::serialize(o);
}

std::string DockerManifestJson(const std::string& config_path, const std::string& reference,
                               const std::vector<std::string>& layer_paths) {
  json::object image;
  image["Config"] = config_path;
  image["RepoTags"] = json::array{json::value(reference)};
  image["Layers"] = Strings(layer_paths);
  return json::serialize(json::array{image});
}

std::string OciLayoutJson() { return R"({"imageLayoutVersion":"1.0.0"})"; }

std::string BlobPath(const std::string& digest) {
  const std::size_t colon = digest.find(':');
  return "blobs/" + digest.substr(0, colon) + "/" + digest.substr(colon + 1);
}

}  // namespace tfsk::image
