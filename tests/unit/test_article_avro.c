/* test_article_avro.c - Avro-framed articles (schemas/article.avsc): both framings, and every rejection. */
#include <stdint.h>

#include "article.h"
#include "avro_codec.h"
#include "test.h"

#define SINGLE_OBJECT_HEADER_LEN 10 /* C3 01 + 8-byte fingerprint */

static const struct article_origin origin = {"articles", 2, 88, 1542466800000LL}; /* 2018-11-17T15:00:00Z */

/* --- a small encoder, written from the Avro specification ("Binary
 * Encoding"), independent of the decoder under test. */
struct wbuf {
	unsigned char b[8192];
	size_t n;
};

static void put_raw(struct wbuf *w, const void *p, size_t n)
{
	if (w->n + n <= sizeof(w->b)) {
		memcpy(w->b + w->n, p, n);
		w->n += n;
	}
}

static void put_long(struct wbuf *w, int64_t v)
{
	uint64_t u = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	while (u >= 0x80) {
		unsigned char c = (unsigned char)(u | 0x80);
		put_raw(w, &c, 1);
		u >>= 7;
	}
	unsigned char c = (unsigned char)u;
	put_raw(w, &c, 1);
}

static void put_str(struct wbuf *w, const char *s)
{
	put_long(w, (int64_t)strlen(s));
	put_raw(w, s, strlen(s));
}

static void put_opt_str(struct wbuf *w, const char *s)
{
	put_long(w, s ? 1 : 0);
	if (s)
		put_str(w, s);
}

struct fields {
	const char *id, *title, *text, *url, *source, *language;
	int has_pub;
	int64_t pub;
};

static void put_single_object_header(struct wbuf *w, uint64_t fp)
{
	unsigned char h[10] = {0xC3, 0x01};
	for (int i = 0; i < 8; i++)
		h[2 + i] = (unsigned char)(fp >> (8 * i));
	put_raw(w, h, sizeof(h));
}

static void put_confluent_header(struct wbuf *w, uint32_t id)
{
	unsigned char h[5] = {0x00, (unsigned char)(id >> 24), (unsigned char)(id >> 16),
	                      (unsigned char)(id >> 8), (unsigned char)id};
	put_raw(w, h, sizeof(h));
}

static void put_datum(struct wbuf *w, const struct fields *f)
{
	put_opt_str(w, f->id);
	put_opt_str(w, f->title);
	put_str(w, f->text);
	put_opt_str(w, f->url);
	put_opt_str(w, f->source);
	put_opt_str(w, f->language);
	put_long(w, f->has_pub);
	if (f->has_pub)
		put_long(w, f->pub);
}

static const struct fields idlib = {
    "afp-idlib-1",
    "Clashes in Idlib",
    "Rebels attacked an army post near Saraqeb on Friday, killing four soldiers.",
    "https://example.org/news/1",
    "Agence France-Presse",
    "en",
    1,
    1549009800000LL}; /* 2019-02-01T08:30:00Z */

static void single_object(struct wbuf *w, const struct fields *f)
{
	w->n = 0;
	put_single_object_header(w, article_avro_fingerprint());
	put_datum(w, f);
}

static void confluent(struct wbuf *w, uint32_t id, const struct fields *f)
{
	w->n = 0;
	put_confluent_header(w, id);
	put_datum(w, f);
}

static enum article_error decode_buf(struct article *a, const struct wbuf *w, char *err, size_t errlen)
{
	return article_decode(a, w->b, w->n, &origin, 0, err, errlen);
}

/* One rejection: the reason, a message containing want, an empty article. */
static void expect_reject(const void *v, size_t len, enum article_error reason, const char *want)
{
	struct article a;
	char err[256] = "";
	enum article_error e = article_decode(&a, v, len, &origin, 0, err, sizeof(err));

	CHECK_INT(e, reason);
	if (!strstr(err, want)) {
		fprintf(stderr, "  message \"%s\" does not contain \"%s\"\n", err, want);
		test_current_failed = 1;
	}
	CHECK(strchr(err, '\n') == NULL);
	CHECK(article_utf8_valid(err, strlen(err)));
	CHECK(a.id == NULL && a.text == NULL && a.title == NULL && a.url == NULL);
	article_free(&a);
}

