// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk dev handlers: the SBC-3 command set.
 *
 * This file turns block commands into requests to a backend (struct
 * vdisk_backend_ops) and answers the commands that need no backing store
 * (READ CAPACITY, START STOP UNIT, FORMAT UNIT, PRE-FETCH). MODE SENSE,
 * MODE SELECT and LOG SENSE are in vdisk_mode.c, the logical block
 * provisioning commands in vdisk_lbp.c. The core has decoded the CDB:
 * cmd->lba, cmd->nr_blocks and the data buffer are valid here, the
 * CONTROL byte and the fields the decoder knows are checked, and writes
 * to a write-protected device or LUN are already rejected.
 *
 * Commands the handler does not implement return SCST_EXEC_NOT_HANDLED
 * and are answered (or rejected) by the core.
 */
#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "vdisk.h"

/* Opcodes not in <scsi/scsi_proto.h> (SBC-3) */
#define VDISK_PRE_FETCH_16	0x90

#define VDISK_RC16_LEN		32

static enum scst_context vdisk_ctx(const struct scst_cmd *cmd)
{
	return cmd->dev->handler->exec_may_sleep ? SCST_CONTEXT_DIRECT :
		SCST_CONTEXT_DIRECT_ATOMIC;
}

/**
 * vdisk_gfp() - allocation flags for the exec path of a command
 * @cmd: the command being executed
 *
 * Return: GFP_KERNEL if the handler's exec may sleep, else GFP_ATOMIC.
 */
gfp_t vdisk_gfp(const struct scst_cmd *cmd)
{
	return cmd->dev->handler->exec_may_sleep ? GFP_KERNEL : GFP_ATOMIC;
}

/**
 * vdisk_done() - complete a command from within the exec callback
 * @cmd: the command, whose status is set
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_done(struct scst_cmd *cmd)
{
	scst_cmd_exec_done(cmd, vdisk_ctx(cmd));
	return SCST_EXEC_COMPLETED;
}

/**
 * vdisk_fail() - fail a command with CHECK CONDITION from within exec
 * @cmd: the command
 * @key: sense key
 * @asc_ascq: additional sense code and qualifier
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_fail(struct scst_cmd *cmd, u8 key, u16 asc_ascq)
{
	scst_set_cmd_error(cmd, key, asc_ascq);
	return vdisk_done(cmd);
}

/**
 * vdisk_invalid_field() - fail a command with INVALID FIELD IN CDB or
 *	INVALID FIELD IN PARAMETER LIST and a field pointer
 * @cmd: the command
 * @in_cdb: the field is in the CDB, not in the parameter list
 * @byte: the byte of the field
 * @bit: its most significant bit, or -1
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_invalid_field(struct scst_cmd *cmd, bool in_cdb,
					  unsigned int byte, int bit)
{
	scst_set_invalid_field(cmd, in_cdb, byte, bit);
	return vdisk_done(cmd);
}

static bool vdisk_io_writes(enum vdisk_io_type type)
{
	switch (type) {
	case VDISK_IO_READ:
	case VDISK_IO_COMPARE:
	case VDISK_IO_COMPARE_BLOCK:
		return false;
	default:
		return true;
	}
}

/**
 * vdisk_io_done() - complete a backend request
 * @cmd: the command the request was submitted for
 * @type: the request type
 * @err: 0 or the backend's -errno
 * @ctx: the context the caller runs in
 *
 * Sets the status of @cmd from @err and hands it back to the core.
 */
void vdisk_io_done(struct scst_cmd *cmd, enum vdisk_io_type type, int err,
		   enum scst_context ctx)
{
	bool write = vdisk_io_writes(type);

