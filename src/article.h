/*
 * article.h - one Kafka message value -> struct article.
 *
 * Accepted shapes (../shared/DESIGN.md "Input"):
 *  - a JSON object with "id", "text" (or "body"), optional "title", "url",
 *    "published_at" (RFC 3339), "source", "language";
 *  - plain UTF-8 text: first line the title, the rest the body;
 *  - an Avro datum of schemas/article.avsc (org.conflictd.Article), told
 *    apart by its framing: C3 01 + the schema's 8-byte fingerprint
 *    (single-object encoding; the specification's, or python3-avro 1.11's
 *    variant) or 00 + a 4-byte schema id (Confluent, not checked).
 *    Neither start is valid UTF-8 text (0x00 is a control byte, C3 must be
 *    followed by a continuation byte), so no text or JSON value is taken
 *    for Avro.  See article_avro.c.
 * A missing id becomes "<topic>/<partition>/<offset>"; a missing
 * published_at becomes the message timestamp.  Anything else is rejected
 * with an article_error that names the reason (it goes into the
 * dead-letter topic's headers).
 */
#ifndef CONFLICTD_ARTICLE_H
#define CONFLICTD_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"

#define ARTICLE_DEFAULT_MAX_BYTES (1024 * 1024)

enum article_error {
	ARTICLE_OK = 0,
	ARTICLE_EMPTY,     /* zero-length or whitespace-only value */
	ARTICLE_TOO_LARGE, /* over the configured size limit */
	ARTICLE_BAD_UTF8,  /* not valid UTF-8 (includes random binary) */
	ARTICLE_BAD_JSON,  /* starts like JSON ('{') but does not parse, or is not an object */
	ARTICLE_NO_TEXT,   /* JSON without a non-empty "text"/"body" string */
	ARTICLE_BAD_FIELD, /* a field of the wrong type, or an unparseable published_at */
	ARTICLE_NOMEM,
	ARTICLE_BAD_AVRO,      /* Avro-framed but not one whole, well-formed Article datum */
	ARTICLE_UNKNOWN_SCHEMA /* single-object framing with another schema's fingerprint */
};

/* Where a message came from, for defaults and error messages. */
struct article_origin {
	const char *topic;
	int32_t partition;
	int64_t offset;
	int64_t timestamp_ms; /* message timestamp, -1 when none */
};

/* An owned, decoded article.  All strings are heap copies, NUL-terminated;
 * optional ones are NULL when absent. */
struct article {
	char *id;
	char *title;
	char *text;
	size_t text_len;
	char *url;
	char *source;
	char *language;
	int64_t published_at_ms; /* 0 when neither the value nor the message has one */
};

/* Decode value[0..len).  On success returns ARTICLE_OK and fills *out (free
 * with article_free).  On failure returns the reason, leaves *out empty and
 * writes a one-line human message to errbuf. */
enum article_error article_decode(struct article *out, const void *value, size_t len,
                                  const struct article_origin *origin, size_t max_bytes, char *errbuf,
                                  size_t errlen);

void article_free(struct article *a);

/* Stable lower-case reason name for headers and metrics: "empty", "too_large",
 * "bad_utf8", "bad_json", "no_text", "bad_field", "nomem", "bad_avro",
 * "unknown_schema". */
const char *article_error_name(enum article_error e);

/* A borrowed extractor view of a decoded article. */
void article_view(const struct article *a, struct extract_article *view);

/* Parse an RFC 3339 timestamp ("2018-11-17T15:00:00Z", offsets, fractions)
 * to milliseconds since the epoch.  Returns 0 on success, -1 if malformed. */
int article_parse_rfc3339(const char *s, int64_t *ms);

/* 1 if buf[0..len) is valid UTF-8 (no overlongs, no surrogates) text
 * without C0 control bytes other than tab, LF and CR, else 0. */
int article_utf8_valid(const void *buf, size_t len);

/* Length of the longest prefix of buf[0..len) that is valid UTF-8 text by
 * the rules of article_utf8_valid() (len when all of it is); *is_control
 * is set to 1 when it stopped at a C0 control byte other than tab, LF, CR. */
size_t article_utf8_span(const void *buf, size_t len, int *is_control);

/* --- Avro input (article_avro.c) ------------------------------------------
 *
 * The Article schema is compiled in (its Parsing Canonical Form below), so
 * article_decode() stays a pure function of its arguments; a unit test
 * checks it against schemas/article.avsc. */

/* Parsing Canonical Form of schemas/article.avsc, and its CRC-64-AVRO
 * fingerprint (the single-object header carries it little-endian). */
const char *article_avro_schema_canonical(void);
uint64_t article_avro_fingerprint(void);

/* 1 if value[0..len) starts with an Avro framing (00, or C3 01), else 0. */
int article_avro_framed(const void *value, size_t len);

/* Decode an Avro-framed value into *out (which must be zeroed); *have_pub
 * is set when the datum has a published_at.  Used by article_decode(),
 * which applies the size limit and the id/date defaults around it.  On
 * failure returns the reason with errbuf; *out may hold partial strings
 * that article_free() releases. */
enum article_error article_avro_decode(struct article *out, const void *value, size_t len, int *have_pub,
                                       char *errbuf, size_t errlen);

#endif
