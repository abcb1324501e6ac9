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
 *
 * Schema evolution: the loaded schema is the reader.  Older (or newer)
 * writer schemas are registered by fingerprint and registry id, at most
 * CODEC_MAX_WRITERS; a value written with one is validated against it, then
 * rewritten into a datum of the reader schema by Avro's resolution rules
 * (see "schema evolution" below for why not avro-c's resolver), then read
 * like any other.  The same walk, without data, is the compatibility check
 * behind avro_schema_check_readable() and the policy of schemas/README.md.
 */
#include "avro_codec.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <avro.h>
#include <dirent.h>
#include <jansson.h>

#define CODEC_SCHEMA_MAX_BYTES (1024 * 1024)
#define CODEC_MAX_DEPTH        32          /* schema nesting the validator follows */
#define CODEC_MAX_ARRAY_ITEMS  4096        /* items per array in one datum */
#define SINGLE_OBJECT_HEADER   10          /* C3 01 + 8-byte fingerprint */
#define CONFLUENT_HEADER       5           /* 00 + 4-byte schema id */
#define CODEC_MAX_WRITERS      64          /* writer schemas one codec knows */
#define CODEC_MAX_FIELDS       128         /* fields per record in a resolved schema */
#define CODEC_MAX_NAMED        256         /* named types per schema */
#define CODEC_RESOLVED_MAX     (16u << 20) /* bytes of one resolved datum */

/* A writer schema the codec can resolve to the loaded (reader) schema. */
struct codec_writer {
	avro_schema_t schema;
	uint64_t fingerprint;
	int32_t registry_id; /* -1 when none */
};

/* A parsed schema with its JSON kept: avro-c 1.11 drops field defaults,
 * enum defaults and aliases, which resolution needs. */
struct schema_doc {
	avro_schema_t schema;
	json_t *root;
	size_t n_named;
	struct {
		char name[256]; /* full name */
		json_t *def;    /* the defining JSON object */
	} named[CODEC_MAX_NAMED];
};

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
	char *json;             /* the schema file's text */
	struct schema_doc *doc; /* the reader schema with its defaults */
	int32_t schema_id;      /* registry id of the loaded schema, -1 unknown */
	int strict_ids;
	int has_provenance; /* the loaded schema is v2 or later */
	size_t n_writers;
	struct codec_writer writers[CODEC_MAX_WRITERS];
	unsigned char *rbuf; /* a resolved datum, in the reader schema */
	size_t rbuf_len, rbuf_cap;
};

static struct schema_doc *doc_new(const char *text, size_t len, char *errbuf, size_t errlen);
static void doc_free(struct schema_doc *d);

