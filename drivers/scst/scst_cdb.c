// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: CDB decoding.
 *
 * Every CDB an initiator sends is looked up in the table below, which
 * gives its length, the direction of its data and where its LBA and its
 * transfer, allocation or parameter list length are. scst_decode_cdb()
 * checks the CDB against the table and fills in the command's decoded
 * fields; device type specifics are left to the dev handler's parse
 * callback.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/once.h>
#include <linux/overflow.h>
#include <linux/unaligned.h>
#include "scst_priv.h"

#define SCST_OP(_op, _sa, _len, _dir, _flags, _lo, _ll, _no, _nl, _name, \
		...)							  \
	{ .opcode = (_op), .sa = (_sa), .cdb_len = (_len), .dir = (_dir), \
	  .flags = (_flags), .lba_off = (_lo), .lba_len = (_ll),	  \
	  .len_off = (_no), .len_len = (_nl), .name = (_name),		  \
	  .usage = { 0, __VA_ARGS__ } }

#define NONE		SCST_DATA_NONE
#define RD		SCST_DATA_READ
#define WR		SCST_DATA_WRITE
#define NO_SA		SCST_NO_SA

#define F_LBA		SCST_OPF_LBA
#define F_BLK		SCST_OPF_BLOCKS
#define F_ALLOC		SCST_OPF_ALLOC_LEN
#define F_PARAM		SCST_OPF_PARAM_LEN
#define F_WRM		SCST_OPF_WRITE_MEDIUM
#define F_ANY		SCST_OPF_ANY_LUN
#define F_256		SCST_OPF_LEN0_256
#define F_FUA		SCST_OPF_FUA
#define F_NOUA		SCST_OPF_NO_UA
#define F_BYTCHK	SCST_OPF_BYTCHK
#define F_SHARED	SCST_OPF_SHARED_STATE
#define SPC		SCST_OPF_SPC
#define SBC		SCST_OPF_SBC
#define MMC		SCST_OPF_MMC

/* Opcodes not in <scsi/scsi_proto.h> */
#define SCST_GET_CONFIGURATION	0x46
#define SCST_READ_DISC_INFO	0x51
#define SCST_PRE_FETCH_16	0x90
#define SCST_MECHANISM_STATUS	0xbd

/*
 * CDB usage data (SPC-4 6.35.3) of the CONTROL byte (NACA and the
 * obsolete FLAG and LINK bits, which are checked) and of byte 1 of READ
 * and WRITE (DPO, FUA).
 */
#define U_CTL		0x07
#define U_RW		0x18

/*
 * The decode table, ordered by opcode; the entries of an opcode with
 * service actions are adjacent and ordered by service action. The CDB
 * length follows from the group code (SPC-4 4.2.5.1): 6 bytes for group
 * 0, 10 for groups 1 and 2, 16 for group 4 and 12 for group 5. The
 * arguments after the name are the CDB usage data from byte 1 on.
 */
