// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: the structure of the configuration file.
 *
 * Every line is a statement: an attribute ("name value"), an object
 * ("DEVICE name", "LUN number device", "INITIATOR pattern", ...) that may
 * open a block with "{" at the end of the line, or "}" alone, which closes
 * the innermost block. Blocks nest as SCST 3.x's scst.conf has them:
 *
 *   HANDLER handler { DEVICE name { attributes } }
 *   TARGET_DRIVER driver {
 *       TARGET name {
 *           attributes
 *           LUN number device { attributes }
 *           GROUP name { LUN ...  INITIATOR pattern }
 *       }
 *   }
 *
 * A problem is reported and the parser goes on with the next line; the
 * contents of a block it cannot use are skipped.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "schema.h"

enum frame_kind {
	F_TOP,
	F_HANDLER,
	F_DEVICE,
	F_DRIVER,
	F_TARGET,
	F_GROUP,
	F_LUN,
	F_SKIP,
};

#define NO_GROUP	(~0u)

struct frame {
	enum frame_kind kind;
	struct loc loc;		/* of the keyword that opened it */
	const char *what;	/* the keyword, or NULL for another word */
	const struct handler_def *h;
	const struct driver_def *drv;
	unsigned int dev, tgt, grp, lun;	/* indices; grp may be NO_GROUP */
};

struct parser {
	struct diag *d;
	struct model *m;
	struct name_list *foreign;
	struct frame stack[CONF_MAX_DEPTH];
	unsigned int depth;
	/* Blocks opened beyond CONF_MAX_DEPTH, only counted */
	size_t extra;
	unsigned int objects;
};

/* Count a new object, if there is room for it. */
static bool room(struct parser *p, const struct token *t)
{
	if (p->objects < CONF_MAX_OBJECTS) {
		p->objects++;
		return true;
	}
	if (p->objects++ == CONF_MAX_OBJECTS)
		diag_error(p->d, t->loc.line, t->loc.col,
			   "more than %u devices, targets, LUNs, groups, initiators and sessions",
			   CONF_MAX_OBJECTS);
	return false;
}

static const char *const keyword_names[] = {
	"HANDLER", "DEVICE", "TARGET_DRIVER", "TARGET", "LUN", "GROUP",
	"INITIATOR", "DEVICE_GROUP", "TARGET_GROUP",
};

/* The keyword @t is, as a string that outlives the token, or NULL. */
static const char *keyword(const struct token *t)
{
	unsigned int i;

	if (t->kind != TK_WORD || t->quoted)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(keyword_names); i++)
		if (!strcmp(t->text, keyword_names[i]))
			return keyword_names[i];
	return NULL;
}

static struct frame *top(struct parser *p)
{
	return &p->stack[p->depth - 1];
}

static struct frame *push(struct parser *p, enum frame_kind kind,
			  const struct token *kw, const struct token *brace)
{
	struct frame *f;

	if (p->depth == CONF_MAX_DEPTH) {
		if (!p->extra)
			diag_error(p->d, brace->loc.line, brace->loc.col,
				   "blocks nested more than %u deep",
				   CONF_MAX_DEPTH);
		p->extra++;
		return NULL;
	}
	f = &p->stack[p->depth++];
	*f = p->stack[p->depth - 2];
	f->kind = kind;
	f->loc = kw->loc;
	f->what = keyword(kw);
	return f;
}

static void push_skip(struct parser *p, const struct token *kw,
		      const struct token *brace)
{
	push(p, F_SKIP, kw, brace);
}

static void pop(struct parser *p, const struct token *brace)
{
	if (p->extra)
		p->extra--;
	else if (p->depth > 1)
		p->depth--;
	else
		diag_error(p->d, brace->loc.line, brace->loc.col,
			   "'}' without a matching '{'");
}

static struct lun_map *frame_map(struct parser *p, const struct frame *f)
{
	struct target *tgt = &p->m->tgts[f->tgt];

	return f->grp == NO_GROUP ? &tgt->luns : &tgt->groups[f->grp].luns;
}

