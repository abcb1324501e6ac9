/*
 * test_schema_evolution.c - the schema evolution policy (schemas/README.md)
 * as tests: every released version in schemas/history/ reads every older
 * one and the other way round; the checker fails on the changes the policy
 * forbids; and the codec decodes records written with an older schema (new
 * fields take their defaults, enum symbols map by name) and, opened on an
 * older schema, records written with the current one.
 */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <unistd.h>

#include <avro.h>

#include "avro_codec.h"
#include "sample_event.h"
#include "test.h"

#define MAX_VERSIONS 32

static char history_dir[1024], current_path[1024];

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(buf = malloc((size_t)n + 1))) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

static char *version_text(int v)
{
	char path[1100];
	snprintf(path, sizeof(path), "%s/conflict_event.v%d.avsc", history_dir, v);
	return slurp(path);
}

/* How many versions schemas/history holds: v1..vN with no gap. */
static int n_versions(void)
{
	int n = 0;
	for (int v = 1; v <= MAX_VERSIONS; v++) {
		char *t = version_text(v);
		if (!t)
			break;
		free(t);
		n = v;
	}
	return n;
}

/* A schema file for a codec to open; removed by the caller. */
static int write_temp(const char *text, char *path, size_t size)
{
	snprintf(path, size, "/tmp/test_schema_evolution_XXXXXX.avsc");
	int fd = mkstemps(path, 5);
	if (fd < 0)
		return -1;
	size_t n = strlen(text);
	int ok = write(fd, text, n) == (ssize_t)n;
	close(fd);
	return ok ? 0 : -1;
}

static struct avro_codec *open_text(const char *text)
{
	char path[256], err[512];
	struct avro_codec *c = NULL;

	if (write_temp(text, path, sizeof(path)) != 0)
		return NULL;
	if (avro_codec_open(&c, path, err, sizeof(err)) != 0)
		fprintf(stderr, "  open: %s\n", err);
	unlink(path);
	return c;
}

/* ---- editing a schema's JSON ---- */

static json_t *load(const char *text)
{
	return json_loads(text, 0, NULL);
}

static char *dump(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	return s;
}

/* The field object named name in record rec, and its index in *at. */
static json_t *field(json_t *rec, const char *name, size_t *at)
{
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(rec, "fields"), i,
	                   f) if (!strcmp(json_string_value(json_object_get(f, "name")), name))
	{
		if (at)
			*at = i;
		return f;
	}
	return NULL;
}

/* The named type's definition (record or enum), searched depth-first. */
static json_t *find_named(json_t *s, const char *name)
{
	size_t i;
	json_t *b, *hit;

	if (json_is_array(s)) {
		json_array_foreach(s, i, b) if ((hit = find_named(b, name))) return hit;
		return NULL;
	}
	if (!json_is_object(s))
		return NULL;
	json_t *n = json_object_get(s, "name");
	json_t *t = json_object_get(s, "type");
	if (json_is_string(n) && json_is_string(t) &&
	    (!strcmp(json_string_value(t), "record") || !strcmp(json_string_value(t), "enum")) &&
	    !strcmp(json_string_value(n), name))
		return s;
	if ((hit = find_named(t, name)) || (hit = find_named(json_object_get(s, "items"), name)))
		return hit;
	json_array_foreach(json_object_get(s, "fields"), i,
	                   b) if ((hit = find_named(json_object_get(b, "type"), name))) return hit;
	return NULL;
}

static void remove_field(json_t *rec, const char *name)
{
	size_t at;
	if (field(rec, name, &at))
		json_array_remove(json_object_get(rec, "fields"), at);
}

static void remove_symbol(json_t *en, const char *sym)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(en, "symbols"), i, s) if (!strcmp(json_string_value(s), sym))
	{
		json_array_remove(json_object_get(en, "symbols"), i);
		return;
	}
}

static char *current_text(void)
{
	return slurp(current_path);
}

/* ---- events ---- */

static const char body[] =
    "Gunmen killed 12 villagers in an attack on Dogon Dawa, Kaduna State, on Sunday night, "
    "police said.";

