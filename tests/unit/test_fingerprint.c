/*
 * test_fingerprint.c - Parsing Canonical Form and CRC-64-AVRO against the
 * Avro specification's published test vectors.
 *
 * The vectors (input schema, canonical form, fingerprint as a signed 64-bit
 * decimal) are from the Apache Avro repository, share/test/data/
 * schema-tests.txt (Apache License 2.0), cases 000-033; the Java
 * implementation cross-checks them there.  They are facts about the
 * algorithm, restated here as test data.
 */
#include <stdint.h>

#include "avro_codec.h"
#include "test.h"

struct vector {
	const char *input;
	const char *canonical;
	int has_fp;
	int64_t fp; /* as printed in schema-tests.txt (Java long) */
};

static const struct vector vectors[] = {
    /* 000-015: primitives, bare and as {"type": ...} */
    {"\"null\"", "\"null\"", 1, 7195948357588979594LL},
    {"{\"type\":\"null\"}", "\"null\"", 0, 0},
    {"\"boolean\"", "\"boolean\"", 1, -6970731678124411036LL},
    {"{\"type\":\"boolean\"}", "\"boolean\"", 0, 0},
    {"\"int\"", "\"int\"", 1, 8247732601305521295LL},
    {"{\"type\":\"int\"}", "\"int\"", 0, 0},
    {"\"long\"", "\"long\"", 1, -3434872931120570953LL},
    {"\"float\"", "\"float\"", 1, 5583340709985441680LL},
    {"\"double\"", "\"double\"", 1, -8181574048448539266LL},
    {"{\"type\":\"double\"}", "\"double\"", 0, 0},
    {"\"bytes\"", "\"bytes\"", 1, 5746618253357095269LL},
    {"\"string\"", "\"string\"", 1, -8142146995180207161LL},
    {"{\"type\":\"string\"}", "\"string\"", 0, 0},
    /* 016-018: unions, whitespace removed */
    {"[  ]", "[]", 1, -1241056759729112623LL},
    {"[ \"int\"  ]", "[\"int\"]", 1, -5232228896498058493LL},
    {"[ \"int\" , {\"type\":\"boolean\"} ]", "[\"int\",\"boolean\"]", 1, 5392556393470105090LL},
    /* 019-024: records: attribute order, namespaces, doc and aliases stripped */
    {"{\"fields\":[], \"type\":\"record\", \"name\":\"foo\"}",
     "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", 1, -4824392279771201922LL},
    {"{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"namespace\":\"x.y\"}",
     "{\"name\":\"x.y.foo\",\"type\":\"record\",\"fields\":[]}", 1, 5916914534497305771LL},
    {"{\"fields\":[], \"type\":\"record\", \"name\":\"a.b.foo\", \"namespace\":\"x.y\"}",
     "{\"name\":\"a.b.foo\",\"type\":\"record\",\"fields\":[]}", 1, -4616218487480524110LL},
    {"{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"doc\":\"Useful info\"}",
     "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", 1, -4824392279771201922LL},
    {"{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"aliases\":[\"foo\",\"bar\"]}",
     "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", 1, -4824392279771201922LL},
    /* 025-026: fields lose aliases, default, order and doc */
    {"{\"fields\":[{\"type\":{\"type\":\"boolean\"}, \"name\":\"f1\"}], \"type\":\"record\", "
     "\"name\":\"foo\"}",
     "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"}]}", 1,
     7843277075252814651LL},
    {"{ \"fields\":[{\"type\":\"boolean\", \"aliases\":[], \"name\":\"f1\", \"default\":\"true\"},\n"
     "            {\"order\":\"descending\",\"name\":\"f2\",\"doc\":\"Hello\",\"type\":\"int\"}],\n"
     "  \"type\":\"record\", \"name\":\"foo\"\n}",
     "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"},{\"name\":"
     "\"f2\","
     "\"type\":\"int\"}]}",
     1, -4860222112080293046LL},
    /* 027-030: enum and fixed */
    {"{\"type\":\"enum\", \"name\":\"foo\", \"symbols\":[\"A1\"]}",
     "{\"name\":\"foo\",\"type\":\"enum\",\"symbols\":[\"A1\"]}", 1, -6342190197741309591LL},
    {"{\"namespace\":\"x.y.z\", \"type\":\"enum\", \"name\":\"foo\", \"doc\":\"foo bar\", "
     "\"symbols\":[\"A1\", "
     "\"A2\"]}",
     "{\"name\":\"x.y.z.foo\",\"type\":\"enum\",\"symbols\":[\"A1\",\"A2\"]}", 1, -4448647247586288245LL},
    {"{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", "{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}",
     1, 1756455273707447556LL},
    {"{\"namespace\":\"x.y.z\", \"type\":\"fixed\", \"name\":\"foo\", \"doc\":\"foo bar\", \"size\":32}",
     "{\"name\":\"x.y.z.foo\",\"type\":\"fixed\",\"size\":32}", 1, -3064184465700546786LL},
    /* 031-033: array, map, a recursive record */
    {"{ \"items\":{\"type\":\"null\"}, \"type\":\"array\"}", "{\"type\":\"array\",\"items\":\"null\"}", 1,
     -589620603366471059LL},
    {"{ \"values\":\"string\", \"type\":\"map\"}", "{\"type\":\"map\",\"values\":\"string\"}", 1,
     -8732877298790414990LL},
    {"  {\"name\":\"PigValue\",\"type\":\"record\",\n"
     "   \"fields\":[{\"name\":\"value\", \"type\":[\"null\", \"int\", \"long\", \"PigValue\"]}]}",
     "{\"name\":\"PigValue\",\"type\":\"record\",\"fields\":[{\"name\":\"value\",\"type\":[\"null\",\"int\","
     "\"long\",\"PigValue\"]}]}",
     1, -1759257747318642341LL},
};

