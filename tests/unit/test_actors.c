/* test_actors.c - the actor dictionary: names, acronyms, compositions, generic actors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/actors.h"
#include "test.h"

static struct actor_dict *dict;

#define MAXM 32

/* Scan a sentence; the mentions stay in a static array until the next call. */
static size_t scan(const char *text, struct actor_mention **out)
{
	static struct actor_mention m[MAXM];
	*out = m;
	return actors_scan(dict, text, strlen(text), m, MAXM);
}

/* The mention whose text is exactly `span`, or NULL. */
static const struct actor_mention *find_span(const char *text, struct actor_mention *m, size_t n,
                                             const char *span)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].end - m[i].start == strlen(span) &&
		    memcmp(text + m[i].start, span, strlen(span)) == 0)
			return &m[i];
	return NULL;
}

/* Number of mentions named `name`. */
static size_t count_named(struct actor_mention *m, size_t n, const char *name)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += strcmp(m[i].name, name) == 0;
	return c;
}

static void actors_dictionary_holds_300_named_actors(void)
{
	CHECK(actors_size(dict) >= 300);
}

static void actors_islamic_state_aliases_meet(void)
{
	const char *t =
	    "Daesh claimed the attack; ISIS and ISIL fighters, also called IS, and the Islamic State group "
	    "regrouped.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 5);
	CHECK_INT(count_named(m, n, "Islamic State"), 5);
	const struct actor_mention *is = find_span(t, m, n, "IS");
	CHECK(is != NULL);
	if (is) {
		CHECK_INT(is->type, ACTOR_REBEL_GROUP);
		CHECK_STR(is->country_code, "");
	}
	CHECK(find_span(t, m, n, "ISIL fighters") != NULL);
}

static void actors_acronyms_are_case_sensitive(void)
{
	const char *t = "This is what is known: the sdf is not the SDF, and Isis is a goddess.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(m[0].name, "QSD: Syrian Democratic Forces");
		CHECK_INT(m[0].type, ACTOR_REBEL_GROUP);
		CHECK_STR(m[0].country_code, "SY");
	}
}

static void actors_two_letter_acronym_in_a_headline_is_a_word(void)
{
	const char *t = "WHAT IS LEFT OF RAQQA";
	struct actor_mention *m;
	CHECK_INT(scan(t, &m), 0);
}

static void actors_longest_match_iswap_not_islamic_state(void)
{
	const char *t = "Fighters of the Islamic State West Africa Province (ISWAP) overran a base.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	CHECK_INT(count_named(m, n, "ISWAP: Islamic State West Africa Province"), 2);
	CHECK_INT(count_named(m, n, "Islamic State"), 0);
	if (n) {
		CHECK_STR(m[0].country_code, "NG");
		CHECK(strstr(t + m[0].start, "Islamic State West Africa Province") != NULL);
	}
}

static void actors_demonym_and_force_noun_compose_the_state(void)
{
	const char *t =
	    "Syrian regime forces backed by Russian warplanes advanced, while Nigerian police and Israeli "
	    "troops were deployed.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 4);
	const struct actor_mention *a = find_span(t, m, n, "Syrian regime forces");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->name, "Military Forces of Syria");
		CHECK_INT(a->type, ACTOR_STATE_FORCES);
		CHECK_STR(a->country_code, "SY");
		CHECK(a->flags & ACTOR_F_STATE);
		CHECK(!(a->flags & ACTOR_F_AIR));
	}
	a = find_span(t, m, n, "Russian warplanes");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->name, "Military Forces of Russia");
		CHECK(a->flags & ACTOR_F_AIR);
		CHECK(a->flags & ACTOR_F_STATE);
	}
	a = find_span(t, m, n, "Nigerian police");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->name, "Police Forces of Nigeria");
		CHECK(a->flags & ACTOR_F_POLICE);
	}
	a = find_span(t, m, n, "Israeli troops");
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->name, "Military Forces of Israel");
}

static void actors_of_form_takes_the_article(void)
{
	const char *t = "U.S. troops and American drones struck the compound.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	CHECK_INT(count_named(m, n, "Military Forces of the United States"), 2);
	if (n == 2)
		CHECK(m[1].flags & ACTOR_F_AIR);
}

