#pragma once
// The stand-in's HTTP/1.1 transport (the one Boost.Beast translation unit): listens on
// 127.0.0.1, one thread per connection, keep-alive, and either a whole answer or a chunked
// stream (watch) per request. Knows nothing about Kubernetes; the router does.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiserver {

struct HttpRequest {
  std::string method;
  std::string path;                            ///< percent-decoded, without the query
  std::map<std::string, std::string> query;    ///< percent-decoded
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;

  std::string Query(const std::string& name, const std::string& fallback = "") const {
    auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
  }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Where a streamed answer goes, chunk by chunk.
class ChunkWriter {
 public:
  virtual ~ChunkWriter() = default;
  /// Sends one chunk; false once the client is gone.
  virtual bool Write(std::string_view chunk) = 0;
  /// True when the client closed its side (checked between chunks, without blocking).
  virtual bool PeerClosed() = 0;
};

/// An answer: `response` as is, or when `stream` is set, `response`'s status and headers then
/// a chunked body written by `stream` (the connection closes after it returns).
struct Reply {
  HttpResponse response;
  std::function<void(ChunkWriter&)> stream;
};

using Handler = std::function<Reply(const HttpRequest&)>;

class HttpServer {
 public:
  /// Binds 127.0.0.1:`port` (0 = any free port) at once; throws std::runtime_error on failure.
  HttpServer(int port, Handler handler);
  ~HttpServer();
  int port() const;
  /// Accepts connections until the process ends; each gets its own detached thread.
  void Serve();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// "%3D" -> "=", "+" -> " " (query strings).
std::string PercentDecode(std::string_view in, bool plus_is_space);

}  // namespace apiserver
