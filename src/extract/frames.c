/*
 * frames.c - one sentence -> candidate events and casualty tallies.
 *
 * Steps for a sentence: tokens; lexicon matches; the scanners of the other
 * rooms (actors, places, numbers, dates) on the sentence's bytes; then the
 * sentence is cut into clauses (";", ", as", ", while", ", but") and each
 * clause keeps its strongest trigger that is neither negated nor
 * hypothetical and whose actor constraint holds.  Roles, place, date and
 * dead are read from the clause around that trigger.
 *
 * The words that decide (triggers, death words, negation, tallies) are in
 * data/lexicon.tsv; the closed-class grammar here (clause joiners, "by",
 * "was/were", "a/an/one") is English syntax, not vocabulary.
 */
#include "frames.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define NEG_WINDOW               4 /* tokens before a trigger a negation/hypothetical reaches */
#define NUM_FORWARD              7 /* tokens after a number searched for its death/injury word */
#define CHILD_FORWARD            6
#define COORD_GAP                4  /* words between "2 soldiers" and "and 3 civilians" */
#define PAREN_MAX                24 /* tokens of a parenthesis a count reads past */
#define TALLY_DEAD_MIN           5000 /* dead in one clause: a toll over time, no one event */
#define NONCONFLICT_MIN_PRIORITY 78 /* beside an accident cue, generic explosions are accidents */
/* Property destruction this sure ("arson", "set fire") is deliberate even beside an accident cue. */
#define NONCONFLICT_ARSON_PRIORITY 58

#define WEAPON_OBJECT_MAX_PRIORITY 50  /* weaker triggers beside destroyed explosives: disrupted use */
#define BACKGROUND_REACH           4   /* words from "after"/"amid" to a background trigger */
#define BACKGROUND_PENALTY         100 /* a background trigger yields to any main one */
#define BACKGROUND_MAIN_MIN        50  /* a main trigger strong enough to code a clause alone */
#define AGENT_NOUN_PENALTY         100 /* "kidnappers" yields to the clause's verb */
#define ARMED_KILLING_PRIORITY     40  /* an armed actor's counted killing with no trigger */
#define WEAPON_LIST_MAX            32  /* tokens a list of seized weapons may run from its verb */

struct clause {
	size_t t0, t1; /* token range */
};

static inline int tok_is(const char *s, const struct text_token *t, const char *w)
{
	return text_token_is_inline(s, t, w);
}

static int tok_is_punct(const char *s, const struct text_token *t, char c)
{
	return (t->flags & TOK_PUNCT) && t->end - t->start == 1 && s[t->start] == c;
}

/* Closed word lists a token is tested against, each with a bit per first
 * letter (a-z) of its words of each length below WORD_SET_LEN: most tokens
 * are turned away by one bit before the list is walked (a list with a word
 * the bits cannot hold is always walked).  The bits are set once per
 * process (word_sets_ready()); tok_in() answers what tok_is() against each
 * word would. */
#define WORD_SET_LEN 16

struct word_set {
	const char *const *words; /* NULL-terminated */
	uint32_t first[WORD_SET_LEN];
	int unfiltered;
};

static const char *const weapon_verb_words[] = {
    "destroyed",   "destroying", "destroys",    "destroy",     "seized",     "dismantled", "defused",
    "captured",    "recovered",  "neutralized", "neutralised", "discovered", "found",      "uncovered",
    "confiscated", "seizure",    "seizures",    "cache",       "caches",     "stash",      "stockpile",
    "haul",        "displayed",  "display",     "intercepted", "included",   "including",  "includes",
    "defuses",     "defusing",   "seizes",      "recovers",    "dismantles", "intercepts", "confiscates",
    "deactivated", NULL};
static const char *const weapon_stop_words[] = {
    "with",   "using",   "by",      "in",     "after", "following", "when",
    "during", "amid",    "killing", "killed", "fired", "firing",    "launched",
    "attack", "attacks", "who",     "which",  "that",  "whose",     NULL};

static struct word_set weapon_verbs = {weapon_verb_words, {0}, 0};
static struct word_set weapon_stops = {weapon_stop_words, {0}, 0};
static pthread_once_t word_sets_once = PTHREAD_ONCE_INIT;

static void word_sets_build(void)
{
	struct word_set *all[] = {&weapon_verbs, &weapon_stops};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		for (size_t k = 0; all[i]->words[k]; k++) {
			const char *w = all[i]->words[k];
			size_t n = strlen(w);
			unsigned f = (unsigned)((unsigned char)w[0] | 0x20) - 'a';
			if (n == 0 || n >= WORD_SET_LEN || f >= 26)
				all[i]->unfiltered = 1;
			else
				all[i]->first[n] |= 1u << f;
		}
}

/* Call before tok_in(), once per function that uses it. */
static void word_sets_ready(void)
{
	pthread_once(&word_sets_once, word_sets_build);
}

/* 1 when token t is one of ws's words (ASCII case folded). */
static int tok_in(const char *s, const struct text_token *t, const struct word_set *ws)
{
	size_t n = t->end - t->start;
	if (!ws->unfiltered) {
		/* a letter folds to a-z; tok_is() matches a letter-led word only with that letter */
		unsigned f = n ? (unsigned)((unsigned char)s[t->start] | 0x20) - 'a' : 26;
		if (n >= WORD_SET_LEN || f >= 26 || !((ws->first[n] >> f) & 1))
			return 0;
	}
	for (size_t k = 0; ws->words[k]; k++)
		if (tok_is(s, t, ws->words[k]))
			return 1;
	return 0;
}

int frames_actor_is_state_side(const struct event_actor *a, unsigned flags)
{
	if (!a->present)
		return 0;
	if (a->type == ACTOR_STATE_FORCES || a->type == ACTOR_EXTERNAL_OTHER || (flags & ACTOR_F_STATE))
		return 1;
	/* the two "pro-" words need a hyphen: most names have none */
	return (strchr(a->name, '-') && strcasestr(a->name, "pro-government") != NULL) ||
	       (strchr(a->mention, '-') && (strcasestr(a->mention, "pro-government") != NULL ||
	                                    strcasestr(a->mention, "pro-regime") != NULL)) ||
	       strcasestr(a->mention, "loyalist") != NULL;
}

/* Token index of the first token starting at or after byte b (tokens
 * start in increasing order: a binary search). */
static size_t tok_at(const struct text_token *t, size_t n, size_t b)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t split_clauses(const char *s, const struct text_token *t, size_t n, struct clause *c, size_t max)
{
	size_t k = 0, from = 0;
	for (size_t i = 0; i + 1 < n && k + 1 < max; i++) {
		int cut = 0;
		if (tok_is_punct(s, &t[i], ';'))
			cut = 1;
		else if (tok_is_punct(s, &t[i], ',') &&
		         (tok_is(s, &t[i + 1], "as") || tok_is(s, &t[i + 1], "while") ||
		          tok_is(s, &t[i + 1], "whereas") || tok_is(s, &t[i + 1], "but")))
			cut = 1;
		if (cut && i > from) {
			c[k].t0 = from;
			c[k].t1 = i;
			k++;
			from = i + 1;
		}
	}
	c[k].t0 = from;
	c[k].t1 = n;
	return k + 1;
}

/* 1 when cue match j lies inside a longer trigger phrase: "warning" of
 * "warning shots", "not" of "did not explode" is that trigger's word, no
 * cue for the clause. */
static int cue_in_trigger(const struct lex_match *m, size_t nm, size_t j)
{
	for (size_t k = 0; k < nm; k++)
		if (m[k].entry->kind == LEX_TRIGGER && m[k].tok_start <= m[j].tok_start &&
		    m[k].tok_end >= m[j].tok_end &&
		    m[k].tok_end - m[k].tok_start > m[j].tok_end - m[j].tok_start)
			return 1;
	return 0;
}

/* Is there a cue of kind k ending within NEG_WINDOW tokens before token i (same clause)? */
static int cue_before(const struct lex_match *m, size_t nm, enum lex_kind k, size_t c0, size_t i)
{
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != k)
			continue;
		if (m[j].tok_start >= c0 && m[j].tok_end <= i && m[j].tok_end + NEG_WINDOW >= i &&
		    !cue_in_trigger(m, nm, j))
			return 1;
	}
	return 0;
}

/* A hypothetical cue before token i (as cue_before), unless a passive
 * auxiliary stands between them: the cue then belongs to the subject's
 * description and the trigger to a new predicate ("two men accused of
 * witchcraft were lynched", "militants who threatened to attack were
 * arrested"). */
static int hypothetical_before(const char *s, const struct text_token *t, const struct lex_match *m,
                               size_t nm, size_t c0, size_t i)
{
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_HYPOTHETICAL || m[j].tok_start < c0 || m[j].tok_end > i ||
		    m[j].tok_end + NEG_WINDOW < i || cue_in_trigger(m, nm, j))
			continue;
		int aux = 0;
		for (size_t k = m[j].tok_end; k < i && !aux; k++)
			aux = tok_is(s, &t[k], "was") || tok_is(s, &t[k], "were");
		if (!aux)
			return 1;
	}
	return 0;
}

/* A speculative word right after the trigger ("the withdrawal likely came"). */
static int cue_right_after(const struct lex_match *m, size_t nm, enum lex_kind k, size_t i, size_t c1)
{
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == k && (m[j].entry->flags & LEX_F_POST) && m[j].tok_start >= i &&
		    m[j].tok_start < i + 2 && m[j].tok_start < c1)
			return 1;
	return 0;
}

static int is_kind_at(const struct lex_match *m, size_t nm, enum lex_kind k, size_t i, size_t *end)
{
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == k && m[j].tok_start == i) {
			if (end)
				*end = m[j].tok_end;
			return 1;
		}
	return 0;
}

/* is_kind_at() on sc->m, turned away first by the kinds that start at
 * token i (sc->kinds_at, set with the matches: a bit stays when a match
 * moves, so the bits only ever say too much). */
static int kind_at(const struct frames_scratch *sc, size_t nm, enum lex_kind k, size_t i, size_t *end)
{
	if (i < sc->kinds_n && !((sc->kinds_at[i] >> k) & 1))
		return 0;
	return is_kind_at(sc->m, nm, k, i, end);
}

static int is_kind_ending(const struct lex_match *m, size_t nm, enum lex_kind k, size_t i)
{
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == k && m[j].tok_end == i)
			return 1;
	return 0;
}

static int sentence_has(const struct lex_match *m, size_t nm, enum lex_kind k, const struct lex_words *lw)
{
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == k && lexicon_context_ok_in(m[j].entry, lw, 0, lw->n))
			return 1;
	return 0;
}

/* 1 when token i stands in a relative clause set off by commas ("the
 * attack, which the government blamed on separatists, killed ..."). */
static int in_comma_relative(const char *s, const struct text_token *t, size_t n, size_t i)
{
	for (size_t b = i; b-- > 0;) {
		if (!tok_is_punct(s, &t[b], ','))
			continue;
		if (!(b + 1 < n && (tok_is(s, &t[b + 1], "which") || tok_is(s, &t[b + 1], "who"))))
			return 0;
		for (size_t a = i + 1; a < n; a++)
			if (tok_is_punct(s, &t[a], ','))
				return 1;
		return 0;
	}
	return 0;
}

/* A claim, blame or sanction cue in the sentence, unless it is blame in a
 * relative clause that only describes the event's subject: "the attack,
 * which the government blamed on separatists, killed three gendarmes"
 * tells the attack (a claim of responsibility there still only refers to
 * an event told elsewhere). */
static int talk_outside_relative(const struct lex_match *m, size_t nm, const char *s,
                                 const struct text_token *t, size_t n, const struct lex_words *lw)
{
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == LEX_TALK && lexicon_context_ok_in(m[j].entry, lw, 0, n) &&
		    !(strncmp(m[j].entry->words[0], "blame", 5) == 0 &&
		      in_comma_relative(s, t, n, m[j].tok_start)))
			return 1;
	return 0;
}

/* 1 when "by" stands right before token i, or before an article and an
 * adjective ("by an angry crowd"), no earlier than token from. */
static int by_before(const char *s, const struct text_token *t, size_t from, size_t i)
{
	for (size_t b = 1; b <= 3 && b <= i && i - b >= from; b++) {
		const struct text_token *w = &t[i - b];
		if (tok_is(s, w, "by"))
			return 1;
		if (!(tok_is(s, w, "a") || tok_is(s, w, "an") || tok_is(s, w, "the") ||
		      tok_is(s, w, "angry") || tok_is(s, w, "irate")))
			return 0;
	}
	return 0;
}

/* 1 when the sentence is set in title case (a headline): most of its words are capitalised. */
static int title_case(const struct text_token *t, size_t n)
{
	size_t words = 0, caps = 0;
	for (size_t i = 0; i < n; i++)
		if (t[i].flags & TOK_WORD) {
			words++;
			caps += (t[i].flags & TOK_CAP) != 0;
		}
	return words > 0 && caps * 2 >= words;
}

/* An accident or disaster cue in the sentence, outside tokens [skip0,
 * skip1)?  A cue that is part of a capitalised name in running text ("the
 * Al Yamani Dairy Factory", "Salah Industrial Complex") names a place, not
 * an accident; a trigger that names its own mishap ("accidentally
 * detonated") is not ruled out by its own word. */
static int nonconflict_outside(const struct lex_match *m, size_t nm, const struct text_token *t, size_t n,
                               const struct lex_words *lw, size_t skip0, size_t skip1)
{
	int title = -1;
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_NONCONFLICT || !lexicon_context_ok_in(m[j].entry, lw, 0, n))
			continue;
		if (m[j].tok_start >= skip0 && m[j].tok_end <= skip1)
			continue;
		size_t i = m[j].tok_start;
		if (i > 0 && (t[i].flags & TOK_CAP) && (t[i - 1].flags & TOK_CAP)) {
			if (title < 0)
				title = title_case(t, n);
			if (!title)
				continue;
		}
		return 1;
	}
	return 0;
}

static int sentence_has_nonconflict(const struct lex_match *m, size_t nm, const struct text_token *t,
                                    size_t n, const struct lex_words *lw)
{
	return nonconflict_outside(m, nm, t, n, lw, 0, 0);
}

static void copy_actor(struct event_actor *a, unsigned *flags, const struct actor_mention *m, const char *s,
                       size_t base)
{
	a->present = true;
	event_strlcpy(a->name, m->name, sizeof a->name);
	size_t l = m->end - m->start;
	if (l >= sizeof a->mention)
		l = sizeof a->mention - 1;
	memcpy(a->mention, s + base + m->start, l);
	a->mention[l] = '\0';
	a->type = m->type;
	memcpy(a->country_code, m->country_code, 3);
	a->country_code[2] = '\0';
	*flags = m->flags;
}

/* 1 when the auxiliary at token i belongs to a verb of report or blame
 * whose own verb follows: "the army was accused of killing", "police were
 * alleged to have beaten": the subject is the doer of the act told. */
static int aux_of_report(const char *s, const struct text_token *t, size_t n, size_t i)
{
	static const char *const rep[] = {"accused",  "alleged", "suspected", "believed", "said",
	                                  "reported", "thought", "blamed",    NULL};
	if (i + 2 >= n ||
	    !(tok_is(s, &t[i + 2], "of") || tok_is(s, &t[i + 2], "to") || tok_is(s, &t[i + 2], "for")))
		return 0;
	for (size_t k = 0; rep[k]; k++)
		if (tok_is(s, &t[i + 1], rep[k]))
			return 1;
	return 0;
}

/* Words between two byte offsets include a passive auxiliary ("was", "were", "been")?
 * A relative clause set off by commas is skipped: in "the rebels, who had
 * been advancing for weeks, captured", "been" is not the main verb's. */
static int passive_between(const char *s, const struct text_token *t, size_t n, size_t b0, size_t b1)
{
	for (size_t i = tok_at(t, n, b0); i < n && t[i].end <= b1; i++) {
		if (tok_is_punct(s, &t[i], ',') && i + 1 < n &&
		    (tok_is(s, &t[i + 1], "who") || tok_is(s, &t[i + 1], "which"))) {
			size_t j = i + 2;
			while (j < n && t[j].end <= b1 && !tok_is_punct(s, &t[j], ','))
				j++;
			if (j < n && t[j].end <= b1) {
				i = j;
				continue;
			}
		}
		if ((tok_is(s, &t[i], "was") || tok_is(s, &t[i], "were") || tok_is(s, &t[i], "been") ||
		     tok_is(s, &t[i], "being") || tok_is(s, &t[i], "is") || tok_is(s, &t[i], "are")) &&
		    !aux_of_report(s, t, n, i))
			return 1;
	}
	return 0;
}

/* "a detainee died under torture": the subject of "died" suffers the
 * trigger after it, as a passive's would. */
static int died_between(const char *s, const struct text_token *t, size_t n, size_t b0, size_t b1)
{
	for (size_t i = tok_at(t, n, b0); i < n && t[i].end <= b1; i++)
		if (tok_is(s, &t[i], "died") || tok_is(s, &t[i], "dies") || tok_is(s, &t[i], "succumbed"))
			return 1;
	return 0;
}

/* 1 when actor mention a only describes another group: "linked to
 * al-Qaeda", "allied with Turkey". */
static int actor_is_affiliation(const char *s, const struct text_token *t, size_t n, size_t base,
                                const struct actor_mention *a)
{
	static const char *const rel[] = {"linked", "affiliated", "allied", "tied", "aligned", NULL};
	size_t i0 = tok_at(t, n, base + a->start);
	if (i0 >= 1 && tok_is(s, &t[i0 - 1], "the"))
		i0--;
	/* "militias backed by the RSF": the backer describes its proxy */
	static const char *const backer[] = {"backed", "supported", "armed", "funded", "sponsored", NULL};
	if (i0 >= 2 && tok_is(s, &t[i0 - 1], "by"))
		for (size_t k = 0; backer[k]; k++)
			if (tok_is(s, &t[i0 - 2], backer[k]))
				return 1;
	if (i0 < 2 || !(tok_is(s, &t[i0 - 1], "to") || tok_is(s, &t[i0 - 1], "with")))
		return 0;
	for (size_t k = 0; rel[k]; k++)
		if (tok_is(s, &t[i0 - 2], rel[k]))
			return 1;
	return 0;
}

/* "a Russian missile struck", "an Israeli air strike": remote violence
 * named by the state that fired it, with no agent named otherwise.  The
 * demonym right before the trigger makes that state's military actor1. */
int frames_verb_after(const char *s, size_t len, size_t e)
{
	static const char *const verbs[] = {"struck",  "hit",     "shot",   "fought", "sent",   "launches",
	                                    "fires",   "strikes", "shells", "bombs",  "attacks", "pounds",
	                                    "hits",    "targets", "has",    "have",   "had",    "said",
	                                    "says",    "claimed", "began",  NULL};
	if (e + 1 >= len || s[e] != ' ')
		return 0;
	size_t b = e + 1, w = b;
	while (w < len && s[w] >= 'a' && s[w] <= 'z')
		w++;
	if (w == b || (w < len && ((s[w] >= 'A' && s[w] <= 'Z') || (unsigned char)s[w] >= 0x80)))
		return 0;
	if (w - b > 3 && s[w - 2] == 'e' && s[w - 1] == 'd')
		return 1;
	for (size_t i = 0; verbs[i]; i++)
		if (strlen(verbs[i]) == w - b && !memcmp(verbs[i], s + b, w - b))
			return 1;
	return 0;
}

/* "Russia launched missiles at Kyiv": a country named as the subject of
 * the clause before the trigger acts through its forces. */
