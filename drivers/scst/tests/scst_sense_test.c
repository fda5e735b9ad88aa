// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of SCST sense data handling (scst_sense.c).
 */
#include "scst_test.h"

static void scst_sense_test_build_fixed(struct kunit *test)
{
	static const u8 exp[18] = {
		0x70, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x0a,
		0x00, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x00,
		0x00, 0x00,
	};
	u8 buf[SCST_SENSE_BUFFERSIZE];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_sense(buf, sizeof(buf), false,
					       ILLEGAL_REQUEST,
					       SCST_ASC_INVALID_FIELD_IN_CDB),
			18);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	/* Nothing is written past the sense data */
	KUNIT_EXPECT_EQ(test, buf[18], 0xaa);
}

static void scst_sense_test_build_desc(struct kunit *test)
{
	static const u8 exp[8] = { 0x72, 0x06, 0x29, 0x00, 0, 0, 0, 0x00 };
	u8 buf[SCST_SENSE_BUFFERSIZE];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_sense(buf, sizeof(buf), true,
					       UNIT_ATTENTION,
					       SCST_ASC_POWER_ON_RESET), 8);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[8], 0xaa);
}

static void scst_sense_test_build_short(struct kunit *test)
{
	u8 buf[18];

	KUNIT_EXPECT_EQ(test, scst_build_sense(buf, 17, false, NO_SENSE,
					       SCST_ASC_NO_ADDITIONAL_SENSE),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_sense(buf, 7, true, NO_SENSE,
					       SCST_ASC_NO_ADDITIONAL_SENSE),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_sense(buf, 18, false, NO_SENSE,
					       SCST_ASC_NO_ADDITIONAL_SENSE),
			18);
}

static void scst_sense_test_info_fixed(struct kunit *test)
{
	static const u8 exp[18] = {
		0xf0, 0x00, 0x03, 0x12, 0x34, 0x56, 0x78, 0x0a,
		0x00, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00,
		0x00, 0x00,
	};
	u8 buf[SCST_SENSE_BUFFERSIZE];

	scst_build_sense(buf, sizeof(buf), false, MEDIUM_ERROR,
			 SCST_ASC_READ_ERROR);
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf),
						  0x12345678), 18);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_sense_test_info_fixed_overflow(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE], exp[18];

	scst_build_sense(buf, sizeof(buf), false, MEDIUM_ERROR,
			 SCST_ASC_READ_ERROR);
	memcpy(exp, buf, sizeof(exp));
	/* 33 bits do not fit fixed format: VALID stays 0 */
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf),
						  0x100000000ULL),
			-EOVERFLOW);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf),
						  U32_MAX), 18);
	KUNIT_EXPECT_EQ(test, buf[0], 0xf0);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[3]), U32_MAX);
}

static void scst_sense_test_info_desc(struct kunit *test)
{
	static const u8 exp[20] = {
		0x72, 0x03, 0x11, 0x00, 0x00, 0x00, 0x00, 0x0c,
		0x00, 0x0a, 0x80, 0x00, 0x01, 0x23, 0x45, 0x67,
		0x89, 0xab, 0xcd, 0xef,
	};
	u8 buf[SCST_SENSE_BUFFERSIZE];

	scst_build_sense(buf, sizeof(buf), true, MEDIUM_ERROR,
			 SCST_ASC_READ_ERROR);
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf),
						  0x0123456789abcdefULL), 20);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_sense_test_info_desc_replace(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE];

	scst_build_sense(buf, sizeof(buf), true, MEDIUM_ERROR,
			 SCST_ASC_READ_ERROR);
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf), 1), 20);
	/* A second call updates the descriptor instead of adding one */
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf), 2), 20);
	KUNIT_EXPECT_EQ(test, buf[7], 12);
	KUNIT_EXPECT_EQ(test, get_unaligned_be64(&buf[12]), 2);
}

static void scst_sense_test_info_desc_nospace(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE];

	scst_build_sense(buf, sizeof(buf), true, MEDIUM_ERROR,
			 SCST_ASC_READ_ERROR);
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, 19, 1), -ENOSPC);
	KUNIT_EXPECT_EQ(test, buf[7], 0);
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, 20, 1), 20);
}

static void scst_sense_test_info_invalid(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE] = { 0x7f };

	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf), 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, 4, 1), -EINVAL);
}