static void actors_demonym_list_gives_each_state(void)
{
	const char *t = "Russian and Syrian warplanes bombed Idlib.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].name, "Military Forces of Russia");
		CHECK_STR(m[1].name, "Military Forces of Syria");
		CHECK(m[0].start < m[1].start);
	}
}

static void actors_owned_deed_names_its_owner(void)
{
	const char *t = "Israeli air strikes hit Gaza after air strikes elsewhere.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(m[0].name, "Military Forces of Israel");
		CHECK(m[0].flags & ACTOR_F_AIR);
	}
}

static void actors_bare_force_noun_has_no_country(void)
{
	const char *t = "Troops and policemen surrounded the town.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].name, "Military Forces");
		CHECK_STR(m[0].country_code, "");
		CHECK_INT(m[0].type, ACTOR_STATE_FORCES);
		CHECK_STR(m[1].name, "Police Forces");
		CHECK(m[1].flags & ACTOR_F_POLICE);
	}
}

static void actors_generic_actors_typed_right(void)
{
	const char *t =
	    "Unidentified gunmen killed three villagers; suspected jihadists attacked protesters and a mob "
	    "of rioters torched shops, while Fulani herdsmen raided farmers.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	const struct actor_mention *a = find_span(t, m, n, "Unidentified gunmen");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->name, "Unidentified Armed Group");
		CHECK_INT(a->type, ACTOR_POLITICAL_MILITIA);
		CHECK(a->flags & ACTOR_F_GENERIC);
	}
	a = find_span(t, m, n, "villagers");
	CHECK(a && a->type == ACTOR_CIVILIANS);
	a = find_span(t, m, n, "suspected jihadists");
	CHECK(a && a->type == ACTOR_REBEL_GROUP);
	a = find_span(t, m, n, "protesters");
	CHECK(a && a->type == ACTOR_PROTESTERS);
	a = find_span(t, m, n, "rioters");
	CHECK(a && a->type == ACTOR_RIOTERS);
	a = find_span(t, m, n, "Fulani herdsmen");
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(a->type, ACTOR_IDENTITY_MILITIA);
		CHECK_STR(a->name, "Fulani Ethnic Militia");
	}
	a = find_span(t, m, n, "farmers");
	CHECK(a && a->type == ACTOR_CIVILIANS);
}

static void actors_demonym_gives_generic_actor_a_country(void)
{
	const char *t = "Afghan civilians fled as Lebanese protesters marched.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].name, "Civilians (Afghanistan)");
		CHECK_STR(m[0].country_code, "AF");
		CHECK_STR(m[1].name, "Protesters (Lebanon)");
		CHECK_INT(m[1].type, ACTOR_PROTESTERS);
	}
}

static void actors_pro_government_forces_are_a_militia(void)
{
	const char *t = "Pro-government fighters and pro-regime militias clashed with rebels.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 3);
	CHECK_INT(count_named(m, n, "Militia (Pro-Government)"), 2);
	if (n == 3) {
		CHECK_INT(m[0].type, ACTOR_POLITICAL_MILITIA);
		CHECK_INT(m[2].type, ACTOR_REBEL_GROUP);
	}
}

static void actors_possessives_and_plurals_match(void)
{
	const char *t = "The Taliban's commanders met; Houthis' drones and the Houthis struck Marib.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	const struct actor_mention *a = find_span(t, m, n, "Taliban");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->name, "Taliban");
		CHECK_STR(a->country_code, "AF");
	}
	CHECK_INT(count_named(m, n, "Military Forces of Yemen (Houthi)"), 2);
	a = find_span(t, m, n, "Houthis' drones");
	CHECK(a && (a->flags & ACTOR_F_AIR));
}

static void actors_backed_modifier_does_not_make_the_backer_an_actor(void)
{
	const char *t = "US-backed SDF fighters repelled Iranian-backed militias.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	CHECK_INT(count_named(m, n, "Military Forces of the United States"), 0);
	CHECK_INT(count_named(m, n, "Military Forces of Iran"), 0);
	if (n == 2) {
		CHECK_STR(m[0].name, "QSD: Syrian Democratic Forces");
		CHECK_INT(m[1].type, ACTOR_POLITICAL_MILITIA);
		CHECK_STR(m[1].country_code, "");
	}
}

