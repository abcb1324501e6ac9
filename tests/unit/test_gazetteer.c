/* test_gazetteer.c - place mentions in real-style sentences, resolution by
 * context, countries, and the cost of loading the shipped data. */
#include "extract/gazetteer.h"
#include "test.h"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static struct gazetteer *gaz;
static const char *data_dir;

/* The mention covering the first occurrence of name in text, or NULL. */
static const struct gaz_mention *find(const char *text, const char *name, struct gaz_mention *ms, size_t n)
{
	const char *at = strstr(text, name);
	if (!at)
		return NULL;
	size_t s = (size_t)(at - text), e = s + strlen(name);
	for (size_t i = 0; i < n; i++)
		if (ms[i].start == s && ms[i].end == e)
			return &ms[i];
	return NULL;
}

static size_t scan(const char *text, struct gaz_mention *ms, size_t max)
{
	return gazetteer_scan(gaz, text, strlen(text), ms, max);
}

static const struct gaz_place *resolve1(const char *text, const char *name, const struct gaz_context *ctx)
{
	struct gaz_mention ms[32];
	size_t n = scan(text, ms, 32);
	const struct gaz_mention *m = find(text, name, ms, n);
	return m ? gazetteer_resolve(gaz, m, ctx) : NULL;
}

/* The cue words around a name ("village of", "province") are read eight
 * bytes at a time when the text goes on for sixteen bytes, byte by byte at
 * its very end: the same cues either way, whatever the words' case. */
static void gazetteer_cue_words_read_the_same_at_the_end_of_the_text(void)
{
	static const char *const texts[] = {
	    "They shelled the VILLAGE of Abu al-Husn in Deir Ezzor Province",
	    "They shelled the village of Abu al-Husn in Deir Ezzor PROVINCE",
	    "They shelled the Village Of Abu al-Husn in Deir Ezzor province",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char buf[256];
		const char *tails[] = {"", ".", " on Saturday, witnesses said at the scene."};
		for (size_t k = 0; k < 3; k++) {
			snprintf(buf, sizeof buf, "%s%s", texts[i], tails[k]);
			struct gaz_mention ms[16];
			size_t n = scan(buf, ms, 16);
			const struct gaz_mention *v = find(buf, "Abu al-Husn", ms, n);
			const struct gaz_mention *p = find(buf, "Deir Ezzor", ms, n);
			CHECK(v && v->cue == GAZ_CUE_SETTLEMENT);
			CHECK(p && p->cue == GAZ_CUE_ADMIN);
		}
	}
}

/* Wire copy written in capitals: only a cue word makes a place ("IN
 * HOMS", "ALEPPO PROVINCE"), every other capitalised word is passed over
 * ("SHELLED HAMA").  The scan remembers where the run of capitals ends and
 * which words are cue words: the same passage after a sentence in mixed
 * case, or with a lower-case word inside, gives the same mentions. */
static void gazetteer_shouted_text_names_places_only_beside_a_cue(void)
{
	const char *shout = "FIGHTING BROKE OUT IN HOMS AND IN ALEPPO PROVINCE YESTERDAY.  THE ARMY SHELLED "
	                    "HAMA AND THE VILLAGE OF KAFR NABL.";
	struct gaz_mention ms[16], mt[16];
	size_t n = scan(shout, ms, 16);
	const struct gaz_mention *h = find(shout, "HOMS", ms, n);
	const struct gaz_mention *a = find(shout, "ALEPPO", ms, n);
	const struct gaz_mention *k = find(shout, "KAFR NABL", ms, n);
	CHECK(h != NULL && h->cue == GAZ_CUE_IN);
	CHECK(a != NULL && a->cue == GAZ_CUE_ADMIN);
	CHECK(k != NULL && k->cue == GAZ_CUE_SETTLEMENT);
	CHECK(find(shout, "HAMA", ms, n) == NULL);
	CHECK_INT(n, 3);

	char buf[512];
	static const char *const before[] = {"Reports said so on Monday. ", "a ", "", "AFP: x "};
	for (size_t b = 0; b < sizeof(before) / sizeof(before[0]); b++) {
		size_t off = strlen(before[b]);
		snprintf(buf, sizeof(buf), "%s%s", before[b], shout);
		size_t m = scan(buf, mt, 16);
		CHECK_INT(m, n);
		for (size_t i = 0; i < m && i < n; i++) {
			CHECK_INT(mt[i].start, ms[i].start + off);
			CHECK_INT(mt[i].end, ms[i].end + off);
			CHECK_INT(mt[i].cue, ms[i].cue);
		}
	}
	/* a lower-case word between: "HAMA" stays passed over, the cues stay */
	const char *mixed = "FIGHTING BROKE OUT IN HOMS and IN ALEPPO PROVINCE.  THE ARMY SHELLED HAMA.";
	size_t m = scan(mixed, mt, 16);
	CHECK(find(mixed, "HOMS", mt, m) != NULL);
	CHECK(find(mixed, "ALEPPO", mt, m) != NULL);
	CHECK(find(mixed, "HAMA", mt, m) == NULL);
}

static void gazetteer_village_and_province_get_their_cues(void)
{
	const char *t = "Jihadists attacked the village of Abu al-Husn in Deir Ezzor province on Saturday.";
	struct gaz_mention ms[16];
	size_t n = scan(t, ms, 16);
	const struct gaz_mention *v = find(t, "Abu al-Husn", ms, n);
	const struct gaz_mention *p = find(t, "Deir Ezzor", ms, n);
	CHECK(v != NULL);
	CHECK(p != NULL);
	if (!v || !p)
		return;
	CHECK_INT(v->cue, GAZ_CUE_SETTLEMENT);
	CHECK_INT(p->cue, GAZ_CUE_ADMIN);
	struct gaz_context none = {0};
	const struct gaz_place *vp = gazetteer_resolve(gaz, v, &none);
	const struct gaz_place *pp = gazetteer_resolve(gaz, p, &none);
	/* without a context, a village is no evidence of anything */
	CHECK(gazetteer_resolve(gaz, v, NULL) == NULL);
	CHECK(vp && vp->kind == GAZ_POPULATED);
	CHECK(pp && pp->kind == GAZ_ADMIN1);
	if (pp) {
		CHECK_STR(pp->admin1, "Deir-ez-Zor");
		CHECK_STR(pp->country, "Syria");
		CHECK_STR(pp->country_code, "SY");
	}
	CHECK_INT(n, 2); /* "Jihadists" and "Saturday" are not places */
}

static void gazetteer_transliterations_meet(void)
{
	const char *spellings[] = {"Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zor", "Deir el-Zor"};
	const struct gaz_place *first = NULL;
	char text[128];
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		snprintf(text, sizeof(text), "Shelling hit %s on Monday.", spellings[i]);
		const struct gaz_place *p = resolve1(text, spellings[i], NULL);
		CHECK(p != NULL);
		if (!p)
			continue;
		CHECK_STR(p->country_code, "SY");
		CHECK_NEAR(p->lat, 35.34, 0.1);
		if (!first)
			first = p;
		CHECK(p == first);
	}
}

