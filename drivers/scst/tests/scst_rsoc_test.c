// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of REPORT SUPPORTED OPERATION CODES and REPORT SUPPORTED
 * TASK MANAGEMENT FUNCTIONS (scst_spc.c).
 */
#include "scst_test.h"

/* A REPORT SUPPORTED OPERATION CODES CDB */
static void rsoc_cdb(u8 *cdb, u8 options, u8 op, u16 sa, u32 alloc_len)
{
	memset(cdb, 0, 12);
	cdb[0] = MAINTENANCE_IN;
	cdb[1] = MI_REPORT_SUPPORTED_OPERATION_CODES;
	cdb[2] = options;
	cdb[3] = op;
	put_unaligned_be16(sa, &cdb[4]);
	put_unaligned_be32(alloc_len, &cdb[6]);
}

/* Execute REPORT SUPPORTED OPERATION CODES on a @type device. */
static struct scst_cmd *rsoc(struct kunit *test, u8 type, u8 options, u8 op,
			     u16 sa, u32 alloc_len)
{
	struct scst_device *dev = scst_test_dev(test, type, 512);
	struct scst_cmd *cmd;
	u8 cdb[12];

	rsoc_cdb(cdb, options, op, sa, alloc_len);
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 2048);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	return cmd;
}

/* GOOD status and exactly the @len bytes @exp of data */
static void expect_good_data(struct kunit *test, const struct scst_cmd *cmd,
			     const u8 *exp, unsigned int len)
{
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, len);
	KUNIT_EXPECT_MEMEQ(test, scst_test_data(cmd), exp, len);
	KUNIT_EXPECT_EQ(test, scst_test_data(cmd)[len], 0xaa);
}

static void expect_invalid_field(struct kunit *test,
				 const struct scst_cmd *cmd,
				 unsigned int byte, int bit)
{
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	SCST_EXPECT_CDB_FIELD(test, cmd, byte, bit);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 0);
}

/* A command descriptor: opcode, service action, CDB length, medium */
struct rsoc_ent {
	u8 op;
	u16 sa;
	u8 len;
	bool medium;
};

#define NSA	SCST_NO_SA

/* Every command a disk reports, in table order */
static const struct rsoc_ent rsoc_disk[] = {
	{ 0x00, NSA, 6 }, { 0x03, NSA, 6 }, { 0x04, NSA, 6, true },
	{ 0x08, NSA, 6, true }, { 0x0a, NSA, 6, true }, { 0x12, NSA, 6 },
	{ 0x15, NSA, 6 }, { 0x16, NSA, 6 }, { 0x17, NSA, 6 },
	{ 0x1a, NSA, 6 }, { 0x1b, NSA, 6 }, { 0x1e, NSA, 6 },
	{ 0x25, NSA, 10 }, { 0x28, NSA, 10, true }, { 0x2a, NSA, 10, true },
	{ 0x2e, NSA, 10, true }, { 0x2f, NSA, 10, true },
	{ 0x34, NSA, 10, true }, { 0x35, NSA, 10, true },
	{ 0x41, NSA, 10, true }, { 0x42, NSA, 10, true }, { 0x4d, NSA, 10 },
	{ 0x55, NSA, 10 }, { 0x56, NSA, 10 }, { 0x57, NSA, 10 },
	{ 0x5a, NSA, 10 }, { 0x88, NSA, 16, true }, { 0x8a, NSA, 16, true },
	{ 0x8e, NSA, 16, true }, { 0x8f, NSA, 16, true },
	{ 0x90, NSA, 16, true }, { 0x91, NSA, 16, true },
	{ 0x93, NSA, 16, true }, { 0x9e, 0x10, 16 }, { 0x9e, 0x12, 16, true },
	{ 0xa0, NSA, 12 }, { 0xa3, 0x0c, 12 }, { 0xa3, 0x0d, 12 },
	{ 0xa8, NSA, 12, true }, { 0xaa, NSA, 12, true },
	{ 0xae, NSA, 12, true }, { 0xaf, NSA, 12, true },
};