static void canonical_form_matches_spec_vectors(void)
{
	char err[256];
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		char *got = avro_canonical_form(vectors[i].input, err, sizeof(err));
		if (!got) {
			fprintf(stderr, "  vector %zu: %s\n", i, err);
			CHECK(got != NULL);
			continue;
		}
		CHECK_STR(got, vectors[i].canonical);
		free(got);
	}
}

static void crc64_matches_spec_fingerprints(void)
{
	int checked = 0;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		if (!vectors[i].has_fp)
			continue;
		const char *c = vectors[i].canonical;
		uint64_t fp = avro_crc64(c, strlen(c));
		if (fp != (uint64_t)vectors[i].fp)
			fprintf(stderr, "  vector %zu (%s): %016llx, want %016llx\n", i, c,
			        (unsigned long long)fp, (unsigned long long)(uint64_t)vectors[i].fp);
		CHECK(fp == (uint64_t)vectors[i].fp);
		checked++;
	}
	CHECK(checked >= 20);
}

static void crc64_of_nothing_is_empty_constant(void)
{
	CHECK(avro_crc64("", 0) == 0xc15d213aa4d7a795ULL);
}

static void canonical_form_qualifies_nested_names_with_the_enclosing_namespace(void)
{
	/* A nested record inherits the outer namespace, a reference to it is
	 * qualified the same way, and logicalType/default/doc are stripped. */
	const char *in = "{\"type\":\"record\",\"name\":\"Outer\",\"namespace\":\"org.x\",\"doc\":\"d\","
	                 "\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"record\",\"name\":\"Inner\","
	                 "\"fields\":[{\"name\":\"t\",\"type\":{\"type\":\"long\",\"logicalType\":"
	                 "\"timestamp-millis\"}}]}},"
	                 "{\"name\":\"b\",\"type\":[\"null\",\"Inner\"],\"default\":null},"
	                 "{\"name\":\"c\",\"type\":{\"type\":\"enum\",\"name\":\"other.E\",\"symbols\":["
	                 "\"X\"],\"default\":\"X\"}}]}";
	const char *want =
	    "{\"name\":\"org.x.Outer\",\"type\":\"record\",\"fields\":[{\"name\":\"a\",\"type\":"
	    "{\"name\":\"org.x.Inner\",\"type\":\"record\",\"fields\":[{\"name\":\"t\",\"type\":\"long\"}]}},"
	    "{\"name\":\"b\",\"type\":[\"null\",\"org.x.Inner\"]},"
	    "{\"name\":\"c\",\"type\":{\"name\":\"other.E\",\"type\":\"enum\",\"symbols\":[\"X\"]}}]}";
	char err[256];
	char *got = avro_canonical_form(in, err, sizeof(err));
	CHECK_STR(got, want);
	free(got);
}

