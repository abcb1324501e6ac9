/* test_article.c - message values to articles: JSON, wire text, and every rejection. */
#include "article.h"
#include "test.h"

static const struct article_origin origin = {"articles", 3, 1207, 1542466800000LL}; /* 2018-11-17T15:00:00Z */

static enum article_error decode(struct article *a, const char *s, char *err, size_t errlen)
{
	return article_decode(a, s, strlen(s), &origin, 0, err, errlen);
}

static void article_json_with_all_fields(void)
{
	struct article a;
	char err[256] = "";
	const char *v =
	    "{\"id\": \"afp-1\", \"title\": \"Clashes in Idlib\", "
	    "\"text\": \"Rebels attacked an army post near Saraqeb on Friday, killing four soldiers.\", "
	    "\"url\": \"https://example.org/news/1\", \"published_at\": \"2019-02-01T08:30:00Z\", "
	    "\"source\": \"Agence France-Presse\", \"language\": \"en\"}";

	CHECK_INT(decode(&a, v, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(err, "");
	CHECK_STR(a.id, "afp-1");
	CHECK_STR(a.title, "Clashes in Idlib");
	CHECK_STR(a.text, "Rebels attacked an army post near Saraqeb on Friday, killing four soldiers.");
	CHECK_INT(a.text_len, strlen(a.text));
	CHECK_STR(a.url, "https://example.org/news/1");
	CHECK_STR(a.source, "Agence France-Presse");
	CHECK_STR(a.language, "en");
	CHECK_INT(a.published_at_ms, 1549009800000LL);

	struct extract_article view;
	article_view(&a, &view);
	CHECK(view.text == a.text);
	CHECK_INT(view.text_len, a.text_len);
	CHECK_INT(view.title_len, strlen("Clashes in Idlib"));
	CHECK_STR(view.id, "afp-1");
	CHECK_STR(view.language, "en");
	CHECK_INT(view.published_at_ms, a.published_at_ms);
	article_free(&a);
	CHECK(a.text == NULL);
}

static void article_json_body_is_an_alias_of_text(void)
{
	struct article a;
	char err[256] = "";

	CHECK_INT(decode(&a, "{\"id\":\"x\",\"body\":\"Police fired tear gas at protesters in Lagos.\"}", err,
	                 sizeof(err)),
	          ARTICLE_OK);
	CHECK_STR(a.text, "Police fired tear gas at protesters in Lagos.");
	CHECK(a.title == NULL && a.url == NULL && a.source == NULL && a.language == NULL);
	article_free(&a);
	/* text wins when both are there */
	CHECK_INT(decode(&a, "{\"text\":\"A\",\"body\":\"B\"}", err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.text, "A");
	article_free(&a);
}

static void article_json_id_may_be_a_number(void)
{
	struct article a;
	char err[256] = "";

	CHECK_INT(
	    decode(&a, "{\"id\": 98765432101, \"text\": \"Gunmen killed two farmers.\"}", err, sizeof(err)),
	    ARTICLE_OK);
	CHECK_STR(a.id, "98765432101");
	article_free(&a);
}

static void article_missing_id_and_date_come_from_the_message(void)
{
	struct article a;
	char err[256] = "";

	CHECK_INT(
	    decode(&a, "  \n{\"text\": \"Gunmen killed two farmers.\", \"title\": null}", err, sizeof(err)),
	    ARTICLE_OK);
	CHECK_STR(a.id, "articles/3/1207");
	CHECK_INT(a.published_at_ms, 1542466800000LL);
	CHECK(a.title == NULL);
	article_free(&a);

	/* No message timestamp either: the date stays unknown (0). */
	struct article_origin no_ts = origin;
	no_ts.timestamp_ms = -1;
	const char *v = "{\"text\": \"Gunmen killed two farmers.\"}";
	CHECK_INT(article_decode(&a, v, strlen(v), &no_ts, 0, err, sizeof(err)), ARTICLE_OK);
	CHECK_INT(a.published_at_ms, 0);
	article_free(&a);

	/* An explicit epoch date is kept, not replaced by the message's. */
	CHECK_INT(
	    decode(&a, "{\"text\": \"x\", \"published_at\": \"1970-01-01T00:00:00Z\"}", err, sizeof(err)),
	    ARTICLE_OK);
	CHECK_INT(a.published_at_ms, 0);
	article_free(&a);
}

static void article_plain_text_title_line_and_source_tag(void)
{
	struct article a;
	char err[256] = "";
	const char *v = "IS loses holdout in south Syria\r\n"
	                "\n"
	                "Beirut: Syrian regime forces retook control of the last southern holdout.\n"
	                "\n"
	                "The Observatory said air strikes killed 43 people.\n"
	                "\n"
	                "[source_without_link]Agence France-Presse[/source_without_link]\n";

	CHECK_INT(decode(&a, v, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.title, "IS loses holdout in south Syria");
	CHECK_STR(a.text, "Beirut: Syrian regime forces retook control of the last southern holdout.\n"
	                  "\n"
	                  "The Observatory said air strikes killed 43 people.");
	CHECK_INT(a.text_len, strlen(a.text));
	CHECK_STR(a.source, "Agence France-Presse");
	CHECK_STR(a.id, "articles/3/1207");
	CHECK_INT(a.published_at_ms, 1542466800000LL);
	article_free(&a);
}

static void article_plain_text_without_tag_keeps_last_line(void)
{
	struct article a;
	char err[256] = "";

	CHECK_INT(decode(&a, "Title\nBody line one.\n[note]not a source[/note]", err, sizeof(err)),
	          ARTICLE_OK);
	CHECK_STR(a.text, "Body line one.\n[note]not a source[/note]");
	CHECK(a.source == NULL);
	article_free(&a);
	/* A mismatched closing tag is not a source tag either. */
	CHECK_INT(decode(&a, "Title\nBody.\n[source]AFP[/sourc]", err, sizeof(err)), ARTICLE_OK);
	CHECK(a.source == NULL);
	article_free(&a);
}

static void article_plain_text_source_tag_variants(void)
{
	struct article a;
	char err[256] = "";

	CHECK_INT(decode(&a, "Title\nBody.\n  [source]Reuters[/source]  \n", err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.source, "Reuters");
	CHECK_STR(a.text, "Body.");
	article_free(&a);
	/* An empty tag is stripped and names no source. */
	CHECK_INT(decode(&a, "Title\nBody.\n[source_without_link][/source_without_link]", err, sizeof(err)),
	          ARTICLE_OK);
	CHECK(a.source == NULL);
	CHECK_STR(a.text, "Body.");
	article_free(&a);
}

/* Found by fuzz_article_decode: a last line that is a cut-off tag ("[sourc")
 * at the very end of the value was compared past it.  The value sits in a
 * heap block of exactly its size, so ASan sees any read beyond. */
static void article_text_ending_in_a_cut_source_tag_reads_no_further(void)
{
	static const char *const tails[] = {"[sourc", "[source", "[s", "[", "[source]", "[source]x[/source]"};
	struct article a;
	char err[256] = "";

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		char v[64];
		int n = snprintf(v, sizeof(v), "Title\nBody.\n%s", tails[i]);
		char *heap = malloc((size_t)n);
		memcpy(heap, v, (size_t)n);
		CHECK_INT(article_decode(&a, heap, (size_t)n, &origin, 0, err, sizeof(err)), ARTICLE_OK);
		article_free(&a);
		free(heap);
	}
	/* The shortest tag still names its source. */
	CHECK_INT(decode(&a, "Title\nBody.\n[source]x[/source]", err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.source, "x");
	CHECK_STR(a.text, "Body.");
	article_free(&a);
}

static void article_plain_single_line_is_the_body(void)
{
	struct article a;
	char err[256] = "";

	CHECK_INT(
	    decode(&a, "Militants attacked a checkpoint in Diffa, killing three soldiers.", err, sizeof(err)),
	    ARTICLE_OK);
	CHECK(a.title == NULL);
	CHECK_STR(a.text, "Militants attacked a checkpoint in Diffa, killing three soldiers.");
	article_free(&a);
}

static void article_seed_shaped_file_decodes(void)
{
	/* The project's own sample in the seed's shape, if present in the shared tree. */
	char path[512];
	FILE *f;
	static char buf[64 * 1024];
	size_t n;
	struct article a;
	char err[256] = "";

	snprintf(path, sizeof(path), "%s/eval/dev/seed/article.txt",
	         test_env("CONFLICTD_SHARED_DIR", "../shared"));
	f = fopen(path, "rb");
	if (!f)
		return; /* not every checkout has the shared tree beside it */
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	CHECK_INT(article_decode(&a, buf, n, &origin, 0, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.source, "Agence France-Presse");
	CHECK(a.title && strncmp(a.title, "IS loses holdout", 16) == 0);
	CHECK(a.text && strstr(a.text, "source_without_link") == NULL);
	article_free(&a);
}

/* One rejection: the reason, and a message containing want. */
static void expect_reject(const void *v, size_t len, size_t max, enum article_error reason, const char *want)
{
	struct article a;
	char err[256] = "";
	enum article_error e = article_decode(&a, v, len, &origin, max, err, sizeof(err));

	CHECK_INT(e, reason);
	if (!strstr(err, want)) {
		fprintf(stderr, "  message \"%s\" does not contain \"%s\"\n", err, want);
		test_current_failed = 1;
	}
	CHECK(strchr(err, '\n') == NULL);
	CHECK(a.id == NULL && a.text == NULL && a.title == NULL);
	article_free(&a);
}

static void article_rejects_empty_and_whitespace(void)
{
	expect_reject("", 0, 0, ARTICLE_EMPTY, "empty message");
	expect_reject(" \r\n\t  \n", 7, 0, ARTICLE_EMPTY, "only whitespace");
	CHECK_STR(article_error_name(ARTICLE_EMPTY), "empty");
}

static void article_rejects_over_the_size_limit_before_scanning(void)
{
	/* Invalid UTF-8 past the limit: the size is what is reported. */
	expect_reject("{\"text\":\"abc\xff\"}", 15, 10, ARTICLE_TOO_LARGE,
	              "message of 15 bytes is over the limit of 10 bytes");
	CHECK_STR(article_error_name(ARTICLE_TOO_LARGE), "too_large");
	/* exactly at the limit is fine */
	struct article a;
	char err[128];
	CHECK_INT(article_decode(&a, "Short text.", 11, &origin, 11, err, sizeof(err)), ARTICLE_OK);
	article_free(&a);
}

static void article_rejects_invalid_utf8_with_its_position(void)
{
	expect_reject("Title\nKilled in \xe9vora.", 22, 0, ARTICLE_BAD_UTF8, "invalid UTF-8 at byte 16");
	/* truncated sequence at the very end */
	expect_reject("Title\nAleppo \xd8", 14, 0, ARTICLE_BAD_UTF8, "invalid UTF-8 at byte 13");
	CHECK_STR(article_error_name(ARTICLE_BAD_UTF8), "bad_utf8");
}

static void article_rejects_overlongs_surrogates_and_beyond_unicode(void)
{
	expect_reject("ab\xc0\xafz", 5, 0, ARTICLE_BAD_UTF8, "invalid UTF-8 at byte 2"); /* '/' as 2 bytes */
	expect_reject("ab\xe0\x80\xafz", 6, 0, ARTICLE_BAD_UTF8,
	              "invalid UTF-8 at byte 2"); /* 3-byte overlong */
	expect_reject("ab\xf0\x80\x80\xafz", 7, 0, ARTICLE_BAD_UTF8,
	              "invalid UTF-8 at byte 2"); /* 4-byte overlong */
	expect_reject("ab\xed\xa0\x80z", 6, 0, ARTICLE_BAD_UTF8, "invalid UTF-8 at byte 2"); /* U+D800 */
	expect_reject("ab\xf4\x90\x80\x80z", 7, 0, ARTICLE_BAD_UTF8,
	              "invalid UTF-8 at byte 2"); /* U+110000 */
	CHECK(article_utf8_valid("\xc2\xa0\xe2\x80\x99\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf",
	                         13));                            /* NBSP ' U+1F600 U+10FFFF */
	CHECK(article_utf8_valid("\xed\x9f\xbf\xee\x80\x80", 6)); /* either side of the surrogates */
	CHECK(!article_utf8_valid("\xc1\xbf", 2));
	CHECK(!article_utf8_valid("\x80", 1));
	CHECK(!article_utf8_valid("\xf8\x88\x80\x80\x80", 5));
	CHECK(article_utf8_valid("tab\there\r\n", 10));
}

static void article_rejects_random_binary_bytes(void)
{
	/* A gzip header: valid-looking ASCII soon hits NUL or a control byte. */
	static const unsigned char gz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03};
	expect_reject(gz, sizeof(gz), 0, ARTICLE_BAD_UTF8, "control byte 0x1f at byte 0");
	/* An ASCII-looking prefix with a NUL inside. */
	expect_reject("Title\nBody\0more", 15, 0, ARTICLE_BAD_UTF8, "control byte 0x00 at byte 10");

	/* Pseudo-random bytes (a fixed LCG) are all rejected as binary or bad UTF-8. */
	unsigned char buf[512];
	unsigned state = 12345;
	for (int round = 0; round < 50; round++) {
		struct article a;
		char err[128];
		for (size_t i = 0; i < sizeof(buf); i++) {
			state = state * 1103515245u + 12345u;
			buf[i] = (unsigned char)(state >> 16);
		}
		CHECK_INT(article_decode(&a, buf, sizeof(buf), &origin, 0, err, sizeof(err)),
		          ARTICLE_BAD_UTF8);
	}
}

static void article_rejects_malformed_json_with_line_and_column(void)
{
	expect_reject("{\"id\": \"x\",\n \"text\": }", 22, 0, ARTICLE_BAD_JSON,
	              "JSON parse error at line 2 column");
	expect_reject("{\"text\":\"a\",\"text\":\"b\"}", 23, 0, ARTICLE_BAD_JSON, "duplicate");
	CHECK_STR(article_error_name(ARTICLE_BAD_JSON), "bad_json");
	/* jansson quotes the offending token; the message stays one line. */
	expect_reject("{\"text\": \"two\nlines\"}", 20, 0, ARTICLE_BAD_JSON, "JSON parse error at line 1");
}

static void article_rejects_json_that_is_not_an_object(void)
{
	const char *v = " [{\"id\": \"a\", \"text\": \"Body.\"}]";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_JSON, "JSON value is an array, expected an object");
	/* '{' followed by more than one value is a parse error. */
	expect_reject("{\"text\": \"x\"} [1]", 17, 0, ARTICLE_BAD_JSON, "JSON parse error at line 1");

	/* A wire-text title in brackets is not JSON. */
	struct article a;
	char err[128];
	CHECK_INT(decode(&a, "[UPDATE] Clashes in Tripoli\nFighting resumed on Monday.", err, sizeof(err)),
	          ARTICLE_OK);
	CHECK_STR(a.title, "[UPDATE] Clashes in Tripoli");
	article_free(&a);
}

static void article_rejects_json_without_text(void)
{
	const char *v = "{\"id\": \"x\", \"title\": \"Only a title\"}";
	expect_reject(v, strlen(v), 0, ARTICLE_NO_TEXT, "no non-empty \"text\" or \"body\"");
	v = "{\"id\": \"x\", \"text\": \"  \\n \"}";
	expect_reject(v, strlen(v), 0, ARTICLE_NO_TEXT, "no non-empty");
	CHECK_STR(article_error_name(ARTICLE_NO_TEXT), "no_text");
}

static void article_rejects_fields_of_the_wrong_type(void)
{
	const char *v = "{\"id\": \"x\", \"text\": \"Body.\", \"title\": 7}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD, "field \"title\" is a number, expected a string");
	v = "{\"id\": [1], \"text\": \"Body.\"}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD, "field \"id\" is an array");
	v = "{\"id\": 1.5, \"text\": \"Body.\"}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD, "field \"id\" is a number");
	v = "{\"text\": {\"en\": \"Body.\"}}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD, "field \"text\" is an object");
	v = "{\"text\": \"Body.\", \"language\": true}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD, "field \"language\" is a boolean");
	CHECK_STR(article_error_name(ARTICLE_BAD_FIELD), "bad_field");
	CHECK_STR(article_error_name(ARTICLE_NOMEM), "nomem");
}

