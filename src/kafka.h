/*
 * kafka.h - librdkafka handles as conflictd configures them, and the
 * in-process mock cluster.
 *
 * The daemon's own defaults are applied first (cooperative-sticky group
 * membership, offsets stored by the application, idempotent producer, sizes
 * that let a 10 MB rejected article reach the dead-letter topic), then the
 * operator's kafka.consumer / kafka.producer pass-through properties, so an
 * operator can override anything except enable.auto.offset.store, which
 * at-least-once delivery depends on.
 *
 * kafka.delivery = "exactly-once" adds a transactional.id to the producer
 * (kafka_transactional_id()) and enable.auto.commit=false,
 * isolation.level=read_committed to the consumer; enable.auto.commit may
 * then not be turned back on.
 *
 * Errors name the setting and the file it came from:
 *   "/etc/conflictd/conflictd.conf: kafka.consumer.fetch.wait.max: No such configuration property"
 */
#ifndef CONFLICTD_KAFKA_H
#define CONFLICTD_KAFKA_H

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stddef.h>

#include "config.h"

/* Largest Kafka message the daemon's clients accept or send (a rejected
 * article is forwarded raw to the dead-letter topic). */
#define KAFKA_MESSAGE_MAX_BYTES (32 * 1024 * 1024)

/* Build the consumer configuration for bootstrap (a "host:port,..." list).
 * Returns a conf the caller owns (rd_kafka_new() takes it over), or NULL
 * with a message in errbuf. */
rd_kafka_conf_t *kafka_consumer_conf(const struct config *cfg, const char *bootstrap, char *errbuf,
                                     size_t errlen);
rd_kafka_conf_t *kafka_producer_conf(const struct config *cfg, const char *bootstrap, char *errbuf,
                                     size_t errlen);

/* The producer's transactional.id in exactly-once mode, unique and stable
 * per instance: "<client_id>-<group_id>-<group_instance_id or hostname>"
 * (kafka.producer.transactional_id overrides it).  0, or -1 when it does
 * not fit len. */
int kafka_transactional_id(const struct config *cfg, char *buf, size_t len);

/* Build and discard both configurations: every pass-through property is
 * checked by librdkafka itself.  0, or -1 with a message in errbuf. */
int kafka_check_config(const struct config *cfg, char *errbuf, size_t errlen);

/* librdkafka log_cb that routes its lines through log.h. */
void kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf);

/*
 * The mock cluster: librdkafka's in-process Kafka brokers, listening on
 * real localhost sockets, so that any client can connect to them.
 */
struct kafka_mock;

/* Start a mock cluster of n_brokers brokers on its own handle.  0, or -1
 * with errbuf. */
int kafka_mock_start(struct kafka_mock **out, int n_brokers, char *errbuf, size_t errlen);
/* Create topic with partitions partitions (replication min(brokers, 3)). */
int kafka_mock_topic(struct kafka_mock *m, const char *topic, int partitions, char *errbuf, size_t errlen);
/* "127.0.0.1:port,..."; owned by the mock, valid until kafka_mock_stop(). */
const char *kafka_mock_bootstraps(const struct kafka_mock *m);
/* The cluster, for fault injection (rd_kafka_mock_broker_set_down(), ...). */
rd_kafka_mock_cluster_t *kafka_mock_cluster(struct kafka_mock *m);
int kafka_mock_brokers(const struct kafka_mock *m);
void kafka_mock_stop(struct kafka_mock *m);

/* The embedded cluster of kafka.brokers = "embedded": a mock with
 * kafka.embedded_brokers brokers and the input, output and dead-letter
 * topics of kafka.embedded_partitions partitions; its bootstrap list is
 * written to kafka.embedded_bootstrap_file when set. */
int kafka_embedded_start(struct kafka_mock **out, const struct config *cfg, char *errbuf, size_t errlen);

/* 1 when kafka.brokers asks for the embedded cluster. */
int kafka_is_embedded(const struct config *cfg);

#endif
