#!/usr/bin/python3
"""notify_listener.py - stand in for systemd's side of sd_notify in tests.

systemd does not run on the test machines, so a test that wants to see
READY=1, STATUS=, WATCHDOG=1, RELOADING=1 or STOPPING=1 from conflictd
binds the notification socket itself.  As a module:

    from notify_listener import NotifyListener
    with NotifyListener(watchdog_usec=2_000_000) as nl:
        proc = nl.spawn([conflictd, "-c", conf])       # env set, WATCHDOG_PID = its pid
        nl.wait_for("READY", "1", timeout=30)           # -> the message, or None
        ...
        pings = nl.times("WATCHDOG", "1")               # monotonic seconds of each ping

As a program it runs a command under the listener and prints each message:

    notify_listener.py [--watchdog-usec N] -- CMD ARGS...
    0.412 pid=1234 READY=1
    0.413 pid=1234 STATUS=0.0 articles/s, lag 0

and exits with the command's exit status.

Like systemd with NotifyAccess=main, every message records the sender's pid
(SCM_CREDENTIALS, which the kernel attaches because the socket sets
SO_PASSCRED), so a test can check that only the main process notifies.
The socket is a filesystem path in a private temp directory; datagrams are
read by a background thread, at most MAX_MESSAGES are kept, and each is
bounded by MAX_DATAGRAM bytes as systemd bounds them.
"""

import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

MAX_DATAGRAM = 4096
MAX_MESSAGES = 100000


class Message:
    """One datagram: when it arrived (time.monotonic()), who sent it, and its KEY=VALUE lines."""

    def __init__(self, t, pid, raw):
        self.t = t
        self.pid = pid
        self.raw = raw
        self.fields = {}
        for line in raw.decode("utf-8", "replace").split("\n"):
            if "=" in line:
                k, v = line.split("=", 1)
                self.fields[k] = v

    def __repr__(self):
        return "Message(t=%.3f, pid=%s, %r)" % (self.t, self.pid, self.fields)


class NotifyListener:
    def __init__(self, watchdog_usec=0):
        self.watchdog_usec = int(watchdog_usec)
        self.messages = []
        self.dropped = 0
        self._cond = threading.Condition()
        self._dir = tempfile.mkdtemp(prefix="notify-")
        self.path = os.path.join(self._dir, "notify.sock")
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self._sock.bind(self.path)
        self._sock.settimeout(0.2)
        self._closing = False
        self.t0 = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="notify-listener", daemon=True)
        self._thread.start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._closing = True
        self._thread.join(timeout=2)
        self._sock.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _run(self):
        creds_len = socket.CMSG_SPACE(struct.calcsize("3i"))
        while not self._closing:
            try:
                data, anc, _flags, _addr = self._sock.recvmsg(MAX_DATAGRAM, creds_len)
            except socket.timeout:
                continue
            except OSError:
                return
            pid = None
            for level, kind, payload in anc:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                    pid = struct.unpack("3i", payload[: struct.calcsize("3i")])[0]
            with self._cond:
                if len(self.messages) < MAX_MESSAGES:
                    self.messages.append(Message(time.monotonic(), pid, data))
                else:
                    self.dropped += 1
                self._cond.notify_all()

    def env(self, base=None):
        """The environment systemd would give the service (WATCHDOG_PID is set by spawn)."""
        env = dict(os.environ if base is None else base)
        env["NOTIFY_SOCKET"] = self.path
        if self.watchdog_usec > 0:
            env["WATCHDOG_USEC"] = str(self.watchdog_usec)
        else:
            env.pop("WATCHDOG_USEC", None)
        env.pop("WATCHDOG_PID", None)
        return env

    def spawn(self, argv, env=None, **popen_kwargs):
        """Start argv with the notify environment.  WATCHDOG_PID must be the
        service's own pid, unknown before fork: a shell sets it to $$ and then
        execs argv, which keeps that pid."""
        wrapper = ["/bin/sh", "-c", 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$0" "$@"']
        return subprocess.Popen(wrapper + list(argv), env=self.env(env), **popen_kwargs)

    def wait_for(self, key, value=None, timeout=10.0, after=0):
        """The first message from index `after` on with key (= value when
        given), or None after timeout seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            i = after
            while True:
                while i < len(self.messages):
                    m = self.messages[i]
                    if key in m.fields and (value is None or m.fields[key] == value):
                        return m
                    i += 1
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

    def snapshot(self):
        with self._cond:
            return list(self.messages)

    def times(self, key, value=None):
        """Arrival times of the messages carrying key (= value)."""
        return [m.t for m in self.snapshot() if key in m.fields and (value is None or m.fields[key] == value)]

    def senders(self):
        return {m.pid for m in self.snapshot()}


def main(argv):
    usage = "usage: notify_listener.py [--watchdog-usec N] -- CMD ARGS..."
    watchdog_usec = 0
    args = list(argv)
    while args and args[0] != "--":
        if args[0] == "--watchdog-usec" and len(args) > 1:
            watchdog_usec = int(args[1])
            args = args[2:]
        else:
            print(usage, file=sys.stderr)
            return 64
    if len(args) < 2:
        print(usage, file=sys.stderr)
        return 64
    with NotifyListener(watchdog_usec) as nl:
        proc = nl.spawn(args[1:])
        forward = lambda sig, _frame: proc.send_signal(sig)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, forward)
        shown = 0
        while True:
            done = proc.poll() is not None
            if done:
                time.sleep(0.2)  # let the reader thread take the last datagrams
            msgs = nl.snapshot()
            for m in msgs[shown:]:
                text = " ".join("%s=%s" % kv for kv in m.fields.items())
                print("%.3f pid=%s %s" % (m.t - nl.t0, m.pid, text), flush=True)
            shown = len(msgs)
            if done:
                return proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
            time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
