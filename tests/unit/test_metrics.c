/* test_metrics.c - the registry's text rendering and the HTTP endpoints over a real socket. */
#include "metrics.h"
#include "test.h"

#include <arpa/inet.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HTTP_MAX 65536

struct http_reply {
	int status;
	char head[4096];
	char body[HTTP_MAX];
};

/* One request over a fresh TCP connection to 127.0.0.1:port; -1 on socket errors. */
static int http_get(int port, const char *method, const char *path, struct http_reply *r)
{
	static char raw[HTTP_MAX + 4096];
	size_t got = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct timeval tv = {5, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	char req[256];
	int n = snprintf(req, sizeof(req), "%s %s HTTP/1.0\r\nHost: localhost\r\n\r\n", method, path);
	if (write(fd, req, (size_t)n) != n) {
		close(fd);
		return -1;
	}
	for (;;) {
		ssize_t k = read(fd, raw + got, sizeof(raw) - 1 - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	raw[got] = '\0';
	memset(r, 0, sizeof(*r));
	if (sscanf(raw, "HTTP/1.%*d %d", &r->status) != 1)
		return -1;
	char *sep = strstr(raw, "\r\n\r\n");
	if (!sep)
		return -1;
	size_t hl = (size_t)(sep - raw);
	if (hl >= sizeof(r->head))
		hl = sizeof(r->head) - 1;
	memcpy(r->head, raw, hl);
	snprintf(r->body, sizeof(r->body), "%s", sep + 4);
	return 0;
}

static int contains(const char *text, const char *needle)
{
	return text && strstr(text, needle) != NULL;
}

static int count_lines_starting(const char *text, const char *prefix)
{
	int n = 0;
	size_t pl = strlen(prefix);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, pl) == 0)
			n++;
	return n;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static void counters_render_with_help_and_type(void)
{
	metrics_reset();
	metrics_counter_add(METRICS_ARTICLES_CONSUMED, 3);
	metrics_counter_add(METRICS_ARTICLES_CONSUMED, 2);
	metrics_counter_add(METRICS_REBALANCES, 1);
	char *t = metrics_render_text(NULL);
	CHECK(t != NULL);
	CHECK(contains(t, "# HELP conflictd_articles_consumed_total "));
	CHECK(contains(t, "# TYPE conflictd_articles_consumed_total counter\n"));
	CHECK(contains(t, "\nconflictd_articles_consumed_total 5\n"));
	CHECK(contains(t, "\nconflictd_rebalances_total 1\n"));
	CHECK_INT(metrics_counter_value(METRICS_ARTICLES_CONSUMED), 5);
	free(t);
}

static void family_label_values_are_separate_series(void)
{
	metrics_reset();
	metrics_family_add(METRICS_EVENTS_PRODUCED, "BATTLES", 2);
	metrics_family_add(METRICS_EVENTS_PRODUCED, "PROTESTS", 1);
	metrics_family_add(METRICS_EVENTS_PRODUCED, "BATTLES", 1);
	metrics_family_add(METRICS_DEAD_LETTERS, "not_utf8", 1);
	metrics_family_add(METRICS_DEAD_LETTERS, NULL, 1);
	char *t = metrics_render_text(NULL);
	CHECK(contains(t, "conflictd_events_produced_total{event_type=\"BATTLES\"} 3\n"));
	CHECK(contains(t, "conflictd_events_produced_total{event_type=\"PROTESTS\"} 1\n"));
	CHECK(contains(t, "conflictd_dead_letters_total{reason=\"not_utf8\"} 1\n"));
	CHECK(contains(t, "conflictd_dead_letters_total{reason=\"unknown\"} 1\n"));
	CHECK_INT(metrics_family_value(METRICS_EVENTS_PRODUCED, "BATTLES"), 3);
	CHECK_INT(metrics_family_value(METRICS_EVENTS_PRODUCED, "RIOTS"), 0);
	free(t);
}

static void family_overflow_is_counted_as_other(void)
{
	metrics_reset();
	char reason[32];
	for (int i = 0; i < 100; i++) {
		snprintf(reason, sizeof(reason), "reason_%d", i);
		metrics_family_add(METRICS_DEAD_LETTERS, reason, 1);
	}
	char *t = metrics_render_text(NULL);
	CHECK_INT(count_lines_starting(t, "conflictd_dead_letters_total{"), METRICS_LABELS_MAX);
	CHECK_INT(metrics_family_value(METRICS_DEAD_LETTERS, "other"), 100 - (METRICS_LABELS_MAX - 1));
	CHECK_INT(metrics_family_value(METRICS_DEAD_LETTERS, "reason_0"), 1);
	free(t);
}

static void label_values_are_escaped(void)
{
	metrics_reset();
	metrics_family_add(METRICS_DEAD_LETTERS, "bad \"quote\"\\\n", 1);
	char *t = metrics_render_text(NULL);
	CHECK(contains(t, "conflictd_dead_letters_total{reason=\"bad \\\"quote\\\"\\\\\\n\"} 1\n"));
	free(t);
}

static void histogram_buckets_are_cumulative(void)
{
	metrics_reset();
	metrics_observe(METRICS_EXTRACT_DURATION, 0.0003); /* le 0.0005 */
	metrics_observe(METRICS_EXTRACT_DURATION, 0.002);  /* le 0.0025 */
	metrics_observe(METRICS_EXTRACT_DURATION, 0.001);  /* exactly on a bound: le 0.001 */
	metrics_observe(METRICS_EXTRACT_DURATION, 5);      /* only +Inf */
	metrics_observe(METRICS_EXTRACT_DURATION, -1);     /* clamped to 0 */
	char *t = metrics_render_text(NULL);
	CHECK(contains(t, "# TYPE conflictd_extract_duration_seconds histogram\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_bucket{le=\"0.0001\"} 1\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_bucket{le=\"0.0005\"} 2\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_bucket{le=\"0.001\"} 3\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_bucket{le=\"0.0025\"} 4\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_bucket{le=\"1\"} 4\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_bucket{le=\"+Inf\"} 5\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_count 5\n"));
	CHECK(contains(t, "conflictd_extract_duration_seconds_sum 5.003300000\n"));
	CHECK(contains(t, "conflictd_end_to_end_latency_seconds_count 0\n"));
	free(t);
}

static void lag_is_hidden_when_unknown_or_forgotten(void)
{
	metrics_reset();
	metrics_lag_set(0, 17);
	metrics_lag_set(3, 0);
	metrics_lag_set(5, -1);
	metrics_lag_set(METRICS_PARTITIONS_MAX, 9); /* out of range: ignored */
	char *t = metrics_render_text(NULL);
	CHECK(contains(t, "conflictd_consumer_lag{partition=\"0\"} 17\n"));
	CHECK(contains(t, "conflictd_consumer_lag{partition=\"3\"} 0\n"));
	CHECK(!contains(t, "partition=\"5\""));
	CHECK_INT(metrics_lag_total(), 17);
	free(t);
	metrics_lag_forget(0);
	t = metrics_render_text(NULL);
	CHECK(!contains(t, "partition=\"0\""));
	CHECK_INT(metrics_lag_total(), 0);
	free(t);
}

/* The shape of a librdkafka 2.0 statistics document, trimmed to what matters:
 * partition 0 and 1 are fetched, 2 belongs to another member, -1 is internal. */
static const char stats_json[] = "{\"name\":\"conflictd#consumer-1\",\"type\":\"consumer\",\"ts\":5104932117,"
                                 "\"topics\":{\"articles\":{\"topic\":\"articles\",\"partitions\":{"
                                 "\"0\":{\"partition\":0,\"fetch_state\":\"active\",\"hi_offset\":120,"
                                 "\"committed_offset\":100,\"consumer_lag\":20,\"consumer_lag_stored\":18},"
                                 "\"1\":{\"partition\":1,\"fetch_state\":\"active\",\"hi_offset\":7,"
                                 "\"committed_offset\":7,\"consumer_lag\":0},"
                                 "\"2\":{\"partition\":2,\"fetch_state\":\"none\",\"consumer_lag\":-1},"
                                 "\"-1\":{\"partition\":-1,\"fetch_state\":\"none\",\"consumer_lag\":-1}}},"
                                 "\"conflict-events\":{\"topic\":\"conflict-events\",\"partitions\":{"
                                 "\"5\":{\"partition\":5,\"consumer_lag\":9}}}}}";

static void lag_comes_from_librdkafka_statistics(void)
{
	char err[256] = "";
	metrics_reset();
	metrics_lag_set(2, 33); /* was ours before a revoke */
	CHECK_INT(metrics_lag_from_stats(stats_json, "articles", err, sizeof(err)), 2);
	char *t = metrics_render_text(NULL);
	CHECK(contains(t, "conflictd_consumer_lag{partition=\"0\"} 20\n"));
	CHECK(contains(t, "conflictd_consumer_lag{partition=\"1\"} 0\n"));
	CHECK(!contains(t, "partition=\"2\""));
	CHECK(!contains(t, "partition=\"5\"")); /* another topic */
	CHECK_INT(metrics_lag_total(), 20);
	free(t);
	CHECK_INT(metrics_lag_from_stats(stats_json, "no-such-topic", err, sizeof(err)), 0);
	CHECK_INT(metrics_lag_from_stats("{\"topics\": [", "articles", err, sizeof(err)), -1);
	CHECK(contains(err, "librdkafka statistics"));
	CHECK_INT(metrics_lag_from_stats("{\"topics\": 3}", "articles", err, sizeof(err)), -1);
}

/* The same through librdkafka itself: a mock cluster, 10 messages in partition
 * 0 with offset 4 committed and 3 in partition 1 with nothing committed; the
 * consumer's own statistics must give lag 6 for partition 0 and no series
 * for partition 1. */
static int live_stats_seen;

static int live_stats_cb(rd_kafka_t *rk, char *json, size_t len, void *opaque)
{
	char err[256];
	if (metrics_lag_from_stats(json, "articles", err, sizeof(err)) >= 1)
		live_stats_seen++;
	return 0; /* librdkafka frees json */
}

static rd_kafka_t *live_client(rd_kafka_type_t type, const char *const *kv, char *err, size_t errlen)
{
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	for (; kv[0]; kv += 2)
		if (rd_kafka_conf_set(conf, kv[0], kv[1], err, errlen) != RD_KAFKA_CONF_OK) {
			rd_kafka_conf_destroy(conf);
			return NULL;
		}
	if (type == RD_KAFKA_CONSUMER)
		rd_kafka_conf_set_stats_cb(conf, live_stats_cb);
	rd_kafka_t *rk = rd_kafka_new(type, conf, err, errlen); /* owns conf on success */
	if (!rk)
		rd_kafka_conf_destroy(conf);
	return rk;
}

static void lag_from_a_live_mock_cluster(void)
{
	char err[512] = "";
	const char *pconf[] = {"test.mock.num.brokers", "1", "log_level", "3", NULL};
	metrics_reset();
	rd_kafka_t *prod = live_client(RD_KAFKA_PRODUCER, pconf, err, sizeof(err));
	CHECK(prod != NULL);
	if (!prod) {
		fprintf(stderr, "  producer: %s\n", err);
		return;
	}
	rd_kafka_mock_cluster_t *mc = rd_kafka_handle_mock_cluster(prod);
	CHECK_INT(rd_kafka_mock_topic_create(mc, "articles", 2, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
	for (int i = 0; i < 13; i++) {
		const char *text = "Police fired tear gas at protesters in Khartoum on Sunday.";
		rd_kafka_resp_err_t e = rd_kafka_producev(
		    prod, RD_KAFKA_V_TOPIC("articles"), RD_KAFKA_V_PARTITION(i < 10 ? 0 : 1),
		    RD_KAFKA_V_VALUE((void *)text, strlen(text)), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
		    RD_KAFKA_V_END);
		CHECK_INT(e, RD_KAFKA_RESP_ERR_NO_ERROR);
	}
	CHECK_INT(rd_kafka_flush(prod, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);

	const char *cconf[] = {"bootstrap.servers",
	                       rd_kafka_mock_cluster_bootstraps(mc),
	                       "group.id",
	                       "metrics-test",
	                       "enable.auto.commit",
	                       "false",
	                       "auto.offset.reset",
	                       "earliest",
	                       "statistics.interval.ms",
	                       "100",
	                       "log_level",
	                       "3",
	                       NULL};
	rd_kafka_t *cons = live_client(RD_KAFKA_CONSUMER, cconf, err, sizeof(err));
	CHECK(cons != NULL);
	if (cons) {
		rd_kafka_poll_set_consumer(cons); /* statistics arrive on the consumer queue */
		rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(2);
		rd_kafka_topic_partition_list_add(parts, "articles", 0);
		rd_kafka_topic_partition_list_add(parts, "articles", 1);
		CHECK_INT(rd_kafka_assign(cons, parts), RD_KAFKA_RESP_ERR_NO_ERROR);
		rd_kafka_topic_partition_list_t *commit = rd_kafka_topic_partition_list_new(1);
		rd_kafka_topic_partition_list_add(commit, "articles", 0)->offset = 4;
		CHECK_INT(rd_kafka_commit(cons, commit, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
		rd_kafka_topic_partition_list_destroy(commit);
		rd_kafka_topic_partition_list_destroy(parts);

		/* Until a statistics document shows partition 0's lag (bounded: 15 s). */
		for (int i = 0; i < 150 && metrics_lag_total() != 6; i++) {
			rd_kafka_message_t *m = rd_kafka_consumer_poll(cons, 100);
			if (m)
				rd_kafka_message_destroy(m);
		}
		char *t = metrics_render_text(NULL);
		CHECK(live_stats_seen > 0);
		CHECK(contains(t, "conflictd_consumer_lag{partition=\"0\"} 6\n"));
		CHECK(!contains(t, "partition=\"1\""));
		free(t);
		rd_kafka_consumer_close(cons);
		rd_kafka_destroy(cons);
	}
	rd_kafka_destroy(prod);
}

static void gauge_and_build_info_render(void)
{
	metrics_reset();
	metrics_gauge_set(METRICS_IN_FLIGHT_ARTICLES, 10);
	metrics_gauge_add(METRICS_IN_FLIGHT_ARTICLES, -3);
	metrics_set_build_info("0.1.0", "0.1.0-x", "2.0.2");
	char *t = metrics_render_text(NULL);
	CHECK(contains(t, "# TYPE conflictd_in_flight_articles gauge\nconflictd_in_flight_articles 7\n"));
	CHECK(contains(t, "conflictd_build_info{version=\"0.1.0\",extractor_version=\"0.1.0-x\","
	                  "librdkafka=\"2.0.2\"} 1\n"));
	free(t);
}

static void status_line_reports_rate_lag_and_dead_letters(void)
{
	char line[160];
	metrics_reset();
	metrics_status_line(line, sizeof(line)); /* baseline */
	CHECK_STR(line, "0.0 articles/s, lag 0, 0 in flight, 0 dead letters");
	metrics_counter_add(METRICS_ARTICLES_CONSUMED, 50);
	metrics_lag_set(1, 40);
	metrics_lag_set(2, 2);
	metrics_gauge_set(METRICS_IN_FLIGHT_ARTICLES, 5);
	metrics_family_add(METRICS_DEAD_LETTERS, "not_utf8", 2);
	metrics_family_add(METRICS_DEAD_LETTERS, "too_large", 1);
	sleep_ms(250);
	metrics_status_line(line, sizeof(line));
	double rate = 0;
	char rest[128] = "";
	CHECK_INT(sscanf(line, "%lf articles/s, %127[^\n]", &rate, rest), 2);
	CHECK(rate > 50 && rate <= 200.5); /* 50 articles in 250 ms or a little more */
	CHECK_STR(rest, "lag 42, 5 in flight, 3 dead letters");
}

struct hammer {
	int id;
};

static void *hammer_run(void *arg)
{
	struct hammer *h = arg;
	for (int i = 0; i < 20000; i++) {
		metrics_counter_add(METRICS_ARTICLES_CONSUMED, 1);
		metrics_family_add(METRICS_EVENTS_PRODUCED, h->id % 2 ? "RIOTS" : "BATTLES", 1);
		metrics_observe(METRICS_END_TO_END_LATENCY, 0.02);
	}
	return NULL;
}

static void concurrent_updates_are_not_lost(void)
{
	metrics_reset();
	pthread_t th[4];
	struct hammer hs[4];
	for (int i = 0; i < 4; i++) {
		hs[i].id = i;
		pthread_create(&th[i], NULL, hammer_run, &hs[i]);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	CHECK_INT(metrics_counter_value(METRICS_ARTICLES_CONSUMED), 80000);
	CHECK_INT(metrics_family_value(METRICS_EVENTS_PRODUCED, "RIOTS"), 40000);
	CHECK_INT(metrics_family_value(METRICS_EVENTS_PRODUCED, "BATTLES"), 40000);
	char *t = metrics_render_text(NULL);
	CHECK(contains(t, "conflictd_end_to_end_latency_seconds_bucket{le=\"0.025\"} 80000\n"));
	CHECK(contains(t, "conflictd_end_to_end_latency_seconds_count 80000\n"));
	CHECK_INT(count_lines_starting(t, "conflictd_events_produced_total{"), 2);
	free(t);
}

static void bad_listen_addresses_are_errors_naming_them(void)
{
	char err[256];
	const char *bad[] = {"127.0.0.1", "127.0.0.1:99999", "127.0.0.1:9x", "::1:9108",
	                     "no.such.host.invalid:9108"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		CHECK_INT(metrics_start(bad[i], err, sizeof(err)), -1);
		CHECK(contains(err, bad[i]));
		CHECK_INT(metrics_port(), 0);
	}
	CHECK_INT(metrics_start("", err, sizeof(err)), 0); /* disabled */
	CHECK_INT(metrics_port(), 0);
}

static void port_in_use_is_an_error(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t sl = sizeof(sa);
	CHECK(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	CHECK(listen(fd, 1) == 0);
	getsockname(fd, (struct sockaddr *)&sa, &sl);
	char addr[64], err[256] = "";
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", ntohs(sa.sin_port));
	CHECK_INT(metrics_start(addr, err, sizeof(err)), -1);
	CHECK(contains(err, addr));
	close(fd);
}

static void http_metrics_scrape_over_socket(void)
{
	char err[256] = "";
	struct http_reply *r = malloc(sizeof(*r));
	metrics_reset();
	CHECK_INT(metrics_start("127.0.0.1:0", err, sizeof(err)), 0);
	int port = metrics_port();
	CHECK(port > 0);
	metrics_counter_add(METRICS_ARTICLES_CONSUMED, 42);
	metrics_family_add(METRICS_EVENTS_PRODUCED, "EXPLOSIONS_REMOTE_VIOLENCE", 7);
	CHECK_INT(http_get(port, "GET", "/metrics", r), 0);
	CHECK_INT(r->status, 200);
	CHECK(contains(r->head, "text/plain; version=0.0.4"));
	CHECK(contains(r->body, "\nconflictd_articles_consumed_total 42\n"));
	CHECK(contains(r->body,
	               "conflictd_events_produced_total{event_type=\"EXPLOSIONS_REMOTE_VIOLENCE\"} 7\n"));
	CHECK_INT(http_get(port, "HEAD", "/metrics", r), 0);
	CHECK_INT(r->status, 200);
	CHECK_STR(r->body, "");
	CHECK_INT(http_get(port, "GET", "/nope", r), 0);
	CHECK_INT(r->status, 404);
	CHECK_INT(http_get(port, "POST", "/metrics", r), 0);
	CHECK_INT(r->status, 405);
	char err2[256] = "";
	CHECK_INT(metrics_start("127.0.0.1:0", err2, sizeof(err2)), -1); /* one server per process */
	metrics_stop();
	CHECK_INT(metrics_port(), 0);
	CHECK_INT(http_get(port, "GET", "/metrics", r), -1); /* nobody listens any more */
	metrics_stop();                                      /* idempotent */
	free(r);
}

static void healthz_turns_503_when_the_loop_stalls(void)
{
	char err[256] = "";
	struct http_reply *r = malloc(sizeof(*r));
	metrics_reset();
	CHECK_INT(metrics_start("127.0.0.1:0", err, sizeof(err)), 0);
	int port = metrics_port();
	metrics_set_stale_ms(150);
	metrics_loop_progress();
	CHECK_INT(http_get(port, "GET", "/healthz", r), 0);
	CHECK_INT(r->status, 200);
	sleep_ms(300);
	CHECK_INT(http_get(port, "GET", "/healthz", r), 0);
	CHECK_INT(r->status, 503);
	CHECK(contains(r->body, "no progress"));
	metrics_loop_progress();
	CHECK_INT(http_get(port, "GET", "/healthz", r), 0);
	CHECK_INT(r->status, 200);
	metrics_stop();
	free(r);
}

static void readyz_follows_the_ready_flag(void)
{
	char err[256] = "";
	struct http_reply *r = malloc(sizeof(*r));
	metrics_reset();
	CHECK_INT(metrics_start("localhost:0", err, sizeof(err)), 0);
	int port = metrics_port();
	CHECK_INT(http_get(port, "GET", "/readyz", r), 0);
	CHECK_INT(r->status, 503);
	metrics_set_ready(true);
	CHECK_INT(http_get(port, "GET", "/readyz", r), 0);
	CHECK_INT(r->status, 200);
	metrics_set_ready(false); /* revoked or producer lost */
	CHECK_INT(http_get(port, "GET", "/readyz", r), 0);
	CHECK_INT(r->status, 503);
	metrics_stop();
	free(r);
}

int main(void)
{
	RUN(counters_render_with_help_and_type);
	RUN(family_label_values_are_separate_series);
	RUN(family_overflow_is_counted_as_other);
	RUN(label_values_are_escaped);
	RUN(histogram_buckets_are_cumulative);
	RUN(lag_is_hidden_when_unknown_or_forgotten);
	RUN(lag_comes_from_librdkafka_statistics);
	RUN(lag_from_a_live_mock_cluster);
	RUN(gauge_and_build_info_render);
	RUN(status_line_reports_rate_lag_and_dead_letters);
	RUN(concurrent_updates_are_not_lost);
	RUN(bad_listen_addresses_are_errors_naming_them);
	RUN(port_in_use_is_an_error);
	RUN(http_metrics_scrape_over_socket);
	RUN(healthz_turns_503_when_the_loop_stalls);
	RUN(readyz_follows_the_ready_flag);
	TEST_DONE();
}
