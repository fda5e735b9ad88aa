/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST vdisk dev handlers: definitions shared by the SBC command layer
 * (vdisk_sbc.c) and the backing store backends (vdisk_nullio.c,
 * vdisk_fileio.c).
 */
#ifndef _SCST_VDISK_H
#define _SCST_VDISK_H

#include <linux/fs.h>
#include <linux/sizes.h>
#include <scst/scst.h>

/* Capacity of a vdisk_nullio device whose size was never set. */
#define VDISK_NULLIO_DEFAULT_SIZE	SZ_1G

struct vdisk_dev;

/**
 * enum vdisk_io_type - kind of a backend request
 * @VDISK_IO_READ: copy from the medium into the command's buffer
 * @VDISK_IO_WRITE: copy the command's buffer to the medium
 * @VDISK_IO_FLUSH: make a range of the medium stable
 * @VDISK_IO_COMPARE: compare the command's buffer with the medium
 * @VDISK_IO_COMPARE_BLOCK: compare the first logical block of the
 *	command's buffer with every logical block of the range
 */
enum vdisk_io_type {
	VDISK_IO_READ,
	VDISK_IO_WRITE,
	VDISK_IO_FLUSH,
	VDISK_IO_COMPARE,
	VDISK_IO_COMPARE_BLOCK,
};

/**
 * struct vdisk_backend_ops - a backing store of vdisk devices
 * @volatile_cache: the backend has a volatile write cache unless the
 *	device is write-through (WCE bit of the Caching mode page)
 * @attach: open the backing store and set dev->nr_blocks; called with
 *	dev->mutex held. Returns 0 or -errno.
 * @detach: close the backing store; called with dev->mutex held.
 * @submit: start request @type on the @len bytes of the medium at byte
 *	offset @pos. For READ, WRITE and COMPARE the data is the first @len
 *	bytes of cmd->sg. @fua asks for written data to be stable on
 *	completion. The backend completes the request exactly once, with
 *	vdisk_io_done() or vdisk_miscompare(), either before returning or
 *	later from its completion path.
 */
struct vdisk_backend_ops {
	bool volatile_cache;
	int (*attach)(struct vdisk_dev *vd);
	void (*detach)(struct vdisk_dev *vd);
	void (*submit)(struct vdisk_dev *vd, struct scst_cmd *cmd,
		       enum vdisk_io_type type, loff_t pos, u64 len, bool fua);
};

/**
 * struct vdisk_dev - dev handler private data of a vdisk device
 * @dev: the SCST device
 * @ops: its backend
 * @size: configured capacity in bytes; 0 for fileio means the size of the
 *	backing file
 * @filename: fileio: path of the backing file or block device, or NULL
 * @filp: fileio: the open backing file while the device is enabled
 *
 * All configuration fields are changed under dev->mutex and only while
 * the device is disabled, so the command path reads them without locks.
 */
struct vdisk_dev {
	struct scst_device *dev;
	const struct vdisk_backend_ops *ops;
	u64 size;
	char *filename;
	struct file *filp;
};

static inline struct vdisk_dev *vdisk_from_dev(const struct scst_device *dev)
{
	return dev->dh_priv;
}

/* vdisk_sbc.c */
enum scst_exec_result vdisk_exec(struct scst_cmd *cmd);
void vdisk_io_done(struct scst_cmd *cmd, enum vdisk_io_type type, int err,
		   enum scst_context ctx);
void vdisk_miscompare(struct scst_cmd *cmd, u64 offset,
		      enum scst_context ctx);
u32 vdisk_compare_medium(struct scst_cmd *cmd, enum vdisk_io_type type,
			 u64 off, const void *medium, u32 len);

/* vdisk_main.c */
int vdisk_set_capacity(struct vdisk_dev *vd, u64 size);

/* vdisk_nullio.c, vdisk_fileio.c */
extern const struct vdisk_backend_ops vdisk_nullio_ops;
extern const struct vdisk_backend_ops vdisk_fileio_ops;

#endif /* _SCST_VDISK_H */
