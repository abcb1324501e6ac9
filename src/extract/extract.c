/*
 * extract.c - the extractor's public API: one article in, its events out.
 *
 * The story of one article: clean the text (keeping a byte map back to the
 * original for evidence); learn which countries and provinces it talks
 * about (to resolve ambiguous place names); cut it into sentences; read each
 * sentence's frames (frames.c); merge the frames into events (merge.c); then
 * turn each merged event into a conflict_event: the place record, default
 * actors where the text names none (ACLED's conventions), state forces
 * abroad as External/Other, the date and its temporality, a confidence, the
 * evidence spans, and the event_id.
 *
 * All working memory lives in the extractor and is reused for every
 * article; only the clean-text buffer grows, to the largest article seen.
 */
#include "extract.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actors.h"
#include "ascii_run.h"
#include "dates.h"
#include "fold.h"
#include "frames.h"
#include "gazetteer.h"
#include "lexicon.h"
#include "merge.h"
#include "text.h"

#define EXTRACT_MAX_TEXT           (4u << 20) /* bytes of body read; the rest is ignored */
#define EXTRACT_MAX_SENTENCES      2048
#define EXTRACT_MAX_FRAMES         512
#define EXTRACT_MAX_CONTEXT_PLACES 2048 /* place mentions kept per article */
#define EXTRACT_MAX_CONTEXT_ACTORS 1024 /* actor mentions kept per article */
#define EXTRACT_CUE_TOKENS         1024 /* tokens read for country cues when places say nothing */
#define EXTRACT_CUE_MATCHES        512
#define MS_PER_DAY                 86400000LL

struct extract_data {
	struct gazetteer *gaz;
	struct actor_dict *actors;
	struct lexicon *lex;
};

struct extractor {
	const struct extract_data *data;
	struct extract_options opts;
	char *clean;
	uint32_t *map;
	size_t cap;
	struct text_span sents[EXTRACT_MAX_SENTENCES];
	uint32_t pend[EXTRACT_MAX_SENTENCES]; /* sentences whose date is not read yet (extractor_run) */
	struct frame frames[EXTRACT_MAX_FRAMES];
	struct merged merged[EXTRACT_MAX_EVENTS * 2];
	struct gaz_mention ctx_places[EXTRACT_MAX_CONTEXT_PLACES];
	struct actor_mention ctx_actors[EXTRACT_MAX_CONTEXT_ACTORS];
	size_t n_ctx_places, n_ctx_actors; /* the article's mentions, scanned once */
	struct gaz_context gctx;           /* the current article's */
	int ctx_by_places;                 /* some place of the article named its country */
	struct frames_scratch scratch;
	struct text_token cue_toks[EXTRACT_CUE_TOKENS];
	struct lex_match cue_m[EXTRACT_CUE_MATCHES];
	struct conflict_event events[EXTRACT_MAX_EVENTS];
	char ids0[EXTRACT_MAX_EVENTS][EVENT_ID_MAX];
	size_t first_sent; /* the first sentence that is not a heading */
	size_t n_merged;   /* events and tallies merged from the current article */
};

void extract_options_default(struct extract_options *opts)
{
	opts->emit_tallies = 1;
	opts->min_confidence = 0.0f;
	opts->max_events = EXTRACT_MAX_EVENTS;
}

int extract_data_load(struct extract_data **out, const char *data_dir, char *errbuf, size_t errlen)
{
	struct extract_data *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(errbuf, errlen, "%s: out of memory", data_dir);
		return -1;
	}
	if (gazetteer_load(&d->gaz, data_dir, errbuf, errlen) < 0)
		goto err;
	if (actors_load(&d->actors, data_dir, errbuf, errlen) < 0)
		goto err;
	if (lexicon_load(&d->lex, data_dir, errbuf, errlen) < 0)
		goto err;
	*out = d;
	return 0;
err:
	extract_data_free(d);
	return -1;
}

void extract_data_free(struct extract_data *data)
{
	if (!data)
		return;
	gazetteer_free(data->gaz);
	actors_free(data->actors);
	lexicon_free(data->lex);
	free(data);
}

struct extractor *extractor_new(const struct extract_data *data, const struct extract_options *opts)
{
	struct extractor *ex = calloc(1, sizeof *ex);
	if (!ex)
		return NULL;
	ex->data = data;
	if (opts)
		ex->opts = *opts;
	else
		extract_options_default(&ex->opts);
	if (ex->opts.max_events == 0 || ex->opts.max_events > EXTRACT_MAX_EVENTS)
		ex->opts.max_events = EXTRACT_MAX_EVENTS;
	return ex;
}

void extractor_free(struct extractor *ex)
{
	if (!ex)
		return;
	free(ex->clean);
	free(ex->map);
	free(ex);
}

static int ensure_capacity(struct extractor *ex, size_t len)
{
	if (len + 1 <= ex->cap)
		return 0;
	char *c = realloc(ex->clean, len + 1);
	if (!c)
		return -1;
	ex->clean = c;
	uint32_t *m = realloc(ex->map, (len + 1) * sizeof *m);
	if (!m)
		return -1;
	ex->map = m;
	ex->cap = len + 1;
	return 0;
}

/* The words that may stand between a place and the larger one that holds
 * it: "Talas, Kayseri", "Morideni (Logobou, Tapoa)", "Tabaj village in
 * Jalawla district of Kirkuk province". */
static int link_word(const char *w, size_t n)
{
	static const char *const words[] = {
	    "district",      "province",   "governorate", "state",      "region",   "county",
	    "municipality",  "department", "city",        "town",       "village",  "area",
	    "lga",           "oblast",     "raion",       "prefecture", "division", "subdistrict",
	    "sub-district",  "commune",    "of",          "in",         "the",      "neighborhood",
	    "neighbourhood", "camp",       "zone",        "locality",   "regions",  "areas",
	    "districts",     "provinces",  "sector",      "sub-county", "market",   "intersection",
	    "roundabout",    "square",     "street",      "bridge",     "highway",  "junction",
	    "center",        "centre",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && strncasecmp(words[i], w, n) == 0)
			return 1;
	return 0;
}

/* 1 when s[0..n) joins a place to the one that holds it: a comma or an
 * opening parenthesis, or "of"/"in" after an administrative word, with
 * nothing but such words between; inside the parenthesis of "X (district,
 * province)" any words may stand (a district the gazetteer lacks). */
static int link_gap(const char *s, size_t n, int admin_cue)
{
	int commas = 0, paren = 0, words = 0;
	if (n > 48)
		return 0;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if (c == ',') {
			commas++;
			i++;
		} else if (c == '(') {
			if (paren++)
				return 0;
			i++;
		} else if (c == ' ') {
			i++;
		} else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-') {
			size_t j = i;
			while (j < n &&
			       ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z') || s[j] == '-'))
				j++;
			if (!paren && !link_word(s + i, j - i))
				return 0;
			words++;
			i = j;
		} else {
			return 0;
		}
	}
	if (paren)
		return commas <= 2;
	return commas == 1 || (commas == 0 && (words >= 2 || (words == 1 && admin_cue)));
}

/* 1 when s[0..n) is only punctuation and link words: "Zap (Amadiya)",
 * "Ilya intersection in Sidon", not a parenthesis that says anything else. */
static int strict_gap(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == ',' || s[i] == '(' || s[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z') || s[j] == '-'))
			j++;
		if (j == i || !link_word(s + i, j - i))
			return 0;
		i = j;
	}
	return 1;
}

/* How well place a sits inside place b: 3 in b's province or district,
 * 2 in the same province as b, 1 in the same country, 0 not at all. */
static int link_score(const struct gaz_place *a, const struct gaz_place *b)
{
	if (memcmp(a->country_code, b->country_code, 2) != 0)
		return 0;
	if (b->kind == GAZ_ADMIN1 && *b->admin1 && !strcmp(a->admin1, b->admin1) && a->id != b->id)
		return 3;
	if (b->kind == GAZ_ADMIN2 && *b->admin2 && !strcmp(a->admin2, b->admin2) && a->id != b->id)
		return 3;
	if (*b->admin1 && !strcmp(a->admin1, b->admin1))
		return 2;
	return 1;
}

/* Keep only m's candidates in country cc, with id first. */
static void narrow_mention(const struct gazetteer *g, struct gaz_mention *m, const char *cc, uint32_t id)
{
	size_t k = 0;
	uint32_t keep[GAZ_MAX_CANDIDATES];
	keep[k++] = id;
	for (size_t i = 0; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *p = gazetteer_place(g, m->cand[i]);
		if (p && m->cand[i] != id && !memcmp(p->country_code, cc, 2))
			keep[k++] = m->cand[i];
	}
	memcpy(m->cand, keep, k * sizeof keep[0]);
	m->n_cand = k;
}

#define LINK_TOWN_POPULATION  100000 /* a homonym abroad this small yields to the named province */
#define CLEAR_CITY_POPULATION 100000 /* a city this big that dwarfs its homonyms abroad is itself */

#define ALT_VILLAGE_POPULATION 20000

/* 1 when the mention is p's own name (not one of its alternates), by the
 * loose key: "Deir Ezzor" is Deir ez-Zor's, "Gara" is not Gorjani's. */
static int own_name(const char *s, const struct gaz_mention *m, const struct gaz_place *p)
{
	char k1[64], k2[64];
	size_t n1 = fold_name_loose(s + m->start, m->end - m->start, k1, sizeof k1);
	size_t n2 = fold_name_loose(p->name, strlen(p->name), k2, sizeof k2);
	return n1 > 0 && n1 == n2 && memcmp(k1, k2, n1) == 0;
}

/* 1 when m is written as an administrative unit ("Bethlehem district",
 * "in Hama province") and p, a province or district, is the only unit of
 * that name in any country: the towns of that name abroad are no rivals. */
static int admin_named(const struct gazetteer *g, const struct gaz_mention *m, const struct gaz_place *p)
{
	if (m->cue != GAZ_CUE_ADMIN || (p->kind != GAZ_ADMIN1 && p->kind != GAZ_ADMIN2))
		return 0;
	for (size_t i = 0; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *q = gazetteer_place(g, m->cand[i]);
		if (q && memcmp(q->country_code, p->country_code, 2) != 0 &&
		    (q->kind == GAZ_ADMIN1 || q->kind == GAZ_ADMIN2))
			return 0;
	}
	return 1;
}

/* The place m surely names, when its first candidate is a province, or a
 * district or town with no homonym abroad, or a city that dwarfs every
 * homonym abroad tenfold ("Sidon" against a hamlet of Mississippi); else
 * NULL.  "Tripoli" (Libya) does not dwarf Tripoli (Lebanon). */
static const struct gaz_place *clear_place(const struct gazetteer *g, const char *s,
                                           const struct gaz_mention *m)
{
	const struct gaz_place *p = m->n_cand ? gazetteer_place(g, m->cand[0]) : NULL;
	if (!p || p->kind == GAZ_COUNTRY)
		return NULL;
	/* by its own name: an alternate name ("Shevchenko" for Aktau) is a
	 * homonym's as often as the place's */
	if (!own_name(s, m, p))
		return NULL;
	if (admin_named(g, m, p))
		return p;
	int big = p->kind == GAZ_POPULATED && p->population >= CLEAR_CITY_POPULATION;
	for (size_t i = 1; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *q = gazetteer_place(g, m->cand[i]);
		if (!q || !memcmp(q->country_code, p->country_code, 2))
			continue;
		if (!big || q->kind == GAZ_ADMIN1 || q->kind == GAZ_COUNTRY ||
		    (uint64_t)q->population * 10 > p->population)
			return NULL;
	}
	return p;
}

/* 1 when some candidate of m is named by the mention's own words, not by
 * one of its alternates. */
static int any_own_name(const struct gazetteer *g, const char *s, const struct gaz_mention *m)
{
	for (size_t i = 0; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *p = gazetteer_place(g, m->cand[i]);
		if (p && own_name(s, m, p))
			return 1;
	}
	return 0;
}

/* 1 when a candidate of m outside country cc bears m's text as its own name. */
static int own_name_abroad(const struct gazetteer *g, const char *s, const struct gaz_mention *m,
                           const char *cc)
{
	for (size_t i = 0; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *p = gazetteer_place(g, m->cand[i]);
		if (p && memcmp(p->country_code, cc, 2) != 0 && own_name(s, m, p))
			return 1;
	}
	return 0;
}

/* b's first province candidate outside country cc (NULL when none). */
static const struct gaz_place *province_abroad(const struct gazetteer *g, const struct gaz_mention *b,
                                               const char *cc)
{
	for (size_t j = 0; j < b->n_cand && j < GAZ_MAX_CANDIDATES; j++) {
		const struct gaz_place *p = gazetteer_place(g, b->cand[j]);
		if (p && p->kind == GAZ_ADMIN1 && memcmp(p->country_code, cc, 2) != 0)
			return p;
	}
	return NULL;
}

