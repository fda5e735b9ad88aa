// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin unit and property tests, in TAP: the lexer and the parser on
 * every kind of statement, the exact messages for malformed input, the
 * canonical writer, the schema, the kernel rules the planner's steps must
 * follow, and properties of random configurations (seeded; the seed is
 * printed, SCST_TEST_SEED=N repeats a run):
 *
 * - written, parsed and written again, a configuration gives the same
 *   bytes and the same model;
 * - the steps planned from A to B, applied to a model of A, give B; they
 *   unmap no LUN that A and B map to the same device unless forced, and
 *   the plan is refused exactly when only forcing would allow that;
 * - undoing the first steps of a plan gives A back;
 * - a configfs tree made of plain files and directories as SCST shows a
 *   configuration reads back to that configuration.
 *
 * Usage: unit [ITERATIONS]
 *        unit --tree FILE DIR    make DIR a configfs tree as SCST would
 *                                show the configuration in FILE
 */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "configfs.h"
#include "plan.h"
#include "schema.h"

static unsigned int n_tests, n_failed;

static void diag_text(const char *s)
{
	const char *nl;

	while (*s) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		printf("# %.*s\n", (int)(nl - s), s);
		s = *nl ? nl + 1 : nl;
	}
}

static __printf(2, 3) bool ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	n_tests++;
	if (!cond)
		n_failed++;
	printf("%sok %u - ", cond ? "" : "not ", n_tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

static bool same_text(const char *got, const char *want, const char *what)
{
	if (!strcmp(got, want))
		return true;
	printf("# %s: expected\n", what);
	diag_text(want);
	printf("# got\n");
	diag_text(got);
	return false;
}

/* Parse and validate @text as file "t.conf"; messages in *@msgs. */
static unsigned int parse_text(const char *text, size_t len,
			       struct model *m, char **msgs)
{
	struct name_list foreign = { 0 };
	struct diag d;
	size_t size;
	unsigned int i;
	FILE *f;

	f = open_memstream(msgs, &size);
	if (!f)
		die("open_memstream failed");
	diag_init(&d, "t.conf", f);
	model_init(m);
	conf_parse(text, len, &d, m, &foreign);
	conf_validate(m, &foreign, &d);
	diag_flush(&d);
	fclose(f);
	for (i = 0; i < foreign.n; i++)
		free(foreign.v[i].s);
	free(foreign.v);
	return d.errors;
}

/* @text (@len bytes) gives exactly the messages @want. */
static void expect_msgs_n(const char *name, const char *text, size_t len,
			  const char *want)
{
	struct model m;
	char *msgs;

	parse_text(text, len, &m, &msgs);
	ok(same_text(msgs, want, name), "messages: %s", name);
	free(msgs);
	model_free(&m);
}

static void expect_msgs(const char *name, const char *text, const char *want)
{
	expect_msgs_n(name, text, strlen(text), want);
}

static char *write_model(const struct model *m)
{
	struct strbuf sb;

	sb_init(&sb);
	conf_write(m, &sb);
	return sb_detach(&sb);
}

/* The model of @text written back, or NULL if it has errors. */
static char *rewrite(const char *text)
{
	struct model m;
	char *msgs, *out = NULL;

	if (!parse_text(text, strlen(text), &m, &msgs))
		out = write_model(&m);
	else
		diag_text(msgs);
	free(msgs);
	model_free(&m);
	return out;
}

static void test_lexer(void)
{
	static const char line[] =
		"  word \"two words\" a\\ b\\#c\\\\ \"q\\\"\\\\\"{}# comment\n"
		"\"\"\tx#y\r\n";
	static const char *const want[] = {
		"word", "two words", "a b#c\\", "q\"\\", "{", "}",
	};
	static const unsigned int cols[] = { 3, 8, 20, 30, 37, 38 };
	struct token_line tl = { 0 };
	struct lexer lx;
	struct diag d;
	unsigned int i;
	bool good;

	diag_init(&d, "t.conf", stderr);
	lexer_init(&lx, line, strlen(line), &d);
	good = lexer_line(&lx, &tl) && tl.n == ARRAY_SIZE(want) && !tl.bad;
	for (i = 0; good && i < tl.n; i++)
		good = !strcmp(tl.v[i].text, want[i]) &&
		       tl.v[i].loc.line == 1 && tl.v[i].loc.col == cols[i] &&
		       tl.v[i].quoted == (i == 1 || i == 3) &&
		       tl.v[i].kind == (i < 4 ? TK_WORD :
					i == 4 ? TK_LBRACE : TK_RBRACE);
	ok(good, "lexer: words, quotes, escapes, braces and a comment");
	good = lexer_line(&lx, &tl) && tl.n == 2 && !*tl.v[0].text &&
	       tl.v[0].quoted && !strcmp(tl.v[1].text, "x") &&
	       tl.v[1].loc.col == 4 && tl.eol.col == 7 && !d.errors;
	ok(good, "lexer: an empty quoted word, a tab, CRLF");
	ok(!lexer_line(&lx, &tl), "lexer: end of input");
	token_line_free(&tl);
}

static void test_blocks(void)
{
	static const char text[] =
		"# every kind of block\n"
		"HANDLER vdisk_fileio {\n"
		"\tDEVICE disk1 {\n"
		"\t\tfilename /var/tmp/disk1.img\n"
		"\t\tblocksize 4096\n"
		"\t}\n"
		"}\n"
		"HANDLER vdisk_nullio {\n"
		"\tDEVICE null0\n"
		"\tDEVICE null1 {\n"
		"\t}\n"
		"}\n"
		"HANDLER vdisk_blockio {\n"
		"}\n"
		"HANDLER vcdrom {\n"
		"\tDEVICE cd0 {\n"
		"\t\tfilename \"\"\n"
		"\t}\n"
		"}\n"
		"TARGET_DRIVER scst_local {\n"
		"\tTARGET tgt0 {\n"
		"\t\tsession_name host0\n"
		"\t\tsession_name \"host 1\"\n"
		"\t\tLUN 0 disk1\n"
		"\t\tLUN 16383 null0 {\n"
		"\t\t\tread_only 1\n"
		"\t\t}\n"
		"\t\tGROUP g1 {\n"
		"\t\t\tLUN 1 null1\n"
		"\t\t\tINITIATOR ini1\n"
		"\t\t\tINITIATOR \"!ini 2\"\n"
		"\t\t}\n"
		"\t\tGROUP g0\n"
		"\t}\n"
		"\tTARGET tgt1\n"
		"}\n";
	const struct target *t0, *t1;
	const struct device *dev;
	struct model m;
	char *msgs;
	bool good;

	good = !parse_text(text, strlen(text), &m, &msgs) && !*msgs;
	ok(good, "parse: every block type is accepted");
	if (!good)
		diag_text(msgs);
	dev = model_find_device(&m, "disk1");
	ok(m.n_devs == 4 && dev && !strcmp(dev->handler, "vdisk_fileio") &&
	   dev->attrs.n == 2 &&
	   !strcmp(attr_get(&dev->attrs, "blocksize"), "4096") &&
	   !strcmp(attr_get(&dev->attrs, "filename"), "/var/tmp/disk1.img"),
	   "parse: HANDLER, DEVICE and device attributes");
	dev = model_find_device(&m, "cd0");
	ok(dev && !dev->attrs.n && model_find_device(&m, "null1") &&
	   !model_find_device(&m, "null1")->attrs.n,
	   "parse: defaults are left out, empty blocks are accepted");
	t0 = model_find_target(&m, "scst_local", "tgt0");
	t1 = model_find_target(&m, "scst_local", "tgt1");
	ok(m.n_tgts == 2 && t0 && t1 && !t1->luns.n && !t1->n_groups,
	   "parse: TARGET_DRIVER and TARGET, with and without a block");
	ok(t0 && t0->sessions.n == 2 &&
	   !strcmp(t0->sessions.v[0].s, "host 1") && t0->luns.n == 2 &&
	   t0->luns.v[0].nr == 0 && !strcmp(t0->luns.v[0].dev, "disk1") &&
	   t0->luns.v[1].nr == 16383 &&
	   !strcmp(attr_get(&t0->luns.v[1].attrs, "read_only"), "1"),
	   "parse: session_name, LUN with and without attributes");
	ok(t0 && t0->n_groups == 2 && !strcmp(t0->groups[0].name, "g1") &&
	   !strcmp(t0->groups[1].name, "g0") &&
	   t0->groups[0].luns.n == 1 && t0->groups[0].inis.n == 2 &&
	   !strcmp(t0->groups[0].inis.v[0].s, "!ini 2") &&
	   !t0->groups[1].inis.n,
	   "parse: GROUP keeps its order, LUN and INITIATOR in a group");
	free(msgs);
	model_free(&m);
}

static void test_comments(void)
{
	static const char text[] =
		"#!comment at the start\n"
		"   # indented comment\n"
		"HANDLER vdisk_nullio { # after a brace\n"
		"\tDEVICE n { #x\n"
		"\t\tproduct \"a # b\"#c\n"
		"\t\tvendor x\\#y # z\n"
		"\t\trevision ab#cd\n"
		"\t}#\n"
		"} # end\n"
		"# last line without a newline";
	struct model m;
	const struct device *dev;
	char *msgs;

	ok(!parse_text(text, strlen(text), &m, &msgs) && !*msgs &&
	   (dev = model_find_device(&m, "n")) &&
	   !strcmp(attr_get(&dev->attrs, "product"), "a # b") &&
	   !strcmp(attr_get(&dev->attrs, "vendor"), "x#y") &&
	   !strcmp(attr_get(&dev->attrs, "revision"), "ab"),
	   "parse: comments anywhere outside quotes");
	free(msgs);
	model_free(&m);
}

static void test_quoting(void)
{
	static const char text[] =
		"HANDLER vdisk_fileio {\r\n"
		"\tDEVICE \"odd {name}\" {\r\n"
		"\t\tfilename \"/a b/c\\\"d\\\\e#f\"\r\n"
		"\t\tproduct \"\\\\{}\"\r\n"
		"\t\tvendor \\{x\\}\r\n"
		"\t}\r\n"
		"}";
	static const char want[] =
		"HANDLER vdisk_fileio {\n"
		"\tDEVICE \"odd {name}\" {\n"
		"\t\tfilename \"/a b/c\\\"d\\\\e#f\"\n"
		"\t\tproduct \"\\\\{}\"\n"
		"\t\tvendor \"{x}\"\n"
		"\t}\n"
		"}\n";
	const struct device *dev;
	struct model m;
	char *msgs, *out;

	ok(!parse_text(text, strlen(text), &m, &msgs) &&
	   (dev = model_find_device(&m, "odd {name}")) &&
	   !strcmp(attr_get(&dev->attrs, "filename"), "/a b/c\"d\\e#f") &&
	   !strcmp(attr_get(&dev->attrs, "product"), "\\{}") &&
	   !strcmp(attr_get(&dev->attrs, "vendor"), "{x}"),
	   "parse: quotes and escapes, CRLF, no final newline");
	out = write_model(&m);
	ok(same_text(out, want, "quoting"), "write: quotes what needs it");
	free(out);
	free(msgs);
	model_free(&m);
}

static void test_canonical(void)
{
	static const char text[] =
		"TARGET_DRIVER scst_local {\n"
		"  TARGET b {\n"
		"    GROUP z {\n"
		"      INITIATOR y\n"
		"      LUN 3 d2\n"
		"      INITIATOR x\n"
		"    }\n"
		"    GROUP a\n"
		"    LUN 10 d1 {\n"
		"      read_only 0\n"
		"    }\n"
		"    LUN 2 d1 {\n"
		"      read_only 1\n"
		"    }\n"
		"    cpu_mask 1,0\n"
		"    enable 1\n"
		"    session_name s2\n"
		"    session_name s1\n"
		"  }\n"
		"  TARGET a\n"
		"}\n"
		"HANDLER vdisk_nullio {\n"
		"  DEVICE d2 {\n"
		"    size 4096\n"
		"    blocksize 4096\n"
		"    serial 1d53ad71\n"
		"  }\n"
		"  DEVICE d1 {\n"
		"    product d1\n"
		"  }\n"
		"}\n"
		"HANDLER vcdrom {\n"
		"  DEVICE cd {\n"
		"    filename /iso\n"
		"  }\n"
		"}\n";
	static const char want[] =
		"HANDLER vcdrom {\n"
		"\tDEVICE cd {\n"
		"\t\tfilename /iso\n"
		"\t}\n"
		"}\n"
		"\n"
		"HANDLER vdisk_nullio {\n"
		"\tDEVICE d1\n"
		"\n"
		"\tDEVICE d2 {\n"
		"\t\tblocksize 4096\n"
		"\t\tserial 1d53ad71\n"
		"\t\tsize 4096\n"
		"\t}\n"
		"}\n"
		"\n"
		"TARGET_DRIVER scst_local {\n"
		"\tTARGET a\n"
		"\n"
		"\tTARGET b {\n"
		"\t\tcpu_mask 0-1\n"
		"\t\tsession_name s1\n"
		"\t\tsession_name s2\n"
		"\n"
		"\t\tLUN 2 d1 {\n"
		"\t\t\tread_only 1\n"
		"\t\t}\n"
		"\n"
		"\t\tLUN 10 d1\n"
		"\n"
		"\t\tGROUP z {\n"
		"\t\t\tLUN 3 d2\n"
		"\n"
		"\t\t\tINITIATOR x\n"
		"\t\t\tINITIATOR y\n"
		"\t\t}\n"
		"\n"
		"\t\tGROUP a\n"
		"\t}\n"
		"}\n";
	char *out = rewrite(text), *again;

	ok(out && same_text(out, want, "canonical"),
	   "write: the canonical form sorts all but groups, drops defaults");
	again = out ? rewrite(out) : NULL;
	ok(again && !strcmp(again, out),
	   "write: the canonical form reads back to itself");
	free(out);
	free(again);
	out = rewrite("");
	ok(out && !*out, "write: an empty configuration is an empty file");
	free(out);
}

static void test_lex_errors(void)
{
	static const char nul[] = "HANDLER vdisk_nullio {\n\tDEVICE a\0b\n}\n";
	struct strbuf big;
	unsigned int i;

	expect_msgs("control character", "x\001 y\n",
		    "t.conf:1:2: control character 0x01\n");
	expect_msgs_n("NUL byte", nul, sizeof(nul) - 1,
		      "t.conf:2:10: control character 0x00\n");
	expect_msgs("tab in quotes", "a \"b\tc\"\n",
		    "t.conf:1:5: control character 0x09\n");
	expect_msgs("DEL", "a b\177\n",
		    "t.conf:1:4: control character 0x7f\n");
	expect_msgs("unterminated quote", "a \"bc\n",
		    "t.conf:1:3: missing closing quote\n");
	expect_msgs("escape in quotes", "a \"b\\n\"\n",
		    "t.conf:1:5: invalid escape in quotes: 'n'\n");
	expect_msgs("escape at end of line", "a b\\\n",
		    "t.conf:1:4: invalid escape: end of line\n");
	expect_msgs("bad escape", "a b\\t\n",
		    "t.conf:1:4: invalid escape: 't'\n");
	expect_msgs("quote in a word", "a b\"c\"\n",
		    "t.conf:1:4: quote inside a word; write \\\" for a quote\n");
	expect_msgs("word after a quote", "a \"b\"c\n",
		    "t.conf:1:6: expected a blank after the closing quote\n");
	expect_msgs("only the first error of a line", "a \001 \002\n",
		    "t.conf:1:3: control character 0x01\n");
	expect_msgs("a bad line still opens and closes blocks",
		    "HANDLER vdisk_nullio {\n\tDEVICE \001 {\n\t\tx y\n\t}\n}\n",
		    "t.conf:2:9: control character 0x01\n");

	sb_init(&big);
	sb_adds(&big, "HANDLER vdisk_nullio {\n\tDEVICE d {\n\t\tproduct ");
	for (i = 0; i < CONF_MAX_LINE; i++)
		sb_addc(&big, 'x');
	sb_adds(&big, "\n\t}\n}\n");
	expect_msgs("line too long", big.buf,
		    "t.conf:3:8193: line longer than 8192 bytes\n");
	sb_free(&big);
	sb_init(&big);
	for (i = 0; i < CONF_MAX_DEPTH + 2; i++)
		sb_adds(&big, "x {\n");
	for (i = 0; i < CONF_MAX_DEPTH + 2; i++)
		sb_adds(&big, "}\n");
	expect_msgs("nesting too deep", big.buf,
		    "t.conf:1:1: unknown block 'x'\n"
		    "t.conf:16:3: blocks nested more than 16 deep\n");
	sb_free(&big);
}

static void test_limits(void)
{
	struct strbuf big, want;
	unsigned int i;

	sb_init(&big);
	sb_adds(&big, "HANDLER vdisk_nullio {\n");
	for (i = 0; i < CONF_MAX_OBJECTS + 10; i++)
		sb_addf(&big, "\tDEVICE d%u\n", i);
	sb_adds(&big, "}\n");
	sb_init(&want);
	sb_addf(&want,
		"t.conf:%u:2: more than %u devices, targets, LUNs, groups, initiators and sessions\n",
		CONF_MAX_OBJECTS + 2, CONF_MAX_OBJECTS);
	expect_msgs("too many objects", big.buf, want.buf);
	sb_free(&big);
	sb_free(&want);

	sb_init(&big);
	sb_init(&want);
	for (i = 1; i <= DIAG_MAX + 5; i++) {
		sb_adds(&big, "x 1\n");
		if (i <= DIAG_MAX)
			sb_addf(&want, "t.conf:%u:1: SCST core attribute 'x' is not supported\n",
				i);
	}
	sb_adds(&want, "t.conf: 5 more problems\n");
	expect_msgs("only so many messages", big.buf, want.buf);
	sb_free(&big);
	sb_free(&want);
}

static void test_schema(void)
{
	static const struct {
		const char *name, *serial;
	} vec[] = {
		{ "disk1", "1d53ad71" },
		{ "a", "63a744b7" },
		{ "abcdefghijkl", "b5f63a67" },
		{ "abcdefghijklm", "d1d15e32" },
		{ "my disk", "6f593143" },
		{ "x23456789012345678901234567890123456789012345678901234567890123",
		  "2756bec8" },
	};
	static const struct {
		const char *in, *out;
	} cpus[] = {
		{ "0", "0" }, { "3,0-2", "0-3" }, { "0-7:2/4", "0-1,4-5" },
		{ "5,5,005", "5" }, { "8191", "8191" }, { "all", "all" },
		{ "1-3,7,9-10", "1-3,7,9-10" }, { "0-1023:1/512", "0,512" },
		{ "", NULL }, { "8192", NULL }, { "3-1", NULL }, { "1,", NULL },
		{ "0-3:5/4", NULL }, { "0-3:0/4", NULL }, { "1:1/2", NULL },
		{ "ff", NULL }, { " 1", NULL }, { "N", NULL }, { "0-3:1/0", NULL },
	};
	const struct handler_def *h = schema_handler("vdisk_fileio");
	const struct attr_def *serial = schema_attr(h->attrs, h->n_attrs,
						    "serial");
	const struct attr_def *cpu = schema_attr(schema_tgt_attrs,
						 schema_n_tgt_attrs,
						 "cpu_mask");
	struct strbuf why;
	unsigned int i;
	bool good = true;
	char *v;

	for (i = 0; i < ARRAY_SIZE(vec); i++) {
		v = schema_default(serial, h, vec[i].name);
		if (strcmp(v, vec[i].serial)) {
			printf("# serial of %s: %s, expected %s\n",
			       vec[i].name, v, vec[i].serial);
			good = false;
		}
		free(v);
	}
	ok(good, "schema: the default serial is the kernel's jhash");

	good = true;
	sb_init(&why);
	for (i = 0; i < ARRAY_SIZE(cpus); i++) {
		bool r = schema_check(cpu, cpus[i].in, &v, &why);

		if (r != !!cpus[i].out || (r && strcmp(v, cpus[i].out))) {
			printf("# cpu list '%s': %s\n", cpus[i].in,
			       r ? v : "refused");
			good = false;
		}
		if (r)
			free(v);
	}
	sb_free(&why);
	ok(good, "schema: CPU lists in the kernel's format, normalized");

	sb_init(&why);
	good = schema_check_name(NK_DEVICE, "a b~", &why) &&
	       !schema_check_name(NK_DEVICE, "\xc3\xa9", &why) &&
	       schema_check_name(NK_TARGET, "\xc3\xa9", &why) &&
	       !schema_check_name(NK_TARGET, "a/b", &why) &&
	       !schema_check_name(NK_GROUP, "..", &why) &&
	       !schema_check_name(NK_INITIATOR, "!", &why) &&
	       schema_check_name(NK_INITIATOR, "!a", &why) &&
	       !schema_check_name(NK_SESSION, "", &why);
	sb_free(&why);
	ok(good, "schema: object names");
}

/*
 * A model of the kernel: the rules the steps of a plan must follow, which
 * the property tests then rely on.
 */
static bool sim_text(struct model *m, const char *steps_text, char **err)
{
	struct strbuf why;
	struct step s = { 0 };
	char *copy = xstrdup(steps_text), *line, *save = NULL;
	bool r = true;

	sb_init(&why);
	for (line = strtok_r(copy, "\n", &save); r && line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *op = strtok(line, " "), *path = strtok(NULL, " ");
		char *value = strtok(NULL, " ");

		s.op = !strcmp(op, "mkdir") ? OP_MKDIR :
		       !strcmp(op, "rmdir") ? OP_RMDIR :
		       !strcmp(op, "write") ? OP_WRITE :
		       !strcmp(op, "link") ? OP_LINK : OP_UNLINK;
		s.path = path;
		s.value = value;
		r = sim_apply(m, &s, NULL, &why);
	}
	free(copy);
	*err = sb_detach(&why);
	return r;
}

static void expect_sim(const char *name, const char *steps, const char *want)
{
	struct model m;
	char *err;
	bool r;

	model_init(&m);
	r = sim_text(&m, steps, &err);
	ok(want ? !r && !strcmp(err, want) : r, "kernel rules: %s", name);
	if (want && strcmp(err, want))
		printf("# got '%s'\n", err);
	free(err);
	model_free(&m);
}

#define DEV "handlers/vdisk_nullio/d"
#define LUN "targets/scst_local/t/luns/0"

static void test_sim(void)
{
	expect_sim("a device is made disabled",
		   "mkdir " DEV "\nmkdir targets/scst_local/t\n"
		   "mkdir " LUN "\nlink " LUN "/device " DEV,
		   "EINVAL: the device is disabled");
	expect_sim("a mapped device cannot be disabled",
		   "mkdir " DEV "\nwrite " DEV "/enable 1\n"
		   "mkdir targets/scst_local/t\nmkdir " LUN "\n"
		   "link " LUN "/device " DEV "\nwrite " DEV "/enable 0",
		   "EBUSY: a LUN maps the device");
	expect_sim("a mapped device cannot be removed",
		   "mkdir " DEV "\nwrite " DEV "/enable 1\n"
		   "mkdir targets/scst_local/t\nmkdir " LUN "\n"
		   "link " LUN "/device " DEV "\nrmdir " DEV,
		   "EBUSY: a LUN maps the device");
	expect_sim("an enabled device keeps its block size",
		   "mkdir " DEV "\nwrite " DEV "/enable 1\n"
		   "write " DEV "/blocksize 4096",
		   "EBUSY: the device is enabled");
	expect_sim("an enabled device can be resized",
		   "mkdir " DEV "\nwrite " DEV "/enable 1\n"
		   "write " DEV "/size 4096", NULL);
	expect_sim("a LUN's read_only needs it unlinked",
		   "mkdir " DEV "\nwrite " DEV "/enable 1\n"
		   "mkdir targets/scst_local/t\nmkdir " LUN "\n"
		   "link " LUN "/device " DEV "\nwrite " LUN "/read_only 1",
		   "EBUSY: a device is linked");
	expect_sim("a linked LUN cannot be removed",
		   "mkdir " DEV "\nwrite " DEV "/enable 1\n"
		   "mkdir targets/scst_local/t\nmkdir " LUN "\n"
		   "link " LUN "/device " DEV "\nrmdir " LUN,
		   "ENOTEMPTY: a device is linked");
	expect_sim("a target with LUNs cannot be removed",
		   "mkdir targets/scst_local/t\nmkdir " LUN "\n"
		   "rmdir targets/scst_local/t", "ENOTEMPTY");
	expect_sim("sessions need an enabled target",
		   "mkdir targets/scst_local/t\n"
		   "mkdir targets/scst_local/t/sessions/s",
		   "the target is disabled");
	expect_sim("device names are unique across handlers",
		   "mkdir " DEV "\nmkdir handlers/vdisk_fileio/d", "EEXIST");
	expect_sim("a file device needs a filename to be enabled",
		   "mkdir handlers/vdisk_fileio/f\n"
		   "write handlers/vdisk_fileio/f/enable 1",
		   "EINVAL: no filename");
	expect_sim("a size is a multiple of the block size",
		   "mkdir " DEV "\nwrite " DEV "/blocksize 4096\n"
		   "write " DEV "/size 512",
		   "EINVAL: not a multiple of the block size");
}

#undef DEV
#undef LUN

/* Random configurations */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int rn(unsigned int n)
{
	return rnd() % n;
}

static const char *pick(const char *const *v, unsigned int n)
{
	return v[rn(n)];
}

static const char *const dev_names[] = {
	"disk0", "disk1", "disk2", "null0", "cd0", "my disk", "q\"uote",
	"back\\slash", "hash#1", "{brace}", "x", "d-e_f.g:h",
};

static const char *const tgt_names[] = {
	"tgt0", "tgt1", "iqn.2025-01.org.example:t1", "t \xc3\xa9", "t#",
};

static const char *const grp_names[] = {
	"g0", "g1", "g2", "group one", "{g}",
};

static const char *const ini_names[] = {
	"ini0", "ini1", "host-*", "!host-3", "h?st", "iqn.1994-05.com.x:y",
	"a b",
};

static const char *const sess_names[] = {
	"host0", "host1", "init \"2\"",
};

static const char *const handlers[] = {
	"vdisk_nullio", "vdisk_fileio", "vdisk_blockio", "vcdrom",
};

static const char *rand_handler(void)
{
	return pick(handlers, ARRAY_SIZE(handlers));
}

static char *rand_ident(unsigned int max)
{
	static const char chars[] = "ABCxyz019 _-#\"\\{}~!";
	unsigned int i, len = 1 + rn(max);
	char *s = xmalloc(len + 1);

	for (i = 0; i < len; i++)
		s[i] = chars[rn(sizeof(chars) - 1)];
	s[len] = '\0';
	return s;
}

static char *rand_value(const struct attr_def *def)
{
	static const char *const bs[] = { "512", "1024", "2048", "4096" };
	static const char *const paths[] = {
		"/var/tmp/a.img", "/dev/vg0/lv 1", "/x\"y", "/#",
	};
	static const char *const cpus[] = { "0", "0-3", "1,5", "all", "2-7:1/2" };

	switch (def->type) {
	case AT_BOOL:
		return xstrdup(rn(2) ? "1" : "0");
	case AT_U64:
		return xasprintf("%llu", def->min + rn(def->max > 100 ?
						       100 : def->max + 1 - def->min));
	case AT_BLOCKSIZE:
		return xstrdup(pick(bs, ARRAY_SIZE(bs)));
	case AT_IDENT:
		return rand_ident(def->max);
	case AT_PATH:
		return xstrdup(pick(paths, ARRAY_SIZE(paths)));
	case AT_POOL:
		return xstrdup(rn(2) ? "shared" : "per_initiator");
	case AT_CPULIST:
		return xstrdup(pick(cpus, ARRAY_SIZE(cpus)));
	}
	return NULL;
}

/* Random attributes of a device, consistent with each other */
static void rand_device(struct device *dev)
{
	const struct handler_def *h = schema_handler(dev->handler);
	const struct attr_def *bs_def;
	unsigned int i;
	char *v, *bs;

	attr_set(&dev->attrs, "enable", rn(5) ? "1" : "0");
	for (i = 0; i < h->n_attrs; i++) {
		const struct attr_def *def = &h->attrs[i];

		if ((def->flags & (AF_FIXED | AF_ENABLE)) || rn(3))
			continue;
		v = rand_value(def);
		attr_set(&dev->attrs, def->name, v);
		free(v);
	}
	if (attr_get(&dev->attrs, "size")) {
		bs_def = schema_attr(h->attrs, h->n_attrs, "blocksize");
		bs = schema_value(bs_def, &dev->attrs, h, dev->name);
		v = xasprintf("%llu", strtoull(bs, NULL, 10) * (1 + rn(1000)));
		attr_set(&dev->attrs, "size", v);
		free(v);
		free(bs);
	}
	if (h->needs_filename && !rn(4))
		attr_set(&dev->attrs, "filename", "/var/tmp/a.img");
	v = (char *)attr_get(&dev->attrs, "filename");
	if (h->needs_filename && (!v || !*v))
		attr_set(&dev->attrs, "enable", "0");
}

static const char *rand_enabled_dev(const struct model *m)
{
	unsigned int i, n = 0, k;

	for (i = 0; i < m->n_devs; i++)
		n += strcmp(attr_get(&m->devs[i].attrs, "enable") ?: "1", "0") != 0;
	if (!n)
		return NULL;
	k = rn(n);
	for (i = 0; i < m->n_devs; i++)
		if (strcmp(attr_get(&m->devs[i].attrs, "enable") ?: "1", "0") &&
		    !k--)
			return m->devs[i].name;
	return NULL;
}

static void rand_luns(const struct model *m, struct lun_map *map)
{
	unsigned int i, n = rn(4);

	for (i = 0; i < n; i++) {
		unsigned int nr = rn(8) ? rn(6) : rn(SCHEMA_MAX_LUN + 1);
		const char *dev = rand_enabled_dev(m);
		struct lun *lun;

		if (!dev || lun_map_find(map, nr))
			continue;
		lun = lun_map_add(map, nr);
		lun->dev = xstrdup(dev);
		if (!rn(3))
			attr_set(&lun->attrs, "read_only", rn(2) ? "1" : "0");
	}
}

static void rand_group(const struct model *m, struct group *grp)
{
	unsigned int i, n = rn(4);

	rand_luns(m, &grp->luns);
	for (i = 0; i < n; i++) {
		const char *ini = pick(ini_names, ARRAY_SIZE(ini_names));

		if (!name_list_find(&grp->inis, ini))
			name_list_add(&grp->inis, ini);
	}
}

static void rand_target(const struct model *m, struct target *tgt)
{
	unsigned int i, n;
	char *v;

	if (!rn(4))
		attr_set(&tgt->attrs, "enable", rn(2) ? "1" : "0");
	if (!rn(3)) {
		v = rand_value(schema_attr(schema_tgt_attrs,
					   schema_n_tgt_attrs, "cpu_mask"));
		attr_set(&tgt->attrs, "cpu_mask", v);
		free(v);
	}
	n = rn(3);
	for (i = 0; i < n; i++) {
		const char *s = pick(sess_names, ARRAY_SIZE(sess_names));

		if (!name_list_find(&tgt->sessions, s))
			name_list_add(&tgt->sessions, s);
	}
	rand_luns(m, &tgt->luns);
	n = rn(4);
	for (i = 0; i < n; i++) {
		const char *g = pick(grp_names, ARRAY_SIZE(grp_names));

		if (!target_find_group(tgt, g))
			rand_group(m, target_add_group(tgt, g));
	}
}

/* Normalize a generated model as the parser's would be; false if invalid */
static bool finish(struct model *m)
{
	struct name_list none = { 0 };
	struct diag d;
	char *msgs;
	size_t size;
	FILE *f = open_memstream(&msgs, &size);

	diag_init(&d, "generated", f);
	conf_validate(m, &none, &d);
	diag_flush(&d);
	fclose(f);
	if (d.errors)
		diag_text(msgs);
	free(msgs);
	return !d.errors;
}

static void rand_model(struct model *m)
{
	unsigned int i, n = rn(6);

	model_init(m);
	for (i = 0; i < n; i++) {
		const char *name = pick(dev_names, ARRAY_SIZE(dev_names));

		if (!model_find_device(m, name))
			rand_device(model_add_device(m, rand_handler(), name));
	}
	n = rn(3);
	for (i = 0; i < n; i++) {
		const char *name = pick(tgt_names, ARRAY_SIZE(tgt_names));

		if (!model_find_target(m, "scst_local", name))
			rand_target(m, model_add_target(m, "scst_local", name));
	}
}

/* Remove every LUN that maps @dev, or a device that is not enabled. */
static void drop_luns(struct model *m)
{
	unsigned int i, j, k;

	for (i = 0; i < m->n_tgts; i++) {
		struct target *t = &m->tgts[i];

		for (j = 0; j <= t->n_groups; j++) {
			struct lun_map *map = j < t->n_groups ?
				&t->groups[j].luns : &t->luns;

			for (k = 0; k < map->n; ) {
				const struct device *dev;

				dev = model_find_device(m, map->v[k].dev);
				if (!dev || attr_get(&dev->attrs, "enable"))
					lun_map_del(map, &map->v[k]);
				else
					k++;
			}
		}
	}
}

/* A few random changes to @m */
static void mutate(struct model *m)
{
	unsigned int n = 1 + rn(4);

	while (n--) {
		struct device *dev = m->n_devs ? &m->devs[rn(m->n_devs)] : NULL;
		struct target *tgt = m->n_tgts ? &m->tgts[rn(m->n_tgts)] : NULL;
		struct group *grp = tgt && tgt->n_groups ?
			&tgt->groups[rn(tgt->n_groups)] : NULL;
		struct lun_map *map = grp && rn(2) ? &grp->luns :
				      tgt ? &tgt->luns : NULL;
		const char *name;

		switch (rn(12)) {
		case 0:
			name = pick(dev_names, ARRAY_SIZE(dev_names));
			if (!model_find_device(m, name))
				rand_device(model_add_device(m, rand_handler(),
							     name));
			break;
		case 1:
			if (dev)
				model_del_device(m, dev);
			break;
		case 2:
			if (dev)
				rand_device(dev);
			break;
		case 3:
			if (!dev)
				break;
			free(dev->handler);
			dev->handler = xstrdup(rand_handler());
			while (dev->attrs.n)
				attr_del(&dev->attrs, dev->attrs.v[0].name);
			rand_device(dev);
			break;
		case 4:
			name = pick(tgt_names, ARRAY_SIZE(tgt_names));
			if (!model_find_target(m, "scst_local", name))
				rand_target(m, model_add_target(m, "scst_local",
								name));
			break;
		case 5:
			if (tgt)
				model_del_target(m, tgt);
			break;
		case 6:
			if (tgt)
				attr_set(&tgt->attrs, "enable",
					 rn(2) ? "1" : "0");
			break;
		case 7:
			if (map && map->n && rn(2))
				lun_map_del(map, &map->v[rn(map->n)]);
			else if (map)
				rand_luns(m, map);
			break;
		case 8:
			if (map && map->n) {
				const char *d = rand_enabled_dev(m);
				struct lun *lun = &map->v[rn(map->n)];

				if (d && rn(2)) {
					free(lun->dev);
					lun->dev = xstrdup(d);
				} else {
					attr_set(&lun->attrs, "read_only",
						 rn(2) ? "1" : "0");
				}
			}
			break;
		case 9:
			if (tgt && tgt->n_groups > 1) {
				struct group tmp = tgt->groups[0];
				unsigned int k = 1 + rn(tgt->n_groups - 1);

				tgt->groups[0] = tgt->groups[k];
				tgt->groups[k] = tmp;
			} else if (grp) {
				target_del_group(tgt, grp);
			}
			break;
		case 10:
			if (tgt) {
				name = pick(grp_names, ARRAY_SIZE(grp_names));
				if (!target_find_group(tgt, name))
					rand_group(m, target_add_group(tgt,
								       name));
			}
			break;
		case 11:
			if (grp && grp->inis.n && rn(2)) {
				struct group *to = &tgt->groups[rn(tgt->n_groups)];
				char *ini = xstrdup(grp->inis.v[0].s);

				name_list_del(&grp->inis, ini);
				if (!name_list_find(&to->inis, ini))
					name_list_add(&to->inis, ini);
				free(ini);
			} else if (tgt) {
				name = pick(sess_names, ARRAY_SIZE(sess_names));
				if (name_list_find(&tgt->sessions, name))
					name_list_del(&tgt->sessions, name);
				else
					name_list_add(&tgt->sessions, name);
			}
			break;
		}
	}
	drop_luns(m);
}

static void show_model(const char *what, const struct model *m)
{
	char *text = write_model(m);

	printf("# %s:\n", what);
	diag_text(text);
	free(text);
}

/* Write, parse and write again: the same bytes and model */
static bool roundtrip(const struct model *m)
{
	struct model m2;
	char *w1, *w2 = NULL, *msgs;
	bool good;

	w1 = write_model(m);
	good = !parse_text(w1, strlen(w1), &m2, &msgs) && !*msgs &&
	       model_equal(m, &m2);
	if (good) {
		w2 = write_model(&m2);
		good = !strcmp(w1, w2);
	}
	if (!good) {
		diag_text(msgs);
		show_model("model", m);
		printf("# read back:\n");
		diag_text(w2 ? w2 : "");
	}
	free(w1);
	free(w2);
	free(msgs);
	model_free(&m2);
	return good;
}

/* The device that LUN link @path maps in @m, or NULL */
static const char *link_dev(const struct model *m, const char *path)
{
	char drv[256], tgt[256], grp[256];
	const struct target *t;
	const struct lun_map *map;
	const struct lun *lun;
	const struct group *g;
	unsigned int nr;

	if (sscanf(path, "targets/%255[^/]/%255[^/]/luns/%u/device", drv, tgt,
		   &nr) == 3) {
		t = model_find_target(m, drv, tgt);
		map = t ? &t->luns : NULL;
	} else if (sscanf(path,
			  "targets/%255[^/]/%255[^/]/ini_groups/%255[^/]/luns/%u/device",
			  drv, tgt, grp, &nr) == 4) {
		t = model_find_target(m, drv, tgt);
		g = t ? target_find_group(t, grp) : NULL;
		map = g ? &g->luns : NULL;
	} else {
		return NULL;
	}
	lun = map ? lun_map_find(map, nr) : NULL;
	return lun ? lun->dev : NULL;
}

/* The number of unlinks of LUNs that @a and @b map to the same device */
static unsigned int kept_unlinks(const struct model *a, const struct model *b,
				 const struct step_list *steps)
{
	unsigned int i, n = 0;

	for (i = 0; i < steps->n; i++) {
		const char *da, *db;

		if (steps->v[i].op != OP_UNLINK)
			continue;
		da = link_dev(a, steps->v[i].path);
		db = link_dev(b, steps->v[i].path);
		if (da && db && !strcmp(da, db))
			n++;
	}
	return n;
}

static int cmp_group(const void *x, const void *y)
{
	return strcmp(((const struct group *)x)->name,
		      ((const struct group *)y)->name);
}

/* Equal but for the order of groups (an undone removal appends) */
static bool equal_but_group_order(struct model *x, struct model *y)
{
	unsigned int i;

	for (i = 0; i < x->n_tgts; i++)
		if (x->tgts[i].n_groups)
			qsort(x->tgts[i].groups, x->tgts[i].n_groups,
			      sizeof(struct group), cmp_group);
	for (i = 0; i < y->n_tgts; i++)
		if (y->tgts[i].n_groups)
			qsort(y->tgts[i].groups, y->tgts[i].n_groups,
			      sizeof(struct group), cmp_group);
	return model_equal(x, y);
}

static bool run_steps(struct model *m, const struct step_list *steps,
		      unsigned int n)
{
	struct strbuf why;
	unsigned int i;
	bool good = true;

	sb_init(&why);
	for (i = 0; good && i < n; i++) {
		good = sim_apply(m, &steps->v[i], NULL, &why);
		if (!good) {
			struct strbuf st;

			sb_init(&st);
			step_print(&st, &steps->v[i]);
			printf("# step %u refused: %s# %s\n", i, st.buf,
			       why.buf);
			sb_free(&st);
		}
	}
	sb_free(&why);
	return good;
}

struct pair_stats {
	unsigned int planned, refused, steps, kept_violations, wrong_result,
		     bad_refusal, bad_undo, bad_diff, forced_bad;
};

static bool check_pair(const struct model *a, const struct model *b,
		       struct pair_stats *st)
{
	struct plan_opts force = { .force = true }, gentle = { 0 };
	struct step_list s1 = { 0 }, s2 = { 0 };
	bool r1, undone, good = true;
	struct strbuf why, diff;
	struct model cur, a2;
	unsigned int i, k;

	sb_init(&why);
	sb_init(&diff);
	r1 = plan_make(a, b, &gentle, &s1, &why);
	plan_make(a, b, &force, &s2, &why);
	st->steps += s2.n;

	/* Forced: always possible, reaches b */
	model_copy(&cur, a);
	if (!run_steps(&cur, &s2, s2.n) ||
	    (model_sort(&cur), !model_equal(&cur, b))) {
		st->forced_bad++;
		good = false;
	}
	model_free(&cur);

	if (r1) {
		st->planned++;
		model_copy(&cur, a);
		if (!run_steps(&cur, &s1, s1.n) ||
		    (model_sort(&cur), !model_equal(&cur, b))) {
			st->wrong_result++;
			good = false;
		}
		model_free(&cur);
		if (kept_unlinks(a, b, &s1)) {
			st->kept_violations++;
			good = false;
		}
	} else {
		st->refused++;
	}
	/* Refused exactly when forcing unmaps a LUN that both map */
	if (r1 != !kept_unlinks(a, b, &s2) || (!r1 && !why.len)) {
		st->bad_refusal++;
		good = false;
	}

	/* Undo the first k forced steps */
	k = s2.n ? rn(s2.n + 1) : 0;
	model_copy(&cur, a);
	undone = run_steps(&cur, &s2, k);
	for (i = k; undone && i-- > 0; )
		undone = run_steps(&cur, &s2.v[i].undo, s2.v[i].undo.n);
	model_sort(&cur);
	model_copy(&a2, a);
	if (!undone || !equal_but_group_order(&cur, &a2)) {
		st->bad_undo++;
		good = false;
	}
	model_free(&a2);
	model_free(&cur);

	/* diff is empty exactly when there is nothing to do */
	if (plan_diff(a, b, &diff) != !!s2.n ||
	    plan_diff(a, b, &diff) != !model_equal(a, b)) {
		st->bad_diff++;
		good = false;
	}
	if (!good) {
		show_model("from", a);
		show_model("to", b);
		printf("# steps (forced):\n");
		for (i = 0; i < s2.n; i++) {
			struct strbuf l;

			sb_init(&l);
			step_print(&l, &s2.v[i]);
			printf("#   %s", l.buf);
			sb_free(&l);
		}
		diag_text(why.buf ? why.buf : "");
	}
	step_list_free(&s1);
	step_list_free(&s2);
	sb_free(&why);
	sb_free(&diff);
	return good;
}

static void test_properties(uint64_t seed, unsigned int iterations)
{
	struct pair_stats st = { 0 };
	unsigned int i, bad_gen = 0, bad_rt = 0, bad_pairs = 0;

	for (i = 0; i < iterations; i++) {
		struct model a, b;

		/* Each iteration its own sequence: a failure can be replayed */
		rng_state = seed << 20 ^ i;
		rand_model(&a);
		if (!finish(&a)) {
			bad_gen++;
			model_free(&a);
			continue;
		}
		if (!roundtrip(&a)) {
			printf("# iteration %u\n", i);
			bad_rt++;
		}
		if (rn(4)) {
			model_copy(&b, &a);
			mutate(&b);
		} else {
			rand_model(&b);
		}
		if (!finish(&b)) {
			bad_gen++;
		} else if (!check_pair(&a, &b, &st)) {
			printf("# iteration %u\n", i);
			bad_pairs++;
		}
		model_free(&a);
		model_free(&b);
	}
	ok(!bad_gen, "property: %u random configurations are valid",
	   iterations);
	ok(!bad_rt, "property: written, parsed and written again they are the same");
	printf("# %u pairs: %u planned without --force, %u refused, %u steps in all\n",
	       iterations, st.planned, st.refused, st.steps);
	/* With enough pairs, some plans are refused without --force */
	ok(!bad_pairs && (iterations < 1000 || (st.planned && st.refused)),
	   "property: random pairs A to B");
	ok(!st.wrong_result && !st.forced_bad,
	   "property: the planned steps applied to A give B");
	ok(!st.kept_violations,
	   "property: no step unmaps a LUN that A and B both map, unless forced");
	ok(!st.bad_refusal,
	   "property: a plan is refused exactly when it would unmap such a LUN");
	ok(!st.bad_undo, "property: undoing the first steps of a plan gives A");
	ok(!st.bad_diff, "property: diff is empty exactly when A and B are equal");
}

/* A fake configfs tree */

#define TEST_CPUS "0-3"

static void mkdirs(const char *fmt, ...)
{
	char *path, *p;
	va_list ap;

	va_start(ap, fmt);
	path = xvasprintf(fmt, ap);
	va_end(ap);
	for (p = path + 1; ; p++) {
		if (*p == '/' || !*p) {
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0755) && errno != EEXIST)
				die("mkdir %s: %s", path, strerror(errno));
			*p = c;
		}
		if (!*p)
			break;
	}
	free(path);
}

