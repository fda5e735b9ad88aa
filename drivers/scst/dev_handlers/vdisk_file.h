/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST: helpers of the dev handlers whose medium is a file, exported by
 * scst_vdisk.ko: used by the vdisk handlers and by vcdrom (scst_vcdrom.ko).
 */
#ifndef _SCST_VDISK_FILE_H
#define _SCST_VDISK_FILE_H

#include <linux/bits.h>
#include <linux/path.h>
#include <linux/types.h>

struct cred;
struct file;
struct scst_cmd;
struct scst_device;

/**
 * enum vdisk_file_rw_flags - what vdisk_file_rw() does
 * @VDISK_FILE_WRITE: copy the command's buffer to the file; without it,
 *	read the file into the buffer
 * @VDISK_FILE_FUA: make written data stable before returning (RWF_DSYNC)
 * @VDISK_FILE_ZERO_EOF: a read past the end of the file returns zeroes
 *	for the part beyond it; without it, such a read fails with -EIO
 */
enum vdisk_file_rw_flags {
	VDISK_FILE_WRITE	= BIT(0),
	VDISK_FILE_FUA		= BIT(1),
	VDISK_FILE_ZERO_EOF	= BIT(2),
};

/**
 * struct vdisk_opener - the context in which a path was named
 * @root: filesystem root of the process that named it
 * @cred: credentials of that process
 *
 * A handler that opens a file on behalf of a device long after its path
 * was configured (vcdrom reloading its disc on an initiator's START STOP
 * UNIT) opens it as the administrator who named it would have: with the
 * same root, hence the same mount namespace, and the same credentials,
 * not those of whatever process submitted the command.
 */
struct vdisk_opener {
	struct path root;
	const struct cred *cred;
};

void vdisk_opener_get(struct vdisk_opener *o);
void vdisk_opener_put(struct vdisk_opener *o);
struct file *vdisk_opener_open(const struct vdisk_opener *o,
			       const char *path, int flags);
ssize_t vdisk_path_store(struct scst_device *dev, const char *page,
			 size_t count,
			 int (*set)(struct scst_device *dev, char **path));
int vdisk_file_rw(struct file *filp, struct scst_cmd *cmd, loff_t pos,
		  u64 len, unsigned int flags);

#endif /* _SCST_VDISK_FILE_H */
