/*
 * avro_codec.c - struct conflict_event <-> Avro datum of
 * schemas/conflict_event.avsc, and the Kafka value framing.
 *
 * Encoding fills one avro-c generic value (reused across events) field by
 * field and writes it behind the framing header into a buffer sized exactly
 * with avro_value_sizeof().  Optional values become the union's null branch:
 * empty strings, civilians/children < 0, a location without coordinates.
 *
 * Decoding takes untrusted bytes.  avro-c allocates whatever a length
 * prefix claims and trusts union branches and enum indices, so before a
 * datum reaches avro-c it is walked here against the schema by a bounded
 * validator (every length within the remaining bytes, varints at most 10
 * bytes, branch and enum indices in range, strings valid UTF-8, nesting and
 * array sizes capped).  Only a datum that passes is handed to
 * avro_value_read(), and only if it fills the input exactly.
 */
#include "avro_codec.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <avro.h>

#define CODEC_SCHEMA_MAX_BYTES (1024 * 1024)
#define CODEC_MAX_DEPTH        32   /* schema nesting the validator follows */
#define CODEC_MAX_ARRAY_ITEMS  4096 /* items per array in one datum */
#define SINGLE_OBJECT_HEADER   10   /* C3 01 + 8-byte fingerprint */
#define CONFLUENT_HEADER       5    /* 00 + 4-byte schema id */

struct avro_codec {
	avro_schema_t schema;
	avro_value_iface_t *iface;
	avro_value_t enc; /* reused by every encode */
	avro_value_t dec; /* holds the last decoded datum; evidence text points into it */
	avro_writer_t writer;
	avro_reader_t reader;
	uint64_t fingerprint;
	char name[256];
	char *scratch; /* UTF-8 repair buffer for the encoder */
	size_t scratch_cap;
};

static void errf(char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!errbuf || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
}

/* Length of the valid UTF-8 sequence at s[0..n) (1-4), or 0 if invalid
 * (overlong forms, surrogates and code points above U+10FFFF included). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f))
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

static int utf8_valid(const void *buf, size_t n)
{
	const unsigned char *s = buf;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_seq(s + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* open / close                                                        */

int avro_codec_open(struct avro_codec **out, const char *schema_path, char *errbuf, size_t errlen)
{
	struct avro_codec *c = NULL;
	char *text = NULL, *canon = NULL;
	char why[256];
	FILE *f = NULL;
	long size;

	*out = NULL;
	f = fopen(schema_path, "rb");
	if (!f) {
		errf(errbuf, errlen, "%s: %s", schema_path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		errf(errbuf, errlen, "%s: cannot determine size: %s", schema_path, strerror(errno));
		goto err;
	}
	if (size == 0 || size > CODEC_SCHEMA_MAX_BYTES) {
		errf(errbuf, errlen, "%s: size %ld outside 1..%d bytes", schema_path, size,
		     CODEC_SCHEMA_MAX_BYTES);
		goto err;
	}
	text = malloc((size_t)size + 1);
	if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
		errf(errbuf, errlen, "%s: read failed", schema_path);
		goto err;
	}
	text[size] = '\0';
	fclose(f);
	f = NULL;

	canon = avro_canonical_form(text, why, sizeof(why));
	if (!canon) {
		errf(errbuf, errlen, "%s: %s", schema_path, why);
		goto err;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		errf(errbuf, errlen, "%s: out of memory", schema_path);
		goto err;
	}
	c->fingerprint = avro_crc64(canon, strlen(canon));
	if (avro_schema_from_json_length(text, (size_t)size, &c->schema) != 0) {
		c->schema = NULL;
		errf(errbuf, errlen, "%s: %s", schema_path, avro_strerror());
		goto err;
	}
	if (!is_avro_record(c->schema)) {
		errf(errbuf, errlen, "%s: top-level schema is not a record", schema_path);
		goto err;
	}
	const char *ns = avro_schema_namespace(c->schema);
	snprintf(c->name, sizeof(c->name), "%s%s%s", ns && *ns ? ns : "", ns && *ns ? "." : "",
	         avro_schema_name(c->schema));
	c->iface = avro_generic_class_from_schema(c->schema);
	if (!c->iface) {
		errf(errbuf, errlen, "%s: %s", schema_path, avro_strerror());
		goto err;
	}
	if (avro_generic_value_new(c->iface, &c->enc) != 0) {
		errf(errbuf, errlen, "%s: %s", schema_path, avro_strerror());
		c->enc.self = NULL;
		goto err;
	}
	if (avro_generic_value_new(c->iface, &c->dec) != 0) {
		errf(errbuf, errlen, "%s: %s", schema_path, avro_strerror());
		c->dec.self = NULL;
		goto err;
	}
	c->writer = avro_writer_memory(NULL, 0);
	c->reader = avro_reader_memory(NULL, 0);
	if (!c->writer || !c->reader) {
		errf(errbuf, errlen, "%s: out of memory", schema_path);
		goto err;
	}
	free(text);
	free(canon);
	*out = c;
	return 0;
err:
	if (f)
		fclose(f);
	free(text);
	free(canon);
	avro_codec_close(c);
	return -1;
}

