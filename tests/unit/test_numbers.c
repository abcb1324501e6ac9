/* test_numbers.c - numerals, number words, modifiers, ranges and vague quantities. */
#include "extract/numbers.h"
#include "test.h"

#define MAXN 32

static struct num_value nv[MAXN];

static size_t scan(const char *s)
{
	return numbers_scan(s, strlen(s), nv, MAXN);
}

/* The first expression's text. */
static const char *span(const char *s, size_t i)
{
	static char buf[256];
	size_t n = nv[i].end - nv[i].start;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s + nv[i].start, n);
	buf[n] = '\0';
	return buf;
}

static void numbers_hostile_input_keeps_every_invariant(void)
{
	for (int it = 0; it < 3000; it++) {
		char *buf = malloc(2048);
		if (!buf)
			return;
		size_t n = test_random_text(buf, 2048);
		size_t m = numbers_scan(buf, n, nv, MAXN);
		for (size_t i = 0; i < m; i++) {
			CHECK(nv[i].start < nv[i].end && nv[i].end <= n);
			CHECK(nv[i].value >= 0 && nv[i].low <= nv[i].value && nv[i].value <= nv[i].high);
			if (i)
				CHECK(nv[i - 1].end <= nv[i].start);
		}
		free(buf);
		if (test_current_failed)
			return;
	}
}

static void numbers_digits_with_thousands_separators(void)
{
	const char *s = "The war has killed 360,000 people and displaced 1,100 families.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(nv[0].value, 360000);
	CHECK_INT(nv[1].value, 1100);
	CHECK_STR(span(s, 1), "1,100");
	CHECK_INT(nv[0].flags, 0);
}

static void numbers_decimal_with_scale_word(void)
{
	const char *s = "Some 5.6 million Syrians have fled.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(nv[0].value, 5600000);
	CHECK(nv[0].flags & NUM_F_APPROX);
	CHECK_STR(span(s, 0), "Some 5.6 million");
}

static void numbers_words_capitalised_and_compound(void)
{
	const char *s = "Seventeen of those killed were children and twenty-five were women.";
	CHECK_INT(scan(s), 2);
	CHECK_INT(nv[0].value, 17);
	CHECK_STR(span(s, 0), "Seventeen");
	CHECK_INT(nv[1].value, 25);
	CHECK_STR(span(s, 1), "twenty-five");
}

static void numbers_hundreds_and_thousands_in_words(void)
{
	const char *s = "three hundred and fifty fighters, a thousand troops, two thousand and five hundred";
	CHECK_INT(scan(s), 3);
	CHECK_INT(nv[0].value, 350);
	CHECK_INT(nv[1].value, 1000);
	CHECK_INT(nv[2].value, 2500);
}

static void numbers_dozen_forms(void)
{
	const char *s = "two dozen soldiers, a dozen villagers and half a dozen police";
	CHECK_INT(scan(s), 3);
	CHECK_INT(nv[0].value, 24);
	CHECK_INT(nv[1].value, 12);
	CHECK_INT(nv[2].value, 6);
	CHECK_INT(nv[0].flags & NUM_F_VAGUE, 0);
}

static void fatalities_dozens_is_twelve(void)
{
	const char *s = "Air strikes killed dozens in the pocket.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(nv[0].value, 12);
	CHECK(nv[0].flags & NUM_F_VAGUE);
}

static void fatalities_vague_words_take_acled_values(void)
{
	const char *s = "hundreds of regime fighters, tens of civilians, scores of people, several guards, "
	                "a few residents, thousands of refugees";
	CHECK_INT(scan(s), 6);
	CHECK_INT(nv[0].value, 100);
	CHECK_INT(nv[1].value, 10);
	CHECK_INT(nv[2].value, 20);
	CHECK_INT(nv[3].value, 3);
	CHECK_INT(nv[4].value, 3);
	CHECK_INT(nv[5].value, 1000);
	for (int i = 0; i < 6; i++)
		CHECK(nv[i].flags & NUM_F_VAGUE);
}

static void fatalities_tens_of_thousands(void)
{
	const char *s = "tens of thousands fled and hundreds of thousands were displaced; millions of people";
	CHECK_INT(scan(s), 3);
	CHECK_INT(nv[0].value, 10000);
	CHECK_INT(nv[1].value, 100000);
	CHECK_INT(nv[2].value, 1000000);
	CHECK(nv[2].flags & NUM_F_VAGUE);
}

static void a_couple_of_is_two_not_imputed(void)
{
	const char *s = "a couple of guards were hurt";
	CHECK_INT(scan(s), 1);
	CHECK_INT(nv[0].value, 2);
	CHECK(!(nv[0].flags & NUM_F_VAGUE));
	CHECK_STR(span(s, 0), "a couple");
}

/* "a couple were shot dead": the couple are two people; "a couple of
 * hours later" counts no one. */
static void a_couple_is_two_people_but_not_of_hours(void)
{
	const char *s = "a couple were shot dead";
	CHECK_INT(scan(s), 1);
	CHECK_INT(nv[0].value, 2);
	CHECK(!(nv[0].flags & NUM_F_VAGUE));
	CHECK_INT(scan("a couple of hours later"), 0);
	CHECK_INT(scan("a couple of days after the raid"), 0);
}

