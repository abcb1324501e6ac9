/*
 * conflictd_tail.c - the program conflictd-tail; everything is in src/tail.c
 * so that `conflictd tail` runs the same code.
 */
#include "tail.h"

int main(int argc, char **argv)
{
	return tail_main(argc, argv);
}
