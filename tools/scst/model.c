// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: the in-memory model of an SCST configuration.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
}

static void attrs_free(struct attr_list *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].value);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void names_free(struct name_list *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void lun_free(struct lun *lun)
{
	free(lun->dev);
	attrs_free(&lun->attrs);
}

static void luns_free(struct lun_map *map)
{
	unsigned int i;

	for (i = 0; i < map->n; i++)
		lun_free(&map->v[i]);
	free(map->v);
	memset(map, 0, sizeof(*map));
}

static void group_free(struct group *grp)
{
	free(grp->name);
	luns_free(&grp->luns);
	names_free(&grp->inis);
}

static void target_free(struct target *tgt)
{
	unsigned int i;

	free(tgt->driver);
	free(tgt->name);
	attrs_free(&tgt->attrs);
	names_free(&tgt->sessions);
	luns_free(&tgt->luns);
	for (i = 0; i < tgt->n_groups; i++)
		group_free(&tgt->groups[i]);
	free(tgt->groups);
}

static void device_free(struct device *dev)
{
	free(dev->handler);
	free(dev->name);
	attrs_free(&dev->attrs);
}

void model_free(struct model *m)
{
	unsigned int i;

	for (i = 0; i < m->n_devs; i++)
		device_free(&m->devs[i]);
	free(m->devs);
	for (i = 0; i < m->n_tgts; i++)
		target_free(&m->tgts[i]);
	free(m->tgts);
	model_init(m);
}

static void attrs_copy(struct attr_list *dst, const struct attr_list *src)
{
	unsigned int i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++) {
		struct attr *a = attr_set(dst, src->v[i].name, src->v[i].value);

		a->loc = src->v[i].loc;
		a->vloc = src->v[i].vloc;
	}
}

static void names_copy(struct name_list *dst, const struct name_list *src)
{
	unsigned int i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++)
		name_list_add(dst, src->v[i].s)->loc = src->v[i].loc;
}

static void luns_copy(struct lun_map *dst, const struct lun_map *src)
{
	unsigned int i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++) {
		const struct lun *s = &src->v[i];
		struct lun *d = lun_map_add(dst, s->nr);

		d->dev = s->dev ? xstrdup(s->dev) : NULL;
		attrs_copy(&d->attrs, &s->attrs);
		d->loc = s->loc;
		d->dev_loc = s->dev_loc;
	}
}

void model_copy(struct model *dst, const struct model *src)
{
	unsigned int i, j;

	model_init(dst);
	for (i = 0; i < src->n_devs; i++) {
		const struct device *s = &src->devs[i];
		struct device *d = model_add_device(dst, s->handler, s->name);

		d->loc = s->loc;
		attrs_copy(&d->attrs, &s->attrs);
	}
	for (i = 0; i < src->n_tgts; i++) {
		const struct target *s = &src->tgts[i];
		struct target *d = model_add_target(dst, s->driver, s->name);

		d->loc = s->loc;
		attrs_copy(&d->attrs, &s->attrs);
		names_copy(&d->sessions, &s->sessions);
		luns_copy(&d->luns, &s->luns);
		for (j = 0; j < s->n_groups; j++) {
			const struct group *sg = &s->groups[j];
			struct group *dg = target_add_group(d, sg->name);

			dg->loc = sg->loc;
			luns_copy(&dg->luns, &sg->luns);
			names_copy(&dg->inis, &sg->inis);
		}
	}
}

struct device *model_add_device(struct model *m, const char *handler,
				const char *name)
{
	struct device *dev;

	m->devs = grow(m->devs, sizeof(*m->devs), m->n_devs, &m->cap_devs);
	dev = &m->devs[m->n_devs++];
	memset(dev, 0, sizeof(*dev));
	dev->handler = xstrdup(handler);
	dev->name = xstrdup(name);
	return dev;
}

struct device *model_find_device(const struct model *m, const char *name)
{
	unsigned int i;

	for (i = 0; i < m->n_devs; i++)
		if (!strcmp(m->devs[i].name, name))
			return &m->devs[i];
	return NULL;
}

void model_del_device(struct model *m, struct device *dev)
{
	unsigned int i = dev - m->devs;

	device_free(dev);
	memmove(dev, dev + 1, (m->n_devs - i - 1) * sizeof(*dev));
	m->n_devs--;
}

