// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk dev handlers: logical block provisioning (SBC-3 4.7).
 *
 * UNMAP, WRITE SAME(10) and (16) and GET LBA STATUS (SBC-3). A backend that can
 * deallocate blocks sets dev->thin_provisioned (LBPME in READ CAPACITY(16))
 * and, if deallocated blocks read as zeroes, dev->lbprz when its device is
 * enabled. Anchored blocks (ANCHOR) are not supported.
 *
 * The parsers and builders are pure functions of their arguments, so that
 * they can be tested without a device (drivers/scst/tests).
 */
#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "vdisk.h"

#define VDISK_UNMAP_HDR_LEN	8
#define VDISK_UNMAP_DESC_LEN	16

/**
 * vdisk_parse_unmap() - parse and check an UNMAP parameter list
 * @cmd: the UNMAP command; failed on errors
 * @buf: the parameter list
 * @len: its length, non-zero
 * @capacity: capacity of the device in logical blocks
 * @max_lba_count: most blocks the whole list may unmap
 * @max_desc: most descriptors the list may hold
 * @r: set to the ranges to unmap, those with a non-zero count; room for
 *	(@len - 8) / 16 entries
 * @nr: set to the number of entries stored in @r
 *
 * SBC-3 UNMAP: the header is 8 bytes (UNMAP DATA LENGTH, UNMAP BLOCK
 * DESCRIPTOR DATA LENGTH, reserved), followed by 16-byte descriptors
 * (LBA, NUMBER OF LOGICAL BLOCKS, reserved). A block descriptor data
 * length that is not a multiple of 16 ends in an incomplete descriptor,
 * which is ignored; a count of zero unmaps nothing and is not an error.
 * Every descriptor is checked before anything is unmapped.
 *
 * Return: 0, or -EINVAL after failing @cmd with PARAMETER LIST LENGTH
 * ERROR (a header or descriptors beyond @len), INVALID FIELD IN
 * PARAMETER LIST (more than @max_desc descriptors or @max_lba_count
 * blocks) or LOGICAL BLOCK ADDRESS OUT OF RANGE.
 */
int vdisk_parse_unmap(struct scst_cmd *cmd, const u8 *buf, u32 len,
		      u64 capacity, u32 max_lba_count, u32 max_desc,
		      struct vdisk_range *r, unsigned int *nr)
{
	unsigned int bd_len, n, i, k = 0;
	u64 total = 0;

	*nr = 0;
	if (len < VDISK_UNMAP_HDR_LEN)
		goto len_error;
	bd_len = get_unaligned_be16(&buf[2]);
	n = bd_len / VDISK_UNMAP_DESC_LEN;
	if (n > max_desc) {
		scst_set_invalid_field(cmd, false, 2, 7);
		return -EINVAL;
	}
	if (bd_len > len - VDISK_UNMAP_HDR_LEN)
		goto len_error;

	for (i = 0; i < n; i++) {
		unsigned int off = VDISK_UNMAP_HDR_LEN + i * VDISK_UNMAP_DESC_LEN;
		u64 lba = get_unaligned_be64(&buf[off]);
		u32 cnt = get_unaligned_be32(&buf[off + 8]);

		if (!vdisk_lba_in_range(capacity, lba, cnt)) {
			scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
					   SCST_ASC_LBA_OUT_OF_RANGE);
			return -EINVAL;
		}
		total += cnt;
		if (total > max_lba_count) {
			scst_set_invalid_field(cmd, false, off + 8, 7);
			return -EINVAL;
		}
		if (cnt) {
			r[k].lba = lba;
			r[k].nr_blocks = cnt;
			k++;
		}
	}
	*nr = k;
	return 0;

len_error:
	scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
			   SCST_ASC_PARAM_LIST_LENGTH_ERROR);
	return -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_parse_unmap);

/**
 * vdisk_check_write_same() - check the CDB of WRITE SAME(10) or (16)
 * @cmd: the decoded command; failed on errors
 * @capacity: capacity of the device in logical blocks
 * @max_len: MAXIMUM WRITE SAME LENGTH of the Block Limits VPD page
 * @nr_blocks: set to the number of blocks to write
 *
 * Byte 1: WRPROTECT (7..5) must be zero without protection information, ANCHOR
 * (4) is not supported, UNMAP (3), PBDATA and LBDATA (2..1, obsolete in SBC-3)
 * are not supported, and bit 0 is NDOB in WRITE SAME(16) and obsolete in WRITE
 * SAME(10). A NUMBER OF LOGICAL BLOCKS of zero means up to the last LBA, as
 * WSNZ is zero (SBC-3 WRITE SAME, Block Limits VPD page).
 *
 * Return: 0, or -EINVAL after failing @cmd with INVALID FIELD IN CDB or
 * LOGICAL BLOCK ADDRESS OUT OF RANGE.
 */
