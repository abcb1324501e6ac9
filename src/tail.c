/*
 * tail.c - conflictd-tail: the events topic, printed for a person at a terminal.
 *
 * Shaped like kcat -C and kafka-console-consumer: a consumer that assign()s
 * the partitions itself (no group membership, never commits; its group.id is
 * a throwaway), starts each partition at an offset, a tail count or a time
 * (offsets_for_times), and stops when every partition has reported its end
 * (enable.partition.eof) unless --follow, or after -n records.
 *
 * Every value is decoded whatever its framing: single-object (the loaded
 * schema's fingerprint or an older one from schemas/history), Confluent (the
 * id's writer schema fetched once from --registry and cached; without a
 * registry the loaded schema), or a bare datum.  A value that does not
 * decode is one line on stderr naming topic, partition and offset and the
 * reason; tail goes on and exits 1 at the end, so a script notices.
 *
 * Output: one JSON object per line (event_json.c's rendering plus a
 * "_kafka" member), one aligned human line, or a multi-line block.
 */
#include "tail.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>

#include "article.h"
#include "avro_codec.h"
#include "config.h"
#include "event_json.h"
#include "kafka.h"
#include "log.h"
#include "schema_registry.h"

#define TAIL_MAX_PROPS      64     /* -X prop=value */
#define TAIL_MAX_PARTITIONS 100000 /* a topic's partitions we are willing to assign */
#define TAIL_MAX_SCHEMA_IDS 256    /* Confluent ids looked up in the registry */
#define TAIL_METADATA_MS    10000  /* first contact with the cluster */
#define TAIL_POLL_MS        200
#define TAIL_ERR_MAX        512
#define TAIL_REGISTRY_PAUSE 5000 /* ms without lookups after the registry was unreachable */

enum tail_format { TAIL_FORMAT_LINE = 0, TAIL_FORMAT_JSON, TAIL_FORMAT_PRETTY };
enum tail_start {
	TAIL_START_BEGINNING = 0,
	TAIL_START_END,
	TAIL_START_OFFSET,
	TAIL_START_LAST,
	TAIL_START_TIME
};

struct tail_opts {
	const char *prog;
	const char *conf_path;
	const char *brokers;
	const char *topic;
	const char *schema;
	const char *history_dir;
	const char *registry;
	int partition; /* -1: all */
	enum tail_start start;
	int64_t start_arg; /* offset, last-N count or time in ms */
	int start_given;
	long long count; /* -1: unlimited */
	int follow;
	enum tail_format format;
	int color; /* -1 auto, 0 never, 1 always */
	size_t n_props;
	const char *props[TAIL_MAX_PROPS][2];
};

/* A Confluent id looked up in the registry: known (added to the codec) or
 * refused, with the reason repeated for every value carrying it. */
struct tail_schema_id {
	int32_t id;
	int ok;
	char why[256];
};

struct tail {
	struct tail_opts o;
	struct config cfg;
	int cfg_loaded;
	struct avro_codec *codec;
	struct schema_registry *registry;
	struct tail_schema_id ids[TAIL_MAX_SCHEMA_IDS];
	size_t n_ids;
	int64_t registry_retry_ms; /* unreachable: no lookup before this (monotonic ms) */
	char registry_down[TAIL_ERR_MAX];
	rd_kafka_t *rk;
	int n_partitions;      /* of the topic */
	unsigned char *at_eof; /* per partition: 1 at its end, 2 not assigned */
	int64_t *probe_low;    /* -s: per partition, the low watermark while its last record is
	                          being checked (see tail_assign()), else -1 */
	long long printed, undecodable;
	int use_color;
	int bad_option;    /* a -X property was refused (usage, not config) */
	int output_closed; /* stdout's reader went away (EPIPE) */
	int output_error;
};

static volatile sig_atomic_t tail_stop;
/* The registry client takes the flag as an int (see tail_open_registry()). */
_Static_assert(sizeof(sig_atomic_t) == sizeof(int), "sig_atomic_t is an int");

/* A message into a caller's buffer, cut to fit (messages quote other
 * messages, so a cut is expected and harmless). */
static void tail_errf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void tail_errf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static void tail_on_signal(int sig)
{
	(void)sig;
	tail_stop = 1;
}

/* --- command line ---------------------------------------------------------- */

static void tail_usage(FILE *f, const char *prog)
{
	fprintf(f,
	        "usage: %s [-c conf] [-b brokers] [-t topic] [-p partition]\n"
	        "          [-o beginning|end|<offset>|-<N>] [-s <RFC3339 time>|<duration>] [-n count]\n"
	        "          [-f] [-F line|json|pretty] [--schema path] [--history-dir dir]\n"
	        "          [--registry url] [--color auto|always|never] [-X prop=value]...\n"
	        "Prints conflictd's events topic: from -o/-s (default: the beginning) to the end of\n"
	        "every partition, or on with -f until Ctrl-C.  -s takes 2026-11-24T18:00:00Z or a\n"
	        "duration back from now (90s, 10m, 2h, 1d).  Exit status 0, 1 when some values\n"
	        "could not be decoded, 64 usage, 69 Kafka, 74 output, 78 config.\n",
	        prog);
}

/* Parse a whole decimal number in [min, max]. */
static int tail_parse_ll(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* A duration back from now: <number><unit>, unit ms, s, m, h, d. */
static int tail_parse_duration_ms(const char *s, int64_t *ms)
{
	static const struct {
		const char *unit;
		int64_t ms;
	} units[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000}};
	char *end;
	long long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || v < 0 || v > 100LL * 365 * 86400)
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0) {
			*ms = (int64_t)v * units[i].ms;
			return 0;
		}
	return -1;
}

static int64_t tail_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t tail_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int tail_parse_offset(struct tail_opts *o, const char *s)
{
	long long v;

	if (strcmp(s, "beginning") == 0) {
		o->start = TAIL_START_BEGINNING;
	} else if (strcmp(s, "end") == 0) {
		o->start = TAIL_START_END;
	} else if (s[0] == '-' && tail_parse_ll(s + 1, 1, INT32_MAX, &v) == 0) {
		o->start = TAIL_START_LAST;
		o->start_arg = v;
	} else if (tail_parse_ll(s, 0, INT64_MAX, &v) == 0) {
		o->start = TAIL_START_OFFSET;
		o->start_arg = v;
	} else {
		return -1;
	}
	return 0;
}

enum { OPT_SCHEMA = 1000, OPT_HISTORY, OPT_REGISTRY, OPT_COLOR, OPT_SINCE };

