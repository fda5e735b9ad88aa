// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk dev handlers: the SBC-3 command set.
 *
 * This file turns block commands into requests to a backend (struct
 * vdisk_backend_ops) and answers the commands that need no backing store
 * (READ CAPACITY, MODE SENSE, START STOP UNIT). The core has decoded the
 * CDB: cmd->lba, cmd->nr_blocks and the data buffer are valid here, the
 * CONTROL byte and the fields the decoder knows are checked, and writes
 * to a write-protected LUN are already rejected.
 *
 * Commands the handler does not implement return SCST_EXEC_NOT_HANDLED
 * and are answered (or rejected) by the core.
 */
#include <linux/bits.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "vdisk.h"

/* Page control field of MODE SENSE (SPC-4 6.11.1) */
enum {
	VDISK_PC_CURRENT	= 0,
	VDISK_PC_CHANGEABLE	= 1,
	VDISK_PC_DEFAULT	= 2,
	VDISK_PC_SAVED		= 3,
};

#define VDISK_MPAGE_CACHING		0x08
#define VDISK_MPAGE_CACHING_LEN		20
#define VDISK_MPAGE_CONTROL		0x0a
#define VDISK_MPAGE_CONTROL_LEN		12
#define VDISK_MPAGE_ALL			0x3f
#define VDISK_MSUBPAGE_ALL		0xff

/* Mode parameter header, long LBA block descriptor and both pages */
#define VDISK_MODE_BUF_LEN	(8 + 16 + VDISK_MPAGE_CACHING_LEN + \
				 VDISK_MPAGE_CONTROL_LEN)

#define VDISK_RC16_LEN		32

static enum scst_context vdisk_ctx(const struct scst_cmd *cmd)
{
	return cmd->dev->handler->exec_may_sleep ? SCST_CONTEXT_DIRECT :
		SCST_CONTEXT_DIRECT_ATOMIC;
}

static enum scst_exec_result vdisk_done(struct scst_cmd *cmd)
{
	scst_cmd_exec_done(cmd, vdisk_ctx(cmd));
	return SCST_EXEC_COMPLETED;
}

static enum scst_exec_result vdisk_fail(struct scst_cmd *cmd, u8 key, u8 asc,
					u8 ascq)
{
	scst_set_cmd_error(cmd, key, asc, ascq);
	return vdisk_done(cmd);
}

/*
 * SBC-3: a command addressing blocks beyond the last LBA fails with
 * LOGICAL BLOCK ADDRESS OUT OF RANGE. A zero-length transfer at the LBA
 * just past the end addresses no block and is accepted.
 */
static bool vdisk_lba_in_range(const struct scst_device *dev, u64 lba,
			       u64 nr_blocks)
{
	return lba <= dev->nr_blocks && nr_blocks <= dev->nr_blocks - lba;
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
	bool write = type == VDISK_IO_WRITE || type == VDISK_IO_FLUSH;

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
		 * The backing file system ran out of space for the write:
		 * SPACE ALLOCATION FAILED WRITE PROTECT (SBC-3, thin
		 * provisioning).
		 */
		if (write) {
			scst_set_cmd_error(cmd, DATA_PROTECT, 0x27, 0x07);
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

/*
 * The RDPROTECT, WRPROTECT and VRPROTECT fields (byte 1 bits 7..5) must be
 * zero on a logical unit without protection information (SBC-3, READ,
 * WRITE and VERIFY commands). The 6-byte CDBs have no such field; the
 * core checks their reserved bits.
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

static enum scst_exec_result vdisk_exec_rw(struct scst_cmd *cmd, bool write)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	u64 len = (u64)cmd->nr_blocks << dev->block_shift;

	if (vdisk_protect_field_set(cmd))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_FIELD_IN_CDB);
	if (!vdisk_lba_in_range(dev, cmd->lba, cmd->nr_blocks))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_LBA_OUT_OF_RANGE);
	if (write && dev->read_only)
		return vdisk_fail(cmd, DATA_PROTECT, SCST_ASC_WRITE_PROTECTED);
	/* SBC-3 READ(10): a TRANSFER LENGTH of zero is not an error. */
	if (!len)
		return vdisk_done(cmd);
	if (WARN_ON_ONCE(!vdisk_buf_ok(cmd, len)))
		return vdisk_fail(cmd, HARDWARE_ERROR,
				  SCST_ASC_INTERNAL_TARGET_FAILURE);

	vd->ops->submit(vd, cmd, write ? VDISK_IO_WRITE : VDISK_IO_READ,
			(loff_t)cmd->lba << dev->block_shift, len,
			write && scst_cmd_fua(cmd));
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
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_FIELD_IN_CDB);
	if (!vdisk_lba_in_range(dev, cmd->lba, cmd->nr_blocks))
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
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_FIELD_IN_CDB);
	}

	vd->ops->submit(vd, cmd, type, (loff_t)cmd->lba << dev->block_shift,
			len, false);
	return SCST_EXEC_COMPLETED;
}

