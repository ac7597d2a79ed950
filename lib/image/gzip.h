#pragma once
// Deterministic gzip (zlib): the header carries no timestamp, no file name and a fixed OS byte,
// so equal input bytes always give equal compressed bytes — and equal layer digests.

#include <memory>
#include <string>
#include <string_view>

#include "lib/image/byte_sink.h"

namespace tfsk::image {

/// Compresses a stream into `sink` as one gzip member.
class GzipWriter {
 public:
  /// `level` is zlib's 0-9 (6 is gzip's default: a good size for little time on 2 cores).
  explicit GzipWriter(ByteSink sink, int level = 6);
  ~GzipWriter();
  GzipWriter(const GzipWriter&) = delete;
  GzipWriter& operator=(const GzipWriter&) = delete;

  /// Compresses `bytes`; errors come from the sink or zlib (Internal).
  Status Write(std::string_view bytes);
  /// Flushes the rest and the gzip trailer. Call exactly once, after the last Write.
  Status Finish();

 private:
  Status Pump(std::string_view bytes, int flush);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  ByteSink sink_;
};

/// `bytes` gzipped in one go (tests and small blobs).
StatusOr<std::string> Gzip(std::string_view bytes, int level = 6);

/// Inflates a whole gzip stream (tests read layers back with it). DataLoss on corrupt input.
StatusOr<std::string> Gunzip(std::string_view gz);

}  // namespace tfsk::image
