/* test_dates.c - absolute and relative dates, precision, "since", temporality. */
#include "extract/dates.h"
#include "test.h"

#define MAXD 16

/* Saturday 17 November 2018, 14:30 UTC. */
#define PUB_DAY 17852
#define PUB_MS  ((int64_t)PUB_DAY * 86400000 + 52200000)

static struct date_ref dr[MAXD];

static size_t scan_at(const char *s, int64_t pub_ms)
{
	return dates_scan(s, strlen(s), pub_ms, dr, MAXD);
}

static size_t scan(const char *s)
{
	return scan_at(s, PUB_MS);
}

static int32_t day(int y, unsigned m, unsigned d)
{
	return event_days_from_civil(y, m, d);
}

static const char *span(const char *s, size_t i)
{
	static char buf[128];
	size_t n = dr[i].end - dr[i].start;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s + dr[i].start, n);
	buf[n] = '\0';
	return buf;
}

static void dates_hostile_input_keeps_every_invariant(void)
{
	for (int it = 0; it < 3000; it++) {
		char *buf = malloc(2048);
		if (!buf)
			return;
		size_t n = test_random_text(buf, 2048);
		int64_t pub = (it & 1) ? PUB_MS : 0;
		size_t m = dates_scan(buf, n, pub, dr, MAXD);
		for (size_t i = 0; i < m; i++) {
			CHECK(dr[i].start < dr[i].end && dr[i].end <= n);
			CHECK(dr[i].precision < DATE_PRECISION_COUNT);
			if (i)
				CHECK(dr[i - 1].end <= dr[i].start);
			/* Resolved days stay within the calendar we accept. */
			if (!(dr[i].flags & DATE_F_UNRESOLVED))
				CHECK(dr[i].day >= day(1800, 1, 1) && dr[i].day <= day(2200, 12, 31));
			else
				CHECK_INT(dr[i].day, 0);
		}
		free(buf);
		if (test_current_failed)
			return;
	}
}

static void dates_publication_is_a_saturday(void)
{
	/* The fixture itself: if this fails every weekday test is wrong. */
	CHECK_INT(day(2018, 11, 17), PUB_DAY);
}

static void weekday_on_publication_day_is_that_day(void)
{
	const char *s = "Regime forces retook the area Saturday, a monitor said.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(dr[0].day, PUB_DAY);
	CHECK_INT(dr[0].precision, DATE_PRECISION_DAY);
	CHECK(dr[0].flags & DATE_F_RELATIVE);
	CHECK_STR(span(s, 0), "Saturday");
}

static void weekday_resolves_to_the_latest_before_publication(void)
{
	const char *s = "On Monday night gunmen attacked a checkpoint, and early Thursday a bomb exploded.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(dr[0].day, day(2018, 11, 12));
	CHECK_STR(span(s, 0), "Monday night");
	CHECK_INT(dr[1].day, day(2018, 11, 15));
	CHECK_STR(span(s, 1), "early Thursday");
}

static void last_weekday_on_that_weekday_goes_back_a_week(void)
{
	const char *s = "The talks collapsed last Saturday.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(dr[0].day, PUB_DAY - 7);
}

static void yesterday_today_tonight_last_night(void)
{
	const char *s = "Clashes yesterday and today; more shelling tonight after air raids last night.";
	CHECK_INT(scan(s), 4);
	CHECK_INT(dr[0].day, PUB_DAY - 1);
	CHECK_INT(dr[1].day, PUB_DAY);
	CHECK_INT(dr[2].day, PUB_DAY);
	CHECK_INT(dr[3].day, PUB_DAY - 1);
	CHECK_STR(span(s, 3), "last night");
	for (int i = 0; i < 4; i++)
		CHECK_INT(dr[i].precision, DATE_PRECISION_DAY);
}

static void month_day_forms_are_day_exact(void)
{
	const char *s = "An attack on July 25 killed 260; on 25 July 2017 and Jan. 5, 2016 and 3rd of March.";
	CHECK_INT(scan(s), 4);
	CHECK_INT(dr[0].day, day(2018, 7, 25));
	CHECK_STR(span(s, 0), "July 25");
	CHECK(dr[0].flags & DATE_F_RELATIVE); /* the year came from publication */
	CHECK_INT(dr[1].day, day(2017, 7, 25));
	CHECK_STR(span(s, 1), "25 July 2017");
	CHECK(!(dr[1].flags & DATE_F_RELATIVE));
	CHECK_INT(dr[2].day, day(2016, 1, 5));
	CHECK_STR(span(s, 2), "Jan. 5, 2016");
	CHECK_INT(dr[3].day, day(2018, 3, 3));
	for (int i = 0; i < 4; i++)
		CHECK_INT(dr[i].precision, DATE_PRECISION_DAY);
}

