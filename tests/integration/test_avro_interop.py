#!/usr/bin/python3
"""Avro interoperability of conflict-extract with python3-avro (and avrocat).

(a) conflict-extract --avro writes an object container file; python3-avro
    (and avrocat, if installed) read it back and every record must equal the
    JSON line the same run printed, field by field.
(b) Framing both ways: the single-object value written by the C encoder
    (--encode-framed) must carry C3 01 and the fingerprint computed here in
    Python, and decode with python3-avro; values and a container file made by
    python3-avro must decode with conflict-extract --decode.
Also: a bad input line is reported with its line number and skipped, and
--text reads one plain-text article.

The fixtures in tests/data/extract/ are conflict sentences written for this
project.  Prints "N passed, N failed" and exits non-zero on any failure.
"""
import datetime
import io
import json
import math
import random
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

import avro.datafile
import avro.io
import avro.schema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kafkatest import EPOCH, logical_types  # noqa: E402

EVIDENCE = "Des hommes armés ont attaqué Ségou…"
SRC = os.environ.get("CONFLICTD_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.environ.get("CONFLICTD_BUILD_DIR") or os.path.join(SRC, "build")
DATA = os.environ.get("CONFLICTD_DATA_DIR") or os.path.join(SRC, "data")
TOOL = os.path.join(BUILD, "conflict-extract")
SCHEMA = os.path.join(SRC, "schemas", "conflict_event.avsc")
FIXTURES = os.path.join(SRC, "tests", "data", "extract")

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    sys.stdout.flush()
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))
    return ok


# ---- CRC-64-AVRO and the canonical form, computed independently in Python

CRC64_EMPTY = 0xC15D213AA4D7A795


def _crc64_table():
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (CRC64_EMPTY & -(fp & 1))
        table.append(fp)
    return table


CRC64_TABLE = _crc64_table()


def crc64_avro(data):
    fp = CRC64_EMPTY
    for b in data:
        fp = (fp >> 8) ^ CRC64_TABLE[(fp ^ b) & 0xFF]
    return fp


PRIMITIVES = "null|boolean|int|long|float|double|bytes|string"


def python_canonical_form(schema):
    """python3-avro's Parsing Canonical Form.  Version 1.11.1 keeps a
    primitive that carried a logicalType as {"type":"long"}; the
    specification's [PRIMITIVES] rule (and the Java reference) makes it
    "long", so that one deviation is folded here."""
    return re.sub(r'\{"type":"(%s)"\}' % PRIMITIVES, r'"\1"', schema.canonical_form)


# ---- turning a python3-avro record into the JSON rendering's shape



def ts_text(v):
    """timestamp-millis as python3-avro returns it (datetime or int) ->
    the RFC 3339 text the C renderer prints (null for 0, "unknown")."""
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=datetime.timezone.utc)
        delta = v - EPOCH
        ms = (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000
    else:
        ms = v
    if ms == 0:
        return None
    t = EPOCH + datetime.timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def date_text(v):
    if v is None:
        return None
    if isinstance(v, datetime.date):
        return v.isoformat()
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=v)).isoformat()


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def compare(path, want, got, errors):
    """want: from JSON output; got: normalized Avro record.  Floats compare
    as float32 for confidence and to 1e-12 relative otherwise (the JSON
    prints 15 significant digits)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for k in sorted(set(want) | set(got)):
            if k not in want or k not in got:
                errors.append("%s.%s: only in %s" % (path, k, "JSON" if k in want else "Avro"))
                continue
            compare(path + "." + k, want[k], got[k], errors)
    elif isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            errors.append("%s: %d items in JSON, %d in Avro" % (path, len(want), len(got)))
            return
        for i, (a, b) in enumerate(zip(want, got)):
            compare("%s[%d]" % (path, i), a, b, errors)
    elif isinstance(want, bool) or isinstance(got, bool):
        if want is not got:
            errors.append("%s: %r != %r" % (path, want, got))
    elif isinstance(want, (int, float)) and isinstance(got, (int, float)):
        if path.endswith("confidence"):
            ok = f32(want) == f32(got)
        elif isinstance(want, float) or isinstance(got, float):
            ok = math.isclose(want, got, rel_tol=1e-12, abs_tol=1e-12)
        else:
            ok = want == got
        if not ok:
            errors.append("%s: %r != %r" % (path, want, got))
    elif want != got:
        errors.append("%s: %r != %r" % (path, want, got))


def normalize(rec):
    """A python3-avro datum -> the JSON renderer's shape."""
    out = dict(rec)
    out["article_published_at"] = ts_text(rec["article_published_at"])
    out["processed_at"] = ts_text(rec["processed_at"])
    out["event_date"] = date_text(rec["event_date"])
    return out


