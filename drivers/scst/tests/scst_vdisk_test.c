// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the vdisk dev handlers' pure helpers: MODE SENSE data,
 * MODE SELECT parameter list parsing, LOG SENSE data, UNMAP parameter
 * list parsing, WRITE SAME CDB checks and GET LBA STATUS descriptors.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "scst_test.h"
#include "../dev_handlers/vdisk.h"

/* Sense key, ASC and ASCQ of fixed format sense data */
static void vt_expect_sense(struct kunit *test, const struct scst_cmd *cmd,
			    u8 key, u8 asc, u8 ascq)
{
	KUNIT_ASSERT_EQ(test, cmd->status, SAM_STAT_CHECK_CONDITION);
	KUNIT_ASSERT_GE(test, cmd->sense_len, 14);
	KUNIT_EXPECT_EQ(test, cmd->sense[2] & 0x0f, key);
	KUNIT_EXPECT_EQ(test, cmd->sense[12], asc);
	KUNIT_EXPECT_EQ(test, cmd->sense[13], ascq);
}

/* INVALID FIELD IN CDB or PARAMETER LIST pointing at @byte, @bit */
static void vt_expect_field(struct kunit *test, const struct scst_cmd *cmd,
			    bool in_cdb, u16 byte, int bit)
{
	u8 sks[3];

	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, in_cdb ? 0x24 : 0x26, 0);
	KUNIT_ASSERT_TRUE(test, scst_test_sks(cmd, sks));
	/* SKSV, C/D, BPV and BIT POINTER (SPC-4 4.5.2.4.2) */
	KUNIT_EXPECT_EQ(test, sks[0], 0x80 | (in_cdb ? 0x40 : 0) |
			(bit >= 0 ? 0x08 | bit : 0));
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&sks[1]), byte);
}

static void vt_expect_good(struct kunit *test, const struct scst_cmd *cmd)
{
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->sense_len, 0);
}

/* A fileio-like device: WCE changeable and set, 4096 blocks of 512 */
static void vt_mode_info(struct vdisk_mode_info *mi)
{
	memset(mi, 0, sizeof(*mi));
	mi->cur.wce = true;
	mi->def.wce = true;
	mi->wce_changeable = true;
	mi->nr_blocks = 0x1000;
	mi->block_size = 512;
}

static struct scst_cmd *vt_cmd(struct kunit *test, const u8 *cdb,
			       unsigned int len)
{
	return scst_test_cmd(test, NULL, cdb, len);
}

/* ---- MODE SENSE ---- */

static void vdisk_test_ms6_caching(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0, 0x08, 0, 0xff, 0 };
	static const u8 exp[32] = {
		31, 0, 0x10, 8,
		0, 0, 0x10, 0, 0, 0, 0x02, 0,
		0x08, 0x12, 0x04,
	};
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 32);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	vt_expect_good(test, cmd);
}

static void vdisk_test_ms6_dbd_control(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0x08, 0x0a, 0, 0xff, 0 };
	static const u8 exp[16] = {
		15, 0, 0x10, 0,
		0x0a, 0x0a, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 16);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void vdisk_test_ms10_llbaa(struct kunit *test)
{
	static const u8 cdb[10] = { MODE_SENSE_10, 0x10, 0x08, 0, 0, 0, 0,
				    0, 0xff, 0 };
	static const u8 exp[44] = {
		0, 42, 0, 0x10, 0x01, 0, 0, 16,
		0, 0, 0, 0x01, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0x10, 0,
		0x08, 0x12, 0x04,
	};
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	mi.nr_blocks = 0x100000002ULL;
	mi.block_size = 4096;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 44);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void vdisk_test_ms6_short_bd_saturates(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0, 0x0a, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	mi.nr_blocks = 0x100000002ULL;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 24);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[4]), 0xffffffffU);
	KUNIT_EXPECT_EQ(test, get_unaligned_be24(&buf[9]), 512U);
}

static void vdisk_test_ms_changeable(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0, 0x7f, 0, 0xff, 0 };
	static const u8 exp[44] = {
		43, 0, 0x10, 8,
		0, 0, 0, 0, 0, 0, 0, 0,
		0x08, 0x12, 0x04, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x0a, 0x0a, 0x04, 0x06, 0x08, 0x40, 0, 0, 0, 0, 0, 0,
	};
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 44);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void vdisk_test_ms_changeable_nullio(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0x08, 0x48, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	mi.wce_changeable = false;
	mi.cur.wce = false;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 24);
	KUNIT_EXPECT_EQ(test, buf[4], 0x08);
	KUNIT_EXPECT_EQ(test, buf[6], 0);
}

static void vdisk_test_ms_default(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0x08, 0xbf, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	mi.cur.wce = false;
	mi.cur.swp = true;
	mi.cur.qerr = SCST_QERR_ABORT_NEXUS;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 36);
	/* Default values: WCE 1, SWP 0, QAM 1h, QERR 00b */
	KUNIT_EXPECT_EQ(test, buf[4 + 2], 0x04);
	KUNIT_EXPECT_EQ(test, buf[24 + 3], 0x10);
	KUNIT_EXPECT_EQ(test, buf[24 + 4], 0);
}

static void vdisk_test_ms_saved(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0, 0xc8, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), -EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x39, 0x00);
}

