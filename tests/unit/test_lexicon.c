/* test_lexicon.c - the trigger and cue lexicon: parsing, matching, context. */
#include <stdio.h>
#include <string.h>

#include "extract/lexicon.h"
#include "extract/text.h"
#include "test.h"

static const char tsv[] =
    "# a comment\n"
    "trigger\tair strike*\tAIR_DRONE_STRIKE\t80\tSIGNIFICANT\n"
    "trigger\tstrikes\tAIR_DRONE_STRIKE\t66\t-\tcoalition,jets\tworkers,general strike\n"
    "trigger\tretook\tGOVERNMENT_REGAINS_TERRITORY\t78\tSTATE\n"
    "death\tkilled\n"
    "negation\tdenied\n";

static size_t tokens(const char *s, struct text_token *t, size_t max)
{
	return text_tokens(s, 0, strlen(s), t, max);
}

static void lexicon_phrase_with_prefix_word_matches_plural(void)
{
	char err[256];
	struct lexicon *lex;
	CHECK_INT(lexicon_parse(&lex, tsv, sizeof tsv - 1, "t.tsv", err, sizeof err), 0);
	CHECK_INT((int)lexicon_size(lex), 5);
	const char *s = "Coalition air strikes killed 43 people.";
	struct text_token t[32];
	size_t n = tokens(s, t, 32);
	struct lex_match m[16];
	size_t k = lexicon_match(lex, s, t, n, m, 16);
	int air = 0, death = 0;
	for (size_t i = 0; i < k; i++) {
		if (m[i].entry->kind == LEX_TRIGGER && m[i].entry->n_words == 2) {
			air = 1;
			CHECK_INT(m[i].entry->sub, SUB_AIR_DRONE_STRIKE);
			CHECK(m[i].entry->flags & LEX_F_SIGNIFICANT);
			CHECK_INT((int)m[i].tok_end - (int)m[i].tok_start, 2);
		}
		if (m[i].entry->kind == LEX_DEATH)
			death = 1;
	}
	CHECK(air);
	CHECK(death);
	lexicon_free(lex);
}

static void lexicon_context_words_decide_strikes(void)
{
	char err[256];
	struct lexicon *lex;
	CHECK_INT(lexicon_parse(&lex, tsv, sizeof tsv - 1, "t.tsv", err, sizeof err), 0);
	struct text_token t[32];
	struct lex_match m[16];
	const char *war = "Coalition strikes hit the town.";
	size_t n = tokens(war, t, 32);
	size_t k = lexicon_match(lex, war, t, n, m, 16);
	CHECK_INT((int)k, 1);
	CHECK(k == 1 && lexicon_context_ok(m[0].entry, war, t, n));
	const char *labour = "Coalition workers held a general strike and strikes spread.";
	n = tokens(labour, t, 32);
	k = lexicon_match(lex, labour, t, n, m, 16);
	CHECK_INT((int)k, 1);
	CHECK(k == 1 && !lexicon_context_ok(m[0].entry, labour, t, n));
	lexicon_free(lex);
}

static void lexicon_bad_line_names_file_and_line(void)
{
	char err[256] = "";
	struct lexicon *lex = NULL;
	const char bad[] = "trigger\tclash*\tARMED_CLASH\t60\n"
	                   "trigger\tshelling\tNOT_A_TYPE\t70\n";
	CHECK_INT(lexicon_parse(&lex, bad, sizeof bad - 1, "lex.tsv", err, sizeof err), -1);
	CHECK(strstr(err, "lex.tsv:2:") != NULL);
	CHECK(strstr(err, "NOT_A_TYPE") != NULL);
	const char badkind[] = "trigger_word\tclash\tARMED_CLASH\n";
	CHECK_INT(lexicon_parse(&lex, badkind, sizeof badkind - 1, "lex.tsv", err, sizeof err), -1);
	CHECK(strstr(err, "lex.tsv:1:") != NULL);
}