	switch (err) {
	case 0:
		if (type == VDISK_IO_READ)
			cmd->data_len = (u64)cmd->nr_blocks <<
					cmd->dev->block_shift;
		break;
	case -ENOMEM:
	case -EAGAIN:
		/* Transient: let the initiator retry (SAM-5 5.3.1). */
		scst_set_cmd_status(cmd, SAM_STAT_BUSY);
		break;
	case -ENOSPC:
	case -EDQUOT:
		/*
		 * The backing store ran out of space for the write: SPACE
		 * ALLOCATION FAILED WRITE PROTECT (SBC-3 4.7).
		 */
		if (write) {
			scst_set_cmd_error(cmd, DATA_PROTECT,
					   SCST_ASC_SPACE_ALLOC_FAILED_WP);
			break;
		}
		fallthrough;
	default:
		if (write)
			scst_set_cmd_error(cmd, MEDIUM_ERROR,
					   SCST_ASC_WRITE_ERROR);
		else
			scst_set_cmd_error(cmd, MEDIUM_ERROR,
					   SCST_ASC_READ_ERROR);
		break;
	}
	scst_cmd_exec_done(cmd, ctx);
}

/**
 * vdisk_miscompare() - complete a compare request that found a difference
 * @cmd: the VERIFY command
 * @offset: byte offset of the first difference from the start of the
 *	verified range
 * @ctx: the context the caller runs in
 */
void vdisk_miscompare(struct scst_cmd *cmd, u64 offset,
		      enum scst_context ctx)
{
	scst_set_cmd_error_info(cmd, MISCOMPARE, SCST_ASC_MISCOMPARE_VERIFY,
				offset);
	scst_cmd_exec_done(cmd, ctx);
}

/*
 * Compare @len bytes of the command's buffer, from byte @off on, with
 * @buf, or with zeroes if @buf is NULL. Does not sleep.
 *
 * Return: the offset from @off of the first difference, or @len.
 */
static u32 vdisk_sg_compare(struct scst_cmd *cmd, u32 off, const u8 *buf,
			    u32 len)
{
	struct sg_mapping_iter miter;
	u32 done = 0;

	sg_miter_start(&miter, cmd->sg, cmd->sg_cnt,
		       SG_MITER_ATOMIC | SG_MITER_FROM_SG);
	if (!sg_miter_skip(&miter, off)) {
		sg_miter_stop(&miter);
		return 0;
	}
	while (done < len && sg_miter_next(&miter)) {
		u32 n = min_t(size_t, miter.length, len - done);
		const u8 *p = miter.addr;
		u32 i;

		if (!buf) {
			const u8 *nz = memchr_inv(p, 0, n);

			if (nz) {
				done += nz - p;
				break;
			}
		} else if (memcmp(p, buf + done, n)) {
			for (i = 0; p[i] == buf[done + i]; i++)
				;
			done += i;
			break;
		}
		done += n;
	}
	sg_miter_stop(&miter);
	return done;
}

/**
 * vdisk_compare_medium() - compare medium data with a VERIFY command's data
 * @cmd: the VERIFY command
 * @type: %VDISK_IO_COMPARE or %VDISK_IO_COMPARE_BLOCK
 * @off: byte offset of @medium from the start of the verified range; a
 *	multiple of the block size for %VDISK_IO_COMPARE_BLOCK
 * @medium: @len bytes read from the medium, or NULL for zeroes
 * @len: bytes to compare
 *
 * Does not sleep.
 *
 * Return: the offset from @off of the first byte that differs, or @len if
 * all are equal.
 */
u32 vdisk_compare_medium(struct scst_cmd *cmd, enum vdisk_io_type type,
			 u64 off, const void *medium, u32 len)
{
	const u8 *data = medium;
	u32 bs = cmd->dev->block_size;
	u32 done = 0;

	if (type == VDISK_IO_COMPARE)
		return vdisk_sg_compare(cmd, off, data, len);

	/* BYTCHK 11b: every block is compared with the first data block. */
	while (done < len) {
		u32 n = min(len - done, bs);
		u32 m = vdisk_sg_compare(cmd, 0, data ? data + done : NULL, n);

		if (m < n)
			return done + m;
		done += n;
	}
	return len;
}

/**
 * vdisk_buf_is_zero() - whether the start of a command's buffer is zero
 * @cmd: the command
 * @len: bytes to check
 *
 * Does not sleep.
 *
 * Return: true if the first @len bytes of cmd->sg are all zero.
 */
bool vdisk_buf_is_zero(struct scst_cmd *cmd, u32 len)
{
	return vdisk_sg_compare(cmd, 0, NULL, len) == len;
}