static void actors_led_coalition_is_a_coalition(void)
{
	const char *t =
	    "The US-led coalition and the Saudi-led coalition both denied it; a French-led coalition "
	    "was proposed.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 3);
	for (size_t i = 0; i < n; i++)
		CHECK(m[i].flags & ACTOR_F_COALITION);
	if (n == 3) {
		CHECK_STR(m[0].name, "Operation Inherent Resolve");
		CHECK_STR(m[1].name, "Operation Restoring Hope");
		CHECK_INT(m[1].type, ACTOR_EXTERNAL_OTHER);
		CHECK_STR(m[2].name, "Military Forces of France");
		CHECK_STR(m[2].country_code, "FR");
	}
}

static void actors_affiliate_link_names_the_group(void)
{
	const char *t = "Al-Qaeda-linked militants ambushed a convoy.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(m[0].name, "Al Qaeda");
		CHECK_INT(m[0].end, strlen("Al-Qaeda-linked militants"));
	}
}

static void actors_pro_named_group_is_that_group(void)
{
	const char *t = "Pro-Houthi forces shelled the town.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(m[0].name, "Military Forces of Yemen (Houthi)");
}

static void actors_named_groups_across_regions(void)
{
	static const struct {
		const char *text, *name;
		enum actor_type type;
		const char *cc;
	} cases[] = {
	    {"Al-Shabaab militants stormed the hotel.", "Al Shabaab", ACTOR_REBEL_GROUP, "SO"},
	    {"JNIM claimed the ambush.", "JNIM: Jama'at Nusrat al-Islam wal-Muslimin", ACTOR_REBEL_GROUP,
	     "ML"},
	    {"The RSF shelled El Fasher.", "RSF: Rapid Support Forces", ACTOR_REBEL_GROUP, "SD"},
	    {"Ansar Allah said it fired a missile.", "Military Forces of Yemen (Houthi)", ACTOR_STATE_FORCES,
	     "YE"},
	    {"Wagner mercenaries and Africa Corps troops", "Wagner Group", ACTOR_EXTERNAL_OTHER, "RU"},
	    {"M23 rebels seized the town.", "M23: March 23 Movement", ACTOR_REBEL_GROUP, "CD"},
	    {"The Clan del Golfo ordered a strike.", "EGC: Gaitanista Army of Colombia",
	     ACTOR_POLITICAL_MILITIA, "CO"},
	    {"Koglweogo members detained him.", "Koglweogo", ACTOR_POLITICAL_MILITIA, "BF"},
	    {"Hayat Tahrir al-Sham fighters advanced.", "HTS: Hayat Tahrir al-Sham", ACTOR_REBEL_GROUP, "SY"},
	    {"The Arakan Army took the town.", "AA: Arakan Army", ACTOR_REBEL_GROUP, "MM"},
	    {"CJNG gunmen killed two.", "CJNG: Jalisco New Generation Cartel", ACTOR_POLITICAL_MILITIA, "MX"},
	    {"Amhara Fano militia entered the town.", "Fano Militia", ACTOR_IDENTITY_MILITIA, "ET"},
	    {"Security Belt forces stormed the bank.", "Military Forces of Yemen (Security Belt Forces)",
	     ACTOR_STATE_FORCES, "YE"},
	    {"Shabwani Elite Forces withdrew.", "Military Forces of Yemen (Shabwani Elite Forces)",
	     ACTOR_STATE_FORCES, "YE"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct actor_mention *m;
		size_t n = scan(cases[i].text, &m);
		CHECK(n >= 1);
		if (n < 1)
			continue;
		CHECK_STR(m[0].name, cases[i].name);
		CHECK_INT(m[0].type, cases[i].type);
		CHECK_STR(m[0].country_code, cases[i].cc);
	}
}

static void actors_mixed_case_acronym_is_exact(void)
{
	const char *t = "Let them go, said a LeT commander.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(m[0].name, "Lashkar-e-Taiba");
		CHECK(find_span(t, m, n, "LeT") != NULL);
	}
}