static void modifiers_floors_and_ceilings(void)
{
	const char *s = "at least 43 people, more than 260 fighters, over 30 civilians, up to 15 guards, "
	                "nearly 50 troops, about 20 protesters, around 70 rebels";
	CHECK_INT(scan(s), 7);
	CHECK_STR(span(s, 0), "at least 43");
	CHECK(nv[0].flags & NUM_F_AT_LEAST);
	CHECK_INT(nv[0].value, 43);
	CHECK(nv[1].flags & NUM_F_AT_LEAST);
	CHECK_INT(nv[1].value, 260);
	CHECK(nv[2].flags & NUM_F_AT_LEAST);
	CHECK(nv[3].flags & NUM_F_AT_MOST);
	CHECK_INT(nv[3].value, 15);
	CHECK(nv[4].flags & NUM_F_AT_MOST);
	CHECK(nv[5].flags & NUM_F_APPROX);
	CHECK(nv[6].flags & NUM_F_APPROX);
	CHECK_STR(span(s, 6), "around 70");
}

/* Modifiers that share their first word: each is told by the words after it. */
static void modifiers_sharing_a_first_word(void)
{
	const char *s = "no fewer than 12 men, No More Than 30 guards, AT MOST 5 boys, at least "
	                "twenty-one girls, as many as Three Hundred and Fifty villagers";
	CHECK_INT(scan(s), 5);
	CHECK_STR(span(s, 0), "no fewer than 12");
	CHECK(nv[0].flags & NUM_F_AT_LEAST);
	CHECK_STR(span(s, 1), "No More Than 30");
	CHECK(nv[1].flags & NUM_F_AT_MOST);
	CHECK_STR(span(s, 2), "AT MOST 5");
	CHECK(nv[2].flags & NUM_F_AT_MOST);
	CHECK_STR(span(s, 3), "at least twenty-one");
	CHECK(nv[3].flags & NUM_F_AT_LEAST);
	CHECK_INT(nv[3].value, 21);
	CHECK(nv[4].flags & NUM_F_AT_MOST);
	CHECK_INT(nv[4].value, 350);
}

static void modifier_without_a_number_is_not_a_number(void)
{
	const char *s = "Fighting went on over the weekend, about which little is known.";
	CHECK_INT(scan(s), 0);
}

static void ranges_take_the_floor(void)
{
	const char *s = "between 10 and 15 dead, 20 to 30 wounded, 40-45 missing, two or three guards";
	CHECK_INT(scan(s), 4);
	for (int i = 0; i < 4; i++)
		CHECK(nv[i].flags & NUM_F_RANGE);
	CHECK_INT(nv[0].value, 10);
	CHECK_INT(nv[0].low, 10);
	CHECK_INT(nv[0].high, 15);
	CHECK_STR(span(s, 0), "between 10 and 15");
	CHECK_INT(nv[1].high, 30);
	CHECK_INT(nv[2].value, 40);
	CHECK_INT(nv[2].high, 45);
	CHECK_INT(nv[3].value, 2);
	CHECK_INT(nv[3].high, 3);
}

static void or_more_and_or_so(void)
{
	const char *s = "10 or more soldiers and 20 or so rebels";
	CHECK_INT(scan(s), 2);
	CHECK(nv[0].flags & NUM_F_AT_LEAST);
	CHECK_STR(span(s, 0), "10 or more");
	CHECK(nv[1].flags & NUM_F_APPROX);
}

static void ages_and_compound_adjectives_are_not_counts(void)
{
	const char *s = "A 43-year-old man, a two-day offensive and a boy, 15 years old, were hit; 3 died.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(nv[0].value, 3);
}

static void spaced_dash_is_not_a_range(void)
{
	const char *s = "They killed 10 - the army said - in Gao";
	CHECK_INT(scan(s), 1);
	CHECK(!(nv[0].flags & NUM_F_RANGE));
	CHECK_INT(nv[0].high, 10);
}

static void ranges_need_a_larger_second_number(void)
{
	const char *s = "the toll fell 12 to 9";
	CHECK_INT(scan(s), 2);
	CHECK(!(nv[0].flags & NUM_F_RANGE));
}

static void years_are_flagged_not_counted(void)
{
	const char *s = "The war has killed more than 360,000 people since 2011.";
	CHECK_INT(scan(s), 2);
	CHECK(nv[1].flags & NUM_F_YEAR);
	CHECK_INT(nv[1].value, 2011);
	CHECK(!(nv[0].flags & NUM_F_YEAR));
	/* With a modifier a four-digit number is a count. */
	s = "at least 2000 people";
	CHECK_INT(scan(s), 1);
	CHECK(!(nv[0].flags & NUM_F_YEAR));
}

static void ordinals_are_flagged(void)
{
	const char *s = "the third attack this week, the 21st victim and the twenty-first day";
	CHECK_INT(scan(s), 3);
	CHECK(nv[0].flags & NUM_F_ORDINAL);
	CHECK_INT(nv[0].value, 3);
	CHECK(nv[1].flags & NUM_F_ORDINAL);
	CHECK_INT(nv[1].value, 21);
	CHECK(nv[2].flags & NUM_F_ORDINAL);
	CHECK_INT(nv[2].value, 21);
}

