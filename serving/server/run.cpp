#include "serving/server/run.h"

namespace tfsk::serving {

int RunServer(const ServerOptions& options, std::ostream& /*log*/, std::ostream& err) {
  if (Status s = ValidateServerOptions(options); !s.ok()) {
    err << "tfsk-serving: " << s.message() << "\n";
    return 2;
  }
  // The model manager and REST server are not built yet (see docs/architecture.md).
  err << "tfsk-serving: serving models is not available in this build yet\n";
  return 70;
}

}  // namespace tfsk::serving
