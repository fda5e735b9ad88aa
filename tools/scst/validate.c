// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: check a parsed configuration against what the kernel
 * supports, map the attributes of SCST 3.x, and normalize the model.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "schema.h"

#define MIB	1048576ULL
/* The largest size in MiB that fits in a size in bytes */
#define MAX_MIB	(9223372036854775807ULL / MIB)

static void check_name(struct diag *d, enum name_kind kind, const char *what,
		       const char *s, struct loc loc)
{
	struct strbuf why;

	sb_init(&why);
	if (!schema_check_name(kind, s, &why))
		diag_error(d, loc.line, loc.col, "%s name '%s' %s", what, s,
			   why.buf);
	sb_free(&why);
}

/* Note that attribute @name had a bad value, if @bad is not NULL. */
static void reject(struct name_list *bad, const char *name)
{
	if (bad && !name_list_find(bad, name))
		name_list_add(bad, name);
}

/*
 * Check attribute @a, whose name in this kernel is that of @def, with
 * @value, and add its canonical value to @out. The names of attributes
 * whose value is refused go to @bad, so that the checks that look at
 * several attributes of a device keep quiet about them.
 */
static void add_attr(struct diag *d, struct attr_list *out,
		     const struct attr_def *def, const struct attr *a,
		     const char *value, const struct handler_def *h,
		     const char *dev, struct name_list *bad)
{
	struct attr *prev = attr_find(out, def->name);
	struct strbuf why;
	char *canon;

	if (prev) {
		diag_error(d, a->loc.line, a->loc.col,
			   "'%s' is already set at line %u", def->name,
			   prev->loc.line);
		return;
	}
	sb_init(&why);
	if (!schema_check(def, value, &canon, &why)) {
		diag_error(d, a->vloc.line, a->vloc.col, "'%s' %s", a->name,
			   why.buf);
		sb_free(&why);
		reject(bad, def->name);
		return;
	}
	sb_free(&why);
	if ((def->flags & AF_FIXED) && !schema_is_default(def, h, dev, canon)) {
		char *want = schema_default(def, h, dev);

		diag_error(d, a->vloc.line, a->vloc.col,
			   "'%s' must be %s on %s devices", a->name, want,
			   h->name);
		free(want);
		reject(bad, def->name);
	} else {
		prev = attr_set(out, def->name, canon);
		prev->loc = a->loc;
		prev->vloc = a->vloc;
	}
	free(canon);
}

/* Map an SCST 3.x attribute @a; false if it is not one known here. */
static bool compat_attr(struct diag *d, struct attr_list *out,
			const struct attr_def *defs, unsigned int n_defs,
			enum compat_scope scope, const struct attr *a,
			const struct handler_def *h, const char *dev,
			struct name_list *bad)
{
	const struct compat_def *c;
	unsigned long long mib;
	char *bytes, *end;

	c = schema_compat(scope, a->name, h ? h->mask : 0);
	if (!c)
		return false;
	switch (c->kind) {
	case CK_RENAME:
		diag_warn(d, a->loc.line, a->loc.col,
			  "SCST 3.x attribute '%s' is '%s' here", a->name,
			  c->to);
		add_attr(d, out, schema_attr(defs, n_defs, c->to), a, a->value,
			 h, dev, bad);
		break;
	case CK_MIB:
		mib = strtoull(a->value, &end, 10);
		if (a->value[0] < '0' || a->value[0] > '9' || *end ||
		    mib > MAX_MIB) {
			diag_error(d, a->vloc.line, a->vloc.col,
				   "'%s' must be a decimal number of MiB up to %llu",
				   a->name, MAX_MIB);
			reject(bad, c->to);
			break;
		}
		bytes = xasprintf("%llu", mib * MIB);
		diag_warn(d, a->loc.line, a->loc.col,
			  "SCST 3.x attribute '%s %s' is '%s %s' here",
			  a->name, a->value, c->to, bytes);
		add_attr(d, out, schema_attr(defs, n_defs, c->to), a, bytes,
			 h, dev, bad);
		free(bytes);
		break;
	case CK_FIXED:
		if (!strcmp(a->value, c->to))
			diag_warn(d, a->loc.line, a->loc.col,
				  "SCST 3.x attribute '%s %s' is what this kernel does; nothing to set",
				  a->name, a->value);
		else
			diag_error(d, a->vloc.line, a->vloc.col,
				   "SCST 3.x attribute '%s' can only be %s here: %s",
				   a->name, c->to, c->why);
		break;
	case CK_REFUSE:
		diag_error(d, a->loc.line, a->loc.col,
			   "SCST 3.x attribute '%s' is not supported: %s",
			   a->name, c->why);
		break;
	}
	return true;
}

