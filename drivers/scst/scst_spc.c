// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: SPC-4 commands the core answers for every device type: INQUIRY,
 * REPORT LUNS, REQUEST SENSE, TEST UNIT READY, REPORT SUPPORTED OPERATION
 * CODES and REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS, and the parameter
 * data they return.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "scst_priv.h"

/* up to and with the eight version descriptors (SPC-4 6.6.2) */
#define SCST_STD_INQ_LEN	74
#define SCST_STD_INQ_VD		58
#define SCST_VPD_SBC_LEN	64	/* Block Limits, Block Device Char. */
/* Large enough for any page scst_build_vpd() builds */
#define SCST_INQ_BUF_LEN	128

/* VPD page codes */
#define SCST_VPD_SUPPORTED	0x00
#define SCST_VPD_SERIAL		0x80
#define SCST_VPD_DEVID		0x83
#define SCST_VPD_BLOCK_LIMITS	0xb0
#define SCST_VPD_BDC		0xb1
#define SCST_VPD_LBP		0xb2
#define SCST_VPD_LBP_LEN	8	/* Logical Block Provisioning */

/* PERIPHERAL QUALIFIER 011b, DEVICE TYPE 1Fh: no logical unit here */
#define SCST_PQ3_NO_LUN		0x7f

static u8 scst_pq_type(const struct scst_device *dev)
{
	if (!dev || !dev->handler)
		return SCST_PQ3_NO_LUN;
	/* PERIPHERAL QUALIFIER 000b: the logical unit is connected */
	return dev->handler->type & 0x1f;
}

static bool scst_is_sbc(const struct scst_device *dev)
{
	return dev && dev->handler && dev->handler->type == TYPE_DISK;
}

static bool scst_is_thin(const struct scst_device *dev)
{
	return scst_is_sbc(dev) && dev->thin_provisioned;
}

/*
 * Copy the NUL terminated @src into the @len byte ASCII field @dst,
 * padding with spaces; anything not printable becomes a space.
 */
static void scst_copy_ascii(u8 *dst, const char *src, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len && src[i]; i++)
		dst[i] = (src[i] >= 0x20 && src[i] <= 0x7e) ? src[i] : ' ';
	memset(dst + i, ' ', len - i);
}

/* Copy at most @len bytes of @full bytes built in @tmp to @buf. */
static int scst_spc_out(u8 *buf, unsigned int len, const u8 *tmp,
			unsigned int full)
{
	memcpy(buf, tmp, min(len, full));
	return full;
}

/*
 * The standards the logical unit conforms to, as version descriptors:
 * the architecture, the primary and device-type command sets, and the
 * transport protocol of the target port.
 */
static void scst_std_inquiry_vd(const struct scst_device *dev, u16 transport,
				u8 *p)
{
	unsigned int n = 0;

	put_unaligned_be16(SCST_VD_SAM5, &p[n++ * 2]);
	put_unaligned_be16(SCST_VD_SPC4, &p[n++ * 2]);
	if (scst_is_sbc(dev))
		put_unaligned_be16(SCST_VD_SBC3, &p[n++ * 2]);
	else if (dev && dev->handler && dev->handler->type == TYPE_ROM)
		put_unaligned_be16(SCST_VD_MMC6, &p[n++ * 2]);
	if (transport)
		put_unaligned_be16(transport, &p[n * 2]);
}

/**
 * scst_build_std_inquiry() - build standard INQUIRY data (SPC-4 6.6.2)
 * @dev: the device, or NULL for a LUN without a device
 * @transport: version descriptor of the target port's transport
 *	protocol, or 0
 * @buf: where to store the data
 * @len: size of @buf; the data is truncated to it
 *
 * Without a device the data reports PERIPHERAL QUALIFIER 011b and
 * PERIPHERAL DEVICE TYPE 1Fh.
 *
 * Return: the full length of the data.
 */
