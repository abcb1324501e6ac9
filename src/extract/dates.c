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

static inline struct tok lex(const char *s, size_t len, size_t p)
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

/* Every word that can begin a date expression, any order. */
static const char *const candidate_words[] = {
    "a",     "apr",       "april",   "at",      "aug",       "august",   "dec",      "december", "earlier",  "early",
    "feb",   "february",  "five",    "four",    "friday",    "from",     "jan",      "january",  "jul",
    "july",  "jun",       "june",    "last",    "late",      "mar",      "march",    "may",      "monday",
    "nov",   "november",  "oct",     "october", "one",       "over",     "past",     "saturday", "sep",
    "sept",  "september", "since",   "six",     "sunday",    "the",      "this",     "three",    "thursday",
    "today", "tonight",   "tuesday", "two",     "wednesday", "yesterday"};

/* Could the word token t start an expression?  Most words cannot, and one
 * hash probe lets the scan skip them without trying every pattern.  The
 * table is built once, on first use, from candidate_words. */
#define CAND_SLOTS 512 /* power of two, > 4x the words */

static const char *cand_table[CAND_SLOTS];
static pthread_once_t cand_once = PTHREAD_ONCE_INIT;
/* Per first letter, a bit per word length present: rejects most words
 * before they are folded and hashed. */
static uint32_t cand_lengths[26];

static unsigned cand_hash(const char *w, size_t n)
{
	unsigned h = 2166136261u;
	for (size_t k = 0; k < n; k++)
		h = (h ^ (unsigned char)w[k]) * 16777619u;
	return h & (CAND_SLOTS - 1);
}

static void cand_build(void)
{
	for (size_t i = 0; i < sizeof(candidate_words) / sizeof(candidate_words[0]); i++) {
		const char *w = candidate_words[i];
		unsigned h = cand_hash(w, strlen(w));
		while (cand_table[h])
			h = (h + 1) & (CAND_SLOTS - 1);
		cand_table[h] = w;
		cand_lengths[w[0] - 'a'] |= 1u << strlen(w);
	}
}

static int is_candidate(const char *s, struct tok t)
{
	char w[16];
	size_t n = t.end - t.start;

	if (n == 0 || n >= sizeof(w))
		return 0;
	unsigned first = (unsigned char)(s[t.start] | 0x20) - 'a';
	if (first >= 26 || !((cand_lengths[first] >> n) & 1))
		return 0;
	for (size_t k = 0; k < n; k++) {
		char c = s[t.start + k];
		w[k] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
	}
	for (unsigned h = cand_hash(w, n); cand_table[h]; h = (h + 1) & (CAND_SLOTS - 1)) {
		if (strncmp(cand_table[h], w, n) == 0 && cand_table[h][n] == '\0')
			return 1;
	}
	return 0;
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

/* Try an absolute form starting at t.  Returns the end consumed or 0. */
static size_t try_absolute(struct scan *sc, struct tok t, struct tok prev, size_t start, unsigned flags)
{
	const char *s = sc->s;
	size_t len = sc->len;
	size_t e;
	int m = month_of(s, len, t, &e);

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

/* Relative forms.  Returns the end consumed or 0. */
static size_t try_relative(struct scan *sc, struct tok t, size_t start, unsigned flags)
{
	const char *s = sc->s;
	size_t len = sc->len;
	int32_t pub = sc->pub;
	struct tok n = lex(s, len, t.end);
	unsigned rel = flags | DATE_F_RELATIVE;
	int py = 0;
	unsigned pm = 1, pd = 1;

	if (sc->have_pub)
		event_civil_from_days(pub, &py, &pm, &pd);

	if (tok_is(s, t, "today") || tok_is(s, t, "tonight")) {
		add(sc, start, t.end, pub, DATE_PRECISION_DAY, rel);
		return t.end;
	}
	if (tok_is(s, t, "yesterday")) {
		add(sc, start, t.end, pub - 1, DATE_PRECISION_DAY, rel);
		return t.end;
	}
	if (tok_is(s, t, "the") && tok_is(s, n, "day")) {
		struct tok b = lex(s, len, n.end);
		struct tok y = lex(s, len, b.end);
		if (tok_is(s, b, "before") && tok_is(s, y, "yesterday")) {
			add(sc, start, y.end, pub - 2, DATE_PRECISION_DAY, rel);
			return y.end;
		}
		return 0;
	}
	if (tok_is(s, t, "this") &&
	    (tok_is(s, n, "morning") || tok_is(s, n, "afternoon") || tok_is(s, n, "evening"))) {
		add(sc, start, n.end, pub, DATE_PRECISION_DAY, rel);
		return n.end;
	}
	if (tok_is(s, t, "last") && (tok_is(s, n, "night") || tok_is(s, n, "evening"))) {
		add(sc, start, n.end, pub - 1, DATE_PRECISION_DAY, rel);
		return n.end;
	}

	/* Weekdays, with "last"/"early"/"late" before and a part of day after. */
	struct tok w = t;
	int last = 0;
	if (tok_is(s, t, "last") || tok_is(s, t, "early") || tok_is(s, t, "late") || tok_is(s, t, "past")) {
		last = tok_is(s, t, "last") || tok_is(s, t, "past");
		w = n;
	}
	int wd = weekday_of(s, w);
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
				size_t r = try_absolute(sc, b, a, start, flags);
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
	if (tok_is(s, t, "last") || tok_is(s, t, "past")) {
		unit = n;
		which = -1;
		end = n.end;
	} else if (tok_is(s, t, "this") || tok_is(s, t, "earlier") || tok_is(s, t, "over") ||
	           (tok_is(s, t, "at") && tok_is(s, n, "the") && tok_is(s, lex(s, len, n.end), "weekend"))) {
		/* "at the weekend": British for "over the weekend" */
		struct tok u = n;
		if (tok_is(s, t, "earlier") || tok_is(s, t, "over") || tok_is(s, t, "at")) {
			if (!tok_is(s, n, "this") && !tok_is(s, n, "the"))
				return 0;
			if (tok_is(s, t, "earlier") && tok_is(s, n, "the"))
				return 0;
			u = lex(s, len, n.end);
		}
		unit = u;
		which = 0;
		end = u.end;
	}
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
	if (t.kind == T_DIGITS || tok_is(s, t, "a") || tok_is(s, t, "one") || tok_is(s, t, "two") ||
	    tok_is(s, t, "three") || tok_is(s, t, "four") || tok_is(s, t, "five") || tok_is(s, t, "six")) {
		static const char *const small[] = {"a", "one", "two", "three", "four", "five", "six"};
		long k = t.kind == T_DIGITS ? tok_num(s, t) : 0;
		for (int i = 0; i < 7 && t.kind == T_WORD; i++) {
			if (tok_is(s, t, small[i]))
				k = i ? i : 1;
		}
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
		struct tok t = lex(s, len, p);
		if (t.kind == T_END)
			break;
		if (t.kind == T_PUNCT || (t.kind == T_WORD && !is_candidate(s, t))) {
			prev = t;
			p = t.end;
			continue;
		}
		unsigned flags = 0;
		size_t start = t.start;
		struct tok at = t, before = prev;
		int from = tok_is(s, t, "from");
		if (from || tok_is(s, t, "since")) {
			struct tok n = lex(s, len, t.end);
			flags = DATE_F_SINCE;
			before = t;
			at = n;
		}
		size_t first = sc.n;
		sc.ranged = 0;
		size_t end = try_absolute(&sc, at, before, start, flags);
		if (!end)
			end = try_relative(&sc, at, start, flags);
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
