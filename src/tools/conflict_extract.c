/*
 * conflict_extract.c - conflict-extract, the offline face of the extractor.
 *
 *   conflict-extract [--data DIR] [--schema FILE] [--pretty] [--avro OUT.avro] [FILE...]
 *   conflict-extract --text FILE [--published-at RFC3339]
 *   conflict-extract --decode FILE
 *
 * The first form reads JSON-lines articles from the files (or stdin) and
 * writes one JSON event per line on stdout, optionally also an Avro object
 * container file.  Every line goes through article_decode() and the
 * extractor through extract.h, exactly as in the daemon, so what this tool
 * prints is what conflictd would produce.  A bad line is reported on stderr
 * with its file and line number and skipped; the exit status is then 1.
 *
 * --decode prints a Kafka value (single-object or Confluent framing) or an
 * Avro object container file as JSON.  Container files are parsed here
 * rather than by avro_file_reader(), so that every datum goes through the
 * codec's bounded validator; only the "null" codec is supported, which is
 * what avro-c and python3-avro write by default.
 *
 * --encode-framed OUT (for tests) also writes the first event's
 * single-object encoded value to OUT.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <avro.h>

#include "article.h"
#include "avro_codec.h"
#include "event_json.h"
#include "extract/extract.h"

#define TOOL_NAME          "conflict-extract"
#define DECODE_MAX_BYTES   (256u << 20) /* --decode input */
#define AVRO_BLOCK_BYTES   (4u << 20)   /* object container block; one datum must fit */
#define CONTAINER_MAX_META 64           /* metadata entries read from a container header */

struct opts {
	const char *data_dir;
	const char *schema;
	const char *avro_out;
	const char *text_file;
	const char *published_at;
	const char *decode_file;
	const char *framed_out;
	const char *writers; /* --writers: older schemas --decode resolves */
	int pretty;
	char **files;
	int n_files;
};

/* Everything one run holds. */
struct run {
	struct opts o;
	struct extract_data *data;
	struct extractor *ex;
	struct avro_codec *codec; /* only with --avro, --decode or --encode-framed */
	avro_schema_t file_schema;
	avro_file_writer_t avro;
	int framed_written;
	unsigned long articles, events, bad;
};

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: %s [--data DIR] [--schema FILE] [--pretty] [--avro OUT.avro] [FILE...]\n"
	        "       %s --text FILE [--published-at RFC3339] [--data DIR] [--pretty]\n"
	        "       %s --decode FILE [--schema FILE] [--writers DIR] [--pretty]\n"
	        "JSON-lines articles (id, text, title, url, published_at, source, language) from the\n"
	        "files or stdin -> one JSON event per line on stdout.\n",
	        TOOL_NAME, TOOL_NAME, TOOL_NAME);
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *default_data_dir(void)
{
	const char *env = getenv("CONFLICTD_DATA_DIR");
	if (env && *env)
		return env;
	if (is_dir("data"))
		return "data";
	return CONFLICTD_INSTALL_DATADIR "/data";
}

static const char *default_schema(void)
{
	if (is_file("schemas/conflict_event.avsc"))
		return "schemas/conflict_event.avsc";
	return CONFLICTD_INSTALL_DATADIR "/schemas/conflict_event.avsc";
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read a whole file, at most max bytes.  Returns a malloc'd buffer (with a
 * NUL after the data) or NULL with a message. */
static char *slurp(const char *path, size_t max, size_t *len, char *errbuf, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			if (cap >= max + 1) {
				snprintf(errbuf, errlen, "%s: larger than %zu bytes", path, max);
				goto err;
			}
			cap = cap ? cap * 2 : 65536;
			if (cap > max + 1)
				cap = max + 1;
			char *nb = realloc(buf, cap + 1);
			if (!nb) {
				snprintf(errbuf, errlen, "%s: out of memory", path);
				goto err;
			}
			buf = nb;
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0) {
			if (ferror(f)) {
				snprintf(errbuf, errlen, "%s: read error", path);
				goto err;
			}
			break;
		}
	}
	if (n > max) {
		snprintf(errbuf, errlen, "%s: larger than %zu bytes", path, max);
		goto err;
	}
	fclose(f);
	if (!buf && !(buf = malloc(1))) {
		snprintf(errbuf, errlen, "%s: out of memory", path);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
err:
	fclose(f);
	free(buf);
	return NULL;
}

