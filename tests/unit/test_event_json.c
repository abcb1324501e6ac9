/*
 * test_event_json.c - the JSON rendering the scorer reads: enum symbols,
 * YYYY-MM-DD dates, RFC 3339 timestamps, null for absent values, evidence
 * spans, and repaired UTF-8.
 */
#include <jansson.h>

#include "event_json.h"
#include "sample_event.h"
#include "test.h"

static const char body[] =
    "Militants stormed a police post near Dori on Tuesday, killing dozens of officers.";

static const struct sample_spec dori = {
    .article_id = "rfi-bf-0312",
    .source_name = "RFI",
    .published_at_ms = 1542466800000LL, /* 2018-11-17T15:00:00Z */
    .processed_at_ms = 1542466800250LL,
    .event_type = EVENT_BATTLES,
    .sub_event_type = SUB_ARMED_CLASH,
    .year = 2018,
    .month = 11,
    .day = 13,
    .temporality = TEMPORALITY_RECENT,
    .actor1 = {"JNIM: Group for Support of Islam and Muslims", "Militants", ACTOR_REBEL_GROUP, NULL},
    .actor2 = {"Police Forces of Burkina Faso", "police", ACTOR_STATE_FORCES, "BF"},
    .place = "Dori",
    .admin1 = "Sahel",
    .country = "Burkina Faso",
    .country_code = "BF",
    .latitude = 14.0354,
    .longitude = -0.0345,
    .geo_precision = 2,
    .fatalities = {.best = 12, .low = 12, .high = 12, .civilians = -1, .children = -1, .imputed = true},
    .confidence = 0.87f,
    .body = body,
};

static void sample(struct conflict_event *ev)
{
	sample_event(ev, &dori);
}

static json_t *render(const struct conflict_event *ev, int flags)
{
	char *s = event_to_json(ev, flags);
	CHECK(s != NULL);
	if (!s)
		return NULL;
	json_error_t jerr;
	json_t *j = json_loads(s, 0, &jerr);
	if (!j)
		fprintf(stderr, "  not JSON: %s\n  %s\n", jerr.text, s);
	CHECK(j != NULL);
	free(s);
	return j;
}

static const char *str_at(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void json_has_every_schema_field_in_order(void)
{
	static const char *const fields[] = {
	    "event_id",
	    "article_id",
	    "article_url",
	    "source_name",
	    "article_published_at",
	    "processed_at",
	    "record_kind",
	    "event_type",
	    "sub_event_type",
	    "event_date",
	    "date_precision",
	    "temporality",
	    "actor1",
	    "actor2",
	    "associated_actors",
	    "location",
	    "fatalities",
	    "reported_by",
	    "disputed",
	    "confidence",
	    "evidence",
	    "language",
	    "extractor_version",
	};
	struct conflict_event ev;
	sample(&ev);
	char *s = event_to_json(&ev, EVENT_JSON_COMPACT);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK(strchr(s, '\n') == NULL);
	const char *prev = s;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char key[64];
		snprintf(key, sizeof(key), "\"%s\":", fields[i]);
		const char *at = strstr(s, key);
		if (!at)
			fprintf(stderr, "  missing %s\n", key);
		CHECK(at != NULL && at >= prev);
		if (at)
			prev = at;
	}
	free(s);
}

static void json_enums_are_symbols_and_dates_are_iso(void)
{
	struct conflict_event ev;
	sample(&ev);
	json_t *j = render(&ev, EVENT_JSON_COMPACT);
	if (!j)
		return;
	CHECK_STR(str_at(j, "record_kind"), "EVENT");
	CHECK_STR(str_at(j, "event_type"), "BATTLES");
	CHECK_STR(str_at(j, "sub_event_type"), "ARMED_CLASH");
	CHECK_STR(str_at(j, "event_date"), "2018-11-13");
	CHECK_STR(str_at(j, "date_precision"), "DAY");
	CHECK_STR(str_at(j, "temporality"), "RECENT");
	CHECK_STR(str_at(j, "article_published_at"), "2018-11-17T15:00:00.000Z");
	CHECK_STR(str_at(j, "processed_at"), "2018-11-17T15:00:00.250Z");
	CHECK_STR(str_at(json_object_get(j, "actor1"), "type"), "REBEL_GROUP");
	CHECK_STR(str_at(json_object_get(j, "actor2"), "type"), "STATE_FORCES");
	CHECK_STR(str_at(j, "extractor_version"), CONFLICTD_EXTRACTOR_VERSION);
	json_decref(j);
}

