/*
 * bench/extract.c - the extractor's speed and memory, single-threaded.
 *
 * Loads the extractor's data three times (the load time reported is the
 * median), then streams a corpus of articles through one extractor and
 * times every extractor_run() call.  Only extraction is timed: reading and
 * JSON-parsing the corpus is not, so the figures are the extractor's own.
 * The corpus is streamed line by line, so peak RSS is the extractor's data
 * and working memory plus one article, not the corpus.
 *
 * Input: a JSON-lines file with "id" and "text" per line (the shared
 * benchmark corpus by default), or a directory of plain-text articles
 * (first line the title) and *.jsonl files, the fallback when the shared
 * corpus is absent.  A line's "source_dataset" (its first word) groups the
 * figures by source, since the extractor's speed depends on the kind of
 * text (capitals, length); other fields in the corpus (labels) are never
 * read.
 *
 * Output: one line of key=value pairs (MB is 10^6 bytes), easy for
 * bench/extract to take medians of.  mb_per_s is over wall time;
 * cpu_mb_per_s over the thread's CPU time in extractor_run(), which other
 * processes sharing the core do not inflate (compare builds with it on a
 * busy machine).  After it, one "source=" line per source (at most
 * BENCH_MAX_SOURCES, the rest counted as "other") with its articles,
 * bytes and MB/s.  --dump FILE writes the exact text
 * bytes timed, so the script can run its `wc -w` reference over them.
 * --limit N stops after N articles: a small repeatable run for
 * `valgrind --tool=callgrind --toggle-collect=extractor_run`.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "extract/extract.h"

#define BENCH_DEFAULT_CORPUS "/work/shared/bench/conflict_text.jsonl"
#define BENCH_MAX_ARTICLES   1000000
#define BENCH_MAX_PATH       4096
#define BENCH_MAX_SOURCES    8
#define BENCH_SOURCE_NAME    32

/* The figures of one source of the corpus. */
struct bench_source {
	char name[BENCH_SOURCE_NAME];
	size_t n, bytes;
	double seconds, cpu;
};

struct bench {
	struct extractor *ex;
	FILE *dump;
	double *times; /* seconds per article */
	double cpu;    /* thread CPU seconds in extractor_run(), all articles */
	size_t n, cap;
	size_t limit; /* articles to time at most */
	size_t bytes;
	long events;
	int failures;
	struct bench_source sources[BENCH_MAX_SOURCES + 1]; /* the last: "other" */
	size_t n_sources;
};

/* The figures of source name (its first word; "" for none); "other" once
 * BENCH_MAX_SOURCES names are taken. */
