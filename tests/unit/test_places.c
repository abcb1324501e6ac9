/* test_places.c - where the extractor puts an event: the place and country
 * it chooses among homonyms, provinces and districts, through the public
 * API on short articles written for these tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "test.h"

static struct extract_data *data;
static const int64_t pub_ms = 1657195200000LL; /* 2022-07-07T12:00Z */

/* The first event record of text (NULL when none), from extractor ex. */
static const struct conflict_event *first_event(struct extractor *ex, const char *text)
{
	char err[256];
	const struct conflict_event *ev;
	struct extract_article a = {
	    .id = "p1", .text = text, .text_len = strlen(text), .published_at_ms = pub_ms};
	int n = extractor_run(ex, &a, &ev, err, sizeof err);
	for (int i = 0; i < n; i++)
		if (ev[i].record_kind == RECORD_EVENT)
			return &ev[i];
	return NULL;
}

static void check_country(const char *text, const char *cc)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *e = first_event(ex, text);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.country_code, cc);
	extractor_free(ex);
}

static void check_admin1(const char *text, const char *admin1)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *e = first_event(ex, text);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.admin1, admin1);
	extractor_free(ex);
}

static void check_location(const char *text, const char *name)
{
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *e = first_event(ex, text);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->location.name, name);
	extractor_free(ex);
}

/* Countries as conflict news names them: "Burkina" for short, a bare
 * "Congo" for the Democratic Republic, Kosovo (no ISO code; XK), and
 * "Kashmir" for the Indian-administered valley, not a town abroad that
 * GeoNames also calls so (Cashmere, Washington), "the DRC" and "the UAE"
 * (their adjectives too, "DRC troops"). */
static void places_countries_by_their_news_names(void)
{
	check_country("Gunmen killed 12 civilians in northern Burkina on Sunday.", "BF");
	check_country("Rebels killed 12 civilians in eastern Congo on Sunday.", "CD");
	check_country("Gunmen killed 12 civilians in Congo-Brazzaville on Sunday.", "CG");
	check_country("Police clashed with protesters in Kosovo on Sunday.", "XK");
	check_location("Police clashed with protesters in Kosovo on Sunday.", "Kosovo");
	check_country("Militants attacked a police post in Kashmir on Sunday.", "IN");
	/* a short name in capitals that is also the country's adjective */
	check_country("Gunmen killed 12 civilians in the DRC on Sunday.", "CD");
	check_country("Protesters marched in the UAE capital on Sunday.", "AE");
}

/* "Gaza" is a province of Mozambique and the city of Gaza; "Beni" a
 * department of Bolivia and a city of Congo: a bare name means the large
 * city, whatever country the actors are from; called a province, or
 * named with its towns, it is the province. */
static void places_large_city_outranks_a_province_abroad_of_its_name(void)
{
	check_country("Twelve people were killed in Gaza on Sunday, the health ministry said.", "PS");
	check_location("An Israeli air strike killed 12 people in Gaza on Sunday.", "Gaza");
	check_country("An Israeli air strike killed 12 people in Gaza on Sunday.", "PS");
	check_country("Gunmen killed 12 civilians in Beni on Sunday, officials said.", "CD");
	check_country("Protesters blocked roads in Xai-Xai, Gaza province, on Sunday.", "MZ");
	check_country("Protesters blocked roads in Gaza province, Mozambique, on Sunday.", "MZ");
	check_country("Police fired tear gas at protesters in Trinidad, Beni, on Sunday.", "BO");
}

/* A country named as the agent of a passive ("a truce brokered by the
 * United States and Saudi Arabia") is neither the place nor the story's
 * country; one that owns what follows ("by Mexico's police") still is. */
static void places_agent_after_by_is_no_place(void)
{
	check_country("The Sudanese army and the RSF agreed to a 72-hour ceasefire brokered by the United States "
	              "and Saudi Arabia.",
	              "SD");
	check_country("Gunmen killed 12 villagers in an attack condemned by the United States on Sunday.", "");
	check_country("Twelve suspects were arrested by Mexico's federal police on Sunday.", "MX");
}