/* Every command a CD-ROM reports, in table order */
static const struct rsoc_ent rsoc_cdrom[] = {
	{ 0x00, NSA, 6 }, { 0x03, NSA, 6 }, { 0x12, NSA, 6 },
	{ 0x15, NSA, 6 }, { 0x16, NSA, 6 }, { 0x17, NSA, 6 },
	{ 0x1a, NSA, 6 }, { 0x1b, NSA, 6 }, { 0x1e, NSA, 6 },
	{ 0x25, NSA, 10 }, { 0x28, NSA, 10, true }, { 0x43, NSA, 10 },
	{ 0x46, NSA, 10 }, { 0x4a, NSA, 10 }, { 0x4d, NSA, 10 },
	{ 0x51, NSA, 10 }, { 0x55, NSA, 10 }, { 0x56, NSA, 10 },
	{ 0x57, NSA, 10 }, { 0x5a, NSA, 10 }, { 0xa0, NSA, 12 },
	{ 0xa3, 0x0c, 12 }, { 0xa3, 0x0d, 12 }, { 0xa8, NSA, 12, true },
	{ 0xbd, NSA, 12 },
};

/* Every command any other device type reports, in table order */
static const struct rsoc_ent rsoc_spc[] = {
	{ 0x00, NSA, 6 }, { 0x03, NSA, 6 }, { 0x12, NSA, 6 },
	{ 0x15, NSA, 6 }, { 0x16, NSA, 6 }, { 0x17, NSA, 6 },
	{ 0x1a, NSA, 6 }, { 0x4d, NSA, 10 }, { 0x55, NSA, 10 },
	{ 0x56, NSA, 10 }, { 0x57, NSA, 10 }, { 0x5a, NSA, 10 },
	{ 0xa0, NSA, 12 }, { 0xa3, 0x0c, 12 }, { 0xa3, 0x0d, 12 },
};

/* The all_commands parameter data for @ents (SPC-4 6.35.2) */
static u8 *rsoc_all_data(struct kunit *test, const struct rsoc_ent *ents,
			 unsigned int n, bool rctd, unsigned int *len)
{
	unsigned int i, dlen = rctd ? 20 : 8;
	u8 *buf, *p;

	*len = 4 + n * dlen;
	buf = kunit_kzalloc(test, *len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	put_unaligned_be32(n * dlen, buf);
	for (i = 0, p = buf + 4; i < n; i++, p += dlen) {
		p[0] = ents[i].op;
		if (ents[i].sa != NSA) {
			put_unaligned_be16(ents[i].sa, &p[2]);
			p[5] = 0x01;		/* SERVACTV */
		}
		put_unaligned_be16(ents[i].len, &p[6]);
		if (!rctd)
			continue;
		p[5] |= 0x02;			/* CTDP */
		p[9] = 0x0a;			/* DESCRIPTOR LENGTH */
		p[15] = 1;			/* NOMINAL: 1 s */
		p[19] = ents[i].medium ? 30 : 10; /* RECOMMENDED */
	}
	return buf;
}

static void scst_rsoc_test_all_spc_literal(struct kunit *test)
{
	static const u8 exp[4 + 15 * 8] = {
		0x00, 0x00, 0x00, 0x78,
		0x00, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x06,
		0x03, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x06,
		0x12, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x06,
		0x15, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x06,
		0x16, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x06,
		0x17, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x06,
		0x1a, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x06,
		0x4d, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x0a,
		0x55, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x0a,
		0x56, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x0a,
		0x57, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x0a,
		0x5a, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x0a,
		0xa0, 0, 0x00, 0x00, 0, 0x00, 0x00, 0x0c,
		0xa3, 0, 0x00, 0x0c, 0, 0x01, 0x00, 0x0c,
		0xa3, 0, 0x00, 0x0d, 0, 0x01, 0x00, 0x0c,
	};
	struct scst_cmd *cmd = rsoc(test, TYPE_TAPE, 0x00, 0, 0, 1024);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_all_spc(struct kunit *test)
{
	struct scst_cmd *cmd = rsoc(test, TYPE_TAPE, 0x00, 0, 0, 1024);
	unsigned int len;
	u8 *exp = rsoc_all_data(test, rsoc_spc, ARRAY_SIZE(rsoc_spc), false,
				&len);

	KUNIT_EXPECT_EQ(test, len, 124);
	expect_good_data(test, cmd, exp, len);
}

static void scst_rsoc_test_all_disk(struct kunit *test)
{
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x00, 0, 0, 1024);
	unsigned int len;
	u8 *exp = rsoc_all_data(test, rsoc_disk, ARRAY_SIZE(rsoc_disk), false,
				&len);

	KUNIT_EXPECT_EQ(test, len, 4 + 42 * 8);
	expect_good_data(test, cmd, exp, len);
}

static void scst_rsoc_test_all_cdrom(struct kunit *test)
{
	struct scst_cmd *cmd = rsoc(test, TYPE_ROM, 0x00, 0, 0, 1024);
	unsigned int len;
	u8 *exp = rsoc_all_data(test, rsoc_cdrom, ARRAY_SIZE(rsoc_cdrom),
				false, &len);

	KUNIT_EXPECT_EQ(test, len, 4 + 25 * 8);
	expect_good_data(test, cmd, exp, len);
}

static void scst_rsoc_test_all_rctd_literal(struct kunit *test)
{
	/* The first two descriptors of a disk, with command timeouts */
	static const u8 exp[4 + 2 * 20] = {
		0x00, 0x00, 0x03, 0x48,
		0x00, 0, 0x00, 0x00, 0, 0x02, 0x00, 0x06,
		0x00, 0x0a, 0, 0, 0, 0, 0, 1, 0, 0, 0, 10,
		0x03, 0, 0x00, 0x00, 0, 0x02, 0x00, 0x06,
		0x00, 0x0a, 0, 0, 0, 0, 0, 1, 0, 0, 0, 10,
	};
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x80, 0, 0, sizeof(exp));

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_all_rctd_disk(struct kunit *test)
{
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x80, 0, 0, 2047);
	unsigned int len;
	u8 *exp = rsoc_all_data(test, rsoc_disk, ARRAY_SIZE(rsoc_disk), true,
				&len);

	KUNIT_EXPECT_EQ(test, len, 4 + 42 * 20);
	expect_good_data(test, cmd, exp, len);
}

