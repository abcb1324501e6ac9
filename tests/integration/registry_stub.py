"""registry_stub.py - a local stand-in for a Confluent-compatible schema registry.

No real schema registry can be installed here, so the tests (and demos) run
this small HTTP server speaking the subset of the registry's REST API that
conflictd and its tools use:

  POST /subjects/{subject}/versions  {"schema": "<json text>"}  -> {"id": N}
  GET  /schemas/ids/{id}                                       -> {"schema": "..."}
  GET  /subjects                                               -> ["subject", ...]
  GET  /subjects/{subject}/versions                            -> [1, 2, ...]

Ids are global and stable: the same schema (compared as parsed JSON, the way
the registry compares canonical schemas) gets the same id under any subject;
each subject keeps its own version list.  Errors use the registry's body
shape, {"error_code": N, "message": "..."}.

Knobs, all switchable while it runs (tests flip them from another thread):
  compatibility  "none" (accept everything) or "reject" (409 for a schema that
                 differs from every version the subject already has, as a
                 registry in BACKWARD mode answers an incompatible change)
  mode           "up", "503" (every request answers 503) or "down" (the
                 listening socket is closed: connections are refused)
  auth           (user, password): basic auth required, 401 otherwise
and a request log: stub.requests is a list of dicts (method, path, headers,
body, status).

As a module: stub = RegistryStub(); stub.start(); stub.url; ...; stub.stop().
As a script:  registry_stub.py [--port N] [--user U --password P]
              [--compatibility none|reject] [--cert PEM --key PEM [--client-ca PEM]]
prints "registry stub at http://127.0.0.1:PORT" and logs each request.
"""
import argparse
import base64
import json
import re
import ssl
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"
MAX_BODY = 16 * 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    server_version = "registry-stub/1"
    protocol_version = "HTTP/1.1"  # keep-alive, as a real registry

    def log_message(self, fmt, *args):  # noqa: D401 - http.server's hook
        if self.server.stub.verbose:
            sys.stderr.write("registry stub: %s\n" % (fmt % args))

    def _reply(self, status, obj, entry):
        data = json.dumps(obj).encode()
        entry["status"] = status
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status, code, message, entry):
        self._reply(status, {"error_code": code, "message": message}, entry)

    def _handle(self, method):
        stub = self.server.stub
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, MAX_BODY)) if length else b""
        entry = {"method": method, "path": self.path, "headers": dict(self.headers.items()),
                 "body": body.decode("utf-8", "replace"), "status": None}
        with stub.lock:
            stub.requests.append(entry)
            mode, auth = stub.mode, stub.auth
        if mode != "up":
            return self._error(503, 50301, "Service Unavailable (registry stub in mode %s)" % mode, entry)
        if auth and not self._authorised(auth):
            return self._error(401, 401, "Unauthorized", entry)
        path = urllib.parse.urlsplit(self.path).path
        m = re.fullmatch(r"/subjects/([^/]+)/versions", path)
        if m and method == "POST":
            return self._register(urllib.parse.unquote(m.group(1)), body, entry)
        if m and method == "GET":
            return self._versions(urllib.parse.unquote(m.group(1)), entry)
        m = re.fullmatch(r"/schemas/ids/(-?\d+)", path)
        if m and method == "GET":
            return self._by_id(int(m.group(1)), entry)
        if path == "/subjects" and method == "GET":
            with stub.lock:
                return self._reply(200, sorted(stub.subjects), entry)
        return self._error(404, 404, "HTTP 404 Not Found", entry)

    def _authorised(self, auth):
        h = self.headers.get("Authorization", "")
        if not h.startswith("Basic "):
            return False
        try:
            got = base64.b64decode(h[6:], validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return False
        return got == "%s:%s" % auth

    def _register(self, subject, body, entry):
        stub = self.server.stub
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if ctype not in (CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json"):
            return self._error(415, 415, "Unsupported Media Type: %s" % ctype, entry)
        try:
            req = json.loads(body)
            text = req["schema"]
            parsed = json.loads(text)
        except (ValueError, KeyError, TypeError) as e:
            return self._error(422, 42201, "Either the input schema or one its references is invalid: %s" % e,
                               entry)
        key = json.dumps(parsed, sort_keys=True, separators=(",", ":"))
        with stub.lock:
            versions = stub.subjects.setdefault(subject, [])
            known = [sid for sid in versions if stub.keys[sid] == key]
            if known:
                return self._reply(200, {"id": known[0]}, entry)
            if stub.compatibility == "reject" and versions:
                return self._error(409, 409, "Schema being registered is incompatible with an earlier "
                                   "schema for subject \"%s\", details: [{errorType:'READER_FIELD_MISSING_"
                                   "DEFAULT_VALUE', description:'The field has no default value'}]" % subject,
                                   entry)
            sid = stub.ids_by_key.get(key)
            if sid is None:
                sid = stub.next_id
                stub.next_id += 1
                stub.ids_by_key[key] = sid
                stub.keys[sid] = key
                stub.texts[sid] = text
            versions.append(sid)
        return self._reply(200, {"id": sid}, entry)

    def _versions(self, subject, entry):
        stub = self.server.stub
        with stub.lock:
            if subject not in stub.subjects:
                return self._error(404, 40401, "Subject '%s' not found." % subject, entry)
            return self._reply(200, list(range(1, len(stub.subjects[subject]) + 1)), entry)

    def _by_id(self, sid, entry):
        stub = self.server.stub
        with stub.lock:
            text = stub.texts.get(sid)
        if text is None:
            return self._error(404, 40403, "Schema %d not found" % sid, entry)
        return self._reply(200, {"schema": text}, entry)

    def do_POST(self):  # noqa: N802 - http.server's name
        self._handle("POST")

    def do_GET(self):  # noqa: N802
        self._handle("GET")

    def do_PUT(self):  # noqa: N802
        self._handle("PUT")

    def do_DELETE(self):  # noqa: N802
        self._handle("DELETE")


class RegistryStub:
    """The stand-in; see the module comment."""

    def __init__(self, port=0, host="127.0.0.1", auth=None, compatibility="none", certfile=None, keyfile=None,
                 client_ca=None, verbose=False):
        self.host = host
        self.port = port
        self.auth = auth
        self.compatibility = compatibility
        self.certfile, self.keyfile = certfile, keyfile
        self.client_ca = client_ca  # PEM: require a client certificate signed by it (mutual TLS)
        self.verbose = verbose
        self.mode = "up"
        self.lock = threading.Lock()
        self.requests = []
        self.subjects = {}   # subject -> [id of version 1, id of version 2, ...]
        self.texts = {}      # id -> schema text as first registered
        self.keys = {}       # id -> normalised schema
        self.ids_by_key = {}
        self.next_id = 1
        self.server = None
        self.thread = None

    @property
    def url(self):
        return "%s://%s:%d" % ("https" if self.certfile else "http", self.host, self.port)

    def start(self):
        """Listen (again, on the same port after a stop or mode "down")."""
        with self.lock:
            if self.mode == "down":
                self.mode = "up"
        self.server = ThreadingHTTPServer((self.host, self.port), _Handler)
        self.server.daemon_threads = True
        self.server.stub = self
        if self.certfile:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(self.certfile, self.keyfile)
            if self.client_ca:
                ctx.verify_mode = ssl.CERT_REQUIRED
                ctx.load_verify_locations(self.client_ca)
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(5)
            self.server = None

    def set_mode(self, mode):
        """"up", "503" or "down" (closes the socket; "up" listens again)."""
        if mode not in ("up", "503", "down"):
            raise ValueError("mode %r" % mode)
        with self.lock:
            # A keep-alive connection accepted before "down" gets 503s.
            self.mode = mode
        if mode == "down":
            self.stop()
        elif self.server is None:
            self.start()

    def register(self, subject, schema_text):
        """Register directly (as another producer would have); returns the id."""
        import urllib.request
        req = urllib.request.Request("%s/subjects/%s/versions" % (self.url, urllib.parse.quote(subject, safe="")),
                                     data=json.dumps({"schema": schema_text}).encode(), method="POST",
                                     headers={"Content-Type": CONTENT_TYPE})
        if self.auth:
            tok = base64.b64encode(("%s:%s" % self.auth).encode()).decode()
            req.add_header("Authorization", "Basic " + tok)
        ctx = None
        if self.certfile:
            ctx = ssl.create_default_context(cafile=self.certfile)
        with urllib.request.urlopen(req, timeout=10, context=ctx) as r:
            return json.loads(r.read())["id"]

    def posts(self, subject=None):
        """The POST /subjects/.../versions requests logged so far."""
        with self.lock:
            out = [r for r in self.requests if r["method"] == "POST" and r["path"].startswith("/subjects/")]
        if subject is not None:
            want = "/subjects/%s/versions" % urllib.parse.quote(subject, safe="")
            out = [r for r in out if r["path"] == want]
        return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="A local stand-in for a Confluent-compatible schema registry.")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--compatibility", choices=("none", "reject"), default="none")
    ap.add_argument("--cert", help="PEM certificate: serve HTTPS")
    ap.add_argument("--key", help="its PEM key")
    ap.add_argument("--client-ca", help="PEM: require client certificates signed by it (mutual TLS)")
    a = ap.parse_args(argv)
    auth = (a.user, a.password or "") if a.user else None
    stub = RegistryStub(port=a.port, host=a.host, auth=auth, compatibility=a.compatibility, certfile=a.cert,
                        keyfile=a.key, client_ca=a.client_ca, verbose=True).start()
    print("registry stub at %s" % stub.url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
