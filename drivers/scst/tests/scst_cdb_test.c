// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the SCST CDB decoder (scst_cdb.c).
 */
#include "scst_test.h"

/* Decode @cdb for a disk with @bs byte blocks (0: no device). */
static struct scst_cmd *decode(struct kunit *test, u32 bs, const u8 *cdb,
			       unsigned int len, int expect)
{
	struct scst_device *dev = bs ? scst_test_dev(test, TYPE_DISK, bs) :
				       NULL;
	struct scst_cmd *cmd = scst_test_cmd(test, dev, cdb, len);

	KUNIT_EXPECT_EQ(test, scst_decode_cdb(cmd), expect);
	if (!expect) {
		KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
		KUNIT_EXPECT_NOT_NULL(test, cmd->op);
	}
	return cmd;
}

#define DECODE(test, bs, cdb) decode(test, bs, cdb, sizeof(cdb), 0)
#define DECODE_ERR(test, bs, cdb) decode(test, bs, cdb, sizeof(cdb), -EINVAL)

#define EXPECT_DECODED(test, cmd, _dir, _lba, _nr, _len) do {		\
	struct kunit *_t = (test);					\
	const struct scst_cmd *_c = (cmd);				\
									\
	KUNIT_EXPECT_EQ(_t, _c->data_direction, _dir);			\
	KUNIT_EXPECT_EQ(_t, _c->lba, (u64)(_lba));			\
	KUNIT_EXPECT_EQ(_t, _c->nr_blocks, (u32)(_nr));			\
	KUNIT_EXPECT_EQ(_t, _c->bufflen, (u32)(_len));			\
} while (0)

#define EXPECT_INVALID_FIELD(test, cmd, byte, bit) do {			\
	struct kunit *_t2 = (test);					\
	const struct scst_cmd *_c2 = (cmd);				\
									\
	SCST_EXPECT_SENSE(_t2, _c2, ILLEGAL_REQUEST,			\
			  SCST_ASC_INVALID_FIELD_IN_CDB);		\
	SCST_EXPECT_CDB_FIELD(_t2, _c2, byte, bit);			\
} while (0)

static void scst_cdb_test_tur(struct kunit *test)
{
	static const u8 cdb[6] = { TEST_UNIT_READY };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "TEST UNIT READY");
}

static void scst_cdb_test_request_sense(struct kunit *test)
{
	static const u8 cdb[6] = { REQUEST_SENSE, 0x01, 0, 0, 0xfc, 0 };
	static const u8 cdb0[6] = { REQUEST_SENSE, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 252);
	/* ALLOCATION LENGTH 0: no data, not an error */
	cmd = DECODE(test, 512, cdb0);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
}

static void scst_cdb_test_inquiry(struct kunit *test)
{
	/* The ALLOCATION LENGTH is two bytes (SPC-4) */
	static const u8 cdb[6] = { INQUIRY, 0x01, 0x83, 0x01, 0x02, 0 };
	struct scst_cmd *cmd = DECODE(test, 4096, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 0x102);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_ANY_LUN);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_NO_UA);
}

static void scst_cdb_test_report_luns(struct kunit *test)
{
	static const u8 cdb[12] = { REPORT_LUNS, 0, 0x02, 0, 0, 0,
				    0x00, 0x01, 0x00, 0x10, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 0, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 0x10010);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_ANY_LUN);
}

static void scst_cdb_test_read6(struct kunit *test)
{
	/* 21-bit LBA: the top three bits of byte 1 are not part of it */
	static const u8 cdb[6] = { READ_6, 0x1f, 0xff, 0xfe, 0x08, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x1ffffe, 8, 4096);
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x1ffffe, 8, 32768);
}

static void scst_cdb_test_read6_len0(struct kunit *test)
{
	static const u8 cdb[6] = { READ_6, 0, 0x01, 0x00, 0x00, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x100, 256, 131072);
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x100, 256, 1048576);
}

static void scst_cdb_test_write6(struct kunit *test)
{
	static const u8 cdb[6] = { WRITE_6, 0x01, 0x02, 0x03, 0x01, 0 };
	static const u8 cdb0[6] = { WRITE_6, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0x10203, 1, 512);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_WRITE_MEDIUM);
	cmd = DECODE(test, 4096, cdb0);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0, 256, 1048576);
}