static void scst_rsoc_test_all_rctd_cdrom(struct kunit *test)
{
	struct scst_cmd *cmd = rsoc(test, TYPE_ROM, 0x80, 0, 0, 2047);
	unsigned int len;
	u8 *exp = rsoc_all_data(test, rsoc_cdrom, ARRAY_SIZE(rsoc_cdrom),
				true, &len);

	KUNIT_EXPECT_EQ(test, len, 4 + 25 * 20);
	expect_good_data(test, cmd, exp, len);
}

static void scst_rsoc_test_all_truncated(struct kunit *test)
{
	/* The header keeps the full length; the data stops at 10 bytes */
	static const u8 exp[10] = { 0x00, 0x00, 0x01, 0x50,
				    0x00, 0, 0x00, 0x00, 0, 0x00 };
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x00, 0, 0, 10);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_all_header_truncated(struct kunit *test)
{
	static const u8 exp[2] = { 0x00, 0x00 };
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x80, 0, 0, 2);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_all_alloc0(struct kunit *test)
{
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x00, 0, 0, 0);

	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 0);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 0);
}

static void scst_rsoc_test_all_ignores_request(struct kunit *test)
{
	/* REQUESTED OPERATION CODE and SERVICE ACTION are ignored */
	struct scst_cmd *cmd = rsoc(test, TYPE_TAPE, 0x00, READ_10, 0x1234,
				    1024);
	unsigned int len;
	u8 *exp = rsoc_all_data(test, rsoc_spc, ARRAY_SIZE(rsoc_spc), false,
				&len);

	expect_good_data(test, cmd, exp, len);
}