static void put(const char *dir, const char *name, const char *value)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	if (!f || fprintf(f, "%s\n", value) < 0 || fclose(f))
		die("%s: %s", path, strerror(errno));
	free(path);
}

/* The CPUs a cpu_mask of all shows */
static const char *tree_cpus = TEST_CPUS;

static void tree_attrs(const char *dir, const struct attr_def *defs,
		       unsigned int n_defs, const struct attr_list *l,
		       const struct handler_def *h, const char *dev)
{
	unsigned int i;
	char *v;

	for (i = 0; i < n_defs; i++) {
		v = schema_value(&defs[i], l, h, dev);
		put(dir, defs[i].name, strcmp(v, "all") ? v : tree_cpus);
		free(v);
	}
}

static void tree_luns(const char *root, const char *dir, const struct model *m,
		      const struct lun_map *map)
{
	unsigned int i;

	mkdirs("%s", dir);
	for (i = 0; i < map->n; i++) {
		const struct device *dev = model_find_device(m, map->v[i].dev);
		char *ldir = xasprintf("%s/%u", dir, map->v[i].nr);
		char *link = xasprintf("%s/device", ldir);
		char *to = xasprintf("%s/handlers/%s/%s", root, dev->handler,
				     dev->name);

		mkdirs("%s", ldir);
		tree_attrs(ldir, schema_lun_attrs, schema_n_lun_attrs,
			   &map->v[i].attrs, NULL, NULL);
		if (symlink(to, link))
			die("symlink %s: %s", link, strerror(errno));
		free(ldir);
		free(link);
		free(to);
	}
}