static void scst_cdb_test_read6_reserved(struct kunit *test)
{
	static const u8 cdb[6] = { READ_6, 0x20, 0, 0, 1, 0 };
	struct scst_cmd *cmd = DECODE_ERR(test, 512, cdb);

	EXPECT_INVALID_FIELD(test, cmd, 1, 7);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 0);
}

static void scst_cdb_test_read10(struct kunit *test)
{
	static const u8 cdb[10] = { READ_10, 0, 0x12, 0x34, 0x56, 0x78,
				    0, 0x01, 0x00, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x12345678, 256, 131072);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "READ(10)");
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x12345678, 256, 1048576);
}

static void scst_cdb_test_read10_len0(struct kunit *test)
{
	/* A TRANSFER LENGTH of 0 is no transfer for 10-byte CDBs */
	static const u8 cdb[10] = { READ_10, 0, 0, 0, 0, 0x10, 0, 0, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0x10, 0, 0);
}

static void scst_cdb_test_write10(struct kunit *test)
{
	static const u8 cdb[10] = { WRITE_10, 0x08, 0, 0, 0, 0x10,
				    0, 0, 0x08, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 16, 8, 4096);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_FUA);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_WRITE_MEDIUM);
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 16, 8, 32768);
}

static void scst_cdb_test_read12(struct kunit *test)
{
	static const u8 cdb[12] = { READ_12, 0, 0xde, 0xad, 0xbe, 0xef,
				    0, 0, 0, 0x20, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0xdeadbeef, 32, 16384);
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0xdeadbeef, 32, 131072);
}

static void scst_cdb_test_write12(struct kunit *test)
{
	static const u8 cdb[12] = { WRITE_12, 0, 0, 0, 0, 1,
				    0, 0, 0, 1, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 1, 1, 512);
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 1, 1, 4096);
}

static void scst_cdb_test_read16(struct kunit *test)
{
	static const u8 cdb[16] = { READ_16, 0,
				    0x01, 0x23, 0x45, 0x67,
				    0x89, 0xab, 0xcd, 0xef,
				    0, 0, 0x04, 0x00, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x0123456789abcdefULL,
		       1024, 524288);
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x0123456789abcdefULL,
		       1024, 4194304);
}

static void scst_cdb_test_write16(struct kunit *test)
{
	/* 2048 blocks of 4096 bytes: exactly the maximum transfer length */
	static const u8 cdb[16] = { WRITE_16, 0,
				    0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
				    0, 0, 0x08, 0x00, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0xffffffff00000000ULL,
		       2048, 8388608);
	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0xffffffff00000000ULL,
		       2048, 1048576);
}

static void scst_cdb_test_max_transfer(struct kunit *test)
{
	static const u8 ok[16] = { READ_16, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				   0, 0, 0x40, 0x00, 0, 0 };
	static const u8 big[16] = { READ_16, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				    0, 0, 0x40, 0x01, 0, 0 };
	static const u8 huge[16] = { WRITE_16, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				     0xff, 0xff, 0xff, 0xff, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, ok);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 16384, 8388608);
	cmd = DECODE_ERR(test, 512, big);
	EXPECT_INVALID_FIELD(test, cmd, 10, 7);
	cmd = DECODE_ERR(test, 4096, huge);
	EXPECT_INVALID_FIELD(test, cmd, 10, 7);
	KUNIT_EXPECT_EQ(test, cmd->bufflen, 0);
}

static void scst_cdb_test_lba_overflow(struct kunit *test)
{
	static const u8 last[16] = { READ_16, 0,
				     0xff, 0xff, 0xff, 0xff,
				     0xff, 0xff, 0xff, 0xfe,
				     0, 0, 0, 1, 0, 0 };
	static const u8 over[16] = { READ_16, 0,
				     0xff, 0xff, 0xff, 0xff,
				     0xff, 0xff, 0xff, 0xff,
				     0, 0, 0, 1, 0, 0 };
	static const u8 sync[16] = { SYNCHRONIZE_CACHE_16, 0,
				     0xff, 0xff, 0xff, 0xff,
				     0, 0, 0, 0x02,
				     0xff, 0xff, 0xff, 0xff, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, last);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, U64_MAX - 1, 1, 512);
	cmd = DECODE_ERR(test, 512, over);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_LBA_OUT_OF_RANGE);
	cmd = DECODE_ERR(test, 4096, sync);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_LBA_OUT_OF_RANGE);
}