static void expect_reject_buf(const struct wbuf *w, enum article_error reason, const char *want)
{
	expect_reject(w->b, w->n, reason, want);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = '\0';
	fclose(f);
	return s;
}

/* --- the tests */

static void embedded_schema_is_the_canonical_form_of_article_avsc(void)
{
	char path[1024], err[256] = "";
	char *json, *canon;

	snprintf(path, sizeof(path), "%s/schemas/article.avsc", test_env("CONFLICTD_SOURCE_DIR", "."));
	json = read_file(path);
	CHECK(json != NULL);
	if (!json)
		return;
	canon = avro_canonical_form(json, err, sizeof(err));
	CHECK(canon != NULL);
	if (canon) {
		CHECK_STR(article_avro_schema_canonical(), canon);
		CHECK(avro_crc64(canon, strlen(canon)) == article_avro_fingerprint());
	}
	/* The value tests/integration computes in Python from the specification. */
	CHECK(article_avro_fingerprint() == 0x739c2f8e38e35eb6ULL);
	free(canon);
	free(json);
}

/* python3-avro 1.11's canonical_form writes a logical type's base type as
 * {"type":"long"}; a scraper that fingerprints that string is accepted too. */
static void python_avro_fingerprint_variant_is_accepted(void)
{
	static const char pyavro_canonical[] =
	    "{\"name\":\"org.conflictd.Article\",\"type\":\"record\",\"fields\":["
	    "{\"name\":\"id\",\"type\":[\"null\",\"string\"]},"
	    "{\"name\":\"title\",\"type\":[\"null\",\"string\"]},"
	    "{\"name\":\"text\",\"type\":\"string\"},"
	    "{\"name\":\"url\",\"type\":[\"null\",\"string\"]},"
	    "{\"name\":\"source\",\"type\":[\"null\",\"string\"]},"
	    "{\"name\":\"language\",\"type\":[\"null\",\"string\"]},"
	    "{\"name\":\"published_at\",\"type\":[\"null\",{\"type\":\"long\"}]}]}";
	uint64_t fp = avro_crc64(pyavro_canonical, strlen(pyavro_canonical));
	struct wbuf w;
	struct article a;
	char err[256] = "";

	CHECK(fp != article_avro_fingerprint());
	w.n = 0;
	put_single_object_header(&w, fp);
	put_datum(&w, &idlib);
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.id, "afp-idlib-1");
	article_free(&a);
	/* Its canonical form differs from the specification's in that one place only. */
	CHECK(strlen(pyavro_canonical) == strlen(article_avro_schema_canonical()) + strlen("{\"type\":}"));
}

static void single_object_article_decodes_every_field(void)
{
	struct wbuf w;
	struct article a;
	char err[256] = "";

	single_object(&w, &idlib);
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(err, "");
	CHECK_STR(a.id, "afp-idlib-1");
	CHECK_STR(a.title, "Clashes in Idlib");
	CHECK_STR(a.text, idlib.text);
	CHECK_INT(a.text_len, strlen(idlib.text));
	CHECK_STR(a.url, "https://example.org/news/1");
	CHECK_STR(a.source, "Agence France-Presse");
	CHECK_STR(a.language, "en");
	CHECK_INT(a.published_at_ms, 1549009800000LL);
	article_free(&a);
}

/* Bytes python3-avro wrote for schemas/article.avsc (DatumWriter, then the
 * single-object header): the decoder agrees with an independent encoder. */
