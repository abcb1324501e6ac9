/*
 * main.c - conflictd: arguments, configuration, signals, systemd notify.
 *
 * The story of a run: load and check the configuration (a bad one is one
 * line on stderr and exit 78, EX_CONFIG), load the extractor's data and the
 * Avro schema, register the schema with the schema registry if one is
 * configured (out of reach for startup_timeout_ms: exit 69, EX_UNAVAILABLE;
 * rejected: exit 78), start the embedded Kafka cluster if asked to, create the
 * pipeline, run it until the group has given us our first assignment, tell
 * systemd we are ready, run until SIGTERM/SIGINT, drain and commit, exit 0.
 * A fatal Kafka error exits 70 (EX_SOFTWARE) without committing anything
 * more.
 *
 * The pipeline runs until a flag is raised; main() raises it (wake) for
 * three reasons and looks at why after each return: a stop signal, a SIGHUP
 * (reload), and a 100 ms interval timer that runs only until READY=1 has
 * been sent, so that readiness is noticed without the pipeline knowing
 * about systemd's start-up protocol.
 *
 * SIGHUP reload (systemctl reload): RELOADING=1, then the configuration
 * file is read again and the extraction data loaded into a new instance.
 * If either fails, one log line says why and the running configuration and
 * data stay.  Otherwise the settings that can change at run time (extract.*,
 * log.*) are applied, the new data is swapped in between two articles
 * (pipeline_swap_data), the old data is freed, and each changed setting that
 * cannot change at run time (kafka.*, output.*, metrics.listen) is named in
 * a log line saying it needs a restart and keeps its running value.  READY=1
 * ends the reload either way.  The watchdog pings come from the pipeline's
 * loop, so none are sent while a reload loads data (about half a second).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sysexits.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "avro_codec.h"
#include "config.h"
#include "extract/extract.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "pipeline.h"
#include "schema_registry.h"
#include "tail.h"

#define DEFAULT_CONFIG "/etc/conflictd/conflictd.conf"

#define READY_TICK_MS 100 /* how often readiness is looked at before READY=1 */

static volatile sig_atomic_t stop_requested, reload_requested;
/* Raised by every signal below: pipeline_run() returns to main() to look. */
static volatile sig_atomic_t wake;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
	wake = 1;
}

/* systemctl reload sends SIGHUP. */
static void on_sighup(int sig)
{
	(void)sig;
	reload_requested = 1;
	wake = 1;
}

static void on_tick(int sig)
{
	(void)sig;
	wake = 1;
}

