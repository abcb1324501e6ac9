/* test_config.c - defaults, the shipped file, and one exact message per bad file. */
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "config.h"
#include "extract/extract.h"
#include "test.h"

#define FIX "tests/data/config/"

static int str_eq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Every field but path; the pass-through lists element by element. */
static int config_same(const struct config *a, const struct config *b)
{
	int same =
	    str_eq(a->kafka.brokers, b->kafka.brokers) &&
	    a->kafka.embedded_brokers == b->kafka.embedded_brokers &&
	    a->kafka.embedded_partitions == b->kafka.embedded_partitions &&
	    str_eq(a->kafka.embedded_bootstrap_file, b->kafka.embedded_bootstrap_file) &&
	    str_eq(a->kafka.group_id, b->kafka.group_id) && str_eq(a->kafka.client_id, b->kafka.client_id) &&
	    str_eq(a->kafka.group_instance_id, b->kafka.group_instance_id) &&
	    str_eq(a->kafka.input_topic, b->kafka.input_topic) &&
	    str_eq(a->kafka.output_topic, b->kafka.output_topic) &&
	    str_eq(a->kafka.dlq_topic, b->kafka.dlq_topic) && a->kafka.delivery == b->kafka.delivery &&
	    a->kafka.shutdown_timeout_ms == b->kafka.shutdown_timeout_ms &&
	    a->kafka.max_in_flight == b->kafka.max_in_flight && a->kafka.n_consumer == b->kafka.n_consumer &&
	    a->kafka.n_producer == b->kafka.n_producer && str_eq(a->extract.data_dir, b->extract.data_dir) &&
	    a->extract.emit_tallies == b->extract.emit_tallies &&
	    a->extract.min_confidence == b->extract.min_confidence &&
	    a->extract.max_events == b->extract.max_events &&
	    a->extract.max_article_bytes == b->extract.max_article_bytes &&
	    a->output.framing == b->output.framing && a->output.schema_id == b->output.schema_id &&
	    str_eq(a->output.schema_path, b->output.schema_path) &&
	    str_eq(a->output.schema_registry.url, b->output.schema_registry.url) &&
	    str_eq(a->output.schema_registry.subject_strategy, b->output.schema_registry.subject_strategy) &&
	    str_eq(a->output.schema_registry.username, b->output.schema_registry.username) &&
	    str_eq(a->output.schema_registry.password, b->output.schema_registry.password) &&
	    str_eq(a->output.schema_registry.ca_location, b->output.schema_registry.ca_location) &&
	    str_eq(a->output.schema_registry.cert_location, b->output.schema_registry.cert_location) &&
	    str_eq(a->output.schema_registry.key_location, b->output.schema_registry.key_location) &&
	    a->output.schema_registry.timeout_ms == b->output.schema_registry.timeout_ms &&
	    a->output.schema_registry.startup_timeout_ms == b->output.schema_registry.startup_timeout_ms &&
	    str_eq(a->metrics.listen, b->metrics.listen) && str_eq(a->log.level, b->log.level) &&
	    str_eq(a->log.format, b->log.format);

	for (size_t i = 0; same && i < a->kafka.n_consumer; i++)
		same = str_eq(a->kafka.consumer[i].key, b->kafka.consumer[i].key) &&
		       str_eq(a->kafka.consumer[i].value, b->kafka.consumer[i].value);
	for (size_t i = 0; same && i < a->kafka.n_producer; i++)
		same = str_eq(a->kafka.producer[i].key, b->kafka.producer[i].key) &&
		       str_eq(a->kafka.producer[i].value, b->kafka.producer[i].value);
	return same;
}

static const char *kv_get(const struct config_kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value;
	return NULL;
}

