#!/usr/bin/python3
"""make_corpus.py - writes the fuzz targets' seed corpora (tests/fuzz/corpus/)
and dictionaries (tests/fuzz/<target>.dict).

Run with Debian's /usr/bin/python3 (python3-avro) from the repo root, after
a build that has conflict-extract:

    /usr/bin/python3 tests/fuzz/make_corpus.py [BUILD_DIR]

The seeds are small and written here: a few short articles in each input
shape (JSON, wire text, Avro single-object and Confluent, encoded with
python3-avro and schemas/article.avsc), and ConflictEvent values made by
conflictd's own encoder (conflict-extract --encode-framed) in every
framing, plus the same event written with each schema in schemas/history.
The corpus is committed; this script says how it was made and remakes it.
"""
import datetime
import io
import json
import os
import struct
import subprocess
import sys
import tempfile

import avro.io
import avro.schema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from kafkatest import canonical_form, crc64_avro  # noqa: E402

ARTICLES = [
    {"id": "fz-1", "title": "Gunmen attack village in Zamfara",
     "text": "Gunmen on motorcycles attacked the village of Kurya in Zamfara state on Tuesday, killing 11 "
             "people and abducting dozens more, a local official said.",
     "url": "https://news.example.org/fz-1", "source": "Example Wire", "language": "en",
     "published_at": "2021-06-09T14:00:00Z"},
    {"id": "fz-2", "title": None,
     "text": "Hundreds of students marched in Dhaka on Sunday to demand safer roads; police fired rubber "
             "bullets and tear gas.",
     "url": None, "source": None, "language": None, "published_at": None},
    {"id": "", "title": "Drone strike near Marib",
     "text": "A drone strike hit a vehicle near Marib yesterday, killing three fighters, tribal sources said.\n\n"
             "The Houthis denied any losses.",
     "url": "", "source": "Example Wire", "language": "en", "published_at": "2020-03-02T08:15:30.250+03:00"},
]


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def schema_of(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return avro.schema.parse(text), crc64_avro(canonical_form(json.loads(text)).encode("utf-8"))


def article_datum(schema, a):
    rec = dict(a)
    pub = rec.get("published_at")
    rec["published_at"] = datetime.datetime.fromisoformat(pub.replace("Z", "+00:00")) if pub else None
    buf = io.BytesIO()
    avro.io.DatumWriter(schema).write(rec, avro.io.BinaryEncoder(buf))
    return buf.getvalue()


def article_seeds():
    schema, fp = schema_of(os.path.join(ROOT, "schemas", "article.avsc"))
    for i, a in enumerate(ARTICLES):
        datum = article_datum(schema, a)
        write("article_decode", "avro-single-object-%d" % i, b"\xc3\x01" + struct.pack("<Q", fp) + datum)
        write("article_decode", "avro-confluent-%d" % i, b"\x00" + struct.pack(">I", 100 + i) + datum)
        j = {k: v for k, v in a.items() if v is not None}
        write("article_decode", "json-%d" % i, json.dumps(j, ensure_ascii=i != 0).encode("utf-8"))
        wire = "%s\n\n%s\n[source_without_link]Example Wire[/source_without_link]\n" % (a["title"] or "", a["text"])
        write("article_decode", "text-%d" % i, wire.encode("utf-8"))
        write("extract", "text-%d" % i, wire.encode("utf-8"))
    write("article_decode", "json-number-id-body",
          b'{"id": 4021, "body": "Clashes in Tripoli\\u2019s southern suburbs killed 5.", "language": "en"}')
    write("extract", "json-escapes",
          b'{"id": "fz-x", "text": "Rebels said they shot down a helicopter over Idlib on 3 May 2019.\\t'
          b'Turkish-backed forces shelled Tal Rifaat, killing a child.\\r\\n\\"We fled,\\" a resident said."}')


def event_seeds(build):
    """conflictd's encoder makes one event; python3-avro rewrites it in
    every framing and with each older schema."""
    tmp = tempfile.mkdtemp(prefix="fuzz-corpus-")
    art = os.path.join(tmp, "a.jsonl")
    framed = os.path.join(tmp, "event.bin")
    with open(art, "w") as f:
        f.write(json.dumps({k: v for k, v in ARTICLES[0].items() if v is not None}) + "\n")
    subprocess.run([os.path.join(build, "conflict-extract"), "--data", os.path.join(ROOT, "data"),
                    "--schema", os.path.join(ROOT, "schemas", "conflict_event.avsc"), "--encode-framed", framed,
                    art], check=True, stdout=subprocess.DEVNULL)
    with open(framed, "rb") as f:
        value = f.read()
    assert value[:2] == b"\xc3\x01", "conflict-extract wrote no single-object value"
    datum = value[10:]
    write("event_decode", "single-object", value)
    write("event_decode", "confluent", b"\x00" + struct.pack(">I", 7) + datum)
    write("event_decode", "bare-datum", datum)
    current, _ = schema_of(os.path.join(ROOT, "schemas", "conflict_event.avsc"))
    record = avro.io.DatumReader(current).read(avro.io.BinaryDecoder(io.BytesIO(datum)))
    hist = os.path.join(ROOT, "schemas", "history")
    for name in sorted(os.listdir(hist)) if os.path.isdir(hist) else []:
        if not name.endswith(".avsc"):
            continue
        old, fp = schema_of(os.path.join(hist, name))
        try:
            buf = io.BytesIO()
            avro.io.DatumWriter(old).write(
                avro.io.DatumReader(current, old).read(avro.io.BinaryDecoder(io.BytesIO(datum))),
                avro.io.BinaryEncoder(buf))
        except Exception as e:  # noqa: BLE001 - an old schema that cannot hold it is skipped
            print("skip %s: %s" % (name, e))
            continue
        write("event_decode", "single-object-" + name.replace(".avsc", ""),
              b"\xc3\x01" + struct.pack("<Q", fp) + buf.getvalue())
    print("event %s: %d bytes, %d fields" % (record["event_id"], len(value), len(record)))


def dict_entry(name, data):
    """One libFuzzer dictionary line: name="bytes" with \\xNN escapes."""
    return '%s="%s"\n' % (name, "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else "\\x%02x" % b
                                         for b in data))


