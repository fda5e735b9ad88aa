// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the SPC commands the SCST core answers (scst_spc.c).
 */
#include <linux/scatterlist.h>
#include <linux/xarray.h>
#include "scst_test.h"

static struct scst_device *spc_dev(struct kunit *test, u8 type, u32 bs)
{
	struct scst_device *dev = scst_test_dev(test, type, bs);

	strscpy(dev->ident.vendor, "SCST_TST", sizeof(dev->ident.vendor));
	strscpy(dev->ident.product, "Test disk", sizeof(dev->ident.product));
	strscpy(dev->ident.revision, "0100", sizeof(dev->ident.revision));
	strscpy(dev->ident.serial, "abc123", sizeof(dev->ident.serial));
	dev->ident.naa_id = 0x6001405123456789ULL;
	return dev;
}

/*
 * SPC-4 6.6.2: 74 bytes, up to the version descriptors: SAM-5 00A0h,
 * SPC-4 0460h, SBC-3 04C0h (each "no version claimed"), then the
 * transport's, here SRP 0940h.
 */
static void scst_spc_test_std_inquiry(struct kunit *test)
{
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	u8 exp[74] = { 0x00, 0x00, 0x06, 0x12, 0x45, 0x00, 0x00, 0x02 };
	static const u8 vd[8] = { 0x00, 0xa0, 0x04, 0x60, 0x04, 0xc0,
				  0x09, 0x40 };
	u8 buf[80];

	memcpy(&exp[8], "SCST_TST", 8);
	memcpy(&exp[16], "Test disk       ", 16);
	memcpy(&exp[32], "0100", 4);
	memcpy(&exp[58], vd, sizeof(vd));
	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(dev, SCST_VD_SRP, buf,
						     sizeof(buf)), 74);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[74], 0xaa);

	/* A transport that implements no standard claims none */
	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(dev, 0, buf,
						     sizeof(buf)), 74);
	KUNIT_EXPECT_MEMEQ(test, &buf[58], vd, 6);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[64]), 0);
}

static void scst_spc_test_std_inquiry_type(struct kunit *test)
{
	struct scst_device *dev = spc_dev(test, TYPE_ROM, 2048);
	u8 buf[74];

	/* Non-printable characters become spaces */
	dev->ident.product[0] = '\t';
	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(dev, 0, buf, sizeof(buf)),
			74);
	KUNIT_EXPECT_EQ(test, buf[0], TYPE_ROM);
	KUNIT_EXPECT_MEMEQ(test, &buf[16], " est disk       ", 16);
	/* SAM-5, SPC-4, MMC-6 04E0h */
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[62]), 0x04e0);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(&buf[64]), 0);
}

static void scst_spc_test_std_inquiry_no_lun(struct kunit *test)
{
	u8 exp[74] = "\x7f\x00\x06\x12\x45\x00\x00\x02";
	u8 buf[74];

	memset(&exp[8], ' ', 28);
	memcpy(&exp[8], SCST_DEFAULT_VENDOR, strlen(SCST_DEFAULT_VENDOR));
	memcpy(&exp[32], SCST_REVISION, strlen(SCST_REVISION));
	/* no device: SAM-5 and SPC-4 only */
	put_unaligned_be16(SCST_VD_SAM5, &exp[58]);
	put_unaligned_be16(SCST_VD_SPC4, &exp[60]);
	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(NULL, 0, buf,
						     sizeof(buf)), 74);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_spc_test_std_inquiry_truncated(struct kunit *test)
{
	static const u8 exp[8] = { 0x00, 0x00, 0x06, 0x12, 0x45,
				   0xaa, 0xaa, 0xaa };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	u8 buf[8];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_std_inquiry(dev, 0, buf, 5), 74);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_spc_test_vpd_supported(struct kunit *test)
{
	static const u8 disk[9] = { 0x00, 0x00, 0x00, 0x05,
				    0x00, 0x80, 0x83, 0xb0, 0xb1 };
	static const u8 tape[7] = { 0x01, 0x00, 0x00, 0x03,
				    0x00, 0x80, 0x83 };
	static const u8 none[5] = { 0x7f, 0x00, 0x00, 0x01, 0x00 };
	u8 buf[64];

	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_DISK, 512),
					     0x00, buf, sizeof(buf)), 9);
	KUNIT_EXPECT_MEMEQ(test, buf, disk, sizeof(disk));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_TAPE, 512),
					     0x00, buf, sizeof(buf)), 7);
	KUNIT_EXPECT_MEMEQ(test, buf, tape, sizeof(tape));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(NULL, 0x00, buf, sizeof(buf)), 5);
	KUNIT_EXPECT_MEMEQ(test, buf, none, sizeof(none));
}

