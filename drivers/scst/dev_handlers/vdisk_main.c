// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk dev handlers: virtual disks (SBC-3 direct access block
 * devices) backed by nothing (vdisk_nullio) or by a file or block device
 * (vdisk_fileio).
 *
 * This file holds the module, the two dev types, the device lifecycle and
 * the configfs attributes. See Documentation/scst/vdisk.rst.
 */
#include <linux/configfs.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "vdisk.h"

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
	dev->dh_priv = vd;
	/* The core fills in the other identification fields. */
	strscpy(dev->ident.vendor, vendor, sizeof(dev->ident.vendor));
	return 0;
}

static int vdisk_nullio_alloc_device(struct scst_device *dev)
{
	return vdisk_alloc_device(dev, &vdisk_nullio_ops, "SCST_NUL",
				  VDISK_NULLIO_DEFAULT_SIZE);
}

static int vdisk_fileio_alloc_device(struct scst_device *dev)
{
	return vdisk_alloc_device(dev, &vdisk_fileio_ops, "SCST_FIO", 0);
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

	return vd->ops->attach(vd);
}

static void vdisk_detach(struct scst_device *dev)
{
	struct vdisk_dev *vd = vdisk_from_dev(dev);

	vd->ops->detach(vd);
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
	/* Zero means "the size of the file" and is for vdisk_fileio only. */
	if (size > MAX_LFS_FILESIZE || (!size && vd->ops != &vdisk_fileio_ops))
		return -EINVAL;

	mutex_lock(&dev->mutex);
	if (dev->enabled) {
		ret = -EBUSY;
	} else if (size & (dev->block_size - 1)) {
		/* Checked again on enable, as the block size may change. */
		ret = -EINVAL;
	} else {
		vd->size = size;
		ret = count;
	}
	mutex_unlock(&dev->mutex);
	return ret;
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

static ssize_t vdisk_filename_store(struct config_item *item,
				    const char *page, size_t count)
{
	struct scst_device *dev = to_scst_dev(item);
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	size_t i, len = count;
	char *name = NULL;
	ssize_t ret;

	/* One value, optionally followed by a newline */
	if (len && page[len - 1] == '\n')
		len--;
	/* An absolute path of printable characters; empty clears it. */
	if (len > PATH_MAX - 1 || (len && page[0] != '/'))
		return -EINVAL;
	for (i = 0; i < len; i++)
		if ((u8)page[i] < 0x20 || page[i] == 0x7f)
			return -EINVAL;
	if (len) {
		name = kmemdup_nul(page, len, GFP_KERNEL);
		if (!name)
			return -ENOMEM;
	}

	mutex_lock(&dev->mutex);
	if (dev->enabled) {
		ret = -EBUSY;
	} else {
		swap(vd->filename, name);
		ret = count;
	}
	mutex_unlock(&dev->mutex);
	kfree(name);
	return ret;
}

static ssize_t vdisk_write_through_show(struct config_item *item, char *page)
{
	struct scst_device *dev = to_scst_dev(item);
	bool wt;

	mutex_lock(&dev->mutex);
	wt = dev->write_through;
	mutex_unlock(&dev->mutex);
	return sysfs_emit(page, "%d\n", wt);
}

static ssize_t vdisk_write_through_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct scst_device *dev = to_scst_dev(item);
	ssize_t ret;
	bool wt;

	ret = scst_parse_bool(page, count, &wt);
	if (ret)
		return ret;

	mutex_lock(&dev->mutex);
	if (dev->enabled) {
		ret = -EBUSY;
	} else {
		dev->write_through = wt;
		ret = count;
	}
	mutex_unlock(&dev->mutex);
	return ret;
}

CONFIGFS_ATTR(vdisk_, size);
CONFIGFS_ATTR(vdisk_, filename);
CONFIGFS_ATTR(vdisk_, write_through);

static struct configfs_attribute *vdisk_nullio_attrs[] = {
	&vdisk_attr_size,
	NULL,
};

static struct configfs_attribute *vdisk_fileio_attrs[] = {
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
	.dev_attrs	= vdisk_fileio_attrs,
};

static int __init vdisk_init(void)
{
	int ret;

	ret = scst_register_dev_type(&vdisk_nullio_type);
	if (ret)
		return ret;
	ret = scst_register_dev_type(&vdisk_fileio_type);
	if (ret)
		scst_unregister_dev_type(&vdisk_nullio_type);
	return ret;
}

static void __exit vdisk_exit(void)
{
	scst_unregister_dev_type(&vdisk_fileio_type);
	scst_unregister_dev_type(&vdisk_nullio_type);
}

module_init(vdisk_init);
module_exit(vdisk_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SCST virtual disk dev handlers (vdisk_nullio, vdisk_fileio)");
MODULE_AUTHOR("SCST developers");