def write_dicts():
    """Tokens the mutator cannot guess: framing bytes, every schema's
    fingerprint, JSON keys, extreme varints; trigger words for the extractor."""
    fps = []
    for path in [os.path.join(ROOT, "schemas", "article.avsc"), os.path.join(ROOT, "schemas", "conflict_event.avsc")]:
        fps.append((os.path.basename(path), schema_of(path)[1]))
    hist = os.path.join(ROOT, "schemas", "history")
    for name in sorted(os.listdir(hist)) if os.path.isdir(hist) else []:
        if name.endswith(".avsc"):
            fps.append((name, schema_of(os.path.join(hist, name))[1]))
    article_schema = avro.schema.parse(open(os.path.join(ROOT, "schemas", "article.avsc")).read())
    fps.append(("article.pyavro", crc64_avro(article_schema.canonical_form.encode("utf-8"))))
    common = [dict_entry("single_object", b"\xc3\x01"), dict_entry("confluent_id_1", b"\x00\x00\x00\x00\x01"),
              dict_entry("varint_max", b"\xfe\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
              dict_entry("varint_min", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
              dict_entry("varint_long", b"\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00")]
    for name, fp in fps:
        common.append(dict_entry("fp_" + name.replace(".avsc", "").replace(".", "_"), struct.pack("<Q", fp)))
    json_tokens = [b'"id":', b'"text":', b'"body":', b'"title":', b'"url":', b'"source":', b'"language":',
                   b'"published_at":', b"null", b"2019-02-01T08:30:00Z", b"+03:00", b"\\u0000", b"\\ud800",
                   b"\xef\xbb\xbf", b"[source_without_link]", b"[/source_without_link]"]
    with open(os.path.join(HERE, "article_decode.dict"), "w") as f:
        f.write("# made by make_corpus.py\n")
        f.writelines(common)
        f.writelines(dict_entry("json_%d" % i, t) for i, t in enumerate(json_tokens))
    with open(os.path.join(HERE, "event_decode.dict"), "w") as f:
        f.write("# made by make_corpus.py\n")
        f.writelines(common)
    words = ["killed", "wounded", "attacked", "clashed with", "air strike", "shelling", "protesters",
             "rioters", "abducted", "suicide bomber", "dozens", "hundreds", "at least", "on Monday",
             "yesterday", "last week", "in 2015", "police", "army", "militants", "gunmen", "civilians",
             "children", "said", "denied", "according to", "province", "near the town of"]
    with open(os.path.join(HERE, "extract.dict"), "w") as f:
        f.write("# made by make_corpus.py\n")
        f.writelines(dict_entry("w_%d" % i, (" %s " % w).encode()) for i, w in enumerate(words))


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build")
    article_seeds()
    event_seeds(build)
    write_dicts()


if __name__ == "__main__":
    main()