static void vdisk_test_ms_bad_page(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0, 0x19, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), -EINVAL);
	vt_expect_field(test, cmd, true, 2, 5);
}

static void vdisk_test_ms_bad_subpage(struct kunit *test)
{
	static const u8 cdb[10] = { MODE_SENSE_10, 0, 0x08, 0x01, 0, 0, 0,
				    0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), -EINVAL);
	vt_expect_field(test, cmd, true, 3, 7);
}

static void vdisk_test_ms_reserved_bit(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0x01, 0x08, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), -EINVAL);
	vt_expect_field(test, cmd, true, 1, 0);
}

static void vdisk_test_ms_wp_and_swp(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0x08, 0x0a, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	mi.wp = true;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 16);
	KUNIT_EXPECT_EQ(test, buf[2], 0x90);	/* WP, DPOFUA */
	KUNIT_EXPECT_EQ(test, buf[4 + 4], 0);

	mi.wp = false;
	mi.cur.swp = true;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 16);
	KUNIT_EXPECT_EQ(test, buf[2], 0x90);
	KUNIT_EXPECT_EQ(test, buf[4 + 4], 0x08);
}

/* ---- MODE SELECT ---- */

static const u8 vt_msel6[6] = { MODE_SELECT, 0x10, 0, 0, 0, 0 };
static const u8 vt_msel10[10] = { MODE_SELECT_10, 0x10, 0, 0, 0, 0, 0, 0,
				  0, 0 };

/* MODE SELECT(6) header followed by a Caching mode page with @b2 */
static unsigned int vt_caching_list(u8 *p, u8 b2)
{
	memset(p, 0, 4 + VDISK_MPAGE_CACHING_LEN);
	p[4] = 0x08;
	p[5] = 0x12;
	p[6] = b2;
	return 4 + VDISK_MPAGE_CACHING_LEN;
}

/* MODE SELECT(6) header followed by a Control mode page */
static unsigned int vt_control_list(u8 *p, u8 b3, u8 b4)
{
	memset(p, 0, 4 + VDISK_MPAGE_CONTROL_LEN);
	p[4] = 0x0a;
	p[5] = 0x0a;
	p[7] = b3;
	p[8] = b4;
	return 4 + VDISK_MPAGE_CONTROL_LEN;
}

static void vdisk_test_msel_empty(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out = {};
	struct vdisk_mode_info mi;

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, NULL, 0, &mi, &out),
			0);
	KUNIT_EXPECT_TRUE(test, out.wce);
	KUNIT_EXPECT_FALSE(test, out.swp);
	vt_expect_good(test, cmd);
}

static void vdisk_test_msel_short_header(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[3] = {};

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 3, &mi, &out),
			-EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x1a, 0x00);
}

static void vdisk_test_msel_clear_wce(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0);

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			0);
	KUNIT_EXPECT_FALSE(test, out.wce);
	KUNIT_EXPECT_FALSE(test, out.swp);
	vt_expect_good(test, cmd);
}

static void vdisk_test_msel_wce_not_changeable(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0x04);

	vt_mode_info(&mi);
	mi.wce_changeable = false;
	mi.cur.wce = false;
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 6, 2);
	KUNIT_EXPECT_FALSE(test, out.wce);
}

static void vdisk_test_msel_caching_other_bit(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0x04 | 0x01);	/* RCD */

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 6, 0);
}

static void vdisk_test_msel_set_swp(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_control_list(p, 0x10, 0x08);

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			0);
	KUNIT_EXPECT_TRUE(test, out.swp);
	KUNIT_EXPECT_TRUE(test, out.wce);
}

/* MODE SENSE(6) of the current Control page, no block descriptor */
static void vt_sense_control(struct kunit *test,
			     const struct vdisk_mode_params *cur, u8 *buf)
{
	static const u8 cdb[6] = { MODE_SENSE, 0x08, 0x0a, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;

	vt_mode_info(&mi);
	mi.cur = *cur;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 16);
	vt_expect_good(test, cmd);
}

/* QERR 01b is accepted and then reported in byte 3 bits 2..1 */
static void vdisk_test_msel_qerr_abort_all(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];
	u8 p[32];
	unsigned int len = vt_control_list(p, 0x10 | 0x02, 0);

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			0);
	vt_expect_good(test, cmd);
	KUNIT_EXPECT_EQ(test, out.qerr, SCST_QERR_ABORT_ALL);
	KUNIT_EXPECT_FALSE(test, out.tas);
	KUNIT_EXPECT_TRUE(test, out.wce);

	vt_sense_control(test, &out, buf);
	KUNIT_EXPECT_EQ(test, buf[4 + 3], 0x12);	/* QAM 1h, QERR 01b */
}

static void vdisk_test_msel_qerr_abort_nexus(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];
	u8 p[32];
	unsigned int len = vt_control_list(p, 0x10 | 0x06, 0);

	vt_mode_info(&mi);
	mi.cur.qerr = SCST_QERR_ABORT_ALL;
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			0);
	vt_expect_good(test, cmd);
	KUNIT_EXPECT_EQ(test, out.qerr, SCST_QERR_ABORT_NEXUS);

	vt_sense_control(test, &out, buf);
	KUNIT_EXPECT_EQ(test, buf[4 + 3], 0x16);	/* QAM 1h, QERR 11b */

	/* And back to 00b */
	cmd = vt_cmd(test, vt_msel6, 6);
	mi.cur = out;
	len = vt_control_list(p, 0x10, 0);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			0);
	KUNIT_EXPECT_EQ(test, out.qerr, SCST_QERR_NONE);
}

