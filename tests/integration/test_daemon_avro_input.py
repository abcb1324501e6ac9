"""test_daemon_avro_input.py - Avro articles in, the same events as JSON out.

python3-avro encodes articles with schemas/article.avsc, framed both ways
(single-object: C3 01 + the schema's fingerprint, recomputed here from the
specification by kafkatest.py, and again with the fingerprint of
python3-avro's own canonical form; Confluent: 00 + a 4-byte id).  Each article
also goes in as JSON, with the same id, so a real conflictd must turn the
four copies into the same events: same event_id, same content (all but
processed_at and provenance).  Malformed Avro - truncated, another schema's fingerprint,
a bad union branch, a length past the end, trailing bytes, invalid UTF-8 -
must land in the dead-letter topic, raw, with stage=decode and the reason
in error-class, while the daemon keeps going and commits past it.
"""
import datetime
import io
import json
import os
import struct
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402

import avro.io  # noqa: E402
import avro.schema  # noqa: E402

ARTICLE_SCHEMA = os.path.join(kt.SOURCE_DIR, "schemas", "article.avsc")
CONFLUENT_ID = 17


class ArticleEncoder:
    """schemas/article.avsc with python3-avro; fingerprint from the spec."""

    def __init__(self):
        with open(ARTICLE_SCHEMA, encoding="utf-8") as f:
            text = f.read()
        self.schema = avro.schema.parse(text)
        self.fingerprint = kt.crc64_avro(kt.canonical_form(json.loads(text)).encode("utf-8"))
        # What a scraper gets from python3-avro 1.11's own canonical_form
        # ({"type":"long"} for published_at): accepted as the same schema.
        self.pyavro_fingerprint = kt.crc64_avro(self.schema.canonical_form.encode("utf-8"))
        self.writer = avro.io.DatumWriter(self.schema)

    def datum(self, article):
        rec = {k: article.get(k) for k in ("id", "title", "text", "url", "source", "language")}
        pub = article.get("published_at")
        rec["published_at"] = (datetime.datetime.fromisoformat(pub.replace("Z", "+00:00")) if pub else None)
        buf = io.BytesIO()
        self.writer.write(rec, avro.io.BinaryEncoder(buf))
        return buf.getvalue()

    def single_object(self, article, fingerprint=None):
        fp = self.fingerprint if fingerprint is None else fingerprint
        return b"\xc3\x01" + struct.pack("<Q", fp) + self.datum(article)

    def confluent(self, article, schema_id=CONFLUENT_ID):
        return b"\x00" + struct.pack(">I", schema_id) + self.datum(article)


def articles():
    """The sample articles as dicts, with url/source/language on some."""
    out = []
    for i, (key, raw) in enumerate(kt.sample_article_batch(8, "avro-in", "2022-%02d-%02dT09:30:00Z")):
        a = json.loads(raw)
        if i % 2 == 0:
            a.update(url="https://news.example.org/%s" % a["id"], source="Test Wire", language="en")
        out.append(a)
    return out


def varint(n):
    """A non-negative long as Avro writes it (zig-zag, 7 bits a byte)."""
    u, out = n << 1, b""
    while u >= 0x80:
        out += bytes([(u & 0x7F) | 0x80])
        u >>= 7
    return out + bytes([u])


