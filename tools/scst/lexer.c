// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: the tokens of the configuration file.
 *
 * The file is read a line at a time. A line holds words separated by
 * blanks (spaces, tabs) and the braces { and }; "#" outside quotes starts
 * a comment that ends with the line. A word in double quotes may hold
 * blanks, braces and "#", and \" and \\ for a quote and a backslash.
 * Outside quotes a backslash makes the next character, one of \ " # { }
 * and space, part of the word. Control characters other than a tab between
 * words are errors; a carriage return before the newline is ignored.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

void lexer_init(struct lexer *lx, const char *data, size_t len,
		struct diag *d)
{
	lx->p = data;
	lx->end = data + len;
	lx->line = 0;
	lx->d = d;
}

void token_line_free(struct token_line *tl)
{
	unsigned int i;

	for (i = 0; i < tl->n; i++)
		free(tl->v[i].text);
	free(tl->v);
	memset(tl, 0, sizeof(*tl));
}

static void add_token(struct token_line *tl, enum tok_kind kind, bool quoted,
		      char *text, unsigned int line, unsigned int col)
{
	struct token *t;

	tl->v = grow(tl->v, sizeof(*tl->v), tl->n, &tl->cap);
	t = &tl->v[tl->n++];
	t->kind = kind;
	t->quoted = quoted;
	t->text = text;
	t->loc.line = line;
	t->loc.col = col;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A character that ends a word: a blank, a comment or a brace */
static bool is_word_end(char c)
{
	return is_blank(c) || c == '#' || c == '{' || c == '}';
}

static bool is_control(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

/* A character in a message: 'c', or its code if it is not printable. */
static const char *show_char(char c, char buf[8])
{
	unsigned char u = c;

	if (u < 0x20 || u >= 0x7f)
		snprintf(buf, 8, "0x%02x", u);
	else
		snprintf(buf, 8, "'%c'", c);
	return buf;
}

/* The first lexical error of a line is reported; the line is then bad. */
static __printf(4, 5) void lex_error(struct lexer *lx, struct token_line *tl,
				     size_t col, const char *fmt, ...)
{
	char msg[128];
	va_list ap;

	if (tl->bad)
		return;
	tl->bad = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(lx->d, lx->line, col, "%s", msg);
}

bool lexer_line(struct lexer *lx, struct token_line *tl)
{
	const char *s, *e, *nl;
	struct strbuf sb;
	char buf[8];
	size_t i, len;

	token_line_free(tl);
	if (lx->p >= lx->end)
		return false;
	s = lx->p;
	nl = memchr(s, '\n', lx->end - s);
	e = nl ? nl : lx->end;
	lx->p = nl ? nl + 1 : lx->end;
	lx->line++;
	if (e > s && e[-1] == '\r')
		e--;
	len = e - s;
	tl->eol.line = lx->line;
	tl->eol.col = len + 1;
	if (len > CONF_MAX_LINE) {
		lex_error(lx, tl, CONF_MAX_LINE + 1,
			  "line longer than %u bytes", CONF_MAX_LINE);
		return true;
	}

	sb_init(&sb);
	i = 0;
	while (i < len) {
		unsigned int col = i + 1;
		char c = s[i];

		if (is_blank(c)) {
			i++;
		} else if (c == '#') {
			break;
		} else if (c == '{' || c == '}') {
			add_token(tl, c == '{' ? TK_LBRACE : TK_RBRACE, false,
				  xstrndup(&c, 1), lx->line, col);
			i++;
		} else if (c == '"') {
			bool closed = false;

			for (i++; i < len; i++) {
				c = s[i];
				if (c == '"') {
					closed = true;
					i++;
					break;
				}
				if (c == '\\' && i + 1 < len &&
				    (s[i + 1] == '\\' || s[i + 1] == '"')) {
					sb_addc(&sb, s[++i]);
				} else if (c == '\\') {
					lex_error(lx, tl, i + 1,
						  "invalid escape in quotes: %s",
						  i + 1 < len ?
						  show_char(s[i + 1], buf) :
						  "end of line");
				} else if (is_control(c)) {
					lex_error(lx, tl, i + 1,
						  "control character %s",
						  show_char(c, buf));
				} else {
					sb_addc(&sb, c);
				}
			}
			if (!closed)
				lex_error(lx, tl, col, "missing closing quote");
			else if (i < len && !is_word_end(s[i]))
				lex_error(lx, tl, i + 1,
					  "expected a blank after the closing quote");
			add_token(tl, TK_WORD, true, sb_detach(&sb), lx->line,
				  col);
		} else {
			for (; i < len; i++) {
				c = s[i];
				if (is_word_end(c))
					break;
				if (c == '\\') {
					char n = i + 1 < len ? s[i + 1] : '\n';

					if (strchr("\\\"#{} ", n) && n) {
						sb_addc(&sb, n);
						i++;
					} else {
						lex_error(lx, tl, i + 1,
							  "invalid escape: %s",
							  n == '\n' ? "end of line" :
							  show_char(n, buf));
					}
				} else if (c == '"') {
					lex_error(lx, tl, i + 1,
						  "quote inside a word; write \\\" for a quote");
				} else if (is_control(c)) {
					lex_error(lx, tl, i + 1,
						  "control character %s",
						  show_char(c, buf));
				} else {
					sb_addc(&sb, c);
				}
			}
			add_token(tl, TK_WORD, false, sb_detach(&sb), lx->line,
				  col);
		}
	}
	return true;
}
