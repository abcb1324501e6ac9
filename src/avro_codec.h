/*
 * avro_codec.h - struct conflict_event <-> Avro datum, and the wire framing.
 *
 * The schema is schemas/conflict_event.avsc, loaded at start.  Framing of a
 * Kafka value:
 *  - single-object encoding (default): C3 01, the 8-byte little-endian
 *    CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form, datum;
 *  - Confluent: 00, 4-byte big-endian schema id, datum.
 * avro-c has no fingerprint function, so avro_fingerprint.c implements the
 * canonical form and CRC-64-AVRO from the Avro specification.
 *
 * A codec is not thread-safe (it reuses one writer buffer); use one per thread.
 */
#ifndef CONFLICTD_AVRO_CODEC_H
#define CONFLICTD_AVRO_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"

/* libavro (1.11) exports internal functions named avro_codec_encode and
 * avro_codec_decode (its block compression codecs).  Linked into the same
 * program, ours would interpose them and avro_file_writer_*() would call
 * this module by mistake; these link-time names keep the two apart while
 * the source API stays as written. */
#define avro_codec_encode conflictd_avro_codec_encode
#define avro_codec_decode conflictd_avro_codec_decode

enum avro_framing { AVRO_FRAMING_SINGLE_OBJECT = 0, AVRO_FRAMING_CONFLUENT, AVRO_FRAMING_NONE };

struct avro_codec;

/* Load the schema file.  On failure -1 and a message naming the file in errbuf. */
int avro_codec_open(struct avro_codec **out, const char *schema_path, char *errbuf, size_t errlen);
void avro_codec_close(struct avro_codec *c);

/* CRC-64-AVRO fingerprint of the loaded schema's Parsing Canonical Form. */
uint64_t avro_codec_fingerprint(const struct avro_codec *c);
/* Full name of the record ("org.conflictd.ConflictEvent"). */
const char *avro_codec_schema_name(const struct avro_codec *c);

/* Encode one event with the given framing (schema_id only for Confluent).
 * On success returns 0 and sets *buf and *len to a malloc'd buffer the caller
 * frees.  On failure -1 and a message in errbuf. */
int avro_codec_encode(struct avro_codec *c, const struct conflict_event *ev, enum avro_framing framing,
                      int32_t schema_id, void **buf, size_t *len, char *errbuf, size_t errlen);

/* Decode one framed value (single-object or Confluent, detected from the
 * first bytes; a bare datum goes to avro_codec_decode_datum()).  Checks
 * lengths before trusting them; the value must hold exactly one datum.
 * Evidence text in *ev points into storage owned by the codec, valid until
 * the next decode.  Returns 0 or -1 with errbuf. */
int avro_codec_decode(struct avro_codec *c, const void *buf, size_t len, struct conflict_event *ev,
                      char *errbuf, size_t errlen);

/* Decode one bare datum (no framing) from the front of buf[0..len), with the
 * same checks; *used (may be NULL) gets the bytes it took, so a caller can
 * walk the datums of an object container block.  Storage as for decode. */
int avro_codec_decode_datum(struct avro_codec *c, const void *buf, size_t len, size_t *used,
                            struct conflict_event *ev, char *errbuf, size_t errlen);

/* --- schema evolution: decoding records written with another schema -----
 *
 * The loaded schema is the reader schema.  A value whose framing names
 * another schema - a single-object fingerprint or a Confluent id that is not
 * the loaded schema's - is decoded with that writer schema, when the codec
 * knows it, and resolved to the reader schema by Avro's rules (fields the
 * writer lacks take the reader's defaults, fields the reader lacks are
 * skipped, unknown enum symbols take the enum's default).  Unknown
 * fingerprints are an error; an unknown Confluent id is decoded with the
 * loaded schema (the registry id space is not ours to check) unless
 * avro_codec_strict_ids() was called. */

/* Add a writer schema (JSON text), optionally with its registry id (-1 when
 * none).  Returns 0, or -1 with errbuf when it does not parse or cannot be
 * resolved to the reader schema. */
int avro_codec_add_writer(struct avro_codec *c, const char *schema_json, int32_t registry_id, char *errbuf,
                          size_t errlen);
/* Add every *.avsc file in dir (e.g. schemas/history).  Returns how many were
 * added, or -1 with errbuf naming the file that failed. */
int avro_codec_add_writers_from_dir(struct avro_codec *c, const char *dir, char *errbuf, size_t errlen);
/* As avro_codec_decode_datum(), for a bare datum written with the schema of
 * fingerprint writer_fp: the loaded schema's or an added writer's (an object
 * container file names its writer schema in its header).  An unknown
 * fingerprint is an error. */
int avro_codec_decode_datum_as(struct avro_codec *c, uint64_t writer_fp, const void *buf, size_t len,
                               size_t *used, struct conflict_event *ev, char *errbuf, size_t errlen);
/* The registry id of the loaded schema (Confluent values with it decode
 * directly); -1 (the default) when unknown. */
void avro_codec_set_schema_id(struct avro_codec *c, int32_t id);
/* Confluent values whose id is neither the loaded schema's nor an added
 * writer's are refused (after this call) instead of decoded with the loaded schema. */
void avro_codec_strict_ids(struct avro_codec *c);
/* The loaded schema's JSON text as read from its file (for registration). */
const char *avro_codec_schema_json(const struct avro_codec *c);

/* Whether data written with writer_json can be read with reader_json by
 * Avro's resolution rules as this codec applies them (fields the writer
 * lacks need a reader default, enum symbols the reader lacks need a reader
 * default, unions match by branch, ints and floats promote, names match by
 * unqualified name or reader alias).  Returns 0, or -1 with errbuf naming
 * the first field path and rule that fails ("actor1.type: enum ActorType:
 * ..."). */
int avro_schema_check_readable(const char *reader_json, const char *writer_json, char *errbuf, size_t errlen);
/* The schema evolution policy (schemas/README.md) between an older and a
 * newer version: same full name; the newer reads the older (backward) and
 * no field or enum symbol was removed, and an enum grew only if the older
 * version declares its default; with require_forward, the older also reads
 * the newer.  Returns 0, or -1 with errbuf naming the direction and the
 * field or symbol that breaks it. */
int avro_schema_check_evolution(const char *old_json, const char *new_json, int require_forward, char *errbuf,
                                size_t errlen);

/* Parsing Canonical Form of a JSON schema text (malloc'd, caller frees) and
 * its CRC-64-AVRO fingerprint; exposed for tests against the spec vectors. */
char *avro_canonical_form(const char *schema_json, char *errbuf, size_t errlen);
uint64_t avro_crc64(const void *buf, size_t len);

#endif