static void list_handlers(struct strbuf *sb)
{
	unsigned int i;

	for (i = 0; i < schema_n_handlers; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", schema_handlers[i].name);
}

static void list_drivers(struct strbuf *sb)
{
	unsigned int i;

	for (i = 0; i < schema_n_drivers; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", schema_drivers[i].name);
}

struct stmt {
	struct token *t;	/* the words */
	unsigned int n;
	struct token *brace;	/* the "{" at the end, or NULL */
	struct loc after;	/* where a missing word would be */
};

/*
 * Check that statement @s has exactly @want words; @missing names the
 * first word that is not there (for "expected ... after ...").
 */
static bool arity(struct parser *p, const struct stmt *s, unsigned int want,
		  const char *const *missing)
{
	if (s->n < want) {
		diag_error(p->d, s->after.line, s->after.col,
			   "expected %s after '%s'", missing[s->n - 1],
			   s->t[s->n - 1].text);
		return false;
	}
	if (s->n > want) {
		diag_error(p->d, s->t[want].loc.line, s->t[want].loc.col,
			   "unexpected '%s'", s->t[want].text);
		return false;
	}
	return true;
}

static bool in(struct parser *p, const struct stmt *s, enum frame_kind have,
	       enum frame_kind want, const char *where)
{
	if (have == want)
		return true;
	diag_error(p->d, s->t[0].loc.line, s->t[0].loc.col,
		   "%s must be %s", s->t[0].text, where);
	return false;
}

static bool kw_handler(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	static const char *const missing[] = { "a dev handler name" };
	const struct handler_def *h;
	struct strbuf sb;

	if (!in(p, s, f->kind, F_TOP, "at the top level") ||
	    !arity(p, s, 2, missing))
		return false;
	if (!s->brace) {
		diag_error(p->d, s->after.line, s->after.col,
			   "expected '{' after HANDLER %s", s->t[1].text);
		return false;
	}
	h = schema_handler(s->t[1].text);
	if (!h) {
		sb_init(&sb);
		list_handlers(&sb);
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "unknown dev handler '%s' (this kernel has %s)",
			   s->t[1].text, sb.buf);
		sb_free(&sb);
		return false;
	}
	f = push(p, F_HANDLER, &s->t[0], s->brace);
	if (f)
		f->h = h;
	return true;
}

static bool kw_device(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	static const char *const missing[] = { "a device name" };
	struct device *dev;

	if (!in(p, s, f->kind, F_HANDLER, "in a HANDLER block") ||
	    !arity(p, s, 2, missing) || !room(p, &s->t[0]))
		return false;
	dev = model_find_device(p->m, s->t[1].text);
	if (dev) {
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "device '%s' is already defined at line %u",
			   s->t[1].text, dev->loc.line);
		return false;
	}
	dev = model_add_device(p->m, f->h->name, s->t[1].text);
	dev->loc = s->t[1].loc;
	if (s->brace) {
		f = push(p, F_DEVICE, &s->t[0], s->brace);
		if (f)
			f->dev = p->m->n_devs - 1;
	}
	return true;
}

static bool kw_driver(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	static const char *const missing[] = { "a target driver name" };
	const struct driver_def *drv;
	struct strbuf sb;

	if (!in(p, s, f->kind, F_TOP, "at the top level") ||
	    !arity(p, s, 2, missing))
		return false;
	if (!s->brace) {
		diag_error(p->d, s->after.line, s->after.col,
			   "expected '{' after TARGET_DRIVER %s",
			   s->t[1].text);
		return false;
	}
	drv = schema_driver(s->t[1].text);
	if (!drv) {
		sb_init(&sb);
		list_drivers(&sb);
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "unknown target driver '%s' (this kernel has %s)",
			   s->t[1].text, sb.buf);
		sb_free(&sb);
		return false;
	}
	f = push(p, F_DRIVER, &s->t[0], s->brace);
	if (f)
		f->drv = drv;
	return true;
}

static bool kw_target(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	static const char *const missing[] = { "a target name" };
	struct target *tgt;

	if (!in(p, s, f->kind, F_DRIVER, "in a TARGET_DRIVER block") ||
	    !arity(p, s, 2, missing) || !room(p, &s->t[0]))
		return false;
	tgt = model_find_target(p->m, f->drv->name, s->t[1].text);
	if (tgt) {
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "target '%s' is already defined at line %u",
			   s->t[1].text, tgt->loc.line);
		return false;
	}
	tgt = model_add_target(p->m, f->drv->name, s->t[1].text);
	tgt->loc = s->t[1].loc;
	if (s->brace) {
		f = push(p, F_TARGET, &s->t[0], s->brace);
		if (f) {
			f->tgt = p->m->n_tgts - 1;
			f->grp = NO_GROUP;
		}
	}
	return true;
}