/* The interval timer behind on_tick; ms = 0 stops it. */
static int tick_set(int ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_interval.tv_sec = ms / 1000;
	it.it_interval.tv_usec = (ms % 1000) * 1000;
	it.it_value = it.it_interval;
	return setitimer(ITIMER_REAL, &it, NULL);
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

/* --instance: client.id and group.instance.id get the instance's suffix. */
static int apply_instance(struct config *cfg, const char *instance)
{
	if (!instance)
		return 0;
	if (append_instance(&cfg->kafka.client_id, "conflictd", instance) < 0)
		return -1;
	if (cfg->kafka.group_instance_id && *cfg->kafka.group_instance_id &&
	    append_instance(&cfg->kafka.group_instance_id, "", instance) < 0)
		return -1;
	return 0;
}

static void apply_log(const struct config *cfg)
{
	log_setup((enum log_format)(cfg->log.format ? log_format_parse(cfg->log.format) : LOG_FORMAT_AUTO),
	          cfg->log.level ? log_level_parse(cfg->log.level) : LOG_INFO);
}

/* --- SIGHUP reload */

static int str_differs(const char *a, const char *b)
{
	if (!a || !b)
		return a != b;
	return strcmp(a, b) != 0;
}

static int kv_differs(const struct config_kv *a, size_t na, const struct config_kv *b, size_t nb)
{
	if (na != nb)
		return 1;
	for (size_t i = 0; i < na; i++)
		if (str_differs(a[i].key, b[i].key) || str_differs(a[i].value, b[i].value))
			return 1;
	return 0;
}

/* Log each setting that differs in next but cannot change while running
 * (the clients, topics, codec and HTTP server are built from them).  Values
 * are not logged: pass-through properties may hold secrets.  Returns how
 * many. */
static int report_restart_only(const struct config *cur, const struct config *next)
{
	const struct {
		const char *name;
		int differs;
	} settings[] = {
	    {"kafka.brokers", str_differs(cur->kafka.brokers, next->kafka.brokers)},
	    {"kafka.embedded_brokers", cur->kafka.embedded_brokers != next->kafka.embedded_brokers},
	    {"kafka.embedded_partitions", cur->kafka.embedded_partitions != next->kafka.embedded_partitions},
	    {"kafka.embedded_bootstrap_file",
	     str_differs(cur->kafka.embedded_bootstrap_file, next->kafka.embedded_bootstrap_file)},
	    {"kafka.group_id", str_differs(cur->kafka.group_id, next->kafka.group_id)},
	    {"kafka.client_id", str_differs(cur->kafka.client_id, next->kafka.client_id)},
	    {"kafka.group_instance_id",
	     str_differs(cur->kafka.group_instance_id, next->kafka.group_instance_id)},
	    {"kafka.input_topic", str_differs(cur->kafka.input_topic, next->kafka.input_topic)},
	    {"kafka.output_topic", str_differs(cur->kafka.output_topic, next->kafka.output_topic)},
	    {"kafka.dlq_topic", str_differs(cur->kafka.dlq_topic, next->kafka.dlq_topic)},
	    {"kafka.delivery", cur->kafka.delivery != next->kafka.delivery},
	    {"kafka.shutdown_timeout_ms", cur->kafka.shutdown_timeout_ms != next->kafka.shutdown_timeout_ms},
	    {"kafka.max_in_flight", cur->kafka.max_in_flight != next->kafka.max_in_flight},
	    {"kafka.consumer", kv_differs(cur->kafka.consumer, cur->kafka.n_consumer, next->kafka.consumer,
	                                  next->kafka.n_consumer)},
	    {"kafka.producer", kv_differs(cur->kafka.producer, cur->kafka.n_producer, next->kafka.producer,
	                                  next->kafka.n_producer)},
	    {"output.framing", cur->output.framing != next->output.framing},
	    /* With a registry the running id is the registry's, not the file's. */
	    {"output.schema_id",
	     !config_registry_enabled(cur) && cur->output.schema_id != next->output.schema_id},
	    {"output.schema_path", str_differs(cur->output.schema_path, next->output.schema_path)},
	    {"output.schema_registry.url",
	     str_differs(cur->output.schema_registry.url, next->output.schema_registry.url)},
	    {"output.schema_registry.subject_strategy",
	     str_differs(cur->output.schema_registry.subject_strategy,
	                 next->output.schema_registry.subject_strategy)},
	    {"output.schema_registry.username",
	     str_differs(cur->output.schema_registry.username, next->output.schema_registry.username)},
	    {"output.schema_registry.password",
	     str_differs(cur->output.schema_registry.password, next->output.schema_registry.password)},
	    {"output.schema_registry.ca_location",
	     str_differs(cur->output.schema_registry.ca_location, next->output.schema_registry.ca_location)},
	    {"output.schema_registry.cert_location", str_differs(cur->output.schema_registry.cert_location,
	                                                         next->output.schema_registry.cert_location)},
	    {"output.schema_registry.key_location", str_differs(cur->output.schema_registry.key_location,
	                                                        next->output.schema_registry.key_location)},
	    {"output.schema_registry.timeout_ms",
	     cur->output.schema_registry.timeout_ms != next->output.schema_registry.timeout_ms},
	    {"output.schema_registry.startup_timeout_ms",
	     cur->output.schema_registry.startup_timeout_ms !=
	         next->output.schema_registry.startup_timeout_ms},
	    {"metrics.listen", str_differs(cur->metrics.listen, next->metrics.listen)},
	};
	int n = 0;

	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		if (!settings[i].differs)
			continue;
		log_warning("reload: %s: %s changed; it cannot change while running and needs a restart "
		            "(the running value is kept)",
		            next->path, settings[i].name);
		n++;
	}
	return n;
}