static void json_absent_optionals_are_null(void)
{
	struct conflict_event ev;
	sample(&ev);
	json_t *j = render(&ev, EVENT_JSON_COMPACT);
	if (!j)
		return;
	CHECK(json_is_null(json_object_get(j, "article_url")));
	CHECK(json_is_null(json_object_get(json_object_get(j, "actor1"), "country_code")));
	CHECK_STR(str_at(json_object_get(j, "actor2"), "country_code"), "BF");
	json_t *loc = json_object_get(j, "location");
	CHECK(json_is_null(json_object_get(loc, "admin2")));
	CHECK(json_is_null(json_object_get(loc, "gazetteer_id")));
	json_t *f = json_object_get(j, "fatalities");
	CHECK(json_is_null(json_object_get(f, "civilians")));
	CHECK(json_is_null(json_object_get(f, "children")));
	CHECK(json_is_true(json_object_get(f, "imputed")));
	CHECK_INT(json_integer_value(json_object_get(f, "best")), 12);
	json_decref(j);

	struct conflict_event empty;
	event_init(&empty);
	j = render(&empty, EVENT_JSON_COMPACT);
	if (!j)
		return;
	CHECK(json_is_null(json_object_get(j, "actor1")));
	CHECK(json_is_null(json_object_get(j, "actor2")));
	CHECK(json_is_null(json_object_get(j, "location")));
	CHECK(json_is_null(json_object_get(j, "event_date")));
	CHECK(json_is_null(json_object_get(j, "language")));
	CHECK(json_is_null(json_object_get(j, "article_published_at")));
	CHECK_STR(str_at(j, "date_precision"), "UNKNOWN");
	CHECK_INT(json_array_size(json_object_get(j, "evidence")), 0);
	CHECK_INT(json_array_size(json_object_get(j, "associated_actors")), 0);
	json_decref(j);
}

static void json_location_without_coordinates_has_null_lat_lon(void)
{
	struct conflict_event ev;
	sample(&ev);
	ev.location.has_coordinates = false;
	json_t *j = render(&ev, EVENT_JSON_COMPACT);
	if (!j)
		return;
	json_t *loc = json_object_get(j, "location");
	CHECK(json_is_null(json_object_get(loc, "latitude")));
	CHECK(json_is_null(json_object_get(loc, "longitude")));
	CHECK_INT(json_integer_value(json_object_get(loc, "geo_precision")), 2);
	json_decref(j);

	sample(&ev);
	j = render(&ev, EVENT_JSON_COMPACT);
	loc = json_object_get(j, "location");
	CHECK_NEAR(json_real_value(json_object_get(loc, "latitude")), 14.0354, 1e-12);
	CHECK_NEAR(json_real_value(json_object_get(loc, "longitude")), -0.0345, 1e-12);
	json_decref(j);
}

static void json_confidence_prints_short(void)
{
	struct conflict_event ev;
	sample(&ev);
	char *s = event_to_json(&ev, EVENT_JSON_COMPACT);
	CHECK(s && strstr(s, "\"confidence\":0.87,") != NULL);
	CHECK(s && strstr(s, "\"latitude\":14.0354,") != NULL);
	free(s);
}

