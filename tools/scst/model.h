/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scstadmin: the in-memory model of an SCST configuration.
 *
 * A model holds what the configuration file describes: devices (each of a
 * dev handler, with attributes), targets (each of a target driver, with
 * attributes, the sessions its users make, the LUN map of the default
 * group and the initiator groups with their own LUN maps and initiator
 * name patterns). A validated model is normalized: attributes that hold
 * their default value are left out, and everything but the initiator
 * groups, whose order matters, is sorted (see model_sort()). Two
 * normalized models describe the same configuration exactly when
 * model_equal() says so.
 */
#ifndef SCSTADMIN_MODEL_H
#define SCSTADMIN_MODEL_H

#include <stdbool.h>

/* A position in the input: line and column (byte) from 1; line 0: none. */
struct loc {
	unsigned int line, col;
};

struct attr {
	char *name;
	char *value;
	struct loc loc;		/* of the name */
	struct loc vloc;	/* of the value */
};

struct attr_list {
	struct attr *v;
	unsigned int n, cap;
};

struct name {
	char *s;
	struct loc loc;
};

struct name_list {
	struct name *v;
	unsigned int n, cap;
};

struct lun {
	unsigned int nr;
	/* The device name; NULL for a LUN directory without a link. */
	char *dev;
	struct attr_list attrs;
	struct loc loc;		/* of the LUN keyword */
	struct loc dev_loc;	/* of the device name */
};

struct lun_map {
	struct lun *v;
	unsigned int n, cap;
};

struct group {
	char *name;
	struct loc loc;
	struct lun_map luns;
	struct name_list inis;	/* initiator name patterns */
};

struct target {
	char *driver;
	char *name;
	struct loc loc;
	struct attr_list attrs;
	struct name_list sessions;	/* sessions made by the user */
	struct lun_map luns;		/* the default group's LUN map */
	struct group *groups;		/* in creation order */
	unsigned int n_groups, cap_groups;
};

struct device {
	char *handler;
	char *name;
	struct loc loc;
	struct attr_list attrs;
};

struct model {
	struct device *devs;
	unsigned int n_devs, cap_devs;
	struct target *tgts;
	unsigned int n_tgts, cap_tgts;
};

void model_init(struct model *m);
void model_free(struct model *m);
void model_copy(struct model *dst, const struct model *src);

struct device *model_add_device(struct model *m, const char *handler,
				const char *name);
struct device *model_find_device(const struct model *m, const char *name);
void model_del_device(struct model *m, struct device *dev);

struct target *model_add_target(struct model *m, const char *driver,
				const char *name);
struct target *model_find_target(const struct model *m, const char *driver,
				 const char *name);
void model_del_target(struct model *m, struct target *tgt);

struct group *target_add_group(struct target *tgt, const char *name);
struct group *target_find_group(const struct target *tgt, const char *name);
void target_del_group(struct target *tgt, struct group *grp);

struct lun *lun_map_add(struct lun_map *map, unsigned int nr);
struct lun *lun_map_find(const struct lun_map *map, unsigned int nr);
void lun_map_del(struct lun_map *map, struct lun *lun);

/* The value of attribute @name, or NULL. */
const char *attr_get(const struct attr_list *l, const char *name);
struct attr *attr_find(const struct attr_list *l, const char *name);
/* Set @name to @value (copied); returns the attribute. */
struct attr *attr_set(struct attr_list *l, const char *name,
		      const char *value);
void attr_del(struct attr_list *l, const char *name);
/* Append @name, even if it is already there (for the parser). */
struct attr *attr_add(struct attr_list *l, const char *name,
		      const char *value);

struct name *name_list_add(struct name_list *l, const char *s);
struct name *name_list_find(const struct name_list *l, const char *s);
void name_list_del(struct name_list *l, const char *s);

/*
 * Sort devices by name, targets by driver and name, attributes, sessions
 * and initiator patterns by name, LUNs by number; groups keep their order.
 */
void model_sort(struct model *m);
bool model_equal(const struct model *a, const struct model *b);

#endif