static void config_defaults_are_documented_values(void)
{
	struct config c;

	config_defaults(&c);
	CHECK_STR(c.kafka.brokers, "localhost:9092");
	CHECK_INT(c.kafka.embedded_brokers, 1);
	CHECK_INT(c.kafka.embedded_partitions, 4);
	CHECK(c.kafka.embedded_bootstrap_file == NULL);
	CHECK_STR(c.kafka.group_id, "conflictd");
	CHECK_STR(c.kafka.client_id, "conflictd");
	CHECK(c.kafka.group_instance_id == NULL);
	CHECK_STR(c.kafka.input_topic, "articles");
	CHECK_STR(c.kafka.output_topic, "conflict-events");
	CHECK_STR(c.kafka.dlq_topic, "articles-dlq");
	CHECK_INT(c.kafka.delivery, DELIVERY_AT_LEAST_ONCE);
	CHECK_INT(c.kafka.shutdown_timeout_ms, 30000);
	CHECK_INT(c.kafka.max_in_flight, 1000);
	CHECK_INT(c.kafka.n_consumer, 0);
	CHECK_INT(c.kafka.n_producer, 0);
	CHECK(c.extract.emit_tallies);
	CHECK_NEAR(c.extract.min_confidence, 0.0, 0.0);
	CHECK_INT(c.extract.max_events, EXTRACT_MAX_EVENTS);
	CHECK_INT(c.extract.max_article_bytes, ARTICLE_DEFAULT_MAX_BYTES);
	CHECK_INT(c.output.framing, AVRO_FRAMING_SINGLE_OBJECT);
	CHECK_INT(c.output.schema_id, -1);
	CHECK(c.output.schema_registry.url == NULL);
	CHECK(!config_registry_enabled(&c));
	CHECK_STR(c.output.schema_registry.subject_strategy, "topic");
	CHECK(c.output.schema_registry.username == NULL);
	CHECK(c.output.schema_registry.password == NULL);
	CHECK(c.output.schema_registry.ca_location == NULL);
	CHECK(c.output.schema_registry.cert_location == NULL);
	CHECK(c.output.schema_registry.key_location == NULL);
	CHECK_INT(c.output.schema_registry.timeout_ms, 10000);
	CHECK_INT(c.output.schema_registry.startup_timeout_ms, 60000);
	CHECK_STR(c.metrics.listen, "127.0.0.1:9108");
	CHECK_STR(c.log.level, "info");
	CHECK_STR(c.log.format, "auto");
	/* Installed paths win only when installed; this machine may have them. */
	CHECK(c.extract.data_dir && (strcmp(c.extract.data_dir, "data") == 0 ||
	                             strcmp(c.extract.data_dir, CONFLICTD_INSTALL_DATADIR "/data") == 0));
	CHECK(c.output.schema_path &&
	      (strcmp(c.output.schema_path, "schemas/conflict_event.avsc") == 0 ||
	       strcmp(c.output.schema_path, CONFLICTD_INSTALL_DATADIR "/schemas/conflict_event.avsc") == 0));
	config_free(&c);
	CHECK(c.kafka.brokers == NULL);
}

