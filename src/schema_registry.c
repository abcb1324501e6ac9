/*
 * schema_registry.c - a client for the REST subset of a Confluent-compatible
 * schema registry: register a schema under a subject, fetch one by id.
 *
 * One libcurl easy handle per client, reused across requests so a keep-alive
 * connection (and its TLS session) survives between them.  Every request is
 * bounded: a timeout covering connect and transfer, a 1 MiB cap on the
 * response body, and no redirects (a registry answers where it is asked).
 * Results map HTTP and transport failures onto four outcomes a caller can act
 * on: retry later (UNAVAILABLE), give up because the registry said no
 * (REJECTED), not there (NOT_FOUND), or a local or protocol problem (ERROR).
 *
 * Messages quote the registry's own {"error_code", "message"} body, cut to
 * one bounded line, and name the registry by its URL with any user:password
 * part removed; the password itself is only ever handed to libcurl.
 */
#include "schema_registry.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define REGISTRY_MAX_RESPONSE       (1024 * 1024) /* bytes of a response body kept */
#define REGISTRY_MAX_URL            2048          /* of the configured base URL */
#define REGISTRY_MAX_SUBJECT        1024          /* bytes of a subject name */
#define REGISTRY_MAX_QUOTE          300           /* bytes of a registry message quoted in errbuf */
#define REGISTRY_DEFAULT_TIMEOUT_MS 10000
#define REGISTRY_BACKOFF_MIN_MS     250
#define REGISTRY_BACKOFF_MAX_MS     10000
#define REGISTRY_SLEEP_SLICE_MS     50 /* how often a backoff sleep looks at the stop flag */

#define REGISTRY_CONTENT_TYPE "application/vnd.schemaregistry.v1+json"

struct schema_registry {
	CURL *curl;
	char *base;    /* URL without trailing '/', credentials as configured */
	char *display; /* the same without user:password, for messages */
	char *username, *password;
	char *ca_location, *cert_location, *key_location;
	int timeout_ms;
	volatile const int *stop; /* aborts a transfer in flight (set_stop, register_retry) */
	unsigned rng;             /* jitter */
	char curl_err[CURL_ERROR_SIZE];
};

/* A response body, bounded. */
struct body {
	char *data;
	size_t len, cap;
	int overflow;
};

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct body *b = userdata;
	size_t n = size * nmemb;

	if (b->len + n > REGISTRY_MAX_RESPONSE) {
		b->overflow = 1;
		return 0; /* libcurl aborts with CURLE_WRITE_ERROR */
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > REGISTRY_MAX_RESPONSE + 1)
			cap = REGISTRY_MAX_RESPONSE + 1;
		p = realloc(b->data, cap);
		if (!p)
			return 0;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, ptr, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

/* Abort a transfer when the stop flag goes up (SIGTERM during a request). */
static int on_progress(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
	const struct schema_registry *r = clientp;
	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return r->stop && *r->stop ? 1 : 0;
}

/* The URL as it may be shown: scheme://host[:port][/path], no user:password. */
static char *redacted_url(const char *url)
{
	CURLU *u = curl_url();
	char *out = NULL, *s = NULL;

	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK) {
		size_t n = strlen(s);
		while (n > 0 && s[n - 1] == '/')
			n--;
		out = strndup(s, n);
	}
	curl_free(s);
	curl_url_cleanup(u);
	return out;
}

/* A URL that may not parse, as a message may quote it: everything between
 * the scheme (or the start) and the last '@' is left out, so a password
 * with a '/' or '@' in it, unescaped, does not show either; at most 200
 * bytes. */
static void url_for_message(const char *url, char *out, size_t outlen)
{
	const char *sep = strstr(url, "://"), *host = sep ? sep + 3 : url, *at = strrchr(host, '@');

	if (at)
		snprintf(out, outlen, "%.*s%.200s", (int)(host - url), url, at + 1);
	else
		snprintf(out, outlen, "%.200s", url);
}

/* http:// or https:// with a host; anything else is refused at open. */
static int url_valid(const char *url, char *errbuf, size_t errlen)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL, shown[256];
	int ok = 0;

	if (strlen(url) > REGISTRY_MAX_URL) {
		snprintf(errbuf, errlen, "schema registry URL: longer than %d characters", REGISTRY_MAX_URL);
		return 0;
	}
	u = curl_url();
	if (!u) {
		snprintf(errbuf, errlen, "schema registry URL: out of memory");
		return 0;
	}
	url_for_message(url, shown, sizeof(shown));
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		snprintf(errbuf, errlen, "schema registry URL \"%s\": not a valid URL", shown);
	else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	         (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
		snprintf(errbuf, errlen, "schema registry URL: expected http:// or https://, got \"%s\"",
		         shown);
	else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host[0])
		snprintf(errbuf, errlen, "schema registry URL \"%s\": no host", shown);
	else if (strchr(url, '?') || strchr(url, '#'))
		snprintf(errbuf, errlen, "schema registry URL \"%s\": no query or fragment expected", shown);
	else
		ok = 1;
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return ok;
}

