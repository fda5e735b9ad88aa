// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: apply steps to a model by the rules of the kernel's configfs
 * interface (Documentation/scst/configfs.rst). The planner runs its steps
 * through here to check their order and to learn how to undo them.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "plan.h"
#include "schema.h"

void step_add(struct step_list *l, enum step_op op, const char *path,
	      const char *value)
{
	struct step *s;

	l->v = grow(l->v, sizeof(*l->v), l->n, &l->cap);
	s = &l->v[l->n++];
	memset(s, 0, sizeof(*s));
	s->op = op;
	s->path = xstrdup(path);
	s->value = value ? xstrdup(value) : NULL;
}

void step_list_free(struct step_list *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].value);
		step_list_free(&l->v[i].undo);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void step_print(struct strbuf *out, const struct step *s)
{
	static const char *const ops[] = {
		[OP_MKDIR] = "mkdir",
		[OP_RMDIR] = "rmdir",
		[OP_WRITE] = "write",
		[OP_LINK] = "link",
		[OP_UNLINK] = "unlink",
	};

	sb_adds(out, ops[s->op]);
	sb_addc(out, ' ');
	conf_quote(out, s->path);
	if (s->value) {
		sb_addc(out, ' ');
		conf_quote(out, s->value);
	}
	sb_addc(out, '\n');
}

/* A path taken apart */
struct spath {
	const char *path;
	char *buf;		/* the path's components, NUL terminated */
	char *c[9];
	unsigned int n;
	struct device *dev;
	const struct handler_def *h;
	struct target *tgt;
	struct group *grp;
	struct lun_map *map;
	struct lun *lun;
	const char *leaf;	/* what the path names in its parent */
};

enum spath_kind {
	SP_BAD,
	SP_DEV,
	SP_DEV_ATTR,
	SP_TGT,
	SP_TGT_ATTR,
	SP_SESS,
	SP_GROUP,
	SP_INI,
	SP_LUN,
	SP_LUN_ATTR,
	SP_LUN_LINK,
};

/*
 * Take @path apart and find the objects it names in @m (those that exist);
 * the kind of path, or SP_BAD.
 */
static enum spath_kind parse_path(struct model *m, const char *path,
				  struct spath *sp)
{
	unsigned int nr, i = 3;
	char *p;

	memset(sp, 0, sizeof(*sp));
	sp->path = path;
	sp->buf = xstrdup(path);
	for (p = sp->buf; sp->n < ARRAY_SIZE(sp->c); ) {
		sp->c[sp->n++] = p;
		p = strchr(p, '/');
		if (!p)
			break;
		*p++ = '\0';
	}
	if (p || sp->n < 3)
		return SP_BAD;
	sp->leaf = sp->c[sp->n - 1];
	if (!strcmp(sp->c[0], "handlers")) {
		sp->h = schema_handler(sp->c[1]);
		sp->dev = model_find_device(m, sp->c[2]);
		if (sp->dev && strcmp(sp->dev->handler, sp->c[1]))
			sp->dev = NULL;
		return sp->n == 3 ? SP_DEV : sp->n == 4 ? SP_DEV_ATTR : SP_BAD;
	}
	if (strcmp(sp->c[0], "targets"))
		return SP_BAD;
	sp->tgt = model_find_target(m, sp->c[1], sp->c[2]);
	if (sp->n == 3)
		return SP_TGT;
	if (sp->n == 4)
		return SP_TGT_ATTR;
	if (!strcmp(sp->c[3], "sessions"))
		return sp->n == 5 ? SP_SESS : SP_BAD;
	if (sp->tgt)
		sp->map = &sp->tgt->luns;
	if (!strcmp(sp->c[3], "ini_groups")) {
		if (sp->tgt)
			sp->grp = target_find_group(sp->tgt, sp->c[4]);
		sp->map = sp->grp ? &sp->grp->luns : NULL;
		if (sp->n == 5)
			return SP_GROUP;
		if (!strcmp(sp->c[5], "initiators"))
			return sp->n == 7 ? SP_INI : SP_BAD;
		if (strcmp(sp->c[5], "luns"))
			return SP_BAD;
		i = 5;
	} else if (strcmp(sp->c[3], "luns")) {
		return SP_BAD;
	}
	if (sp->n < i + 2 || sp->n > i + 3 || !schema_parse_lun(sp->c[i + 1], &nr))
		return SP_BAD;
	if (sp->map)
		sp->lun = lun_map_find(sp->map, nr);
	if (sp->n == i + 2)
		return SP_LUN;
	return strcmp(sp->leaf, "device") ? SP_LUN_ATTR : SP_LUN_LINK;
}

