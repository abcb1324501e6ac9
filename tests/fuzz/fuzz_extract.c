/*
 * fuzz_extract.c - the extractor on arbitrary article text.
 *
 * The input goes through article_decode() first, as in the daemon, so the
 * extractor sees exactly what it can be given: valid UTF-8 plain text (a
 * title line and a body) or the strings of a JSON or Avro article.  The
 * data ($CONFLICTD_DATA_DIR, default ./data) is loaded once (~250 ms).
 * Beyond ASan and UBSan: at most EXTRACT_MAX_EVENTS records, evidence spans
 * inside the text, and every string field NUL-terminated within its array.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "extract/extract.h"
#include "fuzz.h"

#define TERMINATED(field) (memchr((field), '\0', sizeof(field)) != NULL)

static struct extract_data *edata;
static struct extractor *ex;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("CONFLICTD_DATA_DIR");
	struct extract_options opts;
	char err[512];

	if (extract_data_load(&edata, dir && *dir ? dir : "data", err, sizeof(err)) < 0) {
		fprintf(stderr, "fuzz_extract: %s\n", err);
		abort();
	}
	extract_options_default(&opts);
	ex = extractor_new(edata, &opts);
	if (!ex)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct article_origin origin = {"articles", 0, 7, 1542466800000LL};
	const struct conflict_event *evs;
	struct extract_article view;
	struct article a;
	char err[512];
	int n;

	if (article_decode(&a, data, size, &origin, 64 * 1024, err, sizeof(err)) != ARTICLE_OK)
		return 0;
	article_view(&a, &view);
	n = extractor_run(ex, &view, &evs, err, sizeof(err));
	CHECK(n >= -1 && n <= EXTRACT_MAX_EVENTS);
	for (int i = 0; i < n; i++) {
		const struct conflict_event *ev = &evs[i];

		CHECK(TERMINATED(ev->event_id) && ev->event_id[0]);
		CHECK(TERMINATED(ev->article_id) && TERMINATED(ev->language));
		CHECK(TERMINATED(ev->location.name) && TERMINATED(ev->actor1.name) &&
		      TERMINATED(ev->actor2.name));
		CHECK(ev->n_evidence <= EVENT_MAX_EVIDENCE && ev->n_associated <= EVENT_MAX_ASSOCIATED &&
		      ev->n_reported_by <= EVENT_MAX_REPORTED_BY);
		for (size_t k = 0; k < ev->n_evidence; k++) {
			const struct event_evidence *sp = &ev->evidence[k];
			CHECK(sp->start <= sp->end && sp->end <= a.text_len);
		}
	}
	article_free(&a);
	return 0;
}
