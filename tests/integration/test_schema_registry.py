"""test_schema_registry.py - conflictd registers its schema with a registry and frames by its id.

No real schema registry can be installed here: registry_stub.py is a local
stand-in speaking the registry's REST subset (POST /subjects/{s}/versions,
GET /schemas/ids/{id}).  Each case is a real conflictd process against the
stub and, where records matter, build/mock_cluster:

  a. topic strategy, basic auth, registry refusing connections at start:
     conflictd retries, registers once under "<topic>-value" when the stub
     comes up, and every record is 00 + the big-endian id + a datum that
     python3-avro decodes with the schema fetched by GET /schemas/ids/{id};
  b. record strategy against a registry answering 503 at first;
  c. a wrong password: one clear line, exit 78, the password nowhere;
  d. a registry down for longer than startup_timeout_ms: exit 69;
     SIGTERM while waiting for it: exit 0 at once;
  e. a registry that rejects the schema (409, incompatible): exit 78 with
     the registry's message;
  f. https with ca_location and a client certificate (mutual TLS; self-signed
     certificates made by openssl); without the CA a certificate error that is
     fatal, not retried; without the client certificate a clear failure;
  g. --check-config never contacts the registry and checks the TLS files.
"""
import base64
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import avro.io  # noqa: E402
import avro.schema  # noqa: E402

import kafkatest as kt  # noqa: E402
import registry_stub as rs  # noqa: E402

USER, PASSWORD = "conflictd", "s3cret pass-word"
N_ARTICLES = 12

with open(kt.SCHEMA_PATH, encoding="utf-8") as _f:
    SCHEMA_TEXT = _f.read()
_S = json.loads(SCHEMA_TEXT)
RECORD_NAME = _S["name"] if "." in _S["name"] else "%s.%s" % (_S["namespace"], _S["name"])


def libconfig_value(v):
    return json.dumps(v) if isinstance(v, str) else str(v)


def write_config(tmp, name, bootstrap, registry, group=None, output_extra=""):
    """kafkatest's configuration plus an output.schema_registry group."""
    path = kt.write_config(os.path.join(tmp, name + ".conf"), bootstrap,
                           group=group or "registry-" + uuid.uuid4().hex[:8])
    with open(path) as f:
        text = f.read()
    block = "output = {\n%s  schema_registry = {\n%s  };\n" % (
        output_extra, "".join("    %s = %s;\n" % (k, libconfig_value(v)) for k, v in registry.items()))
    assert "output = {\n" in text
    text = text.replace("output = {\n", block, 1)
    with open(path, "w") as f:
        f.write(text)
    return path


def wait_exit(d, timeout):
    try:
        return d.proc.wait(timeout)
    except subprocess.TimeoutExpired:
        return None


def error_lines(text):
    return [ln for ln in text.splitlines() if "Z error: " in ln]


def fetch_schema(stub, sid):
    req = urllib.request.Request("%s/schemas/ids/%d" % (stub.url, sid))
    if stub.auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(("%s:%s" % stub.auth).encode()).decode())
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())["schema"]


