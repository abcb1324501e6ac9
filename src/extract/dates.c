/*
 * dates.c - absolute and relative dates, resolved against publication.
 *
 * One left-to-right pass over the text tries, at each word, the forms news
 * and ACLED notes use:
 *
 *   absolute   "July 25", "25 July 2018", "Jan. 5", "25th of July",
 *              "3-5 May" (the first day), "9 May 2020", "3 JAN 90" (MUC-4),
 *              "2018-07-25", "25/07/2018" (only when day and month cannot
 *              be swapped), "July 2018" and "in July" (MONTH), "in 2014" (YEAR)
 *   relative   "today", "tonight", "this morning", "yesterday", "last night",
 *              weekdays ("on Saturday", "early Saturday", "Monday night",
 *              "last Monday"), "N days ago", "last week", "earlier this
 *              week", "last weekend", "last month", "earlier this month",
 *              "last year", "this year"
 *
 * and "since"/"from" before any of them sets DATE_F_SINCE, except a bounded
 * "from X to Y" or "from 2 - 4 May", which is a period, not a count's start.
 * A day range ("3-5 May", "between 3 and 5 May") yields its first day at
 * DAY precision: the earliest day the report supports, and the one whose
 * year is safe to infer when the range ends after publication.  Year-less and
 * relative dates take the latest day not after publication: "Saturday" in
 * an article published on a Saturday is that day; "December 30" in a
 * January article is last year's.  Weeks start on Monday.  "May" is a
 * month only next to a day, a year or a preposition ("in May"), since it is
 * also a verb.  Month and weekday names are closed-class English, kept here.
 */
#include "extract/dates.h"

#include "extract/ascii_run.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

#define MS_PER_DAY 86400000LL

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

/* The token at or after p.  Inlined into the scan's loop, which lexes
 * every token of the text; the other readers call lex() below. */
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
		p = ascii_run(s, p + 1, len, ASCII_ALPHA);
		t.kind = T_WORD;
	} else if (is_digit(s[p])) {
		while (p < len && is_digit(s[p]))
			p++;
		t.kind = T_DIGITS;
	} else if ((unsigned char)s[p] >= 0x80) {
		while (p < len && (unsigned char)s[p] >= 0x80)
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

	if (!(t.kind == T_WORD))
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (word[k] == '\0' || (char)(p[k] | 0x20) != word[k])
			return 0;
	}
	return word[n] == '\0';
}

static int tok_punct(const char *s, struct tok t, char c)
{
	return t.kind == T_PUNCT && s[t.start] == c;
}

static long tok_num(const char *s, struct tok t)
{
	long v = 0;
	if (t.kind != T_DIGITS || t.end - t.start > 6)
		return -1;
	for (size_t k = t.start; k < t.end; k++)
		v = v * 10 + (s[k] - '0');
	return v;
}

/* ---- names --------------------------------------------------------------- */

static const char *const month_full[] = {"january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december"};
static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

/* Month 1..12 of a token ("July", "JUL", "Sept", "Jul."), else 0.  *end is
 * moved past an abbreviation's dot. */
static int month_of(const char *s, size_t len, struct tok t, size_t *end)
{
	*end = t.end;
	/* Every name and abbreviation is a word of 3 to 9 letters starting
	 * with one of these: most tokens are refused before 25 comparisons. */
	size_t n = t.end - t.start;
	if (t.kind != T_WORD || n < 3 || n > 9 || !strchr("jfmasond", s[t.start] | 0x20))
		return 0;
	for (int m = 0; m < 12; m++) {
		if (tok_is(s, t, month_full[m]))
			return m + 1;
	}
	int m = 0;
	for (int k = 0; k < 12; k++) {
		if (tok_is(s, t, month_abbr[k]))
			m = k + 1;
	}
	if (!m && tok_is(s, t, "sept"))
		m = 9;
	if (m && t.end < len && s[t.end] == '.')
		*end = t.end + 1;
	return m;
}

