// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk dev handlers: virtual disks (SBC-3 direct access block
 * devices) backed by nothing (vdisk_nullio), by a file or block device
 * through the page cache (vdisk_fileio) or by a block device with direct
 * bios (vdisk_blockio).
 *
 * This file holds the module, the three dev types, the device lifecycle and
 * the configfs attributes. See Documentation/scst/vdisk.rst.
 */
#include <linux/configfs.h>
#include <linux/fs.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "vdisk.h"
#include "vdisk_file.h"

static int vdisk_alloc_device(struct scst_device *dev,
			      const struct vdisk_backend_ops *ops,
			      const char *vendor, u64 size)
{
	struct vdisk_dev *vd;

	vd = kzalloc(sizeof(*vd), GFP_KERNEL);
	if (!vd)
		return -ENOMEM;
	vd->dev = dev;
	vd->ops = ops;
	vd->size = size;
	spin_lock_init(&vd->mode_lock);
	dev->dh_priv = vd;
	/* The core fills in the other identification fields. */
	strscpy(dev->ident.vendor, vendor, sizeof(dev->ident.vendor));
	return 0;
}

static int vdisk_nullio_alloc_device(struct scst_device *dev)
{
	int ret;

	ret = vdisk_alloc_device(dev, &vdisk_nullio_ops, "SCST_NUL",
				 VDISK_NULLIO_DEFAULT_SIZE);
	if (!ret)
		vdisk_from_dev(dev)->read_zero = true;
	return ret;
}

static int vdisk_fileio_alloc_device(struct scst_device *dev)
{
	return vdisk_alloc_device(dev, &vdisk_fileio_ops, "SCST_FIO", 0);
}

static int vdisk_blockio_alloc_device(struct scst_device *dev)
{
	return vdisk_alloc_device(dev, &vdisk_blockio_ops, "SCST_BIO", 0);
}

static void vdisk_free_device(struct scst_device *dev)
{
	struct vdisk_dev *vd = vdisk_from_dev(dev);

	kfree(vd->filename);
	kfree(vd);
	dev->dh_priv = NULL;
}

/**
 * vdisk_set_capacity() - set the capacity of a device being attached
 * @vd: the device
 * @size: its size in bytes
 *
 * Context: attach, with dev->mutex held.
 * Return: 0, or -EINVAL if @size is zero, too large or not a multiple of
 * the block size.
 */
int vdisk_set_capacity(struct vdisk_dev *vd, u64 size)
{
	struct scst_device *dev = vd->dev;

	if (!size || size > MAX_LFS_FILESIZE || !is_power_of_2(dev->block_size))
		return -EINVAL;
	if (size & (dev->block_size - 1))
		return -EINVAL;
	dev->nr_blocks = size >> ilog2(dev->block_size);
	return 0;
}

static int vdisk_attach(struct scst_device *dev)
{
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	int ret;

	/* The backend enables logical block provisioning if it can. */
	dev->thin_provisioned = false;
	dev->lbprz = false;
	dev->unmap_granularity = 1;
	ret = vd->ops->attach(vd);
	if (ret)
		return ret;

	/* SBC-3 Block Limits VPD page */
	dev->max_write_same_len = VDISK_MAX_WRITE_SAME_LEN;
	if (dev->thin_provisioned) {
		dev->max_unmap_lba_count = VDISK_MAX_UNMAP_LBA_COUNT;
		dev->max_unmap_desc_count = VDISK_MAX_UNMAP_DESC_COUNT;
	} else {
		dev->max_unmap_lba_count = 0;
		dev->max_unmap_desc_count = 0;
	}
	vd->wt_config = dev->write_through;
	vdisk_mode_init(vd);
	return 0;
}

static void vdisk_detach(struct scst_device *dev)
{
	struct vdisk_dev *vd = vdisk_from_dev(dev);

	vd->ops->detach(vd);
	/* MODE SELECT may have changed it; show the configured value. */
	dev->write_through = vd->wt_config;
}

