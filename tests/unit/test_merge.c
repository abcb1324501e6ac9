/* test_merge.c - frames of one article -> distinct events. */
#include <string.h>

#include "extract/merge.h"
#include "test.h"

static struct frame mk(uint32_t sent, enum sub_event_type sub, int prio, int day, int place)
{
	struct frame f;
	memset(&f, 0, sizeof f);
	f.role = FRAME_EVENT;
	f.sub = sub;
	f.priority = prio;
	f.sent = sent;
	f.start = sent * 100;
	f.end = sent * 100 + 90;
	f.fat.civilians = f.fat.children = -1;
	if (day) {
		f.has_date = true;
		f.day = day;
		f.date_precision = DATE_PRECISION_DAY;
	}
	if (place) {
		f.has_place = true;
		f.place_id = (uint32_t)place;
		f.geo_precision = 1;
		f.place_kind = GAZ_POPULATED;
	}
	return f;
}

static void merge_same_strikes_told_twice_is_one_event_with_both_sentences(void)
{
	struct frame f[2] = {mk(0, SUB_AIR_DRONE_STRIKE, 80, 100, 0),
	                     mk(3, SUB_AIR_DRONE_STRIKE, 80, 100, 7)};
	f[0].has_deaths = true;
	f[0].fat.best = 12;
	f[0].fat.imputed = true; /* "dozens" */
	f[1].has_deaths = true;
	f[1].fat.best = 43;
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_INT((int)m[0].n_sent, 2);
	CHECK_INT(m[0].f.fat.best, 43);
	CHECK(!m[0].f.fat.imputed);
	CHECK(m[0].f.has_place);
}

/* "Militants attacked the village ..." then "The gunmen, members of
 * ISWAP, ...": the group the later sentence names replaces the generic
 * actor of the same type; a generic actor never replaces a named one. */
static void merge_named_group_outranks_a_generic_actor_of_its_type(void)
{
	struct frame f[2] = {mk(0, SUB_ATTACK, 80, 100, 7), mk(1, SUB_ATTACK, 70, 100, 0)};
	f[0].actor1.present = f[1].actor1.present = true;
	f[0].actor1.type = f[1].actor1.type = ACTOR_REBEL_GROUP;
	strcpy(f[0].actor1.name, "Unidentified Rebel Group");
	f[0].actor1_flags = ACTOR_F_GENERIC;
	strcpy(f[1].actor1.name, "ISWAP: Islamic State West Africa Province");
	f[0].actor1_sure = f[1].actor1_sure = true;
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_STR(m[0].f.actor1.name, "ISWAP: Islamic State West Africa Province");
	/* the other way round the named group stays */
	struct frame g[2] = {f[1], f[0]};
	g[0].sent = 0;
	g[1].sent = 1;
	n = merge_frames(NULL, g, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_STR(m[0].f.actor1.name, "ISWAP: Islamic State West Africa Province");
}

static void merge_different_days_stay_distinct(void)
{
	struct frame f[2] = {mk(0, SUB_ARMED_CLASH, 60, 100, 5), mk(1, SUB_ARMED_CLASH, 60, 101, 5)};
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 2);
}

static void merge_different_places_stay_distinct(void)
{
	struct frame f[2] = {mk(0, SUB_ARMED_CLASH, 60, 100, 5), mk(1, SUB_ARMED_CLASH, 60, 100, 6)};
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 2);
}

static void merge_one_event_per_day_and_place_across_types(void)
{
	struct frame f[2] = {mk(0, SUB_PEACEFUL_PROTEST, 50, 100, 5),
	                     mk(1, SUB_PROTEST_WITH_INTERVENTION, 66, 100, 5)};
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 1);
	CHECK_INT(m[0].f.sub, SUB_PROTEST_WITH_INTERVENTION);
}

