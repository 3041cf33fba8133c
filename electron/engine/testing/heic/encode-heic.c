/*
 * Writes a HEIC fixture with libheif + x265 (Debian: libheif-dev, libheif-examples). Only used to regenerate
 * fixtures/formats/*.heic, which are committed: tests never need this tool or a C compiler.
 *
 *   encode-heic IN.ppm ORIENTATION EXIF.bin OUT.heic
 *
 * IN.ppm holds the pixels as the camera stored them; ORIENTATION (1-8, EXIF numbering) makes libheif write
 * the irot/imir boxes a viewer must apply; EXIF.bin (a TIFF block, may be empty) is stored as the Exif item,
 * the way an iPhone stores its EXIF (with its own Orientation tag alongside irot).
 */
#include <libheif/heif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(struct heif_error error, const char *what) {
  if (error.code != heif_error_Ok) {
    fprintf(stderr, "%s: %s\n", what, error.message);
    exit(1);
  }
}

static unsigned char *read_file(const char *path, long *size) {
  FILE *file = fopen(path, "rb");
  if (!file) { perror(path); exit(1); }
  fseek(file, 0, SEEK_END);
  *size = ftell(file);
  fseek(file, 0, SEEK_SET);
  unsigned char *bytes = malloc(*size + 1);
  if (fread(bytes, 1, *size, file) != (size_t)*size) { perror(path); exit(1); }
  fclose(file);
  return bytes;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: encode-heic IN.ppm ORIENTATION EXIF.bin OUT.heic\n"); return 2; }
  long ppm_size, exif_size;
  unsigned char *ppm = read_file(argv[1], &ppm_size);
  int width, height, maxval, offset;
  if (sscanf((char *)ppm, "P6 %d %d %d%n", &width, &height, &maxval, &offset) != 3) { fprintf(stderr, "bad ppm\n"); return 1; }
  offset += 1;
  struct heif_image *image;
  check(heif_image_create(width, height, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image), "create");
  check(heif_image_add_plane(image, heif_channel_interleaved, width, height, 8), "plane");
  int stride;
  uint8_t *plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
  for (int y = 0; y < height; y++) memcpy(plane + y * stride, ppm + offset + y * width * 3, width * 3);

  struct heif_context *context = heif_context_alloc();
  struct heif_encoder *encoder;
  check(heif_context_get_encoder_for_format(context, heif_compression_HEVC, &encoder), "encoder");
  heif_encoder_set_lossy_quality(encoder, 80);
  struct heif_encoding_options *options = heif_encoding_options_alloc();
  options->image_orientation = (enum heif_orientation)atoi(argv[2]);
  struct heif_image_handle *handle;
  check(heif_context_encode_image(context, image, encoder, options, &handle), "encode");
  unsigned char *exif = read_file(argv[3], &exif_size);
  if (exif_size > 0) check(heif_context_add_exif_metadata(context, handle, exif, (int)exif_size), "exif");
  check(heif_context_write_to_file(context, argv[4]), "write");
  return 0;
}
