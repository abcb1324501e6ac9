"""test_daemon_bad_input.py - rejected input goes to the dead-letter topic, raw.

Malformed JSON, an empty value, invalid UTF-8, a 10 MB value, random binary
and JSON without text, interleaved with good articles.  Each bad one must
land in the DLQ with its exact bytes, its key and the right stage and
error-class headers; the daemon keeps running, the good articles' events
arrive and the committed offsets move past everything.

The 10 MB value runs on a cluster of its own.  librdkafka 2.0.2's mock
broker caps a partition log at 5 MB: appending past the cap drops the older
batches and, once the list is empty, moves the log start to the log end, so
the batch just appended becomes unreadable too.  A 10 MB batch is therefore
readable only as the first batch of an empty partition, on both the input
and the dead-letter topic, and nothing more may be appended to that
partition; the good article that follows goes to another partition.
"""
import json
import os
import random
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

GOOD = [
    {"id": "bad-input-good-1", "title": "Militants attack army post in Borno",
     "text": "Maiduguri: Boko Haram militants attacked an army post in the town of Gwoza in Borno state on Monday, "
             "killing six soldiers, security sources said.",
     "published_at": "2022-05-10T12:00:00Z", "source": "Test Wire"},
    {"id": "bad-input-good-2", "title": "Air strike hits village in Idlib",
     "text": "Beirut: An air strike hit a village in Idlib province on Friday, killing four civilians including "
             "a child, the Syrian Observatory for Human Rights said.",
     "published_at": "2021-09-04T08:00:00Z"},
    {"id": "bad-input-good-3", "title": "Protesters rally in Khartoum",
     "text": "Khartoum: Thousands of protesters rallied in central Khartoum on Thursday against the military "
             "government; security forces fired tear gas, witnesses said.",
     "published_at": "2022-01-14T10:00:00Z"},
]


def bad_inputs():
    rnd = random.Random(20181117)
    binary = bytes(rnd.randrange(256) for _ in range(4096))
    return [
        ("malformed-json", b'{"id": "broken-1", "text": "Gunmen killed three people', "decode", "bad_json"),
        ("empty", b"", "decode", "empty"),
        ("invalid-utf8", b"Clashes in Tripoli\n\nFighting broke out \xff\xfe\xc3( near the airport.", "decode",
         "bad_utf8"),
        ("random-binary", binary, "decode", "bad_utf8"),
        ("json-without-text", b'{"id": "no-text-1", "title": "Only a headline", "published_at": '
                              b'"2022-01-01T00:00:00Z"}', "decode", "no_text"),
    ]


TEN_MB = ("ten-megabytes", b"Long article\n\n" + b"Fighting continued in the city. " * (10 * 1024 * 1024 // 32),
          "decode", "too_large")


def check_dead_letter(res, daemon, m, name, key, value, stage, reason, pl):
    if not res.check(m is not None, "%s: lands in the dead-letter topic" % name):
        return
    h = m["headers"]
    res.check((m["value"] or b"") == value, "%s: dead-letter value is the raw input (%d bytes, got %d)"
              % (name, len(value), len(m["value"] or b"")))
    res.check(m["key"] == key, "%s: same key" % name)
    res.check(h.get("stage") == stage and h.get("error-class") == reason,
              "%s: stage=%s error-class=%s (got %s/%s)" % (name, stage, reason, h.get("stage"), h.get("error-class")))
    res.check(h.get("source-topic") == kt.INPUT and bool(h.get("error-message")),
              "%s: source-topic and error-message headers" % name)
    needle = "%s [%d] @ %d: rejected" % (kt.INPUT, pl[0], pl[1])
    res.check(daemon.log_text().count(needle) == 1, "%s: one log line naming topic/partition/offset" % name)


def run_mixed(res):
    """Good and bad articles interleaved on one cluster."""
    mock = daemon = None
    tmp = kt.tempdir("conflictd-bad-")
    group = "bad-" + uuid.uuid4().hex[:8]
    try:
        mock = kt.MockCluster(brokers=1, partitions=3)
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap, group=group)
        daemon = kt.Daemon(cfg, os.path.join(tmp, "conflictd.log"))
        res.check(daemon.wait_log("ready", 30), "daemon logs ready")

        bad = bad_inputs()
        msgs, kinds = [], []
        for i, b in enumerate(bad):  # good, bad, good, bad, ...
            g = GOOD[i % len(GOOD)]
            msgs.append(("good-%d" % i, json.dumps(dict(g, id="%s-%d" % (g["id"], i))).encode()))
            kinds.append(None)
            msgs.append((b[0], b[1]))
            kinds.append(b)
        placed = kt.produce(mock.bootstrap, kt.INPUT, [(k.encode(), v) for k, v in msgs], timeout=60)
        kt.log("produced %d messages (%d bad)" % (len(msgs), len(bad)))

        dlq = kt.consume(mock.bootstrap, kt.DLQ, want=len(bad), timeout=90, idle=15)
        found = kt.by_source(dlq)
        for (key, value), kind, pl in zip(msgs, kinds, placed):
            if kind is not None:
                check_dead_letter(res, daemon, found.get(pl), kind[0], key.encode(), value, kind[2], kind[3], pl)
        res.check(len(dlq) == len(bad), "only the bad messages are dead-lettered (%d of %d)" % (len(dlq), len(bad)))

        # Good articles: their events arrive (each sample names a clear incident).
        out = kt.consume(mock.bootstrap, kt.OUTPUT, timeout=60, idle=8)
        dec = kt.EventDecoder()
        good_ids = {json.loads(v)["id"] for (k, v), kind in zip(msgs, kinds) if kind is None}
        seen = {}
        for m in out:
            ev = dec.decode(m["value"])
            seen[ev["article_id"]] = seen.get(ev["article_id"], 0) + 1
        kt.log("events per good article: %s" % sorted(seen.items()))
        res.check(all(seen.get(i, 0) >= 1 for i in good_ids),
                  "every good article's events arrive (%d of %d articles)"
                  % (sum(1 for i in good_ids if seen.get(i)), len(good_ids)))
        res.check(set(seen) <= good_ids, "no events from rejected input")

        target = kt.end_offsets(placed, mock.partitions)
        got = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=30)
        res.check(all(got.get(p, -1) >= o for p, o in target.items() if o > 0),
                  "committed offsets move past the bad messages (want %s, got %s)" % (target, got))
        res.check(daemon.alive(), "daemon keeps running")
        rc, secs = daemon.terminate(30)
        res.check(rc == 0, "SIGTERM: exit 0 (got %r after %.1fs)" % (rc, secs))
    finally:
        kt.stop_all(res, mock, [daemon], tail=4000)