/* "the town of Sake": a word the stop list holds ("sake") is the town the
 * text calls it, where a town of that name exists; "for the sake of" is
 * none. */
static void places_settlement_cue_lifts_the_stop_list(void)
{
	check_location("M23 rebels seized the town of Sake, west of Goma, on Sunday.", "Sake");
	check_country("M23 rebels seized the town of Sake, west of Goma, on Sunday.", "CD");
}

/* Pakistan's Kashmir is "Azad Jammu and Kashmir" (its official name, the
 * one ACLED codes); GeoNames calls it "Azad Kashmir", a name still read. */
static void places_azad_kashmir_has_its_official_name(void)
{
	check_admin1("Indian shelling killed two civilians in Kotli on Sunday, officials said.",
	             "Azad Jammu and Kashmir");
	check_admin1("Indian troops shelled villages in Azad Kashmir on Sunday, killing two civilians.",
	             "Azad Jammu and Kashmir");
}

/* "Beni territory": Congo's Beni, whose districts are territories, not
 * Bolivia's department of Beni, also written after a village's name. */
static void places_unit_word_no_country_uses_leaves_the_province_aside(void)
{
	check_country("On 7 July 2022, rebels killed twelve civilians in Beni territory.", "CD");
	check_country("On 7 July 2022, rebels killed twelve civilians in Lume, Beni territory.", "CD");
	/* the country that does use the word keeps its province */
	check_country("On 7 July 2022, farmers blocked a road in Beni department.", "BO");
}

/* "Gaza" is a province of Mozambique and a city of 410,000: the province
 * is no evidence of the story's country, so the other words decide. */
static void places_province_named_like_a_large_city_abroad_is_no_evidence(void)
{
	check_country("On 7 July 2022, Palestinian gunmen fired at an army jeep in Gaza.", "PS");
	check_country("On 7 July 2022, Hamas militants fought soldiers in Gaza for hours.", "PS");
	/* a province's name that no large city abroad shares still counts */
	check_country("On 7 July 2022, insurgents attacked a village in Cabo Delgado, killing five.", "MZ");
}

/* "near the Somali border": a country named as a border is where the story
 * is near, not where it is, so a town the text names on the other side of
 * it keeps its own country against a group from across the border. */
static void places_country_named_as_a_border_is_no_evidence(void)
{
	check_country("On 7 July 2022, al-Shabaab fighters attacked a police post in Mandera, near the "
	              "Somali border.",
	              "KE");
	check_country("On 7 July 2022, ADF rebels killed six farmers near Bundibugyo, close to the "
	              "Congolese border.",
	              "UG");
	check_country("On 7 July 2022, al-Shabaab gunmen killed four traders in Mandera, near the border "
	              "with Somalia.",
	              "KE");
}

/* "the Cameroonian town of Fotokol": a demonym that says which country a
 * place lies in weighs as much as the country's name, against a group
 * from across the border (here a town the gazetteer lacks). */
static void places_demonym_before_town_of_is_the_towns_country(void)
{
	check_country("On 7 July 2022, Boko Haram fighters attacked the Cameroonian town of Fotokol.", "CM");
	check_country("On 7 July 2022, Boko Haram insurgents raided the Nigerien village of Toumour, "
	              "killing 28.",
	              "NE");
}

/* A district whose name two provinces of one country use is the one in
 * the province of a town the story surely names (its dateline here). */
static void places_homonym_in_the_province_of_a_named_town_comes_first(void)
{
	check_admin1(
	    "PATNA - Maoists blew up a school building in Aurangabad district on Sunday, police said.",
	    "Bihar");
	check_admin1("RAIPUR - Two soldiers were killed when Maoist rebels ambushed a patrol in Bijapur "
	             "district.",
	             "Chhattisgarh");
	/* without such a town, the larger homonym */
	check_admin1("Maoists blew up a school building in Aurangabad district on Sunday, police said.",
	             "Maharashtra");
}

/* Where a statement was made is not where the event was: "told reporters
 * in Gao", "officials in Kigali said", "an official said in Ouagadougou",
 * even when the event's place is only a province or district. */
