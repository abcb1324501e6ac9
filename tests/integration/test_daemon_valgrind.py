"""test_daemon_valgrind.py - the daemon's whole life under valgrind memcheck.

The unit tests run under ASan+UBSan; this runs the real daemon, with its
librdkafka threads, the extractor and the Avro codec, under memcheck:
start (gazetteer and dictionaries loaded), join the group, decode JSON
articles and malformed input, extract, encode, produce events and dead
letters, commit, and shut down on SIGTERM.  Any invalid read or write,
use of uninitialised memory, or definitely/indirectly lost block makes
valgrind exit 99 instead of the daemon's 0, and the ERROR SUMMARY line is
read too.  The inputs are still all accounted for, as everywhere else.
"""
import os
import re
import shutil
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

N_ARTICLES = 68  # 4 malformed (every 17th), one of each kind
PARTITIONS = 2


def run(res):
    valgrind = shutil.which("valgrind")
    if not valgrind:
        res.check(False, "valgrind is installed (scripts/setup installs it)")
        return
    mock = daemon = None
    tmp = kt.tempdir("conflictd-valgrind-")
    group = "valgrind-" + uuid.uuid4().hex[:8]
    vg_log = os.path.join(tmp, "memcheck.log")
    try:
        mock = kt.MockCluster(brokers=1, partitions=PARTITIONS)
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap, group=group,
                              shutdown_timeout_ms=60000)
        wrapper = [valgrind, "--tool=memcheck", "--error-exitcode=99", "--leak-check=full",
                   "--errors-for-leak-kinds=definite,indirect", "--show-leak-kinds=definite,indirect",
                   "--track-origins=yes", "--log-file=" + vg_log]
        daemon = kt.Daemon(cfg, os.path.join(tmp, "conflictd.log"), wrapper=wrapper)
        res.check(daemon.wait_log("rebalance: assigned", 240), "daemon under memcheck joins the group")

        placed = kt.produce(mock.bootstrap, kt.INPUT, kt.generated_articles(N_ARTICLES, 4711, "vg"))
        kt.check_committed_to_end(res, "under memcheck", mock.bootstrap, group, kt.INPUT,
                                  kt.end_offsets(placed, PARTITIONS), 240)

        rc, secs = daemon.terminate(120)
        res.check(rc == 0, "SIGTERM -> exit 0 under memcheck, no error found (got %r after %.1f s)" % (rc, secs))
        with open(vg_log, encoding="utf-8", errors="replace") as f:
            report = f.read()
        m = re.search(r"ERROR SUMMARY: (\d+) errors", report)
        res.check(m is not None and m.group(1) == "0", "memcheck: ERROR SUMMARY 0 errors (%s)"
                  % (m.group(0) if m else "no summary"))
        for kind in ("definitely lost", "indirectly lost"):
            lm = re.search(kind + r": ([\d,]+) bytes", report)
            res.check(lm is None or lm.group(1) == "0", "memcheck: %s: %s bytes" % (kind, lm.group(1) if lm else 0))
        if rc != 0 or (m and m.group(1) != "0"):
            kt.log("memcheck report (tail):\n" + report[-6000:])

        (got,) = kt.ledgers(mock.bootstrap, [(kt.OUTPUT, kt.DLQ)], kt.EventDecoder())
        res.check(got.n_dead == N_ARTICLES // 17, "every malformed input dead-lettered (%d)" % got.n_dead)
        kt.log("%d articles in, %d events, %d dead letters" % (N_ARTICLES, got.n_events, got.n_dead))
        res.check(len(got.events) > N_ARTICLES // 2, "events produced for most articles (%d articles, %d events)"
                  % (len(got.events), got.n_events))
        res.check(got.duplicates() == 0, "no duplicates (%d)" % got.duplicates())
    finally:
        kt.stop_all(res, mock, [daemon] if daemon else [])


if __name__ == "__main__":
    kt.main(run)