static void config_shipped_file_loads_with_exactly_the_defaults(void)
{
	struct config c, d;
	char err[512] = "";

	config_defaults(&c);
	config_defaults(&d);
	CHECK_INT(config_load(&c, "conf/conflictd.conf", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_STR(c.path, "conf/conflictd.conf");
	CHECK(config_same(&c, &d));
	config_free(&c);
	config_free(&d);
}

static void config_every_shipped_file_loads(void)
{
	glob_t g;
	int n = 0;

	if (glob("conf/*.conf", 0, NULL, &g) != 0) {
		CHECK(!"no conf/*.conf found");
		return;
	}
	for (size_t i = 0; i < g.gl_pathc; i++, n++) {
		struct config c;
		char err[512] = "";

		config_defaults(&c);
		if (config_load(&c, g.gl_pathv[i], err, sizeof(err)) != 0) {
			fprintf(stderr, "  %s\n", err);
			test_current_failed = 1;
		}
		config_free(&c);
	}
	globfree(&g);
	CHECK(n >= 1);
}

/* Copy the shipped file to a temporary one, uncommenting its "# name =
 * value;" example lines: those inside the output.schema_registry group when
 * registry is set, the others when not (a registry url and an explicit
 * schema_id or single-object framing exclude each other, so the two sets are
 * tried apart).  Returns the number uncommented, or -1. */
static int uncomment_examples(char *path, int registry)
{
	FILE *in = fopen("conf/conflictd.conf", "r"), *out;
	char line[512];
	int fd = mkstemps(path, 5), examples = 0, in_registry = 0;

	if (!in || fd < 0 || !(out = fdopen(fd, "w"))) {
		if (in)
			fclose(in);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (fgets(line, sizeof(line), in)) {
		char *p = line + strspn(line, " ");
		size_t n = strlen(p);

		if (strncmp(p, "schema_registry = {", 19) == 0)
			in_registry = 1;
		else if (in_registry && strncmp(p, "};", 2) == 0)
			in_registry = 0;
		/* "# name = value;" but not prose that happens to contain '=' */
		if (in_registry == registry && p[0] == '#' && p[1] == ' ' && p[2] >= 'a' && p[2] <= 'z' &&
		    strstr(p, " = ") && n > 2 && p[n - 2] == ';' &&
		    strspn(p + 2, "abcdefghijklmnopqrstuvwxyz_") == (size_t)(strstr(p, " = ") - p - 2)) {
			p[0] = ' ';
			examples++;
		}
		fputs(line, out);
	}
	fclose(in);
	fclose(out);
	return examples;
}

/* The shipped file shows optional settings as "# name = value;" lines.
 * Uncommented, each must still be a known setting with a valid value. */
static void config_commented_examples_in_shipped_file_are_valid(void)
{
	char path[] = "/tmp/test_config_XXXXXX.conf", err[512] = "";
	int examples = uncomment_examples(path, 0);
	struct config c;

	if (examples < 0) {
		CHECK(!"cannot open conf/conflictd.conf or a temporary file");
		return;
	}
	config_defaults(&c);
	CHECK_INT(config_load(&c, path, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	/* group_instance_id, embedded_bootstrap_file, data_dir, framing, schema_id, schema_path and 4
	 * librdkafka examples */
	CHECK(examples >= 10);
	CHECK(c.kafka.group_instance_id != NULL);
	CHECK_INT(c.kafka.n_consumer, 2);
	CHECK_INT(c.kafka.n_producer, 2);
	CHECK(!config_registry_enabled(&c));
	config_free(&c);
	unlink(path);
}

static void config_commented_registry_examples_in_shipped_file_are_valid(void)
{
	char path[] = "/tmp/test_config_XXXXXX.conf", err[512] = "";
	int examples = uncomment_examples(path, 1);
	struct config c;

	if (examples < 0) {
		CHECK(!"cannot open conf/conflictd.conf or a temporary file");
		return;
	}
	config_defaults(&c);
	CHECK_INT(config_load(&c, path, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	/* url, username, password, ca_location, cert_location, key_location */
	CHECK_INT(examples, 6);
	CHECK(config_registry_enabled(&c));
	CHECK_INT(c.output.framing, AVRO_FRAMING_CONFLUENT);
	CHECK_STR(c.output.schema_registry.username, "conflictd");
	CHECK_STR(c.output.schema_registry.key_location, "/etc/conflictd/registry-client.key");
	config_free(&c);
	unlink(path);
}

/* Write text to a temporary .conf file named in path (a mkstemps template). */
static int write_conf(char *path, const char *text)
{
	int fd = mkstemps(path, 5);
	FILE *f;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return -1;
	}
	fputs(text, f);
	fclose(f);
	return 0;
}

static void config_registry_group_sets_every_setting(void)
{
	char path[] = "/tmp/test_config_XXXXXX.conf", err[512] = "", want[PATH_MAX + 32];
	const char *slash;
	struct config c;

	if (write_conf(path, "output = {\n"
	                     "  schema_registry = {\n"
	                     "    url = \"https://registry.example.org:8081/sr/\";\n"
	                     "    subject_strategy = \"topic-record\";\n"
	                     "    username = \"conflictd\";\n"
	                     "    password = \"s3cret\";\n"
	                     "    ca_location = \"ca.pem\";\n"
	                     "    cert_location = \"/etc/conflictd/client.pem\";\n"
	                     "    key_location = \"/etc/conflictd/client.key\";\n"
	                     "    timeout_ms = 2500;\n"
	                     "    startup_timeout_ms = 0;\n"
	                     "  };\n"
	                     "};\n") < 0) {
		CHECK(!"cannot write a temporary file");
		return;
	}
	config_defaults(&c);
	CHECK_INT(config_load(&c, path, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK(config_registry_enabled(&c));
	CHECK_STR(c.output.schema_registry.url, "https://registry.example.org:8081/sr/");
	CHECK_STR(c.output.schema_registry.subject_strategy, "topic-record");
	CHECK_STR(c.output.schema_registry.username, "conflictd");
	CHECK_STR(c.output.schema_registry.password, "s3cret");
	/* A relative path follows the file, like every other path setting. */
	slash = strrchr(path, '/');
	snprintf(want, sizeof(want), "%.*sca.pem", (int)(slash - path + 1), path);
	CHECK_STR(c.output.schema_registry.ca_location, want);
	CHECK_STR(c.output.schema_registry.cert_location, "/etc/conflictd/client.pem");
	CHECK_STR(c.output.schema_registry.key_location, "/etc/conflictd/client.key");
	CHECK_INT(c.output.schema_registry.timeout_ms, 2500);
	CHECK_INT(c.output.schema_registry.startup_timeout_ms, 0);
	/* The registry's id travels in Confluent framing; it is not known yet. */
	CHECK_INT(c.output.framing, AVRO_FRAMING_CONFLUENT);
	CHECK_INT(c.output.schema_id, -1);
	config_free(&c);
	unlink(path);
}

static void config_registry_with_explicit_confluent_framing_is_accepted(void)
{
	char path[] = "/tmp/test_config_XXXXXX.conf", err[512] = "";
	struct config c;

	if (write_conf(path, "output = {\n  framing = \"confluent\";\n"
	                     "  schema_registry = { url = \"http://127.0.0.1:8081\"; };\n};\n") < 0) {
		CHECK(!"cannot write a temporary file");
		return;
	}
	config_defaults(&c);
	CHECK_INT(config_load(&c, path, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(c.output.framing, AVRO_FRAMING_CONFLUENT);
	config_free(&c);
	unlink(path);
}

/* An empty url is no registry: Confluent framing then needs a schema_id again. */
static void config_registry_empty_url_is_off(void)
{
	char path[] = "/tmp/test_config_XXXXXX.conf", err[512] = "", want[600];
	struct config c;

	if (write_conf(path, "output = {\n  framing = \"confluent\";\n"
	                     "  schema_registry = { url = \"\"; };\n};\n") < 0) {
		CHECK(!"cannot write a temporary file");
		return;
	}
	config_defaults(&c);
	CHECK_INT(config_load(&c, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:2: output.schema_id: required when output.framing is \"confluent\"",
	         path);
	CHECK_STR(err, want);
	CHECK(!config_registry_enabled(&c));
	config_free(&c);
	unlink(path);
}

struct registry_bad_case {
	const char *text;
	const char *message; /* after "<file>:" */
};

static const struct registry_bad_case registry_bad_cases[] = {
    {"output = {\n  schema_id = 7;\n  schema_registry = { url = \"http://r:8081\"; };\n};\n",
     "2: output.schema_id: must not be set with output.schema_registry.url (the registry assigns the id)"},
    {"output = {\n  schema_registry = {\n    url = \"http://r:8081\";\n  };\n  framing = "
     "\"single-object\";\n};\n",
     "5: output.framing: must be \"confluent\" (or left out) with output.schema_registry.url"},
    {"output = {\n  schema_registry = {\n    url = \"ftp://r:8081\";\n  };\n};\n",
     "3: output.schema_registry.url: expected \"http://host:port\" or \"https://host:port\" (or \"\" for no "
     "registry), got \"ftp://r:8081\""},
    {"output = {\n  schema_registry = {\n    url = \"http://\";\n  };\n};\n",
     "3: output.schema_registry.url: expected \"http://host:port\" or \"https://host:port\" (or \"\" for no "
     "registry), got \"http://\""},
    {"output = {\n  schema_registry = {\n    url = \"http://r:8081\";\n    subject_strategy = "
     "\"TopicNameStrategy\";\n  };\n};\n",
     "4: output.schema_registry.subject_strategy: expected \"topic\", \"record\" or \"topic-record\", got "
     "\"TopicNameStrategy\""},
    {"output = {\n  schema_registry = {\n    usernme = \"x\";\n  };\n};\n",
     "3: output.schema_registry.usernme: unknown setting (did you mean output.schema_registry.username?)"},
    {"output = {\n  schema_registy = {\n    url = \"http://r:8081\";\n  };\n};\n",
     "2: output.schema_registy: unknown setting (did you mean output.schema_registry?)"},
    {"output = {\n  schema_registry = \"http://r:8081\";\n};\n",
     "2: output.schema_registry: expected a group, got a string"},
    {"output = {\n  schema_registry = {\n    timeout_ms = 0;\n  };\n};\n",
     "3: output.schema_registry.timeout_ms: 0 is out of range 100..600000"},
    {"output = {\n  schema_registry = {\n    startup_timeout_ms = -5;\n  };\n};\n",
     "3: output.schema_registry.startup_timeout_ms: -5 is out of range 0..2147483647"},
    {"output = {\n  schema_registry = {\n    url = \"https://r:8081\";\n    key_location = "
     "\"/k.pem\";\n  };\n};\n",
     "4: output.schema_registry.key_location: needs output.schema_registry.cert_location (the client "
     "certificate)"},
    {"output = {\n  schema_registry = {\n    url = \"https://r:8081\";\n    password = \"pw\";\n  };\n};\n",
     "4: output.schema_registry.password: needs output.schema_registry.username"},
    {"output = {\n  schema_registry = {\n    url = \"https://r:8081\";\n    username = \"svc:conflictd\";\n  "
     "};\n};\n",
     "4: output.schema_registry.username: must not contain ':' (basic authentication separates it from the "
     "password with one)"},
    {"output = {\n  schema_registry = {\n    username = \"\";\n  };\n};\n",
     "3: output.schema_registry.username: must not be empty"},
};

static void config_registry_bad_settings_give_file_line_setting_message(void)
{
	for (size_t i = 0; i < sizeof(registry_bad_cases) / sizeof(registry_bad_cases[0]); i++) {
		char path[] = "/tmp/test_config_XXXXXX.conf", err[512] = "", want[600];
		struct config c;

		if (write_conf(path, registry_bad_cases[i].text) < 0) {
			CHECK(!"cannot write a temporary file");
			return;
		}
		snprintf(want, sizeof(want), "%s:%s", path, registry_bad_cases[i].message);
		config_defaults(&c);
		CHECK_INT(config_load(&c, path, err, sizeof(err)), -1);
		CHECK_STR(err, want);
		config_free(&c);
		unlink(path);
	}
}

/* Write text to a new file at path (overwritten); 0 on success. */
static int write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	size_t n;

	if (!f)
		return -1;
	n = fwrite(text, 1, len, f);
	return fclose(f) == 0 && n == len ? 0 : -1;
}

/* Load a config naming password_file = "<file>" (after a url and a
 * username); returns config_load's result, the message in err. */
static int load_with_password_file(struct config *c, const char *file, const char *extra, char *err,
                                   size_t errlen, char *conf_path)
{
	char text[PATH_MAX + 512];
	int r;

	snprintf(text, sizeof(text),
	         "output = {\n  schema_registry = {\n    url = \"https://r:8081\";\n    username = \"svc\";\n"
	         "    password_file = \"%s\";\n%s  };\n};\n",
	         file, extra);
	if (write_conf(conf_path, text) < 0)
		return -2;
	config_defaults(c);
	r = config_load(c, conf_path, err, errlen);
	return r;
}

static void config_registry_password_file_is_read_without_its_line_end(void)
{
	char dir[] = "/tmp/test_config_secret_XXXXXX", secret[PATH_MAX], conf[] = "/tmp/test_config_XXXXXX.conf";
	char err[512] = "";
	struct config c;

	if (!mkdtemp(dir)) {
		CHECK(!"cannot make a temporary directory");
		return;
	}
	snprintf(secret, sizeof(secret), "%s/registry-password", dir);
	CHECK_INT(write_file(secret, "s3cr=t pw\r\n", 11), 0);
	CHECK_INT(load_with_password_file(&c, secret, "", err, sizeof(err), conf), 0);
	CHECK_STR(err, "");
	CHECK_STR(c.output.schema_registry.password, "s3cr=t pw");
	config_free(&c);
	unlink(conf);

	/* A file without a final newline is taken as it is. */
	CHECK_INT(write_file(secret, "no-newline", 10), 0);
	strcpy(conf, "/tmp/test_config_XXXXXX.conf");
	CHECK_INT(load_with_password_file(&c, secret, "", err, sizeof(err), conf), 0);
	CHECK_STR(c.output.schema_registry.password, "no-newline");
	config_free(&c);
	unlink(conf);
	unlink(secret);
	rmdir(dir);
}

/* systemd's LoadCredential= puts the file in $CREDENTIALS_DIRECTORY: a
 * relative password_file is looked up there when it is set, and beside the
 * config file otherwise. */
static void config_registry_relative_password_file_follows_credentials_directory(void)
{
	char dir[] = "/tmp/test_config_cred_XXXXXX", secret[PATH_MAX], conf[] = "/tmp/test_config_XXXXXX.conf";
	char beside[PATH_MAX], name[64], err[512] = "";
	const char *old = getenv("CREDENTIALS_DIRECTORY");
	char *saved = old ? strdup(old) : NULL;
	struct config c;

	if (!mkdtemp(dir)) {
		CHECK(!"cannot make a temporary directory");
		free(saved);
		return;
	}
	snprintf(name, sizeof(name), "conflictd-test-%ld-pw", (long)getpid());
	snprintf(secret, sizeof(secret), "%s/%s", dir, name);
	snprintf(beside, sizeof(beside), "/tmp/%s", name);
	CHECK_INT(write_file(secret, "from-credentials\n", 17), 0);
	CHECK_INT(write_file(beside, "beside-the-config\n", 18), 0);

	setenv("CREDENTIALS_DIRECTORY", dir, 1);
	CHECK_INT(load_with_password_file(&c, name, "", err, sizeof(err), conf), 0);
	CHECK_STR(err, "");
	CHECK_STR(c.output.schema_registry.password, "from-credentials");
	config_free(&c);
	unlink(conf);

	unsetenv("CREDENTIALS_DIRECTORY");
	strcpy(conf, "/tmp/test_config_XXXXXX.conf");
	CHECK_INT(load_with_password_file(&c, name, "", err, sizeof(err), conf), 0);
	CHECK_STR(err, "");
	CHECK_STR(c.output.schema_registry.password, "beside-the-config");
	config_free(&c);
	unlink(conf);

	if (saved)
		setenv("CREDENTIALS_DIRECTORY", saved, 1);
	free(saved);
	unlink(secret);
	unlink(beside);
	rmdir(dir);
}

static void config_registry_bad_password_file_names_file_line_setting_and_path(void)
{
	static const struct {
		const char *content; /* NULL: the file is not there */
		size_t len;
		const char *extra;
		const char *message; /* after "<conf>:", with %s for the secret's path */
	} cases[] = {
	    {NULL, 0, "", "5: output.schema_registry.password_file: cannot read %s: No such file or directory"},
	    {"", 0, "", "5: output.schema_registry.password_file: %s is empty"},
	    {"\n", 1, "", "5: output.schema_registry.password_file: %s is empty"},
	    {"first\nsecond\n", 13, "", "5: output.schema_registry.password_file: %s holds more than one line"},
	    {"a\0b\n", 4, "", "5: output.schema_registry.password_file: %s holds a NUL byte"},
	    {"pw\n", 3, "    password = \"pw\";\n",
	     "6: output.schema_registry.password: set password or password_file, not both"},
	};
	char dir[] = "/tmp/test_config_secret_XXXXXX", secret[PATH_MAX];
	char big[5000];

	if (!mkdtemp(dir)) {
		CHECK(!"cannot make a temporary directory");
		return;
	}
	snprintf(secret, sizeof(secret), "%s/pw", dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char conf[] = "/tmp/test_config_XXXXXX.conf", err[512] = "", want[2 * PATH_MAX], msg[PATH_MAX + 256];
		struct config c;

		unlink(secret);
		if (cases[i].content)
			CHECK_INT(write_file(secret, cases[i].content, cases[i].len), 0);
		CHECK_INT(load_with_password_file(&c, secret, cases[i].extra, err, sizeof(err), conf), -1);
		snprintf(msg, sizeof(msg), cases[i].message, secret);
		snprintf(want, sizeof(want), "%s:%s", conf, msg);
		CHECK_STR(err, want);
		config_free(&c);
		unlink(conf);
	}

	/* Bounded: a secret is a line, not a file of any size. */
	memset(big, 'x', sizeof(big));
	CHECK_INT(write_file(secret, big, sizeof(big)), 0);
	{
		char conf[] = "/tmp/test_config_XXXXXX.conf", err[512] = "", want[2 * PATH_MAX];
		struct config c;

		CHECK_INT(load_with_password_file(&c, secret, "", err, sizeof(err), conf), -1);
		snprintf(want, sizeof(want), "%s:5: output.schema_registry.password_file: %s is larger than 4096 bytes",
		         conf, secret);
		CHECK_STR(err, want);
		config_free(&c);
		unlink(conf);
	}
	unlink(secret);
	rmdir(dir);
}

static void config_empty_file_keeps_the_defaults(void)
{
	struct config c, d;
	char err[512] = "";

	config_defaults(&c);
	config_defaults(&d);
	CHECK_INT(config_load(&c, FIX "good_empty.conf", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK(config_same(&c, &d));
	config_free(&c);
	config_free(&d);
}

static void config_custom_file_sets_every_kind_of_value(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "good_custom.conf", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_STR(c.kafka.brokers, "kafka-1:9092,kafka-2:9092");
	CHECK_STR(c.kafka.group_id, "conflictd-eu");
	CHECK_STR(c.kafka.group_instance_id, "conflictd-eu-1");
	CHECK_STR(c.kafka.input_topic, "news.articles");
	CHECK_STR(c.kafka.output_topic, "news.conflict-events");
	CHECK_STR(c.kafka.dlq_topic, "news.articles.dlq");
	CHECK_INT(c.kafka.delivery, DELIVERY_EXACTLY_ONCE);
	CHECK_INT(c.kafka.shutdown_timeout_ms, 0);
	CHECK_INT(c.kafka.max_in_flight, 50);
	CHECK(!c.extract.emit_tallies);
	CHECK_NEAR(c.extract.min_confidence, 0.25, 1e-12);
	CHECK_INT(c.extract.max_events, 10);
	CHECK_INT(c.extract.max_article_bytes, 65536);
	CHECK_INT(c.output.framing, AVRO_FRAMING_CONFLUENT);
	CHECK_INT(c.output.schema_id, 42);
	CHECK_STR(c.metrics.listen, "");
	CHECK_STR(c.log.level, "debug");
	CHECK_STR(c.log.format, "json");
	config_free(&c);
}

static void config_passthrough_groups_become_librdkafka_properties(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "good_custom.conf", err, sizeof(err)), 0);
	CHECK_INT(c.kafka.n_consumer, 4);
	CHECK_STR(kv_get(c.kafka.consumer, c.kafka.n_consumer, "session.timeout.ms"), "6000");
	CHECK_STR(kv_get(c.kafka.consumer, c.kafka.n_consumer, "auto.offset.reset"), "earliest");
	CHECK_STR(kv_get(c.kafka.consumer, c.kafka.n_consumer, "enable.partition.eof"), "false");
	/* log_level is spelled with '_' by librdkafka itself. */
	CHECK_STR(kv_get(c.kafka.consumer, c.kafka.n_consumer, "log_level"), "6");
	CHECK_INT(c.kafka.n_producer, 2);
	CHECK_STR(kv_get(c.kafka.producer, c.kafka.n_producer, "compression.type"), "zstd");
	CHECK_STR(kv_get(c.kafka.producer, c.kafka.n_producer, "linger.ms"), "2.5");
	/* Properties keep the file's order, which is the order they are applied. */
	CHECK_STR(c.kafka.consumer[0].key, "session.timeout.ms");
	CHECK_STR(c.kafka.consumer[3].key, "log_level");
	config_free(&c);
}

/* A pass-through property librdkafka refuses is reported at its own line. */
static void config_passthrough_properties_remember_their_line(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "good_custom.conf", err, sizeof(err)), 0);
	CHECK_INT(c.kafka.consumer[0].line, 13); /* session_timeout_ms */
	CHECK_INT(c.kafka.consumer[3].line, 16); /* log_level */
	CHECK_INT(c.kafka.producer[1].line, 20); /* linger_ms */
	config_free(&c);
}

static void config_exactly_once_delivery_is_accepted(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "good_custom.conf", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(c.kafka.delivery, DELIVERY_EXACTLY_ONCE);
	config_free(&c);
}

static void config_passthrough_keeps_integers_beyond_32_bits(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "good_big_passthrough.conf", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_STR(kv_get(c.kafka.consumer, c.kafka.n_consumer, "message.max.bytes"), "99999999999");
	CHECK_STR(kv_get(c.kafka.consumer, c.kafka.n_consumer, "fetch.min.bytes"), "1");
	config_free(&c);
}

static void config_relative_paths_follow_the_file(void)
{
	struct config c;
	char err[512] = "";
	struct stat a, b;

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "good_custom.conf", err, sizeof(err)), 0);
	CHECK_STR(c.extract.data_dir, FIX "../../../data");
	/* ... which is the repository's data/ directory, whatever the spelling. */
	CHECK(stat(c.extract.data_dir, &a) == 0 && stat("data", &b) == 0 && a.st_ino == b.st_ino &&
	      a.st_dev == b.st_dev);
	/* Absolute paths are kept as written. */
	CHECK_STR(c.output.schema_path, "/opt/conflictd/conflict_event.avsc");
	config_free(&c);
}

static void config_loading_twice_replaces_values(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "good_custom.conf", err, sizeof(err)), 0);
	CHECK_INT(config_load(&c, FIX "good_custom.conf", err, sizeof(err)), 0);
	CHECK_INT(c.kafka.n_consumer, 4);
	CHECK_INT(config_load(&c, "conf/conflictd.conf", err, sizeof(err)), 0);
	CHECK_STR(c.kafka.brokers, "localhost:9092");
	CHECK_STR(c.path, "conf/conflictd.conf");
	/* The pass-through groups are empty in the shipped file, so they reset. */
	CHECK_INT(c.kafka.n_consumer, 0);
	config_free(&c);
}

static void config_missing_file_says_cannot_open(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "no_such.conf", err, sizeof(err)), -1);
	CHECK_STR(err, FIX "no_such.conf: cannot open: No such file or directory");
	CHECK_INT(config_load(&c, "tests/data/config", err, sizeof(err)), -1);
	CHECK_STR(err, "tests/data/config: cannot open: Is a directory");
	config_free(&c);
}

static void config_syntax_error_names_file_and_line(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "bad_syntax.conf", err, sizeof(err)), -1);
	/* The group opened on line 2 is still open when the file ends. */
	CHECK_STR(err, FIX "bad_syntax.conf:8: syntax error");
	config_free(&c);
}

