// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the SBC VPD pages and the device dependent bits of
 * standard INQUIRY data (scst_spc.c).
 */
#include "scst_test.h"

/* A thin provisioned disk */
static struct scst_device *thin_dev(struct kunit *test, u32 bs)
{
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, bs);

	dev->thin_provisioned = true;
	dev->max_unmap_lba_count = 0x00400000;
	dev->max_unmap_desc_count = 16;
	dev->unmap_granularity = 8;
	return dev;
}

static void scst_vpd_test_block_limits_thick(struct kunit *test)
{
	static const u8 exp[64] = { 0x00, 0xb0, 0x00, 0x3c, 0x00, 0x00,
				    0x00, 0x01, 0x00, 0x00, 0x40, 0x00 };
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	u8 buf[80];

	/* Unmap limits are not reported without thin provisioning */
	dev->max_unmap_lba_count = 1000;
	dev->max_unmap_desc_count = 10;
	dev->unmap_granularity = 8;
	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb0, buf, sizeof(buf)), 64);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[64], 0xaa);
}

static void scst_vpd_test_block_limits_thin(struct kunit *test)
{
	static const u8 exp[64] = {
		0x00, 0xb0, 0x00, 0x3c,
		0x00, 0x00, 0x00, 0x01,		/* OPTIMAL XFER GRANULARITY */
		0x00, 0x00, 0x08, 0x00,		/* MAXIMUM TRANSFER LENGTH */
		0x00, 0x00, 0x00, 0x00,		/* OPTIMAL TRANSFER LENGTH */
		0x00, 0x00, 0x00, 0x00,		/* MAXIMUM PREFETCH LENGTH */
		0x00, 0x40, 0x00, 0x00,		/* MAXIMUM UNMAP LBA COUNT */
		0x00, 0x00, 0x00, 0x10,		/* MAX UNMAP DESCRIPTORS */
		0x00, 0x00, 0x00, 0x08,		/* OPTIMAL UNMAP GRANULARITY */
		0x80, 0x00, 0x00, 0x00,		/* UGAVALID, ALIGNMENT 0 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	};
	struct scst_device *dev = thin_dev(test, 4096);
	u8 buf[64];

	dev->max_write_same_len = 256;
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb0, buf, sizeof(buf)), 64);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_vpd_test_block_limits_no_granularity(struct kunit *test)
{
	struct scst_device *dev = thin_dev(test, 512);
	u8 buf[64];

	dev->unmap_granularity = 0;
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb0, buf, sizeof(buf)), 64);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[20]), 0x00400000);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[24]), 16);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[28]), 0);
	/* No UGAVALID */
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[32]), 0);
}

static void scst_vpd_test_block_limits_write_same(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	u8 buf[64];

	dev->max_write_same_len = 0x123456789aULL;
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb0, buf, sizeof(buf)), 64);
	KUNIT_EXPECT_EQ(test, get_unaligned_be64(&buf[36]), 0x123456789aULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[8]), 16384);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[20]), 0);
}

static void scst_vpd_test_lbp(struct kunit *test)
{
	/* LBPU, LBPWS, LBPWS10; PROVISIONING TYPE 010b (thin) */
	static const u8 exp[8] = { 0x00, 0xb2, 0x00, 0x04,
				   0x00, 0xe0, 0x02, 0x00 };
	u8 buf[16];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(thin_dev(test, 512), 0xb2, buf,
					     sizeof(buf)), 8);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[8], 0xaa);
}

static void scst_vpd_test_lbp_lbprz(struct kunit *test)
{
	static const u8 exp[8] = { 0x00, 0xb2, 0x00, 0x04,
				   0x00, 0xe4, 0x02, 0x00 };
	struct scst_device *dev = thin_dev(test, 512);
	u8 buf[8];

	dev->lbprz = true;
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb2, buf, sizeof(buf)), 8);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_vpd_test_lbp_thick(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	u8 buf[8];

	dev->lbprz = true;
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb2, buf, sizeof(buf)),
			-EINVAL);
}

static void scst_vpd_test_supported_thin(struct kunit *test)
{
	static const u8 exp[10] = { 0x00, 0x00, 0x00, 0x06,
				    0x00, 0x80, 0x83, 0xb0, 0xb1, 0xb2 };
	u8 buf[16];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(thin_dev(test, 512), 0x00, buf,
					     sizeof(buf)), 10);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[10], 0xaa);
}