static void python_avro_single_object_bytes_decode(void)
{
	static const char v[] = "\xc3\x01"
	                        "\xb6\x5e\xe3\x38\x8e\x2f\x9c\x73" /* fingerprint, little-endian */
	                        "\x02\x0c"
	                        "wire-7"
	                        "\x02\x20"
	                        "Clashes in Idlib"
	                        "\x68"
	                        "Rebels attacked an army post near Saraqeb on Friday."
	                        "\x00"     /* url: null */
	                        "\x02\x06" /* source */
	                        "AFP"
	                        "\x02\x04"
	                        "en"
	                        "\x02\x80\xad\xee\x82\x95\x5a"; /* 2019-02-01T08:30:00Z */
	struct article a;
	char err[256] = "";

	CHECK_INT(article_decode(&a, v, sizeof(v) - 1, &origin, 0, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(err, "");
	CHECK_STR(a.id, "wire-7");
	CHECK_STR(a.title, "Clashes in Idlib");
	CHECK_STR(a.text, "Rebels attacked an army post near Saraqeb on Friday.");
	CHECK(a.url == NULL);
	CHECK_STR(a.source, "AFP");
	CHECK_STR(a.language, "en");
	CHECK_INT(a.published_at_ms, 1549009800000LL);
	article_free(&a);
}

static void confluent_article_decodes_with_any_schema_id(void)
{
	struct wbuf w;
	struct article a;
	char err[256] = "";
	static const uint32_t ids[] = {1, 42, 0x7fffffff, 0xffffffff};

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		confluent(&w, ids[i], &idlib);
		CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
		CHECK_STR(a.id, "afp-idlib-1");
		CHECK_STR(a.text, idlib.text);
		CHECK_INT(a.published_at_ms, 1549009800000LL);
		article_free(&a);
	}
}

static void avro_nulls_take_the_message_defaults(void)
{
	struct wbuf w;
	struct article a;
	char err[256] = "";
	struct fields f = {NULL, NULL, "Police fired tear gas at protesters in Lagos.", NULL, NULL, NULL,
	                   0,    0};

	confluent(&w, 7, &f);
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.id, "articles/2/88");
	CHECK(a.title == NULL && a.url == NULL && a.source == NULL && a.language == NULL);
	CHECK_INT(a.published_at_ms, 1542466800000LL);
	article_free(&a);

	/* An empty id is no id, as in JSON. */
	f.id = "";
	single_object(&w, &f);
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.id, "articles/2/88");
	article_free(&a);

	/* A published_at of 0 is 1970-01-01, not "none": the message time is not used. */
	f.has_pub = 1;
	f.pub = -86400000LL; /* 1969-12-31 */
	single_object(&w, &f);
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	CHECK_INT(a.published_at_ms, -86400000LL);
	article_free(&a);
}

static void avro_strings_may_hold_any_utf8_text(void)
{
	struct wbuf w;
	struct article a;
	char err[256] = "";
	struct fields f = idlib;

	f.title = "Bomba en Bogot\xc3\xa1";
	f.text = "Un carro bomba estall\xc3\xb3 en Bogot\xc3\xa1.\nTab\there, \xe2\x80\x9cquotes\xe2\x80\x9d "
	         "\xf0\x9f\x98\x80";
	f.url = "";
	single_object(&w, &f);
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.title, f.title);
	CHECK_STR(a.text, f.text);
	CHECK_STR(a.url, "");
	article_free(&a);
}

static void avro_error_names_are_stable(void)
{
	CHECK_STR(article_error_name(ARTICLE_BAD_AVRO), "bad_avro");
	CHECK_STR(article_error_name(ARTICLE_UNKNOWN_SCHEMA), "unknown_schema");
	CHECK_STR(article_error_name(ARTICLE_NOMEM), "nomem");
}

/* Text never looks like Avro: 0x00 is a control byte, and C3 leads a
 * two-byte character whose second byte is 80..BF, never 01. */
