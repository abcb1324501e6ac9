/*
 * config.h - the libconfig file -> struct config, validated.
 *
 * Every setting has a default (conf/conflictd.conf documents each one);
 * unknown settings, wrong types and out-of-range values are errors whose
 * message names the file, the line and the setting:
 *   "/etc/conflictd/conflictd.conf:12: kafka.brokers: expected a string"
 * main() prints it and exits with EX_CONFIG (78).
 */
#ifndef CONFLICTD_CONFIG_H
#define CONFLICTD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "avro_codec.h"

/* A librdkafka property passed through verbatim from kafka.consumer / kafka.producer. */
struct config_kv {
	char *key;
	char *value;
	int line; /* of the setting in cfg->path (or an @include), 0 when unknown */
};

enum delivery_mode { DELIVERY_AT_LEAST_ONCE = 0, DELIVERY_EXACTLY_ONCE };

struct config {
	char *path; /* the file it came from */

	struct {
		char *brokers;                 /* "host:port,..." or "embedded" (in-process mock cluster) */
		int embedded_brokers;          /* mock cluster size when brokers = "embedded" (default 1) */
		int embedded_partitions;       /* partitions per topic created on the mock (default 4) */
		char *embedded_bootstrap_file; /* if set, the mock cluster's bootstrap servers are written
		                                  here */
		char *group_id;                /* default "conflictd" */
		char *client_id;               /* default "conflictd" */
		char *group_instance_id;       /* static membership; NULL = dynamic */
		char *input_topic;             /* default "articles" */
		char *output_topic;            /* default "conflict-events" */
		char *dlq_topic;               /* default "articles-dlq" */
		enum delivery_mode delivery;
		int shutdown_timeout_ms; /* drain bound on SIGTERM (default 30000) */
		int max_in_flight;       /* articles consumed but not yet fully delivered (default 1000) */
		size_t n_consumer, n_producer;
		struct config_kv *consumer; /* pass-through librdkafka consumer properties */
		struct config_kv *producer; /* pass-through librdkafka producer properties */
	} kafka;

	struct {
		char *data_dir;           /* default: the installed data dir, or "data" */
		bool emit_tallies;        /* default true */
		double min_confidence;    /* default 0.0 */
		int max_events;           /* per article, default 64 */
		size_t max_article_bytes; /* default 1 MiB */
	} extract;

	struct {
		enum avro_framing framing; /* "single-object" (default) or "confluent" */
		int32_t schema_id;         /* for confluent framing; required then */
		char *schema_path; /* default: installed schemas dir, or "schemas/conflict_event.avsc" */
		/* output.schema_registry: with a url, the schema is registered at
		 * start and its id replaces schema_id; framing is then Confluent. */
		struct config_schema_registry {
			char *url;              /* "http(s)://host:port[/prefix]"; NULL or "" = off */
			char *subject_strategy; /* "topic" (default), "record", "topic-record" */
			char *username;         /* basic auth; NULL = none */
			char *password;         /* never logged */
			char *ca_location;      /* PEM bundle to verify the registry (paths resolved) */
			char *cert_location;    /* client certificate for mutual TLS */
			char *key_location;     /* its key */
			int timeout_ms;         /* per request (default 10000) */
			int startup_timeout_ms; /* retried for this long at start (default 60000) */
		} schema_registry;
	} output;

	struct {
		char *listen; /* "127.0.0.1:9108"; NULL or "" disables */
	} metrics;

	struct {
		char *level;  /* "debug", "info" (default), "warning", "error" */
		char *format; /* "auto" (default), "text", "journal", "json" */
	} log;
};

/* Fill cfg with the defaults (heap strings; free with config_free). */
void config_defaults(struct config *cfg);

/* Load and validate path on top of the defaults.  Returns 0, or -1 with
 * "file:line: setting: problem" in errbuf (file and line when known). */
int config_load(struct config *cfg, const char *path, char *errbuf, size_t errlen);

void config_free(struct config *cfg);

/* True when output.schema_registry.url is set (registration at start). */
bool config_registry_enabled(const struct config *cfg);

#endif
