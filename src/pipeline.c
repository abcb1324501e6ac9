/*
 * pipeline.c - the daemon's main loop: one consumer, one producer, one thread.
 *
 * Every consumed message takes a slot from a fixed pool (kafka.max_in_flight
 * slots, allocated once).  The slot holds the librdkafka message (its bytes
 * are the dead-letter copy if one is needed) and counts the deliveries still
 * outstanding.  Delivery reports only update counters and queue finished
 * slots; the main loop settles them after rd_kafka_poll() returns, so no
 * librdkafka call is ever made from inside a callback of the same handle.
 *
 * Settling a slot: all of its records acknowledged -> mark its offset done
 * in the tracker; an event failed -> send the raw input to the dead-letter
 * topic instead (stage "produce"); the dead-letter copy itself failed ->
 * fatal, because carrying on would commit an offset whose article went
 * nowhere.
 *
 * Back-pressure: when every slot is taken, or the producer queue is near
 * its bound, the assigned partitions are paused and the loop keeps polling
 * both handles (so max.poll.interval.ms is never exceeded and delivery
 * reports keep flowing) until enough slots are free again.
 */
#include "pipeline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>

#include "article.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "offsets.h"

/* Bound on waiting for the in-flight work of revoked partitions. */
#define PIPELINE_REVOKE_WAIT_MS 10000
/* When a raw value is too large even for the dead-letter topic, keep this
 * much of its head. */
#define PIPELINE_DLQ_TRUNCATE_BYTES (64 * 1024)
/* Exactly-once: a transaction covers at most this long of input (and at
 * most kafka.max_in_flight articles); each transactional call is bounded. */
#define PIPELINE_TXN_MAX_MS     100
#define PIPELINE_TXN_TIMEOUT_MS 10000
/* Shutdown waits for a fresh statistics report to learn the group's join
 * state only when reports come at least this often (statistics.interval.ms,
 * 1000 by default); with rarer ones it commits without waiting. */
#define PIPELINE_STEADY_STATS_MAX_MS 2000

enum slot_dlq { DLQ_NONE = 0, DLQ_SENT, DLQ_SENT_TRUNCATED };

struct slot {
	rd_kafka_message_t *msg; /* owned until settled */
	int32_t partition;
	int64_t offset;
	unsigned pending; /* deliveries outstanding, +1 while still producing */
	int failed;       /* a delivery of the current attempt failed */
	rd_kafka_resp_err_t last_err;
	enum slot_dlq dlq;
	int abandoned;     /* its partition was given up on revocation */
	int queued;        /* on the settle list */
	struct slot *next; /* free list or settle list */
};

struct pipeline {
	const struct config *cfg;
	const struct extract_data *data;
	struct avro_codec *codec;
	struct extractor *ex;
	rd_kafka_t *consumer;
	rd_kafka_t *producer;
	struct offsets *offsets;

	struct slot *slots;
	size_t n_slots;
	size_t in_flight;
	struct slot *free_list;
	struct slot *settle_head, *settle_tail;

	size_t queue_max; /* producer queue.buffering.max.messages */
	int paused;
	int stopping; /* shutdown started: consume nothing more */
	int revoke_wait_ms;
	int fatal;
	/* Exactly-once (kafka.delivery): a transaction is open, how many
	 * articles it holds since when, and whether it must be aborted. */
	int assigned_once; /* the group has assigned this member partitions */
	int eos;
	int txn_open;
	int txn_abort;
	size_t txn_articles;
	int64_t txn_started;
	/* The group's join state as of the last statistics report: the final
	 * commit waits for a steady one (pipeline_commit_final()). */
	int group_steady;
	char join_state[32];
	unsigned long long stats_reports;
	unsigned long long lost_revocations; /* revocations of a lost assignment */
	/* Shutdown: everything delivered is committed (from a rebalance
	 * callback), and nothing has been stored since. */
	int final_committed;
	int stats_interval_ms; /* statistics.interval.ms, 0 when off */
	int64_t status_last;   /* last sd_notify STATUS= line */
	int64_t watchdog_ms;   /* half of systemd's WatchdogSec, 0 when off */
	int64_t watchdog_last;

	char fingerprint[17];
	char schema_id[16];
	struct pipeline_stats stats;
};

static int64_t now_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now_real_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *msg_topic(const rd_kafka_message_t *m)
{
	return m->rkt ? rd_kafka_topic_name(m->rkt) : "?";
}

/* --- slots */

static struct slot *slot_take(struct pipeline *p)
{
	struct slot *s = p->free_list;
	if (!s)
		return NULL;
	p->free_list = s->next;
	memset(s, 0, sizeof(*s));
	p->in_flight++;
	return s;
}

static void slot_release(struct pipeline *p, struct slot *s)
{
	if (s->msg)
		rd_kafka_message_destroy(s->msg);
	s->msg = NULL;
	s->next = p->free_list;
	p->free_list = s;
	p->in_flight--;
}

/* Queue a slot whose deliveries are all in for the main loop to settle. */
static void slot_queue(struct pipeline *p, struct slot *s)
{
	if (s->queued)
		return;
	s->queued = 1;
	s->next = NULL;
	if (p->settle_tail)
		p->settle_tail->next = s;
	else
		p->settle_head = s;
	p->settle_tail = s;
}

static void slot_unref(struct pipeline *p, struct slot *s)
{
	if (--s->pending == 0)
		slot_queue(p, s);
}

/* --- the dead-letter topic */

/* Send the slot's raw input to the DLQ.  0 when queued (the slot then has one
 * more delivery pending), -1 when it cannot be (logged). */
static int dlq_send(struct pipeline *p, struct slot *s, const char *stage, const char *err_class,
                    const char *err_msg, int truncate)
{
	const rd_kafka_message_t *m = s->msg;
	char part[16], off[24], trunc_len[24];
	size_t len = m->len;
	rd_kafka_headers_t *hdrs;
	rd_kafka_resp_err_t err;

	snprintf(part, sizeof(part), "%" PRId32, m->partition);
	snprintf(off, sizeof(off), "%" PRId64, m->offset);
	snprintf(trunc_len, sizeof(trunc_len), "%zu", m->len);
	if (truncate && len > PIPELINE_DLQ_TRUNCATE_BYTES)
		len = PIPELINE_DLQ_TRUNCATE_BYTES;
	else
		truncate = 0;

	hdrs = rd_kafka_headers_new(8);
	rd_kafka_header_add(hdrs, "source-topic", -1, msg_topic(m), -1);
	rd_kafka_header_add(hdrs, "source-partition", -1, part, -1);
	rd_kafka_header_add(hdrs, "source-offset", -1, off, -1);
	rd_kafka_header_add(hdrs, "stage", -1, stage, -1);
	rd_kafka_header_add(hdrs, "error-class", -1, err_class, -1);
	rd_kafka_header_add(hdrs, "error-message", -1, err_msg, -1);
	if (truncate)
		rd_kafka_header_add(hdrs, "dlq-truncated", -1, trunc_len, -1);

	s->pending++;
	s->failed = 0;
	s->dlq = truncate ? DLQ_SENT_TRUNCATED : DLQ_SENT;
	/* No copy: the payload belongs to s->msg, which lives until settled.
	 * On success the headers belong to librdkafka. */
	err = rd_kafka_producev(p->producer, RD_KAFKA_V_TOPIC(p->cfg->kafka.dlq_topic),
	                        RD_KAFKA_V_KEY(m->key, m->key_len), RD_KAFKA_V_VALUE(m->payload, len),
	                        RD_KAFKA_V_MSGFLAGS(0), RD_KAFKA_V_OPAQUE(s), RD_KAFKA_V_HEADERS(hdrs),
	                        RD_KAFKA_V_END);
	if (err) {
		rd_kafka_headers_destroy(hdrs);
		s->pending--;
		if (err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE && !truncate)
			return dlq_send(p, s, stage, err_class, err_msg, 1);
		log_error("%s [%" PRId32 "] @ %" PRId64 ": cannot send to dead-letter topic %s: %s",
		          msg_topic(m), m->partition, m->offset, p->cfg->kafka.dlq_topic,
		          rd_kafka_err2str(err));
		return -1;
	}
	log_warning("%s [%" PRId32 "] @ %" PRId64 ": rejected at %s: %s: %s; raw input sent to %s%s",
	            msg_topic(m), m->partition, m->offset, stage, err_class, err_msg, p->cfg->kafka.dlq_topic,
	            truncate ? " (truncated)" : "");
	return 0;
}