static void text_starting_with_c3_is_text_not_avro(void)
{
	struct article a;
	char err[256] = "";
	const char *t =
	    "\xc3\x81guas Belas: protest\nResidents of \xc3\x81guas Belas blocked the road on Monday.";
	const char *j = "{\"text\": \"Police dispersed a march in Bogot\xc3\xa1.\"}";

	CHECK(!article_avro_framed(t, strlen(t)));
	CHECK(!article_avro_framed(j, strlen(j)));
	CHECK(!article_avro_framed("\xc3\x83", 2)); /* "Ã" */
	CHECK(!article_avro_framed("\xc3", 1));
	CHECK(!article_avro_framed("", 0));
	CHECK(article_avro_framed("\xc3\x01", 2));
	CHECK(article_avro_framed("\x00", 1));
	CHECK_INT(article_decode(&a, t, strlen(t), &origin, 0, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.title, "\xc3\x81guas Belas: protest");
	article_free(&a);
	CHECK_INT(article_decode(&a, j, strlen(j), &origin, 0, err, sizeof(err)), ARTICLE_OK);
	article_free(&a);
	/* A lone C3 is broken UTF-8, C3 followed by a non-continuation byte too. */
	expect_reject("\xc3", 1, ARTICLE_BAD_UTF8, "invalid UTF-8 at byte 0");
	expect_reject("\xc3\x02 text", 7, ARTICLE_BAD_UTF8, "invalid UTF-8 at byte 0");
}

/* Every proper prefix of a valid value is rejected, with an empty article. */
static void avro_every_truncation_is_rejected(void)
{
	struct wbuf w;

	single_object(&w, &idlib);
	expect_reject(w.b, 1, ARTICLE_BAD_UTF8, "invalid UTF-8 at byte 0"); /* a lone C3 is not framed */
	for (size_t n = 2; n < SINGLE_OBJECT_HEADER_LEN; n++)
		expect_reject(w.b, n, ARTICLE_BAD_AVRO, "shorter than the 10-byte header");
	for (size_t n = SINGLE_OBJECT_HEADER_LEN; n < w.n; n++)
		expect_reject(w.b, n, ARTICLE_BAD_AVRO, "Avro article (single-object): field");

	confluent(&w, 42, &idlib);
	for (size_t n = 1; n < 5; n++)
		expect_reject(w.b, n, ARTICLE_BAD_AVRO, "shorter than the 5-byte header");
	for (size_t n = 5; n < w.n; n++)
		expect_reject(w.b, n, ARTICLE_BAD_AVRO, "Avro article (Confluent schema id 42): field");
}

static void avro_wrong_fingerprint_is_an_unknown_schema(void)
{
	struct wbuf w;

	w.n = 0;
	put_single_object_header(&w, 0x0123456789abcdefULL);
	put_datum(&w, &idlib);
	expect_reject_buf(&w, ARTICLE_UNKNOWN_SCHEMA,
	                  "fingerprint 0123456789abcdef is not org.conflictd.Article's (739c2f8e38e35eb6)");
	/* One bit off in the last fingerprint byte. */
	single_object(&w, &idlib);
	w.b[9] ^= 0x80;
	expect_reject_buf(&w, ARTICLE_UNKNOWN_SCHEMA, "is not org.conflictd.Article's");
}

/* A ConflictEvent (conflictd's own output) sent back to the input topic:
 * its single-object fingerprint is another schema's, and in Confluent
 * framing, where the id is not checked, its datum is no Article (the
 * event_id's length is read as a union branch). */
static void conflict_event_values_are_not_articles(void)
{
	struct avro_codec *codec = NULL;
	struct conflict_event ev;
	char path[1024], err[256] = "";
	void *buf = NULL;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/schemas/conflict_event.avsc", test_env("CONFLICTD_SOURCE_DIR", "."));
	CHECK_INT(avro_codec_open(&codec, path, err, sizeof(err)), 0);
	if (!codec)
		return;
	memset(&ev, 0, sizeof(ev));
	event_strlcpy(ev.event_id, "9f1c2e4b7a0d3c5e8f9a1b2c3d4e5f60", sizeof(ev.event_id));
	event_strlcpy(ev.article_id, "afp-idlib-1", sizeof(ev.article_id));
	ev.article_published_at_ms = 1549009800000LL;
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	if (buf)
		expect_reject(buf, len, ARTICLE_UNKNOWN_SCHEMA, "is not org.conflictd.Article's");
	free(buf);
	buf = NULL;
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_CONFLUENT, 12, &buf, &len, err, sizeof(err)), 0);
	if (buf)
		expect_reject(buf, len, ARTICLE_BAD_AVRO, "field \"id\": union branch 32 at byte 5");
	free(buf);
	avro_codec_close(codec);
}

static void avro_bad_union_branch_is_rejected(void)
{
	struct wbuf w;
	size_t branch_at = SINGLE_OBJECT_HEADER_LEN; /* id's branch is the datum's first byte */

	single_object(&w, &idlib);
	w.b[branch_at] = 0x04; /* branch 2 */
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, "field \"id\": union branch 2 at byte 10 (0 null, 1 value)");
	w.b[branch_at] = 0x01; /* branch -1 */
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, "field \"id\": union branch -1 at byte 10");

	/* published_at's branch, the datum's last union: 3 instead of 1. */
	struct fields f = idlib;
	f.has_pub = 0;
	single_object(&w, &f);
	w.b[w.n - 1] = 0x06;
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, "field \"published_at\": union branch 3");
}

