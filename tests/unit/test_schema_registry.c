/* test_schema_registry.c - subjects, URL checks, and how each registry answer
 * maps to a result, against an in-process HTTP stand-in (libmicrohttpd). */
#include "schema_registry.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "test.h"

#define SCHEMA                                                                                               \
	"{\"type\":\"record\",\"name\":\"ConflictEvent\",\"namespace\":\"org.conflictd\","                   \
	"\"fields\":[{\"name\":\"event_id\",\"type\":\"string\"}]}"

/* --- the stand-in: answers every request with the programmed status and
 * body (after fail_first 503s), and remembers the last request. */
static struct {
	struct MHD_Daemon *d;
	int port;
	pthread_mutex_t lock;
	unsigned status;
	const char *body;
	size_t body_len; /* 0: strlen(body) */
	int fail_first;  /* answer this many requests with 503 first */
	int calls;
	char method[16], url[512], content_type[128], accept[256], auth[256], upload[8192];
	size_t upload_len;
} srv = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void copy_header(struct MHD_Connection *c, const char *name, char *dst, size_t n)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
	snprintf(dst, n, "%s", v ? v : "");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
	static int marker;
	struct MHD_Response *r;
	enum MHD_Result ret;
	unsigned status;
	const char *body;
	size_t len;

	(void)cls;
	(void)version;
	if (!*state) {
		*state = &marker;
		pthread_mutex_lock(&srv.lock);
		srv.upload_len = 0;
		srv.upload[0] = '\0';
		pthread_mutex_unlock(&srv.lock);
		return MHD_YES;
	}
	pthread_mutex_lock(&srv.lock);
	if (*upload_size) {
		size_t n = *upload_size;
		if (srv.upload_len + n >= sizeof(srv.upload))
			n = sizeof(srv.upload) - 1 - srv.upload_len;
		memcpy(srv.upload + srv.upload_len, upload, n);
		srv.upload_len += n;
		srv.upload[srv.upload_len] = '\0';
		*upload_size = 0;
		pthread_mutex_unlock(&srv.lock);
		return MHD_YES;
	}
	srv.calls++;
	snprintf(srv.method, sizeof(srv.method), "%s", method);
	snprintf(srv.url, sizeof(srv.url), "%s", url);
	copy_header(c, "Content-Type", srv.content_type, sizeof(srv.content_type));
	copy_header(c, "Accept", srv.accept, sizeof(srv.accept));
	copy_header(c, "Authorization", srv.auth, sizeof(srv.auth));
	if (srv.fail_first > 0) {
		srv.fail_first--;
		status = 503;
		body = "{\"error_code\":50301,\"message\":\"warming up\"}";
		len = strlen(body);
	} else {
		status = srv.status;
		body = srv.body;
		len = srv.body_len ? srv.body_len : strlen(body);
	}
	pthread_mutex_unlock(&srv.lock);
	r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Keep "%2F" in paths as sent, to see the client's escaping. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static int srv_start(void)
{
	const union MHD_DaemonInfo *info;

	srv.d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, on_request, NULL,
	                         MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL, MHD_OPTION_END);
	if (!srv.d)
		return -1;
	info = MHD_get_daemon_info(srv.d, MHD_DAEMON_INFO_BIND_PORT);
	srv.port = info ? info->port : 0;
	return srv.port > 0 ? 0 : -1;
}

static void srv_answer(unsigned status, const char *body)
{
	pthread_mutex_lock(&srv.lock);
	srv.status = status;
	srv.body = body;
	srv.body_len = 0;
	srv.fail_first = 0;
	srv.calls = 0;
	srv.method[0] = srv.url[0] = srv.content_type[0] = srv.accept[0] = srv.auth[0] = '\0';
	pthread_mutex_unlock(&srv.lock);
}

