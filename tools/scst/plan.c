// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: plan the steps from one configuration to another.
 *
 * The steps come in three phases:
 *
 * 1. What stands in the way: the sessions that go, the groups that must be
 *    re-created to keep the order of the groups, the LUN links that must
 *    go first (their device is to be disabled or re-created, or the LUN
 *    changes), and those devices.
 * 2. What is made or changed: devices, targets, LUNs and their links,
 *    groups and their initiators, sessions, the enable of targets.
 * 3. What is removed: initiators (once they are in their new groups), the
 *    LUNs that go, groups, targets, and the devices that go or are
 *    disabled.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "schema.h"

enum dev_change {
	DC_SAME,	/* attributes that differ can be written as they are */
	DC_RECONF,	/* disabled to change attributes, then enabled */
	DC_RECREATE,	/* removed and made again: the handler changes */
};

enum map_state {
	MS_KEPT,	/* the LUN map is in both */
	MS_GONE,	/* only in the old configuration */
	MS_REMADE,	/* a group made again to follow another */
};

/*
 * While the groups of a target are made again, a group made before them
 * holds their initiators, with no LUNs: they would else see the target's
 * own LUNs.
 */
struct hold {
	const struct target *tgt;
	struct name_list inis;
	char *name;
};

struct planner {
	const struct model *a, *b;
	const struct plan_opts *o;
	struct step_list *out;
	struct strbuf *why;
	bool refused;
	struct name_list unlinked;	/* paths of links removed early */
	struct hold *holds;
	unsigned int n_holds, cap_holds;
	unsigned int *kept;	/* plan_kept_groups() of each old target */
};

static __printf(4, 5) void emit(struct planner *pl, enum step_op op,
				const char *value, const char *fmt, ...)
{
	va_list ap;
	char *path;

	va_start(ap, fmt);
	path = xvasprintf(fmt, ap);
	va_end(ap);
	step_add(pl->out, op, path, value);
	free(path);
}

/* The LUN map directory of @grp of @tgt, or of @tgt itself (allocated) */
static char *map_dir(const struct target *tgt, const char *grp)
{
	if (grp)
		return xasprintf("targets/%s/%s/ini_groups/%s/luns",
				 tgt->driver, tgt->name, grp);
	return xasprintf("targets/%s/%s/luns", tgt->driver, tgt->name);
}

static const struct lun_map *find_map(const struct target *tgt,
				      const char *grp)
{
	const struct group *g;

	if (!tgt)
		return NULL;
	if (!grp)
		return &tgt->luns;
	g = target_find_group(tgt, grp);
	return g ? &g->luns : NULL;
}

unsigned int plan_kept_groups(const struct target *from,
			      const struct target *to)
{
	unsigned int i;
	long last = -1;

	for (i = 0; i < to->n_groups; i++) {
		const struct group *g = target_find_group(from,
							  to->groups[i].name);

		if (!g || g - from->groups < last)
			break;
		last = g - from->groups;
	}
	return i;
}

/* What becomes of LUN map @grp (NULL: its own) of target @ta of @pl->a */
static enum map_state group_state(struct planner *pl, const struct target *ta,
				  const struct target *tb, const char *grp)
{
	unsigned int *kept = &pl->kept[ta - pl->a->tgts];
	const struct group *gb;

	if (!tb)
		return MS_GONE;
	if (!grp)
		return MS_KEPT;
	gb = target_find_group(tb, grp);
	if (!gb)
		return MS_GONE;
	if (*kept == ~0u)
		*kept = plan_kept_groups(ta, tb);
	return gb - tb->groups < *kept ? MS_KEPT : MS_REMADE;
}

/* Does @to map LUN @nr of group @grp of @ta's twin to the same device? */
static bool lun_kept(struct planner *pl, const struct target *ta,
		     const char *grp, const struct lun *la)
{
	const struct target *tb = model_find_target(pl->b, ta->driver,
						    ta->name);
	const struct lun_map *map = find_map(tb, grp);
	const struct lun *lb = map ? lun_map_find(map, la->nr) : NULL;

	return lb && !strcmp(lb->dev, la->dev);
}

static __printf(3, 4) void refuse(struct planner *pl, const char *lun,
				  const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (pl->o->force)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	sb_addf(pl->why, "%s: unmapped %s\n", lun, msg);
	free(msg);
	pl->refused = true;
}

