"""test_daemon_scale.py - workers join and leave while articles arrive: nothing lost.

Scaling out and in, as operators do during deploys: 6 input partitions on a
2-broker mock cluster (a separate process), 1,800 generated articles (every
17th malformed) produced at a steady rate by an independent client while
the group changes under it:

  t=0 A starts; t=3 B joins; t=4 E starts and at t=5.5, still joining,
  gets SIGTERM (librdkafka 2.0.2 aborted there before the daemon waited for
  the first assignment); t=6 C joins; t=9 B leaves (SIGTERM);
  t=11 D joins; t=13 A leaves (SIGTERM); the rest run to the end.

Every SIGTERM must exit 0 within its bound.  Afterwards, as in the crash
test: every input has its events or its dead letter downstream, zero lost,
and after de-duplication by event_id the events equal a clean one-worker
run's over the same input (run meanwhile, on a topic of its own laid out at the
same offsets).  Unlike the crash test, every hand-over here is graceful
(joins, and leaves by SIGTERM), so there must be zero duplicates too: each
member commits what it delivered before its partitions move, including a
member told to stop while its own JoinGroup is pending (the final commit
waits for the rebalance to end; see pipeline_commit_final()).  One exception
is the mock's, not the daemon's: the mock refuses a commit while its group
is joining (REBALANCE_IN_PROGRESS), where a broker accepts it from a member
of the current generation.  When another member joins or leaves just as
one gives partitions up, that commit on revocation is refused and the next
owner redoes the partitions' uncommitted tail: the duplicates on those
partitions are counted apart, found from the worker's log line.  The same
goes for a member whose commits the mock kept refusing while it shut down:
when the mock is still joining once the member's wait for a settled group
(3/4 of its bound) is over, its final commit fails with ILLEGAL_GENERATION
and the next owner redoes that tail; that member's final-commit check is
skipped with a log line.  Such a member is known by a refused commit in its
log after the stop, or by that ILLEGAL_GENERATION failure of its final
commit itself when its wait ran out before any other commit went out.
"""
import os
import re
import signal
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

N_ARTICLES = 1800
PARTITIONS = 6
RATE = 120.0  # articles/s: production lasts 15 s
REF_IN, REF_OUT, REF_DLQ = "articles-ref", "conflict-events-ref", "articles-dlq-ref"


