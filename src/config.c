/*
 * config.c - the libconfig file -> struct config, validated.
 *
 * Loading is three passes over one parsed libconfig tree: every setting is
 * looked up in a table of known settings (unknown names and wrong types are
 * errors, with the line libconfig recorded for the setting), its value is
 * range-checked and stored, and finally the cross-setting rules (Confluent
 * framing needs a schema id or a registry, topics must differ) are checked.
 * The table is the single list of what a configuration may contain;
 * conf/conflictd.conf documents the same list for people.  A group inside a
 * section (output.schema_registry) is a table entry of its own whose members
 * are looked up under its name.
 *
 * kafka.consumer and kafka.producer are passed through to librdkafka.
 * libconfig names cannot contain '.', so a property is written with '_' in
 * place of '.' (session_timeout_ms = 6000 sets session.timeout.ms); the few
 * librdkafka properties whose own names contain '_' are kept as written.
 * Whether librdkafka knows the property is the daemon's check, not ours.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "article.h"
#include "extract/extract.h"
#include "log.h"

#define CONFIG_MAX_ARTICLE_BYTES (64u * 1024 * 1024) /* far above Kafka's default message.max.bytes */
#define CONFIG_MAX_PASSTHROUGH   256                 /* properties per pass-through group */
#define CONFIG_MAX_TOPIC_LEN     249                 /* Kafka's own limit */
#define CONFIG_MAX_URL_LEN       2048
#define CONFIG_MAX_SECRET_BYTES  4096 /* a secret file is one line */

enum spec_kind {
	SPEC_STRING,   /* char *, non-empty */
	SPEC_OPTSTR,   /* char *, may be "" (stored as given) */
	SPEC_PATH,     /* char *, non-empty, resolved against the file's directory */
	SPEC_TOPIC,    /* char *, a valid Kafka topic name */
	SPEC_INT,      /* int in [min, max] */
	SPEC_SIZE,     /* size_t in [min, max] */
	SPEC_DOUBLE,   /* double in [min, max] */
	SPEC_BOOL,     /* bool */
	SPEC_DELIVERY, /* "at-least-once" | "exactly-once" */
	SPEC_FRAMING,  /* "single-object" | "confluent" */
	SPEC_LEVEL,    /* log_level_parse() */
	SPEC_FORMAT,   /* log_format_parse() */
	SPEC_LISTEN,   /* "host:port" or "" */
	SPEC_KAFKA_KV, /* pass-through group */
	SPEC_SUBGROUP, /* a group of settings named "<name>.<member>" in the table */
	SPEC_URL,      /* "" or "http(s)://host..." */
	SPEC_SECRET_FILE, /* path of a one-line secret file; the field gets the secret */
	SPEC_STRATEGY, /* "topic" | "record" | "topic-record" */
};

struct spec {
	const char *name; /* "section.setting" */
	enum spec_kind kind;
	size_t offset; /* of the field in struct config */
	long long min, max;
};

#define F(field) offsetof(struct config, field)