static void article_rejects_bad_published_at(void)
{
	const char *v = "{\"text\": \"Body.\", \"published_at\": \"yesterday\"}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD,
	              "field \"published_at\" is not an RFC 3339 timestamp: \"yesterday\"");
	v = "{\"text\": \"Body.\", \"published_at\": \"2018-02-30T10:00:00Z\"}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD, "\"2018-02-30T10:00:00Z\"");
	v = "{\"text\": \"Body.\", \"published_at\": 1542466800}";
	expect_reject(v, strlen(v), 0, ARTICLE_BAD_FIELD, "field \"published_at\" is a number");
}

static void rfc3339_parses_zulu_offsets_and_fractions(void)
{
	int64_t ms = -1;

	CHECK_INT(article_parse_rfc3339("2018-11-17T15:00:00Z", &ms), 0);
	CHECK_INT(ms, 1542466800000LL);
	CHECK_INT(article_parse_rfc3339("2018-11-17T17:00:00+02:00", &ms), 0);
	CHECK_INT(ms, 1542466800000LL);
	CHECK_INT(article_parse_rfc3339("2018-11-17T09:30:00-05:30", &ms), 0);
	CHECK_INT(ms, 1542466800000LL);
	CHECK_INT(article_parse_rfc3339("2018-11-17T15:00:00.25Z", &ms), 0);
	CHECK_INT(ms, 1542466800250LL);
	CHECK_INT(article_parse_rfc3339("2018-11-17T15:00:00.123456789Z", &ms), 0);
	CHECK_INT(ms, 1542466800123LL);
	CHECK_INT(article_parse_rfc3339("2018-11-17t15:00:00z", &ms), 0);
	CHECK_INT(ms, 1542466800000LL);
	CHECK_INT(article_parse_rfc3339("2018-11-17 15:00:00Z", &ms), 0);
	CHECK_INT(ms, 1542466800000LL);
	CHECK_INT(article_parse_rfc3339("2020-02-29T00:00:00Z", &ms), 0);
	CHECK_INT(ms, 1582934400000LL);
	CHECK_INT(article_parse_rfc3339("1969-12-31T23:59:59Z", &ms), 0);
	CHECK_INT(ms, -1000);
	/* A bare date is midnight UTC. */
	CHECK_INT(article_parse_rfc3339("2018-11-17", &ms), 0);
	CHECK_INT(ms, 1542412800000LL);
}