def case_a_topic_auth_down_then_up(res, tmp, mock):
    stub = rs.RegistryStub(auth=(USER, PASSWORD)).start()
    stub.set_mode("down")  # the port is known, connections are refused
    d = None
    try:
        msgs = kt.sample_article_batch(N_ARTICLES, "reg", "2024-%02d-%02dT08:00:00Z")
        kt.produce(mock.bootstrap, kt.INPUT, msgs)
        cfg = write_config(tmp, "a", mock.bootstrap, {"url": stub.url, "username": USER, "password": PASSWORD,
                                                      "timeout_ms": 2000, "startup_timeout_ms": 30000})
        d = kt.Daemon(cfg, os.path.join(tmp, "a.log"))
        res.check(d.wait_log("retrying in", 15), "a: registry refusing connections: conflictd says it retries")
        res.check(d.alive(), "a: ... and keeps waiting")
        time.sleep(1.0)
        stub.set_mode("up")
        t_up = time.monotonic()
        res.check(d.wait_log("schema id", 20), "a: registered once the registry is up")
        kt.log("a: registered %.1f s after the registry came up" % (time.monotonic() - t_up))
        outs = kt.consume(mock.bootstrap, kt.OUTPUT, timeout=45, idle=3)
        res.check(len(outs) > 0, "a: records produced (%d)" % len(outs))

        posts = stub.posts()
        res.check(len(posts) == 1, "a: exactly one POST to the registry (got %d)" % len(posts))
        with stub.lock:
            gets = [r for r in stub.requests if r["method"] == "GET"]
        res.check(not gets, "a: conflictd asks the registry nothing else (%d GETs)" % len(gets))
        p = posts[0] if posts else {"path": "", "headers": {}, "body": "{}", "status": None}
        res.check(p["path"] == "/subjects/%s-value/versions" % kt.OUTPUT,
                  "a: subject is <topic>-value (%s)" % p["path"])
        res.check(p["status"] == 200, "a: the registry accepted it (%r)" % p["status"])
        h = {k.lower(): v for k, v in p["headers"].items()}
        res.check(h.get("content-type") == rs.CONTENT_TYPE, "a: Content-Type %r" % h.get("content-type"))
        res.check(rs.CONTENT_TYPE in h.get("accept", ""), "a: Accept names the registry's type")
        want_auth = "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
        res.check(h.get("authorization") == want_auth, "a: basic auth sent")
        sent = json.loads(p["body"]).get("schema", "")
        res.check(sent == SCHEMA_TEXT, "a: the schema file's text is what was registered")

        sid = stub.subjects.get("%s-value" % kt.OUTPUT, [None])[0]
        schema = avro.schema.parse(fetch_schema(stub, sid)) if sid is not None else None
        reader = avro.io.DatumReader(schema) if schema else None
        framed = decoded = keyed = 0
        for m in outs:
            v = m["value"]
            if len(v) > 5 and v[0] == 0 and int.from_bytes(v[1:5], "big") == sid:
                framed += 1
                try:
                    rec = reader.read(avro.io.BinaryDecoder(io.BytesIO(v[5:])))
                    decoded += 1
                    keyed += rec["event_id"].encode() == m["key"]
                except Exception as e:  # noqa: BLE001 - counted
                    kt.log("a: decode failed: %s" % e)
        kt.log("a: %d records, %d framed 00+id %r, %d decoded with GET /schemas/ids/%r" %
               (len(outs), framed, sid, decoded, sid))
        res.check(outs and framed == len(outs), "a: every record framed 00 + big-endian id %r" % sid)
        res.check(outs and decoded == len(outs), "a: every record decodes with the registry's schema")
        res.check(outs and keyed == len(outs), "a: decoded event_id equals the message key")
        hdr = [m["headers"].get("schema-id") for m in outs]
        res.check(outs and hdr == [str(sid)] * len(outs), "a: every record's schema-id header is %r" % sid)
        rc, _ = d.terminate(30)
        res.check(rc == 0, "a: SIGTERM -> exit 0 (got %r)" % rc)
        res.check(PASSWORD not in d.log_text(), "a: the password is never logged")
    finally:
        if d:
            d.stop()
        stub.stop()


