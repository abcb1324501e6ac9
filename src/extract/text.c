/*
 * text.c - article text: typographic clean-up with a byte map, sentence
 * splitting, datelines, headings and tokens.
 *
 * Everything after text_clean() works on plain ASCII punctuation, so the
 * rest of the extractor never has to know that a news desk typed U+2019 for
 * an apostrophe or U+2014 for a dash.  The map keeps every clean byte tied to
 * the original byte it came from, which is what evidence offsets need.
 *
 * Sentence splitting is rule-based and linear: a full stop, question or
 * exclamation mark (with closing quotes or brackets after it) ends a
 * sentence when whitespace and a plausible sentence start follow and the
 * word before it is not an abbreviation.  The abbreviation lists are
 * closed-class English (titles, month and unit abbreviations) and live here
 * as grammar, not data.  ALL-CAPS wire text (MUC-4 style) gets no help from
 * capitalisation, so there the abbreviation lists carry the whole decision.
 *
 * Limits: a line without final punctuation (a title, a photo caption) joins
 * the next sentence unless a blank line follows, because single newlines
 * are ordinary wrapping in wire text; "the U.S. Embassy" and "the U.S. La
 * Jornada ..." look alike, so a dotted abbreviation ends a sentence only
 * before a common opener ("The", "Many", "In" ...).
 */
#include "extract/text.h"

#include "extract/ascii_run.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

/* A sentence longer than this is cut at its last space before the limit so
 * that later stages (frames, windows over tokens) stay bounded. */
#define TEXT_MAX_SENTENCE 4000

/* Longest dateline we look for, and longest heading line. */
#define TEXT_MAX_DATELINE 120
#define TEXT_MAX_HEADING  100

/* ---- clean-up ------------------------------------------------------------ */

/* Decode one UTF-8 sequence at in[i]; returns its length (0 if invalid) and
 * stores the code point. */
