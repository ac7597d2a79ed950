#include "lib/image/gzip.h"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <cstring>

namespace tfsk::image {
namespace {

// RFC 1952 OS byte 255 = "unknown": zlib would otherwise write the OS it was built for, which
// would make the same layer hash differently on another platform.
constexpr int kUnknownOs = 255;
// windowBits 15 + 16 asks zlib for a gzip wrapper instead of a zlib one.
constexpr int kGzipWindowBits = 15 + 16;

}  // namespace

struct GzipWriter::Impl {
  z_stream zs{};
  gz_header header{};
  bool ok = false;
};

GzipWriter::GzipWriter(ByteSink sink, int level)
    : impl_(std::make_unique<Impl>()), sink_(std::move(sink)) {
  impl_->ok =
      deflateInit2(&impl_->zs, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  if (impl_->ok) {
    impl_->header.time = 0;  // no timestamp
    impl_->header.os = kUnknownOs;
    deflateSetHeader(&impl_->zs, &impl_->header);
  }
}

GzipWriter::~GzipWriter() {
  if (impl_->ok) deflateEnd(&impl_->zs);
}

Status GzipWriter::Pump(std::string_view bytes, int flush) {
  if (!impl_->ok) return Internal("gzip: zlib could not be initialised");
  std::array<unsigned char, 64 * 1024> out{};
  z_stream& zs = impl_->zs;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  do {
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    rc = deflate(&zs, flush);
    if (rc == Z_STREAM_ERROR) return Internal("gzip: deflate failed");
    const std::size_t produced = out.size() - zs.avail_out;
    if (produced > 0) {
      TFSK_RETURN_IF_ERROR(
          sink_(std::string_view(reinterpret_cast<const char*>(out.data()), produced)));
    }
  } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  return OkStatus();
}

Status GzipWriter::Write(std::string_view bytes) {
  // zlib counts input in uInt; feed very large views in pieces.
  constexpr std::size_t kMaxChunk = 1u << 30;
  while (bytes.size() > kMaxChunk) {
    TFSK_RETURN_IF_ERROR(Pump(bytes.substr(0, kMaxChunk), Z_NO_FLUSH));
    bytes.remove_prefix(kMaxChunk);
  }
  return Pump(bytes, Z_NO_FLUSH);
}

Status GzipWriter::Finish() { return Pump({}, Z_FINISH); }

StatusOr<std::string> Gzip(std::string_view bytes, int level) {
  std::string out;
  GzipWriter w(
      [&out](std::string_view chunk) {
        out.append(chunk);
        return OkStatus();
      },
      level);
  TFSK_RETURN_IF_ERROR(w.Write(bytes));
  TFSK_RETURN_IF_ERROR(w.Finish());
  return out;
}

StatusOr<std::string> Gunzip(std::string_view gz) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) return Internal("gunzip: zlib init failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  std::array<unsigned char, 64 * 1024> buf{};
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = buf.data();
    zs.avail_out = static_cast<uInt>(buf.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return DataLoss(fmt::format("gunzip: corrupt or truncated gzip stream (zlib {})", rc));
    }
    out.append(reinterpret_cast<const char*>(buf.data()), buf.size() - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return DataLoss("gunzip: truncated gzip stream");
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace tfsk::image