void avro_codec_close(struct avro_codec *c)
{
	if (!c)
		return;
	if (c->writer)
		avro_writer_free(c->writer);
	if (c->reader)
		avro_reader_free(c->reader);
	if (c->enc.self)
		avro_value_decref(&c->enc);
	if (c->dec.self)
		avro_value_decref(&c->dec);
	if (c->iface)
		avro_value_iface_decref(c->iface);
	if (c->schema)
		avro_schema_decref(c->schema);
	free(c->scratch);
	free(c);
}

uint64_t avro_codec_fingerprint(const struct avro_codec *c)
{
	return c->fingerprint;
}

const char *avro_codec_schema_name(const struct avro_codec *c)
{
	return c->name;
}

/* ------------------------------------------------------------------ */
/* encode                                                              */

/* Every setter returns 0 or an errno from avro-c; the first failure stops
 * the fill and names the field. */
struct fill {
	struct avro_codec *c;
	const char *field; /* last field touched, for the error message */
};

static int child(struct fill *f, avro_value_t *rec, const char *name, avro_value_t *out)
{
	f->field = name;
	return avro_value_get_by_name(rec, name, out, NULL);
}

/* The scratch buffer, at least n bytes. */
static char *scratch(struct avro_codec *c, size_t n)
{
	if (c->scratch_cap < n) {
		char *nb = realloc(c->scratch, n);
		if (!nb)
			return NULL;
		c->scratch = nb;
		c->scratch_cap = n;
	}
	return c->scratch;
}

/* Set a string of n bytes (not necessarily NUL-terminated: evidence text
 * is a slice of the article), repairing invalid UTF-8 (a name cut
 * mid-character by a fixed-size buffer) so that every reader can decode it.
 * avro-c copies n + 1 bytes including a NUL, so an unterminated slice is
 * copied to the scratch buffer first. */
static int put_string_n(struct fill *f, avro_value_t *v, const char *s, size_t n, int terminated)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out;
	size_t o = 0;

	if (utf8_valid(s, n)) {
		if (terminated)
			return avro_value_set_string_len(v, s, n + 1);
		if (!(out = scratch(f->c, n + 1)))
			return ENOMEM;
		memcpy(out, s, n);
		out[n] = '\0';
		return avro_value_set_string_len(v, out, n + 1);
	}
	if (!(out = scratch(f->c, n * 3 + 1)))
		return ENOMEM;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_seq(u + i, n - i);
		if (k) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else if (n - i < 4 && u[i] >= 0xc2 && u[i] <= 0xf4) {
			break; /* a sequence cut at the end: drop it */
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3); /* U+FFFD */
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	return avro_value_set_string_len(v, out, o + 1);
}

static int put_string(struct fill *f, avro_value_t *v, const char *s)
{
	return put_string_n(f, v, s, strlen(s), 1);
}

static int set_string(struct fill *f, avro_value_t *rec, const char *name, const char *s)
{
	avro_value_t v;
	int rc = child(f, rec, name, &v);
	return rc ? rc : put_string(f, &v, s);
}

/* ["null","string"]: "" is null. */
static int set_opt_string(struct fill *f, avro_value_t *rec, const char *name, const char *s)
{
	avro_value_t u, b;
	int rc = child(f, rec, name, &u);
	if (rc)
		return rc;
	if (!s || !*s) {
		rc = avro_value_set_branch(&u, 0, &b);
		return rc ? rc : avro_value_set_null(&b);
	}
	rc = avro_value_set_branch(&u, 1, &b);
	return rc ? rc : put_string(f, &b, s);
}

static int set_int(struct fill *f, avro_value_t *rec, const char *name, int32_t x)
{
	avro_value_t v;
	int rc = child(f, rec, name, &v);
	return rc ? rc : avro_value_set_int(&v, x);
}

static int set_bool(struct fill *f, avro_value_t *rec, const char *name, bool x)
{
	avro_value_t v;
	int rc = child(f, rec, name, &v);
	return rc ? rc : avro_value_set_boolean(&v, x ? 1 : 0);
}

static int set_enum(struct fill *f, avro_value_t *rec, const char *name, int x, int count)
{
	avro_value_t v;
	int rc = child(f, rec, name, &v);
	if (rc)
		return rc;
	if (x < 0 || x >= count)
		return ERANGE;
	return avro_value_set_enum(&v, x);
}

static int fill_actor(struct fill *f, avro_value_t *rec, const struct event_actor *a)
{
	int rc;
	if ((rc = set_string(f, rec, "name", a->name)) || (rc = set_string(f, rec, "mention", a->mention)) ||
	    (rc = set_enum(f, rec, "type", (int)a->type, ACTOR_TYPE_COUNT)) ||
	    (rc = set_opt_string(f, rec, "country_code", a->country_code)))
		return rc;
	return 0;
}

