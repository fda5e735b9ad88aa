/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST vdisk dev handlers: definitions shared by the SBC command layer
 * (vdisk_sbc.c, vdisk_mode.c, vdisk_lbp.c) and the backing store
 * backends (vdisk_nullio.c, vdisk_fileio.c, vdisk_blockio.c).
 */
#ifndef _SCST_VDISK_H
#define _SCST_VDISK_H

#include <linux/fs.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <scst/scst.h>

/* Capacity of a vdisk_nullio device whose size was never set. */
#define VDISK_NULLIO_DEFAULT_SIZE	SZ_1G

/*
 * Logical block provisioning limits reported in the Block Limits VPD page
 * (SBC-3 Block Limits VPD page): most blocks and descriptors one UNMAP may
 * carry, and most blocks one WRITE SAME may write.
 */
#define VDISK_MAX_UNMAP_LBA_COUNT	0x400000U
#define VDISK_MAX_UNMAP_DESC_COUNT	256U
#define VDISK_MAX_WRITE_SAME_LEN	0x400000U

/* Mode pages (SPC-4 and SBC-3 mode parameters) */
#define VDISK_MPAGE_CACHING		0x08
#define VDISK_MPAGE_CACHING_LEN		20
#define VDISK_MPAGE_CONTROL		0x0a
#define VDISK_MPAGE_CONTROL_LEN		12
#define VDISK_MPAGE_ALL			0x3f
#define VDISK_MSUBPAGE_ALL		0xff

/* Page control field of MODE SENSE (SPC-4 MODE SENSE) */
enum {
	VDISK_PC_CURRENT	= 0,
	VDISK_PC_CHANGEABLE	= 1,
	VDISK_PC_DEFAULT	= 2,
	VDISK_PC_SAVED		= 3,
};

/* Mode parameter header, long LBA block descriptor and both pages */
#define VDISK_MODE_BUF_LEN	(8 + 16 + VDISK_MPAGE_CACHING_LEN + \
				 VDISK_MPAGE_CONTROL_LEN)

/* GET LBA STATUS: most LBA status descriptors returned (SBC-3) */
#define VDISK_LBA_STATUS_MAX_DESC	16
#define VDISK_LBA_STATUS_BUF_LEN	(8 + 16 * VDISK_LBA_STATUS_MAX_DESC)

/* PROVISIONING STATUS of an LBA status descriptor (SBC-3 GET LBA STATUS) */
#define VDISK_LBA_MAPPED		0
#define VDISK_LBA_DEALLOCATED		1

struct vdisk_dev;

/**
 * enum vdisk_io_type - kind of a backend request
 * @VDISK_IO_READ: copy from the medium into the command's buffer
 * @VDISK_IO_WRITE: copy the command's buffer to the medium
 * @VDISK_IO_FLUSH: make a range of the medium stable
 * @VDISK_IO_COMPARE: compare the command's buffer with the medium
 * @VDISK_IO_COMPARE_BLOCK: compare the first logical block of the
 *	command's buffer with every logical block of the range
 * @VDISK_IO_WRITE_SAME: write the first logical block of the command's
 *	buffer to every logical block of the range
 * @VDISK_IO_WRITE_ZEROES: write zeroes to the range, leaving it mapped
 * @VDISK_IO_UNMAP: deallocate ranges (vdisk_backend_ops.unmap only)
 */
enum vdisk_io_type {
	VDISK_IO_READ,
	VDISK_IO_WRITE,
	VDISK_IO_FLUSH,
	VDISK_IO_COMPARE,
	VDISK_IO_COMPARE_BLOCK,
	VDISK_IO_WRITE_SAME,
	VDISK_IO_WRITE_ZEROES,
	VDISK_IO_UNMAP,
};

/**
 * struct vdisk_range - a range of logical blocks
 * @lba: first logical block
 * @nr_blocks: number of logical blocks
 */
struct vdisk_range {
	u64 lba;
	u32 nr_blocks;
};

