/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST KUnit tests: helpers shared by the test files.
 */
#ifndef _SCST_TEST_H
#define _SCST_TEST_H

#include <kunit/test.h>
#include <linux/log2.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "../scst_priv.h"

/* A device of handler type @type with @block_size byte blocks. */
static inline struct scst_device *scst_test_dev(struct kunit *test, u8 type,
						u32 block_size)
{
	struct scst_dev_type *dt;
	struct scst_device *dev;

	dt = kunit_kzalloc(test, sizeof(*dt), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dt);
	dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);

	dt->name = "scst_test";
	dt->type = type;
	dev->handler = dt;
	strscpy(dev->name, "dev0", sizeof(dev->name));
	dev->block_size = block_size;
	dev->block_shift = ilog2(block_size);
	dev->nr_blocks = 1 << 20;
	return dev;
}

/* A command for @dev (may be NULL) carrying the @len byte CDB @cdb. */
static inline struct scst_cmd *scst_test_cmd(struct kunit *test,
					     struct scst_device *dev,
					     const u8 *cdb, unsigned int len)
{
	struct scst_cmd *cmd;

	cmd = kunit_kzalloc(test, sizeof(*cmd), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, cmd);
	KUNIT_ASSERT_LE(test, len, SCST_MAX_CDB_SIZE);
	cmd->dev = dev;
	memcpy(cmd->cdb, cdb, len);
	cmd->cdb_len = len;
	return cmd;
}

/*
 * A decoded command for @dev carrying @cdb, with a @len byte data buffer
 * filled with 0xaa (none if @len is 0).
 */
static inline struct scst_cmd *scst_test_data_cmd(struct kunit *test,
						  struct scst_device *dev,
						  const u8 *cdb,
						  unsigned int cdb_len,
						  unsigned int len)
{
	struct scst_cmd *cmd = scst_test_cmd(test, dev, cdb, cdb_len);
	struct scatterlist *sg;
	u8 *buf;

	KUNIT_ASSERT_EQ(test, scst_decode_cdb(cmd), 0);
	if (!len)
		return cmd;
	sg = kunit_kzalloc(test, sizeof(*sg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sg);
	buf = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memset(buf, 0xaa, len);
	sg_init_one(sg, buf, len);
	cmd->sg = sg;
	cmd->sg_cnt = 1;
	cmd->buf_len = len;
	return cmd;
}

/* The data buffer of a command made by scst_test_data_cmd() */
static inline u8 *scst_test_data(const struct scst_cmd *cmd)
{
	return sg_virt(cmd->sg);
}

/*
 * The sense key specific bytes of the sense data of @cmd, from bytes
 * 15..17 of fixed format or from a sense key specific descriptor.
 */
static inline bool scst_test_sks(const struct scst_cmd *cmd, u8 *sks)
{
	const u8 *s = cmd->sense;
	unsigned int off;

	switch (s[0] & 0x7f) {
	case 0x70:
	case 0x71:
		if (cmd->sense_len < 18)
			return false;
		memcpy(sks, &s[15], 3);
		return true;
	case 0x72:
	case 0x73:
		for (off = 8; off + 8 <= cmd->sense_len; off += s[off + 1] + 2) {
			if (s[off] == 0x02 && s[off + 1] == 0x06) {
				memcpy(sks, &s[off + 4], 3);
				return true;
			}
		}
		return false;
	}
	return false;
}

/* A device of handler type @type whose handler has @op_supported */
static inline struct scst_device *
scst_test_dev_op(struct kunit *test, u8 type,
		 bool (*op_supported)(const struct scst_device *dev,
				      const struct scst_opcode_desc *op))
{
	struct scst_device *dev = scst_test_dev(test, type, 512);
	struct scst_dev_type *dt;

	dt = kunit_kzalloc(test, sizeof(*dt), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dt);
	*dt = *dev->handler;
	dt->op_supported = op_supported;
	dev->handler = dt;
	return dev;
}

/* A REPORT SUPPORTED OPERATION CODES descriptor: opcode, service action */
#define SCST_TEST_OP(op)	((u32)(op) << 16 | SCST_NO_SA)
#define SCST_TEST_OP_SA(op, sa)	((u32)(op) << 16 | (sa))

/*
 * Execute REPORT SUPPORTED OPERATION CODES with REPORTING OPTIONS 000b on
 * @dev and expect exactly the @n commands @exp, each an SCST_TEST_OP() or
 * SCST_TEST_OP_SA() value, in this order (SPC-4 6.35.2).
 */
static inline void scst_test_rsoc_expect_all(struct kunit *test,
					     struct scst_device *dev,
					     const u32 *exp, unsigned int n)
{
	u8 cdb[12] = { MAINTENANCE_IN, MI_REPORT_SUPPORTED_OPERATION_CODES };
	const unsigned int len = 4096;
	struct scst_cmd *cmd;
	unsigned int i;
	const u8 *buf;
	u32 got;

	put_unaligned_be32(len, &cdb[6]);
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), len);
	KUNIT_ASSERT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_ASSERT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_ASSERT_EQ(test, cmd->data_len, 4 + n * 8);
	buf = scst_test_data(cmd);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(buf), n * 8);
	for (i = 0; i < n; i++) {
		const u8 *p = buf + 4 + i * 8;

		got = (u32)p[0] << 16 |
			(p[5] & 0x01 ? get_unaligned_be16(&p[2]) : SCST_NO_SA);
		KUNIT_EXPECT_EQ_MSG(test, got, exp[i], "descriptor %u", i);
	}
}

