/* test_extract.c - the public API on small articles: events, tallies,
 * options, ids and evidence offsets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "test.h"

static struct extract_data *data;
static const int64_t pub_ms = 1588852800000LL; /* 2020-05-07T12:00Z */

static int run(struct extractor *ex, const char *text, const struct conflict_event **ev)
{
	char err[256];
	struct extract_article a = {
	    .id = "t1", .text = text, .text_len = strlen(text), .published_at_ms = pub_ms};
	return extractor_run(ex, &a, ev, err, sizeof err);
}

static int count_kind(const struct conflict_event *ev, int n, enum record_kind k)
{
	int c = 0;
	for (int i = 0; i < n; i++)
		c += ev[i].record_kind == k;
	return c;
}

static void extract_dated_clash_with_fatalities(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 5 May 2020, soldiers clashed with rebels in the hills, resulting in 4 fatalities.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	if (n >= 1) {
		CHECK_INT(ev[0].sub_event_type, SUB_ARMED_CLASH);
		CHECK_INT(ev[0].event_type, EVENT_BATTLES);
		CHECK(ev[0].has_event_date);
		CHECK_INT(ev[0].event_date, event_days_from_civil(2020, 5, 5));
		CHECK_INT(ev[0].fatalities.best, 4);
		CHECK(ev[0].confidence > 0.0f && ev[0].confidence <= 1.0f);
		CHECK_INT((int)strlen(ev[0].event_id), 32);
		CHECK_STR(ev[0].article_id, "t1");
	}
	extractor_free(ex);
}

static void extract_tally_is_never_an_event_and_can_be_dropped(void)
{
	const char *text = "The insurgency has killed more than 3,000 people since 2012, the monitor said.";
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, text, &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	CHECK_INT(count_kind(ev, n, RECORD_CASUALTY_TALLY), 1);
	extractor_free(ex);
	struct extract_options o;
	extract_options_default(&o);
	o.emit_tallies = 0;
	ex = extractor_new(data, &o);
	CHECK_INT(run(ex, text, &ev), 0);
	extractor_free(ex);
}

static void extract_negated_and_hypothetical_make_nothing(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	CHECK_INT(count_kind(ev, run(ex, "The group denied carrying out the bombing.", &ev), RECORD_EVENT),
	          0);
	CHECK_INT(count_kind(ev, run(ex, "Rebels threatened to attack the army base.", &ev), RECORD_EVENT),
	          0);
	extractor_free(ex);
}

static void extract_evidence_maps_to_the_original_bytes(void)
{
	/* Curly quotes are three bytes each: offsets must index the original. */
	const char *text = "\xe2\x80\x9c"
	                   "Calm\xe2\x80\x9d returned.\n\nOn 6 May 2020, protesters marched "
	                   "against price rises in the capital.";
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, text, &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	if (n >= 1 && ev[0].n_evidence >= 1) {
		CHECK_INT(ev[0].event_type, EVENT_PROTESTS);
		CHECK(strncmp(text + ev[0].evidence[0].start, "On 6 May", 8) == 0);
		CHECK_INT((int)ev[0].evidence[0].end, (int)strlen(text));
		CHECK_INT(ev[0].actor1.type, ACTOR_PROTESTERS);
	}
	extractor_free(ex);
}

static void extract_distinct_events_get_distinct_ids(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 3 May 2020, gunmen abducted a teacher. On 4 May 2020, gunmen abducted a trader.",
	            &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 2);
	if (n == 2)
		CHECK(strcmp(ev[0].event_id, ev[1].event_id) != 0);
	extractor_free(ex);
}

static void extract_max_events_bounds_the_output(void)
{
	struct extract_options o;
	extract_options_default(&o);
	o.max_events = 1;
	struct extractor *ex = extractor_new(data, &o);
	const struct conflict_event *ev;
	CHECK_INT(run(ex,
	              "On 3 May 2020, gunmen abducted a teacher. On 4 May 2020, gunmen abducted a trader.",
	              &ev),
	          1);
	extractor_free(ex);
}

static void extract_toll_sentence_adds_its_dead_to_the_event(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "On 3 May 2020, armed men clashed with soldiers at a checkpoint. Four men died.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	if (n >= 1) {
		CHECK_INT(ev[0].fatalities.best, 4);
		CHECK(!ev[0].fatalities.imputed);
		CHECK_INT((int)ev[0].n_evidence, 2);
	}
	n = run(ex, "On 3 May 2020, soldiers raided a hideout, killing 2 of them after an exchange of fire.",
	        &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_INT(ev[0].fatalities.best, 2);
	extractor_free(ex);
}

static const struct conflict_event *first_event(const struct conflict_event *ev, int n)
{
	for (int i = 0; i < n; i++)
		if (ev[i].record_kind == RECORD_EVENT)
			return &ev[i];
	return NULL;
}

static void extract_villagers_beating_a_man_is_mob_violence(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, villagers beat up a trader accused of theft in the market.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_MOB_VIOLENCE);
		CHECK_INT(e->actor1.type, ACTOR_RIOTERS);
	}
	extractor_free(ex);
}

static void extract_crowd_clashing_with_police_is_mob_violence(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex,
	    "On 2 May 2020, a clash broke out between police and shopkeepers in Multan over the lockdown.",
	    &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_MOB_VIOLENCE);
	extractor_free(ex);
}

/* ACLED's looting and property destruction is an organised actor's; a
 * crowd that burns property is a riot.  Gunmen doing the same stay. */
static void extract_crowd_burning_property_is_mob_violence(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 3 June 2021, angry youths torched two buses at the motor park in Garoua.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_MOB_VIOLENCE);
		CHECK_INT(e->actor1.type, ACTOR_RIOTERS);
	}
	n = run(ex, "On 3 June 2021, gunmen torched two buses at the motor park in Garoua.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_LOOTING_PROPERTY_DESTRUCTION);
	extractor_free(ex);
}

/* A region named only with common words ("the West Coast") is New
 * Zealand's only when nothing else in the story says where it is: beside
 * a Yemeni actor it is no evidence of New Zealand. */
static void extract_common_worded_region_abroad_is_no_country(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "On 2 May 2020, Houthi forces shelled villages on the West Coast, killing two civilians.",
	        &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "YE");
	extractor_free(ex);
}

/* A name that is only an alternate of a large city abroad (Batgran for
 * Pakistan's Battagram) is a place of the district its parenthesis names. */
static void extract_alternate_of_a_city_abroad_yields_to_its_container(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "Indian and Pakistani troops traded fire near Batgran (Baramulla district, Jammu and "
	            "Kashmir) on Sunday, 3 May 2020.",
	            &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "IN");
	extractor_free(ex);
}

/* "Jihadists killed 12 soldiers in an ambush": the trigger is the noun
 * after the verb, the actor after the verb its object; the subject before
 * the verb is actor1. */
static void extract_subject_of_the_verb_before_a_trigger_noun_is_actor1(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, jihadists killed 12 soldiers in an ambush near the town.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->actor1.type, ACTOR_REBEL_GROUP);
		CHECK_INT(e->actor2.type, ACTOR_STATE_FORCES);
		CHECK_INT(e->fatalities.best, 12);
	}
	/* a verb of dying has no object, and "when" opens a clause of its own */
	n = run(ex, "On 4 May 2020, two policemen died when gunmen attacked a checkpoint near the town.",
	        &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK(e->actor1.type != ACTOR_STATE_FORCES);
	extractor_free(ex);
}

static void extract_passive_agent_after_by_is_actor1(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, a farmer was shot dead by at least six gunmen near his house.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->event_type, EVENT_VIOLENCE_AGAINST_CIVILIANS);
		CHECK(e->actor1.present && e->actor1.type != ACTOR_CIVILIANS);
		CHECK_INT(e->fatalities.best, 1);
	}
	extractor_free(ex);
}

static void extract_protest_dispersed_next_sentence_is_one_intervention(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "On 5 May 2020, hundreds of teachers protested outside the ministry, demanding unpaid wages. "
	        "Police dispersed the protesters with tear gas.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	const struct conflict_event *e = first_event(ev, n);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_PROTEST_WITH_INTERVENTION);
		CHECK_INT(e->actor1.type, ACTOR_PROTESTERS);
		CHECK_INT((int)e->n_evidence, 2);
	}
	extractor_free(ex);
}

static void extract_event_without_a_place_happened_where_the_narrative_was(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 5 May 2020, police officers went to a market in Kandahar to look for a suspect. "
	            "A gunfight broke out.",
	            &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ARMED_CLASH);
		CHECK(e->location.present);
		CHECK_STR(e->location.country_code, "AF");
		CHECK_INT(e->location.geo_precision, 1);
	}
	extractor_free(ex);
}

static void extract_pathological_input_stays_bounded(void)
{
	/* 3,000 sentences, each a separate event with its own number: the
	 * output stays within EXTRACT_MAX_EVENTS and nothing overflows. */
	const char *one = "On 3 May 2020, gunmen killed 7 villagers in the market of Kano. ";
	size_t l = strlen(one), count = 3000;
	char *big = malloc(l * count + 1);
	CHECK(big != NULL);
	if (!big)
		return;
	for (size_t i = 0; i < count; i++)
		memcpy(big + i * l, one, l);
	big[l * count] = '\0';
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, big, &ev);
	CHECK(n >= 1 && n <= EXTRACT_MAX_EVENTS);
	/* Odd bytes: invalid UTF-8, NULs inside, a lone digit soup. */
	const char odd[] = "\xff\xfe killed \xc3 12 34 56 78 90 dead\0 wounded 3 since 2011 ;;;, as , while";
	struct extract_article a = {
	    .id = "odd", .text = odd, .text_len = sizeof odd - 1, .published_at_ms = 0};
	char err[128];
	CHECK(extractor_run(ex, &a, &ev, err, sizeof err) >= 0);
	CHECK(run(ex, "", &ev) == 0);
	extractor_free(ex);
	free(big);
}

static void extract_town_named_with_its_province_is_the_one_in_that_province(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "On 3 May 2020, residents protested in Talas, Kayseri against the new landfill.", &ev);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(ev[0].location.country_code, "TR");
		CHECK_STR(ev[0].location.admin1, "Kayseri");
	}
	n = run(ex, "On 6 May 2020, gunmen kidnapped two traders in Lapai (Lapai LGA, Niger).", &ev);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(ev[0].location.country_code, "NG");
		CHECK_STR(ev[0].location.name, "Lapai");
	}
	extractor_free(ex);
}

static void extract_country_cue_places_a_story_without_known_places(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 2 May 2020, the OSCE SMM observed 12 explosions near the frontline.", &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.country_code, "UA");
	extractor_free(ex);
}

static void extract_village_the_gazetteer_lacks_keeps_its_name_in_its_province(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, rebels shelled army positions near Verkhnia Tykha, Luhansk.", &ev);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(ev[0].location.name, "Verkhnia Tykha");
		CHECK_STR(ev[0].location.country_code, "UA");
		CHECK(strstr(ev[0].location.admin1, "Luhansk") != NULL);
		CHECK_INT(ev[0].location.geo_precision, 2);
		CHECK_STR(ev[0].location.gazetteer_id, "");
	}
	/* A town the gazetteer knows stays the gazetteer's. */
	n = run(ex, "On 4 May 2020, soldiers clashed with Taliban militants near Kunduz.", &ev);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(ev[0].location.name, "Kunduz");
		CHECK(ev[0].location.gazetteer_id[0] != '\0');
	}
	extractor_free(ex);
}

static void extract_town_abroad_whose_country_is_never_named_is_a_homonym(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 3 May 2020, Houthi fighters shelled farms near Jabalya, killing a shepherd, Yemeni "
	            "officials said.",
	            &ev);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(ev[0].location.country_code, "YE");
		CHECK_STR(ev[0].location.name, "Jabalya");
	}
	/* A demonym names the country: the town is the one there. */
	n = run(ex, "On 4 May 2020, Israeli soldiers shot and wounded a Palestinian teenager near Jericho.",
	        &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.country_code, "PS");
	extractor_free(ex);
}

static enum sub_event_type first_sub(struct extractor *ex, const char *text)
{
	const struct conflict_event *ev;
	int n = run(ex, text, &ev);
	return n >= 1 ? ev[0].sub_event_type : SUB_OTHER;
}

static void extract_arson_beside_a_factory_is_no_accident(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	CHECK_INT(first_sub(ex, "On 6 May 2020, militants set fire to a textile factory in Istanbul."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	extractor_free(ex);
}

static void extract_exchange_of_fire_hitting_civilians_stays_a_clash(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	CHECK_INT(first_sub(ex,
	                    "On 4 May 2020, Indian and Pakistani troops exchanged fire across the Line of "
	                    "Control near Uri, injuring two civilians."),
	          SUB_ARMED_CLASH);
	extractor_free(ex);
}

static void extract_burning_rubber_tyres_on_a_road_is_a_violent_demonstration(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	CHECK_INT(first_sub(ex,
	                    "On 2 May 2020, residents blocked the highway near Oran by burning rubber tires "
	                    "to demand water."),
	          SUB_VIOLENT_DEMONSTRATION);
	extractor_free(ex);
}

static void extract_burkina_province_by_its_common_name_places_the_event(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, JNIM militants burned a school in Tansarga (Tansarga, Tapoa).", &ev);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(ev[0].location.country_code, "BF");
		CHECK_STR(ev[0].location.admin1, "Est");
	}
	extractor_free(ex);
}

static void extract_village_with_homonyms_only_abroad_lies_in_the_named_province(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 3 May 2020, a roadside bomb killed two soldiers near Maan village in Hama countryside.",
	    &ev);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(ev[0].location.country_code, "SY");
		CHECK_STR(ev[0].location.name, "Maan");
	}
	extractor_free(ex);
}