static void yearless_date_after_publication_is_last_year(void)
{
	const char *s = "Fighting has continued since December 30.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(dr[0].day, day(2017, 12, 30));
	CHECK(dr[0].flags & DATE_F_SINCE);
	CHECK_STR(span(s, 0), "since December 30");
}

static void acled_note_opening_is_day_exact(void)
{
	const char *s = "On 9 May 2020, nurses protested outside a hospital in Nablus.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(dr[0].day, day(2020, 5, 9));
	CHECK_INT(dr[0].precision, DATE_PRECISION_DAY);
	CHECK_INT(dr[0].flags, 0);
}

static void day_range_takes_the_first_day(void)
{
	const char *s = "Between 3-5 May, militiamen raided the villages.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(dr[0].day, day(2018, 5, 3));
	CHECK_INT(dr[0].precision, DATE_PRECISION_DAY);
	/* Spaced, and ending after publication: the year comes from the
	 * first day, which is not after it. */
	s = "Around 16 November (from 16 - 18 November), residents protested.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(dr[1].day, day(2018, 11, 16));
	CHECK_STR(span(s, 1), "from 16 - 18 November");
	CHECK(!(dr[1].flags & DATE_F_SINCE));
}

static void bounded_from_is_not_since(void)
{
	const char *s =
	    "Clashes from Monday to Wednesday; strikes have killed 50 since Monday; aid from 2015.";
	CHECK_INT(scan(s), 4);
	CHECK(!(dr[0].flags & DATE_F_SINCE));
	CHECK_INT(dr[0].day, day(2018, 11, 12));
	CHECK(dr[2].flags & DATE_F_SINCE);
	CHECK(dr[3].flags & DATE_F_SINCE);
}

static void since_marks_a_period_start(void)
{
	const char *s =
	    "Strikes have killed 234 civilians since September 10; the war has killed 360,000 since 2011.";
	CHECK_INT(scan(s), 2);
	CHECK(dr[0].flags & DATE_F_SINCE);
	CHECK_INT(dr[0].day, day(2018, 9, 10));
	CHECK(dr[1].flags & DATE_F_SINCE);
	CHECK_INT(dr[1].precision, DATE_PRECISION_YEAR);
	CHECK_INT(dr[1].day, day(2011, 1, 1));
}

static void bare_month_with_preposition_is_month(void)
{
	const char *s = "The offensive began in September and ended in May, after talks in March 2016.";
	CHECK_INT(scan(s), 3);
	CHECK_INT(dr[0].day, day(2018, 9, 1));
	CHECK_INT(dr[0].precision, DATE_PRECISION_MONTH);
	CHECK_INT(dr[1].day, day(2018, 5, 1));
	CHECK_INT(dr[2].day, day(2016, 3, 1));
	CHECK_STR(span(s, 2), "March 2016");
}

static void month_after_publication_month_is_last_year(void)
{
	const char *s = "The siege began in December.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(dr[0].day, day(2017, 12, 1));
}

static void may_the_verb_is_not_a_month(void)
{
	const char *s = "The toll may rise, officials said.";
	CHECK_INT(scan(s), 0);
	s = "Students began to march and to sing in may 2019.";
	CHECK_INT(scan(s), 0);
}

static void weeks_months_years_relative(void)
{
	const char *s = "last week, earlier this week, last month, earlier this month, last year, this year";
	CHECK_INT(scan(s), 6);
	CHECK_INT(dr[0].day, day(2018, 11, 5)); /* Monday of the week before */
	CHECK_INT(dr[0].precision, DATE_PRECISION_WEEK);
	CHECK_INT(dr[1].day, day(2018, 11, 12));
	CHECK_INT(dr[1].precision, DATE_PRECISION_WEEK);
	CHECK_INT(dr[2].day, day(2018, 10, 1));
	CHECK_INT(dr[2].precision, DATE_PRECISION_MONTH);
	CHECK_INT(dr[3].day, day(2018, 11, 1));
	CHECK_INT(dr[4].day, day(2017, 1, 1));
	CHECK_INT(dr[4].precision, DATE_PRECISION_YEAR);
	CHECK_INT(dr[5].day, day(2018, 1, 1));
}

