// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of SCST LUN encoding (scst_lun_addr.c).
 */
#include "scst_test.h"

static void scst_lun_test_pack_peripheral(struct kunit *test)
{
	static const u8 lun0[8] = { 0x00, 0x00 };
	static const u8 lun5[8] = { 0x00, 0x05 };
	static const u8 lun255[8] = { 0x00, 0xff };
	u8 buf[8];

	memset(buf, 0xaa, sizeof(buf));
	scst_pack_lun(0, buf);
	KUNIT_EXPECT_MEMEQ(test, buf, lun0, 8);
	scst_pack_lun(5, buf);
	KUNIT_EXPECT_MEMEQ(test, buf, lun5, 8);
	scst_pack_lun(255, buf);
	KUNIT_EXPECT_MEMEQ(test, buf, lun255, 8);
}

static void scst_lun_test_pack_flat(struct kunit *test)
{
	static const u8 lun256[8] = { 0x41, 0x00 };
	static const u8 lun4660[8] = { 0x52, 0x34 };
	static const u8 lun16383[8] = { 0x7f, 0xff };
	u8 buf[8];

	memset(buf, 0xaa, sizeof(buf));
	scst_pack_lun(256, buf);
	KUNIT_EXPECT_MEMEQ(test, buf, lun256, 8);
	scst_pack_lun(0x1234, buf);
	KUNIT_EXPECT_MEMEQ(test, buf, lun4660, 8);
	scst_pack_lun(SCST_MAX_LUN, buf);
	KUNIT_EXPECT_MEMEQ(test, buf, lun16383, 8);
}

static void scst_lun_test_unpack_peripheral(struct kunit *test)
{
	static const u8 lun[8] = { 0x00, 0x2a };
	bool valid = false;

	KUNIT_EXPECT_EQ(test, scst_unpack_lun(lun, 8, &valid), 42);
	KUNIT_EXPECT_TRUE(test, valid);
	/* Two bytes are enough for a single level LUN */
	valid = false;
	KUNIT_EXPECT_EQ(test, scst_unpack_lun(lun, 2, &valid), 42);
	KUNIT_EXPECT_TRUE(test, valid);
}

static void scst_lun_test_unpack_flat(struct kunit *test)
{
	static const u8 lun1[8] = { 0x40, 0x01 };
	static const u8 lun300[8] = { 0x41, 0x2c };
	static const u8 lunmax[8] = { 0x7f, 0xff };
	bool valid = false;

	/* Flat space addressing may encode small LUNs too */
	KUNIT_EXPECT_EQ(test, scst_unpack_lun(lun1, 8, &valid), 1);
	KUNIT_EXPECT_TRUE(test, valid);
	valid = false;
	KUNIT_EXPECT_EQ(test, scst_unpack_lun(lun300, 8, &valid), 300);
	KUNIT_EXPECT_TRUE(test, valid);
	valid = false;
	KUNIT_EXPECT_EQ(test, scst_unpack_lun(lunmax, 8, &valid),
			SCST_MAX_LUN);
	KUNIT_EXPECT_TRUE(test, valid);
}

static void scst_lun_test_roundtrip(struct kunit *test)
{
	u8 buf[8];
	bool valid;
	u64 lun;

	for (lun = 0; lun <= SCST_MAX_LUN; lun++) {
		scst_pack_lun(lun, buf);
		valid = false;
		KUNIT_ASSERT_EQ(test, scst_unpack_lun(buf, 8, &valid), lun);
		KUNIT_ASSERT_TRUE(test, valid);
		/* Peripheral addressing below 256, flat above */
		KUNIT_ASSERT_EQ(test, buf[0] >> 6, lun < 256 ? 0 : 1);
	}
}

static void scst_lun_test_unpack_bad_method(struct kunit *test)
{
	/* Logical unit addressing (10b) and extended (11b) methods */
	static const u8 lu[8] = { 0x80, 0x01 };
	static const u8 ext[8] = { 0xc1, 0x01 };	/* REPORT LUNS W-LUN */
	bool valid = true;

	KUNIT_EXPECT_EQ(test, scst_unpack_lun(lu, 8, &valid), 0);
	KUNIT_EXPECT_FALSE(test, valid);
	valid = true;
	KUNIT_EXPECT_EQ(test, scst_unpack_lun(ext, 8, &valid), 0);
	KUNIT_EXPECT_FALSE(test, valid);
}

static void scst_lun_test_unpack_bus(struct kunit *test)
{
	/* Peripheral device addressing with a non-zero bus identifier */
	static const u8 lun[8] = { 0x01, 0x00 };
	bool valid = true;

	scst_unpack_lun(lun, 8, &valid);
	KUNIT_EXPECT_FALSE(test, valid);
}

static void scst_lun_test_unpack_multilevel(struct kunit *test)
{
	static const u8 second[8] = { 0x00, 0x01, 0x00, 0x01 };
	static const u8 fourth[8] = { 0x40, 0x01, 0, 0, 0, 0, 0, 0x01 };
	bool valid = true;

	scst_unpack_lun(second, 8, &valid);
	KUNIT_EXPECT_FALSE(test, valid);
	valid = true;
	scst_unpack_lun(fourth, 8, &valid);
	KUNIT_EXPECT_FALSE(test, valid);
	/* Bytes beyond @len are not looked at */
	valid = false;
	KUNIT_EXPECT_EQ(test, scst_unpack_lun(second, 2, &valid), 1);
	KUNIT_EXPECT_TRUE(test, valid);
}

static void scst_lun_test_unpack_short(struct kunit *test)
{
	static const u8 lun[8] = { 0x00, 0x01 };
	bool valid = true;

	scst_unpack_lun(lun, 1, &valid);
	KUNIT_EXPECT_FALSE(test, valid);
	valid = true;
	scst_unpack_lun(lun, 0, &valid);
	KUNIT_EXPECT_FALSE(test, valid);
}

static struct kunit_case scst_lun_test_cases[] = {
	KUNIT_CASE(scst_lun_test_pack_peripheral),
	KUNIT_CASE(scst_lun_test_pack_flat),
	KUNIT_CASE(scst_lun_test_unpack_peripheral),
	KUNIT_CASE(scst_lun_test_unpack_flat),
	KUNIT_CASE(scst_lun_test_roundtrip),
	KUNIT_CASE(scst_lun_test_unpack_bad_method),
	KUNIT_CASE(scst_lun_test_unpack_bus),
	KUNIT_CASE(scst_lun_test_unpack_multilevel),
	KUNIT_CASE(scst_lun_test_unpack_short),
	{}
};

static struct kunit_suite scst_lun_test_suite = {
	.name = "scst_lun",
	.test_cases = scst_lun_test_cases,
};

kunit_test_suite(scst_lun_test_suite);
