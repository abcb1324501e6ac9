/* test_text.c - clean-up with its byte map, sentences, datelines, headings, tokens. */
#include "extract/ascii_run.h"
#include "extract/text.h"
#include "test.h"

#define MAXS 64

static char clean[4096];
static uint32_t map[4096];

static size_t do_clean(const char *in)
{
	return text_clean(in, strlen(in), clean, map);
}

/* The i-th sentence as a string, for readable assertions. */
static const char *sentence(const char *s, const struct text_span *sp, size_t i)
{
	static char buf[1024];
	size_t n = sp[i].end - sp[i].start;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s + sp[i].start, n);
	buf[n] = '\0';
	return buf;
}

static size_t split(const char *s, struct text_span *sp)
{
	return text_sentences(s, strlen(s), sp, MAXS);
}

static void text_hostile_input_keeps_every_invariant(void)
{
	static char in[2048], out[2049];
	static uint32_t m[2049];
	struct text_span sp[MAXS];
	struct text_token tk[256];

	for (int it = 0; it < 3000; it++) {
		size_t n = test_random_text(in, sizeof(in));
		size_t cl = text_clean(in, n, out, m);
		CHECK(cl <= n);
		CHECK_INT(m[cl], n);
		CHECK(strlen(out) == cl);
		for (size_t i = 0; i + 1 < cl; i++)
			CHECK(m[i] <= m[i + 1]);
		size_t pe = 0, dl = text_dateline(out, cl, &pe);
		CHECK(dl <= cl && pe <= dl);
		size_t ns = text_sentences(out, cl, sp, MAXS);
		for (size_t i = 0; i < ns; i++) {
			CHECK(sp[i].start < sp[i].end && sp[i].end <= cl);
			if (i)
				CHECK(sp[i - 1].end <= sp[i].start);
			size_t nt = text_tokens(out, sp[i].start, sp[i].end, tk, 256);
			for (size_t j = 0; j < nt; j++)
				CHECK(tk[j].start >= sp[i].start && tk[j].end <= sp[i].end &&
				      tk[j].start < tk[j].end);
		}
		if (test_current_failed)
			return;
	}
}

static void text_clean_turns_curly_quotes_and_dashes_into_ascii(void)
{
	size_t n = do_clean("the country\xe2\x80\x99s east \xe2\x80\x9c"
	                    "a great advance\xe2\x80\x9d 10\xe2\x80\x93"
	                    "15 \xe2\x88\x92"
	                    "3 \xc2\xab"
	                    "non\xc2\xbb wait\xe2\x80\xa6");
	CHECK_STR(clean, "the country's east \"a great advance\" 10-15 -3 \"non\" wait...");
	CHECK_INT(n, strlen(clean));
}

/* Printable ASCII and newlines pass unchanged, each mapped to itself. */
static void text_clean_keeps_printable_ascii_and_newlines(void)
{
	char in[0x60 + 2], out[sizeof(in) + 1];
	uint32_t at[sizeof(in) + 1];
	size_t n = 0;
	for (int c = 0x20; c < 0x7f; c++)
		in[n++] = (char)c;
	in[n++] = '\n';
	CHECK_INT(text_clean(in, n, out, at), n);
	CHECK(memcmp(in, out, n) == 0);
	for (size_t i = 0; i < n; i++)
		CHECK_INT(at[i], i);
	char tabs[] = "a\tb\r\nc\x7f";
	CHECK_INT(text_clean(tabs, strlen(tabs), out, at), 6);
	CHECK_STR(out, "a b\nc ");
}

static void text_clean_spaces_and_zero_widths(void)
{
	do_clean("43\xc2\xa0people in\xe2\x80\x8b Idlib\xef\xbb\xbf.\r\nNext\tline");
	CHECK_STR(clean, "43 people in Idlib.\nNext line");
}

static void text_clean_pads_em_dash_between_words(void)
{
	do_clean("Saturday\xe2\x80\x94the army");
	CHECK_STR(clean, "Saturday - the army");
	do_clean("MOGADISHU \xe2\x80\x94 Gunmen");
	CHECK_STR(clean, "MOGADISHU - Gunmen");
}