static const struct spec specs[] = {
    {"kafka.brokers", SPEC_STRING, F(kafka.brokers), 0, 0},
    {"kafka.embedded_brokers", SPEC_INT, F(kafka.embedded_brokers), 1, 16},
    {"kafka.embedded_partitions", SPEC_INT, F(kafka.embedded_partitions), 1, 1024},
    {"kafka.embedded_bootstrap_file", SPEC_PATH, F(kafka.embedded_bootstrap_file), 0, 0},
    {"kafka.group_id", SPEC_STRING, F(kafka.group_id), 0, 0},
    {"kafka.client_id", SPEC_STRING, F(kafka.client_id), 0, 0},
    {"kafka.group_instance_id", SPEC_STRING, F(kafka.group_instance_id), 0, 0},
    {"kafka.input_topic", SPEC_TOPIC, F(kafka.input_topic), 0, 0},
    {"kafka.output_topic", SPEC_TOPIC, F(kafka.output_topic), 0, 0},
    {"kafka.dlq_topic", SPEC_TOPIC, F(kafka.dlq_topic), 0, 0},
    {"kafka.delivery", SPEC_DELIVERY, F(kafka.delivery), 0, 0},
    {"kafka.shutdown_timeout_ms", SPEC_INT, F(kafka.shutdown_timeout_ms), 0, INT_MAX},
    {"kafka.max_in_flight", SPEC_INT, F(kafka.max_in_flight), 1, 1000000},
    {"kafka.consumer", SPEC_KAFKA_KV, F(kafka.consumer), 0, 0},
    {"kafka.producer", SPEC_KAFKA_KV, F(kafka.producer), 0, 0},
    {"extract.data_dir", SPEC_PATH, F(extract.data_dir), 0, 0},
    {"extract.emit_tallies", SPEC_BOOL, F(extract.emit_tallies), 0, 0},
    {"extract.min_confidence", SPEC_DOUBLE, F(extract.min_confidence), 0, 1},
    {"extract.max_events", SPEC_INT, F(extract.max_events), 1, EXTRACT_MAX_EVENTS},
    {"extract.max_article_bytes", SPEC_SIZE, F(extract.max_article_bytes), 1, CONFIG_MAX_ARTICLE_BYTES},
    {"output.framing", SPEC_FRAMING, F(output.framing), 0, 0},
    {"output.schema_id", SPEC_INT, F(output.schema_id), 0, INT32_MAX},
    {"output.schema_path", SPEC_PATH, F(output.schema_path), 0, 0},
    {"output.schema_registry", SPEC_SUBGROUP, 0, 0, 0},
    {"output.schema_registry.url", SPEC_URL, F(output.schema_registry.url), 0, 0},
    {"output.schema_registry.subject_strategy", SPEC_STRATEGY, F(output.schema_registry.subject_strategy), 0,
     0},
    {"output.schema_registry.username", SPEC_STRING, F(output.schema_registry.username), 0, 0},
    {"output.schema_registry.password", SPEC_OPTSTR, F(output.schema_registry.password), 0, 0},
    {"output.schema_registry.password_file", SPEC_SECRET_FILE, F(output.schema_registry.password), 0, 0},
    {"output.schema_registry.ca_location", SPEC_PATH, F(output.schema_registry.ca_location), 0, 0},
    {"output.schema_registry.cert_location", SPEC_PATH, F(output.schema_registry.cert_location), 0, 0},
    {"output.schema_registry.key_location", SPEC_PATH, F(output.schema_registry.key_location), 0, 0},
    {"output.schema_registry.timeout_ms", SPEC_INT, F(output.schema_registry.timeout_ms), 100, 600000},
    {"output.schema_registry.startup_timeout_ms", SPEC_INT, F(output.schema_registry.startup_timeout_ms), 0,
     INT_MAX},
    {"metrics.listen", SPEC_LISTEN, F(metrics.listen), 0, 0},
    {"log.level", SPEC_LEVEL, F(log.level), 0, 0},
    {"log.format", SPEC_FORMAT, F(log.format), 0, 0},
};

static const char *const sections[] = {"kafka", "extract", "output", "metrics", "log"};

/* librdkafka properties that are spelled with '_' themselves and can be
 * set from a string (CONFIGURATION.md); every other '_' in a key means '.'. */
static const char *const kafka_underscore_names[] = {"log_level", "enabled_events"};

/* Where a message about a setting points: file and line. */
struct load_ctx {
	const char *path;
	char *errbuf;
	size_t errlen;
	const char *dir; /* directory of path with a trailing '/', or "" */
};

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void set_str(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static const char *type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP:
		return "a group";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return "an integer";
	case CONFIG_TYPE_FLOAT:
		return "a float";
	case CONFIG_TYPE_STRING:
		return "a string";
	case CONFIG_TYPE_BOOL:
		return "a boolean";
	case CONFIG_TYPE_ARRAY:
		return "an array";
	case CONFIG_TYPE_LIST:
		return "a list";
	default:
		return "nothing";
	}
}

/* libconfig names an @include'd file as written; name it as the reader
 * would find it, relative to the main file's directory. */
static const char *source_name(const char *src, const char *path, const char *dir, char *buf, size_t n)
{
	if (!src || strcmp(src, path) == 0 || src[0] == '/' || dir[0] == '\0')
		return src ? src : path;
	snprintf(buf, n, "%s%s", dir, src);
	return buf;
}

/* "file:line: name: message" for a setting; the line is left out when
 * libconfig does not know it. */
__attribute__((format(printf, 4, 5))) static int fail_at(struct load_ctx *ctx, const config_setting_t *s,
                                                         const char *name, const char *fmt, ...)
{
	char msg[512], fbuf[PATH_MAX];
	va_list ap;
	unsigned line = s ? config_setting_source_line(s) : 0;
	const char *file =
	    source_name(s ? config_setting_source_file(s) : NULL, ctx->path, ctx->dir, fbuf, sizeof(fbuf));

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(ctx->errbuf, ctx->errlen, "%s:%u: %s: %s", file, line, name, msg);
	else
		snprintf(ctx->errbuf, ctx->errlen, "%s: %s: %s", file, name, msg);
	return -1;
}