static void merge_tally_never_joins_an_event(void)
{
	struct frame f[2] = {mk(0, SUB_AIR_DRONE_STRIKE, 80, 100, 5), mk(1, SUB_AIR_DRONE_STRIKE, 80, 0, 0)};
	f[1].role = FRAME_TALLY;
	f[1].has_deaths = true;
	f[1].fat.best = 234;
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 2);
	CHECK_INT(m[0].f.fat.best, 0);
	CHECK_INT(m[1].f.role, FRAME_TALLY);
}

static void merge_dispute_marks_the_event_and_adds_no_event(void)
{
	struct frame f[3] = {mk(0, SUB_AIR_DRONE_STRIKE, 80, 100, 5), mk(1, SUB_ARMED_CLASH, 60, 100, 9),
	                     mk(2, SUB_AIR_DRONE_STRIKE, 66, 0, 0)};
	f[2].role = FRAME_ATTACH;
	f[2].disputes = true;
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 3, m, 4);
	CHECK_INT((int)n, 2);
	CHECK(m[0].f.disputes);
	CHECK(!m[1].f.disputes);
}

static void merge_attach_without_event_is_dropped(void)
{
	struct frame f[1] = {mk(0, SUB_ATTACK, 40, 0, 0)};
	f[0].role = FRAME_ATTACH;
	struct merged m[2];
	CHECK_INT((int)merge_frames(NULL, f, 1, m, 2), 0);
}

static void merge_protest_then_destruction_is_a_violent_demonstration(void)
{
	struct frame f[2] = {mk(0, SUB_PEACEFUL_PROTEST, 50, 100, 5),
	                     mk(1, SUB_LOOTING_PROPERTY_DESTRUCTION, 50, 100, 0)};
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 1);
	CHECK_INT(m[0].f.sub, SUB_VIOLENT_DEMONSTRATION);
}

static void merge_crowd_event_keeps_its_type_beside_a_stronger_trigger(void)
{
	/* Same day and place: one event; a protest does not become an air strike. */
	struct frame f[2] = {mk(0, SUB_PEACEFUL_PROTEST, 50, 100, 5),
	                     mk(1, SUB_AIR_DRONE_STRIKE, 80, 100, 5)};
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 1);
	CHECK_INT(m[0].f.sub, SUB_PEACEFUL_PROTEST);
}

static void merge_grenade_answered_with_fire_is_a_clash(void)
{
	struct frame f[2] = {mk(0, SUB_GRENADE, 76, 100, 5), mk(1, SUB_ARMED_CLASH, 74, 100, 0)};
	f[1].lex_flags = LEX_F_REPLY; /* "soldiers reacted with gunfire" */
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 1);
	CHECK_INT(m[0].f.sub, SUB_ARMED_CLASH);
	/* Without return fire, a clash told next is another event. */
	f[1].lex_flags = 0;
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 2);
	CHECK_INT(m[0].f.sub, SUB_GRENADE);
}

static void merge_territory_retold_with_only_a_province_is_the_same_change(void)
{
	struct frame f[2] = {mk(0, SUB_GOVERNMENT_REGAINS_TERRITORY, 78, 100, 5),
	                     mk(2, SUB_GOVERNMENT_REGAINS_TERRITORY, 78, 100, 9)};
	f[1].geo_precision = 3;
	f[1].place_kind = GAZ_ADMIN1;
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 1);
	CHECK_INT((int)m[0].f.place_id, 5);
	/* Two towns retaken the same day stay two events. */
	struct frame g[2] = {mk(0, SUB_GOVERNMENT_REGAINS_TERRITORY, 78, 100, 5),
	                     mk(2, SUB_GOVERNMENT_REGAINS_TERRITORY, 78, 100, 9)};
	CHECK_INT((int)merge_frames(NULL, g, 2, m, 4), 2);
}

