/*
 * offsets.c - per-partition rings of in-flight offsets -> committable offset.
 *
 * Each partition has a ring of (offset, done) in consumption order, so the
 * ring is sorted and offsets_done() finds an entry by binary search:
 * O(log capacity) per delivery, O(1) amortised to pop the finished prefix.
 * Rings are allocated on a partition's first offset, once, at full capacity:
 * no allocation per message.
 */
#include "offsets.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct offsets_part {
	int64_t *ring; /* capacity entries, NULL until first used */
	unsigned char *done;
	size_t head, len;
	int64_t last_begun; /* -1 when none since the last reset */
	int64_t committable;
	int dirty;
};

struct offsets {
	size_t capacity;
	struct offsets_part *parts;
	int32_t n_parts; /* parts[0..n_parts) allocated */
	size_t total;
};

struct offsets *offsets_new(size_t capacity)
{
	struct offsets *t;

	if (capacity == 0)
		capacity = 1;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->capacity = capacity;
	return t;
}

void offsets_free(struct offsets *t)
{
	if (!t)
		return;
	for (int32_t i = 0; i < t->n_parts; i++) {
		free(t->parts[i].ring);
		free(t->parts[i].done);
	}
	free(t->parts);
	free(t);
}

static void part_init(struct offsets_part *p)
{
	p->head = p->len = 0;
	p->last_begun = -1;
	p->committable = -1;
	p->dirty = 0;
}

/* The partition's slot, growing the table when create is set; NULL when out
 * of range, absent or out of memory. */
static struct offsets_part *part_get(struct offsets *t, int32_t partition, int create)
{
	if (partition < 0 || partition >= OFFSETS_MAX_PARTITIONS)
		return NULL;
	if (partition >= t->n_parts) {
		int32_t n = t->n_parts ? t->n_parts : 8;
		struct offsets_part *np;

		if (!create)
			return NULL;
		while (n <= partition)
			n *= 2;
		if (n > OFFSETS_MAX_PARTITIONS)
			n = OFFSETS_MAX_PARTITIONS;
		np = realloc(t->parts, (size_t)n * sizeof(*np));
		if (!np)
			return NULL;
		memset(np + t->n_parts, 0, (size_t)(n - t->n_parts) * sizeof(*np));
		for (int32_t i = t->n_parts; i < n; i++)
			part_init(&np[i]);
		t->parts = np;
		t->n_parts = n;
	}
	return &t->parts[partition];
}

static const struct offsets_part *part_get_const(const struct offsets *t, int32_t partition)
{
	if (partition < 0 || partition >= t->n_parts)
		return NULL;
	return &t->parts[partition];
}

int offsets_begin(struct offsets *t, int32_t partition, int64_t offset)
{
	struct offsets_part *p;

	if (partition < 0 || partition >= OFFSETS_MAX_PARTITIONS || offset < 0)
		return -EINVAL;
	p = part_get(t, partition, 1);
	if (!p)
		return -ENOMEM;
	if (p->last_begun >= 0 && offset <= p->last_begun)
		return -EINVAL;
	if (p->len == t->capacity)
		return -ENOSPC;
	if (!p->ring) {
		p->ring = malloc(t->capacity * sizeof(*p->ring));
		p->done = malloc(t->capacity);
		if (!p->ring || !p->done) {
			free(p->ring);
			free(p->done);
			p->ring = NULL;
			p->done = NULL;
			return -ENOMEM;
		}
	}
	size_t at = (p->head + p->len) % t->capacity;
	p->ring[at] = offset;
	p->done[at] = 0;
	p->len++;
	p->last_begun = offset;
	t->total++;
	return 0;
}

int offsets_done(struct offsets *t, int32_t partition, int64_t offset)
{
	struct offsets_part *p = part_get(t, partition, 0);
	size_t lo = 0, hi, at;

	if (!p || p->len == 0)
		return -ENOENT;
	/* Binary search over the logical positions 0..len-1 of the sorted ring. */
	hi = p->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->ring[(p->head + mid) % t->capacity] < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == p->len)
		return -ENOENT;
	at = (p->head + lo) % t->capacity;
	if (p->ring[at] != offset || p->done[at])
		return -ENOENT;
	p->done[at] = 1;

	/* Release the finished prefix. */
	while (p->len > 0 && p->done[p->head]) {
		p->committable = p->ring[p->head] + 1;
		p->dirty = 1;
		p->head = (p->head + 1) % t->capacity;
		p->len--;
		t->total--;
	}
	return 0;
}

int64_t offsets_committable(const struct offsets *t, int32_t partition)
{
	const struct offsets_part *p = part_get_const(t, partition);
	return p ? p->committable : -1;
}

int offsets_dirty(const struct offsets *t, int32_t partition)
{
	const struct offsets_part *p = part_get_const(t, partition);
	return p ? p->dirty : 0;
}

void offsets_mark_clean(struct offsets *t, int32_t partition)
{
	struct offsets_part *p = part_get(t, partition, 0);
	if (p)
		p->dirty = 0;
}

size_t offsets_in_flight(const struct offsets *t, int32_t partition)
{
	const struct offsets_part *p = part_get_const(t, partition);
	return p ? p->len : 0;
}

size_t offsets_total_in_flight(const struct offsets *t)
{
	return t->total;
}

size_t offsets_max_in_flight(const struct offsets *t)
{
	size_t max = 0;
	for (int32_t i = 0; i < t->n_parts; i++)
		if (t->parts[i].len > max)
			max = t->parts[i].len;
	return max;
}

size_t offsets_capacity(const struct offsets *t)
{
	return t->capacity;
}

void offsets_reset(struct offsets *t, int32_t partition)
{
	struct offsets_part *p = part_get(t, partition, 0);
	if (!p)
		return;
	t->total -= p->len;
	part_init(p);
}

int32_t offsets_partition_count(const struct offsets *t)
{
	return t->n_parts;
}