static void scst_rsoc_test_one_read10(struct kunit *test)
{
	static const u8 exp[14] = {
		0x00, 0x03, 0x00, 0x0a,
		0x28, 0x18, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0x07,
	};
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x01, READ_10, 0, 512);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_one_rctd(struct kunit *test)
{
	static const u8 exp[26] = {
		0x00, 0x83, 0x00, 0x0a,
		0x28, 0x18, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0x07,
		0x00, 0x0a, 0x00, 0x00, 0, 0, 0, 1, 0, 0, 0, 30,
	};
	static const u8 exp_inq[22] = {
		0x00, 0x83, 0x00, 0x06,
		0x12, 0x01, 0xff, 0xff, 0xff, 0x07,
		0x00, 0x0a, 0x00, 0x00, 0, 0, 0, 1, 0, 0, 0, 10,
	};
	struct scst_cmd *cmd;

	cmd = rsoc(test, TYPE_DISK, 0x81, READ_10, 0, 512);
	expect_good_data(test, cmd, exp, sizeof(exp));
	cmd = rsoc(test, TYPE_DISK, 0x81, INQUIRY, 0, 512);
	expect_good_data(test, cmd, exp_inq, sizeof(exp_inq));
}

static void scst_rsoc_test_one_write16(struct kunit *test)
{
	static const u8 exp[20] = {
		0x00, 0x03, 0x00, 0x10,
		0x8a, 0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0x00, 0x07,
	};
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x01, WRITE_16, 0, 512);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_one_unsupported(struct kunit *test)
{
	/* SUPPORT 001b, no CDB usage data */
	static const u8 exp[4] = { 0x00, 0x01, 0x00, 0x00 };
	struct scst_cmd *cmd;

	cmd = rsoc(test, TYPE_DISK, 0x01, 0x02, 0, 512);
	expect_good_data(test, cmd, exp, sizeof(exp));
	/* RCTD adds no timeouts descriptor to an unsupported command */
	cmd = rsoc(test, TYPE_DISK, 0x81, 0xff, 0, 512);
	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_one_has_sa(struct kunit *test)
{
	/* SPC-4 6.35.1: an opcode with service actions needs 010b/011b */
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x01,
				    SERVICE_ACTION_IN_16, 0, 512);

	expect_invalid_field(test, cmd, 3, 7);
	cmd = rsoc(test, TYPE_DISK, 0x01, MAINTENANCE_IN, 0x0c, 512);
	expect_invalid_field(test, cmd, 3, 7);
}

static void scst_rsoc_test_op_sa(struct kunit *test)
{
	static const u8 exp[20] = {
		0x00, 0x03, 0x00, 0x10,
		0x9e, 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0x01, 0x07,
	};
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x02,
				    SERVICE_ACTION_IN_16, 0x10, 512);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_op_sa_rsoc(struct kunit *test)
{
	static const u8 exp[16] = {
		0x00, 0x03, 0x00, 0x0c,
		0xa3, 0x0c, 0x87, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0x00, 0x07,
	};
	static const u8 exp_tmf[16] = {
		0x00, 0x03, 0x00, 0x0c,
		0xa3, 0x0d, 0x80, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
		0x00, 0x07,
	};
	struct scst_cmd *cmd;

	cmd = rsoc(test, TYPE_TAPE, 0x02, MAINTENANCE_IN, 0x0c, 512);
	expect_good_data(test, cmd, exp, sizeof(exp));
	cmd = rsoc(test, TYPE_TAPE, 0x02, MAINTENANCE_IN, 0x0d, 512);
	expect_good_data(test, cmd, exp_tmf, sizeof(exp_tmf));
}

static void scst_rsoc_test_op_sa_unsupported(struct kunit *test)
{
	static const u8 exp[4] = { 0x00, 0x01, 0x00, 0x00 };
	struct scst_cmd *cmd;

	/* Unsupported service action of a supported opcode */
	cmd = rsoc(test, TYPE_DISK, 0x02, SERVICE_ACTION_IN_16, 0x11, 512);
	expect_good_data(test, cmd, exp, sizeof(exp));
	/* A service action beyond the 5 bits of the CDB field */
	cmd = rsoc(test, TYPE_DISK, 0x02, MAINTENANCE_IN, 0x010c, 512);
	expect_good_data(test, cmd, exp, sizeof(exp));
	/* Unsupported opcode */
	cmd = rsoc(test, TYPE_DISK, 0x02, 0x02, 0x01, 512);
	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_op_sa_no_sa(struct kunit *test)
{
	/* SPC-4 6.35.1: 010b for an opcode without service actions */
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x02, READ_10, 0, 512);

	expect_invalid_field(test, cmd, 3, 7);
}