static const struct sample_spec kaduna = {
    .article_id = "reuters-2019-03-11-kaduna",
    .article_url = "https://example.org/kaduna",
    .source_name = "Reuters",
    .published_at_ms = 1552298400000LL,
    .processed_at_ms = 1552298500000LL,
    .event_type = EVENT_VIOLENCE_AGAINST_CIVILIANS,
    .sub_event_type = SUB_ATTACK,
    .year = 2019,
    .month = 3,
    .day = 10,
    .temporality = TEMPORALITY_RECENT,
    .actor1 = {"Unidentified Armed Group (Nigeria)", "Gunmen", ACTOR_POLITICAL_MILITIA, "NG"},
    .actor2 = {"Civilians (Nigeria)", "villagers", ACTOR_CIVILIANS, NULL},
    .place = "Dogon Dawa",
    .admin1 = "Kaduna",
    .country = "Nigeria",
    .country_code = "NG",
    .latitude = 10.8,
    .longitude = 7.28,
    .geo_precision = 1,
    .fatalities = {.best = 12, .low = 12, .high = 12, .civilians = 12, .children = -1, .imputed = false},
    .reported_by = {"police"},
    .confidence = 0.75f,
    .body = body,
};

static void kaduna_event(struct conflict_event *ev)
{
	sample_event(ev, &kaduna);
}

/* Every field schema v1 has. */
static void check_v1_fields_eq(const struct conflict_event *a, const struct conflict_event *b)
{
	sample_check_head_eq(a, b);
	CHECK_STR(a->actor1.name, b->actor1.name);
	CHECK_INT(a->actor1.type, b->actor1.type);
	CHECK_STR(a->actor2.mention, b->actor2.mention);
	CHECK_STR(a->location.name, b->location.name);
	CHECK_STR(a->location.admin1, b->location.admin1);
	CHECK(a->location.latitude == b->location.latitude);
	CHECK_INT(a->location.geo_precision, b->location.geo_precision);
	CHECK_INT(a->fatalities.best, b->fatalities.best);
	CHECK_INT(a->fatalities.civilians, b->fatalities.civilians);
	CHECK_INT(a->fatalities.children, b->fatalities.children);
	CHECK_INT(a->n_reported_by, b->n_reported_by);
	CHECK_STR(a->reported_by[0], b->reported_by[0]);
	CHECK(a->confidence == b->confidence);
	CHECK_INT(a->n_evidence, b->n_evidence);
	CHECK_INT(a->evidence[0].end, b->evidence[0].end);
	CHECK_STR(a->language, b->language);
	CHECK_STR(a->extractor_version, b->extractor_version);
}

/* ---- the history itself ---- */

static void history_starts_at_v1_and_current_is_the_newest(void)
{
	int n = n_versions();
	CHECK(n >= 2);
	char *newest = version_text(n), *cur = current_text();
	CHECK(newest && cur && strcmp(newest, cur) == 0);
	free(newest);
	free(cur);
}

static void every_version_reads_every_older_and_newer_one(void)
{
	int n = n_versions();
	char *t[MAX_VERSIONS + 1] = {0}, err[512];

	for (int v = 1; v <= n; v++)
		t[v] = version_text(v);
	for (int i = 1; i <= n; i++)
		for (int j = i + 1; j <= n; j++) {
			int rc = avro_schema_check_evolution(t[i], t[j], 1, err, sizeof(err));
			if (rc != 0)
				fprintf(stderr, "  v%d -> v%d: %s\n", i, j, err);
			CHECK_INT(rc, 0);
		}
	for (int v = 1; v <= n; v++)
		free(t[v]);
}

static void every_version_has_its_own_fingerprint(void)
{
	int n = n_versions();
	uint64_t fp[MAX_VERSIONS + 1];
	char err[256];

	for (int v = 1; v <= n; v++) {
		char *t = version_text(v), *canon = t ? avro_canonical_form(t, err, sizeof(err)) : NULL;
		CHECK(canon != NULL);
		fp[v] = canon ? avro_crc64(canon, strlen(canon)) : (uint64_t)v;
		for (int u = 1; u < v; u++)
			CHECK(fp[u] != fp[v]);
		free(canon);
		free(t);
	}
}

/* ---- the checker fails where the policy says no ---- */

static void checker_fails_on_a_field_added_without_default(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	json_array_append_new(json_object_get(j, "fields"),
	                      json_pack("{s:s, s:s}", "name", "severity", "type", "int"));
	char *bad = dump(j);

	CHECK_INT(avro_schema_check_evolution(cur, bad, 0, err, sizeof(err)), -1);
	CHECK(strstr(err, "backward") && strstr(err, "severity") && strstr(err, "no default"));
	CHECK_INT(avro_schema_check_readable(bad, cur, err, sizeof(err)), -1);
	/* The same field with a default is fine both ways. */
	j = load(cur);
	json_array_append_new(json_object_get(j, "fields"),
	                      json_pack("{s:s, s:s, s:i}", "name", "severity", "type", "int", "default", 0));
	char *good = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, good, 1, err, sizeof(err)), 0);
	free(bad);
	free(good);
	free(cur);
}