struct bad_case {
	const char *file;
	const char *message; /* after "tests/data/config/<file>:" */
};

static const struct bad_case bad_cases[] = {
    /* 4294967297 wraps to 1 in libconfig 1.5: the written value is what counts. */
    {"bad_int_wraps.conf", "3: kafka.max_in_flight: 4294967297 is out of range 1..1000000"},
    {"bad_unknown_setting.conf", "3: kafka.brokerz: unknown setting (did you mean kafka.brokers?)"},
    {"bad_unknown_section.conf", "5: extractor: unknown setting (did you mean extract?)"},
    {"bad_section_not_group.conf", "1: kafka: expected a group, got a string"},
    {"bad_type_int.conf", "3: kafka.max_in_flight: expected an integer, got a string"},
    {"bad_type_bool.conf", "2: extract.emit_tallies: expected a boolean (true or false), got a string"},
    {"bad_negative_timeout.conf", "4: kafka.shutdown_timeout_ms: -1 is out of range 0..2147483647"},
    {"bad_empty_brokers.conf", "2: kafka.brokers: must not be empty"},
    {"bad_empty_topic.conf",
     "2: kafka.input_topic: \"\" is not a valid topic name (1-249 characters of a-z A-Z 0-9 . _ -)"},
    {"bad_topic_chars.conf", "2: kafka.output_topic: \"conflict events\" is not a valid topic name (1-249 "
                             "characters of a-z A-Z 0-9 . _ -)"},
    {"bad_same_topics.conf", "3: kafka.output_topic: must differ from kafka.input_topic (\"news\")"},
    {"bad_framing.conf", "2: output.framing: expected \"single-object\" or \"confluent\", got \"avro\""},
    {"bad_confluent_no_schema_id.conf", "3: output.schema_id: required when output.framing is \"confluent\""},
    {"bad_delivery.conf",
     "2: kafka.delivery: expected \"at-least-once\" or \"exactly-once\", got \"at-most-once\""},
    {"bad_log_level.conf",
     "3: log.level: expected \"debug\", \"info\", \"notice\", \"warning\" or \"error\", got \"verbose\""},
    {"bad_log_format.conf",
     "2: log.format: expected \"auto\", \"text\", \"journal\" or \"json\", got \"xml\""},
    {"bad_passthrough_group.conf",
     "4: kafka.consumer.sasl: expected a string, number or boolean, got a group"},
    {"bad_passthrough_not_group.conf", "2: kafka.consumer: expected a group, got a string"},
    {"bad_max_events.conf", "2: extract.max_events: 65 is out of range 1..64"},
    {"bad_min_confidence.conf", "2: extract.min_confidence: 1.5 is out of range 0..1"},
    {"bad_listen.conf", "2: metrics.listen: expected \"host:port\" or \"\" to disable, got \"9108\""},
};

