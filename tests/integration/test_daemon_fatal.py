"""test_daemon_fatal.py - a fenced or broken producer exits 70 and loses nothing.

The mock cluster (a separate process) answers the daemon's Produce requests
with errors that say the producer itself is finished, not the record:
PRODUCER_FENCED, INVALID_PRODUCER_EPOCH, and, with
enable.gapless.guarantee=true, OUT_OF_ORDER_SEQUENCE_NUMBER, which
librdkafka raises as a fatal idempotence error (rd_kafka_fatal_error()).
Each time the daemon must log one clear line naming the error and exit 70
(EX_SOFTWARE, so systemd restarts it) without dead-lettering the good
articles and without committing them; a clean restart then delivers every
article's events, none to the dead-letter topic.
"""
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

PARTITIONS = 2
N_ARTICLES = 40

FAULTS = [
    # (error pushed on Produce, producer pass-through, expected log text)
    ("PRODUCER_FENCED", "", "fatal producer error: PRODUCER_FENCED"),
    ("INVALID_PRODUCER_EPOCH", "", "fatal producer error: INVALID_PRODUCER_EPOCH"),
    ("OUT_OF_ORDER_SEQUENCE_NUMBER", "enable_gapless_guarantee = true;", "fatal error: ProduceRequest"),
]


def run(res):
    mock = None
    daemons = []
    tmp = kt.tempdir("conflictd-fatal-")
    group = "fatal-" + uuid.uuid4().hex[:8]
    dec = kt.EventDecoder()
    try:
        mock = kt.MockCluster(brokers=1, partitions=PARTITIONS)
        msgs = kt.generated_articles(N_ARTICLES, 7, "fatal", bad_every=0)
        placed = kt.produce(mock.bootstrap, kt.INPUT, msgs)
        target = kt.end_offsets(placed, PARTITIONS)

        for i, (err, producer_extra, needle) in enumerate(FAULTS):
            res.check(mock.command("errors Produce " + " ".join([err] * 4)) == "ok",
                      "%s: pushed on the next Produce requests" % err)
            cfg = kt.write_config(os.path.join(tmp, "f%d.conf" % i), mock.bootstrap, group=group,
                                  extra_producer=producer_extra)
            d = kt.Daemon(cfg, os.path.join(tmp, "f%d.log" % i))
            daemons.append(d)
            try:
                rc = d.proc.wait(45)
            except Exception:  # noqa: BLE001 - a timeout is a failed check
                rc = None
            text = d.log_text()
            lines = [ln for ln in text.splitlines() if needle in ln and "Z error: " in ln]
            kt.log("%s: %s" % (err, lines[0] if lines else "no fatal line"))
            res.check(mock.command("errors-clear Produce") == "ok", "%s: errors not used yet dropped" % err)
            res.check(rc == 70, "%s: exit 70 (got %r)" % (err, rc))
            res.check(bool(lines), "%s: one clear log line naming it" % err)
            res.check("raw input sent to" not in text, "%s: no good article dead-lettered" % err)

        res.check(not kt.consume(mock.bootstrap, kt.DLQ, want=0, timeout=10, idle=3),
                  "the dead-letter topic is empty")
        cfg = kt.write_config(os.path.join(tmp, "clean.conf"), mock.bootstrap, group=group)
        d = kt.Daemon(cfg, os.path.join(tmp, "clean.log"))
        daemons.append(d)
        got = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=60)
        res.check(all(got.get(p, -1) >= o for p, o in target.items()),
                  "clean restart: commits every partition's end (want %s, got %s)" % (target, got))
        rc, _ = d.terminate(30)
        res.check(rc == 0, "clean restart: SIGTERM -> exit 0 (got %r)" % rc)
        outs = kt.consume(mock.bootstrap, kt.OUTPUT, timeout=30, idle=3)
        srcs = {(int(m["headers"]["source-partition"]), int(m["headers"]["source-offset"])) for m in outs}
        lost = [pl for pl in placed if pl not in srcs]
        ids = [dec.decode(m["value"])["event_id"] for m in outs]
        kt.log("fatal errors: articles in %d, events out %d (%d distinct), DLQ 0, lost %d, duplicates %d"
               % (len(placed), len(ids), len(set(ids)), len(lost), len(ids) - len(set(ids))))
        res.check(not lost, "every article has its events after the restart (%d without)" % len(lost))
    finally:
        kt.stop_all(res, mock, daemons)


if __name__ == "__main__":
    kt.main(run)
