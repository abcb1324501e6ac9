/*
 * log.c - line logger with text, journald and JSON renderings.
 *
 * A single fprintf per line under a mutex keeps lines from different
 * threads (librdkafka's) whole.
 */
#include "log.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static enum log_format log_fmt = LOG_FORMAT_TEXT;
static int log_max = LOG_INFO;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const level_names[] = {"emerg",   "alert",  "crit", "error",
                                          "warning", "notice", "info", "debug"};

static int stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(2, &st) < 0)
		return 0;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

void log_setup(enum log_format format, int max_priority)
{
	if (format == LOG_FORMAT_AUTO)
		format = stderr_is_journal() ? LOG_FORMAT_JOURNAL : LOG_FORMAT_TEXT;
	log_fmt = format;
	log_max = max_priority;
}

int log_format_parse(const char *s)
{
	static const char *const names[] = {"auto", "text", "journal", "json"};
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int log_level_parse(const char *s)
{
	for (int i = LOG_ERR; i <= LOG_DEBUG; i++)
		if (s && strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

/* One message is one line, and JSON needs valid UTF-8: control characters
 * become spaces and bytes that are not valid UTF-8 become '?'.  Messages
 * often carry untrusted input (article ids, broker errors). */
static void sanitize_line(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p) {
		size_t n = 0;
		if (*p < 0x20 || *p == 0x7f) {
			*p++ = ' ';
			continue;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3;
		size_t i = 1;
		while (n && i <= n && (p[i] & 0xc0) == 0x80)
			i++;
		if (!n || i != n + 1) {
			*p++ = '?';
			continue;
		}
		p += n + 1;
	}
}

void log_printf(int priority, const char *fmt, ...)
{
	char msg[2048], ts[32];
	va_list ap;
	time_t now;
	struct tm tm;

	if (priority > log_max)
		return;
	if (priority < 0)
		priority = LOG_ERR;
	if (priority > LOG_DEBUG)
		priority = LOG_DEBUG;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sanitize_line(msg);

	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);

	pthread_mutex_lock(&log_lock);
	switch (log_fmt) {
	case LOG_FORMAT_JOURNAL:
		fprintf(stderr, "<%d>%s\n", priority, msg);
		break;
	case LOG_FORMAT_JSON: {
		json_t *o =
		    json_pack("{s:s, s:s, s:s}", "ts", ts, "level", level_names[priority], "msg", msg);
		char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;
		if (line)
			fprintf(stderr, "%s\n", line);
		free(line);
		json_decref(o);
		break;
	}
	default:
		fprintf(stderr, "%s %s: %s\n", ts, level_names[priority], msg);
	}
	pthread_mutex_unlock(&log_lock);
}
