/*
 * core_extract - the extractor alone over JSON lines, for scripts/eval.
 *
 * Reads {"id", "text", "published_at"} lines on stdin and writes one JSON
 * line per record, as the scorer wants.  A stand-in for conflict-extract
 * that depends on nothing but the extractor and the JSON renderer; evidence
 * text is left out to keep the output small.
 *
 * usage: core_extract [DATA_DIR] < articles.jsonl > events.jsonl
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "event_json.h"
#include "extract/extract.h"

static int64_t parse_rfc3339_ms(const char *s)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	if (!s || sscanf(s, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) < 3)
		return 0;
	int64_t days = event_days_from_civil(y, (unsigned)mo, (unsigned)d);
	return ((days * 24 + h) * 60 + mi) * 60000LL + se * 1000LL;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "data";
	char err[512];
	struct extract_data *data;
	if (extract_data_load(&data, dir, err, sizeof err) < 0) {
		fprintf(stderr, "core_extract: %s\n", err);
		return 1;
	}
	struct extract_options opts;
	extract_options_default(&opts);
	struct extractor *ex = extractor_new(data, &opts);
	if (!ex) {
		fprintf(stderr, "core_extract: out of memory\n");
		extract_data_free(data);
		return 1;
	}
	size_t cap = 1 << 16;
	char *line = malloc(cap);
	int rc = 0;
	while (line) {
		ssize_t n = getline(&line, &cap, stdin);
		if (n < 0)
			break;
		json_error_t je;
		json_t *o = json_loadb(line, (size_t)n, 0, &je);
		if (!o)
			continue;
		const char *id = json_string_value(json_object_get(o, "id"));
		json_t *jt = json_object_get(o, "text");
		struct extract_article a = {
		    .id = id ? id : "",
		    .text = json_string_value(jt),
		    .text_len = json_string_length(jt),
		    .published_at_ms =
		        parse_rfc3339_ms(json_string_value(json_object_get(o, "published_at"))),
		    .language = "en",
		};
		if (!a.text) {
			json_decref(o);
			continue;
		}
		const struct conflict_event *evs;
		int k = extractor_run(ex, &a, &evs, err, sizeof err);
		if (k < 0) {
			fprintf(stderr, "core_extract: %s\n", err);
			rc = 1;
		}
		for (int i = 0; i < k; i++) {
			struct conflict_event ev = evs[i];
			for (size_t j = 0; j < ev.n_evidence; j++)
				ev.evidence[j].text = NULL;
			char *js = event_to_json(&ev, EVENT_JSON_COMPACT);
			if (js) {
				puts(js);
				free(js);
			}
		}
		json_decref(o);
	}
	free(line);
	extractor_free(ex);
	extract_data_free(data);
	return rc;
}