/* QERR 10b is reserved (SPC-4 7.5.8); nothing is changed. */
static void vdisk_test_msel_qerr_reserved(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_control_list(p, 0x10 | 0x04, 0);

	p[9] = 0x40;	/* TAS, changeable, in the same page */
	vt_mode_info(&mi);
	mi.cur.qerr = SCST_QERR_ABORT_NEXUS;
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	/* 26h/00h; QERR is byte 3 of the page at 4: the pointer is 7, bit 2 */
	vt_expect_field(test, cmd, false, 7, 2);
	KUNIT_EXPECT_EQ(test, cmd->sense[2] & 0x0f, ILLEGAL_REQUEST);
	KUNIT_EXPECT_EQ(test, out.qerr, SCST_QERR_ABORT_NEXUS);
	KUNIT_EXPECT_FALSE(test, out.tas);
	KUNIT_EXPECT_TRUE(test, out.wce);
}

/* Changeable values: QERR bits 2..1 of byte 3, QAM not */
static void vdisk_test_ms_changeable_qerr(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SENSE, 0x08, 0x4a, 0, 0xff, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, sizeof(cdb));
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];

	vt_mode_info(&mi);
	mi.cur.qerr = SCST_QERR_ABORT_ALL;
	KUNIT_ASSERT_EQ(test, vdisk_build_mode_sense(cmd, &mi, buf), 16);
	KUNIT_EXPECT_EQ(test, buf[4], 0x0a);
	KUNIT_EXPECT_EQ(test, buf[4 + 3], 0x06);
}

static void vdisk_test_msel_dsense_tas(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_control_list(p, 0x10, 0);

	p[6] = 0x04;	/* D_SENSE */
	p[9] = 0x40;	/* TAS */
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			0);
	KUNIT_EXPECT_TRUE(test, out.d_sense);
	KUNIT_EXPECT_TRUE(test, out.tas);
	KUNIT_EXPECT_FALSE(test, out.swp);
}

static void vdisk_test_msel_gltsd_not_changeable(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_control_list(p, 0x10, 0);

	p[6] = 0x02;	/* GLTSD */
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 6, 1);
}

static void vdisk_test_msel_bad_page(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0x04);

	p[4] = 0x1c;
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 4, 5);
}

static void vdisk_test_msel_bad_page_len(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0x04);

	p[5] = 0x0a;
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 5, 7);
}

static void vdisk_test_msel_truncated_page(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0);

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len - 1, &mi,
						      &out), -EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x1a, 0x00);
	KUNIT_EXPECT_TRUE(test, out.wce);
}

static void vdisk_test_msel_one_byte_page(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[5] = { 0, 0, 0, 0, 0x08 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 5, &mi, &out),
			-EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x1a, 0x00);
}

static void vdisk_test_msel_spf(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0x04);

	p[4] |= 0x40;
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 4, 6);
}

static void vdisk_test_msel_ps_ignored(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0);

	p[4] |= 0x80;
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			0);
	KUNIT_EXPECT_FALSE(test, out.wce);
}

static void vdisk_test_msel_pf_zero(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SELECT, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[32];
	unsigned int len = vt_caching_list(p, 0);

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, len, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, true, 1, 4);
}

static void vdisk_test_msel_pf_zero_header_only(struct kunit *test)
{
	static const u8 cdb[6] = { MODE_SELECT, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[4] = {};

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 4, &mi, &out),
			0);
	vt_expect_good(test, cmd);
}

static void vdisk_test_msel_medium_type(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[4] = { 0, 0x05, 0, 0 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 4, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 1, 7);
}

static void vdisk_test_msel_bd_ok(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[12] = { 0, 0, 0, 8, 0, 0, 0x10, 0, 0, 0, 0x02, 0 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 12, &mi, &out),
			0);
	/* NUMBER OF LOGICAL BLOCKS zero keeps the capacity. */
	memset(&p[4], 0, 4);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 12, &mi, &out),
			0);
	vt_expect_good(test, cmd);
}

static void vdisk_test_msel_bd_block_len(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[12] = { 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x10, 0 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 12, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 9, 7);
}

static void vdisk_test_msel_bd_capacity(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[12] = { 0, 0, 0, 8, 0, 0, 0x20, 0, 0, 0, 0x02, 0 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 12, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 4, 7);
}

static void vdisk_test_msel_bd_len(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[8] = { 0, 0, 0, 4 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 8, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 3, 7);
}

static void vdisk_test_msel_bd_truncated(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[8] = { 0, 0, 0, 8 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 8, &mi, &out),
			-EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x1a, 0x00);
}

static void vdisk_test_msel10_long_bd(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel10, 10);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[8 + 16 + VDISK_MPAGE_CACHING_LEN] = {};

	p[4] = 0x01;			/* LONGLBA */
	p[7] = 16;
	put_unaligned_be64(0x1000, &p[8]);
	put_unaligned_be32(512, &p[8 + 12]);
	p[24] = 0x08;
	p[25] = 0x12;
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, sizeof(p), &mi,
						      &out), 0);
	KUNIT_EXPECT_FALSE(test, out.wce);
	vt_expect_good(test, cmd);
}

