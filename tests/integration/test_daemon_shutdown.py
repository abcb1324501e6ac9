"""test_daemon_shutdown.py - SIGTERM with articles in flight loses nothing.

Run 1 consumes a few hundred articles while the mock broker answers slowly
(so produce acknowledgements lag and articles are in flight), and is sent
SIGTERM mid-stream: it must exit 0 within its shutdown bound, and its group's
committed offsets must cover exactly what it delivered (no event beyond the
commit, every event of every article below it).  Run 2, same group, picks up
from the commit.  A reference run in a fresh group processes everything
uninterrupted to another topic: after de-duplication by event_id, runs 1 and
2 together must produce exactly the reference's events.
"""
import os
import re
import sys
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

N_ARTICLES = 240
PARTITIONS = 4
SHUTDOWN_MS = 15000
REF_OUT, REF_DLQ = "conflict-events-ref", "articles-dlq-ref"



def by_event_id(msgs, dec):
    out = {}
    for m in msgs:
        ev = dec.decode(m["value"])
        h = m["headers"]
        out[ev["event_id"]] = (int(h["source-partition"]), int(h["source-offset"]))
    return out


def in_flight_gauge(base):
    """conflictd_in_flight_articles from /metrics, or None if unreadable."""
    try:
        with urllib.request.urlopen(base + "/metrics", timeout=2) as r:
            text = r.read().decode()
    except OSError:
        return None
    m = re.search(r"^conflictd_in_flight_articles (\d+)", text, re.M)
    return int(m.group(1)) if m else None