def unwrap_union(v):
    """Avro JSON encoding (avrocat) wraps a non-null union value as
    {"<type>": value}; our schema's union branches are primitives and the
    Actor/Location records, never a one-field record."""
    if isinstance(v, dict):
        if len(v) == 1:
            (k, inner), = v.items()
            if k in PRIMITIVES.split("|") or k.split(".")[-1] in ("Actor", "Location"):
                return unwrap_union(inner)
        return {k: unwrap_union(x) for k, x in v.items()}
    if isinstance(v, list):
        return [unwrap_union(x) for x in v]
    return v


def run(args, stdin=None):
    return subprocess.run([TOOL] + args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=300)


def json_lines(stdout):
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


def single_object(schema_fp, datum):
    return b"\xc3\x01" + struct.pack("<Q", schema_fp) + datum


def main():
    if not os.access(TOOL, os.X_OK):
        print("FAIL %s is not built" % TOOL)
        print("0 passed, 1 failed")
        return 1
    schema = avro.schema.parse(open(SCHEMA, encoding="utf-8").read())
    fp = crc64_avro(python_canonical_form(schema).encode("utf-8"))
    check("crc64 matches the specification's vector for \"null\"",
          crc64_avro(b'"null"') == 7195948357588979594)
    tmp = tempfile.mkdtemp(prefix="conflictd-interop-")
    try:
        return body(schema, fp, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def body(schema, fp, tmp):
    avro_out = os.path.join(tmp, "events.avro")
    framed_out = os.path.join(tmp, "first.bin")
    fixtures = os.path.join(FIXTURES, "articles.jsonl")

    # ---- (a) container file vs JSON lines of the same run
    r = run(["--data", DATA, "--schema", SCHEMA, "--avro", avro_out, "--encode-framed", framed_out, fixtures])
    check("conflict-extract exits 0 on good fixtures", r.returncode == 0,
          "rc=%d stderr=%s" % (r.returncode, r.stderr.decode(errors="replace")[:500]))
    events = json_lines(r.stdout)
    if not check("the fixtures yield events", len(events) > 0,
                 "no events from %s: the extractor found nothing" % fixtures):
        print("%d passed, %d failed" % (passed, failed))
        return 1
    ids = {e["article_id"] for e in events}
    check("events come from several fixture articles", len(ids) >= 3, "article ids: %s" % sorted(ids))

    with open(avro_out, "rb") as f:
        reader = avro.datafile.DataFileReader(f, avro.io.DatumReader())
        records = list(reader)
        reader.close()
    check("container holds one record per JSON line", len(records) == len(events),
          "%d records, %d lines" % (len(records), len(events)))
    errors = []
    for i, (want, rec) in enumerate(zip(events, records)):
        compare("event[%d]" % i, want, normalize(rec), errors)
    check("python3-avro reads every record equal to its JSON line", not errors, "; ".join(errors[:8]))

    # Spot checks on the JSON itself that the scorer relies on.
    first = events[0]
    check("JSON event_id is 32 hex digits", re.fullmatch(r"[0-9a-f]{32}", first["event_id"]) is not None)
    check("JSON carries the caller's fields", all(e.get("processed_at") for e in events)
          and any(e.get("article_url") for e in events) and any(e.get("source_name") for e in events))

    avrocat = shutil.which("avrocat")
    if avrocat:
        a = subprocess.run([avrocat, avro_out], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        cat = [unwrap_union(json.loads(line)) for line in a.stdout.decode("utf-8").splitlines() if line.strip()]
        errors = []
        if len(cat) != len(events):
            errors.append("%d records from avrocat, %d lines" % (len(cat), len(events)))
        for i, (want, rec) in enumerate(zip(events, cat)):
            compare("avrocat[%d]" % i, want, normalize(rec), errors)
        check("avrocat reads every record equal to its JSON line", a.returncode == 0 and not errors,
              "; ".join(errors[:8]) or a.stderr.decode(errors="replace")[:300])
    else:
        print("note: avrocat not installed; skipped its check")

    # ---- (b1) a C single-object value, decoded by python3-avro
    with open(framed_out, "rb") as f:
        framed = f.read()
    check("C value starts with the single-object magic C3 01", framed[:2] == b"\xc3\x01")
    got_fp = struct.unpack("<Q", framed[2:10])[0] if len(framed) >= 10 else None
    check("C value's fingerprint equals CRC-64-AVRO computed in Python", got_fp == fp,
          "C %s, Python %016x" % ("%016x" % got_fp if got_fp is not None else "none", fp))
    buf = io.BytesIO(framed[10:])
    rec = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(buf))
    check("python3-avro consumes the whole C datum", buf.tell() == len(framed) - 10,
          "%d of %d bytes" % (buf.tell(), len(framed) - 10))
    errors = []
    compare("framed", events[0], normalize(rec), errors)
    check("C single-object value decodes in python3-avro equal to the JSON", not errors, "; ".join(errors[:8]))

    # ---- (b2) python3-avro values decoded by conflict-extract --decode
    py = logical_types(records[0])
    py.update({
        "event_id": "0123456789abcdef0123456789abcdef",
        "article_id": "py-built-1",
        "article_url": None,
        "source_name": "Agence Fixture Presse",
        "actor1": {"name": "Military Forces of Mali", "mention": "l'armée malienne", "type": "STATE_FORCES",
                   "country_code": "ML"},
        "actor2": None,
        "associated_actors": [{"name": "Wagner Group", "mention": "Russian contractors", "type": "EXTERNAL_OTHER",
                               "country_code": None}],
        "location": {"name": "Ségou", "admin1": "Ségou", "admin2": None, "country": "Mali", "country_code": "ML",
                     "latitude": 13.4317, "longitude": -6.2157, "geo_precision": 1, "gazetteer_id": None},
        "fatalities": {"best": 12, "low": 12, "high": 20, "civilians": None, "children": 2, "imputed": True},
        "reported_by": ["MINUSMA", "Human Rights Watch"],
        "disputed": True,
        "confidence": 0.5,
        "evidence": [{"start": 0, "end": len(EVIDENCE.encode("utf-8")), "text": EVIDENCE}],
        "language": None,
        "event_date": datetime.date(2021, 12, 3),
        "date_precision": "WEEK",
        "temporality": "HISTORICAL",
        "record_kind": "CASUALTY_TALLY",
        "sub_event_type": "ATTACK",
        "event_type": "VIOLENCE_AGAINST_CIVILIANS",
    })
    out = io.BytesIO()
    avro.io.DatumWriter(schema).write(py, avro.io.BinaryEncoder(out))
    datum = out.getvalue()
    want = normalize(py)

    for name, value in (("single-object", single_object(fp, datum)),
                        ("Confluent", b"\x00" + struct.pack(">I", 42) + datum)):
        path = os.path.join(tmp, "py-%s.bin" % name)
        with open(path, "wb") as f:
            f.write(value)
        d = run(["--schema", SCHEMA, "--decode", path])
        got = json_lines(d.stdout) if d.returncode == 0 else []
        errors = []
        if len(got) == 1:
            compare("decode", got[0], want, errors)
        check("python3-avro %s value decodes in conflict-extract" % name,
              d.returncode == 0 and len(got) == 1 and not errors,
              "; ".join(errors[:8]) or d.stderr.decode(errors="replace")[:300])

    # A container written by python3-avro, several records.
    pyfile = os.path.join(tmp, "py.avro")
    with open(pyfile, "wb") as f:
        w = avro.datafile.DataFileWriter(f, avro.io.DatumWriter(), schema)
        for rec in records:
            w.append(logical_types(rec))
        w.append(py)
        w.close()
    d = run(["--schema", SCHEMA, "--decode", pyfile])
    got = json_lines(d.stdout) if d.returncode == 0 else []
    errors = []
    if len(got) != len(records) + 1:
        errors.append("%d records decoded, %d written" % (len(got), len(records) + 1))
    for i, (g, w_) in enumerate(zip(got, [normalize(x) for x in records] + [want])):
        compare("pyfile[%d]" % i, g, w_, errors)
    check("python3-avro container decodes in conflict-extract", d.returncode == 0 and not errors,
          "; ".join(errors[:8]) or d.stderr.decode(errors="replace")[:300])

    # The C container decodes in conflict-extract too (its own round trip).
    d = run(["--schema", SCHEMA, "--decode", avro_out])
    got = json_lines(d.stdout) if d.returncode == 0 else []
    errors = []
    for i, (g, w_) in enumerate(zip(got, events)):
        compare("cfile[%d]" % i, w_, g, errors)
    check("C container decodes back to the same JSON", d.returncode == 0 and len(got) == len(events)
          and not errors, "; ".join(errors[:8]) or d.stderr.decode(errors="replace")[:300])

    # Hostile values are rejected with a message, not a crash.
    bad = single_object(fp ^ 1, datum)
    path = os.path.join(tmp, "wrong-fp.bin")
    with open(path, "wb") as f:
        f.write(bad)
    d = run(["--schema", SCHEMA, "--decode", path])
    check("a wrong fingerprint is rejected", d.returncode == 1 and b"fingerprint" in d.stderr,
          "rc=%d %s" % (d.returncode, d.stderr[:200]))
    with open(path, "wb") as f:
        f.write(single_object(fp, datum[: len(datum) // 2]))
    d = run(["--schema", SCHEMA, "--decode", path])
    check("a truncated value is rejected", d.returncode == 1 and d.stderr.strip() != b"" and d.returncode > 0,
          "rc=%d" % d.returncode)

    # Corrupted containers: every outcome is a clean exit (0 if the damage
    # hit only string contents, else 1 with a message), never a signal.
    with open(avro_out, "rb") as f:
        good = f.read()
    rng = random.Random(20181117)
    crashes = []
    path = os.path.join(tmp, "corrupt.avro")
    for round_ in range(60):
        data = bytearray(good)
        for _ in range(1 + round_ % 3):
            data[rng.randrange(4, len(data))] = rng.randrange(256)
        if round_ % 5 == 4:
            data = data[: rng.randrange(4, len(data))]
        with open(path, "wb") as f:
            f.write(bytes(data))
        d = run(["--schema", SCHEMA, "--decode", path])
        if d.returncode not in (0, 1) or (d.returncode == 1 and not d.stderr.strip()):
            crashes.append("round %d: rc=%d %s" % (round_, d.returncode, d.stderr[-200:]))
    check("corrupted containers are rejected cleanly", not crashes, "; ".join(crashes[:3]))

    # ---- bad lines: reported with their line numbers and skipped
    r = run(["--data", DATA, os.path.join(FIXTURES, "bad_lines.jsonl")])
    err = r.stderr.decode(errors="replace")
    ok_ids = {e["article_id"] for e in json_lines(r.stdout)}
    check("bad lines give exit status 1", r.returncode == 1, "rc=%d" % r.returncode)
    check("bad lines are named by line number", "bad_lines.jsonl:2:" in err and "bad_lines.jsonl:3:" in err
          and "bad_lines.jsonl:1:" not in err and "bad_lines.jsonl:4:" not in err, err[:400])
    check("good lines around bad ones still produce events", {"fx-bad-ok-1", "fx-bad-ok-2"} <= ok_ids,
          "events from %s" % sorted(ok_ids))
    r = run(["--data", DATA], stdin=open(fixtures, "rb").read())
    check("stdin gives the same events as a file argument",
          r.returncode == 0 and [e["event_id"] for e in json_lines(r.stdout)] == [e["event_id"] for e in events])

    lines = open(fixtures, "rb").read().splitlines()
    crlf = b"\n\r\n" + b"\r\n".join(lines) + b"\r\n\r\n"
    r = run(["--data", DATA], stdin=crlf)
    check("blank lines and CRLF line ends are accepted",
          r.returncode == 0 and [e["event_id"] for e in json_lines(r.stdout)] == [e["event_id"] for e in events],
          "rc=%d %s" % (r.returncode, r.stderr.decode(errors="replace")[:300]))

    # ---- --text: one plain-text article
    r = run(["--data", DATA, "--text", os.path.join(FIXTURES, "article.txt"), "--published-at",
             "2019-08-11T09:00:00Z"])
    got = json_lines(r.stdout)
    check("--text yields events named after the file", r.returncode == 0 and len(got) > 0
          and all(e["article_id"] == "article.txt" for e in got)
          and all(e["article_published_at"] == "2019-08-11T09:00:00.000Z" for e in got),
          "rc=%d n=%d %s" % (r.returncode, len(got), r.stderr.decode(errors="replace")[:300]))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
