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


def main(*runs):
    """A test file's entry point: each run(res) in turn on one Results (an
    exception in one is a failed check, and the next still runs), then
    finish()."""
    res = Results()
    for fn in runs:
        res.run(fn, res)
    res.finish()


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


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def logical_types(rec):
    """A record read back from a container conflictd wrote -> the same record
    with the types its schema's logical types mean, so python3-avro can write
    it and compare it.  avro-c 1.11 leaves logicalType out of the schema it
    stores in a container, so its timestamps and dates read back as ints;
    python3-avro writes logical types only from datetime and date."""
    out = dict(rec)
    for k in ("article_published_at", "processed_at"):
        if isinstance(out[k], int):
            out[k] = EPOCH + datetime.timedelta(milliseconds=out[k])
    if isinstance(out["event_date"], int):
        out["event_date"] = datetime.date(1970, 1, 1) + datetime.timedelta(days=out["event_date"])
    return out


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
                 output_topic=OUTPUT, dlq_topic=DLQ, metrics_listen="", input_topic=INPUT):
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
""" % dict(bootstrap=bootstrap, group=group, input=input_topic, output=output_topic, dlq=dlq_topic, shutdown=shutdown_timeout_ms,
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
    """Read topic (a name or a list of names) from the beginning with a fresh group.  Stops when want
    messages arrived, after idle seconds without one (once anything came,
    or from the start when want is 0), or at timeout.  Returns a list of
    dicts: key, value, headers (dict of str), partition, offset."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group or "reader-" + uuid.uuid4().hex,
                  "auto.offset.reset": "earliest", "enable.auto.commit": False,
                  "fetch.max.bytes": BIG, "receive.message.max.bytes": BIG + 1048576,
                  "max.partition.fetch.bytes": BIG, "session.timeout.ms": 6000, "heartbeat.interval.ms": 500})
    out = []
    # The idle clock starts at the assignment: joining a fresh group takes
    # the mock a few seconds, in which nothing can arrive.
    assigned = []

    def on_assign(consumer, parts):
        assigned.append(time.monotonic())

    try:
        c.subscribe(list(topic) if isinstance(topic, (list, tuple)) else [topic], on_assign=on_assign)
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline:
            if want is not None and len(out) >= want:
                break
            m = c.poll(0.2)
            if m is None:
                if assigned and last < assigned[0]:
                    last = assigned[0]
                if (assigned and (out or want == 0 or want is None) and time.monotonic() - last > idle):
                    break
                continue
            if m.error():
                continue
            last = time.monotonic()
            hdrs = {}
            for k, v in m.headers() or []:
                hdrs[k] = v.decode("utf-8", "replace") if v is not None else None
            out.append({"key": m.key(), "value": m.value(), "headers": hdrs, "partition": m.partition(),
                        "offset": m.offset(), "topic": m.topic()})
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


def sample_article_batch(n, id_prefix, published_fmt):
    """n JSON articles with distinct ids "<id_prefix>-NNN", their titles and
    texts cycled from the samples; published_fmt takes (month, day)."""
    texts = []
    for name, raw in sample_articles():
        if name.endswith(".txt"):
            title, _, body = raw.decode("utf-8").partition("\n")
            texts.append((title.strip(), body.strip()))
        else:
            a = json.loads(raw)
            texts.append((a.get("title", ""), a.get("text") or a.get("body")))
    out = []
    for i in range(n):
        title, body = texts[i % len(texts)]
        a = {"id": "%s-%03d" % (id_prefix, i), "title": title, "text": body,
             "published_at": published_fmt % (1 + i % 12, 1 + i % 28)}
        out.append((a["id"].encode(), json.dumps(a).encode()))
    return out


_TEMPDIRS = []


def tempdir(prefix):
    """A scratch directory, removed by Results.finish() when every check passed
    (kept for the logs otherwise)."""
    d = tempfile.mkdtemp(prefix=prefix)
    _TEMPDIRS.append(d)
    return d