static int print_event(struct run *r, const struct conflict_event *ev)
{
	char *json = event_to_json(ev, r->o.pretty ? EVENT_JSON_PRETTY : EVENT_JSON_COMPACT);
	if (!json) {
		fprintf(stderr, "%s: event %s: out of memory rendering JSON\n", TOOL_NAME, ev->event_id);
		return -1;
	}
	fputs(json, stdout);
	fputc('\n', stdout);
	free(json);
	return 0;
}

/* The extra outputs of one event: the container file and the framed value. */
static int write_avro(struct run *r, const struct conflict_event *ev)
{
	char err[512];
	void *buf;
	size_t len;

	if (r->avro) {
		if (avro_codec_encode(r->codec, ev, AVRO_FRAMING_NONE, 0, &buf, &len, err, sizeof(err)) !=
		    0) {
			fprintf(stderr, "%s: %s\n", TOOL_NAME, err);
			return -1;
		}
		int rc = avro_file_writer_append_encoded(r->avro, buf, (int64_t)len);
		free(buf);
		if (rc != 0) {
			fprintf(stderr, "%s: %s: event %s: %s\n", TOOL_NAME, r->o.avro_out, ev->event_id,
			        avro_strerror());
			return -1;
		}
	}
	if (r->o.framed_out && !r->framed_written) {
		if (avro_codec_encode(r->codec, ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err,
		                      sizeof(err)) != 0) {
			fprintf(stderr, "%s: %s\n", TOOL_NAME, err);
			return -1;
		}
		FILE *f = fopen(r->o.framed_out, "wb");
		int ok = f && fwrite(buf, 1, len, f) == len;
		if (f && fclose(f) != 0)
			ok = 0;
		free(buf);
		if (!ok) {
			fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, r->o.framed_out, strerror(errno));
			return -1;
		}
		r->framed_written = 1;
	}
	return 0;
}

/* One input value (a JSON line or a whole text file) -> its events.
 * where names it in messages ("file.jsonl:12"). */
static int process_value(struct run *r, const char *value, size_t len, const struct article_origin *origin,
                         const char *where, const char *force_id)
{
	struct article a;
	struct extract_article view;
	const struct conflict_event *events;
	char err[512];
	int n, rc = 0;

	enum article_error ae =
	    article_decode(&a, value, len, origin, ARTICLE_DEFAULT_MAX_BYTES, err, sizeof(err));
	if (ae != ARTICLE_OK) {
		fprintf(stderr, "%s: %s: %s (%s)\n", TOOL_NAME, where, err, article_error_name(ae));
		return -1;
	}
	if (force_id) {
		char *id = strdup(force_id);
		if (id) {
			free(a.id);
			a.id = id;
		}
	}
	r->articles++;
	article_view(&a, &view);
	n = extractor_run(r->ex, &view, &events, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "%s: %s: article %s: %s\n", TOOL_NAME, where, a.id, err);
		article_free(&a);
		return -1;
	}
	int64_t processed = now_ms();
	for (int i = 0; i < n; i++) {
		struct conflict_event ev = events[i];
		event_strlcpy(ev.article_url, a.url ? a.url : "", sizeof(ev.article_url));
		event_strlcpy(ev.source_name, a.source ? a.source : "", sizeof(ev.source_name));
		ev.processed_at_ms = processed;
		if (print_event(r, &ev) != 0 || write_avro(r, &ev) != 0)
			rc = -1;
		r->events++;
	}
	article_free(&a);
	return rc;
}

