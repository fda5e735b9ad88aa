/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scstadmin: the configuration file (scst.conf): tokens, parser, checks
 * against the kernel's schema, and the canonical writer.
 */
#ifndef SCSTADMIN_CONF_H
#define SCSTADMIN_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

/* Limits on untrusted input */
#define CONF_MAX_FILE	(16u << 20)	/* bytes in a file */
#define CONF_MAX_LINE	8192u		/* bytes in a line */
#define CONF_MAX_DEPTH	16u		/* nested blocks */
/* devices, targets, LUNs, groups, initiators and sessions */
#define CONF_MAX_OBJECTS 16384u

enum tok_kind {
	TK_WORD,
	TK_LBRACE,
	TK_RBRACE,
};

struct token {
	enum tok_kind kind;
	bool quoted;
	char *text;		/* the word without quotes and escapes */
	struct loc loc;
};

/* The tokens of one line, comments left out */
struct token_line {
	struct token *v;
	unsigned int n, cap;
	struct loc eol;		/* just after the last character */
	bool bad;		/* a lexical error was reported */
};

struct lexer {
	const char *p, *end;
	unsigned int line;
	struct diag *d;
};

void lexer_init(struct lexer *lx, const char *data, size_t len,
		struct diag *d);
/* The next line's tokens in @tl (emptied first); false at end of input. */
bool lexer_line(struct lexer *lx, struct token_line *tl);
void token_line_free(struct token_line *tl);

/*
 * Parse the configuration in @data into @m, reporting problems to @d. The
 * names of devices in blocks that are refused as a whole (an unknown dev
 * handler, ALUA groups) go to @foreign, so that LUNs mapping them are not
 * reported again. The model still needs conf_validate().
 */
void conf_parse(const char *data, size_t len, struct diag *d, struct model *m,
		struct name_list *foreign);

/*
 * Check @m against the kernel's schema, map SCST 3.x attributes, and
 * normalize and sort it (see model.h); report problems to @d.
 */
void conf_validate(struct model *m, const struct name_list *foreign,
		   struct diag *d);

/*
 * Read, parse and validate file @path into @m; messages go to @d (not yet
 * flushed). Returns true if there was no error.
 */
bool conf_load(const char *path, struct diag *d, struct model *m);

/* Append @m in the canonical format to @out. */
void conf_write(const struct model *m, struct strbuf *out);
/* Append @s as one word, quoted if needed. */
void conf_quote(struct strbuf *out, const char *s);

#endif
