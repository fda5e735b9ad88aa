// SPDX-License-Identifier: GPL-2.0
/*
 * scstadmin: what the kernel's SCST supports.
 *
 * The attribute tables follow Documentation/ABI/testing/configfs-scst,
 * Documentation/scst/vdisk.rst and Documentation/scst/vcdrom.rst. Their
 * defaults are those of the configuration file, which are the kernel's
 * except for enable: an object in the file is in service unless it says
 * "enable 0", while configfs makes devices and targets disabled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define MAX_SIZE	9223372036854775807ULL	/* MAX_LFS_FILESIZE */
#define MAX_PATH_LEN	4093	/* PATH_MAX - 2 with the newline */
#define MAX_CPUS	8192	/* NR_CPUS at most */
#define SERIAL_SEED	0x53435354

#define A_ENABLE \
	{ "enable", AT_BOOL, 0, 0, AD_CONST, "1", AF_ENABLE | AF_LIVE }
#define A_BOOL(n, d) \
	{ n, AT_BOOL, 0, 0, AD_CONST, d, 0 }
#define A_VENDOR \
	{ "vendor", AT_IDENT, 0, 8, AD_VENDOR, NULL, 0 }
#define A_PRODUCT \
	{ "product", AT_IDENT, 0, 16, AD_PRODUCT, NULL, 0 }
#define A_REVISION \
	{ "revision", AT_IDENT, 0, 4, AD_CONST, "0100", 0 }
#define A_SERIAL \
	{ "serial", AT_IDENT, 0, 32, AD_SERIAL, NULL, 0 }
#define A_THREADS_NUM \
	{ "threads_num", AT_U64, 0, 64, AD_CONST, "0", 0 }
#define A_POOL_TYPE \
	{ "threads_pool_type", AT_POOL, 0, 0, AD_CONST, "shared", 0 }

static const struct attr_def nullio_attrs[] = {
	A_ENABLE,
	A_BOOL("read_only", "0"),
	{ "blocksize", AT_BLOCKSIZE, 0, 0, AD_CONST, "512", 0 },
	{ "size", AT_U64, 1, MAX_SIZE, AD_CONST, "1073741824", AF_LIVE },
	A_BOOL("read_zero", "1"),
	A_VENDOR,
	A_PRODUCT,
	A_REVISION,
	A_SERIAL,
	A_THREADS_NUM,
	A_POOL_TYPE,
};

static const struct attr_def file_attrs[] = {
	A_ENABLE,
	A_BOOL("read_only", "0"),
	{ "blocksize", AT_BLOCKSIZE, 0, 0, AD_CONST, "512", 0 },
	{ "size", AT_U64, 0, MAX_SIZE, AD_CONST, "0", AF_LIVE },
	{ "filename", AT_PATH, 0, 0, AD_CONST, "", 0 },
	A_BOOL("write_through", "0"),
	A_VENDOR,
	A_PRODUCT,
	A_REVISION,
	A_SERIAL,
	A_THREADS_NUM,
	A_POOL_TYPE,
};

static const struct attr_def vcdrom_attrs[] = {
	A_ENABLE,
	{ "read_only", AT_BOOL, 0, 0, AD_CONST, "1", AF_FIXED },
	{ "blocksize", AT_BLOCKSIZE, 0, 0, AD_CONST, "2048", AF_FIXED },
	{ "filename", AT_PATH, 0, 0, AD_CONST, "", AF_LIVE },
	A_VENDOR,
	A_PRODUCT,
	A_REVISION,
	A_SERIAL,
	A_THREADS_NUM,
	A_POOL_TYPE,
};

const struct handler_def schema_handlers[] = {
	{ "vcdrom", "SCST", H_VCDROM, false,
	  vcdrom_attrs, ARRAY_SIZE(vcdrom_attrs) },
	{ "vdisk_blockio", "SCST_BIO", H_BLOCKIO, true,
	  file_attrs, ARRAY_SIZE(file_attrs) },
	{ "vdisk_fileio", "SCST_FIO", H_FILEIO, true,
	  file_attrs, ARRAY_SIZE(file_attrs) },
	{ "vdisk_nullio", "SCST_NUL", H_NULLIO, false,
	  nullio_attrs, ARRAY_SIZE(nullio_attrs) },
};