static void text_clean_invalid_utf8_becomes_question_mark(void)
{
	do_clean("a\xff"
	         "b\xe2\x80"
	         "c \xc3\xa9t\xc3\xa9");
	/* Valid non-ASCII letters are kept as they are. */
	CHECK_STR(clean, "a?b??c \xc3\xa9t\xc3\xa9");
}

static void text_clean_map_points_evidence_back_at_original_words(void)
{
	const char *orig =
	    "\xe2\x80\x9cIt\xe2\x80\x99s the highest death toll,\xe2\x80\x9d Abdel Rahman said.";
	size_t n = do_clean(orig);
	CHECK_INT(map[n], strlen(orig));
	const char *w = strstr(clean, "Abdel Rahman");
	CHECK(w != NULL);
	if (!w)
		return;
	size_t a = (size_t)(w - clean), b = a + strlen("Abdel Rahman");
	CHECK(memcmp(orig + map[a], "Abdel Rahman", 12) == 0);
	/* An end offset maps through the byte before it, plus one. */
	CHECK_INT(map[b - 1] + 1 - map[a], 12);
	/* The clean apostrophe maps to the first byte of U+2019. */
	const char *ap = strchr(clean, '\'');
	CHECK(ap && (unsigned char)orig[map[ap - clean]] == 0xe2);
	for (size_t i = 0; i + 1 <= n; i++)
		CHECK(map[i] < map[i + 1]);
}

/* ASCII runs of every length around the eight-byte steps map byte for byte,
 * before and after a character that is rewritten. */
static void text_clean_map_of_ascii_runs_of_any_length(void)
{
	char in[256];
	for (size_t run = 0; run < 40; run++) {
		size_t o = 0;
		for (size_t k = 0; k < run; k++)
			in[o++] = (char)('a' + k % 26);
		memcpy(in + o, "\xe2\x80\x99", 3); /* a curly apostrophe: one byte for three */
		o += 3;
		for (size_t k = 0; k < run; k++)
			in[o++] = (char)('A' + k % 26);
		in[o] = '\0';
		size_t n = do_clean(in);
		CHECK_INT(n, 2 * run + 1);
		int ok = 1;
		for (size_t k = 0; k < run; k++)
			ok &= map[k] == k && map[run + 1 + k] == run + 3 + k;
		CHECK(ok && map[run] == run && map[n] == o);
	}
}

static void sentences_survive_titles_and_abbreviations(void)
{
	struct text_span sp[MAXS];
	const char *s = "U.S. envoy Dr. John Smith met Gen. Khalifa Haftar on Jan. 5 in Benghazi. "
	                "Lt. Col. Ahmed and Sgt. Ali were killed at 3 p.m. on the road, officials said. "
	                "About 2.5 million people, i.e. half the city, fled.";
	size_t n = split(s, sp);
	CHECK_INT(n, 3);
	CHECK_STR(sentence(s, sp, 0),
	          "U.S. envoy Dr. John Smith met Gen. Khalifa Haftar on Jan. 5 in Benghazi.");
	CHECK_STR(sentence(s, sp, 2), "About 2.5 million people, i.e. half the city, fled.");
}

/* Words as long as a listed abbreviation, with its first letter, but not
 * on the list ("gem" beside "gen", "sgts" beside "sgt"), end a sentence; so
 * do listed ones written longer ("Generals."). */
static void sentences_end_after_lookalikes_of_abbreviations(void)
{
	struct text_span sp[MAXS];
	const char *s = "They found a gem. The army left. He met the Generals. The sgts. They fled to Rd. 5.";
	size_t n = split(s, sp);
	CHECK_INT(n, 5);
	CHECK_STR(sentence(s, sp, 0), "They found a gem.");
	CHECK_STR(sentence(s, sp, 2), "He met the Generals.");
	CHECK_STR(sentence(s, sp, 3), "The sgts.");
	CHECK_STR(sentence(s, sp, 4), "They fled to Rd. 5.");
}