static ssize_t vdisk_size_show(struct config_item *item, char *page)
{
	struct scst_device *dev = to_scst_dev(item);
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	u64 size;

	/* An enabled device reports its actual capacity. */
	mutex_lock(&dev->mutex);
	size = dev->enabled ? dev->nr_blocks << dev->block_shift : vd->size;
	mutex_unlock(&dev->mutex);
	return sysfs_emit(page, "%llu\n", size);
}

/*
 * Change the capacity of an enabled device (SBC-3 capacity changes): @size
 * bytes, or for a backend with a backing store and @size 0, its size now. Every
 * initiator gets a CAPACITY DATA HAS CHANGED unit attention.
 */
static int vdisk_resize(struct vdisk_dev *vd, u64 size)
{
	struct scst_device *dev = vd->dev;
	u64 backing, want = size;
	int ret;

	if (vd->ops->backing_size) {
		ret = vd->ops->backing_size(vd, &backing);
		if (ret)
			return ret;
		/* Only a regular file may be smaller than the device. */
		if (vd->ops == &vdisk_blockio_ops ||
		    (vd->filp && S_ISBLK(file_inode(vd->filp)->i_mode))) {
			if (size > backing)
				return -EINVAL;
		}
		if (!size)
			size = backing;
	}
	if (!size || size & (dev->block_size - 1))
		return -EINVAL;
	/* Keep 0 ("follow the backing store") for the next enable. */
	vd->size = want;
	scst_dev_resize(dev, size >> dev->block_shift);
	return 0;
}

static ssize_t vdisk_size_store(struct config_item *item, const char *page,
				size_t count)
{
	struct scst_device *dev = to_scst_dev(item);
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	u64 size;
	int ret;

	ret = scst_parse_u64(page, count, &size);
	if (ret)
		return ret;
	/* Zero means "the size of the backing store", if there is one. */
	if (size > MAX_LFS_FILESIZE || (!size && !vd->ops->backing_size))
		return -EINVAL;

	mutex_lock(&dev->mutex);
	if (dev->enabled) {
		ret = vdisk_resize(vd, size);
	} else if (size & (dev->block_size - 1)) {
		/* Checked again on enable, as the block size may change. */
		ret = -EINVAL;
	} else {
		vd->size = size;
		ret = 0;
	}
	mutex_unlock(&dev->mutex);
	return ret ?: count;
}

static ssize_t vdisk_filename_show(struct config_item *item, char *page)
{
	struct scst_device *dev = to_scst_dev(item);
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	ssize_t ret;

	mutex_lock(&dev->mutex);
	ret = sysfs_emit(page, "%s\n", vd->filename ?: "");
	mutex_unlock(&dev->mutex);
	return ret;
}

/* Called with dev->mutex held; the path is used when the device is enabled. */
static int vdisk_filename_set(struct scst_device *dev, char **name)
{
	if (dev->enabled)
		return -EBUSY;
	swap(vdisk_from_dev(dev)->filename, *name);
	return 0;
}

static ssize_t vdisk_filename_store(struct config_item *item,
				    const char *page, size_t count)
{
	return vdisk_path_store(to_scst_dev(item), page, count,
				vdisk_filename_set);
}

/* A flag of @dev that takes effect when the device is enabled. */
static ssize_t vdisk_flag_show(struct scst_device *dev, const bool *flag,
			       char *page)
{
	bool val;

	mutex_lock(&dev->mutex);
	val = *flag;
	mutex_unlock(&dev->mutex);
	return sysfs_emit(page, "%d\n", val);
}

static ssize_t vdisk_write_through_show(struct config_item *item, char *page)
{
	struct scst_device *dev = to_scst_dev(item);

	return vdisk_flag_show(dev, &dev->write_through, page);
}

static ssize_t vdisk_write_through_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct scst_device *dev = to_scst_dev(item);

	return scst_dev_store_flag(dev, &dev->write_through, page, count);
}

static ssize_t vdisk_read_zero_show(struct config_item *item, char *page)
{
	struct scst_device *dev = to_scst_dev(item);

	return vdisk_flag_show(dev, &vdisk_from_dev(dev)->read_zero, page);
}

