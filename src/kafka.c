/*
 * kafka.c - librdkafka configurations, the log bridge and the mock cluster.
 *
 * The callbacks that need the pipeline's state (rebalance, delivery
 * reports) are set by pipeline.c on the confs built here; this file knows
 * only what every handle shares.
 */
#include "kafka.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

struct kafka_default {
	const char *key;
	const char *value;
};

/* The consumer's defaults.  auto.offset.reset=earliest: articles written to
 * a new topic before the group first joins are not skipped. */
static const struct kafka_default consumer_defaults[] = {
    {"partition.assignment.strategy", "cooperative-sticky"},
    {"enable.auto.offset.store", "false"},
    {"enable.auto.commit", "true"},
    {"auto.offset.reset", "earliest"},
    {"enable.partition.eof", "false"},
    /* consumer_lag for /metrics, and the group's join state, which the
     * final commit at shutdown waits to be steady (pipeline.c). */
    {"statistics.interval.ms", "1000"},
    /* A message up to KAFKA_MESSAGE_MAX_BYTES must fit one partition fetch
     * (brokers without KIP-74, like the mock, would otherwise stall on it). */
    {"max.partition.fetch.bytes", "33554432"},
    {"fetch.max.bytes", "52428800"},
    {"receive.message.max.bytes", "67108864"}, /* > fetch.max.bytes + overhead */
    {NULL, NULL},
};

/* The producer's defaults.  message.max.bytes is raised so a large
 * rejected article can be forwarded raw to the dead-letter topic. */
static const struct kafka_default producer_defaults[] = {
    {"enable.idempotence", "true"},    {"acks", "all"}, {"linger.ms", "5"}, {"compression.type", "lz4"},
    {"message.max.bytes", "33554432"}, {NULL, NULL},
};

/* "file:line" of a setting for error messages: "file" when the line is
 * unknown (0, e.g. the daemon's own defaults), "(defaults)" without a file. */
static const char *conf_where(const struct config *cfg, int line, char *buf, size_t len)
{
	if (!cfg->path)
		return "(defaults)";
	if (line <= 0)
		return cfg->path;
	snprintf(buf, len, "%s:%d", cfg->path, line);
	return buf;
}

static int conf_put(rd_kafka_conf_t *conf, const char *what, const char *key, const char *value, int line,
                    const struct config *cfg, char *errbuf, size_t errlen)
{
	char rderr[256], where[1100];

	if (rd_kafka_conf_set(conf, key, value, rderr, sizeof(rderr)) != RD_KAFKA_CONF_OK) {
		snprintf(errbuf, errlen, "%s: %s.%s: %s", conf_where(cfg, line, where, sizeof(where)), what,
		         key, rderr);
		return -1;
	}
	return 0;
}

static int conf_is_false(const char *v)
{
	return strcmp(v, "false") == 0 || strcmp(v, "0") == 0 || strcmp(v, "False") == 0 ||
	       strcmp(v, "FALSE") == 0;
}

/* Map log.level onto librdkafka's log_level (syslog numbering too). */
static const char *rd_log_level(const struct config *cfg)
{
	static const char *const levels[] = {"0", "1", "2", "3", "4", "5", "6", "7"};
	int l = cfg->log.level ? log_level_parse(cfg->log.level) : LOG_INFO;
	if (l < 0 || l > 7)
		l = LOG_INFO;
	return levels[l];
}