static void actors_all_capitals_text_keeps_is_a_verb(void)
{
	const char *t = "THE BRIDGE, WHICH IS ON THE NORTHERN HIGHWAY, WAS BLOWN UP BY THE GUERRILLAS.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(m[0].name, "Unidentified Rebel Group");
		CHECK_INT(m[0].type, ACTOR_REBEL_GROUP);
	}
}

static void actors_government_needs_an_owner(void)
{
	const char *t = "The government said the Afghan government and Iraqi authorities agreed.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].name, "Government of Afghanistan");
		CHECK_INT(m[0].type, ACTOR_STATE_FORCES);
		CHECK_STR(m[1].name, "Police Forces of Iraq");
		CHECK(m[1].flags & ACTOR_F_POLICE);
	}
}

static void actors_ethnic_militia_takes_the_demonym_country(void)
{
	const char *t = "Nigerian Fulani herdsmen clashed with a Kurdish militia.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].name, "Fulani Ethnic Militia (Nigeria)");
		CHECK_STR(m[0].country_code, "NG");
		CHECK_INT(m[0].type, ACTOR_IDENTITY_MILITIA);
		CHECK_STR(m[1].name, "Kurdish Forces");
	}
}

static void actors_backed_plain_forces_are_not_a_state(void)
{
	const char *t = "US-backed forces advanced while hundreds of regime fighters were sent.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].name, "Unidentified Armed Group");
		CHECK_INT(m[0].type, ACTOR_POLITICAL_MILITIA);
		CHECK(!(m[0].flags & ACTOR_F_STATE));
		CHECK_STR(m[1].name, "Military Forces");
		CHECK(find_span(t, m, n, "hundreds of regime fighters") != NULL);
	}
}

static void actors_anti_group_is_not_the_actor(void)
{
	const char *t = "Anti-Houthi forces shelled the port as anti-government protesters marched.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	CHECK_INT(count_named(m, n, "Military Forces of Yemen (Houthi)"), 0);
	if (n == 2) {
		CHECK_STR(m[0].name, "Military Forces");
		CHECK(find_span(t, m, n, "Anti-Houthi forces") != NULL);
		CHECK_INT(m[1].type, ACTOR_PROTESTERS);
	}
}

static void actors_country_other_names_compose(void)
{
	const char *t = "Burma's army shelled villages.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK(n >= 1);
	if (n >= 1) {
		CHECK_STR(m[0].name, "Military Forces of Myanmar");
		CHECK_STR(m[0].country_code, "MM");
	}
}

static void actors_force_of_country_composes(void)
{
	const char *t = "Military forces of Mozambique bombed the camp; troops of the Malian army arrived.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].name, "Military Forces of Mozambique");
		CHECK_STR(m[0].country_code, "MZ");
		CHECK(find_span(t, m, n, "troops of the Malian army") != NULL);
		CHECK_STR(m[1].name, "Military Forces of Mali");
	}
}

static void actors_pro_named_alias_with_noun_is_that_group(void)
{
	const char *t = "Pro-Taliban fighters seized the post.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(m[0].name, "Taliban");
}

static void actors_held_territory_is_no_actor(void)
{
	const char *t =
	    "Regime forces shelled the IS-held village and HTS-controlled areas after an IS-claimed attack.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	CHECK_INT(count_named(m, n, "HTS: Hayat Tahrir al-Sham"), 0);
	if (n == 2) {
		CHECK_STR(m[0].name, "Military Forces");
		CHECK_STR(m[1].name, "Islamic State");
		CHECK(m[1].start > (size_t)(strstr(t, "HTS") - t));
	}
}

/* Split line at tabs into at most max fields; returns the count. */
static int split_fields(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static FILE *open_data(const char *file)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", test_env("CONFLICTD_DATA_DIR", "data"), file);
	return fopen(path, "r");
}

/* Every alias in actors.tsv, scanned on its own, finds its own actor from
 * its first byte: no alias is shadowed by another actor or unreachable. */
