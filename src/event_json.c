/*
 * event_json.c - struct conflict_event -> the plain JSON object the scorer
 * and people read.
 *
 * The same fields as the Avro record, in the schema's order, without union
 * wrappers: enums as their symbols, event_date as YYYY-MM-DD, timestamps as
 * RFC 3339 UTC with milliseconds, null for absent optional values.  Strings
 * that are not valid UTF-8 (a name cut mid-character by a fixed buffer) are
 * repaired rather than dropped, since jansson refuses invalid UTF-8.
 */
#include "event_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* A JSON string from n bytes; invalid UTF-8 becomes U+FFFD, and a sequence
 * cut at the very end is dropped.  NULL only on allocation failure. */
static json_t *jstr_n(const char *s, size_t n)
{
	if (event_utf8_span(s, n) == n)
		return json_stringn(s, n);

	char *fixed = malloc(n * 3 + 1);
	if (!fixed)
		return NULL;
	size_t o = event_utf8_repair(fixed, s, n);
	json_t *j = json_stringn(fixed, o);
	free(fixed);
	return j;
}

static json_t *jstr(const char *s)
{
	return jstr_n(s ? s : "", s ? strlen(s) : 0);
}

/* "" and NULL are absent. */
static json_t *jopt_str(const char *s)
{
	return s && *s ? jstr(s) : json_null();
}

static json_t *jenum(const char *name)
{
	return name ? json_string(name) : json_null();
}

/* Milliseconds since the epoch -> "2018-11-17T15:00:00.000Z". */
static json_t *jtimestamp(int64_t ms)
{
	char buf[48];
	int64_t days = ms / 86400000, rem = ms % 86400000;
	int y;
	unsigned m, d;

	if (rem < 0) {
		rem += 86400000;
		days--;
	}
	if (days < INT32_MIN || days > INT32_MAX)
		return json_null();
	event_civil_from_days((int32_t)days, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, (int)(rem / 3600000),
	         (int)(rem / 60000 % 60), (int)(rem / 1000 % 60), (int)(rem % 1000));
	return json_string(buf);
}

static json_t *jdate(int32_t days)
{
	char buf[24];
	int y;
	unsigned m, d;

	event_civil_from_days(days, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02u-%02u", y, m, d);
	return json_string(buf);
}

/* jansson has no NaN or infinity (JSON neither): those render as null. */
static json_t *jreal(double d)
{
	return isfinite(d) ? json_real(d) : json_null();
}

/* json_object_set_new that remembers a failure instead of checking each call. */
static void put(json_t *obj, const char *key, json_t *v, int *failed)
{
	if (!v || json_object_set_new(obj, key, v) != 0)
		*failed = 1;
}

static json_t *jactor(const struct event_actor *a, int *failed)
{
	if (!a->present)
		return json_null();
	json_t *o = json_object();
	if (!o) {
		*failed = 1;
		return NULL;
	}
	put(o, "name", jstr(a->name), failed);
	put(o, "mention", jstr(a->mention), failed);
	put(o, "type", jenum(actor_type_name(a->type)), failed);
	put(o, "country_code", jopt_str(a->country_code), failed);
	return o;
}

static json_t *jlocation(const struct event_location *l, int *failed)
{
	if (!l->present)
		return json_null();
	json_t *o = json_object();
	if (!o) {
		*failed = 1;
		return NULL;
	}
	put(o, "name", jstr(l->name), failed);
	put(o, "admin1", jopt_str(l->admin1), failed);
	put(o, "admin2", jopt_str(l->admin2), failed);
	put(o, "country", jopt_str(l->country), failed);
	put(o, "country_code", jopt_str(l->country_code), failed);
	put(o, "latitude", l->has_coordinates ? jreal(l->latitude) : json_null(), failed);
	put(o, "longitude", l->has_coordinates ? jreal(l->longitude) : json_null(), failed);
	put(o, "geo_precision", json_integer(l->geo_precision), failed);
	put(o, "gazetteer_id", jopt_str(l->gazetteer_id), failed);
	return o;
}

static json_t *jfatalities(const struct event_fatalities *k, int *failed)
{
	json_t *o = json_object();
	if (!o) {
		*failed = 1;
		return NULL;
	}
	put(o, "best", json_integer(k->best), failed);
	put(o, "low", json_integer(k->low), failed);
	put(o, "high", json_integer(k->high), failed);
	put(o, "civilians", k->civilians >= 0 ? json_integer(k->civilians) : json_null(), failed);
	put(o, "children", k->children >= 0 ? json_integer(k->children) : json_null(), failed);
	put(o, "imputed", json_boolean(k->imputed), failed);
	return o;
}

static void append(json_t *arr, json_t *v, int *failed)
{
	if (!v || json_array_append_new(arr, v) != 0)
		*failed = 1;
}

/* confidence is a float: print the shortest decimal that reads back as the
 * same float (0.87, not 0.8700000047683716). */
static json_t *jfloat(float f)
{
	char buf[32];

	if (!isfinite(f))
		return json_null();
	for (int prec = 1; prec <= 9; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, (double)f);
		if ((float)strtod(buf, NULL) == f)
			break;
	}
	return json_real(strtod(buf, NULL));
}

