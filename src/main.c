/*
 * main.c - conflictd: arguments, configuration, signals, systemd notify.
 *
 * The story of a run: load and check the configuration (a bad one is one
 * line on stderr and exit 78, EX_CONFIG), load the extractor's data and the
 * Avro schema, start the embedded Kafka cluster if asked to, create the
 * pipeline, tell systemd we are ready, run until SIGTERM/SIGINT, drain and
 * commit, exit 0.  A fatal Kafka error exits 70 (EX_SOFTWARE) without
 * committing anything more.
 */
#include <getopt.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "avro_codec.h"
#include "config.h"
#include "extract/extract.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "pipeline.h"

#define DEFAULT_CONFIG "/etc/conflictd/conflictd.conf"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* systemctl reload sends SIGHUP, whose default action would kill us. */
static void on_sighup(int sig)
{
	static const char msg[] = "conflictd: SIGHUP: reload is not implemented yet; ignored\n";
	ssize_t r = write(2, msg, sizeof(msg) - 1);
	(void)r;
	(void)sig;
}

/* --instance NAME: a name safe in client.id and group.instance.id. */
static int instance_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* Replace *s (heap, may be NULL) by "<*s or fallback>-<suffix>". */
static int append_instance(char **s, const char *fallback, const char *suffix)
{
	char *n;
	if (asprintf(&n, "%s-%s", *s ? *s : fallback, suffix) < 0)
		return -1;
	free(*s);
	*s = n;
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: conflictd [-c FILE] [--check-config] [--instance NAME] [--version] [--help]\n"
	           "\n"
	           "Consume news articles from Kafka, extract ACLED-style conflict events,\n"
	           "produce one Avro record per event.\n"
	           "\n"
	           "  -c, --config FILE   configuration file (default " DEFAULT_CONFIG ")\n"
	           "      --check-config  load the configuration, data and schema, check the\n"
	           "                      librdkafka properties, print \"config ok\" and exit\n"
	           "  -V, --version       print versions and exit\n"
	           "  -h, --help          print this help and exit\n");
}

static int install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0)
		return -1;
	sa.sa_handler = on_sighup;
	if (sigaction(SIGHUP, &sa, NULL) < 0)
		return -1;
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGPIPE, &sa, NULL);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},   {"check-config", no_argument, NULL, 'C'},
	    {"instance", required_argument, NULL, 'I'}, {"version", no_argument, NULL, 'V'},
	    {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
	};
	const char *path = DEFAULT_CONFIG, *instance = NULL;
	int check_only = 0, opt, status = EX_SOFTWARE;
	struct config cfg;
	struct extract_data *data = NULL;
	struct avro_codec *codec = NULL;
	struct kafka_mock *mock = NULL;
	struct pipeline *pipeline = NULL;
	const char *bootstrap;
	char errbuf[1024];

	while ((opt = getopt_long(argc, argv, "c:Vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			break;
		case 'C':
			check_only = 1;
			break;
		case 'I':
			instance = optarg;
			if (!instance_valid(instance)) {
				fprintf(stderr, "conflictd: --instance %s: expected 1-64 of [A-Za-z0-9._-]\n",
				        instance);
				return EX_USAGE;
			}
			break;
		case 'V':
			printf("conflictd %s (extractor %s, librdkafka %s)\n", CONFLICTD_VERSION,
			       CONFLICTD_EXTRACTOR_VERSION, rd_kafka_version_str());
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "conflictd: unexpected argument: %s\n", argv[optind]);
		usage(stderr);
		return EX_USAGE;
	}

	/* A SIGTERM while loading data must still end in a clean stop. */
	if (install_signals() < 0) {
		perror("conflictd: sigaction");
		return EX_OSERR;
	}

	/* 1. The configuration: any problem is one line and EX_CONFIG. */
	config_defaults(&cfg);
	if (config_load(&cfg, path, errbuf, sizeof(errbuf)) < 0) {
		fprintf(stderr, "%s\n", errbuf);
		config_free(&cfg);
		return EX_CONFIG;
	}
	if (instance && (append_instance(&cfg.kafka.client_id, "conflictd", instance) < 0 ||
	                 (cfg.kafka.group_instance_id && *cfg.kafka.group_instance_id &&
	                  append_instance(&cfg.kafka.group_instance_id, "", instance) < 0))) {
		fprintf(stderr, "conflictd: out of memory\n");
		config_free(&cfg);
		return EX_OSERR;
	}
	log_setup((enum log_format)(cfg.log.format ? log_format_parse(cfg.log.format) : LOG_FORMAT_AUTO),
	          cfg.log.level ? log_level_parse(cfg.log.level) : LOG_INFO);
	if (kafka_check_config(&cfg, errbuf, sizeof(errbuf)) < 0) {
		fprintf(stderr, "%s\n", errbuf);
		status = EX_CONFIG;
		goto out;
	}

	/* 2. The extractor's data and the output schema. */
	if (extract_data_load(&data, cfg.extract.data_dir, errbuf, sizeof(errbuf)) < 0 ||
	    avro_codec_open(&codec, cfg.output.schema_path, errbuf, sizeof(errbuf)) < 0) {
		fprintf(stderr, "%s\n", errbuf);
		status = EX_CONFIG;
		goto out;
	}
	if (check_only) {
		printf("config ok: %s\n", path);
		status = 0;
		goto out;
	}

	/* 3. Metrics: /metrics, /healthz, /readyz (metrics.listen; "" disables). */
	metrics_set_build_info(CONFLICTD_VERSION, CONFLICTD_EXTRACTOR_VERSION, rd_kafka_version_str());
	if (metrics_start(cfg.metrics.listen, errbuf, sizeof(errbuf)) < 0) {
		log_error("%s", errbuf);
		goto out;
	}
	if (metrics_port() > 0)
		log_info("metrics on %s (port %d)", cfg.metrics.listen, metrics_port());

	/* 4. Kafka: the embedded cluster if asked for, then our two clients. */
	bootstrap = cfg.kafka.brokers;
	if (kafka_is_embedded(&cfg)) {
		if (kafka_embedded_start(&mock, &cfg, errbuf, sizeof(errbuf)) < 0) {
			log_error("%s", errbuf);
			goto out;
		}
		bootstrap = kafka_mock_bootstraps(mock);
	}
	if (pipeline_new(&pipeline, &cfg, bootstrap, data, codec, errbuf, sizeof(errbuf)) < 0) {
		log_error("%s", errbuf);
		goto out;
	}
	log_info("conflictd %s (extractor %s, librdkafka %s) ready, config %s", CONFLICTD_VERSION,
	         CONFLICTD_EXTRACTOR_VERSION, rd_kafka_version_str(), path);
	sd_notify(0, "READY=1\nSTATUS=consuming");

	/* 5. Run until a signal, then drain and commit. */
	if (pipeline_run(pipeline, &stop_requested) < 0) {
		sd_notify(0, "STOPPING=1\nSTATUS=fatal error");
		status = PIPELINE_EXIT_FATAL;
		goto out;
	}
	sd_notify(0, "STOPPING=1\nSTATUS=draining");
	log_info("stop requested");
	pipeline_shutdown(pipeline);
	status = 0;
out:
	pipeline_free(pipeline);
	metrics_stop();
	kafka_mock_stop(mock);
	if (codec)
		avro_codec_close(codec);
	if (data)
		extract_data_free(data);
	config_free(&cfg);
	return status;
}