int frames_name_is_subject(const char *s, size_t lo, size_t len, size_t g0, size_t g1)
{
	static const char *const prep[] = {"in",     "of",     "from",   "at",         "near",    "to",
	                                   "across", "over",   "into",   "inside",     "outside", "within",
	                                   "for",    "against", "with",  "by",         "on",      "between",
	                                   "throughout", "toward", "towards", "around", NULL};
	if (g0 < lo || !frames_verb_after(s, len, g1))
		return 0;
	/* the word before: no preposition ("fighting in Syria killed") */
	size_t e = g0;
	while (e > lo && s[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > lo && ((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <= 'z'))
		b--;
	for (size_t i = 0; prep[i] && e > b; i++)
		if (strlen(prep[i]) == e - b && !strncasecmp(prep[i], s + b, e - b))
			return 0;
	return 1;
}

/* Country c's forces, named by s[b..e) ("Russian", "Russia"), are the
 * frame's sure agent. */
static void state_agent(const struct gaz_place *c, const char *s, size_t b, size_t e, struct frame *f)
{
	f->actor1.present = true;
	snprintf(f->actor1.name, sizeof f->actor1.name, "Military Forces of %s", c->name);
	size_t l = e - b < sizeof f->actor1.mention - 1 ? e - b : sizeof f->actor1.mention - 1;
	memcpy(f->actor1.mention, s + b, l);
	f->actor1.mention[l] = '\0';
	f->actor1.type = ACTOR_STATE_FORCES;
	memcpy(f->actor1.country_code, c->country_code, 3);
	f->actor1.country_code[2] = '\0';
	f->actor1_flags = ACTOR_F_STATE;
	f->actor1_sure = true;
}

int frames_agent_by_before(const char *s, size_t lo, size_t g0)
{
	size_t b = g0;
	for (int names = 0; names < 3; names++) {
		if (b >= lo + 4 && !strncasecmp(s + b - 4, "the ", 4))
			b -= 4;
		if (b >= lo + 3 && !strncasecmp(s + b - 3, "by ", 3) &&
		    (b == lo + 3 || !((s[b - 4] | 0x20) >= 'a' && (s[b - 4] | 0x20) <= 'z')))
			return 1;
		/* "by the United States and Saudi Arabia": back over "and" or a
		 * comma and the capitalised words of the name before it */
		if (b >= lo + 5 && !strncmp(s + b - 5, " and ", 5))
			b -= 5;
		else if (b >= lo + 2 && !strncmp(s + b - 2, ", ", 2))
			b -= 2;
		else
			return 0;
		int words = 0;
		for (; words < 4; words++) {
			size_t w = b;
			while (w > lo && ((s[w - 1] | 0x20) >= 'a' && (s[w - 1] | 0x20) <= 'z'))
				w--;
			if (w == b || s[w] < 'A' || s[w] > 'Z')
				break;
			b = w;
			if (!(b > lo && s[b - 1] == ' '))
				break;
			/* the word before, if capitalised, is the name's too */
			size_t v = b - 1;
			while (v > lo && ((s[v - 1] | 0x20) >= 'a' && (s[v - 1] | 0x20) <= 'z'))
				v--;
			if (v == b - 1 || s[v] < 'A' || s[v] > 'Z')
				break;
			b--; /* onto the space; the next round reads that word */
		}
		if (words == 0 && !(b < g0))
			return 0;
		/* b is at the name's first letter: before it a space */
		if (!(b > lo && s[b - 1] == ' '))
			return 0;
	}
	return 0;
}

/* The country named at s[g0..g1) as the subject of the clause before the
 * trigger at trig_b, or NULL. */
static const struct gaz_place *country_subject(const struct frames_env *env, const char *s, size_t send,
                                               size_t cb0, size_t g0, size_t g1, size_t trig_b)
{
	if (!env->gaz || g1 >= trig_b || !frames_name_is_subject(s, cb0, send, g0, g1))
		return NULL;
	const struct gaz_place *c = gazetteer_country_by_name(env->gaz, s + g0, g1 - g0);
	return c && c->name && strlen(c->name) == g1 - g0 ? c : NULL;
}

static void country_agent(const struct frames_env *env, const struct frames_scratch *sc, const char *s,
                          size_t send, size_t ng, size_t base, size_t cb0, size_t trig_b, struct frame *f)
{
	if (f->actor1.present)
		return;
	for (size_t i = 0; i < ng; i++) {
		const struct gaz_mention *gm = &sc->gm[i];
		size_t g0 = base + gm->start, g1 = base + gm->end;
		const struct gaz_place *c = country_subject(env, s, send, cb0, g0, g1, trig_b);
		if (!c)
			continue;
		state_agent(c, s, g0, g1, f);
		return;
	}
}

static void demonym_agent(const struct gazetteer *gaz, const char *s, const struct text_token *w,
                          struct frame *f)
{
	if (!gaz || sub_event_type_parent(f->sub) != EVENT_EXPLOSIONS_REMOTE_VIOLENCE ||
	    f->sub == SUB_SUICIDE_BOMB || f->sub == SUB_REMOTE_EXPLOSIVE_LANDMINE_IED ||
	    !(w->flags & TOK_CAP))
		return;
	const struct gaz_place *c = gazetteer_country_by_name(gaz, s + w->start, w->end - w->start);
	if (!c || !c->name || !c->name[0])
		return;
	/* the country's own name ("Syria air strike") is a place, not a side */
	if (strlen(c->name) == w->end - w->start &&
	    strncasecmp(c->name, s + w->start, w->end - w->start) == 0)
		return;
	state_agent(c, s, w->start, w->end, f);
}

/* Words a speaker's title adds between its name and "said" ("police
 * spokesman said", "army officials said"). */
static int speaker_title(const char *s, const struct text_token *t)
{
	static const char *const title[] = {"spokesman", "spokeswoman", "spokesperson", "spokespeople",
	                                    "official",  "officials",   "officer",      "officers",
	                                    "source",    "sources",     "statement",    NULL};
	for (size_t k = 0; title[k]; k++)
		if (tok_is(s, t, title[k]))
			return 1;
	return 0;
}

/* 1 when actor mention a (sentence offsets; base: the sentence's start in
 * s) only reports the event ("police said he was detained", "..., the
 * Malian army said", "according to the army") or hears it ("told
 * reporters").  Neither is agent or target, except in "the army said
 * (that) it killed ..." and "X claimed to have repelled": there the
 * speaker acts. */
static int actor_is_speaker(const char *s, const struct text_token *t, size_t n, const struct lex_match *m,
                            size_t nm, size_t base, size_t trig_b, const struct actor_mention *a)
{
	size_t i0 = tok_at(t, n, base + a->start), i1 = tok_at(t, n, base + a->end);
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_REPORT)
			continue;
		if (m[j].entry->flags & LEX_F_PRE) {
			/* "two officers told reporters": the listener */
			if (m[j].tok_end == i0 && tok_is(s, &t[m[j].tok_start], "told"))
				return 1;
			size_t k = i1;
			while (k < m[j].tok_start && k < i1 + 2 && speaker_title(s, &t[k]))
				k++;
			if (k != m[j].tok_start)
				continue;
			/* "X claimed to have repelled", "X reported killed", "X
			 * claimed responsibility": X acts */
			size_t e = m[j].tok_end;
			if (e < n && (tok_is(s, &t[e], "to") || tok_is(s, &t[e], "responsibility") ||
			              t[e].start == trig_b))
				return 0;
			if (e < n && tok_is(s, &t[e], "that"))
				e++;
			if (e < n &&
			    (tok_is(s, &t[e], "it") || tok_is(s, &t[e], "they") || tok_is(s, &t[e], "we")))
				return 0;
			return 1;
		}
		/* "according to (the) X", "reported by X" */
		size_t e = m[j].tok_end;
		if (e < n && e < i0 && tok_is(s, &t[e], "the"))
			e++;
		if (e == i0)
			return 1;
	}
	return 0;
}

/* 1 when actor b is joined to actor a as its ally: "the army and allied
 * fighters captured ...", "troops and their militias".  ACLED names the
 * first side actor1; the second joins it. */
static int coordinated_after(const char *s, const struct text_token *t, size_t n, size_t base,
                             const struct actor_mention *a, const struct actor_mention *b)
{
	size_t ta = tok_at(t, n, base + a->end);
	size_t tb = tok_at(t, n, base + b->start);
	if (ta >= n || tb > n || tb <= ta)
		return 0;
	if (!tok_is(s, &t[ta], "and"))
		return 0;
	/* "X and Y clashed" opposes them: only a word of alliance joins them */
	return tb - ta == 2 && (tok_is(s, &t[ta + 1], "allied") || tok_is(s, &t[ta + 1], "its") ||
	                        tok_is(s, &t[ta + 1], "their") || tok_is(s, &t[ta + 1], "affiliated") ||
	                        tok_is(s, &t[ta + 1], "loyalist") || tok_is(s, &t[ta + 1], "supporting"));
}

static int crowd_sub(enum sub_event_type sub)
{
	enum event_type fam = sub_event_type_parent(sub);
	return fam == EVENT_PROTESTS || fam == EVENT_RIOTS;
}

/* 1 when actor mention a (sentence offsets from base) is a possessor: "a
 * police officer's wife" names the wife, not the officer. */
static int actor_is_possessor(const char *s, size_t base, size_t send, const struct actor_mention *a)
{
	size_t e = base + a->end;
	if (e + 2 <= send && s[e] == '\'' && (s[e + 1] == 's' || s[e + 1] == 'S'))
		return 1;
	/* U+2019 RIGHT SINGLE QUOTATION MARK */
	return e + 4 <= send && (unsigned char)s[e] == 0xE2 && (unsigned char)s[e + 1] == 0x80 &&
	       (unsigned char)s[e + 2] == 0x99 && (s[e + 3] == 's' || s[e + 3] == 'S');
}

/* 1 when actor mention a only describes dress: "gunmen in military
 * fatigues", "men in police uniform" are not the army or the police. */
static int actor_is_dress(const char *s, const struct text_token *t, size_t n, size_t base,
                          const struct actor_mention *a)
{
	static const char *const dress[] = {"fatigues", "uniform", "uniforms", "attire", "clothes",
	                                    "clothing", "gear",    "outfits",  NULL};
	size_t te = tok_at(t, n, base + a->end);
	if (te >= n)
		return 0;
	for (size_t k = 0; dress[k]; k++)
		if (tok_is(s, &t[te], dress[k]))
			return 1;
	return 0;
}

/* 1 when party mention a names a worker, supporter or candidate of the
 * party ("a BJP worker", "ZANU-PF supporters"): unarmed people, whom ACLED
 * codes as civilians when attacked, not the party's militia. */
static int party_member(const char *s, const struct text_token *t, size_t n, size_t base,
                        const struct actor_mention *a)
{
	static const char *const role[] = {
	    "worker",     "workers",    "supporter",   "supporters", "activist", "activists",  "candidate",
	    "candidates", "councillor", "councillors", "cadre",      "cadres",   "politician", NULL};
	/* a party's leaders and officials hold no arms either ("a local BJP
	 * leader was hacked to death"); a militia's leader may */
	static const char *const office[] = {"leader", "leaders", "official", "officials", "mla",  "mp",
	                                     "legislator", "mayor", "chairman", "president", "member",
	                                     "members", NULL};
	if (a->type != ACTOR_POLITICAL_MILITIA)
		return 0;
	size_t tl = tok_at(t, n, base + a->end);
	size_t last = tl > 0 ? tl - 1 : 0;
	for (size_t k = 0; role[k]; k++)
		if ((tl < n && tok_is(s, &t[tl], role[k])) || (tl > 0 && tok_is(s, &t[last], role[k])))
			return 1;
	for (size_t k = 0; office[k] && (a->flags & ACTOR_F_PARTY); k++)
		if ((tl < n && tok_is(s, &t[tl], office[k])) || (tl > 0 && tok_is(s, &t[last], office[k])))
			return 1;
	return 0;
}

/* 1 when actor b, named before the trigger, is joined to actor a by a bare
 * "and": "police and bandits exchanged fire" names two sides, the first
 * being actor1. */
static int joined_by_and(const char *s, const struct text_token *t, size_t n, size_t base,
                         const struct actor_mention *a, const struct actor_mention *b)
{
	size_t ta = tok_at(t, n, base + a->end);
	size_t tb = tok_at(t, n, base + b->start);
	/* "the army and the RSF clashed": an article may open the second */
	if (tb == ta + 2 && ta + 1 < n && tok_is(s, &t[ta + 1], "the"))
		tb--;
	return ta < n && tb == ta + 1 && tok_is(s, &t[ta], "and");
}

/* 1 when a violent verb of the lexicon (a trigger or a death word) starts
 * in bytes [from, to): the actor after it is the verb's object, and the one
 * before it the subject ("jihadists killed 12 soldiers in an ambush"). */
static int verb_between(const char *s, const struct text_token *t, size_t n, const struct lex_match *m,
                        size_t nm, size_t from, size_t to)
{
	/* "two policemen died when gunmen attacked": a verb of dying has no
	 * object, and a clause after "when" or "after" has its own subject */
	static const char *const stop[] = {"died",  "perished", "succumbed", "when", "after",
	                                   "while", "before",   "until",     NULL};
	for (size_t i = tok_at(t, n, from); i < n && t[i].start < to; i++)
		for (size_t k = 0; stop[k]; k++)
			if (tok_is(s, &t[i], stop[k]))
				return 0;
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_TRIGGER && m[j].entry->kind != LEX_DEATH)
			continue;
		size_t b = m[j].tok_start < n ? t[m[j].tok_start].start : SIZE_MAX;
		if (b >= from && b < to)
			return 1;
	}
	return 0;
}

/* Is the actor starting at byte a0 the other side, after "with" or
 * "against" ("in an encounter with security forces")? */
static int opponent_at(const char *s, const struct text_token *t, size_t n, size_t a0)
{
	size_t k = tok_at(t, n, a0);
	if (k >= 1 && (tok_is(s, &t[k - 1], "the") || tok_is(s, &t[k - 1], "a")))
		k--;
	return k >= 1 && (tok_is(s, &t[k - 1], "with") || tok_is(s, &t[k - 1], "against"));
}

static int mention_state_side(const struct actor_mention *m)
{
	return m->type == ACTOR_STATE_FORCES || m->type == ACTOR_EXTERNAL_OTHER || (m->flags & ACTOR_F_STATE);
}

/* Does an operation's noun follow the actor ending at byte e ("police
 * raid", "army operation", "military offensive")? */
static int operation_of(const char *s, const struct text_token *t, size_t n, size_t b, size_t e)
{
	static const char *const op[] = {"raid",      "raids",       "operation",  "operations", "crackdown",
	                                 "offensive", "bombardment", "airstrike", "airstrikes", NULL};
	/* the operation's noun right after the mention, or its last word
	 * when the actor's term holds it ("police operation") */
	size_t next = tok_at(t, n, e), last = tok_at(t, n, b);
	while (last + 1 < n && t[last + 1].end <= e)
		last++;
	for (size_t i = 0; op[i]; i++)
		if ((next < n && t[next].start == e + 1 && s[e] == ' ' && tok_is(s, &t[next], op[i])) ||
		    (last < n && t[last].end == e && t[last].start > b && tok_is(s, &t[last], op[i])))
			return 1;
	return 0;
}

/* 1 when the trigger s[tb..te) is a label opening the sentence ("Looting:
 * On 5 May, ...") and the actor at a0 comes after it with no verb between
 * (no word in -ed but "reported": "As reported on 28 April, ..."). */
static int label_subject(const char *s, const struct text_token *t, size_t n, size_t tb, size_t te, size_t a0)
{
	if (n == 0 || t[0].start != tb || a0 <= te)
		return 0;
	size_t k = tok_at(t, n, te);
	if (k >= n || !tok_is_punct(s, &t[k], ':'))
		return 0;
	for (k++; k < n && t[k].start < a0; k++) {
		size_t l = t[k].end - t[k].start;
		if (l > 3 && s[t[k].end - 2] == 'e' && s[t[k].end - 1] == 'd' && !tok_is(s, &t[k], "reported"))
			return 0;
	}
	return 1;
}

static int fate_marker(const char *s, const struct text_token *t, size_t i, size_t *b);
static int word_eq(const char *s, size_t w0, size_t w1, const char *const *list);

/* 1 when the actor mention a is an aircraft word alone ("drones", "jets"),
 * no force's name: a weapon a force sends as much as an agent. */
static int bare_craft(const char *s, size_t base, const struct actor_mention *a)
{
	static const char *const craft[] = {"drones",   "drone",    "warplanes", "warplane",    "jets",
	                                    "jet",      "aircraft", "bombers",   "helicopters", "helicopter",
	                                    "gunships", "uavs",     NULL};
	if (!(a->flags & ACTOR_F_AIR))
		return 0;
	return word_eq(s, base + a->start, base + a->end, craft);
}

/* 1 when a fate_marker() ends between tokens from and to: an actor after
 * it is the one who met the doer ("before being shot dead by soldiers"). */
static int fate_between(const char *s, const struct text_token *t, size_t from, size_t to)
{
	size_t b;
	for (size_t k = from + 1; k <= to; k++)
		if (fate_marker(s, t, k, &b) && b >= from)
			return 1;
	return 0;
}

