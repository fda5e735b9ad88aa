// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: building and parsing sense data (SPC-4 4.5).
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/minmax.h>
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
/* Sense key specific sense data descriptor (SPC-4 4.5.2.4.1) */
#define SCST_DESC_TYPE_SKS	0x02
#define SCST_DESC_SKS_LEN	8
/* Byte 0 of the sense key specific field pointer (SPC-4 4.5.2.4.2) */
#define SCST_SKS_SKSV		0x80
#define SCST_SKS_CD		0x40
#define SCST_SKS_BPV		0x08

/**
 * scst_build_sense() - build sense data
 * @buf: buffer for the sense data
 * @len: size of @buf
 * @desc: build descriptor format (72h) sense data instead of fixed
 *	format (70h)
 * @key: sense key
 * @asc_ascq: additional sense code and qualifier, e.g.
 *	SCST_ASC_INVALID_FIELD_IN_CDB (ASC in the high byte)
 *
 * Fixed format sense data is %SCST_FIXED_SENSE_LEN bytes long; descriptor
 * format sense data without descriptors is 8 bytes long.
 *
 * Return: the number of bytes written, or -EINVAL if @buf is too small.
 */
int scst_build_sense(u8 *buf, unsigned int len, bool desc, u8 key,
		     u16 asc_ascq)
{
	u8 asc = SCST_ASC(asc_ascq), ascq = SCST_ASCQ(asc_ascq);

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
 * scst_sense_set_field_pointer() - point sense data at an invalid field
 * @buf: sense data built by scst_build_sense()
 * @len: size of @buf (not the length of the sense data in it)
 * @cd: the field is in the CDB rather than in the parameter data
 * @byte: offset of the first byte of the field
 * @bit: the highest bit of the field in that byte, or -1 to point at the
 *	whole byte
 *
 * Sets the sense key specific field pointer of SPC-4 4.5.2.4.2, meant
 * for ILLEGAL REQUEST sense data: bytes 15..17 of fixed format sense data,
 * or a sense key specific descriptor (SPC-4 4.5.2.4.1) in descriptor
 * format sense data, appended unless one is already present.
 *
 * Return: the new length of the sense data, -EINVAL if @buf holds no
 * valid sense data or @byte or @bit is out of range, or -ENOSPC if @buf
 * is too small.
 */
int scst_sense_set_field_pointer(u8 *buf, unsigned int len, bool cd,
				 unsigned int byte, int bit)
{
	unsigned int cur;
	u8 sks[3];
	u8 *d;

	if (len < SCST_DESC_HDR_LEN || byte > U16_MAX || bit > 7)
		return -EINVAL;
	cur = SCST_DESC_HDR_LEN + buf[7];

	sks[0] = SCST_SKS_SKSV | (cd ? SCST_SKS_CD : 0);
	if (bit >= 0)
		sks[0] |= SCST_SKS_BPV | bit;
	put_unaligned_be16(byte, &sks[1]);

	switch (buf[0] & 0x7f) {
	case SCST_SENSE_FIXED_CUR:
	case SCST_SENSE_FIXED_DEF:
		if (len < SCST_FIXED_SENSE_LEN || cur < SCST_FIXED_SENSE_LEN)
			return -EINVAL;
		memcpy(&buf[15], sks, sizeof(sks));
		return min(cur, len);
	case SCST_SENSE_DESC_CUR:
	case SCST_SENSE_DESC_DEF:
		if (cur > len)
			return -EINVAL;
		d = scst_sense_find_desc(buf, cur, SCST_DESC_TYPE_SKS);
		if (!d) {
			if (cur + SCST_DESC_SKS_LEN > len ||
			    buf[7] + SCST_DESC_SKS_LEN > SCST_SENSE_MAX_ADDL)
				return -ENOSPC;
			d = buf + cur;
			cur += SCST_DESC_SKS_LEN;
			buf[7] += SCST_DESC_SKS_LEN;
		} else if (d[1] != SCST_DESC_SKS_LEN - 2) {
			return -EINVAL;
		}
		d[0] = SCST_DESC_TYPE_SKS;
		d[1] = SCST_DESC_SKS_LEN - 2;
		d[2] = 0;
		d[3] = 0;
		memcpy(&d[4], sks, sizeof(sks));
		d[7] = 0;
		return cur;
	default:
		return -EINVAL;
	}
}
EXPORT_SYMBOL_GPL(scst_sense_set_field_pointer);

/**
 * scst_set_invalid_field() - fail a command because of an invalid field
 * @cmd: the command
 * @in_cdb: the field is in the CDB (INVALID FIELD IN CDB) rather than in
 *	the parameter data (INVALID FIELD IN PARAMETER LIST)
 * @byte: offset of the first byte of the field
 * @bit: the highest bit of the field in that byte, or -1 for none
 *
 * Sets CHECK CONDITION with ILLEGAL REQUEST sense data carrying a field
 * pointer (SPC-4 4.5.2.4.2) to the field.
 */
void scst_set_invalid_field(struct scst_cmd *cmd, bool in_cdb,
			    unsigned int byte, int bit)
{
	int len;

	if (in_cdb)
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_FIELD_IN_CDB);
	else
		scst_set_cmd_error(cmd, ILLEGAL_REQUEST,
				   SCST_ASC_INVALID_FIELD_IN_PARAM_LIST);
	len = scst_sense_set_field_pointer(cmd->sense, sizeof(cmd->sense),
					   in_cdb, byte, bit);
	if (len > 0)
		cmd->sense_len = len;
}
EXPORT_SYMBOL_GPL(scst_set_invalid_field);

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
