/*
 * event.c - names, parsing and identity of struct conflict_event.
 *
 * The symbol tables below are the single source of the enum spellings used
 * in Avro, JSON and the data files; schemas/conflict_event.avsc lists the
 * same symbols in the same order (tests/unit/test_avro_codec.c checks it).
 */
#include "event.h"

#include <stdio.h>
#include <string.h>

static const char *const record_kind_names[RECORD_KIND_COUNT] = {"EVENT", "CASUALTY_TALLY"};

static const char *const event_type_names[EVENT_TYPE_COUNT] = {
    "BATTLES", "EXPLOSIONS_REMOTE_VIOLENCE", "VIOLENCE_AGAINST_CIVILIANS", "PROTESTS",
    "RIOTS",   "STRATEGIC_DEVELOPMENTS",
};

static const char *const sub_event_type_names[SUB_EVENT_TYPE_COUNT] = {
    "GOVERNMENT_REGAINS_TERRITORY",
    "NON_STATE_ACTOR_OVERTAKES_TERRITORY",
    "ARMED_CLASH",
    "CHEMICAL_WEAPON",
    "AIR_DRONE_STRIKE",
    "SUICIDE_BOMB",
    "SHELLING_ARTILLERY_MISSILE_ATTACK",
    "REMOTE_EXPLOSIVE_LANDMINE_IED",
    "GRENADE",
    "SEXUAL_VIOLENCE",
    "ATTACK",
    "ABDUCTION_FORCED_DISAPPEARANCE",
    "PEACEFUL_PROTEST",
    "PROTEST_WITH_INTERVENTION",
    "EXCESSIVE_FORCE_AGAINST_PROTESTERS",
    "VIOLENT_DEMONSTRATION",
    "MOB_VIOLENCE",
    "AGREEMENT",
    "ARRESTS",
    "CHANGE_TO_GROUP_ACTIVITY",
    "DISRUPTED_WEAPONS_USE",
    "HEADQUARTERS_OR_BASE_ESTABLISHED",
    "LOOTING_PROPERTY_DESTRUCTION",
    "NON_VIOLENT_TRANSFER_OF_TERRITORY",
    "OTHER",
};

static const enum event_type sub_event_parent[SUB_EVENT_TYPE_COUNT] = {
    EVENT_BATTLES,
    EVENT_BATTLES,
    EVENT_BATTLES,
    EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
    EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
    EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
    EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
    EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
    EVENT_EXPLOSIONS_REMOTE_VIOLENCE,
    EVENT_VIOLENCE_AGAINST_CIVILIANS,
    EVENT_VIOLENCE_AGAINST_CIVILIANS,
    EVENT_VIOLENCE_AGAINST_CIVILIANS,
    EVENT_PROTESTS,
    EVENT_PROTESTS,
    EVENT_PROTESTS,
    EVENT_RIOTS,
    EVENT_RIOTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
    EVENT_STRATEGIC_DEVELOPMENTS,
};

static const char *const date_precision_names[DATE_PRECISION_COUNT] = {"DAY", "WEEK", "MONTH", "YEAR",
                                                                       "UNKNOWN"};

static const char *const temporality_names[TEMPORALITY_COUNT] = {"CURRENT", "RECENT", "HISTORICAL"};

static const char *const actor_type_names[ACTOR_TYPE_COUNT] = {
    "STATE_FORCES", "REBEL_GROUP", "POLITICAL_MILITIA", "IDENTITY_MILITIA",
    "RIOTERS",      "PROTESTERS",  "CIVILIANS",         "EXTERNAL_OTHER",
};

static const char *name_of(const char *const *names, int count, int v)
{
	return v >= 0 && v < count ? names[v] : NULL;
}

static int parse_in(const char *const *names, int count, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < count; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *record_kind_name(enum record_kind k)
{
	return name_of(record_kind_names, RECORD_KIND_COUNT, (int)k);
}
const char *event_type_name(enum event_type t)
{
	return name_of(event_type_names, EVENT_TYPE_COUNT, (int)t);
}
const char *sub_event_type_name(enum sub_event_type s)
{
	return name_of(sub_event_type_names, SUB_EVENT_TYPE_COUNT, (int)s);
}
const char *date_precision_name(enum date_precision p)
{
	return name_of(date_precision_names, DATE_PRECISION_COUNT, (int)p);
}
const char *temporality_name(enum temporality t)
{
	return name_of(temporality_names, TEMPORALITY_COUNT, (int)t);
}
const char *actor_type_name(enum actor_type t)
{
	return name_of(actor_type_names, ACTOR_TYPE_COUNT, (int)t);
}

int record_kind_parse(const char *s)
{
	return parse_in(record_kind_names, RECORD_KIND_COUNT, s);
}
int event_type_parse(const char *s)
{
	return parse_in(event_type_names, EVENT_TYPE_COUNT, s);
}
int sub_event_type_parse(const char *s)
{
	return parse_in(sub_event_type_names, SUB_EVENT_TYPE_COUNT, s);
}
int date_precision_parse(const char *s)
{
	return parse_in(date_precision_names, DATE_PRECISION_COUNT, s);
}
int temporality_parse(const char *s)
{
	return parse_in(temporality_names, TEMPORALITY_COUNT, s);
}
int actor_type_parse(const char *s)
{
	return parse_in(actor_type_names, ACTOR_TYPE_COUNT, s);
}

enum event_type sub_event_type_parent(enum sub_event_type s)
{
	return (int)s >= 0 && s < SUB_EVENT_TYPE_COUNT ? sub_event_parent[s] : EVENT_STRATEGIC_DEVELOPMENTS;
}

size_t event_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = src ? strlen(src) : 0;
	if (size) {
		size_t c = n < size - 1 ? n : size - 1;
		if (c)
			memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

size_t event_utf8_seq(const void *buf, size_t n)
{
	const unsigned char *s = buf;
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f))
			return 0; /* overlong, surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
			return 0; /* overlong, above U+10FFFF */
		return 4;
	}
	return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
}

