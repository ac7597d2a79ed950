// libFuzzer target for the TensorBundle reader (SSTable index + data shard).
//
// Input layout: a little-endian uint32 L, then L bytes of `<prefix>.index`, then the rest as
// `<prefix>.data-00000-of-00001`. Each run writes both files to a private temporary directory,
// opens the bundle and looks up every key. The index bytes are also parsed directly as block
// contents, since in a real file a checksum guards the block parser. Any crash, sanitizer report,
// or allocation beyond libFuzzer's -rss_limit_mb is a bug: malformed input must only ever produce a
// Status.
//
// Build (clang only): cmake -S . -B build/fuzz -G Ninja -DTFSK_FUZZ=ON \
//   -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ && \
//   cmake --build build/fuzz --target bundle_reader_fuzz
// Run:  build/fuzz/serving/bundle_reader_fuzz -max_total_time=60 [corpus_dir]
// Seed: printf a fixture's index length as 4 LE bytes, then cat its .index and .data files.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "serving/savedmodel/bundle_reader.h"
#include "serving/savedmodel/coding.h"
#include "serving/savedmodel/sstable.h"

namespace {

namespace fs = std::filesystem;

const fs::path& WorkDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("tfsk_bundle_fuzz_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

void Write(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::uint32_t index_size = 0;
  if (!tfsk::serving::savedmodel::GetFixed32(&input, &index_size)) return 0;
  if (index_size > input.size()) index_size = static_cast<std::uint32_t>(input.size());
  // The block parser sits behind a CRC in real files; also feed it the raw index bytes directly.
  (void)tfsk::serving::savedmodel::ParseBlockEntries(input.substr(0, index_size), "fuzz", 0);
  const std::string prefix = (WorkDir() / "variables").string();
  Write(prefix + ".index", input.substr(0, index_size));
  Write(prefix + ".data-00000-of-00001", input.substr(index_size));

  auto reader = tfsk::serving::savedmodel::BundleReader::Open(prefix);
  if (!reader.ok()) return 0;
  for (const auto& key : reader->ListKeys()) {
    (void)reader->LookupDtypeAndShape(key);
    auto tensor = reader->Lookup(key);
    if (tensor.ok()) (void)tensor->DebugString();
  }
  return 0;
}