static void errf(char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!errbuf || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
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
	c->doc = doc_new(text, (size_t)size, why, sizeof(why));
	if (!c->doc) {
		errf(errbuf, errlen, "%s: %s", schema_path, why);
		goto err;
	}
	c->schema_id = -1;
	c->has_provenance = avro_schema_record_field_get_index(c->schema, "provenance") >= 0;
	c->json = text;
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
	for (size_t i = 0; i < c->n_writers; i++)
		avro_schema_decref(c->writers[i].schema);
	doc_free(c->doc);
	free(c->json);
	free(c->rbuf);
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
	char *out;
	size_t o;

	if (event_utf8_span(s, n) == n) {
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
	o = event_utf8_repair(out, s, n);
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

/* Schema v2's provenance; a codec opened on v1 never calls this. */
static int fill_provenance(struct fill *f, avro_value_t *rec, const struct event_provenance *pv)
{
	avro_value_t u, r, v;
	int rc = child(f, rec, "provenance", &u);
	if (rc)
		return rc;
	if (!pv->present) {
		rc = avro_value_set_branch(&u, 0, &r);
		return rc ? rc : avro_value_set_null(&r);
	}
	if ((rc = avro_value_set_branch(&u, 1, &r)) || (rc = set_string(f, &r, "topic", pv->topic)) ||
	    (rc = set_int(f, &r, "partition", pv->partition)) || (rc = child(f, &r, "offset", &v)) ||
	    (rc = avro_value_set_long(&v, pv->offset)))
		return rc;
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
	if (f->c->has_provenance && (rc = fill_provenance(f, rec, &ev->provenance)))
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
	if (is_string && event_utf8_span(in->p, (size_t)n) != (size_t)n)
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

static int read_provenance(avro_value_t *rec, struct event_provenance *pv)
{
	avro_value_t r, v;
	int present, rc = get_opt(rec, "provenance", &r, &present);

	memset(pv, 0, sizeof(*pv));
	if (rc || !present)
		return rc;
	pv->present = true;
	if ((rc = get_str(&r, "topic", pv->topic, sizeof(pv->topic))) ||
	    (rc = get_int(&r, "partition", &pv->partition)) || (rc = get_child(&r, "offset", &v)) ||
	    (rc = avro_value_get_long(&v, &pv->offset)))
		return rc;
	return 0;
}

/* Walk one datum of schema s at the front of buf[0..len); its length in *n. */
static int validate(avro_schema_t s, const char *name, const void *buf, size_t len, size_t *n, char *errbuf,
                    size_t errlen)
{
	struct vin in = {.p = buf,
	                 .end = (const unsigned char *)buf + len,
	                 .field = name,
	                 .errbuf = errbuf,
	                 .errlen = errlen};
	char why[256];

	if (v_datum(&in, s, 0) != 0) {
		snprintf(why, sizeof(why), "%s", errbuf && errlen ? errbuf : "invalid datum");
		errf(errbuf, errlen, "%s datum at byte %zu: %s", name,
		     (size_t)(in.p - (const unsigned char *)buf), why);
		return -1;
	}
	*n = (size_t)(in.p - (const unsigned char *)buf);
	return 0;
}

/* Read n validated bytes of a datum of the loaded schema into *ev. */
static int read_datum(struct avro_codec *c, const void *buf, size_t n, struct conflict_event *ev,
                      char *errbuf, size_t errlen)
{
	int rc;

	avro_value_reset(&c->dec);
	avro_reader_memory_set_source(c->reader, buf, (int64_t)n);
	if (avro_value_read(c->reader, &c->dec) != 0) {
		errf(errbuf, errlen, "%s datum: avro-c: %s", c->name, avro_strerror());
		return -1;
	}
	event_init(ev);
	ev->extractor_version[0] = '\0';
	rc = read_event(&c->dec, ev);
	if (!rc && c->has_provenance)
		rc = read_provenance(&c->dec, &ev->provenance);
	if (rc) {
		errf(errbuf, errlen, "%s datum: %s", c->name,
		     rc == ERANGE ? "evidence span does not match its text" : strerror(rc));
		return -1;
	}
	return 0;
}

int avro_codec_decode_datum(struct avro_codec *c, const void *buf, size_t len, size_t *used,
                            struct conflict_event *ev, char *errbuf, size_t errlen)
{
	size_t n;

	if (used)
		*used = 0;
	if (validate(c->schema, c->name, buf, len, &n, errbuf, errlen) != 0 ||
	    read_datum(c, buf, n, ev, errbuf, errlen) != 0)
		return -1;
	if (used)
		*used = n;
	return 0;
}

static int decode_resolved(struct avro_codec *c, const struct codec_writer *w, const void *buf, size_t len,
                           size_t *used, struct conflict_event *ev, char *errbuf, size_t errlen);

static const struct codec_writer *writer_by_fingerprint(const struct avro_codec *c, uint64_t fp)
{
	for (size_t i = 0; i < c->n_writers; i++)
		if (c->writers[i].fingerprint == fp)
			return &c->writers[i];
	return NULL;
}

/* Writers added without an id carry -1; no value's id may select them. */
static const struct codec_writer *writer_by_id(const struct avro_codec *c, int32_t id)
{
	if (id < 0)
		return NULL;
	for (size_t i = 0; i < c->n_writers; i++)
		if (c->writers[i].registry_id == id)
			return &c->writers[i];
	return NULL;
}

int avro_codec_decode(struct avro_codec *c, const void *buf, size_t len, struct conflict_event *ev,
                      char *errbuf, size_t errlen)
{
	const unsigned char *p = buf;
	const struct codec_writer *w = NULL;
	size_t hdr, used;
	int rc;

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
		if (fp != c->fingerprint && !(w = writer_by_fingerprint(c, fp))) {
			errf(errbuf, errlen,
			     "single-object value has schema fingerprint %016llx, expected %016llx (%s) "
			     "or one of %zu known writer schemas",
			     (unsigned long long)fp, (unsigned long long)c->fingerprint, c->name,
			     c->n_writers);
			return -1;
		}
		hdr = SINGLE_OBJECT_HEADER;
	} else if (p[0] == 0x00) {
		if (len < CONFLUENT_HEADER) {
			errf(errbuf, errlen, "Confluent value of %zu bytes is shorter than its 5-byte header",
			     len);
			return -1;
		}
		int32_t id =
		    (int32_t)((uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 8 | p[4]);
		if (!(c->schema_id >= 0 && id == c->schema_id) && !(w = writer_by_id(c, id)) &&
		    c->strict_ids) {
			errf(errbuf, errlen,
			     "Confluent value has schema id %d, which is neither %s's (%d) "
			     "nor a known writer schema's",
			     id, c->name, c->schema_id);
			return -1;
		}
		hdr = CONFLUENT_HEADER;
	} else {
		errf(errbuf, errlen, "unknown framing: first bytes %02x %02x (want c3 01 or 00)", p[0],
		     len > 1 ? p[1] : 0);
		return -1;
	}
	if (w && w->fingerprint != c->fingerprint)
		rc = decode_resolved(c, w, p + hdr, len - hdr, &used, ev, errbuf, errlen);
	else
		rc = avro_codec_decode_datum(c, p + hdr, len - hdr, &used, ev, errbuf, errlen);
	if (rc != 0)
		return -1;
	if (used != len - hdr) {
		errf(errbuf, errlen, "%s datum: %zu trailing bytes after the datum", c->name,
		     len - hdr - used);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* schema evolution: resolving a writer's datum to the reader schema   */

/*
 * avro-c 1.11 has schema resolution (avro_resolved_writer_new), but it
 * cannot apply a reader's default to a field the writer lacks - it fails
 * with "Reader field ... doesn't appear in writer" (a TODO in its
 * resolved-writer.c; in Debian's 1.11.1 that failure path then aborts on a
 * double free, seen with v1 as writer and v2 as reader) - and it stores a writer's enum index unchanged
 * instead of mapping the symbol by name.  Both are the two things schema
 * evolution needs, so resolution is done here, on the bytes: a datum
 * validated against the writer schema is rewritten into a datum of the
 * reader schema (fields in the reader's order, missing fields from their
 * JSON defaults, enum symbols mapped by name or to the enum's default,
 * union branches matched, ints and floats promoted), which then takes the
 * ordinary path (validation, avro_value_read, read_event).  The rules are
 * those of the Avro specification's "Schema Resolution" section; names
 * match by their unqualified part or a reader alias.
 */

static avro_schema_t unlink_schema(avro_schema_t s)
{
	for (int i = 0; i < 8 && s && is_avro_link(s); i++)
		s = avro_schema_link_target(s);
	return s;
}

static const char *type_word(avro_schema_t s)
{
	switch (avro_typeof(s)) {
	case AVRO_STRING:
		return "string";
	case AVRO_BYTES:
		return "bytes";
	case AVRO_INT32:
		return "int";
	case AVRO_INT64:
		return "long";
	case AVRO_FLOAT:
		return "float";
	case AVRO_DOUBLE:
		return "double";
	case AVRO_BOOLEAN:
		return "boolean";
	case AVRO_NULL:
		return "null";
	case AVRO_RECORD:
		return "record";
	case AVRO_ENUM:
		return "enum";
	case AVRO_FIXED:
		return "fixed";
	case AVRO_MAP:
		return "map";
	case AVRO_ARRAY:
		return "array";
	case AVRO_UNION:
		return "union";
	case AVRO_LINK:
		return "link";
	}
	return "?";
}

/* ---- schema documents: avro-c's schema plus the JSON it forgets ---- */

static void doc_collect(struct schema_doc *d, json_t *s, const char *ns, int depth);

static void doc_collect_named(struct schema_doc *d, json_t *s, const char *ns, int depth)
{
	json_t *name = json_object_get(s, "name"), *space = json_object_get(s, "namespace");
	const char *own = json_is_string(space) ? json_string_value(space) : ns;
	char full[256], inner[256];

	if (!json_is_string(name))
		return;
	const char *n = json_string_value(name);
	if (strchr(n, '.') || !*own)
		snprintf(full, sizeof(full), "%s", n);
	else
		snprintf(full, sizeof(full), "%s.%s", own, n);
	if (d->n_named < CODEC_MAX_NAMED) {
		snprintf(d->named[d->n_named].name, sizeof(d->named[0].name), "%s", full);
		d->named[d->n_named++].def = s;
	}
	const char *dot = strrchr(full, '.');
	size_t len = dot ? (size_t)(dot - full) : 0;
	memcpy(inner, full, len);
	inner[len] = '\0';
	json_t *fields = json_object_get(s, "fields"), *f;
	size_t i;
	json_array_foreach(fields, i, f) doc_collect(d, json_object_get(f, "type"), inner, depth + 1);
}

static void doc_collect(struct schema_doc *d, json_t *s, const char *ns, int depth)
{
	size_t i;
	json_t *b;

	if (!s || depth > CODEC_MAX_DEPTH)
		return;
	if (json_is_array(s)) {
		json_array_foreach(s, i, b) doc_collect(d, b, ns, depth + 1);
		return;
	}
	if (!json_is_object(s))
		return;
	json_t *type = json_object_get(s, "type");
	if (!json_is_string(type)) {
		doc_collect(d, type, ns, depth + 1);
		return;
	}
	const char *t = json_string_value(type);
	if (!strcmp(t, "record") || !strcmp(t, "error") || !strcmp(t, "enum") || !strcmp(t, "fixed"))
		doc_collect_named(d, s, ns, depth);
	else if (!strcmp(t, "array"))
		doc_collect(d, json_object_get(s, "items"), ns, depth + 1);
	else if (!strcmp(t, "map"))
		doc_collect(d, json_object_get(s, "values"), ns, depth + 1);
}

static struct schema_doc *doc_new(const char *text, size_t len, char *errbuf, size_t errlen)
{
	json_error_t jerr;
	struct schema_doc *d = calloc(1, sizeof(*d));

	if (!d) {
		errf(errbuf, errlen, "out of memory");
		return NULL;
	}
	d->root = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
	if (!d->root) {
		errf(errbuf, errlen, "line %d column %d: %s", jerr.line, jerr.column, jerr.text);
		goto err;
	}
	if (avro_schema_from_json_length(text, len, &d->schema) != 0) {
		d->schema = NULL;
		errf(errbuf, errlen, "%s", avro_strerror());
		goto err;
	}
	doc_collect(d, d->root, "", 0);
	return d;
err:
	doc_free(d);
	return NULL;
}

static void doc_free(struct schema_doc *d)
{
	if (!d)
		return;
	if (d->schema)
		avro_schema_decref(d->schema);
	json_decref(d->root);
	free(d);
}

/* The JSON object defining named type s (record, enum, fixed), or NULL. */
static json_t *doc_def(const struct schema_doc *d, avro_schema_t s)
{
	const char *name = avro_schema_name(s), *ns = avro_schema_namespace(s);
	char full[256];

	if (!d || !name)
		return NULL;
	if (strchr(name, '.') || !ns || !*ns)
		snprintf(full, sizeof(full), "%s", name);
	else
		snprintf(full, sizeof(full), "%s.%s", ns, name);
	for (size_t i = 0; i < d->n_named; i++)
		if (strcmp(d->named[i].name, full) == 0)
			return d->named[i].def;
	return NULL;
}

/* Field i of record s as JSON (for "default" and "aliases"), or NULL. */
static json_t *doc_field(const struct schema_doc *d, avro_schema_t s, size_t i)
{
	return json_array_get(json_object_get(doc_def(d, s), "fields"), i);
}

static const char *unqualified(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot ? dot + 1 : name;
}

/* Named types match by unqualified name or a reader alias. */
static int names_match(const struct schema_doc *rd, avro_schema_t w, avro_schema_t r)
{
	const char *wn = unqualified(avro_schema_name(w));
	json_t *aliases, *a;
	size_t i;

	if (strcmp(wn, unqualified(avro_schema_name(r))) == 0)
		return 1;
	aliases = json_object_get(doc_def(rd, r), "aliases");
	json_array_foreach(aliases, i, a) if (json_is_string(a) &&
	                                      !strcmp(wn, unqualified(json_string_value(a)))) return 1;
	return 0;
}

/* The writer's index of reader field ri of record r (by name or alias), or -1. */
static int field_in_writer(const struct schema_doc *rd, avro_schema_t w, avro_schema_t r, size_t ri)
{
	int wi = avro_schema_record_field_get_index(w, avro_schema_record_field_name(r, (int)ri));
	json_t *aliases = json_object_get(doc_field(rd, r, ri), "aliases"), *a;
	size_t i;

	json_array_foreach(aliases, i, a) if (wi < 0 && json_is_string(a)) wi =
	    avro_schema_record_field_get_index(w, json_string_value(a));
	return wi;
}

/* Writer type tw read as reader type tr by promotion. */
static int promotable(avro_type_t tw, avro_type_t tr)
{
	switch (tw) {
	case AVRO_INT32:
		return tr == AVRO_INT64 || tr == AVRO_FLOAT || tr == AVRO_DOUBLE;
	case AVRO_INT64:
		return tr == AVRO_FLOAT || tr == AVRO_DOUBLE;
	case AVRO_FLOAT:
		return tr == AVRO_DOUBLE;
	case AVRO_STRING:
		return tr == AVRO_BYTES;
	case AVRO_BYTES:
		return tr == AVRO_STRING;
	default:
		return 0;
	}
}

static int same_kind(const struct schema_doc *rd, avro_schema_t w, avro_schema_t r)
{
	avro_type_t tw = avro_typeof(w), tr = avro_typeof(r);
	if (tw != tr)
		return 0;
	if (tw == AVRO_RECORD || tw == AVRO_ENUM || tw == AVRO_FIXED)
		return names_match(rd, w, r);
	return 1;
}

/* The reader union's branch for a (non-union) writer type: the first that
 * matches exactly, else the first it promotes to; -1 when none. */
static int union_pick(const struct schema_doc *rd, avro_schema_t w, avro_schema_t ru)
{
	size_t n = avro_schema_union_size(ru);

	w = unlink_schema(w);
	for (size_t i = 0; i < n; i++)
		if (same_kind(rd, w, unlink_schema(avro_schema_union_branch(ru, (int)i))))
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if (promotable(avro_typeof(w),
		               avro_typeof(unlink_schema(avro_schema_union_branch(ru, (int)i)))))
			return (int)i;
	return -1;
}

/* An enum's "default" symbol index, or -1. */
static int enum_default(const struct schema_doc *d, avro_schema_t e)
{
	json_t *def = json_object_get(doc_def(d, e), "default");
	return json_is_string(def) ? avro_schema_enum_get_by_name(e, json_string_value(def)) : -1;
}

/* ---- the output: a growing buffer of reader-schema bytes ---- */

struct rout {
	unsigned char *buf;
	size_t len, cap;
	int failed;
};

static int out_put(struct rout *o, const void *p, size_t n)
{
	if (o->failed)
		return -1;
	if (n > CODEC_RESOLVED_MAX - o->len) {
		o->failed = 1;
		return -1;
	}
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : 1024;
		while (cap < o->len + n)
			cap *= 2;
		unsigned char *nb = realloc(o->buf, cap);
		if (!nb) {
			o->failed = 1;
			return -1;
		}
		o->buf = nb;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
	return 0;
}

static int out_long(struct rout *o, int64_t v)
{
	uint64_t u = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	unsigned char b[10];
	size_t n = 0;
	do {
		b[n] = u & 0x7f;
		u >>= 7;
		if (u)
			b[n] |= 0x80;
		n++;
	} while (u);
	return out_put(o, b, n);
}

static int out_float(struct rout *o, float f)
{
	uint32_t u;
	unsigned char b[4];
	memcpy(&u, &f, 4);
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(u >> (8 * i));
	return out_put(o, b, 4);
}

static int out_double(struct rout *o, double d)
{
	uint64_t u;
	unsigned char b[8];
	memcpy(&u, &d, 8);
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(u >> (8 * i));
	return out_put(o, b, 8);
}

/* ---- defaults: a reader's JSON default written as Avro binary ---- */

/* A bytes/fixed default: a JSON string whose code points 0-255 are the bytes. */
static int out_latin1(struct rout *o, const char *s, size_t n, int with_length, size_t want)
{
	unsigned char tmp[256], *b = n <= sizeof(tmp) ? tmp : malloc(n);
	size_t k = 0;
	int rc = -1;

	if (!b)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80)
			b[k++] = ch;
		else if ((ch == 0xc2 || ch == 0xc3) && i + 1 < n && ((unsigned char)s[i + 1] & 0xc0) == 0x80)
			b[k++] = (unsigned char)(((ch & 0x1f) << 6) | ((unsigned char)s[++i] & 0x3f));
		else
			goto done;
	}
	if (!with_length && k != want)
		goto done;
	rc = (with_length && out_long(o, (int64_t)k)) || out_put(o, b, k) ? -1 : 0;
done:
	if (b != tmp)
		free(b);
	return rc;
}

static int out_default(struct rout *o, const struct schema_doc *rd, json_t *j, avro_schema_t r, int depth,
                       const char **why)
{
	size_t i, n;
	json_t *v;

	r = unlink_schema(r);
	if (depth > CODEC_MAX_DEPTH) {
		*why = "nested too deep";
		return -1;
	}
	*why = "default does not match the field's type";
	switch (avro_typeof(r)) {
	case AVRO_NULL:
		return json_is_null(j) ? 0 : -1;
	case AVRO_BOOLEAN:
		return json_is_boolean(j) ? out_put(o, json_is_true(j) ? "\1" : "\0", 1) : -1;
	case AVRO_INT32:
		if (!json_is_integer(j) || json_integer_value(j) < INT32_MIN ||
		    json_integer_value(j) > INT32_MAX)
			return -1;
		return out_long(o, json_integer_value(j));
	case AVRO_INT64:
		return json_is_integer(j) ? out_long(o, json_integer_value(j)) : -1;
	case AVRO_FLOAT:
		return json_is_number(j) ? out_float(o, (float)json_number_value(j)) : -1;
	case AVRO_DOUBLE:
		return json_is_number(j) ? out_double(o, json_number_value(j)) : -1;
	case AVRO_STRING:
		if (!json_is_string(j))
			return -1;
		n = json_string_length(j);
		return out_long(o, (int64_t)n) || out_put(o, json_string_value(j), n) ? -1 : 0;
	case AVRO_BYTES:
		return json_is_string(j) ? out_latin1(o, json_string_value(j), json_string_length(j), 1, 0)
		                         : -1;
	case AVRO_FIXED:
		return json_is_string(j) ? out_latin1(o, json_string_value(j), json_string_length(j), 0,
		                                      (size_t)avro_schema_fixed_size(r))
		                         : -1;
	case AVRO_ENUM: {
		int k = json_is_string(j) ? avro_schema_enum_get_by_name(r, json_string_value(j)) : -1;
		if (k < 0)
			*why = "default is not one of the enum's symbols";
		return k < 0 ? -1 : out_long(o, k);
	}
	case AVRO_UNION: /* the default is of the first branch */
		if (avro_schema_union_size(r) == 0 || out_long(o, 0))
			return -1;
		return out_default(o, rd, j, avro_schema_union_branch(r, 0), depth + 1, why);
	case AVRO_ARRAY:
		if (!json_is_array(j))
			return -1;
		if (json_array_size(j) && out_long(o, (int64_t)json_array_size(j)))
			return -1;
		json_array_foreach(
		    j, i, v) if (out_default(o, rd, v, avro_schema_array_items(r), depth + 1, why)) return -1;
		return out_long(o, 0);
	case AVRO_MAP: {
		const char *key;
		if (!json_is_object(j))
			return -1;
		if (json_object_size(j) && out_long(o, (int64_t)json_object_size(j)))
			return -1;
		json_object_foreach(j, key, v)
		{
			if (out_long(o, (int64_t)strlen(key)) || out_put(o, key, strlen(key)) ||
			    out_default(o, rd, v, avro_schema_map_values(r), depth + 1, why))
				return -1;
		}
		return out_long(o, 0);
	}
	case AVRO_RECORD:
		if (!json_is_object(j))
			return -1;
		n = avro_schema_record_size(r);
		for (i = 0; i < n; i++) {
			json_t *fv = json_object_get(j, avro_schema_record_field_name(r, (int)i));
			if (!fv)
				fv = json_object_get(doc_field(rd, r, i), "default");
			if (!fv) {
				*why = "a record default lacks a field that has no default";
				return -1;
			}
			if (out_default(o, rd, fv, avro_schema_record_field_get_by_index(r, (int)i),
			                depth + 1, why))
				return -1;
		}
		return 0;
	case AVRO_LINK:
		break;
	}
	*why = "unsupported type";
	return -1;
}

/* ---- static check: can a reader schema read a writer schema's data? ---- */

struct chk {
	const struct schema_doc *rd, *wd;
	int strict; /* the policy's extra rules: no removed fields or symbols, enums grow only with a default
	             */
	char path[512];
	char *errbuf;
	size_t errlen;
	size_t n_seen;
	avro_schema_t seen[64][2]; /* record pairs being checked (recursive types) */
	struct rout scratch;       /* defaults are encoded once to prove they fit */
};

static int chk_fail(struct chk *k, const char *fmt, ...)
{
	char what[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	errf(k->errbuf, k->errlen, "%s: %s", k->path[0] ? k->path : "(top level)", what);
	return -1;
}

static int chk_schema(struct chk *k, avro_schema_t w, avro_schema_t r, int depth);

static int chk_record(struct chk *k, avro_schema_t w, avro_schema_t r, int depth)
{
	size_t plen = strlen(k->path);
	size_t nr = avro_schema_record_size(r), nw = avro_schema_record_size(w);

	for (size_t i = 0; i < k->n_seen; i++)
		if (k->seen[i][0] == w && k->seen[i][1] == r)
			return 0;
	if (k->n_seen >= sizeof(k->seen) / sizeof(k->seen[0]))
		return chk_fail(k, "more than %zu nested record pairs", sizeof(k->seen) / sizeof(k->seen[0]));
	if (nr > CODEC_MAX_FIELDS || nw > CODEC_MAX_FIELDS)
		return chk_fail(k, "more than %d fields", CODEC_MAX_FIELDS);
	k->seen[k->n_seen][0] = w;
	k->seen[k->n_seen++][1] = r;
	for (size_t ri = 0; ri < nr; ri++) {
		const char *name = avro_schema_record_field_name(r, (int)ri);
		int wi = field_in_writer(k->rd, w, r, ri);
		snprintf(k->path + plen, sizeof(k->path) - plen, "%s%s", plen ? "." : "", name);
		if (wi < 0) {
			json_t *def = json_object_get(doc_field(k->rd, r, ri), "default");
			const char *why = NULL;
			if (!def)
				return chk_fail(k, "reader field has no default and the writer lacks it");
			k->scratch.len = 0;
			k->scratch.failed = 0;
			if (out_default(&k->scratch, k->rd, def,
			                avro_schema_record_field_get_by_index(r, (int)ri), 0, &why))
				return chk_fail(k, "%s", why ? why : "bad default");
			continue;
		}
		if (chk_schema(k, avro_schema_record_field_get_by_index(w, wi),
		               avro_schema_record_field_get_by_index(r, (int)ri), depth + 1))
			return -1;
	}
	k->path[plen] = '\0';
	if (k->strict)
		for (size_t wi = 0; wi < nw; wi++) {
			int found = 0;
			for (size_t ri = 0; ri < nr && !found; ri++)
				found = field_in_writer(k->rd, w, r, ri) == (int)wi;
			if (!found) {
				snprintf(k->path + plen, sizeof(k->path) - plen, "%s%s", plen ? "." : "",
				         avro_schema_record_field_name(w, (int)wi));
				return chk_fail(k,
				                "field removed (the policy keeps every field, or renames it "
				                "with an alias)");
			}
		}
	return 0;
}

static int chk_enum(struct chk *k, avro_schema_t w, avro_schema_t r)
{
	int nw = avro_schema_enum_number_of_symbols(w), nr = avro_schema_enum_number_of_symbols(r);
	int rdef = enum_default(k->rd, r);

	for (int i = 0; i < nw; i++) {
		const char *sym = avro_schema_enum_get(w, i);
		if (avro_schema_enum_get_by_name(r, sym) >= 0)
			continue;
		if (k->strict)
			return chk_fail(k, "enum %s: symbol %s removed (enums only grow)",
			                avro_schema_name(r), sym);
		if (rdef < 0)
			return chk_fail(
			    k, "enum %s: writer symbol %s unknown to the reader, which has no default",
			    avro_schema_name(r), sym);
	}
	if (k->strict && enum_default(k->wd, w) < 0)
		for (int i = 0; i < nr; i++)
			if (avro_schema_enum_get_by_name(w, avro_schema_enum_get(r, i)) < 0)
				return chk_fail(k,
				                "enum %s: symbol %s added, but the older version declares no "
				                "default (only enums with a default may grow)",
				                avro_schema_name(r), avro_schema_enum_get(r, i));
	return 0;
}

static int chk_schema(struct chk *k, avro_schema_t w, avro_schema_t r, int depth)
{
	w = unlink_schema(w);
	r = unlink_schema(r);
	if (depth > CODEC_MAX_DEPTH)
		return chk_fail(k, "nested deeper than %d", CODEC_MAX_DEPTH);
	avro_type_t tw = avro_typeof(w), tr = avro_typeof(r);
	if (tw == AVRO_UNION) {
		for (size_t i = 0; i < avro_schema_union_size(w); i++)
			if (chk_schema(k, avro_schema_union_branch(w, (int)i), r, depth + 1))
				return -1;
		return 0;
	}
	if (tr == AVRO_UNION) {
		int b = union_pick(k->rd, w, r);
		if (b < 0)
			return chk_fail(k, "writer type %s matches no branch of the reader's union",
			                type_word(w));
		return chk_schema(k, w, avro_schema_union_branch(r, b), depth + 1);
	}
	if (tw != tr)
		return promotable(tw, tr)
		           ? 0
		           : chk_fail(k, "writer type %s cannot be read as %s", type_word(w), type_word(r));
	switch (tw) {
	case AVRO_RECORD:
	case AVRO_ENUM:
	case AVRO_FIXED:
		if (!names_match(k->rd, w, r))
			return chk_fail(k, "writer %s %s does not match reader %s %s", type_word(w),
			                avro_schema_name(w), type_word(r), avro_schema_name(r));
		if (tw == AVRO_RECORD)
			return chk_record(k, w, r, depth);
		if (tw == AVRO_ENUM)
			return chk_enum(k, w, r);
		if (avro_schema_fixed_size(w) != avro_schema_fixed_size(r))
			return chk_fail(k, "fixed %s: size %lld, reader's %lld", avro_schema_name(r),
			                (long long)avro_schema_fixed_size(w),
			                (long long)avro_schema_fixed_size(r));
		return 0;
	case AVRO_ARRAY: {
		size_t plen = strlen(k->path);
		snprintf(k->path + plen, sizeof(k->path) - plen, "[]");
		int rc = chk_schema(k, avro_schema_array_items(w), avro_schema_array_items(r), depth + 1);
		if (!rc)
			k->path[plen] = '\0';
		return rc;
	}
	case AVRO_MAP: {
		size_t plen = strlen(k->path);
		snprintf(k->path + plen, sizeof(k->path) - plen, "{}");
		int rc = chk_schema(k, avro_schema_map_values(w), avro_schema_map_values(r), depth + 1);
		if (!rc)
			k->path[plen] = '\0';
		return rc;
	}
	default:
		return 0;
	}
}

static int chk_run(const struct schema_doc *rd, const struct schema_doc *wd, int strict, char *errbuf,
                   size_t errlen)
{
	struct chk *k = calloc(1, sizeof(*k));
	int rc;

	if (!k) {
		errf(errbuf, errlen, "out of memory");
		return -1;
	}
	k->rd = rd;
	k->wd = wd;
	k->strict = strict;
	k->errbuf = errbuf;
	k->errlen = errlen;
	rc = chk_schema(k, wd->schema, rd->schema, 0);
	free(k->scratch.buf);
	free(k);
	return rc;
}

static char *full_name_of(avro_schema_t s, char *buf, size_t size)
{
	const char *ns = avro_schema_namespace(s), *n = avro_schema_name(s);
	if (!n)
		snprintf(buf, size, "(%s)", type_word(s));
	else if (strchr(n, '.') || !ns || !*ns)
		snprintf(buf, size, "%s", n);
	else
		snprintf(buf, size, "%s.%s", ns, n);
	return buf;
}

int avro_schema_check_readable(const char *reader_json, const char *writer_json, char *errbuf, size_t errlen)
{
	char why[256];
	struct schema_doc *rd = NULL, *wd = NULL;
	int rc = -1;

	if (!(rd = doc_new(reader_json, strlen(reader_json), why, sizeof(why)))) {
		errf(errbuf, errlen, "reader schema: %s", why);
		goto done;
	}
	if (!(wd = doc_new(writer_json, strlen(writer_json), why, sizeof(why)))) {
		errf(errbuf, errlen, "writer schema: %s", why);
		goto done;
	}
	rc = chk_run(rd, wd, 0, errbuf, errlen);
done:
	doc_free(rd);
	doc_free(wd);
	return rc;
}

int avro_schema_check_evolution(const char *old_json, const char *new_json, int require_forward, char *errbuf,
                                size_t errlen)
{
	char why[320], a[256], b[256];
	struct schema_doc *od = NULL, *nd = NULL;
	int rc = -1;

	if (!(od = doc_new(old_json, strlen(old_json), why, sizeof(why)))) {
		errf(errbuf, errlen, "older schema: %s", why);
		goto done;
	}
	if (!(nd = doc_new(new_json, strlen(new_json), why, sizeof(why)))) {
		errf(errbuf, errlen, "newer schema: %s", why);
		goto done;
	}
	full_name_of(od->schema, a, sizeof(a));
	full_name_of(nd->schema, b, sizeof(b));
	if (strcmp(a, b) != 0) {
		errf(errbuf, errlen, "full name changed from %s to %s", a, b);
		goto done;
	}
	if (chk_run(nd, od, 1, why, sizeof(why)) != 0) {
		errf(errbuf, errlen, "backward (newer reads older): %s", why);
		goto done;
	}
	if (require_forward && chk_run(od, nd, 0, why, sizeof(why)) != 0) {
		errf(errbuf, errlen, "forward (older reads newer): %s", why);
		goto done;
	}
	rc = 0;
done:
	doc_free(od);
	doc_free(nd);
	return rc;
}

/* ---- resolving one datum ---- */

struct res {
	const struct schema_doc *rd;
	struct rout *out;
	uint16_t spans_used;
	const unsigned char
	    *spans[CODEC_MAX_FIELDS * 4][2]; /* writer field bytes, a stack per record level */
};

static int res_datum(struct res *x, struct vin *in, avro_schema_t w, avro_schema_t r, int depth);

static int res_out(struct res *x, struct vin *in, int rc)
{
	if (rc && x->out->failed)
		return v_fail(in, "resolved datum over %u bytes or out of memory", CODEC_RESOLVED_MAX);
	return rc;
}

static int res_record(struct res *x, struct vin *in, avro_schema_t w, avro_schema_t r, int depth)
{
	size_t nw = avro_schema_record_size(w), nr = avro_schema_record_size(r);
	size_t base = x->spans_used;
	const char *outer = in->field;
	int rc = 0;

	if (nw > CODEC_MAX_FIELDS || base + nw > sizeof(x->spans) / sizeof(x->spans[0]))
		return v_fail(in, "record with too many fields");
	/* The writer's fields, in the writer's order: note where each lies. */
	for (size_t i = 0; i < nw; i++) {
		x->spans[base + i][0] = in->p;
		in->field = avro_schema_record_field_name(w, (int)i);
		if (v_datum(in, avro_schema_record_field_get_by_index(w, (int)i), depth + 1))
			return -1;
		x->spans[base + i][1] = in->p;
	}
	x->spans_used = (uint16_t)(base + nw);
	/* The reader's fields, in the reader's order. */
	for (size_t ri = 0; ri < nr && !rc; ri++) {
		int wi = field_in_writer(x->rd, w, r, ri);
		in->field = avro_schema_record_field_name(r, (int)ri);
		if (wi < 0) {
			json_t *def = json_object_get(doc_field(x->rd, r, ri), "default");
			const char *why = "no default";
			if (!def || out_default(x->out, x->rd, def,
			                        avro_schema_record_field_get_by_index(r, (int)ri), 0, &why))
				rc =
				    x->out->failed
				        ? res_out(x, in, -1)
				        : v_fail(in, "writer lacks the field and its default fails: %s", why);
			continue;
		}
		struct vin sub = *in;
		sub.p = x->spans[base + (size_t)wi][0];
		sub.end = x->spans[base + (size_t)wi][1];
		rc = res_datum(x, &sub, avro_schema_record_field_get_by_index(w, wi),
		               avro_schema_record_field_get_by_index(r, (int)ri), depth + 1);
	}
	x->spans_used = (uint16_t)base;
	in->field = outer;
	return rc;
}

static int res_blocks(struct res *x, struct vin *in, avro_schema_t w, avro_schema_t r, int is_map, int depth)
{
	int64_t total = 0;
	avro_schema_t wi = is_map ? avro_schema_map_values(w) : avro_schema_array_items(w);
	avro_schema_t ri = is_map ? avro_schema_map_values(r) : avro_schema_array_items(r);

	for (;;) {
		int64_t count = 0, bytes = 0;
		if (v_varint(in, 10, &count))
			return -1;
		if (count == 0)
			return res_out(x, in, out_long(x->out, 0));
		if (count < 0) {
			if (count == INT64_MIN)
				return v_fail(in, "bad block count");
			count = -count;
			if (v_varint(in, 10, &bytes))
				return -1;
		}
		if (count > CODEC_MAX_ARRAY_ITEMS || total + count > CODEC_MAX_ARRAY_ITEMS)
			return v_fail(in, "more than %d items", CODEC_MAX_ARRAY_ITEMS);
		total += count;
		if (res_out(x, in, out_long(x->out, count)))
			return -1;
		for (int64_t i = 0; i < count; i++) {
			if (is_map) {
				const unsigned char *k = in->p;
				if (v_bytes(in, 1) || res_out(x, in, out_put(x->out, k, (size_t)(in->p - k))))
					return -1;
			}
			if (res_datum(x, in, wi, ri, depth + 1))
				return -1;
		}
	}
}

static int res_datum(struct res *x, struct vin *in, avro_schema_t w, avro_schema_t r, int depth)
{
	const unsigned char *start = in->p;
	int64_t v;

	w = unlink_schema(w);
	r = unlink_schema(r);
	if (depth > CODEC_MAX_DEPTH)
		return v_fail(in, "nested deeper than %d", CODEC_MAX_DEPTH);
	avro_type_t tw = avro_typeof(w), tr = avro_typeof(r);
	if (tw == AVRO_UNION) {
		if (v_varint(in, 10, &v))
			return -1;
		if (v < 0 || (uint64_t)v >= avro_schema_union_size(w))
			return v_fail(in, "union branch %lld outside 0..%zu", (long long)v,
			              avro_schema_union_size(w) - 1);
		return res_datum(x, in, avro_schema_union_branch(w, (int)v), r, depth + 1);
	}
	if (tr == AVRO_UNION) {
		int b = union_pick(x->rd, w, r);
		if (b < 0)
			return v_fail(in, "writer type %s matches no branch of the reader's union",
			              type_word(w));
		if (res_out(x, in, out_long(x->out, b)))
			return -1;
		return res_datum(x, in, w, avro_schema_union_branch(r, b), depth + 1);
	}
	if (tw != tr) {
		if (!promotable(tw, tr))
			return v_fail(in, "writer type %s cannot be read as %s", type_word(w), type_word(r));
		if (tw == AVRO_STRING || tw == AVRO_BYTES || (tw == AVRO_INT32 && tr == AVRO_INT64)) {
			/* Same encoding: copy (bytes read as string are checked as UTF-8 later). */
			if (v_datum(in, w, depth))
				return -1;
			return res_out(x, in, out_put(x->out, start, (size_t)(in->p - start)));
		}
		double d;
		if (tw == AVRO_FLOAT) {
			uint32_t u = 0;
			float f;
			if (v_skip(in, 4, "float"))
				return -1;
			for (int i = 0; i < 4; i++)
				u |= (uint32_t)start[i] << (8 * i);
			memcpy(&f, &u, 4);
			d = f;
		} else {
			if (v_varint(in, tw == AVRO_INT32 ? 5 : 10, &v))
				return -1;
			d = (double)v;
		}
		return res_out(x, in, tr == AVRO_FLOAT ? out_float(x->out, (float)d) : out_double(x->out, d));
	}
	switch (tw) {
	case AVRO_RECORD:
		if (!names_match(x->rd, w, r))
			return v_fail(in, "record %s does not match %s", avro_schema_name(w),
			              avro_schema_name(r));
		return res_record(x, in, w, r, depth);
	case AVRO_ENUM: {
		if (!names_match(x->rd, w, r))
			return v_fail(in, "enum %s does not match %s", avro_schema_name(w),
			              avro_schema_name(r));
		if (v_varint(in, 5, &v))
			return -1;
		if (v < 0 || v >= avro_schema_enum_number_of_symbols(w))
			return v_fail(in, "enum index %lld outside 0..%d", (long long)v,
			              avro_schema_enum_number_of_symbols(w) - 1);
		const char *sym = avro_schema_enum_get(w, (int)v);
		int k = avro_schema_enum_get_by_name(r, sym);
		if (k < 0 && (k = enum_default(x->rd, r)) < 0)
			return v_fail(in, "enum %s: symbol %s unknown to the reader, which has no default",
			              avro_schema_name(r), sym);
		return res_out(x, in, out_long(x->out, k));
	}
	case AVRO_FIXED:
		if (!names_match(x->rd, w, r) || avro_schema_fixed_size(w) != avro_schema_fixed_size(r))
			return v_fail(in, "fixed %s does not match %s", avro_schema_name(w),
			              avro_schema_name(r));
		break;
	case AVRO_ARRAY:
		return res_blocks(x, in, w, r, 0, depth);
	case AVRO_MAP:
		return res_blocks(x, in, w, r, 1, depth);
	default:
		break;
	}
	if (v_datum(in, w, depth))
		return -1;
	return res_out(x, in, out_put(x->out, start, (size_t)(in->p - start)));
}

static int decode_resolved(struct avro_codec *c, const struct codec_writer *w, const void *buf, size_t len,
                           size_t *used, struct conflict_event *ev, char *errbuf, size_t errlen)
{
	struct rout out = {.buf = c->rbuf, .cap = c->rbuf_cap};
	struct res *x;
	size_t n, m;
	char why[320];
	int rc;

	*used = 0;
	if (validate(w->schema, c->name, buf, len, &n, errbuf, errlen) != 0)
		return -1;
	if (!(x = calloc(1, sizeof(*x)))) {
		errf(errbuf, errlen, "%s: out of memory", c->name);
		return -1;
	}
	x->rd = c->doc;
	x->out = &out;
	struct vin in = {.p = buf,
	                 .end = (const unsigned char *)buf + n,
	                 .field = c->name,
	                 .errbuf = why,
	                 .errlen = sizeof(why)};
	rc = res_datum(x, &in, w->schema, c->schema, 0);
	free(x);
	c->rbuf = out.buf;
	c->rbuf_cap = out.cap;
	c->rbuf_len = out.len;
	if (rc != 0) {
		errf(errbuf, errlen, "%s datum written with schema %016llx: resolving: %s", c->name,
		     (unsigned long long)w->fingerprint, why);
		return -1;
	}
	if (validate(c->schema, c->name, c->rbuf, c->rbuf_len, &m, errbuf, errlen) != 0)
		return -1;
	if (m != c->rbuf_len) {
		errf(errbuf, errlen, "%s: resolved datum has %zu trailing bytes", c->name, c->rbuf_len - m);
		return -1;
	}
	if (read_datum(c, c->rbuf, m, ev, errbuf, errlen) != 0)
		return -1;
	*used = n;
	return 0;
}

int avro_codec_decode_datum_as(struct avro_codec *c, uint64_t writer_fp, const void *buf, size_t len,
                               size_t *used, struct conflict_event *ev, char *errbuf, size_t errlen)
{
	const struct codec_writer *w;
	size_t n;

	if (used)
		*used = 0;
	if (writer_fp == c->fingerprint)
		return avro_codec_decode_datum(c, buf, len, used, ev, errbuf, errlen);
	if (!(w = writer_by_fingerprint(c, writer_fp))) {
		errf(errbuf, errlen,
		     "schema fingerprint %016llx is neither %s's (%016llx) nor a known writer's",
		     (unsigned long long)writer_fp, c->name, (unsigned long long)c->fingerprint);
		return -1;
	}
	if (decode_resolved(c, w, buf, len, &n, ev, errbuf, errlen) != 0)
		return -1;
	if (used)
		*used = n;
	return 0;
}

/* ---- the writer registry ---- */

int avro_codec_add_writer(struct avro_codec *c, const char *schema_json, int32_t registry_id, char *errbuf,
                          size_t errlen)
{
	char why[320];
	char *canon;
	struct schema_doc *wd;
	uint64_t fp;

	if (!schema_json) {
		errf(errbuf, errlen, "writer schema: no text");
		return -1;
	}
	if (!(canon = avro_canonical_form(schema_json, why, sizeof(why)))) {
		errf(errbuf, errlen, "writer schema: %s", why);
		return -1;
	}
	fp = avro_crc64(canon, strlen(canon));
	free(canon);
	for (size_t i = 0; i < c->n_writers; i++)
		if (c->writers[i].fingerprint == fp && c->writers[i].registry_id == registry_id)
			return 0; /* already known */
	if (c->n_writers >= CODEC_MAX_WRITERS) {
		errf(errbuf, errlen, "writer schema %016llx: already %d writer schemas",
		     (unsigned long long)fp, CODEC_MAX_WRITERS);
		return -1;
	}
	if (!(wd = doc_new(schema_json, strlen(schema_json), why, sizeof(why)))) {
		errf(errbuf, errlen, "writer schema %016llx: %s", (unsigned long long)fp, why);
		return -1;
	}
	if (chk_run(c->doc, wd, 0, why, sizeof(why)) != 0) {
		errf(errbuf, errlen, "writer schema %016llx cannot be read as %s: %s", (unsigned long long)fp,
		     c->name, why);
		doc_free(wd);
		return -1;
	}
	struct codec_writer *w = &c->writers[c->n_writers++];
	w->schema = avro_schema_incref(wd->schema);
	w->fingerprint = fp;
	w->registry_id = registry_id;
	doc_free(wd);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int avro_codec_add_writers_from_dir(struct avro_codec *c, const char *dir, char *errbuf, size_t errlen)
{
	char *names[CODEC_MAX_WRITERS];
	size_t n = 0;
	int added = -1;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d) {
		errf(errbuf, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".avsc") != 0)
			continue;
		if (n >= CODEC_MAX_WRITERS) {
			errf(errbuf, errlen, "%s: more than %d schema files", dir, CODEC_MAX_WRITERS);
			goto done;
		}
		if (!(names[n] = strdup(e->d_name))) {
			errf(errbuf, errlen, "%s: out of memory", dir);
			goto done;
		}
		n++;
	}
	qsort(names, n, sizeof(names[0]), cmp_str); /* a fixed order: ids and errors repeat */
	added = 0;
	for (size_t i = 0; i < n && added >= 0; i++) {
		char path[4096], why[512];
		FILE *f;
		long size;
		char *text = NULL;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		f = fopen(path, "rb");
		if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 ||
		    size > CODEC_SCHEMA_MAX_BYTES || fseek(f, 0, SEEK_SET) != 0 ||
		    !(text = malloc((size_t)size + 1)) || fread(text, 1, (size_t)size, f) != (size_t)size) {
			errf(errbuf, errlen, "%s: cannot read (missing, empty, over %d bytes or I/O error)",
			     path, CODEC_SCHEMA_MAX_BYTES);
			added = -1;
		} else {
			text[size] = '\0';
			size_t before = c->n_writers;
			if (avro_codec_add_writer(c, text, -1, why, sizeof(why)) != 0) {
				errf(errbuf, errlen, "%s: %s", path, why);
				added = -1;
			} else if (c->n_writers > before) {
				added++;
			}
		}
		if (f)
			fclose(f);
		free(text);
	}
done:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return added;
}

void avro_codec_set_schema_id(struct avro_codec *c, int32_t id)
{
	c->schema_id = id;
}

void avro_codec_strict_ids(struct avro_codec *c)
{
	c->strict_ids = 1;
}

const char *avro_codec_schema_json(const struct avro_codec *c)
{
	return c->json;
}