/* Read one line of at most max bytes into *buf (grown as needed).  Returns
 * its length, -1 at end of input, or -2 for a longer line, which is skipped
 * up to its newline. */
static long read_line(FILE *f, char **buf, size_t *cap, size_t max)
{
	size_t n = 0;
	int c, too_long = 0;

	if (!*buf) {
		if (!(*buf = malloc(65536)))
			return -3;
		*cap = 65536;
	}
	while ((c = getc_unlocked(f)) != EOF) {
		if (c == '\n')
			break;
		if (too_long)
			continue;
		if (n >= max) {
			too_long = 1;
			continue;
		}
		if (n + 1 >= *cap) {
			size_t nc = *cap ? *cap * 2 : 65536;
			char *nb = realloc(*buf, nc);
			if (!nb)
				return -3;
			*buf = nb;
			*cap = nc;
		}
		(*buf)[n++] = (char)c;
	}
	if (c == EOF && n == 0 && !too_long)
		return -1;
	if (too_long)
		return -2;
	if (n > 0 && (*buf)[n - 1] == '\r') /* CRLF files */
		n--;
	(*buf)[n] = '\0';
	return (long)n;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static void process_stream(struct run *r, FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	long len;
	char where[1100];
	unsigned long lineno = 0;

	while ((len = read_line(f, &line, &cap, ARTICLE_DEFAULT_MAX_BYTES)) != -1) {
		lineno++;
		snprintf(where, sizeof(where), "%s:%lu", name, lineno);
		if (len == -3) {
			fprintf(stderr, "%s: %s: out of memory\n", TOOL_NAME, where);
			r->bad++;
			break;
		}
		if (len == -2) {
			fprintf(stderr, "%s: %s: line longer than %d bytes (too_large)\n", TOOL_NAME, where,
			        ARTICLE_DEFAULT_MAX_BYTES);
			r->bad++;
			continue;
		}
		if (is_blank(line, (size_t)len))
			continue;
		struct article_origin origin = {
		    .topic = name, .partition = 0, .offset = (int64_t)lineno, .timestamp_ms = -1};
		if (process_value(r, line, (size_t)len, &origin, where, NULL) != 0)
			r->bad++;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: %s: read error\n", TOOL_NAME, name);
		r->bad++;
	}
	free(line);
}

/* ---- --decode ---- */

struct cursor {
	const unsigned char *p, *end;
};

static int cur_long(struct cursor *c, int64_t *out)
{
	uint64_t u = 0;
	for (int i = 0; i < 10; i++) {
		if (c->p >= c->end)
			return -1;
		unsigned char b = *c->p++;
		u |= (uint64_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80)) {
			*out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
			return 0;
		}
	}
	return -1;
}

/* A length-prefixed byte string within the cursor. */
static int cur_bytes(struct cursor *c, const unsigned char **s, size_t *n)
{
	int64_t len;
	if (cur_long(c, &len) != 0 || len < 0 || (uint64_t)len > (size_t)(c->end - c->p))
		return -1;
	*s = c->p;
	*n = (size_t)len;
	c->p += len;
	return 0;
}