static void sentences_every_listed_abbreviation_is_kept_inside(void)
{
	struct text_span sp[MAXS];
	const char *s =
	    "Maj. Omar, Sgt. Ali, Mrs. Haddad and Col. Nasser met at St. George on Feb. 3, Aug. 4, "
	    "Sept. 5, Oct. 6, Nov. 7 and Dec. 8 at approx. 9 a.m. with the U.N. envoy, i.e. "
	    "Mr. Pedersen, in a Gov. vs. rebels dispute, e.g. over No. 7 road. It ended.";
	CHECK_INT(split(s, sp), 2);
	CHECK_STR(sentence(s, sp, 1), "It ended.");
}

static void sentences_split_after_us_before_a_sentence_opener(void)
{
	struct text_span sp[MAXS];
	const char *s = "The strikes were carried out by the U.S. The Pentagon declined to comment.";
	CHECK_INT(split(s, sp), 2);
	s = "The rifles were bought in the U.S. Many of them reached the cartels.";
	CHECK_INT(split(s, sp), 2);
	s = "The U.S. Army said No. 4 battalion withdrew. It gave no toll.";
	CHECK_INT(split(s, sp), 2);
	CHECK_STR(sentence(s, sp, 0), "The U.S. Army said No. 4 battalion withdrew.");
}

static void sentences_keep_initials_with_names(void)
{
	struct text_span sp[MAXS];
	const char *s = "The report by J. R. Smith was published. It named 12 victims.";
	CHECK_INT(split(s, sp), 2);
	CHECK_STR(sentence(s, sp, 0), "The report by J. R. Smith was published.");
}

static void sentences_end_after_a_closing_quote(void)
{
	struct text_span sp[MAXS];
	const char *s =
	    "\"We will not withdraw,\" he said. \"No civilians were harmed.\" The army denied it.";
	size_t n = split(s, sp);
	CHECK_INT(n, 3);
	CHECK_STR(sentence(s, sp, 1), "\"No civilians were harmed.\"");
	CHECK(sp[1].flags & TEXT_SPAN_QUOTE);
	CHECK(!(sp[2].flags & TEXT_SPAN_QUOTE));
}

static void sentences_quote_running_over_sentences_is_flagged(void)
{
	struct text_span sp[MAXS];
	const char *s =
	    "He said: \"We hold the bridge. We will not leave it. Nobody will.\" The army disagreed.\n\n"
	    "The town is calm.";
	size_t n = split(s, sp);
	CHECK_INT(n, 5);
	CHECK(sp[1].flags & TEXT_SPAN_QUOTE);
	CHECK(sp[2].flags & TEXT_SPAN_QUOTE);
	CHECK(!(sp[3].flags & TEXT_SPAN_QUOTE));
	/* A quote left open does not leak into the next paragraph. */
	CHECK(!(sp[4].flags & TEXT_SPAN_QUOTE));
	s = "\"They came at night. They burned the houses.\n\nThe village was empty.";
	n = split(s, sp);
	CHECK_INT(n, 3);
	CHECK(sp[1].flags & TEXT_SPAN_QUOTE);
	CHECK(!(sp[2].flags & TEXT_SPAN_QUOTE));
}

static void sentences_do_not_split_before_lower_case(void)
{
	struct text_span sp[MAXS];
	const char *s = "Is this a truce? asked one resident. Yes! The fighting stopped.";
	CHECK_INT(split(s, sp), 3);
	CHECK_STR(sentence(s, sp, 0), "Is this a truce? asked one resident.");
}

static void sentences_blank_line_always_ends_a_sentence(void)
{
	struct text_span sp[MAXS];
	const char *s = "Clashes erupted in Aden\n\n  Three fighters were killed\nin the port.";
	size_t n = split(s, sp);
	CHECK_INT(n, 2);
	CHECK_STR(sentence(s, sp, 0), "Clashes erupted in Aden");
	/* A single newline is only line wrapping. */
	CHECK_STR(sentence(s, sp, 1), "Three fighters were killed\nin the port.");
}