int schema_registry_open(struct schema_registry **out, const struct schema_registry_opts *o, char *errbuf,
                         size_t errlen)
{
	struct schema_registry *r;
	size_t n;

	*out = NULL;
	if (!o || !o->url || !o->url[0]) {
		snprintf(errbuf, errlen, "schema registry: no URL");
		return -1;
	}
	if (!url_valid(o->url, errbuf, errlen))
		return -1;
	/* Thread-safe in libcurl >= 7.84 and reference-counted. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(errbuf, errlen, "schema registry: libcurl initialisation failed");
		return -1;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		goto nomem;
	n = strlen(o->url);
	while (n > 0 && o->url[n - 1] == '/')
		n--;
	r->base = strndup(o->url, n);
	r->display = redacted_url(o->url);
	r->username = dup_or_null(o->username);
	r->password = o->password ? strdup(o->password) : NULL;
	r->ca_location = dup_or_null(o->ca_location);
	r->cert_location = dup_or_null(o->cert_location);
	r->key_location = dup_or_null(o->key_location);
	if (!r->base || !r->display || (o->username && o->username[0] && !r->username) ||
	    (o->password && !r->password) || (o->ca_location && o->ca_location[0] && !r->ca_location) ||
	    (o->cert_location && o->cert_location[0] && !r->cert_location) ||
	    (o->key_location && o->key_location[0] && !r->key_location))
		goto nomem;
	r->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : REGISTRY_DEFAULT_TIMEOUT_MS;
	r->rng = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16) ^ (unsigned)(uintptr_t)r;
	r->curl = curl_easy_init();
	if (!r->curl) {
		snprintf(errbuf, errlen, "schema registry %s: cannot create a libcurl handle", r->display);
		schema_registry_close(r);
		curl_global_cleanup();
		return -1;
	}
	*out = r;
	return 0;
nomem:
	/* r has no curl handle yet: close does not undo curl_global_init(). */
	schema_registry_close(r);
	curl_global_cleanup();
	snprintf(errbuf, errlen, "schema registry: out of memory");
	return -1;
}

/* The password's bytes are cleared before they go back to the allocator. */
static void free_secret(char *s)
{
	if (!s)
		return;
	memset(s, 0, strlen(s));
	__asm__ __volatile__("" : : "r"(s) : "memory");
	free(s);
}

void schema_registry_close(struct schema_registry *r)
{
	if (!r)
		return;
	if (r->curl) {
		curl_easy_cleanup(r->curl);
		curl_global_cleanup();
	}
	free(r->base);
	free(r->display);
	free(r->username);
	free_secret(r->password);
	free(r->ca_location);
	free(r->cert_location);
	free(r->key_location);
	free(r);
}

void schema_registry_set_stop(struct schema_registry *r, volatile const int *stop)
{
	r->stop = stop;
}

const char *schema_registry_display_url(const struct schema_registry *r)
{
	return r->display;
}

const char *schema_registry_result_name(enum schema_registry_result res)
{
	switch (res) {
	case SCHEMA_REGISTRY_OK:
		return "ok";
	case SCHEMA_REGISTRY_UNAVAILABLE:
		return "unavailable";
	case SCHEMA_REGISTRY_REJECTED:
		return "rejected";
	case SCHEMA_REGISTRY_NOT_FOUND:
		return "not found";
	case SCHEMA_REGISTRY_ERROR:
		return "error";
	}
	return "unknown";
}

int schema_registry_subject(const char *strategy, const char *topic, const char *record_name, char *buf,
                            size_t size)
{
	int n;

	if (!strategy || !buf || size == 0)
		return -1;
	if (strcmp(strategy, "topic") == 0) {
		if (!topic || !*topic)
			return -1;
		n = snprintf(buf, size, "%s-value", topic);
	} else if (strcmp(strategy, "record") == 0) {
		if (!record_name || !*record_name)
			return -1;
		n = snprintf(buf, size, "%s", record_name);
	} else if (strcmp(strategy, "topic-record") == 0) {
		if (!topic || !*topic || !record_name || !*record_name)
			return -1;
		n = snprintf(buf, size, "%s-%s", topic, record_name);
	} else {
		return -1;
	}
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return -1;
	}
	return 0;
}

