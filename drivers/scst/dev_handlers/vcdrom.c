// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vcdrom dev handler: a virtual CD-ROM drive (MMC-6 multimedia
 * device, SPC-4 peripheral device type 05h) whose discs are ISO image
 * files.
 *
 * The drive has a tray and removable media: the administrator loads a disc
 * by writing the path of an image to the device's filename attribute and
 * ejects it by writing an empty value, also while the device is exported;
 * initiators eject and reload with START STOP UNIT and lock the tray with
 * PREVENT ALLOW MEDIUM REMOVAL. Every disc is a complete single session
 * data disc with one Mode 1 track holding the whole image; logical blocks
 * are 2048 bytes.
 *
 * Media state. The open image, its size, the prevent state, the tray state
 * and the pending media event are protected by vc->lock, a spinlock, so
 * that a load or an eject and the check of the prevent state that allows
 * it are one atomic step. Loads, which open files and may sleep, are
 * serialised by vc->media_mutex, which also protects vc->filename; it
 * nests inside dev->mutex. A command reading the disc takes a reference to
 * the open image, so an eject never waits for I/O and a read in flight
 * completes on the disc it started on.
 *
 * See Documentation/scst/vcdrom.rst.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/configfs.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/unaligned.h>
#include <scst/scst.h>

#include "vcdrom.h"
#include "vdisk_file.h"

/* The logical block size of CD-ROM data tracks (Mode 1 user data) */
#define VCDROM_BLOCK_SIZE	2048
#define VCDROM_BLOCK_SHIFT	11

/* MMC-6 opcodes not in <scsi/scsi_proto.h> */
#define VCDROM_GET_CONFIGURATION	0x46
#define VCDROM_READ_DISC_INFORMATION	0x51
#define VCDROM_MECHANISM_STATUS		0xbd

/* CD addressing (MMC-6 4.2.3): 75 frames a second, 2 s of pre-gap */
#define VCDROM_FRAMES_PER_SEC	75
#define VCDROM_SECS_PER_MIN	60
#define VCDROM_MSF_OFFSET	150
/* First frame an MSF address cannot express: 256:00:00 */
#define VCDROM_MSF_LIMIT	(256 * VCDROM_SECS_PER_MIN * VCDROM_FRAMES_PER_SEC)

/* TOC (MMC-6 READ TOC/PMA/ATIP, format 0000b) */
#define VCDROM_TOC_ADR_CONTROL	0x14	/* ADR 1 (Q position), data track */
#define VCDROM_TRACK		1	/* the one track */
#define VCDROM_LEADOUT		0xaa	/* track number of the lead-out */

/* MMC-6 GET CONFIGURATION (features: MMC-6 5.2, 5.3) */
#define VCDROM_PROFILE_NONE	0x0000
#define VCDROM_PROFILE_CDROM	0x0008
#define VCDROM_FEAT_PROFILE_LIST	0x0000
#define VCDROM_FEAT_CORE		0x0001
#define VCDROM_FEAT_MORPHING		0x0002
#define VCDROM_FEAT_REMOVABLE		0x0003
#define VCDROM_FEAT_RANDOM_READABLE	0x0010
#define VCDROM_RT_ALL		0	/* every feature */
#define VCDROM_RT_CURRENT	1	/* the current features */
#define VCDROM_RT_ONE		2	/* the starting feature only */

/* MMC-6 GET EVENT STATUS NOTIFICATION */
#define VCDROM_EVENT_CLASS_MEDIA	4
#define VCDROM_EVENT_NEA		BIT(7)

/* SPC-4 MODE SENSE(6), MODE SENSE(10); MMC-6 7 */
enum {
	VCDROM_PC_CURRENT	= 0,
	VCDROM_PC_CHANGEABLE	= 1,
	VCDROM_PC_DEFAULT	= 2,
	VCDROM_PC_SAVED		= 3,
};

#define VCDROM_MPAGE_ERR_RECOVERY	0x01
#define VCDROM_MPAGE_ERR_RECOVERY_LEN	12
#define VCDROM_MPAGE_CAPABILITIES	0x2a
#define VCDROM_MPAGE_CAPABILITIES_LEN	22
#define VCDROM_MPAGE_ALL		0x3f
#define VCDROM_MSUBPAGE_ALL		0xff
#define VCDROM_MODE_BUF_LEN	(8 + VCDROM_MPAGE_ERR_RECOVERY_LEN + \
				 VCDROM_MPAGE_CAPABILITIES_LEN)

/* Loading mechanism type 001b, tray (MMC-6 5.3.4) */
#define VCDROM_MECH_TRAY	0x20

#define VCDROM_DISC_INFO_LEN	34
#define VCDROM_MECH_STATUS_LEN	8

/**
 * struct vcdrom_dev - dev handler private data of a vcdrom device
 * @dev: the SCST device
 * @media_mutex: serialises loads and ejects; protects @filename and
 *	@opener
 * @filename: path of the disc in the drive, or of the last disc an
 *	initiator ejected (reloaded by START STOP UNIT); NULL if none
 * @opener: the context @filename was written in; every open of it
 *	resolves and opens it in that context
 * @lock: protects the fields below
 * @filp: the open image of the disc in the drive; NULL if there is none
 * @nr_blocks: capacity of that disc in 2048-byte blocks
 * @prevent: medium removal is prevented (PREVENT ALLOW MEDIUM REMOVAL)
 * @tray_open: the tray is open (after an eject)
 * @media_event: media class event not yet reported (enum
 *	vcdrom_media_event)
 */
struct vcdrom_dev {
	struct scst_device *dev;
	struct mutex media_mutex;	/* serialises loads and ejects */
	char *filename;
	struct vdisk_opener opener;

	spinlock_t lock;		/* protects the media state */
	struct file *filp;
	u64 nr_blocks;
	bool prevent;
	bool tray_open;
	u8 media_event;
};

static inline struct vcdrom_dev *vcdrom_from_dev(const struct scst_device *dev)
{
	return dev->dh_priv;
}

/*
 * Pure helpers: CD addressing and the parameter data of READ TOC/PMA/ATIP,
 * GET CONFIGURATION and GET EVENT STATUS NOTIFICATION.
 */

/**
 * vcdrom_lba_to_msf() - convert a logical block address to an MSF address
 * @lba: the logical block address
 * @p: where to store the 4-byte MSF address (reserved, M, S, F)
 *
 * MMC-6 4.2.3.4: MSF = LBA + 150 frames. Addresses beyond 255:59:74
 * saturate; they only occur with images larger than any CD.
 */