def case_b_record_strategy_503(res, tmp, mock):
    stub = rs.RegistryStub().start()
    stub.set_mode("503")
    d = None
    try:
        cfg = write_config(tmp, "b", mock.bootstrap, {"url": stub.url + "/", "subject_strategy": "record",
                                                      "startup_timeout_ms": 30000})
        d = kt.Daemon(cfg, os.path.join(tmp, "b.log"))
        res.check(d.wait_log("HTTP 503", 15), "b: a 503 is logged as retried")
        stub.set_mode("up")
        res.check(d.wait_log("schema id", 20), "b: registered once the registry answers")
        ok = [r for r in stub.posts() if r["status"] == 200]
        res.check(len(ok) == 1 and ok[0]["path"] == "/subjects/%s/versions" % RECORD_NAME,
                  "b: record strategy subject is %s (%r)" % (RECORD_NAME, [r["path"] for r in ok]))
        # Reload: registry settings are restart-only, named without their values.
        with open(cfg) as f:
            text = f.read()
        with open(cfg, "w") as f:
            f.write(text.replace('subject_strategy = "record";',
                                 'subject_strategy = "topic";\n    username = "u";\n    password = "reload-pw";'))
        d.proc.send_signal(signal.SIGHUP)
        res.check(d.wait_log("reload: done", 20), "b: SIGHUP reload done")
        log = d.log_text()
        for name in ("subject_strategy", "username", "password"):
            res.check("output.schema_registry.%s changed" % name in log,
                      "b: reload names output.schema_registry.%s as needing a restart" % name)
        res.check("output.schema_id changed" not in log and "output.framing changed" not in log,
                  "b: the registry's id and framing are not reported as changed by a reload")
        res.check("reload-pw" not in log, "b: the new password is not logged")
        res.check(len(stub.posts()) == len(ok) + sum(1 for r in stub.posts() if r["status"] == 503),
                  "b: a reload does not register again")
        rc, secs = d.terminate(30)
        res.check(rc == 0, "b: SIGTERM -> exit 0 (got %r, %.1f s)" % (rc, secs))
    finally:
        if d:
            d.stop()
        stub.stop()


def case_h_password_file_from_credentials(res, tmp, mock):
    """password_file = "registry-password" with $CREDENTIALS_DIRECTORY set,
    as systemd's LoadCredential= hands it over: the daemon authenticates with
    the file's line and never logs it."""
    stub = rs.RegistryStub(auth=(USER, PASSWORD)).start()
    d = None
    try:
        creds = os.path.join(tmp, "credentials")
        os.makedirs(creds, exist_ok=True)
        with open(os.path.join(creds, "registry-password"), "w") as f:
            f.write(PASSWORD + "\n")
        os.chmod(os.path.join(creds, "registry-password"), 0o400)
        cfg = write_config(tmp, "h", mock.bootstrap, {"url": stub.url, "username": USER,
                                                      "password_file": "registry-password"})
        d = kt.Daemon(cfg, os.path.join(tmp, "h.log"), env={"CREDENTIALS_DIRECTORY": creds})
        res.check(d.wait_log("schema id", 20), "h: registered with the password from $CREDENTIALS_DIRECTORY")
        posts = stub.posts()
        want_auth = "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
        res.check(len(posts) == 1 and {k.lower(): v for k, v in posts[0]["headers"].items()}
                  .get("authorization") == want_auth and posts[0]["status"] == 200,
                  "h: basic auth with the file's line, newline dropped (%s)"
                  % [p["status"] for p in posts])
        rc, _ = d.terminate(30)
        res.check(rc == 0, "h: SIGTERM -> exit 0 (got %r)" % rc)
        res.check(PASSWORD not in d.log_text(), "h: the password is never logged")
    finally:
        if d:
            d.stop()
        stub.stop()


def case_c_wrong_password(res, tmp, mock):
    stub = rs.RegistryStub(auth=(USER, PASSWORD)).start()
    d = None
    try:
        bad = "not-the-password-42"
        cfg = write_config(tmp, "c", mock.bootstrap, {"url": stub.url, "username": USER, "password": bad})
        d = kt.Daemon(cfg, os.path.join(tmp, "c.log"))
        rc = wait_exit(d, 20)
        text = d.log_text()
        errs = error_lines(text)
        kt.log("c: %s" % (errs[0] if errs else "no error line"))
        res.check(rc == 78, "c: wrong password -> exit 78 (got %r)" % rc)
        res.check(len(errs) == 1 and "authentication failed" in errs[0] and "401" in errs[0]
                  and USER in errs[0], "c: one error line naming the authentication failure and the user")
        res.check(bad not in text and PASSWORD not in text, "c: no password in the log")
        res.check(len(stub.posts()) == 1, "c: not retried (%d POSTs)" % len(stub.posts()))
    finally:
        if d:
            d.stop()
        stub.stop()