static const struct scst_opcode_desc scst_opcodes[] = {
	SCST_OP(TEST_UNIT_READY, NO_SA, 6, NONE, SPC, 0, 0, 0, 0,
		"TEST UNIT READY", 0, 0, 0, 0, U_CTL),
	SCST_OP(REQUEST_SENSE, NO_SA, 6, RD, F_ALLOC | F_ANY | F_NOUA | SPC, 0,
		0, 4, 1, "REQUEST SENSE", 0x01, 0, 0, 0xff, U_CTL),
	SCST_OP(FORMAT_UNIT, NO_SA, 6, NONE, F_WRM | SBC, 0, 0, 0, 0,
		"FORMAT UNIT", 0xff, 0, 0, 0, U_CTL),
	SCST_OP(READ_6, NO_SA, 6, RD, F_LBA | F_BLK | F_256 | SBC, 1, 3, 4, 1,
		"READ(6)", 0x1f, 0xff, 0xff, 0xff, U_CTL),
	SCST_OP(WRITE_6, NO_SA, 6, WR, F_LBA | F_BLK | F_256 | F_WRM | SBC, 1,
		3, 4, 1, "WRITE(6)", 0x1f, 0xff, 0xff, 0xff, U_CTL),
	SCST_OP(INQUIRY, NO_SA, 6, RD, F_ALLOC | F_ANY | F_NOUA | SPC, 0, 0, 3,
		2, "INQUIRY", 0x01, 0xff, 0xff, 0xff, U_CTL),
	SCST_OP(MODE_SELECT, NO_SA, 6, WR, F_PARAM | F_SHARED | SPC, 0, 0, 4, 1,
		"MODE SELECT(6)", 0x11, 0, 0, 0xff, U_CTL),
	SCST_OP(RESERVE, NO_SA, 6, NONE, SPC, 0, 0, 0, 0, "RESERVE(6)", 0, 0, 0,
		0, U_CTL),
	SCST_OP(RELEASE, NO_SA, 6, NONE, SPC, 0, 0, 0, 0, "RELEASE(6)", 0, 0, 0,
		0, U_CTL),
	SCST_OP(MODE_SENSE, NO_SA, 6, RD, F_ALLOC | SPC, 0, 0, 4, 1,
		"MODE SENSE(6)", 0x08, 0xff, 0xff, 0xff, U_CTL),
	SCST_OP(START_STOP, NO_SA, 6, NONE, SBC | MMC, 0, 0, 0, 0,
		"START STOP UNIT", 0x01, 0, 0x0f, 0xf7, U_CTL),
	SCST_OP(ALLOW_MEDIUM_REMOVAL, NO_SA, 6, NONE, SBC | MMC, 0, 0, 0, 0,
		"PREVENT ALLOW MEDIUM REMOVAL", 0, 0, 0, 0x03, U_CTL),
	/* Fixed 8 bytes of parameter data; see scst_decode_special() */
	SCST_OP(READ_CAPACITY, NO_SA, 10, RD, SBC | MMC, 0, 0, 0, 0,
		"READ CAPACITY(10)", 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0x01,
		U_CTL),
	SCST_OP(READ_10, NO_SA, 10, RD, F_LBA | F_BLK | F_FUA | SBC | MMC, 2, 4,
		7, 2, "READ(10)", U_RW, 0xff, 0xff, 0xff, 0xff, 0, 0xff, 0xff,
		U_CTL),
	SCST_OP(WRITE_10, NO_SA, 10, WR, F_LBA | F_BLK | F_FUA | F_WRM | SBC, 2,
		4, 7, 2, "WRITE(10)", U_RW, 0xff, 0xff, 0xff, 0xff, 0, 0xff,
		0xff, U_CTL),
	SCST_OP(WRITE_VERIFY, NO_SA, 10, WR, F_LBA | F_BLK | F_WRM | SBC, 2, 4,
		7, 2, "WRITE AND VERIFY(10)", 0x12, 0xff, 0xff, 0xff, 0xff, 0,
		0xff, 0xff, U_CTL),
	SCST_OP(VERIFY, NO_SA, 10, WR, F_LBA | F_BLK | F_BYTCHK | SBC, 2, 4, 7,
		2, "VERIFY(10)", 0x16, 0xff, 0xff, 0xff, 0xff, 0, 0xff, 0xff,
		U_CTL),
	SCST_OP(PRE_FETCH, NO_SA, 10, NONE, F_LBA | F_BLK | SBC, 2, 4, 7, 2,
		"PRE-FETCH(10)", 0x02, 0xff, 0xff, 0xff, 0xff, 0, 0xff, 0xff,
		U_CTL),
	SCST_OP(SYNCHRONIZE_CACHE, NO_SA, 10, NONE, F_LBA | F_BLK | SBC, 2, 4,
		7, 2, "SYNCHRONIZE CACHE(10)", 0x02, 0xff, 0xff, 0xff, 0xff, 0,
		0xff, 0xff, U_CTL),
	SCST_OP(WRITE_SAME, NO_SA, 10, WR, F_LBA | F_BLK | F_WRM | SBC, 2, 4, 7,
		2, "WRITE SAME(10)", 0x08, 0xff, 0xff, 0xff, 0xff, 0, 0xff,
		0xff, U_CTL),
	SCST_OP(UNMAP, NO_SA, 10, WR, F_PARAM | F_WRM | SBC, 0, 0, 7, 2,
		"UNMAP", 0, 0, 0, 0, 0, 0, 0xff, 0xff, U_CTL),
	/*
	 * MMC-6 READ TOC/PMA/ATIP; bits 7..6 of its CONTROL byte are a
	 * legacy format
	 */
	SCST_OP(READ_TOC, NO_SA, 10, RD, F_ALLOC | MMC, 0, 0, 7, 2,
		"READ TOC/PMA/ATIP", 0x02, 0x0f, 0, 0, 0, 0xff, 0xff, 0xff,
		U_CTL),
	/* MMC-6 GET CONFIGURATION */
	SCST_OP(SCST_GET_CONFIGURATION, NO_SA, 10, RD, F_ALLOC | F_NOUA | MMC,
		0, 0, 7, 2, "GET CONFIGURATION", 0x03, 0xff, 0xff, 0, 0, 0,
		0xff, 0xff, U_CTL),
	/*
	 * MMC-6 GET EVENT STATUS NOTIFICATION; only polled operation
	 * (POLLED = 1) is supported
	 */
	SCST_OP(GET_EVENT_STATUS_NOTIFICATION, NO_SA, 10, RD,
		F_ALLOC | F_NOUA | MMC, 0, 0, 7, 2,
		"GET EVENT STATUS NOTIFICATION", 0x01, 0, 0, 0xfe, 0, 0, 0xff,
		0xff, U_CTL),
	SCST_OP(LOG_SENSE, NO_SA, 10, RD, F_ALLOC | SPC, 0, 0, 7, 2,
		"LOG SENSE", 0x03, 0xff, 0xff, 0, 0xff, 0xff, 0xff, 0xff,
		U_CTL),
	/* MMC-6 READ DISC INFORMATION */
	SCST_OP(SCST_READ_DISC_INFO, NO_SA, 10, RD, F_ALLOC | MMC, 0, 0, 7, 2,
		"READ DISC INFORMATION", 0x07, 0, 0, 0, 0, 0, 0xff, 0xff,
		U_CTL),
	SCST_OP(MODE_SELECT_10, NO_SA, 10, WR, F_PARAM | F_SHARED | SPC, 0, 0,
		7, 2,
		"MODE SELECT(10)", 0x11, 0, 0, 0, 0, 0, 0xff, 0xff, U_CTL),
	/* Third-party reservations are not supported: no parameter data */
	SCST_OP(RESERVE_10, NO_SA, 10, NONE, SPC, 0, 0, 0, 0, "RESERVE(10)",
		0x10, 0, 0, 0, 0, 0, 0, 0, U_CTL),
	SCST_OP(RELEASE_10, NO_SA, 10, NONE, SPC, 0, 0, 0, 0, "RELEASE(10)",
		0x10, 0, 0, 0, 0, 0, 0, 0, U_CTL),
	SCST_OP(MODE_SENSE_10, NO_SA, 10, RD, F_ALLOC | SPC, 0, 0, 7, 2,
		"MODE SENSE(10)", 0x18, 0xff, 0xff, 0, 0, 0, 0xff, 0xff, U_CTL),
	SCST_OP(READ_16, NO_SA, 16, RD, F_LBA | F_BLK | F_FUA | SBC, 2, 8, 10,
		4, "READ(16)", U_RW, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(WRITE_16, NO_SA, 16, WR, F_LBA | F_BLK | F_FUA | F_WRM | SBC, 2,
		8, 10, 4, "WRITE(16)", U_RW, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(WRITE_VERIFY_16, NO_SA, 16, WR, F_LBA | F_BLK | F_WRM | SBC, 2,
		8, 10, 4, "WRITE AND VERIFY(16)", 0x12, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(VERIFY_16, NO_SA, 16, WR, F_LBA | F_BLK | F_BYTCHK | SBC, 2, 8,
		10, 4, "VERIFY(16)", 0x16, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(SCST_PRE_FETCH_16, NO_SA, 16, NONE, F_LBA | F_BLK | SBC, 2, 8,
		10, 4, "PRE-FETCH(16)", 0x02, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(SYNCHRONIZE_CACHE_16, NO_SA, 16, NONE, F_LBA | F_BLK | SBC, 2,
		8, 10, 4, "SYNCHRONIZE CACHE(16)", 0x02, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(WRITE_SAME_16, NO_SA, 16, WR, F_LBA | F_BLK | F_WRM | SBC, 2, 8,
		10, 4, "WRITE SAME(16)", 0x09, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(SERVICE_ACTION_IN_16, SAI_READ_CAPACITY_16, 16, RD,
		F_ALLOC | SBC, 0, 0, 10, 4, "READ CAPACITY(16)",
		SAI_READ_CAPACITY_16, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0x01, U_CTL),
	SCST_OP(SERVICE_ACTION_IN_16, SAI_GET_LBA_STATUS, 16, RD,
		F_LBA | F_ALLOC | SBC, 2, 8, 10, 4, "GET LBA STATUS",
		SAI_GET_LBA_STATUS, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(REPORT_LUNS, NO_SA, 12, RD, F_ALLOC | F_ANY | F_NOUA | SPC, 0,
		0, 6, 4, "REPORT LUNS", 0, 0xff, 0, 0, 0, 0xff, 0xff, 0xff,
		0xff, 0, U_CTL),
	SCST_OP(MAINTENANCE_IN, MI_REPORT_SUPPORTED_OPERATION_CODES, 12, RD,
		F_ALLOC | SPC, 0, 0, 6, 4, "REPORT SUPPORTED OPERATION CODES",
		MI_REPORT_SUPPORTED_OPERATION_CODES, 0x87, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(MAINTENANCE_IN, MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS,
		12, RD, F_ALLOC | SPC, 0, 0, 6, 4,
		"REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS",
		MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS, 0x80, 0, 0, 0,
		0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(READ_12, NO_SA, 12, RD, F_LBA | F_BLK | F_FUA | SBC | MMC, 2, 4,
		6, 4, "READ(12)", U_RW, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0, U_CTL),
	SCST_OP(WRITE_12, NO_SA, 12, WR, F_LBA | F_BLK | F_FUA | F_WRM | SBC, 2,
		4, 6, 4, "WRITE(12)", U_RW, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0, U_CTL),
	SCST_OP(WRITE_VERIFY_12, NO_SA, 12, WR, F_LBA | F_BLK | F_WRM | SBC, 2,
		4, 6, 4, "WRITE AND VERIFY(12)", 0x12, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0, U_CTL),
	SCST_OP(VERIFY_12, NO_SA, 12, WR, F_LBA | F_BLK | F_BYTCHK | SBC, 2, 4,
		6, 4, "VERIFY(12)", 0x16, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0, U_CTL),
	/* MMC-6 MECHANISM STATUS: the ALLOCATION LENGTH is bytes 8..9 */
	SCST_OP(SCST_MECHANISM_STATUS, NO_SA, 12, RD, F_ALLOC | MMC, 0, 0, 8, 2,
		"MECHANISM STATUS", 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, U_CTL),
};

/*
 * 1 + the index in scst_opcodes[] of the first entry of each opcode, 0
 * for unsupported opcodes: the lookup runs for every command.
 */
static u8 scst_op_index[256];

static void scst_build_op_index(void)
{
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(scst_opcodes) >= U8_MAX);
	for (i = ARRAY_SIZE(scst_opcodes); i-- > 0; )
		scst_op_index[scst_opcodes[i].opcode] = i + 1;
}

enum scst_lookup_res {
	SCST_LOOKUP_OK,
	SCST_LOOKUP_BAD_OPCODE,
	SCST_LOOKUP_BAD_SA,
	SCST_LOOKUP_TRUNCATED,
};

static enum scst_lookup_res scst_find_op(const u8 *cdb, unsigned int cdb_len,
					 const struct scst_opcode_desc **opp)
{
	const struct scst_opcode_desc *op, *end;
	unsigned int i;

	*opp = NULL;
	if (!cdb_len)
		return SCST_LOOKUP_BAD_OPCODE;

	/* Built on first use; afterwards DO_ONCE() costs a patched jump. */
	DO_ONCE(scst_build_op_index);
	i = scst_op_index[cdb[0]];
	if (!i)
		return SCST_LOOKUP_BAD_OPCODE;
	op = &scst_opcodes[i - 1];
	/* All service actions of an opcode share its CDB length. */
	if (cdb_len < op->cdb_len)
		return SCST_LOOKUP_TRUNCATED;

	if (op->sa != SCST_NO_SA) {
		/* The SERVICE ACTION field is byte 1 bits 4..0. */
		end = scst_opcodes + ARRAY_SIZE(scst_opcodes);
		for (; op < end && op->opcode == cdb[0]; op++) {
			if (op->sa == (cdb[1] & 0x1f)) {
				*opp = op;
				return SCST_LOOKUP_OK;
			}
		}
		return SCST_LOOKUP_BAD_SA;
	}

	*opp = op;
	return SCST_LOOKUP_OK;
}

/**
 * scst_lookup_opcode() - find the decode table entry of a CDB
 * @cdb: the CDB
 * @cdb_len: its length
 *
 * Return: the entry, or NULL if the opcode or its service action is not
 * supported or @cdb_len is too short for the opcode.
 */
const struct scst_opcode_desc *scst_lookup_opcode(const u8 *cdb,
						  unsigned int cdb_len)
{
	const struct scst_opcode_desc *op;

	scst_find_op(cdb, cdb_len, &op);
	return op;
}
EXPORT_SYMBOL_IF_KUNIT(scst_lookup_opcode);

/* Fail @cmd with INVALID FIELD IN CDB, pointing at byte @byte, bit @bit. */
static int scst_cdb_invalid_field(struct scst_cmd *cmd, unsigned int byte,
				  int bit)
{
	scst_set_invalid_field(cmd, true, byte, bit);
	return -EINVAL;
}

static u64 scst_get_be(const u8 *p, unsigned int len)
{
	u64 v = 0;

	while (len--)
		v = (v << 8) | *p++;
	return v;
}

/*
 * Opcode specific decoding after the generic one. May change the
 * direction and the transfer size @xfer; returns 0 or -EINVAL after
 * failing @cmd.
 */
static int scst_decode_special(struct scst_cmd *cmd, u8 shift, u32 n,
			       enum scst_data_direction *dir, u64 *xfer)
{
	const struct scst_device *dev = cmd->dev;
	const u8 *cdb = cmd->cdb;

	switch (cdb[0]) {
	case READ_6:
	case WRITE_6:
		/* Byte 1 bits 7..5 are reserved (SBC-2 READ(6), WRITE(6)). */
		if (cdb[1] & 0xe0)
			return scst_cdb_invalid_field(cmd, 1, 7);
		break;
	case SERVICE_ACTION_IN_16:
	case MAINTENANCE_IN:
		/* Byte 1 bits 7..5 are reserved. */
		if (cdb[1] & 0xe0)
			return scst_cdb_invalid_field(cmd, 1, 7);
		if (cdb[0] == SERVICE_ACTION_IN_16 &&
		    (cdb[1] & 0x1f) == SAI_READ_CAPACITY_16 &&
		    !(cdb[14] & 0x01) && get_unaligned_be64(&cdb[2]))
			return scst_cdb_invalid_field(cmd, 2, 7);
		break;
	case READ_CAPACITY:
		/*
		 * The LOGICAL BLOCK ADDRESS must be zero unless the
		 * (obsolete) PMI bit is set (SBC-3 READ CAPACITY(10)).
		 */
		if (!(cdb[8] & 0x01) && get_unaligned_be32(&cdb[2]))
			return scst_cdb_invalid_field(cmd, 2, 7);
		*xfer = 8;
		break;
	case VERIFY:
	case VERIFY_12:
	case VERIFY_16:
		/*
		 * BYTCHK (SBC-3 VERIFY(10)): 00b no data, 01b the data to
		 * compare with, 11b one block compared with every block, 10b
		 * reserved.
		 */
		switch ((cdb[1] >> 1) & 0x03) {
		case 0:
			*dir = SCST_DATA_NONE;
			break;
		case 1:
			break;
		case 2:
			return scst_cdb_invalid_field(cmd, 1, 2);
		case 3:
			*xfer = 1ULL << shift;
			break;
		}
		break;
	case WRITE_SAME:
	case WRITE_SAME_16:
		/*
		 * One block of data is written to the whole range; with NDOB
		 * (WRITE SAME(16) only) no data is transferred (SBC-3
		 * WRITE SAME(16)).
		 */
		*xfer = 1ULL << shift;
		if (cdb[0] == WRITE_SAME_16 && (cdb[1] & 0x01))
			*xfer = 0;
		/*
		 * MAXIMUM WRITE SAME LENGTH of the Block Limits VPD page
		 * (SBC-3 6.5.3); 0 means no limit.
		 */
		if (dev && dev->max_write_same_len &&
		    n > dev->max_write_same_len)
			return scst_cdb_invalid_field(cmd, cmd->op->len_off, 7);
		break;
	case RESERVE_10:
	case RELEASE_10:
		/*
		 * SPC-2 RESERVE(10), RELEASE(10): only a third-party
		 * reservation (3RDPTY) has parameter data, and those are not
		 * supported.
		 */
		if (cdb[1] & 0x10)
			return scst_cdb_invalid_field(cmd, 1, 4);
		break;
	case GET_EVENT_STATUS_NOTIFICATION:
		/*
		 * MMC-6 GET EVENT STATUS NOTIFICATION: asynchronous
		 * operation is not supported.
		 */
		if (!(cdb[1] & 0x01))
			return scst_cdb_invalid_field(cmd, 1, 0);
		break;
	case FORMAT_UNIT:
		/*
		 * With FMTDATA a parameter list header of 4 bytes, or 8 with
		 * LONGLIST, is transferred (SBC-3 5.3); defect lists are not
		 * supported.
		 */
		if (cdb[1] & 0x10) {
			*dir = SCST_DATA_WRITE;
			*xfer = (cdb[1] & 0x20) ? 8 : 4;
		}
		break;
	}
	return 0;
}

/**
 * scst_decode_cdb() - decode the CDB of a command
 * @cmd: the command; cmd->cdb, cmd->cdb_len and cmd->dev are used. A NULL
 *	cmd->dev (unmapped LUN) decodes block counts with 512-byte blocks.
 *
 * Sets cmd->op, cmd->data_direction, cmd->lba, cmd->nr_blocks and
 * cmd->bufflen. A command that transfers no data gets direction
 * %SCST_DATA_NONE and bufflen 0.
 *
 * Return: 0, or -EINVAL after failing @cmd with CHECK CONDITION: INVALID
 * COMMAND OPERATION CODE for unsupported opcodes and service actions,
 * INVALID FIELD IN CDB for truncated CDBs and invalid fields.
 */
int scst_decode_cdb(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	unsigned int cdb_len = min_t(unsigned int, cmd->cdb_len,
				     SCST_MAX_CDB_SIZE);
	const struct scst_opcode_desc *op;
	enum scst_data_direction dir;
	u8 shift = cmd->dev ? cmd->dev->block_shift : 9;
	u64 lba = 0, xfer, end;
	u32 n = 0;
	u8 control;
	int ret;

	cmd->op = NULL;
	cmd->data_direction = SCST_DATA_NONE;
	cmd->lba = 0;
	cmd->nr_blocks = 0;
	cmd->bufflen = 0;

	switch (scst_find_op(cdb, cdb_len, &op)) {
	case SCST_LOOKUP_OK:
		break;
	case SCST_LOOKUP_BAD_SA:
		/* Point at the SERVICE ACTION field, byte 1 bits 4..0. */
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_OPCODE);
		ret = scst_sense_set_field_pointer(cmd->sense,
						   sizeof(cmd->sense), true,
						   1, 4);
		if (ret > 0)
			cmd->sense_len = ret;
		return -EINVAL;
	case SCST_LOOKUP_TRUNCATED:
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_FIELD_IN_CDB);
		return -EINVAL;
	default:
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_OPCODE);
		return -EINVAL;
	}
	cmd->op = op;

	/*
	 * CONTROL byte (SAM-5 5.2): ACA is not supported, so NACA must be
	 * zero; bits 1..0 (obsolete LINK and FLAG) must be zero as linked
	 * commands are not supported either.
	 */
	control = cdb[op->cdb_len - 1];
	if (control & 0x07)
		return scst_cdb_invalid_field(cmd, op->cdb_len - 1,
					      fls(control & 0x07) - 1);

	if (op->flags & SCST_OPF_LBA) {
		lba = scst_get_be(&cdb[op->lba_off], op->lba_len);
		/* READ(6) and WRITE(6) have a 21-bit LBA. */
		if (op->cdb_len == 6)
			lba &= 0x1fffff;
	}
	if (op->len_len)
		n = scst_get_be(&cdb[op->len_off], op->len_len);
	if ((op->flags & SCST_OPF_LEN0_256) && !n)
		n = 256;

	dir = op->dir;
	xfer = n;
	if (op->flags & SCST_OPF_BLOCKS)
		xfer = (u64)n << shift;

	ret = scst_decode_special(cmd, shift, n, &dir, &xfer);
	if (ret)
		return ret;

	if (dir == SCST_DATA_NONE || !xfer) {
		dir = SCST_DATA_NONE;
		xfer = 0;
	}

	/*
	 * Block transfers are limited to the MAXIMUM TRANSFER LENGTH of the
	 * Block Limits VPD page (SBC-3 6.5.3).
	 */
	if (xfer > U32_MAX ||
	    ((op->flags & SCST_OPF_BLOCKS) && xfer > SCST_MAX_XFER_LEN))
		return scst_cdb_invalid_field(cmd, op->len_off, 7);

	if ((op->flags & (SCST_OPF_LBA | SCST_OPF_BLOCKS)) ==
	    (SCST_OPF_LBA | SCST_OPF_BLOCKS) &&
	    check_add_overflow(lba, (u64)n, &end)) {
		/* SBC-3 4.5: beyond any capacity, so out of range */
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_LBA_OUT_OF_RANGE);
		return -EINVAL;
	}

	cmd->data_direction = dir;
	cmd->lba = lba;
	if (op->flags & SCST_OPF_BLOCKS)
		cmd->nr_blocks = n;
	cmd->bufflen = xfer;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(scst_decode_cdb);