static void lexicon_shipped_file_loads_and_covers_every_sub_event_type(void)
{
	char err[512];
	struct lexicon *lex;
	const char *dir = test_env("CONFLICTD_DATA_DIR", "data");
	CHECK_INT(lexicon_load(&lex, dir, err, sizeof err), 0);
	if (!lex) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	CHECK(lexicon_size(lex) > 300);
	/* Every ACLED sub-event type but OTHER has at least one trigger. */
	int seen[SUB_EVENT_TYPE_COUNT] = {0};
	const char *probe[] = {"retook",       "overran",
	                       "clashes",      "sarin",
	                       "airstrike",    "suicide bomber",
	                       "shelling",     "roadside bomb",
	                       "grenade",      "raped",
	                       "abducted",     "sit-in",
	                       "water cannon", "fired on protesters",
	                       "rioters",      "lynched",
	                       "peace deal",   "arrested",
	                       "recruited",    "defused",
	                       "new base",     "looted",
	                       "handed over"};
	for (size_t p = 0; p < sizeof probe / sizeof *probe; p++) {
		struct text_token t[16];
		struct lex_match m[32];
		size_t n = tokens(probe[p], t, 16);
		size_t k = lexicon_match(lex, probe[p], t, n, m, 32);
		for (size_t i = 0; i < k; i++)
			if (m[i].entry->kind == LEX_TRIGGER)
				seen[m[i].entry->sub] = 1;
	}
	for (int sub = 0; sub < SUB_EVENT_TYPE_COUNT; sub++)
		if (sub != SUB_OTHER && !seen[sub]) {
			fprintf(stderr, "no trigger for %s\n", sub_event_type_name((enum sub_event_type)sub));
			CHECK(seen[sub]);
		}
	lexicon_free(lex);
}

static void lexicon_country_cue_carries_its_iso_code(void)
{
	char err[256] = "";
	struct lexicon *lex = NULL;
	const char cues[] = "country\tbarangay\tPH\n";
	CHECK_INT(lexicon_parse(&lex, cues, sizeof cues - 1, "t.tsv", err, sizeof err), 0);
	const char *s = "Gunmen shot a councillor in a barangay of the town.";
	struct text_token t[32];
	struct lex_match m[8];
	size_t k = lexicon_match(lex, s, t, tokens(s, t, 32), m, 8);
	CHECK_INT((int)k, 1);
	if (k == 1) {
		CHECK_INT(m[0].entry->kind, LEX_COUNTRY);
		CHECK_STR(m[0].entry->country, "PH");
	}
	lexicon_free(lex);
	const char bad[] = "country\tbarangay\tPhilippines\n";
	CHECK_INT(lexicon_parse(&lex, bad, sizeof bad - 1, "t.tsv", err, sizeof err), -1);
	CHECK(strstr(err, "t.tsv:1:") != NULL && strstr(err, "Philippines") != NULL);
}

/* At one token every phrase that matches is reported, longest first and
 * then in file order, whether its first word is exact ("shot") or a
 * prefix ("sho*"), and whatever the case of the data or the text. */
static void lexicon_matches_at_one_token_longest_first_then_file_order(void)
{
	char err[256] = "";
	struct lexicon *lex = NULL;
	const char shots[] = "trigger\tshot\tATTACK\t50\n"
	                     "trigger\tshot dead\tATTACK\t60\n"
	                     "trigger\tsho*\tATTACK\t40\n"
	                     "death\tShot Dead\n"
	                     "trigger\tsho* dead\tATTACK\t45\n";
	CHECK_INT(lexicon_parse(&lex, shots, sizeof shots - 1, "t.tsv", err, sizeof err), 0);
	const char *s = "Police SHOT dead two men.";
	struct text_token t[32];
	struct lex_match m[8];
	size_t k = lexicon_match(lex, s, t, tokens(s, t, 32), m, 8);
	static const unsigned want[] = {2, 4, 5, 1, 3};
	CHECK_INT((int)k, 5);
	for (size_t i = 0; i < k && i < 5; i++) {
		CHECK_INT((int)m[i].entry->line, (int)want[i]);
		CHECK_INT((int)m[i].tok_start, 1);
	}
	/* "shooting": only the prefix pattern, and not "shot" */
	const char *s2 = "The shooting began at dawn.";
	k = lexicon_match(lex, s2, t, tokens(s2, t, 32), m, 8);
	CHECK_INT((int)k, 1);
	CHECK(k == 1 && m[0].entry->line == 3);
	lexicon_free(lex);
}

/* lexicon_context_ok() of the "march*" trigger in s (toks of room for long clauses). */
static int march_context_ok(const struct lexicon *lex, const char *s)
{
	static struct text_token t[700];
	struct lex_match m[8];
	size_t n = text_tokens(s, 0, strlen(s), t, 700);
	size_t k = lexicon_match(lex, s, t, n, m, 8);
	for (size_t i = 0; i < k; i++)
		if (m[i].entry->kind == LEX_TRIGGER)
			return lexicon_context_ok(m[i].entry, s, t, n);
	return -1;
}