/* 1 when a possessive "'s" follows byte e ("Mexico's", "Mexico 's"): the
 * name owns what follows. */
static int possessive_at(const char *s, size_t len, size_t e)
{
	if (e < len && s[e] == ' ')
		e++;
	return e + 1 < len && s[e] == '\'' && (s[e + 1] == 's' || s[e + 1] == 'S');
}

/* Moves place id to the front of m's candidates, the others in their order. */
static void first_candidate(struct gaz_mention *m, uint32_t id)
{
	size_t k = 0;
	while (k < m->n_cand && k < GAZ_MAX_CANDIDATES && m->cand[k] != id)
		k++;
	if (k == m->n_cand || k == GAZ_MAX_CANDIDATES)
		return;
	memmove(&m->cand[1], &m->cand[0], k * sizeof m->cand[0]);
	m->cand[0] = id;
}

/* A large city abroad (LINK_TOWN_POPULATION or more) whose own name m is
 * ("Gaza": a province of Mozambique and the city of Gaza), or NULL. */
static const struct gaz_place *city_abroad(const struct gazetteer *g, const char *s,
                                           const struct gaz_mention *m, const char *cc)
{
	for (size_t j = 0; j < m->n_cand && j < GAZ_MAX_CANDIDATES; j++) {
		const struct gaz_place *p = gazetteer_place(g, m->cand[j]);
		if (p && p->kind == GAZ_POPULATED && memcmp(p->country_code, cc, 2) != 0 &&
		    p->population >= LINK_TOWN_POPULATION && own_name(s, m, p))
			return p;
	}
	return NULL;
}

/* 1 when every candidate of a is a modest town or region, none a country. */
static int all_modest(const struct gazetteer *g, const struct gaz_mention *a)
{
	for (size_t i = 0; i < a->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *p = gazetteer_place(g, a->cand[i]);
		if (!p || p->kind == GAZ_COUNTRY || p->population >= LINK_TOWN_POPULATION)
			return 0;
	}
	return a->n_cand > 0;
}

/* A place named with the province or district that holds it is the
 * homonym in that province: narrow both mentions to the pair that fits
 * best.  Returns the link's strength (0 when none). */
static int link_mentions(const struct gazetteer *g, const char *s, struct gaz_mention *a,
                         struct gaz_mention *b)
{
	int b_admin = b->cue == GAZ_CUE_ADMIN;
	for (size_t j = 0; j < b->n_cand && j < GAZ_MAX_CANDIDATES && !b_admin; j++) {
		const struct gaz_place *p = gazetteer_place(g, b->cand[j]);
		b_admin = p && p->kind == GAZ_ADMIN1;
	}
	if (b->start < a->end || !link_gap(s + a->end, b->start - a->end, b_admin))
		return 0;
	/* "Sucre municipality in Caracas": when the name is a large city's
	 * own, a small town that merely lists it among its alternates
	 * (Bahia de Caraquez) is no container to pair with. */
	int b_big = 0;
	for (size_t j = 0; j < b->n_cand && j < GAZ_MAX_CANDIDATES && !b_big; j++) {
		const struct gaz_place *p = gazetteer_place(g, b->cand[j]);
		b_big = p && p->kind == GAZ_POPULATED && p->population >= CLEAR_CITY_POPULATION &&
		        own_name(s, b, p);
	}
	int best = 0;
	size_t bi = 0, bj = 0;
	for (size_t i = 0; i < a->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *pa = gazetteer_place(g, a->cand[i]);
		for (size_t j = 0; pa && j < b->n_cand && j < GAZ_MAX_CANDIDATES; j++) {
			const struct gaz_place *pb = gazetteer_place(g, b->cand[j]);
			if (pb && b_big && pb->kind == GAZ_POPULATED && !own_name(s, b, pb))
				continue;
			int sc = pb ? link_score(pa, pb) : 0;
			if (sc > best || (sc == best && sc > 0 && i + j < bi + bj)) {
				best = sc;
				bi = i;
				bj = j;
			}
		}
	}
	if (best == 0) {
		/* "Maan town in Hama countryside": no Maan the gazetteer knows
		 * lies in Hama's country, and every one is a modest town or a
		 * province: the place is one it lacks, inside that province. */
		const struct gaz_place *prov = NULL;
		for (size_t j = 0; j < b->n_cand && j < GAZ_MAX_CANDIDATES && !prov; j++) {
			const struct gaz_place *p = gazetteer_place(g, b->cand[j]);
			if (p && p->kind == GAZ_ADMIN1)
				prov = p;
		}
		/* "Ilya intersection in Sidon", "Zap (Amadiya)": a town that
		 * surely names its country holds the place as a province does. */
		int strict = strict_gap(s + a->end, b->start - a->end);
		if (!prov && strict)
			prov = clear_place(g, s, b);
		/* "Batgran sector (Baramulla district, J&K)": a name that is only
		 * an alternate of a city abroad, however large, is a place of the
		 * province its container names */
		if (!prov || !(all_modest(g, a) || (strict && !any_own_name(g, s, a))))
			return 0;
		a->n_cand = 0;
		narrow_mention(g, b, prov->country_code, prov->id);
		return 2;
	}
	const struct gaz_place *pa = gazetteer_place(g, a->cand[bi]);
	const struct gaz_place *pb = gazetteer_place(g, b->cand[bj]);
	char cc[3] = {pa->country_code[0], pa->country_code[1], '\0'};
	/* "Nogales (Valparaiso)", "El Alto, La Paz": a pair that merely shares
	 * a country (two towns of unrelated provinces) is a coincidence of
	 * homonyms when the second name is a province elsewhere; the writer
	 * named the province, and the place is one the gazetteer lacks. */
	const struct gaz_place *far =
	    best == 1 && pb->kind == GAZ_POPULATED ? province_abroad(g, b, cc) : NULL;
	if (far && pa->kind != GAZ_COUNTRY && pb->population < LINK_TOWN_POPULATION) {
		a->n_cand = 0;
		narrow_mention(g, b, far->country_code, far->id);
		return 2;
	}
	if (best == 1) {
		/* "Bohdanivka, Donetsk" where every Bohdanivka the gazetteer
		 * knows is a village in another province: the place is one it
		 * lacks, inside that province. */
		const struct gaz_place *prov = NULL;
		for (size_t j = 0; j < b->n_cand && j < GAZ_MAX_CANDIDATES && !prov; j++) {
			const struct gaz_place *p = gazetteer_place(g, b->cand[j]);
			if (p && p->kind == GAZ_ADMIN1 && !memcmp(p->country_code, cc, 2))
				prov = p;
		}
		int villages = prov != NULL;
		for (size_t i = 0; i < a->n_cand && i < GAZ_MAX_CANDIDATES && villages; i++) {
			const struct gaz_place *p = gazetteer_place(g, a->cand[i]);
			villages = p && (memcmp(p->country_code, cc, 2) != 0 ||
			                 (p->kind == GAZ_POPULATED && p->population < LINK_TOWN_POPULATION));
		}
		if (villages) {
			a->n_cand = 0;
			narrow_mention(g, b, cc, prov->id);
			return 2;
		}
	}
	narrow_mention(g, a, cc, pa->id);
	narrow_mention(g, b, cc, pb->id);
	return best;
}

/* 1 when every candidate of m lies in one country (written to cc). */
static int one_country(const struct gazetteer *g, const struct gaz_mention *m, char cc[3])
{
	cc[0] = '\0';
	for (size_t i = 0; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *p = gazetteer_place(g, m->cand[i]);
		if (!p || !p->country_code[0])
			return 0;
		if (!cc[0])
			memcpy(cc, p->country_code, 2);
		else if (memcmp(cc, p->country_code, 2) != 0)
			return 0;
	}
	cc[2] = '\0';
	return cc[0] != '\0';
}

#define CTX_MAX_CODES    16
#define CTX_MAX_DEMONYMS 256 /* capitalised words looked up as demonyms */

struct country_tally {
	size_t n;
	char codes[CTX_MAX_CODES][3];
	unsigned strong[CTX_MAX_CODES], weak[CTX_MAX_CODES];
};

/* The slot of country cc in t, added when new; CTX_MAX_CODES when full. */
static size_t tally_slot(struct country_tally *t, const char *cc)
{
	size_t j = 0;
	while (j < t->n && memcmp(t->codes[j], cc, 2) != 0)
		j++;
	if (j == t->n && t->n < CTX_MAX_CODES) {
		memcpy(t->codes[j], cc, 2);
		t->codes[j][2] = '\0';
		t->n++;
	}
	return j;
}

static void ctx_add_admin1(struct gaz_context *ctx, const struct gaz_place *p)
{
	for (size_t a = 0; a < ctx->n_admin1; a++)
		if (ctx->admin1[a] == p->id)
			return;
	if (ctx->n_admin1 < 8)
		ctx->admin1[ctx->n_admin1++] = p->id;
}

static size_t name_at(const char *s, size_t i, size_t end);
static int name_byte(unsigned char c);
static int word_before(const char *s, size_t lo, size_t i, const char *w);
static int word_in(const char *w, size_t n, const char *const *list);

static int word_after(const char *s, size_t e, size_t end, const char *const *list, size_t *wend);

/* 1 when a country's name or demonym at s[b..e) names a border: "the
 * Nigerian border", "the border with Nigeria".  Such a story happens near
 * that country, as often on the other side as in it. */
static int names_a_border(const char *s, size_t len, size_t b, size_t e)
{
	static const char *const border[] = {"border", "borders", "frontier", "border-line", NULL};
	size_t we;
	if (word_after(s, e, len, border, &we))
		return 1;
	if (!word_before(s, 0, b, "with") || b < 6)
		return 0;
	size_t w = b - 6; /* the word before " with " ends here */
	size_t v = w;
	while (v > 0 && name_byte((unsigned char)s[v - 1]))
		v--;
	return v < w && word_in(s + v, w - v, border);
}

/* 1 when the demonym ending at s[e] says which country a place lies in:
 * "the Cameroonian town of Fotokol", "the Armenian resort town of Jermuk",
 * as surely as the country's name would. */
static int names_a_place(const char *s, size_t len, size_t e)
{
	static const char *const unit[] = {"town",   "village", "city", "district", "province",
	                                   "region", "state",   "port", "capital",  NULL};
	size_t we, k = e;
	for (int words = 0; words < 2; words++) {
		if (word_after(s, k, len, unit, &we))
			return we + 4 <= len && !strncmp(s + we, " of ", 4);
		if (k + 1 >= len || s[k] != ' ' || !(s[k + 1] >= 'a' && s[k + 1] <= 'z'))
			return 0;
		k++; /* over one lowercase word ("resort", "border") */
		while (k < len && name_byte((unsigned char)s[k]))
			k++;
	}
	return 0;
}

/* "near Verkhnia Tykha, Luhansk": a province written after a name the
 * gazetteer does not know is the province, not its homonym city. */
static void province_after_name(const struct gazetteer *g, const char *s, struct gaz_mention *m,
                                const struct gaz_mention *prev)
{
	size_t b = m->start;
	if (b < 4 || s[b - 1] != ' ' || s[b - 2] != ',')
		return;
	size_t e = b - 2, w = e;
	while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '(')
		w--;
	/* "Tapa Kuhna district, Ghazni": back over the unit's word to its name */
	static const char *const unit[] = {"district", "county", "municipality", "village", "town", NULL};
	if (w >= 2 && s[w - 1] == ' ' && word_in(s + w, e - w, unit)) {
		e = w - 1;
		w = e;
		while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '(')
			w--;
	}
	/* back over the name's earlier words ("Verkhnia Tykha") */
	for (size_t k = 0; k < 4 && w >= 2 && s[w - 1] == ' '; k++) {
		size_t v = w - 1;
		while (v > 0 && s[v - 1] != ' ' && s[v - 1] != '(')
			v--;
		if (name_at(s, v, e) != e)
			break;
		w = v;
	}
	if (name_at(s, w, e) != e || (prev && prev->end > w))
		return;
	/* the province of the name's first place's country: "Lume, Beni
	 * territory" is Congo's Beni, not a department of Bolivia */
	const struct gaz_place *prov = NULL, *first = m->n_cand ? gazetteer_place(g, m->cand[0]) : NULL;
	for (size_t j = 0; j < m->n_cand && j < GAZ_MAX_CANDIDATES && !prov; j++) {
		const struct gaz_place *p = gazetteer_place(g, m->cand[j]);
		if (p && p->kind == GAZ_ADMIN1 && !memcmp(p->country_code, first->country_code, 2))
			prov = p;
	}
	if (prov)
		narrow_mention(g, m, prov->country_code, prov->id);
}

/* 1 when a capitalised word other than a place word ("Province",
 * "City", "District") follows s[e] after one space. */