static void scst_spc_test_vpd_serial(struct kunit *test)
{
	static const u8 exp[10] = { 0x00, 0x80, 0x00, 0x06,
				    'a', 'b', 'c', '1', '2', '3' };
	u8 buf[64];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_DISK, 512),
					     0x80, buf, sizeof(buf)), 10);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[10], 0xaa);
}

static void scst_spc_test_vpd_devid(struct kunit *test)
{
	static const u8 exp[34] = {
		0x00, 0x83, 0x00, 0x1e,
		/* NAA, binary, logical unit */
		0x01, 0x03, 0x00, 0x08,
		0x60, 0x01, 0x40, 0x51, 0x23, 0x45, 0x67, 0x89,
		/* T10 vendor ID, ASCII, logical unit */
		0x02, 0x01, 0x00, 0x0e,
		'S', 'C', 'S', 'T', '_', 'T', 'S', 'T',
		'a', 'b', 'c', '1', '2', '3',
	};
	u8 buf[128];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_DISK, 512),
					     0x83, buf, sizeof(buf)), 34);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[34], 0xaa);
}

static void scst_spc_test_vpd_devid_no_naa(struct kunit *test)
{
	static const u8 exp[22] = {
		0x00, 0x83, 0x00, 0x12,
		0x02, 0x01, 0x00, 0x0e,
		'V', 'E', 'N', 'D', ' ', ' ', ' ', ' ',
		'a', 'b', 'c', '1', '2', '3',
	};
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	u8 buf[128];

	dev->ident.naa_id = 0;
	strscpy(dev->ident.vendor, "VEND", sizeof(dev->ident.vendor));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(dev, 0x83, buf, sizeof(buf)), 22);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_spc_test_vpd_block_limits(struct kunit *test)
{
	u8 exp[64] = { 0x00, 0xb0, 0x00, 0x3c, 0x00, 0x00, 0x00, 0x01,
		       0x00, 0x00, 0x40, 0x00 };
	u8 buf[80];

	memset(buf, 0xaa, sizeof(buf));
	/* MAXIMUM TRANSFER LENGTH: 8 MiB in blocks */
	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_DISK, 512),
					     0xb0, buf, sizeof(buf)), 64);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[64], 0xaa);

	exp[10] = 0x08;
	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_DISK, 4096),
					     0xb0, buf, sizeof(buf)), 64);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_spc_test_vpd_bdc(struct kunit *test)
{
	u8 exp[64] = { 0x00, 0xb1, 0x00, 0x3c, 0x00, 0x01 };
	u8 buf[64];

	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_DISK, 4096),
					     0xb1, buf, sizeof(buf)), 64);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static void scst_spc_test_vpd_unsupported(struct kunit *test)
{
	struct scst_device *disk = spc_dev(test, TYPE_DISK, 512);
	struct scst_device *tape = spc_dev(test, TYPE_TAPE, 512);
	u8 buf[64];

	KUNIT_EXPECT_EQ(test, scst_build_vpd(disk, 0x81, buf, sizeof(buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_vpd(disk, 0xb2, buf, sizeof(buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_vpd(tape, 0xb0, buf, sizeof(buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_vpd(tape, 0xb1, buf, sizeof(buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_vpd(NULL, 0x80, buf, sizeof(buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, scst_build_vpd(NULL, 0x83, buf, sizeof(buf)),
			-EINVAL);
}

static void scst_spc_test_vpd_truncated(struct kunit *test)
{
	static const u8 exp[6] = { 0x00, 0x83, 0x00, 0x1e, 0xaa, 0xaa };
	u8 buf[6];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_vpd(spc_dev(test, TYPE_DISK, 512),
					     0x83, buf, 4), 34);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
}

static const u64 scst_test_luns[] = { 0, 1, 255, 256, SCST_MAX_LUN };

static const u8 scst_test_luns_data[48] = {
	0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x7f, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void scst_spc_test_report_luns(struct kunit *test)
{
	u8 buf[64];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_report_luns(scst_test_luns,
						     ARRAY_SIZE(scst_test_luns),
						     buf, sizeof(buf)), 48);
	KUNIT_EXPECT_MEMEQ(test, buf, scst_test_luns_data, 48);
	KUNIT_EXPECT_EQ(test, buf[48], 0xaa);
}

static void scst_spc_test_report_luns_truncated(struct kunit *test)
{
	u8 buf[64];

	/* Truncated to the allocation length, at an entry boundary ... */
	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_report_luns(scst_test_luns,
						     ARRAY_SIZE(scst_test_luns),
						     buf, 16), 48);
	KUNIT_EXPECT_MEMEQ(test, buf, scst_test_luns_data, 16);
	KUNIT_EXPECT_EQ(test, buf[16], 0xaa);

	/* ... or within an entry */
	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_report_luns(scst_test_luns,
						     ARRAY_SIZE(scst_test_luns),
						     buf, 34), 48);
	KUNIT_EXPECT_MEMEQ(test, buf, scst_test_luns_data, 34);
	KUNIT_EXPECT_EQ(test, buf[34], 0xaa);

	/* ... or within the header */
	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_report_luns(scst_test_luns,
						     ARRAY_SIZE(scst_test_luns),
						     buf, 4), 48);
	KUNIT_EXPECT_MEMEQ(test, buf, scst_test_luns_data, 4);
	KUNIT_EXPECT_EQ(test, buf[4], 0xaa);
}

static void scst_spc_test_report_luns_empty(struct kunit *test)
{
	static const u8 exp[8] = { };
	u8 buf[16];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_EXPECT_EQ(test, scst_build_report_luns(NULL, 0, buf,
						     sizeof(buf)), 8);
	KUNIT_EXPECT_MEMEQ(test, buf, exp, sizeof(exp));
	KUNIT_EXPECT_EQ(test, buf[8], 0xaa);
}

static void scst_spc_test_report_luns_many(struct kunit *test)
{
	unsigned int i, n = SCST_MAX_LUN + 1, len = 8 + 8 * n;
	bool valid;
	u64 *luns;
	u8 *buf;

	luns = kunit_kmalloc_array(test, n, sizeof(*luns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, luns);
	buf = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	for (i = 0; i < n; i++)
		luns[i] = i;

	KUNIT_EXPECT_EQ(test, scst_build_report_luns(luns, n, buf, len), len);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(buf), 8 * n);
	for (i = 0; i < n; i++) {
		valid = false;
		KUNIT_ASSERT_EQ(test, scst_unpack_lun(buf + 8 + 8 * i, 8,
						      &valid), i);
		KUNIT_ASSERT_TRUE(test, valid);
	}
}

/* Put @cmd on a session of a target whose transport is SRP */
static void spc_srp_sess(struct kunit *test, struct scst_cmd *cmd)
{
	struct scst_tgt_template *tgtt;
	struct scst_session *sess;
	struct scst_tgt *tgt;

	tgtt = kunit_kzalloc(test, sizeof(*tgtt), GFP_KERNEL);
	tgt = kunit_kzalloc(test, sizeof(*tgt), GFP_KERNEL);
	sess = kunit_kzalloc(test, sizeof(*sess), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tgtt);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tgt);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sess);
	tgtt->transport_version = SCST_VD_SRP;
	tgt->tgtt = tgtt;
	sess->tgt = tgt;
	cmd->sess = sess;
}

static void scst_spc_test_exec_inquiry(struct kunit *test)
{
	static const u8 cdb[6] = { INQUIRY, 0, 0, 0, 8, 0 };
	static const u8 exp[9] = { 0x00, 0x00, 0x06, 0x12, 0x45, 0x00, 0x00,
				   0x02, 0xaa };
	static const u8 full[6] = { INQUIRY, 0, 0, 0, 0xff, 0 };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 64);

	spc_srp_sess(test, cmd);

	/* The allocation length truncates the data */
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 8);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp, sizeof(exp));

	/* The version descriptors name the session's transport */
	cmd = scst_test_data_cmd(test, dev, full, sizeof(full), 255);
	spc_srp_sess(test, cmd);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 74);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(scst_test_data(cmd) + 64),
			SCST_VD_SRP);
}