static void vdisk_test_msel10_longlba_short_bd(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel10, 10);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[16] = { 0, 0, 0, 0, 0x01, 0, 0, 8 };

	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, 16, &mi, &out),
			-EINVAL);
	vt_expect_field(test, cmd, false, 6, 7);
}

static void vdisk_test_msel_two_pages(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[4 + VDISK_MPAGE_CACHING_LEN + VDISK_MPAGE_CONTROL_LEN] = {};

	p[4] = 0x08;
	p[5] = 0x12;
	p[24] = 0x0a;
	p[25] = 0x0a;
	p[27] = 0x10;
	p[28] = 0x08;
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, sizeof(p), &mi,
						      &out), 0);
	KUNIT_EXPECT_FALSE(test, out.wce);
	KUNIT_EXPECT_TRUE(test, out.swp);
}

static void vdisk_test_msel_error_changes_nothing(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_msel6, 6);
	struct vdisk_mode_params out;
	struct vdisk_mode_info mi;
	u8 p[4 + VDISK_MPAGE_CACHING_LEN + VDISK_MPAGE_CONTROL_LEN] = {};

	/* A valid Caching page followed by a bad Control page */
	p[4] = 0x08;
	p[5] = 0x12;
	p[24] = 0x0a;
	p[25] = 0x0a;
	p[27] = 0x10;
	p[29] = 0x80;			/* ATO, not changeable */
	vt_mode_info(&mi);
	KUNIT_EXPECT_EQ(test, vdisk_parse_mode_select(cmd, p, sizeof(p), &mi,
						      &out), -EINVAL);
	vt_expect_field(test, cmd, false, 29, 7);
	KUNIT_EXPECT_TRUE(test, out.wce);
}

/* ---- LOG SENSE ---- */

static void vdisk_test_log_supported(struct kunit *test)
{
	static const u8 cdb[10] = { LOG_SENSE, 0, 0x40, 0, 0, 0, 0, 0, 0xff };
	static const u8 exp[5] = { 0, 0, 0, 1, 0 };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 10);
	u8 buf[8];

	KUNIT_ASSERT_EQ(test, vdisk_build_log_sense(cmd, buf, sizeof(buf)), 5);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	vt_expect_good(test, cmd);
}

static void vdisk_test_log_subpages(struct kunit *test)
{
	static const u8 cdb[10] = { LOG_SENSE, 0, 0x40, 0xff, 0, 0, 0, 0,
				    0xff };
	static const u8 exp[8] = { 0x40, 0xff, 0, 4, 0, 0, 0, 0xff };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 10);
	u8 buf[8];

	KUNIT_ASSERT_EQ(test, vdisk_build_log_sense(cmd, buf, sizeof(buf)), 8);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void vdisk_test_log_bad_page(struct kunit *test)
{
	static const u8 cdb[10] = { LOG_SENSE, 0, 0x4d, 0, 0, 0, 0, 0, 0xff };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 10);
	u8 buf[8];

	KUNIT_EXPECT_EQ(test, vdisk_build_log_sense(cmd, buf, sizeof(buf)),
			-EINVAL);
	vt_expect_field(test, cmd, true, 2, 5);
}

static void vdisk_test_log_sp(struct kunit *test)
{
	static const u8 cdb[10] = { LOG_SENSE, 0x01, 0x40, 0, 0, 0, 0, 0,
				    0xff };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 10);
	u8 buf[8];

	KUNIT_EXPECT_EQ(test, vdisk_build_log_sense(cmd, buf, sizeof(buf)),
			-EINVAL);
	vt_expect_field(test, cmd, true, 1, 0);
}

static void vdisk_test_log_param_pointer(struct kunit *test)
{
	static const u8 cdb[10] = { LOG_SENSE, 0, 0x40, 0, 0, 0, 1, 0, 0xff };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 10);
	u8 buf[8];

	KUNIT_EXPECT_EQ(test, vdisk_build_log_sense(cmd, buf, sizeof(buf)),
			-EINVAL);
	vt_expect_field(test, cmd, true, 5, 7);
}

static void vdisk_test_log_bad_subpage(struct kunit *test)
{
	static const u8 cdb[10] = { LOG_SENSE, 0, 0x40, 0x01, 0, 0, 0, 0,
				    0xff };
	struct scst_cmd *cmd = vt_cmd(test, cdb, 10);
	u8 buf[8];

	KUNIT_EXPECT_EQ(test, vdisk_build_log_sense(cmd, buf, sizeof(buf)),
			-EINVAL);
	vt_expect_field(test, cmd, true, 3, 7);
}

/* ---- UNMAP ---- */

static const u8 vt_unmap_cdb[10] = { UNMAP, 0, 0, 0, 0, 0, 0, 0, 0x28, 0 };

/* An UNMAP parameter list with @n descriptors (LBA @lba + i * 100) */
static unsigned int vt_unmap_list(u8 *p, unsigned int n, u64 lba, u32 cnt)
{
	unsigned int i;

	memset(p, 0, 8 + 16 * n);
	put_unaligned_be16(6 + 16 * n, &p[0]);
	put_unaligned_be16(16 * n, &p[2]);
	for (i = 0; i < n; i++) {
		put_unaligned_be64(lba + i * 100, &p[8 + 16 * i]);
		put_unaligned_be32(cnt, &p[8 + 16 * i + 8]);
	}
	return 8 + 16 * n;
}

