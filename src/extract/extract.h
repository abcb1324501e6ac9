/*
 * extract.h - the extractor's public API: one article in, its events out.
 *
 * The extractor is a library with no I/O beyond loading its data files and
 * no knowledge of Kafka.  conflictd, conflict-extract and the tests all call
 * exactly this API.
 *
 * Two objects:
 *  - struct extract_data: the loaded data (gazetteer, actors, lexicon).
 *    Immutable after extract_data_load(), so one instance may be shared by
 *    any number of threads and swapped as a whole on reload.
 *  - struct extractor: per-thread working state (arena, scratch buffers)
 *    bound to one extract_data.  Not thread-safe; one per thread.
 */
#ifndef CONFLICTD_EXTRACT_H
#define CONFLICTD_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "../event.h"

#define EXTRACT_MAX_EVENTS 64 /* events (incl. tallies) kept per article */

struct extract_data;
struct extractor;

struct extract_options {
	int emit_tallies;     /* 1: CASUALTY_TALLY records are returned; 0: dropped */
	float min_confidence; /* events below are dropped (0 keeps all) */
	size_t max_events;    /* <= EXTRACT_MAX_EVENTS; 0 means the maximum */
};

/* A borrowed view of one article.  Strings need not be NUL-terminated where
 * a length is given; all must stay valid during extractor_run() and, for
 * text, as long as the returned events' evidence is used. */
struct extract_article {
	const char *id;    /* NUL-terminated */
	const char *title; /* may be NULL */
	size_t title_len;
	const char *text; /* the body; evidence offsets index into it */
	size_t text_len;
	int64_t published_at_ms; /* 0 when unknown: relative dates stay unresolved */
	const char *language;    /* NUL-terminated, may be NULL */
};

/* Fill opts with the defaults (tallies emitted, no confidence floor). */
void extract_options_default(struct extract_options *opts);

/* Load every data file under data_dir (gazetteer, actors, lexicon).
 * On failure returns -1 and writes "<file>:<line>: <what>" to errbuf. */
int extract_data_load(struct extract_data **out, const char *data_dir, char *errbuf, size_t errlen);
void extract_data_free(struct extract_data *data);

/* data must outlive the extractor.  Returns NULL on allocation failure. */
struct extractor *extractor_new(const struct extract_data *data, const struct extract_options *opts);
void extractor_free(struct extractor *ex);

/* Extract the events of one article.  On success returns the number of
 * records (>= 0) and points *events at an array owned by the extractor,
 * valid until the next extractor_run() or extractor_free().  Each event has
 * its event_id, article_id, published_at and language set; article_url,
 * source_name and processed_at are the caller's.  Returns -1 only on
 * internal failure (allocation), with a message in errbuf. */
int extractor_run(struct extractor *ex, const struct extract_article *article,
                  const struct conflict_event **events, char *errbuf, size_t errlen);

#endif
