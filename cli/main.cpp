// tfsk: deploy a TensorFlow model behind an autoscaled service in one command.
#include "cli/app.h"

int main(int argc, char** argv) { return tfsk::cli::Main(argc, argv); }
