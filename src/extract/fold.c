/*
 * fold.c - names folded to plain ASCII keys for matching.
 *
 * The gazetteer and the actor dictionary fold their data and the article
 * text with these same two functions, so both sides agree by construction.
 * Folding is byte-driven and allocation-free: UTF-8 is decoded one code
 * point at a time, Latin letters with diacritics map to their base letter
 * through two small tables (Latin-1 Supplement to Latin Extended-B, and
 * Latin Extended Additional, where the Arabic transliteration letters
 * ḥ ṣ ṭ ẓ ḍ live), apostrophe-like marks vanish and everything else that
 * is not a letter or digit becomes a word break.  Non-Latin scripts fold to
 * nothing: the data keeps Latin-script names only.
 *
 * The loose key also drops a word-final h after a or e ("Raqqah" meets
 * "Raqqa"), a choice transliterations make both ways.
 */
#include "extract/fold.h"

#include "extract/ascii_run.h"

#include <stdint.h>
#include <string.h>

/* Base letter for U+00C0..U+024F; '.' where none (or several, see below). */
static const char fold_latin_a[] = "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
                                   "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkklllllll"
                                   "lllnnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
                                   "bb....occdd...eee.fg...ikk...nn.oo..pp......tttuu.vyyzz........."
                                   ".............aaiioouuuuuuuuuueaaaa..ggggkkoooo..j...gg..nnaa...."
                                   "aaaaeeeeiiiioooorrrruuuusstt..hhn...zzaaeeooooooooyy.......cc..."
                                   "........jj..rryy";

/* Base letter for U+1E00..U+1EFF. */
static const char fold_latin_ext[] = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
                                     "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
                                     "wwwwwwwwwwxxxxyyzzzzzzhtwyas....aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
                                     "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

/* Decode one UTF-8 sequence at s[0..n); returns its length (>= 1) and the
 * code point in *cp, or U+FFFD for a malformed byte (length 1). */
static size_t fold_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

/* What a code point folds to: letters in buf (returns 1..2), 0 for a word
 * break, -1 for a mark that vanishes (apostrophes, ʿayn, hamza). */
static int fold_code_point(uint32_t cp, char buf[2])
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z') {
			buf[0] = (char)(cp - 'A' + 'a');
			return 1;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			buf[0] = (char)cp;
			return 1;
		}
		return cp == '\'' || cp == '`' ? -1 : 0;
	}
	switch (cp) {
	case 0x00B4: /* acute accent used as apostrophe */
	case 0x02B9: /* modifier prime */
	case 0x02BB: /* turned comma (Hawaiian okina, also used for ʿayn) */
	case 0x02BC: /* modifier apostrophe */
	case 0x02BD:
	case 0x02BE: /* ʾ hamza */
	case 0x02BF: /* ʿ ayn */
	case 0x02C8:
	case 0x2018: /* ‘ */
	case 0x2019: /* ’ */
	case 0x201B:
	case 0x2032: /* prime */
	case 0x0301: /* combining acute, and other combining marks below */
	case 0x0300:
	case 0x0302:
	case 0x0303:
	case 0x0304:
	case 0x0306:
	case 0x0307:
	case 0x0308:
	case 0x030A:
	case 0x030C:
	case 0x0323:
	case 0x0327:
	case 0x0331:
		return -1;
	case 0x00C6: /* Æ */
	case 0x00E6:
		buf[0] = 'a', buf[1] = 'e';
		return 2;
	case 0x00DE: /* Þ */
	case 0x00FE:
		buf[0] = 't', buf[1] = 'h';
		return 2;
	case 0x00DF: /* ß */
		buf[0] = 's', buf[1] = 's';
		return 2;
	case 0x0152: /* Œ */
	case 0x0153:
		buf[0] = 'o', buf[1] = 'e';
		return 2;
	case 0x0132: /* Ĳ */
	case 0x0133:
		buf[0] = 'i', buf[1] = 'j';
		return 2;
	default:
		break;
	}
	if (cp >= 0x0300 && cp <= 0x036F)
		return -1; /* any other combining diacritic */
	if (cp >= 0xC0 && cp < 0xC0 + sizeof(fold_latin_a) - 1) {
		char b = fold_latin_a[cp - 0xC0];
		if (b != '.') {
			buf[0] = b;
			return 1;
		}
		return 0;
	}
	if (cp >= 0x1E00 && cp < 0x1E00 + sizeof(fold_latin_ext) - 1) {
		char b = fold_latin_ext[cp - 0x1E00];
		if (b != '.') {
			buf[0] = b;
			return 1;
		}
		return 0;
	}
	return 0;
}

