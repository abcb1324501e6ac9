"""test_service_probes.py - /healthz, /readyz and /metrics of a running conflictd.

mock_cluster with its only broker down when the daemon starts, so the
daemon is alive but has no partitions:
  /healthz 200 (the loop runs), /readyz 503 (nothing assigned);
then the broker comes back and the group assigns the partitions:
  /readyz 200, and /metrics, after a few articles went through, passes
  `promtool check metrics` and counts them;
then SIGTERM: exit 0 and the server is gone.
Unknown paths are 404.  The port is ephemeral (metrics.listen = 127.0.0.1:0).
"""
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kafkatest as kt  # noqa: E402


def get(base, path):
    """(status, body) of GET base+path; status None when nothing answers."""
    try:
        with urllib.request.urlopen(base + path, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, OSError):
        return None, ""


def wait_status(base, path, want, timeout):
    deadline = time.monotonic() + timeout
    st = None
    while time.monotonic() < deadline:
        st, _ = get(base, path)
        if st == want:
            return st
        time.sleep(0.2)
    return st


def run(res):
    mock = daemon = None
    tmp = kt.tempdir("conflictd-probes-")
    try:
        mock = kt.MockCluster(brokers=1, partitions=2)
        res.check(mock.command("broker-down 1") == "ok", "mock broker 1 taken down")
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap,
                              group="probes-" + uuid.uuid4().hex[:8], metrics_listen="127.0.0.1:0")
        daemon = kt.Daemon(cfg, os.path.join(tmp, "conflictd.log"))
        res.check(daemon.wait_log("started", 60), "daemon started")
        port = re.search(r"metrics on \S+ \(port (\d+)\)", daemon.log_text())
        if not res.check(port is not None, "metrics port logged"):
            return
        base = "http://127.0.0.1:%s" % port.group(1)

        # Before any assignment.
        time.sleep(1.0)
        st, _ = get(base, "/healthz")
        res.check(st == 200, "/healthz 200 while the loop runs without a broker (%s)" % st)
        st, _ = get(base, "/readyz")
        res.check(st == 503, "/readyz 503 before any partition is assigned (%s)" % st)
        st, _ = get(base, "/no-such-page")
        res.check(st == 404, "unknown path is 404 (%s)" % st)

        # After the assignment.
        res.check(mock.command("broker-up 1") == "ok", "mock broker 1 back")
        st = wait_status(base, "/readyz", 200, 60)
        res.check(st == 200, "/readyz 200 once partitions are assigned (%s)" % st)
        res.check("rebalance: assigned" in daemon.log_text(), "the assignment is logged")

        arts = kt.sample_articles()[:3]
        kt.produce(mock.bootstrap, kt.INPUT, [(n.encode(), v) for n, v in arts])
        deadline = time.monotonic() + 30
        text = ""
        while time.monotonic() < deadline:
            st, text = get(base, "/metrics")
            m = re.search(r"^conflictd_articles_consumed_total (\d+)", text, re.M)
            if st == 200 and m and int(m.group(1)) >= len(arts):
                break
            time.sleep(0.3)
        res.check(re.search(r"^conflictd_articles_consumed_total %d$" % len(arts), text, re.M) is not None,
                  "/metrics counts the %d articles" % len(arts))
        res.check(re.search(r"^conflictd_rebalances_total [1-9]", text, re.M) is not None,
                  "/metrics counts the rebalance")
        scrape = os.path.join(tmp, "scrape.txt")
        with open(scrape, "w") as f:
            f.write(text)
        if shutil.which("promtool"):
            p = subprocess.run(["promtool", "check", "metrics"], stdin=open(scrape), capture_output=True,
                               text=True, timeout=30)
            res.check(p.returncode == 0, "promtool check metrics accepts the scrape (%s)"
                      % (p.stdout + p.stderr).strip()[:300])
        else:
            res.check(False, "promtool is installed (Debian package prometheus)")
        st, _ = get(base, "/healthz")
        res.check(st == 200, "/healthz still 200 (%s)" % st)

        # Stopping: not ready any more.
        rc, _ = daemon.terminate(20)
        res.check(rc == 0, "exit 0 on SIGTERM (%r)" % rc)
        res.check(get(base, "/healthz")[0] is None, "the server is gone after exit")
    finally:
        if daemon:
            daemon.stop()
            if res.failed:
                sys.stdout.write("--- conflictd log (tail) ---\n" + daemon.log_text()[-3000:] + "\n")
        if mock:
            mock.stop()


if __name__ == "__main__":
    kt.main(run)