VISIBLE_IF_KUNIT void vcdrom_lba_to_msf(u64 lba, u8 *p)
{
	u32 frames;

	p[0] = 0;
	if (lba >= VCDROM_MSF_LIMIT - VCDROM_MSF_OFFSET) {
		p[1] = 0xff;
		p[2] = VCDROM_SECS_PER_MIN - 1;
		p[3] = VCDROM_FRAMES_PER_SEC - 1;
		return;
	}
	frames = lba + VCDROM_MSF_OFFSET;
	p[1] = frames / (VCDROM_FRAMES_PER_SEC * VCDROM_SECS_PER_MIN);
	p[2] = (frames / VCDROM_FRAMES_PER_SEC) % VCDROM_SECS_PER_MIN;
	p[3] = frames % VCDROM_FRAMES_PER_SEC;
}
EXPORT_SYMBOL_IF_KUNIT(vcdrom_lba_to_msf);

/* A track descriptor of the TOC and Session Information formats */
static void vcdrom_toc_desc(u8 *p, u8 track, u64 lba, bool msf)
{
	p[0] = 0;
	p[1] = VCDROM_TOC_ADR_CONTROL;
	p[2] = track;
	p[3] = 0;
	if (msf)
		vcdrom_lba_to_msf(lba, &p[4]);
	else
		put_unaligned_be32(lba, &p[4]);
}

/**
 * vcdrom_build_toc() - build READ TOC/PMA/ATIP parameter data
 * @nr_blocks: capacity of the disc in blocks
 * @msf: give addresses in MSF form
 * @format: FORMAT field: 0000b (TOC) or 0001b (session information)
 * @track: TRACK/SESSION NUMBER field; the TOC starts at this track,
 *	session information ignores it
 * @buf: where to store the data, at least VCDROM_TOC_MAX_LEN bytes
 * @bad_byte: set to the CDB byte of the invalid field on failure
 *
 * MMC-6 READ TOC/PMA/ATIP.
 *
 * Return: the length of the data, or -EINVAL if @format is not supported
 * (*@bad_byte is 2) or @track is no track of the disc (*@bad_byte is 6).
 */
VISIBLE_IF_KUNIT int vcdrom_build_toc(u64 nr_blocks, bool msf, u8 format,
				      u8 track, u8 *buf,
				      unsigned int *bad_byte)
{
	unsigned int len = 4;

	switch (format) {
	case 0:
		/*
		 * Descriptors of the tracks from @track on, then always the
		 * lead-out; track 0 means from the first track.
		 */
		if (track > VCDROM_TRACK && track != VCDROM_LEADOUT) {
			*bad_byte = 6;
			return -EINVAL;
		}
		if (track <= VCDROM_TRACK) {
			vcdrom_toc_desc(&buf[len], VCDROM_TRACK, 0, msf);
			len += 8;
		}
		vcdrom_toc_desc(&buf[len], VCDROM_LEADOUT, nr_blocks, msf);
		len += 8;
		break;
	case 1:
		/* First track of the last complete session */
		vcdrom_toc_desc(&buf[len], VCDROM_TRACK, 0, msf);
		len += 8;
		break;
	default:
		/* Full TOC, PMA, ATIP and CD-TEXT: a pressed data disc */
		*bad_byte = 2;
		return -EINVAL;
	}
	/* TOC DATA LENGTH excludes itself; first and last track or session */
	put_unaligned_be16(len - 2, &buf[0]);
	buf[2] = 1;
	buf[3] = 1;
	return len;
}
EXPORT_SYMBOL_IF_KUNIT(vcdrom_build_toc);

/* Feature descriptor header (MMC-6 5.2.2) */
static unsigned int vcdrom_feature(u8 *p, u16 code, u8 version,
				   bool persistent, bool cur, u8 add_len)
{
	memset(p, 0, 4 + add_len);
	put_unaligned_be16(code, &p[0]);
	p[2] = (version << 2) | (persistent ? BIT(1) : 0) |
		(cur ? BIT(0) : 0);
	p[3] = add_len;
	return 4 + add_len;
}

/**
 * vcdrom_build_config() - build GET CONFIGURATION parameter data
 * @media: a disc is loaded
 * @rt: RT field: 00b all features, 01b current features, 10b one feature
 * @start: STARTING FEATURE NUMBER field
 * @buf: where to store the data, at least VCDROM_CONFIG_MAX_LEN bytes
 *
 * MMC-6 GET CONFIGURATION; the features are those of a CD-ROM drive with
 * a tray.
 *
 * Return: the length of the data.
 */
VISIBLE_IF_KUNIT unsigned int vcdrom_build_config(bool media, u8 rt,
						  u16 start, u8 *buf)
{
	static const u16 codes[] = {
		VCDROM_FEAT_PROFILE_LIST, VCDROM_FEAT_CORE,
		VCDROM_FEAT_MORPHING, VCDROM_FEAT_REMOVABLE,
		VCDROM_FEAT_RANDOM_READABLE,
	};
	unsigned int i, len = 8;

	memset(buf, 0, 8);
	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		u8 *p = &buf[len];
		unsigned int n;
		bool cur;

		if (rt == VCDROM_RT_ONE ? codes[i] != start : codes[i] < start)
			continue;

		switch (codes[i]) {
		case VCDROM_FEAT_PROFILE_LIST:
			/* The one profile, current if a disc is loaded */
			cur = true;
			n = vcdrom_feature(p, codes[i], 0, true, cur, 4);
			put_unaligned_be16(VCDROM_PROFILE_CDROM, &p[4]);
			p[6] = media ? BIT(0) : 0;	/* CurrentP */
			break;
		case VCDROM_FEAT_CORE:
			/*
			 * Version 2. PHYSICAL INTERFACE STANDARD 1: SCSI
			 * family. INQ2 0 and DBE 0: no Device Busy events.
			 */
			cur = true;
			n = vcdrom_feature(p, codes[i], 2, true, cur, 8);
			put_unaligned_be32(1, &p[4]);
			break;
		case VCDROM_FEAT_MORPHING:
			/* Version 1. ASYNC 0 (polling only), OCEvent 0 */
			cur = true;
			n = vcdrom_feature(p, codes[i], 1, true, cur, 4);
			break;
		case VCDROM_FEAT_REMOVABLE:
			/*
			 * Version 2: a tray that loads (Load) and ejects
			 * (Eject) and can be locked (Lock) by PREVENT ALLOW
			 * MEDIUM REMOVAL. Pvnt Jmpr 0: the drive powers up
			 * in the allow state. The lock state itself is in
			 * mode page 2Ah (Lock State).
			 */
			cur = true;
			n = vcdrom_feature(p, codes[i], 2, true, cur, 4);
			p[4] = VCDROM_MECH_TRAY | BIT(4) | BIT(3) | BIT(0);
			break;
		case VCDROM_FEAT_RANDOM_READABLE:
			/*
			 * Current with a disc: LOGICAL BLOCK SIZE 2048,
			 * BLOCKING 1, PP 1 (error recovery page present).
			 */
			cur = media;
			n = vcdrom_feature(p, codes[i], 0, false, cur, 8);
			put_unaligned_be32(VCDROM_BLOCK_SIZE, &p[4]);
			put_unaligned_be16(1, &p[8]);
			p[10] = BIT(0);
			break;
		default:
			continue;
		}
		if (rt == VCDROM_RT_CURRENT && !cur)
			continue;
		len += n;
	}
	/* DATA LENGTH excludes itself; CURRENT PROFILE */
	put_unaligned_be32(len - 4, &buf[0]);
	put_unaligned_be16(media ? VCDROM_PROFILE_CDROM : VCDROM_PROFILE_NONE,
			   &buf[6]);
	return len;
}
EXPORT_SYMBOL_IF_KUNIT(vcdrom_build_config);