/*
 * SAM-5 5.4.3 and SPC-4 4.2.5.6: the residual is the expected transfer
 * less what the device server transferred; an allocation length is a
 * limit, not a transfer length.
 */
/* scst_cmd_may_be_long() of the decoded @cdb */
static bool spc_long(struct kunit *test, struct scst_device *dev,
		     const u8 *cdb, unsigned int len)
{
	return scst_cmd_may_be_long(scst_test_data_cmd(test, dev, cdb, len, 0));
}

/*
 * Commands that may work on the whole medium run in a thread, not in the
 * submitter's context; reads and writes of their own data do not.
 */
static void scst_spc_test_may_be_long(struct kunit *test)
{
	static const u8 unmap[10] = { UNMAP, 0, 0, 0, 0, 0, 0, 0, 24, 0 };
	static const u8 msel6[6] = { MODE_SELECT, 0x10, 0, 0, 24, 0 };
	static const u8 msel10[10] = { MODE_SELECT_10, 0x10, 0, 0, 0, 0, 0,
				       0, 28, 0 };
	static const u8 stop[6] = { START_STOP, 0, 0, 0, 0, 0 };
	static const u8 sync0[10] = { SYNCHRONIZE_CACHE };
	static const u8 ws[10] = { WRITE_SAME, 0, 0, 0, 0, 0, 0, 0x40, 0, 0 };
	static const u8 rd[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0, 8, 0 };
	static const u8 sync8[10] = { SYNCHRONIZE_CACHE, 0, 0, 0, 0, 0, 0, 0,
				      8, 0 };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);

	KUNIT_EXPECT_TRUE(test, spc_long(test, dev, unmap, sizeof(unmap)));
	KUNIT_EXPECT_TRUE(test, spc_long(test, dev, msel6, sizeof(msel6)));
	KUNIT_EXPECT_TRUE(test, spc_long(test, dev, msel10, sizeof(msel10)));
	KUNIT_EXPECT_TRUE(test, spc_long(test, dev, stop, sizeof(stop)));
	KUNIT_EXPECT_TRUE(test, spc_long(test, dev, sync0, sizeof(sync0)));
	/* 16384 blocks of 512 bytes: 8 MiB of medium for one block of data */
	KUNIT_EXPECT_TRUE(test, spc_long(test, dev, ws, sizeof(ws)));
	KUNIT_EXPECT_FALSE(test, spc_long(test, dev, rd, sizeof(rd)));
	KUNIT_EXPECT_FALSE(test, spc_long(test, dev, sync8, sizeof(sync8)));
}

