#pragma once
// SHA-256 for content addresses ("sha256:<hex>"), through OpenSSL's libcrypto: image blobs are
// named by the digest of their bytes, and layers carry the digest of their uncompressed tar.

#include <memory>
#include <string>
#include <string_view>

namespace tfsk::image {

/// An incremental SHA-256. Feed bytes with Update, read the result once with HexDigest.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  /// 64 lower-case hex digits of everything fed so far. Call once; later Updates are ignored.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

/// "sha256:" + hex: the digest form of OCI descriptors and Docker configs.
inline std::string DigestOf(std::string_view hex) { return "sha256:" + std::string(hex); }

}  // namespace tfsk::image
