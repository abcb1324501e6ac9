/*
 * actors.c - the actor dictionary: named groups, demonyms and composition
 * words, matched in text as ACLED-style actors.
 *
 * Three data files are loaded into one hash of folded phrase keys:
 *  - actors.tsv: named actors ("Islamic State") with their aliases;
 *  - demonyms.tsv: "Syrian", "Syria" -> SY, Syria (for compositions);
 *  - actor_terms.tsv: force nouns ("troops", "warplanes"), generic actors
 *    ("gunmen", "civilians"), ethnic adjectives ("Fulani") and the small
 *    words of compositions ("suspected", "-backed", "-led", "pro-").
 * Every proper prefix of a key is in the hash too, so a scan extends a
 * phrase only while some key still starts with it.
 *
 * Text is cut into words at load and at scan by the same tokenizer and each
 * word is folded with fold_name(), so "al-Shabaab", "Al Shabaab" and
 * "al-Shabab" meet wherever the data lists them.  An alias word written in
 * capitals or with a capital inside ("IS", "SDF", "M23", "LeT") must appear
 * exactly so in the text: "is", "Sdf" and "Let" do not match.  An alias
 * written with a capital needs a capital or a digit somewhere in its
 * mention ("settlers" needs none), a demonym a capital first letter, and a
 * lone two-letter acronym next to an all-capitals word is taken for a
 * headline word ("WHAT IS LEFT").
 *
 * The scan is a small grammar over the words at each position, longest
 * alternative first:
 *   [PRE...] NAMED [LINK HEAD | TRAILING-NOUN]      "suspected IS militants"
 *   [PRE...] DEMONYM {and DEMONYM} HEAD             "Russian and Syrian warplanes"
 *   [PRE...] DEMONYM LINK HEAD                      "US-backed SDF", "Saudi-led coalition"
 *   [PRE...] pro NAMED|DEMONYM HEAD                 "pro-Houthi forces"
 *   [PRE...] anti NAMED|DEMONYM [HEAD]              "anti-Houthi forces" (no Houthis)
 *   [PRE...] ETHNIC NOUN                            "Fulani herders"
 *   [PRE...] NOUN [of COUNTRY]                      "gunmen", "troops of the Malian army"
 * and any of them followed by "-held" or "-controlled" is no actor ("IS-held
 * village").  Where two parses end at the same word the earlier alternative
 * wins, so a named alias beats a composition of the same length.
 *
 * Scanning allocates nothing: words live in a ring of ACT_WIN slots on the
 * stack, with each word's matches remembered, so the cost is linear in the
 * text with a small constant (tens of MB/s).
 */
#include "extract/actors.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/ascii_run.h"
#include "extract/fold.h"

#define ACT_MAX_WORDS    12   /* words in one data phrase */
#define ACT_WORD_MAX     48   /* folded bytes kept per text word; longer words never match */
#define ACT_KEY_MAX      256  /* folded phrase key */
#define ACT_WIN          32   /* text words visible to the grammar at once */
#define ACT_MAX_PRE      3    /* "suspected", "unidentified", ... before a head */
#define ACT_MAX_DEMONYMS 4    /* "Russian, Syrian and Iranian forces" */
#define ACT_LINE_MAX     4096 /* one data line */

enum value_kind { V_NAMED = 0, V_DEMONYM, V_TERM };

/* A term flag kept inside this file: a plain word for armed men ("forces")
 * that after "X-backed" is nobody's state.  Never leaves actors_scan(). */
#define ACT_F_PLAIN  (1u << 8)
#define ACT_F_PUBLIC (ACTOR_F_STATE | ACTOR_F_GENERIC | ACTOR_F_AIR | ACTOR_F_POLICE | ACTOR_F_COALITION | ACTOR_F_PARTY)

/* Classes of actor_terms.tsv rows. */
enum term_class {
	T_FORCE = 0, /* state force noun: "troops", "police", "warplanes" */
	T_GROUP,     /* generic actor: "gunmen", "protesters", "civilians" */
	T_ETHNIC,    /* ethnic or communal adjective: "Fulani", "Dogon" */
	T_PRE,       /* absorbed modifier: "suspected", "unidentified" */
	T_LINK,      /* second half of "X-backed", "X-led", "X-linked" */
	T_PRO,       /* "pro" of "pro-Houthi" */
	T_OWNED,     /* a force's deed, an actor only when owned: "Israeli air strikes" */
	T_ANTI       /* "anti" of "anti-Houthi forces": the Houthis are not the actor */
};

/* What a LINK word says about the head that follows it. */
enum link_mode {
	L_BACKER = 0, /* "Iran-backed militias": the militias, not Iran */
	L_AFFILIATE,  /* "IS-linked militants": the named group itself */
	L_LEADER,     /* "Saudi-led coalition": the leader, as a coalition */
	L_PLACE       /* "IS-held", "regime-controlled": describes a place, no actor */
};

struct named {
	uint32_t name_off;
	enum actor_type type;
	char cc[3];
	unsigned flags;
};

struct country {
	char cc[3];
	uint32_t name_off; /* "United States" */
	uint32_t of_off;   /* "the United States", for "Military Forces of ..." */
};

struct term {
	enum term_class cls;
	enum actor_type type;
	uint32_t tmpl_off; /* "Military Forces of @", "Civilians (@)"; @ = country */
	unsigned flags;
	char cc[3]; /* ethnic rows: a country hint, may be "" */
	enum link_mode link;
	uint32_t bare_off; /* the template without a country ("Military Forces"), for actors_set_country() */
};

struct value {
	enum value_kind kind;
	uint32_t idx;     /* into named, countries or terms */
	uint32_t cs_mask; /* alias words that match case-sensitively */
	uint32_t raw_off; /* alias words as written, NUL-separated */
	uint8_t nwords;
	uint8_t needs_cap; /* written with a capital or digit: the text needs one too */
	unsigned extra;    /* AIR/POLICE of a force noun ending a named alias ("US drones") */
	int32_t next;      /* next value with the same key, -1 at the end */
};

struct slot {
	uint32_t hash; /* 0: empty */
	uint32_t key_off;
	uint16_t key_len;
	uint8_t prefix; /* a longer key starts with this one */
	int32_t head;   /* first value, -1 for a prefix-only key */
};

struct actor_dict {
	char *pool;
	size_t pool_len, pool_cap;

	struct named *named;
	size_t n_named, cap_named;
	struct country *countries;
	size_t n_countries, cap_countries;
	int16_t country_at[26 * 26]; /* first countries[] index by ISO code, -1 for none */
	struct term *terms;
	size_t n_terms, cap_terms;
	struct value *values;
	size_t n_values, cap_values;

	struct slot *slots;
	size_t n_slots, n_used;
};

/* ------------------------------------------------------------ words */

struct word {
	uint32_t start, end;  /* end excludes a possessive "'s" / "'" */
	uint8_t cap;          /* first letter upper-case */
	uint8_t allcaps;      /* letters, none lower-case */
	uint8_t inner_cap;    /* a capital after the first letter: "LeT", "FAMa" */
	uint8_t upper_or_dig; /* some upper-case letter or digit */
	uint8_t joined;       /* only spaces/hyphens from the previous word */
	uint8_t hyphen;       /* a hyphen between the previous word and this one */
	uint8_t comma;        /* only spaces and one comma from the previous word */
	uint8_t soft;         /* no sentence punctuation from the previous word: "CPI (Maoist)" */
	uint8_t possessive;
	uint8_t flen; /* folded length; 0 if too long to match */
	char fold[ACT_WORD_MAX];
};

static inline size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07;
	else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

static inline int is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x300 && cp <= 0x36F);
}

static int is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == 0x2BE || cp == 0x2BF;
}

