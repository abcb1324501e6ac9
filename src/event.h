/*
 * event.h - struct conflict_event, the in-memory record every room shares.
 *
 * One conflict_event is one ACLED-style event (or one casualty tally) taken
 * from one article.  The extractor fills it, the Avro codec and the JSON
 * renderer read it.  It is a plain value: fixed-size buffers and no heap
 * pointers except the evidence text, which borrows from the article body
 * (see struct event_evidence), so events can be copied with memcpy and a
 * whole article's events freed with the article.
 *
 * The enums are ACLED's 6 event types, 25 sub-event types and 8 actor types
 * (ACLED Codebook, 2019+ typology).  Their symbol names, as spelled in
 * schemas/conflict_event.avsc, come from the *_name() functions; the order of
 * each enum is the order of the symbols in the schema, so an enum value is
 * also its Avro enum index.
 */
#ifndef CONFLICTD_EVENT_H
#define CONFLICTD_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFLICTD_EXTRACTOR_VERSION "0.1.0"

#define EVENT_NAME_MAX        128 /* actor and place names, incl. NUL */
#define EVENT_ID_MAX          64  /* event_id hex string, incl. NUL */
#define EVENT_ARTICLE_ID_MAX  256
#define EVENT_URL_MAX         1024
#define EVENT_SOURCE_MAX      128
#define EVENT_LANG_MAX        16
#define EVENT_MAX_ASSOCIATED  4 /* associated actors kept per event */
#define EVENT_MAX_REPORTED_BY 4
#define EVENT_MAX_EVIDENCE    4
#define EVENT_TOPIC_MAX       256 /* Kafka topic names are at most 249 bytes */

enum record_kind { RECORD_EVENT = 0, RECORD_CASUALTY_TALLY, RECORD_KIND_COUNT };

enum event_type {
	EVENT_BATTLES = 0,
	EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
	EVENT_VIOLENCE_AGAINST_CIVILIANS,
	EVENT_PROTESTS,
	EVENT_RIOTS,
	EVENT_STRATEGIC_DEVELOPMENTS,
	EVENT_TYPE_COUNT
};

enum sub_event_type {
	/* Battles */
	SUB_GOVERNMENT_REGAINS_TERRITORY = 0,
	SUB_NON_STATE_ACTOR_OVERTAKES_TERRITORY,
	SUB_ARMED_CLASH,
	/* Explosions/Remote violence */
	SUB_CHEMICAL_WEAPON,
	SUB_AIR_DRONE_STRIKE,
	SUB_SUICIDE_BOMB,
	SUB_SHELLING_ARTILLERY_MISSILE_ATTACK,
	SUB_REMOTE_EXPLOSIVE_LANDMINE_IED,
	SUB_GRENADE,
	/* Violence against civilians */
	SUB_SEXUAL_VIOLENCE,
	SUB_ATTACK,
	SUB_ABDUCTION_FORCED_DISAPPEARANCE,
	/* Protests */
	SUB_PEACEFUL_PROTEST,
	SUB_PROTEST_WITH_INTERVENTION,
	SUB_EXCESSIVE_FORCE_AGAINST_PROTESTERS,
	/* Riots */
	SUB_VIOLENT_DEMONSTRATION,
	SUB_MOB_VIOLENCE,
	/* Strategic developments */
	SUB_AGREEMENT,
	SUB_ARRESTS,
	SUB_CHANGE_TO_GROUP_ACTIVITY,
	SUB_DISRUPTED_WEAPONS_USE,
	SUB_HEADQUARTERS_OR_BASE_ESTABLISHED,
	SUB_LOOTING_PROPERTY_DESTRUCTION,
	SUB_NON_VIOLENT_TRANSFER_OF_TERRITORY,
	SUB_OTHER,
	SUB_EVENT_TYPE_COUNT
};

enum date_precision {
	DATE_PRECISION_DAY = 0,
	DATE_PRECISION_WEEK,
	DATE_PRECISION_MONTH,
	DATE_PRECISION_YEAR,
	DATE_PRECISION_UNKNOWN,
	DATE_PRECISION_COUNT
};

enum temporality { TEMPORALITY_CURRENT = 0, TEMPORALITY_RECENT, TEMPORALITY_HISTORICAL, TEMPORALITY_COUNT };

enum actor_type {
	ACTOR_STATE_FORCES = 0,
	ACTOR_REBEL_GROUP,
	ACTOR_POLITICAL_MILITIA,
	ACTOR_IDENTITY_MILITIA,
	ACTOR_RIOTERS,
	ACTOR_PROTESTERS,
	ACTOR_CIVILIANS,
	ACTOR_EXTERNAL_OTHER,
	ACTOR_TYPE_COUNT
};

struct event_actor {
	bool present;
	char name[EVENT_NAME_MAX];    /* canonical: "Military Forces of Syria" */
	char mention[EVENT_NAME_MAX]; /* as written: "Syrian regime forces" */
	enum actor_type type;
	char country_code[3]; /* ISO 3166-1 alpha-2, "" when unknown */
};

