/*
 * log.h - one logger for conflictd and librdkafka's own log lines.
 *
 * Writes one line per message to stderr.  Format "auto" picks "journal"
 * when stderr is connected to journald (JOURNAL_STREAM names stderr's
 * device:inode, as systemd sets it) and "text" otherwise:
 *   text:    2026-11-24T21:53:44Z warning: kafka: broker down
 *   journal: <4>kafka: broker down            (sd-daemon priority prefix)
 *   json:    {"ts":"...","level":"warning","msg":"kafka: broker down"}
 * Thread-safe: librdkafka calls it from its own threads.
 */
#ifndef CONFLICTD_LOG_H
#define CONFLICTD_LOG_H

#include <syslog.h>

enum log_format { LOG_FORMAT_AUTO = 0, LOG_FORMAT_TEXT, LOG_FORMAT_JOURNAL, LOG_FORMAT_JSON };

/* max_priority: LOG_DEBUG logs everything, LOG_ERR only errors. */
void log_setup(enum log_format format, int max_priority);

/* Parse "auto|text|journal|json" and "debug|info|notice|warning|error";
 * return -1 when unknown. */
int log_format_parse(const char *s);
int log_level_parse(const char *s);

void log_printf(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...)   log_printf(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)    log_printf(LOG_INFO, __VA_ARGS__)
#define log_notice(...)  log_printf(LOG_NOTICE, __VA_ARGS__)
#define log_warning(...) log_printf(LOG_WARNING, __VA_ARGS__)
#define log_error(...)   log_printf(LOG_ERR, __VA_ARGS__)

#endif