static void rfc3339_rejects_malformed(void)
{
	static const char *const bad[] = {
	    "",
	    "2018-11-17T15:00:00",       /* no offset */
	    "2018-11-17T15:00Z",         /* no seconds */
	    "2018-13-01T00:00:00Z",      /* month */
	    "2019-02-29T00:00:00Z",      /* not a leap year */
	    "2018-11-17T24:00:00Z",      /* hour */
	    "2018-11-17T15:00:00.Z",     /* empty fraction */
	    "2018-11-17T15:00:00+0200",  /* offset without colon */
	    "2018-11-17T15:00:00+24:00", /* offset hour */
	    "2018-11-17T15:00:00Zjunk",
	    "18-11-17T15:00:00Z",
	    "2018/11/17T15:00:00Z",
	    "Sat, 17 Nov 2018 15:00:00 GMT",
	};
	int64_t ms = 77;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (article_parse_rfc3339(bad[i], &ms) != -1) {
			fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
			test_current_failed = 1;
		}
	}
	CHECK_INT(ms, 77);
	CHECK_INT(article_parse_rfc3339(NULL, &ms), -1);
}

static void article_messages_are_one_line_of_utf8_even_when_cut(void)
{
	struct article a;
	char err[12];
	const char *v = "{\"text\": \"Body.\", \"published_at\": \"\u00e9\u00e9\u00e9\u00e9\u00e9\"}";

	/* "field \"pub" is 11 bytes; a 2-byte character cut in half would be
	 * invalid UTF-8 if it ended up in the buffer. */
	CHECK_INT(article_decode(&a, v, strlen(v), &origin, 0, err, sizeof(err)), ARTICLE_BAD_FIELD);
	CHECK(article_utf8_valid(err, strlen(err)));

	char big[256];
	v = "{\"text\": \"Body.\", \"published_at\": \"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\"}";
	CHECK_INT(article_decode(&a, v, strlen(v), &origin, 0, big, sizeof(big)), ARTICLE_BAD_FIELD);
	CHECK(strstr(big, "\xc3\xa9\xc3\xa9") != NULL);
	CHECK(article_utf8_valid(big, strlen(big)));
	for (size_t cut = 40; cut < 80; cut++) {
		CHECK_INT(article_decode(&a, v, strlen(v), &origin, 0, big, cut), ARTICLE_BAD_FIELD);
		CHECK(article_utf8_valid(big, strlen(big)));
	}
}