/*
 * The RDPROTECT, WRPROTECT and VRPROTECT fields (byte 1 bits 7..5) must be
 * zero on a logical unit without protection information (SBC-3 READ,
 * WRITE and VERIFY commands). The 6-byte CDBs
 * have no such field; the core checks their reserved bits.
 */
static bool vdisk_protect_field_set(const struct scst_cmd *cmd)
{
	return cmd->cdb_len > 6 && (cmd->cdb[1] & 0xe0);
}

/* Make sure the buffer the core attached covers @len bytes. */
static bool vdisk_buf_ok(const struct scst_cmd *cmd, u64 len)
{
	return !len || (cmd->sg && cmd->buf_len >= len);
}

/* Whether writes must be stable on completion: WCE is 0 (Caching page). */
static bool vdisk_write_through(const struct vdisk_dev *vd)
{
	return !READ_ONCE(vd->mode.wce);
}

/*
 * SBC-3 READ(6/10/12/16), WRITE(6/10/12/16) and WRITE AND
 * VERIFY(10/12/16) (@verify).
 *
 * DPO is a cache retention hint and is ignored. FUA on a read asks for
 * the data from the medium; the page cache and the block layer always
 * return the most recent data, so it needs nothing. FUA on a write, a
 * write-through device (WCE 0) and WRITE AND VERIFY make the data stable
 * before the command completes.
 */
static enum scst_exec_result vdisk_exec_rw(struct scst_cmd *cmd, bool write,
					   bool verify)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	u64 len = (u64)cmd->nr_blocks << dev->block_shift;
	bool fua;

	if (vdisk_protect_field_set(cmd))
		return vdisk_invalid_field(cmd, true, 1, 7);
	/*
	 * WRITE AND VERIFY: BYTCHK is byte 1 bit 1; bit 2 is reserved in
	 * SBC-3 (and BYTCHK 10b/11b are not allowed by later revisions).
	 * With or without BYTCHK the data is written to stable storage and
	 * then is what the medium holds: the verification cannot fail.
	 */
	if (verify && (cmd->cdb[1] & 0x04))
		return vdisk_invalid_field(cmd, true, 1, 2);
	if (!vdisk_lba_in_range(dev->nr_blocks, cmd->lba, cmd->nr_blocks))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_LBA_OUT_OF_RANGE);
	/* SBC-3: a TRANSFER LENGTH of zero is not an error. */
	if (!len)
		return vdisk_done(cmd);
	if (WARN_ON_ONCE(!vdisk_buf_ok(cmd, len)))
		return vdisk_fail(cmd, HARDWARE_ERROR,
				  SCST_ASC_INTERNAL_TARGET_FAILURE);

	fua = write && (verify || scst_cmd_fua(cmd) ||
			vdisk_write_through(vd));
	vd->ops->submit(vd, cmd, write ? VDISK_IO_WRITE : VDISK_IO_READ,
			(loff_t)cmd->lba << dev->block_shift, len, fua);
	return SCST_EXEC_COMPLETED;
}

/* SBC-3 VERIFY(10), VERIFY(12) and VERIFY(16) */
static enum scst_exec_result vdisk_exec_verify(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	u8 bytchk = (cmd->cdb[1] >> 1) & 0x03;
	u64 len = (u64)cmd->nr_blocks << dev->block_shift;
	enum vdisk_io_type type;

	if (vdisk_protect_field_set(cmd))
		return vdisk_invalid_field(cmd, true, 1, 7);
	if (!vdisk_lba_in_range(dev->nr_blocks, cmd->lba, cmd->nr_blocks))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_LBA_OUT_OF_RANGE);
	/*
	 * BYTCHK 00b: only the medium would be checked, and neither backend
	 * can detect a medium error without the data being read by an
	 * initiator; report success. A VERIFICATION LENGTH of zero verifies
	 * nothing.
	 */
	if (!bytchk || !len)
		return vdisk_done(cmd);

	switch (bytchk) {
	case 1:
		type = VDISK_IO_COMPARE;
		if (WARN_ON_ONCE(!vdisk_buf_ok(cmd, len)))
			return vdisk_fail(cmd, HARDWARE_ERROR,
					  SCST_ASC_INTERNAL_TARGET_FAILURE);
		break;
	case 3:
		type = VDISK_IO_COMPARE_BLOCK;
		if (WARN_ON_ONCE(!vdisk_buf_ok(cmd, dev->block_size)))
			return vdisk_fail(cmd, HARDWARE_ERROR,
					  SCST_ASC_INTERNAL_TARGET_FAILURE);
		break;
	default:
		/* 10b is reserved; the decoder rejects it already. */
		return vdisk_invalid_field(cmd, true, 1, 2);
	}

	vd->ops->submit(vd, cmd, type, (loff_t)cmd->lba << dev->block_shift,
			len, false);
	return SCST_EXEC_COMPLETED;
}

