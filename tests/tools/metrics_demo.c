/*
 * metrics_demo.c - run the metrics server with every series populated, so
 * tests can scrape it from outside (promtool, curl) without a Kafka cluster.
 *
 *   metrics_demo [LISTEN]        LISTEN defaults to 127.0.0.1:0 (any free port)
 *
 * Prints "listening on HOST:PORT" as its first stdout line (flushed), marks
 * itself ready, then keeps the main "loop" progressing once a second until
 * SIGTERM or SIGINT, and exits 0.  The values are what a short run of the
 * daemon might show; they exercise labels, label escaping and histograms.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "metrics.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

static void populate(void)
{
	static const char *const types[] = {"BATTLES", "EXPLOSIONS_REMOTE_VIOLENCE",
	                                    "VIOLENCE_AGAINST_CIVILIANS", "PROTESTS"};
	metrics_set_build_info(NULL, "0.1.0", "2.0.2");
	metrics_counter_add(METRICS_ARTICLES_CONSUMED, 120);
	metrics_counter_add(METRICS_REBALANCES, 2);
	for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		metrics_family_add(METRICS_EVENTS_PRODUCED, types[i], 10 + i);
	metrics_family_add(METRICS_DEAD_LETTERS, "not_utf8", 3);
	metrics_family_add(METRICS_DEAD_LETTERS, "too_large", 1);
	metrics_family_add(METRICS_DEAD_LETTERS, "weird \"quoted\" reason", 1);
	metrics_gauge_set(METRICS_IN_FLIGHT_ARTICLES, 7);
	for (int p = 0; p < 4; p++)
		metrics_lag_set(p, 100 * p);
	for (int i = 1; i <= 50; i++) {
		metrics_observe(METRICS_EXTRACT_DURATION, 0.0002 * i);
		metrics_observe(METRICS_END_TO_END_LATENCY, 0.05 * i);
	}
	metrics_set_ready(true);
}

int main(int argc, char **argv)
{
	const char *listen = argc > 1 ? argv[1] : "127.0.0.1:0";
	char err[256];
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	if (metrics_start(listen, err, sizeof(err)) < 0) {
		fprintf(stderr, "metrics_demo: %s\n", err);
		return 1;
	}
	populate();
	char host[128];
	const char *colon = strrchr(listen, ':');
	snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
	printf("listening on %s:%d\n", host, metrics_port());
	fflush(stdout);

	while (!stop) {
		struct timespec ts = {1, 0};
		metrics_loop_progress();
		nanosleep(&ts, NULL);
	}
	metrics_stop();
	return 0;
}