/* A delivery error that says the producer itself is finished, not that
 * the record is bad: fenced by another producer, an idempotence or
 * transaction state the broker no longer accepts, no authorization.
 * Dead-lettering would send good articles away for the producer's fault;
 * stopping without committing lets a restarted process redo them. */
static int producer_err_is_fatal(rd_kafka_t *rk, rd_kafka_resp_err_t err)
{
	char buf[16];

	switch (err) {
	case RD_KAFKA_RESP_ERR__FATAL:
	case RD_KAFKA_RESP_ERR__FENCED:
	case RD_KAFKA_RESP_ERR_PRODUCER_FENCED:
	case RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH:
	case RD_KAFKA_RESP_ERR_INVALID_PRODUCER_ID_MAPPING:
	case RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER:
	case RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
	case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
	case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
		return 1;
	default:
		return rd_kafka_fatal_error(rk, buf, sizeof(buf)) != RD_KAFKA_RESP_ERR_NO_ERROR;
	}
}

/* --- settling finished slots (main loop only) */

static void pipeline_settle(struct pipeline *p)
{
	while (p->settle_head) {
		struct slot *s = p->settle_head;

		p->settle_head = s->next;
		if (!p->settle_head)
			p->settle_tail = NULL;
		s->queued = 0;
		s->next = NULL;

		if (s->failed && producer_err_is_fatal(p->producer, s->last_err)) {
			/* Logged by on_delivery(); the offset stays uncommitted. */
			p->fatal = 1;
			slot_release(p, s);
			continue;
		}
		if (s->failed && p->eos) {
			/* A failed delivery fails the whole transaction: it is aborted
			 * and its input consumed again, not dead-lettered. */
			p->txn_abort = 1;
			slot_release(p, s);
			continue;
		}
		if (s->failed && s->dlq == DLQ_NONE) {
			/* An event could not be delivered: the raw input goes to the DLQ. */
			if (dlq_send(p, s, "produce", rd_kafka_err2name(s->last_err),
			             rd_kafka_err2str(s->last_err), 0) == 0)
				continue;
			p->fatal = 1;
			slot_release(p, s);
			continue;
		}
		if (s->failed && s->dlq == DLQ_SENT && s->last_err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
			if (dlq_send(p, s, "produce", "too_large_for_dlq",
			             "value over the broker's size limit", 1) == 0)
				continue;
		}
		if (s->failed) {
			log_error("%s [%" PRId32 "] @ %" PRId64
			          ": dead-letter copy not delivered: %s; stopping so the "
			          "offset is not committed",
			          msg_topic(s->msg), s->partition, s->offset, rd_kafka_err2str(s->last_err));
			p->fatal = 1;
			slot_release(p, s);
			continue;
		}
		if (!s->abandoned && offsets_done(p->offsets, s->partition, s->offset) != 0)
			log_debug("%s [%" PRId32 "] @ %" PRId64 ": offset no longer tracked",
			          msg_topic(s->msg), s->partition, s->offset);
		slot_release(p, s);
	}
}

/* Store the committable offset of every partition that moved. */
static void pipeline_store_offsets(struct pipeline *p)
{
	rd_kafka_topic_partition_list_t *list = NULL;
	int32_t n = offsets_partition_count(p->offsets);

	if (p->eos)
		return; /* offsets go with the transaction (pipeline_txn_commit()) */
	for (int32_t i = 0; i < n; i++) {
		if (!offsets_dirty(p->offsets, i))
			continue;
		if (!list)
			list = rd_kafka_topic_partition_list_new(8);
		rd_kafka_topic_partition_list_add(list, p->cfg->kafka.input_topic, i)->offset =
		    offsets_committable(p->offsets, i);
		offsets_mark_clean(p->offsets, i);
	}
	if (!list)
		return;
	p->final_committed = 0;
	rd_kafka_resp_err_t err = rd_kafka_offsets_store(p->consumer, list);
	if (err)
		log_debug("%s: storing offsets: %s", p->cfg->kafka.input_topic, rd_kafka_err2str(err));
	rd_kafka_topic_partition_list_destroy(list);
}

/* Tell systemd the loop is alive, at most every half WatchdogSec.  Called
 * from every loop that waits, so a stuck loop is what stops the pings. */
static void pipeline_watchdog(struct pipeline *p)
{
	int64_t now;

	if (!p->watchdog_ms)
		return;
	now = now_mono_ms();
	if (now - p->watchdog_last >= p->watchdog_ms) {
		sd_notify(0, "WATCHDOG=1");
		p->watchdog_last = now;
	}
}

/* Serve delivery reports for up to timeout_ms, then settle and store. */
static void pipeline_serve(struct pipeline *p, int timeout_ms)
{
	pipeline_watchdog(p);
	metrics_loop_progress();
	metrics_gauge_set(METRICS_IN_FLIGHT_ARTICLES, (int64_t)p->in_flight);
	rd_kafka_poll(p->producer, timeout_ms);
	pipeline_settle(p);
	pipeline_store_offsets(p);
}

/* --- librdkafka callbacks */

/* A header's value as a NUL-terminated string in buf ("" when absent). */
static const char *header_value(const rd_kafka_message_t *m, const char *name, char *buf, size_t len)
{
	rd_kafka_headers_t *hdrs;
	const void *val;
	size_t size;

	buf[0] = '\0';
	if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR &&
	    rd_kafka_header_get_last(hdrs, name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR && val) {
		if (size >= len)
			size = len - 1;
		memcpy(buf, val, size);
		buf[size] = '\0';
	}
	return buf;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct pipeline *p = opaque;
	struct slot *s = m->_private;
	int is_dlq = strcmp(msg_topic(m), p->cfg->kafka.dlq_topic) == 0;
	char label[METRICS_LABEL_MAX];

	if (!s)
		return;
	if (m->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || m->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) {
		s->failed = 1; /* an aborted transaction's record */
		s->last_err = m->err;
	} else if (m->err) {
		log_error("%s: delivery of %.*s failed: %s (input %s [%" PRId32 "] @ %" PRId64 ")",
		          msg_topic(m), (int)(m->key_len > 64 ? 64 : m->key_len),
		          m->key ? (const char *)m->key : "", rd_kafka_err2str(m->err),
		          s->msg ? msg_topic(s->msg) : "?", s->partition, s->offset);
		s->failed = 1;
		s->last_err = m->err;
		if (producer_err_is_fatal(rk, m->err) && !p->fatal) {
			log_error("kafka: %s: fatal producer error: %s: %s; exiting without committing "
			          "so that a restarted process redoes the article",
			          rd_kafka_name(rk), rd_kafka_err2name(m->err), rd_kafka_err2str(m->err));
			p->fatal = 1;
		}
	} else if (is_dlq) {
		p->stats.dead_letters++;
		metrics_family_add(METRICS_DEAD_LETTERS, header_value(m, "error-class", label, sizeof(label)),
		                   1);
	} else {
		int64_t ts = s->msg ? rd_kafka_message_timestamp(s->msg, NULL) : -1;

		p->stats.events++;
		metrics_family_add(METRICS_EVENTS_PRODUCED,
		                   header_value(m, "event-type", label, sizeof(label)), 1);
		if (ts >= 0)
			metrics_observe(METRICS_END_TO_END_LATENCY, (double)(now_real_ms() - ts) / 1000.0);
	}
	slot_unref(p, s);
}