static bool dev_enabled(const struct device *dev)
{
	return !attr_get(&dev->attrs, "enable");
}

static bool dev_mapped(const struct model *m, const struct device *dev)
{
	unsigned int i, j, k;

	for (i = 0; i < m->n_tgts; i++) {
		const struct target *tgt = &m->tgts[i];

		for (k = 0; k < tgt->luns.n; k++)
			if (tgt->luns.v[k].dev &&
			    !strcmp(tgt->luns.v[k].dev, dev->name))
				return true;
		for (j = 0; j < tgt->n_groups; j++)
			for (k = 0; k < tgt->groups[j].luns.n; k++)
				if (tgt->groups[j].luns.v[k].dev &&
				    !strcmp(tgt->groups[j].luns.v[k].dev,
					    dev->name))
					return true;
	}
	return false;
}

/* Set attribute @def of @l to @value, leaving a default value out. */
static void set_attr(struct attr_list *l, const struct attr_def *def,
		     const struct handler_def *h, const char *dev,
		     const char *value)
{
	if (schema_is_default(def, h, dev, value))
		attr_del(l, def->name);
	else
		attr_set(l, def->name, value);
}

/* Undo steps that write back the non-default attributes of @l. */
static void undo_attrs(struct step_list *undo, const char *dir,
		       const struct attr_list *l, const struct attr_def *defs,
		       unsigned int n_defs)
{
	unsigned int i;

	for (i = 0; i < n_defs; i++) {
		const char *v = attr_get(l, defs[i].name);
		char *path;

		if (!v || (defs[i].flags & AF_ENABLE))
			continue;
		path = xasprintf("%s/%s", dir, defs[i].name);
		step_add(undo, OP_WRITE, path, v);
		free(path);
	}
}

/* Can device @dev be enabled? */
static bool can_enable(const struct device *dev, const struct handler_def *h,
		       struct strbuf *why)
{
	const struct attr_def *size_def, *bs_def;
	const char *fn = attr_get(&dev->attrs, "filename");
	char *size, *bs;
	bool ok;

	if (h->needs_filename && (!fn || !*fn)) {
		sb_adds(why, "EINVAL: no filename");
		return false;
	}
	if ((h->mask & H_VCDROM) && (attr_get(&dev->attrs, "read_only") ||
				     attr_get(&dev->attrs, "blocksize"))) {
		sb_adds(why, "EINVAL: a CD-ROM is read-only with 2048-byte blocks");
		return false;
	}
	size_def = schema_attr(h->attrs, h->n_attrs, "size");
	if (!size_def)
		return true;
	bs_def = schema_attr(h->attrs, h->n_attrs, "blocksize");
	size = schema_value(size_def, &dev->attrs, h, dev->name);
	bs = schema_value(bs_def, &dev->attrs, h, dev->name);
	ok = !(strtoull(size, NULL, 10) % strtoull(bs, NULL, 10));
	if (!ok)
		sb_adds(why, "EINVAL: the size is not a multiple of the block size");
	free(size);
	free(bs);
	return ok;
}

static bool write_dev_attr(struct model *m, struct spath *sp,
			   const char *value, struct step_list *undo,
			   struct strbuf *why)
{
	const struct handler_def *h = sp->h;
	struct device *dev = sp->dev;
	const struct attr_def *def;
	char *canon, *old, *bs;
	bool ok;

