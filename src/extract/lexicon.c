/*
 * lexicon.c - the trigger and cue lexicon (see lexicon.h).
 *
 * Entries sit in one array, grouped in buckets by the first two letters of
 * their first word and, inside a bucket, longest phrase first.  A token
 * finds the phrases that could start at it through a hash of its folded
 * text: one table lookup gives the exact first words, and a bucket's few
 * prefix patterns ("protest*") are compared directly.  Both lists keep the
 * bucket's order, so matches come out as a walk of the whole bucket would
 * give them, at the cost of one hash per token instead of a comparison per
 * entry of the bucket.
 */
#include "lexicon.h"

#include "extract/ascii_run.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LEX_MAX_ENTRIES 8192
#define LEX_BUCKETS     (27 * 27) /* first two letters: a-z or other */
#define LEX_FILE_MAX    (4u << 20)

/* A run of exact[] positions (ascending) whose entries share one first
 * word, case folded; entry is one of them, to compare the token with. */
struct lex_slot {
	uint32_t hash; /* lex_hash() of the word; 0: empty */
	uint32_t first, count;
	uint32_t entry;
};

/* Word `word` of entry `entry`, a trigger or death phrase: its anchor.
 * key: its first min(len, 8) bytes, ASCII capitals lower-cased, as a
 * little-endian integer (ascii_load_le()); mask covers those bytes. */
struct lex_anchor {
	uint64_t key, mask;
	uint32_t entry;
	uint8_t word;
	uint8_t len; /* the word's length without a final '*' */
};

/* The exact anchors of one key and length: anchors[first .. first+count). */
struct lex_aslot {
	uint64_t key;
	uint32_t first;
	uint16_t count;
	uint8_t len;
	uint8_t used;
};

#define LEX_ANCHOR_BITS (1u << 15)

struct lexicon {
	struct lex_entry *entries;
	size_t n;
	/* bucket b holds entry indices idx[start[b] .. start[b+1]) */
	uint32_t *idx;
	uint32_t start[LEX_BUCKETS + 1];
	/* Positions in idx of the entries whose first word is exact, grouped
	 * by its hash (ascending inside a group), and the table to the groups. */
	uint32_t *exact;
	struct lex_slot *slots;
	size_t slot_mask;
	/* Positions in idx of the prefix-pattern entries, by bucket, with the
	 * length of each one's first word beside it (prefix_len: no walk to the
	 * entry to refuse a shorter token) and the shortest in each bucket. */
	uint32_t *prefix;
	uint8_t *prefix_len;
	uint32_t pstart[LEX_BUCKETS + 1];
	uint8_t prefix_min[LEX_BUCKETS];
	/* Bit l: the bucket has an exact first word of l bytes (l < LEX_WORD_MAX). */
	uint32_t exact_lens[LEX_BUCKETS];
	/* lexicon_may_trigger(): each trigger and death phrase is found through
	 * one of its words, its anchor (the longest), and then compared whole.
	 * A token and an anchor are compared by their first eight bytes, case
	 * folded (struct lex_anchor).  Exact anchors sit in a hash table by
	 * those bytes and their length, with a bit table in front of it; prefix
	 * anchors by bucket, after the exact ones in anchors[]; any_always when
	 * some phrase has no word to anchor it. */
	struct lex_anchor *anchors;
	struct lex_aslot *anchor_slots;
	size_t anchor_mask;
	uint64_t anchor_bits[LEX_ANCHOR_BITS / 64];
	uint32_t apstart[LEX_BUCKETS + 1]; /* prefix anchors: anchors[apstart[b] .. apstart[b+1]) */
	uint8_t aprefix_min[LEX_BUCKETS];
	size_t anchor_min; /* the shortest anchor's length: shorter tokens are none */
	int any_always;
};

static const char *const kind_names[LEX_KIND_COUNT] = {
    "trigger", "death",    "injury", "tally",       "negation", "hypothetical", "dispute", "report",
    "child",   "civilian", "subset", "nonconflict", "talk",     "crowd",        "country",
};

/* tolower() of the C locale, inline: no call per byte. */
static unsigned char lower_ascii(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static inline int letter_of(char c)
{
	c = (char)lower_ascii((unsigned char)c);
	return (c >= 'a' && c <= 'z') ? c - 'a' : 26;
}

/* Bucket of a word by its first two letters; a prefix pattern shorter than
 * two letters ("a*") would need every second letter, so patterns are kept
 * at two letters or more (checked at load). */
static inline int bucket_of(const char *w, size_t len)
{
	return letter_of(w[0]) * 27 + (len > 1 ? letter_of(w[1]) : 26);
}

/* FNV-1a of w[0..len) with ASCII letters folded to lower case (the
 * folding strncasecmp does in the C locale); never 0. */
static uint32_t lex_hash(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + ('a' - 'A'));
		h = (h ^ c) * 16777619u;
	}
	return h ? h : 1;
}

