#include "cpng.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <zlib.h>

typedef struct {
    char *buf;
    size_t len;
} error_context;

static void on_error(png_structp png, png_const_charp msg) {
    error_context *e = (error_context *)png_get_error_ptr(png);
    if (e && e->buf && e->len) {
        snprintf(e->buf, e->len, "%s", msg ? msg : "libpng error");
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
}

static void set_error(char *err, size_t errlen, const char *msg) {
    if (err && errlen) snprintf(err, errlen, "%s", msg);
}

void cpng_buffer_free(cpng_buffer *buffer) {
    if (!buffer) return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
    buffer->capacity = 0;
}

void cpng_free(void *pointer) { free(pointer); }

const char *cpng_version(void) { return PNG_LIBPNG_VER_STRING; }

static void write_to_buffer(png_structp png, png_bytep data, png_size_t length) {
    cpng_buffer *b = (cpng_buffer *)png_get_io_ptr(png);
    if (b->size + length > b->capacity) {
        size_t cap = b->capacity ? b->capacity : 65536;
        while (cap < b->size + length) cap *= 2;
        uint8_t *grown = (uint8_t *)realloc(b->data, cap);
        if (!grown) png_error(png, "out of memory while encoding PNG");
        b->data = grown;
        b->capacity = cap;
    }
    memcpy(b->data + b->size, data, length);
    b->size += length;
}

static void flush_buffer(png_structp png) { (void)png; }

/* Converts one row to straight RGBA or RGB. Same rounding as cairo's own PNG writer. */
static void unpremultiply_row(const uint8_t *src, uint8_t *dst, uint32_t width, int rgb) {
    const uint32_t *p = (const uint32_t *)src;
    for (uint32_t x = 0; x < width; x++) {
        uint32_t v = p[x];
        uint32_t a = v >> 24, r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
        if (a == 0) {
            r = g = b = 0;
        } else if (a != 255) {
            r = (r * 255 + a / 2) / a;
            g = (g * 255 + a / 2) / a;
            b = (b * 255 + a / 2) / a;
        }
        if (rgb) {
            dst[0] = (uint8_t)r; dst[1] = (uint8_t)g; dst[2] = (uint8_t)b;
            dst += 3;
        } else {
            dst[0] = (uint8_t)r; dst[1] = (uint8_t)g; dst[2] = (uint8_t)b; dst[3] = (uint8_t)a;
            dst += 4;
        }
    }
}


/* ---------------------------------------------------------------------------------------------
   Fast path for unfiltered rows: the image is cut into stripes of whole rows, each stripe is
   converted and deflated on its own thread (raw deflate primed with the previous stripe's last
   32 KiB as dictionary, ended with a sync flush), and the pieces are joined into one zlib stream
   whose Adler-32 is combined from the stripes'. Stripe boundaries depend only on the image size,
   never on the number of threads, so the bytes are identical on every machine and run. */

typedef struct {
    const uint8_t *pixels; size_t stride; uint32_t width; int argb; int channels; size_t rowbytes;
    uint8_t *raw;               /* all filtered rows: (1 + width*channels) * height */
    uint32_t height, rows_per_stripe, stripes;
    int level;
    uint8_t **out; size_t *out_len; uLong *adler; int *failed;
    pthread_mutex_t lock; uint32_t next;
} stripe_job;

static void convert_rows(stripe_job *j, uint32_t y0, uint32_t y1) {
    for (uint32_t y = y0; y < y1; y++) {
        uint8_t *dst = j->raw + (size_t)y * j->rowbytes;
        const uint8_t *src = j->pixels + (size_t)y * j->stride;
        dst[0] = 0; /* filter type None */
        if (j->argb) {
            unpremultiply_row(src, dst + 1, j->width, j->channels == 3);
        } else if (j->channels == 3) {
            uint8_t *d = dst + 1;
            for (uint32_t x = 0; x < j->width; x++) { d[0] = src[x * 4]; d[1] = src[x * 4 + 1]; d[2] = src[x * 4 + 2]; d += 3; }
        } else {
            memcpy(dst + 1, src, (size_t)j->width * 4);
        }
    }
}

static void deflate_stripe(stripe_job *j, uint32_t i) {
    uint32_t y0 = i * j->rows_per_stripe, y1 = y0 + j->rows_per_stripe;
    if (y1 > j->height) y1 = j->height;
    convert_rows(j, y0, y1);
    /* The dictionary is the previous stripe's tail: convert it here too (idempotent writes of the
       same bytes) so stripes do not wait for each other. */
    size_t begin = (size_t)y0 * j->rowbytes, len = (size_t)(y1 - y0) * j->rowbytes;
    size_t dict = begin < 32768 ? begin : 32768;
    if (dict) {
        uint32_t d0 = (uint32_t)((begin - dict) / j->rowbytes);
        convert_rows(j, d0, y0);
    }
    z_stream z; memset(&z, 0, sizeof z);
    if (deflateInit2(&z, j->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) { j->failed[i] = 1; return; }
    if (dict) deflateSetDictionary(&z, j->raw + begin - dict, (uInt)dict);
    size_t cap = deflateBound(&z, len) + 16;
    uint8_t *buf = (uint8_t *)malloc(cap);
    if (!buf) { deflateEnd(&z); j->failed[i] = 1; return; }
    z.next_in = j->raw + begin; z.avail_in = (uInt)len;
    z.next_out = buf; z.avail_out = (uInt)cap;
    int last = (i == j->stripes - 1);
    int rc = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    if ((last && rc != Z_STREAM_END) || (!last && rc != Z_OK) || z.avail_in != 0) { free(buf); deflateEnd(&z); j->failed[i] = 1; return; }
    j->out[i] = buf; j->out_len[i] = cap - z.avail_out;
    j->adler[i] = adler32(1L, j->raw + begin, (uInt)len);
    deflateEnd(&z);
}

static void *stripe_worker(void *arg) {
    stripe_job *j = (stripe_job *)arg;
    for (;;) {
        pthread_mutex_lock(&j->lock);
        uint32_t i = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (i >= j->stripes) break;
        deflate_stripe(j, i);
    }
    return NULL;
}

static int append(cpng_buffer *b, const void *data, size_t n) {
    if (b->size + n > b->capacity) {
        size_t cap = b->capacity ? b->capacity : 65536;
        while (cap < b->size + n) cap *= 2;
        uint8_t *grown = (uint8_t *)realloc(b->data, cap);
        if (!grown) return -1;
        b->data = grown; b->capacity = cap;
    }
    memcpy(b->data + b->size, data, n);
    b->size += n;
    return 0;
}

static void be32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = (v >> 16) & 0xff; p[2] = (v >> 8) & 0xff; p[3] = v & 0xff; }

/* Writes one chunk whose data is the concatenation of `parts`. */
static int chunk(cpng_buffer *b, const char *type, const uint8_t *const *parts, const size_t *lens, int n) {
    size_t total = 0;
    for (int k = 0; k < n; k++) total += lens[k];
    uint8_t head[8]; be32(head, (uint32_t)total); memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, (const Bytef *)type, 4);
    if (append(b, head, 8)) return -1;
    for (int k = 0; k < n; k++) {
        if (lens[k] && append(b, parts[k], lens[k])) return -1;
        crc = crc32(crc, parts[k], (uInt)lens[k]);
    }
    uint8_t tail[4]; be32(tail, (uint32_t)crc);
    return append(b, tail, 4);
}