static void actors_every_alias_finds_its_actor(void)
{
	char line[4096];
	int bad = 0, total = 0;
	FILE *f = open_data("actors.tsv");
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *fl[5], *save = NULL;
		if (line[0] == '#' || split_fields(line, fl, 5) < 5)
			continue;
		for (char *a = strtok_r(fl[4], "|", &save); a; a = strtok_r(NULL, "|", &save)) {
			struct actor_mention *m;
			size_t n = scan(a, &m);
			total++;
			if (n < 1 || m[0].start != 0 || strcmp(m[0].name, fl[0]) != 0) {
				if (bad++ < 10)
					fprintf(stderr, "  alias \"%s\" of %s -> %s\n", a, fl[0],
					        n ? m[0].name : "nothing");
			}
		}
	}
	fclose(f);
	CHECK(total > 1000);
	CHECK_INT(bad, 0);
}

/* Every demonym and country name composes with "troops" into that country's
 * military, so no demonym is shadowed by another country's. */
static void actors_every_demonym_composes(void)
{
	char line[4096], text[256];
	int bad = 0, total = 0;
	FILE *f = open_data("demonyms.tsv");
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *fl[5] = {NULL}, *save = NULL;
		int nf = split_fields(line, fl, 5);
		if (line[0] == '#' || nf < 3)
			continue;
		char list[2048];
		snprintf(list, sizeof(list), "%s|%s|%s", fl[1], fl[2], nf > 4 ? fl[4] : "");
		for (char *a = strtok_r(list, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
			struct actor_mention *m;
			snprintf(text, sizeof(text), "%s troops", a);
			size_t n = scan(text, &m);
			total++;
			if (n != 1 || strcmp(m[0].country_code, fl[0]) != 0 ||
			    !(m[0].flags & ACTOR_F_STATE) ||
			    strncmp(m[0].name, "Military Forces of ", 19) != 0) {
				if (bad++ < 10)
					fprintf(stderr, "  \"%s\" -> %s (%s)\n", text,
					        n ? m[0].name : "nothing", n ? m[0].country_code : "");
			}
		}
	}
	fclose(f);
	CHECK(total > 350);
	CHECK_INT(bad, 0);
}

/* Every force noun and generic actor in actor_terms.tsv, alone, is an actor
 * of its row's type. */
static void actors_every_term_is_an_actor_of_its_type(void)
{
	char line[8192];
	int bad = 0, total = 0;
	FILE *f = open_data("actor_terms.tsv");
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *fl[6], *save = NULL;
		if (line[0] == '#' || split_fields(line, fl, 6) < 5)
			continue;
		if (strcmp(fl[1], "FORCE") != 0 && strcmp(fl[1], "GROUP") != 0)
			continue;
		int type = actor_type_parse(fl[2]);
		for (char *a = strtok_r(fl[0], "|", &save); a; a = strtok_r(NULL, "|", &save)) {
			struct actor_mention *m;
			size_t n = scan(a, &m);
			total++;
			if (n != 1 || m[0].start != 0 || m[0].end != strlen(a) || (int)m[0].type != type) {
				if (bad++ < 10)
					fprintf(stderr, "  term \"%s\" -> %s\n", a,
					        n ? m[0].name : "nothing");
			}
		}
	}
	fclose(f);
	CHECK(total > 300);
	CHECK_INT(bad, 0);
}

static void actors_set_country_names_bare_compositions(void)
{
	const char *t = "Soldiers fired on civilians.";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 2);
	if (n != 2)
		return;
	CHECK_INT(actors_set_country(dict, &m[0], "ML"), 0);
	CHECK_STR(m[0].name, "Military Forces of Mali");
	CHECK_STR(m[0].country_code, "ML");
	CHECK_INT(actors_set_country(dict, &m[1], "CD"), 0);
	CHECK_STR(m[1].name, "Civilians (Democratic Republic of Congo)");
	CHECK_INT(actors_set_country(dict, &m[1], "ML"), -1); /* already has one */
	CHECK_STR(m[1].country_code, "CD");
	struct actor_mention x = m[0];
	x.country_code[0] = '\0';
	CHECK_INT(actors_set_country(dict, &x, "ZZ"), -1);
}

