/* cli.h — the `ecsim` command line (DESIGN §11). */
#ifndef ECSIM_CLI_H
#define ECSIM_CLI_H

/* Runs the command in argv; returns the process exit status. */
int cli_main(int argc, char **argv);

#endif