static enum scst_exec_result vdisk_flush(struct scst_cmd *cmd, u64 lba,
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
 * SBC-3 SYNCHRONIZE CACHE(10) and (16). The IMMED bit may be honoured
 * by completing the command after the flush, which is what is done here.
 */
static enum scst_exec_result vdisk_exec_sync_cache(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	u64 nr_blocks = cmd->nr_blocks;

	if (!vdisk_lba_in_range(dev, cmd->lba, nr_blocks))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_LBA_OUT_OF_RANGE);
	/* NUMBER OF LOGICAL BLOCKS zero: up to the last LBA. */
	if (!nr_blocks)
		nr_blocks = dev->nr_blocks - cmd->lba;
	return vdisk_flush(cmd, cmd->lba, nr_blocks);
}

/* SBC-3 START STOP UNIT */
static enum scst_exec_result vdisk_exec_start_stop(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	u8 power_cond = cdb[4] >> 4;
	bool no_flush = cdb[4] & BIT(2);
	bool start = cdb[4] & BIT(0);

	/* Reserved: byte 1 bits 7..1, byte 2, byte 3 bits 7..4, byte 4 bit 3 */
	if ((cdb[1] & 0xfe) || cdb[2] || (cdb[3] & 0xf0) || (cdb[4] & 0x08))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_FIELD_IN_CDB);
	/*
	 * Only POWER CONDITION 0h (START_VALID) is supported: the unit has
	 * no power conditions (no Power Condition mode page). The POWER
	 * CONDITION MODIFIER is reserved with it.
	 */
	if (power_cond || (cdb[3] & 0x0f))
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_FIELD_IN_CDB);
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
	u8 buf[8];

	/*
	 * RETURNED LOGICAL BLOCK ADDRESS is the last LBA, or FFFFFFFFh when
	 * it does not fit, telling the initiator to use READ CAPACITY(16).
	 * PMI is obsolete; the decoder has checked the LBA field.
	 */
	put_unaligned_be32(min_t(u64, dev->nr_blocks - 1, U32_MAX), &buf[0]);
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

	put_unaligned_be64(dev->nr_blocks - 1, &buf[0]);
	put_unaligned_be32(dev->block_size, &buf[8]);
	/*
	 * Byte 12: no protection information (P_TYPE, PROT_EN zero).
	 * Byte 13: P_I_EXPONENT 0, LOGICAL BLOCKS PER PHYSICAL BLOCK
	 * EXPONENT 0 (one logical block per physical block).
	 * Bytes 14..15: LBPME and LBPRZ zero (fully provisioned), LOWEST
	 * ALIGNED LOGICAL BLOCK ADDRESS 0.
	 */
	scst_cmd_copy_from_buf(cmd, buf, min_t(u32, alloc_len, sizeof(buf)));
	return vdisk_done(cmd);
}

/* SBC-3 Caching mode page */
static unsigned int vdisk_caching_page(const struct scst_device *dev, u8 pc,
				       u8 *p)
{
	const struct vdisk_dev *vd = vdisk_from_dev(dev);

	memset(p, 0, VDISK_MPAGE_CACHING_LEN);
	p[0] = VDISK_MPAGE_CACHING;	/* PS 0: the page cannot be saved */
	p[1] = VDISK_MPAGE_CACHING_LEN - 2;
	/* No field is changeable; current and default values are equal. */
	if (pc != VDISK_PC_CHANGEABLE && vd->ops->volatile_cache &&
	    !dev->write_through)
		p[2] |= BIT(2);		/* WCE */
	return VDISK_MPAGE_CACHING_LEN;
}

/* SPC-4 Control mode page */
static unsigned int vdisk_control_page(u8 pc, u8 *p)
{
	memset(p, 0, VDISK_MPAGE_CONTROL_LEN);
	p[0] = VDISK_MPAGE_CONTROL;
	p[1] = VDISK_MPAGE_CONTROL_LEN - 2;
	if (pc == VDISK_PC_CHANGEABLE)
		return VDISK_MPAGE_CONTROL_LEN;
	/*
	 * TST 000b (one task set), D_SENSE 0 (fixed format sense data),
	 * QERR 00b, TAS 0, SWP 0. QUEUE ALGORITHM MODIFIER 1h: commands with
	 * the SIMPLE task attribute may be executed in any order, which is
	 * what the core and the backends do.
	 */
	p[3] = 0x10;
	return VDISK_MPAGE_CONTROL_LEN;
}