static void actors_scan_respects_max_and_offsets(void)
{
	const char *t = "gunmen, gunmen, gunmen, gunmen";
	struct actor_mention m[2];
	CHECK_INT(actors_scan(dict, t, strlen(t), m, 2), 2);
	CHECK_INT(m[0].start, 0);
	CHECK_INT(m[0].end, 6);
	CHECK_INT(m[1].start, 8);
	CHECK_INT(actors_scan(dict, t, 0, m, 2), 0);
	CHECK_INT(actors_scan(dict, t, 3, m, 2), 0); /* "gun" */
}

static void actors_no_match_across_punctuation(void)
{
	const char *t = "In Syria. Troops arrived; Islamic. State";
	struct actor_mention *m;
	size_t n = scan(t, &m);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(m[0].name, "Military Forces");
		CHECK_STR(m[0].country_code, "");
	}
}

/* Random bytes and random runs of dictionary words: spans stay inside the
 * text, in order, and names stay terminated (run under ASan in CI). */
static void actors_scan_survives_random_input(void)
{
	static const char *const words[] = {"IS",      "is",       "U",         ".",        "S",
	                                    "-",       "backed",   "led",       "pro",      "anti",
	                                    "Syrian",  "and",      ",",         "forces",   "of",
	                                    "the",     "Houthis'", "Taliban's", "'",        "\xe2\x80\x99",
	                                    "Mai-Mai", "Islamic",  "State",     "Province", "(",
	                                    "Fulani",  "herders",  "suspected", "\xc3\xa9", "\xff",
	                                    "\n",      "held"};
	static char buf[4096];
	struct actor_mention m[16];
	unsigned seed = 12345;
	int bad = 0;
	for (int it = 0; it < 3000; it++) {
		size_t len = 0, target;
		seed = seed * 1103515245u + 12345u;
		target = (seed >> 8) % sizeof(buf);
		while (len < target) {
			seed = seed * 1103515245u + 12345u;
			if (it % 2) {
				buf[len++] = (char)(seed >> 16);
				continue;
			}
			const char *w = words[(seed >> 16) % (sizeof(words) / sizeof(words[0]))];
			size_t l = strlen(w);
			if (len + l + 1 > sizeof(buf))
				break;
			memcpy(buf + len, w, l);
			len += l;
			if (seed & 0x100)
				buf[len++] = ' ';
		}
		size_t n = actors_scan(dict, buf, len, m, 1 + it % 16);
		for (size_t i = 0; i < n; i++)
			if (m[i].start >= m[i].end || m[i].end > len || (i && m[i].start < m[i - 1].start) ||
			    !memchr(m[i].name, '\0', sizeof(m[i].name)) || m[i].type >= ACTOR_TYPE_COUNT)
				bad++;
	}
	CHECK_INT(bad, 0);
}

/* actors_scan() and actors_scan_every_word() give the same mentions for t:
 * 1 when they do. */
static int scans_agree(const char *t, size_t len, size_t max)
{
	static struct actor_mention a[64], b[64];
	if (max > 64)
		max = 64;
	size_t na = actors_scan(dict, t, len, a, max), nb = actors_scan_every_word(dict, t, len, b, max);
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (a[i].start != b[i].start || a[i].end != b[i].end || strcmp(a[i].name, b[i].name) != 0 ||
		    a[i].type != b[i].type || strcmp(a[i].country_code, b[i].country_code) != 0 ||
		    a[i].flags != b[i].flags)
			return 0;
	return 1;
}

#define LONG_WORD "Supercalifragilisticexpialidociousnessesandmore" /* 47 letters: never matched */

/* The scan passes over words no phrase can start at without reading them
 * into its window; the word before a phrase is read again when the phrase
 * asks about it ("WHAT IS LEFT"), a word that only starts longer keys
 * ("the", "a") is judged with the word after it, and a word written in
 * capitals where the data has them ("IS") is not passed over. */
