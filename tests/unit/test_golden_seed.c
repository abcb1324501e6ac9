/* test_golden_seed.c - the seed AFP article (tests/data/seed): its three
 * required events with their key fields as read in the article, and its
 * casualty tallies never coded as events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract.h"
#include "test.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	*len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[*len] = '\0';
	return buf;
}

static const struct conflict_event *find(const struct conflict_event *ev, int n, enum sub_event_type a,
                                         enum sub_event_type b, int32_t day)
{
	for (int i = 0; i < n; i++)
		if (ev[i].record_kind == RECORD_EVENT &&
		    (ev[i].sub_event_type == a || ev[i].sub_event_type == b) && ev[i].has_event_date &&
		    ev[i].event_date == day)
			return &ev[i];
	return NULL;
}

static int place_is(const struct conflict_event *e, const char *a, const char *b)
{
	return strcasestr(e->location.name, a) || strcasestr(e->location.name, b) ||
	       strcasestr(e->location.admin1, a) || strcasestr(e->location.admin1, b);
}

static void golden_seed_article(void)
{
	char err[512], path[4096];
	snprintf(path, sizeof path, "%s/tests/data/seed/article.txt", test_env("CONFLICTD_SOURCE_DIR", "."));
	size_t len;
	char *raw = slurp(path, &len);
	CHECK(raw != NULL);
	if (!raw)
		return;
	/* Plain-text article: title line, blank line, body. */
	char *body = strstr(raw, "\n\n");
	body = body ? body + 2 : raw;
	struct extract_data *data;
	int r = extract_data_load(&data, test_env("CONFLICTD_DATA_DIR", "data"), err, sizeof err);
	CHECK_INT(r, 0);
	if (r < 0) {
		fprintf(stderr, "%s\n", err);
		free(raw);
		return;
	}
	struct extractor *ex = extractor_new(data, NULL);
	struct extract_article a = {.id = "seed",
	                            .text = body,
	                            .text_len = strlen(body),
	                            .published_at_ms = 1542466800000LL /* 2018-11-17T15:00Z */};
	const struct conflict_event *ev;
	int n = extractor_run(ex, &a, &ev, err, sizeof err);
	CHECK(n > 0);

	int32_t sat = event_days_from_civil(2018, 11, 17), jul25 = event_days_from_civil(2018, 7, 25);
	const struct conflict_event *e1 =
	    find(ev, n, SUB_GOVERNMENT_REGAINS_TERRITORY, SUB_GOVERNMENT_REGAINS_TERRITORY, sat);
	CHECK(e1 != NULL);
	if (e1) {
		CHECK(place_is(e1, "Tulul", "Safa"));
		CHECK_INT(e1->actor1.type, ACTOR_STATE_FORCES);
		CHECK_STR(e1->actor1.country_code, "SY");
		CHECK_INT(e1->temporality, TEMPORALITY_CURRENT);
		CHECK_INT(e1->fatalities.best, 0);
	}
	const struct conflict_event *e2 = find(ev, n, SUB_AIR_DRONE_STRIKE, SUB_AIR_DRONE_STRIKE, sat);
	CHECK(e2 != NULL);
	if (e2) {
		CHECK(place_is(e2, "Husn", "Deir"));
		CHECK_STR(e2->location.country_code, "SY");
		CHECK_INT(e2->fatalities.best, 43);
		CHECK_INT(e2->fatalities.children, 17);
		CHECK(e2->disputed);
		int sohr = 0;
		for (size_t k = 0; k < e2->n_reported_by; k++)
			sohr |= strcmp(e2->reported_by[k], "Syrian Observatory for Human Rights") == 0;
		CHECK(sohr);
		CHECK(e2->n_evidence >= 2);
		CHECK(e2->actor1.type == ACTOR_EXTERNAL_OTHER || e2->actor1.type == ACTOR_STATE_FORCES);
	}
	const struct conflict_event *h1 = find(ev, n, SUB_SUICIDE_BOMB, SUB_ATTACK, jul25);
	CHECK(h1 != NULL);
	if (h1) {
		CHECK(place_is(h1, "Sweida", "Suwayda"));
		CHECK_INT(h1->fatalities.best, 260);
		CHECK_INT(h1->temporality, TEMPORALITY_HISTORICAL);
	}
	/* Tallies: counted, never events. */
	static const int tally[] = {234, 625, 240, 420, 660, 360000, 1100};
	int tallies = 0;
	for (int i = 0; i < n; i++) {
		if (ev[i].record_kind == RECORD_CASUALTY_TALLY) {
			tallies++;
			continue;
		}
		for (size_t t = 0; t < sizeof tally / sizeof *tally; t++)
			CHECK(ev[i].fatalities.best != tally[t]);
		/* Evidence is a span of the original body. */
		for (size_t k = 0; k < ev[i].n_evidence; k++)
			CHECK(ev[i].evidence[k].end <= a.text_len &&
			      ev[i].evidence[k].start < ev[i].evidence[k].end);
	}
	CHECK(tallies >= 3);
	/* The plateau pro-government fighters regained is the Tulul al-Safa
	 * retake told again, not a second territorial change. */
	int regains = 0;
	for (int i = 0; i < n; i++)
		regains += ev[i].record_kind == RECORD_EVENT &&
		           ev[i].sub_event_type == SUB_GOVERNMENT_REGAINS_TERRITORY;
	CHECK_INT(regains, 1);
	extractor_free(ex);
	extract_data_free(data);
	free(raw);
}

int main(void)
{
	RUN(golden_seed_article);
	TEST_DONE();
}