/**
 * vcdrom_build_event() - build GET EVENT STATUS NOTIFICATION data
 * @classes: NOTIFICATION CLASS REQUEST field
 * @event: media event code (&enum vcdrom_media_event)
 * @media: a disc is loaded
 * @tray_open: the tray is open
 * @buf: where to store the data, at least VCDROM_GESN_LEN bytes
 *
 * MMC-6 GET EVENT STATUS NOTIFICATION, polled; only the media class is
 * supported.
 *
 * Return: the length of the data.
 */
VISIBLE_IF_KUNIT unsigned int vcdrom_build_event(u8 classes, u8 event,
						 bool media, bool tray_open,
						 u8 *buf)
{
	memset(buf, 0, VCDROM_GESN_LEN);
	buf[3] = BIT(VCDROM_EVENT_CLASS_MEDIA);	/* SUPPORTED EVENT CLASSES */
	if (!(classes & BIT(VCDROM_EVENT_CLASS_MEDIA))) {
		/* No event of a requested class is available: NEA. */
		put_unaligned_be16(2, &buf[0]);
		buf[2] = VCDROM_EVENT_NEA;
		return 4;
	}
	put_unaligned_be16(VCDROM_GESN_LEN - 2, &buf[0]);
	buf[2] = VCDROM_EVENT_CLASS_MEDIA;
	buf[4] = event & 0x0f;
	buf[5] = (media ? BIT(1) : 0) | (tray_open ? BIT(0) : 0);
	/* START SLOT and END SLOT 0: no changer */
	return VCDROM_GESN_LEN;
}
EXPORT_SYMBOL_IF_KUNIT(vcdrom_build_event);

/* Media state */

/*
 * Open the image @path as the administrator who named it (@who) would,
 * whoever asks for it: an initiator's START STOP UNIT reloads the disc in
 * the submitter's context. Return its capacity in 2048-byte blocks in
 * *@nr_blocks.
 */
static struct file *vcdrom_open_image(struct scst_device *dev,
				      const struct vdisk_opener *who,
				      const char *path, u64 *nr_blocks)
{
	struct inode *inode;
	struct file *filp;
	u64 size;

	filp = vdisk_opener_open(who, path, O_RDONLY | O_LARGEFILE);
	if (IS_ERR(filp)) {
		pr_warn("%s: cannot open %s: %ld\n", dev->name, path,
			PTR_ERR(filp));
		return filp;
	}
	inode = file_inode(filp);
	if ((!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode)) ||
	    !filp->f_op->read_iter) {
		pr_warn("%s: %s is neither a regular file nor a block device\n",
			dev->name, path);
		goto out_inval;
	}
	/*
	 * A non-empty whole number of blocks, whose last LBA fits in the
	 * 32-bit fields of READ CAPACITY(10) and READ TOC.
	 */
	size = i_size_read(filp->f_mapping->host);
	if (!size || size & (VCDROM_BLOCK_SIZE - 1) ||
	    (size >> VCDROM_BLOCK_SHIFT) - 1 > U32_MAX) {
		pr_warn("%s: size %llu of %s is not a non-zero multiple of %u or too large\n",
			dev->name, size, path, VCDROM_BLOCK_SIZE);
		goto out_inval;
	}
	*nr_blocks = size >> VCDROM_BLOCK_SHIFT;
	return filp;

out_inval:
	filp_close(filp, NULL);
	return ERR_PTR(-EINVAL);
}

/*
 * Put the disc @filp of @nr_blocks blocks into the drive, replacing any
 * disc in it, unless @check_prevent and removal is prevented; the caller
 * holds vc->media_mutex and tells the initiators.
 *
 * Return: 0, or -EBUSY if removal is prevented, in which case the caller
 * still owns @filp.
 */
static int vcdrom_insert(struct vcdrom_dev *vc, struct file *filp,
			 u64 nr_blocks, bool check_prevent)
{
	struct file *old;

	spin_lock(&vc->lock);
	old = vc->filp;
	if (check_prevent && vc->prevent) {
		/* As if the eject button of a locked drive was pressed */
		if (vc->media_event == VCDROM_ME_NO_CHANGE)
			vc->media_event = VCDROM_ME_EJECT_REQUEST;
		spin_unlock(&vc->lock);
		return -EBUSY;
	}
	vc->filp = filp;
	vc->nr_blocks = nr_blocks;
	vc->tray_open = false;
	vc->media_event = VCDROM_ME_NEW_MEDIA;
	spin_unlock(&vc->lock);

	/* The core's copy of the capacity follows the disc. */
	WRITE_ONCE(vc->dev->nr_blocks, nr_blocks);
	if (old)
		filp_close(old, NULL);
	return 0;
}

/*
 * Eject the disc, unless @check_prevent and removal is prevented, and open
 * the tray (@open_tray) or leave it closed.
 *
 * Return: 0, or -EBUSY if removal is prevented.
 */