/**
 * vdisk_flush() - make a range of the medium stable and complete a command
 * @cmd: the command
 * @lba: first logical block
 * @nr_blocks: number of logical blocks; 0 completes @cmd at once
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_flush(struct scst_cmd *cmd, u64 lba,
				  u64 nr_blocks)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);

	/* Nothing can be dirty on a device that takes no writes. */
	if (dev->read_only || !nr_blocks)
		return vdisk_done(cmd);

	vd->ops->submit(vd, cmd, VDISK_IO_FLUSH, (loff_t)lba << dev->block_shift,
			nr_blocks << dev->block_shift, false);
	return SCST_EXEC_COMPLETED;
}

/*
 * SBC-3 SYNCHRONIZE CACHE(10) and (16). The IMMED bit may be
 * honoured by completing the command after the flush, which is what is
 * done here.
 */
static enum scst_exec_result vdisk_exec_sync_cache(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	u64 nr_blocks = cmd->nr_blocks;

	if (!vdisk_lba_in_range(dev->nr_blocks, cmd->lba, nr_blocks))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_LBA_OUT_OF_RANGE);
	/* NUMBER OF LOGICAL BLOCKS zero: up to the last LBA. */
	if (!nr_blocks)
		nr_blocks = dev->nr_blocks - cmd->lba;
	return vdisk_flush(cmd, cmd->lba, nr_blocks);
}

/*
 * SBC-3 PRE-FETCH(10) and (16). Byte 1: bits 7..2 reserved,
 * bit 1 IMMED, bit 0 obsolete (10) or reserved (16). GOOD status tells
 * the initiator that the cache could not take all the blocks, which is
 * always a correct answer; CONDITION MET is never returned.
 */
static enum scst_exec_result vdisk_exec_prefetch(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;

	if (cmd->cdb[1] & 0xfd)
		return vdisk_invalid_field(cmd, true, 1,
					   fls(cmd->cdb[1] & 0xfd) - 1);
	if (!vdisk_lba_in_range(dev->nr_blocks, cmd->lba, cmd->nr_blocks))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_LBA_OUT_OF_RANGE);
	return vdisk_done(cmd);
}

/*
 * SBC-3 FORMAT UNIT. Byte 1: FMTPINFO (7..6), LONGLIST (5), FMTDATA
 * (4), CMPLST (3), DEFECT LIST FORMAT (2..0). Without FMTDATA no parameter
 * list is sent and the device server formats with its defaults: a virtual
 * disk has nothing to do, and its data is left as it is. Protection
 * information (FMTPINFO) and parameter lists (defect lists, the
 * initialization pattern) are not supported.
 */
static enum scst_exec_result vdisk_exec_format_unit(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;

	if (cdb[1] & 0xc0)
		return vdisk_invalid_field(cmd, true, 1, 7);
	if (cdb[1] & 0x10)
		return vdisk_invalid_field(cmd, true, 1, 4);
	return vdisk_done(cmd);
}

