/*
 * numbers.c - numerals, English number words and vague quantities.
 *
 * One left-to-right pass over the text.  At each word an expression is tried:
 *
 *     [modifier] core [range tail]
 *
 * where the modifier is "at least", "up to", "about", "between" ..., the core
 * is digits ("1,100", "3.5 million"), number words ("three hundred and
 * fifty", "twenty-five", "two dozen", "half a dozen") or a vague word
 * ("dozens", "hundreds of thousands"), and the tail is "to 15", "-15",
 * "or 3" or, after "between", "and 15".  Case is ignored throughout, so the
 * ALL-CAPS wire text of MUC-4 reads the same as ordinary prose.
 *
 * Vague words take ACLED's coding values.  ACLED's fatality FAQ ("Fatalities",
 * acleddata.com, 2023) states the rule: "tens" is coded 10, "dozens" 12,
 * "hundreds" 100 "and so on"; we extend "and so on" to "thousands" 1000,
 * "tens of thousands" 10000 and "hundreds of thousands" 100000, and read
 * "scores of" as 20 (one score).  For "several", "a few" and "a handful" the
 * FAQ text we could check gives no number; we choose 3, the conservative
 * figure this project already uses for deaths reported without a number
 * (DESIGN.md, after ACLED's practice), and flag it VAGUE so callers mark the
 * count imputed.  "many" and "numerous" are left to the caller's imputation.
 *
 * Numbers that are not counts are flagged (years, ordinals, the day of a
 * date) or skipped (percentages, money, times, "25/07/2018", "F-16").
 * Everything here is closed-class English grammar, so it lives in C.
 */
#include "extract/numbers.h"

#include "extract/ascii_run.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

/* Counts beyond this are not casualty figures; larger literals are clamped. */
#define NUM_MAX 1000000000000L

/* ---- a tiny lexer -------------------------------------------------------- */

enum tok_kind { T_END, T_WORD, T_DIGITS, T_PUNCT };

struct tok {
	size_t start, end;
	enum tok_kind kind;
};

/* ASCII letters, as isalpha() in the C locale, without a call per byte
 * (and whatever locale the host program set). */
static int is_alpha(char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* isspace() in the C locale: space, \t \n \v \f \r. */
static int is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

#if defined(__GNUC__)
#define LEX_INLINE __attribute__((always_inline)) inline
#else
#define LEX_INLINE inline
#endif

/* The token at or after p.  Words are ASCII letters with inner apostrophes;
 * a hyphen is its own token so "twenty-five" reads as three.  Inlined into
 * the scan's loop, which lexes every token of the text; the other readers
 * call lex() below. */
static LEX_INLINE struct tok lex_next(const char *s, size_t len, size_t p)
{
	struct tok t;

	while (p < len && is_space(s[p]))
		p++;
	t.start = p;
	if (p >= len) {
		t.end = p;
		t.kind = T_END;
		return t;
	}
	if (is_alpha(s[p])) {
		/* letters, and an apostrophe between letters */
		for (p = ascii_run(s, p + 1, len, ASCII_ALPHA);
		     p + 1 < len && s[p] == '\'' && is_alpha(s[p + 1]);)
			p = ascii_run(s, p + 2, len, ASCII_ALPHA);
		t.kind = T_WORD;
	} else if (is_digit(s[p])) {
		while (p < len && (is_digit(s[p]) ||
		                   ((s[p] == ',' || s[p] == '.') && p + 1 < len && is_digit(s[p + 1]))))
			p++;
		t.kind = T_DIGITS;
	} else if ((unsigned char)s[p] >= 0x80) {
		/* A non-ASCII letter run is a word we never match. */
		while (p < len && ((unsigned char)s[p] >= 0x80 || is_alpha(s[p])))
			p++;
		t.kind = T_WORD;
	} else {
		p++;
		t.kind = T_PUNCT;
	}
	t.end = p;
	return t;
}

static struct tok lex(const char *s, size_t len, size_t p)
{
	return lex_next(s, len, p);
}

/* Case-insensitive match of a token with a lower-case word; letters fold
 * by their 0x20 bit, which leaves digits and the punctuation we use alone.
 * Fails at the first differing byte: this is the scan's hottest path. */
static int tok_is(const char *s, struct tok t, const char *word)
{
	size_t n = t.end - t.start;
	const char *p = s + t.start;

	if (!(t.kind != T_END))
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (word[k] == '\0' || (char)(p[k] | 0x20) != word[k])
			return 0;
	}
	return word[n] == '\0';
}

