#!/usr/bin/python3
"""e2e_load.py - one measured run of bench/e2e (a load generator and timer).

Each run starts its own mock cluster (build/mock_cluster), writes a config,
starts the workers under test (build/conflictd or build/bench_passthrough,
the same config for both), drives them, measures, stops everything and
prints one line of key=value pairs on stdout (progress goes to stderr):

  throughput  every article of the corpus is produced into the input topic
              (round-robin over the partitions) before the workers start;
              the rate is articles / (last output timestamp - first output
              timestamp), both CreateTime stamps the workers' producers set,
              once the group's committed offsets cover the whole input.  The
              workers' CPU seconds from "consuming" (data loaded, clients
              built) to the end give articles per CPU second too.
  latency     the workers start first; then articles are produced at a fixed
              rate (absolute schedule) for a duration while the output topic
              is consumed.  Latency of an article = first time any output
              record naming it (headers source-partition, source-offset) is
              consumed here - the time just before its produce() call.  One
              clock, one process.  Articles with no event have no sample.
              The first warm-up seconds are not counted.  The worker's VmRSS
              and VmHWM are printed every --rss-every seconds.

Run with /usr/bin/python3 (Debian's python3-confluent-kafka).  With
E2E_TRACE=1 in the environment a latency run also prints, to stderr, the
worst latency of each half second of load (to tell a start-up backlog or a
stall from a steady tail).
"""
import argparse
import json
import random
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

from confluent_kafka import Consumer, Producer, TopicPartition

INPUT, OUTPUT, DLQ = "articles", "conflict-events", "articles-dlq"
READY_MARK = "consuming "          # both workers log it once their clients exist
ASSIGNED_MARK = "rebalance: assigned"
MAX_ARTICLES = 200000               # corpus bound
MAX_ARTICLE_BYTES = 1048576


def note(msg):
    print("# " + msg, file=sys.stderr, flush=True)


# --- the corpus ----------------------------------------------------------------

def load_corpus(path, limit):
    """Message values: each line of a .jsonl file, or for a directory each
    .txt file whole and each .jsonl line (tests/data/articles)."""
    out = []

    def add_jsonl(p):
        with open(p, "rb") as f:
            for line in f:
                line = line.rstrip(b"\n")
                if line.strip() and len(out) < limit:
                    out.append(line)

    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            p = os.path.join(path, name)
            if name.endswith(".txt") and len(out) < limit:
                with open(p, "rb") as f:
                    out.append(f.read())
            elif name.endswith(".jsonl"):
                add_jsonl(p)
    else:
        add_jsonl(path)
    if not out:
        raise SystemExit("e2e_load: no articles in %s" % path)
    return out


# One-sentence articles for --short: each is a ~200-byte JSON article whose
# text codes exactly one event, so the daemon still decodes, extracts (one
# short sentence), encodes and produces one record per article, but the
# extraction is as cheap as it gets.  The towns are real places the
# integration tests use too; the incidents and numbers are invented.
_SHORT_TOWNS = ["Damboa", "Gwoza", "Baidoa", "Beledweyne", "Djibo", "Mopti", "Beni"]
_SHORT_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SHORT_TEMPLATES = [
    "Gunmen killed {n} villagers in {town} on {day}, residents said.",
    "An air strike killed {n} civilians in {town} on {day}, officials said.",
    "Protesters marched in {town} on {day} against rising fuel prices.",
]


def short_corpus(n):
    """n one-event articles, deterministic."""
    rnd = random.Random(7)
    out = []
    for i in range(n):
        text = rnd.choice(_SHORT_TEMPLATES).format(n=rnd.randint(2, 40), town=rnd.choice(_SHORT_TOWNS),
                                                   day=rnd.choice(_SHORT_DAYS))
        out.append(json.dumps({"id": "short-%06d" % i, "title": "Report", "text": text,
                               "published_at": "2022-%02d-%02dT10:00:00Z" % (1 + i % 12, 1 + i % 28)}).encode())
    return out


# --- processes -----------------------------------------------------------------

def pin(cpus):
    return ["taskset", "-c", cpus] if cpus else []


