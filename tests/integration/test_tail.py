#!/usr/bin/python3
"""test_tail.py - conflictd-tail against a mock cluster.

Events come from conflict-extract run on sample articles (its JSON lines and
its Avro container of the same run); python3-avro re-encodes each record and
confluent_kafka produces it, single-object framed unless a check says
otherwise, with message timestamps two hours and one hour ago.  Then
conflictd-tail must:
  - from the beginning to the end of every partition exit 0 with exactly the
    records produced, each JSON line equal to kafkatest.EventDecoder's
    decoding of its Kafka value (and to conflict-extract's own line);
  - honour -n, -p/-o <offset>, -o -<N>, -s <RFC 3339>, --since <duration>;
  - print aligned -F line rows (and -F pretty blocks), coloured only on a
    terminal without NO_COLOR or with --color=always;
  - decode Confluent framing (schema id, no registry: the loaded schema) and
    bare datums;
  - report random bytes, a truncated value, a wrong fingerprint and an empty
    value on stderr with partition and offset, go on to the next good
    record, and exit 1;
  - with --registry (tests/integration/registry_stub.py), fetch an id's
    writer schema once and cache it; an unknown id is an error line;
  - decode records written with an older schema from schemas/history;
  - with -f, print records produced after it started, and exit 0 on SIGINT.
"""
import datetime
import io
import json
import math
import os
import pty
import random
import re
import signal
import socket
import struct
import subprocess
import sys
import time

import avro.datafile
import avro.io
import avro.schema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

TAIL = os.path.join(kt.BUILD_DIR, "conflictd-tail")
CONFLICTD = os.path.join(kt.BUILD_DIR, "conflictd")
EXTRACT = os.path.join(kt.BUILD_DIR, "conflict-extract")
HISTORY_DIR = os.path.join(kt.SOURCE_DIR, "schemas", "history")
REGISTRY_STUB = os.path.join(kt.HERE, "registry_stub.py")
PARTITIONS = 2
TOPICS = ("ev", "framings", "bad", "follow", "reg", "old", "hostile")


def tail(bootstrap, *args, timeout=60, env=None):
    """Run conflictd-tail to its end; returns (rc, stdout lines, stderr lines)."""
    r = subprocess.run([TAIL, "-b", bootstrap] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout, env=env)
    out = r.stdout.decode("utf-8")
    err = r.stderr.decode("utf-8", "replace")
    if err.strip():
        kt.log("tail %s stderr: %s" % (" ".join(args), err.strip().replace("\n", " | ")[:600]))
    return r.returncode, [l for l in out.split("\n") if l], [l for l in err.split("\n") if l]


def json_records(lines):
    return [json.loads(l) for l in lines]