struct lex_keyed {
	uint32_t hash, pos;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct lex_keyed *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* A trigger or death phrase: what lexicon_may_trigger() looks for. */
static int lex_is_trigger(const struct lex_entry *e)
{
	return e->kind == LEX_TRIGGER || e->kind == LEX_DEATH;
}

/* The anchor of entry e: its longest word, the later one of equals (fewer
 * tokens are that word); -1 when none can be found by its bucket (a prefix
 * of fewer than two letters). */
static int lex_anchor_word(const struct lex_entry *e)
{
	int best = -1;
	for (unsigned w = 0; w < e->n_words; w++) {
		if (e->wprefix[w] && e->wlen[w] < 2)
			continue;
		if (best < 0 || e->wlen[w] >= e->wlen[best])
			best = (int)w;
	}
	return best;
}

/* The first min(len, 8) bytes of w, case folded, as a lex_anchor key. */
static uint64_t anchor_key(const char *w, size_t len, int readable8)
{
	return ascii_lower8(ascii_load_le(w, len < 8 ? len : 8, readable8));
}

static uint32_t anchor_hash(uint64_t key, size_t len)
{
	return (uint32_t)(((key ^ len) * 0x9E3779B97F4A7C15ull) >> 32);
}

/* The anchors of lexicon_may_trigger() (see struct lexicon); -1 when out
 * of memory. */
static int lex_anchor_index(struct lexicon *lex)
{
	size_t n_exact = 0, cap = 16, o = 0;
	lex->anchor_min = SIZE_MAX;
	lex->anchors = malloc((lex->n + 1) * sizeof *lex->anchors);
	if (!lex->anchors)
		return -1;
	for (size_t i = 0; i < lex->n; i++) {
		const struct lex_entry *e = &lex->entries[i];
		if (!lex_is_trigger(e))
			continue;
		int w = lex_anchor_word(e);
		if (w < 0) {
			lex->any_always = 1;
			continue;
		}
		n_exact += !e->wprefix[w];
		if (e->wlen[w] < lex->anchor_min)
			lex->anchor_min = e->wlen[w];
	}
	while (cap < n_exact * 2)
		cap *= 2;
	lex->anchor_slots = calloc(cap, sizeof *lex->anchor_slots);
	uint32_t *slot_of = malloc((lex->n + 1) * sizeof *slot_of);
	if (!lex->anchor_slots || !slot_of) {
		free(slot_of);
		return -1;
	}
	lex->anchor_mask = cap - 1;
	/* exact anchors: a slot per key and length (counted), then their runs */
	for (size_t i = 0; i < lex->n; i++) {
		const struct lex_entry *e = &lex->entries[i];
		int w = lex_is_trigger(e) ? lex_anchor_word(e) : -1;
		if (w < 0 || e->wprefix[w])
			continue;
		size_t len = e->wlen[w];
		uint64_t key = anchor_key(e->words[w], len, 0);
		uint32_t h = anchor_hash(key, len);
		size_t x = h & lex->anchor_mask;
		while (lex->anchor_slots[x].used &&
		       !(lex->anchor_slots[x].key == key && lex->anchor_slots[x].len == len))
			x = (x + 1) & lex->anchor_mask;
		lex->anchor_slots[x].used = 1;
		lex->anchor_slots[x].key = key;
		lex->anchor_slots[x].len = (uint8_t)len;
		lex->anchor_slots[x].count++;
		lex->anchor_bits[(h >> 17) / 64] |= 1ull << ((h >> 17) % 64);
		slot_of[i] = (uint32_t)x;
	}
	for (size_t x = 0; x < cap; x++) {
		lex->anchor_slots[x].first = (uint32_t)o;
		o += lex->anchor_slots[x].count;
		lex->anchor_slots[x].count = 0;
	}
	for (size_t i = 0; i < lex->n; i++) {
		const struct lex_entry *e = &lex->entries[i];
		int w = lex_is_trigger(e) ? lex_anchor_word(e) : -1;
		if (w < 0 || e->wprefix[w])
			continue;
		struct lex_aslot *sl = &lex->anchor_slots[slot_of[i]];
		struct lex_anchor *a = &lex->anchors[sl->first + sl->count++];
		a->entry = (uint32_t)i;
		a->word = (uint8_t)w;
		a->len = e->wlen[w];
		a->key = sl->key;
		a->mask = a->len < 8 ? (1ull << (8 * a->len)) - 1 : ~0ull;
	}
	free(slot_of);
	/* prefix anchors, by bucket */
	for (int b = 0; b < LEX_BUCKETS; b++) {
		lex->apstart[b] = (uint32_t)o;
		lex->aprefix_min[b] = UINT8_MAX;
		for (size_t i = 0; i < lex->n; i++) {
			const struct lex_entry *e = &lex->entries[i];
			int w = lex_is_trigger(e) ? lex_anchor_word(e) : -1;
			if (w < 0 || !e->wprefix[w] || bucket_of(e->words[w], e->wlen[w]) != b)
				continue;
			struct lex_anchor *a = &lex->anchors[o++];
			a->entry = (uint32_t)i;
			a->word = (uint8_t)w;
			a->len = e->wlen[w];
			a->key = anchor_key(e->words[w], a->len, 0);
			a->mask = a->len < 8 ? (1ull << (8 * a->len)) - 1 : ~0ull;
			if (a->len < lex->aprefix_min[b])
				lex->aprefix_min[b] = a->len;
		}
	}
	lex->apstart[LEX_BUCKETS] = (uint32_t)o;
	return 0;
}

/* Build the first-word index over idx (see struct lexicon); -1 when out of memory. */
static int lex_index(struct lexicon *lex)
{
	size_t total = lex->start[LEX_BUCKETS], n_exact = 0, n_prefix = 0;
	struct lex_keyed *keyed = malloc((total + 1) * sizeof *keyed);
	lex->exact = malloc((total + 1) * sizeof *lex->exact);
	lex->prefix = malloc((total + 1) * sizeof *lex->prefix);
	lex->prefix_len = malloc(total + 1);
	if (!keyed || !lex->exact || !lex->prefix || !lex->prefix_len) {
		free(keyed);
		return -1;
	}
	for (int b = 0; b < LEX_BUCKETS; b++) {
		lex->pstart[b] = (uint32_t)n_prefix;
		lex->prefix_min[b] = UINT8_MAX;
		for (uint32_t j = lex->start[b]; j < lex->start[b + 1]; j++) {
			const struct lex_entry *e = &lex->entries[lex->idx[j]];
			if (e->wprefix[0]) {
				lex->prefix_len[n_prefix] = e->wlen[0];
				if (e->wlen[0] < lex->prefix_min[b])
					lex->prefix_min[b] = e->wlen[0];
				lex->prefix[n_prefix++] = j;
				continue;
			}
			lex->exact_lens[b] |= 1u << e->wlen[0];
			keyed[n_exact].hash = lex_hash(e->words[0], e->wlen[0]);
			keyed[n_exact].pos = j;
			n_exact++;
		}
	}
	lex->pstart[LEX_BUCKETS] = (uint32_t)n_prefix;
	qsort(keyed, n_exact, sizeof *keyed, cmp_keyed);
	size_t cap = 16;
	while (cap < n_exact * 2)
		cap *= 2;
	lex->slots = calloc(cap, sizeof *lex->slots);
	if (!lex->slots) {
		free(keyed);
		return -1;
	}
	lex->slot_mask = cap - 1;
	size_t o = 0;
	for (size_t i = 0; i < n_exact;) {
		size_t k = i;
		while (k < n_exact && keyed[k].hash == keyed[i].hash)
			k++;
		/* Words that share a hash (rarely more than one) get a slot each,
		 * their positions kept in ascending order. */
		for (size_t a = i; a < k; a++) {
			if (keyed[a].pos == UINT32_MAX)
				continue;
			const struct lex_entry *ea = &lex->entries[lex->idx[keyed[a].pos]];
			size_t x = keyed[a].hash & lex->slot_mask;
			while (lex->slots[x].hash)
				x = (x + 1) & lex->slot_mask;
			lex->slots[x].hash = keyed[a].hash;
			lex->slots[x].first = (uint32_t)o;
			lex->slots[x].entry = lex->idx[keyed[a].pos];
			for (size_t b = a; b < k; b++) {
				if (keyed[b].pos == UINT32_MAX)
					continue;
				const struct lex_entry *eb = &lex->entries[lex->idx[keyed[b].pos]];
				if (eb->wlen[0] != ea->wlen[0] ||
				    strncasecmp(eb->words[0], ea->words[0], ea->wlen[0]))
					continue;
				lex->exact[o++] = keyed[b].pos;
				keyed[b].pos = UINT32_MAX;
			}
			lex->slots[x].count = (uint32_t)(o - lex->slots[x].first);
		}
		i = k;
	}
	free(keyed);
	return 0;
}

/* The group of entries whose first word is w[0..n) (case folded, hash h), or NULL. */
static const struct lex_slot *lex_find(const struct lexicon *lex, uint32_t h, const char *w, size_t n)
{
	for (size_t x = h & lex->slot_mask; lex->slots[x].hash; x = (x + 1) & lex->slot_mask) {
		const struct lex_entry *e = &lex->entries[lex->slots[x].entry];
		if (lex->slots[x].hash == h && e->wlen[0] == n && strncasecmp(w, e->words[0], n) == 0)
			return &lex->slots[x];
	}
	return NULL;
}

int lexicon_word_is(const char *s, const struct text_token *t, const char *w)
{
	size_t tl = t->end - t->start, wl = strlen(w);
	if (wl && w[wl - 1] == '*') {
		wl--;
		return tl >= wl && strncasecmp(s + t->start, w, wl) == 0;
	}
	return tl == wl && strncasecmp(s + t->start, w, wl) == 0;
}

/* Split field f on sep into words[][LEX_WORD_MAX]; returns count or -1. */
static int split_words(char *f, char sep, char words[][LEX_WORD_MAX], unsigned max, unsigned *count)
{
	unsigned n = 0;
	char *p = f;
	*count = 0;
	if (strcmp(f, "-") == 0 || *f == '\0')
		return 0;
	while (*p) {
		while (*p == sep || *p == ' ')
			p++;
		if (!*p)
			break;
		char *e = p;
		while (*e && *e != sep)
			e++;
		size_t l = (size_t)(e - p);
		while (l && p[l - 1] == ' ')
			l--;
		if (n >= max || l == 0 || l >= LEX_WORD_MAX)
			return -1;
		memcpy(words[n], p, l);
		words[n][l] = '\0';
		n++;
		p = e;
	}
	*count = n;
	return 0;
}

static int parse_flags(const char *f, unsigned *flags)
{
	*flags = 0;
	if (strcmp(f, "-") == 0 || *f == '\0')
		return 0;
	char buf[256];
	event_strlcpy(buf, f, sizeof buf);
	for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (strcmp(w, "STATE") == 0)
			*flags |= LEX_F_STATE;
		else if (strcmp(w, "NONSTATE") == 0)
			*flags |= LEX_F_NONSTATE;
		else if (strcmp(w, "SIGNIFICANT") == 0)
			*flags |= LEX_F_SIGNIFICANT;
		else if (strcmp(w, "WEAK") == 0)
			*flags |= LEX_F_WEAK;
		else if (strcmp(w, "COREF") == 0)
			*flags |= LEX_F_COREF;
		else if (strcmp(w, "PRE") == 0)
			*flags |= LEX_F_PRE;
		else if (strcmp(w, "POST") == 0)
			*flags |= LEX_F_POST;
		else if (strcmp(w, "REPLY") == 0)
			*flags |= LEX_F_REPLY;
		else if (strcmp(w, "MUTUAL") == 0)
			*flags |= LEX_F_MUTUAL;
		else if (strcmp(w, "UNARMED") == 0)
			*flags |= LEX_F_UNARMED;
		else
			return -1;
	}
	return 0;
}

