/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scstadmin: what the kernel's SCST supports, as configfs shows it
 * (Documentation/ABI/testing/configfs-scst): the dev handlers and target
 * drivers, their attributes with their values and defaults, the rules for
 * object names, and how the attributes of SCST 3.x's scst.conf map to them.
 */
#ifndef SCSTADMIN_SCHEMA_H
#define SCSTADMIN_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "util.h"

enum attr_type {
	AT_BOOL,	/* 0 or 1 */
	AT_U64,		/* decimal without sign or leading zeros, min..max */
	AT_BLOCKSIZE,	/* 512, 1024, 2048 or 4096 */
	AT_IDENT,	/* printable ASCII, 1 to max characters */
	AT_PATH,	/* an absolute path, or empty */
	AT_POOL,	/* shared or per_initiator */
	AT_CPULIST,	/* a CPU list such as 0-3,8, or all */
};

enum attr_dflt {
	AD_CONST,	/* the value def */
	AD_VENDOR,	/* the dev handler's T10 vendor identification */
	AD_PRODUCT,	/* the device name, cut to max characters */
	AD_SERIAL,	/* a hash of the device name */
};

/* May be written while the device is enabled. */
#define AF_LIVE		0x1
/* Only the default value is accepted. */
#define AF_FIXED	0x2
/* The enable attribute: written after the others, 0 after mkdir. */
#define AF_ENABLE	0x4

struct attr_def {
	const char *name;
	enum attr_type type;
	unsigned long long min, max;
	enum attr_dflt dflt;
	const char *def;
	unsigned int flags;
};

/* Bits of struct handler_def.mask */
#define H_NULLIO	0x1
#define H_FILEIO	0x2
#define H_BLOCKIO	0x4
#define H_VCDROM	0x8
#define H_VDISK		(H_NULLIO | H_FILEIO | H_BLOCKIO)

struct handler_def {
	const char *name;
	const char *vendor;
	unsigned int mask;
	/* Enabling a device needs a filename. */
	bool needs_filename;
	/* In the order in which they are written. */
	const struct attr_def *attrs;
	unsigned int n_attrs;
};

struct driver_def {
	const char *name;
};

extern const struct handler_def schema_handlers[];
extern const unsigned int schema_n_handlers;
extern const struct driver_def schema_drivers[];
extern const unsigned int schema_n_drivers;
extern const struct attr_def schema_tgt_attrs[];
extern const unsigned int schema_n_tgt_attrs;
extern const struct attr_def schema_lun_attrs[];
extern const unsigned int schema_n_lun_attrs;

const struct handler_def *schema_handler(const char *name);
const struct driver_def *schema_driver(const char *name);
const struct attr_def *schema_attr(const struct attr_def *attrs,
				   unsigned int n, const char *name);

/*
 * Check @value for @a. On success store its canonical form (allocated) in
 * *@canon and return true; else append the reason to @why.
 */
bool schema_check(const struct attr_def *a, const char *value, char **canon,
		  struct strbuf *why);

/*
 * The default value of @a (allocated): for a device attribute, of device
 * @dev of handler @h; for other attributes both are NULL.
 */
char *schema_default(const struct attr_def *a, const struct handler_def *h,
		     const char *dev);
bool schema_is_default(const struct attr_def *a, const struct handler_def *h,
		       const char *dev, const char *value);
/* The value in @l, or else the default (allocated). */
char *schema_value(const struct attr_def *a, const struct attr_list *l,
		   const struct handler_def *h, const char *dev);
/* The value right after mkdir (allocated). */
char *schema_initial(const struct attr_def *a, const struct handler_def *h,
		     const char *dev);

/* The kernel's jhash(), on which the default unit serial number rests. */
uint32_t schema_jhash(const void *key, size_t len, uint32_t initval);

enum name_kind {
	NK_DEVICE,
	NK_TARGET,
	NK_GROUP,
	NK_INITIATOR,
	NK_SESSION,
};

/* Is @s a valid name of this kind? Else append the reason to @why. */
bool schema_check_name(enum name_kind kind, const char *s,
		       struct strbuf *why);

#define SCHEMA_MAX_LUN	16383

/* A LUN number: decimal without leading zeros, at most SCHEMA_MAX_LUN */
bool schema_parse_lun(const char *s, unsigned int *nr);

/* Where an SCST 3.x attribute appears in scst.conf */
enum compat_scope {
	CS_DEVICE,
	CS_TARGET,
};

enum compat_kind {
	CK_RENAME,	/* the same attribute under another name: to */
	CK_MIB,		/* a size in MiB: to is the attribute in bytes */
	CK_FIXED,	/* what this kernel always does: accepted if == to */
	CK_REFUSE,	/* not supported */
};

struct compat_def {
	enum compat_scope scope;
	const char *name;
	unsigned int handlers;	/* CS_DEVICE: the H_* it applies to */
	enum compat_kind kind;
	const char *to;
	const char *why;	/* CK_FIXED, CK_REFUSE */
};

/*
 * How the SCST 3.x attribute @name of @scope (for devices, of a handler
 * with mask @hmask) maps; NULL if it is not an SCST 3.x attribute known
 * here.
 */
const struct compat_def *schema_compat(enum compat_scope scope,
				       const char *name, unsigned int hmask);

#endif