/**
 * struct vdisk_backend_ops - a backing store of vdisk devices
 * @volatile_cache: the backend has a volatile write cache, which MODE
 *	SELECT can enable and disable (WCE bit of the Caching mode page)
 * @attach: open the backing store, set dev->nr_blocks and the logical
 *	block provisioning fields of the device; called with dev->mutex
 *	held. Returns 0 or -errno.
 * @detach: close the backing store; called with dev->mutex held.
 * @backing_size: size in bytes of the backing store, for a runtime
 *	resize with size 0; called with dev->mutex held. Optional.
 * @submit: start request @type on the @len bytes of the medium at byte
 *	offset @pos. For READ, WRITE and COMPARE the data is the first @len
 *	bytes of cmd->sg; for WRITE_SAME and COMPARE_BLOCK the first
 *	logical block of it. @fua asks for written data to be stable on
 *	completion. The backend completes the request exactly once, with
 *	vdisk_io_done() or vdisk_miscompare(), either before returning or
 *	later from its completion path.
 * @unmap: deallocate the @nr ranges @r (checked against the capacity),
 *	so that they read as zeroes if dev->lbprz is set; completes like
 *	@submit. @r is only valid until the call returns.
 * @lba_status: find the extent of blocks starting at @lba that have the
 *	same provisioning status; set *@nr_blocks (at least 1) and *@status
 *	(%VDISK_LBA_MAPPED or %VDISK_LBA_DEALLOCATED). Returns 0 or -errno.
 *	May sleep only if the dev type's exec may.
 */
struct vdisk_backend_ops {
	bool volatile_cache;
	int (*attach)(struct vdisk_dev *vd);
	void (*detach)(struct vdisk_dev *vd);
	int (*backing_size)(struct vdisk_dev *vd, u64 *size);
	void (*submit)(struct vdisk_dev *vd, struct scst_cmd *cmd,
		       enum vdisk_io_type type, loff_t pos, u64 len, bool fua);
	void (*unmap)(struct vdisk_dev *vd, struct scst_cmd *cmd,
		      const struct vdisk_range *r, unsigned int nr);
	int (*lba_status)(struct vdisk_dev *vd, u64 lba, u64 *nr_blocks,
			  u8 *status);
};

/**
 * struct vdisk_mode_params - changeable mode parameters of a device
 * @wce: WRITE CACHE ENABLE of the SBC-3 Caching mode page
 * @swp: SOFTWARE WRITE PROTECT of the SPC-4 Control mode page
 * @d_sense: D_SENSE (descriptor format sense data) of the Control page
 * @tas: TASK ABORTED STATUS of the Control page
 * @qerr: QUEUE ERROR MANAGEMENT of the Control page, an SCST_QERR_* value
 */
struct vdisk_mode_params {
	bool wce;
	bool swp;
	bool d_sense;
	bool tas;
	u8 qerr;
};

/**
 * struct vdisk_mode_info - what MODE SENSE and MODE SELECT work on
 * @cur: current values
 * @def: default values
 * @wce_changeable: WCE can be changed (the backend has a volatile cache)
 * @wp: the medium is write protected for the I_T nexus (header WP bit)
 * @nr_blocks: capacity in logical blocks
 * @block_size: logical block length in bytes
 */
struct vdisk_mode_info {
	struct vdisk_mode_params cur;
	struct vdisk_mode_params def;
	bool wce_changeable;
	bool wp;
	u64 nr_blocks;
	u32 block_size;
};

/**
 * struct vdisk_dev - dev handler private data of a vdisk device
 * @dev: the SCST device
 * @ops: its backend
 * @size: configured capacity in bytes; 0 for fileio and blockio means the
 *	size of the backing file or block device
 * @filename: fileio, blockio: path of the backing file or block device
 * @filp: fileio: the open backing file while the device is enabled;
 *	blockio: the open block device file
 * @wt_config: the write_through attribute, restored on disable
 * @mode_lock: serialises changes of @mode (MODE SELECT) with readers
 *	that need a consistent snapshot; taken in any context
 * @mode: current mode parameters; the command path reads single fields
 *	with READ_ONCE() without the lock
 * @mode_def: default mode parameters, set when the device is enabled
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
	bool wt_config;
	bool read_zero;

	spinlock_t mode_lock;	/* protects @mode and @mode_def */
	struct vdisk_mode_params mode;
	struct vdisk_mode_params mode_def;
};