static void pick_actors(const char *s, const struct text_token *t, size_t n, const struct frames_scratch *sc,
                        size_t nm, size_t na, size_t base, size_t cb0, size_t cb1, size_t trig_b,
                        struct frame *f)
{
	int before = -1, after = -1, after2 = -1, victims_before = -1, partner = -1, object_before = -1;
	size_t send = t[n - 1].end;
	for (size_t i = 0; i < na; i++) {
		size_t a0 = base + sc->am[i].start;
		if (a0 < cb0 || a0 >= cb1)
			continue;
		/* The trigger naming its own agent ("a drone strike": the air
		 * force) is never the target; a protest's crowd stays its actor. */
		if (a0 >= trig_b && a0 < f->trig_end && !crowd_sub(f->sub))
			continue;
		if (actor_is_speaker(s, t, n, sc->m, nm, base, trig_b, &sc->am[i]) ||
		    actor_is_affiliation(s, t, n, base, &sc->am[i]) ||
		    actor_is_dress(s, t, n, base, &sc->am[i]))
			continue;
		/* Civilians named before the trigger are its victims, not its agent
		 * ("IS killed 260 people, most of them civilians, in bombings"). */
		if (a0 < trig_b && sc->am[i].type == ACTOR_CIVILIANS)
			victims_before = (int)i;
		/* "Russian forces launched drones and missiles at Kyiv": craft
		 * named bare after a force, before the trigger, are its weapons */
		else if (a0 < trig_b && before >= 0 && sc->am[before].type != ACTOR_CIVILIANS &&
		         sc->am[i].start > sc->am[before].end && bare_craft(s, base, &sc->am[i]))
			continue;
		else if (a0 < trig_b && before >= 0 && partner < 0 &&
		         sub_event_type_parent(f->sub) == EVENT_BATTLES &&
		         joined_by_and(s, t, n, base, &sc->am[before], &sc->am[i]))
			partner = (int)i;
		else if (a0 < trig_b && before >= 0 && object_before < 0 &&
		         verb_between(s, t, n, sc->m, nm, base + sc->am[before].end, a0))
			object_before = (int)i; /* "jihadists killed 12 soldiers in an ambush" */
		else if (a0 < trig_b && object_before < 0 &&
		         !(before >= 0 && coordinated_after(s, t, n, base, &sc->am[before], &sc->am[i])))
			before = (int)i;
		else if (a0 >= trig_b && actor_is_possessor(s, base, send, &sc->am[i]))
			continue;
		else if (a0 >= f->trig_end && fate_between(s, t, tok_at(t, n, f->trig_end), tok_at(t, n, a0)))
			continue;
		else if (after < 0)
			after = (int)i;
		else if (after2 < 0 && strcmp(sc->am[i].name, sc->am[after].name) != 0)
			after2 = (int)i;
	}
	/* "Property destruction: On 4 May, Israeli forces demolished ...": a
	 * label opening the sentence names the event, and the subject of the
	 * sentence after it, before any verb, is its agent */
	if (before < 0 && after >= 0 && label_subject(s, t, n, trig_b, f->trig_end, base + sc->am[after].start)) {
		before = after;
		after = after2;
		after2 = -1;
	}
	/* "was shot by X", "killed by at least four gunmen": the "by" follows
	 * the trigger closely, or it belongs to another verb ("soldiers
	 * backed by helicopters battled X": the "by" before the trigger). */
	int by_agent = 0;
	if (after >= 0) {
		size_t ti = tok_at(t, n, base + sc->am[after].start);
		size_t tt = tok_at(t, n, trig_b);
		for (size_t back = 1; back <= 4 && back <= ti && !by_agent; back++) {
			/* "the district held by IS" names the holder, not the agent */
			/* "the town fell to X": X took it */
			int fell_to = tok_is(s, &t[ti - back], "to") && ti - back > 0 &&
			              tok_is(s, &t[ti - back - 1], "fell");
			if ((tok_is(s, &t[ti - back], "by") || fell_to) && ti - back > tt &&
			    ti - back <= tt + 5 &&
			    !(ti - back > 0 && (tok_is(s, &t[ti - back - 1], "held") ||
			                        tok_is(s, &t[ti - back - 1], "controlled") ||
			                        tok_is(s, &t[ti - back - 1], "occupied") ||
			                        tok_is(s, &t[ti - back - 1], "run"))))
				by_agent = 1;
			else if (t[ti - back].flags & TOK_PUNCT)
				break;
		}
	}
	/* "killed during a police raid", "in an army operation": an actor
	 * naming the operation it carries out is its agent, unless the
	 * sentence's subject is ("gunmen attacked a police operation base") */
	if (!by_agent && after >= 0 &&
	    (before < 0 || passive_between(s, t, n, base + sc->am[before].end, trig_b)) &&
	    operation_of(s, t, n, base + sc->am[after].start, base + sc->am[after].end))
		by_agent = 1;
	/* "the rape of three women by soldiers": after a trigger noun the
	 * victims come first and the agent follows them after "by" */
	if (!by_agent && after >= 0 && after2 >= 0 && sc->am[after].type == ACTOR_CIVILIANS) {
		size_t ti = tok_at(t, n, base + sc->am[after2].start);
		size_t ta = tok_at(t, n, base + sc->am[after].end);
		size_t by = ti >= 2 && tok_is(s, &t[ti - 1], "the") ? ti - 2 : ti - 1;
		if (ti >= 1 && by >= ta && by <= ta + 1 && tok_is(s, &t[by], "by")) {
			int v = after;
			after = after2;
			after2 = v;
			by_agent = 1;
		}
	}
	int patient_before = before >= 0 && passive_between(s, t, n, base + sc->am[before].end, trig_b);
	enum event_type fam = sub_event_type_parent(f->sub);
	/* Territory taken is not mutual: "captured two rebel camps" names the
	 * loser after the trigger. */
	int symmetric = (fam == EVENT_BATTLES && f->sub != SUB_GOVERNMENT_REGAINS_TERRITORY &&
	                 f->sub != SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY) ||
	                fam == EVENT_PROTESTS || fam == EVENT_RIOTS;
	if (by_agent) {
		f->actor1_sure = true;
		copy_actor(&f->actor1, &f->actor1_flags, &sc->am[after], s, base);
		/* "killed by her neighbours": a crowd named as the
		 * passive's agent acts as one */
		if (sc->am[after].type == ACTOR_CIVILIANS)
			for (size_t j = 0; j < nm; j++)
				if (sc->m[j].entry->kind == LEX_CROWD &&
				    t[sc->m[j].tok_start].start >= base + sc->am[after].start &&
				    t[sc->m[j].tok_start].start < base + sc->am[after].end)
					f->crowd_agent = true;
		if (before >= 0)
			copy_actor(&f->actor2, &f->actor2_flags, &sc->am[before], s, base);
		/* "an air strike by the coalition hit a market, killing six
		 * civilians": the victims named after the agent */
		else if (after2 >= 0 && sc->am[after2].type == ACTOR_CIVILIANS)
			copy_actor(&f->actor2, &f->actor2_flags, &sc->am[after2], s, base);
	} else if (before >= 0 && !patient_before) {
		f->actor1_sure = true;
		copy_actor(&f->actor1, &f->actor1_flags, &sc->am[before], s, base);
		if (object_before >= 0 && strcmp(sc->am[object_before].name, sc->am[before].name) != 0)
			copy_actor(&f->actor2, &f->actor2_flags, &sc->am[object_before], s, base);
		else if (after >= 0 && strcmp(sc->am[after].name, sc->am[before].name) != 0)
			copy_actor(&f->actor2, &f->actor2_flags, &sc->am[after], s, base);
		else if (partner >= 0 && strcmp(sc->am[partner].name, sc->am[before].name) != 0)
			copy_actor(&f->actor2, &f->actor2_flags, &sc->am[partner], s, base);
	} else if (before >= 0) {
		/* "five militants were killed in an encounter with security
		 * forces": the side after the clash is its agent, though not when
		 * only the patient is the state's ("police officers were involved
		 * in a shootout with robbers") */
		if (symmetric && after >= 0 && strcmp(sc->am[after].name, sc->am[before].name) != 0 &&
		    opponent_at(s, t, n, base + sc->am[after].start) &&
		    (mention_state_side(&sc->am[after]) || !mention_state_side(&sc->am[before]))) {
			f->actor1_sure = true;
			copy_actor(&f->actor1, &f->actor1_flags, &sc->am[after], s, base);
		}
		copy_actor(&f->actor2, &f->actor2_flags, &sc->am[before], s, base);
	} else if (after >= 0 && symmetric) {
		/* "clashes between X and Y", "protesters ... " */
		copy_actor(&f->actor1, &f->actor1_flags, &sc->am[after], s, base);
		if (after2 >= 0)
			copy_actor(&f->actor2, &f->actor2_flags, &sc->am[after2], s, base);
	} else if (after >= 0) {
		/* "air strikes on X", "an attack against X": X is the target */
		copy_actor(&f->actor2, &f->actor2_flags, &sc->am[after], s, base);
	}
	/* a party's workers as the target are unarmed: an attack, never a clash */
	if (f->actor2.present && f->actor2.type == ACTOR_POLITICAL_MILITIA)
		for (int k = 0; k < 2; k++) {
			int idx = k == 0 ? before : after;
			if (idx >= 0 && strcmp(f->actor2.name, sc->am[idx].name) == 0 &&
			    party_member(s, t, n, base, &sc->am[idx]))
				f->lex_flags |= LEX_F_UNARMED;
		}
	/* "a former FSA commander", "a retired soldier": no longer under arms,
	 * the target of an attack, never a side in a clash */
	if (f->actor2.present && f->actor2.type != ACTOR_CIVILIANS)
		for (int k = 0; k < 2; k++) {
			int idx = k == 0 ? before : after;
			if (idx < 0 || strcmp(f->actor2.name, sc->am[idx].name) != 0)
				continue;
			size_t a0 = base + sc->am[idx].start, ta = tok_at(t, n, a0);
			if ((ta > 0 && (tok_is(s, &t[ta - 1], "former") || tok_is(s, &t[ta - 1], "retired"))) ||
			    (a0 >= 3 && !strncasecmp(s + a0 - 3, "ex-", 3))) /* "an ex-policeman" */
				f->lex_flags |= LEX_F_UNARMED;
		}
	/* Villagers, residents or youths acting: a crowd, which ACLED codes as a
	 * mob.  A trigger that begins with its own auxiliary ("were shot") is
	 * passive too: the crowd is its patient. */
	size_t trig_word = tok_at(t, n, trig_b);
	size_t trig_word_end = trig_word < n ? t[trig_word].end : trig_b;
	/* ... but a trigger noun after "of" ("a boy bearing marks of torture")
	 * is no verb with the crowd as its subject */
	if (victims_before >= 0 && before < 0 && !by_agent &&
	    !passive_between(s, t, n, base + sc->am[victims_before].end, trig_word_end) &&
	    !died_between(s, t, n, base + sc->am[victims_before].end, trig_word_end) &&
	    !(trig_word > 0 && trig_word < n && tok_is(s, &t[trig_word - 1], "of")))
		f->crowd_agent = true;
	if (!f->actor2.present && victims_before >= 0 && f->actor1.present &&
	    strcmp(f->actor1.name, sc->am[victims_before].name) != 0)
		copy_actor(&f->actor2, &f->actor2_flags, &sc->am[victims_before], s, base);
	else if (!f->actor1.present && !f->actor2.present && victims_before >= 0)
		copy_actor(&f->actor1, &f->actor1_flags, &sc->am[victims_before], s, base);
	/* A protest with intervention is the crowd's event (ACLED: actor1 the
	 * protesters, actor2 the police who intervene): "police arrested 20
	 * protesters" names them the other way round. */
	if (f->sub == SUB_PROTEST_WITH_INTERVENTION && f->actor1.present && f->actor2.present &&
	    frames_actor_is_state_side(&f->actor1, f->actor1_flags) &&
	    (f->actor2.type == ACTOR_PROTESTERS || f->actor2.type == ACTOR_CIVILIANS)) {
		struct event_actor a = f->actor1;
		unsigned fl = f->actor1_flags;
		f->actor1 = f->actor2;
		f->actor1_flags = f->actor2_flags;
		f->actor2 = a;
		f->actor2_flags = fl;
	}
	/* Civilians do not attack; a civilian agent is the victim. */
	if (f->actor1.present && f->actor1.type == ACTOR_CIVILIANS && !f->actor2.present &&
	    sub_event_type_parent(f->sub) != EVENT_PROTESTS && sub_event_type_parent(f->sub) != EVENT_RIOTS) {
		f->actor2 = f->actor1;
		f->actor2_flags = f->actor1_flags;
		memset(&f->actor1, 0, sizeof f->actor1);
		f->actor1_flags = 0;
	}
}

static int kind_rank(enum gaz_kind k)
{
	switch (k) {
	case GAZ_POPULATED:
	case GAZ_TERRAIN:
		return 4;
	case GAZ_ADMIN2:
		return 3;
	case GAZ_ADMIN1:
		return 2;
	default:
		return 1;
	}
}

/* The word ending just before s[i] (spaces skipped), as [*w0, return). */
static size_t word_before_at(const char *s, size_t lo, size_t i, size_t *w0)
{
	while (i > lo && s[i - 1] == ' ')
		i--;
	size_t e = i;
	while (i > lo && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z')))
		i--;
	*w0 = i;
	return e;
}

static int word_eq(const char *s, size_t w0, size_t w1, const char *const *list)
{
	if (w1 == w0)
		return 0; /* no list has an empty word */
	/* equal letters agree in every bit but 0x20: most words fail here */
	unsigned char c = (unsigned char)s[w0] | 0x20;
	for (size_t k = 0; list[k]; k++)
		if (((unsigned char)list[k][0] | 0x20) == c && strlen(list[k]) == w1 - w0 &&
		    strncasecmp(s + w0, list[k], w1 - w0) == 0)
			return 1;
	return 0;
}

/* 1 when the place at s[g0..g1) is where a statement was made, not where
 * the event was: "told reporters in Pemba", "said in Kabul", "officials in
 * Shimla said". */
static int statement_place_at(const char *s, size_t lo, size_t hi, size_t g0, size_t g1)
{
	static const char *const in[] = {"in", "at", NULL};
	static const char *const stated[] = {
	    "said",      "says",   "told",       "reporters", "journalists", "speaking",   "spoke",
	    "statement", "issued", "conference", "briefing",  "announced",   "announcing", NULL};
	static const char *const says[] = {"said",      "says",     "told", "announced",
	                                   "confirmed", "reported", NULL};
	size_t w0, w1 = word_before_at(s, lo, g0, &w0);
	if (w1 > w0 && word_eq(s, w0, w1, in)) {
		size_t v0, v1 = word_before_at(s, lo, w0, &v0);
		if (v1 > v0 && word_eq(s, v0, v1, stated))
			return 1;
	}
	size_t a = g1;
	while (a < hi && s[a] == ' ')
		a++;
	size_t b = a;
	while (b < hi && s[b] >= 'a' && s[b] <= 'z')
		b++;
	return a > g1 && b > a && word_eq(s, a, b, says);
}

/* 1 when the place at s[g0] is the object of a verb that strikes a place:
 * "attacked Kajuru", "shelled Saraqib", "overran Gwoza". */
static int struck_place_at(const char *s, size_t lo, size_t g0)
{
	static const char *const verbs[] = {"attacked", "shelled",    "bombed",  "bombarded", "pounded",
	                                    "stormed",  "raided",     "overran", "besieged",  "captured",
	                                    "seized",   "recaptured", "retook",  "struck",    "hit",
	                                    "targeted", "invaded",    NULL};
	size_t w0, w1 = word_before_at(s, lo, g0, &w0);
	return w1 > w0 && word_eq(s, w0, w1, verbs);
}

/* 1 when the place at s[g0] is where someone went, not where the event
 * was: "headed east into the Badia desert", "fled to Idlib".  A march
 * "towards" a square is still the protest's place. */
static int destination_before(const char *s, size_t lo, size_t g0)
{
	static const char *const to[] = {"into", "to", "towards", "toward", NULL};
	static const char *const skip[] = {"the", "east", "west", "north", "south", "back", NULL};
	static const char *const motion[] = {"headed",      "heading",   "fled",      "fleeing",   "moved",
	                                     "retreated",   "withdrew",  "withdrawn", "escaped",   "returned",
	                                     "relocated",   "displaced", "went",      "evacuated", "deported",
	                                     "transferred", "heads",     "flee",      "retreat",   NULL};
	size_t w0, w1 = word_before_at(s, lo, g0, &w0);
	if (w1 > w0 && word_eq(s, w0, w1, skip))
		w1 = word_before_at(s, lo, w0, &w0);
	if (w1 == w0 || !word_eq(s, w0, w1, to))
		return 0;
	for (int k = 0; k < 3 && w0 > lo; k++) {
		w1 = word_before_at(s, lo, w0, &w0);
		if (w1 == w0)
			return 0;
		if (word_eq(s, w0, w1, motion))
			return 1;
	}
	return 0;
}

/* 1 when the place at s[g0..g1) is a neighbourhood, square or street of a
 * city ("in Colonia Buena Vista", "in Santa Maria neighborhood", "near the
 * Plaza de Bolivar", "in Tahrir Square"): ACLED codes the city, and such a
 * name mostly matches some other town or province. */
static int neighbourhood_at(const char *s, size_t lo, size_t hi, size_t g0, size_t g1)
{
	static const char *const before[] = {"colonia", "barrio",  "fraccionamiento", "bairro", "plaza",
	                                     "praca",   "avenida", "calle",           "rua",    NULL};
	static const char *const after[] = {
	    "neighborhood", "neighbourhood", "neighborhoods", "neighbourhoods", "favela", "barrio",
	    "colonia",      "square",        "avenue",        "street",         NULL};
	static const char *const of[] = {"de", "del", "da", "do", "dos", "das", NULL};
	size_t w0, w1 = word_before_at(s, lo, g0, &w0);
	/* "Plaza de Bolivar", "Avenida do Brasil" */
	if (w1 > w0 && word_eq(s, w0, w1, of))
		w1 = word_before_at(s, lo, w0, &w0);
	if (w1 > w0 && word_eq(s, w0, w1, before))
		return 1;
	/* the name may begin with the word ("Colonia Buena Vista" matched whole) */
	if (g1 - g0 > 8 && strncasecmp(s + g0, "colonia ", 8) == 0)
		return 1;
	size_t a0 = g1;
	while (a0 < hi && s[a0] == ' ')
		a0++;
	size_t a1 = a0;
	while (a1 < hi && ((s[a1] >= 'a' && s[a1] <= 'z') || (s[a1] >= 'A' && s[a1] <= 'Z')))
		a1++;
	return a1 > a0 && a0 > g1 && word_eq(s, a0, a1, after);
}

/* 1 when the place at s[g0..g1) only names a road ("the Mumbai-Agra
 * highway", "the Chtaura-Masnaa road"): the road's ends are elsewhere. */
static int road_end_at(const char *s, size_t lo, size_t hi, size_t g0, size_t g1)
{
	static const char *const road[] = {"highway", "road",  "motorway", "expressway",
	                                   "railway", "route", "axis",     NULL};
	if (!((g1 < hi && s[g1] == '-') || (g0 > lo && s[g0 - 1] == '-')))
		return 0;
	/* the road word comes after the far end's words ("the Damasak-Malam
	 * Fatori road"), at most three */
	size_t a = g1;
	for (int words = 0; words < 4; words++) {
		while (a < hi && (s[a] == '-' || (s[a] >= 'a' && s[a] <= 'z') || (s[a] >= 'A' && s[a] <= 'Z') ||
		                  (unsigned char)s[a] >= 0x80))
			a++;
		while (a < hi && s[a] == ' ')
			a++;
		size_t b = a;
		while (b < hi && ((s[b] >= 'a' && s[b] <= 'z') || (s[b] >= 'A' && s[b] <= 'Z')))
			b++;
		if (b > a && word_eq(s, a, b, road))
			return 1;
		if (!(a < hi && s[a] >= 'A' && s[a] <= 'Z'))
			return 0;
	}
	return 0;
}

/* 1 when the country name at s[g0..g1) is the agent of a passive ("a truce
 * brokered by the United States"), not a possessive ("by Mexico's police")
 * nor the start of an organisation's name ("by the United States Secret
 * Service"). */
static int agent_country_at(const char *s, size_t lo, size_t hi, size_t g0, size_t g1)
{
	if (!frames_agent_by_before(s, lo, g0))
		return 0;
	size_t e = g1 < hi && s[g1] == ' ' ? g1 + 1 : g1;
	return !(e < hi && (s[e] == '\'' || (e > g1 && s[e] >= 'A' && s[e] <= 'Z')));
}

static void pick_place(const struct frames_env *env, struct frames_scratch *sc, const char *s, size_t send,
                       size_t ng, size_t na, size_t base, size_t cb0, size_t cb1, size_t trig_b,
                       struct frame *f)
{
	int best_score = -1000;
	for (size_t i = 0; i < ng; i++) {
		const struct gaz_mention *gm = &sc->gm[i];
		size_t g0 = base + gm->start, g1 = base + gm->end;
		if (env->dateline_end && g1 <= env->dateline_end)
			continue;
		int inside_actor = 0;
		for (size_t a = 0; a < na; a++)
			if (gm->start >= sc->am[a].start && gm->end <= sc->am[a].end)
				inside_actor = 1;
		const struct gaz_place *p = gazetteer_resolve(env->gaz, gm, env->gctx);
		if (!p)
			continue;
		if (inside_actor && gm->cue != GAZ_CUE_SETTLEMENT && gm->cue != GAZ_CUE_ADMIN)
			continue;
		if (destination_before(s, base, g0) || neighbourhood_at(s, base, send, g0, g1) ||
		    road_end_at(s, base, send, g0, g1) || statement_place_at(s, base, send, g0, g1) ||
		    country_subject(env, s, send, cb0, g0, g1, trig_b) ||
		    (p->kind == GAZ_COUNTRY && agent_country_at(s, base, send, g0, g1)))
			continue;
		int sc_ = kind_rank(p->kind) * 10;
		if (g0 >= cb0 && g1 <= cb1)
			sc_ += 15;
		if (gm->cue == GAZ_CUE_SETTLEMENT)
			sc_ += 6;
		else if (gm->cue == GAZ_CUE_IN || gm->cue == GAZ_CUE_NEAR)
			sc_ += 4;
		else if (gm->cue == GAZ_CUE_ADMIN)
			sc_ += 2;
		if (g0 >= trig_b)
			sc_ += 1;
		if (struck_place_at(s, base, g0))
			sc_ += 4;
		/* The trigger's own place is near it, not at the clause's far end. */
		{
			size_t d = g0 > trig_b ? g0 - trig_b : trig_b - g0;
			sc_ -= d / 16 > 10 ? 10 : (int)(d / 16);
		}
		if (sc_ > best_score) {
			best_score = sc_;
			f->has_place = true;
			f->place_id = p->id;
			f->place_kind = p->kind;
			if (p->kind == GAZ_POPULATED || p->kind == GAZ_TERRAIN)
				f->geo_precision = gm->cue == GAZ_CUE_NEAR ? 2 : 1;
			else if (p->kind == GAZ_ADMIN2)
				f->geo_precision = 2;
			else
				f->geo_precision = 3;
		}
	}
}

/* The clause's date nearest the trigger; a day beats a week, month or
 * year, and a date opening the sentence ("On 9 May 2020, ...") is the
 * event's in the usual news and ACLED phrasing. */
/* 1 when a verb of report ends right before byte d0, with "on" or not
 * between: "officials said on Monday", "told AFP on Monday" (a name
 * between), "the army said Monday".  Such a day is when the source spoke. */
static int report_day_at(const char *s, size_t lo, size_t d0)
{
	static const char *const verbs[] = {"said",      "says",  "told",   "reported", "announced",
	                                    "confirmed", "added", "stated", "claimed",  NULL};
	size_t e = d0;
	for (int words = 0; words < 3; words++) {
		while (e > lo && s[e - 1] == ' ')
			e--;
		size_t b = e;
		while (b > lo &&
		       ((s[b - 1] >= 'a' && s[b - 1] <= 'z') || (s[b - 1] >= 'A' && s[b - 1] <= 'Z')))
			b--;
		if (b == e)
			return 0;
		if (word_eq(s, b, e, verbs))
			return 1;
		/* over "on" and one name ("told AFP on Monday") */
		if (!(word_eq(s, b, e, (const char *const[]){"on", NULL}) || (s[b] >= 'A' && s[b] <= 'Z')))
			return 0;
		e = b;
	}
	return 0;
}

static void pick_date(const char *s, const struct frames_scratch *sc, size_t nd, size_t base, size_t cb0,
                      size_t cb1, size_t trig_b, struct frame *f)
{
	long best = 0;
	int found = 0;
	for (size_t i = 0; i < nd; i++) {
		const struct date_ref *d = &sc->dr[i];
		if (d->flags & (DATE_F_SINCE | DATE_F_UNRESOLVED))
			continue;
		size_t d0 = base + d->start;
		long dist = (long)(d0 > trig_b ? d0 - trig_b : trig_b - d0);
		if (d0 < cb0 || d0 >= cb1)
			dist += 100000;
		if (d->start < 12)
			dist -= 50000;
		if (d->precision != DATE_PRECISION_DAY)
			dist += 20000;
		if (!found || dist < best) {
			found = 1;
			best = dist;
			f->has_date = true;
			f->day = d->day;
			f->date_precision = d->precision;
			f->date_reported = d->precision == DATE_PRECISION_DAY && report_day_at(s, cb0, d0);
		}
	}
}

int frames_sentence_date(const struct frames_env *env, struct frames_scratch *sc, const char *s,
                         uint32_t start, uint32_t end, int32_t *day, enum date_precision *prec)
{
	size_t nd = dates_scan(s + start, end - start, env->published_at_ms, sc->dr, FRAMES_MAX_DATES);
	for (size_t i = 0; i < nd; i++) {
		if (sc->dr[i].flags & (DATE_F_SINCE | DATE_F_UNRESOLVED))
			continue;
		*day = sc->dr[i].day;
		*prec = sc->dr[i].precision;
		return 1;
	}
	return 0;
}

/* Number i is part of a date or a year, or counts something that is not people? */
static int number_usable(const struct num_value *v)
{
	return !(v->flags & (NUM_F_YEAR | NUM_F_ORDINAL | NUM_F_DATE_PART));
}

/* A usable number starts at byte b (sentence offset b - base)?  *after:
 * the token after it. */
static int number_starts_at(const struct frames_scratch *sc, size_t nn, const struct text_token *t, size_t n,
                            size_t base, size_t b, size_t *after)
{
	for (size_t k = 0; k < nn; k++)
		if (base + sc->nv[k].start == b && number_usable(&sc->nv[k])) {
			*after = tok_at(t, n, base + sc->nv[k].end);
			return 1;
		}
	return 0;
}

struct deaths {
	long best, low, high, children, civilians;
	int any_number, vague, any_word, one, negated;
};

/* "The death toll from Saturday's bombing has risen to 101": the count a
 * toll of the trigger's own event reaches, read into *d.  1 when "toll"
 * stands before the trigger with "from", "of" or "in" between, and after
 * the trigger a verb of reaching ("risen to", "rose to", "climbed to",
 * "reached", "stands at") comes right before a number.  Such a toll is the
 * event's count, as ACLED updates it, not a period's tally. */
static int toll_update(const char *s, const struct text_token *t, const struct frames_scratch *sc, size_t nn,
                       size_t base, size_t c0, size_t c1, size_t trig, struct deaths *d, size_t *toll)
{
	static const char *const reach[] = {"risen",   "rose",   "climbed", "climbs", "increased", "jumped",
	                                    "reached", "stands", "stood",   "hit",    NULL};
	size_t k = trig;
	while (k > c0 && trig - k < 8 && !tok_is(s, &t[k - 1], "toll"))
		k--;
	if (k == c0 || trig - k >= 8)
		return 0;
	int linked = 0;
	for (size_t i = k; i < trig; i++)
		linked |= tok_is(s, &t[i], "from") || tok_is(s, &t[i], "of") || tok_is(s, &t[i], "in");
	if (!linked)
		return 0;
	*toll = k - 1;
	for (size_t i = trig + 1; i + 1 < c1 && i < trig + 14; i++) {
		if (!word_eq(s, t[i].start, t[i].end, reach))
			continue;
		size_t j = i + 1;
		if (tok_is(s, &t[j], "to") || tok_is(s, &t[j], "at"))
			j++;
		if (j >= c1)
			return 0;
		for (size_t v = 0; v < nn; v++)
			if (base + sc->nv[v].start == t[j].start && sc->nv[v].value > 0) {
				d->any_number = 1;
				d->vague = 0;
				d->best = sc->nv[v].value;
				d->low = sc->nv[v].low;
				d->high = sc->nv[v].high;
				return 1;
			}
		return 0;
	}
	return 0;
}

/* The token of the event a toll names when no trigger does ("the death
 * toll from the attack", "the toll of the blast"): an event noun within
 * a few words after "toll" in the clause; 1 when found. */
static int toll_event_noun(const char *s, const struct text_token *t, size_t c0, size_t c1, size_t *e)
{
	static const char *const noun[] = {"attack",   "attacks",   "bombing", "bombings", "blast",
	                                   "blasts",   "explosion", "strike",  "strikes",  "ambush",
	                                   "massacre", "raid",      "clashes", "fighting", "shelling",
	                                   "assault",  NULL};
	for (size_t k = c0; k < c1; k++) {
		if (!tok_is(s, &t[k], "toll"))
			continue;
		for (size_t i = k + 2; i < c1 && i < k + 8; i++)
			if (word_eq(s, t[i].start, t[i].end, noun)) {
				*e = i;
				return 1;
			}
	}
	return 0;
}

/* 1 when the clause tells one victim's death by a pronoun: "he died in hospital that
 * night", "she later died of her wounds", "the victim died". */
static int lone_death(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                      size_t c0, size_t c1)
{
	size_t w = c0;
	if (w < c1 && (tok_is(s, &t[w], "and") || tok_is(s, &t[w], "but")))
		w++;
	if (w + 1 < c1 && tok_is(s, &t[w], "the") && tok_is(s, &t[w + 1], "victim"))
		w++;
	else if (!(w < c1 && (tok_is(s, &t[w], "he") || tok_is(s, &t[w], "she"))))
		return 0;
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == LEX_DEATH && m[j].tok_start > w && m[j].tok_start <= w + 3 &&
		    m[j].tok_start < c1)
			return 1;
	return 0;
}

