/*
 * article_avro.c - an Avro-framed Kafka value -> struct article.
 *
 * Upstream scrapers that already speak Avro send articles as datums of
 * schemas/article.avsc, framed either as single-object encoding (C3 01, the
 * schema's 8-byte little-endian CRC-64-AVRO fingerprint, the datum) or in
 * the Confluent wire format (00, a 4-byte big-endian registry id, the
 * datum).  The bytes are untrusted, so the fixed record is decoded here by
 * hand rather than by avro-c (which allocates whatever a length prefix
 * claims): every varint is at most 10 bytes, every length is checked
 * against the bytes that remain before anything is allocated, union
 * branches must be 0 or 1, strings follow the plain-text input's UTF-8
 * rules, and the datum must end exactly where the value ends.
 *
 * The schema is compiled in as its Parsing Canonical Form (a unit test
 * compares it with schemas/article.avsc), so decoding needs no file, no
 * global state and no lock.  A single-object value must carry this
 * schema's fingerprint, or the one python3-avro 1.11 users compute: its
 * canonical_form keeps published_at's {"type":"long"} where the
 * specification says "long", which changes the fingerprint but not one
 * byte of the datum, so refusing it would only turn away Python scrapers.
 *
 * A Confluent id cannot be checked without a registry, so a Confluent
 * value is accepted when its datum decodes as an Article and fills the
 * value exactly; a value written with another schema rarely does (it would
 * need the same field types in the same order).
 */
#include "article.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SINGLE_OBJECT_HEADER 10 /* C3 01 + 8-byte fingerprint */
#define CONFLUENT_HEADER     5  /* 00 + 4-byte schema id */
#define VARINT_MAX_BYTES     10 /* a 64-bit zig-zag long */

/* published_at between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z,
 * the range an RFC 3339 timestamp in a JSON article can name. */
#define PUBLISHED_MIN_MS (-62167219200000LL)
#define PUBLISHED_MAX_MS 253402300799999LL

/* Must equal the Parsing Canonical Form of schemas/article.avsc
 * (test_article_avro checks both constants against the file). */
static const char schema_canonical[] = "{\"name\":\"org.conflictd.Article\",\"type\":\"record\",\"fields\":["
                                       "{\"name\":\"id\",\"type\":[\"null\",\"string\"]},"
                                       "{\"name\":\"title\",\"type\":[\"null\",\"string\"]},"
                                       "{\"name\":\"text\",\"type\":\"string\"},"
                                       "{\"name\":\"url\",\"type\":[\"null\",\"string\"]},"
                                       "{\"name\":\"source\",\"type\":[\"null\",\"string\"]},"
                                       "{\"name\":\"language\",\"type\":[\"null\",\"string\"]},"
                                       "{\"name\":\"published_at\",\"type\":[\"null\",\"long\"]}]}";
#define SCHEMA_FINGERPRINT 0x739c2f8e38e35eb6ULL
/* CRC-64-AVRO of python3-avro 1.11's canonical_form of the same schema. */
#define SCHEMA_FINGERPRINT_PYAVRO 0xdd60862ff83be33dULL

const char *article_avro_schema_canonical(void)
{
	return schema_canonical;
}

uint64_t article_avro_fingerprint(void)
{
	return SCHEMA_FINGERPRINT;
}

int article_avro_framed(const void *value, size_t len)
{
	const unsigned char *b = value;

	if (len >= 1 && b[0] == 0x00)
		return 1;
	return len >= 2 && b[0] == 0xC3 && b[1] == 0x01;
}

/* A cursor over the value; offsets in messages count from the value's
 * first byte (framing included), as a hexdump of the dead letter shows. */
struct cursor {
	const unsigned char *base, *p, *end;
	char *errbuf;
	size_t errlen;
	const char *framing; /* "single-object" or "Confluent schema id N" */
};