/* Make @root show @m as SCST would (with TEST_CPUS as the CPUs) */
static void tree_make(const char *root, const struct model *m)
{
	unsigned int i, j, k;
	char *dir, *sub;

	for (i = 0; i < schema_n_handlers; i++)
		mkdirs("%s/handlers/%s", root, schema_handlers[i].name);
	mkdirs("%s/targets/scst_local", root);
	for (i = 0; i < m->n_devs; i++) {
		const struct device *dev = &m->devs[i];
		const struct handler_def *h = schema_handler(dev->handler);

		dir = xasprintf("%s/handlers/%s/%s", root, dev->handler,
				dev->name);
		mkdirs("%s", dir);
		tree_attrs(dir, h->attrs, h->n_attrs, &dev->attrs, h,
			   dev->name);
		free(dir);
	}
	for (i = 0; i < m->n_tgts; i++) {
		const struct target *tgt = &m->tgts[i];

		dir = xasprintf("%s/targets/%s/%s", root, tgt->driver,
				tgt->name);
		mkdirs("%s/sessions", dir);
		mkdirs("%s/ini_groups", dir);
		tree_attrs(dir, schema_tgt_attrs, schema_n_tgt_attrs,
			   &tgt->attrs, NULL, NULL);
		for (j = 0; j < tgt->sessions.n; j++)
			mkdirs("%s/sessions/%s", dir, tgt->sessions.v[j].s);
		sub = xasprintf("%s/luns", dir);
		tree_luns(root, sub, m, &tgt->luns);
		free(sub);
		for (j = 0; j < tgt->n_groups; j++) {
			const struct group *grp = &tgt->groups[j];

			mkdirs("%s/ini_groups/%s/initiators", dir, grp->name);
			for (k = 0; k < grp->inis.n; k++)
				mkdirs("%s/ini_groups/%s/initiators/%s", dir,
				       grp->name, grp->inis.v[k].s);
			sub = xasprintf("%s/ini_groups/%s/luns", dir,
					grp->name);
			tree_luns(root, sub, m, &grp->luns);
			free(sub);
		}
		free(dir);
	}
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void tree_remove(const char *root)
{
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Read the tree at @root; its messages in *@msgs */
static bool tree_read(const char *root, struct model *m, char **msgs)
{
	struct diag d;
	size_t size;
	FILE *f = open_memstream(msgs, &size);
	bool ok;

	diag_init(&d, "tree", f);
	model_init(m);
	ok = cfs_read(root, TEST_CPUS, m, &d);
	diag_flush(&d);
	fclose(f);
	return ok;
}

static void test_configfs(const char *tmp)
{
	static const char *const errors[] = {
		"handlers/vdisk_dummy: devices of a dev handler that scstadmin does not know",
		"handlers/vdisk_fileio/f0/blocksize: No such file or directory",
		"handlers/vdisk_fileio/f1: read_only '2' must be 0 or 1",
		"targets/iscsi: targets of a target driver that scstadmin does not know",
		"targets/scst_local/t0/enable: No such file or directory",
		"targets/scst_local/t0/cpu_mask: No such file or directory",
		"targets/scst_local/t0/sessions: No such file or directory",
		"targets/scst_local/t0/luns/01: not a LUN",
		"targets/scst_local/t0/luns/1: a LUN without one link to a device",
		"targets/scst_local/t0/ini_groups: No such file or directory",
	};
	static const char text[] =
		"HANDLER vdisk_fileio {\n"
		"\tDEVICE f0 {\n"
		"\t\tfilename %s/backing\n"
		"\t}\n"
		"\tDEVICE f1 {\n"
		"\t\tfilename %s/backing\n"
		"\t\tsize 4096\n"
		"\t}\n"
		"}\n";
	char *conf = xasprintf(text, tmp, tmp);
	char *root = xasprintf("%s/cfs", tmp), *path, *msgs;
	struct strbuf want;
	struct model m, r;
	unsigned int i;
	bool good;

	parse_text(conf, strlen(conf), &m, &msgs);
	free(msgs);
	tree_make(root, &m);
	/* The kernel shows the size of the backing file, 8192 bytes */
	path = xasprintf("%s/backing", tmp);
	put(tmp, "backing", "");
	good = !truncate(path, 8192);
	put(root, "handlers/vdisk_fileio/f0/size", "8192");
	good = good && tree_read(root, &r, &msgs) && !*msgs &&
	       model_equal(&m, &r);
	ok(good, "configfs: the size of the backing store is the default");
	free(msgs);
	model_free(&r);

	put(root, "targets/scst_local/../../handlers/vdisk_fileio/f1/size",
	    "4096");
	put(root, "handlers/vdisk_fileio/f1/read_only", "2");
	mkdirs("%s/handlers/vdisk_dummy/d0", root);
	mkdirs("%s/targets/scst_local/t0/luns/1", root);
	mkdirs("%s/targets/scst_local/t0/luns/01", root);
	mkdirs("%s/targets/iscsi/iqn.x", root);
	unlink(path);
	free(path);
	path = xasprintf("%s/handlers/vdisk_fileio/f0/blocksize", root);
	unlink(path);
	good = !tree_read(root, &r, &msgs);
	free(conf);
	sb_init(&want);
	for (i = 0; i < ARRAY_SIZE(errors); i++)
		sb_addf(&want, "tree: %s/%s\n", root, errors[i]);
	conf = sb_detach(&want);
	ok(good && same_text(msgs, conf, "configfs errors"),
	   "configfs: what does not fit is reported");
	free(msgs);
	free(path);
	free(conf);
	model_free(&r);
	model_free(&m);
	tree_remove(root);
	free(root);
}

/* Random configurations shown in a configfs tree read back the same */
static void test_configfs_random(const char *tmp, uint64_t seed,
				 unsigned int iterations)
{
	char *root = xasprintf("%s/rand", tmp), *msgs;
	unsigned int i, bad = 0;

	for (i = 0; i < iterations; i++) {
		struct model a, r;

		rng_state = seed << 20 ^ i;
		rand_model(&a);
		if (!finish(&a)) {
			bad++;
			model_free(&a);
			continue;
		}
		tree_make(root, &a);
		cfs_normalize_cpus(&a, TEST_CPUS);
		if (!tree_read(root, &r, &msgs) || *msgs ||
		    !equal_but_group_order(&a, &r)) {
			printf("# iteration %u\n", i);
			diag_text(msgs);
			show_model("made", &a);
			show_model("read", &r);
			bad++;
		}
		free(msgs);
		model_free(&a);
		model_free(&r);
		tree_remove(root);
	}
	free(root);
	ok(!bad, "property: %u random configurations read back from configfs",
	   iterations);
}

/* unit --tree FILE DIR: with this machine's CPUs, for scstadmin --root */
static int make_tree(const char *file, const char *root)
{
	char *cpus = cfs_possible_cpus();
	struct model m;
	struct diag d;
	bool good;

	diag_init(&d, file, stderr);
	model_init(&m);
	good = conf_load(file, &d, &m);
	diag_flush(&d);
	if (good && cpus) {
		tree_cpus = cpus;
		tree_make(root, &m);
	}
	model_free(&m);
	free(cpus);
	return good && cpus ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *env = getenv("SCST_TEST_SEED");
	unsigned int iterations = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
	char tmp[] = "/tmp/scstadmin-test.XXXXXX";

	if (argc == 4 && !strcmp(argv[1], "--tree"))
		return make_tree(argv[2], argv[3]);
	if (!mkdtemp(tmp))
		die("mkdtemp: %s", strerror(errno));

	printf("# seed %llu (SCST_TEST_SEED=%llu repeats this run)\n",
	       (unsigned long long)seed, (unsigned long long)seed);
	test_lexer();
	test_blocks();
	test_comments();
	test_quoting();
	test_canonical();
	test_lex_errors();
	test_limits();
	test_schema();
	test_sim();
	test_properties(seed, iterations);
	test_configfs(tmp);
	test_configfs_random(tmp, seed, iterations / 4);
	tree_remove(tmp);
	printf("# unit: %u passed, %u failed\n", n_tests - n_failed, n_failed);
	return n_failed ? 1 : 0;
}