const unsigned int schema_n_handlers = ARRAY_SIZE(schema_handlers);

const struct driver_def schema_drivers[] = {
	{ "scst_local" },
};

const unsigned int schema_n_drivers = ARRAY_SIZE(schema_drivers);

const struct attr_def schema_tgt_attrs[] = {
	A_ENABLE,
	{ "cpu_mask", AT_CPULIST, 0, 0, AD_CONST, "all", AF_LIVE },
};

const unsigned int schema_n_tgt_attrs = ARRAY_SIZE(schema_tgt_attrs);

const struct attr_def schema_lun_attrs[] = {
	A_BOOL("read_only", "0"),
};

const unsigned int schema_n_lun_attrs = ARRAY_SIZE(schema_lun_attrs);

const struct handler_def *schema_handler(const char *name)
{
	unsigned int i;

	for (i = 0; i < schema_n_handlers; i++)
		if (!strcmp(schema_handlers[i].name, name))
			return &schema_handlers[i];
	return NULL;
}

const struct driver_def *schema_driver(const char *name)
{
	unsigned int i;

	for (i = 0; i < schema_n_drivers; i++)
		if (!strcmp(schema_drivers[i].name, name))
			return &schema_drivers[i];
	return NULL;
}

const struct attr_def *schema_attr(const struct attr_def *attrs,
				   unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(attrs[i].name, name))
			return &attrs[i];
	return NULL;
}

/* A decimal number without sign or leading zeros, at most @max. */
static bool parse_u64(const char *s, unsigned long long max,
		      unsigned long long *val)
{
	unsigned long long v = 0;

	if (!*s || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++) {
		unsigned int d = *s - '0';

		if (*s < '0' || *s > '9' || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*val = v;
	return true;
}

/* A decimal number below MAX_CPUS, leading zeros allowed; advances *@s. */
static bool parse_cpu(const char **s, unsigned int *val)
{
	const char *p = *s;
	unsigned int v = 0;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v >= MAX_CPUS)
			return false;
	}
	*s = p;
	*val = v;
	return true;
}

/*
 * The kernel's list format (bitmap_parselist()): items "N", "N-M" or
 * "N-M:U/G" (of each group of G CPUs from N, the first U) separated by
 * commas. The canonical form is the kernel's: increasing, ranges of two
 * or more CPUs as "N-M".
 */
static bool check_cpulist(const char *s, char **canon)
{
	unsigned char set[MAX_CPUS] = { 0 };
	unsigned int start, end, used, len, i, j;
	bool any = false, range;
	struct strbuf sb;

	if (!strcmp(s, "all")) {
		*canon = xstrdup(s);
		return true;
	}
	for (;;) {
		if (!parse_cpu(&s, &start))
			return false;
		end = start;
		range = *s == '-';
		if (range) {
			s++;
			if (!parse_cpu(&s, &end) || end < start)
				return false;
		}
		len = end - start + 1;
		used = len;
		if (*s == ':' && range) {
			s++;
			if (!parse_cpu(&s, &used) || *s++ != '/' ||
			    !parse_cpu(&s, &len) || !len || used > len)
				return false;
		}
		for (i = start; i <= end; i++) {
			if ((i - start) % len < used) {
				set[i] = true;
				any = true;
			}
		}
		if (!*s)
			break;
		if (*s++ != ',')
			return false;
	}
	if (!any)
		return false;
	sb_init(&sb);
	for (i = 0; i < MAX_CPUS; i = j) {
		if (!set[i]) {
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < MAX_CPUS && set[j]; j++)
			;
		if (sb.len)
			sb_addc(&sb, ',');
		if (j - 1 > i)
			sb_addf(&sb, "%u-%u", i, j - 1);
		else
			sb_addf(&sb, "%u", i);
	}
	*canon = sb_detach(&sb);
	return true;
}