static void on_error(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
	struct pipeline *p = opaque;
	char fatal[512];

	if (err == RD_KAFKA_RESP_ERR__FATAL) {
		rd_kafka_fatal_error(rk, fatal, sizeof(fatal));
		log_error("kafka: %s: fatal error: %s", rd_kafka_name(rk), fatal);
		p->fatal = 1;
		return;
	}
	log_warning("kafka: %s: %s: %s", rd_kafka_name(rk), rd_kafka_err2name(err), reason);
}

/* The value of "join_state" in the statistics' "cgrp" object (STATISTICS.md)
 * is "steady" (1), something else (0), or absent (-1).  The value goes to
 * state (NUL-terminated, cut to statelen). */
static int stats_join_steady(const char *json, size_t len, char *state, size_t statelen)
{
	static const char key[] = "\"join_state\"";
	const char *end = json + len, *at;
	size_t n = 0;

	at = memmem(json, len, "\"cgrp\"", 6);
	if (!at)
		return -1;
	at = memmem(at, (size_t)(end - at), key, sizeof(key) - 1);
	if (!at)
		return -1;
	at += sizeof(key) - 1;
	while (at < end && (*at == ' ' || *at == ':'))
		at++;
	if (at < end && *at == '"')
		for (const char *v = at + 1; v < end && *v != '"' && n + 1 < statelen; v++)
			state[n++] = *v;
	state[n] = '\0';
	return strcmp(state, "steady") == 0;
}

static int on_stats(rd_kafka_t *rk, char *json, size_t len, void *opaque)
{
	struct pipeline *p = opaque;
	char err[256];
	int steady = stats_join_steady(json, len, p->join_state, sizeof(p->join_state));

	if (steady >= 0) {
		p->group_steady = steady;
		p->stats_reports++;
	}
	if (metrics_lag_from_stats(json, p->cfg->kafka.input_topic, err, sizeof(err)) < 0)
		log_debug("statistics: %s", err);
	return 0; /* librdkafka frees json */
}

static int partition_in(const rd_kafka_topic_partition_list_t *parts, const char *topic, int32_t partition)
{
	for (int i = 0; i < parts->cnt; i++)
		if (parts->elems[i].partition == partition && strcmp(parts->elems[i].topic, topic) == 0)
			return 1;
	return 0;
}

/* --- exactly-once: transactions */

/* What to do after a transactional call: 0 done, 1 retry, 2 abort the
 * transaction, -1 fatal (logged). */
static int txn_check(struct pipeline *p, const char *what, rd_kafka_error_t *error)
{
	int r;

	if (!error)
		return 0;
	if (rd_kafka_error_is_fatal(error)) {
		log_error("kafka: transaction: %s: fatal error: %s; exiting without committing", what,
		          rd_kafka_error_string(error));
		p->fatal = 1;
		r = -1;
	} else if (rd_kafka_error_txn_requires_abort(error)) {
		log_warning("kafka: transaction: %s: %s; aborting it", what, rd_kafka_error_string(error));
		r = 2;
	} else if (rd_kafka_error_is_retriable(error)) {
		log_warning("kafka: transaction: %s: %s; retrying", what, rd_kafka_error_string(error));
		r = 1;
	} else {
		log_warning("kafka: transaction: %s: %s; aborting it", what, rd_kafka_error_string(error));
		r = 2;
	}
	rd_kafka_error_destroy(error);
	return r;
}

static int txn_left_ms(int64_t deadline)
{
	int64_t left = deadline - now_mono_ms();
	return left > 0 ? (int)left : 0;
}

/* Open a transaction for the next article if none is open.  0, or -1 after
 * a fatal error. */
static int pipeline_txn_begin(struct pipeline *p)
{
	if (!p->eos || p->txn_open)
		return 0;
	if (txn_check(p, "begin", rd_kafka_begin_transaction(p->producer)) != 0) {
		p->fatal = 1;
		return -1;
	}
	p->txn_open = 1;
	p->txn_abort = 0;
	p->txn_articles = 0;
	p->txn_started = now_mono_ms();
	return 0;
}

/* Seek every assigned input partition not in skip back to the group's last
 * committed offset and forget what the tracker knew of it.  0, or -1 after
 * a fatal error. */
static int pipeline_rewind_committed(struct pipeline *p, const rd_kafka_topic_partition_list_t *skip)
{
	rd_kafka_topic_partition_list_t *parts = NULL, *list;
	rd_kafka_resp_err_t err;
	rd_kafka_error_t *error;
	int rc = 0;

	if (rd_kafka_assignment(p->consumer, &parts) != RD_KAFKA_RESP_ERR_NO_ERROR || !parts)
		return 0;
	list = rd_kafka_topic_partition_list_new(parts->cnt > 0 ? parts->cnt : 1);
	for (int i = 0; i < parts->cnt; i++) {
		const rd_kafka_topic_partition_t *tp = &parts->elems[i];
		if (strcmp(tp->topic, p->cfg->kafka.input_topic) != 0)
			continue;
		if (skip && partition_in(skip, tp->topic, tp->partition))
			continue;
		rd_kafka_topic_partition_list_add(list, tp->topic, tp->partition);
	}
	rd_kafka_topic_partition_list_destroy(parts);
	if (list->cnt == 0)
		goto out;
	err = rd_kafka_committed(p->consumer, list, PIPELINE_TXN_TIMEOUT_MS);
	if (err) {
		log_error("%s: cannot read the committed offsets to rewind to: %s; stopping so that "
		          "nothing is skipped",
		          p->cfg->kafka.input_topic, rd_kafka_err2str(err));
		p->fatal = 1;
		rc = -1;
		goto out;
	}
	for (int i = 0; i < list->cnt; i++) {
		rd_kafka_topic_partition_t *tp = &list->elems[i];
		/* Nothing committed yet: the start, as auto.offset.reset=earliest. */
		if (tp->offset < 0)
			tp->offset = RD_KAFKA_OFFSET_BEGINNING;
		tp->err = RD_KAFKA_RESP_ERR_NO_ERROR;
		offsets_reset(p->offsets, tp->partition);
	}
	error = rd_kafka_seek_partitions(p->consumer, list, PIPELINE_TXN_TIMEOUT_MS);
	if (error) {
		log_error("%s: rewind failed: %s; stopping so that nothing is skipped",
		          p->cfg->kafka.input_topic, rd_kafka_error_string(error));
		rd_kafka_error_destroy(error);
		p->fatal = 1;
		rc = -1;
		goto out;
	}
	for (int i = 0; i < list->cnt; i++) {
		if (list->elems[i].err) {
			log_error("%s [%" PRId32 "]: rewind failed: %s; stopping so that nothing is skipped",
			          p->cfg->kafka.input_topic, list->elems[i].partition,
			          rd_kafka_err2str(list->elems[i].err));
			p->fatal = 1;
			rc = -1;
		} else {
			log_info("%s [%" PRId32 "]: rewound to %" PRId64 " (last committed)",
			         p->cfg->kafka.input_topic, list->elems[i].partition, list->elems[i].offset);
		}
	}
out:
	rd_kafka_topic_partition_list_destroy(list);
	return rc;
}

/* Abort the open transaction (its records are purged, or left invisible to
 * read_committed readers) and rewind the input to the last committed
 * offsets, so every article of it is consumed and produced again.  Partitions
 * in skip are being given up: not rewound.  0, or -1 after a fatal error. */