def case_d_down_too_long_and_sigterm(res, tmp, mock):
    stub = rs.RegistryStub().start()
    stub.set_mode("down")
    daemons = []
    try:
        cfg = write_config(tmp, "d1", mock.bootstrap, {"url": stub.url, "startup_timeout_ms": 1500})
        d = kt.Daemon(cfg, os.path.join(tmp, "d1.log"))
        daemons.append(d)
        rc = wait_exit(d, 20)
        errs = error_lines(d.log_text())
        kt.log("d: %s" % (errs[0] if errs else "no error line"))
        res.check(rc == 69, "d: registry down longer than startup_timeout_ms -> exit 69 (got %r)" % rc)
        res.check(len(errs) == 1 and stub.url in errs[0] and "gave up after 1500 ms" in errs[0],
                  "d: one error line naming the registry and the timeout")

        cfg = write_config(tmp, "d2", mock.bootstrap, {"url": stub.url, "startup_timeout_ms": 60000})
        d = kt.Daemon(cfg, os.path.join(tmp, "d2.log"))
        daemons.append(d)
        res.check(d.wait_log("retrying in", 15), "d: waiting for the registry")
        rc, secs = d.terminate(10)
        res.check(rc == 0 and secs < 5, "d: SIGTERM while waiting -> exit 0 at once (got %r in %.1f s)"
                  % (rc, secs))
    finally:
        for d in daemons:
            d.stop()
        stub.stop()


def case_e_rejected(res, tmp, mock):
    stub = rs.RegistryStub(compatibility="reject").start()
    d = None
    try:
        # An earlier version under the subject: the current schema minus its
        # last field, as another producer registered it.
        older = json.loads(SCHEMA_TEXT)
        older["fields"] = older["fields"][:-1]
        subject = "%s-value" % kt.OUTPUT
        stub.register(subject, json.dumps(older))
        cfg = write_config(tmp, "e", mock.bootstrap, {"url": stub.url})
        d = kt.Daemon(cfg, os.path.join(tmp, "e.log"))
        rc = wait_exit(d, 20)
        errs = error_lines(d.log_text())
        kt.log("e: %s" % (errs[0] if errs else "no error line"))
        res.check(rc == 78, "e: incompatible schema -> exit 78 (got %r)" % rc)
        res.check(len(errs) == 1 and "Schema being registered is incompatible" in errs[0]
                  and subject in errs[0] and stub.url in errs[0] and "409" in errs[0],
                  "e: one error line with the subject, the registry URL and its message")
        res.check(len(stub.posts(subject)) == 2, "e: not retried (%d POSTs)" % len(stub.posts(subject)))
    finally:
        if d:
            d.stop()
        stub.stop()


def make_cert(openssl, tmp, name):
    """A self-signed certificate for 127.0.0.1 and its key (PEM paths)."""
    cert, key = os.path.join(tmp, name + ".pem"), os.path.join(tmp, name + ".key")
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=30)
    return cert, key


