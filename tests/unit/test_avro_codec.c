/*
 * test_avro_codec.c - conflict_event <-> Avro: round trips, both framings,
 * and untrusted bytes (truncated, garbage, bad magic, wrong fingerprint,
 * bad union branch or enum index) rejected with a message.  Run it under
 * ASan: the point of the validator is that avro-c never sees a bad datum.
 */
#include <jansson.h>
#include <stdint.h>

#include "avro_codec.h"
#include "sample_event.h"
#include "test.h"

static struct avro_codec *codec;

static const char *schema_path(void)
{
	static char path[1024];
	snprintf(path, sizeof(path), "%s/schemas/conflict_event.avsc", test_env("CONFLICTD_SOURCE_DIR", "."));
	return path;
}

static const char body[] = "Government warplanes struck a market in Maarat al-Numan on Saturday, killing at "
                           "least 14 civilians, including three children, the Syrian Observatory said.";

static const struct sample_spec full_spec = {
    .article_id = "afp-2019-12-21-0042",
    .article_url = "https://example.org/news/idlib-market",
    .source_name = "AFP",
    .published_at_ms = 1576929600123LL,
    .processed_at_ms = 1576930000456LL,
    .event_type = EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
    .sub_event_type = SUB_AIR_DRONE_STRIKE,
    .year = 2019,
    .month = 12,
    .day = 21,
    .temporality = TEMPORALITY_CURRENT,
    .actor1 = {"Military Forces of Syria", "Government warplanes", ACTOR_STATE_FORCES, "SY"},
    .actor2 = {"Civilians (Syria)", "civilians", ACTOR_CIVILIANS, "SY"},
    .associated = {{"Military Forces of Russia", "Russian jets", ACTOR_EXTERNAL_OTHER, "RU"},
                   {"Unidentified Armed Group", "gunmen", ACTOR_POLITICAL_MILITIA, ""}},
    .place = "Ma'arrat an Nu'man",
    .admin1 = "Idlib",
    .admin2 = "Ma'arrat an Nu'man",
    .country = "Syria",
    .country_code = "SY",
    .gazetteer_id = "geonames:166365",
    .latitude = 35.6476,
    .longitude = 36.6741,
    .geo_precision = 1,
    .fatalities = {.best = 14, .low = 14, .high = 16, .civilians = 14, .children = 3, .imputed = false},
    .reported_by = {"Syrian Observatory for Human Rights", "White Helmets"},
    .disputed = true,
    .confidence = 0.87f,
    .body = body,
    .topic = "articles.ar",
    .partition = 5,
    .offset = 9876543210LL,
};

static void full_event(struct conflict_event *ev)
{
	sample_event(ev, &full_spec);
}

static void minimal_event(struct conflict_event *ev)
{
	event_init(ev);
	event_strlcpy(ev->article_id, "a1", sizeof(ev->article_id));
	ev->article_published_at_ms = 1542466800000LL;
	ev->processed_at_ms = 1542466800001LL;
	event_make_id(ev, 0);
}

static void check_actor_eq(const struct event_actor *a, const struct event_actor *b)
{
	CHECK_INT(a->present, b->present);
	CHECK_STR(a->name, b->name);
	CHECK_STR(a->mention, b->mention);
	CHECK_INT(a->type, b->type);
	CHECK_STR(a->country_code, b->country_code);
}