static void scst_spc_test_resid(struct kunit *test)
{
	static const u8 inq[6] = { INQUIRY, 0, 0, 0, 0xff, 0 };
	static const u8 inq20[6] = { INQUIRY, 0, 0, 0, 20, 0 };
	static const u8 rd[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0, 8, 0 };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;

	/* 74 bytes into 128: 54 left over, not 128 - 255 */
	cmd = scst_test_data_cmd(test, dev, inq, sizeof(inq), 128);
	cmd->expected_len = 128;
	spc_srp_sess(test, cmd);
	scst_spc_exec(cmd);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 74);
	KUNIT_EXPECT_EQ(test, scst_cmd_resid(cmd, cmd->data_len), 54);

	/* 74 bytes into 16: an overflow of 58 */
	cmd = scst_test_data_cmd(test, dev, inq, sizeof(inq), 16);
	cmd->expected_len = 16;
	spc_srp_sess(test, cmd);
	scst_spc_exec(cmd);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 16);
	KUNIT_EXPECT_EQ(test, scst_cmd_resid(cmd, cmd->data_len), -58);

	/* Allocation length 20 into 96: the device server sends 20 */
	cmd = scst_test_data_cmd(test, dev, inq20, sizeof(inq20), 96);
	cmd->expected_len = 96;
	spc_srp_sess(test, cmd);
	scst_spc_exec(cmd);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 20);
	KUNIT_EXPECT_EQ(test, scst_cmd_resid(cmd, cmd->data_len), 76);

	/* Failed: nothing transferred */
	scst_set_cmd_error(cmd, ILLEGAL_REQUEST, SCST_ASC_INVALID_FIELD_IN_CDB);
	KUNIT_EXPECT_EQ(test, scst_cmd_resid(cmd, 0), 96);

	/* A read of 8 blocks: exact, short of the buffer, or too long */
	cmd = scst_test_data_cmd(test, dev, rd, sizeof(rd), 4096);
	cmd->expected_len = 4096;
	KUNIT_EXPECT_EQ(test, scst_cmd_resid(cmd, 4096), 0);
	cmd->expected_len = 8192;
	KUNIT_EXPECT_EQ(test, scst_cmd_resid(cmd, 4096), 4096);
	cmd->expected_len = 512;
	KUNIT_EXPECT_EQ(test, scst_cmd_resid(cmd, 512), -3584);
}

