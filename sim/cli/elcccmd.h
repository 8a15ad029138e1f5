/* elcccmd.h — `ecsim elcc`: the capacity credit of wind, PV or storage by
 * equivalent firm capacity (sim/jobs/elcc.h, docs/adequacy.md). */
#ifndef ECSIM_ELCCCMD_H
#define ECSIM_ELCCCMD_H

int elcc_main(int argc, char **argv);

#endif
