// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: helpers of the dev handlers whose medium is a file: parsing the
 * path of the backing file written to configfs, and moving data between
 * the file and a command's buffer. Used by the vdisk handlers and exported
 * for the vcdrom handler (scst_vcdrom.ko).
 */
#include <linux/bvec.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <scst/scst.h>

#include "vdisk_file.h"

/* Bvecs on the stack; larger buffers get an allocated array. */
#define VDISK_FILE_INLINE_BVECS	8

/*
 * Parse the path of a backing file written to configfs: one absolute path
 * without control characters, optionally followed by a newline. An empty
 * value stands for "no file" (*@path NULL).
 *
 * configfs hands a store at most 4095 bytes of a write (its buffer of
 * PATH_MAX bytes less the NUL) and leaves the rest untaken: a value that
 * long may be the start of a longer path, which names another file. So
 * the value, newline included, must be shorter than 4095 bytes.
 */
static int vdisk_parse_path(const char *page, size_t count, char **path)
{
	size_t i, len = count;
	char *name = NULL;

	if (count >= PATH_MAX - 1)
		return -EINVAL;
	if (len && page[len - 1] == '\n')
		len--;
	if (len && page[0] != '/')
		return -EINVAL;
	for (i = 0; i < len; i++)
		if ((u8)page[i] < 0x20 || page[i] == 0x7f)
			return -EINVAL;
	if (len) {
		name = kmemdup_nul(page, len, GFP_KERNEL);
		if (!name)
			return -ENOMEM;
	}
	*path = name;
	return 0;
}

/**
 * vdisk_opener_get() - record the context of the current process
 * @o: where to record its filesystem root and credentials
 *
 * Context: process, e.g. a configfs write naming a backing file.
 */
void vdisk_opener_get(struct vdisk_opener *o)
{
	get_fs_root(current->fs, &o->root);
	o->cred = get_current_cred();
}
EXPORT_SYMBOL_GPL(vdisk_opener_get);

/**
 * vdisk_opener_put() - release a context from vdisk_opener_get()
 * @o: the context; one never recorded (all zero) is left alone
 */
void vdisk_opener_put(struct vdisk_opener *o)
{
	if (o->root.mnt)
		path_put(&o->root);
	if (o->cred)
		put_cred(o->cred);
	memset(o, 0, sizeof(*o));
}
EXPORT_SYMBOL_GPL(vdisk_opener_put);

/**
 * vdisk_opener_open() - open a file as the process that named it
 * @o: the context the path was named in
 * @path: the path, resolved from @o's root
 * @flags: open flags
 *
 * Context: process; the caller's own root, mount namespace and
 * credentials play no part.
 * Return: the file or an ERR_PTR().
 */
struct file *vdisk_opener_open(const struct vdisk_opener *o,
			       const char *path, int flags)
{
	const struct cred *old;
	struct file *filp;

	if (!o->root.mnt || !o->cred)
		return ERR_PTR(-ENOENT);
	old = override_creds(o->cred);
	filp = file_open_root(&o->root, path, flags, 0);
	revert_creds(old);
	return filp;
}
EXPORT_SYMBOL_GPL(vdisk_opener_open);

/**
 * vdisk_path_store() - store the backing file attribute of a device
 * @dev: the device
 * @page: the value written to the configfs attribute
 * @count: its length
 * @set: installs the path; called with dev->mutex held and a pointer to
 *	the new path (NULL for an empty value, which clears the path). It
 *	takes the path over by swapping it with the old one, or by setting
 *	the pointer to NULL, and returns 0, or fails with -errno, leaving the
 *	state of the device unchanged.
 *
 * The value must be one absolute path without control characters,
 * optionally followed by a newline, shorter than PATH_MAX - 1 bytes with
 * the newline, or empty. Whatever path @set leaves behind is freed.
 *
 * Return: @count, -EINVAL if the value is no such path, -ENOMEM, or the
 * error of @set.
 */
ssize_t vdisk_path_store(struct scst_device *dev, const char *page,
			 size_t count,
			 int (*set)(struct scst_device *dev, char **path))
{
	char *name;
	int ret;

	ret = vdisk_parse_path(page, count, &name);
	if (ret)
		return ret;

	mutex_lock(&dev->mutex);
	ret = set(dev, &name);
	mutex_unlock(&dev->mutex);
	kfree(name);
	return ret ?: count;
}
EXPORT_SYMBOL_GPL(vdisk_path_store);

/**
 * vdisk_file_rw() - transfer data between a file and a command's buffer
 * @filp: the open file
 * @cmd: the command, whose buffer (cmd->sg) holds at least @len bytes
 * @pos: byte offset in the file
 * @len: number of bytes to transfer
 * @flags: direction and options, a mask of &enum vdisk_file_rw_flags
 *
 * Moves the data with vfs_iter_read() or vfs_iter_write() on a bvec
 * iterator built on the pages of the buffer, without an intermediate copy.
 * May sleep.
 *
 * Return: 0 or -errno; -ENOMEM if the bvec array could not be allocated,
 * -EIO if the file ended before @len bytes (see %VDISK_FILE_ZERO_EOF).
 */
int vdisk_file_rw(struct file *filp, struct scst_cmd *cmd, loff_t pos,
		  u64 len, unsigned int flags)
{
	struct bio_vec inline_bvecs[VDISK_FILE_INLINE_BVECS];
	struct bio_vec *bvecs = inline_bvecs;
	bool write = flags & VDISK_FILE_WRITE;
	struct scatterlist *sg;
	struct iov_iter iter;
	unsigned int i, nr = 0;
	u64 left = len;
	ssize_t ret;
	int err = 0;

	if (cmd->sg_cnt > ARRAY_SIZE(inline_bvecs)) {
		bvecs = kmalloc_array(cmd->sg_cnt, sizeof(*bvecs), GFP_KERNEL);
		if (!bvecs)
			return -ENOMEM;
	}
	for_each_sg(cmd->sg, sg, cmd->sg_cnt, i) {
		u32 seg = min_t(u64, sg->length, left);

		if (!seg)
			break;
		bvec_set_page(&bvecs[nr++], sg_page(sg), seg, sg->offset);
		left -= seg;
	}
	/* The caller checked the buffer size. */
	if (WARN_ON_ONCE(left)) {
		err = -EINVAL;
		goto out;
	}

	iov_iter_bvec(&iter, write ? ITER_SOURCE : ITER_DEST, bvecs, nr, len);
	while (iov_iter_count(&iter)) {
		if (write)
			ret = vfs_iter_write(filp, &iter, &pos,
					     flags & VDISK_FILE_FUA ?
					     RWF_DSYNC : 0);
		else
			ret = vfs_iter_read(filp, &iter, &pos, 0);
		if (ret < 0) {
			err = ret;
			break;
		}
		if (!ret) {
			if (write || !(flags & VDISK_FILE_ZERO_EOF)) {
				err = -EIO;
				break;
			}
			iov_iter_zero(iov_iter_count(&iter), &iter);
			break;
		}
	}
out:
	if (bvecs != inline_bvecs)
		kfree(bvecs);
	return err;
}
EXPORT_SYMBOL_GPL(vdisk_file_rw);