static int set_opt_actor(struct fill *f, avro_value_t *rec, const char *name, const struct event_actor *a)
{
	avro_value_t u, b;
	int rc = child(f, rec, name, &u);
	if (rc)
		return rc;
	if (!a->present) {
		rc = avro_value_set_branch(&u, 0, &b);
		return rc ? rc : avro_value_set_null(&b);
	}
	rc = avro_value_set_branch(&u, 1, &b);
	return rc ? rc : fill_actor(f, &b, a);
}

static int set_opt_double(struct fill *f, avro_value_t *rec, const char *name, bool present, double x)
{
	avro_value_t u, b;
	int rc = child(f, rec, name, &u);
	if (rc)
		return rc;
	rc = avro_value_set_branch(&u, present ? 1 : 0, &b);
	if (rc)
		return rc;
	return present ? avro_value_set_double(&b, x) : avro_value_set_null(&b);
}

static int set_opt_int(struct fill *f, avro_value_t *rec, const char *name, int x)
{
	avro_value_t u, b;
	int rc = child(f, rec, name, &u);
	if (rc)
		return rc;
	rc = avro_value_set_branch(&u, x >= 0 ? 1 : 0, &b);
	if (rc)
		return rc;
	return x >= 0 ? avro_value_set_int(&b, x) : avro_value_set_null(&b);
}

static int fill_location(struct fill *f, avro_value_t *rec, const struct event_location *l)
{
	avro_value_t u, r;
	int rc = child(f, rec, "location", &u);
	if (rc)
		return rc;
	if (!l->present) {
		rc = avro_value_set_branch(&u, 0, &r);
		return rc ? rc : avro_value_set_null(&r);
	}
	if ((rc = avro_value_set_branch(&u, 1, &r)) || (rc = set_string(f, &r, "name", l->name)) ||
	    (rc = set_opt_string(f, &r, "admin1", l->admin1)) ||
	    (rc = set_opt_string(f, &r, "admin2", l->admin2)) ||
	    (rc = set_opt_string(f, &r, "country", l->country)) ||
	    (rc = set_opt_string(f, &r, "country_code", l->country_code)) ||
	    (rc = set_opt_double(f, &r, "latitude", l->has_coordinates, l->latitude)) ||
	    (rc = set_opt_double(f, &r, "longitude", l->has_coordinates, l->longitude)) ||
	    (rc = set_int(f, &r, "geo_precision", l->geo_precision)) ||
	    (rc = set_opt_string(f, &r, "gazetteer_id", l->gazetteer_id)))
		return rc;
	return 0;
}

static int fill_fatalities(struct fill *f, avro_value_t *rec, const struct event_fatalities *k)
{
	avro_value_t r;
	int rc;
	if ((rc = child(f, rec, "fatalities", &r)) || (rc = set_int(f, &r, "best", k->best)) ||
	    (rc = set_int(f, &r, "low", k->low)) || (rc = set_int(f, &r, "high", k->high)) ||
	    (rc = set_opt_int(f, &r, "civilians", k->civilians)) ||
	    (rc = set_opt_int(f, &r, "children", k->children)) ||
	    (rc = set_bool(f, &r, "imputed", k->imputed)))
		return rc;
	return 0;
}

static int fill_arrays(struct fill *f, avro_value_t *rec, const struct conflict_event *ev)
{
	avro_value_t arr, item;
	int rc;

	if ((rc = child(f, rec, "associated_actors", &arr)))
		return rc;
	for (size_t i = 0; i < ev->n_associated && i < EVENT_MAX_ASSOCIATED; i++)
		if ((rc = avro_value_append(&arr, &item, NULL)) ||
		    (rc = fill_actor(f, &item, &ev->associated[i])))
			return rc;
	if ((rc = child(f, rec, "reported_by", &arr)))
		return rc;
	for (size_t i = 0; i < ev->n_reported_by && i < EVENT_MAX_REPORTED_BY; i++)
		if ((rc = avro_value_append(&arr, &item, NULL)) ||
		    (rc = put_string(f, &item, ev->reported_by[i])))
			return rc;
	if ((rc = child(f, rec, "evidence", &arr)))
		return rc;
	for (size_t i = 0; i < ev->n_evidence && i < EVENT_MAX_EVIDENCE; i++) {
		const struct event_evidence *e = &ev->evidence[i];
		if (e->start > INT32_MAX || e->end > INT32_MAX || e->end < e->start)
			return ERANGE;
		avro_value_t text;
		if ((rc = avro_value_append(&arr, &item, NULL)) ||
		    (rc = set_int(f, &item, "start", (int32_t)e->start)) ||
		    (rc = set_int(f, &item, "end", (int32_t)e->end)) ||
		    (rc = child(f, &item, "text", &text)) ||
		    (rc = put_string_n(f, &text, e->text ? e->text : "", e->text ? e->end - e->start : 0, 0)))
			return rc;
	}
	return 0;
}