static int pipeline_txn_abort(struct pipeline *p, const rd_kafka_topic_partition_list_t *skip)
{
	int64_t deadline = now_mono_ms() + PIPELINE_TXN_TIMEOUT_MS;
	int r;

	if (!p->eos || !p->txn_open)
		return 0;
	log_warning("transaction of %zu article(s) aborted; rewinding %s to the last committed offsets",
	            p->txn_articles, p->cfg->kafka.input_topic);
	while ((r = txn_check(p, "abort", rd_kafka_abort_transaction(p->producer, txn_left_ms(deadline)))) ==
	           1 &&
	       now_mono_ms() < deadline)
		;
	if (r != 0) {
		if (!p->fatal)
			log_error("kafka: transaction: abort did not complete; stopping");
		p->fatal = 1;
		return -1;
	}
	p->stats.aborted_transactions++;
	/* The purged records' delivery reports release their slots. */
	while (p->in_flight > 0 && now_mono_ms() < deadline) {
		rd_kafka_poll(p->producer, 10);
		pipeline_settle(p);
	}
	if (p->in_flight > 0) {
		log_error("transaction: %zu article(s) still in flight after the abort; stopping",
		          p->in_flight);
		p->fatal = 1;
		return -1;
	}
	p->txn_open = 0;
	p->txn_abort = 0;
	p->txn_articles = 0;
	return pipeline_rewind_committed(p, skip);
}

/* Commit the open transaction: wait for every record of it, send the input
 * offsets it covers with the group's metadata, commit.  On an abortable
 * error, abort and rewind instead (skip: as for pipeline_txn_abort()).
 * 0 committed (or nothing open), 1 aborted and rewound, -1 fatal. */
static int pipeline_txn_commit(struct pipeline *p, const rd_kafka_topic_partition_list_t *skip)
{
	int64_t deadline = now_mono_ms() + PIPELINE_TXN_TIMEOUT_MS;
	rd_kafka_topic_partition_list_t *list = NULL;
	int32_t n = offsets_partition_count(p->offsets);
	int r = 0;

	if (!p->eos || !p->txn_open)
		return 0;
	/* Every record delivered and every slot settled, so the offsets below
	 * cover exactly what this transaction holds. */
	while (p->in_flight > 0 && !p->fatal && now_mono_ms() < deadline) {
		rd_kafka_flush(p->producer, 20);
		pipeline_settle(p);
	}
	if (p->fatal)
		return -1;
	if (p->txn_abort || p->in_flight > 0) {
		if (p->in_flight > 0)
			log_warning("transaction: %zu article(s) not delivered within %d ms", p->in_flight,
			            PIPELINE_TXN_TIMEOUT_MS);
		goto abort;
	}
	for (int32_t i = 0; i < n; i++) {
		if (!offsets_dirty(p->offsets, i))
			continue;
		if (!list)
			list = rd_kafka_topic_partition_list_new(8);
		rd_kafka_topic_partition_list_add(list, p->cfg->kafka.input_topic, i)->offset =
		    offsets_committable(p->offsets, i);
	}
	if (list) {
		rd_kafka_consumer_group_metadata_t *cgmd = rd_kafka_consumer_group_metadata(p->consumer);
		do {
			r = txn_check(p, "send offsets",
			              rd_kafka_send_offsets_to_transaction(p->producer, list, cgmd,
			                                                   txn_left_ms(deadline)));
		} while (r == 1 && now_mono_ms() < deadline);
		rd_kafka_consumer_group_metadata_destroy(cgmd);
		if (r != 0)
			goto fail;
	}
	do {
		r = txn_check(p, "commit", rd_kafka_commit_transaction(p->producer, txn_left_ms(deadline)));
	} while (r == 1 && now_mono_ms() < deadline);
	if (r != 0)
		goto fail;
	for (int i = 0; list && i < list->cnt; i++) {
		offsets_mark_clean(p->offsets, list->elems[i].partition);
		log_debug("transaction: %s [%" PRId32 "] committed up to %" PRId64, list->elems[i].topic,
		          list->elems[i].partition, list->elems[i].offset);
	}
	log_debug("transaction of %zu article(s) committed", p->txn_articles);
	p->stats.transactions++;
	p->txn_open = 0;
	p->txn_articles = 0;
	if (list)
		rd_kafka_topic_partition_list_destroy(list);
	return 0;
fail:
	if (list)
		rd_kafka_topic_partition_list_destroy(list);
	if (r < 0)
		return -1;
abort:
	return pipeline_txn_abort(p, skip) < 0 ? -1 : 1;
}

static size_t in_flight_of(const struct pipeline *p, const rd_kafka_topic_partition_list_t *parts)
{
	size_t n = 0;
	for (int i = 0; i < parts->cnt; i++)
		if (strcmp(parts->elems[i].topic, p->cfg->kafka.input_topic) == 0)
			n += offsets_in_flight(p->offsets, parts->elems[i].partition);
	return n;
}

/* Partitions are going away: finish (bounded) what is in flight for them,
 * commit what was delivered, forget the rest (another member redoes it). */
static void on_revoke(struct pipeline *p, rd_kafka_t *rk, rd_kafka_topic_partition_list_t *parts, int lost)
{
	int64_t deadline = now_mono_ms() + (lost ? 0 : p->revoke_wait_ms);
	size_t left;

	if (p->eos) {
		/* The open transaction holds the revoked partitions' work and their
		 * offsets: commit it now (or, when the partitions are already lost
		 * and the commit would be fenced, abort it); other partitions are
		 * rewound on an abort, the revoked ones are the next owner's. */
		if (lost)
			pipeline_txn_abort(p, parts);
		else
			pipeline_txn_commit(p, parts);
		deadline = 0;
	}
	while ((left = in_flight_of(p, parts)) > 0 && now_mono_ms() < deadline)
		pipeline_serve(p, 20);
	pipeline_serve(p, 0);
	if (!lost && !p->eos) {
		rd_kafka_resp_err_t err = rd_kafka_commit(rk, NULL, 0);
		if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET)
			log_warning("%s: commit on revocation failed: %s", p->cfg->kafka.input_topic,
			            rd_kafka_err2str(err));
		else if (p->stopping && p->in_flight == 0 && !p->final_committed) {
			p->final_committed = 1;
			log_info("%s: final commit %s on revocation", p->cfg->kafka.input_topic,
			         err ? "had nothing new" : "done");
		}
	}
	left = in_flight_of(p, parts);
	if (left > 0)
		log_warning("%s: giving up %zu in-flight article(s) of %d %s partition(s); the next owner "
		            "redoes them",
		            p->cfg->kafka.input_topic, left, parts->cnt, lost ? "lost" : "revoked");
	for (size_t i = 0; i < p->n_slots; i++) {
		struct slot *s = &p->slots[i];
		if (s->msg && partition_in(parts, msg_topic(s->msg), s->partition))
			s->abandoned = 1;
	}
	for (int i = 0; i < parts->cnt; i++)
		if (strcmp(parts->elems[i].topic, p->cfg->kafka.input_topic) == 0)
			offsets_reset(p->offsets, parts->elems[i].partition);
}

static void log_partitions(const char *what, const rd_kafka_topic_partition_list_t *parts)
{
	char buf[512];
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < parts->cnt && used < sizeof(buf) - 1; i++) {
		int n = snprintf(buf + used, sizeof(buf) - used, "%s%s[%" PRId32 "]", i ? " " : "",
		                 parts->elems[i].topic, parts->elems[i].partition);
		if (n < 0)
			break;
		used += (size_t)n < sizeof(buf) - used ? (size_t)n : sizeof(buf) - used - 1;
	}
	log_info("rebalance: %s %d partition(s): %s", what, parts->cnt, buf);
}

