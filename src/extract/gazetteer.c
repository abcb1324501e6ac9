/*
 * gazetteer.c - place names in text -> places with coordinates.
 *
 * Loading reads each data file into one buffer and parses it in place: tab
 * and '|' separators become NULs, so every name is a pointer into the
 * buffer and nothing is allocated per entry.  The places live in one array
 * of struct gaz_place.  Names live in an open-addressing table of 8-byte
 * slots keyed by a 64-bit hash of the folded name (low bits pick the slot,
 * 32 high bits confirm it), each slot holding its key's value, or, for a
 * name several places share, where its values start in a second, small
 * array: a lookup touches one cache line for most names.  Names are not
 * stored at all, so two keys whose 64-bit hashes meet
 * would share a list; with under a million keys that is about a
 * one-in-ten-million event per lookup, costing a wrong candidate, not a
 * crash.  Inserts are batched and their slots prefetched, since the table
 * is far larger than the caches: loading is bound by memory latency.
 *
 * Each name goes in twice: its fold_name key and, under another seed, its
 * fold_name_loose key, so "Deir Ezzor" (loose "deirzor") meets "Deir
 * ez-Zor".  A value is a place id with flags: alternate name, loose key,
 * demonym (for gazetteer_country_by_name only), stop word or weak name
 * (from place_stopwords.txt).
 *
 * False positives are the main risk, so scanning is strict: a name starts
 * at a capitalised word (or "al"/"el" before one), is tried longest first
 * (up to GAZ_MAX_WORDS words, strict key, then the loose key only with a
 * cue or several words), and is refused when it is a stop word, when a
 * weak name (a first name, a common word) stands beside other capitalised
 * words, when it is the tail or the head of a longer unknown name ("Jose
 * Gutierrez", "Bulo Mareer"), or when text in capitals gives no cue word.
 * A start word whose own span no one-word key knows and whose first two
 * words no longer key starts with is passed over before any cue is read.
 * Candidates are ordered by kind and population with one place per country
 * first, so that resolution with the article's countries and provinces can
 * still find the right country's place among GAZ_MAX_CANDIDATES.
 */
#include "extract/gazetteer.h"

#include "extract/ascii_run.h"
#include "extract/fold.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GAZ_MAX_WORDS   8 /* longest name, in words, tried in text */
#define GAZ_MAX_FILE    (64u << 20)
#define GAZ_KEY_MAX     256 /* folded key buffer */
#define GAZ_MAX_HITS    512 /* raw hash hits considered per mention */
#define GAZ_ID_MASK     0x0FFFFFFFu
#define GAZ_F_ALT       (1u << 28)         /* an alternate name, not the preferred one */
#define GAZ_F_LOOSE     (1u << 29)         /* a fold_name_loose key */
#define GAZ_F_DEMONYM   (1u << 30)         /* country by demonym: not a place mention */
#define GAZ_F_STOP      (1u << 31)         /* stop word: never a one-word place */
#define GAZ_STOP_ID     GAZ_ID_MASK        /* value of a stop word */
#define GAZ_WEAK_ID     (GAZ_ID_MASK - 1u) /* value of a weak name: alone, not beside capitals */
#define GAZ_SEED_STRICT 0x9E3779B97F4A7C15ull
#define GAZ_SEED_LOOSE  0xC2B2AE3D27D4EB4Full
#define GAZ_NO_PLACE    UINT32_MAX
#define GAZ_BATCH       64 /* inserts prefetched together at load */
#define GAZ_LEAD_BITS   22 /* log2 of the bits of the lead filter (512 KB: fits in L2) */
#define GAZ_LEAD_LOOSE  8  /* loose-key bytes the lead filter knows */
#define GAZ_SEED_LEAD_S 0xD6E8FEB86659FD93ull
#define GAZ_SEED_LEAD_L 0xA0761D6478BD642Full
#define GAZ_ONE_BITS    22 /* log2 of the bits of the one-word filter (512 KB) */
#define GAZ_ONE_MAX     16 /* longest word the one-word filter is asked about */

/* a town this small outside the provinces a story names is a homonym */
#define GAZ_OTHER_PROVINCE_MAX 50000

/* A key's slot: the hash check and the key's value, or, for a key with
 * several values (GAZ_MULTI set alone in the top five bits), the index of
 * the first node of its list.  Most names have one place, so most lookups
 * touch one cache line, and the lists of the others fit in a small array. */
struct gaz_slot {
	uint32_t check; /* upper hash bits, never 0 in a used slot */
	uint32_t head;  /* the value, or GAZ_MULTI | index into vals */
};

/* No value looks like this: place ids stay under GAZ_MULTI and the stop
 * and weak ids always carry GAZ_F_STOP (gaz_insert refuses one that does). */
#define GAZ_MULTI       (1u << 27)
#define GAZ_MULTI_MASK  (GAZ_MULTI - 1u)
#define GAZ_IS_MULTI(v) (((v) >> 27) == 1u)

struct gaz_val {
	uint32_t val;  /* place id | GAZ_F_* */
	uint32_t next; /* index + 1 of the next value under the same key, 0 at the end */
};

struct gaz_file {
	char *buf;
	size_t len;
};

/* The scanner asks of the words around a name whether they are in one of
 * a few small lists ("province", "near", "Upper"), several times per
 * capitalised word.  Walking the lists cost a third of the scan, so their
 * words are hashed at load into one small table, each with the bits of
 * the lists that hold it. */
#define GAZ_WORD_MAX    16  /* longer words are in no list */
#define GAZ_WORDS_SLOTS 512 /* power of two, over twice the words */

enum gaz_word_class {
	GAZ_W_LEAD = 1u << 0,     /* may stand before a name: "In", "Eastern" */
	GAZ_W_TAIL = 1u << 1,     /* may follow a name: "Province", "Monday" */
	GAZ_W_ADMIN = 1u << 2,    /* "province", "governorate" */
	GAZ_W_SETTLE = 1u << 3,   /* "village", "town" */
	GAZ_W_DIR = 1u << 4,      /* "north", "southern" */
	GAZ_W_DISTRICT = 1u << 5, /* "district", "county" */
	GAZ_W_PARTICLE = 1u << 6  /* "al", "el": an Arabic article opening a name */
};

struct gaz_cue_word {
	char w[GAZ_WORD_MAX];
	uint8_t len; /* 0: free slot */
	uint8_t bits;
};

enum { GAZ_FILE_MAIN, GAZ_FILE_COUNTRIES, GAZ_FILE_EXTRA, GAZ_FILE_STOP, GAZ_FILE_DEMONYMS, GAZ_FILE_COUNT };

struct gazetteer {
	struct gaz_file files[GAZ_FILE_COUNT];
	struct gaz_place *places;
	uint32_t *weight; /* population for ranking, imputed from the feature code when unknown */
	size_t n_places, cap_places;
	char *arena; /* source ids */
	size_t arena_len, arena_cap;
	struct gaz_slot *tab;
	size_t tab_mask, tab_used;
	struct gaz_val *vals; /* the values of keys with several */
	size_t n_vals, cap_vals;
	/* How a key of several words can start, for gaz_lead_may(): a bit per
	 * hash of each of a strict key's prefixes of two words or more that
	 * end at a word's end, and of a loose key's first GAZ_LEAD_LOOSE bytes.
	 * No false "no"; about one false "maybe" in ten. */
	uint64_t *lead;
	/* What a span of one word can find, for gaz_start_may(): a bit per
	 * hash of every loose key and of the loose key of every strict key of
	 * one word (a place's name, never a stop word or a demonym).  The
	 * loose key of a word that is a strict key is that key's loose key, so
	 * one probe answers for both lookups.  No false "no" (a word whose
	 * 64-bit hash merely meets some key's, which the table would answer
	 * with that key's places, is no longer looked up: a wrong candidate
	 * fewer). */
	uint64_t *one;
	/* inserts wait here in batches so their slots can be prefetched */
	struct {
		uint64_t h;
		uint32_t val;
	} pending[GAZ_BATCH];
	size_t n_pending;
	size_t dropped;            /* inserts that found no room: a sizing bug, fails the load */
	uint32_t country[26 * 26]; /* place id by ISO code, GAZ_NO_PLACE when none */
	uint16_t units[26 * 26];   /* by ISO code: its words for an admin1 unit, GAZ_U_* bits */
	struct gaz_cue_word words[GAZ_WORDS_SLOTS]; /* the scanner's word lists, by class */
	uint16_t word_lens[27]; /* bit n: some listed word of n bytes starts with letter a+i (26: other) */
};

/* Words for an admin1 unit ("Bolivar state", "Cauca department"): what
 * gazetteer.tsv's A lines say each country calls its admin1 level (from
 * ISO 3166-2), one bit each in the order of this list; the text's word after
 * a name picks the country that uses it.  NULL-terminated; "oblast" is
 * ISO's "region". */
static const char *const gaz_unit_words[] = {
    "state",    "province",   "department",   "governorate", "region",   "county", "district",
    "division", "prefecture", "municipality", "territory",   "republic", NULL};

static int gaz_word_is(const char *text, size_t s, size_t e, const char *word);

/* department, county, division, prefecture, municipality, territory */
#define GAZ_UNITS_EXACT ((1u << 2) | (1u << 5) | (1u << 7) | (1u << 8) | (1u << 9) | (1u << 10))

/* The bit of unit word text[s..e) (any case, a plural "states"
 * too), or 0. */
static unsigned gaz_unit_bit(const char *text, size_t s, size_t e)
{
	if (e > s + 1 && (text[e - 1] == 's' || text[e - 1] == 'S'))
		e -= gaz_word_is(text, s, e, "states") || gaz_word_is(text, s, e, "provinces") ||
		     gaz_word_is(text, s, e, "regions") || gaz_word_is(text, s, e, "districts");
	if (gaz_word_is(text, s, e, "oblast"))
		return 1u << 4;
	for (unsigned i = 0; gaz_unit_words[i]; i++)
		if (gaz_word_is(text, s, e, gaz_unit_words[i]))
			return 1u << i;
	return 0;
}

/* --- hashing -------------------------------------------------------- */

/* Eight bytes per step; s may be read up to room bytes (room >= n): where
 * eight are there to read, a step reads them at once and masks them to the
 * key, else it gathers the key's last bytes one by one into the same value.
 * Then a full 64-bit finaliser. */
static inline uint64_t gaz_hash_in(const char *s, size_t n, uint64_t seed, size_t room)
{
	uint64_t h = seed ^ (n * 0xFF51AFD7ED558CCDull);
	for (size_t i = 0; i < n; i += 8) {
		uint64_t x = ascii_load_le(s + i, n - i < 8 ? n - i : 8, i + 8 <= room);
		h = (h ^ x) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 33;
	return h;
}

static uint64_t gaz_hash(const char *s, size_t n, uint64_t seed)
{
	return gaz_hash_in(s, n, seed, n);
}

/* gaz_hash() of a key in a char array (its whole size may be read). */
#define GAZ_KEY_HASH(key, n, seed) gaz_hash_in(key, n, seed, sizeof(key))

/* Adds val under hash h.  Values of one key form a list, newest first;
 * since a place's names go in together, a repeat of the same place under
 * the same key can only be at the head.  A key's first value is kept in
 * its slot; a second one moves both to a list (the slot's head is then
 * GAZ_MULTI | the index of the list's first node). */
static void gaz_insert(struct gazetteer *g, uint64_t h, uint32_t val)
{
	uint32_t check = (uint32_t)(h >> 32) | 1u;
	size_t i = (size_t)h & g->tab_mask;
	const uint32_t same = GAZ_ID_MASK | GAZ_F_STOP | GAZ_F_DEMONYM;

	if (GAZ_IS_MULTI(val)) { /* no such value: ids stay under GAZ_MULTI, stop words are flagged */
		g->dropped++;
		return;
	}
	while (g->tab[i].check && g->tab[i].check != check)
		i = (i + 1) & g->tab_mask;
	struct gaz_slot *s = &g->tab[i];
	if (!s->check) {
		if (g->tab_used >= (g->tab_mask + 1) / 4 * 3) {
			g->dropped++;
			return;
		}
		s->check = check;
		s->head = val;
		g->tab_used++;
		return;
	}
	uint32_t *first = GAZ_IS_MULTI(s->head) ? &g->vals[s->head & GAZ_MULTI_MASK].val : &s->head;
	if ((*first & same) == (val & same)) {
		*first &= val | ~GAZ_F_ALT; /* a preferred-name entry wins */
		return;
	}
	if (g->n_vals + 2 > g->cap_vals) {
		g->dropped++;
		return;
	}
	uint32_t next = (s->head & GAZ_MULTI_MASK) + 1;
	if (!GAZ_IS_MULTI(s->head)) {
		g->vals[g->n_vals].val = s->head;
		g->vals[g->n_vals].next = 0;
		next = (uint32_t)++g->n_vals;
	}
	g->vals[g->n_vals].val = val;
	g->vals[g->n_vals].next = next;
	s->head = GAZ_MULTI | (uint32_t)g->n_vals++;
}

/* Every value stored under hash h, at most max; returns the number. */
static size_t gaz_lookup(const struct gazetteer *g, uint64_t h, uint32_t *vals, size_t max)
{
	uint32_t check = (uint32_t)(h >> 32) | 1u;
	size_t n = 0, i = (size_t)h & g->tab_mask;

	while (g->tab[i].check != check) {
		if (!g->tab[i].check)
			return 0;
		i = (i + 1) & g->tab_mask;
	}
	uint32_t head = g->tab[i].head;
	if (!GAZ_IS_MULTI(head)) {
		if (max)
			vals[n++] = head;
		return n;
	}
	for (uint32_t v = (head & GAZ_MULTI_MASK) + 1; v && n < max; v = g->vals[v - 1].next)
		vals[n++] = g->vals[v - 1].val;
	return n;
}

/* The table is far larger than the caches and every insert lands in a
 * random slot, so loading is bound by memory latency: inserts are queued,
 * their slots prefetched together, then done in order. */
static void gaz_flush(struct gazetteer *g)
{
	for (size_t i = 0; i < g->n_pending; i++)
		__builtin_prefetch(&g->tab[(size_t)g->pending[i].h & g->tab_mask], 1);
	for (size_t i = 0; i < g->n_pending; i++)
		gaz_insert(g, g->pending[i].h, g->pending[i].val);
	g->n_pending = 0;
}

static void gaz_queue(struct gazetteer *g, uint64_t h, uint32_t val)
{
	if (g->n_pending == GAZ_BATCH)
		gaz_flush(g);
	g->pending[g->n_pending].h = h;
	g->pending[g->n_pending].val = val;
	g->n_pending++;
}

static size_t gaz_lead_bit(const char *s, size_t n, uint64_t seed)
{
	return (size_t)(gaz_hash_in(s, n, seed, n) >> (64 - GAZ_LEAD_BITS));
}

static void gaz_lead_set(struct gazetteer *g, const char *s, size_t n, uint64_t seed)
{
	size_t b = gaz_lead_bit(s, n, seed);
	g->lead[b / 64] |= 1ull << (b % 64);
}

static int gaz_lead_has(const struct gazetteer *g, const char *s, size_t n, uint64_t seed)
{
	size_t b = gaz_lead_bit(s, n, seed);
	return (g->lead[b / 64] >> (b % 64)) & 1;
}

/* The one-word filter's bit of a loose key, from the hash that keys it
 * in the table (its top bits): loading hashes each loose key once. */
static size_t gaz_one_bit_h(uint64_t hl)
{
	return (size_t)(hl >> (64 - GAZ_ONE_BITS));
}

static size_t gaz_one_bit(const char *loose, size_t n)
{
	return gaz_one_bit_h(gaz_hash_in(loose, n, GAZ_SEED_LOOSE, n));
}

static void gaz_one_set(struct gazetteer *g, uint64_t hl)
{
	size_t b = gaz_one_bit_h(hl);
	g->one[b / 64] |= 1ull << (b % 64);
}

/* A strict key's prefixes of two words or more, into the lead filter:
 * "deir ez zor" marks "deir ez" and "deir ez zor". */
static void gaz_lead_strict(struct gazetteer *g, const char *key, size_t n)
{
	const char *sp = memchr(key, ' ', n);
	if (!sp)
		return;
	for (size_t i = (size_t)(sp - key) + 1; i < n; i++)
		if (key[i] == ' ')
			gaz_lead_set(g, key, i, GAZ_SEED_LEAD_S);
	gaz_lead_set(g, key, n, GAZ_SEED_LEAD_S);
}

static void gaz_add_name(struct gazetteer *g, const char *name, uint32_t val)
{
	char key[GAZ_KEY_MAX];
	size_t len = strlen(name);
	size_t n = fold_name(name, len, key, sizeof(key));
	if (n < 2)
		return;
	gaz_queue(g, GAZ_KEY_HASH(key, n, GAZ_SEED_STRICT), val);
	gaz_lead_strict(g, key, n);
	int one_word = !memchr(key, ' ', n);
	/* folding is idempotent, so the loose key can start from the strict
	 * one; a fold is never longer than its text, so a name shorter than the
	 * buffer gives a whole key, which needs no checking */
	char loose[GAZ_KEY_MAX];
	n = len < sizeof(key) ? fold_key_loose(key, n, loose, sizeof(loose))
	                      : fold_name_loose(key, n, loose, sizeof(loose));
	uint64_t hl = GAZ_KEY_HASH(loose, n, GAZ_SEED_LOOSE);
	if (n >= 3)
		gaz_queue(g, hl, val | GAZ_F_LOOSE);
	if (n >= 3 || one_word)
		gaz_one_set(g, hl); /* a loose key, or a one-word strict key's */
	if (n >= GAZ_LEAD_LOOSE)
		gaz_lead_set(g, loose, GAZ_LEAD_LOOSE, GAZ_SEED_LEAD_L);
}

/* A district named "Busia District" is written "Busia district" too, the
 * unit word lower-case and so outside the name read from the text: key the
 * name without its English unit word as well.  A district's bare name is
 * taken only with a unit word: an alternate name, never a container
 * (gaz_order()). */
static void gaz_add_unitless(struct gazetteer *g, const char *name, uint32_t val)
{
	static const char *const units[] = {" District",   " County",   " Municipality", " Province",
	                                    " Region",     " Division", " Territory",    " Prefecture",
	                                    " Department", " Agency",   " Governorate",  NULL};
	size_t len = strlen(name);
	for (size_t i = 0; units[i]; i++) {
		size_t ul = strlen(units[i]);
		if (len > ul + 1 && len - ul < GAZ_KEY_MAX && !strcmp(name + len - ul, units[i])) {
			char key[GAZ_KEY_MAX];
			size_t n = fold_name(name, len - ul, key, sizeof(key));
			if (n >= 2) { /* the strict key only: no loose spelling of a bare district */
				gaz_queue(g, GAZ_KEY_HASH(key, n, GAZ_SEED_STRICT), val | GAZ_F_ALT);
				if (!memchr(key, ' ', n)) {
					char loose[GAZ_KEY_MAX];
					size_t ll = fold_key_loose(key, n, loose, sizeof(loose));
					gaz_one_set(g, GAZ_KEY_HASH(loose, ll, GAZ_SEED_LOOSE));
				}
			}
			return;
		}
	}
}

/* --- loading -------------------------------------------------------- */

static int gaz_read_file(struct gaz_file *f, const char *dir, const char *name, int optional, char *errbuf,
                         size_t errlen)
{
	char path[4096];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (optional && errno == ENOENT)
			return 0;
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || st.st_size < 0 || (size_t)st.st_size > GAZ_MAX_FILE) {
		snprintf(errbuf, errlen, "%s: %s", path, st.st_size > 0 ? "file too large" : strerror(errno));
		close(fd);
		return -1;
	}
	f->buf = malloc((size_t)st.st_size + 1);
	if (!f->buf) {
		snprintf(errbuf, errlen, "%s: out of memory", path);
		close(fd);
		return -1;
	}
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, f->buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(errbuf, errlen, "%s: read: %s", path,
			         r < 0 ? strerror(errno) : "short file");
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	f->buf[got] = '\0';
	f->len = got;
	return 0;
}

