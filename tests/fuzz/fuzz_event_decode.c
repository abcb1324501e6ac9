/*
 * fuzz_event_decode.c - avro_codec_decode() and avro_codec_decode_datum()
 * on arbitrary bytes.
 *
 * These decode what `conflictd --decode` and the tail read from a topic:
 * untrusted Avro, framed (single-object or Confluent) or bare.  The codec is
 * opened once on schemas/conflict_event.avsc, with the previous versions in
 * schemas/history as writer schemas when they are there, so a fingerprint
 * of an old version reaches the resolution path too.  The schema directory
 * is $CONFLICTD_SOURCE_DIR/schemas (default ./schemas: run from the repo
 * root, as scripts/fuzz does).  Beyond ASan and UBSan: a bare datum never
 * claims more bytes than it was given, every decoded event's counts stay
 * within their arrays, and a decoded event encodes again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avro_codec.h"
#include "fuzz.h"

static struct avro_codec *codec;

/* Closed at exit so that LeakSanitizer's exit check sees the codec's
 * storage freed (it runs after handlers registered later than its own). */
static void close_codec(void)
{
	avro_codec_close(codec);
	codec = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("CONFLICTD_SOURCE_DIR");
	char path[1024], err[512];

	snprintf(path, sizeof(path), "%s/schemas/conflict_event.avsc", src && *src ? src : ".");
	if (avro_codec_open(&codec, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "fuzz_event_decode: %s\n", err);
		abort();
	}
	snprintf(path, sizeof(path), "%s/schemas/history", src && *src ? src : ".");
	if (avro_codec_add_writers_from_dir(codec, path, err, sizeof(err)) < 0)
		fprintf(stderr, "fuzz_event_decode: no writer schemas: %s\n", err);
	atexit(close_codec);
	return 0;
}

static void check_event(const struct conflict_event *ev)
{
	void *buf = NULL;
	size_t len = 0;
	char err[512];

	CHECK(ev->n_evidence <= EVENT_MAX_EVIDENCE);
	CHECK(ev->n_associated <= EVENT_MAX_ASSOCIATED);
	CHECK(ev->n_reported_by <= EVENT_MAX_REPORTED_BY);
	CHECK(memchr(ev->event_id, '\0', sizeof(ev->event_id)) != NULL);
	CHECK(memchr(ev->article_id, '\0', sizeof(ev->article_id)) != NULL);
	/* What was decoded encodes again (the tail and --decode re-render it). */
	if (avro_codec_encode(codec, ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)) == 0)
		free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conflict_event ev;
	char err[512];
	size_t used = (size_t)-1;

	if (avro_codec_decode(codec, data, size, &ev, err, sizeof(err)) == 0)
		check_event(&ev);
	else
		CHECK(err[0] != '\0');
	if (avro_codec_decode_datum(codec, data, size, &used, &ev, err, sizeof(err)) == 0) {
		CHECK(used <= size);
		check_event(&ev);
	} else {
		CHECK(err[0] != '\0');
	}
	return 0;
}
