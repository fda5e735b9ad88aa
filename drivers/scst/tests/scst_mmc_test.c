// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the CDB decoder for CD-ROM (MMC-6) commands, medium
 * removal, reservations and WRITE SAME limits (scst_cdb.c).
 */
#include "scst_test.h"

/* Decode @cdb for a @type device with @bs byte blocks. */
static struct scst_cmd *mmc_decode(struct kunit *test, u8 type, u32 bs,
				   const u8 *cdb, unsigned int len, int expect)
{
	struct scst_device *dev = scst_test_dev(test, type, bs);
	struct scst_cmd *cmd = scst_test_cmd(test, dev, cdb, len);

	KUNIT_EXPECT_EQ(test, scst_decode_cdb(cmd), expect);
	if (!expect) {
		KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
		KUNIT_EXPECT_NOT_NULL(test, cmd->op);
	}
	return cmd;
}

#define CD_OK(test, cdb)						\
	mmc_decode(test, TYPE_ROM, 2048, cdb, sizeof(cdb), 0)
#define CD_ERR(test, cdb)						\
	mmc_decode(test, TYPE_ROM, 2048, cdb, sizeof(cdb), -EINVAL)

/* A decoded command that is no block transfer */
static void expect_xfer(struct kunit *test, const struct scst_cmd *cmd,
			enum scst_data_direction dir, u32 len)
{
	KUNIT_EXPECT_EQ(test, cmd->data_direction, dir);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, len);
	KUNIT_EXPECT_EQ(test, cmd->nr_blocks, 0);
}

static void expect_invalid_field(struct kunit *test,
				 const struct scst_cmd *cmd,
				 unsigned int byte, int bit)
{
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, byte, bit);
}

static void scst_mmc_test_read_toc(struct kunit *test)
{
	/* MSF, FORMAT 0, track 1, ALLOCATION LENGTH 804 */
	static const u8 cdb[10] = { READ_TOC, 0x02, 0x00, 0, 0, 0, 0x01,
				    0x03, 0x24, 0x00 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	expect_xfer(test, cmd, SCST_DATA_READ, 804);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "READ TOC/PMA/ATIP");
	KUNIT_EXPECT_FALSE(test, cmd->op->flags & SCST_OPF_NO_UA);
}

static void scst_mmc_test_read_toc_legacy_format(struct kunit *test)
{
	/* Bits 7..6 of the CONTROL byte: the pre-MMC format field */
	static const u8 cdb[10] = { READ_TOC, 0, 0, 0, 0, 0, 0, 0, 0x0c,
				    0x40 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	expect_xfer(test, cmd, SCST_DATA_READ, 12);
}

static void scst_mmc_test_get_configuration(struct kunit *test)
{
	static const u8 cdb[10] = { 0x46, 0x02, 0x00, 0x1e, 0, 0, 0, 0x00,
				    0x10, 0x00 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	expect_xfer(test, cmd, SCST_DATA_READ, 16);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "GET CONFIGURATION");
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_NO_UA);
}

static void scst_mmc_test_gesn(struct kunit *test)
{
	/* POLLED, media class, ALLOCATION LENGTH 8 */
	static const u8 cdb[10] = { GET_EVENT_STATUS_NOTIFICATION, 0x01, 0, 0,
				    0x10, 0, 0, 0x00, 0x08, 0x00 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	expect_xfer(test, cmd, SCST_DATA_READ, 8);
	KUNIT_EXPECT_STREQ(test, cmd->op->name,
			   "GET EVENT STATUS NOTIFICATION");
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_NO_UA);
}

static void scst_mmc_test_gesn_async(struct kunit *test)
{
	/* MMC-6 GET EVENT STATUS NOTIFICATION: no asynchronous operation */
	static const u8 cdb[10] = { GET_EVENT_STATUS_NOTIFICATION, 0x00, 0, 0,
				    0x10, 0, 0, 0x00, 0x08, 0x00 };
	struct scst_cmd *cmd = CD_ERR(test, cdb);

	expect_invalid_field(test, cmd, 1, 0);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 0);
}

