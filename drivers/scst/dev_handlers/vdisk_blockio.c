// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk_blockio backend: a disk stored on a block device, accessed
 * with bios built directly on the pages of the command's buffer: no copy
 * and no page cache.
 *
 * A command's data may need several bios. They share a struct
 * vdisk_bio_ctx counting the bios in flight plus one reference held by
 * the submitter, and recording the first error; whoever drops the last
 * reference completes the command. Bios complete in any context (often
 * interrupt context), and the command is handed back to the core from
 * there with SCST_CONTEXT_DIRECT_ATOMIC, without a thread switch.
 *
 * The exec callback of vdisk_blockio may sleep (exec_may_sleep): although
 * bios come from a mempool-backed bio_set, submit_bio() itself may sleep,
 * waiting for a request tag or for a frozen queue, and REQ_NOWAIT is not
 * supported by every block device. The cost is a thread switch on the
 * way in for commands the core receives in atomic context; there is none
 * on the way out. It also lets the rare synchronous paths (VERIFY with
 * BYTCHK, write-through WRITE SAME and UNMAP) wait for their bios.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/highmem.h>
#include <linux/log2.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "vdisk.h"

/* Pages VERIFY reads the medium into, per bio */
#define VDISK_BLOCKIO_CMP_PAGES		16

/**
 * struct vdisk_bio_ctx - the bios of one backend request
 * @cmd: the command
 * @type: the request type
 * @pending: bios in flight plus one for the submitter
 * @error: first error, or 0
 * @pattern: WRITE SAME: the block written, or NULL
 * @order: allocation order of @pattern
 */
struct vdisk_bio_ctx {
	struct scst_cmd *cmd;
	enum vdisk_io_type type;
	atomic_t pending;
	int error;
	struct page *pattern;
	unsigned int order;
};

static struct bio_set vdisk_bio_set;

static struct block_device *vdisk_bdev(const struct vdisk_dev *vd)
{
	return file_bdev(vd->filp);
}

static int vdisk_blockio_attach(struct vdisk_dev *vd)
{
	struct scst_device *dev = vd->dev;
	blk_mode_t mode = BLK_OPEN_READ | (dev->read_only ? 0 : BLK_OPEN_WRITE);
	struct block_device *bdev;
	struct file *bdev_file;
	unsigned int lbs;
	u64 size;
	int ret;

	if (!vd->filename) {
		pr_err("%s: no filename set\n", dev->name);
		return -EINVAL;
	}
	bdev_file = bdev_file_open_by_path(vd->filename, mode, vd, NULL);
	if (IS_ERR(bdev_file)) {
		ret = PTR_ERR(bdev_file);
		pr_err("%s: cannot open %s: %d\n", dev->name, vd->filename, ret);
		return ret;
	}
	bdev = file_bdev(bdev_file);

	ret = -EINVAL;
	lbs = bdev_logical_block_size(bdev);
	if (dev->block_size < lbs) {
		pr_err("%s: block size %u is below the logical block size %u of %s\n",
		       dev->name, dev->block_size, lbs, vd->filename);
		goto out_put;
	}
	size = round_down(bdev_nr_bytes(bdev), dev->block_size);
	if (vd->size > size) {
		pr_err("%s: size %llu exceeds the size %llu of %s\n",
		       dev->name, vd->size, size, vd->filename);
		goto out_put;
	}
	ret = vdisk_set_capacity(vd, vd->size ?: size);
	if (ret) {
		pr_err("%s: invalid size %llu for block size %u\n", dev->name,
		       vd->size ?: size, dev->block_size);
		goto out_put;
	}

	/*
	 * Thin provisioning (SBC-3 4.7) when the device can discard. A
	 * discarded block may read as anything, but with WRITE ZEROES the
	 * block layer can deallocate blocks and guarantee zeroes: UNMAP
	 * then uses it, and unmapped blocks read as zeroes (LBPRZ).
	 */
	if (bdev_max_discard_sectors(bdev)) {
		dev->thin_provisioned = true;
		dev->lbprz = bdev_write_zeroes_sectors(bdev) != 0;
		dev->unmap_granularity =
			max(1U, bdev_discard_granularity(bdev) >>
				ilog2(dev->block_size));
	}
	vd->filp = bdev_file;
	return 0;

out_put:
	bdev_fput(bdev_file);
	return ret;
}

static void vdisk_blockio_detach(struct vdisk_dev *vd)
{
	/* Leave no data in a volatile cache behind a disabled device. */
	if (!vd->dev->read_only)
		blkdev_issue_flush(vdisk_bdev(vd));
	bdev_fput(vd->filp);
	vd->filp = NULL;
}

static int vdisk_blockio_backing_size(struct vdisk_dev *vd, u64 *size)
{
	*size = round_down(bdev_nr_bytes(vdisk_bdev(vd)), vd->dev->block_size);
	return 0;
}

