// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk_fileio backend: a disk stored in a regular file or a block
 * device node, accessed through the page cache.
 *
 * Data moves between the file and the command's buffer with
 * vfs_iter_read() and vfs_iter_write() on a bvec iterator built on the
 * buffer's pages, without an intermediate copy. Requests are executed
 * synchronously in the caller's context, which may sleep.
 *
 * Writes are made stable with RWF_DSYNC when the command has FUA set or
 * the write cache is disabled (WCE 0, which MODE SELECT may change at any
 * time). Blocks are deallocated by punching holes (fallocate()), which a
 * sparse file reads back as zeroes; GET LBA STATUS reports holes with
 * SEEK_DATA and SEEK_HOLE.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/falloc.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "vdisk.h"
#include "vdisk_file.h"

/* Size of the buffer VERIFY reads the medium into to compare it. */
#define VDISK_FILEIO_CMP_CHUNK		SZ_64K

static int vdisk_fileio_attach(struct vdisk_dev *vd)
{
	struct scst_device *dev = vd->dev;
	int flags = O_LARGEFILE | (dev->read_only ? O_RDONLY : O_RDWR);
	unsigned int gran;
	struct file *filp;
	struct inode *inode;
	u64 file_size;
	int ret;

	if (!vd->filename) {
		pr_err("%s: no filename set\n", dev->name);
		return -EINVAL;
	}
	filp = filp_open(vd->filename, flags, 0);
	if (IS_ERR(filp)) {
		ret = PTR_ERR(filp);
		pr_err("%s: cannot open %s: %d\n", dev->name, vd->filename, ret);
		return ret;
	}

	ret = -EINVAL;
	inode = file_inode(filp);
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode)) {
		pr_err("%s: %s is neither a regular file nor a block device\n",
		       dev->name, vd->filename);
		goto out_close;
	}
	if (!filp->f_op->read_iter ||
	    (!dev->read_only && !filp->f_op->write_iter)) {
		pr_err("%s: %s does not support the needed I/O operations\n",
		       dev->name, vd->filename);
		goto out_close;
	}

	/* For a block device node the size is that of the bdev inode. */
	file_size = i_size_read(filp->f_mapping->host);
	if (S_ISBLK(inode->i_mode) && vd->size > file_size) {
		pr_err("%s: size %llu exceeds the size %llu of %s\n",
		       dev->name, vd->size, file_size, vd->filename);
		goto out_close;
	}

	/*
	 * A regular file may be smaller than the configured size: the part
	 * beyond its end reads as zeroes and is allocated when written.
	 */
	ret = vdisk_set_capacity(vd, vd->size ?: file_size);
	if (ret) {
		pr_err("%s: invalid size %llu for block size %u\n", dev->name,
		       vd->size ?: file_size, dev->block_size);
		goto out_close;
	}
	/*
	 * Holes can be punched in files and in block devices (which zero
	 * the range, deallocating it if the device can): thin provisioning
	 * with unmapped blocks reading as zeroes (SBC-3 4.7). The unmap
	 * granularity is the file system block.
	 */
	gran = S_ISREG(inode->i_mode) ? i_blocksize(inode) :
		bdev_discard_granularity(I_BDEV(filp->f_mapping->host));
	dev->thin_provisioned = true;
	dev->lbprz = true;
	dev->unmap_granularity = max(1U, gran >> ilog2(dev->block_size));
	vd->filp = filp;
	return 0;

out_close:
	filp_close(filp, NULL);
	return ret;
}

static void vdisk_fileio_detach(struct vdisk_dev *vd)
{
	/* Leave no data only in the page cache behind a disabled device. */
	if (!vd->dev->read_only)
		vfs_fsync(vd->filp, 0);
	filp_close(vd->filp, NULL);
	vd->filp = NULL;
}

