#ifndef CPNG_H
#define CPNG_H
/* A small, safe wrapper around libpng. libpng reports errors with longjmp, which Swift
   cannot survive; every setjmp lives in cpng.c and errors come back as return codes
   plus a message. */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A growable byte buffer owned by C; release it with cpng_buffer_free. */
typedef struct cpng_buffer {
    uint8_t *data;
    size_t size;
    size_t capacity;
} cpng_buffer;

void cpng_buffer_free(cpng_buffer *buffer);

/* Row filter choices for the encoder. */
enum {
    CPNG_FILTER_NONE = 0,     /* fastest; smallest for flat-colour plots */
    CPNG_FILTER_ADAPTIVE = 1  /* libpng's adaptive choice over all five filters */
};

/* Encodes Cairo's premultiplied, native-endian ARGB32 pixels as a PNG. Writes RGB when
   every pixel is opaque, otherwise straight (un-premultiplied) RGBA. `ppm` is the pixel
   density in pixels per metre for the pHYs chunk (0: no pHYs). No time chunk is written.
   Returns 0 on success, -1 on error with a message in `err`. */
int cpng_encode_argb32(const uint8_t *pixels, uint32_t width, uint32_t height, size_t stride,
                       int level, int filter, uint32_t ppm, cpng_buffer *out,
                       char *err, size_t errlen);

/* Encodes straight RGBA8 pixels (4 bytes a pixel, rows packed). Drops the alpha channel
   when every pixel is opaque, unless keep_alpha is set. Same conventions as cpng_encode_argb32. */
int cpng_encode_rgba(const uint8_t *rgba, uint32_t width, uint32_t height, int keep_alpha,
                     int level, int filter, uint32_t ppm, cpng_buffer *out,
                     char *err, size_t errlen);

/* Decodes any PNG (palette, gray, 16-bit, interlaced, with or without alpha) from memory
   into straight RGBA8. Images with more than `max_pixels` pixels are rejected before any
   pixel memory is allocated. On success *out holds width*height*4 bytes to be released
   with cpng_free, and *ppm_x the horizontal density in pixels per metre (0 if none).
   Returns 0 on success, -1 on error with a message in `err`. */
int cpng_decode_rgba(const uint8_t *data, size_t size, uint64_t max_pixels,
                     uint8_t **out, uint32_t *width, uint32_t *height, uint32_t *ppm_x,
                     char *err, size_t errlen);

/* Reads only the header: size and density, with the same checks and limit as decoding. */
int cpng_read_header(const uint8_t *data, size_t size, uint64_t max_pixels,
                     uint32_t *width, uint32_t *height, uint32_t *ppm_x, char *err, size_t errlen);

/* Decodes into a caller-owned buffer of `length` bytes (at least width*height*4), so the caller
   can decode straight into its own storage without a copy. 8-bit RGB/RGBA images that are valid in
   every respect go through libdeflate (about 3x faster than libpng's zlib inflate); everything
   else, including every damaged file, goes through libpng. */
int cpng_decode_rgba_into(const uint8_t *data, size_t size, uint64_t max_pixels,
                          uint8_t *pixels, size_t length, char *err, size_t errlen);

/* The fast path alone: 1 when it decoded the file into `pixels`, 0 when it does not handle it (any
   other format, tRNS, an unknown critical chunk, a bad CRC, filter or zlib stream, or truncation). */
int cpng_fast_decode_rgba(const uint8_t *data, size_t size, uint8_t *pixels, size_t length);

/* cpng_decode_rgba_into through libpng only (the reference the fast path is tested against). */
int cpng_decode_rgba_into_libpng(const uint8_t *data, size_t size, uint64_t max_pixels,
                                 uint8_t *pixels, size_t length, char *err, size_t errlen);

void cpng_free(void *pointer);

/* The libpng version this was built against, e.g. "1.6.39". */
const char *cpng_version(void);

#ifdef __cplusplus
}
#endif
#endif
