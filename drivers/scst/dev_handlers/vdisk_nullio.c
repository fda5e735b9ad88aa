// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk_nullio backend: a disk without backing store. Writes are
 * discarded and reads return zeroes, or with read_zero 0 transfer no data
 * at all, which makes it useful for measuring the overhead of the core
 * and of target drivers.
 *
 * Requests complete in the submitter's context, which may be atomic:
 * nothing here sleeps.
 */
#include <linux/scatterlist.h>

#include "vdisk.h"

static int vdisk_nullio_attach(struct vdisk_dev *vd)
{
	struct scst_device *dev = vd->dev;

	/*
	 * Nothing is ever allocated: the disk is thin provisioned. Every
	 * block reads as zeroes, as a deallocated block with LBPRZ set does
	 * (SBC-3 logical block provisioning), unless read_zero is off.
	 */
	dev->thin_provisioned = true;
	dev->lbprz = vd->read_zero;
	return vdisk_set_capacity(vd, vd->size);
}

static void vdisk_nullio_detach(struct vdisk_dev *vd)
{
}

static void vdisk_nullio_submit(struct vdisk_dev *vd, struct scst_cmd *cmd,
				enum vdisk_io_type type, loff_t pos, u64 len,
				bool fua)
{
	const enum scst_context ctx = SCST_CONTEXT_DIRECT_ATOMIC;
	u32 n;

	switch (type) {
	case VDISK_IO_READ:
		/*
		 * Without read_zero, a target driver's own buffer goes back
		 * as it came, as after a read that moved no data: it is
		 * memory of its initiator's side (for scst_local, of this
		 * host's initiator, which need not have cleared it). A buffer
		 * of the core's may hold another session's data: never
		 * return that.
		 */
		if (!vd->read_zero && test_bit(SCST_CMD_TGT_SG, &cmd->flags))
			break;
		if (sg_zero_buffer(cmd->sg, cmd->sg_cnt, len, 0) != len) {
			vdisk_io_done(cmd, type, -EIO, ctx);
			return;
		}
		break;
	case VDISK_IO_WRITE:
	case VDISK_IO_FLUSH:
	case VDISK_IO_WRITE_SAME:
	case VDISK_IO_WRITE_ZEROES:
	case VDISK_IO_UNMAP:
		break;
	case VDISK_IO_COMPARE:
	case VDISK_IO_COMPARE_BLOCK:
		/*
		 * The medium reads as zeroes, so comparing the data with one
		 * block of it (BYTCHK 11b) or all of it tells the same.
		 */
		if (type == VDISK_IO_COMPARE_BLOCK)
			len = cmd->dev->block_size;
		n = vdisk_compare_medium(cmd, VDISK_IO_COMPARE, 0, NULL, len);
		if (n < len) {
			vdisk_miscompare(cmd, n, ctx);
			return;
		}
		break;
	}
	vdisk_io_done(cmd, type, 0, ctx);
}

static void vdisk_nullio_unmap(struct vdisk_dev *vd, struct scst_cmd *cmd,
			       const struct vdisk_range *r, unsigned int nr)
{
	vdisk_io_done(cmd, VDISK_IO_UNMAP, 0, SCST_CONTEXT_DIRECT_ATOMIC);
}

/* Every block is deallocated. */
static int vdisk_nullio_lba_status(struct vdisk_dev *vd, u64 lba,
				   u64 *nr_blocks, u8 *status)
{
	*nr_blocks = READ_ONCE(vd->dev->nr_blocks) - lba;
	*status = VDISK_LBA_DEALLOCATED;
	return 0;
}

const struct vdisk_backend_ops vdisk_nullio_ops = {
	.volatile_cache	= false,
	.attach		= vdisk_nullio_attach,
	.detach		= vdisk_nullio_detach,
	.submit		= vdisk_nullio_submit,
	.unmap		= vdisk_nullio_unmap,
	.lba_status	= vdisk_nullio_lba_status,
};
