#include "lib/cluster/json_fields.h"

#include <boost/json.hpp>

namespace tfsk::cluster::json {

StatusOr<boost::json::value> Parse(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) {
    std::string excerpt(text.substr(0, 120));
    return InvalidArgument("parsing " + std::string(what) + ": " + ec.message() +
                           " (output began: \"" + excerpt + "\")");
  }
  return v;
}

const boost::json::value* At(const boost::json::value& v,
                             std::initializer_list<std::string_view> path) {
  const boost::json::value* cur = &v;
  for (std::string_view key : path) {
    const auto* obj = cur->if_object();
    if (obj == nullptr) return nullptr;
    auto it = obj->find(key);
    if (it == obj->end()) return nullptr;
    cur = &it->value();
  }
  return cur;
}

std::string Str(const boost::json::value& v, std::initializer_list<std::string_view> path,
                std::string fallback) {
  const auto* p = At(v, path);
  if (p == nullptr || !p->is_string()) return fallback;
  return std::string(p->get_string());
}

std::optional<std::int64_t> Int(const boost::json::value& v,
                                std::initializer_list<std::string_view> path) {
  const auto* p = At(v, path);
  if (p == nullptr) return std::nullopt;
  if (p->is_int64()) return p->get_int64();
  if (p->is_uint64()) return static_cast<std::int64_t>(p->get_uint64());
  if (p->is_double()) {
    double d = p->get_double();
    if (d == static_cast<double>(static_cast<std::int64_t>(d))) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

bool Bool(const boost::json::value& v, std::initializer_list<std::string_view> path,
          bool fallback) {
  const auto* p = At(v, path);
  if (p == nullptr || !p->is_bool()) return fallback;
  return p->get_bool();
}

}  // namespace tfsk::cluster::json