def wait_in_flight(base, timeout):
    """Polls the gauge until articles are waiting for acknowledgements."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = in_flight_gauge(base)
        if n:
            return n
        time.sleep(0.05)
    return 0


def run(res):
    mock = None
    daemons = []
    tmp = kt.tempdir("conflictd-shutdown-")
    group = "shutdown-" + uuid.uuid4().hex[:8]
    dec = kt.EventDecoder()
    try:
        # Two brokers: articles led by broker 1, events by broker 2, which is
        # then slowed down, so acknowledgements lag while fetches stay quick.
        mock = kt.MockCluster(brokers=2, partitions=PARTITIONS,
                              topics=(kt.INPUT, kt.OUTPUT, kt.DLQ, REF_OUT, REF_DLQ))
        for p in range(PARTITIONS):
            mock.command("leader %s %d 1" % (kt.INPUT, p))
            mock.command("leader %s %d 2" % (kt.OUTPUT, p))
        # A small in-flight bound: back-pressure paces run 1 so SIGTERM lands mid-stream.
        cfg = kt.write_config(os.path.join(tmp, "run.conf"), mock.bootstrap, group=group,
                              shutdown_timeout_ms=SHUTDOWN_MS, max_in_flight=16,
                              metrics_listen="127.0.0.1:0")

        # Run 1: slow acknowledgements, SIGTERM mid-stream.
        d1 = kt.Daemon(cfg, os.path.join(tmp, "run1.log"))
        daemons.append(d1)
        res.check(d1.wait_log("rebalance: assigned", 30), "run 1: partitions assigned")
        port = re.search(r"metrics on \S+ \(port (\d+)\)", d1.log_text())
        if not res.check(port is not None, "run 1: metrics port logged"):
            return
        base = "http://127.0.0.1:%s" % port.group(1)
        res.check(mock.command("rtt 2 800") == "ok", "events' broker slowed down (rtt 800 ms)")
        placed = kt.produce(mock.bootstrap, kt.INPUT,
                            kt.sample_article_batch(N_ARTICLES, "shutdown", "2023-%02d-%02dT12:00:00Z"), timeout=60)
        # Mid-stream: once events are coming out, back-pressure keeps up to
        # 16 articles waiting for their slow acknowledgements.  Between two
        # fetches none may be waiting, so SIGTERM waits for the gauge to say
        # some are (an acknowledgement takes 800 ms, far longer than the poll).
        first = kt.consume(mock.bootstrap, kt.OUTPUT, want=1, timeout=30)
        res.check(len(first) == 1, "run 1: events are coming out")
        res.check(wait_in_flight(base, 30) > 0, "run 1: /metrics shows articles in flight")
        rc, secs = d1.terminate(SHUTDOWN_MS / 1000 + 15)
        res.check(rc == 0, "run 1: SIGTERM -> exit 0 (got %r)" % rc)
        res.check(secs < SHUTDOWN_MS / 1000 + 10, "run 1: exits within the shutdown bound (%.1fs)" % secs)
        mock.command("rtt 2 0")
        log1 = d1.log_text()
        in_flight = [line for line in log1.splitlines() if "shutting down:" in line]
        kt.log(in_flight[0] if in_flight else "no shutdown line")
        res.check(bool(in_flight) and " 0 article(s) in flight" not in in_flight[0],
                  "run 1: articles were in flight at SIGTERM")
        res.check("not fully delivered" not in log1, "run 1: every in-flight article delivered before exit")

        c1 = kt.committed(mock.bootstrap, group, kt.INPUT, PARTITIONS)
        kt.log("run 1 committed %s of %d articles" % (c1, N_ARTICLES))
        out1 = by_event_id(kt.consume(mock.bootstrap, kt.OUTPUT, timeout=60, idle=5), dec)
        beyond = [src for src in out1.values() if src[1] >= c1.get(src[0], 0)]
        res.check(not beyond, "run 1: no event from beyond the committed offsets (%d)" % len(beyond))
        consumed1 = sum(max(o, 0) for o in c1.values())
        res.check(0 < consumed1 < N_ARTICLES, "run 1: stopped part-way (%d of %d committed)"
                  % (consumed1, N_ARTICLES))

        # Run 2: same group, carries on from the commit.
        d2 = kt.Daemon(cfg, os.path.join(tmp, "run2.log"))
        daemons.append(d2)
        res.check(d2.wait_log("rebalance: assigned", 30), "run 2: joined the same group")
        target = {p: 0 for p in range(PARTITIONS)}
        for p, o in placed:
            target[p] = max(target[p], o + 1)
        c2 = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=90)
        res.check(all(c2.get(p, -1) >= o for p, o in target.items() if o > 0),
                  "run 2: committed offsets reach the end (want %s, got %s)" % (target, c2))
        rc, _ = d2.terminate(SHUTDOWN_MS / 1000 + 15)
        res.check(rc == 0, "run 2: SIGTERM -> exit 0 (got %r)" % rc)

        # Reference: everything, uninterrupted, in a fresh group.
        ref_cfg = kt.write_config(os.path.join(tmp, "ref.conf"), mock.bootstrap, group=group + "-ref",
                                  output_topic=REF_OUT, dlq_topic=REF_DLQ)
        d3 = kt.Daemon(ref_cfg, os.path.join(tmp, "ref.log"))
        daemons.append(d3)
        c3 = kt.wait_committed(mock.bootstrap, group + "-ref", kt.INPUT, target, timeout=90)
        res.check(all(c3.get(p, -1) >= o for p, o in target.items() if o > 0), "reference run completes")
        d3.terminate(SHUTDOWN_MS / 1000 + 15)

        out12 = by_event_id(kt.consume(mock.bootstrap, kt.OUTPUT, timeout=60, idle=5), dec)
        ref = by_event_id(kt.consume(mock.bootstrap, REF_OUT, timeout=60, idle=5), dec)
        kt.log("events: run 1 %d, runs 1+2 %d distinct, reference %d" % (len(out1), len(out12), len(ref)))
        res.check(len(ref) > 0, "the reference run produced events")
        missing = set(ref) - set(out12)
        extra = set(out12) - set(ref)
        res.check(not missing and not extra, "runs 1+2 == reference after de-duplication (%d missing, %d extra)"
                  % (len(missing), len(extra)))
        below = {eid for eid, (p, o) in ref.items() if o < c1.get(p, 0)}
        res.check(below <= set(out1), "run 1 delivered every event below its commit (%d of %d)"
                  % (len(below & set(out1)), len(below)))
        dlq = kt.consume(mock.bootstrap, kt.DLQ, want=0, timeout=10, idle=3)
        res.check(not dlq, "no article dead-lettered (%d)" % len(dlq))
    finally:
        kt.stop_all(res, mock, daemons)


if __name__ == "__main__":
    kt.main(run)