static int is_hyphen(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Next word of s[*pos..len) into w; 0 at the end.  prev_single tells
 * whether the previous word was a single capital letter, so that "U.S."
 * reads as the joined words U S.  A word is a run of letters and digits
 * (Latin letters with diacritics included) with inner apostrophes; a
 * possessive "'s" or trailing "'" is left out of it but remembered. */
static inline int word_next(const char *s, size_t len, size_t *pos, struct word *w, int prev_single)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = *pos;
	int joined = 1, newlines = 0, hyphen = 0, commas = 0, other = 0, hard = 0;
	uint32_t cp;

	/* The gap: which characters separate this word from the previous one. */
	while (i < len) {
		if (u[i] == ' ') {
			i++; /* the common gap, which changes none of the flags below */
			continue;
		}
		size_t n = utf8_decode(u + i, len - i, &cp);
		if (is_word_cp(cp))
			break;
		if (cp == '\n') {
			if (++newlines > 1)
				joined = 0, other = 1;
		} else if (is_hyphen(cp)) {
			hyphen = 1;
		} else if (cp == ',') {
			commas++;
			joined = 0;
		} else if (!(cp == ' ' || cp == '\t' || cp == '\r' || cp == 0xA0 ||
		             (cp == '.' && prev_single))) {
			joined = 0, other = 1;
			hard |= !(cp == '/' || cp == '(' || cp == ')' || cp == '&' || is_apostrophe(cp));
		}
		i += n;
	}
	if (i >= len) {
		*pos = len;
		return 0;
	}
	w->start = (uint32_t)i;
	w->joined = (uint8_t)joined;
	w->hyphen = (uint8_t)(hyphen && joined);
	w->comma = (uint8_t)(commas == 1 && !other && !hyphen);
	w->soft = (uint8_t)(!hard && newlines < 2);
	w->possessive = 0;
	int lower = 0, upper = 0, digit = 0, inner = 0;
	w->cap = 0;
	size_t end = i;
	int first = 1;
	/* A word of ASCII letters and digits only, nearly every word, folds
	 * to itself in lower case: folded here as it is read. */
	int plain = 1;
	size_t fo = 0;
	while (i < len) {
		/* A run of lower-case ASCII letters, most of every word, in one loop:
		 * what the general case below does for each of them. */
		if (u[i] >= 'a' && u[i] <= 'z') {
			size_t j = ascii_run(s, i + 1, len, ASCII_LOWER);
			/* copied as they are, as far as the fold has room */
			size_t room = sizeof(w->fold) - 1 - fo, run = j - i;
			if (fo + 1 < sizeof(w->fold)) {
				memcpy(w->fold + fo, u + i, run < room ? run : room);
				fo += run < room ? run : room;
			}
			lower = 1;
			first = 0;
			i = end = j;
			continue;
		}
		/* The same for capitals and digits (wire copy in capitals). */
		if ((u[i] >= 'A' && u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9')) {
			size_t j = i;
			if (first && u[i] <= 'Z' && u[i] >= 'A')
				w->cap = 1;
			for (; j < len && ((u[j] >= 'A' && u[j] <= 'Z') || (u[j] >= '0' && u[j] <= '9'));
			     j++) {
				if (u[j] >= 'A') {
					upper = 1;
					inner |= j > i || !first;
				} else {
					digit = 1;
				}
				if (fo + 1 < sizeof(w->fold))
					w->fold[fo++] = (char)(u[j] >= 'A' ? u[j] - 'A' + 'a' : u[j]);
			}
			first = 0;
			i = end = j;
			continue;
		}
		/* ASCII that is neither a word character nor an apostrophe ends the word. */
		if (u[i] < 0x80 && u[i] != '\'' && !is_word_cp(u[i]))
			break;
		size_t n = utf8_decode(u + i, len - i, &cp);
		if (is_word_cp(cp)) {
			if (cp < 0x80) {
				if (cp >= 'a' && cp <= 'z') {
					lower = 1;
				} else if (cp >= 'A' && cp <= 'Z') {
					upper = 1;
					inner |= !first;
				} else {
					digit = 1;
				}
				if (first)
					w->cap = (uint8_t)(cp >= 'A' && cp <= 'Z');
				if (fo + 1 < sizeof(w->fold))
					w->fold[fo++] = (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
			} else {
				plain = 0;
				if (first)
					w->cap = 1;
			}
			first = 0;
			i += n;
			end = i;
			continue;
		}
		if (is_apostrophe(cp) && i + n < len) {
			uint32_t nx;
			size_t m = utf8_decode(u + i + n, len - i - n, &nx);
			if (is_word_cp(nx)) {
				/* "Taliban's" is a possessive; "Jama'a" one word. */
				int s_then_break = (nx == 's' || nx == 'S');
				if (s_then_break && i + n + m < len) {
					uint32_t nn;
					utf8_decode(u + i + n + m, len - i - n - m, &nn);
					s_then_break = !is_word_cp(nn);
				}
				if (s_then_break) {
					w->possessive = 1;
					i += n + m;
					break;
				}
				plain = 0;
				i += n;
				continue;
			}
		}
		if (is_apostrophe(cp) && end > w->start && (s[end - 1] == 's' || s[end - 1] == 'S')) {
			/* "Houthis' positions" */
			w->possessive = 1;
			i += n;
		}
		break;
	}
	w->end = (uint32_t)end;
	w->allcaps = (uint8_t)(upper && !lower);
	w->inner_cap = (uint8_t)inner;
	w->upper_or_dig = (uint8_t)(upper || digit);
	size_t fl =
	    plain ? end - w->start : fold_name(s + w->start, end - w->start, w->fold, sizeof(w->fold));
	w->flen = (uint8_t)(fl + 1 < sizeof(w->fold) ? fl : 0);
	*pos = i;
	return 1;
}

static int word_is_single_cap(const struct word *w)
{
	return w->end == w->start + 1 && w->cap;
}

/* ------------------------------------------------------------ pool and hash */

static int pool_add(struct actor_dict *d, const char *s, size_t n, uint32_t *off)
{
	if (d->pool_len + n + 1 > d->pool_cap) {
		size_t cap = d->pool_cap ? d->pool_cap : 1u << 16;
		while (d->pool_len + n + 1 > cap)
			cap *= 2;
		char *p = realloc(d->pool, cap);
		if (!p)
			return -1;
		d->pool = p;
		d->pool_cap = cap;
	}
	*off = (uint32_t)d->pool_len;
	memcpy(d->pool + d->pool_len, s, n);
	d->pool[d->pool_len + n] = '\0';
	d->pool_len += n + 1;
	return 0;
}

static void *grow(void *arr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return arr;
	size_t c = *cap ? *cap * 2 : 64;
	while (c < need)
		c *= 2;
	void *p = realloc(arr, c * elem);
	if (p)
		*cap = c;
	return p;
}

/* Hash of the key k[0..n), eight bytes per step; never 0.  k may be read up
 * to room bytes (room >= n): where eight are there to read, a step reads
 * them at once and masks them to the key, else it gathers the key's last
 * bytes one by one into the same value.  The scanner hashes a word's fold
 * in its 48-byte buffer with no loop over its letters. */
static inline uint32_t hash_key_in(const char *k, size_t n, size_t room)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	for (size_t i = 0; i < n; i += 8) {
		uint64_t x = ascii_load_le(k + i, n - i < 8 ? n - i : 8, i + 8 <= room);
		h = (h ^ x) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	uint32_t r = (uint32_t)h;
	return r ? r : 1;
}

static uint32_t hash_key(const char *k, size_t n)
{
	return hash_key_in(k, n, n);
}

/* slot_find() with the key's hash_key() already known. */
static struct slot *slot_find_h(const struct actor_dict *d, const char *k, size_t n, uint32_t h)
{
	if (!d->n_slots)
		return NULL;
	size_t mask = d->n_slots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct slot *s = &d->slots[i];
		if (!s->hash)
			return NULL;
		if (s->hash == h && s->key_len == n && memcmp(d->pool + s->key_off, k, n) == 0)
			return s;
	}
}

static struct slot *slot_find(const struct actor_dict *d, const char *k, size_t n)
{
	return slot_find_h(d, k, n, hash_key(k, n));
}

static int slots_grow(struct actor_dict *d)
{
	size_t n = d->n_slots ? d->n_slots * 2 : 4096;
	struct slot *ns = calloc(n, sizeof(*ns));
	if (!ns)
		return -1;
	for (size_t i = 0; i < d->n_slots; i++) {
		struct slot *s = &d->slots[i];
		if (!s->hash)
			continue;
		size_t j = s->hash & (n - 1);
		while (ns[j].hash)
			j = (j + 1) & (n - 1);
		ns[j] = *s;
	}
	free(d->slots);
	d->slots = ns;
	d->n_slots = n;
	return 0;
}

static struct slot *slot_insert(struct actor_dict *d, const char *k, size_t n)
{
	struct slot *s = slot_find(d, k, n);
	if (s)
		return s;
	if ((d->n_used + 1) * 2 > d->n_slots && slots_grow(d) < 0)
		return NULL;
	uint32_t h = hash_key(k, n);
	size_t mask = d->n_slots - 1, i = h & mask;
	while (d->slots[i].hash)
		i = (i + 1) & mask;
	s = &d->slots[i];
	if (pool_add(d, k, n, &s->key_off) < 0)
		return NULL;
	s->hash = h;
	s->key_len = (uint16_t)n;
	s->prefix = 0;
	s->head = -1;
	d->n_used++;
	return s;
}

/* AIR/POLICE flags of the force noun a named alias ends with: "US drones",
 * "Turkish Air Force", "Iraqi Federal Police".  Terms load before names. */
static unsigned alias_noun_flags(const struct actor_dict *d, const char *key, size_t klen)
{
	for (size_t i = 0; i < klen; i++) {
		if (i && key[i - 1] != ' ')
			continue;
		const struct slot *sl = slot_find(d, key + i, klen - i);
		for (int32_t vi = sl ? sl->head : -1; vi >= 0; vi = d->values[vi].next) {
			const struct value *v = &d->values[vi];
			if (v->kind == V_TERM &&
			    (d->terms[v->idx].cls == T_FORCE || d->terms[v->idx].cls == T_OWNED))
				return d->terms[v->idx].flags & (ACTOR_F_AIR | ACTOR_F_POLICE);
		}
	}
	return 0;
}

/* Index one phrase as written in the data: cut into words like the text,
 * fold each, mark capital-only words case-sensitive, insert the key and its
 * word prefixes.  Returns 0, or -1 with a message in err. */
static int dict_add_phrase(struct actor_dict *d, const char *phrase, enum value_kind kind, uint32_t idx,
                           char *err, size_t errlen)
{
	struct word w;
	size_t pos = 0, plen = strlen(phrase), klen = 0;
	char key[ACT_KEY_MAX], raw[ACT_KEY_MAX];
	size_t rawlen = 0, nw = 0, prefix_ends[ACT_MAX_WORDS];
	uint32_t cs = 0;
	int single = 0, needs_cap = 0;

	while (word_next(phrase, plen, &pos, &w, single)) {
		single = word_is_single_cap(&w);
		if (nw >= ACT_MAX_WORDS) {
			snprintf(err, errlen, "phrase \"%s\" has more than %d words", phrase, ACT_MAX_WORDS);
			return -1;
		}
		if (!w.flen || klen + w.flen + 2 > sizeof(key) ||
		    rawlen + (w.end - w.start) + 2 > sizeof(raw)) {
			snprintf(err, errlen, "phrase \"%s\" is too long", phrase);
			return -1;
		}
		if (klen)
			key[klen++] = ' ';
		memcpy(key + klen, w.fold, w.flen);
		klen += w.flen;
		prefix_ends[nw] = klen;
		memcpy(raw + rawlen, phrase + w.start, w.end - w.start);
		rawlen += w.end - w.start;
		raw[rawlen++] = '\0';
		needs_cap |= w.upper_or_dig;
		if (w.allcaps || w.inner_cap)
			cs |= 1u << nw;
		nw++;
	}
	if (!nw) {
		snprintf(err, errlen, "empty phrase");
		return -1;
	}
	for (size_t i = 0; i + 1 < nw; i++) {
		struct slot *p = slot_insert(d, key, prefix_ends[i]);
		if (!p)
			goto oom;
		p->prefix = 1;
	}
	struct slot *s = slot_insert(d, key, klen);
	if (!s)
		goto oom;
	struct value *nv = grow(d->values, &d->cap_values, d->n_values + 1, sizeof(*nv));
	if (!nv)
		goto oom;
	d->values = nv;
	struct value *v = &d->values[d->n_values];
	v->kind = kind;
	v->idx = idx;
	v->cs_mask = cs;
	v->nwords = (uint8_t)nw;
	v->needs_cap = (uint8_t)needs_cap;
	v->extra = kind == V_NAMED ? alias_noun_flags(d, key, klen) : 0;
	if (pool_add(d, raw, rawlen, &v->raw_off) < 0)
		goto oom;
	/* Keep the data's order among values of one key. */
	v->next = -1;
	if (s->head < 0) {
		s->head = (int32_t)d->n_values;
	} else {
		int32_t t = s->head;
		while (d->values[t].next >= 0)
			t = d->values[t].next;
		d->values[t].next = (int32_t)d->n_values;
	}
	d->n_values++;
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
}

/* ------------------------------------------------------------ loading */

static int parse_type(const char *s, enum actor_type *t)
{
	int v = actor_type_parse(s);
	if (v < 0)
		return -1;
	*t = (enum actor_type)v;
	return 0;
}

static int parse_flags(const char *s, unsigned *flags)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {{"STATE", ACTOR_F_STATE},   {"GENERIC", ACTOR_F_GENERIC},     {"AIR", ACTOR_F_AIR},
	             {"POLICE", ACTOR_F_POLICE}, {"COALITION", ACTOR_F_COALITION}, {"PLAIN", ACT_F_PLAIN},
	             {"PARTY", ACTOR_F_PARTY}};
	*flags = 0;
	if (!*s || strcmp(s, "-") == 0)
		return 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		size_t k;
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strlen(names[k].name) == n && strncmp(names[k].name, s, n) == 0)
				break;
		if (k == sizeof(names) / sizeof(names[0]))
			return -1;
		*flags |= names[k].bit;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