static void actors_passing_over_words_changes_nothing(void)
{
	static const char *const t[] = {
	    "WHAT IS LEFT OF RAQQA",
	    "They said WHAT IS LEFT, and what is left is the ruin IS fighters left.",
	    "The attack was claimed by The Resistance Front, the group said; the front line held.",
	    "a group of gunmen stormed a village; A. B. Syrian forces and the U.S.-backed SDF withdrew.",
	    "J. Smith said U.S. forces, the U.S.A. and the US army hit the Houthis' positions.",
	    "El Mayo faction gunmen and drug traffickers of the Jalisco cartel, security forces said.",
	    "Supercalifragilisticexpialidociousnessesandmoreandmore IS Taliban fighters",
	    "Security forces killed the militants\xe2\x80\x99 leader in Dar\xc3\xa2"
	    "a; Houthis and Mai-Mais.",
	    "ISLAMIC STATE GUNMEN ATTACKED THE TOWN, THE ARMY SAID. THE POLICE AND THE FMLN CLASHED.",
	    "the the the the Islamic the State the Islamic State the",
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		for (size_t len = 0; len <= strlen(t[i]); len++)
			if (!scans_agree(t[i], len, 64)) {
				fprintf(stderr, "  disagree on \"%.*s\"\n", (int)len, t[i]);
				CHECK(0);
				break;
			}
	/* Real articles, as written and in capitals (wire copy). */
	static const char *const files[] = {
	    "tests/data/articles/bogota-protest.txt",     "tests/data/articles/borno-ambush.txt",
	    "tests/data/articles/gao-drone-strike.txt",   "tests/data/articles/helmand-clash.txt",
	    "tests/data/articles/hodeidah-airstrike.txt", "tests/data/articles/mogadishu-blast.txt",
	    "tests/data/articles/more-articles.jsonl",    "tests/data/articles/seed-afp-20181117.txt",
	};
	static char buf[65536];
	size_t read_files = 0;
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		FILE *fp = fopen(files[f], "rb");
		if (!fp)
			continue;
		size_t n = fread(buf, 1, sizeof(buf), fp);
		fclose(fp);
		read_files++;
		CHECK(scans_agree(buf, n, 64));
		for (size_t i = 0; i < n; i++)
			if (buf[i] >= 'a' && buf[i] <= 'z')
				buf[i] = (char)(buf[i] - 'a' + 'A');
		CHECK(scans_agree(buf, n, 64));
	}
	CHECK_INT(read_files, sizeof(files) / sizeof(files[0]));
	/* Random runs of words that start phrases and words that do not. */
	static const char *const words[] = {
	    "IS",         "is",      "U",      ".",       "S",           "-",        "backed",
	    "the",        "The",     "THE",    "a",       "A",           "group",    "of",
	    "gunmen",     "WHAT",    "LEFT",   "Houthis", "Houthis'",    "security", "forces",
	    "Resistance", "Front",   "said",   "Syrian",  "and",         ",",        "\xe2\x80\x99",
	    "\xc3\xa9",   "\n",      "X",      "drug",    "traffickers", "El",       "Mayo",
	    "faction",    LONG_WORD, "people", "police",  "Police",      "'",        "(",
	    "2"};
	unsigned seed = 777;
	int bad = 0;
	for (int it = 0; it < 2000; it++) {
		size_t len = 0;
		seed = seed * 1103515245u + 12345u;
		size_t target = (seed >> 8) % 600;
		while (len < target) {
			seed = seed * 1103515245u + 12345u;
			const char *w = words[(seed >> 16) % (sizeof(words) / sizeof(words[0]))];
			size_t l = strlen(w);
			if (len + l + 1 > sizeof(buf))
				break;
			memcpy(buf + len, w, l);
			len += l;
			if (seed & 0x300)
				buf[len++] = ' ';
		}
		bad += !scans_agree(buf, len, 1 + it % 64);
	}
	CHECK_INT(bad, 0);
}

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static void actors_load_reports_file_and_line(void)
{
	char err[512], dir[] = "/tmp/test_actors_XXXXXX";
	struct actor_dict *d = NULL;
	CHECK_INT(actors_load(&d, "/nonexistent-dir", err, sizeof(err)), -1);
	CHECK(d == NULL);
	CHECK(strstr(err, "demonyms.tsv:0: cannot open") != NULL);

	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(write_file(dir, "demonyms.tsv", "# countries\nSY\tSyria\tSyrian\n"), 0);
	CHECK_INT(
	    write_file(dir, "actor_terms.tsv", "troops\tFORCE\tSTATE_FORCES\tMilitary Forces of @\t-\n"), 0);
	CHECK_INT(
	    write_file(dir, "actors.tsv", "Hamas\tREBEL_GROUP\tPS\t-\tHamas\nFoo\tNOT_A_TYPE\t-\t-\tfoo\n"),
	    0);
	CHECK_INT(actors_load(&d, dir, err, sizeof(err)), -1);
	CHECK(strstr(err, "actors.tsv:2: unknown actor type \"NOT_A_TYPE\"") != NULL);
	CHECK_INT(write_file(dir, "actors.tsv", "Hamas\tREBEL_GROUP\tPS\t-\tHamas movement\n"), 0);
	CHECK_INT(actors_load(&d, dir, err, sizeof(err)), 0);
	if (d) {
		struct actor_mention m[4];
		const char *t = "Syrian troops and the Hamas movement";
		CHECK_INT(actors_size(d), 1);
		CHECK_INT(actors_scan(d, t, strlen(t), m, 4), 2);
		actors_free(d);
	}
	char path[600];
	const char *files[] = {"demonyms.tsv", "actor_terms.tsv", "actors.tsv"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		remove(path);
	}
	rmdir(dir);
}