/* SBC-3 START STOP UNIT */
static enum scst_exec_result vdisk_exec_start_stop(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	u8 power_cond = cdb[4] >> 4;
	bool no_flush = cdb[4] & BIT(2);
	bool start = cdb[4] & BIT(0);

	/* Reserved: byte 1 bits 7..1, byte 2, byte 3 bits 7..4, byte 4 bit 3 */
	if (cdb[1] & 0xfe)
		return vdisk_invalid_field(cmd, true, 1, fls(cdb[1]) - 1);
	if (cdb[2])
		return vdisk_invalid_field(cmd, true, 2, fls(cdb[2]) - 1);
	if (cdb[3] & 0xf0)
		return vdisk_invalid_field(cmd, true, 3, fls(cdb[3]) - 1);
	if (cdb[4] & 0x08)
		return vdisk_invalid_field(cmd, true, 4, 3);
	/*
	 * Only POWER CONDITION 0h (START_VALID) is supported: the unit has
	 * no power conditions (no Power Condition mode page). The POWER
	 * CONDITION MODIFIER is reserved with it.
	 */
	if (power_cond)
		return vdisk_invalid_field(cmd, true, 4, 7);
	if (cdb[3] & 0x0f)
		return vdisk_invalid_field(cmd, true, 3, 3);
	/*
	 * Stopping has no effect on a virtual disk, and its non-removable
	 * medium cannot be loaded or ejected (LOEJ). A stop without NO_FLUSH
	 * first writes cached data to the medium.
	 */
	if (!start && !no_flush)
		return vdisk_flush(cmd, 0, cmd->dev->nr_blocks);
	return vdisk_done(cmd);
}

/* SBC-3 READ CAPACITY(10) */
static enum scst_exec_result vdisk_exec_read_capacity(struct scst_cmd *cmd)
{
	const struct scst_device *dev = cmd->dev;
	u64 nr_blocks = READ_ONCE(dev->nr_blocks);
	u8 buf[8];

	/*
	 * RETURNED LOGICAL BLOCK ADDRESS is the last LBA, or FFFFFFFFh when
	 * it does not fit, telling the initiator to use READ CAPACITY(16).
	 * PMI is obsolete; the decoder has checked the LBA field.
	 */
	put_unaligned_be32(min_t(u64, nr_blocks - 1, U32_MAX), &buf[0]);
	put_unaligned_be32(dev->block_size, &buf[4]);
	scst_cmd_copy_from_buf(cmd, buf, sizeof(buf));
	return vdisk_done(cmd);
}

/* SBC-3 READ CAPACITY(16) */
static enum scst_exec_result vdisk_exec_read_capacity16(struct scst_cmd *cmd)
{
	const struct scst_device *dev = cmd->dev;
	u32 alloc_len = get_unaligned_be32(&cmd->cdb[10]);
	u8 buf[VDISK_RC16_LEN] = {};

	put_unaligned_be64(READ_ONCE(dev->nr_blocks) - 1, &buf[0]);
	put_unaligned_be32(dev->block_size, &buf[8]);
	/*
	 * Byte 12: no protection information (P_TYPE, PROT_EN zero).
	 * Byte 13: P_I_EXPONENT 0, LOGICAL BLOCKS PER PHYSICAL BLOCK
	 * EXPONENT 0 (one logical block per physical block).
	 * Byte 14: LBPME (bit 7) when logical block provisioning management
	 * is enabled, LBPRZ (bit 6) when unmapped blocks read as zeroes
	 * (SBC-3 4.7); LOWEST ALIGNED LOGICAL BLOCK ADDRESS 0.
	 */
	if (dev->thin_provisioned) {
		buf[14] |= BIT(7);
		if (dev->lbprz)
			buf[14] |= BIT(6);
	}
	scst_cmd_copy_from_buf(cmd, buf, min_t(u32, alloc_len, sizeof(buf)));
	return vdisk_done(cmd);
}

static enum scst_exec_result vdisk_exec_read(struct scst_cmd *cmd)
{
	return vdisk_exec_rw(cmd, false, false);
}

static enum scst_exec_result vdisk_exec_write(struct scst_cmd *cmd)
{
	return vdisk_exec_rw(cmd, true, false);
}

static enum scst_exec_result vdisk_exec_write_verify(struct scst_cmd *cmd)
{
	return vdisk_exec_rw(cmd, true, true);
}

typedef enum scst_exec_result (*vdisk_exec_fn)(struct scst_cmd *cmd);

/*
 * The function executing the command with operation code @opcode and, for
 * SERVICE ACTION IN(16), service action @sa; NULL for the commands the
 * core answers and those not supported. vdisk_exec() and
 * vdisk_op_supported() both look here, so REPORT SUPPORTED OPERATION
 * CODES lists exactly what is executed.
 */