static struct bench_source *bench_source_of(struct bench *b, const char *name)
{
	size_t n = strcspn(name, " ");
	if (n >= BENCH_SOURCE_NAME)
		n = BENCH_SOURCE_NAME - 1;
	for (size_t i = 0; i < b->n_sources; i++)
		if (strlen(b->sources[i].name) == n && memcmp(b->sources[i].name, name, n) == 0)
			return &b->sources[i];
	if (b->n_sources == BENCH_MAX_SOURCES) {
		struct bench_source *other = &b->sources[BENCH_MAX_SOURCES];
		snprintf(other->name, sizeof(other->name), "other");
		return other;
	}
	struct bench_source *src = &b->sources[b->n_sources++];
	memcpy(src->name, name, n);
	src->name[n] = '\0';
	return src;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: unlike wall time, not inflated while other
 * processes on a shared machine hold the core. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double percentile(double *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	size_t k = (size_t)(p * (double)(n - 1) + 0.5);
	return v[k < n ? k : n - 1];
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Time one article through the extractor. */
static int bench_article(struct bench *b, const char *source, const char *id, const char *title,
                         size_t title_len, const char *text, size_t text_len)
{
	struct extract_article a = {0};
	const struct conflict_event *events;
	char err[256];

	if (b->n >= b->limit)
		return 0;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		double *t = realloc(b->times, cap * sizeof(*t));
		if (!t) {
			fprintf(stderr, "bench_extract: out of memory for %zu timings\n", cap);
			return -1;
		}
		b->times = t;
		b->cap = cap;
	}
	a.id = id;
	a.title = title;
	a.title_len = title_len;
	a.text = text;
	a.text_len = text_len;
	a.published_at_ms = 0;
	a.language = "en";

	double c0 = cpu_now(), t0 = now();
	int r = extractor_run(b->ex, &a, &events, err, sizeof(err));
	double t1 = now(), c1 = cpu_now();
	b->cpu += c1 - c0;
	if (r < 0) {
		fprintf(stderr, "bench_extract: article %s: %s\n", id, err);
		b->failures++;
	} else {
		b->events += r;
	}
	b->times[b->n++] = t1 - t0;
	b->bytes += text_len + title_len;
	struct bench_source *src = bench_source_of(b, source);
	src->n++;
	src->bytes += text_len + title_len;
	src->seconds += t1 - t0;
	src->cpu += c1 - c0;
	if (b->dump) {
		if (title_len) {
			fwrite(title, 1, title_len, b->dump);
			fputc('\n', b->dump);
		}
		fwrite(text, 1, text_len, b->dump);
		fputc('\n', b->dump);
	}
	return 0;
}

/* A JSON-lines corpus: "id" and "text" (or "body"), optional "title". */
static int bench_jsonl(struct bench *b, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "bench_extract: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (b->n < b->limit && (len = getline(&line, &cap, f)) > 0) {
		json_error_t jerr;
		lineno++;
		json_t *o = json_loadb(line, (size_t)len, 0, &jerr);
		if (!o) {
			fprintf(stderr, "bench_extract: %s:%ld: %s\n", path, lineno, jerr.text);
			continue;
		}
		json_t *text = json_object_get(o, "text");
		if (!json_is_string(text))
			text = json_object_get(o, "body");
		json_t *id = json_object_get(o, "id");
		json_t *title = json_object_get(o, "title");
		json_t *source = json_object_get(o, "source_dataset");
		char idbuf[32];
		snprintf(idbuf, sizeof(idbuf), "line-%ld", lineno);
		if (json_is_string(text)) {
			rc = bench_article(b, json_is_string(source) ? json_string_value(source) : "",
			                   json_is_string(id) ? json_string_value(id) : idbuf,
			                   json_is_string(title) ? json_string_value(title) : NULL,
			                   json_is_string(title) ? json_string_length(title) : 0,
			                   json_string_value(text), json_string_length(text));
		}
		json_decref(o);
		if (rc < 0)
			break;
	}
	free(line);
	fclose(f);
	return rc;
}

/* A plain-text article: the first line is the title. */
static int bench_txt(struct bench *b, const char *path, const char *name)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "bench_extract: %s: %s\n", path, strerror(errno));
		return -1;
	}
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *nl = memchr(buf, '\n', n);
	size_t tl = nl ? (size_t)(nl - buf) : 0;
	const char *body = nl ? nl + 1 : buf;
	return bench_article(b, "", name, buf, tl, body, n - (size_t)(body - buf));
}

static int bench_dir(struct bench *b, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[BENCH_MAX_PATH];

	if (!d) {
		fprintf(stderr, "bench_extract: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while (b->n < b->limit && (e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		int k = snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (k < 0 || (size_t)k >= sizeof(path))
			continue;
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
			if (bench_txt(b, path, e->d_name) < 0)
				break;
		} else if (l > 6 && strcmp(e->d_name + l - 6, ".jsonl") == 0) {
			if (bench_jsonl(b, path) < 0)
				break;
		}
	}
	closedir(d);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
	        "usage: bench_extract [--data DIR] [--input FILE|DIR] [--dump FILE] [--limit N]\n"
	        "  default input %s, else $CONFLICTD_SOURCE_DIR/tests/data/articles\n",
	        BENCH_DEFAULT_CORPUS);
}