int vdisk_check_write_same(struct scst_cmd *cmd, u64 capacity,
			   u64 max_len, u64 *nr_blocks)
{
	const u8 *cdb = cmd->cdb;
	bool ws16 = cdb[0] == WRITE_SAME_16;
	u8 bad = cdb[1] & (ws16 ? 0xf6 : 0xf7);
	u64 nr = cmd->nr_blocks;

	*nr_blocks = 0;
	if (bad) {
		/* A bit pointer names the first bit of a field (SPC-4 4.5.2.4.2). */
		scst_set_invalid_field(cmd, true, 1,
				       (bad & 0xe0) ? 7 : fls(bad) - 1);
		return -EINVAL;
	}
	if (!vdisk_lba_in_range(capacity, cmd->lba, nr)) {
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_LBA_OUT_OF_RANGE);
		return -EINVAL;
	}
	if (!nr)
		nr = capacity - cmd->lba;
	if (nr > max_len) {
		scst_set_invalid_field(cmd, true, ws16 ? 10 : 7, 7);
		return -EINVAL;
	}
	*nr_blocks = nr;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_check_write_same);

/**
 * vdisk_put_lba_status() - add an LBA status descriptor to GET LBA STATUS
 *	parameter data
 * @buf: the parameter data, at least 8 + 16 * (@nr_desc + 1) bytes
 * @nr_desc: number of descriptors already in @buf
 * @lba: first block of the extent
 * @nr_blocks: its length; saturates at FFFFFFFFh
 * @status: PROVISIONING STATUS, %VDISK_LBA_MAPPED or
 *	%VDISK_LBA_DEALLOCATED
 *
 * Stores descriptor @nr_desc (SBC-3 GET LBA STATUS) and updates the PARAMETER
 * DATA LENGTH of the header (SBC-3 GET LBA STATUS); the reserved bytes are
 * zeroed.
 *
 * Return: the length of the parameter data with the new descriptor.
 */
unsigned int vdisk_put_lba_status(u8 *buf, unsigned int nr_desc, u64 lba,
				  u64 nr_blocks, u8 status)
{
	u8 *d = &buf[8 + 16 * nr_desc];

	if (!nr_desc)
		memset(buf, 0, 8);
	memset(d, 0, 16);
	put_unaligned_be64(lba, &d[0]);
	put_unaligned_be32(min_t(u64, nr_blocks, U32_MAX), &d[8]);
	d[12] = status & 0x0f;
	put_unaligned_be32(4 + 16 * (nr_desc + 1), &buf[0]);
	return 8 + 16 * (nr_desc + 1);
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_put_lba_status);

/**
 * vdisk_exec_unmap() - execute UNMAP
 * @cmd: the command
 *
 * Return: %SCST_EXEC_COMPLETED, or %SCST_EXEC_NOT_HANDLED if the device
 * is not thin provisioned (LBPU 0: the core fails the command with
 * INVALID COMMAND OPERATION CODE).
 */
enum scst_exec_result vdisk_exec_unmap(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	u32 max_desc = dev->max_unmap_desc_count;
	struct vdisk_range *r;
	unsigned int nr;
	u32 len;
	u8 *buf;
	int ret;

	if (!dev->thin_provisioned)
		return SCST_EXEC_NOT_HANDLED;
	/* Byte 1: reserved bits 7..1, ANCHOR (0). */
	if (cmd->cdb[1])
		return vdisk_invalid_field(cmd, true, 1, fls(cmd->cdb[1]) - 1);
	/* SBC-3 UNMAP: a PARAMETER LIST LENGTH of zero is not an error. */
	if (!cmd->bufflen)
		return vdisk_done(cmd);

	/*
	 * More than the largest list of valid descriptors (plus a partial
	 * one) need not be looked at: its UNMAP BLOCK DESCRIPTOR DATA
	 * LENGTH is then either too large or within what was copied.
	 */
	len = min_t(u32, cmd->bufflen, VDISK_UNMAP_HDR_LEN +
		    (max_desc + 1) * VDISK_UNMAP_DESC_LEN - 1);
	buf = kmalloc(len, vdisk_gfp(cmd));
	r = kmalloc_array(len / VDISK_UNMAP_DESC_LEN + 1, sizeof(*r),
			  vdisk_gfp(cmd));
	if (!buf || !r) {
		kfree(buf);
		kfree(r);
		scst_set_cmd_status(cmd, SAM_STAT_BUSY);
		return vdisk_done(cmd);
	}
	len = scst_cmd_copy_to_buf(cmd, buf, len);
	ret = vdisk_parse_unmap(cmd, buf, len, READ_ONCE(dev->nr_blocks),
				dev->max_unmap_lba_count, max_desc, r, &nr);
	kfree(buf);
	if (ret || !nr) {
		kfree(r);
		return vdisk_done(cmd);
	}
	vd->ops->unmap(vd, cmd, r, nr);
	kfree(r);
	return SCST_EXEC_COMPLETED;
}

