/*
 * article.c - one Kafka message value -> struct article.
 *
 * The checks run cheapest and most general first, so a hostile value costs
 * little: empty, over the size limit (nothing of the value is scanned
 * before that), not UTF-8 or binary, then the shape.  A value whose first
 * non-whitespace byte is '{' is JSON (jansson); anything else is plain text
 * with a title line, as news agencies' wire text comes, except a whole
 * JSON array, which is rejected.  Every rejection
 * writes one line saying what was wrong and where, because it ends up in a
 * dead-letter header that an operator reads.
 *
 * Right after the size check, a value that starts with an Avro framing
 * (00, or C3 01: never the start of UTF-8 text) goes to article_avro.c.
 */
#include "article.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"

#define ARTICLE_SNIPPET 40 /* bytes of an offending value quoted in a message */

static const char *const error_names[] = {"ok",      "empty",     "too_large", "bad_utf8", "bad_json",
                                          "no_text", "bad_field", "nomem",     "bad_avro", "unknown_schema"};

const char *article_error_name(enum article_error e)
{
	if ((unsigned)e < sizeof(error_names) / sizeof(error_names[0]))
		return error_names[e];
	return "unknown";
}

static size_t utf8_scan(const unsigned char *s, size_t len, int *is_control);

/* Messages go into a dead-letter header and a log line: keep them one
 * line of valid UTF-8 even when they quote the input (jansson's "near
 * '...'") or were cut short by errlen in the middle of a character. */
static void message_clean(char *msg)
{
	size_t len = strlen(msg), i = 0;
	int ctl;

	while (i < len) {
		i += utf8_scan((const unsigned char *)msg + i, len - i, &ctl);
		if (i < len)
			msg[i++] = ctl ? ' ' : '?';
	}
	for (i = 0; i < len; i++)
		if (msg[i] == '\n' || msg[i] == '\r' || msg[i] == '\t')
			msg[i] = ' ';
}

__attribute__((format(printf, 4, 5))) static enum article_error fail(enum article_error e, char *errbuf,
                                                                     size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errbuf && errlen) {
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
		message_clean(errbuf);
	}
	return e;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Position of the first byte that is not valid UTF-8 text, or len.  The
 * encoding rules are the outputs' (event_utf8_seq(): shortest form of a
 * scalar value, no surrogates, nothing above U+10FFFF); input is stricter in
 * one way: no C0 control character but tab, LF and CR, since random binary
 * nearly always has a NUL or control byte early on. */
static size_t utf8_scan(const unsigned char *s, size_t len, int *is_control)
{
	size_t i = 0;

	*is_control = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t k;

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			*is_control = 1;
			return i;
		}
		if (!(k = event_utf8_seq(s + i, len - i)))
			return i;
		i += k;
	}
	return len;
}

int article_utf8_valid(const void *buf, size_t len)
{
	int ctl;
	return utf8_scan(buf, len, &ctl) == len;
}

size_t article_utf8_span(const void *buf, size_t len, int *is_control)
{
	return utf8_scan(buf, len, is_control);
}