/* /readyz: ready while this member owns partitions to work on. */
static void pipeline_update_ready(struct pipeline *p, rd_kafka_t *rk)
{
	rd_kafka_topic_partition_list_t *parts = NULL;
	int n = 0;

	if (rd_kafka_assignment(rk, &parts) == RD_KAFKA_RESP_ERR_NO_ERROR && parts) {
		n = parts->cnt;
		rd_kafka_topic_partition_list_destroy(parts);
	}
	metrics_set_ready(n > 0 && !p->stopping);
}

/* Shutdown, at-least-once: inside a rebalance callback this member has just
 * completed a round, so no JoinGroup of its own is pending and the commit
 * carries the current generation: the safest moment for the final commit,
 * which pipeline_commit_final() then need not send.  Only once nothing is
 * in flight, so that nothing is stored after it. */
static void pipeline_commit_in_rebalance(struct pipeline *p, rd_kafka_t *rk)
{
	rd_kafka_resp_err_t err;

	if (!p->stopping || p->eos || p->in_flight > 0 || p->final_committed)
		return;
	err = rd_kafka_commit(rk, NULL, 0);
	if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET) {
		p->final_committed = 1;
		log_info("%s: final commit %s in the rebalance callback", p->cfg->kafka.input_topic,
		         err ? "had nothing new" : "done");
	} else {
		log_info("%s: final commit in the rebalance callback refused: %s", p->cfg->kafka.input_topic,
		         rd_kafka_err2str(err));
	}
}

static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *parts,
                         void *opaque)
{
	struct pipeline *p = opaque;
	int cooperative = strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
	rd_kafka_error_t *error = NULL;
	rd_kafka_resp_err_t aerr = RD_KAFKA_RESP_ERR_NO_ERROR;

	p->stats.rebalances++;
	metrics_counter_add(METRICS_REBALANCES, 1);
	if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
		p->assigned_once = 1;
		log_partitions("assigned", parts);
		for (int i = 0; i < parts->cnt; i++)
			if (strcmp(parts->elems[i].topic, p->cfg->kafka.input_topic) == 0)
				offsets_reset(p->offsets, parts->elems[i].partition);
		if (cooperative)
			error = rd_kafka_incremental_assign(rk, parts);
		else
			aerr = rd_kafka_assign(rk, parts);
		if (p->paused || p->stopping)
			rd_kafka_pause_partitions(rk, parts);
		pipeline_commit_in_rebalance(p, rk);
	} else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
		int lost = rd_kafka_assignment_lost(rk);
		log_partitions(lost ? "lost" : "revoked", parts);
		if (lost)
			p->lost_revocations++;
		on_revoke(p, rk, parts, lost);
		if (cooperative)
			error = rd_kafka_incremental_unassign(rk, parts);
		else
			aerr = rd_kafka_assign(rk, NULL);
	} else {
		log_error("rebalance: %s", rd_kafka_err2str(err));
		if (cooperative)
			error = rd_kafka_incremental_unassign(rk, parts);
		else
			aerr = rd_kafka_assign(rk, NULL);
	}
	if (error) {
		log_error("rebalance: %s", rd_kafka_error_string(error));
		rd_kafka_error_destroy(error);
	} else if (aerr) {
		log_error("rebalance: %s", rd_kafka_err2str(aerr));
	}
	pipeline_update_ready(p, rk);
}

/* --- back-pressure */

static void pipeline_set_paused(struct pipeline *p, int pause)
{
	rd_kafka_topic_partition_list_t *parts = NULL;

	if (p->paused == pause)
		return;
	if (rd_kafka_assignment(p->consumer, &parts) == RD_KAFKA_RESP_ERR_NO_ERROR && parts) {
		if (pause)
			rd_kafka_pause_partitions(p->consumer, parts);
		else
			rd_kafka_resume_partitions(p->consumer, parts);
		rd_kafka_topic_partition_list_destroy(parts);
	}
	p->paused = pause;
	log_debug("%s consumption (%zu articles in flight, %d queued for delivery)",
	          pause ? "pausing" : "resuming", p->in_flight, rd_kafka_outq_len(p->producer));
}

static void pipeline_backpressure(struct pipeline *p)
{
	size_t outq = (size_t)rd_kafka_outq_len(p->producer);
	size_t per_article = EXTRACT_MAX_EVENTS + 1;

	size_t window = offsets_max_in_flight(p->offsets), cap = offsets_capacity(p->offsets);

	/* At most one message arrives per consumer poll, so pausing when a bound
	 * is reached (not passed) keeps room for it. */
	if (!p->paused) {
		if (p->in_flight >= p->n_slots || window >= cap || outq + per_article >= p->queue_max)
			pipeline_set_paused(p, 1);
	} else if (!p->stopping) {
		/* Hysteresis: resume at three quarters, not at the first free slot. */
		if (p->in_flight <= p->n_slots - (p->n_slots + 3) / 4 && window <= cap - (cap + 3) / 4 &&
		    outq + per_article < p->queue_max / 2)
			pipeline_set_paused(p, 0);
	}
}

/* --- one article */

static void article_reject(struct pipeline *p, struct slot *s, const char *stage, const char *err_class,
                           const char *err_msg)
{
	if (dlq_send(p, s, stage, err_class, err_msg, 0) < 0)
		p->fatal = 1;
}

/* Encode and produce the events; on any failure before the first produce,
 * reject the article instead.  Called with the slot's producing reference. */
static void article_produce(struct pipeline *p, struct slot *s, const struct article *a,
                            const struct conflict_event *evs, int n)
{
	void *bufs[EXTRACT_MAX_EVENTS];
	size_t lens[EXTRACT_MAX_EVENTS];
	char errbuf[512], part[16], off[24];
	const rd_kafka_message_t *m = s->msg;
	int64_t processed_at = now_real_ms();
	int confluent = p->cfg->output.framing == AVRO_FRAMING_CONFLUENT;
	const char *schema_hdr = confluent ? "schema-id" : "schema-fingerprint";
	const char *schema_val = confluent ? p->schema_id : p->fingerprint;
	int i;

	if (n > EXTRACT_MAX_EVENTS)
		n = EXTRACT_MAX_EVENTS;
	/* Encode everything first: an encoding failure rejects the whole article
	 * rather than leaving some of its events published. */
	for (i = 0; i < n; i++) {
		struct conflict_event ev = evs[i];

		event_strlcpy(ev.article_url, a->url ? a->url : "", sizeof(ev.article_url));
		event_strlcpy(ev.source_name, a->source ? a->source : "", sizeof(ev.source_name));
		ev.processed_at_ms = processed_at;
		event_set_provenance(&ev, msg_topic(m), m->partition, m->offset);
		if (avro_codec_encode(p->codec, &ev, p->cfg->output.framing, p->cfg->output.schema_id,
		                      &bufs[i], &lens[i], errbuf, sizeof(errbuf)) < 0) {
			for (int j = 0; j < i; j++)
				free(bufs[j]);
			article_reject(p, s, "encode", "avro", errbuf);
			return;
		}
	}

	snprintf(part, sizeof(part), "%" PRId32, m->partition);
	snprintf(off, sizeof(off), "%" PRId64, m->offset);
	for (i = 0; i < n; i++) {
		rd_kafka_resp_err_t err;
		int64_t deadline = now_mono_ms() + p->revoke_wait_ms;

		s->pending++;
		for (;;) {
			err = rd_kafka_producev(
			    p->producer, RD_KAFKA_V_TOPIC(p->cfg->kafka.output_topic),
			    RD_KAFKA_V_KEY(evs[i].event_id, strlen(evs[i].event_id)),
			    RD_KAFKA_V_VALUE(bufs[i], lens[i]), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_FREE),
			    RD_KAFKA_V_OPAQUE(s),
			    RD_KAFKA_V_HEADER("content-type", PIPELINE_CONTENT_TYPE, -1),
			    RD_KAFKA_V_HEADER("schema-name", avro_codec_schema_name(p->codec), -1),
			    RD_KAFKA_V_HEADER(schema_hdr, schema_val, -1),
			    RD_KAFKA_V_HEADER("extractor-version", CONFLICTD_EXTRACTOR_VERSION, -1),
			    RD_KAFKA_V_HEADER("event-type", event_type_name(evs[i].event_type), -1),
			    RD_KAFKA_V_HEADER("source-topic", msg_topic(m), -1),
			    RD_KAFKA_V_HEADER("source-partition", part, -1),
			    RD_KAFKA_V_HEADER("source-offset", off, -1), RD_KAFKA_V_END);
			if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || now_mono_ms() >= deadline)
				break;
			/* Full queue: serve delivery reports (which free room) and retry. */
			rd_kafka_poll(p->producer, 10);
		}
		if (err) {
			s->pending--;
			s->failed = 1;
			s->last_err = err;
			log_error("%s [%" PRId32 "] @ %" PRId64 ": cannot produce event %s: %s", msg_topic(m),
			          m->partition, m->offset, evs[i].event_id, rd_kafka_err2str(err));
			for (int j = i; j < n; j++)
				free(bufs[j]);
			return;
		}
	}
}

