// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: configure the SCST SCSI target framework from a file in the
 * format of SCST's scst.conf. See Documentation/scst/scstadmin.rst.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "configfs.h"

static const char usage_text[] =
	"Usage: scstadmin check FILE\n"
	"       scstadmin save [--root DIR] [FILE]\n"
	"\n"
	"  check    check FILE against what this kernel supports\n"
	"  save     write the running configuration to FILE (or stdout)\n"
	"\n"
	"  --root DIR    SCST's configfs directory (" CFS_ROOT ")\n"
	"\n"
	"Exit status 2 means trouble: a usage error, or a file or configuration\n"
	"that cannot be read or does not check.\n";

static __noreturn void usage(int status)
{
	fputs(usage_text, status ? stderr : stdout);
	exit(status);
}

enum {
	OPT_ROOT = 1,
};

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct args {
	const char *root, *file;
};

/* Parse the options of a command and its FILE (optional with @file_opt). */
static void parse_args(int argc, char **argv, bool file_opt, struct args *a)
{
	int c;

	memset(a, 0, sizeof(*a));
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_ROOT:
			a->root = optarg;
			break;
		case 'h':
			usage(0);
		default:
			usage(2);
		}
	}
	if (optind == argc - 1)
		a->file = argv[optind];
	else if (optind != argc || !file_opt)
		usage(2);
	if (!a->root)
		a->root = CFS_ROOT;
}

/*
 * Load and check @path; messages go to stderr. A cpu_mask that lists
 * every CPU of this machine is the default, as in a running target.
 */
static bool load(const char *path, struct model *m)
{
	struct diag d;
	char *cpus;
	bool ok;

	diag_init(&d, path, stderr);
	ok = conf_load(path, &d, m);
	diag_flush(&d);
	cpus = cfs_possible_cpus();
	if (cpus)
		cfs_normalize_cpus(m, cpus);
	free(cpus);
	return ok;
}

/* Read the running configuration under @root. */
static bool load_running(const char *root, struct model *m)
{
	struct stat st;
	struct diag d;
	char *cpus;
	bool ok;

	diag_init(&d, root, stderr);
	if (stat(root, &st)) {
		diag_error(&d, 0, 0, "%s (is SCST loaded?)", strerror(errno));
		diag_flush(&d);
		return false;
	}
	cpus = cfs_possible_cpus();
	ok = cfs_read(root, cpus, m, &d);
	diag_flush(&d);
	free(cpus);
	return ok;
}

/* Write @text to @path, replacing it only once all is written. */
static bool write_file(const char *path, const char *text, size_t len)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	bool ok = false;
	ssize_t n;
	size_t done = 0;
	int fd;

	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, tmp, strerror(errno));
		free(tmp);
		return false;
	}
	while (done < len) {
		n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += n;
	}
	if (done == len && !fchmod(fd, 0644) && !fsync(fd))
		ok = true;
	if (close(fd))
		ok = false;
	if (ok && rename(tmp, path))
		ok = false;
	if (!ok) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
			strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

static int cmd_check(int argc, char **argv)
{
	struct model m;
	int ret;

	if (argc != 2)
		usage(2);
	model_init(&m);
	ret = load(argv[1], &m) ? 0 : 1;
	model_free(&m);
	return ret;
}

static int cmd_save(int argc, char **argv)
{
	struct strbuf out;
	struct model m;
	struct args a;
	int ret = 2;

	parse_args(argc, argv, true, &a);
	model_init(&m);
	sb_init(&out);
	if (load_running(a.root, &m)) {
		conf_write(&m, &out);
		if (!a.file)
			ret = fwrite(out.buf ? out.buf : "", 1, out.len,
				     stdout) == out.len ? 0 : 2;
		else
			ret = write_file(a.file, out.buf ? out.buf : "",
					 out.len) ? 0 : 2;
	}
	sb_free(&out);
	model_free(&m);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "check", cmd_check },
		{ "save", cmd_save },
	};
	unsigned int i;

	if (argc < 2)
		usage(2);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		usage(0);
	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command '%s'\n", progname, argv[1]);
	usage(2);
}