bool schema_check(const struct attr_def *a, const char *value, char **canon,
		  struct strbuf *why)
{
	unsigned long long v;
	size_t i, len = strlen(value);

	switch (a->type) {
	case AT_BOOL:
		if (strcmp(value, "0") && strcmp(value, "1")) {
			sb_adds(why, "must be 0 or 1");
			return false;
		}
		break;
	case AT_U64:
		if (!parse_u64(value, a->max, &v) || v < a->min) {
			sb_addf(why, "must be a decimal number from %llu to %llu",
				a->min, a->max);
			return false;
		}
		break;
	case AT_BLOCKSIZE:
		if (!parse_u64(value, 4096, &v) ||
		    (v != 512 && v != 1024 && v != 2048 && v != 4096)) {
			sb_adds(why, "must be 512, 1024, 2048 or 4096");
			return false;
		}
		break;
	case AT_IDENT:
		for (i = 0; i < len; i++)
			if (value[i] < 0x20 || value[i] > 0x7e)
				break;
		if (!len || len > a->max || i < len) {
			sb_addf(why, "must be 1 to %llu printable ASCII characters",
				a->max);
			return false;
		}
		break;
	case AT_PATH:
		if (len && value[0] != '/') {
			sb_adds(why, "must be an absolute path or empty");
			return false;
		}
		if (len > MAX_PATH_LEN) {
			sb_addf(why, "must be at most %u bytes long",
				MAX_PATH_LEN);
			return false;
		}
		for (i = 0; i < len; i++) {
			if ((unsigned char)value[i] < 0x20 ||
			    value[i] == 0x7f) {
				sb_adds(why, "must not hold control characters");
				return false;
			}
		}
		break;
	case AT_POOL:
		if (strcmp(value, "shared") && strcmp(value, "per_initiator")) {
			sb_adds(why, "must be shared or per_initiator");
			return false;
		}
		break;
	case AT_CPULIST:
		if (!check_cpulist(value, canon)) {
			sb_addf(why, "must be a list of CPUs from 0 to %u such as 0-3,8, or all",
				MAX_CPUS - 1);
			return false;
		}
		return true;
	}
	*canon = xstrdup(value);
	return true;
}

/*
 * Bob Jenkins' lookup3 hash as the kernel's jhash() computes it: whole
 * 12-byte blocks are read as three words in the CPU's byte order, the rest
 * a byte at a time from the least significant end.
 */
static uint32_t rol32(uint32_t w, unsigned int s)
{
	return (w << s) | (w >> (32 - s));
}

uint32_t schema_jhash(const void *key, size_t len, uint32_t initval)
{
	const unsigned char *k = key;
	uint32_t w[3], a, b, c;
	size_t i;

	a = 0xdeadbeef + (uint32_t)len + initval;
	b = a;
	c = a;
	for (; len > 12; len -= 12, k += 12) {
		memcpy(w, k, sizeof(w));
		a += w[0];
		b += w[1];
		c += w[2];
		a -= c; a ^= rol32(c, 4);  c += b;
		b -= a; b ^= rol32(a, 6);  a += c;
		c -= b; c ^= rol32(b, 8);  b += a;
		a -= c; a ^= rol32(c, 16); c += b;
		b -= a; b ^= rol32(a, 19); a += c;
		c -= b; c ^= rol32(b, 4);  b += a;
	}
	if (!len)
		return c;
	memset(w, 0, sizeof(w));
	for (i = 0; i < len; i++)
		w[i / 4] += (uint32_t)k[i] << (8 * (i % 4));
	a += w[0];
	b += w[1];
	c += w[2];
	c ^= b; c -= rol32(b, 14);
	a ^= c; a -= rol32(c, 11);
	b ^= a; b -= rol32(a, 25);
	c ^= b; c -= rol32(b, 16);
	a ^= c; a -= rol32(c, 4);
	b ^= a; b -= rol32(a, 14);
	c ^= b; c -= rol32(b, 24);
	return c;
}