int main(void)
{
	char err[512];
	const char *dir = test_env("CONFLICTD_DATA_DIR", "data");
	if (actors_load(&dict, dir, err, sizeof(err)) < 0) {
		fprintf(stderr, "actors_load: %s\n", err);
		return 1;
	}
	RUN(actors_dictionary_holds_300_named_actors);
	RUN(actors_islamic_state_aliases_meet);
	RUN(actors_acronyms_are_case_sensitive);
	RUN(actors_two_letter_acronym_in_a_headline_is_a_word);
	RUN(actors_longest_match_iswap_not_islamic_state);
	RUN(actors_demonym_and_force_noun_compose_the_state);
	RUN(actors_of_form_takes_the_article);
	RUN(actors_demonym_list_gives_each_state);
	RUN(actors_owned_deed_names_its_owner);
	RUN(actors_bare_force_noun_has_no_country);
	RUN(actors_generic_actors_typed_right);
	RUN(actors_demonym_gives_generic_actor_a_country);
	RUN(actors_pro_government_forces_are_a_militia);
	RUN(actors_possessives_and_plurals_match);
	RUN(actors_backed_modifier_does_not_make_the_backer_an_actor);
	RUN(actors_led_coalition_is_a_coalition);
	RUN(actors_affiliate_link_names_the_group);
	RUN(actors_pro_named_group_is_that_group);
	RUN(actors_named_groups_across_regions);
	RUN(actors_mixed_case_acronym_is_exact);
	RUN(actors_all_capitals_text_keeps_is_a_verb);
	RUN(actors_government_needs_an_owner);
	RUN(actors_ethnic_militia_takes_the_demonym_country);
	RUN(actors_backed_plain_forces_are_not_a_state);
	RUN(actors_anti_group_is_not_the_actor);
	RUN(actors_country_other_names_compose);
	RUN(actors_force_of_country_composes);
	RUN(actors_pro_named_alias_with_noun_is_that_group);
	RUN(actors_held_territory_is_no_actor);
	RUN(actors_every_alias_finds_its_actor);
	RUN(actors_every_demonym_composes);
	RUN(actors_every_term_is_an_actor_of_its_type);
	RUN(actors_set_country_names_bare_compositions);
	RUN(actors_scan_respects_max_and_offsets);
	RUN(actors_no_match_across_punctuation);
	RUN(actors_scan_survives_random_input);
	RUN(actors_passing_over_words_changes_nothing);
	RUN(actors_load_reports_file_and_line);
	actors_free(dict);
	TEST_DONE();
}