static int longer_name_after(const char *s, size_t len, size_t e)
{
	if (e + 2 >= len || s[e] != ' ' || s[e + 1] < 'A' || s[e + 1] > 'Z')
		return 0;
	size_t k = e + 1;
	while (k < len && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z')))
		k++;
	return !link_word(s + e + 1, k - e - 1);
}

/* 1 when a facility noun in lower case follows s[e] after one space: "Los
 * Angeles cemetery", "Kabul university" name a building or ground called
 * after a place, which may lie anywhere. */
static int facility_after(const char *s, size_t len, size_t e)
{
	static const char *const facility[] = {
	    "cemetery", "cemeteries", "hospital",  "clinic", "school",  "university", "college",    "stadium",
	    "mosque",   "church",     "temple",    "prison", "jail",    "hotel",      "restaurant", "cafe",
	    "street",   "avenue",     "boulevard", "mall",   "factory", "company",    "bank",       NULL};
	if (e + 2 >= len || s[e] != ' ' || s[e + 1] < 'a' || s[e + 1] > 'z')
		return 0;
	size_t k = e + 1;
	while (k < len && s[k] >= 'a' && s[k] <= 'z')
		k++;
	return word_in(s + e + 1, k - e - 1, facility);
}

/* 1 when a capitalised word and a particle stand right before s[b]: "Garita
 * de Lima", "Plaza de Bolivar" name a square or a street, wherever it is. */
static int longer_name_before(const char *s, size_t b)
{
	static const char *const particle[] = {"de", "del", "da", "do", "dos", "das", NULL};
	if (b < 6 || s[b - 1] != ' ')
		return 0;
	size_t e = b - 1, w = e;
	while (w > 0 && s[w - 1] >= 'a' && s[w - 1] <= 'z')
		w--;
	if (w == e || !word_in(s + w, e - w, particle) || w < 3 || s[w - 1] != ' ')
		return 0;
	size_t v = w - 1;
	while (v > 0 && name_byte((unsigned char)s[v - 1]))
		v--;
	return v < w - 1 && s[v] >= 'A' && s[v] <= 'Z';
}

#define CTX_DOMINANT_POP 500000 /* a city that big, named alone, is that city */

/* 1 when p is a large city that dwarfs every homonym abroad (Damascus,
 * Syria against Damascus, Maryland): its name says which country as surely
 * as a province's does.  Tripoli, Libya does not dwarf Tripoli, Lebanon. */
static int dominant_city(const struct gazetteer *g, const char *s, const struct gaz_mention *m,
                         const struct gaz_place *p)
{
	if (p->kind != GAZ_POPULATED || p->population < CTX_DOMINANT_POP)
		return 0;
	for (size_t i = 0; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *q = gazetteer_place(g, m->cand[i]);
		/* a rival known by the name only as an alternate (Libya's Al
		 * Khums, "Homs") must match the city's size to cast doubt */
		if (q && q != p && memcmp(q->country_code, p->country_code, 2) != 0 &&
		    (q->kind == GAZ_ADMIN1 ||
		     (uint64_t)q->population * (own_name(s, m, q) ? 10 : 1) > p->population))
			return 0;
	}
	return 1;
}

/* Demonyms count like actors: "a Palestinian", "Lebanese protesters".
 * Capitalised words outside place and actor mentions, a bounded number. */
static void count_demonyms(const struct extractor *ex, const char *s, size_t len, struct country_tally *t)
{
	const struct gazetteer *g = ex->data->gaz;
	size_t pi = 0, ai = 0, looked = 0;
	for (size_t i = 0; (i = ascii_find_upper(s, i, len)) < len && looked < CTX_MAX_DEMONYMS; i++) {
		/* A capital inside a word begins none: the rest of the word is
		 * passed at once (in capitals, every letter is one). */
		if (i > 0 && name_byte((unsigned char)s[i - 1])) {
			while (i < len && name_byte((unsigned char)s[i]))
				i++;
			continue;
		}
		size_t e = i + 1;
		while (e < len && s[e] >= 'a' && s[e] <= 'z')
			e++;
		/* "Palestinian-owned": the demonym before a hyphen counts. */
		if (e - i < 5 || e - i > 20 || (e < len && s[e] != '-' && name_byte((unsigned char)s[e]))) {
			for (i = e; i < len && name_byte((unsigned char)s[i]);)
				i++;
			continue;
		}
		while (pi < ex->n_ctx_places && ex->ctx_places[pi].end <= i)
			pi++;
		while (ai < ex->n_ctx_actors && ex->ctx_actors[ai].end <= i)
			ai++;
		if ((pi < ex->n_ctx_places && ex->ctx_places[pi].start < e) ||
		    (ai < ex->n_ctx_actors && ex->ctx_actors[ai].start < e)) {
			i = e;
			continue;
		}
		looked++;
		size_t n = e - i;
		if (s[e - 1] == 's' && s[e - 2] == 'n')
			n--; /* "Palestinians" */
		const struct gaz_place *c = gazetteer_country_by_name(g, s + i, n);
		if (c && c->country_code[0]) {
			size_t j = tally_slot(t, c->country_code);
			if (j < t->n) {
				if (names_a_border(s, len, i, e))
					t->weak[j] += 1; /* "close to the Nigerian border" */
				else
					t->strong[j] += names_a_place(s, len, e) ? 5 : 2;
			}
		}
		i = e;
	}
}

/* 1 when every word of name is a compass word or a common geographic
 * noun: a region so named ("West Coast", "Upper River", "Lakes") is
 * written the same way about any country. */
static int common_words_name(const char *name)
{
	static const char *const common[] = {
	    "north",     "south",      "east",       "west",       "northern",   "southern",
	    "eastern",   "western",    "central",    "northeast",  "northwest",  "southeast",
	    "southwest", "north-east", "north-west", "south-east", "south-west", "upper",
	    "lower",     "middle",     "coast",      "coastal",    "highlands",  "lakes",
	    "lake",      "islands",    "island",     "river",      "mountain",   "mountains",
	    "plateau",   "capital",    "valley",     "border",     "interior",   NULL};
	size_t words = 0;
	for (const char *w = name; *w;) {
		size_t n = strcspn(w, " ");
		if (!word_in(w, n, common))
			return 0;
		words++;
		w += n;
		w += *w == ' ';
	}
	return words > 0;
}

#define CTX_MAX_OPPONENTS 8  /* "anti-X" words looked up per article */
#define CTX_OPPONENT_SPAN 48 /* bytes after "anti-" an actor's name may take */

/* "the anti-Houthi committee", "anti-Taliban forces": the actor named
 * after "anti-" is no actor of the event, but those who oppose it
 * act in its country, which counts as its own actors' do. */
static void count_opponents(struct extractor *ex, const char *s, size_t len, struct country_tally *t)
{
	size_t looked = 0;
	for (const char *p = s; looked < CTX_MAX_OPPONENTS && (p = memchr(p, '-', len - (size_t)(p - s)));
	     p++) {
		size_t at = (size_t)(p - s);
		if (at < 4 || at + 2 >= len || strncasecmp(s + at - 4, "anti", 4) != 0 ||
		    (at > 4 && name_byte((unsigned char)s[at - 5])) || s[at + 1] < 'A' || s[at + 1] > 'Z')
			continue;
		looked++;
		size_t n = len - at - 1 < CTX_OPPONENT_SPAN ? len - at - 1 : CTX_OPPONENT_SPAN;
		struct actor_mention am;
		if (actors_scan(ex->data->actors, s + at + 1, n, &am, 1) != 1 || am.start != 0 ||
		    !am.country_code[0] || (am.flags & ACTOR_F_COALITION))
			continue;
		size_t j = tally_slot(t, am.country_code);
		if (j < t->n)
			t->strong[j] += 2;
	}
}

/* Countries and provinces the article names, most frequent first.  A
 * country or province named outright, a town whose every homonym lies in
 * one country, a place named with the province that holds it, and the
 * actors' countries are strong evidence; a town with homonyms abroad is
 * weak evidence, used only when nothing strong names a country.  A country
 * with a single weak mention beside a much better attested one is left out:
 * its town is a homonym. */
static void build_context(struct extractor *ex, const char *s, size_t len, size_t dateline_place_end,
                          struct gaz_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ex->ctx_by_places = 0;
	const struct gazetteer *g = ex->data->gaz;
	size_t n = gazetteer_scan(g, s, len, ex->ctx_places, EXTRACT_MAX_CONTEXT_PLACES);
	ex->n_ctx_places = n;
	struct country_tally t;
	memset(&t, 0, sizeof t);
	unsigned char linked[EXTRACT_MAX_CONTEXT_PLACES];
	memset(linked, 0, n);
	/* Right to left: "Rafah (Rafah, North Sinai)" settles the inner
	 * Rafah by North Sinai before the outer one by the inner. */
	for (size_t i = 0; i < n; i++) {
		/* workers at "Bayan" company: a name in quotes names a thing */
		struct gaz_mention *m = &ex->ctx_places[i];
		if (m->start > 0 && m->end < len && s[m->start - 1] == '"' && s[m->end] == '"')
			m->n_cand = 0;
		province_after_name(g, s, m, i ? &ex->ctx_places[i - 1] : NULL);
	}
	size_t na = actors_scan(ex->data->actors, s, len, ex->ctx_actors, EXTRACT_MAX_CONTEXT_ACTORS);
	ex->n_ctx_actors = na;
	for (size_t i = n; i-- > 1;) {
		struct gaz_mention *a = &ex->ctx_places[i - 1], *b = &ex->ctx_places[i];
		if (link_mentions(g, s, a, b) < 2)
			continue;
		/* "Gara (Chiya-e Gara)": a name repeated is no province; it is
		 * linked only through what the inner one was linked to. */
		int same = a->n_cand && b->n_cand && a->cand[0] == b->cand[0];
		if (!same || linked[i])
			linked[i - 1] = linked[i] = 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct gaz_mention *m = &ex->ctx_places[i];
		const struct gaz_place *p = gazetteer_resolve(g, m, NULL);
		char cc[3];
		int single = one_country(g, m, cc);
		if (linked[i] && !p && m->n_cand)
			p = gazetteer_place(g, m->cand[0]);
		if (!p) {
			/* A village whose every homonym lies in one country hints at it. */
			if (single && m->cue != GAZ_CUE_NONE) {
				size_t j = tally_slot(&t, cc);
				if (j < t.n)
					t.weak[j] += 1;
			}
			continue;
		}
		if (!p->country_code[0])
			continue;
		size_t j = tally_slot(&t, p->country_code);
		if (j >= t.n)
			continue;
		/* A village known abroad by an alternate name ("Gara" for a
		 * Croatian Gorjani) says little about the story's country. */
		if (single && !linked[i] && p->kind == GAZ_POPULATED &&
		    p->population < ALT_VILLAGE_POPULATION && !own_name(s, m, p)) {
			t.weak[j] += 1;
			continue;
		}
		/* "Samar" is Samara's alternate and a Philippine province's own
		 * name: a place reached by an alternate while another bears the
		 * name as its own says little about the story's country. */
		if (!linked[i] && p->kind == GAZ_POPULATED && !own_name(s, m, p) &&
		    own_name_abroad(g, s, m, p->country_code)) {
			t.weak[j] += 1;
			continue;
		}
		/* "Colonia Los Pinos", "San Juan Bautista School": a name that
		 * only begins a longer one is no place of its own unless it is
		 * unambiguous. */
		if (!single && !linked[i] &&
		    ((longer_name_after(s, len, m->end) && !dominant_city(g, s, m, p)) ||
		     facility_after(s, len, m->end) || longer_name_before(s, m->start))) {
			t.weak[j] += 1;
			continue;
		}
		/* "Rafi LGA (Niger)": a country's name that is also a province
		 * of another country ("Niger" State of Nigeria) names neither
		 * surely. */
		if (p->kind == GAZ_COUNTRY && !linked[i] && province_abroad(g, m, p->country_code)) {
			t.weak[j] += 1;
			continue;
		}
		/* "Al Jawf" is a province of Yemen and of Saudi Arabia: a name
		 * that several countries give a province says none of them; nor
		 * does one that is a large city's own name abroad ("Gaza"), nor
		 * one made of common words ("the West Coast", "Lakes"). */
		if (p->kind == GAZ_ADMIN1 && !linked[i] &&
		    (province_abroad(g, m, p->country_code) || city_abroad(g, s, m, p->country_code) ||
		     common_words_name(p->name))) {
			/* Unless the text calls it a province, the large city is
			 * the likelier of the two ("killed in Gaza", "an attack in
			 * Beni"): its country is hinted at, and the name means the
			 * city where the story's countries do not choose. */
			static const char *const admin_unit[] = {
			    "province",   "department", "state",  "region", "governorate", "territory",
			    "prefecture", "county",     "oblast", "wilaya", "district",    NULL};
			size_t we;
			const struct gaz_place *c = province_abroad(g, m, p->country_code) ||
			                                    m->cue == GAZ_CUE_ADMIN ||
			                                    word_after(s, m->end, len, admin_unit, &we)
			                                ? NULL
			                                : city_abroad(g, s, m, p->country_code);
			size_t jc = c ? tally_slot(&t, c->country_code) : j;
			t.weak[jc < t.n ? jc : j] += 1;
			if (c)
				first_candidate(&ex->ctx_places[i], c->id);
			continue;
		}
		/* "a truce brokered by the United States", "an attack condemned
		 * by France": the agent of a passive says nothing of where the
		 * story happens */
		if (p->kind == GAZ_COUNTRY && frames_agent_by_before(s, 0, m->start) &&
		    !possessive_at(s, len, m->end) && !longer_name_after(s, len, m->end))
			continue;
		/* "migrants from Afghanistan", "people who came from Syria": where
		 * someone came from is no evidence of where the story happens;
		 * nor is a border ("near the border with Nigeria") */
		if (p->kind == GAZ_COUNTRY &&
		    (word_before(s, 0, m->start, "from") || names_a_border(s, len, m->start, m->end))) {
			t.weak[j] += 1;
			continue;
		}
		/* "Russia launched missiles at Kyiv": a country named as the
		 * subject is an actor, its forces; its country counts as an
		 * actor's does, and no place of the story */
		if (p->kind == GAZ_COUNTRY && m->end - m->start == strlen(p->name) &&
		    frames_name_is_subject(s, 0, len, m->start, m->end)) {
			t.strong[j] += 2;
			continue;
		}
		if (p->kind == GAZ_COUNTRY || p->kind == GAZ_ADMIN1 || single || linked[i] ||
		    dominant_city(g, s, m, p)) {
			t.strong[j] +=
			    p->kind == GAZ_COUNTRY                                                    ? 5
			    : p->kind == GAZ_ADMIN1 || (p->kind == GAZ_ADMIN2 && single) || linked[i] ? 3
			                                                                              : 1;
			/* "PORT-AU-PRINCE - ...": the city a story is filed from is
			 * where most of it happens; a lone town elsewhere that shares
			 * a name with a place of the story ("Delmas") is outweighed */
			if (m->end <= dateline_place_end && p->kind == GAZ_POPULATED)
				t.strong[j] += 2;
			ex->ctx_by_places = 1;
		} else {
			t.weak[j] += 1;
		}
		if (p->kind == GAZ_ADMIN1)
			ctx_add_admin1(ctx, p);
		else if (p->kind == GAZ_POPULATED && (single || linked[i] || dominant_city(g, s, m, p)) &&
		         ctx->n_towns < 8)
			ctx->towns[ctx->n_towns++] = p->id;
	}
	/* The actors' countries count too ("LNA soldiers", "Houthi forces"). */
	for (size_t i = 0; i < na; i++) {
		const char *cc = ex->ctx_actors[i].country_code;
		if (!cc[0] || (ex->ctx_actors[i].flags & ACTOR_F_COALITION))
			continue;
		size_t j = tally_slot(&t, cc);
		if (j < t.n)
			t.strong[j] += 2;
	}
	count_opponents(ex, s, len, &t);
	count_demonyms(ex, s, len, &t);
	unsigned *counts = t.strong;
	unsigned top = 0;
	for (size_t j = 0; j < t.n; j++)
		top = t.strong[j] > top ? t.strong[j] : top;
	/* No place or actor names a country: the words that belong to one do
	 * ("barangay", "the OSCE SMM"), read from the article's start. */
	if (!top) {
		size_t nt = text_tokens(s, 0, len, ex->cue_toks, EXTRACT_CUE_TOKENS);
		size_t nm = lexicon_match(ex->data->lex, s, ex->cue_toks, nt, ex->cue_m, EXTRACT_CUE_MATCHES);
		for (size_t i = 0; i < nm; i++) {
			if (ex->cue_m[i].entry->kind != LEX_COUNTRY)
				continue;
			size_t j = tally_slot(&t, ex->cue_m[i].entry->country);
			if (j < t.n)
				t.strong[j] += 2;
		}
		for (size_t j = 0; j < t.n; j++)
			top = t.strong[j] > top ? t.strong[j] : top;
	}
	if (!top) {
		counts = t.weak;
		for (size_t j = 0; j < t.n; j++)
			top = t.weak[j] > top ? t.weak[j] : top;
	}
	for (size_t k = 0; k < t.n && ctx->n_countries < 8; k++) {
		size_t best = 0;
		for (size_t j = 1; j < t.n; j++)
			if (counts[j] > counts[best])
				best = j;
		if (counts[best] == 0 || (counts[best] < 2 && top >= 3))
			break;
		memcpy(ctx->countries[ctx->n_countries++], t.codes[best], 3);
		counts[best] = 0;
	}
}

static void fill_location(const struct gazetteer *g, const struct gaz_place *p, int precision,
                          struct event_location *loc)
{
	loc->present = true;
	event_strlcpy(loc->name, p->name, sizeof loc->name);
	event_strlcpy(loc->admin1, p->kind == GAZ_ADMIN1 ? p->name : (p->admin1 ? p->admin1 : ""),
	              sizeof loc->admin1);
	event_strlcpy(loc->admin2, p->admin2 ? p->admin2 : "", sizeof loc->admin2);
	event_strlcpy(loc->country, p->country ? p->country : "", sizeof loc->country);
	memcpy(loc->country_code, p->country_code, 3);
	loc->country_code[2] = '\0';
	loc->has_coordinates = !(p->lat == 0.0 && p->lon == 0.0);
	loc->latitude = p->lat;
	loc->longitude = p->lon;
	loc->geo_precision = precision;
	event_strlcpy(loc->gazetteer_id, p->source_id ? p->source_id : "", sizeof loc->gazetteer_id);
	if (p->kind == GAZ_COUNTRY && g) {
		loc->admin1[0] = '\0';
		loc->geo_precision = 3;
	}
}

/* ACLED's usual actor when a report names none (ACLED Codebook: protesters
 * and rioters are coded by country; unnamed armed men as an unidentified
 * armed group, a political militia; remote violence by state forces;
 * arrests by the police). */
static void default_actor1(struct conflict_event *ev, int unknown)
{
	const char *country = ev->location.present ? ev->location.country : "";
	const char *base;
	enum actor_type t;
	switch (ev->sub_event_type) {
	case SUB_PEACEFUL_PROTEST:
	case SUB_PROTEST_WITH_INTERVENTION:
	case SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS:
		base = "Protesters";
		t = ACTOR_PROTESTERS;
		break;
	case SUB_VIOLENT_DEMONSTRATION:
	case SUB_MOB_VIOLENCE:
		base = "Rioters";
		t = ACTOR_RIOTERS;
		break;
	case SUB_ARRESTS:
		/* "were arrested" with no agent: arrests are police work */
		base = "Police Forces";
		t = ACTOR_STATE_FORCES;
		break;
	case SUB_GOVERNMENT_REGAINS_TERRITORY:
	case SUB_AIR_DRONE_STRIKE:
	case SUB_SHELLING_ARTILLERY_MISSILE_ATTACK:
	case SUB_DISRUPTED_WEAPONS_USE:
	case SUB_ARMED_CLASH:
		base = "Military Forces";
		t = ACTOR_STATE_FORCES;
		break;
	default:
		base = "Unidentified Armed Group";
		t = ACTOR_POLITICAL_MILITIA;
		break;
	}
	if (unknown && t != ACTOR_PROTESTERS && t != ACTOR_RIOTERS) {
		base = "Unidentified Armed Group";
		t = ACTOR_POLITICAL_MILITIA;
	}
	if (ev->sub_event_type == SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS) {
		base = "Police Forces";
		t = ACTOR_STATE_FORCES;
	}
	struct event_actor *a = &ev->actor1;
	a->present = true;
	a->type = t;
	char name[2 * EVENT_NAME_MAX];
	if (t == ACTOR_STATE_FORCES && country[0])
		snprintf(name, sizeof name, "%s of %s", base, country);
	else if (country[0])
		snprintf(name, sizeof name, "%s (%s)", base, country);
	else
		event_strlcpy(name, base, sizeof name);
	event_strlcpy(a->name, name, sizeof a->name);
	a->mention[0] = '\0';
	if (ev->location.present)
		memcpy(a->country_code, ev->location.country_code, 3);
}

/* "a shoot-out took place": a gun battle no side of which is named is
 * fought by unidentified armed men, where "clashes" or "fighting" with no
 * side named are mostly the army's (ACLED's convention for unknown actors) */
static int shootout_at(const char *s, uint32_t b, uint32_t e)
{
	return e - b >= 8 && !strncasecmp(s + b, "shoot", 5) &&
	       (!strncasecmp(s + b + 5, "out", 3) || !strncasecmp(s + b + 5, "-out", 4));
}

/* "died under torture in a regime prison", "died in police custody": a
 * death in detention with no one named is the detaining state's doing, as
 * ACLED codes it (the prison guards, the police). */
static int custody_in(const char *s, uint32_t b, uint32_t e)
{
	static const char *const held[] = {"custody", "detention", NULL};
	static const char *const torture[] = {"torture", "tortured", NULL};
	static const char *const prison[] = {"prison", "prisons", "jail", "cell", "cells", "lockup", NULL};
	int tortured = 0, in_prison = 0, police = 0;
	for (uint32_t i = b; i < e;) {
		while (i < e && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
			i++;
		uint32_t j = i;
		while (j < e && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))
			j++;
		if (j > i && word_in(s + i, j - i, held))
			return 1;
		/* torture alone may be a stranger's ("a body bearing signs of
		 * torture"); torture in a prison or a police station is the
		 * jailer's */
		tortured |= j > i && word_in(s + i, j - i, torture);
		in_prison |= j > i && (word_in(s + i, j - i, prison) ||
		                       (police && j - i == 7 && !strncasecmp(s + i, "station", 7)));
		police = j - i == 6 && !strncasecmp(s + i, "police", 6);
		i = j;
	}
	return tortured && in_prison;
}

/* The jailer of custody_in(): the police, or the army where the sentence
 * names a regime's or a military prison. */
static void default_jailer(struct conflict_event *ev, const char *s, uint32_t b, uint32_t e)
{
	static const char *const military[] = {"regime", "regime's", "military", "army", NULL};
	int army = 0;
	for (uint32_t i = b; i < e && !army;) {
		while (i < e && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
			i++;
		uint32_t j = i;
		while (j < e && (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') || s[j] == '\''))
			j++;
		army = j > i && word_in(s + i, j - i, military);
		i = j;
	}
	struct event_actor *a = &ev->actor1;
	const char *country = ev->location.present ? ev->location.country : "";
	a->present = true;
	a->type = ACTOR_STATE_FORCES;
	char name[2 * EVENT_NAME_MAX];
	snprintf(name, sizeof name, "%s%s%s", army ? "Military Forces" : "Police Forces",
	         country[0] ? " of " : "", country);
	event_strlcpy(a->name, name, sizeof a->name);
	a->mention[0] = '\0';
	if (ev->location.present)
		memcpy(a->country_code, ev->location.country_code, 3);
}

/* A composition without a country ("regime forces", "civilians") takes the
 * event's country: "Military Forces of Syria", "Civilians (Syria)". */
static void actor_country(const struct actor_dict *d, struct event_actor *a, unsigned flags,
                          const struct event_location *loc)
{
	if (!a->present || a->country_code[0] || !loc->present || !loc->country_code[0])
		return;
	struct actor_mention m;
	memset(&m, 0, sizeof m);
	event_strlcpy(m.name, a->name, sizeof m.name);
	m.type = a->type;
	m.flags = flags;
	if (actors_set_country(d, &m, loc->country_code) == 0) {
		event_strlcpy(a->name, m.name, sizeof a->name);
		memcpy(a->country_code, m.country_code, 3);
		a->country_code[2] = '\0';
	}
}

static void abroad(struct event_actor *a, unsigned flags, const struct event_location *loc)
{
	if (!a->present)
		return;
	if (flags & ACTOR_F_COALITION) {
		a->type = ACTOR_EXTERNAL_OTHER;
		return;
	}
	if ((a->type == ACTOR_STATE_FORCES || (flags & ACTOR_F_STATE)) && a->country_code[0] &&
	    loc->present && loc->country_code[0] && strcmp(a->country_code, loc->country_code) != 0)
		a->type = ACTOR_EXTERNAL_OTHER;
}

static int armed(enum actor_type t)
{
	return t == ACTOR_STATE_FORCES || t == ACTOR_REBEL_GROUP || t == ACTOR_POLITICAL_MILITIA ||
	       t == ACTOR_IDENTITY_MILITIA || t == ACTOR_EXTERNAL_OTHER;
}

/* The most specific place sentence sp names, outside the dateline and
 * actors' names: 1 with the place and its geo_precision. */
static int sentence_place(struct extractor *ex, const struct text_span *sp, size_t dateline_end,
                          const struct gaz_place **out, int *prec)
{
	const struct gazetteer *g = ex->data->gaz;
	const struct gaz_place *best = NULL;
	int best_rank = 0, best_prec = 3;
	for (size_t i = 0; i < ex->n_ctx_places; i++) {
		const struct gaz_mention *m = &ex->ctx_places[i];
		if (m->start < sp->start || m->end > sp->end || m->end <= dateline_end)
			continue;
		int inside = 0;
		for (size_t a = 0; a < ex->n_ctx_actors && !inside; a++)
			inside = m->start >= ex->ctx_actors[a].start && m->end <= ex->ctx_actors[a].end;
		if (inside)
			continue;
		const struct gaz_place *p = gazetteer_resolve(g, m, &ex->gctx);
		if (!p)
			continue;
		int rank = p->kind == GAZ_POPULATED || p->kind == GAZ_TERRAIN ? 4
		           : p->kind == GAZ_ADMIN2                            ? 3
		           : p->kind == GAZ_ADMIN1                            ? 2
		                                                              : 1;
		if (rank > best_rank) {
			best_rank = rank;
			best = p;
			best_prec = rank == 4 ? (m->cue == GAZ_CUE_NEAR ? 2 : 1) : rank == 3 ? 2 : 3;
		}
	}
	*out = best;
	*prec = best_prec;
	return best != NULL;
}

/* The place the narrative last named, for a frame whose sentence names
 * none ("On 5 May, in Sorocaba, police went to ... A shoot-out broke out."):
 * the most specific place of the nearest earlier sentence that has one,
 * at most two sentences back.  With none, the next sentence's place when
 * that sentence tells no event of its own ("... set fire to a vehicle. The
 * incident occurred in Thessaloniki.").  Places in the dateline or inside
 * an actor's name do not count. */
static int narrative_place(struct extractor *ex, size_t sent, size_t dateline_end, size_t ns,
                           const struct frame *frames, size_t nf, struct frame *f)
{
	const struct gaz_place *best = NULL;
	int prec = 3;
	int found = 0;
	for (size_t back = 1; back <= 2 && back <= sent && !found; back++)
		found = sentence_place(ex, &ex->sents[sent - back], dateline_end, &best, &prec);
	if (!found && sent + 1 < ns) {
		int told = 0;
		for (size_t k = 0; k < nf && !told; k++)
			told = frames[k].sent == sent + 1 && frames[k].role == FRAME_EVENT;
		if (!told)
			found = sentence_place(ex, &ex->sents[sent + 1], dateline_end, &best, &prec);
	}
	if (!found)
		return 0;
	f->has_place = true;
	f->place_id = best->id;
	f->place_kind = best->kind;
	f->geo_precision = prec;
	return 1;
}

/* Places the gazetteer lacks.  ACLED codes the village, hamlet or district
 * a report names ("near Stara Balka", "in Tapa Kuhna district", "located at
 * <village>, <district>"); GeoNames cities500 has no place under 500 people and
 * few districts.  When an event's sentences place it only in a province or
 * a country, a name the wording marks as a place is kept as the event's
 * location name, with the province, country and coordinates of the region
 * that holds it (geo_precision 2: somewhere in that region). */
#define NAME_MAX_WORDS 4

static int upper_at(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char)s[i];
	return i < end && ((c >= 'A' && c <= 'Z') || c >= 0xC0);
}

static int name_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '\'' || c >= 0x80;
}