static struct vdisk_bio_ctx *vdisk_ctx_alloc(struct scst_cmd *cmd,
					     enum vdisk_io_type type)
{
	struct vdisk_bio_ctx *ctx;

	ctx = kzalloc(sizeof(*ctx), GFP_NOIO);
	if (!ctx)
		return NULL;
	ctx->cmd = cmd;
	ctx->type = type;
	atomic_set(&ctx->pending, 1);
	return ctx;
}

static void vdisk_ctx_error(struct vdisk_bio_ctx *ctx, int err)
{
	if (err)
		cmpxchg(&ctx->error, 0, err);
}

/* Drop a reference; the last one completes the command. Any context. */
static void vdisk_ctx_put(struct vdisk_bio_ctx *ctx)
{
	struct scst_cmd *cmd = ctx->cmd;
	enum vdisk_io_type type = ctx->type;
	int err;

	if (!atomic_dec_and_test(&ctx->pending))
		return;
	err = READ_ONCE(ctx->error);
	if (ctx->pattern)
		__free_pages(ctx->pattern, ctx->order);
	kfree(ctx);
	vdisk_io_done(cmd, type, err, SCST_CONTEXT_DIRECT_ATOMIC);
}

static void vdisk_blockio_end_io(struct bio *bio)
{
	struct vdisk_bio_ctx *ctx = bio->bi_private;

	vdisk_ctx_error(ctx, blk_status_to_errno(bio->bi_status));
	bio_put(bio);
	vdisk_ctx_put(ctx);
}

/* Make @bio, possibly a chain built by the block layer, count in @ctx. */
static void vdisk_ctx_submit(struct vdisk_bio_ctx *ctx, struct bio *bio)
{
	bio->bi_private = ctx;
	bio->bi_end_io = vdisk_blockio_end_io;
	atomic_inc(&ctx->pending);
	submit_bio(bio);
}

static struct bio *vdisk_bio_alloc(struct block_device *bdev,
				   unsigned int nr_vecs, blk_opf_t opf,
				   sector_t sector)
{
	struct bio *bio;

	/* A mempool-backed bio_set with GFP_NOIO: cannot fail. */
	bio = bio_alloc_bioset(bdev, nr_vecs, opf, GFP_NOIO, &vdisk_bio_set);
	bio->bi_iter.bi_sector = sector;
	return bio;
}

/*
 * Build bios on the scatterlist of @cmd for @len bytes at @pos. A bio
 * that is full is submitted and the next one starts where it ended; bios
 * end on logical block boundaries, which holds for scatterlists aligned
 * to the device's DMA alignment and logical block size.
 */
static void vdisk_blockio_rw(struct vdisk_dev *vd, struct vdisk_bio_ctx *ctx,
			     blk_opf_t opf, loff_t pos, u64 len)
{
	struct scst_cmd *cmd = ctx->cmd;
	struct block_device *bdev = vdisk_bdev(vd);
	unsigned int align = bdev_dma_alignment(bdev);
	unsigned int lbs = bdev_logical_block_size(bdev);
	sector_t sector = pos >> SECTOR_SHIFT;
	struct scatterlist *sg;
	struct bio *bio = NULL;
	unsigned int i;

	for_each_sg(cmd->sg, sg, cmd->sg_cnt, i) {
		u32 seg = min_t(u64, sg->length, len);

		if (!seg)
			break;
		if ((sg->offset | seg) & align)
			goto bad;
		if (bio && bio_add_page(bio, sg_page(sg), seg, sg->offset) ==
		    seg) {
			len -= seg;
			continue;
		}
		if (bio) {
			if (bio->bi_iter.bi_size & (lbs - 1))
				goto bad;
			sector += bio_sectors(bio);
			vdisk_ctx_submit(ctx, bio);
		}
		bio = vdisk_bio_alloc(bdev, min_t(unsigned int,
						  cmd->sg_cnt - i, BIO_MAX_VECS),
				      opf, sector);
		if (bio_add_page(bio, sg_page(sg), seg, sg->offset) != seg)
			goto bad;
		len -= seg;
	}
	if (WARN_ON_ONCE(len))
		goto bad;
	if (bio)
		vdisk_ctx_submit(ctx, bio);
	return;

bad:
	/* The target driver's buffer cannot be used for direct I/O. */
	if (bio)
		bio_put(bio);
	vdisk_ctx_error(ctx, -EINVAL);
}

