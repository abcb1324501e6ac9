/*
 * lexicon.h - trigger words and cue phrases -> sub-event types and cues.
 *
 * Loads data/lexicon.tsv: one phrase per line with its kind (an event
 * trigger, a death or injury word, a tally, negation, hypothetical, dispute,
 * reporting or coreference cue, or a country cue with its ISO code), the
 * sub-event type a trigger codes, its
 * priority (the higher wins when several triggers compete for one clause),
 * flags (STATE: only when the agent is state forces or their affiliates;
 * NONSTATE: only with a known non-state side; SIGNIFICANT: an unnumbered death toll is
 * imputed as 10, not 3; WEAK: not an event on its own) and optional context
 * words that must (require) or must not (forbid) occur in the same clause.
 * A word ending in '*' matches any word it begins ("protest*"); a context
 * entry may be a short phrase ("riot police").
 *
 * Matching works on text.h tokens, case-insensitively, so a linguist adds
 * coverage by editing the data file alone.  Immutable after load;
 * thread-safe on a loaded lexicon.
 */
#ifndef CONFLICTD_LEXICON_H
#define CONFLICTD_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "../event.h"
#include "text.h"

#define LEX_MAX_PHRASE_WORDS  6
#define LEX_MAX_CONTEXT_WORDS 40
#define LEX_WORD_MAX          32

enum lex_kind {
	LEX_TRIGGER = 0,  /* codes a sub-event type */
	LEX_DEATH,        /* "killed", "dead", "bodies", "fatalities" */
	LEX_INJURY,       /* "wounded", "injured": never counted as dead */
	LEX_TALLY,        /* "since", "so far", "the war has killed": cumulative counts */
	LEX_NEGATION,     /* "not", "no", "denied": the next trigger did not happen */
	LEX_HYPOTHETICAL, /* "threatened to", "could", "plans to" */
	LEX_DISPUTE,      /* "denied", "no civilian casualties": a party contradicts the claim */
	LEX_REPORT,       /* "said", "reported", "according to": attribution */
	LEX_CHILD,        /* "children", "minors" */
	LEX_CIVILIAN,     /* "civilians", "residents" */
	LEX_SUBSET,       /* "including", "of those", "among them": a part of a count */
	LEX_NONCONFLICT,  /* "earthquake", "gas leak", "factory": weak triggers are accidents */
	LEX_TALK,    /* "claimed responsibility", "sanctions", "accused": the sentence is about an event */
	LEX_CROWD,   /* "a group of people", "villagers", "youths": an unorganised crowd as agent */
	LEX_COUNTRY, /* "barangay", "OSCE SMM": a word that places the story in one country */
	LEX_KIND_COUNT
};

enum lex_flag {
	LEX_F_STATE = 1u << 0,       /* only when actor1 is state forces (or affiliated) */
	LEX_F_NONSTATE = 1u << 1,    /* only when actor1 is not */
	LEX_F_SIGNIFICANT = 1u << 2, /* unnumbered deaths impute 10 instead of 3 */
	LEX_F_WEAK = 1u << 3,        /* needs an actor or a place to stand as an event */
	LEX_F_COREF = 1u << 4,       /* "the strikes", "the attack": refers back when alone */
	LEX_F_PRE = 1u << 5,         /* cue applies to the words before it (report: "X said") */
	LEX_F_POST = 1u << 6,   /* a hypothetical that also reaches back ("the withdrawal likely came") */
	LEX_F_REPLY = 1u << 7,  /* return fire ("fired back"): remote violence answered is a clash */
	LEX_F_MUTUAL = 1u << 8, /* both sides fire ("exchanged fire"): a clash even if civilians are hit */
	LEX_F_UNARMED = 1u << 9 /* the target is unarmed whoever they are ("off-duty"): never a clash */
};

