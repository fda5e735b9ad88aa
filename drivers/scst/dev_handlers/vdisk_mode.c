// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST vdisk dev handlers: mode parameters and log pages.
 *
 * MODE SENSE(6/10) (SPC-4 MODE SENSE), MODE SELECT(6/10) (SPC-4 MODE SELECT)
 * with the mode parameter list of SPC-4 mode parameter list and the block
 * descriptors of SBC-3 block descriptors, and LOG SENSE (SPC-4 LOG SENSE).
 *
 * Two mode pages are implemented: the SBC-3 Caching mode page, whose WCE
 * bit is changeable on backends with a volatile write cache, and the SPC-4
 * Control mode page, whose D_SENSE, SWP, TAS and QERR fields are
 * changeable. Mode pages cannot be saved (PS 0): MODE SELECT with SP set
 * fails with INVALID FIELD IN CDB and MODE SENSE of saved values with
 * SAVING PARAMETERS NOT SUPPORTED.
 *
 * The builders and the parser are pure functions of their arguments, so
 * that they can be tested without a device (drivers/scst/tests).
 */
#include <kunit/visibility.h>
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "vdisk.h"

/* Longest MODE SELECT parameter list accepted */
#define VDISK_MODE_SELECT_MAX_LEN	1024

/* Bits of the pages (SBC-3 Caching mode page, SPC-4 Control mode page) */
#define VDISK_CACHING_WCE		BIT(2)	/* byte 2 */
#define VDISK_CONTROL_QAM_UNRESTRICTED	0x10	/* byte 3 */
#define VDISK_CONTROL_QERR		GENMASK(2, 1)	/* byte 3 */
#define VDISK_QERR_RESERVED		2	/* QERR 10b */
#define VDISK_CONTROL_D_SENSE		BIT(2)	/* byte 2 */
#define VDISK_CONTROL_SWP		BIT(3)	/* byte 4 */
#define VDISK_CONTROL_TAS		BIT(6)	/* byte 5 */

/* DEVICE-SPECIFIC PARAMETER of the mode parameter header (SBC-3) */
#define VDISK_DSP_WP			BIT(7)
#define VDISK_DSP_DPOFUA		BIT(4)

/**
 * vdisk_mode_info_get() - snapshot the mode parameters a command sees
 * @cmd: a command addressing a vdisk device
 * @mi: filled in
 *
 * Context: any; takes vd->mode_lock.
 */
void vdisk_mode_info_get(struct scst_cmd *cmd, struct vdisk_mode_info *mi)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	unsigned long flags;

	spin_lock_irqsave(&vd->mode_lock, flags);
	mi->cur = vd->mode;
	mi->def = vd->mode_def;
	spin_unlock_irqrestore(&vd->mode_lock, flags);
	mi->wce_changeable = vd->ops->volatile_cache;
	mi->wp = scst_cmd_write_protected(cmd);
	mi->nr_blocks = READ_ONCE(dev->nr_blocks);
	mi->block_size = dev->block_size;
}

static const struct vdisk_mode_params *
vdisk_mode_params(const struct vdisk_mode_info *mi, u8 pc)
{
	return pc == VDISK_PC_DEFAULT ? &mi->def : &mi->cur;
}

/*
 * SBC-3 Caching mode page. For PC 01b (changeable values) every
 * changeable bit is one. The page cannot be saved: PS is zero.
 */
static unsigned int vdisk_caching_page(const struct vdisk_mode_info *mi,
				       const struct vdisk_mode_params *mp,
				       u8 pc, u8 *p)
{
	memset(p, 0, VDISK_MPAGE_CACHING_LEN);
	p[0] = VDISK_MPAGE_CACHING;
	p[1] = VDISK_MPAGE_CACHING_LEN - 2;
	if (pc == VDISK_PC_CHANGEABLE) {
		if (mi->wce_changeable)
			p[2] |= VDISK_CACHING_WCE;
	} else if (mp->wce) {
		p[2] |= VDISK_CACHING_WCE;
	}
	return VDISK_MPAGE_CACHING_LEN;
}