/* Every single-byte change of a valid article either decodes to a complete
 * article or is rejected with an empty article and a message; under the
 * sanitizers this also shows no out-of-bounds read on the way. */
static void article_survives_single_byte_mutations(void)
{
	static const char *const seeds[] = {
	    "{\"id\": 7, \"title\": \"Strike\", \"text\": \"Air strikes hit Maarat al-Numan.\", "
	    "\"published_at\": \"2019-07-22T10:00:00+03:00\", \"language\": \"en\"}",
	    "Clashes in Tripoli\n\nFighting killed 5.\n[source_without_link]AFP[/source_without_link]",
	};
	static const unsigned char values[] = {0x00, 0x0a, ' ', '"', '{', '[', ']', '\\', 0x80, 0xc3, 0xff};
	char buf[256], err[128];

	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++) {
		size_t len = strlen(seeds[s]);
		for (size_t pos = 0; pos < len; pos++) {
			for (size_t v = 0; v < sizeof(values); v++) {
				struct article a;
				enum article_error e;

				memcpy(buf, seeds[s], len);
				buf[pos] = (char)values[v];
				e = article_decode(&a, buf, len, &origin, 0, err, sizeof(err));
				if (e == ARTICLE_OK) {
					CHECK(a.id && a.text && a.text_len == strlen(a.text) &&
					      a.text_len > 0);
				} else {
					CHECK(a.id == NULL && a.text == NULL && err[0] != '\0');
					CHECK(strchr(err, '\n') == NULL);
				}
				article_free(&a);
			}
		}
	}
}