size_t event_utf8_span(const void *buf, size_t n)
{
	const unsigned char *s = buf;
	size_t i = 0;

	while (i < n) {
		size_t k = event_utf8_seq(s + i, n - i);
		if (!k)
			break;
		i += k;
	}
	return i;
}

size_t event_utf8_repair(char *out, const void *buf, size_t n)
{
	const unsigned char *s = buf;
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		size_t k = event_utf8_seq(s + i, n - i);
		if (k) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else if (n - i < 4 && s[i] >= 0xc2 && s[i] <= 0xf4) {
			break; /* a sequence cut at the end: drop it */
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3); /* U+FFFD */
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	return o;
}

void event_init(struct conflict_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->fatalities.civilians = -1;
	ev->fatalities.children = -1;
	ev->date_precision = DATE_PRECISION_UNKNOWN;
	ev->event_type = EVENT_STRATEGIC_DEVELOPMENTS;
	ev->sub_event_type = SUB_OTHER;
	event_strlcpy(ev->extractor_version, CONFLICTD_EXTRACTOR_VERSION, sizeof(ev->extractor_version));
}

void event_set_provenance(struct conflict_event *ev, const char *topic, int32_t partition, int64_t offset)
{
	ev->provenance.present = true;
	event_strlcpy(ev->provenance.topic, topic ? topic : "", sizeof(ev->provenance.topic));
	ev->provenance.partition = partition;
	ev->provenance.offset = offset;
}

/* Howard Hinnant's days_from_civil / civil_from_days (public domain
 * algorithms, re-derived here): exact for the proleptic Gregorian calendar. */
int32_t event_days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void event_civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (*m <= 2);
}

/* Two independent 64-bit FNV-1a streams over the same bytes make a 128-bit
 * id: not cryptographic, but stable across runs, platforms and versions,
 * which is what a de-duplicating consumer needs. */
struct id_hash {
	uint64_t a, b;
};

static void id_feed(struct id_hash *h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		h->a = (h->a ^ *p) * 0x100000001b3ULL;
		h->b = (h->b ^ *p) * 0x100000001b3ULL;
		h->b ^= h->b >> 29;
	}
	h->a = (h->a ^ 0x1f) * 0x100000001b3ULL; /* field separator */
	h->b = (h->b ^ 0x1f) * 0x100000001b3ULL;
}

/* v in decimal into buf (room for any int64_t), as "%lld" writes it. */
static const char *id_decimal(char buf[24], int64_t v)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char *p = buf + 23;
	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return p;
}

/* v as 16 lower-case hex digits at out, as "%016llx" writes it. */
static void id_hex16(char *out, uint64_t v)
{
	for (int i = 15; i >= 0; i--, v >>= 4)
		out[i] = "0123456789abcdef"[v & 15];
}

void event_make_id(struct conflict_event *ev, unsigned ordinal)
{
	struct id_hash h = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
	char num[24];

	id_feed(&h, ev->article_id);
	id_feed(&h, record_kind_name(ev->record_kind));
	id_feed(&h, event_type_name(ev->event_type));
	id_feed(&h, sub_event_type_name(ev->sub_event_type));
	id_feed(&h, id_decimal(num, ev->has_event_date ? (int64_t)ev->event_date : -1));
	id_feed(&h, ev->location.present ? ev->location.name : "");
	id_feed(&h, ev->location.present ? ev->location.country_code : "");
	id_feed(&h, ev->actor1.present ? ev->actor1.name : "");
	id_feed(&h, ev->actor2.present ? ev->actor2.name : "");
	id_feed(&h, id_decimal(num, ordinal));
	_Static_assert(sizeof ev->event_id >= 33, "event_id holds 32 hex digits");
	id_hex16(ev->event_id, h.a);
	id_hex16(ev->event_id + 16, h.b);
	ev->event_id[32] = '\0';
}
