/*
 * metrics.c - a fixed Prometheus registry and its libmicrohttpd server.
 *
 * The registry is a handful of static tables of C11 atomics, one per kind of
 * metric; relaxed ordering suffices because each series is independent and
 * a scrape only promises "a recent value".  Label values live in a bounded
 * table per family, appended under a mutex and published with a release
 * store of the count, so the lookup on the hot path takes no lock once a
 * value has been seen.  Histograms keep per-bucket counts and derive the
 * cumulative buckets and _count at render time, so _count always equals the
 * +Inf bucket even when a scrape races an observation.  The sum is kept in
 * integer nanoseconds (no atomic double in C11); that overflows after 584
 * years of accumulated time, which we accept.
 */
#include "metrics.h"

#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "log.h"

#ifndef CONFLICTD_VERSION
#define CONFLICTD_VERSION "unknown"
#endif

#define METRICS_PREFIX           "conflictd_"
#define METRICS_CONTENT_TYPE     "text/plain; version=0.0.4; charset=utf-8"
#define METRICS_HTTP_CONNECTIONS 32  /* concurrent scrapes and probes */
#define METRICS_HTTP_TIMEOUT_S   10  /* idle connection timeout */
#define METRICS_OBSERVE_MAX_S    1e9 /* clamp so seconds * 1e9 fits in uint64 */

/* ---- the registry ------------------------------------------------------ */

struct counter_def {
	const char *name, *help;
};

static const struct counter_def counter_defs[METRICS_COUNTER_COUNT] = {
    [METRICS_ARTICLES_CONSUMED] = {"articles_consumed_total", "Articles read from the input topic."},
    [METRICS_REBALANCES] = {"rebalances_total", "Consumer group rebalances (assign or revoke) seen."},
};
static _Atomic uint64_t counters[METRICS_COUNTER_COUNT];

struct label_slot {
	char value[METRICS_LABEL_MAX];
	_Atomic uint64_t count;
};

struct family {
	const char *name, *label, *help;
	atomic_size_t n; /* published slots */
	struct label_slot slots[METRICS_LABELS_MAX];
};

static struct family families[METRICS_FAMILY_COUNT] = {
    [METRICS_EVENTS_PRODUCED] = {.name = "events_produced_total",
                                 .label = "event_type",
                                 .help = "Event records acknowledged by the output topic, by ACLED event type."},
    [METRICS_DEAD_LETTERS] = {.name = "dead_letters_total",
                              .label = "reason",
                              .help = "Input messages sent to the dead-letter topic, by rejection reason."},
};
static pthread_mutex_t family_lock = PTHREAD_MUTEX_INITIALIZER;

struct gauge_def {
	const char *name, *help;
};

static const struct gauge_def gauge_defs[METRICS_GAUGE_COUNT] = {
    [METRICS_IN_FLIGHT_ARTICLES] = {"in_flight_articles",
                                    "Articles consumed whose events are not yet all acknowledged."},
};
static _Atomic int64_t gauges[METRICS_GAUGE_COUNT];

/* lag + 1 per partition; 0 = unknown or forgotten, so zero-init is "no series". */
static _Atomic int64_t lags[METRICS_PARTITIONS_MAX];

#define HIST_BUCKETS_MAX 16

struct histogram {
	const char *name, *help;
	size_t n_bounds;
	double bounds[HIST_BUCKETS_MAX]; /* upper bounds, ascending; +Inf implied */
	_Atomic uint64_t counts[HIST_BUCKETS_MAX + 1];
	_Atomic uint64_t sum_ns;
};

/* Extraction runs in sub-millisecond to tens of milliseconds per article;
 * end-to-end spans a busy queue (seconds) to a replay of old input (hours). */
static struct histogram histograms[METRICS_HISTOGRAM_COUNT] = {
    [METRICS_EXTRACT_DURATION] = {.name = "extract_duration_seconds",
                                  .help = "Time to extract the events of one article.",
                                  .n_bounds = 12,
                                  .bounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                   0.25, 1}},
    [METRICS_END_TO_END_LATENCY] = {.name = "end_to_end_latency_seconds",
                                    .help = "From the input message's timestamp to the delivery of its last event.",
                                    .n_bounds = 12,
                                    .bounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60, 600}},
};