/* Context words are found by their length and first letter, as exact
 * words, prefixes and phrases, in a clause of any length. */
static void lexicon_context_words_found_by_length_prefix_and_phrase(void)
{
	char err[256] = "";
	struct lexicon *lex = NULL;
	const char tsv3[] =
	    "trigger\tmarch*\tPEACEFUL_PROTEST\t40\t-\tprotest*,banners,tear gas\tgeneral strike\n";
	CHECK_INT(lexicon_parse(&lex, tsv3, sizeof tsv3 - 1, "t.tsv", err, sizeof err), 0);
	if (!lex)
		return;
	CHECK_INT(march_context_ok(lex, "Police fired tear gas at the march."), 1);
	CHECK_INT(march_context_ok(lex, "PROTESTERS MARCHED WITH BANNERS"), 1);
	CHECK_INT(march_context_ok(lex, "Protest marchers filled the square."), 1);
	CHECK_INT(march_context_ok(lex, "They marched to the banner and the tear."), 0);
	CHECK_INT(march_context_ok(lex, "Protesters marched during a general strike."), 0);
	/* a clause longer than the chains hold: every token looked at */
	static char big[4096];
	size_t o = 0;
	for (int i = 0; i < 600; i++)
		o += (size_t)snprintf(big + o, sizeof big - o, "%s ", i == 300 ? "marched" : "we");
	CHECK_INT(march_context_ok(lex, big), 0);
	snprintf(big + o, sizeof big - o, "banners");
	CHECK_INT(march_context_ok(lex, big), 1);
	lexicon_free(lex);
}

/* A sentence's word index answers for any token range as the range's
 * own tokens would: a context word in another clause does not count. */
static void lexicon_context_in_range_agrees_with_range_alone(void)
{
	char err[256] = "";
	struct lexicon *lex = NULL;
	const char tsv4[] =
	    "trigger\tmarch*\tPEACEFUL_PROTEST\t40\t-\tprotest*,banners,tear gas\tgeneral strike\n";
	CHECK_INT(lexicon_parse(&lex, tsv4, sizeof tsv4 - 1, "t.tsv", err, sizeof err), 0);
	if (!lex)
		return;
	static const char *const sents[] = {
	    "Protesters marched; police fired tear gas at a general strike.",
	    "They marched with banners; the general strike went on.",
	    "Police fired tear gas, but they marched on.",
	    "They marched to the tear; it was a protest.",
	};
	static struct text_token t[700];
	struct lex_match m[8];
	struct lex_words lw;
	for (size_t i = 0; i < sizeof sents / sizeof sents[0]; i++) {
		const char *s = sents[i];
		size_t n = tokens(s, t, 700);
		size_t k = lexicon_match(lex, s, t, n, m, 8);
		CHECK(k >= 1);
		if (k < 1)
			continue;
		lexicon_words(&lw, s, t, n);
		for (size_t a = 0; a <= n; a++)
			for (size_t b = a; b <= n; b++)
				CHECK_INT(lexicon_context_ok_in(m[0].entry, &lw, a, b),
				          lexicon_context_ok(m[0].entry, s, t + a, b - a));
	}
	/* the first clause alone has "protesters", the second the strike */
	const char *s = sents[0];
	size_t n = tokens(s, t, 700);
	lexicon_match(lex, s, t, n, m, 8);
	lexicon_words(&lw, s, t, n);
	CHECK_INT(lexicon_context_ok_in(m[0].entry, &lw, 0, 2), 1);
	CHECK_INT(lexicon_context_ok_in(m[0].entry, &lw, 0, n), 0);
	/* more tokens than the chains hold: the ranges are walked */
	static char big[4096];
	size_t o = 0;
	for (int i = 0; i < 600; i++)
		o += (size_t)snprintf(big + o, sizeof big - o, "%s ",
		                      i == 300   ? "marched"
		                      : i == 500 ? "banners"
		                                 : "we");
	n = tokens(big, t, 700);
	CHECK(n > LEX_WORDS_MAX_TOKENS);
	CHECK_INT((int)lexicon_match(lex, big, t, n, m, 8), 1);
	lexicon_words(&lw, big, t, n);
	CHECK_INT(lexicon_context_ok_in(m[0].entry, &lw, 0, n), 1);
	CHECK_INT(lexicon_context_ok_in(m[0].entry, &lw, 0, 500), 0);
	CHECK_INT(lexicon_context_ok_in(m[0].entry, &lw, 400, 501), 1);
	lexicon_free(lex);
}