static void scst_sense_test_parse_fixed(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE], key = 0, asc = 0, ascq = 0;

	scst_build_sense(buf, sizeof(buf), false, DATA_PROTECT,
			 SCST_ASC_WRITE_PROTECTED);
	KUNIT_EXPECT_TRUE(test, scst_sense_parse(buf, 18, &key, &asc, &ascq));
	KUNIT_EXPECT_EQ(test, key, DATA_PROTECT);
	KUNIT_EXPECT_EQ(test, asc, 0x27);
	KUNIT_EXPECT_EQ(test, ascq, 0x00);

	scst_build_sense(buf, sizeof(buf), false, UNIT_ATTENTION,
			 SCST_ASC_REPORTED_LUNS_CHANGED);
	/* Deferred errors (71h) parse the same way */
	buf[0] = 0x71;
	KUNIT_EXPECT_TRUE(test, scst_sense_parse(buf, 18, &key, &asc, &ascq));
	KUNIT_EXPECT_EQ(test, key, UNIT_ATTENTION);
	KUNIT_EXPECT_EQ(test, asc, 0x3f);
	KUNIT_EXPECT_EQ(test, ascq, 0x0e);
}

static void scst_sense_test_parse_desc(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE], key = 0, asc = 0, ascq = 0;

	scst_build_sense(buf, sizeof(buf), true, ILLEGAL_REQUEST,
			 SCST_ASC_LUN_NOT_SUPPORTED);
	KUNIT_EXPECT_TRUE(test, scst_sense_parse(buf, 8, &key, &asc, &ascq));
	KUNIT_EXPECT_EQ(test, key, ILLEGAL_REQUEST);
	KUNIT_EXPECT_EQ(test, asc, 0x25);
	KUNIT_EXPECT_EQ(test, ascq, 0x00);
	/* NULL outputs are allowed */
	KUNIT_EXPECT_TRUE(test, scst_sense_parse(buf, 8, NULL, NULL, NULL));
}

static void scst_sense_test_parse_invalid(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE] = { 0x00 };
	u8 key = 0x55, asc = 0x55, ascq = 0x55;

	KUNIT_EXPECT_FALSE(test, scst_sense_parse(buf, sizeof(buf), &key,
						  &asc, &ascq));
	buf[0] = 0x74;
	KUNIT_EXPECT_FALSE(test, scst_sense_parse(buf, sizeof(buf), &key,
						  &asc, &ascq));
	buf[0] = 0x70;
	KUNIT_EXPECT_FALSE(test, scst_sense_parse(buf, 2, &key, &asc, &ascq));
	buf[0] = 0x72;
	KUNIT_EXPECT_FALSE(test, scst_sense_parse(buf, 3, &key, &asc, &ascq));
	KUNIT_EXPECT_FALSE(test, scst_sense_parse(buf, 0, &key, &asc, &ascq));
	KUNIT_EXPECT_EQ(test, key, 0x55);
	KUNIT_EXPECT_EQ(test, asc, 0x55);
	KUNIT_EXPECT_EQ(test, ascq, 0x55);
}

static void scst_sense_test_parse_short_fixed(struct kunit *test)
{
	/* Fixed format without room for the ASC: key only */
	static const u8 buf[8] = { 0x70, 0, 0x02, 0, 0, 0, 0, 0 };
	u8 key = 0, asc = 0x55, ascq = 0x55;

	KUNIT_EXPECT_TRUE(test, scst_sense_parse(buf, sizeof(buf), &key,
						 &asc, &ascq));
	KUNIT_EXPECT_EQ(test, key, NOT_READY);
	KUNIT_EXPECT_EQ(test, asc, 0);
	KUNIT_EXPECT_EQ(test, ascq, 0);
}

static void scst_sense_test_field_pointer_fixed(struct kunit *test)
{
	static const u8 exp[18] = {
		0x70, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x0a,
		0x00, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0xca,
		0x00, 0x09,
	};
	u8 buf[SCST_SENSE_BUFFERSIZE];

	scst_build_sense(buf, sizeof(buf), false, ILLEGAL_REQUEST,
			 SCST_ASC_INVALID_FIELD_IN_CDB);
	/* C/D = 1, BPV = 1, bit 2 of CDB byte 9 */
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   true, 9, 2), 18);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	/* Parameter list field, no bit pointer */
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   false, 0x123, -1),
			18);
	KUNIT_EXPECT_EQ(test, buf[15], 0x80);
	KUNIT_EXPECT_EQ(test, buf[16], 0x01);
	KUNIT_EXPECT_EQ(test, buf[17], 0x23);
}