static void canonical_form_writes_escaped_characters_as_utf8(void)
{
	char err[256];
	char *got = avro_canonical_form(
	    "{\"type\":\"enum\",\"name\":\"caf\\u00e9\",\"symbols\":[\"A\\u0042\"]}", err, sizeof(err));
	CHECK_STR(got, "{\"name\":\"caf\xc3\xa9\",\"type\":\"enum\",\"symbols\":[\"AB\"]}");
	free(got);
}

static void canonical_form_rejects_malformed_schemas_with_a_message(void)
{
	char err[256];
	err[0] = '\0';
	CHECK(avro_canonical_form("{\"type\":\"record\",\"fields\":[]}", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "name") != NULL);
	err[0] = '\0';
	CHECK(avro_canonical_form("{\"type\":", err, sizeof(err)) == NULL);
	CHECK(err[0] != '\0');
	CHECK(avro_canonical_form("42", err, sizeof(err)) == NULL);
	CHECK(avro_canonical_form("{\"type\":\"enum\",\"name\":\"E\"}", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "symbols") != NULL);

	/* Nesting deeper than the bound is an error, not a stack overflow. */
	char deep[4096];
	size_t n = 0;
	for (int i = 0; i < 200; i++)
		deep[n++] = '[';
	deep[n++] = '"';
	memcpy(deep + n, "int\"", 4);
	n += 4;
	for (int i = 0; i < 200; i++)
		deep[n++] = ']';
	deep[n] = '\0';
	CHECK(avro_canonical_form(deep, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "deeper") != NULL);
}

static void conflict_event_schema_has_a_stable_canonical_form(void)
{
	char path[1024], err[256];
	snprintf(path, sizeof(path), "%s/schemas/conflict_event.avsc", test_env("CONFLICTD_SOURCE_DIR", "."));
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return;
	static char text[65536];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	char *canon = avro_canonical_form(text, err, sizeof(err));
	CHECK(canon != NULL);
	if (!canon)
		return;
	CHECK(strncmp(canon, "{\"name\":\"org.conflictd.ConflictEvent\",\"type\":\"record\",\"fields\":[",
	              64) == 0);
	CHECK(strstr(canon, "\"doc\"") == NULL);
	CHECK(strstr(canon, "logicalType") == NULL);
	CHECK(strstr(canon, "\"default\"") == NULL);
	CHECK(strstr(canon, " ") == NULL);
	CHECK(strstr(canon, "{\"name\":\"actor2\",\"type\":[\"null\",\"org.conflictd.Actor\"]}") != NULL);
	free(canon);
}

int main(void)
{
	RUN(canonical_form_matches_spec_vectors);
	RUN(crc64_matches_spec_fingerprints);
	RUN(crc64_of_nothing_is_empty_constant);
	RUN(canonical_form_qualifies_nested_names_with_the_enclosing_namespace);
	RUN(canonical_form_writes_escaped_characters_as_utf8);
	RUN(canonical_form_rejects_malformed_schemas_with_a_message);
	RUN(conflict_event_schema_has_a_stable_canonical_form);
	TEST_DONE();
}