static bool enabled(const struct attr_list *l)
{
	return !attr_get(l, "enable");
}

/*
 * How device @da becomes @db; *@what is the first attribute that needs
 * the device disabled.
 */
static enum dev_change dev_change(const struct device *da,
				  const struct device *db, const char **what)
{
	const struct handler_def *h = schema_handler(da->handler);
	unsigned int i;

	if (strcmp(da->handler, db->handler))
		return DC_RECREATE;
	if (!enabled(&da->attrs))
		return DC_SAME;
	for (i = 0; i < h->n_attrs; i++) {
		const struct attr_def *def = &h->attrs[i];
		const char *va = attr_get(&da->attrs, def->name);
		const char *vb = attr_get(&db->attrs, def->name);

		if (def->flags & (AF_LIVE | AF_ENABLE))
			continue;
		if (va != vb && (!va || !vb || strcmp(va, vb))) {
			*what = def->name;
			return DC_RECONF;
		}
	}
	return DC_SAME;
}

/* Is @dev disabled or removed early, and why (for refuse())? */
static bool dev_down(struct planner *pl, const char *name, char **reason)
{
	const struct device *da = model_find_device(pl->a, name);
	const struct device *db = model_find_device(pl->b, name);
	const char *what = NULL;

	if (!da || !db)
		return false;
	switch (dev_change(da, db, &what)) {
	case DC_RECONF:
		*reason = xasprintf("while device '%s' is disabled to change %s",
				    name, what);
		return true;
	case DC_RECREATE:
		*reason = xasprintf("while device '%s' is made again for %s",
				    name, db->handler);
		return true;
	case DC_SAME:
		break;
	}
	return false;
}

static void unlink_lun(struct planner *pl, const char *dir,
		       const struct lun *la)
{
	char *path = xasprintf("%s/%u/device", dir, la->nr);

	step_add(pl->out, OP_UNLINK, path, NULL);
	name_list_add(&pl->unlinked, path);
	free(path);
}

static bool was_unlinked(struct planner *pl, const char *dir,
			 const struct lun *la)
{
	char *path = xasprintf("%s/%u/device", dir, la->nr);
	bool ret = name_list_find(&pl->unlinked, path);

	free(path);
	return ret;
}

/* Do the attributes of two LUNs differ? *@reason says which. */
static bool lun_attrs_differ(const struct lun *la, const struct lun *lb,
			     char **reason)
{
	unsigned int i;

	for (i = 0; i < schema_n_lun_attrs; i++) {
		const char *va = attr_get(&la->attrs, schema_lun_attrs[i].name);
		const char *vb = attr_get(&lb->attrs, schema_lun_attrs[i].name);

		if (va != vb && (!va || !vb || strcmp(va, vb))) {
			*reason = xasprintf("to change %s",
					    schema_lun_attrs[i].name);
			return true;
		}
	}
	return false;
}

/* Phase 1: the LUN links of map @grp of @ta that must go first */
static void early_unlinks(struct planner *pl, const struct target *ta,
			  const char *grp, const struct lun_map *map)
{
	const struct target *tb = model_find_target(pl->b, ta->driver,
						    ta->name);
	enum map_state st = group_state(pl, ta, tb, grp);
	const struct lun_map *mb = st == MS_KEPT ? find_map(tb, grp) : NULL;
	char *dir = map_dir(ta, grp);
	unsigned int i;

	for (i = 0; i < map->n; i++) {
		const struct lun *la = &map->v[i];
		const struct lun *lb = mb ? lun_map_find(mb, la->nr) : NULL;
		char *reason = NULL, *lun;
		bool early = false;

		if (dev_down(pl, la->dev, &reason)) {
			early = true;
		} else if (st == MS_REMADE) {
			early = true;
			reason = xasprintf("while group '%s' is made again after those before it",
					   grp);
		} else if (lb && strcmp(lb->dev, la->dev)) {
			early = true;
		} else if (lb && lun_attrs_differ(la, lb, &reason)) {
			early = true;
		}
		if (early) {
			unlink_lun(pl, dir, la);
			if (reason && lun_kept(pl, ta, grp, la)) {
				lun = xasprintf("%s/%u", dir, la->nr);
				refuse(pl, lun, "%s", reason);
				free(lun);
			}
		}
		free(reason);
	}
	free(dir);
}