static struct schema_registry *client(const char *user, const char *password, int timeout_ms)
{
	char url[64], err[512] = "";
	struct schema_registry_opts o = {
	    .url = url, .username = user, .password = password, .timeout_ms = timeout_ms};
	struct schema_registry *r = NULL;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", srv.port);
	if (schema_registry_open(&r, &o, err, sizeof(err)) < 0)
		fprintf(stderr, "  open: %s\n", err);
	return r;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- subjects */

static void subject_topic_strategy_is_topic_dash_value(void)
{
	char buf[128];
	CHECK_INT(schema_registry_subject("topic", "conflict-events", "org.conflictd.ConflictEvent", buf,
	                                  sizeof(buf)),
	          0);
	CHECK_STR(buf, "conflict-events-value");
}

static void subject_record_strategy_is_the_full_record_name(void)
{
	char buf[128];
	CHECK_INT(schema_registry_subject("record", "conflict-events", "org.conflictd.ConflictEvent", buf,
	                                  sizeof(buf)),
	          0);
	CHECK_STR(buf, "org.conflictd.ConflictEvent");
	CHECK_INT(schema_registry_subject("topic-record", "conflict-events", "org.conflictd.ConflictEvent",
	                                  buf, sizeof(buf)),
	          0);
	CHECK_STR(buf, "conflict-events-org.conflictd.ConflictEvent");
}

static void subject_unknown_strategy_or_small_buffer_fails(void)
{
	char buf[16] = "x";
	CHECK_INT(schema_registry_subject("TopicNameStrategy", "t", "r", buf, sizeof(buf)), -1);
	CHECK_INT(schema_registry_subject("topic", "", "r", buf, sizeof(buf)), -1);
	CHECK_INT(schema_registry_subject("record", "t", NULL, buf, sizeof(buf)), -1);
	/* "conflict-events-value" needs 22 bytes. */
	CHECK_INT(schema_registry_subject("topic", "conflict-events", "r", buf, sizeof(buf)), -1);
	CHECK_STR(buf, "");
}

/* --- opening */

static void open_refuses_urls_that_are_not_http(void)
{
	const char *bad[] = {"",        "ftp://registry:8081", "registry:8081",
	                     "http://", "http://r:8081/?x=1",  "file:///etc/passwd"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct schema_registry_opts o = {.url = bad[i]};
		struct schema_registry *r = (struct schema_registry *)1;
		char err[256] = "";
		CHECK_INT(schema_registry_open(&r, &o, err, sizeof(err)), -1);
		CHECK(r == NULL);
		CHECK(strstr(err, "schema registry") != NULL);
	}
}

static void open_keeps_a_path_prefix_and_hides_credentials(void)
{
	struct schema_registry_opts o = {.url = "https://ops:hunter2@registry.example.org:8081/sr//"};
	struct schema_registry *r = NULL;
	char err[256] = "";

	CHECK_INT(schema_registry_open(&r, &o, err, sizeof(err)), 0);
	if (!r)
		return;
	CHECK_STR(schema_registry_display_url(r), "https://registry.example.org:8081/sr");
	schema_registry_close(r);
}

/* A URL refused at open may still carry user:password: the message names
 * the URL without them. */
static void refused_url_messages_hide_the_password(void)
{
	const char *bad[] = {"https://ops:hunter2@registry.example.org:8081/sr?x=1",
	                     "ftp://ops:hunter2@registry.example.org:8081",
	                     "https://ops:hunter2@registry.example.org:8081#frag",
	                     "http://ops:hun/ter2@registry.example.org:8081?x",
	                     "ops:hunter2@registry.example.org:8081"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct schema_registry_opts o = {.url = bad[i]};
		struct schema_registry *r = NULL;
		char err[512] = "";
		CHECK_INT(schema_registry_open(&r, &o, err, sizeof(err)), -1);
		CHECK(strstr(err, "hunter2") == NULL && strstr(err, "ter2") == NULL);
		CHECK(strstr(err, "registry.example.org:8081") != NULL);
		if (strstr(err, "ter2"))
			fprintf(stderr, "  leaked: %s\n", err);
	}
}

/* The config file's check of output.schema_registry.url quotes a bad value
 * in its message; never its password. */
static void config_error_for_a_bad_registry_url_hides_the_password(void)
{
	char path[] = "/tmp/test_schema_registry_conf_XXXXXX", err[1024] = "";
	struct config cfg;
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	CHECK(f != NULL);
	if (!f)
		return;
	fputs("output = { schema_registry = { url = \"https://ops:hunter2@reg istry:8081\"; }; };\n", f);
	fclose(f);
	config_defaults(&cfg);
	CHECK(config_load(&cfg, path, err, sizeof(err)) != 0);
	CHECK(strstr(err, "schema_registry.url") != NULL);
	CHECK(strstr(err, "hunter2") == NULL);
	if (strstr(err, "hunter2"))
		fprintf(stderr, "  leaked: %s\n", err);
	config_free(&cfg);
	unlink(path);
}

/* --- results against the stand-in */

static void register_ok_posts_the_schema_and_returns_the_id(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[512] = "";
	int32_t id = -1;
	json_t *body;

	srv_answer(200, "{\"id\":7}");
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "news/events value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_OK);
	CHECK_INT(id, 7);
	CHECK_STR(srv.method, "POST");
	/* The subject is one path segment: '/' and ' ' are escaped. */
	CHECK_STR(srv.url, "/subjects/news%2Fevents%20value/versions");
	CHECK_STR(srv.content_type, "application/vnd.schemaregistry.v1+json");
	CHECK(strstr(srv.accept, "application/vnd.schemaregistry.v1+json") != NULL);
	CHECK_STR(srv.auth, "");
	body = json_loads(srv.upload, 0, NULL);
	CHECK(body && json_is_string(json_object_get(body, "schema")));
	if (body)
		CHECK_STR(json_string_value(json_object_get(body, "schema")), SCHEMA);
	json_decref(body);
	schema_registry_close(r);
}

static void register_sends_basic_auth_when_a_username_is_set(void)
{
	struct schema_registry *r = client("conflictd", "open sesame", 5000);
	char err[512] = "";
	int32_t id = -1;

	srv_answer(200, "{\"id\":1}");
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)), SCHEMA_REGISTRY_OK);
	/* base64("conflictd:open sesame") */
	CHECK_STR(srv.auth, "Basic Y29uZmxpY3RkOm9wZW4gc2VzYW1l");
	schema_registry_close(r);
}

