/*
 * fuzz.h - what every libFuzzer target here shares: libFuzzer's two entry
 * points, and CHECK, which aborts on a broken invariant so that libFuzzer
 * keeps the input as a crash.
 */
#ifndef CONFLICTD_FUZZ_H
#define CONFLICTD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                          \
	do {                                                                                                 \
		if (!(cond))                                                                                 \
			abort();                                                                             \
	} while (0)

#endif