/* 1 when the death word at token i closes a singular passive whose subject
 * is one person: "a trader was hacked to death", "a local politician was
 * shot dead".  The subject stands up to 4 words before "was"; the death
 * word up to 4 words after it. */
static int one_passive_victim(const char *s, const struct text_token *t, size_t c0, size_t i)
{
	for (size_t w = i; w > c0 && w + 4 >= i; w--) {
		if (!tok_is(s, &t[w - 1], "was"))
			continue;
		size_t v = w - 1;
		/* "a man suspected of cattle theft was lynched": the phrase may
		 * run to seven words */
		for (size_t b = 1, words = 0; words < 7 && b <= v - c0 && b <= 14; b++) {
			const struct text_token *x = &t[v - b];
			/* "a 14-year-old boy": a hyphenated compound is one word */
			if (tok_is_punct(s, x, '-') && v - b > c0 && x->start == t[v - b - 1].end &&
			    x->end == t[v - b + 1].start)
				continue;
			if ((x->flags & TOK_PUNCT) || tok_is(s, x, "and"))
				return 0;
			if (!(v - b > c0 && tok_is_punct(s, &t[v - b - 1], '-') &&
			      t[v - b - 1].end == x->start))
				words++; /* the last piece of a compound is no word of its own */
			if (tok_is(s, x, "a") || tok_is(s, x, "an") || tok_is(s, x, "one"))
				return 1;
		}
		return 0;
	}
	return 0;
}

/* 1 when token i starts "and a/an <noun>" ("two soldiers and a
 * civilian"): one more person joined to a count. */
static int and_one_more(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                        size_t c1, size_t i)
{
	static const char *const person[] = {
	    "man",        "woman",      "boy",    "girl",      "soldier",  "policeman", "policewoman",
	    "officer",    "gendarme",   "guard",  "militant",  "fighter",  "rebel",     "member",
	    "student",    "teacher",    "farmer", "trader",    "driver",   "worker",    "journalist",
	    "priest",     "pastor",     "imam",   "chief",     "leader",   "resident",  "villager",
	    "herder",     "passenger",  "guide",  "volunteer", "nurse",    "doctor",    "official",
	    "councillor", "militiaman", "pilot",  "cleric",    "relative", NULL};
	if (!(i + 2 < c1 && tok_is(s, &t[i], "and") &&
	      (tok_is(s, &t[i + 1], "a") || tok_is(s, &t[i + 1], "an")) &&
	      !(t[i + 2].flags & (TOK_NUM | TOK_PUNCT))))
		return 0;
	if (is_kind_at(m, nm, LEX_CIVILIAN, i + 2, NULL) || is_kind_at(m, nm, LEX_CHILD, i + 2, NULL))
		return 1;
	/* the person's noun may follow an adjective: "and a young man" */
	for (size_t k = i + 2; k < c1 && k <= i + 3; k++)
		for (size_t w = 0; person[w]; w++)
			if (tok_is(s, &t[k], person[w]))
				return 1;
	return 0;
}

/* 1 when "of" at token i opens the people a count counts ("dozens of
 * civilians", "hundreds of people"), not a set already named ("of those",
 * "of the victims", "of them"): the word after it is no determiner or
 * pronoun. */
static int count_of_people(const char *s, const struct text_token *t, size_t i, size_t c1)
{
	static const char *const set_words[] = {"the",   "those", "these", "them",  "whom", "which", "its",
	                                        "their", "his",   "her",   "our",   "all",  "us",    "whose",
	                                        "this",  "that",  "each",  "every", NULL};
	if (i + 1 >= c1 || (t[i + 1].flags & (TOK_NUM | TOK_PUNCT)))
		return 0;
	for (size_t k = 0; set_words[k]; k++)
		if (tok_is(s, &t[i + 1], set_words[k]))
			return 0;
	return 1;
}

/* 1 when the count at token i0 is one victim's family killed with them:
 * "killed a village chief and his two sons" (the chief and the two sons);
 * "the priests and their two maids" names more than one before "and". */
static int family_after_death(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                              size_t c0, size_t i0)
{
	if (i0 < c0 + 3 || !tok_is(s, &t[i0 - 2], "and") ||
	    !(tok_is(s, &t[i0 - 1], "his") || tok_is(s, &t[i0 - 1], "her") || tok_is(s, &t[i0 - 1], "their")))
		return 0;
	const struct text_token *one = &t[i0 - 3];
	if (one->end <= one->start || s[one->end - 1] == 's' || s[one->end - 1] == 'S')
		return 0;
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == LEX_DEATH && m[j].tok_end <= i0 - 2 && m[j].tok_end + 6 >= i0 - 2 &&
		    m[j].tok_start >= c0)
			return 1;
	return 0;
}

/* A word opening an apposition that describes a count ("including",
 * "among them", "most of them", "mostly"). */
static int apposition_at(const char *s, const struct text_token *t)
{
	static const char *const w[] = {"including", "among", "most", "mostly", "mainly", "many",
	                                "all",       "some",  "nearly", "almost", NULL};
	for (size_t i = 0; w[i]; i++)
		if (tok_is(s, t, w[i]))
			return 1;
	return 0;
}

/* The count ending at token i1 counts the agents of the death or injury
 * word at tokens [w0, w1): the verb is active, with no auxiliary between
 * ("two gunmen killed", not "two gunmen were killed"), and has an object
 * of its own ("killed three villagers", "shot dead a trader", "wounded
 * them"). */
static int agent_count(const char *s, const struct text_token *t, const struct frames_scratch *sc, size_t nn,
                       size_t n, size_t base, size_t i1, size_t w0, size_t w1, size_t c1)
{
	static const char *const aux[] = {"was", "were", "been", "being", "is", "are", "be", NULL};
	static const char *const object[] = {"a",     "an",   "the", "his",  "her",  "their", "its",
	                                     "him",   "them", "one", "some", "many", "several", NULL};
	for (size_t i = i1; i < w0; i++)
		for (size_t a = 0; aux[a]; a++)
			if (tok_is(s, &t[i], aux[a]))
				return 0;
	if (w1 >= c1 || w1 >= n)
		return 0;
	size_t after;
	if ((t[w1].flags & TOK_NUM) || number_starts_at(sc, nn, t, n, base, t[w1].start, &after))
		return 1;
	for (size_t o = 0; object[o]; o++)
		if (tok_is(s, &t[w1], object[o]))
			return 1;
	return 0;
}

/* "Nine assailants were also killed", "another three died": dead told
 * in addition to those of the event told before. */
static int more_dead(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                     size_t c0, size_t c1)
{
	/* "another three", "an additional 5", "also 13 militants" */
	for (size_t i = c0; i + 1 < c1; i++)
		if ((tok_is(s, &t[i], "another") || tok_is(s, &t[i], "additional") || tok_is(s, &t[i], "also")) &&
		    (t[i + 1].flags & TOK_NUM))
			return 1;
	/* "also" right before the death word or its auxiliary ("were also
	 * killed", "also died"), not "VoJ also reported 2 fatalities" */
	for (size_t j = 0; j < nm; j++) {
		size_t w = m[j].tok_start;
		if (m[j].entry->kind != LEX_DEATH || w < c0 + 1 || w >= c1)
			continue;
		if (tok_is(s, &t[w - 1], "also") || (w >= c0 + 2 && tok_is(s, &t[w - 2], "also")))
			return 1;
	}
	return 0;
}

