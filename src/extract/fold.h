/*
 * fold.h - names folded for matching.
 *
 * Place and actor names arrive in many spellings: "Deir ez-Zor", "Deir
 * Ezzor", "Dayr az Zawr", "Abu al-Husn", "Abu Husn", "Ḥomṣ".  Folding maps
 * them to a plain key before any lookup.  The gazetteer and the actor
 * dictionary fold their data at load time with the same functions they fold
 * the text with, so the two sides always agree.
 */
#ifndef CONFLICTD_FOLD_H
#define CONFLICTD_FOLD_H

#include <stddef.h>

/* Lower-case ASCII key: Latin diacritics stripped (é -> e, ḥ -> h), Unicode
 * and ASCII apostrophes and ʿ ʾ dropped, hyphens, dots and runs of spaces
 * collapsed to one space, trimmed.  "Deir ez-Zor" -> "deir ez zor".
 * Writes at most outlen-1 bytes plus NUL; returns the key length. */
size_t fold_name(const char *in, size_t len, char *out, size_t outlen);

/* fold_name, then transliteration-loose: Arabic article particles
 * (al, el, as, ad, ar, an, ash, at, az, ez, es, ed, ul) dropped or joined,
 * doubled letters single, spaces removed.  "Deir Ezzor", "Deir ez-Zor",
 * "Deir al-Zor" -> "deirzor".  Used as a second, looser index. */
size_t fold_name_loose(const char *in, size_t len, char *out, size_t outlen);

/* fold_name_loose() of key[0..len), which must be what fold_name() returned
 * (lower-case letters, digits, single inner spaces): the same key, without
 * checking that key is one or folding it again.  The gazetteer's hot path. */
size_t fold_key_loose(const char *key, size_t len, char *out, size_t outlen);

#endif