/* Weekday 0 (Monday) .. 6 (Sunday), else -1. */
static int weekday_of(const char *s, struct tok t)
{
	for (int d = 0; d < 7; d++) {
		if (tok_is(s, t, weekdays[d]))
			return d;
	}
	return -1;
}

/* Every word that can begin a date expression, with the name the scan
 * gives it (C_<NAME>): a candidate is told by that number, found once,
 * instead of by comparing it with every word a form might start with. */
#define CANDIDATE_WORDS(X)                                                                                   \
	X(A, "a"), X(APR, "apr"), X(APRIL, "april"), X(AT, "at"), X(AUG, "aug"), X(AUGUST, "august"),        \
	    X(DEC, "dec"), X(DECEMBER, "december"), X(EARLIER, "earlier"), X(EARLY, "early"), X(FEB, "feb"), \
	    X(FEBRUARY, "february"), X(FIVE, "five"), X(FOUR, "four"), X(FRIDAY, "friday"), X(FROM, "from"), \
	    X(JAN, "jan"), X(JANUARY, "january"), X(JUL, "jul"), X(JULY, "july"), X(JUN, "jun"),             \
	    X(JUNE, "june"), X(LAST, "last"), X(LATE, "late"), X(MAR, "mar"), X(MARCH, "march"),             \
	    X(MAY, "may"), X(MONDAY, "monday"), X(NOV, "nov"), X(NOVEMBER, "november"), X(OCT, "oct"),       \
	    X(OCTOBER, "october"), X(ONE, "one"), X(OVER, "over"), X(PAST, "past"), X(SATURDAY, "saturday"), \
	    X(SEP, "sep"), X(SEPT, "sept"), X(SEPTEMBER, "september"), X(SINCE, "since"), X(SIX, "six"),     \
	    X(SUNDAY, "sunday"), X(THE, "the"), X(THIS, "this"), X(THREE, "three"), X(THURSDAY, "thursday"), \
	    X(TODAY, "today"), X(TONIGHT, "tonight"), X(TUESDAY, "tuesday"), X(TWO, "two"),                  \
	    X(WEDNESDAY, "wednesday"), X(YESTERDAY, "yesterday")

#define X(id, w) C_##id
enum cand_id {
	C_NONE, /* not a candidate (or not a word) */
	CANDIDATE_WORDS(X),
	C_COUNT
};
#undef X

#define X(id, w) w
static const char *const candidate_words[C_COUNT] = {
    NULL,
    CANDIDATE_WORDS(X),
};
#undef X

/* Could the token t start an expression, and which word is it?  Most words
 * cannot, and the scan skips them without trying every pattern.  A word
 * token of lex() is all ASCII letters or all non-ASCII bytes; only the
 * former can be a candidate, and its letters fold by their 0x20 bit, as in
 * tok_is().  First a bit per word length for the word's first two letters
 * (the second is 26 for a one-letter word) turns most words away; then the
 * word, at most nine letters, read as two integers and hashed, is compared
 * whole with the table's.  The table is built once, on first use. */
#define CAND_SLOTS   256 /* power of two, > 4x the words */
#define CAND_MAX_LEN 9   /* "september", "wednesday" */

struct cand_slot {
	uint64_t lo;         /* the first eight letters, lower case, little-endian; 0 = empty */
	unsigned char hi, n; /* the ninth letter (or 0); the length */
	unsigned char id;    /* enum cand_id */
};

static struct cand_slot cand_table[CAND_SLOTS];
static pthread_once_t cand_once = PTHREAD_ONCE_INIT;
static uint16_t cand_lengths[26 * 27];

static unsigned cand_hash(uint64_t lo, unsigned char hi)
{
	return (unsigned)(((lo ^ hi) * 0x9E3779B97F4A7C15ull) >> 56) & (CAND_SLOTS - 1);
}