/* Write the pattern block to every block of the range (WRITE SAME). */
static void vdisk_blockio_write_same(struct vdisk_dev *vd,
				     struct vdisk_bio_ctx *ctx, blk_opf_t opf,
				     loff_t pos, u64 len)
{
	struct scst_cmd *cmd = ctx->cmd;
	struct block_device *bdev = vdisk_bdev(vd);
	u32 bs = vd->dev->block_size;
	sector_t sector = pos >> SECTOR_SHIFT;
	struct bio *bio;

	ctx->order = get_order(bs);
	ctx->pattern = alloc_pages(GFP_NOIO, ctx->order);
	if (!ctx->pattern) {
		vdisk_ctx_error(ctx, -ENOMEM);
		return;
	}
	if (sg_copy_to_buffer(cmd->sg, cmd->sg_cnt, page_address(ctx->pattern),
			      bs) != bs) {
		vdisk_ctx_error(ctx, -EINVAL);
		return;
	}
	while (len) {
		u64 blocks = min_t(u64, len / bs, BIO_MAX_VECS);

		bio = vdisk_bio_alloc(bdev, blocks, opf, sector);
		while (blocks--) {
			if (bio_add_page(bio, ctx->pattern, bs, 0) != bs)
				break;
			len -= bs;
		}
		sector += bio_sectors(bio);
		if (!bio->bi_iter.bi_size) {
			bio_put(bio);
			vdisk_ctx_error(ctx, -EIO);
			return;
		}
		vdisk_ctx_submit(ctx, bio);
		cond_resched();
	}
}

/*
 * VERIFY with BYTCHK: read the medium chunk by chunk into pages and
 * compare. Synchronous; exec may sleep.
 */
static void vdisk_blockio_compare(struct vdisk_dev *vd, struct scst_cmd *cmd,
				  enum vdisk_io_type type, loff_t pos, u64 len)
{
	struct page *pages[VDISK_BLOCKIO_CMP_PAGES] = {};
	struct block_device *bdev = vdisk_bdev(vd);
	u64 off = 0;
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_page(GFP_NOIO);
		if (!pages[i]) {
			err = -ENOMEM;
			goto out;
		}
	}
	while (off < len && !scst_cmd_abort_requested(cmd)) {
		u32 n = min_t(u64, len - off,
			      VDISK_BLOCKIO_CMP_PAGES * PAGE_SIZE);
		struct bio *bio;
		u32 done;

		bio = vdisk_bio_alloc(bdev, DIV_ROUND_UP(n, PAGE_SIZE),
				      REQ_OP_READ, (pos + off) >> SECTOR_SHIFT);
		for (done = 0, i = 0; done < n; done += PAGE_SIZE, i++)
			__bio_add_page(bio, pages[i], min_t(u32, n - done,
							    PAGE_SIZE), 0);
		err = submit_bio_wait(bio);
		bio_put(bio);
		if (err)
			break;
		for (done = 0, i = 0; done < n; done += PAGE_SIZE, i++) {
			u32 m = min_t(u32, n - done, PAGE_SIZE);
			void *p = kmap_local_page(pages[i]);
			u32 same = vdisk_compare_medium(cmd, type, off + done,
							p, m);

			kunmap_local(p);
			if (same < m) {
				for (i = 0; i < ARRAY_SIZE(pages); i++)
					__free_page(pages[i]);
				vdisk_miscompare(cmd, off + done + same,
						 SCST_CONTEXT_DIRECT);
				return;
			}
		}
		off += n;
		cond_resched();
	}
out:
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		if (pages[i])
			__free_page(pages[i]);
	vdisk_io_done(cmd, type, err, SCST_CONTEXT_DIRECT);
}

static void vdisk_blockio_submit(struct vdisk_dev *vd, struct scst_cmd *cmd,
				 enum vdisk_io_type type, loff_t pos, u64 len,
				 bool fua)
{
	struct block_device *bdev = vdisk_bdev(vd);
	sector_t sector = pos >> SECTOR_SHIFT;
	blk_opf_t wopf = REQ_OP_WRITE | (fua ? REQ_FUA : 0);
	struct vdisk_bio_ctx *ctx;
	struct bio *bio = NULL;
	int err;

	if (type == VDISK_IO_COMPARE || type == VDISK_IO_COMPARE_BLOCK) {
		vdisk_blockio_compare(vd, cmd, type, pos, len);
		return;
	}
	if (type == VDISK_IO_WRITE_ZEROES) {
		/*
		 * Synchronous, because only blkdev_issue_zeroout() falls back
		 * to writing zeroed pages when the device advertises WRITE
		 * ZEROES but its backing store refuses it (a loop device on
		 * tmpfs). Write-through: the zeroes must be stable at once.
		 */
		err = blkdev_issue_zeroout(bdev, sector, len >> SECTOR_SHIFT,
					   GFP_NOIO, BLKDEV_ZERO_NOUNMAP);
		if (!err && fua)
			err = blkdev_issue_flush(bdev);
		vdisk_io_done(cmd, type, err, SCST_CONTEXT_DIRECT);
		return;
	}

	ctx = vdisk_ctx_alloc(cmd, type);
	if (!ctx) {
		vdisk_io_done(cmd, type, -ENOMEM, SCST_CONTEXT_DIRECT);
		return;
	}
	switch (type) {
	case VDISK_IO_READ:
		vdisk_blockio_rw(vd, ctx, REQ_OP_READ, pos, len);
		break;
	case VDISK_IO_WRITE:
		vdisk_blockio_rw(vd, ctx, wopf, pos, len);
		break;
	case VDISK_IO_FLUSH:
		/* SYNCHRONIZE CACHE: an empty flush covers every range. */
		bio = vdisk_bio_alloc(bdev, 0, REQ_OP_WRITE | REQ_PREFLUSH, 0);
		vdisk_ctx_submit(ctx, bio);
		break;
	case VDISK_IO_WRITE_SAME:
		vdisk_blockio_write_same(vd, ctx, wopf, pos, len);
		break;
	default:
		vdisk_ctx_error(ctx, -EINVAL);
		break;
	}
	vdisk_ctx_put(ctx);
}