static void scst_rsoc_test_op_any(struct kunit *test)
{
	static const u8 exp_r10[14] = {
		0x00, 0x03, 0x00, 0x0a,
		0x28, 0x18, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0x07,
	};
	static const u8 exp_lba[20] = {
		0x00, 0x03, 0x00, 0x10,
		0x9e, 0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0x00, 0x07,
	};
	static const u8 exp_none[4] = { 0x00, 0x01, 0x00, 0x00 };
	struct scst_cmd *cmd;

	/* Without service actions the SERVICE ACTION field is ignored */
	cmd = rsoc(test, TYPE_DISK, 0x03, READ_10, 0x05, 512);
	expect_good_data(test, cmd, exp_r10, sizeof(exp_r10));
	cmd = rsoc(test, TYPE_DISK, 0x03, SERVICE_ACTION_IN_16, 0x12, 512);
	expect_good_data(test, cmd, exp_lba, sizeof(exp_lba));
	cmd = rsoc(test, TYPE_DISK, 0x03, SERVICE_ACTION_IN_16, 0x00, 512);
	expect_good_data(test, cmd, exp_none, sizeof(exp_none));
}

static void scst_rsoc_test_one_truncated(struct kunit *test)
{
	static const u8 exp[6] = { 0x00, 0x03, 0x00, 0x0a, 0x28, 0x18 };
	struct scst_cmd *cmd = rsoc(test, TYPE_DISK, 0x01, READ_10, 0, 6);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_reserved_options(struct kunit *test)
{
	unsigned int opt;

	for (opt = 4; opt < 8; opt++) {
		struct scst_cmd *cmd = rsoc(test, TYPE_DISK, opt, READ_10, 0,
					    512);

		expect_invalid_field(test, cmd, 2, 2);
	}
}

static void scst_rsoc_test_device_type(struct kunit *test)
{
	static const u8 exp_toc[14] = {
		0x00, 0x03, 0x00, 0x0a,
		0x43, 0x02, 0x0f, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x07,
	};
	static const u8 exp_none[4] = { 0x00, 0x01, 0x00, 0x00 };
	struct scst_cmd *cmd;

	/* A CD-ROM does not write; a disk has no TOC */
	cmd = rsoc(test, TYPE_ROM, 0x01, WRITE_10, 0, 512);
	expect_good_data(test, cmd, exp_none, sizeof(exp_none));
	cmd = rsoc(test, TYPE_ROM, 0x01, READ_TOC, 0, 512);
	expect_good_data(test, cmd, exp_toc, sizeof(exp_toc));
	cmd = rsoc(test, TYPE_DISK, 0x01, READ_TOC, 0, 512);
	expect_good_data(test, cmd, exp_none, sizeof(exp_none));
	/* Service actions of a command that does not apply */
	cmd = rsoc(test, TYPE_ROM, 0x02, SERVICE_ACTION_IN_16, 0x10, 512);
	expect_good_data(test, cmd, exp_none, sizeof(exp_none));
	cmd = rsoc(test, TYPE_ROM, 0x01, SERVICE_ACTION_IN_16, 0, 512);
	expect_good_data(test, cmd, exp_none, sizeof(exp_none));
}

static void scst_rsoc_test_decode(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd;
	u8 cdb[12];

	rsoc_cdb(cdb, 0x80, 0, 0, 0x12345);
	cmd = scst_test_cmd(test, dev, cdb, sizeof(cdb));
	KUNIT_EXPECT_EQ(test, scst_decode_cdb(cmd), 0);
	KUNIT_EXPECT_EQ(test, cmd->data_direction, SCST_DATA_READ);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 0x12345);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_SPC);
}

/* A dev handler that executes no command itself */
static bool rsoc_op_none(const struct scst_device *dev,
			 const struct scst_opcode_desc *op)
{
	return false;
}

/* A dev handler that executes every command but READ(10) */
static bool rsoc_op_no_read10(const struct scst_device *dev,
			      const struct scst_opcode_desc *op)
{
	return op->opcode != READ_10;
}