static bool kw_lun(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	static const char *const missing[] = {
		"a LUN number", "a device name",
	};
	struct lun_map *map;
	struct lun *lun;
	unsigned int nr;

	if (f->kind != F_TARGET && f->kind != F_GROUP) {
		diag_error(p->d, s->t[0].loc.line, s->t[0].loc.col,
			   "LUN must be in a TARGET or GROUP block");
		return false;
	}
	if (!arity(p, s, 3, missing) || !room(p, &s->t[0]))
		return false;
	if (!schema_parse_lun(s->t[1].text, &nr)) {
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "LUN number must be a decimal number from 0 to %u",
			   SCHEMA_MAX_LUN);
		return false;
	}
	map = frame_map(p, f);
	lun = lun_map_find(map, nr);
	if (lun) {
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "LUN %u is already defined at line %u", nr,
			   lun->loc.line);
		return false;
	}
	lun = lun_map_add(map, nr);
	lun->loc = s->t[1].loc;
	lun->dev = xstrdup(s->t[2].text);
	lun->dev_loc = s->t[2].loc;
	if (s->brace) {
		f = push(p, F_LUN, &s->t[0], s->brace);
		if (f)
			f->lun = nr;
	}
	return true;
}

static bool kw_group(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	static const char *const missing[] = { "a group name" };
	struct target *tgt;
	struct group *grp;

	if (!in(p, s, f->kind, F_TARGET, "in a TARGET block") ||
	    !arity(p, s, 2, missing) || !room(p, &s->t[0]))
		return false;
	tgt = &p->m->tgts[f->tgt];
	grp = target_find_group(tgt, s->t[1].text);
	if (grp) {
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "group '%s' is already defined at line %u",
			   s->t[1].text, grp->loc.line);
		return false;
	}
	grp = target_add_group(tgt, s->t[1].text);
	grp->loc = s->t[1].loc;
	if (s->brace) {
		f = push(p, F_GROUP, &s->t[0], s->brace);
		if (f)
			f->grp = tgt->n_groups - 1;
	}
	return true;
}

static bool kw_initiator(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	static const char *const missing[] = { "an initiator name" };
	struct group *grp;
	struct name *ini;

	if (!in(p, s, f->kind, F_GROUP, "in a GROUP block") ||
	    !arity(p, s, 2, missing) || !room(p, &s->t[0]))
		return false;
	if (s->brace) {
		diag_error(p->d, s->brace->loc.line, s->brace->loc.col,
			   "INITIATOR takes no block");
		return false;
	}
	grp = &p->m->tgts[f->tgt].groups[f->grp];
	ini = name_list_find(&grp->inis, s->t[1].text);
	if (ini) {
		diag_error(p->d, s->t[1].loc.line, s->t[1].loc.col,
			   "initiator '%s' is already listed at line %u",
			   s->t[1].text, ini->loc.line);
		return false;
	}
	name_list_add(&grp->inis, s->t[1].text)->loc = s->t[1].loc;
	return true;
}

static bool kw_alua(struct parser *p, struct stmt *s)
{
	diag_error(p->d, s->t[0].loc.line, s->t[0].loc.col,
		   "%s is not supported: this kernel has no ALUA",
		   s->t[0].text);
	return false;
}

static void stmt_attr(struct parser *p, struct stmt *s)
{
	struct frame *f = top(p);
	const struct token *k = &s->t[0], *v = &s->t[1];
	struct attr_list *l = NULL;
	struct attr *a;

	if (s->brace) {
		diag_error(p->d, k->loc.line, k->loc.col,
			   "unknown block '%s'", k->text);
		push_skip(p, k, s->brace);
		return;
	}
	if (s->n == 1) {
		diag_error(p->d, s->after.line, s->after.col,
			   "expected a value after '%s'", k->text);
		return;
	}
	if (s->n > 2) {
		diag_error(p->d, s->t[2].loc.line, s->t[2].loc.col,
			   "'%s' takes one value; quote a value that holds blanks",
			   k->text);
		return;
	}
	switch (f->kind) {
	case F_DEVICE:
		l = &p->m->devs[f->dev].attrs;
		break;
	case F_TARGET:
		if (!strcmp(k->text, "session_name") && !room(p, k))
			return;
		l = &p->m->tgts[f->tgt].attrs;
		break;
	case F_LUN:
		l = &lun_map_find(frame_map(p, f), f->lun)->attrs;
		break;
	case F_TOP:
		diag_error(p->d, k->loc.line, k->loc.col,
			   "SCST core attribute '%s' is not supported",
			   k->text);
		return;
	case F_HANDLER:
		diag_error(p->d, k->loc.line, k->loc.col,
			   "dev handler attribute '%s' is not supported",
			   k->text);
		return;
	case F_DRIVER:
		diag_error(p->d, k->loc.line, k->loc.col,
			   "target driver attribute '%s' is not supported",
			   k->text);
		return;
	case F_GROUP:
		diag_error(p->d, k->loc.line, k->loc.col,
			   "initiator groups have no attribute '%s'",
			   k->text);
		return;
	case F_SKIP:
		break;
	}
	if (!l)
		return;
	a = attr_add(l, k->text, v->text);
	a->loc = k->loc;
	a->vloc = v->loc;
}

