/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scstadmin: read the running configuration from SCST's configfs tree.
 */
#ifndef SCSTADMIN_CONFIGFS_H
#define SCSTADMIN_CONFIGFS_H

#include <stdbool.h>

#include "model.h"
#include "util.h"

#define CFS_ROOT	"/sys/kernel/config/scst"
#define CFS_POSSIBLE	"/sys/devices/system/cpu/possible"

/*
 * Read the configuration under @root (a tree as CFS_ROOT has it) into @m,
 * normalized and sorted as a validated file would be. @cpus is the list of
 * possible CPUs, which a target's cpu_mask shows by default (NULL if not
 * known). Problems go to @d. Returns true if there was none.
 */
bool cfs_read(const char *root, const char *cpus, struct model *m,
	      struct diag *d);

/*
 * Leave out of @m the cpu_mask attributes that list all of @cpus, the
 * possible CPUs: such a mask is the default (all), as a running target
 * shows it.
 */
void cfs_normalize_cpus(struct model *m, const char *cpus);

/* The possible CPUs, as CFS_POSSIBLE lists them (allocated), or NULL. */
char *cfs_possible_cpus(void);

#endif
