/*
 * pipeline.h - consume -> decode -> extract -> encode -> produce, at least once.
 *
 * One pipeline owns a consumer in the group kafka.group_id (cooperative-
 * sticky assignment) and an idempotent producer.  Each input message takes
 * a slot (at most kafka.max_in_flight); its events go to kafka.output_topic
 * as Avro with key = event_id, or, when the message is rejected, its raw
 * bytes go to kafka.dlq_topic.  The input offset is stored for commit only
 * when every record it produced has been acknowledged, and only as a
 * contiguous prefix per partition (offsets.h).
 *
 * kafka.delivery = "exactly-once": the producer is transactional
 * (transactional.id from kafka_transactional_id()), a transaction covers
 * at most kafka.max_in_flight articles or 100 ms of input, and is committed
 * with the input offsets it covers (send_offsets_to_transaction with the
 * consumer group metadata), on revocation and at shutdown too.  A failed
 * delivery or an abortable error aborts it and seeks the assigned
 * partitions back to the group's last committed offsets, so its articles
 * are redone (a failed event is then not dead-lettered); a fatal error
 * (fenced, invalid state) stops with PIPELINE_EXIT_FATAL.
 *
 * Output headers (values are strings):
 *   content-type        application/vnd.apache.avro+binary
 *   schema-name         org.conflictd.ConflictEvent
 *   schema-fingerprint  16 hex digits, CRC-64-AVRO (single-object framing)
 *   schema-id           decimal (Confluent framing)
 *   extractor-version   CONFLICTD_EXTRACTOR_VERSION
 *   event-type          the ACLED event type ("BATTLES"), for routing unread
 *   source-topic, source-partition, source-offset   the input message
 * Dead-letter headers: source-topic, source-partition, source-offset,
 *   stage (decode|extract|encode|produce), error-class (e.g. "bad_utf8"),
 *   error-message, and dlq-truncated (original length) when the raw value
 *   was too large for the producer and only its head was kept.
 *
 * Single-threaded: every call, and every librdkafka callback it triggers,
 * runs on the caller's thread.
 */
#ifndef CONFLICTD_PIPELINE_H
#define CONFLICTD_PIPELINE_H

#include <signal.h>
#include <stddef.h>

#include "avro_codec.h"
#include "config.h"
#include "extract/extract.h"

#define PIPELINE_CONTENT_TYPE "application/vnd.apache.avro+binary"

/* Exit statuses main() maps pipeline results to (sysexits.h). */
#define PIPELINE_EXIT_FATAL 70 /* EX_SOFTWARE: a fatal librdkafka error */

struct pipeline;

/* Create the clients against bootstrap and subscribe to the input topic.
 * cfg, data and codec are borrowed and must outlive the pipeline.
 * 0, or -1 with a message in errbuf (a bad pass-through property names its
 * setting). */
int pipeline_new(struct pipeline **out, const struct config *cfg, const char *bootstrap,
                 const struct extract_data *data, struct avro_codec *codec, char *errbuf, size_t errlen);

/* Run until *stop becomes non-zero (a signal handler sets it) or a fatal
 * error.  Returns 0 when asked to stop, -1 after a fatal error (logged). */
int pipeline_run(struct pipeline *p, volatile sig_atomic_t *stop);

/* Graceful stop: consume nothing more, wait for in-flight articles to be
 * delivered, flush the producer (all bounded by kafka.shutdown_timeout_ms
 * together), store and synchronously commit the offsets, leave the group.
 * When the group is rebalancing, the commit (or, exactly-once, the last
 * transaction) waits for it to end, using at most three quarters of the
 * bound, or is made from the rebalance callback that ends it: a commit sent
 * while this member's JoinGroup is pending would be refused and librdkafka
 * 2.0.2 would then drop the assignment.
 * Returns 0 when everything in flight was delivered and committed, -1
 * otherwise (what was not delivered is not committed, so it is redone). */
int pipeline_shutdown(struct pipeline *p);

/* Destroy the clients (after pipeline_shutdown, or directly on a fatal
 * error, in which case nothing more is committed). */
void pipeline_free(struct pipeline *p);

/* Counters for the log line at exit and for tests. */
struct pipeline_stats {
	unsigned long long consumed;
	unsigned long long events; /* produced and acknowledged */
	unsigned long long dead_letters;
	unsigned long long rebalances;
	unsigned long long transactions;         /* exactly-once: committed */
	unsigned long long aborted_transactions; /* exactly-once: aborted and rewound */
};
void pipeline_get_stats(const struct pipeline *p, struct pipeline_stats *st);

/* Reload: replace the extractor by one bound to data, built with the
 * extraction options now in the configuration pipeline_new() was given (the
 * caller may have updated cfg->extract in place).  Call between two
 * pipeline_run() calls; the old data is no longer referenced on return and
 * may be freed.  0, or -1 (out of memory) with the old extractor kept. */
int pipeline_swap_data(struct pipeline *p, const struct extract_data *data);

#endif
