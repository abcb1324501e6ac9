/*
 * metrics.h - Prometheus metrics and the /metrics /healthz /readyz endpoints.
 *
 * One process-wide registry: the metrics are fixed (the names in DESIGN.md,
 * prefix "conflictd_"), so callers name them by enum and the registry needs
 * no allocation on the hot path.  Updates are C11 atomics and may come from
 * any thread (the main loop, librdkafka's delivery and stats callbacks);
 * they work whether or not the HTTP server runs, so a process without
 * metrics.listen still counts and metrics_render_text() still works.
 *
 * The server is libmicrohttpd with its own polling thread.  Endpoints:
 *   GET /metrics  Prometheus text exposition format 0.0.4
 *   GET /healthz  200 while the main loop reported progress (metrics_loop_progress)
 *                 within the stale bound, else 503: a live but stuck loop fails it
 *   GET /readyz   200 only after metrics_set_ready(true) (partitions assigned
 *                 and producer connected), else 503
 * Anything else is 404; methods other than GET and HEAD are 405.
 *
 * Labels: at most one per family.  Label values are copied (truncated to
 * METRICS_LABEL_MAX - 1 bytes) into a bounded table per family; once a
 * family holds METRICS_LABELS_MAX distinct values, new values are counted
 * under the value "other" so a misbehaving caller cannot grow memory.
 */
#ifndef CONFLICTD_METRICS_H
#define CONFLICTD_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define METRICS_LABEL_MAX        64         /* a label value, incl. NUL */
#define METRICS_LABELS_MAX       64         /* distinct label values per counter family */
#define METRICS_PARTITIONS_MAX   1024       /* consumer_lag series (one per partition) */
#define METRICS_TEXT_MAX         (1u << 20) /* bound on one /metrics rendering */
#define METRICS_DEFAULT_STALE_MS 30000      /* /healthz bound; matches WatchdogSec=30 */

/* Counters without labels: conflictd_<name>_total. */
enum metrics_counter {
	METRICS_ARTICLES_CONSUMED = 0, /* articles_consumed_total */
	METRICS_REBALANCES,            /* rebalances_total */
	METRICS_COUNTER_COUNT
};

/* Counters with one label. */
enum metrics_family {
	METRICS_EVENTS_PRODUCED = 0, /* events_produced_total{event_type} */
	METRICS_DEAD_LETTERS,        /* dead_letters_total{reason} */
	METRICS_FAMILY_COUNT
};

/* Gauges without labels. */
enum metrics_gauge {
	METRICS_IN_FLIGHT_ARTICLES = 0, /* in_flight_articles */
	METRICS_GAUGE_COUNT
};

/* Histograms in seconds, with fixed buckets (see metrics.c). */
enum metrics_histogram {
	METRICS_EXTRACT_DURATION = 0, /* extract_duration_seconds */
	METRICS_END_TO_END_LATENCY,   /* end_to_end_latency_seconds: input message timestamp -> delivery */
	METRICS_HISTOGRAM_COUNT
};

/* Start the HTTP server on listen: "host:port", "[v6addr]:port", ":port" or
 * "*:port" (all addresses).  Port 0 binds an ephemeral port (see
 * metrics_port).  NULL or "" disables the server and returns 0.
 * Returns 0, or -1 with a message naming the address in errbuf.
 * Not thread-safe against metrics_stop; call from the main thread. */
int metrics_start(const char *listen, char *errbuf, size_t errlen);

/* The bound TCP port, or 0 when the server is not running. */
int metrics_port(void);

/* Stop the server (waits for in-progress requests).  Safe when not started. */
void metrics_stop(void);

/* conflictd_build_info{version,extractor_version,librdkafka} 1.  The strings
 * are copied (truncated to METRICS_LABEL_MAX - 1); NULL leaves a field as is.
 * Until set, version is CONFLICTD_VERSION and the others "unknown". */
void metrics_set_build_info(const char *version, const char *extractor_version, const char *librdkafka);

void metrics_counter_add(enum metrics_counter c, uint64_t n);
uint64_t metrics_counter_value(enum metrics_counter c);

/* Add n to family{label=value}.  value NULL or "" counts as "unknown". */
void metrics_family_add(enum metrics_family f, const char *value, uint64_t n);
uint64_t metrics_family_value(enum metrics_family f, const char *value);

void metrics_gauge_set(enum metrics_gauge g, int64_t v);
void metrics_gauge_add(enum metrics_gauge g, int64_t delta);
int64_t metrics_gauge_value(enum metrics_gauge g);

/* consumer_lag{partition}: messages behind the high watermark, as librdkafka's
 * statistics report it (consumer_lag).  A negative lag means "unknown" and
 * hides the series, as does metrics_lag_forget (on revoke).  Partitions
 * outside 0..METRICS_PARTITIONS_MAX-1 are ignored. */
void metrics_lag_set(int32_t partition, int64_t lag);
void metrics_lag_forget(int32_t partition);
/* Update consumer_lag from one librdkafka statistics document (the JSON
 * string given to the consumer's stats_cb, statistics.interval.ms): for each
 * partition of topic, its consumer_lag (high watermark, or last stable
 * offset under read_committed, minus the committed offset).  Partitions
 * this consumer does not fetch (fetch_state "none", e.g. after a revoke) or
 * whose lag is unknown (-1) are forgotten.  Returns the number of series
 * set, or -1 with the reason in errbuf when json is not a statistics
 * document.  Does not take ownership of json. */
int metrics_lag_from_stats(const char *json, const char *topic, char *errbuf, size_t errlen);

/* Sum of the known lags (for the sd_notify STATUS= line); 0 when none. */
int64_t metrics_lag_total(void);

/* Record one observation in seconds (negative values count as 0). */
void metrics_observe(enum metrics_histogram h, double seconds);

/* The main loop calls this each time it makes progress; /healthz is 503
 * once stale_ms pass without a call (counting from metrics_start). */
void metrics_loop_progress(void);
void metrics_set_stale_ms(int64_t stale_ms);

/* Readiness: partitions assigned and producer connected. */
void metrics_set_ready(bool ready);

/* A one-line summary for sd_notify's STATUS=, e.g.
 *   "12.5 articles/s, lag 340, 7 in flight, 3 dead letters"
 * The rate is over the time since the previous call (the first call reports
 * 0.0 and sets the baseline).  Call from one thread only (the main loop). */
void metrics_status_line(char *buf, size_t len);

/* The /metrics body as a NUL-terminated heap string (caller frees); *len
 * gets its length.  NULL on allocation failure or if it would exceed
 * METRICS_TEXT_MAX.  Thread-safe; values are read individually, so a
 * scrape concurrent with updates sees each series at some recent value. */
char *metrics_render_text(size_t *len);

/* Zero every value and forget label values and readiness (tests only:
 * not safe concurrently with updates). */
void metrics_reset(void);

#endif