static int encode_stripes(const uint8_t *pixels, uint32_t width, uint32_t height, size_t stride, int argb, int opaque,
                          int level, uint32_t ppm, cpng_buffer *out, char *err, size_t errlen) {
    stripe_job j; memset(&j, 0, sizeof j);
    j.pixels = pixels; j.stride = stride; j.width = width; j.height = height; j.argb = argb;
    j.channels = opaque ? 3 : 4; j.rowbytes = 1 + (size_t)width * j.channels; j.level = level;
    /* About 256 KiB of raw rows a stripe (at least 8 rows): big enough to compress as one stream. */
    size_t rows = (262144 + j.rowbytes - 1) / j.rowbytes;
    j.rows_per_stripe = (uint32_t)(rows < 8 ? 8 : rows);
    j.stripes = (height + j.rows_per_stripe - 1) / j.rows_per_stripe;
    j.raw = (uint8_t *)malloc(j.rowbytes * height);
    j.out = (uint8_t **)calloc(j.stripes, sizeof(uint8_t *));
    j.out_len = (size_t *)calloc(j.stripes, sizeof(size_t));
    j.adler = (uLong *)calloc(j.stripes, sizeof(uLong));
    j.failed = (int *)calloc(j.stripes, sizeof(int));
    int rc = -1;
    if (!j.raw || !j.out || !j.out_len || !j.adler || !j.failed) { set_error(err, errlen, "out of memory while encoding PNG"); goto done; }
    pthread_mutex_init(&j.lock, NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = (int)(cores < 1 ? 1 : (cores > 16 ? 16 : cores));
    if ((uint32_t)threads > j.stripes) threads = (int)j.stripes;
    pthread_t tids[16];
    int started = 0;
    for (int t = 1; t < threads; t++) if (pthread_create(&tids[started], NULL, stripe_worker, &j) == 0) started++;
    stripe_worker(&j);
    for (int t = 0; t < started; t++) pthread_join(tids[t], NULL);
    pthread_mutex_destroy(&j.lock);
    for (uint32_t i = 0; i < j.stripes; i++) if (j.failed[i]) { set_error(err, errlen, "deflate failed"); goto done; }

    out->size = 0;
    static const uint8_t signature[8] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
    if (append(out, signature, 8)) goto oom;
    uint8_t ihdr[13]; be32(ihdr, width); be32(ihdr + 4, height);
    ihdr[8] = 8; ihdr[9] = opaque ? 2 : 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
    { const uint8_t *p[1] = { ihdr }; size_t l[1] = { 13 }; if (chunk(out, "IHDR", p, l, 1)) goto oom; }
    if (ppm) {
        uint8_t phys[9]; be32(phys, ppm); be32(phys + 4, ppm); phys[8] = 1;
        const uint8_t *p[1] = { phys }; size_t l[1] = { 9 };
        if (chunk(out, "pHYs", p, l, 1)) goto oom;
    }
    /* zlib header for the level class, then the stripes, then the combined Adler-32. */
    uint8_t zhead[2] = { 0x78, level <= 1 ? 0x01 : (level <= 5 ? 0x5e : (level == 6 ? 0x9c : 0xda)) };
    uLong adler = 1L;
    for (uint32_t i = 0; i < j.stripes; i++) {
        uint32_t y0 = i * j.rows_per_stripe, y1 = y0 + j.rows_per_stripe;
        if (y1 > height) y1 = height;
        adler = adler32_combine(adler, j.adler[i], (z_off_t)((size_t)(y1 - y0) * j.rowbytes));
    }
    uint8_t ztail[4]; be32(ztail, (uint32_t)adler);
    {
        const uint8_t **parts = (const uint8_t **)malloc(sizeof(uint8_t *) * (j.stripes + 2));
        size_t *lens = (size_t *)malloc(sizeof(size_t) * (j.stripes + 2));
        if (!parts || !lens) { free(parts); free(lens); goto oom; }
        parts[0] = zhead; lens[0] = 2;
        for (uint32_t i = 0; i < j.stripes; i++) { parts[i + 1] = j.out[i]; lens[i + 1] = j.out_len[i]; }
        parts[j.stripes + 1] = ztail; lens[j.stripes + 1] = 4;
        int bad = chunk(out, "IDAT", parts, lens, (int)j.stripes + 2);
        free(parts); free(lens);
        if (bad) goto oom;
    }
    if (chunk(out, "IEND", NULL, NULL, 0)) goto oom;
    rc = 0;
    goto done;
oom:
    set_error(err, errlen, "out of memory while encoding PNG");
done:
    if (j.out) for (uint32_t i = 0; i < j.stripes; i++) free(j.out[i]);
    free(j.out); free(j.out_len); free(j.adler); free(j.failed); free(j.raw);
    return rc;
}

/* Shared encoder: `argb` selects the input layout (premultiplied ARGB32 or straight RGBA8). */
static int encode(const uint8_t *pixels, uint32_t width, uint32_t height, size_t stride, int argb, int keep_alpha,
                  int level, int filter, uint32_t ppm, cpng_buffer *out, char *err, size_t errlen) {
    if (!pixels || !out) { set_error(err, errlen, "no pixels or output buffer"); return -1; }
    if (width == 0 || height == 0) { set_error(err, errlen, "image has zero width or height"); return -1; }
    if (level < 0 || level > 9) { set_error(err, errlen, "zlib level must be 0...9"); return -1; }

    /* Opaque? Then write RGB (three bytes a pixel). */
    int opaque = keep_alpha ? 0 : 1;
    for (uint32_t y = 0; y < height && opaque; y++) {
        const uint8_t *row = pixels + (size_t)y * stride;
        if (argb) {
            const uint32_t *p = (const uint32_t *)row;
            for (uint32_t x = 0; x < width; x++) if ((p[x] >> 24) != 255) { opaque = 0; break; }
        } else {
            for (uint32_t x = 0; x < width; x++) if (row[x * 4 + 3] != 255) { opaque = 0; break; }
        }
    }
    if (filter == CPNG_FILTER_NONE) {
        return encode_stripes(pixels, width, height, stride, argb, opaque, level, ppm, out, err, errlen);
    }
    size_t channels = opaque ? 3 : 4;
    uint8_t *volatile row_buf = (uint8_t *)malloc((size_t)width * channels);
    if (!row_buf) { set_error(err, errlen, "out of memory"); return -1; }

    error_context ctx = { err, errlen };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        free(row_buf);
        set_error(err, errlen, "cannot create PNG writer");
        return -1;
    }
    out->size = 0;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row_buf);
        return -1;
    }
    png_set_write_fn(png, out, write_to_buffer, flush_buffer);
    png_set_IHDR(png, info, width, height, 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    png_set_filter(png, 0, filter == CPNG_FILTER_NONE ? PNG_FILTER_NONE : PNG_ALL_FILTERS);
    if (ppm > 0) png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t *src = pixels + (size_t)y * stride;
        if (argb) {
            unpremultiply_row(src, row_buf, width, opaque);
        } else if (opaque) {
            for (uint32_t x = 0; x < width; x++) {
                row_buf[x * 3] = src[x * 4]; row_buf[x * 3 + 1] = src[x * 4 + 1]; row_buf[x * 3 + 2] = src[x * 4 + 2];
            }
        } else {
            memcpy(row_buf, src, (size_t)width * 4);
        }
        png_write_row(png, row_buf);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row_buf);
    return 0;
}

