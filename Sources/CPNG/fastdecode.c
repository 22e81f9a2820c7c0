/* The libdeflate fast path of cpng_decode_rgba_into (see cpng.h). It accepts only what it
   can decode exactly as libpng does; everything else returns 0 so that libpng handles it. */
#include "cpng.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

static uint32_t be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static const uint8_t signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static int known_critical(const uint8_t *type) {
    return !memcmp(type, "IHDR", 4) || !memcmp(type, "PLTE", 4) || !memcmp(type, "IDAT", 4)
        || !memcmp(type, "IEND", 4);
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* One pixel widened to 16-bit lanes. With `whole` a 3-byte pixel is read as four bytes (the
   fourth, masked off, belongs to the next pixel): no partial loads to stall on. */
static inline __attribute__((always_inline)) __m128i load_pixel(const uint8_t *p, size_t bpp, int whole) {
    uint32_t v;
    if (bpp == 4 || whole) {
        memcpy(&v, p, 4);
        if (bpp == 3) v &= 0xffffffu;
    } else {
        v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
    }
    return _mm_unpacklo_epi8(_mm_cvtsi32_si128((int)v), _mm_setzero_si128());
}

static inline __attribute__((always_inline)) void store_pixel(uint8_t *p, __m128i v, size_t bpp) {
    uint32_t out = (uint32_t)_mm_cvtsi128_si32(_mm_packus_epi16(v, v));
    memcpy(p, &out, bpp);
}

static __m128i abs_i16(__m128i x) {
    __m128i negative = _mm_cmplt_epi16(x, _mm_setzero_si128());
    return _mm_sub_epi16(_mm_xor_si128(x, negative), negative);
}

static __m128i select_i16(__m128i mask, __m128i yes, __m128i no) {
    return _mm_or_si128(_mm_and_si128(mask, yes), _mm_andnot_si128(mask, no));
}

/* Paeth for 3- or 4-byte pixels, one pixel per step in 16-bit lanes (the channels of a pixel
   are independent; the chain runs from pixel to pixel). Same predictor and tie order as the
   scalar code: a when pa is smallest, else b when pb is, else c. */
static inline __attribute__((always_inline)) void paeth_sse2_body(uint8_t *row, const uint8_t *prior, size_t n, size_t bpp) {
    __m128i a = _mm_setzero_si128(), c = _mm_setzero_si128();
    for (size_t i = 0; i < n; i += bpp) {
        int whole = i + 4 <= n;  /* the last 3-byte pixel of a row is read byte by byte */
        __m128i b = load_pixel(prior + i, bpp, whole), d = load_pixel(row + i, bpp, whole);
        __m128i pa = _mm_sub_epi16(b, c), pb = _mm_sub_epi16(a, c);
        __m128i pc = abs_i16(_mm_add_epi16(pa, pb));
        pa = abs_i16(pa);
        pb = abs_i16(pb);
        __m128i smallest = _mm_min_epi16(pc, _mm_min_epi16(pa, pb));
        __m128i nearest = select_i16(_mm_cmpeq_epi16(pa, smallest), a,
                                     select_i16(_mm_cmpeq_epi16(pb, smallest), b, c));
        d = _mm_and_si128(_mm_add_epi16(d, nearest), _mm_set1_epi16(0xff));
        store_pixel(row + i, d, bpp);
        c = b;
        a = d;
    }
}

/* Constant pixel sizes, so the loads and stores compile to single moves. */
static void paeth_sse2(uint8_t *row, const uint8_t *prior, size_t n, size_t bpp) {
    if (bpp == 3) paeth_sse2_body(row, prior, n, 3); else paeth_sse2_body(row, prior, n, 4);
}
#endif

/* Undoes one row's filter in place; `prior` is the previous unfiltered row (NULL for the first).
   The first `bpp` bytes have no left neighbour and are done apart, so the main loops carry no
   per-byte tests. */
static int unfilter(uint8_t type, uint8_t *row, const uint8_t *prior, size_t n, size_t bpp) {
    size_t i;
    switch (type) {
    case 0: return 1;
    case 1:
        for (i = bpp; i < n; i++) row[i] = (uint8_t)(row[i] + row[i - bpp]);
        return 1;
    case 2:
        if (prior) for (i = 0; i < n; i++) row[i] = (uint8_t)(row[i] + prior[i]);
        return 1;
    case 3:
        if (!prior) {
            for (i = bpp; i < n; i++) row[i] = (uint8_t)(row[i] + (row[i - bpp] >> 1));
            return 1;
        }
        for (i = 0; i < bpp; i++) row[i] = (uint8_t)(row[i] + (prior[i] >> 1));
        for (i = bpp; i < n; i++) row[i] = (uint8_t)(row[i] + (((unsigned)row[i - bpp] + prior[i]) >> 1));
        return 1;
    case 4:
        if (!prior) {  /* Paeth with no row above is Sub */
            for (i = bpp; i < n; i++) row[i] = (uint8_t)(row[i] + row[i - bpp]);
            return 1;
        }
#if defined(__SSE2__)
        if (bpp == 3 || bpp == 4) { paeth_sse2(row, prior, n, bpp); return 1; }
#endif
        for (i = 0; i < bpp; i++) row[i] = (uint8_t)(row[i] + prior[i]);
        for (i = bpp; i < n; i++) {
            int a = row[i - bpp], b = prior[i], c = prior[i - bpp];
            int pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c);
            int pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
            row[i] = (uint8_t)(row[i] + pred);
        }
        return 1;
    default: return 0;
    }
}

