/*
 * sample_event.h - one builder for the full, realistic events the codec,
 * schema-evolution and JSON tests encode: each test describes its event in
 * a struct sample_spec and sample_event() fills a conflict_event from it.
 *
 * sample_check_head_eq() checks two events agree on the fields from event_id
 * to temporality, which both the full and the schema-v1 comparisons check.
 *
 * Every sample is a dated (day precision), located event with coordinates,
 * language "en", and one evidence span that is all of spec->body.
 */
#ifndef CONFLICTD_TEST_SAMPLE_EVENT_H
#define CONFLICTD_TEST_SAMPLE_EVENT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "event.h"
#include "test.h"

struct sample_actor {
	const char *name; /* NULL: the actor is absent */
	const char *mention;
	enum actor_type type;
	const char *country_code; /* NULL or "": unknown */
};

struct sample_spec {
	const char *article_id;
	const char *article_url; /* NULL: absent */
	const char *source_name;
	int64_t published_at_ms;
	int64_t processed_at_ms;
	enum event_type event_type;
	enum sub_event_type sub_event_type;
	int year;
	unsigned month, day;
	enum temporality temporality;
	struct sample_actor actor1, actor2;
	struct sample_actor associated[2]; /* the first n with a name */
	const char *place, *admin1, *admin2, *country, *country_code, *gazetteer_id;
	double latitude, longitude;
	int geo_precision;
	struct event_fatalities fatalities; /* in full: civilians/children -1 when not stated */
	const char *reported_by[2];         /* the first n that are not NULL */
	bool disputed;
	float confidence;
	const char *body;  /* the article text the evidence span covers */
	const char *topic; /* provenance when not NULL */
	int32_t partition;
	int64_t offset;
};

static inline void sample_actor_set(struct event_actor *a, const struct sample_actor *s)
{
	a->present = true;
	event_strlcpy(a->name, s->name, sizeof(a->name));
	event_strlcpy(a->mention, s->mention, sizeof(a->mention));
	a->type = s->type;
	event_strlcpy(a->country_code, s->country_code, sizeof(a->country_code));
}

static inline void sample_event(struct conflict_event *ev, const struct sample_spec *s)
{
	event_init(ev);
	event_strlcpy(ev->article_id, s->article_id, sizeof(ev->article_id));
	event_strlcpy(ev->article_url, s->article_url, sizeof(ev->article_url));
	event_strlcpy(ev->source_name, s->source_name, sizeof(ev->source_name));
	ev->article_published_at_ms = s->published_at_ms;
	ev->processed_at_ms = s->processed_at_ms;
	ev->record_kind = RECORD_EVENT;
	ev->event_type = s->event_type;
	ev->sub_event_type = s->sub_event_type;
	ev->has_event_date = true;
	ev->event_date = event_days_from_civil(s->year, s->month, s->day);
	ev->date_precision = DATE_PRECISION_DAY;
	ev->temporality = s->temporality;
	if (s->actor1.name)
		sample_actor_set(&ev->actor1, &s->actor1);
	if (s->actor2.name)
		sample_actor_set(&ev->actor2, &s->actor2);
	for (size_t i = 0; i < 2 && s->associated[i].name; i++)
		sample_actor_set(&ev->associated[ev->n_associated++], &s->associated[i]);
	ev->location.present = true;
	event_strlcpy(ev->location.name, s->place, sizeof(ev->location.name));
	event_strlcpy(ev->location.admin1, s->admin1, sizeof(ev->location.admin1));
	event_strlcpy(ev->location.admin2, s->admin2, sizeof(ev->location.admin2));
	event_strlcpy(ev->location.country, s->country, sizeof(ev->location.country));
	event_strlcpy(ev->location.country_code, s->country_code, sizeof(ev->location.country_code));
	ev->location.has_coordinates = true;
	ev->location.latitude = s->latitude;
	ev->location.longitude = s->longitude;
	ev->location.geo_precision = s->geo_precision;
	event_strlcpy(ev->location.gazetteer_id, s->gazetteer_id, sizeof(ev->location.gazetteer_id));
	ev->fatalities = s->fatalities;
	for (size_t i = 0; i < 2 && s->reported_by[i]; i++)
		event_strlcpy(ev->reported_by[ev->n_reported_by++], s->reported_by[i], EVENT_NAME_MAX);
	ev->disputed = s->disputed;
	ev->confidence = s->confidence;
	ev->evidence[0].start = 0;
	ev->evidence[0].end = (uint32_t)strlen(s->body);
	ev->evidence[0].text = s->body;
	ev->n_evidence = 1;
	event_strlcpy(ev->language, "en", sizeof(ev->language));
	if (s->topic)
		event_set_provenance(ev, s->topic, s->partition, s->offset);
	event_make_id(ev, 0);
}

/* Check that a and b agree on the record's head, the fields every schema
 * version has in common from event_id to temporality. */
static inline void sample_check_head_eq(const struct conflict_event *a, const struct conflict_event *b)
{
	CHECK_STR(a->event_id, b->event_id);
	CHECK_STR(a->article_id, b->article_id);
	CHECK_STR(a->article_url, b->article_url);
	CHECK_STR(a->source_name, b->source_name);
	CHECK_INT(a->article_published_at_ms, b->article_published_at_ms);
	CHECK_INT(a->processed_at_ms, b->processed_at_ms);
	CHECK_INT(a->record_kind, b->record_kind);
	CHECK_INT(a->event_type, b->event_type);
	CHECK_INT(a->sub_event_type, b->sub_event_type);
	CHECK_INT(a->has_event_date, b->has_event_date);
	CHECK_INT(a->event_date, b->event_date);
	CHECK_INT(a->date_precision, b->date_precision);
	CHECK_INT(a->temporality, b->temporality);
}

#endif