static vdisk_exec_fn vdisk_find_exec(u8 opcode, u16 sa)
{
	switch (opcode) {
	case READ_6:
	case READ_10:
	case READ_12:
	case READ_16:
		return vdisk_exec_read;
	case WRITE_6:
	case WRITE_10:
	case WRITE_12:
	case WRITE_16:
		return vdisk_exec_write;
	case WRITE_VERIFY:
	case WRITE_VERIFY_12:
	case WRITE_VERIFY_16:
		return vdisk_exec_write_verify;
	case VERIFY:
	case VERIFY_12:
	case VERIFY_16:
		return vdisk_exec_verify;
	case SYNCHRONIZE_CACHE:
	case SYNCHRONIZE_CACHE_16:
		return vdisk_exec_sync_cache;
	case PRE_FETCH:
	case VDISK_PRE_FETCH_16:
		return vdisk_exec_prefetch;
	case FORMAT_UNIT:
		return vdisk_exec_format_unit;
	case START_STOP:
		return vdisk_exec_start_stop;
	case READ_CAPACITY:
		return vdisk_exec_read_capacity;
	case SERVICE_ACTION_IN_16:
		if (sa == SAI_READ_CAPACITY_16)
			return vdisk_exec_read_capacity16;
		if (sa == SAI_GET_LBA_STATUS)
			return vdisk_exec_get_lba_status;
		return NULL;
	case MODE_SENSE:
	case MODE_SENSE_10:
		return vdisk_exec_mode_sense;
	case MODE_SELECT:
	case MODE_SELECT_10:
		return vdisk_exec_mode_select;
	case LOG_SENSE:
		return vdisk_exec_log_sense;
	case UNMAP:
		return vdisk_exec_unmap;
	case WRITE_SAME:
	case WRITE_SAME_16:
		return vdisk_exec_write_same;
	default:
		return NULL;
	}
}

/**
 * vdisk_op_supported() - whether vdisk_exec() executes a command
 * @dev: a vdisk device
 * @op: a decode table entry of a command for direct access block devices
 *
 * The op_supported callback of the vdisk dev types, for REPORT SUPPORTED
 * OPERATION CODES. Not among the commands are PREVENT ALLOW MEDIUM REMOVAL
 * (a vdisk has no removable medium) and, without logical block
 * provisioning (LBPU 0, no Logical Block Provisioning VPD page), UNMAP
 * (SBC-3 logical block provisioning). Both are failed by the core with
 * INVALID COMMAND OPERATION CODE.
 *
 * Return: true if vdisk_exec() executes @op on @dev.
 */
bool vdisk_op_supported(const struct scst_device *dev,
			const struct scst_opcode_desc *op)
{
	/* Set by the backend's attach, constant while enabled */
	if (op->opcode == UNMAP && !dev->thin_provisioned)
		return false;
	return vdisk_find_exec(op->opcode, op->sa);
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_op_supported);

/**
 * vdisk_exec() - execute a command on a vdisk device
 * @cmd: the command
 *
 * The exec callback of the vdisk dev types.
 *
 * Return: %SCST_EXEC_COMPLETED, or %SCST_EXEC_NOT_HANDLED for the commands
 * the core answers (INQUIRY, REPORT LUNS, REQUEST SENSE, TEST UNIT READY)
 * and those not supported.
 */
enum scst_exec_result vdisk_exec(struct scst_cmd *cmd)
{
	struct vdisk_dev *vd = vdisk_from_dev(cmd->dev);
	vdisk_exec_fn fn;

	/*
	 * SPC-4 Control mode page: with SWP set in the Control mode page, every
	 * command that writes to the medium fails with DATA PROTECT, WRITE
	 * PROTECTED. (The core has rejected writes to a read-only device or LUN
	 * already.)
	 */
	if (cmd->op && (cmd->op->flags & SCST_OPF_WRITE_MEDIUM) &&
	    READ_ONCE(vd->mode.swp))
		return vdisk_fail(cmd, DATA_PROTECT, SCST_ASC_WRITE_PROTECTED);

	fn = vdisk_find_exec(cmd->cdb[0], cmd->cdb[1] & 0x1f);
	return fn ? fn(cmd) : SCST_EXEC_NOT_HANDLED;
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_exec);