static void scst_cdb_test_read_capacity10(struct kunit *test)
{
	static const u8 cdb[10] = { READ_CAPACITY, 0 };
	static const u8 pmi[10] = { READ_CAPACITY, 0, 0, 0, 0x10, 0,
				    0, 0, 0x01, 0 };
	static const u8 bad[10] = { READ_CAPACITY, 0, 0, 0, 0x10, 0,
				    0, 0, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 8);
	cmd = DECODE(test, 512, pmi);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 8);
	/* An LBA without PMI is invalid (SBC-3 READ CAPACITY(10)) */
	cmd = DECODE_ERR(test, 512, bad);
	EXPECT_INVALID_FIELD(test, cmd, 2, 7);
}

static void scst_cdb_test_read_capacity16(struct kunit *test)
{
	static const u8 cdb[16] = { SERVICE_ACTION_IN_16, SAI_READ_CAPACITY_16,
				    0, 0, 0, 0, 0, 0, 0, 0,
				    0, 0, 0, 0x20, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 4096, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 32);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "READ CAPACITY(16)");
}

static void scst_cdb_test_get_lba_status(struct kunit *test)
{
	static const u8 cdb[16] = { SERVICE_ACTION_IN_16, SAI_GET_LBA_STATUS,
				    0, 0, 0, 0, 0, 0, 0x10, 0x00,
				    0, 0, 0x10, 0x00, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0x1000, 0, 4096);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "GET LBA STATUS");
}

static void scst_cdb_test_sai_unknown(struct kunit *test)
{
	/* SERVICE ACTION IN(16) service action 11h is not supported */
	static const u8 cdb[16] = { SERVICE_ACTION_IN_16, 0x11,
				    0, 0, 0, 0, 0, 0, 0, 0,
				    0, 0, 0, 0x20, 0, 0 };
	struct scst_cmd *cmd = DECODE_ERR(test, 512, cdb);

	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST, SCST_ASC_INVALID_OPCODE);
	KUNIT_EXPECT_NULL(test, cmd->op);
}

static void scst_cdb_test_sai_reserved(struct kunit *test)
{
	static const u8 cdb[16] = { SERVICE_ACTION_IN_16,
				    0x80 | SAI_READ_CAPACITY_16,
				    0, 0, 0, 0, 0, 0, 0, 0,
				    0, 0, 0, 0x20, 0, 0 };
	struct scst_cmd *cmd = DECODE_ERR(test, 512, cdb);

	EXPECT_INVALID_FIELD(test, cmd, 1, 7);
}

static void scst_cdb_test_rsoc(struct kunit *test)
{
	static const u8 cdb[12] = { MAINTENANCE_IN,
				    MI_REPORT_SUPPORTED_OPERATION_CODES,
				    0, 0, 0, 0, 0, 0, 0x02, 0x00, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 512);
	KUNIT_EXPECT_STREQ(test, cmd->op->name,
			   "REPORT SUPPORTED OPERATION CODES");
}

static void scst_cdb_test_rstmf(struct kunit *test)
{
	static const u8 cdb[12] = {
		MAINTENANCE_IN, MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS,
		0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 16);
	KUNIT_EXPECT_STREQ(test, cmd->op->name,
			   "REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS");
}

static void scst_cdb_test_maint_in_unknown(struct kunit *test)
{
	static const u8 cdb[12] = { MAINTENANCE_IN, MI_REPORT_TARGET_PGS,
				    0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0 };
	struct scst_cmd *cmd = DECODE_ERR(test, 512, cdb);

	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST, SCST_ASC_INVALID_OPCODE);
	SCST_EXPECT_CDB_FIELD(test, cmd, 1, 4);
}

static void scst_cdb_test_mode_sense(struct kunit *test)
{
	static const u8 ms6[6] = { MODE_SENSE, 0x08, 0x3f, 0, 0xfc, 0 };
	static const u8 ms10[10] = { MODE_SENSE_10, 0, 0x3f, 0, 0, 0, 0,
				     0x10, 0x00, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, ms6);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 252);
	cmd = DECODE(test, 512, ms10);
	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 4096);
}

static void scst_cdb_test_mode_select(struct kunit *test)
{
	static const u8 ms6[6] = { MODE_SELECT, 0x10, 0, 0, 0x18, 0 };
	static const u8 ms10[10] = { MODE_SELECT_10, 0x10, 0, 0, 0, 0, 0,
				     0x01, 0x20, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, ms6);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0, 0, 24);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_PARAM_LEN);
	cmd = DECODE(test, 4096, ms10);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0, 0, 0x120);
}