static void config_each_bad_file_gives_file_line_setting_message(void)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct config c;
		char path[256], want[512], err[512] = "";

		snprintf(path, sizeof(path), FIX "%s", bad_cases[i].file);
		snprintf(want, sizeof(want), "%s:%s", path, bad_cases[i].message);
		config_defaults(&c);
		CHECK_INT(config_load(&c, path, err, sizeof(err)), -1);
		CHECK_STR(err, want);
		CHECK(strchr(err, '\n') == NULL);
		config_free(&c);
	}
}

static void config_include_errors_name_the_included_file(void)
{
	struct config c;
	char err[512] = "";

	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "bad_include.conf", err, sizeof(err)), -1);
	CHECK_STR(err, FIX "parts/bad_level.inc:2: log.level: expected \"debug\", \"info\", \"notice\", "
	                   "\"warning\" or \"error\", got \"loud\"");
	config_free(&c);
}

static void config_error_message_is_truncated_not_overflowed(void)
{
	struct config c;
	char err[16];

	memset(err, 'x', sizeof(err));
	config_defaults(&c);
	CHECK_INT(config_load(&c, FIX "bad_type_int.conf", err, sizeof(err)), -1);
	CHECK_INT(strlen(err), sizeof(err) - 1);
	config_free(&c);
}