def malformed(enc, good):
    """[(name, value, error-class, a fragment of error-message)]."""
    so = enc.single_object(good)
    cf = enc.confluent(good)
    header = len(so) - len(enc.datum(good))  # 10
    event_fp = kt.EventDecoder().fingerprint
    bad_branch = bytearray(so)
    bad_branch[header] = 0x04  # id: union branch 2
    # id present, with a length of 2^40 bytes
    too_long = b"\x00" + struct.pack(">I", CONFLUENT_ID) + b"\x02" + varint(2 ** 40) + b"afp-1"
    # one byte of Latin-1 in the title, the length unchanged
    latin1_value = enc.single_object(dict(good, title="Killed in #vora")).replace(b"#vora", b"\xe9vora")
    return [
        ("truncated-single-object", so[: len(so) // 2], "bad_avro", "Avro article (single-object): field"),
        ("truncated-header", so[:7], "bad_avro", "shorter than the 10-byte header"),
        ("other-schema-fingerprint", enc.single_object(good, fingerprint=event_fp), "unknown_schema",
         "%016x" % event_fp),
        ("bad-union-branch", bytes(bad_branch), "bad_avro", "union branch 2"),
        ("length-past-the-end", too_long, "bad_avro", "runs past the end"),
        ("trailing-bytes", cf + b"\x00\x00", "bad_avro", "the datum ends at byte"),
        ("confluent-bare-zero", b"\x00", "bad_avro", "shorter than the 5-byte header"),
        ("invalid-utf8-title", latin1_value, "bad_utf8", "field \"title\": invalid UTF-8"),
    ]


def comparable(ev):
    """An event without processed_at and provenance (the fields that differ by
    copy: when it was processed, and which input message it came from)."""
    d = dict(ev)
    d.pop("processed_at", None)
    d.pop("provenance", None)
    return kt.to_plain_json(d)


def run(res):
    mock = daemon = None
    tmp = kt.tempdir("conflictd-avroin-")
    group = "avroin-" + uuid.uuid4().hex[:8]
    enc = ArticleEncoder()
    try:
        mock = kt.MockCluster(brokers=1, partitions=3)
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap, group=group)
        daemon = kt.Daemon(cfg, os.path.join(tmp, "conflictd.log"))
        res.check(daemon.wait_log("ready", 60), "daemon logs ready")

        arts = articles()
        msgs, forms = [], []  # forms[i] = (article id, form) or ("bad", spec)
        for a in arts:
            for form, value in (("json", json.dumps(a).encode()), ("single-object", enc.single_object(a)),
                                ("confluent", enc.confluent(a)),
                                ("single-object-pyavro", enc.single_object(a, enc.pyavro_fingerprint))):
                msgs.append(("%s-%s" % (a["id"], form), value))
                forms.append((a["id"], form))
        # An Avro article without id and date: both come from the message.
        anon = dict(arts[1], id=None, published_at=None)
        msgs.append(("anonymous", enc.confluent(anon)))
        forms.append(("anon", "confluent"))
        bad = malformed(enc, arts[0])
        for spec in bad:
            msgs.append((spec[0], spec[1]))
            forms.append(("bad", spec))
        placed = kt.produce(mock.bootstrap, kt.INPUT, [(k.encode(), v) for k, v in msgs], timeout=60)
        by_place = dict(zip(placed, forms))
        kt.log("produced %d articles x 4 forms, 1 anonymous, %d malformed" % (len(arts), len(bad)))

        dlq = kt.consume(mock.bootstrap, kt.DLQ, want=len(bad), timeout=90, idle=15)
        found = kt.by_source(dlq)
        for (key, value), form, pl in zip(msgs, forms, placed):
            if form[0] != "bad":
                continue
            name, _, reason, fragment = form[1]
            m = found.get(pl)
            if not res.check(m is not None, "%s: lands in the dead-letter topic" % name):
                continue
            h = m["headers"]
            res.check((m["value"] or b"") == value and m["key"] == key.encode(),
                      "%s: the raw value (%d bytes) and key" % (name, len(value)))
            res.check(h.get("stage") == "decode" and h.get("error-class") == reason,
                      "%s: stage=decode error-class=%s (got %s/%s)" % (name, reason, h.get("stage"),
                                                                       h.get("error-class")))
            res.check(fragment in (h.get("error-message") or ""),
                      "%s: error-message says '%s' (%r)" % (name, fragment, h.get("error-message")))
        res.check(len(dlq) == len(bad), "only the malformed values are dead-lettered (%d of %d)"
                  % (len(dlq), len(bad)))

        out = kt.consume(mock.bootstrap, kt.OUTPUT, timeout=90, idle=8)
        dec = kt.EventDecoder()
        events = {}  # (article id, form) -> [event]
        for m in out:
            h = m["headers"]
            src = (int(h.get("source-partition", -1)), int(h.get("source-offset", -1)))
            events.setdefault(by_place.get(src, ("?", "?")), []).append(dec.decode(m["value"]))
        kt.log("consumed %d events" % len(out))
        res.check(("?", "?") not in events and not any(k[0] == "bad" for k in events),
                  "every event comes from a good input message")

        with_events = 0
        for a in arts:
            ref = sorted(json.dumps(comparable(e), sort_keys=True) for e in events.get((a["id"], "json"), []))
            with_events += bool(ref)
            for form in ("single-object", "confluent", "single-object-pyavro"):
                got = sorted(json.dumps(comparable(e), sort_keys=True) for e in events.get((a["id"], form), []))
                if not res.check(got == ref, "%s as %s: the same %d event(s) as JSON (got %d)"
                                 % (a["id"], form, len(ref), len(got))):
                    kt.log("json: %s" % ref[:1])
                    kt.log("%s: %s" % (form, got[:1]))
        res.check(with_events >= len(arts) - 2, "the JSON copies yield events (%d of %d articles)"
                  % (with_events, len(arts)))
        with_url = [(a, e) for a in arts if a.get("url") for e in events.get((a["id"], "confluent"), [])]
        res.check(with_url and all(e["article_url"] == a["url"] and e["source_name"] == a["source"]
                                   for a, e in with_url),
                  "url and source of an Avro article reach its events (%d events)" % len(with_url))

        anon_pl = placed[forms.index(("anon", "confluent"))]
        anon_events = events.get(("anon", "confluent"), [])
        want_id = "%s/%d/%d" % (kt.INPUT, anon_pl[0], anon_pl[1])
        res.check(anon_events and all(e["article_id"] == want_id for e in anon_events),
                  "an Avro article without id is named %s (%d events)" % (want_id, len(anon_events)))

        target = kt.end_offsets(placed, mock.partitions)
        got = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=30)
        res.check(all(got.get(p, -1) >= o for p, o in target.items() if o > 0),
                  "committed offsets reach the end (want %s, got %s)" % (target, got))
        res.check(daemon.alive(), "daemon keeps running")
        rc, secs = daemon.terminate(30)
        res.check(rc == 0, "SIGTERM: exit 0 (got %r after %.1fs)" % (rc, secs))
    finally:
        kt.stop_all(res, mock, [daemon], tail=4000)


if __name__ == "__main__":
    kt.main(run)