char *schema_default(const struct attr_def *a, const struct handler_def *h,
		     const char *dev)
{
	switch (a->dflt) {
	case AD_VENDOR:
		return xstrdup(h->vendor);
	case AD_PRODUCT:
		return xstrndup(dev, strnlen(dev, a->max));
	case AD_SERIAL:
		return xasprintf("%08x",
				 schema_jhash(dev, strlen(dev), SERIAL_SEED));
	case AD_CONST:
		break;
	}
	return xstrdup(a->def);
}

bool schema_is_default(const struct attr_def *a, const struct handler_def *h,
		       const char *dev, const char *value)
{
	char *d = schema_default(a, h, dev);
	bool ret = !strcmp(d, value);

	free(d);
	return ret;
}

char *schema_value(const struct attr_def *a, const struct attr_list *l,
		   const struct handler_def *h, const char *dev)
{
	const char *v = attr_get(l, a->name);

	return v ? xstrdup(v) : schema_default(a, h, dev);
}

char *schema_initial(const struct attr_def *a, const struct handler_def *h,
		     const char *dev)
{
	if (a->flags & AF_ENABLE)
		return xstrdup("0");
	return schema_default(a, h, dev);
}

bool schema_parse_lun(const char *s, unsigned int *nr)
{
	unsigned int v = 0;

	if (!*s || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > SCHEMA_MAX_LUN)
			return false;
	}
	*nr = v;
	return true;
}

bool schema_check_name(enum name_kind kind, const char *s,
		       struct strbuf *why)
{
	static const size_t max[] = {
		[NK_DEVICE] = 63,
		[NK_TARGET] = 223,
		[NK_GROUP] = 255,
		[NK_INITIATOR] = 223,
		[NK_SESSION] = 223,
	};
	size_t i, len = strlen(s);

	if (!len) {
		sb_adds(why, "must not be empty");
		return false;
	}
	if (!strcmp(s, ".") || !strcmp(s, "..")) {
		sb_adds(why, "must not be . or ..");
		return false;
	}
	if (kind == NK_INITIATOR && !strcmp(s, "!")) {
		sb_adds(why, "must not be ! alone");
		return false;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c < 0x20 || c == 0x7f) {
			sb_adds(why, "must not hold control characters");
			return false;
		}
		if (c == '/') {
			sb_adds(why, "must not hold /");
			return false;
		}
		if (kind == NK_DEVICE && c > 0x7e) {
			sb_adds(why, "must be printable ASCII");
			return false;
		}
	}
	if (len > max[kind]) {
		sb_addf(why, "must be at most %zu %s long", max[kind],
			kind == NK_DEVICE ? "characters" : "bytes");
		return false;
	}
	return true;
}

#define NO_PI	"this kernel has no protection information"
#define NO_ALUA	"this kernel has no ALUA"
#define NO_ID	"the device identifiers derive from the device name"