/* What an ASCII byte folds to, as fold_code_point() says: the letter or
 * digit (lower case), 1 for a mark that vanishes, 0 for a word break.  One
 * load per byte: folding runs over every name at load and every span tried
 * in text. */
static const char fold_ascii[128] = {
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   1,   0,   0,   0,   0,   0,   0,   0,   0,   '0', '1', '2', '3', '4', '5', '6', '7', '8',
    '9', 0,   0,   0,   0,   0,   0,   0,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k',
    'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0,   0,   0,   0,
    0,   1,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
    'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0,   0,   0,   0,   0,
};

size_t fold_name(const char *in, size_t len, char *out, size_t outlen)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;
	int pending_space = 0;

	if (!outlen)
		return 0;
	while (i < len) {
		uint32_t cp;
		char buf[2];
		int r;
		unsigned char c = s[i];
		/* ASCII, the common case, by table and without the decoder */
		if (c < 0x80) {
			char f = fold_ascii[c];
			i++;
			if (f == 1)
				continue;
			if (f == 0) {
				pending_space = o > 0;
				continue;
			}
			if (pending_space) {
				if (o + 1 >= outlen)
					break;
				out[o++] = ' ';
				pending_space = 0;
			}
			if (o + 1 >= outlen)
				break;
			out[o++] = f;
			/* the rest of an ASCII word, the common case, in a tight loop */
			while (i < len && s[i] < 0x80 && (f = fold_ascii[s[i]]) > 1 && o + 1 < outlen) {
				out[o++] = f;
				i++;
			}
			continue;
		}
		i += fold_utf8(s + i, len - i, &cp);
		r = fold_code_point(cp, buf);
		if (r < 0)
			continue;
		if (r == 0) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space) {
			if (o + 1 >= outlen)
				break;
			out[o++] = ' ';
			pending_space = 0;
		}
		if (o + (size_t)r >= outlen)
			break;
		for (int k = 0; k < r; k++)
			out[o++] = buf[k];
	}
	out[o] = '\0';
	return o;
}

/* Arabic article particles, as separate words ("ez Zor") or glued with an
 * assimilated consonant ("Ezzor", "Ashsham"). */
static const char *const fold_particles[] = {"al", "el", "as", "ad", "ar", "an", "ash",
                                             "at", "az", "ez", "es", "ed", "ul", NULL};

/* Every particle starts with a vowel: a cheap first test, since this runs
 * for every word of every name at load time. */
static int fold_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'u';
}

/* The particles of fold_particles[] as bits: of two letters, the second
 * letter's bit in the mask of the first (a, e, u); of three, only "ash".
 * A word is looked up here for every word of every key folded loosely,
 * and "and", "an", "at" and "as" are among the commonest words of English
 * text in capitals: the list walk with a compare per particle cost more
 * than the rest of the fold.  test_fold checks both agree. */
#define FOLD_BIT(c) (1u << ((c) - 'a'))
#define FOLD_AFTER_A                                                                                         \
	(FOLD_BIT('l') | FOLD_BIT('s') | FOLD_BIT('d') | FOLD_BIT('r') | FOLD_BIT('n') | FOLD_BIT('t') |     \
	 FOLD_BIT('z'))
#define FOLD_AFTER_E (FOLD_BIT('l') | FOLD_BIT('z') | FOLD_BIT('s') | FOLD_BIT('d'))
#define FOLD_AFTER_U FOLD_BIT('l')

