#include "serving/savedmodel/crc32c.h"

#include <boost/crc.hpp>

namespace tfsk::serving::savedmodel {
namespace {

// Castagnoli: normal polynomial 0x1EDC6F41 (reflected 0x82F63B78), reflected in and out.
using Crc32cComputer = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;

std::uint32_t ReverseBits(std::uint32_t v) {
  std::uint32_t r = 0;
  for (int i = 0; i < 32; ++i) {
    r = (r << 1) | (v & 1u);
    v >>= 1;
  }
  return r;
}

}  // namespace

std::uint32_t Crc32c(std::string_view data) { return Crc32cExtend(0, data); }

std::uint32_t Crc32cExtend(std::uint32_t crc, std::string_view data) {
  // Continuing a finished CRC: undo the final xor to get the register. Boost takes the initial
  // remainder in unreflected form and reflects it internally, so hand it over bit-reversed.
  Crc32cComputer computer(ReverseBits(crc ^ 0xFFFFFFFFu));
  computer.process_bytes(data.data(), data.size());
  return computer.checksum();
}

}  // namespace tfsk::serving::savedmodel
