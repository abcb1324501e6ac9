/* test_log.c - level and format names, and one line per message in each format. */
#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

#include "log.h"
#include "test.h"

static void log_format_names_parse(void)
{
	CHECK_INT(log_format_parse("auto"), LOG_FORMAT_AUTO);
	CHECK_INT(log_format_parse("text"), LOG_FORMAT_TEXT);
	CHECK_INT(log_format_parse("journal"), LOG_FORMAT_JOURNAL);
	CHECK_INT(log_format_parse("json"), LOG_FORMAT_JSON);
	CHECK_INT(log_format_parse("JSON"), -1);
	CHECK_INT(log_format_parse("syslog"), -1);
	CHECK_INT(log_format_parse(""), -1);
	CHECK_INT(log_format_parse(NULL), -1);
}

static void log_level_names_parse_to_syslog_priorities(void)
{
	CHECK_INT(log_level_parse("debug"), LOG_DEBUG);
	CHECK_INT(log_level_parse("info"), LOG_INFO);
	CHECK_INT(log_level_parse("notice"), LOG_NOTICE);
	CHECK_INT(log_level_parse("warning"), LOG_WARNING);
	CHECK_INT(log_level_parse("error"), LOG_ERR);
	/* Levels above error are not a useful threshold for a daemon's config. */
	CHECK_INT(log_level_parse("crit"), -1);
	CHECK_INT(log_level_parse("warn"), -1);
	CHECK_INT(log_level_parse("Info"), -1);
	CHECK_INT(log_level_parse(""), -1);
	CHECK_INT(log_level_parse(NULL), -1);
}

/* Run the logger with stderr sent to a temporary file; return what it wrote. */
static char captured[4096];

static const char *capture(enum log_format fmt, int max, void (*emit)(void))
{
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	captured[0] = '\0';
	if (!tmp || saved < 0)
		return captured;
	fflush(stderr);
	dup2(fileno(tmp), 2);
	log_setup(fmt, max);
	emit();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(captured, 1, sizeof(captured) - 1, tmp);
	captured[n] = '\0';
	fclose(tmp);
	return captured;
}

static void emit_three(void)
{
	log_debug("kafka: %s", "fetch backoff");
	log_warning("kafka: broker %d down", 2);
	log_error("pipeline: \"quoted\" and \\ backslash");
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void log_text_lines_filter_by_level(void)
{
	const char *out = capture(LOG_FORMAT_TEXT, LOG_WARNING, emit_three);

	CHECK_INT(count_lines(out), 2);
	CHECK(strstr(out, " warning: kafka: broker 2 down\n") != NULL);
	CHECK(strstr(out, " error: pipeline: \"quoted\" and \\ backslash\n") != NULL);
	CHECK(strstr(out, "fetch backoff") == NULL);
	/* 2026-11-24T21:53:44Z: an RFC 3339 UTC stamp leads each line */
	CHECK(strlen(out) > 21 && out[4] == '-' && out[10] == 'T' && out[19] == 'Z' && out[20] == ' ');
}

static void log_journal_lines_carry_the_priority_prefix(void)
{
	const char *out = capture(LOG_FORMAT_JOURNAL, LOG_DEBUG, emit_three);

	CHECK_INT(count_lines(out), 3);
	CHECK(strncmp(out, "<7>kafka: fetch backoff\n", 24) == 0);
	CHECK(strstr(out, "<4>kafka: broker 2 down\n") != NULL);
	CHECK(strstr(out, "<3>pipeline: ") != NULL);
}

static void log_json_lines_are_objects_with_escaped_messages(void)
{
	const char *out = capture(LOG_FORMAT_JSON, LOG_INFO, emit_three);
	const char *nl = strchr(out, '\n');
	json_error_t jerr;
	json_t *o;

	CHECK_INT(count_lines(out), 2);
	if (!nl)
		return;
	o = json_loadb(out, (size_t)(nl - out), 0, &jerr);
	CHECK(o != NULL);
	if (!o)
		return;
	CHECK_STR(json_string_value(json_object_get(o, "level")), "warning");
	CHECK_STR(json_string_value(json_object_get(o, "msg")), "kafka: broker 2 down");
	CHECK(json_is_string(json_object_get(o, "ts")));
	json_decref(o);

	o = json_loads(nl + 1, 0, &jerr);
	CHECK(o != NULL);
	if (o)
		CHECK_STR(json_string_value(json_object_get(o, "msg")),
		          "pipeline: \"quoted\" and \\ backslash");
	json_decref(o);
}

static void emit_untrusted(void)
{
	log_warning("dead letter: id=%s", "evil\nsecond line\xff\xc3");
	log_warning("next");
}

static void log_untrusted_text_stays_one_line(void)
{
	const char *out = capture(LOG_FORMAT_TEXT, LOG_DEBUG, emit_untrusted);
	CHECK_INT(count_lines(out), 2);
	CHECK(strstr(out, "evil second line??") != NULL);
}

static void log_json_keeps_messages_with_invalid_utf8(void)
{
	const char *out = capture(LOG_FORMAT_JSON, LOG_DEBUG, emit_untrusted);
	json_error_t jerr;
	const char *nl = strchr(out, '\n');

	CHECK_INT(count_lines(out), 2);
	json_t *o = nl ? json_loadb(out, (size_t)(nl - out), 0, &jerr) : NULL;
	CHECK(o != NULL);
	if (o)
		CHECK_STR(json_string_value(json_object_get(o, "msg")), "dead letter: id=evil second line??");
	json_decref(o);
}

int main(void)
{
	RUN(log_format_names_parse);
	RUN(log_level_names_parse_to_syslog_priorities);
	RUN(log_text_lines_filter_by_level);
	RUN(log_journal_lines_carry_the_priority_prefix);
	RUN(log_json_lines_are_objects_with_escaped_messages);
	RUN(log_untrusted_text_stays_one_line);
	RUN(log_json_keeps_messages_with_invalid_utf8);
	TEST_DONE();
}