	def = schema_attr(h->attrs, h->n_attrs, sp->leaf);
	if (!def) {
		sb_adds(why, "no such attribute");
		return false;
	}
	if (!schema_check(def, value, &canon, why))
		return false;
	ok = !strcmp(canon, value);
	free(canon);
	if (!ok) {
		sb_adds(why, "not in canonical form");
		return false;
	}
	if (def->flags & AF_ENABLE) {
		if (!strcmp(value, "0") && dev_mapped(m, dev)) {
			sb_adds(why, "EBUSY: a LUN maps the device");
			return false;
		}
		if (!strcmp(value, "1") && !dev_enabled(dev) &&
		    !can_enable(dev, h, why))
			return false;
	} else if (dev_enabled(dev) && !(def->flags & AF_LIVE)) {
		sb_adds(why, "EBUSY: the device is enabled");
		return false;
	} else if (!strcmp(def->name, "size")) {
		bs = schema_value(schema_attr(h->attrs, h->n_attrs,
					      "blocksize"),
				  &dev->attrs, h, dev->name);
		ok = !(strtoull(value, NULL, 10) % strtoull(bs, NULL, 10));
		free(bs);
		if (!ok) {
			sb_adds(why, "EINVAL: not a multiple of the block size");
			return false;
		}
	}
	old = schema_value(def, &dev->attrs, h, dev->name);
	if (undo)
		step_add(undo, OP_WRITE, sp->path, old);
	free(old);
	set_attr(&dev->attrs, def, h, dev->name, value);
	return true;
}

static bool write_tgt_attr(struct spath *sp, const char *value,
			   struct step_list *undo, struct strbuf *why)
{
	const struct attr_def *def;
	char *canon, *old;

	def = schema_attr(schema_tgt_attrs, schema_n_tgt_attrs, sp->leaf);
	if (!def) {
		sb_adds(why, "no such attribute");
		return false;
	}
	if (!schema_check(def, value, &canon, why))
		return false;
	if (strcmp(canon, value)) {
		sb_adds(why, "not in canonical form");
		free(canon);
		return false;
	}
	free(canon);
	old = schema_value(def, &sp->tgt->attrs, NULL, NULL);
	if (undo)
		step_add(undo, OP_WRITE, sp->path, old);
	free(old);
	set_attr(&sp->tgt->attrs, def, NULL, NULL, value);
	return true;
}

static bool write_lun_attr(struct spath *sp, const char *value,
			   struct step_list *undo, struct strbuf *why)
{
	const struct attr_def *def;
	char *canon, *old;

	def = schema_attr(schema_lun_attrs, schema_n_lun_attrs, sp->leaf);
	if (!def) {
		sb_adds(why, "no such attribute");
		return false;
	}
	if (sp->lun->dev) {
		sb_adds(why, "EBUSY: a device is linked");
		return false;
	}
	if (!schema_check(def, value, &canon, why))
		return false;
	free(canon);
	old = schema_value(def, &sp->lun->attrs, NULL, NULL);
	if (undo)
		step_add(undo, OP_WRITE, sp->path, old);
	free(old);
	set_attr(&sp->lun->attrs, def, NULL, NULL, value);
	return true;
}

static bool do_mkdir(struct model *m, enum spath_kind kind, struct spath *sp,
		     struct step_list *undo, struct strbuf *why)
{
	struct strbuf err;
	struct device *dev;
	struct target *tgt;
	bool ok;