static int fail_nomem(struct load_ctx *ctx)
{
	snprintf(ctx->errbuf, ctx->errlen, "%s: out of memory", ctx->path);
	return -1;
}

static const struct spec *spec_find(const char *section, const char *name)
{
	size_t slen = strlen(section);

	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (strncmp(specs[i].name, section, slen) == 0 && specs[i].name[slen] == '.' &&
		    strcmp(specs[i].name + slen + 1, name) == 0)
			return &specs[i];
	return NULL;
}

/* Edit distance of two short names, capped at 3; for "did you mean". */
static int name_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[64], prev, tmp;

	if (la >= sizeof(row) / sizeof(row[0]) || lb >= sizeof(row) / sizeof(row[0]))
		return 3;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb] < 3 ? row[lb] : 3;
}

/* The known setting of the section closest to name, if it is a likely typo. */
static const char *spec_suggest(const char *section, const char *name)
{
	size_t slen = strlen(section);
	const char *best = NULL;
	int best_d = 3;

	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		int d;
		if (strncmp(specs[i].name, section, slen) != 0 || specs[i].name[slen] != '.')
			continue;
		d = name_distance(specs[i].name + slen + 1, name);
		if (d < best_d) {
			best_d = d;
			best = specs[i].name;
		}
	}
	return best;
}

static int is_integer(const config_setting_t *s)
{
	int t = config_setting_type(s);
	return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
}

/* libconfig 1.5 keeps a decimal literal without an L suffix in 32 bits,
 * silently wrapping 99999999999 to 1215752191.  Read the literal back from
 * the source line so a wrapped value is reported, not used.  Returns the
 * value as written, or libconfig's when the line cannot be read. */
static long long setting_int(const struct load_ctx *ctx, const config_setting_t *s)
{
	long long v = config_setting_get_int64(s);
	unsigned line = config_setting_source_line(s);
	const char *name = config_setting_name(s);
	char fbuf[PATH_MAX], text[1024];
	const char *file =
	    source_name(config_setting_source_file(s), ctx->path, ctx->dir, fbuf, sizeof(fbuf));
	FILE *f;

	if (config_setting_type(s) != CONFIG_TYPE_INT || !line || !name || !(f = fopen(file, "r")))
		return v;
	for (unsigned n = 1; fgets(text, sizeof(text), f); n++) {
		char *p, *end;
		long long lit;

		if (n != line)
			continue;
		for (p = strstr(text, name); p; p = strstr(p + 1, name)) {
			char *q = p + strlen(name);
			if (p > text && (p[-1] == '_' || p[-1] == '-' || isalnum((unsigned char)p[-1])))
				continue;
			q += strspn(q, " \t");
			if (*q != '=' && *q != ':')
				continue;
			errno = 0;
			lit = strtoll(q + 1, &end, 0);
			if (end != q + 1 && (lit < INT_MIN || lit > INT_MAX))
				v = errno == ERANGE ? (lit < 0 ? LLONG_MIN : LLONG_MAX) : lit;
			break;
		}
		break;
	}
	fclose(f);
	return v;
}

/* Kafka topic names: 1..249 of [a-zA-Z0-9._-], and not "." or "..". */
static int topic_name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CONFIG_MAX_TOPIC_LEN || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* "host:port", "[v6]:port" or ":port" with a port in 0..65535. */
static int listen_valid(const char *s)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long port;

	if (!colon || colon[1] == '\0')
		return 0;
	if (s[0] == '[' && (colon == s || colon[-1] != ']'))
		return 0;
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	return errno == 0 && *end == '\0' && port >= 0 && port <= 65535 && colon[1] >= '0' && colon[1] <= '9';
}

/* "http://host..." or "https://host..." (the client checks the rest). */
static int url_valid(const char *s)
{
	const char *host;

	if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else
		return 0;
	if (strlen(s) > CONFIG_MAX_URL_LEN || host[0] == '\0' || host[0] == '/' || host[0] == ':')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

/* A relative path from the file is taken relative to the file's directory. */
static char *resolve_path(const struct load_ctx *ctx, const char *value)
{
	char *out;
	size_t n;

	if (value[0] == '/' || ctx->dir[0] == '\0')
		return strdup(value);
	n = strlen(ctx->dir) + strlen(value) + 1;
	out = malloc(n);
	if (out)
		snprintf(out, n, "%s%s", ctx->dir, value);
	return out;
}

/* librdkafka property name from a libconfig setting name. */
static char *kafka_key(const char *name)
{
	char *key = strdup(name);

	if (!key)
		return NULL;
	for (size_t i = 0; i < sizeof(kafka_underscore_names) / sizeof(kafka_underscore_names[0]); i++)
		if (strcmp(name, kafka_underscore_names[i]) == 0)
			return key;
	for (char *p = key; *p; p++)
		if (*p == '_')
			*p = '.';
	return key;
}

static void kv_free(struct config_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].value);
	}
	free(kv);
}