/* SPC-4 Control mode page */
static unsigned int vdisk_control_page(const struct vdisk_mode_params *mp,
				       u8 pc, u8 *p)
{
	memset(p, 0, VDISK_MPAGE_CONTROL_LEN);
	p[0] = VDISK_MPAGE_CONTROL;
	p[1] = VDISK_MPAGE_CONTROL_LEN - 2;
	if (pc == VDISK_PC_CHANGEABLE) {
		p[2] = VDISK_CONTROL_D_SENSE;
		p[3] = VDISK_CONTROL_QERR;
		p[4] = VDISK_CONTROL_SWP;
		p[5] = VDISK_CONTROL_TAS;
		return VDISK_MPAGE_CONTROL_LEN;
	}
	/*
	 * TST 000b (one task set per logical unit as the initiator sees it;
	 * the core keeps one per I_T nexus, SAM-5 8.6). QUEUE ALGORITHM
	 * MODIFIER 1h: commands with the SIMPLE task attribute may be
	 * executed in any order, which is what the core and the backends
	 * do. D_SENSE, QERR and TAS are changeable and the core honours
	 * them.
	 */
	p[3] = VDISK_CONTROL_QAM_UNRESTRICTED |
		FIELD_PREP(VDISK_CONTROL_QERR, mp->qerr);
	if (mp->d_sense)
		p[2] |= VDISK_CONTROL_D_SENSE;
	if (mp->swp)
		p[4] |= VDISK_CONTROL_SWP;
	if (mp->tas)
		p[5] |= VDISK_CONTROL_TAS;
	return VDISK_MPAGE_CONTROL_LEN;
}

/**
 * vdisk_build_mode_sense() - build the data of MODE SENSE(6) or (10)
 * @cmd: the command; its CDB is decoded, and it is failed on errors
 * @mi: the mode parameters and capacity to report
 * @buf: at least %VDISK_MODE_BUF_LEN bytes
 *
 * Return: the length of the mode parameter data (before truncation to
 * the allocation length), or -EINVAL after failing @cmd.
 */
