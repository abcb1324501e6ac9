/*
 * fuzz_article_decode.c - article_decode() on arbitrary bytes.
 *
 * One Kafka message value is untrusted input: JSON, wire text, and both
 * Avro framings (00 + schema id, C3 01 + fingerprint) all start here.  Beyond
 * what ASan and UBSan catch, every outcome must keep the contract of
 * article.h: a decoded article is complete (id and a non-empty text whose
 * length is its strlen), a rejection leaves the article empty and says why
 * in one line of valid UTF-8.  A broken invariant aborts, so libFuzzer keeps
 * the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "fuzz.h"

/* Valid UTF-8; control characters are allowed here because JSON escapes
 * ("\u0001") can put them into a decoded string. */
static int utf8_ok(const char *s, size_t len)
{
	size_t i = 0;
	int ctl;

	while (i < len) {
		i += article_utf8_span(s + i, len - i, &ctl);
		if (i < len) {
			if (!ctl)
				return 0;
			i++;
		}
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct article_origin origin = {"articles", 1, 42, 1542466800000LL};
	struct article a;
	struct extract_article view;
	char err[512];
	enum article_error e;

	e = article_decode(&a, data, size, &origin, 64 * 1024, err, sizeof(err));
	if (e == ARTICLE_OK) {
		CHECK(a.id && a.id[0] && a.text && a.text_len > 0 && strlen(a.text) == a.text_len);
		CHECK(utf8_ok(a.text, a.text_len));
		CHECK(utf8_ok(a.id, strlen(a.id)));
		CHECK(!a.title || utf8_ok(a.title, strlen(a.title)));
		CHECK(!a.url || utf8_ok(a.url, strlen(a.url)));
		CHECK(!a.source || utf8_ok(a.source, strlen(a.source)));
		article_view(&a, &view);
		CHECK(view.text == a.text && view.text_len == a.text_len);
	} else {
		CHECK(!a.id && !a.text && !a.title && !a.url && !a.source && !a.language);
		CHECK(err[0] != '\0' && !strchr(err, '\n'));
		CHECK(article_utf8_valid(err, strlen(err)));
		CHECK(strcmp(article_error_name(e), "unknown") != 0);
	}
	article_free(&a);
	return 0;
}