static void register_409_is_rejected_with_the_registrys_message(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "";
	int32_t id = -1;

	srv_answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an "
	                "earlier schema for subject \\\"t-value\\\"\"}");
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_REJECTED);
	CHECK_INT(id, -1);
	CHECK(strstr(err, "HTTP 409") != NULL);
	CHECK(strstr(err, "\"Schema being registered is incompatible with an earlier schema for subject "
	                  "'t-value'\" (error_code 409)") != NULL);
	CHECK(strstr(err, "POST /subjects/t-value/versions") != NULL);
	schema_registry_close(r);
}

static void register_422_invalid_schema_is_rejected(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "";
	int32_t id;

	srv_answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_REJECTED);
	CHECK(strstr(err, "\"Invalid schema\" (error_code 42201)") != NULL);
	schema_registry_close(r);
}

static void register_5xx_and_429_are_unavailable(void)
{
	const unsigned codes[] = {500, 502, 503, 504, 429, 408};
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024];
	int32_t id;

	if (!r)
		return;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		srv_answer(codes[i],
		           "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
		CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
		          SCHEMA_REGISTRY_UNAVAILABLE);
	}
	schema_registry_close(r);
}

static void register_401_is_an_error_naming_authentication(void)
{
	struct schema_registry *r = client("conflictd", "wrong", 5000);
	char err[1024] = "";
	int32_t id;

	srv_answer(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_ERROR);
	CHECK(strstr(err, "HTTP 401: authentication failed (username \"conflictd\")") != NULL);
	CHECK(strstr(err, "wrong") == NULL);
	srv_answer(403, "");
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_ERROR);
	CHECK(strstr(err, "HTTP 403: authentication failed") != NULL);
	schema_registry_close(r);
}

static void register_2xx_without_an_id_is_malformed(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "";
	int32_t id = -1;

	if (!r)
		return;
	srv_answer(200, "<html>proxy login</html>");
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_ERROR);
	CHECK(strstr(err, "malformed response") != NULL);
	CHECK(strstr(err, "<html>proxy login</html>") != NULL);
	srv_answer(200, "{\"id\":-3}");
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_ERROR);
	srv_answer(200, "{\"id\":4294967296}");
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_ERROR);
	CHECK_INT(id, -1);
	schema_registry_close(r);
}