static void vdisk_test_unmap_two(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[2];
	unsigned int nr, len;
	u8 p[40];

	len = vt_unmap_list(p, 2, 10, 8);
	KUNIT_ASSERT_EQ(test, vdisk_parse_unmap(cmd, p, len, 1000, 100, 4, r,
						&nr), 0);
	KUNIT_ASSERT_EQ(test, nr, 2);
	KUNIT_EXPECT_EQ(test, r[0].lba, 10);
	KUNIT_EXPECT_EQ(test, r[0].nr_blocks, 8);
	KUNIT_EXPECT_EQ(test, r[1].lba, 110);
	KUNIT_EXPECT_EQ(test, r[1].nr_blocks, 8);
	vt_expect_good(test, cmd);
}

static void vdisk_test_unmap_header_only(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[1];
	unsigned int nr = 7;
	u8 p[8] = { 0, 6 };

	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, 8, 1000, 100, 4, r,
						&nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 0);
	vt_expect_good(test, cmd);
}

static void vdisk_test_unmap_short_header(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[1];
	unsigned int nr;
	u8 p[7] = {};

	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, 7, 1000, 100, 4, r,
						&nr), -EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x1a, 0x00);
}

static void vdisk_test_unmap_zero_count(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[2];
	unsigned int nr, len;
	u8 p[40];

	len = vt_unmap_list(p, 2, 10, 8);
	put_unaligned_be32(0, &p[8 + 8]);
	KUNIT_ASSERT_EQ(test, vdisk_parse_unmap(cmd, p, len, 1000, 100, 4, r,
						&nr), 0);
	KUNIT_ASSERT_EQ(test, nr, 1);
	KUNIT_EXPECT_EQ(test, r[0].lba, 110);
}

static void vdisk_test_unmap_out_of_range(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[2];
	unsigned int nr, len;
	u8 p[40];

	len = vt_unmap_list(p, 2, 900, 8);	/* 1000..1007 is beyond */
	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, len, 1000, 100, 4, r,
						&nr), -EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x21, 0x00);
	KUNIT_EXPECT_EQ(test, nr, 0);
}

static void vdisk_test_unmap_up_to_end(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[1];
	unsigned int nr, len;
	u8 p[24];

	len = vt_unmap_list(p, 1, 992, 8);
	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, len, 1000, 100, 4, r,
						&nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 1);
}

static void vdisk_test_unmap_lba_overflow(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[1];
	unsigned int nr, len;
	u8 p[24];

	len = vt_unmap_list(p, 1, U64_MAX, 2);
	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, len, 1000, 100, 4, r,
						&nr), -EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x21, 0x00);
}

static void vdisk_test_unmap_bd_len_too_long(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[2];
	unsigned int nr, len;
	u8 p[40];

	len = vt_unmap_list(p, 2, 10, 8);
	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, len - 16, 1000, 100,
						4, r, &nr), -EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x1a, 0x00);
}

static void vdisk_test_unmap_partial_desc(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[2];
	unsigned int nr, len;
	u8 p[40];

	/* SBC-3 UNMAP: an incomplete last descriptor is ignored. */
	len = vt_unmap_list(p, 2, 10, 8);
	put_unaligned_be16(16 + 8, &p[2]);
	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, len - 8, 1000, 100,
						4, r, &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 1);
	KUNIT_EXPECT_EQ(test, r[0].lba, 10);
}

static void vdisk_test_unmap_too_many_desc(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[3];
	unsigned int nr, len;
	u8 p[56];

	len = vt_unmap_list(p, 3, 10, 1);
	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, len, 1000, 100, 2, r,
						&nr), -EINVAL);
	vt_expect_field(test, cmd, false, 2, 7);
}

static void vdisk_test_unmap_too_many_blocks(struct kunit *test)
{
	struct scst_cmd *cmd = vt_cmd(test, vt_unmap_cdb, 10);
	struct vdisk_range r[2];
	unsigned int nr, len;
	u8 p[40];

	/* 60 + 60 blocks, at most 100: the second count is the culprit. */
	len = vt_unmap_list(p, 2, 10, 60);
	KUNIT_EXPECT_EQ(test, vdisk_parse_unmap(cmd, p, len, 1000, 100, 4, r,
						&nr), -EINVAL);
	vt_expect_field(test, cmd, false, 8 + 16 + 8, 7);
	KUNIT_EXPECT_EQ(test, nr, 0);
}

/* ---- WRITE SAME ---- */

static struct scst_cmd *vt_ws_cmd(struct kunit *test, bool ws16, u8 b1,
				  u64 lba, u32 nr)
{
	u8 cdb[16] = {};
	struct scst_cmd *cmd;

	if (ws16) {
		cdb[0] = WRITE_SAME_16;
		put_unaligned_be64(lba, &cdb[2]);
		put_unaligned_be32(nr, &cdb[10]);
	} else {
		cdb[0] = WRITE_SAME;
		put_unaligned_be32(lba, &cdb[2]);
		put_unaligned_be16(nr, &cdb[7]);
	}
	cdb[1] = b1;
	cmd = vt_cmd(test, cdb, ws16 ? 16 : 10);
	cmd->lba = lba;
	cmd->nr_blocks = nr;
	return cmd;
}