static int vcdrom_eject(struct vcdrom_dev *vc, bool check_prevent,
			bool open_tray)
{
	struct file *old;

	spin_lock(&vc->lock);
	if (check_prevent && vc->prevent) {
		if (vc->media_event == VCDROM_ME_NO_CHANGE)
			vc->media_event = VCDROM_ME_EJECT_REQUEST;
		spin_unlock(&vc->lock);
		return -EBUSY;
	}
	old = vc->filp;
	vc->filp = NULL;
	vc->nr_blocks = 0;
	vc->tray_open = open_tray;
	if (old)
		vc->media_event = VCDROM_ME_MEDIA_REMOVAL;
	spin_unlock(&vc->lock);

	/* The core wants a non-zero capacity even for an empty drive. */
	WRITE_ONCE(vc->dev->nr_blocks, 1);
	/* Commands reading the disc hold their own reference. */
	if (old)
		filp_close(old, NULL);
	return 0;
}

/*
 * The disc in the drive, with a reference the caller drops with fput(),
 * and its capacity; NULL if the drive is empty.
 */
static struct file *vcdrom_get_disc(struct vcdrom_dev *vc, u64 *nr_blocks)
{
	struct file *filp;

	spin_lock(&vc->lock);
	filp = vc->filp;
	if (filp)
		get_file(filp);
	*nr_blocks = vc->nr_blocks;
	spin_unlock(&vc->lock);
	return filp;
}

/* Whether a disc is in the drive, and its capacity in *@nr_blocks */
static bool vcdrom_disc_blocks(struct vcdrom_dev *vc, u64 *nr_blocks)
{
	bool media;

	spin_lock(&vc->lock);
	media = vc->filp;
	*nr_blocks = vc->nr_blocks;
	spin_unlock(&vc->lock);
	return media;
}

static bool vcdrom_media_present(struct vcdrom_dev *vc)
{
	bool present;

	spin_lock(&vc->lock);
	present = vc->filp;
	spin_unlock(&vc->lock);
	return present;
}

/* Commands */

static enum scst_exec_result vcdrom_done(struct scst_cmd *cmd)
{
	scst_cmd_exec_done(cmd, SCST_CONTEXT_DIRECT);
	return SCST_EXEC_COMPLETED;
}

static enum scst_exec_result vcdrom_fail(struct scst_cmd *cmd, u8 key,
					 u16 asc_ascq)
{
	scst_set_cmd_error(cmd, key, asc_ascq);
	return vcdrom_done(cmd);
}

/* INVALID FIELD IN CDB pointing at @byte, @bit (SPC-4 4.5.2.4.2) */
static enum scst_exec_result vcdrom_bad_field(struct scst_cmd *cmd,
					      unsigned int byte, int bit)
{
	scst_set_invalid_field(cmd, true, byte, bit);
	return vcdrom_done(cmd);
}

static enum scst_exec_result vcdrom_no_medium(struct scst_cmd *cmd)
{
	return vcdrom_fail(cmd, NOT_READY, SCST_ASC_MEDIUM_NOT_PRESENT);
}

/* Return the first @alloc_len bytes of the @len bytes of data in @buf. */
static enum scst_exec_result vcdrom_return(struct scst_cmd *cmd,
					   const u8 *buf, unsigned int len,
					   u32 alloc_len)
{
	scst_cmd_copy_from_buf(cmd, buf, min(len, alloc_len));
	return vcdrom_done(cmd);
}

/* MMC-6 READ(10), READ(12) */
static enum scst_exec_result vcdrom_exec_read(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	u64 len = (u64)cmd->nr_blocks << VCDROM_BLOCK_SHIFT;
	struct file *filp;
	u64 nr_blocks;
	int err;

	/* Byte 1 bits 7..5 are reserved; DPO and FUA need no action. */
	if (cmd->cdb[1] & 0xe0)
		return vcdrom_bad_field(cmd, 1, 7);
	filp = vcdrom_get_disc(vc, &nr_blocks);
	if (!filp)
		return vcdrom_no_medium(cmd);
	if (cmd->lba > nr_blocks || cmd->nr_blocks > nr_blocks - cmd->lba) {
		fput(filp);
		return vcdrom_fail(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_LBA_OUT_OF_RANGE);
	}
	/* A TRANSFER LENGTH of zero is not an error. */
	if (!len) {
		fput(filp);
		return vcdrom_done(cmd);
	}
	/*
	 * The decoder limits block transfers to SCST_MAX_XFER_LEN, so @len
	 * did not overflow, and the core sized the buffer for all of it.
	 */
	if (WARN_ON_ONCE(!cmd->sg || cmd->buf_len < len)) {
		fput(filp);
		return vcdrom_fail(cmd, HARDWARE_ERROR,
				   SCST_ASC_INTERNAL_TARGET_FAILURE);
	}

	/* A disc that shrank since it was loaded fails with -EIO. */
	err = vdisk_file_rw(filp, cmd, (loff_t)cmd->lba << VCDROM_BLOCK_SHIFT,
			    len, 0);
	fput(filp);
	switch (err) {
	case 0:
		cmd->data_len = len;
		break;
	case -ENOMEM:
	case -EAGAIN:
		/* Transient: let the initiator retry (SAM-5 5.3.1). */
		scst_set_cmd_status(cmd, SAM_STAT_BUSY);
		break;
	default:
		scst_set_cmd_error(cmd, MEDIUM_ERROR, SCST_ASC_READ_ERROR);
		break;
	}
	return vcdrom_done(cmd);
}

/* MMC-6 READ CAPACITY */
static enum scst_exec_result vcdrom_exec_read_capacity(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	u64 nr_blocks;
	u8 buf[8];

	if (!vcdrom_disc_blocks(vc, &nr_blocks))
		return vcdrom_no_medium(cmd);

	/* The last LBA fits: see vcdrom_open_image(). */
	put_unaligned_be32(nr_blocks - 1, &buf[0]);
	put_unaligned_be32(VCDROM_BLOCK_SIZE, &buf[4]);
	return vcdrom_return(cmd, buf, sizeof(buf), sizeof(buf));
}