/* Returns 0, or an exit status (TAIL_EXIT_USAGE, or -1 for --help: exit 0). */
static int tail_parse_args(struct tail_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"brokers", required_argument, NULL, 'b'},
	    {"topic", required_argument, NULL, 't'},
	    {"partition", required_argument, NULL, 'p'},
	    {"offset", required_argument, NULL, 'o'},
	    {"since", required_argument, NULL, 's'},
	    {"count", required_argument, NULL, 'n'},
	    {"follow", no_argument, NULL, 'f'},
	    {"format", required_argument, NULL, 'F'},
	    {"schema", required_argument, NULL, OPT_SCHEMA},
	    {"history-dir", required_argument, NULL, OPT_HISTORY},
	    {"registry", required_argument, NULL, OPT_REGISTRY},
	    {"color", required_argument, NULL, OPT_COLOR},
	    {"colour", required_argument, NULL, OPT_COLOR},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int ch, offset_given = 0;
	long long v;
	int64_t ms;

	o->partition = -1;
	o->count = -1;
	o->color = -1;
	optind = 0; /* GNU: restart, so `conflictd tail` can call us after its own getopt */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":c:b:t:p:o:s:n:fF:X:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->conf_path = optarg;
			break;
		case 'b':
			o->brokers = optarg;
			break;
		case 't':
			o->topic = optarg;
			break;
		case 'p':
			if (tail_parse_ll(optarg, 0, INT32_MAX - 1, &v) < 0) {
				fprintf(stderr, "%s: -p %s: expected a partition number\n", o->prog, optarg);
				return TAIL_EXIT_USAGE;
			}
			o->partition = (int)v;
			break;
		case 'o':
			if (tail_parse_offset(o, optarg) < 0) {
				fprintf(stderr, "%s: -o %s: expected beginning, end, an offset or -<count>\n",
				        o->prog, optarg);
				return TAIL_EXIT_USAGE;
			}
			offset_given = 1;
			break;
		case 's':
		case OPT_SINCE:
			if (tail_parse_duration_ms(optarg, &ms) == 0) {
				o->start_arg = tail_now_ms() - ms;
			} else if (article_parse_rfc3339(optarg, &ms) == 0) {
				o->start_arg = ms;
			} else {
				fprintf(
				    stderr,
				    "%s: --since %s: expected an RFC 3339 time (2026-11-24T18:00:00Z) or a "
				    "duration (90s, 10m, 2h, 1d)\n",
				    o->prog, optarg);
				return TAIL_EXIT_USAGE;
			}
			/* Before 1970 means everything; and a negative time must not
			 * reach offsets_for_times, where -1 is "latest", -2 "earliest". */
			if (o->start_arg < 0)
				o->start_arg = 0;
			o->start = TAIL_START_TIME;
			o->start_given = 1;
			break;
		case 'n':
			if (tail_parse_ll(optarg, 1, LLONG_MAX, &v) < 0) {
				fprintf(stderr, "%s: -n %s: expected a positive count\n", o->prog, optarg);
				return TAIL_EXIT_USAGE;
			}
			o->count = v;
			break;
		case 'f':
			o->follow = 1;
			break;
		case 'F':
			if (strcmp(optarg, "line") == 0)
				o->format = TAIL_FORMAT_LINE;
			else if (strcmp(optarg, "json") == 0)
				o->format = TAIL_FORMAT_JSON;
			else if (strcmp(optarg, "pretty") == 0)
				o->format = TAIL_FORMAT_PRETTY;
			else {
				fprintf(stderr, "%s: -F %s: expected line, json or pretty\n", o->prog,
				        optarg);
				return TAIL_EXIT_USAGE;
			}
			break;
		case 'X': {
			const char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg) {
				fprintf(stderr, "%s: -X %s: expected prop=value\n", o->prog, optarg);
				return TAIL_EXIT_USAGE;
			}
			if (o->n_props == TAIL_MAX_PROPS) {
				fprintf(stderr, "%s: more than %d -X properties\n", o->prog, TAIL_MAX_PROPS);
				return TAIL_EXIT_USAGE;
			}
			/* Split in place: argv strings are ours to modify. */
			*(char *)eq = '\0';
			o->props[o->n_props][0] = optarg;
			o->props[o->n_props][1] = eq + 1;
			o->n_props++;
			break;
		}
		case OPT_SCHEMA:
			o->schema = optarg;
			break;
		case OPT_HISTORY:
			o->history_dir = optarg;
			break;
		case OPT_REGISTRY:
			o->registry = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else {
				fprintf(stderr, "%s: --color %s: expected auto, always or never\n", o->prog,
				        optarg);
				return TAIL_EXIT_USAGE;
			}
			break;
		case 'h':
			tail_usage(stdout, o->prog);
			return -1;
		case ':':
			if (optopt && optopt < OPT_SCHEMA)
				fprintf(stderr, "%s: option -%c needs a value\n", o->prog, optopt);
			else
				fprintf(stderr, "%s: option %s needs a value\n", o->prog, argv[optind - 1]);
			return TAIL_EXIT_USAGE;
		default:
			if (optopt)
				fprintf(stderr, "%s: unknown option -%c\n", o->prog, optopt);
			else
				fprintf(stderr, "%s: unknown option %s\n", o->prog, argv[optind - 1]);
			tail_usage(stderr, o->prog);
			return TAIL_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument %s\n", o->prog, argv[optind]);
		return TAIL_EXIT_USAGE;
	}
	if (offset_given && o->start_given) {
		fprintf(stderr, "%s: -o and -s/--since both say where to start; give one\n", o->prog);
		return TAIL_EXIT_USAGE;
	}
	return 0;
}

/* --- setup ------------------------------------------------------------------ */

/* The bootstrap list: -b, else kafka.brokers; "embedded" (the daemon's
 * in-process cluster) is reachable only through the file it writes its
 * address to.  0, or -1 with errbuf. */