static void scst_sense_test_field_pointer_desc(struct kunit *test)
{
	static const u8 exp[16] = {
		0x72, 0x05, 0x24, 0x00, 0x00, 0x00, 0x00, 0x08,
		0x02, 0x06, 0x00, 0x00, 0xcf, 0x00, 0x01, 0x00,
	};
	u8 buf[SCST_SENSE_BUFFERSIZE];

	scst_build_sense(buf, sizeof(buf), true, ILLEGAL_REQUEST,
			 SCST_ASC_INVALID_FIELD_IN_CDB);
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   true, 1, 7), 16);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	/* A second call updates the descriptor in place */
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   true, 2, 7), 16);
	KUNIT_EXPECT_EQ(test, buf[7], 8);
	KUNIT_EXPECT_EQ(test, buf[14], 0x02);
	/* It goes after an information descriptor */
	scst_build_sense(buf, sizeof(buf), true, ILLEGAL_REQUEST,
			 SCST_ASC_INVALID_FIELD_IN_CDB);
	KUNIT_EXPECT_EQ(test, scst_sense_set_info(buf, sizeof(buf), 5), 20);
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   true, 1, 7), 28);
	KUNIT_EXPECT_EQ(test, buf[7], 20);
	KUNIT_EXPECT_MEMEQ(test, &buf[20], &exp[8], 8);
}

static void scst_sense_test_field_pointer_invalid(struct kunit *test)
{
	u8 buf[SCST_SENSE_BUFFERSIZE] = { 0x00 };

	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   true, 1, 7),
			-EINVAL);
	scst_build_sense(buf, sizeof(buf), false, ILLEGAL_REQUEST,
			 SCST_ASC_INVALID_FIELD_IN_CDB);
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   true, 1, 8),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, sizeof(buf),
							   true, 0x10000, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, 17, true,
							   1, 7), -EINVAL);
	scst_build_sense(buf, sizeof(buf), true, ILLEGAL_REQUEST,
			 SCST_ASC_INVALID_FIELD_IN_CDB);
	KUNIT_EXPECT_EQ(test, scst_sense_set_field_pointer(buf, 15, true,
							   1, 7), -ENOSPC);
	KUNIT_EXPECT_EQ(test, buf[7], 0);
}

static void scst_sense_test_set_invalid_field(struct kunit *test)
{
	struct scst_cmd *cmd = kunit_kzalloc(test, sizeof(*cmd), GFP_KERNEL);
	u8 key, asc, ascq;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, cmd);
	scst_set_invalid_field(cmd, false, 4, -1);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_TRUE(test, scst_sense_parse(cmd->sense, cmd->sense_len,
						 &key, &asc, &ascq));
	KUNIT_EXPECT_EQ(test, key, ILLEGAL_REQUEST);
	KUNIT_EXPECT_EQ(test, asc, 0x26);
	KUNIT_EXPECT_EQ(test, ascq, 0x00);
	/* C/D = 0: the field is in the parameter list */
	SCST_EXPECT_FIELD(test, cmd, false, 4, -1);

	scst_set_invalid_field(cmd, true, 3, 5);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, 3, 5);
}

static struct kunit_case scst_sense_test_cases[] = {
	KUNIT_CASE(scst_sense_test_build_fixed),
	KUNIT_CASE(scst_sense_test_build_desc),
	KUNIT_CASE(scst_sense_test_build_short),
	KUNIT_CASE(scst_sense_test_info_fixed),
	KUNIT_CASE(scst_sense_test_info_fixed_overflow),
	KUNIT_CASE(scst_sense_test_info_desc),
	KUNIT_CASE(scst_sense_test_info_desc_replace),
	KUNIT_CASE(scst_sense_test_info_desc_nospace),
	KUNIT_CASE(scst_sense_test_info_invalid),
	KUNIT_CASE(scst_sense_test_parse_fixed),
	KUNIT_CASE(scst_sense_test_parse_desc),
	KUNIT_CASE(scst_sense_test_parse_invalid),
	KUNIT_CASE(scst_sense_test_parse_short_fixed),
	KUNIT_CASE(scst_sense_test_field_pointer_fixed),
	KUNIT_CASE(scst_sense_test_field_pointer_desc),
	KUNIT_CASE(scst_sense_test_field_pointer_invalid),
	KUNIT_CASE(scst_sense_test_set_invalid_field),
	{}
};

static struct kunit_suite scst_sense_test_suite = {
	.name = "scst_sense",
	.test_cases = scst_sense_test_cases,
};

kunit_test_suite(scst_sense_test_suite);