/* MMC-6 READ TOC/PMA/ATIP */
static enum scst_exec_result vcdrom_exec_read_toc(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	const u8 *cdb = cmd->cdb;
	bool msf = cdb[1] & BIT(1);
	u8 format = cdb[2] & 0x0f;
	u32 alloc_len = get_unaligned_be16(&cdb[7]);
	u8 buf[VCDROM_TOC_MAX_LEN];
	unsigned int bad_byte;
	bool legacy;
	u64 nr_blocks;
	int len;

	/* Reserved: byte 1 except MSF, byte 2 bits 7..4, bytes 3..5 */
	if (cdb[1] & ~BIT(1))
		return vcdrom_bad_field(cmd, 1, fls(cdb[1] & ~BIT(1)) - 1);
	if (cdb[2] & 0xf0)
		return vcdrom_bad_field(cmd, 2, 7);
	if (cdb[3] || cdb[4] || cdb[5])
		return vcdrom_bad_field(cmd, cdb[3] ? 3 : cdb[4] ? 4 : 5, -1);
	/*
	 * Before MMC the format was in the vendor specific bits 7..6 of the
	 * CONTROL byte (SFF-8020); initiators still use them, so honour them
	 * when the FORMAT field is zero.
	 */
	legacy = !format && (cdb[9] >> 6);
	if (legacy)
		format = cdb[9] >> 6;

	if (!vcdrom_disc_blocks(vc, &nr_blocks))
		return vcdrom_no_medium(cmd);

	len = vcdrom_build_toc(nr_blocks, msf, format, cdb[6], buf, &bad_byte);
	if (len < 0 && bad_byte == 2)
		return legacy ? vcdrom_bad_field(cmd, 9, 7) :
			vcdrom_bad_field(cmd, 2, 3);
	if (len < 0)
		return vcdrom_bad_field(cmd, bad_byte, 7);
	return vcdrom_return(cmd, buf, len, alloc_len);
}

/* MMC-6 GET CONFIGURATION */
static enum scst_exec_result vcdrom_exec_get_config(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	const u8 *cdb = cmd->cdb;
	u8 rt = cdb[1] & 0x03;
	u32 alloc_len = get_unaligned_be16(&cdb[7]);
	u8 buf[VCDROM_CONFIG_MAX_LEN];
	unsigned int len;

	/* Byte 1 bits 7..2 are reserved, RT 11b is reserved. */
	if (cdb[1] & 0xfc)
		return vcdrom_bad_field(cmd, 1, 7);
	if (rt == 3)
		return vcdrom_bad_field(cmd, 1, 1);

	len = vcdrom_build_config(vcdrom_media_present(vc), rt,
				  get_unaligned_be16(&cdb[2]), buf);
	return vcdrom_return(cmd, buf, len, alloc_len);
}

/* MMC-6 GET EVENT STATUS NOTIFICATION */
/**
 * vcdrom_gesn_consumes() - whether GET EVENT STATUS NOTIFICATION reports
 *	the pending media event, and so consumes it
 * @classes: NOTIFICATION CLASS REQUEST field
 * @alloc_len: ALLOCATION LENGTH
 * @buf_len: size of the command's buffer, i.e. what the transport can
 *	carry back to the initiator
 *
 * The event is reported once (MMC-6 GET EVENT STATUS NOTIFICATION): only
 * to a command that asks for the media class and through which the whole
 * event descriptor reaches the initiator.
 *
 * Return: true if the event is delivered.
 */
VISIBLE_IF_KUNIT bool vcdrom_gesn_consumes(u8 classes, u32 alloc_len,
					   u32 buf_len)
{
	return (classes & BIT(VCDROM_EVENT_CLASS_MEDIA)) &&
		min(alloc_len, buf_len) >= VCDROM_GESN_LEN;
}
EXPORT_SYMBOL_IF_KUNIT(vcdrom_gesn_consumes);

static enum scst_exec_result vcdrom_exec_gesn(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	const u8 *cdb = cmd->cdb;
	u8 classes = cdb[4];
	u32 alloc_len = get_unaligned_be16(&cdb[7]);
	u8 buf[VCDROM_GESN_LEN];
	bool media, tray_open;
	unsigned int len;
	u8 event;

	/*
	 * Only polling is supported: a request with POLLED 0 (asynchronous
	 * notification) fails. The other bits of byte 1 are reserved.
	 */
	if (cdb[1] != BIT(0))
		return vcdrom_bad_field(cmd, 1, (cdb[1] & 0xfe) ?
					fls(cdb[1] & 0xfe) - 1 : 0);

	spin_lock(&vc->lock);
	event = vc->media_event;
	media = vc->filp;
	tray_open = vc->tray_open;
	if (vcdrom_gesn_consumes(classes, alloc_len, cmd->buf_len))
		vc->media_event = VCDROM_ME_NO_CHANGE;
	spin_unlock(&vc->lock);

	len = vcdrom_build_event(classes, event, media, tray_open, buf);
	return vcdrom_return(cmd, buf, len, alloc_len);
}

/*
 * SBC-3 and MMC-6 PREVENT ALLOW MEDIUM REMOVAL.
 *
 * SBC-3 and MMC-6 keep one prevent state per I_T nexus and allow removal
 * when no I_T nexus prevents it. This handler keeps one state per device: the
 * last PREVENT ALLOW MEDIUM REMOVAL from any initiator decides, and the
 * state is cleared when the device is disabled.
 */
static enum scst_exec_result vcdrom_exec_prevent(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	const u8 *cdb = cmd->cdb;
	u8 prevent = cdb[4] & 0x03;

	/* Reserved: bytes 1..3, byte 4 bits 7..2 */
	if (cdb[1] || cdb[2] || cdb[3])
		return vcdrom_bad_field(cmd, cdb[1] ? 1 : cdb[2] ? 2 : 3, -1);
	if (cdb[4] & 0xfc)
		return vcdrom_bad_field(cmd, 4, 7);
	/* Persistent prevent (MMC-6, 1xb) is not supported. */
	if (prevent > 1)
		return vcdrom_bad_field(cmd, 4, 1);

	spin_lock(&vc->lock);
	vc->prevent = prevent;
	spin_unlock(&vc->lock);
	return vcdrom_done(cmd);
}

