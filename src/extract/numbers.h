/*
 * numbers.h - numerals, number words and vague quantities in text.
 *
 * "43", "1,100", "Seventeen", "twenty-five", "two dozen", "more than 260",
 * "at least 43", "between 10 and 15", "up to 30", "dozens" (12),
 * "hundreds" (100), "tens" (10), "scores" (20), "a dozen", "several" ...
 * The vague values are ACLED's coding rules (ACLED Codebook, fatalities).
 * The English number words are closed-class grammar kept in numbers.c.
 */
#ifndef CONFLICTD_NUMBERS_H
#define CONFLICTD_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

enum num_flag {
	NUM_F_VAGUE = 1u << 0,    /* a word standing for a number ("dozens"): imputed */
	NUM_F_AT_LEAST = 1u << 1, /* "at least", "more than", "over": value is a floor */
	NUM_F_AT_MOST = 1u << 2,  /* "up to", "nearly", "almost", "less than" */
	NUM_F_RANGE = 1u << 3,    /* "between 10 and 15", "10 to 15", "10-15" */
	NUM_F_APPROX = 1u << 4,   /* "about", "around", "some", "roughly" */
	NUM_F_YEAR = 1u << 5,     /* a bare 4-digit year-like number (1900..2100) */
	NUM_F_ORDINAL = 1u << 6,  /* "third", "3rd" */
	NUM_F_DATE_PART = 1u << 7 /* the day of a date ("July 25", "25 July") */
};

struct num_value {
	uint32_t start, end; /* byte span of the whole expression, modifiers included */
	long value;          /* ACLED's conservative figure: the floor of a range or bound */
	long low, high;      /* equal to value unless a range/bound says otherwise */
	unsigned flags;
};

/* Find number expressions in s[0..len), in text order.  Returns the count
 * written (at most max). */
size_t numbers_scan(const char *s, size_t len, struct num_value *out, size_t max);

#endif
