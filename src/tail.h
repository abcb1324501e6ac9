/*
 * tail.h - conflictd-tail: print the events topic for humans.
 *
 * A consumer with assign() (no group, never commits) reads the events topic
 * from an offset or a time and prints every record as a JSON line, a compact
 * human line or a multi-line block, decoding any framing the daemon or other
 * producers write (single-object, Confluent, bare datum).  Run as the program
 * conflictd-tail or as `conflictd tail ...`.
 */
#ifndef CONFLICTD_TAIL_H
#define CONFLICTD_TAIL_H

/* Exit statuses (sysexits.h where one fits). */
#define TAIL_EXIT_OK        0  /* every record printed */
#define TAIL_EXIT_UNDECODED 1  /* ran to the end, but some values could not be decoded */
#define TAIL_EXIT_USAGE     64 /* EX_USAGE: bad command line */
#define TAIL_EXIT_KAFKA     69 /* EX_UNAVAILABLE: consumer, topic or broker trouble */
#define TAIL_EXIT_OUTPUT    74 /* EX_IOERR: stdout could not be written */
#define TAIL_EXIT_CONFIG    78 /* EX_CONFIG: config or schema file refused */

/* Parse argv (argv[0] is the program name, e.g. "conflictd-tail" or "tail"),
 * run until the end (or forever with --follow, until SIGINT/SIGTERM) and
 * return an exit status.  Installs SIGINT/SIGTERM handlers for its duration
 * and restores the previous ones; never calls exit(). */
int tail_main(int argc, char **argv);

#endif
