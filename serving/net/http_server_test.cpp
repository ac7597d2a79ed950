#include "serving/net/http_server.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "serving/net/gzip.h"
#include "serving/net/test_client_test_util.h"

namespace tfsk::serving::net {
namespace {

using testing::RawRequest;
using testing::TestClient;

// Echoes what it received: "METHOD TARGET|body|content-encoding|origin".
Response Echo(const Request& r) {
  Response res;
  res.content_type = "application/json";
  res.body = r.method + " " + r.target + "|" + r.body + "|" + r.content_encoding + "|" + r.origin;
  return res;
}

HttpServerOptions TestOptions(int threads = 2) {
  HttpServerOptions o;
  o.address = "127.0.0.1";
  o.num_threads = threads;
  o.log = [](const std::string&) {};
  return o;
}

// Starts a server and stops it at scope exit (style habit 7).
struct Running {
  HttpServer server;
  Running(HttpServerOptions o, Handler h) : server(std::move(o), std::move(h)) {
    Status s = server.Start();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    REQUIRE(server.port() > 0);
  }
  ~Running() { server.Stop(); }
};

}  // namespace

TEST_SUITE("HttpServer") {
  TEST_CASE("answers a GET and a POST") {
    Running r(TestOptions(), Echo);
    TestClient c(r.server.port());
    REQUIRE(c.connected());
    REQUIRE(c.Send(RawRequest("GET", "/v1/models/m?x=1")));
    auto get = c.Read();
    REQUIRE(get.has_value());
    CHECK(get->status == 200);
    CHECK(get->headers["content-type"] == "application/json");
    CHECK(get->body == "GET /v1/models/m?x=1|||");
    REQUIRE(c.Send(RawRequest("POST", "/v1/models/m:predict", R"({"instances": [1.0]})",
                              "Origin: http://a.b\r\n")));
    auto post = c.Read();
    REQUIRE(post.has_value());
    CHECK(post->body == R"(POST /v1/models/m:predict|{"instances": [1.0]}||http://a.b)");
  }

  TEST_CASE("keeps a connection alive across requests") {
    Running r(TestOptions(1), Echo);
    TestClient c(r.server.port());
    for (int i = 0; i < 5; ++i) {
      REQUIRE(c.Send(RawRequest("POST", "/n", std::to_string(i))));
      auto res = c.Read();
      REQUIRE(res.has_value());
      CHECK(res->body == "POST /n|" + std::to_string(i) + "||");
      CHECK(res->headers.count("connection") == 0);  // HTTP/1.1 default: keep-alive
    }
    // Pipelined: two requests in one write, two answers in order.
    REQUIRE(c.Send(RawRequest("GET", "/a") + RawRequest("GET", "/b")));
    CHECK(c.Read()->body == "GET /a|||");
    CHECK(c.Read()->body == "GET /b|||");
  }

  TEST_CASE("HTTP/1.0 clients get keep-alive only when they ask for it") {
    Running r(TestOptions(1), Echo);
    TestClient keep(r.server.port());
    for (int i = 0; i < 2; ++i) {
      REQUIRE(keep.Send("GET /k HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
      auto res = keep.Read();
      REQUIRE(res.has_value());
      CHECK(res->headers["connection"] == "keep-alive");
    }
    TestClient once(r.server.port());
    REQUIRE(once.Send("GET /o HTTP/1.0\r\n\r\n"));
    auto res = once.Read();
    REQUIRE(res.has_value());
    CHECK(res->body == "GET /o|||");
    CHECK(once.WaitClosed());
  }

  TEST_CASE("passes status, extra headers and close through") {
    Running r(TestOptions(1), [](const Request&) {
      return Response{404, "text/html", "<p>no</p>", {{"Access-Control-Allow-Origin", "*"}}, true};
    });
    TestClient c(r.server.port());
    REQUIRE(c.Send(RawRequest("GET", "/x")));
    auto res = c.Read();
    REQUIRE(res.has_value());
    CHECK(res->status == 404);
    CHECK(res->headers["access-control-allow-origin"] == "*");
    CHECK(res->headers["connection"] == "close");
    CHECK(res->body == "<p>no</p>");
    CHECK(c.WaitClosed());
  }

  TEST_CASE("HEAD gets the headers without a body") {
    Running r(TestOptions(1), Echo);
    TestClient c(r.server.port());
    REQUIRE(c.Send(RawRequest("HEAD", "/h")));
    auto res = c.ReadHead();
    REQUIRE(res.has_value());
    CHECK(res->body.find("Content-Length: 10") != std::string::npos);  // "HEAD /h|||"
    REQUIRE(c.Send(RawRequest("GET", "/g")));
    CHECK(c.Read()->body == "GET /g|||");  // nothing stray was left on the wire
  }

  TEST_CASE("rejects an oversized body with 413 and closes") {
    HttpServerOptions o = TestOptions(1);
    o.max_body_bytes = 100;
    Running r(o, Echo);
    SUBCASE("declared by Content-Length") {
      TestClient c(r.server.port());
      REQUIRE(c.Send(RawRequest("POST", "/big", std::string(1000, 'x'))));
      auto res = c.Read();
      REQUIRE(res.has_value());
      CHECK(res->status == 413);
      CHECK(c.WaitClosed());
    }
    SUBCASE("after gunzip") {
      TestClient c(r.server.port());
      REQUIRE(c.Send(
          RawRequest("POST", "/big", Gzip(std::string(1000, 'x')), "Content-Encoding: gzip\r\n")));
      auto res = c.Read();
      REQUIRE(res.has_value());
      CHECK(res->status == 413);
    }
    SUBCASE("a body within the limit still works") {
      TestClient c(r.server.port());
      REQUIRE(c.Send(RawRequest("POST", "/ok", std::string(100, 'y'))));
      CHECK(c.Read()->status == 200);
    }
  }

  TEST_CASE("gunzips request bodies") {
    Running r(TestOptions(1), Echo);
    TestClient c(r.server.port());
    REQUIRE(c.Send(
        RawRequest("POST", "/z", Gzip(R"({"instances": [1]})"), "Content-Encoding: gzip\r\n")));
    CHECK(c.Read()->body == R"(POST /z|{"instances": [1]}|gzip|)");
    REQUIRE(c.Send(RawRequest("POST", "/z", "not gzip", "Content-Encoding: gzip\r\n")));
    CHECK(c.Read()->status == 400);
  }

  TEST_CASE("answers 100 Continue before reading the body") {
    Running r(TestOptions(1), Echo);
    TestClient c(r.server.port());
    const std::string body = "{\"a\": 1}";
    REQUIRE(c.Send("POST /c HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n"));
    auto cont = c.Read();
    REQUIRE(cont.has_value());
    CHECK(cont->status == 100);
    REQUIRE(c.Send(body));
    CHECK(c.Read()->body == "POST /c|{\"a\": 1}||");
  }

  TEST_CASE("reads requests however their bytes are split across packets") {
    // The connection parses what is buffered before reading more; a request may end anywhere.
    Running r(TestOptions(1), Echo);
    TestClient c(r.server.port());
    const auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
    // Header and body in pieces, the split inside the header and inside the body.
    REQUIRE(c.Send("POST /p HTTP/1.1\r\nHo"));
    pause();
    REQUIRE(c.Send("st: t\r\nContent-Length: 11\r\n\r\nhello"));
    pause();
    REQUIRE(c.Send(" world"));
    CHECK(c.Read()->body == "POST /p|hello world||");
    // A chunked body, then a pipelined request whose header is cut in the middle.
    REQUIRE(
        c.Send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
               "3\r\nabc\r\n"));
    pause();
    REQUIRE(c.Send("2\r\nde\r\n0\r\n\r\nPOST /n HTTP/1.1\r\nHost: t\r\nContent-Le"));
    pause();
    REQUIRE(c.Send("ngth: 2\r\n\r\nok"));
    CHECK(c.Read()->body == "POST /c|abcde||");
    CHECK(c.Read()->body == "POST /n|ok||");
    // A malformed chunk size is a 400, not a hang.
    REQUIRE(c.Send("POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
    auto bad = c.Read();
    REQUIRE(bad.has_value());
    CHECK(bad->status == 400);
  }

  TEST_CASE("of a repeated header the first one counts, names are case-insensitive") {
    Running r(TestOptions(1), Echo);
    TestClient c(r.server.port());
    REQUIRE(c.Send(RawRequest("POST", "/o", "b",
                              "origin: http://first\r\nOrigin: http://second\r\n"
                              "CONTENT-ENCODING: identity\r\n")));
    auto res = c.Read();
    REQUIRE(res.has_value());
    CHECK(res->body == "POST /o|b|identity|http://first");
  }

  TEST_CASE("answers larger than the socket buffer and long pipelines arrive whole, in order") {
    // A big answer cannot be written in line at once: the rest goes out asynchronously. A long
    // pipeline is answered partly in line and partly from the scheduler (depth guard).
    const std::string big(8 << 20, 'x');
    Running r(TestOptions(1), [&big](const Request& req) {
      Response res;
      res.content_type = "text/plain";
      res.body = req.target == "/big" ? big : req.target;
      return res;
    });
    TestClient c(r.server.port());
    REQUIRE(c.Send(RawRequest("GET", "/big")));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the send buffer fill
    auto res = c.Read();
    REQUIRE(res.has_value());
    CHECK(res->body.size() == big.size());
    CHECK(res->body == big);
    std::string pipeline;
    for (int i = 0; i < 100; ++i) pipeline += RawRequest("GET", "/p" + std::to_string(i));
    REQUIRE(c.Send(pipeline));
    for (int i = 0; i < 100; ++i) {
      auto answer = c.Read();
      REQUIRE(answer.has_value());
      CHECK(answer->body == "/p" + std::to_string(i));
    }
  }

  TEST_CASE("oversized headers get 431") {
    HttpServerOptions o = TestOptions(1);
    o.max_header_bytes = 1024;
    Running r(o, Echo);
    TestClient c(r.server.port());
    REQUIRE(c.Send(RawRequest("GET", "/h", "", "X-Big: " + std::string(4096, 'b') + "\r\n")));
    auto res = c.Read();
    REQUIRE(res.has_value());
    CHECK(res->status == 431);
  }

  TEST_CASE("malformed requests get 400") {
    Running r(TestOptions(1), Echo);
    TestClient c(r.server.port());
    REQUIRE(c.Send("GET /x HTTP/1.1\r\nBad Header\r\n\r\n"));
    auto res = c.Read();
    REQUIRE(res.has_value());
    CHECK(res->status == 400);
  }

  TEST_CASE("drops a client that stalls in the middle of its header") {
    HttpServerOptions o = TestOptions(1);
    o.header_timeout = std::chrono::milliseconds(100);
    Running r(o, Echo);
    TestClient c(r.server.port());
    REQUIRE(c.Send("GET /slow HTTP/1.1\r\nHost: t\r\n"));  // never finishes the header
    CHECK(c.WaitClosed());
    TestClient idle(r.server.port());  // connects and says nothing
    CHECK(idle.WaitClosed());
  }

  TEST_CASE("drops a client that stalls in its body") {
    HttpServerOptions o = TestOptions(1);
    o.body_timeout = std::chrono::milliseconds(100);
    Running r(o, Echo);
    TestClient c(r.server.port());
    REQUIRE(c.Send("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n123"));
    CHECK(c.WaitClosed());
  }

  TEST_CASE("Stop lets an in-flight request finish, closes idle connections, refuses new ones") {
    // One worker, so the idle connection and the slow request share it: the worst case.
    std::mutex mu;
    std::condition_variable cv;
    bool entered = false, release = false;
    HttpServer server(TestOptions(1), [&](const Request& req) {
      if (req.target == "/slow") {
        std::unique_lock lock(mu);
        entered = true;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
      }
      return Echo(req);
    });
    REQUIRE(server.Start().ok());
    const int port = server.port();
    TestClient idle(port);
    REQUIRE(idle.Send(RawRequest("GET", "/warm")));
    REQUIRE(idle.Read().has_value());  // now idle on keep-alive

    auto busy = std::make_unique<TestClient>(port);
    REQUIRE(busy->Send(RawRequest("GET", "/slow")));
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return entered; });
    }
    std::atomic<bool> stopped{false};
    std::thread stopper([&] {
      server.Stop();
      stopped = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let Stop start waiting
    CHECK_FALSE(stopped);                                        // it waits for /slow
    {
      std::lock_guard lock(mu);
      release = true;
    }
    cv.notify_all();
    auto res = busy->Read();
    REQUIRE(res.has_value());
    CHECK(res->status == 200);
    CHECK(res->body == "GET /slow|||");
    CHECK(res->headers["connection"] == "close");
    busy.reset();  // the server drains until the client hangs up
    CHECK(idle.WaitClosed());
    stopper.join();
    server.Wait();
    CHECK(stopped);
    TestClient late(port);
    CHECK_FALSE(late.connected());
  }

  TEST_CASE("serves concurrent clients from several threads") {
    Running r(TestOptions(2), Echo);
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t) {
      clients.emplace_back([&, t] {
        TestClient c(r.server.port());
        for (int i = 0; i < 50; ++i) {
          const std::string body = std::to_string(t) + ":" + std::to_string(i);
          if (!c.Send(RawRequest("POST", "/p", body))) return;
          auto res = c.Read();
          if (res && res->body == "POST /p|" + body + "||") ++ok;
        }
      });
    }
    for (auto& t : clients) t.join();
    CHECK(ok == 200);
  }

  TEST_CASE("falls back to one shared acceptor when asked not to reuse the port") {
    HttpServerOptions o = TestOptions(3);
    o.reuse_port = false;
    Running r(o, Echo);
    CHECK(r.server.uses_shared_acceptor());
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < 6; ++i) {
      clients.push_back(std::make_unique<TestClient>(r.server.port()));
      REQUIRE(clients.back()->Send(RawRequest("GET", "/" + std::to_string(i))));
    }
    for (int i = 0; i < 6; ++i) {
      CHECK(clients[static_cast<std::size_t>(i)]->Read()->body ==
            "GET /" + std::to_string(i) + "|||");
    }
  }

  TEST_CASE("a port in use is a clear error") {
    Running r(TestOptions(2), Echo);  // listens with SO_REUSEPORT
    HttpServerOptions o = TestOptions(1);
    o.port = r.server.port();
    o.reuse_port = false;
    HttpServer second(o, Echo);
    Status s = second.Start();
    CHECK(s.code() == Code::kUnavailable);
    CHECK(s.message().find("binding 127.0.0.1:" + std::to_string(o.port)) == 0);
    // Also with SO_REUSEPORT, which would otherwise share the port with the running server.
    HttpServerOptions shared = TestOptions(2);
    shared.port = r.server.port();
    HttpServer third(shared, Echo);
    CHECK(third.Start().code() == Code::kUnavailable);
  }

  TEST_CASE("a handler exception becomes a 500") {
    Running r(TestOptions(1), [](const Request&) -> Response { throw std::runtime_error("boom"); });
    TestClient c(r.server.port());
    REQUIRE(c.Send(RawRequest("GET", "/")));
    CHECK(c.Read()->status == 500);
  }
}

TEST_SUITE("Gzip") {
  TEST_CASE("round-trips and rejects bad data") {
    const std::string text(10000, 'a');
    auto back = Gunzip(Gzip(text), 1 << 20);
    REQUIRE(back.ok());
    CHECK(*back == text);
    CHECK(Gunzip(Gzip("ab") + Gzip("cd"), 100).value() == "abcd");
    CHECK(Gunzip("plain", 100).status().code() == Code::kInvalidArgument);
    const std::string z = Gzip(text);
    CHECK(Gunzip(z.substr(0, z.size() / 2), 1 << 20).status().code() == Code::kInvalidArgument);
    CHECK(Gunzip(z, 100).status().code() == Code::kResourceExhausted);
  }
}

}  // namespace tfsk::serving::net