int cpng_encode_argb32(const uint8_t *pixels, uint32_t width, uint32_t height, size_t stride,
                       int level, int filter, uint32_t ppm, cpng_buffer *out, char *err, size_t errlen) {
    if (stride < (size_t)width * 4) { set_error(err, errlen, "stride smaller than a row"); return -1; }
    return encode(pixels, width, height, stride, 1, 0, level, filter, ppm, out, err, errlen);
}

int cpng_encode_rgba(const uint8_t *rgba, uint32_t width, uint32_t height, int keep_alpha,
                     int level, int filter, uint32_t ppm, cpng_buffer *out, char *err, size_t errlen) {
    return encode(rgba, width, height, (size_t)width * 4, 0, keep_alpha, level, filter, ppm, out, err, errlen);
}

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} read_source;

static void read_from_memory(png_structp png, png_bytep out, png_size_t length) {
    read_source *s = (read_source *)png_get_io_ptr(png);
    if (s->offset + length > s->size) png_error(png, "truncated PNG data");
    memcpy(out, s->data + s->offset, length);
    s->offset += length;
}

/* Shared decoder. With `into` NULL it allocates the pixels (returned in *out); otherwise it
   decodes into the caller's buffer of `into_len` bytes, which must hold width*height*4. With
   `header_only` it stops after the header. */