/* Put a message back: seek its partition to it, drop it, and pause until
 * there is room.  A fallback; back-pressure normally pauses first. */
static void pipeline_rewind(struct pipeline *p, rd_kafka_message_t *m, const char *why)
{
	rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
	rd_kafka_error_t *error;

	log_warning("%s [%" PRId32 "] @ %" PRId64 ": no room to track it (%s); seeking back to it",
	            msg_topic(m), m->partition, m->offset, why);
	rd_kafka_topic_partition_list_add(list, msg_topic(m), m->partition)->offset = m->offset;
	rd_kafka_message_destroy(m);
	pipeline_set_paused(p, 1);
	error = rd_kafka_seek_partitions(p->consumer, list, 5000);
	if (error) {
		log_error("seek failed: %s; stopping so that the offset is not skipped",
		          rd_kafka_error_string(error));
		rd_kafka_error_destroy(error);
		p->fatal = 1;
	} else {
		for (int i = 0; i < list->cnt; i++) {
			if (list->elems[i].err) {
				log_error("seek failed: %s; stopping so that the offset is not skipped",
				          rd_kafka_err2str(list->elems[i].err));
				p->fatal = 1;
			}
		}
	}
	rd_kafka_topic_partition_list_destroy(list);
}

static void pipeline_process(struct pipeline *p, rd_kafka_message_t *m)
{
	struct article a;
	struct article_origin origin;
	struct extract_article view;
	const struct conflict_event *evs;
	char errbuf[512];
	struct slot *s;
	struct timespec t0, t1;
	enum article_error aerr;
	int n, r;

	if (!p->free_list) {
		pipeline_rewind(p, m, "every slot in use");
		return;
	}
	r = offsets_begin(p->offsets, m->partition, m->offset);
	if (r == -EINVAL) {
		/* The offset went backwards (a seek or a reset): track afresh. */
		log_warning("%s [%" PRId32 "] @ %" PRId64
		            ": offset below the last one seen; restarting tracking",
		            msg_topic(m), m->partition, m->offset);
		offsets_reset(p->offsets, m->partition);
		r = offsets_begin(p->offsets, m->partition, m->offset);
	}
	if (r < 0) {
		/* Processing it untracked could let a later offset's commit skip it:
		 * leave it in the log instead and come back to it. */
		pipeline_rewind(p, m, strerror(-r));
		return;
	}
	if (pipeline_txn_begin(p) < 0) {
		rd_kafka_message_destroy(m); /* fatal: exits without committing */
		return;
	}
	p->txn_articles++;
	s = slot_take(p);
	s->msg = m;
	s->partition = m->partition;
	s->offset = m->offset;
	p->stats.consumed++;
	metrics_counter_add(METRICS_ARTICLES_CONSUMED, 1);

	s->pending = 1; /* the producing reference */
	origin.topic = msg_topic(m);
	origin.partition = m->partition;
	origin.offset = m->offset;
	origin.timestamp_ms = rd_kafka_message_timestamp(m, NULL);
	aerr = article_decode(&a, m->payload ? m->payload : "", m->len, &origin,
	                      p->cfg->extract.max_article_bytes, errbuf, sizeof(errbuf));
	if (aerr != ARTICLE_OK) {
		article_reject(p, s, "decode", article_error_name(aerr), errbuf);
		slot_unref(p, s);
		return;
	}
	article_view(&a, &view);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = extractor_run(p->ex, &view, &evs, errbuf, sizeof(errbuf));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	metrics_observe(METRICS_EXTRACT_DURATION,
	                (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (n < 0)
		article_reject(p, s, "extract", "internal", errbuf);
	else
		article_produce(p, s, &a, evs, n);
	log_debug("%s [%" PRId32 "] @ %" PRId64 ": article %s: %d record(s)", msg_topic(m), m->partition,
	          m->offset, a.id, n);
	article_free(&a);
	slot_unref(p, s);
}

/* --- lifecycle */

int pipeline_new(struct pipeline **out, const struct config *cfg, const char *bootstrap,
                 const struct extract_data *data, struct avro_codec *codec, char *errbuf, size_t errlen)
{
	struct pipeline *p;
	rd_kafka_conf_t *cconf = NULL, *pconf = NULL;
	rd_kafka_topic_partition_list_t *topics;
	struct extract_options opts;
	char rderr[512], qmax[32];
	size_t qlen = sizeof(qmax);
	rd_kafka_resp_err_t err;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(errbuf, errlen, "pipeline: out of memory");
		return -1;
	}
	p->cfg = cfg;
	p->data = data;
	p->codec = codec;
	p->eos = cfg->kafka.delivery == DELIVERY_EXACTLY_ONCE;
	p->n_slots = cfg->kafka.max_in_flight > 0 ? (size_t)cfg->kafka.max_in_flight : 1;
	p->revoke_wait_ms = cfg->kafka.shutdown_timeout_ms < PIPELINE_REVOKE_WAIT_MS
	                        ? cfg->kafka.shutdown_timeout_ms
	                        : PIPELINE_REVOKE_WAIT_MS;
	uint64_t wd_usec = 0;
	if (sd_watchdog_enabled(0, &wd_usec) > 0 && wd_usec > 0)
		p->watchdog_ms = (int64_t)(wd_usec / 2000) > 0 ? (int64_t)(wd_usec / 2000) : 1;
	snprintf(p->fingerprint, sizeof(p->fingerprint), "%016" PRIx64, avro_codec_fingerprint(codec));
	snprintf(p->schema_id, sizeof(p->schema_id), "%" PRId32, cfg->output.schema_id);

	p->slots = calloc(p->n_slots, sizeof(*p->slots));
	/* Twice the slots: a partition's window (oldest open offset to newest)
	 * may hold done offsets behind a slow one. */
	p->offsets = offsets_new(2 * p->n_slots);
	extract_options_default(&opts);
	opts.emit_tallies = cfg->extract.emit_tallies;
	opts.min_confidence = (float)cfg->extract.min_confidence;
	opts.max_events = cfg->extract.max_events > 0 ? (size_t)cfg->extract.max_events : 0;
	p->ex = extractor_new(data, &opts);
	if (!p->slots || !p->offsets || !p->ex) {
		snprintf(errbuf, errlen, "pipeline: out of memory");
		goto err;
	}
	for (size_t i = p->n_slots; i-- > 0;) {
		p->slots[i].next = p->free_list;
		p->free_list = &p->slots[i];
	}

	/* The producer first: the consumer's rebalance callback may use it. */
	pconf = kafka_producer_conf(cfg, bootstrap, errbuf, errlen);
	if (!pconf)
		goto err;
	rd_kafka_conf_set_opaque(pconf, p);
	rd_kafka_conf_set_dr_msg_cb(pconf, on_delivery);
	rd_kafka_conf_set_error_cb(pconf, on_error);
	if (rd_kafka_conf_get(pconf, "queue.buffering.max.messages", qmax, &qlen) == RD_KAFKA_CONF_OK)
		p->queue_max = (size_t)strtoull(qmax, NULL, 10);
	if (p->queue_max < 2 * (EXTRACT_MAX_EVENTS + 1))
		p->queue_max = 2 * (EXTRACT_MAX_EVENTS + 1);
	p->producer = rd_kafka_new(RD_KAFKA_PRODUCER, pconf, rderr, sizeof(rderr));
	if (!p->producer) {
		snprintf(errbuf, errlen, "kafka producer: %s", rderr);
		goto err;
	}
	pconf = NULL;
	if (p->eos) {
		/* Registers transactional.id, fencing an older producer with it. */
		rd_kafka_error_t *error = rd_kafka_init_transactions(p->producer, PIPELINE_TXN_TIMEOUT_MS);
		if (error) {
			snprintf(errbuf, errlen, "kafka producer: init_transactions: %s%s",
			         rd_kafka_error_string(error),
			         rd_kafka_error_is_fatal(error) ? " (fatal)" : "");
			rd_kafka_error_destroy(error);
			goto err;
		}
	}

	cconf = kafka_consumer_conf(cfg, bootstrap, errbuf, errlen);
	if (!cconf)
		goto err;
	qlen = sizeof(qmax);
	if (rd_kafka_conf_get(cconf, "statistics.interval.ms", qmax, &qlen) == RD_KAFKA_CONF_OK)
		p->stats_interval_ms = atoi(qmax);
	rd_kafka_conf_set_opaque(cconf, p);
	rd_kafka_conf_set_rebalance_cb(cconf, on_rebalance);
	rd_kafka_conf_set_stats_cb(cconf, on_stats);
	rd_kafka_conf_set_error_cb(cconf, on_error);
	p->consumer = rd_kafka_new(RD_KAFKA_CONSUMER, cconf, rderr, sizeof(rderr));
	if (!p->consumer) {
		snprintf(errbuf, errlen, "kafka consumer: %s", rderr);
		goto err;
	}
	cconf = NULL;
	rd_kafka_poll_set_consumer(p->consumer);

	topics = rd_kafka_topic_partition_list_new(1);
	rd_kafka_topic_partition_list_add(topics, cfg->kafka.input_topic, RD_KAFKA_PARTITION_UA);
	err = rd_kafka_subscribe(p->consumer, topics);
	rd_kafka_topic_partition_list_destroy(topics);
	if (err) {
		snprintf(errbuf, errlen, "kafka: cannot subscribe to %s: %s", cfg->kafka.input_topic,
		         rd_kafka_err2str(err));
		goto err;
	}
	char txn_id[512] = "";
	size_t txn_len = sizeof(txn_id);
	if (p->eos && rd_kafka_conf_get(rd_kafka_conf(p->producer), "transactional.id", txn_id, &txn_len) !=
	                  RD_KAFKA_CONF_OK)
		txn_id[0] = '\0';
	log_info(
	    "consuming %s as group %s (client %s), producing to %s (dead letters to %s), %zu articles in "
	    "flight at most, %s%s",
	    cfg->kafka.input_topic, cfg->kafka.group_id,
	    cfg->kafka.client_id ? cfg->kafka.client_id : "conflictd", cfg->kafka.output_topic,
	    cfg->kafka.dlq_topic, p->n_slots,
	    p->eos ? "exactly-once (transactions), transactional.id " : "at-least-once", txn_id);
	*out = p;
	return 0;
err:
	if (pconf)
		rd_kafka_conf_destroy(pconf);
	if (cconf)
		rd_kafka_conf_destroy(cconf);
	pipeline_free(p);
	return -1;
}

/* sd_notify STATUS= every 10 s: rate, lag, in flight, dead letters. */
static void pipeline_status(struct pipeline *p)
{
	char line[256], msg[300];
	int64_t now = now_mono_ms();

	if (now - p->status_last < 10000)
		return;
	p->status_last = now;
	metrics_status_line(line, sizeof(line));
	snprintf(msg, sizeof(msg), "STATUS=%s", line);
	sd_notify(0, msg);
}

int pipeline_run(struct pipeline *p, volatile sig_atomic_t *stop)
{
	while (!*stop && !p->fatal) {
		rd_kafka_message_t *m;

		pipeline_serve(p, 0);
		pipeline_backpressure(p);
		m = rd_kafka_consumer_poll(p->consumer, p->paused ? 10 : 100);
		if (m) {
			if (!m->err) {
				pipeline_process(p, m);
			} else {
				if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
					log_warning("%s [%" PRId32 "]: consume error: %s", msg_topic(m),
					            m->partition, rd_kafka_message_errstr(m));
				rd_kafka_message_destroy(m);
			}
		}
		if (p->paused)
			pipeline_serve(p, 10);
		if (p->eos && p->txn_open &&
		    (p->txn_abort || p->txn_articles >= p->n_slots ||
		     now_mono_ms() - p->txn_started >= PIPELINE_TXN_MAX_MS))
			pipeline_txn_commit(p, NULL);
		pipeline_status(p);
	}
	if (p->fatal) {
		log_error("stopping after a fatal error");
		return -1;
	}
	return 0;
}

/* A commit refused because the group is rebalancing: REBALANCE_IN_PROGRESS
 * while it syncs, or ILLEGAL_GENERATION when the request waited at the
 * coordinator behind this member's own pending JoinGroup and so carried
 * the generation that join ended (KAFKA-8421). */
static int commit_err_is_rebalance(rd_kafka_resp_err_t err)
{
	return err == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS || err == RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION;
}

/* Serve the consumer (its partitions are paused; anything it still returns
 * is left uncommitted) until a statistics report newer than this call shows
 * the group steady, i.e. no JoinGroup or SyncGroup of this member pending.
 * 1 steady, 2 the final commit was made meanwhile by a rebalance callback
 * (pipeline_commit_in_rebalance()), 0 not known (statistics off, too rare,
 * or silent for two intervals), -1 deadline or a fatal error. */
static int pipeline_wait_steady(struct pipeline *p, int64_t deadline)
{
	unsigned long long seen = p->stats_reports;
	int64_t silent_until = now_mono_ms() + 2 * (int64_t)p->stats_interval_ms + 100;

	if (p->final_committed)
		return 2;
	if (p->stats_interval_ms <= 0 || p->stats_interval_ms > PIPELINE_STEADY_STATS_MAX_MS)
		return 0;
	while (!p->fatal && now_mono_ms() < deadline) {
		rd_kafka_message_t *m;

		if (p->final_committed)
			return 2;
		if (p->stats_reports != seen) {
			if (p->group_steady)
				return 1;
			log_debug("%s: group join state %s: waiting for it to be steady",
			          p->cfg->kafka.group_id ? p->cfg->kafka.group_id : "conflictd",
			          p->join_state);
			seen = p->stats_reports;
			silent_until = now_mono_ms() + 2 * (int64_t)p->stats_interval_ms + 100;
		} else if (now_mono_ms() >= silent_until) {
			return 0;
		}
		m = rd_kafka_consumer_poll(p->consumer, 20);
		if (m)
			rd_kafka_message_destroy(m);
		pipeline_serve(p, 0);
	}
	return -1;
}

/* The last commit before leaving the group, of everything delivered.
 *
 * librdkafka 2.0.2 sends a manual commit whatever the group's state.  Sent
 * while this member's JoinGroup waits at the coordinator (a rebalance has
 * begun: another member joined or left, or this one rejoins after giving
 * partitions away), it is answered only after the join, with
 * ILLEGAL_GENERATION, and librdkafka then treats the whole assignment as lost
 * (librdkafka issue #4059, fixed upstream by PR #4908): the delivered offsets are
 * never committed and the next owners redo them, duplicates on a graceful
 * leave.  The Java client refuses such a commit locally and lets the
 * application retry after the rebalance; here the same is done with the
 * join state librdkafka reports in its statistics: wait for a fresh report
 * that says "steady", commit, and on a rebalance refusal wait and retry,
 * all until deadline.  A partition a rebalance takes away meanwhile is
 * committed by on_revoke().  0 committed (or nothing to commit), -1 not
 * (logged). */
static int pipeline_commit_final(struct pipeline *p, int64_t deadline)
{
	rd_kafka_resp_err_t err;
	int attempts = 0;
	int64_t t0 = now_mono_ms();
	unsigned long long lost = p->lost_revocations;

	for (;;) {
		int steady = pipeline_wait_steady(p, deadline);

		if (steady < 0 && p->fatal)
			return -1;
		if (steady == 2)
			return 0; /* logged by pipeline_commit_in_rebalance() or on_revoke() */
		err = rd_kafka_commit(p->consumer, NULL, 0);
		attempts++;
		if (p->lost_revocations != lost) {
			/* A refused commit made librdkafka drop the assignment, and its
			 * stored offsets with it: nothing left to retry. */
			log_error("%s: the assignment was lost during the final commit; the next owner "
			          "redoes what was delivered since the last commit",
			          p->cfg->kafka.input_topic);
			return -1;
		}
		if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET) {
			p->final_committed = 1;
			log_info("%s: final commit %s after %lld ms (group %s, attempt %d)",
			         p->cfg->kafka.input_topic, err ? "had nothing new" : "done",
			         (long long)(now_mono_ms() - t0),
			         steady > 0    ? "steady"
			         : steady == 0 ? "state unknown"
			                       : "still rebalancing",
			         attempts);
			return 0;
		}
		if (!commit_err_is_rebalance(err) || p->fatal || now_mono_ms() >= deadline)
			break;
		log_info("%s: final commit refused (%s): waiting for the group's rebalance to end",
		         p->cfg->kafka.input_topic, rd_kafka_err2str(err));
	}
	log_error("%s: final commit failed after %d attempt(s): %s; the next owner redoes what was "
	          "delivered since the last commit",
	          p->cfg->kafka.input_topic, attempts, rd_kafka_err2str(err));
	return -1;
}

