/*
 * fuzz_event_decode_history.c - the writer-schema resolution path of
 * avro_codec on arbitrary bytes.
 *
 * fuzz_event_decode reaches resolution only when an input happens to start
 * with an older schema's fingerprint.  Here every input does: the codec is
 * opened on schemas/conflict_event.avsc (the reader) with schemas/history
 * added as writer schemas, and each input is decoded three ways as a datum
 * of version 1 (schemas/history/conflict_event.v1.avsc):
 *  - behind the single-object header with v1's fingerprint (avro_codec_decode);
 *  - behind a Confluent header whose id is v1's registry id (11 here);
 *  - as a bare datum with v1's fingerprint (avro_codec_decode_datum_as).
 * So the fuzzer spends its time in validate-then-rewrite (res_datum and
 * friends): lengths and counts from the bytes, enum symbols mapped by name,
 * defaults written for the fields v1 lacks.  Beyond ASan and UBSan: the
 * three paths agree, a datum never claims more bytes than it was given,
 * decoded counts stay within their arrays, and a decoded event encodes with
 * the reader schema and decodes back to the same identity.
 *
 * Seeds (tests/fuzz/corpus/event_decode_history/, the directory
 * scripts/fuzz uses for this target): bare v1 datums of a few events that
 * conflict-extract --schema schemas/history/conflict_event.v1.avsc
 * --encode-framed wrote for short articles made up for the purpose, with
 * the 10-byte header cut off.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avro_codec.h"
#include "fuzz.h"

#define FUZZ_V1_ID   11
#define FUZZ_MAX_LEN (64 * 1024)

static struct avro_codec *codec;
static uint64_t v1_fp;
static unsigned char *framed; /* header + input, reused */

static void close_codec(void)
{
	avro_codec_close(codec);
	codec = NULL;
	free(framed);
	framed = NULL;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < (1 << 20) && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)n + 1)) && fread(text, 1, (size_t)n, f) == (size_t)n)
		text[n] = '\0';
	else {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("CONFLICTD_SOURCE_DIR");
	char path[1024], err[512], *v1, *canon;
	(void)argc;
	(void)argv;

	if (!src || !*src)
		src = ".";
	snprintf(path, sizeof(path), "%s/schemas/conflict_event.avsc", src);
	if (avro_codec_open(&codec, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "fuzz_event_decode_history: %s\n", err);
		abort();
	}
	snprintf(path, sizeof(path), "%s/schemas/history", src);
	if (avro_codec_add_writers_from_dir(codec, path, err, sizeof(err)) < 1) {
		fprintf(stderr, "fuzz_event_decode_history: %s: no writer schemas: %s\n", path, err);
		abort();
	}
	snprintf(path, sizeof(path), "%s/schemas/history/conflict_event.v1.avsc", src);
	if (!(v1 = read_file(path)) || !(canon = avro_canonical_form(v1, err, sizeof(err)))) {
		fprintf(stderr, "fuzz_event_decode_history: %s: cannot read\n", path);
		abort();
	}
	v1_fp = avro_crc64(canon, strlen(canon));
	free(canon);
	if (avro_codec_add_writer(codec, v1, FUZZ_V1_ID, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_event_decode_history: %s\n", err);
		abort();
	}
	free(v1);
	CHECK(v1_fp != avro_codec_fingerprint(codec));
	framed = malloc(10 + FUZZ_MAX_LEN);
	CHECK(framed != NULL);
	atexit(close_codec);
	return 0;
}

static void check_event(const struct conflict_event *ev)
{
	struct conflict_event again;
	void *buf = NULL;
	size_t len = 0;
	char err[512], id[sizeof(ev->event_id)];

	CHECK(ev->n_evidence <= EVENT_MAX_EVIDENCE);
	CHECK(ev->n_associated <= EVENT_MAX_ASSOCIATED);
	CHECK(ev->n_reported_by <= EVENT_MAX_REPORTED_BY);
	CHECK(memchr(ev->event_id, '\0', sizeof(ev->event_id)) != NULL);
	CHECK(memchr(ev->article_id, '\0', sizeof(ev->article_id)) != NULL);
	/* v1 has no provenance: the reader's default (null) stands in. */
	CHECK(!ev->provenance.present);
	for (size_t i = 0; i < ev->n_evidence; i++)
		CHECK(ev->evidence[i].end >= ev->evidence[i].start);
	/* What resolution produced is an ordinary event of the reader schema. */
	memcpy(id, ev->event_id, sizeof(id));
	if (avro_codec_encode(codec, ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)) == 0) {
		CHECK(avro_codec_decode(codec, buf, len, &again, err, sizeof(err)) == 0);
		CHECK(strcmp(again.event_id, id) == 0);
		free(buf);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conflict_event ev;
	char err[512], first[sizeof(ev.event_id)];
	size_t used = (size_t)-1;
	int ok_so, ok_cf, ok_as;

	if (size > FUZZ_MAX_LEN)
		return 0;
	/* Single-object, v1's fingerprint. */
	framed[0] = 0xc3;
	framed[1] = 0x01;
	for (int i = 0; i < 8; i++)
		framed[2 + i] = (unsigned char)(v1_fp >> (8 * i));
	if (size)
		memcpy(framed + 10, data, size);
	ok_so = avro_codec_decode(codec, framed, 10 + size, &ev, err, sizeof(err)) == 0;
	if (ok_so) {
		memcpy(first, ev.event_id, sizeof(first));
		check_event(&ev);
	} else {
		CHECK(err[0] != '\0');
	}
	/* Confluent, v1's registry id. */
	framed[5] = 0x00;
	framed[6] = 0x00;
	framed[7] = 0x00;
	framed[8] = 0x00;
	framed[9] = FUZZ_V1_ID;
	ok_cf = avro_codec_decode(codec, framed + 5, 5 + size, &ev, err, sizeof(err)) == 0;
	CHECK(ok_cf == ok_so);
	if (ok_cf)
		CHECK(strcmp(ev.event_id, first) == 0);
	/* A bare datum: may leave trailing bytes, never claims more than given. */
	ok_as = avro_codec_decode_datum_as(codec, v1_fp, data, size, &used, &ev, err, sizeof(err)) == 0;
	if (ok_as) {
		CHECK(used <= size);
		check_event(&ev);
		if (ok_so)
			CHECK(used == size && strcmp(ev.event_id, first) == 0);
	} else {
		CHECK(!ok_so);
		CHECK(err[0] != '\0');
	}
	return 0;
}