int vdisk_build_mode_sense(struct scst_cmd *cmd,
			   const struct vdisk_mode_info *mi, u8 *buf)
{
	const u8 *cdb = cmd->cdb;
	bool ms10 = cdb[0] == MODE_SENSE_10;
	bool dbd = cdb[1] & BIT(3);
	bool llbaa = ms10 && (cdb[1] & BIT(4));
	u8 pc = cdb[2] >> 6;
	u8 page = cdb[2] & 0x3f;
	u8 subpage = cdb[3];
	unsigned int hdr_len = ms10 ? 8 : 4;
	unsigned int bd_len = dbd ? 0 : (llbaa ? 16 : 8);
	unsigned int len = hdr_len + bd_len;
	const struct vdisk_mode_params *mp = vdisk_mode_params(mi, pc);
	u8 rsvd = cdb[1] & (ms10 ? 0xe7 : 0xf7);
	u8 *bd = &buf[hdr_len];
	u8 dsp;

	/* Reserved: byte 1 bits 7..5 (7..4 in MODE SENSE(6)) and 2..0 */
	if (rsvd) {
		scst_set_invalid_field(cmd, true, 1, fls(rsvd) - 1);
		return -EINVAL;
	}
	/* SPC-4 MODE SENSE: no mode page can be saved. */
	if (pc == VDISK_PC_SAVED) {
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_SAVING_PARAMS_UNSUP);
		return -EINVAL;
	}
	/*
	 * The pages have no subpages: subpage 00h is the page itself and
	 * FFh (all subpages) returns the same (SPC-4 MODE SENSE).
	 */
	if (subpage && subpage != VDISK_MSUBPAGE_ALL) {
		scst_set_invalid_field(cmd, true, 3, 7);
		return -EINVAL;
	}

	memset(buf, 0, VDISK_MODE_BUF_LEN);
	switch (page) {
	case VDISK_MPAGE_CACHING:
		len += vdisk_caching_page(mi, mp, pc, &buf[len]);
		break;
	case VDISK_MPAGE_CONTROL:
		len += vdisk_control_page(mp, pc, &buf[len]);
		break;
	case VDISK_MPAGE_ALL:
		len += vdisk_caching_page(mi, mp, pc, &buf[len]);
		len += vdisk_control_page(mp, pc, &buf[len]);
		break;
	default:
		scst_set_invalid_field(cmd, true, 2, 5);
		return -EINVAL;
	}

	/*
	 * Block descriptor (SBC-3 block descriptors): NUMBER OF LOGICAL BLOCKS,
	 * which saturates at FFFFFFFFh in the short form, and LOGICAL BLOCK
	 * LENGTH. Neither can be changed with MODE SELECT, so for PC 01b both
	 * are zero.
	 */
	if (pc != VDISK_PC_CHANGEABLE) {
		if (bd_len == 8) {
			put_unaligned_be32(min_t(u64, mi->nr_blocks, U32_MAX),
					   &bd[0]);
			put_unaligned_be24(mi->block_size, &bd[5]);
		} else if (bd_len == 16) {
			put_unaligned_be64(mi->nr_blocks, &bd[0]);
			put_unaligned_be32(mi->block_size, &bd[12]);
		}
	}

	/*
	 * Mode parameter header (SPC-4 mode parameter header): MEDIUM TYPE 00h;
	 * DEVICE-SPECIFIC PARAMETER (SBC-3 mode parameters): WP when the medium
	 * is write protected for this I_T nexus, by configuration or by SWP,
	 * and DPOFUA as DPO and FUA are supported.
	 */
	dsp = VDISK_DSP_DPOFUA;
	if (mi->wp || mi->cur.swp)
		dsp |= VDISK_DSP_WP;
	if (ms10) {
		put_unaligned_be16(len - 2, &buf[0]);
		buf[3] = dsp;
		buf[4] = bd_len == 16 ? BIT(0) : 0;	/* LONGLBA */
		put_unaligned_be16(bd_len, &buf[6]);
	} else {
		buf[0] = len - 1;
		buf[2] = dsp;
		buf[3] = bd_len;
	}
	return len;
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_build_mode_sense);

static int vdisk_param_len_error(struct scst_cmd *cmd)
{
	scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
			   SCST_ASC_PARAM_LIST_LENGTH_ERROR);
	return -EINVAL;
}

static int vdisk_param_invalid(struct scst_cmd *cmd, unsigned int byte,
			       int bit)
{
	scst_set_invalid_field(cmd, false, byte, bit);
	return -EINVAL;
}

/* Check the block descriptor at @bd (SBC-3) against the device. */
static int vdisk_check_block_desc(struct scst_cmd *cmd, const u8 *bd,
				  unsigned int off, bool longlba,
				  const struct vdisk_mode_info *mi)
{
	u64 nr, cur;
	u32 blen;
	unsigned int blen_off;

	if (longlba) {
		nr = get_unaligned_be64(&bd[0]);
		cur = mi->nr_blocks;
		blen_off = 12;
		blen = get_unaligned_be32(&bd[blen_off]);
	} else {
		nr = get_unaligned_be32(&bd[0]);
		cur = min_t(u64, mi->nr_blocks, U32_MAX);
		blen_off = 5;
		blen = get_unaligned_be24(&bd[blen_off]);
	}
	/* The logical block length cannot be changed. */
	if (blen != mi->block_size)
		return vdisk_param_invalid(cmd, off + blen_off, 7);
	/*
	 * NUMBER OF LOGICAL BLOCKS zero keeps the capacity; any other value
	 * than the one MODE SENSE reports would change it, which is not
	 * supported.
	 */
	if (nr && nr != cur)
		return vdisk_param_invalid(cmd, off, 7);
	return 0;
}

