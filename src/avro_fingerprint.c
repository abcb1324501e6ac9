/*
 * avro_fingerprint.c - Parsing Canonical Form and CRC-64-AVRO.
 *
 * A single-object encoded Kafka value carries the 64-bit fingerprint of its
 * writer schema, and a reader finds the schema by that fingerprint, so both
 * sides must compute it byte for byte the same way.  avro-c 1.11 has no
 * fingerprint function, so this file implements the two pieces the Avro
 * specification ("Parsing Canonical Form for Schemas" and "Schema
 * Fingerprints") defines:
 *
 *  - the canonical form: [PRIMITIVES] {"type":"int"} -> "int";
 *    [FULLNAMES] names qualified with their namespace; [STRIP] only name,
 *    type, fields, symbols, items, values and size survive; [ORDER] those
 *    attributes in that order; [STRINGS] escapes replaced by the UTF-8
 *    characters; [INTEGERS] no leading zeros; [WHITESPACE] none outside
 *    strings.  The schema is parsed with jansson, which already resolves
 *    escapes and integer spellings; this file walks the tree and prints it.
 *  - CRC-64-AVRO, the Rabin fingerprint with EMPTY = 0xc15d213aa4d7a795.
 *
 * Limits: nesting is bounded by CANON_MAX_DEPTH, names by CANON_NAME_MAX.
 * Named-type references are qualified with the enclosing namespace as the
 * specification says; whether the name was defined earlier is not checked
 * (avro-c's own parser does that when the codec loads the schema).
 */
#include "avro_codec.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define CANON_MAX_DEPTH  64
#define CANON_NAME_MAX   512
#define CRC64_AVRO_EMPTY 0xc15d213aa4d7a795ULL

/* ---- CRC-64-AVRO ---- */

static uint64_t crc64_table[256];
static pthread_once_t crc64_once = PTHREAD_ONCE_INIT;

static void crc64_init(void)
{
	for (unsigned i = 0; i < 256; i++) {
		uint64_t fp = i;
		for (int j = 0; j < 8; j++)
			fp = (fp >> 1) ^ (CRC64_AVRO_EMPTY & (0 - (fp & 1)));
		crc64_table[i] = fp;
	}
}

uint64_t avro_crc64(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint64_t fp = CRC64_AVRO_EMPTY;

	pthread_once(&crc64_once, crc64_init);
	for (size_t i = 0; i < len; i++)
		fp = (fp >> 8) ^ crc64_table[(fp ^ p[i]) & 0xff];
	return fp;
}

/* ---- a growable output buffer ---- */

struct canon {
	char *buf;
	size_t len, cap;
	int failed; /* 1 after the first error; later output is ignored */
	char *errbuf;
	size_t errlen;
};

static void canon_error(struct canon *c, const char *fmt, ...)
{
	va_list ap;

	if (c->failed)
		return;
	c->failed = 1;
	if (c->errbuf && c->errlen) {
		va_start(ap, fmt);
		vsnprintf(c->errbuf, c->errlen, fmt, ap);
		va_end(ap);
	}
}