static int tail_bootstrap(struct tail *t, char *buf, size_t size, char *errbuf, size_t errlen)
{
	const char *b = t->o.brokers ? t->o.brokers : t->cfg.kafka.brokers;
	FILE *f;

	if (!b || !*b) {
		snprintf(errbuf, errlen, "no brokers: give -b host:port or -c with kafka.brokers");
		return -1;
	}
	if (strcmp(b, "embedded") != 0) {
		if (strlen(b) >= size) {
			snprintf(errbuf, errlen, "brokers list too long");
			return -1;
		}
		snprintf(buf, size, "%s", b);
		return 0;
	}
	if (!t->cfg.kafka.embedded_bootstrap_file) {
		snprintf(errbuf, errlen,
		         "%s: kafka.brokers is \"embedded\" without kafka.embedded_bootstrap_file: give -b",
		         t->cfg.path ? t->cfg.path : "(defaults)");
		return -1;
	}
	f = fopen(t->cfg.kafka.embedded_bootstrap_file, "r");
	if (!f || !fgets(buf, (int)size, f)) {
		snprintf(errbuf, errlen, "%s: cannot read the embedded cluster's address: %s",
		         t->cfg.kafka.embedded_bootstrap_file, f ? "empty" : strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

/* Operator consumer properties that belong to the daemon's group membership
 * and offset handling: a tail neither joins the group nor commits. */
static int tail_group_property(const char *key)
{
	static const char *const keys[] = {"group.id",
	                                   "group.instance.id",
	                                   "partition.assignment.strategy",
	                                   "enable.auto.commit",
	                                   "enable.auto.offset.store",
	                                   "auto.commit.interval.ms",
	                                   "session.timeout.ms",
	                                   "heartbeat.interval.ms",
	                                   "max.poll.interval.ms",
	                                   "enable.partition.eof",
	                                   "auto.offset.reset",
	                                   "statistics.interval.ms",
	                                   NULL};
	for (size_t i = 0; keys[i]; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

static int tail_conf_set(rd_kafka_conf_t *conf, const char *what, const char *key, const char *value,
                         char *errbuf, size_t errlen)
{
	char rderr[256];

	if (rd_kafka_conf_set(conf, key, value, rderr, sizeof(rderr)) != RD_KAFKA_CONF_OK) {
		tail_errf(errbuf, errlen, "%s%s: %s", what, key,
		          rderr); /* never the value: it may be a password */
		return -1;
	}
	return 0;
}

/* The consumer: our defaults, then the config file's kafka.consumer
 * properties except the group's, then -X (which may set anything). */
static rd_kafka_t *tail_consumer(struct tail *t, const char *bootstrap, char *errbuf, size_t errlen)
{
	static const char *const defaults[][2] = {
	    {"client.id", "conflictd-tail"},
	    {"enable.auto.commit", "false"},
	    {"enable.auto.offset.store", "false"},
	    {"enable.partition.eof", "true"},
	    /* An offset that fell off the log (retention) restarts at the earliest. */
	    {"auto.offset.reset", "earliest"},
	    {"log_level", "4"},
	    {"log.connection.close", "false"},
	    {"max.partition.fetch.bytes", "33554432"},
	    {"fetch.max.bytes", "52428800"},
	    {"receive.message.max.bytes", "67108864"},
	};
	char group[64], rderr[512];
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	rd_kafka_t *rk;

	if (!conf) {
		snprintf(errbuf, errlen, "consumer: out of memory");
		return NULL;
	}
	rd_kafka_conf_set_log_cb(conf, kafka_log_cb);
	/* assign() needs no group, but librdkafka wants a group.id for a
	 * consumer; one nobody else uses, and nothing is ever committed to it. */
	snprintf(group, sizeof(group), "conflictd-tail-%ld-%lld", (long)getpid(), (long long)tail_now_ms());
	if (tail_conf_set(conf, "consumer: ", "bootstrap.servers", bootstrap, errbuf, errlen) < 0 ||
	    tail_conf_set(conf, "consumer: ", "group.id", group, errbuf, errlen) < 0)
		goto err;
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (tail_conf_set(conf, "consumer: ", defaults[i][0], defaults[i][1], errbuf, errlen) < 0)
			goto err;
	if (t->cfg_loaded) {
		char what[1100];
		for (size_t i = 0; i < t->cfg.kafka.n_consumer; i++) {
			const struct config_kv *kv = &t->cfg.kafka.consumer[i];
			if (!kv->key || !kv->value || tail_group_property(kv->key))
				continue;
			snprintf(what, sizeof(what), "%s:%d: kafka.consumer.", t->cfg.path, kv->line);
			if (tail_conf_set(conf, what, kv->key, kv->value, errbuf, errlen) < 0)
				goto err;
		}
	}
	for (size_t i = 0; i < t->o.n_props; i++)
		if (tail_conf_set(conf, "-X ", t->o.props[i][0], t->o.props[i][1], errbuf, errlen) < 0) {
			t->bad_option = 1;
			goto err;
		}
	rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, rderr, sizeof(rderr));
	if (!rk) {
		snprintf(errbuf, errlen, "consumer: %s", rderr);
		goto err;
	}
	rd_kafka_poll_set_consumer(rk);
	return rk;
err:
	rd_kafka_conf_destroy(conf);
	return NULL;
}

/* The topic's partition count from the cluster.  0, or an exit status with errbuf. */
static int tail_partitions(struct tail *t, const char *topic, char *errbuf, size_t errlen)
{
	const struct rd_kafka_metadata *md = NULL;
	rd_kafka_topic_t *rkt = rd_kafka_topic_new(t->rk, topic, NULL);
	rd_kafka_resp_err_t err;
	int rc = TAIL_EXIT_KAFKA;

	if (!rkt) {
		snprintf(errbuf, errlen, "topic %s: %s", topic, rd_kafka_err2str(rd_kafka_last_error()));
		return TAIL_EXIT_KAFKA;
	}
	err = rd_kafka_metadata(t->rk, 0, rkt, &md, TAIL_METADATA_MS);
	if (err) {
		snprintf(errbuf, errlen, "topic %s: no metadata within %d ms: %s", topic,
		         TAIL_METADATA_MS / 1000 * 1000, rd_kafka_err2str(err));
	} else if (md->topic_cnt != 1 || md->topics[0].err) {
		snprintf(errbuf, errlen, "topic %s: %s", topic,
		         md->topic_cnt == 1 ? rd_kafka_err2str(md->topics[0].err) : "not in the metadata");
	} else if (md->topics[0].partition_cnt < 1 || md->topics[0].partition_cnt > TAIL_MAX_PARTITIONS) {
		snprintf(errbuf, errlen, "topic %s: %d partitions (expected 1..%d)", topic,
		         md->topics[0].partition_cnt, TAIL_MAX_PARTITIONS);
	} else {
		t->n_partitions = md->topics[0].partition_cnt;
		rc = 0;
	}
	if (md)
		rd_kafka_metadata_destroy(md);
	rd_kafka_topic_destroy(rkt);
	return rc;
}

/* Where each assigned partition starts, then assign().  0, or an exit status. */
static int tail_assign(struct tail *t, const char *topic, char *errbuf, size_t errlen)
{
	rd_kafka_topic_partition_list_t *parts;
	rd_kafka_resp_err_t err;
	int first = t->o.partition >= 0 ? t->o.partition : 0;
	int last = t->o.partition >= 0 ? t->o.partition : t->n_partitions - 1;
	int rc = TAIL_EXIT_KAFKA;

	if (t->o.partition >= t->n_partitions) {
		snprintf(errbuf, errlen, "topic %s has %d partition%s: no partition %d", topic,
		         t->n_partitions, t->n_partitions == 1 ? "" : "s", t->o.partition);
		return TAIL_EXIT_USAGE;
	}
	t->at_eof = calloc((size_t)t->n_partitions, 1);
	t->probe_low = calloc((size_t)t->n_partitions, sizeof(*t->probe_low));
	parts = rd_kafka_topic_partition_list_new(last - first + 1);
	if (!t->at_eof || !t->probe_low || !parts) {
		snprintf(errbuf, errlen, "out of memory");
		goto out;
	}
	memset(t->at_eof, 2, (size_t)t->n_partitions);
	for (int p = 0; p < t->n_partitions; p++)
		t->probe_low[p] = -1;
	for (int p = first; p <= last; p++) {
		rd_kafka_topic_partition_t *tp = rd_kafka_topic_partition_list_add(parts, topic, p);
		t->at_eof[p] = 0;
		switch (t->o.start) {
		case TAIL_START_BEGINNING:
			tp->offset = RD_KAFKA_OFFSET_BEGINNING;
			break;
		case TAIL_START_END:
			tp->offset = RD_KAFKA_OFFSET_END;
			break;
		case TAIL_START_LAST:
			tp->offset = RD_KAFKA_OFFSET_TAIL(t->o.start_arg);
			break;
		case TAIL_START_TIME:
			tp->offset = t->o.start_arg;
			break;
		case TAIL_START_OFFSET: {
			/* Clamp to what the log holds, so that -o 5000 on a shorter
			 * partition starts at its end rather than being reset. */
			int64_t lo, hi;
			err = rd_kafka_query_watermark_offsets(t->rk, topic, p, &lo, &hi, TAIL_METADATA_MS);
			if (err) {
				snprintf(errbuf, errlen, "%s [%d]: watermarks: %s", topic, p,
				         rd_kafka_err2str(err));
				goto out;
			}
			tp->offset = t->o.start_arg < lo ? lo : t->o.start_arg > hi ? hi : t->o.start_arg;
			break;
		}
		}
	}
	if (t->o.start == TAIL_START_TIME) {
		err = rd_kafka_offsets_for_times(t->rk, parts, TAIL_METADATA_MS);
		if (err) {
			snprintf(errbuf, errlen, "%s: offsets for %" PRId64 " ms: %s", topic, t->o.start_arg,
			         rd_kafka_err2str(err));
			goto out;
		}
		for (int i = 0; i < parts->cnt; i++) {
			rd_kafka_topic_partition_t *tp = &parts->elems[i];
			int64_t lo, hi;

			if (tp->err) {
				snprintf(errbuf, errlen, "%s [%d]: offset for the time: %s", topic,
				         tp->partition, rd_kafka_err2str(tp->err));
				goto out;
			}
			if (tp->offset >= 0)
				continue;
			/* -1: the broker found no record at or after the time.  A
			 * broker without a time index (old ones, librdkafka's mock)
			 * says so too, so the partition starts at its last record:
			 * older than the time, it is skipped and the partition is
			 * at its end; newer, the broker was wrong and the partition
			 * is read from its beginning instead (tail_check_probe()). */
			err = rd_kafka_query_watermark_offsets(t->rk, topic, tp->partition, &lo, &hi,
			                                       TAIL_METADATA_MS);
			if (err) {
				snprintf(errbuf, errlen, "%s [%d]: watermarks: %s", topic, tp->partition,
				         rd_kafka_err2str(err));
				goto out;
			}
			if (lo >= hi) {
				tp->offset = RD_KAFKA_OFFSET_END;
			} else {
				tp->offset = hi - 1;
				t->probe_low[tp->partition] = lo;
			}
		}
	}
	err = rd_kafka_assign(t->rk, parts);
	if (err) {
		snprintf(errbuf, errlen, "%s: assign: %s", topic, rd_kafka_err2str(err));
		goto out;
	}
	rc = 0;
out:
	if (parts)
		rd_kafka_topic_partition_list_destroy(parts);
	return rc;
}

/* --- decoding ----------------------------------------------------------------- */

/* Make sure the codec knows Confluent id's writer schema, fetching it from
 * the registry once.  0, or -1 with the reason in errbuf. */
static int tail_confluent_id(struct tail *t, int32_t id, char *errbuf, size_t errlen)
{
	struct tail_schema_id *e = NULL;
	enum schema_registry_result r;
	char *json = NULL;

	for (size_t i = 0; i < t->n_ids; i++)
		if (t->ids[i].id == id) {
			if (t->ids[i].ok)
				return 0;
			snprintf(errbuf, errlen, "%s", t->ids[i].why);
			return -1;
		}
	/* An unreachable registry (or one that hangs until the timeout) is
	 * not asked again for a while: the values in between fail at once. */
	if (t->registry_retry_ms && tail_monotonic_ms() < t->registry_retry_ms) {
		tail_errf(errbuf, errlen,
		          "schema id %" PRId32 ": registry unavailable (%s); asking again in %lld ms", id,
		          t->registry_down, (long long)(t->registry_retry_ms - tail_monotonic_ms()));
		return -1;
	}
	r = schema_registry_get_by_id(t->registry, id, &json, errbuf, errlen);
	if (r == SCHEMA_REGISTRY_UNAVAILABLE) {
		/* Not remembered per id: the next value with this id asks again. */
		t->registry_retry_ms = tail_monotonic_ms() + TAIL_REGISTRY_PAUSE;
		snprintf(t->registry_down, sizeof(t->registry_down), "%s", errbuf);
		tail_errf(errbuf, errlen, "schema id %" PRId32 ": registry: %s", id, t->registry_down);
		return -1;
	}
	t->registry_retry_ms = 0;
	if (t->n_ids == TAIL_MAX_SCHEMA_IDS) {
		free(json);
		snprintf(errbuf, errlen, "schema id %" PRId32 ": more than %d distinct ids", id,
		         TAIL_MAX_SCHEMA_IDS);
		return -1;
	}
	e = &t->ids[t->n_ids++];
	e->id = id;
	e->ok = 0;
	if (r != SCHEMA_REGISTRY_OK) {
		tail_errf(e->why, sizeof(e->why), "schema id %" PRId32 ": registry: %s", id, errbuf);
	} else if (avro_codec_add_writer(t->codec, json, id, errbuf, errlen) != 0) {
		tail_errf(e->why, sizeof(e->why), "schema id %" PRId32 ": %s", id, errbuf);
	} else {
		e->ok = 1;
	}
	free(json);
	if (!e->ok)
		snprintf(errbuf, errlen, "%s", e->why);
	return e->ok ? 0 : -1;
}

/* Decode one value whatever its framing.  0, or -1 with the reason. */
static int tail_decode(struct tail *t, const unsigned char *v, size_t len, struct conflict_event *ev,
                       char *errbuf, size_t errlen)
{
	size_t used = 0;

	if (!v || len == 0) {
		snprintf(errbuf, errlen, "empty value");
		return -1;
	}
	if (v[0] == 0x00 && len >= 5 && t->registry) {
		int32_t id =
		    (int32_t)((uint32_t)v[1] << 24 | (uint32_t)v[2] << 16 | (uint32_t)v[3] << 8 | v[4]);
		if (tail_confluent_id(t, id, errbuf, errlen) != 0)
			return -1;
	}
	if ((len >= 2 && v[0] == 0xc3 && v[1] == 0x01) || v[0] == 0x00)
		return avro_codec_decode(t->codec, v, len, ev, errbuf, errlen);
	/* No framing: a bare datum of the loaded schema, which must fill the value. */
	if (avro_codec_decode_datum(t->codec, v, len, &used, ev, errbuf, errlen) != 0) {
		char why[TAIL_ERR_MAX];
		snprintf(why, sizeof(why), "%s", errbuf);
		tail_errf(errbuf, errlen, "no framing (first byte %02x), and not a bare datum: %s", v[0],
		          why);
		return -1;
	}
	if (used != len) {
		snprintf(errbuf, errlen,
		         "no framing (first byte %02x), and a bare datum leaves %zu trailing bytes", v[0],
		         len - used);
		return -1;
	}
	return 0;
}

/* --- rendering ----------------------------------------------------------------- */

/* ACLED's display names, in the enums' order (ACLED Codebook). */
static const char *const tail_event_type_names[EVENT_TYPE_COUNT] = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
    "Riots",   "Strategic developments",
};
static const char *const tail_sub_event_names[SUB_EVENT_TYPE_COUNT] = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
};
static const char *const tail_actor_type_names[ACTOR_TYPE_COUNT] = {
    "State forces", "Rebel group", "Political militia", "Identity militia",
    "Rioters",      "Protesters",  "Civilians",         "External/Other forces",
};

/* ANSI colours per event type (only on a terminal, never with NO_COLOR). */
static const char *const tail_event_type_colors[EVENT_TYPE_COUNT] = {
    "\033[31m", "\033[35m", "\033[33m", "\033[32m", "\033[36m", "\033[34m",
};
#define TAIL_DIM   "\033[2m"
#define TAIL_BOLD  "\033[1m"
#define TAIL_RED   "\033[1;31m"
#define TAIL_RESET "\033[0m"

/* Column widths of -F line, in characters (code points). */
#define TAIL_W_DATE   10
#define TAIL_W_COORD  10
#define TAIL_W_TYPE   44
#define TAIL_W_PLACE  34
#define TAIL_W_ACTORS 52

static const char *tail_type_name(const struct conflict_event *ev)
{
	return (unsigned)ev->event_type < EVENT_TYPE_COUNT ? tail_event_type_names[ev->event_type] : "?";
}

static const char *tail_sub_name(const struct conflict_event *ev)
{
	return (unsigned)ev->sub_event_type < SUB_EVENT_TYPE_COUNT ? tail_sub_event_names[ev->sub_event_type]
	                                                           : "?";
}

static const char *tail_actor_type_name(enum actor_type a)
{
	return (unsigned)a < ACTOR_TYPE_COUNT ? tail_actor_type_names[a] : "?";
}

/* --- terminal safety: the line and pretty formats print decoded strings,
 * which come from the topic (and, through the extractor, from articles).  A
 * C0 or C1 control character there would reach the terminal as is: ESC
 * sequences that recolour, retitle or clear it, a CR that overwrites the
 * line, a newline that forges one.  Tab, CR and LF become a space, every
 * other control character (U+0000-001F, U+007F, U+0080-009F) '?'.  The
 * strings are valid UTF-8 (the codec checked), so C1 is the two bytes
 * c2 80..c2 9f.  The JSON format needs none of this: jansson escapes them. */

/* Clean src[0..n) into dst (which may be src: the output is never longer).
 * Returns the length written. */
static size_t tail_clean(char *dst, const char *src, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c == '\t' || c == '\n' || c == '\r')
			dst[o++] = ' ';
		else if (c < 0x20 || c == 0x7f)
			dst[o++] = '?';
		else if (c == 0xc2 && i + 1 < n && (unsigned char)src[i + 1] >= 0x80 &&
		         (unsigned char)src[i + 1] <= 0x9f) {
			dst[o++] = '?';
			i++;
		} else
			dst[o++] = (char)c;
	}
	return o;
}