def close_enough(a, b, path=""):
    """Equal, floats to 1e-6 relative (float32 confidence, 6-digit coordinates)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(close_enough(a[k], b[k], path + "." + k) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close_enough(x, y, path) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    return a == b


class Events:
    """conflict-extract's events for some sample articles: JSON lines and
    the datums python3-avro encodes from its container file."""

    def __init__(self, tmp, dec):
        articles = os.path.join(tmp, "articles.jsonl")
        with open(articles, "wb") as f:
            for _, value in kt.sample_article_batch(8, "tail", "2018-%02d-%02dT09:00:00Z"):
                f.write(value + b"\n")
        container = os.path.join(tmp, "events.avro")
        r = subprocess.run([EXTRACT, "--data", kt.DATA_DIR, "--schema", kt.SCHEMA_PATH, "--avro", container,
                            articles], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        if r.returncode != 0:
            raise RuntimeError("conflict-extract: rc %d: %s" % (r.returncode, r.stderr[:300]))
        self.json = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
        with open(container, "rb") as f:
            reader = avro.datafile.DataFileReader(f, avro.io.DatumReader())
            records = [kt.logical_types(x) for x in reader]
            reader.close()
        if len(records) != len(self.json) or len(records) < 6:
            raise RuntimeError("%d records, %d JSON lines: want the same, at least 6" % (len(records),
                                                                                       len(self.json)))
        writer = avro.io.DatumWriter(dec.schema)
        self.records = records
        self.datums = []
        for rec in records:
            buf = io.BytesIO()
            writer.write(rec, avro.io.BinaryEncoder(buf))
            self.datums.append(buf.getvalue())
        self.fingerprint = dec.fingerprint

    def single_object(self, i):
        return b"\xc3\x01" + struct.pack("<Q", self.fingerprint) + self.datums[i]

    def confluent(self, i, schema_id):
        return b"\x00" + struct.pack(">i", schema_id) + self.datums[i]


def produce_at(bootstrap, topic, items):
    """items: (key, value, partition, timestamp_ms or None).  Returns [(partition, offset)]."""
    from confluent_kafka import Producer
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    out = [None] * len(items)

    def cb(i):
        def on_delivery(err, msg):
            out[i] = err if err else (msg.partition(), msg.offset())
        return on_delivery

    for i, (key, value, part, ts) in enumerate(items):
        kw = {"timestamp": ts} if ts else {}
        p.produce(topic, value=value, key=key, partition=part, on_delivery=cb(i), **kw)
        p.poll(0)
    if p.flush(30) or any(not isinstance(x, tuple) for x in out):
        raise RuntimeError("produce to %s: %r" % (topic, out[:4]))
    return out


def kafka_of(rec):
    k = rec.pop("_kafka")
    return (k["partition"], k["offset"])


# --- the checks ----------------------------------------------------------------

def check_whole_topic(res, mock, ev, dec, placed, values):
    rc, out, err = tail(mock.bootstrap, "-t", "ev", "-F", "json")
    res.check(rc == 0, "from the beginning to the end: exit 0 (rc %d)" % rc)
    res.check(len(out) == len(values), "exactly the %d records produced (got %d lines)" % (len(values), len(out)))
    recs = json_records(out)
    where = [kafka_of(r) for r in recs]
    res.check(sorted(where) == sorted(placed), "each line's _kafka partition/offset is one produced record")
    at = dict(zip(placed, values))
    bad = [w for w, r in zip(where, recs) if not close_enough(r, kt.to_plain_json(dec.decode(at[w])))]
    res.check(not bad, "every JSON line equals EventDecoder's decoding of its value (%d differ: %r)"
              % (len(bad), bad[:3]))
    by_id = {e["event_id"]: e for e in ev.json}
    res.check(all(close_enough(r, by_id.get(r["event_id"])) for r in recs),
              "every JSON line equals conflict-extract's line for that event")
    res.check(not err, "nothing on stderr (%r)" % err[:2])


def check_positions(res, mock, placed, ts_of):
    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "-n", "3")
    res.check(rc == 0 and len(out) == 3, "-n 3: exactly 3 records, exit 0 (rc %d, %d lines)" % (rc, len(out)))

    p1 = sorted(o for p, o in placed if p == 1)
    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "-p", "1", "-o", "2")
    got = [kafka_of(r) for r in json_records(out)]
    res.check(rc == 0 and got == [(1, o) for o in p1 if o >= 2],
              "-p 1 -o 2: partition 1 from offset 2 in order (%r)" % got)

    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "-o", "-2")
    got = sorted(kafka_of(r) for r in json_records(out))
    want = sorted(x for p in range(PARTITIONS) for x in sorted(y for y in placed if y[0] == p)[-2:])
    res.check(rc == 0 and got == want, "-o -2: the last 2 records of each partition (%r)" % got)

    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "-o", "end")
    res.check(rc == 0 and not out, "-o end without -f: nothing, exit 0 (rc %d, %d lines)" % (rc, len(out)))

    newer = sorted(pl for pl in placed if ts_of[pl] >= ts_of["late"])
    since = datetime.datetime.fromtimestamp(ts_of["late"] / 1000.0 - 1, datetime.timezone.utc)
    stamp = since.strftime("%Y-%m-%dT%H:%M:%SZ")
    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "-s", stamp)
    got = sorted(kafka_of(r) for r in json_records(out))
    res.check(rc == 0 and got == newer, "-s %s: exactly the records of the last hour (%d of %d)"
              % (stamp, len(got), len(newer)))
    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "--since", "90m")
    got = sorted(kafka_of(r) for r in json_records(out))
    res.check(rc == 0 and got == newer, "--since 90m: the same records (%d)" % len(got))
    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "--since", "10s")
    res.check(rc == 0 and not out, "--since 10s: nothing that recent, exit 0 (rc %d, %d lines)" % (rc, len(out)))
    # Before 1970 is a negative time, and -1/-2 are librdkafka's "latest" and
    # "earliest" for offsets_for_times: a time that early means everything.
    for since in ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.998Z", "1900-01-01", "36500000d"):
        rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json", "--since", since)
        got = sorted(kafka_of(r) for r in json_records(out))
        res.check(rc == 0 and got == sorted(placed), "--since %s: every record (%d of %d, rc %d)"
                  % (since, len(got), len(placed), rc))


LINE_RE = re.compile(r"^(\d{4}(-\d\d){0,2}|\?) *  P\d+\/\d+ +  \S.*  fatalities \d+( \(.*\))?$")


def check_line_format(res, mock, ev, placed):
    rc, out, _ = tail(mock.bootstrap, "-t", "ev")
    res.check(rc == 0 and len(out) == len(placed), "-F line (the default): one line per record (%d)" % len(out))
    res.check(all(LINE_RE.match(l) for l in out),
              "each line is date, P<partition>/<offset>, ..., fatalities N (%r)"
              % [l for l in out if not LINE_RE.match(l)][:2])
    cols = {(l.index(" P") + 2, l.index("  fatalities ")) for l in out}
    res.check(len(cols) == 1, "columns aligned: coordinates and fatalities start at the same place (%r)" % cols)
    res.check(not any("\x1b[" in l for l in out), "no colour when stdout is not a terminal")
    # Each line carries its event's date, type, country and best count.
    recs = {kafka_of(r): r for r in json_records(tail(mock.bootstrap, "-t", "ev", "-F", "json")[1])}
    wrong = []
    for l in out:
        m = re.search(r"  P(\d+)/(\d+) ", l)
        r = recs[(int(m.group(1)), int(m.group(2)))]
        want = [r["event_date"] or "?", "fatalities %d" % r["fatalities"]["best"]]
        if r["location"]:
            want.append(r["location"]["name"][:20])
        if not all(w in l for w in want) or r["sub_event_type"] is None:
            wrong.append(l)
    res.check(not wrong, "each line shows its event's date, place and fatalities (%r)" % wrong[:2])
    res.check(any("Violence against civilians: " in l or "Battles: " in l or "Explosions/Remote violence: " in l
                  for l in out), "types in ACLED's words ('Battles: Armed clash')")

    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "pretty")
    blocks = [l for l in out if l.startswith("ev [")]
    res.check(rc == 0 and len(blocks) == len(placed), "-F pretty: one block per record (%d)" % len(blocks))
    res.check(sum(1 for l in out if l.strip().startswith("fatalities")) == len(placed)
              and sum(1 for l in out if l.strip().startswith("event id")) == len(placed),
              "each block has its fatalities and event id")

    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-n", "1", "--color", "always")
    res.check(rc == 0 and "\x1b[" in out[0], "--color always colours")
    res.check(pty_output(mock.bootstrap, {}).count("\x1b[") > 0, "colour on a terminal")
    res.check("\x1b[" not in pty_output(mock.bootstrap, {"NO_COLOR": "1"}), "no colour on a terminal with NO_COLOR")


def pty_output(bootstrap, extra_env):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.update(extra_env)
    master, slave = pty.openpty()
    proc = subprocess.Popen([TAIL, "-b", bootstrap, "-t", "ev", "-n", "2"], stdout=slave, stderr=subprocess.PIPE,
                            env=env)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            b = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not b:
            break
        chunks.append(b)
    os.close(master)
    proc.wait(10)
    return b"".join(chunks).decode("utf-8", "replace")


def check_framings(res, mock, ev, dec):
    items = [(b"c", ev.confluent(0, 7), 0, None), (b"s", ev.single_object(1), 0, None),
             (b"b", ev.datums[2], 0, None)]
    produce_at(mock.bootstrap, "framings", items)
    rc, out, _ = tail(mock.bootstrap, "-t", "framings", "-F", "json")
    recs = json_records(out)
    for r in recs:
        kafka_of(r)
    res.check(rc == 0 and len(recs) == 3, "Confluent, single-object and bare values all print (rc %d, %d)"
              % (rc, len(recs)))
    want = [kt.to_plain_json(dec.decode(ev.single_object(i))) for i in range(3)]
    res.check(len(recs) == 3 and all(close_enough(a, b) for a, b in zip(recs, want)),
              "each framing decodes to its record (Confluent id 7 with the loaded schema, bare datum)")


def check_control_characters(res, mock, ev, dec):
    """Strings in a record are data from the topic: ESC sequences, CR, LF,
    BEL and C1 controls in them must not reach the terminal in the text
    formats; the JSON format keeps them (escaped)."""
    rec = dict(ev.records[0])
    hostile = {
        "name": "Gunmen\x1b[2J\x1b]0;pwned\x07",
        "mention": "gunmen\r\nforged line",
        "type": "REBEL_GROUP",
        "country_code": None,
    }
    rec["actor1"] = hostile
    rec["source_name"] = "Wire\x1b[31m"
    rec["article_url"] = "https://news.example/\u009b2J"
    text = "Shots\x1b[8m were\nfired."
    rec["evidence"] = [{"start": 0, "end": len(text.encode("utf-8")), "text": text}]
    buf = io.BytesIO()
    avro.io.DatumWriter(dec.schema).write(rec, avro.io.BinaryEncoder(buf))
    value = b"\xc3\x01" + struct.pack("<Q", ev.fingerprint) + buf.getvalue()
    produce_at(mock.bootstrap, "hostile", [(b"h", value, 0, None)])
    bad = ("\x1b", "\x07", "\r", "\u009b")
    rc, out, _ = tail(mock.bootstrap, "-t", "hostile", "-F", "line", "--color", "never")
    res.check(rc == 0 and len(out) == 1 and not any(c in out[0] for c in bad),
              "-F line: control characters in a record's strings are not printed; one line (rc %d, %r)"
              % (rc, out))
    res.check(len(out) == 1 and "Gunmen?[2J?]0;pwned?" in out[0],
              "-F line: each control character shows as '?' (%r)" % out[:1])
    rc, out, _ = tail(mock.bootstrap, "-t", "hostile", "-F", "pretty", "--color", "never")
    res.check(rc == 0 and out and not any(c in l for l in out for c in bad),
              "-F pretty: no control characters (rc %d)" % rc)
    res.check(not any(l.startswith("forged line") for l in out) and any("Shots?[8m were fired." in l for l in out),
              "-F pretty: a newline in a string or the evidence forges no line (%r)" % out)
    rc, out, _ = tail(mock.bootstrap, "-t", "hostile", "-F", "json")
    got = json_records(out)
    res.check(rc == 0 and len(got) == 1 and got[0]["actor1"]["name"] == hostile["name"]
              and got[0]["evidence"][0]["text"] == text,
              "-F json keeps the strings exactly (JSON escapes them)")


def check_bad_bytes(res, mock, ev):
    rnd = random.Random(6)
    good = ev.single_object(3)
    wrong_fp = b"\xc3\x01" + struct.pack("<Q", ev.fingerprint ^ 0x5A5A) + ev.datums[3]
    values = [good, bytes(rnd.randrange(256) for _ in range(200)), ev.single_object(4), good[:len(good) // 2],
              wrong_fp, b"", ev.single_object(5), b"\x00\x00\x00", ev.confluent(0, 7) + b"\x01\x02"]
    kinds = ["good", "random", "good", "truncated", "fingerprint", "empty", "good", "short confluent",
             "trailing bytes"]
    placed = produce_at(mock.bootstrap, "bad", [(b"k", v, 0, None) for v in values])
    rc, out, err = tail(mock.bootstrap, "-t", "bad", "-F", "json")
    goods = [pl for pl, k in zip(placed, kinds) if k == "good"]
    bads = [(pl, k) for pl, k in zip(placed, kinds) if k != "good"]
    got = [kafka_of(r) for r in json_records(out)]
    res.check(got == goods, "the good records around bad ones all print, in order (%r)" % got)
    res.check(rc == 1, "exit 1 when some values could not be decoded (rc %d)" % rc)
    lines = [l for l in err if "cannot decode" in l]
    res.check(len(lines) == len(bads), "one error line per bad value (%d for %d)" % (len(lines), len(bads)))
    named = all(any("bad [%d] offset %d:" % pl in l for l in lines) for pl, _ in bads)
    res.check(named, "each error line names the topic, partition and offset")
    fp_line = [l for l in lines if "offset %d:" % placed[4][1] in l]
    res.check(fp_line and "fingerprint" in fp_line[0], "the wrong fingerprint is named as such (%r)" % fp_line)
    res.check(any("2 value" not in l and "could not be decoded" in l for l in err),
              "a summary line counts them")


def check_follow(res, mock, ev):
    base = [TAIL, "-b", mock.bootstrap, "-t", "follow", "-o", "end", "-f", "-F", "json"]
    procs = {name: subprocess.Popen(base + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for name, extra in (("int", []), ("term", []), ("n", ["-n", "2"]))}
    try:
        time.sleep(2)  # assigned and at the end
        placed = produce_at(mock.bootstrap, "follow", [(b"f", ev.single_object(i), i % PARTITIONS, None)
                                                       for i in range(2)])
        got = {name: sorted(kafka_of(json.loads(kt._read_line(p, 20))) for _ in range(2))
               for name, p in procs.items()}
        res.check(all(g == sorted(placed) for g in got.values()),
                  "-f prints records produced after it started (%r)" % got)
        res.check(procs["int"].poll() is None and procs["term"].poll() is None,
                  "-f keeps running at the end of the partitions")
        rc = procs["n"].wait(15)
        res.check(rc == 0, "-f -n 2 exits 0 by itself after 2 records (rc %d)" % rc)
        procs["int"].send_signal(signal.SIGINT)
        procs["term"].send_signal(signal.SIGTERM)
        rcs = (procs["int"].wait(15), procs["term"].wait(15))
        res.check(rcs == (0, 0), "SIGINT and SIGTERM end -f cleanly with exit 0 (rc %r)" % (rcs,))
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
                p.wait(5)


def check_config_file(res, mock, placed):
    """-c: brokers, topic and schema from conflictd's file; its consumer
    block's group settings (session.timeout.ms ...) are left out."""
    tmp = kt.tempdir("conflictd-tail-conf-")
    conf = kt.write_config(os.path.join(tmp, "tail.conf"), mock.bootstrap, output_topic="ev",
                           extra_consumer="fetch_wait_max_ms = 100;")
    r = subprocess.run([TAIL, "-c", conf, "-F", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    got = sorted(kafka_of(json.loads(l)) for l in r.stdout.decode().splitlines())
    res.check(r.returncode == 0 and got == sorted(placed),
              "-c: the configured brokers and output topic, every record (rc %d, %d)" % (r.returncode, len(got)))
    bad = kt.write_config(os.path.join(tmp, "bad.conf"), mock.bootstrap, extra_consumer="no_such_property = 1;")
    r = subprocess.run([TAIL, "-c", bad], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    err = r.stderr.decode()
    res.check(r.returncode == 78 and "bad.conf:" in err and "no.such.property" in err,
              "-c: a bad consumer property is refused naming file:line (rc %d: %s)" % (r.returncode, err.strip()))


def datum_with(schema, rec):
    buf = io.BytesIO()
    avro.io.DatumWriter(schema).write(rec, avro.io.BinaryEncoder(buf))
    return buf.getvalue()


def older_schema():
    """The oldest schema in schemas/history, parsed, its text and fingerprint (None when there is none)."""
    if not os.path.isdir(HISTORY_DIR):
        return None
    names = sorted(n for n in os.listdir(HISTORY_DIR) if n.endswith(".avsc"))
    if not names:
        return None
    with open(os.path.join(HISTORY_DIR, names[0]), encoding="utf-8") as f:
        text = f.read()
    return names[0], avro.schema.parse(text), text, kt.crc64_avro(kt.canonical_form(json.loads(text)).encode())


def v1_record(schema, rec):
    """rec (the current schema's) with only the fields the older schema has."""
    names = {f.name for f in schema.fields}
    return {k: v for k, v in rec.items() if k in names}


def check_older_schema(res, mock, ev, dec):
    old = older_schema()
    if not res.check(old is not None, "schemas/history holds an older schema"):
        return
    name, schema, _, fp = old
    res.check(fp != dec.fingerprint, "%s's fingerprint differs from the current schema's" % name)
    values = [b"\xc3\x01" + struct.pack("<Q", fp) + datum_with(schema, v1_record(schema, ev.records[i]))
              for i in range(3)]
    placed = produce_at(mock.bootstrap, "old", [(b"o", v, 0, None) for v in values])
    rc, out, err = tail(mock.bootstrap, "-t", "old", "-F", "json")
    recs = json_records(out)
    for r in recs:
        kafka_of(r)
    want = [kt.to_plain_json(dec.decode(ev.single_object(i))) for i in range(3)]
    res.check(rc == 0 and len(recs) == 3 and all(close_enough(a, b) for a, b in zip(recs, want)),
              "records written with %s decode (history/ beside the schema), new fields at their defaults "
              "(rc %d, %d records)" % (name, rc, len(recs)))
    empty = kt.tempdir("conflictd-tail-nohistory-")
    rc, out, err = tail(mock.bootstrap, "-t", "old", "-F", "json", "--history-dir", empty)
    res.check(rc == 1 and not out and sum("fingerprint" in l for l in err) == len(placed),
              "with an empty --history-dir the same records are unknown fingerprints (rc %d)" % rc)


def check_registry(res, mock, ev, dec):
    if not res.check(os.path.exists(REGISTRY_STUB), "tests/integration/registry_stub.py exists"):
        return
    sys.path.insert(0, kt.HERE)
    import registry_stub
    stub = registry_stub.RegistryStub().start()
    try:
        with open(kt.SCHEMA_PATH, encoding="utf-8") as f:
            current_id = stub.register("reg-value", f.read())
        old = older_schema()
        items = [(b"r", ev.confluent(i, current_id), 0, None) for i in range(4)]
        old_id = None
        if old:
            name, schema, text, _ = old
            old_id = stub.register("reg-value", text)
            items += [(b"r", b"\x00" + struct.pack(">i", old_id) + datum_with(schema, v1_record(schema, ev.records[i])),
                       0, None) for i in range(4, 6)]
        produce_at(mock.bootstrap, "reg", items)
        rc, out, err = tail(mock.bootstrap, "-t", "reg", "-F", "json", "--registry", stub.url)
        recs = json_records(out)
        for r in recs:
            kafka_of(r)
        want = [kt.to_plain_json(dec.decode(ev.single_object(i))) for i in range(len(items))]
        res.check(rc == 0 and len(recs) == len(items) and all(close_enough(a, b) for a, b in zip(recs, want)),
                  "Confluent records decode with the writer schema the registry holds for their id "
                  "(%d records%s; rc %d)" % (len(recs), ", %d by an older schema" % 2 if old else "", rc))
        gets = [r["path"] for r in stub.requests if r["method"] == "GET"]
        want_gets = ["/schemas/ids/%d" % current_id] + (["/schemas/ids/%d" % old_id] if old_id else [])
        res.check(gets == want_gets, "each id fetched once and cached (%r)" % gets)

        # An id the registry does not know: one error line per record, one lookup.
        produce_at(mock.bootstrap, "reg", [(b"u", ev.confluent(i, 4242), 0, None) for i in range(2)])
        before = len(stub.requests)
        rc, out, err = tail(mock.bootstrap, "-t", "reg", "-F", "json", "--registry", stub.url)
        lines = [l for l in err if "cannot decode" in l]
        res.check(rc == 1 and len(out) == len(items) and len(lines) == 2 and all("4242" in l for l in lines),
                  "an unknown id is an error line naming it, per record; the rest print (rc %d, %d errors)"
                  % (rc, len(lines)))
        res.check(sum(1 for r in stub.requests[before:] if r["path"] == "/schemas/ids/4242") == 1,
                  "the unknown id is asked for once")

        # The registry gone: every Confluent value is an error line at once.
        stub.set_mode("down")
        t0 = time.monotonic()
        rc, out, err = tail(mock.bootstrap, "-t", "reg", "-F", "json", "--registry", stub.url)
        took = time.monotonic() - t0
        lines = [l for l in err if "cannot decode" in l]
        res.check(rc == 1 and not out and len(lines) == len(items) + 2
                  and all("schema id" in l and "registry" in l for l in lines) and "unavailable" in lines[-1],
                  "registry down: each value an error line naming the registry, no wait per value "
                  "(rc %d, %d errors, %.1f s)" % (rc, len(lines), took))
    finally:
        stub.stop()


def check_registry_hangs(res, mock, ev):
    """A registry that accepts the connection and never answers: Ctrl-C
    ends the tail at once, not after the request's timeout (5 s)."""
    produce_at(mock.bootstrap, "hostile", [(b"c", ev.confluent(0, 77), 0, None)])
    silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel completes the handshake; nobody reads
    try:
        url = "http://127.0.0.1:%d" % silent.getsockname()[1]
        p = subprocess.Popen([TAIL, "-b", mock.bootstrap, "-t", "hostile", "-f", "-F", "json", "--registry", url],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(2.0)  # assigned, and waiting for the registry
        t0 = time.monotonic()
        p.send_signal(signal.SIGINT)
        try:
            rc = p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
        took = time.monotonic() - t0
        err = p.stderr.read().decode("utf-8", "replace")
        p.stdout.close()
        p.stderr.close()
        res.check(took < 2.5, "SIGINT during a registry lookup that hangs ends the tail in %.1f s (< 2.5 s; "
                  "the request's timeout is 5 s)" % took)
        res.check(rc in (0, 1), "and it exits 0 or 1 (rc %d; %s)" % (rc, err.strip()[-200:]))
    finally:
        silent.close()


def check_usage(res, mock):
    rc, _, err = tail(mock.bootstrap, "-o", "yesterday")
    res.check(rc == 64 and err and "-o yesterday" in err[0], "a bad -o is a usage error naming it (rc %d)" % rc)
    rc, _, err = tail(mock.bootstrap, "-o", "5", "-s", "10m")
    res.check(rc == 64, "-o and -s together: usage error (rc %d)" % rc)
    rc, _, err = tail(mock.bootstrap, "-X", "sasl.password=hunter2", "-X", "no.such.prop=1")
    res.check(rc == 64 and err and "no.such.prop" in err[-1] and not any("hunter2" in l for l in err),
              "a bad -X property is a usage error naming it (rc %d)" % rc)
    rc, _, err = tail(mock.bootstrap, "-t", "ev", "-p", "9")
    res.check(rc == 64 and err and "no partition 9" in err[-1], "a partition the topic lacks is named (rc %d)" % rc)
    # `conflictd tail` is the same tool: same records, and its messages name it so.
    rc, out, _ = tail(mock.bootstrap, "-t", "ev", "-F", "json")
    r = subprocess.run([CONFLICTD, "tail", "-b", mock.bootstrap, "-t", "ev", "-F", "json"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    sub_out = [l for l in r.stdout.decode("utf-8").split("\n") if l]
    res.check(rc == r.returncode and out and sorted(out) == sorted(sub_out),
              "conflictd tail prints what conflictd-tail prints (%d and %d lines)" % (len(out), len(sub_out)))
    r = subprocess.run([CONFLICTD, "tail", "-o", "yesterday"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=60)
    res.check(r.returncode == 64 and r.stderr.decode().startswith("conflictd tail:"),
              "conflictd tail names itself in its messages (rc %d)" % r.returncode)
    rc, _, err = tail(mock.bootstrap, "-t", "ev", "--registry", "ftp://ops:hunter2@registry:8081")
    res.check(rc == 64 and err and "--registry" in err[-1] and not any("hunter2" in l for l in err),
              "a bad --registry URL is a usage error naming the option, not its password (rc %d, %r)" % (rc, err))
    rc, _, err = tail(mock.bootstrap, "-t", "ev", "--schema", "/nonexistent.avsc")
    res.check(rc == 78 and err and "/nonexistent.avsc" in err[-1], "a missing schema file: exit 78 naming it")


def run(res):
    for exe in (TAIL, EXTRACT):
        if not res.check(os.access(exe, os.X_OK), "%s is built" % exe):
            return
    tmp = kt.tempdir("conflictd-tail-")
    dec = kt.EventDecoder()
    ev = Events(tmp, dec)
    kt.log("%d events from conflict-extract" % len(ev.datums))
    mock = kt.MockCluster(brokers=1, partitions=PARTITIONS, topics=TOPICS)
    try:
        now = int(time.time() * 1000)
        ts_of = {"early": now - 2 * 3600 * 1000, "late": now - 3600 * 1000}
        half = len(ev.datums) // 2
        items = [(ev.json[i]["event_id"].encode(), ev.single_object(i), i % PARTITIONS,
                  ts_of["early"] if i < half else ts_of["late"]) for i in range(len(ev.datums))]
        placed = produce_at(mock.bootstrap, "ev", items)
        values = [v for _, v, _, _ in items]
        for pl, it in zip(placed, items):
            ts_of[pl] = it[3]
        res.run(check_whole_topic, res, mock, ev, dec, placed, values)
        res.run(check_positions, res, mock, placed, ts_of)
        res.run(check_line_format, res, mock, ev, placed)
        res.run(check_config_file, res, mock, placed)
        res.run(check_framings, res, mock, ev, dec)
        res.run(check_control_characters, res, mock, ev, dec)
        res.run(check_bad_bytes, res, mock, ev)
        res.run(check_older_schema, res, mock, ev, dec)
        res.run(check_registry, res, mock, ev, dec)
        res.run(check_registry_hangs, res, mock, ev)
        res.run(check_follow, res, mock, ev)
        res.run(check_usage, res, mock)
    finally:
        mock.stop()


if __name__ == "__main__":
    results = kt.Results()
    results.run(run, results)
    results.finish()