/**
 * vdisk_exec_write_same() - execute WRITE SAME(10) or WRITE SAME(16)
 * @cmd: the command
 *
 * With UNMAP set (and ANCHOR clear, as vdisk_check_write_same() demands)
 * on a thin provisioned device, the range is deallocated whatever the
 * block holds: SBC-4, WRITE SAME(16) command, table of the ANCHOR and
 * UNMAP field relationships, gives the action "unmap" for that case.
 * With LBPRZ set the blocks then read as zeroes. Otherwise the block is
 * written to every block of the range, zeroes with a request that leaves
 * the range mapped.
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_exec_write_same(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	bool ndob = cmd->cdb[0] == WRITE_SAME_16 && (cmd->cdb[1] & BIT(0));
	bool unmap = cmd->cdb[1] & BIT(3);
	loff_t pos = (loff_t)cmd->lba << dev->block_shift;
	struct vdisk_range r;
	bool zero;
	u64 nr;

	if (vdisk_check_write_same(cmd, READ_ONCE(dev->nr_blocks),
				   dev->max_write_same_len, &nr))
		return vdisk_done(cmd);
	if (!nr)
		return vdisk_done(cmd);
	if (!ndob && WARN_ON_ONCE(!cmd->sg || cmd->buf_len < dev->block_size))
		return vdisk_fail(cmd, HARDWARE_ERROR,
				  SCST_ASC_INTERNAL_TARGET_FAILURE);

	if (unmap && dev->thin_provisioned) {
		r.lba = cmd->lba;
		r.nr_blocks = nr;
		vd->ops->unmap(vd, cmd, &r, 1);
		return SCST_EXEC_COMPLETED;
	}
	zero = ndob || vdisk_buf_is_zero(cmd, dev->block_size);
	vd->ops->submit(vd, cmd, zero ? VDISK_IO_WRITE_ZEROES :
			VDISK_IO_WRITE_SAME, pos, nr << dev->block_shift,
			!READ_ONCE(vd->mode.wce));
	return SCST_EXEC_COMPLETED;
}

/**
 * vdisk_exec_get_lba_status() - execute GET LBA STATUS
 * @cmd: the command
 *
 * Returns up to %VDISK_LBA_STATUS_MAX_DESC descriptors of consecutive
 * extents, the first starting at the STARTING LOGICAL BLOCK ADDRESS
 * (SBC-3), as many as the allocation length has room for, and at
 * least one.
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_exec_get_lba_status(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	u32 alloc_len = get_unaligned_be32(&cmd->cdb[10]);
	u64 capacity = READ_ONCE(dev->nr_blocks);
	u64 lba = cmd->lba, n;
	unsigned int i, max, len = 0;
	u8 buf[VDISK_LBA_STATUS_BUF_LEN];
	u8 status;
	int ret;

	/* Byte 14 is reserved (SBC-3 GET LBA STATUS). */
	if (cmd->cdb[14])
		return vdisk_invalid_field(cmd, true, 14, 7);
	if (lba >= capacity)
		return vdisk_fail(cmd, ILLEGAL_REQUEST,
				  SCST_ASC_LBA_OUT_OF_RANGE);

	max = alloc_len > 24 ? (alloc_len - 8) / 16 : 1;
	max = min_t(unsigned int, max, VDISK_LBA_STATUS_MAX_DESC);
	for (i = 0; i < max && lba < capacity; i++) {
		ret = vd->ops->lba_status(vd, lba, &n, &status);
		if (ret) {
			vdisk_io_done(cmd, VDISK_IO_COMPARE, ret,
				      dev->handler->exec_may_sleep ?
				      SCST_CONTEXT_DIRECT :
				      SCST_CONTEXT_DIRECT_ATOMIC);
			return SCST_EXEC_COMPLETED;
		}
		n = clamp_t(u64, n, 1, min_t(u64, capacity - lba, U32_MAX));
		len = vdisk_put_lba_status(buf, i, lba, n, status);
		lba += n;
	}
	scst_cmd_copy_from_buf(cmd, buf, min(alloc_len, len));
	return vdisk_done(cmd);
}