/* Reload the last disc with START STOP UNIT */
static enum scst_exec_result vcdrom_load(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	struct file *filp = NULL;
	u64 nr_blocks = 0;

	mutex_lock(&vc->media_mutex);
	if (vcdrom_media_present(vc)) {
		mutex_unlock(&vc->media_mutex);
		return vcdrom_done(cmd);
	}
	if (vc->filename) {
		filp = vcdrom_open_image(cmd->dev, &vc->opener, vc->filename,
					 &nr_blocks);
		if (IS_ERR(filp)) {
			/* The tray closes on an empty drive. */
			spin_lock(&vc->lock);
			vc->tray_open = false;
			spin_unlock(&vc->lock);
			mutex_unlock(&vc->media_mutex);
			return vcdrom_fail(cmd, NOT_READY,
					   SCST_ASC_MEDIA_LOAD_EJECT_FAILED);
		}
	}
	if (filp) {
		vcdrom_insert(vc, filp, nr_blocks, false);
		/* The initiator that loaded it knows. */
		scst_dev_set_ua(cmd->dev, cmd->sess,
				SCST_ASC_MEDIUM_MAY_HAVE_CHANGED);
	} else {
		/* No disc to load: just close the tray. */
		spin_lock(&vc->lock);
		vc->tray_open = false;
		spin_unlock(&vc->lock);
	}
	mutex_unlock(&vc->media_mutex);
	return vcdrom_done(cmd);
}

/* SBC-3 5.25 START STOP UNIT as MMC-6 START STOP UNIT defines it */
static enum scst_exec_result vcdrom_exec_start_stop(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	const u8 *cdb = cmd->cdb;
	bool loej = cdb[4] & BIT(1);
	bool start = cdb[4] & BIT(0);

	/* Reserved: byte 1 bits 7..1 (bit 0 is IMMED), byte 2 */
	if (cdb[1] & 0xfe)
		return vcdrom_bad_field(cmd, 1, 7);
	if (cdb[2])
		return vcdrom_bad_field(cmd, 2, -1);
	/* FORMAT-LAYER NUMBER and FL: the disc has a single layer. */
	if (cdb[3])
		return vcdrom_bad_field(cmd, 3, -1);
	if (cdb[4] & BIT(2))
		return vcdrom_bad_field(cmd, 4, 2);
	/* POWER CONDITIONS other than 0h: no power management. Bit 3 */
	if (cdb[4] & 0xf8)
		return vcdrom_bad_field(cmd, 4, fls(cdb[4] & 0xf8) - 1);

	/* Spinning up or down has no effect on an image file. */
	if (!loej)
		return vcdrom_done(cmd);
	if (start)
		return vcdrom_load(cmd);
	/* MMC-6 START STOP UNIT: an eject while removal is prevented fails */
	if (vcdrom_eject(vc, true, true))
		return vcdrom_fail(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_MEDIUM_REMOVAL_PREVENTED);
	return vcdrom_done(cmd);
}

/* MMC-6 7.3 Read/Write Error Recovery mode page: nothing to recover */
static unsigned int vcdrom_err_recovery_page(u8 *p)
{
	memset(p, 0, VCDROM_MPAGE_ERR_RECOVERY_LEN);
	p[0] = VCDROM_MPAGE_ERR_RECOVERY;	/* PS 0 */
	p[1] = VCDROM_MPAGE_ERR_RECOVERY_LEN - 2;
	return VCDROM_MPAGE_ERR_RECOVERY_LEN;
}

/*
 * MM Capabilities and Mechanical Status mode page (2Ah, MMC-6 annex,
 * legacy): the first 22 bytes, which is what initiators read.
 */
static unsigned int vcdrom_capabilities_page(u8 pc, bool prevent, u8 *p)
{
	memset(p, 0, VCDROM_MPAGE_CAPABILITIES_LEN);
	p[0] = VCDROM_MPAGE_CAPABILITIES;
	p[1] = VCDROM_MPAGE_CAPABILITIES_LEN - 2;
	if (pc == VCDROM_PC_CHANGEABLE)
		return VCDROM_MPAGE_CAPABILITIES_LEN;
	/*
	 * Bytes 2..5: reads CD-ROM only (no CD-R/RW, DVD, audio, Mode 2).
	 * Byte 6: a tray that ejects and can be locked; LOCK STATE is the
	 * current prevent state, which is 0 by default.
	 */
	p[6] = VCDROM_MECH_TRAY | BIT(3) | BIT(0);
	if (pc == VCDROM_PC_CURRENT && prevent)
		p[6] |= BIT(1);
	/*
	 * Bytes 8..9, 14..15: maximum and current read speed in kB/s
	 * (obsolete), 24x; bytes 12..13: no buffer.
	 */
	put_unaligned_be16(24 * 176, &p[8]);
	put_unaligned_be16(24 * 176, &p[14]);
	return VCDROM_MPAGE_CAPABILITIES_LEN;
}

/* SPC-4 MODE SENSE(6), MODE SENSE(10); MMC-6 7 */
static enum scst_exec_result vcdrom_exec_mode_sense(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	const u8 *cdb = cmd->cdb;
	bool ms10 = cdb[0] == MODE_SENSE_10;
	u8 pc = cdb[2] >> 6;
	u8 page = cdb[2] & 0x3f;
	u8 subpage = cdb[3];
	u32 alloc_len = ms10 ? get_unaligned_be16(&cdb[7]) : cdb[4];
	unsigned int len = ms10 ? 8 : 4;
	u8 buf[VCDROM_MODE_BUF_LEN] = {};
	bool prevent;

	/* Byte 1: DBD, and LLBAA in MODE SENSE(10); the rest is reserved. */
	if (cdb[1] & (ms10 ? 0xe7 : 0xf7))
		return vcdrom_bad_field(cmd, 1, 7);
	if (pc == VCDROM_PC_SAVED)
		return vcdrom_fail(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_SAVING_PARAMS_UNSUP);
	/* The pages have no subpages (SPC-4 MODE SENSE(6)). */
	if (subpage && subpage != VCDROM_MSUBPAGE_ALL)
		return vcdrom_bad_field(cmd, 3, 7);

	spin_lock(&vc->lock);
	prevent = vc->prevent;
	spin_unlock(&vc->lock);

	switch (page) {
	case VCDROM_MPAGE_ERR_RECOVERY:
		len += vcdrom_err_recovery_page(&buf[len]);
		break;
	case VCDROM_MPAGE_CAPABILITIES:
		len += vcdrom_capabilities_page(pc, prevent, &buf[len]);
		break;
	case VCDROM_MPAGE_ALL:
		len += vcdrom_err_recovery_page(&buf[len]);
		len += vcdrom_capabilities_page(pc, prevent, &buf[len]);
		break;
	default:
		return vcdrom_bad_field(cmd, 2, 5);
	}

	/*
	 * Mode parameter header: MEDIUM TYPE 00h, DEVICE-SPECIFIC PARAMETER
	 * 00h and no block descriptor; MMC devices use none (MMC-6 7.2).
	 */
	if (ms10)
		put_unaligned_be16(len - 2, &buf[0]);
	else
		buf[0] = len - 1;
	return vcdrom_return(cmd, buf, len, alloc_len);
}