static void tail_clean_str(char *s)
{
	s[tail_clean(s, s, strlen(s))] = '\0';
}

static void tail_clean_actor(struct event_actor *a)
{
	tail_clean_str(a->name);
	tail_clean_str(a->mention);
	tail_clean_str(a->country_code);
}

/* Every string of ev that the line and pretty formats print, in place
 * (evidence text is the codec's: tail_write_clean() prints it). */
static void tail_clean_event(struct conflict_event *ev)
{
	struct event_location *l = &ev->location;

	tail_clean_str(ev->event_id);
	tail_clean_str(ev->article_id);
	tail_clean_str(ev->article_url);
	tail_clean_str(ev->source_name);
	tail_clean_actor(&ev->actor1);
	tail_clean_actor(&ev->actor2);
	for (size_t i = 0; i < ev->n_associated && i < EVENT_MAX_ASSOCIATED; i++)
		tail_clean_actor(&ev->associated[i]);
	tail_clean_str(l->name);
	tail_clean_str(l->admin1);
	tail_clean_str(l->admin2);
	tail_clean_str(l->country);
	tail_clean_str(l->country_code);
	tail_clean_str(l->gazetteer_id);
	for (size_t i = 0; i < ev->n_reported_by && i < EVENT_MAX_REPORTED_BY; i++)
		tail_clean_str(ev->reported_by[i]);
	tail_clean_str(ev->language);
	tail_clean_str(ev->extractor_version);
	tail_clean_str(ev->provenance.topic);
}

