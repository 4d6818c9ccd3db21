#include <vips/vips.h>
#include <webp/encode.h>

/* libvips's calls take their options as NULL-terminated varargs, which Swift cannot pass:
 * each call the newsroom makes is spelt out here once, with its options. Nothing else. */

static inline void newsroom_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {}

/* Start once: no loader outside libvips's trusted ones (never ImageMagick's or PDF's modules),
 * no operation cache (every photo is new; a cache would only grow), warnings not on stderr. */
static inline int newsroom_vips_start(void) {
    if (vips_init("newsroom")) return -1;
    vips_block_untrusted_set(TRUE);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, newsroom_vips_quiet, NULL);
    return 0;
}

/* The header only (libvips decodes lazily): dimensions, frames and metadata, by the loader
 * the bytes were identified as (1 JPEG, 2 PNG, 3 WebP). */
static inline int newsroom_vips_header(const void *bytes, size_t length, int format, VipsImage **out) {
    void *buffer = (void *) bytes;
    switch (format) {
    case 1: return vips_jpegload_buffer(buffer, length, out, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
    case 2: return vips_pngload_buffer(buffer, length, out, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
    case 3: return vips_webpload_buffer(buffer, length, out, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
    default: vips_error("newsroom", "unknown format"); return -1;
    }
}

/* A metadata blob (exif-data, xmp-data, iptc-data), or NULL. */
static inline const void *newsroom_vips_blob(VipsImage *image, const char *name, size_t *length) {
    const void *data = NULL;
    if (!vips_image_get_typeof(image, name) || vips_image_get_blob(image, name, &data, length)) return NULL;
    return data;
}

/* A field as libvips prints it ("value (value, ASCII, n components, n bytes)" for EXIF), or NULL. */
static inline const char *newsroom_vips_field(VipsImage *image, const char *name) {
    const char *text = NULL;
    if (!vips_image_get_typeof(image, name) || vips_image_get_string(image, name, &text)) return NULL;
    return text;
}

/* The working copy every rendition is made from: at most `width` wide (never enlarged),
 * shrunk as it is decoded, turned upright by its EXIF orientation, in sRGB, a transparent
 * background made white, decoded whole into memory (a truncated file fails here). */
static inline int newsroom_vips_working(const void *bytes, size_t length, int width, VipsImage **out) {
    VipsImage *thumbnail = NULL, *flat = NULL;
    if (vips_thumbnail_buffer((void *) bytes, length, &thumbnail, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                              "export_profile", "srgb", "option_string", "fail_on=truncated", NULL)) return -1;
    if (vips_image_hasalpha(thumbnail)) {
        VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
        int failed = vips_flatten(thumbnail, &flat, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        g_object_unref(thumbnail);
        if (failed) return -1;
    } else {
        flat = thumbnail;
    }
    VipsImage *cast = NULL;
    int failed = vips_cast(flat, &cast, VIPS_FORMAT_UCHAR, NULL);
    g_object_unref(flat);
    if (failed) return -1;
    /* Every item of metadata off the pixels themselves, so that no saver can write any of it
     * (libvips 8.14's WebP saver writes EXIF, XMP and the profile even when told to strip). */
    VipsImage *bare = NULL;
    failed = vips_copy(cast, &bare, NULL);
    g_object_unref(cast);
    if (failed) return -1;
    gchar **fields = vips_image_get_fields(bare);
    for (int i = 0; fields[i]; i++) {
        if (vips_image_get_typeof(bare, fields[i]) && !vips_isprefix("width", fields[i]) && !vips_isprefix("height", fields[i]))
            vips_image_remove(bare, fields[i]);
    }
    g_strfreev(fields);
    *out = vips_image_copy_memory(bare);
    g_object_unref(bare);
    return *out ? 0 : -1;
}

/* `image` cut to the area, then scaled to exactly `width` × `height`. */
static inline int newsroom_vips_cut(VipsImage *image, int left, int top, int areaWidth, int areaHeight, int width, int height, VipsImage **out) {
    VipsImage *area = NULL;
    if (vips_extract_area(image, &area, left, top, areaWidth, areaHeight, NULL)) return -1;
    double hscale = (double) width / areaWidth, vscale = (double) height / areaHeight;
    if (width == areaWidth && height == areaHeight) { *out = area; return 0; }
    int failed = vips_resize(area, out, hscale, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, NULL);
    g_object_unref(area);
    return failed;
}

/* WebP by libwebp's own simple encoder, from the pixels: a bare VP8 file with no chunk but the
 * image (libvips 8.14's saver writes an EXIF chunk, and with metadata on the image, all of it). */
static inline int newsroom_webp_save(VipsImage *image, int quality, void **bytes, size_t *length) {
    size_t size = 0;
    if (vips_image_get_bands(image) != 3 || vips_image_get_format(image) != VIPS_FORMAT_UCHAR) {
        vips_error("newsroom", "a WebP rendition needs 8-bit RGB"); return -1;
    }
    void *pixels = vips_image_write_to_memory(image, &size);
    if (!pixels) return -1;
    int width = vips_image_get_width(image), height = vips_image_get_height(image);
    uint8_t *encoded = NULL;
    *length = WebPEncodeRGB((const uint8_t *) pixels, width, height, width * 3, (float) quality, &encoded);
    g_free(pixels);
    if (*length == 0 || !encoded) { vips_error("newsroom", "libwebp could not encode the image"); return -1; }
    /* Handed back in glib's memory, which the caller frees with newsroom_vips_free. */
    *bytes = g_memdup2(encoded, *length);
    WebPFree(encoded);
    return 0;
}

/* Encoded with no metadata at all (no EXIF, XMP, IPTC, thumbnail or profile; the pixels are
 * sRGB, which is what a browser assumes without one). 1 JPEG, 3 WebP. */
static inline int newsroom_vips_save(VipsImage *image, int format, int quality, void **bytes, size_t *length) {
    switch (format) {
    case 1: return vips_jpegsave_buffer(image, bytes, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                                        "interlace", TRUE, NULL);
    case 3: return newsroom_webp_save(image, quality, bytes, length);
    default: vips_error("newsroom", "unknown format"); return -1;
    }
}

static inline void newsroom_vips_unref(VipsImage *image) { g_object_unref(image); }
static inline void newsroom_vips_free(void *bytes) { g_free(bytes); }
