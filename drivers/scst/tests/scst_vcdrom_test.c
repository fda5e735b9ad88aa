// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the vcdrom dev handler's parameter data: MSF addresses,
 * READ TOC/PMA/ATIP, GET CONFIGURATION and GET EVENT STATUS NOTIFICATION
 * (MMC-6).
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/unaligned.h>

#include "scst_test.h"
#include "../dev_handlers/vcdrom.h"

static void vcdrom_test_msf(struct kunit *test)
{
	u8 msf[4];

	/* LBA 0 is 00:02:00 */
	vcdrom_lba_to_msf(0, msf);
	KUNIT_EXPECT_EQ(test, msf[0], 0);
	KUNIT_EXPECT_EQ(test, msf[1], 0);
	KUNIT_EXPECT_EQ(test, msf[2], 2);
	KUNIT_EXPECT_EQ(test, msf[3], 0);

	/* 74 minutes of data: 333000 frames, minus the 150 of the pre-gap */
	vcdrom_lba_to_msf(333000 - 150, msf);
	KUNIT_EXPECT_EQ(test, msf[1], 74);
	KUNIT_EXPECT_EQ(test, msf[2], 0);
	KUNIT_EXPECT_EQ(test, msf[3], 0);

	/* 1 min 1 s 1 frame */
	vcdrom_lba_to_msf(4500 + 75 + 1 - 150, msf);
	KUNIT_EXPECT_EQ(test, msf[1], 1);
	KUNIT_EXPECT_EQ(test, msf[2], 1);
	KUNIT_EXPECT_EQ(test, msf[3], 1);

	/* The last address that fits, then saturation at 255:59:74 */
	vcdrom_lba_to_msf(256 * 4500 - 1 - 150, msf);
	KUNIT_EXPECT_EQ(test, msf[1], 255);
	KUNIT_EXPECT_EQ(test, msf[2], 59);
	KUNIT_EXPECT_EQ(test, msf[3], 74);
	vcdrom_lba_to_msf(U32_MAX, msf);
	KUNIT_EXPECT_EQ(test, msf[1], 255);
	KUNIT_EXPECT_EQ(test, msf[2], 59);
	KUNIT_EXPECT_EQ(test, msf[3], 74);
}

static void vcdrom_test_toc(struct kunit *test)
{
	u8 buf[VCDROM_TOC_MAX_LEN];
	unsigned int bad = 0;
	int len;

	/* Format 0 from track 0: track 1 and the lead-out, LBA form */
	len = vcdrom_build_toc(1000, false, 0, 0, buf, &bad);
	KUNIT_ASSERT_EQ(test, len, 20);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[0]), 18);
	KUNIT_EXPECT_EQ(test, buf[2], 1);
	KUNIT_EXPECT_EQ(test, buf[3], 1);
	KUNIT_EXPECT_EQ(test, buf[5], 0x14);
	KUNIT_EXPECT_EQ(test, buf[6], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[8]), 0);
	KUNIT_EXPECT_EQ(test, buf[13], 0x14);
	KUNIT_EXPECT_EQ(test, buf[14], 0xaa);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[16]), 1000);

	/* Track 1 gives the same; AAh only the lead-out */
	KUNIT_EXPECT_EQ(test, vcdrom_build_toc(1000, false, 0, 1, buf, &bad),
			20);
	len = vcdrom_build_toc(1000, false, 0, 0xaa, buf, &bad);
	KUNIT_ASSERT_EQ(test, len, 12);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[0]), 10);
	KUNIT_EXPECT_EQ(test, buf[6], 0xaa);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[8]), 1000);

	/* MSF: track 1 at 00:02:00, lead-out of 1000 blocks at 00:15:25 */
	len = vcdrom_build_toc(1000, true, 0, 0, buf, &bad);
	KUNIT_ASSERT_EQ(test, len, 20);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[8]), 0x00000200);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[16]), 0x00000f19);

	/* No such track */
	KUNIT_EXPECT_EQ(test, vcdrom_build_toc(1000, false, 0, 2, buf, &bad),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, bad, 6);

	/* Format 1: session information */
	len = vcdrom_build_toc(1000, false, 1, 0x55, buf, &bad);
	KUNIT_ASSERT_EQ(test, len, 12);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[0]), 10);
	KUNIT_EXPECT_EQ(test, buf[2], 1);
	KUNIT_EXPECT_EQ(test, buf[3], 1);
	KUNIT_EXPECT_EQ(test, buf[5], 0x14);
	KUNIT_EXPECT_EQ(test, buf[6], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[8]), 0);

	/* Full TOC, PMA, ATIP, CD-TEXT */
	for (len = 2; len < 16; len++) {
		bad = 0;
		KUNIT_EXPECT_EQ(test, vcdrom_build_toc(1000, false, len, 0,
						       buf, &bad), -EINVAL);
		KUNIT_EXPECT_EQ(test, bad, 2);
	}
}