static void sentences_heading_line_between_dashes_is_its_own_span(void)
{
	struct text_span sp[MAXS];
	/* The shape a news desk gives section headings, after clean-up. */
	const char *s =
	    "The army advanced.\n\n- 'Slow retreat' -\nRebels pulled back to the hills. They lost 20 men.";
	size_t n = split(s, sp);
	CHECK_INT(n, 4);
	CHECK_STR(sentence(s, sp, 1), "- 'Slow retreat' -");
	CHECK(sp[1].flags & TEXT_SPAN_HEADING);
	CHECK_STR(sentence(s, sp, 2), "Rebels pulled back to the hills.");
	CHECK(!(sp[2].flags & TEXT_SPAN_HEADING));
	/* A hyphenated sentence is not a heading. */
	s = "- Gunmen killed two guards in Gao.\nPolice said.";
	n = split(s, sp);
	CHECK(n >= 1 && !(sp[0].flags & TEXT_SPAN_HEADING));
}

static void sentences_heading_from_curly_dashes_after_clean(void)
{
	struct text_span sp[MAXS];
	do_clean("Fighting went on.\n\xe2\x80\x93 \xe2\x80\x98"
	         "Cautious push\xe2\x80\x99 \xe2\x80\x93\nTroops moved north.");
	size_t n = split(clean, sp);
	CHECK_INT(n, 3);
	CHECK_STR(sentence(clean, sp, 1), "- 'Cautious push' -");
	CHECK(sp[1].flags & TEXT_SPAN_HEADING);
}

static void sentences_decimals_and_ellipses(void)
{
	struct text_span sp[MAXS];
	const char *s = "Prices rose 3.5 percent... Then the shelling began. It lasted 1.5 hours.";
	CHECK_INT(split(s, sp), 3);
	CHECK_STR(sentence(s, sp, 0), "Prices rose 3.5 percent...");
}

static void sentences_all_caps_wire_text(void)
{
	struct text_span sp[MAXS];
	const char *s = "THE ATLACATL BATTALION REPORTED THAT GEN. JUAN LOPEZ ARRIVED ON 12 JAN. THREE\n"
	                "SUBVERSIVES WERE KILLED IN MORAZAN.  MILITARY DETACHMENT NO. 4 REPORTED A CLASH\n"
	                "NEAR THE U.S. EMBASSY.\n\n   IT WAS ALSO REPORTED THAT A SOLDIER WAS WOUNDED.";
	size_t n = split(s, sp);
	CHECK_INT(n, 4);
	CHECK_STR(sentence(s, sp, 2), "MILITARY DETACHMENT NO. 4 REPORTED A CLASH\nNEAR THE U.S. EMBASSY.");
	CHECK_STR(sentence(s, sp, 3), "IT WAS ALSO REPORTED THAT A SOLDIER WAS WOUNDED.");
}

static void dateline_colon_after_city(void)
{
	struct text_span sp[MAXS];
	size_t pe = 0;
	const char *s = "Beirut: Syrian forces shelled the town. Five died.";
	size_t d = text_dateline(s, strlen(s), &pe);
	CHECK_INT(d, 8);
	CHECK_INT(pe, 6);
	CHECK_INT(split(s, sp), 2);
	CHECK_STR(sentence(s, sp, 0), "Syrian forces shelled the town.");
	CHECK(sp[0].flags & TEXT_SPAN_DATELINE);
	CHECK(!(sp[1].flags & TEXT_SPAN_DATELINE));
}