def run(res):
    mock = None
    daemons = []
    tmp = kt.tempdir("conflictd-scale-")
    group = "scale-" + uuid.uuid4().hex[:8]
    dec = kt.EventDecoder()
    msgs = kt.spread(kt.generated_articles(N_ARTICLES, 1917, "scale"), PARTITIONS)
    try:
        mock = kt.MockCluster(brokers=2, partitions=PARTITIONS,
                              topics=(kt.INPUT, kt.OUTPUT, kt.DLQ, REF_IN, REF_OUT, REF_DLQ))

        # The reference runs meanwhile, in a group of its own.
        ref_placed, r = kt.start_reference(mock, tmp, group, msgs, (REF_IN, REF_OUT, REF_DLQ), daemons)

        cfg = kt.write_config(os.path.join(tmp, "run.conf"), mock.bootstrap, group=group, max_in_flight=64,
                              shutdown_timeout_ms=10000)
        workers = {}

        def start(name):
            workers[name] = kt.Daemon(cfg, os.path.join(tmp, name + ".log"))
            daemons.append(workers[name])

        def leave(name):
            rc, secs = workers[name].terminate(20)
            res.check(rc == 0 and secs < 12, "%s: leaves on SIGTERM -> exit 0 within the 10 s bound (got %r "
                      "after %.1fs, %d/%d articles sent)" % (name, rc, secs, prod.sent, N_ARTICLES))

        start("A")
        res.check(workers["A"].wait_log("rebalance: assigned", 30), "A: owns the partitions")
        prod = kt.PacedProducer(mock.bootstrap, kt.INPUT, msgs, rate=RATE)
        t0 = time.monotonic()

        def at(sec):
            while time.monotonic() < t0 + sec:
                time.sleep(0.05)

        at(3)
        start("B")
        at(4)
        start("E")  # SIGTERMed while it is still joining
        at(5.5)
        rc, secs = workers["E"].terminate(20)
        res.check(rc == 0, "E: SIGTERM while joining -> exit 0 (got %r after %.1fs)" % (rc, secs))
        del workers["E"]
        at(6)
        start("C")
        at(9)
        leave("B")
        at(11)
        start("D")
        at(13)
        leave("A")
        placed = prod.join(60)
        res.check(prod.sent == N_ARTICLES, "input produced while the group changed (%.1f s)"
                  % (time.monotonic() - t0))
        kt.check_committed_to_end(res, "scaled run", mock.bootstrap, group, kt.INPUT,
                                  kt.end_offsets(placed, PARTITIONS), 60)
        # The last two leave together, as in a deploy that stops every instance.
        for name in ("C", "D"):
            res.check("rebalance: assigned" in workers[name].log_text(), "%s: was given partitions" % name)
            workers[name].proc.send_signal(signal.SIGTERM)
        for name in ("C", "D"):
            leave(name)
        kt.check_committed_to_end(res, "reference", mock.bootstrap, group + "-ref", REF_IN,
                                  kt.end_offsets(ref_placed, PARTITIONS), 60)
        rc, _ = r.terminate(30)
        res.check(rc == 0, "reference: SIGTERM -> exit 0 (got %r)" % rc)
        consumed = {}
        for name, w in sorted(workers.items()):
            m = re.search(r"shut down in \d+ ms: (\d+) article", w.log_text())
            consumed[name] = int(m.group(1)) if m else -1
        kt.log("articles consumed per worker: %s" % consumed)
        res.check(sum(1 for n in consumed.values() if n > 0) >= 3,
                  "at least 3 of the 4 workers did part of the work (%s)" % consumed)
        revocations = sum(w.log_text().count("rebalance: revoked") for w in workers.values())
        kt.log("%d revocation(s) across the workers" % revocations)
        res.check(revocations >= 3, "partitions moved between workers (%d revocations)" % revocations)

        ref, got = kt.ledgers(mock.bootstrap, [(REF_OUT, REF_DLQ), (kt.OUTPUT, kt.DLQ)], dec)
        res.check(ref.n_dead == N_ARTICLES // 17, "reference: every malformed input dead-lettered (%d)" % ref.n_dead)
        counts = kt.account(res, "workers joining and leaving", placed, got, ref, ref_placed)
        # The mock refuses an OffsetCommit while its group is joining, which a
        # broker accepts from a member of the current generation (Kafka's
        # GroupCoordinator: Stable | PreparingRebalance): when another member
        # joins or leaves just as one gives partitions up, the commit on revocation is
        # refused and the next owner redoes what was delivered since the last
        # commit.  Those partitions' duplicates are the mock's, counted apart.
        # A member told to stop while the mock keeps refusing its commits
        # waits for the group to settle (at most 3/4 of its bound); if the
        # mock is still joining then, the generation has moved on by the
        # time the commit goes out and it fails with ILLEGAL_GENERATION:
        # the same refusal seen later, so those partitions count apart too.
        refused = set()
        refused_at_stop = set()
        for name, w in workers.items():
            revoked = []
            stopping = mock_refused = False
            for line in w.log_text().splitlines():
                if "stop requested" in line:
                    stopping = True
                elif "Group rebalance in progress" in line and stopping and "commit" in line:
                    mock_refused = True
                elif stopping and "final commit failed" in line and "generation id is not valid" in line:
                    # the same case when the member's wait ran out before
                    # the timer sent a commit the mock could refuse
                    mock_refused = True
                if "rebalance: " in line:
                    revoked = [int(x) for x in re.findall(r"%s\[(\d+)\]" % kt.INPUT, line)] \
                        if "rebalance: revoked" in line else []
                elif "commit on revocation failed: " in line and (
                        "Group rebalance in progress" in line or mock_refused):
                    refused.update(revoked)
            if mock_refused:
                refused_at_stop.add(name)
        dup_parts = {}
        for src, recs in got.events.items():
            n = len(recs) - len({r["event_id"] for r in recs})
            if n:
                dup_parts[src[0]] = dup_parts.get(src[0], 0) + n
        for src, hs in got.dead.items():
            if len(hs) > 1:
                dup_parts[src[0]] = dup_parts.get(src[0], 0) + len(hs) - 1
        ours = sum(n for p, n in dup_parts.items() if p not in refused)
        kt.log("duplicates by partition %s; partitions whose commit on revocation the mock refused: %s"
               % (dup_parts, sorted(refused)))
        res.check(ours == 0, "graceful joins and leaves: zero duplicates outside the mock's refused commits "
                  "(%d; %d on partitions %s)" % (ours, counts["duplicates"] - ours, sorted(refused)))
        for name, w in sorted(workers.items()):
            if name in refused_at_stop:
                kt.log("%s: the mock refused its commits (REBALANCE_IN_PROGRESS or, once its wait for a "
                       "settled group ran out, ILLEGAL_GENERATION) while it shut down" % name)
                continue
            res.check("final commit failed" not in w.log_text(), "%s: its final commit went through" % name)
    finally:
        kt.stop_all(res, mock, daemons)


if __name__ == "__main__":
    kt.main(run)