static void merge_placeless_detail_in_the_next_sentence_joins_the_event(void)
{
	/* "Rebels ambushed a convoy near X on Tuesday, killing 14 soldiers."
	 * "The insurgents fired rockets as the convoy returned." */
	struct frame f[2] = {mk(0, SUB_ARMED_CLASH, 61, 100, 5),
	                     mk(1, SUB_SHELLING_ARTILLERY_MISSILE_ATTACK, 75, 100, 0)};
	f[0].actor1.present = true;
	strcpy(f[0].actor1.name, "JAS: Boko Haram");
	f[0].has_deaths = true;
	f[0].fat.best = 14;
	f[1].actor1.present = true;
	strcpy(f[1].actor1.name, "Unidentified Rebel Group");
	f[1].actor1_flags = ACTOR_F_GENERIC;
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_INT(m[0].f.sub, SUB_ARMED_CLASH); /* the detail does not recode the event */
	CHECK_STR(m[0].f.actor1.name, "JAS: Boko Haram");
	CHECK_INT((int)m[0].n_sent, 2);
}

static void merge_detail_with_its_own_place_or_named_agent_stays_apart(void)
{
	struct frame f[2] = {mk(0, SUB_ARMED_CLASH, 61, 100, 5), mk(1, SUB_ATTACK, 60, 100, 6)};
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 2);
	struct frame g[2] = {mk(0, SUB_ARMED_CLASH, 61, 100, 5), mk(1, SUB_ATTACK, 60, 100, 0)};
	g[1].actor1.present = true;
	strcpy(g[1].actor1.name, "Islamic State");
	CHECK_INT((int)merge_frames(NULL, g, 2, m, 4), 2);
	/* two sentences on, it is no longer a detail */
	struct frame h[2] = {mk(0, SUB_ARMED_CLASH, 61, 100, 5), mk(2, SUB_ATTACK, 60, 0, 0)};
	h[1].actor1.present = true;
	strcpy(h[1].actor1.name, "Unidentified Armed Group");
	h[1].actor1_flags = ACTOR_F_GENERIC;
	CHECK_INT((int)merge_frames(NULL, h, 2, m, 4), 2);
}

static void merge_protest_turning_violent_next_sentence_is_one_violent_demonstration(void)
{
	/* "Thousands marched in X on Friday." "Some threw stones at the police." */
	struct frame f[2] = {mk(0, SUB_PEACEFUL_PROTEST, 50, 100, 5),
	                     mk(1, SUB_VIOLENT_DEMONSTRATION, 70, 100, 0)};
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 1);
	CHECK_INT(m[0].f.sub, SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT((int)m[0].n_sent, 2);
	/* rioters the police then disperse are still rioters */
	struct frame g[2] = {mk(0, SUB_VIOLENT_DEMONSTRATION, 60, 100, 5),
	                     mk(1, SUB_PROTEST_WITH_INTERVENTION, 66, 100, 0)};
	CHECK_INT((int)merge_frames(NULL, g, 2, m, 4), 1);
	CHECK_INT(m[0].f.sub, SUB_VIOLENT_DEMONSTRATION);
}

static void merge_riot_only_looked_back_at_does_not_recode_the_protest(void)
{
	/* "Residents banged pots in X." "... after the riots in the prisons." */
	struct frame f[2] = {mk(0, SUB_PEACEFUL_PROTEST, 50, 100, 5),
	                     mk(1, SUB_VIOLENT_DEMONSTRATION, 64, 100, 0)};
	f[1].coref = true;
	struct merged m[4];
	CHECK_INT((int)merge_frames(NULL, f, 2, m, 4), 1);
	CHECK_INT(m[0].f.sub, SUB_PEACEFUL_PROTEST);
	/* a crowd event with its own place elsewhere stays apart */
	struct frame g[2] = {mk(0, SUB_PEACEFUL_PROTEST, 50, 100, 5),
	                     mk(1, SUB_VIOLENT_DEMONSTRATION, 64, 100, 6)};
	CHECK_INT((int)merge_frames(NULL, g, 2, m, 4), 2);
}