/* Phase 1: the initiators of the groups of @ta made again go to a hold */
static void hold_initiators(struct planner *pl, const struct target *ta,
			    const struct target *tb)
{
	struct hold h = { .tgt = ta };
	unsigned int i, j;

	for (i = 0; i < ta->n_groups; i++) {
		const struct group *ga = &ta->groups[i];

		if (group_state(pl, ta, tb, ga->name) != MS_REMADE)
			continue;
		for (j = 0; j < ga->inis.n; j++)
			if (!name_list_find(&h.inis, ga->inis.v[j].s))
				name_list_add(&h.inis, ga->inis.v[j].s);
	}
	if (!h.inis.n)
		return;
	h.name = xstrdup("scstadmin-hold");
	i = 0;
	while (target_find_group(ta, h.name) || target_find_group(tb, h.name)) {
		free(h.name);
		h.name = xasprintf("scstadmin-hold-%u", ++i);
	}
	emit(pl, OP_MKDIR, NULL, "targets/%s/%s/ini_groups/%s", ta->driver,
	     ta->name, h.name);
	for (i = 0; i < h.inis.n; i++)
		emit(pl, OP_MKDIR, NULL,
		     "targets/%s/%s/ini_groups/%s/initiators/%s", ta->driver,
		     ta->name, h.name, h.inis.v[i].s);
	pl->holds = grow(pl->holds, sizeof(*pl->holds), pl->n_holds,
			 &pl->cap_holds);
	pl->holds[pl->n_holds++] = h;
}

/* Phase 2: the hold of @ta goes once its groups are made */
static void release_hold(struct planner *pl, const struct target *ta)
{
	unsigned int i, j;

	for (i = 0; i < pl->n_holds; i++) {
		const struct hold *h = &pl->holds[i];

		if (h->tgt != ta)
			continue;
		for (j = 0; j < h->inis.n; j++)
			emit(pl, OP_RMDIR, NULL,
			     "targets/%s/%s/ini_groups/%s/initiators/%s",
			     ta->driver, ta->name, h->name, h->inis.v[j].s);
		emit(pl, OP_RMDIR, NULL, "targets/%s/%s/ini_groups/%s",
		     ta->driver, ta->name, h->name);
	}
}

/* Phase 1: a group made again is removed first */
static void remove_remade_group(struct planner *pl, const struct target *ta,
				const struct group *ga)
{
	char *dir = map_dir(ta, ga->name);
	unsigned int i;

	for (i = 0; i < ga->inis.n; i++)
		emit(pl, OP_RMDIR, NULL, "targets/%s/%s/ini_groups/%s/initiators/%s",
		     ta->driver, ta->name, ga->name, ga->inis.v[i].s);
	for (i = 0; i < ga->luns.n; i++)
		emit(pl, OP_RMDIR, NULL, "%s/%u", dir, ga->luns.v[i].nr);
	emit(pl, OP_RMDIR, NULL, "targets/%s/%s/ini_groups/%s", ta->driver,
	     ta->name, ga->name);
	free(dir);
}

static void phase_teardown(struct planner *pl)
{
	const struct model *a = pl->a, *b = pl->b;
	unsigned int i, j;

	for (i = 0; i < a->n_tgts; i++) {
		const struct target *ta = &a->tgts[i];
		const struct target *tb = model_find_target(b, ta->driver,
							    ta->name);

		for (j = 0; j < ta->sessions.n; j++)
			if (!tb || !name_list_find(&tb->sessions,
						   ta->sessions.v[j].s))
				emit(pl, OP_RMDIR, NULL,
				     "targets/%s/%s/sessions/%s", ta->driver,
				     ta->name, ta->sessions.v[j].s);
	}
	for (i = 0; i < a->n_tgts; i++) {
		const struct target *ta = &a->tgts[i];

		early_unlinks(pl, ta, NULL, &ta->luns);
		for (j = 0; j < ta->n_groups; j++)
			early_unlinks(pl, ta, ta->groups[j].name,
				      &ta->groups[j].luns);
	}
	for (i = 0; i < a->n_tgts; i++) {
		const struct target *ta = &a->tgts[i];
		const struct target *tb = model_find_target(b, ta->driver,
							    ta->name);

		if (!tb)
			continue;
		hold_initiators(pl, ta, tb);
		for (j = 0; j < ta->n_groups; j++)
			if (group_state(pl, ta, tb, ta->groups[j].name) ==
			    MS_REMADE)
				remove_remade_group(pl, ta, &ta->groups[j]);
	}
	for (i = 0; i < a->n_devs; i++) {
		const struct device *da = &a->devs[i];
		const struct device *db = model_find_device(b, da->name);
		const char *what;
		enum dev_change dc;

		if (!db)
			continue;
		dc = dev_change(da, db, &what);
		if (dc == DC_SAME)
			continue;
		if (enabled(&da->attrs))
			emit(pl, OP_WRITE, "0", "handlers/%s/%s/enable",
			     da->handler, da->name);
		if (dc == DC_RECREATE)
			emit(pl, OP_RMDIR, NULL, "handlers/%s/%s",
			     da->handler, da->name);
	}
}