/*
 * Bits that start a field, per byte of the pages; a field spanning several
 * bytes starts every byte here. Caching (SBC-3 Caching mode page): byte 3 holds
 * two 4-bit retention priorities, byte 12 ends in the 2-bit SYNC_PROG field.
 * Control (SPC-4 Control mode page): TST (byte 2 bits 7..5), QAM and QERR (byte
 * 3 bits 7..4 and 2..1), UA_INTLCK_CTRL (byte 4 bits 5..4) and AUTOLOAD MODE
 * (byte 5 bits 2..0).
 */
static const u8 vdisk_caching_msb[VDISK_MPAGE_CACHING_LEN] = {
	[2] = 0xff, [3] = 0x88, [4 ... 11] = 0xff, [12] = 0xfe,
	[13 ... 19] = 0xff,
};

static const u8 vdisk_control_msb[VDISK_MPAGE_CONTROL_LEN] = {
	[2] = 0x9f, [3] = 0x8d, [4] = 0xef, [5] = 0xfc, [6 ... 11] = 0xff,
};

/*
 * Check a mode page against the current values: any bit that differs must be
 * changeable (SPC-4 mode parameter list: INVALID FIELD IN PARAMETER LIST
 * otherwise), and take the new values.
 */
static int vdisk_apply_page(struct scst_cmd *cmd, const u8 *p,
			    unsigned int off, const struct vdisk_mode_info *mi,
			    struct vdisk_mode_params *mp)
{
	u8 cur[VDISK_MPAGE_CACHING_LEN], mask[VDISK_MPAGE_CACHING_LEN];
	const u8 *msb;
	unsigned int plen, i;

	switch (p[0] & 0x3f) {
	case VDISK_MPAGE_CACHING:
		plen = vdisk_caching_page(mi, mp, VDISK_PC_CURRENT, cur);
		vdisk_caching_page(mi, mp, VDISK_PC_CHANGEABLE, mask);
		msb = vdisk_caching_msb;
		break;
	case VDISK_MPAGE_CONTROL:
		plen = vdisk_control_page(mp, VDISK_PC_CURRENT, cur);
		vdisk_control_page(mp, VDISK_PC_CHANGEABLE, mask);
		msb = vdisk_control_msb;
		break;
	default:
		return vdisk_param_invalid(cmd, off, 5);
	}
	for (i = 2; i < plen; i++) {
		u8 diff = (p[i] ^ cur[i]) & ~mask[i];
		int bit;

		if (!diff)
			continue;
		/*
		 * The bit pointer names the first (most significant) bit of
		 * the field in error (SPC-4 4.5.2.4.2): the nearest field
		 * start at or above the highest differing bit.
		 */
		bit = fls(diff) - 1;
		while (bit < 7 && !(msb[i] & BIT(bit)))
			bit++;
		return vdisk_param_invalid(cmd, off + i, bit);
	}

	switch (p[0] & 0x3f) {
	case VDISK_MPAGE_CACHING:
		mp->wce = p[2] & VDISK_CACHING_WCE;
		break;
	case VDISK_MPAGE_CONTROL:
		/* SPC-4 7.5.8: QERR 10b is reserved. */
		if (FIELD_GET(VDISK_CONTROL_QERR, p[3]) == VDISK_QERR_RESERVED)
			return vdisk_param_invalid(cmd, off + 3, 2);
		mp->qerr = FIELD_GET(VDISK_CONTROL_QERR, p[3]);
		mp->d_sense = p[2] & VDISK_CONTROL_D_SENSE;
		mp->swp = p[4] & VDISK_CONTROL_SWP;
		mp->tas = p[5] & VDISK_CONTROL_TAS;
		break;
	}
	return 0;
}

static unsigned int vdisk_page_len(u8 page)
{
	switch (page) {
	case VDISK_MPAGE_CACHING:
		return VDISK_MPAGE_CACHING_LEN;
	case VDISK_MPAGE_CONTROL:
		return VDISK_MPAGE_CONTROL_LEN;
	default:
		return 0;
	}
}