static void extract_place_fighters_fled_to_is_not_the_event_place(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "On 4 May 2020, Syrian troops clashed with IS fighters near Palmyra, who then fled east into "
	        "Deir ez-Zor.",
	        &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.admin1, "Homs"); /* Palmyra (Tadmur), not Deir ez-Zor */
	extractor_free(ex);
}

static void extract_neighbourhood_is_coded_at_its_city(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 4 May 2020, in Mexicali, Baja California, a driver was shot and killed in Colonia "
	            "Pueblo Nuevo.",
	            &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Mexicali");
	n = run(
	    ex,
	    "On 4 May 2020, in Recife, Pernambuco, a man was shot dead by gunmen in Boa Vista neighborhood.",
	    &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Recife");
	extractor_free(ex);
}

static void extract_towns_naming_a_road_are_not_the_event_place(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex,
	    "On 3 May 2020, hundreds of workers blocked the Pune-Nashik highway in Sangamner (Ahmednagar, "
	    "Maharashtra) demanding their wages.",
	    &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK(strcmp(ev[0].location.name, "Pune") != 0 && strcmp(ev[0].location.name, "Nashik") != 0);
	extractor_free(ex);
}

static void extract_unknown_place_name_stops_at_a_weekday_and_skips_possessives(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 6 May 2020, Ukrainian soldiers clashed with rebels near Verkhnia Tykha Wednesday.", &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Verkhnia Tykha");
	n = run(ex, "On 6 May 2020, gunmen attacked a convoy near Sufi's Shopian orchard in Ukraine.", &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Ukraine");
	extractor_free(ex);
}

/* The words that end or refuse a place name match in any case ("WEDNESDAY",
 * "the"), and the lower-case particles stay inside a name. */
static void extract_unknown_place_name_words_match_in_any_case(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 6 May 2020, Ukrainian soldiers clashed with rebels near Verkhnia Tykha WEDNESDAY.", &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Verkhnia Tykha");
	n = run(ex, "On 6 May 2020, Houthi fighters shelled farms near Qaryat wa al Bunnayn in Yemen.", &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Qaryat wa al Bunnayn");
	n = run(ex, "On 6 May 2020, Houthi fighters shelled farms near THE Bunnayn in Yemen.", &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK(strcmp(ev[0].location.name, "THE Bunnayn") != 0);
	extractor_free(ex);
}

/* The word before a name is a whole word: "NEAR" and "STORMED" count in any
 * case, "pre-near" is not "near". */
static void extract_unknown_place_name_reads_the_whole_word_before(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "On 6 May 2020, Houthi fighters shelled farms NEAR Qaryat wa al Bunnayn in Yemen.", &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Qaryat wa al Bunnayn");
	n = run(ex, "On 6 May 2020, Houthi fighters shelled farms pre-near Qaryat wa al Bunnayn in Yemen.",
	        &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK(strcmp(ev[0].location.name, "Qaryat wa al Bunnayn") != 0);
	n = run(ex, "On 6 May 2020, Houthi fighters STORMED Qaryat wa al Bunnayn in Yemen, killing two.",
	        &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(ev[0].location.name, "Qaryat wa al Bunnayn");
	n = run(ex, "On 6 May 2020, Houthi fighters restormed Qaryat wa al Bunnayn in Yemen, killing two.",
	        &ev);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK(strcmp(ev[0].location.name, "Qaryat wa al Bunnayn") != 0);
	extractor_free(ex);
}

static void extract_killing_an_off_duty_soldier_is_an_attack(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	CHECK_INT(first_sub(ex, "On 6 May 2020, militants shot and killed an off-duty soldier near Baidoa."),
	          SUB_ATTACK);
	extractor_free(ex);
}

static void extract_state_arrest_and_agentless_detention_are_one_arrest(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "Kenyan police arrested a student leader at his home in Nakuru on Tuesday, a day before "
	            "a planned protest. Police said he was detained for incitement.",
	            &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	const struct conflict_event *e = first_event(ev, n);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ARRESTS);
		CHECK_INT(e->event_type, EVENT_STRATEGIC_DEVELOPMENTS);
		CHECK_INT(e->actor1.type, ACTOR_STATE_FORCES);
		CHECK_INT((int)e->n_evidence, 2);
	}
	extractor_free(ex);
}

static void extract_force_that_reports_the_event_is_not_its_target(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "A drone strike killed five militants near Gao on Wednesday, the Malian army said.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_AIR_DRONE_STRIKE);
		CHECK(!e->actor2.present || strcmp(e->actor2.name, e->actor1.name) != 0);
		CHECK(!e->actor2.present || e->actor2.type != ACTOR_STATE_FORCES);
	}
	n = run(ex, "Police said two farmers were shot dead by gunmen in Zamfara on Monday.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
		CHECK(!e->actor2.present || e->actor2.type != ACTOR_STATE_FORCES);
	}
	extractor_free(ex);
}

static void extract_police_arresting_protesters_is_the_protesters_event(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "Police arrested 20 protesters at a rally against the new tax law in Kampala on Saturday.",
	    &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_PROTEST_WITH_INTERVENTION);
		CHECK_INT(e->actor1.type, ACTOR_PROTESTERS);
		CHECK_INT(e->actor2.type, ACTOR_STATE_FORCES);
	}
	extractor_free(ex);
}

static void extract_ambush_told_over_three_sentences_is_one_clash(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "Al-Shabaab fighters ambushed a Kenyan army patrol near Mandera on Sunday, killing five "
	        "soldiers, officials said. The militants opened fire with machine guns and rocket-propelled "
	        "grenades, a police officer told reporters. Two soldiers were wounded.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	const struct conflict_event *e = first_event(ev, n);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ARMED_CLASH);
		CHECK_INT(e->fatalities.best, 5);
		CHECK((int)e->n_evidence >= 2);
		CHECK(!e->actor2.present || e->actor2.type != ACTOR_CIVILIANS);
	}
	extractor_free(ex);
}

static void extract_square_named_like_a_province_is_not_the_place(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "On 5 May 2020, riot police in the Colombian capital fired tear gas at protesters near the "
	        "Plaza de Bolivar.",
	        &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.country_code, "CO");
		CHECK(strcmp(e->location.name, "Bolivar") != 0);
		CHECK(strcmp(e->location.admin1, "Bolivar") != 0);
	}
	extractor_free(ex);
}

static void extract_claim_of_responsibility_names_the_perpetrator(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "A roadside bomb struck a police truck in Kismayo on Monday, killing three officers. "
	            "Al-Shabaab claimed responsibility for the attack. The group, which is linked to "
	            "al-Qaeda, has carried out frequent bombings in the south.",
	            &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	const struct conflict_event *e = first_event(ev, n);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
		CHECK(strstr(e->actor1.name, "Shabaab") != NULL);
		CHECK_INT(e->fatalities.best, 3);
	}
	/* a denial names nobody */
	n = run(ex,
	        "A roadside bomb struck a police truck in Kismayo on Monday, killing three officers. "
	        "Al-Shabaab denied responsibility for the attack.",
	        &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK(strstr(e->actor1.name, "Shabaab") == NULL);
	extractor_free(ex);
}

static void extract_missile_named_by_its_state_is_that_states_strike(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "A Russian missile struck a school in Kramatorsk on Monday, killing two people.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_SHELLING_ARTILLERY_MISSILE_ATTACK);
		CHECK_STR(e->actor1.country_code, "RU");
		CHECK_STR(e->location.country_code, "UA");
	}
	extractor_free(ex);
}

static void extract_victims_named_after_the_by_agent_are_actor2(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "An air strike by the Saudi-led coalition hit a bus in Saada on Friday, killing ten "
	            "civilians.",
	            &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_AIR_DRONE_STRIKE);
		CHECK(e->actor2.present);
		CHECK_INT(e->actor2.type, ACTOR_CIVILIANS);
	}
	extractor_free(ex);
}

static const struct conflict_event *top_event(const struct conflict_event *ev, int n)
{
	const struct conflict_event *best = NULL;
	for (int i = 0; i < n; i++)
		if (ev[i].record_kind == RECORD_EVENT && (!best || ev[i].confidence > best->confidence))
			best = &ev[i];
	return best;
}

static void extract_village_in_parenthesis_lies_in_the_town_named_there(void)
{
	/* Every Houla the gazetteer knows lies outside Lebanon; Marjayoun is
	 * only Lebanese: the village is one the gazetteer lacks, near it. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, Israeli forces shelled Houla (Marjayoun), wounding a farmer.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "LB");
	extractor_free(ex);
}

static void extract_place_at_a_junction_in_a_city_lies_in_that_city(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, rioters burned tyres at the Karama roundabout in Sidon.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "LB");
	extractor_free(ex);
}

static void extract_province_after_a_town_beats_a_homonym_pair_abroad(void)
{
	/* A San Jose and a small La Paz share a country elsewhere; the
	 * province La Paz is Bolivia's. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 2 May 2020, in San Jose, La Paz, police dispersed residents who had blocked a road "
	            "to demand fuel.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "BO");
	extractor_free(ex);
}

static void extract_province_name_shared_by_two_countries_takes_the_actors_country(void)
{
	/* Al Jawf is a province of Yemen and of Saudi Arabia: the Houthis
	 * say which. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 6 May 2020, Houthi fighters shelled army positions in Al Jawf governorate, killing "
	            "three soldiers.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "YE");
	extractor_free(ex);
}

static void extract_name_that_begins_a_longer_name_is_no_country_evidence(void)
{
	/* "Colonia Los Arcos" is a neighbourhood, not Uruguay's Colonia; the
	 * unknown town lies in the one province the report names. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 3 May 2020, in Zontecom, Guanajuato, armed men on a motorcycle shot at a family "
	            "inside a house in Colonia Los Arcos.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.country_code, "MX");
		CHECK_STR(e->location.admin1, "Guanajuato");
		CHECK_STR(e->location.name, "Zontecom");
	}
	extractor_free(ex);
}

static void extract_protesters_denied_access_still_protested(void)
{
	/* "denied access" is what happened to them, not a party denying the event */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 3 May 2020, dozens of traders protested in Sfax after being denied access to the market.",
	    &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_PEACEFUL_PROTEST);
		CHECK(!e->disputed);
	}
	extractor_free(ex);
}

static void extract_arrest_following_accusations_is_an_arrest(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "On 4 May 2020, police arrested a village official in Kasese following accusations that he "
	        "had sold relief food.",
	        &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ARRESTS);
	extractor_free(ex);
}

static void extract_agentless_arrest_is_by_the_police(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, ten suspected bandits were arrested in Gusau.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ARRESTS);
		CHECK_INT(e->actor1.type, ACTOR_STATE_FORCES);
		CHECK_STR(e->actor1.name, "Police Forces of Nigeria");
	}
	extractor_free(ex);
}

static void extract_arrest_of_kidnappers_is_an_arrest_not_an_abduction(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, two suspected kidnappers were arrested in Kaduna, police said.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ARRESTS);
	extractor_free(ex);
}

static void extract_background_after_an_earlier_year_adds_nothing_to_todays_event(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "Islamic State fighters attacked a village near Mosul on Tuesday. In 2014, IS seized large "
	        "parts of Iraq. The group also killed hundreds of Yazidis in Sinjar.",
	        &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->event_date, event_days_from_civil(2020, 5, 5));
		CHECK_INT(e->fatalities.best, 0);
		CHECK_INT((int)e->n_evidence, 1);
	}
	extractor_free(ex);
}

static void extract_fire_on_civilians_by_an_unnamed_shooter_is_an_attack(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 5 May 2020, snipers opened fire on the Al Masbah area of Taizz, wounding two children.",
	    &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
		CHECK_INT(e->event_type, EVENT_VIOLENCE_AGAINST_CIVILIANS);
	}
	extractor_free(ex);
}

static void extract_clash_and_one_sided_violence_are_told_apart(void)
{
	static const struct {
		const char *text;
		enum sub_event_type sub;
	} cases[] = {
	    {"On 4 May 2020, soldiers exchanged fire with Boko Haram militants near Bama.", SUB_ARMED_CLASH},
	    {"On 4 May 2020, fighting between the army and Boko Haram left ten dead near Bama.",
	     SUB_ARMED_CLASH},
	    {"On 4 May 2020, Boko Haram militants attacked an army base in Bama, killing four soldiers.",
	     SUB_ARMED_CLASH},
	    {"On 4 May 2020, gunmen attacked villagers in Bama, killing five.", SUB_ATTACK},
	    {"On 4 May 2020, gunmen killed five civilians in Bama.", SUB_ATTACK},
	    {"On 4 May 2020, bandits shot dead an off-duty policeman at his home in Gusau.", SUB_ATTACK},
	};
	struct extractor *ex = extractor_new(data, NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct conflict_event *ev;
		int n = run(ex, cases[i].text, &ev);
		const struct conflict_event *e = top_event(ev, n);
		CHECK(e != NULL);
		if (e && e->sub_event_type != cases[i].sub)
			fprintf(stderr, "  %s: %s\n", cases[i].text, sub_event_type_name(e->sub_event_type));
		if (e)
			CHECK_INT(e->sub_event_type, cases[i].sub);
	}
	extractor_free(ex);
}