/* The commands the core executes are reported whatever the handler says */
static void scst_rsoc_test_op_supported_core(struct kunit *test)
{
	static const u32 exp[] = {
		SCST_TEST_OP(0x00), SCST_TEST_OP(0x03), SCST_TEST_OP(0x12),
		SCST_TEST_OP(0x16), SCST_TEST_OP(0x17), SCST_TEST_OP(0x56),
		SCST_TEST_OP(0x57), SCST_TEST_OP(0xa0),
		SCST_TEST_OP_SA(0xa3, 0x0c), SCST_TEST_OP_SA(0xa3, 0x0d),
	};
	struct scst_device *dev;

	dev = scst_test_dev_op(test, TYPE_DISK, rsoc_op_none);
	scst_test_rsoc_expect_all(test, dev, exp, ARRAY_SIZE(exp));
	dev = scst_test_dev_op(test, TYPE_ROM, rsoc_op_none);
	scst_test_rsoc_expect_all(test, dev, exp, ARRAY_SIZE(exp));
	dev = scst_test_dev_op(test, TYPE_TAPE, rsoc_op_none);
	scst_test_rsoc_expect_all(test, dev, exp, ARRAY_SIZE(exp));
}

static void scst_rsoc_test_op_supported_all(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev_op(test, TYPE_DISK,
						   rsoc_op_no_read10);
	struct rsoc_ent ents[ARRAY_SIZE(rsoc_disk)];
	unsigned int i, n = 0, len;
	struct scst_cmd *cmd;
	u8 cdb[12], *exp;

	for (i = 0; i < ARRAY_SIZE(rsoc_disk); i++)
		if (rsoc_disk[i].op != READ_10)
			ents[n++] = rsoc_disk[i];
	KUNIT_ASSERT_EQ(test, n, ARRAY_SIZE(rsoc_disk) - 1);

	/* Without and with command timeouts descriptors */
	rsoc_cdb(cdb, 0x00, 0, 0, 2047);
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 2048);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	exp = rsoc_all_data(test, ents, n, false, &len);
	KUNIT_EXPECT_EQ(test, len, 4 + 41 * 8);
	expect_good_data(test, cmd, exp, len);

	rsoc_cdb(cdb, 0x80, 0, 0, 2047);
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 2048);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	exp = rsoc_all_data(test, ents, n, true, &len);
	KUNIT_EXPECT_EQ(test, len, 4 + 41 * 20);
	expect_good_data(test, cmd, exp, len);
}

static void scst_rsoc_test_op_supported_one(struct kunit *test)
{
	struct scst_device *dev = scst_test_dev_op(test, TYPE_DISK,
						   rsoc_op_no_read10);
	struct scst_device *none = scst_test_dev_op(test, TYPE_DISK,
						    rsoc_op_none);
	static const u8 exp_none[4] = { 0x00, 0x01, 0x00, 0x00 };
	struct scst_cmd *cmd;
	u8 cdb[12];

	/*
	 * SUPPORT 001b for a command the handler does not execute, as for
	 * an opcode outside the table, also with RCTD set
	 */
	rsoc_cdb(cdb, 0x81, READ_10, 0, 512);
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 512);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	expect_good_data(test, cmd, exp_none, sizeof(exp_none));
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 3, READ_10,
						     0), 1);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, dev, 1, READ_16,
						     0), 3);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, none, 1, INQUIRY,
						     0), 3);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, none, 2,
						     MAINTENANCE_IN, 0x0c), 3);
	/*
	 * An opcode none of whose service actions is supported is like one
	 * outside the table: 001b instead of INVALID FIELD IN CDB for
	 * REPORTING OPTIONS 001b (SPC-4 6.35.1)
	 */
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, none, 1,
						     SERVICE_ACTION_IN_16, 0),
			1);
	KUNIT_EXPECT_EQ(test, scst_test_rsoc_support(test, none, 2,
						     SERVICE_ACTION_IN_16,
						     0x10), 1);
}

/* A REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS CDB */
static struct scst_cmd *rstmf(struct kunit *test, u8 byte2, u32 alloc_len)
{
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	u8 cdb[12] = { MAINTENANCE_IN,
		       MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS, byte2 };
	struct scst_cmd *cmd;

	put_unaligned_be32(alloc_len, &cdb[6]);
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 64);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	return cmd;
}

