/*
 * event_json.h - the plain JSON rendering of a conflict_event.
 *
 * The shape ../shared/eval/README.md specifies and the scorer reads: enum
 * symbols as strings, dates as YYYY-MM-DD, timestamps as RFC 3339 UTC,
 * absent optional values as null, no Avro union wrappers.
 */
#ifndef CONFLICTD_EVENT_JSON_H
#define CONFLICTD_EVENT_JSON_H

#include "event.h"

#define EVENT_JSON_COMPACT 0
#define EVENT_JSON_PRETTY  1

/* Returns a malloc'd NUL-terminated string (caller frees) or NULL on OOM. */
char *event_to_json(const struct conflict_event *ev, int flags);

#endif
