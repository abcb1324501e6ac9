/*
 * text.h - article text: clean-up, sentences and tokens, with byte offsets.
 *
 * text_clean() turns typographic characters into ASCII (curly quotes,
 * dashes, non-breaking and zero-width spaces) into a new buffer and records,
 * for every output byte, the offset of the input byte it came from, so spans
 * found in the clean text map back to the original article for evidence.
 */
#ifndef CONFLICTD_TEXT_H
#define CONFLICTD_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Clean in[0..len) into out (capacity >= len + 1).  map (capacity >= len + 1)
 * receives map[i] = offset in `in` of out[i], and map[out_len] = len.
 * Invalid UTF-8 bytes become '?'.  Returns out_len; out is NUL-terminated. */
size_t text_clean(const char *in, size_t len, char *out, uint32_t *map);

enum text_span_flag {
	TEXT_SPAN_HEADING = 1u << 0,  /* a section heading line ("- 'Careful advance' -") */
	TEXT_SPAN_DATELINE = 1u << 1, /* the sentence began with a dateline, skipped in start */
	TEXT_SPAN_QUOTE = 1u << 2     /* the sentence is (mostly) a direct quotation */
};

struct text_span {
	uint32_t start, end; /* byte offsets in the cleaned text; end exclusive, trimmed */
	unsigned flags;
};

/* Split s[0..len) (cleaned text) into sentences.  Survives abbreviations
 * ("U.S.", "Gen.", "Jan.", "No. 3"), initials, decimals, ellipses and quotes
 * that close after the full stop; a blank line always ends a sentence; a
 * leading dateline ("Beirut:", "KABUL (Reuters) -", "ADEN, Yemen, May 3
 * (AFP) -") is excluded from the first sentence's span and flagged.
 * Returns the number written (at most max). */
size_t text_sentences(const char *s, size_t len, struct text_span *out, size_t max);

/* Length of a dateline at the start of s (0 when none); *place_end receives
 * the end of the place name in it (for "the dateline city"). */
size_t text_dateline(const char *s, size_t len, size_t *place_end);

enum text_token_flag {
	TOK_WORD = 1u << 0,  /* letters (and inner apostrophes/hyphens) */
	TOK_NUM = 1u << 1,   /* digits, with , and . inside ("1,100", "3.5") */
	TOK_PUNCT = 1u << 2, /* any other single character */
	TOK_CAP = 1u << 3,   /* word starting with an upper-case letter */
	TOK_UPPER = 1u << 4  /* word entirely upper-case, length >= 2 ("SDF") */
};

struct text_token {
	uint32_t start, end; /* byte offsets in s */
	unsigned flags;
};

/* Tokenise s[start..end).  Returns the number written (at most max). */
size_t text_tokens(const char *s, size_t start, size_t end, struct text_token *out, size_t max);

/* Case-insensitive ASCII comparison of a token with a word. */
int text_token_is(const char *s, const struct text_token *t, const char *word);

/* text_token_is(), inline for the scanners' hot paths: with a literal word
 * its first letter and length are known where it is called, so most tokens
 * are refused without a call.  (Only A-Z fold, on both sides.) */
static inline int text_token_is_inline(const char *s, const struct text_token *t, const char *word)
{
	size_t n = t->end - t->start;
	if (n == 0)
		return !word[0];
	/* most tokens differ in their first letter: no strlen() for a word in a table */
	if (((unsigned char)s[t->start] | 0x20) != ((unsigned char)word[0] | 0x20) || n != strlen(word))
		return 0;
	const unsigned char *a = (const unsigned char *)s + t->start, *b = (const unsigned char *)word;
	for (size_t i = 0; i < n; i++) {
		unsigned char x = a[i] >= 'A' && a[i] <= 'Z' ? (unsigned char)(a[i] | 0x20) : a[i];
		unsigned char y = b[i] >= 'A' && b[i] <= 'Z' ? (unsigned char)(b[i] | 0x20) : b[i];
		if (x != y)
			return 0;
	}
	return 1;
}

#endif