static int word_in(const char *w, size_t n, const char *const *list)
{
	if (n == 0)
		return 0;
	/* equal letters agree in every bit but 0x20: most entries fail here */
	unsigned char c0 = (unsigned char)w[0] | 0x20;
	for (size_t i = 0; list[i]; i++)
		if (((unsigned char)list[i][0] | 0x20) == c0 && strlen(list[i]) == n &&
		    strncasecmp(list[i], w, n) == 0)
			return 1;
	return 0;
}

/* Words that begin capitalised phrases that are not places. */
static const char *const not_place[] = {
    "The",          "A",        "An",        "This",     "That",       "These",    "Those",    "His",
    "Her",          "Their",    "Its",       "On",       "In",         "At",       "Near",     "Around",
    "Military",     "Police",   "Security",  "Islamic",  "Government", "Army",     "Forces",   "Unknown",
    "Unidentified", "North",    "South",     "East",     "West",       "Northern", "Southern", "Eastern",
    "Western",      "Central",  "January",   "February", "March",      "April",    "May",      "June",
    "July",         "August",   "September", "October",  "November",   "December", "Monday",   "Tuesday",
    "Wednesday",    "Thursday", "Friday",    "Saturday", "Sunday",     "Mr",       "Ms",       "Dr",
    "President",    "Minister", "General",   "Colonel",  "Source",     "Sources",  "Several",  "Some",
    "According",    "No",       "One",       "Two",      "OSCE",       "SMM",      "UN",       "US",
    NULL,
};