def run_ten_megabytes(res):
    """One 10 MB value on an empty partition, then a good article on another."""
    mock = daemon = None
    tmp = kt.tempdir("conflictd-big-")
    group = "big-" + uuid.uuid4().hex[:8]
    dec = kt.EventDecoder()
    try:
        mock = kt.MockCluster(brokers=1, partitions=2)
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap, group=group)
        daemon = kt.Daemon(cfg, os.path.join(tmp, "conflictd.log"))
        res.check(daemon.wait_log("ready", 30), "10 MB: daemon logs ready")
        name, value, stage, reason = TEN_MB
        big_pl = kt.produce(mock.bootstrap, kt.INPUT, [(name.encode(), value)], timeout=60, partition=0)[0]
        dlq = kt.consume(mock.bootstrap, kt.DLQ, want=1, timeout=90, idle=20)
        check_dead_letter(res, daemon, kt.by_source(dlq).get(big_pl), name, name.encode(), value, stage, reason, big_pl)

        good = dict(GOOD[1], id="bad-input-after-big")
        pl = kt.produce(mock.bootstrap, kt.INPUT, [(b"after", json.dumps(good).encode())], partition=1)[0]
        out = kt.consume(mock.bootstrap, kt.OUTPUT, timeout=60, idle=8)
        after = [m for m in out if dec.decode(m["value"])["article_id"] == good["id"]]
        res.check(len(after) >= 1, "a good article after the 10 MB one yields events (%d)" % len(after))
        target = {big_pl[0]: big_pl[1] + 1, pl[0]: pl[1] + 1}
        got = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=30)
        res.check(all(got.get(p, -1) >= o for p, o in target.items()),
                  "10 MB: committed offsets move past it (want %s, got %s)" % (target, got))
        res.check(daemon.alive(), "10 MB: daemon keeps running")
        rc, secs = daemon.terminate(30)
        res.check(rc == 0, "10 MB: SIGTERM: exit 0 (got %r after %.1fs)" % (rc, secs))
    finally:
        kt.stop_all(res, mock, [daemon], tail=4000)


def run_truncated_copy(res):
    """A rejected value too large for the daemon's producer: its head goes to
    the DLQ with a dlq-truncated header giving the original length."""
    mock = daemon = None
    tmp = kt.tempdir("conflictd-trunc-")
    try:
        mock = kt.MockCluster(brokers=1, partitions=1)
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap, group="trunc",
                              extra_producer="message_max_bytes = 1000000;")
        daemon = kt.Daemon(cfg, os.path.join(tmp, "conflictd.log"))
        res.check(daemon.wait_log("ready", 30), "truncated: daemon logs ready")
        value = b"Long article\n\n" + b"Shelling went on all night. " * (2 * 1024 * 1024 // 28)
        pl = kt.produce(mock.bootstrap, kt.INPUT, [(b"two-megabytes", value)], timeout=60)[0]
        dlq = kt.consume(mock.bootstrap, kt.DLQ, want=1, timeout=60, idle=20)
        m = kt.by_source(dlq).get(pl)
        if res.check(m is not None, "truncated: the 2 MB value lands in the DLQ despite message.max.bytes=1000000"):
            h = m["headers"]
            res.check(h.get("dlq-truncated") == str(len(value)), "truncated: dlq-truncated names the original "
                      "length (%s)" % h.get("dlq-truncated"))
            res.check(value.startswith(m["value"] or b"x") and 0 < len(m["value"]) < len(value),
                      "truncated: the value is the head of the input (%d bytes)" % len(m["value"] or b""))
            res.check(h.get("error-class") == "too_large", "truncated: error-class too_large")
        got = kt.wait_committed(mock.bootstrap, "trunc", kt.INPUT, {0: pl[1] + 1}, timeout=30)
        res.check(got.get(0) == pl[1] + 1, "truncated: committed past it (%s)" % got)
        rc, _ = daemon.terminate(30)
        res.check(rc == 0, "truncated: SIGTERM -> exit 0 (got %r)" % rc)
    finally:
        kt.stop_all(res, mock, [daemon])


if __name__ == "__main__":
    kt.main(run_mixed, run_ten_megabytes, run_truncated_copy)