/*
 * UNMAP and WRITE SAME with UNMAP: with LBPRZ, WRITE ZEROES that may
 * deallocate; else discard, which is advisory (SBC-3 4.7 lets the
 * device server keep blocks mapped).
 */
static int vdisk_blockio_dealloc(struct vdisk_dev *vd, sector_t sector,
				 sector_t nr_sects, struct bio **biop)
{
	struct block_device *bdev = vdisk_bdev(vd);

	if (vd->dev->lbprz)
		return __blkdev_issue_zeroout(bdev, sector, nr_sects, GFP_NOIO,
					      biop, 0);
	return __blkdev_issue_discard(bdev, sector, nr_sects, GFP_NOIO, biop);
}

static void vdisk_blockio_unmap(struct vdisk_dev *vd, struct scst_cmd *cmd,
				const struct vdisk_range *r, unsigned int nr)
{
	u8 shift = ilog2(vd->dev->block_size) - SECTOR_SHIFT;
	bool wt = !READ_ONCE(vd->mode.wce);
	struct vdisk_bio_ctx *ctx;
	struct bio *bio = NULL;
	unsigned int i;
	int err = 0;

	if (wt) {
		/* Write-through: synchronously, then flush. */
		for (i = 0; i < nr && !err; i++) {
			bio = NULL;
			err = vdisk_blockio_dealloc(vd, r[i].lba << shift,
						    (sector_t)r[i].nr_blocks <<
						    shift, &bio);
			if (bio) {
				int ret = submit_bio_wait(bio);

				bio_put(bio);
				err = err ?: ret;
			}
		}
		if (!err)
			err = blkdev_issue_flush(vdisk_bdev(vd));
		vdisk_io_done(cmd, VDISK_IO_UNMAP, err, SCST_CONTEXT_DIRECT);
		return;
	}

	ctx = vdisk_ctx_alloc(cmd, VDISK_IO_UNMAP);
	if (!ctx) {
		vdisk_io_done(cmd, VDISK_IO_UNMAP, -ENOMEM, SCST_CONTEXT_DIRECT);
		return;
	}
	/* The bios of all ranges form one chain ending in @bio. */
	for (i = 0; i < nr && !err; i++)
		err = vdisk_blockio_dealloc(vd, r[i].lba << shift,
					    (sector_t)r[i].nr_blocks << shift,
					    &bio);
	vdisk_ctx_error(ctx, err);
	if (bio)
		vdisk_ctx_submit(ctx, bio);
	vdisk_ctx_put(ctx);
}

/* The block layer cannot tell: every block is mapped. */
static int vdisk_blockio_lba_status(struct vdisk_dev *vd, u64 lba,
				    u64 *nr_blocks, u8 *status)
{
	*nr_blocks = READ_ONCE(vd->dev->nr_blocks) - lba;
	*status = VDISK_LBA_MAPPED;
	return 0;
}

const struct vdisk_backend_ops vdisk_blockio_ops = {
	.volatile_cache	= true,
	.attach		= vdisk_blockio_attach,
	.detach		= vdisk_blockio_detach,
	.backing_size	= vdisk_blockio_backing_size,
	.submit		= vdisk_blockio_submit,
	.unmap		= vdisk_blockio_unmap,
	.lba_status	= vdisk_blockio_lba_status,
};

/**
 * vdisk_blockio_init() - set up what vdisk_blockio devices share
 *
 * Return: 0 or -errno.
 */
int vdisk_blockio_init(void)
{
	return bioset_init(&vdisk_bio_set, BIO_POOL_SIZE, 0,
			   BIOSET_NEED_BVECS);
}

/**
 * vdisk_blockio_exit() - undo vdisk_blockio_init()
 */
void vdisk_blockio_exit(void)
{
	bioset_exit(&vdisk_bio_set);
}
