/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scstadmin: the steps that turn one configuration into another.
 *
 * A step is one configfs operation at a path relative to the SCST root
 * (/sys/kernel/config/scst): make or remove a directory, write an
 * attribute, make or remove the symbolic link of a LUN to its device.
 * Every step comes with the steps that undo it.
 */
#ifndef SCSTADMIN_PLAN_H
#define SCSTADMIN_PLAN_H

#include <stdbool.h>

#include "model.h"
#include "util.h"

enum step_op {
	OP_MKDIR,
	OP_RMDIR,
	OP_WRITE,	/* value: what to write */
	OP_LINK,	/* value: the directory linked to */
	OP_UNLINK,
};

struct step_list {
	struct step *v;
	unsigned int n, cap;
};

struct step {
	enum step_op op;
	char *path;
	char *value;
	struct step_list undo;
};

void step_add(struct step_list *l, enum step_op op, const char *path,
	      const char *value);
void step_list_free(struct step_list *l);
/* One line per step: "mkdir PATH", "write PATH VALUE", ... */
void step_print(struct strbuf *out, const struct step *s);

struct plan_opts {
	/* Allow unmapping LUNs that both configurations have. */
	bool force;
};

/*
 * Plan the steps that turn configuration @from into @to (both validated),
 * with the steps that undo them. The steps change only what differs, in an
 * order that the kernel accepts: LUNs are unmapped before their devices are
 * disabled or removed, devices are changed while disabled, and what is
 * added comes before what is removed, so that an initiator that moves
 * from one group to another always sees a LUN map. A LUN that both
 * configurations map to the same device is unmapped only if the change
 * requires it (its device must be disabled or re-created, its read_only
 * changes, its group must be re-created to keep the order of the groups)
 * and @o allows it; else the reasons go to @why, a line each, and the
 * result is false.
 */
bool plan_make(const struct model *from, const struct model *to,
	       const struct plan_opts *o, struct step_list *steps,
	       struct strbuf *why);

/*
 * How many groups of @to, from the first, @from has in the same order:
 * they stay; the others of @to are made (again) after them, as a target
 * matches initiators against its groups in the order they were made.
 */
unsigned int plan_kept_groups(const struct target *from,
			      const struct target *to);

/*
 * Apply step @s to @m by the kernel's rules. On success append the steps
 * that undo it to @undo (if not NULL) and return true; else append why the
 * kernel would refuse it to @why. The result is normalized but unsorted.
 */
bool sim_apply(struct model *m, const struct step *s, struct step_list *undo,
	       struct strbuf *why);

/*
 * Append the differences between @from and @to, a line each: "- PATH" for
 * an object that apply removes, "+ PATH" for one it makes, "- PATH VALUE"
 * and "+ PATH VALUE" for the old and new value of an attribute or LUN.
 * Returns true if there is any.
 */
bool plan_diff(const struct model *from, const struct model *to,
	       struct strbuf *out);

#endif
