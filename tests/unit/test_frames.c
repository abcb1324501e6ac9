/* test_frames.c - one sentence -> frames: triggers, negation, dead, tallies. */
#include <stdio.h>
#include <string.h>

#include "extract/frames.h"
#include "extract/lexicon.h"
#include "test.h"

static struct lexicon *lex;
static struct frames_scratch sc;
static const int64_t pub_ms = 1542466800000LL; /* Sat 17 Nov 2018 15:00 UTC */

static size_t frames_of(const char *s, struct frame *out, size_t max)
{
	struct frames_env env = {.lex = lex, .published_at_ms = pub_ms};
	return frames_sentence(&env, &sc, s, 0, (uint32_t)strlen(s), 0, out, max);
}

static void frames_air_strikes_with_number_of_dead(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Warplanes carried out air strikes on the village on Friday, killing 12 people.", f, 4);
	CHECK_INT((int)n, 1);
	if (n < 1)
		return;
	CHECK_INT(f[0].sub, SUB_AIR_DRONE_STRIKE);
	CHECK_INT(f[0].role, FRAME_EVENT);
	CHECK_INT(f[0].fat.best, 12);
	CHECK(!f[0].fat.imputed);
	CHECK(f[0].has_date);
	CHECK_INT(f[0].day, event_days_from_civil(2018, 11, 16));
}