int pipeline_shutdown(struct pipeline *p)
{
	int64_t start = now_mono_ms(), deadline = start + p->cfg->kafka.shutdown_timeout_ms, settle;
	rd_kafka_resp_err_t err;
	size_t total = p->in_flight;
	int ok = 1;

	p->stopping = 1;
	metrics_set_ready(false);
	pipeline_set_paused(p, 1);
	log_info("shutting down: %zu article(s) in flight, waiting up to %d ms", total,
	         p->cfg->kafka.shutdown_timeout_ms);
	while (p->in_flight > 0 && !p->fatal && now_mono_ms() < deadline) {
		/* Keep the group session served; paused partitions yield nothing, and
		 * anything that slips through is left uncommitted for redelivery. */
		rd_kafka_message_t *m = rd_kafka_consumer_poll(p->consumer, 0);
		if (m)
			rd_kafka_message_destroy(m);
		pipeline_serve(p, 20);
	}
	int64_t left = deadline - now_mono_ms();
	err = rd_kafka_flush(p->producer, left > 0 ? (int)left : 0);
	if (err)
		log_warning("producer flush: %s (%d message(s) left)", rd_kafka_err2str(err),
		            rd_kafka_outq_len(p->producer));
	pipeline_serve(p, 0);
	if (p->in_flight > 0) {
		log_warning("shutdown: %zu article(s) not fully delivered; their offsets are not committed",
		            p->in_flight);
		ok = 0;
	}
	/* librdkafka 2.0.2 aborts (assertion `assignor_state' in
	 * rdkafka_sticky_assignor.c, librdkafka issue #4312) when a cooperative-
	 * sticky consumer is closed after joining but before its first
	 * assignment: let that assignment arrive first (its partitions are
	 * paused), within the same shutdown bound. */
	while (!p->assigned_once && !p->fatal && now_mono_ms() < deadline) {
		rd_kafka_message_t *m = rd_kafka_consumer_poll(p->consumer, 50);
		if (m)
			rd_kafka_message_destroy(m);
		pipeline_serve(p, 0);
	}
	if (!p->assigned_once)
		log_warning("shutdown: still waiting for the group's first assignment; closing anyway");
	/* Do not wait again for what will not finish. */
	p->revoke_wait_ms = 0;
	/* Waiting for the group to settle before the last commit may use the
	 * bound but its last quarter, kept for the commit and leaving. */
	settle = deadline - p->cfg->kafka.shutdown_timeout_ms / 4;
	if (!p->fatal && p->eos) {
		/* What was delivered is committed with its offsets, or, when the
		 * transaction aborts, consumed again by the next owner.  As for the
		 * at-least-once commit, not while a JoinGroup is pending: a broker
		 * checks the offsets' group generation (KIP-447). */
		pipeline_wait_steady(p, settle);
		if (pipeline_txn_commit(p, NULL) != 0)
			ok = 0;
	}
	if (!p->fatal) {
		if (!p->eos && pipeline_commit_final(p, settle) < 0)
			ok = 0;
		err = rd_kafka_consumer_close(p->consumer);
		if (err) {
			log_warning("consumer close: %s", rd_kafka_err2str(err));
			ok = 0;
		}
	}
	log_info(
	    "shut down in %lld ms: %llu article(s) consumed, %llu event(s) and %llu dead letter(s) delivered",
	    (long long)(now_mono_ms() - start), p->stats.consumed, p->stats.events, p->stats.dead_letters);
	return ok ? 0 : -1;
}