struct target *model_add_target(struct model *m, const char *driver,
				const char *name)
{
	struct target *tgt;

	m->tgts = grow(m->tgts, sizeof(*m->tgts), m->n_tgts, &m->cap_tgts);
	tgt = &m->tgts[m->n_tgts++];
	memset(tgt, 0, sizeof(*tgt));
	tgt->driver = xstrdup(driver);
	tgt->name = xstrdup(name);
	return tgt;
}

struct target *model_find_target(const struct model *m, const char *driver,
				 const char *name)
{
	unsigned int i;

	for (i = 0; i < m->n_tgts; i++)
		if (!strcmp(m->tgts[i].driver, driver) &&
		    !strcmp(m->tgts[i].name, name))
			return &m->tgts[i];
	return NULL;
}

void model_del_target(struct model *m, struct target *tgt)
{
	unsigned int i = tgt - m->tgts;

	target_free(tgt);
	memmove(tgt, tgt + 1, (m->n_tgts - i - 1) * sizeof(*tgt));
	m->n_tgts--;
}

struct group *target_add_group(struct target *tgt, const char *name)
{
	struct group *grp;

	tgt->groups = grow(tgt->groups, sizeof(*tgt->groups), tgt->n_groups,
			   &tgt->cap_groups);
	grp = &tgt->groups[tgt->n_groups++];
	memset(grp, 0, sizeof(*grp));
	grp->name = xstrdup(name);
	return grp;
}

struct group *target_find_group(const struct target *tgt, const char *name)
{
	unsigned int i;

	for (i = 0; i < tgt->n_groups; i++)
		if (!strcmp(tgt->groups[i].name, name))
			return &tgt->groups[i];
	return NULL;
}

void target_del_group(struct target *tgt, struct group *grp)
{
	unsigned int i = grp - tgt->groups;

	group_free(grp);
	memmove(grp, grp + 1, (tgt->n_groups - i - 1) * sizeof(*grp));
	tgt->n_groups--;
}

struct lun *lun_map_add(struct lun_map *map, unsigned int nr)
{
	struct lun *lun;

	map->v = grow(map->v, sizeof(*map->v), map->n, &map->cap);
	lun = &map->v[map->n++];
	memset(lun, 0, sizeof(*lun));
	lun->nr = nr;
	return lun;
}

struct lun *lun_map_find(const struct lun_map *map, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < map->n; i++)
		if (map->v[i].nr == nr)
			return &map->v[i];
	return NULL;
}

void lun_map_del(struct lun_map *map, struct lun *lun)
{
	unsigned int i = lun - map->v;

	lun_free(lun);
	memmove(lun, lun + 1, (map->n - i - 1) * sizeof(*lun));
	map->n--;
}

struct attr *attr_find(const struct attr_list *l, const char *name)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

const char *attr_get(const struct attr_list *l, const char *name)
{
	struct attr *a = attr_find(l, name);

	return a ? a->value : NULL;
}

struct attr *attr_add(struct attr_list *l, const char *name,
		      const char *value)
{
	struct attr *a;

	l->v = grow(l->v, sizeof(*l->v), l->n, &l->cap);
	a = &l->v[l->n++];
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	a->value = xstrdup(value);
	return a;
}

struct attr *attr_set(struct attr_list *l, const char *name,
		      const char *value)
{
	struct attr *a = attr_find(l, name);

	if (!a)
		return attr_add(l, name, value);
	free(a->value);
	a->value = xstrdup(value);
	return a;
}

void attr_del(struct attr_list *l, const char *name)
{
	struct attr *a = attr_find(l, name);
	unsigned int i;

	if (!a)
		return;
	i = a - l->v;
	free(a->name);
	free(a->value);
	memmove(a, a + 1, (l->n - i - 1) * sizeof(*a));
	l->n--;
}

struct name *name_list_add(struct name_list *l, const char *s)
{
	struct name *n;

	l->v = grow(l->v, sizeof(*l->v), l->n, &l->cap);
	n = &l->v[l->n++];
	memset(n, 0, sizeof(*n));
	n->s = xstrdup(s);
	return n;
}

struct name *name_list_find(const struct name_list *l, const char *s)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].s, s))
			return &l->v[i];
	return NULL;
}