/* A one-line, bounded, valid-UTF-8 quote of s for an error message. */
static void snippet(char *dst, size_t dstlen, const char *s)
{
	size_t n = 0, i = 0;

	while (s[i] && n + 4 < dstlen && i < ARTICLE_SNIPPET) {
		unsigned char c = (unsigned char)s[i];
		size_t clen = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (c < 0x20 || c == '"') {
			dst[n++] = '?';
			i++;
			continue;
		}
		if (n + clen + 4 >= dstlen)
			break;
		memcpy(dst + n, s + i, clen);
		n += clen;
		i += clen;
	}
	if (s[i] && n + 4 < dstlen) {
		memcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

static int parse_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* RFC 3339 date-time: YYYY-MM-DD('T'|'t'|' ')HH:MM:SS[.frac]('Z'|'z'|+HH:MM|-HH:MM).
 * A bare full-date (YYYY-MM-DD) is taken as midnight UTC: feeds often give
 * only the day.  Fractions beyond milliseconds are truncated. */
int article_parse_rfc3339(const char *s, int64_t *ms)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, frac_ms = 0, off = 0;
	const char *p;

	if (!s || strlen(s) < 10 || parse_digits(s, 4, &y) || s[4] != '-' || parse_digits(s + 5, 2, &mo) ||
	    s[7] != '-' || parse_digits(s + 8, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;
	p = s + 10;
	if (*p != '\0') {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		if (strlen(p) < 8 || parse_digits(p, 2, &h) || p[2] != ':' || parse_digits(p + 3, 2, &mi) ||
		    p[5] != ':' || parse_digits(p + 6, 2, &sec))
			return -1;
		if (h > 23 || mi > 59 || sec > 60) /* 60: a leap second */
			return -1;
		p += 8;
		if (*p == '.') {
			int digits = 0;
			p++;
			while (*p >= '0' && *p <= '9') {
				if (digits < 3)
					frac_ms = frac_ms * 10 + (*p - '0');
				digits++;
				p++;
			}
			if (digits == 0)
				return -1;
			for (; digits < 3; digits++)
				frac_ms *= 10;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om, sign = *p == '-' ? -1 : 1;
			if (strlen(p) < 6 || parse_digits(p + 1, 2, &oh) || p[3] != ':' ||
			    parse_digits(p + 4, 2, &om) || oh > 23 || om > 59)
				return -1;
			off = sign * (oh * 60 + om);
			p += 6;
		} else {
			return -1;
		}
		if (*p != '\0')
			return -1;
	}
	*ms = ((int64_t)event_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 +
	       sec - (int64_t)off * 60) *
	          1000 +
	      frac_ms;
	return 0;
}

/* A heap copy of s[0..n) with surrounding whitespace removed. */
static char *dup_trimmed(const char *s, size_t n, size_t *outlen)
{
	char *out;

	while (n && is_space((unsigned char)*s))
		s++, n--;
	while (n && is_space((unsigned char)s[n - 1]))
		n--;
	out = malloc(n + 1);
	if (!out)
		return NULL;
	memcpy(out, s, n);
	out[n] = '\0';
	if (outlen)
		*outlen = n;
	return out;
}

static int has_non_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space((unsigned char)s[i]))
			return 1;
	return 0;
}

static const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* An optional string member: absent or null -> NULL; a string -> a heap
 * copy; anything else -> ARTICLE_BAD_FIELD. */
static enum article_error json_opt_string(const json_t *obj, const char *key, char **out, char *errbuf,
                                          size_t errlen)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return ARTICLE_OK;
	if (!json_is_string(v))
		return fail(ARTICLE_BAD_FIELD, errbuf, errlen, "field \"%s\" is %s, expected a string", key,
		            json_type_name(v));
	*out = strndup(json_string_value(v), json_string_length(v));
	return *out ? ARTICLE_OK : fail(ARTICLE_NOMEM, errbuf, errlen, "out of memory copying \"%s\"", key);
}

static enum article_error decode_json(struct article *a, const char *buf, size_t len, int *have_pub,
                                      char *errbuf, size_t errlen)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	const json_t *id, *text;
	const char *text_key = "text";
	char *pub = NULL;
	enum article_error e;

	if (!root)
		return fail(ARTICLE_BAD_JSON, errbuf, errlen, "JSON parse error at line %d column %d: %s",
		            jerr.line, jerr.column, jerr.text);
	if (!json_is_object(root)) {
		e = fail(ARTICLE_BAD_JSON, errbuf, errlen, "JSON value is %s, expected an object",
		         json_type_name(root));
		goto out;
	}

	id = json_object_get(root, "id");
	if (id && json_is_string(id)) {
		if (json_string_length(id) > 0 &&
		    !(a->id = strndup(json_string_value(id), json_string_length(id)))) {
			e = fail(ARTICLE_NOMEM, errbuf, errlen, "out of memory copying \"id\"");
			goto out;
		}
	} else if (id && json_is_integer(id)) {
		if (asprintf(&a->id, "%" JSON_INTEGER_FORMAT, json_integer_value(id)) < 0) {
			a->id = NULL;
			e = fail(ARTICLE_NOMEM, errbuf, errlen, "out of memory copying \"id\"");
			goto out;
		}
	} else if (id && !json_is_null(id)) {
		e = fail(ARTICLE_BAD_FIELD, errbuf, errlen,
		         "field \"id\" is %s, expected a string or an integer", json_type_name(id));
		goto out;
	}

	/* "text" wins over its alias "body" when both are there. */
	text = json_object_get(root, "text");
	if (!text || json_is_null(text)) {
		text = json_object_get(root, "body");
		text_key = "body";
	}
	if (text && !json_is_null(text) && !json_is_string(text)) {
		e = fail(ARTICLE_BAD_FIELD, errbuf, errlen, "field \"%s\" is %s, expected a string", text_key,
		         json_type_name(text));
		goto out;
	}
	if (!text || json_is_null(text) ||
	    !has_non_space(json_string_value(text), json_string_length(text))) {
		e = fail(ARTICLE_NO_TEXT, errbuf, errlen,
		         "JSON object has no non-empty \"text\" or \"body\" string");
		goto out;
	}
	a->text_len = json_string_length(text);
	if (memchr(json_string_value(text), '\0', a->text_len)) {
		e = fail(ARTICLE_BAD_FIELD, errbuf, errlen, "field \"%s\" contains a NUL character",
		         text_key);
		goto out;
	}
	a->text = strndup(json_string_value(text), a->text_len);
	if (!a->text) {
		e = fail(ARTICLE_NOMEM, errbuf, errlen, "out of memory copying \"%s\"", text_key);
		goto out;
	}

	if ((e = json_opt_string(root, "title", &a->title, errbuf, errlen)) != ARTICLE_OK ||
	    (e = json_opt_string(root, "url", &a->url, errbuf, errlen)) != ARTICLE_OK ||
	    (e = json_opt_string(root, "source", &a->source, errbuf, errlen)) != ARTICLE_OK ||
	    (e = json_opt_string(root, "language", &a->language, errbuf, errlen)) != ARTICLE_OK ||
	    (e = json_opt_string(root, "published_at", &pub, errbuf, errlen)) != ARTICLE_OK)
		goto out;
	if (pub && article_parse_rfc3339(pub, &a->published_at_ms) < 0) {
		char q[ARTICLE_SNIPPET * 4 + 8];
		snippet(q, sizeof(q), pub);
		e = fail(ARTICLE_BAD_FIELD, errbuf, errlen,
		         "field \"published_at\" is not an RFC 3339 timestamp: \"%s\"", q);
		goto out;
	}
	*have_pub = pub != NULL;
	e = ARTICLE_OK;