/* Next line of a buffer as a NUL-terminated string; NULL at the end. */
static char *gaz_next_line(char **cursor, char *end)
{
	char *s = *cursor, *nl;
	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl)
		nl = end;
	*nl = '\0';
	if (nl > s && nl[-1] == '\r')
		nl[-1] = '\0';
	*cursor = nl + 1;
	return s;
}

/* Split a line in place at sep; returns the number of fields (at most max). */
static size_t gaz_split(char *line, char sep, char **fields, size_t max)
{
	size_t n = 0;
	char *s = line;
	while (n < max) {
		fields[n++] = s;
		char *t = strchr(s, sep);
		if (!t)
			break;
		*t = '\0';
		s = t + 1;
	}
	return n;
}

static size_t gaz_count(const struct gaz_file *f, char c)
{
	size_t n = 0;
	for (const char *p = f->buf; p && (p = memchr(p, c, f->len - (size_t)(p - f->buf))); p++)
		n++;
	return n;
}

/* "-12.3456" -> -12.3456: the generator's fixed format, parsed without
 * strtod's locale and rounding machinery (a third of load time). */
static double gaz_coord(const char *s)
{
	int neg = *s == '-';
	double v = 0, scale = 1;
	s += neg;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (*s - '0');
			scale *= 10;
		}
	return (neg ? -v : v) / scale;
}

/* "12345" -> 12345: the generator writes plain digits; anything else
 * (or more than 12 digits) goes through strtoul as before. */
static unsigned long gaz_population(const char *s)
{
	unsigned long v = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9' && p - s < 12; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if (*p || p == s)
		return strtoul(s, NULL, 10);
	return v;
}

/* Ranking weight of a populated place.  GeoNames gives many seats a
 * population of 0 (unknown), which must not rank them below every village:
 * a seat counts at least as much as its level usually holds. */
static uint32_t gaz_weight(const char *fcode, uint32_t pop)
{
	static const struct {
		const char *code;
		uint32_t floor;
	} floors[] = {{"PPLC", 1000000}, {"PPLA", 200000}, {"PPLA2", 30000},
	              {"PPLA3", 5000},   {"PPLA4", 2000},  {"PPL", 1000}};
	if (fcode[0] != 'P' || fcode[1] != 'P' || fcode[2] != 'L')
		return pop; /* every code below starts so */
	if (!strcmp(fcode, "PPLX"))
		return pop / 4; /* a section of a city: rarely what a name means */
	/* A capital whose population GeoNames does know may be tiny (Kingston,
	 * Norfolk Island, 880 people): it keeps a tenth of the floor, never
	 * enough to outrank a real city of the same name (Kingston, Jamaica). */
	if (!strcmp(fcode, "PPLC") && pop > 0)
		return pop > floors[0].floor / 10 ? pop : floors[0].floor / 10;
	for (size_t i = 0; i < sizeof(floors) / sizeof(floors[0]); i++)
		if (!strcmp(fcode, floors[i].code))
			return pop > floors[i].floor ? pop : floors[i].floor;
	return pop;
}