/* MMC-6 MECHANISM STATUS: the header, no changer */
static enum scst_exec_result vcdrom_exec_mech_status(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	u32 alloc_len = get_unaligned_be16(&cmd->cdb[8]);
	u8 buf[VCDROM_MECH_STATUS_LEN] = {};

	/*
	 * Byte 0: no fault, changer ready, slot 0. Byte 1: MECHANISM STATE
	 * idle, DOOR OPEN. Bytes 2..4 (current LBA, obsolete), 5 (number of
	 * slots) and 6..7 (slot table length): 0.
	 */
	spin_lock(&vc->lock);
	if (vc->tray_open)
		buf[1] = BIT(4);
	spin_unlock(&vc->lock);
	return vcdrom_return(cmd, buf, sizeof(buf), alloc_len);
}

/* MMC-6 READ DISC INFORMATION, standard disc information only */
static enum scst_exec_result vcdrom_exec_disc_info(struct scst_cmd *cmd)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(cmd->dev);
	const u8 *cdb = cmd->cdb;
	u32 alloc_len = get_unaligned_be16(&cdb[7]);
	u8 buf[VCDROM_DISC_INFO_LEN] = {};

	/* Byte 1 bits 7..3 are reserved; DATA TYPE 000b only. */
	if (cdb[1] & 0xf8)
		return vcdrom_bad_field(cmd, 1, 7);
	if (cdb[1] & 0x07)
		return vcdrom_bad_field(cmd, 1, 2);
	if (!vcdrom_media_present(vc))
		return vcdrom_no_medium(cmd);

	put_unaligned_be16(VCDROM_DISC_INFO_LEN - 2, &buf[0]);
	/*
	 * Byte 2: DISC INFORMATION DATA TYPE 000b, not erasable, last
	 * session complete (11b), disc complete (10b).
	 */
	buf[2] = (3 << 2) | 2;
	buf[3] = VCDROM_TRACK;		/* first track on the disc */
	buf[4] = 1;			/* number of sessions (LSB) */
	buf[5] = VCDROM_TRACK;		/* first track in last session */
	buf[6] = VCDROM_TRACK;		/* last track in last session */
	/* Byte 7: DID_V, DBC_V, URU, DAC_V 0. Byte 8: CD-DA or CD-ROM. */
	/* No lead-in/lead-out can be recorded on a complete disc. */
	put_unaligned_be32(U32_MAX, &buf[16]);
	put_unaligned_be32(U32_MAX, &buf[20]);
	return vcdrom_return(cmd, buf, sizeof(buf), alloc_len);
}

static enum scst_exec_result vcdrom_exec_tur(struct scst_cmd *cmd)
{
	if (!vcdrom_media_present(vcdrom_from_dev(cmd->dev)))
		return vcdrom_no_medium(cmd);
	return vcdrom_done(cmd);
}

typedef enum scst_exec_result (*vcdrom_exec_fn)(struct scst_cmd *cmd);

/*
 * The function executing the command with operation code @opcode, or NULL
 * for those the core answers (INQUIRY, REPORT LUNS, REQUEST SENSE, REPORT
 * SUPPORTED OPERATION CODES) and those not supported. vcdrom_exec() and
 * vcdrom_op_supported() both look here.
 */
static vcdrom_exec_fn vcdrom_find_exec(u8 opcode)
{
	switch (opcode) {
	case TEST_UNIT_READY:
		return vcdrom_exec_tur;
	case READ_10:
	case READ_12:
		return vcdrom_exec_read;
	case READ_CAPACITY:
		return vcdrom_exec_read_capacity;
	case READ_TOC:
		return vcdrom_exec_read_toc;
	case VCDROM_GET_CONFIGURATION:
		return vcdrom_exec_get_config;
	case GET_EVENT_STATUS_NOTIFICATION:
		return vcdrom_exec_gesn;
	case ALLOW_MEDIUM_REMOVAL:
		return vcdrom_exec_prevent;
	case START_STOP:
		return vcdrom_exec_start_stop;
	case MODE_SENSE:
	case MODE_SENSE_10:
		return vcdrom_exec_mode_sense;
	case VCDROM_MECHANISM_STATUS:
		return vcdrom_exec_mech_status;
	case VCDROM_READ_DISC_INFORMATION:
		return vcdrom_exec_disc_info;
	default:
		return NULL;
	}
}

/**
 * vcdrom_op_supported() - whether vcdrom_exec() executes a command
 * @dev: a vcdrom device
 * @op: a decode table entry of a command for CD/DVD devices
 *
 * The op_supported callback, for REPORT SUPPORTED OPERATION CODES. MODE
 * SELECT(6), MODE SELECT(10) and LOG SENSE are not among the commands:
 * the drive has no changeable mode parameters and no log pages, and the
 * core fails them with INVALID COMMAND OPERATION CODE.
 *
 * Return: true if vcdrom_exec() executes @op.
 */
VISIBLE_IF_KUNIT bool vcdrom_op_supported(const struct scst_device *dev,
					  const struct scst_opcode_desc *op)
{
	return vcdrom_find_exec(op->opcode);
}
EXPORT_SYMBOL_IF_KUNIT(vcdrom_op_supported);

/*
 * Execute a command. Every command the handler does not know fails with
 * INVALID COMMAND OPERATION CODE. Writes never get here: the device is
 * read-only.
 */
static enum scst_exec_result vcdrom_exec(struct scst_cmd *cmd)
{
	vcdrom_exec_fn fn = vcdrom_find_exec(cmd->cdb[0]);

	return fn ? fn(cmd) : SCST_EXEC_NOT_HANDLED;
}

/* Device lifecycle */

static int vcdrom_alloc_device(struct scst_device *dev)
{
	struct vcdrom_dev *vc;

	vc = kzalloc(sizeof(*vc), GFP_KERNEL);
	if (!vc)
		return -ENOMEM;
	vc->dev = dev;
	mutex_init(&vc->media_mutex);
	spin_lock_init(&vc->lock);
	dev->dh_priv = vc;
	dev->block_size = VCDROM_BLOCK_SIZE;
	dev->read_only = true;
	dev->removable = true;
	return 0;
}