/* Days and months end a name ("... University Wednesday"). */
static const char *const time_word[] = {
    "January",   "February",  "March",   "April",    "May",      "June",   "July",
    "August",    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday",  "Friday",  "Saturday", "Sunday",   NULL,
};

/* Lower-case words inside a name: "Khabb wa ash Shaaf", "Leon de los Aldama". */
static const char *const name_particle[] = {
    "al", "el",  "as", "ash", "ad",  "an", "ar", "at", "az", "wa",
    "de", "del", "la", "los", "das", "do", "da", "di", "of", NULL,
};

/* word_in() for the three lists name_at() asks about every capitalised
 * word: each list's words in a small hash by their bytes with the 0x20 bit
 * set, which equal words under strncasecmp() share, so one probe chain
 * holds every candidate and the answer is word_in()'s.  Built once per
 * process. */
#define WORDSET_SLOTS 256 /* power of two, >= 2x the longest list (checked below) */

struct wordset {
	const char *const *list;
	uint8_t slot[WORDSET_SLOTS]; /* list index + 1; 0 empty */
};

_Static_assert(sizeof(not_place) / sizeof(not_place[0]) <= WORDSET_SLOTS / 2,
               "not_place outgrows its wordset");
_Static_assert(sizeof(time_word) / sizeof(time_word[0]) <= WORDSET_SLOTS / 2,
               "time_word outgrows its wordset");
_Static_assert(sizeof(name_particle) / sizeof(name_particle[0]) <= WORDSET_SLOTS / 2,
               "name_particle outgrows its wordset");

static struct wordset ws_not_place = {not_place, {0}}, ws_time_word = {time_word, {0}},
                      ws_name_particle = {name_particle, {0}};
static pthread_once_t ws_once = PTHREAD_ONCE_INIT;

static uint32_t ws_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ ((unsigned char)w[i] | 0x20)) * 16777619u;
	return h & (WORDSET_SLOTS - 1);
}

static void ws_fill(struct wordset *ws)
{
	for (size_t i = 0; ws->list[i]; i++) { /* at most WORDSET_SLOTS / 2 words: a slot stays empty */
		uint32_t h = ws_hash(ws->list[i], strlen(ws->list[i]));
		while (ws->slot[h])
			h = (h + 1) & (WORDSET_SLOTS - 1);
		ws->slot[h] = (uint8_t)(i + 1);
	}
}

static void ws_build(void)
{
	ws_fill(&ws_not_place);
	ws_fill(&ws_time_word);
	ws_fill(&ws_name_particle);
}

static int word_in_set(const char *w, size_t n, const struct wordset *ws)
{
	if (n == 0)
		return 0;
	for (uint32_t h = ws_hash(w, n); ws->slot[h]; h = (h + 1) & (WORDSET_SLOTS - 1)) {
		const char *e = ws->list[ws->slot[h] - 1];
		if (strlen(e) == n && strncasecmp(e, w, n) == 0)
			return 1;
	}
	return 0;
}

/* A capitalised name starting at s[i]: its end, or i when none. */
static size_t name_at(const char *s, size_t i, size_t end)
{
	size_t e = i, j = i;
	unsigned words = 0;
	if (!upper_at(s, i, end))
		return i;
	pthread_once(&ws_once, ws_build);
	while (words < NAME_MAX_WORDS && j < end) {
		size_t k = j;
		while (k < end && name_byte((unsigned char)s[k]))
			k++;
		if (k == j)
			break;
		int up = upper_at(s, j, end) || (s[j] >= '0' && s[j] <= '9' && words > 0);
		if (!up && !(words > 0 && word_in_set(s + j, k - j, &ws_name_particle)))
			break;
		if (up) {
			if (words == 0 && word_in_set(s + j, k - j, &ws_not_place))
				return i;
			if (words > 0 && word_in_set(s + j, k - j, &ws_time_word))
				break; /* "Rutgers University Wednesday" */
			/* "Sufi's Shopian": a possessive is no place name */
			if (k - j > 2 && s[k - 2] == '\'' && s[k - 1] == 's')
				return i;
			e = k;
		}
		words++;
		if (k + 1 < end && s[k] == ' ')
			j = k + 1;
		else
			break;
	}
	while (e > i && (s[e - 1] == '-' || s[e - 1] == '\''))
		e--;
	return e - i > 48 ? i : e;
}

/* The word before s[i] (skipping one space), as [*ws, i-1). */
static int word_before(const char *s, size_t lo, size_t i, const char *w)
{
	size_t n = strlen(w);
	if (i < lo + n + 1 || s[i - 1] != ' ')
		return 0;
	size_t b = i - 1 - n;
	if (strncasecmp(s + b, w, n) != 0)
		return 0;
	return b == lo || !name_byte((unsigned char)s[b - 1]);
}

/* The word after s[e] (one space), when it is one of list. */
static int word_after(const char *s, size_t e, size_t end, const char *const *list, size_t *wend)
{
	if (e + 1 >= end || s[e] != ' ')
		return 0;
	size_t k = e + 1;
	while (k < end && name_byte((unsigned char)s[k]))
		k++;
	if (k == e + 1 || !word_in(s + e + 1, k - e - 1, list))
		return 0;
	*wend = k;
	return 1;
}

static const char *const settlement_after[] = {"village", "town", "hamlet", "settlement", NULL};
static const char *const district_after[] = {
    "district",  "county",  "sub-district", "subdistrict", "municipality", "area",     "camp",
    "taluka",    "taluk",   "tehsil",       "mandal",      "subdivision",  "township", "sub-county",
    "subcounty", "commune", "payam",        "woreda",      "upazila",      "locality", NULL};
static const char *const of_before[] = {"village", "town",     "area",   "outskirts", "settlement",
                                        "commune", "locality", "hamlet", NULL};

/* 1 when p lies in a country the article's context names, or the article
 * names none: a town abroad whose country the article never names is a
 * homonym ("Jabalya" in a Yemen story), not the place meant. */
static int in_context(const struct extractor *ex, const struct gaz_place *p)
{
	if (!p)
		return 0;
	if (ex->gctx.n_countries == 0 || p->kind == GAZ_COUNTRY)
		return 1;
	for (size_t c = 0; c < ex->gctx.n_countries; c++)
		if (!memcmp(ex->gctx.countries[c], p->country_code, 2))
			return 1;
	return 0;
}

/* The word before s[i], read once for the tests below: after one space,
 * the name bytes back to lo or to a byte that is none, as s[*b..i-1).
 * Returns its length, 0 when s[i - 1] is no space.  For a word w of
 * letters, word_before(s, lo, i, w) is exactly prev_is(s, *b, length, w):
 * the bytes word_before() compares are w's letters, all of them name
 * bytes. */
static size_t prev_word(const char *s, size_t lo, size_t i, size_t *b)
{
	if (i <= lo || s[i - 1] != ' ')
		return 0;
	size_t r = i - 1;
	while (r > lo && name_byte((unsigned char)s[r - 1]))
		r--;
	*b = r;
	return i - 1 - r;
}

static int prev_is(const char *s, size_t b, size_t len, const char *w)
{
	return len && ((unsigned char)s[b] | 0x20) == ((unsigned char)w[0] | 0x20) && strlen(w) == len &&
	       strncasecmp(s + b, w, len) == 0;
}

/* 1 when the word before (prev_word()) is a verb whose object is a place:
 * "shelled X", "stormed X". */
static int place_verb_before(const char *s, size_t b, size_t len)
{
	static const char *const verbs[] = {"shelled", "bombed",  "bombarded", "pounded", "stormed",
	                                    "raided",  "overran", "besieged",  "entered", NULL};
	for (size_t k = 0; verbs[k]; k++)
		if (prev_is(s, b, len, verbs[k]))
			return 1;
	return 0;
}

static int place_starts(const struct extractor *ex, size_t b)
{
	for (size_t k = 0; k < ex->n_ctx_places; k++)
		if (ex->ctx_places[k].start == b && ex->ctx_places[k].n_cand)
			return 1;
	return 0;
}

