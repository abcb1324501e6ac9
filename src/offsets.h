/*
 * offsets.h - which input offsets may be committed, per partition.
 *
 * At-least-once means an input offset is stored only when every record it
 * produced (its events, or its dead-letter copy) has been acknowledged, and
 * only as a contiguous prefix: if offset 7 is done but 6 is not, committing
 * 8 would lose 6 on a crash.  Delivery reports arrive in any order (events
 * of one article go to different output partitions), so the tracker keeps,
 * per input partition, a ring of the offsets consumed but not yet released,
 * in consumption order, each with a done flag.  Marking the head done pops
 * it and every done offset behind it; the last popped offset + 1 is what may
 * be stored.  Offsets need not be consecutive (compacted topics and
 * transaction markers leave gaps): only offsets that were begun count.
 *
 * Bounded: each partition's ring holds at most `capacity` offsets (the
 * daemon's kafka.max_in_flight), and at most OFFSETS_MAX_PARTITIONS
 * partitions are tracked.  Not thread-safe: the daemon's main thread owns it.
 */
#ifndef CONFLICTD_OFFSETS_H
#define CONFLICTD_OFFSETS_H

#include <stddef.h>
#include <stdint.h>

#define OFFSETS_MAX_PARTITIONS 65536

struct offsets;

/* A tracker whose rings hold up to capacity (>= 1) offsets each.  NULL on
 * allocation failure. */
struct offsets *offsets_new(size_t capacity);
void offsets_free(struct offsets *t);

/* Record that offset was consumed from partition and is now in flight.
 * Offsets of a partition must be begun in increasing order.  Returns 0, or
 * -ENOSPC when the partition's ring is full, -EINVAL for a partition out of
 * range or an offset not above the last one begun, -ENOMEM. */
int offsets_begin(struct offsets *t, int32_t partition, int64_t offset);

/* Mark a begun offset done.  Returns 0, or -ENOENT when the offset is not
 * in flight (never begun, already done, or dropped by offsets_reset()). */
int offsets_done(struct offsets *t, int32_t partition, int64_t offset);

/* The offset to store for partition (highest contiguous done offset + 1),
 * or -1 when nothing has completed since the partition was (re)set. */
int64_t offsets_committable(const struct offsets *t, int32_t partition);

/* 1 when committable has moved since the last offsets_mark_clean(). */
int offsets_dirty(const struct offsets *t, int32_t partition);
void offsets_mark_clean(struct offsets *t, int32_t partition);

/* Offsets of partition begun but not yet released (done ones behind an
 * unfinished head count too: they are not committable yet). */
size_t offsets_in_flight(const struct offsets *t, int32_t partition);
size_t offsets_total_in_flight(const struct offsets *t);
/* The fullest partition's offsets_in_flight(): when it reaches the capacity
 * that partition can begin nothing more until its oldest offset is done,
 * however few articles are actually in flight.  O(partitions). */
size_t offsets_max_in_flight(const struct offsets *t);
size_t offsets_capacity(const struct offsets *t);

/* Forget everything about partition (on assignment or when giving it up
 * on revocation): later offsets_done() calls for its old offsets return
 * -ENOENT and committable is -1 again. */
void offsets_reset(struct offsets *t, int32_t partition);

/* The highest partition number ever touched + 1 (for iterating). */
int32_t offsets_partition_count(const struct offsets *t);

#endif