static void checker_fails_on_an_enum_symbol_removed(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	remove_symbol(find_named(j, "Temporality"), "HISTORICAL");
	char *bad = dump(j);

	CHECK_INT(avro_schema_check_evolution(cur, bad, 0, err, sizeof(err)), -1);
	CHECK(strstr(err, "temporality") && strstr(err, "HISTORICAL") && strstr(err, "removed"));
	/* Plain Avro agrees: the new reader cannot read an old HISTORICAL. */
	CHECK_INT(avro_schema_check_readable(bad, cur, err, sizeof(err)), -1);
	free(bad);
	free(cur);
}

static void checker_lets_only_enums_with_a_default_grow(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	json_array_append_new(json_object_get(find_named(j, "EventType"), "symbols"), json_string("FAMINE"));
	char *bad = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, bad, 0, err, sizeof(err)), -1);
	CHECK(strstr(err, "FAMINE") && strstr(err, "no default"));
	/* The older reader cannot read the new symbol: that is why. */
	CHECK_INT(avro_schema_check_readable(cur, bad, err, sizeof(err)), -1);

	j = load(cur);
	json_array_append_new(json_object_get(find_named(j, "SubEventType"), "symbols"),
	                      json_string("DRONE_SWARM"));
	char *good = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, good, 1, err, sizeof(err)), 0);
	free(bad);
	free(good);
	free(cur);
}

static void checker_fails_on_a_removed_field_that_plain_avro_allows(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	remove_field(j, "language");
	char *bad = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, bad, 0, err, sizeof(err)), -1);
	CHECK(strstr(err, "language") && strstr(err, "removed"));
	CHECK_INT(avro_schema_check_readable(bad, cur, err, sizeof(err)), 0);
	free(bad);
	free(cur);
}

static void checker_allows_a_rename_with_an_alias_only(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	json_t *f = field(j, "source_name", NULL);
	json_object_set_new(f, "name", json_string("outlet"));
	char *bad = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, bad, 0, err, sizeof(err)), -1);

	j = load(cur);
	f = field(j, "source_name", NULL);
	json_object_set_new(f, "name", json_string("outlet"));
	json_object_set_new(f, "aliases", json_pack("[s]", "source_name"));
	char *good = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, good, 0, err, sizeof(err)), 0);
	free(bad);
	free(good);
	free(cur);
}

static void checker_fails_on_a_narrowed_type_and_a_new_name(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	json_object_set_new(field(j, "confidence", NULL), "type", json_string("int"));
	char *narrow = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, narrow, 0, err, sizeof(err)), -1);
	CHECK(strstr(err, "confidence") && strstr(err, "float cannot be read as int"));

	/* Widening float to double is backward but not forward compatible. */
	j = load(cur);
	json_object_set_new(field(j, "confidence", NULL), "type", json_string("double"));
	char *wide = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, wide, 0, err, sizeof(err)), 0);
	CHECK_INT(avro_schema_check_evolution(cur, wide, 1, err, sizeof(err)), -1);
	CHECK(strstr(err, "forward") != NULL);

	j = load(cur);
	json_object_set_new(j, "namespace", json_string("org.example"));
	char *renamed = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, renamed, 0, err, sizeof(err)), -1);
	CHECK(strstr(err, "full name") != NULL);
	free(narrow);
	free(wide);
	free(renamed);
	free(cur);
}

/* Adding a default to an enum is compatible both ways, and the Parsing
 * Canonical Form drops "default", so the fingerprint does not change:
 * a later version may add one to let an enum grow. */
static void adding_an_enum_default_is_compatible_and_keeps_the_fingerprint(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	json_object_set_new(find_named(j, "ActorType"), "default", json_string("EXTERNAL_OTHER"));
	char *with = dump(j);
	CHECK_INT(avro_schema_check_evolution(cur, with, 1, err, sizeof(err)), 0);
	char *c1 = avro_canonical_form(cur, err, sizeof(err)),
	     *c2 = avro_canonical_form(with, err, sizeof(err));
	CHECK(c1 && c2 && strcmp(c1, c2) == 0);
	struct avro_codec *c = open_text(with);
	CHECK(c != NULL); /* avro-c parses it */
	avro_codec_close(c);
	free(c1);
	free(c2);
	free(with);
	free(cur);
}