/* 1 when a place mention of the article starts at byte b, or after "the"
 * and up to three lower-case words and "of" ("the southern countryside of
 * Idleb", "the outskirts of Aleppo"). */
static int place_at(const struct extractor *ex, size_t b)
{
	const char *s = ex->clean;
	if (strncasecmp(s + b, "the ", 4) != 0)
		return place_starts(ex, b);
	b += 4;
	if (place_starts(ex, b))
		return 1;
	for (int words = 0; words < 3; words++) {
		size_t e = b;
		while ((s[e] >= 'a' && s[e] <= 'z') || s[e] == '-')
			e++;
		if (e == b || s[e] != ' ')
			return 0;
		if (e - b == 2 && s[b] == 'o' && s[b + 1] == 'f')
			return words > 0 && place_starts(ex, e + 1);
		b = e + 1;
	}
	return 0;
}

/* A name the wording marks as a place in s[lo..hi), not one the gazetteer
 * resolves and not inside an actor's name.  Returns 1 with [*n0, *n1). */
static int unknown_place_name(const struct extractor *ex, const char *s, size_t lo, size_t hi, size_t *n0,
                              size_t *n1)
{
	for (size_t i = lo; i < hi; i++) {
		if (!upper_at(s, i, hi) || (i > lo && name_byte((unsigned char)s[i - 1])))
			continue;
		size_t e = name_at(s, i, hi);
		if (e == i)
			continue;
		size_t we, pb = 0, pl = prev_word(s, lo, i, &pb);
		int p = 0;
		if (prev_is(s, pb, pl, "near") || prev_is(s, pb, pl, "outside"))
			p = 2;
		else if (prev_is(s, pb, pl, "of")) {
			for (size_t k = 0; of_before[k] && !p; k++) {
				size_t n = strlen(of_before[k]);
				if (i >= lo + n + 4 && strncasecmp(s + i - 4 - n, of_before[k], n) == 0 &&
				    s[i - 4] == ' ')
					p = 1;
			}
		} else if (word_after(s, e, hi, settlement_after, &we))
			p = 1;
		else if (word_after(s, e, hi, district_after, &we))
			p = 2;
		else if ((prev_is(s, pb, pl, "at") || prev_is(s, pb, pl, "in")) && e + 1 < hi &&
		         (s[e] == ',' || (s[e] == ' ' && s[e + 1] == '(')))
			p = 1;
		/* "in Tall Umm Ruwaydah in Hama", "shelled Ain Hamra in Idleb": a name
		 * placed inside a known place, after "in"/"at" or as the object of
		 * an attack on a place */
		else if ((prev_is(s, pb, pl, "at") || prev_is(s, pb, pl, "in") ||
		          place_verb_before(s, pb, pl)) &&
		         e + 4 < hi && strncmp(s + e, " in ", 4) == 0 && place_at(ex, e + 4))
			p = 1;
		if (!p)
			continue;
		int skip = 0;
		for (size_t a = 0; a < ex->n_ctx_actors && !skip; a++)
			skip = i < ex->ctx_actors[a].end && e > ex->ctx_actors[a].start;
		for (size_t k = 0; k < ex->n_ctx_places && !skip; k++) {
			const struct gaz_mention *m = &ex->ctx_places[k];
			if (m->start >= e || m->end <= i)
				continue;
			skip = in_context(ex, gazetteer_resolve(ex->data->gaz, m, &ex->gctx));
		}
		/* "Chadian": a demonym is no place name */
		if (!skip && e - i >= 4)
			skip = gazetteer_country_by_name(ex->data->gaz, s + i, e - i) != NULL;
		if (skip) {
			i = e;
			continue;
		}
		*n0 = i;
		*n1 = e;
		return 1;
	}
	return 0;
}

/* 1 when " (" follows s[e] and the place mention inside starts there and
 * resolves to p: "Puerto Casado (Concepcion)". */
static int held_by(const struct extractor *ex, size_t e, const struct gaz_place *p)
{
	const char *s = ex->clean;
	if (s[e] != ' ' || s[e + 1] != '(')
		return 0;
	for (size_t k = 0; k < ex->n_ctx_places; k++) {
		const struct gaz_mention *g = &ex->ctx_places[k];
		if (g->start == e + 2) {
			const struct gaz_place *q = gazetteer_resolve(ex->data->gaz, g, &ex->gctx);
			return q && q->id == p->id;
		}
	}
	return 0;
}

/* Replace a province- or country-level location by the name of the place
 * inside it that the event's first sentence gives.  A district (p, the
 * gazetteer's place, or NULL) stays: ACLED names the district when the
 * village is unknown to it too. */
static void refine_location(const struct extractor *ex, const struct merged *m, const struct gaz_place *p,
                            struct event_location *loc)
{
	int exact = loc->present && (loc->geo_precision < 3 || (p && p->kind == GAZ_ADMIN2));
	if (m->n_sent == 0 || (exact && !p))
		return;
	size_t n0, n1;
	const char *s = ex->clean;
	if (!unknown_place_name(ex, s, m->sent_start[0], m->sent_end[0], &n0, &n1))
		return;
	/* "in Al Hishah (Misrata)": the town named in the parenthesis holds the
	 * place the gazetteer lacks; the event is in that place, not the town
	 * (a district stays, as above). */
	if (exact && !(p->kind == GAZ_POPULATED && held_by(ex, n1, p)))
		return;
	size_t n = n1 - n0;
	if (n >= sizeof loc->name)
		return;
	if (!loc->present) {
		loc->present = true;
		loc->has_coordinates = false;
	}
	memcpy(loc->name, s + n0, n);
	loc->name[n] = '\0';
	loc->geo_precision = 2;
	loc->gazetteer_id[0] = '\0';
}

static float confidence_of(const struct merged *m)
{
	const struct frame *f = &m->f;
	float c = 0.30f + (float)(f->priority > 100 ? 100 : f->priority) / 250.0f;
	if (f->actor1.present)
		c += 0.08f;
	if (f->has_place)
		c += 0.08f;
	if (f->has_date)
		c += 0.05f;
	if (f->has_deaths)
		c += 0.04f;
	c += 0.03f * (float)(m->n_frames > 4 ? 3 : m->n_frames - 1);
	/* a weak trigger ("killed") is doubtful until an actor and a place
	 * make it an event */
	if ((f->lex_flags & LEX_F_WEAK) && !(f->actor1.present && f->has_place))
		c -= 0.15f;
	if (f->coref && m->n_frames == 1)
		c -= 0.05f;
	if (c < 0.05f)
		c = 0.05f;
	if (c > 0.99f)
		c = 0.99f;
	return c;
}

/* "the Observatory" is the "Syrian Observatory for Human Rights" the
 * article named in full elsewhere: the longest reporter containing it. */
static const char *full_reporter(const struct extractor *ex, const char *r)
{
	const char *best = r;
	for (size_t i = 0; i < ex->n_merged; i++)
		for (size_t j = 0; j < ex->merged[i].n_reporters; j++) {
			const char *c = ex->merged[i].reporters[j];
			if (strlen(c) > strlen(best) && strstr(c, r))
				best = c;
		}
	return best;
}

/* Words that may stand between "by" and an agent: "by an armed man",
 * "by two unidentified gunmen". */
static const char *const by_filler[] = {
    "a",    "an",    "the",          "two",     "three",     "four",    "five",     "several",
    "some", "armed", "unidentified", "unknown", "suspected", "alleged", "presumed", NULL};

/* 1 when the mention stands in m's first sentence as the agent of a
 * passive: "by" and at most three filler words before it. */
static int by_agent(const struct extractor *ex, const struct merged *m, const char *mention, int *armed)
{
	size_t ml = strlen(mention);
	if (!ml || m->n_sent == 0)
		return 0;
	const char *s = ex->clean;
	size_t lo = m->sent_start[0], hi = m->sent_end[0];
	for (size_t i = lo; i + ml <= hi; i++) {
		if (memcmp(s + i, mention, ml) != 0 || (i > lo && name_byte((unsigned char)s[i - 1])))
			continue;
		size_t e = i;
		for (int w = 0; w < 4 && e > lo + 1 && s[e - 1] == ' '; w++) {
			size_t b = e - 1;
			while (b > lo && name_byte((unsigned char)s[b - 1]))
				b--;
			if (e - 1 - b == 2 && strncasecmp(s + b, "by", 2) == 0)
				return 1;
			if (!word_in(s + b, e - 1 - b, by_filler))
				break;
			if (armed && e - 1 - b == 5 && strncasecmp(s + b, "armed", 5) == 0)
				*armed = 1;
			e = b;
		}
	}
	return 0;
}

/* Words that tell a riot's setting (ACLED Codebook: a violent
 * demonstration is a demonstration turned violent; rioters acting outside
 * any demonstration - a lynching, a crowd attacking someone, a prison riot
 * - are mob violence).  A trailing '*' matches any word it begins. */
static const char *const protest_word[] = {
    "protest*", "demonstrat*", "demand*", "rally",    "rallies", "march", "marched",    "marchers",
    "sit-in",   "picket*",     "strike",  "striking", "tyres",   "tires", "barricade*", NULL};
static const char *const prison_word[] = {"prison",  "prisons",      "prisoners",      "jail", "jails",
                                          "inmates", "penitentiary", "penitentiaries", "gaol", NULL};
static const char *const demand_word[] = {"protest*", "demonstrat*", "demand*", NULL};
static const char *const mob_word[] = {"mob", "mobs", "lynch*", "vigilante*", NULL};
static const char *const assault_word[] = {"attacked", "assaulted", "beat", "beaten", "thrashed", NULL};

/* words that make a beating an armed or organised actor's deed */
static const char *const organised_word[] = {
    "unknown",   "unidentified", "armed",   "gunmen", "gunman",    "masked",   "gang*",  "militia*",
    "militants", "fighters",     "rebels",  "guards", "police*",   "soldiers", "troops", "forces",
    "officers",  "agents",       "workers", "cadres", "activists", "members",  NULL};
/* the verbs of a beating */
static const char *const beating_word[] = {"beat", "beaten", "beating", "thrashed", "assaulted", NULL};

/* a crowd's weapons, and the police's answer to a crowd */
static const char *const crowd_arms_word[] = {"stones", "stone", "rocks",  "bricks",  "brickbats", "sticks",
                                              "batons", "baton", "lathi*", "teargas", "tear",      NULL};
/* firearms and fighters: a clash with them is a battle */
static const char *const firearm_word[] = {
    "gun",       "guns",  "gunfire", "gunshot*",  "gunmen", "gunman",   "rifle*",  "bullet*", "shootout",
    "exchanged", "armed", "shot",    "militants", "rebels", "fighters", "bandits", "gang*",   NULL};

enum {
	RIOT_PROTEST = 1,
	RIOT_DEMAND = 2,
	RIOT_PRISON = 4,
	RIOT_MOB = 8,
	RIOT_ASSAULT = 16,
	RIOT_ORGANISED = 32,
	RIOT_CROWD_ARMS = 64,
	RIOT_FIREARMS = 128
};

/* 1 when the word w[0..n) is on the list, lower-case words where a
 * trailing '*' takes any ending.  The first letters are compared before
 * anything else: most words of a sentence begin with another one. */
static int word_in_prefixes(const char *w, size_t n, const char *const *list)
{
	unsigned char first = (unsigned char)(w[0] | 0x20);
	for (size_t i = 0; list[i]; i++) {
		if ((unsigned char)list[i][0] != first)
			continue;
		size_t l = strlen(list[i]);
		if (list[i][l - 1] == '*' ? (n >= l - 1 && strncasecmp(list[i], w, l - 1) == 0)
		                          : (n == l && strncasecmp(list[i], w, n) == 0))
			return 1;
	}
	return 0;
}

/* 1 when the frame's trigger is a beating ("beat up", "was beaten"). */
static int beating_trigger(const struct extractor *ex, const struct frame *f)
{
	const char *s = ex->clean;
	size_t e = f->trig_start;
	while (e < f->trig_end && name_byte((unsigned char)s[e]))
		e++;
	return word_in_prefixes(s + f->trig_start, e - f->trig_start, beating_word);
}