static void json_evidence_is_spans_with_text(void)
{
	struct conflict_event ev;
	sample(&ev);
	/* The second span is a slice of the body: its text stops at end. */
	ev.evidence[1].start = 10;
	ev.evidence[1].end = 26;
	ev.evidence[1].text = body + 10;
	ev.evidence[2].start = 0;
	ev.evidence[2].end = 8;
	ev.evidence[2].text = "\"Quoted\" word";
	ev.n_evidence = 3;
	event_strlcpy(ev.reported_by[0], "Agence d'Information du Burkina", EVENT_NAME_MAX);
	ev.n_reported_by = 1;
	json_t *j = render(&ev, EVENT_JSON_COMPACT);
	if (!j)
		return;
	json_t *e = json_object_get(j, "evidence");
	CHECK_INT(json_array_size(e), 3);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(e, 0), "start")), 0);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(e, 0), "end")), sizeof(body) - 1);
	CHECK_STR(str_at(json_array_get(e, 0), "text"), body);
	CHECK_STR(str_at(json_array_get(e, 1), "text"), "stormed a police");
	CHECK_STR(str_at(json_array_get(e, 2), "text"), "\"Quoted\"");
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "reported_by"), 0)),
	          "Agence d'Information du Burkina");
	json_decref(j);
}

static void json_tally_and_negative_timestamp_render(void)
{
	struct conflict_event ev;
	sample(&ev);
	ev.record_kind = RECORD_CASUALTY_TALLY;
	ev.processed_at_ms = -1; /* one millisecond before the epoch */
	json_t *j = render(&ev, EVENT_JSON_COMPACT);
	if (!j)
		return;
	CHECK_STR(str_at(j, "record_kind"), "CASUALTY_TALLY");
	CHECK_STR(str_at(j, "processed_at"), "1969-12-31T23:59:59.999Z");
	json_decref(j);
}

static void json_invalid_utf8_is_repaired_not_dropped(void)
{
	struct conflict_event ev;
	sample(&ev);
	event_strlcpy(ev.actor1.mention, "Ansarul Isl\xc3",
	              sizeof(ev.actor1.mention)); /* cut mid-character */
	event_strlcpy(ev.location.name, "D\xffri", sizeof(ev.location.name));
	json_t *j = render(&ev, EVENT_JSON_COMPACT);
	if (!j)
		return;
	CHECK_STR(str_at(json_object_get(j, "actor1"), "mention"), "Ansarul Isl");
	CHECK_STR(str_at(json_object_get(j, "location"), "name"), "D\xef\xbf\xbdri");
	json_decref(j);
}

static void json_non_finite_numbers_render_as_null(void)
{
	struct conflict_event ev;
	sample(&ev);
	ev.location.latitude = NAN;
	ev.confidence = INFINITY;
	json_t *j = render(&ev, EVENT_JSON_COMPACT);
	if (!j)
		return;
	CHECK(json_is_null(json_object_get(json_object_get(j, "location"), "latitude")));
	CHECK(json_is_real(json_object_get(json_object_get(j, "location"), "longitude")));
	CHECK(json_is_null(json_object_get(j, "confidence")));
	json_decref(j);
}

static void json_pretty_is_indented_and_equal(void)
{
	struct conflict_event ev;
	sample(&ev);
	char *p = event_to_json(&ev, EVENT_JSON_PRETTY);
	CHECK(p && strstr(p, "\n  \"event_id\"") != NULL);
	json_t *a = render(&ev, EVENT_JSON_COMPACT);
	json_t *b = p ? json_loads(p, 0, NULL) : NULL;
	CHECK(a && b && json_equal(a, b));
	json_decref(a);
	json_decref(b);
	free(p);
}

int main(void)
{
	RUN(json_has_every_schema_field_in_order);
	RUN(json_enums_are_symbols_and_dates_are_iso);
	RUN(json_absent_optionals_are_null);
	RUN(json_location_without_coordinates_has_null_lat_lon);
	RUN(json_confidence_prints_short);
	RUN(json_evidence_is_spans_with_text);
	RUN(json_tally_and_negative_timestamp_render);
	RUN(json_invalid_utf8_is_repaired_not_dropped);
	RUN(json_non_finite_numbers_render_as_null);
	RUN(json_pretty_is_indented_and_equal);
	TEST_DONE();
}