/* Copy a registry's message into out as one printable line of at most
 * REGISTRY_MAX_QUOTE bytes: control characters become spaces, runs of
 * spaces collapse, '"' becomes '\'' so the quote stays unambiguous. */
static void sanitise(const char *in, char *out, size_t outlen)
{
	size_t o = 0, limit = outlen - 1 < REGISTRY_MAX_QUOTE ? outlen - 1 : REGISTRY_MAX_QUOTE;
	int space = 0;

	for (; *in && o < limit; in++) {
		unsigned char c = (unsigned char)*in;
		if (c < 0x20 || c == 0x7f) {
			c = ' ';
		} else if (c == '"') {
			c = '\'';
		}
		if (c == ' ' && (space || o == 0))
			continue;
		space = c == ' ';
		out[o++] = (char)c;
	}
	/* Do not end inside a UTF-8 sequence cut by the limit. */
	if (*in) {
		while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
			o--;
		if (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0xC0)
			o--;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	if (*in && o + 3 < outlen)
		strcat(out, "...");
}

/* The registry's {"error_code": N, "message": "..."} as ": \"msg\" (error_code N)"
 * or, for a body that is not one, the start of the body itself. */
static void describe_body(const struct body *b, char *out, size_t outlen)
{
	json_t *root = NULL, *msg, *code;
	char text[REGISTRY_MAX_QUOTE + 4];

	out[0] = '\0';
	if (!b->data || b->len == 0)
		return;
	root = json_loadb(b->data, b->len, 0, NULL);
	msg = root ? json_object_get(root, "message") : NULL;
	code = root ? json_object_get(root, "error_code") : NULL;
	if (json_is_string(msg)) {
		sanitise(json_string_value(msg), text, sizeof(text));
		if (json_is_integer(code))
			snprintf(out, outlen, ": \"%s\" (error_code %lld)", text,
			         (long long)json_integer_value(code));
		else
			snprintf(out, outlen, ": \"%s\"", text);
	} else {
		char head[121];
		size_t n = b->len < sizeof(head) - 1 ? b->len : sizeof(head) - 1;
		memcpy(head, b->data, n);
		head[n] = '\0';
		sanitise(head, text, sizeof(text));
		snprintf(out, outlen, ": \"%s%s\"", text, b->len > n ? "..." : "");
	}
	json_decref(root);
}

/* Transport failures: which are worth retrying.  TLS set-up and certificate
 * problems are configuration, not weather. */
static enum schema_registry_result classify_curl(CURLcode cc)
{
	switch (cc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_ABORTED_BY_CALLBACK:
		return SCHEMA_REGISTRY_UNAVAILABLE;
	default:
		return SCHEMA_REGISTRY_ERROR;
	}
}

static enum schema_registry_result classify_http(long status)
{
	if (status >= 200 && status < 300)
		return SCHEMA_REGISTRY_OK;
	if (status == 409 || status == 422)
		return SCHEMA_REGISTRY_REJECTED;
	if (status == 404)
		return SCHEMA_REGISTRY_NOT_FOUND;
	if (status == 408 || status == 429 || status >= 500)
		return SCHEMA_REGISTRY_UNAVAILABLE;
	return SCHEMA_REGISTRY_ERROR;
}

/* One request.  what: "POST /subjects/x/versions", for messages.  On a 2xx
 * returns OK with the body in *b (caller frees b->data); otherwise the
 * result and a message in errbuf. */
static enum schema_registry_result request(struct schema_registry *r, const char *path, const char *post,
                                           const char *what, struct body *b, char *errbuf, size_t errlen)
{
	struct curl_slist *hdrs = NULL, *h;
	enum schema_registry_result res;
	char *url = NULL, detail[REGISTRY_MAX_QUOTE + 64];
	long status = 0;
	CURLcode cc;
	CURL *c = r->curl;

	memset(b, 0, sizeof(*b));
	if (asprintf(&url, "%s%s", r->base, path) < 0) {
		snprintf(errbuf, errlen, "schema registry %s: %s: out of memory", r->display, what);
		return SCHEMA_REGISTRY_ERROR;
	}
	hdrs =
	    curl_slist_append(NULL, "Accept: " REGISTRY_CONTENT_TYPE ", application/vnd.schemaregistry+json, "
	                            "application/json");
	h = hdrs && post ? curl_slist_append(hdrs, "Content-Type: " REGISTRY_CONTENT_TYPE) : hdrs;
	if (!h) {
		curl_slist_free_all(hdrs);
		free(url);
		snprintf(errbuf, errlen, "schema registry %s: %s: out of memory", r->display, what);
		return SCHEMA_REGISTRY_ERROR;
	}

	curl_easy_reset(c);
	r->curl_err[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "conflictd/" CONFLICTD_VERSION);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, r->curl_err);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)r->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)r->timeout_ms);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, r);
	if (post) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(post));
	}
	if (r->username) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, r->username);
		curl_easy_setopt(c, CURLOPT_PASSWORD, r->password ? r->password : "");
	}
	if (r->ca_location)
		curl_easy_setopt(c, CURLOPT_CAINFO, r->ca_location);
	if (r->cert_location)
		curl_easy_setopt(c, CURLOPT_SSLCERT, r->cert_location);
	if (r->key_location)
		curl_easy_setopt(c, CURLOPT_SSLKEY, r->key_location);

	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	/* The password and the header list are not needed past this request. */
	curl_easy_setopt(c, CURLOPT_PASSWORD, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdrs);
	free(url);

	if (cc != CURLE_OK) {
		int overflow = b->overflow;
		if (overflow)
			snprintf(errbuf, errlen, "schema registry %s: %s: response larger than %d bytes",
			         r->display, what, REGISTRY_MAX_RESPONSE);
		else if (cc == CURLE_ABORTED_BY_CALLBACK)
			snprintf(errbuf, errlen, "schema registry %s: %s: interrupted by a stop request",
			         r->display, what);
		else
			snprintf(errbuf, errlen, "schema registry %s: %s: %s", r->display, what,
			         r->curl_err[0] ? r->curl_err : curl_easy_strerror(cc));
		free(b->data);
		memset(b, 0, sizeof(*b));
		if (overflow)
			return SCHEMA_REGISTRY_ERROR;
		/* A TLS alert on a send or receive is the peer refusing us (a
		 * client certificate it does not accept), not a network fault. */
		if ((cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR) && strstr(r->curl_err, " alert "))
			return SCHEMA_REGISTRY_ERROR;
		return classify_curl(cc);
	}
	res = classify_http(status);
	if (res == SCHEMA_REGISTRY_OK)
		return res;
	describe_body(b, detail, sizeof(detail));
	if (status == 401 || status == 403)
		snprintf(errbuf, errlen, "schema registry %s: %s: HTTP %ld: authentication failed (%s%s%s)%s",
		         r->display, what, status, r->username ? "username \"" : "no username configured",
		         r->username ? r->username : "", r->username ? "\"" : "", detail);
	else
		snprintf(errbuf, errlen, "schema registry %s: %s: HTTP %ld%s", r->display, what, status,
		         detail);
	free(b->data);
	memset(b, 0, sizeof(*b));
	return res;
}

