"""test_daemon_exactly_once.py - kafka.delivery = "exactly-once": the transactions' control flow.

What librdkafka 2.0.2's mock cluster can and cannot show.  It runs the
transaction protocol (InitProducerId, AddPartitionsToTxn, TxnOffsetCommit,
EndTxn, fencing by epoch) and lets us inject errors into each request, but
it does not implement transaction semantics: records of an aborted
transaction stay visible to every reader, and offsets sent with
TxnOffsetCommit are acknowledged but never stored as the group's committed
offsets.  So this test proves the daemon's control flow, not exactly-once
output:

- clean run: events and dead letters arrive; every input partition's end
  offset is sent through a committed transaction (the daemon's debug line,
  since the mock keeps no committed offset to read back); SIGTERM -> 0;
- an abortable error on AddPartitionsToTxn, then on TxnOffsetCommit: the
  transaction is aborted, the input rewound to the last committed offsets
  (the start, here) and redone; every input is accounted for (events or a
  dead letter), nothing lost, and after de-duplication by event_id the
  events equal the clean run's (duplicates counted: the mock shows the
  aborted records a real broker would hide from read_committed readers);
- a fatal error on EndTxn (INVALID_TXN_STATE): a clear line, exit 70;
- PRODUCER_FENCED on AddPartitionsToTxn: a clear line, exit 70.  (The mock does not
  fence an older producer when a second one registers the same
  transactional.id: both keep committing; so the broker's answer is
  injected instead.)
"""
import os
import re
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

PARTITIONS = 3
N_ARTICLES = 150
EOS = 'delivery = "exactly-once";'


def topics_for(label):
    return "events-" + label, "dlq-" + label


def wait_txn_end(d, target, timeout):
    """Wait until the daemon's log shows every partition's end offset
    committed through a transaction."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = d.log_text()
        done = all(re.search(r"transaction: %s \[%d\] committed up to %d\b" % (kt.INPUT, p, o), text)
                   for p, o in target.items())
        if done or not d.alive():
            return done
        time.sleep(0.2)
    return False


def run(res):
    mock = None
    daemons = []
    tmp = kt.tempdir("conflictd-eos-")
    dec = kt.EventDecoder()
    labels = ["clean", "abort-addparts", "abort-offsets", "fatal-endtxn", "fenced"]
    topics = [kt.INPUT]
    for label in labels:
        topics += list(topics_for(label))
    try:
        mock = kt.MockCluster(brokers=1, partitions=PARTITIONS, topics=topics)
        msgs = kt.generated_articles(N_ARTICLES, 447, "eos")
        placed = kt.produce(mock.bootstrap, kt.INPUT, [(k, v) for k, v, _ in kt.spread(msgs, PARTITIONS)])
        target = kt.end_offsets(placed, PARTITIONS)

        def daemon(label, name=None):
            out, dlq = topics_for(label)
            txn_id = 'transactional_id = "conflictd-test-%s";' % label
            cfg = kt.write_config(os.path.join(tmp, label + ".conf"), mock.bootstrap,
                                  group="eos-%s-%s" % (label, uuid.uuid4().hex[:6]), extra_kafka=EOS,
                                  extra_producer=txn_id, output_topic=out, dlq_topic=dlq, level="debug")
            d = kt.Daemon(cfg, os.path.join(tmp, (name or label) + ".log"))
            daemons.append(d)
            return d

        # 1. Clean: the reference.
        d = daemon("clean")
        res.check(d.wait_log("exactly-once (transactions)", 20), "clean: starts in exactly-once mode")
        res.check(wait_txn_end(d, target, 60), "clean: every partition's end offset committed through a "
                  "transaction (%s)" % target)
        rc, _ = d.terminate(30)
        res.check(rc == 0, "clean: SIGTERM -> exit 0 (got %r)" % rc)
        ref = kt.Ledger(mock.bootstrap, *topics_for("clean"), dec)
        res.check(ref.n_events > N_ARTICLES // 2 and ref.n_dead == N_ARTICLES // 17,
                  "clean: %d events, %d dead letters" % (ref.n_events, ref.n_dead))
        res.check(ref.duplicates() == 0, "clean: no duplicates (%d)" % ref.duplicates())

        # 2. Abortable errors: abort, rewind, redo.
        for label, api, err in (("abort-addparts", "AddPartitionsToTxn", "TOPIC_AUTHORIZATION_FAILED"),
                                ("abort-offsets", "TxnOffsetCommit", "UNKNOWN_MEMBER_ID")):
            res.check(mock.command("errors %s %s" % (api, err)) == "ok", "%s: %s on the next %s" % (label, err, api))
            d = daemon(label)
            ok = wait_txn_end(d, target, 60)
            mock.command("errors-clear %s" % api)
            text = d.log_text()
            res.check("aborted; rewinding" in text and "(last committed)" in text,
                      "%s: the transaction is aborted and the input rewound" % label)
            res.check(ok, "%s: redone: every partition's end committed through a later transaction" % label)
            rc, _ = d.terminate(30)
            res.check(rc == 0, "%s: SIGTERM -> exit 0 (got %r)" % (label, rc))
            got = kt.Ledger(mock.bootstrap, *topics_for(label), dec)
            kt.account(res, "exactly-once, %s %s" % (api, err), placed, got, ref, placed)

        # 3. A fatal transactional error.
        res.check(mock.command("errors EndTxn INVALID_TXN_STATE") == "ok", "fatal-endtxn: INVALID_TXN_STATE "
                  "on the next EndTxn")
        d = daemon("fatal-endtxn")
        try:
            rc = d.proc.wait(45)
        except Exception:  # noqa: BLE001 - a timeout is a failed check
            rc = None
        mock.command("errors-clear EndTxn")
        res.check(rc == 70, "fatal-endtxn: exit 70 (got %r)" % rc)
        res.check("transaction: commit: fatal error:" in d.log_text(), "fatal-endtxn: one clear line")

        # 4. Fenced.  The mock does not fence a second producer that registers
        # the same transactional.id (the older one keeps committing), so the
        # broker's answer is injected: PRODUCER_FENCED on the next
        # AddPartitionsToTxn (not on Produce: the test's own producer would
        # get it).
        d = daemon("fenced")
        res.check(d.wait_log("rebalance: assigned", 30), "fenced: running")
        res.check(wait_txn_end(d, target, 60), "fenced: input done before the fault")
        res.check(mock.command("errors AddPartitionsToTxn PRODUCER_FENCED") == "ok",
                  "fenced: PRODUCER_FENCED on the next AddPartitionsToTxn")
        kt.produce(mock.bootstrap, kt.INPUT, kt.generated_articles(6, 448, "eos-more", bad_every=0))
        try:
            rc = d.proc.wait(45)
        except Exception:  # noqa: BLE001 - a timeout is a failed check
            rc = None
        mock.command("errors-clear AddPartitionsToTxn")
        lines = [ln for ln in d.log_text().splitlines() if "fatal error" in ln and "fenced" in ln and "Z error: " in ln]
        kt.log("fenced: %s" % (lines[0] if lines else "no line"))
        res.check(rc == 70, "fenced: exit 70 (got %r)" % rc)
        res.check(bool(lines), "fenced: with a clear line")
    finally:
        kt.stop_all(res, mock, daemons)


if __name__ == "__main__":
    kt.main(run)