static size_t utf8_decode(const unsigned char *in, size_t len, size_t i, unsigned *cp)
{
	unsigned c = in[i];
	size_t n;
	unsigned v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (i + n > len)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((in[i + k] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (in[i + k] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* What a code point becomes: a replacement string, "" to drop it, or NULL
 * to copy the original bytes. */
static const char *clean_replacement(unsigned cp)
{
	switch (cp) {
	case 0x2018: /* left/right single quotes, low-9, reversed, prime */
	case 0x2019:
	case 0x201a:
	case 0x201b:
	case 0x2032:
	case 0x2039: /* single guillemets */
	case 0x203a:
	case 0x02bc: /* modifier letter apostrophe */
		return "'";
	case 0x201c: /* double quotes, low-9, reversed, double prime, guillemets */
	case 0x201d:
	case 0x201e:
	case 0x201f:
	case 0x2033:
	case 0x00ab:
	case 0x00bb:
		return "\"";
	case 0x2010: /* hyphen, non-breaking hyphen, figure dash, en dash, minus */
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2212:
	case 0xfe63:
	case 0xff0d:
		return "-";
	case 0x2014: /* em dash, horizontal bar: spaced, see text_clean */
	case 0x2015:
		return " - ";
	case 0x2026:
		return "...";
	case 0x00a0: /* no-break, narrow no-break, en/em/thin... spaces, ideographic */
	case 0x2000:
	case 0x2001:
	case 0x2002:
	case 0x2003:
	case 0x2004:
	case 0x2005:
	case 0x2006:
	case 0x2007:
	case 0x2008:
	case 0x2009:
	case 0x200a:
	case 0x202f:
	case 0x205f:
	case 0x3000:
	case 0x2028: /* line separator */
		return " ";
	case 0x2029: /* paragraph separator */
		return "\n\n";
	case 0x200b: /* zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen */
	case 0x200c:
	case 0x200d:
	case 0x2060:
	case 0xfeff:
	case 0x00ad:
		return "";
	default:
		return NULL;
	}
}

/* Are the 8 bytes at p all printable ASCII or newlines?  Each byte is
 * tested in its own lane (only the low seven bits are added to, so no carry
 * or borrow crosses lanes): a byte with its top bit set, below 0x20 but not
 * '\n', or 0x7f is out. */
static int printable_nl8(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t t = x & ~high;
	uint64_t below = ~(t + ones * (0x80 - 0x20)) & high;       /* t < 0x20 */
	uint64_t nl = ~((t ^ (ones * '\n')) + ones * 0x7f) & high; /* t == '\n' */
	uint64_t del = (t + ones) & high;                          /* t == 0x7f */
	return !((x & high) | (below & ~nl) | del);
}

size_t text_clean(const char *in, size_t len, char *out, uint32_t *map)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t o = 0;
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		/* Printable ASCII and newlines, nearly every byte, pass unchanged. */
		if ((u[i] >= 0x20 && u[i] < 0x7f) || u[i] == '\n') {
			size_t j = i + 1;
			while (j + 8 <= len && printable_nl8(u + j))
				j += 8;
			while (j < len && ((u[j] >= 0x20 && u[j] < 0x7f) || u[j] == '\n'))
				j++;
			memcpy(out + o, in + i, j - i);
			/* eight offsets a step: the compiler stores them as vectors */
			uint32_t *m = map + o, b = (uint32_t)i;
			size_t k = 0, cnt = j - i;
			for (; k + 8 <= cnt; k += 8)
				for (unsigned x = 0; x < 8; x++)
					m[k + x] = b + (uint32_t)(k + x);
			for (; k < cnt; k++)
				m[k] = b + (uint32_t)k;
			o += j - i;
			i = j;
			continue;
		}
		size_t n = utf8_decode(u, len, i, &cp);

		if (n == 0) {
			map[o] = (uint32_t)i;
			out[o++] = '?';
			i++;
			continue;
		}
		if (n == 1) {
			char c = (char)cp;
			if (c == '\r') {
				/* CRLF -> LF; a lone CR is a line break. */
				if (i + 1 < len && in[i + 1] == '\n') {
					i++;
					continue;
				}
				c = '\n';
			} else if (c == '\t' || c == '\v' || c == '\f' || (cp < 0x20 && c != '\n') ||
			           cp == 0x7f) {
				c = ' ';
			}
			map[o] = (uint32_t)i;
			out[o++] = c;
			i++;
			continue;
		}
		const char *rep = clean_replacement(cp);
		if (!rep) {
			for (size_t k = 0; k < n; k++) {
				map[o] = (uint32_t)(i + k);
				out[o++] = in[i + k];
			}
		} else if (rep[0] == ' ' && rep[1] == '-') {
			/* An em dash separates words: "Saturday—the" must not
			 * become one hyphenated word.  Pad with spaces only where
			 * none is already there (3 input bytes, <= 3 output). */
			if (o > 0 && out[o - 1] != ' ' && out[o - 1] != '\n') {
				map[o] = (uint32_t)i;
				out[o++] = ' ';
			}
			map[o] = (uint32_t)i;
			out[o++] = '-';
			if (i + n < len && !isspace(u[i + n])) {
				map[o] = (uint32_t)i;
				out[o++] = ' ';
			}
		} else {
			/* Replacements are never longer than the sequence they
			 * replace, so out never outgrows len. */
			for (size_t k = 0; rep[k]; k++) {
				map[o] = (uint32_t)(i + (k < n ? k : n - 1));
				out[o++] = rep[k];
			}
		}
		i += n;
	}
	map[o] = (uint32_t)len;
	out[o] = '\0';
	return o;
}

/* ---- character classes --------------------------------------------------- */

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* ASCII letters (isalpha() in the C locale, inline) and any non-ASCII byte. */
static int is_alpha(char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26 || (unsigned char)c >= 0x80;
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_close_quote(char c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']';
}

/* ---- abbreviations ------------------------------------------------------- */

/* Words that are followed by a full stop without ending a sentence: titles
 * and ranks (always before a name), month abbreviations (before a day),
 * and short Latin/English abbreviations. */
static const char *const abbrev_always[] = {
    "mr",   "mrs",  "ms",    "dr",   "gen",   "col",  "lt",   "maj",  "sgt",  "capt",   "cpl",    "pvt",
    "brig", "adm",  "cmdr",  "cdr",  "rev",   "prof", "sen",  "rep",  "gov",  "pres",   "st",     "mt",
    "ft",   "jr",   "sr",    "hon",  "lieut", "gens", "cols", "insp", "supt", "messrs", "approx", "vs",
    "cf",   "dept", "gov't", "govt", "ave",   "blvd", "rd",   "no",   "nos",  NULL,
};

static const char *const abbrev_months[] = {"jan", "feb",  "mar", "apr", "jun", "jul", "aug",
                                            "sep", "sept", "oct", "nov", "dec", NULL};

/* Dotted abbreviations ("e.g.", "a.m.", "U.S."): never end a sentence when
 * a lower-case word follows; e.g./i.e. never end one at all. */
static const char *const abbrev_never_end[] = {"e.g", "i.e", "viz", NULL};

/* Words that start sentences often enough that "... in the U.S. The" is
 * better split than joined.  Closed-class English. */
static const char *const sentence_starters[] = {
    "the",    "a",       "an",        "it",     "he",      "she",       "they",      "we",        "i",
    "you",    "this",    "that",      "these",  "those",   "in",        "on",        "at",        "but",
    "and",    "however", "meanwhile", "there",  "his",     "her",       "their",     "its",       "our",
    "after",  "before",  "earlier",   "later",  "since",   "when",      "while",     "where",     "what",
    "who",    "why",     "how",       "if",     "as",      "for",       "from",      "with",      "by",
    "during", "despite", "although",  "though", "because", "following", "according", "many",      "most",
    "some",   "several", "both",      "all",    "each",    "such",      "other",     "part",      "speaking",
    "two",    "three",   "four",      "five",   "six",     "seven",     "eight",     "nine",      "ten",
    "also",   "still",   "yet",       "now",    "then",    "thus",      "today",     "yesterday", "officials",
    NULL,
};

/* Place-name connectors that may be lower-case inside a dateline place. */
static const char *const place_connectors[] = {"de", "la", "el", "al", "of", "du", "des", "del", "da", "do",
                                               "ez", "es", "ad", "ar", "as", "an", "bin", "ibn", NULL};

/* A word list and, per word length (below WORD_LIST_LEN), a bit per first
 * letter (a-z) of its words of that length: most words looked up are not in
 * the list, and the bits turn them away before the list is walked.  A list
 * with a word the bits cannot hold (not starting with a-z, or too long) is
 * always walked. */
#define WORD_LIST_LEN 16

struct word_list {
	const char *const *words;
	uint32_t first[WORD_LIST_LEN];
	int unfiltered; /* a word the bits cannot hold: every lookup walks the list */
};

static struct word_list starter_list = {sentence_starters, {0}, 0};
static struct word_list month_list = {abbrev_months, {0}, 0};
static struct word_list always_list = {abbrev_always, {0}, 0};
static struct word_list never_end_list = {abbrev_never_end, {0}, 0};
static struct word_list connector_list = {place_connectors, {0}, 0};
static pthread_once_t word_lists_once = PTHREAD_ONCE_INIT;

static void word_lists_build(void)
{
	struct word_list *all[] = {&starter_list, &month_list, &always_list, &never_end_list,
	                           &connector_list};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		for (size_t k = 0; all[i]->words[k]; k++) {
			const char *w = all[i]->words[k];
			size_t n = strlen(w);
			unsigned f = (unsigned char)w[0] - 'a';
			if (n >= WORD_LIST_LEN || f >= 26)
				all[i]->unfiltered = 1;
			else
				all[i]->first[n] |= 1u << f;
		}
	}
}

static int word_in(const char *s, size_t n, struct word_list *wl)
{
	if (n == 0)
		return 0;
	pthread_once(&word_lists_once, word_lists_build);
	char c = (char)tolower((unsigned char)s[0]);
	/* A word of n bytes with a NUL-free text matches only a list word of
	 * length n starting with c. */
	unsigned f = (unsigned char)c - 'a';
	if (!wl->unfiltered && (n >= WORD_LIST_LEN || f >= 26 || !((wl->first[n] >> f) & 1)))
		return 0;
	const char *const *list = wl->words;
	for (size_t k = 0; list[k]; k++) {
		if (list[k][0] == c && strncasecmp(s, list[k], n) == 0 && list[k][n] == '\0')
			return 1;
	}
	return 0;
}

/* The word (letters, dots, apostrophes) ending just before s[dot]. */
static size_t word_before(const char *s, size_t start, size_t dot, size_t *wstart)
{
	size_t b = dot;
	while (b > start && (is_alpha(s[b - 1]) || s[b - 1] == '.' || s[b - 1] == '\''))
		b--;
	*wstart = b;
	return dot - b;
}

/* Is the next word (at s[p]) a common sentence opener? */
static int next_is_starter(const char *s, size_t p, size_t len)
{
	size_t e = p;
	while (e < len && is_alpha(s[e]))
		e++;
	return e > p && word_in(s + p, e - p, &starter_list);
}

/* Decide whether the '.' at s[dot] is an abbreviation's, given that the
 * next sentence would start at s[next]. */
static int dot_is_abbrev(const char *s, size_t start, size_t dot, size_t next, size_t len)
{
	size_t ws;
	size_t wl = word_before(s, start, dot, &ws);

	if (wl == 0)
		return 0;
	/* "No. 3", "Nos. 4": a number follows; "no." before a capital is a word. */
	if ((wl == 2 && strncasecmp(s + ws, "no", 2) == 0) || (wl == 3 && strncasecmp(s + ws, "nos", 3) == 0))
		return next < len && (is_digit(s[next]) || s[next] == '#');
	if (word_in(s + ws, wl, &month_list)) {
		/* "Jan. 5" never ends; "on 12 Jan. Three ..." does. */
		size_t b = ws;
		while (b > start && s[b - 1] == ' ')
			b--;
		return (next < len && is_digit(s[next])) || b == start || !is_digit(s[b - 1]);
	}
	if (word_in(s + ws, wl, &always_list))
		return 1;
	if (word_in(s + ws, wl, &never_end_list))
		return 1;
	/* An initial: one capital letter after a space ("J. Smith"). */
	if (wl == 1 && is_upper(s[ws]))
		return 1;
	/* Dotted abbreviations: "U.S.", "U.N.", "a.m.", "p.m.". */
	if (memchr(s + ws, '.', wl)) {
		if (next < len && !is_upper(s[next]) && !is_digit(s[next]))
			return 1;
		return !next_is_starter(s, next, len);
	}
	return 0;
}

/* ---- datelines ----------------------------------------------------------- */

/* One dateline segment: capitalised words ("Deir ez-Zor", "SAN SALVADOR")
 * or a date ("May 3", "3 JAN 90", "Jan. 5").  Returns its end or start when
 * none; *all_caps reports whether every letter was upper-case. */
static size_t dateline_segment(const char *s, size_t p, size_t len, int *all_caps, int *words)
{
	size_t q = p;
	int n = 0;

	*all_caps = 1;
	while (q < len && n < 6) {
		size_t w = q;
		if (is_digit(s[w])) {
			while (w < len && is_digit(s[w]))
				w++;
			if (w - q > 4)
				break;
		} else if (is_alpha(s[w])) {
			size_t e = w;
			while (e < len && (is_alpha(s[e]) || s[e] == '-' || s[e] == '\'' || s[e] == '.'))
				e++;
			int cap = is_upper(s[w]) || (unsigned char)s[w] >= 0x80;
			size_t stem = w;
			while (stem < e && s[stem] != '-')
				stem++;
			/* "de", "al-", "ez-Zor": particles inside place names. */
			if (!cap && !word_in(s + w, stem - w, &connector_list))
				break;
			for (size_t k = w; k < e; k++) {
				if (s[k] >= 'a' && s[k] <= 'z')
					*all_caps = 0;
			}
			w = e;
		} else {
			break;
		}
		n++;
		q = w;
		/* Continue over a single space to the next word. */
		if (q + 1 < len && s[q] == ' ' && (is_alpha(s[q + 1]) || is_digit(s[q + 1])))
			q++;
		else
			break;
	}
	*words = n;
	return n ? q : p;
}

size_t text_dateline(const char *s, size_t len, size_t *place_end)
{
	size_t p = 0;
	size_t lim = len < TEXT_MAX_DATELINE ? len : TEXT_MAX_DATELINE;
	int caps, words, first_caps;
	int parens = 0;

	while (p < lim && is_space(s[p]))
		p++;
	size_t q = dateline_segment(s, p, lim, &first_caps, &words);
	if (q == p || words > 4)
		return 0;
	size_t first_end = q;
	int segments = 1;
	/* Further ", Segment" parts: country, state, date. */
	for (int k = 0; k < 3 && q + 2 < lim && s[q] == ',' && s[q + 1] == ' '; k++) {
		size_t r = dateline_segment(s, q + 2, lim, &caps, &words);
		if (r == q + 2)
			break;
		q = r;
		segments++;
	}
	while (q < lim && s[q] == ' ')
		q++;
	/* "(Reuters)", "(AFP)", "(RADIO CADENA NACIONAL)". */
	if (q < lim && s[q] == '(') {
		size_t r = q + 1;
		while (r < lim && r < q + 40 && s[r] != ')' && s[r] != '\n')
			r++;
		if (r >= lim || s[r] != ')' || !is_upper(s[q + 1]))
			return 0;
		q = r + 1;
		parens = 1;
		while (q < lim && s[q] == ' ')
			q++;
	}
	if (q >= lim)
		return 0;
	size_t end;
	if (parens && (is_upper(s[q]) || s[q] == '"')) {
		/* "Kabul, Afghanistan (CNN) A suicide bomber ...": no dash. */
		end = q;
	} else if (s[q] == ':' && !parens) {
		/* "Beirut: Syrian forces ...", "Maiduguri, Nigeria: ..." - a colon
		 * right after the place. */
		if (s[q - 1] == ' ' || q + 1 >= len || s[q + 1] != ' ')
			return 0;
		end = q + 1;
	} else if (s[q] == '-') {
		/* " - ", " -- ", " --- " after the place or the agency. */
		size_t r = q;
		while (r < lim && s[r] == '-')
			r++;
		if (r - q > 3 || r >= len || s[r] != ' ' || (q > 0 && s[q - 1] != ' '))
			return 0;
		/* Without an agency, an ALL-CAPS place or a "City, Country"
		 * reads as a dateline; "Kabul - The ..." is too close to
		 * ordinary prose. */
		if (!parens && !first_caps && segments < 2)
			return 0;
		end = r;
	} else {
		return 0;
	}
	while (end < len && s[end] == ' ')
		end++;
	if (place_end)
		*place_end = first_end;
	return end;
}

/* ---- headings ------------------------------------------------------------ */

/* Is the line s[p..e) a section heading: short and bracketed by dashes
 * ("- 'Careful advance' -", an en dash each side before clean-up)? */
static int line_is_heading(const char *s, size_t p, size_t e)
{
	while (p < e && s[p] == ' ')
		p++;
	while (e > p && s[e - 1] == ' ')
		e--;
	if (e - p < 3 || e - p > TEXT_MAX_HEADING)
		return 0;
	return s[p] == '-' && s[e - 1] == '-' && (s[p + 1] == ' ' || s[p + 1] == '-');
}

/* ---- sentences ----------------------------------------------------------- */

/* Sentences found so far, and whether a double quote is open where the
 * next one starts: a quotation often runs over several sentences of one
 * paragraph, and only the first of them begins with the quote mark. */
struct splitter {
	const char *s;
	struct text_span *out;
	size_t max, n;
	int quote_open;
};

/* Is most of [a, b) inside double quotes?  Updates the open-quote state. */
static int span_is_quote(struct splitter *sp, size_t a, size_t b)
{
	size_t inside = 0;
	int in = sp->quote_open;

	/* from quote mark to quote mark, counting the bytes between while inside */
	for (size_t k = a; k < b;) {
		const char *q = memchr(sp->s + k, '"', b - k);
		size_t e = q ? (size_t)(q - sp->s) : b;
		if (in)
			inside += e - k;
		if (!q)
			break;
		in = !in;
		k = e + 1;
	}
	sp->quote_open = in;
	return b > a && inside * 2 > b - a;
}

/* Append the trimmed span [a, b) unless it is empty. */
static void emit(struct splitter *sp, size_t a, size_t b, unsigned flags)
{
	const char *s = sp->s;

	while (a < b && is_space(s[a]))
		a++;
	while (b > a && is_space(s[b - 1]))
		b--;
	if (a >= b || sp->n >= sp->max)
		return;
	if (span_is_quote(sp, a, b))
		flags |= TEXT_SPAN_QUOTE;
	sp->out[sp->n].start = (uint32_t)a;
	sp->out[sp->n].end = (uint32_t)b;
	sp->out[sp->n].flags = flags;
	sp->n++;
}

/* Could a sentence start at s[p]? */
static int starts_sentence(const char *s, size_t p, size_t len)
{
	if (p >= len)
		return 1;
	char c = s[p];
	return is_upper(c) || is_digit(c) || c == '"' || c == '\'' || c == '(' || c == '[' || c == '-' ||
	       (unsigned char)c >= 0x80;
}

/* The bytes text_sentences() stops at: a newline and the terminators. */
static const unsigned char text_stop[256] = {['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1};

/* Is any of the 8 bytes at p a text_stop byte?  One 64-bit word per test:
 * a byte equal to c leaves a zero byte in x ^ c, and (v - 0x01..) & ~v
 * sets the top bit of some byte exactly when v has a zero byte. */
static int stop8(const char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	uint64_t a = x ^ (ones * '\n'), b = x ^ (ones * '.'), c = x ^ (ones * '!'), d = x ^ (ones * '?');
	return (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) | ((d - ones) & ~d)) & high ? 1 : 0;
}

size_t text_sentences(const char *s, size_t len, struct text_span *out, size_t max)
{
	struct splitter sp = {s, out, max, 0, 0};
	size_t start = 0;
	unsigned flags = 0;
	size_t p = 0;
	int line_start = 1;

	if (max == 0)
		return 0;
	size_t dl = text_dateline(s, len, NULL);
	if (dl) {
		start = dl;
		p = dl;
		flags = TEXT_SPAN_DATELINE;
		line_start = 0;
	}
	while (p < len && sp.n < max) {
		char c = s[p];

		if (line_start) {
			const char *nl = memchr(s + p, '\n', len - p);
			size_t e = nl ? (size_t)(nl - s) : len;
			if (line_is_heading(s, p, e)) {
				emit(&sp, start, p, flags);
				sp.quote_open = 0;
				emit(&sp, p, e, TEXT_SPAN_HEADING);
				sp.quote_open = 0;
				flags = 0;
				start = e;
				p = e;
				continue;
			}
			line_start = 0;
		}
		if (c == '\n') {
			/* A blank line (only spaces between two newlines) ends the
			 * sentence; a single newline is wrapping. */
			size_t q = p + 1;
			while (q < len && (s[q] == ' ' || s[q] == '\t'))
				q++;
			if (q < len && s[q] == '\n') {
				emit(&sp, start, p, flags);
				sp.quote_open = 0; /* quotes do not run over paragraphs */
				flags = 0;
				start = q;
			}
			line_start = 1;
			p = q < len && s[q] == '\n' ? q : p + 1;
			continue;
		}
		if (c == '.' || c == '!' || c == '?') {
			size_t q = p + 1;
			/* Runs of terminators: "?!", "..." */
			while (q < len && (s[q] == '.' || s[q] == '!' || s[q] == '?'))
				q++;
			size_t term_end = q;
			while (q < len && is_close_quote(s[q]))
				q++;
			size_t end = q;
			if (q < len && !is_space(s[q])) {
				p = q;
				continue;
			}
			while (q < len && (s[q] == ' ' || s[q] == '\t'))
				q++;
			int newline_next = q < len && s[q] == '\n';
			size_t nx = q;
			while (nx < len && is_space(s[nx]))
				nx++;
			int boundary = newline_next || starts_sentence(s, nx, len);
			if (boundary && c == '.' && term_end == p + 1 && dot_is_abbrev(s, start, p, nx, len))
				boundary = 0;
			if (boundary) {
				emit(&sp, start, end, flags);
				flags = 0;
				start = end;
			}
			p = end;
			continue;
		}
		if (p - start >= TEXT_MAX_SENTENCE) {
			/* Over-long run-on text: cut at the last space. */
			size_t cut = p;
			while (cut > start + TEXT_MAX_SENTENCE / 2 && !is_space(s[cut]))
				cut--;
			emit(&sp, start, cut, flags);
			flags = 0;
			start = cut;
		}
		p++;
		/* Bytes that are none of the above, most of the text, in a tight loop. */
		size_t lim = start + TEXT_MAX_SENTENCE < len ? start + TEXT_MAX_SENTENCE : len;
		while (p + 8 <= lim && !stop8(s + p))
			p += 8;
		while (p < lim && !text_stop[(unsigned char)s[p]])
			p++;
	}
	emit(&sp, start, len, flags);
	return sp.n;
}

/* ---- tokens -------------------------------------------------------------- */

/* Does s[p] begin an upper-case Latin letter outside ASCII ("\xc3\x89vora",
 * "\xe1\xb8\xa4om\xe1\xb9\xa3")?  Latin-1 capitals are U+00C0..U+00DE; in Latin Extended-A
 * and Latin Extended Additional capitals are the even code points (with a
 * few exceptions that do not occur in place or person names we meet). */
static int utf8_is_upper(const char *s, size_t p, size_t end)
{
	unsigned cp;
	size_t n = utf8_decode((const unsigned char *)s, end, p, &cp);

	if (n < 2)
		return 0;
	if (cp >= 0xc0 && cp <= 0xde)
		return cp != 0xd7;
	if ((cp >= 0x100 && cp <= 0x17f) || (cp >= 0x1e00 && cp <= 0x1eff))
		return (cp & 1) == 0;
	return 0;
}

size_t text_tokens(const char *s, size_t start, size_t end, struct text_token *out, size_t max)
{
	size_t n = 0;
	size_t p = start;

	while (p < end && n < max) {
		char c = s[p];
		if (is_space(c)) {
			p++;
			continue;
		}
		size_t q = p;
		unsigned flags;
		if (is_alpha(c)) {
			int upper = 1, letters = 0, possessive = 0;
			while (q < end) {
				if (s[q] >= 'a' && s[q] <= 'z') {
					/* a run of lower-case letters, as the branch below reads them */
					if (!possessive)
						upper = 0;
					size_t r = ascii_run(s, q + 1, end, ASCII_LOWER);
					letters += (int)(r - q);
					q = r;
				} else if (is_alpha(s[q])) {
					/* "SDF's" is still an acronym. */
					if (s[q] >= 'a' && s[q] <= 'z' && !possessive)
						upper = 0;
					letters++;
					q++;
				} else if ((s[q] == '\'' || s[q] == '-') && q + 1 < end &&
				           is_alpha(s[q + 1])) {
					possessive = s[q] == '\'' && (s[q + 1] | 0x20) == 's' &&
					             (q + 2 >= end || !is_alpha(s[q + 2]));
					q++;
				} else {
					break;
				}
			}
			flags = TOK_WORD;
			int cap = is_upper(c) || ((unsigned char)c >= 0x80 && utf8_is_upper(s, p, end));
			if (cap)
				flags |= TOK_CAP;
			if (upper && letters >= 2 && cap)
				flags |= TOK_UPPER;
		} else if (is_digit(c)) {
			while (q < end) {
				if (is_digit(s[q]))
					q++;
				else if ((s[q] == ',' || s[q] == '.') && q + 1 < end && is_digit(s[q + 1]))
					q++;
				else
					break;
			}
			flags = TOK_NUM;
		} else {
			q = p + 1;
			flags = TOK_PUNCT;
		}
		out[n].start = (uint32_t)p;
		out[n].end = (uint32_t)q;
		out[n].flags = flags;
		n++;
		p = q;
	}
	return n;
}

int text_token_is(const char *s, const struct text_token *t, const char *word)
{
	size_t n = t->end - t->start;
	if (n == 0 || !word[0])
		return n == 0 && !word[0];
	/* equal letters agree in every bit but 0x20: most words fail here */
	if (((unsigned char)s[t->start] | 0x20) != ((unsigned char)word[0] | 0x20))
		return 0;
	/* strlen(word) == n && strncasecmp(s + t->start, word, n) == 0, in one pass */
	const unsigned char *a = (const unsigned char *)s + t->start, *b = (const unsigned char *)word;
	for (size_t i = 0; i < n; i++) {
		if (!b[i])
			return 0;
		unsigned char x = a[i] >= 'A' && a[i] <= 'Z' ? (unsigned char)(a[i] | 0x20) : a[i];
		unsigned char y = b[i] >= 'A' && b[i] <= 'Z' ? (unsigned char)(b[i] | 0x20) : b[i];
		if (x != y)
			return 0;
	}
	return b[n] == '\0';
}
