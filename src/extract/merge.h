/*
 * merge.h - one article's frames -> distinct events and tallies.
 *
 * ACLED codes one event per day and place.  Frames that tell the same
 * event (same type family, or same day and place; a missing place or date
 * does not contradict) merge into one, keeping every sentence as evidence,
 * the most precise place, the strongest sub-event type, and the surest
 * death figure (a stated number over an imputed one).  Attach-only frames
 * ("those killed", "denied", "the strikes") add to the latest event they fit
 * and never stand alone; tallies stay separate records.
 */
#ifndef CONFLICTD_MERGE_H
#define CONFLICTD_MERGE_H

#include <stddef.h>

#include "frames.h"

#define MERGE_MAX_SENTENCES 4 /* evidence sentences kept per event */
#define MERGE_LOOKBACK      4 /* attach-only frames reach this many sentences back */
#define REPORT_DAYS_BEFORE  3 /* days before a source spoke an event it tells may lie */

struct merged {
	struct frame f;  /* the event as merged */
	size_t n_frames; /* frames merged in */
	size_t n_sent;
	uint32_t sent_start[MERGE_MAX_SENTENCES], sent_end[MERGE_MAX_SENTENCES];
	uint32_t last_sent;
	size_t n_reporters;
	char reporters[EVENT_MAX_REPORTED_BY][EVENT_NAME_MAX];
};

/* Merge frames[0..n) (in text order) into out[0..max).  gaz (may be NULL)
 * lets places be compared by province.  Returns the count written. */
size_t merge_frames(const struct gazetteer *gaz, const struct frame *frames, size_t n, struct merged *out,
                    size_t max);

#endif
