// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of SCST configfs value parsing (scst_parse.c).
 */
#include "scst_test.h"

#define PARSE(fn, str, out) fn(str, sizeof(str) - 1, out)

static void scst_parse_test_bool(struct kunit *test)
{
	bool v = true;

	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_bool, "0", &v), 0);
	KUNIT_EXPECT_FALSE(test, v);
	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_bool, "1", &v), 0);
	KUNIT_EXPECT_TRUE(test, v);
	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_bool, "0\n", &v), 0);
	KUNIT_EXPECT_FALSE(test, v);
	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_bool, "1\n", &v), 0);
	KUNIT_EXPECT_TRUE(test, v);
}

static void scst_parse_test_bool_invalid(struct kunit *test)
{
	static const char * const bad[] = {
		"", "\n", "2", "10", "01", " 1", "1 ", "1\n\n", "y", "true",
		"-1", "0x1",
	};
	unsigned int i;
	bool v = true;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, scst_parse_bool(bad[i],
							  strlen(bad[i]), &v),
				    -EINVAL, "\"%s\"", bad[i]);
	KUNIT_EXPECT_TRUE(test, v);
	/* Only @count bytes are looked at */
	KUNIT_EXPECT_EQ(test, scst_parse_bool("0junk", 1, &v), 0);
	KUNIT_EXPECT_FALSE(test, v);
}

static void scst_parse_test_u64(struct kunit *test)
{
	u64 v = 1;

	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_u64, "0", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_u64, "4096\n", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 4096);
	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_u64, "0\n", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_u64, "10", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 10);
	KUNIT_EXPECT_EQ(test, PARSE(scst_parse_u64, "18446744073709551615",
				    &v), 0);
	KUNIT_EXPECT_EQ(test, v, U64_MAX);
}

static void scst_parse_test_u64_invalid(struct kunit *test)
{
	static const char * const bad[] = {
		"", "\n", "-1", "+1", " 1", "1 ", "1\n\n", "12a", "0x10",
		"1e3", "18446744073709551616", "99999999999999999999999",
		"007", "010", "00", "00\n", "0512",
	};
	unsigned int i;
	u64 v = 42;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, scst_parse_u64(bad[i],
							 strlen(bad[i]), &v),
				    -EINVAL, "\"%s\"", bad[i]);
	KUNIT_EXPECT_EQ(test, v, 42);
}

static void scst_parse_test_block_size(struct kunit *test)
{
	static const u32 good[] = { 512, 1024, 2048, 4096 };
	static const char * const bad[] = {
		"0", "1", "256", "513", "1000", "3072", "8192", "65536",
		"4294967808", "", "4k", "-512",
	};
	char str[16];
	unsigned int i;
	u32 v = 0;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		snprintf(str, sizeof(str), "%u\n", good[i]);
		KUNIT_EXPECT_EQ(test, scst_parse_block_size(str, strlen(str),
							    &v), 0);
		KUNIT_EXPECT_EQ(test, v, good[i]);
	}
	v = 7;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, scst_parse_block_size(bad[i],
								strlen(bad[i]),
								&v),
				    -EINVAL, "\"%s\"", bad[i]);
	KUNIT_EXPECT_EQ(test, v, 7);
}

static void scst_parse_test_ident(struct kunit *test)
{
	char dst[9];

	KUNIT_EXPECT_EQ(test, scst_parse_ident("SCST\n", 5, dst,
					       sizeof(dst)), 0);
	KUNIT_EXPECT_STREQ(test, dst, "SCST");
	/* Exactly dst_size - 1 characters fit */
	KUNIT_EXPECT_EQ(test, scst_parse_ident("ABCDEFGH", 8, dst,
					       sizeof(dst)), 0);
	KUNIT_EXPECT_STREQ(test, dst, "ABCDEFGH");
	KUNIT_EXPECT_EQ(test, scst_parse_ident("ABCDEFGH\n", 9, dst,
					       sizeof(dst)), 0);
	KUNIT_EXPECT_STREQ(test, dst, "ABCDEFGH");
	/* Spaces and the whole printable range are fine */
	KUNIT_EXPECT_EQ(test, scst_parse_ident(" ~a b! ", 7, dst,
					       sizeof(dst)), 0);
	KUNIT_EXPECT_STREQ(test, dst, " ~a b! ");
}

static void scst_parse_test_ident_invalid(struct kunit *test)
{
	static const char * const bad[] = {
		"", "\n", "ABCDEFGHI", "AB\tC", "AB\nC", "ABC\n\n", "A\x7f",
		"\xc3\xa9t\xc3\xa9", "\r",
	};
	char dst[9] = "keep";
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, scst_parse_ident(bad[i],
							   strlen(bad[i]),
							   dst, sizeof(dst)),
				    -EINVAL, "case %u", i);
	/* An embedded NUL is not printable */
	KUNIT_EXPECT_EQ(test, scst_parse_ident("AB\0C", 4, dst, sizeof(dst)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_parse_ident("A", 1, dst, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, scst_parse_ident("A", 1, dst, 0), -EINVAL);
	KUNIT_EXPECT_STREQ(test, dst, "keep");
}

static void scst_parse_test_lun(struct kunit *test)
{
	u64 lun = 99;

	KUNIT_EXPECT_EQ(test, scst_parse_lun("0", &lun), 0);
	KUNIT_EXPECT_EQ(test, lun, 0);
	KUNIT_EXPECT_EQ(test, scst_parse_lun("7", &lun), 0);
	KUNIT_EXPECT_EQ(test, lun, 7);
	KUNIT_EXPECT_EQ(test, scst_parse_lun("256", &lun), 0);
	KUNIT_EXPECT_EQ(test, lun, 256);
	KUNIT_EXPECT_EQ(test, scst_parse_lun("16383", &lun), 0);
	KUNIT_EXPECT_EQ(test, lun, SCST_MAX_LUN);
}

static void scst_parse_test_lun_invalid(struct kunit *test)
{
	static const char * const bad[] = {
		"", "00", "01", "007", "16384", "65535", "-1", "+1", " 1",
		"1 ", "1\n", "1a", "lun0", "0x10",
		"99999999999999999999999999",
	};
	unsigned int i;
	u64 lun = 42;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, scst_parse_lun(bad[i], &lun), -EINVAL,
				    "\"%s\"", bad[i]);
	KUNIT_EXPECT_EQ(test, lun, 42);
}

static struct kunit_case scst_parse_test_cases[] = {
	KUNIT_CASE(scst_parse_test_bool),
	KUNIT_CASE(scst_parse_test_bool_invalid),
	KUNIT_CASE(scst_parse_test_u64),
	KUNIT_CASE(scst_parse_test_u64_invalid),
	KUNIT_CASE(scst_parse_test_block_size),
	KUNIT_CASE(scst_parse_test_ident),
	KUNIT_CASE(scst_parse_test_ident_invalid),
	KUNIT_CASE(scst_parse_test_lun),
	KUNIT_CASE(scst_parse_test_lun_invalid),
	{}
};

static struct kunit_suite scst_parse_test_suite = {
	.name = "scst_parse",
	.test_cases = scst_parse_test_cases,
};

kunit_test_suite(scst_parse_test_suite);