static void dateline_agency_forms(void)
{
	size_t pe = 0;
	const char *s = "KABUL (Reuters) - A suicide bomber struck.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), strlen("KABUL (Reuters) - "));
	CHECK_INT(pe, 5);
	s = "ADEN, Yemen, May 3 (AFP) - Clashes erupted.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), strlen("ADEN, Yemen, May 3 (AFP) - "));
	CHECK_INT(pe, 4);
	s = "SAN SALVADOR, 3 JAN 90 (RADIO CADENA NACIONAL) -- [TEXT] THE ARMY SAID.";
	CHECK_INT(text_dateline(s, strlen(s), &pe),
	          strlen("SAN SALVADOR, 3 JAN 90 (RADIO CADENA NACIONAL) -- "));
	CHECK_INT(pe, 12);
	s = "Lashkar Gah, Afghanistan: Taliban fighters attacked.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), strlen("Lashkar Gah, Afghanistan: "));
	CHECK_INT(pe, 11);
	s = "Kabul, Afghanistan (CNN) A suicide bomber struck.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), strlen("Kabul, Afghanistan (CNN) "));
	CHECK_INT(pe, 5);
	s = "Mogadishu, Somalia - Gunmen attacked a hotel.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), strlen("Mogadishu, Somalia - "));
	s = "Deir ez-Zor (AFP) - Strikes hit the town.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), strlen("Deir ez-Zor (AFP) - "));
	CHECK_INT(pe, 11);
}

static void dateline_all_caps_city_with_em_dash(void)
{
	size_t pe = 0;
	do_clean("BAIDOA \xe2\x80\x94 Gunmen ambushed a convoy on the road to the airport.");
	CHECK_INT(text_dateline(clean, strlen(clean), &pe), strlen("BAIDOA - "));
	CHECK_INT(pe, 6);
}

static void dateline_not_found_in_ordinary_prose(void)
{
	size_t pe = 0;
	const char *s = "Government forces - backed by Russia - advanced.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), 0);
	s = "The army said: five were killed.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), 0);
	s = "Kabul - The city was quiet.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), 0);
	s = "Rebels (who deny it) attacked.";
	CHECK_INT(text_dateline(s, strlen(s), &pe), 0);
	s = "";
	CHECK_INT(text_dateline(s, 0, &pe), 0);
}

static void tokens_words_numbers_and_punctuation(void)
{
	const char *s = "The SDF's US-backed fighters killed 1,100 (3.5%) in Deir ez-Zor.";
	struct text_token t[32];
	size_t n = text_tokens(s, 0, strlen(s), t, 32);
	CHECK_INT(n, 14);
	CHECK(text_token_is(s, &t[0], "the"));
	CHECK(t[0].flags & TOK_CAP);
	CHECK(!(t[0].flags & TOK_UPPER));
	CHECK(text_token_is(s, &t[1], "SDF's"));
	CHECK(t[1].flags & TOK_WORD);
	CHECK(text_token_is(s, &t[2], "us-backed"));
	CHECK(t[2].flags & TOK_UPPER ? 0 : 1);
	CHECK(text_token_is(s, &t[5], "1,100"));
	CHECK(t[5].flags & TOK_NUM);
	CHECK(t[6].flags & TOK_PUNCT);
	CHECK(text_token_is(s, &t[7], "3.5"));
	CHECK(text_token_is(s, &t[12], "ez-Zor"));
	CHECK(text_token_is(s, &t[13], "."));
}

static void tokens_all_caps_words_are_flagged_upper(void)
{
	const char *s = "FMLN TERRORISTS AND A SOLDIER";
	struct text_token t[8];
	size_t n = text_tokens(s, 0, strlen(s), t, 8);
	CHECK_INT(n, 5);
	CHECK(t[0].flags & TOK_UPPER);
	CHECK(t[1].flags & TOK_UPPER);
	CHECK(!(t[3].flags & TOK_UPPER)); /* "A": one letter */
	CHECK(t[3].flags & TOK_CAP);
}

static void tokens_case_of_acronym_possessives_and_accented_names(void)
{
	const char *s = "SDF's \xc3\x89vora \xc3\xa9lite \xe1\xb8\xa4om\xe1\xb9\xa3";
	struct text_token t[8];
	size_t n = text_tokens(s, 0, strlen(s), t, 8);
	CHECK_INT(n, 4);
	CHECK(t[0].flags & TOK_UPPER);
	CHECK(t[1].flags & TOK_CAP);
	CHECK(!(t[2].flags & TOK_CAP));
	CHECK(t[3].flags & TOK_CAP);
	CHECK(!(t[3].flags & TOK_UPPER));
}

/* Runs of capitals of every length up to 20 (across the eight-byte steps
 * they are read in), then what may follow one: a space, lower case, an
 * acronym's possessive, a digit, a non-ASCII letter. */
