"""test_daemon_crash.py - kill -9, broker down/up and a leader change mid-stream: nothing lost.

A mock cluster of 3 brokers (a separate process), 6 input partitions.  An
independent client (python3-confluent-kafka) produces 2,400 generated
articles, every 17th one malformed, spread over all partitions at a steady
rate while 3 conflictd processes in one group work on them.  Meanwhile:
worker 2 is killed with SIGKILL (its uncommitted work is redone by whoever
gets its partitions; it is started again), broker 2 is taken down for 4 s
and brought back, and the leadership of two input partitions moves.

Afterwards every input message is accounted for downstream, by the
source-partition/source-offset headers: its events, or its dead-letter
record.  Zero lost; duplicates are counted and printed; after
de-duplication by event_id the events equal those of a clean run with one
worker over the same input (run first, on a topic of its own laid out at
the same offsets).
"""
import os
import signal
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

N_ARTICLES = 2400
PARTITIONS = 6
RATE = 160.0  # articles/s: production lasts 15 s
REF_IN, REF_OUT, REF_DLQ = "articles-ref", "conflict-events-ref", "articles-dlq-ref"


def run(res):
    mock = None
    daemons = []
    tmp = kt.tempdir("conflictd-crash-")
    group = "crash-" + uuid.uuid4().hex[:8]
    dec = kt.EventDecoder()
    msgs = kt.spread(kt.generated_articles(N_ARTICLES, 20181117, "crash"), PARTITIONS)
    try:
        mock = kt.MockCluster(brokers=3, partitions=PARTITIONS,
                              topics=(kt.INPUT, kt.OUTPUT, kt.DLQ, REF_IN, REF_OUT, REF_DLQ))

        # 1. The clean reference: one worker, no faults, same input.
        ref_placed, r = kt.start_reference(mock, tmp, group, msgs, (REF_IN, REF_OUT, REF_DLQ), daemons)
        t0 = r.started
        kt.check_committed_to_end(res, "reference", mock.bootstrap, group + "-ref", REF_IN,
                                  kt.end_offsets(ref_placed, PARTITIONS), 90)
        rc, _ = r.terminate(30)
        res.check(rc == 0, "reference: SIGTERM -> exit 0 (got %r)" % rc)
        kt.log("reference run: %.1f s" % (time.monotonic() - t0))

        # 2. Three workers, faults while the input arrives.
        cfg = kt.write_config(os.path.join(tmp, "run.conf"), mock.bootstrap, group=group, max_in_flight=64)
        t0 = time.monotonic()
        workers = [kt.Daemon(cfg, os.path.join(tmp, "w%d.log" % i)) for i in range(3)]
        daemons.extend(workers)
        for i, w in enumerate(workers):
            res.check(w.wait_log("rebalance: assigned", 40), "worker %d: joins the group" % i)
        prod = kt.PacedProducer(mock.bootstrap, kt.INPUT, msgs, rate=RATE)

        def at(sec):
            while time.monotonic() < t_start + sec:
                time.sleep(0.05)

        t_start = time.monotonic()
        at(3)
        victim = workers[2]
        before = prod.sent
        victim.proc.send_signal(signal.SIGKILL)
        victim.proc.wait(10)
        kt.log("kill -9 worker 2 after %d of %d articles were sent" % (before, N_ARTICLES))
        res.check(0 < before < N_ARTICLES, "the kill lands mid-stream (%d of %d sent)" % (before, N_ARTICLES))
        at(5)
        w3 = kt.Daemon(cfg, os.path.join(tmp, "w2-restarted.log"))
        daemons.append(w3)
        workers[2] = w3
        at(7)
        res.check(mock.command("broker-down 2") == "ok", "broker 2 down (at %d/%d articles sent)"
                  % (prod.sent, N_ARTICLES))
        at(11)
        res.check(mock.command("broker-up 2") == "ok", "broker 2 up again (at %d/%d)" % (prod.sent, N_ARTICLES))
        at(12)
        ok = all(mock.command("leader %s %d %d" % (kt.INPUT, p, 1 + (p + 1) % 3)) == "ok" for p in (0, 3))
        ok = ok and mock.command("leader %s %d 3" % (kt.OUTPUT, 1)) == "ok"
        res.check(ok, "leadership of input partitions 0 and 3 and output partition 1 moved (at %d/%d)"
                  % (prod.sent, N_ARTICLES))
        placed = prod.join(60)
        kt.log("input produced in %.1f s" % (time.monotonic() - t_start))
        res.check(w3.wait_log("rebalance: assigned", 30), "restarted worker 2: rejoins and gets partitions")

        kt.check_committed_to_end(res, "faulted run", mock.bootstrap, group, kt.INPUT,
                                  kt.end_offsets(placed, PARTITIONS), 60)
        for i, w in enumerate(workers):
            rc, secs = w.terminate(30)
            res.check(rc == 0, "worker %d: SIGTERM -> exit 0 (got %r after %.1fs)" % (i, rc, secs))
        kt.log("faulted run: %.1f s" % (time.monotonic() - t0))

        # 3. Accounting.
        ref, got = kt.ledgers(mock.bootstrap, [(REF_OUT, REF_DLQ), (kt.OUTPUT, kt.DLQ)], dec)
        res.check(ref.n_events > N_ARTICLES // 2, "reference: events for most articles (%d)" % ref.n_events)
        res.check(ref.n_dead == N_ARTICLES // 17, "reference: every malformed input dead-lettered (%d of %d)"
                  % (ref.n_dead, N_ARTICLES // 17))
        bad_parts = {p for (p, _o) in ref.dead}
        res.check(bad_parts == set(range(PARTITIONS)), "malformed inputs on every partition (%s)"
                  % sorted(bad_parts))
        kt.account(res, "kill -9 + broker down/up + leader change", placed, got, ref, ref_placed)
    finally:
        kt.stop_all(res, mock, daemons)


if __name__ == "__main__":
    kt.main(run)