static void scst_mmc_test_gesn_alloc0(struct kunit *test)
{
	static const u8 cdb[10] = { GET_EVENT_STATUS_NOTIFICATION, 0x01, 0, 0,
				    0x10, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
}

static void scst_mmc_test_read_disc_info(struct kunit *test)
{
	static const u8 cdb[10] = { 0x51, 0x00, 0, 0, 0, 0, 0, 0x00, 0x22,
				    0x00 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	expect_xfer(test, cmd, SCST_DATA_READ, 34);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "READ DISC INFORMATION");
}

static void scst_mmc_test_mechanism_status(struct kunit *test)
{
	/* ALLOCATION LENGTH in bytes 8..9; byte 10 is reserved */
	static const u8 cdb[12] = { 0xbd, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x08,
				    0x00, 0x00 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	expect_xfer(test, cmd, SCST_DATA_READ, 264);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "MECHANISM STATUS");
	KUNIT_EXPECT_EQ(test, cmd->op->cdb_len, 12);
}

static void scst_mmc_test_mechanism_status_naca(struct kunit *test)
{
	static const u8 cdb[12] = { 0xbd, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x08,
				    0x00, 0x04 };
	struct scst_cmd *cmd = CD_ERR(test, cdb);

	expect_invalid_field(test, cmd, 11, 2);
}

static void scst_mmc_test_truncated(struct kunit *test)
{
	static const u8 cdb[10] = { 0xbd, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x08 };
	struct scst_cmd *cmd = CD_ERR(test, cdb);

	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	KUNIT_EXPECT_NULL(test, cmd->op);
}

static void scst_mmc_test_prevent_allow(struct kunit *test)
{
	static const u8 prevent[6] = { ALLOW_MEDIUM_REMOVAL, 0, 0, 0, 0x01, 0 };
	static const u8 allow[6] = { ALLOW_MEDIUM_REMOVAL, 0, 0, 0, 0x00, 0 };
	struct scst_cmd *cmd;

	cmd = CD_OK(test, prevent);
	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_MMC);
	cmd = CD_OK(test, allow);
	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
	KUNIT_EXPECT_FALSE(test, cmd->op->flags & SCST_OPF_WRITE_MEDIUM);
}

static void scst_mmc_test_start_stop(struct kunit *test)
{
	/* IMMED, LOEJ without START: eject */
	static const u8 eject[6] = { START_STOP, 0x01, 0, 0, 0x02, 0 };
	struct scst_cmd *cmd = CD_OK(test, eject);

	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "START STOP UNIT");
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_MMC);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_SBC);
}

static void scst_mmc_test_read12(struct kunit *test)
{
	static const u8 cdb[12] = { READ_12, 0, 0, 0, 0x01, 0x00, 0, 0, 0,
				    0x02, 0, 0 };
	struct scst_cmd *cmd = CD_OK(test, cdb);

	KUNIT_EXPECT_EQ(test, cmd->data_direction, SCST_DATA_READ);
	KUNIT_EXPECT_EQ(test, cmd->lba, 256);
	KUNIT_EXPECT_EQ(test, cmd->nr_blocks, 2);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 4096);
}

static void scst_mmc_test_read10_max(struct kunit *test)
{
	/* 8 MiB is 4096 blocks of 2048 bytes */
	static const u8 max[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0x10, 0x00, 0 };
	static const u8 over[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0x10, 0x01,
				     0 };
	struct scst_cmd *cmd;

	cmd = CD_OK(test, max);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 8U << 20);
	cmd = CD_ERR(test, over);
	expect_invalid_field(test, cmd, 7, 7);
}

static void scst_mmc_test_reserve10(struct kunit *test)
{
	/* LONGID without 3RDPTY: no parameter data */
	static const u8 longid[10] = { RESERVE_10, 0x02, 0, 0, 0, 0, 0, 0,
				       0x08, 0 };
	static const u8 third[10] = { RESERVE_10, 0x10, 0, 0x07, 0, 0, 0, 0,
				      0, 0 };
	struct scst_cmd *cmd;

	cmd = CD_OK(test, longid);
	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
	cmd = CD_ERR(test, third);
	expect_invalid_field(test, cmd, 1, 4);
}

