#include "serving/rest/example_wire.h"

#include <cstring>

namespace tfsk::serving::rest {
namespace {

void AppendTag(std::string& out, int field, int wire_type) {
  AppendVarint(out, (static_cast<std::uint64_t>(field) << 3) | static_cast<std::uint64_t>(wire_type));
}

void AppendLengthDelimited(std::string& out, int field, std::string_view payload) {
  AppendTag(out, field, 2);
  AppendVarint(out, payload.size());
  out.append(payload);
}

std::string SerializeFeature(const ExampleFeature& f) {
  std::string list;
  switch (f.kind) {
    case ExampleFeature::Kind::kNone: return {};
    case ExampleFeature::Kind::kBytes:
      for (const auto& b : f.bytes) AppendLengthDelimited(list, 1, b);
      break;
    case ExampleFeature::Kind::kFloat: {
      std::string packed;
      for (float v : f.floats) {
        std::uint32_t bits = 0;
        std::memcpy(&bits, &v, sizeof(bits));
        for (int i = 0; i < 4; ++i) packed.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
      }
      if (!packed.empty()) AppendLengthDelimited(list, 1, packed);
      break;
    }
    case ExampleFeature::Kind::kInt64: {
      std::string packed;
      for (std::int64_t v : f.ints) AppendVarint(packed, static_cast<std::uint64_t>(v));
      if (!packed.empty()) AppendLengthDelimited(list, 1, packed);
      break;
    }
  }
  std::string feature;
  const int field = f.kind == ExampleFeature::Kind::kBytes   ? 1
                    : f.kind == ExampleFeature::Kind::kFloat ? 2
                                                             : 3;
  AppendLengthDelimited(feature, field, list);
  return feature;
}

}  // namespace

void AppendVarint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

std::string SerializeExample(const ExampleProto& example) {
  if (!example.has_features) return {};
  std::string features;
  for (const auto& [name, feature] : example.features) {
    std::string entry;
    AppendLengthDelimited(entry, 1, name);
    AppendLengthDelimited(entry, 2, SerializeFeature(feature));
    AppendLengthDelimited(features, 1, entry);
  }
  std::string out;
  AppendLengthDelimited(out, 1, features);
  return out;
}

}  // namespace tfsk::serving::rest