static void read_deaths(const char *s, const struct text_token *t, size_t n, const struct lex_match *m,
                        size_t nm, const struct frames_scratch *sc, size_t nn, size_t base, size_t c0,
                        size_t c1, struct deaths *d)
{
	memset(d, 0, sizeof *d);
	d->children = d->civilians = -1;
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_DEATH || m[j].tok_start < c0 || m[j].tok_start >= c1)
			continue;
		if (cue_before(m, nm, LEX_NEGATION, c0, m[j].tok_start)) {
			d->negated = 1;
			continue;
		}
		d->any_word = 1;
		/* "killing a civilian", "a man was killed", "killed him"; "beat
		 * a street vendor to death" reaches further back */
		size_t reach = m[j].tok_start > 0 && tok_is(s, &t[m[j].tok_start - 1], "to") ? 6 : 3;
		size_t lo = m[j].tok_start > c0 + reach ? m[j].tok_start - reach : c0;
		size_t hi = m[j].tok_end + 3 < c1 ? m[j].tok_end + 3 : c1;
		for (size_t i = lo; i < hi; i++)
			if (tok_is(s, &t[i], "a") || tok_is(s, &t[i], "an") || tok_is(s, &t[i], "him") ||
			    tok_is(s, &t[i], "her"))
				d->one = 1;
		if (one_passive_victim(s, t, c0, m[j].tok_start))
			d->one = 1;
	}
	int prev_kind = -1;  /* the kind of the last count read, for "2 soldiers and 3 civilians" */
	size_t prev_end = 0; /* and the token after it */
	size_t breakdown_open = 0, breakdown_close = 0; /* a counted total's parenthesis */
	for (size_t k = 0; k < nn; k++) {
		const struct num_value *v = &sc->nv[k];
		if (!number_usable(v))
			continue;
		size_t i0 = tok_at(t, n, base + v->start), i1 = tok_at(t, n, base + v->end);
		if (i0 < c0 || i0 >= c1)
			continue;
		int kind = -1; /* LEX_DEATH or LEX_INJURY */
		int back = 0;
		/* "killing 2", "bodies of two women" */
		size_t ib = (i0 > c0 + 1 && tok_is(s, &t[i0 - 1], "of")) ? i0 - 1 : i0;
		if (ib > c0 &&
		    (is_kind_ending(m, nm, LEX_DEATH, ib) || is_kind_ending(m, nm, LEX_INJURY, ib))) {
			kind = is_kind_ending(m, nm, LEX_DEATH, ib) ? LEX_DEATH : LEX_INJURY;
			back = 1;
		}
		/* "23 Taliban fighters and five soldiers were killed": the
		 * death word after a coordinated count counts both. */
		size_t lim = i1 + NUM_FORWARD, skipped_open = 0, skipped_close = 0, one_more = 0;
		for (size_t i = i1; kind < 0 && i < c1 && i < lim; i++) {
			size_t after_next;
			if (tok_is(s, &t[i], "and") && i + 1 < c1 &&
			    number_starts_at(sc, nn, t, n, base, t[i + 1].start, &after_next) &&
			    after_next > i + 1) {
				i = after_next - 1;
				lim = after_next + NUM_FORWARD;
				continue;
			}
			/* "three soldiers and a civilian were killed": one more */
			if (!one_more && and_one_more(s, t, m, nm, c1, i)) {
				one_more = i;
				i += 2;
				lim = i + NUM_FORWARD;
				continue;
			}
			/* "6 civilians (3 men, 2 women and a child) were killed" */
			if (tok_is_punct(s, &t[i], '(')) {
				size_t close = i + 1;
				while (close < c1 && close < i + PAREN_MAX &&
				       !tok_is_punct(s, &t[close], ')'))
					close++;
				if (close < c1 && tok_is_punct(s, &t[close], ')')) {
					lim += close - i;
					skipped_open = i;
					skipped_close = close;
					i = close;
					continue;
				}
			}
			/* "25 people, including 18 militants, were killed", "most of
			 * them civilians": an apposition read past like a
			 * parenthesis, its counts a breakdown of this one */
			if (tok_is_punct(s, &t[i], ',') && i + 1 < c1 && apposition_at(s, &t[i + 1])) {
				size_t close = i + 2;
				while (close < c1 && close < i + PAREN_MAX && !tok_is_punct(s, &t[close], ',') &&
				       !tok_is_punct(s, &t[close], '.') && !tok_is_punct(s, &t[close], ';'))
					close++;
				if (close + 1 < c1 && tok_is_punct(s, &t[close], ',')) {
					lim += close - i;
					skipped_open = i;
					skipped_close = close;
					i = close;
					continue;
				}
			}
			/* "two clans ... left nine dead": a count in words ends
			 * the reach of the one before it, as digits do */
			size_t skip_num;
			if (tok_is_punct(s, &t[i], '.') || tok_is_punct(s, &t[i], ';') ||
			    (t[i].flags & TOK_NUM) || tok_is(s, &t[i], "and") ||
			    (i > i1 && number_starts_at(sc, nn, t, n, base, t[i].start, &skip_num)))
				break;
			size_t word_end;
			if (kind_at(sc, nm, LEX_DEATH, i, &word_end))
				kind = agent_count(s, t, sc, nn, n, base, i1, i, word_end, c1) ? -2 : LEX_DEATH;
			else if (kind_at(sc, nm, LEX_INJURY, i, &word_end))
				kind = agent_count(s, t, sc, nn, n, base, i1, i, word_end, c1) ? -2 : LEX_INJURY;
		}
		if (kind == -2)
			continue; /* "two gunmen killed three villagers": the killers */
		int family = 0;
		/* "killed a family of four": the family is the count's people */
		if (kind < 0 && i0 >= c0 + 2 && tok_is(s, &t[i0 - 1], "of") &&
		    tok_is(s, &t[i0 - 2], "family"))
			for (size_t j = 0; j < nm && kind < 0; j++)
				if (m[j].entry->kind == LEX_DEATH && m[j].tok_end <= i0 - 2 &&
				    m[j].tok_end + 3 >= i0 - 2 && m[j].tok_start >= c0)
					kind = LEX_DEATH;
		if (kind < 0 && family_after_death(s, t, m, nm, c0, i0)) {
			kind = LEX_DEATH;
			family = 1;
		}
		/* "killing 2 soldiers and 3 civilians": the count coordinated
		 * with a count of dead is dead too. */
		if (kind >= 0 && skipped_close) {
			breakdown_open = skipped_open;
			breakdown_close = skipped_close;
		}
		int paren = 0; /* inside parentheses: no coordination across them */
		for (size_t i = c0; i < i0; i++)
			paren += tok_is_punct(s, &t[i], '(') ? 1 : tok_is_punct(s, &t[i], ')') ? -1 : 0;
		/* "6 civilians (3 men, 2 women, and a child)": a breakdown of a count of dead */
		int breakdown = breakdown_close && i0 > breakdown_open && i0 < breakdown_close;
		if (kind < 0 && prev_kind >= 0 && !paren && i0 > c0 && tok_is(s, &t[i0 - 1], "and") &&
		    i0 <= prev_end + COORD_GAP) {
			int closed = 0; /* "2 were killed and 19 ..." */
			for (size_t i = prev_end; i < i0; i++)
				if (kind_at(sc, nm, LEX_DEATH, i, NULL) ||
				    kind_at(sc, nm, LEX_INJURY, i, NULL))
					closed = 1;
			if (!closed)
				kind = prev_kind;
		}
		/* "including 17 children", "Seventeen of those killed"; but
		 * "killing 2 of them" counts the 2, and "dozens of civilians were
		 * killed" is a count of people, no part of another count. */
		int subset =
		    (i0 > c0 && is_kind_ending(m, nm, LEX_SUBSET, i0)) ||
		    (!back && i1 < c1 && tok_is(s, &t[i1], "of") && !count_of_people(s, t, i1, c1)) ||
		    breakdown;
		/* "killing two soldiers and a civilian": one more after the noun */
		if (kind == LEX_DEATH && !one_more && !subset && !paren)
			for (size_t i = i1 + 1; i < c1 && i <= i1 + 2 && !one_more; i++) {
				if (and_one_more(s, t, m, nm, c1, i))
					one_more = i;
				else if (t[i].flags & TOK_PUNCT)
					break;
			}
		int child = 0, civ = 0;
		/* the words of "and a civilian" describe that one, not this count */
		size_t noun_end = one_more ? one_more : c1;
		for (size_t i = i1; i < noun_end && i < i1 + CHILD_FORWARD; i++) {
			if (kind_at(sc, nm, LEX_CHILD, i, NULL))
				child = 1;
			if (kind_at(sc, nm, LEX_CIVILIAN, i, NULL))
				civ = 1;
			size_t skip;
			if (i > i1 && ((t[i].flags & TOK_NUM) || kind_at(sc, nm, LEX_SUBSET, i, NULL) ||
			               number_starts_at(sc, nn, t, n, base, t[i].start, &skip)))
				break;
			if (tok_is_punct(s, &t[i], ',') && !subset)
				break;
		}
		if (kind >= 0 && !subset && !paren) {
			prev_kind = kind;
			prev_end = i1;
		}
		if (kind == LEX_INJURY)
			continue;
		int child1 = one_more && kind_at(sc, nm, LEX_CHILD, one_more + 2, NULL);
		int civ1 = one_more && kind_at(sc, nm, LEX_CIVILIAN, one_more + 2, NULL);
		if (kind != LEX_DEATH &&
		    !(subset && (child || civ || child1 || civ1) && (d->any_number || d->any_word)))
			continue;
		if (child)
			d->children = (d->children < 0 ? 0 : d->children) + v->value;
		if (civ)
			d->civilians = (d->civilians < 0 ? 0 : d->civilians) + v->value;
		/* "6 women and a child", "two soldiers and a civilian" */
		if (child1)
			d->children = (d->children < 0 ? 0 : d->children) + 1;
		if (civ1)
			d->civilians = (d->civilians < 0 ? 0 : d->civilians) + 1;
		if (subset)
			continue;
		d->any_number = 1;
		if ((one_more || family) && kind == LEX_DEATH) {
			d->best += 1;
			d->low += 1;
			d->high += 1;
		}
		d->best += v->value;
		d->low += v->low;
		d->high += v->high;
		if (v->flags & NUM_F_VAGUE)
			d->vague = 1;
	}
	/* "two fighters were killed on each side": twice the count ("on both
	 * sides" mostly sums the two: not so) */
	if (d->any_number && d->best > 0)
		for (size_t i = c0 + 1; i + 1 < c1; i++)
			if ((tok_is(s, &t[i - 1], "on") || tok_is(s, &t[i - 1], "from") || tok_is(s, &t[i - 1], "for")) &&
			    tok_is(s, &t[i], "each") && tok_is(s, &t[i + 1], "side")) {
				d->best *= 2;
				d->low *= 2;
				d->high *= 2;
				break;
			}
}

/* "unknown gunmen", "an unidentified armed group", "by an unknown party" */
static int unknown_agent(const char *s, const struct text_token *t, size_t c0, size_t c1)
{
	static const char *const who[] = {
	    "gunmen",  "men",    "assailants",   "attackers", "party",     "group",  "armed",   "individuals",
	    "persons", "people", "perpetrators", "militants", "assailant", "gunman", "attacker"};
	for (size_t i = c0; i + 1 < c1; i++) {
		if (!tok_is(s, &t[i], "unknown") && !tok_is(s, &t[i], "unidentified"))
			continue;
		for (size_t w = 0; w < sizeof who / sizeof *who; w++)
			if (tok_is(s, &t[i + 1], who[w]))
				return 1;
	}
	return 0;
}

static void read_reporter(const char *s, const struct text_token *t, size_t n, const struct lex_match *m,
                          size_t nm, char *out, size_t outlen)
{
	out[0] = '\0';
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_REPORT)
			continue;
		size_t a, b; /* token range of the name */
		if (m[j].entry->flags & LEX_F_PRE) {
			b = m[j].tok_start;
			a = b;
			while (a > 0 && ((t[a - 1].flags & TOK_CAP) || (t[a - 1].flags & TOK_UPPER) ||
			                 (a >= 2 && (t[a - 2].flags & TOK_CAP) &&
			                  (tok_is(s, &t[a - 1], "for") || tok_is(s, &t[a - 1], "of")))))
				a--;
		} else {
			a = m[j].tok_end;
			if (a < n && tok_is(s, &t[a], "the"))
				a++;
			b = a;
			while (b < n && ((t[b].flags & (TOK_CAP | TOK_UPPER)) ||
			                 (b + 1 < n && (t[b + 1].flags & TOK_CAP) &&
			                  (tok_is(s, &t[b], "for") || tok_is(s, &t[b], "of")))))
				b++;
		}
		/* "the Britain-based Syrian Observatory": the name starts after the epithet. */
		while (a < b &&
		       (tok_is(s, &t[a], "for") || tok_is(s, &t[a], "of") || tok_is(s, &t[a], "The") ||
		        (t[a].end - t[a].start > 6 && strncasecmp(s + t[a].end - 6, "-based", 6) == 0)))
			a++;
		if (a >= b || (b - a == 1 && (tok_is(s, &t[a], "He") || tok_is(s, &t[a], "She") ||
		                              tok_is(s, &t[a], "They") || tok_is(s, &t[a], "It"))))
			continue;
		size_t l = t[b - 1].end - t[a].start;
		if (l >= outlen)
			l = outlen - 1;
		memcpy(out, s + t[a].start, l);
		out[l] = '\0';
		return;
	}
}

/* Where a protest's topic begins in a clause: the first "against",
 * "demanding", "over", "denouncing" ... after a protest trigger.  Violence
 * named in the topic ("demanding a law against rape") is what the crowd
 * protests, not an event.  Returns c1 when the clause has no protest. */
static size_t protest_topic(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                            const struct lex_words *lw, size_t c0, size_t c1)
{
	static const char *const topic[] = {"against",    "demanding",   "demand",        "demanded",
	                                    "denouncing", "denounce",    "condemning",    "condemn",
	                                    "over",       "commemorate", "commemorating", "protesting",
	                                    "calling",    "accusing",    "about"};
	size_t p = c1;
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == LEX_TRIGGER &&
		    sub_event_type_parent(m[j].entry->sub) == EVENT_PROTESTS && m[j].tok_start >= c0 &&
		    m[j].tok_start < p && lexicon_context_ok_in(m[j].entry, lw, c0, c1))
			p = m[j].tok_end;
	if (p >= c1)
		return c1;
	for (size_t i = p; i < c1; i++)
		for (size_t w = 0; w < sizeof topic / sizeof *topic; w++)
			if (tok_is(s, &t[i], topic[w]))
				return i;
	return c1;
}

/* "Protesters plan to march", "Demonstrators threatened to block the
 * road": the crowd named by the trigger only intends to act.  (Demands,
 * "protesters called for ...", are what a protest does, and "the
 * protesters could be students" is about who they were.) */
static int crowd_will(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                      size_t i, size_t c1)
{
	/* the trigger is the crowd itself: "protesters", "demonstrators" */
	const struct text_token *w = &t[i - 1];
	size_t l = w->end - w->start;
	if (i >= c1 || l < 4 ||
	    (strncasecmp(s + w->end - 3, "ers", 3) != 0 && strncasecmp(s + w->end - 3, "ors", 3) != 0))
		return 0;
	/* an intention right after it: "plan to", "threatened to", "vowed to", "will" */
	for (size_t j = 0; j < nm; j++) {
		const struct lex_entry *e = m[j].entry;
		if (e->kind != LEX_HYPOTHETICAL || m[j].tok_start != i)
			continue;
		if ((e->n_words >= 2 && strcmp(e->words[e->n_words - 1], "to") == 0) ||
		    (e->n_words == 1 && strcmp(e->words[0], "will") == 0))
			return 1;
	}
	return 0;
}

/* 1 when the clause names a protest and every protest it names is still to
 * come: "a day before a planned rally", "ahead of protests", "called for
 * a march".  Protest sub-types need a protest that took place (ACLED
 * Codebook); an arrest before a rally is an arrest. */
static int protest_unreal(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                          size_t c0, size_t c1)
{
	int any = 0;
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_TRIGGER || m[j].entry->sub != SUB_PEACEFUL_PROTEST ||
		    m[j].tok_start < c0 || m[j].tok_start >= c1)
			continue;
		size_t i = m[j].tok_start;
		int future = cue_before(m, nm, LEX_HYPOTHETICAL, c0, i);
		/* "before a rally", "ahead of the protest", "prior to the march",
		 * "in anticipation of more demonstrations" */
		for (size_t b = 1; b <= 3 && b <= i - c0 && !future; b++)
			if (tok_is(s, &t[i - b], "before") ||
			    (tok_is(s, &t[i - b], "of") && i - b > c0 &&
			     (tok_is(s, &t[i - b - 1], "ahead") ||
			      tok_is(s, &t[i - b - 1], "anticipation"))) ||
			    (tok_is(s, &t[i - b], "to") && i - b > c0 && tok_is(s, &t[i - b - 1], "prior")))
				future = 1;
		if (!future)
			return 0;
		any = 1;
	}
	return any;
}

/* "after the violent protests and unrest", "following the recent
 * clashes": a trigger in a time phrase that looks back at events already
 * known. */
static int looks_back(const char *s, const struct text_token *t, size_t c0, size_t i)
{
	static const char *const when[] = {"after", "following", "since", "amid", "amidst", NULL};
	for (size_t b = 1; b <= 5 && b <= i - c0; b++) {
		const struct text_token *w = &t[i - b];
		if (w->flags & TOK_PUNCT)
			return 0;
		if (!tok_is(s, w, "the") && !tok_is(s, w, "recent"))
			continue;
		if (i - b > c0)
			for (size_t k = 0; when[k]; k++)
				if (tok_is(s, &t[i - b - 1], when[k]))
					return 1;
	}
	return 0;
}

/* "The al-Shabaab group claimed responsibility for the attack": no event
 * of its own, but the claimant is the perpetrator of the violent event
 * told before (an attach-only frame, coreferent, with the claimant as
 * actor1).  1 when the clause is such a claim. */
static int claim_frame(const char *s, const struct text_token *t, size_t n, const struct frames_scratch *sc,
                       size_t nm, size_t na, size_t base, size_t c0, size_t c1, uint32_t sent, uint32_t end,
                       struct frame *f)
{
	size_t at = c1;
	for (size_t j = 0; j < nm && at == c1; j++) {
		const struct lex_entry *e = sc->m[j].entry;
		if (e->kind == LEX_TALK && e->n_words >= 2 && strcmp(e->words[1], "responsibility") == 0 &&
		    sc->m[j].tok_start >= c0 && sc->m[j].tok_start < c1 &&
		    !cue_before(sc->m, nm, LEX_NEGATION, c0, sc->m[j].tok_start) &&
		    !kind_at(sc, nm, LEX_NEGATION, sc->m[j].tok_start, NULL))
			at = sc->m[j].tok_start;
	}
	if (at == c1)
		return 0;
	int who = -1;
	for (size_t i = 0; i < na; i++) {
		size_t i1 = tok_at(t, n, base + sc->am[i].end);
		if (tok_at(t, n, base + sc->am[i].start) >= c0 && i1 <= at && i1 + 3 >= at &&
		    sc->am[i].type != ACTOR_CIVILIANS)
			who = (int)i;
	}
	if (who < 0)
		return 0;
	memset(f, 0, sizeof *f);
	f->role = FRAME_ATTACH;
	f->coref = true;
	f->sub = SUB_ATTACK;
	f->sent = sent;
	f->start = (uint32_t)base;
	f->end = end;
	f->trig_start = t[at].start;
	f->trig_end = t[at].end;
	f->fat.children = f->fat.civilians = -1;
	copy_actor(&f->actor1, &f->actor1_flags, &sc->am[who], s, base);
	f->actor1_sure = true;
	return 1;
}

/* 1 when the weapon at token i is what was destroyed, seized or found, not
 * the means: "one strike destroyed a VBIED and two mortar systems" (the
 * event is the strike); "police seized rifles, grenades and mortar rounds";
 * "a cache of rockets"; "mortars and IEDs were found in the village".
 * "destroyed the post with an IED" keeps the IED, and so does a weapon told
 * after the find ("bodies were found after a grenade attack") or in a
 * relative clause of its own ("a commander who heads the unit that
 * carried out a mortar attack"); "which included" continues the list. */
static int weapon_is_object(const char *s, const struct text_token *t, size_t c0, size_t c1, size_t i)
{
	word_sets_ready();
	for (size_t b = 1; b <= WEAPON_LIST_MAX && b <= i - c0; b++) {
		const struct text_token *w = &t[i - b];
		if (tok_in(s, w, &weapon_stops))
			return 0;
		if (tok_in(s, w, &weapon_verbs))
			return 1;
	}
	/* Passive: "grenades and mines were found". */
	for (size_t b = i + 1; b + 1 < c1 && b <= i + WEAPON_LIST_MAX; b++) {
		const struct text_token *w = &t[b];
		if (tok_in(s, w, &weapon_stops))
			return 0;
		if (tok_is(s, w, "was") || tok_is(s, w, "were") || tok_is(s, w, "been"))
			return tok_in(s, &t[b + 1], &weapon_verbs);
	}
	return 0;
}

/* 1 when the trigger at token i is named by the year it happened in, as
 * an earlier event: "the site of a deadly 2016 bombing", "the 2015
 * bombings".  A date before the clause ("In 2019, rebels attacked") is the
 * event's own and is punctuated or led by a preposition. */
static int past_year_before(const char *s, const struct text_token *t, size_t c0, size_t i)
{
	for (size_t b = 1; b <= 3 && b <= i - c0; b++) {
		const struct text_token *w = &t[i - b];
		if (w->flags & TOK_PUNCT)
			return 0;
		if (!(w->flags & TOK_NUM))
			continue;
		if (w->end - w->start != 4 || !(s[w->start] == '1' || s[w->start] == '2'))
			return 0;
		int y = 0;
		for (size_t k = w->start; k < w->end; k++)
			y = y * 10 + (s[k] - '0');
		if (y < 1900 || y > 2099 || i - b == c0)
			return 0;
		const struct text_token *d = &t[i - b - 1];
		static const char *const det[] = {"a",       "an",       "the",    "its",    "their",
		                                  "his",     "her",      "deadly", "bloody", "infamous",
		                                  "earlier", "previous", "failed", NULL};
		for (size_t k = 0; det[k]; k++)
			if (tok_is(s, d, det[k]))
				return 1;
		return 0;
	}
	return 0;
}

/* 1 when the trigger at token i names the source of the report, not an
 * event: "according to vigilantes", "according to protest organisers". */
static int in_source_phrase(const char *s, const struct text_token *t, size_t c0, size_t i)
{
	for (size_t b = 1; b <= 3 && b <= i - c0; b++) {
		if (t[i - b].flags & TOK_PUNCT)
			return 0;
		if (tok_is(s, &t[i - b], "to") && i - b > c0 && tok_is(s, &t[i - b - 1], "according"))
			return 1;
	}
	return 0;
}

/* 1 when tokens end at i with "before being" or "before he/she/they
 * was/were"; *b is the token of "before". */