static void write_attr(struct planner *pl, const char *dir,
		       const struct attr_def *def, const struct attr_list *la,
		       const struct attr_list *lb, const struct handler_def *h,
		       const char *dev)
{
	char *va, *vb;

	va = la ? schema_value(def, la, h, dev) : schema_initial(def, h, dev);
	vb = schema_value(def, lb, h, dev);
	if (strcmp(va, vb))
		emit(pl, OP_WRITE, vb, "%s/%s", dir, def->name);
	free(va);
	free(vb);
}

/*
 * Write the attributes of @lb whose value differs from @la's (from those
 * after mkdir if @la is NULL), but enable. The kernel takes a size that is
 * a multiple of the block size the device has: a block size that grows is
 * written after the size, one that shrinks before, and steps undone in the
 * reverse order meet the same rule.
 */
static void write_attrs(struct planner *pl, const char *dir,
			const struct attr_def *defs, unsigned int n_defs,
			const struct attr_list *la, const struct attr_list *lb,
			const struct handler_def *h, const char *dev)
{
	const struct attr_def *bs = NULL;
	unsigned int i;
	char *va, *vb;

	if (h && schema_attr(defs, n_defs, "size")) {
		bs = schema_attr(defs, n_defs, "blocksize");
		va = la ? schema_value(bs, la, h, dev) :
			  schema_initial(bs, h, dev);
		vb = schema_value(bs, lb, h, dev);
		if (strtoull(vb, NULL, 10) <= strtoull(va, NULL, 10))
			bs = NULL;
		free(va);
		free(vb);
	}
	for (i = 0; i < n_defs; i++) {
		if ((defs[i].flags & AF_ENABLE) || &defs[i] == bs)
			continue;
		write_attr(pl, dir, &defs[i], la, lb, h, dev);
		if (bs && !strcmp(defs[i].name, "size"))
			write_attr(pl, dir, bs, la, lb, h, dev);
	}
}

static void build_devices(struct planner *pl)
{
	const struct model *a = pl->a, *b = pl->b;
	unsigned int i;

	for (i = 0; i < b->n_devs; i++) {
		const struct device *db = &b->devs[i];
		const struct device *da = model_find_device(a, db->name);
		const struct handler_def *h = schema_handler(db->handler);
		const char *what;
		bool was_enabled;
		char *dir;

		dir = xasprintf("handlers/%s/%s", db->handler, db->name);
		if (da && dev_change(da, db, &what) == DC_RECREATE)
			da = NULL;
		if (!da)
			emit(pl, OP_MKDIR, NULL, "%s", dir);
		was_enabled = da && enabled(&da->attrs) &&
			      dev_change(da, db, &what) == DC_SAME;
		write_attrs(pl, dir, h->attrs, h->n_attrs,
			    da ? &da->attrs : NULL, &db->attrs, h, db->name);
		if (enabled(&db->attrs) && !was_enabled)
			emit(pl, OP_WRITE, "1", "%s/enable", dir);
		free(dir);
	}
}

/* Make and link the LUNs of map @grp of @tb that need it. */
static void build_luns(struct planner *pl, const struct target *tb,
		       const char *grp, const struct lun_map *mb,
		       const struct lun_map *ma)
{
	char *dir = map_dir(tb, grp);
	unsigned int i;

	for (i = 0; i < mb->n; i++) {
		const struct lun *lb = &mb->v[i];
		const struct lun *la = ma ? lun_map_find(ma, lb->nr) : NULL;
		const struct device *dev;
		char *lun, *path;

		if (la && !was_unlinked(pl, dir, la))
			continue;
		lun = xasprintf("%s/%u", dir, lb->nr);
		if (!la)
			emit(pl, OP_MKDIR, NULL, "%s", lun);
		write_attrs(pl, lun, schema_lun_attrs, schema_n_lun_attrs,
			    la ? &la->attrs : NULL, &lb->attrs, NULL, NULL);
		dev = model_find_device(pl->b, lb->dev);
		path = xasprintf("handlers/%s/%s", dev->handler, dev->name);
		emit(pl, OP_LINK, path, "%s/device", lun);
		free(path);
		free(lun);
	}
	free(dir);
}