static void response_over_one_mib_is_refused(void)
{
	struct schema_registry *r = client(NULL, NULL, 10000);
	size_t n = 1024 * 1024 + 100;
	char *big = malloc(n + 1), err[1024] = "";
	int32_t id;

	if (!r || !big) {
		CHECK(!"setup");
		free(big);
		schema_registry_close(r);
		return;
	}
	memset(big, ' ', n);
	memcpy(big, "{\"id\":1", 7);
	big[n - 1] = '}';
	big[n] = '\0';
	srv_answer(200, big);
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_ERROR);
	CHECK(strstr(err, "response larger than 1048576 bytes") != NULL);
	srv_answer(200, "{\"id\":1}");
	free(big);
	schema_registry_close(r);
}

static void registry_message_is_quoted_as_one_bounded_line(void)
{
	static char body[2048];
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[2048] = "", *q;
	int32_t id;
	int n = snprintf(body, sizeof(body), "{\"error_code\":409,\"message\":\"line one\\nline\\ttwo\\r\\n");

	for (int i = 0; i < 60; i++)
		n += snprintf(body + n, sizeof(body) - (size_t)n, "%s", "word ");
	snprintf(body + n, sizeof(body) - (size_t)n, "\"}");
	srv_answer(409, body);
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_REJECTED);
	CHECK(strchr(err, '\n') == NULL && strchr(err, '\r') == NULL && strchr(err, '\t') == NULL);
	CHECK(strstr(err, "\"line one line two word word") != NULL);
	q = strstr(err, ": \"line one");
	/* The quote is cut at 300 bytes and says so. */
	CHECK(q && strstr(q, "...\"") != NULL && strlen(q) < 300 + 40);
	schema_registry_close(r);
}

static void get_by_id_returns_the_schema_text_and_404_is_not_found(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "", *text = NULL;

	if (!r)
		return;
	srv_answer(200, "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}");
	CHECK_INT(schema_registry_get_by_id(r, 12, &text, err, sizeof(err)), SCHEMA_REGISTRY_OK);
	CHECK_STR(srv.method, "GET");
	CHECK_STR(srv.url, "/schemas/ids/12");
	CHECK_STR(text, "{\"type\":\"string\"}");
	free(text);
	text = (char *)1;
	srv_answer(404, "{\"error_code\":40403,\"message\":\"Schema 13 not found\"}");
	CHECK_INT(schema_registry_get_by_id(r, 13, &text, err, sizeof(err)), SCHEMA_REGISTRY_NOT_FOUND);
	CHECK(text == NULL);
	CHECK(strstr(err, "\"Schema 13 not found\" (error_code 40403)") != NULL);
	schema_registry_close(r);
}

/* A port nothing listens on: bind one, note it, close it. */
static int closed_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static void connection_refused_is_unavailable(void)
{
	char url[64], err[1024] = "";
	struct schema_registry_opts o = {.url = url, .timeout_ms = 2000};
	struct schema_registry *r = NULL;
	int32_t id;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", closed_port());
	CHECK_INT(schema_registry_open(&r, &o, err, sizeof(err)), 0);
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_UNAVAILABLE);
	CHECK(strstr(err, url) != NULL);
	schema_registry_close(r);
}

/* A peer that accepts the connection (backlog) but never answers. */
/* A registry that accepts connections and never answers: a listening
 * socket nobody reads (the kernel completes the handshake).  Its fd, or -1
 * (a failed CHECK); url gets its address. */
static int silent_registry(char *url, size_t size)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 4) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		CHECK(!"listen");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(url, size, "http://127.0.0.1:%d", ntohs(a.sin_port));
	return fd;
}

static void silent_registry_times_out_as_unavailable(void)
{
	char url[64], err[1024] = "";
	struct schema_registry_opts o = {.url = url, .timeout_ms = 300};
	struct schema_registry *r = NULL;
	long long t0;
	int32_t id;
	int fd = silent_registry(url, sizeof(url));

	if (fd < 0)
		return;
	CHECK_INT(schema_registry_open(&r, &o, err, sizeof(err)), 0);
	t0 = now_ms();
	if (r)
		CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
		          SCHEMA_REGISTRY_UNAVAILABLE);
	CHECK(now_ms() - t0 < 3000);
	CHECK(strstr(err, "imeout") != NULL || strstr(err, "timed out") != NULL);
	schema_registry_close(r);
	close(fd);
}

