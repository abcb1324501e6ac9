/*
 * gazetteer.h - place names in text -> places with coordinates.
 *
 * Loads data/gazetteer.tsv (generated from GeoNames cities500 + admin1 +
 * countries, see scripts/gen-gazetteer and data/README.md) and
 * data/places_extra.tsv (hand-checked terrain and regions GeoNames lacks).
 * Matching is tolerant of transliteration: names are folded (case,
 * diacritics, apostrophes, hyphens, Arabic article al-/el-/as-/ad-...) before
 * lookup, so "Deir Ezzor", "Deir ez-Zor" and "Dayr az Zawr" meet.
 *
 * Immutable after load; all functions are thread-safe on a loaded gazetteer.
 */
#ifndef CONFLICTD_GAZETTEER_H
#define CONFLICTD_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

struct gazetteer;

enum gaz_kind {
	GAZ_COUNTRY = 0,
	GAZ_ADMIN1,    /* province, governorate, state, region */
	GAZ_ADMIN2,    /* district, county */
	GAZ_POPULATED, /* city, town, village */
	GAZ_TERRAIN    /* plateau, desert, mountain, frontline, region without admin status */
};

/* What the words around a mention say about it. */
enum gaz_cue {
	GAZ_CUE_NONE = 0,
	GAZ_CUE_SETTLEMENT, /* "the village/town/city of X", "X village" */
	GAZ_CUE_ADMIN,      /* "in X province/governorate/state/district/region" */
	GAZ_CUE_NEAR,       /* "near X", "outside X", "X's outskirts", "north of X" */
	GAZ_CUE_IN          /* "in X", "at X", "on X" */
};

struct gaz_place {
	uint32_t id; /* index, for gazetteer_place() */
	enum gaz_kind kind;
	const char *name;     /* preferred (English/ASCII) name */
	const char *admin1;   /* admin1 name, "" when none or unknown */
	const char *admin2;   /* "" when unknown */
	const char *country;  /* country name ("Syria") */
	char country_code[3]; /* ISO 3166-1 alpha-2 */
	double lat, lon;
	uint32_t population;
	const char *source_id; /* "geonames:170063", "extra:tulul-al-safa" */
};

#define GAZ_MAX_CANDIDATES 8

struct gaz_mention {
	size_t start, end; /* byte offsets of the name in the scanned text */
	enum gaz_cue cue;
	size_t n_cand;
	uint32_t cand[GAZ_MAX_CANDIDATES]; /* place ids, most likely first (kind, population) */
};

/* Article-level context that disambiguates ("Tripoli" in a Libya story). */
struct gaz_context {
	size_t n_countries;
	char countries[8][3]; /* ISO codes mentioned in the article, most frequent first */
	size_t n_admin1;
	uint32_t admin1[8]; /* admin1 place ids mentioned in the article */
	size_t n_towns;
	uint32_t towns[8]; /* towns the article surely names: their provinces break ties */
};

/* Load from data_dir.  On failure -1 and "<file>:<line>: <what>" in errbuf. */
int gazetteer_load(struct gazetteer **out, const char *data_dir, char *errbuf, size_t errlen);
void gazetteer_free(struct gazetteer *g);

/* Find place-name mentions in text[0..len).  Writes at most max mentions in
 * text order, longest match wins; common words that happen to be place
 * names ("Of", "Police", "Said") need capitalisation and are stop-listed.
 * Returns the number written. */
size_t gazetteer_scan(const struct gazetteer *g, const char *text, size_t len, struct gaz_mention *out,
                      size_t max);

/* The most likely place for a mention given the article context, or NULL. */
const struct gaz_place *gazetteer_resolve(const struct gazetteer *g, const struct gaz_mention *m,
                                          const struct gaz_context *ctx);

const struct gaz_place *gazetteer_place(const struct gazetteer *g, uint32_t id);

/* Country by ISO alpha-2 ("SY"), by name or demonym ("Syria", "Syrian"); NULL when unknown. */
const struct gaz_place *gazetteer_country(const struct gazetteer *g, const char *iso2);
const struct gaz_place *gazetteer_country_by_name(const struct gazetteer *g, const char *name, size_t len);

/* Number of places loaded (for the benchmark and tests). */
size_t gazetteer_size(const struct gazetteer *g);

#endif
