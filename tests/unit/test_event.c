/* test_event.c - enum names, dates and stable event ids. */
#include "event.h"
#include "test.h"

static void event_enum_names_round_trip(void)
{
	for (int i = 0; i < SUB_EVENT_TYPE_COUNT; i++)
		CHECK_INT(sub_event_type_parse(sub_event_type_name((enum sub_event_type)i)), i);
	for (int i = 0; i < ACTOR_TYPE_COUNT; i++)
		CHECK_INT(actor_type_parse(actor_type_name((enum actor_type)i)), i);
	CHECK_STR(sub_event_type_name(SUB_AIR_DRONE_STRIKE), "AIR_DRONE_STRIKE");
	CHECK(sub_event_type_name(SUB_EVENT_TYPE_COUNT) == NULL);
	CHECK_INT(event_type_parse("NOPE"), -1);
}

static void event_sub_types_belong_to_acled_parents(void)
{
	CHECK_INT(sub_event_type_parent(SUB_GOVERNMENT_REGAINS_TERRITORY), EVENT_BATTLES);
	CHECK_INT(sub_event_type_parent(SUB_GRENADE), EVENT_EXPLOSIONS_REMOTE_VIOLENCE);
	CHECK_INT(sub_event_type_parent(SUB_ABDUCTION_FORCED_DISAPPEARANCE),
	          EVENT_VIOLENCE_AGAINST_CIVILIANS);
	CHECK_INT(sub_event_type_parent(SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS), EVENT_PROTESTS);
	CHECK_INT(sub_event_type_parent(SUB_MOB_VIOLENCE), EVENT_RIOTS);
	CHECK_INT(sub_event_type_parent(SUB_OTHER), EVENT_STRATEGIC_DEVELOPMENTS);
}

static void event_days_match_the_calendar(void)
{
	CHECK_INT(event_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(event_days_from_civil(2018, 11, 17), 17852);
	CHECK_INT(event_days_from_civil(2000, 3, 1), 11017);
	int y;
	unsigned m, d;
	event_civil_from_days(17852, &y, &m, &d);
	CHECK_INT(y, 2018);
	CHECK_INT(m, 11);
	CHECK_INT(d, 17);
	event_civil_from_days(-1, &y, &m, &d);
	CHECK_INT(y, 1969);
	CHECK_INT(m, 12);
	CHECK_INT(d, 31);
}

static void event_id_is_stable_and_identity_sensitive(void)
{
	struct conflict_event a, b;
	event_init(&a);
	event_strlcpy(a.article_id, "afp-1", sizeof(a.article_id));
	a.event_type = EVENT_BATTLES;
	a.sub_event_type = SUB_ARMED_CLASH;
	a.has_event_date = true;
	a.event_date = 17852;
	b = a;
	event_make_id(&a, 0);
	event_make_id(&b, 0);
	CHECK_STR(a.event_id, b.event_id);
	CHECK_INT(strlen(a.event_id), 32);
	b.event_date++;
	event_make_id(&b, 0);
	CHECK(strcmp(a.event_id, b.event_id) != 0);
	b.event_date--;
	event_make_id(&b, 1);
	CHECK(strcmp(a.event_id, b.event_id) != 0);
}

/* Ids are what consumers de-duplicate by: the same event keeps its id
 * across versions.  The values were computed by the first implementation
 * (snprintf "%d", "%u" and "%016llx"). */
static void event_id_values_are_pinned(void)
{
	struct conflict_event e;
	event_init(&e);
	event_strlcpy(e.article_id, "afp-1", sizeof(e.article_id));
	e.event_type = EVENT_BATTLES;
	e.sub_event_type = SUB_ARMED_CLASH;
	e.has_event_date = true;
	e.event_date = 17852;
	event_make_id(&e, 0);
	CHECK_STR(e.event_id, "67a355549153435bf60a5300d3bcccf1");
	e.event_date = -3653; /* 1960 */
	event_make_id(&e, 10);
	CHECK_STR(e.event_id, "5ea9119311039359cc30d1b57c0c85f0");
	e.has_event_date = false;
	e.location.present = true;
	event_strlcpy(e.location.name, "Gao", sizeof(e.location.name));
	event_strlcpy(e.location.country_code, "ML", sizeof(e.location.country_code));
	event_make_id(&e, 4294967295u);
	CHECK_STR(e.event_id, "2a91ed65671d689f4613b52beb139a0a");
}

static void event_strlcpy_truncates_and_terminates(void)
{
	char buf[4];
	CHECK_INT(event_strlcpy(buf, "abcdef", sizeof(buf)), 6);
	CHECK_STR(buf, "abc");
	CHECK_INT(event_strlcpy(buf, NULL, sizeof(buf)), 0);
	CHECK_STR(buf, "");
}

static void event_utf8_rejects_overlongs_surrogates_and_cuts(void)
{
	CHECK_INT((int)event_utf8_seq("A", 1), 1);
	CHECK_INT((int)event_utf8_seq("\xc3\xa9", 2), 2);         /* e-acute */
	CHECK_INT((int)event_utf8_seq("\xf0\x9f\x92\xa5", 4), 4); /* U+1F4A5 */
	CHECK_INT((int)event_utf8_seq("\xc0\xaf", 2), 0);         /* overlong '/' */
	CHECK_INT((int)event_utf8_seq("\xed\xa0\x80", 3), 0);     /* surrogate */
	CHECK_INT((int)event_utf8_seq("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	CHECK_INT((int)event_utf8_seq("\xc3\xa9", 1), 0);         /* cut */
	CHECK_INT((int)event_utf8_span("Gao\xc3", 4), 3);
	CHECK_INT((int)event_utf8_span("Kidal", 5), 5);
}

static void event_utf8_repair_replaces_bad_bytes_and_drops_a_cut_tail(void)
{
	char out[64];
	size_t n = event_utf8_repair(out, "Mopti\xffTown", 10);
	CHECK_STR(out, "Mopti\xef\xbf\xbdTown");
	CHECK_INT((int)n, 12);
	n = event_utf8_repair(out, "S\xc3\xa9gou\xc3", 7);
	CHECK_STR(out, "S\xc3\xa9gou");
	CHECK_INT((int)n, 6);
}

int main(void)
{
	RUN(event_enum_names_round_trip);
	RUN(event_sub_types_belong_to_acled_parents);
	RUN(event_days_match_the_calendar);
	RUN(event_id_is_stable_and_identity_sensitive);
	RUN(event_id_values_are_pinned);
	RUN(event_strlcpy_truncates_and_terminates);
	RUN(event_utf8_rejects_overlongs_surrogates_and_cuts);
	RUN(event_utf8_repair_replaces_bad_bytes_and_drops_a_cut_tail);
	TEST_DONE();
}
