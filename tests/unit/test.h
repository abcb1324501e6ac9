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

#define CHECK(cond)                                                                        \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
			test_current_failed = 1;                                           \
		}                                                                          \
	} while (0)

#define CHECK_INT(got, want)                                                               \
	do {                                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);                   \
		if (g_ != w_) {                                                            \
			fprintf(stderr, "  %s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
			test_current_failed = 1;                                           \
		}                                                                          \
	} while (0)

#define CHECK_STR(got, want)                                                               \
	do {                                                                               \
		const char *g_ = (got), *w_ = (want);                                      \
		if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                   \
			fprintf(stderr, "  %s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, \
				g_ ? g_ : "(null)", w_ ? w_ : "(null)");                   \
			test_current_failed = 1;                                           \
		}                                                                          \
	} while (0)

#define CHECK_NEAR(got, want, eps)                                                         \
	do {                                                                               \
		double g_ = (got), w_ = (want);                                            \
		if (!(fabs(g_ - w_) <= (eps))) {                                           \
			fprintf(stderr, "  %s:%d: %s = %g, want %g\n", __FILE__, __LINE__, #got, g_, w_); \
			test_current_failed = 1;                                           \
		}                                                                          \
	} while (0)

#define RUN(fn)                                                                            \
	do {                                                                               \
		test_current_failed = 0;                                                   \
		fn();                                                                      \
		if (test_current_failed) {                                                 \
			test_failed++;                                                     \
			fprintf(stderr, "FAIL %s\n", #fn);                                 \
		} else {                                                                   \
			test_passed++;                                                     \
		}                                                                          \
	} while (0)

#define TEST_DONE()                                                                        \
	do {                                                                               \
		printf("%d passed, %d failed\n", test_passed, test_failed);                \
		return test_failed ? 1 : 0;                                                \
	} while (0)

/* Environment variable or a fallback, for paths set by ctest. */
static inline const char *test_env(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

#endif
