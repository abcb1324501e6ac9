"""test_daemon_rebalance.py - a second member joins mid-stream: a cooperative hand-over.

Daemon A owns all four input partitions and has articles in flight (the
events' broker is slowed down) when daemon B joins the group.  With
cooperative-sticky assignment A gives up only the partitions B gets (an
incremental revocation, not all four), finishes their in-flight articles
and commits before letting go, so B starts exactly where A stopped: after
both finish, their events together equal an uninterrupted reference run's,
with no event delivered twice.
"""
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

N_ARTICLES = 200
PARTITIONS = 4
REF_OUT, REF_DLQ = "conflict-events-ref", "articles-dlq-ref"



def event_ids(msgs, dec):
    return [dec.decode(m["value"])["event_id"] for m in msgs]


def run(res):
    mock = None
    daemons = []
    tmp = kt.tempdir("conflictd-rebalance-")
    group = "rebalance-" + uuid.uuid4().hex[:8]
    dec = kt.EventDecoder()
    try:
        mock = kt.MockCluster(brokers=2, partitions=PARTITIONS,
                              topics=(kt.INPUT, kt.OUTPUT, kt.DLQ, REF_OUT, REF_DLQ))
        for p in range(PARTITIONS):
            mock.command("leader %s %d 1" % (kt.INPUT, p))
            mock.command("leader %s %d 2" % (kt.OUTPUT, p))
        cfg = kt.write_config(os.path.join(tmp, "run.conf"), mock.bootstrap, group=group, max_in_flight=16)

        a = kt.Daemon(cfg, os.path.join(tmp, "a.log"))
        daemons.append(a)
        res.check(a.wait_log("rebalance: assigned 4 partition(s)", 30), "A: owns all 4 partitions")
        res.check(mock.command("rtt 2 500") == "ok", "events' broker slowed down (rtt 500 ms)")
        placed = kt.produce(mock.bootstrap, kt.INPUT,
                            kt.sample_article_batch(N_ARTICLES, "rebalance", "2022-%02d-%02dT09:00:00Z"), timeout=60)
        first = kt.consume(mock.bootstrap, kt.OUTPUT, want=1, timeout=30)
        res.check(len(first) == 1, "A: events are coming out")

        b = kt.Daemon(cfg, os.path.join(tmp, "b.log"))
        daemons.append(b)
        res.check(b.wait_log("rebalance: assigned", 60), "B: joins and is assigned partitions")
        res.check(a.wait_log("rebalance: revoked", 30), "A: partitions revoked")
        alog = a.log_text()
        revoked = [line for line in alog.splitlines() if "rebalance: revoked" in line]
        kt.log(revoked[0] if revoked else "no revocation")
        res.check(bool(revoked) and "revoked 4 partition(s)" not in revoked[0],
                  "A: the revocation is incremental (only B's share)")
        res.check("giving up" not in alog, "A: finished its in-flight work before letting go")
        mock.command("rtt 2 0")

        target = {p: 0 for p in range(PARTITIONS)}
        for p, o in placed:
            target[p] = max(target[p], o + 1)
        got = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=90)
        res.check(all(got.get(p, -1) >= o for p, o in target.items() if o > 0),
                  "the group commits the end of every partition (want %s, got %s)" % (target, got))
        for name, d in (("A", a), ("B", b)):
            rc, secs = d.terminate(30)
            res.check(rc == 0, "%s: SIGTERM -> exit 0 (got %r after %.1fs)" % (name, rc, secs))

        ref_cfg = kt.write_config(os.path.join(tmp, "ref.conf"), mock.bootstrap, group=group + "-ref",
                                  output_topic=REF_OUT, dlq_topic=REF_DLQ)
        r = kt.Daemon(ref_cfg, os.path.join(tmp, "ref.log"))
        daemons.append(r)
        kt.wait_committed(mock.bootstrap, group + "-ref", kt.INPUT, target, timeout=90)
        r.terminate(30)

        ids = event_ids(kt.consume(mock.bootstrap, kt.OUTPUT, timeout=60, idle=5), dec)
        ref = event_ids(kt.consume(mock.bootstrap, REF_OUT, timeout=60, idle=5), dec)
        kt.log("events: A+B %d (%d distinct), reference %d" % (len(ids), len(set(ids)), len(ref)))
        res.check(len(ref) > 0, "the reference run produced events")
        res.check(set(ids) == set(ref), "A+B == reference after de-duplication (%d missing, %d extra)"
                  % (len(set(ref) - set(ids)), len(set(ids) - set(ref))))
        res.check(len(ids) == len(set(ids)), "no event delivered twice across the hand-over (%d duplicates)"
                  % (len(ids) - len(set(ids))))
    finally:
        kt.stop_all(res, mock, daemons)


if __name__ == "__main__":
    kt.main(run)
