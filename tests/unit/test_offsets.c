/* test_offsets.c - the at-least-once offset tracker: contiguous prefixes only. */
#include <errno.h>

#include "offsets.h"
#include "test.h"

static void offsets_nothing_done_is_not_committable(void)
{
	struct offsets *t = offsets_new(8);
	CHECK_INT(offsets_committable(t, 0), -1);
	CHECK_INT(offsets_begin(t, 0, 10), 0);
	CHECK_INT(offsets_committable(t, 0), -1);
	CHECK_INT(offsets_in_flight(t, 0), 1);
	CHECK_INT(offsets_dirty(t, 0), 0);
	offsets_free(t);
}

static void offsets_in_order_completion_advances_one_by_one(void)
{
	struct offsets *t = offsets_new(8);
	for (int64_t o = 0; o < 3; o++)
		CHECK_INT(offsets_begin(t, 2, o), 0);
	CHECK_INT(offsets_done(t, 2, 0), 0);
	CHECK_INT(offsets_committable(t, 2), 1);
	CHECK_INT(offsets_dirty(t, 2), 1);
	offsets_mark_clean(t, 2);
	CHECK_INT(offsets_dirty(t, 2), 0);
	CHECK_INT(offsets_done(t, 2, 1), 0);
	CHECK_INT(offsets_committable(t, 2), 2);
	CHECK_INT(offsets_done(t, 2, 2), 0);
	CHECK_INT(offsets_committable(t, 2), 3);
	CHECK_INT(offsets_in_flight(t, 2), 0);
	CHECK_INT(offsets_total_in_flight(t), 0);
	offsets_free(t);
}

static void offsets_out_of_order_completion_waits_for_the_gap(void)
{
	struct offsets *t = offsets_new(8);
	for (int64_t o = 100; o < 105; o++)
		CHECK_INT(offsets_begin(t, 0, o), 0);
	/* 101, 103 and 104 finish first: nothing may be stored while 100 is open. */
	CHECK_INT(offsets_done(t, 0, 103), 0);
	CHECK_INT(offsets_done(t, 0, 101), 0);
	CHECK_INT(offsets_done(t, 0, 104), 0);
	CHECK_INT(offsets_committable(t, 0), -1);
	CHECK_INT(offsets_in_flight(t, 0), 5);
	/* 100 closes the first gap: 100 and 101 are released, 102 still blocks. */
	CHECK_INT(offsets_done(t, 0, 100), 0);
	CHECK_INT(offsets_committable(t, 0), 102);
	CHECK_INT(offsets_in_flight(t, 0), 3);
	CHECK_INT(offsets_done(t, 0, 102), 0);
	CHECK_INT(offsets_committable(t, 0), 105);
	CHECK_INT(offsets_in_flight(t, 0), 0);
	offsets_free(t);
}

static void offsets_gaps_in_the_log_are_not_waited_for(void)
{
	/* A compacted topic: offsets 5, 9, 20 exist, nothing between. */
	struct offsets *t = offsets_new(4);
	CHECK_INT(offsets_begin(t, 1, 5), 0);
	CHECK_INT(offsets_begin(t, 1, 9), 0);
	CHECK_INT(offsets_begin(t, 1, 20), 0);
	CHECK_INT(offsets_done(t, 1, 9), 0);
	CHECK_INT(offsets_done(t, 1, 5), 0);
	CHECK_INT(offsets_committable(t, 1), 10);
	CHECK_INT(offsets_done(t, 1, 20), 0);
	CHECK_INT(offsets_committable(t, 1), 21);
	offsets_free(t);
}

static void offsets_partitions_are_independent(void)
{
	struct offsets *t = offsets_new(4);
	CHECK_INT(offsets_begin(t, 0, 0), 0);
	CHECK_INT(offsets_begin(t, 3, 0), 0);
	CHECK_INT(offsets_begin(t, 3, 1), 0);
	CHECK_INT(offsets_done(t, 3, 0), 0);
	CHECK_INT(offsets_committable(t, 3), 1);
	CHECK_INT(offsets_committable(t, 0), -1);
	CHECK_INT(offsets_total_in_flight(t), 2);
	CHECK(offsets_partition_count(t) >= 4);
	offsets_free(t);
}