int cpng_fast_decode_rgba(const uint8_t *data, size_t size, uint8_t *pixels, size_t length) {
    if (!data || size < 8 + 25 || memcmp(data, signature, 8) != 0) return 0;
    struct libdeflate_decompressor *inflater = NULL;
    uint8_t *idat = NULL, *raw = NULL;
    int ok = 0;
    uint32_t w = 0, h = 0;
    size_t channels = 0, idat_len = 0, idat_cap = 0;
    int seen_ihdr = 0, seen_iend = 0, idat_done = 0, seen_idat = 0;
    size_t p = 8;
    while (p + 12 <= size) {
        uint32_t len = be32(data + p);
        if (len > 0x7fffffffu || (size_t)len > size - p - 12) goto done;
        const uint8_t *type = data + p + 4, *body = data + p + 8;
        if (libdeflate_crc32(0, type, (size_t)len + 4) != be32(body + len)) goto done;
        if (!seen_ihdr) {
            if (memcmp(type, "IHDR", 4) != 0 || len != 13) goto done;
            w = be32(body); h = be32(body + 4);
            /* 8-bit RGB (2) or RGBA (6); deflate, standard filters, no interlace. */
            if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu || body[8] != 8) goto done;
            if (body[9] == 2) channels = 3; else if (body[9] == 6) channels = 4; else goto done;
            if (body[10] != 0 || body[11] != 0 || body[12] != 0) goto done;
            if (length < (size_t)w * h * 4) goto done;
            seen_ihdr = 1;
        } else if (!memcmp(type, "IDAT", 4)) {
            if (idat_done) goto done;  /* IDAT chunks must be consecutive */
            seen_idat = 1;
            if (idat_len + len > idat_cap) {
                size_t cap = idat_cap ? idat_cap * 2 : (size_t)len * 2 + 65536;
                while (cap < idat_len + len) cap *= 2;
                uint8_t *grown = (uint8_t *)realloc(idat, cap);
                if (!grown) goto done;
                idat = grown; idat_cap = cap;
            }
            memcpy(idat + idat_len, body, len);
            idat_len += len;
        } else {
            if (seen_idat) idat_done = 1;
            if (!memcmp(type, "IEND", 4)) { seen_iend = 1; break; }
            if (!memcmp(type, "tRNS", 4)) goto done;       /* colour-key transparency: libpng */
            if (!(type[0] & 0x20) && !known_critical(type)) goto done;  /* unknown critical chunk */
            if (!memcmp(type, "IHDR", 4)) goto done;
        }
        p += 12 + (size_t)len;
    }
    if (!seen_ihdr || !seen_idat || !seen_iend) goto done;

    size_t stride = (size_t)w * channels, raw_len = (size_t)h * (stride + 1), out_len = (size_t)w * h * 4;
    /* RGB: the filtered rows (3w + 1 bytes each) fit at the end of the RGBA output (4w bytes a row),
       and expanding row y in place never overtakes the unread bytes: row y's output ends at
       (y + 1)·4w ≤ start of raw row y + 1, and within a row the write position stays at least one
       byte behind the read position. RGBA rows are one byte longer than their output: separate buffer. */
    uint8_t *filtered;
    if (channels == 3) {
        filtered = pixels + (out_len - raw_len);
    } else {
        raw = (uint8_t *)malloc(raw_len);
        if (!raw) goto done;
        filtered = raw;
    }
    inflater = libdeflate_alloc_decompressor();
    if (!inflater) goto done;
    size_t produced = 0;
    /* Verifies the zlib header and the Adler-32 of the whole stream. */
    if (libdeflate_zlib_decompress(inflater, idat, idat_len, filtered, raw_len, &produced) != LIBDEFLATE_SUCCESS
        || produced != raw_len) goto done;
    for (uint32_t y = 0; y <= h; y++) {
        /* Unfilter row y (against row y - 1, still intact), then write row y - 1's output. */
        if (y < h) {
            uint8_t *line = filtered + (size_t)y * (stride + 1);
            const uint8_t *prior = y > 0 ? line - stride : NULL;
            if (!unfilter(line[0], line + 1, prior, stride, channels)) goto done;
        }
        if (y == 0) continue;
        const uint8_t *src = filtered + (size_t)(y - 1) * (stride + 1) + 1;
        uint8_t *out = pixels + (size_t)(y - 1) * w * 4;
        if (channels == 4) {
            memcpy(out, src, stride);
            continue;
        }
        uint32_t x = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* Four bytes in (the fourth is the next pixel's red), alpha forced to 255, four out. */
        for (; x + 1 < w; x++) {
            uint32_t v;
            memcpy(&v, src + 3 * (size_t)x, 4);
            v |= 0xff000000u;
            memcpy(out + 4 * (size_t)x, &v, 4);
        }
#endif
        for (; x < w; x++) {
            uint8_t r = src[3 * (size_t)x], g = src[3 * (size_t)x + 1], b = src[3 * (size_t)x + 2];
            out[4 * (size_t)x] = r; out[4 * (size_t)x + 1] = g; out[4 * (size_t)x + 2] = b; out[4 * (size_t)x + 3] = 0xff;
        }
    }
    ok = 1;
done:
    if (inflater) libdeflate_free_decompressor(inflater);
    free(raw);
    free(idat);
    return ok;
}