/*
 * Execute REPORT SUPPORTED OPERATION CODES with REPORTING OPTIONS
 * @options (001b..011b) for @op and @sa on @dev; returns the SUPPORT
 * field of the one_command parameter data (SPC-4 6.35.3).
 */
static inline u8 scst_test_rsoc_support(struct kunit *test,
					struct scst_device *dev, u8 options,
					u8 op, u16 sa)
{
	u8 cdb[12] = { MAINTENANCE_IN, MI_REPORT_SUPPORTED_OPERATION_CODES,
		       options, op };
	struct scst_cmd *cmd;

	put_unaligned_be16(sa, &cdb[4]);
	put_unaligned_be32(64, &cdb[6]);
	cmd = scst_test_data_cmd(test, dev, cdb, sizeof(cdb), 64);
	KUNIT_EXPECT_EQ(test, scst_spc_exec(cmd), SCST_EXEC_COMPLETED);
	KUNIT_EXPECT_EQ(test, cmd->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_GE(test, cmd->data_len, 4);
	return scst_test_data(cmd)[1] & 0x07;
}

/* Expect CHECK CONDITION with @key and the SCST_ASC_* value @code. */
#define SCST_EXPECT_SENSE(test, cmd, key, code) do {			\
	const struct scst_cmd *_sc = (cmd);				\
	struct kunit *_st = (test);					\
	u8 _k = 0xff, _a = 0xff, _q = 0xff;				\
									\
	KUNIT_EXPECT_EQ(_st, _sc->status, SAM_STAT_CHECK_CONDITION);	\
	KUNIT_EXPECT_TRUE(_st, scst_sense_parse(_sc->sense,		\
						_sc->sense_len,		\
						&_k, &_a, &_q));	\
	KUNIT_EXPECT_EQ(_st, _k, key);					\
	KUNIT_EXPECT_EQ(_st, _a, SCST_ASC(code));			\
	KUNIT_EXPECT_EQ(_st, _q, SCST_ASCQ(code));			\
} while (0)

/* Expect a field pointer at @byte, bit @bit (-1: none), in the CDB if @cd */
#define SCST_EXPECT_FIELD(test, cmd, cd, byte, bit) do {		\
	struct kunit *_ft = (test);					\
	int _fbit = (bit);						\
	u8 _sks[3] = { };						\
									\
	KUNIT_EXPECT_TRUE(_ft, scst_test_sks(cmd, _sks));		\
	KUNIT_EXPECT_EQ(_ft, _sks[0], 0x80 | ((cd) ? 0x40 : 0) |	\
			(_fbit >= 0 ? 0x08 | _fbit : 0));		\
	KUNIT_EXPECT_EQ(_ft, get_unaligned_be16(&_sks[1]), byte);	\
} while (0)

#define SCST_EXPECT_CDB_FIELD(test, cmd, byte, bit)			\
	SCST_EXPECT_FIELD(test, cmd, true, byte, bit)

#endif /* _SCST_TEST_H */
