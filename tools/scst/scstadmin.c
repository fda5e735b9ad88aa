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
#include "plan.h"

static const char usage_text[] =
	"Usage: scstadmin check FILE\n"
	"       scstadmin save [--root DIR] [FILE]\n"
	"       scstadmin diff [--root DIR | --from SAVED] FILE\n"
	"       scstadmin apply --dry-run [--force] [--root DIR | --from SAVED] FILE\n"
	"\n"
	"  check    check FILE against what this kernel supports\n"
	"  save     write the running configuration to FILE (or stdout)\n"
	"  diff     list what differs from the running configuration (or\n"
	"           SAVED) to FILE; exit status 0 if nothing, 1 if something\n"
	"  apply    print the steps that turn the running configuration (or\n"
	"           SAVED) into FILE\n"
	"\n"
	"  --root DIR    SCST's configfs directory (" CFS_ROOT ")\n"
	"  --from SAVED  a saved configuration instead of the running one\n"
	"  --force       allow apply to unmap LUNs that both configurations map\n"
	"                (a device must be disabled to change, a LUN's\n"
	"                read_only changes, or a group is made again to keep\n"
	"                the order of the groups)\n"
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
	OPT_FROM,
	OPT_DRY_RUN,
	OPT_FORCE,
};

/* The options each command takes */
#define TAKES_ROOT	0x1
#define TAKES_FROM	0x2
#define TAKES_APPLY	0x4	/* --dry-run (required) and --force */

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct args {
	const char *root, *from, *file;
	bool dry_run, force;
};

/* Parse the options of a command and its FILE (optional with @file_opt). */
static void parse_args(int argc, char **argv, unsigned int takes,
		       bool file_opt, struct args *a)
{
	int c;

	memset(a, 0, sizeof(*a));
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_ROOT:
			if (!(takes & TAKES_ROOT))
				usage(2);
			a->root = optarg;
			break;
		case OPT_FROM:
			if (!(takes & TAKES_FROM))
				usage(2);
			a->from = optarg;
			break;
		case OPT_DRY_RUN:
			if (!(takes & TAKES_APPLY))
				usage(2);
			a->dry_run = true;
			break;
		case OPT_FORCE:
			if (!(takes & TAKES_APPLY))
				usage(2);
			a->force = true;
			break;
		case 'h':
			usage(0);
		default:
			usage(2);
		}
	}
	if ((a->root && a->from) || ((takes & TAKES_APPLY) && !a->dry_run))
		usage(2);
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

/* The configuration to start from: SAVED or the running one */
static bool load_from(const struct args *a, struct model *m)
{
	return a->from ? load(a->from, m) : load_running(a->root, m);
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

	parse_args(argc, argv, TAKES_ROOT, true, &a);
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

static int cmd_diff(int argc, char **argv)
{
	struct model from, to;
	struct strbuf out;
	struct args a;
	int ret = 2;

	parse_args(argc, argv, TAKES_ROOT | TAKES_FROM, false, &a);
	model_init(&from);
	model_init(&to);
	sb_init(&out);
	if (load(a.file, &to) && load_from(&a, &from)) {
		ret = plan_diff(&from, &to, &out) ? 1 : 0;
		fputs(out.buf ? out.buf : "", stdout);
	}
	sb_free(&out);
	model_free(&from);
	model_free(&to);
	return ret;
}

static int cmd_apply(int argc, char **argv)
{
	struct step_list steps = { 0 };
	struct plan_opts o = { 0 };
	struct strbuf out, why;
	struct model from, to;
	struct args a;
	unsigned int i;
	const char *p;
	int ret = 2;

	parse_args(argc, argv, TAKES_ROOT | TAKES_FROM | TAKES_APPLY, false,
		   &a);
	o.force = a.force;
	model_init(&from);
	model_init(&to);
	sb_init(&out);
	sb_init(&why);
	if (load(a.file, &to) && load_from(&a, &from)) {
		if (plan_make(&from, &to, &o, &steps, &why)) {
			for (i = 0; i < steps.n; i++)
				step_print(&out, &steps.v[i]);
			fputs(out.buf ? out.buf : "", stdout);
			ret = 0;
		} else {
			fprintf(stderr,
				"%s: %s would unmap LUNs that it keeps; --force allows it:\n",
				progname, a.file);
			for (p = why.buf; *p; p = strchr(p, '\n') + 1)
				fprintf(stderr, "  %.*s\n",
					(int)(strchr(p, '\n') - p), p);
			ret = 1;
		}
	}
	step_list_free(&steps);
	sb_free(&out);
	sb_free(&why);
	model_free(&from);
	model_free(&to);
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
		{ "diff", cmd_diff },
		{ "apply", cmd_apply },
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