static void vdisk_test_ws_ok(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, false, 0x08, 100, 50);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 50);
	vt_expect_good(test, cmd);
}

static void vdisk_test_ws_zero_means_to_end(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, true, 0x01, 960, 0);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 40);
}

static void vdisk_test_ws_zero_too_long(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, false, 0, 0, 0);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr),
			-EINVAL);
	vt_expect_field(test, cmd, true, 7, 7);
}

static void vdisk_test_ws16_too_long(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, true, 0, 0, 65);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr),
			-EINVAL);
	vt_expect_field(test, cmd, true, 10, 7);
}

static void vdisk_test_ws_anchor(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, true, 0x18, 0, 8);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr),
			-EINVAL);
	vt_expect_field(test, cmd, true, 1, 4);
}

static void vdisk_test_ws_wrprotect(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, false, 0x20, 0, 8);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr),
			-EINVAL);
	vt_expect_field(test, cmd, true, 1, 7);
}

static void vdisk_test_ws_pbdata(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, true, 0x04, 0, 8);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr),
			-EINVAL);
	vt_expect_field(test, cmd, true, 1, 2);
}

static void vdisk_test_ws10_bit0(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, false, 0x01, 0, 8);
	u64 nr;

	/* Obsolete in WRITE SAME(10); NDOB only in WRITE SAME(16) */
	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr),
			-EINVAL);
	vt_expect_field(test, cmd, true, 1, 0);
}

static void vdisk_test_ws_out_of_range(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, true, 0, 999, 2);
	u64 nr;

	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr),
			-EINVAL);
	vt_expect_sense(test, cmd, ILLEGAL_REQUEST, 0x21, 0x00);
	KUNIT_EXPECT_EQ(test, nr, 0);
}

static void vdisk_test_ws_zero_at_end(struct kunit *test)
{
	struct scst_cmd *cmd = vt_ws_cmd(test, true, 0, 1000, 0);
	u64 nr = 5;

	/* Nothing to write at the LBA just past the end */
	KUNIT_EXPECT_EQ(test, vdisk_check_write_same(cmd, 1000, 64, &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 0);
}

/* ---- GET LBA STATUS ---- */

static void vdisk_test_lba_status_one(struct kunit *test)
{
	static const u8 exp[24] = {
		0, 0, 0, 20, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0x12, 0x34, 0, 0, 0x01, 0, 0x01, 0, 0, 0,
	};
	u8 buf[VDISK_LBA_STATUS_BUF_LEN];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, vdisk_put_lba_status(buf, 0, 0x1234, 0x100,
						   VDISK_LBA_DEALLOCATED), 24);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void vdisk_test_lba_status_two(struct kunit *test)
{
	u8 buf[VDISK_LBA_STATUS_BUF_LEN];

	vdisk_put_lba_status(buf, 0, 0, 16, VDISK_LBA_MAPPED);
	KUNIT_EXPECT_EQ(test, vdisk_put_lba_status(buf, 1, 16, 1ULL << 40,
						   VDISK_LBA_DEALLOCATED), 40);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[0]), 36);
	KUNIT_EXPECT_EQ(test, get_unaligned_be64(&buf[24]), 16);
	/* NUMBER OF LOGICAL BLOCKS saturates */
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(&buf[32]), 0xffffffffU);
	KUNIT_EXPECT_EQ(test, buf[36], VDISK_LBA_DEALLOCATED);
	KUNIT_EXPECT_EQ(test, buf[12 + 8], VDISK_LBA_MAPPED);
}

/* ---- REPORT SUPPORTED OPERATION CODES ---- */

/*
 * Every command a vdisk without logical block provisioning reports, in
 * table order: no PREVENT ALLOW MEDIUM REMOVAL (1Eh), no UNMAP (42h).
 */
static const u32 vt_rsoc_thick[] = {
	SCST_TEST_OP(0x00), SCST_TEST_OP(0x03), SCST_TEST_OP(0x04),
	SCST_TEST_OP(0x08), SCST_TEST_OP(0x0a), SCST_TEST_OP(0x12),
	SCST_TEST_OP(0x15), SCST_TEST_OP(0x16), SCST_TEST_OP(0x17),
	SCST_TEST_OP(0x1a), SCST_TEST_OP(0x1b), SCST_TEST_OP(0x25),
	SCST_TEST_OP(0x28), SCST_TEST_OP(0x2a), SCST_TEST_OP(0x2e),
	SCST_TEST_OP(0x2f), SCST_TEST_OP(0x34), SCST_TEST_OP(0x35),
	SCST_TEST_OP(0x41), SCST_TEST_OP(0x4d), SCST_TEST_OP(0x55),
	SCST_TEST_OP(0x56), SCST_TEST_OP(0x57), SCST_TEST_OP(0x5a),
	SCST_TEST_OP(0x88), SCST_TEST_OP(0x8a), SCST_TEST_OP(0x8e),
	SCST_TEST_OP(0x8f), SCST_TEST_OP(0x90), SCST_TEST_OP(0x91),
	SCST_TEST_OP(0x93), SCST_TEST_OP_SA(0x9e, 0x10),
	SCST_TEST_OP_SA(0x9e, 0x12), SCST_TEST_OP(0xa0),
	SCST_TEST_OP_SA(0xa3, 0x0c), SCST_TEST_OP_SA(0xa3, 0x0d),
	SCST_TEST_OP(0xa8), SCST_TEST_OP(0xaa), SCST_TEST_OP(0xae),
	SCST_TEST_OP(0xaf),
};