enum schema_registry_result schema_registry_register(struct schema_registry *r, const char *subject,
                                                     const char *schema_json, int32_t *id, char *errbuf,
                                                     size_t errlen)
{
	enum schema_registry_result res = SCHEMA_REGISTRY_ERROR;
	char *esc = NULL, *path = NULL, *post = NULL, what[REGISTRY_MAX_SUBJECT * 3 + 64];
	json_t *req = NULL, *resp = NULL, *jid;
	struct body b = {0};

	if (!subject || !*subject || strlen(subject) > REGISTRY_MAX_SUBJECT) {
		snprintf(errbuf, errlen, "schema registry %s: subject must be 1-%d bytes", r->display,
		         REGISTRY_MAX_SUBJECT);
		return SCHEMA_REGISTRY_ERROR;
	}
	if (!schema_json || !*schema_json) {
		snprintf(errbuf, errlen, "schema registry %s: subject %s: no schema text", r->display,
		         subject);
		return SCHEMA_REGISTRY_ERROR;
	}
	esc = curl_easy_escape(r->curl, subject, 0);
	req = json_pack("{s:s}", "schema", schema_json);
	post = req ? json_dumps(req, JSON_COMPACT) : NULL;
	if (!esc || !post || asprintf(&path, "/subjects/%s/versions", esc) < 0) {
		path = NULL;
		snprintf(errbuf, errlen, "schema registry %s: subject %s: %s", r->display, subject,
		         req ? "out of memory" : "the schema text is not valid UTF-8");
		goto out;
	}
	snprintf(what, sizeof(what), "POST %s", path);
	res = request(r, path, post, what, &b, errbuf, errlen);
	if (res != SCHEMA_REGISTRY_OK)
		goto out;
	resp = json_loadb(b.data ? b.data : "", b.len, 0, NULL);
	jid = resp ? json_object_get(resp, "id") : NULL;
	if (!json_is_integer(jid) || json_integer_value(jid) < 0 || json_integer_value(jid) > INT32_MAX) {
		char head[121];
		size_t n = b.len < sizeof(head) - 1 ? b.len : sizeof(head) - 1;
		memcpy(head, b.data ? b.data : "", n);
		head[n] = '\0';
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)head[i] < 0x20)
				head[i] = ' ';
		snprintf(errbuf, errlen,
		         "schema registry %s: %s: malformed response (want {\"id\": N}, got \"%s\")",
		         r->display, what, head);
		res = SCHEMA_REGISTRY_ERROR;
		goto out;
	}
	*id = (int32_t)json_integer_value(jid);