static void scst_cdb_test_sync_cache(struct kunit *test)
{
	static const u8 sc10[10] = { SYNCHRONIZE_CACHE, 0x02, 0, 0, 0x10, 0,
				     0, 0x00, 0x80, 0 };
	static const u8 sc16[16] = { SYNCHRONIZE_CACHE_16, 0,
				     0, 0, 0, 0x01, 0, 0, 0, 0,
				     0, 0, 0x01, 0x00, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, sc10);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0x1000, 128, 0);
	cmd = DECODE(test, 4096, sc16);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0x100000000ULL, 256, 0);
}

static void scst_cdb_test_no_data_cmds(struct kunit *test)
{
	static const u8 ssu[6] = { START_STOP, 0x01, 0, 0, 0x01, 0 };
	static const u8 pamr[6] = { ALLOW_MEDIUM_REMOVAL, 0, 0, 0, 0x01, 0 };
	static const u8 res6[6] = { RESERVE, 0, 0, 0, 0, 0 };
	static const u8 rel6[6] = { RELEASE, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, ssu);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "START STOP UNIT");
	cmd = DECODE(test, 512, pamr);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name,
			   "PREVENT ALLOW MEDIUM REMOVAL");
	cmd = DECODE(test, 512, res6);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
	cmd = DECODE(test, 512, rel6);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
}

static void scst_cdb_test_reserve_release10(struct kunit *test)
{
	static const u8 res[10] = { RESERVE_10, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const u8 res3p[10] = { RESERVE_10, 0x12, 0, 0x05, 0, 0, 0,
				      0, 0x08, 0 };
	static const u8 rel[10] = { RELEASE_10, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, res);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
	/* Third-party reservations are not supported */
	cmd = DECODE_ERR(test, 512, res3p);
	EXPECT_INVALID_FIELD(test, cmd, 1, 4);
	cmd = DECODE(test, 512, rel);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "RELEASE(10)");
}

static void scst_cdb_test_verify_no_bytchk(struct kunit *test)
{
	static const u8 cdb[10] = { VERIFY, 0x10, 0, 0, 0, 0x20,
				    0, 0, 0x10, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 32, 16, 0);
}

static void scst_cdb_test_verify_bytchk(struct kunit *test)
{
	static const u8 v10[10] = { VERIFY, 0x02, 0, 0, 0, 0x20,
				    0, 0, 0x10, 0 };
	static const u8 v16[16] = { VERIFY_16, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x20,
				    0, 0, 0, 0x10, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, v10);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 32, 16, 8192);
	cmd = DECODE(test, 4096, v16);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 32, 16, 65536);
}

static void scst_cdb_test_verify_bytchk_one_block(struct kunit *test)
{
	/* BYTCHK 11b: a single block is compared with every block */
	static const u8 cdb[12] = { VERIFY_12, 0x06, 0, 0, 0, 1,
				    0, 0, 0, 0x40, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 1, 64, 512);
	cmd = DECODE(test, 4096, cdb);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 1, 64, 4096);
}

static void scst_cdb_test_verify_bytchk_reserved(struct kunit *test)
{
	static const u8 cdb[16] = { VERIFY_16, 0x04, 0, 0, 0, 0, 0, 0, 0, 0,
				    0, 0, 0, 1, 0, 0 };
	struct scst_cmd *cmd = DECODE_ERR(test, 512, cdb);

	EXPECT_INVALID_FIELD(test, cmd, 1, 2);
}

static void scst_cdb_test_write_verify(struct kunit *test)
{
	static const u8 wv10[10] = { WRITE_VERIFY, 0x02, 0, 0, 0, 8,
				     0, 0, 4, 0 };
	static const u8 wv12[12] = { WRITE_VERIFY_12, 0, 0, 0, 1, 0,
				     0, 0, 0, 2, 0, 0 };
	static const u8 wv16[16] = { WRITE_VERIFY_16, 0,
				     0, 0, 0, 0x01, 0, 0, 0, 0,
				     0, 0, 0, 1, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, wv10);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 8, 4, 2048);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_WRITE_MEDIUM);
	cmd = DECODE(test, 512, wv12);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0x100, 2, 1024);
	cmd = DECODE(test, 4096, wv16);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0x100000000ULL, 1, 4096);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "WRITE AND VERIFY(16)");
}

