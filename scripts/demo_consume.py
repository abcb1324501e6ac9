"""demo_consume.py - feed the sample articles to conflictd, print its events.

Used by scripts/demo: produces every article of tests/data/articles (each
.txt file whole, each .jsonl line) to the input topic at BOOTSTRAP, then
reads the output topic until events stop arriving (bounded), decodes each
value with python3-avro after checking the single-object magic and schema
fingerprint, and prints the events as pretty JSON in the evaluation
README's rendering (enum symbols, YYYY-MM-DD dates, RFC 3339 timestamps, no
union wrappers).  Exit status 0 when at least one event came, 1 otherwise.

  /usr/bin/python3 scripts/demo_consume.py BOOTSTRAP [TIMEOUT_SECONDS]
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import kafkatest as kt  # noqa: E402


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: demo_consume.py BOOTSTRAP [TIMEOUT_SECONDS]\n")
        return 64
    bootstrap = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0

    articles = kt.sample_articles()
    kt.produce(bootstrap, kt.INPUT, [(name.encode(), value) for name, value in articles], timeout=timeout)
    sys.stderr.write("demo: %d articles sent to %s\n" % (len(articles), kt.INPUT))

    dec = kt.EventDecoder()
    msgs = kt.consume(bootstrap, kt.OUTPUT, timeout=timeout, idle=6)
    events = []
    for m in msgs:
        ev = kt.to_plain_json(dec.decode(m["value"]))
        events.append(ev)
    events.sort(key=lambda e: (e["article_id"], e["event_id"]))
    for ev in events:
        print(json.dumps(ev, indent=2, ensure_ascii=False))
    kinds = {}
    for ev in events:
        kinds[ev["event_type"]] = kinds.get(ev["event_type"], 0) + 1
    sys.stderr.write("demo: %d events from %d articles: %s\n"
                     % (len(events), len({e["article_id"] for e in events}),
                        ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    return 0 if events else 1


if __name__ == "__main__":
    sys.exit(main())
