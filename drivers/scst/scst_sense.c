// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: building and parsing sense data (SPC-4 4.5).
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <scst/scst.h>

/* Response codes (SPC-4 4.5.1) */
#define SCST_SENSE_FIXED_CUR	0x70
#define SCST_SENSE_FIXED_DEF	0x71
#define SCST_SENSE_DESC_CUR	0x72
#define SCST_SENSE_DESC_DEF	0x73

#define SCST_SENSE_VALID	0x80
#define SCST_DESC_HDR_LEN	8
/* Largest ADDITIONAL SENSE LENGTH allowed (SPC-4 4.5.2.1) */
#define SCST_SENSE_MAX_ADDL	244

/* Information sense data descriptor (SPC-4 4.5.2.2) */
#define SCST_DESC_TYPE_INFO	0x00
#define SCST_DESC_INFO_LEN	12

/**
 * scst_build_sense() - build sense data
 * @buf: buffer for the sense data
 * @len: size of @buf
 * @desc: build descriptor format (72h) sense data instead of fixed
 *	format (70h)
 * @key: sense key
 * @asc: additional sense code
 * @ascq: additional sense code qualifier
 *
 * Fixed format sense data is %SCST_FIXED_SENSE_LEN bytes long; descriptor
 * format sense data without descriptors is 8 bytes long.
 *
 * Return: the number of bytes written, or -EINVAL if @buf is too small.
 */
int scst_build_sense(u8 *buf, unsigned int len, bool desc, u8 key, u8 asc,
		     u8 ascq)
{
	if (desc) {
		if (len < SCST_DESC_HDR_LEN)
			return -EINVAL;
		memset(buf, 0, SCST_DESC_HDR_LEN);
		buf[0] = SCST_SENSE_DESC_CUR;
		buf[1] = key & 0x0f;
		buf[2] = asc;
		buf[3] = ascq;
		return SCST_DESC_HDR_LEN;
	}

	if (len < SCST_FIXED_SENSE_LEN)
		return -EINVAL;
	memset(buf, 0, SCST_FIXED_SENSE_LEN);
	buf[0] = SCST_SENSE_FIXED_CUR;
	buf[2] = key & 0x0f;
	buf[7] = SCST_FIXED_SENSE_LEN - 8;
	buf[12] = asc;
	buf[13] = ascq;
	return SCST_FIXED_SENSE_LEN;
}
EXPORT_SYMBOL_GPL(scst_build_sense);

/* Find descriptor @type in descriptor format sense data of @len bytes. */
static u8 *scst_sense_find_desc(u8 *buf, unsigned int len, u8 type)
{
	unsigned int off = SCST_DESC_HDR_LEN;

	while (off + 2 <= len) {
		unsigned int dlen = buf[off + 1] + 2;

		if (off + dlen > len)
			break;
		if (buf[off] == type)
			return buf + off;
		off += dlen;
	}
	return NULL;
}

/**
 * scst_sense_set_info() - set the INFORMATION field of sense data
 * @buf: sense data built by scst_build_sense()
 * @len: size of @buf (not the length of the sense data in it)
 * @info: the value, e.g. the LBA of the first failed block
 *
 * Fixed format sense data gets @info in bytes 3..6 and the VALID bit; an
 * @info that does not fit in 32 bits cannot be reported in fixed format
 * (SPC-4 4.5.3). Descriptor format sense data gets an information
 * descriptor (SPC-4 4.5.2.2), appended unless one is already present.
 *
 * Return: the new length of the sense data, -EINVAL if @buf holds no
 * valid sense data, -EOVERFLOW if @info does not fit in fixed format
 * sense data, or -ENOSPC if @buf is too small for the descriptor.
 */
int scst_sense_set_info(u8 *buf, unsigned int len, u64 info)
{
	unsigned int cur;
	u8 *d;

	if (len < SCST_DESC_HDR_LEN)
		return -EINVAL;
	cur = SCST_DESC_HDR_LEN + buf[7];

	switch (buf[0] & 0x7f) {
	case SCST_SENSE_FIXED_CUR:
	case SCST_SENSE_FIXED_DEF:
		if (info > U32_MAX)
			return -EOVERFLOW;
		put_unaligned_be32(info, &buf[3]);
		buf[0] |= SCST_SENSE_VALID;
		return min(cur, len);
	case SCST_SENSE_DESC_CUR:
	case SCST_SENSE_DESC_DEF:
		if (cur > len)
			return -EINVAL;
		d = scst_sense_find_desc(buf, cur, SCST_DESC_TYPE_INFO);
		if (!d) {
			if (cur + SCST_DESC_INFO_LEN > len ||
			    buf[7] + SCST_DESC_INFO_LEN > SCST_SENSE_MAX_ADDL)
				return -ENOSPC;
			d = buf + cur;
			cur += SCST_DESC_INFO_LEN;
			buf[7] += SCST_DESC_INFO_LEN;
		} else if (d[1] != SCST_DESC_INFO_LEN - 2) {
			return -EINVAL;
		}
		d[0] = SCST_DESC_TYPE_INFO;
		d[1] = SCST_DESC_INFO_LEN - 2;
		d[2] = SCST_SENSE_VALID;
		d[3] = 0;
		put_unaligned_be64(info, &d[4]);
		return cur;
	default:
		return -EINVAL;
	}
}
EXPORT_SYMBOL_GPL(scst_sense_set_info);

/**
 * scst_sense_parse() - extract sense key, ASC and ASCQ from sense data
 * @buf: sense data, fixed or descriptor format
 * @len: number of valid bytes in @buf
 * @key: set to the sense key; may be NULL
 * @asc: set to the additional sense code; may be NULL
 * @ascq: set to the additional sense code qualifier; may be NULL
 *
 * Fixed format sense data too short to hold the additional sense code
 * reports ASC and ASCQ 0.
 *
 * Return: true if @buf holds sense data in a format SPC-4 defines.
 */
bool scst_sense_parse(const u8 *buf, unsigned int len, u8 *key, u8 *asc,
		      u8 *ascq)
{
	u8 k, c = 0, q = 0;

	if (!buf || len < 1)
		return false;

	switch (buf[0] & 0x7f) {
	case SCST_SENSE_FIXED_CUR:
	case SCST_SENSE_FIXED_DEF:
		if (len < 3)
			return false;
		k = buf[2] & 0x0f;
		if (len >= 14 && buf[7] >= 6) {
			c = buf[12];
			q = buf[13];
		}
		break;
	case SCST_SENSE_DESC_CUR:
	case SCST_SENSE_DESC_DEF:
		if (len < 4)
			return false;
		k = buf[1] & 0x0f;
		c = buf[2];
		q = buf[3];
		break;
	default:
		return false;
	}

	if (key)
		*key = k;
	if (asc)
		*asc = c;
	if (ascq)
		*ascq = q;
	return true;
}
EXPORT_SYMBOL_GPL(scst_sense_parse);