/* ---- the codec decodes across versions ---- */

/* What most cross-version tests start from: the v1 and current schema
 * texts, a codec on each, the sample event and room for its encoding. */
struct versions {
	char *v1, *cur;
	struct avro_codec *old, *now;
	struct conflict_event ev, got;
	void *buf;
	size_t len;
};

/* 0 when both codecs opened; otherwise a failed CHECK and -1 (close anyway). */
static int versions_open(struct versions *x)
{
	memset(x, 0, sizeof(*x));
	x->v1 = version_text(1);
	x->cur = current_text();
	x->old = x->v1 ? open_text(x->v1) : NULL;
	x->now = x->cur ? open_text(x->cur) : NULL;
	CHECK(x->old && x->now);
	kaduna_event(&x->ev);
	return x->old && x->now ? 0 : -1;
}

static void versions_close(struct versions *x)
{
	free(x->buf);
	avro_codec_close(x->old);
	avro_codec_close(x->now);
	free(x->v1);
	free(x->cur);
}

static void v1_record_decodes_with_the_current_codec_and_provenance_is_null(void)
{
	struct versions x;
	char err[512];

	if (versions_open(&x) != 0)
		goto done;
	CHECK_INT(
	    avro_codec_encode(x.old, &x.ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &x.buf, &x.len, err, sizeof(err)),
	    0);
	/* Not known yet: an unknown fingerprint is an error naming it. */
	CHECK_INT(avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err)), -1);
	CHECK(strstr(err, "fingerprint") != NULL);
	CHECK_INT(avro_codec_add_writers_from_dir(x.now, history_dir, err, sizeof(err)), n_versions());
	memset(&x.got, 0xa5, sizeof(x.got));
	int rc = avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err));
	if (rc)
		fprintf(stderr, "  %s\n", err);
	CHECK_INT(rc, 0);
	check_v1_fields_eq(&x.got, &x.ev);
	CHECK(!x.got.provenance.present);
	CHECK_STR(x.got.evidence[0].text ? "text" : "", "text");
	/* Adding the same directory again adds nothing. */
	CHECK_INT(avro_codec_add_writers_from_dir(x.now, history_dir, err, sizeof(err)), 0);
done:
	versions_close(&x);
}

static void v1_record_with_a_registry_id_decodes_via_confluent_framing(void)
{
	struct versions x;
	char err[512];

	if (versions_open(&x) != 0)
		goto done;
	avro_codec_set_schema_id(x.now, 8);
	CHECK_INT(avro_codec_add_writer(x.now, x.v1, 7, err, sizeof(err)), 0);
	CHECK_INT(
	    avro_codec_encode(x.old, &x.ev, AVRO_FRAMING_CONFLUENT, 7, &x.buf, &x.len, err, sizeof(err)), 0);
	CHECK_INT(avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err)), 0);
	check_v1_fields_eq(&x.got, &x.ev);
	free(x.buf);
	x.buf = NULL;
	/* An id nobody registered is read with the loaded schema, which fails
	 * on v1 bytes (the provenance union is missing) - or, strict, at once. */
	CHECK_INT(
	    avro_codec_encode(x.old, &x.ev, AVRO_FRAMING_CONFLUENT, 9, &x.buf, &x.len, err, sizeof(err)), 0);
	CHECK_INT(avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err)), -1);
	avro_codec_strict_ids(x.now);
	CHECK_INT(avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err)), -1);
	CHECK(strstr(err, "schema id 9") != NULL);
done:
	versions_close(&x);
}

/* Writers added without a registry id (schemas/history) are stored with
 * id -1; a Confluent value whose 4 id bytes are ff ff ff ff must not pick
 * one of them: it is an unknown id like any other. */