/* kafka.consumer / kafka.producer: every member becomes key = value string.
 * A later load replaces the whole list. */
static int load_kafka_kv(struct load_ctx *ctx, struct config *cfg, const struct spec *sp,
                         const config_setting_t *g)
{
	struct config_kv **list = (struct config_kv **)((char *)cfg + sp->offset);
	size_t *count = sp->offset == F(kafka.consumer) ? &cfg->kafka.n_consumer : &cfg->kafka.n_producer;
	int n = config_setting_length(g);
	struct config_kv *kv;
	char full[256];

	if (n > CONFIG_MAX_PASSTHROUGH)
		return fail_at(ctx, g, sp->name, "more than %d properties", CONFIG_MAX_PASSTHROUGH);
	kv = calloc(n > 0 ? (size_t)n : 1, sizeof(*kv));
	if (!kv)
		return fail_nomem(ctx);
	for (int i = 0; i < n; i++) {
		const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
		char value[64];
		const char *v = value;

		snprintf(full, sizeof(full), "%s.%s", sp->name, config_setting_name(m));
		switch (config_setting_type(m)) {
		case CONFIG_TYPE_STRING:
			v = config_setting_get_string(m);
			break;
		case CONFIG_TYPE_INT:
		case CONFIG_TYPE_INT64:
			snprintf(value, sizeof(value), "%lld", setting_int(ctx, m));
			break;
		case CONFIG_TYPE_FLOAT:
			snprintf(value, sizeof(value), "%.15g", config_setting_get_float(m));
			break;
		case CONFIG_TYPE_BOOL:
			v = config_setting_get_bool(m) ? "true" : "false";
			break;
		default:
			kv_free(kv, (size_t)i);
			return fail_at(ctx, m, full, "expected a string, number or boolean, got %s",
			               type_name(config_setting_type(m)));
		}
		kv[i].key = kafka_key(config_setting_name(m));
		kv[i].value = strdup(v);
		kv[i].line = (int)config_setting_source_line(m);
		if (!kv[i].key || !kv[i].value) {
			kv_free(kv, (size_t)i + 1);
			return fail_nomem(ctx);
		}
	}
	kv_free(*list, *count);
	*list = kv;
	*count = (size_t)n;
	return 0;
}

static int load_group(struct load_ctx *ctx, struct config *cfg, const char *prefix,
                      const config_setting_t *group);

/* A secret's bytes are cleared before they go back to the allocator (core
 * dumps). */
static void secret_free(char *secret)
{
	if (!secret)
		return;
	memset(secret, 0, strlen(secret));
	__asm__ __volatile__("" : : "r"(secret) : "memory");
	free(secret);
}

/* Where a secret file named in the config is: an absolute path as it is; a
 * relative one in $CREDENTIALS_DIRECTORY (systemd's LoadCredential=) when
 * that is set, else beside the config file like every other path. */
static int secret_path(const struct load_ctx *ctx, const char *value, char *out, size_t size)
{
	const char *creds = getenv("CREDENTIALS_DIRECTORY");
	int n;

	if (value[0] == '/')
		n = snprintf(out, size, "%s", value);
	else if (creds && creds[0])
		n = snprintf(out, size, "%s/%s", creds, value);
	else
		n = snprintf(out, size, "%s%s", ctx->dir, value);
	return n >= 0 && (size_t)n < size ? 0 : -1;
}

/* Read the one-line secret file a setting names into *field: at most
 * CONFIG_MAX_SECRET_BYTES, one final "\n" or "\r\n" dropped, not empty, no
 * other line end or NUL.  Messages name the file, never its content. */