# --- generated workloads and accounting (crash, rebalance, poison tests) ----

# Short real-style articles from a few templates.  The places and armed
# groups are real (the same ones tests/data/articles uses); the incidents
# and figures are invented, varied by a seeded generator.
_PLACES = [
    # (town, province, country, demonym, group)
    ("Damboa", "Borno", "Nigeria", "Nigerian", "Boko Haram"),
    ("Gwoza", "Borno", "Nigeria", "Nigerian", "Boko Haram"),
    ("Baidoa", "Bay", "Somalia", "Somali", "al-Shabaab"),
    ("Beledweyne", "Hiran", "Somalia", "Somali", "al-Shabaab"),
    ("Djibo", "Soum", "Burkina Faso", "Burkinabe", "JNIM"),
    ("Mopti", "Mopti", "Mali", "Malian", "JNIM"),
    ("Maarat al-Numan", "Idlib", "Syria", "Syrian", "Hayat Tahrir al-Sham"),
    ("Beni", "North Kivu", "Democratic Republic of Congo", "Congolese", "ADF"),
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_TEMPLATES = [
    ("{group} fighters attack army post near {town}",
     "{town}, {country}: {group} fighters attacked a military post near {town} in {province} on {day}, "
     "killing {n} soldiers, security sources said."),
    ("Air strike kills {n} civilians in {town}",
     "An air strike hit a market in {town} in {province} on {day}, killing {n} civilians, local officials "
     "said."),
    ("Protesters clash with police in {town}",
     "Hundreds of protesters marched in {town}, {country}, on {day} against rising fuel prices; police fired "
     "tear gas and arrested {n} people, witnesses said."),
    ("Army and {group} clash near {town}",
     "Clashes between the {demonym} army and {group} near {town} in {province} left {n} fighters dead on "
     "{day}, the military said."),
    ("Gunmen abduct {n} villagers near {town}",
     "Gunmen abducted {n} villagers from a settlement near {town} in {province} on {day}, residents said."),
]
_BAD = [
    b'{"id": "broken", "text": "Gunmen killed three people',  # malformed JSON
    b"",  # empty
    b"Clashes in Tripoli\n\nFighting broke out \xff\xfe\xc3( near the airport.",  # invalid UTF-8
    b'{"id": "no-text", "title": "Only a headline"}',  # JSON without text
]


def generated_articles(n, seed, prefix, bad_every=17):
    """n (key, value) input messages: every bad_every-th one malformed (the
    four kinds in turn), the rest JSON articles from the templates above."""
    import random
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        key = ("%s-%05d" % (prefix, i)).encode()
        if bad_every and i % bad_every == bad_every - 1:
            out.append((key, _BAD[(i // bad_every) % len(_BAD)]))
            continue
        town, province, country, demonym, group = rnd.choice(_PLACES)
        title, text = rnd.choice(_TEMPLATES)
        f = dict(town=town, province=province, country=country, demonym=demonym, group=group,
                 day=rnd.choice(_DAYS), n=rnd.randint(2, 40))
        a = {"id": key.decode(), "title": title.format(**f), "text": text.format(**f),
             "published_at": "2022-%02d-%02dT%02d:00:00Z" % (1 + i % 12, 1 + i % 28, i % 24)}
        out.append((key, json.dumps(a).encode()))
    return out


def spread(messages, partitions):
    """Message i to partition i % partitions: every partition gets good and
    bad ones, and two topics fed the same list hold them at the same offsets."""
    return [(k, v, i % partitions) for i, (k, v) in enumerate(messages)]


class PacedProducer:
    """Produces (key, value, partition) messages from a thread at a steady
    rate, so faults land while input is still arriving.  placed[i] is
    (partition, offset) once delivered."""

    def __init__(self, bootstrap, topic, messages, rate):
        import threading
        self.messages = messages
        self.placed = [None] * len(messages)
        self.error = None
        self.sent = 0
        self._args = (bootstrap, topic, rate)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        bootstrap, topic, rate = self._args
        try:
            p = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "linger.ms": 5})

            def cb(i):
                def on_delivery(err, msg):
                    self.placed[i] = err if err else (msg.partition(), msg.offset())
                return on_delivery

            t0 = time.monotonic()
            for i, (key, value, part) in enumerate(self.messages):
                while time.monotonic() < t0 + i / rate:
                    p.poll(0.005)
                p.produce(topic, value=value, key=key, partition=part, on_delivery=cb(i))
                self.sent = i + 1
                p.poll(0)
            if p.flush(120):
                raise RuntimeError("%s: messages left undelivered" % topic)
        except Exception as e:  # noqa: BLE001 - reported by join()
            self.error = e

    def join(self, timeout):
        self.thread.join(timeout)
        if self.thread.is_alive():
            raise RuntimeError("producer thread still running after %ss" % timeout)
        if self.error:
            raise self.error
        bad = [r for r in self.placed if not isinstance(r, tuple)]
        if bad:
            raise RuntimeError("%d input message(s) not delivered: %r" % (len(bad), bad[:3]))
        return self.placed


def by_source(msgs):
    """{(source-partition, source-offset): message} of consumed messages
    (dead letters, events) by their source headers; -1 where a header is
    missing, the last message wins."""
    out = {}
    for m in msgs:
        h = m["headers"]
        out[(int(h.get("source-partition", -1)), int(h.get("source-offset", -1)))] = m
    return out


def start_reference(mock, tmp, group, msgs, topics, daemons):
    """The clean reference run of a fault test: msgs produced at full speed
    to topics[0] (of (input, output, dlq)) and one worker of its own group
    (group + "-ref") over them, appended to daemons.  Returns (placed,
    Daemon)."""
    placed = PacedProducer(mock.bootstrap, topics[0], msgs, rate=1e9).join(60)
    cfg = write_config(os.path.join(tmp, "ref.conf"), mock.bootstrap, group=group + "-ref",
                       input_topic=topics[0], output_topic=topics[1], dlq_topic=topics[2])
    d = Daemon(cfg, os.path.join(tmp, "ref.log"))
    daemons.append(d)
    return placed, d


def stop_all(res, mock, daemons, tail=3000):
    """A daemon test's clean-up: stop every daemon (None entries skipped),
    print the last tail characters of each log when a check failed, stop
    the cluster."""
    daemons = [d for d in daemons if d]
    for d in daemons:
        d.stop()
    if res.failed:
        for d in daemons:
            sys.stdout.write("--- %s (tail) ---\n%s\n" % (d.log_path, d.log_text()[-tail:]))
    if mock:
        mock.stop()


def end_offsets(placed, partitions):
    """{partition: last offset + 1} of the (partition, offset) list."""
    target = {p: 0 for p in range(partitions)}
    for p, o in placed:
        target[p] = max(target[p], o + 1)
    return target


class Ledger:
    """What one run wrote downstream, by input (partition, offset).

    events[(p, o)]: list of decoded events (processed_at and provenance
    dropped: the time of processing, and the input topic, which a reference
    run reads from another topic; test_daemon_end_to_end checks provenance);
    dead[(p, o)]: list of dead-letter headers dicts."""

    def __init__(self, bootstrap, out_topic, dlq_topic, dec, want_events=None, want_dlq=None, idle=4):
        want = None if want_events is None or want_dlq is None else want_events + want_dlq
        both = consume(bootstrap, [out_topic, dlq_topic], want=want, timeout=60, idle=idle)
        self._fill(both, out_topic, dlq_topic, dec)

    def _fill(self, both, out_topic, dlq_topic, dec):
        self.events = {}
        self.dead = {}
        self.n_events = 0
        self.n_dead = 0
        for m in (m for m in both if m["topic"] == out_topic):
            h = m["headers"]
            rec = dec.decode(m["value"])
            rec.pop("processed_at", None)
            rec.pop("provenance", None)
            src = (int(h["source-partition"]), int(h["source-offset"]))
            self.events.setdefault(src, []).append(rec)
            self.n_events += 1
        for m in (m for m in both if m["topic"] == dlq_topic):
            h = m["headers"]
            src = (int(h["source-partition"]), int(h["source-offset"]))
            self.dead.setdefault(src, []).append(h)
            self.n_dead += 1

    def distinct_events(self):
        """{event_id: record}, duplicates dropped."""
        out = {}
        for recs in self.events.values():
            for r in recs:
                out.setdefault(r["event_id"], r)
        return out

    def duplicates(self):
        """Records beyond the first per event_id, plus repeated dead letters."""
        ev = self.n_events - len(self.distinct_events())
        dl = self.n_dead - len(self.dead)
        return ev + dl

    def accounted(self, src):
        return src in self.events or src in self.dead


def ledgers(bootstrap, topic_pairs, dec, idle=4):
    """One Ledger per (out_topic, dlq_topic) pair, all read by a single
    consumer (one group join instead of one per pair)."""
    topics = [t for pair in topic_pairs for t in pair]
    msgs = consume(bootstrap, topics, timeout=60, idle=idle)
    out = []
    for out_topic, dlq_topic in topic_pairs:
        led = Ledger.__new__(Ledger)
        led._fill(msgs, out_topic, dlq_topic, dec)
        out.append(led)
    return out


def check_committed_to_end(res, label, bootstrap, group, topic, target, timeout):
    """Wait (bounded) until the group's committed offsets reach target
    {partition: end offset} and record the check in res."""
    got = wait_committed(bootstrap, group, topic, target, timeout=timeout)
    return res.check(all(got.get(p, -1) >= o for p, o in target.items()),
                     "%s: every partition committed to its end (want %s, got %s)" % (label, target, got))


def account(res, label, placed, ledger, ref, ref_placed):
    """The accounting every fault test ends with: each input message has its
    events or its dead letter downstream (or, like in the reference run,
    yields nothing); after de-duplication by event_id the events equal the
    reference's.  Returns a dict of counts and logs one summary line."""
    # The same list went to the same partitions in the same order, so an
    # input's (partition, offset) is the same in both runs.
    res.check(sorted(placed) == sorted(ref_placed), "%s: input laid out as in the reference run" % label)
    silent_ref = [s for s in ref_placed if not ref.accounted(s)]
    lost = [s for s in placed if not ledger.accounted(s) and ref.accounted(s)]
    mine = ledger.distinct_events()
    theirs = ref.distinct_events()
    dead_mismatch = [s for s in placed if (s in ledger.dead) != (s in ref.dead)]
    counts = dict(articles_in=len(placed), events_out=ledger.n_events, distinct_events=len(mine),
                  dlq=ledger.n_dead, lost=len(lost), duplicates=ledger.duplicates(),
                  silent=len(silent_ref))
    log("%s: articles in %d, events out %d (%d distinct), DLQ %d, lost %d, duplicates %d "
        "(inputs with no event in either run: %d)" % (label, counts["articles_in"], counts["events_out"],
                                                      counts["distinct_events"], counts["dlq"], counts["lost"],
                                                      counts["duplicates"], counts["silent"]))
    res.check(not lost, "%s: zero lost (%d input(s) with neither events nor a dead letter, e.g. %r)"
              % (label, len(lost), lost[:5]))
    res.check(not dead_mismatch, "%s: the same inputs dead-lettered as in the reference (%d differ)"
              % (label, len(dead_mismatch)))
    missing = sorted(set(theirs) - set(mine))
    extra = sorted(set(mine) - set(theirs))
    differ = [k for k in set(mine) & set(theirs) if mine[k] != theirs[k]]
    res.check(not missing and not extra and not differ,
              "%s: de-duplicated events == the clean run's (%d missing, %d extra, %d differ)"
              % (label, len(missing), len(extra), len(differ)))
    return counts
