/*
 * ascii_run.h - where a run of ASCII letters or digits ends, eight bytes at
 * a time.
 *
 * Every scanner of the extractor steps over words byte by byte, and the
 * loop's exit, at a different length for every word, is a branch the
 * processor mispredicts once per word.  ascii_run() tests eight bytes with a
 * few integer operations (each byte's range checks done at once in its own
 * lane, no carry crossing lanes since only the low seven bits are added to)
 * and finds the first byte outside the class by counting trailing zeros:
 * for most words, one step and no per-byte branch.  The answer is exactly
 * that of the byte loop it replaces; near the end of the text, where eight
 * bytes are not there to read, it is that loop.
 */
#ifndef CONFLICTD_ASCII_RUN_H
#define CONFLICTD_ASCII_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum ascii_class {
	ASCII_LOWER, /* a-z */
	ASCII_ALPHA, /* a-z A-Z */
	ASCII_ALNUM  /* a-z A-Z 0-9 */
};

static inline int ascii_in_class(unsigned char c, enum ascii_class cls)
{
	if (c >= 'a' && c <= 'z')
		return 1;
	if (cls == ASCII_LOWER)
		return 0;
	if (c >= 'A' && c <= 'Z')
		return 1;
	return cls == ASCII_ALNUM && c >= '0' && c <= '9';
}

/* Bit 7 of each byte of x set when that byte is in the class. */
static inline uint64_t ascii_class_mask8(uint64_t x, enum ascii_class cls)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t t = x & ~high; /* the low seven bits: adding below never carries out of a byte */
	uint64_t f = cls == ASCII_LOWER ? t : (t | ones * 0x20); /* A-Z onto a-z, nothing else onto a-z */
	uint64_t m = (f + ones * (0x80 - 'a')) & ~(f + ones * (0x7F - 'z'));
	if (cls == ASCII_ALNUM)
		m |= (t + ones * (0x80 - '0')) & ~(t + ones * (0x7F - '9'));
	return m & ~x & high; /* and ASCII */
}

/* x with its ASCII capitals lower-cased, every other byte as it was. */
static inline uint64_t ascii_lower8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t t = x & ~high;
	uint64_t upper = (t + ones * (0x80 - 'A')) & ~(t + ones * (0x7F - 'Z')) & ~x & high;
	return x | (upper >> 2);
}

/* The m (1..8) bytes at p as a little-endian integer, higher bytes zero:
 * one eight-byte load masked to m when eight bytes are readable at p, else
 * gathered byte by byte.  Both give the same value on any host (the load
 * is used only on little-endian ones), so a key hashed in a padded buffer
 * and the same key hashed where it ends meet. */
static inline uint64_t ascii_load_le(const char *p, size_t m, int readable8)
{
	uint64_t x = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (readable8) {
		memcpy(&x, p, 8);
		return m < 8 ? x & ((1ull << (8 * m)) - 1) : x;
	}
#else
	(void)readable8;
#endif
	for (size_t j = 0; j < m; j++)
		x |= (uint64_t)(unsigned char)p[j] << (8 * j);
	return x;
}

/* The first index at or after i (at most len) whose byte of s is an ASCII
 * capital, A-Z: the capitals of a text are far apart. */
static inline size_t ascii_find_upper(const char *s, size_t i, size_t len)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	while (i + 8 <= len) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t t = x & ~high;
		uint64_t up = (t + ones * (0x80 - 'A')) & ~(t + ones * (0x7F - 'Z')) & ~x & high;
		if (up)
			return i + ((size_t)__builtin_ctzll(up) >> 3);
		i += 8;
	}
#endif
	while (i < len && !(s[i] >= 'A' && s[i] <= 'Z'))
		i++;
	return i;
}

/* The first index at or after i (at most len) whose byte of s is a
 * lower-case ASCII letter, a-z: in text written in capitals they are far
 * apart. */
static inline size_t ascii_find_lower(const char *s, size_t i, size_t len)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (i + 8 <= len) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t low = ascii_class_mask8(x, ASCII_LOWER);
		if (low)
			return i + ((size_t)__builtin_ctzll(low) >> 3);
		i += 8;
	}
#endif
	while (i < len && !(s[i] >= 'a' && s[i] <= 'z'))
		i++;
	return i;
}

/* The first index at or after i (at most len) whose byte of s is not in the class. */
static inline size_t ascii_run(const char *s, size_t i, size_t len, enum ascii_class cls)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (i + 8 <= len) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t out = ~ascii_class_mask8(x, cls) & 0x8080808080808080ull;
		if (out)
			return i + ((size_t)__builtin_ctzll(out) >> 3);
		i += 8;
	}
#endif
	while (i < len && ascii_in_class((unsigned char)s[i], cls))
		i++;
	return i;
}

#endif