static int load_secret_file(struct load_ctx *ctx, const config_setting_t *s, const char *name,
                            const char *value, char **field)
{
	char path[PATH_MAX], buf[CONFIG_MAX_SECRET_BYTES + 1];
	size_t n = 0;
	FILE *f;
	int r = -1;

	if (secret_path(ctx, value, path, sizeof(path)) < 0)
		return fail_at(ctx, s, name, "path too long");
	f = fopen(path, "rb");
	if (!f)
		return fail_at(ctx, s, name, "cannot read %s: %s", path, strerror(errno));
	n = fread(buf, 1, sizeof(buf), f);
	if (ferror(f))
		fail_at(ctx, s, name, "cannot read %s: %s", path, strerror(errno));
	else if (n > CONFIG_MAX_SECRET_BYTES)
		fail_at(ctx, s, name, "%s is larger than %d bytes", path, CONFIG_MAX_SECRET_BYTES);
	else {
		if (n > 0 && buf[n - 1] == '\n')
			n--;
		if (n > 0 && buf[n - 1] == '\r')
			n--;
		if (n == 0)
			fail_at(ctx, s, name, "%s is empty", path);
		else if (memchr(buf, '\0', n))
			fail_at(ctx, s, name, "%s holds a NUL byte", path);
		else if (memchr(buf, '\n', n) || memchr(buf, '\r', n))
			fail_at(ctx, s, name, "%s holds more than one line", path);
		else {
			char *copy = malloc(n + 1);
			if (!copy) {
				r = fail_nomem(ctx);
			} else {
				memcpy(copy, buf, n);
				copy[n] = '\0';
				secret_free(*field);
				*field = copy;
				r = 0;
			}
		}
	}
	fclose(f);
	memset(buf, 0, sizeof(buf));
	__asm__ __volatile__("" : : "r"(buf) : "memory");
	return r;
}

/* Check one known setting's type and range and store it. */
static int load_setting(struct load_ctx *ctx, struct config *cfg, const struct spec *sp,
                        const config_setting_t *s)
{
	void *field = (char *)cfg + sp->offset;
	int type = config_setting_type(s);
	const char *str = NULL;
	char *copy;

	switch (sp->kind) {
	case SPEC_INT:
	case SPEC_SIZE: {
		long long v;
		if (!is_integer(s))
			return fail_at(ctx, s, sp->name, "expected an integer, got %s", type_name(type));
		v = setting_int(ctx, s);
		if (v < sp->min || v > sp->max)
			return fail_at(ctx, s, sp->name, "%lld is out of range %lld..%lld", v, sp->min,
			               sp->max);
		if (sp->kind == SPEC_INT)
			*(int *)field = (int)v;
		else
			*(size_t *)field = (size_t)v;
		return 0;
	}
	case SPEC_DOUBLE: {
		double v;
		if (type != CONFIG_TYPE_FLOAT && !is_integer(s))
			return fail_at(ctx, s, sp->name, "expected a number, got %s", type_name(type));
		v = type == CONFIG_TYPE_FLOAT ? config_setting_get_float(s) : (double)setting_int(ctx, s);
		if (!(v >= (double)sp->min && v <= (double)sp->max))
			return fail_at(ctx, s, sp->name, "%g is out of range %lld..%lld", v, sp->min,
			               sp->max);
		*(double *)field = v;
		return 0;
	}
	case SPEC_BOOL:
		if (type != CONFIG_TYPE_BOOL)
			return fail_at(ctx, s, sp->name, "expected a boolean (true or false), got %s",
			               type_name(type));
		*(bool *)field = config_setting_get_bool(s) != 0;
		return 0;
	case SPEC_KAFKA_KV:
		if (type != CONFIG_TYPE_GROUP)
			return fail_at(ctx, s, sp->name, "expected a group, got %s", type_name(type));
		return load_kafka_kv(ctx, cfg, sp, s);
	case SPEC_SUBGROUP:
		if (type != CONFIG_TYPE_GROUP)
			return fail_at(ctx, s, sp->name, "expected a group, got %s", type_name(type));
		return load_group(ctx, cfg, sp->name, s);
	default:
		break;
	}

	/* Everything else is a string. */
	if (type != CONFIG_TYPE_STRING)
		return fail_at(ctx, s, sp->name, "expected a string, got %s", type_name(type));
	str = config_setting_get_string(s);
	switch (sp->kind) {
	case SPEC_STRING:
	case SPEC_PATH:
		if (str[0] == '\0')
			return fail_at(ctx, s, sp->name, "must not be empty");
		break;
	case SPEC_SECRET_FILE:
		if (str[0] == '\0')
			return fail_at(ctx, s, sp->name, "must not be empty");
		return load_secret_file(ctx, s, sp->name, str, (char **)field);
	case SPEC_TOPIC:
		if (!topic_name_valid(str))
			return fail_at(
			    ctx, s, sp->name,
			    "\"%s\" is not a valid topic name (1-%d characters of a-z A-Z 0-9 . _ -)", str,
			    CONFIG_MAX_TOPIC_LEN);
		break;
	case SPEC_DELIVERY:
		if (strcmp(str, "at-least-once") == 0)
			*(enum delivery_mode *)field = DELIVERY_AT_LEAST_ONCE;
		else if (strcmp(str, "exactly-once") == 0)
			*(enum delivery_mode *)field = DELIVERY_EXACTLY_ONCE;
		else
			return fail_at(ctx, s, sp->name,
			               "expected \"at-least-once\" or \"exactly-once\", got \"%s\"", str);
		return 0;
	case SPEC_FRAMING:
		if (strcmp(str, "single-object") == 0)
			*(enum avro_framing *)field = AVRO_FRAMING_SINGLE_OBJECT;
		else if (strcmp(str, "confluent") == 0)
			*(enum avro_framing *)field = AVRO_FRAMING_CONFLUENT;
		else
			return fail_at(ctx, s, sp->name,
			               "expected \"single-object\" or \"confluent\", got \"%s\"", str);
		return 0;
	case SPEC_LEVEL:
		if (log_level_parse(str) < 0)
			return fail_at(
			    ctx, s, sp->name,
			    "expected \"debug\", \"info\", \"notice\", \"warning\" or \"error\", got \"%s\"",
			    str);
		break;
	case SPEC_FORMAT:
		if (log_format_parse(str) < 0)
			return fail_at(ctx, s, sp->name,
			               "expected \"auto\", \"text\", \"journal\" or \"json\", got \"%s\"",
			               str);
		break;
	case SPEC_LISTEN:
		if (str[0] != '\0' && !listen_valid(str))
			return fail_at(ctx, s, sp->name,
			               "expected \"host:port\" or \"\" to disable, got \"%s\"", str);
		break;
	case SPEC_URL:
		/* A URL may carry user:password: a value with '@' is not quoted. */
		if (str[0] != '\0' && !url_valid(str))
			return fail_at(
			    ctx, s, sp->name,
			    "expected \"http://host:port\" or \"https://host:port\" (or \"\" for no "
			    "registry), got \"%.200s\"",
			    strchr(str, '@') ? "(not quoted: it has credentials)" : str);
		break;
	case SPEC_STRATEGY:
		if (strcmp(str, "topic") != 0 && strcmp(str, "record") != 0 &&
		    strcmp(str, "topic-record") != 0)
			return fail_at(ctx, s, sp->name,
			               "expected \"topic\", \"record\" or \"topic-record\", got \"%s\"", str);
		break;
	default:
		break;
	}
	copy = sp->kind == SPEC_PATH ? resolve_path(ctx, str) : strdup(str);
	if (!copy)
		return fail_nomem(ctx);
	free(*(char **)field);
	*(char **)field = copy;
	return 0;
}

