/*
 * mock_cluster.c - librdkafka's mock Kafka cluster as a standalone process.
 *
 *   mock_cluster [--brokers N] [--topic NAME:PARTITIONS]...
 *
 * Prints the bootstrap servers as its first stdout line (flushed), then
 * reads fault-injection commands from stdin, one per line:
 *   broker-down ID | broker-up ID | leader TOPIC PARTITION BROKER |
 *   rtt ID MS | errors API ERROR... | errors-clear API | quit
 * "errors" makes the cluster answer the next requests of one API with the
 * given errors, one per request, in order (rd_kafka_mock_push_request_errors):
 * API is a number or one of the names in api_names[] ("Produce", "EndTxn"),
 * ERROR a number or a librdkafka error name without its prefix
 * ("PRODUCER_FENCED", "NOT_COORDINATOR"); "errors-clear" drops those not
 * used yet.
 * Each command is answered with "ok" or "error: ..." on stdout.  Exits on
 * EOF, "quit", SIGTERM or SIGINT.  Integration tests and scripts use it as
 * an independent Kafka for conflictd and Python clients alike.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kafka.h"
#include "log.h"

#define MAX_TOPICS     32
#define LINE_MAX_BYTES 512
#define MAX_ARGS       16

/* The Kafka protocol's API keys the tests inject errors into. */
static const struct {
	const char *name;
	int16_t key;
} api_names[] = {
    {"Produce", 0},          {"Fetch", 1},          {"ListOffsets", 2},
    {"Metadata", 3},         {"OffsetCommit", 8},   {"OffsetFetch", 9},
    {"FindCoordinator", 10}, {"JoinGroup", 11},     {"Heartbeat", 12},
    {"SyncGroup", 14},       {"InitProducerId", 22}, {"AddPartitionsToTxn", 24},
    {"AddOffsetsToTxn", 25}, {"EndTxn", 26},        {"TxnOffsetCommit", 28},
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void reply_err(const char *what, rd_kafka_resp_err_t err)
{
	if (err)
		printf("error: %s: %s\n", what, rd_kafka_err2str(err));
	else
		printf("ok\n");
	fflush(stdout);
}

static int parse_api(const char *s, int16_t *key)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s && !*end && v >= 0 && v < 100) {
		*key = (int16_t)v;
		return 0;
	}
	for (size_t i = 0; i < sizeof(api_names) / sizeof(api_names[0]); i++) {
		if (strcmp(api_names[i].name, s) == 0) {
			*key = api_names[i].key;
			return 0;
		}
	}
	return -1;
}

static int parse_err(const char *s, rd_kafka_resp_err_t *err)
{
	const struct rd_kafka_err_desc *descs;
	size_t n;
	char *end;
	long v = strtol(s, &end, 10);

	if (*s && !*end) {
		*err = (rd_kafka_resp_err_t)v;
		return 0;
	}
	rd_kafka_get_err_descs(&descs, &n);
	for (size_t i = 0; i < n; i++) {
		if (descs[i].name && strcmp(descs[i].name, s) == 0) {
			*err = descs[i].code;
			return 0;
		}
	}
	return -1;
}

/* errors API ERROR... */
static void cmd_errors(rd_kafka_mock_cluster_t *mc, int argc, char **argv)
{
	rd_kafka_resp_err_t errs[MAX_ARGS];
	int16_t key;

	if (argc < 3 || parse_api(argv[1], &key) < 0) {
		printf("error: errors: expected API ERROR... (API a number or a name like Produce, EndTxn)\n");
		fflush(stdout);
		return;
	}
	for (int i = 2; i < argc; i++) {
		if (parse_err(argv[i], &errs[i - 2]) < 0) {
			printf("error: errors: %s: not an error code or name\n", argv[i]);
			fflush(stdout);
			return;
		}
	}
	rd_kafka_mock_push_request_errors_array(mc, key, (size_t)(argc - 2), errs);
	reply_err(argv[0], RD_KAFKA_RESP_ERR_NO_ERROR);
}