struct build_info {
	char version[METRICS_LABEL_MAX];
	char extractor_version[METRICS_LABEL_MAX];
	char librdkafka[METRICS_LABEL_MAX];
};

static struct build_info build = {CONFLICTD_VERSION, "unknown", "unknown"};
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

static _Atomic int64_t progress_ms; /* CLOCK_MONOTONIC ms of the last loop progress */
static _Atomic int64_t stale_ms = METRICS_DEFAULT_STALE_MS;
static atomic_bool ready;

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void copy_label(char *dst, const char *src)
{
	size_t n = strnlen(src, METRICS_LABEL_MAX - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Compare a stored (truncated) label value with a caller's value, truncated the same way. */
static int label_equal(const char *stored, const char *value)
{
	return strncmp(stored, value, METRICS_LABEL_MAX - 1) == 0;
}

static struct label_slot *family_find(struct family *f, const char *value)
{
	size_t n = atomic_load_explicit(&f->n, memory_order_acquire);
	for (size_t i = 0; i < n; i++)
		if (label_equal(f->slots[i].value, value))
			return &f->slots[i];
	return NULL;
}

/* Find or append value; the last slot is kept for "other", the overflow bucket. */
static struct label_slot *family_slot(struct family *f, const char *value)
{
	struct label_slot *s = family_find(f, value);
	if (s)
		return s;
	pthread_mutex_lock(&family_lock);
	s = family_find(f, value);
	if (!s) {
		size_t n = atomic_load_explicit(&f->n, memory_order_relaxed);
		int is_other = strcmp(value, "other") == 0;
		if (n < METRICS_LABELS_MAX - 1 || (n < METRICS_LABELS_MAX && is_other)) {
			s = &f->slots[n];
			copy_label(s->value, value);
			atomic_store_explicit(&s->count, 0, memory_order_relaxed);
			atomic_store_explicit(&f->n, n + 1, memory_order_release);
		}
	}
	pthread_mutex_unlock(&family_lock);
	if (!s && strcmp(value, "other") != 0)
		return family_slot(f, "other");
	return s;
}

void metrics_counter_add(enum metrics_counter c, uint64_t n)
{
	if ((unsigned)c < METRICS_COUNTER_COUNT)
		atomic_fetch_add_explicit(&counters[c], n, memory_order_relaxed);
}

uint64_t metrics_counter_value(enum metrics_counter c)
{
	if ((unsigned)c >= METRICS_COUNTER_COUNT)
		return 0;
	return atomic_load_explicit(&counters[c], memory_order_relaxed);
}

void metrics_family_add(enum metrics_family f, const char *value, uint64_t n)
{
	if ((unsigned)f >= METRICS_FAMILY_COUNT)
		return;
	struct label_slot *s = family_slot(&families[f], value && *value ? value : "unknown");
	if (s)
		atomic_fetch_add_explicit(&s->count, n, memory_order_relaxed);
}

uint64_t metrics_family_value(enum metrics_family f, const char *value)
{
	if ((unsigned)f >= METRICS_FAMILY_COUNT)
		return 0;
	struct label_slot *s = family_find(&families[f], value && *value ? value : "unknown");
	return s ? atomic_load_explicit(&s->count, memory_order_relaxed) : 0;
}

void metrics_gauge_set(enum metrics_gauge g, int64_t v)
{
	if ((unsigned)g < METRICS_GAUGE_COUNT)
		atomic_store_explicit(&gauges[g], v, memory_order_relaxed);
}

void metrics_gauge_add(enum metrics_gauge g, int64_t delta)
{
	if ((unsigned)g < METRICS_GAUGE_COUNT)
		atomic_fetch_add_explicit(&gauges[g], delta, memory_order_relaxed);
}

int64_t metrics_gauge_value(enum metrics_gauge g)
{
	if ((unsigned)g >= METRICS_GAUGE_COUNT)
		return 0;
	return atomic_load_explicit(&gauges[g], memory_order_relaxed);
}

void metrics_lag_set(int32_t partition, int64_t lag)
{
	if (partition < 0 || partition >= METRICS_PARTITIONS_MAX)
		return;
	atomic_store_explicit(&lags[partition], lag < 0 || lag == INT64_MAX ? 0 : lag + 1,
	                      memory_order_relaxed);
}

void metrics_lag_forget(int32_t partition)
{
	metrics_lag_set(partition, -1);
}

int metrics_lag_from_stats(const char *json, const char *topic, char *errbuf, size_t errlen)
{
	json_error_t jerr;
	json_t *root = json_loads(json, 0, &jerr);
	if (!root) {
		snprintf(errbuf, errlen, "librdkafka statistics: line %d: %s", jerr.line, jerr.text);
		return -1;
	}
	json_t *topics = json_object_get(root, "topics");
	if (!json_is_object(root) || (topics && !json_is_object(topics))) {
		snprintf(errbuf, errlen, "librdkafka statistics: expected an object with \"topics\"");
		json_decref(root);
		return -1;
	}
	int set = 0;
	json_t *partitions = json_object_get(json_object_get(topics, topic), "partitions");
	const char *key;
	json_t *p;
	json_object_foreach(partitions, key, p)
	{
		json_t *id = json_object_get(p, "partition");
		json_t *lag = json_object_get(p, "consumer_lag");
		const char *state = json_string_value(json_object_get(p, "fetch_state"));
		if (!json_is_integer(id) || json_integer_value(id) < 0) /* -1 is librdkafka's UA partition */
			continue;
		int32_t part = (int32_t)json_integer_value(id);
		if (json_is_integer(lag) && json_integer_value(lag) >= 0 &&
		    !(state && strcmp(state, "none") == 0)) {
			metrics_lag_set(part, json_integer_value(lag));
			set++;
		} else {
			metrics_lag_forget(part);
		}
	}
	json_decref(root);
	return set;
}

int64_t metrics_lag_total(void)
{
	int64_t sum = 0;
	for (int i = 0; i < METRICS_PARTITIONS_MAX; i++) {
		int64_t v = atomic_load_explicit(&lags[i], memory_order_relaxed);
		if (v > 0)
			sum += v - 1;
	}
	return sum;
}

void metrics_observe(enum metrics_histogram h, double seconds)
{
	if ((unsigned)h >= METRICS_HISTOGRAM_COUNT)
		return;
	struct histogram *hist = &histograms[h];
	if (!(seconds > 0)) /* also catches NaN */
		seconds = 0;
	if (seconds > METRICS_OBSERVE_MAX_S)
		seconds = METRICS_OBSERVE_MAX_S;
	size_t b = 0;
	while (b < hist->n_bounds && seconds > hist->bounds[b])
		b++;
	atomic_fetch_add_explicit(&hist->counts[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&hist->sum_ns, (uint64_t)(seconds * 1e9 + 0.5), memory_order_relaxed);
}

void metrics_set_build_info(const char *version, const char *extractor_version, const char *librdkafka)
{
	pthread_mutex_lock(&build_lock);
	if (version)
		copy_label(build.version, version);
	if (extractor_version)
		copy_label(build.extractor_version, extractor_version);
	if (librdkafka)
		copy_label(build.librdkafka, librdkafka);
	pthread_mutex_unlock(&build_lock);
}

void metrics_loop_progress(void)
{
	atomic_store_explicit(&progress_ms, monotonic_ms(), memory_order_relaxed);
}

void metrics_set_stale_ms(int64_t ms)
{
	atomic_store_explicit(&stale_ms, ms > 0 ? ms : METRICS_DEFAULT_STALE_MS, memory_order_relaxed);
}

void metrics_set_ready(bool r)
{
	atomic_store_explicit(&ready, r, memory_order_relaxed);
}

/* The previous metrics_status_line call, for its rate; main thread only. */
static uint64_t status_last_count;
static int64_t status_last_ms;

void metrics_status_line(char *buf, size_t len)
{
	uint64_t count = metrics_counter_value(METRICS_ARTICLES_CONSUMED);
	int64_t now = monotonic_ms();
	double rate = 0.0;
	if (status_last_ms != 0 && now > status_last_ms && count >= status_last_count)
		rate = (double)(count - status_last_count) * 1000.0 / (double)(now - status_last_ms);
	status_last_count = count;
	status_last_ms = now;

	uint64_t dead = 0;
	struct family *f = &families[METRICS_DEAD_LETTERS];
	size_t n = atomic_load_explicit(&f->n, memory_order_acquire);
	for (size_t i = 0; i < n; i++)
		dead += atomic_load_explicit(&f->slots[i].count, memory_order_relaxed);
	snprintf(buf, len, "%.1f articles/s, lag %lld, %lld in flight, %llu dead letters", rate,
	         (long long)metrics_lag_total(), (long long)metrics_gauge_value(METRICS_IN_FLIGHT_ARTICLES),
	         (unsigned long long)dead);
}

void metrics_reset(void)
{
	for (int i = 0; i < METRICS_COUNTER_COUNT; i++)
		atomic_store(&counters[i], 0);
	for (int i = 0; i < METRICS_FAMILY_COUNT; i++)
		atomic_store(&families[i].n, 0);
	for (int i = 0; i < METRICS_GAUGE_COUNT; i++)
		atomic_store(&gauges[i], 0);
	for (int i = 0; i < METRICS_PARTITIONS_MAX; i++)
		atomic_store(&lags[i], 0);
	for (int i = 0; i < METRICS_HISTOGRAM_COUNT; i++) {
		for (int b = 0; b <= HIST_BUCKETS_MAX; b++)
			atomic_store(&histograms[i].counts[b], 0);
		atomic_store(&histograms[i].sum_ns, 0);
	}
	atomic_store(&ready, false);
	status_last_count = 0;
	status_last_ms = 0;
	atomic_store(&stale_ms, METRICS_DEFAULT_STALE_MS);
	metrics_loop_progress();
}

/* ---- rendering --------------------------------------------------------- */

struct text {
	char *p;
	size_t len, cap;
	int failed;
};

static void text_printf(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_printf(struct text *t, const char *fmt, ...)
{
	if (t->failed)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->failed = 1;
			return;
		}
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		size_t cap = t->cap * 2;
		while (cap - t->len <= (size_t)n)
			cap *= 2;
		if (cap > METRICS_TEXT_MAX) {
			t->failed = 1;
			return;
		}
		char *p = realloc(t->p, cap);
		if (!p) {
			t->failed = 1;
			return;
		}
		t->p = p;
		t->cap = cap;
	}
}

/* A label value with \, " and newline escaped as the exposition format asks. */
static void escape_label(char *dst, size_t dstlen, const char *src)
{
	size_t j = 0;
	for (; *src && j + 3 < dstlen; src++) {
		char c = *src;
		if (c == '\\' || c == '"') {
			dst[j++] = '\\';
			dst[j++] = c;
		} else if (c == '\n') {
			dst[j++] = '\\';
			dst[j++] = 'n';
		} else {
			dst[j++] = c;
		}
	}
	dst[j] = '\0';
}

static void render_header(struct text *t, const char *name, const char *type, const char *help)
{
	text_printf(t, "# HELP " METRICS_PREFIX "%s %s\n# TYPE " METRICS_PREFIX "%s %s\n", name, help, name,
	            type);
}

static void render_histogram(struct text *t, struct histogram *h)
{
	uint64_t cumulative = 0;
	render_header(t, h->name, "histogram", h->help);
	for (size_t b = 0; b <= h->n_bounds; b++) {
		cumulative += atomic_load_explicit(&h->counts[b], memory_order_relaxed);
		if (b < h->n_bounds)
			text_printf(t, METRICS_PREFIX "%s_bucket{le=\"%g\"} %llu\n", h->name, h->bounds[b],
			            (unsigned long long)cumulative);
		else
			text_printf(t, METRICS_PREFIX "%s_bucket{le=\"+Inf\"} %llu\n", h->name,
			            (unsigned long long)cumulative);
	}
	uint64_t ns = atomic_load_explicit(&h->sum_ns, memory_order_relaxed);
	text_printf(t, METRICS_PREFIX "%s_sum %llu.%09llu\n", h->name, (unsigned long long)(ns / 1000000000u),
	            (unsigned long long)(ns % 1000000000u));
	text_printf(t, METRICS_PREFIX "%s_count %llu\n", h->name, (unsigned long long)cumulative);
}

char *metrics_render_text(size_t *len)
{
	struct text t = {malloc(4096), 0, 4096, 0};
	char esc[3 * METRICS_LABEL_MAX + 1];
	if (!t.p)
		return NULL;

	for (int i = 0; i < METRICS_COUNTER_COUNT; i++) {
		render_header(&t, counter_defs[i].name, "counter", counter_defs[i].help);
		text_printf(&t, METRICS_PREFIX "%s %llu\n", counter_defs[i].name,
		            (unsigned long long)atomic_load_explicit(&counters[i], memory_order_relaxed));
	}
	for (int i = 0; i < METRICS_FAMILY_COUNT; i++) {
		struct family *f = &families[i];
		size_t n = atomic_load_explicit(&f->n, memory_order_acquire);
		render_header(&t, f->name, "counter", f->help);
		for (size_t s = 0; s < n; s++) {
			escape_label(esc, sizeof(esc), f->slots[s].value);
			text_printf(&t, METRICS_PREFIX "%s{%s=\"%s\"} %llu\n", f->name, f->label, esc,
			            (unsigned long long)atomic_load_explicit(&f->slots[s].count,
			                                                     memory_order_relaxed));
		}
	}
	for (int i = 0; i < METRICS_GAUGE_COUNT; i++) {
		render_header(&t, gauge_defs[i].name, "gauge", gauge_defs[i].help);
		text_printf(&t, METRICS_PREFIX "%s %lld\n", gauge_defs[i].name,
		            (long long)atomic_load_explicit(&gauges[i], memory_order_relaxed));
	}
	render_header(&t, "consumer_lag", "gauge",
	              "Messages between the committed position and the high watermark, per input partition.");
	for (int p = 0; p < METRICS_PARTITIONS_MAX; p++) {
		int64_t v = atomic_load_explicit(&lags[p], memory_order_relaxed);
		if (v > 0)
			text_printf(&t, METRICS_PREFIX "consumer_lag{partition=\"%d\"} %lld\n", p,
			            (long long)(v - 1));
	}
	for (int i = 0; i < METRICS_HISTOGRAM_COUNT; i++)
		render_histogram(&t, &histograms[i]);

	struct build_info b;
	pthread_mutex_lock(&build_lock);
	b = build;
	pthread_mutex_unlock(&build_lock);
	char ev[sizeof(esc)], rv[sizeof(esc)];
	escape_label(esc, sizeof(esc), b.version);
	escape_label(ev, sizeof(ev), b.extractor_version);
	escape_label(rv, sizeof(rv), b.librdkafka);
	render_header(&t, "build_info", "gauge", "Always 1; the labels name the running build.");
	text_printf(
	    &t, METRICS_PREFIX "build_info{version=\"%s\",extractor_version=\"%s\",librdkafka=\"%s\"} 1\n",
	    esc, ev, rv);

	if (t.failed) {
		free(t.p);
		return NULL;
	}
	if (len)
		*len = t.len;
	return t.p;
}

/* ---- the HTTP server --------------------------------------------------- */

static struct MHD_Daemon *httpd;
static int httpd_port;

static enum MHD_Result respond(struct MHD_Connection *conn, unsigned status, char *body, size_t len,
                               enum MHD_ResponseMemoryMode mode, const char *content_type)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, mode);
	if (!r) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	enum MHD_Result ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result respond_static(struct MHD_Connection *conn, unsigned status, const char *body)
{
	return respond(conn, status, (char *)body, strlen(body), MHD_RESPMEM_PERSISTENT,
	               "text/plain; charset=utf-8");
}

static enum MHD_Result handle_healthz(struct MHD_Connection *conn)
{
	int64_t age = monotonic_ms() - atomic_load_explicit(&progress_ms, memory_order_relaxed);
	int64_t bound = atomic_load_explicit(&stale_ms, memory_order_relaxed);
	if (age <= bound)
		return respond_static(conn, MHD_HTTP_OK, "ok\n");
	char msg[128];
	int n = snprintf(msg, sizeof(msg), "stale: main loop made no progress for %lld ms (bound %lld ms)\n",
	                 (long long)age, (long long)bound);
	return respond(conn, MHD_HTTP_SERVICE_UNAVAILABLE, msg, (size_t)n, MHD_RESPMEM_MUST_COPY,
	               "text/plain; charset=utf-8");
}

static enum MHD_Result handle_request(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version, const char *upload_data,
                                      size_t *upload_data_size, void **req_cls)
{
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return respond_static(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed\n");
	if (strcmp(url, "/metrics") == 0) {
		size_t len;
		char *body = metrics_render_text(&len);
		if (!body)
			return respond_static(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
			                      "metrics rendering failed\n");
		return respond(conn, MHD_HTTP_OK, body, len, MHD_RESPMEM_MUST_FREE, METRICS_CONTENT_TYPE);
	}
	if (strcmp(url, "/healthz") == 0)
		return handle_healthz(conn);
	if (strcmp(url, "/readyz") == 0) {
		if (atomic_load_explicit(&ready, memory_order_relaxed))
			return respond_static(conn, MHD_HTTP_OK, "ready\n");
		return respond_static(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "not ready\n");
	}
	return respond_static(conn, MHD_HTTP_NOT_FOUND, "not found: try /metrics, /healthz or /readyz\n");
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_warning("metrics: http: %s", msg);
}

/* Split "host:port", "[v6]:port", ":port" or "*:port" and resolve it
 * numerically or by name to one address to bind. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, char *errbuf, size_t errlen)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	if (!colon || colon[1] == '\0') {
		snprintf(errbuf, errlen, "metrics.listen \"%s\": expected host:port", listen);
		return -1;
	}
	const char *port = colon + 1;
	for (const char *c = port; *c; c++)
		if (*c < '0' || *c > '9' || c - port > 5) {
			snprintf(errbuf, errlen, "metrics.listen \"%s\": port must be a number 0-65535",
			         listen);
			return -1;
		}
	if (atol(port) > 65535) {
		snprintf(errbuf, errlen, "metrics.listen \"%s\": port must be a number 0-65535", listen);
		return -1;
	}
	size_t hlen = (size_t)(colon - listen);
	const char *h = listen;
	if (hlen >= 2 && h[0] == '[' && h[hlen - 1] == ']') {
		h++;
		hlen -= 2;
	} else if (memchr(listen, ':', hlen)) {
		snprintf(errbuf, errlen,
		         "metrics.listen \"%s\": write an IPv6 address in brackets, [::1]:9108", listen);
		return -1;
	}
	if (hlen >= sizeof(host)) {
		snprintf(errbuf, errlen, "metrics.listen \"%s\": host name too long", listen);
		return -1;
	}
	memcpy(host, h, hlen);
	host[hlen] = '\0';

	struct addrinfo hints = {0}, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	int any = hlen == 0 || strcmp(host, "*") == 0;
	if (any)
		hints.ai_family = AF_INET;
	int rc = getaddrinfo(any ? NULL : host, port, &hints, &res);
	if (rc != 0 || !res) {
		snprintf(errbuf, errlen, "metrics.listen \"%s\": cannot resolve \"%s\": %s", listen, host,
		         gai_strerror(rc));
		return -1;
	}
	if (res->ai_addrlen > sizeof(*ss)) {
		freeaddrinfo(res);
		snprintf(errbuf, errlen, "metrics.listen \"%s\": unsupported address", listen);
		return -1;
	}
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
}

int metrics_start(const char *listen, char *errbuf, size_t errlen)
{
	struct sockaddr_storage ss;
	if (!listen || !*listen)
		return 0;
	if (httpd) {
		snprintf(errbuf, errlen, "metrics.listen \"%s\": server already running", listen);
		return -1;
	}
	if (parse_listen(listen, &ss, errbuf, errlen) < 0)
		return -1;

	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	metrics_loop_progress(); /* /healthz counts from here until the loop reports */
	errno = 0;
	/* The logger goes first so libmicrohttpd routes even option errors through it. */
	httpd =
	    MHD_start_daemon(flags, 0, NULL, NULL, handle_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
	                     NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT,
	                     (unsigned)METRICS_HTTP_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
	                     (unsigned)METRICS_HTTP_TIMEOUT_S, MHD_OPTION_END);
	if (!httpd) {
		int e = errno;
		snprintf(errbuf, errlen, "metrics.listen \"%s\": cannot start the HTTP server: %s", listen,
		         e ? strerror(e) : "libmicrohttpd failed");
		return -1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(httpd, MHD_DAEMON_INFO_BIND_PORT);
	httpd_port = info ? info->port : 0;
	return 0;
}

int metrics_port(void)
{
	return httpd ? httpd_port : 0;
}

void metrics_stop(void)
{
	if (!httpd)
		return;
	MHD_stop_daemon(httpd);
	httpd = NULL;
	httpd_port = 0;
}