__attribute__((format(printf, 3, 4))) static enum article_error cfail(struct cursor *c, enum article_error e,
                                                                      const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!c->errbuf || !c->errlen)
		return e;
	n = snprintf(c->errbuf, c->errlen, "Avro article (%s): ", c->framing);
	if (n >= 0 && (size_t)n < c->errlen) {
		va_start(ap, fmt);
		vsnprintf(c->errbuf + n, c->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return e;
}

static size_t cursor_pos(const struct cursor *c)
{
	return (size_t)(c->p - c->base);
}

/* A zig-zag varint long: at most 10 bytes, the 10th holding only bit 63. */
static enum article_error read_long(struct cursor *c, const char *field, int64_t *out)
{
	size_t at = cursor_pos(c);
	uint64_t u = 0;

	for (int i = 0; i < VARINT_MAX_BYTES; i++) {
		unsigned char b;

		if (c->p == c->end)
			return cfail(c, ARTICLE_BAD_AVRO,
			             "field \"%s\": value ends inside a varint at byte %zu", field, at);
		b = *c->p++;
		if (i == VARINT_MAX_BYTES - 1 && (b & 0x80))
			break;
		if (i == VARINT_MAX_BYTES - 1 && b > 1)
			return cfail(c, ARTICLE_BAD_AVRO,
			             "field \"%s\": varint at byte %zu overflows 64 bits", field, at);
		u |= (uint64_t)(b & 0x7F) << (7 * i);
		if (!(b & 0x80)) {
			*out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
			return ARTICLE_OK;
		}
	}
	return cfail(c, ARTICLE_BAD_AVRO, "field \"%s\": varint at byte %zu is longer than %d bytes", field,
	             at, VARINT_MAX_BYTES);
}

/* A string: length, then that many bytes of UTF-8 text.  The length is
 * checked against what remains before the copy is allocated. */
static enum article_error read_string(struct cursor *c, const char *field, char **out, size_t *outlen)
{
	size_t at = cursor_pos(c), bad;
	int64_t n = 0;
	int ctl;
	enum article_error e;

	if ((e = read_long(c, field, &n)) != ARTICLE_OK)
		return e;
	if (n < 0)
		return cfail(c, ARTICLE_BAD_AVRO,
		             "field \"%s\": negative string length %" PRId64 " at byte %zu", field, n, at);
	if ((uint64_t)n > (uint64_t)(c->end - c->p))
		return cfail(c, ARTICLE_BAD_AVRO,
		             "field \"%s\": string length %" PRId64
		             " at byte %zu runs past the end (%zu bytes left)",
		             field, n, at, (size_t)(c->end - c->p));
	bad = article_utf8_span(c->p, (size_t)n, &ctl);
	if (bad < (size_t)n) {
		if (ctl)
			return cfail(c, ARTICLE_BAD_UTF8, "field \"%s\": control byte 0x%02x at byte %zu",
			             field, c->p[bad], cursor_pos(c) + bad);
		return cfail(c, ARTICLE_BAD_UTF8, "field \"%s\": invalid UTF-8 at byte %zu", field,
		             cursor_pos(c) + bad);
	}
	*out = malloc((size_t)n + 1);
	if (!*out)
		return cfail(c, ARTICLE_NOMEM, "out of memory copying field \"%s\" (%" PRId64 " bytes)",
		             field, n);
	memcpy(*out, c->p, (size_t)n);
	(*out)[n] = '\0';
	if (outlen)
		*outlen = (size_t)n;
	c->p += n;
	return ARTICLE_OK;
}

/* The branch of a ["null", T] union: 0 null, 1 the value. */
static enum article_error read_branch(struct cursor *c, const char *field, int *present)
{
	size_t at = cursor_pos(c);
	int64_t b = 0;
	enum article_error e;

	if ((e = read_long(c, field, &b)) != ARTICLE_OK)
		return e;
	if (b != 0 && b != 1)
		return cfail(c, ARTICLE_BAD_AVRO,
		             "field \"%s\": union branch %" PRId64 " at byte %zu (0 null, 1 value)", field, b,
		             at);
	*present = (int)b;
	return ARTICLE_OK;
}

static enum article_error read_opt_string(struct cursor *c, const char *field, char **out)
{
	int present = 0;
	enum article_error e;

	*out = NULL;
	if ((e = read_branch(c, field, &present)) != ARTICLE_OK || !present)
		return e;
	return read_string(c, field, out, NULL);
}

static int has_non_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f' &&
		    s[i] != '\v')
			return 1;
	return 0;
}