static void gazetteer_tripoli_follows_the_article_country(void)
{
	const char *t = "Fighting broke out in Tripoli overnight.";
	struct gaz_context ly = {.n_countries = 1, .countries = {"LY"}};
	struct gaz_context lb = {.n_countries = 1, .countries = {"LB"}};
	const struct gaz_place *a = resolve1(t, "Tripoli", &ly);
	const struct gaz_place *b = resolve1(t, "Tripoli", &lb);
	CHECK(a && !strcmp(a->country_code, "LY"));
	CHECK(b && !strcmp(b->country_code, "LB"));
	if (b)
		CHECK_NEAR(b->lat, 34.43, 0.1);
}

/* A capital of 880 people (Kingston, Norfolk Island) and a region named
 * after its seat (Kingston parish) never outrank a city of 900,000. */
static void gazetteer_tiny_capital_does_not_beat_a_big_city(void)
{
	const struct gaz_place *p =
	    resolve1("Gunmen killed a child in Kingston city on Tuesday.", "Kingston", NULL);
	CHECK(p != NULL);
	if (p)
		CHECK_STR(p->country_code, "JM");
}

/* The loose key drops Arabic particles; it must not carry "Al-Bostan" (an
 * Arabic name, "the garden") to Boston, whose GeoNames alternates hold the
 * Persian "Bostan". */
static void gazetteer_loose_alternates_stay_in_arabic_speaking_lands(void)
{
	const char *t = "Police closed the Al-Bostan market in Homs after the fire.";
	struct gaz_mention ms[16];
	size_t n = scan(t, ms, 16);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ms[i].n_cand; k++) {
			const struct gaz_place *p = gazetteer_place(gaz, ms[i].cand[k]);
			CHECK(p && strcmp(p->name, "Boston") != 0);
		}
	/* an alternate in Syria still meets without its particle */
	struct gaz_context sy = {.n_countries = 1, .countries = {"SY"}};
	const struct gaz_place *q = resolve1("Shelling hit Ras al-Ain on Monday.", "Ras al-Ain", &sy);
	CHECK(q && !strcmp(q->country_code, "SY"));
}

/* GeoNames titles districts ("Kabupaten Aceh Utara", "Partido de Berisso",
 * "Municipio de Tibú"); the text names them bare. */
static void gazetteer_titled_districts_answer_to_their_bare_name(void)
{
	const struct gaz_place *p =
	    resolve1("Police clashed with protesters in Aceh Utara district on Friday.", "Aceh Utara", NULL);
	CHECK(p && p->kind == GAZ_ADMIN2 && !strcmp(p->country_code, "ID"));
	if (p)
		CHECK_STR(p->name, "Aceh Utara");
	p = resolve1("Gunmen killed two farmers in Tibu municipality, Norte de Santander.", "Tibu", NULL);
	CHECK(p && !strcmp(p->country_code, "CO"));
}

/* A facility or office named after its place is at that place; an
 * unknown capitalised word after a name still ends the match. */
static void gazetteer_facility_after_a_place_keeps_the_place(void)
{
	const struct gaz_place *p = resolve1("Drones struck the Hama Airbase overnight.", "Hama", NULL);
	CHECK(p && !strcmp(p->country_code, "SY"));
	p = resolve1("Dozens protested outside the Aydin Governorship on Monday.", "Aydin", NULL);
	CHECK(p && !strcmp(p->country_code, "TR"));
	struct gaz_mention ms[8];
	const char *t = "Fighters entered Bulo Mareer on Monday.";
	size_t n = scan(t, ms, 8);
	CHECK(find(t, "Bulo", ms, n) == NULL);
}

/* "Larissa" is a first name and the usual spelling of Larisa (Greece):
 * a place on its own, a person beside a surname. */
static void gazetteer_doubled_spelling_of_a_city_is_not_only_a_first_name(void)
{
	const struct gaz_place *p =
	    resolve1("Farmers drove their tractors into Larissa on Monday.", "Larissa", NULL);
	CHECK(p && !strcmp(p->country_code, "GR"));
	struct gaz_mention ms[8];
	const char *t = "The minister Larissa Petrova said talks would resume.";
	size_t n = scan(t, ms, 8);
	CHECK(find(t, "Larissa", ms, n) == NULL);
}

/* "J&K", the Indian press's short form of Jammu and Kashmir, is one word
 * and names the region. */
static void gazetteer_jk_is_jammu_and_kashmir(void)
{
	const struct gaz_place *p =
	    resolve1("Troops exchanged fire along the LoC in Poonch district, J&K, on Friday.", "J&K", NULL);
	CHECK(p && p->kind == GAZ_ADMIN1 && !strcmp(p->country_code, "IN"));
	if (p)
		CHECK_STR(p->name, "Jammu and Kashmir");
}

/* A province keeps a candidate slot beside the same-named capital of its
 * country, however many towns abroad share the name. */
static void gazetteer_province_named_like_a_city_stays_a_candidate(void)
{
	const char *t = "Residents of Martinez (Buenos Aires) banged pots on Thursday.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *m = find(t, "Buenos Aires", ms, n);
	CHECK(m != NULL);
	int province = 0;
	for (size_t k = 0; m && k < m->n_cand; k++) {
		const struct gaz_place *p = gazetteer_place(gaz, m->cand[k]);
		province |= p->kind == GAZ_ADMIN1 && !strcmp(p->country_code, "AR");
	}
	CHECK(province);
}

/* A village called what the text says comes before a larger village that
 * merely lists the name among its alternates (GeoNames' Serhiyivka lists
 * "Serhiivka"). */
static void gazetteer_own_name_before_an_alternate(void)
{
	const char *t = "Monitors recorded 14 explosions near Serhiivka on Monday.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *m = find(t, "Serhiivka", ms, n);
	CHECK(m && m->n_cand > 0);
	if (m && m->n_cand)
		CHECK_STR(gazetteer_place(gaz, m->cand[0])->name, "Serhiivka");
}

/* In a story that names its provinces, a village of the same name in
 * another province of that country is a homonym of one the gazetteer
 * lacks; a village of a named province, or a city, still stands. */
static void gazetteer_village_outside_the_named_provinces_is_a_homonym(void)
{
	const char *t = "Troops exchanged fire at Shahpur sector (Poonch district, J&K) on Tuesday.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *jk = find(t, "J&K", ms, n), *sh = find(t, "Shahpur", ms, n);
	CHECK(jk != NULL);
	CHECK(sh != NULL);
	if (!jk || !sh)
		return;
	const struct gaz_place *r = gazetteer_resolve(gaz, jk, NULL);
	CHECK(r && r->kind == GAZ_ADMIN1);
	if (!r)
		return;
	struct gaz_context in = {.n_countries = 1, .countries = {"IN"}};
	const struct gaz_place *before = gazetteer_resolve(gaz, sh, &in);
	CHECK(before && strcmp(before->admin1, "Jammu and Kashmir") != 0);
	in.n_admin1 = 1;
	in.admin1[0] = r->id;
	CHECK(gazetteer_resolve(gaz, sh, &in) == NULL);
	const char *t2 = "Shelling hit Jammu city and Poonch in J&K.";
	n = scan(t2, ms, 8);
	const struct gaz_mention *jm = find(t2, "Jammu", ms, n);
	const struct gaz_place *city = jm ? gazetteer_resolve(gaz, jm, &in) : NULL;
	CHECK(city && !strcmp(city->admin1, "Jammu and Kashmir"));
}