static void scst_cdb_test_write_same(struct kunit *test)
{
	static const u8 ws10[10] = { WRITE_SAME, 0, 0, 0, 0, 0x40,
				     0, 0x01, 0x00, 0 };
	static const u8 ws16[16] = { WRITE_SAME_16, 0x08, 0, 0, 0, 0, 0, 0, 0,
				     0x40, 0, 0, 0x10, 0x00, 0, 0 };
	struct scst_cmd *cmd;

	/* One block of data for the whole range */
	cmd = DECODE(test, 512, ws10);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 64, 256, 512);
	cmd = DECODE(test, 4096, ws10);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 64, 256, 4096);
	cmd = DECODE(test, 4096, ws16);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 64, 4096, 4096);
}

static void scst_cdb_test_write_same_ndob(struct kunit *test)
{
	static const u8 cdb[16] = { WRITE_SAME_16, 0x09, 0, 0, 0, 0, 0, 0, 0,
				    0x40, 0, 0, 0x10, 0x00, 0, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 64, 4096, 0);
}

static void scst_cdb_test_unmap(struct kunit *test)
{
	static const u8 cdb[10] = { UNMAP, 0, 0, 0, 0, 0, 0, 0x00, 0x18, 0 };
	struct scst_cmd *cmd = DECODE(test, 4096, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0, 0, 24);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_WRITE_MEDIUM);
}

static void scst_cdb_test_prefetch(struct kunit *test)
{
	static const u8 pf10[10] = { PRE_FETCH, 0x02, 0, 0, 0, 0x10,
				     0, 0, 0x20, 0 };
	static const u8 pf16[16] = { 0x90, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00,
				     0, 0, 0, 0x08, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, pf10);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 16, 32, 0);
	cmd = DECODE(test, 4096, pf16);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0x100, 8, 0);
	KUNIT_EXPECT_STREQ(test, cmd->op->name, "PRE-FETCH(16)");
}

static void scst_cdb_test_log_sense(struct kunit *test)
{
	static const u8 cdb[10] = { LOG_SENSE, 0, 0x4d, 0, 0, 0, 0,
				    0x02, 0x00, 0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 512);
}

static void scst_cdb_test_format_unit(struct kunit *test)
{
	static const u8 plain[6] = { FORMAT_UNIT, 0, 0, 0, 0, 0 };
	static const u8 fmtdata[6] = { FORMAT_UNIT, 0x10, 0, 0, 0, 0 };
	static const u8 longlist[6] = { FORMAT_UNIT, 0x30, 0, 0, 0, 0 };
	struct scst_cmd *cmd;

	cmd = DECODE(test, 512, plain);
	EXPECT_DECODED(test, cmd, SCST_DATA_NONE, 0, 0, 0);
	KUNIT_EXPECT_TRUE(test, cmd->op->flags & SCST_OPF_WRITE_MEDIUM);
	cmd = DECODE(test, 512, fmtdata);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0, 0, 4);
	cmd = DECODE(test, 512, longlist);
	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0, 0, 8);
}

static void scst_cdb_test_invalid_opcode(struct kunit *test)
{
	static const u8 ops[] = { 0x02, 0x7e, 0x7f, 0xc0, 0xff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		u8 cdb[16] = { ops[i] };
		struct scst_cmd *cmd = DECODE_ERR(test, 512, cdb);

		SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_OPCODE);
		KUNIT_EXPECT_NULL(test, cmd->op);
		KUNIT_EXPECT_EQ(test, cmd->bufflen, 0);
	}
}

static void scst_cdb_test_empty_cdb(struct kunit *test)
{
	static const u8 cdb[1] = { TEST_UNIT_READY };
	struct scst_cmd *cmd = decode(test, 512, cdb, 0, -EINVAL);

	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST, SCST_ASC_INVALID_OPCODE);
}