/* Drop the attributes that hold their default value. */
static void drop_defaults(struct attr_list *l, const struct attr_def *defs,
			  unsigned int n_defs, const struct handler_def *h,
			  const char *dev)
{
	unsigned int i = 0;

	while (i < l->n) {
		const struct attr_def *def;

		def = schema_attr(defs, n_defs, l->v[i].name);
		if (schema_is_default(def, h, dev, l->v[i].value))
			attr_del(l, l->v[i].name);
		else
			i++;
	}
}

static void validate_device(struct diag *d, struct device *dev)
{
	const struct handler_def *h = schema_handler(dev->handler);
	const struct attr_def *def, *bs_def;
	struct name_list bad = { 0 };
	const char *enable, *filename;
	struct attr_list out = { 0 };
	const struct attr *size, *bs;
	unsigned int i;

	check_name(d, NK_DEVICE, "device", dev->name, dev->loc);
	for (i = 0; i < dev->attrs.n; i++) {
		const struct attr *a = &dev->attrs.v[i];

		def = schema_attr(h->attrs, h->n_attrs, a->name);
		if (def)
			add_attr(d, &out, def, a, a->value, h, dev->name,
				 &bad);
		else if (!compat_attr(d, &out, h->attrs, h->n_attrs,
				      CS_DEVICE, a, h, dev->name, &bad))
			diag_error(d, a->loc.line, a->loc.col,
				   "%s devices have no attribute '%s'",
				   h->name, a->name);
	}

	/* The size is a multiple of the block size */
	def = schema_attr(h->attrs, h->n_attrs, "size");
	bs_def = schema_attr(h->attrs, h->n_attrs, "blocksize");
	size = attr_find(&out, "size");
	bs = attr_find(&out, "blocksize");
	if (def && (size || bs) && !name_list_find(&bad, "size") &&
	    !name_list_find(&bad, "blocksize")) {
		char *sv = schema_value(def, &out, h, dev->name);
		char *bv = schema_value(bs_def, &out, h, dev->name);

		if (strtoull(sv, NULL, 10) % strtoull(bv, NULL, 10)) {
			const struct loc *at = size ? &size->vloc : &bs->vloc;

			diag_error(d, at->line, at->col,
				   "size %s is not a multiple of the block size %s",
				   sv, bv);
		}
		free(sv);
		free(bv);
	}

	/* An enabled file or block device has its backing store */
	enable = attr_get(&out, "enable");
	filename = attr_get(&out, "filename");
	if (h->needs_filename && (!enable || !strcmp(enable, "1")) &&
	    (!filename || !*filename) && !name_list_find(&bad, "enable") &&
	    !name_list_find(&bad, "filename"))
		diag_error(d, dev->loc.line, dev->loc.col,
			   "device '%s' needs a filename (or enable 0)",
			   dev->name);

	drop_defaults(&out, h->attrs, h->n_attrs, h, dev->name);
	for (i = 0; i < bad.n; i++)
		free(bad.v[i].s);
	free(bad.v);
	for (i = 0; i < dev->attrs.n; i++) {
		free(dev->attrs.v[i].name);
		free(dev->attrs.v[i].value);
	}
	free(dev->attrs.v);
	dev->attrs = out;
}

static void validate_luns(struct diag *d, const struct model *m,
			  struct lun_map *map, const struct name_list *foreign)
{
	unsigned int i, j;