static void vcdrom_free_device(struct scst_device *dev)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(dev);

	mutex_destroy(&vc->media_mutex);
	kfree(vc->filename);
	vdisk_opener_put(&vc->opener);
	kfree(vc);
	dev->dh_priv = NULL;
}

/* Called with dev->mutex held. */
static int vcdrom_attach(struct scst_device *dev)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(dev);
	struct file *filp = NULL;
	u64 nr_blocks = 0;
	int ret = 0;

	if (dev->block_size != VCDROM_BLOCK_SIZE) {
		pr_err("%s: the block size must be %u\n", dev->name,
		       VCDROM_BLOCK_SIZE);
		return -EINVAL;
	}
	if (!dev->read_only) {
		pr_err("%s: a CD-ROM drive is read-only\n", dev->name);
		return -EINVAL;
	}

	mutex_lock(&vc->media_mutex);
	/* Without a filename the drive starts empty. */
	if (vc->filename) {
		filp = vcdrom_open_image(dev, &vc->opener, vc->filename,
					 &nr_blocks);
		if (IS_ERR(filp)) {
			ret = PTR_ERR(filp);
			goto out;
		}
	}
	spin_lock(&vc->lock);
	vc->filp = filp;
	vc->nr_blocks = nr_blocks;
	vc->prevent = false;
	vc->tray_open = false;
	vc->media_event = VCDROM_ME_NO_CHANGE;
	spin_unlock(&vc->lock);
	/* The core wants a non-zero capacity even for an empty drive. */
	dev->nr_blocks = filp ? nr_blocks : 1;
out:
	mutex_unlock(&vc->media_mutex);
	return ret;
}

/* Called with dev->mutex held, or when nothing else can use @dev. */
static void vcdrom_detach(struct scst_device *dev)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(dev);

	mutex_lock(&vc->media_mutex);
	vcdrom_eject(vc, false, false);
	spin_lock(&vc->lock);
	vc->prevent = false;
	vc->media_event = VCDROM_ME_NO_CHANGE;
	spin_unlock(&vc->lock);
	mutex_unlock(&vc->media_mutex);
}

/* configfs attributes */

static ssize_t vcdrom_filename_show(struct config_item *item, char *page)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(to_scst_dev(item));
	ssize_t ret;

	mutex_lock(&vc->media_mutex);
	ret = sysfs_emit(page, "%s\n", vc->filename ?: "");
	mutex_unlock(&vc->media_mutex);
	return ret;
}

/*
 * Load the disc @name (NULL: eject), named in the context @who, into the
 * enabled drive; the caller holds dev->mutex and vc->media_mutex. On
 * success the drive owns @name and swaps its context with @who.
 */
static int vcdrom_change_disc(struct vcdrom_dev *vc, char *name,
			      struct vdisk_opener *who)
{
	struct scst_device *dev = vc->dev;
	struct file *filp;
	u64 nr_blocks;
	int ret;

	if (!name) {
		ret = vcdrom_eject(vc, true, false);
		if (ret)
			return ret;
		kfree(vc->filename);
		vc->filename = NULL;
		swap(vc->opener, *who);
		return 0;
	}

	/* A disc that cannot be used leaves the old one in the drive. */
	filp = vcdrom_open_image(dev, who, name, &nr_blocks);
	if (IS_ERR(filp))
		return PTR_ERR(filp);
	ret = vcdrom_insert(vc, filp, nr_blocks, true);
	if (ret) {
		filp_close(filp, NULL);
		return ret;
	}
	kfree(vc->filename);
	vc->filename = name;
	swap(vc->opener, *who);
	/* MMC-6 4.1.6.2: every initiator is told about the new disc. */
	scst_dev_set_ua(dev, NULL, SCST_ASC_MEDIUM_MAY_HAVE_CHANGED);
	return 0;
}

/*
 * Called with dev->mutex held, in the context of the configfs write: the
 * path is opened, now and at every later load, as its writer would open
 * it. An empty path (*@name NULL) ejects the disc of an enabled drive.
 */
static int vcdrom_filename_set(struct scst_device *dev, char **name)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(dev);
	struct vdisk_opener who = {};
	int ret = 0;

	if (*name)
		vdisk_opener_get(&who);
	mutex_lock(&vc->media_mutex);
	if (dev->enabled) {
		ret = vcdrom_change_disc(vc, *name, &who);
		if (!ret)
			*name = NULL;
	} else {
		/* Loaded when the device is enabled */
		swap(vc->filename, *name);
		swap(vc->opener, who);
	}
	mutex_unlock(&vc->media_mutex);
	/* the context replaced, or the one of a path not taken */
	vdisk_opener_put(&who);
	return ret;
}

static ssize_t vcdrom_filename_store(struct config_item *item,
				     const char *page, size_t count)
{
	return vdisk_path_store(to_scst_dev(item), page, count,
				vcdrom_filename_set);
}

static ssize_t vcdrom_prevent_show(struct config_item *item, char *page)
{
	struct vcdrom_dev *vc = vcdrom_from_dev(to_scst_dev(item));
	bool prevent;

	spin_lock(&vc->lock);
	prevent = vc->prevent;
	spin_unlock(&vc->lock);
	return sysfs_emit(page, "%d\n", prevent);
}

CONFIGFS_ATTR(vcdrom_, filename);
CONFIGFS_ATTR_RO(vcdrom_, prevent);

static struct configfs_attribute *vcdrom_attrs[] = {
	&vcdrom_attr_filename,
	&vcdrom_attr_prevent,
	NULL,
};

static const struct scst_dev_type vcdrom_type = {
	.name		= "vcdrom",
	.owner		= THIS_MODULE,
	.type		= TYPE_ROM,
	.exec_may_sleep	= true,
	.alloc_device	= vcdrom_alloc_device,
	.free_device	= vcdrom_free_device,
	.attach		= vcdrom_attach,
	.detach		= vcdrom_detach,
	.exec		= vcdrom_exec,
	.op_supported	= vcdrom_op_supported,
	.dev_attrs	= vcdrom_attrs,
};

static int __init vcdrom_init(void)
{
	return scst_register_dev_type(&vcdrom_type);
}

static void __exit vcdrom_exit(void)
{
	scst_unregister_dev_type(&vcdrom_type);
}

module_init(vcdrom_init);
module_exit(vcdrom_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SCST virtual CD-ROM dev handler (vcdrom)");
MODULE_AUTHOR("SCST developers");