/* 1 when lexicon_match() finds a trigger or death phrase in s. */
static int match_has_trigger(const struct lexicon *lex, const char *s)
{
	struct text_token t[64];
	struct lex_match m[64];
	size_t n = tokens(s, t, 64);
	size_t k = lexicon_match(lex, s, t, n, m, 64);
	for (size_t i = 0; i < k; i++)
		if (m[i].entry->kind == LEX_TRIGGER || m[i].entry->kind == LEX_DEATH)
			return 1;
	return 0;
}

static int may_trigger(const struct lexicon *lex, const char *s)
{
	struct text_token t[64];
	return lexicon_may_trigger(lex, s, t, tokens(s, t, 64));
}

/* The quick test finds phrases through a later word, a prefix, a word of
 * more than eight letters or one that shares its first eight with
 * another, and refuses the anchor word without the rest of its phrase. */
static void lexicon_may_trigger_agrees_with_match(void)
{
	char err[256] = "";
	struct lexicon *lex = NULL;
	const char tsv2[] = "trigger\twere shot\tATTACK\t52\n"
	                    "trigger\tair strike*\tAIR_DRONE_STRIKE\t80\n"
	                    "trigger\tbombardment\tSHELLING_ARTILLERY_MISSILE_ATTACK\t70\n"
	                    "trigger\tdemonstrated against\tPEACEFUL_PROTEST\t40\n"
	                    "death\tlost their lives\n"
	                    "negation\tdenied\n"
	                    "tally\tso far this year\n";
	CHECK_INT(lexicon_parse(&lex, tsv2, sizeof tsv2 - 1, "t.tsv", err, sizeof err), 0);
	if (!lex)
		return;
	static const struct {
		const char *s;
		int want;
	} cases[] = {
	    {"Two men were shot.", 1},
	    {"TWO MEN WERE SHOT", 1},
	    {"Police were questioned about the shot.", 0},
	    {"The shot were fired.", 0},
	    {"Air strikes hit the town.", 1},
	    {"An air striker.", 1},
	    {"Strikes from the air.", 0},
	    {"The bombardment", 1},
	    {"The bombardments", 0},
	    {"They demonstrated against the law.", 1},
	    {"They demonstrates against the law.", 0},
	    {"Two soldiers lost their lives", 1},
	    {"Two soldiers lost lives", 0},
	    {"The army denied it so far this year.", 0},
	    {"", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = may_trigger(lex, cases[i].s);
		if (got != cases[i].want)
			fprintf(stderr, "  \"%s\": %d\n", cases[i].s, got);
		CHECK_INT(got, cases[i].want);
		CHECK_INT(got, match_has_trigger(lex, cases[i].s));
	}
	lexicon_free(lex);

	/* The shipped lexicon: never 0 where lexicon_match() finds one. */
	const char *dir = test_env("CONFLICTD_DATA_DIR", "data");
	CHECK_INT(lexicon_load(&lex, dir, err, sizeof err), 0);
	if (!lex)
		return;
	static const char *const sents[] = {
	    "Security forces opened fire on protesters in the capital.",
	    "The president said the economy grew by two percent.",
	    "Gunmen killed three villagers on Sunday.",
	    "Their heads were found near the river.",
	    "Militants took control of the town without a fight.",
	    "The peace talks resumed in Doha.",
	    "Human rights groups criticised the report.",
	    "Hundreds of people demonstrated outside parliament.",
	    "Two policemen died when gunmen attacked a checkpoint.",
	    "Farmers are worried about the price of fertiliser.",
	};
	for (size_t i = 0; i < sizeof sents / sizeof sents[0]; i++)
		CHECK_INT(may_trigger(lex, sents[i]), match_has_trigger(lex, sents[i]));
	CHECK_INT(may_trigger(lex, sents[2]), 1);
	CHECK_INT(may_trigger(lex, sents[9]), 0);
	lexicon_free(lex);
}

int main(void)
{
	RUN(lexicon_phrase_with_prefix_word_matches_plural);
	RUN(lexicon_context_words_decide_strikes);
	RUN(lexicon_bad_line_names_file_and_line);
	RUN(lexicon_shipped_file_loads_and_covers_every_sub_event_type);
	RUN(lexicon_country_cue_carries_its_iso_code);
	RUN(lexicon_matches_at_one_token_longest_first_then_file_order);
	RUN(lexicon_may_trigger_agrees_with_match);
	RUN(lexicon_context_words_found_by_length_prefix_and_phrase);
	RUN(lexicon_context_in_range_agrees_with_range_alone);
	TEST_DONE();
}
