/*
 * schema_registry.h - a client for the REST subset of a Confluent-compatible
 * schema registry (libcurl + jansson).
 *
 *   POST /subjects/{subject}/versions   {"schema": "<json text>"} -> {"id": N}
 *   GET  /schemas/ids/{id}                                     -> {"schema": "..."}
 *
 * Requests carry Content-Type/Accept "application/vnd.schemaregistry.v1+json".
 * Responses are bounded (1 MiB); errors carry the registry's error_code and
 * message when it sends them.  One client per thread (one curl handle).
 */
#ifndef CONFLICTD_SCHEMA_REGISTRY_H
#define CONFLICTD_SCHEMA_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

struct schema_registry_opts {
	const char *url;      /* "http://host:8081" (a path prefix is kept); required */
	const char *username; /* basic auth when set */
	const char *password;
	const char *ca_location;   /* PEM bundle to verify the registry's certificate */
	const char *cert_location; /* client certificate (PEM) for mutual TLS */
	const char *key_location;  /* its key */
	int timeout_ms;            /* per request, connect included (0 = 10000) */
};

enum schema_registry_result {
	SCHEMA_REGISTRY_OK = 0,
	SCHEMA_REGISTRY_UNAVAILABLE, /* connect failure, timeout, 5xx: retry later */
	SCHEMA_REGISTRY_REJECTED,    /* 409 incompatible or 422 invalid schema: fatal */
	SCHEMA_REGISTRY_NOT_FOUND,   /* 404 on a lookup */
	SCHEMA_REGISTRY_ERROR        /* auth failure, other 4xx, malformed response, TLS setup */
};

struct schema_registry;

/* Returns 0, or -1 with a message in errbuf (bad URL, curl init). */
int schema_registry_open(struct schema_registry **out, const struct schema_registry_opts *o, char *errbuf,
                         size_t errlen);
void schema_registry_close(struct schema_registry *r);

/* Register schema_json under subject (idempotent: the registry returns the
 * existing id for an identical schema).  On OK sets *id. */
enum schema_registry_result schema_registry_register(struct schema_registry *r, const char *subject,
                                                     const char *schema_json, int32_t *id, char *errbuf,
                                                     size_t errlen);

/* Fetch the schema with this id.  On OK *schema_json is malloc'd (caller frees). */
enum schema_registry_result schema_registry_get_by_id(struct schema_registry *r, int32_t id,
                                                      char **schema_json, char *errbuf, size_t errlen);

/* Register with retries: UNAVAILABLE is retried with exponential backoff
 * (250 ms doubling to 10 s, with jitter) until total_timeout_ms has passed or
 * *stop becomes non-zero (stop may be NULL); every other result returns at once. */
enum schema_registry_result schema_registry_register_retry(struct schema_registry *r, const char *subject,
                                                           const char *schema_json, int total_timeout_ms,
                                                           volatile const int *stop, int32_t *id,
                                                           char *errbuf, size_t errlen);

/* The subject for a topic and a record full name: "topic" strategy gives
 * "<topic>-value", "record" gives "<full.record.Name>", "topic-record" gives
 * "<topic>-<full.record.Name>".  Writes into buf; -1 if the strategy is unknown
 * or buf is too small. */
int schema_registry_subject(const char *strategy, const char *topic, const char *record_name, char *buf,
                            size_t size);

/* A flag that, once non-zero, aborts any request of r in flight (result
 * UNAVAILABLE, "interrupted by a stop request") within about a second:
 * a program's SIGINT/SIGTERM flag (an int-sized sig_atomic_t), so a hung
 * registry does not hold up its exit for timeout_ms.  NULL for none (the
 * default); schema_registry_register_retry() uses its own stop argument
 * while it runs. */
void schema_registry_set_stop(struct schema_registry *r, volatile const int *stop);

const char *schema_registry_result_name(enum schema_registry_result r);

/* The registry's URL as it may be logged: no user:password part, no
 * trailing '/'.  Owned by r. */
const char *schema_registry_display_url(const struct schema_registry *r);

#endif