static void scst_spc_test_exec_inquiry_vpd(struct kunit *test)
{
	static const u8 cdb[6] = { INQUIRY, 0x01, 0x80, 0, 0xff, 0 };
	static const u8 exp[10] = { 0x00, 0x80, 0x00, 0x06,
				    'a', 'b', 'c', '1', '2', '3' };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 255);

	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 10);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp, sizeof(exp));
}

static void scst_spc_test_exec_inquiry_no_lun(struct kunit *test)
{
	static const u8 cdb[6] = { INQUIRY, 0, 0, 0, 36, 0 };
	struct scst_cmd *cmd = scst_test_data_cmd(test, NULL, cdb, sizeof(cdb), 36);

	spc_srp_sess(test, cmd);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 36);
	KUNIT_EXPECT_EQ(test, scst_test_data(cmd)[0], 0x7f);
}

static void scst_spc_test_exec_inquiry_invalid(struct kunit *test)
{
	static const u8 cmddt[6] = { INQUIRY, 0x02, 0, 0, 36, 0 };
	static const u8 noevpd[6] = { INQUIRY, 0, 0x80, 0, 36, 0 };
	static const u8 badpage[6] = { INQUIRY, 0x01, 0x81, 0, 36, 0 };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;

	cmd = scst_test_cmd(test, dev, cmddt, sizeof(cmddt));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, 1, 1);
	cmd = scst_test_cmd(test, dev, noevpd, sizeof(noevpd));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, 2, 7);
	cmd = scst_test_cmd(test, dev, badpage, sizeof(badpage));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, 2, 7);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 0);
}

static void scst_spc_test_exec_report_luns(struct kunit *test)
{
	static const u8 cdb[12] = { REPORT_LUNS, 0, 0, 0, 0, 0,
				    0, 0, 0x01, 0x00, 0, 0 };
	struct scst_session *sess;
	struct scst_cmd *cmd;
	unsigned int i;

	sess = kunit_kzalloc(test, sizeof(*sess), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sess);
	xa_init(&sess->tgt_devs);
	for (i = 0; i < ARRAY_SIZE(scst_test_luns); i++)
		KUNIT_ASSERT_EQ(test, xa_err(xa_store(&sess->tgt_devs,
						      scst_test_luns[i],
						      xa_mk_value(i),
						      GFP_KERNEL)), 0);

	cmd = scst_test_data_cmd(test, NULL, cdb, sizeof(cdb), 256);
	cmd->sess = sess;
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 48);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), scst_test_luns_data, 48);
	xa_destroy(&sess->tgt_devs);
}

static void scst_spc_test_exec_report_luns_invalid(struct kunit *test)
{
	static const u8 sel3[12] = { REPORT_LUNS, 0, 0x03, 0, 0, 0,
				     0, 0, 0x01, 0x00, 0, 0 };
	static const u8 short_alloc[12] = { REPORT_LUNS, 0, 0, 0, 0, 0,
					    0, 0, 0, 0x0f, 0, 0 };
	struct scst_cmd *cmd;

	cmd = scst_test_cmd(test, NULL, sel3, sizeof(sel3));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, 2, 7);
	cmd = scst_test_cmd(test, NULL, short_alloc, sizeof(short_alloc));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, 6, 7);
}