static void weekends(void)
{
	/* Published on a Saturday: "this weekend" is today, "last weekend" the one before. */
	const char *s = "Over the weekend and last weekend";
	CHECK_INT(scan(s), 2);
	CHECK_INT(dr[0].day, PUB_DAY);
	CHECK_INT(dr[0].precision, DATE_PRECISION_WEEK);
	CHECK_INT(dr[1].day, PUB_DAY - 7);
	/* Published on the Tuesday after: both are the Saturday before. */
	CHECK_INT(scan_at(s, PUB_MS + 3 * 86400000LL), 2);
	CHECK_INT(dr[0].day, PUB_DAY);
	CHECK_INT(dr[1].day, PUB_DAY);
	/* British "at the weekend"; "at the market" is no date */
	CHECK_INT(scan_at("Gunmen struck at the weekend.", PUB_MS + 3 * 86400000LL), 1);
	CHECK_INT(dr[0].day, PUB_DAY);
	CHECK_INT(dr[0].precision, DATE_PRECISION_WEEK);
	CHECK_INT(scan("Gunmen struck at the market."), 0);
}

static void days_ago(void)
{
	const char *s = "Three days ago a convoy was ambushed; 2 weeks ago another.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(dr[0].day, PUB_DAY - 3);
	CHECK_INT(dr[0].precision, DATE_PRECISION_DAY);
	CHECK_INT(dr[1].day, PUB_DAY - 14);
	CHECK_INT(dr[1].precision, DATE_PRECISION_WEEK);
}

static void year_after_preposition(void)
{
	const char *s = "IS seized the town in 2014 and lost it by mid-2017.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(dr[0].day, day(2014, 1, 1));
	CHECK_INT(dr[0].precision, DATE_PRECISION_YEAR);
	CHECK_INT(dr[1].day, day(2017, 1, 1));
}

static void numeric_dates_only_when_unambiguous(void)
{
	const char *s = "Reported 25/07/2018 and 2018-07-26 but not 03/04/2018.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(dr[0].day, day(2018, 7, 25));
	CHECK_INT(dr[1].day, day(2018, 7, 26));
}

static void all_caps_muc_dates(void)
{
	const char *s =
	    "THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER IN SAN LUIS. CLASHES YESTERDAY IN USULUTAN.";
	/* Published 2 January 1990. */
	CHECK_INT(scan_at(s, (int64_t)day(1990, 1, 2) * 86400000), 2);
	CHECK_INT(dr[0].day, day(1989, 12, 30));
	CHECK_INT(dr[1].day, day(1990, 1, 1));
	/* "MARCH" in capitals is a verb unless a preposition or a day says otherwise. */
	s = "STUDENTS WILL MARCH TO THE PALACE IN APRIL.";
	CHECK_INT(scan_at(s, (int64_t)day(1990, 1, 2) * 86400000), 1);
	CHECK_INT(dr[0].day, day(1989, 4, 1));
	s = "THE OFFENSIVE ENDED IN MID-MARCH.";
	CHECK_INT(scan_at(s, (int64_t)day(1990, 1, 2) * 86400000), 1);
	CHECK_INT(dr[0].day, day(1989, 3, 1));
	s = "SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- FIGHTING";
	CHECK_INT(scan_at(s, 0), 1);
	CHECK_INT(dr[0].day, day(1990, 1, 3));
	CHECK_INT(dr[0].flags, 0);
}

/* The words a date can start with, in any case, and words that only look
 * like them (longer, shorter, one letter off) which start none. */
static void date_words_in_any_case_and_their_lookalikes(void)
{
	static const struct {
		const char *text;
		int32_t day; /* 0: no date */
		unsigned flags;
	} cases[] = {
	    {"Clashes YESTERDAY.", PUB_DAY - 1, DATE_F_RELATIVE},
	    {"Clashes Yesterday.", PUB_DAY - 1, DATE_F_RELATIVE},
	    {"THE DAY BEFORE YESTERDAY", PUB_DAY - 2, DATE_F_RELATIVE},
	    {"SIX DAYS AGO", PUB_DAY - 6, DATE_F_RELATIVE},
	    {"A Week Ago", PUB_DAY - 7, DATE_F_RELATIVE},
	    {"on WEDNESDAY", PUB_DAY - 3, DATE_F_RELATIVE},
	    {"Last Sunday", PUB_DAY - 6, DATE_F_RELATIVE},
	    {"EARLIER THIS MONTH", 17836, DATE_F_RELATIVE},
	    {"OVER THE WEEKEND", PUB_DAY, DATE_F_RELATIVE},
	    {"On SEPTEMBER 5", 17779, DATE_F_RELATIVE},
	    {"On Sept. 5", 17779, DATE_F_RELATIVE},
	    {"SINCE MAY 2017", 17287, DATE_F_SINCE},
	    {"yesterdays", 0, 0},
	    {"todays", 0, 0},
	    {"Septembers 5", 0, 0},
	    {"sixty days ago", 0, 0},
	    {"a weak ago", 0, 0},
	    {"on Wednesdays", 0, 0},
	    {"the lasts week", 0, 0},
	    {"tho day before yesterday", PUB_DAY - 1, DATE_F_RELATIVE},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t n = scan(cases[c].text);
		CHECK_INT(n, cases[c].day ? 1 : 0);
		if (n && cases[c].day) {
			CHECK_INT(dr[0].day, cases[c].day);
			CHECK_INT(dr[0].flags, cases[c].flags);
		}
		if (test_current_failed) {
			fprintf(stderr, "  in \"%s\"\n", cases[c].text);
			return;
		}
	}
}