	sb_init(&err);
	switch (kind) {
	case SP_DEV:
		ok = sp->h && schema_check_name(NK_DEVICE, sp->c[2], &err);
		if (!ok)
			break;
		if (model_find_device(m, sp->c[2])) {
			sb_adds(why, "EEXIST");
			sb_free(&err);
			return false;
		}
		dev = model_add_device(m, sp->h->name, sp->c[2]);
		attr_set(&dev->attrs, "enable", "0");
		break;
	case SP_TGT:
		ok = schema_driver(sp->c[1]) &&
		     schema_check_name(NK_TARGET, sp->c[2], &err);
		if (!ok)
			break;
		if (sp->tgt) {
			sb_adds(why, "EEXIST");
			sb_free(&err);
			return false;
		}
		tgt = model_add_target(m, sp->c[1], sp->c[2]);
		attr_set(&tgt->attrs, "enable", "0");
		break;
	case SP_SESS:
		ok = sp->tgt && schema_check_name(NK_SESSION, sp->leaf, &err);
		if (!ok)
			break;
		if (attr_get(&sp->tgt->attrs, "enable")) {
			sb_adds(why, "the target is disabled");
			sb_free(&err);
			return false;
		}
		ok = !name_list_find(&sp->tgt->sessions, sp->leaf);
		if (ok)
			name_list_add(&sp->tgt->sessions, sp->leaf);
		break;
	case SP_GROUP:
		ok = sp->tgt && !sp->grp &&
		     schema_check_name(NK_GROUP, sp->leaf, &err);
		if (ok)
			target_add_group(sp->tgt, sp->leaf);
		break;
	case SP_INI:
		ok = sp->grp && !name_list_find(&sp->grp->inis, sp->leaf) &&
		     schema_check_name(NK_INITIATOR, sp->leaf, &err);
		if (ok)
			name_list_add(&sp->grp->inis, sp->leaf);
		break;
	case SP_LUN:
		ok = sp->map && !sp->lun;
		if (ok) {
			unsigned int nr;

			schema_parse_lun(sp->leaf, &nr);
			lun_map_add(sp->map, nr);
		}
		break;
	default:
		ok = false;
		break;
	}
	sb_free(&err);
	if (!ok) {
		sb_adds(why, "cannot be made");
		return false;
	}
	if (undo)
		step_add(undo, OP_RMDIR, sp->path, NULL);
	return true;
}

static bool do_rmdir(struct model *m, enum spath_kind kind, struct spath *sp,
		     struct step_list *undo, struct strbuf *why)
{
	struct step_list u = { 0 };
	const char *busy = NULL;
	char *p;

	switch (kind) {
	case SP_DEV:
		if (!sp->dev)
			break;
		if (dev_mapped(m, sp->dev)) {
			busy = "EBUSY: a LUN maps the device";
			break;
		}
		step_add(&u, OP_MKDIR, sp->path, NULL);
		undo_attrs(&u, sp->path, &sp->dev->attrs, sp->h->attrs,
			   sp->h->n_attrs);
		if (dev_enabled(sp->dev)) {
			p = xasprintf("%s/enable", sp->path);
			step_add(&u, OP_WRITE, p, "1");
			free(p);
		}
		model_del_device(m, sp->dev);
		goto done;
	case SP_TGT:
		if (!sp->tgt)
			break;
		if (sp->tgt->sessions.n || sp->tgt->luns.n ||
		    sp->tgt->n_groups) {
			busy = "ENOTEMPTY";
			break;
		}
		step_add(&u, OP_MKDIR, sp->path, NULL);
		undo_attrs(&u, sp->path, &sp->tgt->attrs, schema_tgt_attrs,
			   schema_n_tgt_attrs);
		if (!attr_get(&sp->tgt->attrs, "enable")) {
			p = xasprintf("%s/enable", sp->path);
			step_add(&u, OP_WRITE, p, "1");
			free(p);
		}
		model_del_target(m, sp->tgt);
		goto done;
	case SP_SESS:
		if (!sp->tgt || !name_list_find(&sp->tgt->sessions, sp->leaf))
			break;
		name_list_del(&sp->tgt->sessions, sp->leaf);
		/* A disabled target takes a session only while enabled */
		p = xasprintf("targets/%s/%s/enable", sp->c[1], sp->c[2]);
		if (attr_get(&sp->tgt->attrs, "enable"))
			step_add(&u, OP_WRITE, p, "1");
		step_add(&u, OP_MKDIR, sp->path, NULL);
		if (attr_get(&sp->tgt->attrs, "enable"))
			step_add(&u, OP_WRITE, p, "0");
		free(p);
		goto done;
	case SP_GROUP:
		if (!sp->grp)
			break;
		if (sp->grp->luns.n || sp->grp->inis.n) {
			busy = "ENOTEMPTY";
			break;
		}
		target_del_group(sp->tgt, sp->grp);
		step_add(&u, OP_MKDIR, sp->path, NULL);
		goto done;
	case SP_INI:
		if (!sp->grp || !name_list_find(&sp->grp->inis, sp->leaf))
			break;
		name_list_del(&sp->grp->inis, sp->leaf);
		step_add(&u, OP_MKDIR, sp->path, NULL);
		goto done;
	case SP_LUN:
		if (!sp->lun)
			break;
		if (sp->lun->dev) {
			busy = "ENOTEMPTY: a device is linked";
			break;
		}
		step_add(&u, OP_MKDIR, sp->path, NULL);
		undo_attrs(&u, sp->path, &sp->lun->attrs, schema_lun_attrs,
			   schema_n_lun_attrs);
		lun_map_del(sp->map, sp->lun);
		goto done;
	default:
		break;
	}
	sb_adds(why, busy ? busy : "ENOENT");
	step_list_free(&u);
	return false;
done:
	if (undo) {
		unsigned int i;

		for (i = 0; i < u.n; i++)
			step_add(undo, u.v[i].op, u.v[i].path, u.v[i].value);
	}
	step_list_free(&u);
	return true;
}