static void check_event_eq(const struct conflict_event *a, const struct conflict_event *b)
{
	sample_check_head_eq(a, b);
	check_actor_eq(&a->actor1, &b->actor1);
	check_actor_eq(&a->actor2, &b->actor2);
	CHECK_INT(a->n_associated, b->n_associated);
	for (size_t i = 0; i < a->n_associated && i < b->n_associated; i++)
		check_actor_eq(&a->associated[i], &b->associated[i]);
	CHECK_INT(a->location.present, b->location.present);
	CHECK_STR(a->location.name, b->location.name);
	CHECK_STR(a->location.admin1, b->location.admin1);
	CHECK_STR(a->location.admin2, b->location.admin2);
	CHECK_STR(a->location.country, b->location.country);
	CHECK_STR(a->location.country_code, b->location.country_code);
	CHECK_INT(a->location.has_coordinates, b->location.has_coordinates);
	CHECK(a->location.latitude == b->location.latitude);
	CHECK(a->location.longitude == b->location.longitude);
	CHECK_INT(a->location.geo_precision, b->location.geo_precision);
	CHECK_STR(a->location.gazetteer_id, b->location.gazetteer_id);
	CHECK_INT(a->fatalities.best, b->fatalities.best);
	CHECK_INT(a->fatalities.low, b->fatalities.low);
	CHECK_INT(a->fatalities.high, b->fatalities.high);
	CHECK_INT(a->fatalities.civilians, b->fatalities.civilians);
	CHECK_INT(a->fatalities.children, b->fatalities.children);
	CHECK_INT(a->fatalities.imputed, b->fatalities.imputed);
	CHECK_INT(a->n_reported_by, b->n_reported_by);
	for (size_t i = 0; i < a->n_reported_by && i < b->n_reported_by; i++)
		CHECK_STR(a->reported_by[i], b->reported_by[i]);
	CHECK_INT(a->disputed, b->disputed);
	CHECK(a->confidence == b->confidence);
	CHECK_INT(a->n_evidence, b->n_evidence);
	for (size_t i = 0; i < a->n_evidence && i < b->n_evidence; i++) {
		CHECK_INT(a->evidence[i].start, b->evidence[i].start);
		CHECK_INT(a->evidence[i].end, b->evidence[i].end);
		CHECK_STR(a->evidence[i].text, b->evidence[i].text);
	}
	CHECK_STR(a->language, b->language);
	CHECK_STR(a->extractor_version, b->extractor_version);
	CHECK_INT(a->provenance.present, b->provenance.present);
	CHECK_STR(a->provenance.topic, b->provenance.topic);
	CHECK_INT(a->provenance.partition, b->provenance.partition);
	CHECK_INT(a->provenance.offset, b->provenance.offset);
}

static void codec_full_event_round_trips_single_object(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	full_event(&ev);
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	if (!buf)
		return;
	const unsigned char *p = buf;
	CHECK(len > 10);
	CHECK_INT(p[0], 0xc3);
	CHECK_INT(p[1], 0x01);
	uint64_t fp = 0;
	for (int i = 0; i < 8; i++)
		fp |= (uint64_t)p[2 + i] << (8 * i);
	CHECK(fp == avro_codec_fingerprint(codec));
	int rc = avro_codec_decode(codec, buf, len, &back, err, sizeof(err));
	if (rc)
		fprintf(stderr, "  decode: %s\n", err);
	CHECK_INT(rc, 0);
	check_event_eq(&ev, &back);
	CHECK(back.evidence[0].text != body); /* a copy owned by the codec */
	free(buf);
}

static void codec_minimal_event_round_trips_confluent_with_nulls(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	minimal_event(&ev);
	CHECK_INT(
	    avro_codec_encode(codec, &ev, AVRO_FRAMING_CONFLUENT, 0x01020304, &buf, &len, err, sizeof(err)),
	    0);
	if (!buf)
		return;
	const unsigned char *p = buf;
	CHECK_INT(p[0], 0x00);
	CHECK_INT(p[1], 0x01);
	CHECK_INT(p[2], 0x02);
	CHECK_INT(p[3], 0x03);
	CHECK_INT(p[4], 0x04);
	CHECK_INT(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)), 0);
	check_event_eq(&ev, &back);
	CHECK(!back.actor1.present);
	CHECK(!back.location.present);
	CHECK_INT(back.fatalities.civilians, -1);
	CHECK_INT(back.fatalities.children, -1);
	CHECK(!back.has_event_date);
	CHECK_STR(back.article_url, "");
	CHECK(!back.provenance.present);
	free(buf);
}

static void codec_bare_datum_reports_bytes_used(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len, used = 0;

	full_event(&ev);
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_NONE, 0, &buf, &len, err, sizeof(err)), 0);
	if (!buf)
		return;
	/* Two datums back to back, as in an object container block. */
	unsigned char *two = malloc(2 * len);
	memcpy(two, buf, len);
	memcpy(two + len, buf, len);
	CHECK_INT(avro_codec_decode_datum(codec, two, 2 * len, &used, &back, err, sizeof(err)), 0);
	CHECK_INT(used, len);
	CHECK_INT(avro_codec_decode_datum(codec, two + used, 2 * len - used, &used, &back, err, sizeof(err)),
	          0);
	CHECK_INT(used, len);
	check_event_eq(&ev, &back);
	free(two);
	free(buf);
}

static void codec_location_without_coordinates_encodes_null_lat_lon(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	full_event(&ev);
	ev.location.has_coordinates = false;
	ev.location.admin2[0] = '\0';
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	CHECK_INT(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)), 0);
	CHECK(back.location.present);
	CHECK(!back.location.has_coordinates);
	CHECK_STR(back.location.admin2, "");
	CHECK_STR(back.location.admin1, "Idlib");
	free(buf);
}