static int decode_container(struct run *r, const unsigned char *buf, size_t len, const char *path)
{
	struct cursor c = {buf + 4, buf + len};
	const unsigned char *schema = NULL, *codec = NULL, *sync;
	size_t schema_len = 0, codec_len = 0, entries = 0;
	char err[512];
	int64_t count, size;

	/* Header: metadata map (blocks of key string, value bytes), then sync. */
	for (;;) {
		if (cur_long(&c, &count) != 0)
			goto bad_header;
		if (count == 0)
			break;
		if (count < 0) {
			count = count == INT64_MIN ? 0 : -count;
			if (cur_long(&c, &size) != 0)
				goto bad_header;
		}
		for (int64_t i = 0; i < count; i++) {
			const unsigned char *k, *v;
			size_t kn, vn;
			if (++entries > CONTAINER_MAX_META || cur_bytes(&c, &k, &kn) != 0 ||
			    cur_bytes(&c, &v, &vn) != 0)
				goto bad_header;
			if (kn == 11 && memcmp(k, "avro.schema", 11) == 0) {
				schema = v;
				schema_len = vn;
			} else if (kn == 10 && memcmp(k, "avro.codec", 10) == 0) {
				codec = v;
				codec_len = vn;
			}
		}
	}
	if ((size_t)(c.end - c.p) < 16)
		goto bad_header;
	sync = c.p;
	c.p += 16;
	if (!schema) {
		fprintf(stderr, "%s: %s: container header has no avro.schema\n", TOOL_NAME, path);
		return -1;
	}
	if (codec && !(codec_len == 4 && memcmp(codec, "null", 4) == 0)) {
		fprintf(stderr, "%s: %s: codec '%.*s' is not supported (only \"null\")\n", TOOL_NAME, path,
		        (int)(codec_len < 32 ? codec_len : 32), (const char *)codec);
		return -1;
	}
	char *stext = strndup((const char *)schema, schema_len);
	if (!stext) {
		fprintf(stderr, "%s: %s: out of memory\n", TOOL_NAME, path);
		return -1;
	}
	char *canon = avro_canonical_form(stext, err, sizeof(err));
	if (!canon) {
		free(stext);
		fprintf(stderr, "%s: %s: writer schema: %s\n", TOOL_NAME, path, err);
		return -1;
	}
	uint64_t fp = avro_crc64(canon, strlen(canon));
	free(canon);
	/* Another version: the header's schema is the writer schema. */
	if (fp != avro_codec_fingerprint(r->codec) &&
	    avro_codec_add_writer(r->codec, stext, -1, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s: written with schema fingerprint %016llx, which %s cannot read: %s\n",
		        TOOL_NAME, path, (unsigned long long)fp, avro_codec_schema_name(r->codec), err);
		free(stext);
		return -1;
	}
	free(stext);

	/* Blocks: object count, byte size, the datums, the sync marker. */
	unsigned long block = 0;
	while (c.p < c.end) {
		block++;
		if (cur_long(&c, &count) != 0 || cur_long(&c, &size) != 0 || count < 0 || size < 0 ||
		    (uint64_t)size > (size_t)(c.end - c.p) || (size_t)(c.end - c.p) - (size_t)size < 16) {
			fprintf(stderr, "%s: %s: block %lu: bad count or size\n", TOOL_NAME, path, block);
			return -1;
		}
		const unsigned char *p = c.p, *end = c.p + size;
		for (int64_t i = 0; i < count; i++) {
			struct conflict_event ev;
			size_t used;
			if (avro_codec_decode_datum_as(r->codec, fp, p, (size_t)(end - p), &used, &ev, err,
			                               sizeof(err)) != 0) {
				fprintf(stderr, "%s: %s: block %lu, record %lld: %s\n", TOOL_NAME, path,
				        block, (long long)i, err);
				return -1;
			}
			p += used;
			if (print_event(r, &ev) != 0)
				return -1;
			r->events++;
		}
		if (p != end) {
			fprintf(stderr, "%s: %s: block %lu: %zu bytes after its %lld records\n", TOOL_NAME,
			        path, block, (size_t)(end - p), (long long)count);
			return -1;
		}
		if (memcmp(end, sync, 16) != 0) {
			fprintf(stderr, "%s: %s: block %lu: sync marker mismatch\n", TOOL_NAME, path, block);
			return -1;
		}
		c.p = end + 16;
	}
	return 0;
bad_header:
	fprintf(stderr, "%s: %s: malformed object container header\n", TOOL_NAME, path);
	return -1;
}