int kafka_transactional_id(const struct config *cfg, char *buf, size_t len)
{
	char host[256];
	const char *instance = cfg->kafka.group_instance_id;
	int n;

	if (!instance || !*instance) {
		if (gethostname(host, sizeof(host)) != 0)
			snprintf(host, sizeof(host), "localhost");
		host[sizeof(host) - 1] = '\0';
		instance = host;
	}
	n = snprintf(buf, len, "%s-%s-%s", cfg->kafka.client_id ? cfg->kafka.client_id : "conflictd",
	             cfg->kafka.group_id ? cfg->kafka.group_id : "conflictd", instance);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static rd_kafka_conf_t *kafka_conf_build(const struct config *cfg, const char *bootstrap, int consumer,
                                         char *errbuf, size_t errlen)
{
	const struct kafka_default *d = consumer ? consumer_defaults : producer_defaults;
	const char *what = consumer ? "kafka.consumer" : "kafka.producer";
	const struct config_kv *kv = consumer ? cfg->kafka.consumer : cfg->kafka.producer;
	size_t n = consumer ? cfg->kafka.n_consumer : cfg->kafka.n_producer;
	char where[1100];
	rd_kafka_conf_t *conf = rd_kafka_conf_new();

	if (!conf) {
		snprintf(errbuf, errlen, "%s: out of memory", what);
		return NULL;
	}
	rd_kafka_conf_set_log_cb(conf, kafka_log_cb);
	if (conf_put(conf, "kafka", "bootstrap.servers", bootstrap, 0, cfg, errbuf, errlen) < 0 ||
	    conf_put(conf, "kafka", "client.id", cfg->kafka.client_id ? cfg->kafka.client_id : "conflictd", 0,
	             cfg, errbuf, errlen) < 0 ||
	    conf_put(conf, "kafka", "log_level", rd_log_level(cfg), 0, cfg, errbuf, errlen) < 0)
		goto err;
	if (consumer) {
		if (conf_put(conf, "kafka", "group.id",
		             cfg->kafka.group_id ? cfg->kafka.group_id : "conflictd", 0, cfg, errbuf,
		             errlen) < 0)
			goto err;
		if (cfg->kafka.group_instance_id && *cfg->kafka.group_instance_id &&
		    conf_put(conf, "kafka", "group.instance.id", cfg->kafka.group_instance_id, 0, cfg, errbuf,
		             errlen) < 0)
			goto err;
	}
	for (; d->key; d++)
		if (conf_put(conf, what, d->key, d->value, 0, cfg, errbuf, errlen) < 0)
			goto err;
	if (cfg->kafka.delivery == DELIVERY_EXACTLY_ONCE) {
		/* Offsets travel inside the producer's transactions; the consumer
		 * reads only committed output of upstream transactional producers. */
		char txn_id[512];

		if (consumer) {
			if (conf_put(conf, what, "enable.auto.commit", "false", 0, cfg, errbuf, errlen) < 0 ||
			    conf_put(conf, what, "isolation.level", "read_committed", 0, cfg, errbuf,
			             errlen) < 0)
				goto err;
		} else {
			if (kafka_transactional_id(cfg, txn_id, sizeof(txn_id)) < 0) {
				snprintf(errbuf, errlen, "%s: kafka.producer.transactional.id: too long",
				         cfg->path ? cfg->path : "(defaults)");
				goto err;
			}
			if (conf_put(conf, what, "transactional.id", txn_id, 0, cfg, errbuf, errlen) < 0)
				goto err;
		}
	}

	/* The operator's properties last, so they win. */
	for (size_t i = 0; i < n; i++) {
		if (!kv[i].key || !kv[i].value)
			continue;
		if (consumer && strcmp(kv[i].key, "enable.auto.offset.store") == 0 &&
		    !conf_is_false(kv[i].value)) {
			snprintf(
			    errbuf, errlen,
			    "%s: %s.%s: must be false (conflictd stores an offset only once its events are "
			    "delivered)",
			    conf_where(cfg, kv[i].line, where, sizeof(where)), what, kv[i].key);
			goto err;
		}
		if (consumer && cfg->kafka.delivery == DELIVERY_EXACTLY_ONCE &&
		    strcmp(kv[i].key, "enable.auto.commit") == 0 && !conf_is_false(kv[i].value)) {
			snprintf(
			    errbuf, errlen,
			    "%s: %s.%s: must be false with kafka.delivery = \"exactly-once\" (offsets are "
			    "committed inside the producer's transactions)",
			    conf_where(cfg, kv[i].line, where, sizeof(where)), what, kv[i].key);
			goto err;
		}
		if (conf_put(conf, what, kv[i].key, kv[i].value, kv[i].line, cfg, errbuf, errlen) < 0)
			goto err;
	}
	return conf;
err:
	rd_kafka_conf_destroy(conf);
	return NULL;
}

rd_kafka_conf_t *kafka_consumer_conf(const struct config *cfg, const char *bootstrap, char *errbuf,
                                     size_t errlen)
{
	return kafka_conf_build(cfg, bootstrap, 1, errbuf, errlen);
}

rd_kafka_conf_t *kafka_producer_conf(const struct config *cfg, const char *bootstrap, char *errbuf,
                                     size_t errlen)
{
	return kafka_conf_build(cfg, bootstrap, 0, errbuf, errlen);
}

int kafka_is_embedded(const struct config *cfg)
{
	return cfg->kafka.brokers && strcmp(cfg->kafka.brokers, "embedded") == 0;
}

int kafka_check_config(const struct config *cfg, char *errbuf, size_t errlen)
{
	/* The embedded cluster's address is not known yet; any valid list does. */
	const char *bootstrap = kafka_is_embedded(cfg) ? "127.0.0.1:9092" : cfg->kafka.brokers;
	rd_kafka_conf_t *c;

	if (!bootstrap || !*bootstrap) {
		snprintf(errbuf, errlen, "%s: kafka.brokers: empty", cfg->path ? cfg->path : "(defaults)");
		return -1;
	}
	c = kafka_consumer_conf(cfg, bootstrap, errbuf, errlen);
	if (!c)
		return -1;
	rd_kafka_conf_destroy(c);
	c = kafka_producer_conf(cfg, bootstrap, errbuf, errlen);
	if (!c)
		return -1;
	rd_kafka_conf_destroy(c);
	return 0;
}

void kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
	log_printf(level, "kafka: %s: %s: %s", rk ? rd_kafka_name(rk) : "-", fac, buf);
}

/* --- the mock cluster */

struct kafka_mock {
	rd_kafka_t *rk; /* the handle the cluster lives on */
	rd_kafka_mock_cluster_t *mc;
	int n_brokers;
};

