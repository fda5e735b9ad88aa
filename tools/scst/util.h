/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scstadmin: memory helpers, growable arrays, strings and diagnostics.
 */
#ifndef SCSTADMIN_UTIL_H
#define SCSTADMIN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Attribute macros as the kernel's <linux/compiler_attributes.h> has them;
 * the tool also builds outside a kernel tree, without tools/include.
 */
#define scstadmin_attr(x)	__attribute__((x))
#ifndef __printf
#define __printf(a, b)		scstadmin_attr(format(printf, a, b))
#endif
#ifndef __noreturn
#define __noreturn		scstadmin_attr(noreturn)
#endif

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
__printf(1, 2) char *xasprintf(const char *fmt, ...);
__printf(1, 0) char *xvasprintf(const char *fmt, va_list ap);

/*
 * Make room for one more element in an array of *@n elements of @size bytes
 * whose capacity is *@cap; returns the (possibly moved) array. Dies on
 * overflow or when out of memory, like the other x* helpers.
 */
void *grow(void *array, size_t size, unsigned int n, unsigned int *cap);

/* A growable NUL terminated string. */
struct strbuf {
	char *buf;
	size_t len, cap;
};

void sb_init(struct strbuf *sb);
void sb_addc(struct strbuf *sb, char c);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
__printf(2, 3) void sb_addf(struct strbuf *sb, const char *fmt, ...);
/* The string, which the caller now owns; @sb is empty again. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/*
 * Diagnostics about one input: "FILE:LINE:COL: message", or "FILE: message"
 * when there is no position (line 0). Warnings say "warning: " after the
 * position. They are kept until diag_flush() prints them to @out in the
 * order of their positions; the counts tell the caller the outcome.
 */
struct diag_msg {
	unsigned int line, col, seq;
	char *text;
};

/* At most this many messages are kept; the others are only counted. */
#define DIAG_MAX	1000u

struct diag {
	const char *file;
	void *out;		/* FILE * */
	unsigned int errors;
	unsigned int warnings;
	struct diag_msg *msgs;
	unsigned int n_msgs, cap_msgs;
	unsigned int dropped;
};

void diag_init(struct diag *d, const char *file, void *out);
void diag_flush(struct diag *d);
__printf(4, 5) void diag_error(struct diag *d, unsigned int line,
			       unsigned int col, const char *fmt, ...);
__printf(4, 5) void diag_warn(struct diag *d, unsigned int line,
			      unsigned int col, const char *fmt, ...);

/* The program's name in messages that are not about an input position. */
extern const char *progname;
__printf(1, 2) __noreturn void die(const char *fmt, ...);

/*
 * Read a whole file of at most @max bytes into a NUL terminated buffer
 * (which may hold other NUL bytes: *@len is the length). Returns 0, or an
 * errno value (EFBIG for a file over @max bytes).
 */
int read_file(const char *path, size_t max, char **data, size_t *len);

#endif