static void pronoun_one_is_not_a_count(void)
{
	const char *s = "No one was killed, officials said, but one soldier was hurt.";
	CHECK_INT(scan(s), 1);
	CHECK_INT(nv[0].value, 1);
	CHECK_STR(span(s, 0), "one");
	CHECK(strncmp(s + nv[0].start, "one soldier", 11) == 0);
}

static void military_ordinals_2d_3d(void)
{
	const char *s = "THE 3D INFANTRY BRIGADE AND THE 2D BATTALION; 13D IS NOT ONE";
	size_t n = scan(s);
	CHECK_INT(n, 3);
	CHECK_INT(nv[2].value, 1); /* "ONE"; "13D" is a name */
	CHECK(nv[0].flags & NUM_F_ORDINAL);
	CHECK_INT(nv[0].value, 3);
	CHECK(nv[1].flags & NUM_F_ORDINAL);
	CHECK_INT(nv[1].value, 2);
}

static void date_days_are_flagged(void)
{
	const char *s = "On July 25, 2018, 260 people died; on 9 May 2020 and Jan. 5 others.";
	size_t n = scan(s);
	CHECK_INT(n, 6);
	CHECK(nv[0].flags & NUM_F_DATE_PART);
	CHECK_INT(nv[0].value, 25);
	CHECK(nv[1].flags & NUM_F_YEAR);
	CHECK_INT(nv[2].value, 260);
	CHECK_INT(nv[2].flags, 0);
	CHECK(nv[3].flags & NUM_F_DATE_PART);
	CHECK(nv[4].flags & NUM_F_YEAR);
	CHECK(nv[5].flags & NUM_F_DATE_PART);
}

static void non_counts_are_skipped(void)
{
	const char *s =
	    "F-16 jets, 45% turnout, $5 million, 10:30 GMT, 25/07/2018, Resolution 2254, 50 percent, "
	    "a 130mm shell at around 7.20 pm, at 5 a.m., 0600 GMT, Ramu Patel (35)";
	size_t n = scan(s);
	/* Only "Resolution 2254" is left: a number, not a year. */
	CHECK_INT(n, 1);
	CHECK_INT(nv[0].value, 2254);
	CHECK_INT(nv[0].flags, 0);
}

static void all_caps_wire_text_reads_the_same(void)
{
	const char *s =
	    "ABOUT 50 PEASANTS WERE KIDNAPPED; THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WOUNDED";
	CHECK_INT(scan(s), 3);
	CHECK_INT(nv[0].value, 50);
	CHECK(nv[0].flags & NUM_F_APPROX);
	CHECK_INT(nv[1].value, 3);
	CHECK_INT(nv[2].value, 7);
}

static void number_words_do_not_run_together(void)
{
	const char *s = "one two, twenty thirty";
	CHECK_INT(scan(s), 4);
	CHECK_INT(nv[0].value, 1);
	CHECK_INT(nv[1].value, 2);
}

static void scan_is_bounded_and_clamped(void)
{
	struct num_value two[2];
	const char *s = "1 2 3 4 5";
	CHECK_INT(numbers_scan(s, strlen(s), two, 2), 2);
	s = "99999999999999999999999 people";
	CHECK_INT(scan(s), 1);
	CHECK(nv[0].value > 0 && nv[0].value <= 1000000000000L);
	CHECK_INT(numbers_scan("", 0, nv, MAXN), 0);
}

int main(void)
{
	RUN(numbers_digits_with_thousands_separators);
	RUN(numbers_decimal_with_scale_word);
	RUN(numbers_words_capitalised_and_compound);
	RUN(numbers_hundreds_and_thousands_in_words);
	RUN(numbers_dozen_forms);
	RUN(fatalities_dozens_is_twelve);
	RUN(fatalities_vague_words_take_acled_values);
	RUN(fatalities_tens_of_thousands);
	RUN(a_couple_of_is_two_not_imputed);
	RUN(a_couple_is_two_people_but_not_of_hours);
	RUN(modifiers_floors_and_ceilings);
	RUN(modifier_without_a_number_is_not_a_number);
	RUN(ranges_take_the_floor);
	RUN(or_more_and_or_so);
	RUN(ages_and_compound_adjectives_are_not_counts);
	RUN(spaced_dash_is_not_a_range);
	RUN(ranges_need_a_larger_second_number);
	RUN(years_are_flagged_not_counted);
	RUN(ordinals_are_flagged);
	RUN(pronoun_one_is_not_a_count);
	RUN(modifiers_sharing_a_first_word);
	RUN(military_ordinals_2d_3d);
	RUN(date_days_are_flagged);
	RUN(non_counts_are_skipped);
	RUN(all_caps_wire_text_reads_the_same);
	RUN(number_words_do_not_run_together);
	RUN(scan_is_bounded_and_clamped);
	RUN(numbers_hostile_input_keeps_every_invariant);
	TEST_DONE();
}