static void build_targets(struct planner *pl)
{
	const struct model *a = pl->a, *b = pl->b;
	unsigned int i, j, k, kept;

	for (i = 0; i < b->n_tgts; i++) {
		const struct target *tb = &b->tgts[i];
		const struct target *ta = model_find_target(a, tb->driver,
							    tb->name);
		char *dir = xasprintf("targets/%s/%s", tb->driver, tb->name);

		if (!ta)
			emit(pl, OP_MKDIR, NULL, "%s", dir);
		write_attrs(pl, dir, schema_tgt_attrs, schema_n_tgt_attrs,
			    ta ? &ta->attrs : NULL, &tb->attrs, NULL, NULL);
		free(dir);
	}
	for (i = 0; i < b->n_tgts; i++) {
		const struct target *tb = &b->tgts[i];
		const struct target *ta = model_find_target(a, tb->driver,
							    tb->name);

		build_luns(pl, tb, NULL, &tb->luns, ta ? &ta->luns : NULL);
		kept = ta ? plan_kept_groups(ta, tb) : 0;
		for (j = 0; j < tb->n_groups; j++) {
			const struct group *gb = &tb->groups[j];
			const struct group *ga = NULL;

			if (j < kept)
				ga = target_find_group(ta, gb->name);
			else
				emit(pl, OP_MKDIR, NULL,
				     "targets/%s/%s/ini_groups/%s",
				     tb->driver, tb->name, gb->name);
			build_luns(pl, tb, gb->name, &gb->luns,
				   ga ? &ga->luns : NULL);
			for (k = 0; k < gb->inis.n; k++)
				if (!ga || !name_list_find(&ga->inis,
							   gb->inis.v[k].s))
					emit(pl, OP_MKDIR, NULL,
					     "targets/%s/%s/ini_groups/%s/initiators/%s",
					     tb->driver, tb->name, gb->name,
					     gb->inis.v[k].s);
		}
		if (ta)
			release_hold(pl, ta);
	}
	/* Sessions need an enabled target. */
	for (i = 0; i < b->n_tgts; i++) {
		const struct target *tb = &b->tgts[i];
		const struct target *ta = model_find_target(a, tb->driver,
							    tb->name);
		bool on = ta && enabled(&ta->attrs);

		for (j = 0; j < tb->sessions.n; j++) {
			if (ta && name_list_find(&ta->sessions,
						 tb->sessions.v[j].s))
				continue;
			if (!on) {
				emit(pl, OP_WRITE, "1", "targets/%s/%s/enable",
				     tb->driver, tb->name);
				on = true;
			}
			emit(pl, OP_MKDIR, NULL, "targets/%s/%s/sessions/%s",
			     tb->driver, tb->name, tb->sessions.v[j].s);
		}
		if (on != enabled(&tb->attrs))
			emit(pl, OP_WRITE, on ? "0" : "1",
			     "targets/%s/%s/enable", tb->driver, tb->name);
	}
}

/* Phase 3: the LUNs of map @grp of @ta that go */
static void remove_luns(struct planner *pl, const struct target *ta,
			const char *grp, const struct lun_map *ma)
{
	const struct target *tb = model_find_target(pl->b, ta->driver,
						    ta->name);
	enum map_state st = group_state(pl, ta, tb, grp);
	const struct lun_map *mb = st == MS_KEPT ? find_map(tb, grp) : NULL;
	char *dir = map_dir(ta, grp);
	unsigned int i;

	for (i = 0; st != MS_REMADE && i < ma->n; i++) {
		const struct lun *la = &ma->v[i];

		if (mb && lun_map_find(mb, la->nr))
			continue;
		if (!was_unlinked(pl, dir, la))
			emit(pl, OP_UNLINK, NULL, "%s/%u/device", dir, la->nr);
		emit(pl, OP_RMDIR, NULL, "%s/%u", dir, la->nr);
	}
	free(dir);
}

