#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1:<ephemeral port> for tests of the client and the load
// generator: keep-alive, one thread per connection, answers chosen by a handler that can delay,
// pick any status, or drop the connection. Plain POSIX sockets (no Beast) so test binaries stay
// quick to compile; not for production use.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace tfsk::http {

struct TestRequest {
  std::string method;
  std::string target;
  std::string body;
};

struct TestReply {
  int status = 200;
  std::string body = R"({"predictions": [2.5, 3.0, 4.5]})";
  std::chrono::milliseconds delay{0};  ///< sleep before answering
  bool drop = false;                   ///< close the connection instead of answering
  bool close_after = false;            ///< answer with Connection: close, then close
};

class TestServer {
 public:
  using Handler = std::function<TestReply(const TestRequest&)>;
  /// Listens at once; `handler` runs on the connection threads (must be thread-safe).
  explicit TestServer(Handler handler);
  ~TestServer();  ///< stops accepting, closes every connection, joins the threads
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const;
  std::string url() const;  ///< "http://127.0.0.1:<port>"
  long long requests() const;  ///< requests read so far

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A port on 127.0.0.1 that refuses connections (bound, then closed again).
int RefusedPort();

}  // namespace tfsk::http