int scst_build_std_inquiry(const struct scst_device *dev, u16 transport,
			   u8 *buf, unsigned int len)
{
	u8 d[SCST_STD_INQ_LEN] = { };

	d[0] = scst_pq_type(dev);
	if (dev && dev->removable)
		d[1] = 0x80;		/* RMB */
	d[2] = 0x06;			/* VERSION: SPC-4 */
	d[3] = 0x10 | 0x02;		/* HISUP, RESPONSE DATA FORMAT 2 */
	d[4] = SCST_STD_INQ_LEN - 5;	/* ADDITIONAL LENGTH */
	d[7] = 0x02;			/* CMDQUE */
	if (dev) {
		scst_copy_ascii(&d[8], dev->ident.vendor, 8);
		scst_copy_ascii(&d[16], dev->ident.product, 16);
		scst_copy_ascii(&d[32], dev->ident.revision, 4);
	} else {
		scst_copy_ascii(&d[8], SCST_DEFAULT_VENDOR, 8);
		scst_copy_ascii(&d[16], "", 16);
		scst_copy_ascii(&d[32], SCST_REVISION, 4);
	}
	scst_std_inquiry_vd(dev, transport, &d[SCST_STD_INQ_VD]);

	return scst_spc_out(buf, len, d, sizeof(d));
}
EXPORT_SYMBOL_IF_KUNIT(scst_build_std_inquiry);

/* SPC-4 Supported VPD Pages VPD page; returns the page length. */
static unsigned int scst_vpd_supported(const struct scst_device *dev, u8 *d)
{
	unsigned int n = 0;

	d[4 + n++] = SCST_VPD_SUPPORTED;
	if (dev) {
		d[4 + n++] = SCST_VPD_SERIAL;
		d[4 + n++] = SCST_VPD_DEVID;
	}
	if (scst_is_sbc(dev)) {
		d[4 + n++] = SCST_VPD_BLOCK_LIMITS;
		d[4 + n++] = SCST_VPD_BDC;
	}
	if (scst_is_thin(dev))
		d[4 + n++] = SCST_VPD_LBP;
	return n;
}

/* Device Identification (SPC-4 7.8.6); returns the page length. */
static unsigned int scst_vpd_devid(const struct scst_device *dev, u8 *d)
{
	unsigned int slen = strnlen(dev->ident.serial,
				    sizeof(dev->ident.serial));
	u8 *p = d + 4;

	/*
	 * NAA designator (SPC-4 7.8.6.6) associated with the logical unit:
	 * CODE SET binary, DESIGNATOR TYPE 3h. naa_id holds the NAA field
	 * in its top four bits; 0 means none was configured.
	 */
	if (dev->ident.naa_id) {
		p[0] = 0x01;
		p[1] = 0x03;
		p[3] = 8;
		put_unaligned_be64(dev->ident.naa_id, &p[4]);
		p += 12;
	}

	/*
	 * T10 vendor ID based designator (SPC-4 7.8.6.4): CODE SET ASCII,
	 * DESIGNATOR TYPE 1h; the vendor specific part is the serial number.
	 */
	p[0] = 0x02;
	p[1] = 0x01;
	p[3] = 8 + slen;
	scst_copy_ascii(&p[4], dev->ident.vendor, 8);
	scst_copy_ascii(&p[12], dev->ident.serial, slen);
	p += 12 + slen;

	return p - d - 4;
}

/*
 * Block Limits (SBC-3 6.5.3); returns the page length. Only limits the
 * core and the device enforce are reported, 0 meaning "no limit".
 */
static unsigned int scst_vpd_block_limits(const struct scst_device *dev,
					  u8 *d)
{
	/* OPTIMAL TRANSFER LENGTH GRANULARITY: one block */
	put_unaligned_be16(1, &d[6]);
	/* MAXIMUM TRANSFER LENGTH, enforced by scst_decode_cdb() */
	put_unaligned_be32(SCST_MAX_XFER_LEN >> dev->block_shift, &d[8]);
	if (dev->thin_provisioned) {
		put_unaligned_be32(dev->max_unmap_lba_count, &d[20]);
		put_unaligned_be32(dev->max_unmap_desc_count, &d[24]);
		put_unaligned_be32(dev->unmap_granularity, &d[28]);
		/*
		 * UGAVALID with an UNMAP GRANULARITY ALIGNMENT of 0: the
		 * granules start at LBA 0.
		 */
		if (dev->unmap_granularity)
			d[32] = 0x80;
	}
	/* MAXIMUM WRITE SAME LENGTH, enforced by scst_decode_cdb() */
	put_unaligned_be64(dev->max_write_same_len, &d[36]);
	return SCST_VPD_SBC_LEN - 4;
}

