/*
 * frames.h - one sentence -> candidate events and casualty tallies.
 *
 * A frame is what one clause of one sentence says about one event: the
 * trigger that codes its sub-event type, the agent and the target, the
 * place, the date, the dead (with children and civilians where stated),
 * who reported it, and whether the sentence only refers back to an event
 * already told ("the strikes", "those killed"), disputes one ("denied",
 * "no civilian casualties") or counts a period's dead (a tally).  Frames
 * are merged into events by merge.h.
 *
 * Everything works in fixed scratch arrays (struct frames_scratch) owned by
 * the caller and reused for every sentence: no allocation per sentence.
 */
#ifndef CONFLICTD_FRAMES_H
#define CONFLICTD_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../event.h"
#include "actors.h"
#include "dates.h"
#include "gazetteer.h"
#include "lexicon.h"
#include "numbers.h"
#include "text.h"

#define FRAMES_MAX_TOKENS   400 /* a sentence's tokens beyond this are ignored */
#define FRAMES_MAX_MATCHES  160
#define FRAMES_MAX_ACTORS   32
#define FRAMES_MAX_PLACES   32
#define FRAMES_MAX_NUMBERS  48
#define FRAMES_MAX_DATES    16
#define FRAMES_MAX_CLAUSES  8
#define FRAMES_PER_SENTENCE 4

enum frame_role {
	FRAME_EVENT = 0, /* a new (or repeated) mention of an event */
	FRAME_TALLY,     /* a cumulative casualty count: never an event */
	FRAME_ATTACH     /* only adds to an event already told (dispute, "those killed") */
};

struct frames_env {
	const struct lexicon *lex;
	const struct gazetteer *gaz;
	const struct actor_dict *actors;
	const struct gaz_context *gctx; /* may be NULL */
	int64_t published_at_ms;        /* 0 when unknown */
	size_t dateline_end;            /* cleaned-text offset where the dateline ends (0: none) */
	/* Optional: the whole article's place and actor mentions, scanned once
	 * (offsets in the cleaned text, in text order).  NULL: each sentence is
	 * scanned on its own. */
	const struct gaz_mention *places;
	size_t n_places;
	const struct actor_mention *actor_mentions;
	size_t n_actor_mentions;
};

struct frames_scratch {
	struct text_token toks[FRAMES_MAX_TOKENS];
	struct lex_match m[FRAMES_MAX_MATCHES];
	struct actor_mention am[FRAMES_MAX_ACTORS];
	struct gaz_mention gm[FRAMES_MAX_PLACES];
	struct num_value nv[FRAMES_MAX_NUMBERS];
	struct date_ref dr[FRAMES_MAX_DATES];
	struct lex_words words; /* the sentence's word index for lexicon_context_ok_in() */
	uint16_t kinds_at[FRAMES_MAX_TOKENS]; /* bit k: a match of lex_kind k starts at the token */
	size_t kinds_n;                       /* tokens kinds_at holds */
};

struct frame {
	enum frame_role role;
	enum sub_event_type sub;
	int priority;
	unsigned lex_flags;
	bool coref;                    /* the trigger is definite ("the strikes"): refers back */
	bool disputes;                 /* the sentence contradicts the claim */
	bool promote;                  /* attach-only, but an event of its own when nothing fits */
	bool deaths_only;              /* no trigger, only a toll ("Four men died.", "2 fatalities") */
	uint32_t sent;                 /* sentence index in the article */
	uint32_t start, end;           /* the sentence, cleaned-text offsets */
	uint32_t trig_start, trig_end; /* the trigger, cleaned-text offsets */

	struct event_actor actor1, actor2;
	unsigned actor1_flags, actor2_flags; /* enum actor_flag */
	bool actor1_sure;                    /* found as the agent (before the trigger, or "by X") */
	bool unknown_agent;                  /* no agent named, and the text says it is unknown */
	bool crowd_agent;                    /* the agent is a crowd of civilians ("villagers beat ...") */
	bool crowd_word;                     /* ... named by a crowd word ("youths", "a mob") before the trigger */

	bool has_place;
	uint32_t place_id;
	enum gaz_kind place_kind;
	int geo_precision;

	bool has_date;
	int32_t day;
	enum date_precision date_precision;
	bool date_reported; /* the day a source spoke ("officials said on Monday"): the event's or shortly before */

	bool has_deaths; /* a death word, numbered or not */
	bool more_dead;  /* the dead are more than those told before ("nine were also killed") */
	struct event_fatalities fat;

	char reporter[EVENT_NAME_MAX]; /* "" when the sentence cites nobody by name */
};

/* Find the frames of sentence s[start..end) (cleaned article text) into
 * out[0..max).  sent is the sentence's index.  Returns the count written. */
size_t frames_sentence(const struct frames_env *env, struct frames_scratch *sc, const char *s, uint32_t start,
                       uint32_t end, uint32_t sent, struct frame *out, size_t max);

/* The first resolved date of a sentence that has no frame (the narrative's
 * date for the sentences after it); 1 when found. */
int frames_sentence_date(const struct frames_env *env, struct frames_scratch *sc, const char *s,
                         uint32_t start, uint32_t end, int32_t *day, enum date_precision *prec);

/* 1 when the actor is state forces or fights for them ("pro-government"). */
int frames_actor_is_state_side(const struct event_actor *a, unsigned flags);

/* 1 when the word after byte e of s[0..len) is a finite verb ("launched",
 * "struck", "has"): a country's name ending at e is then the sentence's
 * subject, an actor ("Russia launched missiles at Kyiv"), not a place. */
int frames_verb_after(const char *s, size_t len, size_t e);

/* 1 when the name at s[g0..g1) is the subject of a verb: a verb follows
 * it (frames_verb_after()) and no preposition stands before it, back to lo
 * ("Russia launched", not "fighting in Syria killed"). */
int frames_name_is_subject(const char *s, size_t lo, size_t len, size_t g0, size_t g1);

/* 1 when "by" or "by the" stands right before byte g0 (no earlier than
 * lo): a name there is the agent of a passive ("a truce brokered by the
 * United States", "rebels backed by Rwanda"), no place of the story. */
int frames_agent_by_before(const char *s, size_t lo, size_t g0);

#endif
