// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: read the running configuration from SCST's configfs tree
 * (Documentation/ABI/testing/configfs-scst).
 *
 * What configfs shows differs from what was configured in two ways that
 * matter here: an enabled vdisk_fileio or vdisk_blockio device shows its
 * actual capacity as size, which is taken for the default (0, the size of
 * the backing store) when it is the size of the backing store; and a
 * target shows the CPU list its cpu_mask stands for, which is the default
 * (all) when it lists every possible CPU.
 *
 * configfs lists the entries of a directory newest first: the initiator
 * groups of a target are read in the reverse order, which is the order in
 * which they were made and in which they match initiators.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "configfs.h"
#include "schema.h"

/* configfs attributes hold a page at most */
#define ATTR_MAX	4096

struct reader {
	struct diag *d;
	struct model *m;
	unsigned int objects;
};

static void __printf(3, 4) rd_error(struct reader *r, const char *path,
				    const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_error(r->d, 0, 0, "%s: %s", path, msg);
	free(msg);
}

/* Count a new object, if there is room for it: as many as a file holds */
static bool room(struct reader *r, const char *path)
{
	if (r->objects < CONF_MAX_OBJECTS) {
		r->objects++;
		return true;
	}
	if (r->objects++ == CONF_MAX_OBJECTS)
		rd_error(r, path,
			 "more than %u devices, targets, LUNs, groups, initiators and sessions",
			 CONF_MAX_OBJECTS);
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names of the entries of directory @path of type @type (DT_DIR,
 * DT_LNK), sorted; NULL terminated, allocated. NULL if it cannot be read.
 * With @newest_first, in the reverse of the order configfs lists them.
 */
static char **list_dir(struct reader *r, const char *path, unsigned char type,
		       bool newest_first)
{
	unsigned int n = 0, cap = 0, i;
	char **v = NULL, *tmp;
	struct dirent *de;
	struct stat st;
	DIR *dir;

	dir = opendir(path);
	if (!dir) {
		rd_error(r, path, "%s", strerror(errno));
		return NULL;
	}
	while ((de = readdir(dir))) {
		unsigned char t = de->d_type;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (t == DT_UNKNOWN) {
			if (fstatat(dirfd(dir), de->d_name, &st,
				    AT_SYMLINK_NOFOLLOW))
				continue;
			t = S_ISDIR(st.st_mode) ? DT_DIR :
			    S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
		}
		if (t != type)
			continue;
		v = grow(v, sizeof(*v), n + 1, &cap);
		v[n++] = xstrdup(de->d_name);
	}
	closedir(dir);
	v = grow(v, sizeof(*v), n, &cap);
	v[n] = NULL;
	if (!newest_first) {
		if (n)
			qsort(v, n, sizeof(*v), cmp_str);
		return v;
	}
	for (i = 0; i < n / 2; i++) {
		tmp = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = tmp;
	}
	return v;
}

static void free_list(char **v)
{
	unsigned int i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* The value of attribute file @dir/@name without its newline, or NULL */
static char *read_attr(struct reader *r, const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	char buf[ATTR_MAX + 1];
	ssize_t n;
	size_t len = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rd_error(r, path, "%s", strerror(errno));
		free(path);
		return NULL;
	}
	while (len < sizeof(buf)) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	if (n < 0 || len > ATTR_MAX || memchr(buf, '\0', len)) {
		rd_error(r, path, "%s", n < 0 ? strerror(errno) :
			 "not an attribute value");
		free(path);
		return NULL;
	}
	free(path);
	if (len && buf[len - 1] == '\n')
		len--;
	return xstrndup(buf, len);
}

/* The size of the file or block device at @path, or 0 if unknown */
static unsigned long long backing_size(const char *path)
{
	unsigned long long size = 0;
	struct stat st;
	off_t end;
	int fd;

	if (!*path || stat(path, &st))
		return 0;
	if (S_ISREG(st.st_mode))
		return st.st_size;
	if (!S_ISBLK(st.st_mode))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	end = lseek(fd, 0, SEEK_END);
	if (end > 0)
		size = end;
	close(fd);
	return size;
}

/*
 * Read the attributes @defs of the object in @dir into @l, in canonical
 * form and without the defaults.
 */
static void read_attrs(struct reader *r, const char *dir,
		       const struct attr_def *defs, unsigned int n_defs,
		       struct attr_list *l, const struct handler_def *h,
		       const char *dev)
{
	struct strbuf why;
	unsigned int i;
	char *v, *canon;

	for (i = 0; i < n_defs; i++) {
		v = read_attr(r, dir, defs[i].name);
		if (!v)
			continue;
		sb_init(&why);
		if (!schema_check(&defs[i], v, &canon, &why)) {
			rd_error(r, dir, "%s '%s' %s", defs[i].name, v,
				 why.buf);
		} else {
			if (!schema_is_default(&defs[i], h, dev, canon))
				attr_set(l, defs[i].name, canon);
			free(canon);
		}
		sb_free(&why);
		free(v);
	}
}

static void read_device(struct reader *r, const char *dir,
			const struct handler_def *h, const char *name)
{
	struct device *dev;
	const char *size, *fn;

	if (!room(r, dir))
		return;
	dev = model_add_device(r->m, h->name, name);
	read_attrs(r, dir, h->attrs, h->n_attrs, &dev->attrs, h, name);
	size = attr_get(&dev->attrs, "size");
	fn = attr_get(&dev->attrs, "filename");
	if (h->needs_filename && size && fn && !attr_get(&dev->attrs, "enable") &&
	    strtoull(size, NULL, 10) == backing_size(fn))
		attr_del(&dev->attrs, "size");
}

/* The LUNs in @dir into @map */
static void read_luns(struct reader *r, const char *dir, struct lun_map *map)
{
	char **luns = list_dir(r, dir, DT_DIR, false);
	unsigned int i, nr;

	for (i = 0; luns && luns[i]; i++) {
		char *ldir = xasprintf("%s/%s", dir, luns[i]);
		char **links = list_dir(r, ldir, DT_LNK, false);
		char target[4096], *path, *slash;
		struct lun *lun;
		ssize_t n;

		if (!schema_parse_lun(luns[i], &nr)) {
			rd_error(r, ldir, "not a LUN");
			goto next;
		}
		if (!links || !links[0] || links[1]) {
			if (links)
				rd_error(r, ldir, "a LUN without one link to a device");
			goto next;
		}
		if (!room(r, ldir))
			goto next;
		path = xasprintf("%s/%s", ldir, links[0]);
		n = readlink(path, target, sizeof(target) - 1);
		free(path);
		if (n <= 0) {
			rd_error(r, ldir, "%s", n < 0 ? strerror(errno) :
				 "an empty link");
			goto next;
		}
		target[n] = '\0';
		slash = strrchr(target, '/');
		lun = lun_map_add(map, nr);
		lun->dev = xstrdup(slash ? slash + 1 : target);
		read_attrs(r, ldir, schema_lun_attrs, schema_n_lun_attrs,
			   &lun->attrs, NULL, NULL);
next:
		free_list(links);
		free(ldir);
	}
	free_list(luns);
}

static void read_target(struct reader *r, const char *dir,
			const char *driver, const char *name)
{
	struct target *tgt;
	unsigned int i, j;
	char **names, *sub;

	if (!room(r, dir))
		return;
	tgt = model_add_target(r->m, driver, name);
	read_attrs(r, dir, schema_tgt_attrs, schema_n_tgt_attrs, &tgt->attrs,
		   NULL, NULL);

	sub = xasprintf("%s/sessions", dir);
	names = list_dir(r, sub, DT_DIR, false);
	for (i = 0; names && names[i] && room(r, sub); i++)
		name_list_add(&tgt->sessions, names[i]);
	free_list(names);
	free(sub);

	sub = xasprintf("%s/luns", dir);
	read_luns(r, sub, &tgt->luns);
	free(sub);

	sub = xasprintf("%s/ini_groups", dir);
	names = list_dir(r, sub, DT_DIR, true);
	for (i = 0; names && names[i] && room(r, sub); i++) {
		struct group *grp = target_add_group(tgt, names[i]);
		char *gdir = xasprintf("%s/%s/luns", sub, names[i]);
		char **inis;

		read_luns(r, gdir, &grp->luns);
		free(gdir);
		gdir = xasprintf("%s/%s/initiators", sub, names[i]);
		inis = list_dir(r, gdir, DT_DIR, false);
		for (j = 0; inis && inis[j] && room(r, gdir); j++)
			name_list_add(&grp->inis, inis[j]);
		free_list(inis);
		free(gdir);
	}
	free_list(names);
	free(sub);
}

bool cfs_read(const char *root, const char *cpus, struct model *m,
	      struct diag *d)
{
	struct reader r = { .d = d, .m = m };
	char **names, **objs, *dir, *path;
	unsigned int i, j;

	dir = xasprintf("%s/handlers", root);
	names = list_dir(&r, dir, DT_DIR, false);
	for (i = 0; names && names[i]; i++) {
		const struct handler_def *h = schema_handler(names[i]);

		path = xasprintf("%s/%s", dir, names[i]);
		objs = list_dir(&r, path, DT_DIR, false);
		if (!h && objs && objs[0])
			rd_error(&r, path, "%s",
				 "devices of a dev handler that scstadmin does not know");
		for (j = 0; h && objs && objs[j]; j++) {
			char *ddir = xasprintf("%s/%s", path, objs[j]);

			read_device(&r, ddir, h, objs[j]);
			free(ddir);
		}
		free_list(objs);
		free(path);
	}
	free_list(names);
	free(dir);

	dir = xasprintf("%s/targets", root);
	names = list_dir(&r, dir, DT_DIR, false);
	for (i = 0; names && names[i]; i++) {
		const struct driver_def *drv = schema_driver(names[i]);

		path = xasprintf("%s/%s", dir, names[i]);
		objs = list_dir(&r, path, DT_DIR, false);
		if (!drv && objs && objs[0])
			rd_error(&r, path, "%s",
				 "targets of a target driver that scstadmin does not know");
		for (j = 0; drv && objs && objs[j]; j++) {
			char *tdir = xasprintf("%s/%s", path, objs[j]);

			read_target(&r, tdir, drv->name, objs[j]);
			free(tdir);
		}
		free_list(objs);
		free(path);
	}
	free_list(names);
	free(dir);
	if (cpus)
		cfs_normalize_cpus(m, cpus);
	model_sort(m);
	return !d->errors;
}

void cfs_normalize_cpus(struct model *m, const char *cpus)
{
	const struct attr_def *def = schema_attr(schema_tgt_attrs,
						 schema_n_tgt_attrs,
						 "cpu_mask");
	struct strbuf why;
	unsigned int i;
	char *all;

	sb_init(&why);
	if (!schema_check(def, cpus, &all, &why)) {
		sb_free(&why);
		return;
	}
	for (i = 0; i < m->n_tgts; i++) {
		const char *v = attr_get(&m->tgts[i].attrs, "cpu_mask");

		if (v && !strcmp(v, all))
			attr_del(&m->tgts[i].attrs, "cpu_mask");
	}
	free(all);
	sb_free(&why);
}

char *cfs_possible_cpus(void)
{
	size_t len;
	char *data;

	if (read_file(CFS_POSSIBLE, ATTR_MAX, &data, &len))
		return NULL;
	if (len && data[len - 1] == '\n')
		data[len - 1] = '\0';
	return data;
}
