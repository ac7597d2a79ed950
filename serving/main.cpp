// tfsk-serving: a drop-in for tensorflow_model_server's REST side.
#include <iostream>

#include "serving/server/options.h"
#include "serving/server/run.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = tfsk::serving::ParseServerFlags(args, tfsk::serving::RealEnv);
  if (!parsed.options) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.output;
    return parsed.exit_code;
  }
  return tfsk::serving::RunServer(*parsed.options, std::cout, std::cerr);
}