class Cluster:
    def __init__(self, build, partitions, cpus):
        args = pin(cpus) + [os.path.join(build, "mock_cluster")]
        for t in (INPUT, OUTPUT, DLQ):
            args += ["--topic", "%s:%d" % (t, partitions)]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.bootstrap = self.proc.stdout.readline().decode().strip()
        if not self.bootstrap:
            self.stop()
            raise SystemExit("e2e_load: mock_cluster printed no bootstrap list")

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(5)


def write_config(path, bootstrap, group, data_dir, schema, fetch_wait_ms, max_in_flight, extra_consumer=""):
    """The daemon's defaults but for the mock-friendly group timings the
    integration tests use and fetch.wait.max.ms (see bench/README.md)."""
    with open(path, "w") as f:
        f.write("""# written by bench/e2e_load.py
kafka = {
  brokers = "%s";
  group_id = "%s";
  input_topic = "%s";
  output_topic = "%s";
  dlq_topic = "%s";
  max_in_flight = %d;
  consumer = {
    session_timeout_ms = 6000;
    heartbeat_interval_ms = 500;
    auto_commit_interval_ms = 200;
    fetch_wait_max_ms = %d;
    %s
  };
};
extract = { data_dir = "%s"; };
output = { schema_path = "%s"; };
metrics = { listen = ""; };
log = { level = "info"; format = "text"; };
""" % (bootstrap, group, INPUT, OUTPUT, DLQ, max_in_flight, fetch_wait_ms, extra_consumer, data_dir, schema))
    return path


class Worker:
    def __init__(self, exe, config, log_path, cpus):
        self.log_path = log_path
        self.logf = open(log_path, "wb")
        self.proc = subprocess.Popen(pin(cpus) + [exe, "-c", config], stdout=self.logf,
                                     stderr=subprocess.STDOUT)
        self.cpu_ready = None

    def log_has(self, mark):
        with open(self.log_path, "rb") as f:
            return mark.encode() in f.read()

    def cpu_seconds(self):
        """utime + stime of every thread, from /proc/PID/stat."""
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return float("nan")

    def memory_kb(self):
        """(VmRSS, VmHWM) in kB."""
        rss = hwm = -1
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss = int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        hwm = int(line.split()[1])
        except OSError:
            pass
        return rss, hwm

    def stop(self, timeout=30):
        rc = None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        else:
            rc = self.proc.returncode
        self.logf.close()
        return rc


def wait_for(cond, timeout, step=0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(step)
    return cond()


def watermarks(bootstrap, topic, partitions):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "wm-" + uuid.uuid4().hex})
    try:
        return {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10) for p in range(partitions)}
    finally:
        c.close()


def committed(bootstrap, group, partitions):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
    try:
        tps = c.committed([TopicPartition(INPUT, p) for p in range(partitions)], timeout=10)
        return {tp.partition: tp.offset for tp in tps}
    finally:
        c.close()


def output_consumer(bootstrap, partitions, fetch_wait_ms):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "bench-reader-" + uuid.uuid4().hex,
                  "enable.auto.commit": False, "fetch.wait.max.ms": fetch_wait_ms,
                  "fetch.max.bytes": 52428800, "max.partition.fetch.bytes": 33554432,
                  "receive.message.max.bytes": 67108864})
    c.assign([TopicPartition(OUTPUT, p, 0) for p in range(partitions)])
    return c


def source_of(msg):
    part = off = None
    for k, v in msg.headers() or []:
        if k == "source-partition":
            part = v
        elif k == "source-offset":
            off = v
    return (int(part), int(off)) if part is not None and off is not None else None


class Reader:
    """Reads the output topic from offset 0 on a thread, noting when each
    record arrives here and which input article it names."""

    def __init__(self, bootstrap, partitions, fetch_wait_ms):
        self.consumer = output_consumer(bootstrap, partitions, fetch_wait_ms)
        self.arrivals = []
        self.sources = set()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.done.is_set():
            m = self.consumer.poll(0.05)
            if m is None or m.error():
                continue
            self.arrivals.append(time.time())
            self.sources.add(source_of(m))

    def stop(self):
        if not self.done.is_set():
            self.done.set()
            self.thread.join()
            self.consumer.close()


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    i = min(len(sorted_values) - 1, max(0, int(round(q * (len(sorted_values) - 1)))))
    return sorted_values[i]