static int fate_marker(const char *s, const struct text_token *t, size_t i, size_t *b)
{
	if (i >= 2 && tok_is(s, &t[i - 1], "being") && tok_is(s, &t[i - 2], "before")) {
		*b = i - 2;
		return 1;
	}
	if (i >= 3 && (tok_is(s, &t[i - 1], "was") || tok_is(s, &t[i - 1], "were")) &&
	    (tok_is(s, &t[i - 2], "he") || tok_is(s, &t[i - 2], "she") || tok_is(s, &t[i - 2], "they")) &&
	    tok_is(s, &t[i - 3], "before")) {
		*b = i - 3;
		return 1;
	}
	return 0;
}

/* 1 when the trigger at token i tells what befell the doer of an earlier
 * trigger of the sentence: "opened fire, killing three people before being
 * shot dead by soldiers", "before he was arrested".  The event is the
 * doer's; the end it met is no event of its own. */
static int subject_fate(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                        size_t i)
{
	size_t b;
	if (!fate_marker(s, t, i, &b))
		return 0;
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == LEX_TRIGGER && m[j].tok_end <= b)
			return 1;
	return 0;
}

/* 1 when the trigger at token i is the verb "demonstrate" in its sense of
 * showing: "demonstrated ability", "what this demonstrates is", "to
 * demonstrate wealth".  Marchers demonstrate in, outside, against or for
 * something, or the sentence ends; "show" takes an object. */
static int demonstrate_shows(const char *s, const struct text_token *t, size_t n, size_t i)
{
	static const char *const verb[] = {"demonstrate", "demonstrates", "demonstrated", NULL};
	static const char *const after[] = {
	    "in",      "at",       "on",        "outside",    "against",   "for",       "near",
	    "along",   "across",   "again",     "peacefully", "today",     "yesterday", "throughout",
	    "over",    "when",     "after",     "before",     "and",       "to",        "until",
	    "around",  "through",  "inside",    "monday",     "tuesday",   "wednesday", "thursday",
	    "friday",  "saturday", "sunday",    "last",       "earlier",   "during",    "while",
	    "as",      "since",    "here",      "there",      "following", "with",      "demanding",
	    "calling", "about",    "overnight", NULL};
	if (!word_eq(s, t[i].start, t[i].end, verb) || i + 1 >= n)
		return 0;
	const struct text_token *w = &t[i + 1];
	if (w->flags & TOK_PUNCT)
		return 0;
	return !word_eq(s, w->start, w->end, after);
}

/* 1 when the trigger at token i is what people flee or were taken in,
 * no event of the clause: "refugees fleeing fighting in Darfur", "fled
 * the clashes", "troops rescued 15 kidnapped students", "freed the
 * abducted girls".  The flight and the rescue code nothing here. */
static int fled_or_rescued(const char *s, const struct text_token *t, size_t c0, size_t i,
                           enum sub_event_type sub)
{
	static const char *const flee[] = {"fled", "flee", "flees", "fleeing", NULL};
	static const char *const rescue[] = {"rescued", "freed",  "released", "rescues",
	                                     "frees",   "rescue", "reunited", NULL};
	static const char *const between[] = {"the",     "a",      "an",      "heavy", "fierce", "renewed",
	                                      "intense", "deadly", "ongoing", "fresh", "two",    "three",
	                                      "four",    "five",   "six",     "seven", "eight",  "nine",
	                                      "ten",     "all",    "several", "some",  NULL};
	for (size_t b = 1; b <= 3 && b <= i - c0; b++) {
		const struct text_token *w = &t[i - b];
		if (word_eq(s, w->start, w->end, flee))
			return 1;
		/* "rescued 15 kidnapped students" */
		if (sub == SUB_ABDUCTION_FORCED_DISAPPEARANCE && word_eq(s, w->start, w->end, rescue))
			return 1;
		if (!word_eq(s, w->start, w->end, between) && !(w->flags & TOK_NUM))
			return 0;
	}
	return 0;
}

/* The token that leads a background phrase the trigger at token i sits
 * in (see background_trigger()), or i when there is none. */
static size_t background_lead(const char *s, const struct text_token *t, size_t c0, size_t i)
{
	for (size_t b = 1; b <= BACKGROUND_REACH && b <= i - c0; b++) {
		const struct text_token *w = &t[i - b];
		if (w->flags & TOK_PUNCT)
			return i;
		/* "died after being shot": the shooting that killed is the event */
		if (tok_is(s, w, "after") && b >= 2 && tok_is(s, &t[i - b + 1], "being"))
			return i;
		if (tok_is(s, w, "after") || tok_is(s, w, "following") || tok_is(s, w, "amid") ||
		    tok_is(s, w, "amidst") || tok_is(s, w, "response") || tok_is(s, w, "retaliation") ||
		    tok_is(s, w, "revenge") || tok_is(s, w, "connection") ||
		    (tok_is(s, w, "part") && i - b > c0 && tok_is(s, &t[i - b - 1], "as")))
			return i - b;
	}
	return i;
}

/* background_trigger() with the phrase's lead word at token lead (i when
 * there is none): 1 when a main trigger of the clause stands before it. */
static int background_main_before(const struct lex_match *m, size_t nm, const struct lex_words *lw, size_t c0,
                                  size_t c1, size_t i, size_t lead)
{
	if (lead == i)
		return 0;
	/* the main trigger must code a clause on its own: not a weak cue
	 * ("bodies were found after a grenade attack"); strategic moves
	 * (arrests, agreements) rank low by design but are main verbs */
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == LEX_TRIGGER && m[j].tok_start >= c0 && m[j].tok_end <= lead &&
		    !(m[j].entry->flags & LEX_F_WEAK) &&
		    (m[j].entry->priority >= BACKGROUND_MAIN_MIN ||
		     sub_event_type_parent(m[j].entry->sub) == EVENT_STRATEGIC_DEVELOPMENTS) &&
		    lexicon_context_ok_in(m[j].entry, lw, c0, c1))
			return 1;
	return 0;
}

/* 1 when the trigger at token i sits in a background phrase ("after the
 * worst fighting", "following a clash", "amid protests", "in response to
 * rocket fire", "in connection with the bombing", "as part of a peace
 * deal") led by a word
 * that comes after another trigger of the clause: the clause's main verb
 * tells its event, the phrase only its setting ("agreed a ceasefire after
 * the worst fighting in years"). */
static int background_trigger(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                              const struct lex_words *lw, size_t c0, size_t c1, size_t i)
{
	return background_main_before(m, nm, lw, c0, c1, i, background_lead(s, t, c0, i));
}

/* 1 when the token range [a, b) holds a superlative that compares the
 * event with earlier ones ("the deadliest attack since 2016", "the largest
 * death toll in a single day"). */
static int superlative_in(const char *s, const struct text_token *t, size_t a, size_t b)
{
	static const char *const sup[] = {"deadliest", "worst",    "largest", "highest", "biggest",
	                                  "bloodiest", "heaviest", "first",   "most",    NULL};
	for (size_t i = a; i < b; i++)
		for (size_t k = 0; sup[k]; k++)
			if (tok_is(s, &t[i], sup[k]))
				return 1;
	return 0;
}

/* The relative clause that describes the subject before the trigger at
 * token trig, when it counts a period's dead: "The insurgents, who have
 * killed hundreds since 2017, attacked ...", "Rebels who have killed 3,000
 * people since 2014 attacked ...".  Its dead are the group's record, not
 * the event's.  [*r0, *r1) from "who"/"which" (with the comma before it)
 * to the comma that closes it, or the trigger; 0 when there is none. */
static int tally_relative_before(const char *s, const struct text_token *t, size_t n,
                                 const struct lex_match *m, size_t nm, const struct lex_words *lw,
                                 const struct date_ref *dr, size_t nd, size_t base, size_t c0, size_t trig,
                                 size_t *r0, size_t *r1)
{
	size_t w = trig;
	while (w > c0 + 1 && !tok_is(s, &t[w - 1], "who") && !tok_is(s, &t[w - 1], "which"))
		w--;
	if (w <= c0 + 1)
		return 0;
	size_t rel = w - 1, end = trig;
	for (size_t i = w; i < trig; i++)
		if (tok_is_punct(s, &t[i], ',')) {
			end = i + 1;
			break;
		}
	*r0 = tok_is_punct(s, &t[rel - 1], ',') ? rel - 1 : rel;
	*r1 = end;
	for (size_t j = 0; j < nm; j++)
		if (m[j].entry->kind == LEX_TALLY && m[j].tok_start >= rel && m[j].tok_start < end &&
		    lexicon_context_ok_in(m[j].entry, lw, 0, n))
			return 1;
	for (size_t i = 0; i < nd; i++) {
		size_t c = tok_at(t, n, base + dr[i].start);
		if ((dr[i].flags & DATE_F_SINCE) && c >= rel && c < end)
			return 1;
	}
	return 0;
}

/* 1 when the sentence counts a period's dead for the frame whose trigger is
 * at token trig: a tally cue or a "since" date, unless it sits in a phrase
 * set off after the trigger by a comma that compares this event with
 * earlier ones ("killed 29 soldiers, the deadliest attack since 2016",
 * "..., marking the largest death toll in a single day"). */
static int tally_for(const char *s, const struct text_token *t, size_t n, const struct lex_match *m,
                     size_t nm, const struct lex_words *lw, const struct date_ref *dr, size_t nd, size_t base,
                     size_t trig, size_t skip0, size_t skip1)
{
	size_t comma = n;
	for (size_t i = trig; i < n; i++)
		if (tok_is_punct(s, &t[i], ',')) {
			comma = i;
			break;
		}
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_TALLY || !lexicon_context_ok_in(m[j].entry, lw, 0, n))
			continue;
		size_t c = m[j].tok_start;
		if ((c > comma && superlative_in(s, t, comma + 1, m[j].tok_end)) || (c >= skip0 && c < skip1))
			continue;
		return 1;
	}
	for (size_t i = 0; i < nd; i++) {
		if (!(dr[i].flags & DATE_F_SINCE) || dr[i].end - dr[i].start < 5 ||
		    strncasecmp(s + base + dr[i].start, "since", 5) != 0)
			continue;
		size_t c = tok_at(t, n, base + dr[i].start);
		if ((c > comma && superlative_in(s, t, comma + 1, c)) || (c >= skip0 && c < skip1))
			continue;
		return 1;
	}
	return 0;
}

/* 1 when the clause tells of grave injuries: "seriously injured",
 * "serious injuries", "critically wounded". */
static int serious_injury(const char *s, const struct text_token *t, const struct lex_match *m, size_t nm,
                          size_t c0, size_t c1)
{
	for (size_t j = 0; j < nm; j++) {
		if (m[j].entry->kind != LEX_INJURY || m[j].tok_start < c0 || m[j].tok_start >= c1)
			continue;
		size_t i = m[j].tok_start;
		for (size_t b = 1; b <= 2 && b <= i - c0; b++)
			if (tok_is(s, &t[i - b], "serious") || tok_is(s, &t[i - b], "seriously") ||
			    tok_is(s, &t[i - b], "critically") || tok_is(s, &t[i - b], "gravely") ||
			    tok_is(s, &t[i - b], "severely"))
				return 1;
	}
	return 0;
}

/* The token where a crowd event's setting begins, when that setting tells
 * a death ("burnt a police post after officers killed a driver", "angry
 * over a herder killed by rangers"); c1 when there is none. */
static size_t crowd_setting_cut(const char *s, const struct text_token *t, const struct lex_match *m,
                                size_t nm, size_t trig_tok, size_t c1)
{
	for (size_t i = trig_tok + 1; i < c1; i++) {
		if (!(tok_is(s, &t[i], "after") || tok_is(s, &t[i], "following") || tok_is(s, &t[i], "over")))
			continue;
		for (size_t j = 0; j < nm; j++)
			if (m[j].entry->kind == LEX_DEATH && m[j].tok_start > i &&
			    m[j].tok_start <= i + BACKGROUND_REACH + 1)
				return i;
	}
	return c1;
}

/* 1 when match m is a verb stem's wildcard matched on its agent noun
 * ("kidnap*" on "kidnappers", "attack*" on "attackers", "raid*" on
 * "raiders"): the word names who acts, and the clause's verb tells what
 * they did ("villagers beat two kidnappers to death").  Protest and riot
 * words ("protesters", "rioters") name their event and stay. */
static int agent_noun_match(const char *s, const struct text_token *t, const struct lex_match *m)
{
	const struct lex_entry *e = m->entry;
	if (m->tok_end != m->tok_start + 1 || e->n_words != 1 || !e->wprefix[0] ||
	    sub_event_type_parent(e->sub) == EVENT_PROTESTS || sub_event_type_parent(e->sub) == EVENT_RIOTS)
		return 0;
	const struct text_token *w = &t[m->tok_start];
	size_t l = w->end - w->start;
	if (l < (size_t)e->wlen[0] + 2)
		return 0;
	const char *end = s + w->end;
	if (end[-1] == 's' || end[-1] == 'S')
		end--;
	return (end[-1] == 'r' || end[-1] == 'R') &&
	       (end[-2] == 'e' || end[-2] == 'E' || end[-2] == 'o' || end[-2] == 'O') &&
	       end - 2 >= s + w->start + e->wlen[0];
}

/* 1 when match m is a past participle used as an adjective before its
 * noun ("families of detained activists", "the abducted girls' parents"):
 * it describes people the clause is about, its own event is told
 * elsewhere. */
static int attributive_participle(const char *s, const struct text_token *t, size_t n,
                                  const struct lex_match *m)
{
	static const char *const det[] = {"of",  "for", "the",   "their", "his",
	                                  "her", "its", "these", "those", NULL};
	static const char *const not_noun[] = {
	    "by",    "in",      "on",     "at",    "to",      "from",   "with",  "after", "during", "near",
	    "was",   "were",    "is",     "are",   "and",     "or",     "as",    "when",  "while",  "last",
	    "since", "earlier", "over",   "into",  "under",   "this",   "that",  "off",   "up",     "down",
	    "out",   "back",    "before", "about", "outside", "inside", "there", "here",  "again",  NULL};
	if (m->tok_end != m->tok_start + 1 || m->tok_start == 0 || m->tok_end >= n)
		return 0;
	const struct text_token *w = &t[m->tok_start], *next = &t[m->tok_end];
	size_t l = w->end - w->start;
	if (l < 4 || !(next->flags & TOK_WORD) || strncasecmp(s + w->end - 2, "ed", 2) != 0)
		return 0;
	int after_det = 0;
	for (size_t k = 0; det[k] && !after_det; k++)
		after_det = tok_is(s, &t[m->tok_start - 1], det[k]);
	if (!after_det)
		return 0;
	for (size_t k = 0; not_noun[k]; k++)
		if (tok_is(s, next, not_noun[k]))
			return 0;
	return 1;
}

/* 1 when trigger entry e names a raid: the setting of looting or arrests,
 * not harm done to anyone ("looted shops in a raid on the village"). */
static int names_a_raid(const struct lex_entry *e)
{
	return e->n_words >= 1 && strncmp(e->words[0], "raid", 4) == 0;
}

/* 1 when a non-state trigger of sub-event sub is an armed group's act
 * ("militants stormed the town", "rebels entered the city", "insurgents
 * blew up a pipeline"): protesters or villagers doing so are no attack,
 * take no territory and bomb nothing. */
static int armed_group_act(enum sub_event_type sub)
{
	return sub == SUB_ATTACK || sub == SUB_ARMED_CLASH || sub == SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY ||
	       sub == SUB_REMOTE_EXPLOSIVE_LANDMINE_IED;
}

/* 1 when an actor of type ty bears arms (ACLED: state forces, rebels,
 * militias, forces abroad). */
static int armed_type(enum actor_type ty)
{
	return ty == ACTOR_STATE_FORCES || ty == ACTOR_REBEL_GROUP || ty == ACTOR_POLITICAL_MILITIA ||
	       ty == ACTOR_IDENTITY_MILITIA || ty == ACTOR_EXTERNAL_OTHER;
}

/* 1 when identity-militia mention a names people by what they do or who
 * they are ("herders", "Fulani herders", "Nuer cattle keepers"), not by
 * arms ("Fulani militia", "Dogon fighters"): killed, they are people. */
static int community_not_fighters(const char *s, size_t base, const struct actor_mention *a)
{
	static const char *const armed_head[] = {"militia", "militias", "militiamen", "militiaman", "fighters",
	                                         "fighter", "gunmen",   "gunman",     "combatants", "warriors",
	                                         "vigilantes", "vigilante", "rebels", "forces", "men",
	                                         "youths", "youth",    "guards",     "groups",     "group", NULL};
	if (a->type != ACTOR_IDENTITY_MILITIA)
		return 0;
	if (a->flags & ACTOR_F_GENERIC)
		return 1;
	size_t e = base + a->end, b = e;
	while (b > base + a->start && ((s[b - 1] >= 'a' && s[b - 1] <= 'z') || (s[b - 1] >= 'A' && s[b - 1] <= 'Z')))
		b--;
	for (size_t k = 0; armed_head[k]; k++)
		if (strlen(armed_head[k]) == e - b && strncasecmp(s + b, armed_head[k], e - b) == 0)
			return 0;
	return 1;
}

/* 1 when tokens [ts, te) are a verb of killing: "killed", "massacred",
 * "gunned down" ("shot" only with "dead"). */
static int killing_verb(const char *s, const struct text_token *t, size_t ts, size_t te)
{
	static const char *const verbs[] = {"killed",  "killing",   "kill",    "kills",    "massacred",
	                                    "slaughtered", "butchered", "murdered", "gunned", "shot",
	                                    "beheaded", "executed",  NULL};
	for (size_t k = 0; verbs[k]; k++)
		if (tok_is(s, &t[ts], verbs[k]))
			return !(te == ts + 1 && tok_is(s, &t[ts], "shot"));
	return 0;
}

/* 1 when the verb of killing at tokens [ts, te) is used actively, with
 * an object after it: not a passive ("were killed"), not a death noun
 * ("the killing of"). */
static int active_killing(const char *s, const struct text_token *t, size_t ts, size_t te, size_t c1)
{
	/* "were killed", "the killing of"; "boasted of having killed", "vowed
	 * to kill": a claim or an aim, not the act told */
	static const char *const passive[] = {"was", "were", "been", "being", "be", "is", "are", "the",
	                                      "of",  "to",   "have", "having", NULL};
	if (te >= c1 || !killing_verb(s, t, ts, te))
		return 0;
	if (ts > 0)
		for (size_t k = 0; passive[k]; k++)
			if (tok_is(s, &t[ts - 1], passive[k]))
				return 0;
	return 1;
}

/* 1 when the verb of killing at tokens [ts, te) is used actively on people
 * it counts: "killed five drivers", ", killing 14", "massacred hundreds
 * of", "gunned down a tailor", "killed several miners".  The count must
 * follow at once (a determiner or "at least" may stand between); one
 * animal ("killed a lion") is no one. */