/* Write s[0..n) cleaned, in pieces that never split a C1 pair. */
static void tail_write_clean(FILE *out, const char *s, size_t n)
{
	char buf[512];

	while (n > 0) {
		size_t k = n < sizeof(buf) ? n : sizeof(buf);
		if (k < n && (unsigned char)s[k - 1] == 0xc2)
			k--;
		fwrite(buf, 1, tail_clean(buf, s, k), out);
		s += k;
		n -= k;
	}
}

/* Bounded string builder: appends never overflow; the text is cut at the end. */
struct tail_buf {
	char *s;
	size_t size, len;
};

static void tail_put(struct tail_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tail_put(struct tail_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len + 1 >= b->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->size - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len = (size_t)n >= b->size - b->len ? b->size - 1 : b->len + (size_t)n;
}

/* Write s in exactly width columns (code points): cut with an ellipsis or
 * padded with spaces; a cut never splits a UTF-8 sequence. */
static void tail_field(FILE *out, const char *s, size_t width, const char *color)
{
	size_t cps = 0, i, keep = 0;

	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cps++;
	if (color)
		fputs(color, out);
	if (cps <= width) {
		fputs(s, out);
		if (color)
			fputs(TAIL_RESET, out);
		for (; cps < width; cps++)
			fputc(' ', out);
		return;
	}
	/* Keep width-1 code points, then U+2026. */
	for (i = 0, cps = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (cps == width - 1)
				break;
			cps++;
		}
		keep = i + 1;
	}
	fwrite(s, 1, keep, out);
	fputs("\xe2\x80\xa6", out);
	if (color)
		fputs(TAIL_RESET, out);
}

/* "2018-11-17", "2018-11" (month precision), "2018" (year), "?" (no date). */
static void tail_date(const struct conflict_event *ev, char *buf, size_t size)
{
	int y;
	unsigned m, d;

	if (!ev->has_event_date) {
		snprintf(buf, size, "?");
		return;
	}
	event_civil_from_days(ev->event_date, &y, &m, &d);
	if (ev->date_precision == DATE_PRECISION_YEAR)
		snprintf(buf, size, "%04d", y);
	else if (ev->date_precision == DATE_PRECISION_MONTH)
		snprintf(buf, size, "%04d-%02u", y, m);
	else
		snprintf(buf, size, "%04d-%02u-%02u", y, m, d);
}

/* RFC 3339 UTC with milliseconds; "-" for 0 (unknown). */
static void tail_time(int64_t ms, char *buf, size_t size)
{
	int64_t days, rem;
	int y;
	unsigned mo, d;

	if (ms == 0) {
		snprintf(buf, size, "-");
		return;
	}
	days = ms / 86400000;
	rem = ms % 86400000;
	if (rem < 0) {
		rem += 86400000;
		days--;
	}
	event_civil_from_days((int32_t)days, &y, &mo, &d);
	snprintf(buf, size, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, mo, d, (int)(rem / 3600000),
	         (int)(rem / 60000 % 60), (int)(rem / 1000 % 60), (int)(rem % 1000));
}

/* "Abu al-Husn, Deir ez-Zor, Syria": the parts that are known, none twice
 * in a row; the admin2 level only when asked (-F pretty). */
static void tail_place(const struct event_location *l, int admin2, char *buf, size_t size)
{
	struct tail_buf b = {buf, size, 0};
	const char *parts[4] = {l->name, l->admin2, l->admin1, l->country};
	const char *prev = NULL;

	buf[0] = '\0';
	for (int i = 0; l->present && i < 4; i++) {
		if ((i == 1 && !admin2) || !parts[i][0] || (prev && strcmp(prev, parts[i]) == 0))
			continue;
		tail_put(&b, "%s%s", b.len ? ", " : "", parts[i]);
		prev = parts[i];
	}
	if (!b.len)
		snprintf(buf, size, "-");
}

static void tail_actors(const struct conflict_event *ev, char *buf, size_t size)
{
	struct tail_buf b = {buf, size, 0};

	buf[0] = '\0';
	if (ev->actor1.present)
		tail_put(&b, "%s", ev->actor1.name);
	if (ev->actor2.present)
		tail_put(&b, "%s%s", b.len ? " vs " : "? vs ", ev->actor2.name);
	if (!b.len)
		tail_put(&b, "-");
}