/* Find feature @code in GET CONFIGURATION data; NULL if absent. */
static const u8 *vcdrom_test_feature(const u8 *buf, unsigned int len,
				     u16 code)
{
	unsigned int off = 8;

	while (off + 4 <= len) {
		if (get_unaligned_be16(&buf[off]) == code)
			return &buf[off];
		off += 4 + buf[off + 3];
	}
	return NULL;
}

static void vcdrom_test_config_all(struct kunit *test)
{
	static const u16 codes[] = { 0x0000, 0x0001, 0x0002, 0x0003, 0x0010 };
	u8 buf[VCDROM_CONFIG_MAX_LEN];
	unsigned int len, i, off;
	const u8 *f;

	len = vcdrom_build_config(true, 0, 0, buf);
	KUNIT_ASSERT_LE(test, len, VCDROM_CONFIG_MAX_LEN);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[0]), len - 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[6]), 0x0008);

	/* All five features, in ascending order, filling the data exactly */
	off = 8;
	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		KUNIT_ASSERT_LE(test, off + 4, len);
		KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[off]), codes[i]);
		KUNIT_EXPECT_EQ(test, buf[off + 3] % 4, 0);
		off += 4 + buf[off + 3];
	}
	KUNIT_EXPECT_EQ(test, off, len);

	/* Profile List: CD-ROM, current */
	f = vcdrom_test_feature(buf, len, 0x0000);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f[2] & 0x03, 0x03);
	KUNIT_EXPECT_EQ(test, f[3], 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&f[4]), 0x0008);
	KUNIT_EXPECT_EQ(test, f[6] & 0x01, 0x01);

	/* Removable Medium: tray, load, eject, lock */
	f = vcdrom_test_feature(buf, len, 0x0003);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f[4] >> 5, 1);
	KUNIT_EXPECT_EQ(test, f[4] & 0x19, 0x19);

	/* Random Readable: current, 2048-byte blocks */
	f = vcdrom_test_feature(buf, len, 0x0010);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f[2] & 0x01, 0x01);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&f[4]), 2048);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&f[8]), 1);
}

static void vcdrom_test_config_empty(struct kunit *test)
{
	u8 buf[VCDROM_CONFIG_MAX_LEN];
	unsigned int len;
	const u8 *f;

	/* Without a disc: no current profile, Random Readable not current */
	len = vcdrom_build_config(false, 0, 0, buf);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[6]), 0x0000);
	f = vcdrom_test_feature(buf, len, 0x0000);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f[6] & 0x01, 0);
	f = vcdrom_test_feature(buf, len, 0x0010);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f[2] & 0x01, 0);

	/* RT 01b leaves it out */
	len = vcdrom_build_config(false, 1, 0, buf);
	KUNIT_EXPECT_NULL(test, vcdrom_test_feature(buf, len, 0x0010));
	KUNIT_EXPECT_NOT_NULL(test, vcdrom_test_feature(buf, len, 0x0003));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[0]), len - 4);
}

static void vcdrom_test_config_start(struct kunit *test)
{
	u8 buf[VCDROM_CONFIG_MAX_LEN];
	unsigned int len;

	/* RT 00b from 0003h: Removable Medium and Random Readable */
	len = vcdrom_build_config(true, 0, 0x0003, buf);
	KUNIT_ASSERT_GE(test, len, 12u);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[8]), 0x0003);
	KUNIT_EXPECT_NULL(test, vcdrom_test_feature(buf, len, 0x0002));
	KUNIT_EXPECT_NOT_NULL(test, vcdrom_test_feature(buf, len, 0x0010));

	/* RT 10b: exactly the one feature */
	len = vcdrom_build_config(true, 2, 0x0001, buf);
	KUNIT_EXPECT_EQ(test, len, 8u + 4 + 8);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[8]), 0x0001);

	/* RT 10b for an unsupported feature: the header alone */
	len = vcdrom_build_config(true, 2, 0x001e, buf);
	KUNIT_EXPECT_EQ(test, len, 8u);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[0]), 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[6]), 0x0008);

	/* Beyond the last feature */
	len = vcdrom_build_config(true, 0, 0x0011, buf);
	KUNIT_EXPECT_EQ(test, len, 8u);
}