int kafka_mock_start(struct kafka_mock **out, int n_brokers, char *errbuf, size_t errlen)
{
	struct kafka_mock *m;
	rd_kafka_conf_t *conf;
	char rderr[256];

	*out = NULL;
	if (n_brokers < 1 || n_brokers > 32) {
		snprintf(errbuf, errlen, "mock cluster: %d brokers: expected 1..32", n_brokers);
		return -1;
	}
	m = calloc(1, sizeof(*m));
	conf = rd_kafka_conf_new();
	if (!m || !conf) {
		snprintf(errbuf, errlen, "mock cluster: out of memory");
		goto err;
	}
	rd_kafka_conf_set_log_cb(conf, kafka_log_cb);
	if (rd_kafka_conf_set(conf, "client.id", "conflictd-mock", rderr, sizeof(rderr)) !=
	    RD_KAFKA_CONF_OK) {
		snprintf(errbuf, errlen, "mock cluster: %s", rderr);
		goto err;
	}
	m->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, rderr, sizeof(rderr));
	if (!m->rk) {
		snprintf(errbuf, errlen, "mock cluster: cannot create its handle: %s", rderr);
		goto err;
	}
	conf = NULL; /* owned by m->rk now */
	m->mc = rd_kafka_mock_cluster_new(m->rk, n_brokers);
	if (!m->mc) {
		snprintf(errbuf, errlen, "mock cluster: cannot start %d brokers", n_brokers);
		goto err;
	}
	m->n_brokers = n_brokers;
	*out = m;
	return 0;
err:
	if (conf)
		rd_kafka_conf_destroy(conf);
	kafka_mock_stop(m);
	return -1;
}

int kafka_mock_topic(struct kafka_mock *m, const char *topic, int partitions, char *errbuf, size_t errlen)
{
	int rf = m->n_brokers < 3 ? m->n_brokers : 3;
	rd_kafka_resp_err_t err;

	if (partitions < 1 || partitions > 10000) {
		snprintf(errbuf, errlen, "mock cluster: topic %s: %d partitions: expected 1..10000", topic,
		         partitions);
		return -1;
	}
	err = rd_kafka_mock_topic_create(m->mc, topic, partitions, rf);
	if (err) {
		snprintf(errbuf, errlen, "mock cluster: cannot create topic %s: %s", topic,
		         rd_kafka_err2str(err));
		return -1;
	}
	return 0;
}

const char *kafka_mock_bootstraps(const struct kafka_mock *m)
{
	return rd_kafka_mock_cluster_bootstraps(m->mc);
}

rd_kafka_mock_cluster_t *kafka_mock_cluster(struct kafka_mock *m)
{
	return m->mc;
}

int kafka_mock_brokers(const struct kafka_mock *m)
{
	return m->n_brokers;
}

void kafka_mock_stop(struct kafka_mock *m)
{
	if (!m)
		return;
	if (m->mc)
		rd_kafka_mock_cluster_destroy(m->mc);
	if (m->rk)
		rd_kafka_destroy(m->rk);
	free(m);
}

/* Write the bootstrap list atomically (temp file + rename) so a reader
 * polling for the file never sees it half-written. */
static int write_bootstrap_file(const char *path, const char *bootstraps, char *errbuf, size_t errlen)
{
	char tmp[4096];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		snprintf(errbuf, errlen, "%s: path too long", path);
		return -1;
	}
	f = fopen(tmp, "w");
	if (!f) {
		snprintf(errbuf, errlen, "%s: cannot write: %s", tmp, strerror(errno));
		return -1;
	}
	fprintf(f, "%s\n", bootstraps);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(errbuf, errlen, "%s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int kafka_embedded_start(struct kafka_mock **out, const struct config *cfg, char *errbuf, size_t errlen)
{
	const char *topics[3] = {cfg->kafka.input_topic, cfg->kafka.output_topic, cfg->kafka.dlq_topic};
	struct kafka_mock *m;

	if (kafka_mock_start(&m, cfg->kafka.embedded_brokers > 0 ? cfg->kafka.embedded_brokers : 1, errbuf,
	                     errlen) < 0)
		return -1;
	for (int i = 0; i < 3; i++) {
		if (!topics[i])
			continue;
		if (kafka_mock_topic(m, topics[i],
		                     cfg->kafka.embedded_partitions > 0 ? cfg->kafka.embedded_partitions : 4,
		                     errbuf, errlen) < 0)
			goto err;
	}
	log_info("embedded Kafka cluster: %d broker(s) at %s", m->n_brokers, kafka_mock_bootstraps(m));
	if (cfg->kafka.embedded_bootstrap_file && *cfg->kafka.embedded_bootstrap_file &&
	    write_bootstrap_file(cfg->kafka.embedded_bootstrap_file, kafka_mock_bootstraps(m), errbuf,
	                         errlen) < 0)
		goto err;
	*out = m;
	return 0;
err:
	kafka_mock_stop(m);
	return -1;
}
