"""test_daemon_end_to_end.py - sample articles in, Avro events out, offsets committed.

mock_cluster + conflictd + an independent Python producer/consumer: every
output value must decode with python3-avro after its magic and fingerprint
check, carry key == event_id and the documented headers, and the group's
committed offsets must reach the end of every input partition.
"""
import os
import re
import signal
import sys
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kafkatest as kt  # noqa: E402


def run(res):
    mock = daemon = None
    tmp = kt.tempdir("conflictd-e2e-")
    group = "e2e-" + uuid.uuid4().hex[:8]
    try:
        mock = kt.MockCluster(brokers=1, partitions=4)
        cfg = kt.write_config(os.path.join(tmp, "conflictd.conf"), mock.bootstrap, group=group,
                              metrics_listen="127.0.0.1:0")
        notify = kt.NotifyListener(tmp)
        daemon = kt.Daemon(cfg, os.path.join(tmp, "conflictd.log"), args=["--instance", "e2e"],
                           env={"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "2000000"})
        res.check(daemon.wait_log("ready", 120), "daemon logs ready")
        res.check(any("READY=1" in m for m in notify.drain()), "sd_notify READY=1 once clients are up")

        articles = kt.sample_articles()
        res.check(len(articles) >= 7, "at least 7 sample articles (%d)" % len(articles))
        placed = kt.produce(mock.bootstrap, kt.INPUT, [(name.encode(), value) for name, value in articles])
        by_input = {pl: name for (name, _), pl in zip(articles, placed)}
        seed = [pl for (name, _), pl in zip(articles, placed) if name.startswith("seed-")]
        kt.log("produced %d articles" % len(articles))

        msgs = kt.consume(mock.bootstrap, kt.OUTPUT, timeout=90, idle=8)
        kt.log("consumed %d events" % len(msgs))
        res.check(len(msgs) > 0, "events arrive on %s" % kt.OUTPUT)

        dec = kt.EventDecoder()
        events, bad_decode, bad_key, bad_hdr, bad_source, bad_prov = [], [], 0, 0, 0, 0
        for m in msgs:
            try:
                ev = dec.decode(m["value"])
            except Exception as e:  # noqa: BLE001 - any failure is a finding
                bad_decode.append(str(e))
                continue
            events.append((m, ev))
            if m["key"] != ev["event_id"].encode():
                bad_key += 1
            h = m["headers"]
            if (h.get("content-type") != "application/vnd.apache.avro+binary" or h.get("schema-name") != dec.name
                    or h.get("schema-fingerprint") != "%016x" % dec.fingerprint
                    or not h.get("extractor-version") or h.get("extractor-version") != ev["extractor_version"]):
                bad_hdr += 1
            src = (int(h.get("source-partition", -1)), int(h.get("source-offset", -1)))
            if h.get("source-topic") != kt.INPUT or src not in by_input:
                bad_source += 1
            prov = ev.get("provenance") or {}
            if (prov.get("topic"), prov.get("partition"), prov.get("offset")) != (h.get("source-topic"),) + src:
                bad_prov += 1
        res.check(not bad_decode, "every value decodes with python3-avro (%d failures%s)"
                  % (len(bad_decode), ": " + bad_decode[0] if bad_decode else ""))
        res.check(bad_key == 0, "key == event_id on every event (%d wrong)" % bad_key)
        res.check(bad_hdr == 0, "content-type, schema and extractor headers on every event (%d wrong)" % bad_hdr)
        res.check(bad_source == 0, "source topic/partition/offset headers name a produced article (%d wrong)"
                  % bad_source)
        res.check(bad_prov == 0, "each event's provenance names its input message, as the headers do (%d wrong)"
                  % bad_prov)
        ids = [ev["event_id"] for _, ev in events]
        res.check(len(ids) == len(set(ids)), "event ids are unique (%d events, %d ids)" % (len(ids), len(set(ids))))

        now_ms = time.time() * 1000
        fresh = [ev for _, ev in events
                 if ev["processed_at"] is not None and abs(ev["processed_at"].timestamp() * 1000 - now_ms) < 600000]
        res.check(len(fresh) == len(events), "processed_at is set to the processing time on every event")

        seed_id = "%s/%d/%d" % (kt.INPUT, seed[0][0], seed[0][1]) if seed else None
        seed_events = [ev for _, ev in events if ev["article_id"] == seed_id]
        res.check(len(seed_events) >= 1, "the seed article (%s) yields at least one event (%d)"
                  % (seed_id, len(seed_events)))
        res.check(all(ev["source_name"] == "Agence France-Presse" for ev in seed_events),
                  "seed events carry source_name from the article's source tag")

        # JSON articles: article_url and source_name come from the input.
        url_ok = all(ev["article_url"] == "https://news.example.org/2024/03/06/kivu-rubaya"
                     and ev["source_name"] == "Example News"
                     for _, ev in events if ev["article_id"] == "sample-2024-03-05-kivu")
        res.check(url_ok, "article_url and source_name copied from a JSON article")
        per_article = {}
        for m, ev in events:
            per_article.setdefault(ev["article_id"], 0)
            per_article[ev["article_id"]] += 1
        kt.log("events per article: %s" % sorted(per_article.items()))

        # Offsets: the group commits the end of every input partition.
        target = {p: 0 for p in range(mock.partitions)}
        for p, o in placed:
            target[p] = max(target[p], o + 1)
        got = kt.wait_committed(mock.bootstrap, group, kt.INPUT, target, timeout=30)
        res.check(all(got.get(p, -1) >= o for p, o in target.items() if o > 0),
                  "committed offsets reach the end of each partition (want %s, got %s)" % (target, got))
        hw = kt.high_watermarks(mock.bootstrap, kt.INPUT, mock.partitions)
        res.check(all(got.get(p, -1) == hw[p] for p in hw if hw[p] > 0), "committed == high watermark (%s)" % hw)

        dlq = kt.consume(mock.bootstrap, kt.DLQ, want=0, timeout=10, idle=3)
        res.check(len(dlq) == 0, "no good article lands in the dead-letter topic (%d)" % len(dlq))

        # Metrics: the daemon's own counts agree with what the test saw.
        port = re.search(r"metrics on \S+ \(port (\d+)\)", daemon.log_text())
        if res.check(port is not None, "metrics server port logged"):
            base = "http://127.0.0.1:%s" % port.group(1)
            text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
            consumed = re.search(r"^conflictd_articles_consumed_total (\d+)", text, re.M)
            produced = sum(int(v) for v in re.findall(r"^conflictd_events_produced_total\{[^}]*\} (\d+)", text, re.M))
            res.check(consumed is not None and int(consumed.group(1)) == len(articles),
                      "/metrics: articles_consumed_total == %d" % len(articles))
            res.check(produced == len(msgs), "/metrics: events_produced_total sums to %d (got %d)"
                      % (len(msgs), produced))
            ready = urllib.request.urlopen(base + "/readyz", timeout=10).status
            res.check(ready == 200, "/readyz is 200 while partitions are assigned")

        daemon.proc.send_signal(signal.SIGHUP)
        time.sleep(1.0)
        res.check(daemon.alive() and "SIGHUP" in daemon.log_text(), "SIGHUP (systemctl reload) does not kill it")
        res.check(daemon.alive(), "daemon still running")
        pings = sum(m.count("WATCHDOG=1") for m in notify.drain())
        res.check(pings >= 3, "sd_notify WATCHDOG=1 while running (%d pings)" % pings)
        rc, secs = daemon.terminate(30)
        res.check(rc == 0, "SIGTERM: exit 0 (got %r after %.1fs)" % (rc, secs))
        text = daemon.log_text()
        res.check("shut down" in text, "daemon logs its shutdown summary")
        res.check(any("STOPPING=1" in m for m in notify.drain()), "sd_notify STOPPING=1 at shutdown")
        res.check("client conflictd-e2e" in text, "--instance e2e is appended to the client id")
    finally:
        if daemon:
            daemon.stop()
            if res.failed:
                sys.stdout.write("--- conflictd log (tail) ---\n" + daemon.log_text()[-4000:] + "\n")
        if mock:
            mock.stop()


if __name__ == "__main__":
    kt.main(run)