/**
 * scst_build_vpd() - build a VPD page (SPC-4 7.8, SBC-3 6.5)
 * @dev: the device, or NULL for a LUN without a device
 * @page: the page code
 * @buf: where to store the page
 * @len: size of @buf; the page is truncated to it
 *
 * Supported are the Supported VPD Pages, Unit Serial Number and Device
 * Identification pages and, for direct access block devices, the Block
 * Limits and Block Device Characteristics pages and, if thin provisioned,
 * the Logical Block Provisioning page. Without a device only the
 * Supported VPD Pages page is.
 *
 * Return: the full length of the page, or -EINVAL if @page is not
 * supported.
 */
int scst_build_vpd(const struct scst_device *dev, u8 page, u8 *buf,
		   unsigned int len)
{
	u8 d[SCST_INQ_BUF_LEN] = { };
	unsigned int plen;

	if (!dev && page != SCST_VPD_SUPPORTED)
		return -EINVAL;

	switch (page) {
	case SCST_VPD_SUPPORTED:
		plen = scst_vpd_supported(dev, d);
		break;
	case SCST_VPD_SERIAL:
		/* SPC-4 Unit Serial Number VPD page */
		plen = strnlen(dev->ident.serial, sizeof(dev->ident.serial));
		scst_copy_ascii(&d[4], dev->ident.serial, plen);
		break;
	case SCST_VPD_DEVID:
		plen = scst_vpd_devid(dev, d);
		break;
	case SCST_VPD_BLOCK_LIMITS:
		if (!scst_is_sbc(dev))
			return -EINVAL;
		plen = scst_vpd_block_limits(dev, d);
		break;
	case SCST_VPD_BDC:
		/* Block Device Characteristics (SBC-3 6.5.2) */
		if (!scst_is_sbc(dev))
			return -EINVAL;
		plen = SCST_VPD_SBC_LEN - 4;
		/* MEDIUM ROTATION RATE: non-rotating medium */
		put_unaligned_be16(1, &d[4]);
		break;
	case SCST_VPD_LBP:
		/* Logical Block Provisioning (SBC-3 6.5.4) */
		if (!scst_is_thin(dev))
			return -EINVAL;
		plen = SCST_VPD_LBP_LEN - 4;
		/* THRESHOLD EXPONENT 0: no thresholds */
		d[5] = 0x80 | 0x40 | 0x20;	/* LBPU, LBPWS, LBPWS10 */
		if (dev->lbprz)
			d[5] |= 0x04;		/* LBPRZ */
		d[6] = 0x02;			/* PROVISIONING TYPE: thin */
		break;
	default:
		return -EINVAL;
	}

	d[0] = scst_pq_type(dev);
	d[1] = page;
	put_unaligned_be16(plen, &d[2]);
	return scst_spc_out(buf, len, d, plen + 4);
}
EXPORT_SYMBOL_IF_KUNIT(scst_build_vpd);

/**
 * scst_build_report_luns() - build REPORT LUNS parameter data (SPC-4 6.33)
 * @luns: the LUNs, each at most %SCST_MAX_LUN
 * @nr_luns: number of entries in @luns
 * @buf: where to store the data
 * @len: size of @buf; the data is truncated to it
 *
 * Return: the full length of the data, 8 + 8 * @nr_luns, or -EINVAL if
 * that does not fit in an int.
 */
int scst_build_report_luns(const u64 *luns, unsigned int nr_luns, u8 *buf,
			   unsigned int len)
{
	u8 ent[SCST_LUN_LEN];
	unsigned int i, off;

	if (nr_luns > (INT_MAX - 8) / SCST_LUN_LEN)
		return -EINVAL;

	memset(ent, 0, sizeof(ent));
	put_unaligned_be32(nr_luns * SCST_LUN_LEN, ent);
	scst_spc_out(buf, len, ent, sizeof(ent));

	for (i = 0, off = 8; i < nr_luns && off < len; i++, off += 8) {
		scst_pack_lun(luns[i], ent);
		scst_spc_out(buf + off, len - off, ent, sizeof(ent));
	}

	return 8 + nr_luns * SCST_LUN_LEN;
}
EXPORT_SYMBOL_IF_KUNIT(scst_build_report_luns);