/* SPC-4 6.11 MODE SENSE(6), 6.12 MODE SENSE(10); SBC-3 6.4 */
static enum scst_exec_result vdisk_exec_mode_sense(struct scst_cmd *cmd)
{
	const struct scst_device *dev = cmd->dev;
	const u8 *cdb = cmd->cdb;
	bool ms10 = cdb[0] == MODE_SENSE_10;
	bool dbd = cdb[1] & BIT(3);
	bool llbaa = ms10 && (cdb[1] & BIT(4));
	u8 pc = cdb[2] >> 6;
	u8 page = cdb[2] & 0x3f;
	u8 subpage = cdb[3];
	u32 alloc_len = ms10 ? get_unaligned_be16(&cdb[7]) : cdb[4];
	unsigned int hdr_len = ms10 ? 8 : 4;
	unsigned int bd_len = dbd ? 0 : (llbaa ? 16 : 8);
	unsigned int len = hdr_len + bd_len;
	u8 buf[VDISK_MODE_BUF_LEN] = {};
	u8 *bd = &buf[hdr_len];

	/* SPC-4 6.11.1: no mode page can be saved. */
	if (pc == VDISK_PC_SAVED)
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_SAVING_PARAMS_UNSUP);
	/*
	 * The pages have no subpages: subpage 00h is the page itself and
	 * FFh (all subpages) returns the same (SPC-4 6.11.1).
	 */
	if (subpage && subpage != VDISK_MSUBPAGE_ALL)
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_FIELD_IN_CDB);

	switch (page) {
	case VDISK_MPAGE_CACHING:
		len += vdisk_caching_page(dev, pc, &buf[len]);
		break;
	case VDISK_MPAGE_CONTROL:
		len += vdisk_control_page(pc, &buf[len]);
		break;
	case VDISK_MPAGE_ALL:
		len += vdisk_caching_page(dev, pc, &buf[len]);
		len += vdisk_control_page(pc, &buf[len]);
		break;
	default:
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_INVALID_FIELD_IN_CDB);
	}

	/*
	 * Block descriptor (SBC-3 6.4): NUMBER OF LOGICAL BLOCKS, which
	 * saturates at FFFFFFFFh in the short form, and LOGICAL BLOCK
	 * LENGTH.
	 */
	if (bd_len == 8) {
		put_unaligned_be32(min_t(u64, dev->nr_blocks, U32_MAX), &bd[0]);
		put_unaligned_be32(dev->block_size, &bd[4]);	/* byte 4: 0 */
	} else if (bd_len == 16) {
		put_unaligned_be64(dev->nr_blocks, &bd[0]);
		put_unaligned_be32(dev->block_size, &bd[12]);
	}

	/*
	 * Mode parameter header (SPC-4 mode parameters): MEDIUM TYPE 00h;
	 * DEVICE-SPECIFIC PARAMETER (SBC-3 6.4): WP, and DPOFUA as FUA is
	 * supported and DPO ignored without harm.
	 */
	if (ms10) {
		put_unaligned_be16(len - 2, &buf[0]);
		buf[3] = (dev->read_only ? BIT(7) : 0) | BIT(4);
		buf[4] = bd_len == 16 ? BIT(0) : 0;	/* LONGLBA */
		put_unaligned_be16(bd_len, &buf[6]);
	} else {
		buf[0] = len - 1;
		buf[2] = (dev->read_only ? BIT(7) : 0) | BIT(4);
		buf[3] = bd_len;
	}

	scst_cmd_copy_from_buf(cmd, buf, min(alloc_len, len));
	return vdisk_done(cmd);
}

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
	switch (cmd->cdb[0]) {
	case READ_6:
	case READ_10:
	case READ_12:
	case READ_16:
		return vdisk_exec_rw(cmd, false);
	case WRITE_6:
	case WRITE_10:
	case WRITE_12:
	case WRITE_16:
		return vdisk_exec_rw(cmd, true);
	case VERIFY:
	case VERIFY_12:
	case VERIFY_16:
		return vdisk_exec_verify(cmd);
	case SYNCHRONIZE_CACHE:
	case SYNCHRONIZE_CACHE_16:
		return vdisk_exec_sync_cache(cmd);
	case START_STOP:
		return vdisk_exec_start_stop(cmd);
	case READ_CAPACITY:
		return vdisk_exec_read_capacity(cmd);
	case SERVICE_ACTION_IN_16:
		if ((cmd->cdb[1] & 0x1f) == SAI_READ_CAPACITY_16)
			return vdisk_exec_read_capacity16(cmd);
		return SCST_EXEC_NOT_HANDLED;
	case MODE_SENSE:
	case MODE_SENSE_10:
		return vdisk_exec_mode_sense(cmd);
	default:
		return SCST_EXEC_NOT_HANDLED;
	}
}