static void scst_mmc_test_release10(struct kunit *test)
{
	static const u8 rel[10] = { RELEASE_10, 0, 0, 0, 0, 0, 0, 0, 0x08, 0 };
	static const u8 third[10] = { RELEASE_10, 0x12, 0, 0, 0, 0, 0, 0,
				      0x08, 0 };
	struct scst_cmd *cmd;

	cmd = CD_OK(test, rel);
	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "RELEASE(10)");
	cmd = CD_ERR(test, third);
	expect_invalid_field(test, cmd, 1, 4);
}

static void scst_mmc_test_reserve6(struct kunit *test)
{
	static const u8 res[6] = { RESERVE, 0, 0, 0, 0, 0 };
	static const u8 rel[6] = { RELEASE, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd;

	cmd = CD_OK(test, res);
	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "RESERVE(6)");
	cmd = CD_OK(test, rel);
	expect_xfer(test, cmd, SCST_DATA_NONE, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "RELEASE(6)");
}

static void scst_mmc_test_write_same_limit(struct kunit *test)
{
	static const u8 ws10_ok[10] = { WRITE_SAME, 0, 0, 0, 0, 0, 0, 0,
					0x10, 0 };
	static const u8 ws10_over[10] = { WRITE_SAME, 0, 0, 0, 0, 0, 0, 0,
					  0x11, 0 };
	static const u8 ws16_over[16] = { WRITE_SAME_16, 0x01, 0, 0, 0, 0, 0,
					  0, 0, 0, 0, 0, 0, 0x11, 0, 0 };
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;

	/* MAXIMUM WRITE SAME LENGTH of the Block Limits VPD page */
	dev->max_write_same_len = 16;
	cmd = scst_test_cmd(test, dev, ws10_ok, sizeof(ws10_ok));
	KUNIT_EXPECT_EQ(test, scst_decode_cdb(cmd), 0);
	KUNIT_EXPECT_EQ(test, cmd->nr_blocks, 16);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 512);
	cmd = scst_test_cmd(test, dev, ws10_over, sizeof(ws10_over));
	KUNIT_EXPECT_EQ(test, scst_decode_cdb(cmd), -EINVAL);
	expect_invalid_field(test, cmd, 7, 7);
	cmd = scst_test_cmd(test, dev, ws16_over, sizeof(ws16_over));
	KUNIT_EXPECT_EQ(test, scst_decode_cdb(cmd), -EINVAL);
	expect_invalid_field(test, cmd, 10, 7);
	/* 0: no limit */
	dev->max_write_same_len = 0;
	cmd = scst_test_cmd(test, dev, ws16_over, sizeof(ws16_over));
	KUNIT_EXPECT_EQ(test, scst_decode_cdb(cmd), 0);
	KUNIT_EXPECT_EQ(test, cmd->nr_blocks, 17);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 0);
}

static struct kunit_case scst_mmc_test_cases[] = {
	KUNIT_CASE(scst_mmc_test_read_toc),
	KUNIT_CASE(scst_mmc_test_read_toc_legacy_format),
	KUNIT_CASE(scst_mmc_test_get_configuration),
	KUNIT_CASE(scst_mmc_test_gesn),
	KUNIT_CASE(scst_mmc_test_gesn_async),
	KUNIT_CASE(scst_mmc_test_gesn_alloc0),
	KUNIT_CASE(scst_mmc_test_read_disc_info),
	KUNIT_CASE(scst_mmc_test_mechanism_status),
	KUNIT_CASE(scst_mmc_test_mechanism_status_naca),
	KUNIT_CASE(scst_mmc_test_truncated),
	KUNIT_CASE(scst_mmc_test_prevent_allow),
	KUNIT_CASE(scst_mmc_test_start_stop),
	KUNIT_CASE(scst_mmc_test_read12),
	KUNIT_CASE(scst_mmc_test_read10_max),
	KUNIT_CASE(scst_mmc_test_reserve10),
	KUNIT_CASE(scst_mmc_test_release10),
	KUNIT_CASE(scst_mmc_test_reserve6),
	KUNIT_CASE(scst_mmc_test_write_same_limit),
	{}
};

static struct kunit_suite scst_mmc_test_suite = {
	.name = "scst_mmc",
	.test_cases = scst_mmc_test_cases,
};

kunit_test_suite(scst_mmc_test_suite);