static int decode(const uint8_t *data, size_t size, uint64_t max_pixels, int header_only,
                  uint8_t *into, size_t into_len, uint8_t **out,
                  uint32_t *width, uint32_t *height, uint32_t *ppm_x, char *err, size_t errlen) {
    if (out) *out = NULL;
    if (!data || size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        set_error(err, errlen, size == 0 ? "empty file, not a PNG" : "not a PNG file (bad signature)");
        return -1;
    }
    error_context ctx = { err, errlen };
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_read_struct(&png, &info, NULL);
        set_error(err, errlen, "cannot create PNG reader");
        return -1;
    }
    uint8_t *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        if (!into) free(pixels);
        free(rows);
        return -1;
    }
    read_source src = { data, size, 0 };
    png_set_read_fn(png, &src, read_from_memory);
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_read_info(png, info);

    png_uint_32 w = 0, h = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(png, info, &w, &h, &bit_depth, &color_type, &interlace, NULL, NULL);
    if ((uint64_t)w * (uint64_t)h > max_pixels) {
        snprintf(err, errlen, "image too large: %ux%u pixels exceeds the limit of %llu",
                 (unsigned)w, (unsigned)h, (unsigned long long)max_pixels);
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    if (ppm_x) {
        png_uint_32 rx = 0, ry = 0; int unit = 0;
        *ppm_x = (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER) ? rx : 0;
    }
    *width = w;
    *height = h;
    if (header_only) {
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_strip_16(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    png_set_filler(png, 0xff, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)w * 4) png_error(png, "unexpected row layout after transforms");

    if (into) {
        if (into_len < (size_t)w * h * 4) png_error(png, "output buffer too small");
        pixels = into;
    } else {
        pixels = (uint8_t *)malloc((size_t)w * h * 4);
    }
    rows = (png_bytep *)malloc(sizeof(png_bytep) * h);
    if (!pixels || !rows) png_error(png, "out of memory while decoding PNG");
    for (png_uint_32 y = 0; y < h; y++) rows[y] = pixels + (size_t)y * w * 4;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    if (out) *out = pixels;
    return 0;
}

int cpng_decode_rgba(const uint8_t *data, size_t size, uint64_t max_pixels,
                     uint8_t **out, uint32_t *width, uint32_t *height, uint32_t *ppm_x,
                     char *err, size_t errlen) {
    if (!out || !width || !height) { set_error(err, errlen, "no output"); return -1; }
    return decode(data, size, max_pixels, 0, NULL, 0, out, width, height, ppm_x, err, errlen);
}

int cpng_read_header(const uint8_t *data, size_t size, uint64_t max_pixels,
                     uint32_t *width, uint32_t *height, uint32_t *ppm_x, char *err, size_t errlen) {
    if (!width || !height) { set_error(err, errlen, "no output"); return -1; }
    return decode(data, size, max_pixels, 1, NULL, 0, NULL, width, height, ppm_x, err, errlen);
}

int cpng_decode_rgba_into(const uint8_t *data, size_t size, uint64_t max_pixels,
                          uint8_t *pixels, size_t length, char *err, size_t errlen) {
    uint32_t w = 0, h = 0;
    if (!pixels) { set_error(err, errlen, "no output buffer"); return -1; }
    /* The common case through libdeflate; anything it does not accept goes through libpng. */
    if (cpng_fast_decode_rgba(data, size, pixels, length)) return 0;
    return decode(data, size, max_pixels, 0, pixels, length, NULL, &w, &h, NULL, err, errlen);
}

int cpng_decode_rgba_into_libpng(const uint8_t *data, size_t size, uint64_t max_pixels,
                                 uint8_t *pixels, size_t length, char *err, size_t errlen) {
    uint32_t w = 0, h = 0;
    if (!pixels) { set_error(err, errlen, "no output buffer"); return -1; }
    return decode(data, size, max_pixels, 0, pixels, length, NULL, &w, &h, NULL, err, errlen);
}