/* The record's fields, in the schema's order. */
static enum article_error read_article(struct cursor *c, struct article *a, int *have_pub)
{
	size_t at;
	int present = 0;
	enum article_error e;

	if ((e = read_opt_string(c, "id", &a->id)) != ARTICLE_OK ||
	    (e = read_opt_string(c, "title", &a->title)) != ARTICLE_OK ||
	    (e = read_string(c, "text", &a->text, &a->text_len)) != ARTICLE_OK ||
	    (e = read_opt_string(c, "url", &a->url)) != ARTICLE_OK ||
	    (e = read_opt_string(c, "source", &a->source)) != ARTICLE_OK ||
	    (e = read_opt_string(c, "language", &a->language)) != ARTICLE_OK ||
	    (e = read_branch(c, "published_at", &present)) != ARTICLE_OK)
		return e;
	at = cursor_pos(c);
	if (present) {
		if ((e = read_long(c, "published_at", &a->published_at_ms)) != ARTICLE_OK)
			return e;
		if (a->published_at_ms < PUBLISHED_MIN_MS || a->published_at_ms > PUBLISHED_MAX_MS)
			return cfail(c, ARTICLE_BAD_FIELD,
			             "field \"published_at\": %" PRId64
			             " ms at byte %zu is outside years 0000-9999",
			             a->published_at_ms, at);
		*have_pub = 1;
	}
	if (c->p != c->end)
		return cfail(c, ARTICLE_BAD_AVRO, "the datum ends at byte %zu but the value has %zu bytes",
		             cursor_pos(c), (size_t)(c->end - c->base));

	/* The same rules as for a JSON article. */
	if (!has_non_space(a->text, a->text_len))
		return cfail(c, ARTICLE_NO_TEXT, "field \"text\" is empty or only whitespace");
	if (a->id && a->id[0] == '\0') {
		free(a->id); /* empty: the message's topic/partition/offset instead */
		a->id = NULL;
	}
	return ARTICLE_OK;
}

enum article_error article_avro_decode(struct article *out, const void *value, size_t len, int *have_pub,
                                       char *errbuf, size_t errlen)
{
	struct cursor c = {value, value, (const unsigned char *)value + len, errbuf, errlen, "single-object"};
	char framing[48];

	*have_pub = 0;
	if (!article_avro_framed(value, len))
		return cfail(&c, ARTICLE_BAD_AVRO, "no Avro framing");
	if (c.base[0] == 0x00) {
		uint32_t id;

		c.framing = "Confluent";
		if (len < CONFLUENT_HEADER)
			return cfail(&c, ARTICLE_BAD_AVRO,
			             "a %zu-byte value is shorter than the 5-byte header", len);
		id = (uint32_t)c.base[1] << 24 | (uint32_t)c.base[2] << 16 | (uint32_t)c.base[3] << 8 |
		     c.base[4];
		snprintf(framing, sizeof(framing), "Confluent schema id %" PRIu32, id);
		c.framing = framing;
		c.p += CONFLUENT_HEADER;
	} else {
		uint64_t fp = 0;

		if (len < SINGLE_OBJECT_HEADER)
			return cfail(&c, ARTICLE_BAD_AVRO,
			             "a %zu-byte value is shorter than the 10-byte header", len);
		for (int i = 7; i >= 0; i--)
			fp = fp << 8 | c.base[2 + i];
		if (fp != SCHEMA_FINGERPRINT && fp != SCHEMA_FINGERPRINT_PYAVRO)
			return cfail(&c, ARTICLE_UNKNOWN_SCHEMA,
			             "fingerprint %016" PRIx64 " is not org.conflictd.Article's (%016" PRIx64
			             ")",
			             fp, (uint64_t)SCHEMA_FINGERPRINT);
		c.p += SINGLE_OBJECT_HEADER;
	}
	return read_article(&c, out, have_pub);
}