static void codec_evidence_text_is_the_span_of_the_body(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	full_event(&ev);
	/* "Maarat al-Numan": a slice in the middle, not NUL-terminated. */
	ev.evidence[0].start = 40;
	ev.evidence[0].end = 55;
	ev.evidence[0].text = body + 40;
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	CHECK_INT(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)), 0);
	CHECK_STR(back.evidence[0].text, "Maarat al-Numan");
	CHECK_INT(back.evidence[0].start, 40);
	CHECK_INT(back.evidence[0].end, 55);

	/* A datum whose evidence text disagrees with its span is refused: a
	 * reader slices the text by the span.  Lower the end by one in the
	 * encoded bytes: the end varint 0x6e (55) becomes 0x6c (54). */
	unsigned char *p = buf;
	size_t hits = 0, at = 0;
	for (size_t i = 10; i + 2 < len; i++)
		if (p[i] == 0x50 && p[i + 1] == 0x6e && p[i + 2] == 0x1e) { /* start 40, end 55, len 15 */
			hits++;
			at = i + 1;
		}
	CHECK_INT(hits, 1);
	if (hits == 1) {
		p[at] = 0x6c;
		CHECK(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)) != 0);
		CHECK(strstr(err, "evidence") != NULL);
	}
	free(buf);

	ev.evidence[0].end = 10; /* before start */
	CHECK(avro_codec_encode(codec, &ev, AVRO_FRAMING_NONE, 0, &buf, &len, err, sizeof(err)) != 0);
	CHECK(strstr(err, "evidence") != NULL);
}

/* Writers may send array blocks with a negative count followed by the
 * block's byte size (Avro spec, "Complex Types: Arrays"). */
static void codec_accepts_sized_array_blocks_and_checks_their_size(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	minimal_event(&ev);
	event_strlcpy(ev.reported_by[0], "Xq7", EVENT_NAME_MAX);
	ev.n_reported_by = 1;
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_CONFLUENT, 1, &buf, &len, err, sizeof(err)), 0);
	/* count 1, "Xq7", end: 02 06 58 71 37 00 -> count -1, 8 bytes: 01 08 06 58 71 37 00 */
	const unsigned char plain[] = {0x02, 0x06, 'X', 'q', '7', 0x00};
	unsigned char *p = buf, *sized = malloc(len + 1);
	size_t at = 0, hits = 0;
	for (size_t i = 5; i + sizeof(plain) <= len; i++)
		if (memcmp(p + i, plain, sizeof(plain)) == 0) {
			hits++;
			at = i;
		}
	CHECK_INT(hits, 1);
	if (hits == 1) {
		memcpy(sized, p, at);
		sized[at] = 0x01;
		sized[at + 1] = 0x0a; /* claims 5 bytes; the item takes 4 */
		memcpy(sized + at + 2, p + at + 1, len - at - 1);
		CHECK(avro_codec_decode(codec, sized, len + 1, &back, err, sizeof(err)) != 0);
		CHECK(strstr(err, "block says") != NULL);
		sized[at + 1] = 0x08; /* 4 bytes: the truth */
		int rc = avro_codec_decode(codec, sized, len + 1, &back, err, sizeof(err));
		if (rc)
			fprintf(stderr, "  %s\n", err);
		CHECK_INT(rc, 0);
		CHECK_INT(back.n_reported_by, 1);
		CHECK_STR(back.reported_by[0], "Xq7");
	}
	free(sized);
	free(buf);
}

static void codec_truncated_values_are_rejected_at_every_length(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;
	int accepted = 0;

	full_event(&ev);
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	for (size_t n = 0; n < len; n++) {
		/* A copy of exactly n bytes so ASan sees any read past the end. */
		unsigned char *cut = malloc(n ? n : 1);
		memcpy(cut, buf, n);
		err[0] = '\0';
		if (avro_codec_decode(codec, cut, n, &back, err, sizeof(err)) == 0)
			accepted++;
		else if (!err[0])
			accepted += 1000; /* a rejection must say why */
		free(cut);
	}
	CHECK_INT(accepted, 0);
	free(buf);
}

static void codec_trailing_bytes_are_rejected(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	minimal_event(&ev);
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	unsigned char *more = malloc(len + 3);
	memcpy(more, buf, len);
	memcpy(more + len, "\x01\x02\x03", 3);
	CHECK(avro_codec_decode(codec, more, len + 3, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "trailing") != NULL);
	free(more);
	free(buf);
}