static void scst_vpd_test_cdrom(struct kunit *test)
{
	static const u8 exp[7] = { 0x05, 0x00, 0x00, 0x03, 0x00, 0x80, 0x83 };
	struct scst_device *dev = scst_test_dev(test, TYPE_ROM, 2048);
	u8 buf[64];

	/* No SBC pages for a CD-ROM, whatever its provisioning fields */
	dev->thin_provisioned = true;
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0x00, buf, sizeof(buf)), 7);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb0, buf, sizeof(buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb1, buf, sizeof(buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0xb2, buf, sizeof(buf)),
			-EINVAL);
}

static void scst_vpd_test_std_inquiry_rmb(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	u8 buf[36];

	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(dev, 0, buf, sizeof(buf)),
			74);
	KUNIT_EXPECT_EQ(test, buf[1], 0x00);
	dev->removable = true;
	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(dev, 0, buf, sizeof(buf)),
			74);
	KUNIT_EXPECT_EQ(test, buf[0], TYPE_DISK);
	KUNIT_EXPECT_EQ(test, buf[1], 0x80);
}

static void scst_vpd_test_std_inquiry_cdrom(struct kunit *test)
{
	static const u8 exp[8] = { 0x05, 0x80, 0x06, 0x12,
				   0x45, 0x00, 0x00, 0x02 };
	struct scst_device *dev = scst_test_dev(test, TYPE_ROM, 2048);
	u8 buf[36];

	dev->removable = true;
	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(dev, 0, buf, sizeof(buf)),
			74);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_vpd_test_exec_lbp(struct kunit *test)
{
	static const u8 cdb[6] = { INQUIRY, 0x01, 0xb2, 0x00, 0xff, 0x00 };
	static const u8 exp[8] = { 0x00, 0xb2, 0x00, 0x04,
				   0x00, 0xe4, 0x02, 0x00 };
	struct scst_device *dev = thin_dev(test, 512);
	struct scst_cmd *cmd;

	dev->lbprz = true;
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 255);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 8);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp, sizeof(exp));
}

static void scst_vpd_test_exec_lbp_thick(struct kunit *test)
{
	static const u8 cdb[6] = { INQUIRY, 0x01, 0xb2, 0x00, 0xff, 0x00 };
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;

	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 255);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, 2, 7);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 0);
}

static void scst_vpd_test_exec_block_limits_truncated(struct kunit *test)
{
	static const u8 cdb[6] = { INQUIRY, 0x01, 0xb0, 0x00, 0x0c, 0x00 };
	static const u8 exp[13] = { 0x00, 0xb0, 0x00, 0x3c, 0x00, 0x00,
				    0x00, 0x01, 0x00, 0x00, 0x40, 0x00,
				    0xaa };
	struct scst_device *dev = thin_dev(test, 512);
	struct scst_cmd *cmd;

	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 64);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 12);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp, sizeof(exp));
}

static struct kunit_case scst_vpd_test_cases[] = {
	KUNIT_CASE(scst_vpd_test_block_limits_thick),
	KUNIT_CASE(scst_vpd_test_block_limits_thin),
	KUNIT_CASE(scst_vpd_test_block_limits_no_granularity),
	KUNIT_CASE(scst_vpd_test_block_limits_write_same),
	KUNIT_CASE(scst_vpd_test_lbp),
	KUNIT_CASE(scst_vpd_test_lbp_lbprz),
	KUNIT_CASE(scst_vpd_test_lbp_thick),
	KUNIT_CASE(scst_vpd_test_supported_thin),
	KUNIT_CASE(scst_vpd_test_cdrom),
	KUNIT_CASE(scst_vpd_test_std_inquiry_rmb),
	KUNIT_CASE(scst_vpd_test_std_inquiry_cdrom),
	KUNIT_CASE(scst_vpd_test_exec_lbp),
	KUNIT_CASE(scst_vpd_test_exec_lbp_thick),
	KUNIT_CASE(scst_vpd_test_exec_block_limits_truncated),
	{}
};

static struct kunit_suite scst_vpd_test_suite = {
	.name = "scst_vpd",
	.test_cases = scst_vpd_test_cases,
};

kunit_test_suite(scst_vpd_test_suite);