# --- throughput ------------------------------------------------------------------

def preload(bootstrap, corpus, partitions):
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 20, "message.max.bytes": 33554432,
                  "queue.buffering.max.kbytes": 1048576, "enable.idempotence": True})
    failed = []

    def on_delivery(err, msg):
        if err:
            failed.append(err)

    for i, value in enumerate(corpus):
        while True:
            try:
                p.produce(INPUT, key=b"a%d" % i, value=value, partition=i % partitions, on_delivery=on_delivery)
                break
            except BufferError:  # more messages than the local queue holds: let it drain
                p.poll(0.05)
        p.poll(0)
    if p.flush(60) or failed:
        raise SystemExit("e2e_load: preload failed (%d errors)" % len(failed))


def run_throughput(a, corpus, exe, tmp):
    corpus = corpus * a.repeat
    cluster = Cluster(a.build, a.partitions, a.pin_cluster)
    workers = []
    reader = None
    try:
        preload(cluster.bootstrap, corpus, a.partitions)
        wm = watermarks(cluster.bootstrap, INPUT, a.partitions)
        if any(lo != 0 for lo, _ in wm.values()) or sum(hi for _, hi in wm.values()) != len(corpus):
            raise SystemExit("e2e_load: the mock kept %r of %d articles (it keeps ~5 MB per partition: "
                             "use more partitions)" % (wm, len(corpus)))
        target = {p: hi for p, (_, hi) in wm.items()}
        group = "bench-" + uuid.uuid4().hex[:8]
        cfg = write_config(os.path.join(tmp, "bench.conf"), cluster.bootstrap, group, a.data_dir, a.schema,
                           a.fetch_wait_ms, a.max_in_flight, a.extra_consumer)
        reader = Reader(cluster.bootstrap, a.partitions, a.fetch_wait_ms)
        for i in range(a.workers):
            workers.append(Worker(exe, cfg, os.path.join(tmp, "worker%d.log" % i), a.pin_workers))
        for w in workers:
            wait_for(lambda: w.log_has(READY_MARK) or w.proc.poll() is not None, 60)
            if w.proc.poll() is not None or not w.log_has(READY_MARK):
                raise SystemExit("e2e_load: %s not ready; see %s" % (exe, w.log_path))
            w.cpu_ready = w.cpu_seconds()
        t_wait = time.monotonic()
        done = {}

        def all_committed():
            done.update(committed(cluster.bootstrap, group, a.partitions))
            return all(done.get(p, -1) >= o for p, o in target.items())

        if not wait_for(lambda: all_committed() or any(w.proc.poll() is not None for w in workers), a.timeout,
                        step=0.25) or not all_committed():
            raise SystemExit("e2e_load: committed %r of %r after %ds" % (done, target, a.timeout))
        cpu = sum(w.cpu_seconds() - w.cpu_ready for w in workers)
        wall_wait = time.monotonic() - t_wait
        out_wm = watermarks(cluster.bootstrap, OUTPUT, a.partitions)
        dlq_wm = watermarks(cluster.bootstrap, DLQ, a.partitions)
        n_out = sum(hi for _, hi in out_wm.values())
        wait_for(lambda: len(reader.arrivals) >= n_out, 30, step=0.05)
        reader.stop()
        if len(reader.arrivals) != n_out:
            raise SystemExit("e2e_load: read %d of %d output records" % (len(reader.arrivals), n_out))
        arr = sorted(reader.arrivals)
        gap = max((b - a_ for a_, b in zip(arr, arr[1:])), default=0) * 1000.0
        span = arr[-1] - arr[0] if len(arr) > 1 else float("nan")
        rcs = [w.stop() for w in workers]
        workers = []
        result = dict(kind="throughput", mode=a.mode, workers=a.workers, partitions=a.partitions,
                      pinned=a.pin_workers or "-", articles=len(corpus), outputs=n_out,
                      articles_with_output=len(reader.sources), dead_letters=sum(hi for _, hi in dlq_wm.values()),
                      span_s="%.3f" % span, articles_per_s="%.1f" % (len(corpus) / span),
                      max_gap_ms="%.0f" % gap, wait_s="%.2f" % wall_wait, cpu_s="%.2f" % cpu,
                      articles_per_cpu_s="%.1f" % (len(corpus) / cpu if cpu > 0 else float("nan")),
                      exit=",".join(str(r) for r in rcs))
        print(" ".join("%s=%s" % kv for kv in result.items()), flush=True)
    finally:
        if reader:
            reader.stop()
        for w in workers:
            w.stop(5)
        cluster.stop()


