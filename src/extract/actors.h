/*
 * actors.h - actor names and compositions in text -> ACLED actors.
 *
 * Loads data/actors.tsv: named state forces, armed groups and militias with
 * their aliases and acronyms, each with ACLED's actor type and country; and
 * data/actor_terms.tsv: the words that compose generic actors ("Syrian" +
 * "regime forces" -> Military Forces of Syria; "gunmen", "protesters",
 * "civilians").  Acronyms match case-sensitively ("IS", "SDF"); names match
 * case-insensitively with the same folding as the gazetteer.
 *
 * Immutable after load; thread-safe on a loaded dictionary.
 */
#ifndef CONFLICTD_ACTORS_H
#define CONFLICTD_ACTORS_H

#include <stdbool.h>
#include <stddef.h>

#include "../event.h"

struct actor_dict;

enum actor_flag {
	ACTOR_F_STATE = 1u << 0,    /* a state's military/police: EXTERNAL_OTHER when acting abroad */
	ACTOR_F_GENERIC = 1u << 1,  /* "gunmen", "jihadists", "residents": no named organisation */
	ACTOR_F_AIR = 1u << 2,      /* "warplanes", "air force", "jets", "drones": implies air strikes */
	ACTOR_F_POLICE = 1u << 3,   /* police, security forces (protest intervention) */
	ACTOR_F_COALITION = 1u << 4, /* multinational coalitions ("US-led coalition") */
	ACTOR_F_PARTY = 1u << 5      /* a political party: its leaders and workers are civilians */
};

struct actor_mention {
	size_t start, end;         /* byte offsets of the whole mention in the scanned text */
	char name[EVENT_NAME_MAX]; /* canonical ACLED-style name */
	enum actor_type type;
	char country_code[3]; /* "" for transnational groups */
	unsigned flags;       /* enum actor_flag bits */
};

/* Load from data_dir.  On failure -1 and "<file>:<line>: <what>" in errbuf. */
int actors_load(struct actor_dict **out, const char *data_dir, char *errbuf, size_t errlen);
void actors_free(struct actor_dict *d);

/* Find actor mentions in text[0..len), in text order, longest match wins.
 * Returns the number written (at most max). */
size_t actors_scan(const struct actor_dict *d, const char *text, size_t len, struct actor_mention *out,
                   size_t max);

/* actors_scan() reading every word into its window, without passing over
 * the words no phrase can start at: the same mentions, more slowly.  For
 * tests, the reference actors_scan()'s shortcut must agree with. */
size_t actors_scan_every_word(const struct actor_dict *d, const char *text, size_t len,
                              struct actor_mention *out, size_t max);

/* Number of named actors loaded (for tests: the dictionary must hold >= 300). */
size_t actors_size(const struct actor_dict *d);

/* Give a mention that has no country the event's country cc (ISO alpha-2):
 * sets country_code and, for a composition left bare ("Military Forces",
 * "Civilians", "Unidentified Armed Group"), the name ("Military Forces of
 * Syria", "Civilians (Syria)").  Returns 0, or -1 (mention unchanged) when it
 * already has a country or cc is not in data/demonyms.tsv. */
int actors_set_country(const struct actor_dict *d, struct actor_mention *m, const char *cc);

#endif