/* The RIOT_* words in the event's sentences. */
static unsigned riot_setting(const struct extractor *ex, const struct merged *m)
{
	static const struct {
		const char *const *list;
		unsigned flag;
	} sets[] = {{protest_word, RIOT_PROTEST},       {demand_word, RIOT_DEMAND},
	            {prison_word, RIOT_PRISON},         {mob_word, RIOT_MOB},
	            {assault_word, RIOT_ASSAULT},       {organised_word, RIOT_ORGANISED},
	            {crowd_arms_word, RIOT_CROWD_ARMS}, {firearm_word, RIOT_FIREARMS}};
	enum { N_SETS = sizeof sets / sizeof sets[0] };
	/* The lists' first letters, so that most words meet no list at all. */
	uint32_t letters[N_SETS], any = 0;
	for (size_t l = 0; l < N_SETS; l++) {
		letters[l] = 0;
		for (size_t i = 0; sets[l].list[i]; i++)
			letters[l] |= 1u << (sets[l].list[i][0] - 'a');
		any |= letters[l];
	}
	const char *s = ex->clean;
	unsigned r = 0;
	for (size_t k = 0; k < m->n_sent; k++)
		for (size_t i = m->sent_start[k], hi = m->sent_end[k]; i < hi;) {
			if (!name_byte((unsigned char)s[i])) {
				i++;
				continue;
			}
			size_t b = i;
			while (i < hi && name_byte((unsigned char)s[i]))
				i++;
			/* "calling for their release": a demand */
			if (i - b == 7 && strncasecmp(s + b, "calling", 7) == 0 && i + 4 < hi &&
			    s[i] == ' ' && strncasecmp(s + i + 1, "for", 3) == 0 &&
			    !name_byte((unsigned char)s[i + 4]))
				r |= RIOT_PROTEST | RIOT_DEMAND;
			unsigned letter = (unsigned)((unsigned char)s[b] | 0x20) - 'a';
			if (letter >= 26 || !((any >> letter) & 1))
				continue;
			for (size_t l = 0; l < N_SETS; l++)
				if ((letters[l] >> letter) & 1 &&
				    word_in_prefixes(s + b, i - b, sets[l].list))
					r |= sets[l].flag;
		}
	return r;
}

static void build_event(struct extractor *ex, const struct extract_article *a, const struct merged *m,
                        int has_pub, int32_t pub_day, struct conflict_event *ev)
{
	const struct gazetteer *g = ex->data->gaz;
	const struct frame *f = &m->f;
	event_init(ev);
	event_strlcpy(ev->article_id, a->id ? a->id : "", sizeof ev->article_id);
	ev->article_published_at_ms = a->published_at_ms;
	event_strlcpy(ev->language, a->language ? a->language : "", sizeof ev->language);
	ev->record_kind = f->role == FRAME_TALLY ? RECORD_CASUALTY_TALLY : RECORD_EVENT;
	ev->sub_event_type = f->sub;
	ev->event_type = sub_event_type_parent(f->sub);
	if (f->has_date) {
		ev->has_event_date = true;
		ev->event_date = f->day;
		ev->date_precision = f->date_precision;
		ev->temporality = has_pub ? dates_temporality(f->day, pub_day) : TEMPORALITY_CURRENT;
	}
	const struct gaz_place *p = f->has_place ? gazetteer_place(g, f->place_id) : NULL;
	/* "Russian shells hit a market in Kherson": when only actors and
	 * demonyms name the story's countries, a large city the event's
	 * clause names stands, wherever it lies */
	if (p && (in_context(ex, p) ||
	          (!ex->ctx_by_places && p->kind == GAZ_POPULATED && p->population >= LINK_TOWN_POPULATION)))
		fill_location(g, p, f->geo_precision, &ev->location);
	ev->actor1 = f->actor1;
	ev->actor2 = f->actor2;
	unsigned a1f = f->actor1_flags, a2f = f->actor2_flags;
	int passive_crowd = 0;
	/* "a driver was shot dead in X by a gunman": the agent of a
	 * passive, however far from its verb, is actor1. */
	if (!ev->actor1.present && ev->actor2.present && by_agent(ex, m, ev->actor2.mention, NULL)) {
		ev->actor1 = ev->actor2;
		a1f = a2f;
		ev->actor2.present = false;
		a2f = 0;
	}
	/* "a suspect was beaten by villagers": people who beat someone are a
	 * mob; "by four armed inmates" are not */
	int armed_agent = strncasecmp(ev->actor1.mention, "armed ", 6) == 0;
	if (ev->actor1.present && ev->actor1.mention[0] &&
	    (ev->actor1.type == ACTOR_CIVILIANS || ev->actor1.type == ACTOR_RIOTERS) &&
	    by_agent(ex, m, ev->actor1.mention, &armed_agent) && !armed_agent)
		passive_crowd = 1;
	if (!ev->location.present) {
		/* No place in the event's sentences: the country the article points
		 * to (its places, actors and demonyms weighed together), else the
		 * actors'.  An actor's own country alone misplaces forces acting
		 * abroad ("Sudanese herders" in South Sudan). */
		const char *cc = ex->gctx.n_countries ? ex->gctx.countries[0] : NULL;
		if (!cc)
			cc = f->actor1.country_code[0]   ? f->actor1.country_code
			     : f->actor2.country_code[0] ? f->actor2.country_code
			                                 : NULL;
		const struct gaz_place *c = cc ? gazetteer_country(g, cc) : NULL;
		/* the one province the article names in that country holds it */
		const struct gaz_place *prov = NULL;
		for (size_t i = 0; c && i < ex->gctx.n_admin1; i++) {
			const struct gaz_place *r = gazetteer_place(g, ex->gctx.admin1[i]);
			if (!r || memcmp(r->country_code, c->country_code, 2) != 0)
				continue;
			if (prov) {
				prov = NULL;
				break;
			}
			prov = r;
		}
		if (prov)
			fill_location(g, prov, 3, &ev->location);
		else if (c)
			fill_location(g, c, 3, &ev->location);
	}
	if (f->role != FRAME_TALLY)
		refine_location(ex, m, p, &ev->location);
	/* A crowd that attacks, or two crowds that clash, is mob violence. */
	int crowd1 = f->crowd_agent || (ev->actor1.present && (ev->actor1.type == ACTOR_CIVILIANS ||
	                                                       ev->actor1.type == ACTOR_PROTESTERS ||
	                                                       ev->actor1.type == ACTOR_RIOTERS));
	int crowd2 = !ev->actor2.present || ev->actor2.type == ACTOR_CIVILIANS ||
	             ev->actor2.type == ACTOR_PROTESTERS || ev->actor2.type == ACTOR_RIOTERS ||
	             ev->actor2.type == ACTOR_STATE_FORCES;
	if ((ev->sub_event_type == SUB_ATTACK || ev->sub_event_type == SUB_ARMED_CLASH) && crowd1 && crowd2 &&
	    ((!f->actor1_sure && !armed_agent) || passive_crowd)) {
		ev->sub_event_type = SUB_MOB_VIOLENCE;
		ev->event_type = EVENT_RIOTS;
	} else if ((ev->sub_event_type == SUB_ATTACK || ev->sub_event_type == SUB_ARMED_CLASH) &&
	           f->crowd_agent) {
		ev->sub_event_type = SUB_MOB_VIOLENCE;
		ev->event_type = EVENT_RIOTS;
	} else if (ev->sub_event_type == SUB_LOOTING_PROPERTY_DESTRUCTION && f->crowd_word &&
	           (!ev->actor1.present || ev->actor1.type == ACTOR_RIOTERS ||
	            ev->actor1.type == ACTOR_PROTESTERS) &&
	           !armed_agent) {
		/* "youths torched two buses": ACLED's looting and property
		 * destruction is done by an armed, organised actor; a crowd that
		 * burns or wrecks property is a riot */
		ev->sub_event_type = SUB_MOB_VIOLENCE;
		ev->event_type = EVENT_RIOTS;
	} else if ((ev->sub_event_type == SUB_ATTACK || ev->sub_event_type == SUB_ARMED_CLASH) &&
	           ev->actor1.present && ev->actor1.type == ACTOR_RIOTERS) {
		/* a mob, rioters or angry youths who kill or beat someone, or
		 * rival fans who clash: mob violence (ACLED: rioters against
		 * people, property or other rioters) */
		ev->sub_event_type = SUB_MOB_VIOLENCE;
		ev->event_type = EVENT_RIOTS;
	} else if (ev->sub_event_type == SUB_LOOTING_PROPERTY_DESTRUCTION && ev->actor1.present &&
	           ev->actor1.type == ACTOR_PROTESTERS) {
		/* demonstrators who smash or burn property riot (ACLED: violent
		 * demonstration) */
		ev->sub_event_type = SUB_VIOLENT_DEMONSTRATION;
		ev->event_type = EVENT_RIOTS;
	}
	/* A riot with no demonstration in its sentences - a prison riot, a mob
	 * that attacks, beats or lynches - is mob violence; a crowd said to be
	 * protesting or demanding something that attacks people or property
	 * demonstrates violently (unless the text calls it a mob; a clash
	 * with the police stays the crowd's riot), and so does
	 * such a crowd that wrecks property without being named. */
	int unnamed_or_civil = !ev->actor1.present || ev->actor1.type == ACTOR_CIVILIANS;
	if (ev->event_type == EVENT_RIOTS ||
	    (ev->sub_event_type == SUB_LOOTING_PROPERTY_DESTRUCTION && unnamed_or_civil)) {
		unsigned rs = riot_setting(ex, m);
		if (ev->sub_event_type == SUB_VIOLENT_DEMONSTRATION && !(rs & RIOT_PROTEST) &&
		    (rs & (RIOT_PRISON | RIOT_MOB | RIOT_ASSAULT)))
			ev->sub_event_type = SUB_MOB_VIOLENCE;
		else if (ev->sub_event_type == SUB_MOB_VIOLENCE &&
		         (f->sub == SUB_ATTACK || f->sub == SUB_LOOTING_PROPERTY_DESTRUCTION) &&
		         (rs & RIOT_DEMAND) && !(rs & (RIOT_PRISON | RIOT_MOB)))
			ev->sub_event_type = SUB_VIOLENT_DEMONSTRATION;
		else if (ev->sub_event_type == SUB_LOOTING_PROPERTY_DESTRUCTION && (rs & RIOT_DEMAND) &&
		         !(rs & (RIOT_PRISON | RIOT_MOB))) {
			/* "stall owners protesting ... smashed windows": no armed,
			 * organised actor destroys; the protest turned violent */
			ev->sub_event_type = SUB_VIOLENT_DEMONSTRATION;
			ev->event_type = EVENT_RIOTS;
			ev->actor1.present = false; /* the crowd: Rioters of the country */
		}
	}
	/* "a shopkeeper was beaten to death by three men", "employees beat up
	 * a vendor": a beating by people no armed or organised actor names,
	 * and no word calls unknown or armed, is a crowd's (ACLED: rioters,
	 * mob violence); gunmen, police or party members beat as attackers. */
	if (ev->sub_event_type == SUB_ATTACK && !ev->actor1.present && !f->unknown_agent &&
	    beating_trigger(ex, f) && !(riot_setting(ex, m) & RIOT_ORGANISED)) {
		ev->sub_event_type = SUB_MOB_VIOLENCE;
		ev->event_type = EVENT_RIOTS;
	}
	/* "a clash took place between ration seekers and police; they pelted
	 * stones": a clash of the state's forces with a side no armed actor
	 * names, fought with stones and batons and no firearm, is a riot
	 * (ACLED: mob violence, rioters against the police). */
	if (ev->sub_event_type == SUB_ARMED_CLASH &&
	    (!ev->actor1.present || ev->actor1.type == ACTOR_STATE_FORCES ||
	     ev->actor1.type == ACTOR_CIVILIANS) &&
	    (!ev->actor2.present || ev->actor2.type == ACTOR_STATE_FORCES ||
	     ev->actor2.type == ACTOR_CIVILIANS)) {
		unsigned rs = riot_setting(ex, m);
		if ((rs & RIOT_CROWD_ARMS) && !(rs & RIOT_FIREARMS)) {
			ev->sub_event_type =
			    (rs & RIOT_PROTEST) ? SUB_VIOLENT_DEMONSTRATION : SUB_MOB_VIOLENCE;
			ev->event_type = EVENT_RIOTS;
			if (ev->actor1.present && ev->actor1.type == ACTOR_STATE_FORCES &&
			    !ev->actor2.present)
				ev->actor2 = ev->actor1;
			if (ev->actor1.present && ev->actor1.type == ACTOR_STATE_FORCES)
				ev->actor1.present = false; /* the crowd: Rioters of the country */
		}
	}
	/* Someone killed in an abduction makes it an attack (ACLED codes the gravest act). */
	if (ev->sub_event_type == SUB_ABDUCTION_FORCED_DISAPPEARANCE && f->has_deaths && !f->fat.imputed &&
	    f->fat.best > 0)
		ev->sub_event_type = SUB_ATTACK;
	/* ACLED: violence against civilians targets unarmed people; against an
	 * armed actor it is a battle, and a battle's victims being civilians
	 * makes it an attack. */
	if (ev->sub_event_type == SUB_ATTACK && ev->actor2.present && armed(ev->actor2.type) &&
	    f->actor1_sure && ev->actor1.present && armed(ev->actor1.type) &&
	    !(f->lex_flags & LEX_F_UNARMED)) {
		ev->sub_event_type = SUB_ARMED_CLASH;
		ev->event_type = EVENT_BATTLES;
	} else if (ev->sub_event_type == SUB_ARMED_CLASH && ev->actor2.present &&
	           ev->actor2.type == ACTOR_CIVILIANS && (!ev->actor1.present || armed(ev->actor1.type)) &&
	           !(f->lex_flags & LEX_F_MUTUAL)) {
		ev->sub_event_type = SUB_ATTACK;
		ev->event_type = EVENT_VIOLENCE_AGAINST_CIVILIANS;
	}
	/* ACLED codes a protest's or riot's crowd as actor1 (Protesters or
	 * Rioters of the country); the police who intervene, or the people a
	 * mob attacks, are actor2.  Named armed groups keep their name. */
	if ((ev->event_type == EVENT_PROTESTS &&
	     ev->sub_event_type != SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS) ||
	    ev->event_type == EVENT_RIOTS) {
		const struct event_actor *a1 = &ev->actor1;
		int crowd = a1->present && (a1->type == ACTOR_PROTESTERS || a1->type == ACTOR_RIOTERS);
		int keep = a1->present && !(a1f & ACTOR_F_GENERIC) &&
		           (a1->type == ACTOR_POLITICAL_MILITIA || a1->type == ACTOR_IDENTITY_MILITIA ||
		            a1->type == ACTOR_REBEL_GROUP) &&
		           ev->event_type == EVENT_RIOTS;
		if (a1->present && !crowd && !keep) {
			if (!ev->actor2.present && a1->type != ACTOR_CIVILIANS)
				ev->actor2 = *a1;
			ev->actor1.present = false;
		}
		if (crowd && ev->event_type == EVENT_RIOTS && a1->type == ACTOR_PROTESTERS)
			ev->actor1.present = false;
	}
	/* Excessive force is the forces' event: a crowd read as its agent
	 * ("police beat protesters with batons", the trigger after the crowd)
	 * is its target, and the police of the country act. */
	if (ev->sub_event_type == SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS && ev->actor1.present &&
	    (ev->actor1.type == ACTOR_PROTESTERS || ev->actor1.type == ACTOR_RIOTERS ||
	     ev->actor1.type == ACTOR_CIVILIANS)) {
		if (ev->actor2.present && ev->actor2.type == ACTOR_STATE_FORCES) {
			struct event_actor crowd_actor = ev->actor1;
			unsigned fl = a1f;
			ev->actor1 = ev->actor2;
			a1f = a2f;
			ev->actor2 = crowd_actor;
			a2f = fl;
		} else {
			if (!ev->actor2.present) {
				ev->actor2 = ev->actor1;
				a2f = a1f;
			}
			ev->actor1.present = false;
			a1f = 0;
		}
	}
	/* a clash is mutual: the state's side named only as its object
	 * ("police were involved in a shootout with robbers") is the side named */
	if (!ev->actor1.present && ev->actor2.present && ev->sub_event_type == SUB_ARMED_CLASH &&
	    (ev->actor2.type == ACTOR_STATE_FORCES || (a2f & ACTOR_F_STATE))) {
		ev->actor1 = ev->actor2;
		a1f = a2f;
		ev->actor2.present = false;
		a2f = 0;
	}
	if (!ev->actor1.present && !f->unknown_agent && ev->sub_event_type == SUB_ATTACK &&
	    custody_in(ex->clean, f->start, f->end)) {
		default_jailer(ev, ex->clean, f->start, f->end);
		/* "in a police station": the place of the jailers, not a target */
		if (ev->actor2.present && ev->actor2.type == ACTOR_STATE_FORCES) {
			ev->actor2.present = false;
			a2f = 0;
		}
	}
	if (!ev->actor1.present)
		default_actor1(ev, f->unknown_agent || (ev->sub_event_type == SUB_ARMED_CLASH &&
		                                        shootout_at(ex->clean, f->trig_start, f->trig_end)));
	actor_country(ex->data->actors, &ev->actor1, a1f, &ev->location);
	actor_country(ex->data->actors, &ev->actor2, a2f, &ev->location);
	abroad(&ev->actor1, a1f, &ev->location);
	abroad(&ev->actor2, a2f, &ev->location);
	/* "Ukraine's air force shot down 22 drones": aircraft named bare as
	 * the target took the country of the place, the side downing them;
	 * they are the weapons of a side the sentence does not name */
	static const char *const craft[] = {"drones",   "drone",   "warplanes",   "warplane",   "jets", "jet",
	                                    "aircraft", "bombers", "helicopters", "helicopter", NULL};
	if (ev->actor1.present && ev->actor2.present && (a2f & ACTOR_F_AIR) &&
	    !strcmp(ev->actor1.name, ev->actor2.name) &&
	    word_in(ev->actor2.mention, strlen(ev->actor2.mention), craft))
		ev->actor2.present = false;
	if (f->has_deaths || f->fat.children >= 0 || f->fat.civilians >= 0) {
		ev->fatalities = f->fat;
		if (!f->has_deaths)
			ev->fatalities.best = ev->fatalities.low = ev->fatalities.high = 0;
	}
	for (size_t i = 0; i < m->n_reporters && i < EVENT_MAX_REPORTED_BY; i++) {
		const char *r = full_reporter(ex, m->reporters[i]);
		int dup = 0;
		for (size_t j = 0; j < ev->n_reported_by; j++)
			dup |= strcmp(ev->reported_by[j], r) == 0;
		if (!dup)
			event_strlcpy(ev->reported_by[ev->n_reported_by++], r, EVENT_NAME_MAX);
	}
	ev->disputed = f->disputes;
	/* The lead tells the main event; background is less sure to be news. */
	float c = confidence_of(m);
	if (m->n_sent && m->sent_start[0] == ex->sents[ex->first_sent].start)
		c += 0.06f;
	if (ev->has_event_date && ev->temporality == TEMPORALITY_HISTORICAL)
		c -= 0.12f;
	ev->confidence = c < 0.05f ? 0.05f : c > 0.99f ? 0.99f : c;
	for (size_t i = 0; i < m->n_sent && ev->n_evidence < EVENT_MAX_EVIDENCE; i++) {
		struct event_evidence *e = &ev->evidence[ev->n_evidence++];
		e->start = ex->map[m->sent_start[i]];
		e->end = ex->map[m->sent_end[i]];
		e->text = a->text + e->start;
	}
}