static void swap_str(char **a, char **b)
{
	char *t = *a;
	*a = *b;
	*b = t;
}

/* Re-read the configuration file and the extraction data; apply what can
 * change at run time.  0, or -1 with everything running as before (logged). */
static int reload(struct config *cfg, const char *path, const char *instance, struct extract_data **data,
                  struct pipeline *pipeline)
{
	struct config next;
	struct extract_data *nd = NULL;
	char errbuf[1024];
	int restart_only;
	bool old_tallies = cfg->extract.emit_tallies;
	double old_conf = cfg->extract.min_confidence;
	int old_max = cfg->extract.max_events;

	config_defaults(&next);
	if (config_load(&next, path, errbuf, sizeof(errbuf)) < 0) {
		log_error("reload: %s; still running with the previous configuration and data", errbuf);
		config_free(&next);
		return -1;
	}
	if (apply_instance(&next, instance) < 0) {
		log_error("reload: out of memory; still running with the previous configuration and data");
		config_free(&next);
		return -1;
	}
	/* Kafka settings only apply at the next start, but a file that would
	 * not start is refused now rather than found out then. */
	if (kafka_check_config(&next, errbuf, sizeof(errbuf)) < 0) {
		log_error("reload: %s; still running with the previous configuration and data", errbuf);
		config_free(&next);
		return -1;
	}
	if (extract_data_load(&nd, next.extract.data_dir, errbuf, sizeof(errbuf)) < 0) {
		log_error("reload: %s; still running with the previous configuration and data", errbuf);
		config_free(&next);
		return -1;
	}
	restart_only = report_restart_only(cfg, &next);

	/* The extractor options are read by pipeline_swap_data from cfg. */
	cfg->extract.emit_tallies = next.extract.emit_tallies;
	cfg->extract.min_confidence = next.extract.min_confidence;
	cfg->extract.max_events = next.extract.max_events;
	if (pipeline_swap_data(pipeline, nd) < 0) {
		cfg->extract.emit_tallies = old_tallies;
		cfg->extract.min_confidence = old_conf;
		cfg->extract.max_events = old_max;
		extract_data_free(nd);
		config_free(&next);
		log_error("reload: out of memory; still running with the previous configuration and data");
		return -1;
	}
	extract_data_free(*data);
	*data = nd;
	cfg->extract.max_article_bytes = next.extract.max_article_bytes;
	swap_str(&cfg->extract.data_dir, &next.extract.data_dir);
	swap_str(&cfg->log.level, &next.log.level);
	swap_str(&cfg->log.format, &next.log.format);
	apply_log(cfg);
	log_info("reload: done: data from %s, emit_tallies %s, min_confidence %g, max_events %d, "
	         "max_article_bytes %zu, log level %s%s",
	         cfg->extract.data_dir, cfg->extract.emit_tallies ? "true" : "false",
	         cfg->extract.min_confidence, cfg->extract.max_events, cfg->extract.max_article_bytes,
	         cfg->log.level, restart_only ? "; some changes need a restart (see above)" : "");
	config_free(&next);
	return 0;
}

/* RELOADING=1 carries CLOCK_MONOTONIC in microseconds (systemd >= 253's
 * Type=notify-reload wants it; older ones ignore it). */
static void notify_reloading(void)
{
	struct timespec ts;
	char msg[96];

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%" PRIu64 "\nSTATUS=reloading",
	         (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u);
	sd_notify(0, msg);
}

/* --- schema registry */

/* The TLS files must be readable: found by --check-config, not by the
 * first request. */