static void canon_put(struct canon *c, const char *s, size_t n)
{
	if (c->failed)
		return;
	if (c->len + n + 1 > c->cap) {
		size_t cap = c->cap ? c->cap : 256;
		while (cap < c->len + n + 1)
			cap *= 2;
		char *nb = realloc(c->buf, cap);
		if (!nb) {
			canon_error(c, "canonical form: out of memory");
			return;
		}
		c->buf = nb;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

static void canon_puts(struct canon *c, const char *s)
{
	canon_put(c, s, strlen(s));
}

/* A JSON string literal: only '"', '\\' and control characters are escaped,
 * everything else (including non-ASCII UTF-8) is written as itself [STRINGS]. */
static void canon_string(struct canon *c, const char *s, size_t n)
{
	char esc[8];

	canon_put(c, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch != '"' && ch != '\\' && ch >= 0x20)
			continue;
		canon_put(c, s + run, i - run);
		run = i + 1;
		switch (ch) {
		case '"':
			canon_puts(c, "\\\"");
			break;
		case '\\':
			canon_puts(c, "\\\\");
			break;
		case '\b':
			canon_puts(c, "\\b");
			break;
		case '\f':
			canon_puts(c, "\\f");
			break;
		case '\n':
			canon_puts(c, "\\n");
			break;
		case '\r':
			canon_puts(c, "\\r");
			break;
		case '\t':
			canon_puts(c, "\\t");
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04x", ch);
			canon_puts(c, esc);
		}
	}
	canon_put(c, s + run, n - run);
	canon_put(c, "\"", 1);
}

/* ---- the schema walk ---- */

static int is_primitive(const char *t)
{
	static const char *const prims[] = {"null",  "boolean", "int",   "long",
	                                    "float", "double",  "bytes", "string"};
	for (size_t i = 0; i < sizeof(prims) / sizeof(prims[0]); i++)
		if (strcmp(t, prims[i]) == 0)
			return 1;
	return 0;
}

/* Qualify name with namespace ns [FULLNAMES]: a name with a dot is already
 * full; an empty namespace leaves it alone. */
static int full_name(char *out, size_t outlen, const char *name, const char *ns)
{
	int n;
	if (strchr(name, '.') || !ns || !*ns)
		n = snprintf(out, outlen, "%s", name);
	else
		n = snprintf(out, outlen, "%s.%s", ns, name);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

static void canon_schema(struct canon *c, json_t *s, const char *ns, int depth);

/* A string in type position: a primitive or a reference to a named type. */
static void canon_type_name(struct canon *c, const char *t, const char *ns)
{
	char full[CANON_NAME_MAX];

	if (is_primitive(t)) {
		canon_string(c, t, strlen(t));
		return;
	}
	if (!*t) {
		canon_error(c, "schema: empty type name");
		return;
	}
	if (full_name(full, sizeof(full), t, ns) < 0) {
		canon_error(c, "schema: type name '%.64s...' too long", t);
		return;
	}
	canon_string(c, full, strlen(full));
}

static void canon_fields(struct canon *c, json_t *fields, const char *ns, int depth)
{
	size_t i;
	json_t *f;

	if (!json_is_array(fields)) {
		canon_error(c, "schema: record 'fields' is not an array");
		return;
	}
	canon_puts(c, ",\"fields\":[");
	json_array_foreach(fields, i, f)
	{
		json_t *fname = json_object_get(f, "name");
		json_t *ftype = json_object_get(f, "type");
		if (!json_is_string(fname) || !ftype) {
			canon_error(c, "schema: field %zu needs a 'name' and a 'type'", i);
			return;
		}
		canon_puts(c, i ? ",{\"name\":" : "{\"name\":");
		canon_string(c, json_string_value(fname), json_string_length(fname));
		canon_puts(c, ",\"type\":");
		canon_schema(c, ftype, ns, depth + 1);
		canon_puts(c, "}");
	}
	canon_puts(c, "]");
}

/* record, enum or fixed: name first, then type, then its own attributes. */
static void canon_named(struct canon *c, json_t *s, const char *type, const char *ns, int depth)
{
	char full[CANON_NAME_MAX];
	json_t *name = json_object_get(s, "name");
	json_t *space = json_object_get(s, "namespace");

	if (!json_is_string(name) || !*json_string_value(name)) {
		canon_error(c, "schema: %s without a 'name'", type);
		return;
	}
	const char *own_ns = json_is_string(space) ? json_string_value(space) : ns;
	if (full_name(full, sizeof(full), json_string_value(name), own_ns) < 0) {
		canon_error(c, "schema: name '%.64s...' too long", json_string_value(name));
		return;
	}
	/* The namespace nested definitions inherit is this type's own, which for
	 * a dotted name is the part before the last dot. */
	char inner_ns[CANON_NAME_MAX];
	const char *dot = strrchr(full, '.');
	size_t nslen = dot ? (size_t)(dot - full) : 0;
	memcpy(inner_ns, full, nslen);
	inner_ns[nslen] = '\0';

	canon_puts(c, "{\"name\":");
	canon_string(c, full, strlen(full));
	canon_puts(c, ",\"type\":");
	canon_string(c, type, strlen(type));
	if (strcmp(type, "record") == 0 || strcmp(type, "error") == 0) {
		canon_fields(c, json_object_get(s, "fields"), inner_ns, depth);
	} else if (strcmp(type, "enum") == 0) {
		json_t *syms = json_object_get(s, "symbols"), *sym;
		size_t i;
		if (!json_is_array(syms)) {
			canon_error(c, "schema: enum '%s' without 'symbols'", full);
			return;
		}
		canon_puts(c, ",\"symbols\":[");
		json_array_foreach(syms, i, sym)
		{
			if (!json_is_string(sym)) {
				canon_error(c, "schema: enum '%s' symbol %zu is not a string", full, i);
				return;
			}
			if (i)
				canon_puts(c, ",");
			canon_string(c, json_string_value(sym), json_string_length(sym));
		}
		canon_puts(c, "]");
	} else { /* fixed */
		json_t *size = json_object_get(s, "size");
		char num[32];
		if (!json_is_integer(size) || json_integer_value(size) < 0) {
			canon_error(c, "schema: fixed '%s' without a valid 'size'", full);
			return;
		}
		snprintf(num, sizeof(num), ",\"size\":%lld", (long long)json_integer_value(size));
		canon_puts(c, num);
	}
	canon_puts(c, "}");
}

static void canon_schema(struct canon *c, json_t *s, const char *ns, int depth)
{
	if (c->failed)
		return;
	if (depth > CANON_MAX_DEPTH) {
		canon_error(c, "schema: nested deeper than %d", CANON_MAX_DEPTH);
		return;
	}
	if (json_is_string(s)) {
		canon_type_name(c, json_string_value(s), ns);
	} else if (json_is_array(s)) { /* a union */
		size_t i;
		json_t *b;
		canon_puts(c, "[");
		json_array_foreach(s, i, b)
		{
			if (i)
				canon_puts(c, ",");
			canon_schema(c, b, ns, depth + 1);
		}
		canon_puts(c, "]");
	} else if (json_is_object(s)) {
		json_t *type = json_object_get(s, "type");
		if (!type) {
			canon_error(c, "schema: object without a 'type'");
			return;
		}
		if (!json_is_string(type)) { /* {"type": {...}}: the inner schema */
			canon_schema(c, type, ns, depth + 1);
			return;
		}
		const char *t = json_string_value(type);
		if (strcmp(t, "record") == 0 || strcmp(t, "error") == 0 || strcmp(t, "enum") == 0 ||
		    strcmp(t, "fixed") == 0) {
			canon_named(c, s, t, ns, depth);
		} else if (strcmp(t, "array") == 0) {
			json_t *items = json_object_get(s, "items");
			if (!items) {
				canon_error(c, "schema: array without 'items'");
				return;
			}
			canon_puts(c, "{\"type\":\"array\",\"items\":");
			canon_schema(c, items, ns, depth + 1);
			canon_puts(c, "}");
		} else if (strcmp(t, "map") == 0) {
			json_t *values = json_object_get(s, "values");
			if (!values) {
				canon_error(c, "schema: map without 'values'");
				return;
			}
			canon_puts(c, "{\"type\":\"map\",\"values\":");
			canon_schema(c, values, ns, depth + 1);
			canon_puts(c, "}");
		} else {
			/* A primitive with attributes (logicalType...) or a reference. */
			canon_type_name(c, t, ns);
		}
	} else {
		canon_error(c, "schema: a %s is not a schema",
		            json_is_integer(s) || json_is_real(s) ? "number" : "literal");
	}
}

char *avro_canonical_form(const char *schema_json, char *errbuf, size_t errlen)
{
	json_error_t jerr;
	struct canon c = {.errbuf = errbuf, .errlen = errlen};

	if (!schema_json) {
		canon_error(&c, "schema: no text");
		return NULL;
	}
	/* JSON_DECODE_ANY: a schema may be a bare string such as "int". */
	json_t *root = json_loads(schema_json, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		canon_error(&c, "schema: line %d column %d: %s", jerr.line, jerr.column, jerr.text);
		return NULL;
	}
	canon_schema(&c, root, "", 0);
	json_decref(root);
	if (!c.failed && !c.buf)
		canon_put(&c, "", 0);
	if (c.failed) {
		free(c.buf);
		return NULL;
	}
	return c.buf;
}