static int32_t floor_div_day(int64_t ms)
{
	int64_t d = ms / MS_PER_DAY;
	if (ms % MS_PER_DAY < 0)
		d--;
	return (int32_t)d;
}

int extractor_run(struct extractor *ex, const struct extract_article *a, const struct conflict_event **events,
                  char *errbuf, size_t errlen)
{
	*events = ex->events;
	size_t len = a->text_len > EXTRACT_MAX_TEXT ? EXTRACT_MAX_TEXT : a->text_len;
	if (ensure_capacity(ex, len) < 0) {
		snprintf(errbuf, errlen, "article %s: out of memory for %zu bytes", a->id ? a->id : "?", len);
		return -1;
	}
	size_t clen = text_clean(a->text, len, ex->clean, ex->map);
	const char *s = ex->clean;

	size_t place_end = 0;
	size_t dl = text_dateline(s, clen, &place_end);
	build_context(ex, s, clen, dl ? place_end : 0, &ex->gctx);

	struct frames_env env = {
	    .lex = ex->data->lex,
	    .gaz = ex->data->gaz,
	    .actors = ex->data->actors,
	    .gctx = &ex->gctx,
	    .published_at_ms = a->published_at_ms,
	    .dateline_end = dl,
	    .places = ex->ctx_places,
	    .n_places = ex->n_ctx_places,
	    .actor_mentions = ex->ctx_actors,
	    .n_actor_mentions = ex->n_ctx_actors,
	};
	size_t ns = text_sentences(s, clen, ex->sents, EXTRACT_MAX_SENTENCES);
	ex->first_sent = 0;
	while (ex->first_sent + 1 < ns && (ex->sents[ex->first_sent].flags & TEXT_SPAN_HEADING))
		ex->first_sent++;
	/* Frames per sentence.  A frame its sentence does not date takes the
	 * date the narrative last gave ("On Saturday, ..." then "Pro-government
	 * fighters regained ..."), from a frame or from a sentence without one.
	 * The sentences without a frame since the last dated frame wait in
	 * pend[]: their dates are read only when an undated frame needs one,
	 * newest first, since the newest dated one is what the narrative last
	 * gave (most are never needed). */
	size_t nf = 0, npend = 0;
	int have_day = 0;
	int32_t last_day = 0;
	enum date_precision last_prec = DATE_PRECISION_UNKNOWN;
	for (size_t i = 0; i < ns && nf < EXTRACT_MAX_FRAMES; i++) {
		if (ex->sents[i].flags & TEXT_SPAN_HEADING)
			continue;
		size_t room = EXTRACT_MAX_FRAMES - nf;
		size_t k =
		    frames_sentence(&env, &ex->scratch, s, ex->sents[i].start, ex->sents[i].end, (uint32_t)i,
		                    &ex->frames[nf], room < FRAMES_PER_SENTENCE ? room : FRAMES_PER_SENTENCE);
		if (k == 0)
			ex->pend[npend++] = (uint32_t)i;
		/* An undated frame here may take the narrative's date: settle it
		 * from the pending sentences, newest first, as it stood before
		 * this sentence. */
		int undated = 0;
		for (size_t j = nf; j < nf + k; j++)
			undated |= !ex->frames[j].has_date;
		while (undated && npend > 0) {
			const struct text_span *sp = &ex->sents[ex->pend[--npend]];
			int32_t d;
			enum date_precision p;
			if (frames_sentence_date(&env, &ex->scratch, s, sp->start, sp->end, &d, &p)) {
				have_day = 1;
				last_day = d;
				last_prec = p;
				npend = 0;
			}
		}
		for (size_t j = nf; j < nf + k; j++) {
			struct frame *f = &ex->frames[j];
			/* A mention that only adds to an event told before ("The
			 * group also killed hundreds") keeps the narrative's date,
			 * so that after "In 2014, ..." it no longer fits today's. */
			if (f->role == FRAME_ATTACH && !f->promote && !f->has_date && have_day) {
				f->has_date = true;
				f->day = last_day;
				f->date_precision = last_prec;
				continue;
			}
			if (f->role != FRAME_EVENT && !(f->role == FRAME_ATTACH && f->promote))
				continue;
			if (f->has_date && f->role == FRAME_EVENT) {
				have_day = 1;
				last_day = f->day;
				last_prec = f->date_precision;
				npend = 0; /* later than any of them */
			} else if (!f->has_date && have_day) {
				f->has_date = true;
				f->day = last_day;
				f->date_precision = last_prec;
			}
		}
		nf += k;
	}
	size_t nm = merge_frames(ex->data->gaz, ex->frames, nf, ex->merged, EXTRACT_MAX_EVENTS * 2);
	ex->n_merged = nm;

	/* An event whose sentences name no place happened where the narrative last was. */
	for (size_t i = 0; i < nm; i++)
		if (!ex->merged[i].f.has_place && ex->merged[i].f.role != FRAME_TALLY)
			narrative_place(ex, ex->merged[i].f.sent, dl, ns, ex->frames, nf, &ex->merged[i].f);

	/* An undated event takes the date the narrative last gave. */
	for (size_t i = 0; i < nm; i++) {
		struct frame *f = &ex->merged[i].f;
		if (f->has_date || f->role == FRAME_TALLY)
			continue;
		for (size_t j = 0; j < nf && ex->frames[j].sent <= f->sent; j++)
			if (ex->frames[j].has_date && ex->frames[j].role != FRAME_TALLY) {
				f->has_date = true;
				f->day = ex->frames[j].day;
				f->date_precision = ex->frames[j].date_precision;
			}
	}

	int has_pub = a->published_at_ms != 0;
	int32_t pub_day = has_pub ? floor_div_day(a->published_at_ms) : 0;
	size_t k = 0;
	for (size_t i = 0; i < nm && k < ex->opts.max_events; i++) {
		struct conflict_event *ev = &ex->events[k];
		build_event(ex, a, &ex->merged[i], has_pub, pub_day, ev);
		if (ev->record_kind == RECORD_CASUALTY_TALLY && !ex->opts.emit_tallies)
			continue;
		if (ev->record_kind == RECORD_EVENT && ev->confidence < ex->opts.min_confidence)
			continue;
		event_make_id(ev, 0);
		unsigned ordinal = 0;
		for (size_t j = 0; j < k; j++)
			if (strcmp(ex->ids0[j], ev->event_id) == 0)
				ordinal++;
		event_strlcpy(ex->ids0[k], ev->event_id, EVENT_ID_MAX);
		if (ordinal)
			event_make_id(ev, ordinal);
		k++;
	}
	return (int)k;
}