static void cand_build(void)
{
	for (int id = 1; id < C_COUNT; id++) {
		const char *w = candidate_words[id];
		size_t n = strlen(w);
		uint64_t lo = ascii_load_le(w, n < 8 ? n : 8, 0);
		unsigned char hi = n > 8 ? (unsigned char)w[8] : 0;
		unsigned h = cand_hash(lo, hi);
		while (cand_table[h].lo)
			h = (h + 1) & (CAND_SLOTS - 1);
		cand_table[h] = (struct cand_slot){lo, hi, (unsigned char)n, (unsigned char)id};
		cand_lengths[(w[0] - 'a') * 27 + (n > 1 ? w[1] - 'a' : 26)] |= (uint16_t)(1u << n);
	}
}

_Static_assert(C_COUNT <= 256 && C_COUNT * 4 < CAND_SLOTS, "the candidate table fits its words");

static inline int cand_of(const char *s, size_t len, struct tok t)
{
	size_t n = t.end - t.start;
	if (t.kind != T_WORD || n == 0 || n > CAND_MAX_LEN)
		return C_NONE;
	const char *w = s + t.start;
	unsigned first = (unsigned char)(w[0] | 0x20) - 'a';
	if (first >= 26)
		return C_NONE;
	unsigned second = n > 1 ? (unsigned char)(w[1] | 0x20) - 'a' : 26;
	if (!((cand_lengths[first * 27 + second] >> n) & 1))
		return C_NONE;
	size_t m = n < 8 ? n : 8;
	uint64_t lo = ascii_load_le(w, m, t.start + 8 <= len) | (0x2020202020202020ull >> (8 * (8 - m)));
	unsigned char hi = n > 8 ? (unsigned char)(w[8] | 0x20) : 0;
	for (unsigned h = cand_hash(lo, hi); cand_table[h].lo; h = (h + 1) & (CAND_SLOTS - 1)) {
		if (cand_table[h].lo == lo && cand_table[h].hi == hi)
			return cand_table[h].id;
	}
	return C_NONE;
}

/* ---- calendar ------------------------------------------------------------ */

