// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST: parsing of values written to configfs attributes and of configfs
 * directory names.
 *
 * Everything here comes from user space and is checked strictly: a value
 * is accepted only in its canonical form, optionally followed by the one
 * newline echo(1) adds. On error the outputs are left unchanged.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include "scst_priv.h"

/* Length of @page without one trailing newline. */
static size_t scst_strip_nl(const char *page, size_t count)
{
	if (count && page[count - 1] == '\n')
		count--;
	return count;
}

/**
 * scst_parse_bool() - parse a boolean attribute value
 * @page: the value
 * @count: its length
 * @val: set to the value
 *
 * Only "0" and "1" are accepted.
 *
 * Return: 0 or -EINVAL.
 */
int scst_parse_bool(const char *page, size_t count, bool *val)
{
	count = scst_strip_nl(page, count);
	if (count != 1 || (page[0] != '0' && page[0] != '1'))
		return -EINVAL;
	*val = page[0] == '1';
	return 0;
}
EXPORT_SYMBOL_GPL(scst_parse_bool);

/**
 * scst_parse_u64() - parse an unsigned decimal attribute value
 * @page: the value
 * @count: its length
 * @val: set to the value
 *
 * Signs, base prefixes, leading zeros, white space other than one
 * trailing newline and values above U64_MAX are rejected: "010" is eight
 * to strtoul(..., 0) and to shell arithmetic, so only the canonical form
 * leaves no doubt about the value meant.
 *
 * Return: 0 or -EINVAL.
 */
int scst_parse_u64(const char *page, size_t count, u64 *val)
{
	u64 res = 0;
	size_t i;

	count = scst_strip_nl(page, count);
	if (!count || (page[0] == '0' && count > 1))
		return -EINVAL;

	for (i = 0; i < count; i++) {
		if (page[i] < '0' || page[i] > '9')
			return -EINVAL;
		if (check_mul_overflow(res, 10ULL, &res) ||
		    check_add_overflow(res, (u64)(page[i] - '0'), &res))
			return -EINVAL;
	}

	*val = res;
	return 0;
}
EXPORT_SYMBOL_GPL(scst_parse_u64);

/**
 * scst_parse_block_size() - parse a logical block size attribute value
 * @page: the value
 * @count: its length
 * @val: set to the block size
 *
 * Return: 0, or -EINVAL unless the value is 512, 1024, 2048 or 4096.
 */
int scst_parse_block_size(const char *page, size_t count, u32 *val)
{
	u64 v;
	int ret;

	ret = scst_parse_u64(page, count, &v);
	if (ret)
		return ret;

	switch (v) {
	case 512:
	case 1024:
	case 2048:
	case 4096:
		*val = v;
		return 0;
	default:
		return -EINVAL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(scst_parse_block_size);

/**
 * scst_parse_ident() - parse an INQUIRY identity string attribute value
 * @page: the value
 * @count: its length
 * @dst: buffer for the NUL terminated string
 * @dst_size: size of @dst
 *
 * INQUIRY data fields are ASCII (SPC-4 4.4.1): only printable characters
 * 20h..7Eh are accepted.
 *
 * Return: 0, or -EINVAL if the value is empty, too long or contains other
 * characters.
 */
int scst_parse_ident(const char *page, size_t count, char *dst,
		     size_t dst_size)
{
	size_t i;

	count = scst_strip_nl(page, count);
	if (!count || count >= dst_size)
		return -EINVAL;

	for (i = 0; i < count; i++)
		if (page[i] < 0x20 || page[i] > 0x7e)
			return -EINVAL;

	memcpy(dst, page, count);
	dst[count] = '\0';
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(scst_parse_ident);

/**
 * scst_parse_lun() - parse the name of a LUN directory
 * @name: NUL terminated directory name
 * @lun: set to the LUN
 *
 * The name must be the LUN in decimal without leading zeros, so that each
 * LUN has exactly one directory name.
 *
 * Return: 0, or -EINVAL if @name is no such number or the LUN is above
 * %SCST_MAX_LUN.
 */
int scst_parse_lun(const char *name, u64 *lun)
{
	u64 res = 0;
	size_t i;

	if (!name[0] || (name[0] == '0' && name[1]))
		return -EINVAL;

	for (i = 0; name[i]; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -EINVAL;
		res = res * 10 + (name[i] - '0');
		if (res > SCST_MAX_LUN)
			return -EINVAL;
	}

	*lun = res;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(scst_parse_lun);

/**
 * scst_parse_trigger() - parse the value of a write-only action attribute
 * @page: the value
 * @count: its length
 *
 * Attributes such as a session's force_close act when "1" is written;
 * every other value, "0" included, is an error.
 *
 * Return: 0 if the value is "1", else -EINVAL.
 */
int scst_parse_trigger(const char *page, size_t count)
{
	bool val;

	if (scst_parse_bool(page, count, &val) || !val)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(scst_parse_trigger);