/* A vdisk device as RSOC sees it, thin provisioned if @thin */
static struct scst_device *vt_rsoc_dev(struct kunit *test, bool thin)
{
	struct scst_device *dev;
	struct vdisk_dev *vd;

	dev = scst_test_dev_op(test, TYPE_DISK, vdisk_op_supported);
	vd = kunit_kzalloc(test, sizeof(*vd), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, vd);
	vd->dev = dev;
	dev->dh_priv = vd;
	dev->thin_provisioned = thin;
	dev->lbprz = thin;
	return dev;
}

static void vdisk_test_rsoc_all_thick(struct kunit *test)
{
	struct scst_device *dev = vt_rsoc_dev(test, false);

	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(vt_rsoc_thick), 40);
	scst_test_rsoc_expect_all(test, dev, vt_rsoc_thick,
				  ARRAY_SIZE(vt_rsoc_thick));
}

static void vdisk_test_rsoc_all_thin(struct kunit *test)
{
	struct scst_device *dev = vt_rsoc_dev(test, true);
	u32 exp[ARRAY_SIZE(vt_rsoc_thick) + 1];
	unsigned int i, n = 0;

	/* UNMAP (42h) is reported, between WRITE SAME(10) and LOG SENSE */
	for (i = 0; i < ARRAY_SIZE(vt_rsoc_thick); i++) {
		if (vt_rsoc_thick[i] == SCST_TEST_OP(0x4d))
			exp[n++] = SCST_TEST_OP(0x42);
		exp[n++] = vt_rsoc_thick[i];
	}
	KUNIT_ASSERT_EQ(test, n, ARRAY_SIZE(exp));
	scst_test_rsoc_expect_all(test, dev, exp, n);
}

static void vdisk_test_rsoc_one(struct kunit *test)
{
	struct scst_device *thick = vt_rsoc_dev(test, false);
	struct scst_device *thin = vt_rsoc_dev(test, true);
	unsigned int opt;

	/* SUPPORT 001b (SPC-4 6.35.3) for every single-command option */
	for (opt = 1; opt <= 3; opt++) {
		u8 pamr_thick, pamr_thin, unmap_thick;

		pamr_thick = scst_test_rsoc_support(test, thick, opt,
						    ALLOW_MEDIUM_REMOVAL, 0);
		pamr_thin = scst_test_rsoc_support(test, thin, opt,
						   ALLOW_MEDIUM_REMOVAL, 0);
		unmap_thick = scst_test_rsoc_support(test, thick, opt, UNMAP,
						     0);
		KUNIT_EXPECT_EQ(test, pamr_thick, 1);
		KUNIT_EXPECT_EQ(test, pamr_thin, 1);
		KUNIT_EXPECT_EQ(test, unmap_thick, 1);
	}
	/* SUPPORT 011b */
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, thin, 1, UNMAP, 0),
			3);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, thick, 1,
						     MODE_SELECT, 0), 3);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, thick, 2,
						     SERVICE_ACTION_IN_16,
						     SAI_GET_LBA_STATUS), 3);
	/* The core's commands */
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, thick, 1,
						     RESERVE, 0), 3);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, thick, 2,
						     MAINTENANCE_IN, 0x0d), 3);
}

/*
 * Every command of the decode table vdisk_op_supported() leaves out is one
 * vdisk_exec() leaves to the core, which fails it with INVALID COMMAND
 * OPERATION CODE.
 */
static void vdisk_test_rsoc_matches_exec(struct kunit *test)
{
	struct scst_device *dev = vt_rsoc_dev(test, false);
	const struct scst_opcode_desc *d;
	u8 cdb[SCST_MAX_CDB_SIZE] = { };
	unsigned int op, sa, n = 0;
	struct scst_cmd *cmd;

	for (op = 0; op < 256; op++) {
		for (sa = 0; sa < 32; sa++) {
			cdb[0] = op;
			cdb[1] = sa;
			d = scst_lookup_opcode(cdb, sizeof(cdb));
			if (!d || !(d->flags & (SCST_OPF_SPC | SCST_OPF_SBC)) ||
			    vdisk_op_supported(dev, d))
				continue;
			if (d->sa == SCST_NO_SA && sa)
				continue;
			cmd = scst_test_cmd(test, dev, cdb, d->cdb_len);
			cmd->op = d;
			KUNIT_EXPECT_EQ_MSG(test, vdisk_exec(cmd),
					    SCST_EXEC_NOT_HANDLED,
					    "opcode %02xh", op);
			KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
			n++;
		}
	}
	/* PREVENT ALLOW MEDIUM REMOVAL, UNMAP and the core's commands */
	KUNIT_EXPECT_EQ(test, n, 2 + 10);
}

