"""kafkatest.py - shared helpers for conflictd's integration tests (not a test).

Real processes over real sockets: build/mock_cluster is the Kafka,
python3-confluent-kafka (librdkafka underneath, but not conflictd's code) is
the independent client, python3-avro the independent Avro decoder.  The
single-object fingerprint is recomputed here from the Avro specification
(Parsing Canonical Form + CRC-64-AVRO), not taken from conflictd.

Every wait is bounded; every child process is killed by stop()/close() in
the tests' finally blocks.  Run the tests with /usr/bin/python3 (Debian's,
which has the avro and confluent_kafka modules).
"""
import datetime
import io
import json
import os
import select
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import uuid

import avro.io
import avro.schema
from confluent_kafka import Consumer, Producer, TopicPartition

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("CONFLICTD_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
BUILD_DIR = os.environ.get("CONFLICTD_BUILD_DIR") or os.path.join(SOURCE_DIR, "build")
DATA_DIR = os.environ.get("CONFLICTD_DATA_DIR") or os.path.join(SOURCE_DIR, "data")
SCHEMA_PATH = os.path.join(SOURCE_DIR, "schemas", "conflict_event.avsc")
ARTICLES_DIR = os.path.join(SOURCE_DIR, "tests", "data", "articles")

INPUT, OUTPUT, DLQ = "articles", "conflict-events", "articles-dlq"
BIG = 33554432  # matches the daemon's message.max.bytes default


# --- results ---------------------------------------------------------------

class Results:
    """Named checks; finish() prints "N passed, N failed" and exits."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
            print("ok   %s" % what, flush=True)
        else:
            self.failed += 1
            print("FAIL %s" % what, flush=True)
        return cond

    def run(self, fn, *args):
        """Call fn(*args); an unexpected exception is one failed check."""
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 - report, then let finish() count it
            import traceback
            traceback.print_exc()
            self.check(False, "%s raised %s: %s" % (fn.__name__, type(e).__name__, e))

    def finish(self):
        if not self.failed:
            import shutil
            for d in _TEMPDIRS:
                shutil.rmtree(d, ignore_errors=True)
        elif _TEMPDIRS:
            print("# logs kept in %s" % " ".join(_TEMPDIRS), flush=True)
        print("%d passed, %d failed" % (self.passed, self.failed), flush=True)
        sys.exit(1 if self.failed or self.passed == 0 else 0)


def log(msg):
    print("# " + msg, flush=True)


# --- Avro, from the specification -----------------------------------------

_PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def _fullname(name, namespace):
    if "." in name or not namespace:
        return name
    return namespace + "." + name


def canonical_form(schema, namespace=None):
    """Parsing Canonical Form (Avro specification, "Schema Resolution")."""
    dumps = lambda s: json.dumps(s, ensure_ascii=False)
    if isinstance(schema, str):
        return dumps(schema if schema in _PRIMITIVES else _fullname(schema, namespace))
    if isinstance(schema, list):
        return "[" + ",".join(canonical_form(s, namespace) for s in schema) + "]"
    t = schema["type"]
    if isinstance(t, str) and t in _PRIMITIVES:
        return dumps(t)
    if t in ("record", "error", "enum", "fixed"):
        name = _fullname(schema["name"], schema.get("namespace", namespace))
        ns = name.rsplit(".", 1)[0] if "." in name else None
        parts = ['"name":' + dumps(name), '"type":' + dumps(t)]
        if t in ("record", "error"):
            fields = ",".join('{"name":%s,"type":%s}' % (dumps(f["name"]), canonical_form(f["type"], ns))
                              for f in schema["fields"])
            parts.append('"fields":[' + fields + "]")
        elif t == "enum":
            parts.append('"symbols":' + json.dumps(schema["symbols"], separators=(",", ":"), ensure_ascii=False))
        else:
            parts.append('"size":' + str(schema["size"]))
        return "{" + ",".join(parts) + "}"
    if t == "array":
        return '{"type":"array","items":%s}' % canonical_form(schema["items"], namespace)
    if t == "map":
        return '{"type":"map","values":%s}' % canonical_form(schema["values"], namespace)
    return canonical_form(t, namespace)  # {"type": {...}} or a named reference


_CRC_EMPTY = 0xC15D213AA4D7A795
_CRC_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_CRC_EMPTY & -(_fp & 1))
    _CRC_TABLE.append(_fp & 0xFFFFFFFFFFFFFFFF)


def crc64_avro(data):
    fp = _CRC_EMPTY
    for b in data:
        fp = (fp >> 8) ^ _CRC_TABLE[(fp ^ b) & 0xFF]
    return fp


class EventDecoder:
    """Decodes single-object framed ConflictEvent values with python3-avro."""

    def __init__(self, schema_path=SCHEMA_PATH):
        with open(schema_path, encoding="utf-8") as f:
            text = f.read()
        self.schema = avro.schema.parse(text)
        self.fingerprint = crc64_avro(canonical_form(json.loads(text)).encode("utf-8"))
        self.name = self.schema.fullname
        self.reader = avro.io.DatumReader(self.schema)

    def decode(self, value):
        """Returns the record as a dict; raises ValueError on bad framing."""
        if len(value) < 10 or value[0:2] != b"\xc3\x01":
            raise ValueError("not single-object encoded (magic %r)" % value[0:2])
        fp = int.from_bytes(value[2:10], "little")
        if fp != self.fingerprint:
            raise ValueError("fingerprint %016x, want %016x" % (fp, self.fingerprint))
        dec = avro.io.BinaryDecoder(io.BytesIO(value[10:]))
        return self.reader.read(dec)


def to_plain_json(v):
    """The eval README's rendering: dates YYYY-MM-DD, timestamps RFC 3339 UTC."""
    if isinstance(v, dict):
        return {k: to_plain_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_plain_json(x) for x in v]
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return v.isoformat(timespec="milliseconds") + "Z"
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, float):
        return round(v, 6)
    return v