static int parse_cc(const char *s, char cc[3])
{
	if (!*s || strcmp(s, "-") == 0) {
		cc[0] = '\0';
		return 0;
	}
	if (strlen(s) != 2 || !isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]))
		return -1;
	memcpy(cc, s, 3);
	return 0;
}

/* Split line at tabs into at most max fields (in place). */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

/* Add every |-separated alias of list as a key of kind/idx. */
static int add_aliases(struct actor_dict *d, char *list, enum value_kind kind, uint32_t idx, char *err,
                       size_t errlen)
{
	char *p = list;
	while (p && *p) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		while (*p == ' ')
			p++;
		if (*p && dict_add_phrase(d, p, kind, idx, err, errlen) < 0)
			return -1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

typedef int (*line_fn)(struct actor_dict *d, char **f, size_t nf, char *err, size_t errlen);

static int line_named(struct actor_dict *d, char **f, size_t nf, char *err, size_t errlen)
{
	struct named n;
	if (nf < 4) {
		snprintf(err, errlen, "expected name, type, country, flags[, aliases]");
		return -1;
	}
	if (!*f[0] || strlen(f[0]) >= EVENT_NAME_MAX) {
		snprintf(err, errlen, "name empty or longer than %d bytes", EVENT_NAME_MAX - 1);
		return -1;
	}
	if (parse_type(f[1], &n.type) < 0) {
		snprintf(err, errlen, "unknown actor type \"%s\"", f[1]);
		return -1;
	}
	if (parse_cc(f[2], n.cc) < 0) {
		snprintf(err, errlen, "bad country code \"%s\"", f[2]);
		return -1;
	}
	if (parse_flags(f[3], &n.flags) < 0) {
		snprintf(err, errlen, "bad flags \"%s\"", f[3]);
		return -1;
	}
	struct named *nn = grow(d->named, &d->cap_named, d->n_named + 1, sizeof(*nn));
	if (!nn || pool_add(d, f[0], strlen(f[0]), &n.name_off) < 0) {
		if (nn)
			d->named = nn;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	d->named = nn;
	uint32_t idx = (uint32_t)d->n_named;
	d->named[d->n_named++] = n;
	/* The canonical name is an alias, unless it is only a label ("NAF: ..."). */
	char *colon = strstr(f[0], ": ");
	if (dict_add_phrase(d, colon ? colon + 2 : f[0], V_NAMED, idx, err, errlen) < 0)
		return -1;
	return nf > 4 ? add_aliases(d, f[4], V_NAMED, idx, err, errlen) : 0;
}

static int line_demonym(struct actor_dict *d, char **f, size_t nf, char *err, size_t errlen)
{
	struct country c;
	if (nf < 3) {
		snprintf(err, errlen, "expected ISO2, country name, demonyms[, \"of\" form[, other names]]");
		return -1;
	}
	if (parse_cc(f[0], c.cc) < 0 || !c.cc[0]) {
		snprintf(err, errlen, "bad country code \"%s\"", f[0]);
		return -1;
	}
	if (!*f[1] || strlen(f[1]) >= 64) {
		snprintf(err, errlen, "country name empty or too long");
		return -1;
	}
	const char *of = nf > 3 && *f[3] ? f[3] : f[1];
	struct country *nc = grow(d->countries, &d->cap_countries, d->n_countries + 1, sizeof(*nc));
	if (!nc)
		goto oom;
	d->countries = nc;
	if (pool_add(d, f[1], strlen(f[1]), &c.name_off) < 0 || pool_add(d, of, strlen(of), &c.of_off) < 0)
		goto oom;
	uint32_t idx = (uint32_t)d->n_countries;
	d->countries[d->n_countries++] = c;
	if (dict_add_phrase(d, f[1], V_DEMONYM, idx, err, errlen) < 0 ||
	    add_aliases(d, f[2], V_DEMONYM, idx, err, errlen) < 0)
		return -1;
	return nf > 4 ? add_aliases(d, f[4], V_DEMONYM, idx, err, errlen) : 0;
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
}

static int line_term(struct actor_dict *d, char **f, size_t nf, char *err, size_t errlen)
{
	static const char *const classes[] = {"FORCE", "GROUP", "ETHNIC", "PRE",
	                                      "LINK",  "PRO",   "OWNED",  "ANTI"};
	static const char *const links[] = {"BACKER", "AFFILIATE", "LEADER", "PLACE"};
	struct term t;
	size_t k;

	memset(&t, 0, sizeof(t));
	if (nf < 5) {
		snprintf(err, errlen, "expected phrases, class, type, name, flags[, country]");
		return -1;
	}
	for (k = 0; k < sizeof(classes) / sizeof(classes[0]); k++)
		if (strcmp(f[1], classes[k]) == 0)
			break;
	if (k == sizeof(classes) / sizeof(classes[0])) {
		snprintf(err, errlen, "unknown class \"%s\"", f[1]);
		return -1;
	}
	t.cls = (enum term_class)k;
	if (t.cls == T_LINK) {
		for (k = 0; k < sizeof(links) / sizeof(links[0]); k++)
			if (strcmp(f[2], links[k]) == 0)
				break;
		if (k == sizeof(links) / sizeof(links[0])) {
			snprintf(err, errlen, "LINK needs BACKER, AFFILIATE, LEADER or PLACE, not \"%s\"",
			         f[2]);
			return -1;
		}
		t.link = (enum link_mode)k;
	} else if (t.cls == T_FORCE || t.cls == T_GROUP || t.cls == T_ETHNIC || t.cls == T_OWNED) {
		if (parse_type(f[2], &t.type) < 0) {
			snprintf(err, errlen, "unknown actor type \"%s\"", f[2]);
			return -1;
		}
		if (!*f[3] || strcmp(f[3], "-") == 0 || strlen(f[3]) >= EVENT_NAME_MAX - 40) {
			snprintf(err, errlen, "name template missing or too long");
			return -1;
		}
	}
	if (parse_flags(f[4], &t.flags) < 0) {
		snprintf(err, errlen, "bad flags \"%s\"", f[4]);
		return -1;
	}
	if (parse_cc(nf > 5 ? f[5] : "", t.cc) < 0) {
		snprintf(err, errlen, "bad country code \"%s\"", f[5]);
		return -1;
	}
	if (t.cls == T_FORCE || t.cls == T_OWNED)
		t.flags |= ACTOR_F_STATE;
	if (t.cls == T_GROUP)
		t.flags |= ACTOR_F_GENERIC;
	struct term *nt = grow(d->terms, &d->cap_terms, d->n_terms + 1, sizeof(*nt));
	if (!nt)
		goto oom;
	d->terms = nt;
	if (pool_add(d, f[3], strlen(f[3]), &t.tmpl_off) < 0)
		goto oom;
	uint32_t idx = (uint32_t)d->n_terms;
	d->terms[d->n_terms++] = t;
	return add_aliases(d, f[0], V_TERM, idx, err, errlen);
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
}

/* Read dir/file line by line; '#' comments and blank lines are skipped. */
static int load_file(struct actor_dict *d, const char *dir, const char *file, line_fn fn, char *errbuf,
                     size_t errlen)
{
	char path[4096], line[ACT_LINE_MAX], err[256];
	char *f[8];
	unsigned lineno = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	FILE *fp = fopen(path, "r");
	if (!fp) {
		snprintf(errbuf, errlen, "%s:0: cannot open: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		size_t n = strlen(line);
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			snprintf(errbuf, errlen, "%s:%u: line longer than %d bytes", path, lineno,
			         ACT_LINE_MAX - 2);
			fclose(fp);
			return -1;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		size_t nf = split_tabs(line, f, sizeof(f) / sizeof(f[0]));
		if (fn(d, f, nf, err, sizeof(err)) < 0) {
			snprintf(errbuf, errlen, "%s:%u: %s", path, lineno, err);
			fclose(fp);
			return -1;
		}
	}
	fclose(fp);
	return 0;
}

static void expand_template(const struct actor_dict *d, const char *tmpl, const char *cc, char *out,
                            size_t outlen);

/* After loading: countries by ISO code, and each composition template's
 * bare form, so that neither is searched for per mention.  -1 when out of
 * memory. */
static int dict_index(struct actor_dict *d)
{
	for (size_t i = 0; i < 26 * 26; i++)
		d->country_at[i] = -1;
	for (size_t i = 0; i < d->n_countries && i < INT16_MAX; i++) {
		const char *cc = d->countries[i].cc;
		if (cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z' && !cc[2] &&
		    d->country_at[(cc[0] - 'A') * 26 + (cc[1] - 'A')] < 0)
			d->country_at[(cc[0] - 'A') * 26 + (cc[1] - 'A')] = (int16_t)i;
	}
	for (size_t i = 0; i < d->n_terms; i++) {
		char name[EVENT_NAME_MAX];
		expand_template(d, d->pool + d->terms[i].tmpl_off, NULL, name, sizeof(name));
		if (pool_add(d, name, strlen(name), &d->terms[i].bare_off) < 0)
			return -1;
	}
	return 0;
}

int actors_load(struct actor_dict **out, const char *data_dir, char *errbuf, size_t errlen)
{
	struct actor_dict *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (!d) {
		snprintf(errbuf, errlen, "actors: out of memory");
		return -1;
	}
	if (load_file(d, data_dir, "demonyms.tsv", line_demonym, errbuf, errlen) < 0 ||
	    load_file(d, data_dir, "actor_terms.tsv", line_term, errbuf, errlen) < 0 ||
	    load_file(d, data_dir, "actors.tsv", line_named, errbuf, errlen) < 0)
		goto err;
	if (dict_index(d) < 0) {
		snprintf(errbuf, errlen, "actors: out of memory");
		goto err;
	}
	*out = d;
	return 0;
err:
	actors_free(d);
	return -1;
}

void actors_free(struct actor_dict *d)
{
	if (!d)
		return;
	free(d->pool);
	free(d->named);
	free(d->countries);
	free(d->terms);
	free(d->values);
	free(d->slots);
	free(d);
}

size_t actors_size(const struct actor_dict *d)
{
	return d ? d->n_named : 0;
}

/* ------------------------------------------------------------ matching */

/* The best value of each kind for a phrase starting at word k. */
struct match {
	uint32_t nwords; /* at most ACT_MAX_WORDS; 32 bits keep the memo copies small */
	int32_t value;   /* -1: none */
};

struct matches {
	struct match named, demonym;
	struct match term[T_ANTI + 1];
};

/* The scan's view of the text: a ring of upcoming words. */
struct scan {
	const struct actor_dict *d;
	const char *text;
	size_t len, pos;
	struct word ring[ACT_WIN];
	size_t base, count;           /* index of the first buffered word, words buffered */
	int kept_prev;                /* the word before base is still in the ring */
	struct matches memo[ACT_WIN]; /* match_at() results, by word index */
	size_t memo_k[ACT_WIN];
	uint8_t memo_ok[ACT_WIN];
	int eof;
	/* The word before base was passed over by scan_skip() and is not in
	 * its ring slot yet: it is read there (from lazy_pos, the gap before
	 * it, as word_next() would have read it) only if someone asks. */
	int lazy;
	int lazy_prev_single; /* word_next()'s prev_single for it */
	int lazy_single;      /* it is a single capital letter */
	size_t lazy_pos;
};

/* Word k (absolute index) or NULL past the end of the text. */
static inline const struct word *scan_word(struct scan *s, size_t k)
{
	if (k - s->base < s->count)
		return &s->ring[k % ACT_WIN]; /* buffered already: the common case */
	if (k + 1 < s->base || (k + 1 == s->base && !s->kept_prev))
		return NULL;
	if (k + 1 == s->base) {
		/* the word before, kept for context */
		if (s->lazy) {
			size_t at = s->lazy_pos;
			word_next(s->text, s->len, &at, &s->ring[k % ACT_WIN], s->lazy_prev_single);
			s->lazy = 0;
		}
		return &s->ring[k % ACT_WIN];
	}
	while (!s->eof && k >= s->base + s->count && s->count < ACT_WIN - 1) {
		int single = 0;
		if (!s->count && s->lazy) {
			single = s->lazy_single;
		} else if (s->count || s->base) {
			const struct word *p = &s->ring[(s->base + s->count - 1) % ACT_WIN];
			single = word_is_single_cap(p);
		}
		struct word *w = &s->ring[(s->base + s->count) % ACT_WIN];
		if (!word_next(s->text, s->len, &s->pos, w, single))
			s->eof = 1;
		else
			s->count++;
	}
	if (k >= s->base + s->count)
		return NULL;
	return &s->ring[k % ACT_WIN];
}

static void scan_advance(struct scan *s, size_t to)
{
	while (s->base < to && s->count) {
		s->base++;
		s->count--;
		s->kept_prev = 1;
		s->lazy = 0;
	}
	if (s->base < to && !s->count) {
		/* Nothing buffered: read and drop words until index `to`. */
		while (s->base < to && scan_word(s, s->base)) {
			s->base++;
			s->count--;
			s->kept_prev = 1;
			s->lazy = 0;
		}
	}
}

/* Is some key with hash h in the dictionary?  0 means slot_find_h() finds
 * nothing for any key of that hash; 1 may be another key's. */
static inline int slot_hash_used(const struct actor_dict *d, uint32_t h)
{
	if (!d->n_slots)
		return 0;
	size_t mask = d->n_slots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		uint32_t sh = d->slots[i].hash;
		if (!sh)
			return 0;
		if (sh == h)
			return 1;
	}
}

/* hash_key_in() of the lower-cased ASCII letters and digits s[i..i+n),
 * read where they stand. */
static inline uint32_t hash_text_lower(const char *s, size_t i, size_t n, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	for (size_t o = 0; o < n; o += 8) {
		uint64_t x = ascii_lower8(ascii_load_le(s + i + o, n - o < 8 ? n - o : 8, i + o + 8 <= len));
		h = (h ^ x) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	uint32_t r = (uint32_t)h;
	return r ? r : 1;
}

/* The next word from pos when scan_skip() can judge it: ASCII letters and
 * digits after a gap of ASCII bytes that are no word's, ended where
 * word_next() ends it with no possessive (the end of the text, or an ASCII
 * byte that is neither a letter, a digit nor an apostrophe), and short
 * enough for its fold to be matched.  Such a word is plain: its fold is its
 * bytes in lower case.  0 for any other word, or none. */
static inline int plain_next(const char *text, size_t len, size_t pos, size_t *start, size_t *end)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = pos;

	while (i < len && u[i] < 0x80 && !ascii_in_class(u[i], ASCII_ALNUM))
		i++;
	if (i >= len || u[i] >= 0x80)
		return 0;
	size_t j = ascii_run(text, i + 1, len, ASCII_ALNUM);
	if ((j < len && (u[j] >= 0x80 || u[j] == '\'')) || j - i + 1 >= ACT_WORD_MAX)
		return 0;
	*start = i;
	*end = j;
	return 1;
}

static void fold_plain(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)(src[i] >= 'A' && src[i] <= 'Z' ? src[i] - 'A' + 'a' : src[i]);
}

/* Can a value of slot sl accept the plain word text[0..n) as its only or
 * first word?  A value whose first word matches case-sensitively needs the
 * word exactly as written ("IS" is not "is"); value_accepts() rejects it
 * otherwise, before anything else. */
static int slot_may_accept(const struct actor_dict *d, const struct slot *sl, const char *text, size_t n)
{
	for (int32_t vi = sl->head; vi >= 0; vi = d->values[vi].next) {
		const struct value *v = &d->values[vi];
		if (!(v->cs_mask & 1))
			return 1;
		const char *raw = d->pool + v->raw_off;
		if (strlen(raw) == n && memcmp(raw, text, n) == 0)
			return 1;
	}
	return 0;
}

/* Can match_compute() find anything at the plain word text[i..j)?  0 only
 * when it surely finds nothing: no key is the word's fold, its fold less a
 * plural "s" where match_compute() tries that, nor (where the fold is only
 * the start of longer keys: "the", "a", "security") the fold with the next
 * word's.  1 when unsure. */
static int plain_may_match(const struct actor_dict *d, const char *text, size_t len, size_t i, size_t j)
{
	size_t n = j - i;

	if (n > 4 && (text[j - 1] | 0x20) == 's' && (text[j - 2] | 0x20) != 's' &&
	    slot_hash_used(d, hash_text_lower(text, i, n - 1, len)))
		return 1;
	uint32_t h = hash_text_lower(text, i, n, len);
	if (!slot_hash_used(d, h))
		return 0;
	char key[2 * ACT_WORD_MAX];
	fold_plain(key, text + i, n);
	const struct slot *sl = slot_find_h(d, key, n, h);
	if (!sl)
		return 0; /* another key's hash */
	if (sl->head >= 0 && slot_may_accept(d, sl, text + i, n))
		return 1;
	if (!sl->prefix)
		return 0;
	/* Only longer keys start here: the two-word key decides. */
	size_t i1, j1;
	if (!plain_next(text, len, j, &i1, &j1))
		return 1;
	key[n] = ' ';
	fold_plain(key + n + 1, text + i1, j1 - i1);
	size_t kl = n + 1 + (j1 - i1);
	if (slot_hash_used(d, hash_key_in(key, kl, kl)))
		return 1;
	return kl > 4 && key[kl - 1] == 's' && key[kl - 2] != 's' &&
	       slot_hash_used(d, hash_key_in(key, kl - 1, kl));
}

/* Passes over the words from base on that no phrase can start at, with
 * nothing buffered: most words of a text.  For such a word (plain, and
 * plain_may_match() says 0) match_at() finds nothing, so parse_at()
 * returns no parse and actors_scan() would only step on: this steps on
 * without reading the word into the ring.  The last word passed over
 * stays readable as the word before base (the lazy fields).  Returns the
 * new base. */
static size_t scan_skip(struct scan *s)
{
	if (s->count || s->eof)
		return s->base;
	int single;
	if (s->lazy)
		single = s->lazy_single;
	else if (s->base)
		single = word_is_single_cap(&s->ring[(s->base - 1) % ACT_WIN]);
	else
		single = 0;
	for (;;) {
		size_t i, j;
		if (!plain_next(s->text, s->len, s->pos, &i, &j) ||
		    plain_may_match(s->d, s->text, s->len, i, j))
			break;
		s->lazy = 1;
		s->lazy_pos = s->pos;
		s->lazy_prev_single = single;
		single = j == i + 1 && s->text[i] >= 'A' && s->text[i] <= 'Z';
		s->lazy_single = single;
		s->pos = j;
		s->base++;
		s->kept_prev = 1;
	}
	return s->base;
}

/* Does value v accept the text words k.. ? */
static int value_accepts(struct scan *s, const struct value *v, size_t k, int plural)
{
	const struct actor_dict *d = s->d;
	const char *raw = d->pool + v->raw_off;
	int any_upper = 0;

	for (size_t i = 0; i < v->nwords; i++) {
		const struct word *w = scan_word(s, k + i);
		size_t rl = strlen(raw);
		if (!w)
			return 0;
		if (v->cs_mask & (1u << i)) {
			if (plural && i + 1 == v->nwords)
				return 0;
			if (w->end - w->start != rl || memcmp(s->text + w->start, raw, rl) != 0)
				return 0;
		}
		any_upper |= w->upper_or_dig;
		raw += rl + 1;
	}
	const struct word *w0 = scan_word(s, k);
	if (v->kind == V_NAMED && v->needs_cap && !any_upper)
		return 0;
	if (v->kind == V_DEMONYM && !w0->cap && !(v->cs_mask & 1))
		return 0;
	if (v->kind == V_TERM && d->terms[v->idx].cls == T_ETHNIC && !w0->cap)
		return 0;
	/* A lone two-letter acronym ("IS", "US") amid capitals is a headline word. */
	if (v->nwords == 1 && v->cs_mask == 1 && w0->end - w0->start == 2) {
		const struct word *nb[2] = {k ? scan_word(s, k - 1) : NULL, scan_word(s, k + 1)};
		for (int j = 0; j < 2; j++)
			if (nb[j] && nb[j]->allcaps && nb[j]->end - nb[j]->start >= 3)
				return 0;
	}
	return 1;
}

static void consider(struct scan *s, const struct slot *sl, size_t k, size_t nwords, int plural,
                     struct matches *m)
{
	const struct actor_dict *d = s->d;
	for (int32_t vi = sl->head; vi >= 0; vi = d->values[vi].next) {
		const struct value *v = &d->values[vi];
		if (!value_accepts(s, v, k, plural))
			continue;
		struct match *slot;
		if (v->kind == V_NAMED)
			slot = &m->named;
		else if (v->kind == V_DEMONYM)
			slot = &m->demonym;
		else
			slot = &m->term[d->terms[v->idx].cls];
		if (slot->value < 0 || nwords > slot->nwords) {
			slot->value = vi;
			slot->nwords = (uint32_t)nwords;
		}
	}
}

/* Every dictionary phrase starting at word k, the longest of each kind. */
static void match_compute(struct scan *s, size_t k, struct matches *m)
{
	char key[ACT_KEY_MAX];
	size_t klen = 0;

	m->named.value = m->demonym.value = -1;
	m->named.nwords = m->demonym.nwords = 0;
	for (int c = 0; c <= T_ANTI; c++) {
		m->term[c].value = -1;
		m->term[c].nwords = 0;
	}
	for (size_t n = 0; n < ACT_MAX_WORDS; n++) {
		const struct word *w = scan_word(s, k + n);
		if (!w || !w->flen || (n && !w->soft))
			break;
		if (klen + w->flen + 2 > sizeof(key))
			break;
		/* The key so far: the first word's fold as it is (most lookups
		 * stop there), the words joined in key[] from the second on. */
		const char *kp = w->fold;
		size_t room = sizeof(w->fold);
		if (n) {
			key[klen++] = ' ';
			memcpy(key + klen, w->fold, w->flen);
			kp = key;
			room = sizeof(key);
		}
		klen += w->flen;
		const struct slot *sl = slot_find_h(s->d, kp, klen, hash_key_in(kp, klen, room));
		if (sl && sl->head >= 0)
			consider(s, sl, k, n + 1, 0, m);
		/* Plurals of names: "Houthis", "Mai-Mais". */
		if (klen > 4 && kp[klen - 1] == 's' && kp[klen - 2] != 's') {
			const struct slot *ps =
			    slot_find_h(s->d, kp, klen - 1, hash_key_in(kp, klen - 1, room));
			if (ps && ps->head >= 0)
				consider(s, ps, k, n + 1, 1, m);
		}
		if (!sl || !sl->prefix)
			break;
		if (!n)
			memcpy(key, w->fold, w->flen); /* the next word extends it */
	}
}

/* match_compute(), remembered: the grammar asks about a word many times. */
static void match_at(struct scan *s, size_t k, struct matches *m)
{
	size_t slot = k % ACT_WIN;
	if (s->memo_ok[slot] && s->memo_k[slot] == k) {
		*m = s->memo[slot];
		return;
	}
	match_compute(s, k, m);
	/* Near the end of the ring a phrase may have been cut short: not kept. */
	if (s->eof || k + ACT_MAX_WORDS < s->base + ACT_WIN - 1) {
		s->memo[slot] = *m;
		s->memo_k[slot] = k;
		s->memo_ok[slot] = 1;
	}
}

/* ------------------------------------------------------------ building mentions */

static const char *country_name(const struct actor_dict *d, const char *cc, int of_form)
{
	if (cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z' && !cc[2]) {
		int i = d->country_at[(cc[0] - 'A') * 26 + (cc[1] - 'A')];
		if (i >= 0)
			return d->pool + (of_form ? d->countries[i].of_off : d->countries[i].name_off);
		if (d->n_countries <= INT16_MAX)
			return NULL; /* the index covers them all */
	}
	for (size_t i = 0; i < d->n_countries; i++)
		if (strcmp(d->countries[i].cc, cc) == 0)
			return d->pool + (of_form ? d->countries[i].of_off : d->countries[i].name_off);
	return NULL;
}

/* Expand a template: "@" becomes the country's name ("of the United
 * States" form after "of "); without a country the "@" part is dropped:
 * "Military Forces of @" -> "Military Forces", "Civilians (@)" -> "Civilians". */
/* Append src[0..n) to out (used o of outlen), cut as snprintf() cuts. */
static size_t put(char *out, size_t outlen, size_t o, const char *src, size_t n)
{
	if (o + 1 >= outlen)
		return o;
	if (n > outlen - 1 - o)
		n = outlen - 1 - o;
	memcpy(out + o, src, n);
	return o + n;
}

static void expand_template(const struct actor_dict *d, const char *tmpl, const char *cc, char *out,
                            size_t outlen)
{
	if (!outlen)
		return;
	const char *at = strchr(tmpl, '@');
	const char *cname = NULL;
	size_t o;
	if (!at) {
		o = put(out, outlen, 0, tmpl, strlen(tmpl));
		out[o] = '\0';
		return;
	}
	size_t pre = (size_t)(at - tmpl);
	int of_form = pre >= 3 && strncmp(at - 3, "of ", 3) == 0;
	if (cc && cc[0])
		cname = country_name(d, cc, of_form);
	if (cname) {
		o = put(out, outlen, 0, tmpl, pre);
		o = put(out, outlen, o, cname, strlen(cname));
		o = put(out, outlen, o, at + 1, strlen(at + 1));
		out[o] = '\0';
		return;
	}
	while (pre && tmpl[pre - 1] == ' ')
		pre--;
	if (pre >= 3 && strncmp(tmpl + pre - 3, " of", 3) == 0)
		pre -= 3;
	else if (pre && tmpl[pre - 1] == '(')
		pre--;
	while (pre && tmpl[pre - 1] == ' ')
		pre--;
	o = put(out, outlen, 0, tmpl, pre);
	out[o] = '\0';
}

static void mention_set(struct actor_mention *m, size_t start, size_t end, const char *name,
                        enum actor_type type, const char *cc, unsigned flags)
{
	m->start = start;
	m->end = end;
	event_strlcpy(m->name, name, sizeof(m->name));
	m->type = type;
	event_strlcpy(m->country_code, cc ? cc : "", sizeof(m->country_code));
	m->flags = flags;
}

static void mention_named(const struct actor_dict *d, struct actor_mention *m, size_t start, size_t end,
                          const struct named *n, unsigned extra)
{
	mention_set(m, start, end, d->pool + n->name_off, n->type, n->cc, n->flags | extra);
}

static void mention_term(const struct actor_dict *d, struct actor_mention *m, size_t start, size_t end,
                         const struct term *t, const char *cc)
{
	char name[EVENT_NAME_MAX];
	expand_template(d, d->pool + t->tmpl_off, cc, name, sizeof(name));
	mention_set(m, start, end, name, t->type, cc, t->flags);
}

static int term_is_armed(const struct term *t)
{
	return t->cls == T_FORCE ||
	       (t->cls == T_GROUP && (t->type == ACTOR_REBEL_GROUP || t->type == ACTOR_POLITICAL_MILITIA ||
	                              t->type == ACTOR_IDENTITY_MILITIA || t->type == ACTOR_STATE_FORCES));
}

/* One parse of the words at a position: the mentions it yields and the
 * word index just after it. */
struct parse {
	size_t end; /* word index after the parse; 0: no parse */
	size_t n;
	struct actor_mention m[ACT_MAX_DEMONYMS];
};

static const struct term *match_term(const struct actor_dict *d, const struct match *mt)
{
	return mt->value >= 0 ? &d->terms[d->values[mt->value].idx] : NULL;
}

static const struct named *match_named(const struct actor_dict *d, const struct match *mt)
{
	return mt->value >= 0 ? &d->named[d->values[mt->value].idx] : NULL;
}

static const char *match_cc(const struct actor_dict *d, const struct match *mt)
{
	return d->countries[d->values[mt->value].idx].cc;
}

static size_t word_end_off(struct scan *s, size_t k)
{
	const struct word *w = scan_word(s, k - 1);
	return w ? w->end : s->len;
}

/* The longest noun among m's force nouns and generic actors (and, when
 * owned is set, the deeds that need an owner: "air strikes"). */
static const struct term *best_noun(const struct actor_dict *d, const struct matches *m, int owned, size_t *n)
{
	static const enum term_class cls[] = {T_FORCE, T_GROUP, T_OWNED};
	const struct term *t = NULL;

	*n = 0;
	for (size_t i = 0; i < (owned ? 3u : 2u); i++) {
		if (m->term[cls[i]].value >= 0 && m->term[cls[i]].nwords > *n) {
			t = match_term(d, &m->term[cls[i]]);
			*n = m->term[cls[i]].nwords;
		}
	}
	return t;
}

/* A noun after a named actor that adds nothing but flags: "Taliban
 * fighters", "Houthi rebels", "coalition warplanes", "Israeli air strikes". */
static size_t trailing_noun(struct scan *s, size_t k, unsigned *flags)
{
	struct matches m;
	size_t n;
	const struct word *w = scan_word(s, k);
	if (!w || !w->joined)
		return 0;
	match_at(s, k, &m);
	const struct term *t = best_noun(s->d, &m, 1, &n);
	if (!t || !(term_is_armed(t) || t->cls == T_OWNED))
		return 0;
	*flags |= t->flags & (ACTOR_F_AIR | ACTOR_F_POLICE);
	return n;
}

static int word_is(const struct word *w, const char *lower)
{
	return w && w->flen == strlen(lower) && memcmp(w->fold, lower, w->flen) == 0;
}

/* "of [the] COUNTRY [FORCE]" at word k: the words it takes and, in *cc,
 * the country; 0 when the words are something else. */
static size_t of_country(struct scan *s, size_t k, const char **cc)
{
	struct matches m;
	const struct word *w = scan_word(s, k);
	size_t j = k + 1;

	if (!w || !w->joined || !word_is(w, "of"))
		return 0;
	if (word_is(scan_word(s, j), "the") && scan_word(s, j)->joined)
		j++;
	const struct word *c = scan_word(s, j);
	if (!c || !c->joined)
		return 0;
	match_at(s, j, &m);
	if (m.demonym.value < 0)
		return 0;
	*cc = match_cc(s->d, &m.demonym);
	j += m.demonym.nwords;
	const struct word *f = scan_word(s, j);
	if (f && f->joined) {
		match_at(s, j, &m);
		if (m.term[T_FORCE].value >= 0)
			j += m.term[T_FORCE].nwords; /* "of the Syrian regime" */
	}
	return j - k;
}

/* The head of a composition at word k: a named actor (with its trailing
 * noun), an ethnic adjective with a noun, or a noun.  cc is a demonym's
 * country for nouns (NULL when the modifier is a backer, not the owner). */
static void parse_head(struct scan *s, size_t k, size_t start_off, const char *cc, struct parse *p)
{
	const struct actor_dict *d = s->d;
	struct matches m;
	size_t best_n = 0, noun_n;

	p->end = 0;
	p->n = 0;
	match_at(s, k, &m);
	const struct term *noun = best_noun(d, &m, cc != NULL, &noun_n);
	if (m.named.value >= 0) {
		unsigned extra = 0;
		size_t n = m.named.nwords;
		n += trailing_noun(s, k + n, &extra);
		if (n >= noun_n) {
			extra |= d->values[m.named.value].extra;
			mention_named(d, &p->m[0], start_off, word_end_off(s, k + n),
			              match_named(d, &m.named), extra);
			p->n = 1;
			p->end = k + n;
			best_n = n;
		}
	}
	if (m.term[T_ETHNIC].value >= 0) {
		const struct term *eth = match_term(d, &m.term[T_ETHNIC]);
		size_t e = m.term[T_ETHNIC].nwords;
		struct matches m2;
		match_at(s, k + e, &m2);
		const struct word *w = scan_word(s, k + e);
		size_t n2;
		const struct term *t2 = best_noun(d, &m2, 0, &n2);
		if (t2 && w && w->joined && e + n2 > best_n) {
			size_t endoff = word_end_off(s, k + e + n2);
			const char *ecc = eth->cc[0] ? eth->cc : cc;
			if (term_is_armed(t2)) {
				char name[EVENT_NAME_MAX];
				expand_template(d, d->pool + eth->tmpl_off, ecc, name, sizeof(name));
				mention_set(&p->m[0], start_off, endoff, name, eth->type, ecc,
				            eth->flags | (t2->flags & (ACTOR_F_AIR | ACTOR_F_POLICE)));
			} else {
				mention_term(d, &p->m[0], start_off, endoff, t2, ecc);
			}
			p->n = 1;
			p->end = k + e + n2;
			best_n = e + n2;
		}
	}
	if (noun && noun_n > best_n) {
		unsigned extra = 0;
		/* "regime fighters", "army units": the force keeps its name. */
		if (noun->cls == T_FORCE)
			noun_n += trailing_noun(s, k + noun_n, &extra);
		/* "military forces of Mozambique", "troops of the Malian army". */
		if (noun->cls == T_FORCE && !cc)
			noun_n += of_country(s, k + noun_n, &cc);
		mention_term(d, &p->m[0], start_off, word_end_off(s, k + noun_n), noun, cc);
		p->m[0].flags |= extra;
		p->n = 1;
		p->end = k + noun_n;
	}
}

/* "X-backed HEAD", "X-led coalition", "X-linked militants" after the
 * modifier X ended at word k.  named: X when it was a named actor; cc: X's
 * country when it was a demonym. */
static int parse_link(struct scan *s, size_t k, size_t start_off, const struct named *x, const char *cc,
                      struct parse *p)
{
	const struct actor_dict *d = s->d;
	struct matches m;
	const struct word *w = scan_word(s, k);

	if (!w || !w->hyphen)
		return 0;
	match_at(s, k, &m);
	const struct term *link = match_term(d, &m.term[T_LINK]);
	if (!link || link->link == L_PLACE)
		return 0;
	size_t h = k + m.term[T_LINK].nwords;
	const struct word *hw = scan_word(s, h);
	if (!hw || !hw->joined)
		return 0;
	parse_head(s, h, start_off, NULL, p);
	if (!p->end)
		return 0;
	struct actor_mention *am = &p->m[0];
	int head_is_term = (am->flags & (ACTOR_F_GENERIC | ACTOR_F_STATE)) && !am->country_code[0];
	if (link->link == L_AFFILIATE && x && head_is_term) {
		mention_named(d, am, am->start, am->end, x, am->flags & (ACTOR_F_AIR | ACTOR_F_POLICE));
	} else if (link->link == L_BACKER && (am->flags & ACT_F_PLAIN) && !am->country_code[0]) {
		/* "US-backed forces" are somebody's proxies, not the state's army. */
		mention_set(am, am->start, am->end, "Unidentified Armed Group", ACTOR_POLITICAL_MILITIA, "",
		            ACTOR_F_GENERIC);
	} else if (link->link == L_LEADER && head_is_term && (am->flags & ACTOR_F_COALITION)) {
		if (x) {
			mention_named(d, am, am->start, am->end, x, ACTOR_F_COALITION);
		} else if (cc) {
			char name[EVENT_NAME_MAX];
			expand_template(d, "Military Forces of @", cc, name, sizeof(name));
			mention_set(am, am->start, am->end, name, ACTOR_STATE_FORCES, cc,
			            ACTOR_F_STATE | ACTOR_F_COALITION);
		}
	}
	return 1;
}

/* Is word k "and" or "or", as in "Russian and Syrian warplanes"? */
static int is_list_joiner(struct scan *s, size_t k)
{
	const struct word *w = scan_word(s, k);
	if (!w || !(w->joined || w->comma))
		return 0;
	return (w->flen == 3 && memcmp(w->fold, "and", 3) == 0) ||
	       (w->flen == 2 && memcmp(w->fold, "or", 2) == 0);
}

/* Where the next demonym of a list starts after word j-1 ("and Syrian",
 * ", Syrian", ", and Syrian"), or 0 when the list ends. */
static size_t list_next(struct scan *s, size_t j)
{
	const struct word *w = scan_word(s, j);
	if (!w)
		return 0;
	if (is_list_joiner(s, j)) {
		const struct word *a = scan_word(s, j + 1);
		return a && a->joined ? j + 1 : 0;
	}
	return w->comma ? j : 0;
}

/* A demonym list and its head ("Russian and Syrian warplanes"), or one
 * demonym and a link ("US-backed fighters", "Saudi-led coalition"). */
static void parse_demonyms(struct scan *s, size_t k, size_t start_off, struct parse *p)
{
	const struct actor_dict *d = s->d;
	struct matches m;
	const char *ccs[ACT_MAX_DEMONYMS];
	size_t starts[ACT_MAX_DEMONYMS], n = 0, j = k;

	p->end = 0;
	p->n = 0;
	for (;;) {
		match_at(s, j, &m);
		if (m.demonym.value < 0)
			break;
		ccs[n] = match_cc(d, &m.demonym);
		starts[n] = n ? scan_word(s, j)->start : start_off;
		n++;
		j += m.demonym.nwords;
		if (n == 1 && parse_link(s, j, start_off, NULL, ccs[0], p))
			return;
		size_t jn = n < ACT_MAX_DEMONYMS ? list_next(s, j) : 0;
		if (!jn)
			break;
		struct matches m2;
		match_at(s, jn, &m2);
		if (m2.demonym.value < 0)
			break;
		j = jn;
	}
	if (!n)
		return;
	const struct word *hw = scan_word(s, j);
	if (!hw || !hw->joined)
		return;
	struct parse head;
	parse_head(s, j, starts[n - 1], ccs[n - 1], &head);
	if (!head.end)
		return;
	/* Only nouns distribute over a list; a named head stands alone. */
	struct actor_mention *hm = &head.m[0];
	int noun =
	    (hm->flags & (ACTOR_F_GENERIC | ACTOR_F_STATE)) && strcmp(hm->country_code, ccs[n - 1]) == 0;
	if (!noun) {
		if (n > 1)
			return;
		hm->start = start_off;
		*p = head;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		parse_head(s, j, starts[i], ccs[i], &head);
		p->m[i] = head.m[0];
	}
	p->n = n;
	p->end = head.end;
}

/* "pro-Houthi forces", "pro-Iranian militias". */
static void parse_pro(struct scan *s, size_t k, size_t start_off, struct parse *p)
{
	const struct actor_dict *d = s->d;
	struct matches m;
	const struct word *w = scan_word(s, k);

	p->end = 0;
	p->n = 0;
	if (!w || !w->hyphen)
		return;
	match_at(s, k, &m);
	size_t x;
	const struct named *named = NULL;
	if (m.named.value >= 0 && m.named.nwords >= m.demonym.nwords) {
		named = match_named(d, &m.named);
		x = m.named.nwords;
	} else if (m.demonym.value >= 0) {
		x = m.demonym.nwords;
	} else {
		return;
	}
	const struct word *hw = scan_word(s, k + x);
	if (hw && hw->joined)
		parse_head(s, k + x, start_off, NULL, p);
	if (!p->end) {
		/* "pro-Taliban fighters": the alias took the noun along. */
		if (named) {
			mention_named(d, &p->m[0], start_off, word_end_off(s, k + x), named,
			              d->values[m.named.value].extra);
			p->n = 1;
			p->end = k + x;
		}
		return;
	}
	struct actor_mention *am = &p->m[0];
	if (named && (am->flags & (ACTOR_F_GENERIC | ACTOR_F_STATE)) && !am->country_code[0])
		mention_named(d, am, am->start, am->end, named, am->flags & (ACTOR_F_AIR | ACTOR_F_POLICE));
}

/* "anti-Houthi forces", "anti-government protesters": the group after
 * "anti" is what the actor opposes, so it is skipped; the head, if any,
 * stands without it.  Without a head the words are still consumed. */
static void parse_anti(struct scan *s, size_t k, size_t start_off, struct parse *p)
{
	struct matches m;
	const struct word *w = scan_word(s, k);

	p->end = 0;
	p->n = 0;
	if (!w || !w->hyphen)
		return;
	match_at(s, k, &m);
	size_t x = m.named.nwords > m.demonym.nwords ? m.named.nwords : m.demonym.nwords;
	const struct term *t = match_term(s->d, &m.term[T_OWNED]);
	if (t && m.term[T_OWNED].nwords > x)
		x = m.term[T_OWNED].nwords; /* "anti-government" */
	if (!x)
		return;
	/* The opposed group may have swallowed the head: "Houthi forces". */
	for (size_t xx = x; xx >= 1; xx--) {
		const struct word *hw = scan_word(s, k + xx);
		if (hw && hw->joined) {
			parse_head(s, k + xx, start_off, NULL, p);
			if (p->end)
				return;
		}
	}
	p->end = k + x;
	p->n = 0;
}

static void parse_take(struct parse *best, const struct parse *cand)
{
	if (cand->end > best->end)
		*best = *cand;
}

/* All parses with their head at word p; the mention starts at start_off. */
static void parse_from(struct scan *s, size_t p, size_t start_off, struct parse *best)
{
	struct matches m;
	struct parse cand;

	match_at(s, p, &m);
	if (m.named.value >= 0) {
		const struct named *x = match_named(s->d, &m.named);
		if (parse_link(s, p + m.named.nwords, start_off, x, NULL, &cand))
			parse_take(best, &cand);
	}
	parse_head(s, p, start_off, NULL, &cand);
	parse_take(best, &cand);
	if (m.term[T_PRO].value >= 0) {
		parse_pro(s, p + m.term[T_PRO].nwords, start_off, &cand);
		parse_take(best, &cand);
	}
	if (m.term[T_ANTI].value >= 0) {
		parse_anti(s, p + m.term[T_ANTI].nwords, start_off, &cand);
		parse_take(best, &cand);
	}
	if (m.demonym.value >= 0) {
		parse_demonyms(s, p, start_off, &cand);
		parse_take(best, &cand);
	}
}

static int matches_any(const struct matches *m)
{
	if (m->named.value >= 0 || m->demonym.value >= 0)
		return 1;
	for (int c = 0; c <= T_ANTI; c++)
		if (m->term[c].value >= 0)
			return 1;
	return 0;
}

/* The longest parse at word k, modifiers ("suspected", "unidentified")
 * included; on equal ends the earlier alternative wins. */
static void parse_at(struct scan *s, size_t k, struct parse *best)
{
	struct matches m;
	size_t start_off = scan_word(s, k)->start, p = k;

	best->end = 0;
	best->n = 0;
	/* No phrase of any kind starts at k (most words): every parse below
	 * begins with this same, memoised lookup and finds nothing. */
	match_at(s, k, &m);
	if (!matches_any(&m))
		return;
	parse_from(s, k, start_off, best);
	for (int i = 0; i < ACT_MAX_PRE; i++) {
		match_at(s, p, &m);
		if (m.term[T_PRE].value < 0)
			break;
		p += m.term[T_PRE].nwords;
		const struct word *nw = scan_word(s, p);
		if (!nw || !nw->joined)
			break;
		parse_from(s, p, start_off, best);
	}
}

static size_t scan_text(const struct actor_dict *d, const char *text, size_t len, struct actor_mention *out,
                        size_t max, int skip)
{
	struct scan s;
	size_t n = 0;

	if (!d || !text || !max)
		return 0;
	if (len > UINT32_MAX)
		len = UINT32_MAX; /* word offsets are 32-bit; articles are far smaller */
	memset(&s, 0, sizeof(s));
	s.d = d;
	s.text = text;
	s.len = len;
	for (size_t k = 0; n < max;) {
		struct parse p;
		if (skip && k == s.base)
			k = scan_skip(&s);
		if (!scan_word(&s, k))
			break;
		parse_at(&s, k, &p);
		if (!p.end) {
			scan_advance(&s, ++k);
			continue;
		}
		/* "IS-held", "regime-controlled": a place's description, not an actor. */
		const struct word *nx = scan_word(&s, p.end);
		if (nx && nx->hyphen) {
			struct matches m;
			match_at(&s, p.end, &m);
			const struct term *t = match_term(d, &m.term[T_LINK]);
			if (t && t->link == L_PLACE) {
				p.n = 0;
				p.end += m.term[T_LINK].nwords;
			}
		}
		for (size_t i = 0; i < p.n && n < max; i++) {
			out[n] = p.m[i];
			out[n++].flags &= ACT_F_PUBLIC;
		}
		k = p.end;
		scan_advance(&s, k);
	}
	return n;
}

size_t actors_scan(const struct actor_dict *d, const char *text, size_t len, struct actor_mention *out,
                   size_t max)
{
	return scan_text(d, text, len, out, max, 1);
}

size_t actors_scan_every_word(const struct actor_dict *d, const char *text, size_t len,
                              struct actor_mention *out, size_t max)
{
	return scan_text(d, text, len, out, max, 0);
}

int actors_set_country(const struct actor_dict *d, struct actor_mention *m, const char *cc)
{
	char name[EVENT_NAME_MAX];

	if (!d || !m || !cc || strlen(cc) != 2 || m->country_code[0] || !country_name(d, cc, 0))
		return -1;
	/* Compositions left without a country are exactly a template's bare form. */
	for (size_t i = 0; i < d->n_terms; i++) {
		const struct term *t = &d->terms[i];
		if (t->cls != T_FORCE && t->cls != T_GROUP && t->cls != T_ETHNIC)
			continue;
		if (strcmp(d->pool + t->bare_off, m->name) == 0) {
			expand_template(d, d->pool + t->tmpl_off, cc, name, sizeof(name));
			event_strlcpy(m->name, name, sizeof(m->name));
			break;
		}
	}
	event_strlcpy(m->country_code, cc, sizeof(m->country_code));
	return 0;
}