int main(void)
{
	const char *src = getenv("CONFLICTD_SOURCE_DIR");

	/* Paths in the fixtures and messages are relative to the repository. */
	if (src && *src && chdir(src) != 0) {
		perror(src);
		return 1;
	}
	RUN(config_defaults_are_documented_values);
	RUN(config_shipped_file_loads_with_exactly_the_defaults);
	RUN(config_every_shipped_file_loads);
	RUN(config_commented_examples_in_shipped_file_are_valid);
	RUN(config_commented_registry_examples_in_shipped_file_are_valid);
	RUN(config_registry_group_sets_every_setting);
	RUN(config_registry_with_explicit_confluent_framing_is_accepted);
	RUN(config_registry_empty_url_is_off);
	RUN(config_registry_bad_settings_give_file_line_setting_message);
	RUN(config_registry_password_file_is_read_without_its_line_end);
	RUN(config_registry_relative_password_file_follows_credentials_directory);
	RUN(config_registry_bad_password_file_names_file_line_setting_and_path);
	RUN(config_empty_file_keeps_the_defaults);
	RUN(config_custom_file_sets_every_kind_of_value);
	RUN(config_passthrough_groups_become_librdkafka_properties);
	RUN(config_passthrough_properties_remember_their_line);
	RUN(config_exactly_once_delivery_is_accepted);
	RUN(config_passthrough_keeps_integers_beyond_32_bits);
	RUN(config_relative_paths_follow_the_file);
	RUN(config_loading_twice_replaces_values);
	RUN(config_missing_file_says_cannot_open);
	RUN(config_syntax_error_names_file_and_line);
	RUN(config_each_bad_file_gives_file_line_setting_message);
	RUN(config_include_errors_name_the_included_file);
	RUN(config_error_message_is_truncated_not_overflowed);
	TEST_DONE();
}
