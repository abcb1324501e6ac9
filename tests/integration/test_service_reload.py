"""test_service_reload.py - SIGHUP re-reads the configuration and the data; bad ones are refused.

mock_cluster + conflictd (log level debug, so each article's record count
is in the log) + tests/tools/notify_listener.py as systemd's side:

1. An article whose only event word is a nonce verb ("zorbled") yields no
   record with the shipped data.
2. SIGHUP with a configuration that does not parse, then with one whose
   data directory has a malformed lexicon line: both are refused with a log
   line naming the problem, the daemon keeps running and events still flow
   (a real article produced afterwards yields events); RELOADING=1 and
   READY=1 frame each attempt.
   A file with a librdkafka property librdkafka does not know is refused
   too (it would only apply at the next start, which it would break).
3. SIGHUP with a valid changed configuration: data_dir = a copy of the data
   with one extra lexicon line making "zorbled" an armed-clash trigger,
   extract.emit_tallies = false, and a changed kafka.group_id.  The same
   nonce sentence now yields an event, an article that gave an event and a
   casualty tally before gives only the event, and the group change is
   logged as needing a restart (the running group keeps its partitions: the
   later articles are still consumed).
4. SIGTERM: STOPPING=1, exit 0.
"""
import os
import shlex
import shutil
import signal
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
import kafkatest as kt  # noqa: E402
from notify_listener import NotifyListener  # noqa: E402

NONCE = ("Government soldiers zorbled fighters of the Islamic State in Maiduguri, Borno State, "
         "on Monday, residents said.")
EXTRA_TRIGGER = "trigger\tzorbled\tARMED_CLASH\t80\t-\n"
BAD_TRIGGER = "trigger\tzorbled\tNOT_A_SUB_EVENT_TYPE\t80\t-\n"


def article(ident, text):
    import json
    return json.dumps({"id": ident, "title": "", "text": text, "published_at": "2024-03-05T10:00:00Z"}).encode()


