// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: logical unit number encoding (SAM-5 4.7).
 *
 * The core supports single level LUNs only, in the two address methods
 * every initiator understands:
 *
 *  - peripheral device addressing (00b) with bus identifier 0 for LUNs
 *    0..255 (SAM-5 4.7.6.2);
 *  - flat space addressing (01b) for LUNs 0..16383 (SAM-5 4.7.6.3).
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/string.h>
#include <scst/scst.h>

#define SCST_LUN_AM_PERIPHERAL	0x0
#define SCST_LUN_AM_FLAT	0x1

/**
 * scst_unpack_lun() - decode a single level LUN field
 * @lun: the LUN field as received from the transport
 * @len: its length in bytes, normally %SCST_LUN_LEN
 * @valid: set to true if @lun holds a LUN the core can address
 *
 * Accepts peripheral device addressing with bus identifier 0 and flat
 * space addressing. Any other address method, a non-zero bus identifier
 * or non-zero second, third or fourth level addressing make the LUN
 * invalid.
 *
 * Return: the LUN, or 0 when *@valid is false.
 */
u64 scst_unpack_lun(const u8 *lun, unsigned int len, bool *valid)
{
	unsigned int i;
	u64 res;

	*valid = false;
	if (!lun || len < 2)
		return 0;

	/* Only the first level may be non-zero (SAM-5 4.7.2). */
	for (i = 2; i < len; i++)
		if (lun[i])
			return 0;

	switch (lun[0] >> 6) {
	case SCST_LUN_AM_PERIPHERAL:
		/* A non-zero bus identifier addresses another bus. */
		if (lun[0] & 0x3f)
			return 0;
		res = lun[1];
		break;
	case SCST_LUN_AM_FLAT:
		res = ((lun[0] & 0x3f) << 8) | lun[1];
		break;
	default:
		return 0;
	}

	if (res > SCST_MAX_LUN)
		return 0;

	*valid = true;
	return res;
}
EXPORT_SYMBOL_GPL(scst_unpack_lun);

/**
 * scst_pack_lun() - encode a LUN as an 8-byte single level LUN field
 * @lun: the LUN, at most %SCST_MAX_LUN
 * @buf: %SCST_LUN_LEN bytes to fill
 *
 * LUNs below 256 use peripheral device addressing, larger ones flat
 * space addressing, as SAM-5 4.7.6 recommends.
 */
void scst_pack_lun(u64 lun, u8 *buf)
{
	memset(buf, 0, SCST_LUN_LEN);

	if (WARN_ON_ONCE(lun > SCST_MAX_LUN))
		return;

	if (lun < 256) {
		buf[1] = lun;
	} else {
		buf[0] = (SCST_LUN_AM_FLAT << 6) | (lun >> 8);
		buf[1] = lun & 0xff;
	}
}
EXPORT_SYMBOL_GPL(scst_pack_lun);