/* Attach reports it as LBPRZ. */
static ssize_t vdisk_read_zero_store(struct config_item *item,
				     const char *page, size_t count)
{
	struct scst_device *dev = to_scst_dev(item);

	return scst_dev_store_flag(dev, &vdisk_from_dev(dev)->read_zero, page,
				   count);
}

CONFIGFS_ATTR(vdisk_, size);
CONFIGFS_ATTR(vdisk_, filename);
CONFIGFS_ATTR(vdisk_, write_through);
CONFIGFS_ATTR(vdisk_, read_zero);

static struct configfs_attribute *vdisk_nullio_attrs[] = {
	&vdisk_attr_size,
	&vdisk_attr_read_zero,
	NULL,
};

static struct configfs_attribute *vdisk_fileio_attrs[] = {
	&vdisk_attr_size,
	&vdisk_attr_filename,
	&vdisk_attr_write_through,
	NULL,
};

/* Same attributes; a separate array so that each type owns its own. */
static struct configfs_attribute *vdisk_blockio_attrs[] = {
	&vdisk_attr_size,
	&vdisk_attr_filename,
	&vdisk_attr_write_through,
	NULL,
};

static const struct scst_dev_type vdisk_nullio_type = {
	.name		= "vdisk_nullio",
	.owner		= THIS_MODULE,
	.type		= TYPE_DISK,
	.exec_may_sleep	= false,
	.alloc_device	= vdisk_nullio_alloc_device,
	.free_device	= vdisk_free_device,
	.attach		= vdisk_attach,
	.detach		= vdisk_detach,
	.exec		= vdisk_exec,
	.op_supported	= vdisk_op_supported,
	.dev_attrs	= vdisk_nullio_attrs,
};

static const struct scst_dev_type vdisk_fileio_type = {
	.name		= "vdisk_fileio",
	.owner		= THIS_MODULE,
	.type		= TYPE_DISK,
	.exec_may_sleep	= true,
	.alloc_device	= vdisk_fileio_alloc_device,
	.free_device	= vdisk_free_device,
	.attach		= vdisk_attach,
	.detach		= vdisk_detach,
	.exec		= vdisk_exec,
	.op_supported	= vdisk_op_supported,
	.dev_attrs	= vdisk_fileio_attrs,
};

/*
 * vdisk_blockio may sleep in exec because submit_bio() may; see
 * vdisk_blockio.c. Completions come from bio end_io, in any context.
 */
static const struct scst_dev_type vdisk_blockio_type = {
	.name		= "vdisk_blockio",
	.owner		= THIS_MODULE,
	.type		= TYPE_DISK,
	.exec_may_sleep	= true,
	.alloc_device	= vdisk_blockio_alloc_device,
	.free_device	= vdisk_free_device,
	.attach		= vdisk_attach,
	.detach		= vdisk_detach,
	.exec		= vdisk_exec,
	.op_supported	= vdisk_op_supported,
	.dev_attrs	= vdisk_blockio_attrs,
};

static int __init vdisk_init(void)
{
	int ret;

	ret = vdisk_blockio_init();
	if (ret)
		return ret;
	ret = scst_register_dev_type(&vdisk_nullio_type);
	if (ret)
		goto out_blockio;
	ret = scst_register_dev_type(&vdisk_fileio_type);
	if (ret)
		goto out_nullio;
	ret = scst_register_dev_type(&vdisk_blockio_type);
	if (ret)
		goto out_fileio;
	return 0;

out_fileio:
	scst_unregister_dev_type(&vdisk_fileio_type);
out_nullio:
	scst_unregister_dev_type(&vdisk_nullio_type);
out_blockio:
	vdisk_blockio_exit();
	return ret;
}

static void __exit vdisk_exit(void)
{
	scst_unregister_dev_type(&vdisk_blockio_type);
	scst_unregister_dev_type(&vdisk_fileio_type);
	scst_unregister_dev_type(&vdisk_nullio_type);
	vdisk_blockio_exit();
}

module_init(vdisk_init);
module_exit(vdisk_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SCST virtual disk dev handlers (vdisk_nullio, vdisk_fileio, vdisk_blockio)");
MODULE_AUTHOR("SCST developers");