def spawn(nl, cfg, log_path):
    """conflictd under the notify socket, WATCHDOG_PID = its own pid."""
    inner = shlex.split(os.environ.get("CONFLICTD_TEST_WRAPPER", ""))
    wrapper = ["/bin/sh", "-c", 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$0" "$@"'] + inner
    env = nl.env()
    return kt.Daemon(cfg, log_path, wrapper=wrapper, env=env)


def records_of(daemon, placed):
    """The record count the daemon logged for the article at (partition, offset), or None."""
    needle = "%s [%d] @ %d: article " % (kt.INPUT, placed[0], placed[1])
    for line in daemon.log_text().splitlines():
        i = line.find(needle)
        if i >= 0 and "record(s)" in line:
            return int(line.rsplit(":", 1)[1].split()[0])
    return None


def wait_records(daemon, placed, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = records_of(daemon, placed)
        if n is not None:
            return n
        time.sleep(0.1)
    return None


def sighup_and_wait(res, daemon, nl, what, outcome, timeout=20):
    """SIGHUP, then RELOADING=1 and READY=1 after it, and the log line outcome."""
    start = len(nl.snapshot())
    mark = len(daemon.log_text())
    daemon.proc.send_signal(signal.SIGHUP)
    rel = nl.wait_for("RELOADING", "1", timeout=timeout, after=start)
    res.check(rel is not None and "MONOTONIC_USEC" in rel.fields,
              "%s: RELOADING=1 with MONOTONIC_USEC" % what)
    idx = nl.snapshot().index(rel) if rel else start
    rdy = nl.wait_for("READY", "1", timeout=timeout, after=idx + 1)
    res.check(rdy is not None, "%s: READY=1 after the reload" % what)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and outcome not in daemon.log_text()[mark:]:
        time.sleep(0.1)
    tail = daemon.log_text()[mark:]
    res.check(outcome in tail, "%s: log says %r" % (what, outcome))
    return tail


def run(res):
    mock = daemon = None
    tmp = kt.tempdir("conflictd-reload-")
    group = "reload-" + uuid.uuid4().hex[:8]
    nl = NotifyListener()
    try:
        good_data = os.path.join(tmp, "data-extra")
        bad_data = os.path.join(tmp, "data-bad")
        shutil.copytree(kt.DATA_DIR, good_data)
        with open(os.path.join(good_data, "lexicon.tsv"), "a") as f:
            f.write(EXTRA_TRIGGER)
        shutil.copytree(kt.DATA_DIR, bad_data)
        with open(os.path.join(bad_data, "lexicon.tsv"), "a") as f:
            f.write(BAD_TRIGGER)

        mock = kt.MockCluster(brokers=1, partitions=2)
        cfg = os.path.join(tmp, "conflictd.conf")
        kt.write_config(cfg, mock.bootstrap, group=group, level="debug")
        with open(cfg) as f:
            original = f.read()
        daemon = spawn(nl, cfg, os.path.join(tmp, "conflictd.log"))
        res.check(nl.wait_for("READY", "1", timeout=60) is not None, "READY=1 at start")

        # 1. The nonce verb means nothing to the shipped lexicon.
        n1 = kt.produce(mock.bootstrap, kt.INPUT, [(b"n1", article("n1", NONCE))], partition=0)[0]
        res.check(wait_records(daemon, n1) == 0, "with the shipped data the nonce sentence yields no record")

        # 2a. A configuration that does not parse.
        with open(cfg, "w") as f:
            f.write(original.replace("extract = {", "extract = {{", 1))
        tail = sighup_and_wait(res, daemon, nl, "broken config", "still running with the previous configuration")
        res.check("conflictd.conf:" in tail, "the refusal names the file and line")
        res.check(daemon.alive(), "alive after a broken config")
        with open(os.path.join(kt.ARTICLES_DIR, "borno-ambush.txt"), "rb") as f:
            borno = f.read()
        b1 = kt.produce(mock.bootstrap, kt.INPUT, [(b"b1", borno)], partition=0)[0]
        n = wait_records(daemon, b1)
        res.check(n is not None and n >= 1, "events still flow after the refused reload (%s record(s))" % n)

        # 2b. A valid file whose data set does not load.
        with open(cfg, "w") as f:
            f.write(original.replace(kt.DATA_DIR, bad_data))
        tail = sighup_and_wait(res, daemon, nl, "broken data", "still running with the previous configuration")
        res.check("lexicon.tsv:" in tail and "NOT_A_SUB_EVENT_TYPE" in tail,
                  "the refusal names the data file, line and value")
        n2 = kt.produce(mock.bootstrap, kt.INPUT, [(b"n2", article("n2", NONCE))], partition=0)[0]
        res.check(wait_records(daemon, n2) == 0, "the refused data set is not used")

        # 2c. A librdkafka property librdkafka does not know: it would only
        # matter at the next start, but that start would fail, so it is refused now.
        with open(cfg, "w") as f:
            f.write(original.replace("heartbeat_interval_ms = 500;", "heartbeat_interval_ms = 500;\n    no_such_property = 1;"))
        tail = sighup_and_wait(res, daemon, nl, "unknown librdkafka property",
                               "still running with the previous configuration")
        res.check("no.such.property" in tail, "the refusal names the property (%r)" % tail.strip()[-200:])

        # 3. A valid changed configuration and data set.
        changed = original.replace(kt.DATA_DIR, good_data).replace('group_id = "%s"' % group,
                                                                    'group_id = "%s-renamed"' % group)
        changed = changed.replace("extract = {", "extract = {\n  emit_tallies = false;", 1)
        with open(cfg, "w") as f:
            f.write(changed)
        tail = sighup_and_wait(res, daemon, nl, "valid reload", "reload: done")
        res.check("data-extra" in tail, "the new data directory is in use")
        res.check("kafka.group_id changed" in tail and "needs a restart" in tail,
                  "a changed group is reported as needing a restart")
        res.check("kafka.brokers changed" not in tail, "unchanged restart-only settings are not reported")
        n3 = kt.produce(mock.bootstrap, kt.INPUT, [(b"n3", article("n3", NONCE))], partition=1)[0]
        res.check(wait_records(daemon, n3) == 1, "after the reload the same sentence yields one event")
        b2 = kt.produce(mock.bootstrap, kt.INPUT, [(b"b2", borno)], partition=1)[0]
        res.check(wait_records(daemon, b2) is not None, "the second copy of the ambush article is processed")

        want = sum(records_of(daemon, pl) or 0 for pl in (n1, b1, n2, n3, b2))
        out = kt.consume(mock.bootstrap, kt.OUTPUT, want=want, timeout=30)
        res.check(len(out) == want, "the output topic holds the %d logged records (%d)" % (want, len(out)))
        dec = kt.EventDecoder()
        by_article = {}
        for m in out:
            ev = dec.decode(m["value"])
            by_article.setdefault(ev["article_id"], []).append(ev)
        res.check("n1" not in by_article and "n2" not in by_article,
                  "no event on the output topic from the nonce sentence before the reload")
        kinds = lambda pl: sorted(e["record_kind"] for e in by_article.get("%s/%d/%d" % (kt.INPUT, pl[0], pl[1]), []))  # noqa: E731
        res.check("EVENT" in kinds(b1) and "CASUALTY_TALLY" in kinds(b1),
                  "before the reload the ambush article yields events and tallies (%s)" % kinds(b1))
        res.check("EVENT" in kinds(b2) and "CASUALTY_TALLY" not in kinds(b2),
                  "after the reload with emit_tallies = false, only its events (%s)" % kinds(b2))
        evs = by_article.get("n3", [])
        res.check(len(evs) == 1 and evs[0]["sub_event_type"] == "ARMED_CLASH",
                  "the output topic holds its armed clash after the reload (%r)"
                  % [e["sub_event_type"] for e in evs])

        # 4. Stop.
        start = len(nl.snapshot())
        rc, secs = daemon.terminate(30)
        res.check(rc == 0, "exit 0 on SIGTERM (%r after %.1f s)" % (rc, secs))
        res.check(nl.wait_for("STOPPING", "1", timeout=5, after=start) is not None, "STOPPING=1 on SIGTERM")
        res.check(daemon.log_text().count("reload (SIGHUP): reading") == 4, "four reloads logged")
    finally:
        if daemon:
            daemon.stop()
            if res.failed:
                sys.stdout.write("--- conflictd log (tail) ---\n" + daemon.log_text()[-4000:] + "\n")
        if mock:
            mock.stop()
        nl.close()


if __name__ == "__main__":
    kt.main(run)