static void places_where_a_statement_was_made_is_not_the_events(void)
{
	check_location("On 7 July 2022, militants killed six herders in Kidal region, a local official "
	               "told reporters in Gao.",
	               "Kidal");
	check_location("On 7 July 2022, police shot dead two protesters in Bugesera district, officials in "
	               "Kigali said.",
	               "Bugesera District");
	check_location("On 7 July 2022, jihadists burned a school in Soum province, an official said in "
	               "Ouagadougou.",
	               "Soum");
}

/* The town a verb strikes ("raided Kagoro") is the event's place, not the
 * city whose region locates it ("in southern Kaduna"). */
static void places_town_struck_comes_before_the_region_locating_it(void)
{
	check_location("On 7 July 2022, gunmen raided Kagoro in southern Kaduna, killing three.", "Kagoro");
}

/* "Samar" is only an alternate name of Russia's Samara and the own name of
 * a Philippine province: the city abroad is no evidence against the
 * story's other words (a Philippine group). */
static void places_city_abroad_by_an_alternate_yields_to_an_own_name(void)
{
	check_country("On 7 July 2022, NPA guerrillas burned two trucks in Samar, the army said.", "PH");
	check_country("On 7 July 2022, NPA rebels ambushed a patrol in Samar, killing two soldiers.", "PH");
}

/* Regions GeoNames' towns do not name (data/places_extra.tsv): "Sinai" is
 * Egypt's peninsula, not Sardinia's Sinnai by a loose spelling. */
static void places_hand_checked_regions(void)
{
	check_country(
	    "On 7 July 2022, jihadists attacked an army checkpoint in Sinai, killing three soldiers.", "EG");
	check_admin1("On 7 July 2022, government aircraft bombed villages in Jebel Marra.", "Central Darfur");
	check_admin1("On 7 July 2022, shelling hit a market in the Nuba Mountains, killing two.",
	             "South Kordofan");
}

/* When only an actor or a demonym names the story's country ("Russian
 * missiles"), a large city the event's clause names stands, and the state's
 * forces there act abroad. */
static void places_large_city_named_stands_against_an_attackers_country(void)
{
	const char *t = "On 7 July 2022, Russian missiles struck an apartment block in Kherson, killing six.";
	check_country(t, "UA");
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *e = first_event(ex, t);
	CHECK(e && e->actor1.present && e->actor1.type == ACTOR_EXTERNAL_OTHER);
	extractor_free(ex);
}

/* "Pinabacdao, Samar": the province written after a village the gazetteer
 * lacks is one of its first place's country, not a same-named region abroad
 * (Russia's Samara). */
static void places_province_after_a_village_is_of_the_first_places_country(void)
{
	check_country(
	    "On 7 July 2022, rebels ambushed an army patrol near Hinablan, Samar, killing a soldier.", "PH");
	check_country("On 7 July 2022, shelling hit Verkhnia Tykha, Luhansk, wounding two.", "UA");
}

/* A large city's own name is evidence of its country even when a smaller
 * city abroad lists the name among its alternates (Homs; Libya's Al Khums):
 * it outweighs the foreign air force that struck near it. */
static void places_big_citys_own_name_beats_an_alternate_abroad(void)
{
	check_country("On 7 July 2022, Israeli jets struck an arms depot in Tiyas camp east of Homs, killing "
	              "two fighters.",
	              "SY");
}

/* Those who oppose a group act in its country: "anti-Houthi forces" put
 * a story with no other clue in Yemen, not in the country of the only
 * region it names ("the West Coast", a New Zealand region by that name). */
static void places_opponents_of_a_group_are_in_its_country(void)
{
	check_country("On 7 July 2022, anti-Houthi forces on the West Coast shelled a village, killing two.",
	              "YE");
}

/* Places of the world's busiest conflict areas, written the ways news
 * writes them: a possessive province, a unit word, a comma container, a
 * transliteration, a town named with its oblast. */