static void tokens_capital_runs_of_any_length_end_where_the_word_does(void)
{
	static const struct {
		const char *after;
		size_t extra;    /* bytes of `after` inside the word */
		int upper_from;  /* TOK_UPPER from this run length on (0: never) */
		size_t n_tokens; /* tokens in all */
	} cases[] = {
	    {" x", 0, 2, 2}, {"ab", 2, 0, 1},       {"'S", 2, 1, 1},  {"'s x", 2, 1, 2},
	    {"5", 0, 2, 2},  {"\xc3\x89", 2, 1, 1}, {"-AB", 3, 1, 1}, {"", 0, 2, 1},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		for (size_t len = 1; len <= 20; len++) {
			char s[64];
			memset(s, 'Q', len);
			strcpy(s + len, cases[c].after);
			struct text_token t[4];
			size_t n = text_tokens(s, 0, strlen(s), t, 4);
			CHECK_INT(n, cases[c].n_tokens);
			CHECK_INT(t[0].start, 0);
			CHECK_INT(t[0].end, len + cases[c].extra);
			CHECK(t[0].flags & TOK_WORD);
			CHECK(t[0].flags & TOK_CAP);
			int upper = cases[c].upper_from && (int)len >= cases[c].upper_from;
			CHECK_INT(!!(t[0].flags & TOK_UPPER), upper);
			if (test_current_failed)
				return;
		}
	}
}

static void tokens_respect_max_and_range(void)
{
	const char *s = "one two three four";
	struct text_token t[2];
	CHECK_INT(text_tokens(s, 4, strlen(s), t, 2), 2);
	CHECK(text_token_is(s, &t[0], "two"));
	CHECK(text_token_is(s, &t[1], "three"));
}

static void sentences_bounded_by_max_and_long_runs(void)
{
	struct text_span sp[3];
	const char *s = "One. Two. Three. Four. Five.";
	CHECK_INT(text_sentences(s, strlen(s), sp, 3), 3);
	/* A 10 kB run without full stops is cut into bounded pieces. */
	static char big[10001];
	for (size_t i = 0; i < 10000; i++)
		big[i] = (i % 6 == 5) ? ' ' : 'a';
	struct text_span many[MAXS];
	size_t n = text_sentences(big, 10000, many, MAXS);
	CHECK(n >= 3);
	for (size_t i = 0; i < n; i++)
		CHECK(many[i].end - many[i].start <= 4000);
}

/* Printable runs are copied 8 bytes at a time: a byte that needs work
 * (a tab, DEL, a UTF-8 lead byte) is still seen at every offset. */
static void text_clean_sees_special_bytes_at_every_offset(void)
{
	static const char *const special[] = {"\t", "\x7f", "\x01", "\xe2\x80\x9c", "\xc3\xa9"};
	static const char *const want[] = {" ", " ", " ", "\"", "\xc3\xa9"};
	char in[64], out[80], expect[80];
	uint32_t at[80];
	for (size_t k = 0; k < 5; k++)
		for (size_t off = 0; off < 24; off++) {
			size_t n = 0;
			for (size_t i = 0; i < off; i++)
				in[n++] = (char)('a' + i % 26);
			size_t sl = strlen(special[k]);
			memcpy(in + n, special[k], sl);
			n += sl;
			memcpy(in + n, " word after", 11);
			n += 11;
			size_t m = 0;
			memcpy(expect, in, off);
			m = off;
			memcpy(expect + m, want[k], strlen(want[k]));
			m += strlen(want[k]);
			memcpy(expect + m, " word after", 11);
			m += 11;
			expect[m] = '\0';
			size_t got = text_clean(in, n, out, at);
			out[got] = '\0';
			CHECK_STR(out, expect);
		}
}

/* ascii_run() reads eight bytes at a time: every byte value, as the first
 * byte out of the class, at every offset of a run and with the text
 * ending at every length, gives the byte loop's answer. */