out:
	free(pub);
	json_decref(root);
	return e;
}

/* "[source_without_link]Agence France-Presse[/source_without_link]" as the
 * last line of wire text: the tag name starts with "source".  Returns the
 * start of the name and its length, or NULL. */
static const char *source_tag(const char *line, size_t n, size_t *name_len, size_t *name_off)
{
	const char *close_br, *end_tag;
	size_t tag_len;

	/* line[0..n) is not NUL-terminated: "[source" + "]" needs 8 bytes. */
	if (n < 8 || line[0] != '[' || memcmp(line + 1, "source", 6) != 0 || line[n - 1] != ']')
		return NULL;
	close_br = memchr(line, ']', n);
	tag_len = (size_t)(close_br - line) - 1; /* without brackets */
	/* the closing tag is "[/" tag "]" at the very end */
	if (n < 2 * tag_len + 5)
		return NULL;
	end_tag = line + n - (tag_len + 3);
	if (end_tag[0] != '[' || end_tag[1] != '/' || memcmp(end_tag + 2, line + 1, tag_len) != 0)
		return NULL;
	*name_off = tag_len + 2;
	*name_len = (size_t)(end_tag - line) - *name_off;
	return line + *name_off;
}

static enum article_error decode_text(struct article *a, const char *buf, size_t len, char *errbuf,
                                      size_t errlen)
{
	const char *end = buf + len, *nl, *last;
	size_t name_len, name_off;

	while (buf < end && is_space((unsigned char)*buf))
		buf++;
	while (end > buf && is_space((unsigned char)end[-1]))
		end--;

	/* A trailing source tag line names the source and is not body text. */
	last = end;
	while (last > buf && last[-1] != '\n')
		last--;
	while (last < end && (*last == ' ' || *last == '\t'))
		last++;
	if (last > buf && source_tag(last, (size_t)(end - last), &name_len, &name_off)) {
		a->source = dup_trimmed(last + name_off, name_len, NULL);
		if (!a->source)
			return fail(ARTICLE_NOMEM, errbuf, errlen, "out of memory copying the source");
		if (a->source[0] == '\0') {
			free(a->source);
			a->source = NULL;
		}
		end = last;
	}

	/* First line the title, the rest the body; a single line is all body. */
	nl = memchr(buf, '\n', (size_t)(end - buf));
	if (nl) {
		a->title = dup_trimmed(buf, (size_t)(nl - buf), NULL);
		a->text = dup_trimmed(nl + 1, (size_t)(end - nl - 1), &a->text_len);
	} else {
		a->text = dup_trimmed(buf, (size_t)(end - buf), &a->text_len);
	}
	if (!a->text || (nl && !a->title))
		return fail(ARTICLE_NOMEM, errbuf, errlen, "out of memory copying the text");
	if (a->text_len == 0) {
		if (!a->title || !a->title[0])
			return fail(ARTICLE_NO_TEXT, errbuf, errlen, "plain text has no body");
		/* A title and nothing else: the title is the text. */
		free(a->text);
		a->text = a->title;
		a->text_len = strlen(a->text);
		a->title = NULL;
	}
	return ARTICLE_OK;
}