static void confluent_id_minus_one_is_not_a_history_writer(void)
{
	char *cur = current_text(), err[512];
	struct avro_codec *now = open_text(cur);
	struct conflict_event ev, got;
	void *buf = NULL;
	size_t len = 0;

	CHECK(now != NULL);
	if (!now)
		goto done;
	CHECK(avro_codec_add_writers_from_dir(now, history_dir, err, sizeof(err)) >= 1);
	kaduna_event(&ev);
	event_set_provenance(&ev, "articles", 2, 41);
	CHECK_INT(avro_codec_encode(now, &ev, AVRO_FRAMING_CONFLUENT, -1, &buf, &len, err, sizeof(err)), 0);
	CHECK(len > 5 && memcmp(buf, "\x00\xff\xff\xff\xff", 5) == 0);
	/* Not strict: an unknown id is read with the loaded schema. */
	int rc = avro_codec_decode(now, buf, len, &got, err, sizeof(err));
	if (rc)
		fprintf(stderr, "  %s\n", err);
	CHECK_INT(rc, 0);
	CHECK_STR(got.event_id, ev.event_id);
	CHECK(got.provenance.present);
	CHECK_INT(got.provenance.offset, 41);
	/* Strict: refused as an unknown id. */
	avro_codec_strict_ids(now);
	CHECK_INT(avro_codec_decode(now, buf, len, &got, err, sizeof(err)), -1);
	CHECK(strstr(err, "schema id -1") != NULL);
done:
	free(buf);
	avro_codec_close(now);
	free(cur);
}

/* A bare datum (as in an object container block) names no schema: the
 * caller passes the writer's fingerprint. */
static void bare_v1_datum_decodes_by_the_writers_fingerprint(void)
{
	struct versions x;
	char err[512];
	size_t used = 0;

	if (versions_open(&x) != 0)
		goto done;
	CHECK_INT(avro_codec_encode(x.old, &x.ev, AVRO_FRAMING_NONE, 0, &x.buf, &x.len, err, sizeof(err)), 0);
	uint64_t fp1 = avro_codec_fingerprint(x.old);
	CHECK_INT(avro_codec_decode_datum_as(x.now, fp1, x.buf, x.len, &used, &x.got, err, sizeof(err)), -1);
	CHECK(strstr(err, "fingerprint") != NULL);
	CHECK_INT(avro_codec_add_writer(x.now, x.v1, -1, err, sizeof(err)), 0);
	CHECK_INT(avro_codec_decode_datum_as(x.now, fp1, x.buf, x.len, &used, &x.got, err, sizeof(err)), 0);
	CHECK_INT(used, x.len);
	check_v1_fields_eq(&x.got, &x.ev);
	/* The loaded schema's own fingerprint takes the direct path. */
	CHECK_INT(avro_codec_decode_datum_as(x.old, fp1, x.buf, x.len, &used, &x.got, err, sizeof(err)), 0);
	check_v1_fields_eq(&x.got, &x.ev);
done:
	versions_close(&x);
}

static void current_record_decodes_with_a_v1_reader(void)
{
	struct versions x;
	char err[512];

	if (versions_open(&x) != 0)
		goto done;
	event_set_provenance(&x.ev, "articles.en", 3, 1234567);
	CHECK_INT(
	    avro_codec_encode(x.now, &x.ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &x.buf, &x.len, err, sizeof(err)),
	    0);
	CHECK_INT(avro_codec_decode(x.old, x.buf, x.len, &x.got, err, sizeof(err)), -1);
	CHECK_INT(avro_codec_add_writer(x.old, avro_codec_schema_json(x.now), -1, err, sizeof(err)), 0);
	int rc = avro_codec_decode(x.old, x.buf, x.len, &x.got, err, sizeof(err));
	if (rc)
		fprintf(stderr, "  %s\n", err);
	CHECK_INT(rc, 0);
	check_v1_fields_eq(&x.got, &x.ev);
	CHECK(!x.got.provenance.present); /* v1 does not know it */
	/* The current codec reads it back whole. */
	CHECK_INT(avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err)), 0);
	CHECK(x.got.provenance.present);
	CHECK_STR(x.got.provenance.topic, "articles.en");
	CHECK_INT(x.got.provenance.partition, 3);
	CHECK_INT(x.got.provenance.offset, 1234567);
done:
	versions_close(&x);
}

/* A writer whose SubEventType lists the symbols in reverse, plus one the
 * reader does not know: symbols map by name, the unknown one to OTHER. */