static void scst_rsoc_test_rstmf(struct kunit *test)
{
	/* ATS ATSS CTSS LURS QTS TRS; ITNRS (SPC-4 6.36.2) */
	static const u8 exp[4] = { 0xde, 0x01, 0x00, 0x00 };
	struct scst_cmd *cmd = rstmf(test, 0, 64);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_rstmf_repd(struct kunit *test)
{
	/* Extended format: ADDITIONAL DATA LENGTH 0Ch, no timeouts */
	static const u8 exp[16] = { 0xde, 0x01, 0x00, 0x0c };
	struct scst_cmd *cmd = rstmf(test, 0x80, 64);

	expect_good_data(test, cmd, exp, sizeof(exp));
}

static void scst_rsoc_test_rstmf_truncated(struct kunit *test)
{
	static const u8 exp[8] = { 0xde, 0x01, 0x00, 0x0c };
	struct scst_cmd *cmd;

	cmd = rstmf(test, 0, 1);
	expect_good_data(test, cmd, exp, 1);
	cmd = rstmf(test, 0x80, 8);
	expect_good_data(test, cmd, exp, sizeof(exp));
	cmd = rstmf(test, 0x80, 0);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, cmd->data_len, 0);
}

static void scst_rsoc_test_maint_in_other(struct kunit *test)
{
	/* Other MAINTENANCE IN service actions are left to the handler */
	static const u8 cdb[12] = { MAINTENANCE_IN, MI_REPORT_TARGET_PGS,
				    0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0 };
	struct scst_device *dev = scst_test_dev(test, TYPE_DISK, 512);
	struct scst_cmd *cmd = scst_test_cmd(test, dev, cdb, sizeof(cdb));

	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_NOT_HANDLED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
}

static struct kunit_case scst_rsoc_test_cases[] = {
	KUNIT_CASE(scst_rsoc_test_all_spc_literal),
	KUNIT_CASE(scst_rsoc_test_all_spc),
	KUNIT_CASE(scst_rsoc_test_all_disk),
	KUNIT_CASE(scst_rsoc_test_all_cdrom),
	KUNIT_CASE(scst_rsoc_test_all_rctd_literal),
	KUNIT_CASE(scst_rsoc_test_all_rctd_disk),
	KUNIT_CASE(scst_rsoc_test_all_rctd_cdrom),
	KUNIT_CASE(scst_rsoc_test_all_truncated),
	KUNIT_CASE(scst_rsoc_test_all_header_truncated),
	KUNIT_CASE(scst_rsoc_test_all_alloc0),
	KUNIT_CASE(scst_rsoc_test_all_ignores_request),
	KUNIT_CASE(scst_rsoc_test_one_read10),
	KUNIT_CASE(scst_rsoc_test_one_rctd),
	KUNIT_CASE(scst_rsoc_test_one_write16),
	KUNIT_CASE(scst_rsoc_test_one_unsupported),
	KUNIT_CASE(scst_rsoc_test_one_has_sa),
	KUNIT_CASE(scst_rsoc_test_op_sa),
	KUNIT_CASE(scst_rsoc_test_op_sa_rsoc),
	KUNIT_CASE(scst_rsoc_test_op_sa_unsupported),
	KUNIT_CASE(scst_rsoc_test_op_sa_no_sa),
	KUNIT_CASE(scst_rsoc_test_op_any),
	KUNIT_CASE(scst_rsoc_test_one_truncated),
	KUNIT_CASE(scst_rsoc_test_reserved_options),
	KUNIT_CASE(scst_rsoc_test_device_type),
	KUNIT_CASE(scst_rsoc_test_decode),
	KUNIT_CASE(scst_rsoc_test_op_supported_core),
	KUNIT_CASE(scst_rsoc_test_op_supported_all),
	KUNIT_CASE(scst_rsoc_test_op_supported_one),
	KUNIT_CASE(scst_rsoc_test_rstmf),
	KUNIT_CASE(scst_rsoc_test_rstmf_repd),
	KUNIT_CASE(scst_rsoc_test_rstmf_truncated),
	KUNIT_CASE(scst_rsoc_test_maint_in_other),
	{}
};

static struct kunit_suite scst_rsoc_test_suite = {
	.name = "scst_rsoc",
	.test_cases = scst_rsoc_test_cases,
};

kunit_test_suite(scst_rsoc_test_suite);
