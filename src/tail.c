/*
 * tail.c - conflictd-tail (first cut: usage only).
 */
#include <stdio.h>

#include "tail.h"

int tail_main(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "usage: %s [-c conf] [-b brokers] [-t topic]\n", argv[0]);
	return TAIL_EXIT_USAGE;
}