static struct kunit_case vdisk_test_cases[] = {
	KUNIT_CASE(vdisk_test_ms6_caching),
	KUNIT_CASE(vdisk_test_ms6_dbd_control),
	KUNIT_CASE(vdisk_test_ms10_llbaa),
	KUNIT_CASE(vdisk_test_ms6_short_bd_saturates),
	KUNIT_CASE(vdisk_test_ms_changeable),
	KUNIT_CASE(vdisk_test_ms_changeable_nullio),
	KUNIT_CASE(vdisk_test_ms_default),
	KUNIT_CASE(vdisk_test_ms_saved),
	KUNIT_CASE(vdisk_test_ms_bad_page),
	KUNIT_CASE(vdisk_test_ms_bad_subpage),
	KUNIT_CASE(vdisk_test_ms_reserved_bit),
	KUNIT_CASE(vdisk_test_ms_wp_and_swp),
	KUNIT_CASE(vdisk_test_msel_empty),
	KUNIT_CASE(vdisk_test_msel_short_header),
	KUNIT_CASE(vdisk_test_msel_clear_wce),
	KUNIT_CASE(vdisk_test_msel_wce_not_changeable),
	KUNIT_CASE(vdisk_test_msel_caching_other_bit),
	KUNIT_CASE(vdisk_test_msel_set_swp),
	KUNIT_CASE(vdisk_test_msel_qerr_abort_all),
	KUNIT_CASE(vdisk_test_msel_qerr_abort_nexus),
	KUNIT_CASE(vdisk_test_msel_qerr_reserved),
	KUNIT_CASE(vdisk_test_ms_changeable_qerr),
	KUNIT_CASE(vdisk_test_msel_dsense_tas),
	KUNIT_CASE(vdisk_test_msel_gltsd_not_changeable),
	KUNIT_CASE(vdisk_test_msel_bad_page),
	KUNIT_CASE(vdisk_test_msel_bad_page_len),
	KUNIT_CASE(vdisk_test_msel_truncated_page),
	KUNIT_CASE(vdisk_test_msel_one_byte_page),
	KUNIT_CASE(vdisk_test_msel_spf),
	KUNIT_CASE(vdisk_test_msel_ps_ignored),
	KUNIT_CASE(vdisk_test_msel_pf_zero),
	KUNIT_CASE(vdisk_test_msel_pf_zero_header_only),
	KUNIT_CASE(vdisk_test_msel_medium_type),
	KUNIT_CASE(vdisk_test_msel_bd_ok),
	KUNIT_CASE(vdisk_test_msel_bd_block_len),
	KUNIT_CASE(vdisk_test_msel_bd_capacity),
	KUNIT_CASE(vdisk_test_msel_bd_len),
	KUNIT_CASE(vdisk_test_msel_bd_truncated),
	KUNIT_CASE(vdisk_test_msel10_long_bd),
	KUNIT_CASE(vdisk_test_msel10_longlba_short_bd),
	KUNIT_CASE(vdisk_test_msel_two_pages),
	KUNIT_CASE(vdisk_test_msel_error_changes_nothing),
	KUNIT_CASE(vdisk_test_log_supported),
	KUNIT_CASE(vdisk_test_log_subpages),
	KUNIT_CASE(vdisk_test_log_bad_page),
	KUNIT_CASE(vdisk_test_log_sp),
	KUNIT_CASE(vdisk_test_log_param_pointer),
	KUNIT_CASE(vdisk_test_log_bad_subpage),
	KUNIT_CASE(vdisk_test_unmap_two),
	KUNIT_CASE(vdisk_test_unmap_header_only),
	KUNIT_CASE(vdisk_test_unmap_short_header),
	KUNIT_CASE(vdisk_test_unmap_zero_count),
	KUNIT_CASE(vdisk_test_unmap_out_of_range),
	KUNIT_CASE(vdisk_test_unmap_up_to_end),
	KUNIT_CASE(vdisk_test_unmap_lba_overflow),
	KUNIT_CASE(vdisk_test_unmap_bd_len_too_long),
	KUNIT_CASE(vdisk_test_unmap_partial_desc),
	KUNIT_CASE(vdisk_test_unmap_too_many_desc),
	KUNIT_CASE(vdisk_test_unmap_too_many_blocks),
	KUNIT_CASE(vdisk_test_ws_ok),
	KUNIT_CASE(vdisk_test_ws_zero_means_to_end),
	KUNIT_CASE(vdisk_test_ws_zero_too_long),
	KUNIT_CASE(vdisk_test_ws16_too_long),
	KUNIT_CASE(vdisk_test_ws_anchor),
	KUNIT_CASE(vdisk_test_ws_wrprotect),
	KUNIT_CASE(vdisk_test_ws_pbdata),
	KUNIT_CASE(vdisk_test_ws10_bit0),
	KUNIT_CASE(vdisk_test_ws_out_of_range),
	KUNIT_CASE(vdisk_test_ws_zero_at_end),
	KUNIT_CASE(vdisk_test_lba_status_one),
	KUNIT_CASE(vdisk_test_lba_status_two),
	KUNIT_CASE(vdisk_test_rsoc_all_thick),
	KUNIT_CASE(vdisk_test_rsoc_all_thin),
	KUNIT_CASE(vdisk_test_rsoc_one),
	KUNIT_CASE(vdisk_test_rsoc_matches_exec),
	{}
};

static struct kunit_suite vdisk_test_suite = {
	.name = "scst_vdisk",
	.test_cases = vdisk_test_cases,
};

kunit_test_suite(vdisk_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for the SCST vdisk dev handlers");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