static void ascii_run_stops_where_the_byte_loop_stops(void)
{
	static const enum ascii_class cls[] = {ASCII_LOWER, ASCII_ALPHA, ASCII_ALNUM};
	static const char fill[] = "aZ9";
	char buf[40];
	int bad = 0;
	for (int k = 0; k < 3; k++)
		for (int c = 0; c < 256; c++)
			for (size_t off = 0; off < 20; off++)
				for (size_t len = off; len <= off + 12; len++) {
					for (size_t i = 0; i < sizeof buf; i++)
						buf[i] =
						    cls[k] == ASCII_LOWER ? 'q' : fill[i % (size_t)(k + 1)];
					buf[off] = (char)c;
					size_t want = 1;
					while (want < len && ascii_in_class((unsigned char)buf[want], cls[k]))
						want++;
					if (len == 0)
						want = 0;
					size_t got = ascii_run(buf, len ? 1 : 0, len, cls[k]);
					bad += got != want;
				}
	CHECK_INT(bad, 0);
	/* the classes themselves */
	CHECK_INT(ascii_run("abcdefghijklmnopqrstuvwxyzA", 0, 27, ASCII_LOWER), 26);
	CHECK_INT(ascii_run("ABCDEFGHIJKLMNOPQRSTUVWXYZabc@", 0, 30, ASCII_ALPHA), 29);
	CHECK_INT(ascii_run("Qz09AZaz[`{/:@", 0, 14, ASCII_ALNUM), 8);
	CHECK_INT(ascii_run("Raqqa\xc3\xa9", 0, 7, ASCII_ALPHA), 5);
	CHECK_INT(ascii_run("abc", 3, 3, ASCII_LOWER), 3);
}

/* ascii_find_upper() reads eight bytes at a time: every byte value, put
 * after a run of non-capitals at every offset, with the text ending at
 * every length, gives the byte loop's answer. */
static void ascii_find_upper_stops_where_the_byte_loop_stops(void)
{
	char buf[40];
	int bad = 0;
	for (int c = 0; c < 256; c++)
		for (size_t off = 0; off < 20; off++)
			for (size_t len = off; len <= off + 12; len++) {
				for (size_t i = 0; i < sizeof buf; i++)
					buf[i] = "a z9.\xe9@["[i % 8];
				buf[off] = (char)c;
				size_t want = 0;
				while (want < len && !(buf[want] >= 'A' && buf[want] <= 'Z'))
					want++;
				bad += ascii_find_upper(buf, 0, len) != want;
			}
	CHECK_INT(bad, 0);
	CHECK_INT(ascii_find_upper("the town of Gao", 0, 15), 12);
	CHECK_INT(ascii_find_upper("the town of Gao", 13, 15), 15);
	CHECK_INT(ascii_find_upper("@[`{\xc3\x89 Z", 0, 8), 7);
}

/* Runs without a terminator are skipped 8 bytes at a time: a full stop,
 * "!", "?" or a blank line ends the sentence at every offset. */
static void sentences_end_at_a_terminator_at_every_offset(void)
{
	static const char *const stop[] = {".", "!", "?", "\n\n"};
	char in[128];
	struct text_span sp[MAXS];
	for (size_t k = 0; k < 4; k++)
		for (size_t off = 1; off < 24; off++) {
			size_t n = 0;
			memcpy(in, "Fighters ", 9);
			n = 9;
			for (size_t i = 0; i < off; i++)
				in[n++] = (char)('a' + i % 26);
			size_t first_end = n + (stop[k][0] == '\n' ? 0 : 1);
			memcpy(in + n, stop[k], strlen(stop[k]));
			n += strlen(stop[k]);
			memcpy(in + n, " The army said.", 16);
			size_t ns = text_sentences(in, strlen(in), sp, MAXS);
			CHECK_INT(ns, 2);
			CHECK_INT(sp[0].end, first_end);
		}
}

/* The inline form the frames use answers as text_token_is() for every
 * token and word: a literal word or one from a table, another case, a
 * longer or shorter word, bytes that differ only in 0x20 but are no
 * letters ("@" and "`"), the empty word. */