static void vcdrom_test_event(struct kunit *test)
{
	u8 buf[VCDROM_GESN_LEN];
	unsigned int len;

	/* Media class: new media, present, tray closed */
	len = vcdrom_build_event(0x10, VCDROM_ME_NEW_MEDIA, true, false, buf);
	KUNIT_ASSERT_EQ(test, len, 8u);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[0]), 6);
	KUNIT_EXPECT_EQ(test, buf[2], 4);
	KUNIT_EXPECT_EQ(test, buf[3], 0x10);
	KUNIT_EXPECT_EQ(test, buf[4], 2);
	KUNIT_EXPECT_EQ(test, buf[5], 0x02);

	/* Media removal, tray open */
	len = vcdrom_build_event(0x7e, VCDROM_ME_MEDIA_REMOVAL, false, true,
				 buf);
	KUNIT_ASSERT_EQ(test, len, 8u);
	KUNIT_EXPECT_EQ(test, buf[4], 3);
	KUNIT_EXPECT_EQ(test, buf[5], 0x01);

	/* Only unsupported classes (operational change, power, busy): NEA */
	len = vcdrom_build_event(0x46, VCDROM_ME_NEW_MEDIA, true, false, buf);
	KUNIT_ASSERT_EQ(test, len, 4u);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[0]), 2);
	KUNIT_EXPECT_EQ(test, buf[2], 0x80);
	KUNIT_EXPECT_EQ(test, buf[3], 0x10);
}

/*
 * The media event is reported once, so only a command that carries the
 * whole descriptor back consumes it: not one whose allocation length, or
 * whose buffer at the initiator, is shorter than 8 bytes.
 */
static void vcdrom_test_event_consumed(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vcdrom_gesn_consumes(0x10, 8, 8));
	KUNIT_EXPECT_TRUE(test, vcdrom_gesn_consumes(0x7e, 0xffff, 4096));
	KUNIT_EXPECT_FALSE(test, vcdrom_gesn_consumes(0x10, 8, 4));
	KUNIT_EXPECT_FALSE(test, vcdrom_gesn_consumes(0x10, 0xffff, 7));
	KUNIT_EXPECT_FALSE(test, vcdrom_gesn_consumes(0x10, 7, 8));
	KUNIT_EXPECT_FALSE(test, vcdrom_gesn_consumes(0x10, 0, 8));
	/* No media class requested: NEA, nothing consumed */
	KUNIT_EXPECT_FALSE(test, vcdrom_gesn_consumes(0x46, 8, 8));
}

/*
 * Every command a vcdrom reports, in table order: no MODE SELECT(6) (15h),
 * LOG SENSE (4Dh) or MODE SELECT(10) (55h).
 */
static const u32 vcdrom_test_rsoc_exp[] = {
	SCST_TEST_OP(0x00), SCST_TEST_OP(0x03), SCST_TEST_OP(0x12),
	SCST_TEST_OP(0x16), SCST_TEST_OP(0x17), SCST_TEST_OP(0x1a),
	SCST_TEST_OP(0x1b), SCST_TEST_OP(0x1e), SCST_TEST_OP(0x25),
	SCST_TEST_OP(0x28), SCST_TEST_OP(0x43), SCST_TEST_OP(0x46),
	SCST_TEST_OP(0x4a), SCST_TEST_OP(0x51), SCST_TEST_OP(0x56),
	SCST_TEST_OP(0x57), SCST_TEST_OP(0x5a), SCST_TEST_OP(0xa0),
	SCST_TEST_OP_SA(0xa3, 0x0c), SCST_TEST_OP_SA(0xa3, 0x0d),
	SCST_TEST_OP(0xa8), SCST_TEST_OP(0xbd),
};

static void vcdrom_test_rsoc_all(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev_op(test, TYPE_ROM,
						   vcdrom_op_supported);

	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(vcdrom_test_rsoc_exp), 22);
	scst_test_rsoc_expect_all(test, dev, vcdrom_test_rsoc_exp,
				  ARRAY_SIZE(vcdrom_test_rsoc_exp));
}

static void vcdrom_test_rsoc_one(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev_op(test, TYPE_ROM,
						   vcdrom_op_supported);

	/* SUPPORT 001b: not supported (SPC-4 6.35.3) */
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 1,
						     MODE_SELECT, 0), 1);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 3,
						     MODE_SELECT_10, 0), 1);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 1,
						     LOG_SENSE, 0), 1);
	/* SUPPORT 011b: supported */
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 1,
						     MODE_SENSE_10, 0), 3);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 1,
						     ALLOW_MEDIUM_REMOVAL, 0),
			3);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 1,
						     TEST_UNIT_READY, 0), 3);
}

static struct kunit_case vcdrom_test_cases[] = {
	KUNIT_CASE(vcdrom_test_msf),
	KUNIT_CASE(vcdrom_test_toc),
	KUNIT_CASE(vcdrom_test_config_all),
	KUNIT_CASE(vcdrom_test_config_empty),
	KUNIT_CASE(vcdrom_test_config_start),
	KUNIT_CASE(vcdrom_test_event),
	KUNIT_CASE(vcdrom_test_event_consumed),
	KUNIT_CASE(vcdrom_test_rsoc_all),
	KUNIT_CASE(vcdrom_test_rsoc_one),
	{}
};

static struct kunit_suite vcdrom_test_suite = {
	.name = "scst_vcdrom",
	.test_cases = vcdrom_test_cases,
};

kunit_test_suite(vcdrom_test_suite);

MODULE_DESCRIPTION("KUnit tests for the SCST vcdrom dev handler");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