out:
	json_decref(resp);
	json_decref(req);
	free(post);
	free(path);
	curl_free(esc);
	free(b.data);
	return res;
}

enum schema_registry_result schema_registry_get_by_id(struct schema_registry *r, int32_t id,
                                                      char **schema_json, char *errbuf, size_t errlen)
{
	enum schema_registry_result res;
	char path[64], what[80];
	json_t *resp;
	json_t *s;
	struct body b = {0};

	*schema_json = NULL;
	if (id < 0) {
		snprintf(errbuf, errlen, "schema registry %s: schema id %d is negative", r->display, (int)id);
		return SCHEMA_REGISTRY_ERROR;
	}
	snprintf(path, sizeof(path), "/schemas/ids/%d", (int)id);
	snprintf(what, sizeof(what), "GET %s", path);
	res = request(r, path, NULL, what, &b, errbuf, errlen);
	if (res != SCHEMA_REGISTRY_OK)
		return res;
	resp = json_loadb(b.data ? b.data : "", b.len, 0, NULL);
	s = resp ? json_object_get(resp, "schema") : NULL;
	if (!json_is_string(s)) {
		snprintf(errbuf, errlen,
		         "schema registry %s: %s: malformed response (want {\"schema\": \"...\"})",
		         r->display, what);
		res = SCHEMA_REGISTRY_ERROR;
	} else if (!(*schema_json = strdup(json_string_value(s)))) {
		snprintf(errbuf, errlen, "schema registry %s: %s: out of memory", r->display, what);
		res = SCHEMA_REGISTRY_ERROR;
	}
	json_decref(resp);
	free(b.data);
	return res;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep ms in slices, returning early when *stop goes up. */
static void sleep_ms(long long ms, volatile const int *stop)
{
	while (ms > 0 && !(stop && *stop)) {
		long long slice = ms < REGISTRY_SLEEP_SLICE_MS ? ms : REGISTRY_SLEEP_SLICE_MS;
		struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)(slice * 1000000)};
		nanosleep(&ts, NULL);
		ms -= slice;
	}
}

enum schema_registry_result schema_registry_register_retry(struct schema_registry *r, const char *subject,
                                                           const char *schema_json, int total_timeout_ms,
                                                           volatile const int *stop, int32_t *id,
                                                           char *errbuf, size_t errlen)
{
	long long deadline = now_ms() + (total_timeout_ms > 0 ? total_timeout_ms : 0);
	long long backoff = REGISTRY_BACKOFF_MIN_MS;
	enum schema_registry_result res;
	volatile const int *outer = r->stop;
	int attempt = 0;

	r->stop = stop;
	for (;;) {
		long long left, wait;

		attempt++;
		res = schema_registry_register(r, subject, schema_json, id, errbuf, errlen);
		if (res != SCHEMA_REGISTRY_UNAVAILABLE || (stop && *stop))
			break;
		left = deadline - now_ms();
		if (left <= 0)
			break;
		/* Equal jitter: half the backoff fixed, half random, so a fleet
		 * restarted together does not return in step. */
		r->rng = r->rng * 1103515245u + 12345u;
		wait = backoff / 2 + (long long)((r->rng >> 8) % (unsigned)(backoff / 2 + 1));
		if (wait > left)
			wait = left;
		log_warning("%s; attempt %d, retrying in %lld ms (giving up in %lld ms)", errbuf, attempt,
		            wait, left);
		sleep_ms(wait, stop);
		if (stop && *stop)
			break;
		backoff = backoff * 2 > REGISTRY_BACKOFF_MAX_MS ? REGISTRY_BACKOFF_MAX_MS : backoff * 2;
	}
	r->stop = outer;
	return res;
}