struct lex_entry {
	enum lex_kind kind;
	enum sub_event_type sub; /* LEX_TRIGGER only */
	int priority;
	unsigned flags;
	unsigned n_words;
	char words[LEX_MAX_PHRASE_WORDS][LEX_WORD_MAX];
	uint8_t wlen[LEX_MAX_PHRASE_WORDS];    /* length without a final '*' */
	uint8_t wprefix[LEX_MAX_PHRASE_WORDS]; /* 1: the word ends in '*' */
	unsigned n_require, n_forbid;
	char require[LEX_MAX_CONTEXT_WORDS][LEX_WORD_MAX];
	char forbid[LEX_MAX_CONTEXT_WORDS][LEX_WORD_MAX];
	/* Each context entry's first word: its length without a final '*'
	 * and 1 when it ends in '*' (a prefix), for a quick test per token. */
	uint8_t require_len[LEX_MAX_CONTEXT_WORDS], require_prefix[LEX_MAX_CONTEXT_WORDS];
	uint8_t forbid_len[LEX_MAX_CONTEXT_WORDS], forbid_prefix[LEX_MAX_CONTEXT_WORDS];
	unsigned line;   /* line in lexicon.tsv, for messages */
	char country[3]; /* LEX_COUNTRY only: ISO 3166-1 alpha-2 code */
};

struct lex_match {
	uint32_t tok_start, tok_end; /* token indices; end exclusive */
	const struct lex_entry *entry;
};

struct lexicon;

/* Load data_dir/lexicon.tsv.  On failure -1 and "<file>:<line>: <what>" in errbuf. */
int lexicon_load(struct lexicon **out, const char *data_dir, char *errbuf, size_t errlen);

/* Build from an in-memory TSV text (same format; for tests).  name names it in errors. */
int lexicon_parse(struct lexicon **out, const char *tsv, size_t len, const char *name, char *errbuf,
                  size_t errlen);
void lexicon_free(struct lexicon *lex);

/* Every phrase of the lexicon found in tokens toks[0..n) of s, in token
 * order; at one position all entries that match are reported (longest
 * first).  Context (require/forbid) is not checked here.  Returns the count
 * written (at most max). */
size_t lexicon_match(const struct lexicon *lex, const char *s, const struct text_token *toks, size_t n,
                     struct lex_match *out, size_t max);

/* 1 when a trigger or death phrase occurs in toks[0..n) of s, 0 when none
 * does (then lexicon_match() finds none either); much cheaper than the
 * match for a sentence without one. */
int lexicon_may_trigger(const struct lexicon *lex, const char *s, const struct text_token *toks, size_t n);

/* 1 when the entry's require/forbid words are satisfied by toks[0..n) of s. */
int lexicon_context_ok(const struct lex_entry *e, const char *s, const struct text_token *toks, size_t n);

/* The word tokens of toks[0..n) of s by length and first letter: built
 * once for a sentence, then lexicon_context_ok_in() asks it for many
 * entries and any token range of the sentence.  Holds s and toks (not
 * copied): valid while they are.  About 1.5 KB; no allocation. */
#define LEX_WORDS_MAX_TOKENS 512 /* tokens chained by length (FRAMES_MAX_TOKENS fits); more are walked */

struct lex_words {
	const char *s;
	const struct text_token *toks;
	size_t n, maxl;
	int chained;
	uint32_t at[64], from[65]; /* first-letter bits of the words of length l, of length >= l */
	int16_t head[64], next[LEX_WORDS_MAX_TOKENS]; /* the word tokens of each length, -1 ends */
};

void lexicon_words(struct lex_words *lw, const char *s, const struct text_token *toks, size_t n);

/* lexicon_context_ok(e, s, toks + t0, t1 - t0), with lw built over s and
 * toks[0..n) (t0 <= t1 <= n). */
int lexicon_context_ok_in(const struct lex_entry *e, const struct lex_words *lw, size_t t0, size_t t1);

/* 1 when token t of s matches pattern word w ("protest*" is a prefix). */
int lexicon_word_is(const char *s, const struct text_token *t, const char *w);

size_t lexicon_size(const struct lexicon *lex);

#endif
