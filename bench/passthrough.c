/*
 * passthrough.c - the transport ceiling for bench/e2e: conflictd with the
 * work taken out.
 *
 *   bench_passthrough -c CONFIG
 *
 * Reads the same configuration file as conflictd and builds its clients with
 * the same kafka_consumer_conf()/kafka_producer_conf() (cooperative-sticky
 * group consumer, offsets stored by the application, idempotent lz4
 * producer, and whatever kafka.consumer/kafka.producer pass-through the file
 * sets), then copies every input message to kafka.output_topic unchanged,
 * with conflictd's source-topic/source-partition/source-offset headers.  As
 * in the daemon, one thread polls both handles, at most kafka.max_in_flight
 * messages are in flight, the partitions are paused when that bound or the
 * producer queue is reached, and an input offset is stored only once its
 * copy is acknowledged, as a contiguous prefix (offsets.h).  What it leaves
 * out: decoding, extraction, Avro, the dead-letter topic, metrics, and
 * waiting for in-flight copies on revocation (the benchmark does not
 * rebalance mid-run).  The ratio conflictd / passthrough is therefore the
 * share of the transport's rate the daemon keeps while doing its work.
 *
 * Stops on SIGTERM or SIGINT: flushes, stores, commits synchronously, leaves
 * the group, and prints one line "passthrough: consumed=N produced=N
 * failed=N" on stdout.  Exit 0, 64 on bad arguments, 78 on a bad
 * configuration, 70 when a copy could not be delivered.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "kafka.h"
#include "log.h"
#include "offsets.h"

#define PASSTHROUGH_FLUSH_MS 30000

struct pt_slot {
	rd_kafka_message_t *msg; /* owned until its copy is acknowledged */
	int failed;
	int done;
	struct pt_slot *next; /* free list or done list */
};

struct passthrough {
	const struct config *cfg;
	rd_kafka_t *consumer, *producer;
	struct offsets *offsets;
	struct pt_slot *slots, *free_list, *done_head;
	size_t n_slots, in_flight, queue_max;
	int paused;
	unsigned long long consumed, produced, failed;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void pt_on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct passthrough *pt = opaque;
	struct pt_slot *s = m->_private;

	if (!s)
		return;
	if (m->err) {
		log_error("%s: delivery failed: %s", rd_kafka_topic_name(m->rkt), rd_kafka_err2str(m->err));
		s->failed = 1;
	}
	/* Settled by the main loop, never inside the callback. */
	s->next = pt->done_head;
	pt->done_head = s;
}

static void pt_on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *parts,
                            void *opaque)
{
	struct passthrough *pt = opaque;
	int cooperative = strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
	rd_kafka_error_t *error = NULL;

	if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
		for (int i = 0; i < parts->cnt; i++)
			offsets_reset(pt->offsets, parts->elems[i].partition);
		if (cooperative)
			error = rd_kafka_incremental_assign(rk, parts);
		else
			rd_kafka_assign(rk, parts);
		if (pt->paused)
			rd_kafka_pause_partitions(rk, parts);
		log_info("rebalance: assigned %d partition(s)", parts->cnt);
	} else {
		if (cooperative)
			error = rd_kafka_incremental_unassign(rk, parts);
		else
			rd_kafka_assign(rk, NULL);
	}
	if (error) {
		log_error("rebalance: %s", rd_kafka_error_string(error));
		rd_kafka_error_destroy(error);
	}
}

static void pt_set_paused(struct passthrough *pt, int pause)
{
	rd_kafka_topic_partition_list_t *parts = NULL;

	if (pt->paused == pause)
		return;
	if (rd_kafka_assignment(pt->consumer, &parts) == RD_KAFKA_RESP_ERR_NO_ERROR && parts) {
		if (pause)
			rd_kafka_pause_partitions(pt->consumer, parts);
		else
			rd_kafka_resume_partitions(pt->consumer, parts);
		rd_kafka_topic_partition_list_destroy(parts);
	}
	pt->paused = pause;
}

/* The daemon's rule: pause at a bound, resume at three quarters. */
static void pt_backpressure(struct passthrough *pt)
{
	size_t outq = (size_t)rd_kafka_outq_len(pt->producer);

	if (!pt->paused) {
		if (pt->in_flight >= pt->n_slots ||
		    offsets_max_in_flight(pt->offsets) >= offsets_capacity(pt->offsets) ||
		    outq + 1 >= pt->queue_max)
			pt_set_paused(pt, 1);
	} else if (pt->in_flight <= pt->n_slots - (pt->n_slots + 3) / 4 &&
	           offsets_max_in_flight(pt->offsets) <= offsets_capacity(pt->offsets) * 3 / 4 &&
	           outq < pt->queue_max / 2) {
		pt_set_paused(pt, 0);
	}
}