static void enum_symbols_map_by_name_and_unknown_ones_take_the_default(void)
{
	char *cur = current_text(), err[512];
	json_t *j = load(cur);
	json_t *syms = json_object_get(find_named(j, "SubEventType"), "symbols");
	json_t *rev = json_array();
	json_array_append_new(rev, json_string("DRONE_SWARM"));
	for (size_t i = json_array_size(syms); i-- > 0;)
		json_array_append(rev, json_array_get(syms, i));
	json_object_set_new(find_named(j, "SubEventType"), "symbols", rev);
	char *wtext = dump(j);
	struct avro_codec *w = open_text(wtext), *now = open_text(cur);
	struct conflict_event ev, got;

	CHECK(w && now);
	if (!w || !now)
		goto done;
	CHECK_INT(avro_codec_add_writer(now, wtext, -1, err, sizeof(err)), 0);
	kaduna_event(&ev);
	for (int k = 0; k < SUB_EVENT_TYPE_COUNT; k++) {
		void *buf = NULL;
		size_t len = 0;
		/* The writer codec writes index k, which in its schema is symbol
		 * DRONE_SWARM for 0 and the reader's SUB_EVENT_TYPE_COUNT - k otherwise. */
		ev.sub_event_type = (enum sub_event_type)k;
		CHECK_INT(
		    avro_codec_encode(w, &ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &buf, &len, err, sizeof(err)),
		    0);
		CHECK_INT(avro_codec_decode(now, buf, len, &got, err, sizeof(err)), 0);
		CHECK_INT(got.sub_event_type, k == 0 ? SUB_OTHER : SUB_EVENT_TYPE_COUNT - k);
		free(buf);
	}
done:
	avro_codec_close(w);
	avro_codec_close(now);
	free(wtext);
	free(cur);
}

/* A bare datum of schema wtext holding the fields of ev it shares with the
 * current schema, built with avro-c generic values (not the codec's encoder). */
static int datum_for_schema(const char *wtext, const struct conflict_event *ev, void **out, size_t *outlen)
{
	char *cur = current_text(), err[512];
	struct avro_codec *now = open_text(cur);
	avro_schema_t rs = NULL, ws = NULL;
	avro_value_iface_t *ri = NULL, *wi = NULL;
	avro_value_t rv = {0}, wv = {0};
	avro_reader_t rd = NULL;
	avro_writer_t wr = NULL;
	void *buf = NULL;
	size_t len = 0, size = 0;
	int rc = -1;

	if (!now || avro_codec_encode(now, ev, AVRO_FRAMING_NONE, 0, &buf, &len, err, sizeof(err)) != 0 ||
	    avro_schema_from_json_length(cur, strlen(cur), &rs) != 0 ||
	    avro_schema_from_json_length(wtext, strlen(wtext), &ws) != 0)
		goto done;
	ri = avro_generic_class_from_schema(rs);
	wi = avro_generic_class_from_schema(ws);
	if (!ri || !wi || avro_generic_value_new(ri, &rv) || avro_generic_value_new(wi, &wv))
		goto done;
	rd = avro_reader_memory(buf, (int64_t)len);
	if (avro_value_read(rd, &rv) != 0)
		goto done;
	for (size_t i = 0; i < avro_schema_record_size(ws); i++) {
		avro_value_t src, dst;
		const char *name = avro_schema_record_field_name(ws, (int)i);
		if (avro_value_get_by_name(&rv, name, &src, NULL) ||
		    avro_value_get_by_index(&wv, i, &dst, NULL) || avro_value_copy_fast(&dst, &src))
			goto done;
	}
	if (avro_value_sizeof(&wv, &size) || !(*out = malloc(size)))
		goto done;
	wr = avro_writer_memory(*out, (int64_t)size);
	if (avro_value_write(wr, &wv) != 0) {
		free(*out);
		*out = NULL;
		goto done;
	}
	*outlen = size;
	rc = 0;
done:
	if (wr)
		avro_writer_free(wr);
	if (rd)
		avro_reader_free(rd);
	if (rv.self)
		avro_value_decref(&rv);
	if (wv.self)
		avro_value_decref(&wv);
	if (ri)
		avro_value_iface_decref(ri);
	if (wi)
		avro_value_iface_decref(wi);
	if (rs)
		avro_schema_decref(rs);
	if (ws)
		avro_schema_decref(ws);
	free(buf);
	avro_codec_close(now);
	free(cur);
	return rc;
}

static int frame_single_object(const char *wtext, const void *datum, size_t len, unsigned char *out,
                               size_t cap)
{
	char err[256];
	char *canon = avro_canonical_form(wtext, err, sizeof(err));
	if (!canon || len + 10 > cap) {
		free(canon);
		return -1;
	}
	uint64_t fp = avro_crc64(canon, strlen(canon));
	free(canon);
	out[0] = 0xc3;
	out[1] = 0x01;
	for (int i = 0; i < 8; i++)
		out[2 + i] = (unsigned char)(fp >> (8 * i));
	memcpy(out + 10, datum, len);
	return (int)(len + 10);
}