static int run_decode(struct run *r)
{
	char err[512];
	size_t len;
	int rc;
	unsigned char *buf =
	    (unsigned char *)slurp(r->o.decode_file, DECODE_MAX_BYTES, &len, err, sizeof(err));

	if (!buf) {
		fprintf(stderr, "%s: %s\n", TOOL_NAME, err);
		return 1;
	}
	if (len >= 4 && memcmp(buf, "Obj\x01", 4) == 0) {
		rc = decode_container(r, buf, len, r->o.decode_file);
	} else {
		struct conflict_event ev;
		rc = avro_codec_decode(r->codec, buf, len, &ev, err, sizeof(err));
		if (rc != 0)
			fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, r->o.decode_file, err);
		else
			rc = print_event(r, &ev);
	}
	free(buf);
	return rc == 0 ? 0 : 1;
}

/* ---- setup ---- */

static int parse_args(struct opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	o->files = calloc((size_t)argc, sizeof(char *));
	if (!o->files)
		return -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--data") == 0)
			slot = &o->data_dir;
		else if (strcmp(a, "--schema") == 0)
			slot = &o->schema;
		else if (strcmp(a, "--avro") == 0)
			slot = &o->avro_out;
		else if (strcmp(a, "--text") == 0)
			slot = &o->text_file;
		else if (strcmp(a, "--published-at") == 0)
			slot = &o->published_at;
		else if (strcmp(a, "--decode") == 0)
			slot = &o->decode_file;
		else if (strcmp(a, "--encode-framed") == 0)
			slot = &o->framed_out;
		else if (strcmp(a, "--writers") == 0)
			slot = &o->writers;
		else if (strcmp(a, "--pretty") == 0) {
			o->pretty = 1;
			continue;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 1;
		} else if (strcmp(a, "-") == 0 || a[0] != '-') {
			o->files[o->n_files++] = argv[i];
			continue;
		} else {
			fprintf(stderr, "%s: unknown option %s\n", TOOL_NAME, a);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "%s: %s needs a value\n", TOOL_NAME, a);
			return -1;
		}
		*slot = argv[++i];
	}
	if ((o->text_file || o->decode_file) && o->n_files) {
		fprintf(stderr, "%s: --text and --decode take no other input files\n", TOOL_NAME);
		return -1;
	}
	if (o->text_file && o->decode_file) {
		fprintf(stderr, "%s: --text and --decode are exclusive\n", TOOL_NAME);
		return -1;
	}
	if (o->published_at && !o->text_file) {
		fprintf(stderr, "%s: --published-at goes with --text\n", TOOL_NAME);
		return -1;
	}
	return 0;
}

/* --decode reads values written with older schema versions too: those in
 * --writers DIR, else in history/ beside the schema file when it exists. */
static int decode_writers(struct run *r, const char *schema)
{
	char dir[4096], err[512];
	const char *slash = strrchr(schema, '/');

	if (r->o.writers)
		snprintf(dir, sizeof(dir), "%s", r->o.writers);
	else
		snprintf(dir, sizeof(dir), "%.*shistory", slash ? (int)(slash - schema + 1) : 0, schema);
	if (!r->o.writers && !is_dir(dir))
		return 0;
	if (avro_codec_add_writers_from_dir(r->codec, dir, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", TOOL_NAME, err);
		return -1;
	}
	return 0;
}

static int open_outputs(struct run *r)
{
	char err[512];
	const char *schema = r->o.schema ? r->o.schema : default_schema();

	if (!r->o.avro_out && !r->o.decode_file && !r->o.framed_out)
		return 0;
	if (avro_codec_open(&r->codec, schema, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", TOOL_NAME, err);
		return -1;
	}
	if (r->o.decode_file && decode_writers(r, schema) != 0)
		return -1;
	if (!r->o.avro_out)
		return 0;

	size_t len;
	char *text = slurp(schema, 1u << 20, &len, err, sizeof(err));
	if (!text) {
		fprintf(stderr, "%s: %s\n", TOOL_NAME, err);
		return -1;
	}
	int rc = avro_schema_from_json_length(text, len, &r->file_schema);
	free(text);
	if (rc != 0) {
		r->file_schema = NULL;
		fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, schema, avro_strerror());
		return -1;
	}
	FILE *f = fopen(r->o.avro_out, "wb");
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, r->o.avro_out, strerror(errno));
		return -1;
	}
	/* avro-c takes ownership of f (should_close = 1). */
	if (avro_file_writer_create_with_codec_fp(f, r->o.avro_out, 1, r->file_schema, &r->avro, "null",
	                                          AVRO_BLOCK_BYTES) != 0) {
		r->avro = NULL;
		fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, r->o.avro_out, avro_strerror());
		return -1;
	}
	return 0;
}