static int registry_check_files(const struct config *cfg, char *errbuf, size_t errlen)
{
	const struct {
		const char *name, *path;
	} files[] = {
	    {"output.schema_registry.ca_location", cfg->output.schema_registry.ca_location},
	    {"output.schema_registry.cert_location", cfg->output.schema_registry.cert_location},
	    {"output.schema_registry.key_location", cfg->output.schema_registry.key_location},
	};

	if (!config_registry_enabled(cfg))
		return 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		FILE *f;
		if (!files[i].path)
			continue;
		if (!(f = fopen(files[i].path, "r"))) {
			snprintf(errbuf, errlen, "%s: %s: %s: cannot open: %s", cfg->path, files[i].name,
			         files[i].path, strerror(errno));
			return -1;
		}
		fclose(f);
	}
	return 0;
}

/* With output.schema_registry.url: register the output schema under the
 * configured subject, retrying an unreachable registry for
 * startup_timeout_ms, and make its id the one every record is framed with.
 * Returns 0, or the exit status: EX_UNAVAILABLE when the registry stayed
 * out of reach (systemd restarts us), EX_CONFIG when it answered no (a
 * restart would not change its mind), 0 with *stopped set on SIGTERM. */
static int registry_register(struct config *cfg, struct avro_codec *codec, int *stopped)
{
	const struct config_schema_registry *rc = &cfg->output.schema_registry;
	struct schema_registry_opts o = {
	    .url = rc->url,
	    .username = rc->username,
	    .password = rc->password,
	    .ca_location = rc->ca_location,
	    .cert_location = rc->cert_location,
	    .key_location = rc->key_location,
	    .timeout_ms = rc->timeout_ms,
	};
	struct schema_registry *r = NULL;
	enum schema_registry_result res;
	char subject[1024], errbuf[1024], msg[sizeof(subject) + 128];
	const char *text = avro_codec_schema_json(codec);
	int32_t id = -1;
	int status = EX_CONFIG;

	*stopped = 0;
	if (schema_registry_subject(rc->subject_strategy, cfg->kafka.output_topic,
	                            avro_codec_schema_name(codec), subject, sizeof(subject)) < 0) {
		log_error(
		    "%s: output.schema_registry.subject_strategy %s: no subject for topic %s and record "
		    "%s",
		    cfg->path, rc->subject_strategy, cfg->kafka.output_topic, avro_codec_schema_name(codec));
		return EX_CONFIG;
	}
	if (!text || !*text) {
		log_error("%s: no schema text to register", cfg->output.schema_path);
		return EX_CONFIG;
	}
	if (schema_registry_open(&r, &o, errbuf, sizeof(errbuf)) < 0) {
		log_error("%s: %s", cfg->path, errbuf);
		return EX_CONFIG;
	}
	log_info("schema registry %s: registering %s under subject %s", schema_registry_display_url(r),
	         cfg->output.schema_path, subject);
	/* Retries may take startup_timeout_ms: systemd is told to wait. */
	snprintf(msg, sizeof(msg), "STATUS=registering the schema (subject %s)\nEXTEND_TIMEOUT_USEC=%lld",
	         subject, ((long long)rc->startup_timeout_ms + rc->timeout_ms + 30000) * 1000);
	sd_notify(0, msg);
	res = schema_registry_register_retry(r, subject, text, rc->startup_timeout_ms, &stop_requested, &id,
	                                     errbuf, sizeof(errbuf));
	switch (res) {
	case SCHEMA_REGISTRY_OK:
		cfg->output.schema_id = id;
		cfg->output.framing = AVRO_FRAMING_CONFLUENT;
		avro_codec_set_schema_id(codec, id);
		log_info(
		    "schema registry %s: subject %s: schema id %d; records are framed with it (Confluent)",
		    schema_registry_display_url(r), subject, (int)id);
		status = 0;
		break;
	case SCHEMA_REGISTRY_UNAVAILABLE:
		if (stop_requested) {
			log_info("stop requested while waiting for the schema registry");
			*stopped = 1;
			status = 0;
			break;
		}
		log_error("%s; gave up after %d ms (output.schema_registry.startup_timeout_ms)", errbuf,
		          rc->startup_timeout_ms);
		status = EX_UNAVAILABLE;
		break;
	case SCHEMA_REGISTRY_REJECTED:
		log_error("the schema registry rejected %s under subject %s: %s", cfg->output.schema_path,
		          subject, errbuf);
		break;
	default:
		log_error("%s", errbuf);
		break;
	}
	schema_registry_close(r);
	return status;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: conflictd [-c FILE] [--check-config] [--instance NAME] [--version] [--help]\n"
	           "       conflictd tail [TAIL OPTIONS]   (print the events topic; see conflictd-tail(1))\n"
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
	/* The tick must not make a blocking call in the MHD thread fail. */
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_tick;
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		return -1;
	sa.sa_flags = 0;
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
	int check_only = 0, opt, status = EX_SOFTWARE, ready_sent = 0, rc;
	struct config cfg;
	struct extract_data *data = NULL;
	struct avro_codec *codec = NULL;
	struct kafka_mock *mock = NULL;
	struct pipeline *pipeline = NULL;
	const char *bootstrap;
	char errbuf[1024];

	/* `conflictd tail ...` is the same program as conflictd-tail. */
	if (argc > 1 && strcmp(argv[1], "tail") == 0)
		return tail_main(argc - 1, argv + 1);

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
	if (apply_instance(&cfg, instance) < 0) {
		fprintf(stderr, "conflictd: out of memory\n");
		config_free(&cfg);
		return EX_OSERR;
	}
	apply_log(&cfg);
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
	if (registry_check_files(&cfg, errbuf, sizeof(errbuf)) < 0) {
		fprintf(stderr, "%s\n", errbuf);
		status = EX_CONFIG;
		goto out;
	}
	if (check_only) {
		printf("config ok: %s\n", path);
		status = 0;
		goto out;
	}

	/* The schema registry, when configured: the id every record carries. */
	if (config_registry_enabled(&cfg)) {
		int stopped;
		status = registry_register(&cfg, codec, &stopped);
		if (status != 0 || stopped)
			goto out;
		status = EX_SOFTWARE;
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
	log_info("conflictd %s (extractor %s, librdkafka %s) started, config %s; joining group %s",
	         CONFLICTD_VERSION, CONFLICTD_EXTRACTOR_VERSION, rd_kafka_version_str(), path,
	         cfg.kafka.group_id);
	sd_notify(0, "STATUS=joining the consumer group");
	if (tick_set(READY_TICK_MS) < 0)
		log_warning("setitimer: cannot watch for readiness; READY=1 waits for the next signal");

	/* 5. Run until a signal, then drain and commit.  READY=1 once the group
	 * has called back with our first assignment (possibly empty when the
	 * group has more members than partitions: joined all the same). */
	for (;;) {
		wake = 0;
		if (stop_requested)
			break;
		if (reload_requested) {
			reload_requested = 0;
			log_info("reload (SIGHUP): reading %s", path);
			if (ready_sent)
				notify_reloading();
			rc = reload(&cfg, path, instance, &data, pipeline);
			if (ready_sent)
				sd_notify(0, rc == 0
				                 ? "READY=1\nSTATUS=consuming (reloaded)"
				                 : "READY=1\nSTATUS=consuming (reload failed, see the log)");
		}
		if (!ready_sent && metrics_counter_value(METRICS_REBALANCES) > 0) {
			ready_sent = 1;
			tick_set(0);
			sd_notify(0, "READY=1\nSTATUS=consuming");
			log_info("ready: joined group %s", cfg.kafka.group_id);
		}
		if (pipeline_run(pipeline, &wake) < 0) {
			tick_set(0);
			sd_notify(0, "STOPPING=1\nSTATUS=fatal error");
			status = PIPELINE_EXIT_FATAL;
			goto out;
		}
	}
	tick_set(0);
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