/* "fatalities 43 (civilians 17)", "fatalities 10 (imputed)", "fatalities 0". */
static void tail_fatalities(const struct event_fatalities *f, char *buf, size_t size)
{
	struct tail_buf b = {buf, size, 0};
	size_t open;

	buf[0] = '\0';
	tail_put(&b, "fatalities %d", f->best);
	open = b.len;
	if (f->low != f->best || f->high != f->best)
		tail_put(&b, "%s%d-%d", b.len > open ? ", " : " (", f->low, f->high);
	if (f->civilians >= 0)
		tail_put(&b, "%scivilians %d", b.len > open ? ", " : " (", f->civilians);
	if (f->children >= 0)
		tail_put(&b, "%schildren %d", b.len > open ? ", " : " (", f->children);
	if (f->imputed)
		tail_put(&b, "%simputed", b.len > open ? ", " : " (");
	if (b.len > open)
		tail_put(&b, ")");
}

static void tail_print_line(struct tail *t, FILE *out, const rd_kafka_message_t *m,
                            const struct conflict_event *ev)
{
	char date[16], coord[48], type[256], place[4 * EVENT_NAME_MAX], actors[3 * EVENT_NAME_MAX], fat[128];
	int c = t->use_color;
	const char *tcolor =
	    c && (unsigned)ev->event_type < EVENT_TYPE_COUNT ? tail_event_type_colors[ev->event_type] : NULL;

	tail_date(ev, date, sizeof(date));
	snprintf(coord, sizeof(coord), "P%" PRId32 "/%" PRId64, m->partition, m->offset);
	snprintf(type, sizeof(type), "%s%s: %s", ev->record_kind == RECORD_CASUALTY_TALLY ? "[tally] " : "",
	         tail_type_name(ev), tail_sub_name(ev));
	/* The sub-event type names its event type (ACLED's hierarchy): when
	 * both do not fit, the sub-event type alone says more than a cut. */
	if (strlen(type) > TAIL_W_TYPE)
		snprintf(type, sizeof(type), "%s%s",
		         ev->record_kind == RECORD_CASUALTY_TALLY ? "[tally] " : "", tail_sub_name(ev));
	tail_place(&ev->location, 0, place, sizeof(place));
	tail_actors(ev, actors, sizeof(actors));
	tail_fatalities(&ev->fatalities, fat, sizeof(fat));

	tail_field(out, date, TAIL_W_DATE, c ? TAIL_BOLD : NULL);
	fputs("  ", out);
	tail_field(out, coord, TAIL_W_COORD, c ? TAIL_DIM : NULL);
	fputs("  ", out);
	tail_field(out, type, TAIL_W_TYPE, tcolor);
	fputs("  ", out);
	tail_field(out, place, TAIL_W_PLACE, NULL);
	fputs("  ", out);
	tail_field(out, actors, TAIL_W_ACTORS, NULL);
	fputs("  ", out);
	if (c && ev->fatalities.best > 0)
		fprintf(out, TAIL_RED "%s" TAIL_RESET "\n", fat);
	else
		fprintf(out, "%s\n", fat);
}

static void tail_pretty_actor(FILE *out, const char *label, const struct event_actor *a)
{
	fprintf(out, "  %-11s %s [%s%s%s]", label, a->name, tail_actor_type_name(a->type),
	        a->country_code[0] ? ", " : "", a->country_code);
	if (a->mention[0] && strcmp(a->mention, a->name) != 0)
		fprintf(out, " as \"%s\"", a->mention);
	fputc('\n', out);
}

static void tail_print_pretty(struct tail *t, FILE *out, const rd_kafka_message_t *m,
                              const struct conflict_event *ev)
{
	const struct event_location *l = &ev->location;
	char date[16], ts[40], fat[128], place[4 * EVENT_NAME_MAX];
	int c = t->use_color;
	const char *tcolor =
	    c && (unsigned)ev->event_type < EVENT_TYPE_COUNT ? tail_event_type_colors[ev->event_type] : "";
	rd_kafka_timestamp_type_t tstype;
	int64_t mts = rd_kafka_message_timestamp(m, &tstype);

	tail_date(ev, date, sizeof(date));
	tail_time(mts > 0 ? mts : 0, ts, sizeof(ts));
	fprintf(out, "%s%s [%" PRId32 "] offset %" PRId64 "  %s%s\n", c ? TAIL_DIM : "",
	        rd_kafka_topic_name(m->rkt), m->partition, m->offset, ts, c ? TAIL_RESET : "");
	fprintf(out, "  %-11s %s%s%s: %s%s\n", ev->record_kind == RECORD_CASUALTY_TALLY ? "tally" : "event",
	        tcolor, tail_type_name(ev), "", tail_sub_name(ev), c ? TAIL_RESET : "");
	fprintf(out, "  %-11s %s%s (%s, %s)%s\n", "date", c ? TAIL_BOLD : "", date,
	        date_precision_name(ev->date_precision) ? date_precision_name(ev->date_precision) : "?",
	        temporality_name(ev->temporality) ? temporality_name(ev->temporality) : "?",
	        c ? TAIL_RESET : "");
	tail_place(l, 1, place, sizeof(place));
	fprintf(out, "  %-11s %s", "place", place);
	if (l->present && l->country_code[0])
		fprintf(out, " (%s)", l->country_code);
	if (l->present && l->has_coordinates)
		fprintf(out, "  %.4f, %.4f", l->latitude, l->longitude);
	if (l->present)
		fprintf(out, "  geo precision %d%s%s", l->geo_precision, l->gazetteer_id[0] ? "  " : "",
		        l->gazetteer_id);
	fputc('\n', out);
	if (ev->actor1.present)
		tail_pretty_actor(out, "actor1", &ev->actor1);
	if (ev->actor2.present)
		tail_pretty_actor(out, "actor2", &ev->actor2);
	for (size_t i = 0; i < ev->n_associated && i < EVENT_MAX_ASSOCIATED; i++)
		tail_pretty_actor(out, "associated", &ev->associated[i]);
	tail_fatalities(&ev->fatalities, fat, sizeof(fat));
	fprintf(out, "  %-11s %s%s%s\n", "fatalities", c && ev->fatalities.best > 0 ? TAIL_RED : "",
	        fat + strlen("fatalities "), c && ev->fatalities.best > 0 ? TAIL_RESET : "");
	for (size_t i = 0; i < ev->n_reported_by && i < EVENT_MAX_REPORTED_BY; i++)
		fprintf(out, "  %-11s %s\n", i ? "" : "reported by", ev->reported_by[i]);
	fprintf(out, "  %-11s %.2f%s\n", "confidence", (double)ev->confidence,
	        ev->disputed ? "  disputed" : "");
	tail_time(ev->article_published_at_ms, ts, sizeof(ts));
	fprintf(out, "  %-11s %s  %s  published %s\n", "article", ev->article_id,
	        ev->source_name[0] ? ev->source_name : "-", ts);
	if (ev->article_url[0])
		fprintf(out, "  %-11s %s\n", "url", ev->article_url);
	if (ev->provenance.present)
		fprintf(out, "  %-11s %s [%" PRId32 "] offset %" PRId64 "\n", "input", ev->provenance.topic,
		        ev->provenance.partition, ev->provenance.offset);
	for (size_t i = 0; i < ev->n_evidence && i < EVENT_MAX_EVIDENCE; i++) {
		const struct event_evidence *e = &ev->evidence[i];
		int n = e->text && e->end >= e->start ? (int)(e->end - e->start) : 0;
		fprintf(out, "  %-11s [%" PRIu32 "..%" PRIu32 "] ", i ? "" : "evidence", e->start, e->end);
		if (e->text)
			tail_write_clean(out, e->text, (size_t)n);
		fputc('\n', out);
	}
	fprintf(out, "  %-11s %s\n\n", "event id", ev->event_id);
}