struct event_location {
	bool present;
	char name[EVENT_NAME_MAX];
	char admin1[EVENT_NAME_MAX]; /* "" when unknown */
	char admin2[EVENT_NAME_MAX]; /* "" when unknown */
	char country[EVENT_NAME_MAX];
	char country_code[3];
	bool has_coordinates;
	double latitude;
	double longitude;
	int geo_precision;     /* ACLED: 1 town, 2 near/part of region, 3 region only */
	char gazetteer_id[32]; /* "geonames:170063", "terrain:tulul-al-safa", "" */
};

struct event_fatalities {
	int best; /* ACLED's conservative count; 0 when none reported */
	int low;
	int high;
	int civilians; /* -1 when not stated */
	int children;  /* -1 when not stated */
	bool imputed;  /* a vague word ("dozens", "killed") turned into a number */
};

/* A span of the article body that supports the event.  start/end are byte
 * offsets into the article's text (the body, not the title).  text borrows
 * from that body and is valid as long as the article is. */
struct event_evidence {
	uint32_t start;
	uint32_t end;
	const char *text;
};

/* The Kafka message the event's article came from (schema v2's
 * "provenance"); present is false for articles read from files. */
struct event_provenance {
	bool present;
	char topic[EVENT_TOPIC_MAX];
	int32_t partition;
	int64_t offset;
};

struct conflict_event {
	char event_id[EVENT_ID_MAX];
	char article_id[EVENT_ARTICLE_ID_MAX];
	char article_url[EVENT_URL_MAX]; /* "" when absent */
	char source_name[EVENT_SOURCE_MAX];
	int64_t article_published_at_ms; /* 0 when unknown */
	int64_t processed_at_ms;

	enum record_kind record_kind;
	enum event_type event_type;
	enum sub_event_type sub_event_type;

	bool has_event_date;
	int32_t event_date; /* days since 1970-01-01 (Avro "date") */
	enum date_precision date_precision;
	enum temporality temporality;

	struct event_actor actor1;
	struct event_actor actor2;
	size_t n_associated;
	struct event_actor associated[EVENT_MAX_ASSOCIATED];

	struct event_location location;
	struct event_fatalities fatalities;

	size_t n_reported_by;
	char reported_by[EVENT_MAX_REPORTED_BY][EVENT_NAME_MAX];
	bool disputed;
	float confidence; /* 0..1 */

	size_t n_evidence;
	struct event_evidence evidence[EVENT_MAX_EVIDENCE];

	char language[EVENT_LANG_MAX]; /* "" when unknown */
	char extractor_version[16];
	struct event_provenance provenance;
};

/* Symbol names as in the Avro schema ("AIR_DRONE_STRIKE"); NULL when out of range. */
const char *record_kind_name(enum record_kind k);
const char *event_type_name(enum event_type t);
const char *sub_event_type_name(enum sub_event_type s);
const char *date_precision_name(enum date_precision p);
const char *temporality_name(enum temporality t);
const char *actor_type_name(enum actor_type t);

/* Parse a symbol name back; return the enum value or -1 when unknown. */
int record_kind_parse(const char *s);
int event_type_parse(const char *s);
int sub_event_type_parse(const char *s);
int date_precision_parse(const char *s);
int temporality_parse(const char *s);
int actor_type_parse(const char *s);

/* The event type a sub-event type belongs to (ACLED's hierarchy). */
enum event_type sub_event_type_parent(enum sub_event_type s);

/* Reset an event to empty: zeroes, counts 0, civilians/children -1,
 * DATE_PRECISION_UNKNOWN, extractor_version set. */
void event_init(struct conflict_event *ev);

/* Record the input message an event's article came from (a topic longer
 * than EVENT_TOPIC_MAX - 1 bytes is cut). */
void event_set_provenance(struct conflict_event *ev, const char *topic, int32_t partition, int64_t offset);

/* Compute ev->event_id: 32 hex digits, a hash of the article id and the
 * event's identity (record kind, type, sub-type, date, place, actor names)
 * and ordinal (0 for the first event with that identity in the article).
 * The same article always yields the same ids; used as the Kafka key. */
void event_make_id(struct conflict_event *ev, unsigned ordinal);

/* Days since 1970-01-01 <-> civil date (proleptic Gregorian). */
int32_t event_days_from_civil(int y, unsigned m, unsigned d);
void event_civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d);

/* Bounded copy that always NUL-terminates; returns strlen(src) like strlcpy. */
size_t event_strlcpy(char *dst, const char *src, size_t size);

/* UTF-8 as every output needs it (Avro strings, JSON): the shortest form of
 * a Unicode scalar value, so no overlongs, no surrogates, nothing above
 * U+10FFFF.  event_utf8_seq() gives the length (1-4) of the valid sequence
 * at s[0..n) (n >= 1), or 0 when there is none; event_utf8_span() the
 * length of the longest valid prefix of s[0..n) (n when all of it is). */
size_t event_utf8_seq(const void *s, size_t n);
size_t event_utf8_span(const void *s, size_t n);

/* Copy s[0..n) to out, which has room for n * 3 + 1 bytes, making it valid
 * UTF-8: a byte that starts no valid sequence becomes U+FFFD, except that a
 * sequence cut at the very end (a name cut mid-character by a fixed-size
 * buffer) is dropped.  NUL-terminates out; returns the length written. */
size_t event_utf8_repair(char *out, const void *s, size_t n);

#endif