static void gazetteer_saraqib_is_a_town_of_idlib(void)
{
	const char *t = "Government forces advanced on Saraqib.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	CHECK_INT(n, 1);
	const struct gaz_place *p = n ? gazetteer_resolve(gaz, &ms[0], NULL) : NULL;
	CHECK(p && !strcmp(p->admin1, "Idleb") && p->kind == GAZ_POPULATED); /* ACLED's spelling */
}

static void gazetteer_admin1_context_picks_the_right_homonym(void)
{
	/* Nigeria has a Daura in Katsina and a larger one in Yobe */
	const char *t = "Bandits raided Daura on Sunday.";
	const struct gaz_place *plain = resolve1(t, "Daura", NULL);
	CHECK(plain && !strcmp(plain->country_code, "NG") && !strcmp(plain->admin1, "Yobe"));
	const struct gaz_place *katsina = resolve1("Gunmen struck in Katsina State.", "Katsina State", NULL);
	CHECK(katsina && katsina->kind == GAZ_ADMIN1);
	if (!katsina)
		return;
	struct gaz_context ctx = {
	    .n_countries = 1, .countries = {"NG"}, .n_admin1 = 1, .admin1 = {katsina->id}};
	const struct gaz_place *p = resolve1(t, "Daura", &ctx);
	CHECK(p && !strcmp(p->admin1, "Katsina"));
}

static void gazetteer_person_names_are_not_places(void)
{
	/* Aguilar and Sandoval are towns too; here they are people */
	const char *t = "Prosecutor Jose Gutierrez said Aguilar and Maria Sandoval were charged.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  unexpected place \"%.*s\"\n", (int)(ms[i].end - ms[i].start),
		        t + ms[i].start);
	CHECK_INT(n, 0);
}

static void gazetteer_weak_names_need_to_stand_alone(void)
{
	/* Bria is a first name and a town in the Central African Republic */
	struct gaz_mention ms[8];
	const char *t = "Fighting resumed in Bria on Monday.";
	size_t n = scan(t, ms, 8);
	CHECK(find(t, "Bria", ms, n) != NULL);
	CHECK_INT(scan("Bria Johnson spoke to reporters.", ms, 8), 0);
}

static void gazetteer_common_words_are_not_places(void)
{
	const char *t =
	    "Police said the Army would deal with it. Of the dead, Said was one, and Mobile units came.";
	struct gaz_mention ms[16];
	size_t n = scan(t, ms, 16);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  unexpected place \"%.*s\"\n", (int)(ms[i].end - ms[i].start),
		        t + ms[i].start);
	CHECK_INT(n, 0);
}

static void gazetteer_capitals_need_a_cue(void)
{
	const char *t = "THE ARCE BATTALION REPORTED THAT TERRORISTS STRUCK IN SAN MIGUEL DEPARTMENT.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	for (size_t i = 0; n != 1 && i < n; i++)
		fprintf(stderr, "  place \"%.*s\"\n", (int)(ms[i].end - ms[i].start), t + ms[i].start);
	CHECK_INT(n, 1);
	CHECK(find(t, "SAN MIGUEL DEPARTMENT", ms, n) != NULL);
	/* a dateline in capitals before mixed-case text is still a place */
	CHECK(scan("KABUL, Afghanistan - Gunmen attacked a checkpoint.", ms, 8) >= 1);
	CHECK(ms[0].start == 0 && ms[0].end == 5);
	CHECK(scan("BEIRUT (AFP) - Israeli strikes hit south Lebanon.", ms, 8) == 2);
	CHECK(ms[0].start == 0 && ms[0].end == 6);
}

/* The words around a name count in any case: "Province", "Village". */
static void gazetteer_cue_words_count_in_capitals(void)
{
	const char *t = "SDF fighters advanced in Deir Ezzor Province as jihadists shelled the Village of "
	                "Abu al-Husn.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *p = find(t, "Deir Ezzor", ms, n);
	const struct gaz_mention *v = find(t, "Abu al-Husn", ms, n);
	CHECK(p != NULL);
	CHECK(v != NULL);
	if (p)
		CHECK_INT(p->cue, GAZ_CUE_ADMIN);
	if (v)
		CHECK_INT(v->cue, GAZ_CUE_SETTLEMENT);
}

static void gazetteer_lowercase_words_are_not_places(void)
{
	struct gaz_mention ms[8];
	CHECK_INT(scan("the aleppo offensive near homs and idlib", ms, 8), 0);
}

static void gazetteer_terrain_file_entries_are_found(void)
{
	const char *t = "IS fighters were besieged in Tulul al-Safa, then fled into the Badia desert.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *a = find(t, "Tulul al-Safa", ms, n);
	const struct gaz_mention *b = find(t, "Badia", ms, n);
	CHECK(a && b);
	const struct gaz_place *pa = a ? gazetteer_resolve(gaz, a, NULL) : NULL;
	const struct gaz_place *pb = b ? gazetteer_resolve(gaz, b, NULL) : NULL;
	CHECK(pa && pa->kind == GAZ_TERRAIN && !strcmp(pa->admin1, "As-Sweida"));
	CHECK(pb && pb->kind == GAZ_TERRAIN && !strcmp(pb->country_code, "SY"));
	if (pa)
		CHECK_STR(pa->source_id, "extra:tulul-al-safa");
}

static void gazetteer_longest_match_wins(void)
{
	const char *t = "Clashes in Abu Kamal and in Ras al-Ain.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	CHECK(find(t, "Abu Kamal", ms, n) != NULL);
	CHECK(find(t, "Ras al-Ain", ms, n) != NULL);
	CHECK_INT(n, 2);
}

static void gazetteer_near_cues(void)
{
	const char *t =
	    "A car bomb exploded near Afrin, and shells fell on Idlib's outskirts and north of Hama.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *a = find(t, "Afrin", ms, n), *b = find(t, "Idlib", ms, n),
	                         *c = find(t, "Hama", ms, n);
	CHECK(a && a->cue == GAZ_CUE_NEAR);
	CHECK(b && b->cue == GAZ_CUE_NEAR);
	CHECK(c && c->cue == GAZ_CUE_NEAR);
	const char *t2 = "Clashes in Deir Ezzor's countryside continued.";
	n = scan(t2, ms, 8);
	a = find(t2, "Deir Ezzor", ms, n);
	CHECK(a && a->cue == GAZ_CUE_NEAR);
}

static void gazetteer_parenthesised_district_and_province(void)
{
	/* "(district, province)" after a village too small for the gazetteer */
	const char *t = "Gunmen burned huts in Lopa (Djugu, Ituri) on Friday.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *d = find(t, "Djugu", ms, n), *p = find(t, "Ituri", ms, n);
	CHECK(d && d->cue == GAZ_CUE_ADMIN);
	CHECK(p && p->cue == GAZ_CUE_ADMIN);
	struct gaz_context cd = {.n_countries = 1, .countries = {"CD"}};
	const struct gaz_place *dp = d ? gazetteer_resolve(gaz, d, &cd) : NULL;
	const struct gaz_place *pp = p ? gazetteer_resolve(gaz, p, &cd) : NULL;
	CHECK(dp && dp->kind == GAZ_ADMIN2 && !strcmp(dp->admin1, "Ituri"));
	CHECK(pp && pp->kind == GAZ_ADMIN1 && !strcmp(pp->country_code, "CD"));
	/* without the parentheses a district's bare name is not a place */
	CHECK_INT(scan("Militiamen from Irumu attacked.", ms, 8), 0);
}