static void phase_remove(struct planner *pl)
{
	const struct model *a = pl->a, *b = pl->b;
	unsigned int i, j, k;

	for (i = 0; i < a->n_tgts; i++) {
		const struct target *ta = &a->tgts[i];
		const struct target *tb = model_find_target(b, ta->driver,
							    ta->name);

		for (j = 0; j < ta->n_groups; j++) {
			const struct group *ga = &ta->groups[j];
			enum map_state st = group_state(pl, ta, tb, ga->name);
			const struct group *gb = st == MS_KEPT ?
				target_find_group(tb, ga->name) : NULL;

			for (k = 0; st != MS_REMADE && k < ga->inis.n; k++)
				if (!gb || !name_list_find(&gb->inis,
							   ga->inis.v[k].s))
					emit(pl, OP_RMDIR, NULL,
					     "targets/%s/%s/ini_groups/%s/initiators/%s",
					     ta->driver, ta->name, ga->name,
					     ga->inis.v[k].s);
		}
	}
	for (i = 0; i < a->n_tgts; i++) {
		const struct target *ta = &a->tgts[i];
		const struct target *tb = model_find_target(b, ta->driver,
							    ta->name);

		remove_luns(pl, ta, NULL, &ta->luns);
		for (j = 0; j < ta->n_groups; j++) {
			const struct group *ga = &ta->groups[j];

			remove_luns(pl, ta, ga->name, &ga->luns);
			if (group_state(pl, ta, tb, ga->name) == MS_GONE)
				emit(pl, OP_RMDIR, NULL,
				     "targets/%s/%s/ini_groups/%s",
				     ta->driver, ta->name, ga->name);
		}
		if (!tb)
			emit(pl, OP_RMDIR, NULL, "targets/%s/%s", ta->driver,
			     ta->name);
	}
	for (i = 0; i < a->n_devs; i++) {
		const struct device *da = &a->devs[i];
		const struct device *db = model_find_device(b, da->name);
		const char *what;

		if (db && dev_change(da, db, &what) != DC_SAME)
			continue;
		if (enabled(&da->attrs) && (!db || !enabled(&db->attrs)))
			emit(pl, OP_WRITE, "0", "handlers/%s/%s/enable",
			     da->handler, da->name);
		if (!db)
			emit(pl, OP_RMDIR, NULL, "handlers/%s/%s",
			     da->handler, da->name);
	}
}

bool plan_make(const struct model *from, const struct model *to,
	       const struct plan_opts *o, struct step_list *steps,
	       struct strbuf *why)
{
	struct planner pl = {
		.a = from, .b = to, .o = o, .out = steps, .why = why,
	};
	struct strbuf err;
	struct model cur;
	unsigned int i, j;

	pl.kept = xcalloc(from->n_tgts, sizeof(*pl.kept));
	for (i = 0; i < from->n_tgts; i++)
		pl.kept[i] = ~0u;
	phase_teardown(&pl);
	build_devices(&pl);
	build_targets(&pl);
	phase_remove(&pl);
	for (i = 0; i < pl.unlinked.n; i++)
		free(pl.unlinked.v[i].s);
	free(pl.unlinked.v);
	for (i = 0; i < pl.n_holds; i++) {
		for (j = 0; j < pl.holds[i].inis.n; j++)
			free(pl.holds[i].inis.v[j].s);
		free(pl.holds[i].inis.v);
		free(pl.holds[i].name);
	}
	free(pl.holds);
	free(pl.kept);
	if (pl.refused) {
		step_list_free(steps);
		return false;
	}

	/* Check the steps against the kernel's rules; learn their undo. */
	model_copy(&cur, from);
	sb_init(&err);
	for (i = 0; i < steps->n; i++) {
		if (!sim_apply(&cur, &steps->v[i], &steps->v[i].undo, &err)) {
			struct strbuf st;

			sb_init(&st);
			step_print(&st, &steps->v[i]);
			st.buf[st.len - 1] = '\0';
			die("internal error: the kernel would refuse '%s': %s",
			    st.buf, err.buf);
		}
	}
	model_sort(&cur);
	if (!model_equal(&cur, to))
		die("internal error: the plan does not reach the configuration");
	model_free(&cur);
	sb_free(&err);
	return true;
}