static int gaz_cc_index(const char *cc)
{
	if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' || cc[2])
		return -1;
	return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static const char *gaz_arena_printf(struct gazetteer *g, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t need = la + lb + 1;
	if (g->arena_len + need > g->arena_cap)
		return "";
	char *s = g->arena + g->arena_len;
	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	g->arena_len += need;
	return s;
}

static struct gaz_place *gaz_new_place(struct gazetteer *g, enum gaz_kind kind)
{
	if (g->n_places >= g->cap_places || g->n_places >= GAZ_MULTI)
		return NULL;
	struct gaz_place *p = &g->places[g->n_places];
	memset(p, 0, sizeof(*p));
	p->id = (uint32_t)g->n_places++;
	p->kind = kind;
	p->admin1 = p->admin2 = p->country = p->source_id = p->name = "";
	return p;
}

static void gaz_add_alts(struct gazetteer *g, char *alts, uint32_t id)
{
	char *f[256];
	if (!alts || !*alts)
		return;
	size_t n = gaz_split(alts, '|', f, 256);
	for (size_t i = 0; i < n; i++)
		gaz_add_name(g, f[i], id | GAZ_F_ALT);
}

#define GAZ_FAIL(...)                                                                                        \
	do {                                                                                                 \
		snprintf(errbuf, errlen, __VA_ARGS__);                                                       \
		return -1;                                                                                   \
	} while (0)

/* countries.tsv: cc name variants lat lon */
static int gaz_load_countries(struct gazetteer *g, char *errbuf, size_t errlen)
{
	struct gaz_file *f = &g->files[GAZ_FILE_COUNTRIES];
	char *cur = f->buf, *line, *fl[8];
	size_t lineno = 0;

	while ((line = gaz_next_line(&cur, f->buf + f->len))) {
		lineno++;
		if (!*line || *line == '#')
			continue;
		if (gaz_split(line, '\t', fl, 8) < 5)
			GAZ_FAIL("countries.tsv:%zu: want 5 tab-separated fields", lineno);
		int ci = gaz_cc_index(fl[0]);
		if (ci < 0)
			GAZ_FAIL("countries.tsv:%zu: bad ISO code \"%s\"", lineno, fl[0]);
		struct gaz_place *p = gaz_new_place(g, GAZ_COUNTRY);
		if (!p)
			GAZ_FAIL("countries.tsv:%zu: too many places", lineno);
		p->name = p->country = fl[1];
		memcpy(p->country_code, fl[0], 3);
		p->lat = strtod(fl[3], NULL);
		p->lon = strtod(fl[4], NULL);
		p->source_id = gaz_arena_printf(g, "iso3166:", fl[0]);
		g->country[ci] = p->id;
		gaz_add_name(g, p->name, p->id);
		gaz_add_alts(g, fl[2], p->id);
	}
	return 0;
}

/* Small open-addressing map "CC.a1[.a2]" -> place id / name, for linking
 * places to their regions while loading. */
struct gaz_codemap {
	struct {
		uint64_t h;
		const char *name;
		uint32_t id;
	} * e;
	size_t mask, used;
};

static uint64_t gaz_code_hash(const char *cc, const char *a1, const char *a2)
{
	uint64_t h = gaz_hash(cc, strlen(cc), 7);
	h = gaz_hash(a1, strlen(a1), h);
	if (a2)
		h = gaz_hash(a2, strlen(a2), h ^ 0x2E);
	return h | 1u;
}

static void gaz_codemap_put(struct gaz_codemap *m, uint64_t h, const char *name, uint32_t id)
{
	size_t i = (size_t)h & m->mask;
	if (m->used * 2 > m->mask)
		return; /* sized from the line count, so never; but never loop forever */
	while (m->e[i].h && m->e[i].h != h)
		i = (i + 1) & m->mask;
	m->used += !m->e[i].h;
	m->e[i].h = h;
	m->e[i].name = name;
	m->e[i].id = id;
}

static int gaz_codemap_get(const struct gaz_codemap *m, uint64_t h, const char **name, uint32_t *id)
{
	for (size_t i = (size_t)h & m->mask; m->e[i].h; i = (i + 1) & m->mask)
		if (m->e[i].h == h) {
			*name = m->e[i].name;
			*id = m->e[i].id;
			return 1;
		}
	return 0;
}

static const char *gaz_country_name(const struct gazetteer *g, const char *cc)
{
	int ci = gaz_cc_index(cc);
	if (ci < 0 || g->country[ci] == GAZ_NO_PLACE)
		return cc;
	return g->places[g->country[ci]].name;
}

/* gazetteer.tsv: A, B and P lines (see scripts/gen-gazetteer). */
static int gaz_load_main(struct gazetteer *g, char *errbuf, size_t errlen)
{
	struct gaz_file *f = &g->files[GAZ_FILE_MAIN];
	struct gaz_codemap m = {0};
	char *cur = f->buf, *line, *fl[12];
	size_t lineno = 0, n_codes = 0;
	int rc = -1;

	for (const char *p = f->buf, *end = f->buf + f->len; p && p < end;) {
		if (*p == 'A' || *p == 'B')
			n_codes++;
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : NULL;
	}
	m.mask = 1;
	while (m.mask + 1 < n_codes * 2 + 16)
		m.mask = m.mask * 2 + 1;
	m.e = calloc(m.mask + 1, sizeof(*m.e));
	if (!m.e) {
		snprintf(errbuf, errlen, "gazetteer.tsv: out of memory");
		return -1;
	}
	while ((line = gaz_next_line(&cur, f->buf + f->len))) {
		lineno++;
		if (!*line || *line == '#')
			continue;
		size_t nf = gaz_split(line, '\t', fl, 12);
		const char *a1name = "";
		uint32_t a1id;
		if (fl[0][0] == 'A' && nf >= 7) {
			struct gaz_place *p = gaz_new_place(g, GAZ_ADMIN1);
			if (!p)
				goto full;
			memcpy(p->country_code, fl[1], 2);
			p->country = gaz_country_name(g, fl[1]);
			p->name = p->admin1 = fl[3];
			p->lat = strtod(fl[4], NULL);
			p->lon = strtod(fl[5], NULL);
			fl[2][-1] = '.'; /* "SY\0" "07" -> "SY.07" for the source id */
			p->source_id = gaz_arena_printf(g, "geonames-admin1:", fl[1]);
			fl[2][-1] = '\0';
			gaz_codemap_put(&m, gaz_code_hash(fl[1], fl[2], NULL), p->name, p->id);
			gaz_add_name(g, p->name, p->id);
			gaz_add_alts(g, fl[6], p->id);
			int ci = gaz_cc_index(fl[1]);
			for (char *u = nf >= 8 ? fl[7] : NULL; ci >= 0 && u && *u;) {
				char *bar = strchr(u, '|');
				size_t ul = bar ? (size_t)(bar - u) : strlen(u);
				g->units[ci] |= (uint16_t)gaz_unit_bit(u, 0, ul);
				u = bar ? bar + 1 : NULL;
			}
		} else if (fl[0][0] == 'B' && nf >= 7) {
			struct gaz_place *p = gaz_new_place(g, GAZ_ADMIN2);
			if (!p)
				goto full;
			memcpy(p->country_code, fl[1], 2);
			p->country = gaz_country_name(g, fl[1]);
			if (gaz_codemap_get(&m, gaz_code_hash(fl[1], fl[2], NULL), &a1name, &a1id))
				p->admin1 = a1name;
			/* "~": no place of the district is listed; the point is its region's */
			p->name = p->admin2 = fl[4] + (fl[4][0] == '~');
			p->lat = gaz_coord(fl[5]);
			p->lon = gaz_coord(fl[6]);
			gaz_codemap_put(&m, gaz_code_hash(fl[1], fl[2], fl[3]), p->name, p->id);
			fl[2][-1] = '.';
			fl[3][-1] = '.';
			p->source_id = gaz_arena_printf(g, "geonames-admin2:", fl[1]);
			fl[2][-1] = '\0';
			fl[3][-1] = '\0';
			gaz_add_name(g, p->name, p->id);
			gaz_add_unitless(g, p->name, p->id);
		} else if (fl[0][0] == 'P' && nf >= 11) {
			struct gaz_place *p = gaz_new_place(g, GAZ_POPULATED);
			if (!p)
				goto full;
			if (gaz_cc_index(fl[2]) < 0) {
				snprintf(errbuf, errlen, "gazetteer.tsv:%zu: bad country code \"%s\"", lineno,
				         fl[2]);
				goto out;
			}
			memcpy(p->country_code, fl[2], 2);
			p->country = gaz_country_name(g, fl[2]);
			if (gaz_codemap_get(&m, gaz_code_hash(fl[2], fl[3], NULL), &a1name, &a1id))
				p->admin1 = a1name;
			if (*fl[4] && gaz_codemap_get(&m, gaz_code_hash(fl[2], fl[3], fl[4]), &a1name, &a1id))
				p->admin2 = a1name;
			p->lat = gaz_coord(fl[5]);
			p->lon = gaz_coord(fl[6]);
			unsigned long pop = gaz_population(fl[7]);
			p->population = pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
			p->name = fl[9];
			p->source_id = gaz_arena_printf(g, "geonames:", fl[1]);
			g->weight[p->id] = gaz_weight(fl[8], p->population);
			gaz_add_name(g, p->name, p->id);
			gaz_add_alts(g, fl[10], p->id);
		} else {
			snprintf(errbuf, errlen, "gazetteer.tsv:%zu: unknown or short line", lineno);
			goto out;
		}
	}
	rc = 0;
	goto out;
full:
	snprintf(errbuf, errlen, "gazetteer.tsv:%zu: too many places", lineno);
out:
	free(m.e);
	return rc;
}

static enum gaz_kind gaz_parse_kind(const char *s)
{
	if (!strcmp(s, "admin1"))
		return GAZ_ADMIN1;
	if (!strcmp(s, "admin2"))
		return GAZ_ADMIN2;
	if (!strcmp(s, "populated"))
		return GAZ_POPULATED;
	if (!strcmp(s, "terrain"))
		return GAZ_TERRAIN;
	return (enum gaz_kind) - 1;
}

/* places_extra.tsv: kind name cc admin1 lat lon alts source_id source */
static int gaz_load_extra(struct gazetteer *g, char *errbuf, size_t errlen)
{
	struct gaz_file *f = &g->files[GAZ_FILE_EXTRA];
	char *cur = f->buf, *line, *fl[10];
	size_t lineno = 0;

	while ((line = gaz_next_line(&cur, f->buf + f->len))) {
		lineno++;
		if (!*line || *line == '#')
			continue;
		if (gaz_split(line, '\t', fl, 10) < 9)
			GAZ_FAIL("places_extra.tsv:%zu: want 9 tab-separated fields", lineno);
		enum gaz_kind k = gaz_parse_kind(fl[0]);
		if ((int)k < 0)
			GAZ_FAIL("places_extra.tsv:%zu: unknown kind \"%s\"", lineno, fl[0]);
		if (gaz_cc_index(fl[2]) < 0)
			GAZ_FAIL("places_extra.tsv:%zu: bad country code \"%s\"", lineno, fl[2]);
		char *end1, *end2;
		double lat = strtod(fl[4], &end1), lon = strtod(fl[5], &end2);
		if (end1 == fl[4] || end2 == fl[5] || fabs(lat) > 90 || fabs(lon) > 180)
			GAZ_FAIL("places_extra.tsv:%zu: bad coordinates", lineno);
		struct gaz_place *p = gaz_new_place(g, k);
		if (!p)
			GAZ_FAIL("places_extra.tsv:%zu: too many places", lineno);
		p->name = fl[1];
		memcpy(p->country_code, fl[2], 2);
		p->country = gaz_country_name(g, fl[2]);
		p->admin1 = fl[3];
		p->lat = lat;
		p->lon = lon;
		p->source_id = fl[7];
		g->weight[p->id] = 1000; /* hand-checked places: at least a village's weight */
		gaz_add_name(g, p->name, p->id);
		gaz_add_alts(g, fl[6], p->id);
	}
	return 0;
}

/* place_stopwords.txt: one word a line; "~word" is a weak name. */
static void gaz_load_stop(struct gazetteer *g)
{
	struct gaz_file *f = &g->files[GAZ_FILE_STOP];
	char *cur = f->buf, *line, key[GAZ_KEY_MAX];

	while ((line = gaz_next_line(&cur, f->buf + f->len))) {
		if (!*line || *line == '#')
			continue;
		int weak = *line == '~';
		size_t n = fold_name(line + weak, strlen(line + weak), key, sizeof(key));
		if (n) {
			gaz_insert(g, GAZ_KEY_HASH(key, n, GAZ_SEED_STRICT),
			           (weak ? GAZ_WEAK_ID : GAZ_STOP_ID) | GAZ_F_STOP);
			gaz_lead_strict(g, key, n);
		}
	}
}

/* demonyms.tsv (the actors module's): ISO2 country demonym|demonym... */
static void gaz_load_demonyms(struct gazetteer *g)
{
	struct gaz_file *f = &g->files[GAZ_FILE_DEMONYMS];
	char *cur = f->buf, *line, *fl[4], *dm[32];

	while ((line = gaz_next_line(&cur, f->buf + f->len))) {
		if (!*line || *line == '#' || gaz_split(line, '\t', fl, 4) < 3)
			continue;
		int ci = gaz_cc_index(fl[0]);
		if (ci < 0 || g->country[ci] == GAZ_NO_PLACE)
			continue;
		size_t n = gaz_split(fl[2], '|', dm, 32);
		for (size_t i = 0; i < n; i++) {
			char key[GAZ_KEY_MAX];
			size_t kl = fold_name(dm[i], strlen(dm[i]), key, sizeof(key));
			if (kl >= 2) {
				gaz_insert(g, GAZ_KEY_HASH(key, kl, GAZ_SEED_STRICT),
				           g->country[ci] | GAZ_F_DEMONYM);
				gaz_lead_strict(g, key, kl);
			}
		}
	}
}

static int gaz_words_build(struct gazetteer *g);

/* The value lists, each laid out in one run in its own order: their nodes
 * were added one key at a time, far apart, and a lookup of a common name
 * walked them from one cache miss to the next.  Same lists, same order,
 * same encoding (a node's next is the index + 1 of the following one). */
static int gaz_compact_lists(struct gazetteer *g)
{
	struct gaz_val *nv = malloc((g->n_vals ? g->n_vals : 1) * sizeof(*nv));
	size_t o = 0;

	if (!nv)
		return -1;
	for (size_t i = 0; i <= g->tab_mask; i++) {
		uint32_t head = g->tab[i].head;
		if (!g->tab[i].check || !GAZ_IS_MULTI(head))
			continue;
		size_t first = o;
		for (uint32_t v = (head & GAZ_MULTI_MASK) + 1; v && o < g->n_vals; v = g->vals[v - 1].next) {
			nv[o].val = g->vals[v - 1].val;
			nv[o].next = (uint32_t)(o + 2);
			o++;
		}
		if (o > first)
			nv[o - 1].next = 0;
		g->tab[i].head = GAZ_MULTI | (uint32_t)first;
	}
	free(g->vals);
	g->vals = nv;
	g->cap_vals = g->n_vals;
	g->n_vals = o;
	return 0;
}

int gazetteer_load(struct gazetteer **out, const char *data_dir, char *errbuf, size_t errlen)
{
	static const struct {
		const char *name;
		int optional;
	} files[GAZ_FILE_COUNT] = {{"gazetteer.tsv", 0},
	                           {"countries.tsv", 0},
	                           {"places_extra.tsv", 1},
	                           {"place_stopwords.txt", 1},
	                           {"demonyms.tsv", 1}};
	struct gazetteer *g = calloc(1, sizeof(*g));
	size_t lines = 0, names = 0;

	*out = NULL;
	if (!g) {
		snprintf(errbuf, errlen, "gazetteer: out of memory");
		return -1;
	}
	for (int i = 0; i < 26 * 26; i++)
		g->country[i] = GAZ_NO_PLACE;
	if (gaz_words_build(g) < 0) {
		snprintf(errbuf, errlen, "gazetteer: cue word table undersized");
		goto err;
	}
	for (int i = 0; i < GAZ_FILE_COUNT; i++) {
		if (gaz_read_file(&g->files[i], data_dir, files[i].name, files[i].optional, errbuf, errlen) <
		    0)
			goto err;
		if (!g->files[i].buf)
			continue;
		lines += gaz_count(&g->files[i], '\n') + 1;
		names += gaz_count(&g->files[i], '|');
	}
	/* A line holds at most two names plus one more per '|'; each name
	 * makes a strict and a loose key.  Keys are fewer than values, so a
	 * table of 4/3 the values stays at most three quarters full (in
	 * practice about 0.4: many names share keys). */
	g->cap_places = lines;
	g->places = malloc(g->cap_places * sizeof(*g->places));
	g->weight = calloc(g->cap_places, sizeof(*g->weight));
	g->arena_cap = lines * 28;
	g->arena = malloc(g->arena_cap);
	g->cap_vals = (2 * lines + names) * 2;
	g->vals = malloc(g->cap_vals * sizeof(*g->vals));
	g->tab_mask = 1023;
	while (g->tab_mask + 1 < g->cap_vals / 3 * 4 + 4)
		g->tab_mask = g->tab_mask * 2 + 1;
	g->tab = calloc(g->tab_mask + 1, sizeof(*g->tab));
	g->lead = calloc((1u << GAZ_LEAD_BITS) / 64, sizeof(*g->lead));
	g->one = calloc((1u << GAZ_ONE_BITS) / 64, sizeof(*g->one));
	if (!g->places || !g->weight || !g->arena || !g->tab || !g->vals || !g->lead || !g->one) {
		snprintf(errbuf, errlen, "gazetteer: out of memory for %zu places", lines);
		goto err;
	}
	if (gaz_load_countries(g, errbuf, errlen) < 0 || gaz_load_main(g, errbuf, errlen) < 0)
		goto err;
	if (g->files[GAZ_FILE_EXTRA].buf && gaz_load_extra(g, errbuf, errlen) < 0)
		goto err;
	gaz_flush(g);
	if (g->files[GAZ_FILE_STOP].buf)
		gaz_load_stop(g);
	if (g->files[GAZ_FILE_DEMONYMS].buf)
		gaz_load_demonyms(g);
	if (gaz_compact_lists(g) < 0) {
		snprintf(errbuf, errlen, "gazetteer: out of memory for %zu name lists", g->n_vals);
		goto err;
	}
	if (g->dropped) {
		snprintf(errbuf, errlen, "%s: name index undersized, %zu names left out", data_dir,
		         g->dropped);
		goto err;
	}
	*out = g;
	return 0;
err:
	gazetteer_free(g);
	return -1;
}

void gazetteer_free(struct gazetteer *g)
{
	if (!g)
		return;
	for (int i = 0; i < GAZ_FILE_COUNT; i++)
		free(g->files[i].buf);
	free(g->places);
	free(g->weight);
	free(g->arena);
	free(g->tab);
	free(g->lead);
	free(g->one);
	free(g->vals);
	free(g);
}

/* --- scanning ------------------------------------------------------- */

/* One UTF-8 code point at s[0..n): its length, and whether it is a letter
 * of a Latin script (upper-case reported in *upper). */
static size_t gaz_char_utf8(const unsigned char *s, size_t n, int *letter, int *upper)
{
	uint32_t cp;
	size_t len;

	*letter = *upper = 0;
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		len = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		len = 3;
	} else {
		return 1;
	}
	if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
		*letter = 1;
		*upper = cp < 0xDF || (cp >= 0x100 && cp <= 0x17F && !(cp & 1));
	} else if (cp >= 0x1E00 && cp <= 0x1EFF) {
		*letter = 1;
		*upper = !(cp & 1);
	} else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BF || cp == 0x02BE || cp == 0x02BC) {
		*letter = 2; /* apostrophe-like: inside a word only */
	}
	return len;
}

/* ASCII inline, the rest in gaz_char_utf8(): this runs for every byte. */
static inline size_t gaz_char(const unsigned char *s, size_t n, int *letter, int *upper)
{
	if (s[0] < 0x80) {
		*letter = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
		          (s[0] >= '0' && s[0] <= '9');
		*upper = s[0] >= 'A' && s[0] <= 'Z';
		return 1;
	}
	return gaz_char_utf8(s, n, letter, upper);
}

struct gaz_word {
	size_t start, end; /* end excludes a possessive 's */
	int cap;           /* first letter upper-case */
	int possessive;
	size_t next; /* where the following separator starts */
};

/* ASCII letters and digits: the bytes gaz_char() calls letters (1). */
static const unsigned char gaz_alnum[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
    ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1,
    ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* The word starting at text[i] (which must be a letter). */
static inline void gaz_word_at(const char *text, size_t len, size_t i, struct gaz_word *w)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t j = i;
	int letter, upper, first = 1;

	w->start = i;
	w->cap = 0;
	w->possessive = 0;
	while (j < len) {
		/* ASCII letters and digits, and ASCII that can only end the word,
		 * without the general decoding below */
		if (s[j] < 0x80) {
			unsigned char c = s[j];
			if (gaz_alnum[c]) {
				if (first)
					w->cap = c >= 'A' && c <= 'Z';
				first = 0;
				j = ascii_run(text, j + 1, len, ASCII_ALNUM);
				continue;
			}
			if (c != '\'' && c != '&')
				break;
		}
		size_t cl = gaz_char(s + j, len - j, &letter, &upper);
		if (letter == 1) {
			if (first)
				w->cap = upper;
			first = 0;
			j += cl;
			continue;
		}
		/* apostrophe inside a word: Ma'arrat, Nu'man; not a trailing quote */
		if ((letter == 2 || s[j] == '\'') && j + cl < len) {
			int l2, u2;
			gaz_char(s + j + cl, len - j - cl, &l2, &u2);
			if (l2 == 1) {
				j += cl;
				continue;
			}
		}
		/* an ampersand between capitals: "J&K" is one word */
		if (s[j] == '&' && j > i && j + 1 < len && s[j - 1] >= 'A' && s[j - 1] <= 'Z' &&
		    s[j + 1] >= 'A' && s[j + 1] <= 'Z') {
			j++;
			continue;
		}
		break;
	}
	w->end = j;
	w->next = j;
	/* possessive: X's, X's */
	if (j - i > 3) {
		size_t k = j;
		if (text[k - 1] == 's' && text[k - 2] == '\'') {
			w->end = k - 2;
			w->possessive = 1;
		} else if (text[k - 1] == 's' && k - i > 5 && (unsigned char)text[k - 2] == 0x99 &&
		           (unsigned char)text[k - 3] == 0x80 && (unsigned char)text[k - 4] == 0xE2) {
			w->end = k - 4;
			w->possessive = 1;
		}
	}
}

/* gaz_word_at() through a small memo by start offset: every start word
 * reads up to GAZ_MAX_WORDS words ahead, and the next start reads most of
 * them again (all of them in text written in capitals).  A word read anew
 * is stored to both from registers: copied out of the memo right after
 * its fields were stored one by one, it waited for those stores (a wide
 * load the narrow stores cannot forward to). */
#define GAZ_WORD_MEMO 16 /* power of two, over GAZ_MAX_WORDS */

static inline void gaz_word_memo(struct gaz_word *memo, const char *text, size_t len, size_t i,
                                 struct gaz_word *w)
{
	struct gaz_word *m = &memo[i & (GAZ_WORD_MEMO - 1)], r;
	if (m->start == i) {
		*w = *m;
		return;
	}
	gaz_word_at(text, len, i, &r);
	*m = r;
	*w = r;
}