static int fold_is_particle(const char *w, size_t n)
{
	if (n == 3)
		return w[0] == 'a' && w[1] == 's' && w[2] == 'h';
	if (n != 2)
		return 0;
	unsigned c = (unsigned)(unsigned char)w[1] - 'a';
	uint32_t m = w[0] == 'a' ? FOLD_AFTER_A : w[0] == 'e' ? FOLD_AFTER_E : w[0] == 'u' ? FOLD_AFTER_U : 0;
	return c < 26 && ((m >> c) & 1);
}

/* Length of a glued particle at the start of word w[0..n) whose last
 * consonant is doubled by assimilation ("ezzor" -> 2, "ashshaddadi" -> 3),
 * or 0.  The remainder must keep at least three letters. */
static size_t fold_glued_particle(const char *w, size_t n)
{
	if (n < 5 || !fold_vowel(w[0]) || w[0] == 'u' || (w[2] != w[1] && w[3] != w[2]))
		return 0; /* no doubled consonant after two or three letters: no particle */
	for (int i = 0; fold_particles[i]; i++) {
		const char *p = fold_particles[i];
		size_t pl = p[2] ? 3 : 2;
		if (n >= pl + 3 && p[0] == w[0] && p[1] == w[1] && (pl == 2 || p[2] == w[2]) &&
		    w[pl] == w[pl - 1])
			return pl;
	}
	return 0;
}

/* Is in[0..len) already a fold_name key (lower-case letters and digits,
 * single inner spaces)?  Folding such a key again changes nothing. */
static int fold_is_key(const char *in, size_t len)
{
	if (len == 0 || in[0] == ' ' || in[len - 1] == ' ')
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = in[i];
		if (c == ' ') {
			if (in[i - 1] == ' ')
				return 0;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			return 0;
		}
	}
	return 1;
}

size_t fold_name_loose(const char *in, size_t len, char *out, size_t outlen)
{
	char buf[512];

	/* A key already (the gazetteer folds the strict key first): as it is. */
	if (len < sizeof(buf) && fold_is_key(in, len))
		return fold_key_loose(in, len, out, outlen);
	return fold_key_loose(buf, fold_name(in, len, buf, sizeof(buf)), out, outlen);
}

size_t fold_key_loose(const char *tmp, size_t n, char *out, size_t outlen)
{
	size_t o = 0, words = 0;

	if (!outlen)
		return 0;
	for (size_t i = 0; i < n;) {
		/* a key's words are letters and digits: the run, then (for any
		 * other text) on to the space */
		size_t j = ascii_run(tmp, i, n, ASCII_ALNUM);
		while (j < n && tmp[j] != ' ')
			j++;
		const char *w = tmp + i;
		size_t wl = j - i;
		words++;
		/* A lone particle is dropped unless it is the whole name. */
		if (!(fold_is_particle(w, wl) && (words > 1 || j < n))) {
			size_t skip = fold_glued_particle(w, wl);
			/* Word-final h after a or e is a transliteration choice:
			 * "Raqqah" / "Raqqa", "Hamah" / "Hama". */
			if (wl - skip >= 5 && w[wl - 1] == 'h' && (w[wl - 2] == 'a' || w[wl - 2] == 'e'))
				wl--;
			size_t k = skip;
			if (k < wl && o + (wl - k) < outlen) {
				/* the word fits: each letter written, kept when it is not
				 * the one before it (doubled letters single, across words
				 * too), with no branch per letter */
				if (o == 0)
					out[o++] = w[k++];
				/* the last letter kept is held in a register: read back
				 * from out[], each letter waited for the one stored before */
				char prev = out[o - 1];
				for (; k < wl; k++) {
					char c = w[k];
					out[o] = c;
					o += c != prev;
					prev = c;
				}
			}
			for (; k < wl; k++) {
				if (o > 0 && out[o - 1] == w[k])
					continue; /* doubled letters single, across words too */
				if (o + 1 >= outlen)
					goto done;
				out[o++] = w[k];
			}
		}
		i = j < n ? j + 1 : j;
	}
done:
	out[o] = '\0';
	return o;
}