static void token_is_inline_agrees_with_token_is(void)
{
	const char *s = "After the US-backed SDF's raid, 1,100 @ ` Killed in Deir ez-Zor.";
	static const char *const words[] = {"after",     "AFTER", "afte", "afterwards", "the",  "us-backed",
	                                    "US-BACKED", "sdf's", "SDF",  "raid",       ",",    "1,100",
	                                    "1,10",      "@",     "`",    "killed",     "kill", "in",
	                                    "ez-zor",    ".",     "",     "deir",       "Deir", NULL};
	struct text_token t[32];
	size_t n = text_tokens(s, 0, strlen(s), t, 32);
	CHECK(n > 10);
	for (size_t i = 0; i < n; i++)
		for (size_t w = 0; words[w]; w++)
			CHECK_INT(text_token_is_inline(s, &t[i], words[w]),
			          text_token_is(s, &t[i], words[w]));
	/* with literal words, as the frames call it */
	CHECK(text_token_is_inline(s, &t[0], "after"));
	CHECK(text_token_is_inline(s, &t[0], "AFTER"));
	CHECK(!text_token_is_inline(s, &t[0], "afte"));
	CHECK(!text_token_is_inline(s, &t[0], "afterwards"));
	CHECK(!text_token_is_inline(s, &t[0], ""));
	/* an empty token equals only the empty word */
	struct text_token empty = {3, 3, TOK_WORD};
	CHECK(text_token_is_inline(s, &empty, ""));
	CHECK(!text_token_is_inline(s, &empty, "a"));
	/* "@" and "`" differ only in 0x20 and are no letters: not equal */
	const char *q = "@";
	struct text_token at = {0, 1, TOK_PUNCT};
	CHECK(text_token_is_inline(q, &at, "@"));
	CHECK(!text_token_is_inline(q, &at, "`"));
}

int main(void)
{
	RUN(token_is_inline_agrees_with_token_is);
	RUN(text_clean_turns_curly_quotes_and_dashes_into_ascii);
	RUN(text_clean_keeps_printable_ascii_and_newlines);
	RUN(text_clean_map_of_ascii_runs_of_any_length);
	RUN(text_clean_spaces_and_zero_widths);
	RUN(text_clean_pads_em_dash_between_words);
	RUN(text_clean_invalid_utf8_becomes_question_mark);
	RUN(text_clean_map_points_evidence_back_at_original_words);
	RUN(sentences_survive_titles_and_abbreviations);
	RUN(sentences_every_listed_abbreviation_is_kept_inside);
	RUN(sentences_end_after_lookalikes_of_abbreviations);
	RUN(sentences_split_after_us_before_a_sentence_opener);
	RUN(sentences_keep_initials_with_names);
	RUN(sentences_end_after_a_closing_quote);
	RUN(sentences_quote_running_over_sentences_is_flagged);
	RUN(sentences_do_not_split_before_lower_case);
	RUN(sentences_blank_line_always_ends_a_sentence);
	RUN(sentences_heading_line_between_dashes_is_its_own_span);
	RUN(sentences_heading_from_curly_dashes_after_clean);
	RUN(sentences_decimals_and_ellipses);
	RUN(sentences_all_caps_wire_text);
	RUN(dateline_colon_after_city);
	RUN(dateline_agency_forms);
	RUN(dateline_all_caps_city_with_em_dash);
	RUN(dateline_not_found_in_ordinary_prose);
	RUN(tokens_words_numbers_and_punctuation);
	RUN(tokens_all_caps_words_are_flagged_upper);
	RUN(tokens_case_of_acronym_possessives_and_accented_names);
	RUN(tokens_capital_runs_of_any_length_end_where_the_word_does);
	RUN(tokens_respect_max_and_range);
	RUN(sentences_bounded_by_max_and_long_runs);
	RUN(text_hostile_input_keeps_every_invariant);
	RUN(text_clean_sees_special_bytes_at_every_offset);
	RUN(sentences_end_at_a_terminator_at_every_offset);
	RUN(ascii_run_stops_where_the_byte_loop_stops);
	RUN(ascii_find_upper_stops_where_the_byte_loop_stops);
	TEST_DONE();
}
