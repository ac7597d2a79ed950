#pragma once
// Where PrintV2 (tf.print in a model) writes. tfsk-serving sends every output_stream (stdout,
// stderr, log(info|warning|error)) to its stderr: its stdout carries the server's own log
// lines, and TF Serving's default for tf.print is stderr too. One call writes one whole message
// under a lock, so messages from concurrent requests do not interleave.

#include <functional>
#include <string_view>

namespace tfsk::serving::ops {

/// Receives one printed message, `end` included.
using PrintSink = std::function<void(std::string_view text)>;

/// Writes `text` to the current sink (the process's stderr unless replaced).
void WritePrinted(std::string_view text);

/// Replaces the sink and returns the previous one; an empty sink restores stderr. For tests.
PrintSink ReplacePrintSink(PrintSink sink);

}  // namespace tfsk::serving::ops
