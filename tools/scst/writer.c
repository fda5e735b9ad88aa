// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: write a model in the canonical format of the configuration
 * file, which conf_parse() reads back to the same model.
 *
 * Blocks are indented by tabs; an object without attributes or contents
 * takes one line without braces. Within a block, lines of different kinds
 * (attributes, LUNs, groups, initiators) are separated by a blank line, as
 * is every object that takes more than one line from its neighbours.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "schema.h"

void conf_quote(struct strbuf *out, const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '"' || *p == '#' ||
		    *p == '{' || *p == '}' || *p == '\\')
			break;
	if (*s && !*p) {
		sb_adds(out, s);
		return;
	}
	sb_addc(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(out, '\\');
		sb_addc(out, *p);
	}
	sb_addc(out, '"');
}

/* The items of a block, each one or more lines, of a kind (section) */
struct item {
	char *text;
	int section;
};

struct items {
	struct item *v;
	unsigned int n, cap;
};

static void add_item(struct items *it, int section, struct strbuf *sb)
{
	it->v = grow(it->v, sizeof(*it->v), it->n, &it->cap);
	it->v[it->n].section = section;
	it->v[it->n].text = sb_detach(sb);
	it->n++;
}

static bool multiline(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl && nl[1];
}

/* Append the items, each line indented by @depth tabs. */
static void flush_items(struct strbuf *out, struct items *it,
			unsigned int depth)
{
	unsigned int i, j;
	const char *p;

	for (i = 0; i < it->n; i++) {
		if (i && (it->v[i].section != it->v[i - 1].section ||
			  multiline(it->v[i].text) ||
			  multiline(it->v[i - 1].text)))
			sb_addc(out, '\n');
		for (p = it->v[i].text; *p; p++) {
			if ((p == it->v[i].text || p[-1] == '\n') &&
			    *p != '\n')
				for (j = 0; j < depth; j++)
					sb_addc(out, '\t');
			sb_addc(out, *p);
		}
	}
	for (i = 0; i < it->n; i++)
		free(it->v[i].text);
	free(it->v);
	memset(it, 0, sizeof(*it));
}

/* "HEAD {\n<items>}\n", or "HEAD\n" without items */
static void block(struct strbuf *out, const char *head, struct items *it)
{
	sb_adds(out, head);
	if (!it->n) {
		sb_addc(out, '\n');
		return;
	}
	sb_adds(out, " {\n");
	flush_items(out, it, 1);
	sb_adds(out, "}\n");
}

static void attrs_items(struct items *it, int section,
			const struct attr_list *l)
{
	struct strbuf sb;
	unsigned int i;

	sb_init(&sb);
	for (i = 0; i < l->n; i++) {
		sb_adds(&sb, l->v[i].name);
		sb_addc(&sb, ' ');
		conf_quote(&sb, l->v[i].value);
		sb_addc(&sb, '\n');
		add_item(it, section, &sb);
	}
}

static void names_items(struct items *it, int section, const char *key,
			const struct name_list *l)
{
	struct strbuf sb;
	unsigned int i;

	sb_init(&sb);
	for (i = 0; i < l->n; i++) {
		sb_adds(&sb, key);
		sb_addc(&sb, ' ');
		conf_quote(&sb, l->v[i].s);
		sb_addc(&sb, '\n');
		add_item(it, section, &sb);
	}
}

static void luns_items(struct items *it, int section,
		       const struct lun_map *map)
{
	struct strbuf head, sb;
	struct items sub = { 0 };
	unsigned int i;

	sb_init(&head);
	sb_init(&sb);
	for (i = 0; i < map->n; i++) {
		sb_addf(&head, "LUN %u ", map->v[i].nr);
		conf_quote(&head, map->v[i].dev);
		attrs_items(&sub, 0, &map->v[i].attrs);
		block(&sb, head.buf, &sub);
		sb_free(&head);
		add_item(it, section, &sb);
	}
}

static void target_item(struct items *it, const struct target *tgt)
{
	struct items sub = { 0 }, gsub = { 0 };
	struct strbuf head, sb;
	unsigned int i;

	sb_init(&head);
	sb_init(&sb);
	attrs_items(&sub, 0, &tgt->attrs);
	names_items(&sub, 0, "session_name", &tgt->sessions);
	luns_items(&sub, 1, &tgt->luns);
	for (i = 0; i < tgt->n_groups; i++) {
		const struct group *grp = &tgt->groups[i];

		luns_items(&gsub, 0, &grp->luns);
		names_items(&gsub, 1, "INITIATOR", &grp->inis);
		sb_adds(&head, "GROUP ");
		conf_quote(&head, grp->name);
		block(&sb, head.buf, &gsub);
		sb_free(&head);
		add_item(&sub, 2, &sb);
	}
	sb_adds(&head, "TARGET ");
	conf_quote(&head, tgt->name);
	block(&sb, head.buf, &sub);
	sb_free(&head);
	add_item(it, 0, &sb);
}

void conf_write(const struct model *m, struct strbuf *out)
{
	struct items top = { 0 }, sub = { 0 }, dsub = { 0 };
	struct strbuf head, sb;
	unsigned int i, j;

	sb_init(&head);
	sb_init(&sb);
	for (i = 0; i < schema_n_handlers; i++) {
		const char *h = schema_handlers[i].name;

		for (j = 0; j < m->n_devs; j++) {
			if (strcmp(m->devs[j].handler, h))
				continue;
			attrs_items(&dsub, 0, &m->devs[j].attrs);
			sb_adds(&head, "DEVICE ");
			conf_quote(&head, m->devs[j].name);
			block(&sb, head.buf, &dsub);
			sb_free(&head);
			add_item(&sub, 0, &sb);
		}
		if (!sub.n)
			continue;
		sb_addf(&head, "HANDLER %s", h);
		block(&sb, head.buf, &sub);
		sb_free(&head);
		add_item(&top, 0, &sb);
	}
	for (i = 0; i < schema_n_drivers; i++) {
		const char *drv = schema_drivers[i].name;

		for (j = 0; j < m->n_tgts; j++)
			if (!strcmp(m->tgts[j].driver, drv))
				target_item(&sub, &m->tgts[j]);
		if (!sub.n)
			continue;
		sb_addf(&head, "TARGET_DRIVER %s", drv);
		block(&sb, head.buf, &sub);
		sb_free(&head);
		add_item(&top, 0, &sb);
	}
	flush_items(out, &top, 0);
}