static void extract_passive_agent_far_from_its_verb_is_actor1(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 5 May 2020, a shopkeeper was stabbed in the Lapa neighbourhood of Salvador by "
	            "unidentified gunmen.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
		CHECK_STR(e->actor1.mention, "unidentified gunmen");
		CHECK(!e->actor2.present || e->actor2.type == ACTOR_CIVILIANS);
	}
	extractor_free(ex);
}

static void extract_village_known_abroad_by_an_alternate_name_is_no_evidence(void)
{
	/* "Qaser" is an alternate name of a Jordanian Al Qasr; the LNA says Libya. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 6 May 2020, LNA shelling killed a woman in Qaser al Akhyar.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "LY");
	extractor_free(ex);
}

static void extract_name_repeated_in_parenthesis_is_not_its_own_province(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "On 6 May 2020, Turkish jets bombed PKK hideouts near Gara (Gara mountain area) in northern "
	        "Iraq.",
	        &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "IQ");
	extractor_free(ex);
}

static void extract_landmine_that_went_off_is_an_explosive_event(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 3 May 2020, a landmine went off under a truck near Palmyra, killing its driver.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
	extractor_free(ex);
}

static void extract_protest_over_a_denial_is_a_protest_not_a_dispute(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 3 May 2020, farmers protested in Sangli over the denial of crop insurance.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_PEACEFUL_PROTEST);
		CHECK(!e->disputed);
	}
	extractor_free(ex);
}

static void extract_tripoli_is_the_one_the_article_attests_else_the_larger(void)
{
	static const struct {
		const char *text, *cc;
	} cases[] = {
	    {"On 4 May 2020, hundreds of protesters gathered in Tripoli to denounce the collapse of the "
	     "Lebanese pound.",
	     "LB"},
	    {"On 4 May 2020, rioters burned tyres in Tripoli, Nabatieh and Sidon.", "LB"},
	    {"On 4 May 2020, GNA forces shelled LNA positions south of Tripoli.", "LY"},
	    {"On 4 May 2020, protesters gathered in Tripoli.", "LY"},
	};
	struct extractor *ex = extractor_new(data, NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct conflict_event *ev;
		int n = run(ex, cases[i].text, &ev);
		const struct conflict_event *e = top_event(ev, n);
		CHECK(e != NULL);
		if (e)
			CHECK_STR(e->location.country_code, cases[i].cc);
	}
	extractor_free(ex);
}

static void extract_place_name_in_quotes_names_a_thing(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 6 May 2020, dozens of workers at the \"Moscow\" restaurant protested over unpaid wages.",
	    &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_PEACEFUL_PROTEST);
		CHECK(strcmp(e->location.country_code, "RU") != 0);
	}
	extractor_free(ex);
}

static void extract_big_city_is_not_paired_through_a_towns_alternate_name(void)
{
	/* Bahia de Caraquez (Ecuador) lists "Caracas" among its alternates and
	 * lies in a province with a Sucre; Caracas itself is meant. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "On 5 May 2020, neighbours in La Dolorita, Sucre municipality in Caracas, blocked a street "
	        "to protest water shortages.",
	        &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "VE");
	extractor_free(ex);
}

static void extract_city_inside_a_square_name_is_no_country_evidence(void)
{
	/* "Plaza de Lima" is a square in La Paz, not evidence of Peru. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex,
	    "On 5 May 2020, in La Paz, dozens of miners marched to the Plaza de Lima to demand unpaid wages.",
	    &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "BO");
	extractor_free(ex);
}

static void extract_protest_then_police_arrests_is_one_intervention(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "On 5 May 2020, about 30 nurses protested in Gomel over unpaid bonuses. Police detained four "
	        "of them.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_PROTEST_WITH_INTERVENTION);
	extractor_free(ex);
}

static void extract_someone_beaten_by_residents_is_mob_violence(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex, "On 4 May 2020, a suspected pickpocket was beaten up by residents at a market in Kano.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_MOB_VIOLENCE);
		CHECK_INT(e->actor1.type, ACTOR_RIOTERS);
	}
	/* armed men are no mob */
	n = run(ex,
	        "On 4 May 2020, a prisoner was stabbed to death by three armed inmates inside the Kirikiri "
	        "prison in Lagos.",
	        &ev);
	e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
	extractor_free(ex);
}

static void extract_stones_at_police_is_a_violent_demonstration(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "On 4 May 2020, residents pelted stones at police who tried to seal a market in Meerut.",
	        &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_VIOLENT_DEMONSTRATION);
	extractor_free(ex);
}

static void extract_country_name_that_is_a_province_elsewhere_yields_to_the_actors(void)
{
	/* Niger is a country and a state of Nigeria; the Civilian JTF says which. */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 4 May 2020, Civilian JTF members clashed with bandits in Kpaki LGA (Niger), leaving "
	            "three dead.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.country_code, "NG");
		CHECK_STR(e->location.admin1, "Niger");
	}
	/* alone, Niger is the country */
	n = run(ex, "On 4 May 2020, soldiers in Niger killed ten jihadists.", &ev);
	e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "NE");
	extractor_free(ex);
}

static void extract_people_who_were_shot_are_victims_not_a_mob(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 4 May 2020, two farmers were shot on a road near Kaduna.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
		CHECK_INT(e->actor2.type, ACTOR_CIVILIANS);
	}
	/* the same people as the agents are a crowd */
	n = run(ex, "On 4 May 2020, a nurse was attacked by a group of vendors at a market in Kano.", &ev);
	e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_MOB_VIOLENCE);
	extractor_free(ex);
}

static void extract_unplaced_event_takes_the_articles_country_over_a_foreign_actors(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	/* the herders are Chadian; the province the article names is Nigerian */
	int n = run(ex,
	            "On 3 May 2020, Chadian herders attacked two farmers at a water point. The governor "
	            "of Kebbi State condemned the killing.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.country_code, "NG");
		CHECK_STR(e->actor1.country_code, "TD");
	}
	extractor_free(ex);
}

static void extract_village_in_a_named_district_is_in_that_districts_country(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	/* "Burin" is also a town in Canada and (Buryn) in Ukraine; "the Nablus
	 * district" is a district only in Palestine */
	int n =
	    run(ex, "On 2 March 2021, settlers set fire to two cars in Burin village in the Nablus district.",
	        &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "PS");
	extractor_free(ex);
}

static void extract_armed_group_handing_out_food_changes_its_activity(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "On 5 May 2020, in Apatzingan, Michoacan, members of the CJNG distributed food packages "
	            "to families affected by the lockdown.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_CHANGE_TO_GROUP_ACTIVITY);
		CHECK_INT(e->actor1.type, ACTOR_POLITICAL_MILITIA);
	}
	/* neighbours or a charity doing the same make no event */
	n = run(ex,
	        "On 5 May 2020, in Apatzingan, Michoacan, volunteers from a church distributed food packages "
	        "to families affected by the lockdown.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	extractor_free(ex);
}

static void extract_place_naming_a_facility_is_no_country_evidence(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	/* the cemetery is called after Madrid; the protest is in Ecuador */
	int n = run(ex,
	            "On 12 June 2020, in Guayaquil, relatives protested at the gates of the Madrid cemetery "
	            "against the exhumations.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "EC");
	extractor_free(ex);
}

static void extract_unknown_village_in_a_known_province_names_the_location(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex, "On 5 May 2020, gunmen looted wheat crops in Kharbat Umm Ruwaydah in al-Hasakeh.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.name, "Kharbat Umm Ruwaydah");
		CHECK_STR(e->location.country_code, "SY");
		CHECK_INT(e->location.geo_precision, 2);
	}
	/* the object of a shelling, inside a known province */
	n = run(ex, "On 9 August 2021, artillery units shelled Tall Umm Ruwaydah in Idleb countryside.", &ev);
	e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.name, "Tall Umm Ruwaydah");
		CHECK_STR(e->location.admin1, "Idleb");
	}
	/* "in the eastern countryside of" a known province */
	n = run(ex,
	        "On 9 August 2021, a shepherd was shot dead by gunmen in Tall Umm Ruwaydah in the northern "
	        "countryside of Aleppo.",
	        &ev);
	e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.name, "Tall Umm Ruwaydah");
	/* "in May" is a time, not a place that holds the name */
	n = run(ex, "On 5 May 2020, gunmen looted wheat crops in Kharbat Umm Ruwaydah in May.", &ev);
	e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK(strcmp(e->location.name, "Kharbat Umm Ruwaydah") != 0);
	extractor_free(ex);
}

static void extract_unknown_district_then_province_is_in_the_province(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	/* "Ghazni" after the comma is the province, not the town of Ghazni */
	int n =
	    run(ex, "On 11 July 2021, nine insurgents died in a drone strike in Tapa Kuhna district, Ghazni.",
	        &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.name, "Tapa Kuhna");
		CHECK_STR(e->location.admin1, "Ghazni");
	}
	extractor_free(ex);
}

static void extract_unplaced_event_takes_the_place_the_next_sentence_gives(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex,
	    "On 14 June 2020, masked men torched two delivery vans overnight. The attack happened in Patras.",
	    &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.name, "Patra");
		CHECK_INT(e->location.geo_precision, 1);
	}
	extractor_free(ex);
}

static void extract_the_commune_of_an_unknown_name_is_the_location(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 2 May 2020, Dogon militiamen killed two herders in the commune of Tiguila Kouna.",
	            &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.name, "Tiguila Kouna");
		CHECK_STR(e->location.country_code, "ML");
	}
	extractor_free(ex);
}

static void extract_unknown_place_held_by_a_town_in_parentheses_is_the_location(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 8 June 2020, rebels shelled army positions in Qasr Tawil (Misrata).", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.name, "Qasr Tawil");
		CHECK_STR(e->location.country_code, "LY");
		CHECK_INT(e->location.geo_precision, 2);
	}
	extractor_free(ex);
}

static void extract_town_centre_then_city_is_inside_that_city(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	/* Maltepe is also a village in Balikesir province (and in Greece) */
	int n =
	    run(ex, "On 6 June 2021, hundreds of retirees protested in Maltepe town centre, Istanbul.", &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.admin1, "Istanbul");
	extractor_free(ex);
}

static void extract_tehsil_or_township_names_the_location(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex,
	    "On 3 May 2020, two brothers were shot dead over a land dispute in Kotla Ramdas tehsil, Punjab.",
	    &ev);
	const struct conflict_event *e = top_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.name, "Kotla Ramdas");
		CHECK_STR(e->location.country_code, "IN");
	}
	extractor_free(ex);
}

/* The sub-event type of the article's most confident event, as a scorer
 * picks it (-1 when there is none). */
static int top_sub(const char *text)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, text, &ev);
	int sub = -1;
	float best = -1.0f;
	for (int i = 0; i < n; i++)
		if (ev[i].record_kind == RECORD_EVENT && ev[i].confidence > best) {
			best = ev[i].confidence;
			sub = (int)ev[i].sub_event_type;
		}
	extractor_free(ex);
	return sub;
}

static void extract_state_forces_killing_militants_is_a_clash(void)
{
	CHECK_INT(top_sub("The army killed dozens of terrorists near the border on Monday."),
	          SUB_ARMED_CLASH);
	CHECK_INT(top_sub("Troops inflicted heavy losses on the insurgents in the hills."), SUB_ARMED_CLASH);
	/* armed men killing villagers stay an attack */
	CHECK_INT(top_sub("Terrorists killed five villagers near the border on Monday."), SUB_ATTACK);
}

static void extract_missiles_fired_by_aircraft_are_air_strikes(void)
{
	CHECK_INT(top_sub("Coalition jets fired three missiles at a farm outside the town on Friday."),
	          SUB_AIR_DRONE_STRIKE);
	CHECK_INT(top_sub("The militants suffered losses in raids by army helicopters on Friday."),
	          SUB_AIR_DRONE_STRIKE);
	/* missiles fired at an aircraft from the ground are not an air strike */
	CHECK_INT(top_sub("Rebels fired missiles at an army helicopter near the airport on Friday."),
	          SUB_SHELLING_ARTILLERY_MISSILE_ATTACK);
}