static void places_conflict_areas_in_common_wordings(void)
{
	static const char *const t[][2] = {
	    {"On 7 July 2022, Turkish artillery shelled villages near Tal Rifaat in northern Aleppo.", "SY"},
	    {"On 7 July 2022, Russian missiles hit a shopping mall in Kremenchuk, Poltava oblast.", "UA"},
	    {"On 7 July 2022, the army clashed with the Arakan Army in Paletwa township, Chin state.", "MM"},
	    {"On 7 July 2022, armed bandits killed 20 villagers in Anka LGA of Zamfara State.", "NG"},
	    {"On 7 July 2022, al-Shabaab militants attacked troops in Beledweyne, Hiiraan region.", "SO"},
	    {"On 7 July 2022, the Taliban attacked a checkpoint in Nad Ali district of Helmand province.",
	     "AF"},
	    {"On 7 July 2022, M23 rebels seized the border town of Bunagana in North Kivu.", "CD"},
	    {"On 7 July 2022, Maoists killed a villager in Bijapur district of Chhattisgarh.", "IN"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		check_country(t[i][0], t[i][1]);
}

/* A road named by its two ends ("the Damboa-Biu road") locates the event
 * in their country, though neither end is where it happened: the ends are
 * places of their own, not a compound name such as "Nord-Kivu". */
static void places_road_named_by_its_two_ends_is_in_their_country(void)
{
	check_country("On 7 July 2022, gunmen abducted 12 passengers on the Damboa-Biu road.", "NG");
	check_country("On 7 July 2022, militants ambushed a convoy on the Bannu-Miranshah road, killing two "
	              "soldiers.",
	              "PK");
	check_country("On 7 July 2022, protesters blocked the Amioun-Batroun highway with burning tyres.",
	              "LB");
	/* the ends are not the place: a road of several words' end either */
	struct extractor *ex = extractor_new(data, NULL);
	const struct conflict_event *e = first_event(
	    ex, "On 7 July 2022, ISWAP fighters ambushed soldiers on the Damasak-Malam Fatori road, "
	        "killing four.");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->location.country_code, "NG");
		CHECK(e->location.geo_precision == 3);
	}
	extractor_free(ex);
}

/* "PORT-AU-PRINCE - ... in Delmas": the city a story is filed from
 * outweighs a lone town abroad that shares a name with a place of the
 * story (South Africa's Delmas). */
static void places_dateline_city_outweighs_a_lone_town_abroad(void)
{
	check_country("PORT-AU-PRINCE - Gunmen shot dead a police officer in Delmas on Tuesday.", "HT");
}

int main(void)
{
	char err[512];
	if (extract_data_load(&data, test_env("CONFLICTD_DATA_DIR", "data"), err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	RUN(places_unit_word_no_country_uses_leaves_the_province_aside);
	RUN(places_azad_kashmir_has_its_official_name);
	RUN(places_countries_by_their_news_names);
	RUN(places_large_city_outranks_a_province_abroad_of_its_name);
	RUN(places_agent_after_by_is_no_place);
	RUN(places_settlement_cue_lifts_the_stop_list);
	RUN(places_province_named_like_a_large_city_abroad_is_no_evidence);
	RUN(places_country_named_as_a_border_is_no_evidence);
	RUN(places_demonym_before_town_of_is_the_towns_country);
	RUN(places_homonym_in_the_province_of_a_named_town_comes_first);
	RUN(places_where_a_statement_was_made_is_not_the_events);
	RUN(places_town_struck_comes_before_the_region_locating_it);
	RUN(places_city_abroad_by_an_alternate_yields_to_an_own_name);
	RUN(places_hand_checked_regions);
	RUN(places_large_city_named_stands_against_an_attackers_country);
	RUN(places_province_after_a_village_is_of_the_first_places_country);
	RUN(places_big_citys_own_name_beats_an_alternate_abroad);
	RUN(places_opponents_of_a_group_are_in_its_country);
	RUN(places_conflict_areas_in_common_wordings);
	RUN(places_road_named_by_its_two_ends_is_in_their_country);
	RUN(places_dateline_city_outweighs_a_lone_town_abroad);
	extract_data_free(data);
	TEST_DONE();
}