static int fill_event(struct fill *f, avro_value_t *rec, const struct conflict_event *ev)
{
	avro_value_t v, u, b;
	int rc;

	if ((rc = set_string(f, rec, "event_id", ev->event_id)) ||
	    (rc = set_string(f, rec, "article_id", ev->article_id)) ||
	    (rc = set_opt_string(f, rec, "article_url", ev->article_url)) ||
	    (rc = set_opt_string(f, rec, "source_name", ev->source_name)))
		return rc;
	if ((rc = child(f, rec, "article_published_at", &v)) ||
	    (rc = avro_value_set_long(&v, ev->article_published_at_ms)))
		return rc;
	if ((rc = child(f, rec, "processed_at", &v)) || (rc = avro_value_set_long(&v, ev->processed_at_ms)))
		return rc;
	if ((rc = set_enum(f, rec, "record_kind", (int)ev->record_kind, RECORD_KIND_COUNT)) ||
	    (rc = set_enum(f, rec, "event_type", (int)ev->event_type, EVENT_TYPE_COUNT)) ||
	    (rc = set_enum(f, rec, "sub_event_type", (int)ev->sub_event_type, SUB_EVENT_TYPE_COUNT)))
		return rc;
	if ((rc = child(f, rec, "event_date", &u)) ||
	    (rc = avro_value_set_branch(&u, ev->has_event_date ? 1 : 0, &b)))
		return rc;
	if ((rc = ev->has_event_date ? avro_value_set_int(&b, ev->event_date) : avro_value_set_null(&b)))
		return rc;
	if ((rc = set_enum(f, rec, "date_precision", (int)ev->date_precision, DATE_PRECISION_COUNT)) ||
	    (rc = set_enum(f, rec, "temporality", (int)ev->temporality, TEMPORALITY_COUNT)) ||
	    (rc = set_opt_actor(f, rec, "actor1", &ev->actor1)) ||
	    (rc = set_opt_actor(f, rec, "actor2", &ev->actor2)) ||
	    (rc = fill_location(f, rec, &ev->location)) || (rc = fill_fatalities(f, rec, &ev->fatalities)) ||
	    (rc = fill_arrays(f, rec, ev)) || (rc = set_bool(f, rec, "disputed", ev->disputed)))
		return rc;
	if ((rc = child(f, rec, "confidence", &v)) || (rc = avro_value_set_float(&v, ev->confidence)))
		return rc;
	if ((rc = set_opt_string(f, rec, "language", ev->language)) ||
	    (rc = set_string(f, rec, "extractor_version", ev->extractor_version)))
		return rc;
	return 0;
}

int avro_codec_encode(struct avro_codec *c, const struct conflict_event *ev, enum avro_framing framing,
                      int32_t schema_id, void **buf, size_t *len, char *errbuf, size_t errlen)
{
	struct fill f = {.c = c, .field = "(record)"};
	size_t hdr, size = 0;
	unsigned char *out;
	int rc;

	*buf = NULL;
	*len = 0;
	avro_value_reset(&c->enc);
	rc = fill_event(&f, &c->enc, ev);
	if (rc) {
		errf(errbuf, errlen, "event %s: field %s: %s", ev->event_id, f.field,
		     rc == ERANGE ? "value out of range" : strerror(rc));
		return -1;
	}
	if (avro_value_sizeof(&c->enc, &size) != 0) {
		errf(errbuf, errlen, "event %s: sizing the datum: %s", ev->event_id, avro_strerror());
		return -1;
	}
	hdr = framing == AVRO_FRAMING_SINGLE_OBJECT ? SINGLE_OBJECT_HEADER
	      : framing == AVRO_FRAMING_CONFLUENT   ? CONFLUENT_HEADER
	                                            : 0;
	out = malloc(hdr + size);
	if (!out) {
		errf(errbuf, errlen, "event %s: out of memory for %zu bytes", ev->event_id, hdr + size);
		return -1;
	}
	if (framing == AVRO_FRAMING_SINGLE_OBJECT) {
		out[0] = 0xc3;
		out[1] = 0x01;
		for (int i = 0; i < 8; i++)
			out[2 + i] = (unsigned char)(c->fingerprint >> (8 * i));
	} else if (framing == AVRO_FRAMING_CONFLUENT) {
		uint32_t id = (uint32_t)schema_id;
		out[0] = 0x00;
		out[1] = (unsigned char)(id >> 24);
		out[2] = (unsigned char)(id >> 16);
		out[3] = (unsigned char)(id >> 8);
		out[4] = (unsigned char)id;
	}
	avro_writer_memory_set_dest(c->writer, (const char *)out + hdr, (int64_t)size);
	if (avro_value_write(c->writer, &c->enc) != 0 || (size_t)avro_writer_tell(c->writer) != size) {
		errf(errbuf, errlen, "event %s: writing the datum: %s", ev->event_id, avro_strerror());
		free(out);
		return -1;
	}
	*buf = out;
	*len = hdr + size;
	return 0;
}

/* ------------------------------------------------------------------ */
/* validate untrusted bytes against the schema                         */

struct vin {
	const unsigned char *p, *end;
	const char *field; /* innermost record field, for messages */
	char *errbuf;
	size_t errlen;
};