static void merge_mention_dated_in_another_year_adds_to_no_event(void)
{
	/* "... on Tuesday. In 2014, IS seized large parts of Iraq. The group
	 * also killed hundreds of Yazidis." */
	struct frame f[2] = {mk(0, SUB_ATTACK, 60, 18387, 5), mk(2, SUB_ATTACK, 40, 16071, 0)};
	f[1].role = FRAME_ATTACH;
	f[1].date_precision = DATE_PRECISION_YEAR;
	f[1].has_deaths = true;
	f[1].fat.best = 100;
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_INT((int)m[0].n_sent, 1);
	CHECK(!m[0].f.has_deaths);
	/* the same mention undated or dated that day still adds its dead */
	f[1].day = 18387;
	f[1].date_precision = DATE_PRECISION_DAY;
	n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_INT((int)m[0].n_sent, 2);
	CHECK(m[0].f.has_deaths);
}

static void merge_police_arrests_right_after_a_protest_are_its_intervention(void)
{
	struct frame f[2] = {mk(0, SUB_PEACEFUL_PROTEST, 50, 100, 5), mk(1, SUB_ARRESTS, 45, 100, 0)};
	f[1].actor1.present = true;
	f[1].actor1.type = ACTOR_STATE_FORCES;
	strcpy(f[1].actor1.name, "Police Forces");
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_INT(m[0].f.sub, SUB_PROTEST_WITH_INTERVENTION);
	CHECK(m[0].f.actor2.present);
	/* "He was arrested in a graft case": no agent, the protest's grievance */
	f[1].actor1.present = false;
	n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 2);
	CHECK_INT(m[0].f.sub, SUB_PEACEFUL_PROTEST);
}

/* "Rebels raided the post. 5 guards were killed.": a weak mention with a
 * stated number is the toll of the event told before, even one without
 * dead; "those killed" (no number) only refers to an event with dead. */
static void merge_stated_toll_in_a_weak_mention_joins_the_event_before(void)
{
	struct frame f[2] = {mk(0, SUB_ARMED_CLASH, 70, 100, 5), mk(1, SUB_ARMED_CLASH, 38, 100, 0)};
	f[1].role = FRAME_ATTACH;
	f[1].lex_flags = LEX_F_WEAK;
	f[1].has_deaths = true;
	f[1].fat.best = f[1].fat.low = f[1].fat.high = 5;
	struct merged m[4];
	size_t n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_INT((int)m[0].n_sent, 2);
	CHECK(m[0].f.has_deaths);
	CHECK_INT(m[0].f.fat.best, 5);
	/* an imputed count ("killed", no number) still needs an event with dead */
	f[1].fat.imputed = true;
	f[1].fat.best = f[1].fat.low = f[1].fat.high = 3;
	n = merge_frames(NULL, f, 2, m, 4);
	CHECK_INT((int)n, 1);
	CHECK_INT((int)m[0].n_sent, 1);
	CHECK(!m[0].f.has_deaths);
}

int main(void)
{
	RUN(merge_same_strikes_told_twice_is_one_event_with_both_sentences);
	RUN(merge_named_group_outranks_a_generic_actor_of_its_type);
	RUN(merge_different_days_stay_distinct);
	RUN(merge_different_places_stay_distinct);
	RUN(merge_one_event_per_day_and_place_across_types);
	RUN(merge_tally_never_joins_an_event);
	RUN(merge_dispute_marks_the_event_and_adds_no_event);
	RUN(merge_attach_without_event_is_dropped);
	RUN(merge_protest_then_destruction_is_a_violent_demonstration);
	RUN(merge_crowd_event_keeps_its_type_beside_a_stronger_trigger);
	RUN(merge_grenade_answered_with_fire_is_a_clash);
	RUN(merge_territory_retold_with_only_a_province_is_the_same_change);
	RUN(merge_placeless_detail_in_the_next_sentence_joins_the_event);
	RUN(merge_detail_with_its_own_place_or_named_agent_stays_apart);
	RUN(merge_protest_turning_violent_next_sentence_is_one_violent_demonstration);
	RUN(merge_riot_only_looked_back_at_does_not_recode_the_protest);
	RUN(merge_mention_dated_in_another_year_adds_to_no_event);
	RUN(merge_police_arrests_right_after_a_protest_are_its_intervention);
	RUN(merge_stated_toll_in_a_weak_mention_joins_the_event_before);
	TEST_DONE();
}
