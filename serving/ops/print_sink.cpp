#include "serving/ops/print_sink.h"

#include <cstdio>
#include <mutex>
#include <utility>

namespace tfsk::serving::ops {
namespace {

struct SinkState {
  std::mutex mu;
  PrintSink sink;
};

SinkState& State() {
  static SinkState* state = new SinkState();
  return *state;
}

}  // namespace

void WritePrinted(std::string_view text) {
  SinkState& s = State();
  std::lock_guard lock(s.mu);
  if (s.sink) {
    s.sink(text);
    return;
  }
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

PrintSink ReplacePrintSink(PrintSink sink) {
  SinkState& s = State();
  std::lock_guard lock(s.mu);
  return std::exchange(s.sink, std::move(sink));
}

}  // namespace tfsk::serving::ops