static void extract_army_and_its_allies_regain_territory(void)
{
	/* the first of "X and allied Y" is the actor: state forces regain */
	CHECK_INT(top_sub("The army and allied fighters captured a hill overlooking the town on Friday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
	/* camps and outposts are territory */
	CHECK_INT(top_sub("Soldiers captured three rebel camps in the mountains on Sunday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
	CHECK_INT(top_sub("Insurgents seized the provincial capital on Sunday."),
	          SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
}

static void extract_territory_owner_after_the_trigger_is_the_loser(void)
{
	/* "captured two rebel camps": the rebels lost them, the troopers took them */
	CHECK_INT(top_sub("Troopers captured two rebel camps in the mountains on Sunday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
	CHECK_INT(top_sub("The task force captured two rebel camps in the mountains on Sunday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
	CHECK_INT(top_sub("Militants overran an army outpost in the hills on Sunday."),
	          SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
}

static void extract_territory_taken_over_a_period_is_one_event(void)
{
	/* no publication date: the period cannot be dated, the capture still stands */
	char err[256];
	const char *text = "Government troops have occupied four hill posts over the last three days.";
	struct extract_article a = {.id = "t2", .text = text, .text_len = strlen(text)};
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = extractor_run(ex, &a, &ev, err, sizeof err);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_GOVERNMENT_REGAINS_TERRITORY);
	/* fighting over a period stays attached: no event of its own */
	text = "Fighting has continued over the last three days.";
	a.text = text;
	a.text_len = strlen(text);
	n = extractor_run(ex, &a, &ev, err, sizeof err);
	CHECK(first_event(ev, n) == NULL);
	extractor_free(ex);
}

static void extract_protest_against_what_grew_since_a_year_is_a_protest(void)
{
	char err[256];
	const char *text = "Hundreds of lawyers marched in the capital to protest against abuses that have "
	                   "grown since 2017.";
	struct extract_article a = {.id = "t3", .text = text, .text_len = strlen(text)};
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = extractor_run(ex, &a, &ev, err, sizeof err);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_PEACEFUL_PROTEST);
	extractor_free(ex);
}

static void extract_state_forces_capturing_a_commander_arrest_him(void)
{
	CHECK_INT(top_sub("Troops captured a senior rebel commander near the border on Monday."),
	          SUB_ARRESTS);
	/* the mortars belong to a relative clause: no weapons were seized */
	CHECK_INT(
	    top_sub("Soldiers captured a senior militia leader whose unit had carried out a grenade attack."),
	    SUB_ARRESTS);
	/* any person named after "captured", not only a senior one */
	CHECK_INT(top_sub("Troops captured a rebel commander near the border."), SUB_ARRESTS);
	CHECK_INT(top_sub("Police captured two kidnapping suspects in the market."), SUB_ARRESTS);
	/* a place captured stays territory */
	CHECK_INT(top_sub("Troops captured the town near the border on Monday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
}

static void extract_place_held_by_a_group_names_the_holder_not_the_agent(void)
{
	CHECK_INT(
	    top_sub("Government forces said they had recaptured the last district held by the militants."),
	    SUB_GOVERNMENT_REGAINS_TERRITORY);
	/* "by" right after the trigger still names the agent */
	CHECK_INT(top_sub("The town was overrun by the militants on Monday."),
	          SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
}

static void extract_forces_taking_over_a_town_take_territory(void)
{
	CHECK_INT(top_sub("Insurgents have taken over the town after a week of fighting."),
	          SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	CHECK_INT(top_sub("Government troops took over the town on Tuesday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
}

static void extract_headlines_in_the_present_tense_are_events(void)
{
	CHECK_INT(top_sub("Rebels seize key town in the east"), SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	CHECK_INT(top_sub("Gunmen kill 12 villagers in the central region"), SUB_ATTACK);
	CHECK_INT(top_sub("Government and rebels sign ceasefire deal"), SUB_AGREEMENT);
	/* a company named Shell is no shelling */
	CHECK(top_sub("Shell signs gas supply contract with the state oil company") !=
	      SUB_SHELLING_ARTILLERY_MISSILE_ATTACK);
}

static void extract_military_aircraft_entering_airspace_change_activity(void)
{
	CHECK_INT(top_sub("Six military planes entered the air defence identification zone on Monday, "
	                  "prompting the air force to scramble jets."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
}

/* The actor1 type of the article's most confident event (-1 when there
 * is no event or no actor1). */
static int top_actor1(const char *text)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, text, &ev);
	const struct conflict_event *e = top_event(ev, n);
	int t = e && e->actor1.present ? (int)e->actor1.type : -1;
	extractor_free(ex);
	return t;
}

/* Whatever is burnt (a lorry, a police station, a polling booth) and
 * however the fire is told ("set X on fire", "set X ablaze"): property
 * destruction by armed or unknown men, a riot by a crowd, a violent
 * demonstration by demonstrators. */
static void extract_any_property_set_on_fire_is_destruction_by_whoever_did_it(void)
{
	CHECK_INT(top_sub("Suspected rebels set a district office on fire near Beni overnight."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("Unknown men set two fuel tankers ablaze on the highway outside Kaduna."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("Gunmen burnt a lorry loaded with maize near Gao."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("Angry villagers burnt the police station at Kasese after a death in a cell."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_actor1("Angry villagers burnt the police station at Kasese after a death in a cell."),
	          ACTOR_RIOTERS);
	CHECK_INT(top_sub("Demonstrators set the mayor's office alight in Goma to protest the killings."),
	          SUB_VIOLENT_DEMONSTRATION);
	/* a fire nobody set is no event */
	CHECK_INT(top_sub("A fire caused by a short circuit burnt a warehouse in Onitsha."), -1);
}

/* Petrol bombs and Molotov cocktails thrown by armed or unknown men at a
 * building are property destruction; thrown by protesters, a riot. */
static void extract_incendiaries_thrown_at_a_building_are_property_destruction(void)
{
	CHECK_INT(top_sub("Hooded men flung Molotov cocktails toward a radio station in Bamako."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("Assailants threw a petrol bomb into a judge's house in Lahore."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("Protesters threw petrol bombs at riot police in Valparaiso."),
	          SUB_VIOLENT_DEMONSTRATION);
}

/* Prison guards, warders and coast guards are state forces; clans and
 * tribes fighting as such are communal (identity) militias. */
static void extract_guards_are_state_forces_and_clans_are_communal_militias(void)
{
	CHECK_INT(top_actor1("Warders shot dead two prisoners during a jailbreak in Kumasi."),
	          ACTOR_STATE_FORCES);
	CHECK_INT(top_actor1("Prison guards beat an inmate to death in a jail in Kampala."),
	          ACTOR_STATE_FORCES);
	CHECK_INT(top_sub("Rival clans fought over a borehole near Baidoa, leaving seven dead."),
	          SUB_ARMED_CLASH);
	CHECK_INT(top_actor1("Rival clans fought over a borehole near Baidoa, leaving seven dead."),
	          ACTOR_IDENTITY_MILITIA);
}

/* Trigger classes a coder reads from the codebook: a bomb worn on the body
 * is a suicide bombing; people snatched or taken away are abducted (a
 * phone snatched is not); prisoners exchanged are an agreement (fire
 * exchanged is a clash); live fire into a protest is excessive force;
 * batons against a crowd are an intervention; custody is an arrest. */
static void extract_codebook_phrasings_of_bombs_abductions_swaps_and_protests(void)
{
	CHECK_INT(top_sub("A man wearing an explosive belt detonated it outside a mosque in Maiduguri."),
	          SUB_SUICIDE_BOMB);
	CHECK_INT(top_sub("Bandits snatched nine passengers from a minibus near Zaria."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("Thieves snatched a phone from a tourist in Nairobi."), -1);
	CHECK_INT(top_sub("Two engineers were seized by gunmen near Menaka on Sunday."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("The warring parties exchanged 40 prisoners in Marib."), SUB_AGREEMENT);
	CHECK_INT(top_sub("Troops and rebels exchanged fire near Marib."), SUB_ARMED_CLASH);
	CHECK_INT(top_sub("Troops opened fire into crowds of demonstrators in Bago, killing four."),
	          SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
	CHECK_INT(top_actor1("Troops opened fire into crowds of demonstrators in Bago, killing four."),
	          ACTOR_STATE_FORCES);
	CHECK_INT(top_sub("Police charged at a crowd of striking dockers with batons in Durban."),
	          SUB_PROTEST_WITH_INTERVENTION);
	CHECK_INT(top_sub("Soldiers took the opposition leader into custody in Conakry."), SUB_ARRESTS);
	CHECK_INT(top_sub("Gunmen fired on a minibus carrying traders near Bunia, wounding five."),
	          SUB_ATTACK);
}

/* Demonstrators who wreck property riot; villagers who beat someone to
 * death are a mob, whoever their victim is. */
static void extract_demonstrators_wrecking_property_and_villagers_killing_suspects_riot(void)
{
	CHECK_INT(top_sub("Demonstrators smashed windows and doors at the electoral office in Conakry."),
	          SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT(top_sub("Villagers beat two suspected kidnappers to death in Oyo state."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_actor1("Villagers beat two suspected kidnappers to death in Oyo state."),
	          ACTOR_RIOTERS);
}

/* "was accused of killing": the auxiliary is the accusation's; the
 * subject did the killing. */
static void extract_subject_accused_of_an_act_is_its_doer(void)
{
	CHECK_INT(top_actor1("The army was accused of killing 14 herders in a sweep near Mopti."),
	          ACTOR_STATE_FORCES);
}

/* A death told as the setting ("after a detainee died in a cell") does not
 * make the burning an attack; the residents before "set" are the crowd. */
static void extract_death_in_the_setting_leaves_the_burning_a_riot(void)
{
	CHECK_INT(top_sub("Residents set a police station ablaze in Kasese after a detainee died in a cell."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(
	    top_actor1("Residents set a police station ablaze in Kasese after a detainee died in a cell."),
	    ACTOR_RIOTERS);
}

/* Throats slit and people burnt alive are killings; people carried off are
 * abducted (cattle carried off are not); a group "was formed"; "a disputed
 * waterhole" is the quarrel, not a denial; a drone shot down is no strike;
 * a fire from an electrical fault is no event. */
static void extract_more_codebook_phrasings_of_killings_abductions_and_accidents(void)
{
	CHECK_INT(top_sub("Suspected jihadists slit the throats of two woodcutters near Diffa."), SUB_ATTACK);
	CHECK_INT(top_sub("Angry youths burnt alive a man they accused of theft in Kinshasa."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Unknown gunmen carried off three nuns from a convent near Kaya."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK(top_sub("Gunmen carried off cattle and grain from a village near Kaya.") !=
	      SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("A new armed group was formed in Ituri, local sources said."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(top_sub("Two clans fought over a disputed waterhole in Mudug, leaving six dead."),
	          SUB_ARMED_CLASH);
	CHECK_INT(top_sub("Air defences shot down a drone launched by the rebels toward the airport."),
	          SUB_DISRUPTED_WEAPONS_USE);
	CHECK_INT(top_sub("The office of a newspaper burnt down after an electrical fault in Lagos."), -1);
}

/* Excessive force is the forces' event, even when the trigger follows the
 * crowd ("police charged protesters with batons and killed two"). */
static void extract_excessive_force_names_the_forces_as_actor1(void)
{
	CHECK_INT(top_sub("Police charged protesters with batons in Omdurman and killed two of them."),
	          SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
	CHECK_INT(top_actor1("Police charged protesters with batons in Omdurman and killed two of them."),
	          ACTOR_STATE_FORCES);
}

/* A gathering dispersed and a march broken up are interventions; violence
 * between armed sides and forces engaging bandits are clashes; plunder and
 * uprooted orchards are property destruction; a person who vanished once
 * detained was disappeared; a boxing bout is no fighting. */
static void extract_interventions_clashes_plunder_and_disappearances(void)
{
	CHECK_INT(top_sub("Soldiers dispersed villagers who had gathered at the district office to demand "
	                  "compensation."),
	          SUB_PROTEST_WITH_INTERVENTION);
	CHECK_INT(
	    top_sub("Gendarmes let off warning shots and tried to break up a march by nurses in Conakry."),
	    SUB_PROTEST_WITH_INTERVENTION);
	CHECK_INT(top_sub("Violence between rival gangs left four dead in Port-au-Prince."), SUB_ARMED_CLASH);
	CHECK_INT(top_sub("Troops engaged bandits in the forest near Zurmi."), SUB_ARMED_CLASH);
	CHECK_INT(top_sub("Militiamen pillaged a health centre near Djugu."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("Settlers uprooted dozens of olive trees near Salfit."),
	          SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("A blogger disappeared after being detained by plainclothes agents in Dhaka."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("Heavy fighting in the boxing final ended in a points win for the champion."), -1);
}

/* Clans that clash are communal militias in a battle, not a mob; residents
 * who burn someone to death are a mob. */
static void extract_clans_clash_as_militias_and_residents_burning_a_man_riot(void)
{
	CHECK_INT(top_sub("Two clans clashed over a waterhole near Galkayo, leaving six dead."),
	          SUB_ARMED_CLASH);
	CHECK_INT(top_actor1("Two clans clashed over a waterhole near Galkayo, leaving six dead."),
	          ACTOR_IDENTITY_MILITIA);
	CHECK_INT(top_sub("Residents of Awka burnt a suspected kidnapper to death."), SUB_MOB_VIOLENCE);
}

/* A riot outside any demonstration - inmates rioting in a prison, a mob
 * that turns on health workers, rival fans who fight - is mob violence; a
 * crowd that is protesting and smashes things demonstrates violently; "a
 * riot of colour" is no event. */
static void extract_riot_without_a_demonstration_is_mob_violence(void)
{
	CHECK_INT(
	    top_sub("Inmates rioted at the central prison in Lilongwe and set their mattresses alight."),
	    SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("A riot broke out at the jail in Kisii after two inmates died."), SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("An angry mob attacked nurses who came to vaccinate children in Bauchi, throwing "
	                  "stones at their car."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Rival fans fought each other outside the stadium in Alexandria."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_actor1("Rival student factions clashed on the campus in Sylhet."), ACTOR_RIOTERS);
	CHECK_INT(top_sub("Stall owners protesting the demolition of their kiosks smashed the windows of the "
	                  "town hall in Tamale."),
	          SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT(top_sub("Protesters demanding lower fuel prices threw stones at police in Abuja."),
	          SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT(top_sub("The carnival was a riot of colour in Port of Spain."), -1);
}

/* Mob justice in its other wordings (a man hanged or burnt alive by
 * villagers, his alleged crime no event of its own), crowds of unnamed men
 * clashing with the police, stones thrown at vehicles; prisoners who riot
 * calling for their release demonstrate. */
static void extract_mob_justice_and_crowds_against_police(void)
{
	CHECK_INT(top_sub("Villagers in Potosi hanged a man they suspected of stealing cattle."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("The court hanged two men convicted of murder in Tehran."), -1);
	CHECK_INT(top_sub("Residents of a hamlet near Coban burned a man alive after accusing him of rape."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Hundreds of men clashed with police in Hyderabad after a shrine was demolished."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Angry youths stoned passing vehicles in Limuru after the protest was banned."),
	          SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT(top_sub("Prisoners rioted at the central jail in Juba, calling for their release."),
	          SUB_VIOLENT_DEMONSTRATION);
}

/* A beating by people no armed or organised actor names is a crowd's
 * (ACLED: mob violence); by gunmen, police or unknown men it is an attack. */
static void extract_beating_by_unnamed_people_is_mob_violence(void)
{
	CHECK_INT(
	    top_sub("A shopkeeper was beaten to death by three men in Gazipur after a quarrel over a debt."),
	    SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Four municipal employees beat up a street vendor in Indore."), SUB_MOB_VIOLENCE);
	CHECK_INT(top_actor1("Four municipal employees beat up a street vendor in Indore."), ACTOR_RIOTERS);
	CHECK_INT(top_sub("Gunmen beat a farmer to death near Makurdi."), SUB_ATTACK);
	CHECK_INT(top_sub("A radio presenter was beaten by unknown men in Goma."), SUB_ATTACK);
	CHECK_INT(top_sub("Police officers beat up a taxi driver at a checkpoint in Kumasi."), SUB_ATTACK);
}

/* A crowd that storms a building outside any protest riots as a mob;
 * police storming a village arrest, bandits storming one attack; a crowd
 * demanding something that throws stones demonstrates; a show that "is a
 * riot" is no event. */
static void extract_crowd_storming_a_building_and_demands_with_stones(void)
{
	CHECK_INT(
	    top_sub("A crowd of villagers stormed the district office in Tshikapa and freed two detainees."),
	    SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Bandits stormed a village in Zamfara and killed 12 people."), SUB_ATTACK);
	CHECK_INT(top_sub("Police stormed a village in Kogi and arrested dozens of residents."), SUB_ARRESTS);
	CHECK_INT(top_sub("Workers demanding unpaid wages hurled stones at the factory gates in Gazipur."),
	          SUB_VIOLENT_DEMONSTRATION);
	CHECK_INT(top_sub("The new musical is a riot, the critics agreed."), -1);
}

/* A clash of the police with a side no armed actor names, fought with
 * stones and batons and no firearm, is a riot; with gunmen it is a battle. */
static void extract_police_clash_with_stones_and_no_guns_is_a_riot(void)
{
	CHECK_INT(top_sub("A clash broke out between ration card holders and police in Sukkur after police "
	                  "baton-charged the queue and the men pelted stones."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(
	    top_actor1("A clash broke out between ration card holders and police in Sukkur after police "
	               "baton-charged the queue and the men pelted stones."),
	    ACTOR_RIOTERS);
	CHECK_INT(top_sub("Police clashed with gunmen in Kaduna, and stones were found at the scene."),
	          SUB_ARMED_CLASH);
}

/* A town that "fell to" a side was taken by it: the side after "to" is
 * the agent; prices that fell are no event. */
static void extract_town_that_fell_to_a_side_was_taken_by_it(void)
{
	CHECK_INT(top_sub("The town of Kidal fell to jihadists after a siege."),
	          SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	CHECK_INT(top_actor1("The town of Kidal fell to jihadists after a siege."), ACTOR_REBEL_GROUP);
	CHECK_INT(top_sub("The garrison town fell to government troops on Sunday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
	CHECK_INT(top_sub("Fuel prices fell to a record low in Lagos."), -1);
}

/* "X and Y exchanged fire": the first side named is actor1, the second
 * actor2; a possessor after the trigger ("a policeman's widow") is
 * neither, so killing the widow stays violence against a civilian. */
static void extract_sides_joined_by_and_and_possessors(void)
{
	CHECK_INT(top_actor1("Police and suspected bandits exchanged fire near Gusau, killing two bandits."),
	          ACTOR_STATE_FORCES);
	CHECK_INT(top_sub("Armed men gunned down a policeman's widow outside her home in Celaya."),
	          SUB_ATTACK);
	CHECK_INT(top_sub("Armed men gunned down a policeman\xe2\x80\x99s widow outside her home in Celaya."),
	          SUB_ATTACK);
}

/* A person set ablaze by a mob is mob violence; families fighting each
 * other are a mob, not a battle; a body bearing marks of torture was
 * attacked, not part of a crowd; troops sent ahead of expected clashes
 * change posture, the clashes have not happened. */
static void extract_people_set_ablaze_families_fighting_and_expected_clashes(void)
{
	CHECK_INT(top_sub("A suspected phone thief was set ablaze by a mob in Uyo."), SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Members of two families fought over a boundary in Bahawalpur, injuring six."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("The corpse of a teenage boy bearing marks of torture turned up near Acapulco."),
	          SUB_ATTACK);
	CHECK_INT(top_sub("Troops were deployed to the town ahead of expected clashes."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
}

/* Armed men "in military fatigues" are not the military. */
static void extract_dress_of_the_attackers_names_no_force(void)
{
	CHECK_INT(top_actor1(
	              "Gunmen in military fatigues stopped a bus near Mangu and killed its nine passengers."),
	          ACTOR_POLITICAL_MILITIA);
}

/* A party's worker or supporter is an unarmed person: killing one is an
 * attack, not a clash with the party's militia. */
static void extract_party_workers_attacked_are_civilians_not_a_militia(void)
{
	CHECK_INT(top_sub("Unknown gunmen killed a ZANU-PF supporter near Mutare."), SUB_ATTACK);
	CHECK_INT(top_sub("Assailants shot dead a BJP worker near Purulia."), SUB_ATTACK);
}

/* A death toll that "fell to" a number is no town taken. */
static void extract_toll_that_fell_to_a_number_is_no_conquest(void)
{
	CHECK_INT(top_sub("The death toll fell to 12 after rebels released three hostages."), -1);
}

/* Tasks that "fell to" the army, records seized from people and rifles
 * taken from the armed forces are no conquest and no abduction. */
static void extract_tasks_records_and_rifles_are_no_conquest_or_abduction(void)
{
	CHECK_INT(top_sub("The task of guarding the frontier fell to the army."), -1);
	CHECK_INT(top_sub("Investigators seized the accounting records of three people linked to the gang."),
	          -1);
	CHECK_INT(top_sub("Some of the rifles were taken from the armed forces after the war."), -1);
}

static int top_dead(const char *text)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, text, &ev);
	const struct conflict_event *e = top_event(ev, n);
	int d = e ? e->fatalities.best : -1;
	extractor_free(ex);
	return d;
}

/* A short toll sentence after the event ("Six soldiers were killed."), as
 * ACLED notes and wire copy tell it: the event's dead. */
static void extract_killed_toll_in_the_next_sentence_is_the_events_dead(void)
{
	CHECK_INT(
	    top_dead("Insurgents ambushed an army convoy near Kidal on Tuesday. Six soldiers were killed."),
	    6);
	CHECK_INT(top_dead("On 2 June 2020, troops shelled a rebel camp near Sake. 3 civilians were killed."),
	          3);
}

/* A group laying down its arms or disbanding changes its activity (ACLED
 * Codebook); a parliament's dissolution or a coalition deal is politics. */
static void extract_groups_disarming_or_disbanding_change_activity(void)
{
	CHECK_INT(top_sub("Fighters of the rebel movement were laying down weapons at a camp near Bouar."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(top_sub("The armed faction announced its dissolution at a rally in Bunia on Friday."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(top_sub("The president announced the dissolution of parliament on Friday."), -1);
	CHECK_INT(top_sub("The two parties signed a coalition agreement in the capital."), -1);
	CHECK_INT(top_sub("Two clans agreed to end a quarrel over a disputed farm near Garissa."),
	          SUB_AGREEMENT);
}

/* A person taken away by armed or unknown men is abducted, however the
 * taking is told. */
static void extract_people_taken_away_by_armed_men_are_abducted(void)
{
	CHECK_INT(top_sub("Witnesses said masked men took him away from a market in Gao."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("The aid worker was taken by gunmen from a guesthouse in Diffa."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("Two wounded fighters were taken by rebels to a clinic in the hills."), -1);
}

/* Headlines tell events in the present tense. */
static void extract_present_tense_headline_verbs(void)
{
	CHECK_INT(top_sub("Police tear-gas student protesters in Dakar"), SUB_PROTEST_WITH_INTERVENTION);
	CHECK_INT(top_sub("Rebels torch homes in Ituri village"), SUB_LOOTING_PROPERTY_DESTRUCTION);
	CHECK_INT(top_sub("Olympic torch relay reaches the old city"), -1);
	CHECK_INT(top_sub("Army defuses roadside bomb near Gao"), SUB_DISRUPTED_WEAPONS_USE);
	CHECK_INT(top_sub("Militia sets up base near Kidal"), SUB_HEADQUARTERS_OR_BASE_ESTABLISHED);
	CHECK_INT(top_sub("Hundreds march in Dakar against fuel prices"), SUB_PEACEFUL_PROTEST);
	CHECK_INT(top_sub("Truckers block highways near Lahore over tolls"), SUB_PEACEFUL_PROTEST);
}

/* Dying told by its manner, and animals that attack people. */
static void extract_lynched_or_burnt_alive_are_dead_and_animals_make_no_event(void)
{
	CHECK_INT(top_dead("Villagers burnt alive three suspected thieves near Kisii."), 3);
	CHECK_INT(top_dead("A mob lynched a suspected robber in Kumasi."), 1);
	CHECK_INT(top_sub("A crocodile attacked two fishermen on the lake near Masindi."), -1);
	CHECK_INT(top_sub("A leopard attacked a herder near Kasese."), -1);
}

/* Force against a march or a sit-in however it is told; aircraft that
 * destroy a target strike it; a clause's "beheading" kills; arrests tied
 * to arms or armed groups count even when smuggling is the charge, drug
 * arrests do not. */
static void extract_force_on_marchers_aircraft_beheadings_and_arms_arrests(void)
{
	CHECK_INT(top_sub("Police fired live rounds at villagers marching to the district office in Kitui."),
	          SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
	CHECK_INT(
	    top_sub(
	        "Police forcibly removed nurses whose sit-in had blocked the education ministry in Accra."),
	    SUB_PROTEST_WITH_INTERVENTION);
	CHECK_INT(top_sub("Army aircraft destroyed two rebel pickups near Kutum on Sunday."),
	          SUB_AIR_DRONE_STRIKE);
	CHECK_INT(top_sub("Insurgents raided a hamlet near Mueda, beheading two men."), SUB_ATTACK);
	CHECK_INT(
	    top_sub("Soldiers detained two drivers caught smuggling ammunition to militants near Maroua."),
	    SUB_ARRESTS);
	CHECK_INT(top_sub("Police arrested two drivers caught smuggling cocaine through the port of Lagos."),
	          -1);
}

/* A "by" before the trigger belongs to another verb ("troops backed by
 * drones battled ...": the troops fight); a crowd named after "by" in the
 * passive acts as a mob. */
static void extract_by_before_the_trigger_and_crowds_after_by(void)
{
	CHECK_INT(top_actor1("Troops backed by drones battled insurgents near Palma on Sunday."),
	          ACTOR_STATE_FORCES);
	CHECK_INT(top_sub("A shopkeeper was hacked to death by his neighbours near Blantyre."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_actor1("A shopkeeper was hacked to death by his neighbours near Blantyre."),
	          ACTOR_RIOTERS);
}

/* An auxiliary inside a relative clause set off by commas is not the main
 * verb's: the subject before it still acts. */
static void extract_relative_clause_between_subject_and_verb_keeps_the_agent(void)
{
	const char *txt =
	    "The insurgents, who had been regrouping for weeks, captured the town of Chinagodrar on Friday.";
	CHECK_INT(top_sub(txt), SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	CHECK_INT(top_actor1(txt), ACTOR_REBEL_GROUP);
}

/* The killing a crowd protests is no death of its protest; unarmed people
 * shot are attacked, a football shot is nothing. */
static void extract_protest_topic_deaths_and_people_shot(void)
{
	CHECK_INT(
	    top_sub("Some 300 nurses marched through Lilongwe, denouncing two doctors killed in a raid."),
	    SUB_PEACEFUL_PROTEST);
	CHECK_INT(
	    top_dead("Some 300 nurses marched through Lilongwe, denouncing two doctors killed in a raid."),
	    0);
	CHECK_INT(top_sub("Police shot a teenager who fled from a checkpoint in Kisumu."), SUB_ATTACK);
	CHECK_INT(top_sub("The striker shot wide twice in the second half at the stadium in Kisumu."), -1);
}

/* A ceasefire one side declares alone changes its activity; one agreed by
 * both sides is an agreement.  A strike named by what it killed is an air
 * strike, lightning is not.  One person beaten to death is one dead. */
static void extract_unilateral_ceasefires_strikes_that_kill_and_one_beaten_to_death(void)
{
	CHECK_INT(top_sub("The armed movement announced a unilateral ceasefire for the festival week."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(top_sub("The army and the armed movement agreed a ceasefire for the festival week."),
	          SUB_AGREEMENT);
	CHECK_INT(top_sub("The junta dissolved all opposition parties in Bamako on Monday."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(top_sub("Turkish strike kills two PKK fighters near Sinjar"), SUB_AIR_DRONE_STRIKE);
	CHECK_INT(top_sub("A lightning strike killed four herders near Moroto."), -1);
	CHECK_INT(top_dead("Soldiers beat a young fisherman to death near Kribi."), 1);
}

/* Wordings of a second set of probe sentences: fire poured into marchers,
 * a person bundled into a van, a faction splitting away, a vehicle driven
 * over a mine; talks that collapsed, a massacre as a date's reference
 * point, disease and road crashes are no events. */
static void extract_second_probe_set_wordings(void)
{
	CHECK_INT(top_sub("Troops fired into a column of miners marching to a mine office in Kolwezi."),
	          SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
	CHECK_INT(top_sub("Witnesses said hooded men bundled him into a van outside a bakery in Aden."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("A faction of the rebel movement split from its leadership near Kidal on Monday."),
	          SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(top_sub("Three traders died when their truck drove over a landmine near Djibo."),
	          SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
	CHECK_INT(top_sub("Peace talks hosted in Bangkok collapsed on Friday after the rebels left."), -1);
	CHECK_INT(
	    top_sub("Fifteen years after the bombing of the market, the town of Baquba has been rebuilt."),
	    -1);
	CHECK_INT(top_sub("Cholera has killed 40 people in camps around Goma this month."), -1);
	CHECK_INT(top_sub("A tanker exploded after colliding with a minibus near Kisumu, killing nine."), -1);
}

/* A crowd event's setting ("after soldiers killed a boy", "over the killing
 * of a herder") tells another event's dead; deaths of the riot itself after
 * its setting still count. */
static void extract_deaths_in_a_crowds_setting_are_not_its_own(void)
{
	CHECK_INT(top_dead("Angry youths torched a gendarmerie post in Kaele after soldiers killed a boy "
	                   "at a roadblock."),
	          0);
	CHECK_INT(top_dead("Rioters blocked a highway near Kasese, angry over a herder killed by rangers."),
	          0);
	CHECK_INT(
	    top_dead("Rioters fought police in Kasese after a trader's arrest, leaving three people dead."),
	    3);
}

/* The fighting a journalist covered is no clash of the clause; an aid
 * convoy attacked is an attack on civilians, not a battle. */
static void extract_fighting_reported_on_and_aid_convoys(void)
{
	CHECK_INT(
	    top_sub("A reporter who covered the fighting in the north was detained in Asmara on Monday."),
	    SUB_ARRESTS);
	CHECK_INT(top_sub("Gunmen attacked an aid convoy near Bria and stole its cargo."), SUB_ATTACK);
}

/* One protester dying of police force is excessive force, with or without
 * a number; staff seized, or people taken away by armed men, are abducted. */
static void extract_a_protester_killed_and_staff_seized(void)
{
	CHECK_INT(top_sub("A marcher died after police fired a tear gas canister at the crowd in Quito."),
	          SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS);
	CHECK_INT(top_sub("Rebels seized three employees of a gold mine near Bunia."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
	CHECK_INT(top_sub("Two engineers were taken from their camp by armed men near Kidal."),
	          SUB_ABDUCTION_FORCED_DISAPPEARANCE);
}

/* A victim killed with "his/her N" relatives: all of them dead; relatives
 * only wounded are not. */
static void extract_victim_and_family_killed_are_counted_together(void)
{
	CHECK_INT(top_dead("Bandits killed a trader and his three sons near Gusau on Friday."), 4);
	CHECK_INT(top_dead("Bandits killed a trader and wounded his three sons near Gusau on Friday."), 1);
}

/* "He died in hospital that night" after an attack on one person: that
 * person is the event's one dead; "he did not die" adds none. */
static void extract_victim_who_died_later_is_one_dead(void)
{
	CHECK_INT(top_dead("Masked men stabbed a land activist outside his office in Goma. He died in "
	                   "hospital that night."),
	          1);
	CHECK_INT(top_dead("Masked men stabbed a land activist outside his office in Goma; he later died of "
	                   "his wounds."),
	          1);
	CHECK_INT(top_dead("Masked men stabbed a land activist outside his office in Goma. He did not die."),
	          0);
}

/* After a trigger noun the victims come first and the agent follows "by":
 * "the rape of three women by soldiers" is the soldiers' act. */
static void extract_agent_after_the_victims_of_a_trigger_noun(void)
{
	CHECK_INT(top_actor1("Monitors recorded the rape of two girls by soldiers near Bambari."),
	          ACTOR_STATE_FORCES);
	CHECK_INT(top_sub("Monitors recorded the rape of two girls by soldiers near Bambari."),
	          SUB_SEXUAL_VIOLENCE);
}

/* Blame told in a relative clause on the event's subject does not make the
 * sentence mere talk; blame as the main verb still does. */
static void extract_blame_in_a_relative_clause_keeps_the_event(void)
{
	CHECK_INT(top_sub("The ambush, which the army blamed on jihadists, killed four soldiers near Diffa."),
	          SUB_ARMED_CLASH);
	CHECK_INT(
	    top_dead("The ambush, which the army blamed on jihadists, killed four soldiers near Diffa."), 4);
	CHECK_INT(top_sub("The army blamed jihadists for an ambush near Diffa."), -1);
}

/* A crowd named after "by" in the passive acts as a mob even when the
 * crowd is no actor of its own; territory "reclaimed" by troops. */
static void extract_crowd_agents_in_the_passive_and_territory_reclaimed(void)
{
	CHECK_INT(top_sub("A herdsman's son was burnt to death by an angry crowd near Onitsha."),
	          SUB_MOB_VIOLENCE);
	CHECK_INT(top_sub("Troops reclaimed control of three villages near Myitkyina on Sunday."),
	          SUB_GOVERNMENT_REGAINS_TERRITORY);
}

/* An armed group's new commander changes the group; fighting named by last
 * year is background. */
static void extract_new_commanders_and_last_years_fighting(void)
{
	CHECK_INT(
	    top_sub("The militia named a new commander at a meeting near Bunia after its chief was killed."),
	    SUB_CHANGE_TO_GROUP_ACTIVITY);
	CHECK_INT(
	    top_sub(
	        "Donors pledged money to rebuild clinics damaged in last year's fighting around Mekelle."),
	    -1);
}

/* "killed a family of four": the family's count is the dead. */
static void extract_family_of_n_killed_is_n_dead(void)
{
	CHECK_INT(
	    top_dead(
	        "Witnesses said a shell hit a house in Kupiansk that evening and killed a family of five."),
	    5);
}

/* An armed actor that kills people it counts is an event whatever the
 * people are called (occupations, ethnic groups), and so is a killing
 * participle after another verb; those killed bearing arms make it a
 * clash.  Counted dead with no armed agent stay a toll of the event told
 * before. */
static void extract_armed_actor_counting_its_dead_is_an_event(void)
{
	CHECK_INT(top_sub("Gang members killed four tanners in La Ceiba."), SUB_ATTACK);
	CHECK_INT(top_dead("Gang members killed four tanners in La Ceiba."), 4);
	CHECK_INT(top_sub("Militiamen killed dozens of Nande in a village near Butembo."), SUB_ATTACK);
	CHECK_INT(top_sub("Soldiers searched a chapel near Bukavu, killing seven people."), SUB_ATTACK);
	CHECK_INT(top_dead("Soldiers searched a chapel near Bukavu, killing seven people."), 7);
	CHECK_INT(top_sub("Insurgents assaulted a garrison in Gao, killing nine soldiers."), SUB_ARMED_CLASH);
	CHECK_INT(top_actor1("Insurgents assaulted a garrison in Gao, killing nine soldiers."),
	          ACTOR_REBEL_GROUP);
	CHECK_INT(top_sub("Gunmen killed six Tuareg near Menaka on Tuesday."), SUB_ATTACK);
	CHECK_INT(top_sub("Six tanners were killed in La Ceiba."), -1);
	CHECK_INT(top_sub("Gang members did not kill four tanners in La Ceiba."), -1);
	CHECK_INT(top_sub("Hunters killed five boars in the hills near Kribi."), -1);
	/* a claim of a toll is no killing told */
	CHECK_INT(top_sub("The gang boasted of having killed forty tanners in La Ceiba."), -1);
}

/* Verbs an armed group does to a place or to anyone: storming (a post of
 * the army or police is a battle), opening fire on or ambushing people no
 * list names, blowing up infrastructure (a bombing, though "pipeline" is
 * an accident word), taking a seat of power or entering a town.  A crowd
 * doing so is none of these; herders counted among those killed are
 * people attacked; a backer named after "backed by" does not act. */
static void extract_armed_groups_storming_ambushing_and_blowing_up(void)
{
	CHECK_INT(top_sub("Jihadists stormed the market town of Kaya at dawn."), SUB_ATTACK);
	CHECK_INT(top_sub("Insurgents stormed an army barracks near Kidal on Friday."), SUB_ARMED_CLASH);
	CHECK(top_sub("Angry protesters stormed a district office at Kaya.") != SUB_ATTACK);
	/* storming a post to detain its men is no battle */
	CHECK(top_sub("Militiamen stormed a police post in Kaya and detained two officers.") !=
	      SUB_ARMED_CLASH);
	CHECK_INT(top_sub("A masked gunman opened fire on joggers along the seafront in Durban."),
	          SUB_ATTACK);
	CHECK_INT(top_sub("Bandits ambushed a tax collector outside Gusau."), SUB_ATTACK);
	CHECK_INT(top_sub("Masked men fired on a group of cyclists outside Gusau."), SUB_ATTACK);
	CHECK(top_sub("Troops fired warning shots over the heads of cyclists outside Gusau.") != SUB_ATTACK);
	CHECK_INT(top_sub("Rebels blew up a water pipeline outside Kaya."),
	          SUB_REMOTE_EXPLOSIVE_LANDMINE_IED);
	CHECK_INT(top_sub("Workers blew up the old chimney in a controlled demolition in Durban."), -1);
	CHECK_INT(top_sub("Armed rebels seized parliament in Bangui overnight."),
	          SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	CHECK_INT(top_sub("Armed rebels entered the city of Bambari on Sunday."),
	          SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	CHECK(top_sub("Thousands of protesters entered the city of Bambari on Sunday.") !=
	      SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	CHECK_INT(top_dead("Militants butchered a dozen loggers in a forest near Beni."), 12);
	CHECK_INT(top_sub("Bandits shot dead eleven herders near Gusau."), SUB_ATTACK);
	CHECK_INT(top_actor1("Clan militias backed by the army killed forty Bantu in Jamaame."),
	          ACTOR_IDENTITY_MILITIA);
	CHECK_INT(top_sub("Armed dissidents killed two tax collectors near Puerto Asis."), SUB_ATTACK);
	CHECK_INT(top_actor1("Armed dissidents killed two tax collectors near Puerto Asis."),
	          ACTOR_REBEL_GROUP);
}

/* One person killed ("a tanner"), people killed in the passive by an
 * armed agent, and herders killed with a death word after them ("to
 * death") are attacks on people; one animal killed is no one. */
static void extract_one_killed_and_killed_by_an_armed_agent(void)
{
	CHECK_INT(top_sub("Gang members killed a tanner near La Ceiba on Monday."), SUB_ATTACK);
	CHECK_INT(top_dead("Gang members killed a tanner near La Ceiba on Monday."), 1);
	CHECK_INT(top_sub("Bandits killed a leopard near the camp in Gusau."), -1);
	/* a killing dated to a past year is the setting of a trial */
	CHECK_INT(top_sub("A judge in La Ceiba jailed two gang members who killed four tanners in 2017."),
	          -1);
	CHECK_INT(top_sub("Six tanners were killed by gang members near La Ceiba."), SUB_ATTACK);
	CHECK_INT(top_actor1("Six tanners were killed by gang members near La Ceiba."),
	          ACTOR_POLITICAL_MILITIA);
	CHECK_INT(top_sub("Four Nande were killed by militiamen near Butembo."), SUB_ATTACK);
	CHECK_INT(top_sub("Eight soldiers were killed by insurgents near Gao."), SUB_ARMED_CLASH);
	CHECK_INT(top_sub("Militiamen hacked three herders to death near Bunia."), SUB_ATTACK);
	/* an ethnic community named by its trade is people; named by its arms, fighters */
	CHECK_INT(top_sub("Troops killed seven Fulani cattle herders near Sevare."), SUB_ATTACK);
	CHECK_INT(top_sub("Troops killed seven Fulani militiamen near Sevare."), SUB_ARMED_CLASH);
	/* people named after a determiner are killed people too; "the deal" is no one */
	CHECK_INT(top_sub("Gang members killed their hostages in La Ceiba."), SUB_ATTACK);
	CHECK_INT(top_sub("Gang members killed the proposal at a meeting in La Ceiba."), -1);
	CHECK_INT(top_sub("Insurgent fighters killed unarmed farmhands along a dirt road near Kaya."),
	          SUB_ATTACK);
}

/* A gun battle no side of which is named is fought by unidentified armed
 * men; clashes with no side named stay the army's; a side named only as
 * the object of a clash is its first actor. */
static void extract_unnamed_shootout_is_an_unidentified_armed_group(void)
{
	static const struct {
		const char *text;
		enum actor_type type;
		const char *name;
	} cases[] = {
	    {"On 5 May 2020, a shootout in a Culiacan neighbourhood left three people dead.",
	     ACTOR_POLITICAL_MILITIA, "Unidentified Armed Group (Mexico)"},
	    {"On 5 May 2020, a shoot-out took place in the Mare favela complex in Rio de Janeiro.",
	     ACTOR_POLITICAL_MILITIA, "Unidentified Armed Group (Brazil)"},
	    {"On 5 May 2020, clashes erupted in Kunduz city.", ACTOR_STATE_FORCES,
	     "Military Forces of Afghanistan"},
	    {"On 5 May 2020, police officers were involved in a shootout with suspected robbers in Lagos.",
	     ACTOR_STATE_FORCES, "Police Forces of Nigeria"},
	    /* the side after "with" fights the patient named before the verb */
	    {"On 5 May 2020, four suspected gang members were killed in a shootout with soldiers in Culiacan.",
	     ACTOR_STATE_FORCES, "Military Forces of Mexico"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct extractor *ex = extractor_new(data, NULL);
		const struct conflict_event *ev;
		int n = run(ex, cases[i].text, &ev);
		const struct conflict_event *e = first_event(ev, n);
		CHECK(e != NULL);
		if (e) {
			CHECK_INT(e->sub_event_type, SUB_ARMED_CLASH);
			CHECK_INT(e->actor1.type, cases[i].type);
			CHECK_STR(e->actor1.name, cases[i].name);
		}
		extractor_free(ex);
	}
}

/* A death in detention with no one named is the detaining state's doing
 * (the prison guards, the police); a tortured body found, or a killing in
 * a prison with no torture or custody said, stays unattributed. */
static void extract_death_in_custody_is_the_jailers(void)
{
	static const struct {
		const char *text;
		enum actor_type type;
		const char *name;
	} cases[] = {
	    {"On 5 May 2020, a man from Douma died under torture in a regime prison after three weeks of "
	     "detention.",
	     ACTOR_STATE_FORCES, "Military Forces of Syria"},
	    {"On 5 May 2020, a detainee died in police custody in Lahore after being beaten.", ACTOR_STATE_FORCES,
	     "Police Forces of Pakistan"},
	    {"On 5 May 2020, the body of a man bearing signs of torture was found in Deir ez-Zor.",
	     ACTOR_POLITICAL_MILITIA, "Unidentified Armed Group (Syria)"},
	    {"On 5 May 2020, a prisoner was stabbed to death in Makala prison in Kinshasa.", ACTOR_POLITICAL_MILITIA,
	     "Unidentified Armed Group (Democratic Republic of Congo)"},
	    /* the subject of "died" suffers the torture: no crowd acting */
	    {"On 5 May 2020, a detainee died under torture in a police station in Karachi.", ACTOR_STATE_FORCES,
	     "Police Forces of Pakistan"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct extractor *ex = extractor_new(data, NULL);
		const struct conflict_event *ev;
		int n = run(ex, cases[i].text, &ev);
		const struct conflict_event *e = first_event(ev, n);
		CHECK(e != NULL);
		if (e) {
			CHECK_INT(e->sub_event_type, SUB_ATTACK);
			CHECK_INT(e->actor1.type, cases[i].type);
			CHECK_STR(e->actor1.name, cases[i].name);
		}
		extractor_free(ex);
	}
}

/* A label opening a note ("Movement of forces: On 4 May, ...") names the
 * event; the sentence's subject after it is its agent, not a group named
 * after the verb. */
static void extract_subject_after_a_label_is_actor1(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "Movement of forces: On 4 May 2020, Turkish forces sent reinforcements to their positions in "
	            "Jisr al-Shughur.",
	            &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->sub_event_type, SUB_CHANGE_TO_GROUP_ACTIVITY);
		CHECK_STR(e->actor1.name, "Military Forces of Turkey");
		CHECK_INT(e->actor1.type, ACTOR_EXTERNAL_OTHER);
	}
	n = run(ex,
	        "Property destruction: On 5 May 2020, unknown persons burned a truck belonging to the Hamza "
	        "Division near Afrin.",
	        &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->actor1.type, ACTOR_POLITICAL_MILITIA);
	if (e)
		CHECK(strstr(e->actor1.name, "Hamza") == NULL);
	extractor_free(ex);
}

/* A demolition of a home, a well or a greenhouse by forces is property
 * destruction; a stadium pulled down to build a new one is not. */
static void extract_demolition_of_homes_and_farms_is_property_destruction(void)
{
	static const char *const yes[] = {
	    "On 5 May 2020, Israeli forces demolished the family home of a Palestinian attacker in Jenin.",
	    "On 5 May 2020, Israeli forces demolished two animal barns and a water cistern near Hebron.",
	    "On 5 May 2020, Israeli forces demolished a Palestinian-owned greenhouse in the village of Fasayil.",
	};
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		int n = run(ex, yes[i], &ev);
		const struct conflict_event *e = first_event(ev, n);
		CHECK(e != NULL);
		if (e)
			CHECK_INT(e->sub_event_type, SUB_LOOTING_PROPERTY_DESTRUCTION);
	}
	int n = run(ex, "On 5 May 2020, the municipality demolished the old stadium to make way for a new one.", &ev);
	CHECK(first_event(ev, n) == NULL);
	extractor_free(ex);
}

/* "killed during a police raid": the force naming the operation carries
 * it out; a subject named before the verb stays the agent. */
static void extract_force_naming_its_operation_is_actor1(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, a suspected drug dealer was shot dead in a police operation in Caloocan.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->actor1.name, "Police Forces of the Philippines");
	n = run(ex, "On 5 May 2020, a farmer was killed during an army raid on a village near Tillaberi.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->actor1.name, "Military Forces of Niger");
	n = run(ex, "On 5 May 2020, gunmen attacked a police operation base in Zamfara.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->actor1.type, ACTOR_POLITICAL_MILITIA);
	extractor_free(ex);
}

/* A killing told with its actor and its place is as sure as any event:
 * the cattle the killers also took do not outrank it. */
static void extract_weak_trigger_with_actor_and_place_is_sure(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "Gunmen killed five herders near Gusau in Zamfara state on Monday, police said. The attackers "
	            "also stole cattle before fleeing.",
	            &ev);
	const struct conflict_event *top = NULL;
	for (int i = 0; i < n; i++)
		if (ev[i].record_kind == RECORD_EVENT && (!top || ev[i].confidence > top->confidence))
			top = &ev[i];
	CHECK(top != NULL);
	if (top) {
		CHECK_INT(top->sub_event_type, SUB_ATTACK);
		CHECK_INT(top->fatalities.best, 5);
	}
	/* the theft, told right after with the attackers as its agent and no
	 * place of its own, is part of the attack (ACLED: one event) */
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	extractor_free(ex);
}

/* "the 1994 genocide, in which 800,000 people were killed": a count of
 * dead no single event reaches is a toll, never an event of the day. */
static void extract_count_no_event_reaches_is_a_tally(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "A film about the 1994 genocide, in which 800,000 people were killed, opened in Kigali on "
	            "Friday.",
	            &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	extractor_free(ex);
}

/* "the Sudanese Armed Forces and the RSF clashed": the first side is
 * actor1, the second actor2, with or without an article between. */
static void extract_sides_joined_by_and_the_are_both_actors(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, the Sudanese Armed Forces and the RSF clashed around the airport in Khartoum.",
	            &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->actor1.name, "Military Forces of Sudan");
		CHECK_STR(e->actor2.name, "RSF: Rapid Support Forces");
	}
	extractor_free(ex);
}

/* "Russia shelled Kharkiv": a country named as the subject is its forces,
 * acting abroad, and the event is where they struck; "fighting in Syria"
 * stays a place. */
static void extract_country_as_subject_is_an_actor_not_a_place(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, Russia fired missiles at Kharkiv, killing three civilians.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.country_code, "UA");
		CHECK_STR(e->actor1.name, "Military Forces of Russia");
		CHECK_INT(e->actor1.type, ACTOR_EXTERNAL_OTHER);
	}
	n = run(ex, "On 5 May 2020, Turkey shelled positions near Tal Tamr in Syria.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->actor1.name, "Military Forces of Turkey");
	n = run(ex, "On 5 May 2020, fighting in Syria killed five soldiers.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, "SY");
	extractor_free(ex);
}

/* A party's leader killed is a civilian attacked (ACLED: attack), not a
 * clash with the party; a militia's leader may be armed. */
static void extract_party_leader_killed_is_an_attack(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, a local BJP leader was hacked to death by unidentified assailants in Kannur.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
	n = run(ex, "On 5 May 2020, soldiers killed a Mai-Mai leader in Beni.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ARMED_CLASH);
	extractor_free(ex);
}

/* "Nine assailants were also killed": dead told in addition to the
 * event's own add up (ACLED counts every death of the event); a source
 * that "also reported 2 fatalities" repeats the count. */
static void extract_dead_also_killed_add_up(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex,
	            "Jihadists attacked an army post near Boni in Mali on Sunday, killing 11 soldiers, the army "
	            "said. Nine assailants were also killed, it said.",
	            &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->fatalities.best, 20);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	n = run(ex,
	        "Jihadists attacked an army post near Boni in Mali on Sunday, killing 2 soldiers. A local radio "
	        "also reported 2 fatalities.",
	        &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->fatalities.best, 2);
	extractor_free(ex);
}

/* A post overrun with soldiers killed is a clash; a town overrun, with
 * fighting or without, is territory taken. */
static void extract_post_overrun_with_dead_is_a_clash(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, militants overran a military post in Tillaberi, killing six soldiers.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ARMED_CLASH);
	n = run(ex, "On 5 May 2020, jihadists overran the town of Mansila, killing 20 soldiers.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY);
	extractor_free(ex);
}

/* "a former FSA commander", "a retired soldier" shot dead: no longer under
 * arms, the victim of an attack; a serving soldier's killing is a clash. */
static void extract_former_fighter_killed_is_an_attack(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, unidentified gunmen shot dead a former FSA commander in Tafas.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
	n = run(ex, "On 5 May 2020, gunmen shot dead a retired soldier in Maiduguri.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
	n = run(ex, "On 5 May 2020, gunmen shot dead a soldier in Maiduguri.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->sub_event_type, SUB_ARMED_CLASH);
	extractor_free(ex);
}

/* "... before being shot dead by soldiers", "before he was shot dead by
 * police": the end the attackers met tells no actor of their attack. */
static void extract_attackers_fate_after_before_is_no_actor(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex,
	    "On 5 May 2020, a suicide bomber attacked a checkpoint in Mogadishu before being shot dead by "
	    "soldiers.",
	    &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK(e->actor1.type != ACTOR_STATE_FORCES);
	n = run(ex,
	        "On 5 May 2020, a gunman opened fire at a market in Kano, killing three people before he was "
	        "shot "
	        "dead by police.",
	        &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK(e->actor1.type != ACTOR_STATE_FORCES);
		/* the police met after "before" are no target that makes it a clash */
		CHECK_INT(e->sub_event_type, SUB_ATTACK);
	}
	extractor_free(ex);
}

/* "Russian forces launched drones and missiles at Kyiv": the drones are
 * the force's weapons, not a second force (the air force of the place). */
static void extract_craft_a_force_launches_are_its_weapons(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "On 5 May 2020, Russian forces launched drones and missiles at Kyiv.", &ev);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->actor1.country_code, "RU");
	/* downed, bare aircraft are no force of the place's country against itself */
	n = run(ex,
	        "On 5 May 2020, Ukraine's air force said it shot down 22 of 29 drones launched overnight.",
	        &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK(!e->actor2.present || strcmp(e->actor1.name, e->actor2.name) != 0);
	n = run(ex, "On 5 May 2020, Turkish forces sent drones to strike PKK positions near Duhok.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->actor1.country_code, "TR");
	extractor_free(ex);
}

/* "The death toll from the bombing has risen to 101": the count of the
 * event told before, updated (ACLED keeps the latest), never a second
 * attack; told alone it stands for the event; a war's toll is no event. */
static void extract_toll_of_an_event_updates_its_count(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "A suicide bomber killed 40 worshippers at a mosque in Peshawar on Saturday. The death toll "
	        "from the bombing has risen to 101, officials said on Tuesday.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->fatalities.best, 101);
	n = run(ex, "The death toll from the bombing in Peshawar rose to 101 on Tuesday.", &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->fatalities.best, 101);
	n = run(
	    ex,
	    "Gunmen killed 30 villagers in Plateau state on Sunday. The death toll from the attack has since "
	    "climbed to 52, police said.",
	    &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->fatalities.best, 52);
	n = run(
	    ex,
	    "Gunmen killed 30 villagers in Plateau state on Sunday. The death toll from last week's floods "
	    "rose to 40.",
	    &ev);
	e = first_event(ev, n);
	CHECK(e != NULL);
	if (e)
		CHECK_INT(e->fatalities.best, 30);
	n = run(ex, "The death toll in the war has risen to 360,000, the monitor said.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	extractor_free(ex);
}

/* "..., officials said on Monday. The gunmen arrived on Sunday afternoon
 * ...": the day a source spoke holds the event of the day before, told
 * again with its own day; one event, on Sunday.  An event a week before
 * stays its own. */
static void extract_day_a_source_spoke_joins_the_event_days_before(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(
	    ex,
	    "Suspected jihadists killed at least 20 civilians in an attack on a village in Mali's Mopti "
	    "region, local officials said on Monday. The gunmen arrived on motorbikes on Sunday afternoon "
	    "and opened fire on residents before torching houses.",
	    &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	const struct conflict_event *e = first_event(ev, n);
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->fatalities.best, 20);
		CHECK_INT(e->event_date, event_days_from_civil(2020, 5, 3)); /* the Sunday before pub_ms */
	}
	n = run(ex,
	        "Gunmen killed five villagers in Mopti, local officials said on Monday. On 24 April, gunmen "
	        "killed three traders in Mopti.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 2);
	extractor_free(ex);
}

/* What people flee ("refugees fleeing fighting in Darfur") and a
 * kidnapping whose victims are rescued ("troops rescued 15 kidnapped
 * students") are no event of the sentence; an attack they fled after, or
 * one a convoy escaped, still is. */
static void extract_fighting_fled_and_victims_rescued_are_no_events(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "Sudanese refugees fleeing fighting in Darfur crossed into Chad on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex, "Thousands of residents fled the fighting in El Geneina on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex, "Nigerian troops rescued 15 kidnapped students in Katsina state on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex, "Police freed two kidnapped workers in a raid in Delta state on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex, "Villagers fled after gunmen attacked Kuriga in Kaduna state on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	n = run(ex, "A police convoy narrowly escaped a bomb blast in Quetta on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	extractor_free(ex);
}

/* "Demonstrators clashed with riot police outside parliament; police used
 * water cannon and tear gas": two clauses of one undated sentence at one
 * place tell one day's event, as two dated alike would. */
static void extract_clauses_of_one_undated_sentence_are_one_day(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n =
	    run(ex,
	        "Demonstrators in Tbilisi clashed with riot police outside parliament over a foreign agents "
	        "bill; police used water cannon and tear gas.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	extractor_free(ex);
}

/* A ban on protests is no protest; "as has been demonstrated by" shows,
 * it does not march; students who demonstrated did. */
static void extract_bans_and_things_demonstrated_are_no_protests(void)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *ev;
	int n = run(ex, "Police in Kenya banned all protests in central Nairobi on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex, "The government imposed a ban on protests in Dhaka on Sunday.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(
	    ex,
	    "The group's discipline has been demonstrated by its adherence to a truce in Tumaco, officials "
	    "said.",
	    &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex, "Hundreds of students demonstrated in Bogota on Sunday against the reform.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	/* "demonstrate" that shows takes an object */
	n = run(ex, "The cartel's demonstrated ability to replace its leaders in Sinaloa worries officials.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex, "What this demonstrates is that smuggling through Nogales is an industry.", &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 0);
	n = run(ex,
	        "Hundreds of residents of Eastleigh demonstrated following the lockdown of their district.",
	        &ev);
	CHECK_INT(count_kind(ev, n, RECORD_EVENT), 1);
	extractor_free(ex);
}

int main(void)
{
	char err[512];
	if (extract_data_load(&data, test_env("CONFLICTD_DATA_DIR", "data"), err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	RUN(extract_dated_clash_with_fatalities);
	RUN(extract_tally_is_never_an_event_and_can_be_dropped);
	RUN(extract_negated_and_hypothetical_make_nothing);
	RUN(extract_evidence_maps_to_the_original_bytes);
	RUN(extract_distinct_events_get_distinct_ids);
	RUN(extract_max_events_bounds_the_output);
	RUN(extract_toll_sentence_adds_its_dead_to_the_event);
	RUN(extract_villagers_beating_a_man_is_mob_violence);
	RUN(extract_passive_agent_after_by_is_actor1);
	RUN(extract_crowd_clashing_with_police_is_mob_violence);
	RUN(extract_crowd_burning_property_is_mob_violence);
	RUN(extract_common_worded_region_abroad_is_no_country);
	RUN(extract_alternate_of_a_city_abroad_yields_to_its_container);
	RUN(extract_subject_of_the_verb_before_a_trigger_noun_is_actor1);
	RUN(extract_protest_dispersed_next_sentence_is_one_intervention);
	RUN(extract_event_without_a_place_happened_where_the_narrative_was);
	RUN(extract_pathological_input_stays_bounded);
	RUN(extract_town_named_with_its_province_is_the_one_in_that_province);
	RUN(extract_country_cue_places_a_story_without_known_places);
	RUN(extract_village_the_gazetteer_lacks_keeps_its_name_in_its_province);
	RUN(extract_town_abroad_whose_country_is_never_named_is_a_homonym);
	RUN(extract_arson_beside_a_factory_is_no_accident);
	RUN(extract_neighbourhood_is_coded_at_its_city);
	RUN(extract_towns_naming_a_road_are_not_the_event_place);
	RUN(extract_unknown_place_name_stops_at_a_weekday_and_skips_possessives);
	RUN(extract_unknown_place_name_words_match_in_any_case);
	RUN(extract_unknown_place_name_reads_the_whole_word_before);
	RUN(extract_place_fighters_fled_to_is_not_the_event_place);
	RUN(extract_village_with_homonyms_only_abroad_lies_in_the_named_province);
	RUN(extract_burkina_province_by_its_common_name_places_the_event);
	RUN(extract_exchange_of_fire_hitting_civilians_stays_a_clash);
	RUN(extract_killing_an_off_duty_soldier_is_an_attack);
	RUN(extract_burning_rubber_tyres_on_a_road_is_a_violent_demonstration);
	RUN(extract_state_arrest_and_agentless_detention_are_one_arrest);
	RUN(extract_force_that_reports_the_event_is_not_its_target);
	RUN(extract_police_arresting_protesters_is_the_protesters_event);
	RUN(extract_ambush_told_over_three_sentences_is_one_clash);
	RUN(extract_square_named_like_a_province_is_not_the_place);
	RUN(extract_claim_of_responsibility_names_the_perpetrator);
	RUN(extract_missile_named_by_its_state_is_that_states_strike);
	RUN(extract_victims_named_after_the_by_agent_are_actor2);
	RUN(extract_village_in_parenthesis_lies_in_the_town_named_there);
	RUN(extract_place_at_a_junction_in_a_city_lies_in_that_city);
	RUN(extract_province_after_a_town_beats_a_homonym_pair_abroad);
	RUN(extract_province_name_shared_by_two_countries_takes_the_actors_country);
	RUN(extract_name_that_begins_a_longer_name_is_no_country_evidence);
	RUN(extract_protesters_denied_access_still_protested);
	RUN(extract_arrest_following_accusations_is_an_arrest);
	RUN(extract_agentless_arrest_is_by_the_police);
	RUN(extract_arrest_of_kidnappers_is_an_arrest_not_an_abduction);
	RUN(extract_background_after_an_earlier_year_adds_nothing_to_todays_event);
	RUN(extract_fire_on_civilians_by_an_unnamed_shooter_is_an_attack);
	RUN(extract_clash_and_one_sided_violence_are_told_apart);
	RUN(extract_passive_agent_far_from_its_verb_is_actor1);
	RUN(extract_village_known_abroad_by_an_alternate_name_is_no_evidence);
	RUN(extract_any_property_set_on_fire_is_destruction_by_whoever_did_it);
	RUN(extract_incendiaries_thrown_at_a_building_are_property_destruction);
	RUN(extract_guards_are_state_forces_and_clans_are_communal_militias);
	RUN(extract_codebook_phrasings_of_bombs_abductions_swaps_and_protests);
	RUN(extract_demonstrators_wrecking_property_and_villagers_killing_suspects_riot);
	RUN(extract_subject_accused_of_an_act_is_its_doer);
	RUN(extract_death_in_the_setting_leaves_the_burning_a_riot);
	RUN(extract_more_codebook_phrasings_of_killings_abductions_and_accidents);
	RUN(extract_excessive_force_names_the_forces_as_actor1);
	RUN(extract_interventions_clashes_plunder_and_disappearances);
	RUN(extract_clans_clash_as_militias_and_residents_burning_a_man_riot);
	RUN(extract_riot_without_a_demonstration_is_mob_violence);
	RUN(extract_mob_justice_and_crowds_against_police);
	RUN(extract_beating_by_unnamed_people_is_mob_violence);
	RUN(extract_crowd_storming_a_building_and_demands_with_stones);
	RUN(extract_police_clash_with_stones_and_no_guns_is_a_riot);
	RUN(extract_town_that_fell_to_a_side_was_taken_by_it);
	RUN(extract_sides_joined_by_and_and_possessors);
	RUN(extract_people_set_ablaze_families_fighting_and_expected_clashes);
	RUN(extract_dress_of_the_attackers_names_no_force);
	RUN(extract_party_workers_attacked_are_civilians_not_a_militia);
	RUN(extract_toll_that_fell_to_a_number_is_no_conquest);
	RUN(extract_tasks_records_and_rifles_are_no_conquest_or_abduction);
	RUN(extract_name_repeated_in_parenthesis_is_not_its_own_province);
	RUN(extract_landmine_that_went_off_is_an_explosive_event);
	RUN(extract_protest_over_a_denial_is_a_protest_not_a_dispute);
	RUN(extract_tripoli_is_the_one_the_article_attests_else_the_larger);
	RUN(extract_place_name_in_quotes_names_a_thing);
	RUN(extract_big_city_is_not_paired_through_a_towns_alternate_name);
	RUN(extract_city_inside_a_square_name_is_no_country_evidence);
	RUN(extract_protest_then_police_arrests_is_one_intervention);
	RUN(extract_someone_beaten_by_residents_is_mob_violence);
	RUN(extract_people_who_were_shot_are_victims_not_a_mob);
	RUN(extract_unplaced_event_takes_the_articles_country_over_a_foreign_actors);
	RUN(extract_village_in_a_named_district_is_in_that_districts_country);
	RUN(extract_armed_group_handing_out_food_changes_its_activity);
	RUN(extract_place_naming_a_facility_is_no_country_evidence);
	RUN(extract_unknown_village_in_a_known_province_names_the_location);
	RUN(extract_unknown_district_then_province_is_in_the_province);
	RUN(extract_unplaced_event_takes_the_place_the_next_sentence_gives);
	RUN(extract_the_commune_of_an_unknown_name_is_the_location);
	RUN(extract_unknown_place_held_by_a_town_in_parentheses_is_the_location);
	RUN(extract_town_centre_then_city_is_inside_that_city);
	RUN(extract_tehsil_or_township_names_the_location);
	RUN(extract_stones_at_police_is_a_violent_demonstration);
	RUN(extract_country_name_that_is_a_province_elsewhere_yields_to_the_actors);
	RUN(extract_state_forces_killing_militants_is_a_clash);
	RUN(extract_missiles_fired_by_aircraft_are_air_strikes);
	RUN(extract_army_and_its_allies_regain_territory);
	RUN(extract_territory_owner_after_the_trigger_is_the_loser);
	RUN(extract_territory_taken_over_a_period_is_one_event);
	RUN(extract_protest_against_what_grew_since_a_year_is_a_protest);
	RUN(extract_state_forces_capturing_a_commander_arrest_him);
	RUN(extract_place_held_by_a_group_names_the_holder_not_the_agent);
	RUN(extract_forces_taking_over_a_town_take_territory);
	RUN(extract_headlines_in_the_present_tense_are_events);
	RUN(extract_military_aircraft_entering_airspace_change_activity);
	RUN(extract_killed_toll_in_the_next_sentence_is_the_events_dead);
	RUN(extract_groups_disarming_or_disbanding_change_activity);
	RUN(extract_people_taken_away_by_armed_men_are_abducted);
	RUN(extract_present_tense_headline_verbs);
	RUN(extract_lynched_or_burnt_alive_are_dead_and_animals_make_no_event);
	RUN(extract_force_on_marchers_aircraft_beheadings_and_arms_arrests);
	RUN(extract_by_before_the_trigger_and_crowds_after_by);
	RUN(extract_relative_clause_between_subject_and_verb_keeps_the_agent);
	RUN(extract_protest_topic_deaths_and_people_shot);
	RUN(extract_unilateral_ceasefires_strikes_that_kill_and_one_beaten_to_death);
	RUN(extract_second_probe_set_wordings);
	RUN(extract_deaths_in_a_crowds_setting_are_not_its_own);
	RUN(extract_fighting_reported_on_and_aid_convoys);
	RUN(extract_a_protester_killed_and_staff_seized);
	RUN(extract_victim_and_family_killed_are_counted_together);
	RUN(extract_victim_who_died_later_is_one_dead);
	RUN(extract_agent_after_the_victims_of_a_trigger_noun);
	RUN(extract_blame_in_a_relative_clause_keeps_the_event);
	RUN(extract_crowd_agents_in_the_passive_and_territory_reclaimed);
	RUN(extract_new_commanders_and_last_years_fighting);
	RUN(extract_family_of_n_killed_is_n_dead);
	RUN(extract_armed_actor_counting_its_dead_is_an_event);
	RUN(extract_armed_groups_storming_ambushing_and_blowing_up);
	RUN(extract_one_killed_and_killed_by_an_armed_agent);
	RUN(extract_unnamed_shootout_is_an_unidentified_armed_group);
	RUN(extract_death_in_custody_is_the_jailers);
	RUN(extract_subject_after_a_label_is_actor1);
	RUN(extract_demolition_of_homes_and_farms_is_property_destruction);
	RUN(extract_force_naming_its_operation_is_actor1);
	RUN(extract_weak_trigger_with_actor_and_place_is_sure);
	RUN(extract_count_no_event_reaches_is_a_tally);
	RUN(extract_sides_joined_by_and_the_are_both_actors);
	RUN(extract_country_as_subject_is_an_actor_not_a_place);
	RUN(extract_party_leader_killed_is_an_attack);
	RUN(extract_dead_also_killed_add_up);
	RUN(extract_post_overrun_with_dead_is_a_clash);
	RUN(extract_former_fighter_killed_is_an_attack);
	RUN(extract_attackers_fate_after_before_is_no_actor);
	RUN(extract_craft_a_force_launches_are_its_weapons);
	RUN(extract_toll_of_an_event_updates_its_count);
	RUN(extract_day_a_source_spoke_joins_the_event_days_before);
	RUN(extract_fighting_fled_and_victims_rescued_are_no_events);
	RUN(extract_clauses_of_one_undated_sentence_are_one_day);
	RUN(extract_bans_and_things_demonstrated_are_no_protests);
	extract_data_free(data);
	TEST_DONE();
}