static int counted_killing(const char *s, const struct text_token *t, size_t n, const struct frames_scratch *sc,
                           size_t nn, size_t base, size_t ts, size_t te, size_t c1)
{
	static const char *const skip[] = {"at", "least", "more", "than", "about", "some", "nearly", "almost",
	                                   "around", "over", "up", "to", "another", "a", "an", NULL};
	static const char *const vague[] = {"several", "many", "numerous", NULL};
	static const char *const animal[] = {"lion*", "elephant*", "leopard*", "goat*", "cow*", "bull*", "dog*",
	                                     "camel*", "rhino*", "snake*", "hyena*", "crocodile*", "wolf",
	                                     "bear", "tiger*", "buffalo*", "boar*", "rat*", "pig*", NULL};
	if (!active_killing(s, t, ts, te, c1))
		return 0;
	size_t after;
	for (size_t i = te, hop = 0; hop < 4 && i < c1; hop++, i++) {
		/* "a dozen" is a number that starts with a skipped word */
		if (number_starts_at(sc, nn, t, n, base, t[i].start, &after))
			return 1;
		for (size_t k = 0; vague[k]; k++)
			if (tok_is(s, &t[i], vague[k]))
				return 1;
		/* "a mechanic", "an elderly pilgrim": one person */
		if ((tok_is(s, &t[i], "a") || tok_is(s, &t[i], "an")) && i + 1 < c1 &&
		    (t[i + 1].flags & TOK_WORD) && !tok_is(s, &t[i + 1], "total")) {
			for (size_t w = i + 1; w < c1 && w <= i + 3; w++)
				for (size_t k = 0; animal[k]; k++) {
					size_t l = strlen(animal[k]);
					int pre = animal[k][l - 1] == '*';
					size_t wl = t[w].end - t[w].start;
					if (pre ? (wl >= l - 1 && wl <= l + 1 &&
					           strncasecmp(s + t[w].start, animal[k], l - 1) == 0)
					        : tok_is(s, &t[w], animal[k]))
						return 0;
				}
			return 1;
		}
		int skipped = 0;
		for (size_t k = 0; skip[k] && !skipped; k++)
			skipped = tok_is(s, &t[i], skip[k]);
		if (!skipped)
			return 0;
	}
	return 0;
}

/* 1 when the verb of killing at tokens [ts, te) is a passive whose agent
 * follows: "five drivers were killed by gang members". */
static int killing_by(const char *s, const struct text_token *t, size_t ts, size_t te, size_t c1)
{
	return ts > 0 && te < c1 && (tok_is(s, &t[ts - 1], "was") || tok_is(s, &t[ts - 1], "were")) &&
	       tok_is(s, &t[te], "by") && killing_verb(s, t, ts, te);
}

/* 1 when an armed actor is named in bytes [b0, b1): those killed bear
 * arms ("killing four policemen", "four soldiers were killed by"). */
static int armed_named_in(const char *s, const struct frames_scratch *sc, size_t na, size_t base, size_t b0,
                          size_t b1)
{
	for (size_t a = 0; a < na; a++) {
		size_t a0 = base + sc->am[a].start;
		if (a0 >= b0 && a0 < b1 && armed_type(sc->am[a].type) && !community_not_fighters(s, base, &sc->am[a]))
			return 1;
	}
	return 0;
}

/* 1 when the object after a verb of killing (token te on) is people a
 * determiner introduces and the actor lexicon names: "killed their
 * hostages", "killed the village chief" (not "killed the deal"). */
static int owned_victims(const char *s, const struct text_token *t, size_t n, const struct frames_scratch *sc,
                         size_t na, size_t base, size_t te, size_t c1)
{
	static const char *const det[] = {"the", "their", "his", "her", "its", NULL};
	int d = 0;
	for (size_t k = 0; det[k] && !d; k++)
		d = tok_is(s, &t[te], det[k]);
	if (!d || te + 1 >= c1)
		return 0;
	size_t b0 = t[te + 1].start, b1 = t[te + 4 < c1 && te + 4 < n ? te + 4 : c1 - 1].end;
	for (size_t a = 0; a < na; a++)
		if (base + sc->am[a].start >= b0 && base + sc->am[a].start < b1)
			return 1;
	return 0;
}

/* 1 when the verb of killing at tokens [ts, te) tells a killing done
 * (active on a count or on people named after a determiner, or passive
 * with its agent after "by"; any_object: active on anything); *v0, *v1:
 * the tokens that name those killed (after the verb, or before a
 * passive). */
static int killed_span(const char *s, const struct text_token *t, size_t n, const struct frames_scratch *sc,
                       size_t na, size_t nn, size_t base, size_t ts, size_t te, size_t c0, size_t c1, int any_object,
                       size_t *v0, size_t *v1)
{
	if (counted_killing(s, t, n, sc, nn, base, ts, te, c1) ||
	    (active_killing(s, t, ts, te, c1) && (any_object || owned_victims(s, t, n, sc, na, base, te, c1)))) {
		*v0 = te;
		*v1 = c1;
		return 1;
	}
	if (killing_by(s, t, ts, te, c1)) {
		*v0 = c0;
		*v1 = ts;
		return 1;
	}
	return 0;
}

/* Herders or an ethnic community among those killed ("jihadists killed
 * seven herders", "hacked five herders to death", "soldiers killed six
 * Fulani herders") are people attacked, not a communal militia at war: actor2
 * becomes civilians. */
static void killed_are_people(const char *s, const struct text_token *t, size_t n, const struct frames_scratch *sc,
                              size_t nm, size_t na, size_t nn, size_t base, size_t c0, size_t c1, struct frame *f)
{
	if (f->sub != SUB_ATTACK || !f->actor2.present || f->actor2.type != ACTOR_IDENTITY_MILITIA)
		return;
	for (size_t a = 0; a < na; a++) {
		if (strcmp(sc->am[a].name, f->actor2.name) != 0 || !community_not_fighters(s, base, &sc->am[a]))
			continue;
		size_t ai = tok_at(t, n, base + sc->am[a].start);
		if (ai < c0 || ai >= c1)
			continue;
		int killed = 0;
		for (size_t j = 0; j < nm && !killed; j++) {
			const struct lex_match *m = &sc->m[j];
			size_t v0, v1;
			if (m->entry->kind != LEX_DEATH || m->tok_start < c0 || m->tok_start >= c1)
				continue;
			/* "hacked five herders to death": the death word closes the act */
			killed = (m->tok_start > ai && base + sc->am[a].start > f->trig_start) ||
			         (killed_span(s, t, n, sc, na, nn, base, m->tok_start, m->tok_end, c0, c1, 1, &v0, &v1) &&
			          ai >= v0 && ai < v1);
		}
		if (killed) {
			f->actor2.type = ACTOR_CIVILIANS;
			event_strlcpy(f->actor2.name, "Civilians", sizeof f->actor2.name);
			return;
		}
	}
}

/* ", killing four policemen" after a main verb: the killing is the main
 * clause's subject's ("militants stormed a police station, killing ..."),
 * not that of the last actor named before it. */
static void main_subject_kills(const char *s, const struct text_token *t, const struct frames_scratch *sc,
                               size_t na, size_t base, size_t cb0, size_t ts, struct frame *f)
{
	if (ts == 0 || !tok_is_punct(s, &t[ts - 1], ',') || !tok_is(s, &t[ts], "killing"))
		return;
	for (size_t a = 0; a < na; a++) {
		size_t a0 = base + sc->am[a].start;
		if (a0 < cb0)
			continue;
		if (a0 >= f->trig_start || !armed_type(sc->am[a].type) ||
		    (f->actor1.present && strcmp(f->actor1.name, sc->am[a].name) == 0))
			return;
		if (f->actor1.present && !f->actor2.present) {
			f->actor2 = f->actor1;
			f->actor2_flags = f->actor1_flags;
		}
		copy_actor(&f->actor1, &f->actor1_flags, &sc->am[a], s, base);
		f->actor1_sure = true;
		return;
	}
}

/* 1 when the clause after byte b (before cb1) dates its act to a past
 * year ("who killed five drivers in 2019"): the killing is the setting
 * of a trial or a story, not an event of the article's time. */
static int past_year_after(const struct frames_scratch *sc, size_t nd, size_t base, size_t b, size_t cb1,
                           int64_t published_at_ms)
{
	if (published_at_ms <= 0)
		return 0;
	int32_t pub_day = (int32_t)(published_at_ms / 86400000LL);
	for (size_t i = 0; i < nd; i++) {
		const struct date_ref *d = &sc->dr[i];
		if (base + d->start >= b && base + d->start < cb1 && d->precision == DATE_PRECISION_YEAR &&
		    !(d->flags & (DATE_F_UNRESOLVED | DATE_F_RELATIVE)) &&
		    dates_temporality(d->day, pub_day) == TEMPORALITY_HISTORICAL && d->day + 366 <= pub_day)
			return 1;
	}
	return 0;
}

/* A clause no trigger codes, in which an armed actor kills people: "gang
 * members killed five drivers", "soldiers raided a palace, killing 12
 * people", "five drivers were killed by gang members".  The verb of
 * killing is the event: an attack, or an armed clash when those killed
 * bear arms ("killing four policemen").  1 with *f filled. */
static int armed_killing(const struct frames_env *env, const struct frames_scratch *sc, const char *s,
                         const struct text_token *t, size_t n, size_t nm, size_t na, size_t nn, size_t nd,
                         size_t base, size_t cb0, size_t cb1, size_t c0, size_t c1, struct frame *f)
{
	for (size_t j = 0; j < nm; j++) {
		const struct lex_match *m = &sc->m[j];
		size_t v0, v1;
		if (m->entry->kind != LEX_DEATH || m->tok_start < c0 || m->tok_start >= c1 ||
		    !killed_span(s, t, n, sc, na, nn, base, m->tok_start, m->tok_end, c0, c1, 0, &v0, &v1) ||
		    cue_before(sc->m, nm, LEX_NEGATION, c0, m->tok_start) ||
		    hypothetical_before(s, t, sc->m, nm, c0, m->tok_start) ||
		    cue_right_after(sc->m, nm, LEX_HYPOTHETICAL, m->tok_end, c1) ||
		    past_year_before(s, t, c0, m->tok_start) || in_source_phrase(s, t, c0, m->tok_start) ||
		    past_year_after(sc, nd, base, t[m->tok_end - 1].end, cb1, env->published_at_ms))
			continue;
		memset(f, 0, sizeof *f);
		f->sub = SUB_ATTACK;
		f->priority = ARMED_KILLING_PRIORITY;
		f->trig_start = t[m->tok_start].start;
		f->trig_end = t[m->tok_end - 1].end;
		pick_actors(s, t, n, sc, nm, na, base, cb0, cb1, f->trig_start, f);
		main_subject_kills(s, t, sc, na, base, cb0, m->tok_start, f);
		if (!f->actor1.present && m->tok_start > c0)
			demonym_agent(env->gaz, s, &t[m->tok_start - 1], f);
		if (!f->actor1.present || !f->actor1_sure || !armed_type(f->actor1.type))
			continue;
		/* "killing three people before being shot dead by soldiers":
		 * who met the killers after it is none of their victims */
		for (size_t k = v0 + 1, b; k < v1; k++)
			if (fate_marker(s, t, k, &b) && b >= v0) {
				v1 = b;
				break;
			}
		if (v1 > v0 && !(f->lex_flags & LEX_F_UNARMED) &&
		    armed_named_in(s, sc, na, base, t[v0].start, t[v1 - 1].end))
			f->sub = SUB_ARMED_CLASH;
		return 1;
	}
	return 0;
}

/* 1 when trigger match m is a verb of killing read as an armed clash only
 * because its agent bears arms: "gunmen killed nine villagers", "three
 * villagers were killed by gunmen" name no armed people among those
 * killed.  The clash's context words must stand among those killed. */
static int clash_words_only_on_agent(const char *s, const struct text_token *t, size_t n,
                                     const struct frames_scratch *sc, size_t na, size_t nn, size_t base,
                                     size_t c0, size_t c1, const struct lex_match *m, const struct frame *f)
{
	size_t v0, v1;
	return f->sub == SUB_ARMED_CLASH && f->actor1_sure && f->actor1.present &&
	       armed_type(f->actor1.type) && m->entry->n_words == 1 &&
	       killed_span(s, t, n, sc, na, nn, base, m->tok_start, m->tok_end, c0, c1, 1, &v0, &v1) &&
	       v1 > v0 && !lexicon_context_ok_in(m->entry, &sc->words, v0, v1) &&
	       !armed_named_in(s, sc, na, base, t[v0].start, t[v1 - 1].end);
}

/* The dates of sentence s[start..end) into sc->dr (*nd of them), and 1 when
 * the sentence counts a period's dead: a tally cue, or "since" a date. */
static int sentence_dates(const struct frames_env *env, struct frames_scratch *sc, const char *s,
                          const struct text_token *t, size_t n, size_t nm, uint32_t start, uint32_t end,
                          size_t *nd)
{
	const char *ss = s + start;
	*nd = dates_scan(ss, end - start, env->published_at_ms, sc->dr, FRAMES_MAX_DATES);
	int tally = sentence_has(sc->m, nm, LEX_TALLY, &sc->words);
	/* "since September 10" marks a period's count; "from Sunday" need not. */
	for (size_t i = 0; i < *nd; i++)
		if ((sc->dr[i].flags & DATE_F_SINCE) && sc->dr[i].end - sc->dr[i].start >= 5 &&
		    strncasecmp(ss + sc->dr[i].start, "since", 5) == 0)
			tally = 1;
	return tally;
}