static void avro_oversized_lengths_are_rejected_before_allocating(void)
{
	struct wbuf w;
	static const int64_t lengths[] = {INT64_MAX, (int64_t)1 << 40, 1 << 20, 4097};

	/* The text's length claims more than the value holds: under ASan a
	 * malloc of that size would abort the test ("allocation-size-too-big"). */
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		w.n = 0;
		put_single_object_header(&w, article_avro_fingerprint());
		put_opt_str(&w, "x");
		put_opt_str(&w, NULL);
		put_long(&w, lengths[i]);
		put_raw(&w, "Some text.", 10);
		expect_reject_buf(&w, ARTICLE_BAD_AVRO, "field \"text\": string length");
		expect_reject_buf(&w, ARTICLE_BAD_AVRO, "runs past the end (10 bytes left)");
	}
	/* A negative length. */
	w.n = 0;
	put_confluent_header(&w, 3);
	put_long(&w, 1);
	put_long(&w, -5);
	put_raw(&w, "abcdefgh", 8);
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, "field \"id\": negative string length -5 at byte 6");
}

static void avro_overlong_varints_are_rejected(void)
{
	struct wbuf w;
	static const unsigned char eleven[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	                                       0x80, 0x80, 0x80, 0x80, 0x00};
	static const unsigned char overflow[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};

	w.n = 0;
	put_confluent_header(&w, 1);
	put_raw(&w, eleven, sizeof(eleven));
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, "field \"id\": varint at byte 5 is longer than 10 bytes");
	w.n = 0;
	put_confluent_header(&w, 1);
	put_raw(&w, overflow, sizeof(overflow));
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, "field \"id\": varint at byte 5 overflows 64 bits");

	/* A non-minimal but in-range varint (0 as 80 00) is still a long. */
	w.n = 0;
	put_confluent_header(&w, 1);
	put_raw(&w, "\x80\x00", 2); /* id: null */
	put_opt_str(&w, NULL);
	put_str(&w, "Gunmen killed two farmers near Jos.");
	put_opt_str(&w, NULL);
	put_opt_str(&w, NULL);
	put_opt_str(&w, NULL);
	put_long(&w, 0);
	struct article a;
	char err[256] = "";
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	CHECK_STR(a.text, "Gunmen killed two farmers near Jos.");
	article_free(&a);
}

static void avro_invalid_utf8_in_a_string_is_bad_utf8(void)
{
	struct wbuf w;
	struct fields f = idlib;

	f.title = "Killed in \xe9vora"; /* Latin-1, not UTF-8 */
	single_object(&w, &f);
	expect_reject_buf(&w, ARTICLE_BAD_UTF8, "field \"title\": invalid UTF-8 at byte 35");

	f = idlib;
	f.source = "AF\xc0\xafP"; /* overlong '/' */
	confluent(&w, 9, &f);
	expect_reject_buf(&w, ARTICLE_BAD_UTF8, "field \"source\": invalid UTF-8");

	f = idlib;
	f.text = "Rebels attacked \xed\xa0\x80 a post."; /* a surrogate */
	single_object(&w, &f);
	expect_reject_buf(&w, ARTICLE_BAD_UTF8, "field \"text\": invalid UTF-8");

	/* NUL and other control bytes, as in plain-text input. */
	w.n = 0;
	put_single_object_header(&w, article_avro_fingerprint());
	put_opt_str(&w, "x");
	put_opt_str(&w, NULL);
	put_long(&w, 9);
	put_raw(&w, "Body\0more", 9);
	put_opt_str(&w, NULL);
	put_opt_str(&w, NULL);
	put_opt_str(&w, NULL);
	put_long(&w, 0);
	expect_reject_buf(&w, ARTICLE_BAD_UTF8, "field \"text\": control byte 0x00 at byte 19");
}

static void avro_trailing_bytes_are_rejected(void)
{
	struct wbuf w;

	single_object(&w, &idlib);
	size_t n = w.n;
	put_raw(&w, "\x00", 1);
	char want[96];
	snprintf(want, sizeof(want), "the datum ends at byte %zu but the value has %zu bytes", n, n + 1);
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, want);

	/* Two datums in one value. */
	confluent(&w, 5, &idlib);
	put_datum(&w, &idlib);
	expect_reject_buf(&w, ARTICLE_BAD_AVRO, "the datum ends at byte");
}