bool sim_apply(struct model *m, const struct step *s, struct step_list *undo,
	       struct strbuf *why)
{
	enum spath_kind kind;
	struct spath sp, lp;
	bool ok = false;
	char *p;

	kind = parse_path(m, s->path, &sp);
	memset(&lp, 0, sizeof(lp));
	switch (s->op) {
	case OP_MKDIR:
		ok = do_mkdir(m, kind, &sp, undo, why);
		break;
	case OP_RMDIR:
		ok = do_rmdir(m, kind, &sp, undo, why);
		break;
	case OP_WRITE:
		if (!s->value)
			sb_adds(why, "no value");
		else if (kind == SP_DEV_ATTR && sp.dev)
			ok = write_dev_attr(m, &sp, s->value, undo, why);
		else if (kind == SP_TGT_ATTR && sp.tgt)
			ok = write_tgt_attr(&sp, s->value, undo, why);
		else if (kind == SP_LUN_ATTR && sp.lun)
			ok = write_lun_attr(&sp, s->value, undo, why);
		else
			sb_adds(why, "ENOENT");
		break;
	case OP_LINK:
		if (kind != SP_LUN_LINK || !sp.lun || !s->value) {
			sb_adds(why, "ENOENT");
			break;
		}
		if (sp.lun->dev) {
			sb_adds(why, "EEXIST");
			break;
		}
		if (parse_path(m, s->value, &lp) != SP_DEV || !lp.dev) {
			sb_adds(why, "EINVAL: not a device");
			break;
		}
		if (!dev_enabled(lp.dev)) {
			sb_adds(why, "EINVAL: the device is disabled");
			break;
		}
		sp.lun->dev = xstrdup(lp.dev->name);
		if (undo)
			step_add(undo, OP_UNLINK, sp.path, NULL);
		ok = true;
		break;
	case OP_UNLINK:
		if (kind != SP_LUN_LINK || !sp.lun || !sp.lun->dev) {
			sb_adds(why, "ENOENT");
			break;
		}
		if (undo) {
			const struct device *dev;

			dev = model_find_device(m, sp.lun->dev);
			p = xasprintf("handlers/%s/%s", dev->handler,
				      dev->name);
			step_add(undo, OP_LINK, sp.path, p);
			free(p);
		}
		free(sp.lun->dev);
		sp.lun->dev = NULL;
		ok = true;
		break;
	}
	if (kind == SP_BAD && !ok)
		sb_adds(why, " (not an SCST path)");
	free(sp.buf);
	free(lp.buf);
	return ok;
}