static void unknown_publication_leaves_relative_dates_unresolved(void)
{
	const char *s = "Gunmen struck on Friday, and on 9 May 2020 police arrested two.";
	CHECK_INT(scan_at(s, 0), 2);
	CHECK(dr[0].flags & DATE_F_UNRESOLVED);
	CHECK_INT(dr[0].day, 0);
	CHECK(!(dr[1].flags & DATE_F_UNRESOLVED));
	CHECK_INT(dr[1].day, day(2020, 5, 9));
}

static void weekday_with_explicit_date_uses_the_date(void)
{
	const char *s = "On Wednesday, July 25, a suicide attack hit Sweida.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(dr[0].day, day(2018, 7, 25));
	CHECK_STR(span(s, 0), "Wednesday, July 25");
	s = "Gunmen struck on Wednesday 25 July; on Friday 3 people died.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(dr[0].day, day(2018, 7, 25));
	CHECK_INT(dr[1].day, day(2018, 11, 16));
}

static void temporality_windows(void)
{
	CHECK_INT(dates_temporality(PUB_DAY, PUB_DAY), TEMPORALITY_CURRENT);
	CHECK_INT(dates_temporality(PUB_DAY - 2, PUB_DAY), TEMPORALITY_CURRENT);
	CHECK_INT(dates_temporality(PUB_DAY - 3, PUB_DAY), TEMPORALITY_RECENT);
	CHECK_INT(dates_temporality(PUB_DAY - 30, PUB_DAY), TEMPORALITY_RECENT);
	CHECK_INT(dates_temporality(PUB_DAY - 31, PUB_DAY), TEMPORALITY_HISTORICAL);
	CHECK_INT(dates_temporality(day(2018, 7, 25), PUB_DAY), TEMPORALITY_HISTORICAL);
}

static void scan_is_bounded(void)
{
	struct date_ref two[2];
	const char *s = "Monday, Tuesday, Wednesday and Thursday";
	CHECK_INT(dates_scan(s, strlen(s), PUB_MS, two, 2), 2);
	CHECK_INT(dates_scan("", 0, PUB_MS, dr, MAXD), 0);
}

int main(void)
{
	RUN(dates_publication_is_a_saturday);
	RUN(weekday_on_publication_day_is_that_day);
	RUN(weekday_resolves_to_the_latest_before_publication);
	RUN(last_weekday_on_that_weekday_goes_back_a_week);
	RUN(yesterday_today_tonight_last_night);
	RUN(month_day_forms_are_day_exact);
	RUN(yearless_date_after_publication_is_last_year);
	RUN(acled_note_opening_is_day_exact);
	RUN(day_range_takes_the_first_day);
	RUN(since_marks_a_period_start);
	RUN(bounded_from_is_not_since);
	RUN(bare_month_with_preposition_is_month);
	RUN(month_after_publication_month_is_last_year);
	RUN(may_the_verb_is_not_a_month);
	RUN(weeks_months_years_relative);
	RUN(weekends);
	RUN(days_ago);
	RUN(year_after_preposition);
	RUN(numeric_dates_only_when_unambiguous);
	RUN(all_caps_muc_dates);
	RUN(date_words_in_any_case_and_their_lookalikes);
	RUN(unknown_publication_leaves_relative_dates_unresolved);
	RUN(weekday_with_explicit_date_uses_the_date);
	RUN(temporality_windows);
	RUN(scan_is_bounded);
	RUN(dates_hostile_input_keeps_every_invariant);
	TEST_DONE();
}