/* Fields the writer lacks take the reader's defaults of every kind:
 * boolean, float, long, string, enum, array, a record (whose own fields
 * fall back to their defaults), and a union's null. */
static void missing_fields_take_the_readers_defaults(void)
{
	char *cur = current_text(), err[512];
	static const char *const dropped[] = {"disputed",          "confidence",  "processed_at",
	                                      "extractor_version", "temporality", "reported_by",
	                                      "fatalities",        "location",    "article_url"};
	json_t *w = load(cur), *r = load(cur);
	for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		remove_field(w, dropped[i]);
	/* The reader gives the fields defaults that differ from event_init's. */
	json_object_set_new(field(r, "disputed", NULL), "default", json_true());
	json_object_set_new(field(r, "confidence", NULL), "default", json_real(0.25));
	json_object_set_new(field(r, "processed_at", NULL), "default", json_integer(-86400000LL));
	json_object_set_new(field(r, "extractor_version", NULL), "default", json_string("0.0.9"));
	json_object_set_new(field(r, "temporality", NULL), "default", json_string("HISTORICAL"));
	json_object_set_new(field(r, "reported_by", NULL), "default", json_pack("[s,s]", "Reuters", "AFP"));
	json_object_set_new(field(r, "fatalities", NULL), "default",
	                    json_pack("{s:i, s:i, s:i, s:b}", "best", 3, "low", 1, "high", 5, "imputed", 1));
	char *wtext = dump(w), *rtext = dump(r);
	struct avro_codec *reader = open_text(rtext);
	struct conflict_event ev, got;
	void *datum = NULL;
	size_t dlen = 0;
	unsigned char framed[8192];

	CHECK(reader != NULL);
	if (!reader)
		goto done;
	kaduna_event(&ev);
	CHECK_INT(datum_for_schema(wtext, &ev, &datum, &dlen), 0);
	int n = datum ? frame_single_object(wtext, datum, dlen, framed, sizeof(framed)) : -1;
	CHECK(n > 0);
	int rc = avro_codec_add_writer(reader, wtext, -1, err, sizeof(err));
	if (rc)
		fprintf(stderr, "  %s\n", err);
	CHECK_INT(rc, 0);
	if (n <= 0)
		goto done;
	rc = avro_codec_decode(reader, framed, (size_t)n, &got, err, sizeof(err));
	if (rc)
		fprintf(stderr, "  %s\n", err);
	CHECK_INT(rc, 0);
	CHECK_INT(got.disputed, 1);
	CHECK(got.confidence == 0.25f);
	CHECK_INT(got.processed_at_ms, -86400000LL); /* a negative long: zig-zag */
	CHECK_STR(got.extractor_version, "0.0.9");
	CHECK_INT(got.temporality, TEMPORALITY_HISTORICAL);
	CHECK_INT(got.n_reported_by, 2);
	CHECK_STR(got.reported_by[0], "Reuters");
	CHECK_STR(got.reported_by[1], "AFP");
	CHECK_INT(got.fatalities.best, 3);
	CHECK_INT(got.fatalities.low, 1);
	CHECK_INT(got.fatalities.high, 5);
	CHECK_INT(got.fatalities.imputed, 1);
	CHECK_INT(got.fatalities.civilians, -1);
	CHECK(!got.location.present);
	CHECK_STR(got.article_url, "");
	/* What the writer had arrives unchanged. */
	CHECK_STR(got.event_id, ev.event_id);
	CHECK_STR(got.actor1.name, ev.actor1.name);
	CHECK_INT(got.sub_event_type, SUB_ATTACK);
	CHECK_INT(got.n_evidence, 1);
done:
	free(datum);
	avro_codec_close(reader);
	free(wtext);
	free(rtext);
	free(cur);
}

/* A writer that lacks a field the reader has no default for is refused
 * when it is added, with the field named. */