static int v_fail(struct vin *in, const char *fmt, ...)
{
	char what[192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	errf(in->errbuf, in->errlen, "field '%s': %s", in->field, what);
	return -1;
}

static size_t v_left(const struct vin *in)
{
	return (size_t)(in->end - in->p);
}

/* A zig-zag varint of at most maxbytes bytes (5 for int, 10 for long). */
static int v_varint(struct vin *in, int maxbytes, int64_t *out)
{
	uint64_t u = 0;

	*out = 0;
	for (int i = 0;; i++) {
		if (i >= maxbytes)
			return v_fail(in, "varint longer than %d bytes", maxbytes);
		if (in->p >= in->end)
			return v_fail(in, "truncated varint");
		unsigned char b = *in->p++;
		u |= (uint64_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			break;
	}
	*out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	if (maxbytes == 5 && (*out < INT32_MIN || *out > INT32_MAX))
		return v_fail(in, "int %lld out of range", (long long)*out);
	return 0;
}

static int v_skip(struct vin *in, size_t n, const char *what)
{
	if (n > v_left(in))
		return v_fail(in, "%s of %zu bytes but only %zu left", what, n, v_left(in));
	in->p += n;
	return 0;
}

/* bytes or string: a length no larger than what is left. */
static int v_bytes(struct vin *in, int is_string)
{
	int64_t n = 0;
	if (v_varint(in, 10, &n))
		return -1;
	if (n < 0)
		return v_fail(in, "negative length %lld", (long long)n);
	if ((uint64_t)n > v_left(in))
		return v_fail(in, "%s length %lld but only %zu bytes left", is_string ? "string" : "bytes",
		              (long long)n, v_left(in));
	if (is_string && !utf8_valid(in->p, (size_t)n))
		return v_fail(in, "string is not valid UTF-8");
	in->p += n;
	return 0;
}

static int v_datum(struct vin *in, avro_schema_t s, int depth);

/* Arrays and maps: blocks of items ending with a zero count; a negative
 * count is followed by the block's byte size. */
static int v_blocks(struct vin *in, avro_schema_t item, int is_map, int depth)
{
	int64_t total = 0;
	for (;;) {
		int64_t count = 0, bytes = 0;
		int sized = 0;
		if (v_varint(in, 10, &count))
			return -1;
		if (count == 0)
			return 0;
		if (count < 0) {
			if (count == INT64_MIN)
				return v_fail(in, "bad block count");
			count = -count;
			sized = 1;
			if (v_varint(in, 10, &bytes))
				return -1;
			if (bytes < 0 || (uint64_t)bytes > v_left(in))
				return v_fail(in, "block of %lld bytes but only %zu left", (long long)bytes,
				              v_left(in));
		}
		if (count > CODEC_MAX_ARRAY_ITEMS || total + count > CODEC_MAX_ARRAY_ITEMS)
			return v_fail(in, "more than %d items", CODEC_MAX_ARRAY_ITEMS);
		total += count;
		const unsigned char *start = in->p;
		for (int64_t i = 0; i < count; i++) {
			if (is_map && v_bytes(in, 1))
				return -1;
			if (v_datum(in, item, depth + 1))
				return -1;
		}
		if (sized && in->p - start != bytes)
			return v_fail(in, "block says %lld bytes but its items take %lld", (long long)bytes,
			              (long long)(in->p - start));
	}
}

static int v_datum(struct vin *in, avro_schema_t s, int depth)
{
	int64_t x;

	if (depth > CODEC_MAX_DEPTH)
		return v_fail(in, "nested deeper than %d", CODEC_MAX_DEPTH);
	switch (avro_typeof(s)) {
	case AVRO_NULL:
		return 0;
	case AVRO_BOOLEAN:
		if (!v_left(in))
			return v_fail(in, "truncated boolean");
		if (*in->p > 1)
			return v_fail(in, "boolean byte 0x%02x", *in->p);
		in->p++;
		return 0;
	case AVRO_INT32:
		return v_varint(in, 5, &x);
	case AVRO_INT64:
		return v_varint(in, 10, &x);
	case AVRO_FLOAT:
		return v_skip(in, 4, "float");
	case AVRO_DOUBLE:
		return v_skip(in, 8, "double");
	case AVRO_STRING:
		return v_bytes(in, 1);
	case AVRO_BYTES:
		return v_bytes(in, 0);
	case AVRO_FIXED:
		return v_skip(in, (size_t)avro_schema_fixed_size(s), "fixed");
	case AVRO_ENUM:
		if (v_varint(in, 5, &x))
			return -1;
		if (x < 0 || x >= avro_schema_enum_number_of_symbols(s))
			return v_fail(in, "enum index %lld outside 0..%d", (long long)x,
			              avro_schema_enum_number_of_symbols(s) - 1);
		return 0;
	case AVRO_UNION:
		if (v_varint(in, 10, &x))
			return -1;
		if (x < 0 || (uint64_t)x >= avro_schema_union_size(s))
			return v_fail(in, "union branch %lld outside 0..%zu", (long long)x,
			              avro_schema_union_size(s) - 1);
		return v_datum(in, avro_schema_union_branch(s, (int)x), depth + 1);
	case AVRO_RECORD: {
		const char *outer = in->field;
		size_t n = avro_schema_record_size(s);
		for (size_t i = 0; i < n; i++) {
			in->field = avro_schema_record_field_name(s, (int)i);
			if (v_datum(in, avro_schema_record_field_get_by_index(s, (int)i), depth + 1))
				return -1;
		}
		in->field = outer;
		return 0;
	}
	case AVRO_ARRAY:
		return v_blocks(in, avro_schema_array_items(s), 0, depth);
	case AVRO_MAP:
		return v_blocks(in, avro_schema_map_values(s), 1, depth);
	case AVRO_LINK:
		return v_datum(in, avro_schema_link_target(s), depth + 1);
	}
	return v_fail(in, "unsupported schema type");
}

/* ------------------------------------------------------------------ */
/* decode                                                              */

/* Copy an Avro string into a fixed buffer, cutting on a UTF-8 boundary. */
static void copy_str(char *dst, size_t size, const char *src, size_t srclen)
{
	size_t n = srclen < size - 1 ? srclen : size - 1;
	if (n < srclen)
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Reading a value avro-c produced from a validated datum cannot meet a
 * wrong type, so the getters below only propagate avro-c's own errors. */
static int get_child(avro_value_t *rec, const char *name, avro_value_t *out)
{
	return avro_value_get_by_name(rec, name, out, NULL);
}

static int get_str(avro_value_t *rec, const char *name, char *dst, size_t size)
{
	avro_value_t v;
	const char *s;
	size_t n;
	int rc = get_child(rec, name, &v);
	if (rc || (rc = avro_value_get_string(&v, &s, &n)))
		return rc;
	copy_str(dst, size, s, n ? n - 1 : 0);
	return 0;
}

/* The non-null branch of an optional value, or rc 0 with *present 0. */
static int get_opt(avro_value_t *rec, const char *name, avro_value_t *branch, int *present)
{
	avro_value_t u;
	int disc, rc = get_child(rec, name, &u);
	if (rc || (rc = avro_value_get_discriminant(&u, &disc)) ||
	    (rc = avro_value_get_current_branch(&u, branch)))
		return rc;
	*present = avro_value_get_type(branch) != AVRO_NULL;
	return 0;
}

static int get_opt_str(avro_value_t *rec, const char *name, char *dst, size_t size)
{
	avro_value_t b;
	const char *s;
	size_t n;
	int present, rc = get_opt(rec, name, &b, &present);
	dst[0] = '\0';
	if (rc || !present)
		return rc;
	if ((rc = avro_value_get_string(&b, &s, &n)))
		return rc;
	copy_str(dst, size, s, n ? n - 1 : 0);
	return 0;
}

static int get_int(avro_value_t *rec, const char *name, int32_t *out)
{
	avro_value_t v;
	int rc = get_child(rec, name, &v);
	return rc ? rc : avro_value_get_int(&v, out);
}

static int get_bool(avro_value_t *rec, const char *name, bool *out)
{
	avro_value_t v;
	int b = 0, rc = get_child(rec, name, &v);
	if (rc || (rc = avro_value_get_boolean(&v, &b)))
		return rc;
	*out = b != 0;
	return 0;
}

static int get_enum(avro_value_t *rec, const char *name, int *out)
{
	avro_value_t v;
	int rc = get_child(rec, name, &v);
	return rc ? rc : avro_value_get_enum(&v, out);
}

static int read_actor(avro_value_t *r, struct event_actor *a)
{
	int t, rc;
	a->present = true;
	if ((rc = get_str(r, "name", a->name, sizeof(a->name))) ||
	    (rc = get_str(r, "mention", a->mention, sizeof(a->mention))) || (rc = get_enum(r, "type", &t)) ||
	    (rc = get_opt_str(r, "country_code", a->country_code, sizeof(a->country_code))))
		return rc;
	a->type = (enum actor_type)t;
	return 0;
}

static int read_opt_actor(avro_value_t *rec, const char *name, struct event_actor *a)
{
	avro_value_t b;
	int present, rc = get_opt(rec, name, &b, &present);
	memset(a, 0, sizeof(*a));
	if (rc || !present)
		return rc;
	return read_actor(&b, a);
}

static int read_location(avro_value_t *rec, struct event_location *l)
{
	avro_value_t r, v;
	int present, lat_p, lon_p, rc = get_opt(rec, "location", &r, &present);
	double lat = 0, lon = 0;
	int32_t prec;

	memset(l, 0, sizeof(*l));
	if (rc || !present)
		return rc;
	l->present = true;
	if ((rc = get_str(&r, "name", l->name, sizeof(l->name))) ||
	    (rc = get_opt_str(&r, "admin1", l->admin1, sizeof(l->admin1))) ||
	    (rc = get_opt_str(&r, "admin2", l->admin2, sizeof(l->admin2))) ||
	    (rc = get_opt_str(&r, "country", l->country, sizeof(l->country))) ||
	    (rc = get_opt_str(&r, "country_code", l->country_code, sizeof(l->country_code))) ||
	    (rc = get_opt_str(&r, "gazetteer_id", l->gazetteer_id, sizeof(l->gazetteer_id))) ||
	    (rc = get_int(&r, "geo_precision", &prec)))
		return rc;
	l->geo_precision = prec;
	if ((rc = get_opt(&r, "latitude", &v, &lat_p)) || (lat_p && (rc = avro_value_get_double(&v, &lat))))
		return rc;
	if ((rc = get_opt(&r, "longitude", &v, &lon_p)) || (lon_p && (rc = avro_value_get_double(&v, &lon))))
		return rc;
	l->has_coordinates = lat_p && lon_p;
	l->latitude = l->has_coordinates ? lat : 0;
	l->longitude = l->has_coordinates ? lon : 0;
	return 0;
}

static int read_fatalities(avro_value_t *rec, struct event_fatalities *k)
{
	avro_value_t r, v;
	int32_t best, low, high, x;
	int present, rc;

	if ((rc = get_child(rec, "fatalities", &r)) || (rc = get_int(&r, "best", &best)) ||
	    (rc = get_int(&r, "low", &low)) || (rc = get_int(&r, "high", &high)) ||
	    (rc = get_bool(&r, "imputed", &k->imputed)))
		return rc;
	k->best = best;
	k->low = low;
	k->high = high;
	k->civilians = k->children = -1;
	if ((rc = get_opt(&r, "civilians", &v, &present)) || (present && (rc = avro_value_get_int(&v, &x))))
		return rc;
	if (present)
		k->civilians = x;
	if ((rc = get_opt(&r, "children", &v, &present)) || (present && (rc = avro_value_get_int(&v, &x))))
		return rc;
	if (present)
		k->children = x;
	return 0;
}

/* Arrays longer than the struct holds keep their first items. */
static int read_arrays(avro_value_t *rec, struct conflict_event *ev)
{
	avro_value_t arr, item, v;
	size_t n;
	int rc;

	if ((rc = get_child(rec, "associated_actors", &arr)) || (rc = avro_value_get_size(&arr, &n)))
		return rc;
	for (size_t i = 0; i < n && ev->n_associated < EVENT_MAX_ASSOCIATED; i++) {
		if ((rc = avro_value_get_by_index(&arr, i, &item, NULL)) ||
		    (rc = read_actor(&item, &ev->associated[ev->n_associated])))
			return rc;
		ev->n_associated++;
	}
	if ((rc = get_child(rec, "reported_by", &arr)) || (rc = avro_value_get_size(&arr, &n)))
		return rc;
	for (size_t i = 0; i < n && ev->n_reported_by < EVENT_MAX_REPORTED_BY; i++) {
		const char *s;
		size_t sl;
		if ((rc = avro_value_get_by_index(&arr, i, &item, NULL)) ||
		    (rc = avro_value_get_string(&item, &s, &sl)))
			return rc;
		copy_str(ev->reported_by[ev->n_reported_by++], EVENT_NAME_MAX, s, sl ? sl - 1 : 0);
	}
	if ((rc = get_child(rec, "evidence", &arr)) || (rc = avro_value_get_size(&arr, &n)))
		return rc;
	for (size_t i = 0; i < n && ev->n_evidence < EVENT_MAX_EVIDENCE; i++) {
		struct event_evidence *e = &ev->evidence[ev->n_evidence];
		int32_t start, end;
		const char *s;
		size_t sl;
		if ((rc = avro_value_get_by_index(&arr, i, &item, NULL)) ||
		    (rc = get_int(&item, "start", &start)) || (rc = get_int(&item, "end", &end)) ||
		    (rc = get_child(&item, "text", &v)) || (rc = avro_value_get_string(&v, &s, &sl)))
			return rc;
		/* The text is the span's bytes: a reader may rely on it. */
		if (start < 0 || end < start || (size_t)(end - start) != (sl ? sl - 1 : 0))
			return ERANGE;
		e->start = (uint32_t)start;
		e->end = (uint32_t)end;
		e->text = s; /* owned by c->dec until the next decode */
		ev->n_evidence++;
	}
	return 0;
}

static int read_event(avro_value_t *rec, struct conflict_event *ev)
{
	avro_value_t v, b;
	int present, k, t, s, p, tm, rc;
	int64_t ts;

	if ((rc = get_str(rec, "event_id", ev->event_id, sizeof(ev->event_id))) ||
	    (rc = get_str(rec, "article_id", ev->article_id, sizeof(ev->article_id))) ||
	    (rc = get_opt_str(rec, "article_url", ev->article_url, sizeof(ev->article_url))) ||
	    (rc = get_opt_str(rec, "source_name", ev->source_name, sizeof(ev->source_name))))
		return rc;
	if ((rc = get_child(rec, "article_published_at", &v)) || (rc = avro_value_get_long(&v, &ts)))
		return rc;
	ev->article_published_at_ms = ts;
	if ((rc = get_child(rec, "processed_at", &v)) || (rc = avro_value_get_long(&v, &ts)))
		return rc;
	ev->processed_at_ms = ts;
	if ((rc = get_enum(rec, "record_kind", &k)) || (rc = get_enum(rec, "event_type", &t)) ||
	    (rc = get_enum(rec, "sub_event_type", &s)) || (rc = get_enum(rec, "date_precision", &p)) ||
	    (rc = get_enum(rec, "temporality", &tm)))
		return rc;
	ev->record_kind = (enum record_kind)k;
	ev->event_type = (enum event_type)t;
	ev->sub_event_type = (enum sub_event_type)s;
	ev->date_precision = (enum date_precision)p;
	ev->temporality = (enum temporality)tm;
	if ((rc = get_opt(rec, "event_date", &b, &present)) ||
	    (present && (rc = avro_value_get_int(&b, &ev->event_date))))
		return rc;
	ev->has_event_date = present;
	if ((rc = read_opt_actor(rec, "actor1", &ev->actor1)) ||
	    (rc = read_opt_actor(rec, "actor2", &ev->actor2)) || (rc = read_location(rec, &ev->location)) ||
	    (rc = read_fatalities(rec, &ev->fatalities)) || (rc = read_arrays(rec, ev)) ||
	    (rc = get_bool(rec, "disputed", &ev->disputed)))
		return rc;
	if ((rc = get_child(rec, "confidence", &v)) || (rc = avro_value_get_float(&v, &ev->confidence)))
		return rc;
	if ((rc = get_opt_str(rec, "language", ev->language, sizeof(ev->language))) ||
	    (rc = get_str(rec, "extractor_version", ev->extractor_version, sizeof(ev->extractor_version))))
		return rc;
	return 0;
}

int avro_codec_decode_datum(struct avro_codec *c, const void *buf, size_t len, size_t *used,
                            struct conflict_event *ev, char *errbuf, size_t errlen)
{
	struct vin in = {.p = buf,
	                 .end = (const unsigned char *)buf + len,
	                 .field = c->name,
	                 .errbuf = errbuf,
	                 .errlen = errlen};
	char why[256];
	size_t n;
	int rc;

	if (used)
		*used = 0;
	if (v_datum(&in, c->schema, 0) != 0) {
		snprintf(why, sizeof(why), "%s", errbuf && errlen ? errbuf : "invalid datum");
		errf(errbuf, errlen, "%s datum at byte %zu: %s", c->name,
		     (size_t)(in.p - (const unsigned char *)buf), why);
		return -1;
	}
	n = (size_t)(in.p - (const unsigned char *)buf);
	avro_value_reset(&c->dec);
	avro_reader_memory_set_source(c->reader, buf, (int64_t)n);
	if (avro_value_read(c->reader, &c->dec) != 0) {
		errf(errbuf, errlen, "%s datum: avro-c: %s", c->name, avro_strerror());
		return -1;
	}
	event_init(ev);
	ev->extractor_version[0] = '\0';
	rc = read_event(&c->dec, ev);
	if (rc) {
		errf(errbuf, errlen, "%s datum: %s", c->name,
		     rc == ERANGE ? "evidence span does not match its text" : strerror(rc));
		return -1;
	}
	if (used)
		*used = n;
	return 0;
}

int avro_codec_decode(struct avro_codec *c, const void *buf, size_t len, struct conflict_event *ev,
                      char *errbuf, size_t errlen)
{
	const unsigned char *p = buf;
	size_t hdr, used;

	if (!buf || len == 0) {
		errf(errbuf, errlen, "empty value");
		return -1;
	}
	if (len >= 2 && p[0] == 0xc3 && p[1] == 0x01) {
		uint64_t fp = 0;
		if (len < SINGLE_OBJECT_HEADER) {
			errf(errbuf, errlen,
			     "single-object value of %zu bytes is shorter than its 10-byte header", len);
			return -1;
		}
		for (int i = 0; i < 8; i++)
			fp |= (uint64_t)p[2 + i] << (8 * i);
		if (fp != c->fingerprint) {
			errf(errbuf, errlen,
			     "single-object value has schema fingerprint %016llx, expected %016llx (%s)",
			     (unsigned long long)fp, (unsigned long long)c->fingerprint, c->name);
			return -1;
		}
		hdr = SINGLE_OBJECT_HEADER;
	} else if (p[0] == 0x00) {
		if (len < CONFLUENT_HEADER) {
			errf(errbuf, errlen, "Confluent value of %zu bytes is shorter than its 5-byte header",
			     len);
			return -1;
		}
		hdr = CONFLUENT_HEADER;
	} else {
		errf(errbuf, errlen, "unknown framing: first bytes %02x %02x (want c3 01 or 00)", p[0],
		     len > 1 ? p[1] : 0);
		return -1;
	}
	if (avro_codec_decode_datum(c, p + hdr, len - hdr, &used, ev, errbuf, errlen) != 0)
		return -1;
	if (used != len - hdr) {
		errf(errbuf, errlen, "%s datum: %zu trailing bytes after the datum", c->name,
		     len - hdr - used);
		return -1;
	}
	return 0;
}