	for (i = 0; i < map->n; i++) {
		struct lun *lun = &map->v[i];
		struct attr_list out = { 0 };
		const struct device *dev;

		dev = model_find_device(m, lun->dev);
		if (!dev) {
			if (!name_list_find(foreign, lun->dev))
				diag_error(d, lun->dev_loc.line,
					   lun->dev_loc.col,
					   "no device '%s'", lun->dev);
		} else if (attr_get(&dev->attrs, "enable")) {
			diag_error(d, lun->dev_loc.line, lun->dev_loc.col,
				   "device '%s' has enable 0 and cannot be mapped",
				   lun->dev);
		}
		for (j = 0; j < lun->attrs.n; j++) {
			const struct attr *a = &lun->attrs.v[j];
			const struct attr_def *def;

			def = schema_attr(schema_lun_attrs, schema_n_lun_attrs,
					  a->name);
			if (def)
				add_attr(d, &out, def, a, a->value, NULL, NULL,
					 NULL);
			else
				diag_error(d, a->loc.line, a->loc.col,
					   "LUNs have no attribute '%s'",
					   a->name);
		}
		drop_defaults(&out, schema_lun_attrs, schema_n_lun_attrs,
			      NULL, NULL);
		for (j = 0; j < lun->attrs.n; j++) {
			free(lun->attrs.v[j].name);
			free(lun->attrs.v[j].value);
		}
		free(lun->attrs.v);
		lun->attrs = out;
	}
}

static void validate_target(struct diag *d, const struct model *m,
			    struct target *tgt,
			    const struct name_list *foreign)
{
	struct attr_list out = { 0 };
	unsigned int i, j;

	check_name(d, NK_TARGET, "target", tgt->name, tgt->loc);
	for (i = 0; i < tgt->attrs.n; i++) {
		const struct attr *a = &tgt->attrs.v[i];
		const struct attr_def *def;
		const struct name *prev;

		if (!strcmp(a->name, "session_name")) {
			check_name(d, NK_SESSION, "session", a->value, a->vloc);
			prev = name_list_find(&tgt->sessions, a->value);
			if (prev)
				diag_error(d, a->vloc.line, a->vloc.col,
					   "session '%s' is already listed at line %u",
					   a->value, prev->loc.line);
			else
				name_list_add(&tgt->sessions,
					      a->value)->loc = a->vloc;
			continue;
		}
		def = schema_attr(schema_tgt_attrs, schema_n_tgt_attrs,
				  a->name);
		if (def)
			add_attr(d, &out, def, a, a->value, NULL, NULL, NULL);
		else if (!compat_attr(d, &out, schema_tgt_attrs,
				      schema_n_tgt_attrs, CS_TARGET, a, NULL,
				      NULL, NULL))
			diag_error(d, a->loc.line, a->loc.col,
				   "%s targets have no attribute '%s'",
				   tgt->driver, a->name);
	}
	drop_defaults(&out, schema_tgt_attrs, schema_n_tgt_attrs, NULL, NULL);
	for (i = 0; i < tgt->attrs.n; i++) {
		free(tgt->attrs.v[i].name);
		free(tgt->attrs.v[i].value);
	}
	free(tgt->attrs.v);
	tgt->attrs = out;

	validate_luns(d, m, &tgt->luns, foreign);
	for (i = 0; i < tgt->n_groups; i++) {
		struct group *grp = &tgt->groups[i];

		check_name(d, NK_GROUP, "group", grp->name, grp->loc);
		validate_luns(d, m, &grp->luns, foreign);
		for (j = 0; j < grp->inis.n; j++)
			check_name(d, NK_INITIATOR, "initiator",
				   grp->inis.v[j].s, grp->inis.v[j].loc);
	}
}

void conf_validate(struct model *m, const struct name_list *foreign,
		   struct diag *d)
{
	unsigned int i;

	/* Devices first: LUNs look at their enable. */
	for (i = 0; i < m->n_devs; i++)
		validate_device(d, &m->devs[i]);
	for (i = 0; i < m->n_tgts; i++)
		validate_target(d, m, &m->tgts[i], foreign);
	model_sort(m);
}

bool conf_load(const char *path, struct diag *d, struct model *m)
{
	struct name_list foreign = { 0 };
	unsigned int i;
	size_t len;
	char *data;
	int err;

	err = read_file(path, CONF_MAX_FILE, &data, &len);
	if (err) {
		diag_error(d, 0, 0, "%s", err == EFBIG ?
			   "file larger than 16 MiB" : strerror(err));
		return false;
	}
	conf_parse(data, len, d, m, &foreign);
	free(data);
	conf_validate(m, &foreign, d);
	for (i = 0; i < foreign.n; i++)
		free(foreign.v[i].s);
	free(foreign.v);
	return !d->errors;
}