/* The length of each context entry's first word (without a final '*'),
 * and whether it is a prefix. */
static void first_word_lengths(const char (*words)[LEX_WORD_MAX], unsigned n, uint8_t *len, uint8_t *prefix)
{
	for (unsigned w = 0; w < n; w++) {
		size_t l = strcspn(words[w], " ");
		prefix[w] = l > 0 && words[w][l - 1] == '*';
		len[w] = (uint8_t)(l - prefix[w]);
	}
}

static int parse_line(char *line, unsigned lineno, struct lex_entry *e, char *why, size_t whylen)
{
	char *col[7] = {0};
	int nc = 0;
	for (char *p = line; nc < 7;) {
		col[nc++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	if (nc < 2) {
		snprintf(why, whylen, "expected at least 2 tab-separated columns");
		return -1;
	}
	memset(e, 0, sizeof *e);
	e->line = lineno;
	int k = -1;
	for (int i = 0; i < LEX_KIND_COUNT; i++)
		if (strcmp(col[0], kind_names[i]) == 0)
			k = i;
	if (k < 0) {
		snprintf(why, whylen, "unknown kind '%s'", col[0]);
		return -1;
	}
	e->kind = (enum lex_kind)k;
	if (split_words(col[1], ' ', e->words, LEX_MAX_PHRASE_WORDS, &e->n_words) < 0 || e->n_words == 0) {
		snprintf(why, whylen, "bad phrase '%s' (1..%d words of < %d bytes)", col[1],
		         LEX_MAX_PHRASE_WORDS, LEX_WORD_MAX);
		return -1;
	}
	for (unsigned w = 0; w < e->n_words; w++) {
		size_t l = strlen(e->words[w]);
		e->wprefix[w] = e->words[w][l - 1] == '*';
		e->wlen[w] = (uint8_t)(l - e->wprefix[w]);
		if (w == 0 && e->wprefix[0] && e->wlen[0] < 2) {
			snprintf(why, whylen, "a prefix pattern needs two letters before '*'");
			return -1;
		}
	}
	if (e->kind == LEX_COUNTRY) {
		if (nc < 3 || strlen(col[2]) != 2 || !isupper((unsigned char)col[2][0]) ||
		    !isupper((unsigned char)col[2][1])) {
			snprintf(why, whylen, "a country cue needs an ISO 3166-1 alpha-2 code, not '%s'",
			         nc > 2 ? col[2] : "");
			return -1;
		}
		memcpy(e->country, col[2], 3);
	} else if (nc > 2 && strcmp(col[2], "-") != 0) {
		int s = sub_event_type_parse(col[2]);
		if (s < 0) {
			snprintf(why, whylen, "unknown sub-event type '%s'", col[2]);
			return -1;
		}
		e->sub = (enum sub_event_type)s;
	} else if (e->kind == LEX_TRIGGER) {
		snprintf(why, whylen, "a trigger needs a sub-event type");
		return -1;
	}
	if (nc > 3 && strcmp(col[3], "-") != 0) {
		char *end;
		errno = 0;
		long v = strtol(col[3], &end, 10);
		if (*end || errno || v < 0 || v > 1000) {
			snprintf(why, whylen, "bad priority '%s'", col[3]);
			return -1;
		}
		e->priority = (int)v;
	}
	if (nc > 4 && parse_flags(col[4], &e->flags) < 0) {
		snprintf(why, whylen, "bad flags '%s'", col[4]);
		return -1;
	}
	if (nc > 5 && split_words(col[5], ',', e->require, LEX_MAX_CONTEXT_WORDS, &e->n_require) < 0) {
		snprintf(why, whylen, "require list: more than %d words, or a word of %d bytes or more",
		         LEX_MAX_CONTEXT_WORDS, LEX_WORD_MAX);
		return -1;
	}
	if (nc > 6 && split_words(col[6], ',', e->forbid, LEX_MAX_CONTEXT_WORDS, &e->n_forbid) < 0) {
		snprintf(why, whylen, "forbid list: more than %d words, or a word of %d bytes or more",
		         LEX_MAX_CONTEXT_WORDS, LEX_WORD_MAX);
		return -1;
	}
	first_word_lengths(e->require, e->n_require, e->require_len, e->require_prefix);
	first_word_lengths(e->forbid, e->n_forbid, e->forbid_len, e->forbid_prefix);
	return 0;
}

static int cmp_len_desc(const void *a, const void *b, void *ctx)
{
	const struct lex_entry *E = ctx;
	const struct lex_entry *x = &E[*(const uint32_t *)a], *y = &E[*(const uint32_t *)b];
	if (x->n_words != y->n_words)
		return x->n_words > y->n_words ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

int lexicon_parse(struct lexicon **out, const char *tsv, size_t len, const char *name, char *errbuf,
                  size_t errlen)
{
	struct lexicon *lex = calloc(1, sizeof *lex);
	char *line = NULL;
	if (!lex)
		goto oom;
	lex->entries = calloc(LEX_MAX_ENTRIES, sizeof *lex->entries);
	line = malloc(4096);
	if (!lex->entries || !line)
		goto oom;
	unsigned lineno = 0;
	for (size_t pos = 0; pos < len;) {
		size_t e = pos;
		while (e < len && tsv[e] != '\n')
			e++;
		lineno++;
		size_t l = e - pos;
		if (l && tsv[pos + l - 1] == '\r')
			l--;
		if (l >= 4096) {
			snprintf(errbuf, errlen, "%s:%u: line too long", name, lineno);
			goto err;
		}
		memcpy(line, tsv + pos, l);
		line[l] = '\0';
		pos = e + 1;
		if (l == 0 || line[0] == '#')
			continue;
		if (lex->n >= LEX_MAX_ENTRIES) {
			snprintf(errbuf, errlen, "%s:%u: more than %d entries", name, lineno,
			         LEX_MAX_ENTRIES);
			goto err;
		}
		char why[160];
		if (parse_line(line, lineno, &lex->entries[lex->n], why, sizeof why) < 0) {
			snprintf(errbuf, errlen, "%s:%u: %s", name, lineno, why);
			goto err;
		}
		lex->n++;
	}
	lex->idx = malloc((lex->n + 1) * sizeof *lex->idx);
	if (!lex->idx)
		goto oom;
	size_t k = 0;
	for (int b = 0; b < LEX_BUCKETS; b++) {
		lex->start[b] = (uint32_t)k;
		for (size_t i = 0; i < lex->n; i++)
			if (bucket_of(lex->entries[i].words[0], lex->entries[i].wlen[0]) == b)
				lex->idx[k++] = (uint32_t)i;
		qsort_r(lex->idx + lex->start[b], k - lex->start[b], sizeof *lex->idx, cmp_len_desc,
		        lex->entries);
	}
	lex->start[LEX_BUCKETS] = (uint32_t)k;
	if (lex_index(lex) < 0 || lex_anchor_index(lex) < 0)
		goto oom;
	free(line);
	*out = lex;
	return 0;
oom:
	snprintf(errbuf, errlen, "%s: out of memory", name);
err:
	free(line);
	lexicon_free(lex);
	return -1;
}

int lexicon_load(struct lexicon **out, const char *data_dir, char *errbuf, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/lexicon.tsv", data_dir);
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(errbuf, errlen, "%s:0: cannot open: %s", path, strerror(errno));
		return -1;
	}
	char *buf = malloc(LEX_FILE_MAX);
	if (!buf) {
		fclose(f);
		snprintf(errbuf, errlen, "%s:0: out of memory", path);
		return -1;
	}
	size_t n = fread(buf, 1, LEX_FILE_MAX, f);
	int toolong = !feof(f);
	fclose(f);
	if (toolong) {
		free(buf);
		snprintf(errbuf, errlen, "%s:0: larger than %u bytes", path, LEX_FILE_MAX);
		return -1;
	}
	int r = lexicon_parse(out, buf, n, path, errbuf, errlen);
	free(buf);
	return r;
}

void lexicon_free(struct lexicon *lex)
{
	if (!lex)
		return;
	free(lex->entries);
	free(lex->idx);
	free(lex->exact);
	free(lex->slots);
	free(lex->anchors);
	free(lex->anchor_slots);
	free(lex->prefix);
	free(lex->prefix_len);
	free(lex);
}

size_t lexicon_size(const struct lexicon *lex)
{
	return lex ? lex->n : 0;
}

/* Does e's phrase occur at token i?  Its words from `from` on are compared
 * (the first is known to match when its group was found by lex_find()). */
static inline int phrase_at(const struct lex_entry *e, const char *s, const struct text_token *toks, size_t n,
                            size_t i, unsigned from)
{
	if (i + e->n_words > n)
		return 0;
	for (unsigned w = from; w < e->n_words; w++) {
		const struct text_token *t = &toks[i + w];
		size_t tl = t->end - t->start, wl = e->wlen[w];
		if (e->wprefix[w] ? tl < wl : tl != wl)
			return 0;
		if (strncasecmp(s + t->start, e->words[w], wl) != 0)
			return 0;
	}
	return 1;
}

/* Report entry idx[j] when its phrase is at token i; returns the new count. */
static size_t match_one(const struct lexicon *lex, uint32_t j, const char *s, const struct text_token *toks,
                        size_t n, size_t i, struct lex_match *out, size_t k, unsigned from)
{
	const struct lex_entry *e = &lex->entries[lex->idx[j]];
	if (!phrase_at(e, s, toks, n, i, from))
		return k;
	out[k].tok_start = (uint32_t)i;
	out[k].tok_end = (uint32_t)(i + e->n_words);
	out[k].entry = e;
	return k + 1;
}

size_t lexicon_match(const struct lexicon *lex, const char *s, const struct text_token *toks, size_t n,
                     struct lex_match *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		if (!(toks[i].flags & (TOK_WORD | TOK_NUM)))
			continue;
		size_t tl = toks[i].end - toks[i].start;
		int b = bucket_of(s + toks[i].start, tl);
		uint32_t p = lex->pstart[b], pe = lex->pstart[b + 1];
		if (tl < lex->prefix_min[b])
			p = pe; /* shorter than every prefix pattern of the bucket */
		/* no exact first word of this length in the bucket: nothing to hash */
		const struct lex_slot *sl =
		    tl < LEX_WORD_MAX && ((lex->exact_lens[b] >> tl) & 1)
		        ? lex_find(lex, lex_hash(s + toks[i].start, tl), s + toks[i].start, tl)
		        : NULL;
		const uint32_t *x = sl ? lex->exact + sl->first : NULL;
		const uint32_t *xe = sl ? x + sl->count : NULL;
		/* The two lists merged in bucket order, as a walk of the bucket meets them. */
		while (k < max && (p < pe || x < xe)) {
			if (x < xe && (p >= pe || *x < lex->prefix[p]))
				k = match_one(lex, *x++, s, toks, n, i, out, k, 1);
			else if (lex->prefix_len[p] > tl)
				p++; /* the token is shorter than the pattern's prefix */
			else
				k = match_one(lex, lex->prefix[p++], s, toks, n, i, out, k, 0);
		}
	}
	return k;
}

/* Does anchor a's phrase occur with its anchor at token i? */
static int anchor_at(const struct lexicon *lex, const struct lex_anchor *a, const char *s,
                     const struct text_token *toks, size_t n, size_t i)
{
	return i >= a->word && phrase_at(&lex->entries[a->entry], s, toks, n, i - a->word, 0);
}

/* Letter a-z of a folded byte, 0..25, else 26: bucket_of()'s. */
static int folded_letter(uint64_t c)
{
	return c - 'a' < 26 ? (int)(c - 'a') : 26;
}

/* Every trigger or death phrase that matches has its anchor among the
 * tokens: a token that is no anchor (most) is refused by a bit of its
 * first eight bytes and length, and by its bucket's shortest prefix
 * anchor, without a comparison; an anchor found is checked with its whole
 * phrase.  Every token is looked at, as phrase_at() compares a phrase's
 * later words with tokens of any kind. */
int lexicon_may_trigger(const struct lexicon *lex, const char *s, const struct text_token *toks, size_t n)
{
	if (lex->any_always)
		return 1;
	size_t limit = n ? toks[n - 1].end : 0; /* bytes of s readable past a token */
	for (size_t i = 0; i < n; i++) {
		size_t tl = toks[i].end - toks[i].start;
		if (tl < lex->anchor_min || tl == 0)
			continue;
		uint64_t key = anchor_key(s + toks[i].start, tl, toks[i].start + 8 <= limit);
		uint32_t h = anchor_hash(key, tl);
		if ((lex->anchor_bits[(h >> 17) / 64] >> ((h >> 17) % 64)) & 1)
			for (size_t x = h & lex->anchor_mask; lex->anchor_slots[x].used;
			     x = (x + 1) & lex->anchor_mask) {
				const struct lex_aslot *sl = &lex->anchor_slots[x];
				if (sl->key != key || sl->len != tl)
					continue;
				for (uint32_t k = 0; k < sl->count; k++)
					if (anchor_at(lex, &lex->anchors[sl->first + k], s, toks, n, i))
						return 1;
				break;
			}
		int b = folded_letter(key & 0xff) * 27 + (tl > 1 ? folded_letter((key >> 8) & 0xff) : 26);
		if (tl >= lex->aprefix_min[b])
			for (uint32_t p = lex->apstart[b]; p < lex->apstart[b + 1]; p++) {
				const struct lex_anchor *a = &lex->anchors[p];
				if (a->len <= tl && (key & a->mask) == a->key &&
				    anchor_at(lex, a, s, toks, n, i))
					return 1;
			}
	}
	return 0;
}

/* Does context entry w (one word or a phrase) occur at token i? */
static int context_at(const char *w, const char *s, const struct text_token *toks, size_t n, size_t i)
{
	char word[LEX_WORD_MAX];
	for (;;) {
		const char *sp = strchr(w, ' ');
		size_t l = sp ? (size_t)(sp - w) : strlen(w);
		memcpy(word, w, l);
		word[l] = '\0';
		if (i >= n || !lexicon_word_is(s, &toks[i], word))
			return 0;
		if (!sp)
			return 1;
		w = sp + 1;
		i++;
	}
}

/* Any context entry at any word token of [t0, t1).  The first word's
 * length and first letter, known at load, rule out most pairs before the
 * full comparison; which first letters the sentence's words of each length
 * have (w, gathered once for the sentence) rules out most entries before
 * any token is visited.  Letters are kept by their low five bits (a-z
 * apart, the rest may share a bit: a filter only).  The answer is an OR
 * over all pairs, so the order they are tried in does not matter. */
static int any_word(const char (*words)[LEX_WORD_MAX], const uint8_t *len, const uint8_t *prefix, unsigned nw,
                    const struct lex_words *lw, size_t t0, size_t t1)
{
	const char *s = lw->s;
	const struct text_token *toks = lw->toks + t0;
	size_t n = t1 - t0, maxl = lw->maxl;
	for (unsigned w = 0; w < nw; w++) {
		unsigned char f = lower_ascii((unsigned char)words[w][0]);
		/* some word token long enough (prefix) or of the very length (63: any longer) */
		uint32_t have =
		    prefix[w] ? (len[w] <= maxl ? lw->from[len[w]] : 0) : lw->at[len[w] < 63 ? len[w] : 63];
		if (!(len[w] ? (have >> (f & 31)) & 1 : have != 0))
			continue;
		if (lw->chained && len[w] && len[w] < 63) {
			size_t l1 = prefix[w] ? maxl : len[w];
			/* a single word: the chain of its length (or longer, for a
			 * prefix) holds only tokens context_at() would compare */
			int one = words[w][len[w] + prefix[w]] == '\0';
			for (size_t l = len[w]; l <= l1; l++)
				for (int i = lw->head[l]; i >= 0; i = lw->next[i])
					if ((size_t)i >= t0 && (size_t)i < t1 &&
					    lower_ascii((unsigned char)s[lw->toks[i].start]) == f &&
					    (one ? strncasecmp(s + lw->toks[i].start, words[w], len[w]) == 0
					         : context_at(words[w], s, toks, n, (size_t)i - t0)))
						return 1;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			if (!(toks[i].flags & TOK_WORD))
				continue;
			size_t tl = toks[i].end - toks[i].start;
			if (prefix[w] ? tl < len[w] : tl != len[w])
				continue;
			if (len[w] && lower_ascii((unsigned char)s[toks[i].start]) != f)
				continue;
			if (context_at(words[w], s, toks, n, i))
				return 1;
		}
	}
	return 0;
}

void lexicon_words(struct lex_words *lw, const char *s, const struct text_token *toks, size_t n)
{
	lw->s = s;
	lw->toks = toks;
	lw->n = n;
	lw->chained = n <= LEX_WORDS_MAX_TOKENS;
	size_t maxl = 0;
	memset(lw->at, 0, sizeof lw->at);
	memset(lw->head, 0xff, sizeof lw->head);
	for (size_t i = 0; i < n; i++) {
		if (!(toks[i].flags & TOK_WORD))
			continue;
		size_t tl = toks[i].end - toks[i].start, l = tl < 63 ? tl : 63;
		unsigned char c0 = lower_ascii((unsigned char)s[toks[i].start]);
		lw->at[l] |= 1u << (c0 & 31);
		if (l > maxl)
			maxl = l;
		if (lw->chained) {
			lw->next[i] = lw->head[l];
			lw->head[l] = (int16_t)i;
		}
	}
	lw->maxl = maxl;
	lw->from[maxl + 1] = 0; /* and every length above: no token that long */
	for (size_t l = maxl + 1; l-- > 0;)
		lw->from[l] = lw->from[l + 1] | lw->at[l];
}

int lexicon_context_ok_in(const struct lex_entry *e, const struct lex_words *lw, size_t t0, size_t t1)
{
	if (e->n_require && !any_word((const char(*)[LEX_WORD_MAX])e->require, e->require_len,
	                              e->require_prefix, e->n_require, lw, t0, t1))
		return 0;
	if (e->n_forbid && any_word((const char(*)[LEX_WORD_MAX])e->forbid, e->forbid_len, e->forbid_prefix,
	                            e->n_forbid, lw, t0, t1))
		return 0;
	return 1;
}

int lexicon_context_ok(const struct lex_entry *e, const char *s, const struct text_token *toks, size_t n)
{
	if (!e->n_require && !e->n_forbid)
		return 1;
	struct lex_words lw;
	lexicon_words(&lw, s, toks, n);
	return lexicon_context_ok_in(e, &lw, 0, n);
}
