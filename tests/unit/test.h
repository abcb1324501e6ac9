/*
 * test.h - the unit tests' harness: a few assertion macros and a runner.
 *
 * A test is a static void function; main() calls RUN(fn) for each and ends
 * with TEST_DONE(), which prints "N passed, N failed" and returns non-zero
 * when anything failed.  Assertions report file:line and keep going within
 * the test so one run shows every broken expectation.
 */
#ifndef CONFLICTD_TEST_H
#define CONFLICTD_TEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed, test_failed, test_current_failed;

#define CHECK(cond)                                                                                          \
	do {                                                                                                 \
		if (!(cond)) {                                                                               \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);           \
			test_current_failed = 1;                                                             \
		}                                                                                            \
	} while (0)

#define CHECK_INT(got, want)                                                                                 \
	do {                                                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);                                     \
		if (g_ != w_) {                                                                              \
			fprintf(stderr, "  %s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_,     \
			        w_);                                                                         \
			test_current_failed = 1;                                                             \
		}                                                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                                                 \
	do {                                                                                                 \
		const char *g_ = (got), *w_ = (want);                                                        \
		if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                                     \
			fprintf(stderr, "  %s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,     \
			        g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                     \
			test_current_failed = 1;                                                             \
		}                                                                                            \
	} while (0)

#define CHECK_NEAR(got, want, eps)                                                                           \
	do {                                                                                                 \
		double g_ = (got), w_ = (want);                                                              \
		if (!(fabs(g_ - w_) <= (eps))) {                                                             \
			fprintf(stderr, "  %s:%d: %s = %g, want %g\n", __FILE__, __LINE__, #got, g_, w_);    \
			test_current_failed = 1;                                                             \
		}                                                                                            \
	} while (0)

#define RUN(fn)                                                                                              \
	do {                                                                                                 \
		test_current_failed = 0;                                                                     \
		fn();                                                                                        \
		if (test_current_failed) {                                                                   \
			test_failed++;                                                                       \
			fprintf(stderr, "FAIL %s\n", #fn);                                                   \
		} else {                                                                                     \
			test_passed++;                                                                       \
		}                                                                                            \
	} while (0)

#define TEST_DONE()                                                                                          \
	do {                                                                                                 \
		printf("%d passed, %d failed\n", test_passed, test_failed);                                  \
		return test_failed ? 1 : 0;                                                                  \
	} while (0)

/* Environment variable or a fallback, for paths set by ctest. */
static inline const char *test_env(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

/* A small deterministic generator of hostile input for the text, number and
 * date scanners (same seed, same sequence in every test program): typographic UTF-8,
 * broken sequences, abbreviations, dashes and digits in random order. */
static inline unsigned test_rng(void)
{
	static unsigned state = 12345u;

	state = state * 1103515245u + 12345u;
	return state >> 8;
}

static inline size_t test_random_text(char *buf, size_t cap)
{
	static const char *const frags[] = {
	    "July ",      "25 ",  "2018",  ", ",      "since ",    "May ",         "between ",
	    "3",          "-",    "5 ",    "dozens ", "at least ", "\xe2\x80\x94", "\xe2\x80\x9c",
	    "\"",         ". ",   "U.S. ", "Gen. ",   "\n\n",      "- ",           "(AFP) ",
	    "KABUL ",     ": ",   "last ", "week ",   "Saturday ", "twenty",       "five ",
	    "hundred ",   "and ", "a ",    "half ",   "dozen ",    "\xff",         "\xc3",
	    "1,",         "000 ", "3rd ",  "No. ",    "? ",        "...",          "'",
	    "yesterday ", "ago ", "days ", "\r\n",    "\t"};
	size_t n = 0;
	int k = (int)(test_rng() % 60);
	for (int j = 0; j < k; j++) {
		if (test_rng() % 5 == 0) {
			if (n + 1 < cap)
				buf[n++] = (char)(test_rng() & 0xff);
		} else {
			const char *f = frags[test_rng() % (sizeof(frags) / sizeof(frags[0]))];
			size_t l = strlen(f);
			if (n + l < cap) {
				memcpy(buf + n, f, l);
				n += l;
			}
		}
	}
	return n;
}

#endif