static void scst_cdb_test_truncated(struct kunit *test)
{
	static const u8 r10[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	static const u8 r16[16] = { READ_16 };
	static const u8 inq[6] = { INQUIRY, 0, 0, 0, 36, 0 };
	static const u8 sai[16] = { SERVICE_ACTION_IN_16,
				    SAI_READ_CAPACITY_16 };
	struct scst_cmd *cmd;

	cmd = decode(test, 512, r10, 9, -EINVAL);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	cmd = decode(test, 512, r16, 12, -EINVAL);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	cmd = decode(test, 0, inq, 5, -EINVAL);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
	cmd = decode(test, 512, sai, 1, -EINVAL);
	SCST_EXPECT_SENSE(test, cmd, ILLEGAL_REQUEST,
			  SCST_ASC_INVALID_FIELD_IN_CDB);
}

static void scst_cdb_test_long_cdb(struct kunit *test)
{
	/* Transports pad CDBs; bytes past the CDB length are ignored */
	static const u8 cdb[16] = { READ_10, 0, 0, 0, 0, 1, 0, 0, 2, 0,
				    0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 1, 2, 1024);
}

static void scst_cdb_test_control_naca(struct kunit *test)
{
	static const u8 cdb[10] = { READ_10, 0, 0, 0, 0, 0, 0, 0, 1, 0x04 };
	struct scst_cmd *cmd = DECODE_ERR(test, 512, cdb);

	EXPECT_INVALID_FIELD(test, cmd, 9, 2);
}

static void scst_cdb_test_control_link(struct kunit *test)
{
	static const u8 tur[6] = { TEST_UNIT_READY, 0, 0, 0, 0, 0x01 };
	static const u8 r16[16] = { READ_16, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				    0, 0, 0, 1, 0, 0x03 };
	struct scst_cmd *cmd;

	cmd = DECODE_ERR(test, 512, tur);
	EXPECT_INVALID_FIELD(test, cmd, 5, 0);
	cmd = DECODE_ERR(test, 512, r16);
	EXPECT_INVALID_FIELD(test, cmd, 15, 1);
}

static void scst_cdb_test_control_vendor(struct kunit *test)
{
	/* The vendor specific bits of the CONTROL byte are ignored */
	static const u8 cdb[12] = { REPORT_LUNS, 0, 0, 0, 0, 0,
				    0, 0, 0, 0x10, 0, 0xc0 };
	struct scst_cmd *cmd = DECODE(test, 512, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_READ, 0, 0, 16);
}

static void scst_cdb_test_no_dev(struct kunit *test)
{
	/* Without a device blocks are 512 bytes */
	static const u8 cdb[10] = { WRITE_10, 0, 0, 0, 0, 0, 0, 0, 3, 0 };
	struct scst_cmd *cmd = DECODE(test, 0, cdb);

	EXPECT_DECODED(test, cmd, SCST_DATA_WRITE, 0, 3, 1536);
}

static unsigned int scst_group_cdb_len(u8 opcode)
{
	switch (opcode >> 5) {
	case 0:
		return 6;
	case 1:
	case 2:
		return 10;
	case 4:
		return 16;
	case 5:
		return 12;
	default:
		return 0;
	}
}

static void scst_cdb_test_group_code(struct kunit *test)
{
	unsigned int op, sa, n = 0;
	u8 cdb[SCST_MAX_CDB_SIZE] = { };

	/* Every table entry's CDB length follows SPC-4 4.2.5.1 */
	for (op = 0; op < 256; op++) {
		for (sa = 0; sa < 32; sa++) {
			const struct scst_opcode_desc *d;

			cdb[0] = op;
			cdb[1] = sa;
			d = scst_lookup_opcode(cdb, sizeof(cdb));
			if (!d)
				continue;
			n++;
			KUNIT_EXPECT_EQ_MSG(test, d->cdb_len,
					    scst_group_cdb_len(op),
					    "opcode %02xh", op);
			KUNIT_EXPECT_EQ(test, d->opcode, op);
			KUNIT_EXPECT_TRUE(test, d->sa == SCST_NO_SA ||
					  d->sa == sa);
			KUNIT_EXPECT_NOT_NULL(test, d->name);
			KUNIT_EXPECT_TRUE(test, !(d->flags & SCST_OPF_LBA) ||
					  d->lba_off + d->lba_len < d->cdb_len);
			KUNIT_EXPECT_LT(test, d->len_off + d->len_len,
					d->cdb_len);
		}
	}
	/* 43 opcodes without service actions, 4 service actions, each
	 * found 32 times for the 32 values of byte 1 or once.
	 */
	KUNIT_EXPECT_EQ(test, n, 43 * 32 + 4);
}

static void scst_cdb_test_lookup(struct kunit *test)
{
	static const u8 r10[10] = { READ_10 };
	static const u8 rc16[16] = { SERVICE_ACTION_IN_16,
				     SAI_READ_CAPACITY_16 };
	const struct scst_opcode_desc *d;

	d = scst_lookup_opcode(r10, sizeof(r10));
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_STREQ(test, d->name, "READ(10)");
	KUNIT_EXPECT_EQ(test, d->sa, SCST_NO_SA);
	d = scst_lookup_opcode(rc16, sizeof(rc16));
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_EQ(test, d->sa, SAI_READ_CAPACITY_16);
	KUNIT_EXPECT_NULL(test, scst_lookup_opcode(r10, 9));
	KUNIT_EXPECT_NULL(test, scst_lookup_opcode(rc16, 1));
	KUNIT_EXPECT_NULL(test, scst_lookup_opcode(r10, 0));
}

static struct kunit_case scst_cdb_test_cases[] = {
	KUNIT_CASE(scst_cdb_test_tur),
	KUNIT_CASE(scst_cdb_test_request_sense),
	KUNIT_CASE(scst_cdb_test_inquiry),
	KUNIT_CASE(scst_cdb_test_report_luns),
	KUNIT_CASE(scst_cdb_test_read6),
	KUNIT_CASE(scst_cdb_test_read6_len0),
	KUNIT_CASE(scst_cdb_test_write6),
	KUNIT_CASE(scst_cdb_test_read6_reserved),
	KUNIT_CASE(scst_cdb_test_read10),
	KUNIT_CASE(scst_cdb_test_read10_len0),
	KUNIT_CASE(scst_cdb_test_write10),
	KUNIT_CASE(scst_cdb_test_read12),
	KUNIT_CASE(scst_cdb_test_write12),
	KUNIT_CASE(scst_cdb_test_read16),
	KUNIT_CASE(scst_cdb_test_write16),
	KUNIT_CASE(scst_cdb_test_max_transfer),
	KUNIT_CASE(scst_cdb_test_lba_overflow),
	KUNIT_CASE(scst_cdb_test_read_capacity10),
	KUNIT_CASE(scst_cdb_test_read_capacity16),
	KUNIT_CASE(scst_cdb_test_get_lba_status),
	KUNIT_CASE(scst_cdb_test_sai_unknown),
	KUNIT_CASE(scst_cdb_test_sai_reserved),
	KUNIT_CASE(scst_cdb_test_rsoc),
	KUNIT_CASE(scst_cdb_test_rstmf),
	KUNIT_CASE(scst_cdb_test_maint_in_unknown),
	KUNIT_CASE(scst_cdb_test_mode_sense),
	KUNIT_CASE(scst_cdb_test_mode_select),
	KUNIT_CASE(scst_cdb_test_sync_cache),
	KUNIT_CASE(scst_cdb_test_no_data_cmds),
	KUNIT_CASE(scst_cdb_test_reserve_release10),
	KUNIT_CASE(scst_cdb_test_verify_no_bytchk),
	KUNIT_CASE(scst_cdb_test_verify_bytchk),
	KUNIT_CASE(scst_cdb_test_verify_bytchk_one_block),
	KUNIT_CASE(scst_cdb_test_verify_bytchk_reserved),
	KUNIT_CASE(scst_cdb_test_write_verify),
	KUNIT_CASE(scst_cdb_test_write_same),
	KUNIT_CASE(scst_cdb_test_write_same_ndob),
	KUNIT_CASE(scst_cdb_test_unmap),
	KUNIT_CASE(scst_cdb_test_prefetch),
	KUNIT_CASE(scst_cdb_test_log_sense),
	KUNIT_CASE(scst_cdb_test_format_unit),
	KUNIT_CASE(scst_cdb_test_invalid_opcode),
	KUNIT_CASE(scst_cdb_test_empty_cdb),
	KUNIT_CASE(scst_cdb_test_truncated),
	KUNIT_CASE(scst_cdb_test_long_cdb),
	KUNIT_CASE(scst_cdb_test_control_naca),
	KUNIT_CASE(scst_cdb_test_control_link),
	KUNIT_CASE(scst_cdb_test_control_vendor),
	KUNIT_CASE(scst_cdb_test_no_dev),
	KUNIT_CASE(scst_cdb_test_group_code),
	KUNIT_CASE(scst_cdb_test_lookup),
	{}
};

static struct kunit_suite scst_cdb_test_suite = {
	.name = "scst_cdb",
	.test_cases = scst_cdb_test_cases,
};

kunit_test_suite(scst_cdb_test_suite);

MODULE_DESCRIPTION("KUnit tests for the SCST core");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