/* Walk the whole tree: sections, then their settings. */
static int load_tree(struct load_ctx *ctx, struct config *cfg, const config_setting_t *root)
{
	int n = config_setting_length(root);

	for (int i = 0; i < n; i++) {
		const config_setting_t *sec = config_setting_get_elem(root, (unsigned)i);
		const char *sname = config_setting_name(sec);
		size_t k;

		for (k = 0; k < sizeof(sections) / sizeof(sections[0]); k++)
			if (strcmp(sname, sections[k]) == 0)
				break;
		if (k == sizeof(sections) / sizeof(sections[0])) {
			for (k = 0; k < sizeof(sections) / sizeof(sections[0]); k++)
				if (name_distance(sections[k], sname) < 3)
					return fail_at(ctx, sec, sname, "unknown setting (did you mean %s?)",
					               sections[k]);
			return fail_at(ctx, sec, sname,
			               "unknown setting (sections are kafka, extract, output, metrics, log)");
		}
		if (config_setting_type(sec) != CONFIG_TYPE_GROUP)
			return fail_at(ctx, sec, sname, "expected a group, got %s",
			               type_name(config_setting_type(sec)));
		if (load_group(ctx, cfg, sname, sec) < 0)
			return -1;
	}
	return 0;
}

/* The members of a section (prefix "output") or of a group within one
 * ("output.schema_registry"): each must be in the table under prefix. */
static int load_group(struct load_ctx *ctx, struct config *cfg, const char *prefix,
                      const config_setting_t *group)
{
	for (int j = 0; j < config_setting_length(group); j++) {
		const config_setting_t *s = config_setting_get_elem(group, (unsigned)j);
		const struct spec *sp = spec_find(prefix, config_setting_name(s));
		char full[256];

		if (!sp) {
			const char *near = spec_suggest(prefix, config_setting_name(s));
			snprintf(full, sizeof(full), "%s.%s", prefix, config_setting_name(s));
			if (near)
				return fail_at(ctx, s, full, "unknown setting (did you mean %s?)", near);
			return fail_at(ctx, s, full, "unknown setting");
		}
		if (load_setting(ctx, cfg, sp, s) < 0)
			return -1;
	}
	return 0;
}