static const struct compat_def compat[] = {
	{ CS_DEVICE, "t10_vend_id", H_VDISK | H_VCDROM, CK_RENAME, "vendor", NULL },
	{ CS_DEVICE, "prod_id", H_VDISK | H_VCDROM, CK_RENAME, "product", NULL },
	{ CS_DEVICE, "prod_rev_level", H_VDISK | H_VCDROM, CK_RENAME,
	  "revision", NULL },
	{ CS_DEVICE, "usn", H_VDISK | H_VCDROM, CK_RENAME, "serial", NULL },
	{ CS_DEVICE, "size_mb", H_VDISK, CK_MIB, "size", NULL },
	{ CS_DEVICE, "nv_cache", H_VDISK, CK_FIXED, "0",
	  "the devices honour SYNCHRONIZE CACHE and FUA" },
	{ CS_DEVICE, "o_direct", H_FILEIO, CK_FIXED, "0",
	  "vdisk_blockio is the handler that bypasses the page cache" },
	{ CS_DEVICE, "removable", H_VDISK, CK_FIXED, "0",
	  "disks have no removable medium" },
	{ CS_DEVICE, "removable", H_VCDROM, CK_FIXED, "1",
	  "a CD-ROM drive has a removable medium" },
	{ CS_DEVICE, "thin_provisioned", H_NULLIO | H_FILEIO, CK_FIXED, "1",
	  "these devices are always thin provisioned" },
	{ CS_DEVICE, "thin_provisioned", H_BLOCKIO, CK_REFUSE, NULL,
	  "thin provisioning follows the block device's discard support" },
	{ CS_DEVICE, "cluster_mode", H_VDISK | H_VCDROM, CK_FIXED, "0",
	  "this kernel has no clustering" },
	{ CS_DEVICE, "t10_dev_id", H_VDISK | H_VCDROM, CK_REFUSE, NULL, NO_ID },
	{ CS_DEVICE, "eui64_id", H_VDISK | H_VCDROM, CK_REFUSE, NULL, NO_ID },
	{ CS_DEVICE, "naa_id", H_VDISK | H_VCDROM, CK_REFUSE, NULL, NO_ID },
	{ CS_DEVICE, "dif_mode", H_VDISK, CK_REFUSE, NULL, NO_PI },
	{ CS_DEVICE, "dif_type", H_VDISK, CK_REFUSE, NULL, NO_PI },
	{ CS_DEVICE, "dif_static_app_tag", H_VDISK, CK_REFUSE, NULL, NO_PI },
	{ CS_DEVICE, "dif_filename", H_VDISK, CK_REFUSE, NULL, NO_PI },
	{ CS_DEVICE, "pr_file_name", H_VDISK | H_VCDROM, CK_REFUSE, NULL,
	  "this kernel has no persistent reservations" },
	{ CS_DEVICE, "rotational", H_VDISK, CK_REFUSE, NULL,
	  "the medium rotation rate is not configurable" },
	{ CS_DEVICE, "tst", H_VDISK | H_VCDROM, CK_REFUSE, NULL,
	  "the task set type is not configurable" },
	{ CS_DEVICE, "expl_alua", H_VDISK | H_VCDROM, CK_REFUSE, NULL, NO_ALUA },
	{ CS_DEVICE, "dummy", H_NULLIO, CK_REFUSE, NULL,
	  "this kernel has no dummy devices" },
	{ CS_DEVICE, "active", H_VDISK | H_VCDROM, CK_REFUSE, NULL,
	  "use enable" },
	{ CS_TARGET, "enabled", 0, CK_RENAME, "enable", NULL },
	{ CS_TARGET, "rel_tgt_id", 0, CK_REFUSE, NULL,
	  "relative target port identifiers are assigned by the kernel" },
	{ CS_TARGET, "addr_method", 0, CK_REFUSE, NULL,
	  "the LUN addressing method follows the LUN number" },
	{ CS_TARGET, "io_grouping_type", 0, CK_REFUSE, NULL,
	  "this kernel has no I/O grouping" },
	{ CS_TARGET, "black_hole", 0, CK_REFUSE, NULL,
	  "this kernel has no black hole mode" },
	{ CS_TARGET, "forwarding", 0, CK_REFUSE, NULL,
	  "this kernel has no forwarding" },
	{ CS_TARGET, "comment", 0, CK_REFUSE, NULL,
	  "use a # comment" },
};

const struct compat_def *schema_compat(enum compat_scope scope,
				       const char *name, unsigned int hmask)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(compat); i++) {
		const struct compat_def *c = &compat[i];

		if (c->scope == scope && !strcmp(c->name, name) &&
		    (scope != CS_DEVICE || (c->handlers & hmask)))
			return c;
	}
	return NULL;
}