/* event_json.c's object with the Kafka coordinates appended as
 * "_kafka":{"partition":P,"offset":O,"timestamp":MS} (timestamp null when
 * the message has none).  0, or -1 on allocation failure. */
static int tail_print_json(FILE *out, const rd_kafka_message_t *m, const struct conflict_event *ev)
{
	char *js = event_to_json(ev, EVENT_JSON_COMPACT);
	rd_kafka_timestamp_type_t tstype;
	int64_t ts = rd_kafka_message_timestamp(m, &tstype);
	size_t n;

	if (!js)
		return -1;
	n = strlen(js);
	/* The rendering is one object: {...}; splice the member before its brace. */
	if (n < 2 || js[n - 1] != '}') {
		free(js);
		return -1;
	}
	fwrite(js, 1, n - 1, out);
	fprintf(out, "%s\"_kafka\":{\"partition\":%" PRId32 ",\"offset\":%" PRId64 ",\"timestamp\":",
	        n > 2 ? "," : "", m->partition, m->offset);
	if (ts >= 0)
		fprintf(out, "%" PRId64 "}}\n", ts);
	else
		fputs("null}}\n", out);
	free(js);
	return 0;
}

/* --- the loop ------------------------------------------------------------------ */

static int tail_all_at_eof(const struct tail *t)
{
	for (int p = 0; p < t->n_partitions; p++)
		if (!t->at_eof[p])
			return 0;
	return 1;
}

/* A consumer error: 0 to go on (librdkafka retries transient ones), or an exit status. */
static int tail_consumer_error(struct tail *t, const rd_kafka_message_t *m)
{
	char fatal[256];

	if (rd_kafka_fatal_error(t->rk, fatal, sizeof(fatal))) {
		fprintf(stderr, "%s: fatal consumer error: %s\n", t->o.prog, fatal);
		return TAIL_EXIT_KAFKA;
	}
	fprintf(stderr, "%s: %s%s[%" PRId32 "]: %s\n", t->o.prog, m->rkt ? rd_kafka_topic_name(m->rkt) : "",
	        m->rkt ? " " : "", m->partition, rd_kafka_message_errstr(m));
	switch (m->err) {
	case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
	case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
	case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
	case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
	case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
		return TAIL_EXIT_KAFKA;
	default:
		return 0;
	}
}

/* Print one decoded message in the chosen format (the text formats clean
 * ev's strings first). */
static int tail_print(struct tail *t, const rd_kafka_message_t *m, struct conflict_event *ev)
{
	switch (t->o.format) {
	case TAIL_FORMAT_JSON:
		return tail_print_json(stdout, m, ev);
	case TAIL_FORMAT_PRETTY:
		tail_clean_event(ev);
		tail_print_pretty(t, stdout, m, ev);
		return 0;
	case TAIL_FORMAT_LINE:
		tail_clean_event(ev);
		tail_print_line(t, stdout, m, ev);
		return 0;
	}
	return 0;
}

/* stdout trouble: a closed pipe (| head) ends the run quietly, anything
 * else is an output error.  Returns 1 to stop. */
static int tail_output_failed(struct tail *t)
{
	if (!ferror(stdout))
		return 0;
	if (errno == EPIPE)
		t->output_closed = 1;
	else {
		fprintf(stderr, "%s: stdout: %s\n", t->o.prog, strerror(errno));
		t->output_error = 1;
	}
	return 1;
}

/* -s: whether m is a record to print.  Records older than the time are
 * skipped (a broker's answer is the first offset at the time; producers
 * may still have written older timestamps after it).  The first record of
 * a partition started at its last record (see tail_assign()) decides
 * whether the broker's "nothing that recent" was true; if not, the
 * partition is read again from its beginning. */
static int tail_wanted(struct tail *t, const rd_kafka_message_t *m)
{
	rd_kafka_timestamp_type_t tstype;
	int64_t ts = rd_kafka_message_timestamp(m, &tstype);
	int32_t p = m->partition;
	rd_kafka_resp_err_t err;

	if (t->o.start != TAIL_START_TIME)
		return 1;
	if (p >= 0 && p < t->n_partitions && t->probe_low[p] >= 0) {
		int64_t lo = t->probe_low[p];
		t->probe_low[p] = -1;
		if (ts >= t->o.start_arg) {
			fprintf(stderr,
			        "%s: %s [%" PRId32 "]: the broker found no offset for the time, but its last "
			        "record is newer: reading the partition from offset %" PRId64 "\n",
			        t->o.prog, rd_kafka_topic_name(m->rkt), p, lo);
			err = rd_kafka_seek(m->rkt, p, lo, TAIL_METADATA_MS);
			if (err)
				fprintf(stderr, "%s: %s [%" PRId32 "]: seek to %" PRId64 ": %s\n", t->o.prog,
				        rd_kafka_topic_name(m->rkt), p, lo, rd_kafka_err2str(err));
			return 0;
		}
	}
	return ts < 0 || ts >= t->o.start_arg;
}

static int tail_run(struct tail *t, struct conflict_event *ev)
{
	char why[TAIL_ERR_MAX];
	int rc = 0;

	while (!tail_stop && !rc) {
		rd_kafka_message_t *m;

		if (t->o.count >= 0 && t->printed >= t->o.count)
			break;
		if (!t->o.follow && tail_all_at_eof(t))
			break;
		m = rd_kafka_consumer_poll(t->rk, TAIL_POLL_MS);
		if (!m) {
			fflush(stdout);
			if (tail_output_failed(t))
				break;
			continue;
		}
		if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
			if (m->partition >= 0 && m->partition < t->n_partitions)
				t->at_eof[m->partition] = 1;
		} else if (m->err) {
			rc = tail_consumer_error(t, m);
		} else {
			if (m->partition >= 0 && m->partition < t->n_partitions)
				t->at_eof[m->partition] = 0;
			if (!tail_wanted(t, m)) {
				/* older than -s, or the partition starts again */
			} else if (tail_decode(t, m->payload, m->len, ev, why, sizeof(why)) != 0) {
				t->undecodable++;
				fflush(stdout); /* keep the error line after the records before it */
				fprintf(stderr,
				        "%s: %s [%" PRId32 "] offset %" PRId64 ": cannot decode: %s\n",
				        t->o.prog, rd_kafka_topic_name(m->rkt), m->partition, m->offset, why);
			} else if (tail_print(t, m, ev) != 0) {
				fprintf(stderr,
				        "%s: %s [%" PRId32 "] offset %" PRId64
				        ": out of memory rendering it\n",
				        t->o.prog, rd_kafka_topic_name(m->rkt), m->partition, m->offset);
				t->undecodable++;
			} else {
				t->printed++;
				if (t->o.follow)
					fflush(stdout);
			}
		}
		rd_kafka_message_destroy(m);
		if (tail_output_failed(t))
			break;
	}
	if (fflush(stdout) != 0)
		tail_output_failed(t);
	return rc;
}