/**
 * vdisk_parse_mode_select() - parse a MODE SELECT parameter list
 * @cmd: the MODE SELECT(6) or (10) command; failed on errors
 * @buf: the parameter list
 * @len: its length
 * @mi: current mode parameters, capacity and block size
 * @out: set to the new mode parameters
 *
 * Parses the mode parameter header, the optional block descriptor and
 * the mode pages (SPC-4 mode parameter list). Nothing is changed on an error.
 *
 * Return: 0, or -EINVAL after failing @cmd with PARAMETER LIST LENGTH
 * ERROR, INVALID FIELD IN PARAMETER LIST or INVALID FIELD IN CDB (PF
 * zero with mode pages), with a field pointer where there is a field.
 */
int vdisk_parse_mode_select(struct scst_cmd *cmd, const u8 *buf, u32 len,
			    const struct vdisk_mode_info *mi,
			    struct vdisk_mode_params *out)
{
	bool ms10 = cmd->cdb[0] == MODE_SELECT_10;
	unsigned int hdr_len = ms10 ? 8 : 4;
	struct vdisk_mode_params mp = mi->cur;
	unsigned int bd_len, off, plen;
	bool longlba = false;
	int ret;

	*out = mi->cur;
	/* SPC-4 MODE SELECT: a PARAMETER LIST LENGTH of zero is not an error. */
	if (!len)
		return 0;
	if (len < hdr_len)
		return vdisk_param_len_error(cmd);

	/*
	 * Mode parameter header (SPC-4 mode parameter header). MODE DATA LENGTH
	 * is reserved in MODE SELECT, as are WP and DPOFUA in the
	 * DEVICE-SPECIFIC PARAMETER (SBC-3 mode parameters). The MEDIUM TYPE is
	 * 00h.
	 */
	if (ms10) {
		if (buf[2])
			return vdisk_param_invalid(cmd, 2, 7);
		longlba = buf[4] & BIT(0);
		bd_len = get_unaligned_be16(&buf[6]);
	} else {
		if (buf[1])
			return vdisk_param_invalid(cmd, 1, 7);
		bd_len = buf[3];
	}
	if (bd_len && bd_len != (longlba ? 16 : 8))
		return vdisk_param_invalid(cmd, ms10 ? 6 : 3, 7);
	if (len < hdr_len + bd_len)
		return vdisk_param_len_error(cmd);
	if (bd_len) {
		ret = vdisk_check_block_desc(cmd, &buf[hdr_len], hdr_len,
					     longlba, mi);
		if (ret)
			return ret;
	}

	off = hdr_len + bd_len;
	/*
	 * PF zero would mean that what follows the block descriptors is vendor
	 * specific (SPC-4 MODE SELECT); only the page format is supported.
	 */
	if (off < len && !(cmd->cdb[1] & BIT(4))) {
		scst_set_invalid_field(cmd, true, 1, 4);
		return -EINVAL;
	}
	while (off < len) {
		const u8 *p = &buf[off];

		if (len - off < 2)
			return vdisk_param_len_error(cmd);
		/* PS is reserved in MODE SELECT; no page has subpages. */
		if (p[0] & BIT(6))
			return vdisk_param_invalid(cmd, off, 6);
		plen = vdisk_page_len(p[0] & 0x3f);
		if (!plen)
			return vdisk_param_invalid(cmd, off, 5);
		if (p[1] != plen - 2)
			return vdisk_param_invalid(cmd, off + 1, 7);
		if (len - off < plen)
			return vdisk_param_len_error(cmd);
		ret = vdisk_apply_page(cmd, p, off, mi, &mp);
		if (ret)
			return ret;
		off += plen;
	}
	*out = mp;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_parse_mode_select);

