"""test_service_notify.py - conflictd's sd_notify conversation, seen from systemd's side.

tests/tools/notify_listener.py binds NOTIFY_SOCKET and sets WATCHDOG_USEC
and WATCHDOG_PID (the daemon's own pid) as systemd does for Type=notify with
WatchdogSec=.  Against mock_cluster:

1. READY=1 waits for the consumer group: the only broker is down when the
   daemon starts, so data and clients are up but no group can be joined;
   no READY=1 comes in that time (a STATUS= line says it is joining).  Once
   the broker is back, READY=1 comes, after the first assignment is logged.
2. STATUS= lines: the joining line, "consuming", and the periodic summary
   ("... articles/s, lag ...").
3. WATCHDOG=1 pings at least every half WATCHDOG_USEC while the loop runs.
4. The pings come from the loop itself, so while the loop is away they
   stop: a SIGHUP reload occupies the main thread (it loads the whole data
   set synchronously), and no WATCHDOG=1 falls between its RELOADING=1 and
   READY=1; pings resume after it.  (This is the stall the test can provoke
   honestly; a loop stuck anywhere else stops them the same way, because no
   other thread pings.)
5. SIGTERM: STOPPING=1, exit 0; every message came from the main pid
   (NotifyAccess=main).
6. WATCHDOG_PID naming another process (the watchdog is not ours): no pings.
"""
import os
import shlex
import signal
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
import kafkatest as kt  # noqa: E402
from notify_listener import NotifyListener  # noqa: E402

WATCHDOG_USEC = 600000  # pings due every 300 ms


def spawn(nl, cfg, log_path, watchdog_pid=None):
    inner = shlex.split(os.environ.get("CONFLICTD_TEST_WRAPPER", ""))
    pid = "$$" if watchdog_pid is None else str(watchdog_pid)
    wrapper = ["/bin/sh", "-c", 'WATCHDOG_PID=%s; export WATCHDOG_PID; exec "$0" "$@"' % pid] + inner
    return kt.Daemon(cfg, log_path, wrapper=wrapper, env=nl.env())


def run(res):
    mock = daemon = other = None
    tmp = kt.tempdir("conflictd-notify-")
    nl = NotifyListener(watchdog_usec=WATCHDOG_USEC)
    try:
        mock = kt.MockCluster(brokers=1, partitions=2)
        res.check(mock.command("broker-down 1") == "ok", "mock broker 1 taken down")
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap,
                              group="notify-" + uuid.uuid4().hex[:8])
        daemon = spawn(nl, cfg, os.path.join(tmp, "conflictd.log"))
        pid = daemon.proc.pid

        # 1. No group, no READY.
        joining = nl.wait_for("STATUS", timeout=30)
        res.check(joining is not None and "joining" in joining.fields["STATUS"],
                  "STATUS= says it is joining the group (%r)" % (joining and joining.fields))
        res.check(daemon.wait_log("started", 30), "clients up and data loaded (logged)")
        early = nl.wait_for("READY", "1", timeout=5)
        res.check(early is None, "no READY=1 while the group cannot be joined")
        res.check(daemon.alive(), "still running without a broker")
        res.check(mock.command("broker-up 1") == "ok", "mock broker 1 back")
        ready = nl.wait_for("READY", "1", timeout=60)
        res.check(ready is not None, "READY=1 once the broker is back")
        if ready is None:
            return
        res.check("rebalance: assigned" in daemon.log_text(), "READY=1 follows the first assignment in the log")
        res.check(ready.fields.get("STATUS") == "consuming", "READY=1 comes with STATUS=consuming")

        # 2 and 3. A few seconds of steady running.
        kt.produce(mock.bootstrap, kt.INPUT, [(b"a", open(os.path.join(kt.ARTICLES_DIR, "borno-ambush.txt"),
                                                           "rb").read())])
        time.sleep(3.0)
        ready_idx = nl.snapshot().index(ready)
        msgs = nl.snapshot()[ready_idx:]
        pings = [m.t for m in msgs if m.fields.get("WATCHDOG") == "1"]
        gaps = [b - a for a, b in zip(pings, pings[1:])]
        res.check(len(pings) >= 6, "WATCHDOG=1 pings while running (%d in ~3 s)" % len(pings))
        res.check(gaps and max(gaps) < WATCHDOG_USEC / 1e6,
                  "pings closer than WATCHDOG_USEC (longest gap %.3f s)" % (max(gaps) if gaps else -1))
        summary = [m.fields["STATUS"] for m in nl.snapshot() if "articles/s" in m.fields.get("STATUS", "")]
        res.check(len(summary) >= 1, "a STATUS= summary line (%r)" % summary[:1])

        # 4. The loop away in a reload: no pings meanwhile.
        start = len(nl.snapshot())
        daemon.proc.send_signal(signal.SIGHUP)
        rel = nl.wait_for("RELOADING", "1", timeout=20, after=start)
        done = nl.wait_for("READY", "1", timeout=30, after=start)
        res.check(rel is not None and done is not None and done.t >= rel.t, "RELOADING=1 then READY=1 on SIGHUP")
        if rel and done:
            during = [t for t in nl.times("WATCHDOG", "1") if rel.t < t < done.t]
            res.check(not during, "no WATCHDOG=1 while the loop is busy reloading (%.3f s, %d pings)"
                      % (done.t - rel.t, len(during)))
            time.sleep(1.0)
            after = [t for t in nl.times("WATCHDOG", "1") if t > done.t]
            res.check(len(after) >= 2, "pings resume after the reload (%d in 1 s)" % len(after))

        # 5. Stop.
        start = len(nl.snapshot())
        rc, secs = daemon.terminate(30)
        res.check(rc == 0, "exit 0 on SIGTERM (%r after %.1f s)" % (rc, secs))
        res.check(nl.wait_for("STOPPING", "1", timeout=5, after=start) is not None, "STOPPING=1 on SIGTERM")
        res.check(nl.senders() == {pid}, "every message from the main pid (%s)" % nl.senders())
        daemon.stop()
        daemon = None

        # 6. A watchdog meant for another process is not ours to ping.
        n0 = len(nl.snapshot())
        other = spawn(nl, cfg, os.path.join(tmp, "other.log"), watchdog_pid=1)
        res.check(nl.wait_for("READY", "1", timeout=60, after=n0) is not None, "second daemon READY=1")
        time.sleep(1.5)
        theirs = [m for m in nl.snapshot()[n0:] if m.fields.get("WATCHDOG") == "1"]
        res.check(not theirs, "no WATCHDOG=1 when WATCHDOG_PID is another process (%d)" % len(theirs))
        rc, _ = other.terminate(30)
        res.check(rc == 0, "second daemon exits 0")
    finally:
        for d in (daemon, other):
            if d:
                d.stop()
                if res.failed:
                    sys.stdout.write("--- conflictd log (tail) ---\n" + d.log_text()[-3000:] + "\n")
        if mock:
            mock.stop()
        nl.close()


if __name__ == "__main__":
    kt.main(run)
