/*
 * dates.h - absolute and relative dates in text, resolved against the
 * article's publication date.
 *
 * "on Saturday" -> the last Saturday on or before publication (DAY);
 * "yesterday", "today", "on Monday night"; "July 25" / "25 July 2018" (DAY;
 * a year-less date takes the latest year that is not after publication);
 * "last week", "earlier this month" (WEEK / MONTH); "in July" (MONTH);
 * "in 2014" (YEAR); "since September 10" / "since 2011" flagged
 * DATE_F_SINCE, the mark of a cumulative tally.  Month and weekday names
 * are closed-class English kept in dates.c.
 */
#ifndef CONFLICTD_DATES_H
#define CONFLICTD_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../event.h"

enum date_flag {
	DATE_F_RELATIVE = 1u << 0,  /* resolved against the publication date */
	DATE_F_SINCE = 1u << 1,     /* "since X", "from X" (a period start) */
	DATE_F_UNRESOLVED = 1u << 2 /* relative, but no publication date was known */
};

struct date_ref {
	uint32_t start, end; /* byte span in the text */
	int32_t day;         /* days since 1970-01-01; first day of a WEEK/MONTH/YEAR */
	enum date_precision precision;
	unsigned flags;
};

/* Find dates in s[0..len).  published_at_ms 0 means unknown (relative
 * dates then get DATE_F_UNRESOLVED and day = 0).  Returns the count written. */
size_t dates_scan(const char *s, size_t len, int64_t published_at_ms, struct date_ref *out, size_t max);

/* CURRENT (within 2 days before publication), RECENT (within 30 days),
 * HISTORICAL (older), from an event day and the publication day. */
enum temporality dates_temporality(int32_t event_day, int32_t published_day);

#endif