/**
 * vdisk_exec_mode_sense() - execute MODE SENSE(6) or MODE SENSE(10)
 * @cmd: the command
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_exec_mode_sense(struct scst_cmd *cmd)
{
	bool ms10 = cmd->cdb[0] == MODE_SENSE_10;
	u32 alloc_len = ms10 ? get_unaligned_be16(&cmd->cdb[7]) : cmd->cdb[4];
	struct vdisk_mode_info mi;
	u8 buf[VDISK_MODE_BUF_LEN];
	int len;

	vdisk_mode_info_get(cmd, &mi);
	len = vdisk_build_mode_sense(cmd, &mi, buf);
	if (len >= 0)
		scst_cmd_copy_from_buf(cmd, buf, min_t(u32, alloc_len, len));
	return vdisk_done(cmd);
}

/**
 * vdisk_exec_mode_select() - execute MODE SELECT(6) or MODE SELECT(10)
 * @cmd: the command
 *
 * After a change the other I_T nexuses get a MODE PARAMETERS CHANGED unit
 * attention (SPC-4 unit attention conditions). Disabling the write cache or
 * enabling software write protection first writes cached data to the medium,
 * which the SPC-4 Control mode page asks for SWP.
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_exec_mode_select(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	struct vdisk_dev *vd = vdisk_from_dev(dev);
	const u8 *cdb = cmd->cdb;
	bool ms10 = cdb[0] == MODE_SELECT_10;
	struct vdisk_mode_params np, old;
	struct vdisk_mode_info mi;
	unsigned long flags;
	u32 len = cmd->bufflen;
	const u8 *rsvd;
	u8 *buf = NULL;
	int ret;

	/* Byte 1: reserved bits 7..5 and 3..1, PF (4), SP (0). */
	if (cdb[1] & 0xee)
		return vdisk_invalid_field(cmd, true, 1,
					   fls(cdb[1] & 0xee) - 1);
	if (cdb[1] & BIT(0))
		return vdisk_invalid_field(cmd, true, 1, 0);
	/* Bytes 2..6 of MODE SELECT(10), 2..3 of MODE SELECT(6): reserved */
	rsvd = memchr_inv(&cdb[2], 0, ms10 ? 5 : 2);
	if (rsvd)
		return vdisk_invalid_field(cmd, true, rsvd - cdb, 7);
	if (len > VDISK_MODE_SELECT_MAX_LEN)
		return vdisk_invalid_field(cmd, true, ms10 ? 7 : 4, 7);

	if (len) {
		buf = kmalloc(len, vdisk_gfp(cmd));
		if (!buf) {
			scst_set_cmd_status(cmd, SAM_STAT_BUSY);
			return vdisk_done(cmd);
		}
		len = scst_cmd_copy_to_buf(cmd, buf, len);
	}

	spin_lock_irqsave(&vd->mode_lock, flags);
	mi.cur = vd->mode;
	mi.def = vd->mode_def;
	mi.wce_changeable = vd->ops->volatile_cache;
	mi.wp = scst_cmd_write_protected(cmd);
	mi.nr_blocks = READ_ONCE(dev->nr_blocks);
	mi.block_size = dev->block_size;
	old = vd->mode;
	ret = vdisk_parse_mode_select(cmd, buf, len, &mi, &np);
	if (!ret) {
		vd->mode = np;
		WRITE_ONCE(dev->write_through, !np.wce);
		WRITE_ONCE(dev->d_sense, np.d_sense);
		WRITE_ONCE(dev->tas, np.tas);
		WRITE_ONCE(dev->qerr, np.qerr);
	}
	spin_unlock_irqrestore(&vd->mode_lock, flags);
	kfree(buf);
	if (ret)
		return vdisk_done(cmd);

	if (memcmp(&old, &np, sizeof(old)))
		scst_dev_set_ua(dev, cmd->sess,
				SCST_ASC_MODE_PARAMETERS_CHANGED);
	if ((old.wce && !np.wce) || (!old.swp && np.swp))
		return vdisk_flush(cmd, 0, READ_ONCE(dev->nr_blocks));
	return vdisk_done(cmd);
}

/* Log page codes (SPC-4 log pages) */
#define VDISK_LPAGE_SUPPORTED		0x00
#define VDISK_LSUBPAGE_ALL		0xff