static void gazetteer_town_is_preferred_to_its_same_named_region(void)
{
	const struct gaz_place *p = resolve1("An airstrike hit a market in Idlib on Friday.", "Idlib", NULL);
	CHECK(p && p->kind == GAZ_POPULATED && !strcmp(p->admin1, "Idleb"));
	p = resolve1("Airstrikes across Idlib province killed 12.", "Idlib", NULL);
	CHECK(p && p->kind == GAZ_ADMIN1);
}

static void gazetteer_admin1_names_are_matchable(void)
{
	const struct gaz_place *p =
	    resolve1("Boko Haram attacked a base in Borno State.", "Borno State", NULL);
	CHECK(p && p->kind == GAZ_ADMIN1 && !strcmp(p->country_code, "NG"));
	if (p)
		CHECK_STR(p->name, "Borno");
}

static void gazetteer_populated_places_carry_admin1(void)
{
	const struct gaz_place *p = resolve1("Clashes erupted in Maiduguri.", "Maiduguri", NULL);
	CHECK(p && !strcmp(p->admin1, "Borno") && !strcmp(p->country, "Nigeria"));
	p = resolve1("Houthis fired on Sanaa.", "Sanaa", NULL);
	CHECK(p && !strcmp(p->country_code, "YE"));
	if (p)
		CHECK(strcmp(p->admin1, "") != 0);
}

static void gazetteer_countries_by_code_and_name(void)
{
	const struct gaz_place *sy = gazetteer_country(gaz, "SY");
	CHECK(sy && !strcmp(sy->name, "Syria") && sy->kind == GAZ_COUNTRY);
	CHECK(gazetteer_country(gaz, "sy") == sy);
	CHECK(gazetteer_country(gaz, "QQ") == NULL);
	CHECK(gazetteer_country(gaz, "SYR") == NULL);
	const char *names[] = {"Syria", "Syrian Arab Republic", "syria"};
	for (size_t i = 0; i < 3; i++)
		CHECK(gazetteer_country_by_name(gaz, names[i], strlen(names[i])) == sy);
	const struct gaz_place *cd = gazetteer_country(gaz, "CD");
	const char *congo[] = {"DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo",
	                       "DRC"};
	for (size_t i = 0; i < 4; i++)
		CHECK(gazetteer_country_by_name(gaz, congo[i], strlen(congo[i])) == cd);
	const struct gaz_place *ci = gazetteer_country_by_name(gaz, "Ivory Coast", 11);
	CHECK(ci && !strcmp(ci->country_code, "CI"));
	CHECK(gazetteer_country_by_name(gaz, "Aleppo", 6) == NULL);
	CHECK(gazetteer_country_by_name(gaz, "Atlantis", 8) == NULL);
}

static void gazetteer_demonyms_name_countries_when_the_file_is_there(void)
{
	const char *dir = data_dir;
	char path[1024];
	snprintf(path, sizeof(path), "%s/demonyms.tsv", dir);
	FILE *f = fopen(path, "r");
	if (f) {
		fclose(f);
		const struct gaz_place *sy = gazetteer_country_by_name(gaz, "Syrian", 6);
		CHECK(sy && !strcmp(sy->country_code, "SY"));
	}
	/* without the file (a data dir of links to the gazetteer's own files)
	 * the load succeeds and demonyms are simply unknown */
	char tmp[] = "/tmp/gaztestXXXXXX";
	if (!mkdtemp(tmp)) {
		CHECK(0);
		return;
	}
	const char *files[] = {"gazetteer.tsv", "countries.tsv", "places_extra.tsv", "place_stopwords.txt"};
	char src[1024], dst[1024];
	for (size_t i = 0; i < 4; i++) {
		snprintf(src, sizeof(src), "%s/%s", dir, files[i]);
		if (src[0] != '/') {
			char cwd[512];
			snprintf(src, sizeof(src), "%s/%s/%s", getcwd(cwd, sizeof(cwd)) ? cwd : ".", dir,
			         files[i]);
		}
		snprintf(dst, sizeof(dst), "%s/%s", tmp, files[i]);
		CHECK(symlink(src, dst) == 0);
	}
	struct gazetteer *g = NULL;
	char err[256];
	CHECK_INT(gazetteer_load(&g, tmp, err, sizeof(err)), 0);
	if (g) {
		CHECK(gazetteer_country_by_name(g, "Syrian", 6) == NULL);
		CHECK(gazetteer_country_by_name(g, "Syria", 5) != NULL);
		gazetteer_free(g);
	}
	for (size_t i = 0; i < 4; i++) {
		snprintf(dst, sizeof(dst), "%s/%s", tmp, files[i]);
		unlink(dst);
	}
	rmdir(tmp);
}

static void gazetteer_country_mention_resolves_to_the_country(void)
{
	const struct gaz_place *p = resolve1("Protests spread across Lebanon.", "Lebanon", NULL);
	CHECK(p && p->kind == GAZ_COUNTRY && !strcmp(p->country_code, "LB"));
}

static void gazetteer_small_homonym_abroad_is_dropped_by_context(void)
{
	/* "Homs" the Syrian city must not become a village elsewhere, and a
	 * tiny foreign place does not resolve in a story about Syria. */
	struct gaz_context sy = {.n_countries = 1, .countries = {"SY"}};
	const struct gaz_place *p = resolve1("Rockets hit Homs.", "Homs", &sy);
	CHECK(p && !strcmp(p->country_code, "SY"));
}

static void gazetteer_mentions_are_bounded(void)
{
	const char *t = "Aleppo, Homs, Hama, Idlib, Raqqa and Daraa.";
	struct gaz_mention ms[3];
	CHECK_INT(scan(t, ms, 3), 3);
	CHECK_INT(scan(t, ms, 0), 0);
	CHECK_INT(gazetteer_scan(gaz, t, 0, ms, 3), 0);
}

static void gazetteer_scan_survives_odd_bytes(void)
{
	/* edges: text ending inside a name, a possessive, a hyphen, UTF-8 */
	const char *edges[] = {"Aleppo's", "in Deir ez-", "Homs-",    "al", "al Bab", "Idlib\xe2\x80",
	                       "\xc3",     "Ma'",         "Ma'arrat", "'s", "-A",     "A-B-C-D-E-F-G-H-I-J",
	                       "Near"};
	struct gaz_mention ms[4];
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		size_t n = scan(edges[i], ms, 4);
		for (size_t k = 0; k < n; k++)
			CHECK(ms[k].start < ms[k].end && ms[k].end <= strlen(edges[i]));
	}
	/* random bytes biased to letters, capitals, spaces and hyphens */
	static const char alphabet[] = "AaBbDdHhIiZz -'.\xc3\xa9\xe2\x80\x99";
	char buf[512];
	unsigned x = 12345;
	for (int round = 0; round < 200; round++) {
		size_t len = 1 + (size_t)(round * 7) % (sizeof(buf) - 1);
		for (size_t i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
		}
		struct gaz_mention many[64];
		size_t n = gazetteer_scan(gaz, buf, len, many, 64);
		for (size_t k = 0; k < n; k++) {
			CHECK(many[k].end <= len && many[k].start < many[k].end);
			CHECK(many[k].n_cand >= 1 && many[k].n_cand <= GAZ_MAX_CANDIDATES);
		}
	}
}