/* The start of the next word after separator position i, when only name
 * separators (one or two spaces, a hyphen) lie between; else len. */
static size_t gaz_next_in_name(const char *text, size_t len, size_t i)
{
	size_t j = i;
	int seps = 0;
	while (j < len && (text[j] == ' ' || text[j] == '-') && seps < 3) {
		j++;
		seps++;
	}
	if (j == i || j >= len || seps >= 3)
		return len;
	int letter, upper;
	gaz_char((const unsigned char *)text + j, len - j, &letter, &upper);
	return letter == 1 ? j : len;
}

/* Case-insensitive: does text[s..e) equal word? */
static int gaz_word_is(const char *text, size_t s, size_t e, const char *word)
{
	size_t n = strlen(word);
	if (e - s != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = text[s + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

/* Slot of a listed word: its 16 bytes, zero padded (GAZ_WORD_MAX), read
 * as two integers and mixed; no byte loop. */
static size_t gaz_word_slot(const char w[GAZ_WORD_MAX])
{
	uint64_t a, b;
	memcpy(&a, w, 8);
	memcpy(&b, w + 8, 8);
	return (size_t)(((a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full)) >> 40) &
	       (GAZ_WORDS_SLOTS - 1);
}

/* Slot of a word's first byte in word_lens: its letter, case folded, or 26. */
static inline unsigned gaz_letter_slot(char c)
{
	unsigned l = (unsigned)((unsigned char)c | 0x20) - 'a';
	return l < 26 ? l : 26;
}

/* The list classes of text[s..e) (text holding len bytes), compared
 * case-insensitively as gaz_word_is does (only A-Z folded); 0 when in no
 * list.  Most words are refused by their first letter and length before
 * any hashing; the rest are read and folded eight bytes at a time when the
 * text has sixteen bytes from s, byte by byte near its end. */
static inline unsigned gaz_word_class(const struct gazetteer *g, const char *text, size_t len, size_t s,
                                      size_t e)
{
	char w[GAZ_WORD_MAX] = {0};
	size_t n = e - s;

	if (n == 0 || n >= GAZ_WORD_MAX || !((g->word_lens[gaz_letter_slot(text[s])] >> n) & 1))
		return 0;
	if (s + GAZ_WORD_MAX <= len) {
		uint64_t a, b;
		memcpy(&a, text + s, 8);
		memcpy(&b, text + s + 8, 8);
		/* the word's n bytes kept, the rest zero as in w */
		if (n < 8) {
			a &= (1ull << (8 * n)) - 1;
			b = 0;
		} else if (n > 8) {
			b &= (1ull << (8 * (n - 8))) - 1; /* n < 16 */
		} else {
			b = 0;
		}
		a = ascii_lower8(a);
		b = ascii_lower8(b);
		memcpy(w, &a, 8);
		memcpy(w + 8, &b, 8);
	} else {
		for (size_t i = 0; i < n; i++) {
			char c = text[s + i];
			w[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
	}
	for (size_t i = gaz_word_slot(w); g->words[i].len; i = (i + 1) & (GAZ_WORDS_SLOTS - 1))
		if (g->words[i].len == n && !memcmp(g->words[i].w, w, GAZ_WORD_MAX))
			return g->words[i].bits;
	return 0;
}

static int gaz_word_in(const struct gazetteer *g, const char *text, size_t len, size_t s, size_t e,
                       unsigned cls)
{
	return (gaz_word_class(g, text, len, s, e) & cls) != 0;
}

/* gaz_word_class() through a small memo by start offset, for one scan:
 * the same word is asked about as the word before a start, the word after
 * a span, a span's last word and a lead word, and in text written in
 * capitals from several start words in turn.  Words that no list can
 * hold (first letter and length) are answered before the memo. */
#define GAZ_CLASS_MEMO 32 /* power of two */

struct gaz_class_memo {
	size_t s[GAZ_CLASS_MEMO], e[GAZ_CLASS_MEMO];
	unsigned cls[GAZ_CLASS_MEMO];
};

static inline unsigned gaz_class_m(const struct gazetteer *g, struct gaz_class_memo *cm, const char *text,
                                   size_t len, size_t s, size_t e)
{
	size_t n = e - s, k = s & (GAZ_CLASS_MEMO - 1);
	if (n == 0 || n >= GAZ_WORD_MAX || !((g->word_lens[gaz_letter_slot(text[s])] >> n) & 1))
		return 0;
	if (cm->s[k] == s && cm->e[k] == e)
		return cm->cls[k];
	cm->s[k] = s;
	cm->e[k] = e;
	cm->cls[k] = gaz_word_class(g, text, len, s, e);
	return cm->cls[k];
}

/* "IS", "UN", "SDF": short all-capital words are acronyms, not places
 * (datelines such as "KABUL" or "GAZA" are longer). */
static int gaz_is_acronym(const char *text, const struct gaz_word *w)
{
	size_t n = w->end - w->start;
	if (n > 3)
		return 0;
	for (size_t i = w->start; i < w->end; i++)
		if (text[i] < 'A' || text[i] > 'Z')
			return 0;
	return 1;
}

/* "the DRC", "the UAE", "the CAR": a country's own short name in three
 * capitals (its variants in countries.tsv) is a place, not an acronym.
 * Two letters ("US", "UK") stay acronyms: they name a government as a
 * speaker or an actor far more often than a place. */
static int gaz_country_acronym(const struct gazetteer *g, const char *text, const struct gaz_word *w)
{
	return w->end - w->start == 3 && gazetteer_country_by_name(g, text + w->start, 3) != NULL;
}

/* Where the next lower-case ASCII letter lies, remembered for one scan.
 * Text in capitals asks again and again about the same bytes (each start
 * word, the word before it and after it), mixed-case text a byte or two
 * from a capital: text[from..low) holds no a-z, and low is len or an a-z. */
struct gaz_caps {
	size_t from, low; /* from > low: nothing known yet */
};

/* The first a-z at or after text[s], or len. */
static size_t gaz_first_lower(struct gaz_caps *c, const char *text, size_t len, size_t s)
{
	if (s >= c->from && s <= c->low)
		return c->low;
	/* a little before the known run: read up to it, then it is known */
	size_t stop = s < c->from && c->from <= c->low ? c->from : len, i = ascii_find_lower(text, s, stop);
	if (i == stop && stop < len)
		i = c->low;
	c->from = s;
	c->low = i;
	return i;
}

/* Is text[s..e) written in capitals (two letters or more)? */
static int gaz_all_caps(struct gaz_caps *c, const char *text, size_t len, size_t s, size_t e)
{
	return e - s >= 2 && gaz_first_lower(c, text, len, s) >= e;
}

/* Headlines and wire copy in capitals ("GUNMEN KILL 5 IN SAN MIGUEL"):
 * every word looks like a name, so there only a cue word makes one. */
static int gaz_shouting(struct gaz_caps *c, const char *text, size_t len, size_t s, size_t e)
{
	if (!gaz_all_caps(c, text, len, s, e))
		return 0;
	size_t b = s, a = e;
	while (b > 0 && text[b - 1] == ' ')
		b--;
	size_t pb = b;
	while (pb > 0 && text[pb - 1] != ' ' && text[pb - 1] != '\n')
		pb--;
	while (a < len && text[a] == ' ')
		a++;
	size_t na = a;
	while (na < len && text[na] != ' ' && text[na] != '\n' && text[na] != ',' && text[na] != '.')
		na++;
	/* "(AFP)" after a dateline is no shouting: only words count */
	int prev = pb < b && ((text[pb] | 0x20) >= 'a' && (text[pb] | 0x20) <= 'z') &&
	           gaz_all_caps(c, text, len, pb, b);
	int next = na > a && ((text[a] | 0x20) >= 'a' && (text[a] | 0x20) <= 'z') &&
	           gaz_all_caps(c, text, len, a, na);
	return prev || next;
}

/* gaz_shouting() for every span tried from one start word: what depends
 * on the start alone (the word before, where the first lower-case letter
 * is) found once, not again for each span. */
struct gaz_shout {
	size_t s, first_lower; /* first a-z at or after s, or the limit */
	int prev;              /* the word before is written in capitals; -1: not read yet */
};

static void gaz_shout_at(struct gaz_caps *c, const char *text, size_t len, size_t s, size_t limit,
                         struct gaz_shout *sh)
{
	size_t i = gaz_first_lower(c, text, len, s);
	sh->s = s;
	sh->first_lower = i < limit ? i : limit;
	sh->prev = -1; /* read only for a span in capitals, which few are */
}

/* gaz_shouting(text, len, sh->s, e) for e at most the limit given above. */
static int gaz_shout_span(struct gaz_shout *sh, struct gaz_caps *c, const char *text, size_t len, size_t e)
{
	if (e - sh->s < 2 || sh->first_lower < e)
		return 0;
	if (sh->prev < 0) {
		size_t b = sh->s;
		while (b > 0 && text[b - 1] == ' ')
			b--;
		size_t pb = b;
		while (pb > 0 && text[pb - 1] != ' ' && text[pb - 1] != '\n')
			pb--;
		sh->prev = pb < b && ((text[pb] | 0x20) >= 'a' && (text[pb] | 0x20) <= 'z') &&
		           gaz_all_caps(c, text, len, pb, b);
	}
	if (sh->prev)
		return 1;
	size_t a = e;
	while (a < len && text[a] == ' ')
		a++;
	size_t na = a;
	while (na < len && text[na] != ' ' && text[na] != '\n' && text[na] != ',' && text[na] != '.')
		na++;
	return na > a && ((text[a] | 0x20) >= 'a' && (text[a] | 0x20) <= 'z') &&
	       gaz_all_caps(c, text, len, a, na);
}

/* "al Bab", "al-Shaddadi": a lower-case Arabic article opens a name when a
 * capitalised word follows it directly. */
static int gaz_particle_lead(const struct gazetteer *g, const char *text, size_t len,
                             const struct gaz_word *w)
{
	size_t n = w->end - w->start, j = w->end;
	/* the capital after it first: cheaper than the list, and rarer */
	if (n < 2 || n > 3 || j + 1 >= len || (text[j] != ' ' && text[j] != '-') ||
	    !(text[j + 1] >= 'A' && text[j + 1] <= 'Z'))
		return 0;
	return gaz_word_in(g, text, len, w->start, w->end, GAZ_W_PARTICLE);
}

/* A lower-case word that joins the words of one name ("Gulshan e Iqbal",
 * "Bir al Ghanam", "San Pedro de Macoris"), unlike "of" or "and". */
static int gaz_name_particle(const struct gazetteer *g, const char *text, size_t len, size_t s, size_t e)
{
	static const char *const joins[] = {"e",  "i",  "ul", "bin", "ibn", "de", "del",
	                                    "da", "di", "do", "du",  "y",   NULL};
	if (e <= s || e - s > 3 || !(text[s] >= 'a' && text[s] <= 'z'))
		return 0;
	if (gaz_word_in(g, text, len, s, e, GAZ_W_PARTICLE))
		return 1;
	for (size_t i = 0; joins[i]; i++)
		if (gaz_word_is(text, s, e, joins[i]))
			return 1;
	return 0;
}

/* A short lower-case word inside a name: al, el, ez, de, la, bin, of... */
static int gaz_is_lower_particle(const struct gaz_word *w)
{
	return !w->cap && w->end - w->start <= 3;
}

/* The start of the run of ASCII letters (and, with high set, of non-ASCII
 * bytes) that ends at text[e]: the words before a name are read backwards
 * eight bytes a step, with no branch per byte.  The same answer as the
 * byte loop, which reads the last bytes of the text. */
static inline size_t gaz_run_back(const char *text, size_t e, int high)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t hb = 0x8080808080808080ull;
	while (e >= 8) {
		uint64_t x;
		memcpy(&x, text + e - 8, 8);
		uint64_t in = ascii_class_mask8(x, ASCII_ALPHA) | (high ? x & hb : 0);
		uint64_t out = ~in & hb;
		if (out)
			return e - 8 + ((size_t)(63 - __builtin_clzll(out)) >> 3) + 1;
		e -= 8;
	}
#endif
	while (e > 0 && (((text[e - 1] | 0x20) >= 'a' && (text[e - 1] | 0x20) <= 'z') ||
	                 (high && (unsigned char)text[e - 1] >= 0x80)))
		e--;
	return e;
}

/* Up to max words before position pos in the same clause, nearest first. */
static size_t gaz_words_before(const char *text, size_t pos, size_t (*spans)[2], size_t max)
{
	size_t n = 0, i = pos;
	while (n < max && i > 0) {
		size_t j = i;
		while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '-'))
			j--;
		if (j == i && n > 0)
			break;
		size_t e = j;
		j = gaz_run_back(text, e, 0);
		if (j == e)
			break; /* punctuation, digits or non-ASCII: the clause ends */
		spans[n][0] = j;
		spans[n][1] = e;
		n++;
		i = j;
	}
	return n;
}

/* Up to max ASCII words after position pos, with at most spaces between. */
static size_t gaz_words_after(const char *text, size_t len, size_t pos, size_t (*spans)[2], size_t max)
{
	size_t n = 0, i = pos;
	while (n < max && i < len) {
		size_t j = i;
		while (j < len && text[j] == ' ')
			j++;
		if (j == i && n > 0)
			break;
		size_t s = j;
		j = ascii_run(text, j, len, ASCII_ALPHA);
		if (j == s)
			break;
		spans[n][0] = s;
		spans[n][1] = j;
		n++;
		i = j;
	}
	return n;
}

static const char *const gaz_admin_words[] = {
    "province", "provinces",   "governorate",  "governorates", "state",  "district",  "districts",
    "region",   "county",      "prefecture",   "department",   "oblast", "territory", "wilaya",
    "muhafaza", "subdistrict", "municipality", "countryside",  "lga",    "lgas",      NULL};
static const char *const gaz_settle_words[] = {
    "village",       "villages",     "town",   "towns", "city",       "hamlet", "locality",
    "neighbourhood", "neighborhood", "suburb", "camp",  "settlement", NULL};
static const char *const gaz_dir_words[] = {"north",     "south",     "east",      "west",     "northeast",
                                            "northwest", "southeast", "southwest", "northern", "southern",
                                            "eastern",   "western",   NULL};

static const char *const gaz_district_words[] = {
    "district",     "districts", "county", "subdistrict", "municipality",
    "sub-district", "commune",   "lga",    "lgas",        NULL};

/* The words before a mention's start, the same for every span tried from
 * that start: found once, with the classes of the nearest two. */
struct gaz_before {
	size_t n;
	size_t w[2][2];
	unsigned c0, c1;
	enum gaz_cue cue; /* gaz_cue_before() */
	int district;     /* "... district of X" */
};

static int gaz_word_is(const char *text, size_t s, size_t e, const char *word);

/* The cue the words before a start give (the last rules of gaz_cue_of(),
 * which apply when nothing after the span decides): the same for every
 * span from one start, so found once per start. */
static enum gaz_cue gaz_cue_before(const char *text, const struct gaz_before *bw)
{
	const size_t(*b)[2] = bw->w;
	size_t nb = bw->n;
	unsigned cb0 = bw->c0, cb1 = bw->c1;

	if (nb >= 2 && gaz_word_is(text, b[0][0], b[0][1], "of")) {
		if ((cb1 & GAZ_W_SETTLE))
			return GAZ_CUE_SETTLEMENT;
		if ((cb1 & GAZ_W_ADMIN))
			return GAZ_CUE_ADMIN;
		if ((cb1 & GAZ_W_DIR) || gaz_word_is(text, b[1][0], b[1][1], "outskirts") ||
		    gaz_word_is(text, b[1][0], b[1][1], "outside") ||
		    gaz_word_is(text, b[1][0], b[1][1], "countryside") ||
		    gaz_word_is(text, b[1][0], b[1][1], "suburbs") ||
		    gaz_word_is(text, b[1][0], b[1][1], "west") ||
		    gaz_word_is(text, b[1][0], b[1][1], "vicinity"))
			return GAZ_CUE_NEAR;
	}
	if (nb >= 2 && gaz_word_is(text, b[0][0], b[0][1], "to") &&
	    gaz_word_is(text, b[1][0], b[1][1], "close"))
		return GAZ_CUE_NEAR;
	if (nb >= 2 && gaz_word_is(text, b[0][0], b[0][1], "from") &&
	    (gaz_word_is(text, b[1][0], b[1][1], "km") || gaz_word_is(text, b[1][0], b[1][1], "kilometres") ||
	     gaz_word_is(text, b[1][0], b[1][1], "kilometers") ||
	     gaz_word_is(text, b[1][0], b[1][1], "miles")))
		return GAZ_CUE_NEAR;
	if (nb >= 1) {
		if (gaz_word_is(text, b[0][0], b[0][1], "near") ||
		    gaz_word_is(text, b[0][0], b[0][1], "outside") ||
		    gaz_word_is(text, b[0][0], b[0][1], "around") ||
		    gaz_word_is(text, b[0][0], b[0][1], "nearby"))
			return GAZ_CUE_NEAR;
		if (gaz_word_is(text, b[0][0], b[0][1], "in") || gaz_word_is(text, b[0][0], b[0][1], "at") ||
		    gaz_word_is(text, b[0][0], b[0][1], "on") ||
		    gaz_word_is(text, b[0][0], b[0][1], "into") ||
		    gaz_word_is(text, b[0][0], b[0][1], "inside"))
			return GAZ_CUE_IN;
		/* "in the X area", "in central Idlib" */
		if (nb >= 2 &&
		    (gaz_word_is(text, b[1][0], b[1][1], "in") ||
		     gaz_word_is(text, b[1][0], b[1][1], "at")) &&
		    (gaz_word_is(text, b[0][0], b[0][1], "the") || (cb0 & GAZ_W_DIR) ||
		     gaz_word_is(text, b[0][0], b[0][1], "central")))
			return gaz_word_is(text, b[0][0], b[0][1], "the") ? GAZ_CUE_IN : GAZ_CUE_NEAR;
	}
	return GAZ_CUE_NONE;
}

static void gaz_before_at(const struct gazetteer *g, struct gaz_class_memo *cm, const char *text, size_t len,
                          size_t s, struct gaz_before *bw)
{
	bw->n = gaz_words_before(text, s, bw->w, 2);
	bw->c0 = bw->n >= 1 ? gaz_class_m(g, cm, text, len, bw->w[0][0], bw->w[0][1]) : 0;
	bw->c1 = bw->n >= 2 ? gaz_class_m(g, cm, text, len, bw->w[1][0], bw->w[1][1]) : 0;
	bw->district =
	    bw->n >= 2 && gaz_word_is(text, bw->w[0][0], bw->w[0][1], "of") && (bw->c1 & GAZ_W_DISTRICT);
	bw->cue = gaz_cue_before(text, bw);
}

/* What the words around text[s..e) say about the mention; *district is set
 * when the admin word names a second-level unit ("Andar district"). */
static inline enum gaz_cue gaz_cue_of(const struct gazetteer *g, struct gaz_class_memo *cm, const char *text,
                                      size_t len, const struct gaz_before *bw, size_t s, size_t last,
                                      size_t e, int possessive, int *district)
{
	size_t a[1][2] = {{0, 0}};
	/* only the first word after and the nearest two before are read */
	size_t na = gaz_words_after(text, len, possessive ? e + 2 : e, a, 1);
	unsigned ca0 = na ? gaz_class_m(g, cm, text, len, a[0][0], a[0][1]) : 0;

	*district = (na && (ca0 & GAZ_W_DISTRICT)) || bw->district;

	/* "(Irumu, Ituri)" after a village: the district and the province it
	 * lies in, the way conflict monitors' notes locate a place */
	if (s >= 1 && text[s - 1] == '(' && e + 2 < len && text[e] == ',' && text[e + 1] == ' ' &&
	    memchr(text + e, ')', len - e < 64 ? len - e : 64)) {
		*district = 1;
		return GAZ_CUE_ADMIN;
	}
	if (e < len && text[e] == ')' && s >= 3 && text[s - 1] == ' ' && text[s - 2] == ',') {
		size_t o = s - 2;
		while (o > 0 && s - o < 64 && text[o - 1] != '(' && text[o - 1] != ')' && text[o - 1] != '.')
			o--;
		if (o > 0 && text[o - 1] == '(')
			return GAZ_CUE_ADMIN;
	}

	if (possessive && na &&
	    (gaz_word_is(text, a[0][0], a[0][1], "outskirts") ||
	     gaz_word_is(text, a[0][0], a[0][1], "countryside") ||
	     gaz_word_is(text, a[0][0], a[0][1], "suburbs") ||
	     gaz_word_is(text, a[0][0], a[0][1], "vicinity") ||
	     gaz_word_is(text, a[0][0], a[0][1], "outskirt")))
		return GAZ_CUE_NEAR;
	/* the matched name itself may end in "Province", "State": its last
	 * word starts at `last` (s for a one-word name), right after the
	 * spaces or hyphens that gaz_next_in_name() stepped over, and no word
	 * holds a space or a hyphen */
	{
		size_t ls = last;
		if (ls > s && (gaz_class_m(g, cm, text, len, ls, e) & GAZ_W_ADMIN) &&
		    !gaz_word_is(text, ls, e, "countryside"))
			return GAZ_CUE_ADMIN;
	}
	if (!possessive && na) {
		if ((ca0 & GAZ_W_ADMIN))
			return gaz_word_is(text, a[0][0], a[0][1], "countryside") ? GAZ_CUE_NEAR
			                                                          : GAZ_CUE_ADMIN;
		if ((ca0 & GAZ_W_SETTLE))
			return GAZ_CUE_SETTLEMENT;
		if (gaz_word_is(text, a[0][0], a[0][1], "outskirts") ||
		    gaz_word_is(text, a[0][0], a[0][1], "suburbs"))
			return GAZ_CUE_NEAR;
	}
	return bw->cue; /* the words before decide (gaz_cue_before()) */
}

/* Capitalised words that may stand right before a place name without
 * making it part of a longer name ("In Aleppo", "Eastern Ghouta", "The"). */
static const char *const gaz_lead_words[] = {
    "in",        "at",        "on",         "near",      "from",      "to",           "the",
    "and",       "of",        "outside",    "inside",    "into",      "across",       "around",
    "between",   "north",     "south",      "east",      "west",      "northern",     "southern",
    "eastern",   "western",   "central",    "northeast", "northwest", "southeast",    "southwest",
    "upper",     "lower",     "greater",    "rural",     "downtown",  "while",        "when",
    "after",     "before",    "since",      "during",    "as",        "both",         "also",
    "but",       "meanwhile", "for",        "by",        "with",      "via",          "toward",
    "towards",   "through",   "throughout", "within",    "along",     "beyond",       "over",
    "under",     "against",   "besieged",   "occupied",  "liberated", "neighbouring", "neighboring",
    "nearby",    "like",      "where",      "if",        "although",  "though",       "then",
    "residents", "today",     "yesterday",  "monday",    "tuesday",   "wednesday",    "thursday",
    "friday",    "saturday",  "sunday",     NULL};

/* Capitalised words that may follow a place name ("Idlib Province"). */
static const char *const gaz_tail_words[] = {
    "city", "airport", "camp", "district", "province", "governorate", "state", "region", "town", "village",
    "countryside", "area", "prison", "university", "hospital", "port", "county", "municipality", "lga",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "and",
    "on", "in", "at",
    /* a facility or an office named after its place: the place ("Hama
     * Airbase", "Aydin Governorship", "Beddawi Highway") */
    "airbase", "airfield", "base", "barracks", "governorship", "prefecture", "sector", "checkpoint",
    "crossing", "junction", "bridge", "highway", "road", "roundabout", "square", "market", "station",
    "stadium", "subdistrict", "neighbourhood", "neighborhood", "suburb", "department", "oblast", "commune",
    "tehsil", "refinery", NULL};

/* Lower-case Arabic articles that may open a name ("al Bab"). */
static const char *const gaz_particle_words[] = {"al", "el", "ad", "as", "ar", "an", "ash",
                                                 "at", "az", "ez", "es", "ed", NULL};

/* Hash the word lists into g->words; -1 when a word does not fit. */
static int gaz_words_build(struct gazetteer *g)
{
	static const struct {
		const char *const *list;
		unsigned bit;
	} lists[] = {{gaz_lead_words, GAZ_W_LEAD},        {gaz_tail_words, GAZ_W_TAIL},
	             {gaz_admin_words, GAZ_W_ADMIN},      {gaz_settle_words, GAZ_W_SETTLE},
	             {gaz_dir_words, GAZ_W_DIR},          {gaz_district_words, GAZ_W_DISTRICT},
	             {gaz_particle_words, GAZ_W_PARTICLE}};
	size_t used = 0;

	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (size_t k = 0; lists[l].list[k]; k++) {
			const char *w = lists[l].list[k];
			size_t n = strlen(w), i;
			if (n == 0 || n >= GAZ_WORD_MAX || used * 2 >= GAZ_WORDS_SLOTS)
				return -1;
			char padded[GAZ_WORD_MAX] = {0};
			memcpy(padded, w, n);
			for (i = gaz_word_slot(padded);
			     g->words[i].len && !(g->words[i].len == n && !memcmp(g->words[i].w, w, n));
			     i = (i + 1) & (GAZ_WORDS_SLOTS - 1))
				;
			if (!g->words[i].len) {
				g->word_lens[gaz_letter_slot(w[0])] |= (uint16_t)(1u << n);
				memcpy(g->words[i].w, w, n);
				g->words[i].len = (uint8_t)n;
				used++;
			}
			g->words[i].bits |= (uint8_t)lists[l].bit;
		}
	return 0;
}

/* Is the word right before s (one space away) a capitalised word that
 * makes the match part of a longer name ("Jose Gutierrez")? */
static int gaz_cap_before(const struct gazetteer *g, struct gaz_class_memo *cm, const char *text, size_t len,
                          size_t s)
{
	if (s < 2 || text[s - 1] != ' ')
		return 0;
	size_t e = s - 1, b = gaz_run_back(text, e, 1);
	if (b == e || !(text[b] >= 'A' && text[b] <= 'Z'))
		return 0;
	if (b > 0 && (text[b - 1] == '\'' || text[b - 1] == '-'))
		return 0; /* Syria's Idlib: the possessive's tail, not a name */
	return !(gaz_class_m(g, cm, text, len, b, e) & GAZ_W_LEAD);
}

static int gaz_is_stop_word(const struct gazetteer *g, const char *text, size_t s, size_t e);

/* Is the word right after e (one space away) capitalised and not a tail
 * word such as "Province"?  1 when it is a known common word ("Police",
 * "Defense"), 2 when it is some other name ("Mareer" of "Bulo Mareer"). */
static int gaz_cap_after(const struct gazetteer *g, struct gaz_class_memo *cm, const char *text, size_t len,
                         size_t e)
{
	if (e + 2 > len || text[e] != ' ' || !(text[e + 1] >= 'A' && text[e + 1] <= 'Z'))
		return 0;
	size_t b = e + 1, j = ascii_run(text, b + 1, len, ASCII_ALPHA);
	if (gaz_class_m(g, cm, text, len, b, j) & GAZ_W_TAIL)
		return 0;
	return gaz_is_stop_word(g, text, b, j) ? 1 : 2;
}

static double gaz_rank(const struct gazetteer *g, const struct gaz_place *p, enum gaz_cue cue, int district)
{
	switch (p->kind) {
	case GAZ_COUNTRY:
		return 20.0;
	case GAZ_ADMIN1:
		return cue == GAZ_CUE_ADMIN ? 15.0 : 6.3;
	case GAZ_ADMIN2:
		return cue == GAZ_CUE_ADMIN ? (district ? 17.0 : 14.0)
		                            : 2.0; /* below any town of that name */
	case GAZ_TERRAIN:
		return 9.0; /* hand-checked: trusted over homonym villages */
	case GAZ_POPULATED:
		break;
	}
	/* the known population breaks ties between seats of imputed weight
	 * (two logarithms: asked of towns only) */
	double r = log10((double)g->weight[p->id] + 1.0) + 0.01 * log10((double)p->population + 1.0);
	return p->kind == GAZ_POPULATED && cue == GAZ_CUE_SETTLEMENT ? r + 2.0 : r;
}

struct gaz_cand {
	uint32_t id;
	uint32_t flags;
	double rank;
};

static int gaz_cand_cmp(const void *a, const void *b)
{
	const struct gaz_cand *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Rank of a district named as the container of the place before it ("San
 * Carlos, Negros Occidental", "Pinabacdao (Samar)") when no town or
 * province has that name as its own: over their alternate names. */
#define GAZ_CONTAINER_RANK 6.0

/* A city this large is what its own name means, before any district. */
#define GAZ_BIG_CITY 100000

/* Values from which gaz_order() keeps a set of the places taken. */
#define GAZ_ORDER_SET_MIN 16

/* Fill m->cand from raw hash values: best first, one place per country
 * before any country's second, so context can still pick the right one. */
static void gaz_order(const struct gazetteer *g, const uint32_t *vals, size_t nv, int district, int container,
                      unsigned unit, struct gaz_mention *m)
{
	struct gaz_cand c[GAZ_MAX_HITS];
	size_t n = 0;

	/* a container that is some town's or province's own name is that
	 * place, or a homonym district that would link a homonym town before
	 * it ("El Alto, La Paz": not Argentina's La Paz district) */
	for (size_t i = 0; i < nv && container; i++) {
		uint32_t id = vals[i] & GAZ_ID_MASK;
		if (id < g->n_places && !(vals[i] & GAZ_F_ALT) && g->places[id].kind != GAZ_ADMIN2)
			container = 0;
	}
	/* The ids in c[], to take each place once: compared in turn for a
	 * few values (most names), through a small set for a common name's
	 * hundreds, whose pairwise compares cost more than the rest here. */
	uint32_t in_c[2 * GAZ_MAX_HITS];
	unsigned set_bits = 0;
	if (nv > GAZ_ORDER_SET_MIN) {
		set_bits = 5;
		while ((1u << set_bits) < 2 * nv)
			set_bits++;
		memset(in_c, 0xFF, ((size_t)1 << set_bits) * sizeof(in_c[0]));
	}
	for (size_t i = 0; i < nv; i++) {
		uint32_t id = vals[i] & GAZ_ID_MASK;
		if (id >= g->n_places)
			continue;
		size_t slot = 0;
		if (set_bits) {
			slot = (id * 0x9E3779B1u) >> (32 - set_bits);
			while (in_c[slot] != UINT32_MAX && in_c[slot] != id)
				slot = (slot + 1) & (((size_t)1 << set_bits) - 1);
			if (in_c[slot] == id)
				continue;
		} else {
			size_t k;
			for (k = 0; k < n && c[k].id != id; k++)
				;
			if (k < n)
				continue;
		}
		int admin2 = g->places[id].kind == GAZ_ADMIN2 && m->cue == GAZ_CUE_NONE;
		if (admin2 && (!container || (vals[i] & GAZ_F_ALT)))
			continue; /* a district's name alone is too often something else */
		/* a district's bare name (gaz_add_unitless()) wants its unit word */
		if ((vals[i] & GAZ_F_ALT) && !unit && g->places[id].kind == GAZ_ADMIN2)
			continue;
		if (set_bits)
			in_c[slot] = id;
		c[n].id = id;
		c[n].flags = vals[i];
		/* a place's own name over another's alternate: a tenfold population */
		c[n].rank = (admin2 ? GAZ_CONTAINER_RANK : gaz_rank(g, &g->places[id], m->cue, district)) -
		            ((vals[i] & GAZ_F_ALT) ? 1.0 : 0.0);
		/* "Niger state", "Mexico state": a country's name with the unit
		 * word of a province is the province of that name */
		if (unit && g->places[id].kind == GAZ_COUNTRY && m->cue == GAZ_CUE_ADMIN)
			c[n].rank = 14.5;
		/* "Busia county" is no "Busia District": a district whose name
		 * ends in another unit word than the text's ranks as its bare name */
		if (unit && g->places[id].kind == GAZ_ADMIN2 && m->cue == GAZ_CUE_ADMIN) {
			const char *nm = g->places[id].name, *sp = strrchr(nm, ' ');
			unsigned own = sp ? gaz_unit_bit(sp + 1, 0, strlen(sp + 1)) : 0;
			if (own && !(own & unit))
				c[n].rank = 2.0 - ((vals[i] & GAZ_F_ALT) ? 1.0 : 0.0);
		}
		/* "Bolivar state": Venezuela's, whose admin1 units are states,
		 * over Colombia's department of that name */
		if (unit && g->places[id].kind == GAZ_ADMIN1 && m->cue == GAZ_CUE_ADMIN) {
			int ci = gaz_cc_index(g->places[id].country_code);
			if (ci >= 0 && (g->units[ci] & unit))
				c[n].rank += 0.5;
			/* "Beni territory" is no department of Bolivia: a unit word
			 * that names one kind of unit only, which the country's
			 * provinces are not, leaves its province a bare name (the
			 * words news uses loosely, province, region, state and
			 * district, decide nothing) */
			else if (ci >= 0 && g->units[ci] && (unit & GAZ_UNITS_EXACT))
				c[n].rank = 2.0 - ((vals[i] & GAZ_F_ALT) ? 1.0 : 0.0);
		}
		n++;
	}
	/* "near Myawaddy": a name after a place's cue word that nothing but
	 * a district's bare name matches (its town too small for the
	 * gazetteer) is that district */
	if (n == 0 && (m->cue == GAZ_CUE_IN || m->cue == GAZ_CUE_NEAR))
		for (size_t i = 0; i < nv; i++) {
			uint32_t id = vals[i] & GAZ_ID_MASK;
			if (id >= g->n_places || !(vals[i] & GAZ_F_ALT) || g->places[id].kind != GAZ_ADMIN2)
				continue;
			size_t k;
			for (k = 0; k < n && c[k].id != id; k++)
				;
			if (k < n)
				continue;
			c[n].id = id;
			c[n].flags = vals[i];
			c[n].rank = 1.0;
			n++;
		}
	/* A district's bare name ("in Gaza", no unit word) yields to a large
	 * city whose own name it is, wherever the city lies: districts are
	 * named after their seats, and such a city is what the name means. */
	if (m->cue != GAZ_CUE_ADMIN) {
		int city = 0;
		for (size_t i = 0; i < n && !city; i++)
			city = g->places[c[i].id].kind == GAZ_POPULATED && !(c[i].flags & GAZ_F_ALT) &&
			       g->places[c[i].id].population >= GAZ_BIG_CITY;
		size_t kept = 0;
		for (size_t i = 0; i < n; i++)
			if (!city || g->places[c[i].id].kind != GAZ_ADMIN2)
				c[kept++] = c[i];
		n = kept;
	}
	/* A region and its same-named seat ("Idlib"): the town, unless the
	 * text says region.  Same-named: the text is the town's own name, or the
	 * two names have equal loose keys; not merely a town of that region that
	 * lists the region's name among its alternates (Yuma, "Arizona"). */
	if (m->cue != GAZ_CUE_ADMIN)
		for (size_t i = 0; i < n; i++) {
			const struct gaz_place *a = &g->places[c[i].id];
			char ka[GAZ_KEY_MAX], kp[GAZ_KEY_MAX];
			if (a->kind != GAZ_ADMIN1)
				continue;
			size_t la = SIZE_MAX; /* the region's loose key, made when first needed */
			for (size_t k = 0; k < n; k++) {
				const struct gaz_place *p = &g->places[c[k].id];
				if (p->kind != GAZ_POPULATED || p->admin1 != a->name ||
				    c[k].rank + 3.0 <= c[i].rank || c[k].rank >= c[i].rank + 0.1)
					continue;
				/* raised above its region, never lowered to it (Kingston) */
				int same = !(c[k].flags & GAZ_F_ALT);
				if (!same) {
					if (la == SIZE_MAX)
						la =
						    fold_name_loose(a->name, strlen(a->name), ka, sizeof(ka));
					size_t lp = fold_name_loose(p->name, strlen(p->name), kp, sizeof(kp));
					same = lp == la && !memcmp(ka, kp, la);
				}
				if (same)
					c[k].rank = c[i].rank + 0.1;
			}
		}
	/* ids are unique here, so the order is total and any sort gives the
	 * same one: a few candidates (most names) by insertion, no qsort call */
	if (n <= 24) {
		for (size_t i = 1; i < n; i++) {
			struct gaz_cand x = c[i];
			size_t j = i;
			for (; j > 0 && gaz_cand_cmp(&x, &c[j - 1]) < 0; j--)
				c[j] = c[j - 1];
			c[j] = x;
		}
	} else {
		qsort(c, n, sizeof(c[0]), gaz_cand_cmp);
	}
	m->n_cand = 0;
	for (int pass = 0; pass < 2 && m->n_cand < GAZ_MAX_CANDIDATES; pass++)
		for (size_t i = 0; i < n && m->n_cand < GAZ_MAX_CANDIDATES; i++) {
			if (c[i].flags == UINT32_MAX)
				continue;
			int seen = 0;
			for (size_t k = 0; k < m->n_cand && !seen; k++)
				seen = g->places[m->cand[k]].country_code[0] ==
				           g->places[c[i].id].country_code[0] &&
				       g->places[m->cand[k]].country_code[1] ==
				           g->places[c[i].id].country_code[1];
			/* a province keeps its slot beside its country's town of the
			 * same name ("Martinez (Buenos Aires)": the province) */
			if (pass == 0 && seen && g->places[c[i].id].kind != GAZ_ADMIN1)
				continue;
			m->cand[m->n_cand++] = c[i].id;
			c[i].flags = UINT32_MAX;
		}
}

/* Is text[s..e) a stop word (a common word or a name that is no place)? */
static int gaz_is_stop_word(const struct gazetteer *g, const char *text, size_t s, size_t e)
{
	char key[GAZ_KEY_MAX];
	uint32_t raw[GAZ_MAX_HITS];
	if (e - s >= GAZ_KEY_MAX)
		return 0;
	size_t kl = fold_name(text + s, e - s, key, sizeof(key));
	size_t nr = kl ? gaz_lookup(g, GAZ_KEY_HASH(key, kl, GAZ_SEED_STRICT), raw, GAZ_MAX_HITS) : 0;
	for (size_t i = 0; i < nr; i++)
		if ((raw[i] & GAZ_F_STOP) && (raw[i] & GAZ_ID_MASK) == GAZ_STOP_ID)
			return 1;
	return 0;
}

/* Countries whose names reach English through Arabic or Persian script
 * (the Arab League, Iran, Afghanistan, Pakistan, Turkey, Israel, the
 * Sahel's Arabic-speaking north): the transliteration loose keys model. */
static const char gaz_arabic_cc[] = "AE AF BH DJ DZ EG EH ER IL IQ IR JO KM KW LB LY MA MR OM PK PS QA SA SD "
                                    "SO SS SY TD TN TR YE";

/* May a loose-key hit stand?  A preferred name anywhere: its loose key
 * only bridges doubled letters and spacing ("Larisa", "Larissa").  An
 * alternate name only where the loose rules were made for: GeoNames lists
 * Persian and Arabic renderings of far-off cities ("Bostan" for Boston),
 * which a particle dropped from "Al-Bostan" would otherwise meet. */
static int gaz_loose_ok(const struct gazetteer *g, uint32_t val)
{
	uint32_t id = val & GAZ_ID_MASK;
	if (!(val & GAZ_F_ALT) || id >= g->n_places)
		return 1;
	const char *cc = g->places[id].country_code;
	for (const char *c = gaz_arabic_cc; c[0] && c[1]; c += c[2] ? 3 : 2)
		if (c[0] == cc[0] && c[1] == cc[1])
			return 1;
	return 0;
}

/* Arabic articles a name may be written without ("Hoceima" for "Al
 * Hoceima"), as fold_name() writes them. */
static const char *const gaz_bare_articles[] = {"al", "el", "as", "ad", "ar", "an", "at", "ash", NULL};

#define GAZ_BARE_MIN 5 /* letters of an article-less name: "Bab" of "Al Bab" is a word */

/* Is place p's own name key[0..kl) with an Arabic article before it ("Al
 * Hoceima", "El-Jadida"), in a country whose names reach English through
 * Arabic or Persian script? */
static int gaz_bare_name(const struct gazetteer *g, uint32_t val, const char *key, size_t kl);

/* Look up text[s..e) as a place name: strict key, then loose key when
 * allowed.  A single word with no cue that no name has at all may still be
 * a preferred name without its Arabic article (bare): weak evidence, ranked
 * as an alternate name.  Returns the number of usable values. */
/* The populated places whose own or alternate name is text[s..e)
 * strictly, whatever the stop list says of the word. */
static size_t gaz_lookup_settlement(const struct gazetteer *g, const char *text, size_t s, size_t e,
                                    uint32_t *vals, size_t max)
{
	char key[GAZ_KEY_MAX];
	uint32_t raw[GAZ_MAX_HITS];
	if (e - s >= GAZ_KEY_MAX)
		return 0;
	size_t kl = fold_name(text + s, e - s, key, sizeof(key)), n = 0;
	if (kl < 3)
		return 0;
	size_t nr = gaz_lookup(g, GAZ_KEY_HASH(key, kl, GAZ_SEED_STRICT), raw, GAZ_MAX_HITS);
	for (size_t i = 0; i < nr && n < max; i++) {
		uint32_t id = raw[i] & GAZ_ID_MASK;
		if (!(raw[i] & (GAZ_F_STOP | GAZ_F_DEMONYM)) && id < g->n_places &&
		    g->places[id].kind == GAZ_POPULATED)
			vals[n++] = raw[i];
	}
	return n;
}

static size_t gaz_lookup_span(const struct gazetteer *g, const char *text, size_t s, size_t e, int single,
                              int allow_loose, int beside_caps, uint32_t *vals, size_t max)
{
	char key[GAZ_KEY_MAX], loose[GAZ_KEY_MAX];
	uint32_t raw[GAZ_MAX_HITS];
	size_t n = 0, kl, nr;

	if (e - s >= GAZ_KEY_MAX)
		return 0;
	kl = fold_name(text + s, e - s, key, sizeof(key));
	if (kl < 2)
		return 0;
	uint64_t hs = GAZ_KEY_HASH(key, kl, GAZ_SEED_STRICT), hl = 0;
	size_t ll = 0;
	if (allow_loose && !single) {
		/* A span of several words is nearly never a strict key (and the
		 * loose one is read next): both slots fetched at once, the loose
		 * key made while the strict slot is on its way. */
		__builtin_prefetch(&g->tab[(size_t)hs & g->tab_mask]);
		ll = fold_key_loose(key, kl, loose, sizeof(loose));
		if (ll >= 4) {
			hl = GAZ_KEY_HASH(loose, ll, GAZ_SEED_LOOSE);
			__builtin_prefetch(&g->tab[(size_t)hl & g->tab_mask]);
		}
	}
	nr = gaz_lookup(g, hs, raw, GAZ_MAX_HITS);
	/* "DRC", "UAE": a country's short name that also serves as its
	 * adjective ("DRC troops") names the country */
	int country_name = 0;
	for (size_t i = 0; i < nr; i++) {
		uint32_t id = raw[i] & GAZ_ID_MASK;
		country_name |= !(raw[i] & (GAZ_F_STOP | GAZ_F_DEMONYM)) && id < g->n_places &&
		                g->places[id].kind == GAZ_COUNTRY;
	}
	for (size_t i = 0; i < nr; i++) {
		if (single && (raw[i] & GAZ_F_STOP) && ((raw[i] & GAZ_ID_MASK) == GAZ_STOP_ID || beside_caps))
			return 0; /* a stop word alone is never a place; a weak name not in a run of names */
		if (single && (raw[i] & GAZ_F_DEMONYM) && !country_name)
			return 0; /* "Malian" is a people, whatever village carries the name */
	}
	size_t bare_districts = 0; /* gaz_add_unitless() keys: no reason to stop looking */
	for (size_t i = 0; i < nr && n < max; i++)
		if (!(raw[i] & (GAZ_F_STOP | GAZ_F_DEMONYM))) {
			uint32_t id = raw[i] & GAZ_ID_MASK;
			bare_districts +=
			    (raw[i] & GAZ_F_ALT) && id < g->n_places && g->places[id].kind == GAZ_ADMIN2;
			vals[n++] = raw[i];
		}
	if (n > bare_districts ||
	    (!allow_loose && ((nr > bare_districts) || !single || beside_caps || kl < GAZ_BARE_MIN)))
		return n;
	if (!allow_loose) {
		/* the loose key drops a lone article: "al hoceima" -> "hoceima" */
		kl = fold_key_loose(key, kl, loose, sizeof(loose));
		nr = gaz_lookup(g, GAZ_KEY_HASH(loose, kl, GAZ_SEED_LOOSE), raw, GAZ_MAX_HITS);
		size_t tl = strlen(key);
		for (size_t i = 0; i < nr && n < max; i++)
			if (!(raw[i] & (GAZ_F_STOP | GAZ_F_DEMONYM | GAZ_F_ALT)) &&
			    gaz_bare_name(g, raw[i], key, tl))
				vals[n++] = raw[i] | GAZ_F_ALT;
		return n;
	}
	/* folding is idempotent: the loose key of the strict key is the text's
	 * (and e - s < GAZ_KEY_MAX, so key is a whole fold_name() key) */
	if (single) {
		ll = fold_key_loose(key, kl, loose, sizeof(loose));
		if (ll >= 4)
			hl = GAZ_KEY_HASH(loose, ll, GAZ_SEED_LOOSE);
	}
	if (ll < 4)
		return 0;
	nr = gaz_lookup(g, hl, raw, GAZ_MAX_HITS);
	for (size_t i = 0; i < nr && n < max; i++)
		if (!(raw[i] & (GAZ_F_STOP | GAZ_F_DEMONYM)) && gaz_loose_ok(g, raw[i]))
			vals[n++] = raw[i];
	return n;
}

/* May a span of two or more words from text[s] be a name, strictly or
 * loosely?  e is where its first two words end.  The words of a name in
 * text are joined by spaces or hyphens, so every such span's strict key is
 * the key of the first two words, then a space and more or nothing; and
 * its loose key starts with their loose key (fold_key_loose() drops each
 * particle of a key of several words, and treats every other word alone).
 * When the lead filter has neither, no span of several words from s is
 * looked up: nearly nine in ten such spans in news text ("according to",
 * "armed forces") are no name and are turned away here.  allow_loose: the
 * spans may be looked up loosely. */
static int gaz_lead_may(const struct gazetteer *g, const char *text, size_t s, size_t e, int allow_loose)
{
	char key[GAZ_KEY_MAX], loose[GAZ_LEAD_LOOSE + 1];

	if (e - s >= GAZ_KEY_MAX)
		return 1;
	size_t kl = fold_name(text + s, e - s, key, sizeof(key));
	if (!memchr(key, ' ', kl) || gaz_lead_has(g, key, kl, GAZ_SEED_LEAD_S))
		return 1; /* the two words fold to one, or some key starts so */
	if (!allow_loose)
		return 0;
	/* only the loose key's first bytes: fold_key_loose() stops at a full
	 * buffer, its output so far the start of the whole key's */
	size_t ll = fold_key_loose(key, kl, loose, sizeof(loose));
	return ll < GAZ_LEAD_LOOSE || gaz_lead_has(g, loose, GAZ_LEAD_LOOSE, GAZ_SEED_LEAD_L);
}

static int gaz_bare_name(const struct gazetteer *g, uint32_t val, const char *key, size_t kl)
{
	uint32_t id = val & GAZ_ID_MASK;
	char pk[GAZ_KEY_MAX];
	if (id >= g->n_places || !gaz_loose_ok(g, val | GAZ_F_ALT))
		return 0;
	const struct gaz_place *p = &g->places[id];
	size_t pl = fold_name(p->name, strlen(p->name), pk, sizeof(pk));
	for (int i = 0; gaz_bare_articles[i]; i++) {
		size_t al = strlen(gaz_bare_articles[i]);
		if (pl == al + 1 + kl && !memcmp(pk, gaz_bare_articles[i], al) && pk[al] == ' ' &&
		    !memcmp(pk + al + 1, key, kl))
			return 1;
	}
	return 0;
}

/* Is text[s..e) the container of the name just before it: after "Name, "
 * (to the end of the clause or another comma, not inside a list) or inside
 * "Name (...)" (not "Name (Alias) District")? */
static int gaz_container_at(const struct gazetteer *g, const char *text, size_t len, size_t s, size_t e)
{
	size_t i = s;
	while (i > 0 && text[i - 1] == ' ')
		i--;
	if (i < 3 || (text[i - 1] != ',' && text[i - 1] != '('))
		return 0;
	char open = text[i - 1];
	/* what follows: a parenthesis closes; a comma's container ends a clause */
	if (open == '(' ? e >= len || (text[e] != ')' && text[e] != ',')
	                : e < len && text[e] != ',' && text[e] != '.' && text[e] != ';' && text[e] != ' ')
		return 0;
	/* "Muthraw (Hpapun) District": another name of the unit, no container */
	if (open == '(' && text[e] == ')' && e + 2 < len && text[e + 1] == ' ') {
		size_t j = ascii_run(text, e + 2, len, ASCII_ALPHA);
		if (j > e + 2 && gaz_word_in(g, text, len, e + 2, j, GAZ_W_ADMIN | GAZ_W_DISTRICT))
			return 0;
	}
	/* and is no item inside a list: "A, B, C and D" has no container */
	if (open == ',') {
		size_t k = e + (e < len && text[e] == ',');
		while (k < len && text[k] == ' ')
			k++;
		if (k + 4 < len && (!strncmp(text + k, "and ", 4) || !strncmp(text + k, "or ", 3)))
			k += text[k] == 'a' ? 4 : 3;
		if (k > e + 1 && k < len && text[k] >= 'A' && text[k] <= 'Z')
			return 0;
	}
	i--;
	while (i > 0 && text[i - 1] == ' ')
		i--;
	/* the word before: a name, its first letter a capital (or non-ASCII) */
	size_t j = i;
	while (j > 0 &&
	       (((unsigned char)text[j - 1] >= 0x80) || (text[j - 1] >= 'a' && text[j - 1] <= 'z') ||
	        (text[j - 1] >= 'A' && text[j - 1] <= 'Z') || text[j - 1] == '-' || text[j - 1] == '\''))
		j--;
	return j < i && ((text[j] >= 'A' && text[j] <= 'Z') || (unsigned char)text[j] >= 0x80);
}

/* Is the name starting at text[j], right after a hyphen, the far end of a
 * road named by its two ends ("the Damboa-Biu road", "the Beni-Kasindi
 * axis")?  Its words (at most three, capitalised) are followed by a road
 * word.  Both ends are then places of their own, not a compound such as
 * "Nord-Kivu" or the tail of "Belgrade-Stari Grad". */
static int gaz_road_end(const char *text, size_t len, size_t j)
{
	static const char *const road[] = {"road",    "highway", "motorway", "expressway",
	                                   "railway", "route",   "axis",     NULL};
	for (int words = 0; words < 3; words++) {
		if (j >= len || !((text[j] >= 'A' && text[j] <= 'Z') || (unsigned char)text[j] >= 0x80))
			return 0;
		while (j < len && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
		                   (unsigned char)text[j] >= 0x80))
			j++;
		if (j + 1 >= len || text[j] != ' ')
			return 0;
		size_t b = j + 1, e = b;
		while (e < len && ((text[e] >= 'a' && text[e] <= 'z') || (text[e] >= 'A' && text[e] <= 'Z')))
			e++;
		for (size_t r = 0; road[r]; r++)
			if (gaz_word_is(text, b, e, road[r]))
				return 1;
		j = b;
	}
	return 0;
}

/* A place whose name stands on its own even inside a compound. */
static int gaz_major(const struct gazetteer *g, uint32_t id)
{
	const struct gaz_place *p = &g->places[id];
	return p->kind == GAZ_COUNTRY || (p->kind == GAZ_POPULATED && g->weight[id] >= 100000);
}

/* Is place p inside province or district c? */
static int gaz_within(const struct gaz_place *p, const struct gaz_place *c)
{
	if (p == c || memcmp(p->country_code, c->country_code, 2) != 0)
		return 0;
	if (c->kind == GAZ_ADMIN2)
		return *c->admin2 && !strcmp(p->admin2, c->admin2);
	return c->kind == GAZ_ADMIN1 && !strcmp(p->admin1, c->name);
}

/* "San Carlos, Negros Occidental": the container c named right after
 * mention m says which of m's homonyms is meant, and that one may be past
 * the GAZ_MAX_CANDIDATES kept.  Look m up again and put the best of its
 * places inside c first, when none of m's candidates is. */
static void gaz_contained(const struct gazetteer *g, const char *text, struct gaz_mention *m,
                          const struct gaz_place *c)
{
	uint32_t vals[GAZ_MAX_HITS];
	for (size_t i = 0; i < m->n_cand; i++)
		if (gaz_within(&g->places[m->cand[i]], c))
			return;
	int single = !memchr(text + m->start, ' ', m->end - m->start);
	size_t nv = gaz_lookup_span(g, text, m->start, m->end, single, m->cue != GAZ_CUE_NONE || !single, 0,
	                            vals, GAZ_MAX_HITS);
	uint32_t best = GAZ_NO_PLACE;
	double best_rank = -1e9;
	for (size_t i = 0; i < nv; i++) {
		uint32_t id = vals[i] & GAZ_ID_MASK;
		if (id >= g->n_places || !gaz_within(&g->places[id], c))
			continue;
		double r = gaz_rank(g, &g->places[id], m->cue, 0) - ((vals[i] & GAZ_F_ALT) ? 1.0 : 0.0);
		if (r > best_rank) {
			best_rank = r;
			best = id;
		}
	}
	if (best == GAZ_NO_PLACE)
		return;
	size_t n = m->n_cand < GAZ_MAX_CANDIDATES ? m->n_cand : GAZ_MAX_CANDIDATES - 1;
	memmove(m->cand + 1, m->cand, n * sizeof(m->cand[0]));
	m->cand[0] = best;
	m->n_cand = n + 1;
}

/* May a name of several words start at w[0] (gaz_lead_may())?  Loose
 * spans of several words only without a lead word; *lead: w[0] is a lead
 * word, -1 when not looked up yet. */
/* The first index at or after i (at most len) whose byte of s is an ASCII
 * capital, a non-ASCII byte, an apostrophe or an ampersand: where text of
 * lower-case words, digits and plain punctuation ends.  Eight bytes a
 * step; the same answer as the byte loop at the end. */
static inline size_t gaz_plain_end(const char *s, size_t i, size_t len)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull, low = ~high;
	while (i + 8 <= len) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t t = x & low;
		uint64_t up = (t + ones * (0x80 - 'A')) & ~(t + ones * (0x7F - 'Z'));
		/* a byte equal to c: zero after the xor, found without false hits */
		uint64_t q = x ^ (ones * '\''), a = x ^ (ones * '&');
		uint64_t zq = ~(((q & low) + low) | q | low), za = ~(((a & low) + low) | a | low);
		uint64_t hit = ((up & ~x) | x | zq | za) & high;
		if (hit)
			return i + ((size_t)__builtin_ctzll(hit) >> 3);
		i += 8;
	}
#endif
	while (i < len &&
	       !((s[i] >= 'A' && s[i] <= 'Z') || (unsigned char)s[i] >= 0x80 || s[i] == '\'' || s[i] == '&'))
		i++;
	return i;
}

static int gaz_multi_at(const struct gazetteer *g, struct gaz_class_memo *cm, const char *text, size_t len,
                        const struct gaz_word *w, int *lead)
{
	if (*lead < 0)
		*lead = (gaz_class_m(g, cm, text, len, w[0].start, w[0].end) & GAZ_W_LEAD) != 0;
	return gaz_lead_may(g, text, w[0].start, w[1].end, !*lead);
}

/* text[s..s+n) lower-cased into out[0..16), zero padded, when it is 1 to
 * GAZ_ONE_MAX ASCII letters and digits, that is when it is its own
 * fold_name() key; else 0.  Eight bytes a step. */
static inline int gaz_plain_key(const char *text, size_t len, size_t s, size_t n, char out[GAZ_ONE_MAX])
{
	const uint64_t high = 0x8080808080808080ull;
	uint64_t x[2] = {0, 0};

	if (n == 0 || n > GAZ_ONE_MAX)
		return 0;
	for (size_t c = 0; c * 8 < n; c++) {
		size_t m = n - c * 8 < 8 ? n - c * 8 : 8;
		uint64_t keep = m < 8 ? (1ull << (8 * m)) - 1 : ~0ull;
		x[c] = ascii_load_le(text + s + c * 8, m, s + c * 8 + 8 <= len);
		if ((ascii_class_mask8(x[c], ASCII_ALNUM) & keep & high) != (keep & high))
			return 0;
		x[c] = ascii_lower8(x[c]);
	}
	memcpy(out, x, 16);
	return 1;
}

/* fold_key_loose() of the one-word key w[0..n) (n at most GAZ_ONE_MAX)
 * into out (GAZ_ONE_MAX + 1 bytes): a word-final h after a or e dropped,
 * doubled letters single.  A word that may open with a glued particle
 * ("ezzor": a or e, then a doubled letter) goes through fold_key_loose(). */
static inline size_t gaz_word_loose(const char *w, size_t n, char *out)
{
	if (n >= 5 && (w[0] == 'a' || w[0] == 'e') && (w[2] == w[1] || w[3] == w[2]))
		return fold_key_loose(w, n, out, GAZ_ONE_MAX + 1);
	size_t wl = n >= 5 && w[n - 1] == 'h' && (w[n - 2] == 'a' || w[n - 2] == 'e') ? n - 1 : n, o = 1;
	char prev = out[0] = w[0];
	for (size_t k = 1; k < wl; k++) {
		char c = w[k];
		out[o] = c;
		o += c != prev;
		prev = c;
	}
	out[o] = '\0';
	return o;
}

/* What the spans of the start w[0..nw) may find, before any cue is read:
 * *one is 0 when its one-word span can find no place (no strict key with
 * a place, no loose key: the one-word filter), *multi is 0 when no span of
 * several words can (the lead filter, gaz_multi_at(), which sets *lead).
 * The one-word filter is asked about a word of plain ASCII letters and
 * digits, whose fold is its lower case; the lead filter of two such words
 * is asked without fold_name().  The filters' bits are far apart in 1 MB:
 * all are found first and fetched together, then read.  In text written
 * in capitals every word after a lead word is a start, and most are turned
 * away here. */
static void gaz_start_may(const struct gazetteer *g, struct gaz_class_memo *cm, const char *text, size_t len,
                          const struct gaz_word *w, size_t nw, int *one, int *multi, int *lead)
{
	char key[2 * GAZ_ONE_MAX + 8], loose[GAZ_ONE_MAX + 1];
	size_t s = w[0].start, n = w[0].end - s;

	*one = 1;
	*multi = nw >= 2;
	if (w[0].possessive || !gaz_plain_key(text, len, s, n, key)) {
		if (nw >= 2)
			*multi = gaz_multi_at(g, cm, text, len, w, lead);
		return;
	}
	size_t ll = gaz_word_loose(key, n, loose);
	size_t b1 = gaz_one_bit(loose, ll), bs = SIZE_MAX, bl = SIZE_MAX;
	__builtin_prefetch(&g->one[b1 / 64]);
	if (nw >= 2) {
		/* gaz_lead_may() of the first two words: their fold is key, a
		 * space and the second's lower case */
		size_t n1 = w[1].end - w[1].start;
		if (!gaz_plain_key(text, len, w[1].start, n1, key + n + 1)) {
			*multi = gaz_multi_at(g, cm, text, len, w, lead);
		} else {
			key[n] = ' ';
			bs = gaz_lead_bit(key, n + 1 + n1, GAZ_SEED_LEAD_S);
			__builtin_prefetch(&g->lead[bs / 64]);
			if (*lead < 0)
				*lead = (gaz_class_m(g, cm, text, len, s, w[0].end) & GAZ_W_LEAD) != 0;
			/* loosely too, without a lead word: the loose key's first
			 * bytes, the two words' loose keys joined (doubles single
			 * across them) when neither may be a particle, which a key of
			 * several words drops */
			char lk[2 * GAZ_ONE_MAX + 2], l1[GAZ_ONE_MAX + 1];
			size_t pl = ll;
			const char *lp = loose;
			if (*lead) {
				pl = 0;
			} else if (ll < GAZ_LEAD_LOOSE && n > 3 && n1 > 3) {
				size_t l1n = gaz_word_loose(key + n + 1, n1, l1), d = l1[0] == loose[ll - 1];
				memcpy(lk, loose, ll);
				memcpy(lk + ll, l1 + d, l1n - d);
				lp = lk;
				pl = ll + l1n - d;
			} else if (ll < GAZ_LEAD_LOOSE || n <= 3) {
				lp = lk;
				pl = fold_key_loose(key, n + 1 + n1, lk, GAZ_LEAD_LOOSE + 1);
			}
			if (pl >= GAZ_LEAD_LOOSE) {
				bl = gaz_lead_bit(lp, GAZ_LEAD_LOOSE, GAZ_SEED_LEAD_L);
				__builtin_prefetch(&g->lead[bl / 64]);
			}
			/* gaz_lead_may(): some key starts so, strictly, or loosely
			 * when allowed (a loose key too short to filter passes) */
			*multi = ((g->lead[bs / 64] >> (bs % 64)) & 1) ||
			         (!*lead && (pl < GAZ_LEAD_LOOSE || ((g->lead[bl / 64] >> (bl % 64)) & 1)));
		}
	}
	*one = (g->one[b1 / 64] >> (b1 % 64)) & 1;
}

size_t gazetteer_scan(const struct gazetteer *g, const char *text, size_t len, struct gaz_mention *out,
                      size_t max)
{
	size_t n_out = 0, i = 0;
	uint32_t vals[GAZ_MAX_HITS];
	struct gaz_word memo[GAZ_WORD_MEMO];
	struct gaz_caps caps = {1, 0};
	struct gaz_class_memo cmemo;

	if (!g || !text)
		return 0;
	for (size_t k = 0; k < GAZ_WORD_MEMO; k++)
		memo[k].start = SIZE_MAX;
	for (size_t k = 0; k < GAZ_CLASS_MEMO; k++)
		cmemo.s[k] = SIZE_MAX;
	while (i < len && n_out < max) {
		int letter, upper;
		/* spaces and ASCII punctuation between words, without gaz_char() */
		if ((unsigned char)text[i] < 0x80 && !gaz_alnum[(unsigned char)text[i]]) {
			i++;
			continue;
		}
		size_t cl = gaz_char((const unsigned char *)text + i, len - i, &letter, &upper);
		if (letter != 1) {
			i += cl;
			continue;
		}
		/* Lower-case ASCII words, digits and plain ASCII punctuation up to
		 * the next capital, non-ASCII byte, apostrophe or ampersand start no
		 * name, except the word that reaches it ("Ma'arrat" of "ma'arrat",
		 * any word before "&") and a particle right before a capital ("al
		 * Bab"): passed over up to those two words, which are read below as
		 * before.  Every word start passed over is a letter or digit after
		 * plain punctuation, so the scan goes on from a word start. */
		if (text[i] >= 'a' && text[i] <= 'z') {
			size_t p = gaz_plain_end(text, i + 1, len), q = p;
			while (q > i && gaz_alnum[(unsigned char)text[q - 1]])
				q--;
			if (q > i + 1 && (text[q - 1] == ' ' || text[q - 1] == '-') &&
			    gaz_alnum[(unsigned char)text[q - 2]]) {
				q--;
				while (q > i && gaz_alnum[(unsigned char)text[q - 1]])
					q--;
			}
			if (q > i) {
				i = q;
				continue;
			}
		}
		/* A lower-case ASCII word that cannot be a particle ("al", "el"
		 * start with a or e) starts no name: skip it as the checks
		 * below would, when it plainly ends at ASCII punctuation or space. */
		if (text[i] >= 'b' && text[i] <= 'z' && text[i] != 'e') {
			size_t j = ascii_run(text, i + 1, len, ASCII_ALNUM);
			if (j >= len ||
			    ((unsigned char)text[j] < 0x80 && text[j] != '\'' && text[j] != '&')) {
				i = j;
				continue;
			}
		}
		/* only at a word start */
		struct gaz_word w[GAZ_MAX_WORDS];
		gaz_word_memo(memo, text, len, i, &w[0]);
		/* An acronym (capitals alone, so w[0].cap) is asked whether it
		 * stands in shouted text only after the word before it: in
		 * capitals, nearly every word follows a capitalised one. */
		int acronym = gaz_is_acronym(text, &w[0]);
		if ((!acronym && !w[0].cap && !gaz_particle_lead(g, text, len, &w[0])) ||
		    gaz_cap_before(g, &cmemo, text, len, i) ||
		    (i >= 2 && text[i - 1] == '-' &&
		     ((text[i - 2] | 0x20) >= 'a' && (text[i - 2] | 0x20) <= 'z') &&
		     !gaz_road_end(text, len, i)) ||
		    (acronym && !gaz_shouting(&caps, text, len, w[0].start, w[0].end) &&
		     !gaz_country_acronym(g, text, &w[0]))) {
			/* not a name's start, or the tail of a longer name ("Jose
			 * Gutierrez", "Hassan Homs"; not the far end of "the
			 * Damboa-Biu road"): a place there would have matched from the
			 * name's first word */
			i = w[0].next > i ? w[0].next : i + 1;
			continue;
		}
		/* a name may hold one possessive, as its first word ("Cox's
		 * Bazar", "King's Lynn"): spans across it are looked up strictly */
		size_t nw = 1;
		while (nw < GAZ_MAX_WORDS && (!w[nw - 1].possessive || nw == 1)) {
			size_t j = gaz_next_in_name(text, len, w[nw - 1].next);
			if (j >= len)
				break;
			gaz_word_memo(memo, text, len, j, &w[nw]);
			if (!w[nw].cap && !gaz_is_lower_particle(&w[nw]))
				break;
			nw++;
		}
		size_t found = 0, k;
		int lead = -1; /* w[0] is a lead word ("The", "In"); -1: not looked up yet */
		/* the span of one word, and some span of several, may find a place */
		int one, multi;
		gaz_start_may(g, &cmemo, text, len, w, nw, &one, &multi, &lead);
		if (!one && !multi) {
			i = w[0].next > i ? w[0].next : i + 1;
			continue;
		}
		struct gaz_before before;
		struct gaz_shout shout;
		gaz_before_at(g, &cmemo, text, len, w[0].start, &before);
		gaz_shout_at(&caps, text, len, w[0].start, w[nw - 1].end, &shout);
		for (k = nw; k >= 1; k--) {
			if (!w[k - 1].cap)
				continue; /* a name does not end on "al" or "of" */
			size_t s = w[0].start, e = w[k - 1].end;
			if (k > 1 ? !multi : !one)
				continue; /* its lookup would find nothing */
			int compound = e + 1 < len && text[e] == '-' && text[e + 1] >= 'A' &&
			               text[e + 1] <= 'Z' && !gaz_road_end(text, len, e + 1);
			/* the cue decides whether a loose one-word match is allowed */
			int district = 0;
			enum gaz_cue cue = gaz_cue_of(g, &cmemo, text, len, &before, s, w[k - 1].start, e,
			                              w[k - 1].possessive, &district);
			if (cue == GAZ_CUE_NONE && gaz_shout_span(&shout, &caps, text, len, e))
				continue;
			int after =
			    w[k - 1].possessive ? 0 : gaz_cap_after(g, &cmemo, text, len, w[k - 1].next);
			int beside = after != 0;
			if (after == 2)
				continue; /* "Bulo" of "Bulo Mareer": the start of a longer, unknown name */
			/* "The Valle" may be strictly "The Hague", never loosely anything */
			int loose = 0;
			if ((k > 1 || cue != GAZ_CUE_NONE) && !(k > 1 && w[0].possessive)) {
				if (lead < 0) /* the same for every span from this start */
					lead = (gaz_class_m(g, &cmemo, text, len, s, w[0].end) &
					        GAZ_W_LEAD) != 0;
				loose = !lead;
			}
			found = gaz_lookup_span(g, text, s, e, k == 1, loose, beside, vals, GAZ_MAX_HITS);
			/* "the town of Sake", "the village of Boni": a word the stop
			 * list holds ("sake", a first name) is a place where the
			 * text calls it a settlement */
			if (!found && k == 1 && cue == GAZ_CUE_SETTLEMENT && e - s >= 3 && text[s] >= 'A' &&
			    text[s] <= 'Z' && text[s + 1] >= 'a' && text[s + 1] <= 'z')
				found = gaz_lookup_settlement(g, text, s, e, vals, GAZ_MAX_HITS);
			/* "the Somali region", "Central region": a people's name or a
			 * common word before a unit word may be the province named so */
			if (!found && k == 1 && cue == GAZ_CUE_ADMIN && e + 1 < len && text[e] == ' ' &&
			    gaz_unit_bit(text, e + 1, ascii_run(text, e + 1, len, ASCII_ALPHA))) {
				size_t nv = gaz_lookup_span(g, text, s, e, 0, 0, beside, vals, GAZ_MAX_HITS);
				for (size_t v = 0; v < nv; v++) {
					uint32_t id = vals[v] & GAZ_ID_MASK;
					if (id < g->n_places && g->places[id].kind == GAZ_ADMIN1)
						vals[found++] = vals[v];
				}
			}
			if (found) {
				/* the candidates' places, far apart in a large array:
				 * fetched together before gaz_order() reads them in turn */
				for (size_t v = 0; v < found; v++)
					if ((vals[v] & GAZ_ID_MASK) < g->n_places)
						__builtin_prefetch(&g->places[vals[v] & GAZ_ID_MASK]);
				struct gaz_mention *m = &out[n_out];
				m->start = s;
				m->end = e;
				m->cue = cue;
				int container = cue == GAZ_CUE_NONE && gaz_container_at(g, text, len, s, e);
				unsigned unit = 0;
				if (cue == GAZ_CUE_ADMIN) {
					/* the unit word: the name's last word ("Bolivar State") or the next
					 */
					unit = k > 1 ? gaz_unit_bit(text, w[k - 1].start, e) : 0;
					size_t b = e;
					while (!unit && b < len && text[b] == ' ')
						b++;
					if (!unit && b > e)
						unit = gaz_unit_bit(text, b,
						                    ascii_run(text, b, len, ASCII_ALPHA));
					/* or before it: "the department of Bolivar" */
					if (!unit && before.n >= 2 &&
					    gaz_word_is(text, before.w[0][0], before.w[0][1], "of"))
						unit = gaz_unit_bit(text, before.w[1][0], before.w[1][1]);
				}
				gaz_order(g, vals, found, district, container, unit, m);
				/* "Nord" of "Nord-Kivu" is part of a compound, "Bagh" of "Bagh
				 * e Naran" the head of a longer, unknown name; "Belgrade" of
				 * "Belgrade-Stari Grad" is a city worth keeping */
				if (m->n_cand &&
				    (compound || (k + 1 < nw && w[k + 1].cap &&
				                  gaz_name_particle(g, text, len, w[k].start, w[k].end))) &&
				    !gaz_major(g, m->cand[0]))
					m->n_cand = 0;
				if (m->n_cand) {
					const struct gaz_place *c = &g->places[m->cand[0]];
					if (container && n_out > 0 && out[n_out - 1].end < s &&
					    s - out[n_out - 1].end <= 3 &&
					    (c->kind == GAZ_ADMIN1 || c->kind == GAZ_ADMIN2))
						gaz_contained(g, text, &out[n_out - 1], c);
					n_out++;
					break;
				}
				found = 0;
			}
		}
		i = found ? w[k - 1].next : w[0].next;
		if (i <= w[0].start)
			i = w[0].start + 1;
	}
	return n_out;
}

/* --- resolving ------------------------------------------------------ */

const struct gaz_place *gazetteer_resolve(const struct gazetteer *g, const struct gaz_mention *m,
                                          const struct gaz_context *ctx)
{
	const struct gaz_place *best = NULL;
	double best_score = -1e9;
	int best_in_ctx = 0;

	if (!g || !m || !m->n_cand)
		return NULL;
	for (size_t i = 0; i < m->n_cand && i < GAZ_MAX_CANDIDATES; i++) {
		const struct gaz_place *p = gazetteer_place(g, m->cand[i]);
		if (!p)
			continue;
		/* the scan order already holds kind and population */
		double score = -(double)i;
		int in_ctx = 0;
		if (ctx) {
			for (size_t c = 0; c < ctx->n_countries && c < 8; c++)
				if (!memcmp(ctx->countries[c], p->country_code, 2)) {
					score += 20.0 - (double)c;
					in_ctx = 1;
					break;
				}
			for (size_t a = 0; a < ctx->n_admin1 && a < 8; a++) {
				const struct gaz_place *r = gazetteer_place(g, ctx->admin1[a]);
				if (!r || memcmp(r->country_code, p->country_code, 2))
					continue;
				if (r->id == p->id || (*p->admin1 && !strcmp(r->name, p->admin1))) {
					score += 10.0;
					in_ctx = 1;
					break;
				}
			}
			/* "RAIPUR - ... in Bijapur district": a homonym in the
			 * province of a town the story surely names comes first */
			for (size_t a = 0; a < ctx->n_towns && a < 8; a++) {
				const struct gaz_place *r = gazetteer_place(g, ctx->towns[a]);
				size_t own = 0; /* a town this very name may mean counts not */
				while (r && own < m->n_cand && own < GAZ_MAX_CANDIDATES &&
				       m->cand[own] != r->id)
					own++;
				if (r && own == m->n_cand && *p->admin1 && r->admin1 &&
				    !memcmp(r->country_code, p->country_code, 2) &&
				    !strcmp(r->admin1, p->admin1)) {
					score += 5.0;
					break;
				}
			}
		}
		if (score > best_score) {
			best_score = score;
			best = p;
			best_in_ctx = in_ctx;
		}
	}
	/* A town abroad, in a story whose places are all elsewhere, is a
	 * homonym: a story about a foreign city names its country, or the city
	 * is large. */
	if (best && ctx && ctx->n_countries > 0 && !best_in_ctx && best->kind == GAZ_POPULATED &&
	    g->weight[best->id] < 100000)
		return NULL;
	/* A village in another province of a country whose provinces the
	 * story names ("Shahpur sector (Poonch district, J&K)" is no Shahpur of
	 * Karnataka): a homonym of a place the gazetteer lacks. */
	if (best && ctx && best->kind == GAZ_POPULATED && g->weight[best->id] < GAZ_OTHER_PROVINCE_MAX) {
		int named = 0, in_named = 0;
		for (size_t a = 0; a < ctx->n_admin1 && a < 8; a++) {
			const struct gaz_place *r = gazetteer_place(g, ctx->admin1[a]);
			if (!r || memcmp(r->country_code, best->country_code, 2))
				continue;
			named = 1;
			in_named |= *best->admin1 && !strcmp(r->name, best->admin1);
		}
		if (named && !in_named)
			return NULL;
	}
	/* Without any context (the caller is still building it) only towns
	 * that are unlikely homonyms count: a village name says little about
	 * which country the story is in. */
	if (best && !ctx && best->kind == GAZ_POPULATED && g->weight[best->id] < 20000)
		return NULL;
	return best;
}

const struct gaz_place *gazetteer_place(const struct gazetteer *g, uint32_t id)
{
	if (!g || id >= g->n_places)
		return NULL;
	return &g->places[id];
}

const struct gaz_place *gazetteer_country(const struct gazetteer *g, const char *iso2)
{
	char cc[3];
	if (!g || !iso2 || !iso2[0] || !iso2[1] || iso2[2])
		return NULL;
	cc[0] = (char)(iso2[0] >= 'a' && iso2[0] <= 'z' ? iso2[0] - 'a' + 'A' : iso2[0]);
	cc[1] = (char)(iso2[1] >= 'a' && iso2[1] <= 'z' ? iso2[1] - 'a' + 'A' : iso2[1]);
	cc[2] = '\0';
	int ci = gaz_cc_index(cc);
	if (ci < 0 || g->country[ci] == GAZ_NO_PLACE)
		return NULL;
	return &g->places[g->country[ci]];
}

const struct gaz_place *gazetteer_country_by_name(const struct gazetteer *g, const char *name, size_t len)
{
	char key[GAZ_KEY_MAX];
	uint32_t vals[64];

	if (!g || !name || len >= GAZ_KEY_MAX)
		return NULL;
	size_t kl = fold_name(name, len, key, sizeof(key));
	if (kl < 2)
		return NULL;
	size_t n = gaz_lookup(g, GAZ_KEY_HASH(key, kl, GAZ_SEED_STRICT), vals, 64);
	for (size_t i = 0; i < n; i++) {
		uint32_t id = vals[i] & GAZ_ID_MASK;
		if (!(vals[i] & GAZ_F_STOP) && id < g->n_places && g->places[id].kind == GAZ_COUNTRY)
			return &g->places[id];
	}
	return NULL;
}

size_t gazetteer_size(const struct gazetteer *g)
{
	return g ? g->n_places : 0;
}