/* Monday = 0 for a day number (1970-01-01 was a Thursday). */
static int weekday_of_day(int32_t day)
{
	int w = (int)((day + 3) % 7);
	return w < 0 ? w + 7 : w;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int valid_date(int y, int m, int d)
{
	return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* The latest year such that (y, m, d) is not after the publication day. */
static int year_not_after(int32_t pub, int m, int d)
{
	int py;
	unsigned pm, pd;
	event_civil_from_days(pub, &py, &pm, &pd);
	if ((unsigned)m > pm || ((unsigned)m == pm && (unsigned)d > pd))
		return py - 1;
	return py;
}

/* ---- the scan ------------------------------------------------------------ */

struct scan {
	const char *s;
	size_t len;
	int have_pub;
	int32_t pub;
	struct date_ref *out;
	size_t max, n;
	int ranged; /* the last absolute date was a day range ("3-5 May") */
};

static void add(struct scan *sc, size_t start, size_t end, int32_t day, enum date_precision prec,
                unsigned flags)
{
	if (sc->n >= sc->max)
		return;
	struct date_ref *r = &sc->out[sc->n++];
	r->start = (uint32_t)start;
	r->end = (uint32_t)end;
	r->precision = prec;
	r->flags = flags;
	if ((flags & DATE_F_RELATIVE) && !sc->have_pub) {
		r->flags |= DATE_F_UNRESOLVED;
		r->day = 0;
	} else {
		r->day = day;
	}
}

/* A four-digit (or MUC-4 two-digit) year token. */
static int year_of(const char *s, size_t len, struct tok t, int allow_two)
{
	long v = tok_num(s, t);
	if (t.end - t.start == 4 && v >= 1900 && v <= 2100)
		return (int)v;
	if (allow_two && t.end - t.start == 2 && v >= 0) {
		/* "3 JAN 90": only when no word follows, as in a dateline. */
		struct tok n = lex(s, len, t.end);
		if (n.kind == T_WORD)
			return 0;
		return (int)(v < 50 ? 2000 + v : 1900 + v);
	}
	return 0;
}

/* Day-of-month token: "25", "25th", "3rd".  Returns 1..31 or 0; *end past it. */
static int day_of(const char *s, size_t len, struct tok t, size_t *end)
{
	long v = tok_num(s, t);
	if (v < 1 || v > 31 || t.end - t.start > 2)
		return 0;
	*end = t.end;
	if (t.end + 2 <= len) {
		const char *x = s + t.end;
		if ((!strncasecmp(x, "st", 2) || !strncasecmp(x, "nd", 2) || !strncasecmp(x, "rd", 2) ||
		     !strncasecmp(x, "th", 2)) &&
		    (t.end + 2 == len || !is_alpha(s[t.end + 2])))
			*end = t.end + 2;
	} else if (t.end < len && is_alpha(s[t.end])) {
		return 0;
	}
	if (*end == t.end && t.end < len && is_alpha(s[t.end]))
		return 0;
	return (int)v;
}

/* A resolved absolute day (y may be 0: take the latest not after publication). */
static void add_day(struct scan *sc, size_t start, size_t end, int y, int m, int d, unsigned flags)
{
	if (y == 0) {
		flags |= DATE_F_RELATIVE;
		if (sc->have_pub)
			y = year_not_after(sc->pub, m, d);
		else
			y = 2000; /* only validates the day; add() zeroes it */
	}
	if (!valid_date(y, m, d))
		return;
	add(sc, start, end, event_days_from_civil(y, (unsigned)m, (unsigned)d), DATE_PRECISION_DAY, flags);
}

static void add_month(struct scan *sc, size_t start, size_t end, int y, int m, unsigned flags)
{
	if (y == 0) {
		flags |= DATE_F_RELATIVE;
		y = sc->have_pub ? year_not_after(sc->pub, m, 1) : 2000;
	}
	add(sc, start, end, event_days_from_civil(y, (unsigned)m, 1), DATE_PRECISION_MONTH, flags);
}

/* Prepositions that make a bare month or year a date ("in May", "since 2011"). */
static int date_preposition(const char *s, struct tok t)
{
	static const char *const preps[] = {"in",     "since", "from",    "during",     "until", "till",
	                                    "by",     "of",    "early",   "late",       "mid",   "last",
	                                    "before", "after", "through", "throughout", "on",    "between",
	                                    "and",    "to",    NULL};
	for (int k = 0; preps[k]; k++) {
		if (tok_is(s, t, preps[k]))
			return 1;
	}
	return 0;
}

/* The month (1..12) a candidate names, and whether it is an abbreviation
 * (which a dot may follow: "Jan.", "Sept."; "May." is the full name, as
 * month_of() finds it first). */
static const unsigned char cand_month[C_COUNT] = {
    [C_JANUARY] = 1,   [C_FEBRUARY] = 2,  [C_MARCH] = 3,  [C_APRIL] = 4,     [C_MAY] = 5,
    [C_JUNE] = 6,      [C_JULY] = 7,      [C_AUGUST] = 8, [C_SEPTEMBER] = 9, [C_OCTOBER] = 10,
    [C_NOVEMBER] = 11, [C_DECEMBER] = 12, [C_JAN] = 1,    [C_FEB] = 2,       [C_MAR] = 3,
    [C_APR] = 4,       [C_JUN] = 6,       [C_JUL] = 7,    [C_AUG] = 8,       [C_SEP] = 9,
    [C_SEPT] = 9,      [C_OCT] = 10,      [C_NOV] = 11,   [C_DEC] = 12,
};
static const bool cand_month_abbr[C_COUNT] = {
    [C_JAN] = 1, [C_FEB] = 1, [C_MAR] = 1,  [C_APR] = 1, [C_JUN] = 1, [C_JUL] = 1,
    [C_AUG] = 1, [C_SEP] = 1, [C_SEPT] = 1, [C_OCT] = 1, [C_NOV] = 1, [C_DEC] = 1,
};

/* month_of() for a token whose candidate number is id: every month name
 * and abbreviation is a candidate word. */
static int month_of_id(const char *s, size_t len, struct tok t, int id, size_t *end)
{
	*end = t.end;
	if (cand_month_abbr[id] && t.end < len && s[t.end] == '.')
		*end = t.end + 1;
	return cand_month[id];
}

/* Try an absolute form starting at t, whose candidate number is id (or -1:
 * not looked up).  Returns the end consumed or 0. */
static size_t try_absolute(struct scan *sc, struct tok t, int id, struct tok prev, size_t start,
                           unsigned flags)
{
	const char *s = sc->s;
	size_t len = sc->len;
	size_t e;
	int m = id >= 0 ? month_of_id(s, len, t, id, &e) : month_of(s, len, t, &e);

	/* Month names are written with a capital; "to march" is a verb. */
	if (m && !(s[t.start] >= 'A' && s[t.start] <= 'Z'))
		m = 0;
	if (m) {
		/* Month Day [, Year] / Month Year / bare month. */
		struct tok n = lex(s, len, e);
		size_t de;
		int d = n.kind == T_DIGITS ? day_of(s, len, n, &de) : 0;
		if (d && !(n.end - n.start == 4)) {
			int y = 0;
			size_t end = de;
			struct tok c = lex(s, len, de);
			struct tok yt = tok_punct(s, c, ',') ? lex(s, len, c.end) : c;
			int yy = year_of(s, len, yt, 0);
			if (yy) {
				y = yy;
				end = yt.end;
			}
			add_day(sc, start, end, y, m, d, flags);
			return end;
		}
		int y = year_of(s, len, n, 0);
		if (y) {
			add_month(sc, start, n.end, y, m, flags);
			return n.end;
		}
		/* A bare month needs a preposition or, except "May", a capital
		 * in mixed-case text ("July was the deadliest month"); in
		 * ALL-CAPS text "MARCH" may be the verb, so the preposition
		 * is required there. */
		int cap = s[t.start] >= 'A' && s[t.start] <= 'Z' && t.end > t.start + 1 &&
		          s[t.start + 1] >= 'a' && s[t.start + 1] <= 'z';
		int mid =
		    t.start >= 4 && s[t.start - 1] == '-' && strncasecmp(s + t.start - 4, "mid", 3) == 0;
		if (date_preposition(s, prev) || mid || (m != 5 && cap)) {
			add_month(sc, start, e, 0, m, flags);
			return e;
		}
		return 0;
	}
	if (t.kind != T_DIGITS)
		return 0;

	/* ISO 2018-07-25 and slashed 25/07/2018. */
	struct tok a = lex(s, len, t.end);
	if ((tok_punct(s, a, '-') || tok_punct(s, a, '/')) && a.start == t.end) {
		char sep = s[a.start];
		struct tok b = lex(s, len, a.end);
		struct tok c = lex(s, len, b.end);
		struct tok d = lex(s, len, c.end);
		if (b.kind == T_DIGITS && b.start == a.end && tok_punct(s, c, sep) && c.start == b.end &&
		    d.kind == T_DIGITS && d.start == c.end) {
			long x = tok_num(s, t), yv = tok_num(s, b), z = tok_num(s, d);
			if (sep == '-' && t.end - t.start == 4 && valid_date((int)x, (int)yv, (int)z)) {
				add(sc, start, d.end,
				    event_days_from_civil((int)x, (unsigned)yv, (unsigned)z),
				    DATE_PRECISION_DAY, flags);
				return d.end;
			}
			if (sep == '/' && d.end - d.start == 4) {
				/* Day first or month first: only if the data decide. */
				int dd = 0, mm = 0;
				if (x > 12 && yv <= 12)
					dd = (int)x, mm = (int)yv;
				else if (yv > 12 && x <= 12)
					dd = (int)yv, mm = (int)x;
				else if (x == yv)
					dd = mm = (int)x;
				if (dd && valid_date((int)z, mm, dd)) {
					add(sc, start, d.end,
					    event_days_from_civil((int)z, (unsigned)mm, (unsigned)dd),
					    DATE_PRECISION_DAY, flags);
					return d.end;
				}
			}
			return d.end; /* an ambiguous or invalid numeric date: skip it whole */
		}
	}

	/* Day Month [Year]: "25 July", "9 May 2020", "25th of July", "3-5 May",
	 * "3 and 5 May" (after "between"), "3 JAN 90". */
	size_t de;
	int d = day_of(s, len, t, &de);
	if (d) {
		struct tok n = lex(s, len, de);
		if (tok_punct(s, n, '-') || tok_is(s, n, "to") || tok_is(s, n, "and")) {
			/* A day range ("3-5 May", "from 2 - 4 May"): keep the first
			 * day; the month must follow the second day. */
			struct tok d2 = lex(s, len, n.end);
			size_t de2;
			if (d2.kind == T_DIGITS && day_of(s, len, d2, &de2) > d) {
				n = lex(s, len, de2);
				sc->ranged = 1;
			}
		}
		if (tok_is(s, n, "of"))
			n = lex(s, len, n.end);
		m = month_of(s, len, n, &e);
		if (m) {
			struct tok yt = lex(s, len, e);
			if (tok_punct(s, yt, ',')) {
				struct tok y2 = lex(s, len, yt.end);
				if (year_of(s, len, y2, 0))
					yt = y2;
			}
			int y = year_of(s, len, yt, 1);
			size_t end = y ? yt.end : e;
			add_day(sc, start, end, y, m, d, flags);
			return end;
		}
	}

	/* A year after a preposition: "in 2014", "since 2011", "mid-2014". */
	int y = year_of(s, len, t, 0);
	if (y && (date_preposition(s, prev) || (tok_punct(s, prev, '-') && prev.end == t.start))) {
		struct tok n = lex(s, len, t.end);
		/* "in 2014 people" would be a count; a following noun-like plural
		 * is left to the numbers.  A month or year context is enough. */
		if (tok_is(s, n, "people") || tok_is(s, n, "civilians"))
			return 0;
		add(sc, start, t.end, event_days_from_civil(y, 1, 1), DATE_PRECISION_YEAR, flags);
		return t.end;
	}
	return 0;
}

/* Weekday 1 (Monday) .. 7 (Sunday) of a candidate, 0 for none. */
static const unsigned char cand_weekday[C_COUNT] = {
    [C_MONDAY] = 1, [C_TUESDAY] = 2,  [C_WEDNESDAY] = 3, [C_THURSDAY] = 4,
    [C_FRIDAY] = 5, [C_SATURDAY] = 6, [C_SUNDAY] = 7,
};

/* The count a candidate word says before "days ago" ("a", "one" .. "six"), 0 for none. */
static const unsigned char cand_small[C_COUNT] = {
    [C_A] = 1, [C_ONE] = 1, [C_TWO] = 2, [C_THREE] = 3, [C_FOUR] = 4, [C_FIVE] = 5, [C_SIX] = 6,
};

/* Relative forms; id is t's candidate number (C_NONE for digits).  Returns
 * the end consumed or 0. */
static size_t try_relative(struct scan *sc, struct tok t, int id, size_t start, unsigned flags)
{
	const char *s = sc->s;
	size_t len = sc->len;
	int32_t pub = sc->pub;
	struct tok n = lex(s, len, t.end);
	unsigned rel = flags | DATE_F_RELATIVE;

	if (id == C_TODAY || id == C_TONIGHT) {
		add(sc, start, t.end, pub, DATE_PRECISION_DAY, rel);
		return t.end;
	}
	if (id == C_YESTERDAY) {
		add(sc, start, t.end, pub - 1, DATE_PRECISION_DAY, rel);
		return t.end;
	}
	if (id == C_THE && tok_is(s, n, "day")) {
		struct tok b = lex(s, len, n.end);
		struct tok y = lex(s, len, b.end);
		if (tok_is(s, b, "before") && tok_is(s, y, "yesterday")) {
			add(sc, start, y.end, pub - 2, DATE_PRECISION_DAY, rel);
			return y.end;
		}
		return 0;
	}
	if (id == C_THIS &&
	    (tok_is(s, n, "morning") || tok_is(s, n, "afternoon") || tok_is(s, n, "evening"))) {
		add(sc, start, n.end, pub, DATE_PRECISION_DAY, rel);
		return n.end;
	}
	if (id == C_LAST && (tok_is(s, n, "night") || tok_is(s, n, "evening"))) {
		add(sc, start, n.end, pub - 1, DATE_PRECISION_DAY, rel);
		return n.end;
	}

	/* Weekdays, with "last"/"early"/"late" before and a part of day after. */
	struct tok w = t;
	int last = 0, wd;
	if (id == C_LAST || id == C_EARLY || id == C_LATE || id == C_PAST) {
		last = id == C_LAST || id == C_PAST;
		w = n;
		wd = weekday_of(s, w);
	} else {
		wd = cand_weekday[id] - 1;
	}
	if (wd >= 0) {
		size_t end = w.end;
		struct tok a = lex(s, len, w.end);
		if (tok_is(s, a, "night") || tok_is(s, a, "morning") || tok_is(s, a, "afternoon") ||
		    tok_is(s, a, "evening"))
			end = a.end;
		/* "Saturday, July 25": the absolute date decides; let it. */
		{
			struct tok b = tok_punct(s, a, ',') ? lex(s, len, a.end) : a;
			size_t me;
			if (month_of(s, len, b, &me) || (b.kind == T_DIGITS && day_of(s, len, b, &me))) {
				size_t r = try_absolute(sc, b, -1, a, start, flags);
				if (r)
					return r;
			}
		}
		int back = (weekday_of_day(pub) - wd + 7) % 7;
		if (last && back == 0)
			back = 7;
		add(sc, start, end, pub - back, DATE_PRECISION_DAY, rel);
		return end;
	}

	/* Weeks, weekends, months and years relative to publication. */
	struct tok unit = {0, 0, T_END};
	int which = 0; /* -1 last, 0 this */
	size_t end = 0;
	if (id == C_LAST || id == C_PAST) {
		unit = n;
		which = -1;
		end = n.end;
	} else if (id == C_THIS || id == C_EARLIER || id == C_OVER ||
	           (id == C_AT && tok_is(s, n, "the") && tok_is(s, lex(s, len, n.end), "weekend"))) {
		/* "at the weekend": British for "over the weekend" */
		struct tok u = n;
		if (id == C_EARLIER || id == C_OVER || id == C_AT) {
			if (!tok_is(s, n, "this") && !tok_is(s, n, "the"))
				return 0;
			if (id == C_EARLIER && tok_is(s, n, "the"))
				return 0;
			u = lex(s, len, n.end);
		}
		unit = u;
		which = 0;
		end = u.end;
	}
	/* The publication's civil date, for the month and year forms. */
	int py = 0;
	unsigned pm = 1, pd = 1;
	if (sc->have_pub)
		event_civil_from_days(pub, &py, &pm, &pd);

	if (unit.kind == T_WORD) {
		int32_t monday = pub - weekday_of_day(pub);
		if (tok_is(s, unit, "week")) {
			add(sc, start, end, monday + 7 * which, DATE_PRECISION_WEEK, rel);
			return end;
		}
		if (tok_is(s, unit, "weekend")) {
			/* The latest Saturday on or before publication (this
			 * weekend), or the one before it when already past. */
			int back = (weekday_of_day(pub) - 5 + 7) % 7;
			if (which < 0 && back <= 1)
				back += 7; /* "last weekend", said during a weekend */
			add(sc, start, end, pub - back, DATE_PRECISION_WEEK, rel);
			return end;
		}
		if (tok_is(s, unit, "month")) {
			int y = py, m = (int)pm + which;
			if (m < 1) {
				m = 12;
				y--;
			}
			add(sc, start, end, sc->have_pub ? event_days_from_civil(y, (unsigned)m, 1) : 0,
			    DATE_PRECISION_MONTH, rel);
			return end;
		}
		if (tok_is(s, unit, "year")) {
			add(sc, start, end, sc->have_pub ? event_days_from_civil(py + which, 1, 1) : 0,
			    DATE_PRECISION_YEAR, rel);
			return end;
		}
	}

	/* "three days ago", "two weeks ago", "a month ago". */
	if (t.kind == T_DIGITS || cand_small[id]) {
		long k = t.kind == T_DIGITS ? tok_num(s, t) : cand_small[id];
		struct tok ago = lex(s, len, n.end);
		if (k < 1 || k > 400 || !tok_is(s, ago, "ago"))
			return 0;
		if (tok_is(s, n, "days") || tok_is(s, n, "day")) {
			add(sc, start, ago.end, pub - (int32_t)k, DATE_PRECISION_DAY, rel);
			return ago.end;
		}
		if (tok_is(s, n, "weeks") || tok_is(s, n, "week")) {
			add(sc, start, ago.end, pub - 7 * (int32_t)k, DATE_PRECISION_WEEK, rel);
			return ago.end;
		}
		if (tok_is(s, n, "months") || tok_is(s, n, "month")) {
			int y = py, m = (int)pm - (int)k;
			while (m < 1) {
				m += 12;
				y--;
			}
			add(sc, start, ago.end, sc->have_pub ? event_days_from_civil(y, (unsigned)m, 1) : 0,
			    DATE_PRECISION_MONTH, rel);
			return ago.end;
		}
		if (tok_is(s, n, "years") || tok_is(s, n, "year")) {
			add(sc, start, ago.end, sc->have_pub ? event_days_from_civil(py - (int)k, 1, 1) : 0,
			    DATE_PRECISION_YEAR, rel);
			return ago.end;
		}
	}
	return 0;
}

size_t dates_scan(const char *s, size_t len, int64_t published_at_ms, struct date_ref *out, size_t max)
{
	pthread_once(&cand_once, cand_build); /* the candidate table, once per process */
	struct scan sc = {s, len, published_at_ms != 0, 0, out, max, 0, 0};
	struct tok prev = {0, 0, T_END};
	size_t p = 0;

	if (sc.have_pub) {
		int64_t d = published_at_ms / MS_PER_DAY;
		if (published_at_ms < 0 && published_at_ms % MS_PER_DAY)
			d--;
		sc.pub = (int32_t)d;
	}
	while (p < len && sc.n < max) {
		struct tok t = lex_next(s, len, p);
		if (t.kind == T_END)
			break;
		int id = t.kind == T_WORD ? cand_of(s, len, t) : C_NONE;
		if (t.kind == T_PUNCT || (t.kind == T_WORD && id == C_NONE)) {
			prev = t;
			p = t.end;
			continue;
		}
		unsigned flags = 0;
		size_t start = t.start;
		struct tok at = t, before = prev;
		int from = id == C_FROM;
		if (from || id == C_SINCE) {
			struct tok n = lex(s, len, t.end);
			flags = DATE_F_SINCE;
			before = t;
			at = n;
			id = cand_of(s, len, n);
		}
		size_t first = sc.n;
		sc.ranged = 0;
		size_t end = try_absolute(&sc, at, id, before, start, flags);
		if (!end)
			end = try_relative(&sc, at, id, start, flags);
		if (end && from) {
			/* "from 2 - 4 May", "from Monday to Wednesday": a bounded
			 * period, not the open start of a cumulative count. */
			struct tok c = lex(s, len, end);
			if (sc.ranged || tok_is(s, c, "to") || tok_is(s, c, "until") ||
			    tok_is(s, c, "till") || tok_is(s, c, "through") || tok_punct(s, c, '-')) {
				for (size_t i = first; i < sc.n; i++)
					out[i].flags &= ~(unsigned)DATE_F_SINCE;
			}
		}
		if (end) {
			p = end;
			prev = lex(s, len, end);
			prev.kind = T_END; /* no preposition carries over a date */
			continue;
		}
		prev = t;
		p = t.end;
	}
	return sc.n;
}

/* A day after publication (a report dated in local time ahead of UTC, or a
 * misread) counts as CURRENT rather than inventing a fourth class. */
enum temporality dates_temporality(int32_t event_day, int32_t published_day)
{
	int32_t age = published_day - event_day;
	if (age <= 2)
		return TEMPORALITY_CURRENT;
	if (age <= 30)
		return TEMPORALITY_RECENT;
	return TEMPORALITY_HISTORICAL;
}