/* Runs of lower-case words are passed over eight bytes at a time up to the
 * word before the next capital: a lower-case Arabic article right before a
 * name still opens it ("al Bab", "el Fasher"), whatever the length of the
 * run before it and wherever the eight-byte steps fall. */
static void gazetteer_lower_case_runs_keep_the_article_before_a_name(void)
{
	static const char *const tails[] = {"shells fell on al Bab.", "fighters pushed on toward ad Dana.",
	                                    "clashes in the villages near el Fasher.",
	                                    "the strikes hit ma'arrat and then al-Bab"};
	static const char *const names[] = {"al Bab", "ad Dana", "el Fasher", "al-Bab"};
	static const char pad[] =
	    "and then the shelling went on for hours in the quarters around it so that ";
	for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
		struct gaz_mention ref[8];
		size_t nr = scan(tails[t], ref, 8);
		const struct gaz_mention *r = find(tails[t], names[t], ref, nr);
		CHECK(r != NULL);
		if (!r)
			continue;
		for (size_t k = 0; k + 1 < sizeof(pad); k += 3) {
			char buf[256];
			snprintf(buf, sizeof(buf), "%s%s", pad + k, tails[t]);
			struct gaz_mention ms[8];
			size_t n = scan(buf, ms, 8);
			const struct gaz_mention *m = find(buf, names[t], ms, n);
			CHECK(m != NULL);
			if (!m)
				continue;
			CHECK_INT(m->cue, r->cue);
			CHECK_INT(m->n_cand, r->n_cand);
			CHECK(m->n_cand > 0 && m->cand[0] == r->cand[0]);
		}
	}
}

/* The words before a name are read backwards eight bytes a step: a long
 * word there is read whole, at any alignment and at the text's start.  A
 * capitalised word before a name makes it the tail of a longer one, with
 * non-ASCII letters inside it too; a lower-case one does not. */
static void gazetteer_words_before_a_name_are_read_whole(void)
{
	static const char *const cued[] = {"30 kilometres from Homs.", "on the southern outskirts of Homs.",
	                                   "in the vicinity of Homs."};
	static const char *const heads[] = {"", "x ", "It ", "It was ", "Reports said it lies "};
	for (size_t c = 0; c < sizeof(cued) / sizeof(cued[0]); c++)
		for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++) {
			char buf[128];
			snprintf(buf, sizeof(buf), "%s%s", heads[h], cued[c]);
			struct gaz_mention ms[8];
			size_t n = scan(buf, ms, 8);
			const struct gaz_mention *m = find(buf, "Homs", ms, n);
			CHECK(m != NULL);
			if (m)
				CHECK_INT(m->cue, GAZ_CUE_NEAR);
		}
	struct gaz_mention ms[8];
	const char *t = "They met Christophersonville Homs.";
	CHECK(find(t, "Homs", ms, scan(t, ms, 8)) == NULL);
	t = "They met christophersonville Homs.";
	CHECK(find(t, "Homs", ms, scan(t, ms, 8)) != NULL);
	t = "They met M\xc3\xbcllerstra\xc3\x9f"
	    "enhausen Homs.";
	CHECK(find(t, "Homs", ms, scan(t, ms, 8)) == NULL);
	t = "They met m\xc3\xbcllerstra\xc3\x9f"
	    "enhausen Homs.";
	CHECK(find(t, "Homs", ms, scan(t, ms, 8)) != NULL);
}