# --- processes -------------------------------------------------------------

def _read_line(proc, timeout):
    deadline = time.monotonic() + timeout
    buf = b""
    fd = proc.stdout.fileno()
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            ch = os.read(fd, 1)
            if not ch:
                break
            if ch == b"\n":
                return buf.decode()
            buf += ch
        elif proc.poll() is not None:
            break
    raise RuntimeError("no line from %s within %ss (got %r)" % (proc.args[0], timeout, buf))


class MockCluster:
    """build/mock_cluster in a child process."""

    def __init__(self, brokers=1, partitions=4, topics=(INPUT, OUTPUT, DLQ)):
        exe = os.path.join(BUILD_DIR, "mock_cluster")
        args = [exe, "--brokers", str(brokers)]
        for t in topics:
            args += ["--topic", "%s:%d" % (t, partitions)]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.partitions = partitions
        try:
            self.bootstrap = _read_line(self.proc, 20)
        except Exception:
            self.stop()
            raise
        log("mock cluster at %s" % self.bootstrap)

    def command(self, line, timeout=10):
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()
        return _read_line(self.proc, timeout)

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def write_config(path, bootstrap, group="conflictd-test", extra_kafka="", extra_consumer="", extra_producer="",
                 level="info", shutdown_timeout_ms=15000, max_in_flight=1000, max_article_bytes=1048576,
                 output_topic=OUTPUT, dlq_topic=DLQ, metrics_listen=""):
    text = """# written by tests/integration/kafkatest.py
kafka = {
  brokers = "%(bootstrap)s";
  group_id = "%(group)s";
  input_topic = "%(input)s";
  output_topic = "%(output)s";
  dlq_topic = "%(dlq)s";
  shutdown_timeout_ms = %(shutdown)d;
  max_in_flight = %(inflight)d;
  %(extra_kafka)s
  consumer = {
    session_timeout_ms = 6000;
    heartbeat_interval_ms = 500;
    auto_commit_interval_ms = 500;
    %(extra_consumer)s
  };
  producer = {
    %(extra_producer)s
  };
};
extract = {
  data_dir = "%(data)s";
  max_article_bytes = %(maxbytes)d;
};
output = {
  schema_path = "%(schema)s";
};
metrics = {
  listen = "%(metrics)s";
};
log = {
  level = "%(level)s";
  format = "text";
};
""" % dict(bootstrap=bootstrap, group=group, input=INPUT, output=output_topic, dlq=dlq_topic, shutdown=shutdown_timeout_ms,
           inflight=max_in_flight, extra_kafka=extra_kafka, extra_consumer=extra_consumer,
           extra_producer=extra_producer, data=DATA_DIR, schema=SCHEMA_PATH, maxbytes=max_article_bytes,
           level=level, metrics=metrics_listen)
    with open(path, "w") as f:
        f.write(text)
    return path