void name_list_del(struct name_list *l, const char *s)
{
	struct name *n = name_list_find(l, s);
	unsigned int i;

	if (!n)
		return;
	i = n - l->v;
	free(n->s);
	memmove(n, n + 1, (l->n - i - 1) * sizeof(*n));
	l->n--;
}

static int cmp_attr(const void *a, const void *b)
{
	return strcmp(((const struct attr *)a)->name,
		      ((const struct attr *)b)->name);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->s,
		      ((const struct name *)b)->s);
}

static int cmp_lun(const void *a, const void *b)
{
	unsigned int x = ((const struct lun *)a)->nr;
	unsigned int y = ((const struct lun *)b)->nr;

	return x < y ? -1 : x > y;
}

static int cmp_device(const void *a, const void *b)
{
	return strcmp(((const struct device *)a)->name,
		      ((const struct device *)b)->name);
}

static int cmp_target(const void *a, const void *b)
{
	const struct target *x = a, *y = b;
	int r = strcmp(x->driver, y->driver);

	return r ? r : strcmp(x->name, y->name);
}

static void sort_attrs(struct attr_list *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_attr);
}

static void sort_names(struct name_list *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_name);
}

static void sort_luns(struct lun_map *map)
{
	unsigned int i;

	if (map->n)
		qsort(map->v, map->n, sizeof(*map->v), cmp_lun);
	for (i = 0; i < map->n; i++)
		sort_attrs(&map->v[i].attrs);
}

void model_sort(struct model *m)
{
	unsigned int i, j;

	if (m->n_devs)
		qsort(m->devs, m->n_devs, sizeof(*m->devs), cmp_device);
	for (i = 0; i < m->n_devs; i++)
		sort_attrs(&m->devs[i].attrs);
	if (m->n_tgts)
		qsort(m->tgts, m->n_tgts, sizeof(*m->tgts), cmp_target);
	for (i = 0; i < m->n_tgts; i++) {
		struct target *tgt = &m->tgts[i];

		sort_attrs(&tgt->attrs);
		sort_names(&tgt->sessions);
		sort_luns(&tgt->luns);
		for (j = 0; j < tgt->n_groups; j++) {
			sort_luns(&tgt->groups[j].luns);
			sort_names(&tgt->groups[j].inis);
		}
	}
}

static bool str_equal(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static bool attrs_equal(const struct attr_list *a, const struct attr_list *b)
{
	unsigned int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, b->v[i].name) ||
		    strcmp(a->v[i].value, b->v[i].value))
			return false;
	return true;
}

static bool names_equal(const struct name_list *a, const struct name_list *b)
{
	unsigned int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].s, b->v[i].s))
			return false;
	return true;
}

static bool luns_equal(const struct lun_map *a, const struct lun_map *b)
{
	unsigned int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->v[i].nr != b->v[i].nr ||
		    !str_equal(a->v[i].dev, b->v[i].dev) ||
		    !attrs_equal(&a->v[i].attrs, &b->v[i].attrs))
			return false;
	return true;
}

static bool target_equal(const struct target *a, const struct target *b)
{
	unsigned int i;

	if (strcmp(a->driver, b->driver) || strcmp(a->name, b->name) ||
	    !attrs_equal(&a->attrs, &b->attrs) ||
	    !names_equal(&a->sessions, &b->sessions) ||
	    !luns_equal(&a->luns, &b->luns) || a->n_groups != b->n_groups)
		return false;
	for (i = 0; i < a->n_groups; i++)
		if (strcmp(a->groups[i].name, b->groups[i].name) ||
		    !luns_equal(&a->groups[i].luns, &b->groups[i].luns) ||
		    !names_equal(&a->groups[i].inis, &b->groups[i].inis))
			return false;
	return true;
}

bool model_equal(const struct model *a, const struct model *b)
{
	unsigned int i;

	if (a->n_devs != b->n_devs || a->n_tgts != b->n_tgts)
		return false;
	for (i = 0; i < a->n_devs; i++)
		if (strcmp(a->devs[i].handler, b->devs[i].handler) ||
		    strcmp(a->devs[i].name, b->devs[i].name) ||
		    !attrs_equal(&a->devs[i].attrs, &b->devs[i].attrs))
			return false;
	for (i = 0; i < a->n_tgts; i++)
		if (!target_equal(&a->tgts[i], &b->tgts[i]))
			return false;
	return true;
}