size_t frames_sentence(const struct frames_env *env, struct frames_scratch *sc, const char *s, uint32_t start,
                       uint32_t end, uint32_t sent, struct frame *out, size_t max)
{
	const struct text_token *t = sc->toks;
	size_t n = text_tokens(s, start, end, sc->toks, FRAMES_MAX_TOKENS);
	if (n == 0 || max == 0)
		return 0;
	/* Most sentences have no trigger: their phrases are not needed. */
	if (!lexicon_may_trigger(env->lex, s, t, n))
		return 0;
	size_t nm = lexicon_match(env->lex, s, t, n, sc->m, FRAMES_MAX_MATCHES);
	_Static_assert(LEX_KIND_COUNT <= 16, "a kind bit per kind");
	memset(sc->kinds_at, 0, n * sizeof sc->kinds_at[0]);
	sc->kinds_n = n;
	for (size_t j = 0; j < nm; j++)
		if (sc->m[j].tok_start < n)
			sc->kinds_at[sc->m[j].tok_start] |= (uint16_t)(1u << sc->m[j].entry->kind);
	int any_trigger = 0;
	for (size_t j = 0; j < nm; j++)
		if (sc->m[j].entry->kind == LEX_TRIGGER || sc->m[j].entry->kind == LEX_DEATH)
			any_trigger = 1;
	if (!any_trigger)
		return 0;
	const struct lex_words *lw = &sc->words;
	lexicon_words(&sc->words, s, t, n);
	const char *ss = s + start;
	size_t slen = end - start;
	size_t na = 0, ng = 0;
	if (env->actor_mentions) {
		/* The article's mentions are in text order: binary search, then walk. */
		size_t lo = 0, hi = env->n_actor_mentions;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (env->actor_mentions[mid].start < start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < env->n_actor_mentions && na < FRAMES_MAX_ACTORS; i++) {
			const struct actor_mention *a = &env->actor_mentions[i];
			if (a->start >= end)
				break;
			if (a->end > end)
				continue;
			sc->am[na] = *a;
			sc->am[na].start -= start;
			sc->am[na].end -= start;
			na++;
		}
	} else if (env->actors) {
		na = actors_scan(env->actors, ss, slen, sc->am, FRAMES_MAX_ACTORS);
	}
	if (env->places) {
		size_t lo = 0, hi = env->n_places;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (env->places[mid].start < start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < env->n_places && ng < FRAMES_MAX_PLACES; i++) {
			const struct gaz_mention *g = &env->places[i];
			if (g->start >= end)
				break;
			if (g->end > end)
				continue;
			sc->gm[ng] = *g;
			sc->gm[ng].start -= start;
			sc->gm[ng].end -= start;
			ng++;
		}
	} else if (env->gaz) {
		ng = gazetteer_scan(env->gaz, ss, slen, sc->gm, FRAMES_MAX_PLACES);
	}
	/* read_deaths() counts only with a death word: without one in the
	 * sentence, its numbers are never read. */
	size_t nn = 0;
	int death = 0;
	for (size_t j = 0; j < nm && !death; j++)
		death = sc->m[j].entry->kind == LEX_DEATH;
	if (death)
		nn = numbers_scan(ss, slen, sc->nv, FRAMES_MAX_NUMBERS);
	/* The dates and the tally are read when a clause first needs them:
	 * many sentences with a trigger code nothing. */
	size_t nd = 0;
	int tally = -1;
	int dispute = sentence_has(sc->m, nm, LEX_DISPUTE, lw);
	/* Disasters and accidents: only a strong, specific trigger still codes an event. */
	int nonconflict = sentence_has_nonconflict(sc->m, nm, t, n, lw);
	/* Claims, blame, sanctions: the sentence talks about an event told elsewhere. */
	int talk = talk_outside_relative(sc->m, nm, s, t, n, lw);
	char reporter[EVENT_NAME_MAX];
	read_reporter(s, t, n, sc->m, nm, reporter, sizeof reporter);

	struct clause cl[FRAMES_MAX_CLAUSES];
	size_t ncl = split_clauses(s, t, n, cl, FRAMES_MAX_CLAUSES);
	size_t nf = 0;
	for (size_t c = 0; c < ncl && nf < max; c++) {
		size_t c0 = cl[c].t0, c1 = cl[c].t1;
		size_t cb0 = t[c0].start, cb1 = t[c1 - 1].end;
		struct frame f;
		int found = 0;
		size_t topic = protest_topic(s, t, sc->m, nm, lw, c0, c1);
		int unreal = protest_unreal(s, t, sc->m, nm, c0, c1);
		int weapon_object = 0;
		/* What each trigger of the clause is worth, but for the background
		 * test (it looks at the other triggers, which the loop below rules
		 * out one by one), is read when the loop first meets it. */
		uint8_t seen[FRAMES_MAX_MATCHES];
		int base_prio[FRAMES_MAX_MATCHES];
		size_t lead_of[FRAMES_MAX_MATCHES];
		memset(seen, 0, nm);
		/* Strongest trigger first; ties go to the earlier one. */
		for (;;) {
			const struct lex_match *best = NULL;
			int best_prio = 0;
			for (size_t j = 0; j < nm; j++) {
				const struct lex_match *mj = &sc->m[j];
				if (mj->entry->kind != LEX_TRIGGER || mj->tok_start < c0 ||
				    mj->tok_start >= c1)
					continue;
				if (seen[j]) {
					if (seen[j] == 2)
						continue;
					int prio = base_prio[j];
					if (background_main_before(sc->m, nm, lw, c0, c1, mj->tok_start,
					                           lead_of[j]))
						prio -= BACKGROUND_PENALTY;
					if (best && prio <= best_prio)
						continue;
					best = mj;
					best_prio = prio;
					continue;
				}
				seen[j] = 2; /* ruled out, unless it gets through the tests below */
				/* Arson is deliberate: "set fire to a factory" is no accident. */
				if (nonconflict &&
				    nonconflict_outside(sc->m, nm, t, n, lw, mj->tok_start, mj->tok_end) &&
				    ((mj->entry->flags & LEX_F_WEAK) ||
				     (sub_event_type_parent(mj->entry->sub) == EVENT_STRATEGIC_DEVELOPMENTS &&
				      !(mj->entry->sub == SUB_LOOTING_PROPERTY_DESTRUCTION &&
				        mj->entry->priority >= NONCONFLICT_ARSON_PRIORITY)) ||
				     (sub_event_type_parent(mj->entry->sub) ==
				          EVENT_EXPLOSIONS_REMOTE_VIOLENCE &&
				      mj->entry->priority < NONCONFLICT_MIN_PRIORITY)))
					continue;
				if (sub_event_type_parent(mj->entry->sub) ==
				        EVENT_EXPLOSIONS_REMOTE_VIOLENCE &&
				    weapon_is_object(s, t, c0, c1, mj->tok_start)) {
					weapon_object = 1;
					continue;
				}
				if (in_source_phrase(s, t, c0, mj->tok_start) ||
				    subject_fate(s, t, sc->m, nm, mj->tok_start) ||
				    fled_or_rescued(s, t, c0, mj->tok_start, mj->entry->sub) ||
				    demonstrate_shows(s, t, n, mj->tok_start))
					continue;
				if (unreal && (sub_event_type_parent(mj->entry->sub) == EVENT_PROTESTS ||
				               mj->entry->sub == SUB_VIOLENT_DEMONSTRATION))
					continue;
				if (mj->tok_start > topic &&
				    sub_event_type_parent(mj->entry->sub) != EVENT_PROTESTS &&
				    sub_event_type_parent(mj->entry->sub) != EVENT_RIOTS)
					continue;
				int prio = mj->entry->priority;
				if (agent_noun_match(s, t, mj) || attributive_participle(s, t, n, mj))
					prio -= AGENT_NOUN_PENALTY;
				seen[j] = 1;
				base_prio[j] = prio;
				lead_of[j] = background_lead(s, t, c0, mj->tok_start);
				if (background_main_before(sc->m, nm, lw, c0, c1, mj->tok_start, lead_of[j]))
					prio -= BACKGROUND_PENALTY;
				if (best && prio <= best_prio)
					continue;
				best = mj;
				best_prio = prio;
			}
			if (!best)
				break;
			/* the words that decide a trigger stop where the doer's
			 * fate begins ("opened fire ... before he was shot dead
			 * by police": the police are no target of the firing) */
			size_t ctx1 = c1;
			for (size_t k = best->tok_end + 1, b; k < c1; k++)
				if (fate_marker(s, t, k, &b) && b >= best->tok_end) {
					ctx1 = b;
					break;
				}
			int ok = lexicon_context_ok_in(best->entry, lw, c0, ctx1) &&
			         !cue_before(sc->m, nm, LEX_NEGATION, c0, best->tok_start) &&
			         !past_year_before(s, t, c0, best->tok_start) &&
			         !hypothetical_before(s, t, sc->m, nm, c0, best->tok_start) &&
			         !cue_right_after(sc->m, nm, LEX_HYPOTHETICAL, best->tok_end, c1) &&
			         !(sub_event_type_parent(best->entry->sub) == EVENT_PROTESTS &&
			           crowd_will(s, t, sc->m, nm, best->tok_end, c1));
			if (ok) {
				memset(&f, 0, sizeof f);
				f.sub = best->entry->sub;
				f.priority = best->entry->priority;
				f.lex_flags = best->entry->flags;
				f.trig_start = t[best->tok_start].start;
				f.trig_end = t[best->tok_end - 1].end;
				pick_actors(s, t, n, sc, nm, na, start, cb0, cb1, f.trig_start, &f);
				if (!f.actor1.present && best->tok_start > c0)
					demonym_agent(env->gaz, s, &t[best->tok_start - 1], &f);
				country_agent(env, sc, s, end, ng, start, cb0, f.trig_start, &f);
				if (clash_words_only_on_agent(s, t, n, sc, na, nn, start, c0, c1, best, &f))
					f.sub = SUB_ATTACK;
				/* With no agent, the side driven back tells the winner
				 * ("the militants were pushed back" means the state won). */
				int state = frames_actor_is_state_side(&f.actor1, f.actor1_flags);
				int known = f.actor1.present;
				if (!known && f.actor2.present) {
					state = !frames_actor_is_state_side(&f.actor2, f.actor2_flags);
					known = 1;
				}
				if ((f.lex_flags & LEX_F_STATE) && !(known && state))
					ok = 0;
				/* A non-state reading needs a known non-state side. */
				if ((f.lex_flags & LEX_F_NONSTATE) && (state || !known))
					ok = 0;
				/* A group's strategic move needs an armed group as its agent
				 * ("cartel members handed out food"; villagers doing so are
				 * no event). */
				if ((f.lex_flags & LEX_F_NONSTATE) &&
				    (sub_event_type_parent(f.sub) == EVENT_STRATEGIC_DEVELOPMENTS ||
				     armed_group_act(f.sub)) &&
				    !(f.actor1.present && (f.actor1.type == ACTOR_REBEL_GROUP ||
				                           f.actor1.type == ACTOR_POLITICAL_MILITIA ||
				                           f.actor1.type == ACTOR_IDENTITY_MILITIA)))
					ok = 0;
				if (ok && best->tok_start > 0 &&
				    (tok_is(s, &t[best->tok_start - 1], "the") ||
				     tok_is(s, &t[best->tok_start - 1], "those") ||
				     tok_is(s, &t[best->tok_start - 1], "these") ||
				     tok_is(s, &t[best->tok_start - 1], "that")))
					f.coref = true;
				if (ok && looks_back(s, t, c0, best->tok_start))
					f.coref = true;
			}
			if (ok) {
				found = 1;
				break;
			}
			/* Rule this match out for this clause and look again. */
			{
				struct lex_match *mb = &sc->m[best - sc->m];
				mb->tok_start = mb->tok_end = (uint32_t)n + 1;
			}
		}
		/* armed_killing() reads the dates only beside a death word */
		if (!found && death && tally < 0)
			tally = sentence_dates(env, sc, s, t, n, nm, start, end, &nd);
		if (!found && armed_killing(env, sc, s, t, n, nm, na, nn, nd, start, cb0, cb1, c0, c1, &f))
			found = 1;
		/* Explosives destroyed, seized or defused, with no strike or
		 * attack, no one hurt ("destroyed a roadside bomb during an
		 * operation"): disrupted weapons use (ACLED Codebook). */
		if (found && weapon_object &&
		    (sub_event_type_parent(f.sub) == EVENT_STRATEGIC_DEVELOPMENTS ||
		     f.priority < WEAPON_OBJECT_MAX_PRIORITY) &&
		    sub_event_type_parent(f.sub) != EVENT_EXPLOSIONS_REMOTE_VIOLENCE) {
			int hurt = 0;
			for (size_t j = 0; j < nm; j++)
				if ((sc->m[j].entry->kind == LEX_DEATH ||
				     sc->m[j].entry->kind == LEX_INJURY) &&
				    sc->m[j].tok_start >= c0 && sc->m[j].tok_start < c1)
					hurt = 1;
			if (!hurt)
				f.sub = SUB_DISRUPTED_WEAPONS_USE;
		}
		/* Looting or arrests in which people are beaten, hurt or killed are
		 * an attack on them (ACLED codes the violence against people). */
		if (found && (f.sub == SUB_LOOTING_PROPERTY_DESTRUCTION || f.sub == SUB_ARRESTS))
			for (size_t j = 0; j < nm; j++) {
				const struct lex_entry *e = sc->m[j].entry;
				if (sc->m[j].tok_start < c0 || sc->m[j].tok_start >= c1)
					continue;
				int hurt = e->kind == LEX_DEATH || e->kind == LEX_INJURY ||
				           (e->kind == LEX_TRIGGER && e->sub == SUB_ATTACK &&
				            !names_a_raid(e) && !agent_noun_match(s, t, &sc->m[j]) &&
				            lexicon_context_ok_in(e, lw, c0, c1));
				/* "after a suspect died in custody": the death is the setting */
				if (hurt && !cue_before(sc->m, nm, LEX_NEGATION, c0, sc->m[j].tok_start) &&
				    !background_trigger(s, t, sc->m, nm, lw, c0, c1, sc->m[j].tok_start)) {
					f.sub = SUB_ATTACK;
					break;
				}
			}
		if (found)
			killed_are_people(s, t, n, sc, nm, na, nn, start, c0, c1, &f);
		/* Protesters who burn or smash things riot, whatever else the police do. */
		if (found && sub_event_type_parent(f.sub) == EVENT_PROTESTS &&
		    f.sub != SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS)
			for (size_t j = 0; j < nm; j++) {
				const struct lex_entry *e = sc->m[j].entry;
				/* "demanded the return of stolen and looted money": the topic's words are not
				 * acts */
				if (e->kind == LEX_TRIGGER && sc->m[j].tok_start >= c0 &&
				    sc->m[j].tok_start < c1 && sc->m[j].tok_start <= topic &&
				    !background_trigger(s, t, sc->m, nm, lw, c0, c1, sc->m[j].tok_start) &&
				    (e->sub == SUB_LOOTING_PROPERTY_DESTRUCTION ||
				     e->sub == SUB_VIOLENT_DEMONSTRATION) &&
				    lexicon_context_ok_in(e, lw, c0, c1)) {
					f.sub = SUB_VIOLENT_DEMONSTRATION;
					break;
				}
			}
		if (!found && nf < max && claim_frame(s, t, n, sc, nm, na, start, c0, c1, sent, end, &f)) {
			out[nf++] = f;
			continue;
		}
		if (!found) {
			/* No trigger: a toll alone ("Four men died.", "2 fatalities.")
			 * adds its dead to the event told before. */
			struct deaths d0;
			read_deaths(s, t, n, sc->m, nm, sc, nn, start, c0, c1, &d0);
			/* "the death toll from the attack had risen to 101": the
			 * update of the event told before, however the sentence
			 * reads as a tally */
			size_t te, tk;
			int toll = !d0.any_number && toll_event_noun(s, t, c0, c1, &te) &&
			           toll_update(s, t, sc, nn, start, c0, c1, te, &d0, &tk);
			int lone = !d0.any_number && d0.any_word && !d0.negated &&
			           lone_death(s, t, sc->m, nm, c0, c1);
			if (!d0.any_number && !lone)
				continue;
			if (tally < 0)
				tally = sentence_dates(env, sc, s, t, n, nm, start, end, &nd);
			if ((tally && !toll) || nf >= max)
				continue;
			if (lone)
				d0.best = d0.low = d0.high = 1;
			memset(&f, 0, sizeof f);
			f.role = FRAME_ATTACH;
			f.deaths_only = true;
			f.sub = SUB_ATTACK;
			f.lex_flags = LEX_F_WEAK;
			f.sent = sent;
			f.start = start;
			f.end = end;
			f.has_deaths = true;
			f.more_dead = more_dead(s, t, sc->m, nm, c0, c1);
			f.fat.best = (int)d0.best;
			f.fat.low = (int)d0.low;
			f.fat.high = (int)(d0.high > d0.best ? d0.high : d0.best);
			f.fat.imputed = d0.vague;
			f.fat.children = (int)d0.children;
			f.fat.civilians = (int)d0.civilians;
			out[nf++] = f;
			continue;
		}
		f.sent = sent;
		f.start = start;
		f.end = end;
		if (!f.actor1.present)
			f.unknown_agent = unknown_agent(s, t, c0, c1);
		/* A clash between a crowd and the police (or another crowd), with no
		 * armed group in the clause, is mob violence. */
		if (f.sub == SUB_ARMED_CLASH) {
			int armed_group = 0;
			for (size_t a = 0; a < na; a++) {
				size_t a0 = start + sc->am[a].start;
				enum actor_type at = sc->am[a].type;
				if (a0 >= cb0 && a0 < cb1 &&
				    (at == ACTOR_REBEL_GROUP || at == ACTOR_POLITICAL_MILITIA ||
				     at == ACTOR_IDENTITY_MILITIA || at == ACTOR_EXTERNAL_OTHER))
					armed_group = 1;
			}
			for (size_t j = 0; j < nm && !armed_group; j++)
				if (sc->m[j].entry->kind == LEX_CROWD && sc->m[j].tok_start >= c0 &&
				    sc->m[j].tok_start < c1)
					f.crowd_agent = true;
		}
		/* "a group of people attacked ...": a crowd acts, with no armed actor before it. */
		if (!f.actor1_sure || f.actor1.type == ACTOR_CIVILIANS)
			for (size_t j = 0; j < nm; j++)
				if (sc->m[j].entry->kind == LEX_CROWD && sc->m[j].tok_start >= c0 &&
				    t[sc->m[j].tok_end - 1].end <= f.trig_start &&
				    !passive_between(s, t, n, t[sc->m[j].tok_end - 1].end, f.trig_start))
					f.crowd_agent = true;
		for (size_t j = 0; j < nm; j++)
			if (sc->m[j].entry->kind == LEX_CROWD && sc->m[j].tok_start >= c0 &&
			    t[sc->m[j].tok_end - 1].end <= f.trig_start &&
			    !passive_between(s, t, n, t[sc->m[j].tok_end - 1].end, f.trig_start))
				f.crowd_word = true;
		/* "was burnt to death by a crowd": a crowd as the passive's agent */
		if (!f.actor1_sure)
			for (size_t j = 0; j < nm; j++)
				if (sc->m[j].entry->kind == LEX_CROWD && sc->m[j].tok_start < c1 &&
				    t[sc->m[j].tok_start].start >= f.trig_end &&
				    by_before(s, t, tok_at(t, n, f.trig_end), sc->m[j].tok_start))
					f.crowd_agent = true;
		pick_place(env, sc, s, end, ng, na, start, cb0, cb1, f.trig_start, &f);
		if (tally < 0)
			tally = sentence_dates(env, sc, s, t, n, nm, start, end, &nd);
		pick_date(s, sc, nd, start, cb0, cb1, f.trig_start, &f);
		struct deaths d;
		size_t trig_tok = tok_at(t, n, f.trig_start), rel0 = 0, rel1 = 0;
		if (!tally_relative_before(s, t, n, sc->m, nm, lw, sc->dr, nd, start, c0, trig_tok, &rel0,
		                           &rel1))
			rel0 = rel1 = 0;
		/* the subject's record in a relative clause is neither the
		 * event's dead nor a tally of it */
		/* a peaceful protest's dead are in its topic ("marched,
		 * denouncing two doctors killed in a raid"), not its own */
		size_t dc1 = f.sub == SUB_PEACEFUL_PROTEST && topic > trig_tok && topic < c1 ? topic : c1;
		/* a crowd's setting ("after officers killed a driver") holds
		 * another event's dead */
		if (sub_event_type_parent(f.sub) == EVENT_RIOTS ||
		    sub_event_type_parent(f.sub) == EVENT_PROTESTS || f.crowd_word)
			dc1 = crowd_setting_cut(s, t, sc->m, nm, trig_tok, dc1);
		read_deaths(s, t, n, sc->m, nm, sc, nn, start, rel1 > c0 ? rel1 : c0, dc1, &d);
		int ftally =
		    tally && tally_for(s, t, n, sc->m, nm, lw, sc->dr, nd, start, trig_tok, rel0, rel1);
		size_t toll_tok = 0;
		int toll = !d.any_number && toll_update(s, t, sc, nn, start, c0, c1, trig_tok, &d, &toll_tok);
		if (toll)
			ftally = 0;
		/* a count of dead no single event reaches ("the genocide, in
		 * which 800,000 people were killed") is a war's or a campaign's
		 * toll: of a violent trigger, a tally; beside talks or a
		 * protest, their background, no dead of theirs */
		if (d.any_number && !d.vague && d.best >= TALLY_DEAD_MIN) {
			enum event_type et = sub_event_type_parent(f.sub);
			if (et == EVENT_BATTLES || et == EVENT_EXPLOSIONS_REMOTE_VIOLENCE ||
			    et == EVENT_VIOLENCE_AGAINST_CIVILIANS)
				ftally = 1;
			else if (!ftally)
				d.any_number = d.any_word = 0;
		}
		f.fat.civilians = (int)d.civilians;
		f.fat.children = (int)d.children;
		if (d.any_number) {
			f.has_deaths = true;
			f.more_dead = more_dead(s, t, sc->m, nm, c0, c1);
			f.fat.best = (int)d.best;
			f.fat.low = (int)d.low;
			f.fat.high = (int)(d.high > d.best ? d.high : d.best);
			f.fat.imputed = d.vague;
		} else if (d.any_word) {
			f.has_deaths = true;
			int v = d.one ? 1 : (f.lex_flags & LEX_F_SIGNIFICANT) ? 10 : 3;
			f.fat.best = f.fat.low = f.fat.high = v;
			f.fat.imputed = !d.one;
		}
		/* An intervention that kills or gravely injures protesters is
		 * excessive force (ACLED: lethal force or force causing serious
		 * injury). */
		if (f.sub == SUB_PROTEST_WITH_INTERVENTION &&
		    ((d.any_number && d.best > 0) || serious_injury(s, t, sc->m, nm, c0, c1) ||
		     (d.any_word && d.one && topic >= c1)))
			f.sub = SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS;
		event_strlcpy(f.reporter, reporter, sizeof f.reporter);
		f.disputes = dispute;
		if (toll) {
			/* A toll of an event told before updates its count (the
			 * larger stands); told alone, it stands for the event.
			 * Its date is the event's only when written inside the
			 * toll's phrase ("from Saturday's bombing"); "rose to 101
			 * on Tuesday" dates the count. */
			int own_date = 0;
			for (size_t i = 0; i < nd; i++)
				own_date |= start + sc->dr[i].start >= t[toll_tok].end &&
				            start + sc->dr[i].end <= t[trig_tok].start;
			if (!own_date)
				f.has_date = false;
			f.role = FRAME_ATTACH;
			f.deaths_only = true;
			f.coref = true;
			f.promote = !dispute && !talk;
		} else if (ftally && d.any_number) {
			f.role = FRAME_TALLY;
		} else if (ftally) {
			/* "fighting since September": a durative statement that
			 * belongs to an event told before, or stands for one. */
			f.role = FRAME_ATTACH;
			/* Territory taken "over the last two days" is one change of
			 * hands, whatever the period; a protest "against abuses that
			 * have grown since 2017" is no count of dead. */
			f.promote = !dispute && !(f.lex_flags & LEX_F_WEAK) &&
			            ((f.has_date && f.date_precision == DATE_PRECISION_DAY) ||
			             sub_event_type_parent(f.sub) == EVENT_PROTESTS ||
			             f.sub == SUB_GOVERNMENT_REGAINS_TERRITORY ||
			             f.sub == SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY ||
			             f.sub == SUB_NON_VIOLENT_TRANSFER_OF_TERRITORY);
		} else if (dispute || talk)
			f.role = FRAME_ATTACH;
		else if ((f.lex_flags & LEX_F_WEAK) && !f.actor1.present && !f.has_place)
			f.role = FRAME_ATTACH;
		else
			f.role = FRAME_EVENT;
		/* Two clauses of one sentence coding the same sub-event are one mention. */
		int dup = 0;
		for (size_t k = 0; k < nf; k++) {
			/* a riot in one clause and the sit-in it grew out of in
			 * another: the protest is the riot's setting, one violent
			 * demonstration (ACLED) */
			if (out[k].role == f.role && out[k].sub == SUB_PEACEFUL_PROTEST &&
			    f.sub == SUB_VIOLENT_DEMONSTRATION) {
				out[k].sub = f.sub;
				out[k].priority = f.priority;
				out[k].lex_flags = f.lex_flags;
			}
			if (out[k].role == f.role && out[k].sub == SUB_VIOLENT_DEMONSTRATION &&
			    f.sub == SUB_PEACEFUL_PROTEST) {
				dup = 1;
				continue;
			}
			if (sub_event_type_parent(out[k].sub) == sub_event_type_parent(f.sub) &&
			    out[k].role == f.role) {
				if (!out[k].has_place && f.has_place) {
					out[k].has_place = true;
					out[k].place_id = f.place_id;
					out[k].place_kind = f.place_kind;
					out[k].geo_precision = f.geo_precision;
				}
				if (!out[k].has_deaths && f.has_deaths) {
					out[k].has_deaths = true;
					out[k].fat = f.fat;
				}
				dup = 1;
			}
		}
		if (!dup)
			out[nf++] = f;
	}
	return nf;
}
