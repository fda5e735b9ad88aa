// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: memory helpers, growable arrays, strings and diagnostics.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *progname = "scstadmin";

void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		die("out of memory");
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		die("out of memory");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void *grow(void *array, size_t size, unsigned int n, unsigned int *cap)
{
	unsigned int ncap;
	void *p;

	if (n < *cap)
		return array;
	if (*cap > UINT32_MAX / 2)
		die("out of memory");
	ncap = *cap ? *cap * 2 : 8;
	if ((size_t)ncap > SIZE_MAX / size)
		die("out of memory");
	p = realloc(array, (size_t)ncap * size);
	if (!p)
		die("out of memory");
	*cap = ncap;
	return p;
}

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

static void sb_reserve(struct strbuf *sb, size_t more)
{
	size_t need;

	if (more > SIZE_MAX - sb->len - 1)
		die("out of memory");
	need = sb->len + more + 1;
	if (need <= sb->cap)
		return;
	if (sb->cap > SIZE_MAX / 2)
		die("out of memory");
	if (need < sb->cap * 2)
		need = sb->cap * 2;
	if (need < 64)
		need = 64;
	sb->buf = realloc(sb->buf, need);
	if (!sb->buf)
		die("out of memory");
	sb->cap = need;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	sb_reserve(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");

	sb_init(sb);
	return s;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

void diag_init(struct diag *d, const char *file, void *out)
{
	memset(d, 0, sizeof(*d));
	d->file = file;
	d->out = out;
}

static void diag_add(struct diag *d, unsigned int line, unsigned int col,
		     const char *kind, const char *fmt, va_list ap)
{
	struct diag_msg *msg;
	struct strbuf sb;
	va_list aq;
	int n;

	if (d->n_msgs == DIAG_MAX) {
		d->dropped++;
		return;
	}
	sb_init(&sb);
	if (line)
		sb_addf(&sb, "%s:%u:%u: %s", d->file, line, col, kind);
	else
		sb_addf(&sb, "%s: %s", d->file, kind);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		die("out of memory");
	sb_reserve(&sb, (size_t)n);
	vsnprintf(sb.buf + sb.len, (size_t)n + 1, fmt, ap);
	sb.len += (size_t)n;
	d->msgs = grow(d->msgs, sizeof(*d->msgs), d->n_msgs, &d->cap_msgs);
	msg = &d->msgs[d->n_msgs];
	msg->line = line;
	msg->col = col;
	msg->seq = d->n_msgs++;
	msg->text = sb_detach(&sb);
}

void diag_error(struct diag *d, unsigned int line, unsigned int col,
		const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	diag_add(d, line, col, "", fmt, ap);
	va_end(ap);
}

void diag_warn(struct diag *d, unsigned int line, unsigned int col,
	       const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	diag_add(d, line, col, "warning: ", fmt, ap);
	va_end(ap);
}

static int cmp_msg(const void *a, const void *b)
{
	const struct diag_msg *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_flush(struct diag *d)
{
	unsigned int i;

	if (d->n_msgs)
		qsort(d->msgs, d->n_msgs, sizeof(*d->msgs), cmp_msg);
	for (i = 0; i < d->n_msgs; i++) {
		fprintf(d->out, "%s\n", d->msgs[i].text);
		free(d->msgs[i].text);
	}
	if (d->dropped)
		fprintf(d->out, "%s: %u more problems\n", d->file, d->dropped);
	free(d->msgs);
	d->msgs = NULL;
	d->n_msgs = 0;
	d->cap_msgs = 0;
	d->dropped = 0;
}

int read_file(const char *path, size_t max, char **data, size_t *len)
{
	struct strbuf sb;
	char buf[65536];
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	sb_init(&sb);
	sb_reserve(&sb, 0);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (!n)
			break;
		if ((size_t)n > max - sb.len) {
			err = EFBIG;
			break;
		}
		sb_addn(&sb, buf, (size_t)n);
	}
	close(fd);
	if (err) {
		sb_free(&sb);
		return err;
	}
	*len = sb.len;
	*data = sb_detach(&sb);
	return 0;
}