static void writer_missing_a_field_without_default_is_refused(void)
{
	char *cur = current_text(), err[512];
	json_t *w = load(cur);
	remove_field(w, "event_id");
	char *wtext = dump(w);
	struct avro_codec *now = open_text(cur);

	CHECK(now != NULL);
	if (now) {
		CHECK_INT(avro_codec_add_writer(now, wtext, -1, err, sizeof(err)), -1);
		CHECK(strstr(err, "event_id") && strstr(err, "no default"));
		CHECK_INT(avro_codec_add_writer(now, "{\"type\": \"record\"", -1, err, sizeof(err)), -1);
		CHECK_INT(avro_codec_add_writer(now, "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[]}",
		                                -1, err, sizeof(err)),
		          -1);
		CHECK(strstr(err, "does not match") != NULL);
	}
	avro_codec_close(now);
	free(wtext);
	free(cur);
}

/* Old bytes are checked against the writer schema before anything else. */
static void bad_old_bytes_are_rejected_with_a_message(void)
{
	struct versions x;
	char err[512];

	if (versions_open(&x) != 0)
		goto done;
	CHECK_INT(avro_codec_add_writer(x.now, x.v1, -1, err, sizeof(err)), 0);
	CHECK_INT(
	    avro_codec_encode(x.old, &x.ev, AVRO_FRAMING_SINGLE_OBJECT, 0, &x.buf, &x.len, err, sizeof(err)),
	    0);
	for (size_t cut = 10; cut < x.len; cut++)
		CHECK_INT(avro_codec_decode(x.now, x.buf, cut, &x.got, err, sizeof(err)), -1);
	unsigned char *p = x.buf;
	p[10] = 0x7f; /* event_id length -64: negative */
	CHECK_INT(avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err)), -1);
	CHECK(strstr(err, "event_id") != NULL);
	uint32_t seed = 12345;
	for (int round = 0; round < 300; round++) {
		for (size_t i = 10; i < x.len; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 23 == 0)
				p[i] = (unsigned char)(seed >> 8);
		}
		(void)avro_codec_decode(x.now, x.buf, x.len, &x.got, err, sizeof(err));
	}
done:
	versions_close(&x);
}

static void writer_registry_is_bounded(void)
{
	char *cur = current_text(), err[512];
	struct avro_codec *now = open_text(cur);
	int added = 0, rc = 0;

	CHECK(now != NULL);
	for (int i = 0; now && i < 100 && rc == 0; i++) {
		json_t *j = load(cur);
		char name[32];
		snprintf(name, sizeof(name), "extra_%d", i);
		json_array_append_new(json_object_get(j, "fields"), json_pack("{s:s, s:s, s:i}", "name", name,
		                                                              "type", "int", "default", i));
		char *t = dump(j);
		rc = avro_codec_add_writer(now, t, i, err, sizeof(err));
		added += rc == 0;
		free(t);
	}
	CHECK_INT(added, 64);
	CHECK(strstr(err, "64") != NULL);
	avro_codec_close(now);
	free(cur);
}

int main(void)
{
	snprintf(history_dir, sizeof(history_dir), "%s/schemas/history",
	         test_env("CONFLICTD_SOURCE_DIR", "."));
	snprintf(current_path, sizeof(current_path), "%s/schemas/conflict_event.avsc",
	         test_env("CONFLICTD_SOURCE_DIR", "."));
	RUN(history_starts_at_v1_and_current_is_the_newest);
	RUN(every_version_reads_every_older_and_newer_one);
	RUN(every_version_has_its_own_fingerprint);
	RUN(checker_fails_on_a_field_added_without_default);
	RUN(checker_fails_on_an_enum_symbol_removed);
	RUN(checker_lets_only_enums_with_a_default_grow);
	RUN(checker_fails_on_a_removed_field_that_plain_avro_allows);
	RUN(checker_allows_a_rename_with_an_alias_only);
	RUN(checker_fails_on_a_narrowed_type_and_a_new_name);
	RUN(adding_an_enum_default_is_compatible_and_keeps_the_fingerprint);
	RUN(v1_record_decodes_with_the_current_codec_and_provenance_is_null);
	RUN(v1_record_with_a_registry_id_decodes_via_confluent_framing);
	RUN(confluent_id_minus_one_is_not_a_history_writer);
	RUN(bare_v1_datum_decodes_by_the_writers_fingerprint);
	RUN(current_record_decodes_with_a_v1_reader);
	RUN(enum_symbols_map_by_name_and_unknown_ones_take_the_default);
	RUN(missing_fields_take_the_readers_defaults);
	RUN(writer_missing_a_field_without_default_is_refused);
	RUN(bad_old_bytes_are_rejected_with_a_message);
	RUN(writer_registry_is_bounded);
	TEST_DONE();
}
