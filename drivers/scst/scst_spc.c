// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: SPC-4 commands the core answers for every device type: INQUIRY,
 * REPORT LUNS, REQUEST SENSE and TEST UNIT READY, and the parameter data
 * they return.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include "scst_priv.h"

#define SCST_STD_INQ_LEN	36
#define SCST_VPD_SBC_LEN	64	/* Block Limits, Block Device Char. */
/* Large enough for any page scst_build_vpd() builds */
#define SCST_INQ_BUF_LEN	128

/* VPD page codes */
#define SCST_VPD_SUPPORTED	0x00
#define SCST_VPD_SERIAL		0x80
#define SCST_VPD_DEVID		0x83
#define SCST_VPD_BLOCK_LIMITS	0xb0
#define SCST_VPD_BDC		0xb1

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

/**
 * scst_build_std_inquiry() - build standard INQUIRY data (SPC-4 6.6.2)
 * @dev: the device, or NULL for a LUN without a device
 * @buf: where to store the data
 * @len: size of @buf; the data is truncated to it
 *
 * Without a device the data reports PERIPHERAL QUALIFIER 011b and
 * PERIPHERAL DEVICE TYPE 1Fh.
 *
 * Return: the full length of the data.
 */
int scst_build_std_inquiry(const struct scst_device *dev, u8 *buf,
			   unsigned int len)
{
	u8 d[SCST_STD_INQ_LEN] = { };

	d[0] = scst_pq_type(dev);
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

	return scst_spc_out(buf, len, d, sizeof(d));
}
EXPORT_SYMBOL_IF_KUNIT(scst_build_std_inquiry);

/* Supported VPD Pages (SPC-4 7.8.13); returns the page length. */
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

/**
 * scst_build_vpd() - build a VPD page (SPC-4 7.8, SBC-3 6.5)
 * @dev: the device, or NULL for a LUN without a device
 * @page: the page code
 * @buf: where to store the page
 * @len: size of @buf; the page is truncated to it
 *
 * Supported are the Supported VPD Pages, Unit Serial Number and Device
 * Identification pages and, for direct access block devices, the Block
 * Limits and Block Device Characteristics pages. Without a device only
 * the Supported VPD Pages page is.
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
		/* Unit Serial Number (SPC-4 7.8.15) */
		plen = strnlen(dev->ident.serial, sizeof(dev->ident.serial));
		scst_copy_ascii(&d[4], dev->ident.serial, plen);
		break;
	case SCST_VPD_DEVID:
		plen = scst_vpd_devid(dev, d);
		break;
	case SCST_VPD_BLOCK_LIMITS:
		/* Block Limits (SBC-3 6.5.3) */
		if (!scst_is_sbc(dev))
			return -EINVAL;
		plen = SCST_VPD_SBC_LEN - 4;
		/* OPTIMAL TRANSFER LENGTH GRANULARITY */
		put_unaligned_be16(1, &d[6]);
		/* MAXIMUM TRANSFER LENGTH, in blocks */
		put_unaligned_be32(SCST_MAX_XFER_LEN >> dev->block_shift,
				   &d[8]);
		break;
	case SCST_VPD_BDC:
		/* Block Device Characteristics (SBC-3 6.5.2) */
		if (!scst_is_sbc(dev))
			return -EINVAL;
		plen = SCST_VPD_SBC_LEN - 4;
		/* MEDIUM ROTATION RATE: non-rotating medium */
		put_unaligned_be16(1, &d[4]);
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
		len = scst_build_std_inquiry(cmd->dev, buf, sizeof(buf));
	if (len < 0) {
		scst_set_invalid_field(cmd, true, 2, 7);
		return;
	}

	scst_cmd_copy_from_buf(cmd, buf, min3(alloc_len, (u32)len,
					      (u32)sizeof(buf)));
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
			luns = kvmalloc_array(max, sizeof(*luns), GFP_KERNEL);
			if (!luns)
				goto busy;
			n = scst_sess_luns(cmd->sess, luns, max);
			n = clamp(n, 0, (int)max);
		} else {
			n = 0;
		}
	}

	len = min_t(u32, alloc_len, 8 + n * SCST_LUN_LEN);
	buf = kvzalloc(len, GFP_KERNEL);
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
	int len;

	/*
	 * No sense data is pending. For an unmapped LUN, SPC-4 6.39 asks for
	 * ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED as parameter data.
	 */
	if (cmd->dev)
		len = scst_build_sense(buf, sizeof(buf), desc, NO_SENSE,
				       SCST_ASC_NO_ADDITIONAL_SENSE);
	else
		len = scst_build_sense(buf, sizeof(buf), desc, ILLEGAL_REQUEST,
				       SCST_ASC_LUN_NOT_SUPPORTED);
	if (len < 0)
		return;

	scst_cmd_copy_from_buf(cmd, buf, min_t(u32, cdb[4], len));
}

/**
 * scst_spc_exec() - execute the commands the core answers itself
 * @cmd: a decoded command
 *
 * Answers INQUIRY, REPORT LUNS, REQUEST SENSE and TEST UNIT READY, the
 * first three also for LUNs without a device. Does not complete @cmd;
 * the caller does.
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
	default:
		return SCST_EXEC_NOT_HANDLED;
	}
	return SCST_EXEC_COMPLETED;
}
EXPORT_SYMBOL_IF_KUNIT(scst_spc_exec);