# --- latency and memory ------------------------------------------------------------

def run_latency(a, corpus, exe, tmp):
    cluster = Cluster(a.build, a.partitions, a.pin_cluster)
    worker = None
    try:
        group = "bench-" + uuid.uuid4().hex[:8]
        cfg = write_config(os.path.join(tmp, "bench.conf"), cluster.bootstrap, group, a.data_dir, a.schema,
                           a.fetch_wait_ms, a.max_in_flight, a.extra_consumer)
        worker = Worker(exe, cfg, os.path.join(tmp, "worker0.log"), a.pin_workers)
        wait_for(lambda: worker.log_has(ASSIGNED_MARK) or worker.proc.poll() is not None, 60)
        if worker.proc.poll() is not None or not worker.log_has(ASSIGNED_MARK):
            raise SystemExit("e2e_load: %s got no partitions; see %s" % (exe, worker.log_path))
        time.sleep(0.5)
        consumer = output_consumer(cluster.bootstrap, a.partitions, a.fetch_wait_ms)
        producer = Producer({"bootstrap.servers": cluster.bootstrap, "linger.ms": 0, "acks": "all",
                             "enable.idempotence": True, "message.max.bytes": 33554432})
        sent = {}       # (partition, offset) -> time.time() before produce()
        seen = {}       # (partition, offset) -> time.time() when its first output was consumed
        n_sent = [0]
        stop = threading.Event()
        t0 = time.time()

        def produce_loop():
            interval = 1.0 / a.rate
            i = 0
            while not stop.is_set():
                due = t0 + i * interval
                if due >= t0 + a.duration:
                    break
                delay = due - time.time()
                if delay > 0:
                    time.sleep(delay)
                t = time.time()
                producer.produce(INPUT, key=b"a%d" % i, value=corpus[i % len(corpus)], partition=i % a.partitions,
                                 on_delivery=lambda err, msg, t=t: err or sent.__setitem__(
                                     (msg.partition(), msg.offset()), t))
                producer.poll(0)
                i += 1
            producer.flush(30)
            n_sent[0] = i

        thread = threading.Thread(target=produce_loop, daemon=True)
        thread.start()
        rss_samples = []
        next_rss = t0
        idle_since = None
        while True:
            now = time.time()
            if now >= next_rss:
                rss, hwm = worker.memory_kb()
                rss_samples.append((now - t0, rss, hwm))
                print("# rss t=%.0fs vmrss_kb=%d vmhwm_kb=%d" % (now - t0, rss, hwm), file=sys.stderr,
                      flush=True)
                next_rss += a.rss_every
            m = consumer.poll(0.05)
            if m is not None and not m.error():
                src = source_of(m)
                if src is not None and src not in seen:
                    seen[src] = time.time()
                idle_since = None
            elif not thread.is_alive():
                # Everything produced: stop after 2 s without output.
                idle_since = idle_since or time.time()
                if time.time() - idle_since > 2.0 or now - t0 > a.duration + 30:
                    break
        thread.join()
        consumer.close()
        rss, hwm = worker.memory_kb()
        rc = worker.stop()
        worker = None

        lat = sorted((seen[k] - t) * 1000.0 for k, t in sent.items() if k in seen and t - t0 >= a.warmup)
        worst = sorted(((seen[k] - t) * 1000.0, t - t0) for k, t in sent.items() if k in seen and t - t0 >= a.warmup)
        if os.environ.get("E2E_TRACE"):
            buckets = {}
            for ms, at in worst:
                b = int(at * 2) / 2
                buckets[b] = max(buckets.get(b, 0), ms)
            note("max latency per half second: " + " ".join("%.1f:%.0f" % kv for kv in sorted(buckets.items())))
        offered = n_sent[0] / a.duration
        steady = [s for s in rss_samples if s[0] >= a.warmup]
        result = dict(kind="latency", mode=a.mode, partitions=a.partitions, pinned=a.pin_workers or "-",
                      rate=a.rate, offered_per_s="%.1f" % offered, sent=n_sent[0], acked=len(sent),
                      with_output=len(seen), samples=len(lat),
                      p50_ms="%.2f" % percentile(lat, 0.50), p90_ms="%.2f" % percentile(lat, 0.90),
                      p99_ms="%.2f" % percentile(lat, 0.99), max_ms="%.2f" % (lat[-1] if lat else float("nan")),
                      rss_first_kb=steady[0][1] if steady else -1, rss_last_kb=rss, hwm_kb=hwm, exit=rc)
        print(" ".join("%s=%s" % kv for kv in result.items()), flush=True)
    finally:
        if worker:
            worker.stop(5)
        cluster.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=("throughput", "latency"))
    ap.add_argument("--mode", choices=("conflictd", "passthrough"), required=True)
    ap.add_argument("--build", required=True, help="build directory with conflictd, bench_passthrough, mock_cluster")
    ap.add_argument("--input", required=True, help="a .jsonl corpus or a directory of articles")
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("--tmp", required=True, help="scratch directory for configs and logs")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--pin-workers", default="", help="taskset CPU list for the workers")
    ap.add_argument("--pin-cluster", default="", help="taskset CPU list for the mock cluster")
    ap.add_argument("--limit", type=int, default=MAX_ARTICLES, help="articles taken from the corpus")
    ap.add_argument("--repeat", type=int, default=1,
                    help="throughput: produce the corpus this many times (a longer run for fast workers)")
    ap.add_argument("--timeout", type=int, default=180)
    ap.add_argument("--rate", type=float, default=1000.0, help="latency: offered articles per second")
    ap.add_argument("--duration", type=float, default=10.0, help="latency: seconds of load")
    ap.add_argument("--warmup", type=float, default=1.0, help="latency: seconds not counted")
    ap.add_argument("--rss-every", type=float, default=5.0)
    ap.add_argument("--fetch-wait-ms", type=int, default=10)
    ap.add_argument("--extra-consumer", default="", help='more kafka.consumer settings, e.g. "fetch_error_backoff_ms = 10;"')
    ap.add_argument("--max-in-flight", type=int, default=1000, help="kafka.max_in_flight (the daemon's default)")
    ap.add_argument("--short", type=int, default=0, metavar="N",
                    help="instead of --input, N generated one-sentence articles of one event each (the "
                         "pipeline with the cheapest extraction)")
    a = ap.parse_args()
    a.build, a.input, a.data_dir, a.schema, a.tmp = (os.path.abspath(x) for x in
                                                     (a.build, a.input, a.data_dir, a.schema, a.tmp))
    if not 1 <= a.repeat <= 20:
        ap.error("repeat 1..20")
    if not 1 <= a.workers <= 16 or not 1 <= a.partitions <= 64 or not 0 < a.rate <= 100000:
        ap.error("workers 1..16, partitions 1..64, rate 0..100000")
    if a.short:
        if not 1 <= a.short <= MAX_ARTICLES:
            ap.error("short 1..%d" % MAX_ARTICLES)
        corpus = short_corpus(a.short)
    else:
        corpus = [v for v in load_corpus(a.input, MAX_ARTICLES) if len(v) <= MAX_ARTICLE_BYTES]
        # The corpus is grouped by source (short SATP reports, long InSight
        # Crime ones): a fixed shuffle keeps the mix the same over time in
        # every run.
        random.Random(4).shuffle(corpus)
        corpus = corpus[:a.limit]
    exe = os.path.join(a.build, "conflictd" if a.mode == "conflictd" else "bench_passthrough")
    os.makedirs(a.tmp, exist_ok=True)
    if a.kind == "throughput":
        run_throughput(a, corpus, exe, a.tmp)
    else:
        run_latency(a, corpus, exe, a.tmp)


if __name__ == "__main__":
    main()