static void avro_text_and_date_follow_the_json_rules(void)
{
	struct wbuf w;
	struct fields f = idlib;

	f.text = " \n\t ";
	single_object(&w, &f);
	expect_reject_buf(&w, ARTICLE_NO_TEXT, "field \"text\" is empty or only whitespace");
	f.text = "";
	confluent(&w, 1, &f);
	expect_reject_buf(&w, ARTICLE_NO_TEXT, "field \"text\" is empty");

	f = idlib;
	f.pub = 253402300800000LL; /* 10000-01-01 */
	single_object(&w, &f);
	expect_reject_buf(&w, ARTICLE_BAD_FIELD, "field \"published_at\": 253402300800000 ms");
	f.pub = INT64_MIN;
	single_object(&w, &f);
	expect_reject_buf(&w, ARTICLE_BAD_FIELD, "outside years 0000-9999");
	f.pub = 253402300799999LL; /* the last millisecond of 9999 */
	single_object(&w, &f);
	struct article a;
	char err[256];
	CHECK_INT(decode_buf(&a, &w, err, sizeof(err)), ARTICLE_OK);
	article_free(&a);
}

static void avro_size_limit_applies_before_decoding(void)
{
	struct wbuf w;
	struct article a;
	char err[256] = "";

	single_object(&w, &idlib);
	CHECK_INT(article_decode(&a, w.b, w.n, &origin, w.n - 1, err, sizeof(err)), ARTICLE_TOO_LARGE);
	CHECK(strstr(err, "over the limit") != NULL);
	CHECK_INT(article_decode(&a, w.b, w.n, &origin, w.n, err, sizeof(err)), ARTICLE_OK);
	article_free(&a);
}

/* Every single-byte change of a valid value either decodes to a complete
 * article or is rejected with an empty article and a message; under the
 * sanitizers this also shows no out-of-bounds read or huge allocation. */
static void avro_survives_single_byte_mutations(void)
{
	static const unsigned char values[] = {0x00, 0x01, 0x02, 0x7f, 0x80, 0xc3, 0xfe, 0xff};
	struct wbuf base, w;
	struct fields f = idlib;
	char err[160];
	int ok = 0, rejected = 0;

	f.url = NULL;
	for (int framing = 0; framing < 2; framing++) {
		if (framing == 0)
			single_object(&base, &f);
		else
			confluent(&base, 77, &f);
		for (size_t pos = 0; pos < base.n; pos++) {
			for (size_t v = 0; v < sizeof(values); v++) {
				struct article a;
				enum article_error e;

				w = base;
				w.b[pos] = values[v];
				e = decode_buf(&a, &w, err, sizeof(err));
				if (e == ARTICLE_OK) {
					CHECK(a.id && a.text && a.text_len == strlen(a.text) &&
					      a.text_len > 0);
					ok++;
				} else {
					CHECK(a.id == NULL && a.text == NULL && err[0] != '\0');
					CHECK(strchr(err, '\n') == NULL);
					rejected++;
				}
				article_free(&a);
			}
		}
	}
	/* Both outcomes occur: a changed text byte stays a valid article. */
	CHECK(ok > 0 && rejected > 0);
}

int main(void)
{
	RUN(embedded_schema_is_the_canonical_form_of_article_avsc);
	RUN(single_object_article_decodes_every_field);
	RUN(python_avro_fingerprint_variant_is_accepted);
	RUN(python_avro_single_object_bytes_decode);
	RUN(confluent_article_decodes_with_any_schema_id);
	RUN(avro_nulls_take_the_message_defaults);
	RUN(avro_strings_may_hold_any_utf8_text);
	RUN(avro_error_names_are_stable);
	RUN(text_starting_with_c3_is_text_not_avro);
	RUN(avro_every_truncation_is_rejected);
	RUN(avro_wrong_fingerprint_is_an_unknown_schema);
	RUN(conflict_event_values_are_not_articles);
	RUN(avro_bad_union_branch_is_rejected);
	RUN(avro_oversized_lengths_are_rejected_before_allocating);
	RUN(avro_overlong_varints_are_rejected);
	RUN(avro_invalid_utf8_in_a_string_is_bad_utf8);
	RUN(avro_trailing_bytes_are_rejected);
	RUN(avro_text_and_date_follow_the_json_rules);
	RUN(avro_size_limit_applies_before_decoding);
	RUN(avro_survives_single_byte_mutations);
	TEST_DONE();
}