/* ---- word tables (closed-class English) ---------------------------------- */

static const char *const unit_words[] = {"zero",    "one",     "two",       "three",    "four",
                                         "five",    "six",     "seven",     "eight",    "nine",
                                         "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                         "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[] = {NULL,    NULL,    "twenty",  "thirty", "forty",
                                         "fifty", "sixty", "seventy", "eighty", "ninety"};
static const char *const unit_ordinals[] = {
    NULL,         "first",     "second",    "third",       "fourth",     "fifth",     "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",   "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
static const char *const tens_ordinals[] = {NULL,       NULL,       "twentieth",  "thirtieth", "fortieth",
                                            "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"};

static const char *const month_words[] = {
    "jan",       "january", "feb", "february", "mar", "march",    "apr", "april", "may",
    "jun",       "june",    "jul", "july",     "aug", "august",   "sep", "sept",  "oct",
    "september", "october", "nov", "november", "dec", "december", NULL,
};

struct modifier {
	const char *words[3];
	unsigned flags;
};

/* NUM_F_RANGE on "between" only marks that "and" may close the range. */
static const struct modifier modifiers[] = {
    {{"at", "least", NULL}, NUM_F_AT_LEAST},   {{"more", "than", NULL}, NUM_F_AT_LEAST},
    {{"over", NULL, NULL}, NUM_F_AT_LEAST},    {{"upwards", "of", NULL}, NUM_F_AT_LEAST},
    {{"in", "excess", "of"}, NUM_F_AT_LEAST},  {{"no", "fewer", "than"}, NUM_F_AT_LEAST},
    {{"no", "less", "than"}, NUM_F_AT_LEAST},  {{"not", "less", "than"}, NUM_F_AT_LEAST},
    {{"a", "minimum", "of"}, NUM_F_AT_LEAST},  {{"up", "to", NULL}, NUM_F_AT_MOST},
    {{"nearly", NULL, NULL}, NUM_F_AT_MOST},   {{"almost", NULL, NULL}, NUM_F_AT_MOST},
    {{"less", "than", NULL}, NUM_F_AT_MOST},   {{"fewer", "than", NULL}, NUM_F_AT_MOST},
    {{"under", NULL, NULL}, NUM_F_AT_MOST},    {{"as", "many", "as"}, NUM_F_AT_MOST},
    {{"no", "more", "than"}, NUM_F_AT_MOST},   {{"at", "most", NULL}, NUM_F_AT_MOST},
    {{"close", "to", NULL}, NUM_F_AT_MOST},    {{"about", NULL, NULL}, NUM_F_APPROX},
    {{"around", NULL, NULL}, NUM_F_APPROX},    {{"some", NULL, NULL}, NUM_F_APPROX},
    {{"roughly", NULL, NULL}, NUM_F_APPROX},   {{"approximately", NULL, NULL}, NUM_F_APPROX},
    {{"approx", ".", NULL}, NUM_F_APPROX},     {{"approx", NULL, NULL}, NUM_F_APPROX},
    {{"an", "estimated", NULL}, NUM_F_APPROX}, {{"estimated", NULL, NULL}, NUM_F_APPROX},
    {{"between", NULL, NULL}, NUM_F_RANGE},
};

static int word_index(const char *s, struct tok t, const char *const *list, int n)
{
	if (t.kind != T_WORD)
		return -1;
	for (int k = 0; k < n; k++) {
		if (list[k] && tok_is(s, t, list[k]))
			return k;
	}
	return -1;
}

static int is_month(const char *s, struct tok t)
{
	for (int k = 0; month_words[k]; k++) {
		if (tok_is(s, t, month_words[k]))
			return 1;
	}
	return 0;
}

/* Which words can begin an expression, and how: a modifier ("at", "more",
 * "some") and/or a core ("seventeen", "dozens", "a").  Most words are
 * neither, and one hash probe lets the scan skip them without trying every
 * pattern.  The table is built once, on first use, from the word tables
 * above, so it can never disagree with them. */
enum { CAND_MOD = 1, CAND_CORE = 2 };
#define CAND_SLOTS 512 /* power of two, > 3x the words */

struct cand {
	const char *word;
	unsigned cls;
	uint32_t mods; /* bit k: modifiers[k] starts with this word */
	/* 1 + the word's index in unit_words, tens_words, unit_ordinals,
	 * tens_ordinals; 0 when it is not there */
	uint8_t unit, tens, unit_ord, tens_ord;
	long scale; /* scale_of() the word */
};

static struct cand cand_table[CAND_SLOTS];
static pthread_once_t cand_once = PTHREAD_ONCE_INIT;
/* Per first letter, a bit per word length present: rejects most words
 * before they are folded and hashed. */
static uint32_t cand_lengths[26];

static const char *const core_extra[] = {"hundred",  "thousand", "million",   "billion", "dozens",
                                         "hundreds", "tens",     "thousands", "scores",  "several",
                                         "millions", "a",        "an",        "half",    NULL};

static unsigned cand_hash(const char *w, size_t n)
{
	unsigned h = 2166136261u;
	for (size_t k = 0; k < n; k++)
		h = (h ^ (unsigned char)w[k]) * 16777619u;
	return h & (CAND_SLOTS - 1);
}

static struct cand *cand_add(const char *w, unsigned cls)
{
	unsigned h = cand_hash(w, strlen(w));
	while (cand_table[h].word && strcmp(cand_table[h].word, w) != 0)
		h = (h + 1) & (CAND_SLOTS - 1);
	cand_table[h].word = w;
	cand_lengths[w[0] - 'a'] |= 1u << strlen(w);
	cand_table[h].cls |= cls;
	return &cand_table[h];
}

_Static_assert(sizeof(modifiers) / sizeof(modifiers[0]) <= 32, "a modifier bit per modifier");

static void cand_build(void)
{
	for (size_t k = 0; k < sizeof(modifiers) / sizeof(modifiers[0]); k++)
		cand_add(modifiers[k].words[0], CAND_MOD)->mods |= 1u << k;
	for (int k = 0; k < 20; k++) {
		if (unit_words[k])
			cand_add(unit_words[k], CAND_CORE)->unit = (uint8_t)(k + 1);
		if (unit_ordinals[k])
			cand_add(unit_ordinals[k], CAND_CORE)->unit_ord = (uint8_t)(k + 1);
	}
	for (int k = 0; k < 10; k++) {
		if (tens_words[k])
			cand_add(tens_words[k], CAND_CORE)->tens = (uint8_t)(k + 1);
		if (tens_ordinals[k])
			cand_add(tens_ordinals[k], CAND_CORE)->tens_ord = (uint8_t)(k + 1);
	}
	for (int k = 0; core_extra[k]; k++)
		cand_add(core_extra[k], CAND_CORE);
	static const struct {
		const char *word;
		long scale;
	} scales[] = {{"hundred", 100}, {"thousand", 1000}, {"million", 1000000}, {"billion", 1000000000}};
	for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++)
		cand_add(scales[k].word, CAND_CORE)->scale = scales[k].scale;
}

/* The table's entry of a word token (case folded), or NULL: a word of no
 * table (most words) or not a word.  What tok_is() against each table word
 * would find: a word token matches a lower-case word only letter for letter. */
static inline const struct cand *cand_find(const char *s, struct tok t)
{
	char w[16];
	size_t n = t.end - t.start;

	if (t.kind != T_WORD || n == 0 || n >= sizeof(w))
		return NULL;
	unsigned first = (unsigned char)(s[t.start] | 0x20) - 'a';
	if (first >= 26 || !((cand_lengths[first] >> n) & 1))
		return NULL;
	for (size_t k = 0; k < n; k++) {
		char c = s[t.start + k];
		w[k] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
	}
	for (unsigned h = cand_hash(w, n); cand_table[h].word; h = (h + 1) & (CAND_SLOTS - 1)) {
		if (strncmp(cand_table[h].word, w, n) == 0 && cand_table[h].word[n] == '\0')
			return &cand_table[h];
	}
	return NULL;
}

/* CAND_* bits of a token (c: its cand_find()); digits are always a core. */
static inline unsigned candidate(struct tok t, const struct cand *c)
{
	if (t.kind == T_DIGITS)
		return CAND_CORE;
	return c ? c->cls : 0;
}

/* word_index(s, t, list, n) from the word's entry c (v: its 1 + index in the list). */
static int cand_index(const struct cand *c, uint8_t v, int n)
{
	return c && v > 0 && v <= n ? v - 1 : -1;
}

/* ---- cores --------------------------------------------------------------- */

struct core {
	size_t end; /* end of the core in s */
	long value;
	unsigned flags; /* VAGUE, ORDINAL */
	int digits;     /* written in digits */
	int plain4;     /* four digits with no separator (a possible year) */
};

static long scale_of(const char *s, struct tok t)
{
	if (tok_is(s, t, "hundred"))
		return 100;
	if (tok_is(s, t, "thousand"))
		return 1000;
	if (tok_is(s, t, "million"))
		return 1000000;
	if (tok_is(s, t, "billion"))
		return 1000000000;
	return 0;
}

static long clamp(double v)
{
	if (v > (double)NUM_MAX)
		return NUM_MAX;
	if (v < 0)
		return 0;
	return (long)v;
}

/* "1,100", "3.5 million", "25th". */
static int core_digits(const char *s, size_t len, struct tok t, struct core *c)
{
	double v = 0, frac = 0, div = 1;
	int seen_dot = 0, ndig = 0, sep = 0;

	for (size_t k = t.start; k < t.end; k++) {
		char ch = s[k];
		if (ch == ',') {
			sep = 1;
			continue;
		}
		if (ch == '.') {
			if (seen_dot)
				return 0; /* "1.2.3": a version or a date, not a count */
			seen_dot = 1;
			continue;
		}
		if (seen_dot) {
			div *= 10;
			frac += (ch - '0') / div;
		} else {
			v = v * 10 + (ch - '0');
		}
		ndig++;
	}
	if (ndig > 15)
		v = (double)NUM_MAX;
	v += frac;
	c->end = t.end;
	c->digits = 1;
	c->plain4 = !sep && !seen_dot && t.end - t.start == 4;
	c->flags = 0;
	/* Military style "2d", "3d" (MUC-4: "3D INFANTRY BRIGADE"). */
	if (t.end < len && (s[t.end] | 0x20) == 'd' && (t.end + 1 == len || !is_alpha(s[t.end + 1])) &&
	    (s[t.end - 1] == '2' || s[t.end - 1] == '3') && (t.end - t.start == 1 || s[t.end - 2] != '1')) {
		c->end = t.end + 1;
		c->flags |= NUM_F_ORDINAL;
		c->value = clamp(v);
		return 1;
	}
	/* Ordinal suffix glued on: "3rd", "21st", "25th". */
	if (t.end + 2 <= len && (t.end + 2 == len || !is_alpha(s[t.end + 2]))) {
		const char *x = s + t.end;
		if (!strncasecmp(x, "st", 2) || !strncasecmp(x, "nd", 2) || !strncasecmp(x, "rd", 2) ||
		    !strncasecmp(x, "th", 2)) {
			c->end = t.end + 2;
			c->flags |= NUM_F_ORDINAL;
			c->value = clamp(v);
			return 1;
		}
	}
	/* Glued to letters: a unit or a name ("130mm", "5km", "13D"), not a count. */
	if (t.end < len && is_alpha(s[t.end]))
		return 0;
	struct tok n = lex(s, len, t.end);
	long sc = scale_of(s, n);
	if (sc) {
		v *= (double)sc;
		c->end = n.end;
		c->plain4 = 0;
		n = lex(s, len, n.end);
		sc = scale_of(s, n); /* "1.5 thousand million" is rare; one more */
		if (sc && sc > 100) {
			v *= (double)sc;
			c->end = n.end;
		}
	} else if (tok_is(s, n, "dozen")) {
		v *= 12;
		c->end = n.end;
		c->plain4 = 0;
	}
	c->value = clamp(v);
	return 1;
}

/* Number words: "seventeen", "twenty-five", "three hundred and fifty",
 * "a thousand", "two dozen", "half a dozen", ordinals "twenty-first". */
static int core_words(const char *s, size_t len, struct tok t, struct core *c)
{
	long total = 0, cur = 0;
	int last = 0; /* 0 none, 1 unit/teen, 2 tens, 3 hundred, 4 big scale */
	int any = 0;
	struct tok w = t;
	size_t end = t.start;

	c->flags = 0;
	c->digits = 0;
	c->plain4 = 0;

	/* "half a dozen" */
	if (tok_is(s, w, "half")) {
		struct tok a = lex(s, len, w.end);
		struct tok d = lex(s, len, a.end);
		if (tok_is(s, a, "a") && tok_is(s, d, "dozen")) {
			c->value = 6;
			c->end = d.end;
			return 1;
		}
		return 0;
	}
	/* "a hundred", "a thousand", "a dozen", "a couple of" */
	if (tok_is(s, w, "a") || tok_is(s, w, "an")) {
		struct tok n = lex(s, len, w.end);
		long sc = scale_of(s, n);
		if (tok_is(s, n, "dozen")) {
			c->value = 12;
			c->end = n.end;
			return 1;
		}
		if (!sc)
			return 0;
		cur = 1;
		any = 1;
		end = w.end;
		w = n;
	}
	for (;;) {
		/* one lookup for the word's place in every list */
		const struct cand *cw = cand_find(s, w);
		int u = cand_index(cw, cw ? cw->unit : 0, 20);
		int te = cand_index(cw, cw ? cw->tens : 0, 10);
		long sc = cw ? cw->scale : 0;
		int uo = cand_index(cw, cw ? cw->unit_ord : 0, 20);
		int to = cand_index(cw, cw ? cw->tens_ord : 0, 10);

		if (u >= 0) {
			if (last == 1 || (last == 2 && u >= 10) || (last == 2 && u == 0))
				break;
			cur += u;
			last = 1;
		} else if (te >= 0) {
			if (last == 1 || last == 2)
				break;
			cur += te * 10;
			last = 2;
		} else if (sc == 100) {
			if (last == 3 || cur >= 100)
				break;
			cur = (cur ? cur : 1) * 100;
			last = 3;
		} else if (sc) {
			if (cur == 0 && !any)
				break;
			total += (cur ? cur : 1) * sc;
			cur = 0;
			last = 4;
		} else if ((uo > 0 || to > 0) && last != 1) {
			/* An ordinal ends the expression: "twenty-first". */
			if (uo > 0 && (last == 0 || last == 2 || last == 3 || last == 4))
				cur += uo;
			else if (to > 0 && last != 2)
				cur += to * 10;
			else
				break;
			c->flags |= NUM_F_ORDINAL;
			any = 1;
			end = w.end;
			break;
		} else {
			break;
		}
		any = 1;
		end = w.end;
		struct tok n = lex(s, len, w.end);
		/* "twenty-five": a hyphen straight between tens and a unit. */
		if (last == 2 && n.kind == T_PUNCT && s[n.start] == '-' && n.start == w.end) {
			struct tok m = lex(s, len, n.end);
			int mu = word_index(s, m, unit_words, 10);
			int mo = word_index(s, m, unit_ordinals, 10);
			if (m.start == n.end && (mu > 0 || mo > 0)) {
				w = m;
				continue;
			}
			break;
		}
		/* "three hundred and fifty", "two thousand and five". */
		if (tok_is(s, n, "and") && (last == 3 || last == 4)) {
			struct tok m = lex(s, len, n.end);
			if (word_index(s, m, unit_words, 20) > 0 || word_index(s, m, tens_words, 10) > 0) {
				w = m;
				continue;
			}
			break;
		}
		w = n;
	}
	if (!any)
		return 0;
	long v = total + cur;
	c->end = end;
	/* "two dozen" */
	if (!(c->flags & NUM_F_ORDINAL)) {
		struct tok n = lex(s, len, end);
		if (tok_is(s, n, "dozen")) {
			v *= 12;
			c->end = n.end;
		}
	}
	c->value = v;
	return 1;
}

/* Vague quantities with ACLED's values (see the comment at the top). */
static int core_vague(const char *s, size_t len, struct tok t, struct core *c)
{
	struct tok n = lex(s, len, t.end);
	long v = 0;
	size_t end = t.end;

	if (tok_is(s, t, "dozens")) {
		v = 12;
	} else if (tok_is(s, t, "hundreds") || tok_is(s, t, "tens") || tok_is(s, t, "thousands")) {
		v = tok_is(s, t, "hundreds") ? 100 : tok_is(s, t, "tens") ? 10 : 1000;
		/* "tens of thousands", "hundreds of thousands" */
		struct tok m = lex(s, len, n.end);
		if (tok_is(s, n, "of") && (tok_is(s, m, "thousands") || tok_is(s, m, "millions"))) {
			v *= tok_is(s, m, "thousands") ? 1000 : 1000000;
			end = m.end;
		} else if (v == 10 && !tok_is(s, n, "of")) {
			return 0; /* "tens" alone is rarely a quantity */
		}
	} else if (tok_is(s, t, "millions") && tok_is(s, n, "of")) {
		v = 1000000;
	} else if (tok_is(s, t, "scores") && tok_is(s, n, "of")) {
		v = 20;
	} else if (tok_is(s, t, "several")) {
		v = 3;
	} else if ((tok_is(s, t, "a") && (tok_is(s, n, "few") || tok_is(s, n, "handful")))) {
		v = 3;
		end = n.end;
	} else if (tok_is(s, t, "a") && tok_is(s, n, "couple") && tok_is(s, lex(s, len, n.end), "of")) {
		/* "a couple of": a stated two, only loosely; not imputed.  "a
		 * couple of hours later" counts time, no people. */
		struct tok o = lex(s, len, n.end);
		struct tok u = lex(s, len, o.end);
		if (tok_is(s, u, "hours") || tok_is(s, u, "days") || tok_is(s, u, "weeks") ||
		    tok_is(s, u, "minutes") || tok_is(s, u, "months") || tok_is(s, u, "years") ||
		    tok_is(s, u, "times"))
			return 0;
		c->end = n.end;
		c->value = 2;
		c->flags = NUM_F_APPROX;
		c->digits = 0;
		c->plain4 = 0;
		return 1;
	} else if ((tok_is(s, t, "a") || tok_is(s, t, "the")) && tok_is(s, n, "couple")) {
		/* "a couple were shot dead": the couple are two people */
		c->end = n.end;
		c->value = 2;
		c->flags = 0;
		c->digits = 0;
		c->plain4 = 0;
		return 1;
	} else {
		return 0;
	}
	c->end = end;
	c->value = v;
	c->flags = NUM_F_VAGUE;
	c->digits = 0;
	c->plain4 = 0;
	return 1;
}

static int parse_core(const char *s, size_t len, struct tok t, struct core *c)
{
	if (t.kind == T_DIGITS)
		return core_digits(s, len, t, c);
	if (t.kind != T_WORD)
		return 0;
	if (core_vague(s, len, t, c))
		return 1;
	return core_words(s, len, t, c);
}

/* ---- context ------------------------------------------------------------- */

/* A digit token that is part of something else: "F-16", "M16", "$5",
 * "50%", "10:30", "25/07/2018", "1.2.3". */
static int digits_not_a_count(const char *s, size_t len, struct tok t)
{
	if (t.start > 0) {
		char b = s[t.start - 1];
		if (is_alpha(b) || b == '$' || b == '#' || b == '/' || b == ':' || b == '.' || b == ',')
			return 1;
		if ((unsigned char)b >= 0x80) /* a currency sign like the pound or euro */
			return 1;
		if (b == '-' && t.start > 1 && is_alpha(s[t.start - 2]))
			return 1;
	}
	if (t.end < len) {
		char a = s[t.end];
		if (a == '%' || a == '/' || (a == ':' && t.end + 1 < len && is_digit(s[t.end + 1])))
			return 1;
	}
	return 0;
}

static int followed_by_percent(const char *s, size_t len, size_t end)
{
	struct tok n = lex(s, len, end);
	if (tok_is(s, n, "percent") || tok_is(s, n, "pct"))
		return 1;
	if (tok_is(s, n, "per")) {
		struct tok m = lex(s, len, n.end);
		return tok_is(s, m, "cent");
	}
	return 0;
}

/* A clock time: "7.20 pm", "5 a.m.", "0600 GMT", "10 o'clock". */
static int followed_by_time(const char *s, size_t len, size_t end)
{
	static const char *const marks[] = {"am", "pm", "hrs", "gmt", "utc", "ist", "o'clock", NULL};
	struct tok n = lex(s, len, end);
	for (int k = 0; marks[k]; k++) {
		if (tok_is(s, n, marks[k]))
			return 1;
	}
	/* "a.m.", "p.m." */
	if ((tok_is(s, n, "a") || tok_is(s, n, "p")) && n.end + 1 < len && s[n.end] == '.' &&
	    (s[n.end + 1] | 0x20) == 'm')
		return 1;
	return 0;
}

/* "Ramu Patel (35)": an age in brackets after a name. */
static int paren_age(const char *s, size_t len, size_t start, size_t end)
{
	return start > 0 && s[start - 1] == '(' && end < len && s[end] == ')';
}

/* Match a modifier at t, whose word starts the modifiers of bits mods (in
 * table order); returns its flags and the token after it. */
static unsigned match_modifier(const char *s, size_t len, struct tok t, uint32_t mods, struct tok *after)
{
	for (size_t k = 0; k < sizeof(modifiers) / sizeof(modifiers[0]); k++) {
		if (!((mods >> k) & 1))
			continue;
		struct tok w = lex(s, len, t.end); /* t is the first word */
		int ok = 1;
		for (int j = 1; j < 3 && modifiers[k].words[j]; j++) {
			if (!tok_is(s, w, modifiers[k].words[j])) {
				ok = 0;
				break;
			}
			w = lex(s, len, w.end);
		}
		if (ok) {
			*after = w;
			return modifiers[k].flags;
		}
	}
	return 0;
}

/* The month-name token just before t ("July 25", "Jan. 25")? */
static int month_before(const char *s, size_t start)
{
	size_t p = start;
	while (p > 0 && s[p - 1] == ' ')
		p--;
	if (p > 0 && s[p - 1] == '.')
		p--;
	size_t e = p;
	while (p > 0 && is_alpha(s[p - 1]))
		p--;
	if (p == e)
		return 0;
	struct tok t = {p, e, T_WORD};
	return is_month(s, t);
}

/* Is the word just before position p `word` (case-insensitive)? */
static int prev_word_is(const char *s, size_t p, const char *word)
{
	while (p > 0 && s[p - 1] == ' ')
		p--;
	size_t e = p;
	while (p > 0 && is_alpha(s[p - 1]))
		p--;
	struct tok t = {p, e, T_WORD};
	return e > p && tok_is(s, t, word);
}

/* ---- scan ---------------------------------------------------------------- */

size_t numbers_scan(const char *s, size_t len, struct num_value *out, size_t max)
{
	pthread_once(&cand_once, cand_build); /* the candidate table, once per process */
	size_t n = 0;
	size_t p = 0;

	while (p < len && n < max) {
		struct tok t = lex_next(s, len, p);
		if (t.kind == T_END)
			break;
		/* Only start at a word boundary: never inside "F-16" or "al-Sham". */
		const struct cand *tc = cand_find(s, t);
		unsigned cls = candidate(t, tc);
		if (!cls) {
			p = t.end;
			continue;
		}

		struct tok ct = t;
		unsigned mflags = (cls & CAND_MOD) ? match_modifier(s, len, t, tc->mods, &ct) : 0;
		struct core c;
		if (!mflags)
			ct = t;
		if (!(candidate(ct, mflags ? cand_find(s, ct) : tc) & CAND_CORE)) {
			p = t.end;
			continue;
		}
		/* "no one", "one another": pronouns, not a count of one. */
		if (!mflags && tok_is(s, ct, "one") &&
		    (prev_word_is(s, ct.start, "no") || tok_is(s, lex(s, len, ct.end), "another"))) {
			p = ct.end;
			continue;
		}
		if (ct.kind == T_DIGITS && digits_not_a_count(s, len, ct)) {
			p = ct.end;
			continue;
		}
		if (!parse_core(s, len, ct, &c)) {
			/* A modifier without a number ("over the weekend"): move on
			 * one word, not past the modifier's tail. */
			p = t.end;
			continue;
		}
		if (c.digits && (followed_by_percent(s, len, c.end) || followed_by_time(s, len, c.end) ||
		                 paren_age(s, len, ct.start, c.end))) {
			p = c.end;
			continue;
		}

		struct num_value *v = &out[n];
		v->start = (uint32_t)(mflags ? t.start : ct.start);
		v->value = v->low = v->high = c.value;
		v->flags = c.flags | (mflags & ~(unsigned)NUM_F_RANGE);
		size_t end = c.end;

		/* Range tails: "10-15", "10 to 15", "two or three", "between 10 and 15". */
		if (!(c.flags & (NUM_F_VAGUE | NUM_F_ORDINAL))) {
			struct tok k = lex(s, len, c.end);
			/* A hyphen joins only when glued on both sides ("10-15"); "10 - the
			 * army said" is a dash. */
			int glued = k.start == c.end && k.end < len && is_digit(s[k.end]);
			int joiner = (k.kind == T_PUNCT && s[k.start] == '-' && (glued || !c.digits)) ||
			             tok_is(s, k, "to") || tok_is(s, k, "or") ||
			             ((mflags & NUM_F_RANGE) && tok_is(s, k, "and"));
			if (joiner) {
				struct tok h = lex(s, len, k.end);
				struct core c2;
				if ((h.kind == T_DIGITS) == (c.digits != 0) && parse_core(s, len, h, &c2) &&
				    !(c2.flags & (NUM_F_VAGUE | NUM_F_ORDINAL)) && c2.value > c.value) {
					v->high = c2.value;
					v->flags |= NUM_F_RANGE;
					end = c2.end;
				}
			}
		}
		/* "10 or more" is a floor, "20 or so" an estimate. */
		struct tok k = lex(s, len, end);
		if (tok_is(s, k, "or") && !(v->flags & NUM_F_RANGE)) {
			struct tok m = lex(s, len, k.end);
			if (tok_is(s, m, "more")) {
				v->flags |= NUM_F_AT_LEAST;
				end = m.end;
			} else if (tok_is(s, m, "so")) {
				v->flags |= NUM_F_APPROX;
				end = m.end;
			}
		}
		/* Ages and compound adjectives count nothing: "a 43-year-old",
		 * "the two-day offensive", "15 years old". */
		if (end < len && s[end] == '-' && end + 1 < len && is_alpha(s[end + 1])) {
			p = end + 1;
			continue;
		}
		if (tok_is(s, k, "years") || tok_is(s, k, "year")) {
			if (tok_is(s, lex(s, len, k.end), "old")) {
				p = k.end;
				continue;
			}
		}
		v->end = (uint32_t)end;

		/* A bare four-digit number in 1900..2100 reads as a year. */
		if (c.plain4 && !mflags && !(v->flags & NUM_F_RANGE) && c.value >= 1900 && c.value <= 2100)
			v->flags |= NUM_F_YEAR;
		/* The day of a date: "July 25", "25 July", "25th of July", "3-5 May". */
		if (c.digits && c.value >= 1 && c.value <= 31 && !mflags) {
			struct tok a = lex(s, len, end);
			if (tok_is(s, a, "of"))
				a = lex(s, len, a.end);
			if (is_month(s, a) || month_before(s, ct.start))
				v->flags |= NUM_F_DATE_PART;
		}
		n++;
		p = end;
	}
	return n;
}