class Daemon:
    """build/conflictd -c CONFIG in a child process, stderr to a log file."""

    def __init__(self, config, log_path, exe=None, wrapper=None, env=None, args=()):
        """wrapper: a command prefix (default: $CONFLICTD_TEST_WRAPPER split on
        spaces, e.g. "valgrind --leak-check=full --error-exitcode=99")."""
        if wrapper is None:
            wrapper = shlex.split(os.environ.get("CONFLICTD_TEST_WRAPPER", ""))
        self.exe = exe or os.path.join(BUILD_DIR, "conflictd")
        self.log_path = log_path
        self.logf = open(log_path, "ab")
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.proc = subprocess.Popen(list(wrapper) + [self.exe, "-c", config] + list(args), stdout=self.logf,
                                     stderr=subprocess.STDOUT, env=full_env)
        self.started = time.monotonic()

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def wait_log(self, needle, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.log_text():
                return True
            if self.proc.poll() is not None:
                return needle in self.log_text()
            time.sleep(0.1)
        return False

    def alive(self):
        return self.proc.poll() is None

    def terminate(self, timeout):
        """SIGTERM and wait; returns (exit status or None on timeout, seconds)."""
        t0 = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            rc = None
        return rc, time.monotonic() - t0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.logf.close()


class NotifyListener:
    """A NOTIFY_SOCKET for sd_notify(): collects the datagrams a child sends."""

    def __init__(self, directory):
        import socket
        self.path = os.path.join(directory, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.setblocking(False)
        self.messages = []

    def drain(self):
        while True:
            try:
                self.messages.append(self.sock.recv(4096).decode("utf-8", "replace"))
            except BlockingIOError:
                return self.messages

    def close(self):
        self.sock.close()


# --- clients ---------------------------------------------------------------

def produce(bootstrap, topic, messages, timeout=30, headers=None, partition=None):
    """messages: list of (key, value), to partition or by key.  Returns
    [(partition, offset)] in order; raises if any is not delivered in time."""
    p = Producer({"bootstrap.servers": bootstrap, "message.max.bytes": BIG, "enable.idempotence": True,
                  "linger.ms": 5})
    results = [None] * len(messages)

    def cb(i):
        def on_delivery(err, msg):
            results[i] = err if err else (msg.partition(), msg.offset())
        return on_delivery

    for i, (key, value) in enumerate(messages):
        kw = {} if partition is None else {"partition": partition}
        p.produce(topic, value=value, key=key, on_delivery=cb(i), headers=headers, **kw)
        p.poll(0)
    left = p.flush(timeout)
    if left or any(r is None or not isinstance(r, tuple) for r in results):
        raise RuntimeError("produce to %s: %d undelivered, results %r" % (topic, left, results[:5]))
    return results


def consume(bootstrap, topic, want=None, timeout=60, idle=5.0, group=None):
    """Read topic from the beginning with a fresh group.  Stops when want
    messages arrived, after idle seconds without one (once anything came,
    or from the start when want is 0), or at timeout.  Returns a list of
    dicts: key, value, headers (dict of str), partition, offset."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group or "reader-" + uuid.uuid4().hex,
                  "auto.offset.reset": "earliest", "enable.auto.commit": False,
                  "fetch.max.bytes": BIG, "receive.message.max.bytes": BIG + 1048576,
                  "max.partition.fetch.bytes": BIG, "session.timeout.ms": 6000, "heartbeat.interval.ms": 500})
    out = []
    try:
        c.subscribe([topic])
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline:
            if want is not None and len(out) >= want:
                break
            m = c.poll(0.2)
            if m is None:
                if (out or want == 0 or want is None) and time.monotonic() - last > idle:
                    break
                continue
            if m.error():
                continue
            last = time.monotonic()
            hdrs = {}
            for k, v in m.headers() or []:
                hdrs[k] = v.decode("utf-8", "replace") if v is not None else None
            out.append({"key": m.key(), "value": m.value(), "headers": hdrs, "partition": m.partition(),
                        "offset": m.offset()})
    finally:
        c.close()
    return out


def high_watermarks(bootstrap, topic, partitions):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "wm-" + uuid.uuid4().hex})
    try:
        return {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in range(partitions)}
    finally:
        c.close()


def committed(bootstrap, group, topic, partitions):
    """The group's committed offsets, {partition: offset} (-1001 = none)."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
    try:
        tps = c.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=10)
        return {tp.partition: tp.offset for tp in tps}
    finally:
        c.close()


def wait_committed(bootstrap, group, topic, target, timeout=30):
    """Poll until committed offsets reach target ({partition: offset});
    returns the last committed map."""
    deadline = time.monotonic() + timeout
    got = {}
    while time.monotonic() < deadline:
        got = committed(bootstrap, group, topic, len(target))
        if all(got.get(p, -1) >= o for p, o in target.items()):
            return got
        time.sleep(0.5)
    return got


# --- sample articles ---------------------------------------------------------

def sample_articles():
    """[(name, bytes)] of tests/data/articles: each .txt whole, each .jsonl line."""
    out = []
    for name in sorted(os.listdir(ARTICLES_DIR)):
        path = os.path.join(ARTICLES_DIR, name)
        if name.endswith(".txt"):
            with open(path, "rb") as f:
                out.append((name, f.read()))
        elif name.endswith(".jsonl"):
            with open(path, "rb") as f:
                for i, line in enumerate(f):
                    if line.strip():
                        out.append(("%s:%d" % (name, i + 1), line.rstrip(b"\n")))
    return out


_TEMPDIRS = []


def tempdir(prefix):
    """A scratch directory, removed by Results.finish() when every check passed
    (kept for the logs otherwise)."""
    d = tempfile.mkdtemp(prefix=prefix)
    _TEMPDIRS.append(d)
    return d
