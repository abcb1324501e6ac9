"""test_daemon_poison.py - poison messages never block a partition.

Every one of 4 input partitions gets runs of malformed messages (broken
JSON, empty, invalid UTF-8, JSON without text, up to 5 in a row) between
good articles.  The daemon must dead-letter each poison message once and
keep going: every good article's events arrive, the last good article of
every partition is out within 30 s of producing (a reader's group join
included), and the
committed offset of every partition reaches its end.
"""
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

PARTITIONS = 4
ROUNDS = 12


def run(res):
    mock = None
    daemons = []
    tmp = kt.tempdir("conflictd-poison-")
    group = "poison-" + uuid.uuid4().hex[:8]
    dec = kt.EventDecoder()
    try:
        mock = kt.MockCluster(brokers=1, partitions=PARTITIONS)
        cfg = kt.write_config(os.path.join(tmp, "run.conf"), mock.bootstrap, group=group, max_in_flight=16)
        d = kt.Daemon(cfg, os.path.join(tmp, "d.log"))
        daemons.append(d)
        res.check(d.wait_log("rebalance: assigned", 30), "the daemon owns the partitions")

        good = [(k, v) for k, v in kt.generated_articles(ROUNDS * PARTITIONS * 2, 99, "poison-good", bad_every=0)]
        bad = kt.generated_articles(400, 99, "poison-bad", bad_every=1)  # all malformed, the 4 kinds in turn
        msgs, kinds = [], []
        gi = bi = 0
        for r in range(ROUNDS):
            for p in range(PARTITIONS):
                # 1..5 poison messages, then a good article, per partition and round.
                for _ in range(1 + (r + p) % 5):
                    msgs.append(bad[bi] + (p,))
                    kinds.append("bad")
                    bi += 1
                msgs.append(good[gi] + (p,))
                kinds.append("good")
                gi += 1
        t0 = time.monotonic()
        placed = kt.PacedProducer(mock.bootstrap, kt.INPUT, msgs, rate=1e9).join(60)
        good_at = {pl for pl, k in zip(placed, kinds) if k == "good"}
        bad_at = {pl for pl, k in zip(placed, kinds) if k == "bad"}
        last_good = {}
        for (p, o) in good_at:
            last_good[p] = max(last_good.get(p, -1), o)
        kt.log("%d messages: %d poison, %d good, on %d partitions" % (len(msgs), len(bad_at), len(good_at),
                                                                     PARTITIONS))

        # The last good article of every partition comes out quickly.
        seen = set()
        c_deadline = time.monotonic() + 30
        while time.monotonic() < c_deadline and not all((p, o) in seen for p, o in last_good.items()):
            for m in kt.consume(mock.bootstrap, kt.OUTPUT, want=len(good_at), timeout=10, idle=2):
                seen.add((int(m["headers"]["source-partition"]), int(m["headers"]["source-offset"])))
        elapsed = time.monotonic() - t0
        res.check(all((p, o) in seen for p, o in last_good.items()),
                  "the last good article of every partition is out (%.1f s after producing began)" % elapsed)

        target = kt.end_offsets(placed, PARTITIONS)
        got = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=30)
        res.check(all(got.get(p, -1) >= o for p, o in target.items()),
                  "every partition's committed offset reaches its end (want %s, got %s)" % (target, got))
        rc, _ = d.terminate(30)
        res.check(rc == 0, "SIGTERM -> exit 0 (got %r)" % rc)

        led = kt.Ledger(mock.bootstrap, kt.OUTPUT, kt.DLQ, dec)
        res.check(set(led.dead) == bad_at, "every poison message dead-lettered (%d of %d), nothing else"
                  % (len(set(led.dead) & bad_at), len(bad_at)))
        res.check(all(len(v) == 1 for v in led.dead.values()), "each once")
        res.check(set(led.events) == good_at, "every good article has its events (%d of %d)"
                  % (len(set(led.events) & good_at), len(good_at)))
        kt.log("poison: articles in %d, events out %d, DLQ %d, lost %d, duplicates %d"
               % (len(placed), led.n_events, led.n_dead,
                  len([pl for pl in placed if not led.accounted(pl)]), led.duplicates()))
    finally:
        kt.stop_all(res, mock, daemons)


if __name__ == "__main__":
    kt.main(run)