static void gazetteer_load_errors_name_the_file(void)
{
	struct gazetteer *g = NULL;
	char err[256] = "";
	CHECK_INT(gazetteer_load(&g, "/nonexistent-dir", err, sizeof(err)), -1);
	CHECK(g == NULL);
	CHECK(strstr(err, "/nonexistent-dir/gazetteer.tsv") != NULL);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Loads the real data several times; prints the median and the peak RSS. */
static void gazetteer_loads_fast_enough(const char *dir)
{
	double t[3];
	char err[256];
	for (int i = 0; i < 3; i++) {
		struct gazetteer *g = NULL;
		double t0 = now();
		int rc = gazetteer_load(&g, dir, err, sizeof(err));
		t[i] = now() - t0;
		CHECK_INT(rc, 0);
		gazetteer_free(g);
	}
	qsort(t, 3, sizeof(t[0]), cmp_double);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("gazetteer: %zu places, load median %.0f ms, peak RSS %ld MB\n", gazetteer_size(gaz),
	       t[1] * 1e3, ru.ru_maxrss / 1024);
	/* generous: sanitizer and debug builds are several times slower */
	CHECK(t[1] < 3.0);
}

static void gazetteer_district_titled_province_of_matches_by_its_bare_name(void)
{
	/* GeoNames writes "Province of Negros Occidental"; news writes it bare. */
	const char *t = "Soldiers clashed with NPA rebels in Negros Occidental province on Friday.";
	struct gaz_context none = {0};
	const struct gaz_place *p = resolve1(t, "Negros Occidental", &none);
	CHECK(p != NULL);
	if (p) {
		CHECK_INT(p->kind, GAZ_ADMIN2);
		CHECK_STR(p->country_code, "PH");
	}
}

/* The kind of a mention's first candidate, or -1 when name is no mention. */
static int first_kind(const char *text, const char *name, const char **cc)
{
	struct gaz_mention ms[32];
	size_t n = scan(text, ms, 32);
	const struct gaz_mention *m = find(text, name, ms, n);
	if (!m || !m->n_cand)
		return -1;
	const struct gaz_place *p = gazetteer_place(gaz, m->cand[0]);
	if (cc)
		*cc = p->country_code;
	return (int)p->kind;
}

/* A district (GeoNames admin2) named right after a place, after a comma or
 * in parentheses, is that place's container, with no unit word. */
static void gazetteer_district_after_a_comma_or_in_parentheses_is_a_container(void)
{
	const char *cc = NULL;
	CHECK_INT(first_kind("Soldiers clashed with rebels in Marawi, Lanao del Sur.", "Lanao del Sur", &cc),
	          GAZ_ADMIN2);
	CHECK(cc && !memcmp(cc, "PH", 2));
	CHECK_INT(first_kind("Soldiers killed two rebels in Ipil (Zamboanga Sibugay) on Monday.",
	                     "Zamboanga Sibugay", &cc),
	          GAZ_ADMIN2);
	CHECK_INT(first_kind("Troops raided a camp near Malaybalay, Bukidnon, on Friday.", "Bukidnon", &cc),
	          GAZ_ADMIN2);
}

/* The container picks its own place among a common name's many homonyms,
 * even one ranked past the candidates kept: San Miguel of Bohol, not El
 * Salvador's; Santa Rosa of Nueva Ecija, not Guatemala's. */
static void gazetteer_container_picks_the_homonym_inside_it(void)
{
	static const char *const t[][3] = {
	    {"Rebels raided San Miguel, Bohol, on Sunday.", "San Miguel", "Bohol"},
	    {"Gunmen shot a man in Santa Rosa, Nueva Ecija.", "Santa Rosa", "Nueva Ecija"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct gaz_mention ms[16];
		size_t n = scan(t[i][0], ms, 16);
		const struct gaz_mention *m = find(t[i][0], t[i][1], ms, n);
		CHECK(m && m->n_cand > 0);
		if (!m || !m->n_cand)
			continue;
		const struct gaz_place *p = gazetteer_place(gaz, m->cand[0]);
		CHECK(!memcmp(p->country_code, "PH", 2));
		CHECK_STR(p->admin2, t[i][2]);
	}
}

/* "Muthraw (Hpapun) District"-style text names the unit twice: the name in
 * the parenthesis is no container. */
static void gazetteer_alias_in_parentheses_before_a_unit_word_is_no_container(void)
{
	CHECK_INT(first_kind("Clashes were reported in Malaybalay (Bukidnon) Province.", "Bukidnon", NULL),
	          -1);
	/* the same text with no unit word after the parenthesis: a container */
	CHECK_INT(first_kind("Clashes were reported in Malaybalay (Bukidnon).", "Bukidnon", NULL),
	          GAZ_ADMIN2);
}

/* A name joined to more capitalised words by "e", "de", "al" and the rest
 * is one name: when the gazetteer lacks it, its first word is no place
 * ("Bagh" of "Bagh e Naran"), unless a major city ("Aleppo al Jadida").
 * The whole name still matches, and "and" joins two places. */
static void gazetteer_head_of_a_longer_joined_name_is_no_place(void)
{
	CHECK_INT(first_kind("Gunmen shot a trader in Bagh e Naran on Monday.", "Bagh", NULL), -1);
	CHECK_INT(first_kind("Police raided a port near Santo Tomas de Castilla.", "Santo Tomas", NULL), -1);
	CHECK_INT(first_kind("Troops entered Aleppo al Jadida.", "Aleppo", NULL), GAZ_POPULATED);
	CHECK_INT(
	    first_kind("Police in San Pedro de Macoris arrested two men.", "San Pedro de Macoris", NULL),
	    GAZ_POPULATED);
	CHECK_INT(first_kind("Clashes in Homs and Hama.", "Homs", NULL), GAZ_POPULATED);
	CHECK(first_kind("Clashes in Homs and Hama.", "Hama", NULL) >= 0);
}

/* The unit word after a province's name says whose province it is:
 * Venezuela's admin1 units are states, Colombia's departments (ISO 3166-2
 * via gazetteer.tsv), so "Sucre state" and "Sucre department" differ. */
static void gazetteer_unit_word_picks_the_country_that_uses_it(void)
{
	static const char *const t[][2] = {
	    {"Troops clashed with guerrillas in Sucre state on Monday.", "VE"},
	    {"Troops clashed with guerrillas in Sucre department on Monday.", "CO"},
	    {"Farmers blocked roads in Bolivar State.", "VE"},
	    {"Farmers blocked roads in the department of Bolivar.", "CO"},
	    {"Farmers blocked roads in the state of Bolivar.", "VE"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *name = strstr(t[i][0], "Sucre") ? "Sucre" : "Bolivar";
		const char *cc = NULL;
		CHECK_INT(first_kind(t[i][0], name, &cc), GAZ_ADMIN1);
		CHECK(cc && !memcmp(cc, t[i][1], 2));
	}
}

/* A district GeoNames calls "Busia District" is written "Busia district"
 * too: the lower-case unit word finds it (Uganda's), while another unit
 * word keeps the province it names ("Busia county", Kenya's county), and
 * the bare name alone stays no district. */
static void gazetteer_lower_case_unit_word_finds_the_district(void)
{
	const char *cc = NULL;
	CHECK_INT(first_kind("Police dispersed a crowd in Busia district on Monday.", "Busia", &cc),
	          GAZ_ADMIN2);
	CHECK(cc && !memcmp(cc, "UG", 2));
	CHECK_INT(first_kind("Police dispersed a crowd in Busia county on Monday.", "Busia", &cc),
	          GAZ_ADMIN1);
	CHECK(cc && !memcmp(cc, "KE", 2));
	CHECK(first_kind("Police dispersed a crowd in Busia on Monday.", "Busia", NULL) != GAZ_ADMIN2);
	CHECK(first_kind("Traders came to Mbale (Busia) on Monday.", "Busia", NULL) != GAZ_ADMIN2);
	/* Congo's territories, Pakistan's former agencies: the same */
	CHECK_INT(first_kind("Rebels killed seven civilians in Masisi territory on Friday.", "Masisi", &cc),
	          GAZ_ADMIN2);
	CHECK(cc && !memcmp(cc, "CD", 2));
	CHECK_INT(first_kind("Troops fought militants in Khyber district on Friday.", "Khyber", &cc),
	          GAZ_ADMIN2);
	CHECK(cc && !memcmp(cc, "PK", 2));
}

/* A country's name with a province's unit word after it is the province
 * of that name ("Niger state" is Nigeria's); without the unit word, or as
 * the country closing a parenthesis, it stays the country. */
static void gazetteer_country_name_with_a_unit_word_is_the_province(void)
{
	const char *cc = NULL;
	CHECK_INT(first_kind("Kidnappers freed twenty travellers in Niger state on Monday.", "Niger", &cc),
	          GAZ_ADMIN1);
	CHECK(cc && !memcmp(cc, "NG", 2));
	CHECK_INT(first_kind("Kidnappers freed twenty travellers in Niger on Monday.", "Niger", &cc),
	          GAZ_COUNTRY);
	CHECK_INT(first_kind("Soldiers were ambushed near Menaka (Menaka, Mali) on Monday.", "Mali", &cc),
	          GAZ_COUNTRY);
}

/* A people's name before a unit word is the province named after them:
 * "the Somali region" is Ethiopia's; the people's name alone is no place. */
static void gazetteer_demonym_with_a_unit_word_is_the_province(void)
{
	const char *cc = NULL;
	CHECK_INT(
	    first_kind("Clan fighters clashed near Gode in the Somali region on Monday.", "Somali", &cc),
	    GAZ_ADMIN1);
	CHECK(cc && !memcmp(cc, "ET", 2));
	CHECK_INT(first_kind("Somali troops clashed with militants near Gode on Monday.", "Somali", NULL),
	          -1);
	CHECK_INT(first_kind("Clan fighters clashed near Gode (Somali, Ethiopia) on Monday.", "Somali", NULL),
	          -1);
}

/* Elsewhere a district's bare name stays unmatched: in running text, and
 * as one item of a list of places. */
static void gazetteer_district_in_prose_or_a_list_is_no_container(void)
{
	CHECK_INT(first_kind("Bukidnon farmers sold rice on Monday.", "Bukidnon", NULL), -1);
	CHECK_INT(first_kind("Troops visited Cebu, Bukidnon, Iloilo and Leyte.", "Bukidnon", NULL), -1);
	CHECK_INT(first_kind("Troops visited Cebu, Bukidnon and Leyte.", "Bukidnon", NULL), -1);
	CHECK_INT(first_kind("Residents said, Bukidnon was calm.", "Bukidnon", NULL), -1);
}

/* A container that is also a town's own name stays the town: the district
 * of that name (here one of the Philippines' Sultan Kudarat) is no
 * candidate, so it cannot pull a homonym before it abroad. */
static void gazetteer_container_that_is_a_town_stays_the_town(void)
{
	const char *t = "Rebels ambushed troops in Kalamansig (Sultan Kudarat) on Tuesday.";
	struct gaz_mention ms[16];
	size_t n = scan(t, ms, 16);
	const struct gaz_mention *m = find(t, "Sultan Kudarat", ms, n);
	CHECK(m != NULL);
	for (size_t i = 0; m && i < m->n_cand; i++)
		CHECK(gazetteer_place(gaz, m->cand[i])->kind != GAZ_ADMIN2);
}

/* "Mayadin" is GeoNames' "Al Mayadin": a name written without its Arabic
 * article matches with no cue word, as an alternate name would. */
static void gazetteer_name_without_its_arabic_article_matches(void)
{
	const char *t = "Militants fled to Raqqa and Mayadin.";
	const char *cc = NULL;
	CHECK_INT(first_kind(t, "Mayadin", &cc), GAZ_POPULATED);
	CHECK(cc && !memcmp(cc, "SY", 2));
	struct gaz_context none = {0};
	const struct gaz_place *p = resolve1(t, "Mayadin", &none);
	CHECK(p && !strcmp(p->name, "Al Mayadin"));
	cc = NULL;
	CHECK(first_kind("The army shelled Derna and Bayda.", "Bayda", &cc) >= 0);
	CHECK(cc && (!memcmp(cc, "YE", 2) || !memcmp(cc, "LY", 2)));
}

/* The article-less form is weak: an exact name elsewhere wins (Badari, a
 * village of the Gambia, over Egypt's Al Badari), it holds only in lands
 * whose names come through Arabic script ("Paso" is no El Paso), and short
 * words stay words ("Bab" is no Al Bab). */
static void gazetteer_article_less_name_is_weak(void)
{
	const char *t = "Protesters marched in Cairo and Badari.";
	struct gaz_mention ms[16];
	size_t n = scan(t, ms, 16);
	const struct gaz_mention *m = find(t, "Badari", ms, n);
	CHECK(m != NULL);
	for (size_t i = 0; m && i < m->n_cand; i++)
		CHECK(memcmp(gazetteer_place(gaz, m->cand[i])->country_code, "EG", 2) != 0);
	CHECK_INT(first_kind("The army entered Aleppo and Paso.", "Paso", NULL), -1);
	CHECK_INT(first_kind("Fighters took Manbij and Bab.", "Bab", NULL), -1);
}

/* Spans of several words fetch their strict and loose keys together: a
 * strict key still wins ("San Salvador"), a loose one is found when the
 * strict one is absent ("Deir Ezzor"), and a run of capitalised common
 * words that is neither ("Human Rights Watch") gives no mention. */
static void gazetteer_multiword_spans_find_strict_then_loose_keys(void)
{
	const char *t = "Human Rights Watch said troops entered San Salvador and Deir Ezzor.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *ss = find(t, "San Salvador", ms, n);
	const struct gaz_mention *dz = find(t, "Deir Ezzor", ms, n);
	CHECK(ss != NULL);
	CHECK(dz != NULL);
	CHECK(find(t, "Human Rights Watch", ms, n) == NULL);
	CHECK(find(t, "Human Rights", ms, n) == NULL);
	const struct gaz_place *p = ss ? gazetteer_resolve(gaz, ss, NULL) : NULL;
	CHECK(p != NULL && strcmp(p->country_code, "SV") == 0);
	p = dz ? gazetteer_resolve(gaz, dz, NULL) : NULL;
	CHECK(p != NULL && strcmp(p->country_code, "SY") == 0);
}

/* Spans of several words are tried only when the lead filter knows some
 * key that starts like their first two words, strictly or loosely: names
 * after a lead word, joined by a hyphen, or spelled with another article
 * ("Deir Al-Zor" for "Deir ez-Zor") still pass; capitalised common words
 * do not become places. */
/* A district's bare name yields to a large city whose own name it is:
 * "in Gaza" is the city, never a district of that name (GeoNames lists one
 * in Israel's Southern District), whatever the context says. */
static void gazetteer_district_bare_name_yields_to_a_large_city(void)
{
	const char *t = "Tanks shelled houses in Gaza on Monday.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	const struct gaz_mention *m = find(t, "Gaza", ms, n);
	CHECK(m != NULL);
	for (size_t i = 0; m && i < m->n_cand; i++)
		CHECK(gazetteer_place(gaz, m->cand[i])->kind != GAZ_ADMIN2);
	struct gaz_context ctx = {.n_countries = 1, .countries = {"IL"}};
	const struct gaz_place *p = resolve1(t, "Gaza", &ctx);
	CHECK(p == NULL || p->kind != GAZ_ADMIN2);
	/* with its unit word the district stands */
	const char *u = "Tanks shelled houses in Gaza district on Monday.";
	n = scan(u, ms, 8);
	m = find(u, "Gaza", ms, n);
	int district = 0;
	for (size_t i = 0; m && i < m->n_cand; i++)
		district |= gazetteer_place(gaz, m->cand[i])->kind == GAZ_ADMIN2;
	CHECK(district);
}

/* A name after "near" or "in" that only a district's bare name matches
 * (GeoNames lists Myawaddy District, not its town) is that district; with
 * no cue word it stays unknown, as a bare district name usually is. */
static void gazetteer_cued_name_only_a_district_has_is_the_district(void)
{
	const struct gaz_place *p = resolve1("Rebels seized an army base near Myawaddy.", "Myawaddy", NULL);
	CHECK(p && p->kind == GAZ_ADMIN2);
	if (p)
		CHECK_STR(p->country_code, "MM");
	p = resolve1("Fighting went on in Myawaddy on Monday.", "Myawaddy", NULL);
	CHECK(p && p->kind == GAZ_ADMIN2);
	CHECK(resolve1("Myawaddy traders closed their shops.", "Myawaddy", NULL) == NULL);
}

/* A name whose first word is a possessive ("Cox's Bazar") is one name,
 * not a possessive and a place abroad ("Bazar", an alternate name of a
 * Kyrgyz town); a possessive before a name still is one ("Syria's Idlib"). */
static void gazetteer_name_may_open_with_a_possessive(void)
{
	const struct gaz_place *p = resolve1("Gangs clashed in a camp in Cox's Bazar.", "Cox's Bazar", NULL);
	CHECK(p != NULL);
	if (p)
		CHECK_STR(p->country_code, "BD");
	p = resolve1("A fire swept through a market in King's Lynn.", "King's Lynn", NULL);
	CHECK(p != NULL);
	if (p)
		CHECK_STR(p->country_code, "GB");
	const char *t = "Jets struck rebel positions in Syria's Idlib province.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	CHECK(find(t, "Syria", ms, n) != NULL);
	CHECK(find(t, "Idlib", ms, n) != NULL);
}

static void gazetteer_names_of_several_words_pass_the_lead_filter(void)
{
	static const struct {
		const char *text, *name, *cc;
	} cases[] = {
	    {"Talks resumed in The Hague on Monday.", "The Hague", "NL"},
	    {"Rebels advanced in North-Kivu overnight.", "North-Kivu", "CD"},
	    {"Shelling hit Deir Al-Zor again.", "Deir Al-Zor", "SY"},
	    {"A rally was held in Abu Dhabi.", "Abu Dhabi", "AE"},
	    {"Sirens sounded in Tel Aviv and Kafr Nabl.", "Kafr Nabl", "SY"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gaz_mention ms[8];
		size_t n = scan(cases[i].text, ms, 8);
		const struct gaz_mention *m = find(cases[i].text, cases[i].name, ms, n);
		CHECK(m != NULL);
		const struct gaz_place *p = m ? gazetteer_resolve(gaz, m, NULL) : NULL;
		CHECK(p != NULL && strcmp(p->country_code, cases[i].cc) == 0);
	}
	const char *t = "According To officials, Armed Forces Day passed quietly.";
	struct gaz_mention ms[8];
	size_t n = scan(t, ms, 8);
	CHECK(find(t, "According To", ms, n) == NULL);
	CHECK(find(t, "Armed Forces", ms, n) == NULL);
	CHECK(find(t, "Armed Forces Day", ms, n) == NULL);
}

/* In capitals every word after a lead word starts a span, and a start
 * whose word is no one-word key, strict or loose, and whose first two words
 * start no longer name is passed over before any cue is read.  Names found
 * only by their loose key ("JEDAH" for Jeddah, "TALLAFAR" for Tall 'Afar,
 * "MAYADIN" for Al Mayadin), only as a district's bare name ("MYAWADDY")
 * or by several words ("DEIR EZZOR", "AL BAB") stay found, in capitals and
 * in mixed case; words no name starts with stay words. */
static void gazetteer_starts_no_key_knows_are_passed_over(void)
{
	static const struct {
		const char *text, *name, *cc;
	} cases[] = {
	    {"TROOPS FOUGHT IN RAQQAH AND NEAR MYAWADDY.", "RAQQAH", "SY"},
	    {"TROOPS FOUGHT IN RAQQAH AND NEAR MYAWADDY.", "MYAWADDY", "MM"},
	    {"Troops fought in Raqqah and near Myawaddy.", "Raqqah", "SY"},
	    {"Troops fought in Raqqah and near Myawaddy.", "Myawaddy", "MM"},
	    {"REBELS SHELLED HOUSES IN LARISSA", "LARISSA", "GR"},
	    {"MILITANTS REGROUPED IN MAYADIN.", "MAYADIN", "SY"},
	    {"CLASHES ERUPTED IN JEDAH", "JEDAH", "SA"},
	    {"CLASHES ERUPTED IN TALLAFAR", "TALLAFAR", "IQ"},
	    {"FIGHTING WENT ON IN DEIR EZZOR AND IN DAYR AZ ZAWR.", "DEIR EZZOR", "SY"},
	    {"FIGHTING WENT ON IN DEIR EZZOR AND IN DAYR AZ ZAWR.", "DAYR AZ ZAWR", "SY"},
	    {"SHELLS FELL ON AL BAB", "AL BAB", "SY"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct gaz_place *p = resolve1(cases[i].text, cases[i].name, NULL);
		if (!p || strcmp(p->country_code, cases[i].cc) != 0)
			fprintf(stderr, "  %s in \"%s\": %s\n", cases[i].name, cases[i].text,
			        p ? p->name : "none");
		CHECK(p != NULL && strcmp(p->country_code, cases[i].cc) == 0);
	}
	struct gaz_mention ms[8];
	CHECK_INT(scan("ACCORDING TO THE SOURCE THE GUERRILLAS ATTACKED THE GARRISON AT DAWN", ms, 8), 0);
}

int main(void)
{
	const char *dir = data_dir = test_env("CONFLICTD_DATA_DIR", "data");
	char err[512];
	if (gazetteer_load(&gaz, dir, err, sizeof(err)) < 0) {
		fprintf(stderr, "gazetteer_load: %s\n", err);
		return 1;
	}
	CHECK(gazetteer_size(gaz) > 100000);
	RUN(gazetteer_village_and_province_get_their_cues);
	RUN(gazetteer_shouted_text_names_places_only_beside_a_cue);
	RUN(gazetteer_cue_words_read_the_same_at_the_end_of_the_text);
	RUN(gazetteer_transliterations_meet);
	RUN(gazetteer_multiword_spans_find_strict_then_loose_keys);
	RUN(gazetteer_names_of_several_words_pass_the_lead_filter);
	RUN(gazetteer_starts_no_key_knows_are_passed_over);
	RUN(gazetteer_tripoli_follows_the_article_country);
	RUN(gazetteer_saraqib_is_a_town_of_idlib);
	RUN(gazetteer_tiny_capital_does_not_beat_a_big_city);
	RUN(gazetteer_village_outside_the_named_provinces_is_a_homonym);
	RUN(gazetteer_own_name_before_an_alternate);
	RUN(gazetteer_province_named_like_a_city_stays_a_candidate);
	RUN(gazetteer_jk_is_jammu_and_kashmir);
	RUN(gazetteer_doubled_spelling_of_a_city_is_not_only_a_first_name);
	RUN(gazetteer_facility_after_a_place_keeps_the_place);
	RUN(gazetteer_titled_districts_answer_to_their_bare_name);
	RUN(gazetteer_loose_alternates_stay_in_arabic_speaking_lands);
	RUN(gazetteer_admin1_context_picks_the_right_homonym);
	RUN(gazetteer_common_words_are_not_places);
	RUN(gazetteer_person_names_are_not_places);
	RUN(gazetteer_weak_names_need_to_stand_alone);
	RUN(gazetteer_lowercase_words_are_not_places);
	RUN(gazetteer_cue_words_count_in_capitals);
	RUN(gazetteer_capitals_need_a_cue);
	RUN(gazetteer_terrain_file_entries_are_found);
	RUN(gazetteer_longest_match_wins);
	RUN(gazetteer_near_cues);
	RUN(gazetteer_parenthesised_district_and_province);
	RUN(gazetteer_town_is_preferred_to_its_same_named_region);
	RUN(gazetteer_admin1_names_are_matchable);
	RUN(gazetteer_populated_places_carry_admin1);
	RUN(gazetteer_countries_by_code_and_name);
	RUN(gazetteer_country_mention_resolves_to_the_country);
	RUN(gazetteer_small_homonym_abroad_is_dropped_by_context);
	RUN(gazetteer_mentions_are_bounded);
	RUN(gazetteer_scan_survives_odd_bytes);
	RUN(gazetteer_lower_case_runs_keep_the_article_before_a_name);
	RUN(gazetteer_words_before_a_name_are_read_whole);
	RUN(gazetteer_district_bare_name_yields_to_a_large_city);
	RUN(gazetteer_cued_name_only_a_district_has_is_the_district);
	RUN(gazetteer_name_may_open_with_a_possessive);
	RUN(gazetteer_demonyms_name_countries_when_the_file_is_there);
	RUN(gazetteer_load_errors_name_the_file);
	RUN(gazetteer_district_titled_province_of_matches_by_its_bare_name);
	RUN(gazetteer_district_after_a_comma_or_in_parentheses_is_a_container);
	RUN(gazetteer_district_in_prose_or_a_list_is_no_container);
	RUN(gazetteer_container_picks_the_homonym_inside_it);
	RUN(gazetteer_head_of_a_longer_joined_name_is_no_place);
	RUN(gazetteer_unit_word_picks_the_country_that_uses_it);
	RUN(gazetteer_lower_case_unit_word_finds_the_district);
	RUN(gazetteer_country_name_with_a_unit_word_is_the_province);
	RUN(gazetteer_demonym_with_a_unit_word_is_the_province);
	RUN(gazetteer_alias_in_parentheses_before_a_unit_word_is_no_container);
	RUN(gazetteer_container_that_is_a_town_stays_the_town);
	RUN(gazetteer_name_without_its_arabic_article_matches);
	RUN(gazetteer_article_less_name_is_weak);
	gazetteer_loads_fast_enough(dir);
	gazetteer_free(gaz);
	TEST_DONE();
}