/* Serve delivery reports, release acknowledged slots, store what moved. */
static void pt_serve(struct passthrough *pt, int timeout_ms)
{
	rd_kafka_topic_partition_list_t *list = NULL;
	int32_t n;

	rd_kafka_poll(pt->producer, timeout_ms);
	while (pt->done_head) {
		struct pt_slot *s = pt->done_head;

		pt->done_head = s->next;
		if (s->failed) {
			pt->failed++;
		} else {
			pt->produced++;
			offsets_done(pt->offsets, s->msg->partition, s->msg->offset);
		}
		rd_kafka_message_destroy(s->msg);
		s->msg = NULL;
		s->next = pt->free_list;
		pt->free_list = s;
		pt->in_flight--;
	}
	n = offsets_partition_count(pt->offsets);
	for (int32_t i = 0; i < n; i++) {
		if (!offsets_dirty(pt->offsets, i))
			continue;
		if (!list)
			list = rd_kafka_topic_partition_list_new(8);
		rd_kafka_topic_partition_list_add(list, pt->cfg->kafka.input_topic, i)->offset =
		    offsets_committable(pt->offsets, i);
		offsets_mark_clean(pt->offsets, i);
	}
	if (list) {
		rd_kafka_offsets_store(pt->consumer, list);
		rd_kafka_topic_partition_list_destroy(list);
	}
}

/* Copy one input message; the slot keeps it until the copy is acknowledged. */
static void pt_copy(struct passthrough *pt, rd_kafka_message_t *m)
{
	struct pt_slot *s = pt->free_list;
	char part[16], off[24];
	rd_kafka_resp_err_t err;

	if (!s || offsets_begin(pt->offsets, m->partition, m->offset) < 0) {
		/* Back-pressure pauses before this can happen; counted, not hidden. */
		log_error("%s [%" PRId32 "] @ %" PRId64 ": no room to track it; dropped",
		          rd_kafka_topic_name(m->rkt), m->partition, m->offset);
		pt->failed++;
		rd_kafka_message_destroy(m);
		return;
	}
	pt->free_list = s->next;
	s->msg = m;
	s->failed = 0;
	s->next = NULL;
	pt->in_flight++;
	pt->consumed++;

	snprintf(part, sizeof(part), "%" PRId32, m->partition);
	snprintf(off, sizeof(off), "%" PRId64, m->offset);
	for (;;) {
		err = rd_kafka_producev(pt->producer, RD_KAFKA_V_TOPIC(pt->cfg->kafka.output_topic),
		                        RD_KAFKA_V_KEY(m->key, m->key_len),
		                        RD_KAFKA_V_VALUE(m->payload, m->len), RD_KAFKA_V_MSGFLAGS(0),
		                        RD_KAFKA_V_OPAQUE(s),
		                        RD_KAFKA_V_HEADER("source-topic", rd_kafka_topic_name(m->rkt), -1),
		                        RD_KAFKA_V_HEADER("source-partition", part, -1),
		                        RD_KAFKA_V_HEADER("source-offset", off, -1), RD_KAFKA_V_END);
		if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || stop)
			break;
		rd_kafka_poll(pt->producer, 10);
	}
	if (err) {
		log_error("%s [%" PRId32 "] @ %" PRId64 ": cannot produce: %s", rd_kafka_topic_name(m->rkt),
		          m->partition, m->offset, rd_kafka_err2str(err));
		s->failed = 1;
		s->next = pt->done_head;
		pt->done_head = s;
	}
}