char *event_to_json(const struct conflict_event *ev, int flags)
{
	int failed = 0;
	json_t *o = json_object(), *arr;
	char *out = NULL;

	if (!o)
		return NULL;
	put(o, "event_id", jstr(ev->event_id), &failed);
	put(o, "article_id", jstr(ev->article_id), &failed);
	put(o, "article_url", jopt_str(ev->article_url), &failed);
	put(o, "source_name", jopt_str(ev->source_name), &failed);
	put(o, "article_published_at",
	    ev->article_published_at_ms ? jtimestamp(ev->article_published_at_ms) : json_null(), &failed);
	put(o, "processed_at", ev->processed_at_ms ? jtimestamp(ev->processed_at_ms) : json_null(), &failed);
	put(o, "record_kind", jenum(record_kind_name(ev->record_kind)), &failed);
	put(o, "event_type", jenum(event_type_name(ev->event_type)), &failed);
	put(o, "sub_event_type", jenum(sub_event_type_name(ev->sub_event_type)), &failed);
	put(o, "event_date", ev->has_event_date ? jdate(ev->event_date) : json_null(), &failed);
	put(o, "date_precision", jenum(date_precision_name(ev->date_precision)), &failed);
	put(o, "temporality", jenum(temporality_name(ev->temporality)), &failed);
	put(o, "actor1", jactor(&ev->actor1, &failed), &failed);
	put(o, "actor2", jactor(&ev->actor2, &failed), &failed);

	arr = json_array();
	for (size_t i = 0; arr && i < ev->n_associated && i < EVENT_MAX_ASSOCIATED; i++)
		append(arr, jactor(&ev->associated[i], &failed), &failed);
	put(o, "associated_actors", arr, &failed);

	put(o, "location", jlocation(&ev->location, &failed), &failed);
	put(o, "fatalities", jfatalities(&ev->fatalities, &failed), &failed);

	arr = json_array();
	for (size_t i = 0; arr && i < ev->n_reported_by && i < EVENT_MAX_REPORTED_BY; i++)
		append(arr, jstr(ev->reported_by[i]), &failed);
	put(o, "reported_by", arr, &failed);

	put(o, "disputed", json_boolean(ev->disputed), &failed);
	put(o, "confidence", jfloat(ev->confidence), &failed);

	arr = json_array();
	for (size_t i = 0; arr && i < ev->n_evidence && i < EVENT_MAX_EVIDENCE; i++) {
		const struct event_evidence *e = &ev->evidence[i];
		json_t *eo = json_object();
		if (!eo) {
			failed = 1;
			break;
		}
		put(eo, "start", json_integer(e->start), &failed);
		put(eo, "end", json_integer(e->end), &failed);
		/* text is a slice of the article body, not NUL-terminated. */
		put(eo, "text", e->text && e->end >= e->start ? jstr_n(e->text, e->end - e->start) : jstr(""),
		    &failed);
		append(arr, eo, &failed);
	}
	put(o, "evidence", arr, &failed);

	put(o, "language", jopt_str(ev->language), &failed);
	put(o, "extractor_version", jstr(ev->extractor_version), &failed);
	/* Schema v2: null for articles that did not come from Kafka. */
	if (ev->provenance.present) {
		json_t *po = json_object();
		if (!po)
			failed = 1;
		put(po, "topic", jstr(ev->provenance.topic), &failed);
		put(po, "partition", json_integer(ev->provenance.partition), &failed);
		put(po, "offset", json_integer(ev->provenance.offset), &failed);
		put(o, "provenance", po, &failed);
	} else {
		put(o, "provenance", json_null(), &failed);
	}

	if (!failed)
		out = json_dumps(o, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
		                        (flags & EVENT_JSON_PRETTY ? JSON_INDENT(2) : JSON_COMPACT));
	json_decref(o);
	return out;
}