static void frames_wounded_are_never_counted_as_dead(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("A roadside bomb exploded near a bus, killing 3 and wounding 15 passengers.", f, 4);
	CHECK_INT((int)n, 1);
	if (n < 1)
		return;
	CHECK_INT(f[0].sub, SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
	CHECK_INT(f[0].fat.best, 3);
}

/* A count told before an apposition ("25 people, most of them militants,
 * were killed") is the toll; the counts inside it are part of it. */
static void frames_count_before_an_apposition_is_the_toll(void)
{
	static const char *const text[] = {
	    "At least 25 people, most of them militants, were killed in fighting near the town.",
	    "At least 25 people, including 18 militants and 7 soldiers, died in fighting near the town.",
	    "Twenty-five people, among them seven soldiers, died in fighting near the town.",
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		struct frame f[4];
		size_t n = frames_of(text[i], f, 4);
		CHECK_INT((int)n, 1);
		if (n < 1)
			continue;
		CHECK_INT(f[0].fat.best, 25);
		CHECK(!f[0].fat.imputed);
	}
}

/* "Two gunmen killed three villagers": the two are the killers, never
 * dead; "two gunmen were killed" and "two killed in an attack" count dead. */
static void frames_count_of_killers_is_no_toll(void)
{
	static const struct {
		const char *text;
		int best;
	} cases[] = {
	    {"Two gunmen killed three villagers in the market.", 3},
	    {"Five gunmen on motorcycles shot dead two traders in the market.", 2},
	    {"Two gunmen killed a farmer in the market.", 1},
	    {"Two gunmen were killed in the market.", 2},
	    {"Two killed in attack on the market.", 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct frame f[4];
		size_t n = frames_of(cases[i].text, f, 4);
		CHECK(n >= 1);
		if (n < 1)
			continue;
		CHECK_INT(f[0].fat.best, cases[i].best);
	}
}

/* Clashes between "two armed groups" or "rival gangs" are armed clashes;
 * between two communities, mob violence. */
static void frames_clash_of_armed_groups_is_no_mob(void)
{
	struct frame f[4];
	size_t n = frames_of("Clashes between two armed groups in the town left ten dead.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_ARMED_CLASH);
	n = frames_of("Clashes between two rival gangs in the town left five dead.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_ARMED_CLASH);
	n = frames_of("Clashes between two communities in the town left ten dead.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_MOB_VIOLENCE);
}

/* A count of dead no single event reaches, beside talks, is their
 * background and no dead of theirs (of a killing, a tally: test_extract). */
static void frames_count_no_event_reaches_is_a_toll(void)
{
	struct frame f[4];
	size_t n = frames_of("The rebels signed a peace agreement with the government to end a conflict that has "
	              "claimed 160,000 lives.",
	              f, 4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_INT(f[0].sub, SUB_AGREEMENT);
		CHECK(!f[0].has_deaths);
	}
}

/* Drones launched at a target, laden with explosives or dropping them,
 * make an air or drone strike; drones sent to watch a border do not. */
static void frames_drones_launched_at_a_target_are_a_drone_strike(void)
{
	static const char *const strike[] = {
	    "The rebels launched explosive-laden drones at the airport on Monday.",
	    "The rebels launched drones at the airport on Monday.",
	    "Cartel drones dropped explosives on police in the town.",
	};
	struct frame f[4];
	for (size_t i = 0; i < sizeof strike / sizeof strike[0]; i++) {
		size_t n = frames_of(strike[i], f, 4);
		CHECK(n >= 1);
		if (n >= 1)
			CHECK_INT(f[0].sub, SUB_AIR_DRONE_STRIKE);
	}
	size_t n = frames_of("The army launched drones to monitor the border on Monday.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].role != FRAME_EVENT);
}

/* Batons that beat a demonstrator are excessive force; a baton charge
 * that disperses a protest is an intervention. */
static void frames_baton_charge_is_an_intervention_a_beating_excessive_force(void)
{
	struct frame f[4];
	size_t n = frames_of("Police baton-charged protesting students outside the university on Monday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_PROTEST_WITH_INTERVENTION);
	n = frames_of("Police used batons to break up a demonstration by teachers on Monday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_PROTEST_WITH_INTERVENTION);
	n = frames_of("A police officer hit a female demonstrator with his baton during the protest.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
}

/* "A man suspected of cattle theft was lynched": one dead, however long
 * the phrase before "was". */
static void frames_one_victim_before_a_long_passive(void)
{
	struct frame f[4];
	size_t n = frames_of("A man suspected of cattle theft was lynched by villagers on Friday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_INT(f[0].fat.best, 1);
		CHECK(!f[0].fat.imputed);
	}
}

/* "died in a confrontation with the army": an armed clash; a
 * confrontation of protesters with police or of politicians is none. */
static void frames_armed_confrontation_is_a_clash(void)
{
	struct frame f[4];
	size_t n = frames_of("Four gang members died in a confrontation with the army on Monday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_INT(f[0].sub, SUB_ARMED_CLASH);
		CHECK_INT(f[0].fat.best, 4);
	}
	n = frames_of("The confrontation between the government and the opposition deepened.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].sub != SUB_ARMED_CLASH);
}

/* "Protesters storm parliament": a headline's present tense riots as the
 * past does; a storm of weather is no riot. */
static void frames_protesters_storming_riot_but_weather_does_not(void)
{
	struct frame f[4];
	size_t n = frames_of("Protesters storm parliament in the capital.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_VIOLENT_DEMONSTRATION);
	n = frames_of("Villagers protested in the town after a dust storm flattened their houses.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

/* "two fighters were killed on each side" is four dead; "10 dead on both
 * sides" is ten. */
static void frames_dead_on_each_side_double(void)
{
	struct frame f[4];
	size_t n = frames_of("Two fighters were killed on each side in clashes near the town.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].fat.best, 4);
	n = frames_of("Clashes left 10 dead on both sides near the town.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].fat.best, 10);
}

/* "Soldiers killed time", "the rebels killed the deal": things killed,
 * no one dead and no event. */
static void frames_killing_time_or_a_deal_is_no_event(void)
{
	struct frame f[4];
	size_t n = frames_of("Soldiers killed time playing cards at the checkpoint.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].role != FRAME_EVENT);
	n = frames_of("The rebels killed the peace deal with their new demands.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].role != FRAME_EVENT || !f[i].has_deaths);
}

static void frames_including_children_counts_children(void)
{
	struct frame f[4];
	size_t n = frames_of("Shelling killed 20 people, including 6 children, in the market.", f, 4);
	CHECK_INT((int)n, 1);
	if (n < 1)
		return;
	CHECK_INT(f[0].fat.best, 20);
	CHECK_INT(f[0].fat.children, 6);
}

/* "dozens of civilians were killed" counts people; "seventeen of those
 * killed" counts part of a set already counted. */
static void frames_vague_count_of_people_is_the_dead(void)
{
	struct frame f[4];
	size_t n = frames_of("Dozens of civilians were killed in air strikes on the market on Friday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n < 1)
		return;
	CHECK_INT(f[0].fat.best, 12);
	CHECK_INT(f[0].fat.civilians, 12);
	n = frames_of("Hundreds of people were killed when warplanes bombed the town on Friday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n >= 1)
		CHECK_INT(f[0].fat.best, 100);
}

/* A relative clause that gives the subject's record ("who have killed
 * hundreds since 2017") is neither the event's dead nor a tally of it:
 * the main verb's event keeps its own count. */
static void frames_subjects_record_in_a_relative_clause_is_no_tally(void)
{
	struct frame f[4];
	size_t n = frames_of("The insurgents, who have killed hundreds since 2017, attacked the port town on "
	                     "Friday, killing 14 people.",
	                     f, 4);
	CHECK(n >= 1);
	if (n < 1)
		return;
	CHECK_INT(f[0].role, FRAME_EVENT);
	CHECK_INT(f[0].sub, SUB_ATTACK);
	CHECK_INT(f[0].fat.best, 14);
	n = frames_of("Rebels who have killed more than 3,000 people since 2014 ambushed a convoy on Friday, "
	              "killing nine soldiers.",
	              f, 4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_INT(f[0].role, FRAME_EVENT);
		CHECK_INT(f[0].fat.best, 9);
	}
	/* the record told as the sentence's own statement stays a tally */
	n = frames_of("The rebels have killed more than 3,000 people since 2014.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].role, FRAME_TALLY);
}

/* "two soldiers and a civilian": one more person joined to a count, and
 * that person's kind is theirs alone; "and a dog" adds nobody. */
static void frames_count_and_one_more_person(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Three soldiers and a civilian were killed in the attack on the base on Friday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_INT(f[0].fat.best, 4);
		CHECK_INT(f[0].fat.civilians, 1);
	}
	n = frames_of("Gunmen killed two soldiers and a civilian at the checkpoint on Friday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].fat.best, 3);
	n = frames_of("Shelling killed 20 people, including 6 women and a child, in the market on Friday.", f,
	              4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_INT(f[0].fat.best, 20);
		CHECK_INT(f[0].fat.children, 1);
	}
	n = frames_of("Gunmen killed 12 people and a dog at the farm on Friday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].fat.best, 12);
}

/* "a 14-year-old boy was shot dead": the hyphenated age is one word
 * between "a" and the noun, so one person died (not an imputed three). */
static void frames_one_person_with_a_hyphenated_age_is_one_dead(void)
{
	struct frame f[4];
	size_t n = frames_of("A 14-year-old boy was shot dead by police at the market on Friday.", f, 4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_INT(f[0].fat.best, 1);
		CHECK(!f[0].fat.imputed);
	}
}

static void frames_unnumbered_deaths_are_imputed(void)
{
	struct frame f[4];
	size_t n = frames_of(
	    "A suicide bomber blew himself up at a checkpoint and several soldiers were killed.", f, 4);
	CHECK_INT((int)n, 1);
	if (n < 1)
		return;
	CHECK_INT(f[0].sub, SUB_SUICIDE_BOMB);
	CHECK(f[0].fat.best >= 3);
	CHECK(f[0].fat.imputed);
	n = frames_of("Mortar shells landed in the camp and people were killed.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT(f[0].fat.best, 3);
		CHECK(f[0].fat.imputed);
	}
}

static void frames_denial_and_threat_make_no_event(void)
{
	struct frame f[4];
	CHECK_INT((int)frames_of("The militia threatened to shell the town if talks failed.", f, 4), 0);
	CHECK_INT((int)frames_of("The army denied carrying out air strikes on the market.", f, 4), 0);
}

static void frames_cumulative_toll_is_a_tally(void)
{
	struct frame f[4];
	size_t n = frames_of("The war has killed more than 50,000 people since 2015.", f, 4);
	CHECK(n <= 1);
	for (size_t i = 0; i < n; i++)
		CHECK_INT(f[i].role, FRAME_TALLY);
	n = frames_of("Air raids have killed 120 civilians since March, the monitor said.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT(f[0].role, FRAME_TALLY);
		CHECK_INT(f[0].fat.best, 120);
	}
}

static void frames_two_clauses_two_events(void)
{
	struct frame f[4];
	size_t n = frames_of(
	    "Rebels clashed with soldiers at an army outpost on Saturday, as protesters marched against the "
	    "government in the capital.",
	    f, 4);
	CHECK_INT((int)n, 2);
	if (n == 2) {
		CHECK_INT(sub_event_type_parent(f[0].sub), EVENT_BATTLES);
		CHECK_INT(sub_event_type_parent(f[1].sub), EVENT_PROTESTS);
	}
}

static void frames_protest_dispersed_is_intervention(void)
{
	struct frame f[4];
	size_t n = frames_of(
	    "Police fired tear gas to disperse hundreds of students protesting fee increases.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PROTEST_WITH_INTERVENTION);
}

static void frames_reporter_from_said(void)
{
	struct frame f[4];
	size_t n = frames_of("Clashes erupted in the north, the Human Rights Monitor said.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_STR(f[0].reporter, "Human Rights Monitor");
}

static void frames_opening_date_beats_a_later_anniversary(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("On 2 May 2018, supporters of two parties clashed in the square during a march for "
	              "people killed there on 2 May 2014.",
	              f, 4);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK(f[0].has_date);
		CHECK_INT(f[0].day, event_days_from_civil(2018, 5, 2));
	}
}

static void frames_firefighters_protesting_are_not_a_firefight(void)
{
	struct frame f[4];
	size_t n = frames_of("Firefighters protested against budget cuts outside the fire station.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

static void frames_violence_in_a_protests_topic_is_not_an_event(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Hundreds of women held a sit-in outside parliament demanding tougher sentences for "
	              "rape and kidnapping.",
	              f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

static void frames_looting_with_a_beating_is_an_attack(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Militiamen looted shops in the village and beat two traders, injuring them.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ATTACK);
	n = frames_of("Militiamen looted shops and livestock in the village.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_LOOTING_PROPERTY_DESTRUCTION);
}

static void frames_arrest_before_a_planned_rally_is_an_arrest(void)
{
	struct frame f[4];
	size_t n = frames_of("Police arrested an opposition leader in the capital on Friday, a day before a "
	                     "planned rally against the president.",
	                     f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ARRESTS);
	n = frames_of("Police arrested two union leaders ahead of the protest against fuel prices.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ARRESTS);
	/* a protest that took place is still one */
	n = frames_of("Police arrested 30 people at a rally against the new mining law.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PROTEST_WITH_INTERVENTION);
}

static void frames_upcoming_rally_is_no_protest(void)
{
	struct frame f[4];
	CHECK_INT(
	    (int)frames_of("Traders prepared banners for an upcoming rally against the new levy.", f, 4), 0);
	CHECK_INT((int)frames_of("The governor met union leaders before the march against wage cuts.", f, 4),
	          0);
	CHECK_INT(
	    (int)frames_of("Nurses held a rally against wage cuts outside the hospital on Monday.", f, 4), 1);
}

static void frames_demonstrate_meaning_show_is_no_protest(void)
{
	struct frame f[4];
	CHECK_INT(
	    (int)frames_of("The raids demonstrate the resolve of the coalition to defeat the group.", f, 4),
	    0);
	CHECK_INT((int)frames_of("These shootings demonstrate a disregard for the truce.", f, 4), 0);
	size_t n = frames_of("Hundreds of students demonstrated outside parliament on Monday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

static void frames_what_should_happen_is_no_event(void)
{
	struct frame f[4];
	CHECK_INT((int)frames_of("Armed groups should stop attacking civilians in the camps.", f, 4), 0);
	CHECK_INT((int)frames_of("The envoy urges an end to the shelling of the city.", f, 4), 0);
}

static void frames_economic_agreement_is_no_conflict_agreement(void)
{
	struct frame f[4];
	CHECK_INT((int)frames_of("The two governments signed a loan agreement worth $500 million.", f, 4), 0);
	CHECK_INT((int)frames_of("Ministers reached an agreement on oil exports and revenue sharing.", f, 4),
	          0);
	size_t n = frames_of("The army and the rebels signed a ceasefire agreement on Sunday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_AGREEMENT);
}

static void frames_looted_in_a_protests_demand_is_no_riot(void)
{
	struct frame f[4];
	size_t n = frames_of("Protesters demanded the recovery of looted public funds.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

static void frames_event_after_the_riots_looks_back(void)
{
	struct frame f[4];
	size_t n = frames_of("Judges freed the inmates after the deadly riots in three prisons.", f, 4);
	CHECK((int)n >= 1);
	if (n >= 1)
		CHECK(f[0].coref);
	n = frames_of("Inmates rioted in three prisons on Monday.", f, 4);
	CHECK((int)n >= 1);
	if (n >= 1)
		CHECK(!f[0].coref);
}

static void frames_weapons_destroyed_are_the_object_not_the_event(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Near the town, one strike engaged a militant unit and destroyed a VBIED and two "
	              "mortar systems.",
	              f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_AIR_DRONE_STRIKE);
	n = frames_of("Army engineers destroyed an improvised explosive device on the road to the airport.",
	              f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_DISRUPTED_WEAPONS_USE);
	n = frames_of("Soldiers destroyed two landmines near the village.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_DISRUPTED_WEAPONS_USE);
	/* the weapon used to destroy is the means */
	n = frames_of("Militants destroyed the police post with an IED on Monday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
}

static void frames_coordinated_counts_of_dead_add_up(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Gunmen stormed the village on Monday, killing 4 soldiers and 3 civilians.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].fat.best, 7);
	n = frames_of("On Monday, 12 militants and two policemen were killed in the clashes.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].fat.best, 14);
	/* the wounded after the dead stay wounded */
	n = frames_of("Militants ambushed a patrol, killing 2 soldiers, and 6 were wounded.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].fat.best, 2);
}

static void frames_breakdown_in_parentheses_is_part_of_the_total(void)
{
	struct frame f[4];
	size_t n = frames_of(
	    "Six villagers (three men, two women and one child) were killed when a mortar shell hit "
	    "their house.",
	    f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT(f[0].fat.best, 6);
		CHECK_INT(f[0].fat.children, 1);
	}
}

static void frames_protesters_who_plan_to_march_have_not_protested(void)
{
	struct frame f[4];
	CHECK_INT((int)frames_of("Protesters plan to march on the parliament on Friday.", f, 4), 0);
	CHECK_INT((int)frames_of("Demonstrators threatened to block the main highway next week.", f, 4), 0);
	size_t n =
	    frames_of("Protesters called for the governor to resign outside his office on Monday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

static void frames_who_has_conducted_strikes_is_no_event(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Countries that have conducted air strikes in Iraq include France and Denmark.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].role != FRAME_EVENT);
	n = frames_of("Warplanes conducted air strikes on the town on Friday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].role, FRAME_EVENT);
}

static void frames_protests_that_turn_violent_are_violent_demonstrations(void)
{
	struct frame f[4];
	size_t n = frames_of("Fuel price protests in the capital turn very violent.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_VIOLENT_DEMONSTRATION);
}

/* The sub-event of the strongest frame of a sentence, or -1 when none. */
static int sub_of(const char *s)
{
	struct frame f[4];
	size_t n = frames_of(s, f, 4);
	return n ? (int)f[0].sub : -1;
}

static void frames_person_who_was_shot_was_attacked_but_not_a_film(void)
{
	CHECK_INT(sub_of("A teacher was shot outside his home in the town on Monday."), SUB_ATTACK);
	CHECK_INT(sub_of("Two brothers were shot near the river."), SUB_ATTACK);
	CHECK_INT(sub_of("The film was shot in the old town last year."), -1);
}

static void frames_bullet_that_hits_someone_is_an_attack(void)
{
	CHECK_INT(sub_of("A bullet hit and wounded a girl in her yard."), SUB_ATTACK);
	CHECK_INT(sub_of("A stray bullet killed a shopkeeper."), SUB_ATTACK);
	CHECK_INT(sub_of("The new bullet train reached the coast."), -1);
}

static void frames_hurt_by_people_is_violence_but_not_by_a_car(void)
{
	CHECK_INT(sub_of("Two traders were injured by a gang of youths in the market."), SUB_ATTACK);
	CHECK_INT(sub_of("A guard was wounded by unknown assailants."), SUB_ATTACK);
	CHECK_INT(sub_of("Two traders were injured by a car in the market."), -1);
	CHECK_INT(sub_of("A boy was injured by a stray dog."), -1);
}

static void frames_heavy_and_medium_weapons_is_shelling(void)
{
	CHECK_INT(sub_of("Rebels fired heavy and medium weapons at the eastern neighbourhood."),
	          SUB_SHELLING_ARTILLERY_MISSILE_ATTACK);
}

static void frames_factory_in_a_name_is_no_accident_cue(void)
{
	/* lower case: an accident cue; in a capitalised name: a place */
	CHECK_INT(sub_of("Rebels fired mortar shells at the Al Noor Cement Factory in the port city."),
	          SUB_SHELLING_ARTILLERY_MISSILE_ATTACK);
	CHECK_INT(sub_of("A mortar round from a factory test range exploded."), -1);
	/* a headline is all capitals: there the cue still counts */
	CHECK_INT(sub_of("Explosion Rips Through Chemical Factory In Port City"), -1);
}

static void frames_explosive_named_as_an_attack_is_deliberate(void)
{
	CHECK_INT(sub_of("Militants carried out a remote explosive attack on a textile factory."),
	          SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
	CHECK(sub_of("An explosion at a textile factory killed two workers.") !=
	      SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
}

static void frames_killings_between_groups_are_a_clash(void)
{
	CHECK_INT(sub_of("Three people died in revenge killings between two clans."), SUB_ARMED_CLASH);
}

static void frames_armed_men_storming_an_office_is_property_violence(void)
{
	CHECK_INT(sub_of("Armed men stormed the district office and took its computers."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(sub_of("Armed men stormed the district office, wounding two guards."), SUB_ATTACK);
	CHECK_INT(sub_of("Fans stormed the pitch after the final whistle."), -1);
}

static void frames_burnt_tyres_and_gatherings_to_denounce_are_protests(void)
{
	CHECK_INT(sub_of("Youths burnt tyres at the main junction."), SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT(sub_of("Journalists gathered outside the court to denounce the arrest of a colleague."),
	          SUB_PEACEFUL_PROTEST);
	CHECK_INT(sub_of("Families gathered in the square for the festival."), -1);
}

static void frames_hostilities_between_sides_are_a_clash_not_a_volcano(void)
{
	CHECK_INT(sub_of("Families fled after the eruption of hostilities between two armed clans."),
	          SUB_ARMED_CLASH);
	CHECK_INT(sub_of("The volcanic eruption forced families to flee."), -1);
	CHECK_INT(sub_of("The parties agreed to a cessation of hostilities."), SUB_AGREEMENT);
}

static void frames_acts_to_denounce_or_condemn_are_protests(void)
{
	CHECK_INT(sub_of("Shop owners closed their shutters to denounce the new tax."), SUB_PEACEFUL_PROTEST);
	CHECK_INT(sub_of("Party supporters gathered in the square and condemned the price rises."),
	          SUB_PEACEFUL_PROTEST);
	CHECK_INT(sub_of("The minister gave a speech to denounce corruption."), -1);
}

static void frames_buildings_turned_into_barracks_are_a_base(void)
{
	CHECK_INT(sub_of("The militia turned two schools into military barracks."),
	          SUB_HEADQUARTERS_OR_BASE_ESTABLISHED);
	CHECK_INT(sub_of("Soldiers converted the stadium into a military base."),
	          SUB_HEADQUARTERS_OR_BASE_ESTABLISHED);
}

static void frames_armour_arriving_and_roads_closed_change_activity(void)
{
	CHECK_INT(sub_of("A convoy carrying tanks and armoured vehicles arrived in the port."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(sub_of("The tourists arrived in the port on Monday."), -1);
	CHECK_INT(sub_of("The local authority decided to close all roads into the district."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(sub_of("The shop is close to the border."), -1);
}

static void frames_road_blocked_to_reach_a_place_is_still_a_protest(void)
{
	/* "access" only rules out "blocked access", not a purpose clause */
	CHECK_INT(sub_of("Residents blocked the highway to access the closed market."), SUB_PEACEFUL_PROTEST);
	CHECK(sub_of("Residents said soldiers blocked access to the village.") != SUB_PEACEFUL_PROTEST);
}

static void frames_forces_accused_of_beating_someone_attacked_them(void)
{
	CHECK_INT(sub_of("Soldiers at the checkpoint are accused of beating a motorcyclist."), SUB_ATTACK);
	/* a court case is about an event, not the event */
	CHECK_INT(sub_of("Two police officers accused of assaulting a vendor were convicted by the court."),
	          -1);
}

/* The sub-event type of a sentence's only frame (-1 when it has none or several). */
static int only_sub(const char *s)
{
	struct frame f[4];
	size_t n = frames_of(s, f, 4);
	return n == 1 ? (int)f[0].sub : -1;
}

static void frames_weapons_seized_or_found_are_disrupted_use(void)
{
	/* a long list of seized weapons: the grenade far from the verb is still the object */
	CHECK_INT(only_sub("Troops seized three rifles, two pistols, a rocket launcher, six boxes of "
	                   "ammunition, four hand grenades and two mortar rounds from a hideout near the "
	                   "river."),
	          SUB_DISRUPTED_WEAPONS_USE);
	CHECK_INT(only_sub("Police discovered a cache of mortar shells and rockets in a farmhouse."),
	          SUB_DISRUPTED_WEAPONS_USE);
	/* passive: the weapons come before the find */
	CHECK_INT(only_sub("Mortars, rockets and IEDs were found in the village after the army entered it."),
	          SUB_DISRUPTED_WEAPONS_USE);
	CHECK_INT(only_sub("Officers found two pistols during a search of a minibus."),
	          SUB_DISRUPTED_WEAPONS_USE);
	/* "which included" continues the list of what was found */
	CHECK_INT(
	    only_sub("Police discovered equipment which included rifles, ammunition and hand grenades in "
	             "a barn."),
	    SUB_DISRUPTED_WEAPONS_USE);
	/* any case: the lists are matched case-folded, past their first-letter bits */
	CHECK_INT(only_sub("POLICE DISCOVERED A CACHE OF MORTAR SHELLS AND ROCKETS IN A FARMHOUSE."),
	          SUB_DISRUPTED_WEAPONS_USE);
	/* a weapon told after the find is the means of the attack */
	CHECK_INT(only_sub("Two bodies were found after a grenade attack on the market."), SUB_GRENADE);
	CHECK_INT(only_sub("TWO BODIES WERE FOUND AFTER A GRENADE ATTACK ON THE MARKET."), SUB_GRENADE);
	CHECK_INT(only_sub("Militants fired mortars at the base."), SUB_SHELLING_ARTILLERY_MISSILE_ATTACK);
}

static void frames_event_named_by_a_past_year_is_background(void)
{
	/* the clause's own event is the clash; the year names an older attack */
	CHECK_INT(only_sub("Soldiers clashed with rebels outside a town that saw a deadly 2013 chemical "
	                   "attack."),
	          SUB_ARMED_CLASH);
	struct frame f[4];
	size_t n = frames_of("Survivors of the 2016 bombings gathered at the memorial.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].role != FRAME_EVENT ||
		      sub_event_type_parent(f[i].sub) != EVENT_EXPLOSIONS_REMOTE_VIOLENCE);
	/* a dated event of its own stays */
	CHECK_INT(only_sub("On 3 May 2020 a car bomb exploded near the market."),
	          SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
}

static void frames_protest_that_degenerates_or_throws_is_violent_and_suppression_intervenes(void)
{
	CHECK_INT(only_sub("A protester throws a bottle at riot police during a demonstration outside the "
	                   "ministry."),
	          SUB_VIOLENT_DEMONSTRATION);
	/* the goods dumped as the protest itself are no violence */
	CHECK(only_sub("Farmers protested by throwing their vegetables on the road outside the ministry.") !=
	      SUB_VIOLENT_DEMONSTRATION);
	/* the riot outranks the police response to it */
	CHECK_INT(only_sub("Police used tear gas on demonstrators as the rally degenerated into violence."),
	          SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT(only_sub("Police suppressed a student protest outside the university."),
	          SUB_PROTEST_WITH_INTERVENTION);
}

static void frames_attack_blamed_on_a_group_is_told_and_bombers_killing_themselves_are_suicide(void)
{
	struct frame f[4];
	size_t n = frames_of("A suicide bomber killed 9 people at a bus station, police said, in an attack "
	                     "blamed on separatists.",
	                     f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT(f[0].sub, SUB_SUICIDE_BOMB);
		CHECK_INT(f[0].role, FRAME_EVENT);
	}
	/* blame alone only refers to an event */
	n = frames_of("The governor blamed separatists for the bombing of the bus station.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].role != FRAME_EVENT);
	CHECK_INT(
	    only_sub("Two gunmen detonated their explosive vests, killing themselves outside the court."),
	    SUB_SUICIDE_BOMB);
}

static void frames_trigger_after_after_or_amid_is_the_setting_not_the_event(void)
{
	/* the main verb codes the clause; the fighting is its background */
	CHECK_INT(only_sub("Relatives staged a protest outside the prison following a riot by inmates."),
	          SUB_PEACEFUL_PROTEST);
	CHECK_INT(only_sub("Troops shelled rebel positions near the town amid protests over fuel prices."),
	          SUB_SHELLING_ARTILLERY_MISSILE_ATTACK);
	/* a weak cue before "after" is no main event: the attack is told */
	CHECK_INT(only_sub("Two bodies were found after a grenade attack on the market."), SUB_GRENADE);
	/* with no other trigger before it, "after" does not hide the event */
	CHECK_INT(only_sub("Days after the election, rebels ambushed an army convoy near the town."),
	          SUB_ARMED_CLASH);
}

static void frames_deployment_ahead_of_protests_and_prisoner_exchanges_are_strategic(void)
{
	/* the protests are expected: the deployment is the event */
	CHECK_INT(only_sub("Police deployed forces around the square in anticipation of more protests."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	/* a protest held stays a protest */
	CHECK_INT(only_sub("Thousands of students protested in the square against the new law."),
	          SUB_PEACEFUL_PROTEST);
	CHECK_INT(
	    only_sub("The rebels freed 14 soldiers in exchange for the release of 20 of their fighters."),
	    SUB_AGREEMENT);
	CHECK_INT(only_sub("The two sides carried out a prisoner swap at the border crossing."),
	          SUB_AGREEMENT);
}

static void frames_gas_that_leaks_is_no_chemical_weapon(void)
{
	CHECK(
	    only_sub("Dozens of workers were treated for breathing problems after chlorine gas leaked from a "
	             "storage tank.") != SUB_CHEMICAL_WEAPON);
	CHECK_INT(only_sub("Government helicopters dropped barrels of chlorine gas on the town."),
	          SUB_CHEMICAL_WEAPON);
}

static void frames_record_comparison_after_the_count_is_no_tally(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("A car bomb killed 31 people in the market, the deadliest attack in the city since "
	              "2016.",
	              f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT(f[0].role, FRAME_EVENT);
		CHECK_INT(f[0].fat.best, 31);
	}
	/* a count over a period stays a tally */
	n = frames_of("Car bombs have killed 310 people in the city since 2016.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].role, FRAME_TALLY);
}

static void frames_source_named_after_according_to_is_no_event(void)
{
	/* the vigilantes only report; the militants attacked */
	CHECK_INT(
	    only_sub("Gunmen attacked two villages at night, killing 11 people, according to vigilantes."),
	    SUB_ATTACK);
}

static void frames_reason_phrases_are_background_and_strikes_in_response_stay_strikes(void)
{
	/* the rockets are the reason, the aircraft strike is the event */
	CHECK_INT(
	    only_sub("Warplanes struck militant positions overnight in response to rocket fire from the "
	             "strip."),
	    SUB_AIR_DRONE_STRIKE);
	CHECK_INT(only_sub("Police arrested five men in connection with the bombing of the bus station."),
	          SUB_ARRESTS);
	CHECK_INT(only_sub("Soldiers burned down houses in the village in retaliation for an ambush."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	/* soldiers firing back in response to fire still clash */
	CHECK_INT(only_sub("Soldiers opened fire in response to gunfire from the hills."), SUB_ARMED_CLASH);
}

static void frames_civilians_ambushed_on_the_road_are_attacked(void)
{
	CHECK_INT(only_sub("Gunmen ambushed a minibus carrying traders on the road to the market."),
	          SUB_ATTACK);
	CHECK_INT(only_sub("Militants ambushed an army convoy on the road to the base."), SUB_ARMED_CLASH);
}

static void frames_crime_arrests_vigils_and_fighting_since_dawn(void)
{
	/* ordinary crime is no political arrest */
	CHECK(only_sub("Police arrested two men for smuggling heroin across the border.") != SUB_ARRESTS);
	CHECK_INT(only_sub("Police arrested two opposition activists outside the party office."),
	          SUB_ARRESTS);
	CHECK_INT(only_sub("Families held a vigil outside the court to demand justice for the victims."),
	          SUB_PEACEFUL_PROTEST);
	/* hours of one day are one event, not a period's count */
	struct frame f[4];
	size_t n = frames_of("Soldiers have been exchanging fire with the militants since dawn.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].role, FRAME_EVENT);
	n = frames_of("Soldiers have been exchanging fire with the militants since March.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK(f[0].role != FRAME_EVENT);
}

static void frames_bomb_factories_and_people_taken_away(void)
{
	/* a bomb factory is no industrial accident cue */
	CHECK_INT(only_sub("Soldiers found and destroyed an IED factory in the forest."),
	          SUB_DISRUPTED_WEAPONS_USE);
	CHECK(only_sub("A boiler exploded at a textile factory, killing four workers.") !=
	      SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
	CHECK_INT(
	    only_sub("The activist was taken away by men in plain clothes and has not been seen since."),
	    SUB_ABDUCTION_FORCED_DISAPPEARANCE);
}

static void frames_mass_grave_is_other_and_forces_poised_to_attack_have_not(void)
{
	CHECK_INT(
	    only_sub("Investigators found a mass grave holding the bodies of 40 villagers killed by the "
	             "militia."),
	    SUB_OTHER);
	struct frame f[4];
	size_t n = frames_of(
	    "Troops were waiting for the order to launch the assault on the rebel-held town.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].sub != SUB_ARMED_CLASH);
	n = frames_of("Government forces are poised to attack the rebel stronghold.", f, 4);
	for (size_t i = 0; i < n; i++)
		CHECK(f[i].sub != SUB_ARMED_CLASH);
}

static void frames_state_of_emergency_for_a_disaster_is_no_event(void)
{
	CHECK_INT(
	    only_sub("The governor declared a state of emergency as floodwaters rose across the delta."), -1);
	CHECK_INT(only_sub("The junta declared a state of emergency in the capital after the coup attempt."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
}

static void frames_rival_crowds_fighting_are_mob_violence(void)
{
	CHECK_INT(only_sub("Supporters of the mayor clashed with counter-protesters outside city hall."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(only_sub("Rival demonstrators fought with sticks near the stadium."), SUB_MOB_VIOLENCE);
	/* counter-protesters who only rally are no violence */
	CHECK(only_sub("Counter-protesters held a silent rally across the street.") != SUB_MOB_VIOLENCE);
}

static void frames_as_part_of_a_deal_is_the_setting_and_cooperation_pacts_are_no_agreement(void)
{
	/* the handover is the event; the deal is its frame */
	CHECK_INT(
	    only_sub("Three villages were handed over by the militia to the army as part of a peace deal."),
	    SUB_NON_VIOLENT_TRANSFER_OF_TERRITORY);
	CHECK(only_sub("The two ministers signed a memorandum on energy cooperation.") != SUB_AGREEMENT);
	CHECK_INT(only_sub("The warring parties signed a ceasefire agreement in the capital."),
	          SUB_AGREEMENT);
}

static void frames_intervention_that_kills_or_gravely_injures_is_excessive_force(void)
{
	CHECK_INT(only_sub("Police dispersed the protest with live fire, killing two demonstrators."),
	          SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
	CHECK_INT(only_sub("Riot police broke up the march, leaving four protesters seriously injured."),
	          SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
	CHECK_INT(only_sub("Police dispersed the protest with tear gas and water cannon."),
	          SUB_PROTEST_WITH_INTERVENTION);
}

static void frames_territory_entered_without_resistance_is_a_non_violent_transfer(void)
{
	CHECK_INT(only_sub("The fighters entered the town before dawn and met no resistance."),
	          SUB_NON_VIOLENT_TRANSFER_OF_TERRITORY);
	CHECK_INT(only_sub("Militiamen took control of the village without any resistance from the army."),
	          SUB_NON_VIOLENT_TRANSFER_OF_TERRITORY);
	/* an arrest made without resistance is still an arrest */
	CHECK_INT(only_sub("Police arrested the opposition leader without resistance at his home."),
	          SUB_ARRESTS);
}

static void frames_trigger_naming_its_own_mishap_is_not_ruled_out_by_it(void)
{
	CHECK_INT(only_sub("Two militants accidentally activated their devices near the market."),
	          SUB_DISRUPTED_WEAPONS_USE);
	/* an accident cue elsewhere still rules out a weak strategic trigger */
	CHECK(only_sub("A gas cylinder exploded accidentally in the kitchen of the police barracks.") !=
	      SUB_DISRUPTED_WEAPONS_USE);
}

/* A verb stem matched on its agent noun ("attackers", "abductors") names
 * who acts; the clause's verb tells what they did. */
static void frames_agent_noun_yields_to_the_clauses_verb(void)
{
	struct frame f[4];
	size_t n = frames_of("Attackers vandalised a power substation outside the town.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_LOOTING_PROPERTY_DESTRUCTION);
	n = frames_of("Armed abductors stole two cars from the mission.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_LOOTING_PROPERTY_DESTRUCTION);
	/* alone, the agent noun still tells its event */
	n = frames_of("Kidnappers struck again on the highway on Monday.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ABDUCTION_FORCED_DISAPPEARANCE);
}

/* Looting "in a raid" hurts no one: the raid is the looting's setting. */
static void frames_looting_in_a_raid_stays_looting(void)
{
	struct frame f[4];
	size_t n = frames_of("Gunmen looted shops and stole goats in a raid on a hamlet.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_LOOTING_PROPERTY_DESTRUCTION);
	n = frames_of("Gunmen looted shops and shot two traders in a raid on a hamlet.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ATTACK);
}

/* "a trader was hacked to death": one dead, not an imputed three. */
static void frames_one_person_killed_in_the_passive_is_one_dead(void)
{
	struct frame f[4];
	size_t n = frames_of("A shopkeeper was hacked to death behind his stall.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT(f[0].fat.best, 1);
		CHECK(!f[0].fat.imputed);
	}
	n = frames_of("A retired police inspector was shot dead outside a mosque.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].fat.best, 1);
	/* a thing in the passive is no victim */
	n = frames_of("Gunmen attacked a bus and people were killed.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].fat.best, 3);
}

/* "died after being shot": the shooting is the event, not its setting. */
static void frames_death_after_being_shot_is_the_shooting(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("A demonstrator died after being shot by police during a rally in the capital.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
}

/* The month "March" is no march: a date does not make an arrest an
 * intervention in a protest, nor "against" a protest. */
static void frames_month_of_march_is_no_protest_march(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("On 14 March 2024, police arrested 14 opposition activists in the capital.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ARRESTS);
	CHECK_INT((int)frames_of("On 5 March 2024, rebels advanced against army positions near Goma.", f, 4),
	          0);
	n = frames_of("On 2 March 2024, hundreds of nurses marched in Lusaka against unpaid wages.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

/* A cue word inside a trigger phrase ("warning" of "warning shots") is that
 * trigger's word, not a hypothetical for the clause. */
static void frames_cue_inside_a_trigger_phrase_is_no_cue(void)
{
	struct frame f[4];
	size_t n = frames_of("Soldiers let off warning shots to break up a march by teachers.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PROTEST_WITH_INTERVENTION);
}

/* South Asian press words: a candle march, a dharna (sit-in), a gherao
 * (encircling an official), section 144 (an order against gatherings);
 * "thrashed" people are beaten, a thrashed team is not. */
static void frames_south_asian_protest_words_and_thrashings(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Students took out a candle march in the town, seeking justice for the victim.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
	n = frames_of("Farmers sat on a dharna outside the district office demanding compensation.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
	n = frames_of("Workers gheraoed the plant manager over unpaid wages.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
	n = frames_of("Section 144 was clamped in the town after communal tension.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_CHANGE_TO_GROUP_ACTIVITY);
	n = frames_of("Some villagers thrashed two suspected thieves.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ATTACK);
	CHECK_INT((int)frames_of("The hosts thrashed the visitors by eight wickets.", f, 4), 0);
	n = frames_of("Police opened fire on agitating farmers, killing two.", f, 4);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(f[0].sub, SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
}

/* A protest and the riot it turned into, told in one sentence, are one
 * violent demonstration. */
static void frames_protest_that_is_the_setting_of_a_riot_is_one_event(void)
{
	struct frame f[4];
	size_t n = frames_of(
	    "Students clashed with police outside the ministry, while they were holding a dharna.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_VIOLENT_DEMONSTRATION);
}

/* A hypothetical cue in the subject's description ("accused of",
 * "threatened to") does not reach past the auxiliary of the main verb:
 * the lynching and the arrest happened. */
static void frames_cue_in_the_subjects_description_spares_the_main_verb(void)
{
	struct frame f[4];
	size_t n = frames_of("Two men accused of witchcraft were lynched by villagers.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_MOB_VIOLENCE);
	n = frames_of("Militants who threatened to attack the school were arrested.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ARRESTS);
	/* without the auxiliary the cue still holds */
	CHECK_INT((int)frames_of("The militia threatened to shell the town again.", f, 4), 0);
}

/* Unexploded ordnance going off is an explosive remnant of war; a rally
 * "broken up" is an intervention. */
static void frames_unexploded_ordnance_and_rallies_broken_up(void)
{
	struct frame f[4];
	size_t n =
	    frames_of("Three boys died when an unexploded mortar round went off near their home.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
	n = frames_of("A rally by nurses was broken up by police.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PROTEST_WITH_INTERVENTION);
}

/* A count in words ends the reach of the count before it: "two clans ...
 * left nine dead" is nine dead, not eleven. */
static void frames_count_in_words_ends_the_reach_of_the_one_before(void)
{
	struct frame f[4];
	size_t n = frames_of("Fighting between two clans over a pasture left nine dead.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].fat.best, 9);
}

/* A participle before its noun ("families of detained activists")
 * describes people; the clause's own verb tells its event. */
static void frames_participle_before_its_noun_is_a_description(void)
{
	struct frame f[4];
	size_t n = frames_of("Families of detained activists began a sit-in near the courthouse.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_PEACEFUL_PROTEST);
}

/* Vehicles burnt in a crash and bonfires set alight are no arson. */
static void frames_vehicles_burnt_in_a_crash_and_bonfires_are_no_arson(void)
{
	struct frame f[4];
	CHECK_INT((int)frames_of("A minibus burned near Nakuru after its engine caught fire.", f, 4), 0);
	CHECK_INT((int)frames_of("A tanker burnt three cars after a collision near the bridge.", f, 4), 0);
	CHECK_INT((int)frames_of("Fans set a bonfire alight to celebrate the win.", f, 4), 0);
	/* a vehicle set on fire stays arson */
	CHECK_INT((int)frames_of("Youths set a minibus alight near Nakuru.", f, 4), 1);
}

/* Fighting a truce is signed "to end" has not happened in that clause;
 * a group "joining" another changes its activity. */
static void frames_fighting_a_deal_should_end_and_groups_joining_others(void)
{
	struct frame f[4];
	size_t n = frames_of("Elders signed a truce to end fighting over grazing land.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_AGREEMENT);
	n = frames_of("The militia said it was joining the ruling coalition.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_CHANGE_TO_GROUP_ACTIVITY);
}

/* A militia pulling out hands territory over; a controlled explosion
 * disrupts a bomb; a person "taken from" home by masked men is abducted;
 * a base only talked about is not established. */
static void frames_withdrawals_controlled_explosions_and_people_taken(void)
{
	struct frame f[4];
	size_t n = frames_of("The militia pulled out from the market town after talks with elders.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_NON_VIOLENT_TRANSFER_OF_TERRITORY);
	n = frames_of("Engineers destroyed a roadside bomb near Kidal in a controlled explosion.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_DISRUPTED_WEAPONS_USE);
	n = frames_of("The lawyer has not been seen since he was taken from his office by masked men.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT((int)frames_of("The general spoke to reporters about the new base near Gao.", f, 4), 0);
}

/* A relative shot, as the family tells it, was attacked; footage of
 * one's son that was "shot" is no event. */
static void frames_relative_shot_is_an_attack_but_a_video_is_not(void)
{
	struct frame f[4];
	size_t n = frames_of("They came before dawn and shot my brother outside our house.", f, 4);
	CHECK_INT((int)n, 1);
	if (n == 1)
		CHECK_INT(f[0].sub, SUB_ATTACK);
	CHECK_INT((int)frames_of("He shot a video of his son at the beach.", f, 4), 0);
}

/* Support withdrawn, a toll that fell, bodies taken away and weapons
 * taken from gunmen are no withdrawal, conquest or abduction. */
static void frames_support_withdrawn_tolls_and_things_taken_are_no_event(void)
{
	struct frame f[4];
	CHECK_INT((int)frames_of("The government withdrew its support for the militia in Ituri.", f, 4), 0);
	CHECK_INT((int)frames_of("Police took away the bodies of the slain rebels.", f, 4), 0);
	CHECK_INT((int)frames_of("Weapons taken from the gunmen were displayed in Maiduguri.", f, 4), 0);
}

/* Militias are the state's side when their name or mention says so, in any case. */
static void frames_state_side_by_name_or_mention(void)
{
	struct event_actor a;
	memset(&a, 0, sizeof a);
	a.present = true;
	a.type = ACTOR_POLITICAL_MILITIA;
	snprintf(a.name, sizeof a.name, "Pro-Government Militia (Iraq)");
	CHECK_INT(frames_actor_is_state_side(&a, 0), 1);
	snprintf(a.name, sizeof a.name, "Unidentified Armed Group");
	snprintf(a.mention, sizeof a.mention, "PRO-REGIME fighters");
	CHECK_INT(frames_actor_is_state_side(&a, 0), 1);
	snprintf(a.mention, sizeof a.mention, "Loyalist gunmen");
	CHECK_INT(frames_actor_is_state_side(&a, 0), 1);
	snprintf(a.mention, sizeof a.mention, "regime opponents");
	CHECK_INT(frames_actor_is_state_side(&a, 0), 0);
	snprintf(a.mention, sizeof a.mention, "anti-government gunmen");
	CHECK_INT(frames_actor_is_state_side(&a, 0), 0);
	CHECK_INT(frames_actor_is_state_side(&a, ACTOR_F_STATE), 1);
}

int main(void)
{
	char err[512];
	if (lexicon_load(&lex, test_env("CONFLICTD_DATA_DIR", "data"), err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	RUN(frames_air_strikes_with_number_of_dead);
	RUN(frames_wounded_are_never_counted_as_dead);
	RUN(frames_including_children_counts_children);
	RUN(frames_vague_count_of_people_is_the_dead);
	RUN(frames_subjects_record_in_a_relative_clause_is_no_tally);
	RUN(frames_count_and_one_more_person);
	RUN(frames_one_person_with_a_hyphenated_age_is_one_dead);
	RUN(frames_unnumbered_deaths_are_imputed);
	RUN(frames_denial_and_threat_make_no_event);
	RUN(frames_cumulative_toll_is_a_tally);
	RUN(frames_two_clauses_two_events);
	RUN(frames_protest_dispersed_is_intervention);
	RUN(frames_reporter_from_said);
	RUN(frames_opening_date_beats_a_later_anniversary);
	RUN(frames_firefighters_protesting_are_not_a_firefight);
	RUN(frames_violence_in_a_protests_topic_is_not_an_event);
	RUN(frames_looting_with_a_beating_is_an_attack);
	RUN(frames_arrest_before_a_planned_rally_is_an_arrest);
	RUN(frames_upcoming_rally_is_no_protest);
	RUN(frames_demonstrate_meaning_show_is_no_protest);
	RUN(frames_what_should_happen_is_no_event);
	RUN(frames_economic_agreement_is_no_conflict_agreement);
	RUN(frames_looted_in_a_protests_demand_is_no_riot);
	RUN(frames_event_after_the_riots_looks_back);
	RUN(frames_weapons_destroyed_are_the_object_not_the_event);
	RUN(frames_coordinated_counts_of_dead_add_up);
	RUN(frames_breakdown_in_parentheses_is_part_of_the_total);
	RUN(frames_protesters_who_plan_to_march_have_not_protested);
	RUN(frames_who_has_conducted_strikes_is_no_event);
	RUN(frames_protests_that_turn_violent_are_violent_demonstrations);
	RUN(frames_person_who_was_shot_was_attacked_but_not_a_film);
	RUN(frames_bullet_that_hits_someone_is_an_attack);
	RUN(frames_hurt_by_people_is_violence_but_not_by_a_car);
	RUN(frames_heavy_and_medium_weapons_is_shelling);
	RUN(frames_factory_in_a_name_is_no_accident_cue);
	RUN(frames_explosive_named_as_an_attack_is_deliberate);
	RUN(frames_killings_between_groups_are_a_clash);
	RUN(frames_armed_men_storming_an_office_is_property_violence);
	RUN(frames_burnt_tyres_and_gatherings_to_denounce_are_protests);
	RUN(frames_hostilities_between_sides_are_a_clash_not_a_volcano);
	RUN(frames_acts_to_denounce_or_condemn_are_protests);
	RUN(frames_buildings_turned_into_barracks_are_a_base);
	RUN(frames_armour_arriving_and_roads_closed_change_activity);
	RUN(frames_road_blocked_to_reach_a_place_is_still_a_protest);
	RUN(frames_forces_accused_of_beating_someone_attacked_them);
	RUN(frames_weapons_seized_or_found_are_disrupted_use);
	RUN(frames_event_named_by_a_past_year_is_background);
	RUN(frames_protest_that_degenerates_or_throws_is_violent_and_suppression_intervenes);
	RUN(frames_attack_blamed_on_a_group_is_told_and_bombers_killing_themselves_are_suicide);
	RUN(frames_trigger_after_after_or_amid_is_the_setting_not_the_event);
	RUN(frames_deployment_ahead_of_protests_and_prisoner_exchanges_are_strategic);
	RUN(frames_gas_that_leaks_is_no_chemical_weapon);
	RUN(frames_record_comparison_after_the_count_is_no_tally);
	RUN(frames_source_named_after_according_to_is_no_event);
	RUN(frames_reason_phrases_are_background_and_strikes_in_response_stay_strikes);
	RUN(frames_civilians_ambushed_on_the_road_are_attacked);
	RUN(frames_crime_arrests_vigils_and_fighting_since_dawn);
	RUN(frames_bomb_factories_and_people_taken_away);
	RUN(frames_mass_grave_is_other_and_forces_poised_to_attack_have_not);
	RUN(frames_state_of_emergency_for_a_disaster_is_no_event);
	RUN(frames_rival_crowds_fighting_are_mob_violence);
	RUN(frames_as_part_of_a_deal_is_the_setting_and_cooperation_pacts_are_no_agreement);
	RUN(frames_intervention_that_kills_or_gravely_injures_is_excessive_force);
	RUN(frames_territory_entered_without_resistance_is_a_non_violent_transfer);
	RUN(frames_trigger_naming_its_own_mishap_is_not_ruled_out_by_it);
	RUN(frames_agent_noun_yields_to_the_clauses_verb);
	RUN(frames_looting_in_a_raid_stays_looting);
	RUN(frames_one_person_killed_in_the_passive_is_one_dead);
	RUN(frames_death_after_being_shot_is_the_shooting);
	RUN(frames_month_of_march_is_no_protest_march);
	RUN(frames_cue_inside_a_trigger_phrase_is_no_cue);
	RUN(frames_south_asian_protest_words_and_thrashings);
	RUN(frames_protest_that_is_the_setting_of_a_riot_is_one_event);
	RUN(frames_cue_in_the_subjects_description_spares_the_main_verb);
	RUN(frames_unexploded_ordnance_and_rallies_broken_up);
	RUN(frames_count_in_words_ends_the_reach_of_the_one_before);
	RUN(frames_participle_before_its_noun_is_a_description);
	RUN(frames_vehicles_burnt_in_a_crash_and_bonfires_are_no_arson);
	RUN(frames_fighting_a_deal_should_end_and_groups_joining_others);
	RUN(frames_withdrawals_controlled_explosions_and_people_taken);
	RUN(frames_relative_shot_is_an_attack_but_a_video_is_not);
	RUN(frames_support_withdrawn_tolls_and_things_taken_are_no_event);
	RUN(frames_count_before_an_apposition_is_the_toll);
	RUN(frames_count_of_killers_is_no_toll);
	RUN(frames_clash_of_armed_groups_is_no_mob);
	RUN(frames_count_no_event_reaches_is_a_toll);
	RUN(frames_drones_launched_at_a_target_are_a_drone_strike);
	RUN(frames_baton_charge_is_an_intervention_a_beating_excessive_force);
	RUN(frames_one_victim_before_a_long_passive);
	RUN(frames_armed_confrontation_is_a_clash);
	RUN(frames_protesters_storming_riot_but_weather_does_not);
	RUN(frames_dead_on_each_side_double);
	RUN(frames_killing_time_or_a_deal_is_no_event);
	RUN(frames_state_side_by_name_or_mention);
	lexicon_free(lex);
	TEST_DONE();
}