static void offsets_full_ring_refuses_then_accepts_after_release(void)
{
	struct offsets *t = offsets_new(3);
	CHECK_INT(offsets_begin(t, 0, 0), 0);
	CHECK_INT(offsets_begin(t, 0, 1), 0);
	CHECK_INT(offsets_begin(t, 0, 2), 0);
	CHECK_INT(offsets_begin(t, 0, 3), -ENOSPC);
	/* A done entry behind an open head still occupies its place. */
	CHECK_INT(offsets_done(t, 0, 2), 0);
	CHECK_INT(offsets_begin(t, 0, 3), -ENOSPC);
	CHECK_INT(offsets_done(t, 0, 0), 0);
	CHECK_INT(offsets_begin(t, 0, 3), 0);
	CHECK_INT(offsets_done(t, 0, 1), 0);
	CHECK_INT(offsets_committable(t, 0), 3);
	/* Wrap around the ring many times; in flight at each step: {o}. */
	for (int64_t o = 3; o < 60; o += 3) {
		CHECK_INT(offsets_begin(t, 0, o + 1), 0);
		CHECK_INT(offsets_begin(t, 0, o + 2), 0);
		CHECK_INT(offsets_begin(t, 0, o + 3), -ENOSPC);
		CHECK_INT(offsets_done(t, 0, o + 2), 0);
		CHECK_INT(offsets_done(t, 0, o + 1), 0);
		CHECK_INT(offsets_committable(t, 0), o);
		CHECK_INT(offsets_done(t, 0, o), 0);
		CHECK_INT(offsets_committable(t, 0), o + 3);
		CHECK_INT(offsets_begin(t, 0, o + 3), 0);
	}
	CHECK_INT(offsets_in_flight(t, 0), 1);
	offsets_free(t);
}
static void offsets_window_is_held_by_its_oldest_offset(void)
{
	/* One slow article at the head keeps the window full even though every
	 * article after it is done: the daemon must pause on this, not on the
	 * number of articles in flight. */
	struct offsets *t = offsets_new(4);
	CHECK_INT(offsets_capacity(t), 4);
	for (int64_t o = 0; o < 4; o++)
		CHECK_INT(offsets_begin(t, 1, o), 0);
	CHECK_INT(offsets_begin(t, 0, 0), 0);
	for (int64_t o = 1; o < 4; o++)
		CHECK_INT(offsets_done(t, 1, o), 0);
	CHECK_INT(offsets_max_in_flight(t), 4);
	CHECK_INT(offsets_begin(t, 1, 4), -ENOSPC);
	CHECK_INT(offsets_done(t, 1, 0), 0);
	CHECK_INT(offsets_max_in_flight(t), 1);
	CHECK_INT(offsets_committable(t, 1), 4);
	offsets_free(t);
}

static void offsets_rejects_bad_input(void)
{
	struct offsets *t = offsets_new(4);
	CHECK_INT(offsets_begin(t, -1, 0), -EINVAL);
	CHECK_INT(offsets_begin(t, OFFSETS_MAX_PARTITIONS, 0), -EINVAL);
	CHECK_INT(offsets_begin(t, 0, 7), 0);
	CHECK_INT(offsets_begin(t, 0, 7), -EINVAL);
	CHECK_INT(offsets_begin(t, 0, 6), -EINVAL);
	CHECK_INT(offsets_done(t, 0, 8), -ENOENT);
	CHECK_INT(offsets_done(t, 0, 6), -ENOENT);
	CHECK_INT(offsets_done(t, 9, 7), -ENOENT);
	CHECK_INT(offsets_done(t, 0, 7), 0);
	CHECK_INT(offsets_done(t, 0, 7), -ENOENT);
	offsets_free(t);
}

static void offsets_reset_forgets_a_revoked_partition(void)
{
	struct offsets *t = offsets_new(4);
	CHECK_INT(offsets_begin(t, 0, 50), 0);
	CHECK_INT(offsets_begin(t, 0, 51), 0);
	CHECK_INT(offsets_done(t, 0, 50), 0);
	offsets_reset(t, 0);
	CHECK_INT(offsets_committable(t, 0), -1);
	CHECK_INT(offsets_total_in_flight(t), 0);
	/* A late delivery report of the given-up offset changes nothing. */
	CHECK_INT(offsets_done(t, 0, 51), -ENOENT);
	CHECK_INT(offsets_committable(t, 0), -1);
	/* Re-assigned later from an older committed offset: starts afresh. */
	CHECK_INT(offsets_begin(t, 0, 51), 0);
	CHECK_INT(offsets_done(t, 0, 51), 0);
	CHECK_INT(offsets_committable(t, 0), 52);
	offsets_free(t);
}

static void offsets_random_completion_order_matches_a_model(void)
{
	/* Complete 2000 offsets (with gaps) in a shuffled order and check, after
	 * each completion, that committable equals the first open offset. */
	enum { N = 2000 };
	static int64_t offs[N];
	static int order[N];
	static unsigned char done[N];
	struct offsets *t = offsets_new(N);
	unsigned seed = 12345;
	int64_t o = 0;

	for (int i = 0; i < N; i++) {
		o += 1 + (i % 3 == 0); /* every third step skips an offset */
		offs[i] = o;
		order[i] = i;
		CHECK_INT(offsets_begin(t, 0, o), 0);
	}
	for (int i = N - 1; i > 0; i--) {
		seed = seed * 1103515245u + 12345u;
		int j = (int)((seed >> 8) % (unsigned)(i + 1));
		int tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	int first_open = 0, bad = 0;
	for (int k = 0; k < N; k++) {
		if (offsets_done(t, 0, offs[order[k]]) != 0)
			bad++;
		done[order[k]] = 1;
		while (first_open < N && done[first_open])
			first_open++;
		int64_t want = first_open == 0 ? -1 : offs[first_open - 1] + 1;
		if (offsets_committable(t, 0) != want)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(offsets_committable(t, 0), offs[N - 1] + 1);
	CHECK_INT(offsets_total_in_flight(t), 0);
	offsets_free(t);
}

int main(void)
{
	RUN(offsets_nothing_done_is_not_committable);
	RUN(offsets_in_order_completion_advances_one_by_one);
	RUN(offsets_out_of_order_completion_waits_for_the_gap);
	RUN(offsets_gaps_in_the_log_are_not_waited_for);
	RUN(offsets_partitions_are_independent);
	RUN(offsets_full_ring_refuses_then_accepts_after_release);
	RUN(offsets_window_is_held_by_its_oldest_offset);
	RUN(offsets_rejects_bad_input);
	RUN(offsets_reset_forgets_a_revoked_partition);
	RUN(offsets_random_completion_order_matches_a_model);
	TEST_DONE();
}