static int pt_open(struct passthrough *pt, const struct config *cfg, char *errbuf, size_t errlen)
{
	rd_kafka_conf_t *conf;
	rd_kafka_topic_partition_list_t *topics;
	char rderr[512], qmax[32];
	size_t qlen = sizeof(qmax);
	rd_kafka_resp_err_t err;

	pt->cfg = cfg;
	pt->n_slots = cfg->kafka.max_in_flight > 0 ? (size_t)cfg->kafka.max_in_flight : 1;
	pt->slots = calloc(pt->n_slots, sizeof(*pt->slots));
	pt->offsets = offsets_new(2 * pt->n_slots);
	if (!pt->slots || !pt->offsets) {
		snprintf(errbuf, errlen, "passthrough: out of memory");
		return -1;
	}
	for (size_t i = pt->n_slots; i-- > 0;) {
		pt->slots[i].next = pt->free_list;
		pt->free_list = &pt->slots[i];
	}

	conf = kafka_producer_conf(cfg, cfg->kafka.brokers, errbuf, errlen);
	if (!conf)
		return -1;
	rd_kafka_conf_set_opaque(conf, pt);
	rd_kafka_conf_set_dr_msg_cb(conf, pt_on_delivery);
	pt->queue_max = 100000;
	if (rd_kafka_conf_get(conf, "queue.buffering.max.messages", qmax, &qlen) == RD_KAFKA_CONF_OK)
		pt->queue_max = (size_t)strtoull(qmax, NULL, 10);
	pt->producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, rderr, sizeof(rderr));
	if (!pt->producer) {
		snprintf(errbuf, errlen, "kafka producer: %s", rderr);
		return -1;
	}

	conf = kafka_consumer_conf(cfg, cfg->kafka.brokers, errbuf, errlen);
	if (!conf)
		return -1;
	rd_kafka_conf_set_opaque(conf, pt);
	rd_kafka_conf_set_rebalance_cb(conf, pt_on_rebalance);
	pt->consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, rderr, sizeof(rderr));
	if (!pt->consumer) {
		snprintf(errbuf, errlen, "kafka consumer: %s", rderr);
		return -1;
	}
	rd_kafka_poll_set_consumer(pt->consumer);
	topics = rd_kafka_topic_partition_list_new(1);
	rd_kafka_topic_partition_list_add(topics, cfg->kafka.input_topic, RD_KAFKA_PARTITION_UA);
	err = rd_kafka_subscribe(pt->consumer, topics);
	rd_kafka_topic_partition_list_destroy(topics);
	if (err) {
		snprintf(errbuf, errlen, "kafka: cannot subscribe to %s: %s", cfg->kafka.input_topic,
		         rd_kafka_err2str(err));
		return -1;
	}
	log_info("consuming %s as group %s, copying to %s, %zu messages in flight at most",
	         cfg->kafka.input_topic, cfg->kafka.group_id, cfg->kafka.output_topic, pt->n_slots);
	return 0;
}

static void pt_run(struct passthrough *pt)
{
	while (!stop) {
		rd_kafka_message_t *m;

		pt_serve(pt, 0);
		pt_backpressure(pt);
		m = rd_kafka_consumer_poll(pt->consumer, pt->paused ? 10 : 100);
		if (m) {
			if (!m->err)
				pt_copy(pt, m);
			else
				rd_kafka_message_destroy(m);
		}
		if (pt->paused)
			pt_serve(pt, 10);
	}
}

/* Flush, store, commit and leave, as the daemon does on SIGTERM. */
static void pt_close(struct passthrough *pt)
{
	rd_kafka_resp_err_t err;

	if (pt->producer) {
		rd_kafka_flush(pt->producer, PASSTHROUGH_FLUSH_MS);
		pt_serve(pt, 0);
	}
	if (pt->consumer) {
		err = rd_kafka_commit(pt->consumer, NULL, 0);
		if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET)
			log_warning("%s: final commit: %s", pt->cfg->kafka.input_topic,
			            rd_kafka_err2str(err));
		rd_kafka_consumer_close(pt->consumer);
	}
	if (pt->producer) {
		rd_kafka_purge(pt->producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
		rd_kafka_poll(pt->producer, 0);
		pt_serve(pt, 0);
		rd_kafka_destroy(pt->producer);
	}
	if (pt->consumer)
		rd_kafka_destroy(pt->consumer);
	if (pt->slots) {
		for (size_t i = 0; i < pt->n_slots; i++)
			if (pt->slots[i].msg)
				rd_kafka_message_destroy(pt->slots[i].msg);
	}
	offsets_free(pt->offsets);
	free(pt->slots);
}

int main(int argc, char **argv)
{
	struct config cfg;
	struct passthrough pt;
	struct sigaction sa;
	char errbuf[1024];
	const char *path = NULL;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else {
			fprintf(stderr, "usage: bench_passthrough -c CONFIG\n");
			return 64;
		}
	}
	if (!path) {
		fprintf(stderr, "usage: bench_passthrough -c CONFIG\n");
		return 64;
	}
	config_defaults(&cfg);
	if (config_load(&cfg, path, errbuf, sizeof(errbuf)) < 0) {
		fprintf(stderr, "bench_passthrough: %s\n", errbuf);
		config_free(&cfg);
		return 78;
	}
	log_setup(LOG_FORMAT_TEXT, log_level_parse(cfg.log.level ? cfg.log.level : "info"));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	memset(&pt, 0, sizeof(pt));
	if (pt_open(&pt, &cfg, errbuf, sizeof(errbuf)) < 0) {
		fprintf(stderr, "bench_passthrough: %s\n", errbuf);
		rc = 78;
	} else {
		pt_run(&pt);
	}
	pt_close(&pt);
	printf("passthrough: consumed=%llu produced=%llu failed=%llu\n", pt.consumed, pt.produced, pt.failed);
	fflush(stdout);
	if (!rc && pt.failed)
		rc = 70;
	config_free(&cfg);
	return rc;
}