static inline struct vdisk_dev *vdisk_from_dev(const struct scst_device *dev)
{
	return dev->dh_priv;
}

/*
 * SBC-3: a command addressing blocks beyond the last LBA fails with
 * LOGICAL BLOCK ADDRESS OUT OF RANGE. A zero-length range at the LBA
 * just past the end addresses no block and is accepted.
 */
static inline bool vdisk_lba_in_range(u64 capacity, u64 lba, u64 nr_blocks)
{
	return lba <= capacity && nr_blocks <= capacity - lba;
}

/* vdisk_sbc.c */
enum scst_exec_result vdisk_exec(struct scst_cmd *cmd);
bool vdisk_op_supported(const struct scst_device *dev,
			const struct scst_opcode_desc *op);
enum scst_exec_result vdisk_done(struct scst_cmd *cmd);
enum scst_exec_result vdisk_fail(struct scst_cmd *cmd, u8 key, u16 asc_ascq);
enum scst_exec_result vdisk_invalid_field(struct scst_cmd *cmd, bool in_cdb,
					  unsigned int byte, int bit);
gfp_t vdisk_gfp(const struct scst_cmd *cmd);
enum scst_exec_result vdisk_flush(struct scst_cmd *cmd, u64 lba,
				  u64 nr_blocks);
void vdisk_io_done(struct scst_cmd *cmd, enum vdisk_io_type type, int err,
		   enum scst_context ctx);
void vdisk_miscompare(struct scst_cmd *cmd, u64 offset,
		      enum scst_context ctx);
u32 vdisk_compare_medium(struct scst_cmd *cmd, enum vdisk_io_type type,
			 u64 off, const void *medium, u32 len);
bool vdisk_buf_is_zero(struct scst_cmd *cmd, u32 len);

/* vdisk_mode.c: pure helpers (KUnit tested) and commands */
void vdisk_mode_info_get(struct scst_cmd *cmd, struct vdisk_mode_info *mi);
int vdisk_build_mode_sense(struct scst_cmd *cmd,
			   const struct vdisk_mode_info *mi, u8 *buf);
int vdisk_parse_mode_select(struct scst_cmd *cmd, const u8 *buf, u32 len,
			    const struct vdisk_mode_info *mi,
			    struct vdisk_mode_params *out);
int vdisk_build_log_sense(struct scst_cmd *cmd, u8 *buf, unsigned int len);
enum scst_exec_result vdisk_exec_mode_sense(struct scst_cmd *cmd);
enum scst_exec_result vdisk_exec_mode_select(struct scst_cmd *cmd);
enum scst_exec_result vdisk_exec_log_sense(struct scst_cmd *cmd);
void vdisk_mode_init(struct vdisk_dev *vd);

/* vdisk_lbp.c: pure helpers (KUnit tested) and commands */
int vdisk_parse_unmap(struct scst_cmd *cmd, const u8 *buf, u32 len,
		      u64 capacity, u32 max_lba_count, u32 max_desc,
		      struct vdisk_range *r, unsigned int *nr);
int vdisk_check_write_same(struct scst_cmd *cmd, u64 capacity,
			   u64 max_len, u64 *nr_blocks);
unsigned int vdisk_put_lba_status(u8 *buf, unsigned int nr_desc, u64 lba,
				  u64 nr_blocks, u8 status);
enum scst_exec_result vdisk_exec_unmap(struct scst_cmd *cmd);
enum scst_exec_result vdisk_exec_write_same(struct scst_cmd *cmd);
enum scst_exec_result vdisk_exec_get_lba_status(struct scst_cmd *cmd);

/* vdisk_main.c */
int vdisk_set_capacity(struct vdisk_dev *vd, u64 size);

/* vdisk_nullio.c, vdisk_fileio.c, vdisk_blockio.c */
extern const struct vdisk_backend_ops vdisk_nullio_ops;
extern const struct vdisk_backend_ops vdisk_fileio_ops;
extern const struct vdisk_backend_ops vdisk_blockio_ops;
int vdisk_blockio_init(void);
void vdisk_blockio_exit(void);

#endif /* _SCST_VDISK_H */
