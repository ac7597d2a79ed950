#pragma once
// The two patch formats kubectl sends: strategic merge patch (client-side `kubectl apply`,
// application/strategic-merge-patch+json) and JSON merge patch (RFC 7386,
// application/merge-patch+json).
//
// Strategic merge follows the list metadata of the OpenAPI schemas: a list field whose
// x-kubernetes-patch-strategy includes "merge" is merged item by item on its merge key
// (containers by name, ports by containerPort, env by name, volumes by name, ...); any other
// list is replaced whole. Directives understood: `null` (delete the key), `$patch: delete |
// replace | merge` in a map or a list item, `$retainKeys`, `$setElementOrder/<field>`,
// `$deleteFromPrimitiveList/<field>`. Merged lists of scalars take the union.

#include <boost/json.hpp>

#include <string>

#include "tests/support/apiserver_standin/openapi.h"

namespace apiserver {

/// RFC 7386: objects merge recursively, null deletes, anything else replaces.
boost::json::value JsonMergePatch(const boost::json::value& target,
                                  const boost::json::value& patch);

/// Applies a strategic merge patch to `original` (an object of the kind `schema` describes).
/// Returns false with `error` set for a malformed patch (a list item without its merge key, an
/// unknown $patch value).
bool StrategicMergePatch(boost::json::object& original, const boost::json::object& patch,
                         const SchemaCursor& schema, std::string* error);

}  // namespace apiserver