/**
 * vdisk_build_log_sense() - build the data of LOG SENSE
 * @cmd: the command; failed on errors
 * @buf: where to store the log page
 * @len: size of @buf, at least 8
 *
 * Only the Supported Log Pages page (00h, SPC-4 Supported Log Pages) and the
 * Supported Log Pages and Subpages page (00h/FFh, SPC-4 Supported Log Pages and
 * Subpages) are implemented; they list themselves. No log parameter can be
 * saved or reset.
 *
 * Return: the length of the page, or -EINVAL after failing @cmd.
 */
int vdisk_build_log_sense(struct scst_cmd *cmd, u8 *buf, unsigned int len)
{
	const u8 *cdb = cmd->cdb;
	u8 page = cdb[2] & 0x3f;
	u8 subpage = cdb[3];

	/* Byte 1: reserved bits 7..2, PPC (1), SP (0) (SPC-4 LOG SENSE). */
	if (cdb[1]) {
		scst_set_invalid_field(cmd, true, 1, fls(cdb[1]) - 1);
		return -EINVAL;
	}
	if (page != VDISK_LPAGE_SUPPORTED) {
		scst_set_invalid_field(cmd, true, 2, 5);
		return -EINVAL;
	}
	if (subpage && subpage != VDISK_LSUBPAGE_ALL) {
		scst_set_invalid_field(cmd, true, 3, 7);
		return -EINVAL;
	}
	/* These pages have no parameters: PARAMETER POINTER must be 0. */
	if (get_unaligned_be16(&cdb[5])) {
		scst_set_invalid_field(cmd, true, 5, 7);
		return -EINVAL;
	}
	if (len < 8)
		return -EINVAL;

	memset(buf, 0, 8);
	if (!subpage) {
		buf[0] = VDISK_LPAGE_SUPPORTED;
		put_unaligned_be16(1, &buf[2]);
		buf[4] = VDISK_LPAGE_SUPPORTED;
		return 5;
	}
	buf[0] = BIT(6) | VDISK_LPAGE_SUPPORTED;	/* SPF */
	buf[1] = VDISK_LSUBPAGE_ALL;
	put_unaligned_be16(4, &buf[2]);
	buf[4] = VDISK_LPAGE_SUPPORTED;
	buf[5] = 0;
	buf[6] = VDISK_LPAGE_SUPPORTED;
	buf[7] = VDISK_LSUBPAGE_ALL;
	return 8;
}
EXPORT_SYMBOL_IF_KUNIT(vdisk_build_log_sense);

/**
 * vdisk_exec_log_sense() - execute LOG SENSE
 * @cmd: the command
 *
 * Return: %SCST_EXEC_COMPLETED.
 */
enum scst_exec_result vdisk_exec_log_sense(struct scst_cmd *cmd)
{
	u32 alloc_len = get_unaligned_be16(&cmd->cdb[7]);
	u8 buf[8];
	int len;

	len = vdisk_build_log_sense(cmd, buf, sizeof(buf));
	if (len >= 0)
		scst_cmd_copy_from_buf(cmd, buf, min_t(u32, alloc_len, len));
	return vdisk_done(cmd);
}

/**
 * vdisk_mode_init() - set the mode parameters of a device being enabled
 * @vd: the device
 *
 * The default and current WCE follow the write_through attribute on
 * backends with a volatile cache; SWP, D_SENSE, TAS and QERR start
 * cleared, and the core is told so.
 *
 * Context: attach, with dev->mutex held.
 */
void vdisk_mode_init(struct vdisk_dev *vd)
{
	struct scst_device *dev = vd->dev;
	unsigned long flags;

	spin_lock_irqsave(&vd->mode_lock, flags);
	vd->mode_def.wce = vd->ops->volatile_cache && !dev->write_through;
	vd->mode_def.swp = false;
	vd->mode = vd->mode_def;
	WRITE_ONCE(dev->write_through, !vd->mode.wce);
	WRITE_ONCE(dev->d_sense, vd->mode.d_sense);
	WRITE_ONCE(dev->tas, vd->mode.tas);
	WRITE_ONCE(dev->qerr, vd->mode.qerr);
	spin_unlock_irqrestore(&vd->mode_lock, flags);
}