/* Run one command line; returns 1 on "quit". */
static int run_command(struct kafka_mock *m, char *line)
{
	rd_kafka_mock_cluster_t *mc = kafka_mock_cluster(m);
	char *argv[MAX_ARGS], *save = NULL;
	int16_t api;
	int argc = 0;

	for (char *tok = strtok_r(line, " \t\r\n", &save); tok && argc < MAX_ARGS;
	     tok = strtok_r(NULL, " \t\r\n", &save))
		argv[argc++] = tok;
	if (argc == 0)
		return 0;
	if (strcmp(argv[0], "quit") == 0)
		return 1;
	if (strcmp(argv[0], "broker-down") == 0 && argc == 2)
		reply_err(argv[0], rd_kafka_mock_broker_set_down(mc, (int32_t)atoi(argv[1])));
	else if (strcmp(argv[0], "broker-up") == 0 && argc == 2)
		reply_err(argv[0], rd_kafka_mock_broker_set_up(mc, (int32_t)atoi(argv[1])));
	else if (strcmp(argv[0], "rtt") == 0 && argc == 3)
		reply_err(argv[0], rd_kafka_mock_broker_set_rtt(mc, (int32_t)atoi(argv[1]), atoi(argv[2])));
	else if (strcmp(argv[0], "errors") == 0)
		cmd_errors(mc, argc, argv);
	else if (strcmp(argv[0], "errors-clear") == 0 && argc == 2 && parse_api(argv[1], &api) == 0) {
		rd_kafka_mock_clear_request_errors(mc, api);
		reply_err(argv[0], RD_KAFKA_RESP_ERR_NO_ERROR);
	}
	else if (strcmp(argv[0], "leader") == 0 && argc == 4)
		reply_err(argv[0], rd_kafka_mock_partition_set_leader(mc, argv[1], (int32_t)atoi(argv[2]),
		                                                      (int32_t)atoi(argv[3])));
	else {
		printf(
		    "error: unknown command (broker-down ID, broker-up ID, rtt ID MS, leader TOPIC PARTITION "
		    "BROKER, errors API ERROR..., errors-clear API, quit)\n");
		fflush(stdout);
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: mock_cluster [--brokers N] [--topic NAME:PARTITIONS]...\n");
}

int main(int argc, char **argv)
{
	const char *topics[MAX_TOPICS];
	int partitions[MAX_TOPICS], n_topics = 0, brokers = 1;
	struct kafka_mock *m;
	struct sigaction sa;
	char errbuf[512], line[LINE_MAX_BYTES];
	size_t used = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--brokers") == 0 && i + 1 < argc) {
			brokers = atoi(argv[++i]);
		} else if (strcmp(argv[i], "--topic") == 0 && i + 1 < argc && n_topics < MAX_TOPICS) {
			char *spec = argv[++i], *colon = strrchr(spec, ':');
			partitions[n_topics] = 1;
			if (colon) {
				*colon = '\0';
				partitions[n_topics] = atoi(colon + 1);
			}
			topics[n_topics++] = spec;
		} else {
			usage();
			return 64;
		}
	}

	log_setup(LOG_FORMAT_TEXT, LOG_WARNING);
	if (kafka_mock_start(&m, brokers, errbuf, sizeof(errbuf)) < 0) {
		fprintf(stderr, "mock_cluster: %s\n", errbuf);
		return 1;
	}
	for (int i = 0; i < n_topics; i++) {
		if (kafka_mock_topic(m, topics[i], partitions[i], errbuf, sizeof(errbuf)) < 0) {
			fprintf(stderr, "mock_cluster: %s\n", errbuf);
			kafka_mock_stop(m);
			return 1;
		}
	}
	printf("%s\n", kafka_mock_bootstraps(m));
	fflush(stdout);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Commands arrive on stdin; poll so a signal is noticed within 200 ms. */
	while (!stop) {
		struct pollfd pfd = {.fd = 0, .events = POLLIN};
		int r = poll(&pfd, 1, 200);
		ssize_t n;

		if (r < 0 && errno != EINTR)
			break;
		if (r <= 0)
			continue;
		n = read(0, line + used, sizeof(line) - 1 - used);
		if (n <= 0)
			break; /* EOF: the parent is gone */
		used += (size_t)n;
		line[used] = '\0';
		char *nl;
		while ((nl = strchr(line, '\n'))) {
			size_t rest = used - (size_t)(nl + 1 - line);

			*nl = '\0';
			if (run_command(m, line))
				stop = 1;
			memmove(line, nl + 1, rest + 1);
			used = rest;
		}
		if (used == sizeof(line) - 1)
			used = 0; /* an overlong line: drop it */
	}
	kafka_mock_stop(m);
	return 0;
}