static void scst_spc_inquiry(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	u32 alloc_len = get_unaligned_be16(&cdb[3]);
	u8 buf[SCST_INQ_BUF_LEN];
	int len;

	/*
	 * CMDDT is obsolete (SPC-4 6.6.1); a PAGE CODE without EVPD is an
	 * error.
	 */
	if (cdb[1] & 0x02) {
		scst_set_invalid_field(cmd, true, 1, 1);
		return;
	}
	if (!(cdb[1] & 0x01) && cdb[2]) {
		scst_set_invalid_field(cmd, true, 2, 7);
		return;
	}

	if (cdb[1] & 0x01)
		len = scst_build_vpd(cmd->dev, cdb[2], buf, sizeof(buf));
	else
		len = scst_build_std_inquiry(cmd->dev,
					     cmd->sess->tgt->tgtt->transport_version,
					     buf, sizeof(buf));
	if (len < 0) {
		scst_set_invalid_field(cmd, true, 2, 7);
		return;
	}

	scst_cmd_copy_from_buf(cmd, buf, min3(alloc_len, (u32)len,
					      (u32)sizeof(buf)));
}

/*
 * Memory for parameter data: commands the core answers may run in
 * atomic context (SCST_CONTEXT_DIRECT_ATOMIC).
 */
static void *scst_spc_alloc(const struct scst_cmd *cmd, size_t size)
{
	if (cmd->context == SCST_CONTEXT_DIRECT_ATOMIC)
		return kzalloc(size, GFP_ATOMIC);
	return kvzalloc(size, GFP_KERNEL);
}

static void scst_spc_report_luns(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	u32 alloc_len = get_unaligned_be32(&cdb[6]);
	u64 *luns = NULL;
	unsigned int max = 0;
	int n = 0, len;
	u8 *buf;

	/*
	 * SELECT REPORT (SPC-4 6.33): 00h all LUNs but well known ones, 01h
	 * well known LUNs only, of which there are none, 02h all LUNs. An
	 * ALLOCATION LENGTH below 16 is an error.
	 */
	if (cdb[2] > 0x02) {
		scst_set_invalid_field(cmd, true, 2, 7);
		return;
	}
	if (alloc_len < 16) {
		scst_set_invalid_field(cmd, true, 6, 7);
		return;
	}

	if (cdb[2] != 0x01) {
		/* The map may change between the calls; report what fits. */
		n = scst_sess_luns(cmd->sess, NULL, 0);
		if (n > 0) {
			max = min(n, SCST_MAX_LUN + 1);
			luns = scst_spc_alloc(cmd, max * sizeof(*luns));
			if (!luns)
				goto busy;
			n = scst_sess_luns(cmd->sess, luns, max);
			n = clamp(n, 0, (int)max);
		} else {
			n = 0;
		}
	}

	len = min_t(u32, alloc_len, 8 + n * SCST_LUN_LEN);
	buf = scst_spc_alloc(cmd, len);
	if (!buf)
		goto busy;
	scst_build_report_luns(luns, n, buf, len);
	scst_cmd_copy_from_buf(cmd, buf, len);
	kvfree(buf);
	kvfree(luns);
	return;

busy:
	kvfree(luns);
	scst_set_cmd_status(cmd, SAM_STAT_BUSY);
}

static void scst_spc_request_sense(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	bool desc = cdb[1] & 0x01;
	u8 buf[SCST_FIXED_SENSE_LEN];
	u16 ua;
	int len;

	/*
	 * A pending unit attention is reported and cleared (SPC-4 5.16.2);
	 * otherwise no sense data is pending. For an unmapped LUN, SPC-4
	 * 6.39 asks for ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED.
	 */
	if (scst_ua_take(cmd, &ua))
		len = scst_build_sense(buf, sizeof(buf), desc, UNIT_ATTENTION,
				       ua);
	else if (cmd->dev)
		len = scst_build_sense(buf, sizeof(buf), desc, NO_SENSE,
				       SCST_ASC_NO_ADDITIONAL_SENSE);
	else
		len = scst_build_sense(buf, sizeof(buf), desc, ILLEGAL_REQUEST,
				       SCST_ASC_LUN_NOT_SUPPORTED);
	if (len < 0)
		return;

	scst_cmd_copy_from_buf(cmd, buf, min_t(u32, cdb[4], len));
}

/* REPORT SUPPORTED OPERATION CODES (SPC-4 6.35) */
#define SCST_RSOC_ALL		0x00	/* REPORTING OPTIONS: all commands */
#define SCST_RSOC_OP		0x01	/* one opcode without service action */
#define SCST_RSOC_OP_SA		0x02	/* one opcode with service action */
#define SCST_RSOC_OP_ANY	0x03	/* one opcode, with or without */
#define SCST_RSOC_RCTD		0x80	/* return command timeouts descriptor */
#define SCST_RSOC_DESC_LEN	8	/* command descriptor */
#define SCST_RSOC_TMO_LEN	12	/* command timeouts descriptor */
#define SCST_RSOC_CTDP		0x02
#define SCST_RSOC_SERVACTV	0x01
#define SCST_RSOC_SUP_NONE	0x01	/* SUPPORT: not supported */
#define SCST_RSOC_SUP_STD	0x03	/* SUPPORT: supported, standard */
#define SCST_RSOC_CTDP_ONE	0x80	/* CTDP in one_command format */