/* --- setup and teardown ----------------------------------------------------------- */

static int tail_is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The codec: the reader schema, older writer schemas, the loaded schema's
 * registry id when the config names one.  0, or an exit status. */
static int tail_open_codec(struct tail *t, char *errbuf, size_t errlen)
{
	const char *schema = t->o.schema ? t->o.schema : t->cfg.output.schema_path;
	char dir[4096];
	const char *slash;
	int n;

	if (avro_codec_open(&t->codec, schema, errbuf, errlen) != 0)
		return TAIL_EXIT_CONFIG;
	if (t->cfg.output.framing == AVRO_FRAMING_CONFLUENT && t->cfg.output.schema_id > 0)
		avro_codec_set_schema_id(t->codec, t->cfg.output.schema_id);
	if (t->o.history_dir) {
		n = avro_codec_add_writers_from_dir(t->codec, t->o.history_dir, errbuf, errlen);
		return n < 0 ? TAIL_EXIT_CONFIG : 0;
	}
	/* By default the history next to the schema, when there is one. */
	slash = strrchr(schema, '/');
	if (slash)
		n = snprintf(dir, sizeof(dir), "%.*s/history", (int)(slash - schema), schema);
	else
		n = snprintf(dir, sizeof(dir), "history");
	if (n > 0 && (size_t)n < sizeof(dir) && tail_is_dir(dir) &&
	    avro_codec_add_writers_from_dir(t->codec, dir, errbuf, errlen) < 0)
		fprintf(stderr, "%s: warning: older schemas not loaded: %s\n", t->o.prog, errbuf);
	return 0;
}

/* The registry: --registry, else output.schema_registry.url of the config
 * file, with the file's basic auth, TLS and timeout settings either way. */
static int tail_open_registry(struct tail *t, char *errbuf, size_t errlen)
{
	const struct config *c = &t->cfg;
	struct schema_registry_opts ro = {.timeout_ms = 5000};

	ro.url = t->o.registry ? t->o.registry : c->output.schema_registry.url;
	if (!ro.url || !*ro.url)
		return 0;
	ro.username = c->output.schema_registry.username;
	ro.password = c->output.schema_registry.password;
	ro.ca_location = c->output.schema_registry.ca_location;
	ro.cert_location = c->output.schema_registry.cert_location;
	ro.key_location = c->output.schema_registry.key_location;
	if (t->cfg_loaded && c->output.schema_registry.timeout_ms > 0)
		ro.timeout_ms = c->output.schema_registry.timeout_ms;
	char why[TAIL_ERR_MAX];
	if (schema_registry_open(&t->registry, &ro, why, sizeof(why)) != 0) {
		/* The command line's URL: a usage error, named by its option. */
		tail_errf(errbuf, errlen, "%s%s", t->o.registry ? "--registry: " : "", why);
		return t->o.registry ? TAIL_EXIT_USAGE : TAIL_EXIT_CONFIG;
	}
	/* Ctrl-C during a lookup that hangs ends it now, not after timeout_ms. */
	schema_registry_set_stop(t->registry, (volatile const int *)&tail_stop);
	return 0;
}

static int tail_colors(const struct tail_opts *o)
{
	const char *no = getenv("NO_COLOR");

	if (o->format == TAIL_FORMAT_JSON || o->color == 0)
		return 0;
	if (o->color == 1)
		return 1; /* an explicit --color=always wins over NO_COLOR (no-color.org) */
	return isatty(STDOUT_FILENO) && !(no && *no);
}

static void tail_free(struct tail *t)
{
	if (t->rk) {
		rd_kafka_consumer_close(t->rk);
		rd_kafka_destroy(t->rk);
	}
	if (t->registry)
		schema_registry_close(t->registry);
	if (t->codec)
		avro_codec_close(t->codec);
	config_free(&t->cfg);
	free(t->at_eof);
	free(t->probe_low);
	free(t);
}

int tail_main(int argc, char **argv)
{
	struct tail *t = calloc(1, sizeof(*t));
	struct conflict_event *ev = malloc(sizeof(*ev));
	struct sigaction sa, old_int, old_term, old_pipe;
	char errbuf[1024], bootstrap[4096];
	const char *base, *topic;
	int rc;

	if (!t || !ev) {
		fprintf(stderr, "conflictd-tail: out of memory\n");
		free(t);
		free(ev);
		return TAIL_EXIT_KAFKA;
	}
	base = argc > 0 && argv[0] ? strrchr(argv[0], '/') : NULL;
	base = base ? base + 1 : argc > 0 && argv[0] ? argv[0] : "conflictd-tail";
	t->o.prog = strcmp(base, "tail") == 0 ? "conflictd tail" : "conflictd-tail";
	config_defaults(&t->cfg);
	rc = tail_parse_args(&t->o, argc, argv);
	if (rc) {
		tail_free(t);
		free(ev);
		return rc < 0 ? TAIL_EXIT_OK : rc;
	}
	log_setup(LOG_FORMAT_TEXT, LOG_WARNING);
	if (t->o.conf_path) {
		if (config_load(&t->cfg, t->o.conf_path, errbuf, sizeof(errbuf)) != 0) {
			rc = TAIL_EXIT_CONFIG;
			goto fail;
		}
		t->cfg_loaded = 1;
	}
	topic = t->o.topic ? t->o.topic : t->cfg.kafka.output_topic;
	t->use_color = tail_colors(&t->o);
	if ((rc = tail_open_codec(t, errbuf, sizeof(errbuf))) ||
	    (rc = tail_open_registry(t, errbuf, sizeof(errbuf))))
		goto fail;
	if (tail_bootstrap(t, bootstrap, sizeof(bootstrap), errbuf, sizeof(errbuf)) != 0) {
		rc = t->o.brokers ? TAIL_EXIT_USAGE : TAIL_EXIT_CONFIG;
		goto fail;
	}
	t->rk = tail_consumer(t, bootstrap, errbuf, sizeof(errbuf));
	if (!t->rk) {
		rc = t->bad_option ? TAIL_EXIT_USAGE : TAIL_EXIT_CONFIG;
		goto fail;
	}
	if ((rc = tail_partitions(t, topic, errbuf, sizeof(errbuf))) ||
	    (rc = tail_assign(t, topic, errbuf, sizeof(errbuf))))
		goto fail;

	/* Ctrl-C and SIGTERM end the loop; the consumer is then closed.  A
	 * closed stdout (| head) is an EPIPE, not a signal that kills us. */
	tail_stop = 0;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = tail_on_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old_pipe);

	rc = tail_run(t, ev);

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (t->undecodable)
		fprintf(stderr, "%s: %lld record%s printed, %lld value%s could not be decoded\n", t->o.prog,
		        t->printed, t->printed == 1 ? "" : "s", t->undecodable,
		        t->undecodable == 1 ? "" : "s");
	if (!rc)
		rc = t->output_error ? TAIL_EXIT_OUTPUT : t->undecodable ? TAIL_EXIT_UNDECODED : TAIL_EXIT_OK;
	tail_free(t);
	free(ev);
	return rc;
fail:
	fprintf(stderr, "%s: %s\n", t->o.prog, errbuf);
	tail_free(t);
	free(ev);
	return rc;
}
