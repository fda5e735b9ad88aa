// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: configure the SCST SCSI target framework from a file in the
 * format of SCST's scst.conf. See Documentation/scst/scstadmin.rst.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

static const char usage_text[] =
	"Usage: scstadmin check FILE\n"
	"\n"
	"  check    check FILE against what this kernel supports\n"
	"\n"
	"Exit status 2 means trouble: a usage error.\n";

static __noreturn void usage(int status)
{
	fputs(usage_text, status ? stderr : stdout);
	exit(status);
}

/* Load and check @path; messages go to stderr. */
static bool load(const char *path, struct model *m)
{
	struct diag d;
	bool ok;

	diag_init(&d, path, stderr);
	ok = conf_load(path, &d, m);
	diag_flush(&d);
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

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "check", cmd_check },
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