static void article_bom_is_skipped(void)
{
	struct article a;
	char err[128];

	CHECK_INT(decode(&a, "\xEF\xBB\xBF{\"text\": \"Body.\"}", err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.text, "Body.");
	article_free(&a);
}

int main(void)
{
	RUN(article_json_with_all_fields);
	RUN(article_json_body_is_an_alias_of_text);
	RUN(article_json_id_may_be_a_number);
	RUN(article_missing_id_and_date_come_from_the_message);
	RUN(article_plain_text_title_line_and_source_tag);
	RUN(article_plain_text_without_tag_keeps_last_line);
	RUN(article_plain_text_source_tag_variants);
	RUN(article_text_ending_in_a_cut_source_tag_reads_no_further);
	RUN(article_plain_single_line_is_the_body);
	RUN(article_seed_shaped_file_decodes);
	RUN(article_rejects_empty_and_whitespace);
	RUN(article_rejects_over_the_size_limit_before_scanning);
	RUN(article_rejects_invalid_utf8_with_its_position);
	RUN(article_rejects_overlongs_surrogates_and_beyond_unicode);
	RUN(article_rejects_random_binary_bytes);
	RUN(article_rejects_malformed_json_with_line_and_column);
	RUN(article_rejects_json_that_is_not_an_object);
	RUN(article_rejects_json_without_text);
	RUN(article_rejects_fields_of_the_wrong_type);
	RUN(article_rejects_bad_published_at);
	RUN(rfc3339_parses_zulu_offsets_and_fractions);
	RUN(rfc3339_rejects_malformed);
	RUN(article_messages_are_one_line_of_utf8_even_when_cut);
	RUN(article_survives_single_byte_mutations);
	RUN(article_bom_is_skipped);
	TEST_DONE();
}
