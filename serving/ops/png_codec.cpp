#include "serving/ops/png_codec.h"

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstring>

namespace tfsk::serving::ops {
namespace {

// libpng reports errors through png_error, which longjmps to the setjmp of the frame that
// called it; those frames (InitLow, ReadLow) hold plain data only.
struct Reader {
  const unsigned char* data = nullptr;
  std::size_t left = 0;
  bool error = false;
  png_structp png = nullptr;
  png_infop info = nullptr;
  png_uint_32 width = 0, height = 0;
  int bit_depth = 0, color_type = 0, channels = 0, passes = 1;
  bool widen_to_16 = false;
};

void ReadBytes(png_structp png, png_bytep out, png_size_t length) {
  auto* r = static_cast<Reader*>(png_get_io_ptr(png));
  if (r->left < length) {
    r->error = true;
    std::memset(out, 0, length);
    return;
  }
  std::memcpy(out, r->data, length);
  r->data += length;
  r->left -= length;
}

void OnError(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void OnWarning(png_structp, png_const_charp) {}

void Free(Reader* r) {
  if (r->png != nullptr) png_destroy_read_struct(&r->png, r->info ? &r->info : nullptr, nullptr);
  r->png = nullptr;
  r->info = nullptr;
}

/// Header and transformations; false when the data is not a usable PNG.
bool InitLow(Reader* r, int desired_channels, int bits) {
  r->channels = desired_channels;
  r->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r, OnError, OnWarning);
  if (r->png == nullptr) return false;
  if (setjmp(png_jmpbuf(r->png))) {
    Free(r);
    return false;
  }
  r->info = png_create_info_struct(r->png);
  if (r->info == nullptr) {
    Free(r);
    return false;
  }
  png_set_read_fn(r->png, r, ReadBytes);
  png_read_info(r->png, r->info);
  png_get_IHDR(r->png, r->info, &r->width, &r->height, &r->bit_depth, &r->color_type, nullptr,
               nullptr, nullptr);
  if (r->error || r->width == 0 || r->height == 0) {
    Free(r);
    return false;
  }
  if (r->channels == 0) r->channels = png_get_channels(r->png, r->info);
  const bool has_trns = png_get_valid(r->png, r->info, PNG_INFO_tRNS) != 0;
  const bool has_alpha = (r->color_type & PNG_COLOR_MASK_ALPHA) != 0;
  if (r->channels % 2 == 0) {  // alpha wanted
    if (!has_alpha) {
      if (has_trns) {
        png_set_tRNS_to_alpha(r->png);
      } else {
        png_set_add_alpha(r->png, (1U << r->bit_depth) - 1, PNG_FILLER_AFTER);
      }
    }
  } else if (has_alpha || has_trns) {
    png_set_strip_alpha(r->png);
  }
  if (r->bit_depth > 8 && bits <= 8) png_set_strip_16(r->png);
  r->widen_to_16 = r->bit_depth <= 8 && bits == 16;
  png_set_packing(r->png);
  if (bits > 8) png_set_swap(r->png);  // PNG is big-endian; tensors here are little-endian
  if (r->color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(r->png);
  const bool want_gray = r->channels < 3;
  const bool is_gray = (r->color_type & PNG_COLOR_MASK_COLOR) == 0;
  if (is_gray && r->bit_depth < 8) png_set_expand_gray_1_2_4_to_8(r->png);
  if (want_gray && !is_gray) png_set_rgb_to_gray(r->png, 1, 0.299, 0.587);  // BT.601
  if (!want_gray && is_gray) png_set_gray_to_rgb(r->png);
  // TensorFlow asks for some of these after png_read_update_info, which its libpng build
  // tolerates and Debian's rejects as an application error; libpng applies transformations in
  // its own fixed order whenever they are asked for, so asking first gives the same rows.
  r->passes = png_set_interlace_handling(r->png);
  png_read_update_info(r->png, r->info);
  return true;
}

/// The rows into `pixels` (row_bytes apart); false on a read error.
bool ReadLow(Reader* r, unsigned char* pixels, std::size_t row_bytes) {
  if (setjmp(png_jmpbuf(r->png))) {
    Free(r);
    return false;
  }
  for (int pass = 0; pass < r->passes; ++pass) {
    unsigned char* row = pixels;
    for (png_uint_32 h = 0; h < r->height; ++h, row += row_bytes) {
      png_read_row(r->png, row, nullptr);
    }
  }
  png_read_end(r->png, r->info);
  Free(r);
  return !r->error;
}

}  // namespace

bool LooksLikePng(std::string_view data) { return data.starts_with("\x89PNG\r\n\x1a\n"); }

StatusOr<Tensor> DecodePngImage(std::string_view data, int channels, int bits) {
  Reader r;
  r.data = reinterpret_cast<const unsigned char*>(data.data());
  r.left = data.size();
  if (!InitLow(&r, channels, bits)) {
    return InvalidArgument("Invalid PNG. Failed to initialize decoder.");
  }
  const auto width = static_cast<std::int64_t>(r.width);
  const auto height = static_cast<std::int64_t>(r.height);
  if (width >= (std::int64_t{1} << 27) || height >= (std::int64_t{1} << 27) ||
      width * height >= (std::int64_t{1} << 29)) {
    Free(&r);
    return InvalidArgument("PNG size too large for int: " + std::to_string(width) + " by " +
                           std::to_string(height));
  }
  Tensor out(bits == 16 ? DataType::kUint16 : DataType::kUint8, {height, width, r.channels});
  const std::size_t row_bytes = static_cast<std::size_t>(width) * r.channels * (bits / 8);
  auto* pixels = reinterpret_cast<unsigned char*>(out.mutable_bytes().data());
  if (!ReadLow(&r, pixels, row_bytes)) {
    return InvalidArgument("Invalid PNG data, size " + std::to_string(data.size()));
  }
  if (r.widen_to_16) {
    // The 8-bit samples sit at the start of each 16-bit row; widen in place from the back.
    for (std::int64_t y = 0; y < height; ++y) {
      unsigned char* row = pixels + static_cast<std::size_t>(y) * row_bytes;
      auto* wide = reinterpret_cast<std::uint16_t*>(row);
      for (std::size_t i = static_cast<std::size_t>(width) * r.channels; i-- > 0;) {
        wide[i] = static_cast<std::uint16_t>(row[i] * 257);
      }
    }
  }
  return out;
}

namespace {

void AppendBytes(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), length);
}
void NoFlush(png_structp) {}

bool EncodeLow(const unsigned char* pixels, png_uint_32 height, png_uint_32 width, int channels,
               int bits, int compression, std::string* out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, OnError, OnWarning);
  if (png == nullptr) return false;
  png_infop info = nullptr;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, info ? &info : nullptr);
    return false;
  }
  info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    return false;
  }
  static const int kColorTypes[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                    PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
  png_set_write_fn(png, out, AppendBytes, NoFlush);
  png_set_compression_level(png, compression < 0 ? Z_DEFAULT_COMPRESSION : compression);
  png_set_compression_mem_level(png, MAX_MEM_LEVEL);
  png_set_IHDR(png, info, width, height, bits, kColorTypes[channels - 1], PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  if (bits > 8) png_set_swap(png);
  const std::size_t row_bytes = static_cast<std::size_t>(width) * channels * (bits / 8);
  for (png_uint_32 y = 0; y < height; ++y) {
    png_write_row(png, const_cast<png_bytep>(pixels + y * row_bytes));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

StatusOr<std::string> EncodePngImage(const Tensor& image, int compression) {
  const bool wide = image.dtype() == DataType::kUint16;
  if ((image.dtype() != DataType::kUint8 && !wide) || image.rank() != 3) {
    return InvalidArgument("image must be a 3-dimensional uint8 or uint16 tensor, got " +
                           DataTypeName(image.dtype()) + " " + ShapeString(image.shape()));
  }
  const std::int64_t channels = image.dim(2);
  if (channels < 1 || channels > 4) {
    return InvalidArgument("image must have 1, 2, 3, or 4 channels, got " +
                           std::to_string(channels));
  }
  if (compression < -1 || compression > 9) {
    return InvalidArgument("compression should be in [-1,9], got " + std::to_string(compression));
  }
  if (image.dim(0) <= 0 || image.dim(1) <= 0 || image.dim(0) >= (std::int64_t{1} << 31) ||
      image.dim(1) >= (std::int64_t{1} << 31)) {
    return InvalidArgument("Invalid image size " + ShapeString(image.shape()) +
                           " for PNG encoding");
  }
  std::string out;
  const auto* pixels = reinterpret_cast<const unsigned char*>(image.bytes().data());
  if (!EncodeLow(pixels, static_cast<png_uint_32>(image.dim(0)),
                 static_cast<png_uint_32>(image.dim(1)), static_cast<int>(channels), wide ? 16 : 8,
                 compression, &out)) {
    return Internal("PNG encoding failed");
  }
  return out;
}

}  // namespace tfsk::serving::ops
