#include "serving/net/gzip.h"

#include <zlib.h>

namespace tfsk::serving::net {

StatusOr<std::string> Gunzip(std::string_view data, std::size_t max_size) {
  z_stream z{};
  // 16 + MAX_WBITS: expect a gzip header and trailer (not raw zlib).
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return Internal("inflateInit2 failed");
  std::string out;
  char chunk[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  Status status;
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof(chunk);
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof(chunk) - z.avail_out);
    if (out.size() > max_size) {
      status = ResourceExhausted("gunzipped body exceeds " + std::to_string(max_size) + " bytes");
      break;
    }
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK) {
      status = InvalidArgument(std::string("invalid gzip body: ") + (z.msg ? z.msg : "corrupt data"));
      break;
    }
    if (z.avail_in == 0 && z.avail_out != 0) {
      status = InvalidArgument("invalid gzip body: truncated");
      break;
    }
  }
  inflateEnd(&z);
  if (!status.ok()) return status;
  return out;
}

std::string Gzip(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace tfsk::serving::net