static void codec_bad_magic_and_wrong_fingerprint_are_rejected(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	minimal_event(&ev);
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	unsigned char *p = buf;

	p[0] = 0x7b; /* '{': somebody's JSON */
	CHECK(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "framing") != NULL);
	p[0] = 0xc3;
	p[1] = 0x02;
	CHECK(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)) != 0);
	p[1] = 0x01;
	p[5] ^= 0x40; /* one bit of the fingerprint */
	CHECK(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "fingerprint") != NULL);
	p[5] ^= 0x40;
	CHECK_INT(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)), 0);
	CHECK(avro_codec_decode(codec, "", 0, &back, err, sizeof(err)) != 0);
	CHECK(avro_codec_decode(codec, "\xc3\x01\x00", 3, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "header") != NULL);
	free(buf);
}

/* Build a Confluent value by hand: header, then the given datum prefix. */
static size_t confluent(unsigned char *out, const unsigned char *datum, size_t n)
{
	memcpy(out, "\x00\x00\x00\x00\x01", 5);
	memcpy(out + 5, datum, n);
	return n + 5;
}

static void codec_huge_string_length_is_rejected_before_allocation(void)
{
	struct conflict_event back;
	char err[256];
	unsigned char v[64];
	/* event_id claims 2^62 bytes: zig-zag varint of a huge positive long. */
	const unsigned char datum[] = {0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 'a'};
	size_t n = confluent(v, datum, sizeof(datum));
	CHECK(avro_codec_decode(codec, v, n, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "event_id") != NULL);
	CHECK(strstr(err, "length") != NULL);

	/* A varint that never ends is bounded at 10 bytes. */
	unsigned char endless[20];
	memset(endless, 0xff, sizeof(endless));
	n = confluent(v, endless, sizeof(endless));
	CHECK(avro_codec_decode(codec, v, n, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "varint") != NULL);

	/* A negative length. */
	const unsigned char neg[] = {0x03, 'a', 'b'};
	n = confluent(v, neg, sizeof(neg));
	CHECK(avro_codec_decode(codec, v, n, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "negative") != NULL);
}

static void codec_bad_union_branch_and_enum_index_are_rejected(void)
{
	struct conflict_event back;
	char err[256];
	unsigned char v[64];
	/* event_id "e", article_id "a", article_url branch 5 of 2. */
	const unsigned char bad_branch[] = {0x02, 'e', 0x02, 'a', 0x0a};
	size_t n = confluent(v, bad_branch, sizeof(bad_branch));
	CHECK(avro_codec_decode(codec, v, n, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "article_url") != NULL);
	CHECK(strstr(err, "union branch") != NULL);

	/* ... both unions null, two timestamps 0, record_kind index 7 of 2. */
	const unsigned char bad_enum[] = {0x02, 'e', 0x02, 'a', 0x00, 0x00, 0x00, 0x00, 0x0e};
	n = confluent(v, bad_enum, sizeof(bad_enum));
	CHECK(avro_codec_decode(codec, v, n, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "record_kind") != NULL);
	CHECK(strstr(err, "enum index") != NULL);

	/* A negative union branch. */
	const unsigned char neg_branch[] = {0x02, 'e', 0x02, 'a', 0x01};
	n = confluent(v, neg_branch, sizeof(neg_branch));
	CHECK(avro_codec_decode(codec, v, n, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "union branch") != NULL);

	/* Invalid UTF-8 in a string. */
	const unsigned char bad_utf8[] = {0x04, 0xc3, 0x28};
	n = confluent(v, bad_utf8, sizeof(bad_utf8));
	CHECK(avro_codec_decode(codec, v, n, &back, err, sizeof(err)) != 0);
	CHECK(strstr(err, "UTF-8") != NULL);
}

static void codec_random_garbage_never_crashes(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;
	uint32_t seed = 12345;
	int decoded = 0;

	/* Flip bytes of a valid value at random: every result either decodes
	 * (a flip inside a string or a number) or is rejected; ASan and UBSan
	 * watch for the rest. */
	full_event(&ev);
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_CONFLUENT, 7, &buf, &len, err, sizeof(err)), 0);
	unsigned char *copy = malloc(len);
	for (int round = 0; round < 3000; round++) {
		memcpy(copy, buf, len);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = 5 + (seed >> 8) % (len - 5);
			seed = seed * 1103515245u + 12345u;
			copy[at] = (unsigned char)(seed >> 16);
		}
		if (avro_codec_decode(codec, copy, len, &back, err, sizeof(err)) == 0)
			decoded++;
	}
	CHECK(decoded < 3000);
	free(copy);
	free(buf);
}