void pipeline_free(struct pipeline *p)
{
	if (!p)
		return;
	/* The producer may still reference consumed payloads (dead-letter copies
	 * are not duplicated): it goes first, then the messages, then the consumer. */
	if (p->producer) {
		rd_kafka_purge(p->producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
		rd_kafka_poll(p->producer, 0);
		rd_kafka_destroy(p->producer);
	}
	if (p->slots) {
		for (size_t i = 0; i < p->n_slots; i++)
			if (p->slots[i].msg)
				rd_kafka_message_destroy(p->slots[i].msg);
	}
	if (p->consumer)
		rd_kafka_destroy_flags(p->consumer, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
	extractor_free(p->ex);
	offsets_free(p->offsets);
	free(p->slots);
	free(p);
}

void pipeline_get_stats(const struct pipeline *p, struct pipeline_stats *st)
{
	*st = p->stats;
}

/* SIGHUP reload: a new extractor bound to data, with the options as they
 * are now in the (borrowed, possibly updated) configuration.  The pipeline is
 * single-threaded and no event outlives article_produce(), so swapping
 * between two calls of pipeline_run() is between articles.  On failure the
 * old extractor and data stay in use. */
int pipeline_swap_data(struct pipeline *p, const struct extract_data *data)
{
	struct extract_options opts;
	struct extractor *ex;

	if (!p || !data)
		return -1;
	extract_options_default(&opts);
	opts.emit_tallies = p->cfg->extract.emit_tallies;
	opts.min_confidence = (float)p->cfg->extract.min_confidence;
	opts.max_events = p->cfg->extract.max_events > 0 ? (size_t)p->cfg->extract.max_events : 0;
	ex = extractor_new(data, &opts);
	if (!ex)
		return -1;
	extractor_free(p->ex);
	p->ex = ex;
	p->data = data;
	return 0;
}