/* schema_registry_set_stop(): a raised flag ends a request to a silent
 * registry long before its timeout, and register_retry() leaves it set. */
static void stop_flag_aborts_a_request_to_a_silent_registry(void)
{
	char url[64], err[1024] = "", *json = NULL;
	struct schema_registry_opts o = {.url = url, .timeout_ms = 8000};
	struct schema_registry *r = NULL;
	volatile int stop = 1;
	long long t0;
	int fd = silent_registry(url, sizeof(url));

	if (fd < 0)
		return;
	CHECK_INT(schema_registry_open(&r, &o, err, sizeof(err)), 0);
	if (!r) {
		close(fd);
		return;
	}
	schema_registry_set_stop(r, &stop);
	t0 = now_ms();
	CHECK_INT(schema_registry_get_by_id(r, 3, &json, err, sizeof(err)), SCHEMA_REGISTRY_UNAVAILABLE);
	CHECK(now_ms() - t0 < 3000);
	CHECK(strstr(err, "interrupted by a stop request") != NULL);
	CHECK(json == NULL);
	/* register_retry() with a stop of its own puts the set one back. */
	volatile int own = 1;
	int32_t id;
	t0 = now_ms();
	CHECK_INT(schema_registry_register_retry(r, "t-value", SCHEMA, 5000, &own, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_UNAVAILABLE);
	CHECK(now_ms() - t0 < 3000);
	t0 = now_ms();
	CHECK_INT(schema_registry_get_by_id(r, 3, &json, err, sizeof(err)), SCHEMA_REGISTRY_UNAVAILABLE);
	CHECK(now_ms() - t0 < 3000);
	schema_registry_close(r);
	close(fd);
}

static void credentials_in_the_url_stay_out_of_messages(void)
{
	char url[96], err[1024] = "";
	struct schema_registry_opts o = {.url = url, .timeout_ms = 2000};
	struct schema_registry *r = NULL;
	int32_t id;

	snprintf(url, sizeof(url), "http://ops:hunter2@127.0.0.1:%d", srv.port);
	srv_answer(500, "{\"error_code\":50001,\"message\":\"store down\"}");
	CHECK_INT(schema_registry_open(&r, &o, err, sizeof(err)), 0);
	if (!r)
		return;
	CHECK_INT(schema_registry_register(r, "t-value", SCHEMA, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_UNAVAILABLE);
	CHECK(strstr(err, "hunter2") == NULL);
	CHECK(strstr(err, "store down") != NULL);
	schema_registry_close(r);
}

/* --- retries */

static void retry_recovers_after_503s_with_backoff(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "";
	int32_t id = -1;
	long long t0, took;

	srv_answer(200, "{\"id\":21}");
	srv.fail_first = 2;
	if (!r)
		return;
	t0 = now_ms();
	CHECK_INT(schema_registry_register_retry(r, "t-value", SCHEMA, 20000, NULL, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_OK);
	took = now_ms() - t0;
	CHECK_INT(id, 21);
	CHECK_INT(srv.calls, 3);
	/* Waits of 125-250 ms then 250-500 ms (250 ms doubling, half of it jitter). */
	CHECK(took >= 370 && took < 5000);
	schema_registry_close(r);
}

static void retry_gives_up_when_the_total_timeout_has_passed(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "";
	int32_t id;
	long long t0, took;

	srv_answer(503, "{\"error_code\":50301,\"message\":\"down for maintenance\"}");
	if (!r)
		return;
	t0 = now_ms();
	CHECK_INT(schema_registry_register_retry(r, "t-value", SCHEMA, 700, NULL, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_UNAVAILABLE);
	took = now_ms() - t0;
	CHECK(took >= 650 && took < 3000);
	CHECK(srv.calls >= 2);
	CHECK(strstr(err, "down for maintenance") != NULL);
	/* 0: a single attempt. */
	srv_answer(503, "{}");
	CHECK_INT(schema_registry_register_retry(r, "t-value", SCHEMA, 0, NULL, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_UNAVAILABLE);
	CHECK_INT(srv.calls, 1);
	schema_registry_close(r);
}

static void retry_returns_at_once_on_rejection(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "";
	int32_t id;

	srv_answer(409, "{\"error_code\":409,\"message\":\"incompatible\"}");
	if (!r)
		return;
	CHECK_INT(schema_registry_register_retry(r, "t-value", SCHEMA, 20000, NULL, &id, err, sizeof(err)),
	          SCHEMA_REGISTRY_REJECTED);
	CHECK_INT(srv.calls, 1);
	schema_registry_close(r);
}

static volatile int stop_flag;

static void *raise_stop_later(void *arg)
{
	(void)arg;
	usleep(300 * 1000);
	stop_flag = 1;
	return NULL;
}

static void retry_stops_waiting_when_the_stop_flag_rises(void)
{
	struct schema_registry *r = client(NULL, NULL, 5000);
	char err[1024] = "";
	int32_t id;
	long long t0, took;
	pthread_t t;

	srv_answer(503, "{}");
	if (!r)
		return;
	stop_flag = 0;
	t0 = now_ms();
	if (pthread_create(&t, NULL, raise_stop_later, NULL) != 0) {
		CHECK(!"pthread_create");
		schema_registry_close(r);
		return;
	}
	CHECK_INT(
	    schema_registry_register_retry(r, "t-value", SCHEMA, 60000, &stop_flag, &id, err, sizeof(err)),
	    SCHEMA_REGISTRY_UNAVAILABLE);
	took = now_ms() - t0;
	pthread_join(t, NULL);
	CHECK(took >= 250 && took < 1500);
	schema_registry_close(r);
}

static void result_names_are_distinct(void)
{
	CHECK_STR(schema_registry_result_name(SCHEMA_REGISTRY_OK), "ok");
	CHECK_STR(schema_registry_result_name(SCHEMA_REGISTRY_UNAVAILABLE), "unavailable");
	CHECK_STR(schema_registry_result_name(SCHEMA_REGISTRY_REJECTED), "rejected");
	CHECK_STR(schema_registry_result_name(SCHEMA_REGISTRY_NOT_FOUND), "not found");
	CHECK_STR(schema_registry_result_name(SCHEMA_REGISTRY_ERROR), "error");
}

int main(void)
{
	RUN(subject_topic_strategy_is_topic_dash_value);
	RUN(subject_record_strategy_is_the_full_record_name);
	RUN(subject_unknown_strategy_or_small_buffer_fails);
	RUN(open_refuses_urls_that_are_not_http);
	RUN(open_keeps_a_path_prefix_and_hides_credentials);
	RUN(refused_url_messages_hide_the_password);
	RUN(config_error_for_a_bad_registry_url_hides_the_password);
	RUN(result_names_are_distinct);
	RUN(connection_refused_is_unavailable);
	RUN(silent_registry_times_out_as_unavailable);
	RUN(stop_flag_aborts_a_request_to_a_silent_registry);
	if (srv_start() < 0) {
		fprintf(stderr, "cannot start the HTTP stand-in\n");
		test_failed++;
		TEST_DONE();
	}
	RUN(register_ok_posts_the_schema_and_returns_the_id);
	RUN(register_sends_basic_auth_when_a_username_is_set);
	RUN(register_409_is_rejected_with_the_registrys_message);
	RUN(register_422_invalid_schema_is_rejected);
	RUN(register_5xx_and_429_are_unavailable);
	RUN(register_401_is_an_error_naming_authentication);
	RUN(register_2xx_without_an_id_is_malformed);
	RUN(response_over_one_mib_is_refused);
	RUN(registry_message_is_quoted_as_one_bounded_line);
	RUN(get_by_id_returns_the_schema_text_and_404_is_not_found);
	RUN(credentials_in_the_url_stay_out_of_messages);
	RUN(retry_recovers_after_503s_with_backoff);
	RUN(retry_gives_up_when_the_total_timeout_has_passed);
	RUN(retry_returns_at_once_on_rejection);
	RUN(retry_stops_waiting_when_the_stop_flag_rises);
	MHD_stop_daemon(srv.d);
	TEST_DONE();
}