static int open_extractor(struct run *r)
{
	char err[512];
	struct extract_options eo;
	const char *dir = r->o.data_dir ? r->o.data_dir : default_data_dir();

	if (extract_data_load(&r->data, dir, err, sizeof(err)) != 0) {
		r->data = NULL;
		fprintf(stderr, "%s: loading data from %s: %s\n", TOOL_NAME, dir, err);
		return -1;
	}
	extract_options_default(&eo);
	r->ex = extractor_new(r->data, &eo);
	if (!r->ex) {
		fprintf(stderr, "%s: out of memory creating the extractor\n", TOOL_NAME);
		return -1;
	}
	return 0;
}

static void run_close(struct run *r)
{
	if (r->avro && avro_file_writer_close(r->avro) != 0) {
		fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, r->o.avro_out, avro_strerror());
		r->bad++;
	}
	if (r->file_schema)
		avro_schema_decref(r->file_schema);
	avro_codec_close(r->codec);
	extractor_free(r->ex);
	extract_data_free(r->data);
	free(r->o.files);
}

static int run_text(struct run *r)
{
	char err[512];
	size_t len;
	struct article_origin origin = {
	    .topic = r->o.text_file, .partition = 0, .offset = 0, .timestamp_ms = -1};

	if (r->o.published_at && article_parse_rfc3339(r->o.published_at, &origin.timestamp_ms) != 0) {
		fprintf(stderr, "%s: --published-at '%s' is not RFC 3339\n", TOOL_NAME, r->o.published_at);
		return -1;
	}
	char *text = slurp(r->o.text_file, ARTICLE_DEFAULT_MAX_BYTES, &len, err, sizeof(err));
	if (!text) {
		fprintf(stderr, "%s: %s (too_large or unreadable)\n", TOOL_NAME, err);
		return -1;
	}
	const char *base = strrchr(r->o.text_file, '/');
	int rc = process_value(r, text, len, &origin, r->o.text_file, base ? base + 1 : r->o.text_file);
	free(text);
	return rc;
}

int main(int argc, char **argv)
{
	struct run r;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = parse_args(&r.o, argc, argv);
	if (rc != 0) {
		if (rc < 0)
			usage(stderr);
		free(r.o.files);
		return rc < 0 ? 2 : 0;
	}
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));

	if (open_outputs(&r) != 0) {
		run_close(&r);
		return 1;
	}
	if (r.o.decode_file) {
		rc = run_decode(&r);
		run_close(&r);
		return fflush(stdout) == 0 ? rc : 1;
	}
	if (open_extractor(&r) != 0) {
		run_close(&r);
		return 1;
	}
	if (r.o.text_file) {
		if (run_text(&r) != 0)
			r.bad++;
	} else if (r.o.n_files == 0) {
		process_stream(&r, stdin, "stdin");
	} else {
		for (int i = 0; i < r.o.n_files; i++) {
			const char *name = r.o.files[i];
			FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
			if (!f) {
				fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, name, strerror(errno));
				r.bad++;
				continue;
			}
			process_stream(&r, f, strcmp(name, "-") == 0 ? "stdin" : name);
			if (f != stdin)
				fclose(f);
		}
	}
	run_close(&r);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "%s: writing stdout: %s\n", TOOL_NAME, strerror(errno));
		return 1;
	}
	return r.bad ? 1 : 0;
}