/* With a registry the id comes from it and the framing must carry it: an
 * explicit schema id or single-object framing next to a url is a mistake
 * worth stopping for, not a choice to guess at. */
static int check_registry(struct load_ctx *ctx, struct config *cfg, const config_t *lc)
{
	const config_setting_t *s;

	if (!config_registry_enabled(cfg))
		return 0;
	if ((s = config_lookup(lc, "output.schema_id")))
		return fail_at(
		    ctx, s, "output.schema_id",
		    "must not be set with output.schema_registry.url (the registry assigns the id)");
	if ((s = config_lookup(lc, "output.framing")) && cfg->output.framing != AVRO_FRAMING_CONFLUENT)
		return fail_at(ctx, s, "output.framing",
		               "must be \"confluent\" (or left out) with output.schema_registry.url");
	if (cfg->output.schema_registry.key_location && !cfg->output.schema_registry.cert_location)
		return fail_at(ctx, config_lookup(lc, "output.schema_registry.key_location"),
		               "output.schema_registry.key_location",
		               "needs output.schema_registry.cert_location (the client certificate)");
	if (cfg->output.schema_registry.username && strchr(cfg->output.schema_registry.username, ':'))
		return fail_at(
		    ctx, config_lookup(lc, "output.schema_registry.username"),
		    "output.schema_registry.username",
		    "must not contain ':' (basic authentication separates it from the password with one)");
	if ((s = config_lookup(lc, "output.schema_registry.password")) &&
	    config_lookup(lc, "output.schema_registry.password_file"))
		return fail_at(ctx, s, "output.schema_registry.password",
		               "set password or password_file, not both");
	if (cfg->output.schema_registry.password && !cfg->output.schema_registry.username) {
		const char *which = config_lookup(lc, "output.schema_registry.password")
		                        ? "output.schema_registry.password"
		                        : "output.schema_registry.password_file";
		return fail_at(ctx, config_lookup(lc, which), which, "needs output.schema_registry.username");
	}
	cfg->output.framing = AVRO_FRAMING_CONFLUENT;
	return 0;
}

/* Rules that involve more than one setting. */
static int check_cross(struct load_ctx *ctx, struct config *cfg, const config_t *lc)
{
	if (check_registry(ctx, cfg, lc) < 0)
		return -1;
	if (cfg->output.framing == AVRO_FRAMING_CONFLUENT && cfg->output.schema_id < 0 &&
	    !config_registry_enabled(cfg))
		return fail_at(ctx, config_lookup(lc, "output.framing"), "output.schema_id",
		               "required when output.framing is \"confluent\"");
	if (strcmp(cfg->kafka.output_topic, cfg->kafka.input_topic) == 0)
		return fail_at(ctx, config_lookup(lc, "kafka.output_topic"), "kafka.output_topic",
		               "must differ from kafka.input_topic (\"%s\")", cfg->kafka.input_topic);
	if (strcmp(cfg->kafka.dlq_topic, cfg->kafka.input_topic) == 0)
		return fail_at(ctx, config_lookup(lc, "kafka.dlq_topic"), "kafka.dlq_topic",
		               "must differ from kafka.input_topic (\"%s\")", cfg->kafka.input_topic);
	return 0;
}

static int dir_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int file_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->kafka.brokers = xstrdup("localhost:9092");
	cfg->kafka.embedded_brokers = 1;
	cfg->kafka.embedded_partitions = 4;
	cfg->kafka.group_id = xstrdup("conflictd");
	cfg->kafka.client_id = xstrdup("conflictd");
	cfg->kafka.input_topic = xstrdup("articles");
	cfg->kafka.output_topic = xstrdup("conflict-events");
	cfg->kafka.dlq_topic = xstrdup("articles-dlq");
	cfg->kafka.delivery = DELIVERY_AT_LEAST_ONCE;
	cfg->kafka.shutdown_timeout_ms = 30000;
	cfg->kafka.max_in_flight = 1000;

	cfg->extract.data_dir = xstrdup(
	    dir_exists(CONFLICTD_INSTALL_DATADIR "/data") ? CONFLICTD_INSTALL_DATADIR "/data" : "data");
	cfg->extract.emit_tallies = true;
	cfg->extract.min_confidence = 0.0;
	cfg->extract.max_events = EXTRACT_MAX_EVENTS;
	cfg->extract.max_article_bytes = ARTICLE_DEFAULT_MAX_BYTES;

	cfg->output.framing = AVRO_FRAMING_SINGLE_OBJECT;
	cfg->output.schema_id = -1;
	cfg->output.schema_path =
	    xstrdup(file_exists(CONFLICTD_INSTALL_DATADIR "/schemas/conflict_event.avsc")
	                ? CONFLICTD_INSTALL_DATADIR "/schemas/conflict_event.avsc"
	                : "schemas/conflict_event.avsc");

	cfg->output.schema_registry.subject_strategy = xstrdup("topic");
	cfg->output.schema_registry.timeout_ms = 10000;
	cfg->output.schema_registry.startup_timeout_ms = 60000;

	cfg->metrics.listen = xstrdup("127.0.0.1:9108");
	cfg->log.level = xstrdup("info");
	cfg->log.format = xstrdup("auto");
}