/* Read @len bytes at @pos into @buf; beyond the end of the file, zeroes. */
static int vdisk_fileio_read_buf(struct file *filp, void *buf, size_t len,
				 loff_t pos)
{
	size_t done = 0;
	ssize_t ret;

	while (done < len) {
		ret = kernel_read(filp, buf + done, len - done, &pos);
		if (ret < 0)
			return ret;
		if (!ret) {
			memset(buf + done, 0, len - done);
			break;
		}
		done += ret;
	}
	return 0;
}

static void vdisk_fileio_compare(struct vdisk_dev *vd, struct scst_cmd *cmd,
				 enum vdisk_io_type type, loff_t pos, u64 len)
{
	const enum scst_context ctx = SCST_CONTEXT_DIRECT;
	u64 off = 0;
	void *buf;
	int err = 0;

	buf = kvmalloc(VDISK_FILEIO_CMP_CHUNK, GFP_KERNEL);
	if (!buf) {
		vdisk_io_done(cmd, type, -ENOMEM, ctx);
		return;
	}
	/*
	 * The chunk size is a multiple of the block size, so that with
	 * BYTCHK 11b every chunk starts on a block boundary.
	 */
	while (off < len && !scst_cmd_abort_requested(cmd)) {
		u32 n = min_t(u64, len - off, VDISK_FILEIO_CMP_CHUNK);
		u32 m;

		err = vdisk_fileio_read_buf(vd->filp, buf, n, pos + off);
		if (err)
			break;
		m = vdisk_compare_medium(cmd, type, off, buf, n);
		if (m < n) {
			kvfree(buf);
			vdisk_miscompare(cmd, off + m, ctx);
			return;
		}
		off += n;
		cond_resched();
	}
	kvfree(buf);
	vdisk_io_done(cmd, type, err, ctx);
}

/*
 * Write the first logical block of the command's buffer, or zeroes if
 * @zero, to every block of the @len bytes at @pos, through a buffer
 * holding the block repeated.
 */