/* Timeouts reported, in seconds (SPC-4 6.35.4) */
#define SCST_TMO_NOMINAL	1
#define SCST_TMO_MEDIUM		30	/* recommended, commands on the medium */
#define SCST_TMO_OTHER		10	/* recommended, other commands */

/* Whether the command @d applies to the device type of @dev. */
static bool scst_op_applies(const struct scst_device *dev,
			    const struct scst_opcode_desc *d)
{
	u16 mask = SCST_OPF_SPC;

	if (dev && dev->handler) {
		if (dev->handler->type == TYPE_DISK)
			mask |= SCST_OPF_SBC;
		else if (dev->handler->type == TYPE_ROM)
			mask |= SCST_OPF_MMC;
	}
	return d->flags & mask;
}

/*
 * Whether the core executes @d itself whatever the dev handler does:
 * scst_res_exec() executes RESERVE and RELEASE, and scst_spc_exec() the
 * commands below that the handler's exec leaves to it.
 */
static bool scst_rsoc_core_op(const struct scst_opcode_desc *d)
{
	switch (d->opcode) {
	case TEST_UNIT_READY:
	case REQUEST_SENSE:
	case INQUIRY:
	case RESERVE:
	case RELEASE:
	case RESERVE_10:
	case RELEASE_10:
	case REPORT_LUNS:
		return true;
	case MAINTENANCE_IN:
		return d->sa == MI_REPORT_SUPPORTED_OPERATION_CODES ||
			d->sa == MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS;
	default:
		return false;
	}
}

/*
 * Whether @dev supports the command @d (SPC-4 6.35.1: the device server
 * reports the commands it supports): the command applies to the device
 * type and either the core executes it or the dev handler does. A command
 * the handler leaves to the core to reject with INVALID COMMAND OPERATION
 * CODE is not supported.
 */
static bool scst_rsoc_supported(const struct scst_device *dev,
				const struct scst_opcode_desc *d)
{
	const struct scst_dev_type *dt = dev ? dev->handler : NULL;

	if (!scst_op_applies(dev, d))
		return false;
	if (!dt || !dt->op_supported || scst_rsoc_core_op(d))
		return true;
	return dt->op_supported(dev, d);
}

/*
 * The decode table entry of @opcode and service action @sa (ignored for
 * opcodes without service actions) if @dev supports it. *@has_sa tells
 * whether @opcode has service actions; *@known whether it is supported at
 * all. An opcode of which @dev supports no service action is not known,
 * like one outside the table.
 */
static const struct scst_opcode_desc *
scst_rsoc_find(const struct scst_device *dev, u8 opcode, u16 sa, bool *known,
	       bool *has_sa)
{
	const struct scst_opcode_desc *d, *found = NULL;
	u8 cdb[SCST_MAX_CDB_SIZE] = { opcode };
	unsigned int s;

	*known = false;
	*has_sa = false;
	for (s = 0; s < 32; s++) {
		cdb[1] = s;
		d = scst_lookup_opcode(cdb, sizeof(cdb));
		if (!d || !scst_rsoc_supported(dev, d))
			continue;
		*known = true;
		if (d->sa == SCST_NO_SA)
			return d;
		*has_sa = true;
		if (d->sa == sa)
			found = d;
	}
	return found;
}

/*
 * The decode table entry following @prev, or the first one if @prev is
 * NULL, in table order (by opcode, then service action).
 */
static const struct scst_opcode_desc *
scst_rsoc_next(const struct scst_opcode_desc *prev)
{
	u8 cdb[SCST_MAX_CDB_SIZE] = { };
	const struct scst_opcode_desc *d;
	unsigned int op = 0, sa = 0;

	if (prev) {
		op = prev->opcode;
		sa = prev->sa == SCST_NO_SA ? 32 : prev->sa + 1;
	}
	for (; op < 256; op++, sa = 0) {
		cdb[0] = op;
		for (; sa < 32; sa++) {
			cdb[1] = sa;
			d = scst_lookup_opcode(cdb, sizeof(cdb));
			if (d)
				return d;
		}
	}
	return NULL;
}