/* A whole value that parses as a JSON array is a batch or a mistake, not
 * wire text; "[UPDATE] Clashes in ..." does not parse and stays text. */
static int is_json_array(const char *buf, size_t len)
{
	json_t *v = json_loadb(buf, len, 0, NULL);
	int is_array = v && json_is_array(v);

	json_decref(v);
	return is_array;
}

/* A value that is text: valid UTF-8, then JSON, a JSON array, or wire text. */
static enum article_error decode_text_value(struct article *out, const char *buf, size_t len, int *have_pub,
                                            char *errbuf, size_t errlen)
{
	size_t i, bad;
	int ctl;

	for (i = 0; i < len && is_space((unsigned char)buf[i]); i++)
		;
	if (i == len)
		return fail(ARTICLE_EMPTY, errbuf, errlen, "message is only whitespace (%zu bytes)", len);
	bad = utf8_scan((const unsigned char *)buf, len, &ctl);
	if (bad < len) {
		if (ctl)
			return fail(ARTICLE_BAD_UTF8, errbuf, errlen,
			            "binary data: control byte 0x%02x at byte %zu", (unsigned char)buf[bad],
			            bad);
		return fail(ARTICLE_BAD_UTF8, errbuf, errlen, "invalid UTF-8 at byte %zu", bad);
	}

	/* A byte-order mark is not content. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	for (i = 0; i < len && is_space((unsigned char)buf[i]); i++)
		;
	if (i == len)
		return fail(ARTICLE_EMPTY, errbuf, errlen, "message is only whitespace");

	if (buf[i] == '{')
		return decode_json(out, buf, len, have_pub, errbuf, errlen);
	if (buf[i] == '[' && is_json_array(buf, len))
		return fail(ARTICLE_BAD_JSON, errbuf, errlen, "JSON value is an array, expected an object");
	return decode_text(out, buf, len, errbuf, errlen);
}

enum article_error article_decode(struct article *out, const void *value, size_t len,
                                  const struct article_origin *origin, size_t max_bytes, char *errbuf,
                                  size_t errlen)
{
	const char *buf = value;
	int have_pub = 0;
	enum article_error e;

	memset(out, 0, sizeof(*out));
	if (errbuf && errlen)
		errbuf[0] = '\0';
	if (max_bytes == 0)
		max_bytes = ARTICLE_DEFAULT_MAX_BYTES;

	if (len == 0 || !buf)
		return fail(ARTICLE_EMPTY, errbuf, errlen, "empty message");
	if (len > max_bytes)
		return fail(ARTICLE_TOO_LARGE, errbuf, errlen,
		            "message of %zu bytes is over the limit of %zu bytes", len, max_bytes);

	/* The framing is decided by the first bytes alone, which no text has. */
	if (article_avro_framed(buf, len))
		e = article_avro_decode(out, buf, len, &have_pub, errbuf, errlen);
	else
		e = decode_text_value(out, buf, len, &have_pub, errbuf, errlen);
	if (e != ARTICLE_OK)
		goto err;

	if (!out->id) {
		const char *topic = origin && origin->topic ? origin->topic : "-";
		if (asprintf(&out->id, "%s/%" PRId32 "/%" PRId64, topic, origin ? origin->partition : 0,
		             origin ? origin->offset : (int64_t)0) < 0) {
			out->id = NULL;
			e = fail(ARTICLE_NOMEM, errbuf, errlen, "out of memory");
			goto err;
		}
	}
	if (!have_pub && origin && origin->timestamp_ms >= 0)
		out->published_at_ms = origin->timestamp_ms;
	return ARTICLE_OK;
err:
	article_free(out);
	return e;
}

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->id);
	free(a->title);
	free(a->text);
	free(a->url);
	free(a->source);
	free(a->language);
	memset(a, 0, sizeof(*a));
}

void article_view(const struct article *a, struct extract_article *view)
{
	view->id = a->id;
	view->title = a->title;
	view->title_len = a->title ? strlen(a->title) : 0;
	view->text = a->text;
	view->text_len = a->text_len;
	view->published_at_ms = a->published_at_ms;
	view->language = a->language;
}