def case_f_tls(res, tmp, mock):
    openssl = shutil.which("openssl")
    if not openssl:
        res.check(False, "f: openssl is needed to make a test certificate")
        return
    cert, key = make_cert(openssl, tmp, "registry")
    client_cert, client_key = make_cert(openssl, tmp, "client")
    # Mutual TLS: the stand-in also wants a client certificate signed by client.pem.
    stub = rs.RegistryStub(certfile=cert, keyfile=key, client_ca=client_cert).start()
    daemons = []
    try:
        cfg = write_config(tmp, "f1", mock.bootstrap, {"url": stub.url, "startup_timeout_ms": 30000})
        d = kt.Daemon(cfg, os.path.join(tmp, "f1.log"))
        daemons.append(d)
        rc = wait_exit(d, 20)
        errs = error_lines(d.log_text())
        kt.log("f: %s" % (errs[0] if errs else "no error line"))
        res.check(rc == 78, "f: https without the CA -> exit 78, not retried (got %r)" % rc)
        res.check(len(errs) == 1 and stub.url in errs[0], "f: one error line naming the registry")

        cfg = write_config(tmp, "f2", mock.bootstrap, {"url": stub.url, "ca_location": cert,
                                                       "cert_location": client_cert, "key_location": client_key})
        d = kt.Daemon(cfg, os.path.join(tmp, "f2.log"))
        daemons.append(d)
        res.check(d.wait_log("schema id", 20), "f: https with ca_location and a client certificate registers")
        ok = [r for r in stub.posts() if r["status"] == 200]
        res.check(len(ok) == 1, "f: one accepted POST over mutual TLS (%d)" % len(ok))
        rc, _ = d.terminate(30)
        res.check(rc == 0, "f: SIGTERM -> exit 0 (got %r)" % rc)

        # Without the client certificate the handshake fails; whether the
        # client sees a TLS alert (fatal, 78) or a dropped connection
        # (retried, then 69) depends on the server, so either is accepted.
        cfg = write_config(tmp, "f3", mock.bootstrap, {"url": stub.url, "ca_location": cert,
                                                       "startup_timeout_ms": 1500})
        d = kt.Daemon(cfg, os.path.join(tmp, "f3.log"))
        daemons.append(d)
        rc = wait_exit(d, 20)
        errs = error_lines(d.log_text())
        kt.log("f: no client certificate: %s" % (errs[0] if errs else "no error line"))
        res.check(rc in (69, 78), "f: https without the client certificate -> exit 69 or 78 (got %r)" % rc)
        res.check(len(errs) == 1 and stub.url in errs[0], "f: one error line naming the registry")
        res.check(len([r for r in stub.posts() if r["status"] == 200]) == 1, "f: nothing registered without it")
    finally:
        for d in daemons:
            d.stop()
        stub.stop()


def case_g_check_config(res, tmp, mock):
    stub = rs.RegistryStub().start()
    try:
        exe = os.path.join(kt.BUILD_DIR, "conflictd")
        cfg = write_config(tmp, "g1", mock.bootstrap, {"url": stub.url})
        p = subprocess.run([exe, "--check-config", "-c", cfg], capture_output=True, text=True, timeout=60)
        res.check(p.returncode == 0 and "config ok" in p.stdout, "g: --check-config passes (%d)" % p.returncode)
        res.check(not stub.requests, "g: --check-config does not contact the registry (%d requests)"
                  % len(stub.requests))
        missing = os.path.join(tmp, "no-such-ca.pem")
        cfg = write_config(tmp, "g2", mock.bootstrap, {"url": stub.url, "ca_location": missing})
        p = subprocess.run([exe, "--check-config", "-c", cfg], capture_output=True, text=True, timeout=60)
        res.check(p.returncode == 78 and "output.schema_registry.ca_location" in p.stderr
                  and missing in p.stderr, "g: a missing ca_location -> exit 78 naming it (%r)"
                  % p.stderr.strip())
        cfg = write_config(tmp, "g3", mock.bootstrap, {"url": stub.url}, output_extra="  schema_id = 3;\n")
        p = subprocess.run([exe, "--check-config", "-c", cfg], capture_output=True, text=True, timeout=60)
        res.check(p.returncode == 78 and "output.schema_id: must not be set with output.schema_registry.url"
                  in p.stderr, "g: schema_id next to a url -> exit 78 (%r)" % p.stderr.strip())
    finally:
        stub.stop()


def main():
    res = kt.Results()
    tmp = kt.tempdir("conflictd-registry-")
    mock = None
    t0 = time.monotonic()
    try:
        mock = kt.MockCluster(brokers=1, partitions=2)
        for case in (case_g_check_config, case_c_wrong_password, case_e_rejected, case_d_down_too_long_and_sigterm,
                     case_f_tls, case_b_record_strategy_503, case_h_password_file_from_credentials,
                     case_a_topic_auth_down_then_up):
            t = time.monotonic()
            res.run(case, res, tmp, mock)
            kt.log("%s: %.1f s" % (case.__name__, time.monotonic() - t))
    finally:
        if mock:
            mock.stop()
    kt.log("total %.1f s" % (time.monotonic() - t0))
    res.finish()


if __name__ == "__main__":
    main()