/*
 * In the order of keyword_names[]. Each returns false when it refuses
 * its statement: the block the statement opens, if any, is then skipped.
 */
static bool (*const keyword_fns[])(struct parser *p, struct stmt *s) = {
	kw_handler, kw_device, kw_driver, kw_target, kw_lun, kw_group,
	kw_initiator, kw_alua, kw_alua,
};

static void parse_line(struct parser *p, struct token_line *tl)
{
	struct frame *f = top(p);
	struct token *t = tl->v;
	const char *kw;
	struct stmt s;
	unsigned int i;

	if (!tl->n)
		return;
	s.t = t;
	s.n = tl->n;
	s.brace = t[s.n - 1].kind == TK_LBRACE ? &t[--s.n] : NULL;
	if (tl->bad || t[0].kind == TK_RBRACE) {
		/* After a lexical error, only the braces are followed. */
		if (t[0].kind == TK_RBRACE) {
			if (!tl->bad && tl->n > 1)
				diag_error(p->d, t[1].loc.line, t[1].loc.col,
					   "unexpected '%s' after '}'",
					   t[1].text);
			pop(p, &t[0]);
		} else if (s.brace) {
			push_skip(p, &t[0], s.brace);
		}
		return;
	}
	for (i = 0; i < s.n; i++) {
		if (t[i].kind != TK_WORD) {
			diag_error(p->d, t[i].loc.line, t[i].loc.col,
				   "unexpected '%s'", t[i].text);
			if (s.brace)
				push_skip(p, &t[0], s.brace);
			return;
		}
	}
	if (!s.n) {
		diag_error(p->d, t[0].loc.line, t[0].loc.col,
			   "'{' without a block keyword");
		push_skip(p, &t[0], s.brace);
		return;
	}
	s.after = s.brace ? s.brace->loc : tl->eol;
	kw = keyword(&t[0]);
	if (f->kind == F_SKIP) {
		/* Devices of refused blocks: LUNs may map them */
		if (kw && !strcmp(kw, "DEVICE") && s.n > 1 &&
		    !name_list_find(p->foreign, t[1].text) && room(p, &t[0]))
			name_list_add(p->foreign, t[1].text);
		if (s.brace)
			push_skip(p, &t[0], s.brace);
		return;
	}
	for (i = 0; kw && i < ARRAY_SIZE(keyword_names); i++) {
		if (kw == keyword_names[i]) {
			if (!keyword_fns[i](p, &s) && s.brace)
				push_skip(p, &t[0], s.brace);
			return;
		}
	}
	stmt_attr(p, &s);
}

void conf_parse(const char *data, size_t len, struct diag *d, struct model *m,
		struct name_list *foreign)
{
	struct token_line tl;
	struct parser p;
	struct lexer lx;
	struct loc eof = { 0, 0 };

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.m = m;
	p.foreign = foreign;
	p.stack[0].kind = F_TOP;
	p.depth = 1;
	memset(&tl, 0, sizeof(tl));
	lexer_init(&lx, data, len, d);
	while (lexer_line(&lx, &tl)) {
		eof = tl.eol;
		parse_line(&p, &tl);
	}
	token_line_free(&tl);
	while (p.depth > 1) {
		const struct frame *f = &p.stack[--p.depth];

		if (f->what)
			diag_error(d, eof.line, eof.col,
				   "missing '}' of the %s block at line %u",
				   f->what, f->loc.line);
		else
			diag_error(d, eof.line, eof.col,
				   "missing '}' of the block at line %u",
				   f->loc.line);
	}
}