int main(int argc, char **argv)
{
	const char *src = getenv("CONFLICTD_SOURCE_DIR");
	const char *data_dir = getenv("CONFLICTD_DATA_DIR");
	const char *input = NULL, *dump = NULL;
	char data_buf[BENCH_MAX_PATH], input_buf[BENCH_MAX_PATH], err[512];
	struct bench b = {0};
	struct extract_data *data = NULL;
	struct extract_options opts;
	double loads[3];
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
			data_dir = argv[++i];
		else if (strcmp(argv[i], "--input") == 0 && i + 1 < argc)
			input = argv[++i];
		else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
			dump = argv[++i];
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			char *end;
			unsigned long v = strtoul(argv[++i], &end, 10);
			if (*end || v == 0) {
				usage();
				return 2;
			}
			b.limit = v < BENCH_MAX_ARTICLES ? v : BENCH_MAX_ARTICLES;
		} else {
			usage();
			return 2;
		}
	}
	if (!b.limit)
		b.limit = BENCH_MAX_ARTICLES;
	if (!src)
		src = ".";
	if (!data_dir) {
		snprintf(data_buf, sizeof(data_buf), "%s/data", src);
		data_dir = data_buf;
	}
	if (!input) {
		struct stat st;
		if (stat(BENCH_DEFAULT_CORPUS, &st) == 0) {
			input = BENCH_DEFAULT_CORPUS;
		} else {
			snprintf(input_buf, sizeof(input_buf), "%s/tests/data/articles", src);
			input = input_buf;
		}
	}

	/* Data load: three times, the median reported; the last one is kept. */
	for (int i = 0; i < 3; i++) {
		if (data)
			extract_data_free(data);
		data = NULL;
		double t0 = now();
		if (extract_data_load(&data, data_dir, err, sizeof(err)) < 0) {
			fprintf(stderr, "bench_extract: %s: %s\n", data_dir, err);
			return 1;
		}
		loads[i] = now() - t0;
	}
	qsort(loads, 3, sizeof(loads[0]), cmp_double);
	long rss_loaded = peak_rss_kb();

	extract_options_default(&opts);
	b.ex = extractor_new(data, &opts);
	if (!b.ex) {
		fprintf(stderr, "bench_extract: extractor_new: out of memory\n");
		goto out;
	}
	if (dump) {
		b.dump = fopen(dump, "wb");
		if (!b.dump) {
			fprintf(stderr, "bench_extract: %s: %s\n", dump, strerror(errno));
			goto out;
		}
	}

	struct stat st;
	if (stat(input, &st) < 0) {
		fprintf(stderr, "bench_extract: %s: %s\n", input, strerror(errno));
		goto out;
	}
	if ((S_ISDIR(st.st_mode) ? bench_dir(&b, input) : bench_jsonl(&b, input)) < 0)
		goto out;
	if (b.n == 0) {
		fprintf(stderr, "bench_extract: %s: no articles\n", input);
		goto out;
	}

	double total = 0;
	for (size_t i = 0; i < b.n; i++)
		total += b.times[i];
	qsort(b.times, b.n, sizeof(b.times[0]), cmp_double);
	printf("input=%s articles=%zu bytes=%zu events=%ld failures=%d seconds=%.4f mb_per_s=%.2f "
	       "articles_per_s=%.0f p50_us=%.1f p99_us=%.1f max_us=%.1f load_ms=%.1f rss_loaded_mb=%.1f "
	       "peak_rss_mb=%.1f cpu_mb_per_s=%.2f\n",
	       input, b.n, b.bytes, b.events, b.failures, total,
	       total > 0 ? (double)b.bytes / 1e6 / total : 0, total > 0 ? (double)b.n / total : 0,
	       percentile(b.times, b.n, 0.50) * 1e6, percentile(b.times, b.n, 0.99) * 1e6,
	       b.times[b.n - 1] * 1e6, loads[1] * 1e3, (double)rss_loaded / 1024.0,
	       (double)peak_rss_kb() / 1024.0, b.cpu > 0 ? (double)b.bytes / 1e6 / b.cpu : 0);
	for (size_t i = 0; i <= BENCH_MAX_SOURCES; i++) {
		const struct bench_source *bs = &b.sources[i];
		if (bs->n == 0)
			continue;
		printf("source=%s articles=%zu bytes=%zu mb_per_s=%.2f cpu_mb_per_s=%.2f\n",
		       bs->name[0] ? bs->name : "-", bs->n, bs->bytes,
		       bs->seconds > 0 ? (double)bs->bytes / 1e6 / bs->seconds : 0,
		       bs->cpu > 0 ? (double)bs->bytes / 1e6 / bs->cpu : 0);
	}
	rc = b.failures ? 1 : 0;
out:
	if (b.dump)
		fclose(b.dump);
	free(b.times);
	extractor_free(b.ex);
	extract_data_free(data);
	return rc;
}
