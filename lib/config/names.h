#pragma once
// The name rules Kubernetes applies (apimachinery pkg/util/validation). Each returns "" when the
// value is valid, otherwise the reason in the API server's words plus an example.

#include <string>
#include <string_view>

namespace tfsk::config {

/// RFC 1123 label: at most 63 lowercase alphanumerics or '-', starting and ending alphanumeric.
/// Namespaces, container, volume and label-like names.
std::string CheckDns1123Label(std::string_view value);

/// RFC 1123 subdomain: at most 253 characters, dot-separated RFC 1123 labels. ConfigMap,
/// Deployment and HorizontalPodAutoscaler names.
std::string CheckDns1123Subdomain(std::string_view value);

/// RFC 1035 label: like an RFC 1123 label but starting with a letter. Service names.
std::string CheckDns1035Label(std::string_view value);

/// A label value: empty, or at most 63 characters of alphanumerics, '-', '_' or '.', starting
/// and ending alphanumeric.
std::string CheckLabelValue(std::string_view value);

/// An IANA service name (container and Service port names): 1-15 lowercase alphanumerics or
/// '-', at least one letter, no leading, trailing or doubled '-'.
std::string CheckPortName(std::string_view value);

/// A registry to push images to, as image references spell it (distribution/reference):
/// HOST[:PORT][/PATH], e.g. "registry.example.com:5000/team" or "localhost:5001". HOST is a
/// DNS name or an IPv4 address; PATH is '/'-separated lowercase components of alphanumerics
/// separated by '.', '_', '__' or '-'. No scheme, no tag, no trailing '/'.
std::string CheckRegistry(std::string_view value);

}  // namespace tfsk::config