static void scst_spc_test_exec_request_sense(struct kunit *test)
{
	static const u8 fixed[6] = { REQUEST_SENSE, 0, 0, 0, 0xfc, 0 };
	static const u8 desc[6] = { REQUEST_SENSE, 0x01, 0, 0, 0xfc, 0 };
	static const u8 exp_fixed[18] = { 0x70, 0, 0, 0, 0, 0, 0, 0x0a };
	static const u8 exp_desc[8] = { 0x72 };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;

	cmd = scst_test_data_cmd(test, dev, fixed, sizeof(fixed), 252);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 18);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp_fixed, 18);

	cmd = scst_test_data_cmd(test, dev, desc, sizeof(desc), 252);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 8);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp_desc, 8);
}

static void scst_spc_test_exec_request_sense_no_lun(struct kunit *test)
{
	/* SPC-4 6.39: LOGICAL UNIT NOT SUPPORTED as parameter data */
	static const u8 cdb[6] = { REQUEST_SENSE, 0x01, 0, 0, 0xfc, 0 };
	static const u8 exp[8] = { 0x72, 0x05, 0x25, 0x00 };
	struct scst_cmd *cmd = scst_test_data_cmd(test, NULL, cdb, sizeof(cdb), 252);

	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 8);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp, 8);
}

static void scst_spc_test_exec_tur(struct kunit *test)
{
	static const u8 cdb[6] = { TEST_UNIT_READY };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;

	cmd = scst_test_cmd(test, dev, cdb, sizeof(cdb));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->sense_len, 0);
	/* Not answered for an unmapped LUN */
	cmd = scst_test_cmd(test, NULL, cdb, sizeof(cdb));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_NOT_HANDLED);
}

static void scst_spc_test_exec_not_handled(struct kunit *test)
{
	static const u8 r10[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	static const u8 ms6[6] = { MODE_SENSE, 0, 0x3f, 0, 0xfc, 0 };
	struct scst_device *dev = spc_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;

	cmd = scst_test_cmd(test, dev, r10, sizeof(r10));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_NOT_HANDLED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	cmd = scst_test_cmd(test, dev, ms6, sizeof(ms6));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_NOT_HANDLED);
	cmd = scst_test_cmd(test, NULL, ms6, sizeof(ms6));
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_NOT_HANDLED);
}

static struct kunit_case scst_spc_test_cases[] = {
	KUNIT_CASE(scst_spc_test_std_inquiry),
	KUNIT_CASE(scst_spc_test_std_inquiry_type),
	KUNIT_CASE(scst_spc_test_std_inquiry_no_lun),
	KUNIT_CASE(scst_spc_test_std_inquiry_truncated),
	KUNIT_CASE(scst_spc_test_vpd_supported),
	KUNIT_CASE(scst_spc_test_vpd_serial),
	KUNIT_CASE(scst_spc_test_vpd_devid),
	KUNIT_CASE(scst_spc_test_vpd_devid_no_naa),
	KUNIT_CASE(scst_spc_test_vpd_block_limits),
	KUNIT_CASE(scst_spc_test_vpd_bdc),
	KUNIT_CASE(scst_spc_test_vpd_unsupported),
	KUNIT_CASE(scst_spc_test_vpd_truncated),
	KUNIT_CASE(scst_spc_test_report_luns),
	KUNIT_CASE(scst_spc_test_report_luns_truncated),
	KUNIT_CASE(scst_spc_test_report_luns_empty),
	KUNIT_CASE(scst_spc_test_report_luns_many),
	KUNIT_CASE(scst_spc_test_exec_inquiry),
	KUNIT_CASE(scst_spc_test_resid),
	KUNIT_CASE(scst_spc_test_may_be_long),
	KUNIT_CASE(scst_spc_test_exec_inquiry_vpd),
	KUNIT_CASE(scst_spc_test_exec_inquiry_no_lun),
	KUNIT_CASE(scst_spc_test_exec_inquiry_invalid),
	KUNIT_CASE(scst_spc_test_exec_report_luns),
	KUNIT_CASE(scst_spc_test_exec_report_luns_invalid),
	KUNIT_CASE(scst_spc_test_exec_request_sense),
	KUNIT_CASE(scst_spc_test_exec_request_sense_no_lun),
	KUNIT_CASE(scst_spc_test_exec_tur),
	KUNIT_CASE(scst_spc_test_exec_not_handled),
	{}
};

static struct kunit_suite scst_spc_test_suite = {
	.name = "scst_spc",
	.test_cases = scst_spc_test_cases,
};

kunit_test_suite(scst_spc_test_suite);