/* The file must be a readable regular file; libconfig's own I/O error does
 * not say why. */
static int check_readable(const char *path, char *errbuf, size_t errlen)
{
	FILE *f = fopen(path, "r");
	struct stat st;

	if (!f) {
		snprintf(errbuf, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		snprintf(errbuf, errlen, "%s: cannot open: %s", path, strerror(EISDIR));
		return -1;
	}
	fclose(f);
	return 0;
}

int config_load(struct config *cfg, const char *path, char *errbuf, size_t errlen)
{
	struct load_ctx ctx = {.path = path, .errbuf = errbuf, .errlen = errlen, .dir = ""};
	const char *slash;
	char *dir = NULL, fbuf[PATH_MAX];
	config_t lc;
	int rc = -1;

	if (!path || !*path) {
		snprintf(errbuf, errlen, "(no file): cannot open: %s", strerror(ENOENT));
		return -1;
	}
	if (check_readable(path, errbuf, errlen) < 0)
		return -1;
	set_str(&cfg->path, path);
	if (!cfg->path) {
		snprintf(errbuf, errlen, "%s: out of memory", path);
		return -1;
	}

	/* "conf/x.conf" -> "conf/"; "x.conf" -> "" (relative to the cwd). */
	slash = strrchr(path, '/');
	if (slash) {
		dir = strndup(path, (size_t)(slash - path) + 1);
		if (!dir) {
			snprintf(errbuf, errlen, "%s: out of memory", path);
			return -1;
		}
		ctx.dir = dir;
	}

	config_init(&lc);
	if (dir)
		config_set_include_dir(&lc, dir);
	if (config_read_file(&lc, path) != CONFIG_TRUE) {
		if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
			snprintf(errbuf, errlen, "%s: cannot read: %s", path,
			         config_error_text(&lc) ? config_error_text(&lc) : "I/O error");
		else
			snprintf(errbuf, errlen, "%s:%d: %s",
			         source_name(config_error_file(&lc), path, ctx.dir, fbuf, sizeof(fbuf)),
			         config_error_line(&lc), config_error_text(&lc));
		goto out;
	}
	if (load_tree(&ctx, cfg, config_root_setting(&lc)) < 0 || check_cross(&ctx, cfg, &lc) < 0)
		goto out;
	rc = 0;
out:
	config_destroy(&lc);
	free(dir);
	return rc;
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->kafka.brokers);
	free(cfg->kafka.embedded_bootstrap_file);
	free(cfg->kafka.group_id);
	free(cfg->kafka.client_id);
	free(cfg->kafka.group_instance_id);
	free(cfg->kafka.input_topic);
	free(cfg->kafka.output_topic);
	free(cfg->kafka.dlq_topic);
	kv_free(cfg->kafka.consumer, cfg->kafka.n_consumer);
	kv_free(cfg->kafka.producer, cfg->kafka.n_producer);
	free(cfg->extract.data_dir);
	free(cfg->output.schema_path);
	free(cfg->output.schema_registry.url);
	free(cfg->output.schema_registry.subject_strategy);
	free(cfg->output.schema_registry.username);
	secret_free(cfg->output.schema_registry.password);
	free(cfg->output.schema_registry.ca_location);
	free(cfg->output.schema_registry.cert_location);
	free(cfg->output.schema_registry.key_location);
	free(cfg->metrics.listen);
	free(cfg->log.level);
	free(cfg->log.format);
	memset(cfg, 0, sizeof(*cfg));
}

bool config_registry_enabled(const struct config *cfg)
{
	return cfg->output.schema_registry.url && cfg->output.schema_registry.url[0] != '\0';
}