static int vdisk_fileio_write_same(struct vdisk_dev *vd, struct scst_cmd *cmd,
				   loff_t pos, u64 len, bool zero)
{
	u32 bs = vd->dev->block_size;
	u32 chunk = min_t(u64, len, VDISK_FILEIO_CMP_CHUNK);
	u32 off;
	void *buf;
	ssize_t ret;
	int err = 0;

	buf = kvzalloc(chunk, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (!zero) {
		if (sg_copy_to_buffer(cmd->sg, cmd->sg_cnt, buf, bs) != bs) {
			err = -EIO;
			goto out;
		}
		for (off = bs; off < chunk; off += bs)
			memcpy(buf + off, buf, bs);
	}
	while (len && !scst_cmd_abort_requested(cmd)) {
		ret = kernel_write(vd->filp, buf, min_t(u64, len, chunk), &pos);
		if (ret < 0) {
			err = ret;
			break;
		}
		if (!ret || ret & (bs - 1)) {
			err = -EIO;
			break;
		}
		len -= ret;
		cond_resched();
	}
out:
	kvfree(buf);
	return err;
}

static void vdisk_fileio_submit(struct vdisk_dev *vd, struct scst_cmd *cmd,
				enum vdisk_io_type type, loff_t pos, u64 len,
				bool fua)
{
	int err;

	switch (type) {
	case VDISK_IO_READ:
		/*
		 * Past the end of a file shorter than the device are blocks
		 * never written, which read as zeroes.
		 */
		err = vdisk_file_rw(vd->filp, cmd, pos, len,
				    VDISK_FILE_ZERO_EOF);
		break;
	case VDISK_IO_WRITE:
		/*
		 * FUA (SBC-3): the data must be on the medium when the
		 * command completes; RWF_DSYNC makes it so.
		 */
		err = vdisk_file_rw(vd->filp, cmd, pos, len, VDISK_FILE_WRITE |
				    (fua ? VDISK_FILE_FUA : 0));
		break;
	case VDISK_IO_WRITE_SAME:
		err = vdisk_fileio_write_same(vd, cmd, pos, len, false);
		goto sync;
	case VDISK_IO_WRITE_ZEROES:
		err = vfs_fallocate(vd->filp,
				    FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE,
				    pos, len);
		if (err == -EOPNOTSUPP)
			err = vdisk_fileio_write_same(vd, cmd, pos, len, true);
sync:
		if (!err && fua)
			err = vfs_fsync_range(vd->filp, pos, pos + len - 1, 1);
		break;
	case VDISK_IO_FLUSH:
		err = vfs_fsync_range(vd->filp, pos, pos + len - 1, 1);
		break;
	case VDISK_IO_COMPARE:
	case VDISK_IO_COMPARE_BLOCK:
		vdisk_fileio_compare(vd, cmd, type, pos, len);
		return;
	default:
		err = -EINVAL;
		break;
	}
	vdisk_io_done(cmd, type, err, SCST_CONTEXT_DIRECT);
}

static void vdisk_fileio_unmap(struct vdisk_dev *vd, struct scst_cmd *cmd,
			       const struct vdisk_range *r, unsigned int nr)
{
	const int mode = FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE;
	u8 shift = ilog2(vd->dev->block_size);
	unsigned int i;
	int err = 0;

	for (i = 0; i < nr && !err; i++) {
		loff_t pos = (loff_t)r[i].lba << shift;
		u64 len = (u64)r[i].nr_blocks << shift;

		err = vfs_fallocate(vd->filp, mode, pos, len);
		/*
		 * Without hole punching the blocks stay mapped but must still
		 * read as zeroes, as LBPRZ promises.
		 */
		if (err == -EOPNOTSUPP)
			err = vdisk_fileio_write_same(vd, cmd, pos, len, true);
		if (!err && !READ_ONCE(vd->mode.wce))
			err = vfs_fsync_range(vd->filp, pos, pos + len - 1, 1);
		cond_resched();
	}
	vdisk_io_done(cmd, VDISK_IO_UNMAP, err, SCST_CONTEXT_DIRECT);
}

/*
 * The extent of blocks from @lba on that are all holes or all data.
 * Beyond the end of a file shorter than the device every block is a
 * hole. A block partly holding data is mapped.
 */
static int vdisk_fileio_lba_status(struct vdisk_dev *vd, u64 lba,
				   u64 *nr_blocks, u8 *status)
{
	struct scst_device *dev = vd->dev;
	u8 shift = ilog2(dev->block_size);
	u64 end = READ_ONCE(dev->nr_blocks);
	loff_t pos = (loff_t)lba << shift;
	loff_t data, hole;

	data = vfs_llseek(vd->filp, pos, SEEK_DATA);
	if (data == -ENXIO) {
		/* No data at or after @pos */
		*status = VDISK_LBA_DEALLOCATED;
		*nr_blocks = end - lba;
		return 0;
	}
	if (data < 0)
		return data;
	if ((data >> shift) > lba) {
		*status = VDISK_LBA_DEALLOCATED;
		*nr_blocks = min_t(u64, data >> shift, end) - lba;
		return 0;
	}
	hole = vfs_llseek(vd->filp, pos, SEEK_HOLE);
	if (hole < 0)
		return hole;
	*status = VDISK_LBA_MAPPED;
	*nr_blocks = min_t(u64, DIV_ROUND_UP_ULL(hole, dev->block_size),
			   end) - lba;
	if (!*nr_blocks)
		*nr_blocks = 1;
	return 0;
}

static int vdisk_fileio_backing_size(struct vdisk_dev *vd, u64 *size)
{
	*size = i_size_read(vd->filp->f_mapping->host);
	return 0;
}

const struct vdisk_backend_ops vdisk_fileio_ops = {
	.volatile_cache	= true,
	.attach		= vdisk_fileio_attach,
	.detach		= vdisk_fileio_detach,
	.backing_size	= vdisk_fileio_backing_size,
	.submit		= vdisk_fileio_submit,
	.unmap		= vdisk_fileio_unmap,
	.lba_status	= vdisk_fileio_lba_status,
};
