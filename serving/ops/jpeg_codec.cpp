#include "serving/ops/jpeg_codec.h"

#include <csetjmp>
#include <cstdio>  // jpeglib.h needs FILE
#include <cstdlib>
#include <cstring>

extern "C" {
#include <jpeglib.h>
#include <jerror.h>
}

namespace tfsk::serving::ops {
namespace {

// libjpeg reports fatal errors through error_exit, which must not return: it jumps back to the
// decode call's setjmp. Nothing with a destructor lives between that setjmp and the jump (the
// decoding frames below hold plain data only), so the jump skips no C++ cleanup.
struct ErrorManager {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
};

void OnError(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  std::longjmp(err->jump, 1);
}

void Silent(j_common_ptr, int) {}  // warnings are counted, not printed

/// Points a (de)compressor's errors at `err`. The caller then sets the jump point itself:
/// setjmp must run in the frame that stays alive while libjpeg works.
template <typename Info>
void UseErrorManager(Info& cinfo, ErrorManager& err) {
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = OnError;
  err.pub.emit_message = Silent;
}

// A memory source with TensorFlow's truncation rule: running out of data is an error unless
// recovery is asked for, in which case a fake end-of-image marker is inserted once.
struct MemorySource {
  jpeg_source_mgr pub;
  const JOCTET* data;
  std::size_t size;
  bool recover;
};

const JOCTET kEndOfImage[2] = {0xFF, JPEG_EOI};

void InitSource(j_decompress_ptr) {}
void TermSource(j_decompress_ptr) {}

boolean FillInput(j_decompress_ptr cinfo) {
  auto* src = reinterpret_cast<MemorySource*>(cinfo->src);
  if (src->pub.bytes_in_buffer == 0 && src->pub.next_input_byte == src->data) {
    ERREXIT(cinfo, JERR_INPUT_EMPTY);
  }
  if (src->pub.bytes_in_buffer != 0) return src->recover ? TRUE : FALSE;
  if (src->pub.next_input_byte != kEndOfImage && src->recover) {
    WARNMS(cinfo, JWRN_JPEG_EOF);
    src->pub.next_input_byte = kEndOfImage;
    src->pub.bytes_in_buffer = 2;
    return TRUE;
  }
  ERREXIT(cinfo, JERR_FILE_READ);
  return FALSE;
}

void SkipInput(j_decompress_ptr cinfo, long count) {
  auto* src = reinterpret_cast<MemorySource*>(cinfo->src);
  if (count <= 0) return;
  const auto n = static_cast<std::size_t>(count);
  if (n > src->pub.bytes_in_buffer) {
    src->pub.next_input_byte += src->pub.bytes_in_buffer;
    src->pub.bytes_in_buffer = 0;
  } else {
    src->pub.next_input_byte += n;
    src->pub.bytes_in_buffer -= n;
  }
}

void UseMemory(j_decompress_ptr cinfo, MemorySource* src, std::string_view data, bool recover) {
  src->pub.init_source = InitSource;
  src->pub.fill_input_buffer = FillInput;
  src->pub.skip_input_data = SkipInput;
  src->pub.resync_to_restart = jpeg_resync_to_restart;
  src->pub.term_source = TermSource;
  src->data = reinterpret_cast<const JOCTET*>(data.data());
  src->size = data.size();
  src->pub.next_input_byte = src->data;
  src->pub.bytes_in_buffer = src->size;
  src->recover = recover;
  cinfo->src = &src->pub;
}

/// Where the decoder writes: the output buffer is allocated by the caller's callback once the
/// size is known (plain data only; see ErrorManager).
struct Target {
  // in
  const JpegDecodeOptions* options;
  // out
  int height = 0, width = 0, channels = 0;
  int lines_read = 0;
  std::uint8_t* pixels = nullptr;
  std::uint8_t* (*allocate)(void* ctx, int height, int width, int channels) = nullptr;
  void* allocate_ctx = nullptr;
  // A widened crop row or a CMYK row, when needed. Kept here, in memory, so that it survives
  // the jump back to setjmp with its value (a local could sit in a clobbered register).
  unsigned char* row = nullptr;
};

void CmykRowToRgb(const JSAMPLE* cmyk, std::uint8_t* rgb, JDIMENSION width, bool adobe) {
  for (JDIMENSION i = 0; i < width; ++i) {
    const int c = cmyk[4 * i], m = cmyk[4 * i + 1], y = cmyk[4 * i + 2], k = cmyk[4 * i + 3];
    if (adobe) {  // Adobe writes inverted CMYK
      rgb[3 * i] = static_cast<std::uint8_t>(k * c / 255);
      rgb[3 * i + 1] = static_cast<std::uint8_t>(k * m / 255);
      rgb[3 * i + 2] = static_cast<std::uint8_t>(k * y / 255);
    } else {
      rgb[3 * i] = static_cast<std::uint8_t>((255 - k) * (255 - c) / 255);
      rgb[3 * i + 1] = static_cast<std::uint8_t>((255 - k) * (255 - m) / 255);
      rgb[3 * i + 2] = static_cast<std::uint8_t>((255 - k) * (255 - y) / 255);
    }
  }
}

/// The decode proper. Returns false on any failure; fills `t`.
bool DecodeLow(std::string_view data, Target* t) {
  const JpegDecodeOptions& o = *t->options;
  jpeg_decompress_struct cinfo;
  ErrorManager err;
  MemorySource src;
  UseErrorManager(cinfo, err);
  if (setjmp(err.jump)) {
    delete[] t->row;
    t->row = nullptr;
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  UseMemory(&cinfo, &src, data, o.try_recover_truncated);
  jpeg_read_header(&cinfo, TRUE);

  int channels =
      o.channels == 0 ? (cinfo.num_components < 3 ? cinfo.num_components : 3) : o.channels;
  const bool cmyk =
      channels == 3 && (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK);
  if (channels == 1) {
    cinfo.out_color_space = JCS_GRAYSCALE;
  } else if (channels == 3) {
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  } else {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  cinfo.do_fancy_upsampling = o.fancy_upscaling ? TRUE : FALSE;
  cinfo.scale_num = 1;
  cinfo.scale_denom = static_cast<unsigned int>(o.ratio);
  cinfo.dct_method = o.accurate_dct ? JDCT_ISLOW : JDCT_IFAST;
  jpeg_start_decompress(&cinfo);

  const auto full_height = static_cast<std::int64_t>(cinfo.output_height);
  const auto full_width = static_cast<std::int64_t>(cinfo.output_width);
  if (full_height <= 0 || full_width <= 0 || full_height * full_width >= (std::int64_t{1} << 29)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  JDIMENSION out_height = cinfo.output_height;
  JDIMENSION out_width = cinfo.output_width;
  JDIMENSION skip_columns = 0;  // of a cropped row, left of the window
  if (o.crop) {
    if (o.crop_x < 0 || o.crop_y < 0 || o.crop_width <= 0 || o.crop_height <= 0 ||
        o.crop_x + o.crop_width > full_width || o.crop_y + o.crop_height > full_height) {
      jpeg_destroy_decompress(&cinfo);
      return false;
    }
    // libjpeg moves the window's left edge to an iMCU boundary and widens it to match.
    JDIMENSION x = static_cast<JDIMENSION>(o.crop_x);
    JDIMENSION w = static_cast<JDIMENSION>(o.crop_width);
    jpeg_crop_scanline(&cinfo, &x, &w);
    skip_columns = static_cast<JDIMENSION>(o.crop_x) - x;
    if (jpeg_skip_scanlines(&cinfo, static_cast<JDIMENSION>(o.crop_y)) !=
        static_cast<JDIMENSION>(o.crop_y)) {
      jpeg_destroy_decompress(&cinfo);
      return false;
    }
    out_height = static_cast<JDIMENSION>(o.crop_height);
    out_width = static_cast<JDIMENSION>(o.crop_width);
  }
  const auto out_stride = static_cast<std::size_t>(out_width) * static_cast<std::size_t>(channels);
  t->height = static_cast<int>(out_height);
  t->width = static_cast<int>(out_width);
  t->channels = channels;
  t->pixels = t->allocate(t->allocate_ctx, t->height, t->width, channels);
  const bool via_row = cmyk || o.crop;
  if (via_row) t->row = new JSAMPLE[static_cast<std::size_t>(cinfo.output_width) * 4];
  JSAMPLE* const row = t->row;
  std::uint8_t* out = t->pixels;
  t->lines_read = t->height;
  bool truncated = false;
  for (JDIMENSION line = 0; line < out_height; ++line, out += out_stride) {
    JSAMPLE* dst = via_row ? row : out;
    if (jpeg_read_scanlines(&cinfo, &dst, 1) == 0) {
      truncated = true;
      if (!o.try_recover_truncated) {
        t->lines_read = static_cast<int>(line);
      } else {
        // As TensorFlow: the first line black, later ones repeat the line above.
        for (JDIMENSION rest = line; rest < out_height; ++rest, out += out_stride) {
          if (rest == 0) {
            std::memset(out, 0, out_stride);
          } else {
            std::memcpy(out, out - out_stride, out_stride);
          }
        }
      }
      break;
    }
    if (cmyk) {
      CmykRowToRgb(row + 4 * skip_columns, out, out_width, cinfo.saw_Adobe_marker != 0);
    } else if (o.crop) {
      std::memcpy(out, row + static_cast<std::size_t>(skip_columns) * channels, out_stride);
    }
  }
  delete[] t->row;
  t->row = nullptr;
  if (truncated || o.crop) {
    jpeg_abort_decompress(&cinfo);
  } else {
    jpeg_finish_decompress(&cinfo);
  }
  jpeg_destroy_decompress(&cinfo);
  return true;
}

std::uint8_t* AllocateTensor(void* ctx, int height, int width, int channels) {
  auto* out = static_cast<Tensor*>(ctx);
  *out = Tensor(DataType::kUint8, {height, width, channels});
  return out->flat<std::uint8_t>().data();
}

}  // namespace

bool LooksLikeJpeg(std::string_view data) { return data.starts_with("\xff\xd8\xff"); }

StatusOr<Tensor> DecodeJpegImage(std::string_view data, const JpegDecodeOptions& options) {
  const auto failed = [] {
    return InvalidArgument("jpeg::Uncompress failed. Invalid JPEG data or crop window.");
  };
  if (data.empty()) return failed();
  Tensor out;
  Target t;
  t.options = &options;
  t.allocate = AllocateTensor;
  t.allocate_ctx = &out;
  if (!DecodeLow(data, &t)) return failed();
  const float fraction = t.height == 0 ? 1.0F : static_cast<float>(t.lines_read) / t.height;
  if (fraction < std::min(1.0F, options.acceptable_fraction)) return failed();
  if (t.lines_read < t.height) {  // the unread lines are black
    auto px = out.flat<std::uint8_t>();
    std::memset(px.data() + static_cast<std::size_t>(t.lines_read) * t.width * t.channels, 0,
                static_cast<std::size_t>(t.height - t.lines_read) * t.width * t.channels);
  }
  return out;
}

namespace {

bool ShapeLow(std::string_view data, int* dims) {
  jpeg_decompress_struct cinfo;
  ErrorManager err;
  MemorySource src;
  UseErrorManager(cinfo, err);
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  UseMemory(&cinfo, &src, data, false);
  jpeg_read_header(&cinfo, TRUE);
  jpeg_start_decompress(&cinfo);  // computes the output size and components
  dims[0] = static_cast<int>(cinfo.output_height);
  dims[1] = static_cast<int>(cinfo.output_width);
  dims[2] = cinfo.output_components;
  jpeg_destroy_decompress(&cinfo);
  return true;
}

}  // namespace

StatusOr<std::array<std::int64_t, 3>> JpegImageShape(std::string_view data) {
  int dims[3] = {0, 0, 0};
  if (data.empty() || !ShapeLow(data, dims)) {
    return InvalidArgument("Invalid JPEG data, size " + std::to_string(data.size()));
  }
  return std::array<std::int64_t, 3>{dims[0], dims[1], dims[2]};
}

namespace {

struct EncodeTarget {
  unsigned char* buffer = nullptr;
  unsigned long size = 0;  // NOLINT(runtime/int): libjpeg's type
};

bool EncodeLow(const std::uint8_t* pixels, int height, int width, int channels,
               const JpegEncodeOptions* o, EncodeTarget* out) {
  jpeg_compress_struct cinfo;
  ErrorManager err;
  UseErrorManager(cinfo, err);
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&cinfo);
    return false;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &out->buffer, &out->size);
  cinfo.image_width = static_cast<JDIMENSION>(width);
  cinfo.image_height = static_cast<JDIMENSION>(height);
  cinfo.input_components = channels;
  cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  if (o->optimize_size) cinfo.optimize_coding = TRUE;
  cinfo.density_unit = static_cast<UINT8>(o->density_unit);
  cinfo.X_density = static_cast<UINT16>(o->x_density);
  cinfo.Y_density = static_cast<UINT16>(o->y_density);
  jpeg_set_quality(&cinfo, o->quality, TRUE);
  if (o->progressive) jpeg_simple_progression(&cinfo);
  if (!o->chroma_downsampling) {
    for (int i = 0; i < cinfo.num_components; ++i) {
      cinfo.comp_info[i].h_samp_factor = 1;
      cinfo.comp_info[i].v_samp_factor = 1;
    }
  }
  jpeg_start_compress(&cinfo, TRUE);
  if (!o->xmp_metadata.empty()) {
    // XMP sits in APP1 behind its namespace header (with its terminating NUL).
    static const char kXmpHeader[] = "http://ns.adobe.com/xap/1.0/";
    const std::size_t total = sizeof(kXmpHeader) + o->xmp_metadata.size();
    jpeg_write_m_header(&cinfo, JPEG_APP0 + 1, static_cast<unsigned int>(total));
    for (char c : kXmpHeader) jpeg_write_m_byte(&cinfo, c);
    for (char c : o->xmp_metadata) jpeg_write_m_byte(&cinfo, c);
  }
  const auto stride = static_cast<std::size_t>(width) * static_cast<std::size_t>(channels);
  while (cinfo.next_scanline < cinfo.image_height) {
    auto* row = const_cast<JSAMPLE*>(pixels + cinfo.next_scanline * stride);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  return true;
}

}  // namespace

StatusOr<std::string> EncodeJpegImage(const Tensor& image, const JpegEncodeOptions& options) {
  if (image.dtype() != DataType::kUint8 || image.rank() != 3) {
    return InvalidArgument("image must be a 3-dimensional uint8 tensor, got " +
                           DataTypeName(image.dtype()) + " " + ShapeString(image.shape()));
  }
  const std::int64_t height = image.dim(0), width = image.dim(1), channels = image.dim(2);
  if (channels != 1 && channels != 3) {
    return InvalidArgument("image must have 1 or 3 channels, got " + ShapeString(image.shape()));
  }
  if (height <= 0 || width <= 0 || height * width >= (std::int64_t{1} << 29)) {
    return InvalidArgument("Invalid image size " + ShapeString(image.shape()) +
                           " for JPEG encoding");
  }
  if (options.quality < 0 || options.quality > 100) {
    return InvalidArgument("quality must be in [0,100], got " + std::to_string(options.quality));
  }
  EncodeTarget out;
  const bool ok = EncodeLow(image.flat<std::uint8_t>().data(), static_cast<int>(height),
                            static_cast<int>(width), static_cast<int>(channels), &options, &out);
  std::string bytes;
  if (ok) bytes.assign(reinterpret_cast<const char*>(out.buffer), out.size);
  std::free(out.buffer);  // jpeg_mem_dest allocates with malloc
  if (!ok) return Internal("JPEG encoding failed");
  return bytes;
}

}  // namespace tfsk::serving::ops