static void codec_rejects_out_of_range_enum_on_encode(void)
{
	struct conflict_event ev;
	char err[256];
	void *buf = (void *)1;
	size_t len;

	minimal_event(&ev);
	ev.sub_event_type = (enum sub_event_type)SUB_EVENT_TYPE_COUNT;
	CHECK(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)) !=
	      0);
	CHECK(buf == NULL);
	CHECK(strstr(err, "sub_event_type") != NULL);
}

static void codec_repairs_a_name_cut_mid_character(void)
{
	struct conflict_event ev, back;
	char err[256];
	void *buf;
	size_t len;

	minimal_event(&ev);
	ev.actor1.present = true;
	/* "Ma'arrat" + the first byte of a two-byte character. */
	event_strlcpy(ev.actor1.name, "Ma'arrat \xc3", sizeof(ev.actor1.name));
	event_strlcpy(ev.actor1.mention, "x\xffy", sizeof(ev.actor1.mention));
	CHECK_INT(avro_codec_encode(codec, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
	          0);
	CHECK_INT(avro_codec_decode(codec, buf, len, &back, err, sizeof(err)), 0);
	CHECK_STR(back.actor1.name, "Ma'arrat ");
	CHECK_STR(back.actor1.mention, "x\xef\xbf\xbdy");
	free(buf);
}

/* The schema's enum symbols, in order, against event.c's *_name(). */
static void check_enum(json_t *schema_enum, const char *(*name)(int), int count, const char *what)
{
	json_t *syms = json_object_get(schema_enum, "symbols");
	CHECK(json_is_array(syms));
	if ((int)json_array_size(syms) != count)
		fprintf(stderr, "  %s: schema has %zu symbols, event.c %d\n", what, json_array_size(syms),
		        count);
	CHECK_INT(json_array_size(syms), count);
	for (int i = 0; i < count && i < (int)json_array_size(syms); i++)
		CHECK_STR(json_string_value(json_array_get(syms, (size_t)i)), name(i));
}

static json_t *find_named(json_t *s, const char *name)
{
	if (json_is_object(s)) {
		json_t *n = json_object_get(s, "name"), *t = json_object_get(s, "type");
		if (json_is_string(n) && strcmp(json_string_value(n), name) == 0 && json_is_string(t))
			return s;
		const char *k;
		json_t *v;
		json_object_foreach(s, k, v)
		{
			json_t *r = find_named(v, name);
			if (r)
				return r;
		}
	} else if (json_is_array(s)) {
		size_t i;
		json_t *v;
		json_array_foreach(s, i, v)
		{
			json_t *r = find_named(v, name);
			if (r)
				return r;
		}
	}
	return NULL;
}

static const char *rk(int i)
{
	return record_kind_name((enum record_kind)i);
}
static const char *et(int i)
{
	return event_type_name((enum event_type)i);
}
static const char *st(int i)
{
	return sub_event_type_name((enum sub_event_type)i);
}
static const char *dp(int i)
{
	return date_precision_name((enum date_precision)i);
}
static const char *tm(int i)
{
	return temporality_name((enum temporality)i);
}
static const char *at(int i)
{
	return actor_type_name((enum actor_type)i);
}

static void schema_enum_symbols_match_event_names_in_order(void)
{
	json_error_t jerr;
	json_t *root = json_load_file(schema_path(), 0, &jerr);
	CHECK(root != NULL);
	if (!root)
		return;
	check_enum(find_named(root, "RecordKind"), rk, RECORD_KIND_COUNT, "RecordKind");
	check_enum(find_named(root, "EventType"), et, EVENT_TYPE_COUNT, "EventType");
	check_enum(find_named(root, "SubEventType"), st, SUB_EVENT_TYPE_COUNT, "SubEventType");
	check_enum(find_named(root, "DatePrecision"), dp, DATE_PRECISION_COUNT, "DatePrecision");
	check_enum(find_named(root, "Temporality"), tm, TEMPORALITY_COUNT, "Temporality");
	check_enum(find_named(root, "ActorType"), at, ACTOR_TYPE_COUNT, "ActorType");
	json_decref(root);
}

static void codec_open_names_the_file_on_failure(void)
{
	struct avro_codec *c = (struct avro_codec *)1;
	char err[256];
	CHECK(avro_codec_open(&c, "/nonexistent/conflict_event.avsc", err, sizeof(err)) != 0);
	CHECK(c == NULL);
	CHECK(strstr(err, "/nonexistent/conflict_event.avsc") != NULL);
}

static void codec_knows_the_schema_name(void)
{
	CHECK_STR(avro_codec_schema_name(codec), "org.conflictd.ConflictEvent");
}

static void codec_fingerprint_is_crc64_of_the_canonical_form(void)
{
	char err[256];
	json_error_t jerr;
	json_t *root = json_load_file(schema_path(), 0, &jerr);
	CHECK(root != NULL);
	if (!root)
		return;
	char *text = json_dumps(root, JSON_INDENT(3)); /* other whitespace, same schema */
	json_decref(root);
	char *canon = avro_canonical_form(text, err, sizeof(err));
	CHECK(canon != NULL);
	if (canon)
		CHECK(avro_codec_fingerprint(codec) == avro_crc64(canon, strlen(canon)));
	CHECK(avro_codec_fingerprint(codec) != 0xc15d213aa4d7a795ULL);
	free(canon);
	free(text);
}

static void codec_schema_json_is_the_files_text(void)
{
	FILE *f = fopen(schema_path(), "rb");
	static char text[1 << 16];
	size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	if (f)
		fclose(f);
	text[n] = '\0';
	CHECK(n > 0);
	CHECK_STR(avro_codec_schema_json(codec), text);
}

/* A Confluent value whose id is the loaded schema's decodes directly, even
 * in strict mode; another id is refused only in strict mode. */
static void codec_confluent_ids_with_set_schema_id_and_strict(void)
{
	struct avro_codec *c = NULL;
	struct conflict_event ev, back;
	char err[256];
	void *buf = NULL, *other = NULL;
	size_t len = 0, olen = 0;

	CHECK_INT(avro_codec_open(&c, schema_path(), err, sizeof(err)), 0);
	if (!c)
		return;
	full_event(&ev);
	avro_codec_set_schema_id(c, 41);
	avro_codec_strict_ids(c);
	CHECK_INT(avro_codec_encode(c, &ev, AVRO_FRAMING_CONFLUENT, 41, &buf, &len, err, sizeof(err)), 0);
	CHECK_INT(avro_codec_encode(c, &ev, AVRO_FRAMING_CONFLUENT, 42, &other, &olen, err, sizeof(err)), 0);
	CHECK_INT(avro_codec_decode(c, buf, len, &back, err, sizeof(err)), 0);
	check_event_eq(&ev, &back);
	CHECK_INT(avro_codec_decode(c, other, olen, &back, err, sizeof(err)), -1);
	CHECK(strstr(err, "42") != NULL);
	CHECK_INT(avro_codec_decode(codec, other, olen, &back, err, sizeof(err)), 0); /* not strict */
	free(buf);
	free(other);
	avro_codec_close(c);
}

int main(void)
{
	char err[256];
	if (avro_codec_open(&codec, schema_path(), err, sizeof(err)) != 0) {
		fprintf(stderr, "avro_codec_open: %s\n", err);
		return 1;
	}
	RUN(codec_knows_the_schema_name);
	RUN(codec_schema_json_is_the_files_text);
	RUN(codec_confluent_ids_with_set_schema_id_and_strict);
	RUN(codec_fingerprint_is_crc64_of_the_canonical_form);
	RUN(codec_full_event_round_trips_single_object);
	RUN(codec_minimal_event_round_trips_confluent_with_nulls);
	RUN(codec_bare_datum_reports_bytes_used);
	RUN(codec_location_without_coordinates_encodes_null_lat_lon);
	RUN(codec_evidence_text_is_the_span_of_the_body);
	RUN(codec_accepts_sized_array_blocks_and_checks_their_size);
	RUN(codec_truncated_values_are_rejected_at_every_length);
	RUN(codec_trailing_bytes_are_rejected);
	RUN(codec_bad_magic_and_wrong_fingerprint_are_rejected);
	RUN(codec_huge_string_length_is_rejected_before_allocation);
	RUN(codec_bad_union_branch_and_enum_index_are_rejected);
	RUN(codec_random_garbage_never_crashes);
	RUN(codec_rejects_out_of_range_enum_on_encode);
	RUN(codec_repairs_a_name_cut_mid_character);
	RUN(schema_enum_symbols_match_event_names_in_order);
	RUN(codec_open_names_the_file_on_failure);
	avro_codec_close(codec);
	TEST_DONE();
}