/* Command timeouts descriptor (SPC-4 6.35.4) */
static void scst_rsoc_timeouts(const struct scst_opcode_desc *d, u8 *p)
{
	bool medium = d->flags & (SCST_OPF_LBA | SCST_OPF_WRITE_MEDIUM);

	memset(p, 0, SCST_RSOC_TMO_LEN);
	put_unaligned_be16(SCST_RSOC_TMO_LEN - 2, &p[0]);
	put_unaligned_be32(SCST_TMO_NOMINAL, &p[4]);
	put_unaligned_be32(medium ? SCST_TMO_MEDIUM : SCST_TMO_OTHER, &p[8]);
}

/*
 * All_commands parameter data (SPC-4 6.35.2) in the @size bytes of @buf,
 * or nothing if @buf is NULL; returns its length. Descriptors that do not
 * fit are left out, so a handler's op_supported() answering differently
 * than when @size was computed cannot overrun @buf.
 */
static unsigned int scst_rsoc_all(const struct scst_device *dev, bool rctd,
				  u8 *buf, unsigned int size)
{
	unsigned int dlen = SCST_RSOC_DESC_LEN + (rctd ? SCST_RSOC_TMO_LEN : 0);
	const struct scst_opcode_desc *d = NULL;
	unsigned int off = 4;
	u8 *p;

	while ((d = scst_rsoc_next(d))) {
		if (!scst_rsoc_supported(dev, d))
			continue;
		if (buf) {
			if (off + dlen > size)
				break;
			p = buf + off;
			p[0] = d->opcode;
			if (d->sa != SCST_NO_SA) {
				put_unaligned_be16(d->sa, &p[2]);
				p[5] = SCST_RSOC_SERVACTV;
			}
			put_unaligned_be16(d->cdb_len, &p[6]);
			if (rctd) {
				p[5] |= SCST_RSOC_CTDP;
				scst_rsoc_timeouts(d, p + SCST_RSOC_DESC_LEN);
			}
		}
		off += dlen;
	}
	if (buf)
		put_unaligned_be32(off - 4, buf);
	return off;
}

/* One_command parameter data (SPC-4 6.35.3); returns its length. */
static unsigned int scst_rsoc_one(const struct scst_opcode_desc *d, bool rctd,
				  u8 *buf)
{
	unsigned int len;

	memset(buf, 0, 4);
	if (!d) {
		buf[1] = SCST_RSOC_SUP_NONE;
		return 4;
	}
	buf[1] = SCST_RSOC_SUP_STD;
	put_unaligned_be16(d->cdb_len, &buf[2]);
	buf[4] = d->opcode;
	memcpy(&buf[5], &d->usage[1], d->cdb_len - 1);
	len = 4 + d->cdb_len;
	if (rctd) {
		buf[1] |= SCST_RSOC_CTDP_ONE;
		scst_rsoc_timeouts(d, buf + len);
		len += SCST_RSOC_TMO_LEN;
	}
	return len;
}

static void scst_spc_rsoc(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	u32 alloc_len = get_unaligned_be32(&cdb[6]);
	u16 sa = get_unaligned_be16(&cdb[4]);
	bool rctd = cdb[2] & SCST_RSOC_RCTD;
	u8 one[4 + SCST_OPC_USAGE_LEN + SCST_RSOC_TMO_LEN];
	const struct scst_opcode_desc *d;
	bool known, has_sa;
	unsigned int len;
	u8 *buf;

	switch (cdb[2] & 0x07) {
	case SCST_RSOC_ALL:
		/* REQUESTED OPERATION CODE and SERVICE ACTION are ignored. */
		len = scst_rsoc_all(cmd->dev, rctd, NULL, 0);
		buf = scst_spc_alloc(cmd, len);
		if (!buf) {
			scst_set_cmd_status(cmd, SAM_STAT_BUSY);
			return;
		}
		len = scst_rsoc_all(cmd->dev, rctd, buf, len);
		scst_cmd_copy_from_buf(cmd, buf, min(alloc_len, len));
		kvfree(buf);
		return;
	case SCST_RSOC_OP:
		d = scst_rsoc_find(cmd->dev, cdb[3], 0, &known, &has_sa);
		/* An opcode with service actions needs 010b or 011b. */
		if (has_sa) {
			scst_set_invalid_field(cmd, true, 3, 7);
			return;
		}
		break;
	case SCST_RSOC_OP_SA:
		d = scst_rsoc_find(cmd->dev, cdb[3], sa, &known, &has_sa);
		/* An opcode without service actions needs 001b or 011b. */
		if (known && !has_sa) {
			scst_set_invalid_field(cmd, true, 3, 7);
			return;
		}
		break;
	case SCST_RSOC_OP_ANY:
		/* The service action counts only where the opcode has them. */
		d = scst_rsoc_find(cmd->dev, cdb[3], sa, &known, &has_sa);
		break;
	default:
		scst_set_invalid_field(cmd, true, 2, 2);
		return;
	}

	len = scst_rsoc_one(d, rctd, one);
	scst_cmd_copy_from_buf(cmd, one, min(alloc_len, len));
}

/* REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS (SPC-4 6.36) */
#define SCST_RSTMF_REPD		0x80
#define SCST_RSTMF_LEN		4
#define SCST_RSTMF_EXT_LEN	16
/* Byte 0: ATS, ATSS, CTSS, LURS, QTS, TRS; CACAS and WAKES are 0 */
#define SCST_RSTMF_BYTE0	(0x80 | 0x40 | 0x10 | 0x08 | 0x04 | 0x02)
/* Byte 1: ITNRS; QUAS and QTSS are 0 */
#define SCST_RSTMF_BYTE1	0x01

static void scst_spc_rstmf(struct scst_cmd *cmd)
{
	const u8 *cdb = cmd->cdb;
	u32 alloc_len = get_unaligned_be32(&cdb[6]);
	u8 buf[SCST_RSTMF_EXT_LEN] = { };
	unsigned int len = SCST_RSTMF_LEN;

	/*
	 * What scst_rx_mgmt_fn() implements: ABORT TASK, ABORT TASK SET,
	 * CLEAR TASK SET, LOGICAL UNIT RESET, QUERY TASK, TARGET RESET and
	 * I_T NEXUS RESET. CLEAR ACA is rejected as ACA is not supported.
	 */
	buf[0] = SCST_RSTMF_BYTE0;
	buf[1] = SCST_RSTMF_BYTE1;
	if (cdb[2] & SCST_RSTMF_REPD) {
		/*
		 * Extended format: ADDITIONAL DATA LENGTH 0Ch; TMFTMOV 0, so
		 * no timeouts are reported.
		 */
		buf[3] = SCST_RSTMF_EXT_LEN - 4;
		len = SCST_RSTMF_EXT_LEN;
	}
	scst_cmd_copy_from_buf(cmd, buf, min(alloc_len, len));
}

/**
 * scst_spc_exec() - execute the commands the core answers itself
 * @cmd: a decoded command
 *
 * Answers INQUIRY, REPORT LUNS, REQUEST SENSE, TEST UNIT READY, REPORT
 * SUPPORTED OPERATION CODES and REPORT SUPPORTED TASK MANAGEMENT
 * FUNCTIONS, the first three also for LUNs without a device. Does not
 * complete @cmd; the caller does.
 *
 * Return: %SCST_EXEC_COMPLETED after setting the data and status of @cmd,
 * or %SCST_EXEC_NOT_HANDLED for other commands.
 */
enum scst_exec_result scst_spc_exec(struct scst_cmd *cmd)
{
	switch (cmd->cdb[0]) {
	case INQUIRY:
		scst_spc_inquiry(cmd);
		break;
	case REPORT_LUNS:
		scst_spc_report_luns(cmd);
		break;
	case REQUEST_SENSE:
		scst_spc_request_sense(cmd);
		break;
	case TEST_UNIT_READY:
		if (!cmd->dev)
			return SCST_EXEC_NOT_HANDLED;
		break;
	case MAINTENANCE_IN:
		switch (cmd->cdb[1] & 0x1f) {
		case MI_REPORT_SUPPORTED_OPERATION_CODES:
			scst_spc_rsoc(cmd);
			break;
		case MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS:
			scst_spc_rstmf(cmd);
			break;
		default:
			return SCST_EXEC_NOT_HANDLED;
		}
		break;
	default:
		return SCST_EXEC_NOT_HANDLED;
	}
	return SCST_EXEC_COMPLETED;
}
EXPORT_SYMBOL_IF_KUNIT(scst_spc_exec);
