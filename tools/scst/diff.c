// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: the differences between two configurations, as the paths in
 * configfs that apply changes.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "plan.h"
#include "schema.h"

struct differ {
	struct strbuf *out;
	bool any;
};

static void line(struct differ *df, char sign, const char *path,
		 const char *value)
{
	sb_addc(df->out, sign);
	sb_addc(df->out, ' ');
	conf_quote(df->out, path);
	if (value) {
		sb_addc(df->out, ' ');
		conf_quote(df->out, value);
	}
	sb_addc(df->out, '\n');
	df->any = true;
}

/* The attributes of @l that differ from those of @base (or all). */
static void attrs(struct differ *df, const char *dir,
		  const struct attr_def *defs, unsigned int n_defs,
		  const struct attr_list *base, const struct attr_list *l,
		  const struct handler_def *h, const char *dev)
{
	unsigned int i;

	for (i = 0; i < n_defs; i++) {
		char *path = xasprintf("%s/%s", dir, defs[i].name);
		char *va, *vb;

		if (!base) {
			if (attr_get(l, defs[i].name))
				line(df, '+', path, attr_get(l, defs[i].name));
			free(path);
			continue;
		}
		va = schema_value(&defs[i], base, h, dev);
		vb = schema_value(&defs[i], l, h, dev);
		if (strcmp(va, vb)) {
			line(df, '-', path, va);
			line(df, '+', path, vb);
		}
		free(va);
		free(vb);
		free(path);
	}
}

static void names(struct differ *df, const char *dir,
		  const struct name_list *a, const struct name_list *b)
{
	unsigned int i;
	char *path;

	for (i = 0; a && i < a->n; i++) {
		if (b && name_list_find(b, a->v[i].s))
			continue;
		path = xasprintf("%s/%s", dir, a->v[i].s);
		line(df, '-', path, NULL);
		free(path);
	}
	for (i = 0; i < b->n; i++) {
		if (a && name_list_find(a, b->v[i].s))
			continue;
		path = xasprintf("%s/%s", dir, b->v[i].s);
		line(df, '+', path, NULL);
		free(path);
	}
}

/* LUN map @a (may be NULL) becomes @b. */
static void luns(struct differ *df, const char *dir, const struct lun_map *a,
		 const struct lun_map *b)
{
	unsigned int i;
	char *path;

	for (i = 0; a && i < a->n; i++) {
		if (lun_map_find(b, a->v[i].nr))
			continue;
		path = xasprintf("%s/%u", dir, a->v[i].nr);
		line(df, '-', path, a->v[i].dev);
		free(path);
	}
	for (i = 0; i < b->n; i++) {
		const struct lun *lb = &b->v[i];
		const struct lun *la = a ? lun_map_find(a, lb->nr) : NULL;

		path = xasprintf("%s/%u", dir, lb->nr);
		if (la && strcmp(la->dev, lb->dev))
			line(df, '-', path, la->dev);
		if (!la || strcmp(la->dev, lb->dev))
			line(df, '+', path, lb->dev);
		attrs(df, path, schema_lun_attrs, schema_n_lun_attrs,
		      la ? &la->attrs : NULL, &lb->attrs, NULL, NULL);
		free(path);
	}
}

static void group(struct differ *df, const char *tdir, const struct group *a,
		  const struct group *b)
{
	char *dir = xasprintf("%s/ini_groups/%s", tdir, b->name);
	char *sub;

	if (!a)
		line(df, '+', dir, NULL);
	sub = xasprintf("%s/luns", dir);
	luns(df, sub, a ? &a->luns : NULL, &b->luns);
	free(sub);
	sub = xasprintf("%s/initiators", dir);
	names(df, sub, a ? &a->inis : NULL, &b->inis);
	free(sub);
	free(dir);
}

/* Target @a (may be NULL) becomes @b. */
static void target(struct differ *df, const struct target *a,
		   const struct target *b)
{
	char *dir = xasprintf("targets/%s/%s", b->driver, b->name);
	unsigned int i, kept = a ? plan_kept_groups(a, b) : 0;
	char *sub;

	if (!a)
		line(df, '+', dir, NULL);
	attrs(df, dir, schema_tgt_attrs, schema_n_tgt_attrs,
	      a ? &a->attrs : NULL, &b->attrs, NULL, NULL);
	sub = xasprintf("%s/sessions", dir);
	names(df, sub, a ? &a->sessions : NULL, &b->sessions);
	free(sub);
	sub = xasprintf("%s/luns", dir);
	luns(df, sub, a ? &a->luns : NULL, &b->luns);
	free(sub);
	for (i = 0; a && i < a->n_groups; i++) {
		const struct group *gb = target_find_group(b,
							   a->groups[i].name);

		if (gb && gb - b->groups < kept)
			continue;
		sub = xasprintf("%s/ini_groups/%s", dir, a->groups[i].name);
		line(df, '-', sub, NULL);
		free(sub);
	}
	for (i = 0; i < b->n_groups; i++)
		group(df, dir, i < kept ?
		      target_find_group(a, b->groups[i].name) : NULL,
		      &b->groups[i]);
	free(dir);
}

bool plan_diff(const struct model *from, const struct model *to,
	       struct strbuf *out)
{
	struct differ df = { .out = out };
	unsigned int i;
	char *dir;

	for (i = 0; i < from->n_devs; i++) {
		const struct device *a = &from->devs[i];
		const struct device *b = model_find_device(to, a->name);

		if (b && !strcmp(a->handler, b->handler))
			continue;
		dir = xasprintf("handlers/%s/%s", a->handler, a->name);
		line(&df, '-', dir, NULL);
		free(dir);
	}
	for (i = 0; i < to->n_devs; i++) {
		const struct device *b = &to->devs[i];
		const struct device *a = model_find_device(from, b->name);
		const struct handler_def *h = schema_handler(b->handler);

		if (a && strcmp(a->handler, b->handler))
			a = NULL;
		dir = xasprintf("handlers/%s/%s", b->handler, b->name);
		if (!a)
			line(&df, '+', dir, NULL);
		attrs(&df, dir, h->attrs, h->n_attrs, a ? &a->attrs : NULL,
		      &b->attrs, h, b->name);
		free(dir);
	}
	for (i = 0; i < from->n_tgts; i++) {
		const struct target *a = &from->tgts[i];

		if (model_find_target(to, a->driver, a->name))
			continue;
		dir = xasprintf("targets/%s/%s", a->driver, a->name);
		line(&df, '-', dir, NULL);
		free(dir);
	}
	for (i = 0; i < to->n_tgts; i++)
		target(&df, model_find_target(from, to->tgts[i].driver,
					      to->tgts[i].name),
		       &to->tgts[i]);
	return df.any;
}
