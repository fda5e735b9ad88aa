/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST: constants shared by the core, dev handlers and target drivers.
 *
 * Opcodes, sense keys and SAM status codes come from <scsi/scsi_proto.h>
 * and <scsi/scsi_status.h>; this file adds the additional sense codes and
 * the CDB decode table entry the target side needs.
 */
#ifndef _SCST_SCST_CONST_H
#define _SCST_SCST_CONST_H

#include <linux/types.h>

/*
 * Additional sense code and qualifier pairs (SPC-4 annex D), as one value:
 * the ASC in the high byte, the ASCQ in the low one.
 */
#define SCST_ASC(code)		((u8)((code) >> 8))
#define SCST_ASCQ(code)		((u8)((code) & 0xff))
#define SCST_ASC_NO_ADDITIONAL_SENSE		0x0000
#define SCST_ASC_LUN_NOT_READY_MANUAL		0x0403
#define SCST_ASC_WRITE_ERROR			0x0c00
#define SCST_ASC_READ_ERROR			0x1100
#define SCST_ASC_MISCOMPARE_VERIFY		0x1d00
#define SCST_ASC_PARAM_LIST_LENGTH_ERROR	0x1a00
#define SCST_ASC_INVALID_OPCODE			0x2000
#define SCST_ASC_LBA_OUT_OF_RANGE		0x2100
#define SCST_ASC_INVALID_FIELD_IN_CDB		0x2400
#define SCST_ASC_LUN_NOT_SUPPORTED		0x2500
#define SCST_ASC_INVALID_FIELD_IN_PARAM_LIST	0x2600
#define SCST_ASC_WRITE_PROTECTED		0x2700
#define SCST_ASC_SPACE_ALLOC_FAILED_WP		0x2707
#define SCST_ASC_POWER_ON_RESET			0x2900
#define SCST_ASC_BUS_DEVICE_RESET		0x2903
#define SCST_ASC_I_T_NEXUS_LOSS			0x2907
#define SCST_ASC_MEDIUM_MAY_HAVE_CHANGED	0x2800
#define SCST_ASC_MODE_PARAMETERS_CHANGED	0x2a01
#define SCST_ASC_CAPACITY_DATA_CHANGED		0x2a09
#define SCST_ASC_COMMANDS_CLEARED_BY_ANOTHER	0x2f00
#define SCST_ASC_SAVING_PARAMS_UNSUP		0x3900
#define SCST_ASC_MEDIUM_NOT_PRESENT		0x3a00
#define SCST_ASC_REPORTED_LUNS_CHANGED		0x3f0e
#define SCST_ASC_INTERNAL_TARGET_FAILURE	0x4400
#define SCST_ASC_INVALID_MESSAGE		0x4900
#define SCST_ASC_OVERLAPPED_COMMANDS		0x4e00
#define SCST_ASC_MEDIA_LOAD_EJECT_FAILED	0x5300
#define SCST_ASC_MEDIUM_REMOVAL_PREVENTED	0x5302

/*
 * Largest data transfer of one command, reported as the MAXIMUM TRANSFER
 * LENGTH of the Block Limits VPD page; a target driver must accept it.
 */
#define SCST_MAX_XFER_LEN	(8U << 20)

/*
 * Version descriptors of standard INQUIRY data (SPC-4, table of version
 * descriptor values), each "no version claimed"
 */
#define SCST_VD_SAM5		0x00a0
#define SCST_VD_SPC4		0x0460
#define SCST_VD_SBC3		0x04c0
#define SCST_VD_MMC6		0x04e0
#define SCST_VD_SRP		0x0940

/* Flags of struct scst_opcode_desc */
#define SCST_OPF_LBA		BIT(0)	/* has an LBA at lba_off/lba_len */
#define SCST_OPF_BLOCKS		BIT(1)	/* length counts logical blocks */
#define SCST_OPF_ALLOC_LEN	BIT(2)	/* length is an allocation length */
#define SCST_OPF_PARAM_LEN	BIT(3)	/* length is a parameter list length */
#define SCST_OPF_WRITE_MEDIUM	BIT(4)	/* modifies the medium */
#define SCST_OPF_ANY_LUN	BIT(5)	/* valid for an unmapped LUN */
#define SCST_OPF_LEN0_256	BIT(6)	/* a length of 0 means 256 blocks */
#define SCST_OPF_FUA		BIT(7)	/* byte 1 bit 3 is FUA */
#define SCST_OPF_NO_UA		BIT(8)	/* not failed by a unit attention */
#define SCST_OPF_BYTCHK		BIT(9)	/* data only when BYTCHK is set */
#define SCST_OPF_SHARED_STATE	BIT(13)	/* changes what all nexuses share */
/* Device types a command applies to, for REPORT SUPPORTED OPERATION CODES */
#define SCST_OPF_SPC		BIT(10)	/* every device type */
#define SCST_OPF_SBC		BIT(11)	/* direct access block devices */
#define SCST_OPF_MMC		BIT(12)	/* CD/DVD devices */

/* Size of the CDB usage bitmap of struct scst_opcode_desc */
#define SCST_OPC_USAGE_LEN	16

/* The service action field is not used by this opcode */
#define SCST_NO_SA		0xffff

/**
 * struct scst_opcode_desc - one entry of the CDB decode table
 * @opcode: operation code
 * @sa: service action, or SCST_NO_SA
 * @cdb_len: CDB length in bytes
 * @dir: &enum scst_data_direction of the data
 * @flags: SCST_OPF_* bits
 * @lba_off: offset of the LBA field in the CDB
 * @lba_len: size of the LBA field in bytes (0: none)
 * @len_off: offset of the transfer, allocation or parameter list length
 * @len_len: size of the length field in bytes (0: none)
 * @name: command name, for logs and REPORT SUPPORTED OPERATION CODES
 * @usage: CDB USAGE DATA of REPORT SUPPORTED OPERATION CODES (SPC-4
 *	6.35.3), by CDB byte: the SERVICE ACTION field holds the service
 *	action, every other bit is set if the device server looks at it;
 *	byte 0 is unused (the opcode is reported there)
 */
struct scst_opcode_desc {
	u8 opcode;
	u16 sa;
	u8 cdb_len;
	u8 dir;
	u16 flags;
	u8 lba_off;
	u8 lba_len;
	u8 len_off;
	u8 len_len;
	const char *name;
	u8 usage[SCST_OPC_USAGE_LEN];
};

#endif /* _SCST_SCST_CONST_H */
